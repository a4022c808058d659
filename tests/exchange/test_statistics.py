"""Binning and jackknife against the exactly known statistics of an AR(1) process.

For x_t = rho x_{t-1} + sqrt(1 - rho^2) eta_t (unit-variance Gaussian eta) the integrated
autocorrelation time is tau_int = (1 + rho) / (2 (1 - rho)) and the variance of the mean of
n samples tends to 2 tau_int / n (Ambegaokar and Troyer, Am. J. Phys. 78, 150 (2010), eq. 14;
Sokal, "Monte Carlo methods in statistical mechanics", Cargese lectures (1996), sec. 2).
"""

import numpy as np
import pytest

from spinkit.errors import ParameterError
from spinkit.exchange.statistics import binning, jackknife


def _ar1(rho: float, n: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    eta = rng.standard_normal(n) * np.sqrt(1 - rho**2)
    x = np.empty(n)
    x[0] = rng.standard_normal()
    for t in range(1, n):
        x[t] = rho * x[t - 1] + eta[t]
    return x


def test_binning_recovers_tau_int_of_ar1():
    rho = 0.8
    tau = (1 + rho) / (2 * (1 - rho))  # = 4.5
    res = binning(_ar1(rho, 2**17, 1))
    assert res.tau_int == pytest.approx(tau, rel=0.2)
    assert res.error == pytest.approx(np.sqrt(2 * tau / 2**17), rel=0.1)
    assert res.errors[0] < res.error  # the naive error underestimates


def test_uncorrelated_series_has_tau_one_half():
    res = binning(np.random.default_rng(2).standard_normal(2**14))
    assert res.tau_int == pytest.approx(0.5, rel=0.3)


def test_jackknife_of_the_mean_is_the_block_error():
    x = np.random.default_rng(3).standard_normal(3200)
    value, err = jackknife(lambda a: a, x, blocks=32)
    blocks = x.reshape(32, 100).mean(axis=1)
    assert value == pytest.approx(x.mean())
    assert err == pytest.approx(blocks.std(ddof=1) / np.sqrt(32), rel=1e-10)


def test_jackknife_variance_of_gaussian():
    x = np.random.default_rng(4).standard_normal(2**15) * 2.0
    var, err = jackknife(lambda a, b: b - a * a, x, x * x)
    assert abs(var - 4.0) < 4 * err
    assert err == pytest.approx(4.0 * np.sqrt(2 / 2**15), rel=0.3)  # Var(s^2) = 2 sigma^4/n


def test_bad_input():
    with pytest.raises(ParameterError, match="series"):
        binning(np.ones(10))
    with pytest.raises(ParameterError, match="blocks"):
        jackknife(lambda a: a, np.ones(10), blocks=32)
