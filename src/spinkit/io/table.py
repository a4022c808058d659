"""Tables of averages over time, in mumax3's ``table.txt`` layout.

One header line ``# t (s)<TAB>mx ()<TAB>...`` naming each column with its unit in
parentheses, then one tab-separated row per output step. :class:`TableWriter` appends rows
as a run goes (flushing each, so a crashed run keeps its rows); :func:`read_table` reads
spinkit's and mumax3's tables into an :class:`xarray.Dataset`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import TracebackType

import numpy as np
import xarray as xr

from spinkit.errors import ParameterError
from spinkit.io.provenance import atomic_write

__all__ = ["TableWriter", "read_table", "write_table"]

_HEADER_ITEM = re.compile(r"^\s*(.*?)\s*\(([^()]*)\)\s*$")


def _header(columns: Sequence[tuple[str, str]]) -> str:
    return "# " + "\t".join(f"{name} ({unit})" for name, unit in columns) + "\n"


class TableWriter:
    """Append rows of numbers to a table file.

    Parameters
    ----------
    path: the table file (created, or truncated unless ``append``).
    columns: ``(name, unit)`` per column, e.g. ``[("t", "s"), ("mx", "")]``.
    append: continue an existing table with the same columns (resuming a run).
    """

    def __init__(
        self, path: str | os.PathLike, columns: Sequence[tuple[str, str]], append: bool = False
    ) -> None:
        if not columns:
            raise ParameterError("columns", columns, "need at least one (name, unit)")
        self.path = Path(path)
        self.columns = [(str(n), str(u)) for n, u in columns]
        header = _header(self.columns)
        if append and self.path.exists():
            with open(self.path, encoding="utf-8") as f:
                if f.readline() != header:
                    raise ParameterError("columns", self.columns,
                                         f"differ from the existing table {self.path}")
            self._file = open(self.path, "a", encoding="utf-8")  # noqa: SIM115
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._file = open(self.path, "w", encoding="utf-8")  # noqa: SIM115
            self._file.write(header)
            self._file.flush()

    def write(self, row: Sequence[float] | Mapping[str, float]) -> None:
        """Append one row (a sequence in column order, or a mapping name -> value)."""
        if isinstance(row, Mapping):
            missing = [n for n, _ in self.columns if n not in row]
            if missing:
                raise ParameterError("row", dict(row), f"lacks columns {missing}")
            row = [row[n] for n, _ in self.columns]
        if len(row) != len(self.columns):
            raise ParameterError("row", list(row), f"needs {len(self.columns)} values")
        self._file.write("\t".join(repr(float(v)) for v in row) + "\n")
        self._file.flush()

    def close(self) -> None:
        """Close the file."""
        self._file.close()

    def __enter__(self) -> TableWriter:
        return self

    def __exit__(
        self, t: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def write_table(
    path: str | os.PathLike, data: Mapping[str, Sequence[float]], units: Mapping[str, str]
) -> Path:
    """Write columns ``data`` (name -> values, equal lengths) with ``units`` atomically."""
    names = list(data)
    cols = np.column_stack([np.asarray(data[n], dtype=float) for n in names])
    header = _header([(n, units.get(n, "")) for n in names])

    def write(tmp: Path) -> None:
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(header)
            for row in cols:
                f.write("\t".join(repr(float(v)) for v in row) + "\n")

    return atomic_write(path, write)


def read_table(path: str | os.PathLike) -> xr.Dataset:
    """Read a mumax3-style table: one variable per column along dimension ``row``.

    Each variable carries its unit in ``attrs["units"]`` (``""`` for ``()``).
    """
    path = Path(path)
    if not path.is_file():
        raise ParameterError("path", str(path), "file not found")
    with open(path, encoding="utf-8") as f:
        first = f.readline()
    if not first.startswith("#"):
        raise ParameterError("path", str(path), "no '# name (unit)' header line")
    names, units = [], []
    for item in first[1:].strip().split("\t"):
        m = _HEADER_ITEM.match(item)
        names.append(m.group(1) if m else item.strip())
        units.append(m.group(2) if m else "")
    values = np.loadtxt(path, comments="#", ndmin=2, delimiter=None)
    if values.size == 0:
        values = np.zeros((0, len(names)))
    if values.shape[1] != len(names):
        raise ParameterError("path", str(path),
                             f"rows have {values.shape[1]} columns, header {len(names)}")
    return xr.Dataset(
        {n: ("row", values[:, i], {"units": u}) for i, (n, u) in enumerate(zip(names, units,
                                                                                strict=True))}
    )
