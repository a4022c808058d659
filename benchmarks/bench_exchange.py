"""Heisenberg Monte Carlo speed: spin updates per second on a 64^3 simple-cubic lattice.

1. Metropolis (cone trial) + 0, 1 or 4 over-relaxation sweeps with spinkit's numba kernels:
   the checkerboard sweep (colour classes, SIMD-vectorised; the default) on one thread and
   on all numba threads, and the sequential sweep in site order on one core. Spin updates
   per second (a Metropolis trial or an over-relaxation move each count one), per
   wall-clock second and per CPU second of the process (the per-core rate on a shared
   machine), with the load average; the SIMD instructions found in the compiled
   checkerboard sweep (AVX-512: zmm registers) are counted.
2. Wall time to T_c of the sc classical Heisenberg ferromagnet within 0.5 % of
   1.4430 J/k_B (Chen, Ferrenberg and Landau, Phys. Rev. B 48, 3249 (1993)) from the Binder
   crossing of L = 6 and 12 (five temperatures, a parabola through U_12 - U_6), as in the
   test suite: Wolff clusters (8000 sweeps each) and the default vectorised Metropolis + 1
   over-relaxation sweep (32000 sweeps each, one thread).
3. With ``--vampire PATH`` (a VAMPIRE 'vampire-serial' binary built from its public source,
   github.com/richard-evans/vampire), the same 64^3 sc lattice, nearest-neighbour exchange,
   |S| = 1, at the same reduced temperature, with VAMPIRE's Monte Carlo integrator, its
   repeats alternating with spinkit's; prints VAMPIRE's spin updates per second and the
   ratios.

    python benchmarks/bench_exchange.py [--size 64] [--sweeps 10] [--repeat 3]
                                        [--vampire /path/to/vampire-serial]
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numba
import numpy as np

from spinkit import constants
from spinkit.exchange import _kernels
from spinkit.exchange.heisenberg import (
    _SEQUENTIAL,
    HeisenbergModel,
    binder_crossing,
    temperature_scan,
)
from spinkit.lattice import simple_cubic

KB = constants.k_B
TC = 1.4430  # J / k_B


def spinkit_job(size: int, overrelax: int, checkerboard: bool,
                threads: int) -> Callable[[int], tuple[float, float]]:
    """A function running n sweeps of metropolis_block on a size^3 sc lattice at T_c that
    returns (wall, CPU seconds of the process; all threads' CPU time)."""
    model = HeisenbergModel.on_lattice(simple_cubic(), size, [KB])
    spins = model.random_spins(np.random.default_rng(0))
    jb, hb, kb = model.reduced(TC)
    tables = model.colour_tables(jb) if checkerboard else _SEQUENTIAL
    axis = np.array(model.easy_axis)
    sign = np.ones(model.n_sites)
    state = _kernels.new_state(np.random.default_rng(1))

    def run(n: int) -> tuple[float, float]:
        numba.set_num_threads(threads)
        e, m, ms = np.empty(n), np.empty((n, 3)), np.empty((n, 3))
        wall, cpu = time.perf_counter(), time.process_time()
        _kernels.metropolis_block(state, spins, model.cell.neighbours, jb, hb, kb, axis, 0.3,
                                  False, overrelax, sign, *tables, e, m, ms)
        return time.perf_counter() - wall, time.process_time() - cpu

    run(1)  # compile / load the cache
    return run


def simd_instructions() -> dict[str, int]:
    """AVX-512 instructions in the compiled checkerboard sweep (compiled afresh, uncached,
    so that its assembly can be read): 8-wide FMAs, gathers and 64-bit multiplies. The
    counts belong to the CPU LLVM compiles for (none without AVX-512)."""
    model = HeisenbergModel.on_lattice(simple_cubic(), 8, [KB])
    jb, hb, kb = model.reduced(TC)
    _, starts, nbr, jb_c, shift = model.colour_tables(jb)
    kernel = numba.njit(parallel=True, fastmath=_kernels._FAST,
                        error_model="numpy")(_kernels._colour_sweep.py_func)
    n = model.n_sites
    kernel(np.uint64(1), np.zeros(n), np.zeros(n), np.ones(n), nbr, jb_c, shift, hb, kb,
           np.array([0.0, 0.0, 1.0]), 0.3, np.ones(n), starts, True)
    asm = "\n".join(kernel.inspect_asm().values())
    return {name: len(re.findall(pattern, asm)) for name, pattern in (
        ("zmm FMA", r"vfn?m(?:add|sub)\w*pd\s[^\n]*zmm"), ("zmm gather", r"vgather\w+\s[^\n]*zmm"),
        ("zmm vpmullq", r"vpmullq\s[^\n]*zmm"))}


def time_to_tc(algorithm: str) -> tuple[float, float, float]:
    """(wall time [s], T_c [J/k_B], its error) of the L = 6, 12 Binder crossing."""
    temps = np.array([1.425, 1.435, 1.445, 1.455, 1.465])
    sweeps, thermalization = (8000, 300) if algorithm == "wolff" else (32000, 500)
    numba.set_num_threads(1)
    t0 = time.perf_counter()
    u, du = {}, {}
    for size in (6, 12):
        res = temperature_scan(HeisenbergModel.on_lattice(simple_cubic(), size, [KB]), temps,
                               sweeps=sweeps, thermalization=thermalization,
                               algorithm=algorithm, rng=np.random.default_rng(20 + size))
        u[size], du[size] = res.binder, res.binder_err
    tx, err = binder_crossing(temps, u[6], u[12], du[6], du[12])
    return time.perf_counter() - t0, tx, err


VAMPIRE_MAT = """material:num-materials = 1
material[1]:material-name = Spin
material[1]:damping-constant = 1.0
material[1]:exchange-matrix[1] = {j:.6e}
material[1]:atomic-spin-moment = 1.0 !muB
material[1]:uniaxial-anisotropy-constant = 0.0
material[1]:initial-spin-direction = random
"""

VAMPIRE_INPUT = """create:crystal-structure = sc
create:periodic-boundaries-x
create:periodic-boundaries-y
create:periodic-boundaries-z
dimensions:unit-cell-size = 3.0 !A
dimensions:system-size-x = {L:.1f} !A
dimensions:system-size-y = {L:.1f} !A
dimensions:system-size-z = {L:.1f} !A
material:file = spin.mat
sim:temperature = {T:.6f}
sim:equilibration-time-steps = 0
sim:total-time-steps = {steps}
sim:time-steps-increment = {steps}
sim:program = time-series
sim:integrator = monte-carlo
output:real-time
output:magnetisation-length
"""


def vampire_rate(binary: str, size: int, steps: int) -> float:
    """Spin updates per second of VAMPIRE's Monte Carlo on the same lattice (one core).

    From VAMPIRE's own report: 'Total moves' over 'Simulation run time' (set-up excluded).
    """
    j = 1e-21
    temp = TC * j / KB
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "spin.mat").write_text(VAMPIRE_MAT.format(j=j))
        Path(tmp, "input").write_text(VAMPIRE_INPUT.format(L=3.0 * size, T=temp, steps=steps))
        out = subprocess.run([binary], cwd=tmp, check=True, capture_output=True, text=True,
                             env={**os.environ, "OMP_NUM_THREADS": "1"}).stdout
    moves = float(re.search(r"Total moves:\s*([0-9.eE+]+)", out).group(1))
    wall = float(re.search(r"Simulation run time \[s\]:\s*([0-9.eE+-]+)", out).group(1))
    return moves / wall


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--size", type=int, default=64)
    ap.add_argument("--sweeps", type=int, default=10)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--vampire", default=shutil.which("vampire-serial"))
    args = ap.parse_args()
    threads = numba.config.NUMBA_NUM_THREADS
    print(f"machine: {platform.machine()} {platform.processor() or ''} "
          f"{os.cpu_count()} CPUs, Python {platform.python_version()}, numba {numba.__version__}")
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    print("SIMD in the checkerboard sweep (as compiled for this CPU): "
          + ", ".join(f"{k} {v}" for k, v in simd_instructions().items()))
    jobs = {f"checkerboard (SIMD), Metropolis + {orx} OR, 1 thread": (orx, True, 1)
            for orx in (0, 1, 4)}
    jobs[f"checkerboard (SIMD), Metropolis + 1 OR, {threads} threads"] = (1, True, threads)
    jobs.update({f"sequential sweep, Metropolis + {orx} OR, 1 core": (orx, False, 1)
                 for orx in (0, 1, 4)})
    runs = {name: spinkit_job(args.size, *job) for name, job in jobs.items()}
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in jobs}
    vampire: list[float] = []
    for _ in range(args.repeat):  # alternate the codes, repeat by repeat
        for name, run in runs.items():
            times[name].append(run(args.sweeps))
        if args.vampire:
            vampire.append(vampire_rate(args.vampire, args.size, args.sweeps))
    rate = {}
    for name, (orx, _, _) in jobs.items():
        updates = args.size**3 * args.sweeps * (1 + orx)
        rate[name] = tuple(updates / statistics.median(t[q] for t in times[name])
                           for q in (0, 1))
        print(f"spinkit {args.size}^3 sc, {name}: {rate[name][0]:.3e} updates/s wall, "
              f"{rate[name][1]:.3e} updates/CPU-s")
    if vampire:
        vamp = statistics.median(vampire)
        print(f"VAMPIRE {args.size}^3 sc, Monte Carlo: {vamp:.3e} spin updates/s (its own "
              f"run-time report, one thread)")
        for name in (next(iter(jobs)), "sequential sweep, Metropolis + 0 OR, 1 core"):
            print(f"ratio spinkit {name} / VAMPIRE: {rate[name][0] / vamp:.1f} (wall), "
                  f"{rate[name][1] / vamp:.1f} (per CPU-s)")
    else:
        print("VAMPIRE: no binary given (--vampire PATH); no peer ratio")
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    for algorithm in ("wolff", "metropolis"):
        wall, tx, err = time_to_tc(algorithm)
        print(f"T_c (L = 6/12 Binder crossing, {algorithm}): {tx:.4f} +- {err:.4f} J/k_B "
              f"({100 * (tx / TC - 1):+.2f} % from 1.4430), wall time {wall:.1f} s")


if __name__ == "__main__":
    main()
