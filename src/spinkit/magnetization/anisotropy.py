"""Magnetocrystalline anisotropy: uniaxial and cubic.

Uniaxial, easy axis u (K > 0) or easy plane normal to u (K < 0):

    w = K (1 - (m.u)^2) = K sin^2(theta)      [J/m^3]
    B_eff = (2K/Ms) (m.u) u                    [T]

so the anisotropy field is B_K = 2K/Ms and the barrier between +u and -u is K per volume.

Cubic, with orthonormal crystal axes c1, c2, c3 and a_i = m.c_i:

    w = K1 (a1^2 a2^2 + a2^2 a3^2 + a3^2 a1^2)     [J/m^3]
    B_eff = -(2 K1/Ms) sum_i a_i (a_j^2 + a_k^2) c_i   [T]

K1 > 0 (Fe) makes the cube edges <100> easy; K1 < 0 (Ni) the body diagonals <111>.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from spinkit.errors import ParameterError
from spinkit.magnetization.term import EnergyTerm, dot, unit_vector
from spinkit.validation import finite

__all__ = ["UniaxialAnisotropy", "CubicAnisotropy"]


@dataclass(frozen=True, eq=False)
class UniaxialAnisotropy(EnergyTerm):
    """Uniaxial anisotropy (module docstring).

    Parameters
    ----------
    K: anisotropy constant K_u [J/m^3]; > 0 easy axis, < 0 easy plane.
    axis: the anisotropy axis u (normalised here).
    """

    K: float
    axis: np.ndarray = (0.0, 0.0, 1.0)  # type: ignore[assignment]

    def __post_init__(self) -> None:
        object.__setattr__(self, "K", finite("K", self.K))
        object.__setattr__(self, "axis", unit_vector("axis", self.axis))

    def __repr__(self) -> str:
        return f"UniaxialAnisotropy(K={self.K:g} J/m^3, axis={self.axis.tolist()})"

    def field(self, m: np.ndarray, Ms: np.ndarray | float, t: float = 0.0) -> np.ndarray:
        ms = np.asarray(Ms)[..., None]
        return (2 * self.K / ms) * dot(m, self.axis) * self.axis

    def energy_density(
        self, m: np.ndarray, Ms: np.ndarray | float, t: float = 0.0
    ) -> np.ndarray:
        return self.K * (1 - (np.asarray(m) @ self.axis) ** 2)

    def pack(self, packer, Ms: float) -> None:
        packer.add_linear((2 * self.K / Ms) * np.outer(self.axis, self.axis))


@dataclass(frozen=True, eq=False)
class CubicAnisotropy(EnergyTerm):
    """Cubic anisotropy (module docstring).

    Parameters
    ----------
    K1: first cubic anisotropy constant [J/m^3].
    axis1, axis2: two orthogonal crystal axes c1, c2 (c3 = c1 x c2).
    """

    K1: float
    axis1: np.ndarray = (1.0, 0.0, 0.0)  # type: ignore[assignment]
    axis2: np.ndarray = (0.0, 1.0, 0.0)  # type: ignore[assignment]

    def __post_init__(self) -> None:
        object.__setattr__(self, "K1", finite("K1", self.K1))
        c1 = unit_vector("axis1", self.axis1)
        c2 = unit_vector("axis2", self.axis2)
        if abs(float(c1 @ c2)) > 1e-9:
            raise ParameterError("axis2", self.axis2, "must be orthogonal to axis1")
        object.__setattr__(self, "axis1", c1)
        object.__setattr__(self, "axis2", c2)

    @property
    def axes(self) -> np.ndarray:
        """The three crystal axes as rows, shape (3, 3)."""
        return np.array([self.axis1, self.axis2, np.cross(self.axis1, self.axis2)])

    def __repr__(self) -> str:
        return f"CubicAnisotropy(K1={self.K1:g} J/m^3)"

    def field(self, m: np.ndarray, Ms: np.ndarray | float, t: float = 0.0) -> np.ndarray:
        a = np.asarray(m) @ self.axes.T  # components along c1, c2, c3
        a2 = a * a
        g = a * (a2.sum(axis=-1, keepdims=True) - a2)  # a_i (a_j^2 + a_k^2)
        return -(2 * self.K1 / np.asarray(Ms)[..., None]) * (g @ self.axes)

    def energy_density(
        self, m: np.ndarray, Ms: np.ndarray | float, t: float = 0.0
    ) -> np.ndarray:
        a2 = (np.asarray(m) @ self.axes.T) ** 2
        return self.K1 * (a2[..., 0] * a2[..., 1] + a2[..., 1] * a2[..., 2]
                          + a2[..., 2] * a2[..., 0])

    def pack(self, packer, Ms: float) -> None:
        packer.add_cubic(2 * self.K1 / Ms, self.axes)
