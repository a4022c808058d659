"""Jullière's model of tunneling magnetoresistance.

Spin is conserved in tunneling and each spin channel's conductance is proportional to the
product of the two electrodes' densities of states at E_F, so with the tunneling spin
polarizations P_i = (N_i,up - N_i,down)/(N_i,up + N_i,down) (M. Jullière, Phys. Lett. A 54,
225 (1975)):

    G_P ~ (1 + P1 P2),  G_AP ~ (1 - P1 P2),  TMR = (G_P - G_AP)/G_AP = 2 P1 P2 / (1 - P1 P2).
"""

from __future__ import annotations

import numpy as np

from spinkit import materials
from spinkit.errors import ParameterError

__all__ = ["julliere_tmr", "julliere_tmr_materials", "polarization_from_tmr"]


def _polarization(name: str, value: np.ndarray | float) -> np.ndarray:
    p = np.asarray(value, dtype=float)
    if not np.all(np.isfinite(p)) or np.any(np.abs(p) > 1):
        raise ParameterError(name, value, "must be a spin polarization in [-1, 1]")
    return p


def julliere_tmr(p1: np.ndarray | float, p2: np.ndarray | float) -> np.ndarray:
    """TMR = 2 P1 P2 / (1 - P1 P2) [dimensionless, 1 = 100 %]; P1 P2 = 1 is refused."""
    a, b = _polarization("p1", p1), _polarization("p2", p2)
    prod = a * b
    if np.any(prod >= 1):
        raise ParameterError("p1", p1, "P1 P2 must be < 1 (P1 = P2 = 1 gives G_AP = 0)")
    return 2 * prod / (1 - prod)


def julliere_tmr_materials(left: str, right: str) -> float:
    """Jullière TMR from two materials' ``polarization_tunneling`` (Meservey-Tedrow values)."""
    ps = []
    for param, name in (("left", left), ("right", right)):
        mat = materials.get(name, parameter=param)
        if "polarization_tunneling" not in mat:
            raise ParameterError(param, name, "needs a material with polarization_tunneling")
        ps.append(mat.value("polarization_tunneling"))
    return float(julliere_tmr(ps[0], ps[1]))


def polarization_from_tmr(tmr: np.ndarray | float) -> np.ndarray:
    """Polarization P of two identical electrodes giving ``tmr``: P = sqrt(TMR/(2 + TMR))."""
    r = np.asarray(tmr, dtype=float)
    if not np.all(np.isfinite(r)) or np.any(r < 0):
        raise ParameterError("tmr", tmr, "must be a finite number >= 0")
    return np.sqrt(r / (2 + r))
