"""Crystal lattices and their neighbour shells (geometry only, no physics).

A :class:`Lattice` is a Bravais lattice (primitive vectors) plus a basis. Named constructors
give the common ones; :func:`neighbour_shells` groups the sites around each basis site by
distance; :meth:`Lattice.supercell` builds a periodic L1 x L2 x L3 block with neighbour
tables, ready for a Monte Carlo kernel.

>>> from spinkit.lattice import simple_cubic
>>> cell = simple_cubic(a=1.0).supercell((4, 4, 4), shells=2)
>>> cell.coordination     # sites in shells 1 and 2
(6, 12)
"""

from spinkit.lattice.lattice import (
    LATTICES,
    Lattice,
    Shell,
    Supercell,
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
