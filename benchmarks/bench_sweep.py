"""Sweep throughput: the same 16-point spin_diffusion sweep run in-process, in 2 local worker
processes and on a 2-worker Dask LocalCluster; prints wall times and the ratio to in-process.

There is no peer tool that runs spintronics scenario sweeps, so the reference is spinkit's
own serial loop: the ratio shows what the executors cost or gain on this machine.

    python benchmarks/bench_sweep.py [--cells 20000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time

from spinkit.scenario.runner import scenario_from_mapping
from spinkit.sweep import run_sweep


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--cells", type=int, default=200_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    base = scenario_from_mapping({"kind": "spin_diffusion", "cells": args.cells,
                                  "length": 2e-6}, name="bench")
    axes = {"spin_lifetime": [1e-12 * (i + 1) for i in range(16)]}

    def timed(**kw: object) -> float:
        times = []
        for _ in range(args.repeat):
            with tempfile.TemporaryDirectory() as d:
                t = time.perf_counter()
                run_sweep(base, axes, d, show_progress=False, **kw)
                times.append(time.perf_counter() - t)
        return statistics.median(times)

    serial = timed(workers=1)
    local = timed(workers=2)
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster:
        dask = timed(scheduler=cluster.scheduler_address)
    print(f"16 points x {args.cells} cells, median of {args.repeat}")
    print(f"  in-process        {serial:7.2f} s  (1.00x)")
    print(f"  2 local processes {local:7.2f} s  ({serial / local:.2f}x)")
    print(f"  Dask, 2 workers   {dask:7.2f} s  ({serial / dask:.2f}x)")


if __name__ == "__main__":
    main()
