"""Interlayer exchange coupling (RKKY through a spacer) to a neighbouring layer.

A free layer of thickness d coupled through a spacer to a layer magnetized along p, with
bilinear J1 and biquadratic J2 [J/m^2] (per interface area):

    w = -(J1 (m.p) + J2 (m.p)^2) / d                 [J/m^3]
    B_eff = (J1 + 2 J2 (m.p)) p / (Ms d)             [T]

J1 > 0 couples ferromagnetically, J1 < 0 antiferromagnetically (Parkin, Phys. Rev. Lett. 67,
3598 (1991)); J2 < 0 favours 90 degrees.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from spinkit.magnetization.term import EnergyTerm, dot, positive, unit_vector
from spinkit.validation import finite

__all__ = ["InterlayerExchange"]


@dataclass(frozen=True, eq=False)
class InterlayerExchange(EnergyTerm):
    """Interlayer exchange to a fixed layer (module docstring).

    Parameters
    ----------
    J1: bilinear coupling [J/m^2].
    thickness: free-layer thickness d [m].
    direction: magnetization direction p of the other layer.
    J2: biquadratic coupling [J/m^2].
    """

    J1: float
    thickness: float
    direction: np.ndarray = (0.0, 0.0, 1.0)  # type: ignore[assignment]
    J2: float = 0.0

    def __post_init__(self) -> None:
        object.__setattr__(self, "J1", finite("J1", self.J1))
        object.__setattr__(self, "J2", finite("J2", self.J2))
        object.__setattr__(self, "thickness", positive("thickness", self.thickness))
        object.__setattr__(self, "direction", unit_vector("direction", self.direction))

    def __repr__(self) -> str:
        return f"InterlayerExchange(J1={self.J1:g} J/m^2, J2={self.J2:g} J/m^2)"

    def field(self, m: np.ndarray, Ms: np.ndarray | float, t: float = 0.0) -> np.ndarray:
        p = self.direction
        scale = 1.0 / (np.asarray(Ms)[..., None] * self.thickness)
        return scale * (self.J1 + 2 * self.J2 * dot(m, p)) * p

    def energy_density(
        self, m: np.ndarray, Ms: np.ndarray | float, t: float = 0.0
    ) -> np.ndarray:
        c = np.asarray(m) @ self.direction
        return -(self.J1 * c + self.J2 * c * c) / self.thickness

    def pack(self, packer, Ms: float) -> None:
        p = self.direction
        packer.add_field(self.J1 / (Ms * self.thickness) * p)
        packer.add_linear(2 * self.J2 / (Ms * self.thickness) * np.outer(p, p))
