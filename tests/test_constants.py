"""spinkit.constants: CODATA values, named release."""

import pytest

from spinkit import constants as c


def test_release_is_named():
    assert c.CODATA_RELEASE.startswith("CODATA 20")


def test_exact_si_constants():
    """e, h and k_B are exact since the 2019 SI redefinition."""
    assert c.e == 1.602176634e-19
    assert c.h == 6.62607015e-34
    assert c.k_B == 1.380649e-23


def test_derived_and_measured_constants():
    """CODATA 2018/2022: mu_B = 9.27401008e-24 J/T, gamma_e = 1.76085963e11 rad/(s T)."""
    assert c.mu_B == pytest.approx(9.27401008e-24, rel=1e-8)
    assert c.gamma_e == pytest.approx(1.76085963e11, rel=1e-8)
    assert c.G0 == pytest.approx(7.748091729e-5, rel=1e-9)
    assert c.J_to_eV(c.eV_to_J(1.5)) == pytest.approx(1.5)
