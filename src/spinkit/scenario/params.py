"""Declared scenario parameters: each quantity once, with its name, unit, default and range.

A :class:`Param` turns a raw value from a TOML file (or a sweep's ``--set``) into a checked
Python value, or raises :class:`~spinkit.errors.ParameterError` naming the key, the value and
what is allowed. Nothing is clipped.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spinkit.errors import ParameterError, suggest

__all__ = ["Param", "REQUIRED"]


class _Required:
    def __repr__(self) -> str:
        return "required"


#: Sentinel default of a parameter that must be given.
REQUIRED: Any = _Required()

_TYPES = ("float", "int", "bool", "str", "choice", "material", "file", "vector")


@dataclass(frozen=True)
class Param:
    """One parameter of a scenario kind.

    Parameters
    ----------
    name:
        Key in the scenario file.
    type:
        One of ``float``, ``int``, ``bool``, ``str``, ``choice``, ``material``, ``file``,
        ``vector`` (three floats).
    default:
        Value when the key is absent; :data:`REQUIRED` if it must be given; ``None`` if the
        parameter is optional (the kind then derives it, see ``default_doc``).
    unit:
        SI unit of the value, ``""`` for dimensionless.
    doc:
        One line saying what the parameter is.
    low, high:
        Bounds for ``float``/``int``/``vector`` components (``None`` = unbounded).
    low_open, high_open:
        Whether the bound itself is excluded.
    choices:
        Allowed values of a ``choice`` parameter.
    default_doc:
        How an optional (``None``) default is derived, for ``spinkit kinds NAME``.
    """

    name: str
    type: str
    default: Any
    unit: str = ""
    doc: str = ""
    low: float | None = None
    high: float | None = None
    low_open: bool = False
    high_open: bool = False
    choices: tuple[str, ...] = ()
    default_doc: str = ""

    def __post_init__(self) -> None:
        if self.type not in _TYPES:
            raise ValueError(f"Param {self.name}: type must be one of {_TYPES}")
        if self.type == "choice" and not self.choices:
            raise ValueError(f"Param {self.name}: a choice needs choices")

    # ----------------------------------------------------------------- description
    def range_text(self) -> str:
        """The allowed values in words, e.g. ``"a number in (0, 0.01] m"``."""
        unit = f" {self.unit}" if self.unit else ""
        if self.type in ("float", "int", "vector"):
            what = {"float": "a number", "int": "an integer", "vector": "three numbers"}[
                self.type
            ]
            if self.low is None and self.high is None:
                return f"{what}{unit}" if self.type != "float" else f"a finite number{unit}"
            lo = "-inf" if self.low is None else f"{self.low:g}"
            hi = "inf" if self.high is None else f"{self.high:g}"
            lb = "(" if (self.low_open or self.low is None) else "["
            rb = ")" if (self.high_open or self.high is None) else "]"
            each = " each" if self.type == "vector" else ""
            return f"{what}{each} in {lb}{lo}, {hi}{rb}{unit}"
        if self.type == "choice":
            return "one of " + ", ".join(repr(c) for c in self.choices)
        if self.type == "bool":
            return "true or false"
        if self.type == "material":
            return "a material name from `spinkit materials`"
        if self.type == "file":
            return "the path of an existing file"
        return "a string"

    def default_text(self) -> str:
        """The default as shown by ``spinkit kinds NAME``."""
        if self.default is REQUIRED:
            return "required"
        if self.default is None:
            return self.default_doc or "none"
        return repr(self.default) if isinstance(self.default, str) else f"{self.default}"

    # ------------------------------------------------------------------ validation
    def _number(self, value: Any, *, key: str) -> float | int:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ParameterError(
                key, value, f"must be {self.range_text()}, not {type(value).__name__}"
            )
        if self.type == "int" and not isinstance(value, int):
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            else:
                raise ParameterError(key, value, f"must be {self.range_text()}")
        if isinstance(value, float) and not math.isfinite(value):
            raise ParameterError(key, value, f"must be finite: {self.range_text()}")
        bad_low = self.low is not None and (
            value <= self.low if self.low_open else value < self.low
        )
        bad_high = self.high is not None and (
            value >= self.high if self.high_open else value > self.high
        )
        if bad_low or bad_high:
            raise ParameterError(key, value, f"out of range: must be {self.range_text()}")
        return float(value) if self.type in ("float", "vector") else int(value)

    def validate(self, value: Any, *, base_dir: Path | None = None) -> Any:
        """Check ``value`` and return it converted (floats, ints, a resolved path, ...).

        Raises
        ------
        ParameterError
            naming this parameter, the value and what is allowed.
        """
        key = self.name
        if value is None:
            if self.default is REQUIRED:
                raise ParameterError(key, value, f"is required: {self.range_text()}")
            return None
        if self.type in ("float", "int"):
            return self._number(value, key=key)
        if self.type == "vector":
            if not isinstance(value, list | tuple) or len(value) != 3:
                raise ParameterError(key, value, f"must be {self.range_text()}, as [x, y, z]")
            return tuple(self._number(v, key=f"{key}[{i}]") for i, v in enumerate(value))
        if self.type == "bool":
            if not isinstance(value, bool):
                raise ParameterError(key, value, "must be true or false")
            return value
        if not isinstance(value, str):
            raise ParameterError(
                key, value, f"must be {self.range_text()}, not {type(value).__name__}"
            )
        if self.type == "choice":
            if value not in self.choices:
                raise ParameterError(
                    key, value, f"must be {self.range_text()}", suggest(value, self.choices)
                )
            return value
        if self.type == "material":
            from spinkit import materials

            materials.get(value, parameter=key)  # raises ParameterError if unknown
            return value
        if self.type == "file":
            path = Path(value).expanduser()
            if not path.is_absolute() and base_dir is not None:
                path = base_dir / path
            if not path.is_file():
                raise ParameterError(key, value, f"file not found: {path}")
            return str(path.resolve())
        return value
