"""Born impurity scattering: no backscattering on a TI cone, interband backscattering in a
Rashba gas.

Expectations are derived here from the spinors of the two models, written out by hand:

* TI cone, H = hbar v (sigma_x k_y - sigma_y k_x): the upper-cone spinor at angle phi is
  (1, -i e^{i phi}) / sqrt2, so |<u(phi + theta)|u(phi)>|^2 = |1 + e^{-i theta}|^2 / 4
  = (1 + cos theta)/2, zero at theta = pi.
* Rashba, H = hbar^2k^2/2m + alpha (sigma_x k_y - sigma_y k_x): lower/upper band spinors
  (1, +/- i e^{i phi})/sqrt2. Within a band the overlap is again (1 + cos theta)/2; between
  bands it is |1 - e^{-i theta}|^2/4 = (1 - cos theta)/2, one at theta = pi.
* Golden rule for contact impurities (density n_i, strength V0 [J m^2]):
  dGamma/dtheta = n_i V0^2 / (2 pi hbar) * k'/|dE/dk'| * overlap.
"""

import numpy as np
import pytest
from scipy.constants import eV, hbar, m_e

from spinkit.bands import DiracSurface, SpinOrbit2DEG
from spinkit.errors import ParameterError
from spinkit.transport.backscattering import born_scattering

V = 5.0e5  # m/s
N_I = 1e15  # 1/m^2
V0 = 0.5 * eV * 1e-18  # J m^2 (0.5 eV nm^2)


def ti(energy=0.1 * eV, n_angles=72, zeeman=(0.0, 0.0, 0.0), **kw):
    kf = energy / (hbar * V)
    return born_scattering(DiracSurface(V, zeeman=zeeman), energy, impurity_density=N_I,
                           potential=V0, n_angles=n_angles, k_max=3 * kf, **kw), kf


def test_ti_angular_factor_and_exact_zero_backscattering():
    res, kf = ti()
    assert list(res.band) == [1]
    np.testing.assert_allclose(res.k_fermi, kf, rtol=1e-12)
    np.testing.assert_allclose(res.overlap[0, 0], (1 + np.cos(res.theta)) / 2, atol=1e-13)
    assert res.theta[res.theta.size // 2] == pytest.approx(np.pi, abs=1e-15)
    assert res.backscattering_overlap[0, 0] < 1e-28  # zero up to rounding
    assert res.backscattering_rate[0, 0] < 1e-28 * res.rate[0, 0, 0]


def test_ti_rates_and_transport_time_twice_the_lifetime():
    """dGamma/dtheta = n_i V0^2 k_F / (2 pi hbar^2 v) (1 + cos)/2, so 1/tau_q =
    n_i V0^2 k_F / (2 hbar^2 v) and, weighting by 1 - cos theta, tau_tr = 2 tau_q: the
    ratio for contact disorder on a single Dirac cone (E. H. Hwang and S. Das Sarma, PRB 77,
    195412 (2008); D. Culcer et al., PRB 82, 155457 (2010))."""
    res, kf = ti()
    pref = N_I * V0**2 * kf / (2 * np.pi * hbar**2 * V)
    np.testing.assert_allclose(res.rate[0, 0], pref * (1 + np.cos(res.theta)) / 2, rtol=1e-8,
                               atol=1e-12 * pref)
    inv_tq = N_I * V0**2 * kf / (2 * hbar**2 * V)
    assert res.quasiparticle_rate[0] == pytest.approx(inv_tq, rel=1e-8)
    assert res.quasiparticle_rate[0] / res.momentum_relaxation_rate[0] == pytest.approx(
        2.0, rel=1e-8)


def test_ti_magnetic_impurity_and_gap_open_backscattering():
    """m_z sigma_z: |<u(phi+theta)| sigma_z |u(phi)>|^2 = |1 - e^{-i theta}|^2/4 =
    (1 - cos theta)/2, full at pi. A gap D (b_z = D) tilts the spinor to (cos(c/2),
    -i sin(c/2) e^{i phi}) with cos c = D/E, and the overlap at pi becomes
    (cos^2 - sin^2)^2 = (D/E)^2."""
    res, kf = ti()
    mz = 0.3 * V0
    mag = born_scattering(DiracSurface(V), 0.1 * eV, impurity_density=N_I, potential=0.0,
                          magnetic=(0.0, 0.0, mz), n_angles=72, k_max=3 * kf)
    pref = N_I * mz**2 * kf / (2 * np.pi * hbar**2 * V)
    np.testing.assert_allclose(mag.rate[0, 0], pref * (1 - np.cos(mag.theta)) / 2, rtol=1e-8,
                               atol=1e-12 * pref)
    d = 0.04 * eV
    gapped, _ = ti(zeeman=(0.0, 0.0, d))
    assert gapped.backscattering_overlap[0, 0] == pytest.approx((d / (0.1 * eV)) ** 2,
                                                                rel=1e-10)
    assert res.backscattering_overlap[0, 0] < 1e-28


def test_rashba_interband_backscattering_allowed():
    m, alpha = 0.041 * m_e, 1e-11 * eV
    k0 = m * alpha / hbar**2
    energy = 2 * m * alpha**2 / hbar**2
    res = born_scattering(SpinOrbit2DEG(m, alpha), energy, impurity_density=N_I, potential=V0,
                          n_angles=64, k_max=10 * k0)
    assert list(res.band) == [0, 1]
    q = np.sqrt(k0**2 + 2 * m * energy / hbar**2)
    np.testing.assert_allclose(res.k_fermi[:, 0], [q + k0, q - k0], rtol=1e-12)
    c = np.cos(res.theta)
    for i in range(2):
        np.testing.assert_allclose(res.overlap[i, i], (1 + c) / 2, atol=1e-12)
        np.testing.assert_allclose(res.overlap[i, 1 - i], (1 - c) / 2, atol=1e-12)
    back = res.backscattering_overlap
    assert back[0, 0] < 1e-28 and back[1, 1] < 1e-28
    assert back[0, 1] == pytest.approx(1.0, abs=1e-12)
    # closed form at 180 deg: overlap 1 times the final contour's k/|dE/dk| =
    # (m/hbar^2)(q -/+ k0)/q (outer -> inner, inner -> outer)
    pref = N_I * V0**2 / (2 * np.pi * hbar) * m / hbar**2
    assert res.backscattering_rate[0, 1] == pytest.approx(pref * (q - k0) / q, rel=1e-9)
    assert res.backscattering_rate[1, 0] == pytest.approx(pref * (q + k0) / q, rel=1e-9)


def test_rashba_momentum_relaxation_with_two_contours():
    """1/tau_p from the outer contour (k_out = q + k0) in units of P = n_i V0^2 m /
    (2 pi hbar^3): within it, int (1 + cos)/2 (1 - cos) = pi/2 times a = (q + k0)/q; to the
    inner one (k_in = q - k0), int (1 - cos)/2 (1 - r cos) = pi (1 + r/2), r = k_in / k_out,
    times b = (q - k0)/q. 1/tau_q = 2 pi P (a + b = 2), so tau_p / tau_q = 2 / (a/2 +
    b (1 + r/2)): 1 + 1/sqrt2 at E_F = E_R, between the single-contour 2 and 1."""
    m, alpha = 0.041 * m_e, 1e-11 * eV
    k0 = m * alpha / hbar**2
    energy = m * alpha**2 / (2 * hbar**2)  # E_R: q = sqrt2 k0
    res = born_scattering(SpinOrbit2DEG(m, alpha), energy, impurity_density=N_I, potential=V0,
                          n_angles=64, k_max=10 * k0)
    q = np.sqrt(2) * k0
    a, b, r = (q + k0) / q, (q - k0) / q, (q - k0) / (q + k0)
    p = N_I * V0**2 * m / (2 * np.pi * hbar**3)
    assert res.momentum_relaxation_rate[0] == pytest.approx(
        p * np.pi * (a / 2 + b * (1 + r / 2)), rel=1e-9)
    ratio = res.quasiparticle_rate[0] / res.momentum_relaxation_rate[0]
    assert ratio == pytest.approx(2 / (a / 2 + b * (1 + r / 2)), rel=1e-9)
    assert ratio == pytest.approx(1 + 1 / np.sqrt(2), rel=1e-9)


def test_rashba_lifetime_equals_the_spin_degenerate_gas():
    """Above the crossing k/|dE/dk| = (m/hbar^2)(q -/+ k0)/q on the two contours, and each
    overlap averages to 1/2 over theta, so 1/tau_q = n_i V0^2 m / hbar^3 on either contour,
    independent of alpha: the value without spin-orbit coupling."""
    m = 0.041 * m_e
    expect = N_I * V0**2 * m / hbar**3
    for alpha in (0.3e-11 * eV, 1e-11 * eV):
        energy = 3 * m * alpha**2 / hbar**2
        res = born_scattering(SpinOrbit2DEG(m, alpha), energy, impurity_density=N_I,
                              potential=V0, n_angles=64, k_max=10 * m * alpha / hbar**2)
        np.testing.assert_allclose(res.quasiparticle_rate, expect, rtol=1e-8)


@pytest.mark.parametrize("direction", [0.0, 0.3, 2.0])
def test_time_reversal_forbids_intraband_backscattering_with_dresselhaus(direction):
    """Rashba + Dresselhaus (beta = 0.5 alpha): the contours are no longer circles, but time
    reversal, h(-k) = -h(k), still gives the state at -k of each band the opposite spin of
    the one at k. So a scalar impurity cannot backscatter within a band (overlap 0), while
    the other band's state at -k has the same spin (overlap 1), for any incoming direction."""
    m, alpha = 0.041 * m_e, 1e-11 * eV
    ham = SpinOrbit2DEG(m, alpha, 0.5 * alpha)
    res = born_scattering(ham, 2 * m * alpha**2 / hbar**2, impurity_density=N_I,
                          potential=V0, direction=direction, n_angles=64,
                          k_max=20 * m * alpha / hbar**2)
    assert list(res.band) == [0, 1]
    half = res.theta.size // 2
    np.testing.assert_allclose(res.k_fermi[:, half], res.k_fermi[:, 0], rtol=1e-12)
    assert np.ptp(res.k_fermi[0]) > 0.01 * res.k_fermi[0, 0]  # visibly anisotropic
    back = res.backscattering_overlap
    np.testing.assert_allclose(np.diag(back), 0, atol=1e-20)
    np.testing.assert_allclose([back[0, 1], back[1, 0]], 1, atol=1e-12)


def test_isotropy_and_scaling():
    """A rotated incoming direction gives the same rates; rates go as n_i V0^2."""
    base, kf = ti(n_angles=36)
    turned, _ = ti(n_angles=36, direction=1.1)
    np.testing.assert_allclose(turned.rate, base.rate, rtol=1e-9, atol=1e-12 * base.rate.max())
    double = born_scattering(DiracSurface(V), 0.1 * eV, impurity_density=2 * N_I,
                             potential=3 * V0, n_angles=36, k_max=3 * kf)
    np.testing.assert_allclose(double.rate, 18 * base.rate, rtol=1e-9,
                               atol=1e-12 * base.rate.max())


@pytest.mark.parametrize(("kwargs", "name"), [
    ({"impurity_density": -1.0}, "impurity_density"),
    ({"n_angles": 37}, "n_angles"),
    ({"magnetic": (1.0,)}, "magnetic"),
    ({"potential": float("inf")}, "potential"),
])
def test_bad_input(kwargs, name):
    args = {"impurity_density": N_I, "potential": V0, "n_angles": 36, "k_max": 1e9} | kwargs
    with pytest.raises(ParameterError, match=f"^{name} ="):
        born_scattering(DiracSurface(V), 0.1 * eV, **args)


def test_energy_on_no_band():
    with pytest.raises(ParameterError, match="^energy ="):
        born_scattering(DiracSurface(V), 0.1 * eV, impurity_density=N_I, potential=V0,
                        k_max=1e6)
