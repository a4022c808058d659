"""The ``micromagnetic`` scenario kind."""

import numpy as np
import pytest

from spinkit.errors import ParameterError
from spinkit.micromagnetics.scenarios import compute, plot
from spinkit.progress import Progress
from spinkit.scenario.registry import get_kind


def run(**raw):
    params = get_kind("micromagnetic").validate(raw)
    return compute(params, np.random.default_rng(0), Progress(enabled=False))


def small(**extra):
    base = {"size": (40e-9, 20e-9, 2e-9), "cell": (4e-9, 4e-9, 2e-9), "duration": 20e-12,
            "output_every": 5e-12, "field": (0.0, 0.0, 0.05)}
    return run(**(base | extra))


def test_dataset_units_and_plot():
    """Every variable has units and a long name; the figures build from the dataset."""
    ds = small()
    for name, var in ds.data_vars.items():
        assert "units" in var.attrs and "long_name" in var.attrs, name
    assert ds["m"].shape == (5, 3)
    assert ds["m_final"].shape == (10, 5, 1, 3)
    figs = plot(ds)
    assert set(figs) == {"average", "final_state"}


def test_torques_and_heat_run(tmp_path):
    """Zhang-Li, spin-orbit torque, anisotropy, an ellipse and a thermal field all run; the
    table and checkpoint files appear where asked."""
    ds = small(current_density=(1e12, 0, 0), beta=0.04, sot_current_density=1e11, method="rkf45",
               anisotropy=1e4, shape="ellipse", pbc="x", table=str(tmp_path / "t.txt"),
               checkpoint=str(tmp_path / "c.npz"))
    assert np.isfinite(ds["m"].values).all()
    assert (tmp_path / "t.txt").exists() and (tmp_path / "c.npz").exists()
    hot = small(temperature=300.0, dt=1e-13)
    assert np.isfinite(hot["m"].values).all()


def test_dmi_edge_tilt_through_the_kind():
    """dmi / dmi_kind reach the mesh: a perpendicular strip (K = 5e5 J/m^3, no demag) with
    interfacial D tilts its left edge by sin(theta0) = +D / (2 sqrt(A K)) (Rohart and
    Thiaville, Phys. Rev. B 88, 184422 (2013)), relaxing inward as a wall tail,
    tan(theta/2) = tan(theta0/2) exp(-x/Delta), Delta = sqrt(A/K), and its right edge
    opposite; without DMI the strip stays uniform."""
    a, k, d = 1e-11, 5e5, 1e-3
    base = {"size": (40e-9, 1e-9, 1e-9), "cell": (0.5e-9, 1e-9, 1e-9), "pbc": "y",
            "Ms": 8e5, "A_ex": a, "alpha": 0.5, "anisotropy": k, "demag": False,
            "initial": (0.0, 0.0, 1.0), "field": (0.0, 0.0, 0.0), "duration": 1e-12,
            "output_every": 1e-12, "relax_tol": 1e-8}
    tilted = run(**(base | {"dmi": d}))["m_final"].values[:, 0, 0, 0]
    theta0 = np.arcsin(d / (2 * np.sqrt(a * k)))
    # the edge profile tan(theta/2) = tan(theta0/2) exp(-x/Delta) at the first cell centre
    theta = 2 * np.arctan(np.tan(theta0 / 2) * np.exp(-0.25e-9 / np.sqrt(a / k)))
    assert tilted[0] == pytest.approx(np.sin(theta), rel=2e-3)  # measured 2.5e-4
    assert tilted[-1] == pytest.approx(-tilted[0], rel=1e-6)
    assert np.abs(run(**base)["m_final"].values[..., 0]).max() < 1e-12
    with pytest.raises(ParameterError, match="^dmi"):
        run(**(base | {"dmi": d, "A_ex": 0.0}))


def test_bad_input():
    with pytest.raises(ParameterError, match="cell"):
        small(cell=(3e-9, 4e-9, 2e-9))
    with pytest.raises(ParameterError, match="output_every"):
        small(output_every=3e-12)
    with pytest.raises(ParameterError, match="alpha"):
        small(alpha=-1.0)


def test_hysteresis_kind_stoner_wohlfarth():
    """A single uniaxial cube (isotropic demag) swept along its easy axis with a 1 mrad
    tilt: a square loop whose coercive field is the Stoner-Wohlfarth switching field
    h_sw B_K, B_K = 2K/Ms, h_sw = (cos^(2/3) + sin^(2/3))^(-3/2) = 0.985 (E. C. Stoner and
    E. P. Wohlfarth, Phil. Trans. R. Soc. A 240, 599 (1948)): the switch happens at the
    first field of the 10 mT grid beyond h_sw B_K."""
    k, ms = 1e5, 8e5
    raw = {"size": (2e-9, 2e-9, 2e-9), "cell": (2e-9, 2e-9, 2e-9), "Ms": ms,
           "anisotropy": k, "anisotropy_axis": (1.0, 0.0, 0.0), "initial": (1.0, 0.0, 0.0),
           "field_max": (0.5, 0.5e-3, 0.0), "steps": 101, "relax_tol": 1e-9}
    kind = get_kind("micromagnetic_hysteresis")
    ds = kind.compute(kind.validate(raw), np.random.default_rng(0), Progress(enabled=False))
    tilt = np.arctan(1e-3)
    h_sw = (np.cos(tilt) ** (2 / 3) + np.sin(tilt) ** (2 / 3)) ** -1.5
    b_sw = h_sw * 2 * k / ms
    b, m = ds["B_along"].values[:101], ds["m_along"].values[:101]  # descending branch
    first = int(np.argmax(m < 0))  # the first field after the switch
    assert b[first] <= -b_sw < b[first - 1]  # switched at the first step past -b_sw
    assert np.all(m[:first] > 0.99) and np.all(m[first:] < -0.99)  # square
    # the interpolated zero crossing lies inside that 10 mT bracket
    assert -b[first - 1] <= float(ds["coercive_field"]) <= -b[first]
    assert float(ds["saturation_m"]) > 0.999
    assert set(kind.plot(ds)) == {"loop"}
    with pytest.raises(ParameterError, match="field_max"):
        kind.compute(kind.validate(raw | {"field_max": (0.0, 0.0, 0.0)}),
                     np.random.default_rng(0), Progress(enabled=False))
