"""Macrospin LLG: spinkit against cmtj on the same problems, in one run.

The problem (issue 3): a perpendicular CoFeB free layer, Ms = 1.0e6 A/m, alpha = 0.01,
B_K,eff = 2 K_eff / Ms = 0.4 T, 40 nm disc, 1 nm thick, Slonczewski STT with P = 0.6 from a
polarizer along -z, starting near +z.

  1. one deterministic 10 ns trajectory at 2 J_c0: RK4 at dt = 0.1 ps in both codes (steps
     per second), and the trajectories compared point by point (max |dm| over 10 ns);
  2. time to a trajectory as accurate as cmtj's RK4 one (max |dm| against a converged
     reference, Dormand-Prince 5(4) at rtol 1e-14): spinkit's adaptive Dormand-Prince 5(4)
     and 8(5,3) (DOP853), each at the loosest half-decade tolerance that is at least as
     accurate, against cmtj's RK4 run;
  3. 10,000 stochastic switching trials at 300 K, 4 ns each, stochastic Heun, dt = 1 ps:
     time to the switching probability, both codes on both cores (cmtj: one Junction per
     trial in a 2-process pool; spinkit: one call), probabilities compared.

Conventions are aligned as docs/conventions-macrospin.md explains: cmtj's constants on both
sides (gamma mu0 = 220880 m/(A s), mu0 = 12.566e-7, its electron charge), the film's demag
folded into K_eff, and cmtj's STT, which omits the alpha m x tau part of the Gilbert form,
given to spinkit as P' = P / (1 + alpha^2) with a field-like ratio eps' = alpha P' / 2.

Run:  python benchmarks/bench_macrospin.py [--trials N] [--repeat R]
Needs: pip install 'spinkit[bench-macrospin]' (cmtj, GPL-2.0; benchmark only).
"""

from __future__ import annotations

import argparse
import datetime
import multiprocessing
import os
import platform
import statistics
import time

import numpy as np

import spinkit.magnetization as mag
from spinkit import constants

MU0_C = 12.566e-7  # cmtj's mu0
GYRO_C = 220880.0  # cmtj's gamma mu0 [m/(A s)]
E_C = 1.60217662e-19  # cmtj's electron charge [C]
GAMMA = GYRO_C / MU0_C  # the same precession rate in spinkit's B-field form

MS, ALPHA, D, POL = 1.0e6, 0.01, 1.0e-9, 0.6
K = 0.4 * MS / 2  # K_eff [J/m^3]: B_K,eff = 0.4 T, the film's demag folded in
AREA = np.pi * (20e-9) ** 2
#: Sun's J_c0 = (2e/hbar)(alpha/P) Ms d B_K,eff [A/m^2]
JC0 = mag.sun_critical_current(ALPHA, MS, D, POL, 2 * K / MS)
THETA0 = 0.05  # initial tilt of the deterministic run [rad]


def spinkit_magnet(current, temperature=0.0):
    """spinkit's magnet with cmtj's STT convention (module docstring)."""
    pol = POL / (1 + ALPHA**2)
    # B_J uses CODATA e; scale j so that hbar j / (e Ms d) equals cmtj's value
    j = current * constants.e / E_C
    terms = (mag.UniaxialAnisotropy(K)
             + mag.Slonczewski(j, pol, D, [0, 0, -1], field_like=ALPHA * pol / 2))
    if temperature:
        terms = terms + mag.ThermalField(temperature)
    return mag.Macrospin(MS, ALPHA, AREA * D, terms, gamma=GAMMA)


def cmtj_junction(m0, current, temperature=0.0, seed=None):
    import cmtj

    demag = [cmtj.CVector(0, 0, 0), cmtj.CVector(0, 0, 0), cmtj.CVector(0, 0, 0)]
    layer = cmtj.Layer.createSTTLayer("free", cmtj.CVector(*m0), cmtj.CVector(0, 0, 1),
                                      MU0_C * MS, D, AREA, demag, damping=ALPHA,
                                      SlonczewskiSpacerLayerParameter=1.0, beta=0.0,
                                      spinPolarisation=POL)
    layer.setReferenceLayer(cmtj.CVector(0, 0, -1))
    j = cmtj.Junction([layer])
    j.setLayerAnisotropyDriver("free", cmtj.constantDriver(K))
    j.setLayerCurrentDriver("free", cmtj.constantDriver(current))
    if temperature:
        j.setLayerTemperatureDriver("free", cmtj.constantDriver(temperature))
        j.setLayerSeed("free", int(seed))
    return j


def timed_pair(fn_a, fn_b, repeat):
    """Median wall times of two functions run alternately (other jobs on the machine then
    slow both alike), and their last results."""
    times_a, times_b, out_a, out_b = [], [], None, None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out_a = fn_a()
        t1 = time.perf_counter()
        out_b = fn_b()
        times_a.append(t1 - t0)
        times_b.append(time.perf_counter() - t1)
    return statistics.median(times_a), statistics.median(times_b), out_a, out_b


M0 = np.array([np.sin(THETA0), 0.0, np.cos(THETA0)])
DURATION, DT, SAMPLES = 10e-9, 1e-13, 1001  # SAMPLES: cmtj's log points


def cmtj_trajectory():
    import cmtj

    j = cmtj_junction(M0, 2 * JC0)
    j.runSimulation(DURATION, DT, DURATION / (SAMPLES - 1), solverMode=cmtj.RK4)
    log = j.getLog()
    m = np.stack([log[f"free_m{c}"] for c in "xyz"], axis=1)
    # cmtj logs, under the time t = i dt, m after step i: at t + dt
    return np.asarray(log["time"]) + DT, m


def loosest_tolerance(run, ref, target):
    """The loosest rtol on a half-decade grid (atol = rtol / 10) at which ``run(rtol)`` is as
    accurate as ``target`` (max |dm| against ``ref``): what a user halving the tolerance
    until the answer stops changing would pick. Returns (rtol, error)."""
    for rtol in 10.0 ** -np.arange(4.0, 14.5, 0.5):
        err = float(np.abs(run(rtol).m - ref).max())
        if err <= target:
            return rtol, err
    return rtol, err


def bench_deterministic(repeat):
    magnet = spinkit_magnet(2 * JC0)
    mag.simulate(magnet, M0, 1e-12, method="rk4", dt=DT)  # compile outside the timing
    mag.simulate(magnet, M0, 1e-12, method="rk45")
    mag.simulate(magnet, M0, 1e-12, method="dop853")

    t_out = np.concatenate(([0.0], cmtj_trajectory()[0]))  # the times cmtj logs

    def run_spinkit():
        return mag.simulate(magnet, M0, t_out[-1], method="rk4", dt=DT, t_out=t_out)

    t_c, t_s, (_, mc), tr = timed_pair(cmtj_trajectory, run_spinkit, repeat)
    dev = float(np.abs(tr.m[1:] - mc).max())
    # the converged reference: Dormand-Prince 5(4) at rtol 1e-14; its own error: the
    # difference from DOP853 at 1e-14, an independent method (RK4 at dt / 16 or finer is
    # no reference: over millions of steps its rounding errors, amplified by the growth
    # phase, reach 3e-9 - 7e-9)
    ref = mag.simulate(magnet, M0, t_out[-1], method="rk45", rtol=1e-14, atol=1e-15,
                       t_out=t_out).m
    check = mag.simulate(magnet, M0, t_out[-1], method="dop853", rtol=1e-14, atol=1e-15,
                         t_out=t_out).m
    err_c = float(np.abs(ref[1:] - mc).max())
    out = dict(t_cmtj=t_c, t_rk4=t_s, dev=dev, err_cmtj=err_c, mz_end=float(tr.m[-1, 2]),
               err_ref=float(np.abs(ref - check).max()))
    # spinkit's adaptive integrators at the loosest tolerance at least as accurate as cmtj
    for method in ("rk45", "dop853"):
        def run(rtol, method=method):
            return mag.simulate(magnet, M0, t_out[-1], method=method, rtol=rtol,
                                atol=rtol / 10, t_out=t_out)

        rtol, err = loosest_tolerance(run, ref, err_c)
        t_c2, t_a, _, _ = timed_pair(cmtj_trajectory, lambda run=run, rtol=rtol: run(rtol),
                                     repeat)
        out[method] = dict(rtol=rtol, err=err, t=t_a, t_cmtj=t_c2)
    return out


TRIAL_TIME, TRIAL_DT, TRIAL_J = 4e-9, 1e-12, 2.2 * JC0


def _cmtj_chunk(seeds):
    import cmtj

    down = 0
    for s in seeds:
        j = cmtj_junction([0.0, 0.0, 1.0], TRIAL_J, 300.0, seed=s)
        j.runSimulation(TRIAL_TIME, TRIAL_DT, TRIAL_TIME, solverMode=cmtj.Heun)
        down += j.getLayerMagnetisation("free").z < 0
    return down


def bench_ensemble(n, repeat):
    magnet = spinkit_magnet(TRIAL_J, 300.0)
    m0 = np.tile([0.0, 0.0, 1.0], (n, 1))
    mag.simulate(magnet, m0[:64], 1e-11, method="heun", dt=TRIAL_DT)  # compile

    def run_cmtj():
        seeds = np.arange(1, n + 1)
        with multiprocessing.get_context("fork").Pool(2) as pool:
            return sum(pool.map(_cmtj_chunk, np.array_split(seeds, 8))) / n

    def run_spinkit():
        tr = mag.simulate(magnet, m0, TRIAL_TIME, method="heun", dt=TRIAL_DT, samples=2,
                          seed=1)
        return float(np.mean(tr.m[:, -1, 2] < 0))

    return timed_pair(run_cmtj, run_spinkit, repeat)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--trials", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    import cmtj  # noqa: F401  (fail early, with the import error, if it is missing)
    import numba

    load = os.getloadavg()[0]
    print(f"{datetime.date.today()}  machine: {platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} cpus, numba threads {numba.get_num_threads()}, load average "
          f"{load:.1f} at start; median of {args.repeat}")
    r = bench_deterministic(args.repeat)
    steps = DURATION / DT
    print(f"1. 10 ns STT trajectory at 2 J_c0 (m_z -> {r['mz_end']:+.3f}), RK4 dt 0.1 ps: "
          f"cmtj {r['t_cmtj'] * 1e3:.1f} ms ({steps / r['t_cmtj'] / 1e6:.1f} Msteps/s), "
          f"spinkit {r['t_rk4'] * 1e3:.1f} ms ({steps / r['t_rk4'] / 1e6:.1f} Msteps/s), "
          f"ratio {r['t_cmtj'] / r['t_rk4']:.2f}; max |m_spinkit - m_cmtj| = {r['dev']:.1e}")
    print(f"2. cmtj RK4 error vs converged reference {r['err_cmtj']:.1e} (reference: "
          f"Dormand-Prince 5(4) at rtol 1e-14, {r['err_ref']:.0e} from DOP853 at 1e-14)")
    for method, name in (("rk45", "Dormand-Prince 5(4)"), ("dop853", "DOP853")):
        a = r[method]
        print(f"   spinkit {name} at rtol {a['rtol']:.1e}: error {a['err']:.1e} in "
              f"{a['t'] * 1e3:.2f} ms (cmtj {a['t_cmtj'] * 1e3:.1f} ms); time ratio "
              f"cmtj/spinkit {a['t_cmtj'] / a['t']:.1f}")
    n = args.trials
    t_c, t_s, p_c, p_s = bench_ensemble(n, args.repeat)
    se = np.sqrt(0.25 / n)
    print(f"3. {n} trials, 300 K, 4 ns, j = 2.2 J_c0, Heun dt 1 ps: cmtj (2 processes) "
          f"{t_c:.2f} s, spinkit (2 threads) {t_s:.3f} s, ratio {t_c / t_s:.1f}; "
          f"P_switch cmtj {p_c:.4f}, spinkit {p_s:.4f} (difference "
          f"{abs(p_c - p_s) / (se * np.sqrt(2)):.1f} standard errors)")


if __name__ == "__main__":
    main()
