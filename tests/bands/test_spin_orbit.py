"""Rashba / Dresselhaus 2DEG: analytic limits, symmetries, and a published Rashba system.

Every expected value is written out here from the closed forms of the literature, never taken
from spinkit. hbar, m_e and eV are CODATA constants (scipy.constants).
"""

from pathlib import Path

import numpy as np
import pytest
from scipy.constants import eV, hbar, m_e
from scipy.integrate import quad
from scipy.optimize import minimize_scalar

from spinkit.bands import (
    SpinOrbit2DEG,
    density_of_states,
    fermi_contour,
    persistent_spin_helix_wavevector,
    rashba_density_of_states,
    rashba_energy,
    rashba_k0,
    spin_splitting,
)
from spinkit.errors import ParameterError

DATA = Path(__file__).parents[1] / "data"
M = 0.041 * m_e  # InGaAs
ALPHA = 0.93e-11 * eV  # J m (Nitta et al. 1997)
RNG = np.random.default_rng(7)


def random_k(n: int, scale: float) -> np.ndarray:
    return RNG.normal(size=(n, 2)) * scale


def test_rashba_bands_are_parabolas_split_by_2_alpha_k():
    """E_-/+ = hbar^2 k^2/2m -/+ alpha k (Bychkov and Rashba, JETP Lett. 39, 78 (1984))."""
    k = random_k(500, 5e7)
    kk = np.linalg.norm(k, axis=1)
    free = hbar**2 * kk**2 / (2 * M)
    e = SpinOrbit2DEG(M, ALPHA).energies(k)
    scale = np.max(np.abs(e))
    np.testing.assert_allclose(e[:, 0], free - ALPHA * kk, rtol=0, atol=1e-12 * scale)
    np.testing.assert_allclose(e[:, 1], free + ALPHA * kk, rtol=0, atol=1e-12 * scale)
    np.testing.assert_allclose(e[:, 1] - e[:, 0], 2 * ALPHA * kk, rtol=1e-9)


def test_band_minimum_ring_k0_and_rashba_energy():
    """Minimising the lower band numerically finds k0 = m alpha/hbar^2 and depth E_R =
    m alpha^2 / 2 hbar^2 (d/dk [hbar^2 k^2/2m - alpha k] = 0)."""
    ham = SpinOrbit2DEG(M, ALPHA)
    k0 = M * ALPHA / hbar**2
    e_r = M * ALPHA**2 / (2 * hbar**2)
    for phi in (0.0, 0.7, 2.0):
        d = np.array([np.cos(phi), np.sin(phi)])
        res = minimize_scalar(lambda x, d=d: ham.energies(x * d)[0] / e_r, bounds=(0, 4 * k0),
                              method="bounded", options={"xatol": 1e-9 * k0})
        assert res.x == pytest.approx(k0, rel=1e-5)
        assert res.fun * e_r == pytest.approx(-e_r, rel=1e-10)
    assert rashba_k0(M, ALPHA) == pytest.approx(k0, rel=1e-14)
    assert rashba_energy(M, ALPHA) == pytest.approx(e_r, rel=1e-14)


def test_published_bi_ag_surface_alloy():
    """Ast et al., PRL 98, 186807 (2007), Table I (tests/data/bands_rashba_surface_alloy.csv):
    with m* = 0.35 m_e and alpha_R = 3.05 eV A the model's band minimum lies at k0 = 0.13 1/A,
    E_R = 200 meV. The printed values are rounded and fitted independently, and agree with
    the model's k0 = m alpha/hbar^2, E_R = k0 alpha / 2 to 8 %, so the tolerance is 10 %."""
    lines = (DATA / "bands_rashba_surface_alloy.csv").read_text().splitlines()
    row = [c.strip() for c in next(ln for ln in lines if not ln.startswith("#")).split(",")]
    mass, alpha = float(row[1]) * m_e, float(row[2]) * eV * 1e-10
    ham = SpinOrbit2DEG(mass, alpha)
    k = np.linspace(0, 0.5e10, 200001)[:, None] * np.array([1.0, 0.0])
    lower = ham.energies(k)[:, 0]
    i = np.argmin(lower)
    assert k[i, 0] * 1e-10 == pytest.approx(float(row[3]), rel=0.10)
    assert -lower[i] / eV * 1e3 == pytest.approx(float(row[4]), rel=0.10)


def test_spin_texture_rashba_is_in_plane_perpendicular_to_k_with_opposite_helicity():
    """Rashba: h = alpha (k_y, -k_x, 0) is in-plane and at right angles to k, so the upper
    band's spin is along (sin phi, -cos phi, 0) and the lower band's opposite."""
    k = random_k(300, 3e7)
    phi = np.arctan2(k[:, 1], k[:, 0])
    s = SpinOrbit2DEG(M, ALPHA).spin_texture(k)  # (n, band, 3)
    expect_upper = np.stack([np.sin(phi), -np.cos(phi), 0 * phi], axis=1)
    np.testing.assert_allclose(s[:, 1], expect_upper, atol=1e-12)
    np.testing.assert_allclose(s[:, 0], -expect_upper, atol=1e-12)


def test_spin_orbit_field_and_time_reversal():
    """Omega = (2 alpha / hbar)(k_y, -k_x, 0) (Fabian et al. 2007: H = hbar/2 Omega.sigma);
    hbar |Omega| is the splitting; Omega is odd in k and E_n(k) = E_n(-k) (Kramers)."""
    beta, gamma = 0.4 * ALPHA, 2e-49
    k = random_k(200, 3e7)
    rashba = SpinOrbit2DEG(M, ALPHA)
    omega = rashba.spin_orbit_field(k)
    expect = 2 * ALPHA / hbar * np.stack([k[:, 1], -k[:, 0], 0 * k[:, 0]], axis=1)
    np.testing.assert_allclose(omega, expect, rtol=1e-12, atol=0)
    full = SpinOrbit2DEG(M, ALPHA, beta, gamma)
    e = full.energies(k)
    np.testing.assert_allclose(hbar * np.linalg.norm(full.spin_orbit_field(k), axis=1),
                               e[:, 1] - e[:, 0], rtol=1e-9)
    np.testing.assert_allclose(full.spin_orbit_field(-k), -full.spin_orbit_field(k), rtol=1e-14)
    np.testing.assert_allclose(full.energies(-k), e, rtol=1e-12)
    # the upper band's spin points along Omega
    unit = full.spin_orbit_field(k) / np.linalg.norm(full.spin_orbit_field(k), axis=1)[:, None]
    np.testing.assert_allclose(full.spin_texture(k)[:, 1], unit, atol=1e-10)


def test_rashba_plus_dresselhaus_splitting_anisotropy():
    """|h|^2 = (alpha k_y + beta k_x)^2 + (alpha k_x + beta k_y)^2 = k^2 (alpha^2 + beta^2 +
    2 alpha beta sin 2phi) (e.g. S. D. Ganichev et al., PRL 92, 256601 (2004))."""
    beta = -0.6 * ALPHA
    k = random_k(400, 3e7)
    kk = np.linalg.norm(k, axis=1)
    phi = np.arctan2(k[:, 1], k[:, 0])
    expect = 2 * kk * np.sqrt(ALPHA**2 + beta**2 + 2 * ALPHA * beta * np.sin(2 * phi))
    e = SpinOrbit2DEG(M, ALPHA, beta).energies(k)
    np.testing.assert_allclose(e[:, 1] - e[:, 0], expect, rtol=1e-8)
    np.testing.assert_allclose(spin_splitting(k, ALPHA, beta), expect, rtol=1e-12)


def test_cubic_dresselhaus_splitting():
    """The cubic term gamma (sigma_x k_x k_y^2 - sigma_y k_y k_x^2) splits the bands by
    2 |h| = 2 gamma k^3 |cos phi sin phi| = gamma k^3 |sin 2phi|."""
    gamma = 27.58e-30 * eV
    k = random_k(300, 5e8)
    kk = np.linalg.norm(k, axis=1)
    phi = np.arctan2(k[:, 1], k[:, 0])
    e = SpinOrbit2DEG(0.067 * m_e, 0.0, 0.0, gamma).energies(k)
    np.testing.assert_allclose(e[:, 1] - e[:, 0], gamma * kk**3 * np.abs(np.sin(2 * phi)),
                               rtol=1e-7, atol=1e-12 * np.max(np.abs(e)))


class TestPersistentSpinHelix:
    """alpha = beta: h = alpha (k_x + k_y)(1, -1, 0) (Schliemann, Egues and Loss, PRL 90,
    146801 (2003); Bernevig, Orenstein and Zhang, PRL 97, 236601 (2006))."""

    ham = SpinOrbit2DEG(M, ALPHA, ALPHA)

    def test_degenerate_along_1_minus_1_0_and_maximal_along_110(self):
        s = np.linspace(-5e7, 5e7, 101)[:, None]
        e = self.ham.energies(s * np.array([1.0, -1.0]) / np.sqrt(2))
        assert np.max(np.abs(e[:, 1] - e[:, 0])) <= 1e-12 * np.max(np.abs(e))
        # along [110], k = kappa (1, 1)/sqrt2: |h| = alpha sqrt2 |k_x + k_y| = 2 alpha kappa
        e = self.ham.energies(s * np.array([1.0, 1.0]) / np.sqrt(2))
        np.testing.assert_allclose(e[:, 1] - e[:, 0], 4 * ALPHA * np.abs(s[:, 0]), rtol=1e-8,
                                   atol=1e-12 * np.max(np.abs(e)))

    def test_uniform_spin_axis(self):
        k = random_k(300, 3e7)
        k = k[np.abs(k[:, 0] + k[:, 1]) > 1e5]
        s = self.ham.spin_texture(k)
        axis = np.array([1.0, -1.0, 0.0]) / np.sqrt(2)
        np.testing.assert_allclose(np.abs(s @ axis), 1.0, atol=1e-12)

    def test_shifted_fermi_circles_and_precession_per_length(self):
        """E_s = hbar^2 k^2/2m + 2 s alpha k_par (k_par = (k_x+k_y)/sqrt2): circles centred at
        k_par = -/+ Q/2, Q = 4 m alpha/hbar^2, radius^2 = 2 m E/hbar^2 + (Q/2)^2. A spin
        moving along [110] turns by |Omega| dt / dx = (4 alpha k_par/hbar)/(hbar k_par/m) = Q
        per metre, whatever k."""
        q = 4 * M * ALPHA / hbar**2
        energy = 3 * M * ALPHA**2 / hbar**2
        phi = np.linspace(0, 2 * np.pi, 90, endpoint=False)
        band, k_f = fermi_contour(self.ham, energy, phi, k_max=8 * q)
        assert list(band) == [0, 1]
        pts = k_f[..., None] * np.stack([np.cos(phi), np.sin(phi)], axis=-1)
        radius = np.sqrt(2 * M * energy / hbar**2 + (q / 2) ** 2)
        centres = np.array([[1.0, 1.0], [-1.0, -1.0]]) / np.sqrt(2) * q / 2
        dist = np.linalg.norm(pts[..., None, :] - centres, axis=-1)  # (C, A, 2)
        np.testing.assert_allclose(np.min(np.abs(dist - radius), axis=-1), 0, atol=1e-9 * q)
        k = random_k(100, 3e7)
        k_par = (k[:, 0] + k[:, 1]) / np.sqrt(2)
        turn = np.linalg.norm(self.ham.spin_orbit_field(k), axis=1) / (hbar * np.abs(k_par) / M)
        np.testing.assert_allclose(turn, q, rtol=1e-10)
        assert persistent_spin_helix_wavevector(M, ALPHA) == pytest.approx(q, rel=1e-14)


def test_density_of_states_rashba():
    """Both bands together: g = m / (pi hbar^2) above the crossing (unchanged by spin-orbit)
    and g = m/(pi hbar^2) k0/sqrt(k0^2 + 2mE/hbar^2) on the ring minimum (sum over the
    contours of k / (2 pi |dE/dk|)). The numerical DOS is broadened by a Gaussian of width
    sigma, so it is compared with that closed form convolved with the same Gaussian
    (scipy quad here), and with the bare closed form to within the broadening correction
    g'' sigma^2 / 2 (0.4 % at E = -E_R/2)."""
    alpha = 4 * ALPHA  # a deep ring so that the E < 0 range is resolved
    k0 = M * alpha / hbar**2
    e_r = M * alpha**2 / (2 * hbar**2)
    g0 = M / (np.pi * hbar**2)
    energies = np.array([-0.5, -0.25, 0.5, 1.0, 1.5]) * e_r
    expect = np.where(energies >= 0, g0,
                      g0 * k0 / np.sqrt(k0**2 + 2 * M * energies / hbar**2))
    ham = SpinOrbit2DEG(M, alpha)
    k_max = 3.5 * k0  # holds every state below 2.3 E_R; grid spacing 0.012 k0
    s = 0.05  # sigma / E_R
    got = density_of_states(ham, energies, broadening=s * e_r, nk=600, k_max=k_max)

    def smoothed(x: float) -> float:  # (g * Gaussian)(x E_R) / g0, x in units of E_R
        def integrand(y: float) -> float:
            g = 1.0 if y >= 0 else 1 / np.sqrt(1 + y)
            return g * np.exp(-0.5 * ((x - y) / s) ** 2) / (np.sqrt(2 * np.pi) * s)
        ring = quad(integrand, -1.0, 0.0, limit=200)[0]  # 1/sqrt edge at -E_R: integrable
        return ring + quad(integrand, 0.0, max(x + 12 * s, 0.0), limit=200)[0]

    np.testing.assert_allclose(got, g0 * np.array([smoothed(x) for x in energies / e_r]),
                               rtol=1e-6)
    np.testing.assert_allclose(got, expect, rtol=0.005)
    np.testing.assert_allclose(rashba_density_of_states(energies, M, alpha), expect,
                               rtol=1e-12)
    assert rashba_density_of_states(-1.01 * e_r, M, alpha) == 0.0


def test_from_material():
    """InGaAs: m* = 0.041 m_e, alpha = 0.93e-11 eV m; GaAs well of width w: beta =
    -gamma (pi/w)^2 with gamma = 27.58 eV A^3 (Winkler 2003, Table 6.3)."""
    ham = SpinOrbit2DEG.from_material("InGaAs")
    assert ham.effective_mass == pytest.approx(0.041 * m_e, rel=1e-12)
    assert ham.rashba == pytest.approx(0.93e-11 * eV, rel=1e-12)
    gaas = SpinOrbit2DEG.from_material("GaAs", well_width=10e-9)
    assert gaas.rashba == 0.0
    assert gaas.dresselhaus == pytest.approx(-27.58e-30 * eV * (np.pi / 10e-9) ** 2, rel=1e-12)
    assert gaas.dresselhaus_cubic == pytest.approx(27.58e-30 * eV, rel=1e-12)


@pytest.mark.parametrize(("kwargs", "name"), [
    ({"effective_mass": -1.0}, "effective_mass"),
    ({"effective_mass": M, "rashba": float("nan")}, "rashba"),
    ({"effective_mass": M, "zeeman": (1.0, 2.0)}, "zeeman"),
])
def test_bad_parameters_are_named(kwargs, name):
    with pytest.raises(ParameterError, match=f"^{name} ="):
        SpinOrbit2DEG(**kwargs)


def test_bad_wavevectors_and_well_without_dresselhaus():
    ham = SpinOrbit2DEG(M, ALPHA)
    with pytest.raises(ParameterError, match="^k ="):
        ham.energies(np.zeros((4, 3)))
    with pytest.raises(ParameterError, match="^k ="):
        ham.energies([[np.inf, 0.0]])
    with pytest.raises(ParameterError, match="^well_width ="):
        SpinOrbit2DEG.from_material("InGaAs", well_width=1e-8)


def test_group_velocities_rashba():
    """v_-/+ = (hbar k / m -/+ alpha / hbar) k_hat, from d/dk (hbar^2 k^2/2m -/+ alpha k)."""
    k = random_k(200, 5e7)
    kk = np.linalg.norm(k, axis=1)[:, None]
    v = SpinOrbit2DEG(M, ALPHA).velocities(k)
    np.testing.assert_allclose(v[:, 0], (hbar * kk / M - ALPHA / hbar) * k / kk, rtol=1e-8,
                               atol=1e-8 * ALPHA / hbar)
    np.testing.assert_allclose(v[:, 1], (hbar * kk / M + ALPHA / hbar) * k / kk, rtol=1e-8)


def test_rashba_bands_feed_the_boltzmann_conductivity():
    """Constant tau, E_F > 0: both contours have |v| = hbar q / m (q^2 = k0^2 + 2 m E_F /
    hbar^2) and k_- + k_+ = 2q, so sigma_xx = e^2 tau sum_n k_n v_n / (4 pi hbar) =
    e^2 tau q^2 / (2 pi m), and the density is (k_-^2 + k_+^2)/(4 pi) = (q^2 + k0^2)/(2 pi).
    The Fermi window at 4 K averages these linear-in-E expressions exactly."""
    from scipy.constants import e

    from spinkit.transport.boltzmann import boltzmann_conductivity

    alpha, e_f, tau = 1e-11 * eV, 5e-3 * eV, 1e-12
    k0 = M * alpha / hbar**2
    q2 = k0**2 + 2 * M * e_f / hbar**2
    k_box = 5 * (k0 + np.sqrt(q2))
    res = boltzmann_conductivity(SpinOrbit2DEG(M, alpha).band_data,
                                 reciprocal_vectors=k_box * np.eye(2), n_k=300,
                                 chemical_potential=e_f, temperature=4.0, tau=tau)
    assert res.sigma_total[0, 0] == pytest.approx(e**2 * tau * q2 / (2 * np.pi * M), rel=1e-6)
    assert res.sigma_total[0, 1] == pytest.approx(0, abs=1e-9 * res.sigma_total[0, 0])
    assert res.density == pytest.approx((q2 + k0**2) / (2 * np.pi), rel=1e-6)
