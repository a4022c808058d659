"""OVF vector-field files (OOMMF Vector Field format), as read by OOMMF, mumax3, Ubermag.

Writes OVF 2.0 in ``text``, ``binary4`` or ``binary8``; reads OVF 2.0 and OVF 1.0 (rectangular
meshes). Binary data starts with the format's check value (1234567.0 as 4-byte, or
123456789012345.0 as 8-byte, float) which is verified on reading. OVF 2.0 binary is
little-endian, OVF 1.0 binary is big-endian. Values run with x fastest, then y, then z
(OVF 2.0 spec, https://math.nist.gov/oommf/doc/userguide20a3/userguide/OVF_2.0_format.html).

In spinkit a field is an array of shape ``(nx, ny, nz, dim)``; positions are cell centres,
``origin`` is the lower corner of the mesh (xmin, ymin, zmin) in metres.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from spinkit.errors import ParameterError
from spinkit.io.provenance import atomic_write

__all__ = ["OVFField", "read_ovf", "write_ovf", "MODES"]

MODES = ("text", "binary4", "binary8")
_CHECK = {4: 1234567.0, 8: 123456789012345.0}
_WORDS = re.compile(r"\{[^}]*\}|\S+")  # OVF 2.0 groups multi-word labels in braces


@dataclass(frozen=True)
class OVFField:
    """A field on a rectangular mesh, as stored in an OVF file.

    Attributes
    ----------
    array: values, shape (nx, ny, nz, dim), in ``units``.
    cell: cell size (dx, dy, dz) [m].
    origin: lower corner (xmin, ymin, zmin) [m].
    labels: one label per component.
    units: one unit per component (e.g. ``"A/m"``; ``""`` for dimensionless).
    title: the file's title.
    """

    array: np.ndarray
    cell: tuple[float, float, float]
    origin: tuple[float, float, float] = (0.0, 0.0, 0.0)
    labels: tuple[str, ...] = field(default=())
    units: tuple[str, ...] = field(default=())
    title: str = ""

    @property
    def shape(self) -> tuple[int, int, int]:
        """Number of cells (nx, ny, nz)."""
        return tuple(self.array.shape[:3])  # type: ignore[return-value]

    @property
    def dim(self) -> int:
        """Number of components per cell."""
        return int(self.array.shape[3])


def write_ovf(
    path: str | os.PathLike,
    array: np.ndarray,
    cell: tuple[float, float, float],
    *,
    origin: tuple[float, float, float] = (0.0, 0.0, 0.0),
    mode: str = "binary8",
    title: str = "field",
    labels: tuple[str, ...] | None = None,
    units: tuple[str, ...] | str = "",
    desc: str = "written by spinkit",
) -> Path:
    """Write ``array`` (shape (nx, ny, nz, dim) or (nx, ny, nz)) as an OVF 2.0 file.

    Parameters
    ----------
    path: file to write (atomically: a failed write leaves no partial file).
    array: values; a 3-d array is a scalar field (dim = 1).
    cell: cell size (dx, dy, dz) [m], each > 0.
    origin: lower corner of the mesh [m].
    mode: ``"text"``, ``"binary4"`` or ``"binary8"``.
    labels: component labels; default ``m_x m_y m_z`` style from ``title``.
    units: one unit for all components or one per component (``""`` written as ``1``).
    """
    if mode not in MODES:
        raise ParameterError("mode", mode, f"must be one of {MODES}")
    values = np.asarray(array, dtype=float)
    if values.ndim == 3:
        values = values[..., None]
    if values.ndim != 4 or min(values.shape) < 1:
        raise ParameterError("array", values.shape, "must have shape (nx, ny, nz[, dim])")
    if not np.isfinite(values).all():
        raise ParameterError("array", "non-finite values", "must be finite everywhere")
    cell = tuple(float(c) for c in cell)
    if len(cell) != 3 or not all(np.isfinite(c) and c > 0 for c in cell):
        raise ParameterError("cell", cell, "must be three finite sizes > 0 [m]")
    origin = tuple(float(o) for o in origin)
    nx, ny, nz, dim = values.shape
    if labels is None:
        base = re.sub(r"\s+", "_", title) or "field"
        labels = tuple(f"{base}_{c}" for c in "xyz") if dim == 3 else (
            tuple(f"{base}_{i}" for i in range(dim)) if dim > 1 else (base,))
    unit_list = (units,) * dim if isinstance(units, str) else tuple(units)
    if len(labels) != dim or len(unit_list) != dim:
        raise ParameterError("labels/units", (labels, unit_list), f"need {dim} entries")
    upper = [o + n * c for o, n, c in zip(origin, (nx, ny, nz), cell, strict=True)]
    header = [
        "# OOMMF OVF 2.0", "#", "# Segment count: 1", "#", "# Begin: Segment",
        "# Begin: Header", "#", f"# Title: {title}", f"# Desc: {desc}", "# meshtype: rectangular",
        "# meshunit: m",
        *(f"# {a}min: {o!r}" for a, o in zip("xyz", origin, strict=True)),
        *(f"# {a}max: {u!r}" for a, u in zip("xyz", upper, strict=True)),
        f"# valuedim: {dim}",
        "# valuelabels: " + " ".join(labels),
        "# valueunits: " + " ".join(u or "1" for u in unit_list),
        *(f"# {a}base: {o + c / 2!r}" for a, o, c in zip("xyz", origin, cell, strict=True)),
        *(f"# {a}nodes: {n}" for a, n in zip("xyz", (nx, ny, nz), strict=True)),
        *(f"# {a}stepsize: {c!r}" for a, c in zip("xyz", cell, strict=True)),
        "# End: Header", "#",
    ]
    flat = values.transpose(2, 1, 0, 3).reshape(-1, dim)  # x fastest, then y, then z
    kind = {"text": "Text", "binary4": "Binary 4", "binary8": "Binary 8"}[mode]

    def write(tmp: Path) -> None:
        with open(tmp, "wb") as f:
            f.write(("\n".join(header) + f"\n# Begin: Data {kind}\n").encode())
            if mode == "text":
                np.savetxt(f, flat, fmt="%.17g", delimiter=" ")
            else:
                nbytes = 4 if mode == "binary4" else 8
                dtype = "<f4" if nbytes == 4 else "<f8"
                f.write(np.array([_CHECK[nbytes]], dtype=dtype).tobytes())
                f.write(flat.astype(dtype).tobytes())
                f.write(b"\n")
            f.write(f"# End: Data {kind}\n# End: Segment\n".encode())

    return atomic_write(path, write)


def read_ovf(path: str | os.PathLike) -> OVFField:
    """Read an OVF 2.0 or OVF 1.0 file (rectangular mesh, text or binary 4/8).

    Raises
    ------
    ParameterError
        (parameter ``path``) if the file is missing, not OVF, irregular, or its binary check
        value is wrong.
    """
    path = Path(path)
    if not path.is_file():
        raise ParameterError("path", str(path), "file not found")
    raw = path.read_bytes()
    first = raw.split(b"\n", 1)[0].decode("latin-1").lower()
    if "oommf" not in first:
        raise ParameterError("path", str(path), "not an OVF file (first line lacks 'OOMMF')")
    version = 2 if "ovf 2.0" in first else 1
    match = re.search(rb"#\s*begin:\s*data\s+(text|binary\s*(\d))\s*\r?\n", raw, re.I)
    if match is None:
        raise ParameterError("path", str(path), "no '# Begin: Data' line")
    header: dict[str, str] = {}
    for line in raw[: match.start()].decode("latin-1").splitlines():
        body = line.lstrip("#").strip()
        if ":" in body:
            key, _, value = body.partition(":")
            header[key.strip().lower()] = value.split("##")[0].strip()
    mesh_type = header.get("meshtype", "rectangular").lower()
    if mesh_type != "rectangular":
        raise ParameterError("path", str(path), f"meshtype {mesh_type!r}: only rectangular")
    try:
        n = tuple(int(header[f"{a}nodes"]) for a in "xyz")
        cell = tuple(float(header[f"{a}stepsize"]) for a in "xyz")
        origin = tuple(float(header[f"{a}min"]) for a in "xyz")
    except KeyError as exc:
        raise ParameterError("path", str(path), f"header lacks {exc.args[0]}") from None
    scale = {"m": 1.0, "nm": 1e-9, "um": 1e-6, "mm": 1e-3, "cm": 1e-2}.get(
        header.get("meshunit", "m").lower(), 1.0)
    cell = tuple(c * scale for c in cell)
    origin = tuple(o * scale for o in origin)
    dim = int(header.get("valuedim", 3)) if version == 2 else 3
    count = n[0] * n[1] * n[2] * dim
    data = raw[match.end():]
    if match.group(1).lower() == b"text":
        end = re.search(rb"#\s*end:\s*data", data, re.I)
        text = data[: end.start() if end else len(data)]
        flat = np.array(text.split(), dtype=float)
    else:
        nbytes = int(match.group(2))
        if nbytes not in _CHECK:
            raise ParameterError("path", str(path), f"binary {nbytes}: only 4 or 8 bytes")
        dtype = ("<" if version == 2 else ">") + ("f4" if nbytes == 4 else "f8")
        check = np.frombuffer(data[:nbytes], dtype=dtype)[0]
        if check != _CHECK[nbytes]:
            raise ParameterError("path", str(path), f"binary check value {check} != "
                                 f"{_CHECK[nbytes]}: corrupt or wrong byte order")
        flat = np.frombuffer(data[nbytes: nbytes + count * nbytes], dtype=dtype).astype(float)
    if flat.size != count:
        raise ParameterError("path", str(path), f"holds {flat.size} values, header needs {count}")
    if version == 1:
        flat = flat * float(header.get("valuemultiplier", 1.0))
    array = flat.reshape(n[2], n[1], n[0], dim).transpose(2, 1, 0, 3).copy()
    if version == 2:
        labels = tuple(s.strip("{}") for s in _WORDS.findall(header.get("valuelabels", "")))
        labels = labels or tuple(f"c{i}" for i in range(dim))
        units = tuple("" if u in ("1", "None") else u
                      for u in _WORDS.findall(header.get("valueunits", "")))
    else:
        labels = ("x", "y", "z")
        units = (header.get("valueunit", ""),) * 3
    if len(units) != dim:
        units = (units[0] if units else "",) * dim
    return OVFField(array, cell, origin, labels, units, header.get("title", ""))
