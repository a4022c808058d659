"""The Stoner table of elements: unit and spin conventions, the enhancement cross-check, and
the criterion on the tabulated rows.

Issue #5 asks: with Janak's values (J. F. Janak, Phys. Rev. B 16, 255 (1977), Table I) Fe, Co
and Ni satisfy I N(E_F) > 1 and Pd does not (Pt is not in Janak's table, which ends at In).
Those checks run on every element present in the shipped table and are skipped, with the
reason, for one that has no verified row yet.

The parsing tests use small synthetic tables written here (labelled ``synthetic``): they
check arithmetic, not published numbers. Independent references: the Rydberg energy in eV
from CODATA through scipy's "Rydberg constant times hc in eV" (the loader converts through
the value in J), and the identity chi/chi_Pauli = 1/(1 - I N(E_F)).
"""

import math

import pytest
from scipy import constants as sc

from spinkit import constants, materials
from spinkit.errors import ParameterError
from spinkit.materials import stoner_table
from spinkit.materials.stoner_table import load_table

RY_EV = sc.physical_constants["Rydberg constant times hc in eV"][0]

SOURCE = """
[sources.synthetic]
citation = "synthetic test table, not a publication (2026)"
table = "none"
I_unit = "{i_unit}"
dos_unit = "{dos_unit}"
dos_per = "{dos_per}"
criterion = "{criterion}"
product_rtol = 0.01
"""


def _table(rows: str, i_unit="mRy", dos_unit="states/Ry", dos_per="spin", criterion="I*N"):
    return load_table(SOURCE.format(i_unit=i_unit, dos_unit=dos_unit, dos_per=dos_per,
                                    criterion=criterion) + rows, "synthetic.toml")


def _row(element="Xa", i=70.0, n=20.0, extra=""):
    return (f'\n[[element]]\nelement = "{element}"\nstructure = "fcc"\nI = {i}\nN = {n}\n'
            f'source = "synthetic"\n{extra}\n')


def test_per_spin_rydberg_row_converts_to_si():
    """I = 70 mRy, N = 20 states/Ry/spin: I N = 1.4 exactly; in eV, I = 0.07 Ry_eV and
    N = 20 / Ry_eV per eV."""
    fe = _table(_row())["Xa"]
    assert fe.stoner_I / constants.eV == pytest.approx(0.070 * RY_EV, rel=1e-12)
    assert fe.dos_fermi * constants.eV == pytest.approx(20.0 / RY_EV, rel=1e-12)
    assert fe.product == pytest.approx(1.4, rel=1e-12)
    assert fe.ferromagnetic and fe.enhancement == math.inf
    assert (fe.listed_I, fe.listed_N) == (70.0, 20.0) and math.isnan(fe.listed_enhancement)


@pytest.mark.parametrize("criterion, product", [("I*N", 0.8), ("I*N/2", 0.4)])
def test_both_spin_dos_is_halved_and_the_source_product_kept(criterion, product):
    """N for both spins = 4 states/eV/atom, I = 0.2 eV: N per spin is 2 /eV; the product is
    the one the source's own criterion forms (I N or I N / 2), and spinkit's I reproduces it
    with the per-spin N."""
    pd = _table(_row(i=0.2, n=4.0), i_unit="eV", dos_unit="states/eV", dos_per="atom",
                criterion=criterion)["Xa"]
    assert pd.dos_fermi * constants.eV == pytest.approx(2.0, rel=1e-12)
    assert pd.product == pytest.approx(product, rel=1e-12)
    assert pd.stoner_I / constants.eV == pytest.approx(product / 2.0, rel=1e-12)
    assert not pd.ferromagnetic
    assert pd.enhancement == pytest.approx(1 / (1 - product), rel=1e-12)


def test_listed_enhancement_is_checked_against_listed_i_and_n():
    """I N = 0.9: S = 1/(1 - 0.9) = 10. A listed S = 10 passes; S = 5 (I N = 0.8) is refused."""
    ok = _table(_row(i=45.0, n=20.0, extra="enhancement = 10.0"))["Xa"]
    assert ok.listed_enhancement == 10.0
    assert ok.enhancement == pytest.approx(10.0, rel=1e-12)
    with pytest.raises(ValueError, match="enhancement"):
        _table(_row(i=45.0, n=20.0, extra="enhancement = 5.0"))


@pytest.mark.parametrize("rows, kwargs, match", [
    (_row(extra='note = "x"').replace('source = "synthetic"', 'source = "other"'), {},
     "not declared"),
    (_row() + _row(), {}, "twice"),
    (_row(i=-1.0), {}, "> 0"),
    (_row(extra="colour = 1"), {}, "unknown fields"),
    (_row(), {"i_unit": "kcal"}, "I_unit"),
    (_row(), {"dos_per": "spin", "criterion": "I*N/2"}, "both spins"),
])
def test_malformed_tables_are_refused(rows, kwargs, match):
    with pytest.raises(ValueError, match=match):
        _table(rows, **kwargs)


def test_shipped_table_loads_and_is_not_a_material():
    """The shipped table parses, every row has a full citation and declared units, and the
    materials database does not mistake it for a material."""
    table = materials.stoner_elements()
    for entry in table.values():
        src = entry.source
        assert any(ch.isdigit() for ch in src.citation) and src.table
        assert src.I_unit in stoner_table.ENERGY_UNITS
        assert entry.stoner_I > 0 and entry.dos_fermi > 0
    assert not set(materials.names()) & {"stoner_elements", stoner_table.TABLE_FILE}


def test_missing_element_is_a_parameter_error():
    with pytest.raises(ParameterError, match="no Stoner parameters"):
        materials.stoner_parameters("Unobtainium")


def _tabulated(element: str):
    table = materials.stoner_elements()
    if element not in table:
        pytest.skip(f"{element}: no verified row in the Stoner table yet (issue #5)")
    return table[element]


@pytest.mark.parametrize("element", ["Fe", "Co", "Ni"])
def test_ferromagnets_satisfy_the_criterion(element):
    assert _tabulated(element).ferromagnetic


@pytest.mark.parametrize("element", ["Pd", "Pt"])
def test_exchange_enhanced_paramagnets_do_not(element):
    """Pd (Janak 1977) and Pt (another source): I N(E_F) < 1, and where the source lists
    the enhancement S, 1/(1 - I N(E_F)) reproduces it within the source's rounding of
    I N(E_F) carried through dS/S = (I N/(1 - I N)) d(I N)/(I N)."""
    entry = _tabulated(element)
    assert not entry.ferromagnetic
    if not math.isnan(entry.listed_enhancement):
        x = entry.product
        rel = entry.source.product_rtol * x / (1 - x)
        assert entry.enhancement == pytest.approx(entry.listed_enhancement, rel=rel)
