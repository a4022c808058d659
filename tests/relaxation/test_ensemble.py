"""Spin-ensemble Monte Carlo against closed forms derived independently of the code.

Statistical errors come from the spread between independent batches of electrons
(``ensemble_lifetime``); a rate agrees when it is within 4 standard errors. The systematic
corrections to the motional-narrowing rate are O((Omega tau_p)^2) and kept below 0.3 %.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy.special import dawsn

from spinkit import constants as c
from spinkit.bands import SpinOrbit2DEG
from spinkit.errors import ParameterError
from spinkit.relaxation.bulk_dresselhaus import BulkDresselhaus
from spinkit.relaxation.ensemble import (
    FermiMomenta,
    ThermalMomenta,
    decay_time,
    ensemble_lifetime,
    fit_spin_lifetime,
    free_precession,
    helix_amplitude,
    polynomial_field,
    rotate,
    simulate_ensemble,
    steady_state_polarization,
)

MASS = 0.067 * c.m_e
ALPHA = 1e-12 * c.eV  # 1 meV nm, J m
KF = 1e8  # 1/m


def _agree(measured: float, error: float, expected: float) -> None:
    assert abs(measured - expected) < 4 * error, (measured, error, expected)
    assert error < 0.03 * expected  # the test has resolving power


def test_rotation_is_exact_precession():
    """Rodrigues rotation: S(t) for dS/dt = Omega x S with Omega = w z, S(0) = x, is
    (cos wt, sin wt, 0); |S| is conserved for any axis."""
    s = rotate(np.array([[1.0, 0, 0]]), np.array([[0, 0, 2.0]]), 0.3)
    np.testing.assert_allclose(s[0], [np.cos(0.6), np.sin(0.6), 0], atol=1e-15)
    rng = np.random.default_rng(1)
    spins = rng.normal(size=(50, 3))
    spins /= np.linalg.norm(spins, axis=1)[:, None]
    out = rotate(spins, rng.normal(size=(50, 3)), rng.random(50))
    np.testing.assert_allclose(np.linalg.norm(out, axis=1), 1.0, rtol=1e-14)


@pytest.mark.parametrize(("beta_ratio", "engine"), [(0.0, "numpy"), (0.5, "compiled")])
def test_motional_narrowing_2deg(beta_ratio, engine):
    """D'yakonov-Perel' motional narrowing in a 2DEG (Rashba alpha, Dresselhaus beta) on the
    Fermi circle, Omega tau_p << 1: the out-of-plane spin decays at <Omega_perp^2> tau_p with
    <Omega_x^2 + Omega_y^2> = (4 k_F^2 / hbar^2)(alpha^2 + beta^2) (angle average of
    Omega = (2/hbar)(alpha k_y + beta k_x, -alpha k_x - beta k_y, 0); the cross term averages
    to 0). M. I. D'yakonov and V. Yu. Kachorovskii, Sov. Phys. Semicond. 20, 110 (1986);
    J. Fabian et al., Acta Phys. Slovaca 57, 565 (2007), sec. IV."""
    beta = beta_ratio * ALPHA
    ham = SpinOrbit2DEG(MASS, rashba=ALPHA, dresselhaus=beta)
    w2 = 4 * KF**2 / c.hbar**2 * (ALPHA**2 + beta**2)
    tau = 0.05 / np.sqrt(w2)
    rate = w2 * tau
    res = simulate_ensemble(ham, FermiMomenta(KF, 2), momentum_time=tau, duration=2 / rate,
                            electrons=16_000, seed=3, engine=engine)
    ts, err = ensemble_lifetime(res, start=10 * tau)
    _agree(1 / ts, err / ts**2, rate)


def test_in_plane_anisotropy_2deg():
    """Rashba + Dresselhaus: in-plane spins along [110] and [1-10] relax at
    (2 k_F^2 / hbar^2)(alpha +/- beta)^2 tau_p (the projections of Omega on [1-10] and [110]
    averaged over the Fermi circle; N. S. Averkiev and L. E. Golub, Phys. Rev. B 60, 15582
    (1999))."""
    beta = 0.25 * ALPHA
    ham = SpinOrbit2DEG(MASS, rashba=ALPHA, dresselhaus=beta)
    tau = 0.07 / (2 * KF * (ALPHA + beta) / c.hbar)
    for axis, sign in (((1, 1, 0), +1), ((1, -1, 0), -1)):
        rate = 2 * KF**2 / c.hbar**2 * (ALPHA + sign * beta) ** 2 * tau
        res = simulate_ensemble(ham, FermiMomenta(KF, 2), momentum_time=tau,
                                duration=1.5 / rate, electrons=10_000, seed=4,
                                initial_spin=axis)
        ts, err = ensemble_lifetime(res, start=10 * tau)
        _agree(1 / ts, err / ts**2, rate)


def test_motional_narrowing_bulk_cubic_dresselhaus():
    """Bulk zinc-blende (GaAs gamma, Winkler Table 6.3), electrons on a Fermi sphere,
    isotropic collisions: 1/tau_s = (32/105) gamma^2 k_F^6 tau_p / hbar^2 (D'yakonov and
    Perel', Sov. Phys. Solid State 13, 3023 (1972)): the sphere average of
    Omega_x^2 + Omega_y^2, Omega = (2 gamma / hbar) (k_x (k_y^2 - k_z^2), ...), from the
    moments <n_x^2 n_y^4> = 1/35 and <n_x^2 n_y^2 n_z^2> = 1/105."""
    ham = BulkDresselhaus.from_material("GaAs")
    kf = 3e8
    w2 = 32 / 105 * ham.gamma**2 * kf**6 / c.hbar**2
    tau = 0.05 / np.sqrt(w2 * 1.5)  # Omega_rms tau, <Omega^2> = 3/2 <Omega_perp^2>
    rate = w2 * tau
    res = simulate_ensemble(ham, FermiMomenta(kf, 3), momentum_time=tau,
                            duration=1.5 / rate, electrons=10_000, seed=5)
    ts, err = ensemble_lifetime(res, start=10 * tau)
    _agree(1 / ts, err / ts**2, rate)


def test_free_precession_dephasing():
    """Opposite regime, tau_p >> t: no collision; each spin precesses at
    |Omega| = (2 alpha / hbar) |k| about an in-plane axis, so <S_z>(t) = <cos(Omega t)> over
    the Rayleigh distribution of |k| (2D Maxwell-Boltzmann, sigma^2 = m k_B T / hbar^2):
    <S_z> = 1 - 2 u D(u), u = (2 alpha / hbar) sigma t / sqrt(2), D the Dawson function
    (from int_0^inf e^(-r^2/2s^2) sin(ar) dr = sqrt(2) s D(a s / sqrt 2), differentiated)."""
    ham = SpinOrbit2DEG(MASS, rashba=ALPHA)
    temp = 10.0
    sigma = np.sqrt(MASS * c.k_B * temp) / c.hbar
    w = 2 * ALPHA / c.hbar * sigma
    res = simulate_ensemble(ham, ThermalMomenta(MASS, temp, 2), momentum_time=1e6 / w,
                            duration=6 / w, electrons=20_000, seed=6)
    u = w * res.times / np.sqrt(2)
    expected = 1 - 2 * u * dawsn(u)
    assert expected.min() < -0.1  # the dephased signal overshoots: not an exponential
    np.testing.assert_array_less(np.abs(res.spin[:, 2] - expected),
                                 5 * res.spin_stderr[:, 2] + 1e-12)


def test_elliott_yafet_rate():
    """No spin-orbit field, spin flip with probability p per collision (Poisson rate
    1/tau_p): the number of flips is Poisson with mean p t / tau_p, <(-1)^N> =
    exp(-2 p t / tau_p), so 1/tau_s = 2 p / tau_p for every component (the convention of
    spinkit.relaxation; Elliott's 1/tau_s proportional to 1/tau_p, R. J. Elliott, Phys. Rev.
    96, 266 (1954))."""
    tau, p = 1e-13, 0.02
    res = simulate_ensemble(SpinOrbit2DEG(MASS), FermiMomenta(KF, 2), momentum_time=tau,
                            duration=2 * tau / (2 * p), electrons=20_000, seed=7,
                            flip_probability=p, initial_spin=(1, 0, 0))
    expected = np.exp(-2 * p * res.times / tau)
    np.testing.assert_array_less(np.abs(res.spin[:, 0] - expected),
                                 5 * res.spin_stderr[:, 0] + 1e-12)
    ts, err = ensemble_lifetime(res)
    _agree(1 / ts, err / ts**2, 2 * p / tau)


def test_rates_add_dp_plus_ey():
    """Independent mechanisms add their rates: (4 k_F^2 alpha^2 / hbar^2) tau_p + 2 p / tau_p
    (Matthiessen-like sum of independent Poisson/Markov relaxation channels)."""
    ham = SpinOrbit2DEG(MASS, rashba=ALPHA)
    w2 = 4 * KF**2 * ALPHA**2 / c.hbar**2
    tau = 0.05 / np.sqrt(w2)
    p = w2 * tau**2 / 2  # EY rate equal to the DP rate
    rate = w2 * tau + 2 * p / tau
    res = simulate_ensemble(ham, FermiMomenta(KF, 2), momentum_time=tau, duration=2 / rate,
                            electrons=16_000, seed=8, flip_probability=p)
    ts, err = ensemble_lifetime(res, start=10 * tau)
    _agree(1 / ts, err / ts**2, rate)


def test_longitudinal_field_suppresses_dp():
    """A field B || S (Larmor frequency w_L = 2 b / hbar of the Zeeman term b) rotates the
    in-plane Omega seen by the spin, so the correlation function of Omega_perp is
    <Omega_perp^2> e^(-t/tau_p) cos(w_L t) and 1/tau_s = <Omega_perp^2> tau_p /
    (1 + (w_L tau_p)^2): the spectral density 2 tau / (1 + w^2 tau^2) of an exponentially
    correlated field at the precession frequency (N. Bloembergen, E. M. Purcell and
    R. V. Pound, Phys. Rev. 73, 679 (1948)).
    Here w_L tau_p = 1: the rate halves."""
    w2 = 4 * KF**2 * ALPHA**2 / c.hbar**2
    tau = 0.07 / np.sqrt(w2)
    b = c.hbar / (2 * tau)
    ham = SpinOrbit2DEG(MASS, rashba=ALPHA, zeeman=(0, 0, b))
    rate = w2 * tau / 2
    res = simulate_ensemble(ham, FermiMomenta(KF, 2), momentum_time=tau, duration=1.5 / rate,
                            electrons=10_000, seed=9)
    ts, err = ensemble_lifetime(res, start=10 * tau)
    _agree(1 / ts, err / ts**2, rate)


def test_hanle_depolarization_ey():
    """Hanle effect: transverse field (w_L along x), isotropic relaxation 1/tau_s (EY), steady
    injection with lifetime tau_r: P(B) = (T_s / tau_r) / (1 + (w_L T_s)^2),
    1/T_s = 1/tau_s + 1/tau_r (M. I. D'yakonov and V. I. Perel', in *Optical Orientation*,
    eds. F. Meier and B. P. Zakharchenya, North-Holland 1984, ch. 2)."""
    tau, p = 1e-13, 0.05
    tau_s = tau / (2 * p)
    tau_r = tau_s
    t_s = 1 / (1 / tau_s + 1 / tau_r)
    for wl_ts in (0.0, 1.0, 3.0):
        b = c.hbar * wl_ts / t_s / 2
        ham = SpinOrbit2DEG(MASS, zeeman=(b, 0, 0))
        res = simulate_ensemble(ham, FermiMomenta(KF, 2), momentum_time=tau,
                                duration=12 * t_s, samples=401, electrons=8000, seed=10,
                                flip_probability=p)
        pol, err = steady_state_polarization(res, tau_r)
        expected = (t_s / tau_r) / (1 + wl_ts**2)
        assert abs(pol - expected) < 4 * err + 2e-3 * expected, (wl_ts, pol, err, expected)


@pytest.mark.parametrize("engine", ["numpy", "compiled"])
def test_persistent_spin_helix(engine):
    """alpha = beta: Omega = (2 alpha / hbar)(k_x + k_y)(1, -1, 0). A spin along [1-10] never
    decays, and spins starting at r = 0 along z lie, wherever the electrons diffuse, on the
    helix S = z cos(Q x_+) - e_[110] sin(Q x_+), x_+ the coordinate along [110], with
    Q = 4 m alpha / hbar^2 (B. A. Bernevig, J. Orenstein and S.-C. Zhang, Phys. Rev. Lett.
    97, 236601 (2006)); the helix amplitude peaks at Q and stays 1 while <S_z> decays."""
    ham = SpinOrbit2DEG(MASS, rashba=ALPHA, dresselhaus=ALPHA)
    tau = 1e-12
    moms = ThermalMomenta(MASS, 20.0, 2)
    axis = np.array([1.0, -1.0, 0.0]) / np.sqrt(2)
    res = simulate_ensemble(ham, moms, momentum_time=tau, duration=200 * tau, electrons=4000,
                            seed=11, initial_spin=axis, engine=engine)
    np.testing.assert_allclose(res.projection(axis), 1.0, atol=1e-12)
    res = simulate_ensemble(ham, moms, momentum_time=tau, duration=200 * tau, electrons=4000,
                            seed=11, effective_mass=MASS, engine=engine)
    q_helix = 4 * MASS * ALPHA / c.hbar**2
    e110 = np.array([1.0, 1.0, 0.0]) / np.sqrt(2)
    qs = q_helix * np.linspace(0.5, 1.5, 41)
    amps = [helix_amplitude(res.final_positions, res.final_spins, q * e110[:2], (0, 0, 1),
                            -e110) for q in qs]
    assert qs[int(np.argmax(amps))] == pytest.approx(q_helix, rel=1e-12, abs=0)
    assert max(amps) == pytest.approx(1.0, abs=1e-9)
    assert abs(res.spin[-1, 2]) < 0.2  # the uniform polarisation has dephased


def test_reproducible_from_seed_and_bad_input():
    """Same seed -> same ensemble; bad parameters raise ParameterError naming them."""
    ham = SpinOrbit2DEG(MASS, rashba=ALPHA)
    kw = dict(momentum_time=1e-13, duration=1e-12, electrons=500)
    a = simulate_ensemble(ham, FermiMomenta(KF, 2), seed=42, **kw)
    b = simulate_ensemble(ham, FermiMomenta(KF, 2), seed=42, **kw)
    np.testing.assert_array_equal(a.spin, b.spin)
    ds = a.to_xarray()
    np.testing.assert_array_equal(ds["spin"].values, a.spin)
    assert ds["t"].attrs["units"] == "s"
    import matplotlib

    matplotlib.use("Agg")
    ax = a.plot()
    assert ax.get_xlabel() == "t (ps)" and len(ax.get_lines()) == 3
    np.testing.assert_array_equal(ax.get_lines()[2].get_ydata(), a.spin[:, 2])
    for key, value in (("momentum_time", -1.0), ("duration", 0.0), ("electrons", 0),
                       ("flip_probability", 1.5)):
        with pytest.raises(ParameterError, match=key):
            simulate_ensemble(ham, FermiMomenta(KF, 2), **{**kw, key: value})
    with pytest.raises(ParameterError, match="initial_spin"):
        simulate_ensemble(ham, FermiMomenta(KF, 2), initial_spin=(0, 0, 0), **kw)
    with pytest.raises(ParameterError, match="temperature"):
        ThermalMomenta(MASS, -1.0)
    with pytest.raises(ParameterError, match="dim"):
        FermiMomenta(KF, 4)
    for key, value in (("seed", -1), ("seed", 1.5), ("momenta", "thermal")):
        with pytest.raises(ParameterError, match=f"^{key}"):
            simulate_ensemble(ham, **{"momenta": FermiMomenta(KF, 2), **kw, key: value})
    with pytest.raises(ParameterError, match="^axis"):
        a.projection((0, 0, 0))
    with pytest.raises(ParameterError, match="^axis"):
        ensemble_lifetime(a, axis=(0, 0, 0))
    with pytest.raises(ParameterError, match="^samples"):
        free_precession(ham, FermiMomenta(KF, 2), [0.0, 1e-12], samples=0)
    with pytest.raises(ParameterError, match="^signal"):
        decay_time([0.0, 1.0, 2.0], [0.0, 0.5, 0.2])
    with pytest.raises(ParameterError, match="^times"):
        decay_time([0.0, 2.0, 1.0], [1.0, 0.5, 0.2])
    with pytest.raises(ParameterError, match="^signal"):
        fit_spin_lifetime([0.0, 1.0, 2.0, 3.0], [1.0, 0.5, 0.2])
    pos, spins = np.zeros((4, 2)), np.tile([0.0, 0.0, 1.0], (4, 1))
    with pytest.raises(ParameterError, match="^wavevector"):
        helix_amplitude(pos, spins, (1.0, 0.0, 0.0), (0, 0, 1), (1, 0, 0))
    with pytest.raises(ParameterError, match="^axis_sin"):
        helix_amplitude(pos, spins, (1.0, 0.0), (0, 0, 1), (0, 0.6, 0.8))
    assert helix_amplitude(pos, spins, (1.0, 0.0), (0, 0, 1), (1, 0, 0)) == 1.0


def test_compiled_engine_thread_independent_and_fallback():
    """The compiled engine gives the same numbers on 1 and 2 threads; a field that is not a
    polynomial in k (a lattice-like sin k) is refused by it and run by numpy under 'auto'."""
    import numba

    ham = SpinOrbit2DEG(MASS, rashba=ALPHA)
    kw = dict(momentum_time=1e-13, duration=2e-12, electrons=300, seed=5, engine="compiled")
    threads = numba.get_num_threads()
    try:
        numba.set_num_threads(1)
        one = simulate_ensemble(ham, FermiMomenta(KF, 2), **kw)
    finally:
        numba.set_num_threads(threads)
    two = simulate_ensemble(ham, FermiMomenta(KF, 2), **kw)
    np.testing.assert_array_equal(one.spin, two.spin)
    assert polynomial_field(ham.spin_orbit_field, 2, KF) is not None

    def lattice(k):
        w = 2 * ALPHA / c.hbar / 5e-10
        return w * np.stack([np.sin(k[:, 1] * 5e-10), -np.sin(k[:, 0] * 5e-10),
                             0 * k[:, 0]], axis=1)

    assert polynomial_field(lattice, 2, 3e9) is None
    with pytest.raises(ParameterError, match="engine"):
        simulate_ensemble(lattice, FermiMomenta(3e9, 2), **kw)
    auto = simulate_ensemble(lattice, FermiMomenta(3e9, 2), **{**kw, "engine": "auto"})
    assert auto.collisions > 10
