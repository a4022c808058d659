"""Boundary checks for public parameters, shared by every subpackage.

Each function returns the checked value in a canonical form (float, int, float array) or
raises :class:`~spinkit.errors.ParameterError` naming the parameter and what is allowed;
nothing is clipped. Booleans, complex numbers, strings and NaN/inf are refused.
"""

from __future__ import annotations

import numpy as np

from spinkit.errors import ParameterError

__all__ = ["count", "finite", "finite_array", "positive", "real_array", "vector3"]


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


def real_array(value: object) -> np.ndarray:
    """``value`` as a float array; TypeError/ValueError for anything but real numbers
    (complex or boolean entries too, rather than silently dropping an imaginary part)."""
    arr = np.asarray(value)
    if arr.dtype.kind not in "iufO":
        raise TypeError(f"entries of kind {arr.dtype.kind!r}")
    return np.asarray(arr, dtype=float)


def finite_array(name: str, value: object, unit: str) -> np.ndarray:
    """``value`` as a float array of finite entries [``unit``], or :class:`ParameterError`."""
    try:
        arr = real_array(value)
    except (TypeError, ValueError):
        raise ParameterError(name, value, f"must be finite real numbers ({unit})") from None
    if not np.isfinite(arr).all():
        raise ParameterError(name, "non-finite entries", f"must be finite ({unit})")
    return arr


def vector3(name: str, value: object) -> np.ndarray:
    """``value`` as a float array of shape (3,), or :class:`ParameterError`."""
    try:
        arr = real_array(value)
    except (TypeError, ValueError):
        raise ParameterError(name, value, "must be three finite real numbers") from None
    if arr.shape != (3,) or not np.isfinite(arr).all():
        raise ParameterError(name, value, "must be three finite real numbers")
    return arr
