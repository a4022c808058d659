"""Mott's two-current model: spin-channel conductivities, polarizations and CIP GMR.

Spin-up and spin-down electrons conduct in parallel (spin flips rare). Channel s has

    sigma_s = (e^2 / d) N_s(E_F) <v^2 tau>_s          (d = 3: the review's e^2/3 form)    (1)

and the current polarization P_J = (sigma_up - sigma_down)/(sigma_up + sigma_down), which
equals the DOS polarization P_N = (N_up - N_down)/(N_up + N_down) only when <v^2 tau> is the
same for both spins (N. F. Mott, Proc. R. Soc. A 153, 699 (1936); I. I. Mazin, Phys. Rev.
Lett. 83, 1427 (1999)).

CIP GMR in the resistor picture (A. Fert and I. A. Campbell, J. Phys. F 6, 849 (1976); M. N.
Baibich et al., Phys. Rev. Lett. 61, 2472 (1988)): when the mean free path is long compared
with the layers, each spin channel sees the thickness-weighted average of the layers'
resistivities (``"long"``), and the channels add in parallel; when it is short each layer
conducts on its own (``"short"``) and the GMR vanishes.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from spinkit import constants
from spinkit.errors import ParameterError
from spinkit.validation import array_in_range, in_range

__all__ = [
    "channel_conductivity",
    "current_polarization",
    "dos_polarization",
    "cip_resistivity",
    "cip_gmr",
]


def channel_conductivity(dos: float, v2tau: float, dimension: int = 3) -> float:
    """sigma_s = (e^2/d) N_s <v^2 tau>_s [S/m in 3D] (eq. 1).

    Parameters
    ----------
    dos: N_s(E_F) [1/(J m^d)].
    v2tau: <v^2 tau>_s over the Fermi surface [m^2/s].
    dimension: d = 1, 2 or 3.
    """
    if isinstance(dimension, bool) or dimension not in (1, 2, 3):
        raise ParameterError("dimension", dimension, "must be 1, 2 or 3")
    dos = in_range("dos", dos, low=0.0, bounds="[]")
    return constants.e**2 * dos * in_range("v2tau", v2tau, low=0.0, bounds="[]") / dimension


def _asym(a: float, b: float, names: tuple[str, str]) -> float:
    a = in_range(names[0], a, low=0.0, bounds="[]")
    b = in_range(names[1], b, low=0.0, bounds="[]")
    if a + b == 0:
        raise ParameterError(names[0], a, f"{names[0]} and {names[1]} must not both be 0")
    return (a - b) / (a + b)


def current_polarization(sigma_up: float, sigma_down: float) -> float:
    """P_J = (sigma_up - sigma_down)/(sigma_up + sigma_down)."""
    return _asym(sigma_up, sigma_down, ("sigma_up", "sigma_down"))


def dos_polarization(dos_up: float, dos_down: float) -> float:
    """P_N = (N_up - N_down)/(N_up + N_down) at E_F."""
    return _asym(dos_up, dos_down, ("dos_up", "dos_down"))


def cip_resistivity(
    rho_up: Sequence[float],
    rho_down: Sequence[float],
    thickness: Sequence[float],
    magnetization: Sequence[int],
    *,
    mean_free_path: str = "long",
) -> float:
    """In-plane resistivity [Ohm m] of a multilayer in the two-current resistor picture.

    Layer i has majority/minority resistivities rho_up[i], rho_down[i] [Ohm m] (for m = +1;
    m = -1 swaps them, m = 0 for a normal metal uses rho_up), thickness t_i [m].
    ``"long"``: rho_s = sum t_i rho_s,i / sum t_i, rho = rho_up rho_down/(rho_up + rho_down).
    ``"short"``: every layer is its own two-current conductor, conductances add.
    """
    r_up, r_dn, t = (array_in_range(name, a, low=0.0) for name, a in (
        ("rho_up", rho_up), ("rho_down", rho_down), ("thickness", thickness)))
    m = np.asarray(magnetization)
    for name, arr in (("rho_down", r_dn), ("thickness", t), ("magnetization", m)):
        if arr.shape != r_up.shape or arr.ndim != 1:
            raise ParameterError(name, arr.shape, "rho_up, rho_down, thickness and "
                                 "magnetization must be 1D and of one length")
    if m.dtype.kind not in "iu" or not np.isin(m, (-1, 0, 1)).all():
        raise ParameterError("magnetization", m.tolist(), "must be -1, 0 or +1")
    up = np.where(m == 0, r_up, np.where(m > 0, r_up, r_dn))
    dn = np.where(m == 0, r_up, np.where(m > 0, r_dn, r_up))
    if mean_free_path == "long":
        a, b = np.sum(t * up) / t.sum(), np.sum(t * dn) / t.sum()
        return float(a * b / (a + b))
    if mean_free_path == "short":
        return float(t.sum() / np.sum(t * (1 / up + 1 / dn)))
    raise ParameterError("mean_free_path", mean_free_path, "must be 'long' or 'short'")


def cip_gmr(
    rho_up: Sequence[float],
    rho_down: Sequence[float],
    thickness: Sequence[float],
    magnetization: Sequence[int],
    *,
    mean_free_path: str = "long",
) -> tuple[float, float, float]:
    """(rho_P, rho_AP, GMR = (rho_AP - rho_P)/rho_P) with the last ferromagnet reversed."""
    m = list(magnetization)
    ferro = [i for i, v in enumerate(m) if v != 0]
    if len(ferro) < 2:
        raise ParameterError("magnetization", m, "needs >= 2 ferromagnetic layers")
    m_ap = m.copy()
    m_ap[ferro[-1]] = -m_ap[ferro[-1]]
    rp = cip_resistivity(rho_up, rho_down, thickness, m, mean_free_path=mean_free_path)
    rap = cip_resistivity(rho_up, rho_down, thickness, m_ap, mean_free_path=mean_free_path)
    return rp, rap, (rap - rp) / rp
