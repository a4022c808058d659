"""Compiled spin-ensemble kernel (numba): the loop of :func:`spinkit.relaxation.ensemble.
simulate_ensemble` run electron by electron, for fields that are polynomials in k.

The physics is that of the numpy engine in :mod:`spinkit.relaxation.ensemble` (read it
there): exponential free flights of mean tau_p, exact precession about Omega(k) in each,
a fresh k and a spin flip with probability p at each collision, sampling at fixed times.
Here the field is Omega(k) = sum_m C_m q^(P_m), q = k / k_scale, with the monomial powers P
and coefficients C fitted (exactly) to the band model by the caller.

Random numbers: each electron i has its own SplitMix64 stream (G. L. Steele, D. Lea and
C. H. Flood, OOPSLA 2014) starting at the hash mix(mix(seed + gamma) xor i), so the result is
the same for any number of threads; two of the 2^64-periodic streams overlap within L steps
with probability ~ N^2 L / 2^64 (1e-3 for N = 1e6, L = 1e4).
Electrons are grouped in batches (i mod B); a thread owns a batch and its sums.
"""

from __future__ import annotations

import numba as nb
import numpy as np

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)
_S30, _S27, _S31, _S11 = np.uint64(30), np.uint64(27), np.uint64(31), np.uint64(11)


@nb.njit(cache=True, inline="always")
def _mix(z: np.uint64) -> np.uint64:
    """The SplitMix64 output function, a bijection of 64-bit words with full avalanche."""
    z = (z ^ (z >> _S30)) * _MIX1
    z = (z ^ (z >> _S27)) * _MIX2
    return z ^ (z >> _S31)


@nb.njit(cache=True, inline="always")
def _next(state: np.uint64) -> tuple:
    """SplitMix64: (new state, 64 random bits)."""
    state = state + _GOLDEN
    return state, _mix(state)


@nb.njit(cache=True, inline="always")
def _uniform(state: np.uint64) -> tuple:
    """(new state, a uniform number in (0, 1))."""
    state, z = _next(state)
    return state, ((z >> _S11) + 0.5) * (1.0 / 9007199254740992.0)


@nb.njit(cache=True, inline="always")
def _draw_q(state: np.uint64, dim: int, fermi: bool, q: np.ndarray) -> np.uint64:
    """q = k / k_scale: standard normal components (thermal) or a random unit vector
    (Fermi surface), by Box-Muller, both normals of each pair used."""
    norm = 0.0
    for d in range(0, dim, 2):
        state, u1 = _uniform(state)
        state, u2 = _uniform(state)
        rad = np.sqrt(-2.0 * np.log(u1))
        q[d] = rad * np.cos(2.0 * np.pi * u2)
        norm += q[d] * q[d]
        if d + 1 < dim:
            q[d + 1] = rad * np.sin(2.0 * np.pi * u2)
            norm += q[d + 1] * q[d + 1]
    if fermi:
        norm = np.sqrt(norm)
        for d in range(dim):
            q[d] /= norm
    return state


@nb.njit(cache=True, inline="always")
def _field(q: np.ndarray, dim: int, powers: np.ndarray, coef: np.ndarray, qp: np.ndarray,
           om: np.ndarray) -> None:
    """Omega = sum_m C_m prod_d q_d^P_md into ``om``."""
    for d in range(dim):
        qp[d, 0] = 1.0
        for p in range(1, qp.shape[1]):
            qp[d, p] = qp[d, p - 1] * q[d]
    om[0] = om[1] = om[2] = 0.0
    for m in range(powers.shape[0]):
        mono = 1.0
        for d in range(dim):
            mono *= qp[d, powers[m, d]]
        om[0] += coef[m, 0] * mono
        om[1] += coef[m, 1] * mono
        om[2] += coef[m, 2] * mono


@nb.njit(cache=True, inline="always")
def _rotate(s: np.ndarray, om: np.ndarray, dt: float, out: np.ndarray) -> None:
    """Rodrigues rotation of s about om through |om| dt into ``out``."""
    w = np.sqrt(om[0] * om[0] + om[1] * om[1] + om[2] * om[2])
    if w == 0.0:
        out[0], out[1], out[2] = s[0], s[1], s[2]
        return
    nx, ny, nz = om[0] / w, om[1] / w, om[2] / w
    c, sn = np.cos(w * dt), np.sin(w * dt)
    nd = (nx * s[0] + ny * s[1] + nz * s[2]) * (1.0 - c)
    out[0] = s[0] * c + (ny * s[2] - nz * s[1]) * sn + nx * nd
    out[1] = s[1] * c + (nz * s[0] - nx * s[2]) * sn + ny * nd
    out[2] = s[2] * c + (nx * s[1] - ny * s[0]) * sn + nz * nd


@nb.njit(cache=True, parallel=True)
def run_ensemble(seed: int, n: int, dim: int, fermi: bool, powers: np.ndarray,
                 coef: np.ndarray, tau: float, flip: float, s0: np.ndarray,
                 times: np.ndarray, velocity: float, sums: np.ndarray, squares: np.ndarray,
                 final_spin: np.ndarray, final_pos: np.ndarray, events: np.ndarray) -> None:
    """Run ``n`` electrons; fill ``sums``/``squares`` (B, T, 3) with the sums of S and S^2
    per batch and sampling time, ``final_spin`` (n, 3) and ``final_pos`` (n, dim) at the
    last time, and ``events`` (B,) with the collisions per batch. ``velocity`` is
    hbar k_scale / m [m/s] (0: positions not tracked)."""
    batches = sums.shape[0]
    n_t = times.size
    last = n_t - 1
    max_power = 0
    for m in range(powers.shape[0]):
        for d in range(dim):
            max_power = max(max_power, powers[m, d])
    for b in nb.prange(batches):
        q = np.empty(dim)
        qp = np.empty((dim, max_power + 1))
        om = np.empty(3)
        s = np.empty(3)
        st = np.empty(3)
        r = np.empty(dim)
        count = 0
        for i in range(b, n, batches):
            # a hashed start per electron: streams far apart (not shifted copies)
            state = _mix(_mix(np.uint64(seed) + _GOLDEN) ^ np.uint64(i))
            s[0], s[1], s[2] = s0[0], s0[1], s0[2]
            for d in range(dim):
                r[d] = 0.0
            t = 0.0
            j = 0
            state = _draw_q(state, dim, fermi, q)
            _field(q, dim, powers, coef, qp, om)
            while j <= last:
                state, u = _uniform(state)
                flight = -tau * np.log(u)
                stop = t + flight
                while j <= last and times[j] < stop:
                    dt = times[j] - t
                    _rotate(s, om, dt, st)
                    for c in range(3):
                        sums[b, j, c] += st[c]
                        squares[b, j, c] += st[c] * st[c]
                    if j == last:
                        for c in range(3):
                            final_spin[i, c] = st[c]
                        for d in range(dim):
                            final_pos[i, d] = r[d] + velocity * q[d] * dt
                    j += 1
                _rotate(s, om, flight, st)
                s[0], s[1], s[2] = st[0], st[1], st[2]
                if flip > 0.0:
                    state, u = _uniform(state)
                    if u < flip:
                        s[0], s[1], s[2] = -s[0], -s[1], -s[2]
                for d in range(dim):
                    r[d] += velocity * q[d] * flight
                t = stop
                count += 1
                state = _draw_q(state, dim, fermi, q)
                _field(q, dim, powers, coef, qp, om)
        events[b] = count
