"""Checks of real-valued inputs shared by the tunneling modules (private to the subpackage)."""

from __future__ import annotations

from typing import Any

import numpy as np

from spinkit.errors import ParameterError


def real_array(name: str, value: Any, unit: str = "") -> np.ndarray:
    """``value`` as a float array; refuses booleans, complex numbers, non-numbers and
    non-finite entries with a :class:`ParameterError` naming ``name``."""
    a = np.asarray(value)
    suffix = f" ({unit})" if unit else ""
    if a.dtype == bool or a.dtype.kind not in "iuf":
        raise ParameterError(name, value, "must be real finite numbers" + suffix)
    a = a.astype(float)
    if not np.all(np.isfinite(a)):
        raise ParameterError(name, value, "must be finite" + suffix)
    return a


def real_scalar(name: str, value: Any, low: float = -np.inf, high: float = np.inf,
                unit: str = "", low_open: bool = False) -> float:
    """``value`` as a float in [low, high] (``(low, high]`` if ``low_open``), else a
    :class:`ParameterError` naming ``name`` and the range."""
    a = np.asarray(value)
    v = float(a) if a.ndim == 0 and a.dtype != bool and a.dtype.kind in "iuf" else np.nan
    if not np.isfinite(v) or v > high or (v <= low if low_open else v < low):
        if np.isinf(low) and np.isinf(high):
            what = "a finite real number"
        elif np.isinf(high):
            what = f"a real number {'>' if low_open else '>='} {low:g}"
        else:
            what = f"a real number in {'(' if low_open else '['}{low:g}, {high:g}]"
        raise ParameterError(name, value, f"must be {what}" + (f" ({unit})" if unit else ""))
    return v


def integer(name: str, value: Any, low: int, high: int | None = None) -> int:
    """``value`` as an int in [low, high]; booleans and floats are refused."""
    ok = isinstance(value, int | np.integer) and not isinstance(value, bool | np.bool_)
    if not ok or value < low or (high is not None and value > high):
        rng = f"[{low}, {high}]" if high is not None else f">= {low}"
        raise ParameterError(name, value, f"must be an integer {rng}")
    return int(value)
