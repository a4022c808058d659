"""What every magnetization term is, how terms add up, and time-dependent drives.

A *term* is a physics description: its parameters and the formula it contributes to the
Landau-Lifshitz-Gilbert equation. It does not know which engine evaluates it. Every formula
takes the unit magnetization ``m`` as an array of shape ``(..., 3)`` and the saturation
magnetization ``Ms`` [A/m] broadcastable against ``m[..., 0]``, so the same term drives one
macrospin, an ensemble of macrospins (shape ``(N, 3)``) or the cells of a finite-difference
mesh (shape ``(nx, ny, nz, 3)``).

Three families:

* :class:`EnergyTerm` -- an energy density ``w(m)`` [J/m^3] and its effective field
  ``B = -(1/Ms) dw/dm`` [T] (Zeeman, anisotropies, demagnetization, interlayer exchange);
* :class:`SpinTorque` -- a torque that is not the derivative of an energy (Slonczewski,
  spin-orbit);
* :class:`~spinkit.magnetization.thermal.ThermalField` -- the stochastic field of Brown's
  theory, which needs the engine's time step and cell volume.

Terms add up: ``Zeeman(B) + UniaxialAnisotropy(K, axis)`` is a :class:`Terms`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

from spinkit.errors import ParameterError
from spinkit.validation import finite, in_range
from spinkit.validation import vector3 as vector

__all__ = [
    "Term",
    "EnergyTerm",
    "SpinTorque",
    "Terms",
    "Waveform",
    "Constant",
    "Pulse",
    "Sine",
    "Sinc",
    "Function",
    "as_waveform",
]


# ----------------------------------------------------------------------------- validation
def positive(name: str, value: Any, *, zero: bool = False) -> float:
    """A finite float > 0 (or >= 0 with ``zero=True``)."""
    return in_range(name, value, 0.0, bounds="[)" if zero else "()")


def unit_vector(name: str, value: Any) -> np.ndarray:
    """A non-zero 3-vector, normalised to length 1."""
    arr = vector(name, value)
    norm = float(np.linalg.norm(arr))
    if norm == 0:
        raise ParameterError(name, value, "must be a non-zero vector (it gives a direction)")
    return arr / norm


def tolerance(name: str, value: Any) -> float:
    """A relative or absolute integration tolerance in (0, 1)."""
    return in_range(name, value, 0.0, 1.0)


def as_generator(seed: Any) -> np.random.Generator:
    """A Generator from ``seed``: a Generator itself, an integer >= 0, or None (fresh
    entropy)."""
    if isinstance(seed, np.random.Generator):
        return seed
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int | np.integer)
                             or seed < 0):
        raise ParameterError("seed", seed, "must be an integer >= 0, a "
                             "numpy.random.Generator or None")
    return np.random.default_rng(seed)


# ------------------------------------------------------------------------------ waveforms
class Waveform:
    """A scalar function of time f(t) [-] that scales a drive (a field or a current)."""

    #: code used by the compiled kernels: 0 constant, 1 pulse, 2 sine, 3 sinc
    code: int = 0

    def __call__(self, t: float) -> float:
        raise NotImplementedError

    def packed(self) -> tuple[float, float, float, float] | None:
        """``(code, a, b, c)`` for the compiled kernels (:mod:`._kernels`); None if the
        waveform has no compiled form (the numpy engine then runs)."""
        raise NotImplementedError


@dataclass(frozen=True)
class Constant(Waveform):
    """f(t) = 1."""

    code = 0

    def __call__(self, t: float) -> float:
        return 1.0

    def packed(self) -> tuple[float, float, float, float]:
        return (0.0, 0.0, 0.0, 0.0)


@dataclass(frozen=True)
class Pulse(Waveform):
    """A rectangular pulse: f(t) = 1 for start <= t < start + duration, else 0.

    Parameters
    ----------
    duration: pulse length [s] (> 0).
    start: switch-on time [s] (>= 0).
    """

    duration: float
    start: float = 0.0
    code = 1

    def __post_init__(self) -> None:
        object.__setattr__(self, "duration", positive("duration", self.duration))
        object.__setattr__(self, "start", positive("start", self.start, zero=True))

    def __call__(self, t: float) -> float:
        return 1.0 if self.start <= t < self.start + self.duration else 0.0

    def packed(self) -> tuple[float, float, float, float]:
        return (1.0, self.start, self.start + self.duration, 0.0)


@dataclass(frozen=True)
class Sine(Waveform):
    """f(t) = sin(2 pi frequency t + phase).

    Parameters
    ----------
    frequency: [Hz] (> 0).
    phase: [rad].
    """

    frequency: float
    phase: float = 0.0
    code = 2

    def __post_init__(self) -> None:
        object.__setattr__(self, "frequency", positive("frequency", self.frequency))
        object.__setattr__(self, "phase", finite("phase", self.phase))

    def __call__(self, t: float) -> float:
        return math.sin(2 * math.pi * self.frequency * t + self.phase)

    def packed(self) -> tuple[float, float, float, float]:
        return (2.0, 2 * math.pi * self.frequency, self.phase, 0.0)


@dataclass(frozen=True)
class Sinc(Waveform):
    """A sinc pulse, flat in frequency up to ``frequency``:
    f(t) = sin(x) / x,  x = 2 pi frequency (t - center)  (f = 1 at t = center).

    Parameters
    ----------
    frequency: cut-off frequency f_c [Hz] (> 0).
    center: time of the peak [s].
    """

    frequency: float
    center: float = 0.0
    code = 3

    def __post_init__(self) -> None:
        object.__setattr__(self, "frequency", positive("frequency", self.frequency))
        object.__setattr__(self, "center", finite("center", self.center))

    def __call__(self, t: float) -> float:
        x = 2 * math.pi * self.frequency * (t - self.center)
        return 1.0 if x == 0 else math.sin(x) / x

    def packed(self) -> tuple[float, float, float, float]:
        return (3.0, 2 * math.pi * self.frequency, self.center, 0.0)


@dataclass(frozen=True, eq=False)
class Function(Waveform):
    """Any user function f(t) [-] of the time t [s], returning a float.

    It has no compiled form: a magnet driven by it runs on the numpy engine.
    """

    func: Any

    def __post_init__(self) -> None:
        if not callable(self.func):
            raise ParameterError("func", self.func, "must be a callable f(t) -> float")

    def __call__(self, t: float) -> float:
        return float(self.func(t))

    def packed(self) -> None:
        return None


def as_waveform(value: Waveform | None) -> Waveform:
    """``None`` -> :class:`Constant`; a :class:`Waveform` passes; anything else is refused."""
    if value is None:
        return Constant()
    if not isinstance(value, Waveform):
        raise ParameterError("waveform", value, "must be a Waveform (Constant, Pulse, Sine, "
                             "Sinc, Function)")
    return value


# ---------------------------------------------------------------------------------- terms
class Term:
    """Base of every term; terms add up into :class:`Terms`."""

    def __add__(self, other: Term | Terms) -> Terms:
        return Terms((self,)) + other

    def __radd__(self, other: Any) -> Terms:
        if other == 0:  # sum([...]) starts from 0
            return Terms((self,))
        return NotImplemented


class EnergyTerm(Term):
    """A term with an energy density w(m) [J/m^3]; its effective field is

        B_eff = -(1/Ms) dw/dm   [T].
    """

    def field(self, m: np.ndarray, Ms: np.ndarray | float, t: float = 0.0) -> np.ndarray:
        """Effective field B [T], shape of ``m``."""
        raise NotImplementedError

    def energy_density(
        self, m: np.ndarray, Ms: np.ndarray | float, t: float = 0.0
    ) -> np.ndarray:
        """Energy density w [J/m^3], shape ``m.shape[:-1]``."""
        raise NotImplementedError


class SpinTorque(Term):
    """A current-driven torque, written in the Gilbert form of the LLG equation as

        tau = gamma * B_J(t) * [eps(m.p) m x (p x m) + eps' p x m]   [1/s],

    with B_J = hbar j / (e Ms d) [T] (j current density, d free-layer thickness), p the unit
    spin polarization, eps the damping-like and eps' the field-like efficiency.
    """

    def torque(
        self, m: np.ndarray, Ms: np.ndarray | float, gamma: float, t: float = 0.0
    ) -> np.ndarray:
        """Torque dm/dt [1/s] in the Gilbert-form equation (module docstring)."""
        raise NotImplementedError


class Terms:
    """A sum of terms; iterate over it, add more with ``+``."""

    def __init__(self, terms: Iterable[Term] = ()) -> None:
        items: list[Term] = []
        for term in terms:
            if isinstance(term, Terms):
                items.extend(term)
            elif isinstance(term, Term):
                items.append(term)
            else:
                raise ParameterError("terms", term, "must be magnetization terms "
                                     "(Zeeman, UniaxialAnisotropy, Slonczewski, ...)")
        self._terms = tuple(items)

    def __add__(self, other: Term | Terms) -> Terms:
        if isinstance(other, Terms):
            return Terms(self._terms + other._terms)
        if isinstance(other, Term):
            return Terms(self._terms + (other,))
        return NotImplemented

    def __radd__(self, other: Any) -> Terms:
        if other == 0:
            return self
        return NotImplemented

    def __iter__(self) -> Iterator[Term]:
        return iter(self._terms)

    def __len__(self) -> int:
        return len(self._terms)

    def __repr__(self) -> str:
        return " + ".join(repr(t) for t in self._terms) or "Terms()"

    def of_type(self, cls: type) -> list[Any]:
        """The terms that are instances of ``cls``."""
        return [t for t in self._terms if isinstance(t, cls)]

    def field(self, m: np.ndarray, Ms: np.ndarray | float, t: float = 0.0) -> np.ndarray:
        """Sum of the effective fields B [T] of the energy terms."""
        out = np.zeros(np.shape(m))
        for term in self.of_type(EnergyTerm):
            out += term.field(m, Ms, t)
        return out

    def energy_density(
        self, m: np.ndarray, Ms: np.ndarray | float, t: float = 0.0
    ) -> np.ndarray:
        """Sum of the energy densities w [J/m^3] of the energy terms."""
        out = np.zeros(np.shape(m)[:-1])
        for term in self.of_type(EnergyTerm):
            out = out + term.energy_density(m, Ms, t)
        return out

    def torque(
        self, m: np.ndarray, Ms: np.ndarray | float, gamma: float, t: float = 0.0
    ) -> np.ndarray:
        """Sum of the spin torques [1/s] (Gilbert form)."""
        out = np.zeros(np.shape(m))
        for term in self.of_type(SpinTorque):
            out += term.torque(m, Ms, gamma, t)
        return out


def dot(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Dot product over the last axis, keeping it: shape (..., 1)."""
    return np.sum(a * b, axis=-1, keepdims=True)


def as_terms(terms: Term | Terms | Iterable[Term] | None) -> Terms:
    """Any of a term, a sum of terms, a list of terms or None, as :class:`Terms`."""
    if terms is None:
        return Terms()
    if isinstance(terms, Terms):
        return terms
    if isinstance(terms, Term):
        return Terms((terms,))
    return Terms(terms)
