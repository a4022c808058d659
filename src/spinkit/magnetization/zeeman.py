"""Zeeman energy of the magnetization in an applied field.

    w = -Ms m . B(t)     [J/m^3],     B_eff = B(t) = B0 f(t)     [T]

B = mu0 H is the applied flux density in tesla; f(t) is a :class:`~.term.Waveform`
(constant unless given).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from spinkit.magnetization.term import EnergyTerm, Waveform, as_waveform
from spinkit.validation import vector3

__all__ = ["Zeeman"]


@dataclass(frozen=True, eq=False)
class Zeeman(EnergyTerm):
    """Applied field.

    Parameters
    ----------
    B: applied field mu0 H [T], three components.
    waveform: time dependence f(t) (default constant).
    """

    B: np.ndarray
    waveform: Waveform | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "B", vector3("B", self.B))
        object.__setattr__(self, "waveform", as_waveform(self.waveform))

    def __repr__(self) -> str:
        return f"Zeeman(B={self.B.tolist()} T)"

    def field(self, m: np.ndarray, Ms: np.ndarray | float, t: float = 0.0) -> np.ndarray:
        return np.broadcast_to(self.B * self.waveform(t), np.shape(m)).copy()

    def energy_density(
        self, m: np.ndarray, Ms: np.ndarray | float, t: float = 0.0
    ) -> np.ndarray:
        return -np.asarray(Ms) * (np.asarray(m) @ (self.B * self.waveform(t)))

    def pack(self, packer, Ms: float) -> None:
        """Contribute to a compiled macrospin (:class:`~.macrospin.Packed`)."""
        packer.add_field(self.B, self.waveform)
