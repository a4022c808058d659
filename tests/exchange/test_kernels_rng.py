"""The Monte Carlo kernels' xoshiro256+ generator against the published algorithm.

Reference: D. Blackman and S. Vigna, "Scrambled linear pseudorandom number generators",
ACM Trans. Math. Softw. 47, 36 (2021); xoshiro256+ as in their reference C code
(next(): result = s0 + s3; t = s1 << 17; s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t;
s3 = rotl(s3, 45); double = (result >> 11) * 2^-53), written out here in Python integers.
"""

import numpy as np
import pytest

from spinkit.exchange import _kernels

MASK = 2**64 - 1


def _reference(state: list[int], n: int) -> list[float]:
    s0, s1, s2, s3 = state
    out = []
    for _ in range(n):
        result = (s0 + s3) & MASK
        t = (s1 << 17) & MASK
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = ((s3 << 45) | (s3 >> 19)) & MASK
        out.append((result >> 11) * 2.0**-53)
    return out


def test_matches_the_reference_algorithm():
    state = _kernels.new_state(np.random.default_rng(42))
    start = [int(x) for x in state]
    got = _kernels.uniform(state, 50)
    assert got.tolist() == _reference(start, 50)


def test_uniform_moments_and_reproducibility():
    a = _kernels.uniform(_kernels.new_state(np.random.default_rng(1)), 200_000)
    b = _kernels.uniform(_kernels.new_state(np.random.default_rng(1)), 200_000)
    assert np.array_equal(a, b)
    assert ((a >= 0) & (a < 1)).all()
    assert a.mean() == pytest.approx(0.5, abs=4 * np.sqrt(1 / 12 / a.size))
    assert a.var() == pytest.approx(1 / 12, rel=0.01)
    hist = np.histogram(a, bins=20, range=(0, 1))[0]
    expected = a.size / 20
    chi2 = np.sum((hist - expected) ** 2 / expected)
    assert chi2 < 43.8  # 99.9 % point of chi^2 with 19 degrees of freedom
