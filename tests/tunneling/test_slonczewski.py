"""Slonczewski's free-electron MTJ solved by transfer matrices."""

from __future__ import annotations

import numpy as np
import pytest

from spinkit import constants
from spinkit.errors import ParameterError
from spinkit.tunneling.landauer import Device, transmission
from spinkit.tunneling.leads import Lead
from spinkit.tunneling.slonczewski import FreeElectronJunction, slonczewski_polarization

EV = constants.eV
HB, ME = constants.hbar, constants.m_e


def fe_junction(thickness: float, barrier: float = 3.0) -> FreeElectronJunction:
    """k_up = 1.09/Å, k_dn = 0.42/Å: E_F = 4.53 eV, Delta = 3.86 eV."""
    return FreeElectronJunction(4.53 * EV, 3.86 * EV, barrier * EV, thickness)


def test_nonmagnetic_rectangular_barrier():
    """Delta = 0: T = [1 + U0^2 sinh^2(kappa d) / (4 E (U0 - E))]^-1 for either spin and no
    spin flip (E. Merzbacher, Quantum Mechanics, 3rd ed. (1998)), energies from
    the band bottom, U0 = E_F + U."""
    e_f, u, d = 3.0 * EV, 1.0 * EV, 1e-9
    j = FreeElectronJunction(e_f, 0.0, u, d)
    for e_par in (0.0, 0.8 * EV):
        e = e_f - e_par
        u0 = e_f + u
        kappa = np.sqrt(2 * ME * (u0 - e)) / HB
        exact = 1 / (1 + u0**2 * np.sinh(kappa * d) ** 2 / (4 * e * (u0 - e)))
        t = j.transmission(0.0, e_par)
        np.testing.assert_allclose(np.diag(t), [exact, exact], rtol=1e-10)
        assert t[0, 1] == t[1, 0] == 0.0


def test_effective_polarization_thick_barrier():
    """At k_par = 0 and kappa d >> 1, (T_P - T_AP)/(T_P + T_AP) = P_eff^2 with
    P_eff = (k_up - k_dn)/(k_up + k_dn) (kappa^2 - k_up k_dn)/(kappa^2 + k_up k_dn)
    (J. C. Slonczewski, Phys. Rev. B 39, 6995 (1989)); corrections are
    O(e^{-2 kappa d}) (3.6e-10 for the 0.5 eV barrier, 1e-23 for 3 eV). Each channel obeys
    the thick-barrier closed form T_ss' = 16 k_s k_s' kappa^2 e^{-2 kappa d} /
    ((kappa^2 + k_s^2)(kappa^2 + k_s'^2)) (rectangular barrier, E. Merzbacher, Quantum
    Mechanics, 3rd ed. (1998), in the limit kappa d >> 1)."""
    d = 3e-9
    for barrier in (0.5, 3.0):
        j = fe_junction(d, barrier)
        k_up = np.sqrt(2 * ME * 4.53 * EV) / HB
        k_dn = np.sqrt(2 * ME * (4.53 - 3.86) * EV) / HB
        kappa = np.sqrt(2 * ME * barrier * EV) / HB
        np.testing.assert_allclose(j.fermi_wavenumbers(), (k_up, k_dn, kappa), rtol=1e-12)
        assert k_up == pytest.approx(1.09e10, rel=2e-3)
        assert k_dn == pytest.approx(0.42e10, rel=2e-3)
        assert kappa * d > 8
        small = np.exp(-2 * kappa * d)
        t_par = j.transmission(0.0, 0.0, 0.0)
        t_p = t_par.sum()
        t_ap = j.transmission(0.0, 0.0, np.pi).sum()
        p_eff = ((k_up - k_dn) / (k_up + k_dn) * (kappa**2 - k_up * k_dn)
                 / (kappa**2 + k_up * k_dn))
        assert slonczewski_polarization(k_up, k_dn, kappa) == pytest.approx(p_eff, rel=1e-13)
        assert (t_p - t_ap) / (t_p + t_ap) == pytest.approx(p_eff**2,
                                                              rel=10 * small + 1e-12)
        for s, k in enumerate((k_up, k_dn)):
            closed = 16 * k**2 * kappa**2 * small / (kappa**2 + k**2) ** 2
            assert t_par[s, s] == pytest.approx(closed, rel=10 * small + 1e-12, abs=0)


def test_p_eff_closed_form_limits():
    """P_eff -> (k_up - k_dn)/(k_up + k_dn) for a high barrier, changes sign at
    kappa^2 = k_up k_dn (Slonczewski 1989) and vanishes for equal spins."""
    assert slonczewski_polarization(2.0, 1.0, 1e6) == pytest.approx(1 / 3, rel=1e-9)
    assert slonczewski_polarization(2.0, 1.0, np.sqrt(2.0)) == pytest.approx(0.0, abs=1e-15)
    assert slonczewski_polarization(2.0, 1.0, 1.0) < 0
    assert slonczewski_polarization(1.5, 1.5, 3.0) == 0.0


def test_angular_law_thick_barrier():
    """G(theta) = G0 (1 + P^2 cos theta): the k_par-integrated conductance is linear in
    cos theta (Slonczewski 1989) up to O(e^{-2 kappa d}) terms."""
    j = fe_junction(2e-9)
    g = np.array([j.conductance_per_area(th) for th in np.linspace(0, np.pi, 5)])
    g0, g1 = (g[0] + g[-1]) / 2, (g[0] - g[-1]) / 2
    np.testing.assert_allclose(g, g0 + g1 * np.cos(np.linspace(0, np.pi, 5)), rtol=1e-9)
    assert g1 > 0


def test_spin_rotation_invariance_without_exchange():
    """Delta = 0: the conductance does not depend on theta, and G_P = G_AP."""
    j = FreeElectronJunction(3.0 * EV, 0.0, 2.0 * EV, 1e-9)
    assert j.conductance_per_area(1.0) == pytest.approx(j.conductance_per_area(0.0), rel=1e-12)
    assert j.tmr() == pytest.approx(0.0, abs=1e-12)


def test_transfer_matrix_equals_tight_binding_continuum_limit():
    """The same 1D junction (k_par = 0) on a chain of spacing a (t = hbar^2/(2 m a^2)) solved
    by the Landauer engine: majority->majority and majority->minority (AP) transmissions
    agree with the transfer matrices to O((k a)^2): 1.5e-4 at k_up a = 0.033, and 4x less
    at half the spacing."""
    j = fe_junction(0.6e-9, 1.0)
    left, right = j.band_bottoms()
    tm_p = j.transmission(0.0, 0.0, 0.0)[0, 0]
    tm_ap = j.transmission(0.0, 0.0, np.pi)[1, 0]
    errors = []
    for a in (0.03e-10, 0.015e-10):
        t = HB**2 / (2 * ME * a**2)
        n = int(round(0.6e-9 / a))

        def lead(bottom: float, t: float = t) -> Lead:
            return Lead(np.full((1, 1), 2 * t + bottom), np.full((1, 1), -t))

        dev = Device(np.full((n, 1, 1), 2 * t + j.barrier_height), np.full((n - 1, 1, 1), -t))
        tb_uu = transmission(dev, lead(left[0]), lead(right[0]), 0.0)
        tb_ud = transmission(dev, lead(left[0]), lead(right[1]), 0.0)
        errors.append(max(abs(tb_uu / tm_p - 1), abs(tb_ud / tm_ap - 1)))
    assert errors[0] < 3e-4
    assert errors[1] < errors[0] / 3


def test_noncollinear_transmission_equals_spinful_tight_binding():
    """At theta = pi/3 the spin-summed transmission at k_par = 0 equals that of a spinful
    chain (an independent solver: mode matching + RGF) whose right lead's exchange field
    points along (sin theta, 0, cos theta), to the O((k a)^2) lattice error (3.4e-6 here,
    below the 4e-5 of the single collinear channels at this spacing)."""
    j = fe_junction(0.6e-9, 1.0)
    theta = np.pi / 3
    a = 0.015e-10
    t = HB**2 / (2 * ME * a**2)
    n = int(round(0.6e-9 / a))
    sx = np.array([[0, 1], [1, 0]])
    sz = np.diag([1.0, -1.0])
    delta = j.exchange_splitting
    mean = 2 * t - j.fermi_energy + delta / 2

    def lead(axis: np.ndarray) -> Lead:
        return Lead(mean * np.eye(2) - delta / 2 * axis, -t * np.eye(2))

    dev = Device(np.broadcast_to((2 * t + j.barrier_height) * np.eye(2), (n, 2, 2)),
                 np.broadcast_to(-t * np.eye(2), (n - 1, 2, 2)))
    tb = transmission(dev, lead(sz), lead(np.sin(theta) * sx + np.cos(theta) * sz), 0.0)
    assert tb == pytest.approx(j.transmission(0.0, 0.0, theta).sum(), rel=2e-5)


def test_bias_continuity_and_linear_response():
    """J(V) -> G V as V -> 0, TMR(V) -> TMR(0), and the staircase barrier converges."""
    j = fe_junction(1e-9)
    v = 1e-4
    assert j.current_density(v) == pytest.approx(j.conductance_per_area() * v, rel=1e-6)
    assert j.tmr(v) == pytest.approx(j.tmr(), rel=1e-6)
    coarse = j.current_density(0.5, slices=32)
    fine = j.current_density(0.5, slices=128)
    assert coarse == pytest.approx(fine, rel=5e-5)
    assert j.current_density(-0.5) < 0


def test_trapezoidal_barrier_matches_airy_functions():
    """Under bias V the barrier is U - eV z/d and the right electrode sits eV lower: the
    exact 1D solution in the barrier is A Ai(s) + B Bi(s), s = beta (z0 - z), beta^3 =
    2 m e V / (hbar^2 d), z0 = (U - E) d / (e V) (M. Abramowitz and I. A. Stegun, Handbook
    of Mathematical Functions (1964), 10.4); matching plane waves on both sides gives T.
    The staircase of ``slices`` steps converges to it as slices^-2 (6e-6 at 64)."""
    from scipy.special import airy

    e_f, u, d, v, e = 3.0 * EV, 1.0 * EV, 1e-9, 0.5, -0.2 * EV
    beta = (2 * ME * constants.e * v / d / HB**2) ** (1 / 3)
    z0 = (u - e) * d / (constants.e * v)
    k_l = np.sqrt(2 * ME * (e + e_f)) / HB
    k_r = np.sqrt(2 * ME * (e + e_f + constants.e * v)) / HB
    (ai0, aip0, bi0, bip0), (aid, aipd, bid, bipd) = (airy(beta * (z0 - z)) for z in (0, d))
    # unknowns (A, B, r, t): psi and psi' continuous at z = 0 and z = d
    m = np.array([[ai0, bi0, -1, 0],
                  [-beta * aip0, -beta * bip0, 1j * k_l, 0],
                  [aid, bid, 0, -1],
                  [-beta * aipd, -beta * bipd, 0, -1j * k_r]], dtype=complex)
    _, _, r, t = np.linalg.solve(m, np.array([1, 1j * k_l, 0, 0], dtype=complex))
    exact = k_r / k_l * abs(t) ** 2
    assert abs(r) ** 2 + exact == pytest.approx(1.0, abs=1e-12)
    j = FreeElectronJunction(e_f, 0.0, u, d)
    errors = [abs(j.transmission(e, 0.0, bias=v, slices=n)[0, 0] / exact - 1)
              for n in (32, 64)]
    assert errors[1] < 1e-5
    assert errors[0] / errors[1] == pytest.approx(4.0, rel=0.05)


def test_tmr_falls_with_bias_for_a_high_barrier():
    """In the free-electron model the TMR of a 3 eV barrier falls with bias: the bias lowers
    the mean barrier height, so kappa and Slonczewski's factor (kappa^2 - k_up k_dn) /
    (kappa^2 + k_up k_dn) fall, and electrons arrive above the right electrode's Fermi level
    where its spin bands are less different (the measured fall has further causes, e.g.
    hot-electron magnon emission: S. Zhang, P. M. Levy, A. C. Marley and S. S. P. Parkin,
    Phys. Rev. Lett. 79, 3744 (1997)). Qualitative check: TMR(0.8 V) < TMR(0)."""
    j = fe_junction(1e-9)
    assert j.tmr(0.8) < j.tmr()


def test_sharvin_limit_of_the_k_par_integral():
    """A vanishing barrier transmits every channel: G/A tends to the Sharvin conductance
    2 (e^2/h) k_F^2 / (4 pi) of a free-electron metal, both spins (Yu. V. Sharvin, Sov. Phys.
    JETP 21, 655 (1965)); checks the prefactor of eq. (2)."""
    e_f = 3.0 * EV
    j = FreeElectronJunction(e_f, 0.0, 1e-9 * EV, 1e-15)
    k_f = np.sqrt(2 * ME * e_f) / HB
    sharvin = 2 * constants.e**2 / constants.h * k_f**2 / (4 * np.pi)
    assert j.conductance_per_area() == pytest.approx(sharvin, rel=1e-6)


def test_bad_input():
    with pytest.raises(ParameterError, match="thickness"):
        FreeElectronJunction(EV, 0.0, EV, -1e-9)
    with pytest.raises(ParameterError, match="barrier_height"):
        FreeElectronJunction(EV, 0.0, 0.0, 1e-9)
    j = fe_junction(1e-9)
    with pytest.raises(ParameterError, match="e_par"):
        j.transmission(0.0, -1.0)
    with pytest.raises(ParameterError, match="^slices"):
        j.transmission(0.0, 0.0, bias=0.1, slices=0)
    with pytest.raises(ParameterError, match="^slices"):
        j.transmission(0.0, 0.0, bias=0.1, slices=True)
    with pytest.raises(ParameterError, match="^theta"):
        j.transmission(0.0, 0.0, theta=0.5j)
    with pytest.raises(ParameterError, match="^energy"):
        j.transmission(np.nan, 0.0)
    with pytest.raises(ParameterError, match="^bias"):
        j.current_density(20.0)
    with pytest.raises(ParameterError, match="^order"):
        j.conductance_per_area(order=1)
    with pytest.raises(ParameterError, match="^mass"):
        FreeElectronJunction(EV, 0.0, EV, 1e-9, mass=1 + 0j)
    with pytest.raises(ParameterError, match="^kappa"):
        slonczewski_polarization(1.0, 0.5, -1.0)
