"""Read-out of a magnetic tunnel junction: resistance from the angle between the layers.

The tunnel conductance interpolates between the parallel (P) and antiparallel (AP) states
with the cosine of the angle theta between the free-layer and reference-layer
magnetizations (J. C. Slonczewski, Phys. Rev. B 39, 6995 (1989); the form used by MTJ
compact models):

    G(theta) = G_P cos^2(theta/2) + G_AP sin^2(theta/2) = G_P (1 + cos theta)/2
               + G_AP (1 - cos theta)/2,
    G_P = 1 / R_P,   G_AP = 1 / R_AP = 1 / (R_P (1 + TMR)),   R = 1 / G   [Ohm],

with the tunnel magnetoresistance ratio TMR = (R_AP - R_P) / R_P.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from spinkit.errors import ParameterError
from spinkit.magnetization.term import positive, unit_vector

__all__ = ["MTJReadout"]


@dataclass(frozen=True, eq=False)
class MTJReadout:
    """R(theta) of an MTJ (module docstring).

    Parameters
    ----------
    R_P: parallel resistance [Ohm] (> 0).
    TMR: tunnel magnetoresistance ratio (R_AP - R_P) / R_P [-] (>= 0; 1.5 means 150 %).
    reference: reference-layer magnetization direction (normalised here).
    """

    R_P: float
    TMR: float
    reference: np.ndarray = (0.0, 0.0, 1.0)  # type: ignore[assignment]

    def __post_init__(self) -> None:
        object.__setattr__(self, "R_P", positive("R_P", self.R_P))
        object.__setattr__(self, "TMR", positive("TMR", self.TMR, zero=True))
        object.__setattr__(self, "reference", unit_vector("reference", self.reference))

    @property
    def R_AP(self) -> float:
        """Antiparallel resistance R_P (1 + TMR) [Ohm]."""
        return self.R_P * (1 + self.TMR)

    def conductance(self, m: np.ndarray, reference: np.ndarray | None = None) -> np.ndarray:
        """G [S] for free-layer directions ``m`` (..., 3); ``reference`` (..., 3) overrides
        the fixed reference (e.g. a dynamic reference layer)."""
        p = self.reference if reference is None else np.asarray(reference, dtype=float)
        m = np.asarray(m, dtype=float)
        for name, v in (("m", m), ("reference", p)):
            if v.shape[-1:] != (3,) or not np.isfinite(v).all() or np.any(
                    np.linalg.norm(v, axis=-1) == 0):
                raise ParameterError(name, v, "must be finite non-zero 3-vectors (..., 3)")
        cos = np.sum(m * p, axis=-1) / (np.linalg.norm(m, axis=-1) * np.linalg.norm(p, axis=-1))
        return (1 + cos) / (2 * self.R_P) + (1 - cos) / (2 * self.R_AP)

    def resistance(self, m: np.ndarray, reference: np.ndarray | None = None) -> np.ndarray:
        """R = 1 / G [Ohm], shape ``m.shape[:-1]``."""
        return 1.0 / self.conductance(m, reference)
