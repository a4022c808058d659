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
    ds = small(current_density=(1e12, 0, 0), beta=0.04, sot_current_density=1e11,
               anisotropy=1e4, shape="ellipse", pbc="x", table=str(tmp_path / "t.txt"),
               checkpoint=str(tmp_path / "c.npz"))
    assert np.isfinite(ds["m"].values).all()
    assert (tmp_path / "t.txt").exists() and (tmp_path / "c.npz").exists()
    hot = small(temperature=300.0, dt=1e-13)
    assert np.isfinite(hot["m"].values).all()


def test_bad_input():
    with pytest.raises(ParameterError, match="cell"):
        small(cell=(3e-9, 4e-9, 2e-9))
    with pytest.raises(ParameterError, match="output_every"):
        small(output_every=3e-12)
    with pytest.raises(ParameterError, match="alpha"):
        small(alpha=-1.0)
