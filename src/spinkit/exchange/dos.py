"""Densities of states per spin and per atom, for the Stoner model.

A :class:`DensityOfStates` is N(E) [1/J, states per spin per atom] tabulated on an ascending
energy grid [J]; between grid points it is linear, outside it zero. Constructors:

* :meth:`DensityOfStates.tabulated` - any measured or computed table;
* :meth:`~DensityOfStates.free_electron` - N(E) = (3 n / (4 E_F^{3/2})) sqrt(E), E >= 0, the
  parabolic band holding n electrons per atom (both spins) below E_F;
* :meth:`~DensityOfStates.rectangular` - N = 1/W on [-W/2, W/2];
* :meth:`~DensityOfStates.semi_elliptic` - N = (2/(pi R^2)) sqrt(R^2 - E^2), R = W/2 (Bethe
  lattice / Hubbard-III shape);
* :meth:`~DensityOfStates.tight_binding` - the single-orbital nearest-neighbour band
  E(k) = -t sum_delta cos(k . delta) of sc, bcc or fcc (a model of a transition-metal band's
  shape, not the five canonical d bands), histogrammed on a k mesh. Its moments are exact:
  int E N = 0 and int E^2 N = z t^2.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import expit

from spinkit import constants
from spinkit.errors import ParameterError
from spinkit.lattice import make_lattice, neighbour_shells
from spinkit.validation import positive

__all__ = ["DensityOfStates", "TB_LATTICES"]

TB_LATTICES = ("sc", "bcc", "fcc")




def _trapezoid_weights(x: np.ndarray) -> np.ndarray:
    w = np.zeros_like(x)
    dx = np.diff(x)
    w[:-1] += dx / 2
    w[1:] += dx / 2
    return w


@dataclass(frozen=True)
class DensityOfStates:
    """N(E) per spin and atom on a grid (module docstring).

    Attributes
    ----------
    energy: (n,) ascending energies [J].
    dos: (n,) N(E) >= 0 [1/J].
    name: label for figures.
    """

    energy: np.ndarray
    dos: np.ndarray
    name: str = "tabulated"

    def __post_init__(self) -> None:
        e = np.asarray(self.energy, dtype=float)
        d = np.asarray(self.dos, dtype=float)
        if e.ndim != 1 or e.shape != d.shape or e.size < 3:
            raise ParameterError("dos", f"{e.shape} vs {d.shape}",
                                 "needs matching 1D energy and DOS arrays of >= 3 points")
        if not (np.isfinite(e).all() and np.isfinite(d).all()):
            raise ParameterError("dos", "non-finite", "energies and DOS must be finite")
        if (np.diff(e) <= 0).any():
            raise ParameterError("energy", "not ascending", "energies must strictly increase")
        if (d < 0).any():
            raise ParameterError("dos", float(d.min()), "must be >= 0 everywhere")
        w = _trapezoid_weights(e)
        for name, arr in (("energy", e), ("dos", d), ("_weights", w)):
            arr.setflags(write=False)
            object.__setattr__(self, name, arr)
        cum = np.concatenate(([0.0], np.cumsum(0.5 * (d[1:] + d[:-1]) * np.diff(e))))
        # G(c) = int_0^c level(y) dy at the nodes, level linear in the count between them
        band = np.concatenate(([0.0], np.cumsum(0.5 * (e[1:] + e[:-1]) * np.diff(cum))))
        if cum[-1] <= 0:
            raise ParameterError("dos", "all zero", "must hold some states")
        object.__setattr__(self, "_count", cum)
        object.__setattr__(self, "_step", float(np.max(np.diff(e))))
        object.__setattr__(self, "_band", band)

    # ------------------------------------------------------------------- constructors
    @classmethod
    def tabulated(cls, energy: np.ndarray, dos: np.ndarray,
                  name: str = "tabulated") -> DensityOfStates:
        """A table of E [J] and N(E) per spin per atom [1/J]."""
        return cls(np.asarray(energy, dtype=float), np.asarray(dos, dtype=float), name)

    @classmethod
    def free_electron(cls, fermi_energy: float, n_electrons: float = 1.0,
                      points: int = 20001, top: float = 4.0) -> DensityOfStates:
        """Parabolic band with n electrons per atom below E_F [J], tabulated to top * E_F."""
        ef = positive("fermi_energy", fermi_energy)
        n = positive("n_electrons", n_electrons)
        e = np.linspace(0.0, top * ef, points)
        return cls(e, 0.75 * n / ef**1.5 * np.sqrt(e), "free electron")

    @classmethod
    def rectangular(cls, width: float, points: int = 4001) -> DensityOfStates:
        """Flat band N = 1/W on [-W/2, W/2] (one state per spin per atom)."""
        w = positive("width", width)
        e = np.linspace(-w / 2, w / 2, points)
        return cls(e, np.full(points, 1.0 / w), "rectangular")

    @classmethod
    def semi_elliptic(cls, width: float, points: int = 4001) -> DensityOfStates:
        """N = (2/(pi R^2)) sqrt(R^2 - E^2), R = W/2 (one state per spin per atom)."""
        r = positive("width", width) / 2
        e = np.linspace(-r, r, points)
        return cls(e, 2 / (np.pi * r * r) * np.sqrt(np.clip(r * r - e * e, 0, None)),
                   "semi-elliptic")

    @classmethod
    def tight_binding(cls, lattice: str, hopping: float, mesh: int = 64, bins: int = 801,
                      smearing: float = 1.5) -> DensityOfStates:
        """Nearest-neighbour band E(k) = -t sum_delta cos(k.delta) of ``lattice`` (sc/bcc/fcc).

        E is sampled on a ``mesh``^3 grid of the reciprocal cell, histogrammed into ``bins``
        bins spanning the band and smoothed with a Gaussian of ``smearing`` bins.
        """
        if lattice not in TB_LATTICES:
            raise ParameterError("lattice", lattice, f"must be one of {TB_LATTICES}")
        t = positive("hopping", hopping)
        lat = make_lattice(lattice)
        delta = neighbour_shells(lat, 1)[0].vector
        f = (np.arange(mesh) + 0.5) / mesh
        frac = np.stack(np.meshgrid(f, f, f, indexing="ij"), axis=-1).reshape(-1, 3)
        k = frac @ lat.reciprocal()
        energies = np.zeros(k.shape[0])
        for d in delta:
            energies -= t * np.cos(k @ d)
        z = delta.shape[0]
        lo, hi = energies.min(), energies.max()
        pad = 0.02 * (hi - lo)
        edges = np.linspace(lo - pad, hi + pad, bins + 1)
        hist, _ = np.histogram(energies, edges)
        width = edges[1] - edges[0]
        g = np.arange(-4 * smearing, 4 * smearing + 1)
        kernel = np.exp(-0.5 * (g / smearing) ** 2) if smearing > 0 else np.ones(1)
        hist = np.convolve(hist, kernel / kernel.sum(), mode="same")
        centres = 0.5 * (edges[1:] + edges[:-1])
        dos = hist / (energies.size * width)
        return cls(centres, dos, f"tight-binding {lattice} (z = {z})")

    # -------------------------------------------------------------------- evaluations
    @property
    def capacity(self) -> float:
        """States per spin per atom in the table, int N dE."""
        return float(self._count[-1])

    def value(self, energy: np.ndarray | float) -> np.ndarray:
        """N(E) [1/J], linear between grid points, 0 outside."""
        return np.interp(energy, self.energy, self.dos, left=0.0, right=0.0)

    def count(self, energy: np.ndarray | float) -> np.ndarray:
        """States per spin below E: int_{-inf}^E N."""
        return np.interp(energy, self.energy, self._count)

    def level(self, filling: np.ndarray | float) -> np.ndarray:
        """Energy [J] below which ``filling`` states per spin lie (T = 0 Fermi level)."""
        f = np.asarray(filling, dtype=float)
        if (f < 0).any() or (f > self.capacity * (1 + 1e-12)).any():
            raise ParameterError("filling", f.tolist(),
                                 f"must be in [0, {self.capacity:.6g}] states per spin")
        return np.interp(f, self._count, self.energy)

    def band_energy(self, filling: np.ndarray | float) -> np.ndarray:
        """int^{E(filling)} E N(E) dE [J]: energy of one spin band filled to ``filling``.

        Evaluated as G(x) = int_0^x level(y) dy with :meth:`level` (linear in the count
        between grid nodes), so dG/dx = level(x) exactly: G is convex and piecewise
        quadratic, the Stoner energy E(m) has curvature 1/N wherever the band is filled
        (not only at grid nodes), and I = 0 gives m = 0 exactly. (A linear interpolation
        of the node values made G piecewise linear: E(m) was flat inside a grid cell and
        the T = 0 solver returned spurious moments of ~1e-2 mu_B below I_c.)
        """
        x = np.asarray(filling, dtype=float)
        c, e = self._count, self.energy
        k = np.clip(np.searchsorted(c, x, side="right") - 1, 0, c.size - 2)
        span = c[k + 1] - c[k]
        slope = np.divide(e[k + 1] - e[k], span, out=np.zeros_like(span), where=span > 0)
        dc = x - c[k]
        return self._band[k] + e[k] * dc + 0.5 * slope * dc * dc

    def _cold(self, temperature: float) -> bool:
        """k_B T below two grid steps: the grid cannot resolve -df/dE; use T = 0."""
        return constants.k_B * temperature < 2 * self._step

    def occupation(self, mu: float, temperature: float) -> float:
        """States per spin at chemical potential ``mu`` [J] and temperature [K].

        Below the grid's resolution (k_B T < 2 grid steps) the T = 0 value is returned.
        """
        if self._cold(temperature):
            return float(self.count(mu))
        kt = constants.k_B * temperature
        return float(np.sum(self._weights * self.dos * expit((mu - self.energy) / kt)))

    def thermal_dos(self, mu: float, temperature: float) -> float:
        """int N(E) (-df/dE) dE [1/J] at ``mu`` and ``temperature`` (N(mu) at T = 0)."""
        if self._cold(temperature):
            return float(self.value(mu))
        kt = constants.k_B * temperature
        f = expit((mu - self.energy) / kt)
        return float(np.sum(self._weights * self.dos * f * (1 - f)) / kt)
