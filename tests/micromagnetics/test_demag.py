"""Demagnetizing field on the mesh (Newell tensor, FFT convolution)."""

import numpy as np
import pytest

import spinkit.micromagnetics as mm
from spinkit import constants
from spinkit.errors import ParameterError
from spinkit.micromagnetics.demag import newell_tensor

MS = 8e5


def aharoni_nz(x: float, y: float, z: float) -> float:
    """N_z of an x by y by z prism, written out from A. Aharoni, J. Appl. Phys. 83, 3432
    (1998), Eq. (1) with half-sides a, b, c (independent of the code under test)."""
    a, b, c = x / 2, y / 2, z / 2
    r = np.sqrt(a * a + b * b + c * c)
    ab, bc, ac = np.hypot(a, b), np.hypot(b, c), np.hypot(a, c)
    pi_d = ((b * b - c * c) / (2 * b * c) * np.log((r - a) / (r + a))
            + (a * a - c * c) / (2 * a * c) * np.log((r - b) / (r + b))
            + b / (2 * c) * np.log((ab + a) / (ab - a))
            + a / (2 * c) * np.log((ab + b) / (ab - b))
            + c / (2 * a) * np.log((bc - b) / (bc + b))
            + c / (2 * b) * np.log((ac - a) / (ac + a))
            + 2 * np.arctan(a * b / (c * r))
            + (a**3 + b**3 - 2 * c**3) / (3 * a * b * c)
            + (a * a + b * b - 2 * c * c) / (3 * a * b * c) * r
            + c / (a * b) * (ac + bc)
            - (ab**3 + bc**3 + ac**3) / (3 * a * b * c))
    return float(pi_d / np.pi)


def prism_factors(x: float, y: float, z: float) -> list[float]:
    """(N_x, N_y, N_z) by cyclic permutation of :func:`aharoni_nz`."""
    return [aharoni_nz(y, z, x), aharoni_nz(z, x, y), aharoni_nz(x, y, z)]


def test_aharoni_transcription():
    """The written-out formula itself: 1/3 for a cube, trace 1 for any prism."""
    assert prism_factors(1.0, 1.0, 1.0) == pytest.approx([1 / 3] * 3, rel=1e-14, abs=0)
    assert sum(prism_factors(2.0, 1.0, 3.0)) == pytest.approx(1, rel=1e-14)


@pytest.mark.parametrize("cell", [(1e-9, 1e-9, 1e-9), (2e-9, 1e-9, 3e-9), (5e-9, 5e-9, 1e-9)])
def test_self_term_trace_is_one(cell):
    """The self term of any cuboid cell is its demag tensor: trace 1, diagonal, equal to
    Aharoni's factors (J. Appl. Phys. 83, 3432 (1998), written out above),
    and 1/3 each for a cube."""
    n = newell_tensor((1, 1, 1), cell)[:, 0, 0, 0]
    assert n[:3].sum() == pytest.approx(1, abs=1e-13)
    assert np.abs(n[3:]).max() < 1e-14
    assert n[:3] == pytest.approx(prism_factors(*cell), abs=1e-12)
    if cell[0] == cell[1] == cell[2]:
        assert n[:3] == pytest.approx([1 / 3] * 3, abs=1e-14)


def test_uniform_cube_energy():
    """A uniformly magnetized cube of 5^3 cells has E = mu0 Ms^2 V / 6 exactly (N = 1/3),
    along any direction."""
    mesh = mm.Mesh((5, 5, 5), (2e-9, 2e-9, 2e-9))
    magnet = mm.Magnet(mesh, MS, 0.1, mm.Demag())
    volume = (10e-9) ** 3
    for d in ([1, 0, 0], [0, 0, 1], [1, 2, -3]):
        energy = magnet.energy(magnet.uniform(d))
        assert energy == pytest.approx(constants.mu_0 * MS**2 * volume / 6, rel=1e-10)


@pytest.mark.parametrize("n, cell", [((10, 6, 4), (1e-9, 1.5e-9, 2e-9)),
                                     ((7, 3, 1), (3e-9, 2e-9, 0.5e-9)),
                                     ((1, 12, 5), (4e-9, 1e-9, 1e-9))])
def test_prism_factors_against_aharoni(n, cell):
    """The mesh-averaged demag field of a uniformly magnetized prism equals -Ms N with N from
    Aharoni's closed form (J. Appl. Phys. 83, 3432 (1998)): cells tile the prism exactly, so
    the agreement is to rounding."""
    mesh = mm.Mesh(n, cell)
    magnet = mm.Magnet(mesh, MS, 0.1, mm.Demag())
    expected = prism_factors(*mesh.size)
    for k in range(3):
        u = np.eye(3)[k]
        b_avg = magnet.average(magnet.field(magnet.uniform(u)))
        factor = -b_avg / (constants.mu_0 * MS)
        assert factor[k] == pytest.approx(expected[k], abs=1e-9)
        assert np.abs(np.delete(factor, k)).max() < 1e-9  # no transverse field on average


def test_thin_film_limit():
    """A 128 x 128 x 1 film (512 nm x 512 nm x 2 nm, most pairs in the far-field regime):
    N_z against Aharoni's value, close to the infinite-film limit 1, and the trace rule with
    the square's symmetry, N_x = N_y = (1 - N_z) / 2."""
    mesh = mm.Mesh((128, 128, 1), (4e-9, 4e-9, 2e-9))
    magnet = mm.Magnet(mesh, MS, 0.1, mm.Demag())
    expected = prism_factors(*mesh.size)
    nz = -magnet.average(magnet.field(magnet.uniform([0, 0, 1])))[2] / (constants.mu_0 * MS)
    nx = -magnet.average(magnet.field(magnet.uniform([1, 0, 0])))[0] / (constants.mu_0 * MS)
    assert nz == pytest.approx(expected[2], abs=1e-7)
    assert nx == pytest.approx(expected[0], abs=1e-7)
    assert nz > 0.98
    assert nx == pytest.approx((1 - nz) / 2, abs=1e-7)


def test_far_field_is_dipolar():
    """Far apart, the pair tensor is the point dipole's, N_ab = V (delta_ab - 3 r_a r_b / r^2)
    / (4 pi r^3), to O((d/r)^2); and at the switch between Newell's closed form and the
    averaged dipole (15 cell sizes here, 30 by default) the two agree to 2e-5 relative."""
    cell = (2e-9, 3e-9, 1e-9)
    n = newell_tensor((26, 18, 4), cell, far=1e6)  # Newell everywhere
    idx = (25, 17, 3)
    r = np.array(idx) * cell
    r2 = r @ r
    dip = np.prod(cell) / (4 * np.pi * r2**1.5) * (np.eye(3) - 3 * np.outer(r, r) / r2)
    expected = [dip[0, 0], dip[1, 1], dip[2, 2], dip[0, 1], dip[0, 2], dip[1, 2]]
    assert n[(slice(None),) + idx] == pytest.approx(expected, rel=3e-3, abs=1e-3 * abs(
        dip[0, 0]))
    mixed = newell_tensor((26, 18, 4), cell, far=15)
    far = np.linalg.norm(np.array(np.meshgrid(*[np.arange(k) for k in (26, 18, 4)],
                                              indexing="ij")).T * cell, axis=-1).T > 15 * 3e-9
    scale = np.abs(n[:, far]).max(axis=0)
    assert np.abs(mixed[:, far] - n[:, far]).max() / scale.min() < 3e-5  # 1.9e-5 at 15
    assert np.array_equal(mixed[:, ~far], n[:, ~far])


def test_field_is_odd_and_symmetric():
    """B_d(-m) = -B_d(m); the operator is symmetric (sum m1.B(m2) = sum m2.B(m1),
    reciprocity of the dipolar interaction); mirror symmetry x -> -x of the mesh."""
    mesh = mm.Mesh((9, 5, 3), (2e-9, 3e-9, 4e-9))
    magnet = mm.Magnet(mesh, MS, 0.1, mm.Demag())
    m1, m2 = magnet.random(1), magnet.random(2)
    b1, b2 = magnet.field(m1), magnet.field(m2)
    assert np.allclose(magnet.field(-m1), -b1, atol=1e-15)
    assert np.sum(m1 * b2) == pytest.approx(np.sum(m2 * b1), rel=1e-12)
    mirrored = m1[::-1] * [-1, 1, 1]  # m_x is a polar vector component along the mirror
    assert np.allclose(magnet.field(mirrored), b1[::-1] * [-1, 1, 1], atol=1e-12)


def test_bad_input():
    with pytest.raises(ParameterError, match="^n ="):
        newell_tensor((0, 1, 1), (1e-9, 1e-9, 1e-9))
    with pytest.raises(ParameterError, match="^cell"):
        newell_tensor((1, 1, 1), (1e-9, -1e-9, 1e-9))
    with pytest.raises(ParameterError, match="^far"):
        newell_tensor((1, 1, 1), (1e-9, 1e-9, 1e-9), far=float("nan"))
    with pytest.raises(ParameterError, match="far"):
        mm.Demag(far=2)
    with pytest.raises(ParameterError, match="images"):
        mm.Demag(images=-1)


def test_periodic_limits():
    """Periodic images: a square rod periodic along x is an infinite square prism, whose
    factors are N_xx = 0 and N_yy = N_zz = 1/2 (trace 1 and the square's symmetry); a film
    periodic in x and y tends to the infinite film N_zz = 1, with N_xx = N_yy = (1 - N_zz)/2.
    50 images on each side: the missing far copies leave ~1e-5 (rod) and ~6e-4 (film)."""
    rod = mm.Magnet(mm.Mesh((4, 2, 2), (2e-9, 2e-9, 2e-9), pbc="x"), MS, 0.1,
                    mm.Demag(images=50))
    film = mm.Magnet(mm.Mesh((8, 8, 1), (4e-9, 4e-9, 2e-9), pbc="xy"), MS, 0.1,
                     mm.Demag(images=50))
    for magnet in (rod, film):
        factors = [-magnet.average(magnet.field(magnet.uniform(u)))[k] / (constants.mu_0 * MS)
                   for k, u in enumerate(np.eye(3))]
        # uniform m: the trace rule holds inside any body (rounding over 101 copies)
        assert sum(factors) == pytest.approx(1, abs=1e-10)
        if magnet is rod:
            assert factors[0] < 1e-4
            assert factors[1] == pytest.approx(0.5, abs=1e-4)
            assert factors[2] == pytest.approx(factors[1], abs=1e-12)
        else:
            assert factors[2] > 0.999
            # equal up to the closed form's cancellation error at 30 cells (~1e-9 per pair)
            assert factors[0] == pytest.approx(factors[1], abs=1e-9)


def test_periodic_equals_tiled_sample():
    """The periodic field of a sample equals the field in the middle copy of 2 R + 1 explicit
    copies (open boundaries), up to the far copies that the two image sets count
    differently: the difference falls off like R^-3."""
    n, cell = (4, 3, 2), (2e-9, 3e-9, 1.5e-9)
    diffs = []
    for images in (2, 8):
        periodic = mm.Magnet(mm.Mesh(n, cell, pbc="x"), MS, 0.1, mm.Demag(images=images))
        copies = 2 * images + 1
        tiled = mm.Magnet(mm.Mesh((n[0] * copies, n[1], n[2]), cell), MS, 0.1, mm.Demag())
        m = periodic.random(1)
        b = periodic.field(m)
        middle = tiled.field(np.tile(m, (copies, 1, 1, 1)))[images * n[0]:(images + 1) * n[0]]
        diffs.append(np.abs(b - middle).max() / np.abs(b).max())
    assert diffs[0] < 2e-3
    assert diffs[1] < diffs[0] * (2 / 8) ** 3


@pytest.mark.parametrize("n", [(8, 5, 2), (7, 4, 1)])
def test_periodic_mirror_symmetry(n):
    """With periodic images the field keeps the mirror symmetry of the magnetostatic kernel:
    reflecting x -> -x (m_x odd, m_y, m_z even) reflects the field alike, to rounding, for
    even and odd cell counts; and the energy is reciprocal, sum m1 . B(m2) = sum m2 . B(m1).
    (Before the images were centred on each offset's nearest copy, the truncated image sum
    broke the mirror at 3e-5 relative.)"""
    magnet = mm.Magnet(mm.Mesh(n, (2e-9, 3e-9, 1e-9), pbc="xy"), MS, 0.1,
                       mm.Demag(images=3))
    m1, m2 = magnet.random(1), magnet.random(2)
    b1, b2 = magnet.field(m1), magnet.field(m2)
    scale = np.abs(b1).max()
    for axis in (0, 1):
        flip = np.ones(3)
        flip[axis] = -1
        mirrored = np.flip(m1, axis=axis) * flip
        expected = np.flip(b1, axis=axis) * flip
        assert np.abs(magnet.field(mirrored) - expected).max() < 1e-13 * scale
    assert np.sum(m1 * b2) == pytest.approx(np.sum(m2 * b1), rel=1e-12)
