"""Range checks for spinkit.spindiffusion and spinkit.transport, on top of
:mod:`spinkit.validation` (which refuses booleans, complex numbers, strings and NaN).

Each raises :class:`~spinkit.errors.ParameterError` naming the parameter and the allowed
range; nothing is clipped.
"""

from __future__ import annotations

import math

import numpy as np

from spinkit.errors import ParameterError
from spinkit.validation import finite, finite_array, positive

__all__ = ["real", "positive", "real_array"]


def _range(low: float | None, high: float | None, strict: bool, allow_inf: bool) -> str:
    what = "a real number" if allow_inf else "a finite real number"
    lo, hi = ("(", ")") if strict else ("[", "]")
    if low is not None and high is not None:
        return f"must be {what} in {lo}{low}, {high}{hi}"
    if low is not None:
        return f"must be {what} {'>' if strict else '>='} {low}"
    if high is not None:
        return f"must be {what} {'<' if strict else '<='} {high}"
    return f"must be {what}"


def _outside(v: np.ndarray | float, low: float | None, high: float | None,
             strict: bool) -> np.ndarray:
    bad = np.zeros(np.shape(v), dtype=bool)
    if low is not None:
        bad |= np.less_equal(v, low) if strict else np.less(v, low)
    if high is not None:
        bad |= np.greater_equal(v, high) if strict else np.greater(v, high)
    return bad


def real(name: str, value: object, *, low: float | None = None, high: float | None = None,
         strict: bool = True, allow_inf: bool = False) -> float:
    """``value`` as a float, refused unless a real number, finite (or +-inf if
    ``allow_inf``) and in (low, high) (``strict``) or [low, high]; a missing bound is none."""
    allowed = _range(low, high, strict, allow_inf)
    is_inf = (allow_inf and isinstance(value, float | np.floating)
              and math.isinf(float(value)))
    try:
        v = float(value) if is_inf else finite(name, value)
    except ParameterError:
        raise ParameterError(name, value, allowed) from None
    if _outside(v, low, high, strict):
        raise ParameterError(name, value, allowed)
    return v


def real_array(name: str, value: object, *, low: float | None = None,
               high: float | None = None, strict: bool = True) -> np.ndarray:
    """``value`` as a non-empty float array of finite reals in the range (as ``real``)."""
    arr = finite_array(name, value, "SI")
    if arr.size == 0:
        raise ParameterError(name, value, "must be a non-empty array of real numbers")
    bad = _outside(arr, low, high, strict)
    if bad.any():
        raise ParameterError(name, arr[bad].flat[0], _range(low, high, strict, False))
    return arr
