"""The LLG equation and its integrators: closed forms, Kittel, invariants, engines."""

import numpy as np
import pytest

import spinkit.magnetization as mag
from spinkit.errors import ParameterError

GAMMA = 1.76085962784e11  # electron gyromagnetic ratio, CODATA 2022 [rad/(s T)]
MU0 = 1.25663706127e-6  # vacuum permeability, CODATA 2022 [N/A^2]
ENGINES = ("numba", "numpy")


def _precession_exact(t, b, alpha, theta0):
    """tan(theta/2) = tan(theta0/2) exp(-alpha w t), phi = w t, w = gamma B / (1 + alpha^2)."""
    w = GAMMA * b / (1 + alpha**2)
    theta = 2 * np.arctan(np.tan(theta0 / 2) * np.exp(-alpha * w * t))
    return np.stack([np.sin(theta) * np.cos(w * t), np.sin(theta) * np.sin(w * t),
                     np.cos(theta)], axis=-1)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("method", mag.METHODS)
@pytest.mark.parametrize("alpha", [0.0, 0.2])
def test_precession_closed_form(engine, method, alpha):
    """Free precession (alpha = 0) and damped ringdown in a field along z."""
    magnet = mag.Macrospin(Ms=8e5, alpha=alpha, volume=1e-24, terms=mag.Zeeman([0, 0, 0.2]))
    theta0 = 1.2
    tr = mag.simulate(magnet, [np.sin(theta0), 0, np.cos(theta0)], 0.25e-9, method=method,
                      dt=2e-14, samples=51, engine=engine)
    # measured: rk45 2e-8, dop853 5e-8 (default rtol 1e-7), rk4 1.5e-12, heun 6e-7 (both
    # engines)
    tol = {"rk45": 1e-7, "dop853": 1e-7, "rk4": 1e-11, "heun": 3e-6}[method]
    np.testing.assert_allclose(tr.m, _precession_exact(tr.t, 0.2, alpha, theta0), atol=tol)
    np.testing.assert_allclose(mag.damped_precession(tr.t, 0.2, alpha, theta0),
                               _precession_exact(tr.t, 0.2, alpha, theta0), atol=1e-12)


@pytest.mark.parametrize("method, order", [("rk4", 4), ("heun", 2)])
def test_convergence_order(method, order):
    """Halving dt divides the error by 2^order."""
    magnet = mag.Macrospin(Ms=8e5, alpha=0.1, volume=1e-24, terms=mag.Zeeman([0, 0, 1.0]))
    m0 = [np.sin(1.0), 0, np.cos(1.0)]
    errs = []
    for dt in (4e-13, 2e-13, 1e-13):
        tr = mag.simulate(magnet, m0, 2e-10, method=method, dt=dt, samples=2)
        errs.append(np.abs(tr.m[-1] - _precession_exact(tr.t[-1], 1.0, 0.1, 1.0)).max())
    rates = np.log2(np.array(errs[:-1]) / np.array(errs[1:]))
    np.testing.assert_allclose(rates, order, atol=0.25)


def _ringdown_frequency(tr, component):
    """Frequency [Hz] from the zero crossings of a transverse component."""
    y = tr.m[:, component] - tr.m[:, component].mean()
    idx = np.flatnonzero(np.sign(y[:-1]) != np.sign(y[1:]))
    tc = tr.t[idx] - y[idx] * (tr.t[idx + 1] - tr.t[idx]) / (y[idx + 1] - y[idx])
    return (len(tc) - 1) / (2 * (tc[-1] - tc[0]))


def test_kittel_in_plane_film():
    """Kittel (Phys. Rev. 73, 155 (1948)): a film with an in-plane field along x resonates at
    f = gamma/2pi sqrt(B (B + mu0 Ms)). Permalloy, B = 50 mT: about 6.7 GHz."""
    ms, b = 8.6e5, 0.05
    magnet = mag.Macrospin(Ms=ms, alpha=0.0, volume=1e-24,
                           terms=mag.Zeeman([b, 0, 0]) + mag.Demag.thin_film())
    tr = mag.simulate(magnet, [np.cos(0.01), np.sin(0.01), 0], 4e-9, samples=8001)
    expected = GAMMA / (2 * np.pi) * np.sqrt(b * (b + MU0 * ms))
    assert 6.6e9 < expected < 6.7e9
    assert _ringdown_frequency(tr, 1) == pytest.approx(expected, rel=5e-5)  # measured 7e-6
    assert mag.kittel_frequency(b, ms, (0, 1, 0)) == pytest.approx(expected, rel=1e-12)


def test_kittel_perpendicular_disc():
    """Perpendicular anisotropy plus film demag, field along z: f = gamma/2pi (B + B_K - mu0 Ms)."""
    ms, k, b = 1.2e6, 1.1e6, 0.1
    magnet = mag.Macrospin(Ms=ms, alpha=0.0, volume=1e-24,
                           terms=mag.Zeeman([0, 0, b]) + mag.UniaxialAnisotropy(k)
                           + mag.Demag.thin_film())
    tr = mag.simulate(magnet, [0.01, 0, 1], 2e-9, samples=8001, method="rk4", dt=1e-14)
    expected = GAMMA / (2 * np.pi) * (b + 2 * k / ms - MU0 * ms)
    # measured 4e-5 (the 0.01 rad tilt shifts the frequency at second order)
    assert _ringdown_frequency(tr, 0) == pytest.approx(expected, rel=1e-4)
    assert mag.kittel_frequency(b, ms, (0, 0, 1), 2 * k / ms) == pytest.approx(
        expected, rel=1e-12)


def _busy_magnet(alpha, with_torques=True):
    terms = (mag.Zeeman([0.02, 0.0, 0.03]) + mag.UniaxialAnisotropy(3e5, [0, 0.3, 1])
             + mag.CubicAnisotropy(4e4, [1, 0, 0], [0, 1, 0]) + mag.Demag([0.1, 0.2, 0.7])
             + mag.InterlayerExchange(2e-4, 2e-9, [1, 0, 0], J2=-5e-5))
    if with_torques:
        terms = (terms + mag.Slonczewski(5e10, 0.6, 2e-9, [0, 1, 0], asymmetry=1.5,
                                         field_like=0.1, waveform=mag.Pulse(0.2e-9, 0.1e-9))
                 + mag.SpinOrbitTorque(-3e10, 0.3, 2e-9, [1, 1, 0], field_like_angle=-0.1,
                                       waveform=mag.Sine(3e9)))
    return mag.Macrospin(Ms=1e6, alpha=alpha, volume=1e-24, terms=terms)


def test_rhs_is_perpendicular_to_m():
    rng = np.random.default_rng(5)
    """|m| is conserved: m . dm/dt = 0 for any m, with every term and torque."""
    m = rng.normal(size=(50, 3))
    m /= np.linalg.norm(m, axis=1, keepdims=True)
    magnet = _busy_magnet(0.05)
    for t in (0.0, 0.15e-9):
        dm = magnet.rhs(t, m, b_thermal=rng.normal(size=m.shape))
        assert np.max(np.abs(np.sum(m * dm, axis=1))) < 1e-12 * np.max(np.abs(dm))


@pytest.mark.parametrize("method", mag.METHODS)
def test_energy_conserved_without_damping(method):
    """alpha = 0 and no torques: E(t) stays constant; |m| = 1 throughout."""
    magnet = _busy_magnet(0.0, with_torques=False)
    tr = mag.simulate(magnet, [0.3, -0.5, 0.8], 1e-9, method=method, dt=2e-15, samples=101,
                      rtol=1e-10, atol=1e-12)
    spread = np.ptp(tr.energy) / np.abs(tr.energy).max()
    assert spread < 2e-9  # measured 4e-11 (rk45), 5e-11 (dop853), 3e-13 (rk4),
    # 5e-10 (heun)
    np.testing.assert_allclose(np.linalg.norm(tr.m, axis=-1), 1.0, atol=1e-12)
    assert np.ptp(tr.m[:, 0]) > 0.1  # it did move


def test_damping_lowers_energy():
    """With alpha > 0 and no torques, dE/dt = -alpha gamma Ms V |m x B|^2 / (1+alpha^2) <= 0."""
    magnet = _busy_magnet(0.05, with_torques=False)
    tr = mag.simulate(magnet, [0.3, -0.5, 0.8], 2e-9, samples=401)
    assert np.all(np.diff(tr.energy) <= 1e-30)
    assert tr.energy[-1] < tr.energy[0]


def _rotation(angle, axis):
    axis = np.asarray(axis, float) / np.linalg.norm(axis)
    k = np.array([[0, -axis[2], axis[1]], [axis[2], 0, -axis[0]], [-axis[1], axis[0], 0]])
    return np.eye(3) + np.sin(angle) * k + (1 - np.cos(angle)) * k @ k


def _stack(r, alpha=0.02):
    return mag.Macrospin(Ms=1e6, alpha=alpha, volume=1e-24, terms=(
        mag.Zeeman(r @ [0.0, 0.05, 0.1]) + mag.UniaxialAnisotropy(2e5, r @ [0, 1, 1])
        + mag.CubicAnisotropy(3e4, r @ [1, 0, 0], r @ [0, 1, 0]) + mag.Demag(r @ np.diag(
            [0.1, 0.3, 0.6]) @ r.T)
        + mag.Slonczewski(2e11, 0.5, 1e-9, r @ [1.0, 0, 0], asymmetry=2.0, field_like=0.2)
        + mag.SpinOrbitTorque(1e11, 0.2, 1e-9, r @ [0, 1.0, 0], field_like_angle=0.1)))


@pytest.mark.parametrize("method", mag.METHODS)
def test_rotation_covariance(method):
    """Rotating every field, axis and polarization by R rotates the trajectory: R m(t)."""
    r = _rotation(2.0, [1, -2, 0.5])
    m0 = np.array([0.2, 0.4, 0.9])
    a = mag.simulate(_stack(np.eye(3)), m0, 0.3e-9, method=method, dt=1e-14, samples=11)
    b = mag.simulate(_stack(r), r @ m0, 0.3e-9, method=method, dt=1e-14, samples=11)
    # measured 2e-8 (rk45), 3e-8 (dop853): adaptive steps differ slightly; 6e-14 (fixed)
    adaptive = method in ("rk45", "dop853")
    np.testing.assert_allclose(b.m, a.m @ r.T, atol=1e-7 if adaptive else 1e-12)


def test_time_reversal_without_damping():
    """alpha = 0, no torques: (m, B, t) -> (-m, -B, -t) is a symmetry, so running from -m(T)
    with every field reversed returns to -m0 at time T."""
    def conservative(s):
        return mag.Macrospin(Ms=1e6, alpha=0.0, volume=1e-24, terms=(
            mag.Zeeman([0.0, s * 0.05, s * 0.1]) + mag.UniaxialAnisotropy(2e5, [0, 1, 1])
            + mag.Demag([0.1, 0.3, 0.6]) + mag.InterlayerExchange(s * 1e-4, 1e-9, [1, 0, 0])))
    m0 = np.array([0.2, 0.4, 0.9]) / np.linalg.norm([0.2, 0.4, 0.9])
    fwd = mag.simulate(conservative(1), m0, 0.5e-9, method="rk4", dt=1e-15, samples=2)
    back = mag.simulate(conservative(-1), -fwd.m[-1], 0.5e-9, method="rk4", dt=1e-15,
                        samples=2)
    assert np.linalg.norm(fwd.m[-1] - m0) > 0.3
    np.testing.assert_allclose(back.m[-1], -m0, atol=1e-9)


@pytest.mark.parametrize("method", mag.METHODS)
def test_engines_agree(method):
    """The compiled kernels and the terms' own numpy formulas give the same trajectory."""
    magnet = _busy_magnet(0.03)
    m0 = [[0.1, 0.2, 0.97], [0.9, 0.1, -0.4]]
    kw = dict(method=method, dt=5e-14, samples=21, rtol=1e-9, atol=1e-11)
    a = mag.simulate(magnet, m0, 0.25e-9, engine="numba", **kw)
    b = mag.simulate(magnet, m0, 0.25e-9, engine="numpy", **kw)
    adaptive = method in ("rk45", "dop853")  # measured 1e-8 (dop853): steps across the pulse
    np.testing.assert_allclose(a.m, b.m, atol=1e-6 if adaptive else 1e-10)


def test_ensemble_matches_single_runs():
    magnet = _busy_magnet(0.03)
    m0 = np.array([[0.1, 0.2, 0.97], [0.9, 0.1, -0.4], [0.0, -1.0, 0.0]])
    ens = mag.simulate(magnet, m0, 0.2e-9, method="rk4", dt=1e-14, samples=5)
    assert ens.m.shape == (3, 5, 3) and ens.energy.shape == (3, 5)
    for i in range(3):
        one = mag.simulate(magnet, m0[i], 0.2e-9, method="rk4", dt=1e-14, samples=5)
        np.testing.assert_allclose(one.m, ens.m[i], atol=1e-14)


def test_simulate_refuses_bad_input():
    magnet = _busy_magnet(0.03)
    cases = [
        (dict(m0=[0, 0, 0]), "m0"),
        (dict(m0=[1, 0]), "m0"),
        (dict(duration=-1.0), "duration"),
        (dict(method="euler"), "method"),
        (dict(engine="gpu"), "engine"),
        (dict(samples=1), "samples"),
        (dict(dt=0.0), "dt"),
        (dict(rtol=2.0), "rtol"),
        (dict(watch=([0, 0, 0], 0.0)), "watch"),
        (dict(watch=([0, 0, 1], "high")), "watch"),
        (dict(watch=([0, 0, 1], 1.5)), "watch"),
        (dict(stop_at_crossing=True), "stop_at_crossing"),
        (dict(t_out=[0.0, 2e-10]), "t_out"),
        (dict(seed=-1), "seed"),
        (dict(seed=1.5), "seed"),
    ]
    for change, name in cases:
        kw = dict(m0=[0, 0, 1], duration=1e-10) | change
        with pytest.raises(ParameterError) as err:
            mag.simulate(magnet, **kw)
        assert err.value.name == name
        assert str(err.value).startswith(name + " = ")
    hot = magnet.with_terms(list(magnet.terms) + [mag.ThermalField(300)])
    with pytest.raises(ParameterError, match="heun"):
        mag.simulate(hot, [0, 0, 1], 1e-10, method="rk45")


@pytest.mark.parametrize("call, name", [
    (lambda: mag.sun_critical_current(0.01, 1e6, 1e-9, 0.0, 0.5), "eta"),
    (lambda: mag.kittel_frequency(0.1, 1e6, (0.0, 1.0)), "factors"),
    (lambda: mag.kittel_frequency(0.1, 1e6, gamma=-1.0), "gamma"),
    (lambda: mag.larmor_frequency(0.1, gamma=0.0), "gamma"),
    (lambda: mag.damped_precession([0.0, np.nan], 0.1, 0.1, 1.0), "t"),
    (lambda: mag.brown_relaxation_time(0.1, 1e6, 1e-24, 1e5, 300.0, gamma=np.inf), "gamma"),
    (lambda: mag.wilson_interval(3, 0), "trials"),
    (lambda: mag.wilson_interval(11, 10), "successes"),
    (lambda: mag.wilson_interval(1, 10, z=-1.0), "z"),
])
def test_closed_forms_refuse_bad_input(call, name):
    with pytest.raises(ParameterError) as err:
        call()
    assert err.value.name == name and str(err.value).startswith(name + " = ")


def test_trajectory_outputs():
    magnet = _busy_magnet(0.03)
    tr = mag.simulate(magnet, [0, 0, 1], 1e-10, samples=11, watch=([0, 0, 1], 0.5))
    ds = tr.to_xarray()
    assert ds["m"].shape == (11, 3) and ds["energy"].attrs["units"] == "J"
    assert tr.plot() is not None
