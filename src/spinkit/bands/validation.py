"""Boundary checks shared by :mod:`spinkit.bands` and the models built on it.

Each function returns the checked value in a canonical form or raises
:class:`~spinkit.errors.ParameterError` naming the parameter and what is allowed; nothing is
clipped. They are public so that code using the band models elsewhere in spinkit (e.g.
:mod:`spinkit.transport.backscattering`) validates its parameters the same way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from spinkit.errors import ParameterError

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


def finite(name: str, value: object) -> float:
    """``value`` as a float, or :class:`ParameterError` if it is not a finite real number."""
    if isinstance(value, bool) or not isinstance(value, int | float | np.integer | np.floating):
        raise ParameterError(name, value, "must be a finite real number")
    value = float(value)
    if not np.isfinite(value):
        raise ParameterError(name, value, "must be a finite real number")
    return value


def positive(name: str, value: object) -> float:
    """``value`` as a float, or :class:`ParameterError` unless it is finite and > 0."""
    value = finite(name, value)
    if value <= 0:
        raise ParameterError(name, value, "must be a finite number > 0")
    return value


def count(name: str, value: object, low: int, *, even: bool = False) -> int:
    """``value`` as an int, or :class:`ParameterError` unless it is an integer >= ``low``
    (and even, if ``even``)."""
    if (isinstance(value, bool) or not isinstance(value, int | np.integer) or value < low
            or (even and value % 2)):
        raise ParameterError(name, value, f"must be {'an even' if even else 'an'} integer "
                             f">= {low}")
    return int(value)


def _real_array(value: object) -> np.ndarray:
    """``value`` as a float array; TypeError/ValueError for anything but real numbers
    (complex or boolean entries too, rather than silently dropping an imaginary part)."""
    arr = np.asarray(value)
    if arr.dtype.kind not in "iufO":
        raise TypeError(f"entries of kind {arr.dtype.kind!r}")
    return np.asarray(arr, dtype=float)


def finite_array(name: str, value: object, unit: str) -> np.ndarray:
    """``value`` as a float array of finite entries [``unit``], or :class:`ParameterError`."""
    try:
        arr = _real_array(value)
    except (TypeError, ValueError):
        raise ParameterError(name, value, f"must be finite real numbers ({unit})") from None
    if not np.isfinite(arr).all():
        raise ParameterError(name, "non-finite entries", f"must be finite ({unit})")
    return arr


def vector3(name: str, value: object) -> np.ndarray:
    """``value`` as a float array of shape (3,), or :class:`ParameterError`."""
    try:
        arr = _real_array(value)
    except (TypeError, ValueError):
        raise ParameterError(name, value, "must be three finite real numbers") from None
    if arr.shape != (3,) or not np.isfinite(arr).all():
        raise ParameterError(name, value, "must be three finite real numbers")
    return arr


def wavevectors(k: object, dim: int, name: str = "k") -> np.ndarray:
    """``k`` as a float array of shape ``(..., dim)`` [1/m], or :class:`ParameterError`."""
    try:
        arr = _real_array(k)
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
