"""Lattice (tight-binding) Bloch Hamiltonians.

A tight-binding model with N orbitals per cell, on-site matrix H_0 and hopping matrices T_R
to the cell at lattice vector R = sum_i n_i a_i, has the Bloch Hamiltonian

    H(k) = H_0 + sum_R [ T_R exp(i k . R) + T_R^dagger exp(-i k . R) ],          (1)

each hopping given once (its reverse, T_-R = T_R^dagger, is added here). The orbitals sit at
the cell origin, so H(k + G) = H(k) for every reciprocal lattice vector G and the Bloch
vectors are periodic: what the Chern number on the Brillouin-zone torus needs.

The Qi-Wu-Zhang (QWZ) model (X.-L. Qi, Y.-S. Wu and S.-C. Zhang, Phys. Rev. B 74, 085308
(2006)) is the two-band Chern insulator on the square lattice, in the form of J. K. Asboth,
L. Oroszlany and A. Palyi, *A Short Course on Topological Insulators* (Springer 2016), ch. 6:

    H(k) = t [ sin(k_x a) sigma_x + sin(k_y a) sigma_y + (u + cos k_x a + cos k_y a) sigma_z ].

Its gap closes at u = 0, +/-2; the bands carry Chern numbers +/-1 for 0 < |u| < 2, with
opposite signs on either side of u = 0, and 0 for |u| > 2.

:func:`rashba_square_lattice` is the spinful square-lattice regularisation of the Rashba 2DEG,

    H(k) = 2t (2 - cos k_x a - cos k_y a) + (alpha/a)(sigma_x sin k_y a - sigma_y sin k_x a)
           + b . sigma,

whose k.p limit near k = 0 is the 2DEG of :class:`~spinkit.bands.SpinOrbit2DEG` with
m = hbar^2 / (2 t a^2) and the same alpha.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from spinkit.bands.hamiltonian import PAULI, BlochHamiltonian, TwoBandSpinHamiltonian
from spinkit.bands.validation import finite, finite_array, positive, vector3
from spinkit.errors import ParameterError

__all__ = ["QiWuZhang", "TightBinding", "rashba_square_lattice"]


def _square(name: str, value: object, n: int | None = None) -> np.ndarray:
    try:
        arr = np.asarray(value, dtype=complex)
    except (TypeError, ValueError):
        raise ParameterError(name, value, "must be a square matrix of numbers") from None
    if arr.ndim != 2 or arr.shape[0] != arr.shape[1] or (n is not None and arr.shape[0] != n):
        size = "square" if n is None else f"{n} x {n}"
        raise ParameterError(name, f"array of shape {arr.shape}", f"must be a {size} matrix")
    if not np.isfinite(arr).all():
        raise ParameterError(name, "non-finite entries", "must be finite")
    return arr


class TightBinding(BlochHamiltonian):
    """Bloch Hamiltonian of a tight-binding model, eq. (1) of the module docstring.

    Parameters
    ----------
    lattice_vectors: a_i as rows, shape (dim, dim) [m].
    onsite: H_0, Hermitian, shape (N, N) [J].
    hoppings: {(n_1, ..., n_dim): T_R}: hopping matrices [J], shape (N, N), to the cell
        R = sum_i n_i a_i; each bond once (its reverse is added). R = 0 is not allowed (put
        it in ``onsite``).
    spin: optional spin operators in units of hbar/2, shape (3, N, N), for
        :meth:`~spinkit.bands.hamiltonian.BlochHamiltonian.spin_texture`.
    """

    def __init__(self, lattice_vectors: object, onsite: object,
                 hoppings: Mapping[tuple[int, ...], object], spin: object = None) -> None:
        a = finite_array("lattice_vectors", lattice_vectors, "m")
        if a.ndim != 2 or a.shape[0] != a.shape[1]:
            raise ParameterError("lattice_vectors", lattice_vectors,
                                 "must be a square array, one lattice vector per row (m)")
        if abs(np.linalg.det(a)) <= 1e-300:
            raise ParameterError("lattice_vectors", lattice_vectors, "must be independent")
        self.dim = a.shape[0]
        self.lattice_vectors = a
        self.reciprocal_vectors = 2 * np.pi * np.linalg.inv(a).T
        h0 = _square("onsite", onsite)
        if not np.allclose(h0, h0.conj().T, rtol=1e-12, atol=0):
            raise ParameterError("onsite", "matrix", "must be Hermitian")
        self.n_bands = h0.shape[0]
        self.onsite = h0
        if not isinstance(hoppings, Mapping):
            raise ParameterError("hoppings", type(hoppings).__name__,
                                 "must be a mapping {cell tuple: hopping matrix}")
        cells, mats = [], []
        for cell, t in hoppings.items():
            if (not isinstance(cell, tuple) or len(cell) != self.dim
                    or not all(isinstance(c, int | np.integer) for c in cell)):
                raise ParameterError("hoppings", cell, f"keys must be tuples of {self.dim} "
                                     "integers (the cell n_i)")
            if not any(cell):
                raise ParameterError("hoppings", cell, "the home cell belongs in onsite")
            if tuple(-c for c in cell) in hoppings:
                raise ParameterError("hoppings", cell, "give each bond once: the reverse "
                                     "hopping T_-R = T_R^dagger is added automatically")
            cells.append(cell)
            mats.append(_square(f"hoppings[{cell}]", t, self.n_bands))
        self.cells = np.array(cells, dtype=float).reshape(-1, self.dim)
        self.hopping_matrices = np.array(mats, dtype=complex).reshape(
            -1, self.n_bands, self.n_bands)
        if spin is not None:
            try:
                s = np.asarray(spin, dtype=complex)
            except (TypeError, ValueError):
                raise ParameterError("spin", spin, "must be three matrices of numbers") from None
            if s.shape != (3, self.n_bands, self.n_bands):
                raise ParameterError("spin", f"array of shape {s.shape}",
                                     f"must have shape (3, {self.n_bands}, {self.n_bands})")
            if not np.isfinite(s).all() or not np.allclose(
                    s, np.swapaxes(s, -1, -2).conj(), rtol=1e-12, atol=0):
                raise ParameterError("spin", "matrices", "must be finite and Hermitian")
            self.spin = s

    def _matrix(self, k: np.ndarray) -> np.ndarray:
        phase = np.exp(1j * (k @ (self.cells @ self.lattice_vectors).T))  # (..., n_hop)
        hop = np.einsum("...r,rab->...ab", phase, self.hopping_matrices)
        return self.onsite + hop + np.swapaxes(hop, -1, -2).conj()


class QiWuZhang(TwoBandSpinHamiltonian):
    """The QWZ Chern insulator on a square lattice (module docstring).

    Parameters
    ----------
    u: mass parameter u [-]; the gap closes at u = 0, +/-2.
    hopping: energy scale t [J].
    lattice_constant: a [m].

    The sigma here are a pseudospin (two orbitals), which ``spin_texture`` reports.
    """

    dim = 2

    def __init__(self, u: float, hopping: float, lattice_constant: float) -> None:
        self.u = finite("u", u)
        self.hopping = positive("hopping", hopping)
        self.lattice_constant = positive("lattice_constant", lattice_constant)
        self.reciprocal_vectors = 2 * np.pi / self.lattice_constant * np.eye(2)

    def scalar(self, k: np.ndarray) -> np.ndarray:
        """0 [J]: the QWZ model has no spin-independent dispersion."""
        return np.zeros(k.shape[:-1])

    def field(self, k: np.ndarray) -> np.ndarray:
        """t (sin k_x a, sin k_y a, u + cos k_x a + cos k_y a) [J]."""
        ka = k * self.lattice_constant
        c = np.cos(ka)
        s = np.sin(ka)
        return self.hopping * np.stack(
            [s[..., 0], s[..., 1], self.u + c[..., 0] + c[..., 1]], axis=-1)


def rashba_square_lattice(hopping: float, rashba: float, lattice_constant: float,
                          zeeman: object = (0.0, 0.0, 0.0)) -> TightBinding:
    """Rashba gas on a square lattice (module docstring), as a spinful :class:`TightBinding`.

    Parameters
    ----------
    hopping: t [J] (> 0); the band mass near k = 0 is hbar^2 / (2 t a^2).
    rashba: alpha [J m].
    lattice_constant: a [m].
    zeeman: b [J] (three numbers), an on-site Zeeman or exchange splitting.
    """
    t = positive("hopping", hopping)
    a = positive("lattice_constant", lattice_constant)
    soc = finite("rashba", rashba) / a
    sx, sy, _ = PAULI
    one = np.eye(2)
    # T e^{ika} + h.c. with T = -t 1 + (i soc/2) sigma_y gives -2t cos ka - soc sigma_y sin ka
    onsite = 4 * t * one + np.einsum("i,iab->ab", vector3("zeeman", zeeman), PAULI)
    hop_x = -t * one + 0.5j * soc * sy
    hop_y = -t * one - 0.5j * soc * sx
    return TightBinding(a * np.eye(2), onsite, {(1, 0): hop_x, (0, 1): hop_y}, spin=PAULI)
