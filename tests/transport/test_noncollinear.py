"""Spin valve at any angle (circuit theory): collinear limits and Slonczewski's form."""

import numpy as np
import pytest

from spinkit.errors import ParameterError
from spinkit.transport.noncollinear import contact_conductances, spin_valve_angle
from spinkit.transport.valet_fert import fnf_resistance_area

THETA = np.linspace(0, np.pi, 13)


def test_collinear_limits_are_the_resistor_model():
    """theta = 0, pi: two contacts in series per spin channel, channels in parallel."""
    gu, gd = 3e15, 1e15
    res = spin_valve_angle(np.array([0.0, np.pi]), g_up=gu, g_down=gd, g_mix=2e15)
    r_up, r_dn = 1 / gu, 1 / gd
    assert res.resistance_area[0] == pytest.approx(1 / (1 / (2 * r_up) + 1 / (2 * r_dn)))
    assert res.resistance_area[1] == pytest.approx((r_up + r_dn) / 2)


@pytest.mark.parametrize("g_mix", [3e14, 1e15, 5e15])
def test_slonczewski_angular_form(g_mix):
    """r(theta) = (1 - cos^2(theta/2))/(1 + chi cos^2(theta/2)) (J. C. Slonczewski, JMMM
    247, 324 (2002)); chi from theta = pi/2 predicts every other angle; r is monotonic."""
    res = spin_valve_angle(THETA, g_up=3e15, g_down=1e15, g_mix=g_mix)
    r = res.reduced
    c2 = np.cos(THETA / 2) ** 2
    chi = 1 / r[6] - 2
    np.testing.assert_allclose(r, (1 - c2) / (1 + chi * c2), atol=1e-12)
    assert np.all(np.diff(r) > 0)


def test_spin_flip_kills_gmr_and_symmetry():
    """Strong spin flip in the node: no angular dependence; theta -> -theta same AR."""
    res = spin_valve_angle(THETA, g_up=3e15, g_down=1e15, g_mix=1e15, g_sf=1e22)
    assert np.ptp(res.resistance_area) < 1e-6 * res.resistance_area[0]
    a = spin_valve_angle(THETA, g_up=3e15, g_down=1e15, g_mix=1e15).resistance_area
    b = spin_valve_angle(-THETA, g_up=3e15, g_down=1e15, g_mix=1e15).resistance_area
    np.testing.assert_allclose(a, b, rtol=1e-13)


def test_contacts_reproduce_valet_fert_thin_spacer():
    """Contacts from contact_conductances give the Valet-Fert A.Delta.R of F/N/F with
    t_N << lambda_N (Fert and Jaffres, PRB 64, 184420 (2001))."""
    kw = dict(rho_f=2e-7, beta=0.5, lambda_f=10e-9, r_b=5e-16, gamma=0.7)
    gu, gd = contact_conductances(**kw)
    res = spin_valve_angle(np.array([0.0, np.pi]), g_up=gu, g_down=gd, g_mix=1e15)
    p, ap = fnf_resistance_area(rho_f=2e-7, beta=0.5, lambda_f=10e-9, rho_n=1e-8,
                                lambda_n=1.0, t_n=1e-12, r_b=5e-16, gamma=0.7)
    assert np.diff(res.resistance_area)[0] == pytest.approx(ap - p, rel=1e-6)


def test_bad_input():
    with pytest.raises(ParameterError, match="g_up"):
        spin_valve_angle(THETA, g_up=0.0, g_down=1.0, g_mix=1.0)
    with pytest.raises(ParameterError, match="r_b"):
        contact_conductances(rho_f=1e-7, beta=0.5, lambda_f=1e-8, r_b=-1.0)
