"""Boundary checks for public parameters, shared by every subpackage.

Each function returns the checked value in a canonical form (float, int, float array) or
raises :class:`~spinkit.errors.ParameterError` naming the parameter and what is allowed;
nothing is clipped. Booleans, complex numbers, strings and NaN/inf are refused.
"""

from __future__ import annotations

import math

import numpy as np

from spinkit.errors import ParameterError

__all__ = [
    "array_in_range", "count", "finite", "finite_array", "in_range", "integer", "positive",
    "real_array", "vector3",
]


def finite(name: str, value: object, unit: str = "") -> float:
    """``value`` as a float [``unit``], or :class:`ParameterError` if it is not a finite real
    number."""
    allowed = "must be a finite real number" + (f" ({unit})" if unit else "")
    if isinstance(value, bool) or not isinstance(value, int | float | np.integer | np.floating):
        raise ParameterError(name, value, allowed)
    value = float(value)
    if not np.isfinite(value):
        raise ParameterError(name, value, allowed)
    return value


def positive(name: str, value: object, unit: str = "") -> float:
    """``value`` as a float [``unit``], or :class:`ParameterError` unless it is finite and
    > 0."""
    value = finite(name, value, unit)
    if value <= 0:
        raise ParameterError(name, value, "must be a finite number > 0"
                             + (f" ({unit})" if unit else ""))
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


def finite_array(name: str, value: object, unit: str = "") -> np.ndarray:
    """``value`` as a float array of finite entries [``unit``], or :class:`ParameterError`."""
    suffix = f" ({unit})" if unit else ""
    try:
        arr = real_array(value)
    except (TypeError, ValueError):
        raise ParameterError(name, value, "must be finite real numbers" + suffix) from None
    if not np.isfinite(arr).all():
        raise ParameterError(name, "non-finite entries", "must be finite" + suffix)
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


def integer(name: str, value: object, low: int, high: int | None = None) -> int:
    """``value`` as an int in [low, high] (no upper bound if ``high`` is None), or
    :class:`ParameterError`; booleans and floats are refused."""
    ok = isinstance(value, int | np.integer) and not isinstance(value, bool | np.bool_)
    if not ok or value < low or (high is not None and value > high):
        allowed = f"[{low}, {high}]" if high is not None else f">= {low}"
        raise ParameterError(name, value, f"must be an integer {allowed}")
    return int(value)


def _interval(low: float | None, high: float | None, bounds: str, allow_inf: bool,
              unit: str) -> str:
    """The allowed range in words, e.g. 'must be a finite real number in (0, 1e-07] (m)'."""
    what = "a real number" if allow_inf else "a finite real number"
    if low is not None and high is not None:
        text = f"{what} in {bounds[0]}{low:g}, {high:g}{bounds[1]}"
    elif low is not None:
        text = f"{what} {'>' if bounds[0] == '(' else '>='} {low:g}"
    elif high is not None:
        text = f"{what} {'<' if bounds[1] == ')' else '<='} {high:g}"
    else:
        text = what
    return f"must be {text}" + (f" ({unit})" if unit else "")


def _outside(v: np.ndarray | float, low: float | None, high: float | None,
             bounds: str) -> np.ndarray:
    bad = np.zeros(np.shape(v), dtype=bool)
    if low is not None:
        bad |= np.less_equal(v, low) if bounds[0] == "(" else np.less(v, low)
    if high is not None:
        bad |= np.greater_equal(v, high) if bounds[1] == ")" else np.greater(v, high)
    return bad


def _check_bounds(bounds: str) -> None:
    if bounds not in ("()", "(]", "[)", "[]"):
        raise ValueError(f"bounds must be one of (), (], [), [] (got {bounds!r})")


def in_range(name: str, value: object, low: float | None = None, high: float | None = None,
             *, bounds: str = "()", allow_inf: bool = False, unit: str = "") -> float:
    """``value`` as a float in the interval from ``low`` to ``high`` (a missing bound is
    none), open or closed at each end as ``bounds`` says ("()", "(]", "[)" or "[]");
    +-inf is accepted only with ``allow_inf``. Otherwise :class:`ParameterError` naming the
    parameter, the interval and ``unit``."""
    _check_bounds(bounds)
    allowed = _interval(low, high, bounds, allow_inf, unit)
    is_inf = (allow_inf and isinstance(value, float | np.floating)
              and math.isinf(float(value)))
    try:
        v = float(value) if is_inf else finite(name, value)
    except ParameterError:
        raise ParameterError(name, value, allowed) from None
    if _outside(v, low, high, bounds):
        raise ParameterError(name, value, allowed)
    return v


def array_in_range(name: str, value: object, low: float | None = None,
                   high: float | None = None, *, bounds: str = "()",
                   unit: str = "") -> np.ndarray:
    """``value`` as a non-empty float array of finite reals, each in the interval (as
    :func:`in_range`), or :class:`ParameterError` naming the first offending entry."""
    _check_bounds(bounds)
    arr = finite_array(name, value, unit)
    if arr.size == 0:
        raise ParameterError(name, value, "must be a non-empty array of real numbers")
    bad = _outside(arr, low, high, bounds)
    if bad.any():
        raise ParameterError(name, float(arr[bad].flat[0]),
                             _interval(low, high, bounds, False, unit))
    return arr
