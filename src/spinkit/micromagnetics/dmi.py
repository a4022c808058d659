"""Dzyaloshinskii-Moriya interaction on the mesh, interfacial or bulk, with its boundary
condition.

Interfacial (C_nv symmetry, a film on a heavy metal, normal z):

    w = D [m_z div m - (m . grad) m_z]                         [J/m^3]
    B = (2D/Ms) (d_x m_z, d_y m_z, -d_x m_x - d_y m_y)         [T]
    free surface with normal n:  dm/dn = -(D/2A) (z x n) x m

Bulk (B20 crystals):

    w = D m . (curl m),   B = -(2D/Ms) curl m,   dm/dn = (D/2A) n x m

(the boundary conditions follow from the surface terms of the variation of the exchange plus
DMI energy; S. Rohart and A. Thiaville, Phys. Rev. B 88, 184422 (2013)). Derivatives are central
differences; a missing neighbour (surface or empty cell) is replaced by the ghost
m + d dm/dn that satisfies the boundary condition, which also adds (2A/(Ms d)) dm/dn to the
exchange field of the surface cell (mumax3's scheme, Vansteenkiste et al., AIP Advances 4,
107133 (2014)). The exchange stiffness A comes from the magnet's :class:`~.exchange.Exchange`
term. The sign convention is mumax3's: with D > 0 an interfacial Neel spiral
m = (sin qx, 0, cos qx) has its lowest energy -D^2/(4A) at q = -D/(2A). Ubermag/OOMMF's
C_nv extension writes the interfacial density with the opposite sign,
D (m . grad m_z - m_z div m): its D is -D here; their bulk (T/O class) density
D m . (curl m) is the one here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from spinkit.errors import ParameterError
from spinkit.magnetization.term import EnergyTerm
from spinkit.micromagnetics.exchange import Exchange
from spinkit.validation import finite

if TYPE_CHECKING:
    from spinkit.micromagnetics.magnet import Magnet

__all__ = ["DMI"]

_KINDS = ("interfacial", "bulk")


def _shift(a: np.ndarray, axis: int, step: int, periodic: bool, fill: float) -> np.ndarray:
    """a at index i + step along ``axis`` (wrapped, or ``fill`` beyond the edge)."""
    if periodic:
        return np.roll(a, -step, axis=axis)
    out = np.full_like(a, fill)
    n = a.shape[axis]
    src = [slice(None)] * a.ndim
    dst = [slice(None)] * a.ndim
    src[axis] = slice(max(step, 0), n + min(step, 0))
    dst[axis] = slice(max(-step, 0), n + min(-step, 0))
    out[tuple(dst)] = a[tuple(src)]
    return out


@dataclass(frozen=True, eq=False)
class DMI(EnergyTerm):
    """Dzyaloshinskii-Moriya interaction (module docstring).

    Parameters
    ----------
    D: DMI constant [J/m^2].
    kind: ``"interfacial"`` or ``"bulk"``.
    """

    D: float
    kind: str = "interfacial"

    def __post_init__(self) -> None:
        object.__setattr__(self, "D", finite("D", self.D))
        if self.kind not in _KINDS:
            raise ParameterError("kind", self.kind, f"must be one of {_KINDS}")

    def __repr__(self) -> str:
        return f"DMI(D={self.D:g} J/m^2, {self.kind})"

    def bind(self, magnet: Magnet) -> _BoundDMI:
        """The evaluator of this term on ``magnet``'s mesh."""
        found = magnet.terms.of_type(Exchange)
        if len(found) != 1:
            raise ParameterError("terms", magnet.terms, "DMI needs exactly one Exchange term "
                                 "(its A fixes the boundary condition)")
        a = np.broadcast_to(found[0].A, magnet.mesh.n)
        mask = magnet.mask
        ratio = np.divide(self.D, 2 * a, out=np.zeros(magnet.mesh.n), where=mask & (a > 0))
        axes = (0, 1) if self.kind == "interfacial" else (0, 1, 2)
        sides = []
        for axis in axes:
            periodic = "xyz"[axis] in magnet.mesh.pbc
            for step in (1, -1):
                has = _shift(mask, axis, step, periodic, False)
                normal = np.zeros(3)
                normal[axis] = step
                sides.append((axis, step, periodic, has[..., None], normal))
        return _BoundDMI(self, magnet.mesh, sides, ratio[..., None],
                         (2 * a * magnet.inv_Ms)[..., None], magnet.inv_Ms[..., None],
                         magnet.Ms)


@dataclass
class _BoundDMI:
    term: DMI
    mesh: object
    sides: list
    ratio: np.ndarray  # D / 2A per cell
    two_a_over_ms: np.ndarray
    inv_ms: np.ndarray
    Ms: np.ndarray

    def _dmdn(self, m: np.ndarray, n: np.ndarray) -> np.ndarray:
        if self.term.kind == "interfacial":  # -(D/2A) (m_z n - (m.n) z)
            out = -m[..., 2:3] * n
            out[..., 2] += m @ n
        else:  # (D/2A) n x m
            out = np.cross(n, m)
        return self.ratio * out

    def field(self, m: np.ndarray, t: float = 0.0) -> np.ndarray:
        grads = {}
        b = np.zeros_like(m)
        neighbours = {}
        for axis, step, periodic, has, normal in self.sides:
            d = self.mesh.cell[axis]
            dmdn = self._dmdn(m, normal)
            ghost = m + d * dmdn
            nb = _shift(m, axis, step, periodic, 0.0)
            neighbours[(axis, step)] = np.where(has, nb, ghost)
            b += np.where(has, 0.0, self.two_a_over_ms / d * dmdn)  # exchange at the surface
        for axis in {s[0] for s in self.sides}:
            grads[axis] = (neighbours[(axis, 1)] - neighbours[(axis, -1)]) / (
                2 * self.mesh.cell[axis])
        scale = 2 * self.term.D * self.inv_ms
        if self.term.kind == "interfacial":
            gx, gy = grads[0], grads[1]
            b[..., 0] += scale[..., 0] * gx[..., 2]
            b[..., 1] += scale[..., 0] * gy[..., 2]
            b[..., 2] -= scale[..., 0] * (gx[..., 0] + gy[..., 1])
        else:
            gx, gy, gz = grads[0], grads[1], grads[2]
            curl = np.stack([gy[..., 2] - gz[..., 1], gz[..., 0] - gx[..., 2],
                             gx[..., 1] - gy[..., 0]], axis=-1)
            b -= scale * curl
        b *= (self.Ms > 0)[..., None]
        return b

    def energy_density(self, m: np.ndarray, t: float = 0.0) -> np.ndarray:
        return -0.5 * self.Ms * np.sum(m * self.field(m, t), axis=-1)
