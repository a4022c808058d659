"""mumax3-style tables of averages."""

import numpy as np
import pytest

from spinkit.errors import ParameterError
from spinkit.io import TableWriter, read_table, write_table

MUMAX_TABLE = """# t (s)	mx ()	my ()	mz ()	B_extx (T)
0	1	0	0	0.001
1e-12	0.99	0.1	0.02	0.001
"""


def test_reads_a_mumax3_table(tmp_path):
    """Header layout of mumax3's table.txt: '# name (unit)' tab-separated."""
    (tmp_path / "table.txt").write_text(MUMAX_TABLE)
    ds = read_table(tmp_path / "table.txt")
    assert list(ds.data_vars) == ["t", "mx", "my", "mz", "B_extx"]
    assert ds["t"].attrs["units"] == "s" and ds["mx"].attrs["units"] == ""
    np.testing.assert_array_equal(ds["my"].values, [0, 0.1])


def test_writer_appends_and_resumes(tmp_path):
    cols = [("t", "s"), ("mx", ""), ("E_total", "J")]
    with TableWriter(tmp_path / "t.txt", cols) as w:
        w.write([0.0, 1.0, -1e-20])
        w.write({"t": 1e-12, "mx": 0.5, "E_total": -2e-20})
    with TableWriter(tmp_path / "t.txt", cols, append=True) as w:
        w.write([2e-12, 0.25, -3e-20])
    ds = read_table(tmp_path / "t.txt")
    np.testing.assert_array_equal(ds["mx"].values, [1.0, 0.5, 0.25])
    assert ds["E_total"].attrs["units"] == "J"
    with pytest.raises(ParameterError, match="columns"):
        TableWriter(tmp_path / "t.txt", [("t", "s")], append=True)
    with pytest.raises(ParameterError, match="needs 1 values"), \
            TableWriter(tmp_path / "u.txt", [("t", "s")]) as w:
        w.write([1, 2])


def test_write_table_round_trip(tmp_path):
    t = np.linspace(0, 1e-9, 5)
    write_table(tmp_path / "w.txt", {"t": t, "mz": np.cos(t * 1e9)}, {"t": "s"})
    ds = read_table(tmp_path / "w.txt")
    np.testing.assert_array_equal(ds["t"].values, t)
    np.testing.assert_array_equal(ds["mz"].values, np.cos(t * 1e9))
