"""Spin-ensemble Monte Carlo at the issue's scale: 10^6 spins x 10^3 collisions.

No other package simulates a D'yakonov-Perel'/Elliott-Yafet spin ensemble, so there is no
peer to run beside it; the ratio printed is spinkit's compiled engine against its own numpy
engine on the same problem (GaAs 2DEG, Rashba + Dresselhaus, thermal electrons at 77 K,
p = 1e-3). The big run is checked against the closed-form decay rate
<Omega_perp^2> tau_p + 2 p / tau_p before its time is printed.

    python benchmarks/bench_relaxation.py [--electrons 1000000] [--collisions 1000]
                                          [--threads 2] [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import time

import numba
import numpy as np

from spinkit import constants as c
from spinkit.bands import SpinOrbit2DEG
from spinkit.relaxation import ThermalMomenta, ensemble_lifetime, simulate_ensemble

MASS = 0.067 * c.m_e
ALPHA, BETA = 5e-31, 2e-31  # J m
TEMP = 77.0
FLIP = 1e-3


def run(electrons: int, collisions: int, engine: str, seed: int = 1):  # noqa: ANN201
    """One ensemble of ``electrons`` for ``collisions`` mean free flights; (seconds, result)."""
    ham = SpinOrbit2DEG(MASS, rashba=ALPHA, dresselhaus=BETA)
    k2 = 2 * MASS * c.k_B * TEMP / c.hbar**2
    w2 = 4 * k2 * (ALPHA**2 + BETA**2) / c.hbar**2
    tau = 0.03 / np.sqrt(w2)  # motional narrowing
    start, cpu = time.perf_counter(), time.process_time()
    res = simulate_ensemble(ham, ThermalMomenta(MASS, TEMP, 2), momentum_time=tau,
                            duration=collisions * tau, electrons=electrons, samples=101,
                            flip_probability=FLIP, seed=seed, engine=engine)
    run.cpu = time.process_time() - cpu  # CPU seconds of all threads (load-independent)
    return time.perf_counter() - start, res, w2 * tau + 2 * FLIP / tau


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--electrons", type=int, default=1_000_000)
    ap.add_argument("--collisions", type=int, default=1000)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    numba.set_num_threads(args.threads)
    run(100, 10, "compiled")  # compile (or load the cached kernel)

    small = (20_000, 200)
    t_np = statistics.median(run(*small, "numpy")[0] for _ in range(args.repeat))
    t_nb = statistics.median(run(*small, "compiled")[0] for _ in range(args.repeat))
    print(f"{small[0]} spins x {small[1]} collisions: numpy {t_np:.2f} s, compiled "
          f"{t_nb:.3f} s ({args.threads} threads), ratio numpy/compiled {t_np / t_nb:.1f}")

    times, cpus = [], []
    for i in range(args.repeat):
        sec, res, rate = run(args.electrons, args.collisions, "compiled", seed=i)
        tau_s, err = ensemble_lifetime(res, start=20 * res.momentum_time)
        dev = (1 / tau_s) / rate - 1
        assert abs(dev) < max(4 * err / tau_s, 0.01), (dev, err / tau_s)
        times.append(sec)
        cpus.append(run.cpu)
        events = res.collisions * args.electrons
        print(f"run {i}: {sec:.1f} s wall, {run.cpu:.1f} CPU s, {events:.3g} collisions "
              f"({run.cpu / events * 1e9:.1f} CPU ns each), 1/tau_s vs law {dev:+.2%}")
    print(f"{args.electrons} spins x {args.collisions} collisions on {args.threads} threads: "
          f"median {statistics.median(times):.1f} s wall, {statistics.median(cpus):.1f} CPU s "
          f"(= {statistics.median(cpus) / args.threads:.1f} s on {args.threads} idle cores)")


if __name__ == "__main__":
    main()
