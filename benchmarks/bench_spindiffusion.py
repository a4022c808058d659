"""2D time-dependent spin diffusion with precession on an n x n grid, and a CPP-GMR sweep
over a 100-layer stack.

No peer tool solves either on pip (BORIS, the one spin drift-diffusion solver, is a C++
application), so the reference is spinkit's own general path: the 2D run is timed with the
eigenbasis ("spectral") path and with the sparse-LU path that drift needs, and both are
checked against the closed form, the 2D Green's function exp(-r^2/4Dt - t/tau)/(4 pi D t)
rotated by Omega t.

    python benchmarks/bench_spindiffusion.py [--n 512] [--steps 100] [--layers 100]
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np

from spinkit.spindiffusion.bloch_torrey import SpinChannel, larmor_frequency, solve_transient
from spinkit.transport.valet_fert import Interface, Layer, solve_cpp


def bench_2d(n: int, steps: int, method: str) -> tuple[float, float]:
    d, tau, field = 0.02, 1e-10, 0.1
    t0, t1 = 0.2 * tau, 0.6 * tau
    half = 6 * np.sqrt(4 * d * t1)
    ch = SpinChannel((2 * half, 2 * half), (n, n), d, tau, origin=(-half, -half),
                     field=(0.0, 0.0, field))
    x, y = ch.axes
    r2 = x[:, None] ** 2 + y[None, :] ** 2

    def g(t):
        return np.exp(-r2 / (4 * d * t) - t / tau) / (4 * np.pi * d * t)

    init = np.zeros((n, n, 3))
    init[..., 0] = g(t0)
    start = time.perf_counter()
    res = solve_transient(ch, duration=t1 - t0, steps=steps, initial=init, method=method,
                          save_every=steps // 4)
    wall = time.perf_counter() - start
    w = larmor_frequency(field) * (t1 - t0)
    exact = np.stack([g(t1) * np.cos(w), g(t1) * np.sin(w)], axis=-1)
    err = np.max(np.abs(res.mu[-1, ..., :2] - exact)) / g(t1).max()
    return wall, float(err)


def bench_cpp(layers: int, points: int) -> float:
    f = Layer(3e-9, 2e-7, 0.5, 10e-9, 1)
    n = Layer(5e-9, 1e-8, 0.0, 300e-9, 0)
    lead = Layer(1e-6, 1e-8, 0.0, 300e-9, 0)
    start = time.perf_counter()
    for t in np.linspace(1e-9, 20e-9, points):
        nn = Layer(t, n.resistivity, 0.0, n.spin_diffusion_length, 0)
        for m in (1, -1):  # P and alternating AP
            body = []
            for i in range(layers // 2):
                body += [Layer(f.thickness, f.resistivity, f.beta, f.spin_diffusion_length,
                               1 if m == 1 or i % 2 == 0 else -1), nn]
            stack = [lead] + body + [lead]
            solve_cpp(stack, [Interface(5e-16, 0.7)] * (len(stack) - 1))
    return (time.perf_counter() - start) / (2 * points)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=512)
    ap.add_argument("--steps", type=int, default=100)
    ap.add_argument("--layers", type=int, default=100)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    print(f"2D Bloch-Torrey, {args.n} x {args.n} x 3 components, {args.steps} Crank-Nicolson "
          "steps, 5 snapshots")
    walls = {}
    for method, repeat in (("spectral", args.repeat), ("lu", 1)):
        runs = [bench_2d(args.n, args.steps, method) for _ in range(repeat)]
        walls[method] = statistics.median(r[0] for r in runs)
        print(f"  {method:8s} {walls[method]:8.2f} s (median of {repeat}); max error vs "
              f"Green's function {runs[0][1]:.2e}")
    print(f"  spectral / LU speed-up: {walls['lu'] / walls['spectral']:.0f}x")
    per = statistics.median(bench_cpp(args.layers, 20) for _ in range(args.repeat))
    print(f"CPP Valet-Fert, {args.layers}-layer stack (+2 leads): {per * 1e3:.2f} ms per "
          f"solve; a 100-point P/AP sweep {per * 200:.2f} s")


if __name__ == "__main__":
    main()
