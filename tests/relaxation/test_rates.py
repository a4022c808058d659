"""Rate laws against their analytic limits (derived in the docstrings, not with the code)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.integrate import solve_ivp

from spinkit import constants as c
from spinkit.errors import ParameterError
from spinkit.relaxation.rates import (
    active_hole_fraction,
    bir_aronov_pikus_rate,
    conduction_band_density,
    dyakonov_perel_2deg_rates,
    dyakonov_perel_bulk_rate,
    elliott_yafet_kp_rate,
    elliott_yafet_phonon_rate,
    elliott_yafet_rate,
    energy_average,
    momentum_time_from_mobility,
    reduced_chemical_potential,
    sommerfeld_factor,
)

MASS = 0.067 * c.m_e
HOLE = 0.55 * c.m_e  # GaAs heavy hole, spherical approximation (Vurgaftman et al. 2001)
GAMMA = 27.58e-30 * c.eV  # GaAs, Winkler (2003) Table 6.3, J m^3


def test_momentum_time_from_mobility():
    """Drude: tau_p = m mu / e; GaAs m = 0.067 m_e, mu = 1 m^2/(V s) -> 0.067 *
    9.1093837e-31 / 1.602176634e-19 s = 3.8094e-13 s."""
    assert momentum_time_from_mobility(1.0, MASS) == pytest.approx(3.8094e-13, rel=1e-4, abs=0)


def test_energy_average_limits():
    """Boltzmann limit <x^n> = Gamma(n + 3/2) / Gamma(3/2): 1, 3/2, 15/4, 105/8; degenerate
    limit by the Sommerfeld expansion int g(x)(-f') dx = g(eta) + (pi^2/6) g''(eta):
    <x^n> = (eta^(n+1/2) + (pi^2/6)(n^2 - 1/4) eta^(n-3/2)) / (eta^(1/2) - (pi^2/24)
    eta^(-3/2)), error O(eta^(n-4))."""
    for n, exact in ((0, 1.0), (1, 1.5), (2, 15 / 4), (3, 105 / 8)):
        assert energy_average(n, -40.0) == pytest.approx(exact, rel=1e-9, abs=0)
    eta = 80.0
    for n in (2, 3):
        exact = (eta ** (n + 0.5) + np.pi**2 / 6 * (n * n - 0.25) * eta ** (n - 1.5)) / (
            eta**0.5 - np.pi**2 / 24 * eta**-1.5)
        assert energy_average(n, eta) == pytest.approx(exact, rel=1e-6, abs=0)


def test_density_and_chemical_potential():
    """n = N_c e^eta (Boltzmann) and n = k_F^3 / (3 pi^2), E_F = hbar^2 k_F^2 / 2m
    (degenerate, T -> 0, to O((k_B T / E_F)^2)); the inversion returns eta."""
    t = 300.0
    nc = 2 * (MASS * c.k_B * t / (2 * np.pi * c.hbar**2)) ** 1.5
    assert conduction_band_density(-20.0, t, MASS) == pytest.approx(nc * np.exp(-20), rel=1e-8,
                                                                     abs=0)
    n = 1e24
    kf = (3 * np.pi**2 * n) ** (1 / 3)
    ef = c.hbar**2 * kf**2 / (2 * MASS)
    eta = reduced_chemical_potential(n, 1.0, MASS)
    assert eta * c.k_B * 1.0 == pytest.approx(ef, rel=1e-4, abs=0)
    etas = np.array([-10.0, 0.0, 5.0])
    back = reduced_chemical_potential(conduction_band_density(etas, t, MASS), t, MASS)
    np.testing.assert_allclose(back, etas, atol=1e-8)


def test_dyakonov_perel_bulk_limits_and_t_cubed():
    """Non-degenerate: 1/tau_s = (32/105) gamma^2 tau_p (2 m k_B T/hbar^2)^3 (105/8) / hbar^2
    = 4 gamma^2 (2 m k_B T)^3 tau_p / hbar^8 (D'yakonov and Perel' 1972; Fabian et al., Acta
    Phys. Slovaca 57, 565 (2007)) -- T^3 at fixed tau_p. Degenerate: (32/105) gamma^2 k_F^6
    tau_p / hbar^2."""
    tau = 1e-13
    temps = np.array([50.0, 100.0, 200.0])
    rate = dyakonov_perel_bulk_rate(tau, temps, gamma=GAMMA, effective_mass=MASS)
    exact = 4 * GAMMA**2 * (2 * MASS * c.k_B * temps) ** 3 * tau / c.hbar**8
    np.testing.assert_allclose(rate, exact, rtol=1e-8)
    slope = np.polyfit(np.log(temps), np.log(rate), 1)[0]
    assert slope == pytest.approx(3.0, abs=1e-8)
    n = 5e24
    kf = (3 * np.pi**2 * n) ** (1 / 3)
    deg = dyakonov_perel_bulk_rate(tau, 2.0, gamma=GAMMA, effective_mass=MASS, density=n)
    assert deg == pytest.approx(32 / 105 * GAMMA**2 * kf**6 * tau / c.hbar**2, rel=1e-3, abs=0)


def test_dyakonov_perel_2deg():
    """Rates add up: 1/tau_z = 1/tau_[110] + 1/tau_[1-10] (the z spin feels both in-plane
    components of Omega); at alpha = beta the [1-10] spin does not relax (persistent spin
    helix, Bernevig, Orenstein and Zhang, PRL 97, 236601 (2006)); pure Rashba:
    1/tau_z = 4 alpha^2 k^2 tau_p / hbar^2 = 2 / tau_in-plane."""
    a = 3e-12 * c.eV
    r = dyakonov_perel_2deg_rates(1e-13, 1e8, rashba=a, dresselhaus=0.4 * a)
    assert r["z"] == pytest.approx(r["110"] + r["1-10"], rel=1e-12, abs=0)
    psh = dyakonov_perel_2deg_rates(1e-13, 1e8, rashba=a, dresselhaus=a)
    assert psh["1-10"] == 0.0
    pure = dyakonov_perel_2deg_rates(1e-13, 1e8, rashba=a, dresselhaus=0.0)
    assert pure["z"] == pytest.approx(4 * a**2 * 1e16 * 1e-13 / c.hbar**2, rel=1e-12, abs=0)
    assert pure["110"] == pytest.approx(pure["z"] / 2, rel=1e-12, abs=0)


def test_elliott_yafet():
    """1/tau_s = 2 p / tau_p; k.p form (Zutic, Fabian and Das Sarma, RMP 76, 323 (2004),
    sec. III.B.1) for Boltzmann electrons: A (D/(E_g + D))^2 (k_B T / E_g)^2 (15/4) / tau_p,
    so T^2 at fixed tau_p and 1/tau_p scaling (Elliott's law)."""
    assert elliott_yafet_rate(1e-12, 0.01) == pytest.approx(2e10, rel=1e-12, abs=0)
    eg, dso = 1.519 * c.eV, 0.341 * c.eV
    rate = elliott_yafet_kp_rate(np.array([1e-13, 2e-13]), 77.0, band_gap=eg,
                                 spin_orbit_splitting=dso, effective_mass=MASS)
    exact = (dso / (eg + dso)) ** 2 * (c.k_B * 77.0 / eg) ** 2 * 15 / 4 / 1e-13
    assert rate[0] == pytest.approx(exact, rel=1e-8, abs=0)
    assert rate[0] / rate[1] == pytest.approx(2.0, rel=1e-12, abs=0)


def test_bir_aronov_pikus():
    """Sommerfeld factor limits: -> 1 for E >> E_B, -> 2 pi (E_B/E)^(1/2) for E << E_B;
    rate linear in p; with weak Coulomb enhancement (E_B = 1e-6 k_B T) it is
    (2/tau_0) p a_B^3 <v |psi(0)|^4> / v_B (plus (5/3)(N_a - p) <v> / v_B for holes bound to
    acceptors), <v> = (8 k_B T / (pi m))^(1/2) the Maxwell mean speed (Bir, Aronov and Pikus,
    Sov. Phys. JETP 42, 705 (1976)). To first order in x = 2 pi (E_B / E)^(1/2),
    |psi(0)|^4 = 1 + x + O(x^2), and v x = 2 pi (2 E_B / m)^(1/2) for every E, so
    <v |psi(0)|^4> = <v> + 2 pi (2 E_B / m)^(1/2) up to a relative O(E_B / k_B T) = 1e-5."""
    assert sommerfeld_factor(1e6, 1.0) == pytest.approx(1 + np.pi / 1e3, rel=1e-5, abs=0)
    assert sommerfeld_factor(1e-6, 1.0) == pytest.approx(2 * np.pi * 1e3, rel=1e-9, abs=0)
    t = 300.0
    a_b = np.sqrt(c.hbar**2 / (2 * MASS * 1e-6 * c.k_B * t))  # E_B = 1e-6 k_B T
    dex = 1e-5 * c.eV
    r = bir_aronov_pikus_rate(np.array([1e22, 3e22]), t, exchange_splitting=dex,
                              exciton_bohr_radius=a_b, effective_mass=MASS)
    assert r[1] / r[0] == pytest.approx(3.0, rel=1e-12, abs=0)
    e_b = 1e-6 * c.k_B * t
    tau0_inv = 3 * np.pi / 64 * dex**2 / (c.hbar * e_b)
    v_b = c.hbar / (MASS * a_b)
    v_mean = np.sqrt(8 * c.k_B * t / (np.pi * MASS))
    coulomb = 2 * np.pi * np.sqrt(2 * e_b / MASS)  # <v x>, first-order Sommerfeld term
    assert r[0] == pytest.approx(2 * tau0_inv * 1e22 * a_b**3 * (v_mean + coulomb) / v_b,
                                 rel=1e-4, abs=0)
    # holes bound to acceptors: (5/3) (N_a - p) <v>, no Coulomb enhancement
    bound = bir_aronov_pikus_rate(1e22, t, exchange_splitting=dex, exciton_bohr_radius=a_b,
                                  effective_mass=MASS, acceptor_density=4e22)
    assert bound - r[0] == pytest.approx(
        2 * tau0_inv * a_b**3 * (5 / 3) * 3e22 * v_mean / v_b, rel=1e-12, abs=0)
    with pytest.raises(ParameterError, match="acceptor_density"):
        bir_aronov_pikus_rate(1e22, t, exchange_splitting=dex, exciton_bohr_radius=a_b,
                              effective_mass=MASS, acceptor_density=1e21)


def test_bad_input():
    """Out-of-range parameters raise ParameterError naming them."""
    with pytest.raises(ParameterError, match="mobility"):
        momentum_time_from_mobility(-1.0, MASS)
    with pytest.raises(ParameterError, match="flip_probability"):
        elliott_yafet_rate(1e-12, 2.0)
    with pytest.raises(ParameterError, match="temperature"):
        dyakonov_perel_bulk_rate(1e-13, 0.0, gamma=GAMMA, effective_mass=MASS)
    with pytest.raises(ParameterError, match="density"):
        reduced_chemical_potential(-1.0, 300.0, MASS)


def test_active_hole_fraction_limits():
    """p* / p = (k_B T / p) dp/dmu. Boltzmann with the first quantum correction,
    n / N_v = e^eta - e^(2 eta) / 2^(3/2): p* / p = 1 - (p / N_v) / 2^(3/2) + O((p/N_v)^2);
    degenerate (Pauli blocking): (3/2) k_B T / E_F, E_F = hbar^2 (3 pi^2 p)^(2/3) / (2 m_h),
    + O((k_B T / E_F)^2) (Zutic, Fabian and Das Sarma, RMP 76, 323 (2004), sec. III.B.3:
    1/tau_s = (3/tau_0) p a_B^3 (v_k/v_B)(k_B T/E_F) for degenerate holes); it falls
    monotonically through the crossover."""
    t = 300.0
    nv = 2 * (HOLE * c.k_B * t / (2 * np.pi * c.hbar**2)) ** 1.5
    p = 1e-4 * nv
    assert active_hole_fraction(p, t, HOLE) == pytest.approx(1 - 1e-4 / 2**1.5, rel=1e-7, abs=0)
    p, t = 1e26, 4.0
    e_f = c.hbar**2 * (3 * np.pi**2 * p) ** (2 / 3) / (2 * HOLE)
    assert active_hole_fraction(p, t, HOLE) == pytest.approx(1.5 * c.k_B * t / e_f, rel=1e-4, abs=0)
    frac = active_hole_fraction(np.geomspace(1e20, 1e26, 13), 77.0, HOLE)
    assert (np.diff(frac) < 0).all()


def _hulthen_sommerfeld_ode(kappa: float, mu: float) -> float:
    """|psi(0)|^2 = 1 / |Jost|^2 from the radial equation u'' + (kappa^2 + lambda mu^2
    e^(-mu r) / (1 - e^(-mu r))) u = 0 (lengths in a_B, lambda = 2 / mu), integrated
    from u(0) = 0, u'(0) = 1 to where the potential is negligible; there
    u = A sin(kappa r + delta) and |psi(0)|^2 = 1 / (kappa A)^2."""
    lam = 2 / mu

    def rhs(r, y):
        return [y[1], -(kappa**2 + lam * mu**2 * np.exp(-mu * r) / -np.expm1(-mu * r)) * y[0]]

    r0 = 1e-6
    sol = solve_ivp(rhs, [r0, 40 / mu + 200 / kappa],
                    [r0 - lam * mu / 2 * r0**2, 1 - lam * mu * r0],
                    rtol=1e-10, atol=1e-14, max_step=0.05 / kappa)
    u, du = sol.y[0, -1], sol.y[1, -1]
    return 1 / (kappa**2 * (u**2 + (du / kappa) ** 2))


def test_screened_sommerfeld_factor():
    """Hulthen-screened Coulomb enhancement against an independent numerical solution of the
    radial Schroedinger equation; -> the Coulomb factor (2 pi / kappa)/(1 - e^(-2 pi/kappa))
    as q_s -> 0; -> 1 (Born: 1 + O(lambda), lambda = 1 / (q_s a_B)) for strong screening;
    below the Mott limit (q_s a_B > 1, no bound state) screening reduces the enhancement at
    every energy."""
    for kappa, q in ((0.5, 0.15), (1.0, 0.5), (2.0, 0.25), (0.3, 1.0)):
        assert sommerfeld_factor(kappa**2, 1.0, q) == pytest.approx(
            _hulthen_sommerfeld_ode(kappa, 2 * q), rel=1e-6, abs=0)
    kappa = np.array([0.2, 1.0, 5.0])
    x = 2 * np.pi / kappa
    np.testing.assert_allclose(sommerfeld_factor(kappa**2, 1.0, 1e-7), x / (1 - np.exp(-x)),
                               rtol=1e-5)
    np.testing.assert_allclose(sommerfeld_factor(kappa**2, 1.0, 1e4), 1.0, atol=1e-3)
    kappa = np.geomspace(0.05, 20, 40)
    for q in (1.5, 3.0, 10.0):
        screened = sommerfeld_factor(kappa**2, 1.0, q)
        assert (screened < sommerfeld_factor(kappa**2, 1.0)).all() and (screened > 1).all()
    with pytest.raises(ParameterError, match="screening"):
        sommerfeld_factor(1.0, 1.0, -1.0)


def test_bir_aronov_pikus_degenerate_and_screened():
    """Degenerate holes (Pauli blocking, Bir, Aronov and Pikus, Sov. Phys. JETP 42, 705
    (1976); Zutic, Fabian and Das Sarma 2004): with negligible Coulomb enhancement
    (E_B = 1e-6 k_B T) 1/tau_s = (3/tau_0) p a_B^3 (<v>/v_B)(k_B T/E_F), <v> = (8 k_B T /
    (pi m))^(1/2), with the first-order Coulomb term of test_bir_aronov_pikus added to <v>
    (k_B T / E_F = 2.4e-3 here, so the O((k_B T / E_F)^2) degeneracy correction is below
    1e-4); non-degenerate holes give the Boltzmann result; screening by the holes
    (GaAs eps = 12.9) lowers the Coulomb-enhanced rate, by more at higher density."""
    t = 4.0
    a_b = np.sqrt(c.hbar**2 / (2 * MASS * 1e-6 * c.k_B * t))
    dex = 2e-5 * c.eV
    p = 1e26
    e_f = c.hbar**2 * (3 * np.pi**2 * p) ** (2 / 3) / (2 * HOLE)
    tau0_inv = 3 * np.pi / 64 * dex**2 / (c.hbar * 1e-6 * c.k_B * t)
    v_b = c.hbar / (MASS * a_b)
    v_mean = np.sqrt(8 * c.k_B * t / (np.pi * MASS))
    rate = bir_aronov_pikus_rate(p, t, exchange_splitting=dex, exciton_bohr_radius=a_b,
                                 effective_mass=MASS, hole_mass=HOLE)
    coulomb = 2 * np.pi * np.sqrt(2 * 1e-6 * c.k_B * t / MASS)
    assert rate == pytest.approx(
        3 * tau0_inv * p * a_b**3 * (v_mean + coulomb) / v_b * c.k_B * t / e_f, rel=1e-4, abs=0)
    kw = dict(exchange_splitting=dex, exciton_bohr_radius=11.43e-9, effective_mass=MASS)
    dens = np.array([1e22, 1e24, 1e25])
    bare = bir_aronov_pikus_rate(dens, 77.0, **kw)
    screened = bir_aronov_pikus_rate(dens, 77.0, dielectric_constant=12.9, **kw)
    ratio = screened / bare
    assert (ratio < 1).all() and (np.diff(ratio) < 0).all()
    light = bir_aronov_pikus_rate(1e20, 300.0, hole_mass=HOLE, **kw)
    assert light == pytest.approx(bir_aronov_pikus_rate(1e20, 300.0, **kw), rel=1e-4, abs=0)


def test_elliott_yafet_phonon_law():
    """1/tau_s = (1/tau_ref)(T/T_ref)^3 (Si, Cheng, Wu and Fabian, PRL 104, 016601 (2010)):
    tau_ref = 500 ns at 60 K gives 1/tau_s = 2e6 /s at 60 K and 1.6e7 /s at 120 K."""
    rate = elliott_yafet_phonon_rate([60.0, 120.0], reference_lifetime=5e-7,
                                     reference_temperature=60.0)
    np.testing.assert_allclose(rate, [2e6, 1.6e7], rtol=1e-12)
    with pytest.raises(ParameterError, match="reference_lifetime"):
        elliott_yafet_phonon_rate(60.0, reference_lifetime=0.0, reference_temperature=60.0)
