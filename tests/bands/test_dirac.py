"""TI surface Dirac cone: dispersion, spin-momentum locking, Berry phase pi.

H = hbar v (sigma_x k_y - sigma_y k_x) + b . sigma (Zhang et al., Nat. Phys. 5, 438 (2009));
expectations are derived here from that form, not taken from spinkit.
"""

import numpy as np
import pytest
from scipy.constants import eV, hbar

from spinkit.bands import DiracSurface, berry_phase
from spinkit.errors import ParameterError

V = 5.0e5  # m/s, Bi2Se3 (H. Zhang et al., Nat. Phys. 5, 438 (2009))
RNG = np.random.default_rng(11)


def circle(radius, n=240, centre=(0.0, 0.0)):
    phi = 2 * np.pi * np.arange(n) / n
    return np.array(centre) + radius * np.stack([np.cos(phi), np.sin(phi)], axis=-1)


def test_cone_dispersion():
    """E = +/- hbar v |k|."""
    k = RNG.normal(size=(500, 2)) * 3e8
    kk = np.linalg.norm(k, axis=1)
    e = DiracSurface(V).energies(k)
    np.testing.assert_allclose(e[:, 0], -hbar * V * kk, rtol=1e-12)
    np.testing.assert_allclose(e[:, 1], hbar * V * kk, rtol=1e-12)


def test_spin_momentum_locking():
    """Spin in-plane, of unit length, at 90 degrees to k: upper cone along k x z =
    (k_y, -k_x, 0)/k, lower cone opposite; opposite k carry opposite spins."""
    k = RNG.normal(size=(300, 2)) * 3e8
    s = DiracSurface(V).spin_texture(k)
    kk = np.linalg.norm(k, axis=1)[:, None]
    upper = np.concatenate([k[:, 1:2], -k[:, 0:1], 0 * kk], axis=1) / kk
    np.testing.assert_allclose(s[:, 1], upper, atol=1e-12)
    np.testing.assert_allclose(s[:, 0], -upper, atol=1e-12)
    np.testing.assert_allclose(np.einsum("ni,ni->n", s[:, 1, :2], k) / kk[:, 0], 0, atol=1e-12)
    np.testing.assert_allclose(DiracSurface(V).spin_texture(-k), -s, atol=1e-12)


@pytest.mark.parametrize("band", [0, 1])
def test_berry_phase_pi_around_the_dirac_point(band):
    """Berry phase pi (mod 2 pi) for any loop that winds once around k = 0 (the spin turns
    once in the plane: half the solid angle 2 pi); 0 for a loop that does not enclose it."""
    ham = DiracSurface(V)
    for loop in (circle(1e8), circle(3e8, 37), circle(2e8, centre=(5e7, -8e7)),
                 np.array([[1e8, 1e8], [-1e8, 1e8], [-1e8, -1e8], [1e8, -1e8]])
                 @ np.array([[1.0, 0.1], [0.0, 1.0]])):
        assert abs(berry_phase(ham, loop, band)) == pytest.approx(np.pi, abs=1e-10)
    assert berry_phase(ham, circle(1e8, centre=(3e8, 0.0)), band) == pytest.approx(0,
                                                                                    abs=1e-10)


def test_berry_phase_of_gapped_cone():
    """With b = (0, 0, D) the spin of the lower band is -h/|h| with h = (hbar v k_y,
    -hbar v k_x, D); around a circle of radius k it sweeps the cone of half-angle th about
    -z, cos th = D / E, E = sqrt(D^2 + (hbar v k)^2). A spin-1/2 aligned with n picks up
    -1/2 the solid angle n encloses (Berry, Proc. R. Soc. A 392, 45 (1984)); -n_h circles
    the south pole counter-clockwise seen from +z, i.e. clockwise seen from outside the
    sphere there, enclosing -2 pi (1 - cos th). So gamma_lower = pi (1 - D/E) and
    gamma_upper = -gamma_lower (mod 2 pi), for a counter-clockwise loop in k."""
    d = 0.02 * eV
    k = 1e8
    e = np.hypot(d, hbar * V * k)
    ham = DiracSurface(V, zeeman=(0.0, 0.0, d))
    loop = circle(k, 2000)
    expect = np.pi * (1 - d / e)
    assert berry_phase(ham, loop, 0) == pytest.approx(expect, rel=1e-5)
    assert berry_phase(ham, loop, 1) == pytest.approx(-expect, rel=1e-5)
    gap = np.diff(ham.energies(np.zeros(2)))[0]
    assert gap == pytest.approx(2 * d, rel=1e-12)


@pytest.mark.parametrize("n", [5, 12, 50, 2000])
def test_discrete_berry_phase_is_half_the_geodesic_polygon_solid_angle(n):
    """For a spin-1/2 the discrete product arg(<n_1|n_2><n_2|n_3>...<n_N|n_1>) is exactly
    -1/2 the solid angle of the geodesic polygon n_1 ... n_N on the Bloch sphere
    (Pancharatnam; S. Pancharatnam, Proc. Indian Acad. Sci. A 44, 247 (1956); J. Samuel and
    R. Bhandari, PRL 60, 2339 (1988)). On the gapped cone the lower-band spins -h/|h| of a
    regular N-gon in k lie on a circle about -z: fanning the polygon into N triangles
    (-z, n_j, n_(j+1)), each has solid angle 2 atan2(|a.(b x c)|, 1 + a.b + b.c + c.a)
    (A. Van Oosterom and J. Strackee, IEEE Trans. Biomed. Eng. 30, 125 (1983)). So the Wilson
    loop must match this at any N to rounding, and tend to pi (1 - D/E) as N grows."""
    d, k = 0.02 * eV, 1e8
    e = np.hypot(d, hbar * V * k)
    phi = 2 * np.pi * np.arange(n) / n
    spin = -np.stack([hbar * V * k * np.sin(phi), -hbar * V * k * np.cos(phi),
                      np.full(n, d)], axis=-1) / e
    a, b, c = np.array([0.0, 0.0, -1.0]), spin, np.roll(spin, -1, axis=0)
    triple = np.abs(np.cross(b, c) @ a)
    tri = 2 * np.arctan2(triple, 1 + b @ a + np.einsum("ni,ni->n", b, c) + c @ a)
    expect = tri.sum() / 2
    ham = DiracSurface(V, zeeman=(0.0, 0.0, d))
    assert berry_phase(ham, circle(k, n), 0) == pytest.approx(expect, abs=1e-12)
    assert berry_phase(ham, circle(k, n), 1) == pytest.approx(-expect, abs=1e-12)
    # the polygon's area approaches the cap's from below, with an error O(1/N^2)
    assert 0 < np.pi * (1 - d / e) - expect < 5 / n**2  # (3.92 / N^2 here)


def test_berry_phase_is_gauge_invariant():
    """Multiplying every eigenvector by an arbitrary phase leaves the Wilson loop unchanged."""

    class RandomGauge(DiracSurface):
        def eigh(self, k):
            e, u = super().eigh(k)
            phases = np.exp(2j * np.pi * RNG.random(e.shape))
            return e, u * phases[..., None, :]

    loop = circle(1e8, 50)
    gamma = berry_phase(DiracSurface(V, zeeman=(0, 0, 0.01 * eV)), loop, 0)
    assert berry_phase(RandomGauge(V, zeeman=(0, 0, 0.01 * eV)), loop, 0) == pytest.approx(
        gamma, abs=1e-12)


def test_from_material_and_bad_input():
    assert DiracSurface.from_material("Bi2Se3").fermi_velocity == 5.0e5
    with pytest.raises(ParameterError, match="^fermi_velocity ="):
        DiracSurface(0.0)
    with pytest.raises(ParameterError, match="^k_loop ="):
        berry_phase(DiracSurface(V), circle(1e8)[:2], 0)
    with pytest.raises(ParameterError, match="^k_loop ="):  # the loop passes the Dirac point
        berry_phase(DiracSurface(V), np.array([[0.0, 0.0], [1e8, 0.0], [0.0, 1e8]]), 0)
    with pytest.raises(ParameterError, match="^band ="):
        berry_phase(DiracSurface(V), circle(1e8), 2)


class TestHexagonalWarping:
    """L. Fu, PRL 103, 266801 (2009): with h_z = lambda (k_x^3 - 3 k_x k_y^2) = lambda k^3
    cos 3phi the bands are +/- sqrt((hbar v k)^2 + lambda^2 k^6 cos^2 3phi) and the upper
    spin has s_z = lambda k^3 cos 3phi / E. Bi2Te3: hbar v = 2.55 eV A, lambda = 250 eV A^3."""

    v = 2.55 * eV * 1e-10 / hbar
    lam = 250 * eV * 1e-30
    ham = DiracSurface(v, warping=lam)

    def test_snowflake_bands_and_out_of_plane_spin(self):
        k = RNG.normal(size=(300, 2)) * 8e8
        kk = np.linalg.norm(k, axis=1)
        phi = np.arctan2(k[:, 1], k[:, 0])
        hz = self.lam * kk**3 * np.cos(3 * phi)
        e = np.sqrt((hbar * self.v * kk) ** 2 + hz**2)
        np.testing.assert_allclose(self.ham.energies(k)[:, 1], e, rtol=1e-10)
        s = self.ham.spin_texture(k)[:, 1]
        np.testing.assert_allclose(s[:, 2], hz / e, atol=1e-10)
        np.testing.assert_allclose(np.einsum("ni,ni->n", s[:, :2], k) / kk, 0, atol=1e-10)

    def test_berry_phase_stays_pi_on_the_snowflake_contour(self):
        """Time reversal keeps the Berry phase of the warped Fermi contour at pi: s_z
        changes sign six times, so the solid angle swept by the spin stays 2 pi."""
        from spinkit.bands import fermi_contour

        phi = 2 * np.pi * np.arange(720) / 720
        energy = 0.25 * eV
        band, k_f = fermi_contour(self.ham, energy, phi, k_max=3e9)
        assert list(band) == [1]
        assert np.ptp(k_f) > 0.05 * k_f.mean()  # visibly not a circle
        loop = k_f[0, :, None] * np.stack([np.cos(phi), np.sin(phi)], axis=-1)
        assert abs(berry_phase(self.ham, loop, 1)) == pytest.approx(np.pi, abs=1e-8)


def test_density_of_states_of_the_cone():
    """g(E) = |E| / (2 pi hbar^2 v^2) (k/(2 pi |dE/dk|) with k = E/(hbar v)); with a gap D,
    k = sqrt(E^2 - D^2)/(hbar v) and dE/dk = hbar^2 v^2 k / E give the same |E|/(2 pi hbar^2
    v^2) outside the gap and 0 inside."""
    from spinkit.bands import density_of_states, dirac_density_of_states

    d = 0.05 * eV
    e = np.array([-0.2, -0.12, 0.0, 0.03, 0.1, 0.2]) * eV
    expect = np.where(np.abs(e) > d, np.abs(e) / (2 * np.pi * hbar**2 * V**2), 0.0)
    np.testing.assert_allclose(dirac_density_of_states(e, V, d), expect, rtol=1e-12)
    ham = DiracSurface(V, zeeman=(0.0, 0.0, d))
    k_max = 0.4 * eV / (hbar * V)  # holds every state with |E| < 0.4 eV
    got = density_of_states(ham, e, broadening=0.004 * eV, nk=600, k_max=k_max)
    # every E here is >= 5 sigma from the gap edges, where g is linear in E and a Gaussian
    # broadening leaves it unchanged (the tails past 5 sigma weigh < 1e-6)
    np.testing.assert_allclose(got, expect, rtol=1e-6, atol=1e-6 * expect.max())
