"""Parameter checks shared by spinkit.spindiffusion and spinkit.transport.

Every check refuses booleans, complex numbers and strings (a ``True`` conductivity or a
complex lifetime is a mistake, not a number), NaN, and - unless asked - infinities; the
:class:`~spinkit.errors.ParameterError` it raises names the parameter and the allowed range.
Nothing is clipped.
"""

from __future__ import annotations

import math
from numbers import Real

import numpy as np

from spinkit.errors import ParameterError

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


def real(name: str, value: object, *, low: float | None = None, high: float | None = None,
         strict: bool = True, allow_inf: bool = False) -> float:
    """``value`` as a float, refused unless real, finite (or +-inf if ``allow_inf``) and in
    (low, high) (``strict``) or [low, high]; a missing bound is no bound."""
    allowed = _range(low, high, strict, allow_inf)
    if isinstance(value, bool | np.bool_) or not isinstance(value, Real):
        raise ParameterError(name, value, allowed)
    v = float(value)
    if math.isnan(v) or (math.isinf(v) and not allow_inf):
        raise ParameterError(name, value, allowed)
    if low is not None and (v <= low if strict else v < low):
        raise ParameterError(name, value, allowed)
    if high is not None and (v >= high if strict else v > high):
        raise ParameterError(name, value, allowed)
    return v


def positive(name: str, value: object) -> float:
    """A finite real number > 0."""
    return real(name, value, low=0.0)


def real_array(name: str, value: object, *, low: float | None = None,
               high: float | None = None, strict: bool = True) -> np.ndarray:
    """``value`` as a float array whose entries are finite reals in the range (as ``real``)."""
    arr = np.asarray(value)
    if arr.dtype.kind not in "iuf" or arr.size == 0:
        raise ParameterError(name, value, "must be finite real numbers (a non-empty array)")
    arr = arr.astype(float)
    bad = ~np.isfinite(arr)
    if low is not None:
        bad |= arr <= low if strict else arr < low
    if high is not None:
        bad |= arr >= high if strict else arr > high
    if bad.any():
        raise ParameterError(name, arr[bad].flat[0], _range(low, high, strict, False))
    return arr
