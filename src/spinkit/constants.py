"""Physical constants in SI units, from :mod:`scipy.constants` (CODATA).

Every constant spinkit uses is gathered here so that one release of CODATA is used
throughout. ``CODATA_RELEASE`` names it.
"""

from __future__ import annotations

import math
import re

import scipy.constants as _sc

__all__ = [
    "CODATA_RELEASE",
    "e",
    "hbar",
    "h",
    "k_B",
    "mu_0",
    "mu_B",
    "m_e",
    "gamma_e",
    "g_e",
    "eV",
    "epsilon_0",
    "G0",
    "eV_to_J",
    "J_to_eV",
]


def _codata_release() -> str:
    """The CODATA adjustment scipy.constants ships, e.g. ``"CODATA 2022"``."""
    from scipy.constants import _codata

    current = getattr(_codata, "_current_codata", None)
    if isinstance(current, str):
        return current
    # older scipy: the newest txtYYYY table is the one in use
    year = max(int(n[3:]) for n in dir(_codata) if re.fullmatch(r"txt\d{4}", n))
    return f"CODATA {year}"


CODATA_RELEASE: str = _codata_release()

e: float = _sc.e  #: elementary charge [C]
hbar: float = _sc.hbar  #: reduced Planck constant [J s]
h: float = _sc.h  #: Planck constant [J s]
k_B: float = _sc.k  #: Boltzmann constant [J/K]
mu_0: float = _sc.mu_0  #: vacuum permeability [T m/A] (= N/A^2)
epsilon_0: float = _sc.epsilon_0  #: vacuum permittivity [F/m]
mu_B: float = _sc.physical_constants["Bohr magneton"][0]  #: Bohr magneton [J/T]
m_e: float = _sc.m_e  #: electron mass [kg]
eV: float = _sc.eV  #: one electronvolt [J]
g_e: float = abs(_sc.physical_constants["electron g factor"][0])  #: |g| of the electron [-]
#: electron gyromagnetic ratio |gamma| [rad/(s T)]
gamma_e: float = _sc.physical_constants["electron gyromag. ratio"][0]
#: conductance quantum 2e^2/h [S] (both spins)
G0: float = _sc.physical_constants["conductance quantum"][0]

assert math.isclose(G0, 2 * e**2 / h, rel_tol=1e-12)


def eV_to_J(energy_eV: float) -> float:
    """Convert an energy from eV to J: E[J] = E[eV] * e."""
    return energy_eV * eV


def J_to_eV(energy_J: float) -> float:
    """Convert an energy from J to eV: E[eV] = E[J] / e."""
    return energy_J / eV
