"""A magnet on a mesh: material parameters per cell, terms, and the LLG right-hand side.

The Landau-Lifshitz-Gilbert equation with spin torques, in the Gilbert form,

    dm/dt = -gamma m x B_eff + alpha m x dm/dt + tau,                            (1)

is evaluated in its explicit form, exact for |m| = 1 and torques T perpendicular to m,

    dm/dt = (T + alpha m x T) / (1 + alpha^2),   T = -gamma m x B_eff + tau,     (2)

cell by cell, with alpha and Ms per cell. This is the macrospin's equation
(:mod:`spinkit.magnetization.macrospin`) on every cell of the mesh.

Terms that need the mesh (:class:`~.exchange.Exchange`, :class:`~.demag.Demag`,
:class:`~.dmi.DMI`, :class:`~.zhangli.ZhangLi`, :class:`~.regions.ZeemanMap` and terms restricted
by :func:`~.regions.in_region`) *bind* to the magnet once (the demag kernel is computed then).
Local terms of :mod:`spinkit.magnetization` (Zeeman, UniaxialAnisotropy, CubicAnisotropy,
Slonczewski, SpinOrbitTorque, InterlayerExchange) are evaluated as they are, on the array
of shape (nx, ny, nz, 3) with the per-cell Ms. Cells with Ms = 0 are empty: their m is 0 and
stays 0, and they contribute no energy.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from spinkit import constants
from spinkit.errors import ParameterError
from spinkit.magnetization.term import EnergyTerm, SpinTorque, Term, Terms, as_terms
from spinkit.magnetization.thermal import ThermalField
from spinkit.micromagnetics._kernels import llg_rhs
from spinkit.micromagnetics.mesh import Mesh, Shape

__all__ = ["Magnet"]

_NO_TORQUE = np.zeros((0, 3))


def _per_cell(name: str, value: Any, mesh: Mesh, *, positive: bool = False) -> np.ndarray:
    try:
        arr = np.asarray(value, dtype=float)
        arr = np.broadcast_to(arr, mesh.n).copy()
    except (TypeError, ValueError):
        raise ParameterError(name, value, f"must be a number or an array of shape {mesh.n}") \
            from None
    if not np.isfinite(arr).all() or (arr < 0).any():
        raise ParameterError(name, value, "must be finite and >= 0")
    if positive and not (arr > 0).any():
        raise ParameterError(name, value, "must be > 0 in at least one cell")
    return arr


@dataclass
class _Local:
    """A local term of :mod:`spinkit.magnetization` evaluated on the mesh arrays."""

    term: Term
    Ms: np.ndarray  # > 0 everywhere (1 in empty cells) so that 1/Ms stays finite
    mask: np.ndarray
    gamma: float

    def field(self, m: np.ndarray, t: float = 0.0) -> np.ndarray:
        return self.term.field(m, self.Ms, t)

    def energy_density(self, m: np.ndarray, t: float = 0.0) -> np.ndarray:
        return self.term.energy_density(m, self.Ms, t) * self.mask

    def torque(self, m: np.ndarray, t: float = 0.0) -> np.ndarray:
        return self.term.torque(m, self.Ms, self.gamma, t)


class Magnet:
    """A ferromagnet on a finite-difference mesh.

    Parameters
    ----------
    mesh: the :class:`~.mesh.Mesh`.
    Ms: saturation magnetization [A/m], a number or one per cell (0 = empty cell).
    alpha: Gilbert damping [-], a number or one per cell.
    terms: energy terms and torques, e.g. ``Exchange(1.3e-11) + Demag() + Zeeman(B)``; at
        most one :class:`~spinkit.magnetization.ThermalField`.
    shape: optional geometry (a function of x, y, z, see :mod:`.mesh`); cells outside it
        are empty.
    gamma: gyromagnetic ratio [rad/(s T)].
    """

    def __init__(self, mesh: Mesh, Ms: float | np.ndarray, alpha: float | np.ndarray,
                 terms: Terms | Term | None = None, *, shape: Shape | None = None,
                 gamma: float = constants.gamma_e, _bound: dict | None = None) -> None:
        if not isinstance(mesh, Mesh):
            raise ParameterError("mesh", mesh, "must be a spinkit.micromagnetics.Mesh")
        self.mesh = mesh
        self.shape = shape
        self.Ms = _per_cell("Ms", Ms, mesh, positive=True) * mesh.mask(shape)
        self.alpha = _per_cell("alpha", alpha, mesh)
        if not (np.isfinite(gamma) and gamma > 0):
            raise ParameterError("gamma", gamma, "must be > 0 [rad/(s T)]")
        self.gamma = float(gamma)
        self.terms = as_terms(terms)
        if len(self.terms.of_type(ThermalField)) > 1:
            raise ParameterError("terms", self.terms, "holds more than one ThermalField")
        self.mask = self.Ms > 0
        self.inv_Ms = np.divide(1.0, self.Ms, out=np.zeros(mesh.n), where=self.mask)
        safe_ms = np.where(self.mask, self.Ms, 1.0)
        self._cache = {} if _bound is None else _bound
        self.energy_terms, self.torques = [], []
        for term in self.terms:
            if isinstance(term, ThermalField):
                continue
            if hasattr(term, "bind"):
                if id(term) not in self._cache:
                    self._cache[id(term)] = (term, term.bind(self))
                bound = self._cache[id(term)][1]
            elif isinstance(term, EnergyTerm | SpinTorque):
                bound = _Local(term, safe_ms, self.mask, self.gamma)
            else:
                raise ParameterError("terms", term, "is not a term this mesh engine evaluates")
            (self.energy_terms if isinstance(term, EnergyTerm) else self.torques).append(
                (term, bound))
        self._alpha_flat = self.alpha.reshape(-1)

    def with_terms(self, terms: Terms | Term | None) -> Magnet:
        """The same magnet with other terms; mesh terms already bound are reused."""
        return Magnet(self.mesh, self.Ms, self.alpha, terms, gamma=self.gamma,
                      _bound=self._cache)

    @property
    def thermal(self) -> ThermalField | None:
        """The thermal field, if any."""
        found = self.terms.of_type(ThermalField)
        return found[0] if found else None

    # ------------------------------------------------------------------ states and sums
    def uniform(self, direction: Any) -> np.ndarray:
        """m along ``direction`` in every magnetic cell, 0 in empty cells."""
        d = np.asarray(direction, dtype=float)
        if d.shape != (3,) or not np.isfinite(d).all() or not np.linalg.norm(d) > 0:
            raise ParameterError("direction", direction, "must be a non-zero 3-vector")
        return np.broadcast_to(d / np.linalg.norm(d), self.mesh.n + (3,)) * self.mask[..., None]

    def random(self, seed: int | np.random.Generator | None) -> np.ndarray:
        """Uniformly random directions in the magnetic cells (``seed``: the generator)."""
        rng = np.random.default_rng(seed)
        return self.normalize(rng.normal(size=self.mesh.n + (3,)))

    def normalize(self, m: np.ndarray) -> np.ndarray:
        """m / |m| in magnetic cells, 0 in empty cells."""
        norm = np.sqrt(np.sum(m * m, axis=-1, keepdims=True))
        return np.divide(m, norm, out=np.zeros_like(m), where=self.mask[..., None] & (norm > 0))

    def average(self, m: np.ndarray) -> np.ndarray:
        """<m> over the magnetic cells (weighted by Ms, as mumax3 does) [-]."""
        return np.tensordot(self.Ms, m, axes=3) / self.Ms.sum()

    # ------------------------------------------------------------------------- physics
    def field(self, m: np.ndarray, t: float = 0.0) -> np.ndarray:
        """Effective field B_eff [T] of all energy terms, shape (nx, ny, nz, 3)."""
        b = np.zeros(m.shape)
        for _, bound in self.energy_terms:
            b += bound.field(m, t)
        return b

    def energies(self, m: np.ndarray, t: float = 0.0) -> dict[str, float]:
        """Energy of each term [J], keyed by the term's class name (summed if repeated)."""
        out: dict[str, float] = {}
        for term, bound in self.energy_terms:
            name = type(term).__name__
            out[name] = out.get(name, 0.0) + float(
                bound.energy_density(m, t).sum() * self.mesh.volume)
        return out

    def energy(self, m: np.ndarray, t: float = 0.0) -> float:
        """Total energy [J]."""
        return sum(self.energies(m, t).values())

    def rhs(self, t: float, m: np.ndarray, b_extra: np.ndarray | None = None) -> np.ndarray:
        """dm/dt [1/s] of eq. (2) (evaluated in one compiled pass, :mod:`._kernels`)."""
        b = self.field(m, t)
        if b_extra is not None:
            b += b_extra
        tau = _NO_TORQUE
        if self.torques:
            tau = np.zeros(m.shape)
            for _, bound in self.torques:
                tau += bound.torque(m, t)
            tau = tau.reshape(-1, 3)
        out = np.empty(m.shape)
        llg_rhs(np.ascontiguousarray(m).reshape(-1, 3), b.reshape(-1, 3), tau,
                self._alpha_flat, self.gamma, out.reshape(-1, 3))
        return out

    def max_torque(self, m: np.ndarray, t: float = 0.0) -> float:
        """max over cells of |m x B_eff| [T]: zero in equilibrium."""
        return float(np.sqrt(np.max(np.sum(np.cross(m, self.field(m, t)) ** 2, axis=-1))))
