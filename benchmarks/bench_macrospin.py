"""Macrospin LLG: spinkit against cmtj on the same problems, in one run.

Problems (a perpendicular free layer, 40 nm disc, 1 nm thick, K_eff = 1.7e5 J/m^3):
  1. one deterministic trajectory, RK4, dt = 0.1 ps, 20 ns (200 000 steps);
  2. a thermal STT switching ensemble, stochastic Heun, dt = 1 ps, 12 ns, 300 K,
     N trajectories (cmtj: one Junction per trajectory; spinkit: one call).

cmtj's constants are used on both sides (gamma mu0 = 220880 m/(A s), mu0 = 12.566e-7) so the
deterministic trajectories can be compared point by point. cmtj writes its STT in the
Landau-Lifshitz form without the alpha m x tau mixing of the Gilbert form spinkit (and
mumax3) use; the ensembles are compared by switching probability only.

Run:  python benchmarks/bench_macrospin.py [--trajectories N] [--repeat R]
Needs: pip install cmtj (GPL-2.0; benchmark only, not a spinkit dependency).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time

import numpy as np

import spinkit.magnetization as mag

MU0_C = 12.566e-7  # cmtj's mu0
GYRO_C = 220880.0  # cmtj's gamma mu0 [m/(A s)]
GAMMA = GYRO_C / MU0_C  # the same precession rate in spinkit's B-field form

MS, ALPHA, D = 1.0e6, 0.02, 1.0e-9
#: effective perpendicular anisotropy K_u - mu0 Ms^2 / 2 [J/m^3]; the film's demag is folded
#: into it so that the two codes' different mu0 (12.566e-7 against CODATA) do not matter
K = 8.0e5 - 0.5 * MU0_C * MS**2
AREA = np.pi * (20e-9) ** 2
BZ = -0.02  # small field against the initial state [T]


def spinkit_magnet(temperature=0.0, current=0.0, pulse=None):
    terms = mag.UniaxialAnisotropy(K) + mag.Zeeman([0, 0, BZ])
    if temperature:
        terms = terms + mag.ThermalField(temperature)
    if current:
        terms = terms + mag.Slonczewski(current, 0.6, D, [0, 0, -1], waveform=pulse)
    return mag.Macrospin(MS, ALPHA, AREA * D, terms, gamma=GAMMA)


def cmtj_junction(m0, temperature=0.0, current=0.0, pulse_end=None, seed=None):
    import cmtj

    demag = [cmtj.CVector(0, 0, 0), cmtj.CVector(0, 0, 0), cmtj.CVector(0, 0, 0)]
    if current:
        layer = cmtj.Layer.createSTTLayer("free", cmtj.CVector(*m0), cmtj.CVector(0, 0, 1),
                                          MU0_C * MS, D, AREA, demag, damping=ALPHA,
                                          SlonczewskiSpacerLayerParameter=1.0, beta=0.0,
                                          spinPolarisation=0.6)
        layer.setReferenceLayer(cmtj.CVector(0, 0, -1))
    else:
        layer = cmtj.Layer("free", cmtj.CVector(*m0), cmtj.CVector(0, 0, 1), MU0_C * MS, D,
                           AREA, demag, damping=ALPHA)
    j = cmtj.Junction([layer])
    j.setLayerAnisotropyDriver("free", cmtj.constantDriver(K))
    j.setLayerExternalFieldDriver("free", cmtj.AxialDriver(
        cmtj.constantDriver(0), cmtj.constantDriver(0), cmtj.constantDriver(BZ / MU0_C)))
    if temperature:
        j.setLayerTemperatureDriver("free", cmtj.constantDriver(temperature))
        if seed is not None:
            j.setLayerSeed("free", int(seed))
    if current:
        j.setLayerCurrentDriver("free", cmtj.stepDriver(0, current, 0, pulse_end))
    return j


def timed(fn, repeat):
    times, out = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), out


def _final(junction):
    return np.array(junction.getLayerMagnetisation("free").tolist())


def bench_deterministic(repeat):
    import cmtj

    m0 = np.array([np.sin(0.3), 0.0, np.cos(0.3)])
    duration, dt = 20e-9, 1e-13
    magnet = spinkit_magnet()
    mag.simulate(magnet, m0, 1e-12, method="rk4", dt=dt)  # compile outside the timing

    def run_cmtj():
        j = cmtj_junction(m0)
        j.runSimulation(duration, dt, 1e-11, solverMode=cmtj.RK4)
        return _final(j)

    def run_spinkit():
        return mag.simulate(magnet, m0, duration, method="rk4", dt=dt, samples=2001).m[-1]

    t_c, mc = timed(run_cmtj, repeat)
    t_s, ms = timed(run_spinkit, repeat)
    return t_c, t_s, float(np.abs(ms - mc).max()), ms


def bench_ensemble(n, repeat):
    import cmtj

    m0 = np.array([0.0, 0.0, 1.0])
    duration, dt, pulse, current = 12e-9, 1e-12, 10e-9, 3.4e10
    magnet = spinkit_magnet(300.0, current, mag.Pulse(pulse))
    mag.simulate(magnet, [m0, m0], 1e-11, method="heun", dt=dt)  # compile

    def run_cmtj():
        final = np.empty((n, 3))
        for i in range(n):
            j = cmtj_junction(m0, 300.0, current, pulse, seed=i + 1)
            j.runSimulation(duration, dt, 1e-10, solverMode=cmtj.Heun)
            final[i] = _final(j)
        return final

    def run_spinkit():
        return mag.simulate(magnet, np.tile(m0, (n, 1)), duration, method="heun", dt=dt,
                            samples=2, seed=1).m[:, -1]

    t_c, fc = timed(run_cmtj, repeat)
    t_s, fs = timed(run_spinkit, repeat)
    return t_c, t_s, float(np.mean(fc[:, 2] < 0)), float(np.mean(fs[:, 2] < 0))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--trajectories", type=int, default=256)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    import cmtj  # noqa: F401  (fail early, with the import error, if it is missing)
    import numba

    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cpus, "
          f"numba threads {numba.get_num_threads()}; median of {args.repeat}")
    t_c, t_s, dev, _ = bench_deterministic(args.repeat)
    print(f"1. single trajectory, RK4, 200k steps, 2001 samples: cmtj {t_c:.3f} s, "
          f"spinkit {t_s:.3f} s, "
          f"ratio cmtj/spinkit {t_c / t_s:.2f}; final |m_spinkit - m_cmtj| = {dev:.1e}")
    n = args.trajectories
    t_c, t_s, p_c, p_s = bench_ensemble(n, args.repeat)
    print(f"2. {n} thermal trajectories, Heun, 12k steps each: cmtj {t_c:.2f} s, "
          f"spinkit {t_s:.2f} s, ratio cmtj/spinkit {t_c / t_s:.2f}; "
          f"switching probability cmtj {p_c:.2f}, spinkit {p_s:.2f}")


if __name__ == "__main__":
    main()
