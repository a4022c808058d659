"""Spin relaxation: Elliott-Yafet, D'yakonov-Perel' and Bir-Aronov-Pikus.

* :mod:`~spinkit.relaxation.ensemble` -- spin-ensemble Monte Carlo: spins precessing about
  the spin-orbit field Omega(k) of a :mod:`spinkit.bands` model between Poisson collisions,
  with an Elliott-Yafet flip probability per collision. Motional narrowing, free-precession
  dephasing, the Elliott-Yafet law, the field dependence (Hanle) and the persistent spin helix
  emerge from it.
* :mod:`~spinkit.relaxation.rates` -- the rate laws, with Fermi-Dirac averages and the
  momentum time from a mobility.
* :mod:`~spinkit.relaxation.mechanisms` -- the dominant mechanism over temperature and doping
  (GaAs n- and p-type with Bir-Aronov-Pikus; Si with phonon-limited Elliott-Yafet).
* :mod:`~spinkit.relaxation.mobility` -- the empirical low-field mobility mu(N, T) that gives
  the map its momentum time.
* :mod:`~spinkit.relaxation.bulk_dresselhaus` -- the cubic Dresselhaus field of a
  zinc-blende conduction band as a Bloch model.

Scenario kind: ``spin_relaxation`` (:mod:`~spinkit.relaxation.scenarios`).
"""

from spinkit.relaxation.bulk_dresselhaus import BulkDresselhaus
from spinkit.relaxation.ensemble import (
    EnsembleResult,
    FermiMomenta,
    ThermalMomenta,
    decay_time,
    ensemble_lifetime,
    fit_spin_lifetime,
    free_precession,
    helix_amplitude,
    simulate_ensemble,
    steady_state_polarization,
)
from spinkit.relaxation.mechanisms import (
    MECHANISMS,
    MechanismMap,
    exciton_bohr_radius_from,
    mechanism_map,
)
from spinkit.relaxation.mobility import low_field_mobility, material_mobility
from spinkit.relaxation.rates import (
    active_hole_fraction,
    bir_aronov_pikus_rate,
    conduction_band_density,
    dyakonov_perel_2deg_rates,
    dyakonov_perel_bulk_rate,
    elliott_yafet_kp_rate,
    elliott_yafet_phonon_rate,
    elliott_yafet_rate,
    energy_average,
    momentum_time_from_mobility,
    reduced_chemical_potential,
    sommerfeld_factor,
)

__all__ = [
    "MECHANISMS",
    "BulkDresselhaus",
    "EnsembleResult",
    "FermiMomenta",
    "MechanismMap",
    "ThermalMomenta",
    "active_hole_fraction",
    "bir_aronov_pikus_rate",
    "conduction_band_density",
    "decay_time",
    "dyakonov_perel_2deg_rates",
    "dyakonov_perel_bulk_rate",
    "elliott_yafet_kp_rate",
    "elliott_yafet_phonon_rate",
    "elliott_yafet_rate",
    "energy_average",
    "ensemble_lifetime",
    "exciton_bohr_radius_from",
    "fit_spin_lifetime",
    "free_precession",
    "helix_amplitude",
    "low_field_mobility",
    "material_mobility",
    "mechanism_map",
    "momentum_time_from_mobility",
    "reduced_chemical_potential",
    "simulate_ensemble",
    "sommerfeld_factor",
    "steady_state_polarization",
]
