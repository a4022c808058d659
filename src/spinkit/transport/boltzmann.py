"""Spin-resolved Boltzmann conductivity of a band model (relaxation-time approximation).

For bands E_n(k) with group velocities v_n = (1/hbar) dE_n/dk and spin expectation s_n(k) =
<sigma_z> in [-1, 1], the linearised Boltzmann equation with relaxation time tau gives the
conductivity tensor of spin channel sigma = up, down [S/m in 3D, S in 2D, S m in 1D]

    sigma^s_ij = e^2 sum_n int d^dk/(2 pi)^d  w^s_n tau v_i v_j (-df/dE),                 (1)

w^up = (1 + s)/2, w^down = (1 - s)/2, f the Fermi function at chemical potential mu and
temperature T (the Fermi window -df/dE = sech^2((E - mu)/2kT) / 4kT). The same sums give the
spin-resolved density of states at the Fermi level smeared by the window,
N_s = sum_n int d^dk/(2 pi)^d w^s_n (-df/dE), and <v^2 tau>_s, so that in d dimensions
tr(sigma^s)/d = (e^2/d) N_s <v^2 tau>_s — the review's two-current formula for d = 3.

Any band model works that follows :class:`BandModel`: a callable taking wavevectors k of
shape (..., d) [1/m] and returning energies (..., nb) [J], velocities (..., nb, d) [m/s] and,
optionally, spin expectations (..., nb); without spins each band is spin-degenerate (counted
once per spin). The integral is a uniform-grid sum over one reciprocal cell (or over a box
big enough to hold the Fermi window for free-electron-like bands); for a smooth window this
converges faster than any power of the grid step once the step resolves kT - which at low
T needs enormous grids. ``integration="surface"`` (the default at T = 0) therefore works on
the Fermi surfaces themselves: at T = 0 the window is delta(E - mu) and eq. (1) becomes a
surface integral (:mod:`spinkit.transport.fermi_surface`: simplices of the grid, corners and
quadrature points moved onto the true surface, O(h^3) or better); at T > 0 these T = 0
results at energies mu + kT x_i are averaged with a Gauss rule for the window weight
(:func:`fermi_window_rule`), so any temperature costs a handful of surface integrals.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

import numpy as np

from spinkit import constants
from spinkit.errors import ParameterError
from spinkit.transport.fermi_surface import fermi_surface, grid_points
from spinkit.validation import array_in_range, in_range, positive

__all__ = [
    "BandModel",
    "ParabolicBands",
    "HamiltonianBands",
    "BoltzmannResult",
    "boltzmann_conductivity",
    "fermi_window",
    "fermi_window_rule",
]

Tau = float | Callable[[np.ndarray, np.ndarray], np.ndarray]


class BandModel(Protocol):
    """k (..., d) [1/m] -> (energies (..., nb) [J], velocities (..., nb, d) [m/s][, spins])."""

    def __call__(self, k: np.ndarray) -> tuple[np.ndarray, ...]: ...


@dataclass(frozen=True)
class ParabolicBands:
    """Free-electron bands E_n(k) = E0_n + hbar^2 k^2 / (2 m_n), each of one spin.

    Parameters
    ----------
    masses: effective masses m_n [kg].
    offsets: band bottoms E0_n [J] (an exchange splitting: offsets -/+ Delta/2).
    spins: <sigma_z> of each band (+1 up, -1 down); ``None``: spin-degenerate bands.
    """

    masses: tuple[float, ...]
    offsets: tuple[float, ...] = (0.0,)
    spins: tuple[float, ...] | None = None

    def __post_init__(self) -> None:
        if any(not np.isfinite(m) or m <= 0 for m in self.masses):
            raise ParameterError("masses", self.masses, "must be finite and > 0 kg")
        if len(self.offsets) != len(self.masses):
            raise ParameterError("offsets", self.offsets, "needs one per mass")
        if self.spins is not None and (len(self.spins) != len(self.masses)
                                       or any(abs(s) > 1 for s in self.spins)):
            raise ParameterError("spins", self.spins, "needs one value in [-1, 1] per mass")

    @classmethod
    def exchange_split(cls, mass_up: float, mass_down: float, splitting: float
                       ) -> ParabolicBands:
        """Stoner-like pair: up band lowered and down band raised by ``splitting``/2 [J]."""
        return cls((mass_up, mass_down), (-splitting / 2, splitting / 2), (1.0, -1.0))

    def __call__(self, k: np.ndarray) -> tuple[np.ndarray, ...]:
        k = np.asarray(k, dtype=float)
        m = np.asarray(self.masses)
        k2 = np.sum(k * k, axis=-1)[..., None]
        energy = np.asarray(self.offsets) + constants.hbar**2 * k2 / (2 * m)
        velocity = constants.hbar * k[..., None, :] / m[:, None]
        if self.spins is None:
            return energy, velocity
        return energy, velocity, np.broadcast_to(np.asarray(self.spins), energy.shape)


class HamiltonianBands:
    """A :class:`BandModel` from a Bloch Hamiltonian of :mod:`spinkit.bands`.

    Energies E_n(k) come from the Hamiltonian's batched ``eigh``; velocities from the
    Hellmann-Feynman theorem, v_n,i = (1/hbar) Re <u_n| dH/dk_i |u_n>, with dH/dk_i by central
    differences of step ``dk`` (exact up to rounding for Hamiltonians quadratic in k); spins
    are <u_n| sigma . a |u_n> along ``spin_axis`` a (when the model has spin operators).

    Parameters
    ----------
    hamiltonian: any object with ``dim``, ``matrix(k)`` [J] and ``eigh(k)`` (and optionally
        ``spin``, shape (3, N, N)), such as :class:`spinkit.bands.SpinOrbit2DEG`.
    spin_axis: quantisation axis of the two spin channels (3 numbers).
    dk: finite-difference step [1/m]; default 1e-5 of the largest |k| in each call.
    """

    def __init__(self, hamiltonian, spin_axis=(0.0, 0.0, 1.0), dk: float | None = None):
        axis = np.asarray(spin_axis, dtype=float)
        if axis.shape != (3,) or not np.isfinite(axis).all() or not np.linalg.norm(axis) > 0:
            raise ParameterError("spin_axis", spin_axis, "must be a non-zero 3-vector")
        if dk is not None and (not np.isfinite(dk) or dk <= 0):
            raise ParameterError("dk", dk, "must be > 0 (1/m)")
        self.hamiltonian = hamiltonian
        self.dk = dk
        spin = getattr(hamiltonian, "spin", None)
        self._spin_op = None if spin is None else np.einsum("i,iab->ab",
                                                            axis / np.linalg.norm(axis), spin)

    def __call__(self, k: np.ndarray) -> tuple[np.ndarray, ...]:
        k = np.asarray(k, dtype=float)
        ham = self.hamiltonian
        energy, vecs = ham.eigh(k)
        step = self.dk or 1e-5 * max(float(np.max(np.abs(k))), 1.0)
        vel = np.empty(energy.shape + (k.shape[-1],))
        for i in range(k.shape[-1]):
            shift = np.zeros(k.shape[-1])
            shift[i] = step
            dh = (ham.matrix(k + shift) - ham.matrix(k - shift)) / (2 * step)
            vel[..., i] = np.einsum("...an,...ab,...bn->...n", vecs.conj(), dh,
                                    vecs).real / constants.hbar
        if self._spin_op is None:
            return energy, vel
        spin = np.einsum("...an,ab,...bn->...n", vecs.conj(), self._spin_op, vecs).real
        return energy, vel, spin


def fermi_window(energy: np.ndarray, mu: float, temperature: float) -> np.ndarray:
    """-df/dE [1/J] = sech^2((E - mu) / 2kT) / 4kT."""
    kt = constants.k_B * temperature
    x = np.clip((energy - mu) / (2 * kt), -350, 350)
    return 1.0 / (4 * kt * np.cosh(x) ** 2)


@dataclass(frozen=True)
class BoltzmannResult:
    """Spin-resolved conductivity from eq. (1); index 0 = up, 1 = down.

    Attributes
    ----------
    sigma: (2, d, d) conductivity tensor per spin [S/m for d = 3].
    dos: (2,) N_s(E_F) smeared by the Fermi window [1/(J m^d)].
    v2tau: (2,) <v^2 tau>_s over the Fermi window [m^2/s].
    density: carrier density sum_n int f d^dk/(2pi)^d, both spins [1/m^d].
    """

    sigma: np.ndarray
    dos: np.ndarray
    v2tau: np.ndarray
    density: float

    @property
    def sigma_total(self) -> np.ndarray:
        """sigma_up + sigma_down, (d, d)."""
        return self.sigma.sum(axis=0)

    @property
    def current_polarization(self) -> float:
        """P_J = (s_up - s_down)/(s_up + s_down) from the traces of the spin tensors."""
        tr = np.trace(self.sigma, axis1=1, axis2=2)
        return float((tr[0] - tr[1]) / (tr[0] + tr[1]))

    @property
    def dos_polarization(self) -> float:
        """P_N = (N_up - N_down)/(N_up + N_down) at the Fermi level."""
        return float((self.dos[0] - self.dos[1]) / (self.dos[0] + self.dos[1]))


def boltzmann_conductivity(
    band: BandModel,
    *,
    reciprocal_vectors: np.ndarray,
    n_k: int | tuple[int, ...],
    chemical_potential: float,
    temperature: float,
    tau: Tau,
    origin: np.ndarray | None = None,
    chunk: int = 1 << 18,
    integration: str = "auto",
    window_points: int = 8,
) -> BoltzmannResult:
    """Integrate eq. (1) on a uniform grid over the cell spanned by ``reciprocal_vectors``.

    Parameters
    ----------
    band: a :class:`BandModel`.
    reciprocal_vectors: (d, d) rows b_j [1/m] spanning the integration cell (the Brillouin
        zone of a lattice model; a box 2 k_max * identity for free-electron bands).
    n_k: grid points along each b_j (int or one per direction), >= 4.
    chemical_potential: mu [J].
    temperature: T [K], >= 0.
    tau: relaxation time [s], a number or a callable ``tau(energy [J], spin)`` returning
        arrays like the energies (spin: +1 up weight, -1 down weight).
    origin: corner of the cell [1/m]; default -(b_1 + ... + b_d)/2 (centred at Gamma).
    chunk: grid points evaluated at once (memory bound).
    integration: ``"grid"``: sum of eq. (1) over the grid with the Fermi window (T > 0; the
        grid must resolve kT, checked: hbar v dk <= 3 kT, so low T needs huge grids).
        ``"surface"``: Fermi-surface integrals (:mod:`spinkit.transport.fermi_surface`; any
        grid that resolves the surface's shape), at T > 0 averaged over the window by the
        ``window_points``-point Gauss rule of :func:`fermi_window_rule` (exact for
        quantities polynomial in E of degree < 2 window_points; band edges or van Hove
        points within ~15 kT of mu limit it). ``"auto"``: surface at T = 0, grid above.
    window_points: nodes of the window rule (``"surface"`` at T > 0).
    """
    b = np.atleast_2d(np.asarray(reciprocal_vectors, dtype=float))
    d = b.shape[0]
    if b.shape != (d, d) or not np.isfinite(b).all() or abs(np.linalg.det(b)) == 0:
        raise ParameterError("reciprocal_vectors", b.tolist(), "must be a non-singular (d, d)")
    nk = (n_k,) * d if np.isscalar(n_k) else tuple(n_k)
    if len(nk) != d or any(int(n) != n or n < 4 for n in nk):
        raise ParameterError("n_k", n_k, f"must be an integer >= 4 (or {d} of them)")
    temperature = in_range("temperature", temperature, low=0.0, bounds="[]")
    chemical_potential = in_range("chemical_potential", chemical_potential)
    if not callable(tau):
        positive("tau", tau)
    if isinstance(chunk, bool) or not isinstance(chunk, int | np.integer) or chunk < 1:
        raise ParameterError("chunk", chunk, "must be an integer >= 1")
    origin = -0.5 * b.sum(axis=0) if origin is None else array_in_range("origin", origin)
    if origin.shape != (d,):
        raise ParameterError("origin", origin.tolist(), f"must be {d} numbers (1/m)")
    if integration == "auto":
        integration = "surface" if temperature == 0 else "grid"
    if integration not in ("grid", "surface"):
        raise ParameterError("integration", integration, "must be 'auto', 'grid' or 'surface'")
    if integration == "surface":
        return _surface_conductivity(band, b, origin, nk, chemical_potential, temperature,
                                     tau, chunk, window_points)
    if temperature == 0:
        raise ParameterError("temperature", temperature, "must be > 0 K for integration="
                             "'grid' (the Fermi window); use 'surface' at T = 0")
    kt = constants.k_B * temperature
    weight = abs(np.linalg.det(b)) / (np.prod(nk) * (2 * np.pi) ** d)
    dk = np.max(np.linalg.norm(b, axis=1) / np.asarray(nk))

    sigma = np.zeros((2, d, d))
    dos = np.zeros(2)
    v2t = np.zeros(2)
    density = 0.0
    window_hit = False
    grid = grid_points(nk)
    for start in range(0, grid.shape[0], chunk):
        k = origin + grid[start:start + chunk] @ b
        out = band(k)
        energy, vel = out[0], out[1]
        spin = out[2] if len(out) > 2 else None
        win = fermi_window(energy, chemical_potential, temperature)
        speed = np.linalg.norm(vel, axis=-1)
        in_window = win > 1e-3 / kt
        window_hit = window_hit or bool(np.any(in_window))
        if np.any(in_window) and constants.hbar * np.max(speed[in_window]) * dk > 3 * kt:
            raise ParameterError("n_k", n_k, "too coarse: the grid step must resolve kT "
                                 "(raise n_k or temperature, or use temperature = 0)")
        occ = 0.5 * (1 - np.tanh(np.clip((energy - chemical_potential) / (2 * kt), -350, 350)))
        for s, sign in enumerate((1.0, -1.0)):
            w = np.full_like(energy, 1.0) if spin is None else (1 + sign * spin) / 2
            t = tau(energy, np.full_like(energy, sign)) if callable(tau) else tau
            ww = w * win * weight
            sigma[s] += np.einsum("kn,kni,knj->ij", ww * t, vel, vel)
            dos[s] += ww.sum()
            v2t[s] += np.sum(ww * t * speed**2)
            density += np.sum(w * occ) * weight
    if not window_hit or np.any(dos <= 0):
        raise ParameterError("n_k", n_k, "no grid point of one spin inside the Fermi window: "
                             "the grid is too coarse for kT or the cell misses the Fermi surface")
    return BoltzmannResult(constants.e**2 * sigma, dos, v2t / dos, float(density))


def _surface_integrals(band: BandModel, energies: np.ndarray, b: np.ndarray,
                       origin: np.ndarray, mu: float, tau: Tau):
    """(sigma/e^2 (2, d, d), N (2,), N <v^2 tau> (2,), occupied fraction of the cell) at
    T = 0 and chemical potential mu: delta(E - mu) integrated over the Fermi surfaces by
    :func:`spinkit.transport.fermi_surface.fermi_surface`."""
    d = b.shape[0]
    surface = fermi_surface(band, energies, b, origin, mu)
    weights, vel, spin = surface.weights, surface.velocities, surface.spins
    speed = np.linalg.norm(vel, axis=-1)  # (F, q)
    scale = weights / (2 * np.pi) ** d
    energy_at = np.full_like(speed, mu)
    sigma = np.zeros((2, d, d))
    dos = np.zeros(2)
    v2t = np.zeros(2)
    for s, sign in enumerate((1.0, -1.0)):
        w = np.ones_like(speed) if spin is None else (1 + sign * spin) / 2
        t = tau(energy_at, np.full_like(speed, sign)) if callable(tau) else tau
        point = w / (constants.hbar * speed) * scale  # delta-function weight per point
        sigma[s] = np.einsum("fq,fqi,fqj->ij", point * t, vel, vel)
        dos[s] = point.sum()
        v2t[s] = np.sum(point * t * speed**2)
    return sigma, dos, v2t, surface.occupied


@lru_cache(maxsize=8)
def fermi_window_rule(points: int) -> tuple[np.ndarray, np.ndarray]:
    """Gauss quadrature for the Fermi window: nodes x_i and weights w_i (sum 1) with

        int g(E) (-df/dE) dE = sum_i w_i g(mu + kT x_i),

    exact for g polynomial of degree < 2 ``points`` in E. The recurrence coefficients of the
    orthogonal polynomials for the weight sech^2(x/2)/4 come from the discretised
    Stieltjes procedure (trapezoid on |x| <= 60, step 0.02: spectrally accurate for this
    analytic weight), nodes and weights from the Jacobi matrix (G. H. Golub and J. H.
    Welsch, Math. Comp. 23, 221 (1969)).
    """
    if int(points) != points or not 1 <= points <= 20:  # more would reach |x| ~ 60
        raise ParameterError("window_points", points, "must be an integer in [1, 20]")
    h = 0.02
    x = np.arange(-60.0, 60.0 + h / 2, h)
    w = h / (4 * np.cosh(x / 2) ** 2)
    alpha, beta = np.zeros(points), np.zeros(points)
    p_prev, p = np.zeros_like(x), np.ones_like(x) / np.sqrt(w.sum())
    for k in range(points):  # p orthonormal; beta[k] = squared off-diagonal
        alpha[k] = np.sum(w * x * p * p)
        q = (x - alpha[k]) * p - (np.sqrt(beta[k]) * p_prev if k else 0.0)
        if k + 1 < points:
            beta[k + 1] = np.sum(w * q * q)
            p_prev, p = p, q / np.sqrt(beta[k + 1])
    off = np.sqrt(beta[1:])
    nodes, vecs = np.linalg.eigh(np.diag(alpha) + np.diag(off, 1) + np.diag(off, -1))
    weights = vecs[0] ** 2 / np.sum(vecs[0] ** 2)
    nodes.setflags(write=False)  # cached: shared by every caller
    weights.setflags(write=False)
    return nodes, weights


def _surface_conductivity(band: BandModel, b: np.ndarray, origin: np.ndarray,
                          nk: tuple[int, ...], mu: float, temperature: float, tau: Tau,
                          chunk: int, window_points: int) -> BoltzmannResult:
    """Eq. (1) from Fermi-surface integrals: at T = 0 directly; at T > 0 averaged over the
    Fermi window by :func:`fermi_window_rule`, sigma(mu, T) = sum_i w_i sigma_0(mu + kT x_i)
    (tau evaluated at each energy), and likewise N, N <v^2 tau> and the density
    n(mu, T) = int n_0(E) (-df/dE) dE."""
    d = b.shape[0]
    grid = grid_points(nk)
    parts, has_spin = [], False
    for start in range(0, grid.shape[0], chunk):
        out = band(origin + grid[start:start + chunk] @ b)
        parts.append(out[0])
        has_spin = len(out) > 2
    energies = np.concatenate(parts).reshape(nk + (parts[0].shape[-1],))
    if temperature == 0:
        nodes, weights = np.zeros(1), np.ones(1)
    else:
        nodes, weights = fermi_window_rule(window_points)
    kt = constants.k_B * temperature
    sigma = np.zeros((2, d, d))
    dos = np.zeros(2)
    v2t = np.zeros(2)
    occupied = 0.0
    for x, w in zip(nodes, weights, strict=True):
        sig_i, dos_i, v2t_i, occ_i = _surface_integrals(band, energies, b, origin,
                                                        mu + kt * x, tau)
        sigma += w * sig_i
        dos += w * dos_i
        v2t += w * v2t_i
        occupied += w * occ_i
    if np.any(dos <= 0):
        raise ParameterError("chemical_potential", mu, "no Fermi surface of one spin inside "
                             "the cell (mu outside the bands, or the cell misses the surface)")
    density = (1 if has_spin else 2) * occupied * abs(np.linalg.det(b)) / (2 * np.pi) ** d
    return BoltzmannResult(constants.e**2 * sigma, dos, v2t / dos, float(density))
