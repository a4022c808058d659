"""numba kernels of the classical Heisenberg Monte Carlo (model in :mod:`.heisenberg`).

Every kernel works in units of k_B T: ``jb = J / (k_B T)`` per bond (N, z), ``hb`` the Zeeman
vector mu_s B / (k_B T), ``kb = K / (k_B T)``. The reduced energy is

    beta E = -1/2 sum_i sum_k jb[i,k] S_i . S_nbr[i,k] - kb sum_i (S_i . e)^2 - hb . sum_i S_i

(the neighbour table holds each pair twice, hence the 1/2). Random numbers come from a
xoshiro256+ generator (Blackman and Vigna, ACM Trans. Math. Softw. 47, 36 (2021)) whose
four-word ``state`` the caller seeds from its ``numpy.random.Generator`` (see
:func:`new_state`): runs are reproducible, and a draw costs a few instructions.
"""

from __future__ import annotations

import numba
import numpy as np

_INV_2_53 = 1.0 / 9007199254740992.0


def new_state(rng: np.random.Generator) -> np.ndarray:
    """A fresh xoshiro256+ state (4 uint64, not all zero) drawn from ``rng``."""
    state = rng.integers(0, 2**64, size=4, dtype=np.uint64)
    while not state.any():
        state = rng.integers(0, 2**64, size=4, dtype=np.uint64)
    return state


@numba.njit(cache=True, inline="always")
def _uniform(state):
    """Next double in [0, 1) from the xoshiro256+ state (advanced in place)."""
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
    return (result >> np.uint64(11)) * _INV_2_53


@numba.njit(cache=True)
def uniform(state, n):
    """(n,) doubles in [0, 1) (for tests of the generator)."""
    out = np.empty(n)
    for i in range(n):
        out[i] = _uniform(state)
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
    for i in range(n):
        sx, sy, sz = spins[i, 0], spins[i, 1], spins[i, 2]
        hx, hy, hz = _field(spins, nbr, jb, np.zeros(3), i)
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
def _shift(m, ms, sign_i, dx, dy, dz):
    """Add a spin change to the magnetisation m and the staggered magnetisation ms."""
    m[0] += dx
    m[1] += dy
    m[2] += dz
    ms[0] += sign_i * dx
    ms[1] += sign_i * dy
    ms[2] += sign_i * dz


@numba.njit(cache=True, inline="always")
def _cone_trial(state, sx, sy, sz, cos_cone):
    """Unit vector uniform in the cap of half-angle acos(cos_cone) around (sx, sy, sz)."""
    c = 1.0 - _uniform(state) * (1.0 - cos_cone)
    s = np.sqrt(max(0.0, 1.0 - c * c))
    while True:  # uniform direction in the plane without trigonometry (Marsaglia)
        a = 2.0 * _uniform(state) - 1.0
        b = 2.0 * _uniform(state) - 1.0
        r2 = a * a + b * b
        if 0.0 < r2 <= 1.0:
            break
    # orthonormal frame (u, v) perpendicular to S
    if abs(sz) < 0.9:
        ux, uy, uz = -sy, sx, 0.0
    else:
        ux, uy, uz = 0.0, -sz, sy
    nu = np.sqrt(ux * ux + uy * uy + uz * uz)
    ux, uy, uz = ux / nu, uy / nu, uz / nu
    vx, vy, vz = sy * uz - sz * uy, sz * ux - sx * uz, sx * uy - sy * ux
    cp, sp = s * (a * a - b * b) / r2, s * 2.0 * a * b / r2
    return (c * sx + cp * ux + sp * vx, c * sy + cp * uy + sp * vy, c * sz + cp * uz + sp * vz)


@numba.njit(cache=True)
def metropolis_block(state, spins, nbr, jb, hb, kb, axis, cos_cone, ising, n_overrelax, sign,
                     out_e, out_m, out_ms):
    """len(out_e) sweeps of Metropolis + ``n_overrelax`` over-relaxation sweeps each.

    Metropolis visits the sites in order (Ising: at random) and proposes a new direction
    uniform in a cone around the old one (Ising: the flip S -> -S). Over-relaxation reflects
    S about its exchange + Zeeman field, which keeps that energy; the anisotropy change is
    then accepted by Metropolis, so detailed balance holds with any anisotropy. The energy and
    the (staggered) magnetisation are measured once and then updated move by move; after
    each sweep they are written to the out arrays. Returns the Metropolis acceptance ratio.
    """
    n = spins.shape[0]
    accepted = 0
    e, m, ms = measure(spins, nbr, jb, hb, kb, axis, sign)
    for sweep in range(out_e.shape[0]):
        for k in range(n):
            # Heisenberg: sequential sweep (balance holds, memory access stays local); Ising:
            # random sites, since sequential zero-cost flips can cycle without mixing
            i = int(_uniform(state) * n) if ising else k
            sx, sy, sz = spins[i, 0], spins[i, 1], spins[i, 2]
            hx, hy, hz = _field(spins, nbr, jb, hb, i)
            if ising:
                tx, ty, tz = -sx, -sy, -sz
            else:
                tx, ty, tz = _cone_trial(state, sx, sy, sz, cos_cone)
            p_old = sx * axis[0] + sy * axis[1] + sz * axis[2]
            p_new = tx * axis[0] + ty * axis[1] + tz * axis[2]
            d = -((tx - sx) * hx + (ty - sy) * hy + (tz - sz) * hz) - kb * (
                p_new * p_new - p_old * p_old)
            if d <= 0.0 or _uniform(state) < np.exp(-d):
                spins[i, 0], spins[i, 1], spins[i, 2] = tx, ty, tz
                e += d
                _shift(m, ms, sign[i], tx - sx, ty - sy, tz - sz)
                accepted += 1
        if not ising:
            for _ in range(n_overrelax):
                for i in range(n):
                    sx, sy, sz = spins[i, 0], spins[i, 1], spins[i, 2]
                    hx, hy, hz = _field(spins, nbr, jb, hb, i)
                    h2 = hx * hx + hy * hy + hz * hz
                    if h2 == 0.0:
                        continue
                    f = 2.0 * (sx * hx + sy * hy + sz * hz) / h2
                    tx, ty, tz = f * hx - sx, f * hy - sy, f * hz - sz
                    norm = 1.0 / np.sqrt(tx * tx + ty * ty + tz * tz)  # remove rounding
                    tx, ty, tz = tx * norm, ty * norm, tz * norm
                    d = 0.0  # exchange + Zeeman energy is unchanged by the reflection
                    if kb != 0.0:
                        p_old = sx * axis[0] + sy * axis[1] + sz * axis[2]
                        p_new = tx * axis[0] + ty * axis[1] + tz * axis[2]
                        d = -kb * (p_new * p_new - p_old * p_old)
                        if d > 0.0 and _uniform(state) >= np.exp(-d):
                            continue
                    spins[i, 0], spins[i, 1], spins[i, 2] = tx, ty, tz
                    e += d
                    _shift(m, ms, sign[i], tx - sx, ty - sy, tz - sz)
        out_e[sweep] = e
        out_m[sweep] = m
        out_ms[sweep] = ms
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
        if not ising:  # keep |S| = 1 against rounding
            for i in range(n):
                s = 1.0 / np.sqrt(spins[i, 0] ** 2 + spins[i, 1] ** 2 + spins[i, 2] ** 2)
                spins[i, 0] *= s
                spins[i, 1] *= s
                spins[i, 2] *= s
        e, m, ms = measure(spins, nbr, jb, hb, 0.0, axis, sign)
        out_e[step] = e
        out_m[step] = m
        out_ms[step] = ms
    return total / (clusters * n)
