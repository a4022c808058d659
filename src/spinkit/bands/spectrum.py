"""Band structures along a path in k-space, Fermi contours, and densities of states.

:func:`band_structure` diagonalizes H(k) at every point of a path at once and keeps the
spin texture where the model has spin. :func:`density_of_states` samples a uniform k-grid
(the Brillouin zone of a lattice model, or the square |k_x|, |k_y| <= k_max of a continuum
one) and broadens each state into a normalised Gaussian of width sigma:

    g(E) = (1 / (2 pi)^d) sum_(n, k) dk^d exp(-(E - E_n(k))^2 / (2 sigma^2)) / (sqrt(2 pi) sigma)

per unit length, area or volume of the d-dimensional system [1/(J m^d)], both spins counted
as separate bands of the model.

:func:`fermi_contour` finds the constant-energy contours of a 2D model along rays from
k = 0: a coarse scan for sign changes of E_n(k) - E, then bisection of every bracket at
once (each step one batched diagonalization).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from spinkit import constants
from spinkit.bands.hamiltonian import BlochHamiltonian
from spinkit.bands.validation import bloch_hamiltonian, count, finite, finite_array, positive
from spinkit.errors import ConvergenceError, ParameterError

__all__ = [
    "BandStructure",
    "band_structure",
    "density_of_states",
    "fermi_contour",
    "straight_path",
]

_BISECTIONS = 64


@dataclass(frozen=True)
class BandStructure:
    """Bands E_n(k) along a path.

    Attributes
    ----------
    k: the path's wavevectors, shape (M, dim) [1/m].
    distance: signed arc length along the path, zero where it passes closest to k = 0,
        shape (M,) [1/m].
    energies: E_n(k), shape (M, N) [J], ascending in n.
    spin: <sigma> of each band, shape (M, N, 3), or ``None`` for a model without spin.
    """

    k: np.ndarray
    distance: np.ndarray
    energies: np.ndarray
    spin: np.ndarray | None

    def to_xarray(self) -> Any:
        """An :class:`xarray.Dataset` on (k, band); energies in J."""
        import xarray as xr

        data = {"energy": (("k", "band"), self.energies,
                           {"units": "J", "long_name": "band energy E_n(k)"}),
                "kx": ("k", self.k[:, 0], {"units": "1/m", "long_name": "k_x"})}
        if self.k.shape[1] > 1:
            data["ky"] = ("k", self.k[:, 1], {"units": "1/m", "long_name": "k_y"})
        if self.spin is not None:
            for i, c in enumerate("xyz"):
                data[f"spin_{c}"] = (("k", "band"), self.spin[..., i],
                                     {"units": "hbar/2", "long_name": f"<sigma_{c}>"})
        return xr.Dataset(data, coords={
            "k": ("k", self.distance, {"units": "1/m", "long_name": "distance along path"}),
            "band": ("band", np.arange(self.energies.shape[1]))})

    def plot(self, ax: Any = None) -> Any:
        """E (meV) against the path (1/nm), coloured by spin where there is one."""
        import matplotlib.pyplot as plt

        if ax is None:
            _, ax = plt.subplots(figsize=(5, 4), layout="constrained")
        x = self.distance * 1e-9
        for n in range(self.energies.shape[1]):
            ax.plot(x, self.energies[:, n] / constants.eV * 1e3, lw=1.5, label=f"band {n}")
        ax.set_xlabel("k along path (1/nm)")
        ax.set_ylabel("E (meV)")
        ax.legend(fontsize=8)
        return ax


def straight_path(start: object, stop: object, points: int) -> np.ndarray:
    """``points`` wavevectors evenly spaced from ``start`` to ``stop`` (both included) [1/m].

    Parameters
    ----------
    start, stop: the end points, each a 1D array of wavevector components [1/m].
    points: number of points (>= 2); returns shape (points, len(start)).
    """
    a = finite_array("start", start, "1/m")
    b = finite_array("stop", stop, "1/m")
    if a.ndim != 1 or a.size == 0:
        raise ParameterError("start", start, "must be one wavevector (a 1D array, 1/m)")
    if a.shape != b.shape:
        raise ParameterError("stop", stop, "must have the shape of start")
    n = count("points", points, 2)
    return a + np.linspace(0.0, 1.0, n)[:, None] * (b - a)


def band_structure(ham: BlochHamiltonian, k_path: object) -> BandStructure:
    """Bands (and spin texture) of ``ham`` along ``k_path`` (shape (M, dim), [1/m])."""
    bloch_hamiltonian("ham", ham)
    k = ham.check_k(k_path, "k_path")
    if k.ndim != 2 or k.shape[0] < 2:
        raise ParameterError("k_path", f"array of shape {k.shape}",
                             f"must be >= 2 wavevectors, shape (M, {ham.dim})")
    energies, vecs = ham.eigh(k)
    spin = ham._spin_expectation(vecs) if ham.spin is not None else None
    steps = np.linalg.norm(np.diff(k, axis=0), axis=1)
    dist = np.concatenate([[0.0], np.cumsum(steps)])
    dist -= dist[np.argmin(np.linalg.norm(k, axis=1))]
    return BandStructure(k, dist, energies, spin)


def density_of_states(ham: BlochHamiltonian, energies: object, *, broadening: float,
                      nk: int = 200, k_max: float | None = None,
                      chunk: int = 64) -> np.ndarray:
    """Gaussian-broadened density of states g(E) [1/(J m^d)] (module docstring).

    Parameters
    ----------
    ham: the model.
    energies: E [J] at which to evaluate g.
    broadening: sigma [J] of the Gaussian, > 0; choose it a few times the level spacing.
    nk: grid points along each axis (>= 4).
    k_max: half-width of the square grid [1/m], required for a continuum model (one without
        ``reciprocal_vectors``) and refused for a lattice model. States outside it are
        missing, so it must exceed every k with E_n(k) within a few sigma of ``energies``.
    chunk: energies evaluated per batch (memory), >= 1.
    """
    bloch_hamiltonian("ham", ham)
    sigma = positive("broadening", broadening)
    nk = count("nk", nk, 4)
    chunk = count("chunk", chunk, 1)
    e = finite_array("energies", energies, "J")
    d = ham.dim
    if ham.reciprocal_vectors is not None:
        if k_max is not None:
            raise ParameterError("k_max", k_max, "must be omitted for a lattice model (the "
                                 "grid covers its Brillouin zone)")
        frac = np.stack(np.meshgrid(*([np.arange(nk) / nk] * d), indexing="ij"), axis=-1)
        k = frac @ ham.reciprocal_vectors
        cell = abs(np.linalg.det(ham.reciprocal_vectors)) / nk**d
    else:
        kmax = positive("k_max", k_max) if k_max is not None else None
        if kmax is None:
            raise ParameterError("k_max", None, "is required for a continuum model")
        axis = (np.arange(nk) + 0.5) / nk * 2 * kmax - kmax
        k = np.stack(np.meshgrid(*([axis] * d), indexing="ij"), axis=-1)
        cell = (2 * kmax / nk) ** d
    levels = np.sort(ham.energies(k).ravel())
    weight = cell / (2 * np.pi) ** d / (np.sqrt(2 * np.pi) * sigma)
    flat = e.ravel()
    out = np.empty_like(flat)
    for start in range(0, flat.size, chunk):
        part = flat[start:start + chunk]
        # only levels within 8 sigma contribute
        lo = np.searchsorted(levels, part.min() - 8 * sigma)
        hi = np.searchsorted(levels, part.max() + 8 * sigma)
        near = levels[lo:hi]
        out[start:start + chunk] = weight * np.exp(
            -0.5 * ((part[:, None] - near[None, :]) / sigma) ** 2).sum(axis=1)
    return out.reshape(e.shape)


def fermi_contour(ham: BlochHamiltonian, energy: float, angles: np.ndarray, *, k_max: float,
                  n_radial: int = 400) -> tuple[np.ndarray, np.ndarray]:
    """Every crossing of the energy shell E_n(k) = ``energy`` along rays from k = 0.

    Parameters
    ----------
    ham: a 2D model.
    energy: E [J].
    angles: directions phi of the rays [rad], shape (A,).
    k_max: the rays end at |k| = k_max [1/m]; every crossing must lie inside.
    n_radial: points on each ray where E_n - E is sampled before bisection (>= 16); two
        crossings of one band closer than k_max / n_radial are missed.

    Returns
    -------
    band: the band index of each crossing, shape (C,), grouped by band then by |k|.
    k_fermi: |k| of each crossing on each ray, shape (C, A) [1/m].

    Raises
    ------
    ConvergenceError
        if a band crosses the shell a different number of times along different rays (the
        contour is not star-shaped about k = 0, or ``n_radial`` is too coarse).
    """
    bloch_hamiltonian("ham", ham, dim=2)
    e_f = finite("energy", energy)
    kmax = positive("k_max", k_max)
    n_radial = count("n_radial", n_radial, 16)
    phi = finite_array("angles", angles, "rad")
    if phi.ndim != 1 or phi.size == 0:
        raise ParameterError("angles", angles, "must be a non-empty 1D array of finite "
                             "angles (rad)")
    dirs = np.stack([np.cos(phi), np.sin(phi)], axis=-1)  # (A, 2)
    radii = np.linspace(0.0, kmax, n_radial)
    above = ham.energies(radii[None, :, None] * dirs[:, None, :]) > e_f  # (A, R, N)
    cross = above[:, :-1] != above[:, 1:]  # (A, R-1, N)
    bands, lows, highs, rays = [], [], [], []
    for n in range(ham.n_bands):
        counts = cross[:, :, n].sum(axis=1)
        if np.any(counts != counts[0]):
            raise ConvergenceError(
                f"band {n} crosses E = {e_f:.4g} J {counts.min()} to {counts.max()} times "
                "along different directions: its contour is not star-shaped about k = 0 "
                "(or n_radial is too coarse)")
        ray_idx, r_idx = np.nonzero(cross[:, :, n])  # sorted by ray, then radius
        m = int(counts[0])
        if m == 0:
            continue
        bands.extend([n] * m)
        lows.append(radii[r_idx].reshape(len(phi), m).T)
        highs.append(radii[r_idx + 1].reshape(len(phi), m).T)
        rays.append(np.broadcast_to(np.arange(len(phi)), (m, len(phi))))
    if not bands:
        return np.zeros(0, dtype=int), np.zeros((0, len(phi)))
    band = np.array(bands)
    lo, hi = np.concatenate(lows), np.concatenate(highs)  # (C, A)
    ray = np.concatenate(rays)
    sel = band[:, None] * np.ones(len(phi), dtype=int)  # (C, A): band of each bracket

    def band_energy(radius: np.ndarray) -> np.ndarray:
        e = ham.energies(radius[..., None] * dirs[ray])  # (C, A, N)
        return np.take_along_axis(e, sel[..., None], axis=-1)[..., 0]

    lo_above = band_energy(lo) > e_f
    for _ in range(_BISECTIONS):
        mid = 0.5 * (lo + hi)
        same = (band_energy(mid) > e_f) == lo_above
        lo = np.where(same, mid, lo)
        hi = np.where(same, hi, mid)
    return band, 0.5 * (lo + hi)
