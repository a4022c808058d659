"""Drivers: time evolution (adaptive Dormand-Prince or stochastic Heun), relaxation, hysteresis.

* :func:`evolve` integrates the LLG equation of a :class:`~.magnet.Magnet` with the
  Dormand-Prince 5(4) pair (J. R. Dormand and P. J. Prince, J. Comput. Appl. Math. 6, 19
  (1980); first-same-as-last, 6 field evaluations per step) or Fehlberg's pair, its step
  controlled, as mumax3 does, by the largest error of a cell's m increment:
  err = max_i |h sum_s e_s k_s,i| <= tol.
  With a :class:`~spinkit.magnetization.ThermalField` it takes fixed steps of the stochastic
  Heun scheme (Garcia-Palacios and Lazaro, Phys. Rev. B 58, 14937 (1998)) with the field
  sigma_i = sqrt(2 alpha_i k_B T / (gamma Ms_i V dt)) per cell and component. Output times are
  hit exactly; at each it can append a row to a mumax3-style table, write an OVF snapshot and
  a checkpoint from which an interrupted run resumes (with the same steps: the result is the
  same to the last bit).
* :func:`relax` minimizes the energy by steepest descent with Barzilai-Borwein step sizes
  (J. Barzilai and J. M. Borwein, IMA J. Numer. Anal. 8, 141 (1988); applied to
  micromagnetics by L. Exl et al., J. Appl. Phys. 115, 17D118 (2014)), stopping when the
  largest torque max |m x B_eff| falls below ``tol`` [T].
* :func:`hysteresis` relaxes at each applied field of a list, starting from the last state.
* :func:`keep_freed_memory` (opt-in, process-wide, glibc only) tells the C allocator to keep
  freed memory for reuse, which halves the time per field evaluation on meshes of ~1e4
  cells. The drivers never call it themselves (a library should not change its host
  process's allocator behind its back); the ``micromagnetic`` scenario kinds and the
  benchmark do.
"""

from __future__ import annotations

import ctypes
import functools
import json
import os
import platform
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from spinkit import io
from spinkit.errors import ConvergenceError, ParameterError
from spinkit.io.provenance import atomic_write
from spinkit.magnetization.integrators import DP_A, DP_B, DP_C, DP_E
from spinkit.magnetization.zeeman import Zeeman
from spinkit.micromagnetics.magnet import Magnet

__all__ = ["Evolution", "evolve", "Relaxed", "relax", "Hysteresis", "hysteresis",
           "keep_freed_memory"]


@dataclass(frozen=True)
class Evolution:
    """The result of :func:`evolve`.

    Attributes
    ----------
    t: output times [s], shape (n,).
    m: <m> at the output times [-], shape (n, 3).
    energy: total energy at the output times [J], shape (n,).
    final: the magnetization at the last time, shape (nx, ny, nz, 3).
    steps: accepted steps; rejected: rejected steps; evaluations: field evaluations.
    """

    t: np.ndarray
    m: np.ndarray
    energy: np.ndarray
    final: np.ndarray
    steps: int
    rejected: int
    evaluations: int

    def to_xarray(self) -> Any:
        """An :class:`xarray.Dataset` of <m> and the energy against time."""
        import xarray as xr

        return xr.Dataset(
            {"m": (("time", "component"), self.m, {"units": "", "long_name": "average <m>"}),
             "energy": ("time", self.energy, {"units": "J", "long_name": "total energy"})},
            coords={"time": ("time", self.t, {"units": "s", "long_name": "time"}),
                    "component": ["x", "y", "z"]})

    def plot(self, ax: Any = None) -> Any:
        """<m_x>, <m_y>, <m_z> against time [ns]; returns the axes."""
        import matplotlib.pyplot as plt

        ax = ax or plt.gca()
        for i, c in enumerate("xyz"):
            ax.plot(self.t * 1e9, self.m[:, i], label=f"<m_{c}>")
        ax.set_xlabel("t (ns)")
        ax.set_ylabel("<m>")
        ax.legend()
        return ax


@functools.cache
def keep_freed_memory() -> bool:
    """Opt in: ask glibc's allocator to keep freed memory for reuse (once per process).

    Every field evaluation allocates and frees arrays of the mesh's size; by default glibc
    returns such blocks to the system (mmap above 128 KiB, heap trimming above 128 KiB of
    free top), and the next evaluation faults the pages in again, which costs as much as the
    arithmetic on meshes of ~1e4 cells. This raises M_MMAP_THRESHOLD to 32 MiB and
    M_TRIM_THRESHOLD to 512 MiB (``mallopt``), so the process keeps up to that much freed
    memory. The setting is process-wide and permanent, which is why nothing in this module
    calls it implicitly. Returns True if glibc accepted both settings; False, doing nothing,
    on any other C library (macOS, Windows, musl).
    """
    if platform.system() != "Linux" or platform.libc_ver()[0] != "glibc":
        return False
    try:
        libc = ctypes.CDLL("libc.so.6")
        return bool(libc.mallopt(-1, 1 << 29)) and bool(libc.mallopt(-3, 1 << 25))
    except (OSError, AttributeError):
        return False


@dataclass(frozen=True)
class _Pair:
    """An embedded Runge-Kutta pair: stage rows a, nodes c, weights b of the propagated
    solution, error weights e = b - b_hat; ``fsal``: the last stage is the next first."""

    a: tuple
    c: tuple
    b: tuple
    e: tuple
    fsal: bool


_FEHLBERG_B = (16 / 135, 0.0, 6656 / 12825, 28561 / 56430, -9 / 50, 2 / 55)
_FEHLBERG_B4 = (25 / 216, 0.0, 1408 / 2565, 2197 / 4104, -1 / 5, 0.0)
#: "rk45": Dormand-Prince 5(4) with FSAL; "rkf45": Fehlberg's 4(5) pair (E. Fehlberg, NASA
#: TR R-315 (1969)) advanced with its 5th-order solution, as magnum.np does: its stability
#: region reaches ~1.7x farther along the lightly damped precession axis (|1 + i alpha|
#: phase), which is what limits the step on fine meshes.
PAIRS = {
    "rk45": _Pair(DP_A, tuple(DP_C), tuple(DP_B), tuple(DP_E), True),
    "rkf45": _Pair(
        ((), (1 / 4,), (3 / 32, 9 / 32), (1932 / 2197, -7200 / 2197, 7296 / 2197),
         (439 / 216, -8.0, 3680 / 513, -845 / 4104),
         (-8 / 27, 2.0, -3544 / 2565, 1859 / 4104, -11 / 40)),
        (0.0, 1 / 4, 3 / 8, 12 / 13, 1.0, 1 / 2), _FEHLBERG_B,
        tuple(b - c for b, c in zip(_FEHLBERG_B, _FEHLBERG_B4, strict=True)), False),
}
_EMPTY = np.zeros(0)


def _columns(magnet: Magnet) -> list[tuple[str, str]]:
    names = list(dict.fromkeys(type(t).__name__ for t, _ in magnet.energy_terms))
    return ([("t", "s"), ("mx", ""), ("my", ""), ("mz", ""), ("E_total", "J")]
            + [(f"E_{n}", "J") for n in names] + [("max_torque", "T")])


def _row(magnet: Magnet, m: np.ndarray, t: float) -> list[float]:
    energies = magnet.energies(m, t)
    return ([t, *magnet.average(m), sum(energies.values()), *energies.values(),
             magnet.max_torque(m, t)])


def _save_checkpoint(path: Path, **state: Any) -> None:
    def write(tmp: Path) -> None:
        with open(tmp, "wb") as f:
            np.savez(f, **state)

    atomic_write(path, write)


def _count(name: str, value: Any) -> None:
    """Refuse anything but an integer >= 1 under ``name``."""
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 1:
        raise ParameterError(name, value, "must be an integer >= 1")


def _initial(magnet: Magnet, m0: Any) -> np.ndarray:
    """m0 as a finite float array of the mesh's shape (nx, ny, nz, 3)."""
    m0 = np.asarray(m0, dtype=float)
    if m0.shape != magnet.mesh.n + (3,):
        raise ParameterError("m0", m0.shape, f"must have shape {magnet.mesh.n + (3,)}")
    if not np.isfinite(m0).all():
        raise ParameterError("m0", "non-finite entries", "must be finite")
    return m0


def evolve(
    magnet: Magnet,
    m0: np.ndarray,
    duration: float,
    *,
    output_every: float | None = None,
    method: str = "rk45",
    tol: float = 1e-5,
    dt: float | None = None,
    seed: int | np.random.Generator | None = None,
    table: str | os.PathLike | None = None,
    snapshots: str | os.PathLike | None = None,
    snapshot_every: int = 1,
    checkpoint: str | os.PathLike | None = None,
    resume: bool = False,
    max_steps: int = 10_000_000,
    progress: Any = None,
) -> Evolution:
    """Integrate the LLG equation from m0 over ``duration`` [s] (module docstring).

    Parameters
    ----------
    magnet: the :class:`~.magnet.Magnet`.
    m0: initial magnetization, shape (nx, ny, nz, 3) (normalised here).
    duration: time to integrate [s] (> 0).
    output_every: interval between outputs [s] (default: one output at the end).
    method: ``"rk45"`` (Dormand-Prince) or ``"rkf45"`` (Fehlberg, 5th-order solution), see
        :data:`PAIRS`.
    tol: largest error per step of a cell's m [-] (adaptive Dormand-Prince).
    dt: fixed step of the stochastic Heun scheme [s] (required with a thermal field, else
        ignored).
    seed: random generator of the thermal field.
    table: file of the mumax3-style table (t, <m>, energies, max torque), one row per output.
    snapshots: directory for OVF 2.0 files ``m000000.ovf``, ... every ``snapshot_every``
        outputs.
    checkpoint: file (``.npz``) rewritten at every output; with ``resume`` a run whose
        checkpoint exists continues from it (appending to the table).
    progress: optional :class:`spinkit.progress.Progress`, advanced once per output.
    """
    if not (np.isfinite(duration) and duration > 0):
        raise ParameterError("duration", duration, "must be > 0 [s]")
    n_out = 1
    if output_every is not None:
        if not (np.isfinite(output_every) and 0 < output_every <= duration):
            raise ParameterError("output_every", output_every, f"must be in (0, {duration}] s")
        n_out = int(round(duration / output_every))
        if abs(n_out * output_every - duration) > 1e-9 * duration:
            raise ParameterError("output_every", output_every, "must divide duration")
    if not (np.isfinite(tol) and 0 < tol < 1):
        raise ParameterError("tol", tol, "must be in (0, 1)")
    if method not in PAIRS:
        raise ParameterError("method", method, f"must be one of {tuple(PAIRS)}")
    pair = PAIRS[method]
    _count("snapshot_every", snapshot_every)
    _count("max_steps", max_steps)
    m0 = _initial(magnet, m0)
    thermal = magnet.thermal
    if thermal is not None and thermal.temperature > 0:
        if dt is None or not (np.isfinite(dt) and dt > 0):
            raise ParameterError("dt", dt, "a thermal field needs a fixed step dt > 0 [s]")
        sigma = (thermal.strength(1.0, 1.0, magnet.gamma, magnet.mesh.volume)
                 * np.sqrt(magnet.alpha * magnet.inv_Ms / dt))[..., None]
        rng = np.random.default_rng(seed)
    else:
        thermal = None

    state = {"m": magnet.normalize(m0), "t": 0.0, "index": 0, "h": 0.0, "steps": 0,
             "rejected": 0, "evaluations": 0, "k": np.zeros(0), "ts": [], "ms": [], "es": []}
    ckpt = Path(checkpoint) if checkpoint is not None else None
    if resume and ckpt is not None and ckpt.exists():
        with np.load(ckpt) as data:
            if data["m"].shape != state["m"].shape:
                raise ParameterError("checkpoint", str(ckpt), "is for another mesh")
            for key in ("m", "k"):
                state[key] = data[key]
            for key in ("t", "h"):
                state[key] = float(data[key])
            for key in ("index", "steps", "rejected", "evaluations"):
                state[key] = int(data[key])
            state["ts"], state["ms"], state["es"] = (list(data["ts"]), list(data["ms"]),
                                                     list(data["es"]))
            if thermal is not None:
                rng.bit_generator.state = json.loads(str(data["rng"]))
    else:
        resume = False
    columns = _columns(magnet)
    writer = io.TableWriter(table, columns, append=resume) if table is not None else None
    snap_dir = Path(snapshots) if snapshots is not None else None
    if snap_dir is not None:
        snap_dir.mkdir(parents=True, exist_ok=True)
    if progress is not None:
        progress.reset(n_out, "evolve")

    def output(m: np.ndarray, t: float, index: int) -> None:
        row = _row(magnet, m, t)
        state["ts"].append(t)
        state["ms"].append(row[1:4])
        state["es"].append(row[4])
        if writer is not None:
            writer.write(row)
        if snap_dir is not None and index % snapshot_every == 0:
            io.write_ovf(snap_dir / f"m{index:06d}.ovf", m, magnet.mesh.cell,
                         origin=magnet.mesh.origin, title="m", desc=f"t = {t!r} s")

    m, t, h, k1 = state["m"], state["t"], state["h"], state["k"]
    steps, rejected, evals = state["steps"], state["rejected"], state["evaluations"]
    try:
        if not resume:
            output(m, t, 0)
        for index in range(state["index"] + 1, n_out + 1):
            t_next = duration * index / n_out
            while t < t_next * (1 - 1e-12):
                if steps + rejected > max_steps:
                    raise ConvergenceError(f"evolve: {max_steps} steps did not reach "
                                           f"t = {t_next:.3e} s (now t = {t:.3e} s)")
                if thermal is not None:
                    step = min(dt, t_next - t)
                    b_th = (sigma / np.sqrt(step / dt)) * rng.normal(size=m.shape)
                    k1 = magnet.rhs(t, m, b_th)
                    k2 = magnet.rhs(t + step, magnet.normalize(m + step * k1), b_th)
                    m = magnet.normalize(m + 0.5 * step * (k1 + k2))
                    t += step
                    steps += 1
                    evals += 2
                    continue
                if k1.shape != m.shape:
                    k1 = magnet.rhs(t, m)
                    evals += 1
                if h <= 0:
                    h = 1e-3 / max(float(np.abs(k1).max()), 1e3)
                step = min(h, t_next - t)
                ks = [k1]
                for s in range(1, len(pair.c)):
                    y = m + step * sum(a * kj for a, kj in zip(pair.a[s], ks, strict=False)
                                       if a)
                    ks.append(magnet.rhs(t + pair.c[s] * step, y))
                evals += len(pair.c) - 1
                if not pair.fsal:  # with FSAL, y of the last stage is the solution
                    y = m + step * sum(b * kj for b, kj in zip(pair.b, ks, strict=True) if b)
                err_vec = step * sum(e * kj for e, kj in zip(pair.e, ks, strict=True) if e)
                err = float(np.sqrt(np.max(np.sum(err_vec**2, axis=-1))))
                if err <= tol:
                    m = magnet.normalize(y)
                    t += step
                    k1 = ks[-1] if pair.fsal else _EMPTY
                    steps += 1
                else:
                    rejected += 1
                # safety 0.8 (not 0.9): at the exchange stability limit 0.9 let the step
                # creep up to rejection every ~10 steps (SP4 on 2.5 nm: 198 rejected of 2300,
                # 0.8: 2 rejected, 6.5 % fewer field evaluations; Dormand-Prince unchanged)
                factor = 0.8 * (tol / err) ** 0.2 if err > 0 else 5.0
                if step == h or err > tol:
                    h = step * min(5.0, max(0.2, factor))
                if h < 1e-22:
                    raise ConvergenceError(f"evolve: step size underflow at t = {t:.3e} s")
            t = t_next
            output(m, t, index)
            if ckpt is not None:
                extra = {"rng": np.array(json.dumps(rng.bit_generator.state))} \
                    if thermal is not None else {}
                _save_checkpoint(ckpt, m=m, t=t, index=index, h=h, steps=steps,
                                 rejected=rejected, evaluations=evals, k=k1,
                                 ts=np.array(state["ts"]), ms=np.array(state["ms"]),
                                 es=np.array(state["es"]), **extra)
            if progress is not None:
                progress.advance()
    finally:
        if writer is not None:
            writer.close()
    return Evolution(np.array(state["ts"]), np.array(state["ms"]), np.array(state["es"]), m,
                     steps, rejected, evals)


@dataclass(frozen=True)
class Relaxed:
    """The result of :func:`relax`: the state ``m``, its energy [J], the largest torque
    max |m x B_eff| [T] and the number of iterations."""

    m: np.ndarray
    energy: float
    max_torque: float
    iterations: int


def relax(magnet: Magnet, m0: np.ndarray, *, tol: float = 1e-4,
          max_iterations: int = 100_000) -> Relaxed:
    """Minimize the energy from m0 by Barzilai-Borwein steepest descent (module docstring).

    The update is m <- normalize(m - tau g) with g = m x (m x B_eff) = -B_perp [T] and tau
    [1/T] alternating between the two Barzilai-Borwein step lengths s.s / s.y and s.y / y.y
    (s, y the changes of m and g over the last iteration).

    Parameters
    ----------
    magnet: the :class:`~.magnet.Magnet`.
    m0: initial magnetization, shape (nx, ny, nz, 3) (normalised here).
    tol: stop when max |m x B_eff| < tol [T] (> 0).
    max_iterations: raise :class:`~spinkit.errors.ConvergenceError` beyond this.
    """
    if not (np.isfinite(tol) and tol > 0):
        raise ParameterError("tol", tol, "must be > 0 [T]")
    _count("max_iterations", max_iterations)
    m = magnet.normalize(_initial(magnet, m0))

    def gradient(m: np.ndarray) -> np.ndarray:
        b = magnet.field(m)
        return m * np.sum(m * b, axis=-1, keepdims=True) - b * magnet.mask[..., None]

    g = gradient(m)
    gmax = float(np.sqrt(np.max(np.sum(g * g, axis=-1))))
    tau = 1e-2 / max(gmax, 1e-12)
    for it in range(1, max_iterations + 1):
        if gmax < tol:
            return Relaxed(m, magnet.energy(m), gmax, it - 1)
        m_new = magnet.normalize(m - tau * g)
        g_new = gradient(m_new)
        s, y = m_new - m, g_new - g
        sy = float(np.vdot(s, y))
        if sy > 0:
            tau = float(np.vdot(s, s)) / sy if it % 2 else sy / float(np.vdot(y, y))
        else:
            tau = 1e-2 / max(gmax, 1e-12)
        m, g = m_new, g_new
        gmax = float(np.sqrt(np.max(np.sum(g * g, axis=-1))))
    raise ConvergenceError(f"relax: max torque {gmax:.3e} T > tol = {tol:.1e} T after "
                           f"{max_iterations} iterations")


@dataclass(frozen=True)
class Hysteresis:
    """A hysteresis loop: applied fields B [T] (n, 3), <m> (n, 3), energies [J] (n,)."""

    B: np.ndarray
    m: np.ndarray
    energy: np.ndarray
    states: list = field(repr=False)

    def to_xarray(self) -> Any:
        """An :class:`xarray.Dataset` of the applied field, <m> and the energy per step."""
        import xarray as xr

        return xr.Dataset(
            {"B": (("step", "component"), self.B, {"units": "T", "long_name": "applied field"}),
             "m": (("step", "component"), self.m, {"units": "", "long_name": "average <m>"}),
             "energy": ("step", self.energy, {"units": "J", "long_name": "total energy"})},
            coords={"component": ["x", "y", "z"]})

    def plot(self, ax: Any = None) -> Any:
        """<m> along the field against the field's projection on its largest direction [mT]."""
        import matplotlib.pyplot as plt

        ax = ax or plt.gca()
        axis = np.abs(self.B).sum(axis=0).argmax()
        ax.plot(self.B[:, axis] * 1e3, self.m[:, axis], "o-", ms=3)
        ax.set_xlabel(f"B_{'xyz'[axis]} (mT)")
        ax.set_ylabel(f"<m_{'xyz'[axis]}>")
        return ax


def hysteresis(magnet: Magnet, m0: np.ndarray, fields: np.ndarray, *, tol: float = 1e-4,
               keep_states: bool = False) -> Hysteresis:
    """Relax at each applied field of ``fields`` [T] (shape (n, 3)) in turn.

    The field is added to ``magnet``'s terms as a :class:`~spinkit.magnetization.Zeeman`
    term; each relaxation starts from the previous state.
    """
    fields = np.asarray(fields, dtype=float)
    if fields.ndim != 2 or fields.shape[1] != 3 or not np.isfinite(fields).all():
        raise ParameterError("fields", fields.shape, "must be finite, shape (n, 3) [T]")
    m = _initial(magnet, m0)
    avgs, energies, states = [], [], []
    for b in fields:
        current = magnet.with_terms(magnet.terms + Zeeman(b))
        res = relax(current, m, tol=tol)
        m = res.m
        avgs.append(magnet.average(m))
        energies.append(res.energy)
        if keep_states:
            states.append(m)
    return Hysteresis(fields, np.array(avgs), np.array(energies), states)
