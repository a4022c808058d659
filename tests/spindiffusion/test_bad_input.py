"""Public parameters of the spin-diffusion models are refused by name when they are not real
numbers in range (NaN, infinity, booleans, complex numbers, strings); nothing is clipped."""

import numpy as np
import pytest

from spinkit.errors import ParameterError
from spinkit.spindiffusion import (
    NonlocalSpinValve,
    SpinChannel,
    einstein_diffusion_constant,
    fit_decay,
    injection_source,
    larmor_frequency,
    nonlocal_resistance,
    solve_steady_1d,
    solve_transient,
    steady_profile_1d,
    switch_on_profile,
)

NOT_REAL = [float("nan"), float("inf"), True, 1 + 1j, "1"]
PROFILE = dict(x=np.array([0.0, 1e-6]), spin_diffusion_length=1e-6, length=1e-5,
               conductivity=1e7, polarization=0.3, current_density=1e10)
STEADY = dict(diffusion_constant=0.02, spin_lifetime=1e-11, length=1e-6, conductivity=1e7,
              polarization=0.3, current_density=1e10, cells=50)
NLR = dict(distance=1e-6, polarization=0.1, spin_diffusion_length=1e-6, conductivity=1e7,
           area=1e-14)
VALVE = dict(diffusion_constant=0.01, spin_lifetime=1e-10, conductivity=1e7, area=1e-14,
             polarization=0.1)
SWITCH = dict(x=0.0, t=1e-10, diffusion_constant=0.01, spin_lifetime=1e-10, conductivity=1e7,
              polarization=0.1, current_density=1e10)

CASES = ([(steady_profile_1d, PROFILE, k) for k in PROFILE]
         + [(solve_steady_1d, STEADY, k) for k in STEADY]
         + [(nonlocal_resistance, NLR, k) for k in NLR]
         + [(NonlocalSpinValve, VALVE, k) for k in VALVE]
         + [(switch_on_profile, SWITCH, k) for k in SWITCH]
         + [(einstein_diffusion_constant, dict(conductivity=1e7, fermi_energy=1e-18), k)
            for k in ("conductivity", "fermi_energy")]
         + [(larmor_frequency, dict(field=1.0, g_factor=2.0), k) for k in ("field", "g_factor")])
BAD = [(f, g, k, b) for f, g, k in CASES for b in NOT_REAL]


@pytest.mark.parametrize(("func", "good", "key", "bad"), BAD,
                         ids=[f"{f.__name__}-{k}-{b!r}" for f, _, k, b in BAD])
def test_not_a_real_number_is_refused_by_name(func, good, key, bad):
    with pytest.raises(ParameterError, match=f"^{key} = "):
        func(**{**good, key: bad})


def test_ranges_and_integers():
    valve = NonlocalSpinValve(**VALVE)
    ch = SpinChannel((1e-6,), (20,), 0.02, 1e-10)
    cases = [
        (lambda: steady_profile_1d(**{**PROFILE, "x": [2e-5]}), "x"),  # beyond L
        (lambda: solve_steady_1d(**{**STEADY, "cells": 50.0}), "cells"),
        (lambda: solve_steady_1d(**{**STEADY, "polarization": -1.01}), "polarization"),
        (lambda: nonlocal_resistance(**{**NLR, "distance": -1e-6}), "distance"),
        (lambda: valve.hanle(0.1, -1e-6), "distance"),
        (lambda: valve.hanle_numeric(0.1, 1e-6, margin=0.0), "margin"),
        (lambda: valve.hanle_numeric(0.1, 1e-6, cells_per_length=True), "cells_per_length"),
        (lambda: switch_on_profile(**{**SWITCH, "t": 0.0}), "t"),
        (lambda: fit_decay([0, 1e-7, 2e-7], [3.0, 2.0, 1.0], length=np.nan), "length"),
        (lambda: fit_decay([0, 1e-7], [3.0, 2.0], length=1e-6), "mu_s"),
        (lambda: SpinChannel((1e-6,), (20.0,), 0.02, 1e-10), "cells"),
        (lambda: SpinChannel((1e-6,), (20,), 0.02, 1e-10, origin=(0.0, 0.0)), "origin"),
        (lambda: SpinChannel((1e-6,), (20,), 0.02, 1e-10, field=(0.0, np.nan, 0.0)), "field"),
        (lambda: solve_transient(ch, duration=1e-10, steps=True), "steps"),
        (lambda: injection_source(ch, (5e-7,), spin_current=np.nan, direction=(0, 0, 1),
                                  conductivity=1e7, cross_section=1e-14), "spin_current"),
        (lambda: injection_source(ch, (5e-7,), spin_current=1.0, direction=(0, 0, 1j),
                                  conductivity=1e7, cross_section=1e-14), "direction"),
    ]
    for call, key in cases:
        with pytest.raises(ParameterError, match=f"^{key} = "):
            call()
