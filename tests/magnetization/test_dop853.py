"""The adaptive eighth-order Dormand-Prince method (``method="dop853"``).

Method: E. Hairer, S. P. Norsett and G. Wanner, Solving Ordinary Differential Equations I,
2nd ed. (Springer 1993), sec. II.5 (the 8(5,3) pair: order 8, error estimate from embedded
5th- and 3rd-order solutions) and II.6 (its continuous extension of order 7). The truth is
the closed-form damped precession in a static field (spinkit.magnetization.analytic,
Mallinson, IEEE Trans. Magn. 23, 2003 (1987)), the exact precession frequency of a
uniaxial magnet, Kittel's small-angle limit of it (Phys. Rev. 73, 155 (1948)), and
independent integrators (fixed-step RK4, Dormand-Prince 5(4)).
"""

import numpy as np
import pytest

import spinkit.magnetization as mag
from spinkit.errors import ConvergenceError, ParameterError
from spinkit.magnetization import integrators

GAMMA = 1.76085962784e11  # electron gyromagnetic ratio, CODATA 2022 [rad/(s T)]
MU0 = 1.25663706127e-6  # vacuum permeability, CODATA 2022 [N/A^2]
THETA0 = 1.0
M0 = np.array([np.sin(THETA0), 0.0, np.cos(THETA0)])


def _ringdown(alpha=0.1, b=1.0):
    return mag.Macrospin(Ms=8e5, alpha=alpha, volume=1e-24, terms=mag.Zeeman([0, 0, b]))


def _exact(t, alpha=0.1, b=1.0):
    return mag.damped_precession(np.atleast_1d(t), b, alpha, THETA0)


def test_fixed_step_order_is_8():
    """Fixed steps of the tableau: halving h divides the global error by 2^8."""
    magnet = _ringdown()
    span = 1e-10  # 17.6 rad of precession; gamma B h = 1.1, 0.55, 0.28 below
    errs = []
    for n in (16, 32, 64):
        h, m = span / n, M0.copy()
        for i in range(n):
            m = integrators.normalize(integrators.dop853_step(magnet.rhs, i * h, m, h)[0])
        errs.append(np.abs(m - _exact(span)[0]).max())
    # measured rates 8.2, 7.9
    np.testing.assert_allclose(np.log2(np.array(errs[:-1]) / errs[1:]), 8, atol=0.35)


def test_dense_output_local_order_is_8():
    """The 7th-order continuous extension: its error inside one step from the exact state
    falls as h^8 (measured log2 ratios 7.95, 7.97)."""
    magnet = _ringdown()
    errs = []
    for h in (4e-12, 2e-12, 1e-12):
        m1, _, k = integrators.dop853_step(magnet.rhs, 0.0, M0, h)
        k.append(magnet.rhs(h, m1))
        coef = integrators._dop853_dense(magnet.rhs, 0.0, M0, m1, k, h)
        y = integrators._dop853_interpolate(M0, coef, 0.37)
        errs.append(np.abs(y - _exact(0.37 * h)[0]).max())
    np.testing.assert_allclose(np.log2(np.array(errs[:-1]) / errs[1:]), 8, atol=0.3)


@pytest.mark.parametrize("engine", ["numba", "numpy"])
def test_error_follows_tolerance(engine):
    """Over 1 ns (26 turns) of damped precession the error at every sample, most of them
    from the dense output, stays below rtol and falls with it; |m| = 1 at every sample."""
    magnet = _ringdown()
    for rtol in (1e-6, 1e-9, 1e-12):
        tr = mag.simulate(magnet, M0, 1e-9, method="dop853", rtol=rtol, atol=rtol / 100,
                          samples=301, engine=engine)
        err = np.abs(tr.m - _exact(tr.t)).max()
        assert rtol / 30 < err < rtol  # measured 0.63, 0.56 (1e-8), 0.38 (1e-12) rtol
        np.testing.assert_allclose(np.linalg.norm(tr.m, axis=-1), 1.0, atol=1e-15)


def test_compiled_kernel_is_the_reference_step_for_step():
    """The numba kernel and the readable numpy integrator take the same steps: on a smooth
    problem they agree to rounding (measured 2e-14), far below the tolerance."""
    magnet = _ringdown()
    kw = dict(method="dop853", rtol=1e-8, atol=1e-10, samples=301)
    a = mag.simulate(magnet, M0, 1e-9, engine="numba", **kw)
    b = mag.simulate(magnet, M0, 1e-9, engine="numpy", **kw)
    np.testing.assert_allclose(a.m, b.m, atol=1e-12)


@pytest.mark.parametrize("theta, rel", [(1e-3, 1e-6), (0.6, 1e-8), (1.2, 1e-8)])
def test_uniaxial_precession_frequency(theta, rel):
    """alpha = 0, field and anisotropy along z (perpendicular disc): m_z is conserved and m
    turns at f = gamma (B + B_K,eff cos theta) / 2 pi, B_K,eff = 2K/Ms - mu0 Ms, whose
    small-angle limit is Kittel's. Frequency from the unwrapped azimuth (measured 1e-10)."""
    ms, k, b = 1.2e6, 1.1e6, 0.1
    magnet = mag.Macrospin(Ms=ms, alpha=0.0, volume=1e-24,
                           terms=mag.Zeeman([0, 0, b]) + mag.UniaxialAnisotropy(k)
                           + mag.Demag.thin_film())
    tr = mag.simulate(magnet, [np.sin(theta), 0, np.cos(theta)], 2e-9, samples=401,
                      method="dop853", rtol=1e-9, atol=1e-12)
    phi = np.unwrap(np.arctan2(tr.m[:, 1], tr.m[:, 0]))
    f = np.polyfit(tr.t, phi, 1)[0] / (2 * np.pi)
    bk = 2 * k / ms - MU0 * ms
    assert f == pytest.approx(GAMMA / (2 * np.pi) * (b + bk * np.cos(theta)), rel=rel)
    if theta < 0.01:  # Kittel's resonance; the angle shifts it by 0.4 theta^2 = 4e-7 here
        kittel = mag.kittel_frequency(b, ms, (0, 0, 1), 2 * k / ms)
        assert f == pytest.approx(kittel, rel=1e-6)


@pytest.mark.parametrize("engine", ["numba", "numpy"])
@pytest.mark.parametrize("level", [0.0, 0.6])
def test_crossing_time_on_the_interpolant(level, engine):
    """m_z of a damped precession from theta0 = 2.5 rises through ``level`` at
    t_c = ln(tan(theta0/2) / tan(theta_c/2)) / (alpha w), cos theta_c = level, w =
    gamma B / (1 + alpha^2). The compiled engine finds the crossing on the dense output
    (measured 4e-11 relative; a straight line between steps would miss by ~1e-3); with
    stop_at_crossing the samples after the crossing step hold m. The numpy engine
    interpolates linearly between output samples (simulate's docstring): with 2001 samples
    (0.5 ps apart, 0.05 rad of precession) measured within 3e-5 relative."""
    alpha, b, th0 = 0.1, 0.5, 2.5
    magnet = _ringdown(alpha, b)
    w = GAMMA * b / (1 + alpha**2)
    t_c = np.log(np.tan(th0 / 2) / np.tan(np.arccos(level) / 2)) / (alpha * w)
    m0 = [np.sin(th0), 0, np.cos(th0)]
    kw = dict(method="dop853", rtol=1e-10, atol=1e-12, watch=([0, 0, 1], level),
              engine=engine)
    if engine == "numpy":
        tr = mag.simulate(magnet, m0, 1e-9, samples=2001, **kw)
        assert tr.crossing_time == pytest.approx(t_c, rel=1e-4)
        return
    tr = mag.simulate(magnet, m0, 1e-9, samples=11, **kw)
    assert tr.crossing_time == pytest.approx(t_c, rel=1e-9)
    stopped = mag.simulate(magnet, m0, 1e-9, samples=11, stop_at_crossing=True, **kw)
    assert stopped.crossing_time == tr.crossing_time
    after = np.flatnonzero(tr.t > t_c)
    assert stopped.m[after[0], 2] > level
    np.testing.assert_array_equal(stopped.m[after[1:]], stopped.m[after[1]][None].repeat(
        len(after) - 1, axis=0))
    np.testing.assert_allclose(stopped.m[: after[0]], tr.m[: after[0]], atol=0)


PULSE_START, PULSE_LENGTH, PULSE_FIELD = 5.3e-9, 0.2e-9, np.array([0.1, 0.0, 0.0])


def _drive(kind, waveform=None):
    """The transverse drive: a 0.1 T field along x, or a Slonczewski torque with its
    polarizer along x (B_J = 3e10 / (Ms d) scale, P = 0.6)."""
    if kind == "field":
        return mag.Zeeman(PULSE_FIELD, waveform=waveform)
    return mag.Slonczewski(3e10, 0.6, 1e-9, [1, 0, 0], waveform=waveform)


def _pulsed(waveform=None, kind="field"):
    """A magnet at rest along its easy axis z until a 0.2 ns transverse pulse."""
    waveform = waveform or mag.Pulse(PULSE_LENGTH, start=PULSE_START)
    return mag.Macrospin(Ms=8e5, alpha=0.01, volume=1e-24,
                         terms=mag.UniaxialAnisotropy(5e5) + _drive(kind, waveform))


def _pulsed_reference(t, kind="field"):
    """m(t) [t > pulse end] of :func:`_pulsed` from m = z, piecewise: at rest until the
    pulse, then scipy's DOP853 at rtol 1e-12 with the drive on, then off. No solver step
    meets a discontinuity, so this is independent of the step control under test."""
    from scipy.integrate import solve_ivp

    on = mag.Macrospin(Ms=8e5, alpha=0.01, volume=1e-24,
                       terms=mag.UniaxialAnisotropy(5e5) + _drive(kind))
    off = on.with_terms(mag.UniaxialAnisotropy(5e5))
    kw = dict(method="DOP853", rtol=1e-12, atol=1e-14)
    t_end = PULSE_START + PULSE_LENGTH
    mid = solve_ivp(lambda tt, y: on.rhs(tt, y), (PULSE_START, t_end), [0.0, 0.0, 1.0], **kw)
    last = solve_ivp(lambda tt, y: off.rhs(tt, y), (t_end, t), mid.y[:, -1], **kw)
    return last.y[:, -1] / np.linalg.norm(last.y[:, -1])


@pytest.mark.parametrize("engine", ["numba", "numpy"])
@pytest.mark.parametrize(("method", "kind"), [("dop853", "field"), ("rk45", "field"),
                                              ("dop853", "torque")])
def test_pulse_meets_a_magnet_at_rest(method, kind, engine):
    """A magnet at rest has zero slopes at every stage, so a zero error estimate: the
    adaptive steps grew unchecked and stepped over a pulse shorter than the sample spacing
    (m stayed at z). Steps now end at the pulse's edges (simulate's docstring); m 0.2 ns
    after the pulse (tilted by 0.02 by the field, 1.4e-3 by the torque) matches the
    piecewise reference to 1e-7."""
    t_out = np.array([0.0, 2e-9, PULSE_START + PULSE_LENGTH + 0.2e-9, 8e-9])
    tr = mag.simulate(_pulsed(kind=kind), [0, 0, 1], 8e-9, method=method, t_out=t_out,
                      rtol=1e-9, atol=1e-11, engine=engine)
    np.testing.assert_array_equal(tr.m[1], [0, 0, 1])
    ref = _pulsed_reference(t_out[2], kind)
    assert np.hypot(ref[0], ref[1]) > 1e-3
    np.testing.assert_allclose(tr.m[2], ref, rtol=0, atol=1e-7)


def test_function_drive_is_not_skipped():
    """A Function has no known edges: dop853's steps are capped at the mean sample spacing
    (0.1 ns here), so a 0.2 ns pulse written as a Function is felt (before: m stayed at z);
    no step lands on its edges, so the agreement is looser than with a Pulse."""
    on = mag.Function(lambda t: 1.0 if PULSE_START <= t < PULSE_START + PULSE_LENGTH
                      else 0.0)
    t_end = PULSE_START + PULSE_LENGTH + 0.2e-9
    tr = mag.simulate(_pulsed(on), [0, 0, 1], t_end, method="dop853", samples=101,
                      engine="numpy")
    np.testing.assert_allclose(tr.m[-1], _pulsed_reference(t_end), rtol=0, atol=1e-4)


def _driven():
    """Every kind of packed term, with smooth time-dependent drives (a discontinuous pulse
    costs a fixed-step RK4 its order, and the comparison would test that instead)."""
    return mag.Macrospin(Ms=1e6, alpha=0.03, volume=1e-24, terms=(
        mag.Zeeman([0.02, 0.0, 0.03]) + mag.Zeeman([0.0, 0.05, 0.0], waveform=mag.Sine(5e9))
        + mag.UniaxialAnisotropy(3e5, [0, 0.3, 1])
        + mag.CubicAnisotropy(4e4, [1, 0, 0], [0, 1, 0]) + mag.Demag([0.1, 0.2, 0.7])
        + mag.Slonczewski(5e10, 0.6, 2e-9, [0, 1, 0], asymmetry=1.5, field_like=0.1)
        + mag.SpinOrbitTorque(-3e10, 0.3, 2e-9, [1, 1, 0], field_like_angle=-0.1,
                              waveform=mag.Sine(3e9))))


def test_same_trajectory_as_rk4_and_rk45():
    """With time-dependent fields and torques, dop853 follows fixed-step RK4 at 1 fs (its own
    error 3e-11: measured against 0.5 fs) and Dormand-Prince 5(4) to their tolerances
    (measured: 2e-11 against RK4 at rtol 1e-12, 1e-10 against rk45 at rtol 1e-10)."""
    magnet, m0 = _driven(), [0.1, 0.2, 0.97]
    tight = mag.simulate(magnet, m0, 0.5e-9, method="dop853", rtol=1e-12, atol=1e-14,
                         samples=51)
    rk4 = mag.simulate(magnet, m0, 0.5e-9, method="rk4", dt=1e-15, samples=51)
    assert np.ptp(rk4.m[:, 0]) > 0.5  # it moved
    np.testing.assert_allclose(tight.m, rk4.m, atol=2e-10)
    kw = dict(rtol=1e-10, atol=1e-12, samples=51)
    rk45 = mag.simulate(magnet, m0, 0.5e-9, method="rk45", **kw)
    dop = mag.simulate(magnet, m0, 0.5e-9, method="dop853", **kw)
    np.testing.assert_allclose(dop.m, rk45.m, atol=1e-8)


def test_ensemble_matches_single_runs():
    magnet = _driven()
    m0 = np.array([[0.1, 0.2, 0.97], [0.9, 0.1, -0.4], [0.0, -1.0, 0.0]])
    ens = mag.simulate(magnet, m0, 0.2e-9, method="dop853", samples=5)
    for i in range(3):
        one = mag.simulate(magnet, m0[i], 0.2e-9, method="dop853", samples=5)
        np.testing.assert_array_equal(one.m, ens.m[i])


@pytest.mark.parametrize("engine", ["numba", "numpy"])
def test_refuses_bad_input_and_reports_failure(engine):
    magnet = _ringdown()
    for change, name in [(dict(rtol=0.0), "rtol"), (dict(atol=1.5), "atol"),
                         (dict(dt=-1e-13), "dt")]:
        with pytest.raises(ParameterError) as err:
            mag.simulate(magnet, M0, 1e-10, method="dop853", engine=engine, **change)
        assert err.value.name == name
    hot = magnet.with_terms(list(magnet.terms) + [mag.ThermalField(300)])
    with pytest.raises(ParameterError, match="heun"):
        mag.simulate(hot, M0, 1e-10, method="dop853", engine=engine)
    # a tolerance below rounding: every step is rejected until the step underflows
    with pytest.raises(ConvergenceError):
        mag.simulate(magnet, M0, 1e-10, method="dop853", rtol=1e-300, atol=1e-300,
                     engine=engine)


def test_macrospin_scenario_kind_runs_dop853():
    """The ``macrospin`` scenario kind takes method = "dop853" (its choices are METHODS);
    the tour's perpendicular disc rings down at Kittel's gamma/2pi (B + 2K/Ms - mu0 Ms) as
    it does with rk45 (tests/magnetization/test_scenarios.py)."""
    from spinkit.progress import Progress
    from spinkit.scenario.registry import get_kind

    kind = get_kind("macrospin")
    p = kind.validate({**kind.tour, "method": "dop853"})
    ds = kind.compute(p, np.random.default_rng(0), Progress(enabled=False))
    expected = GAMMA / (2 * np.pi) * (0.1 + 2 * 1.1e6 / 1.2e6 - MU0 * 1.2e6)
    assert float(ds["resonance_frequency"]) == pytest.approx(expected, rel=2e-4)
    assert float(ds["ringdown_frequency"]) == pytest.approx(expected, rel=5e-3)
