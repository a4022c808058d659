"""Validations of the issue: fluctuation-dissipation at two alpha and two dt, Neel-Brown
escape times, Sun's precessional switching time, |m| = 1 over 10^6 steps, the noise."""

import math

import numba
import numpy as np
import pytest
from scipy import stats
from scipy.integrate import quad

import spinkit.magnetization as mag
from spinkit.magnetization import _kernels

GAMMA = 1.76085962784e11  # [rad/(s T)], CODATA 2022
KB = 1.380649e-23  # [J/K], exact
T = 300.0


@numba.njit
def _draw_normals(n, state):
    out = np.empty(2 * n)
    for i in range(n):
        state, out[2 * i], out[2 * i + 1] = _kernels._normal_pair(state)
    return out


def test_gaussian_noise_moments():
    """The kernels' normal numbers (SplitMix64 + Box-Muller): mean 0, variance 1, kurtosis 3,
    and a Kolmogorov-Smirnov test against the normal distribution."""
    out = _draw_normals(300_000, np.uint64(12345))
    se = 1 / math.sqrt(out.size)
    assert abs(out.mean()) < 4 * se
    assert abs(out.var() - 1) < 4 * math.sqrt(2) * se
    assert abs(stats.kurtosis(out, fisher=False) - 3) < 4 * math.sqrt(24) * se
    assert stats.kstest(out, "norm").pvalue > 1e-3
    assert abs(np.corrcoef(out[:-1], out[1:])[0, 1]) < 4 * se


@pytest.mark.parametrize("alpha", [0.2, 1.0])
@pytest.mark.parametrize("dt", [5e-14, 2e-13])
def test_fluctuation_dissipation(alpha, dt):
    """Brown (Phys. Rev. 130, 1677 (1963)): with the thermal field of variance
    2 alpha k_B T / (gamma Ms V dt), the stationary m_z of a uniaxial particle follows
    exp(xi m_z^2), xi = K V / (k_B T), whatever alpha and the step (<m_z^2> and the
    histogram of |m_z| against the Boltzmann weights)."""
    ms, k, xi = 1.0e6, 1.0e5, 2.5
    volume = xi * KB * T / k
    tau_n = (1 + alpha**2) * ms * volume / (2 * alpha * GAMMA * KB * T)
    settle = 3 * tau_n
    magnet = mag.Macrospin(ms, alpha, volume, mag.UniaxialAnisotropy(k) + mag.ThermalField(T))
    t_out = np.concatenate(([0.0], np.linspace(settle, 2 * settle, 10)))
    tr = mag.simulate(magnet, np.tile([0, 0, 1.0], (2048, 1)), 2 * settle, method="heun",
                      dt=dt, t_out=t_out, seed=11)
    per_traj = np.abs(tr.m[:, 1:, 2])  # (trajectories, samples); samples within a
    # trajectory are correlated, the trajectories independent: standard errors from the
    # spread of the per-trajectory means (about 0.003 for <m_z^2>, 0.0045 per bin)
    z = per_traj.ravel()
    weight = quad(lambda x: np.exp(xi * x * x), 0, 1)[0]
    mean_z2 = quad(lambda x: x * x * np.exp(xi * x * x), 0, 1)[0] / weight
    se_z2 = np.std(np.mean(per_traj**2, axis=1)) / np.sqrt(per_traj.shape[0])
    assert abs(np.mean(z * z) - mean_z2) < 4 * se_z2
    edges = np.linspace(0, 1, 6)
    expected = np.array([quad(lambda x: np.exp(xi * x * x), a, b)[0] / weight
                         for a, b in zip(edges[:-1], edges[1:], strict=True)])
    bins = np.stack([np.histogram(row, edges)[0] / row.size for row in per_traj])
    se_bins = bins.std(axis=0) / np.sqrt(per_traj.shape[0])
    assert np.all(np.abs(np.histogram(z, edges)[0] / z.size - expected) < 4 * se_bins)


@pytest.mark.parametrize("xi", [5.0, 7.0])
def test_neel_brown_mean_switching_time(xi):
    """Mean time for a uniaxial macrospin (alpha = 1) to reach the barrier top, from the
    stochastic LLG, against the exact Fokker-Planck first-passage time
    (mag.uniaxial_escape_time: Brown 1963; Coffey and Kalmykov, The Langevin Equation, 4th
    ed., 2017, ch. 1) within 3 standard errors; Brown's asymptotic formula (Phys. Rev. 130,
    1677 (1963), eq. 4.8) is below it by 1/xi + O(1/xi^2) (test_brown_asymptote checks that
    convergence). The crossing is watched once a step, which misses excursions past the
    level between steps and delays the first passage by about
    beta sqrt(dt / tau_N) / J = 5.5 % here; the watched level is moved towards the well by
    beta sqrt(dt / tau_N), beta = -zeta(1/2) / sqrt(2 pi) = 0.5826 (continuity correction of
    M. Broadie, P. Glasserman and S. Kou, Math. Finance 7, 325 (1997); J as in
    tests/magnetization/test_escape.py), so that the comparison carries no known bias."""
    ms, k, alpha, dt = 1.0e6, 1.0e5, 1.0, 5e-13
    volume = xi * KB * T / k
    tau_n = (1 + alpha**2) * ms * volume / (2 * alpha * GAMMA * KB * T)
    magnet = mag.Macrospin(ms, alpha, volume, mag.UniaxialAnisotropy(k) + mag.ThermalField(T))
    n = 2000
    level = 0.5825971579390106 * math.sqrt(dt / tau_n)
    tr = mag.simulate(magnet, np.tile([0, 0, 1.0], (n, 1)), 1500 * tau_n, method="heun",
                      dt=dt, samples=2, seed=5, watch=([0, 0, 1], level),
                      stop_at_crossing=True)
    times = tr.crossing_time
    assert np.isfinite(times).all()
    exact = mag.uniaxial_escape_time(alpha, ms, volume, k, T)
    assert abs(times.mean() - exact) < 3 * times.std() / np.sqrt(n)
    brown = mag.brown_relaxation_time(alpha, ms, volume, k, T)
    assert abs(xi * (brown / exact - 1) + 1) < 2 / xi  # as in test_brown_asymptote


@pytest.mark.parametrize("xi", [10.0, 20.0, 40.0])
def test_brown_asymptote(xi):
    """Brown's high-barrier formula approaches the exact time as 1 - 1/xi + O(1/xi^2)."""
    ms, k, alpha = 1.0e6, 1.0e5, 0.1
    volume = xi * KB * T / k
    exact = mag.uniaxial_escape_time(alpha, ms, volume, k, T)
    brown = mag.brown_relaxation_time(alpha, ms, volume, k, T)
    # Laplace's method on the exact time (eq. (2) of mag.uniaxial_escape_time): the inner
    # integral is exp(xi)/(2 xi) (1 + 1/(2 xi)), the outer sqrt(pi/xi)/2 (1 + 1/(2 xi)), so
    # exact = Brown (1 + 1/xi + O(1/xi^2)): the 1/xi coefficient itself is checked
    # (measured xi (ratio - 1) = -1.11, -1.04, -1.02)
    assert abs(xi * (brown / exact - 1) + 1) < 2 / xi
    assert mag.neel_relaxation_time(xi, 1e-9) == pytest.approx(1e-9 * np.exp(xi), rel=1e-12,
                                                               abs=0)
    assert mag.thermal_stability(k * volume, T) == pytest.approx(xi, rel=1e-12, abs=0)


def test_sun_precessional_switching_time():
    """Perpendicular free layer, polarizer antiparallel, Lambda = 1: the polar angle obeys
    dtheta/dt = (gamma alpha B_K / (1 + alpha^2)) sin(theta) (i - cos(theta)), i = J/J_c0
    (from eq. (2) of macrospin.py; J_c0 of Sun, PRB 62, 570 (2000)). The time to reach the
    equator is its integral, and for small theta0 it grows as
    tau0 ln(pi / (2 theta0)) / (i - 1), tau0 = (1 + alpha^2) / (alpha gamma B_K) (Sun's law)."""
    ms, k, alpha, d, pol = 1.0e6, 2.0e5, 0.01, 1e-9, 0.6
    b_k = 2 * k / ms
    jc0 = mag.sun_critical_current(alpha, ms, d, pol, b_k)
    tau0 = (1 + alpha**2) / (alpha * GAMMA * b_k)
    thetas = np.array([1e-2, 1e-3, 1e-4])
    for i in (1.5, 3.0):
        magnet = mag.Macrospin(ms, alpha, 1e-24, mag.UniaxialAnisotropy(k)
                               + mag.Slonczewski(i * jc0, pol, d, [0, 0, -1]))
        m0 = np.stack([np.sin(thetas), 0 * thetas, np.cos(thetas)], axis=1)
        tr = mag.simulate(magnet, m0, 30 * tau0, samples=2, rtol=1e-10, atol=1e-12,
                          watch=([0, 0, 1], 0.0), stop_at_crossing=True)
        exact = [tau0 * quad(lambda th, i=i: 1 / (np.sin(th) * (i - np.cos(th))), th0,
                             np.pi / 2)[0] for th0 in thetas]
        np.testing.assert_allclose(tr.crossing_time, exact, rtol=1e-5)
        slope = np.polyfit(np.log(np.pi / (2 * thetas)), tr.crossing_time, 1)[0]
        assert slope * (i - 1) / tau0 == pytest.approx(1.0, rel=1e-3)


@pytest.mark.parametrize("method", ["rk4", "heun"])
def test_unit_length_over_a_million_steps(method):
    """|m| = 1 within 1e-12 over 10^6 steps (RK4 deterministic, stochastic Heun at 300 K)."""
    terms = (mag.UniaxialAnisotropy(2e5) + mag.Zeeman([0.05, 0, 0])
             + mag.Slonczewski(3e10, 0.6, 1e-9, [0, 0, -1]))
    if method == "heun":
        terms = terms + mag.ThermalField(T)
    magnet = mag.Macrospin(1e6, 0.01, 1e-24, terms)
    tr = mag.simulate(magnet, [0.1, 0, 1], 1e-7, method=method, dt=1e-13, samples=1001)
    assert np.abs(np.linalg.norm(tr.m, axis=-1) - 1).max() < 1e-12
    assert np.ptp(tr.m[:, 2]) > 0.5  # it moved
