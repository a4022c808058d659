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
from spinkit.validation import finite_array

__all__ = ["julliere_tmr", "julliere_tmr_materials", "polarization_from_tmr",
           "tunneling_polarization"]


def _polarization(name: str, value: np.ndarray | float) -> np.ndarray:
    p = finite_array(name, value)
    if np.any(np.abs(p) > 1):
        raise ParameterError(name, value, "must be a spin polarization in [-1, 1]")
    return p


def julliere_tmr(p1: np.ndarray | float, p2: np.ndarray | float) -> np.ndarray:
    """TMR = 2 P1 P2 / (1 - P1 P2) [dimensionless, 1 = 100 %]; P1 P2 = 1 is refused."""
    a, b = _polarization("p1", p1), _polarization("p2", p2)
    prod = a * b
    if np.any(prod >= 1):
        raise ParameterError("p1", p1, "P1 P2 must be < 1 (P1 = P2 = 1 gives G_AP = 0)")
    return 2 * prod / (1 - prod)


def tunneling_polarization(material: str, parameter: str = "material") -> float:
    """Tabulated tunneling spin polarization of ``material`` (Meservey-Tedrow values);
    errors name ``parameter``."""
    mat = materials.get(material, parameter=parameter)
    if "polarization_tunneling" not in mat:
        raise ParameterError(parameter, material, "needs a material with polarization_tunneling")
    return float(mat.value("polarization_tunneling"))


def julliere_tmr_materials(left: str, right: str) -> float:
    """Jullière TMR from two materials' ``polarization_tunneling`` (Meservey-Tedrow values)."""
    return float(julliere_tmr(tunneling_polarization(left, "left"),
                              tunneling_polarization(right, "right")))


def polarization_from_tmr(tmr: np.ndarray | float) -> np.ndarray:
    """Polarization P of two identical electrodes giving ``tmr``: P = sqrt(TMR/(2 + TMR))."""
    r = finite_array("tmr", tmr)
    if np.any(r < 0):
        raise ParameterError("tmr", tmr, "must be a finite number >= 0")
    return np.sqrt(r / (2 + r))
