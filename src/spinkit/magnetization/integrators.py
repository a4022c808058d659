"""Time integrators for dm/dt = f(t, m), vectorized over any leading shape of ``m``.

``m`` has shape ``(..., 3)``: one macrospin, an ensemble, or the cells of a mesh. After each
step the magnetization is renormalised to |m| = 1 (the LLG equation conserves |m|; the
renormalisation removes the integrator's O(dt^p) drift).

* :func:`rk4_step` -- classical fourth-order Runge-Kutta (fixed step);
* :func:`heun_step` -- Heun's second-order predictor-corrector; with a stochastic field held
  fixed over the step it is the stochastic Heun scheme, which converges to the Stratonovich
  solution (Garcia-Palacios and Lazaro, Phys. Rev. B 58, 14937 (1998));
* :func:`dormand_prince` -- the adaptive 5(4) pair of J. R. Dormand and P. J. Prince,
  J. Comput. Appl. Math. 6, 19 (1980), with one step size shared by the whole array;
* :func:`dop853` -- the adaptive eighth-order Dormand-Prince pair with its 5th/3rd-order
  error estimate and 7th-order dense output (E. Hairer, S. P. Norsett and G. Wanner,
  Solving Ordinary Differential Equations I, 2nd ed., Springer 1993, sec. II.5 and II.6;
  P. J. Prince and J. R. Dormand, J. Comput. Appl. Math. 7, 67 (1981)): large steps at tight
  tolerances, and samples interpolated between steps instead of steps cut at the samples.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from scipy.integrate._ivp import dop853_coefficients as _dop853

from spinkit.errors import ConvergenceError

__all__ = ["rk4_step", "heun_step", "dormand_prince", "dop853", "dop853_step", "normalize",
           "DP_A", "DP_B", "DP_E", "DOP853_A", "DOP853_C", "DOP853_D", "DOP853_E3", "DOP853_E5"]

Rhs = Callable[[float, np.ndarray], np.ndarray]


def normalize(m: np.ndarray) -> np.ndarray:
    """m / |m| over the last axis."""
    return m / np.linalg.norm(m, axis=-1, keepdims=True)


def rk4_step(f: Rhs, t: float, m: np.ndarray, h: float) -> np.ndarray:
    """One classical RK4 step of size ``h`` [s]; returns the renormalised m(t + h)."""
    k1 = f(t, m)
    k2 = f(t + h / 2, m + (h / 2) * k1)
    k3 = f(t + h / 2, m + (h / 2) * k2)
    k4 = f(t + h, m + h * k3)
    return normalize(m + (h / 6) * (k1 + 2 * k2 + 2 * k3 + k4))


def heun_step(f: Rhs, t: float, m: np.ndarray, h: float) -> np.ndarray:
    """One Heun step: predictor m' = m + h f(t, m), corrector with the mean slope."""
    k1 = f(t, m)
    k2 = f(t + h, m + h * k1)
    return normalize(m + (h / 2) * (k1 + k2))


#: Dormand-Prince 5(4) tableau: stage coefficients, 5th-order weights, error weights.
DP_C = np.array([0.0, 1 / 5, 3 / 10, 4 / 5, 8 / 9, 1.0, 1.0])
DP_A = (
    (),
    (1 / 5,),
    (3 / 40, 9 / 40),
    (44 / 45, -56 / 15, 32 / 9),
    (19372 / 6561, -25360 / 2187, 64448 / 6561, -212 / 729),
    (9017 / 3168, -355 / 33, 46732 / 5247, 49 / 176, -5103 / 18656),
    (35 / 384, 0.0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84),
)
DP_B = np.array([35 / 384, 0.0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84, 0.0])
#: difference of the 5th- and 4th-order weights (the embedded error estimate)
DP_E = DP_B - np.array([5179 / 57600, 0.0, 7571 / 16695, 393 / 640, -92097 / 339200,
                        187 / 2100, 1 / 40])


def dormand_prince(
    f: Rhs,
    m0: np.ndarray,
    t_out: np.ndarray,
    *,
    rtol: float = 1e-6,
    atol: float = 1e-8,
    h0: float = 1e-13,
    max_steps: int = 10_000_000,
) -> np.ndarray:
    """Integrate from t_out[0] with the adaptive Dormand-Prince 5(4) pair.

    Returns m at every time of ``t_out`` (increasing, [s]), shape ``(len(t_out),) + m0.shape``.
    The step is accepted when max |err| / (atol + rtol |m|) <= 1 over the whole array and
    resized by 0.9 err^(-1/5), limited to [0.2, 5] times.

    Raises
    ------
    ConvergenceError
        if ``max_steps`` steps do not reach the end or the step size underflows.
    """
    out = np.empty((len(t_out),) + np.shape(m0))
    m = normalize(np.asarray(m0, dtype=float))
    t = float(t_out[0])
    out[0] = m
    h = h0
    steps = 0
    for i in range(1, len(t_out)):
        t_end = float(t_out[i])
        while t < t_end:
            h = min(h, t_end - t)
            k = [f(t, m)]
            for s in range(1, 7):
                y = m + h * sum(a * kj for a, kj in zip(DP_A[s], k, strict=False))
                k.append(f(t + DP_C[s] * h, y))
            m5 = m + h * sum(b * kj for b, kj in zip(DP_B, k, strict=True))
            err = h * sum(e * kj for e, kj in zip(DP_E, k, strict=True))
            scale = atol + rtol * np.maximum(np.abs(m), np.abs(m5))
            ratio = float(np.max(np.abs(err) / scale))
            if ratio <= 1.0:
                t += h
                m = normalize(m5)
            h *= min(5.0, max(0.2, 0.9 * (ratio if ratio > 0 else 1e-10) ** -0.2))
            steps += 1
            if steps > max_steps or h < 1e-30:
                raise ConvergenceError(
                    f"Dormand-Prince stopped at t = {t:.3e} s after {steps} steps "
                    f"(step {h:.2e} s); loosen rtol/atol or check the parameters")
        out[i] = m
    return out


#: DOP853 tableau (Hairer, Norsett and Wanner's coefficients, as scipy ships them): 12
#: stages, then row 12 = the 8th-order weights (the slope at the new point, first same as
#: last) and rows 13-15 the extra stages of the dense output; nodes C; error weights E5, E3
#: (over stages 0-11); dense-output weights D (4 rows over all 16 slopes).
DOP853_A = np.array(_dop853.A, dtype=float)
DOP853_C = np.array(_dop853.C, dtype=float)
DOP853_E5 = np.array(_dop853.E5[:12], dtype=float)
DOP853_E3 = np.array(_dop853.E3[:12], dtype=float)
DOP853_D = np.array(_dop853.D, dtype=float)
#: step controller of DOP853: h_new = h min(FAC_MAX, max(FAC_MIN, SAFETY err^(-1/8)))
DOP853_SAFETY, DOP853_FAC_MIN, DOP853_FAC_MAX = 0.9, 1 / 3, 6.0


def dop853_step(f: Rhs, t: float, m: np.ndarray, h: float, k0: np.ndarray | None = None,
                t_max: float = np.inf) -> tuple[np.ndarray, float, list[np.ndarray]]:
    """One DOP853 step of size ``h`` [s] from (t, m): (m_new before renormalisation, the
    error measure at unit tolerance, the twelve slopes). ``k0`` = f(t, m) if known; the
    stages are evaluated at times min(t + c_s h, ``t_max``) (:func:`dop853` holds them
    below a discontinuity of the drive that ends the step).

    The error measure is Hairer's, in the max norm over components,
    h e5^2 / sqrt(e5^2 + 0.01 e3^2) with e_p = max |sum_j E_p,j k_j|: the 5th-order estimate
    sets its size, the 3rd-order one guards it at large steps. Divide the E sums by the
    tolerance scale to compare with 1 (:func:`dop853` does)."""
    k = [f(t, m) if k0 is None else k0]
    for s in range(1, 12):
        y = m + h * sum(a * kj for a, kj in zip(DOP853_A[s, :s], k, strict=True))
        k.append(f(min(t + DOP853_C[s] * h, t_max), y))
    m_new = m + h * sum(b * kj for b, kj in zip(DOP853_A[12, :12], k, strict=True))
    return m_new, _dop853_error(k, h, 1.0), k


def _dop853_error(k: list, h: float, scale: np.ndarray | float) -> float:
    """The error measure of :func:`dop853_step` with tolerance scale ``scale``."""
    e5 = float(np.max(np.abs(sum(e * kj for e, kj in zip(DOP853_E5, k, strict=True)))
                      / scale))
    e3 = float(np.max(np.abs(sum(e * kj for e, kj in zip(DOP853_E3, k, strict=True)))
                      / scale))
    return 0.0 if e5 == 0.0 else h * e5 / np.sqrt(1.0 + 0.01 * (e3 / e5) ** 2)


def _dop853_dense(f: Rhs, t: float, m: np.ndarray, m_new: np.ndarray, k: list, h: float,
                  t_max: float = np.inf) -> list[np.ndarray]:
    """Coefficients F_0..F_6 of the 7th-order continuous extension on [t, t + h]
    (three more slopes, at times <= t_max), evaluated by :func:`_dop853_interpolate`."""
    k = list(k)
    for s in range(13, 16):
        y = m + h * sum(a * kj for a, kj in zip(DOP853_A[s, :s], k, strict=True))
        k.append(f(min(t + DOP853_C[s] * h, t_max), y))
    dy = m_new - m
    return [dy, h * k[0] - dy, 2 * dy - h * (k[12] + k[0])] + [
        h * sum(d * kj for d, kj in zip(row, k, strict=True)) for row in DOP853_D]


def _dop853_interpolate(m: np.ndarray, coef: list[np.ndarray], x: float) -> np.ndarray:
    """m(t + x h) = m + x (F0 + (1-x) (F1 + x (F2 + (1-x) (F3 + x (F4 + (1-x) (F5 +
    x F6)))))), 0 <= x <= 1."""
    y = x * coef[6]
    for i in range(5, -1, -1):
        y = (x if i % 2 == 0 else 1.0 - x) * (coef[i] + y)
    return m + y


def dop853(
    f: Rhs,
    m0: np.ndarray,
    t_out: np.ndarray,
    *,
    rtol: float = 1e-9,
    atol: float = 1e-11,
    h0: float = 1e-13,
    max_steps: int = 10_000_000,
    breaks: np.ndarray | tuple = (),
    h_max: float = np.inf,
) -> np.ndarray:
    """Integrate from t_out[0] with the adaptive DOP853 pair (module docstring).

    Returns m at every time of ``t_out`` (increasing, [s]), shape ``(len(t_out),) + m0.shape``:
    the steps run freely to t_out[-1] and the samples between come from the 7th-order dense
    output, renormalised. A step is accepted when the error measure of
    :func:`dop853_step`, with scale atol + rtol max(|m|, |m_new|) per component and the max
    over the whole array, is <= 1; the next step is h min(6, max(1/3, 0.9 err^(-1/8)))
    (never larger right after a rejection), and never larger than ``h_max`` [s].

    ``breaks`` [s] are the times where f jumps (a pulse's edges; f right-continuous): a
    step ends exactly at each, its stages evaluated just below it, and the next step starts
    with a fresh f(t, m), since the last slope of the step before is not the first of the
    next one across a jump. Steps that grow freely would otherwise step over a pulse that
    meets a magnet at rest (zero slopes, zero error estimate).

    Raises
    ------
    ConvergenceError
        if ``max_steps`` steps do not reach the end or the step size underflows.
    """
    t_out = np.asarray(t_out, dtype=float)
    out = np.empty((len(t_out),) + np.shape(m0))
    m = normalize(np.asarray(m0, dtype=float))
    t, t_end = float(t_out[0]), float(t_out[-1])
    breaks = [float(b) for b in np.unique(np.asarray(breaks, dtype=float)) if t < b < t_end]
    out[0] = m
    h = h0
    steps, rejected, i = 0, False, 1
    k0 = f(t, m)
    while i < len(t_out):
        target = breaks[0] if breaks else t_end
        h = min(h, h_max)
        last = target - t <= h * (1 + 1e-9)
        t_max = np.nextafter(target, -np.inf) if last else np.inf
        if last:
            h = target - t
        with np.errstate(over="ignore", invalid="ignore"):  # a too long step: rejected
            m_new, _, k = dop853_step(f, t, m, h, k0, t_max)
            err = _dop853_error(k, h, atol + rtol * np.maximum(np.abs(m), np.abs(m_new)))
        factor = DOP853_SAFETY * (err if err > 1e-30 else 1e-30) ** -0.125
        steps += 1
        if not err <= 1.0:  # rejected (also when err is NaN)
            h *= factor if DOP853_FAC_MIN < factor < 1.0 else DOP853_FAC_MIN
            rejected = True
            if steps > max_steps or h < 1e-30:
                raise ConvergenceError(
                    f"DOP853 stopped at t = {t:.3e} s after {steps} steps (step {h:.2e} s); "
                    "loosen rtol/atol or check the parameters")
            continue
        t_new = target if last else t + h
        k.append(f(min(t_new, t_max), m_new))
        coef = None
        while i < len(t_out) and t_out[i] <= t_new:
            if t_out[i] == t_new:
                out[i] = normalize(m_new)
            else:
                if coef is None:
                    coef = _dop853_dense(f, t, m, m_new, k, h, t_max)
                out[i] = normalize(_dop853_interpolate(m, coef, (t_out[i] - t) / h))
            i += 1
        t, m, k0 = t_new, normalize(m_new), k[12]
        if last and breaks:  # across the jump: a fresh first slope
            breaks.pop(0)
            k0 = f(t, m)
        h *= min(1.0 if rejected else DOP853_FAC_MAX, max(DOP853_FAC_MIN, factor))
        rejected = False
        if steps > max_steps:
            raise ConvergenceError(f"DOP853 stopped at t = {t:.3e} s after {steps} steps")
    return out
