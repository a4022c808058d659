"""Spin-transfer and spin-orbit torques: their form and Sun's switching threshold."""

import numpy as np
import pytest

import spinkit.magnetization as mag

GAMMA = 1.76085962784e11  # [rad/(s T)], CODATA 2022
MU0 = 1.25663706127e-6  # [N/A^2], CODATA 2022
HBAR = 1.0545718176461565e-34  # h / 2 pi [J s], exact in the 2019 SI
E = 1.602176634e-19  # [C]


def test_slonczewski_angular_dependence():
    """|tau| = gamma B_J eps(theta) sin(theta), eps = P L^2 / ((L^2+1) + (L^2-1) cos(theta))
    (Slonczewski, J. Magn. Magn. Mater. 159, L1 (1996); Xiao, Zangwill, Stiles, PRB 70,
    172405 (2004)); for Lambda = 1, eps = P/2 at every angle."""
    ms, d, j, pol = 1e6, 2e-9, 1e11, 0.4
    bj = HBAR * j / (E * ms * d)
    theta = np.linspace(0.1, 3.0, 12)
    m = np.stack([np.sin(theta), np.zeros_like(theta), np.cos(theta)], axis=1)
    for lam in (1.0, 2.0, 0.7):
        tq = mag.Slonczewski(j, pol, d, [0, 0, 1], asymmetry=lam).torque(m, ms, GAMMA)
        eps = pol * lam**2 / ((lam**2 + 1) + (lam**2 - 1) * np.cos(theta))
        np.testing.assert_allclose(np.linalg.norm(tq, axis=1),
                                   GAMMA * bj * eps * np.sin(theta), rtol=1e-12)
        # damping-like: in the plane of m and p, pulling m towards p (d m_z / dt > 0)
        assert np.all(tq[:, 2] > 0) and np.allclose(tq[:, 1], 0)
    assert mag.spin_torque_field(j, ms, d) == pytest.approx(bj, rel=1e-9, abs=0)


def test_field_like_sot_is_a_field():
    """A purely field-like SOT drives m exactly as a Zeeman field (theta_FL/2) B_J sigma."""
    ms, d, j = 1e6, 1e-9, 2e11
    sigma = np.array([0.0, 1.0, 0.0])
    base = mag.UniaxialAnisotropy(6e5) + mag.Demag.thin_film()
    sot = mag.SpinOrbitTorque(j, 0.0, d, sigma, field_like_angle=0.3)
    b_fl = 0.15 * HBAR * j / (E * ms * d)
    a = mag.simulate(mag.Macrospin(ms, 0.05, 1e-24, base + sot), [0.3, 0, 1], 1e-9,
                     method="rk4", dt=1e-14, samples=11)
    b = mag.simulate(mag.Macrospin(ms, 0.05, 1e-24, base + mag.Zeeman(b_fl * sigma)),
                     [0.3, 0, 1], 1e-9, method="rk4", dt=1e-14, samples=11)
    np.testing.assert_allclose(a.m, b.m, atol=1e-12)


def _growth_rate(magnet, m0, duration):
    """Exponential rate [1/s] of the small tilt away from the z axis."""
    tr = mag.simulate(magnet, m0, duration, samples=2001, rtol=1e-9, atol=1e-12)
    return np.polyfit(tr.t, np.log(np.linalg.norm(tr.m[:, :2], axis=1)), 1)[0]


def _threshold(rate_at, j_guess, linearity=1e-5):
    """Zero of the (linear) growth rate against current density. Below the threshold the
    linearised LLG has complex eigenvalues whose real part is exactly linear in j, so the
    fitted rates lie on a line up to the integration and fit error."""
    js = j_guess * np.array([0.0, 0.6, 1.4, 2.0])
    rates = np.array([rate_at(j) for j in js])
    slope, intercept = np.polyfit(js, rates, 1)
    assert np.max(np.abs(rates - (slope * js + intercept))) < linearity * np.ptp(rates)
    return -intercept / slope


def test_sun_critical_current_perpendicular():
    """J. Z. Sun, Phys. Rev. B 62, 570 (2000): the antiparallel state of a perpendicular
    macrospin becomes unstable at J_c0 = (2e/hbar)(alpha/eta) Ms d (B_K - mu0 Ms + B),
    eta = P for Lambda = 1."""
    ms, k, alpha, d, pol, b = 1.0e6, 8.0e5, 0.01, 1e-9, 0.5, 0.05
    stiff = 2 * k / ms - MU0 * ms + b
    expected = (2 * E / HBAR) * (alpha / pol) * ms * d * stiff
    assert 2.2e10 < expected < 2.5e10

    def rate(j):
        terms = (mag.UniaxialAnisotropy(k) + mag.Demag.thin_film() + mag.Zeeman([0, 0, -b])
                 + mag.Slonczewski(j, pol, d, [0, 0, 1]))
        return _growth_rate(mag.Macrospin(ms, alpha, 1e-24, terms), [1e-3, 0, -1], 3e-9)

    # measured: 4e-8 off Sun's value, rates linear to 3e-7 (rk45 at rtol 1e-9)
    assert _threshold(rate, expected) == pytest.approx(expected, rel=1e-6, abs=0)
    assert mag.sun_critical_current(alpha, ms, d, pol, stiff) == pytest.approx(
        expected, rel=1e-12, abs=0)


def test_sun_critical_current_in_plane():
    """Sun (2000) for an in-plane film (easy axis x, polarizer x):
    J_c0 = (2e/hbar)(alpha/eta) Ms d (B_K + mu0 Ms / 2)."""
    ms, k, alpha, d, pol = 8.0e5, 4.0e3, 0.02, 2e-9, 0.6
    expected = (2 * E / HBAR) * (alpha / pol) * ms * d * (2 * k / ms + MU0 * ms / 2)

    def rate(j):
        terms = (mag.UniaxialAnisotropy(k, [1, 0, 0]) + mag.Demag.thin_film()
                 + mag.Slonczewski(j, pol, d, [1, 0, 0]))
        magnet = mag.Macrospin(ms, alpha, 1e-24, terms)
        tr = mag.simulate(magnet, [-1, 1e-5, 0], 2e-9, samples=4001, rtol=1e-10, atol=1e-14)
        dev = tr.energy - magnet.energy(np.array([-1.0, 0, 0]))
        return np.polyfit(tr.t, np.log(dev), 1)[0] / 2

    # the energy of the elliptical orbit oscillates about its exponential envelope, which
    # the fit feels: measured 7e-4 off Sun's value, rates linear to 3e-5
    assert _threshold(rate, expected, 1e-4) == pytest.approx(expected, rel=2e-3, abs=0)
