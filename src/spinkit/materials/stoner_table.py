"""Stoner parameters of the elements: I and N(E_F) from published tables, with their sources.

The table lives in ``stoner_elements.toml`` beside this module (its header states the format and
conventions). Sources differ in units (I in Ry, mRy or eV; N(E_F) per Ry or per eV) and in
the spin convention (N(E_F) per spin or for both spins, each with its own form of the
criterion); every row is converted to the convention of :mod:`spinkit.exchange.stoner`:

    N(E_F) per spin per atom [1/J],  I [J] with splitting Delta = I m,  ferromagnetic if
    I N(E_F) > 1,  exchange enhancement chi / chi_Pauli = 1 / (1 - I N(E_F)),

keeping each source's own product I N(E_F) (the dimensionless number its criterion compares
with 1) unchanged. Where a source also lists the enhancement, the loader checks the listed I,
N(E_F) and enhancement against each other (E. C. Stoner, Proc. R. Soc. A 165, 372 (1938);
J. F. Janak, Phys. Rev. B 16, 255 (1977)).

Use: ``spinkit.materials.stoner_parameters("Fe")`` returns a :class:`StonerEntry` (I [J],
N(E_F) [1/J per spin per atom], their product, the enhancement and the source), or a
:class:`~spinkit.errors.ParameterError` naming the tabulated elements.
"""

from __future__ import annotations

import math
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from scipy import constants as _sc

from spinkit import constants
from spinkit.errors import ParameterError, suggest

__all__ = ["StonerSource", "StonerEntry", "TABLE_FILE", "load_table", "stoner_elements",
           "stoner_parameters"]

#: File name of the table in this package (skipped by :func:`spinkit.materials.all_materials`).
TABLE_FILE = "stoner_elements.toml"

_RY = _sc.physical_constants["Rydberg constant times hc in J"][0]
#: Energy units a source may use, in J.
ENERGY_UNITS: dict[str, float] = {"Ry": _RY, "mRy": 1e-3 * _RY, "eV": constants.eV,
                                  "meV": 1e-3 * constants.eV}
_DOS_UNITS = {"states/Ry": "Ry", "states/eV": "eV"}
_SOURCE_FIELDS = {"citation", "table", "I_unit", "dos_unit", "dos_per", "criterion",
                  "product_rtol"}
_ROW_FIELDS = {"element", "structure", "I", "N", "enhancement", "source", "note"}
_YEAR = re.compile(r"(?<!\d)(1[89]|20)\d\d(?!\d)")  # a publication year, 1800-2099
_DOI = re.compile(r"\b10\.\d{4,9}/\S+")


@dataclass(frozen=True)
class StonerSource:
    """A published table and the conventions of its numbers (see the TOML header)."""

    key: str
    citation: str
    table: str
    I_unit: str
    dos_unit: str
    dos_per: str
    criterion: str
    product_rtol: float

    def product(self, i_listed: float, n_listed: float) -> float:
        """The source's own I N(E_F) from its listed numbers (its criterion: > 1)."""
        per_joule = n_listed / ENERGY_UNITS[_DOS_UNITS[self.dos_unit]]
        half = 0.5 if self.criterion == "I*N/2" else 1.0
        return i_listed * ENERGY_UNITS[self.I_unit] * per_joule * half

    def dos_per_spin(self, n_listed: float) -> float:
        """Listed N(E_F) as states per spin per atom per J."""
        per_spin = n_listed / (2.0 if self.dos_per == "atom" else 1.0)
        return per_spin / ENERGY_UNITS[_DOS_UNITS[self.dos_unit]]


@dataclass(frozen=True)
class StonerEntry:
    """One element's Stoner parameters in spinkit's convention, with the numbers as listed.

    Attributes
    ----------
    element, structure: chemical symbol and crystal structure of the calculation.
    stoner_I: I [J], splitting Delta = I m (spinkit.exchange.stoner).
    dos_fermi: N(E_F) per spin per atom [1/J].
    source: the table it comes from.
    listed_I, listed_N, listed_enhancement: the numbers as printed (source units; the
        enhancement is nan where the source lists none).
    note: table row, caveats.
    """

    element: str
    structure: str
    stoner_I: float
    dos_fermi: float
    source: StonerSource
    listed_I: float
    listed_N: float
    listed_enhancement: float
    note: str = ""

    @property
    def product(self) -> float:
        """I N(E_F) (dimensionless); > 1: the paramagnet is unstable (Stoner criterion)."""
        return self.stoner_I * self.dos_fermi

    @property
    def ferromagnetic(self) -> bool:
        """Whether the Stoner criterion I N(E_F) > 1 holds."""
        return self.product > 1.0

    @property
    def enhancement(self) -> float:
        """chi / chi_Pauli = 1 / (1 - I N(E_F)); inf where I N(E_F) >= 1 (no paramagnet)."""
        return 1.0 / (1.0 - self.product) if self.product < 1.0 else math.inf


def _choice(where: str, entry: dict[str, Any], key: str, allowed: tuple[str, ...]) -> str:
    value = entry.get(key)
    if value not in allowed:
        raise ValueError(f"{where}: {key} = {value!r}, must be one of {allowed}")
    return value


def _positive(where: str, entry: dict[str, Any], key: str) -> float:
    value = entry.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{where}: {key} must be a number, got {value!r}")
    if not (math.isfinite(value) and value > 0):
        raise ValueError(f"{where}: {key} = {value!r} must be finite and > 0")
    return float(value)


def _text(where: str, entry: dict[str, Any], key: str, required: bool = True) -> str:
    value = entry.get(key, "")
    if not isinstance(value, str) or (required and not value.strip()):
        raise ValueError(f"{where}: {key} must be a non-empty string")
    return value.strip()


def _source(key: str, entry: Any, filename: str) -> StonerSource:
    where = f"{filename}: sources.{key}"
    if not isinstance(entry, dict):
        raise ValueError(f"{where}: must be a table")
    missing, extra = sorted(_SOURCE_FIELDS - set(entry)), sorted(set(entry) - _SOURCE_FIELDS)
    if missing or extra:
        wrong = "; ".join(f"{what} fields {names}" for what, names in
                          (("missing", missing), ("unknown", extra)) if names)
        raise ValueError(f"{where}: {wrong} (needs exactly {sorted(_SOURCE_FIELDS)})")
    src = StonerSource(
        key, _text(where, entry, "citation"), _text(where, entry, "table"),
        _choice(where, entry, "I_unit", tuple(ENERGY_UNITS)),
        _choice(where, entry, "dos_unit", tuple(_DOS_UNITS)),
        _choice(where, entry, "dos_per", ("spin", "atom")),
        _choice(where, entry, "criterion", ("I*N", "I*N/2")),
        _positive(where, entry, "product_rtol"),
    )
    if src.criterion == "I*N/2" and src.dos_per == "spin":
        raise ValueError(f"{where}: criterion I*N/2 needs N for both spins (dos_per = atom)")
    if not (_YEAR.search(src.citation) or _DOI.search(src.citation)):
        raise ValueError(f"{where}: the citation needs a year (4 digits) or a DOI, got "
                         f"{src.citation!r}")
    return src


def _row(entry: Any, sources: dict[str, StonerSource], filename: str, k: int) -> StonerEntry:
    where = f"{filename}: element[{k}]"
    if not isinstance(entry, dict):
        raise ValueError(f"{where}: must be a table")
    if set(entry) - _ROW_FIELDS:
        raise ValueError(f"{where}: unknown fields {sorted(set(entry) - _ROW_FIELDS)}")
    symbol = _text(where, entry, "element")
    where = f"{filename}: element {symbol}"
    key = _text(where, entry, "source")
    if key not in sources:
        raise ValueError(f"{where}: source {key!r} is not declared under [sources]")
    src = sources[key]
    i_listed, n_listed = _positive(where, entry, "I"), _positive(where, entry, "N")
    product = src.product(i_listed, n_listed)
    enhancement = math.nan
    if "enhancement" in entry:
        enhancement = _positive(where, entry, "enhancement")
        implied = 1.0 - 1.0 / enhancement  # the I N(E_F) the listed S stands for
        if abs(implied - product) > src.product_rtol * product:
            raise ValueError(f"{where}: listed I N(E_F) = {product:.4g} but the listed "
                             f"enhancement {enhancement:g} implies {implied:.4g}")
    dos = src.dos_per_spin(n_listed)
    return StonerEntry(symbol, _text(where, entry, "structure"), product / dos, dos, src,
                       i_listed, n_listed, enhancement, _text(where, entry, "note", False))


def load_table(text: str, filename: str = TABLE_FILE) -> dict[str, StonerEntry]:
    """Parse and check a Stoner table (TOML text in the format of ``stoner_elements.toml``).

    Raises
    ------
    ValueError
        on a malformed layout (``sources`` not tables, ``element`` not ``[[element]]``), a
        missing or unknown field, a citation without a year or DOI, an undeclared source, a
        unit or convention not in the list, a non-positive value, a duplicate element, or a
        listed enhancement that does not match the listed I and N(E_F).
    """
    data = tomllib.loads(text)
    unknown = sorted(set(data) - {"sources", "element"})
    if unknown:
        raise ValueError(f"{filename}: unknown top-level keys {unknown}")
    declared = data.get("sources", {})
    if not isinstance(declared, dict):
        raise ValueError(f"{filename}: sources must be tables [sources.<key>], got "
                         f"{declared!r}")
    sources = {key: _source(key, entry, filename) for key, entry in declared.items()}
    rows = data.get("element", [])
    if not isinstance(rows, list):
        raise ValueError(f"{filename}: element must be an array of tables, one [[element]] "
                         "(double brackets) per element, not a single [element] table or value")
    out: dict[str, StonerEntry] = {}
    for k, entry in enumerate(rows):
        row = _row(entry, sources, filename, k)
        if row.element in out:
            raise ValueError(f"{filename}: element {row.element} appears twice")
        out[row.element] = row
    return out


@cache
def stoner_elements() -> dict[str, StonerEntry]:
    """Every element of the shipped table, by chemical symbol."""
    text = resources.files(__package__).joinpath(TABLE_FILE).read_text(encoding="utf-8")
    return load_table(text, TABLE_FILE)


def stoner_parameters(element: str, *, parameter: str = "element") -> StonerEntry:
    """Stoner I and N(E_F) of ``element`` (chemical symbol) in spinkit's convention.

    Raises
    ------
    ParameterError
        if the element has no verified row in the table; the message lists those that do.
    """
    table = stoner_elements()
    if element not in table:
        have = ", ".join(table) or "none yet (issue #5: no verified source rows)"
        raise ParameterError(parameter, element,
                             f"no Stoner parameters tabulated; tabulated: {have}",
                             suggest(str(element), table))
    return table[element]
