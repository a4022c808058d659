"""AMR and planar Hall: the cos^2 law, evenness in m, macrospin vs field read-out."""

import numpy as np
import pytest

from spinkit.errors import ParameterError
from spinkit.transport.amr import amr_readout, amr_resistivity, planar_hall_resistivity

RPAR, RPERP = 2.2e-7, 2.1e-7  # Ni80Fe20-like, Delta rho / rho ~ 5% (McGuire and Potter 1975)


def test_angle_law_and_even_in_m():
    """rho(theta) = rho_perp + Delta cos^2 theta; rho_xy = (Delta/2) sin 2 theta; m -> -m."""
    th = np.linspace(0, 2 * np.pi, 37)
    m = np.stack([np.cos(th), np.sin(th), np.zeros_like(th)], axis=-1)
    rxx = amr_resistivity(m, [1, 0, 0], RPAR, RPERP)
    rxy = planar_hall_resistivity(m, [1, 0, 0], [0, 1, 0], RPAR, RPERP)
    np.testing.assert_allclose(rxx, RPERP + (RPAR - RPERP) * np.cos(th) ** 2, rtol=1e-14)
    np.testing.assert_allclose(rxy, 0.5 * (RPAR - RPERP) * np.sin(2 * th), atol=1e-22)
    np.testing.assert_array_equal(amr_resistivity(-m, [1, 0, 0], RPAR, RPERP), rxx)
    np.testing.assert_array_equal(
        planar_hall_resistivity(-m, [1, 0, 0], [0, 1, 0], RPAR, RPERP), rxy)
    assert amr_resistivity([0, 0, 1], [1, 0, 0], RPAR, RPERP) == pytest.approx(RPERP, rel=1e-14,
                                                                             abs=0)


def test_field_readout():
    """Uniform field = macrospin; halves along x add in series, halves along y in parallel."""
    geom = dict(rho_par=RPAR, rho_perp=RPERP, length=1e-6, width=2e-7, thickness=1e-8,
                current=1e-3)
    mac = amr_readout(np.array([0.6, 0.8, 0.0]), **geom)
    field = np.zeros((8, 4, 2, 3))
    field[...] = [0.6, 0.8, 0.0]
    fr = amr_readout(field, field=True, **geom)
    assert fr.resistance == pytest.approx(mac.resistance, rel=1e-12, abs=0)
    assert fr.hall_voltage == pytest.approx(mac.hall_voltage, rel=1e-12, abs=0)
    f2 = np.zeros((8, 4, 2, 3))
    f2[:4, ..., 0] = 1.0
    f2[4:, ..., 1] = 1.0
    series = 0.5 * (RPAR + RPERP) * 1e-6 / (2e-7 * 1e-8)
    assert amr_readout(f2, field=True, **geom).resistance == pytest.approx(series, rel=1e-12, abs=0)
    f3 = np.zeros((8, 4, 2, 3))
    f3[:, :2, :, 0] = 1.0
    f3[:, 2:, :, 1] = 1.0
    par = 1e-6 / (2e-7 * 1e-8) / (0.5 / RPAR + 0.5 / RPERP)
    assert amr_readout(f3, field=True, **geom).resistance == pytest.approx(par, rel=1e-12, abs=0)
    traj = np.array([[1.0, 0, 0], [0, 1.0, 0]])
    out = amr_readout(traj, **geom)
    assert out.voltage[0] / out.voltage[1] == pytest.approx(RPAR / RPERP, rel=1e-12, abs=0)


def test_bad_input():
    with pytest.raises(ParameterError, match="rho"):
        amr_resistivity([1, 0, 0], [1, 0, 0], -1.0, 1.0)
    with pytest.raises(ParameterError, match="transverse"):
        planar_hall_resistivity([1, 0, 0], [1, 0, 0], [1, 1, 0], RPAR, RPERP)
    with pytest.raises(ParameterError, match="m"):
        amr_resistivity([0, 0, 0], [1, 0, 0], RPAR, RPERP)
