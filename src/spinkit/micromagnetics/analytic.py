"""Closed forms that the mesh solvers are checked against (the demagnetizing factors of a
prism are :func:`spinkit.magnetization.prism_factors`, Aharoni's closed form).

* :func:`bloch_wall_width`, :func:`bloch_wall_energy` -- the 180 degree Bloch wall of a
  uniaxial magnet, m_z = -tanh(x / Delta), Delta = sqrt(A/K): width pi Delta (Lilley's
  definition) and energy per area 4 sqrt(A K) (Landau and Lifshitz 1935; A. Hubert and
  R. Schaefer, *Magnetic Domains*, Springer 1998, sec. 3.6).
"""

from __future__ import annotations

import math

from spinkit.magnetization.term import positive

__all__ = ["bloch_wall_width", "bloch_wall_energy"]


def bloch_wall_width(A: float, K: float) -> float:
    """Wall width pi sqrt(A/K) [m] (A [J/m], K [J/m^3] > 0)."""
    return math.pi * math.sqrt(positive("A", A) / positive("K", K))


def bloch_wall_energy(A: float, K: float) -> float:
    """Wall energy per area 4 sqrt(A K) [J/m^2]."""
    return 4 * math.sqrt(positive("A", A) * positive("K", K))
