"""A regular finite-difference mesh and the shapes that fill it.

The mesh holds ``n = (nx, ny, nz)`` cuboid cells of size ``cell = (dx, dy, dz)`` [m] whose
lower corner is ``origin`` [m]; cell (i, j, k) is centred at ``origin + (i + 1/2) dx, ...``.
Fields on the mesh are arrays of shape ``(nx, ny, nz, 3)`` (x fastest in OVF files, as
:func:`spinkit.io.write_ovf` writes them). ``pbc`` names the periodic directions (``"x"``,
``"y"``, ``"xy"``): exchange, DMI and the Zhang-Li gradient wrap around, and the
demagnetizing field sums a number of images of the sample (:class:`~.demag.Demag`).

Shapes are functions of the cell-centre coordinates returning a boolean mask; they combine
with ``&``, ``|`` and ``~`` as numpy masks do.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from spinkit.errors import ParameterError

__all__ = ["Mesh", "box", "cylinder", "ellipse", "polygon"]

Shape = Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]


@dataclass(frozen=True)
class Mesh:
    """A regular mesh (module docstring).

    Parameters
    ----------
    n: number of cells (nx, ny, nz), each >= 1.
    cell: cell size (dx, dy, dz) [m], each > 0.
    origin: lower corner [m].
    pbc: periodic directions, any of ``""``, ``"x"``, ``"y"``, ``"xy"``.
    """

    n: tuple[int, int, int]
    cell: tuple[float, float, float]
    origin: tuple[float, float, float] = (0.0, 0.0, 0.0)
    pbc: str = ""

    def __post_init__(self) -> None:
        try:
            n = tuple(int(v) for v in self.n)
        except (TypeError, ValueError):
            raise ParameterError("n", self.n, "must be three integers >= 1") from None
        if len(n) != 3 or min(n) < 1 or any(float(a) != b for a, b in zip(self.n, n,
                                                                         strict=True)):
            raise ParameterError("n", self.n, "must be three integers >= 1")
        try:
            cell = tuple(float(v) for v in self.cell)
            origin = tuple(float(v) for v in self.origin)
        except (TypeError, ValueError):
            raise ParameterError("cell", self.cell, "must be three sizes > 0 [m]") from None
        if len(cell) != 3 or not all(np.isfinite(c) and c > 0 for c in cell):
            raise ParameterError("cell", self.cell, "must be three finite sizes > 0 [m]")
        if len(origin) != 3 or not all(np.isfinite(o) for o in origin):
            raise ParameterError("origin", self.origin, "must be three finite numbers [m]")
        if self.pbc not in ("", "x", "y", "xy"):
            raise ParameterError("pbc", self.pbc, "must be '', 'x', 'y' or 'xy'")
        object.__setattr__(self, "n", n)
        object.__setattr__(self, "cell", cell)
        object.__setattr__(self, "origin", origin)

    @classmethod
    def from_size(cls, size: Sequence[float], cell: Sequence[float], **kwargs: Any) -> Mesh:
        """A mesh covering ``size`` [m] with cells of about ``cell`` [m].

        The number of cells is round(size / cell); ``size`` must be a whole number of cells
        to 1e-6 relative, so that the sample's dimensions are what was asked.
        """
        n = []
        for axis, (s, c) in enumerate(zip(size, cell, strict=True)):
            if not (s > 0 and c > 0):
                raise ParameterError("size", size, "sizes and cells must be > 0 [m]")
            k = max(1, round(s / c))
            if abs(k * c - s) > 1e-6 * s:
                raise ParameterError("cell", cell, f"must divide size[{axis}] = {s} m "
                                     "into whole cells")
            n.append(k)
        return cls(tuple(n), tuple(cell), **kwargs)

    @property
    def ncells(self) -> int:
        """nx ny nz."""
        return int(np.prod(self.n))

    @property
    def volume(self) -> float:
        """Cell volume dx dy dz [m^3]."""
        return float(np.prod(self.cell))

    @property
    def size(self) -> tuple[float, float, float]:
        """Extent of the mesh (nx dx, ny dy, nz dz) [m]."""
        return tuple(k * c for k, c in zip(self.n, self.cell, strict=True))  # type: ignore

    def coordinates(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Cell-centre coordinates x, y, z [m], each of shape (nx, ny, nz)."""
        axes = [o + (np.arange(k) + 0.5) * c
                for o, k, c in zip(self.origin, self.n, self.cell, strict=True)]
        return tuple(np.meshgrid(*axes, indexing="ij"))  # type: ignore[return-value]

    def mask(self, shape: Shape | None) -> np.ndarray:
        """Boolean array (nx, ny, nz): the cells whose centre lies inside ``shape``.

        ``None`` fills the whole mesh.
        """
        if shape is None:
            return np.ones(self.n, dtype=bool)
        out = np.asarray(shape(*self.coordinates()), dtype=bool)
        if out.shape != self.n:
            raise ParameterError("shape", shape, f"must return a mask of shape {self.n}")
        return out


def box(lower: Sequence[float], upper: Sequence[float]) -> Shape:
    """The cuboid lower <= r < upper [m]."""
    lo, hi = np.asarray(lower, float), np.asarray(upper, float)
    if lo.shape != (3,) or hi.shape != (3,) or not np.all(hi > lo):
        raise ParameterError("upper", upper, "box corners must be 3-vectors with upper > lower")
    return lambda x, y, z: ((x >= lo[0]) & (x < hi[0]) & (y >= lo[1]) & (y < hi[1])
                            & (z >= lo[2]) & (z < hi[2]))


def ellipse(center: Sequence[float], semi_axes: Sequence[float]) -> Shape:
    """The elliptic prism ((x-cx)/a)^2 + ((y-cy)/b)^2 <= 1, all z [m]."""
    c, axes = np.asarray(center, dtype=float), np.asarray(semi_axes, dtype=float)
    if c.shape != (2,) or not np.isfinite(c).all():
        raise ParameterError("center", center, "must be two finite numbers (x, y) [m]")
    if axes.shape != (2,) or not (np.isfinite(axes).all() and (axes > 0).all()):
        raise ParameterError("semi_axes", semi_axes, "must be two finite lengths > 0 [m]")
    (cx, cy), (a, b) = c, axes
    return lambda x, y, z: ((x - cx) / a) ** 2 + ((y - cy) / b) ** 2 <= 1


def cylinder(center: Sequence[float], radius: float) -> Shape:
    """The circular cylinder of ``radius`` [m] along z about (cx, cy) [m]."""
    if not (np.isfinite(radius) and radius > 0):
        raise ParameterError("radius", radius, "must be a finite length > 0 [m]")
    return ellipse(center, (radius, radius))


def polygon(vertices: Sequence[Sequence[float]]) -> Shape:
    """The extrusion along z of the polygon with (x, y) ``vertices`` [m] (even-odd rule)."""
    v = np.asarray(vertices, dtype=float)
    if v.ndim != 2 or v.shape[1] != 2 or len(v) < 3 or not np.isfinite(v).all():
        raise ParameterError("vertices", vertices, "must be at least three finite (x, y) "
                             "points [m]")

    def inside(x: np.ndarray, y: np.ndarray, z: np.ndarray) -> np.ndarray:
        out = np.zeros(x.shape, dtype=bool)
        for (x1, y1), (x2, y2) in zip(v, np.roll(v, -1, axis=0), strict=True):
            crosses = (y1 > y) != (y2 > y)
            with np.errstate(divide="ignore", invalid="ignore"):
                xc = x1 + (y - y1) * (x2 - x1) / (y2 - y1)
            out ^= crosses & (x < xc)
        return out

    return inside
