"""Lattices and neighbour shells against textbook coordination numbers and distances.

First and second shells of the cubic lattices (numbers 6/12, 8/6, 12/6 and their distances
a, sqrt(2) a; sqrt(3) a/2, a; a/sqrt(2), a): Kittel, Introduction to Solid State Physics,
8th ed. (2005), ch. 1, table 2 "Characteristics of cubic lattices". Third shells (8, 12, 24)
and the 2D lattices and chain follow from their geometry, counted by hand.
"""

import numpy as np
import pytest

from spinkit.errors import ParameterError
from spinkit.lattice import (
    LATTICES,
    Lattice,
    bcc,
    chain,
    fcc,
    honeycomb,
    make_lattice,
    neighbour_shells,
    simple_cubic,
    square,
    triangular,
)

S2, S3 = np.sqrt(2), np.sqrt(3)

# name -> (lattice, [(radius / a, coordination), ... first three shells])
TABLE = {
    "chain": (chain(), [(1, 2), (2, 2), (3, 2)]),
    "square": (square(), [(1, 4), (S2, 4), (2, 4)]),
    "triangular": (triangular(), [(1, 6), (S3, 6), (2, 6)]),
    "honeycomb": (honeycomb(), [(1, 3), (S3, 6), (2, 3)]),
    "sc": (simple_cubic(), [(1, 6), (S2, 12), (S3, 8)]),
    "bcc": (bcc(), [(S3 / 2, 8), (1, 6), (S2, 12)]),
    "fcc": (fcc(), [(1 / S2, 12), (1, 6), (np.sqrt(1.5), 24)]),
    "bcc-conv": (bcc(conventional=True), [(S3 / 2, 8), (1, 6), (S2, 12)]),
    "fcc-conv": (fcc(conventional=True), [(1 / S2, 12), (1, 6), (np.sqrt(1.5), 24)]),
}


@pytest.mark.parametrize("name", TABLE)
def test_shell_radii_and_coordination(name):
    lat, expected = TABLE[name]
    shells = neighbour_shells(lat, 3)
    for shell, (radius, z) in zip(shells, expected, strict=True):
        assert shell.distance == pytest.approx(radius, rel=1e-12)
        assert (shell.counts(lat.n_basis) == z).all()
        assert np.allclose(np.linalg.norm(shell.vector, axis=1), radius, rtol=1e-12)


@pytest.mark.parametrize("name", TABLE)
def test_shells_are_inversion_symmetric(name):
    """Every Bravais lattice with a centrosymmetric basis: each shell holds -d with d."""
    lat, _ = TABLE[name]
    for shell in neighbour_shells(lat, 3):
        vecs = {tuple(np.round(v, 9)) for v in shell.vector}
        assert vecs == {tuple(np.round(-v, 9) + 0.0) for v in shell.vector}


def test_lattice_constant_scales_distances():
    d = neighbour_shells(fcc(3.6e-10), 1)[0].distance
    assert d == pytest.approx(3.6e-10 / S2, rel=1e-12, abs=0)


@pytest.mark.parametrize("name", ["sc", "bcc", "fcc", "square", "triangular", "honeycomb"])
def test_supercell_tables_are_symmetric_and_complete(name):
    lat = make_lattice(name)
    cell = lat.supercell(6, shells=2)
    n = cell.n_sites
    assert n == 6**lat.dim * lat.n_basis
    pairs = set()
    for i in range(n):
        for j, k in zip(cell.neighbours[i], cell.bond_shell[i], strict=True):
            if k >= 0:
                pairs.add((i, int(j), int(k)))
    assert all((j, i, k) in pairs for i, j, k in pairs)  # j is i's neighbour <=> i is j's
    # number of bonds = N z / 2 per shell
    for k, z in enumerate(cell.coordination):
        assert sum(1 for p in pairs if p[2] == k) == n * z


def test_supercell_neighbours_at_shell_distance_minimum_image():
    lat = bcc(2.0)
    cell = lat.supercell(5, shells=3)
    box = 5 * lat.vectors
    for i in (0, 17, cell.n_sites - 1):
        for j, k in zip(cell.neighbours[i], cell.bond_shell[i], strict=True):
            d = cell.positions[j] - cell.positions[i]
            frac = np.linalg.solve(box.T, d)
            d = (frac - np.round(frac)) @ box
            assert np.linalg.norm(d) == pytest.approx(cell.shells[k].distance, rel=1e-12)


def test_bipartite_detection():
    assert simple_cubic().supercell(4).bipartite_sign() is not None
    assert bcc().supercell(4).bipartite_sign() is not None
    assert honeycomb().supercell(3).bipartite_sign() is not None
    assert square().supercell(5).bipartite_sign() is None  # odd periodic size
    assert triangular().supercell(6).bipartite_sign() is None
    assert fcc().supercell(4).bipartite_sign() is None
    sign = square().supercell(4).bipartite_sign()
    cell = square().supercell(4)
    assert (sign[cell.neighbours] == -sign[:, None]).all()
    assert sign.sum() == 0


def test_bond_values_and_padding():
    cell = simple_cubic().supercell(4, shells=2)
    vals = cell.bond_values([2.0, -1.0])
    assert (vals.sum(axis=1) == 6 * 2.0 - 12 * 1.0).all()
    with pytest.raises(ParameterError, match="per_shell"):
        cell.bond_values([1.0])


def test_user_lattice_with_basis():
    """A rectangular lattice with two inequivalent sites: counts may differ per site."""
    lat = Lattice("user", [[1, 0, 0], [0, 3, 0]], [[0, 0, 0], [0, 1, 0]])
    sh = neighbour_shells(lat, 1)[0]
    assert sh.distance == pytest.approx(1.0)
    # site 0: x-neighbours (2) + site 1 above (1); site 1: x-neighbours (2) + site 0 below
    assert sh.counts(2).tolist() == [3, 3]
    cell = lat.supercell((4, 2), shells=1)
    assert cell.coordination == (3,)


def test_bad_input_is_refused():
    with pytest.raises(ParameterError, match="size"):
        chain().supercell(2)  # both neighbours are the same site
    with pytest.raises(ParameterError, match="size"):
        simple_cubic().supercell((4, 4))
    with pytest.raises(ParameterError, match="lattice"):
        make_lattice("hcpp")
    with pytest.raises(ParameterError, match="^a "):
        simple_cubic(-1.0)
    with pytest.raises(ParameterError, match="^a "):
        simple_cubic("3e-10")
    with pytest.raises(ParameterError, match="^per_shell"):
        simple_cubic().supercell(4).bond_values([np.nan])
    with pytest.raises(ParameterError, match="vectors"):
        Lattice("bad", [[1, 0, 0], [2, 0, 0]], [[0, 0, 0]])
    with pytest.raises(ParameterError, match="shells"):
        neighbour_shells(square(), 0)
    assert set(LATTICES) == {"chain", "square", "triangular", "honeycomb", "sc", "bcc", "fcc"}
