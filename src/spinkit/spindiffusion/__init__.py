"""Spin diffusion and accumulation in non-magnetic conductors.

The review's spin diffusion-relaxation equation, dmu_s/dt = D d2mu_s/dx2 - mu_s/tau_s, and
its steady state, whose decay length is the spin-diffusion length lambda_s = sqrt(D tau_s)
(:mod:`~spinkit.spindiffusion.steady`); the vector accumulation with drift and precession in
a magnetic field (Bloch-Torrey), 1D and 2D, steady and time-dependent
(:mod:`~spinkit.spindiffusion.bloch_torrey`); nonlocal spin valves and Hanle curves with
their fits (:mod:`~spinkit.spindiffusion.nonlocal_valve`).
"""

from spinkit.spindiffusion.bloch_torrey import (
    SpinChannel,
    VectorAccumulation,
    contact_velocity,
    injection_source,
    larmor_frequency,
    solve_steady,
    solve_transient,
    switch_on_profile,
)
from spinkit.spindiffusion.nonlocal_valve import (
    FitResult,
    NonlocalSpinValve,
    fit_distance,
    fit_hanle,
    nonlocal_resistance,
)
from spinkit.spindiffusion.steady import (
    SpinAccumulation,
    einstein_diffusion_constant,
    fit_decay,
    solve_steady_1d,
    steady_profile_1d,
)

__all__ = [
    "SpinAccumulation",
    "einstein_diffusion_constant",
    "fit_decay",
    "solve_steady_1d",
    "steady_profile_1d",
    "SpinChannel",
    "VectorAccumulation",
    "contact_velocity",
    "injection_source",
    "larmor_frequency",
    "solve_steady",
    "solve_transient",
    "switch_on_profile",
    "FitResult",
    "fit_distance",
    "fit_hanle",
    "NonlocalSpinValve",
    "nonlocal_resistance",
]
