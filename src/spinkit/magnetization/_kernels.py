"""Compiled macrospin kernels: the LLG equation of :mod:`.macrospin` for packed terms.

This is the fast path of :func:`~spinkit.magnetization.macrospin.simulate`; the readable
model is the terms' own ``field``/``torque`` methods and :mod:`.integrators`, which the tests
compare with these kernels. Terms arrive packed (see :class:`~.macrospin.Packed`):

    B(m, t) = lin . m + sum_i zee_i f_i(t) + cubic(m) + B_th,
    tau(m, t) = gamma sum_k bj_k f_k(t) [eps_k(m.p_k) m x (p_k x m) + eps'_k p_k x m],

    dm/dt = (T + alpha m x T) / (1 + alpha^2),   T = -gamma m x B + tau.

Each trajectory runs on one thread, seeded with its own seed, so results do not depend on
the number of threads.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit, prange

# method codes
RK4, HEUN, RK45 = 0, 1, 2

# Dormand-Prince 5(4)
_A21 = 1 / 5
_A31, _A32 = 3 / 40, 9 / 40
_A41, _A42, _A43 = 44 / 45, -56 / 15, 32 / 9
_A51, _A52, _A53, _A54 = 19372 / 6561, -25360 / 2187, 64448 / 6561, -212 / 729
_A61, _A62, _A63, _A64, _A65 = 9017 / 3168, -355 / 33, 46732 / 5247, 49 / 176, -5103 / 18656
_B1, _B3, _B4, _B5, _B6 = 35 / 384, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84
_E1 = 35 / 384 - 5179 / 57600
_E3 = 500 / 1113 - 7571 / 16695
_E4 = 125 / 192 - 393 / 640
_E5 = -2187 / 6784 + 92097 / 339200
_E6 = 11 / 84 - 187 / 2100
_E7 = -1 / 40


@njit(cache=True, inline="always")
def _wave(wf, i, t):
    code = wf[i, 0]
    if code == 0.0:
        return 1.0
    if code == 1.0:
        return 1.0 if (wf[i, 1] <= t and t < wf[i, 2]) else 0.0
    return math.sin(wf[i, 1] * t + wf[i, 2])


@njit(cache=True)
def rhs(mx, my, mz, t, bthx, bthy, bthz, lin, zee, zwf, cub, tq, twf, gamma, alpha):
    """dm/dt [1/s] of the packed model (module docstring) at m, t, with thermal field B_th."""
    bx = lin[0, 0] * mx + lin[0, 1] * my + lin[0, 2] * mz + bthx
    by = lin[1, 0] * mx + lin[1, 1] * my + lin[1, 2] * mz + bthy
    bz = lin[2, 0] * mx + lin[2, 1] * my + lin[2, 2] * mz + bthz
    for i in range(zee.shape[0]):
        f = _wave(zwf, i, t)
        bx += zee[i, 0] * f
        by += zee[i, 1] * f
        bz += zee[i, 2] * f
    for i in range(cub.shape[0]):
        k = cub[i, 0]
        a1 = mx * cub[i, 1] + my * cub[i, 2] + mz * cub[i, 3]
        a2 = mx * cub[i, 4] + my * cub[i, 5] + mz * cub[i, 6]
        a3 = mx * cub[i, 7] + my * cub[i, 8] + mz * cub[i, 9]
        g1 = a1 * (a2 * a2 + a3 * a3)
        g2 = a2 * (a1 * a1 + a3 * a3)
        g3 = a3 * (a1 * a1 + a2 * a2)
        bx -= k * (g1 * cub[i, 1] + g2 * cub[i, 4] + g3 * cub[i, 7])
        by -= k * (g1 * cub[i, 2] + g2 * cub[i, 5] + g3 * cub[i, 8])
        bz -= k * (g1 * cub[i, 3] + g2 * cub[i, 6] + g3 * cub[i, 9])
    tx = -gamma * (my * bz - mz * by)
    ty = -gamma * (mz * bx - mx * bz)
    tz = -gamma * (mx * by - my * bx)
    if tq.shape[0] > 0:
        mm = mx * mx + my * my + mz * mz
        for i in range(tq.shape[0]):
            s = gamma * tq[i, 0] * _wave(twf, i, t)
            if s == 0.0:
                continue
            pol, l2, efl = tq[i, 1], tq[i, 2], tq[i, 3]
            px, py, pz = tq[i, 4], tq[i, 5], tq[i, 6]
            x = mx * px + my * py + mz * pz
            eps = pol * l2 / ((l2 + 1.0) + (l2 - 1.0) * x)
            tx += s * (eps * (px * mm - mx * x) + efl * (py * mz - pz * my))
            ty += s * (eps * (py * mm - my * x) + efl * (pz * mx - px * mz))
            tz += s * (eps * (pz * mm - mz * x) + efl * (px * my - py * mx))
    c = 1.0 / (1.0 + alpha * alpha)
    return ((tx + alpha * (my * tz - mz * ty)) * c,
            (ty + alpha * (mz * tx - mx * tz)) * c,
            (tz + alpha * (mx * ty - my * tx)) * c)


@njit(cache=True, inline="always")
def _unit(x, y, z):
    n = math.sqrt(x * x + y * y + z * z)
    return x / n, y / n, z / n


@njit(cache=True)
def _trajectory(m0, t_out, dt, method, rtol, atol, lin, zee, zwf, cub, tq, twf, gamma,
                alpha, strength, seed, cross, level, stop, out_m, out_cross, n):
    """Integrate trajectory ``n`` from t_out[0]; write out_m[n, k] and out_cross[n]."""
    if strength > 0.0:
        np.random.seed(seed)  # noqa: NPY002 (numba: per-thread state, seeded from a Generator)
    mx, my, mz = _unit(m0[0], m0[1], m0[2])
    t = t_out[0]
    out_m[n, 0, 0], out_m[n, 0, 1], out_m[n, 0, 2] = mx, my, mz
    side = mx * cross[0] + my * cross[1] + mz * cross[2] - level
    watch = cross[0] != 0.0 or cross[1] != 0.0 or cross[2] != 0.0
    crossed = False
    h = dt
    h_used = dt
    k1x, k1y, k1z = 0.0, 0.0, 0.0
    fresh = True  # k1 must be evaluated (RK45 first-same-as-last otherwise)
    for k in range(1, t_out.shape[0]):
        t_end = t_out[k]
        while t < t_end and not (crossed and stop):
            if method != RK45:
                h = dt
            last = t_end - t <= h * (1.0 + 1e-9)
            if last:
                h = t_end - t
            bx, by, bz = 0.0, 0.0, 0.0
            if strength > 0.0:
                sig = strength / math.sqrt(h)
                bx = sig * np.random.standard_normal()  # noqa: NPY002
                by = sig * np.random.standard_normal()  # noqa: NPY002
                bz = sig * np.random.standard_normal()  # noqa: NPY002
            if method == HEUN:
                ax, ay, az = rhs(mx, my, mz, t, bx, by, bz, lin, zee, zwf, cub, tq, twf,
                                 gamma, alpha)
                px, py, pz = mx + h * ax, my + h * ay, mz + h * az
                cx, cy, cz = rhs(px, py, pz, t + h, bx, by, bz, lin, zee, zwf, cub, tq,
                                 twf, gamma, alpha)
                nx, ny, nz = _unit(mx + 0.5 * h * (ax + cx), my + 0.5 * h * (ay + cy),
                                   mz + 0.5 * h * (az + cz))
            elif method == RK4:
                ax, ay, az = rhs(mx, my, mz, t, 0.0, 0.0, 0.0, lin, zee, zwf, cub, tq, twf,
                                 gamma, alpha)
                hh = 0.5 * h
                bx2, by2, bz2 = rhs(mx + hh * ax, my + hh * ay, mz + hh * az, t + hh, 0.0,
                                    0.0, 0.0, lin, zee, zwf, cub, tq, twf, gamma, alpha)
                cx, cy, cz = rhs(mx + hh * bx2, my + hh * by2, mz + hh * bz2, t + hh, 0.0,
                                 0.0, 0.0, lin, zee, zwf, cub, tq, twf, gamma, alpha)
                dx, dy, dz = rhs(mx + h * cx, my + h * cy, mz + h * cz, t + h, 0.0, 0.0,
                                 0.0, lin, zee, zwf, cub, tq, twf, gamma, alpha)
                s = h / 6.0
                nx, ny, nz = _unit(mx + s * (ax + 2 * bx2 + 2 * cx + dx),
                                   my + s * (ay + 2 * by2 + 2 * cy + dy),
                                   mz + s * (az + 2 * bz2 + 2 * cz + dz))
            else:  # RK45, deterministic
                if fresh:
                    k1x, k1y, k1z = rhs(mx, my, mz, t, 0.0, 0.0, 0.0, lin, zee, zwf, cub,
                                        tq, twf, gamma, alpha)
                k2x, k2y, k2z = rhs(mx + h * _A21 * k1x, my + h * _A21 * k1y,
                                    mz + h * _A21 * k1z, t + h / 5, 0.0, 0.0, 0.0, lin,
                                    zee, zwf, cub, tq, twf, gamma, alpha)
                k3x, k3y, k3z = rhs(mx + h * (_A31 * k1x + _A32 * k2x),
                                    my + h * (_A31 * k1y + _A32 * k2y),
                                    mz + h * (_A31 * k1z + _A32 * k2z), t + 0.3 * h, 0.0,
                                    0.0, 0.0, lin, zee, zwf, cub, tq, twf, gamma, alpha)
                k4x, k4y, k4z = rhs(mx + h * (_A41 * k1x + _A42 * k2x + _A43 * k3x),
                                    my + h * (_A41 * k1y + _A42 * k2y + _A43 * k3y),
                                    mz + h * (_A41 * k1z + _A42 * k2z + _A43 * k3z),
                                    t + 0.8 * h, 0.0, 0.0, 0.0, lin, zee, zwf, cub, tq, twf,
                                    gamma, alpha)
                k5x, k5y, k5z = rhs(
                    mx + h * (_A51 * k1x + _A52 * k2x + _A53 * k3x + _A54 * k4x),
                    my + h * (_A51 * k1y + _A52 * k2y + _A53 * k3y + _A54 * k4y),
                    mz + h * (_A51 * k1z + _A52 * k2z + _A53 * k3z + _A54 * k4z),
                    t + 8 * h / 9, 0.0, 0.0, 0.0, lin, zee, zwf, cub, tq, twf, gamma, alpha)
                k6x, k6y, k6z = rhs(
                    mx + h * (_A61 * k1x + _A62 * k2x + _A63 * k3x + _A64 * k4x + _A65 * k5x),
                    my + h * (_A61 * k1y + _A62 * k2y + _A63 * k3y + _A64 * k4y + _A65 * k5y),
                    mz + h * (_A61 * k1z + _A62 * k2z + _A63 * k3z + _A64 * k4z + _A65 * k5z),
                    t + h, 0.0, 0.0, 0.0, lin, zee, zwf, cub, tq, twf, gamma, alpha)
                yx = mx + h * (_B1 * k1x + _B3 * k3x + _B4 * k4x + _B5 * k5x + _B6 * k6x)
                yy = my + h * (_B1 * k1y + _B3 * k3y + _B4 * k4y + _B5 * k5y + _B6 * k6y)
                yz = mz + h * (_B1 * k1z + _B3 * k3z + _B4 * k4z + _B5 * k5z + _B6 * k6z)
                k7x, k7y, k7z = rhs(yx, yy, yz, t + h, 0.0, 0.0, 0.0, lin, zee, zwf, cub, tq,
                                    twf, gamma, alpha)
                ex = h * (_E1 * k1x + _E3 * k3x + _E4 * k4x + _E5 * k5x + _E6 * k6x
                          + _E7 * k7x)
                ey = h * (_E1 * k1y + _E3 * k3y + _E4 * k4y + _E5 * k5y + _E6 * k6y
                          + _E7 * k7y)
                ez = h * (_E1 * k1z + _E3 * k3z + _E4 * k4z + _E5 * k5z + _E6 * k6z
                          + _E7 * k7z)
                ratio = max(abs(ex) / (atol + rtol * max(abs(mx), abs(yx))),
                            abs(ey) / (atol + rtol * max(abs(my), abs(yy))),
                            abs(ez) / (atol + rtol * max(abs(mz), abs(yz))))
                factor = 0.9 * (ratio if ratio > 1e-10 else 1e-10) ** -0.2
                hn = h * min(5.0, max(0.2, factor))
                if ratio > 1.0:
                    fresh = False
                    h = hn
                    if h < 1e-30:
                        out_cross[n] = -1.0  # flag: step size underflow
                        return
                    continue
                nx, ny, nz = _unit(yx, yy, yz)
                k1x, k1y, k1z = k7x, k7y, k7z
                fresh = False
                h_used = h
                h = hn
            if method != RK45:
                h_used = h
            t = t_end if last else t + h_used
            if watch and not crossed:
                new_side = nx * cross[0] + ny * cross[1] + nz * cross[2] - level
                if (new_side < 0.0) != (side < 0.0):
                    crossed = True
                    prev = mx * cross[0] + my * cross[1] + mz * cross[2] - level
                    out_cross[n] = t - h_used * new_side / (new_side - prev)
            mx, my, mz = nx, ny, nz
        out_m[n, k, 0], out_m[n, k, 1], out_m[n, k, 2] = mx, my, mz


@njit(cache=True, parallel=True)
def run_batch(m0, t_out, dt, method, rtol, atol, lin, zee, zwf, cub, tq, twf, gamma, alpha,
              strength, seeds, cross, level, stop):
    """Integrate ``len(m0)`` independent trajectories in parallel.

    Returns ``(m, t_cross)``: m of shape (N, len(t_out), 3), and the first time each
    trajectory's m.cross crossed ``level`` (NaN if never; -1 if RK45's step underflowed).
    """
    n_traj = m0.shape[0]
    out_m = np.empty((n_traj, t_out.shape[0], 3))
    out_cross = np.full(n_traj, np.nan)
    for n in prange(n_traj):
        _trajectory(m0[n], t_out, dt, method, rtol, atol, lin, zee, zwf, cub, tq, twf,
                    gamma, alpha, strength, seeds[n], cross, level, stop, out_m, out_cross, n)
    return out_m, out_cross
