"""Exchange on the mesh: the 6-neighbour Laplacian with Neumann boundaries.

    w = A |grad m|^2                                   [J/m^3]
    B_i = (2 / Ms_i) sum_j A_ij (m_j - m_i) / d_ij^2   [T]

over the face neighbours j of cell i (d_ij = dx, dy or dz). A missing neighbour (the sample's
surface or an empty cell) contributes nothing, which is the free (Neumann) boundary condition
dm/dn = 0. Between cells of different A the link carries the harmonic mean
A_ij = 2 A_i A_j / (A_i + A_j) (as mumax3 does; Vansteenkiste et al., AIP Advances 4, 107133
(2014)), the stiffness of two half-cells in series. The energy is E = V sum_links
A_ij |m_i - m_j|^2 / d_ij^2, which tends to the integral of A |grad m|^2 as d -> 0.
Periodic directions of the mesh link the last cell to the first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from spinkit.errors import ParameterError
from spinkit.magnetization.term import EnergyTerm

if TYPE_CHECKING:
    from spinkit.micromagnetics.magnet import Magnet

__all__ = ["Exchange"]


def _along(a: np.ndarray, axis: int, start: int | None, stop: int | None) -> np.ndarray:
    index = [slice(None)] * a.ndim
    index[axis] = slice(start, stop)
    return a[tuple(index)]


@dataclass(frozen=True, eq=False)
class Exchange(EnergyTerm):
    """Heisenberg exchange in the continuum limit (module docstring).

    Parameters
    ----------
    A: exchange stiffness [J/m] (>= 0): one number, or one per cell (shape (nx, ny, nz)).
    """

    A: float | np.ndarray

    def __post_init__(self) -> None:
        arr = np.asarray(self.A, dtype=float)
        if not np.isfinite(arr).all() or (arr < 0).any():
            raise ParameterError("A", self.A, "must be finite and >= 0 [J/m]")
        object.__setattr__(self, "A", arr)

    def __repr__(self) -> str:
        return f"Exchange(A={self.A if self.A.ndim == 0 else 'per cell'} J/m)"

    def bind(self, magnet: Magnet) -> _BoundExchange:
        """The evaluator of this term on ``magnet``'s mesh."""
        mesh = magnet.mesh
        a = np.broadcast_to(self.A, mesh.n) * (magnet.Ms > 0)
        links = []
        for axis, d in enumerate(mesh.cell):
            if mesh.n[axis] == 1:
                continue
            periodic = "xyz"[axis] in mesh.pbc
            a_next = np.roll(a, -1, axis=axis) if periodic else _along(a, axis, 1, None)
            a_here = a if periodic else _along(a, axis, None, -1)
            with np.errstate(invalid="ignore", divide="ignore"):
                harm = np.where(a_here + a_next > 0,
                                2 * a_here * a_next / (a_here + a_next), 0.0)
            links.append((axis, periodic, (2 * harm / d**2)[..., None]))
        return _BoundExchange(links, magnet.inv_Ms[..., None], magnet.Ms)


@dataclass
class _BoundExchange:
    links: list
    inv_ms: np.ndarray
    Ms: np.ndarray

    def field(self, m: np.ndarray, t: float = 0.0) -> np.ndarray:
        b = np.zeros_like(m)
        for axis, periodic, c in self.links:
            if periodic:
                flux = c * (np.roll(m, -1, axis=axis) - m)
                b += flux
                b -= np.roll(flux, 1, axis=axis)
            else:
                flux = c * (_along(m, axis, 1, None) - _along(m, axis, None, -1))
                _along(b, axis, None, -1)[...] += flux
                _along(b, axis, 1, None)[...] -= flux
        b *= self.inv_ms
        return b

    def energy_density(self, m: np.ndarray, t: float = 0.0) -> np.ndarray:
        return -0.5 * self.Ms * np.sum(m * self.field(m, t), axis=-1)
