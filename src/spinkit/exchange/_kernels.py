"""numba kernels of the classical Heisenberg Monte Carlo (model in :mod:`.heisenberg`).

Every kernel works in units of k_B T: ``jb = J / (k_B T)`` per bond (N, z), ``hb`` the Zeeman
vector mu_s B / (k_B T), ``kb = K / (k_B T)``. The reduced energy is

    beta E = -1/2 sum_i sum_k jb[i,k] S_i . S_nbr[i,k] - kb sum_i (S_i . e)^2 - hb . sum_i S_i

(the neighbour table holds each pair twice, hence the 1/2). Random numbers come from a
xoshiro256+ generator (Blackman and Vigna, ACM Trans. Math. Softw. 47, 36 (2021)) whose
four-word ``state`` the caller seeds from its ``numpy.random.Generator`` (see
:func:`new_state`): runs are reproducible, and a draw costs a few instructions; the
colour-class sweep draws instead from SplitMix64 at counter positions of a per-sweep key
(:func:`_counter_uniform`), so that its sites can be updated in any order, in SIMD lanes and
on any number of threads, with the same result. The Metropolis and over-relaxation sweeps
compile with fastmath flags that only reorder and fuse arithmetic (contract, reassoc, nsz,
arcp; never nnan/ninf): results stay deterministic for a given seed and machine.
"""

from __future__ import annotations

import math

import numba
import numpy as np
from numba.core import cgutils, errors, types
from numba.extending import intrinsic

_INV_2_53 = 1.0 / 9007199254740992.0
_FAST = {"contract", "reassoc", "nsz", "arcp"}


def new_state(rng: np.random.Generator) -> np.ndarray:
    """A fresh xoshiro256+ state (4 uint64, not all zero) drawn from ``rng``."""
    state = rng.integers(0, 2**64, size=4, dtype=np.uint64)
    while not state.any():
        state = rng.integers(0, 2**64, size=4, dtype=np.uint64)
    return state


@numba.njit(cache=True, inline="always")
def _next(state):
    """Next 64-bit output of the xoshiro256+ state (advanced in place)."""
    s0, s1, s2, s3 = state[0], state[1], state[2], state[3]
    result = s0 + s3
    t = s1 << np.uint64(17)
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = (s3 << np.uint64(45)) | (s3 >> np.uint64(19))
    state[0], state[1], state[2], state[3] = s0, s1, s2, s3
    return result


@numba.njit(cache=True, inline="always")
def _uniform(state):
    """Next double in [0, 1) from the xoshiro256+ state (its top 53 bits)."""
    return (_next(state) >> np.uint64(11)) * _INV_2_53


@numba.njit(cache=True, inline="always")
def _counter_uniform(key, ctr):
    """Double in [0, 1): output number ctr + 1 of the SplitMix64 stream seeded with key.

    SplitMix64 (Steele, Lea and Flood, OOPSLA 2014, as in Vigna's reference splitmix64.c):
    x = key + (ctr + 1) * 0x9E3779B97F4A7C15, then z = (x ^ x >> 30) * 0xBF58476D1CE4E5B9,
    z = (z ^ z >> 27) * 0x94D049BB133111EB, z ^ z >> 31. Any draw is computed directly from
    its position, so sites updated in parallel draw the same numbers whatever the thread count.
    """
    z = key + (ctr + np.uint64(1)) * np.uint64(0x9E3779B97F4A7C15)
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return ((z ^ (z >> np.uint64(31))) >> np.uint64(11)) * _INV_2_53


@numba.njit(cache=True)
def uniform(state, n):
    """(n,) doubles in [0, 1) (for tests of the generator)."""
    out = np.empty(n)
    for i in range(n):
        out[i] = _uniform(state)
    return out


@numba.njit(cache=True)
def counter_uniform(key, ctr):
    """Doubles of :func:`_counter_uniform` at the positions ``ctr`` (for tests)."""
    out = np.empty(ctr.size)
    for i in range(ctr.size):
        out[i] = _counter_uniform(key, ctr[i])
    return out


@numba.njit(cache=True, inline="always")
def _field(spins, nbr, jb, hb, i):
    """Reduced local field H_i = sum_k jb[i,k] S_nbr + hb."""
    hx, hy, hz = hb[0], hb[1], hb[2]
    for k in range(nbr.shape[1]):
        j = nbr[i, k]
        b = jb[i, k]
        hx += b * spins[j, 0]
        hy += b * spins[j, 1]
        hz += b * spins[j, 2]
    return hx, hy, hz


@numba.njit(cache=True)
def measure(spins, nbr, jb, hb, kb, axis, sign):
    """(beta E, M (3,), staggered M (3,)) of a configuration (module docstring)."""
    n = spins.shape[0]
    e = 0.0
    m = np.zeros(3)
    ms = np.zeros(3)
    no_field = np.zeros(3)
    for i in range(n):
        sx, sy, sz = spins[i, 0], spins[i, 1], spins[i, 2]
        hx, hy, hz = _field(spins, nbr, jb, no_field, i)
        proj = sx * axis[0] + sy * axis[1] + sz * axis[2]
        e -= 0.5 * (sx * hx + sy * hy + sz * hz) + kb * proj * proj
        e -= hb[0] * sx + hb[1] * sy + hb[2] * sz
        m[0] += sx
        m[1] += sy
        m[2] += sz
        ms[0] += sign[i] * sx
        ms[1] += sign[i] * sy
        ms[2] += sign[i] * sz
    return e, m, ms


@numba.njit(cache=True, inline="always")
def _rotate_onto(sx, sy, sz, x, y, z):
    """The vector x b1 + y b2 + z S: (x, y, z) in the orthonormal frame (b1, b2, S) of the
    unit vector S, built branch-free as in Duff et al., J. Comput. Graph. Tech. 6, 1 (2017)
    (one division, the sign of S_z taken by a select)."""
    sgn = 1.0 if sz >= 0.0 else -1.0
    p = -1.0 / (sgn + sz)
    q = sx * sy * p
    # b1 = (1 + sgn sx^2 p, sgn q, -sgn sx), b2 = (q, sgn + sy^2 p, -sy)
    return (x * (1.0 + sgn * sx * sx * p) + y * q + z * sx,
            x * sgn * q + y * (sgn + sy * sy * p) + z * sy,
            -x * sgn * sx - y * sy + z * sz)


@numba.njit(cache=True, inline="always")
def _cone_trial(state, sx, sy, sz, r2_max):
    """Unit vector uniform in the cap 1 - S.T <= 2 r2_max around the unit vector S.

    A point (a, b) uniform in the disk r2 = a^2 + b^2 <= r2_max (by rejection) maps to
    (2a sqrt(1 - r2), 2b sqrt(1 - r2), 1 - 2 r2), uniform on the cap (Marsaglia, Ann. Math.
    Stat. 43, 645 (1972): the map is area-preserving), then rotated onto S
    (:func:`_rotate_onto`): one square root and one division, no trigonometry.
    """
    half = np.sqrt(r2_max)
    while True:
        a = half * (2.0 * _uniform(state) - 1.0)
        b = half * (2.0 * _uniform(state) - 1.0)
        r2 = a * a + b * b
        if r2 <= r2_max:
            w = 2.0 * np.sqrt(1.0 - r2)
            return _rotate_onto(sx, sy, sz, a * w, b * w, 1.0 - 2.0 * r2)


@numba.njit(cache=True)
def _normalise(sx, sy, sz):
    """Rescale every spin (components sx, sy, sz) to |S| = 1 (removes rounding drift)."""
    for i in range(sx.size):
        s = 1.0 / np.sqrt(sx[i] ** 2 + sy[i] ** 2 + sz[i] ** 2)
        sx[i] *= s
        sy[i] *= s
        sz[i] *= s


@numba.njit(cache=True, inline="always")
def _anisotropy_change(kb, axis, sx, sy, sz, tx, ty, tz):
    """beta dE of the anisotropy -kb (S.e)^2 when S -> T."""
    if kb == 0.0:
        return 0.0
    p_old = sx * axis[0] + sy * axis[1] + sz * axis[2]
    p_new = tx * axis[0] + ty * axis[1] + tz * axis[2]
    return -kb * (p_new * p_new - p_old * p_old)


@numba.njit(cache=True, inline="always")
def _moved(tot, d, g, dx, dy, dz):
    """Totals (dE, dM, dM_s) after a move changing beta E by d and S by (dx, dy, dz)."""
    return (tot[0] + d, tot[1] + dx, tot[2] + dy, tot[3] + dz,
            tot[4] + g * dx, tot[5] + g * dy, tot[6] + g * dz)


@numba.njit(cache=True, inline="always")
def _metropolis_move(spins, nbr, jb, hb, kb, axis, i, tx, ty, tz, u):
    """Metropolis on site i with trial T and uniform u: accepted iff u < exp(-max(d, 0)).

    Applied by a select rather than a branch (the branch mispredicts about half the time).
    Returns (a, a d, a dS) with a = 1 if accepted else 0.
    """
    sx, sy, sz = spins[i, 0], spins[i, 1], spins[i, 2]
    hx, hy, hz = _field(spins, nbr, jb, hb, i)
    dx, dy, dz = tx - sx, ty - sy, tz - sz
    d = -(dx * hx + dy * hy + dz * hz) + _anisotropy_change(kb, axis, sx, sy, sz, tx, ty, tz)
    a = 1.0 if u < np.exp(-max(d, 0.0)) else 0.0
    dx, dy, dz = a * dx, a * dy, a * dz
    spins[i, 0], spins[i, 1], spins[i, 2] = sx + dx, sy + dy, sz + dz
    return a, a * d, dx, dy, dz


@numba.njit(cache=True, inline="always")
def _reflection(spins, nbr, jb, hb, kb, axis, i):
    """Over-relaxation proposal for site i: (d, T) with T = 2 (S.H) H / H^2 - S, which keeps
    the exchange + Zeeman energy, and d = beta dE of the anisotropy; d = NaN if H = 0."""
    sx, sy, sz = spins[i, 0], spins[i, 1], spins[i, 2]
    hx, hy, hz = _field(spins, nbr, jb, hb, i)
    h2 = hx * hx + hy * hy + hz * hz
    if h2 == 0.0:
        return np.nan, sx, sy, sz
    f = 2.0 * (sx * hx + sy * hy + sz * hz) / h2
    tx, ty, tz = f * hx - sx, f * hy - sy, f * hz - sz
    return _anisotropy_change(kb, axis, sx, sy, sz, tx, ty, tz), tx, ty, tz


@numba.njit(cache=True, fastmath=_FAST)
def _metropolis_sweep(state, spins, nbr, jb, hb, kb, axis, r2_max, sign):
    """One sequential Metropolis sweep with cone trials; ((dE, dM, dM_s), accepted)."""
    tot = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
    accepted = 0.0
    for i in range(spins.shape[0]):
        tx, ty, tz = _cone_trial(state, spins[i, 0], spins[i, 1], spins[i, 2], r2_max)
        a, d, dx, dy, dz = _metropolis_move(spins, nbr, jb, hb, kb, axis, i, tx, ty, tz,
                                            _uniform(state))
        tot = _moved(tot, d, sign[i], dx, dy, dz)
        accepted += a
    return tot, accepted


@numba.njit(cache=True)
def _ising_sweep(state, spins, nbr, jb, hb, sign):
    """N Metropolis flips S -> -S at random sites (sequential zero-cost flips can cycle
    without mixing); ((dE, dM, dM_s), accepted)."""
    n = spins.shape[0]
    tot = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
    accepted = 0.0
    for _ in range(n):
        i = int(_uniform(state) * n)
        sz = spins[i, 2]
        d = 2.0 * sz * _field(spins, nbr, jb, hb, i)[2]
        if d <= 0.0 or _uniform(state) < np.exp(-d):
            spins[i, 2] = -sz
            tot = _moved(tot, d, sign[i], 0.0, 0.0, -2.0 * sz)
            accepted += 1.0
    return tot, accepted


@numba.njit(cache=True, fastmath=_FAST)
def _overrelax_sweep(state, spins, nbr, jb, hb, kb, axis, sign):
    """One sequential over-relaxation sweep (anisotropy change by Metropolis); (dE, dM, dM_s)."""
    tot = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
    for i in range(spins.shape[0]):
        d, tx, ty, tz = _reflection(spins, nbr, jb, hb, kb, axis, i)
        if np.isnan(d) or (d > 0.0 and _uniform(state) >= np.exp(-d)):
            continue
        tot = _moved(tot, d, sign[i], tx - spins[i, 0], ty - spins[i, 1], tz - spins[i, 2])
        spins[i, 0], spins[i, 1], spins[i, 2] = tx, ty, tz
    return tot


# ------------------------------------------------------------- checkerboard (SIMD) sweeps
LANES = 256  # sites per block: the vectorised loops run over a block's sites
NO_SHIFT = np.iinfo(np.int64).min  # block_shifts: the neighbours are no shifted slice
_INV_LN2 = 1.4426950408889634
_LN2_HI = 0.6931471803691238  # ln 2 split in two (Cody and Waite): n _LN2_HI is exact
_LN2_LO = 1.9082149292705877e-10
_TWO_M62 = 2.0**-62
# Taylor coefficients, highest order first: e^-r to r^13, cos y to y^16, sin y / y to y^14
_EXP_TAYLOR = tuple(1.0 / math.factorial(k) for k in range(13, -1, -1))
_COS_TAYLOR = tuple(1.0 / math.factorial(2 * k) for k in range(8, -1, -1))
_SIN_TAYLOR = tuple(1.0 / math.factorial(2 * k + 1) for k in range(7, -1, -1))


@intrinsic
def _stack_doubles(typingctx, size):
    """Pointer to ``size`` (a compile-time constant) float64 in the function's stack frame."""
    if not isinstance(size, types.IntegerLiteral):
        raise errors.RequireLiteralValue(size)

    def codegen(context, builder, signature, args):
        n = context.get_constant(types.intp, size.literal_value)
        return cgutils.alloca_once(builder, context.get_value_type(types.float64), size=n)
    return types.CPointer(types.float64)(size), codegen


@numba.njit(cache=True, inline="always")
def _alternating_series(coefficients, x):
    """sum_k (-1)^k a_k x^k by Horner's rule, a_k = ``coefficients`` highest order first."""
    p = 0.0
    for a in coefficients:
        p = a - x * p
    return p


@numba.njit(cache=True, inline="always", error_model="numpy")
def _exp_neg(x):
    """e^-x for x >= 0 without a library call (so that a loop around it vectorises).

    x = n ln 2 + r, n = round(x / ln 2), |r| <= ln2 / 2, e^-x = 2^-n e^-r with 2^-n an exact
    integer power (1 << (62 - n)) / 2^62 and e^-r its Taylor series to r^13 (truncation
    < 2e-17 relative). x is capped at 43: e^-43 < 2^-62, below the smallest non-zero
    uniform draw 2^-53, so no comparison u < e^-x changes.
    """
    x = min(x, 43.0)
    n = int(x * _INV_LN2 + 0.5)
    r = (x - n * _LN2_HI) - n * _LN2_LO
    p = _alternating_series(_EXP_TAYLOR, r)
    return p * (np.int64(1) << (62 - n)) * _TWO_M62


@numba.njit(cache=True, inline="always", error_model="numpy")
def _circle_point(u):
    """(cos psi, sin psi), psi uniform on the circle when u is uniform on [0, 1).

    psi = q pi/2 + y with the quadrant q = floor(4u) and y = (4u - q - 1/2) pi/2 uniform on
    [-pi/4, pi/4): the quarter turns are swaps and sign flips (selects), cos y and sin y
    Taylor series to y^16 and y^15 (truncation < 5e-17). No library call.
    """
    t = 4.0 * u
    q = np.floor(t)
    y = (t - q - 0.5) * (0.5 * np.pi)
    y2 = y * y
    c = _alternating_series(_COS_TAYLOR, y2)
    s = y * _alternating_series(_SIN_TAYLOR, y2)
    odd = q == 1.0 or q == 3.0
    flip = -1.0 if q >= 2.0 else 1.0
    return flip * (-s if odd else c), flip * (c if odd else s)


@numba.njit(cache=True, inline="always", error_model="numpy")
def _counter_cone(key, ctr, sx, sy, sz, r2_max):
    """Unit vector uniform in the cap 1 - S.T <= 2 r2_max around S from the counter draws
    ctr and ctr + 1: 1 - S.T = 2 r2_max u uniform (Archimedes: equal heights of a sphere
    cut equal areas), the azimuth about S uniform (:func:`_circle_point`). No rejection."""
    w = 2.0 * r2_max * _counter_uniform(key, ctr)
    rho = math.sqrt(w * (2.0 - w))
    c, s = _circle_point(_counter_uniform(key, ctr + np.uint64(1)))
    return _rotate_onto(sx, sy, sz, rho * c, rho * s, 1.0 - w)


@numba.njit(cache=True, inline="always", error_model="numpy")
def _block_fields(sx, sy, sz, nbr, jb, hb, k0, k1, shift, hx, hy, hz):
    """Reduced local fields of sites k0 .. k1-1 into hx, hy, hz (structure-of-arrays spins,
    neighbour table nbr (z, N), couplings jb (z, N) or (z, 1) when every site has the same).

    Where neighbour m of every site of the block is the site ``shift[m]`` further on (a
    translation-invariant lattice in colour order), its spins are plain vector loads of a
    shifted slice; elsewhere gathers through nbr.
    """
    n = k1 - k0
    h0, h1, h2 = hb[0], hb[1], hb[2]
    for lane in range(n):
        hx[lane], hy[lane], hz[lane] = h0, h1, h2
    uniform = jb.shape[1] == 1
    for m in range(nbr.shape[0]):
        b = jb[m, 0]
        bm = jb[m, k0:k1] if not uniform else jb[m, 0:1]
        if shift[m] != NO_SHIFT:
            j0 = k0 + shift[m]
            nx, ny, nz = sx[j0:j0 + n], sy[j0:j0 + n], sz[j0:j0 + n]
            if uniform:
                for lane in range(n):
                    hx[lane] += b * nx[lane]
                    hy[lane] += b * ny[lane]
                    hz[lane] += b * nz[lane]
            else:
                for lane in range(n):
                    hx[lane] += bm[lane] * nx[lane]
                    hy[lane] += bm[lane] * ny[lane]
                    hz[lane] += bm[lane] * nz[lane]
        else:
            idx = nbr[m, k0:k1]
            if uniform:
                for lane in range(n):
                    j = idx[lane]
                    hx[lane] += b * sx[j]
                    hy[lane] += b * sy[j]
                    hz[lane] += b * sz[j]
            else:
                for lane in range(n):
                    j = idx[lane]
                    hx[lane] += bm[lane] * sx[j]
                    hy[lane] += bm[lane] * sy[j]
                    hz[lane] += bm[lane] * sz[j]


@numba.njit(cache=True)
def block_shifts(nbr, starts):
    """(z, number of blocks) table for :func:`_block_fields`: for block q of LANES sites (the
    blocks of class c follow those of class c - 1) and neighbour m, the shift s such that
    nbr[m, k] = k + s for every site k of the block, or NO_SHIFT where there is none."""
    z = nbr.shape[0]
    count = 0
    for c in range(starts.size - 1):
        count += (starts[c + 1] - starts[c] + LANES - 1) // LANES
    shift = np.full((z, count), NO_SHIFT, dtype=np.int64)
    q = 0
    for c in range(starts.size - 1):
        for k0 in range(starts[c], starts[c + 1], LANES):
            k1 = min(k0 + LANES, starts[c + 1])
            for m in range(z):
                s = nbr[m, k0] - k0
                same = True
                for k in range(k0, k1):
                    same = same and nbr[m, k] - k == s
                if same:
                    shift[m, q] = s
            q += 1
    return shift


@numba.njit(cache=True, inline="always", error_model="numpy")
def _block_update(key, sx, sy, sz, hx, hy, hz, kb, axis, r2_max, sign, k0, metropolis):
    """Metropolis (cone trial) or over-relaxation of the sites k0 + lane of the block views
    sx, sy, sz, sign (lane = 0 .. len - 1) given their fields hx, hy, hz.

    Site k draws the counter positions 3k, 3k + 1, 3k + 2 of ``key``. Both moves are
    accepted iff u < e^-max(d, 0), d = beta dE (over-relaxation keeps exchange + Zeeman, so
    its d is the anisotropy change, plus rounding; it is refused where H = 0), applied by a
    select. The loop has no branch, call or indexed load, so it vectorises. Returns the
    block's (dE, dM, dM_s, accepted).
    """
    de = dmx = dmy = dmz = dsx = dsy = dsz = acc = 0.0
    e = (axis[0], axis[1], axis[2])  # in registers: a load in the loop would block SIMD
    for lane in range(sx.size):
        ctr = np.uint64(k0 + lane) * np.uint64(3)
        ox, oy, oz = sx[lane], sy[lane], sz[lane]
        fx, fy, fz = hx[lane], hy[lane], hz[lane]
        if metropolis:
            tx, ty, tz = _counter_cone(key, ctr, ox, oy, oz, r2_max)
            ok = True
        else:
            h2 = fx * fx + fy * fy + fz * fz
            ok = h2 > 0.0
            f = 2.0 * (ox * fx + oy * fy + oz * fz) / (h2 if ok else 1.0)
            tx, ty, tz = f * fx - ox, f * fy - oy, f * fz - oz
        dx, dy, dz = tx - ox, ty - oy, tz - oz
        d = -(dx * fx + dy * fy + dz * fz) + _anisotropy_change(kb, e, ox, oy, oz, tx, ty, tz)
        u = _counter_uniform(key, ctr + np.uint64(2))
        a = 1.0 if ok & (u < _exp_neg(max(d, 0.0))) else 0.0
        dx, dy, dz = a * dx, a * dy, a * dz
        sx[lane], sy[lane], sz[lane] = ox + dx, oy + dy, oz + dz
        g = sign[lane]
        de += a * d
        dmx += dx
        dmy += dy
        dmz += dz
        dsx += g * dx
        dsy += g * dy
        dsz += g * dz
        acc += a
    return de, dmx, dmy, dmz, dsx, dsy, dsz, acc


@numba.njit(cache=True, parallel=True, fastmath=_FAST, error_model="numpy")
def _colour_sweep(key, sx, sy, sz, nbr, jb, shift, hb, kb, axis, r2_max, sign, starts,
                  metropolis):
    """One sweep colour class by colour class (class c: sites starts[c] .. starts[c+1]-1 of
    the colour-sorted numbering), each class in blocks of LANES sites, the blocks on the
    numba threads (``prange``), each with its field buffers on its thread's stack (memory
    LLVM can prove distinct from the spins, so the gather loops vectorise). No two sites of
    a class are bonded, so a class's updates commute; each site draws from its own counter
    positions, and each block's (dE, dM, dM_s, accepted) goes to its own row of a table that
    is summed in block order afterwards, so spins and totals do not depend on the thread
    count. Returns ((dE, dM, dM_s), accepted).
    """
    parts = np.empty((shift.shape[1], 8))
    q0 = 0  # blocks of the classes before
    for c in range(starts.size - 1):
        lo, hi = starts[c], starts[c + 1]
        blocks = (hi - lo + LANES - 1) // LANES
        for blk in numba.prange(blocks):
            k0 = lo + blk * LANES
            k1 = min(k0 + LANES, hi)
            hx = numba.carray(_stack_doubles(LANES), LANES)
            hy = numba.carray(_stack_doubles(LANES), LANES)
            hz = numba.carray(_stack_doubles(LANES), LANES)
            _block_fields(sx, sy, sz, nbr, jb, hb, k0, k1, shift[:, q0 + blk], hx, hy, hz)
            t = _block_update(key, sx[k0:k1], sy[k0:k1], sz[k0:k1], hx, hy, hz, kb, axis,
                              r2_max, sign[k0:k1], k0, metropolis)
            for v in range(8):
                parts[q0 + blk, v] = t[v]
        q0 += blocks
    tot = np.zeros(8)
    for q in range(q0):  # in block order: the same sum whatever the thread count
        for v in range(8):
            tot[v] += parts[q, v]
    return (tot[0], tot[1], tot[2], tot[3], tot[4], tot[5], tot[6]), tot[7]


@numba.njit(cache=True)
def colouring(nbr, jb):
    """(N,) greedy colours, in site order, such that no bond with jb != 0 joins two sites
    of one colour (the checkerboard of a bipartite lattice; more colours otherwise)."""
    n, z = nbr.shape
    colour = np.full(n, -1, dtype=np.int64)
    taken = np.zeros(z + 1, dtype=np.bool_)
    for i in range(n):
        for k in range(z):
            j = nbr[i, k]
            if j != i and jb[i, k] != 0.0 and 0 <= colour[j] <= z:
                taken[colour[j]] = True
        c = 0
        while taken[c]:
            c += 1
        colour[i] = c
        for k in range(z):
            j = nbr[i, k]
            if 0 <= colour[j] <= z:
                taken[colour[j]] = False
    return colour


@numba.njit(cache=True)
def metropolis_block(state, spins, nbr, jb, hb, kb, axis, cos_cone, ising, n_overrelax, sign,
                     order, starts, nbr_c, jb_c, shift, out_e, out_m, out_ms):
    """len(out_e) sweeps of Metropolis + ``n_overrelax`` over-relaxation sweeps each.

    Metropolis proposes a new direction uniform in the cone S.T >= cos_cone around the old
    one (Ising: the flip S -> -S); the proposal density depends on S.T alone, so it is
    symmetric and the acceptance is min(1, exp(-beta dE)). Over-relaxation reflects S about
    its exchange + Zeeman field H, S' = 2 (S.H) H / H^2 - S, which keeps that energy and |S|
    and is its own inverse; the anisotropy change is then accepted by Metropolis, so
    detailed balance holds with any anisotropy. Sites are visited in index order (Ising: at
    random), or, when ``starts`` holds colour classes (sites ``order[starts[c]:starts[c+1]]``,
    no two bonded), class by class (:func:`_colour_sweep`, vectorised and on all numba
    threads; each sweep's key is the next xoshiro output) on structure-of-arrays copies of
    the spins in colour order, ``nbr_c`` (z, N) the neighbour table in that numbering and
    ``jb_c`` the couplings (z, N), or (z, 1) when every site has the same (see
    ``heisenberg.colour_tables``). Spins are rescaled to |S| = 1 every 64 sweeps and at the
    end (both moves keep |S| up to rounding). The energy and the (staggered) magnetisation
    are measured once and then updated move by move; after each sweep they are written to
    the out arrays. Returns the Metropolis acceptance ratio.
    """
    n = spins.shape[0]
    r2_max = 0.5 * (1.0 - cos_cone)
    checkerboard = starts.size > 1 and not ising
    accepted = 0.0
    e, m0, ms0 = measure(spins, nbr, jb, hb, kb, axis, sign)
    tot = np.array([e, m0[0], m0[1], m0[2], ms0[0], ms0[1], ms0[2]])
    nc = order.size if checkerboard else 0
    sx, sy, sz, sign_c = np.empty(nc), np.empty(nc), np.empty(nc), np.empty(nc)
    for k in range(nc):
        i = order[k]
        sx[k], sy[k], sz[k], sign_c[k] = spins[i, 0], spins[i, 1], spins[i, 2], sign[i]
    for sweep in range(out_e.shape[0]):
        for rep in range(1 if ising else 1 + n_overrelax):
            if checkerboard:
                delta, acc = _colour_sweep(_next(state), sx, sy, sz, nbr_c, jb_c, shift, hb, kb,
                                           axis, r2_max, sign_c, starts, rep == 0)
            elif ising:
                delta, acc = _ising_sweep(state, spins, nbr, jb, hb, sign)
            elif rep == 0:
                delta, acc = _metropolis_sweep(state, spins, nbr, jb, hb, kb, axis, r2_max,
                                               sign)
            else:
                delta, acc = _overrelax_sweep(state, spins, nbr, jb, hb, kb, axis, sign), 0.0
            if rep == 0:
                accepted += acc
            for q in range(7):
                tot[q] += delta[q]
        if not ising and (sweep % 64 == 63 or sweep == out_e.shape[0] - 1):
            if checkerboard:
                _normalise(sx, sy, sz)
            else:
                _normalise(spins[:, 0], spins[:, 1], spins[:, 2])
        out_e[sweep] = tot[0]
        out_m[sweep] = tot[1:4]
        out_ms[sweep] = tot[4:7]
    for k in range(nc):
        i = order[k]
        spins[i, 0], spins[i, 1], spins[i, 2] = sx[k], sy[k], sz[k]
    return accepted / (n * out_e.shape[0])


@numba.njit(cache=True, inline="always")
def _join(spins, j, pj, rx, ry, rz, proj, inside, members, size):
    """Add site j (projection pj on r) to the cluster: reflect it, record it; new size."""
    proj[j] = pj
    spins[j, 0] -= 2 * pj * rx
    spins[j, 1] -= 2 * pj * ry
    spins[j, 2] -= 2 * pj * rz
    inside[j] = True
    members[size] = j
    return size + 1


@numba.njit(cache=True)
def wolff_block(state, spins, nbr, jb, ising, n_clusters, sign, out_e, out_m, out_ms):
    """len(out_e) steps of Wolff single-cluster updates (Wolff, PRL 62, 361 (1989)).

    A step flips ``n_clusters`` clusters (a fixed number: stopping once a number of spins
    has been flipped would sample the chain at state-dependent times and bias it). Each
    cluster reflects the spin components along a random unit vector r (r = z for Ising);
    a bond joins the cluster with probability 1 - exp(min(0, -2 jb (r.S_i)(r.S_j))), which is
    valid for either sign of the exchange. No field or anisotropy. Returns the mean cluster
    size divided by N.
    """
    n = spins.shape[0]
    z = nbr.shape[1]
    members = np.empty(n, dtype=np.int64)
    proj = np.empty(n)
    inside = np.zeros(n, dtype=np.bool_)
    hb = np.zeros(3)
    axis = np.zeros(3)
    total = 0
    clusters = 0
    for step in range(out_e.shape[0]):
        for _ in range(n_clusters):
            if ising:
                rx, ry, rz = 0.0, 0.0, 1.0
            else:
                rz = 2.0 * _uniform(state) - 1.0
                phi = 2.0 * np.pi * _uniform(state)
                rho = np.sqrt(1.0 - rz * rz)
                rx, ry = rho * np.cos(phi), rho * np.sin(phi)
            i0 = int(_uniform(state) * n)
            p0 = rx * spins[i0, 0] + ry * spins[i0, 1] + rz * spins[i0, 2]
            size = _join(spins, i0, p0, rx, ry, rz, proj, inside, members, 0)
            head = 0
            while head < size:  # members doubles as the queue of sites to grow from
                i = members[head]
                head += 1
                pi = proj[i]
                for k in range(z):
                    j = nbr[i, k]
                    if inside[j]:
                        continue
                    pj = rx * spins[j, 0] + ry * spins[j, 1] + rz * spins[j, 2]
                    x = 2.0 * jb[i, k] * pi * pj
                    if x > 0.0 and _uniform(state) < 1.0 - np.exp(-x):
                        size = _join(spins, j, pj, rx, ry, rz, proj, inside, members, size)
            for q in range(size):
                inside[members[q]] = False
            total += size
            clusters += 1
        if not ising and (step % 64 == 63 or step == out_e.shape[0] - 1):
            _normalise(spins[:, 0], spins[:, 1], spins[:, 2])  # reflections keep |S|
        e, m, ms = measure(spins, nbr, jb, hb, 0.0, axis, sign)
        out_e[step] = e
        out_m[step] = m
        out_ms[step] = ms
    return total / (clusters * n)
