"""OVF 2.0 / 1.0 files: round trips, check values, errors, and interop with discretisedfield."""

import struct

import numpy as np
import pytest

from spinkit.errors import ParameterError
from spinkit.io import read_ovf, write_ovf

CELL = (2e-9, 3e-9, 4e-9)
ORIGIN = (-10e-9, 0.0, 5e-9)


@pytest.fixture
def field():
    rng = np.random.default_rng(0)
    m = rng.standard_normal((5, 4, 3, 3))
    return m / np.linalg.norm(m, axis=-1, keepdims=True) * 8e5


@pytest.mark.parametrize("mode", ["text", "binary4", "binary8"])
def test_round_trip(tmp_path, field, mode):
    path = write_ovf(tmp_path / f"m-{mode}.ovf", field, CELL, origin=ORIGIN, mode=mode,
                     title="m", units="A/m")
    back = read_ovf(path)
    rtol = 1e-7 if mode == "binary4" else 0
    np.testing.assert_allclose(back.array, field, rtol=rtol, atol=0)
    assert back.shape == (5, 4, 3) and back.dim == 3
    np.testing.assert_allclose(back.cell, CELL, rtol=1e-15)
    np.testing.assert_allclose(back.origin, ORIGIN, rtol=1e-15)
    assert back.units == ("A/m",) * 3 and back.labels == ("m_x", "m_y", "m_z")


def test_binary_layout_follows_the_spec(tmp_path):
    """OVF 2.0: check value 1234567.0 as little-endian float32 first, then x fastest."""
    arr = np.arange(2 * 3 * 1 * 3, dtype=float).reshape(2, 3, 1, 3)
    raw = write_ovf(tmp_path / "a.ovf", arr, (1e-9,) * 3, mode="binary4").read_bytes()
    start = raw.index(b"# Begin: Data Binary 4\n") + len(b"# Begin: Data Binary 4\n")
    assert struct.unpack("<f", raw[start:start + 4])[0] == 1234567.0
    values = np.frombuffer(raw[start + 4:start + 4 + 4 * arr.size], "<f4")
    # node order: (x0,y0), (x1,y0), (x0,y1), ...
    np.testing.assert_array_equal(values[:6], np.r_[arr[0, 0, 0], arr[1, 0, 0]])
    np.testing.assert_array_equal(values[6:9], arr[0, 1, 0])


def test_reads_ovf1_big_endian(tmp_path):
    """OVF 1.0 binary is big-endian with a valuemultiplier (OOMMF 1.x files)."""
    data = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    header = (
        "# OOMMF: rectangular mesh v1.0\n# Segment count: 1\n# Begin: Segment\n"
        "# Begin: Header\n# Title: old\n# meshtype: rectangular\n# meshunit: nm\n"
        "# xbase: 0.5\n# ybase: 0.5\n# zbase: 0.5\n# xstepsize: 1\n# ystepsize: 1\n"
        "# zstepsize: 1\n# xnodes: 2\n# ynodes: 1\n# znodes: 1\n# xmin: 0\n# ymin: 0\n"
        "# zmin: 0\n# xmax: 2\n# ymax: 1\n# zmax: 1\n# valueunit: A/m\n"
        "# valuemultiplier: 1000\n# End: Header\n# Begin: Data Binary 8\n"
    )
    body = struct.pack(">d", 123456789012345.0) + data.astype(">f8").tobytes()
    path = tmp_path / "old.omf"
    path.write_bytes(header.encode() + body + b"\n# End: Data Binary 8\n# End: Segment\n")
    f = read_ovf(path)
    np.testing.assert_array_equal(f.array[:, 0, 0], data * 1000)
    assert f.cell == pytest.approx((1e-9,) * 3) and f.units == ("A/m",) * 3


def test_bad_files_are_clear_errors(tmp_path, field):
    path = write_ovf(tmp_path / "m.ovf", field, CELL, mode="binary8")
    raw = bytearray(path.read_bytes())
    i = raw.index(b"Binary 8\n") + len(b"Binary 8\n")
    raw[i:i + 8] = struct.pack("<d", 1.0)
    (tmp_path / "bad.ovf").write_bytes(bytes(raw))
    with pytest.raises(ParameterError, match="check value"):
        read_ovf(tmp_path / "bad.ovf")
    (tmp_path / "x.txt").write_text("hello\n")
    with pytest.raises(ParameterError, match="not an OVF"):
        read_ovf(tmp_path / "x.txt")
    with pytest.raises(ParameterError, match="file not found"):
        read_ovf(tmp_path / "none.ovf")
    with pytest.raises(ParameterError, match="mode"):
        write_ovf(tmp_path / "m2.ovf", field, CELL, mode="binary2")
    with pytest.raises(ParameterError, match="cell"):
        write_ovf(tmp_path / "m3.ovf", field, (1e-9, 0, 1e-9))
    with pytest.raises(ParameterError, match="finite"):
        write_ovf(tmp_path / "m4.ovf", field * np.nan, CELL)
    assert not (tmp_path / "m4.ovf").exists()


# ------------------------------------------------------------- discretisedfield interop
df = pytest.importorskip("discretisedfield", reason="install the 'interop' extra")
REPRESENTATION = {"text": "txt", "binary4": "bin4", "binary8": "bin8"}


@pytest.mark.parametrize("mode", ["text", "binary4", "binary8"])
def test_spinkit_file_loads_in_discretisedfield(tmp_path, field, mode):
    path = write_ovf(tmp_path / "sk.ovf", field, CELL, origin=ORIGIN, mode=mode, title="m",
                     units="A/m")
    f = df.Field.from_file(path)
    rtol = 1e-7 if mode == "binary4" else 1e-15
    np.testing.assert_allclose(f.array, field, rtol=rtol)
    np.testing.assert_allclose(f.mesh.region.pmin, ORIGIN, atol=1e-20)
    np.testing.assert_allclose(f.mesh.region.pmax,
                               np.array(ORIGIN) + np.array(CELL) * (5, 4, 3), rtol=1e-12)
    np.testing.assert_allclose(f.mesh.cell, CELL, rtol=1e-12)
    assert f.unit == "A/m" and f.mesh.region.units == ("m", "m", "m")


@pytest.mark.parametrize("mode", ["text", "binary4", "binary8"])
def test_discretisedfield_file_loads_in_spinkit(tmp_path, field, mode):
    p1 = np.array(ORIGIN)
    mesh = df.Mesh(p1=p1, p2=p1 + np.array(CELL) * (5, 4, 3), cell=CELL)
    f = df.Field(mesh, nvdim=3, value=field, unit="A/m")
    path = tmp_path / "df.ovf"
    f.to_file(str(path), representation=REPRESENTATION[mode])
    back = read_ovf(path)
    rtol = 1e-7 if mode == "binary4" else 1e-15
    np.testing.assert_allclose(back.array, field, rtol=rtol)
    np.testing.assert_allclose(back.cell, CELL, rtol=1e-12)
    np.testing.assert_allclose(back.origin, ORIGIN, atol=1e-20)
    assert back.units == ("A/m",) * 3
