"""Steady 1D spin accumulation: closed form, convergence order, spin balance, symmetry."""

import numpy as np
import pytest

from spinkit import constants
from spinkit.errors import ParameterError
from spinkit.spindiffusion import (
    einstein_diffusion_constant,
    fit_decay,
    solve_steady_1d,
    steady_profile_1d,
)

BASE = dict(diffusion_constant=0.02, spin_lifetime=(350e-9) ** 2 / 0.02, length=2e-6,
            conductivity=5.9e7, polarization=0.3, current_density=1e10)


def _exact(sol, far_end):
    return steady_profile_1d(sol.x, spin_diffusion_length=350e-9, length=BASE["length"],
                             conductivity=BASE["conductivity"], polarization=0.3,
                             current_density=1e10, far_end=far_end)


@pytest.mark.parametrize("far_end", ["open", "sink"])
def test_second_order_convergence_to_closed_form(far_end):
    """Finite volumes converge to the Valet-Fert closed form at second order in the cell."""
    errs = []
    for n in (100, 200, 400):
        sol = solve_steady_1d(cells=n, far_end=far_end, **BASE)
        exact = _exact(sol, far_end)
        errs.append(np.max(np.abs(sol.mu_s - exact)) / np.max(exact))
    orders = np.log2(np.array(errs[:-1]) / np.array(errs[1:]))
    assert np.all(orders > 1.9)
    assert errs[-1] < 1e-5


def test_long_channel_is_a_pure_exponential_with_lambda_sqrt_d_tau():
    """For L >> lambda_s, mu_s(x) = mu_s(0) exp(-x / sqrt(D tau_s)) and
    mu_s(0)/e = 2 P j lambda_s / sigma (spin current P j enters, eq. j_s = -(sigma/2) dV/dx)."""
    p = dict(BASE, length=20e-6)
    sol = solve_steady_1d(cells=4000, **p)
    lam = np.sqrt(p["diffusion_constant"] * p["spin_lifetime"])
    slope = np.polyfit(sol.x[:1000], np.log(sol.mu_s[:1000]), 1)[0]
    assert -1 / slope == pytest.approx(lam, rel=1e-4, abs=0)
    v0 = 2 * 0.3 * 1e10 * lam / 5.9e7
    assert sol.mu_s[0] == pytest.approx(v0 * np.exp(-sol.x[0] / lam), rel=1e-4, abs=0)


def test_spin_balance_injected_current_equals_relaxation():
    """Integrating D V'' = V / tau_s with an open end: 2 P j / sigma = (1/lambda^2) int V dx."""
    sol = solve_steady_1d(cells=2000, **BASE)
    lam2 = BASE["diffusion_constant"] * BASE["spin_lifetime"]
    relaxed = np.sum(sol.mu_s) * (BASE["length"] / 2000) / lam2
    assert relaxed == pytest.approx(2 * 0.3 * 1e10 / 5.9e7, rel=1e-9, abs=0)
    # j_s(x) = P j sinh((L - x)/lambda)/sinh(L/lambda) (open end, eq. 2 on the closed form);
    # second order everywhere: measured 1.0e-6 of P j at 2000 cells (was P j at 1e-2)
    lam, big_l = 350e-9, BASE["length"]
    exact = 0.3 * 1e10 * np.sinh((big_l - sol.x) / lam) / np.sinh(big_l / lam)
    assert sol.spin_current[0] == pytest.approx(exact[0], rel=3e-6, abs=0)
    assert np.max(np.abs(sol.spin_current - exact)) < 2e-6 * 0.3 * 1e10
    assert abs(sol.spin_current[-1]) < 1e-3 * 0.3 * 1e10


def test_reversing_polarization_reverses_accumulation():
    """mu_s is odd in the injected spin current (P -> -P) and linear in j."""
    a = solve_steady_1d(cells=200, **BASE)
    b = solve_steady_1d(cells=200, **dict(BASE, polarization=-0.3))
    c = solve_steady_1d(cells=200, **dict(BASE, current_density=2e10))
    np.testing.assert_allclose(b.mu_s, -a.mu_s, rtol=1e-12)
    np.testing.assert_allclose(c.mu_s, 2 * a.mu_s, rtol=1e-12)


def test_fit_recovers_lambda_from_noisy_exponential():
    """Synthetic data exp(-x/lambda) with 1 % noise (made with numpy, not spinkit)."""
    rng = np.random.default_rng(1)
    x = np.linspace(0.1e-6, 3e-6, 40)
    y = 5e-6 * np.exp(-x / 500e-9) * (1 + 0.01 * rng.standard_normal(x.size))
    lam, err, amp = fit_decay(x, y, length=1e-3)
    assert abs(lam - 500e-9) < 3 * err + 1e-9
    assert err < 0.02 * lam


def test_einstein_relation_matches_drude_for_copper():
    """D = sigma/(e^2 N(E_F)) equals v_F^2 tau / 3 with the Drude tau = m sigma / (n e^2),
    both free-electron: n = 8.47e28 m^-3, v_F = 1.57e6 m/s for Cu (Ashcroft & Mermin,
    Solid State Physics, Tables 1.1 and 2.1)."""
    sigma = 5.96e7
    d = einstein_diffusion_constant(sigma, 7.00 * constants.eV)
    tau = constants.m_e * sigma / (8.47e28 * constants.e**2)
    assert d == pytest.approx((1.57e6) ** 2 * tau / 3, rel=1e-2, abs=0)


@pytest.mark.parametrize(
    ("key", "value"),
    [("diffusion_constant", -1.0), ("spin_lifetime", 0.0), ("length", float("nan")),
     ("polarization", 1.5), ("cells", 3), ("far_end", "closed")],
)
def test_bad_input_names_the_parameter(key, value):
    with pytest.raises(ParameterError, match=key):
        solve_steady_1d(**{**BASE, key: value})
