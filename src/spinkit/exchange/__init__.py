"""Magnetic order: the review's "Quantum Origin of Magnetic Order" in code.

* :mod:`.heisenberg` - classical Heisenberg/Ising Monte Carlo on any lattice (FM and AFM).
* :mod:`.meanfield` - mean-field Curie/Neel temperature, Curie-Weiss law, M(T).
* :mod:`.quantum` - exact diagonalisation of spin-S clusters and the two-site Hubbard model
  whose singlet-triplet splitting is the exchange J.
* :mod:`.dipolar` - exchange versus dipolar energy of neighbouring moments.
* :mod:`.stoner` - the Stoner criterion and self-consistent Stoner splitting on a DOS.

Sign convention throughout: H = - sum_{<ij>} J_ij S_i . S_j, each pair once, J > 0
ferromagnetic.

>>> import spinkit as sk
>>> from spinkit.lattice import simple_cubic
>>> model = sk.exchange.HeisenbergModel.on_lattice(simple_cubic(), 8, [1e-21])  # J1 [J]
>>> scan = sk.exchange.temperature_scan(model, [90.0, 100.0, 110.0], algorithm="wolff")
>>> sk.exchange.HubbardDimer(hopping=0.1, interaction=2.0).singlet_triplet_gap  # ~4t^2/U
"""

from spinkit.exchange.dipolar import (
    dipolar_energy_per_site,
    dipolar_pair_energy,
    exchange_vs_dipolar,
)
from spinkit.exchange.dos import DensityOfStates
from spinkit.exchange.heisenberg import (
    HeisenbergModel,
    MonteCarloResult,
    binder_crossing,
    parallel_tempering,
    temperature_scan,
)
from spinkit.exchange.meanfield import (
    curie_weiss_susceptibility,
    mean_field_magnetization,
    mean_field_order,
)
from spinkit.exchange.quantum import HubbardDimer, SpinCluster, hubbard_dimer_splitting, ring
from spinkit.exchange.statistics import binning, jackknife
from spinkit.exchange.stoner import (
    StonerState,
    fermi_level,
    solve_stoner,
    stoner_enhancement,
    stoner_product,
    stoner_tc,
)

__all__ = [
    "DensityOfStates",
    "HeisenbergModel",
    "HubbardDimer",
    "MonteCarloResult",
    "SpinCluster",
    "StonerState",
    "binder_crossing",
    "binning",
    "curie_weiss_susceptibility",
    "dipolar_energy_per_site",
    "dipolar_pair_energy",
    "exchange_vs_dipolar",
    "fermi_level",
    "hubbard_dimer_splitting",
    "jackknife",
    "mean_field_magnetization",
    "mean_field_order",
    "parallel_tempering",
    "ring",
    "solve_stoner",
    "stoner_enhancement",
    "stoner_product",
    "stoner_tc",
    "temperature_scan",
]
