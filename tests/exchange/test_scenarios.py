"""The exchange chapter's scenario kinds: small runs, key numbers, figures and bad input.

The sc ferromagnet's T_c = 1.4430 J/k_B is from K. Chen, A. M. Ferrenberg and D. P. Landau,
Phys. Rev. B 48, 3249 (1993); the Hubbard closed form is derived in test_quantum.py.
"""

import matplotlib
import matplotlib.pyplot
import numpy as np
import pytest

from spinkit import constants
from spinkit.errors import ParameterError
from spinkit.scenario import get_kind
from spinkit.scenario.runner import compute, scenario_from_mapping

matplotlib.use("Agg")


def _run(kind, **params):
    ds = compute(scenario_from_mapping({"kind": kind, **params}))
    figs = get_kind(kind).plot(ds)
    assert figs
    for name, var in ds.data_vars.items():
        assert "units" in var.attrs and "long_name" in var.attrs, name
    return ds


def test_heisenberg_kind_finds_the_sc_tc():
    j = 1e-21
    ds = _run("heisenberg", sizes="6,10", t_min=96.0, t_max=112.0, temperatures=6,
              sweeps=1500, thermalization=200, J1=j)
    tc = 1.4430 * j / constants.k_B
    assert abs(float(ds["tc_binder"]) - tc) < max(4 * float(ds["tc_binder_err"]), 0.02 * tc)
    assert float(ds["tc_mean_field"]) == pytest.approx(2 * j / constants.k_B)
    assert ds["magnetization"].dims == ("size", "temperature")


def test_heisenberg_kind_antiferromagnet_uses_the_staggered_order():
    ds = _run("heisenberg", lattice="square", J1=-1e-21, sizes="4,6", temperatures=4,
              sweeps=200, thermalization=50, algorithm="metropolis")
    assert ds.attrs["order_parameter"] == "staggered"
    assert np.isfinite(ds["staggered"].values).all()
    # lowest T (0.55 T_MF): Neel order dominates, the uniform |m| only ~ its finite-size noise
    stag, unif = ds["staggered"].values[:, 0], ds["magnetization"].values[:, 0]
    assert (stag > 0.6).all() and (stag > 4 * unif).all()


def test_heisenberg_kind_with_parallel_tempering():
    ds = _run("heisenberg", lattice="triangular", J1=-1e-21, sizes="6,9", temperatures=4,
              sweeps=200, thermalization=50, tempering=True)
    assert ds.attrs["order_parameter"] == "uniform"  # frustrated: no two-colouring
    assert 0 < float(ds["lowest_swap_acceptance"]) <= 1


def test_heisenberg_kind_ising_square_lattice_default_range():
    """Ising mean field is z J / k_B; the default scan (0.55 - 1.05 T_MF) brackets Onsager's
    T_c = 2.269 J/k_B (L. Onsager, Phys. Rev. 65, 117 (1944))."""
    j = constants.k_B
    ds = _run("heisenberg", lattice="square", spin_model="ising", J1=j, sizes="8,16",
              temperatures=10, sweeps=3000, thermalization=200)
    assert float(ds["tc_mean_field"]) == pytest.approx(4.0)
    assert float(ds["tc_binder"]) == pytest.approx(2 / np.log(1 + np.sqrt(2)), rel=0.03)


def test_stoner_kind():
    ds = _run("stoner", dos="semi_elliptic", bandwidth=4 * constants.eV, degeneracy=1,
              n_electrons=1.0, stoner_I=4 * constants.eV, i_points=5, temperatures=3)
    # semi-elliptic, half filled: N(E_F) = 2/(pi R) per spin, R = W/2 = 2 eV
    assert float(ds["dos_at_fermi_energy"]) == pytest.approx(1 / np.pi, rel=1e-3)
    assert float(ds["stoner_product"]) == pytest.approx(4 / np.pi, rel=1e-3)
    # I = 2R: the half-filled band saturates exactly (x = 1 in test_stoner's closed form)
    assert float(ds["moment"]) == pytest.approx(1.0, abs=1e-4)
    assert float(ds["stoner_tc"]) > 0


def test_stoner_kind_reads_a_dos_file(tmp_path):
    e = np.linspace(-1, 1, 201)
    path = tmp_path / "flat.csv"
    np.savetxt(path, np.column_stack([e, np.full_like(e, 0.5)]), delimiter=",",
               header="E [eV], N [1/eV per spin per atom]")
    ds = _run("stoner", dos="file", dos_file=str(path), degeneracy=1, n_electrons=1.0,
              stoner_I=2.1 * constants.eV, i_points=3, temperatures=0)
    assert float(ds["stoner_product"]) == pytest.approx(1.05, rel=1e-6)
    assert float(ds["moment"]) == pytest.approx(1.0, rel=1e-6)  # flat band: saturates


def test_stoner_kind_marks_a_tabulated_element(monkeypatch):
    """With ``element``, the tabulated I N(E_F) is reported and marked on the moment-vs-I
    curve at the I where the model band has the same product (synthetic one-row table,
    I = 0.45 eV, N(E_F) = 2 /eV per spin: I N(E_F) = 0.9)."""
    from spinkit.materials import stoner_table

    text = """
[sources.synthetic]
citation = "synthetic test table, not a publication (2026)"
table = "none"
I_unit = "eV"
dos_unit = "states/eV"
dos_per = "spin"
criterion = "I*N"
product_rtol = 0.01

[[element]]
element = "Xa"
structure = "fcc"
I = 0.45
N = 2.0
source = "synthetic"
"""
    table = stoner_table.load_table(text, "synthetic.toml")
    monkeypatch.setattr(stoner_table, "stoner_elements", lambda: table)
    ds = _run("stoner", dos="semi_elliptic", bandwidth=4 * constants.eV, degeneracy=1,
              n_electrons=1.0, stoner_I=1 * constants.eV, i_points=3, temperatures=0,
              element="Xa")
    assert float(ds["element_product"]) == pytest.approx(0.9, rel=1e-12)
    assert float(ds["element_I_eV"]) == pytest.approx(0.45, rel=1e-12)
    assert float(ds["element_dos_at_fermi_energy"]) == pytest.approx(2.0, rel=1e-12)
    assert "synthetic" in ds["element_product"].attrs["source"]
    # the marker on the moment-vs-I panel: the model I with the element's product, 0.9 I_c;
    # I_c = 1/N(E_F) = pi R / 2 = pi eV for the half-filled semi-elliptic band, R = 2 eV
    ax = get_kind("stoner").plot(ds)["stoner"].axes[1]
    marks = [line.get_xdata() for line in ax.lines if line.get_label().startswith("Xa:")]
    assert len(marks) == 1 and marks[0][0] == marks[0][1]
    assert marks[0][0] == pytest.approx(
        float(ds["element_product"]) * float(ds["critical_I_eV"]), rel=1e-12)
    assert marks[0][0] == pytest.approx(0.9 * np.pi, rel=1e-3)
    matplotlib.pyplot.close("all")


def test_hubbard_kind():
    ds = _run("hubbard_dimer", points=10, u_max=1000.0)
    assert float(ds["max_relative_deviation"]) < 1e-9
    assert float(ds["superexchange_ratio_at_u_max"]) == pytest.approx(1, abs=1e-5)
    assert float(ds["exchange_at_u_max"]) < 0


def test_kinds_sweep_over_their_own_parameters():
    """Dataset dimensions must not reuse a parameter's name, or a sweep cannot stack them."""
    from spinkit.scenario import all_kinds

    small = {"heisenberg": {"sizes": "4,6", "temperatures": 3, "sweeps": 64,
                            "thermalization": 10},
             "stoner": {"i_points": 3, "temperatures": 2},
             "hubbard_dimer": {"points": 3}, "exchange_dipolar": {}}
    for name, params in small.items():
        kind = all_kinds()[name]
        ds = compute(scenario_from_mapping({"kind": name, **params}))
        assert not set(ds.dims) & set(kind.by_name), name


def test_exchange_dipolar_kind_iron():
    """Fe: bcc, a = 2.8665 A, 2.22 mu_B, T_C = 1044 K (the materials database, Coey 2010)."""
    ds = _run("exchange_dipolar")
    d = np.sqrt(3) / 2 * 2.8665e-10
    mu = 2.22 * constants.mu_B
    assert float(ds["neighbour_distance"]) == pytest.approx(d, rel=1e-12, abs=0)
    assert float(ds["dipolar"]) == pytest.approx(2e-7 * mu**2 / d**3, rel=1e-6, abs=0)
    assert float(ds["exchange_kelvin"]) == pytest.approx(3 * 1044 / 8)
    assert float(ds["ratio"]) > 100
    scale = 1e-7 * mu**2 / d**3
    assert abs(float(ds["lorentz_sum_001"])) < 1e-9 * scale  # cubic: the sum vanishes


@pytest.mark.parametrize(("params", "key"), [
    ({"kind": "heisenberg", "sizes": "a,b"}, "sizes"),
    ({"kind": "heisenberg", "t_min": 50.0, "t_max": 40.0}, "t_max"),
    ({"kind": "heisenberg", "sizes": "2,4", "J2": 1e-22}, "sizes"),
    ({"kind": "heisenberg", "J1": 0.0}, "J1"),
    ({"kind": "heisenberg", "field": [0, 0, 1.0], "algorithm": "wolff"}, "algorithm"),
    ({"kind": "stoner", "dos": "file"}, "dos_file"),
    ({"kind": "stoner", "n_electrons": 25.0}, "n_electrons"),
    ({"kind": "stoner", "element": "Unobtainium"}, "element"),
    ({"kind": "hubbard_dimer", "u_min": 5.0, "u_max": 1.0}, "u_max"),
    ({"kind": "hubbard_dimer", "u_min": 0.0}, "u_min"),  # log scan: refused, not clipped
    ({"kind": "exchange_dipolar", "material": "Cu"}, "moment"),
])
def test_bad_input_names_the_key(params, key):
    with pytest.raises(ParameterError) as info:
        compute(scenario_from_mapping(params))
    assert info.value.name == key
