"""Error bars of Markov-chain time series: binning and jackknife.

Successive samples of a Monte Carlo chain are correlated, so the naive standard error
sigma/sqrt(n) is too small by sqrt(2 tau_int). Binning averages the series in blocks of
2^k samples; once the blocks are longer than the autocorrelation time the block means are
independent and the error estimate stops growing (a plateau). Derived quantities (variances,
ratios such as the Binder cumulant) take their error from a jackknife over the same blocks.
(Ambegaokar and Troyer, Am. J. Phys. 78, 150 (2010); Newman and Barkema, Monte Carlo
Methods in Statistical Physics (1999), ch. 3.4.)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from spinkit.errors import ParameterError

__all__ = ["BinningResult", "binning", "jackknife"]

#: Fewest blocks an error estimate is taken from.
MIN_BLOCKS = 16


@dataclass(frozen=True)
class BinningResult:
    """Mean of a correlated series with its binning error.

    Attributes
    ----------
    mean: the sample mean.
    error: standard error of the mean, from the largest block size with >= 16 blocks.
    tau_int: integrated autocorrelation time (in samples), (error / naive error)^2 / 2.
    errors: (levels,) error estimate at block size 2^k, k = 0, 1, ...
    """

    mean: float
    error: float
    tau_int: float
    errors: np.ndarray


def binning(series: np.ndarray) -> BinningResult:
    """Binning analysis of a 1D series of at least 2 * 16 samples (module docstring)."""
    x = np.asarray(series, dtype=float)
    if x.ndim != 1 or x.size < 2 * MIN_BLOCKS:
        raise ParameterError("series", f"{x.size} samples",
                             f"needs a 1D series of >= {2 * MIN_BLOCKS} samples")
    errors = []
    block = x
    while block.size >= MIN_BLOCKS:
        errors.append(block.std(ddof=1) / np.sqrt(block.size))
        m = block.size // 2
        block = 0.5 * (block[0:2 * m:2] + block[1:2 * m:2])
    errs = np.array(errors)
    err = float(errs[-1])
    tau = 0.5 * (err / errs[0]) ** 2 if errs[0] > 0 else 0.0
    return BinningResult(float(x.mean()), err, tau, errs)


def jackknife(
    func: Callable[..., float], *series: np.ndarray, blocks: int = 32
) -> tuple[float, float]:
    """Jackknife estimate and error of ``func(mean_1, mean_2, ...)``.

    Each series is cut into ``blocks`` equal blocks (the tail that does not fill a block is
    dropped); ``func`` receives the means of the series with one block left out. Returns
    ``(value from all data, jackknife standard error)``.
    """
    n = min(np.asarray(s).shape[0] for s in series)
    if blocks < 2 or n < blocks:
        raise ParameterError("blocks", blocks, f"must be in [2, {n}] (series length)")
    size = n // blocks
    sums = [np.asarray(s, dtype=float)[: size * blocks].reshape(blocks, size).sum(axis=1)
            for s in series]
    total = [s.sum() for s in sums]
    full = func(*[t / (size * blocks) for t in total])
    leave = np.array([
        func(*[(t - s[b]) / (size * (blocks - 1)) for t, s in zip(total, sums, strict=True)])
        for b in range(blocks)
    ])
    err = np.sqrt((blocks - 1) * np.mean((leave - leave.mean()) ** 2))
    return float(full), float(err)
