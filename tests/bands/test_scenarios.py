"""The ``bands`` and ``backscattering`` scenario kinds: tour runs, key numbers, bad input."""

import numpy as np
import pytest
import xarray as xr
from scipy.constants import eV, hbar, m_e

from spinkit.errors import ParameterError
from spinkit.io.provenance import write_dataset
from spinkit.scenario.registry import get_kind
from spinkit.scenario.runner import compute, scenario_from_mapping


def run(**params) -> xr.Dataset:
    return compute(scenario_from_mapping(params))


def check_attrs(ds: xr.Dataset) -> None:
    for name, var in ds.data_vars.items():
        assert "units" in var.attrs and "long_name" in var.attrs, name


@pytest.mark.parametrize("kind", ["bands", "backscattering"])
def test_tour_runs_and_saves(kind, tmp_path):
    k = get_kind(kind)
    ds = run(kind=kind, **k.tour)
    check_attrs(ds)
    write_dataset(ds, tmp_path / "x.nc")
    figs = k.plot(xr.open_dataset(tmp_path / "x.nc", engine="h5netcdf").load())
    assert figs


@pytest.mark.parametrize("params", [
    {"kind": "bands", "model": "qwz", "nk": 12, "points": 41},
    {"kind": "bands", "model": "dirac", "warping": 4.0e-47, "fermi_velocity": 3.87e5,
     "fermi_energy": 0.25 * eV, "points": 41},
    {"kind": "backscattering", "model": "rashba", "n_angles": 32},
])
def test_figures_of_every_model_have_labelled_axes(params):
    """Every panel names its quantity and unit; a second contour gets its own curve."""
    ds = run(**params)
    figs = get_kind(params["kind"]).plot(ds)
    for fig in figs.values():
        for ax in fig.axes:
            if ax.get_label() == "<colorbar>":
                assert "(" in ax.get_ylabel()
                continue
            if ax.name != "polar":
                assert "(" in ax.get_xlabel() and "(" in ax.get_ylabel()
    if params["kind"] == "backscattering":
        assert len(figs["scattering"].axes[0].get_lines()) == 2  # intra- and interband


def test_rashba_key_numbers():
    """InGaAs (m* = 0.041 m_e, alpha = 0.93e-11 eV m): k0 = m alpha/hbar^2, E_R =
    m alpha^2/2hbar^2; spins at +/-90 degrees to k; Berry phase pi on each band."""
    ds = run(kind="bands", model="rashba_dresselhaus", material="InGaAs", points=2001)
    m, a = 0.041 * m_e, 0.93e-11 * eV
    assert float(ds["rashba_k0"]) == pytest.approx(m * a / hbar**2, rel=1e-12)
    assert float(ds["rashba_energy"]) == pytest.approx(m * a**2 / (2 * hbar**2), rel=1e-12)
    # the cut has spacing 2 k_max / 2000 = 0.0048 k0 (k_max = 2 (1 + sqrt2) k0 at E_F = E_R)
    assert float(ds["band_minimum_k"]) == pytest.approx(m * a / hbar**2, rel=0.003)
    assert abs(float(ds["spin_momentum_angle"])) == pytest.approx(90, abs=1e-9)
    assert abs(float(ds["berry_phase_lower"])) == pytest.approx(np.pi, abs=1e-9)
    assert abs(float(ds["berry_phase_upper"])) == pytest.approx(np.pi, abs=1e-9)
    assert float(ds["splitting_anisotropy"]) == pytest.approx(1.0, abs=1e-12)


def test_persistent_spin_helix_scenario():
    ds = run(kind="bands", model="rashba_dresselhaus", material="GaAs", rashba=3e-32,
             dresselhaus=3e-32)
    assert float(ds["splitting_anisotropy"]) == pytest.approx(0.0, abs=1e-12)
    assert np.isnan(float(ds["berry_phase_lower"]))  # the loop meets the degeneracy line
    assert float(ds["min_band_separation"]) == pytest.approx(0.0, abs=1e-30)
    # alpha = beta: h = alpha (k_x + k_y)(1, -1, 0), so every contour spin is along
    # +/-(1, -1, 0)/sqrt2, and undefined (NaN) only where k_x + k_y = 0 (the bands touch)
    spin = np.stack([ds[f"contour_spin_{c}"].values for c in "xyz"], axis=-1)
    defined = np.isfinite(spin[..., 0])
    np.testing.assert_allclose(np.abs(spin[defined] @ np.array([1.0, -1.0, 0.0])),
                               np.sqrt(2), atol=1e-12)
    phi = ds["angle"].values
    touching = np.nonzero(~defined)[1]
    assert touching.size > 0
    np.testing.assert_allclose(np.cos(phi[touching]) + np.sin(phi[touching]), 0, atol=1e-12)


def test_dirac_and_qwz_key_numbers():
    ds = run(kind="bands", model="dirac")
    assert abs(float(ds["spin_momentum_angle"])) == pytest.approx(90, abs=1e-9)
    assert abs(float(ds["berry_phase_upper"])) == pytest.approx(np.pi, abs=1e-9)
    assert float(ds["fermi_wavevector"]) == pytest.approx(0.1 * eV / (hbar * 5e5), rel=1e-10)
    warped = run(kind="bands", model="dirac", fermi_velocity=3.87e5, warping=4.0e-47,
                 fermi_energy=0.25 * eV)  # Bi2Te3 (Fu, PRL 103, 266801 (2009))
    assert abs(float(warped["berry_phase_upper"])) == pytest.approx(np.pi, abs=1e-9)
    assert np.max(np.abs(warped["contour_spin_z"].values)) > 0.1
    for u, c in ((-1.0, 1), (1.0, -1), (2.5, 0)):
        assert int(run(kind="bands", model="qwz", u=u, nk=16)["chern_number"]) == c


def test_backscattering_key_numbers():
    ti = run(kind="backscattering", model="dirac", n_angles=64)
    assert float(ti["backscattering_intraband"]) < 1e-28
    assert np.isnan(float(ti["backscattering_interband"]))
    assert float(ti["tau_ratio"]) == pytest.approx(2.0, rel=1e-8)
    rashba = run(kind="backscattering", model="rashba", n_angles=64)
    assert float(rashba["backscattering_intraband"]) < 1e-28
    assert float(rashba["backscattering_interband"]) == pytest.approx(1.0, abs=1e-12)


@pytest.mark.parametrize(("params", "name"), [
    ({"kind": "backscattering", "n_angles": 63}, "n_angles"),
    ({"kind": "backscattering", "model": "rashba", "material": "Bi2Se3"}, "effective_mass"),
    ({"kind": "bands", "model": "dirac", "material": "YIG"}, "fermi_velocity"),
    ({"kind": "bands", "model": "qwz", "lattice_constant": -1.0}, "lattice_constant"),
    ({"kind": "bands", "well_width": 1e-8}, "well_width"),
])
def test_bad_input_names_the_parameter(params, name):
    with pytest.raises(ParameterError, match=f"^{name} ="):
        run(**params)
