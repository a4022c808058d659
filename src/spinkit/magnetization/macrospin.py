"""A single-domain magnet (macrospin) and the engine that integrates its LLG equation.

The Landau-Lifshitz-Gilbert equation with spin torques, in the Gilbert form,

    dm/dt = -gamma m x (B_eff + B_th) + alpha m x dm/dt + tau(m, t),            (1)

is solved in its explicit (Landau-Lifshitz) form, exact for |m| = 1 and any torque T
perpendicular to m:

    dm/dt = (T + alpha m x T) / (1 + alpha^2),   T = -gamma m x (B_eff + B_th) + tau.  (2)

B_eff [T] is the sum of the energy terms' fields, tau [1/s] of the spin torques, B_th
Brown's thermal field (:mod:`.thermal`). gamma [rad/(s T)] is the gyromagnetic ratio.

:class:`Macrospin` is the description (material parameters and terms); :func:`simulate` is
the engine. It evaluates the terms either through their own numpy methods (``engine =
"numpy"``, vectorized over an ensemble) or through the compiled kernels of :mod:`._kernels`
(``"numba"``: trajectories spread over threads, thermal ensembles in SIMD blocks), to which
every built-in term packs itself (:class:`Packed`).
``"auto"`` takes the compiled path and falls back to numpy, with a warning, for a term that
cannot be packed.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from spinkit import constants, materials
from spinkit.errors import ConvergenceError, ParameterError
from spinkit.magnetization import integrators
from spinkit.magnetization.term import (
    Constant,
    Pulse,
    Sinc,
    Sine,
    Term,
    Terms,
    Waveform,
    as_generator,
    as_terms,
    positive,
    tolerance,
    unit_vector,
)
from spinkit.magnetization.thermal import ThermalField
from spinkit.validation import finite, integer

__all__ = ["Macrospin", "Trajectory", "simulate", "Packed", "METHODS"]

#: integration methods: adaptive Dormand-Prince 5(4) and 8(5,3), classical RK4, (stochastic)
#: Heun
METHODS = ("rk45", "dop853", "rk4", "heun")
#: the adaptive methods, which take rtol and atol
ADAPTIVE = ("rk45", "dop853")
ENGINES = ("auto", "numba", "numpy")


@dataclass(frozen=True, eq=False)
class Macrospin:
    """A uniformly magnetized body: saturation magnetization, damping, volume and terms.

    Parameters
    ----------
    Ms: saturation magnetization [A/m].
    alpha: Gilbert damping [-] (>= 0).
    volume: volume V [m^3]; fixes the thermal field and the total energy E = V w.
    terms: energy terms, spin torques and at most one thermal field, e.g.
        ``Zeeman([0, 0, 0.1]) + UniaxialAnisotropy(5e5) + ThermalField(300)``.
    gamma: gyromagnetic ratio [rad/(s T)] (default the free electron's).
    """

    Ms: float
    alpha: float
    volume: float
    terms: Terms | Term | None = None
    gamma: float = constants.gamma_e

    def __post_init__(self) -> None:
        object.__setattr__(self, "Ms", positive("Ms", self.Ms))
        object.__setattr__(self, "alpha", positive("alpha", self.alpha, zero=True))
        object.__setattr__(self, "volume", positive("volume", self.volume))
        object.__setattr__(self, "gamma", positive("gamma", self.gamma))
        object.__setattr__(self, "terms", as_terms(self.terms))
        if len(self.terms.of_type(ThermalField)) > 1:
            raise ParameterError("terms", self.terms, "holds more than one ThermalField")

    @classmethod
    def from_material(
        cls, name: str, *, volume: float, terms: Terms | Term | None = None, **override: Any
    ) -> Macrospin:
        """A macrospin with Ms and alpha from the materials database (``override`` wins)."""
        mat = materials.get(name)
        values = {}
        for key in ("Ms", "alpha"):
            if key in override:
                values[key] = override.pop(key)
            elif key in mat:
                values[key] = mat.value(key)
            else:
                raise ParameterError(key, None, f"required: material {name} has no {key}; "
                                     "give it explicitly")
        return cls(volume=volume, terms=terms, **values, **override)

    def with_terms(self, terms: Terms | Term | None) -> Macrospin:
        """The same magnet with other terms."""
        return Macrospin(self.Ms, self.alpha, self.volume, terms, self.gamma)

    @property
    def thermal(self) -> ThermalField | None:
        """The thermal field, if any."""
        found = self.terms.of_type(ThermalField)
        return found[0] if found else None

    # ----------------------------------------------------------------- the model, in numpy
    def field(self, m: np.ndarray, t: float = 0.0) -> np.ndarray:
        """Effective field B_eff [T] of the energy terms, shape of ``m``."""
        return self.terms.field(np.asarray(m, dtype=float), self.Ms, t)

    def energy(self, m: np.ndarray, t: float = 0.0) -> np.ndarray:
        """Total energy E = V sum w [J], shape ``m.shape[:-1]``."""
        return self.volume * self.terms.energy_density(np.asarray(m, dtype=float), self.Ms, t)

    def rhs(self, t: float, m: np.ndarray, b_thermal: np.ndarray | None = None) -> np.ndarray:
        """dm/dt [1/s] of eq. (2), vectorized over the leading axes of ``m``."""
        b = self.field(m, t)
        if b_thermal is not None:
            b = b + b_thermal
        torque = -self.gamma * np.cross(m, b) + self.terms.torque(m, self.Ms, self.gamma, t)
        return (torque + self.alpha * np.cross(m, torque)) / (1 + self.alpha**2)

    def field_scale(self) -> float:
        """A typical field magnitude [T] of the terms, which sets the default time step."""
        packed = Packed.from_macrospin(self)
        if packed is None:
            probe = np.eye(3)
            return float(np.abs(self.field(probe)).max() + 1e-3)
        return packed.field_scale()


@dataclass
class Packed:
    """The terms of a macrospin fused into the fixed layout of :mod:`._kernels`.

    The compiled right-hand side has one slot for each kind of term, so that it is one
    specialised function whatever the magnet: a field linear in m (anisotropy, demag,
    biquadratic coupling, summed), a constant field (summed), time-dependent fields (a list
    evaluated once per stage), at most :data:`MAX_CUBIC` cubic anisotropy and at most
    :data:`MAX_TORQUES` spin torques. A magnet with more falls back to the numpy engine.
    """

    MAX_CUBIC = 1
    MAX_TORQUES = 2

    lin: np.ndarray = field(default_factory=lambda: np.zeros((3, 3)))
    b0: np.ndarray = field(default_factory=lambda: np.zeros(3))
    zee: list = field(default_factory=list)
    zwf: list = field(default_factory=list)
    cub: list = field(default_factory=list)
    tq: list = field(default_factory=list)
    twf: list = field(default_factory=list)

    # -------------------------------------------------------- what the terms call to pack
    def add_linear(self, matrix: np.ndarray) -> None:
        """A field linear in m: B += matrix . m [T]."""
        self.lin = self.lin + np.asarray(matrix, dtype=float)

    def add_field(self, b: np.ndarray, waveform: Waveform | None = None) -> None:
        """A field B f(t) [T] independent of m."""
        if waveform is None or isinstance(waveform, Constant):
            self.b0 = self.b0 + np.asarray(b, dtype=float)
            return
        self.zee.append(np.asarray(b, dtype=float))
        self.zwf.append(waveform.packed())

    def add_cubic(self, k: float, axes: np.ndarray) -> None:
        """Cubic anisotropy with 2 K1/Ms = ``k`` [T] and crystal axes as rows."""
        self.cub.append(np.concatenate(([k], np.asarray(axes, dtype=float).ravel())))

    def add_torque(self, bj: float, pol: float, lam2: float, field_like: float,
                   p: np.ndarray, waveform: Waveform) -> None:
        """A spin torque of :class:`~.term.SpinTorque` form."""
        self.tq.append(np.concatenate(([bj, pol, lam2, field_like], p)))
        self.twf.append(waveform.packed())

    # ------------------------------------------------------------------------- building
    @classmethod
    def from_macrospin(cls, magnet: Macrospin) -> Packed | None:
        """Pack every term, or None if one of them cannot be packed or the slots are full."""
        packed = cls()
        for term in magnet.terms:
            if isinstance(term, ThermalField):
                continue
            pack = getattr(term, "pack", None)
            if pack is None or pack(packed, magnet.Ms) is False:
                return None
        if len(packed.cub) > cls.MAX_CUBIC or len(packed.tq) > cls.MAX_TORQUES or any(
                wf is None for wf in packed.zwf + packed.twf):
            return None
        return packed

    def model(self, gamma: float, alpha: float) -> tuple[float, ...]:
        """The constant part as one tuple of floats, every field [T] and B_J multiplied by
        w = gamma / (1 + alpha^2) (layout used by :mod:`._kernels`): w lin (9), gamma, alpha,
        1/(1+alpha^2), w 2K1/Ms and the cubic axes (10), two torque slots (P, Lambda^2,
        eps', p: 6 each), w b0 (3), w B_J of the two torques (2), 1.0 if the linear field's
        matrix is diagonal (axes along x, y, z: the kernels then skip its zero products,
        which shortens the step's dependency chain) else 0.0 (1)."""
        w = gamma / (1 + alpha**2)
        cub = self.cub[0] * np.r_[w, np.ones(9)] if self.cub else np.zeros(10)
        slots = [np.zeros(6), np.zeros(6)]
        strengths = [0.0, 0.0]
        for i, row in enumerate(self.tq):
            slots[i] = row[1:]
            strengths[i] = w * row[0]
        out = np.concatenate((w * self.lin.ravel(), [gamma, alpha, 1 / (1 + alpha**2)], cub,
                              slots[0], slots[1], w * self.b0, strengths,
                              [float(not np.any(self.lin - np.diag(np.diag(self.lin))))]))
        return tuple(float(x) for x in out)

    def drive_arrays(self, gamma: float, alpha: float
                     ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(zee, zwf, twf): time-dependent fields (times gamma / (1 + alpha^2)), their
        waveforms, the torques' waveforms."""
        twf = np.zeros((2, 4))
        for i, row in enumerate(self.twf):
            twf[i] = row
        zee = np.array(self.zee, dtype=float).reshape(len(self.zee), 3)
        return (zee * (gamma / (1 + alpha**2)),
                np.array(self.zwf, dtype=float).reshape(len(self.zwf), 4), twf)

    def field_scale(self) -> float:
        """|lin| + |b0| + sum |B| + sum 2|K1|/Ms + sum |B_J| (eps <= 1) [T], floored at 1 mT."""
        scale = float(np.linalg.norm(self.lin, 2)) + float(np.linalg.norm(self.b0))
        scale += sum(float(np.linalg.norm(b)) for b in self.zee)
        scale += sum(abs(c[0]) for c in self.cub)
        scale += sum(abs(t[0]) * (abs(t[1]) * max(t[2], 1.0) + abs(t[3])) for t in self.tq)
        return max(scale, 1e-3)


@dataclass(frozen=True)
class Trajectory:
    """Magnetization against time of one macrospin or an ensemble.

    Attributes
    ----------
    t: sample times [s], shape (K,).
    m: unit magnetization, shape (K, 3) for one trajectory or (N, K, 3) for an ensemble.
    energy: total energy E [J] at the samples, shape m.shape[:-1] (thermal field excluded).
    crossing_time: first time [s] each trajectory's m.u crossed the watched level (NaN if
        it did not), shape () or (N,); None if nothing was watched.
    """

    t: np.ndarray
    m: np.ndarray
    energy: np.ndarray
    crossing_time: np.ndarray | None = None

    def to_xarray(self):
        """An :class:`xarray.Dataset` with ``m`` (and ``energy``) against time."""
        import xarray as xr

        dims = ("trajectory", "time", "component") if self.m.ndim == 3 else ("time",
                                                                              "component")
        ds = xr.Dataset(
            {"m": (dims, self.m, {"units": "", "long_name": "unit magnetization"}),
             "energy": (dims[:-1], self.energy, {"units": "J", "long_name": "total energy"})},
            coords={"time": ("time", self.t, {"units": "s", "long_name": "time"}),
                    "component": ["x", "y", "z"]},
        )
        if self.crossing_time is not None:
            ds["crossing_time"] = (dims[:-2], self.crossing_time,
                                   {"units": "s", "long_name": "first crossing time"})
        return ds

    def plot(self, ax=None):
        """m_x, m_y, m_z against time (the ensemble mean for an ensemble)."""
        import matplotlib.pyplot as plt

        if ax is None:
            _, ax = plt.subplots(figsize=(6, 3.5), layout="constrained")
        m = self.m.mean(axis=0) if self.m.ndim == 3 else self.m
        for i, c in enumerate("xyz"):
            ax.plot(self.t * 1e9, m[:, i], label=f"m_{c}")
        ax.set_xlabel("t (ns)")
        ax.set_ylabel("<m>" if self.m.ndim == 3 else "m")
        ax.legend()
        return ax


def _check_choice(name: str, value: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise ParameterError(name, value, "must be one of " + ", ".join(map(repr, allowed)))
    return value


def output_times(duration: float, samples: int, t_out: Any | None) -> np.ndarray:
    """The output times [s] of a run over ``duration`` [s]: ``samples`` equally spaced times
    from 0, ends included, or the explicit ``t_out`` (increasing, from 0, ending at or
    before ``duration``), checked."""
    if t_out is None:
        return np.linspace(0.0, duration, integer("samples", samples, 2))
    t_out = np.asarray(t_out, dtype=float)
    if (t_out.ndim != 1 or t_out.size < 2 or t_out[0] != 0 or
            np.any(np.diff(t_out) <= 0) or not np.isfinite(t_out).all()):
        raise ParameterError("t_out", t_out, "must be increasing times from 0")
    if t_out[-1] > duration * (1 + 1e-12):
        raise ParameterError("t_out", t_out, f"must end at or before duration = "
                             f"{duration!r} s")
    return t_out


def constant_in_time(terms: Iterable[Any]) -> bool:
    """Whether no term has a time-dependent waveform (energies can then be evaluated for
    every sample at once)."""
    return all(isinstance(getattr(term, "waveform", Constant()), Constant) for term in terms)


def _initial(m0: Any) -> tuple[np.ndarray, bool]:
    arr = np.asarray(m0, dtype=float)
    single = arr.ndim == 1
    arr = np.atleast_2d(arr)
    if arr.ndim != 2 or arr.shape[1] != 3 or not np.isfinite(arr).all() or arr.shape[0] == 0:
        raise ParameterError("m0", m0, "must be a direction [x, y, z] or an (N, 3) array")
    norms = np.linalg.norm(arr, axis=1)
    if (norms == 0).any():
        raise ParameterError("m0", m0, "a zero vector gives no direction")
    return arr / norms[:, None], single


def _drive_schedule(magnet: Macrospin, t_out: np.ndarray) -> tuple[np.ndarray, float]:
    """(breaks [s], h_max [s]) of the adaptive methods: the times inside (t_out[0],
    t_out[-1]) where a waveform jumps (a :class:`~.term.Pulse`'s start and end), and the
    longest step the drives allow: a quarter of the period 1/f of a :class:`~.term.Sine`
    or :class:`~.term.Sinc`, the mean output spacing for any other time-dependent waveform
    (a :class:`~.term.Function`, whose shape is unknown); infinite for constant drives."""
    t0, t1 = float(t_out[0]), float(t_out[-1])
    breaks, h_max = [], np.inf
    for term in magnet.terms:
        wf = getattr(term, "waveform", None)
        if wf is None or isinstance(wf, Constant):
            continue
        if isinstance(wf, Pulse):
            breaks += [wf.start, wf.start + wf.duration]
        elif isinstance(wf, Sine | Sinc):
            h_max = min(h_max, 0.25 / wf.frequency)
        else:
            h_max = min(h_max, (t1 - t0) / (len(t_out) - 1))
    breaks = np.unique(np.asarray(breaks, dtype=float))
    return breaks[(breaks > t0) & (breaks < t1)], float(h_max)


def simulate(
    magnet: Macrospin,
    m0: Any,
    duration: float,
    *,
    method: str = "rk45",
    dt: float | None = None,
    samples: int = 201,
    t_out: np.ndarray | None = None,
    rtol: float = 1e-7,
    atol: float = 1e-9,
    seed: int | np.random.Generator | None = 0,
    watch: tuple[Any, float] | None = None,
    stop_at_crossing: bool = False,
    engine: str = "auto",
) -> Trajectory:
    """Integrate eq. (2) from m0 over ``duration``.

    Parameters
    ----------
    magnet: the macrospin.
    m0: initial direction (3,), or (N, 3) for an ensemble of N trajectories.
    duration: total time [s] (> 0).
    method: ``"rk45"`` (adaptive Dormand-Prince 5(4), deterministic only), ``"dop853"``
        (adaptive Dormand-Prince 8(5,3), deterministic only: the fastest way to tight
        accuracy; samples between its steps come from its 7th-order dense output),
        ``"rk4"`` (fixed step) or ``"heun"`` (fixed step; the stochastic Heun scheme when
        there is a thermal field).
    dt: fixed step [s] of rk4/heun, and the first step of rk45/dop853; default
        0.01 / (gamma B) with B the terms' field scale.
    samples: number of equally spaced output times, ends included (ignored with ``t_out``).
    t_out: explicit increasing output times [s] from 0.
    rtol, atol: tolerances of rk45/dop853 on each component of m: a step is accepted when
        its local error estimate is at most atol + rtol |m_i|. The error of a whole
        trajectory can be much larger where the dynamics amplify errors (a switching
        trajectory's exponential growth: about 700 rtol for dop853 over the 10 ns STT
        switching of ``benchmarks/bench_macrospin.py``); tighten rtol tenfold to check.
        Time-dependent drives: the steps of rk45 and dop853 end exactly at each edge of a
        Pulse (rk45, whose steps end at the samples, gets the edges as extra, unreported
        samples; dop853 restarts after an edge with a fresh first slope), and no dop853
        step is longer than a quarter period of a Sine or Sinc (1/(4 f)) or than the mean
        sample spacing with a Function (rk45 steps never span more than one sample
        spacing). A magnet at rest has zero slopes, hence a zero error estimate and freely
        growing steps: these rules keep it from stepping over a drive it has not felt yet.
        A Function that is non-zero for less than that spacing can still be missed.
    seed: seed (or Generator) of the thermal noise; the same seed gives the same numbers.
    watch: ``(u, level)``: record the first time m.u crosses ``level`` (a switching time).
        The compiled engine finds the crossing on each step's interpolant (rk45: linear
        between steps; dop853: its 7th-order dense output); the numpy engine's rk45 and
        dop853 interpolate linearly between the output samples (an error of order the
        sample spacing squared times the curvature of m.u: sample finely).
    stop_at_crossing: stop each trajectory at its crossing (saves time for escape times).
        The numpy engine's rk45 and dop853 ignore it (they integrate to the end).
    engine: ``"auto"``, ``"numba"`` or ``"numpy"`` (module docstring).

    Raises
    ------
    ParameterError
        for bad input, or a thermal field with a method other than heun.
    ConvergenceError
        if rk45 or dop853 cannot keep its tolerance.
    """
    if not isinstance(magnet, Macrospin):
        raise ParameterError("magnet", magnet, "must be a Macrospin")
    m_init, single = _initial(m0)
    duration = positive("duration", duration)
    _check_choice("method", method, METHODS)
    _check_choice("engine", engine, ENGINES)
    thermal = magnet.thermal
    strength = 0.0
    if thermal is not None and thermal.temperature > 0:
        if method != "heun":
            raise ParameterError("method", method, "a ThermalField needs method='heun' "
                                 "(the stochastic Heun scheme)")
        strength = thermal.strength(magnet.alpha, magnet.Ms, magnet.gamma, magnet.volume)
    t_out = output_times(duration, samples, t_out)
    packed = Packed.from_macrospin(magnet)
    if dt is None:
        scale = packed.field_scale() if packed is not None else magnet.field_scale()
        dt = min(0.01 / (magnet.gamma * scale), duration / 10)
    dt = positive("dt", dt)
    rtol, atol = tolerance("rtol", rtol), tolerance("atol", atol)
    if watch is not None:
        try:
            u_raw, level = watch
        except (TypeError, ValueError):
            raise ParameterError("watch", watch, "must be (direction, level)") from None
        u = unit_vector("watch", u_raw)
        level = finite("watch", level)
        if not -1 <= level <= 1:
            raise ParameterError("watch", watch, "the level of m.u must be in [-1, 1]")
    elif stop_at_crossing:
        raise ParameterError("stop_at_crossing", stop_at_crossing, "needs watch=(u, level)")
    else:
        u, level = np.zeros(3), 0.0
    rng = as_generator(seed)

    if engine == "numba" and packed is None:
        raise ParameterError("engine", engine, "a term cannot be packed for the compiled "
                             "engine; use engine='numpy'")
    if engine == "auto" and packed is None:
        warnings.warn("a term has no compiled form: falling back to the numpy engine, "
                      "which is much slower for long single trajectories", stacklevel=2)
    breaks, h_max = _drive_schedule(magnet, t_out)
    t_run, keep = t_out, slice(None)
    if method == "rk45" and breaks.size:  # its steps end at the samples: add the edges
        t_run = np.union1d(t_out, breaks)
        keep = np.searchsorted(t_run, t_out)
    if packed is not None and engine != "numpy":
        m, crossing = _run_numba(magnet, packed, m_init, t_run, dt, method, rtol, atol,
                                 strength, rng, u, level, stop_at_crossing, breaks, h_max)
    else:
        m, crossing = _run_numpy(magnet, m_init, t_run, dt, method, rtol, atol, strength,
                                 rng, u, level, stop_at_crossing, breaks, h_max)
    m = m[:, keep]
    if constant_in_time(magnet.terms):
        energy = magnet.energy(m)  # nothing depends on time: every sample at once
    else:
        energy = np.stack([magnet.energy(m[:, k], t_out[k]) for k in range(len(t_out))],
                          axis=1)
    if single:
        m, energy, crossing = m[0], energy[0], crossing[0]
    return Trajectory(t_out, m, energy, crossing if watch is not None else None)


def _threaded(kernel, n: int, chunk: int, *args) -> None:
    """Run ``kernel(*args, first, last)`` over [0, n) in pieces of ``chunk`` on
    numba.get_num_threads() threads (the kernels release the GIL)."""
    import numba

    starts = range(0, n, chunk)
    threads = min(numba.get_num_threads(), len(starts))
    if threads <= 1:
        kernel(*args[:-2], 0, n, *args[-2:])
        return
    with ThreadPoolExecutor(threads) as pool:
        for job in [pool.submit(kernel, *args[:-2], s, min(s + chunk, n), *args[-2:])
                    for s in starts]:
            job.result()


def _run_numba(magnet, packed, m_init, t_out, dt, method, rtol, atol, strength, rng, u,
               level, stop, breaks, h_max):
    from numba.core.errors import NumbaPerformanceWarning

    from spinkit.magnetization import _kernels

    md = packed.model(magnet.gamma, magnet.alpha)
    zee, zwf, twf = packed.drive_arrays(magnet.gamma, magnet.alpha)
    n = len(m_init)
    out_m = np.empty((n, len(t_out), 3))
    crossing = np.full(n, np.nan)
    if strength > 0:
        seeds = rng.integers(0, 2**63 - 1, size=n).astype(np.uint64)
        # wide blocks vectorize best; narrow ones waste less when lanes stop at a crossing
        lanes = _kernels.LANES if n >= 2 * _kernels.LANES and not stop else 8
        scaled = strength * magnet.gamma / (1 + magnet.alpha**2)
        _threaded(_kernels.heun_ensemble, n, 2 * lanes, m_init, t_out, dt, md, zee, zwf, twf,
                  scaled, seeds, u, level, stop, lanes, out_m, crossing)
        return out_m, crossing
    with warnings.catch_warnings():  # see _kernels._trajectory: nothing to parallelize
        warnings.simplefilter("ignore", NumbaPerformanceWarning)
        if method == "dop853":
            from spinkit.magnetization import _dop853

            _threaded(_dop853.run_batch, n, max(1, n // 16), m_init, t_out, dt, rtol, atol,
                      md, zee, zwf, twf, breaks, h_max, u, level, stop, out_m, crossing)
        else:
            code = {"rk4": _kernels.RK4, "heun": _kernels.HEUN, "rk45": _kernels.RK45}[method]
            _threaded(_kernels.run_batch, n, max(1, n // 16), m_init, t_out, dt, code, rtol,
                      atol, md, zee, zwf, twf, u, level, stop, out_m, crossing)
    if np.any(crossing == -1.0):
        raise ConvergenceError(f"{method}: the step size underflowed; loosen rtol/atol")
    return out_m, crossing


def _run_numpy(magnet, m_init, t_out, dt, method, rtol, atol, strength, rng, u, level, stop,
               breaks, h_max):
    """The readable engine: the terms' own numpy methods, one step for the whole ensemble."""
    n = len(m_init)
    crossing = np.full(n, np.nan)
    if method in ADAPTIVE:
        rhs = lambda t, y: magnet.rhs(t, y)  # noqa: E731
        if method == "dop853":
            m = integrators.dop853(rhs, m_init, t_out, rtol=rtol, atol=atol, h0=dt,
                                   breaks=breaks, h_max=h_max)
        else:
            m = integrators.dormand_prince(rhs, m_init, t_out, rtol=rtol, atol=atol, h0=dt)
        m = np.moveaxis(m, 0, 1)
        if np.any(u):
            side = m @ u - level
            for i in range(n):  # crossing between samples, interpolated linearly
                idx = np.flatnonzero((side[i] < 0) != (side[i, 0] < 0))
                if idx.size:
                    k = idx[0]
                    f = side[i, k - 1] / (side[i, k - 1] - side[i, k])
                    crossing[i] = t_out[k - 1] + f * (t_out[k] - t_out[k - 1])
        return m, crossing
    out = np.empty((n, len(t_out), 3))
    m = m_init.copy()
    out[:, 0] = m
    side0 = (m @ u - level) < 0
    active = np.ones(n, dtype=bool)
    t = 0.0
    for k in range(1, len(t_out)):
        t_end = t_out[k]
        while t < t_end:
            last = t_end - t <= dt * (1 + 1e-9)
            h = t_end - t if last else dt
            b_th = None
            if strength > 0:
                b_th = rng.standard_normal(m.shape) * (strength / np.sqrt(h))
            rhs = lambda tt, y, b=b_th: magnet.rhs(tt, y, b)  # noqa: E731
            step = integrators.heun_step if method == "heun" else integrators.rk4_step
            new = step(rhs, t, m, h)
            if np.any(u):
                side_new = new @ u - level
                hit = active & np.isnan(crossing) & ((side_new < 0) != side0)
                if hit.any():
                    prev = m[hit] @ u - level
                    crossing[hit] = t + h * prev / (prev - side_new[hit])
                if stop:
                    active &= np.isnan(crossing)
                    new[~active] = m[~active]
            m = new
            t = t_end if last else t + h
            if stop and not active.any():
                break
        out[:, k] = m
        if stop and not active.any():
            out[:, k + 1:] = m[:, None, :]
            break
    return out, crossing

