"""Finite-difference micromagnetics: spinkit against magnum.np (CPU) on the same problem.

  1. muMAG standard problem 4, field 1 (permalloy 500 x 125 x 3 nm, Ms = 8e5 A/m,
     A = 1.3e-11 J/m, alpha = 0.02, B = (-24.6, 4.3, 0) mT), 1 ns with an output every 10 ps,
     from the same relaxed S-state (relaxed by spinkit, handed to both). magnum.np runs its
     default RKF45 (atol = rtol = 1e-5); spinkit its Dormand-Prince and Fehlberg pairs at
     tol = 1e-5 and 1e-4. Both use magnum.np's gamma mu0. Reported: wall time, effective-field
     (RHS) evaluations, time per evaluation, and each trace's max |<m> - <m>_ref| against a
     converged reference (spinkit, tol = 1e-9); the ratio is taken against the fastest
     spinkit run at least as accurate as magnum.np's.
  2. Cell updates per second (RHS evaluations x cells / s) of spinkit for 256 x 256 x 1 and
     64 x 64 x 64 meshes (exchange + demag + field), and the share of this machine's memory
     bandwidth (numpy copy, measured here) that the minimum traffic per cell update (m in,
     dm/dt out: 48 bytes) implies.

Run:  python benchmarks/bench_micromagnetics.py [--cell 5e-9] [--duration 1e-9]
      python benchmarks/bench_micromagnetics.py --write-reference FILE   (regenerates
      tests/data/micromagnetics_sp4_magnumnp_5nm.txt, the magnum.np trace the tests use)
Needs: pip install 'spinkit[bench-micromagnetics]' (magnumnp, torch; benchmark only).
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import time

import numpy as np

import spinkit.micromagnetics as mm
from spinkit import constants
from spinkit.magnetization import Zeeman

os.environ.setdefault("CUDA_DEVICE", "-1")  # magnum.np on the CPU

MS, A, ALPHA = 8e5, 1.3e-11, 0.02
B1 = (-24.6e-3, 4.3e-3, 0.0)
SIZE = (500e-9, 125e-9, 3e-9)


def spinkit_sp4(cell: float, tol: float, gamma: float, m0: np.ndarray | None = None,
                duration: float = 1e-9, method: str = "rk45"):
    mesh = mm.Mesh.from_size(SIZE, (cell, cell, 3e-9))
    static = mm.Magnet(mesh, MS, ALPHA, mm.Exchange(A) + mm.Demag(), gamma=gamma)
    if m0 is None:
        m0 = mm.relax(static, static.uniform([1, 0.25, 0.1]), tol=1e-6).m
    driven = static.with_terms(static.terms + Zeeman(B1))
    start = time.perf_counter()
    run = mm.evolve(driven, m0, duration, output_every=1e-11, tol=tol, method=method)
    return time.perf_counter() - start, run, m0


def magnum_sp4(cell: float, m0: np.ndarray, duration: float = 1e-9):
    import magnumnp as mn
    import torch

    mesh = mn.Mesh((round(SIZE[0] / cell), round(SIZE[1] / cell), 1), (cell, cell, 3e-9))
    state = mn.State(mesh)
    state.material = {"Ms": MS, "A": A, "alpha": ALPHA}
    state.m = torch.tensor(m0)
    h = torch.tensor(B1) / mn.constants.mu_0
    llg = mn.LLGSolver([mn.DemagField(), mn.ExchangeField(), mn.ExternalField(h)])
    calls = [0]
    dm = llg._solver._f

    def counted(*args, **kwargs):
        calls[0] += 1
        return dm(*args, **kwargs)

    llg._solver._f = counted
    llg.dm(0.0, state.m, state)  # warm-up (kernel setup)
    calls[0] = 0
    avg = [state.m.mean(dim=(0, 1, 2)).cpu().numpy()]
    start = time.perf_counter()
    for _ in range(round(duration / 1e-11)):
        llg.step(state, 1e-11)
        avg.append(state.m.mean(dim=(0, 1, 2)).cpu().numpy())
    return time.perf_counter() - start, np.array(avg), calls[0], torch.get_num_threads()


def write_reference(path: str) -> None:
    """magnum.np's <m>(t) for SP4 field 1 on 5 nm cells, tight tolerance, every 5 ps."""
    import magnumnp as mn
    import torch

    cell = 5e-9
    mesh = mm.Mesh.from_size(SIZE, (cell, cell, 3e-9))
    static = mm.Magnet(mesh, MS, ALPHA, mm.Exchange(A) + mm.Demag())
    m0 = mm.relax(static, static.uniform([1, 0.25, 0.1]), tol=1e-6).m
    state = mn.State(mn.Mesh(mesh.n, mesh.cell))
    state.material = {"Ms": MS, "A": A, "alpha": ALPHA}
    state.m = torch.tensor(m0)
    h = torch.tensor(B1) / mn.constants.mu_0
    llg = mn.LLGSolver([mn.DemagField(), mn.ExchangeField(), mn.ExternalField(h)],
                       atol=1e-8, rtol=1e-8)
    rows = [[0.0, *state.m.mean(dim=(0, 1, 2)).numpy()]]
    for _ in range(200):
        llg.step(state, 5e-12)
        rows.append([float(state.t), *state.m.mean(dim=(0, 1, 2)).numpy()])
    header = (
        "muMAG standard problem 4, field 1, on 100 x 25 x 1 cells of 5 x 5 x 3 nm: <m>(t) "
        f"from magnum.np {mn.__version__}\n(PyPI magnumnp, torch {torch.__version__}, float64, "
        f"RKF45 atol = rtol = 1e-8), generated {datetime.date.today()} by\n"
        "benchmarks/bench_micromagnetics.py --write-reference, starting from the S-state "
        "relaxed by spinkit\n(spinkit.micromagnetics.relax, tol 1e-6 T, from m = (1, 0.25, "
        "0.1)); Ms = 8e5 A/m, A = 1.3e-11 J/m, alpha = 0.02,\nmagnum.np's gamma mu0 = "
        "2.21276157e5 m/(A s), mu0 = 1.2566370614e-6. Columns: t (s), mx, my, mz.")
    np.savetxt(path, np.array(rows), header=header, fmt="%.10e")


def cell_updates(n: tuple[int, int, int], cell: float, evals: int) -> tuple[float, float]:
    mesh = mm.Mesh(n, (cell, cell, cell))
    magnet = mm.Magnet(mesh, MS, ALPHA, mm.Exchange(A) + mm.Demag() + Zeeman(B1))
    m = magnet.random(1)
    magnet.rhs(0.0, m)
    start = time.perf_counter()
    for _ in range(evals):
        magnet.rhs(0.0, m)
    dt = time.perf_counter() - start
    return evals * mesh.ncells / dt, dt / evals


def copy_bandwidth() -> float:
    a = np.random.default_rng(0).random(2**25)  # 256 MiB
    b = np.empty_like(a)
    best = np.inf
    for _ in range(5):
        start = time.perf_counter()
        np.copyto(b, a)
        best = min(best, time.perf_counter() - start)
    return 2 * a.nbytes / best  # read + write


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cell", type=float, default=5e-9, help="cell size in x, y [m]")
    parser.add_argument("--duration", type=float, default=1e-9, help="simulated time [s]")
    parser.add_argument("--write-reference", metavar="FILE", help="write the SP4 trace of "
                        "magnum.np used by tests/micromagnetics/test_sp4.py, then stop")
    args = parser.parse_args()
    # opt-in allocator setting (process-wide: magnum.np in this process gets it too)
    print(f"glibc keeps freed memory: {mm.keep_freed_memory()}")
    if args.write_reference:
        write_reference(args.write_reference)
        return
    print(f"# {datetime.date.today()} {platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} cores, numpy {np.__version__}")
    gamma = 2.21276157e5 / constants.mu_0  # magnum.np's gamma mu0
    dur = args.duration
    t_ref, ref, m0 = spinkit_sp4(args.cell, 1e-9, gamma, duration=dur)
    n = round(SIZE[0] / args.cell) * round(SIZE[1] / args.cell)
    print(f"SP4 field 1, {n} cells, {dur * 1e9:g} ns; max|d<m>| against spinkit at tol = 1e-9")
    spinkit_runs = []
    for method, tol in (("rk45", 1e-5), ("rk45", 1e-4), ("rkf45", 1e-5), ("rkf45", 1e-4)):
        t_sk, run, _ = spinkit_sp4(args.cell, tol, gamma, m0, dur, method)
        err = np.abs(run.m - ref.m).max()
        spinkit_runs.append((f"{method} {tol:.0e}", t_sk, run, err))
        print(f"spinkit {method} tol={tol:.0e}: {t_sk:8.2f} s  {run.evaluations:6d} RHS  "
              f"{t_sk / run.evaluations * 1e3:7.3f} ms/RHS  max|d<m>| = {err:.1e}  "
              f"(rejected {run.rejected})")
    try:
        t_mn, avg, calls, threads = magnum_sp4(args.cell, m0, dur)
    except ImportError as exc:
        print(f"magnum.np not available ({exc}); install the bench-micromagnetics extra")
    else:
        err_mn = np.abs(avg - ref.m).max()
        print(f"magnum.np RKF45 1e-5: {t_mn:8.2f} s  {calls:6d} RHS  "
              f"{t_mn / calls * 1e3:7.3f} ms/RHS  max|d<m>| = {err_mn:.1e}  "
              f"(torch threads {threads})")
        # the fastest spinkit run at least as accurate as magnum.np's
        label, t_sk, run, err = min((r for r in spinkit_runs if r[3] <= err_mn),
                                    key=lambda r: r[1])
        print(f"ratio magnum.np / spinkit ({label}, as accurate or more): "
              f"{t_mn / t_sk:.2f} x (time), {calls / run.evaluations:.2f} x (RHS evaluations), "
              f"{(t_mn / calls) / (t_sk / run.evaluations):.2f} x (time per RHS)")
    bw = copy_bandwidth()
    print(f"numpy copy bandwidth: {bw / 1e9:.1f} GB/s")
    for shape, evals in (((256, 256, 1), 40), ((64, 64, 64), 10)):
        rate, per = cell_updates(shape, 2e-9, evals)
        print(f"{shape}: {rate / 1e6:7.2f} M cell updates/s ({per * 1e3:.1f} ms/RHS), "
              f"{rate * 48 / bw * 100:.1f} % of copy bandwidth at 48 B/cell")


if __name__ == "__main__":
    main()
