"""Berry phases, Wilson loops, Berry curvature and Chern numbers, gauge-invariantly.

The Berry connection of band n is A_n(k) = i <u_n(k)| grad_k u_n(k)>, its curvature
F_n = dA_y/dk_x - dA_x/dk_y, the Berry phase of a closed loop C is gamma_n = oint_C A_n . dk =
int F_n d^2k over the enclosed area (counter-clockwise loop), and the Chern number of a band
on the Brillouin-zone torus is C_n = (1/2 pi) int_BZ F_n d^2k.

Eigenvectors from a numerical diagonalization have arbitrary phases, so nothing here
differentiates them. Instead a discretised loop k_0, k_1, ..., k_(M-1) (closed back to k_0)
gives the gauge-invariant product of overlap matrices of the chosen set of bands,

    W = M_01 M_12 ... M_(M-1)0,   (M_ij)_mn = <u_m(k_i)|u_n(k_j)>,

whose eigenvalues are exp(-i gamma) (the Wilson loop; one band: the Berry phase
gamma = -arg prod_j <u(k_j)|u(k_(j+1))>; R. Resta, J. Phys.: Condens. Matter 12, R107
(2000)). On the Brillouin zone the same products around each small plaquette give the
lattice field strength of T. Fukui, Y. Hatsugai and H. Suzuki, J. Phys. Soc. Jpn. 74, 1674
(2005), whose sum is exactly 2 pi times an integer at any grid size: the Chern number.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from spinkit.bands.hamiltonian import BlochHamiltonian
from spinkit.bands.validation import bloch_hamiltonian, count
from spinkit.errors import ConvergenceError, ParameterError

__all__ = ["BerryCurvature", "berry_curvature", "berry_phase", "chern_number", "wilson_loop"]

#: |det <u_i|u_j>| below which two neighbouring points carry (nearly) orthogonal states and
#: the phase between them is meaningless (the loop or grid is too coarse).
_MIN_OVERLAP = 1e-8


def _band_list(ham: BlochHamiltonian, bands: int | Sequence[int]) -> list[int]:
    chosen = [bands] if isinstance(bands, int | np.integer) else list(bands)
    valid = all(not isinstance(b, bool) and isinstance(b, int | np.integer)
                and 0 <= b < ham.n_bands for b in chosen)
    if not chosen or not valid or len(set(chosen)) != len(chosen):
        raise ParameterError("bands", bands,
                             f"must be distinct band indices in [0, {ham.n_bands - 1}]")
    return [int(b) for b in chosen]


def _projected_vectors(ham: BlochHamiltonian, k: np.ndarray, bands: list[int],
                       name: str) -> np.ndarray:
    """Eigenvectors of ``bands`` at ``k``, shape (..., N, len(bands)); checks the gap."""
    energies, vecs = ham.eigh(k)
    outside = [b for b in range(ham.n_bands) if b not in bands]
    if outside:
        scale = np.max(np.abs(energies)) or 1.0
        inside_e = energies[..., bands]
        gap = np.inf
        for b in outside:
            gap = min(gap, float(np.min(np.abs(energies[..., b, None] - inside_e))))
        if gap <= 1e-10 * scale:
            raise ParameterError(name, "path", "meets a degeneracy between the chosen bands "
                                 "and the others: the Berry phase is undefined there")
    return vecs[..., :, bands]


def _ordered_product(mats: np.ndarray) -> np.ndarray:
    """M_0 M_1 ... M_(n-1) of a stack (n, m, m), by pairwise batched products (log2 n steps).

    Each factor is rescaled to unit determinant magnitude first, so that 10^6 factors of
    modulus slightly below 1 cannot underflow; only the phases matter here.
    """
    det = np.abs(np.linalg.det(mats))
    mats = mats / np.where(det > 0, det, 1.0)[:, None, None] ** (1.0 / mats.shape[-1])
    while mats.shape[0] > 1:
        head = mats[: mats.shape[0] // 2 * 2]
        paired = head[0::2] @ head[1::2]
        mats = paired if mats.shape[0] % 2 == 0 else np.concatenate([paired, mats[-1:]])
    return mats[0]


def wilson_loop(ham: BlochHamiltonian, k_loop: object,
                bands: int | Sequence[int] = 0) -> np.ndarray:
    """Eigenphases gamma of the Wilson loop of ``bands`` around a closed loop [rad].

    Parameters
    ----------
    ham: the Bloch Hamiltonian.
    k_loop: wavevectors along the loop, shape (M, dim) [1/m], M >= 3. The loop closes from
        the last point back to the first (do not repeat it). For a lattice model the loop
        may instead end one reciprocal lattice vector away from its start (a loop across the
        Brillouin zone); give the points without that end point.
    bands: one band index or several (a non-Abelian Wilson loop of that group of bands).

    Returns
    -------
    The Berry phases, sorted, each in (-pi, pi] [rad]; their number is that of ``bands``.

    Raises
    ------
    ParameterError
        naming ``k_loop`` if the loop meets a degeneracy between the chosen bands and the
        others, or is so coarse that the states at two neighbouring points are orthogonal.
    """
    bloch_hamiltonian("ham", ham)
    chosen = _band_list(ham, bands)
    k = ham.check_k(k_loop, "k_loop")
    if k.ndim != 2 or k.shape[0] < 3:
        raise ParameterError("k_loop", f"array of shape {k.shape}",
                             f"must be >= 3 wavevectors, shape (M, {ham.dim})")
    u = _projected_vectors(ham, k, chosen, "k_loop")  # (M, N, nb)
    overlaps = np.einsum("jam,jan->jmn", u.conj(), np.roll(u, -1, axis=0))
    if np.min(np.abs(np.linalg.det(overlaps))) < _MIN_OVERLAP:
        raise ParameterError("k_loop", f"{k.shape[0]} points", "is too coarse: the states at "
                             "two neighbouring points are orthogonal, so the phase between "
                             "them is undefined; add points along the loop")
    phases = -np.angle(np.linalg.eigvals(_ordered_product(overlaps)))
    return np.sort(np.where(phases <= -np.pi, phases + 2 * np.pi, phases))


def berry_phase(ham: BlochHamiltonian, k_loop: object, band: int = 0) -> float:
    """Berry phase gamma of one band around a closed loop [rad], in (-pi, pi].

    gamma = -arg prod_j <u(k_j)|u(k_(j+1))> (module docstring); see :func:`wilson_loop` for
    ``k_loop``. A counter-clockwise loop gives +int F d^2k (mod 2 pi).
    """
    bloch_hamiltonian("ham", ham)
    if (isinstance(band, bool) or not isinstance(band, int | np.integer)
            or not 0 <= band < ham.n_bands):
        raise ParameterError("band", band, f"must be one band index in [0, {ham.n_bands - 1}]")
    return float(wilson_loop(ham, k_loop, band)[0])


@dataclass(frozen=True)
class BerryCurvature:
    """Berry curvature of a group of bands on a grid over the Brillouin zone.

    Attributes
    ----------
    k: plaquette corners k_ij = (i b_1 + j b_2) / n, shape (n, n, 2) [1/m].
    curvature: F at each plaquette (its flux divided by its area), shape (n, n) [m^2].
    flux: Berry flux through each plaquette, in (-pi, pi], shape (n, n) [rad].
    chern: the Chern number sum(flux) / 2 pi.
    bands: the band indices.
    """

    k: np.ndarray
    curvature: np.ndarray
    flux: np.ndarray
    chern: int
    bands: tuple[int, ...]

    def to_xarray(self) -> Any:
        """The curvature as an :class:`xarray.Dataset` on (i, j) with kx, ky coordinates."""
        import xarray as xr

        return xr.Dataset(
            {"curvature": (("i", "j"), self.curvature,
                           {"units": "m^2", "long_name": "Berry curvature F"}),
             "chern": ((), self.chern, {"units": "", "long_name": "Chern number"})},
            coords={"kx": (("i", "j"), self.k[..., 0], {"units": "1/m"}),
                    "ky": (("i", "j"), self.k[..., 1], {"units": "1/m"})},
            attrs={"bands": list(self.bands)},
        )

    def plot(self, ax: Any = None) -> Any:
        """Map of F over the zone; returns the axes."""
        import matplotlib.pyplot as plt

        if ax is None:
            _, ax = plt.subplots(figsize=(4.5, 4), layout="constrained")
        lim = np.max(np.abs(self.curvature)) or 1.0
        mesh = ax.pcolormesh(self.k[..., 0], self.k[..., 1], self.curvature, cmap="RdBu_r",
                             vmin=-lim, vmax=lim, shading="nearest")
        ax.figure.colorbar(mesh, ax=ax, label="F (m^2)")
        ax.set_xlabel("kx (1/m)")
        ax.set_ylabel("ky (1/m)")
        ax.set_title(f"Berry curvature, bands {list(self.bands)}: C = {self.chern}")
        ax.set_aspect("equal")
        return ax


def berry_curvature(ham: BlochHamiltonian, bands: int | Sequence[int] = 0,
                    nk: int = 48) -> BerryCurvature:
    """Berry curvature and Chern number of ``bands`` on an n x n grid (Fukui et al. 2005).

    Parameters
    ----------
    ham: a two-dimensional lattice model (``ham.reciprocal_vectors`` set).
    bands: one band index or several (their total Chern number).
    nk: grid points n along each reciprocal lattice vector (>= 4).

    Raises
    ------
    ParameterError
        if the model is not a 2D lattice model, or the bands touch the others on the grid.
    ConvergenceError
        if the total flux is not 2 pi times an integer (it always is, up to rounding,
        unless the grid cannot resolve the curvature: refine ``nk``).
    """
    bloch_hamiltonian("ham", ham, dim=2)
    if ham.reciprocal_vectors is None:
        raise ParameterError("ham", type(ham).__name__, "needs a 2D lattice model (with "
                             "reciprocal_vectors): a continuum model has no Brillouin zone")
    nk = count("nk", nk, 4)
    chosen = _band_list(ham, bands)
    b = ham.reciprocal_vectors
    frac = np.arange(nk) / nk
    k = frac[:, None, None] * b[0] + frac[None, :, None] * b[1]  # (n, n, 2)
    u = _projected_vectors(ham, k, chosen, "bands")  # (n, n, N, nb)

    def link(shift_axis: int) -> np.ndarray:
        m = np.einsum("ijam,ijan->ijmn", u.conj(), np.roll(u, -1, axis=shift_axis))
        return np.linalg.det(m)

    u1, u2 = link(0), link(1)
    if min(np.min(np.abs(u1)), np.min(np.abs(u2))) < _MIN_OVERLAP:
        raise ConvergenceError(f"neighbouring Bloch states on the {nk} x {nk} grid are "
                               "orthogonal: the link phases are undefined; refine nk")
    plaquette = u1 * np.roll(u2, -1, axis=0) * np.conj(np.roll(u1, -1, axis=1)) * np.conj(u2)
    orientation = np.sign(np.linalg.det(b))
    flux = -orientation * np.angle(plaquette)  # F d^2k for A = i<u|du> (module docstring)
    total = float(np.sum(flux)) / (2 * np.pi)
    chern = round(total)
    if abs(total - chern) > 1e-6:
        raise ConvergenceError(f"Berry flux sums to {total:.6f} x 2 pi, not an integer: "
                               f"refine nk (now {nk})")
    area = abs(np.linalg.det(b)) / nk**2
    return BerryCurvature(k, flux / area, flux, int(chern), tuple(chosen))


def chern_number(ham: BlochHamiltonian, bands: int | Sequence[int] = 0, nk: int = 48) -> int:
    """Chern number of ``bands`` of a 2D lattice model; see :func:`berry_curvature`."""
    return berry_curvature(ham, bands, nk).chern
