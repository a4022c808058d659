"""Coupled macrospin stacks: spinkit's compiled engine against its numpy reference engine
and against cmtj, in one run.

Problems (spinkit.magnetization.stack):

  A. the `mtj_stack` tour device: a perpendicular free layer (Ms = 1e6 A/m, alpha = 0.01,
     K = 8e5 J/m^3, 40 nm disc, 1 nm) on a SAF reference (reference and pinned layer, 2 nm,
     K = 1.2e6 J/m^3, RKKY J1 = -1 mJ/m^2), free/reference J1 = 20 uJ/m^2, Slonczewski STT
     at 2 J_c0 polarized by the moving reference layer; one 1 ns trajectory by RK4 at
     dt = 0.1 ps (10,000 steps) and by Dormand-Prince 5(4) at rtol 1e-8;
  B. the same stack at 300 K: 1000 trajectories, 1 ns, stochastic Heun at dt = 0.1 ps;
  C. against cmtj 1.15 (`pip install 'spinkit[bench-macrospin]'`), a free layer with STT
     polarized by a moving reference layer and IEC between them (the problem of
     tests/magnetization/test_stack.py::test_free_and_reference_layer_converge_to_cmtj,
     conventions aligned as there), RK4 at dt = 0.1 ps over 10 ns: wall time, and each
     code's distance to a converged trajectory (spinkit's RK4 at dt = 0.025 ps).

Each row: median of R repeats, the two codes alternating so that other load hits both alike.

Run:  python benchmarks/bench_stack.py [--repeat R] [--trajectories N]
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import statistics
import time

import numpy as np

import spinkit.magnetization as mag
from spinkit.magnetization.scenarios import mtj_stack
from spinkit.scenario.registry import get_kind


def medians(fns, repeat):
    """Median wall time of each function, run in turn ``repeat`` times; the last results."""
    times = [[] for _ in fns]
    results = [None] * len(fns)
    for _ in range(repeat):
        for i, fn in enumerate(fns):
            t0 = time.perf_counter()
            results[i] = fn()
            times[i].append(time.perf_counter() - t0)
    return [statistics.median(t) for t in times], results


def tour_stack(temperature=0.0):
    kind = get_kind("mtj_stack")
    stack, m0, _ = mtj_stack(kind.validate({**kind.tour, "temperature": temperature}))
    return stack, m0


def bench_single(repeat):
    stack, m0 = tour_stack()
    rows = []
    for method, kw in (("rk4", dict(dt=1e-13)), ("rk45", dict(rtol=1e-8, atol=1e-10))):
        run = {engine: (lambda e=engine, m=method, o=kw: mag.simulate_stack(
            stack, m0, 1e-9, method=m, samples=101, engine=e, **o))
            for engine in ("numba", "numpy")}
        run["numba"]()  # compile outside the timing
        (t_numba, t_numpy), (a, b) = medians([run["numba"], run["numpy"]], repeat)
        rows.append((f"A. one 3-layer trajectory, 1 ns, {method}", t_numpy, t_numba,
                     float(np.abs(a.m - b.m).max())))
    return rows


def bench_thermal(repeat, trajectories):
    stack, m0 = tour_stack(300.0)
    ens = np.tile(m0, (trajectories, 1, 1))

    def run(engine):
        return mag.simulate_stack(stack, ens, 1e-9, method="heun", dt=1e-13, samples=11,
                                  seed=1, engine=engine)

    mag.simulate_stack(stack, ens[:2], 1e-12, method="heun", dt=1e-13, samples=2)
    (t_numba, t_numpy), (a, b) = medians([lambda: run("numba"), lambda: run("numpy")],
                                         repeat)
    # different random streams: compare the ensemble means of the free layer's m_z
    diff = abs(a.m[:, -1, 0, 2].mean() - b.m[:, -1, 0, 2].mean())
    return [(f"B. {trajectories} thermal trajectories, 1 ns, Heun", t_numpy, t_numba,
             float(diff))]


def bench_cmtj(repeat):
    import cmtj

    mu0_c, gyro_c, e_c, e_si = 12.566e-7, 220880.0, 1.60217662e-19, 1.602176634e-19
    ms, d, alpha, pol = (1.0e6, 1.2e6), (1e-9, 2e-9), (0.01, 0.02), 0.6
    k, j1, current, area = (2e5, 9e5), 5e-5, 2.5e10, np.pi * (20e-9) ** 2
    m0 = [[np.sin(0.3), 0.0, -np.cos(0.3)], [0.1, 0.0, 1.0]]
    duration, dt = 10e-9, 1e-13

    def run_cmtj():
        zero = [cmtj.CVector(0, 0, 0)] * 3
        free = cmtj.Layer.createSTTLayer(
            "free", cmtj.CVector(*m0[0]), cmtj.CVector(0, 0, 1), mu0_c * ms[0], d[0], area,
            zero, damping=alpha[0], SlonczewskiSpacerLayerParameter=1.0, beta=0.0,
            spinPolarisation=pol)
        ref = cmtj.Layer("ref", cmtj.CVector(*m0[1]), cmtj.CVector(0, 0, 1), mu0_c * ms[1],
                         d[1], area, zero, damping=alpha[1])
        junction = cmtj.Junction([free, ref])
        junction.setLayerReferenceType("free", cmtj.Reference.top)
        for name, kv in zip(("free", "ref"), k, strict=True):
            junction.setLayerAnisotropyDriver(name, cmtj.constantDriver(kv))
        junction.setIECDriver("free", "ref", cmtj.constantDriver(j1))
        junction.setLayerCurrentDriver("free", cmtj.constantDriver(current))
        junction.runSimulation(duration, dt, duration / 1000, solverMode=cmtj.RK4)
        log = junction.getLog()
        return np.stack([np.stack([log[f"{n}_m{c}"] for c in "xyz"], 1)
                         for n in ("free", "ref")], 1)

    p_eff = pol / (1 + alpha[0] ** 2)
    stt = mag.Slonczewski(current * e_si / e_c, p_eff, d[0], [0, 0, 1.0],
                          field_like=alpha[0] * p_eff / 2)
    layers = [mag.Macrospin(ms[i], alpha[i], area * d[i], mag.UniaxialAnisotropy(k[i])
                            + (stt if i == 0 else mag.Terms()), gamma=gyro_c / mu0_c)
              for i in (0, 1)]
    stack = mag.Stack(layers, area, [mag.Coupling(0, 1, j1)], polarizers={0: 1})

    # cmtj logs under t = i (duration / 1000) the state one step later
    t_out = np.r_[0.0, np.arange(1000) * duration / 1000 + dt]

    def run_spinkit(step=dt):
        return mag.simulate_stack(stack, m0, t_out[-1], method="rk4", dt=step,
                                  t_out=t_out).m

    run_spinkit()
    (t_c, t_s), (mc, ms_) = medians([run_cmtj, run_spinkit], repeat)
    ref = run_spinkit(dt / 4)
    return [("C. free + reference (STT, IEC), 10 ns RK4 dt 0.1 ps: cmtj vs spinkit", t_c,
             t_s, float(np.abs(mc - ref[1:]).max()), float(np.abs(ms_ - ref).max()))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--trajectories", type=int, default=1000)
    args = ap.parse_args()
    print(f"{datetime.date.today()}  {platform.processor() or platform.machine()}  "
          f"{os.cpu_count()} cores  load {os.getloadavg()[0]:.2f}")
    for name, t_ref, t_s, dev in bench_single(args.repeat) + bench_thermal(
            args.repeat, args.trajectories):
        print(f"{name}: numpy {t_ref:.3g} s, compiled {t_s:.3g} s, "
              f"{t_ref / t_s:.0f}x (engines differ by {dev:.1e})")
    try:
        rows = bench_cmtj(args.repeat)
    except ImportError:
        print("C. skipped: cmtj is not installed")
        rows = []
    for name, t_c, t_s, err_c, err_s in rows:
        print(f"{name}: cmtj {t_c * 1e3:.3g} ms, spinkit {t_s * 1e3:.3g} ms, "
              f"{t_c / t_s:.2f}x; distance to converged: cmtj {err_c:.1e}, "
              f"spinkit {err_s:.1e}")
    print(f"load after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
