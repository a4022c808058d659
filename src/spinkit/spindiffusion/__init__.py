"""Spin diffusion and accumulation in non-magnetic conductors.

The review's spin diffusion-relaxation equation, dmu_s/dt = D d2mu_s/dx2 - mu_s/tau_s, and
its steady state, whose decay length is the spin-diffusion length lambda_s = sqrt(D tau_s).
"""

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
]
