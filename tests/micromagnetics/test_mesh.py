"""Mesh and shapes."""

import numpy as np
import pytest

import spinkit.micromagnetics as mm
from spinkit.errors import ParameterError


def test_shapes_fill_the_right_cells():
    """Cell counts of shapes against their areas: a 100 x 100 mesh of 1 nm cells holds a
    disc of radius 40 nm in pi 40^2 cells (to the boundary's ~2 pi r cells), a triangle of
    legs 60 nm in 1800 (to its perimeter), and a box exactly."""
    mesh = mm.Mesh((100, 100, 1), (1e-9, 1e-9, 1e-9))
    disc = mesh.mask(mm.cylinder((50e-9, 50e-9), 40e-9)).sum()
    assert abs(disc - np.pi * 40**2) < 2 * np.pi * 40 / 4
    tri = mesh.mask(mm.polygon([(0, 0), (60e-9, 0), (0, 60e-9)])).sum()
    assert abs(tri - 1800) < (120 + 85) / 2
    assert mesh.mask(mm.box((10e-9, 20e-9, 0), (30e-9, 25e-9, 1e-9))).sum() == 20 * 5
    both = mesh.mask(lambda x, y, z: (x < 50e-9) & (y < 50e-9))
    assert both.sum() == 2500


def test_empty_cells_stay_empty():
    """Cells outside the shape have Ms = 0, m = 0, no energy, and stay at 0 in time."""
    mesh = mm.Mesh((20, 20, 1), (2e-9, 2e-9, 2e-9))
    magnet = mm.Magnet(mesh, 8e5, 0.1, mm.Exchange(1e-11) + mm.Demag(),
                       shape=mm.cylinder((20e-9, 20e-9), 18e-9))
    m0 = magnet.uniform([1, 0.2, 0.3])
    assert np.all(m0[~magnet.mask] == 0)
    run = mm.evolve(magnet, m0, 5e-12)
    assert np.all(run.final[~magnet.mask] == 0)
    norms = np.linalg.norm(run.final[magnet.mask], axis=-1)
    assert np.abs(norms - 1).max() < 1e-12


def test_bad_shapes():
    with pytest.raises(ParameterError, match="upper"):
        mm.box((0, 0, 0), (0, 1, 1))
    with pytest.raises(ParameterError, match="vertices"):
        mm.polygon([(0, 0), (1, 1)])
    with pytest.raises(ParameterError, match="semi_axes"):
        mm.ellipse((0, 0), (0, 1))
    with pytest.raises(ParameterError, match="^radius"):
        mm.cylinder((0, 0), -1e-9)
    with pytest.raises(ParameterError, match="^center"):
        mm.ellipse((0, float("nan")), (1e-9, 1e-9))
    with pytest.raises(ParameterError, match="^center"):
        mm.cylinder((0, 0, 0), 1e-9)
    with pytest.raises(ParameterError, match="^vertices"):
        mm.polygon([(0, 0), (1, 1), (float("inf"), 0)])
