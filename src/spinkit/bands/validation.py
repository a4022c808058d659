"""Boundary checks of band-model inputs (wavevectors, Bloch Hamiltonians).

The generic scalar and array checks live in :mod:`spinkit.validation` and are re-exported
here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from spinkit.errors import ParameterError
from spinkit.validation import count, finite, finite_array, positive, real_array, vector3

if TYPE_CHECKING:
    from spinkit.bands.hamiltonian import BlochHamiltonian

__all__ = [
    "bloch_hamiltonian",
    "count",
    "finite",
    "finite_array",
    "positive",
    "vector3",
    "wavevectors",
]


def wavevectors(k: object, dim: int, name: str = "k") -> np.ndarray:
    """``k`` as a float array of shape ``(..., dim)`` [1/m], or :class:`ParameterError`."""
    try:
        arr = real_array(k)
    except (TypeError, ValueError):
        raise ParameterError(name, k, f"must be real wavevectors of shape (..., {dim})"
                             ) from None
    if arr.ndim == 0 or arr.shape[-1] != dim:
        raise ParameterError(name, f"array of shape {arr.shape}",
                             f"must have shape (..., {dim}): {dim} components per "
                             "wavevector, in 1/m")
    if not np.isfinite(arr).all():
        raise ParameterError(name, "non-finite entries", "wavevectors must be finite")
    return arr


def bloch_hamiltonian(name: str, ham: object, *, dim: int | None = None) -> BlochHamiltonian:
    """``ham`` if it is a :class:`~spinkit.bands.BlochHamiltonian` (of dimension ``dim``, if
    given), else :class:`ParameterError`."""
    from spinkit.bands.hamiltonian import BlochHamiltonian

    if not isinstance(ham, BlochHamiltonian):
        raise ParameterError(name, type(ham).__name__,
                             "must be a spinkit.bands.BlochHamiltonian model")
    if dim is not None and ham.dim != dim:
        raise ParameterError(name, type(ham).__name__, f"must be a {dim}D model (this one "
                             f"is {ham.dim}D)")
    return ham
