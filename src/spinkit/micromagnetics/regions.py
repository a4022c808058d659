"""Terms that vary over the mesh: a local term restricted to a region, and a field map.

* :func:`in_region` restricts any local term of :mod:`spinkit.magnetization` (an anisotropy,
  a field, a Slonczewski or spin-orbit torque, ...) to the cells of a region: its field,
  energy density and torque are multiplied by the region's mask. Regions with their own K, a
  field on one electrode, a current through one pillar are sums of such terms. (Per-region
  Ms, A and alpha are per-cell arrays given to :class:`~.magnet.Magnet` and
  :class:`~.exchange.Exchange`.)
* :class:`ZeemanMap` is an applied field that differs from cell to cell,
  B(r, t) = B(r) f(t) [T], w = -Ms m . B.
* :func:`current_map` drives a Slonczewski or spin-orbit torque with a current density that
  differs from cell to cell, j(r) [A/m^2] (a perpendicular current per cell, e.g. the current
  distribution of a nano-contact). Both torques are linear in j (their prefactor
  B_J = hbar gamma P j / (2 e Ms d), resp. the spin Hall form, is proportional to j), so cell r
  gets the term's torque at its own current density j0 times j(r) / j0.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from spinkit.errors import ParameterError
from spinkit.magnetization.term import EnergyTerm, SpinTorque, Term, Waveform, as_waveform

if TYPE_CHECKING:
    from spinkit.micromagnetics.magnet import Magnet

__all__ = ["in_region", "current_map", "ZeemanMap"]


def _region_mask(where: Any, magnet) -> np.ndarray:
    if callable(where):
        return magnet.mesh.mask(where)
    mask = np.asarray(where)
    if mask.shape != magnet.mesh.n or mask.dtype != bool:
        raise ParameterError("where", getattr(where, "shape", where),
                             f"must be a shape function or a boolean mask of shape "
                             f"{magnet.mesh.n}")
    return mask


class _Region:
    term: Term
    where: Any

    def __repr__(self) -> str:
        return f"in_region({self.term!r})"

    def bind(self, magnet: Magnet) -> _BoundRegion:
        """The evaluator of the restricted term on ``magnet``'s mesh."""
        from spinkit.micromagnetics.magnet import Magnet

        inner = Magnet(magnet.mesh, magnet.Ms, magnet.alpha, self.term, gamma=magnet.gamma)
        bound = (inner.energy_terms or inner.torques)[0][1]
        return _BoundRegion(bound, self._weights(magnet))

    def _weights(self, magnet: Magnet) -> np.ndarray:
        return _region_mask(self.where, magnet)


@dataclass(frozen=True, eq=False, repr=False)
class _RegionEnergy(_Region, EnergyTerm):
    term: EnergyTerm
    where: Any


@dataclass(frozen=True, eq=False, repr=False)
class _RegionTorque(_Region, SpinTorque):
    term: SpinTorque
    where: Any


@dataclass(frozen=True, eq=False, repr=False)
class _CurrentMap(_Region, SpinTorque):
    term: SpinTorque
    where: np.ndarray  # j(r) / j0 per cell

    def __repr__(self) -> str:
        return f"current_map({self.term!r})"

    def _weights(self, magnet: Magnet) -> np.ndarray:
        if self.where.shape != magnet.mesh.n:
            raise ParameterError("current_density", self.where.shape,
                                 f"must have the mesh's shape {magnet.mesh.n}")
        return self.where


@dataclass
class _BoundRegion:
    bound: Any
    mask: np.ndarray

    def field(self, m: np.ndarray, t: float = 0.0) -> np.ndarray:
        return self.bound.field(m, t) * self.mask[..., None]

    def energy_density(self, m: np.ndarray, t: float = 0.0) -> np.ndarray:
        return self.bound.energy_density(m, t) * self.mask

    def torque(self, m: np.ndarray, t: float = 0.0) -> np.ndarray:
        return self.bound.torque(m, t) * self.mask[..., None]


def in_region(term: Term, where: Any) -> Term:
    """``term`` acting only where ``where`` holds (a shape function of the cell centres, see
    :mod:`.mesh`, or a boolean array of the mesh's shape)."""
    if isinstance(term, EnergyTerm):
        return _RegionEnergy(term, where)
    if isinstance(term, SpinTorque):
        return _RegionTorque(term, where)
    raise ParameterError("term", term, "must be an energy term or a spin torque")


def current_map(torque: SpinTorque, current_density: np.ndarray) -> Term:
    """``torque`` (a :class:`~spinkit.magnetization.Slonczewski` or
    :class:`~spinkit.magnetization.SpinOrbitTorque`) driven by the current density
    ``current_density`` [A/m^2], one value per cell, shape (nx, ny, nz): the torque of cell r
    is ``torque``'s at its own current density j0 (which must not be 0) times j(r) / j0.
    Its waveform still scales the whole map in time."""
    j0 = getattr(torque, "current_density", None)
    if not isinstance(torque, SpinTorque) or j0 is None:
        raise ParameterError("torque", torque, "must be a Slonczewski or spin-orbit torque")
    if j0 == 0:
        raise ParameterError("torque", torque, "needs a reference current_density != 0")
    j = np.asarray(current_density)
    if j.ndim != 3 or j.dtype.kind not in "iuf" or not np.isfinite(j).all():
        raise ParameterError("current_density", getattr(j, "shape", j),
                             "must be finite real numbers [A/m^2], shape (nx, ny, nz)")
    return _CurrentMap(torque, j.astype(float) / j0)


@dataclass(frozen=True, eq=False)
class ZeemanMap(EnergyTerm):
    """An applied field B(r) f(t) [T] given per cell, shape (nx, ny, nz, 3).

    Parameters
    ----------
    B: the field in every cell [T].
    waveform: time dependence f(t) (default constant).
    """

    B: np.ndarray
    waveform: Waveform | None = None

    def __post_init__(self) -> None:
        arr = np.asarray(self.B, dtype=float)
        if arr.ndim != 4 or arr.shape[-1] != 3 or not np.isfinite(arr).all():
            raise ParameterError("B", arr.shape, "must be finite, shape (nx, ny, nz, 3) [T]")
        object.__setattr__(self, "B", arr)
        object.__setattr__(self, "waveform", as_waveform(self.waveform))

    def __repr__(self) -> str:
        return f"ZeemanMap(max |B| = {np.abs(self.B).max():g} T)"

    def bind(self, magnet: Magnet) -> _BoundZeemanMap:
        """The evaluator on ``magnet``'s mesh (the map must have its shape)."""
        if self.B.shape[:3] != magnet.mesh.n:
            raise ParameterError("B", self.B.shape, f"must have shape {magnet.mesh.n + (3,)}")
        return _BoundZeemanMap(self, magnet.Ms)


@dataclass
class _BoundZeemanMap:
    term: ZeemanMap
    Ms: np.ndarray

    def field(self, m: np.ndarray, t: float = 0.0) -> np.ndarray:
        return self.term.B * self.term.waveform(t)

    def energy_density(self, m: np.ndarray, t: float = 0.0) -> np.ndarray:
        return -self.Ms * np.sum(m * self.field(m, t), axis=-1)
