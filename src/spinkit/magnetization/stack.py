"""Dynamically coupled macrospins: a free layer on a reference layer, a synthetic
antiferromagnet, any stack of layers sharing an interface area A.

Each layer i is a :class:`~.macrospin.Macrospin` (Ms_i, alpha_i, gamma_i, volume V_i =
A d_i, its own terms) and obeys eq. (2) of :mod:`.macrospin`. Layers i, j are coupled through
the spacer by interlayer (RKKY-like) exchange, bilinear J1 and biquadratic J2 [J/m^2]
(Parkin, Phys. Rev. Lett. 67, 3598 (1991)),

    E_ij = -A (J1 m_i.m_j + J2 (m_i.m_j)^2)                        [J],
    B_i += -(1/(Ms_i V_i)) dE_ij/dm_i = (J1 + 2 J2 m_i.m_j) m_j / (Ms_i d_i)   [T],

the :class:`~.exchange.InterlayerExchange` field with the other layer free to move. A layer
listed in ``polarizers`` takes the polarization p of its Slonczewski torques from the current
magnetization of another layer: the reference layer of an MTJ, which itself moves. A
spin-orbit torque keeps its own sigma (fixed by the current in the heavy metal), and a
layer given a polarizer must have a Slonczewski torque.

The reaction (back) torque on the reference layer is not added by itself: it is modelled by
giving the reference layer (layer 1) its own Slonczewski torque, polarized by the free layer
(``polarizers={0: 1, 1: 0}``: p = m_free), with the current density of the opposite sign and
the reference layer's own thickness in B_J (spin angular momentum is transferred in opposite
senses to the two electrodes). The ``mtj_stack`` scenario kind models no reaction torque:
there the reference layer moves only under its own terms and its couplings.

Each layer with a :class:`~.thermal.ThermalField` feels Brown's field at its own
temperature (strength sqrt(2 alpha_i k_B T_i / (gamma_i Ms_i V_i))); a layer without one
feels none.

The stack is integrated as one state of shape (..., L, 3), either by the integrators of
:mod:`.integrators` on :meth:`Stack.rhs` (``engine="numpy"``, the readable reference,
vectorized over an ensemble) or by the compiled kernels of :mod:`._stack_kernels`
(``"numba"``: every layer's terms packed as for a single macrospin, the couplings and the
dynamic polarizers added in the kernel, trajectories spread over threads, thermal ensembles
of 16 or more in vectorized blocks of trajectories). ``"auto"`` takes
the compiled path and falls back to numpy, with a warning, when a term cannot be packed.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from spinkit.errors import ConvergenceError, ParameterError
from spinkit.magnetization import integrators
from spinkit.magnetization.macrospin import (
    ENGINES,
    Macrospin,
    Packed,
    _threaded,
    constant_in_time,
    output_times,
)
from spinkit.magnetization.term import SpinTorque, as_generator, positive, tolerance
from spinkit.magnetization.torques import Slonczewski
from spinkit.validation import finite, finite_array, integer

__all__ = ["Coupling", "Stack", "StackTrajectory", "simulate_stack", "STACK_METHODS"]

#: integration methods of a stack: adaptive Dormand-Prince 5(4), classical RK4, (stochastic)
#: Heun
STACK_METHODS = ("rk45", "rk4", "heun")


@dataclass(frozen=True, eq=False)
class Coupling:
    """Interlayer exchange between layers ``i`` and ``j`` of a :class:`Stack`.

    Parameters
    ----------
    i, j: layer indices (different).
    J1: bilinear coupling [J/m^2]; > 0 ferromagnetic, < 0 antiferromagnetic.
    J2: biquadratic coupling [J/m^2]; < 0 favours 90 degrees.
    """

    i: int
    j: int
    J1: float
    J2: float = 0.0

    def __post_init__(self) -> None:
        for name in ("i", "j"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 0:
                raise ParameterError(name, value, "must be a layer index >= 0")
        if self.i == self.j:
            raise ParameterError("j", self.j, "must differ from i (a layer does not couple "
                                 "to itself)")
        object.__setattr__(self, "J1", finite("J1", self.J1))
        object.__setattr__(self, "J2", finite("J2", self.J2))


@dataclass(frozen=True, eq=False)
class Stack:
    """Layers coupled by interlayer exchange and by spin torques (module docstring).

    Parameters
    ----------
    layers: the macrospins, bottom to top (at most one ThermalField each, at that layer's
        own temperature).
    area: common interface area A [m^2]; layer i has thickness d_i = V_i / A.
    couplings: the interlayer exchange couplings (a sequence of :class:`Coupling`).
    polarizers: ``{i: j}`` (integer layer indices, i != j): the Slonczewski torques of
        layer i take p = m_j; layer i must have one.
    """

    layers: tuple[Macrospin, ...]
    area: float
    couplings: tuple[Coupling, ...] = ()
    polarizers: dict[int, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        layers = tuple(self.layers)
        if not layers or not all(isinstance(layer, Macrospin) for layer in layers):
            raise ParameterError("layers", self.layers, "must be one or more Macrospin")
        object.__setattr__(self, "layers", layers)
        object.__setattr__(self, "area", positive("area", self.area))
        n = len(layers)
        if isinstance(self.couplings, Coupling):
            raise ParameterError("couplings", self.couplings, "must be a sequence of Coupling "
                                 "(put a single one in a list)")
        try:
            couplings = tuple(self.couplings)
        except TypeError:
            raise ParameterError("couplings", self.couplings, "must be a sequence of "
                                 "Coupling") from None
        for c in couplings:
            if not isinstance(c, Coupling) or max(c.i, c.j) >= n:
                raise ParameterError("couplings", c, f"must be Coupling(i, j, ...) with layer "
                                     f"indices below {n}")
        object.__setattr__(self, "couplings", couplings)
        if not isinstance(self.polarizers, dict):
            raise ParameterError("polarizers", self.polarizers, "must be a dict {layer: "
                                 "polarizing layer}")
        pol = {}
        for i, j in self.polarizers.items():
            index = integer("polarizers", i, 0, n - 1), integer("polarizers", j, 0, n - 1)
            if index[0] == index[1]:
                raise ParameterError("polarizers", self.polarizers, "maps a layer to "
                                     "another layer (a layer does not polarize itself)")
            if not layers[index[0]].terms.of_type(Slonczewski):
                raise ParameterError("polarizers", self.polarizers, f"layer {index[0]} has "
                                     f"no Slonczewski torque to polarize")
            pol[index[0]] = index[1]
        object.__setattr__(self, "polarizers", pol)

    @property
    def thickness(self) -> np.ndarray:
        """d_i = V_i / A [m]."""
        return np.array([layer.volume for layer in self.layers]) / self.area

    # --------------------------------------------------------------------------- model
    def fields(self, m: np.ndarray, t: float = 0.0) -> np.ndarray:
        """Effective field B_i [T] on every layer, shape of ``m`` (..., L, 3)."""
        out = np.stack([layer.field(m[..., i, :], t) for i, layer in enumerate(self.layers)],
                       axis=-2)
        d = self.thickness
        for c in self.couplings:
            x = np.sum(m[..., c.i, :] * m[..., c.j, :], axis=-1, keepdims=True)
            scale = c.J1 + 2 * c.J2 * x
            out[..., c.i, :] += scale * m[..., c.j, :] / (self.layers[c.i].Ms * d[c.i])
            out[..., c.j, :] += scale * m[..., c.i, :] / (self.layers[c.j].Ms * d[c.j])
        return out

    def energy(self, m: np.ndarray, t: float = 0.0) -> np.ndarray:
        """Total energy [J]: sum_i V_i w_i(m_i) + sum of E_ij, shape m.shape[:-2]."""
        e = sum(layer.energy(m[..., i, :], t) for i, layer in enumerate(self.layers))
        for c in self.couplings:
            x = np.sum(m[..., c.i, :] * m[..., c.j, :], axis=-1)
            e = e - self.area * (c.J1 * x + c.J2 * x * x)
        return e

    def rhs(self, t: float, m: np.ndarray, b_thermal: np.ndarray | None = None) -> np.ndarray:
        """dm_i/dt [1/s] of every layer, eq. (2) of :mod:`.macrospin`, shape of ``m``."""
        b = self.fields(m, t)
        if b_thermal is not None:
            b = b + b_thermal
        out = np.empty_like(m)
        for i, layer in enumerate(self.layers):
            mi = m[..., i, :]
            torque = -layer.gamma * np.cross(mi, b[..., i, :])
            for term in layer.terms.of_type(SpinTorque):
                if i in self.polarizers and isinstance(term, Slonczewski):
                    torque = torque + term.torque(mi, layer.Ms, layer.gamma, t,
                                                  direction=m[..., self.polarizers[i], :])
                else:
                    torque = torque + term.torque(mi, layer.Ms, layer.gamma, t)
            out[..., i, :] = (torque + layer.alpha * np.cross(mi, torque)) / (
                1 + layer.alpha**2)
        return out

    def thermal_strength(self) -> np.ndarray:
        """sqrt(2 alpha_i k_B T_i / (gamma_i Ms_i V_i)) [T s^(1/2)] per layer, T_i the
        temperature of layer i's own ThermalField (0 for a layer without one)."""
        return np.array([layer.thermal.strength(layer.alpha, layer.Ms, layer.gamma,
                                                layer.volume) if layer.thermal else 0.0
                         for layer in self.layers])

    def field_scale(self) -> np.ndarray:
        """Typical field [T] of each layer: its terms' scale plus (|J1| + 2|J2|) / (Ms_i d_i)
        of every coupling it takes part in (sets the default time step)."""
        scale = np.array([layer.field_scale() for layer in self.layers])
        d = self.thickness
        for c in self.couplings:
            for i in (c.i, c.j):
                scale[i] += (abs(c.J1) + 2 * abs(c.J2)) / (self.layers[i].Ms * d[i])
        return scale

    def packed(self) -> dict[str, np.ndarray] | None:
        """The arrays of :mod:`._stack_kernels` (its docstring gives the layout), or None if
        a layer has a term without a compiled form."""
        packs = [Packed.from_macrospin(layer) for layer in self.layers]
        if any(p is None for p in packs):
            return None
        w = np.array([layer.gamma / (1 + layer.alpha**2) for layer in self.layers])
        drives = [p.drive_arrays(layer.gamma, layer.alpha)
                  for p, layer in zip(packs, self.layers, strict=True)]
        n_zee = max(len(zee) for zee, _, _ in drives)
        zee = np.zeros((len(packs), n_zee, 3))
        zwf = np.zeros((len(packs), n_zee, 4))  # padding: constant waveform of a zero field
        for i, (z, zw, _) in enumerate(drives):
            zee[i, :len(z)], zwf[i, :len(z)] = z, zw
        scale = w / (np.array([layer.Ms for layer in self.layers]) * self.thickness)
        pol = np.full((len(packs), 2), -1, dtype=np.int64)  # per torque slot, in term order
        for i, j in self.polarizers.items():
            for slot, term in enumerate(self.layers[i].terms.of_type(SpinTorque)):
                if isinstance(term, Slonczewski):
                    pol[i, slot] = j
        return {
            "md": np.array([p.model(layer.gamma, layer.alpha)
                            for p, layer in zip(packs, self.layers, strict=True)]),
            "zee": zee.reshape(-1, 3), "zwf": zwf.reshape(-1, 4),
            "twf": np.concatenate([twf for _, _, twf in drives]),
            "cidx": np.array([[c.i, c.j] for c in self.couplings],
                             dtype=np.int64).reshape(-1, 2),
            "cval": np.array([[scale[c.i], scale[c.j], c.J1, c.J2] for c in self.couplings],
                             dtype=float).reshape(-1, 4),
            "pol": pol,
            "sig": w * self.thermal_strength(),
        }


@dataclass(frozen=True)
class StackTrajectory:
    """t [s] (K,), m (K, L, 3) or (N, K, L, 3), energy [J] m.shape[:-2]."""

    t: np.ndarray
    m: np.ndarray
    energy: np.ndarray


def simulate_stack(
    stack: Stack,
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
    engine: str = "auto",
) -> StackTrajectory:
    """Integrate a stack from m0 (L, 3), or (N, L, 3) for an ensemble, over ``duration`` [s].

    Methods (:data:`STACK_METHODS`) as :func:`~.macrospin.simulate`: ``"rk45"`` (adaptive,
    deterministic; the numpy engine shares one step size over an ensemble, the compiled one
    adapts each trajectory's), ``"rk4"`` and ``"heun"`` (fixed step dt [s]; stochastic Heun
    with thermal fields, an independent Brown field per layer). The default dt is
    0.01 / (gamma_i B_i) minimized over the layers, B_i the layer's field scale including its
    couplings. ``samples`` equally spaced output times, ends included, or ``t_out``:
    explicit increasing output times [s] from 0. ``engine``: ``"auto"``, ``"numba"`` or
    ``"numpy"`` (module docstring); the two engines draw different random numbers for the
    same seed.

    Raises
    ------
    ParameterError
        for bad input, or thermal fields with a method other than heun.
    ConvergenceError
        if rk45 cannot keep its tolerance.
    """
    if not isinstance(stack, Stack):
        raise ParameterError("stack", stack, "must be a Stack")
    n_layers = len(stack.layers)
    m = finite_array("m0", m0)
    if m.shape[-2:] != (n_layers, 3) or m.ndim not in (2, 3) or m.size == 0:
        raise ParameterError("m0", m0, f"must have shape ({n_layers}, 3) or (N, {n_layers}, 3)"
                             f" with N >= 1")
    norms = np.linalg.norm(m, axis=-1, keepdims=True)
    if np.any(norms == 0):
        raise ParameterError("m0", m0, "a zero vector gives no direction")
    m = m / norms
    duration = positive("duration", duration)
    if method not in STACK_METHODS:
        raise ParameterError("method", method, "must be one of " + ", ".join(STACK_METHODS))
    if engine not in ENGINES:
        raise ParameterError("engine", engine, "must be one of " + ", ".join(ENGINES))
    if np.any(stack.thermal_strength() > 0) and method != "heun":
        raise ParameterError("method", method, "thermal fields need method='heun'")
    if dt is None:
        rate = float(np.max(stack.field_scale() * [layer.gamma for layer in stack.layers]))
        dt = min(0.01 / rate, duration / 10)
    dt = positive("dt", dt)
    rtol, atol = tolerance("rtol", rtol), tolerance("atol", atol)
    rng = as_generator(seed)
    t_out = output_times(duration, samples, t_out)
    packed = stack.packed() if engine != "numpy" else None
    if engine == "numba" and packed is None:
        raise ParameterError("engine", engine, "a term cannot be packed for the compiled "
                             "engine; use engine='numpy'")
    if engine == "auto" and packed is None:
        warnings.warn("a term has no compiled form: falling back to the numpy engine",
                      stacklevel=2)
    if packed is not None:
        out = _run_numba(packed, m, t_out, dt, method, rtol, atol, rng)
    else:
        out = _run_numpy(stack, m, t_out, dt, method, rtol, atol, rng)
    if constant_in_time(term for layer in stack.layers for term in layer.terms):
        energy = stack.energy(out)  # nothing depends on time: every sample at once
    else:
        energy = np.stack([stack.energy(out[k], t_out[k]) for k in range(len(t_out))])
    if out.ndim == 4:  # (K, N, L, 3) -> (N, K, L, 3)
        out, energy = np.moveaxis(out, 1, 0), np.moveaxis(energy, 1, 0)
    return StackTrajectory(t_out, out, energy)


def _run_numpy(stack: Stack, m: np.ndarray, t_out: np.ndarray, dt: float, method: str,
               rtol: float, atol: float, rng: np.random.Generator) -> np.ndarray:
    """The readable engine: :meth:`Stack.rhs` and :mod:`.integrators`, one step for the
    whole ensemble; returns m at t_out, shape (K,) + m.shape."""
    if method == "rk45":
        return integrators.dormand_prince(stack.rhs, m, t_out, rtol=rtol, atol=atol, h0=dt)
    strength = stack.thermal_strength()
    hot = bool(np.any(strength > 0))
    step = integrators.heun_step if method == "heun" else integrators.rk4_step
    out = np.empty((len(t_out),) + m.shape)
    out[0] = m
    t = 0.0
    for k in range(1, len(t_out)):
        while t < t_out[k]:
            h = min(dt, t_out[k] - t)
            b_th = None
            if hot:
                b_th = rng.standard_normal(m.shape) * (strength[:, None] / np.sqrt(h))
            m = step(lambda tt, y, b=b_th: stack.rhs(tt, y, b), t, m, h)
            t = t_out[k] if t_out[k] - t <= dt * (1 + 1e-9) else t + h
        out[k] = m
    return out


def _run_numba(packed: dict[str, np.ndarray], m: np.ndarray, t_out: np.ndarray, dt: float,
               method: str, rtol: float, atol: float, rng: np.random.Generator) -> np.ndarray:
    """The compiled engine (:mod:`._stack_kernels`); returns m at t_out, shape
    (K,) + m.shape."""
    from spinkit.magnetization import _stack_kernels as kern

    ens = m.reshape((-1,) + m.shape[-2:])
    n = len(ens)
    seeds = np.zeros(n, dtype=np.uint64)
    if np.any(packed["sig"] > 0):
        seeds = rng.integers(0, 2**63 - 1, size=n).astype(np.uint64)
    out = np.empty((n, len(t_out)) + ens.shape[1:])
    flag = np.zeros(n)
    arrays = (packed["md"], packed["zee"], packed["zwf"], packed["twf"], packed["cidx"],
              packed["cval"], packed["pol"], packed["sig"], seeds)
    if np.any(packed["sig"] > 0) and n >= 16:  # thermal: blocks of trajectories side by side
        lanes = kern.LANES if n >= 2 * kern.LANES else 8
        blocks = -(-n // lanes)
        _threaded(kern.heun_lanes, n, lanes * max(1, blocks // 16), ens, t_out, dt, *arrays,
                  lanes, out, flag)
    else:
        code = {"rk4": kern.RK4, "heun": kern.HEUN, "rk45": kern.RK45}[method]
        _threaded(kern.run_batch, n, max(1, n // 16), ens, t_out, dt, code, rtol, atol,
                  *arrays, out, flag)
    if np.any(flag == kern.FAILED):
        raise ConvergenceError("Dormand-Prince could not keep its tolerance (step size "
                               "underflow or too many steps); loosen rtol/atol")
    out = np.moveaxis(out, 1, 0)  # (K, N, L, 3)
    return out[:, 0] if m.ndim == 2 else out
