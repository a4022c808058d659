"""The quantum side of exchange: spin clusters by exact diagonalisation, and the Hubbard dimer.

Spin clusters
    H = - sum_{bonds} J_ij S_i . S_j for quantum spins S (1/2, 1, ...), in the review's sign
    convention (J > 0 ferro). H commutes with S^z_tot, so it is built block by block in the
    basis of S^z products with a fixed total S^z and diagonalised by sparse Lanczos
    (ARPACK, :func:`scipy.sparse.linalg.eigsh`); small blocks are diagonalised densely.

Two-site Hubbard model (the review's Pauli + Coulomb argument made numeric)
    H = -t sum_sigma (c+_1s c_2s + c+_2s c_1s) + U (n_1u n_1d + n_2u n_2d)
    with two electrons. Its ground state is a singlet, the lowest triplet lies at 0, and the
    singlet-triplet splitting is E_T - E_S = sqrt(U^2/4 + 4 t^2) - U/2
    = (U/2)(sqrt(1 + 16 t^2/U^2) - 1) -> 4 t^2 / U for U >> t (superexchange). Mapped onto
    -J S_1 . S_2, whose singlet lies J above the triplet, the exchange is J = E_S - E_T < 0:
    antiferromagnetic. (Anderson, Phys. Rev. 115, 2 (1959); Auerbach, Interacting Electrons
    and Quantum Magnetism (1994), ch. 3.)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.sparse.linalg import eigsh

from spinkit.errors import ParameterError
from spinkit.lattice import Supercell

__all__ = [
    "HubbardDimer",
    "SpinCluster",
    "hubbard_dimer_splitting",
    "ring",
]

_DENSE_LIMIT = 400  # blocks up to this size are diagonalised densely


def _spin(spin: float) -> float:
    s = float(spin)
    if not np.isfinite(s) or s <= 0 or abs(2 * s - round(2 * s)) > 1e-12:
        raise ParameterError("spin", spin, "must be a positive half-integer: 1/2, 1, 3/2, ...")
    return round(2 * s) / 2


@dataclass(frozen=True)
class SpinCluster:
    """N quantum spins S coupled by ``bonds`` = ((i, j, J_ij), ...), H = -sum J S_i.S_j.

    J_ij in any energy unit (J in SI); energies come back in the same unit.
    """

    n_sites: int
    bonds: tuple[tuple[int, int, float], ...]
    spin: float = 0.5

    def __post_init__(self) -> None:
        s = _spin(self.spin)
        n = self.n_sites
        if isinstance(n, bool) or not isinstance(n, int) or n < 2:
            raise ParameterError("n_sites", n, "must be an integer >= 2")
        if (2 * s + 1) ** n > 2**26:
            raise ParameterError("n_sites", n, f"Hilbert space (2S+1)^N too large for ED "
                                 f"(limit 2^26 states; S = {s})")
        clean = []
        for i, j, val in self.bonds:
            if not (0 <= i < n and 0 <= j < n and i != j) or not np.isfinite(val):
                raise ParameterError("bonds", (i, j, val), f"needs sites i != j in [0, {n}) "
                                     "and a finite J")
            clean.append((int(i), int(j), float(val)))
        object.__setattr__(self, "spin", s)
        object.__setattr__(self, "bonds", tuple(clean))

    @classmethod
    def from_supercell(cls, cell: Supercell, exchange: Sequence[float],
                       spin: float = 0.5) -> SpinCluster:
        """The cluster of a periodic supercell's sites, J_k on every bond of shell k."""
        if len(exchange) != len(cell.shells):
            raise ParameterError("exchange", list(exchange),
                                 f"needs one J per shell of the cell ({len(cell.shells)})")
        bonds = {(min(i, int(j)), max(i, int(j))): float(exchange[k])
                 for i in range(cell.n_sites)
                 for j, k in zip(cell.neighbours[i], cell.bond_shell[i], strict=True) if k >= 0}
        return cls(cell.n_sites, tuple((i, j, v) for (i, j), v in sorted(bonds.items())), spin)

    def sectors(self) -> list[float]:
        """The allowed total S^z values, from -N S to N S."""
        top = self.n_sites * self.spin
        return [float(-top + k) for k in range(int(round(2 * top)) + 1)]

    def basis(self, sz: float) -> np.ndarray:
        """(D, N) array of site S^z values m_i spanning the sector with sum m_i = ``sz``."""
        if not any(abs(sz - v) < 1e-9 for v in self.sectors()):
            raise ParameterError("sz", sz, f"must be one of {self.sectors()}")
        d = int(round(2 * self.spin)) + 1
        digits = np.zeros((1, 0), dtype=np.int8)
        for _ in range(self.n_sites):  # grow site by site, pruning impossible totals
            digits = np.concatenate([np.repeat(digits, d, axis=0),
                                     np.tile(np.arange(d, dtype=np.int8), digits.shape[0])
                                     [:, None]], axis=1)
            left = self.n_sites - digits.shape[1]
            tot = digits.sum(axis=1) - digits.shape[1] * self.spin
            ok = np.abs(tot - sz) <= left * self.spin + 1e-9
            digits = digits[ok]
        keep = np.abs(digits.sum(axis=1) - self.n_sites * self.spin - sz) < 1e-9
        return digits[keep].astype(float) - self.spin

    def hamiltonian(self, sz: float, bonds: Sequence[tuple[int, int, float]] | None = None
                    ) -> sp.csr_matrix:
        """Sparse H (or the operator of other ``bonds``) in the sector of total S^z = sz.

        Diagonal: -J m_i m_j. Off-diagonal: -(J/2)(S+_i S-_j + S-_i S+_j), with
        <m+1|S+|m> = sqrt(S(S+1) - m(m+1)).
        """
        m = self.basis(sz)
        s = self.spin
        d = int(round(2 * s)) + 1
        weights = float(d) ** np.arange(self.n_sites)
        codes = (m + s) @ weights
        order = np.argsort(codes)
        codes_sorted = codes[order]
        dim = m.shape[0]
        rows, cols, vals = [np.arange(dim)], [np.arange(dim)], [np.zeros(dim)]
        for i, j, jij in self.bonds if bonds is None else bonds:
            vals[0] = vals[0] - jij * m[:, i] * m[:, j]
            ok = (m[:, i] < s - 1e-9) & (m[:, j] > -s + 1e-9)  # S+_i S-_j possible
            src = np.nonzero(ok)[0]
            amp = -0.5 * jij * np.sqrt((s * (s + 1) - m[src, i] * (m[src, i] + 1))
                                       * (s * (s + 1) - m[src, j] * (m[src, j] - 1)))
            new = codes[src] + weights[i] - weights[j]
            dst = order[np.searchsorted(codes_sorted, new)]
            rows += [dst, src]
            cols += [src, dst]
            vals += [amp, amp]
        return sp.csr_matrix((np.concatenate(vals), (np.concatenate(rows),
                                                     np.concatenate(cols))), shape=(dim, dim))

    def total_spin_squared(self, sz: float) -> sp.csr_matrix:
        """S_tot^2 = N S(S+1) + 2 sum_{i<j} S_i.S_j in the sector ``sz``."""
        n = self.n_sites
        pairs = [(i, j, -2.0) for i in range(n) for j in range(i + 1, n)]
        op = self.hamiltonian(sz, pairs)
        return op + sp.identity(op.shape[0], format="csr") * n * self.spin * (self.spin + 1)

    def lowest(self, sz: float = 0.0, k: int = 1) -> tuple[np.ndarray, np.ndarray]:
        """The ``k`` lowest energies (ascending) and eigenvectors (D, k) in the sector."""
        h = self.hamiltonian(sz)
        dim = h.shape[0]
        if isinstance(k, bool) or not isinstance(k, int) or not 1 <= k <= dim:
            raise ParameterError("k", k, f"must be an integer in [1, {dim}]")
        if dim <= _DENSE_LIMIT or k >= dim - 1:
            w, v = np.linalg.eigh(h.toarray())
            return w[:k], v[:, :k]
        w, v = eigsh(h, k=k, which="SA", tol=1e-12, v0=np.ones(dim) / np.sqrt(dim))
        idx = np.argsort(w)
        return w[idx], v[:, idx]

    def ground_state(self) -> tuple[float, float, np.ndarray]:
        """(E_0, S^z sector, eigenvector) of the lowest state over all S^z sectors."""
        best = None
        for sz in self.sectors():
            if sz < -1e-9:  # spin-flip symmetry: the negative sectors repeat the positive ones
                continue
            w, v = self.lowest(sz)
            if best is None or w[0] < best[0] - 1e-12:
                best = (float(w[0]), sz, v[:, 0])
        return best


def ring(n_sites: int, exchange: float, spin: float = 0.5) -> SpinCluster:
    """A periodic ring of N spins with nearest-neighbour exchange J."""
    if isinstance(n_sites, bool) or not isinstance(n_sites, int) or n_sites < 2:
        raise ParameterError("n_sites", n_sites, "must be an integer >= 2")
    n_bonds = 1 if n_sites == 2 else n_sites
    return SpinCluster(n_sites, tuple((i, (i + 1) % n_sites, exchange)
                                      for i in range(n_bonds)), spin)


# -------------------------------------------------------------------- two-site Hubbard
_MODES = ("1u", "1d", "2u", "2d")  # Jordan-Wigner order of the fermion modes


def _fermion_ops() -> list[np.ndarray]:
    """Annihilation operators c_k (16 x 16) of the four modes, Jordan-Wigner."""
    a = np.array([[0.0, 1.0], [0.0, 0.0]])  # |0> = (1, 0), |1> = (0, 1): a|1> = |0>
    z = np.diag([1.0, -1.0])
    ops = []
    for k in range(4):
        mats = [z] * k + [a] + [np.eye(2)] * (3 - k)
        op = mats[0]
        for mat in mats[1:]:
            op = np.kron(op, mat)
        ops.append(op)
    return ops


def _label(state: int) -> str:
    """'ud|0'-style label of a Fock state (bit k of ``state`` = occupation of mode k)."""
    occ = [(state >> (3 - k)) & 1 for k in range(4)]
    sites = []
    for s in (0, 1):
        text = ("u" if occ[2 * s] else "") + ("d" if occ[2 * s + 1] else "")
        sites.append(text or "0")
    return "|".join(sites)


def _check_hubbard(hopping: float, interaction: float) -> tuple[float, float]:
    for name, value in (("hopping", hopping), ("interaction", interaction)):
        if isinstance(value, bool) or not isinstance(value, int | float | np.number):
            raise ParameterError(name, value, "must be a real number")
    if not np.isfinite(hopping) or hopping == 0:
        raise ParameterError("hopping", hopping, "must be a finite non-zero t")
    if not np.isfinite(interaction) or interaction < 0:
        raise ParameterError("interaction", interaction, "must be a finite U >= 0")
    return float(hopping), float(interaction)


def hubbard_dimer_splitting(hopping: float, interaction: float) -> float:
    """Closed-form singlet-triplet splitting E_T - E_S = (U/2)(sqrt(1 + 16 t^2/U^2) - 1) > 0.

    The exchange of -J S_1 . S_2 is J = -(E_T - E_S) (:attr:`HubbardDimer.exchange`).
    Written as 8 t^2 / (U + sqrt(U^2 + 16 t^2)) so that U = 0 and U >> t stay accurate.
    """
    t, u = _check_hubbard(hopping, interaction)
    return 8 * t * t / (u + np.sqrt(u * u + 16 * t * t))


@dataclass(frozen=True)
class HubbardDimer:
    """Two sites, two electrons: hopping t and on-site repulsion U (module docstring).

    t, U in any energy unit (J in SI); results come back in the same unit.
    """

    hopping: float
    interaction: float

    def __post_init__(self) -> None:
        _check_hubbard(self.hopping, self.interaction)

    def _operators(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, list[str]]:
        """(H, S^2, double occupancy, basis indices, labels) in the two-electron space."""
        c = _fermion_ops()
        cd = [op.T for op in c]
        n = [cd[k] @ c[k] for k in range(4)]
        t, u = self.hopping, self.interaction
        h = -t * sum(cd[a] @ c[b] + cd[b] @ c[a] for a, b in ((0, 2), (1, 3)))
        docc = n[0] @ n[1] + n[2] @ n[3]
        h = h + u * docc
        s_plus = cd[0] @ c[1] + cd[2] @ c[3]
        s_z = 0.5 * (n[0] - n[1] + n[2] - n[3])
        s2 = s_plus.T @ s_plus + s_z @ s_z + s_z
        # Fock index: mode 0 is the most significant bit of the kron product
        two = np.array([i for i in range(16) if bin(i).count("1") == 2])
        labels = [_label(int(i)) for i in two]
        sub = np.ix_(two, two)
        return h[sub], s2[sub], docc[sub], two, labels

    @property
    def basis_labels(self) -> list[str]:
        """Labels of the six two-electron basis states, e.g. 'ud|0', 'u|d'."""
        return self._operators()[4]

    def hamiltonian(self) -> np.ndarray:
        """(6, 6) H in the two-electron basis of :attr:`basis_labels`."""
        return self._operators()[0]

    def eigenstates(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(energies ascending, eigenvectors as columns (6, 6), S(S+1) of each state).

        H is diagonalised inside each eigenspace of S^2, so every state has a definite spin
        even where a singlet and the triplet are degenerate (U = 0).
        """
        h, s2, *_ = self._operators()
        s2_val, s2_vec = np.linalg.eigh(s2)
        s2_val = np.round(s2_val, 9)
        ws, vs, spins = [], [], []
        for val in np.unique(s2_val):
            block = s2_vec[:, s2_val == val]
            w, u = np.linalg.eigh(block.T @ h @ block)
            ws.append(w)
            vs.append(block @ u)
            spins.append(np.full(w.size, val))
        w, v, spin2 = np.concatenate(ws), np.hstack(vs), np.concatenate(spins)
        order = np.argsort(w, kind="stable")
        return w[order], v[:, order], spin2[order]

    def singlet_triplet(self) -> tuple[float, float]:
        """(lowest singlet energy E_S, lowest triplet energy E_T)."""
        w, _, spin2 = self.eigenstates()
        return float(w[np.isclose(spin2, 0)].min()), float(w[np.isclose(spin2, 2)].min())

    @property
    def singlet_triplet_gap(self) -> float:
        """E_T - E_S > 0: the energy cost of aligning the two spins."""
        e_s, e_t = self.singlet_triplet()
        return e_t - e_s

    @property
    def exchange(self) -> float:
        """J of -J S_1 . S_2 that reproduces the splitting: J = E_S - E_T (< 0, AFM)."""
        return -self.singlet_triplet_gap

    def double_occupancy(self) -> float:
        """<n_1u n_1d + n_2u n_2d> in the ground state (the ionic weight)."""
        docc = self._operators()[2]
        v = self.eigenstates()[1][:, 0]
        return float(v @ docc @ v)
