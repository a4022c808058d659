"""Time integrators for dm/dt = f(t, m), vectorized over any leading shape of ``m``.

``m`` has shape ``(..., 3)``: one macrospin, an ensemble, or the cells of a mesh. After each
step the magnetization is renormalised to |m| = 1 (the LLG equation conserves |m|; the
renormalisation removes the integrator's O(dt^p) drift).

* :func:`rk4_step` -- classical fourth-order Runge-Kutta (fixed step);
* :func:`heun_step` -- Heun's second-order predictor-corrector; with a stochastic field held
  fixed over the step it is the stochastic Heun scheme, which converges to the Stratonovich
  solution (Garcia-Palacios and Lazaro, Phys. Rev. B 58, 14937 (1998));
* :func:`dormand_prince` -- the adaptive 5(4) pair of J. R. Dormand and P. J. Prince,
  J. Comput. Appl. Math. 6, 19 (1980), with one step size shared by the whole array.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from spinkit.errors import ConvergenceError

__all__ = ["rk4_step", "heun_step", "dormand_prince", "normalize", "DP_A", "DP_B", "DP_E"]

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
