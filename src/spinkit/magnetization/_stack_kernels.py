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
* a dynamic polarizer: torque slot q of layer i (a Slonczewski torque) takes p = m_j (the
  current stage value of the other layer, as the numpy model does) when ``pol[i, q] = j >=
  0``; a slot with -1 (a spin-orbit torque, or no polarizer) keeps its packed p.

The integrators repeat those of :mod:`.integrators` step for step (classical RK4; Heun;
Dormand-Prince 5(4) with one error norm over all layers and the same step-size control), so
the two engines agree to rounding. Thermal runs use the stochastic Heun scheme with a
SplitMix64 stream per trajectory (seeded once per trajectory, so results do not depend on the
threads) and Brown's field held fixed over each step, independently for each layer.

:func:`run_batch` integrates trajectories first .. last-1 of an ensemble one at a time;
:func:`heun_lanes` integrates thermal ensembles in blocks of trajectories side by side (the
lane loops vectorize). Both release the GIL, so that :mod:`.stack` can spread disjoint
ranges over threads.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

from spinkit.magnetization._kernels import _damping_like, _normal_pair, _rhs_py, _wave
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

    md (L, 40): the packed layers (its polarizer slots are overwritten here); drv (L, 5):
    their drive at the stage time (:func:`_drives`); cidx (C, 2) coupled layer pairs;
    cval (C, 4): w_i/(Ms_i d_i), w_j/(Ms_j d_j) [rad m^2/(s J)], J1, J2 [J/m^2];
    pol (L, 2): polarizer layer of each torque slot or -1; th (L, 3): w_i times Brown's
    field [rad/s].

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
        src = pol[i, 0]
        if src >= 0:
            row[25], row[26], row[27] = m[src, 0], m[src, 1], m[src, 2]
        src = pol[i, 1]
        if src >= 0:
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


# --------------------------------------------------------------- thermal ensembles (lanes)
#: trajectories integrated side by side in one block of :func:`heun_lanes` (8 for small
#: ensembles): the lane loops vectorize; a trajectory-step of a three-layer stack costs
#: about 70 ns on one core in blocks of 64, about 330 ns one trajectory at a time (measured)
LANES = 64


@njit(cache=True, error_model="numpy")
def _lane_rhs(m, out, md, drv, cidx, cval, pol, th, w):
    """dm/dt of every layer of every lane, m and out (L, 3, lanes), th the same shape, w a
    (6, lanes) work array (arguments otherwise as :func:`_rhs`). The layer's constants are
    shared by the lanes and every lane loop is a simple innermost loop, so that the
    compiler vectorizes it. The spin torques are added outside the single-layer right-hand
    side (called with zero torque), since their polarizer may differ from lane to lane:
    eq. (2) is linear in the torque, so dm/dt = f(B + field-like) + D + alpha m x D with D
    the damping-like part."""
    lanes = m.shape[2]
    bx, by, bz, dx, dy, dz = w[0], w[1], w[2], w[3], w[4], w[5]
    for i in range(m.shape[0]):
        row = md[i]
        for lane in range(lanes):
            bx[lane] = drv[i, 0] + th[i, 0, lane]
            by[lane] = drv[i, 1] + th[i, 1, lane]
            bz[lane] = drv[i, 2] + th[i, 2, lane]
            dx[lane], dy[lane], dz[lane] = 0.0, 0.0, 0.0
        for c in range(cidx.shape[0]):
            a, b = cidx[c, 0], cidx[c, 1]
            if a != i and b != i:
                continue
            other = b if a == i else a
            scale, j1, j2 = cval[c, 0 if a == i else 1], cval[c, 2], 2.0 * cval[c, 3]
            for lane in range(lanes):
                ox, oy, oz = m[other, 0, lane], m[other, 1, lane], m[other, 2, lane]
                f = scale * (j1 + j2 * (m[i, 0, lane] * ox + m[i, 1, lane] * oy
                                        + m[i, 2, lane] * oz))
                bx[lane] += f * ox
                by[lane] += f * oy
                bz[lane] += f * oz
        for slot in range(2):
            s = drv[i, 3 + slot]
            if s == 0.0:
                continue
            src = pol[i, slot]
            base = 22 + 6 * slot
            pol_, l2, fl = row[base], row[base + 1], s * row[base + 2]
            for lane in range(lanes):
                mx, my, mz = m[i, 0, lane], m[i, 1, lane], m[i, 2, lane]
                if src >= 0:
                    px, py, pz = m[src, 0, lane], m[src, 1, lane], m[src, 2, lane]
                else:
                    px, py, pz = row[base + 3], row[base + 4], row[base + 5]
                bx[lane] += fl * px
                by[lane] += fl * py
                bz[lane] += fl * pz
                ex, ey, ez = _damping_like(mx, my, mz, mx * mx + my * my + mz * mz, s, pol_,
                                           l2, px, py, pz)
                dx[lane] += ex
                dy[lane] += ey
                dz[lane] += ez
        al = row[10]
        for lane in range(lanes):
            mx, my, mz = m[i, 0, lane], m[i, 1, lane], m[i, 2, lane]
            rx, ry, rz = _rhs_one(mx, my, mz, bx[lane], by[lane], bz[lane], 0.0, 0.0, row)
            ex, ey, ez = dx[lane], dy[lane], dz[lane]
            out[i, 0, lane] = rx + (ex + al * (my * ez - mz * ey))
            out[i, 1, lane] = ry + (ey + al * (mz * ex - mx * ez))
            out[i, 2, lane] = rz + (ez + al * (mx * ey - my * ex))


@njit(cache=True, error_model="numpy")
def _heun_block(m0, t_out, dt, md, zee, zwf, twf, cidx, cval, pol, sig, seeds, lanes, first,
                count, out_m):
    """Stochastic Heun for trajectories first .. first+count-1 as ``lanes`` lanes (padding
    lanes repeat the last one and are not written)."""
    n_layers = m0.shape[1]
    md = md.copy()
    m = np.empty((n_layers, 3, lanes))
    k1, k2, y, th = np.empty_like(m), np.empty_like(m), np.empty_like(m), np.empty_like(m)
    work = np.empty((6, lanes))
    state = np.empty(lanes, np.uint64)
    for lane in range(lanes):
        j = first + min(lane, count - 1)
        state[lane] = seeds[j]
        for i in range(n_layers):
            r = math.sqrt(m0[j, i, 0] ** 2 + m0[j, i, 1] ** 2 + m0[j, i, 2] ** 2)
            for c in range(3):
                m[i, c, lane] = m0[j, i, c] / r
    flat = th.reshape((3 * n_layers, lanes))
    drv = np.empty((n_layers, 5))
    timed = zee.shape[0] > 0 or np.any(twf[:, 0] != 0.0)
    _drives(t_out[0], md, zee, zwf, twf, drv)
    t = t_out[0]
    for n in range(t_out.shape[0]):
        if n > 0:
            t_end = t_out[n]
            while t < t_end:
                h = min(dt, t_end - t)
                scale = 1.0 / math.sqrt(h)
                for q in range(0, 3 * n_layers, 2):
                    for lane in range(lanes):
                        st, g1, g2 = _normal_pair(state[lane])
                        state[lane] = st
                        flat[q, lane] = sig[q // 3] * scale * g1
                        if q + 1 < 3 * n_layers:
                            flat[q + 1, lane] = sig[(q + 1) // 3] * scale * g2
                if timed:
                    _drives(t, md, zee, zwf, twf, drv)
                _lane_rhs(m, k1, md, drv, cidx, cval, pol, th, work)
                for i in range(n_layers):
                    for c in range(3):
                        for lane in range(lanes):
                            y[i, c, lane] = m[i, c, lane] + h * k1[i, c, lane]
                if timed:
                    _drives(t + h, md, zee, zwf, twf, drv)
                _lane_rhs(y, k2, md, drv, cidx, cval, pol, th, work)
                for i in range(n_layers):
                    for c in range(3):
                        for lane in range(lanes):
                            m[i, c, lane] += h * (0.5 * k1[i, c, lane] + 0.5 * k2[i, c, lane])
                    for lane in range(lanes):
                        r = math.sqrt(m[i, 0, lane] ** 2 + m[i, 1, lane] ** 2
                                      + m[i, 2, lane] ** 2)
                        m[i, 0, lane] /= r
                        m[i, 1, lane] /= r
                        m[i, 2, lane] /= r
                t = t_end if t_end - t <= dt * (1 + 1e-9) else t + h
        for lane in range(count):
            for i in range(n_layers):
                for c in range(3):
                    out_m[first + lane, n, i, c] = m[i, c, lane]


@njit(cache=True, nogil=True, error_model="numpy")
def heun_lanes(m0, t_out, dt, md, zee, zwf, twf, cidx, cval, pol, sig, seeds, lanes, first,
               last, out_m, flag):
    """Thermal trajectories first .. last-1 (``first`` a multiple of ``lanes``) by the
    stochastic Heun scheme in blocks of ``lanes``; arguments as :func:`run_batch` (``flag``
    is unused: nothing can fail). Results do not depend on ``lanes``: each trajectory draws
    from its own stream. Releases the GIL."""
    for start in range(first, last, lanes):
        _heun_block(m0, t_out, dt, md, zee, zwf, twf, cidx, cval, pol, sig, seeds, lanes,
                    start, min(lanes, last - start), out_m)
