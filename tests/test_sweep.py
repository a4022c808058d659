"""Sweeps: parsing, per-point seeds, local processes, resume, and a Dask LocalCluster."""

import json

import numpy as np
import pytest
import xarray as xr

from spinkit import sweep as sweep_mod
from spinkit.cli import main
from spinkit.errors import ParameterError
from spinkit.scenario.runner import scenario_from_mapping
from spinkit.sweep import parse_set, point_seed, run_sweep, sweep_points

BASE = scenario_from_mapping({"kind": "spin_diffusion", "length": 2e-6, "cells": 100,
                              "seed": 11}, name="sd")
AXES = {"spin_lifetime": [5e-12, 1e-11, 2e-11], "far_end": ["open", "sink"]}


def test_parse_set_forms():
    assert parse_set("length=1e-6:3e-6:3") == ("length", [1e-6, 2e-6, 3e-6])
    key, values = parse_set("spin_lifetime=1e-12:1e-10:3:log")
    np.testing.assert_allclose(values, [1e-12, 1e-11, 1e-10], rtol=1e-12)
    assert parse_set("far_end=open,sink") == ("far_end", ["open", "sink"])
    assert parse_set("cells=10,20") == ("cells", [10, 20])
    for bad in ("length", "length=", "length=1:2", "length=a:b:3", "length=1:2:0",
                "length=0:1:3:log", "length=1:2:3:lin"):
        with pytest.raises(ParameterError, match="--set"):
            parse_set(bad)


def test_point_seeds_depend_on_seed_and_point_only():
    a = point_seed(11, {"x": 1.0, "y": "open"})
    assert a == point_seed(11, {"y": "open", "x": 1.0})  # order of keys irrelevant
    assert a != point_seed(12, {"x": 1.0, "y": "open"})
    assert a != point_seed(11, {"x": 2.0, "y": "open"})
    assert 0 <= a < 2**63


def test_all_points_validated_before_running(tmp_path):
    with pytest.raises(ParameterError, match="length = -1e-06"):
        run_sweep(BASE, {"length": [1e-6, -1e-6]}, tmp_path)
    with pytest.raises(ParameterError, match="did you mean 'length'"):
        run_sweep(BASE, {"lenght": [1e-6]}, tmp_path)
    assert not list(tmp_path.glob("**/*.nc"))


def test_merged_dataset_has_swept_coordinates_and_matches_single_runs(tmp_path):
    ds = run_sweep(BASE, AXES, tmp_path, workers=2, show_progress=False)
    assert ds.sizes["spin_lifetime"] == 3 and ds.sizes["far_end"] == 2
    assert list(ds["far_end"].values) == ["open", "sink"]
    lam = ds["spin_diffusion_length"].sel(far_end="open").values
    d = float(ds["diffusion_constant"].isel(spin_lifetime=0, far_end=0))
    np.testing.assert_allclose(lam, np.sqrt(d * np.array(AXES["spin_lifetime"])), rtol=1e-12)
    from spinkit.scenario.runner import compute
    single = compute(BASE.with_params(spin_lifetime=1e-11, far_end="sink"))
    np.testing.assert_array_equal(ds["mu_s"].sel(spin_lifetime=1e-11, far_end="sink").values,
                                  single["mu_s"].values)
    on_disk = xr.open_dataset(tmp_path / "sd.nc", engine="h5netcdf")
    xr.testing.assert_identical(on_disk.load(), ds)
    on_disk.close()
    info = json.loads((tmp_path / "info.json").read_text())
    assert info["status"] == "complete" and info["points"] == 6
    assert (tmp_path / "report.html").exists() and (tmp_path / "sd-sweep.png").exists()


def test_interrupted_sweep_resumes_without_recomputing(tmp_path, monkeypatch):
    calls = []
    real = sweep_mod._compute_point

    def counting(sc):
        calls.append(sc.params["spin_lifetime"])
        if len(calls) == 3:
            raise KeyboardInterrupt  # the user hits Ctrl-C during the third point
        return real(sc)

    monkeypatch.setattr(sweep_mod, "_compute_point", counting)
    axes = {"spin_lifetime": [1e-12, 2e-12, 3e-12, 4e-12]}
    with pytest.raises(KeyboardInterrupt):
        run_sweep(BASE, axes, tmp_path, workers=1, show_progress=False)
    assert not (tmp_path / "sd.nc").exists()  # no merged file pretending to be complete
    info = json.loads((tmp_path / "info.json").read_text())
    assert info["status"] == "failed" and "KeyboardInterrupt" in info["error"]
    calls.clear()
    ds = run_sweep(BASE, axes, tmp_path, workers=1, show_progress=False)
    assert calls == [3e-12, 4e-12]  # only the unfinished points ran
    assert ds.sizes["spin_lifetime"] == 4 and np.isfinite(ds["mu_s"].values).all()


def test_sweep_command_line(tmp_path, capsys):
    path = tmp_path / "s.toml"
    path.write_text('kind = "spin_diffusion"\ncells = 50\n')
    code = main(["sweep", str(path), "--set", "polarization=-0.5:0.5:3", "--workers", "1",
                 "-o", str(tmp_path / "out"), "-q"])
    assert code == 0
    ds = xr.open_dataset(tmp_path / "out" / "s.nc", engine="h5netcdf")
    acc = ds["injector_accumulation"].values
    ds.close()
    assert acc[0] == pytest.approx(-acc[2], rel=1e-12) and acc[1] == 0.0
    assert main(["sweep", str(path), "-o", str(tmp_path / "o2")]) == 2
    assert "--set" in capsys.readouterr().err


def test_dask_local_cluster_matches_local_run(tmp_path):
    """Two Dask workers give exactly the dataset of the local run."""
    distributed = pytest.importorskip("distributed")
    local = run_sweep(BASE, AXES, tmp_path / "local", workers=1, show_progress=False)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        remote = run_sweep(BASE, AXES, tmp_path / "dask", scheduler=cluster.scheduler_address,
                           show_progress=False)
    xr.testing.assert_identical(local, remote)
    assert len(sweep_points(BASE, AXES)) == 6


def test_sweep_over_a_grid_size_pads_shorter_points(tmp_path):
    """Points with different numbers of cells merge; missing cells are NaN, not invented."""
    from spinkit.scenario.runner import compute

    ds = run_sweep(BASE, {"cells": [20, 30]}, tmp_path, workers=1, show_progress=False)
    grid_dim = ds["mu_s"].dims[-1]
    assert ds.sizes[grid_dim] == 30
    short = ds["mu_s"].sel(cells=20).values
    np.testing.assert_array_equal(short[:20], compute(BASE.with_params(cells=20))["mu_s"].values)
    assert np.isnan(short[20:]).all()
    assert "cells_output" not in ds and ds["point_seed"].dtype == np.uint64
