"""Chern numbers of the Qi-Wu-Zhang model, Berry curvature, Wilson loops, tight binding.

QWZ model (X.-L. Qi, Y.-S. Wu and S.-C. Zhang, Phys. Rev. B 74, 085308 (2006); form of
Asboth, Oroszlany and Palyi, *A Short Course on Topological Insulators*, ch. 6):
d(k) = t (sin k_x a, sin k_y a, u + cos k_x a + cos k_y a). QWZ find |C| = 1 for 0 < |u| < 2
with opposite signs on the two sides of u = 0, and C = 0 for |u| > 2.

Independent expectation, without eigenvectors: for H = d . sigma the lower band's Chern
number is the degree of k -> d/|d| from the torus to the sphere (the lower band's Berry
curvature is +1/2 dhat . (d_x dhat x d_y dhat) for A = i<u|grad u>; see
test_dirac.test_berry_phase_of_gapped_cone for the sign). The degree is the sum, over the
preimages of the north pole (d_x = d_y = 0, d_z > 0), of the sign of the Jacobian of
(d_x, d_y): the preimages are the four points k a in {0, pi}^2, where d_z = u + cx + cy
and det = cos k_x a cos k_y a = cx cy, cx, cy = +/-1.
"""

import numpy as np
import pytest
from scipy.constants import eV

from spinkit.bands import (
    DiracSurface,
    QiWuZhang,
    TightBinding,
    berry_curvature,
    chern_number,
    wilson_loop,
)
from spinkit.errors import ParameterError

A = 4e-10  # m
T = 1.0 * eV


def degree(u: float) -> int:
    """Degree of dhat for the QWZ d-vector, from the north-pole preimages (docstring)."""
    total = 0
    for cx in (1, -1):
        for cy in (1, -1):
            if u + cx + cy > 0:
                total += cx * cy
    return total


@pytest.mark.parametrize("u", [-3.0, -1.5, -0.4, 0.4, 1.5, 3.0])
def test_qwz_chern_numbers_by_phase(u):
    expect = degree(u)
    assert expect == (0 if abs(u) > 2 else (1 if u < 0 else -1))  # QWZ 2006 pattern
    ham = QiWuZhang(u, T, A)
    assert chern_number(ham, 0, nk=24) == expect
    assert chern_number(ham, 1, nk=24) == -expect  # the bands' Chern numbers add to 0
    assert chern_number(ham, [0, 1], nk=24) == 0


def test_berry_curvature_matches_the_d_vector_formula():
    """F_lower = +1/2 dhat . (d_kx dhat x d_ky dhat), derivatives of d written out here.
    The lattice field strength is the flux through a plaquette over its area, so it differs
    from F at the plaquette centre by O(h^2): the error must fall fourfold when n doubles."""
    u = -1.2
    errors = []
    for nk in (64, 128):
        res = berry_curvature(QiWuZhang(u, T, A), 0, nk=nk)
        centre = res.k + (np.pi / A) / nk  # the plaquette centres
        x, y = centre[..., 0] * A, centre[..., 1] * A
        d = np.stack([np.sin(x), np.sin(y), u + np.cos(x) + np.cos(y)], axis=-1)
        dx = np.stack([np.cos(x), 0 * x, -np.sin(x)], axis=-1) * A
        dy = np.stack([0 * y, np.cos(y), -np.sin(y)], axis=-1) * A
        norm = np.linalg.norm(d, axis=-1)
        # dhat . (d_x dhat x d_y dhat) = d . (d_x d x d_y d) / |d|^3
        expect = 0.5 * np.einsum("...i,...i->...", d, np.cross(dx, dy)) / norm**3
        errors.append(np.max(np.abs(res.curvature - expect)) / np.max(np.abs(expect)))
        assert res.flux.sum() / (2 * np.pi) == pytest.approx(res.chern, abs=1e-9)
    assert errors[1] < 5e-4
    assert errors[0] / errors[1] == pytest.approx(4, rel=0.05)


def test_chern_number_is_gauge_invariant_and_grid_independent():
    class RandomGauge(QiWuZhang):
        rng = np.random.default_rng(3)

        def eigh(self, k):
            e, v = super().eigh(k)
            return e, v * np.exp(2j * np.pi * self.rng.random(e.shape))[..., None, :]

    for nk in (8, 17, 40):
        assert chern_number(RandomGauge(0.7, T, A), 0, nk=nk) == -1


def test_tight_binding_reproduces_qwz():
    """QWZ from its hoppings: on-site u sigma_z, T_x = (sigma_z - i sigma_x)/2,
    T_y = (sigma_z - i sigma_y)/2 give T e^{ik} + h.c. = cos k sigma_z + sin k sigma_{x,y}."""
    u = 0.8
    sx = np.array([[0, 1], [1, 0]], dtype=complex)
    sy = np.array([[0, -1j], [1j, 0]])
    sz = np.diag([1.0, -1.0]).astype(complex)
    tb = TightBinding(A * np.eye(2), T * u * sz,
                      {(1, 0): T * (sz - 1j * sx) / 2, (0, 1): T * (sz - 1j * sy) / 2})
    k = np.random.default_rng(5).uniform(-np.pi / A, np.pi / A, size=(200, 2))
    x, y = k[:, 0] * A, k[:, 1] * A
    expect = T * (np.sin(x)[:, None, None] * sx + np.sin(y)[:, None, None] * sy
                  + (u + np.cos(x) + np.cos(y))[:, None, None] * sz)
    np.testing.assert_allclose(tb.matrix(k), expect, atol=1e-12 * T)
    np.testing.assert_allclose(tb.reciprocal_vectors @ tb.lattice_vectors.T, 2 * np.pi * np.eye(2),
                               atol=1e-12)
    assert chern_number(tb, 0, nk=20) == degree(u)


def test_tight_binding_chain_and_honeycomb():
    """Chain: E = e0 - 2t cos ka. Graphene (nearest neighbours, t): E = +/- t |1 + e^{ik.a1}
    + e^{ik.a2}|, vanishing at the K point (0, 4 pi / (3 sqrt3 a)) for a1,2 = a (1/2,
    +/- sqrt3/2), where k.a1 = -k.a2 = 2 pi / 3."""
    chain = TightBinding([[A]], [[0.1 * T]], {(1,): [[-T]]})
    k = np.linspace(-np.pi / A, np.pi / A, 51)[:, None]
    np.testing.assert_allclose(chain.energies(k)[:, 0], 0.1 * T - 2 * T * np.cos(k[:, 0] * A),
                               atol=1e-12 * T)
    a1, a2 = A * np.array([0.5, np.sqrt(3) / 2]), A * np.array([0.5, -np.sqrt(3) / 2])
    hop = np.array([[0, -T], [0, 0]], dtype=complex)  # A -> B in the neighbouring cell
    honey = TightBinding([a1, a2], [[0, -T], [-T, 0]], {(1, 0): hop.T, (0, 1): hop.T})
    ks = np.random.default_rng(2).normal(size=(100, 2)) / A
    f = 1 + np.exp(1j * ks @ a1) + np.exp(1j * ks @ a2)
    np.testing.assert_allclose(honey.energies(ks)[:, 1], T * np.abs(f), atol=1e-12 * T)
    kpt = np.array([0.0, 4 * np.pi / (3 * np.sqrt(3) * A)])
    assert np.ptp(honey.energies(kpt)) == pytest.approx(0, abs=1e-12 * T)


def test_wilson_loop_of_all_bands_is_trivial():
    """With every band included the overlap matrices are unitary and their product is 1."""
    phases = wilson_loop(QiWuZhang(1.0, T, A),
                         np.stack([np.linspace(0, 2 * np.pi / A, 30, endpoint=False),
                                   np.full(30, 0.3 / A)], axis=-1), [0, 1])
    np.testing.assert_allclose(phases, 0, atol=1e-12)


def test_bad_input():
    with pytest.raises(ParameterError, match="^ham ="):
        chern_number(DiracSurface(5e5), 0)
    with pytest.raises(ParameterError, match="^nk ="):
        chern_number(QiWuZhang(1.0, T, A), 0, nk=2)
    with pytest.raises(ParameterError, match="^bands ="):  # gap closes at u = 0 (k = (0, pi))
        chern_number(QiWuZhang(0.0, T, A), 0, nk=8)
    with pytest.raises(ParameterError, match="^onsite ="):
        TightBinding(A * np.eye(2), [[0, 1], [0, 0]], {})
    with pytest.raises(ParameterError, match="^hoppings ="):
        TightBinding(A * np.eye(2), np.eye(2), {(0, 0): np.eye(2)})
    with pytest.raises(ParameterError, match="^u ="):
        QiWuZhang(float("nan"), T, A)


def test_rashba_lattice_tends_to_its_continuum_limit():
    """Near k = 0, 2t(2 - cos k_x a - cos k_y a) = t a^2 k^2 (1 + O(k^2 a^2)) and
    (alpha/a) sin ka = alpha k (1 + O(k^2 a^2)): the k.p limit is hbar^2 k^2 / 2m -/+ alpha k
    with m = hbar^2/(2 t a^2). The mean of the two bands and their half-splitting approach
    the two terms with relative errors falling as (ka)^2."""
    from spinkit.bands import rashba_square_lattice

    t, a = 1.0 * eV, 3e-10
    alpha = 0.1 * t * a
    lattice = rashba_square_lattice(t, alpha, a)
    d = np.array([np.cos(0.3), np.sin(0.3)])
    errors = []
    for ka in (0.04, 0.02, 0.01):
        e = lattice.energies(ka / a * d)
        mean_err = abs(e.mean() / (t * ka**2) - 1)  # hbar^2 k^2 / 2m = t (ka)^2
        split_err = abs((e[1] - e[0]) / 2 / (alpha * ka / a) - 1)
        errors.append((mean_err, split_err))
    errors = np.array(errors)
    assert np.all(errors[0] < 1e-3)
    np.testing.assert_allclose(errors[:-1] / errors[1:], 4, rtol=0.01)  # second order in ka
    s = lattice.spin_texture(1e7 * d)
    np.testing.assert_allclose(s[1], [d[1], -d[0], 0.0], atol=1e-6)  # Rashba helicity


def test_lattice_velocities_match_the_d_vector():
    """QWZ: E_-/+ = -/+ |d|, so hbar v = -/+ (d . dd/dk) / |d| with d written out here."""
    from scipy.constants import hbar

    u = 0.6
    k = np.random.default_rng(9).uniform(-np.pi / A, np.pi / A, size=(100, 2))
    x, y = k[:, 0] * A, k[:, 1] * A
    d = T * np.stack([np.sin(x), np.sin(y), u + np.cos(x) + np.cos(y)], axis=-1)
    ddx = T * A * np.stack([np.cos(x), 0 * x, -np.sin(x)], axis=-1)
    ddy = T * A * np.stack([0 * y, np.cos(y), -np.sin(y)], axis=-1)
    slope = np.stack([np.einsum("ni,ni->n", d, ddx), np.einsum("ni,ni->n", d, ddy)], axis=-1)
    slope /= np.linalg.norm(d, axis=1)[:, None] * hbar
    v = QiWuZhang(u, T, A).velocities(k)
    np.testing.assert_allclose(v[:, 1], slope, rtol=1e-8, atol=1e-9 * np.max(np.abs(slope)))
    np.testing.assert_allclose(v[:, 0], -slope, rtol=1e-8, atol=1e-9 * np.max(np.abs(slope)))


def test_non_abelian_wilson_loop_of_two_gapped_cones():
    """Two uncoupled gapped Dirac cones, H = U (H_1 + H_2) U^dagger with a fixed random
    unitary U mixing the four orbitals: the Wilson loop of the two lowest bands (the lower
    band of each cone, -E_2 < -E_1 < 0) has the eigenphases pi (1 - D_i / E_i), E_i =
    sqrt(D_i^2 + (hbar v k)^2), whatever basis U is used (see test_dirac for the closed form)."""
    from scipy.constants import hbar

    from spinkit.bands import BlochHamiltonian

    v, k, gaps = 5e5, 1e8, (0.01 * eV, 0.03 * eV)
    rng = np.random.default_rng(4)
    q, _ = np.linalg.qr(rng.normal(size=(4, 4)) + 1j * rng.normal(size=(4, 4)))

    class TwoCones(BlochHamiltonian):
        dim, n_bands = 2, 4

        def _matrix(self, kk):
            out = np.zeros(kk.shape[:-1] + (4, 4), dtype=complex)
            hv = hbar * v
            for i, d in enumerate(gaps):
                # hbar v (sigma_x k_y - sigma_y k_x) + d sigma_z, written out
                block = np.zeros(kk.shape[:-1] + (2, 2), dtype=complex)
                block[..., 0, 0], block[..., 1, 1] = d, -d
                block[..., 0, 1] = hv * (kk[..., 1] + 1j * kk[..., 0])
                block[..., 1, 0] = hv * (kk[..., 1] - 1j * kk[..., 0])
                out[..., 2 * i:2 * i + 2, 2 * i:2 * i + 2] = block
            return q @ out @ q.conj().T

    n = 4000
    phi = 2 * np.pi * np.arange(n) / n
    loop = k * np.stack([np.cos(phi), np.sin(phi)], axis=-1)
    expect = sorted(np.pi * (1 - d / np.hypot(d, hbar * v * k)) for d in gaps)
    e = TwoCones().energies(loop[:1])[0]
    assert e[1] < e[2]  # the two lower bands are the two cones' lower bands
    np.testing.assert_allclose(wilson_loop(TwoCones(), loop, [0, 1]), expect, atol=1e-6)
