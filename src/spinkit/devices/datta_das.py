"""The Datta-Das spin field-effect transistor (S. Datta and B. Das, Appl. Phys. Lett. 56, 665
(1990)).

A ballistic wire of length L with a gate-tunable Rashba coupling alpha connects two
spin-selective contacts magnetised along the wire (x). For k along x the Rashba term
-alpha sigma_y k_x splits the two spin bands by Delta k = 2 m* alpha / hbar^2 at any energy,
so a spin injected along x precesses about y by

    Delta theta = 2 m* alpha L / hbar^2,                                                 (1)

and the parallel-contact conductance oscillates as G ~ cos^2(Delta theta / 2), with period
Delta alpha = pi hbar^2 / (m* L) in alpha. The wire is solved exactly as a tight-binding
chain (W = 1) or strip (W > 1) by :mod:`spinkit.tunneling`: t = hbar^2/(2 m* a^2),
t_so = alpha/(2a), normal leads, contacts as spin filters along x with efficiency P:

    G = (e^2/h) sum_{s, s'} (1 + s' P)/2 (1 + s P)/2 T_{s' s},                         (2)

T_{s' s} being the spin-resolved Landauer transmission (ideal half-metal: P = 1). On the
chain the Rashba bond equals -sqrt(t^2 + t_so^2) exp(-i phi sigma_y), tan phi = t_so/t, so
the exact lattice precession over n bonds is 2 n phi, which tends to eq. (1) as a -> 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from spinkit import constants, materials
from spinkit.errors import ParameterError
from spinkit.tunneling.landauer import Device, spin_projector, transmission
from spinkit.tunneling.lattice import strip_blocks
from spinkit.tunneling.leads import Lead

__all__ = [
    "DattaDasTransistor",
    "filtered_conductance",
    "oscillation_period",
    "precession_angle",
    "rashba_period",
]


def _real(name: str, value: Any, unit: str) -> np.ndarray:
    """``value`` as a finite float array; booleans, complex numbers and strings refused."""
    a = np.asarray(value)
    if a.dtype == bool or a.dtype.kind not in "iuf" or not np.all(np.isfinite(a)):
        raise ParameterError(name, value, f"must be real finite numbers ({unit})")
    return a.astype(float)


def _positive(name: str, value: float, unit: str) -> float:
    v = _real(name, value, unit)
    if v.ndim != 0 or v <= 0:
        raise ParameterError(name, value, f"must be a finite number > 0 ({unit})")
    return float(v)


def _polarization(name: str, value: float) -> float:
    p = _real(name, value, "dimensionless")
    if p.ndim != 0 or abs(p) > 1:
        raise ParameterError(name, value, "must be a number in [-1, 1]")
    return float(p)


def precession_angle(alpha: np.ndarray | float, effective_mass: float,
                     length: float) -> np.ndarray:
    """Delta theta = 2 m* alpha L / hbar^2 [rad] (eq. 1).

    alpha: Rashba parameter [J m]; effective_mass: m* [kg]; length: L [m].
    """
    al = _real("alpha", alpha, "J m")
    m = _positive("effective_mass", effective_mass, "kg")
    ell = _positive("length", length, "m")
    return 2 * m * al * ell / constants.hbar**2


def rashba_period(effective_mass: float, length: float) -> float:
    """Period of the conductance in alpha: pi hbar^2 / (m* L) [J m]."""
    m = _positive("effective_mass", effective_mass, "kg")
    ell = _positive("length", length, "m")
    return np.pi * constants.hbar**2 / (m * ell)


def oscillation_period(x: np.ndarray, y: np.ndarray) -> float:
    """Mean spacing [unit of x] of the maxima of a sampled oscillation y(x).

    Only interior samples larger than both neighbours count (an endpoint larger than its
    neighbour may be the flank of a maximum outside the range); each is refined by the
    vertex of the parabola through three samples (equally spaced x assumed there).
    Needs at least two maxima.
    """
    x, y = _real("x", x, "any unit"), _real("y", y, "any unit")
    if x.ndim != 1 or x.size < 3 or np.any(np.diff(x) <= 0):
        raise ParameterError("x", x.shape, "must be >= 3 increasing samples")
    if y.shape != x.shape:
        raise ParameterError("y", y.shape, f"must match x's shape {x.shape}")
    peaks = []
    inner = np.flatnonzero((y[1:-1] > y[:-2]) & (y[1:-1] >= y[2:])) + 1
    for i in inner:
        h = x[i + 1] - x[i]
        curv = y[i - 1] - 2 * y[i] + y[i + 1]
        peaks.append(x[i] + 0.5 * h * (y[i - 1] - y[i + 1]) / curv if curv else x[i])
    if len(peaks) < 2:
        raise ParameterError("x", (x[0], x[-1]), "range holds fewer than two maxima")
    return float(np.mean(np.diff(peaks)))


def filtered_conductance(spin_transmission: np.ndarray, polarization_in: float,
                         polarization_out: float) -> np.ndarray:
    """G [S] of eq. (2) from T[..., s', s] (spin s in, s' out, index 0: +x, 1: -x) between
    spin filters of efficiencies P_in (source) and P_out (drain) along x.

    G = (e^2/h) sum (1 + s' P_out)/2 (1 + s P_in)/2 T_{s' s}: one spin channel per unit
    transmission (e^2/h, not 2e^2/h).
    """
    p_in = _polarization("polarization_in", polarization_in)
    p_out = _polarization("polarization_out", polarization_out)
    t = _real("spin_transmission", spin_transmission, "dimensionless")
    if t.shape[-2:] != (2, 2):
        raise ParameterError("spin_transmission", t.shape, "must end in (2, 2)")
    s = np.array([1.0, -1.0])
    w_in, w_out = 0.5 * (1 + p_in * s), 0.5 * (1 + p_out * s)
    return constants.e**2 / constants.h * np.einsum("...ij,i,j->...", t, w_out, w_in)


@dataclass(frozen=True)
class DattaDasTransistor:
    """A Rashba wire between spin-filtering contacts magnetised along x.

    Parameters
    ----------
    length: L, Rashba channel length [m]; the chain has L/a Rashba bonds (a must divide L).
    effective_mass: m* [kg].
    fermi_energy: E_F above the bottom of the lowest subband [J] (> 0).
    lattice_spacing: a [m]; k_F a must stay below 1 for the continuum limit.
    width: sites across the wire (1: strictly 1D; > 1: quasi-1D strip of width W a).
    """

    length: float
    effective_mass: float
    fermi_energy: float
    lattice_spacing: float = 2e-9
    width: int = 1

    def __post_init__(self) -> None:
        length = _positive("length", self.length, "m")
        _positive("effective_mass", self.effective_mass, "kg")
        _positive("fermi_energy", self.fermi_energy, "J")
        a = _positive("lattice_spacing", self.lattice_spacing, "m")
        n = length / a
        if n < 1 or abs(n - round(n)) > 1e-6 * n:
            raise ParameterError("lattice_spacing", a, f"must divide length ({length} m) into "
                                 "a whole number of bonds")
        if (not isinstance(self.width, int | np.integer) or isinstance(self.width, bool)
                or not 1 <= self.width <= 200):
            raise ParameterError("width", self.width, "must be an integer in [1, 200]")
        k_f = np.sqrt(2 * self.effective_mass * self.fermi_energy) / constants.hbar
        if k_f * a >= 1:
            raise ParameterError("lattice_spacing", a, f"must be < 1/k_F = {1 / k_f:.3g} m "
                                 "(continuum limit)")

    @classmethod
    def from_material(cls, material: str, length: float, fermi_energy: float,
                      **kw: Any) -> DattaDasTransistor:
        """Channel with the effective mass of ``material`` (e.g. "InGaAs")."""
        mat = materials.get(material)
        if "effective_mass" not in mat:
            raise ParameterError("material", material, "needs an effective_mass")
        return cls(length, mat.value("effective_mass") * constants.m_e, fermi_energy, **kw)

    @property
    def bonds(self) -> int:
        """Number of Rashba bonds L/a along the wire."""
        return int(round(self.length / self.lattice_spacing))

    @property
    def hopping(self) -> float:
        """t = hbar^2 / (2 m* a^2) [J]."""
        return constants.hbar**2 / (2 * self.effective_mass * self.lattice_spacing**2)

    def lattice_precession_angle(self, alpha: np.ndarray | float) -> np.ndarray:
        """Exact precession of the 1D chain, 2 n arctan(t_so/t) [rad] (see module doc)."""
        t_so = _real("alpha", alpha, "J m") / (2 * self.lattice_spacing)
        return 2 * self.bonds * np.arctan(t_so / self.hopping)

    def spin_transmissions(self, alpha: np.ndarray | float) -> np.ndarray:
        """T[..., s', s] from spin s to s' along x (index 0: +x, 1: -x) at E_F.

        ``alpha`` [J m] may be an array (the gate sweep); the result has its shape + (2, 2).
        """
        al = _real("alpha", alpha, "J m")
        t, w = self.hopping, self.width
        h0, tx = strip_blocks(w, t, al / (2 * self.lattice_spacing))
        lead = Lead(*strip_blocks(w, t, 0.0))
        n_sites = self.bonds + 1
        dev = Device(np.broadcast_to(h0, (n_sites,) + h0.shape),
                     np.broadcast_to(tx, (n_sites - 1,) + tx.shape))
        bottom = 0.0 if w == 1 else 2 * t * (1 - np.cos(np.pi / (w + 1)))
        energy = self.fermi_energy + bottom
        proj = [spin_projector(w, "x", s) for s in (1, -1)]
        out = np.empty(al.shape + (2, 2))
        for i, pr in enumerate(proj):
            for j, pl in enumerate(proj):
                out[..., i, j] = transmission(dev, lead, lead, energy,
                                              left_projector=pl, right_projector=pr)
        return out

    def conductance(self, alpha: np.ndarray | float, polarization: float = 1.0) -> np.ndarray:
        """Conductance G [S] of eq. (2), both contacts spin filters of efficiency P along x
        (P in [-1, 1]; see :func:`filtered_conductance`)."""
        p = _polarization("polarization", polarization)
        return filtered_conductance(self.spin_transmissions(alpha), p, p)
