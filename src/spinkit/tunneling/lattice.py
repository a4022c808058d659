"""Tight-binding blocks of a square-lattice strip with spin: hopping, Rashba, Zeeman, potential.

The strip runs along x (slices) and has ``width`` sites along y with hard walls. The basis of a
slice is orbital-major, spin-minor: index = 2 y + s. The lattice discretisation (spacing a) of

    H = p^2 / 2m + V + b.sigma + alpha (sigma_x k_y - sigma_y k_x)                       (1)

has t = hbar^2 / (2 m a^2), on-site 4t + V (2t + V when width = 1, so the band starts at 0 as
in the continuum), and spin-orbit hopping t_so = alpha / (2a):

    T_x = H_{(x,y),(x+1,y)} = -t 1 + i t_so sigma_y,
    T_y = H_{(x,y),(x,y+1)} = -t 1 - i t_so sigma_x,                                    (2)

which reproduces -2t cos(k a) and alpha sin(k a)/a sigma terms of eq. (1) at small k a.
Energies in any one unit (the same as ``hopping``).
"""

from __future__ import annotations

import numpy as np

from spinkit.errors import ParameterError
from spinkit.validation import finite_array, in_range, integer

__all__ = ["strip_blocks", "PAULI"]

#: Pauli matrices (sigma_0, sigma_x, sigma_y, sigma_z)
PAULI = (
    np.eye(2, dtype=complex),
    np.array([[0, 1], [1, 0]], dtype=complex),
    np.array([[0, -1j], [1j, 0]]),
    np.array([[1, 0], [0, -1]], dtype=complex),
)


def strip_blocks(
    width: int,
    hopping: float,
    rashba: np.ndarray | float = 0.0,
    zeeman: tuple[float, float, float] = (0.0, 0.0, 0.0),
    potential: np.ndarray | float = 0.0,
) -> tuple[np.ndarray, np.ndarray]:
    """On-site block H0 (..., 2W, 2W) and hopping block T_x (..., 2W, 2W) of eq. (2).

    Parameters
    ----------
    width: sites across the strip W >= 1.
    hopping: t > 0.
    rashba: t_so = alpha / (2a); an array gives a batch (leading axes).
    zeeman: b = (b_x, b_y, b_z), the term b.sigma (an exchange field) on every site.
    potential: V, scalar or (..., W) per site across the strip.
    """
    width = integer("width", width, 1)
    hopping = in_range("hopping", hopping, 0.0, bounds="(]")
    so = finite_array("rashba", rashba)
    b = finite_array("zeeman", zeeman)
    if b.shape != (3,):
        raise ParameterError("zeeman", zeeman, "must be three finite numbers")
    v = finite_array("potential", potential)
    if v.ndim and v.shape[-1] != width:
        raise ParameterError("potential", v.shape, f"must be a scalar or end in ({width},)")
    s0, sx, sy, sz = PAULI
    so_ = so[..., None, None]
    bonds = np.eye(width, k=1)
    onsite_spin = (4.0 if width > 1 else 2.0) * hopping * s0 + b[0] * sx + b[1] * sy + b[2] * sz
    h0 = np.kron(np.eye(width), onsite_spin)
    ty = -hopping * s0 - 1j * so_ * sx
    h0 = h0 + _kron_batch(bonds, ty) + np.swapaxes(_kron_batch(bonds, ty), -1, -2).conj()
    pot = np.broadcast_to(v, v.shape[:-1] + (width,)) if v.ndim else np.full(width, float(v))
    h0 = h0 + _kron_batch(_diag_batch(pot), s0)
    tx = _kron_batch(np.eye(width), -hopping * s0 + 1j * so_ * sy)
    return np.broadcast_arrays(h0, tx)


def _diag_batch(v: np.ndarray) -> np.ndarray:
    return v[..., :, None] * np.eye(v.shape[-1])


def _kron_batch(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Kronecker product over the last two axes, broadcasting leading axes."""
    out = a[..., :, None, :, None] * b[..., None, :, None, :]
    shape = out.shape
    return out.reshape(shape[:-4] + (shape[-4] * shape[-3], shape[-2] * shape[-1]))
