"""Compiled loops of the mesh engine (numba); the numpy model stays readable beside them.

:func:`tensor_product` is the pointwise product of the demag convolution in Fourier space,
h = K m with K symmetric (6 real components xx, yy, zz, xy, xz, yz): one pass over memory
instead of the nine temporaries numpy needs.
"""

from __future__ import annotations

import numba
import numpy as np


@numba.njit(cache=True, fastmath=False)
def tensor_product(k: np.ndarray, m: np.ndarray, out: np.ndarray) -> None:  # pragma: no cover
    """out[:, i] = K_i m[:, i] for k (6, N) real, m and out (3, N) complex."""
    for i in range(m.shape[1]):
        mx, my, mz = m[0, i], m[1, i], m[2, i]
        out[0, i] = k[0, i] * mx + k[3, i] * my + k[4, i] * mz
        out[1, i] = k[3, i] * mx + k[1, i] * my + k[5, i] * mz
        out[2, i] = k[4, i] * mx + k[5, i] * my + k[2, i] * mz


@numba.njit(cache=True)
def llg_rhs(m: np.ndarray, b: np.ndarray, tau: np.ndarray, alpha: np.ndarray, gamma: float,
            out: np.ndarray) -> None:  # pragma: no cover
    """out = (T + alpha m x T) / (1 + alpha^2), T = -gamma m x b + tau, per cell.

    m, b, tau, out: shape (N, 3) [-, T, 1/s, 1/s]; alpha: shape (N,). ``tau`` may have no
    rows (no spin torque).
    """
    has_tau = tau.shape[0] > 0
    for i in range(m.shape[0]):
        mx, my, mz = m[i, 0], m[i, 1], m[i, 2]
        tx = -gamma * (my * b[i, 2] - mz * b[i, 1])
        ty = -gamma * (mz * b[i, 0] - mx * b[i, 2])
        tz = -gamma * (mx * b[i, 1] - my * b[i, 0])
        if has_tau:
            tx += tau[i, 0]
            ty += tau[i, 1]
            tz += tau[i, 2]
        a = alpha[i]
        scale = 1.0 / (1.0 + a * a)
        out[i, 0] = (tx + a * (my * tz - mz * ty)) * scale
        out[i, 1] = (ty + a * (mz * tx - mx * tz)) * scale
        out[i, 2] = (tz + a * (mx * ty - my * tx)) * scale
