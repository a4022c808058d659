"""Bands and topology against PythTB on the same Qi-Wu-Zhang model, in one run.

Two jobs, each run by spinkit and by PythTB (``pip install 'spinkit[bench-bands]'``):

1. the band energies at M random k-points (spinkit: one batched ``eigvalsh``; PythTB:
   ``tb_model.solve_all``);
2. the Chern number of the lower band on an n x n Brillouin-zone grid (spinkit: Fukui-
   Hatsugai-Suzuki plaquettes; PythTB: ``wf_array.solve_on_grid`` + ``berry_flux``).

It checks that both give the same energies and the same C (sign included) before printing
medians and the ratio PythTB / spinkit. Then, spinkit alone at the issue's scale (PythTB
would take minutes): bands and spin texture at 10^6 k-points, and the Berry phase of a
10^6-point loop around a gapped Dirac cone (checked against pi (1 - D/E)).

    python benchmarks/bench_bands.py [--repeat 5] [--kpoints 20000] [--grids 50 100 200]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

import numpy as np

from spinkit import constants
from spinkit.bands import DiracSurface, QiWuZhang, SpinOrbit2DEG, berry_phase, chern_number

U = -1.0  # QWZ mass: Chern phase, |C| = 1


def pythtb_qwz(u: float):  # noqa: ANN201 - PythTB's model class
    """The same QWZ model in PythTB: two orbitals on one site of a unit square lattice."""
    from pythtb import tb_model

    model = tb_model(2, 2, [[1.0, 0.0], [0.0, 1.0]], [[0.0, 0.0], [0.0, 0.0]])
    model.set_onsite([u, -u])
    sx = np.array([[0, 1], [1, 0]], dtype=complex)
    sy = np.array([[0, -1j], [1j, 0]])
    sz = np.diag([1.0, -1.0]).astype(complex)
    for cell, t in (([1, 0], (sz - 1j * sx) / 2), ([0, 1], (sz - 1j * sy) / 2)):
        for i in range(2):
            for j in range(2):
                if t[i, j] != 0:  # PythTB: H_ij(k) += amp exp(i k.R), as spinkit's T_R
                    model.set_hop(t[i, j], i, j, cell)
    return model


def median_time(fn: Callable[[], object], repeat: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--kpoints", type=int, default=20000)
    ap.add_argument("--grids", type=int, nargs="+", default=[50, 100, 200])
    args = ap.parse_args()
    from pythtb import wf_array

    ours = QiWuZhang(U, 1.0, 1.0)  # t = 1 J, a = 1 m: the same numbers as PythTB's units
    peer = pythtb_qwz(U)
    frac = np.random.default_rng(0).random((args.kpoints, 2))
    t_ours, e_ours = median_time(lambda: ours.energies(2 * np.pi * frac), args.repeat)
    t_peer, e_peer = median_time(lambda: peer.solve_all(frac), args.repeat)
    assert np.allclose(np.asarray(e_peer).T, e_ours, atol=1e-12), "energies differ"
    print(f"band energies at {args.kpoints} k-points, median of {args.repeat}")
    print(f"  spinkit {t_ours * 1e3:9.2f} ms   PythTB {t_peer * 1e3:9.2f} ms   "
          f"ratio {t_peer / t_ours:7.1f}x")

    print(f"Chern number of the lower band (u = {U}), median of {args.repeat}")
    for n in args.grids:
        t_ours, c_ours = median_time(lambda n=n: chern_number(ours, 0, nk=n), args.repeat)

        def pythtb_chern(n: int = n) -> float:
            w = wf_array(peer, [n + 1, n + 1])
            w.solve_on_grid([0.0, 0.0])
            return w.berry_flux([0]) / (2 * np.pi)

        t_peer, c_peer = median_time(pythtb_chern, args.repeat)
        assert abs(c_peer - c_ours) < 1e-6, f"Chern numbers differ: {c_peer} vs {c_ours}"
        print(f"  {n:4d} x {n:<4d} spinkit {t_ours * 1e3:9.2f} ms (C = {c_ours:+d})   "
              f"PythTB {t_peer * 1e3:9.2f} ms (C = {c_peer:+.0f})   "
              f"ratio {t_peer / t_ours:7.1f}x")
    scale(args.repeat)


def scale(repeat: int, n: int = 10**6) -> None:
    """spinkit alone at 10^6 k-points."""
    rng = np.random.default_rng(1)
    k = rng.normal(size=(n, 2)) * 1e8
    rashba = SpinOrbit2DEG(0.041 * constants.m_e, 1e-11 * constants.eV)
    t_e, _ = median_time(lambda: rashba.energies(k), repeat)
    t_s, _ = median_time(lambda: rashba.spin_texture(k), repeat)
    gap = 0.02 * constants.eV
    cone = DiracSurface(5e5, zeeman=(0.0, 0.0, gap))
    phi = 2 * np.pi * np.arange(n) / n
    loop = 1e8 * np.stack([np.cos(phi), np.sin(phi)], axis=-1)
    t_b, gamma = median_time(lambda: berry_phase(cone, loop, 0), repeat)
    exact = np.pi * (1 - gap / np.hypot(gap, constants.hbar * 5e5 * 1e8))
    assert abs(gamma - exact) < 1e-9, (gamma, exact)
    print(f"spinkit at {n} k-points, median of {repeat}")
    print(f"  Rashba band energies      {t_e:7.3f} s")
    print(f"  Rashba spin texture       {t_s:7.3f} s")
    print(f"  Berry phase, gapped cone  {t_b:7.3f} s  (error {abs(gamma - exact):.1e} rad)")


if __name__ == "__main__":
    main()
