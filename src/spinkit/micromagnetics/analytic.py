"""Closed forms that the mesh solvers are checked against.

* :func:`prism_demag_factor` -- the magnetometric demagnetizing factor of a rectangular prism,
  A. Aharoni, J. Appl. Phys. 83, 3432 (1998), eq. (1).
* :func:`bloch_wall_width`, :func:`bloch_wall_energy` -- the 180 degree Bloch wall of a
  uniaxial magnet, m_z = -tanh(x / Delta), Delta = sqrt(A/K): width pi Delta (Lilley's
  definition) and energy per area 4 sqrt(A K) (Landau and Lifshitz 1935; A. Hubert and
  R. Schaefer, *Magnetic Domains*, Springer 1998, sec. 3.6).
"""

from __future__ import annotations

import math

from spinkit.magnetization.term import positive

__all__ = ["prism_demag_factor", "bloch_wall_width", "bloch_wall_energy"]


def prism_demag_factor(a: float, b: float, c: float) -> float:
    """Demagnetizing factor D_z [-] of a prism of sides 2a x 2b x 2c [m] along z (side 2c).

    Aharoni's eq. (1): with r = sqrt(a^2 + b^2 + c^2), r_ab = sqrt(a^2 + b^2), ...,

        pi D_z = (b^2 - c^2)/(2bc) ln((r - a)/(r + a)) + (a^2 - c^2)/(2ac) ln((r - b)/(r + b))
               + b/(2c) ln((r_ab + a)/(r_ab - a)) + a/(2c) ln((r_ab + b)/(r_ab - b))
               + c/(2a) ln((r_bc - b)/(r_bc + b)) + c/(2b) ln((r_ac - a)/(r_ac + a))
               + 2 arctan(ab/(c r)) + (a^3 + b^3 - 2c^3)/(3abc) + (a^2 + b^2 - 2c^2) r/(3abc)
               + c (r_ac + r_bc)/(ab) - (r_ab^3 + r_bc^3 + r_ac^3)/(3abc).

    The factors along x and y follow by permuting the sides; the three sum to 1.
    """
    a, b, c = positive("a", a), positive("b", b), positive("c", c)
    r = math.sqrt(a * a + b * b + c * c)
    rab, rbc, rac = math.hypot(a, b), math.hypot(b, c), math.hypot(a, c)
    abc = a * b * c
    s = ((b * b - c * c) / (2 * b * c) * math.log((r - a) / (r + a))
         + (a * a - c * c) / (2 * a * c) * math.log((r - b) / (r + b))
         + b / (2 * c) * math.log((rab + a) / (rab - a))
         + a / (2 * c) * math.log((rab + b) / (rab - b))
         + c / (2 * a) * math.log((rbc - b) / (rbc + b))
         + c / (2 * b) * math.log((rac - a) / (rac + a))
         + 2 * math.atan(a * b / (c * r))
         + (a**3 + b**3 - 2 * c**3) / (3 * abc)
         + (a * a + b * b - 2 * c * c) * r / (3 * abc)
         + c * (rac + rbc) / (a * b)
         - (rab**3 + rbc**3 + rac**3) / (3 * abc))
    return s / math.pi


def bloch_wall_width(A: float, K: float) -> float:
    """Wall width pi sqrt(A/K) [m] (A [J/m], K [J/m^3] > 0)."""
    return math.pi * math.sqrt(positive("A", A) / positive("K", K))


def bloch_wall_energy(A: float, K: float) -> float:
    """Wall energy per area 4 sqrt(A K) [J/m^2]."""
    return 4 * math.sqrt(positive("A", A) * positive("K", K))
