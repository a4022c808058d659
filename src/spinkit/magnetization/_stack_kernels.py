"""Compiled kernels for coupled macrospin stacks (:mod:`.stack`).

The fast path of :func:`~spinkit.magnetization.stack.simulate_stack`; the readable model is
:meth:`.stack.Stack.rhs` with :mod:`.integrators`, and the tests hold the two together. Each
layer's own terms arrive packed in the fixed layout of :class:`~.macrospin.Packed` (one row
of ``md`` per layer, every field pre-multiplied by w_i = gamma_i / (1 + alpha_i^2)), and the
single-layer right-hand side of :mod:`._kernels` evaluates eq. (2) of :mod:`.macrospin` for
each layer with two additions made here:

* the interlayer exchange field of every coupling (i, j),
      w_i B_i += w_i (J1 + 2 J2 m_i.m_j) m_j / (Ms_i d_i),
  added to the layer's applied field (and the mirror term on layer j);
* a dynamic polarizer: the torque slots of layer i take p = m_j (the current stage value of
  the other layer, as the numpy model does) when ``pol[i] = j >= 0``.

The integrators repeat those of :mod:`.integrators` step for step (classical RK4; Heun;
Dormand-Prince 5(4) with one error norm over all layers and the same step-size control), so
the two engines agree to rounding. Thermal runs use the stochastic Heun scheme with a
SplitMix64 stream per trajectory (seeded once per trajectory, so results do not depend on the
threads) and Brown's field held fixed over each step, independently for each layer.

:func:`run_batch` integrates trajectories first .. last-1 of an ensemble and releases the GIL,
so that :mod:`.stack` can spread disjoint ranges over threads.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

from spinkit.magnetization._kernels import _normal_pair, _rhs_py, _wave
from spinkit.magnetization.integrators import DP_A, DP_B, DP_C, DP_E

# method codes
RK4, HEUN, RK45 = 0, 1, 2
#: a step-size underflow or too many steps of Dormand-Prince (flag value of run_batch)
FAILED = -1.0
MAX_STEPS = 10_000_000

_rhs_one = njit(cache=True, inline="always", error_model="numpy")(_rhs_py)
_A = np.array([list(row) + [0.0] * (7 - len(row)) for row in DP_A])
_B = DP_B.copy()
_C = DP_C.copy()
_E = DP_E.copy()


@njit(cache=True, error_model="numpy")
def _drives(t, md, zee, zwf, twf, drv):
    """Everything that depends on t only, as _kernels._drive_py, into drv (L, 5): each
    layer's applied field [rad/s] and torque strengths s_0, s_1 [1/s]. Layer i owns rows
    i nz .. (i+1) nz - 1 of zee (L nz, 3) and zwf (L nz, 4), rows 2i, 2i+1 of twf (2 L, 4).

    Called at every stage time only when a waveform is not constant; otherwise once per
    trajectory."""
    nz = zee.shape[0] // md.shape[0]
    for i in range(md.shape[0]):
        bx, by, bz = md[i, 34], md[i, 35], md[i, 36]
        for q in range(i * nz, (i + 1) * nz):
            f = _wave(zwf, q, t)
            bx += zee[q, 0] * f
            by += zee[q, 1] * f
            bz += zee[q, 2] * f
        drv[i, 0], drv[i, 1], drv[i, 2] = bx, by, bz
        drv[i, 3] = md[i, 37] * _wave(twf, 2 * i, t)
        drv[i, 4] = md[i, 38] * _wave(twf, 2 * i + 1, t)


@njit(cache=True, inline="always", error_model="numpy")
def _rhs(m, k, slot, md, drv, cidx, cval, pol, th):
    """dm_i/dt [1/s] of every layer into k[slot] (L, 3) (module docstring).

    md (L, 39): the packed layers (its polarizer slots are overwritten here); drv (L, 5):
    their drive at the stage time (:func:`_drives`); cidx (C, 2) coupled layer pairs;
    cval (C, 4): w_i/(Ms_i d_i), w_j/(Ms_j d_j) [rad/(s T) / (T m^2/J)], J1, J2 [J/m^2];
    pol (L,): polarizer layer or -1; th (L, 3): w_i times Brown's field [rad/s].

    The arrays travel one by one: passing them as one tuple made every evaluation several
    times slower (measured).
    """
    for i in range(m.shape[0]):
        row = md[i]
        bx, by, bz, s0, s1 = drv[i, 0], drv[i, 1], drv[i, 2], drv[i, 3], drv[i, 4]
        bx += th[i, 0]
        by += th[i, 1]
        bz += th[i, 2]
        for c in range(cidx.shape[0]):
            a, b = cidx[c, 0], cidx[c, 1]
            if a == i or b == i:
                other = b if a == i else a
                x = m[i, 0] * m[other, 0] + m[i, 1] * m[other, 1] + m[i, 2] * m[other, 2]
                f = cval[c, 0 if a == i else 1] * (cval[c, 2] + 2.0 * cval[c, 3] * x)
                bx += f * m[other, 0]
                by += f * m[other, 1]
                bz += f * m[other, 2]
        src = pol[i]
        if src >= 0:
            row[25], row[26], row[27] = m[src, 0], m[src, 1], m[src, 2]
            row[31], row[32], row[33] = m[src, 0], m[src, 1], m[src, 2]
        k[slot, i, 0], k[slot, i, 1], k[slot, i, 2] = _rhs_one(
            m[i, 0], m[i, 1], m[i, 2], bx, by, bz, s0, s1, row)


@njit(cache=True, inline="always", error_model="numpy")
def _normalize(m):
    """m_i / |m_i| for every layer, in place."""
    for i in range(m.shape[0]):
        r = math.sqrt(m[i, 0] * m[i, 0] + m[i, 1] * m[i, 1] + m[i, 2] * m[i, 2])
        m[i, 0] /= r
        m[i, 1] /= r
        m[i, 2] /= r


@njit(cache=True, error_model="numpy")
def _noise(th, sig, h, state):
    """Brown's field for one step, w_i sigma_i N(0, 1) / sqrt(h) per component, into th
    (layer by layer, two normal numbers per Box-Muller pair, the last odd one dropped)."""
    flat = th.ravel()
    scale = 1.0 / math.sqrt(h)
    n = flat.shape[0]
    for k in range(0, n, 2):
        state, g1, g2 = _normal_pair(state)
        flat[k] = sig[k // 3] * scale * g1
        if k + 1 < n:
            flat[k + 1] = sig[(k + 1) // 3] * scale * g2
    return state


@njit(cache=True, inline="always", error_model="numpy")
def _stage(y, m, h, k, s, table, row):
    """y = m + h sum_q table[row, q] k[q] over the first s stages (no temporaries)."""
    for i in range(m.shape[0]):
        for c in range(3):
            acc = 0.0
            for q in range(s):
                acc += table[row, q] * k[q, i, c]
            y[i, c] = m[i, c] + h * acc


_RK4_STAGES = np.array([[0.0, 0.0, 0.0, 0.0], [0.5, 0.0, 0.0, 0.0], [0.0, 0.5, 0.0, 0.0],
                        [0.0, 0.0, 1.0, 0.0], [1.0, 2.0, 2.0, 1.0]])
_HEUN_STAGES = np.array([[1.0, 0.0], [0.5, 0.5]])


@njit(cache=True, inline="always", error_model="numpy")
def _fixed_step(t, h, method, m, k, y, md, zee, zwf, twf, drv, timed, cidx, cval, pol,
                th):
    """One RK4 or Heun step of size h from (t, m), m updated in place (renormalised), in
    the arithmetic order of integrators.rk4_step / heun_step; the drive is evaluated at the
    stage times when ``timed``."""
    if timed:
        _drives(t, md, zee, zwf, twf, drv)
    _rhs(m, k, 0, md, drv, cidx, cval, pol, th)
    if method == HEUN:
        _stage(y, m, h, k, 1, _HEUN_STAGES, 0)
        if timed:
            _drives(t + h, md, zee, zwf, twf, drv)
        _rhs(y, k, 1, md, drv, cidx, cval, pol, th)
        _stage(m, m, h, k, 2, _HEUN_STAGES, 1)
    else:
        for s in range(1, 4):
            _stage(y, m, h, k, s, _RK4_STAGES, s)
            if timed and s != 2:  # stages 2 and 3 share t + h/2
                _drives(t + (h if s == 3 else h / 2), md, zee, zwf, twf, drv)
            _rhs(y, k, s, md, drv, cidx, cval, pol, th)
        _stage(m, m, h / 6, k, 4, _RK4_STAGES, 4)
    _normalize(m)


@njit(cache=True, error_model="numpy")
def _trajectory(m0, t_out, dt, method, rtol, atol, md, zee, zwf, twf, cidx, cval, pol, sig,
                seed, out):
    """Integrate one stack from m0 (L, 3) over t_out into out (K, L, 3); returns 0.0, or
    FAILED if Dormand-Prince could not keep its tolerance."""
    md = md.copy()  # the polarizer slots are written during the run
    m = m0.copy()
    _normalize(m)
    out[0] = m
    k = np.zeros((7,) + m.shape)
    y = np.empty_like(m)
    th = np.zeros_like(m)
    hot = sig.max() > 0.0
    drv = np.empty((m.shape[0], 5))
    timed = zee.shape[0] > 0 or np.any(twf[:, 0] != 0.0)
    _drives(t_out[0], md, zee, zwf, twf, drv)
    state = seed
    t = t_out[0]
    h = dt
    fresh = True
    steps = 0
    for n in range(1, t_out.shape[0]):
        t_end = t_out[n]
        while t < t_end:
            if method != RK45:  # as stack.simulate_stack's fixed-step loop
                h = min(dt, t_end - t)
                if hot:
                    state = _noise(th, sig, h, state)
                _fixed_step(t, h, method, m, k, y, md, zee, zwf, twf, drv, timed, cidx, cval,
                            pol, th)
                t = t_end if t_end - t <= dt * (1 + 1e-9) else t + h
                continue
            # Dormand-Prince 5(4), as integrators.dormand_prince
            h = min(h, t_end - t)
            if fresh:
                if timed:
                    _drives(t, md, zee, zwf, twf, drv)
                _rhs(m, k, 0, md, drv, cidx, cval, pol, th)
                fresh = False
            for s in range(1, 7):
                _stage(y, m, h, k, s, _A, s)
                if timed:
                    _drives(t + _C[s] * h, md, zee, zwf, twf, drv)
                _rhs(y, k, s, md, drv, cidx, cval, pol, th)
            ratio = 0.0
            for i in range(m.shape[0]):
                for c in range(3):
                    m5, err = 0.0, 0.0
                    for q in range(7):
                        m5 += _B[q] * k[q, i, c]
                        err += _E[q] * k[q, i, c]
                    m5 = m[i, c] + h * m5
                    y[i, c] = m5
                    scale = atol + rtol * max(abs(m[i, c]), abs(m5))
                    ratio = max(ratio, abs(h * err) / scale)
            if ratio <= 1.0:
                t += h
                m[:] = y
                _normalize(m)
                fresh = True
            h *= min(5.0, max(0.2, 0.9 * (ratio if ratio > 0 else 1e-10) ** -0.2))
            steps += 1
            if steps > MAX_STEPS or h < 1e-30:
                return FAILED
        out[n] = m
    return 0.0


@njit(cache=True, nogil=True, error_model="numpy")
def run_batch(m0, t_out, dt, method, rtol, atol, md, zee, zwf, twf, cidx, cval, pol, sig,
              seeds, first, last, out_m, flag):
    """Trajectories first .. last-1 of m0 (N, L, 3) into out_m (N, K, L, 3); flag[n] is
    FAILED where Dormand-Prince failed. ``sig`` (L,): w_i sqrt(2 alpha_i k_B T / (gamma_i
    Ms_i V_i)) [rad s^(-1/2)], all 0 for a deterministic run; ``seeds`` (N,) uint64 start
    each trajectory's random stream. Releases the GIL."""
    for n in range(first, last):
        flag[n] = _trajectory(m0[n], t_out, dt, method, rtol, atol, md, zee, zwf, twf, cidx,
                              cval, pol, sig, seeds[n], out_m[n])
