"""The Monte Carlo kernels' random numbers: the xoshiro256+ and SplitMix64 generators against
the published algorithms, the Metropolis cone trials (rejection and counter-based) against the
uniform distribution on a spherical cap, and the library-free exponential and circle point of
the vectorised sweep against numpy's libm.

Reference: D. Blackman and S. Vigna, "Scrambled linear pseudorandom number generators",
ACM Trans. Math. Softw. 47, 36 (2021); xoshiro256+ as in their reference C code
(next(): result = s0 + s3; t = s1 << 17; s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t;
s3 = rotl(s3, 45); double = (result >> 11) * 2^-53), written out here in Python integers.
SplitMix64: G. L. Steele, D. Lea and C. H. Flood, "Fast splittable pseudorandom number
generators", OOPSLA 2014; as in Vigna's reference splitmix64.c (x += 0x9E3779B97F4A7C15;
z = (x ^ x >> 30) * 0xBF58476D1CE4E5B9; z = (z ^ z >> 27) * 0x94D049BB133111EB; z ^ z >> 31).
"""

import numba
import numpy as np
import pytest

from spinkit import constants
from spinkit.exchange import _kernels
from spinkit.exchange.heisenberg import HeisenbergModel
from spinkit.lattice import square

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


def _splitmix_reference(seed: int, n: int) -> list[float]:
    x, out = seed, []
    for _ in range(n):
        x = (x + 0x9E3779B97F4A7C15) & MASK
        z = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        out.append(((z ^ (z >> 31)) >> 11) * 2.0**-53)
    return out


def test_counter_draws_are_the_splitmix64_stream():
    """Position k of the counter generator is output k + 1 of SplitMix64 seeded with key."""
    key = 0x0123456789ABCDEF
    got = _kernels.counter_uniform(np.uint64(key), np.arange(40, dtype=np.uint64))
    assert got.tolist() == _splitmix_reference(key, 40)


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


@numba.njit
def _cone_draws(state, s, r2_max, n):
    out = np.empty((n, 3))
    for k in range(n):
        out[k, 0], out[k, 1], out[k, 2] = _kernels._cone_trial(state, s[0], s[1], s[2], r2_max)
    return out


@numba.njit(fastmath=_kernels._FAST, error_model="numpy")
def _counter_cone_draws(key, s, r2_max, n):
    out = np.empty((n, 3))
    for k in range(n):
        out[k, 0], out[k, 1], out[k, 2] = _kernels._counter_cone(
            key, np.uint64(3 * k), s[0], s[1], s[2], r2_max)
    return out


@pytest.mark.parametrize("trial", ["rejection", "counter"])
@pytest.mark.parametrize("cos_cone", [0.9, 0.0, -1.0])
@pytest.mark.parametrize("axis", [(0.3, -0.5, 0.8), (0.1, 0.2, -0.97), (1.0, 0.0, 0.0)])
def test_cone_trial_is_uniform_in_the_cap(trial, cos_cone, axis):
    """Uniform on the cap S.T >= c  <=>  S.T uniform on [c, 1] (Archimedes' hat-box theorem)
    and the azimuth about S uniform, so the mean of T is <S.T> S = (1 + c)/2 S. The density
    then depends on S.T alone: the proposal is symmetric, as Metropolis requires."""
    s = np.asarray(axis) / np.linalg.norm(axis)
    n = 100_000
    if trial == "rejection":
        t = _cone_draws(_kernels.new_state(np.random.default_rng(4)), s, 0.5 * (1 - cos_cone), n)
    else:
        t = _counter_cone_draws(np.uint64(0x5DEECE66D), s, 0.5 * (1 - cos_cone), n)
    assert np.allclose(np.linalg.norm(t, axis=1), 1.0, atol=1e-14)
    c = t @ s
    assert c.min() >= cos_cone - 1e-14
    width = 1 - cos_cone
    sigma = width * np.sqrt(1 / 12 / n)
    assert c.mean() == pytest.approx((1 + cos_cone) / 2, abs=4 * sigma)
    assert c.var() == pytest.approx(width**2 / 12, rel=0.02)
    hist = np.histogram(c, bins=10, range=(cos_cone, 1))[0]
    chi2 = np.sum((hist - n / 10) ** 2 / (n / 10))
    assert chi2 < 27.9  # 99.9 % point of chi^2 with 9 degrees of freedom
    perp = t - c[:, None] * s
    # each component of perp has variance <= <1 - c^2> / 2 <= width: 4 sigma bound
    assert np.abs(perp.mean(axis=0)).max() < 4 * np.sqrt(width / n)


@numba.njit(fastmath=_kernels._FAST, error_model="numpy")
def _exp_neg_many(x):
    out = np.empty_like(x)
    for i in range(x.size):
        out[i] = _kernels._exp_neg(x[i])
    return out


def test_polynomial_exp_matches_libm():
    """e^-x without libm (vectorisable): a few ulp from numpy's exp on [0, 43], the range
    reduction's seams (multiples of ln 2 / 2) included; beyond 43 below every non-zero
    uniform draw (>= 2^-53), as the acceptance u < e^-x needs."""
    rng = np.random.default_rng(0)
    seams = np.log(2) / 2 * np.arange(1, 124)
    x = np.concatenate([np.linspace(0, 43, 200_001), rng.uniform(0, 43, 100_000),
                        np.nextafter(seams, 0), np.nextafter(seams, 50), [1e-300, 5e-324]])
    got = _exp_neg_many(x)
    assert np.abs(got / np.exp(-x) - 1).max() < 2e-15  # measured 1.7e-15
    big = _exp_neg_many(np.array([43.0, 43.5, 700.0, 1e300, np.inf]))
    assert (big < 2.0**-53).all() and (big >= 0).all()


@numba.njit(fastmath=_kernels._FAST, error_model="numpy")
def _circle_points(u):
    out = np.empty((u.size, 2))
    for i in range(u.size):
        out[i, 0], out[i, 1] = _kernels._circle_point(u[i])
    return out


def test_circle_point_is_the_angle_two_pi_u():
    """_circle_point(u) = (cos, sin)(psi), psi = q pi/2 + (4u - q - 1/2) pi/2 = 2 pi u - pi/4
    (q = floor(4u)): a bijection of [0, 1) onto the circle, so psi is uniform; unit length."""
    u = np.concatenate([np.linspace(0, 1, 400_001)[:-1], np.nextafter([0.25, 0.5, 0.75, 1], 0),
                        np.random.default_rng(1).random(100_000)])
    got = _circle_points(u)
    psi = 2 * np.pi * u - np.pi / 4
    assert np.abs(got[:, 0] - np.cos(psi)).max() < 2e-15
    assert np.abs(got[:, 1] - np.sin(psi)).max() < 2e-15
    assert np.abs(np.hypot(got[:, 0], got[:, 1]) - 1).max() < 1e-15


@numba.njit
def _next_raw(state):
    return _kernels._next(state)


@numba.njit(fastmath=_kernels._FAST, error_model="numpy")
def _layout_sweep(key, spins, hb, r2_max):
    """The documented layout, written out: site k's cone trial from counter positions 3k and
    3k + 1, its acceptance draw from 3k + 2 (free spins: beta dE = -hb . (T - S))."""
    out = spins.copy()
    for k in range(spins.shape[0]):
        ctr = np.uint64(3 * k)
        s = spins[k]
        t = _kernels._counter_cone(key, ctr, s[0], s[1], s[2], r2_max)
        d = -(hb[0] * (t[0] - s[0]) + hb[1] * (t[1] - s[1]) + hb[2] * (t[2] - s[2]))
        if _kernels._counter_uniform(key, ctr + np.uint64(2)) < np.exp(-max(d, 0.0)):
            out[k, 0], out[k, 1], out[k, 2] = t
    return out


def test_colour_sweep_draws_three_distinct_counter_positions_per_site():
    """Pins the counter layout of the colour-class sweep: with J = 0 every site is in one
    class (colour order = site order), and one Metropolis sweep, keyed by the next
    xoshiro256+ output, equals the sweep written out above with site k drawing positions
    3k, 3k + 1, 3k + 2: 3N distinct positions, so no two draws of a sweep coincide."""
    model = HeisenbergModel.on_lattice(square(), 8, [0.0], field=(0, 0, 2.0),
                                       moment=constants.mu_B)
    n = model.n_sites
    jb, hb, kb = model.reduced(1.0)
    tables = model.colour_tables(jb)
    assert tables[1].tolist() == [0, n] and np.array_equal(tables[0], np.arange(n))
    positions = 3 * np.arange(n)[:, None] + np.arange(3)
    assert np.unique(positions).size == 3 * n
    state = _kernels.new_state(np.random.default_rng(6))
    spins = model.random_spins(np.random.default_rng(7))
    r2_max = 0.5 * (1 - 0.2)
    expected = _layout_sweep(_next_raw(state.copy()), spins, hb, r2_max)
    e, m, ms = np.empty(1), np.empty((1, 3)), np.empty((1, 3))
    acc = _kernels.metropolis_block(state, spins, model.cell.neighbours, jb, hb, kb,
                                    np.array(model.easy_axis), 0.2, False, 0, np.ones(n),
                                    *tables, e, m, ms)
    moved = (expected != model.random_spins(np.random.default_rng(7))).any(axis=1)
    assert 0.2 < moved.mean() < 0.95 and acc == pytest.approx(moved.mean(), abs=1e-12)
    assert np.abs(spins - expected).max() < 1e-13
