"""Landauer conductance of a 100 x 40-site Rashba strip (2 spin orbitals per site) per energy.

spinkit's path: lead modes (one eigenproblem for both identical leads) + the recursive
Green's function sweep (:func:`spinkit.tunneling.landauer.transmission`).

References, run on the same strip in the same process:
- a direct solve that does not use the recursion: the whole strip's (E - H - Sigma_L -
  Sigma_R) as a sparse matrix factorised by SuperLU (scipy.sparse.linalg.splu, the kind of
  sparse direct solve Kwant does with MUMPS), solved for G_{:,1} and put in the Caroli
  formula with the same lead self-energies;
- Kwant 1.5.0 when importable. It does not install from the package registry alone: it
  needs `apt-get install libmumps-scotch-dev liblapack-dev libblas-dev gfortran`, then
  `pip install "cython>=3" tinyarray`, `python setup.py build --cython` in the unpacked
  sdist and `pip install --no-build-isolation --no-deps .`.
Transmissions must agree to 1e-8.

    python benchmarks/bench_tunneling.py [--energies 5] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time
from collections.abc import Callable

# 80 x 80 blocks: on the shared 2-core VM one BLAS thread was 2-20x faster for spinkit and
# Kwant alike (threads only add contention); override by setting the variable yourself.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402
import scipy.sparse as sp  # noqa: E402
import scipy.sparse.linalg as spla  # noqa: E402

from spinkit.tunneling.landauer import Device, self_energies, transmission  # noqa: E402
from spinkit.tunneling.lattice import strip_blocks  # noqa: E402
from spinkit.tunneling.leads import Lead  # noqa: E402

LENGTH, WIDTH, T_HOP, T_SO = 100, 40, 1.0, 0.1


def build(seed: int) -> tuple[Device, Lead]:
    """Rashba strip with Anderson disorder W = 0.5 t (seeded) between clean Rashba leads."""
    rng = np.random.default_rng(seed)
    h0, tx = strip_blocks(WIDTH, T_HOP, T_SO)
    pot = rng.uniform(-0.25, 0.25, size=(LENGTH, WIDTH))
    onsite = h0 + np.stack([np.kron(np.diag(v), np.eye(2)) for v in pot])
    return Device(onsite, np.broadcast_to(tx, (LENGTH - 1,) + tx.shape)), Lead(h0, tx)


def sparse_reference(dev: Device, lead: Lead, energy: float) -> float:
    """Caroli T from a sparse LU of the whole strip (no recursion)."""
    n, m = dev.size, dev.slices
    sig_l, sig_r = self_energies(lead, lead, energy)
    blocks: list[list[np.ndarray | None]] = [[None] * m for _ in range(m)]
    for i in range(m):
        blocks[i][i] = energy * np.eye(n) - dev.onsite[i]
    for i in range(m - 1):
        blocks[i][i + 1] = -dev.hopping[i]
        blocks[i + 1][i] = -dev.hopping[i].conj().T
    blocks[0][0] = blocks[0][0] - sig_l
    blocks[-1][-1] = blocks[-1][-1] - sig_r
    a = sp.bmat(blocks, format="csc")
    rhs = np.zeros((n * m, n), dtype=complex)
    rhs[:n] = np.eye(n)
    g_n1 = spla.splu(a).solve(rhs)[-n:]
    gam_l = 1j * (sig_l - sig_l.conj().T)
    gam_r = 1j * (sig_r - sig_r.conj().T)
    return float(np.trace(gam_r @ g_n1 @ gam_l @ g_n1.conj().T).real)


def kwant_system(seed: int) -> tuple[Callable[[float], float], str] | None:
    """The same strip and leads in Kwant (H_{(x+1,y),(x,y)} = T_x^+, H_{(x,y+1),(x,y)} = T_y^+)
    or None when Kwant is not importable."""
    try:
        import kwant
    except ImportError:
        return None
    rng = np.random.default_rng(seed)
    pot = rng.uniform(-0.25, 0.25, size=(LENGTH, WIDTH))
    s0 = np.eye(2)
    sx = np.array([[0, 1], [1, 0]])
    sy = np.array([[0, -1j], [1j, 0]])
    lat = kwant.lattice.square(1, norbs=2)
    syst = kwant.Builder()
    for x in range(LENGTH):
        for y in range(WIDTH):
            syst[lat(x, y)] = (4 * T_HOP + pot[x, y]) * s0
    syst[kwant.builder.HoppingKind((1, 0), lat, lat)] = -T_HOP * s0 - 1j * T_SO * sy
    syst[kwant.builder.HoppingKind((0, 1), lat, lat)] = -T_HOP * s0 + 1j * T_SO * sx
    lead = kwant.Builder(kwant.TranslationalSymmetry((-1, 0)))
    for y in range(WIDTH):
        lead[lat(0, y)] = 4 * T_HOP * s0
    lead[kwant.builder.HoppingKind((1, 0), lat, lat)] = -T_HOP * s0 - 1j * T_SO * sy
    lead[kwant.builder.HoppingKind((0, 1), lat, lat)] = -T_HOP * s0 + 1j * T_SO * sx
    syst.attach_lead(lead)
    syst.attach_lead(lead.reversed())
    fsyst = syst.finalized()
    return lambda e: float(kwant.smatrix(fsyst, e).transmission(1, 0)), kwant.__version__


def median_time(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--energies", type=int, default=5)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    dev, lead = build(seed=1)
    energies = np.linspace(0.35, 1.55, args.energies)
    print(f"{LENGTH} x {WIDTH} Rashba strip, 2 spins: n = {dev.size} orbitals/slice; "
          f"{platform.processor() or platform.machine()}, numpy {np.__version__}")
    ours = [transmission(dev, lead, lead, e) for e in energies]
    ref = [sparse_reference(dev, lead, e) for e in energies]
    diff = max(abs(a - b) for a, b in zip(ours, ref, strict=True))
    print("T(E):", " ".join(f"{t:.10f}" for t in ours))
    print(f"max |T_rgf - T_sparse_LU| = {diff:.2e}")
    assert diff < 1e-8, "RGF and sparse reference disagree"
    t_one = median_time(lambda: [transmission(dev, lead, lead, e) for e in energies],
                        args.repeat) / len(energies)
    t_leads = median_time(lambda: [self_energies(lead, lead, e) for e in energies],
                          args.repeat) / len(energies)
    t_ref = median_time(lambda: [sparse_reference(dev, lead, e) for e in energies],
                        args.repeat) / len(energies)
    print(f"spinkit                      : {t_one * 1e3:8.1f} ms/energy "
          f"(lead modes {t_leads * 1e3:.1f} ms of it)")
    print(f"sparse LU reference          : {t_ref * 1e3:8.1f} ms/energy")
    print(f"ratio reference / spinkit    : {t_ref / t_one:8.1f}x")
    kw = kwant_system(seed=1)
    if kw is None:
        print("Kwant not importable: the issue quotes 160-300 ms/energy for Kwant 1.5.0 on "
              f"this problem, {0.160 / t_one:.1f}x-{0.300 / t_one:.1f}x spinkit's time here")
        return
    kwant_t, version = kw
    theirs = [kwant_t(e) for e in energies]
    kdiff = max(abs(a - b) for a, b in zip(ours, theirs, strict=True))
    print(f"max |T_spinkit - T_kwant| = {kdiff:.2e}")
    assert kdiff < 1e-8, "spinkit and Kwant disagree"
    t_kwant = median_time(lambda: [kwant_t(e) for e in energies], args.repeat) / len(energies)
    print(f"Kwant {version}                  : {t_kwant * 1e3:8.1f} ms/energy")
    print(f"ratio Kwant / spinkit        : {t_kwant / t_one:8.1f}x")


if __name__ == "__main__":
    main()
