"""Boltzmann conductivity at T = 0 (Fermi-surface integration) against the finite-T grid
sum, and the noncollinear Valet-Fert angular sweep of a 100-layer stack.

No pip-installable peer computes spin-resolved Boltzmann conductivities from arbitrary
bands or solves noncollinear CPP stacks, so the references are closed forms: the Drude
sigma = n e^2 tau/m of a parabolic band (n = k_F^3/3 pi^2 at T = 0; at T > 0 n from a
quadrature of g(E) f(E)), and the collinear Valet-Fert solver at theta = 0 and pi.

    python benchmarks/bench_transport.py [--layers 100] [--angles 37]
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np
from scipy.integrate import quad

from spinkit import constants as c
from spinkit.transport.boltzmann import ParabolicBands, boltzmann_conductivity
from spinkit.transport.valet_fert import Interface, Layer, solve_cpp, solve_cpp_noncollinear

EF, TAU = 5 * c.eV, 1e-14


def _timed(fn, repeats: int = 3):
    times, out = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), out


def bench_zero_temperature(n_k: int) -> tuple[float, float]:
    kf = np.sqrt(2 * c.m_e * EF) / c.hbar
    wall, r = _timed(lambda: boltzmann_conductivity(
        ParabolicBands((c.m_e,)), reciprocal_vectors=2.2 * kf * np.eye(3), n_k=n_k,
        chemical_potential=EF, temperature=0.0, tau=TAU))
    drude = kf**3 / (3 * np.pi**2) * c.e**2 * TAU / c.m_e
    return wall, abs(r.sigma_total[0, 0] / drude - 1)


def bench_finite_temperature(kt_over_ef: float, n_k: int,
                             integration: str) -> tuple[float, float]:
    kt = kt_over_ef * EF
    kmax = np.sqrt(2 * c.m_e * (EF + 40 * kt)) / c.hbar
    g = (2 * c.m_e / c.hbar**2) ** 1.5 / (4 * np.pi**2)
    n = 2 * quad(lambda e: g * np.sqrt(e) / (1 + np.exp((e - EF) / kt)), 0, EF + 60 * kt,
                 points=[EF], limit=400, epsabs=0, epsrel=1e-12)[0]
    wall, r = _timed(lambda: boltzmann_conductivity(
        ParabolicBands((c.m_e,)), reciprocal_vectors=2 * kmax * np.eye(3), n_k=n_k,
        chemical_potential=EF, temperature=kt / c.k_B, tau=TAU, integration=integration),
        repeats=1 if integration == "grid" else 3)
    return wall, abs(r.sigma_total[0, 0] / (n * c.e**2 * TAU / c.m_e) - 1)


def bench_angles(layers: int, angles: int) -> tuple[float, float]:
    f = Layer(3e-9, 2e-7, 0.5, 10e-9, 1)
    n = Layer(5e-9, 1e-8, 0.0, 300e-9, 0)
    lead = Layer(1e-6, 1e-8, 0.0, 300e-9, 0)
    stack = [lead] + [f, n] * (layers // 2) + [f, lead]
    ifaces = [Interface(5e-16, 0.7)] * (len(stack) - 1)
    last = len(stack) - 2
    theta = np.linspace(0, np.pi, angles)
    start = time.perf_counter()
    ar = [solve_cpp_noncollinear(
        stack, ifaces, [(np.sin(t), 0, np.cos(t)) if i == last else (0, 0, 1)
                        for i in range(len(stack))], mixing_conductance=5e14).resistance_area
        for t in theta]
    wall = time.perf_counter() - start
    ref = solve_cpp(stack, ifaces).resistance_area
    return wall, abs(ar[0] / ref - 1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--layers", type=int, default=100)
    ap.add_argument("--angles", type=int, default=37)
    args = ap.parse_args()
    print("T = 0 Fermi-surface integration, 3D parabolic band (median of 3):")
    for n_k in (24, 32, 48, 64):
        wall, err = bench_zero_temperature(n_k)
        print(f"  n_k = {n_k:3d}: {wall:6.3f} s, |sigma/Drude - 1| = {err:.1e}")
    print("finite T: grid sum (must resolve kT; 1 run) and window-averaged surface "
          "integrals (8 nodes; median of 3):")
    for ratio, n_k, how in ((0.04, 96, "grid"), (0.02, 180, "grid"), (0.04, 40, "surface"),
                            (0.02, 40, "surface"), (0.005, 40, "surface")):
        wall, err = bench_finite_temperature(ratio, n_k, how)
        print(f"  {how:7s} kT/E_F = {ratio}: n_k = {n_k}: {wall:6.2f} s, "
              f"|sigma/Drude(T) - 1| = {err:.1e}")
    wall, err = bench_angles(args.layers, args.angles)
    print(f"noncollinear Valet-Fert, {args.layers}-layer stack + leads, {args.angles} angles: "
          f"{wall:.3f} s; |AR(0)/AR_P(collinear) - 1| = {err:.1e}")


if __name__ == "__main__":
    main()
