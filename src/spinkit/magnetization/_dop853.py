"""Compiled DOP853 trajectories: the eighth-order adaptive method of
:func:`~spinkit.magnetization.integrators.dop853` on the fused right-hand side of
:mod:`._kernels`.

The method (E. Hairer, S. P. Norsett and G. Wanner, Solving Ordinary Differential Equations
I, 2nd ed., Springer 1993, sec. II.5 and II.6): twelve stages, the eighth-order solution
m_new = m + h sum_j b_j k_j, an error measure built from embedded 5th- and 3rd-order
estimates (accepted when <= 1), and the slope at m_new reused as the next step's first
stage (12 evaluations per accepted step, 11 per rejected one). Steps are not cut at the
output times: a sample inside a step comes from the 7th-order continuous extension, which
costs three more evaluations in that step only. They are cut at the drive's
discontinuities (``breaks``, a pulse's edges): the step that ends at one sees the drive
from the left only (its stage times are held below it), and the next one starts with a
fresh slope, the drive seen from the right; no step is longer than ``h_max`` (a fraction
of a sine's period). Without that, a magnet at rest (every slope zero, so a zero error
estimate and a step growing sixfold each time) would step over a pulse.
A watched crossing is located on the same
interpolant (regula falsi, Illinois variant), not by a straight line between steps.

The tableau is the one :mod:`.integrators` takes from scipy; numba freezes the module-level
arrays into the compiled code.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

from spinkit.magnetization._kernels import _drive_call, _rhs, _unit
from spinkit.magnetization.integrators import (
    DOP853_A,
    DOP853_C,
    DOP853_D,
    DOP853_E3,
    DOP853_E5,
    DOP853_FAC_MAX,
    DOP853_FAC_MIN,
    DOP853_SAFETY,
)

_A, _C, _D, _E3, _E5 = DOP853_A, DOP853_C, DOP853_D, DOP853_E3, DOP853_E5
_SAFETY, _FAC_MIN, _FAC_MAX = DOP853_SAFETY, DOP853_FAC_MIN, DOP853_FAC_MAX


@njit(cache=True, inline="always", error_model="numpy")
def _stage_point(s, h, mx, my, mz, k):
    """m + h sum_{j<s} a_sj k_j as (m + h sum_{j<s-1} a_sj k_j) + (h a_s,s-1) k_{s-1}: the
    newest slope, the last to arrive, enters through one fused multiply-add."""
    ax, ay, az = 0.0, 0.0, 0.0
    for j in range(s - 1):
        a = _A[s, j]
        ax += a * k[j, 0]
        ay += a * k[j, 1]
        az += a * k[j, 2]
    a = h * _A[s, s - 1]
    j = s - 1
    return (mx + h * ax) + a * k[j, 0], (my + h * ay) + a * k[j, 1], (mz + h * az) + a * k[j, 2]


@njit(cache=True, inline="always", error_model="numpy")
def _slope(t, x, y, z, md, zee, zwf, twf, timed, drive):
    """dm/dt at (t, m): the drive re-evaluated only when it depends on time."""
    if timed:
        drive = _drive_call(t, md, zee, zwf, twf)
    bx, by, bz, s0, s1 = drive
    return _rhs(x, y, z, bx, by, bz, s0, s1, md)


@njit(cache=True, error_model="numpy", fastmath={"contract"})
def _dense(t, h, mx, my, mz, nx, ny, nz, k, coef, md, zee, zwf, twf, timed, drive, t_lim):
    """Fill k[13:16] (three more slopes, at times <= t_lim) and coef (7, 3), the continuous
    extension's coefficients F_0..F_6 on [t, t + h] (:func:`.integrators._dop853_dense`)."""
    for s in range(13, 16):
        yx, yy, yz = _stage_point(s, h, mx, my, mz, k)
        k[s, 0], k[s, 1], k[s, 2] = _slope(min(t + _C[s] * h, t_lim), yx, yy, yz, md, zee,
                                           zwf, twf, timed, drive)
    start, end = (mx, my, mz), (nx, ny, nz)
    for c in range(3):
        dy = end[c] - start[c]
        coef[0, c] = dy
        coef[1, c] = h * k[0, c] - dy
        coef[2, c] = 2.0 * dy - h * (k[12, c] + k[0, c])
        for r in range(4):
            acc = 0.0
            for j in range(16):
                acc += _D[r, j] * k[j, c]
            coef[3 + r, c] = h * acc


@njit(cache=True, inline="always", error_model="numpy")
def _poly(coef, c, x):
    """Component c of the continuous extension's increment over the step start, at x."""
    y = x * coef[6, c]
    for i in range(5, -1, -1):
        y = (x if i % 2 == 0 else 1.0 - x) * (coef[i, c] + y)
    return y


@njit(cache=True, inline="always", error_model="numpy")
def _interpolate(coef, x, mx, my, mz):
    """The renormalised continuous extension at t + x h (0 <= x <= 1)."""
    return _unit(mx + _poly(coef, 0, x), my + _poly(coef, 1, x), mz + _poly(coef, 2, x))


@njit(cache=True, error_model="numpy")
def _crossing(coef, mx, my, mz, cross, level, f0, f1):
    """x in (0, 1] where u.m(t + x h) = level on the interpolant, given the signs
    f0 = side(0), f1 = side(1) differ (regula falsi, Illinois variant)."""
    a, b = 0.0, 1.0
    fa, fb = f0, f1
    x = 1.0
    for _ in range(60):
        x = (a * fb - b * fa) / (fb - fa)
        px, py, pz = _interpolate(coef, x, mx, my, mz)
        fx = px * cross[0] + py * cross[1] + pz * cross[2] - level
        if fx == 0.0 or b - a < 1e-15:
            break
        if (fx < 0.0) == (fb < 0.0):
            b, fb = x, fx
            fa *= 0.5
        else:
            a, fa = x, fx
            fb *= 0.5
    return x


@njit(cache=True, parallel=True, error_model="numpy", fastmath={"contract"})
def _trajectory(m0, t_out, h, rtol, atol, md, zee, zwf, twf, breaks, h_max, cross, level,
                stop, out_m, out_cross, n):
    """Integrate trajectory ``n`` from t_out[0] to t_out[-1] with first step h, steps ending
    at each of ``breaks`` (increasing, inside the interval) and none longer than h_max;
    write out_m[n, k] and out_cross[n] (-1 if the step size underflowed). Compiled through
    the parallel pipeline as :func:`._kernels._trajectory` is, for the same reason."""
    k = np.empty((16, 3))
    coef = np.empty((7, 3))
    mx, my, mz = _unit(m0[0], m0[1], m0[2])
    t, t_end = t_out[0], t_out[-1]
    out_m[n, 0, 0], out_m[n, 0, 1], out_m[n, 0, 2] = mx, my, mz
    side = mx * cross[0] + my * cross[1] + mz * cross[2] - level
    watch = cross[0] != 0.0 or cross[1] != 0.0 or cross[2] != 0.0
    timed = zee.shape[0] > 0 or twf[0, 0] != 0.0 or twf[1, 0] != 0.0
    drive = _drive_call(t, md, zee, zwf, twf)
    k[0, 0], k[0, 1], k[0, 2] = _slope(t, mx, my, mz, md, zee, zwf, twf, timed, drive)
    rejected = False
    i = 1
    n_out = t_out.shape[0]
    b = 0  # the next break
    while i < n_out:
        target = breaks[b] if b < breaks.shape[0] else t_end
        h = min(h, h_max)
        last = target - t <= h * (1.0 + 1e-9)
        # stages of a step that ends at target see the drive from the left of it
        t_lim = np.nextafter(target, -np.inf) if last else np.inf
        if last:
            h = target - t
        for s in range(1, 12):
            yx, yy, yz = _stage_point(s, h, mx, my, mz, k)
            k[s, 0], k[s, 1], k[s, 2] = _slope(min(t + _C[s] * h, t_lim), yx, yy, yz, md,
                                               zee, zwf, twf, timed, drive)
        nx, ny, nz = _stage_point(12, h, mx, my, mz, k)
        e5x, e5y, e5z, e3x, e3y, e3z = 0.0, 0.0, 0.0, 0.0, 0.0, 0.0
        for j in range(12):
            e5x += _E5[j] * k[j, 0]
            e5y += _E5[j] * k[j, 1]
            e5z += _E5[j] * k[j, 2]
            e3x += _E3[j] * k[j, 0]
            e3y += _E3[j] * k[j, 1]
            e3z += _E3[j] * k[j, 2]
        sx = atol + rtol * max(abs(mx), abs(nx))
        sy = atol + rtol * max(abs(my), abs(ny))
        sz = atol + rtol * max(abs(mz), abs(nz))
        e5 = max(abs(e5x) / sx, abs(e5y) / sy, abs(e5z) / sz)
        e3 = max(abs(e3x) / sx, abs(e3y) / sy, abs(e3z) / sz)
        # h e5^2 / sqrt(e5^2 + 0.01 e3^2), written so that it cannot overflow
        # (a NaN e5, from a step so long that the stages overflow, stays NaN: rejected)
        err = 0.0 if e5 == 0.0 else h * e5 / math.sqrt(1.0 + 0.01 * (e3 / e5) ** 2)
        factor = _SAFETY / math.sqrt(math.sqrt(math.sqrt(err if err > 1e-30 else 1e-30)))
        if not err <= 1.0:  # rejected (also when err is NaN)
            h *= factor if _FAC_MIN < factor < 1.0 else _FAC_MIN
            rejected = True
            if h < 1e-30:
                out_cross[n] = -1.0  # flag: step size underflow
                return
            continue
        t_new = target if last else t + h
        k[12, 0], k[12, 1], k[12, 2] = _slope(min(t_new, t_lim), nx, ny, nz, md, zee, zwf,
                                              twf, timed, drive)
        ux, uy, uz = _unit(nx, ny, nz)
        dense = False
        if watch and out_cross[n] != out_cross[n]:  # not crossed yet (NaN)
            new_side = ux * cross[0] + uy * cross[1] + uz * cross[2] - level
            if (new_side < 0.0) != (side < 0.0):
                _dense(t, h, mx, my, mz, nx, ny, nz, k, coef, md, zee, zwf, twf, timed,
                       drive, t_lim)
                dense = True
                x = _crossing(coef, mx, my, mz, cross, level,
                              mx * cross[0] + my * cross[1] + mz * cross[2] - level,
                              new_side)
                out_cross[n] = t + x * h
        while i < n_out and t_out[i] <= t_new:
            if t_out[i] == t_new:
                px, py, pz = ux, uy, uz
            else:
                if not dense:
                    _dense(t, h, mx, my, mz, nx, ny, nz, k, coef, md, zee, zwf, twf, timed,
                           drive, t_lim)
                    dense = True
                px, py, pz = _interpolate(coef, (t_out[i] - t) / h, mx, my, mz)
            out_m[n, i, 0], out_m[n, i, 1], out_m[n, i, 2] = px, py, pz
            i += 1
        t, mx, my, mz = t_new, ux, uy, uz
        if last and b < breaks.shape[0]:  # past a break: a fresh slope, from the right
            b += 1
            k[0, 0], k[0, 1], k[0, 2] = _slope(t, mx, my, mz, md, zee, zwf, twf, timed, drive)
        else:
            k[0, 0], k[0, 1], k[0, 2] = k[12, 0], k[12, 1], k[12, 2]
        if stop and out_cross[n] == out_cross[n]:
            break
        h *= min(1.0 if rejected else _FAC_MAX, max(_FAC_MIN, factor))
        rejected = False
    while i < n_out:  # stopped at the crossing: m held from the end of that step
        out_m[n, i, 0], out_m[n, i, 1], out_m[n, i, 2] = mx, my, mz
        i += 1


@njit(cache=True, nogil=True, error_model="numpy")
def run_batch(m0, t_out, h0, rtol, atol, md, zee, zwf, twf, breaks, h_max, cross, level,
              stop, first, last, out_m, out_cross):
    """Integrate deterministic trajectories first .. last-1 into out_m (N, len(t_out), 3)
    and out_cross (N,): the first time m.cross crossed ``level`` (NaN if never; -1 if the
    step size underflowed). Steps end at the drive's discontinuities ``breaks``
    (increasing, strictly inside (t_out[0], t_out[-1])) and are at most ``h_max`` [s].
    Releases the GIL: threads run disjoint ranges."""
    for n in range(first, last):
        _trajectory(m0[n], t_out, h0, rtol, atol, md, zee, zwf, twf, breaks, h_max, cross,
                    level, stop, out_m, out_cross, n)
