"""Thermal field: Boltzmann (Langevin) equilibrium, seeds, switching ensembles."""

import numba
import numpy as np
import pytest

import spinkit.magnetization as mag
from spinkit.errors import ParameterError

GAMMA = 1.76085962784e11  # [rad/(s T)], CODATA 2022
KB = 1.380649e-23  # [J/K], exact
T = 300.0


def _equilibrium_samples(magnet, m0, settle, n_traj, n_samples, dt, seed=1):
    t_out = np.concatenate(([0.0], np.linspace(settle, 2 * settle, n_samples)))
    tr = mag.simulate(magnet, np.tile(m0, (n_traj, 1)), 2 * settle, method="heun", dt=dt,
                      t_out=t_out, seed=seed)
    return tr.m[:, 1:]


def test_langevin_paramagnet():
    """An isotropic moment in a field: <m.b> = coth(xi) - 1/xi, xi = Ms V B / (k_B T)
    (Langevin's law, the Boltzmann average); the transverse mean vanishes."""
    ms, b, xi = 1.0e6, 0.05, 2.0
    volume = xi * KB * T / (ms * b)
    magnet = mag.Macrospin(ms, 0.5, volume, mag.Zeeman([0, 0, b]) + mag.ThermalField(T))
    m = _equilibrium_samples(magnet, [0, 0, 1], 1e-9, 2000, 20, 1e-13)
    langevin = 1 / np.tanh(xi) - 1 / xi
    # standard errors from the spread of the 2000 independent per-trajectory means (about
    # 0.005 and 0.004; the 20 samples of one trajectory are correlated)
    for c, expected in ((2, langevin), (0, 0.0), (1, 0.0)):
        se = m[..., c].mean(axis=1).std() / np.sqrt(m.shape[0])
        assert abs(m[..., c].mean() - expected) < 3 * se


def test_seeded_and_thread_independent():
    """The same seed gives the same trajectories whatever the number of threads."""
    magnet = mag.Macrospin(1e6, 0.1, 1e-25, mag.UniaxialAnisotropy(1e5) + mag.ThermalField(T))
    m0 = np.tile([0, 0, 1.0], (40, 1))  # several pieces of work, so threads do share it
    runs = []
    threads = numba.get_num_threads()
    try:
        for n in (1, threads):
            numba.set_num_threads(n)
            runs.append(mag.simulate(magnet, m0, 1e-10, method="heun", dt=1e-13, seed=3).m)
    finally:
        numba.set_num_threads(threads)
    np.testing.assert_array_equal(runs[0], runs[1])
    # a trajectory's numbers do not depend on its block either (in SIMD blocks of 64)
    wide = mag.simulate(magnet, np.tile([0, 0, 1.0], (130, 1)), 1e-10, method="heun",
                        dt=1e-13, seed=3).m
    np.testing.assert_array_equal(wide[:40], runs[0])
    other = mag.simulate(magnet, m0, 1e-10, method="heun", dt=1e-13, seed=4).m
    assert not np.allclose(other, runs[0])
    cold = magnet.with_terms(mag.UniaxialAnisotropy(1e5) + mag.ThermalField(0.0))
    plain = magnet.with_terms(mag.UniaxialAnisotropy(1e5))
    np.testing.assert_array_equal(
        mag.simulate(cold, [0.1, 0, 1], 1e-10, method="heun", dt=1e-13).m,
        mag.simulate(plain, [0.1, 0, 1], 1e-10, method="heun", dt=1e-13).m)


def test_switching_ensemble_sun_threshold():
    """Thermal STT switching of a perpendicular cell with a long pulse: rare well below the
    Sun threshold J_c0, nearly certain well above it; the probability grows with current."""
    ms, k, alpha, d, pol = 1.0e6, 8.0e5, 0.02, 1e-9, 0.6
    area = np.pi * (20e-9) ** 2
    jc0 = mag.sun_critical_current(alpha, ms, d, pol, 2 * k / ms - 1.25663706127e-6 * ms)
    probs = []
    for f in (0.5, 1.0, 2.0):
        magnet = mag.Macrospin(ms, alpha, area * d, mag.UniaxialAnisotropy(k)
                               + mag.Demag.thin_film() + mag.ThermalField(T)
                               + mag.Slonczewski(f * jc0, pol, d, [0, 0, -1],
                                                 waveform=mag.Pulse(10e-9)))
        res = mag.switching_ensemble(magnet, [0, 0, 1], 12e-9, trajectories=200, dt=1e-12,
                                     seed=2)
        probs.append(res.probability)
        lo, hi = res.interval
        assert lo <= res.probability <= hi
    assert probs[0] < 0.05 and probs[2] > 0.95 and probs[0] <= probs[1] <= probs[2]
    assert np.isfinite(res.mean_switching_time) and res.mean_switching_time < 10e-9


def test_ensemble_input():
    magnet = mag.Macrospin(1e6, 0.1, 1e-25, mag.UniaxialAnisotropy(1e5))
    with pytest.raises(ParameterError) as err:
        mag.switching_ensemble(magnet, [0, 0, 1], 1e-9, trajectories=0)
    assert err.value.name == "trajectories"
    with pytest.raises(ParameterError) as err:
        mag.switching_ensemble(magnet, [0, 0, 1], 1e-9, axis=[0, 0, -1])
    assert err.value.name == "axis"
    assert mag.wilson_interval(0, 10)[0] == 0.0
    assert mag.wilson_interval(10, 10)[1] == pytest.approx(1.0, rel=1e-12)
    # Wilson (1927): (p + z^2/2n +- z sqrt(p(1-p)/n + z^2/4n^2)) / (1 + z^2/n), 3 of 10, z = 1
    half = np.sqrt(0.3 * 0.7 / 10 + 1 / 400) / 1.1
    np.testing.assert_allclose(mag.wilson_interval(3, 10), [0.35 / 1.1 - half, 0.35 / 1.1 + half],
                               rtol=1e-12)
