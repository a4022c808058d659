"""Jullière's TMR formula."""

from __future__ import annotations

import numpy as np
import pytest

from spinkit.errors import ParameterError
from spinkit.tunneling.julliere import (
    julliere_tmr,
    julliere_tmr_materials,
    polarization_from_tmr,
    tunneling_polarization,
)


def test_formula_values():
    """TMR = 2 P1 P2 / (1 - P1 P2) (M. Jullière, Phys. Lett. A 54, 225 (1975); the review's
    TMR section): P1 = P2 = 0.5 gives 2/3; unpolarized electrodes give 0; opposite signs
    give a negative TMR."""
    assert julliere_tmr(0.5, 0.5) == pytest.approx(2 / 3, rel=1e-14)
    assert julliere_tmr(0.0, 0.7) == 0.0
    assert julliere_tmr(0.4, -0.4) == pytest.approx(-0.32 / 1.16, rel=1e-14)
    np.testing.assert_allclose(julliere_tmr(np.array([0.2, 0.6]), 0.5),
                               [0.2 / 0.9, 0.6 / 0.7], rtol=1e-14)


def test_materials_fe_co():
    """Fe (P = 0.44) and Co (P = 0.45) from Meservey-Tedrow superconducting tunneling
    (R. Meservey and P. M. Tedrow, Phys. Rep. 238, 173 (1994)): 2 x 0.198 / 0.802."""
    assert julliere_tmr_materials("Fe", "Co") == pytest.approx(0.396 / 0.802, rel=1e-12)


def test_polarization_inverts_identical_electrodes():
    """P = sqrt(TMR / (2 + TMR)) inverts 2P^2/(1 - P^2) for identical electrodes."""
    p = np.array([0.1, 0.44, 0.9])
    np.testing.assert_allclose(polarization_from_tmr(2 * p**2 / (1 - p**2)), p, rtol=1e-13)


def test_bad_input():
    with pytest.raises(ParameterError, match="p1"):
        julliere_tmr(1.2, 0.5)
    with pytest.raises(ParameterError, match="p1"):
        julliere_tmr(1.0, 1.0)
    with pytest.raises(ParameterError, match="right"):
        julliere_tmr_materials("Fe", "Cu")
    with pytest.raises(ParameterError, match="tmr"):
        polarization_from_tmr(-1)
    with pytest.raises(ParameterError, match="^p2"):
        julliere_tmr(0.5, 0.5 + 0.1j)
    with pytest.raises(ParameterError, match="^p1"):
        julliere_tmr(True, 0.5)
    with pytest.raises(ParameterError, match="^material"):
        tunneling_polarization("Cu")
