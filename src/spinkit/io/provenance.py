"""Writing results so that a half-written file never looks complete, and recording how.

Every file is written to a temporary name beside its target and renamed into place only
when complete (``os.replace`` is atomic on POSIX), so an interrupted run leaves either the
old file or none, never a truncated one.
"""

from __future__ import annotations

import json
import os
import platform
import sys
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

import xarray as xr

__all__ = ["atomic_write", "write_dataset", "write_json", "environment"]


def atomic_write(path: str | os.PathLike, write: Callable[[Path], None]) -> Path:
    """Call ``write(tmp_path)`` then rename ``tmp_path`` to ``path``; returns ``path``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.part-{os.getpid()}")
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return path


def write_dataset(ds: xr.Dataset, path: str | os.PathLike) -> Path:
    """Write ``ds`` to netCDF-4 (HDF5, via h5netcdf), atomically."""
    return atomic_write(path, lambda tmp: ds.to_netcdf(tmp, engine="h5netcdf"))


def _json_default(obj: Any) -> Any:
    if hasattr(obj, "tolist"):
        return obj.tolist()
    if isinstance(obj, os.PathLike):
        return os.fspath(obj)
    raise TypeError(f"not JSON serialisable: {type(obj).__name__}")


def write_json(obj: Any, path: str | os.PathLike) -> Path:
    """Write ``obj`` as indented JSON, atomically."""
    text = json.dumps(obj, indent=2, default=_json_default, allow_nan=True) + "\n"
    return atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def environment() -> dict[str, str]:
    """Versions of spinkit, Python and the numerical stack, and the machine, for info.json."""
    from spinkit import __version__
    from spinkit.constants import CODATA_RELEASE

    out = {"spinkit": __version__, "python": sys.version.split()[0],
           "platform": platform.platform(), "constants": CODATA_RELEASE}
    for pkg in ("numpy", "scipy", "numba", "xarray", "h5netcdf", "matplotlib", "distributed"):
        try:
            out[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            out[pkg] = "not installed"
    return out
