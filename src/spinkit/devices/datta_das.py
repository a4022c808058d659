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

import numpy as np

from spinkit import constants, materials
from spinkit.errors import ParameterError
from spinkit.tunneling.landauer import Device, spin_projector, transmission
from spinkit.tunneling.lattice import strip_blocks
from spinkit.tunneling.leads import Lead

__all__ = ["DattaDasTransistor", "oscillation_period", "precession_angle", "rashba_period"]


def _positive(name: str, value: float, unit: str) -> float:
    v = float(value)
    if not np.isfinite(v) or v <= 0:
        raise ParameterError(name, value, f"must be a finite number > 0 ({unit})")
    return v


def precession_angle(alpha: np.ndarray | float, effective_mass: float,
                     length: float) -> np.ndarray:
    """Delta theta = 2 m* alpha L / hbar^2 [rad] (eq. 1).

    alpha: Rashba parameter [J m]; effective_mass: m* [kg]; length: L [m].
    """
    m = _positive("effective_mass", effective_mass, "kg")
    ell = _positive("length", length, "m")
    return 2 * m * np.asarray(alpha, dtype=float) * ell / constants.hbar**2


def rashba_period(effective_mass: float, length: float) -> float:
    """Period of the conductance in alpha: pi hbar^2 / (m* L) [J m]."""
    m = _positive("effective_mass", effective_mass, "kg")
    ell = _positive("length", length, "m")
    return np.pi * constants.hbar**2 / (m * ell)


def oscillation_period(x: np.ndarray, y: np.ndarray) -> float:
    """Mean spacing [unit of x] of the maxima of a sampled oscillation y(x).

    Interior maxima are refined by a parabola through three samples; an endpoint larger
    than its neighbour counts as a maximum there. Needs at least two maxima.
    """
    x, y = np.asarray(x, float), np.asarray(y, float)
    if x.ndim != 1 or x.shape != y.shape or x.size < 3 or np.any(np.diff(x) <= 0):
        raise ParameterError("x", x.shape, "must be >= 3 increasing samples matching y")
    peaks = []
    if y[0] > y[1]:
        peaks.append(x[0])
    inner = np.flatnonzero((y[1:-1] > y[:-2]) & (y[1:-1] >= y[2:])) + 1
    for i in inner:
        h = x[i + 1] - x[i]
        curv = y[i - 1] - 2 * y[i] + y[i + 1]
        peaks.append(x[i] + 0.5 * h * (y[i - 1] - y[i + 1]) / curv if curv else x[i])
    if y[-1] > y[-2]:
        peaks.append(x[-1])
    if len(peaks) < 2:
        raise ParameterError("x", (x[0], x[-1]), "range holds fewer than two maxima")
    return float(np.mean(np.diff(peaks)))


@dataclass(frozen=True)
class DattaDasTransistor:
    """A Rashba wire between spin-filtering contacts magnetised along x.

    Parameters
    ----------
    length: L, Rashba channel length [m]; the chain has round(L/a) Rashba bonds.
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
        _positive("length", self.length, "m")
        _positive("effective_mass", self.effective_mass, "kg")
        _positive("fermi_energy", self.fermi_energy, "J")
        a = _positive("lattice_spacing", self.lattice_spacing, "m")
        if self.length / a < 1:
            raise ParameterError("lattice_spacing", a, f"must be <= length ({self.length} m)")
        if not isinstance(self.width, int) or not 1 <= self.width <= 200:
            raise ParameterError("width", self.width, "must be an integer in [1, 200]")
        k_f = np.sqrt(2 * self.effective_mass * self.fermi_energy) / constants.hbar
        if k_f * a >= 1:
            raise ParameterError("lattice_spacing", a, f"must be < 1/k_F = {1 / k_f:.3g} m "
                                 "(continuum limit)")

    @classmethod
    def from_material(cls, material: str, length: float, fermi_energy: float,
                      **kw: float) -> DattaDasTransistor:
        """Channel with the effective mass of ``material`` (e.g. "InGaAs")."""
        mat = materials.get(material)
        if "effective_mass" not in mat:
            raise ParameterError("material", material, "needs an effective_mass")
        return cls(length, mat.value("effective_mass") * constants.m_e, fermi_energy, **kw)

    @property
    def bonds(self) -> int:
        """Number of Rashba bonds round(L/a) along the wire."""
        return int(round(self.length / self.lattice_spacing))

    @property
    def hopping(self) -> float:
        """t = hbar^2 / (2 m* a^2) [J]."""
        return constants.hbar**2 / (2 * self.effective_mass * self.lattice_spacing**2)

    def lattice_precession_angle(self, alpha: np.ndarray | float) -> np.ndarray:
        """Exact precession of the 1D chain, 2 n arctan(t_so/t) [rad] (see module doc)."""
        t_so = np.asarray(alpha, dtype=float) / (2 * self.lattice_spacing)
        return 2 * self.bonds * np.arctan(t_so / self.hopping)

    def spin_transmissions(self, alpha: np.ndarray | float) -> np.ndarray:
        """T[..., s', s] from spin s to s' along x (index 0: +x, 1: -x) at E_F.

        ``alpha`` [J m] may be an array (the gate sweep); the result has its shape + (2, 2).
        """
        al = np.asarray(alpha, dtype=float)
        if not np.all(np.isfinite(al)):
            raise ParameterError("alpha", alpha, "must be finite (J m)")
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
        """Conductance G [S] of eq. (2) with contacts of spin-filter efficiency P along x."""
        p = float(polarization)
        if not np.isfinite(p) or abs(p) > 1:
            raise ParameterError("polarization", polarization, "must be in [-1, 1]")
        weights = 0.5 * (1 + p * np.array([1.0, -1.0]))
        t = self.spin_transmissions(alpha)
        return constants.e**2 / constants.h * np.einsum("...ij,i,j->...", t, weights, weights)
