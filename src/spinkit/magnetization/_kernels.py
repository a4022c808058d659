"""Compiled macrospin kernels: the LLG equation of :mod:`.macrospin` for packed terms.

This is the fast path of :func:`~spinkit.magnetization.macrospin.simulate`; the readable
model is the terms' own ``field``/``torque`` methods and :mod:`.integrators`, which the tests
compare with these kernels. The terms arrive fused into one fixed-layout model (see
:class:`~.macrospin.Packed`), so that one specialised right-hand side serves every magnet:

    B(m, t)   = lin . m + b0 + sum_i zee_i f_i(t) + cubic(m) + B_th,
    tau(m, t) = sum_k s_k(t) [eps_k(m.p_k) m x (p_k x m) + eps'_k p_k x m],   k = 0, 1,
    s_k(t)    = gamma B_J,k f_k(t),

    dm/dt = (T + alpha m x T) / (1 + alpha^2),   T = -gamma m x B + tau,

with every field and s_k pre-multiplied by gamma / (1 + alpha^2) when packed.

The drive (b(t), s_k(t)) is evaluated once per stage time, not per trajectory.

* :func:`run_batch` integrates deterministic trajectories (RK4, Heun, Dormand-Prince 5(4))
  with scalar code (the step is latency bound).
* :func:`heun_ensemble` integrates thermal trajectories with the stochastic Heun scheme in
  blocks of :data:`LANES` trajectories whose lanes the compiler vectorizes (SIMD). Each
  trajectory has its own SplitMix64 stream (G. L. Steele, D. Lea and C. H. Flood, OOPSLA
  2014, 453), seeded from one seed per trajectory, so the numbers do not depend on the
  number of threads or on which block a trajectory lands in. Gaussian numbers come from
  the Box-Muller transform with branch-free polynomial log and sine/cosine (absolute error
  below 1e-12), which vectorize where the C library's do not.

Both release the GIL; :mod:`.macrospin` runs disjoint ranges of trajectories on plain
threads (no OpenMP region, whose spinning threads slow everything on a busy machine).
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

# method codes
RK4, HEUN, RK45 = 0, 1, 2
#: trajectories per SIMD block of the thermal ensemble kernel (8 for small ensembles)
LANES = 64
#: length of the packed model tuple (layout in :class:`~.macrospin.Packed`)
MODEL_SIZE = 40

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

# SplitMix64
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)
_U11, _U27, _U30, _U31 = np.uint64(11), np.uint64(27), np.uint64(30), np.uint64(31)
_ONE = np.uint64(1)
_LN2 = math.log(2.0)
_SQRT_HALF = math.sqrt(0.5)
_TWO_PI = 2.0 * math.pi
_P32, _P16, _P8, _P4 = 2.0**32, 2.0**16, 2.0**8, 2.0**4
_P_32, _P_16, _P_8, _P_4 = 2.0**-32, 2.0**-16, 2.0**-8, 2.0**-4


# ---------------------------------------------------------------------------- the model
@njit(cache=True, inline="always", error_model="numpy")
def _wave(wf, i, t):
    """Waveform i of ``wf`` at time t: codes 0 constant, 1 pulse, 2 sine, 3 sinc."""
    code = wf[i, 0]
    if code == 0.0:
        return 1.0
    if code == 1.0:
        return 1.0 if (wf[i, 1] <= t and t < wf[i, 2]) else 0.0
    if code == 2.0:
        return math.sin(wf[i, 1] * t + wf[i, 2])
    x = wf[i, 1] * (t - wf[i, 2])
    return 1.0 if x == 0.0 else math.sin(x) / x


def _drive_py(t, md, zee, zwf, twf):
    """(B_applied [T], s_0, s_1 [1/s]) at time t: everything that depends on t only."""
    bx, by, bz = md[34], md[35], md[36]
    for i in range(zee.shape[0]):
        f = _wave(zwf, i, t)
        bx += zee[i, 0] * f
        by += zee[i, 1] * f
        bz += zee[i, 2] * f
    return bx, by, bz, md[37] * _wave(twf, 0, t), md[38] * _wave(twf, 1, t)


_drive = njit(cache=True, inline="always", error_model="numpy")(_drive_py)
_drive_call = njit(cache=True, error_model="numpy")(_drive_py)


@njit(cache=True, inline="always", error_model="numpy")
def _damping_like(mx, my, mz, mm, s, pol, l2, px, py, pz):
    """s eps(m.p) m x (p x m) = s eps (p |m|^2 - m (m.p)),
    eps = P L2 / ((L2 + 1) + (L2 - 1) m.p); ordered for a short dependency chain."""
    x = mx * px + my * py + mz * pz
    se = s * (0.5 * pol if l2 == 1.0 else pol * l2 / ((l2 + 1.0) + (l2 - 1.0) * x))
    return ((se * px) * mm - (se * mx) * x, (se * py) * mm - (se * my) * x,
            (se * pz) * mm - (se * mz) * x)


def _rhs_py(mx, my, mz, bx, by, bz, s0, s1, md):
    """dm/dt [1/s] (module docstring) at m for the applied (+ thermal) field b, torques s_k.

    Every field and torque strength arrives multiplied by gamma / (1 + alpha^2) (so in
    rad/s), which takes two multiplications off the step's critical path, and the
    field-like torque s eps' p x m joins the field as s eps' p:
    dm/dt = T' + alpha m x T',  T' = -m x (b' + s eps' p) + damping-like.
    """
    if md[39] != 0.0:  # the linear field is diagonal: a shorter chain, the same sums
        hx, hy, hz = bx + md[0] * mx, by + md[4] * my, bz + md[8] * mz
    else:
        hx = bx + md[0] * mx + md[1] * my + md[2] * mz
        hy = by + md[3] * mx + md[4] * my + md[5] * mz
        hz = bz + md[6] * mx + md[7] * my + md[8] * mz
    k = md[12]
    if k != 0.0:
        a1 = mx * md[13] + my * md[14] + mz * md[15]
        a2 = mx * md[16] + my * md[17] + mz * md[18]
        a3 = mx * md[19] + my * md[20] + mz * md[21]
        q1, q2, q3 = a1 * a1, a2 * a2, a3 * a3
        g1, g2, g3 = k * a1 * (q2 + q3), k * a2 * (q1 + q3), k * a3 * (q1 + q2)
        hx -= g1 * md[13] + g2 * md[16] + g3 * md[19]
        hy -= g1 * md[14] + g2 * md[17] + g3 * md[20]
        hz -= g1 * md[15] + g2 * md[18] + g3 * md[21]
    dx, dy, dz = 0.0, 0.0, 0.0
    if s0 != 0.0 or s1 != 0.0:
        mm = mx * mx + my * my + mz * mz
        if s0 != 0.0:
            f = s0 * md[24]
            hx, hy, hz = hx + f * md[25], hy + f * md[26], hz + f * md[27]
            dx, dy, dz = _damping_like(mx, my, mz, mm, s0, md[22], md[23], md[25], md[26],
                                       md[27])
        if s1 != 0.0:
            f = s1 * md[30]
            hx, hy, hz = hx + f * md[31], hy + f * md[32], hz + f * md[33]
            ex, ey, ez = _damping_like(mx, my, mz, mm, s1, md[28], md[29], md[31], md[32],
                                       md[33])
            dx, dy, dz = dx + ex, dy + ey, dz + ez
    tx = (mz * hy - my * hz) + dx  # -m x h + damping-like
    ty = (mx * hz - mz * hx) + dy
    tz = (my * hx - mx * hy) + dz
    a = md[10]
    return tx + a * (my * tz - mz * ty), ty + a * (mz * tx - mx * tz), tz + a * (mx * ty - my * tx)


#: the right-hand side inlined into the hot loops (RK4, the SIMD ensemble), and called as a
#: function elsewhere (RK45, deterministic Heun), which keeps the compile time short
_rhs = njit(cache=True, inline="always", error_model="numpy")(_rhs_py)
_rhs_call = njit(cache=True, error_model="numpy")(_rhs_py)


@njit(cache=True, inline="always", error_model="numpy")
def _unit(x, y, z):
    """(x, y, z) / |(x, y, z)|: after a step |m|^2 = 1 + e with |e| tiny, and
    1/sqrt(1 + e) = 1 - e/2 + 3e^2/8 to 2e-16 for |e| < 1e-5 (shorter than sqrt and divide)."""
    e = x * x + y * y + z * z - 1.0
    if abs(e) < 1e-5:
        r = 1.0 + e * (-0.5 + 0.375 * e)
    else:
        r = 1.0 / math.sqrt(1.0 + e)
    return x * r, y * r, z * r


# ------------------------------------------------------------ deterministic trajectories
@njit(cache=True, parallel=True, error_model="numpy", fastmath={"contract"})
def _trajectory(m0, t_out, dt, method, rtol, atol, md, zee, zwf, twf, cross, level, stop,
                out_m, out_cross, n):
    """Integrate trajectory ``n`` from t_out[0]; write out_m[n, k] and out_cross[n].

    Compiled through numba's parallel pipeline although it has no parallel loop: the same
    function ran 2.4x faster per step that way, on one core, than compiled plainly
    (measured; the reason is not known); FMA contraction is allowed. Numba warns that
    nothing was parallelized;
    :mod:`.macrospin` silences that warning."""
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
    # without waveforms the drive is the same at every stage: evaluate it once (RK4)
    timed = zee.shape[0] > 0 or twf[0, 0] != 0.0 or twf[1, 0] != 0.0
    bx, by, bz, s0, s1 = _drive(t, md, zee, zwf, twf)
    for k in range(1, t_out.shape[0]):
        t_end = t_out[k]
        while t < t_end and not (crossed and stop):
            if method != RK45:
                h = dt
            last = t_end - t <= h * (1.0 + 1e-9)
            if last:
                h = t_end - t
            if method == HEUN:
                bx, by, bz, s0, s1 = _drive_call(t, md, zee, zwf, twf)
                ax, ay, az = _rhs_call(mx, my, mz, bx, by, bz, s0, s1, md)
                bx, by, bz, s0, s1 = _drive_call(t + h, md, zee, zwf, twf)
                cx, cy, cz = _rhs_call(mx + h * ax, my + h * ay, mz + h * az, bx, by, bz, s0,
                                  s1, md)
                nx, ny, nz = _unit(mx + 0.5 * h * (ax + cx), my + 0.5 * h * (ay + cy),
                                   mz + 0.5 * h * (az + cz))
            elif method == RK4:
                hh = 0.5 * h
                if timed:
                    bx, by, bz, s0, s1 = _drive(t, md, zee, zwf, twf)
                ax, ay, az = _rhs(mx, my, mz, bx, by, bz, s0, s1, md)
                if timed:
                    bx, by, bz, s0, s1 = _drive(t + hh, md, zee, zwf, twf)
                k2x, k2y, k2z = _rhs(mx + hh * ax, my + hh * ay, mz + hh * az, bx, by, bz,
                                     s0, s1, md)
                cx, cy, cz = _rhs(mx + hh * k2x, my + hh * k2y, mz + hh * k2z, bx, by, bz,
                                  s0, s1, md)
                if timed:
                    bx, by, bz, s0, s1 = _drive(t + h, md, zee, zwf, twf)
                dx, dy, dz = _rhs(mx + h * cx, my + h * cy, mz + h * cz, bx, by, bz, s0, s1,
                                  md)
                s = h / 6.0  # the last stage enters last: a shorter dependency chain
                nx, ny, nz = _unit((mx + s * (ax + 2.0 * (k2x + cx))) + s * dx,
                                   (my + s * (ay + 2.0 * (k2y + cy))) + s * dy,
                                   (mz + s * (az + 2.0 * (k2z + cz))) + s * dz)
            else:  # RK45, deterministic
                if fresh:
                    bx, by, bz, s0, s1 = _drive_call(t, md, zee, zwf, twf)
                    k1x, k1y, k1z = _rhs_call(mx, my, mz, bx, by, bz, s0, s1, md)
                bx, by, bz, s0, s1 = _drive_call(t + h / 5, md, zee, zwf, twf)
                k2x, k2y, k2z = _rhs_call(mx + h * _A21 * k1x, my + h * _A21 * k1y,
                                     mz + h * _A21 * k1z, bx, by, bz, s0, s1, md)
                bx, by, bz, s0, s1 = _drive_call(t + 0.3 * h, md, zee, zwf, twf)
                k3x, k3y, k3z = _rhs_call(mx + h * (_A31 * k1x + _A32 * k2x),
                                     my + h * (_A31 * k1y + _A32 * k2y),
                                     mz + h * (_A31 * k1z + _A32 * k2z), bx, by, bz, s0, s1,
                                     md)
                bx, by, bz, s0, s1 = _drive_call(t + 0.8 * h, md, zee, zwf, twf)
                k4x, k4y, k4z = _rhs_call(mx + h * (_A41 * k1x + _A42 * k2x + _A43 * k3x),
                                     my + h * (_A41 * k1y + _A42 * k2y + _A43 * k3y),
                                     mz + h * (_A41 * k1z + _A42 * k2z + _A43 * k3z),
                                     bx, by, bz, s0, s1, md)
                bx, by, bz, s0, s1 = _drive_call(t + 8 * h / 9, md, zee, zwf, twf)
                k5x, k5y, k5z = _rhs_call(
                    mx + h * (_A51 * k1x + _A52 * k2x + _A53 * k3x + _A54 * k4x),
                    my + h * (_A51 * k1y + _A52 * k2y + _A53 * k3y + _A54 * k4y),
                    mz + h * (_A51 * k1z + _A52 * k2z + _A53 * k3z + _A54 * k4z),
                    bx, by, bz, s0, s1, md)
                bx, by, bz, s0, s1 = _drive_call(t + h, md, zee, zwf, twf)
                k6x, k6y, k6z = _rhs_call(
                    mx + h * (_A61 * k1x + _A62 * k2x + _A63 * k3x + _A64 * k4x + _A65 * k5x),
                    my + h * (_A61 * k1y + _A62 * k2y + _A63 * k3y + _A64 * k4y + _A65 * k5y),
                    mz + h * (_A61 * k1z + _A62 * k2z + _A63 * k3z + _A64 * k4z + _A65 * k5z),
                    bx, by, bz, s0, s1, md)
                yx = mx + h * (_B1 * k1x + _B3 * k3x + _B4 * k4x + _B5 * k5x + _B6 * k6x)
                yy = my + h * (_B1 * k1y + _B3 * k3y + _B4 * k4y + _B5 * k5y + _B6 * k6y)
                yz = mz + h * (_B1 * k1z + _B3 * k3z + _B4 * k4z + _B5 * k5z + _B6 * k6z)
                k7x, k7y, k7z = _rhs_call(yx, yy, yz, bx, by, bz, s0, s1, md)
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


@njit(cache=True, nogil=True, error_model="numpy")
def run_batch(m0, t_out, dt, method, rtol, atol, md, zee, zwf, twf, cross, level, stop,
              first, last, out_m, out_cross):
    """Integrate deterministic trajectories first .. last-1 into out_m (N, len(t_out), 3)
    and out_cross (N,): the first time m.cross crossed ``level`` (NaN if never; -1 if RK45's
    step underflowed). Releases the GIL: threads run disjoint ranges."""
    for n in range(first, last):
        _trajectory(m0[n], t_out, dt, method, rtol, atol, md, zee, zwf, twf, cross, level,
                    stop, out_m, out_cross, n)


# --------------------------------------------------------------- thermal (SIMD) ensemble
@njit(cache=True, inline="always", error_model="numpy")
def _splitmix(state):
    """One SplitMix64 step: (new state, 64 random bits)."""
    s = state + _GOLDEN
    z = (s ^ (s >> _U30)) * _MIX1
    z = (z ^ (z >> _U27)) * _MIX2
    return s, z ^ (z >> _U31)


@njit(cache=True, inline="always", error_model="numpy")
def _minus_two_log(bits):
    """-2 ln(u) for u = (top 53 bits + 1) / 2^53 in (0, 1]: exponent reduction by selects,
    then ln(v) = 2 atanh((v-1)/(v+1)) on [1/sqrt2, sqrt2] (series to s^15, error < 1e-13)."""
    u = ((bits >> _U11) + _ONE) * (1.0 / 9007199254740992.0)
    e = 0.0
    if u < _P_32:
        u *= _P32
        e += 32.0
    if u < _P_16:
        u *= _P16
        e += 16.0
    if u < _P_8:
        u *= _P8
        e += 8.0
    if u < _P_4:
        u *= _P4
        e += 4.0
    if u < 2.0**-2:
        u *= 4.0
        e += 2.0
    if u < 0.5:
        u *= 2.0
        e += 1.0
    if u < _SQRT_HALF:
        u *= 2.0
        e += 1.0
    s = (u - 1.0) / (u + 1.0)
    s2 = s * s
    p = 1.0 / 15.0
    p = p * s2 + 1.0 / 13.0
    p = p * s2 + 1.0 / 11.0
    p = p * s2 + 1.0 / 9.0
    p = p * s2 + 1.0 / 7.0
    p = p * s2 + 1.0 / 5.0
    p = p * s2 + 1.0 / 3.0
    p = p * s2 + 1.0
    return 2.0 * e * _LN2 - 4.0 * s * p


@njit(cache=True, inline="always", error_model="numpy")
def _cos_sin(bits):
    """(cos, sin) of a uniform angle 2 pi u from 53 random bits: folded to |y| <= pi/2 and
    Taylor series to y^18 / y^19 (error < 1e-12)."""
    q = (bits >> _U11) * (1.0 / 9007199254740992.0) - 0.5  # [-0.5, 0.5)
    sign = 1.0
    if q > 0.25:
        q -= 0.5
        sign = -1.0
    if q < -0.25:
        q += 0.5
        sign = -1.0
    y = _TWO_PI * q
    y2 = y * y
    c = 1.0 / 6402373705728000.0  # 1/18!
    c = 1.0 / 20922789888000.0 - c * y2
    c = 1.0 / 87178291200.0 - c * y2
    c = 1.0 / 479001600.0 - c * y2
    c = 1.0 / 3628800.0 - c * y2
    c = 1.0 / 40320.0 - c * y2
    c = 1.0 / 720.0 - c * y2
    c = 1.0 / 24.0 - c * y2
    c = 0.5 - c * y2
    c = 1.0 - c * y2
    s = 1.0 / 121645100408832000.0  # 1/19!
    s = 1.0 / 355687428096000.0 - s * y2
    s = 1.0 / 1307674368000.0 - s * y2
    s = 1.0 / 6227020800.0 - s * y2
    s = 1.0 / 39916800.0 - s * y2
    s = 1.0 / 362880.0 - s * y2
    s = 1.0 / 5040.0 - s * y2
    s = 1.0 / 120.0 - s * y2
    s = 1.0 / 6.0 - s * y2
    s = (1.0 - s * y2) * y
    return sign * c, sign * s


@njit(cache=True, inline="always", error_model="numpy")
def _normal_pair(state):
    """Two independent standard normal numbers from a SplitMix64 state (Box-Muller)."""
    state, b1 = _splitmix(state)
    state, b2 = _splitmix(state)
    r = math.sqrt(_minus_two_log(b1))
    c, s = _cos_sin(b2)
    return state, r * c, r * s


@njit(cache=True, inline="always", error_model="numpy")
def _lane_normals(state, spare, even, lanes, gx, gy, gz):
    """Three standard normals per lane into gx, gy, gz from 3/2 Box-Muller pairs on
    average: two pairs on the ``even`` steps (one number kept in ``spare`` for the next),
    one pair otherwise. The loop has run-time bounds: vectorized, not unrolled."""
    for lane in range(lanes):
        st, nx, ny = _normal_pair(state[lane])
        if even:
            st, nz, spare[lane] = _normal_pair(st)
        else:
            nz = spare[lane]
        state[lane] = st
        gx[lane], gy[lane], gz[lane] = nx, ny, nz


@njit(cache=True, error_model="numpy")
def _heun_block(m0, t_out, dt, md, zee, zwf, twf, strength, seeds, cross, level, stop,
                first, count, lanes, out_m, out_cross):
    """Stochastic Heun for trajectories first .. first+count-1 as ``lanes`` SIMD lanes."""
    mx, my, mz = np.empty(lanes), np.empty(lanes), np.empty(lanes)
    state = np.empty(lanes, np.uint64)
    side0, tcross = np.empty(lanes), np.full(lanes, np.nan)
    gx, gy, gz, spare = np.empty(lanes), np.empty(lanes), np.empty(lanes), np.empty(lanes)
    even = False
    for lane in range(lanes):
        j = first + min(lane, count - 1)  # padding lanes repeat the last trajectory
        mx[lane], my[lane], mz[lane] = _unit(m0[j, 0], m0[j, 1], m0[j, 2])
        state[lane] = seeds[j]
        side0[lane] = mx[lane] * cross[0] + my[lane] * cross[1] + mz[lane] * cross[2] - level
    ux, uy, uz = cross[0], cross[1], cross[2]
    watch = ux != 0.0 or uy != 0.0 or uz != 0.0
    freeze = watch and stop
    for lane in range(count):
        j = first + lane
        out_m[j, 0, 0], out_m[j, 0, 1], out_m[j, 0, 2] = mx[lane], my[lane], mz[lane]
    t = t_out[0]
    done = False
    for k in range(1, t_out.shape[0]):
        t_end = t_out[k]
        while t < t_end and not done:
            last = t_end - t <= dt * (1.0 + 1e-9)
            h = t_end - t if last else dt
            sig = strength / math.sqrt(h)
            b0x, b0y, b0z, s00, s01 = _drive_call(t, md, zee, zwf, twf)
            b1x, b1y, b1z, s10, s11 = _drive_call(t + h, md, zee, zwf, twf)
            t_new = t_end if last else t + h
            even = not even
            _lane_normals(state, spare, even, lanes, gx, gy, gz)
            for lane in range(lanes):
                thx, thy, thz = sig * gx[lane], sig * gy[lane], sig * gz[lane]
                ox, oy, oz = mx[lane], my[lane], mz[lane]
                ax, ay, az = _rhs(ox, oy, oz, b0x + thx, b0y + thy, b0z + thz, s00, s01, md)
                cx, cy, cz = _rhs(ox + h * ax, oy + h * ay, oz + h * az, b1x + thx,
                                  b1y + thy, b1z + thz, s10, s11, md)
                nx, ny, nz = _unit(ox + 0.5 * h * (ax + cx), oy + 0.5 * h * (ay + cy),
                                   oz + 0.5 * h * (az + cz))
                new_side = nx * ux + ny * uy + nz * uz - level
                open_ = tcross[lane] != tcross[lane]  # not crossed yet (NaN)
                hit = watch and open_ and ((new_side < 0.0) != (side0[lane] < 0.0))
                prev = ox * ux + oy * uy + oz * uz - level
                if hit:
                    tcross[lane] = t_new - h * new_side / (new_side - prev)
                if freeze and not open_:
                    nx, ny, nz = ox, oy, oz
                mx[lane], my[lane], mz[lane] = nx, ny, nz
            t = t_new
            if freeze:
                done = True
                for lane in range(count):
                    done = done and tcross[lane] == tcross[lane]
        for lane in range(count):
            j = first + lane
            out_m[j, k, 0], out_m[j, k, 1], out_m[j, k, 2] = mx[lane], my[lane], mz[lane]
    for lane in range(count):
        out_cross[first + lane] = tcross[lane]


@njit(cache=True, nogil=True, error_model="numpy")
def heun_ensemble(m0, t_out, dt, md, zee, zwf, twf, strength, seeds, cross, level, stop,
                  lanes, first, last, out_m, out_cross):
    """Thermal trajectories first .. last-1 by the stochastic Heun scheme, in blocks of
    ``lanes`` (``first`` a multiple of it). ``strength`` = w sqrt(2 alpha k_B T /
    (gamma Ms V)) [rad s^(-1/2)] with w = gamma / (1 + alpha^2): each step draws
    B_th = strength / sqrt(h) N(0, 1) per component. ``seeds`` (uint64, one per trajectory)
    start each trajectory's random stream. Releases the GIL: threads run disjoint ranges."""
    for start in range(first, last, lanes):
        _heun_block(m0, t_out, dt, md, zee, zwf, twf, strength, seeds, cross, level, stop,
                    start, min(lanes, last - start), lanes, out_m, out_cross)
