"""Heisenberg Monte Carlo speed: spin updates per second on a 64^3 simple-cubic lattice.

1. Metropolis (adaptive cone) + 0, 1 or 4 over-relaxation sweeps, spinkit's numba kernel,
   one core: spin updates per second (a Metropolis trial or an over-relaxation move each
   count one), per wall-clock second and per CPU second of the process (the per-core rate
   on a shared machine), with the load average.
2. Wall time to T_c of the sc classical Heisenberg ferromagnet within 0.5 % of
   1.4430 J/k_B (Chen, Ferrenberg and Landau, Phys. Rev. B 48, 3249 (1993)) from the Binder
   crossing of L = 6 and 12 (Wolff clusters, five temperatures, 8000 sweeps each, parabola
   through U_12 - U_6), as in the test suite.
3. With ``--vampire PATH`` (a VAMPIRE 'vampire-serial' binary built from its public source,
   github.com/richard-evans/vampire), the same 64^3 sc lattice, nearest-neighbour exchange,
   |S| = 1, at the same reduced temperature, with VAMPIRE's Monte Carlo integrator; prints
   VAMPIRE's spin updates per second and the ratio.

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


def spinkit_rate(size: int, sweeps: int, repeat: int, overrelax: int,
                 checkerboard: bool = False) -> tuple[float, float]:
    """Median spin updates per second of metropolis_block on a size^3 sc lattice.

    Returns (per wall-clock second, per CPU second of this process): on a shared machine
    the second is the per-core figure, the first also counts time the process waited.
    ``checkerboard``: colour classes in parallel on numba's threads (CPU time of all).
    """
    model = HeisenbergModel.on_lattice(simple_cubic(), size, [KB])
    spins = model.random_spins(np.random.default_rng(0))
    jb, hb, kb = model.reduced(TC)
    tables = model.colour_tables(jb) if checkerboard else _SEQUENTIAL
    axis = np.array(model.easy_axis)
    sign = np.ones(model.n_sites)
    state = _kernels.new_state(np.random.default_rng(1))

    def run(n: int) -> tuple[float, float]:
        e, m, ms = np.empty(n), np.empty((n, 3)), np.empty((n, 3))
        wall, cpu = time.perf_counter(), time.process_time()
        _kernels.metropolis_block(state, spins, model.cell.neighbours, jb, hb, kb, axis, 0.3,
                                  False, overrelax, sign, *tables, e, m, ms)
        return time.perf_counter() - wall, time.process_time() - cpu

    run(1)  # compile / load the cache
    times = [run(sweeps) for _ in range(repeat)]
    updates = model.n_sites * sweeps * (1 + overrelax)
    return (updates / statistics.median(t[0] for t in times),
            updates / statistics.median(t[1] for t in times))


def time_to_tc() -> tuple[float, float, float]:
    """(wall time [s], T_c [J/k_B], its error) of the L = 6, 12 Binder crossing."""
    temps = np.array([1.425, 1.435, 1.445, 1.455, 1.465])
    t0 = time.perf_counter()
    u, du = {}, {}
    for size in (6, 12):
        res = temperature_scan(HeisenbergModel.on_lattice(simple_cubic(), size, [KB]), temps,
                               sweeps=8000, thermalization=300, algorithm="wolff",
                               rng=np.random.default_rng(20 + size))
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
    print(f"machine: {platform.machine()} {platform.processor() or ''} "
          f"{os.cpu_count()} CPUs, Python {platform.python_version()}")
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    rates = {}
    for orx in (0, 1, 4):
        rates[orx] = spinkit_rate(args.size, args.sweeps, args.repeat, overrelax=orx)
        print(f"spinkit {args.size}^3 sc, Metropolis + {orx} OR sweeps: "
              f"{rates[orx][0]:.3e} updates/s wall, {rates[orx][1]:.3e} updates/CPU-s")
    met = rates[0][0]
    for threads in (1, 2):
        numba.set_num_threads(threads)
        wall, cpu = spinkit_rate(args.size, args.sweeps, args.repeat, 1, checkerboard=True)
        print(f"spinkit {args.size}^3 sc, checkerboard Metropolis + 1 OR, {threads} thread(s): "
              f"{wall:.3e} updates/s wall, {cpu:.3e} updates/CPU-s")
    if args.vampire:
        vamp = vampire_rate(args.vampire, args.size, args.sweeps)  # its own run-time report
        print(f"VAMPIRE {args.size}^3 sc, Monte Carlo:          {vamp:.3e} spin updates/s")
        print(f"ratio spinkit (Metropolis only, wall) / VAMPIRE: {met / vamp:.2f}")
    else:
        print("VAMPIRE: no binary given (--vampire PATH); no peer ratio")
    wall, tx, err = time_to_tc()
    print(f"T_c (L = 6/12 Binder crossing, Wolff): {tx:.4f} +- {err:.4f} J/k_B "
          f"({100 * (tx / TC - 1):+.2f} % from 1.4430), wall time {wall:.1f} s")


if __name__ == "__main__":
    main()
