"""Bloch Hamiltonians and what follows from their eigenstates.

Models (all vectorized over k: ``(..., dim)`` wavevectors [1/m] -> ``(..., N, N)`` matrices
[J], diagonalized by one batched ``eigh``):

* :class:`SpinOrbit2DEG` -- Rashba + Dresselhaus (linear and cubic) + Zeeman 2DEG;
* :class:`DiracSurface` -- topological-insulator surface cone, optionally gapped;
* :class:`TightBinding` -- any lattice model from on-site and hopping matrices;
* :class:`QiWuZhang` -- the two-band Chern insulator;
* :func:`rashba_square_lattice` -- the Rashba gas regularised on a square lattice.

Two-band spin models expose the spin-orbit (Larmor) field Omega(k) = 2 h(k) / hbar
(:meth:`~TwoBandSpinHamiltonian.spin_orbit_field`). Derived quantities: band structures,
densities of states, spin textures, Berry phases and Wilson loops, Berry curvature and
Chern numbers (gauge-invariant, from overlaps of eigenvectors). The boundary checks they
share (:mod:`spinkit.bands.validation`) are public for models built on these bands.

>>> import numpy as np
>>> from spinkit import bands
>>> rashba = bands.SpinOrbit2DEG.from_material("InGaAs")
>>> k = np.array([[1e8, 0.0]])                       # 1/m
>>> split = np.diff(rashba.energies(k))[0, 0]        # J
>>> print(round(split / (2 * rashba.rashba * 1e8), 12))  # = 2 alpha k
1.0
"""

from spinkit.bands.dirac import DiracSurface, dirac_density_of_states
from spinkit.bands.hamiltonian import PAULI, BlochHamiltonian, TwoBandSpinHamiltonian
from spinkit.bands.spectrum import (
    BandStructure,
    band_structure,
    density_of_states,
    fermi_contour,
    straight_path,
)
from spinkit.bands.spin_orbit import (
    SpinOrbit2DEG,
    persistent_spin_helix_wavevector,
    rashba_density_of_states,
    rashba_energy,
    rashba_k0,
    spin_splitting,
)
from spinkit.bands.tight_binding import QiWuZhang, TightBinding, rashba_square_lattice
from spinkit.bands.topology import (
    BerryCurvature,
    berry_curvature,
    berry_phase,
    chern_number,
    wilson_loop,
)

__all__ = [
    "PAULI",
    "BandStructure",
    "BerryCurvature",
    "BlochHamiltonian",
    "DiracSurface",
    "QiWuZhang",
    "SpinOrbit2DEG",
    "TightBinding",
    "TwoBandSpinHamiltonian",
    "band_structure",
    "berry_curvature",
    "berry_phase",
    "chern_number",
    "density_of_states",
    "dirac_density_of_states",
    "fermi_contour",
    "persistent_spin_helix_wavevector",
    "rashba_density_of_states",
    "rashba_energy",
    "rashba_k0",
    "rashba_square_lattice",
    "spin_splitting",
    "straight_path",
    "wilson_loop",
]
