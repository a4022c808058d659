"""Spin relaxation: Elliott-Yafet, D'yakonov-Perel' and Bir-Aronov-Pikus.

* :mod:`~spinkit.relaxation.ensemble` -- spin-ensemble Monte Carlo: spins precessing about
  the spin-orbit field Omega(k) of a :mod:`spinkit.bands` model between Poisson collisions,
  with an Elliott-Yafet flip probability per collision. Motional narrowing, free-precession
  dephasing, the Elliott-Yafet law and the persistent spin helix emerge from it.
* :mod:`~spinkit.relaxation.bulk_dresselhaus` -- the cubic Dresselhaus field of a
  zinc-blende conduction band as a Bloch model.
"""

from spinkit.relaxation.bulk_dresselhaus import BulkDresselhaus
from spinkit.relaxation.ensemble import (
    EnsembleResult,
    FermiMomenta,
    ThermalMomenta,
    ensemble_lifetime,
    fit_spin_lifetime,
    helix_amplitude,
    simulate_ensemble,
    steady_state_polarization,
)

__all__ = [
    "BulkDresselhaus",
    "EnsembleResult",
    "FermiMomenta",
    "ThermalMomenta",
    "ensemble_lifetime",
    "fit_spin_lifetime",
    "helix_amplitude",
    "simulate_ensemble",
    "steady_state_polarization",
]
