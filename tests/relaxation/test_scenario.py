"""The spin_relaxation kind and the mechanism map."""

from __future__ import annotations

import matplotlib
import numpy as np
import pytest
from scipy.optimize import brentq
from scipy.special import dawsn

from spinkit import constants as c
from spinkit.errors import ParameterError
from spinkit.relaxation.mechanisms import mechanism_map
from spinkit.relaxation.scenarios import plot
from spinkit.scenario.runner import compute, scenario_from_mapping

matplotlib.use("Agg")


def _run(**params):
    return compute(scenario_from_mapping({"kind": "spin_relaxation", **params}))


def test_kind_lifetimes_follow_the_laws():
    """Ensemble 1/e lifetimes: within statistical error of 1/(<Omega_perp^2> tau_p + 2p/tau_p)
    in the motional-narrowing regime (1/e crossing noise ~ 1/(0.37 sqrt(N)) = 4 % for
    N = 4000, bound 4 sigma); the collisionless 1/e time of a Rashba 2DEG solves
    1 - 2 u D(u) = 1/e, u = (2 alpha/hbar) sigma t / sqrt(2), sigma^2 = m k_B T / hbar^2
    (Dawson-function closed form, see test_ensemble); the longest lifetime lies next to
    tau* = sqrt(2p / <Omega_perp^2>), the minimum of the summed rate. Hanle curve: the
    steady S_z under injection (lifetime tau_r) with an in-plane field, against
    (1/tau_r) G_2 / (G_z G_2 + w_L^2), G = 1/tau_s + 1/tau_r (steady state of the Bloch
    equation with anisotropic DP rates; M. I. D'yakonov and V. I. Perel', in *Optical
    Orientation*, North-Holland 1984, ch. 2), within 4 standard errors."""
    alpha, temp = 5e-31, 77.0
    ds = _run(electrons=4000, points=7, map_points=4, hanle_points=4, rashba=alpha,
              temperature=temp)
    assert float(ds["narrowing_max_deviation"]) < 0.16
    sigma = np.sqrt(0.067 * c.m_e * c.k_B * temp) / c.hbar
    u_star = brentq(lambda u: 1 - 2 * u * dawsn(u) - np.exp(-1), 0.1, 3)
    t_free = np.sqrt(2) * u_star / (2 * alpha / c.hbar * sigma)
    assert float(ds["free_precession_time"]) == pytest.approx(t_free, rel=0.03)
    step = ds["tau_p"].values[1] / ds["tau_p"].values[0]
    ratio = float(ds["best_momentum_time"]) / float(ds["optimal_momentum_time_law"])
    assert 1 / step <= ratio <= step
    assert float(ds["hanle_max_deviation_sigma"]) < 4
    assert float(ds["hanle_max_deviation"]) < 0.05
    assert float(ds["dp_coefficient"]) == pytest.approx(
        4 * alpha**2 * 2 * 0.067 * c.m_e * c.k_B * temp / c.hbar**4, rel=1e-12)


def test_kind_bad_input():
    """Missing data and empty ranges are refused with the parameter named."""
    with pytest.raises(ParameterError, match="model"):
        _run(model="bulk", material="Si")
    with pytest.raises(ParameterError, match="rashba"):
        _run(rashba=0.0, dresselhaus=0.0)
    with pytest.raises(ParameterError, match="tau_max"):
        _run(tau_min=1e-12, tau_max=1e-13)


def test_mechanism_map_scalings():
    """p-type GaAs with BAP: BAP rate proportional to the hole density (Bir, Aronov and Pikus
    1976, free holes); DP and EY of the minority electrons independent of it; DP ~ T^3 and
    EY ~ T^2 at fixed tau_p (Boltzmann electrons); the dominant mechanism is the largest
    rate."""
    temps = np.array([30.0, 60.0, 120.0])
    dops = np.array([1e22, 1e23, 1e24])
    mm = mechanism_map("GaAs", temps, dops, mobility=0.3, carrier="p",
                       exchange_splitting=5e-5 * c.eV, exciton_bohr_radius=1.1e-8)
    ey, dp, bap = mm.rates
    np.testing.assert_allclose(bap[:, 1] / bap[:, 0], 10.0, rtol=1e-12)
    np.testing.assert_allclose(dp[:, 2] / dp[:, 0], 1.0, rtol=1e-12)
    np.testing.assert_allclose(dp[1:, 0] / dp[:-1, 0], 8.0, rtol=1e-8)
    np.testing.assert_allclose(ey[1:, 0] / ey[:-1, 0], 4.0, rtol=1e-8)
    np.testing.assert_array_equal(mm.dominant, np.argmax(mm.rates, axis=0))
    np.testing.assert_allclose(mm.spin_lifetime, 1 / (ey + dp + bap))
    assert mm.momentum_time == pytest.approx(0.067 * c.m_e * 0.3 / c.e)


def test_mechanism_map_missing_data():
    """n-type: no BAP (named in missing); a material without any mechanism data is refused."""
    mm = mechanism_map("GaAs", [100.0], [1e22], mobility=0.3)
    assert "Bir-Aronov-Pikus" in mm.missing and not mm.rates[2].any()
    with pytest.raises(ParameterError, match="material"):
        mechanism_map("Si", [100.0], [1e22], mobility=0.1)
    with pytest.raises(ParameterError, match="carrier"):
        mechanism_map("GaAs", [100.0], [1e22], mobility=0.3, carrier="x")


def test_bulk_kind_units_and_figures():
    """Bulk model: every variable has units and long_name; the figures are drawn from the
    dataset alone; the DP coefficient is the Boltzmann average 4 gamma^2 (2 m k_B T)^3 /
    hbar^8 (per unit tau_p, D'yakonov and Perel' 1972)."""
    ds = _run(model="bulk", electrons=300, points=3, map_points=3, hanle_points=2,
              temperature=200.0)
    for name, var in ds.data_vars.items():
        assert "units" in var.attrs and "long_name" in var.attrs, name
    gamma = 27.58e-30 * c.eV
    assert float(ds["dp_coefficient"]) == pytest.approx(
        4 * gamma**2 * (2 * 0.067 * c.m_e * c.k_B * 200.0) ** 3 / c.hbar**8, rel=1e-8)
    figs = plot(ds)
    assert set(figs) == {"lifetime_vs_momentum_time", "mechanism_map", "hanle"}
