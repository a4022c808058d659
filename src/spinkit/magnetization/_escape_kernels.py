"""Compiled kernels of forward flux sampling (:mod:`.escape`) on the stochastic LLG equation.

Both kernels integrate the thermal macrospin exactly as
:func:`~spinkit.magnetization._kernels.heun_ensemble` does: the fused right-hand side
``_rhs`` of :mod:`._kernels` (every field and torque pre-multiplied by
gamma / (1 + alpha^2)), the stochastic Heun (Stratonovich) step with the thermal field held
over the step and the predictor renormalised, SplitMix64 streams and Box-Muller normals.
The drive must not depend on time (:mod:`.escape` checks), so it arrives evaluated once:
``drive = (b_x, b_y, b_z, s_0, s_1)``.

The order parameter is q = m.u. The walkers escape from the well around m = u towards
smaller q: region A is q > ``level_a`` (= lambda_0), and a walker has reached an interface
lambda when q <= lambda after a step (the state *after* that step is its crossing point).

Walkers are kept in lanes of arrays; the step loop over lanes has no stores that depend on
the lane's history, so the compiler vectorizes it, and a scalar pass after the steps does
the bookkeeping (recording crossings, re-injecting, handing out the next trial).
"""

from __future__ import annotations

import numpy as np
from numba import njit

from spinkit.magnetization._kernels import _lane_normals, _rhs, _unit

#: steps between two bookkeeping passes of :func:`trial_runs` (lanes freeze at their hit)
CHUNK = 8


@njit(cache=True, inline="always", error_model="numpy")
def _heun(ox, oy, oz, thx, thy, thz, h, drive, md):
    """One stochastic Heun step of length h [s] with the thermal field (thx, thy, thz)
    (times gamma / (1 + alpha^2), held over the step), renormalised."""
    bx, by, bz, s0, s1 = drive
    ax, ay, az = _rhs(ox, oy, oz, bx + thx, by + thy, bz + thz, s0, s1, md)
    cx, cy, cz = _rhs(ox + h * ax, oy + h * ay, oz + h * az, bx + thx, by + thy, bz + thz,
                      s0, s1, md)
    return _unit(ox + 0.5 * h * (ax + cx), oy + 0.5 * h * (ay + cy), oz + 0.5 * h * (az + cz))


@njit(cache=True, nogil=True, error_model="numpy")
def flux_run(u, level_a, level_b, dt, md, drive, sig, seeds, burn, target, max_steps,
             out_m):
    """The flux stage: ``seeds.size`` walkers start at m = u, run ``burn`` steps unrecorded,
    then step together until ``target`` crossings of lambda_0 = ``level_a`` out of A
    (q > level_a before the step, q <= level_a after it) are recorded, or ``max_steps``.

    A walker that reaches lambda_B = ``level_b`` is put back at m = u (the process whose
    B-hit rate is 1 / mean first-passage time from u). ``sig`` = strength / sqrt(dt)
    [rad/s] is the standard deviation of the scaled thermal field. The first ``target``
    crossing points go to out_m (as many as it holds). Returns (crossings, recorded steps per
    walker).
    """
    lanes = seeds.size
    mx, my, mz = np.empty(lanes), np.empty(lanes), np.empty(lanes)
    nx, ny, nz = np.empty(lanes), np.empty(lanes), np.empty(lanes)
    q_old = np.empty(lanes)
    state = seeds.copy()
    gx, gy, gz, spare = np.empty(lanes), np.empty(lanes), np.empty(lanes), np.empty(lanes)
    ux, uy, uz = u[0], u[1], u[2]
    for lane in range(lanes):
        mx[lane], my[lane], mz[lane] = ux, uy, uz
    found = 0
    steps = 0
    even = False
    while found < target and steps < max_steps:
        even = not even
        _lane_normals(state, spare, even, lanes, gx, gy, gz)
        for lane in range(lanes):  # vectorized: no history-dependent stores
            q_old[lane] = mx[lane] * ux + my[lane] * uy + mz[lane] * uz
            nx[lane], ny[lane], nz[lane] = _heun(mx[lane], my[lane], mz[lane],
                                                 sig * gx[lane], sig * gy[lane],
                                                 sig * gz[lane], dt, drive, md)
        recording = steps >= burn
        for lane in range(lanes):
            q = nx[lane] * ux + ny[lane] * uy + nz[lane] * uz
            if recording and q <= level_a < q_old[lane]:
                if found < out_m.shape[0]:
                    out_m[found, 0], out_m[found, 1], out_m[found, 2] = nx[lane], ny[lane], \
                        nz[lane]
                found += 1
            if q <= level_b:
                mx[lane], my[lane], mz[lane] = ux, uy, uz
            else:
                mx[lane], my[lane], mz[lane] = nx[lane], ny[lane], nz[lane]
        steps += 1
    return found, max(steps - burn, 0)


@njit(cache=True, nogil=True, error_model="numpy")
def trial_runs(starts, seeds, u, level_a, level_next, dt, md, drive, sig, lanes, max_steps,
               out_m, out_ok, out_steps):
    """Trial runs of one interface: trial j starts at starts[j] with the random stream
    seeds[j] and runs until q <= ``level_next`` (success, out_ok[j] = 1; its end point in
    out_m[j]) or q > ``level_a`` (back in A, out_ok[j] = 0), or ``max_steps`` steps
    (out_ok[j] = -1); out_steps[j] counts its steps. ``lanes`` trials run side by side and
    a lane that finishes takes the next trial; the outcomes depend on the starts, the seeds
    and ``lanes`` only (a trial may take its first normal number from the spare its lane
    kept), so a run is reproducible."""
    n = starts.shape[0]
    mx, my, mz = np.empty(lanes), np.empty(lanes), np.empty(lanes)
    state = np.zeros(lanes, np.uint64)
    gx, gy, gz, spare = np.empty(lanes), np.empty(lanes), np.empty(lanes), np.empty(lanes)
    done = np.ones(lanes, np.bool_)
    ok = np.zeros(lanes, np.int64)
    count = np.zeros(lanes, np.int64)
    job = np.full(lanes, -1, np.int64)
    ux, uy, uz = u[0], u[1], u[2]
    nxt = 0
    busy = 0
    even = False
    while True:
        # bookkeeping: record finished trials, hand out new ones
        for lane in range(lanes):
            while done[lane]:
                j = job[lane]
                if j >= 0:
                    out_ok[j] = ok[lane]
                    out_steps[j] = count[lane]
                    out_m[j, 0], out_m[j, 1], out_m[j, 2] = mx[lane], my[lane], mz[lane]
                    job[lane] = -1
                    busy -= 1
                if nxt >= n:
                    break
                job[lane] = nxt
                busy += 1
                mx[lane], my[lane], mz[lane] = _unit(starts[nxt, 0], starts[nxt, 1],
                                                     starts[nxt, 2])
                state[lane] = seeds[nxt]
                count[lane] = 0
                nxt += 1
                # a start already past the next interface (an overshoot) succeeds at once
                q = mx[lane] * ux + my[lane] * uy + mz[lane] * uz
                ok[lane] = 1 if q <= level_next else 0
                done[lane] = q <= level_next
        if busy == 0:
            return
        for _ in range(CHUNK):
            even = not even
            _lane_normals(state, spare, even, lanes, gx, gy, gz)
            for lane in range(lanes):  # vectorized: finished lanes keep their state
                ox, oy, oz = mx[lane], my[lane], mz[lane]
                ax, ay, az = _heun(ox, oy, oz, sig * gx[lane], sig * gy[lane],
                                   sig * gz[lane], dt, drive, md)
                q = ax * ux + ay * uy + az * uz
                live = not done[lane]
                hit = q <= level_next
                back = q > level_a
                mx[lane] = ax if live else ox
                my[lane] = ay if live else oy
                mz[lane] = az if live else oz
                c = count[lane] + (1 if live else 0)
                count[lane] = c
                ok[lane] = (1 if hit else (0 if back else -1)) if live else ok[lane]
                done[lane] = (not live) or hit or back or c >= max_steps
