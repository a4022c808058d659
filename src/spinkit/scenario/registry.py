"""Scenario kinds: what ``kind = "..."`` in a scenario file may name.

Each physics subpackage that offers scenarios has a ``scenarios`` module which calls
:func:`register` with a :class:`Kind`. Kinds are found by importing
``spinkit.<subpackage>.scenarios`` for every subpackage that has one, so a new capability
registers itself without touching this file.

A kind is two functions and a list of parameters:

* ``compute(params, rng, progress) -> xarray.Dataset`` does the physics. Scalar data
  variables (0-d) are the run's *key numbers*; every variable carries ``units`` and
  ``long_name`` attributes. It must be picklable (a module-level function) so sweeps can
  ship it to worker processes or a Dask cluster.
* ``plot(dataset) -> dict[name, matplotlib.figure.Figure]`` draws the figures from the data
  alone, so figures can be remade from a saved file.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from spinkit.errors import ParameterError, suggest
from spinkit.scenario.params import REQUIRED, Param

if TYPE_CHECKING:
    import numpy as np
    import xarray as xr
    from matplotlib.figure import Figure

    from spinkit.progress import Progress

__all__ = ["Kind", "register", "get_kind", "all_kinds", "RESERVED_KEYS"]

#: Keys every scenario file may hold besides the kind's parameters.
RESERVED_KEYS: dict[str, str] = {
    "kind": "which model to run (see `spinkit kinds`)",
    "seed": "integer seed of the random-number generator (default 0)",
    "name": "name of the outputs (default: the file's stem, or the kind)",
}


@dataclass(frozen=True)
class Kind:
    """A runnable scenario kind: parameters, a compute function and a plot function."""

    name: str
    summary: str
    params: tuple[Param, ...]
    compute: Callable[[dict[str, Any], np.random.Generator, Progress], xr.Dataset]
    plot: Callable[[xr.Dataset], dict[str, Figure]]
    #: parameter overrides for the built-in tour of ``spinkit run``; None: not in the tour
    tour: Mapping[str, Any] | None = None
    by_name: dict[str, Param] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_name", {p.name: p for p in self.params})
        clash = set(self.by_name) & set(RESERVED_KEYS)
        if clash:
            raise ValueError(f"kind {self.name}: parameter names {clash} are reserved")

    def validate(self, raw: Mapping[str, Any], base_dir: Path | None = None) -> dict[str, Any]:
        """Return every parameter of this kind, checked, with defaults filled in.

        ``raw`` holds parameters only (no reserved keys). Unknown keys are refused with the
        nearest valid key suggested.
        """
        for key in raw:
            if key not in self.by_name:
                valid = sorted(self.by_name) + sorted(RESERVED_KEYS)
                hint = suggest(key, valid) or "see `spinkit kinds " + self.name + "`"
                raise ParameterError(
                    key, raw[key], f"unknown key for kind {self.name!r}", hint
                )
        out: dict[str, Any] = {}
        for p in self.params:
            value = raw.get(p.name, None if p.default is REQUIRED else p.default)
            out[p.name] = p.validate(value, base_dir=base_dir)
        return out


_KINDS: dict[str, Kind] = {}
_DISCOVERED = False


def register(kind: Kind) -> Kind:
    """Make ``kind`` available to scenario files; returns it. Names must be unique."""
    if kind.name in _KINDS and _KINDS[kind.name] is not kind:
        raise ValueError(f"scenario kind {kind.name!r} registered twice")
    _KINDS[kind.name] = kind
    return kind


def _discover() -> None:
    global _DISCOVERED
    if _DISCOVERED:
        return
    import spinkit

    for info in pkgutil.iter_modules(spinkit.__path__):
        # look for the file first: subpackages without scenarios are not imported at all
        where = Path(getattr(info.module_finder, "path", "")) / info.name / "scenarios.py"
        if info.ispkg and where.is_file():
            importlib.import_module(f"spinkit.{info.name}.scenarios")
    _DISCOVERED = True


def all_kinds() -> dict[str, Kind]:
    """Every registered kind, by name, sorted."""
    _discover()
    return dict(sorted(_KINDS.items()))


def get_kind(name: Any) -> Kind:
    """The kind called ``name``; :class:`ParameterError` (key ``kind``) if there is none."""
    kinds = all_kinds()
    if not isinstance(name, str) or name not in kinds:
        hint = suggest(name, kinds) if isinstance(name, str) else ""
        raise ParameterError(
            "kind", name, "must be one of " + ", ".join(repr(k) for k in kinds), hint
        )
    return kinds[name]
