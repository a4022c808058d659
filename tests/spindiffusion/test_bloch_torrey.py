"""Vector spin drift-diffusion-precession solver: Green's functions, convergence, 2D."""

import numpy as np
import pytest
from scipy.special import k0, kv

from spinkit import constants as c
from spinkit.errors import ParameterError
from spinkit.spindiffusion.bloch_torrey import (
    SpinChannel,
    injection_source,
    larmor_frequency,
    solve_steady,
    solve_transient,
)
from spinkit.spindiffusion.steady import steady_profile_1d

D, TAU = 0.02, 1e-10  # m^2/s, s (Cu-like at low temperature)
LAM = np.sqrt(D * TAU)


def _green_1d(x, t):
    """Free 1D diffusion-relaxation Green's function exp(-x^2/4Dt - t/tau)/sqrt(4 pi D t)."""
    return np.exp(-x**2 / (4 * D * t) - t / TAU) / np.sqrt(4 * np.pi * D * t)


def _transient_error(n, steps, scheme, field=0.0):
    t0, t1 = 0.2 * TAU, 1.0 * TAU
    half = 12 * np.sqrt(4 * D * t1)
    ch = SpinChannel((2 * half,), (n,), D, TAU, origin=(-half,), field=(0.0, 0.0, field))
    x = ch.axes[0]
    init = np.zeros((n, 3))
    init[:, 0] = _green_1d(x, t0)
    res = solve_transient(ch, duration=t1 - t0, steps=steps, initial=init, scheme=scheme)
    w = larmor_frequency(field) * (t1 - t0)
    g = _green_1d(x, t1)
    exact = np.stack([g * np.cos(w), g * np.sin(w), 0 * g], axis=-1)
    return np.max(np.abs(res.mu[-1] - exact)) / np.max(np.abs(g))


def test_green_function_crank_nicolson_second_order():
    """The numeric solution follows the exact Green's function; the error falls 4x per
    halving of h and dt (second order), as the scheme promises."""
    errs = [_transient_error(n, n // 4, "crank_nicolson") for n in (200, 400, 800)]
    assert errs[-1] < 2e-4
    rates = np.log2(np.array(errs[:-1]) / np.array(errs[1:]))
    np.testing.assert_allclose(rates, 2.0, atol=0.02)  # measured 1.997, 1.999


def test_green_function_backward_euler_first_order():
    """Backward Euler: error halves with dt at fixed fine h (first order in time)."""
    errs = [_transient_error(1600, s, "backward_euler") for s in (25, 50, 100)]
    rates = np.log2(np.array(errs[:-1]) / np.array(errs[1:]))
    np.testing.assert_allclose(rates, 1.0, atol=0.02)  # measured 0.997, 0.996


def test_precession_of_green_function():
    """In B along z the transverse accumulation rotates by Omega t = g mu_B B t / hbar."""
    assert _transient_error(800, 400, "crank_nicolson", field=0.3) < 2e-4
    assert larmor_frequency(1.0) == pytest.approx(c.g_e * c.mu_B / c.hbar, rel=1e-12, abs=0)


def test_backward_euler_stable_for_short_lifetime():
    """dt = 1000 tau_s: backward Euler decays monotonically to the steady state."""
    ch = SpinChannel((10 * LAM,), (100,), D, TAU)
    init = np.ones((100, 3))
    res = solve_transient(ch, duration=1e4 * TAU, steps=10, initial=init,
                          scheme="backward_euler", save_every=1)
    peak = np.max(np.abs(res.mu), axis=(1, 2))
    assert np.all(np.diff(peak) < 0)
    assert peak[-1] < 1e-20


def test_steady_matches_closed_forms_1d():
    """Open and sink ends: injection at x = 0 gives the Valet-Fert/Fabian closed forms, and
    the decay length is lambda_s = sqrt(D tau_s); the spin direction is kept when B = 0."""
    sigma, pol, j, length, n = 5e7, 0.3, 1e10, 4 * LAM, 400
    for end in ("open", "sink"):
        ch = SpinChannel((length,), (n,), D, TAU, boundary=("open", end))
        src = np.zeros((n, 3))
        src[0] = np.array([1.0, 2.0, 2.0]) / 3 * 2 * D / sigma * pol * j / ch.spacing[0]
        mu = solve_steady(ch, src).mu
        exact = steady_profile_1d(ch.axes[0], spin_diffusion_length=LAM, length=length,
                                  conductivity=sigma, polarization=pol, current_density=j,
                                  far_end=end)
        err = np.max(np.abs(np.linalg.norm(mu, axis=1) - exact)) / exact.max()
        assert err < 1e-4
        np.testing.assert_allclose(mu[:, 1], 2 * mu[:, 0], rtol=1e-10)


def test_drift_decay_lengths():
    """Drift v: downstream/upstream decay lengths 1/l = -/+ v/2D + sqrt(v^2/4D^2 + 1/(D tau))
    (Z. G. Yu and M. E. Flatte, Phys. Rev. B 66, 201202 (2002))."""
    v = 0.5 * D / LAM
    n = 4001
    ch = SpinChannel((40 * LAM,), (n,), D, TAU, origin=(-20 * LAM,), drift_velocity=(v,))
    src = injection_source(ch, (0.0,), spin_current=1.0, direction=(0, 0, 1),
                           conductivity=1e7, cross_section=1e-14)
    mu = solve_steady(ch, src).mu[:, 2]
    x = ch.axes[0]
    root = np.sqrt(v**2 / (4 * D**2) + 1 / (D * TAU))
    for sign, (a, b) in ((1, (2 * LAM, 4 * LAM)), (-1, (-2 * LAM, -4 * LAM))):
        ratio = np.interp(b, x, mu) / np.interp(a, x, mu)
        inv_l = -sign * v / (2 * D) + root
        assert ratio == pytest.approx(np.exp(-inv_l * abs(b - a)), rel=1e-4, abs=0)


def test_steady_2d_point_source_bessel():
    """2D point source Q: mu = (Q / 2 pi D) K0(r / lambda_w), lambda_w = sqrt(D/(1/tau - i
    Omega)) for the transverse pair (closed form of the 2D Helmholtz Green's function)."""
    n, half = 241, 8 * LAM
    field = 0.05
    ch = SpinChannel((2 * half, 2 * half), (n, n), D, TAU, origin=(-half, -half),
                     field=(0.0, 0.0, field))
    src = injection_source(ch, (0.0, 0.0), spin_current=1.0, direction=(1, 0, 0),
                           conductivity=1e7, cross_section=1e-8)
    q = src.max() * np.prod(ch.spacing)
    mu = solve_steady(ch, src).mu
    x = ch.axes[0]
    i0 = n // 2
    sel = (x > 5 * ch.spacing[0]) & (x < 3 * LAM)
    lam_w = np.sqrt(D / (1 / TAU - 1j * larmor_frequency(field)))
    exact = q / (2 * np.pi * D) * kv(0, x[sel] / lam_w)
    got = mu[sel, i0]
    np.testing.assert_allclose(got[:, 0], exact.real, rtol=2e-3, atol=2e-3 * abs(exact[0]))
    np.testing.assert_allclose(got[:, 1], exact.imag, rtol=2e-3, atol=2e-3 * abs(exact[0]))
    # B = 0 reduces to K0 (Abramowitz and Stegun, Table 9.8: K0(1) = 0.4210244382)
    assert k0(1.0) == pytest.approx(0.4210244382, rel=1e-9, abs=0)


def test_transient_2d_green():
    """2D Green's function exp(-r^2/4Dt - t/tau) / (4 pi D t), isotropic in x and y."""
    t0, t1 = 0.2 * TAU, 0.6 * TAU
    half = 6 * np.sqrt(4 * D * t1)
    n = 201
    ch = SpinChannel((2 * half, 2 * half), (n, n), D, TAU, origin=(-half, -half))
    x, y = ch.axes
    r2 = x[:, None] ** 2 + y[None, :] ** 2

    def g(t):
        return np.exp(-r2 / (4 * D * t) - t / TAU) / (4 * np.pi * D * t)

    init = np.zeros((n, n, 3))
    init[..., 2] = g(t0)
    res = solve_transient(ch, duration=t1 - t0, steps=80, initial=init)
    err = np.max(np.abs(res.mu[-1, ..., 2] - g(t1))) / g(t1).max()
    assert err < 2e-3
    np.testing.assert_allclose(res.mu[-1, ..., 2], res.mu[-1, ..., 2].T, atol=1e-12 * g(t1).max())


def test_bad_input():
    with pytest.raises(ParameterError, match="boundary"):
        SpinChannel((1e-6,), (10,), D, TAU, boundary="wall")
    with pytest.raises(ParameterError, match="drift_velocity"):
        SpinChannel((1e-6,), (10,), D, TAU, drift_velocity=(1e9,))
    with pytest.raises(ParameterError, match="spin_lifetime"):
        SpinChannel((1e-6,), (10,), D, -1.0)
    ch = SpinChannel((1e-6,), (10,), D, TAU)
    with pytest.raises(ParameterError, match="scheme"):
        solve_transient(ch, duration=1e-9, steps=3, scheme="rk4")
    with pytest.raises(ParameterError, match="position"):
        injection_source(ch, (2e-6,), spin_current=1.0, direction=(0, 0, 1), conductivity=1.0,
                         cross_section=1.0)
    with pytest.raises(ParameterError, match="source"):
        solve_steady(ch, np.zeros((5, 3)))


def test_spectral_and_lu_paths_agree():
    """The eigenbasis path solves the same discrete equations as the sparse LU path, with
    mixed open/sink sides, a tilted field and a source (steady and both schemes)."""
    ch = SpinChannel((3 * LAM, 2 * LAM), (23, 17), D, TAU, boundary=("open", "sink", "sink",
                                                                   "open"),
                     field=(0.02, -0.05, 0.08))
    rng = np.random.default_rng(1)
    src = rng.normal(size=(23, 17, 3))
    init = rng.normal(size=(23, 17, 3))
    a = solve_steady(ch, src, method="lu").mu
    b = solve_steady(ch, src, method="spectral").mu
    np.testing.assert_allclose(b, a, rtol=1e-9, atol=1e-12 * np.abs(a).max())
    for scheme in ("crank_nicolson", "backward_euler"):
        kw = dict(duration=3 * TAU, steps=30, initial=init, source=src, scheme=scheme,
                  save_every=10)
        a = solve_transient(ch, method="lu", **kw).mu
        b = solve_transient(ch, method="spectral", **kw).mu
        np.testing.assert_allclose(b, a, rtol=1e-9, atol=1e-12 * np.abs(a).max())
    with pytest.raises(ParameterError, match="method"):
        solve_steady(SpinChannel((1e-6,), (10,), D, TAU, drift_velocity=(1.0,)), None,
                     method="spectral")


def test_switch_on_transient():
    """Injection switched on at t = 0 into a long channel follows the Carslaw-Jaeger flux
    solution; its limits are erf(sqrt(t/tau)) at x = 0 and the steady e^{-x/lambda}."""
    from scipy.special import erf

    from spinkit.spindiffusion.bloch_torrey import switch_on_profile

    sigma, pol, j = 6e7, 0.3, 1e10
    amp = 2 * pol * j * LAM / sigma
    kw = dict(diffusion_constant=D, spin_lifetime=TAU, conductivity=sigma, polarization=pol,
              current_density=j)
    t = np.array([0.1, 1.0, 3.0]) * TAU
    np.testing.assert_allclose(switch_on_profile(0.0, t, **kw), amp * erf(np.sqrt(t / TAU)),
                               rtol=1e-12)
    np.testing.assert_allclose(switch_on_profile(2 * LAM, 200 * TAU, **kw),
                               amp * np.exp(-2.0), rtol=1e-12)
    n = 800
    ch = SpinChannel((12 * LAM,), (n,), D, TAU)
    src = np.zeros((n, 3))
    src[0, 2] = 2 * D / sigma * pol * j / ch.spacing[0]
    res = solve_transient(ch, duration=4 * TAU, steps=800, source=src, save_every=100)
    x = ch.axes[0]
    exact = switch_on_profile(x[None, :], res.times[1:, None], **kw)
    err = np.max(np.abs(res.mu[1:, :, 2] - exact)) / amp
    assert err < 5e-5


def test_absorbing_contact_boundary():
    """Injection at x = 0, a contact F = kappa mu at x = L: mu = A [cosh((L-x)/l) + (kappa l/D)
    sinh((L-x)/l)], A = F0 l / (D [sinh(L/l) + (kappa l/D) cosh(L/l)]) (solved by hand from
    mu'' = mu/l^2, -D mu'(0) = F0, -D mu'(L) = kappa mu(L)); kappa = 0 and kappa -> inf are
    the open and sink ends; the error falls as h^2."""
    from spinkit.spindiffusion.bloch_torrey import contact_velocity

    sigma, length = 5e7, 3 * LAM
    kappa = contact_velocity(2e13, sigma, D)  # g = 2e13 S/m^2
    assert kappa == pytest.approx(2 * D * 2e13 / sigma, rel=1e-12, abs=0)
    r = kappa * LAM / D
    errs = []
    for n in (100, 200, 400):
        ch = SpinChannel((length,), (n,), D, TAU, boundary=("open", kappa))
        src = np.zeros((n, 3))
        f0 = 1e3  # V m/s: flux of mu into the channel at x = 0
        src[0, 0] = f0 / ch.spacing[0]
        mu = solve_steady(ch, src).mu[:, 0]
        x = ch.axes[0]
        amp = f0 * LAM / (D * (np.sinh(length / LAM) + r * np.cosh(length / LAM)))
        exact = amp * (np.cosh((length - x) / LAM) + r * np.sinh((length - x) / LAM))
        errs.append(np.max(np.abs(mu - exact)) / exact.max())
    assert errs[-1] < 1e-6  # measured 8.3e-7
    np.testing.assert_allclose(np.log2(np.array(errs[:-1]) / np.array(errs[1:])), 2.0,
                               atol=0.03)  # measured 2.011, 2.005
    # kappa = 0 is open; a huge kappa is a sink
    src = np.zeros((100, 3))
    src[0, 2] = 1.0
    for side, limit in ((0.0, "open"), (1e12, "sink")):
        a = solve_steady(SpinChannel((length,), (100,), D, TAU, boundary=("open", side)), src)
        b = solve_steady(SpinChannel((length,), (100,), D, TAU, boundary=("open", limit)), src)
        np.testing.assert_allclose(a.mu, b.mu, rtol=1e-6, atol=1e-12 * np.abs(b.mu).max())
    with pytest.raises(ParameterError, match="boundary"):
        SpinChannel((1e-6,), (10,), D, TAU, boundary=("open", -1.0))
