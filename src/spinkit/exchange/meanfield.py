"""Mean-field (Weiss) theory of the Heisenberg model on any lattice and set of J_k.

For H = - sum_{<ij>} J_ij S_i . S_j (each pair once) the Weiss field on a site is
sum_j J_ij <S_j>. Linearising the self-consistency in the order parameter with wave vector q
gives the ordering temperature

    k_B T_c = (S(S+1)/3) max_q lambda_max(J(q)),   J_ab(q) = sum_{j in b} J_0j e^{i q.r_0j}

(classical unit vectors: S(S+1) -> 1), where a, b label basis sites. q = 0 is
ferromagnetic order (k_B T_C = z J S(S+1)/3 for one shell); on bipartite lattices the Neel
state reaches the same |T_N|; on frustrated lattices (triangular, fcc) the maximising q is
the spiral / 120-degree state. Above T_c the uniform susceptibility follows Curie-Weiss,
chi = S(S+1) / (3 k_B (T - theta)) per spin with k_B theta = S(S+1) J(0)/3.
(Ashcroft and Mermin, Solid State Physics (1976), ch. 33; Blundell, Magnetism in Condensed
Matter (2001), ch. 5.)
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import brentq

from spinkit import constants
from spinkit.errors import ParameterError
from spinkit.lattice import Lattice, neighbour_shells
from spinkit.validation import finite, positive

__all__ = [
    "MeanFieldOrder",
    "brillouin",
    "curie_weiss_susceptibility",
    "exchange_fourier",
    "langevin",
    "mean_field_magnetization",
    "mean_field_order",
]


def _spin_factor(spin: float | None) -> float:
    """S(S+1)/3 for a quantum spin S (1/2, 1, 3/2, ...), 1/3 for a classical unit vector."""
    if spin is None:
        return 1.0 / 3.0
    s = float(spin)
    if not np.isfinite(s) or s <= 0 or abs(2 * s - round(2 * s)) > 1e-12:
        raise ParameterError("spin", spin, "must be a positive half-integer (1/2, 1, ...) "
                             "or None for classical spins")
    return s * (s + 1) / 3.0


def exchange_fourier(lattice: Lattice, exchange: Sequence[float], q: np.ndarray) -> np.ndarray:
    """J(q) [J]: (nq, nb, nb) Hermitian matrices for Cartesian wave vectors q (nq, 3)."""
    q = np.atleast_2d(np.asarray(q, dtype=float))
    nb = lattice.n_basis
    out = np.zeros((q.shape[0], nb, nb), dtype=complex)
    for j, shell in zip(exchange, neighbour_shells(lattice, len(exchange)), strict=True):
        phase = np.exp(1j * q @ shell.vector.T) * j  # (nq, pairs)
        for a, b in itertools.product(range(nb), repeat=2):
            sel = (shell.source == a) & (shell.target == b)
            out[:, a, b] += phase[:, sel].sum(axis=1)
    return out


@dataclass(frozen=True)
class MeanFieldOrder:
    """Mean-field ordering of a lattice.

    Attributes
    ----------
    tc: ordering temperature T_c or T_N [K].
    q: (3,) ordering wave vector [1/length unit of the lattice].
    pattern: (nb,) complex amplitudes of the ordering mode on the basis sites at ``q``.
    theta: Curie-Weiss temperature [K] (> 0 ferro-, < 0 antiferromagnetic interactions).
    spin_factor: S(S+1)/3 used (1/3 classical).
    """

    tc: float
    q: np.ndarray
    pattern: np.ndarray
    theta: float
    spin_factor: float

    @property
    def ferromagnetic(self) -> bool:
        """True when the ordering mode is uniform: q = 0 and all basis sites parallel."""
        p = self.pattern / self.pattern[np.argmax(np.abs(self.pattern))]
        return bool(np.allclose(self.q, 0) and np.allclose(p, 1))


def mean_field_order(lattice: Lattice, exchange: Sequence[float], spin: float | None = None,
                     grid: int = 24) -> MeanFieldOrder:
    """T_c, ordering vector and Curie-Weiss theta (module docstring).

    q is searched on a ``grid``^d mesh of the reciprocal cell (24 holds Gamma, the zone
    boundary and the K points of hexagonal lattices).
    """
    factor = _spin_factor(spin)
    if not isinstance(lattice, Lattice):
        raise ParameterError("lattice", type(lattice).__name__, "must be a Lattice")
    if len(exchange) < 1:
        raise ParameterError("exchange", list(exchange), "needs one or more finite J_k [J]")
    exchange = [finite(f"J{k + 1}", j, "J") for k, j in enumerate(exchange)]
    if isinstance(grid, bool) or not isinstance(grid, int) or grid < 2:
        raise ParameterError("grid", grid, "must be an integer >= 2")
    frac = np.array(list(itertools.product(np.arange(grid) / grid, repeat=lattice.dim)))
    q = frac @ lattice.reciprocal()
    lam = np.linalg.eigvalsh(exchange_fourier(lattice, exchange, q))[:, -1]
    # first q within rounding of the maximum: q = 0 (listed first) wins ties
    best = int(np.argmax(lam >= lam.max() - 1e-10 * max(np.abs(lam).max(), 1e-300)))
    pattern = np.linalg.eigh(exchange_fourier(lattice, exchange, q[best:best + 1])[0])[1][:, -1]
    j0 = exchange_fourier(lattice, exchange, np.zeros((1, 3)))[0].real
    theta = factor * j0.sum() / lattice.n_basis / constants.k_B
    return MeanFieldOrder(float(factor * lam[best] / constants.k_B), q[best], pattern,
                          float(theta), factor)


def curie_weiss_susceptibility(temperature: np.ndarray, theta: float,
                               spin: float | None = None) -> np.ndarray:
    """chi(T) = S(S+1) / (3 k_B (T - theta)) per spin [1/J], for T > theta.

    chi = d<S_z>/dh with Zeeman energy -h S_z; classical unit spins: 1/(3 k_B (T - theta)).
    """
    theta = finite("theta", theta, "K")
    t = np.asarray(temperature, dtype=float)
    if not np.isfinite(t).all() or (t <= max(theta, 0.0)).any():
        raise ParameterError("temperature", t.tolist(), f"must exceed theta = {theta:g} K")
    return _spin_factor(spin) / (constants.k_B * (t - theta))


def langevin(x: np.ndarray) -> np.ndarray:
    """L(x) = coth x - 1/x (series near 0)."""
    x = np.asarray(x, dtype=float)
    small = np.abs(x) < 1e-4
    xs = np.where(small, 1.0, x)
    return np.where(small, x / 3 - x**3 / 45, 1 / np.tanh(xs) - 1 / xs)


def brillouin(spin: float, x: np.ndarray) -> np.ndarray:
    """B_S(x) = a coth(a x) - b coth(b x), a = (2S+1)/(2S), b = 1/(2S).

    Written as a L(a x) - b L(b x) (the 1/x parts cancel), which is smooth at x = 0.
    """
    s = float(spin)
    a, b = (2 * s + 1) / (2 * s), 1 / (2 * s)
    x = np.asarray(x, dtype=float)
    return a * langevin(a * x) - b * langevin(b * x)


def mean_field_magnetization(temperature: np.ndarray, tc: float,
                             spin: float | None = None) -> np.ndarray:
    """Reduced magnetization m = M/M_sat of the Weiss model at ``temperature`` [K].

    Solves m = B_S(3S/(S+1) (T_c/T) m) (quantum S) or m = L(3 (T_c/T) m) (classical);
    m = 0 for T >= T_c.
    """
    tc = positive("tc", tc, "K")
    t = np.atleast_1d(np.asarray(temperature, dtype=float))
    if (t < 0).any() or not np.isfinite(t).all():
        raise ParameterError("temperature", t.tolist(), "must be finite and >= 0 K")
    if spin is None:
        def rhs(m, r):
            return langevin(3 * r * m)
    else:
        _spin_factor(spin)
        def rhs(m, r):
            return brillouin(spin, 3 * spin / (spin + 1) * r * m)
    out = np.zeros_like(t)
    for k, temp in enumerate(t):
        if temp == 0:
            out[k] = 1.0
        elif temp < tc:
            r = tc / temp
            out[k] = brentq(lambda m, r=r: rhs(m, r) - m, 1e-12, 1.0, xtol=1e-14)
    return out
