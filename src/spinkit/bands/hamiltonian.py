"""Bloch Hamiltonians H(k), vectorized over k.

A Bloch Hamiltonian maps wavevectors to Hermitian matrices. Every model here takes an array
of wavevectors of shape ``(..., dim)`` [1/m] and returns matrices of shape ``(..., N, N)``
[J]; eigenvalues and eigenvectors come from one batched ``numpy.linalg.eigh`` call, so a
band structure, a Fermi contour or a Brillouin-zone grid is a single array operation.

Two-band spin models are written with the Pauli matrices sigma = (sigma_x, sigma_y, sigma_z):

    H(k) = eps(k) 1 + h(k) . sigma,                                              (1)

with eps(k) the spin-independent energy and h(k) the spin field [J]. The spin of an
electron of wavevector k then precesses as dS/dt = Omega(k) x S about the spin-orbit
(Larmor) field

    Omega(k) = 2 h(k) / hbar  [rad/s],                                           (2)

which follows from (i/hbar)[H, S] with S = (hbar/2) sigma (J. Fabian et al., Acta Phys.
Slovaca 57, 565 (2007), sec. IV.B: H = (hbar/2) Omega(k) . sigma). The bands are
E_(-/+)(k) = eps(k) -/+ |h(k)|; band 0 is the lower one, and the spin of the upper band points
along h, that of the lower one against it.
"""

from __future__ import annotations

from abc import ABC, abstractmethod

import numpy as np

from spinkit import constants
from spinkit.bands.validation import wavevectors
from spinkit.errors import ParameterError

__all__ = ["PAULI", "BlochHamiltonian", "TwoBandSpinHamiltonian"]

#: Pauli matrices sigma_x, sigma_y, sigma_z, shape (3, 2, 2).
PAULI: np.ndarray = np.array(
    [[[0, 1], [1, 0]], [[0, -1j], [1j, 0]], [[1, 0], [0, -1]]], dtype=complex
)
PAULI.setflags(write=False)


class BlochHamiltonian(ABC):
    """A Bloch Hamiltonian H(k): ``(..., dim)`` wavevectors [1/m] -> ``(..., N, N)`` [J].

    Subclasses set ``dim`` (the dimension of k-space) and ``n_bands`` (N) and implement
    :meth:`_matrix` on an already checked array of wavevectors. Optional attributes:

    ``spin``
        The spin operators in units of hbar/2, shape (3, N, N) (the Pauli matrices for a
        two-band spin model), or ``None`` where the basis carries no spin.
    ``reciprocal_vectors``
        For a lattice model, the reciprocal lattice vectors as rows, shape (dim, dim)
        [1/m], with H(k + b_i) = H(k); ``None`` for a continuum model.
    """

    dim: int = 2
    n_bands: int = 2
    spin: np.ndarray | None = None
    reciprocal_vectors: np.ndarray | None = None

    # ------------------------------------------------------------------ the model
    @abstractmethod
    def _matrix(self, k: np.ndarray) -> np.ndarray:
        """H(k) [J], shape ``k.shape[:-1] + (N, N)``, for checked wavevectors ``k``."""

    def check_k(self, k: object, name: str = "k") -> np.ndarray:
        """``k`` as a float array of shape ``(..., dim)`` [1/m], or :class:`ParameterError`."""
        return wavevectors(k, self.dim, name)

    def matrix(self, k: object) -> np.ndarray:
        """H(k) [J], shape ``(..., N, N)``, for wavevectors ``k`` of shape ``(..., dim)``."""
        return self._matrix(self.check_k(k))

    # ------------------------------------------------------------------ derived
    def eigh(self, k: object) -> tuple[np.ndarray, np.ndarray]:
        """Bands and Bloch eigenvectors at every k, by one batched ``numpy.linalg.eigh``.

        Returns
        -------
        energies:
            E_n(k) [J], shape ``(..., N)``, ascending in n.
        vectors:
            u_n(k), shape ``(..., N, N)``; column n (``vectors[..., :, n]``) belongs to
            E_n. Their phases are arbitrary (gauge); quantities built from them here
            (spin texture, Wilson loops, overlaps |<u|u'>|) do not depend on it.
        """
        return np.linalg.eigh(self.matrix(k))

    def energies(self, k: object) -> np.ndarray:
        """E_n(k) [J], shape ``(..., N)``, ascending in n."""
        return np.linalg.eigvalsh(self.matrix(k))

    def velocities(self, k: object) -> np.ndarray:
        """Group velocities v_n = (1/hbar) dE_n/dk [m/s], shape ``(..., N, dim)``.

        Hellmann-Feynman, v_n = <u_n| dH/dk |u_n> / hbar, with dH/dk from a central
        difference of H over a step 1e-6 of the wavevector scale (the largest |k| given, or
        the reciprocal lattice vectors): exact for H at most quadratic in k, second order
        otherwise. Within a degenerate group of bands the split between them is arbitrary.
        """
        kk = self.check_k(k)
        _, vecs = self.eigh(kk)
        if self.reciprocal_vectors is not None:
            scale = float(np.max(np.linalg.norm(self.reciprocal_vectors, axis=1)))
        else:
            scale = float(np.max(np.linalg.norm(kk.reshape(-1, self.dim), axis=1), initial=0))
        step = 1e-6 * (scale or 1.0)
        out = np.empty(kk.shape[:-1] + (self.n_bands, self.dim))
        for i in range(self.dim):
            dk = np.zeros(self.dim)
            dk[i] = step
            dh = (self._matrix(kk + dk) - self._matrix(kk - dk)) / (2 * step)
            out[..., i] = np.einsum("...an,...ab,...bn->...n", vecs.conj(), dh, vecs).real
        return out / constants.hbar

    def band_data(self, k: object) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(E_n [J], v_n [m/s], <sigma_z>_n) at ``k``: the band model that
        :func:`spinkit.transport.boltzmann.boltzmann_conductivity` integrates.

        Shapes ``(..., N)``, ``(..., N, dim)``, ``(..., N)``; without spin operators the spin
        is 0 (each band counted half up, half down).
        """
        kk = self.check_k(k)
        energies = self.energies(kk)
        sz = self.spin_texture(kk)[..., 2] if self.spin is not None else np.zeros_like(energies)
        return energies, self.velocities(kk), sz

    def spin_texture(self, k: object) -> np.ndarray:
        """<u_n(k)| sigma |u_n(k)>: the spin of every band, shape ``(..., N, 3)``.

        In units of hbar/2, so each entry has length <= 1 (= 1 for a pure spin-1/2 state).
        Where bands are degenerate (k = 0 of a Rashba gas, the alpha = beta line) any
        combination of the degenerate states is an eigenstate, and their spins there are
        arbitrary.

        Raises
        ------
        ParameterError
            if the model's basis carries no spin (``spin`` is ``None``).
        """
        if self.spin is None:
            raise ParameterError("model", type(self).__name__,
                                 "has no spin operators: its basis carries no spin")
        return self._spin_expectation(self.eigh(k)[1])

    def _spin_expectation(self, vecs: np.ndarray) -> np.ndarray:
        """<u_n| sigma |u_n> for eigenvectors ``vecs`` (..., N, N), shape (..., N, 3)."""
        # s[..., n, i] = sum_ab conj(U[..., a, n]) S[i, a, b] U[..., b, n]
        return np.einsum("...an,iab,...bn->...ni", vecs.conj(), self.spin, vecs).real


class TwoBandSpinHamiltonian(BlochHamiltonian):
    """H(k) = eps(k) 1 + h(k) . sigma (eq. 1 of the module docstring).

    Subclasses implement :meth:`scalar` (eps [J]) and :meth:`field` (h [J]).
    """

    n_bands = 2
    spin = PAULI

    @abstractmethod
    def scalar(self, k: np.ndarray) -> np.ndarray:
        """eps(k) [J], shape ``(...)``, for checked wavevectors of shape ``(..., dim)``."""

    @abstractmethod
    def field(self, k: np.ndarray) -> np.ndarray:
        """h(k) [J], shape ``(..., 3)``, for checked wavevectors of shape ``(..., dim)``."""

    def _matrix(self, k: np.ndarray) -> np.ndarray:
        h = self.field(k)
        eps = self.scalar(k)
        out = np.einsum("...i,iab->...ab", h.astype(complex), PAULI)
        out[..., 0, 0] += eps
        out[..., 1, 1] += eps
        return out

    def spin_field(self, k: object) -> np.ndarray:
        """h(k) [J], shape ``(..., 3)``: the spin part of H = eps + h . sigma."""
        return self.field(self.check_k(k))

    def spin_orbit_field(self, k: object) -> np.ndarray:
        """Omega(k) = 2 h(k) / hbar [rad/s], shape ``(..., 3)`` (eq. 2).

        The spin of an electron in state k precesses as dS/dt = Omega(k) x S. It holds every
        spin term of the model: the spin-orbit part, odd in k, and a k-independent Zeeman or
        exchange part where the model has one.
        """
        return 2.0 * self.spin_field(k) / constants.hbar
