"""Spin torques driven by a current density that differs from cell to cell (current_map).

Slonczewski and spin-orbit torques are linear in the current density (their prefactors are
proportional to j: Slonczewski, J. Magn. Magn. Mater. 159, L1 (1996); Liu et al., Science
336, 555 (2012)), so a per-cell current must give, in every cell, exactly the torque of a
uniform current of that cell's value: that is what these tests check, cell by cell, against
the uniform terms (validated on their own in tests/magnetization).
"""

import numpy as np
import pytest

import spinkit.micromagnetics as mm
from spinkit.errors import ParameterError
from spinkit.magnetization import Slonczewski, SpinOrbitTorque, UniaxialAnisotropy

MS, ALPHA, J0 = 8e5, 0.05, 2e11


@pytest.fixture
def mesh():
    return mm.Mesh.from_size((30e-9, 20e-9, 2e-9), (2e-9, 2e-9, 2e-9))


@pytest.fixture
def m(mesh):
    rng = np.random.default_rng(3)
    v = rng.standard_normal(mesh.n + (3,))
    return v / np.linalg.norm(v, axis=-1, keepdims=True)


def _stt(j):
    return Slonczewski(j, 0.6, 2e-9, direction=(0.3, 0.0, 1.0), asymmetry=1.5, field_like=0.1)


def _sot(j):
    return SpinOrbitTorque(j, 0.1, 2e-9, field_like_angle=0.05)


def _rhs(mesh, m, torque):
    base = UniaxialAnisotropy(5e5, [0, 0, 1])
    return mm.Magnet(mesh, MS, ALPHA, base + torque).rhs(0.0, m)


@pytest.mark.parametrize("make", [_stt, _sot])
def test_each_cell_gets_the_torque_of_its_own_current(mesh, m, make):
    j = np.full(mesh.n, J0)
    j[:5] = -2 * J0  # reversed and doubled in one electrode
    j[5:8] = 0.0  # no current between them
    mapped = _rhs(mesh, m, mm.current_map(make(J0), j))
    np.testing.assert_allclose(mapped[8:], _rhs(mesh, m, make(J0))[8:], rtol=1e-12, atol=0)
    np.testing.assert_allclose(mapped[:5], _rhs(mesh, m, make(-2 * J0))[:5], rtol=1e-12,
                               atol=0)
    no_torque = mm.Magnet(mesh, MS, ALPHA, UniaxialAnisotropy(5e5, [0, 0, 1])).rhs(0.0, m)
    np.testing.assert_allclose(mapped[5:8], no_torque[5:8], rtol=1e-12, atol=0)


def test_uniform_map_is_the_uniform_term(mesh, m):
    """The reference current j0 does not matter: only j(r) does."""
    a = _rhs(mesh, m, mm.current_map(_stt(1e9), np.full(mesh.n, J0)))
    b = _rhs(mesh, m, _stt(J0))
    np.testing.assert_allclose(a, b, rtol=1e-12, atol=0)


def test_bad_maps_are_refused(mesh, m):
    with pytest.raises(ParameterError, match=r"^current_density = \(3, 3\)"):
        mm.current_map(_stt(J0), np.zeros((3, 3)))
    with pytest.raises(ParameterError, match="^current_density"):
        mm.current_map(_stt(J0), np.full(mesh.n, np.nan))
    with pytest.raises(ParameterError, match="^torque"):
        mm.current_map(_stt(0.0), np.zeros(mesh.n))
    with pytest.raises(ParameterError, match="^torque"):
        mm.current_map(UniaxialAnisotropy(1e5, [0, 0, 1]), np.zeros(mesh.n))
    wrong = mm.current_map(_stt(J0), np.zeros((4, 4, 1)))
    with pytest.raises(ParameterError, match="^current_density"):
        mm.Magnet(mesh, MS, ALPHA, wrong).rhs(0.0, m)
