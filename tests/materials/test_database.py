"""The materials database: every value has its declared unit and a source."""

import math

import pytest

from spinkit import materials
from spinkit.errors import ParameterError

REQUIRED = ["Fe", "Co", "Ni", "Ni80Fe20", "CoFeB", "Cu", "Al", "Ag", "Pt", "Ta", "W", "MgO",
            "GaAs", "Si", "InGaAs", "Bi2Se3", "YIG"]


def test_the_review_materials_are_present():
    assert set(REQUIRED) <= set(materials.names())


@pytest.mark.parametrize("name", REQUIRED)
def test_every_value_has_unit_and_source(name):
    mat = materials.get(name)
    assert mat.description and mat.quantities
    for q in mat.quantities.values():
        assert q.unit == materials.QUANTITIES[q.name][0]
        assert len(q.source) > 10 and any(ch.isdigit() for ch in q.source)  # has a year
        assert math.isfinite(q.value)


def test_physical_ranges():
    for mat in materials.all_materials().values():
        for key in ("Ms", "A_ex", "resistivity", "spin_diffusion_length", "effective_mass",
                    "T_curie", "fermi_velocity"):
            if key in mat:
                assert mat.value(key) > 0, (mat.name, key)
        for key in ("polarization_tunneling", "polarization_pcar", "alpha"):
            if key in mat:
                assert 0 < mat.value(key) < 1, (mat.name, key)
        if "spin_hall_angle" in mat:
            assert abs(mat.value("spin_hall_angle")) < 1


def test_ferromagnets_order_ms_fe_co_ni():
    """Room-temperature Ms: Fe > Co > Ni (Coey 2010)."""
    ms = [materials.get(n).value("Ms") for n in ("Fe", "Co", "Ni")]
    assert ms == sorted(ms, reverse=True)


def test_unknown_material_and_quantity_are_clear_errors():
    with pytest.raises(ParameterError, match="did you mean 'CoFeB'"):
        materials.get("CoFeb")
    with pytest.raises(ParameterError, match="has no such value"):
        materials.get("Cu")["Ms"]


def test_bad_files_are_refused():
    with pytest.raises(ValueError, match="declared"):
        materials._load('name = "X"\nMs = { value = 1, unit = "T", source = "a 2000" }\n', "x")
    with pytest.raises(ValueError, match="undeclared"):
        materials._load('name = "X"\nfoo = { value = 1, unit = "", source = "a 2000" }\n', "x")
    with pytest.raises(ValueError, match="value, unit and source"):
        materials._load('name = "X"\nMs = { value = 1, unit = "A/m" }\n', "x")
