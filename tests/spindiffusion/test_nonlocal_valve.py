"""Nonlocal spin valve and Hanle: closed forms, numeric solver, fits of noisy data."""

import numpy as np
import pytest
from scipy.integrate import quad

from spinkit import constants as c
from spinkit.errors import ParameterError
from spinkit.spindiffusion.nonlocal_valve import (
    NonlocalSpinValve,
    fit_distance,
    fit_hanle,
    nonlocal_resistance,
)

# Al channel of Jedema et al., Nature 416, 713 (2002): D ~ 0.0125 m^2/s, tau_s ~ 100 ps at
# 4.2 K; cross-section 50 nm x 250 nm; sigma and P representative.
D, TAU, SIGMA, AREA, P, L = 0.0125, 1.0e-10, 1.7e7, 50e-9 * 250e-9, 0.1, 1.0e-6
VALVE = NonlocalSpinValve(D, TAU, SIGMA, AREA, P)


def test_hanle_closed_form_is_the_time_integral():
    """Eq. (2) equals the Johnson-Silsbee/Jedema precession integral, done by quadrature."""
    for b in (0.0, 0.02, 0.07, -0.15):
        w = c.g_e * c.mu_B * b / c.hbar

        def f(t, w=w):
            return (np.exp(-L**2 / (4 * D * t)) / np.sqrt(4 * np.pi * D * t) * np.cos(w * t)
                    * np.exp(-t / TAU))

        integral = quad(f, 0, 80 * TAU, limit=800, epsabs=0, epsrel=1e-11)[0]
        expected = P**2 * D / (SIGMA * AREA) * integral
        assert VALVE.hanle(b, L) == pytest.approx(expected, rel=1e-8, abs=0)
    lam = np.sqrt(D * TAU)
    assert VALVE.hanle(0.0, L) == pytest.approx(
        P**2 * lam / (2 * SIGMA * AREA) * np.exp(-L / lam), rel=1e-12, abs=0)


def test_hanle_numeric_solver_matches_closed_form():
    """The steady Bloch-Torrey solver reproduces the Hanle curve to 1e-3 of the peak (the
    issue's bar; measured 1.8e-6, asserted 1e-5)."""
    b = np.linspace(-0.3, 0.3, 13)
    exact = VALVE.hanle(b, L)
    num = VALVE.hanle_numeric(b, L)
    assert np.max(np.abs(num - exact)) < 1e-5 * np.max(np.abs(exact))
    # the curve is even in B and changes sign (spins precess past 90 degrees)
    np.testing.assert_allclose(num, num[::-1], rtol=1e-10)
    assert exact.min() < 0 < exact.max()


def test_distance_dependence():
    """R(L) halves every lambda ln 2; nonlocal and Hanle(B=0) agree."""
    lam = np.sqrt(D * TAU)
    r = nonlocal_resistance(np.array([0.0, lam * np.log(2)]), polarization=P,
                            spin_diffusion_length=lam, conductivity=SIGMA, area=AREA)
    assert r[1] / r[0] == pytest.approx(0.5, rel=1e-12, abs=0)
    assert r[0] == pytest.approx(P**2 * lam / (2 * SIGMA * AREA), rel=1e-12, abs=0)
    assert VALVE.resistance(lam * np.log(2)) == pytest.approx(r[1], rel=1e-12, abs=0)


def test_fit_noisy_hanle_recovers_d_and_tau():
    """Synthetic Hanle data with 1% noise (seeded): D and tau_s within 2%, P within 2%."""
    rng = np.random.default_rng(7)
    b = np.linspace(-0.12, 0.12, 121)
    clean = VALVE.hanle(b, L)
    data = clean + rng.normal(0, 0.01 * clean.max(), b.size)
    fit = fit_hanle(b, data, distance=L, conductivity=SIGMA, area=AREA,
                    guess=(0.2, 0.02, 5e-11))
    assert fit.values["diffusion_constant"] == pytest.approx(D, rel=0.02, abs=0)
    assert fit.values["spin_lifetime"] == pytest.approx(TAU, rel=0.02, abs=0)
    assert fit.values["polarization"] == pytest.approx(P, rel=0.02, abs=0)
    assert 0 < fit.stderr["spin_lifetime"] < 0.02 * TAU


def test_fit_noisy_distance():
    """Synthetic R(L) with 2% noise: lambda_s and P within 3%."""
    rng = np.random.default_rng(3)
    lam = np.sqrt(D * TAU)
    dist = np.linspace(0.2e-6, 3e-6, 15)
    clean = nonlocal_resistance(dist, polarization=P, spin_diffusion_length=lam,
                                conductivity=SIGMA, area=AREA)
    data = clean * (1 + rng.normal(0, 0.02, dist.size))
    fit = fit_distance(dist, data, conductivity=SIGMA, area=AREA)
    assert fit.values["spin_diffusion_length"] == pytest.approx(lam, rel=0.03, abs=0)
    assert fit.values["polarization"] == pytest.approx(P, rel=0.03, abs=0)


def test_bad_input():
    with pytest.raises(ParameterError, match="polarization"):
        nonlocal_resistance(1e-6, polarization=1.5, spin_diffusion_length=1e-6,
                            conductivity=1.0, area=1.0)
    with pytest.raises(ParameterError, match="spin_lifetime"):
        NonlocalSpinValve(D, 0.0, SIGMA, AREA, P)
    with pytest.raises(ParameterError, match="^resistance"):
        fit_hanle([0.0, 1.0], [1.0, 2.0], distance=L, conductivity=SIGMA, area=AREA)
    with pytest.raises(ParameterError, match="^field"):
        fit_hanle([0.0, np.nan, 1.0, 2.0], [1.0, 2.0, 3.0, 4.0], distance=L,
                  conductivity=SIGMA, area=AREA)
    with pytest.raises(ParameterError, match="^distance"):
        VALVE.hanle(0.0, -L)
    with pytest.raises(ParameterError, match="^polarization"):
        nonlocal_resistance(1e-6, polarization=True, spin_diffusion_length=1e-6,
                            conductivity=1.0, area=1.0)
    # a signal larger than P = 1 allows is refused, not clipped to P = 1
    dist = np.linspace(0.2e-6, 3e-6, 15)
    too_big = 4 * nonlocal_resistance(dist, polarization=1.0, spin_diffusion_length=5e-7,
                                      conductivity=SIGMA, area=AREA)
    with pytest.raises(ParameterError, match="^resistance.*polarization"):
        fit_distance(dist, too_big, conductivity=SIGMA, area=AREA)
