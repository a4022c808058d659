"""Scenario validation: every kind of bad input gives one clear line and exit status 2."""

import subprocess
import sys

import pytest

from spinkit.cli import main
from spinkit.errors import ParameterError
from spinkit.scenario.runner import load_scenario, scenario_from_mapping

GOOD = 'kind = "spin_diffusion"\nmaterial = "Cu"\nlength = 2e-6\n'


def _run_cli(tmp_path, text, capsys, name="s.toml"):
    path = tmp_path / name
    path.write_text(text)
    code = main(["run", str(path), "-o", str(tmp_path / "out"), "-q"])
    err = capsys.readouterr().err
    return code, err


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (GOOD + "lenght = 1e-6\n", ["lenght", "unknown key", "did you mean 'length'?"]),
        (GOOD + "polarisation = 0.5\n", ["polarisation", "did you mean 'polarization'?"]),
        ('kind = "spin_diffusion"\nlength = -1e-6\n', ["length = -1e-06", "out of range",
                                                        "(0, 0.01] m"]),
        ('kind = "spin_diffusion"\npolarization = nan\n', ["polarization = nan",
                                                            "must be finite"]),
        ('kind = "spin_diffusion"\ncurrent_density = inf\n', ["current_density = inf",
                                                               "finite"]),
        ('kind = "spin_diffusion"\ncells = "many"\n', ["cells = 'many'", "an integer",
                                                        "not str"]),
        ('kind = "spin_diffusion"\ncells = 12.5\n', ["cells = 12.5", "an integer"]),
        ('kind = "spin_diffusion"\nlength = true\n', ["length = True", "not bool"]),
        ('kind = "spin_diffusion"\nmaterial = "Cu2"\n', ["material = 'Cu2'", "unknown material",
                                                          "did you mean 'Cu'?"]),
        ('kind = "spin_diffusion"\nmeasured = "nope.csv"\n', ["measured = 'nope.csv'",
                                                              "file not found"]),
        ('kind = "spin_difusion"\n', ["kind = 'spin_difusion'", "did you mean 'spin_diffusion'?"]),
        ("length = 1e-6\n", ["kind = None", "missing"]),
        ('kind = "spin_diffusion"\nseed = -3\n', ["seed = -3", "[0, 2^63)"]),
        ('kind = "spin_diffusion"\nfar_end = "closed"\n', ["far_end = 'closed'",
                                                           "one of 'open', 'sink'"]),
        ('kind = "spin_diffusion"\nlength = [1, 2\n', ["not valid TOML"]),
    ],
)
def test_bad_scenario_gives_one_line_and_status_2(tmp_path, capsys, text, expected):
    code, err = _run_cli(tmp_path, text, capsys)
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("spinkit: error: ")
    for fragment in expected:
        assert fragment in lines[0]
    assert not (tmp_path / "out").exists()  # refused before anything was computed or written


def test_missing_scenario_file(tmp_path, capsys):
    code = main(["run", str(tmp_path / "absent.toml"), "-q"])
    err = capsys.readouterr().err
    assert code == 2 and "file not found" in err and "absent.toml" in err


def test_command_line_process_has_no_traceback(tmp_path):
    """The real process (python -m spinkit): exit status 2 and no Python traceback."""
    path = tmp_path / "bad.toml"
    path.write_text('kind = "spin_diffusion"\nlength = -1.0\n')
    proc = subprocess.run([sys.executable, "-m", "spinkit", "run", str(path)],
                          capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stderr.startswith("spinkit: error: length = -1.0")


def test_valid_file_fills_defaults_and_resolves_relative_files(tmp_path):
    (tmp_path / "data.csv").write_text("# x [m], mu_s [V]\n1e-7,1e-6\n2e-7,5e-7\n3e-7,2e-7\n")
    path = tmp_path / "ok.toml"
    path.write_text(GOOD + 'measured = "data.csv"\nseed = 7\n')
    sc = load_scenario(path)
    assert sc.name == "ok" and sc.seed == 7 and sc.kind == "spin_diffusion"
    assert sc.params["cells"] == 500 and sc.params["far_end"] == "open"
    assert sc.params["measured"] == str((tmp_path / "data.csv").resolve())


def test_ints_are_accepted_for_floats_and_kept_exact():
    sc = scenario_from_mapping({"kind": "spin_diffusion", "current_density": 1, "cells": 20.0})
    assert sc.params["current_density"] == 1.0
    assert isinstance(sc.params["current_density"], float)
    assert sc.params["cells"] == 20 and isinstance(sc.params["cells"], int)


def test_scenario_files_are_data_only(tmp_path):
    """A string that looks like code stays a string: nothing is evaluated."""
    with pytest.raises(ParameterError, match="unknown material"):
        scenario_from_mapping({"kind": "spin_diffusion", "material": "__import__('os')"})
