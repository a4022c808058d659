"""Spin valve at any angle: circuit theory (collinear limits, Slonczewski's form) and the
noncollinear Valet-Fert stack solver (collinear limit, thin-spacer limit, symmetries)."""

import numpy as np
import pytest

from spinkit.errors import ParameterError
from spinkit.transport.noncollinear import contact_conductances, spin_valve_angle
from spinkit.transport.valet_fert import (
    Interface,
    Layer,
    fnf_resistance_area,
    solve_cpp,
    solve_cpp_noncollinear,
)

THETA = np.linspace(0, np.pi, 13)


def test_collinear_limits_are_the_resistor_model():
    """theta = 0, pi: two contacts in series per spin channel, channels in parallel.

    AR ~ 1e-15 Ohm m^2, so the comparison is relative only (abs=0): pytest.approx's default
    absolute tolerance 1e-12 would accept any value."""
    gu, gd = 3e15, 1e15
    res = spin_valve_angle(np.array([0.0, np.pi]), g_up=gu, g_down=gd, g_mix=2e15)
    r_up, r_dn = 1 / gu, 1 / gd
    assert res.resistance_area[0] == pytest.approx(1 / (1 / (2 * r_up) + 1 / (2 * r_dn)),
                                                  rel=1e-12, abs=0)
    assert res.resistance_area[1] == pytest.approx((r_up + r_dn) / 2, rel=1e-12, abs=0)


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
    t_N << lambda_N (Fert and Jaffres, PRB 64, 184420 (2001)): 2 (beta r_F + gamma r_b*)^2 / R,
    written out here, and the closed form of fnf_resistance_area, whose leading thin-spacer
    correction is the relative -rho_N t_N / (2 R) (the spacer's spin resistance; 2e-6 at
    t_N = 1 pm - an earlier rel=1e-6 check passed only through approx's absolute 1e-12)."""
    kw = dict(rho_f=2e-7, beta=0.5, lambda_f=10e-9, r_b=5e-16, gamma=0.7)
    gu, gd = contact_conductances(**kw)
    res = spin_valve_angle(np.array([0.0, np.pi]), g_up=gu, g_down=gd, g_mix=1e15)
    big_r = 2e-7 * 10e-9 + 5e-16
    exact = 2 * (0.5 * 2e-7 * 10e-9 + 0.7 * 5e-16) ** 2 / big_r
    delta = np.diff(res.resistance_area)[0]
    assert delta == pytest.approx(exact, rel=1e-12, abs=0)
    for t_n in (1e-12, 1e-13):
        p, ap = fnf_resistance_area(rho_f=2e-7, beta=0.5, lambda_f=10e-9, rho_n=1e-8,
                                    lambda_n=1.0, t_n=t_n, r_b=5e-16, gamma=0.7)
        assert (ap - p) / delta - 1 == pytest.approx(-1e-8 * t_n / (2 * big_r), rel=1e-3,
                                                     abs=0)


def test_bad_input():
    with pytest.raises(ParameterError, match="g_up"):
        spin_valve_angle(THETA, g_up=0.0, g_down=1.0, g_mix=1.0)
    with pytest.raises(ParameterError, match="r_b"):
        contact_conductances(rho_f=1e-7, beta=0.5, lambda_f=1e-8, r_b=-1.0)


# ------------------------------------------------ noncollinear Valet-Fert through a stack
F5 = Layer(5e-9, 2e-7, 0.5, 10e-9, 1, "F")
N10 = Layer(10e-9, 1e-8, 0.0, 300e-9, 0, "N")
LEAD = Layer(30e-9, 1e-8, 0.0, 300e-9, 0)


@pytest.mark.parametrize("ends", ["leads", "reservoirs"])
@pytest.mark.parametrize("signs", [(1, 1, 1), (1, -1, 1), (-1, 1, -1)])
def test_noncollinear_collinear_limit_is_valet_fert(ends, signs):
    """All magnetizations along +-z: the vector solver equals the collinear Valet-Fert
    solver (T. Valet and A. Fert, PRB 48, 7099 (1993)) to 1e-9, with interfaces of both
    signs of gamma and an explicit interface magnetization, any mixing conductance."""
    fs = [Layer(5e-9 * (1 + 0.3 * i), 2e-7, 0.5, 10e-9, m) for i, m in enumerate(signs)]
    stack = [LEAD, fs[0], N10, fs[1], N10, fs[2], LEAD]
    ifaces = [Interface(5e-16, 0.7)] * 6
    ifaces[2] = Interface(3e-16, -0.4, -1)
    ref = solve_cpp(stack, ifaces, ends=ends).resistance_area
    for g_mix in (0.0, 5e14, np.inf):
        got = solve_cpp_noncollinear(stack, ifaces, mixing_conductance=g_mix, ends=ends)
        assert got.resistance_area == pytest.approx(ref, rel=1e-9, abs=0)


def test_noncollinear_thin_spacer_is_circuit_theory():
    """F/N/F (semi-infinite F, interfaces r_b*, gamma) with t_N << lambda_N: AR(theta) -
    AR(0) tends to the one-node circuit theory (Brataas, Nazarov and Bauer, PRL 84, 2481
    (2000)) with contacts from contact_conductances, the error falling linearly in t_N."""
    rho_f, beta, lam_f, rb, gam, g_mix = 2e-7, 0.5, 10e-9, 5e-16, 0.7, 1e15
    theta = np.linspace(0, np.pi, 7)
    gu, gd = contact_conductances(rho_f=rho_f, beta=beta, lambda_f=lam_f, r_b=rb, gamma=gam)
    circ = spin_valve_angle(theta, g_up=gu, g_down=gd, g_mix=g_mix).resistance_area
    circ = circ - circ[0]
    errs = []
    for t_n in (1e-10, 1e-11):
        f, n = Layer(1e-9, rho_f, beta, lam_f, 1), Layer(t_n, 1e-8, 0.0, 1e-6, 0)
        ar = np.array([solve_cpp_noncollinear([f, n, f], [Interface(rb, gam)] * 2,
                                              [(0, 0, 1), (0, 0, 1), (np.sin(t), 0, np.cos(t))],
                                              mixing_conductance=g_mix).resistance_area
                       for t in theta])
        errs.append(np.max(np.abs(ar - ar[0] - circ)) / circ[-1])
    assert errs[1] < 1e-3
    assert errs[0] / errs[1] == pytest.approx(10.0, rel=0.05, abs=0)


def test_noncollinear_symmetries():
    """AR(theta) = AR(-theta) = AR(2 pi - theta); a common rotation of all magnetizations
    changes nothing; r(theta) rises monotonically from P to AP; G_mix = 0 (no transverse
    absorption) and G_mix = inf bracket the angular curve at pi/2."""
    stack = [LEAD, F5, N10, F5, LEAD]
    ifaces = [Interface(5e-16, 0.7)] * 4

    def ar(theta, g_mix=5e14, rot=0.0):
        c, s = np.cos(rot), np.sin(rot)
        dirs = [(0, 0, 1), (s, 0, c), (0, 0, 1), (np.sin(theta + rot), 0, np.cos(theta + rot)),
                (0, 0, 1)]
        return solve_cpp_noncollinear(stack, ifaces, dirs, mixing_conductance=g_mix
                                      ).resistance_area

    theta = np.linspace(0, np.pi, 9)
    curve = np.array([ar(t) for t in theta])
    assert np.all(np.diff(curve) > 0)
    for t in (0.4, 1.3):
        assert ar(-t) == pytest.approx(ar(t), rel=1e-12, abs=0)
        assert ar(2 * np.pi - t) == pytest.approx(ar(t), rel=1e-12, abs=0)
        assert ar(t, rot=0.7) == pytest.approx(ar(t), rel=1e-12, abs=0)
    mid = [ar(np.pi / 2, g) for g in (0.0, 5e14, np.inf)]
    assert min(mid[0], mid[2]) <= mid[1] <= max(mid[0], mid[2])
    with pytest.raises(ParameterError, match="collinear"):
        solve_cpp_noncollinear([LEAD, F5, F5, LEAD], None,
                               [(0, 0, 1), (0, 0, 1), (1, 0, 0), (0, 0, 1)])
    with pytest.raises(ParameterError, match="mixing_conductance"):
        solve_cpp_noncollinear(stack, ifaces, mixing_conductance=-1.0)
    with pytest.raises(ParameterError, match="mixing_conductance"):
        solve_cpp_noncollinear(stack, ifaces, mixing_conductance=[1e14, 1e14])
    with pytest.raises(ParameterError, match="directions"):
        solve_cpp_noncollinear(stack, ifaces, [(0, 0, 1)] * 4)
    with pytest.raises(ParameterError, match="directions"):
        solve_cpp_noncollinear(stack, ifaces, [(0, 0, 1), (0, 0, 0), (0, 0, 1), (0, 0, 1),
                                               (0, 0, 1)])


def test_noncollinear_interface_spin_currents():
    """Collinear state: the interface spin currents are the collinear solver's J at each
    face, along z. At any angle: inside F only the longitudinal spin current flows (the F
    side of every F/N interface carries J parallel to M), and with the middle F tilted the
    spin current absorbed at its interfaces has a transverse part (the spin-transfer
    torque)."""
    stack = [LEAD, F5, N10, F5, LEAD]
    ifaces = [Interface(5e-16, 0.7)] * 4
    ref = solve_cpp(stack, ifaces, current_density=1e11)
    got = solve_cpp_noncollinear(stack, ifaces, mixing_conductance=5e14, current_density=1e11)
    for k in range(4):
        left = ref.spin_current[ref.layer_index == k][-1]
        right = ref.spin_current[ref.layer_index == k + 1][0]
        np.testing.assert_allclose(got.spin_current_left[k], [0, 0, left], atol=1e-9 * 1e11)
        np.testing.assert_allclose(got.spin_current_right[k], [0, 0, right], atol=1e-9 * 1e11)
    m = np.array([np.sin(1.0), 0.0, np.cos(1.0)])
    tilted = solve_cpp_noncollinear(stack, ifaces, [(0, 0, 1), (0, 0, 1), (0, 0, 1), m,
                                                    (0, 0, 1)], mixing_conductance=5e14,
                                    current_density=1e11)
    f_side = {0: tilted.spin_current_right[0], 1: tilted.spin_current_left[1],
              2: tilted.spin_current_right[2], 3: tilted.spin_current_left[3]}
    axes = {0: np.array([0, 0, 1.0]), 1: np.array([0, 0, 1.0]), 2: m, 3: m}
    for k, spin_j in f_side.items():
        assert np.linalg.norm(np.cross(spin_j, axes[k])) < 1e-12 * 1e11
    absorbed = tilted.spin_current_right[2] - tilted.spin_current_left[2]
    assert np.linalg.norm(np.cross(absorbed, m)) > 1e-3 * 1e11


def test_noncollinear_adjacent_ferromagnets_and_f_ends():
    """Collinear F|F contact (antiparallel, different materials) and ferromagnets at the
    stack's ends (as leads and against reservoirs): still the collinear solver to 1e-9."""
    g = Layer(3e-9, 3e-7, 0.3, 8e-9, -1)
    ifaces = [Interface(5e-16, 0.7), Interface(2e-16, 0.2), Interface(5e-16, 0.7),
              Interface(5e-16, 0.7), Interface(5e-16, 0.7)]
    for stack, ends in (([LEAD, F5, g, N10, F5, LEAD], "leads"),
                        ([LEAD, F5, g, N10, F5, LEAD], "reservoirs"),
                        ([F5, g, N10, F5], "reservoirs"), ([F5, g, N10, F5], "leads")):
        fs = ifaces[:len(stack) - 1]
        ref = solve_cpp(stack, fs, ends=ends).resistance_area
        got = solve_cpp_noncollinear(stack, fs, mixing_conductance=3e14, ends=ends)
        assert got.resistance_area == pytest.approx(ref, rel=1e-9, abs=0)
