"""The materials database: measured parameters, each with its unit and its source.

Data lives in one TOML file per material beside this module, one quantity per line::

    Ms = { value = 1.71e6, unit = "A/m", source = "Coey (2010)", note = "room temperature" }

Every quantity name is declared once in :data:`QUANTITIES` with its unit and meaning; a file
that uses an undeclared name or another unit is refused when loaded.

>>> import spinkit as sk
>>> sk.materials.get("CoFeB")["Ms"].value   # A/m

The Stoner parameters of the elements (I and N(E_F) from published tables, each with its
units and spin convention) are a separate table, ``stoner_elements.toml``, read by
:func:`stoner_parameters` (module :mod:`spinkit.materials.stoner_table`).
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from spinkit.errors import ParameterError, suggest
from spinkit.materials.stoner_table import (
    TABLE_FILE,
    StonerEntry,
    stoner_elements,
    stoner_parameters,
)

__all__ = ["Quantity", "Material", "QUANTITIES", "get", "names", "all_materials",
           "StonerEntry", "stoner_elements", "stoner_parameters"]

#: Every quantity the database may hold: name -> (SI unit, description).
QUANTITIES: dict[str, tuple[str, str]] = {
    "Ms": ("A/m", "saturation magnetization"),
    "A_ex": ("J/m", "exchange stiffness"),
    "K1_cubic": ("J/m^3", "first cubic magnetocrystalline anisotropy constant"),
    "K1_uniaxial": ("J/m^3", "first uniaxial magnetocrystalline anisotropy constant"),
    "alpha": ("", "Gilbert damping"),
    "T_curie": ("K", "Curie temperature"),
    "moment_per_atom": ("mu_B", "magnetic moment per atom"),
    "resistivity": ("Ohm m", "electrical resistivity"),
    "spin_diffusion_length": ("m", "spin-diffusion length"),
    "bulk_spin_asymmetry": ("", "bulk scattering spin asymmetry beta (Valet-Fert)"),
    "polarization_tunneling": ("", "tunneling spin polarization (superconducting tunneling)"),
    "polarization_pcar": ("", "transport spin polarization (point-contact Andreev)"),
    "spin_hall_angle": ("", "spin Hall angle"),
    "effective_mass": ("m_e", "conduction-band effective mass"),
    "hole_mass": ("m_e", "heavy-hole effective mass (spherical approximation)"),
    "exciton_exchange_splitting": ("eV", "short-range (analytical) electron-hole exchange "
                                   "splitting of the exciton ground state"),
    "spin_lifetime": ("s", "conduction-electron spin lifetime T1 at spin_lifetime_temperature"),
    "electron_mobility_max": ("m^2/(V s)", "electron mobility mu_max at 300 K, no impurities "
                              "(Caughey-Thomas low-field mobility model)"),
    "electron_mobility_min": ("m^2/(V s)", "electron mobility mu_min at high doping "
                              "(Caughey-Thomas)"),
    "electron_mobility_reference_doping": ("1/m^3", "doping N_ref at 300 K where the electron "
                                           "mobility is halfway (Caughey-Thomas)"),
    "electron_mobility_doping_exponent": ("", "Caughey-Thomas exponent lambda of N / N_ref"),
    "electron_mobility_lattice_exponent": ("", "theta_1 of mu_max (300 K / T)^theta_1"),
    "electron_mobility_reference_exponent": ("", "theta_2 of N_ref (T / 300 K)^theta_2"),
    "electron_mobility_min_temperature": ("K", "lowest temperature of the electron mobility "
                                          "model's range"),
    "electron_mobility_max_temperature": ("K", "highest temperature of the electron mobility "
                                          "model's range"),
    "spin_lifetime_temperature": ("K", "temperature at which spin_lifetime was measured"),
    "band_gap": ("eV", "band gap"),
    "g_factor": ("", "effective electron g-factor"),
    "dresselhaus_gamma": ("eV m^3", "bulk cubic Dresselhaus constant"),
    "spin_orbit_splitting": ("eV", "spin-orbit splitting Delta_so of the valence band at Gamma"),
    "rashba_alpha": ("eV m", "Rashba parameter of a 2DEG"),
    "fermi_velocity": ("m/s", "Fermi velocity"),
    "fermi_energy": ("eV", "Fermi energy (free-electron)"),
    "lattice_constant": ("m", "cubic lattice constant"),
    "dielectric_constant": ("", "static relative permittivity"),
    "tmr_ratio": ("", "record tunneling magnetoresistance (R_AP - R_P)/R_P"),
}

_FIELDS = {"value", "unit", "source", "note"}


@dataclass(frozen=True)
class Quantity:
    """One measured value: ``value`` in ``unit``, with its ``source`` and an optional note."""

    name: str
    value: float
    unit: str
    source: str
    note: str = ""

    @property
    def description(self) -> str:
        """What the quantity is, from :data:`QUANTITIES`."""
        return QUANTITIES[self.name][1]

    def __float__(self) -> float:
        return float(self.value)


@dataclass(frozen=True)
class Material:
    """A material: its name, a one-line description and its quantities by name."""

    name: str
    description: str
    quantities: dict[str, Quantity] = field(default_factory=dict)

    def __getitem__(self, key: str) -> Quantity:
        try:
            return self.quantities[key]
        except KeyError:
            have = ", ".join(self.quantities) or "nothing"
            raise ParameterError(
                key, self.name, f"material {self.name} has no such value (it has {have})",
                suggest(key, self.quantities),
            ) from None

    def __contains__(self, key: str) -> bool:
        return key in self.quantities

    def value(self, key: str) -> float:
        """The value of quantity ``key`` in its SI unit (see :data:`QUANTITIES`)."""
        return self[key].value


def _load(text: str, filename: str) -> Material:
    data: dict[str, Any] = tomllib.loads(text)
    name = data.pop("name", None)
    description = data.pop("description", "")
    if not isinstance(name, str):
        raise ValueError(f"{filename}: missing name")
    quantities = {}
    for key, entry in data.items():
        where = f"{filename}: {key}"
        if key not in QUANTITIES:
            raise ValueError(f"{where}: undeclared quantity (add it to QUANTITIES)")
        if not isinstance(entry, dict) or not {"value", "unit", "source"} <= set(entry):
            raise ValueError(f"{where}: needs value, unit and source")
        if set(entry) - _FIELDS:
            raise ValueError(f"{where}: unknown fields {set(entry) - _FIELDS}")
        unit = QUANTITIES[key][0]
        if entry["unit"] != unit:
            raise ValueError(f"{where}: unit {entry['unit']!r}, declared {unit!r}")
        value = float(entry["value"])
        if not math.isfinite(value) or not entry["source"].strip():
            raise ValueError(f"{where}: value must be finite and the source non-empty")
        quantities[key] = Quantity(key, value, unit, entry["source"], entry.get("note", ""))
    return Material(name, description, quantities)


@cache
def all_materials() -> dict[str, Material]:
    """Every material in the database, by name (the Stoner table of elements is not one)."""
    out = {}
    for item in sorted(resources.files(__name__).iterdir(), key=lambda p: p.name):
        if item.name.endswith(".toml") and item.name != TABLE_FILE:
            material = _load(item.read_text(encoding="utf-8"), item.name)
            out[material.name] = material
    return out


def names() -> list[str]:
    """Names of every material in the database."""
    return list(all_materials())


def get(name: str, *, parameter: str = "material") -> Material:
    """The material called ``name`` (exact spelling, e.g. ``"Ni80Fe20"``).

    Raises
    ------
    ParameterError
        if there is no such material; the message lists them and suggests the nearest.
    """
    materials = all_materials()
    if name not in materials:
        raise ParameterError(
            parameter, name, "unknown material; known: " + ", ".join(materials),
            suggest(str(name), materials),
        )
    return materials[name]
