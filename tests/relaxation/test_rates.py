"""Rate laws against their analytic limits (derived in the docstrings, not with the code)."""

from __future__ import annotations

import numpy as np
import pytest

from spinkit import constants as c
from spinkit.errors import ParameterError
from spinkit.relaxation.rates import (
    bir_aronov_pikus_rate,
    conduction_band_density,
    dyakonov_perel_2deg_rates,
    dyakonov_perel_bulk_rate,
    elliott_yafet_kp_rate,
    elliott_yafet_rate,
    energy_average,
    momentum_time_from_mobility,
    reduced_chemical_potential,
    sommerfeld_factor,
)

MASS = 0.067 * c.m_e
GAMMA = 27.58e-30 * c.eV  # GaAs, Winkler (2003) Table 6.3, J m^3


def test_momentum_time_from_mobility():
    """Drude: tau_p = m mu / e; GaAs m = 0.067 m_e, mu = 1 m^2/(V s) -> 0.067 *
    9.1093837e-31 / 1.602176634e-19 s = 3.8094e-13 s."""
    assert momentum_time_from_mobility(1.0, MASS) == pytest.approx(3.8094e-13, rel=1e-4)


def test_energy_average_limits():
    """Boltzmann limit <x^n> = Gamma(n + 3/2) / Gamma(3/2): 1, 3/2, 15/4, 105/8; degenerate
    limit by the Sommerfeld expansion int g(x)(-f') dx = g(eta) + (pi^2/6) g''(eta):
    <x^n> = (eta^(n+1/2) + (pi^2/6)(n^2 - 1/4) eta^(n-3/2)) / (eta^(1/2) - (pi^2/24)
    eta^(-3/2)), error O(eta^(n-4))."""
    for n, exact in ((0, 1.0), (1, 1.5), (2, 15 / 4), (3, 105 / 8)):
        assert energy_average(n, -40.0) == pytest.approx(exact, rel=1e-9)
    eta = 80.0
    for n in (2, 3):
        exact = (eta ** (n + 0.5) + np.pi**2 / 6 * (n * n - 0.25) * eta ** (n - 1.5)) / (
            eta**0.5 - np.pi**2 / 24 * eta**-1.5)
        assert energy_average(n, eta) == pytest.approx(exact, rel=1e-6)


def test_density_and_chemical_potential():
    """n = N_c e^eta (Boltzmann) and n = k_F^3 / (3 pi^2), E_F = hbar^2 k_F^2 / 2m
    (degenerate, T -> 0, to O((k_B T / E_F)^2)); the inversion returns eta."""
    t = 300.0
    nc = 2 * (MASS * c.k_B * t / (2 * np.pi * c.hbar**2)) ** 1.5
    assert conduction_band_density(-20.0, t, MASS) == pytest.approx(nc * np.exp(-20), rel=1e-8)
    n = 1e24
    kf = (3 * np.pi**2 * n) ** (1 / 3)
    ef = c.hbar**2 * kf**2 / (2 * MASS)
    eta = reduced_chemical_potential(n, 1.0, MASS)
    assert eta * c.k_B * 1.0 == pytest.approx(ef, rel=1e-4)
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
    assert deg == pytest.approx(32 / 105 * GAMMA**2 * kf**6 * tau / c.hbar**2, rel=1e-3)


def test_dyakonov_perel_2deg():
    """Rates add up: 1/tau_z = 1/tau_[110] + 1/tau_[1-10] (the z spin feels both in-plane
    components of Omega); at alpha = beta the [1-10] spin does not relax (persistent spin
    helix, Bernevig, Orenstein and Zhang, PRL 97, 236601 (2006)); pure Rashba:
    1/tau_z = 4 alpha^2 k^2 tau_p / hbar^2 = 2 / tau_in-plane."""
    a = 3e-12 * c.eV
    r = dyakonov_perel_2deg_rates(1e-13, 1e8, rashba=a, dresselhaus=0.4 * a)
    assert r["z"] == pytest.approx(r["110"] + r["1-10"], rel=1e-12)
    psh = dyakonov_perel_2deg_rates(1e-13, 1e8, rashba=a, dresselhaus=a)
    assert psh["1-10"] == 0.0
    pure = dyakonov_perel_2deg_rates(1e-13, 1e8, rashba=a, dresselhaus=0.0)
    assert pure["z"] == pytest.approx(4 * a**2 * 1e16 * 1e-13 / c.hbar**2, rel=1e-12)
    assert pure["110"] == pytest.approx(pure["z"] / 2, rel=1e-12)


def test_elliott_yafet():
    """1/tau_s = 2 p / tau_p; k.p form (Chazalviel, PRB 11, 1555 (1975)) for Boltzmann
    electrons: A (D/(E_g + D))^2 (k_B T / E_g)^2 (15/4) / tau_p, so T^2 at fixed tau_p and
    1/tau_p scaling (Elliott's law)."""
    assert elliott_yafet_rate(1e-12, 0.01) == pytest.approx(2e10)
    eg, dso = 1.519 * c.eV, 0.341 * c.eV
    rate = elliott_yafet_kp_rate(np.array([1e-13, 2e-13]), 77.0, band_gap=eg,
                                 spin_orbit_splitting=dso, effective_mass=MASS)
    exact = (dso / (eg + dso)) ** 2 * (c.k_B * 77.0 / eg) ** 2 * 15 / 4 / 1e-13
    assert rate[0] == pytest.approx(exact, rel=1e-8)
    assert rate[0] / rate[1] == pytest.approx(2.0)


def test_bir_aronov_pikus():
    """Sommerfeld factor limits: -> 1 for E >> E_B, -> 2 pi (E_B/E)^(1/2) for E << E_B;
    rate linear in p; with negligible Coulomb enhancement it is (2/tau_0) p a_B^3 <v>/v_B
    (plus (5/3)(N_a - p) for holes bound to acceptors),
    <v> = (8 k_B T / (pi m))^(1/2) the Maxwell mean speed (Bir, Aronov and Pikus, Sov. Phys.
    JETP 42, 705 (1976))."""
    assert sommerfeld_factor(1e6, 1.0) == pytest.approx(1 + np.pi / 1e3, rel=1e-5)
    assert sommerfeld_factor(1e-6, 1.0) == pytest.approx(2 * np.pi * 1e3, rel=1e-9)
    t = 300.0
    a_b = np.sqrt(c.hbar**2 / (2 * MASS * 1e-6 * c.k_B * t))  # E_B = 1e-6 k_B T
    dex = 1e-5 * c.eV
    r = bir_aronov_pikus_rate(np.array([1e22, 3e22]), t, exchange_splitting=dex,
                              exciton_bohr_radius=a_b, effective_mass=MASS)
    assert r[1] / r[0] == pytest.approx(3.0, rel=1e-12)
    e_b = 1e-6 * c.k_B * t
    tau0_inv = 3 * np.pi / 64 * dex**2 / (c.hbar * e_b)
    v_b = c.hbar / (MASS * a_b)
    v_mean = np.sqrt(8 * c.k_B * t / (np.pi * MASS))
    assert r[0] == pytest.approx(2 * tau0_inv * 1e22 * a_b**3 * v_mean / v_b, rel=1e-2)
    # holes bound to acceptors: (5/3) (N_a - p) <v>, no Coulomb enhancement
    bound = bir_aronov_pikus_rate(1e22, t, exchange_splitting=dex, exciton_bohr_radius=a_b,
                                  effective_mass=MASS, acceptor_density=4e22)
    assert bound - r[0] == pytest.approx(
        2 * tau0_inv * a_b**3 * (5 / 3) * 3e22 * v_mean / v_b, rel=1e-12)
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
