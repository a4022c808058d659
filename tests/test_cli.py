"""The `spinkit` command: version, kinds, materials, the tour and its outputs."""

import json
import subprocess
import sys

import pytest
import xarray as xr

import spinkit
from spinkit.cli import main


def test_version_matches_package(capsys):
    try:
        main(["--version"])
    except SystemExit as exc:
        assert exc.code == 0
    assert capsys.readouterr().out.strip() == f"spinkit {spinkit.__version__}"


def test_python_dash_m_is_the_same_command():
    out = subprocess.run([sys.executable, "-m", "spinkit", "--version"], capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 0 and out.stdout.strip() == f"spinkit {spinkit.__version__}"


def test_kinds_lists_and_shows_parameters_with_units_defaults_ranges(capsys):
    assert main(["kinds"]) == 0
    assert "spin_diffusion" in capsys.readouterr().out
    assert main(["kinds", "spin_diffusion"]) == 0
    out = capsys.readouterr().out
    length_line = next(line for line in out.splitlines() if line.startswith("length "))
    for fragment in (" m ", "5e-06", "(0, 0.01] m", "channel length"):
        assert fragment in length_line


def test_materials_list_and_one_with_units_and_sources(capsys):
    assert main(["materials"]) == 0
    assert "CoFeB" in capsys.readouterr().out
    assert main(["materials", "Fe"]) == 0
    out = capsys.readouterr().out
    assert "1.71e+06" in out and "A/m" in out and "source: J. M. D. Coey" in out
    assert main(["materials", "Iron"]) == 2


def test_materials_columns_align_for_long_names_and_units(capsys):
    """GaAs has quantity names up to 36 characters and the unit m^2/(V s): the value, unit
    and description columns still start at one position on every line, and each source
    line is indented to the value column."""
    from spinkit import materials

    assert main(["materials", "GaAs"]) == 0
    lines = capsys.readouterr().out.splitlines()[2:]
    quantities = list(materials.get("GaAs").quantities.values())
    rows, sources = lines[0::2], lines[1::2]
    assert len(rows) == len(quantities) == len(sources)
    columns = set()
    for row, q in zip(rows, quantities, strict=True):
        value = row.index(f"{q.value:.6g}", 2 + len(q.name))
        unit = row.index(q.unit or "-", value + len(f"{q.value:.6g}"))
        columns.add((value, unit, row.index(q.description, unit + len(q.unit or "-"))))
    assert len(columns) == 1
    value_cols = {c[0] for c in columns}
    assert {src.index("source:") for src in sources} == value_cols


def test_tour_writes_data_figures_info_and_report(tmp_path, capsys):
    out = tmp_path / "tour"
    assert main(["run", "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert f"report: {(out / 'report.html').resolve()}" in printed
    info = json.loads((out / "info.json").read_text())
    assert info["status"] == "complete" and info["environment"]["spinkit"] == spinkit.__version__
    assert {"started", "finished", "wall_time_s"} <= set(info)
    names = [s["name"] for s in info["scenarios"]]
    assert "spin_diffusion" in names
    html = (out / "report.html").read_text()
    for sc in info["scenarios"]:
        assert {"parameters", "seed", "started", "finished", "wall_time_s"} <= set(sc)
        ds = xr.open_dataset(out / sc["data_file"], engine="h5netcdf")
        assert ds.attrs["spinkit_kind"] == sc["kind"]
        ds.close()
        for fig in sc["figures"]:
            assert (out / fig).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
            assert f'src="{fig}"' in html
        for key in sc["key_numbers"]:
            assert key in html
    sd = next(s for s in info["scenarios"] if s["name"] == "spin_diffusion")
    assert sd["key_numbers"]["max_relative_error"]["value"] < 1e-4
    assert not list(out.glob(".*part*"))  # no half-written files left behind


def test_report_shows_energies_in_ev_too():
    from spinkit.report import format_value

    assert format_value(1.602176634e-20, "J") == "1.6022e-20 J (0.1 eV)"
    assert format_value(3.5e-07, "m") == "3.5e-07 m"
    assert format_value("open") == "open"


def test_failed_run_leaves_no_stale_result_looking_complete(tmp_path, monkeypatch):
    """A rerun that fails removes the earlier run's data and report; info.json says failed."""
    from spinkit.scenario import runner

    path = tmp_path / "s.toml"
    path.write_text('kind = "spin_diffusion"\ncells = 20\n')
    out = tmp_path / "out"
    assert main(["run", str(path), "-o", str(out), "-q"]) == 0
    assert (out / "s.nc").exists() and (out / "report.html").exists()

    def broken(*args, **kwargs):
        raise RuntimeError("solver blew up")

    monkeypatch.setattr(runner, "compute", broken)
    with pytest.raises(RuntimeError, match="solver blew up"):
        main(["run", str(path), "-o", str(out), "-q"])
    info = json.loads((out / "info.json").read_text())
    assert info["status"] == "failed" and "solver blew up" in info["error"]
    assert not (out / "s.nc").exists() and not (out / "report.html").exists()
