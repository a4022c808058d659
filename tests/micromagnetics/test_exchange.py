"""Exchange on the mesh: uniform twist, discrete eigenmodes, Bloch wall."""

import numpy as np
import pytest

import spinkit.micromagnetics as mm
from spinkit.errors import ParameterError
from spinkit.magnetization import UniaxialAnisotropy
from spinkit.micromagnetics.analytic import bloch_wall_energy, bloch_wall_width

A, MS = 1.3e-11, 8e5


def twist(mesh, k):
    x = mesh.coordinates()[0]
    return np.stack([np.cos(k * x), np.sin(k * x), np.zeros_like(x)], axis=-1)


def test_uniform_twist_energy():
    """m = (cos kx, sin kx, 0): the continuum energy is A k^2 V. The 6-neighbour scheme with
    free ends gives the bond sum E = A (dy dz / dx) (ny nz) (nx - 1) (2 - 2 cos(k dx)) (each
    bond carries |m_i - m_j|^2 = 2 - 2 cos(k dx)) -- exact -- which tends to A k^2 V."""
    n, cell = (200, 3, 2), (1e-9, 2e-9, 3e-9)
    mesh = mm.Mesh(n, cell)
    magnet = mm.Magnet(mesh, MS, 0.1, mm.Exchange(A))
    k = 2 * np.pi / 80e-9
    energy = magnet.energy(twist(mesh, k))
    bonds = A * cell[1] * cell[2] / cell[0] * n[1] * n[2] * (n[0] - 1)
    assert energy == pytest.approx(bonds * (2 - 2 * np.cos(k * cell[0])), rel=1e-12)
    continuum = A * k**2 * np.prod(mesh.size)
    assert energy == pytest.approx(continuum, rel=0.01)  # (k dx)^2/12 and one missing bond


def test_periodic_twist_is_an_eigenmode():
    """With periodic x and k = 2 pi q / L, the discrete Laplacian of the twist is
    -(2 - 2 cos(k dx))/dx^2 m: B = -(2A/Ms)(2 - 2 cos(k dx))/dx^2 m in every cell."""
    mesh = mm.Mesh((64, 2, 1), (1.5e-9, 1e-9, 1e-9), pbc="x")
    magnet = mm.Magnet(mesh, MS, 0.1, mm.Exchange(A))
    k = 2 * np.pi * 3 / mesh.size[0]
    m = twist(mesh, k)
    lam = (2 - 2 * np.cos(k * 1.5e-9)) / 1.5e-9**2
    assert np.allclose(magnet.field(m), -(2 * A / MS) * lam * m, rtol=0, atol=1e-12)


def test_uniform_state_and_symmetries():
    """A uniform state has no exchange field and no energy; B(m) is linear and odd;
    the energy is invariant under a global rotation."""
    mesh = mm.Mesh((6, 5, 4), (1e-9, 2e-9, 3e-9))
    magnet = mm.Magnet(mesh, MS, 0.1, mm.Exchange(A), shape=mm.ellipse((3e-9, 5e-9),
                                                                       (3e-9, 5e-9)))
    assert np.abs(magnet.field(magnet.uniform([1, 2, 3]))).max() < 1e-9
    m = magnet.random(3)
    assert np.allclose(magnet.field(-m), -magnet.field(m), atol=1e-12)
    rot = np.linalg.qr(np.random.default_rng(4).normal(size=(3, 3)))[0]
    assert magnet.energy(m @ rot.T) == pytest.approx(magnet.energy(m), rel=1e-12)
    assert magnet.energy(m) > 0


def test_interregion_harmonic_mean():
    """Two cells of A1 and A2 couple with 2 A1 A2 / (A1 + A2) (a series connection of two
    half-cells): E = (2 A1 A2 / (A1 + A2)) (dy dz / dx) |m1 - m2|^2."""
    mesh = mm.Mesh((2, 1, 1), (2e-9, 1e-9, 1e-9))
    a = np.array([1e-11, 3e-11]).reshape(2, 1, 1)
    magnet = mm.Magnet(mesh, MS, 0.1, mm.Exchange(a))
    m = np.array([[1, 0, 0], [0, 1, 0]], float).reshape(2, 1, 1, 3)
    expected = 2 * 1e-11 * 3e-11 / 4e-11 * (1e-9 * 1e-9 / 2e-9) * 2
    assert magnet.energy(m) == pytest.approx(expected, rel=1e-12)


def test_bloch_wall():
    """A relaxed 180 degree wall in a uniaxial chain: m_z = -tanh((x - x0)/Delta),
    Delta = sqrt(A/K), width pi Delta, energy per area 4 sqrt(A K) (Landau-Lifshitz; Hubert
    and Schaefer, Magnetic Domains (1998) sec. 3.6). Cells of Delta/10: the energy agrees to
    the scheme's (dx/Delta)^2/12 ~ 1e-3. Expected values written out here, not taken from
    spinkit.micromagnetics.analytic (checked against them at the end)."""
    a, k = 1e-11, 1e5
    delta = np.sqrt(a / k)
    n = 300
    mesh = mm.Mesh((n, 1, 1), (delta / 10, 1e-9, 1e-9))
    magnet = mm.Magnet(mesh, MS, 0.5, mm.Exchange(a) + UniaxialAnisotropy(k, [0, 0, 1]))
    x = mesh.coordinates()[0] - mesh.size[0] / 2
    theta = np.pi / 2 * (1 + np.clip(x / (3 * delta), -1, 1))  # a linear ramp, symmetric
    m0 = np.stack([np.zeros_like(x), np.sin(theta), np.cos(theta)], axis=-1)
    res = mm.relax(magnet, m0, tol=1e-7)
    sigma = res.energy / (1e-9 * 1e-9)
    assert sigma == pytest.approx(4 * np.sqrt(a * k), rel=1e-3)  # measured -4.2e-4
    mz = res.m[:, 0, 0, 2]
    assert np.abs(mz - (-np.tanh(x[:, 0, 0] / delta))).max() < 1e-3  # measured 7.8e-4
    # width from the largest slope, pi / max |d theta/dx| = pi Delta
    theta_num = np.arccos(np.clip(mz, -1, 1))
    width = np.pi / np.max(np.diff(theta_num) / (delta / 10))
    assert width == pytest.approx(np.pi * delta, rel=2e-3)  # measured -1.7e-3
    # the package's closed forms are these
    assert bloch_wall_energy(a, k) == pytest.approx(4 * np.sqrt(a * k), rel=1e-15)
    assert bloch_wall_width(a, k) == pytest.approx(np.pi * delta, rel=1e-15)


def test_bad_input():
    with pytest.raises(ParameterError, match="A ="):
        mm.Exchange(-1.0)
    with pytest.raises(ParameterError, match="pbc"):
        mm.Mesh((2, 2, 2), (1e-9, 1e-9, 1e-9), pbc="z")
    with pytest.raises(ParameterError, match="n ="):
        mm.Mesh((0, 2, 2), (1e-9, 1e-9, 1e-9))
    with pytest.raises(ParameterError, match="cell"):
        mm.Mesh.from_size((10e-9, 10e-9, 1e-9), (3e-9, 1e-9, 1e-9))
