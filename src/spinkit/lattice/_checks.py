"""Scalar checks shared by :mod:`spinkit.lattice` and :mod:`spinkit.exchange`.

Every failure is a :class:`~spinkit.errors.ParameterError` naming the parameter; booleans,
strings and other non-real values are refused rather than coerced.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from spinkit.errors import ParameterError


def real(name: str, value: Any, unit: str = "") -> float:
    """``value`` as a finite float; anything else (bool, str, NaN, inf) is refused."""
    if isinstance(value, bool | np.bool_) or not isinstance(value, int | float | np.number) \
            or isinstance(value, complex | np.complexfloating) or not np.isfinite(value):
        raise ParameterError(name, value, f"must be a finite real number {unit}".rstrip())
    return float(value)


def positive(name: str, value: Any, unit: str = "") -> float:
    """``value`` as a finite float > 0."""
    v = real(name, value, unit)
    if v <= 0:
        raise ParameterError(name, value, f"must be a finite number > 0 {unit}".rstrip())
    return v
