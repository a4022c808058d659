"""Binning and jackknife against the exactly known statistics of an AR(1) process.

For x_t = rho x_{t-1} + sqrt(1 - rho^2) eta_t (unit-variance Gaussian eta) the integrated
autocorrelation time is tau_int = (1 + rho) / (2 (1 - rho)) and the variance of the mean of
n samples tends to 2 tau_int / n (Ambegaokar and Troyer, Am. J. Phys. 78, 150 (2010), eq. 14;
Sokal, "Monte Carlo methods in statistical mechanics", Cargese lectures (1996), sec. 2).
"""

import numpy as np
import pytest
from scipy.signal import lfilter
from scipy.special import gammaln

from spinkit.errors import ParameterError
from spinkit.exchange.statistics import binning, jackknife


def _ar1(rho: float, n: int, seed: int) -> np.ndarray:
    """Stationary AR(1): x_0 ~ N(0, 1), then x_t = rho x_{t-1} + eta_t (a linear filter)."""
    rng = np.random.default_rng(seed)
    eta = rng.standard_normal(n) * np.sqrt(1 - rho**2)
    eta[0] = rng.standard_normal()
    return lfilter([1.0], [1.0, -rho], eta)


def test_binning_recovers_tau_int_of_ar1():
    """The binning error is taken from 16 blocks, so a single estimate scatters by about
    1/sqrt(2 * 15) = 18 % (one seed cannot test it to 10 %: half of all seeds miss by more).
    Over 256 independent chains the mean of error / exact error must equal
    c4(15) = E[s]/sigma for 16 Gaussian block means, sqrt(2/15) Gamma(8)/Gamma(7.5) = 0.9834,
    within 4 standard errors (~4.5 %), and tau_int = n err^2 / (2 sigma^2) its exact
    finite-n value (unbiased: E[s^2] = sigma^2). Exact variance of the mean of n AR(1)
    samples: [n + 2 sum_{k=1}^{n-1} (n - k) rho^k] / n^2."""
    rho, n, chains = 0.8, 2**15, 256
    k = np.arange(1, n)
    exact = np.sqrt((n + 2 * np.sum((n - k) * rho**k)) / n**2)
    tau_exact = n * exact**2 / 2  # -> (1 + rho) / (2 (1 - rho)) = 4.5 as n -> infinity
    assert tau_exact == pytest.approx(4.5, rel=1e-3)
    res = [binning(_ar1(rho, n, seed)) for seed in range(chains)]
    ratio = np.array([r.error for r in res]) / exact
    tau = np.array([r.tau_int for r in res])
    c4 = np.sqrt(2 / 15) * np.exp(gammaln(8) - gammaln(7.5))
    assert abs(ratio.mean() - c4) < 4 * ratio.std(ddof=1) / np.sqrt(chains)
    assert ratio.std(ddof=1) == pytest.approx(np.sqrt(1 - c4**2), rel=0.2)  # 16-block scatter
    # tau from the unbiased variance: only the naive error's own (tiny) noise enters
    assert abs(tau.mean() - tau_exact) < 4 * tau.std(ddof=1) / np.sqrt(chains)
    assert all(r.errors[0] < r.error for r in res)  # the naive error underestimates


def test_uncorrelated_series_has_tau_one_half():
    """White noise: tau_int = 1/2. One 16-block estimate scatters by sqrt(2/15) = 37 %, so
    the mean over 256 series must be 1/2 within 4 standard errors (~9 %)."""
    tau = np.array([binning(np.random.default_rng(seed).standard_normal(2**14)).tau_int
                    for seed in range(256)])
    assert abs(tau.mean() - 0.5) < 4 * tau.std(ddof=1) / np.sqrt(tau.size)
    assert tau.std(ddof=1) / tau.mean() == pytest.approx(np.sqrt(2 / 15), rel=0.2)


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
