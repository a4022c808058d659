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
