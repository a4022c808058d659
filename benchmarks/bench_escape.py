"""Thermal escape: forward flux sampling (FFS) against brute-force simulation, in one run.

The problem (issue 3): a uniaxial macrospin, Ms = 1e6 A/m, K = 1e5 J/m^3 (B_K = 0.2 T),
alpha = 1, 300 K, stochastic Heun at dt = 0.5 ps, escaping from m = +z to the barrier top
m_z = 0; the volume sets Delta = K V / k_B T. The reference is the exact Fokker-Planck mean
first-passage time (mag.uniaxial_escape_time).

  1. Delta = 7: brute force (mag.simulate on N trajectories, each stopped at its crossing)
     against mag.escape_time, alternating repeats, medians. The brute-force time is scaled
     to the FFS run's relative standard error (its error falls as 1/sqrt(N), its cost grows
     as N), so the ratio compares the two at equal statistical error.
  2. FFS alone at Delta = 15, 30, 60 (brute force would need e^Delta: about 1e8, 1e14 and
     1e27 steps per trajectory): time, relative error and the ratio to the exact time.

Both use every core (simulate: threads over trajectories; escape_time: over replicas).
Run:  python benchmarks/bench_escape.py [--repeat R]
"""

from __future__ import annotations

import argparse
import datetime
import math
import os
import platform
import statistics
import time

import numpy as np

import spinkit.magnetization as mag
from spinkit import constants

MS, K, ALPHA, T, DT = 1.0e6, 1.0e5, 1.0, 300.0, 5e-13
BETA = 0.5825971579390106  # continuity correction of a discretely watched level


def magnet(delta: float) -> mag.Macrospin:
    volume = delta * constants.k_B * T / K
    return mag.Macrospin(MS, ALPHA, volume, mag.UniaxialAnisotropy(K) + mag.ThermalField(T))


def exact(delta: float) -> float:
    return mag.uniaxial_escape_time(ALPHA, MS, magnet(delta).volume, K, T)


def interfaces(delta: float) -> np.ndarray:
    """lambda_0 = 1 - 1/Delta, then equal steps of (m.z)^2 to 0, about Delta/2 of them."""
    n = max(3, round(delta / 2))
    return (1 - 1 / delta) * np.sqrt(np.linspace(1, 0, n + 1))


def brute_force(delta: float, n: int, seed: int) -> tuple[float, float, float, float]:
    """(seconds, mean time [s], relative standard error, steps) of n direct trajectories,
    watched at the continuity-corrected level (unbiased, as FFS); steps counts only those
    before each trajectory's crossing (simulate runs blocks of 8 trajectories until the
    last of them crosses, so it integrates more)."""
    m = magnet(delta)
    tau_n = (1 + ALPHA**2) * MS * m.volume / (2 * ALPHA * m.gamma * constants.k_B * T)
    t0 = time.perf_counter()
    tr = mag.simulate(m, np.tile([0, 0, 1.0], (n, 1)), 200 * exact(delta), method="heun",
                      dt=DT, samples=2, seed=seed, watch=([0, 0, 1], BETA * math.sqrt(
                          DT / tau_n)), stop_at_crossing=True)
    elapsed = time.perf_counter() - t0
    x = tr.crossing_time
    assert np.isfinite(x).all()
    return elapsed, float(x.mean()), float(x.std() / math.sqrt(n) / x.mean()), x.sum() / DT


def ffs(delta: float, trials: int, replicas: int, seed: int) -> tuple[float, mag.EscapeResult]:
    t0 = time.perf_counter()
    r = mag.escape_time(magnet(delta), interfaces(delta), trials=trials, replicas=replicas,
                        dt=DT, seed=seed)
    return time.perf_counter() - t0, r


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--trajectories", type=int, default=2000)
    args = parser.parse_args()
    print(f"{datetime.date.today()}  {platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}")
    ffs(5.0, 20, 2, 0)  # compile
    brute_force(3.0, 16, 0)

    delta = 7.0
    print(f"\nDelta = {delta:g}: exact mean time {exact(delta):.4e} s")
    b_times, f_times, b_err, f_err, b_steps, f_steps = [], [], [], [], [], []
    for rep in range(args.repeat):
        tb, mean, err, steps = brute_force(delta, args.trajectories, seed=rep)
        tf, r = ffs(delta, 2000, 16, seed=rep)
        b_times.append(tb)
        f_times.append(tf)
        b_err.append(err)
        f_err.append(r.mean_time_error / r.mean_time)
        b_steps.append(steps)
        f_steps.append(r.steps)
        print(f"  repeat {rep}: brute force {tb:.2f} s, {mean / exact(delta):.4f} +- {err:.4f}"
              f" x exact; FFS {tf:.2f} s, {r.mean_time / exact(delta):.4f} +- "
              f"{f_err[-1]:.4f} x exact ({r.steps:.3g} steps)")
    tb, tf = statistics.median(b_times), statistics.median(f_times)
    eb, ef = statistics.median(b_err), statistics.median(f_err)
    scaled = tb * (eb / ef) ** 2
    print(f"  medians: brute force {tb:.2f} s at {eb:.2%}; FFS {tf:.2f} s at {ef:.2%}; "
          f"brute force at FFS's error {scaled:.2f} s: FFS {scaled / tf:.1f}x faster")
    sb = statistics.median(b_steps) * (eb / ef) ** 2
    print(f"  steps at equal error: brute force {sb:.3g} (before the crossings), FFS "
          f"{statistics.median(f_steps):.3g}: {sb / statistics.median(f_steps):.1f}x fewer")

    print("\nFFS alone (2000 trials x 16 replicas):")
    for delta in (15.0, 30.0, 60.0):
        runs = [ffs(delta, 2000, 16, seed=rep) for rep in range(args.repeat)]
        t = statistics.median(x[0] for x in runs)
        r = runs[0][1]
        print(f"  Delta = {delta:g}: {t:.2f} s (median), {len(interfaces(delta)) - 1} "
              f"interfaces, {r.steps:.3g} steps, mean time {r.mean_time:.4e} s = "
              f"{r.mean_time / exact(delta):.4f} +- {r.mean_time_error / r.mean_time:.4f}"
              f" x exact (first repeat)")
    print(f"load after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
