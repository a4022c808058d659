"""Bravais lattices with a basis, neighbour shells and periodic supercells.

Geometry only: nothing here knows about spins or energies.

Conventions
-----------
* Positions are Cartesian, in the unit of the lattice constant ``a`` (metres in SI use).
* A lattice of dimension d (1, 2 or 3) has d primitive vectors (rows of ``vectors``) and
  ``nb`` basis sites (rows of ``basis``, Cartesian). A site is (n_1..n_d, b) at
  R = sum_i n_i a_i + basis[b].
* Shell k (k = 1, 2, ...) holds every site at the k-th smallest non-zero distance found from
  any basis site. Every pair appears twice in a neighbour table (i -> j and j -> i); a sum
  over bonds that counts each pair once divides by two.
* A supercell of ``size = (L_1..L_d)`` cells is periodic along every lattice vector.
  Site index = ravel(n_1..n_d) * nb + b (C order).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from spinkit.errors import ParameterError
from spinkit.validation import positive

__all__ = [
    "LATTICES",
    "Lattice",
    "Shell",
    "Supercell",
    "bcc",
    "chain",
    "fcc",
    "honeycomb",
    "make_lattice",
    "neighbour_shells",
    "simple_cubic",
    "square",
    "triangular",
]

_TOL = 1e-8  # relative tolerance when grouping distances into shells




@dataclass(frozen=True)
class Lattice:
    """A Bravais lattice plus basis.

    Attributes
    ----------
    name: label, e.g. ``"sc"``.
    vectors: (d, 3) primitive vectors a_i, Cartesian [length unit of ``a``].
    basis: (nb, 3) Cartesian positions of the basis sites in the cell.
    a: lattice constant [same unit]; used as the distance scale of tolerances.
    """

    name: str
    vectors: np.ndarray
    basis: np.ndarray
    a: float = 1.0

    def __post_init__(self) -> None:
        vec = np.atleast_2d(np.asarray(self.vectors, dtype=float))
        bas = np.atleast_2d(np.asarray(self.basis, dtype=float))
        if vec.ndim != 2 or vec.shape[1] != 3 or not 1 <= vec.shape[0] <= 3:
            raise ParameterError("vectors", self.vectors, "must be 1 to 3 Cartesian 3-vectors")
        if bas.ndim != 2 or bas.shape[1] != 3 or bas.shape[0] < 1:
            raise ParameterError("basis", self.basis, "must be one or more Cartesian 3-vectors")
        if not (np.isfinite(vec).all() and np.isfinite(bas).all()):
            raise ParameterError("vectors", self.vectors, "must be finite")
        if np.linalg.matrix_rank(vec, tol=_TOL * np.abs(vec).max()) != vec.shape[0]:
            raise ParameterError("vectors", vec.tolist(), "must be linearly independent")
        positive("a", self.a)
        vec.setflags(write=False)
        bas.setflags(write=False)
        object.__setattr__(self, "vectors", vec)
        object.__setattr__(self, "basis", bas)

    @property
    def dim(self) -> int:
        """Number of periodic directions d."""
        return self.vectors.shape[0]

    @property
    def n_basis(self) -> int:
        """Number of basis sites nb."""
        return self.basis.shape[0]

    @property
    def cell_volume(self) -> float:
        """Length, area or volume of the primitive cell (unit^d)."""
        return float(np.sqrt(abs(np.linalg.det(self.vectors @ self.vectors.T))))

    def reciprocal(self) -> np.ndarray:
        """(d, 3) reciprocal vectors b_i with a_i . b_j = 2 pi delta_ij [1/unit]."""
        return 2 * np.pi * np.linalg.pinv(self.vectors).T

    def shells(self, n: int) -> list[Shell]:
        """The first ``n`` neighbour shells; see :func:`neighbour_shells`."""
        return neighbour_shells(self, n)

    def supercell(self, size: int | Sequence[int], shells: int = 1) -> Supercell:
        """Periodic block of ``size`` cells (an int means L along every direction)."""
        return Supercell.build(self, size, shells)


@dataclass(frozen=True)
class Shell:
    """One neighbour shell: every (source basis site -> target site) pair at ``distance``.

    Attributes
    ----------
    distance: shell radius [unit of a].
    source: (k,) basis index of the central site.
    target: (k,) basis index of the neighbour.
    offset: (k, d) integer cell offset of the neighbour's cell.
    vector: (k, 3) Cartesian displacement from the central site to the neighbour.
    """

    distance: float
    source: np.ndarray
    target: np.ndarray
    offset: np.ndarray
    vector: np.ndarray

    def counts(self, n_basis: int) -> np.ndarray:
        """(nb,) number of neighbours of each basis site in this shell."""
        return np.bincount(self.source, minlength=n_basis)


def _candidates(lat: Lattice, reach: int) -> tuple[np.ndarray, ...]:
    """Every (source, target, offset, vector) with cell offsets in [-reach, reach]^d."""
    offs = np.array(list(itertools.product(range(-reach, reach + 1), repeat=lat.dim)))
    cell = offs @ lat.vectors  # (m, 3)
    nb = lat.n_basis
    src, tgt = np.meshgrid(np.arange(nb), np.arange(nb), indexing="ij")
    src, tgt = src.ravel(), tgt.ravel()
    vec = cell[:, None, :] + (lat.basis[tgt] - lat.basis[src])[None, :, :]  # (m, nb^2, 3)
    m = offs.shape[0]
    return (np.tile(src, m), np.tile(tgt, m), np.repeat(offs, nb * nb, axis=0),
            vec.reshape(-1, 3))


def neighbour_shells(lattice: Lattice, n: int) -> list[Shell]:
    """The first ``n`` neighbour shells of ``lattice``, nearest first.

    Distances closer than 1e-8 a are one shell. The search box grows until it holds the
    whole sphere of the n-th shell, so skewed cells (triangular, fcc) are handled.
    """
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 1:
        raise ParameterError("shells", n, "must be an integer >= 1")
    recip = np.linalg.pinv(lattice.vectors)  # columns: dual vectors
    spacing = 1.0 / np.linalg.norm(recip, axis=0).max()  # smallest lattice-plane spacing
    span = np.ptp(lattice.basis, axis=0).sum() if lattice.n_basis > 1 else 0.0
    reach = n + 1
    while True:
        src, tgt, off, vec = _candidates(lattice, reach)
        dist = np.linalg.norm(vec, axis=1)
        keep = dist > _TOL * lattice.a
        radii = _group(dist[keep], _TOL * lattice.a)
        if len(radii) >= n and radii[n - 1] + span <= (reach - 0.5) * spacing:
            break
        reach += 1
    out = []
    for r in radii[:n]:
        sel = keep & (np.abs(dist - r) <= _TOL * lattice.a * 10)
        order = np.lexsort((tgt[sel], src[sel]))
        out.append(Shell(float(r), src[sel][order], tgt[sel][order], off[sel][order],
                         vec[sel][order]))
    return out


def _group(d: np.ndarray, tol: float) -> list[float]:
    """Distinct values of ``d`` (sorted), values within ``tol`` merged."""
    s = np.sort(d)
    if s.size == 0:
        return []
    starts = np.concatenate(([0], np.nonzero(np.diff(s) > tol)[0] + 1))
    return [float(s[i]) for i in starts]


@dataclass(frozen=True)
class Supercell:
    """A periodic block of a lattice with its neighbour tables.

    Attributes
    ----------
    lattice: the lattice it repeats.
    size: (d,) cells along each lattice vector.
    shells: the neighbour shells the tables hold.
    positions: (N, 3) Cartesian site positions [unit of a].
    neighbours: (N, z) neighbour site indices; rows padded with the site's own index where a
        site has fewer than z neighbours (check ``bond_shell``).
    bond_shell: (N, z) shell index (0-based) of each neighbour, -1 on padding.
    """

    lattice: Lattice
    size: tuple[int, ...]
    shells: tuple[Shell, ...]
    positions: np.ndarray
    neighbours: np.ndarray
    bond_shell: np.ndarray
    counts: np.ndarray = field(repr=False)

    @property
    def n_sites(self) -> int:
        """Number of sites N."""
        return self.positions.shape[0]

    @property
    def coordination(self) -> tuple[int, ...]:
        """Neighbours per shell (the largest over basis sites where they differ)."""
        return tuple(int(c) for c in self.counts.max(axis=0))

    @classmethod
    def build(cls, lattice: Lattice, size: int | Sequence[int], shells: int = 1) -> Supercell:
        """Build the neighbour tables of a periodic block (see the class docstring).

        Raises
        ------
        ParameterError
            ``size`` if a periodic image of a site would appear twice (or as its own
            neighbour) within the requested shells: the block is too small.
        """
        dims = _check_size(size, lattice.dim)
        shell_list = neighbour_shells(lattice, shells)
        nb = lattice.n_basis
        cells = np.array(list(np.ndindex(*dims)))  # (C, d), C order
        n_cells = cells.shape[0]
        positions = (cells @ lattice.vectors)[:, None, :] + lattice.basis[None, :, :]
        counts = np.stack([s.counts(nb) for s in shell_list], axis=1)  # (nb, n_shells)
        z = int(counts.sum(axis=1).max())
        n = n_cells * nb
        nbr = np.repeat(np.arange(n)[:, None], z, axis=1)
        shell_of = np.full((n, z), -1, dtype=np.int64)
        fill = np.zeros(nb, dtype=np.int64)
        site0 = np.arange(n_cells) * nb
        for k, sh in enumerate(shell_list):
            for src, tgt, off in zip(sh.source, sh.target, sh.offset, strict=True):
                cell_j = np.ravel_multi_index(((cells + off) % dims).T, dims)
                col = fill[src]
                nbr[site0 + src, col] = cell_j * nb + tgt
                shell_of[site0 + src, col] = k
                fill[src] += 1
        for i in range(min(n, nb)):  # every cell is alike: checking one cell suffices
            row = nbr[i][shell_of[i] >= 0]
            if i in row or len(set(row.tolist())) != row.size:
                raise ParameterError(
                    "size", list(dims),
                    f"too small for {shells} neighbour shell(s): periodic images overlap",
                )
        positions = positions.reshape(n, 3)
        for arr in (positions, nbr, shell_of, counts):
            arr.setflags(write=False)
        return cls(lattice, dims, tuple(shell_list), positions, nbr, shell_of, counts)

    def bond_values(self, per_shell: Sequence[float]) -> np.ndarray:
        """(N, z) array with ``per_shell[k]`` on every bond of shell k and 0 on padding."""
        vals = np.asarray(per_shell, dtype=float)
        if vals.shape != (len(self.shells),) or not np.isfinite(vals).all():
            raise ParameterError("per_shell", list(per_shell),
                                 f"needs one finite value per shell ({len(self.shells)})")
        return np.where(self.bond_shell >= 0, vals[np.maximum(self.bond_shell, 0)], 0.0)

    def bipartite_sign(self, shell: int = 0) -> np.ndarray | None:
        """(N,) +1/-1 two-colouring of the graph of bonds in ``shell`` (0 = nearest), or None.

        None means the graph is not bipartite (triangular, fcc, or an odd periodic size).
        """
        n = self.n_sites
        adj = np.where(self.bond_shell == shell, self.neighbours, -1)
        colour = np.zeros(n, dtype=np.int8)
        for start in range(n):
            if colour[start]:
                continue
            colour[start] = 1
            frontier = np.array([start])
            while frontier.size:
                nxt = adj[frontier]
                owner = np.repeat(colour[frontier], nxt.shape[1])
                nxt = nxt.ravel()
                ok = nxt >= 0
                nxt, owner = nxt[ok], owner[ok]
                if np.any(colour[nxt] == owner):
                    return None
                new = colour[nxt] == 0
                colour[nxt[new]] = -owner[new]
                frontier = np.unique(nxt[new])
        return colour


def _check_size(size: int | Sequence[int], dim: int) -> tuple[int, ...]:
    if isinstance(size, int | np.integer) and not isinstance(size, bool):
        size = (int(size),) * dim
    try:
        dims = tuple(int(s) for s in size)
        ok = len(dims) == dim and all(
            float(s) == int(s) and int(s) >= 1 for s in size
        )
    except (TypeError, ValueError):
        ok = False
    if not ok:
        raise ParameterError("size", size, f"must be {dim} integer(s) >= 1")
    return dims


# ------------------------------------------------------------------------- named lattices
def chain(a: float = 1.0) -> Lattice:
    """Linear chain along x with spacing ``a``: 2 nearest neighbours."""
    return Lattice("chain", [[a, 0, 0]], [[0, 0, 0]], positive("a", a))


def square(a: float = 1.0) -> Lattice:
    """Square lattice in the xy plane: z = 4, 4, 4 in shells 1-3."""
    return Lattice("square", [[a, 0, 0], [0, a, 0]], [[0, 0, 0]], positive("a", a))


def triangular(a: float = 1.0) -> Lattice:
    """Triangular lattice in the xy plane: z = 6, 6, 6 in shells 1-3."""
    a = positive("a", a)
    return Lattice("triangular", [[a, 0, 0], [a / 2, a * np.sqrt(3) / 2, 0]], [[0, 0, 0]], a)


def honeycomb(a: float = 1.0) -> Lattice:
    """Honeycomb lattice (graphene geometry), nearest-neighbour distance ``a``: z = 3, 6, 3.

    Triangular Bravais lattice of constant sqrt(3) a with two sites at 0 and (0, a, 0).
    """
    a = positive("a", a)
    s = np.sqrt(3) * a
    return Lattice("honeycomb", [[s, 0, 0], [s / 2, 1.5 * a, 0]],
                   [[0, 0, 0], [0, a, 0]], a)


def simple_cubic(a: float = 1.0) -> Lattice:
    """Simple cubic lattice: z = 6, 12, 8 in shells 1-3."""
    a = positive("a", a)
    return Lattice("sc", np.eye(3) * a, [[0, 0, 0]], a)


def bcc(a: float = 1.0, conventional: bool = False) -> Lattice:
    """Body-centred cubic, cubic constant ``a``: z = 8, 6, 12 in shells 1-3.

    Primitive vectors (a/2)(-1, 1, 1), (a/2)(1, -1, 1), (a/2)(1, 1, -1); with
    ``conventional=True`` the cubic cell with basis (0,0,0), (a/2)(1,1,1).
    """
    a = positive("a", a)
    if conventional:
        return Lattice("bcc", np.eye(3) * a, [[0, 0, 0], [a / 2] * 3], a)
    return Lattice("bcc", 0.5 * a * (np.ones((3, 3)) - 2 * np.eye(3)), [[0, 0, 0]], a)


def fcc(a: float = 1.0, conventional: bool = False) -> Lattice:
    """Face-centred cubic, cubic constant ``a``: z = 12, 6, 24 in shells 1-3.

    Primitive vectors (a/2)(0, 1, 1), (a/2)(1, 0, 1), (a/2)(1, 1, 0); with
    ``conventional=True`` the cubic cell with its four-site basis.
    """
    a = positive("a", a)
    prim = 0.5 * a * (np.ones((3, 3)) - np.eye(3))
    if conventional:
        return Lattice("fcc", np.eye(3) * a, np.vstack([[0, 0, 0], prim]), a)
    return Lattice("fcc", prim, [[0, 0, 0]], a)


#: Named lattices by name: name -> constructor taking the lattice constant.
LATTICES: dict[str, Callable[..., Lattice]] = {
    "chain": chain,
    "square": square,
    "triangular": triangular,
    "honeycomb": honeycomb,
    "sc": simple_cubic,
    "bcc": bcc,
    "fcc": fcc,
}


def make_lattice(name: str, a: float = 1.0) -> Lattice:
    """The named lattice (a key of :data:`LATTICES`) with constant ``a``."""
    if name not in LATTICES:
        raise ParameterError("lattice", name, "must be one of " + ", ".join(LATTICES))
    return LATTICES[name](a)
