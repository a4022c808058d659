"""Magnetic order: the review's "Quantum Origin of Magnetic Order" in code.

* :mod:`.heisenberg` - classical Heisenberg/Ising Monte Carlo on any lattice (FM and AFM).
* :mod:`.meanfield` - mean-field Curie/Neel temperature, Curie-Weiss law, M(T).
* :mod:`.quantum` - exact diagonalisation of spin-S clusters and the two-site Hubbard model
  whose singlet-triplet splitting is the exchange J.
* :mod:`.dipolar` - exchange versus dipolar energy of neighbouring moments.
* :mod:`.stoner` - the Stoner criterion and self-consistent Stoner splitting on a DOS.

Sign convention throughout: H = - sum_{<ij>} J_ij S_i . S_j, each pair once, J > 0
ferromagnetic.
"""
