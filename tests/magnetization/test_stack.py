"""Coupled macrospin stacks: exchange-coupled precession, SAF relaxation and resonance
modes, dynamic polarizer, thermal equilibrium, and the compiled engine against the numpy
reference."""

import warnings
from dataclasses import dataclass

import numba
import numpy as np
import pytest

import spinkit.magnetization as mag
from spinkit.errors import ParameterError
from spinkit.magnetization.term import SpinTorque

GAMMA = 1.76085962784e11  # [rad/(s T)], CODATA 2022
MU0 = 1.25663706127e-6  # [N/A^2], CODATA 2022
KB = 1.380649e-23  # [J/K], exact
MS, D, AREA = 1.0e6, 1e-9, (40e-9) ** 2


def _layer(terms=None, alpha=0.0, ms=MS, d=D):
    return mag.Macrospin(ms, alpha, AREA * d, terms)


def _rotate(v, axis, angle):
    k = axis / np.linalg.norm(axis)
    return (v * np.cos(angle) + np.cross(k, v) * np.sin(angle)
            + k * (k @ v) * (1 - np.cos(angle)))


@pytest.mark.parametrize("engine", ["numba", "numpy"])
def test_exchange_coupled_pair_precesses_about_total_moment(engine):
    """Two identical layers coupled only by J1, alpha = 0: dm1/dt = (gamma J1/(Ms d)) S x m1
    with S = m1 + m2 conserved, so each moment rotates about S at omega = gamma J1 |S|/(Ms d)
    (closed form; Rodrigues rotation), and the energy is conserved."""
    j1 = 2e-4
    stack = mag.Stack([_layer(), _layer()], AREA, [mag.Coupling(0, 1, j1)])
    m0 = np.array([[1.0, 0.0, 0.3], [0.0, 1.0, 0.0]])
    m0 /= np.linalg.norm(m0, axis=1, keepdims=True)
    tr = mag.simulate_stack(stack, m0, 0.2e-9, samples=21, rtol=1e-10, atol=1e-12,
                            engine=engine)
    s = m0.sum(axis=0)
    omega = GAMMA * j1 * np.linalg.norm(s) / (MS * D)
    for k, t in enumerate(tr.t):
        for i in range(2):
            np.testing.assert_allclose(tr.m[k, i], _rotate(m0[i], s, omega * t), atol=1e-9)
    assert omega * tr.t[-1] > 3  # it turned by more than half a revolution
    # alpha = 0; measured: 1.1e-10 in m, 7e-11 AREA J1 in E (rk45, rtol 1e-10)
    assert np.abs(tr.energy - tr.energy[0]).max() < 1e-9 * AREA * j1


def test_saf_relaxes_antiparallel_and_energy_decreases():
    """A synthetic antiferromagnet (J1 < 0, in-plane films) with damping ends antiparallel,
    with E(t) non-increasing; with a dominant biquadratic J2 < 0 it ends where
    d/dc (-J1 c - J2 c^2) = 0: cos = -J1 / (2 J2) (near 90 degrees)."""
    film = mag.Demag.thin_film()
    for j1, j2, cos_end in ((-5e-4, 0.0, -1.0), (-1e-5, -4e-4, -1e-5 / 8e-4)):
        stack = mag.Stack([_layer(film, 0.1), _layer(film, 0.1)], AREA,
                          [mag.Coupling(0, 1, j1, j2)])
        tr = mag.simulate_stack(stack, [[1.0, 0.1, 0.0], [0.6, 0.8, 0.0]], 3e-9, samples=301)
        assert np.all(np.diff(tr.energy) <= 1e-12 * np.abs(tr.energy).max())
        assert tr.m[-1, 0] @ tr.m[-1, 1] == pytest.approx(cos_end, abs=1e-8)  # relaxed: 1e-17


def test_pinned_reference_layer_matches_fixed_polarizer_and_coupling():
    """A reference layer so thick (1 cm) that the coupling barely turns it acts as a fixed
    vector: the free layer moves as with InterlayerExchange(direction z) and
    Slonczewski(p = z) on a single macrospin."""
    j1, j = 1e-4, 5e10
    stt = mag.Slonczewski(j, 0.5, D, [1.0, 0, 0], field_like=0.1)  # p replaced by m_ref
    base = mag.UniaxialAnisotropy(3e5) + mag.Demag.thin_film()
    free = _layer(base + stt, 0.02)
    ref = _layer(d=1e-2)
    stack = mag.Stack([free, ref], AREA, [mag.Coupling(0, 1, j1)], polarizers={0: 1})
    tr = mag.simulate_stack(stack, [[0.3, 0.0, -1.0], [0.0, 0.0, 1.0]], 0.5e-9, samples=11,
                            rtol=1e-9, atol=1e-11)
    single = _layer(base + mag.Slonczewski(j, 0.5, D, [0, 0, 1.0], field_like=0.1)
                    + mag.InterlayerExchange(j1, D, [0, 0, 1.0]), 0.02)
    ref_tr = mag.simulate(single, [0.3, 0.0, -1.0], 0.5e-9, samples=11, rtol=1e-9,
                          atol=1e-11)
    assert np.abs(tr.m[:, 1] - [0, 0, 1]).max() < 1e-6
    np.testing.assert_allclose(tr.m[:, 0], ref_tr.m, atol=1e-6)
    assert np.ptp(ref_tr.m[:, 0]) > 0.1


def test_stack_input():
    one = _layer()
    with pytest.raises(ParameterError) as err:
        mag.Coupling(0, 0, 1e-4)
    assert err.value.name == "j"
    with pytest.raises(ParameterError) as err:
        mag.Stack([one, one], AREA, [mag.Coupling(0, 2, 1e-4)])
    assert err.value.name == "couplings"
    with pytest.raises(ParameterError) as err:  # a single Coupling, not in a sequence
        mag.Stack([one, one], AREA, mag.Coupling(0, 1, 1e-4))
    assert err.value.name == "couplings"
    driven = _layer(mag.Slonczewski(1e11, 0.5, D))
    mag.Stack([driven, one], AREA, polarizers={np.int64(0): 1})  # numpy integers are indices
    # not integer layer indices, out of range, self-polarizing, or a layer without a
    # Slonczewski torque (nothing to polarize)
    for pol, layers in (({0: 0}, [driven, one]), ({True: 1}, [driven, one]),
                        ({0: True}, [driven, one]), ({0.5: 1}, [driven, one]),
                        ({0: 1.0}, [driven, one]), ({"0": 1}, [driven, one]),
                        ({-1: 0}, [one, driven]), ({0: 2}, [driven, one]),
                        ([(0, 1)], [driven, one]), ({0: 1}, [one, one])):
        with pytest.raises(ParameterError) as err:
            mag.Stack(layers, AREA, polarizers=pol)
        assert err.value.name == "polarizers"
    stack = mag.Stack([one, one], AREA)
    for m0 in ([[0, 0, 1.0]], "abc", [[1, 0], [0, 1, 0]], np.zeros((0, 2, 3)),
               [[0, 0, np.nan], [0, 0, 1.0]], [[0, 0, 0], [0, 0, 1.0]]):
        with pytest.raises(ParameterError) as err:
            mag.simulate_stack(stack, m0, 1e-10)
        assert err.value.name == "m0"
    for kw, name in ((dict(rtol=0.0), "rtol"), (dict(atol=1.0), "atol"),
                     (dict(seed=-2), "seed")):
        with pytest.raises(ParameterError) as err:
            mag.simulate_stack(stack, [[0, 0, 1.0], [0, 0, 1.0]], 1e-10, **kw)
        assert err.value.name == name
    hot = mag.Stack([_layer(mag.ThermalField(300), 0.1), one], AREA)
    for kw in (dict(method="rk4"), dict(method="dop853"), dict(method="heun", engine="gpu")):
        with pytest.raises(ParameterError) as err:
            mag.simulate_stack(hot, [[0, 0, 1.0], [0, 0, 1.0]], 1e-10, **kw)
        assert err.value.name == next(iter(kw.keys() - {"method"}), "method")
    for engine in ("numba", "numpy"):
        tr = mag.simulate_stack(hot, np.tile([[0, 0, 1.0], [1.0, 0, 0]], (4, 1, 1)), 1e-11,
                                method="heun", dt=1e-13, samples=3, engine=engine)
        assert tr.m.shape == (4, 3, 2, 3) and tr.energy.shape == (4, 3)
        np.testing.assert_allclose(np.linalg.norm(tr.m, axis=-1), 1.0, atol=1e-12)
    # a term without a compiled form: refused by engine="numba", numpy with a warning by auto
    timed = mag.Stack([_layer(mag.Zeeman([0, 0, 0.1], waveform=mag.Function(np.cos))), one],
                      AREA)
    with pytest.raises(ParameterError) as err:
        mag.simulate_stack(timed, [[1.0, 0, 0], [0, 0, 1.0]], 1e-11, engine="numba")
    assert err.value.name == "engine"
    with pytest.warns(UserWarning, match="no compiled form"):
        mag.simulate_stack(timed, [[1.0, 0, 0], [0, 0, 1.0]], 1e-11, samples=3)


def _mtj_stack(waveform=None):
    """Free layer (perpendicular, STT from the reference layer, pulsed), reference layer,
    pinned layer of a SAF (J1 < 0, biquadratic J2), with damping and fields."""
    film = mag.Demag.thin_film()
    stt = mag.Slonczewski(-8e10, 0.6, D, [1.0, 0, 0], asymmetry=1.5, field_like=0.2,
                          waveform=waveform)
    free = _layer(mag.UniaxialAnisotropy(7e5) + film + stt, 0.02)
    ref = _layer(mag.UniaxialAnisotropy(9e5) + film + mag.Zeeman([0.02, 0, 0.01]), 0.05,
                 d=2e-9)
    pinned = _layer(mag.UniaxialAnisotropy(9e5) + film + mag.CubicAnisotropy(2e4), 0.05,
                    d=2e-9)
    return mag.Stack([free, ref, pinned], AREA,
                     [mag.Coupling(0, 1, 2e-5), mag.Coupling(2, 1, -6e-4, -5e-5)],
                     polarizers={0: 1})


M0_MTJ = np.array([[0.2, 0.0, 1.0], [0.1, 0.05, -1.0], [0.0, 0.1, 1.0]])


def test_compiled_engine_matches_numpy_reference():
    """The compiled kernels repeat the numpy engine's arithmetic (integrators.py on
    Stack.rhs): the same trajectories to rounding, for RK4 and Heun ensembles and
    Dormand-Prince, on a free / reference / pinned stack with a pulsed STT whose polarizer is
    the moving reference layer, bilinear and biquadratic coupling, cubic anisotropy and a
    field (measured: 5e-15 in m, 4e-16 relative in E)."""
    stack = _mtj_stack(mag.Pulse(0.3e-9, 0.05e-9))
    ens = np.stack([M0_MTJ, M0_MTJ[[1, 0, 2]], -M0_MTJ])
    for method, m0, kw in (("rk4", ens, dict(dt=2e-13)), ("heun", ens, dict(dt=2e-13)),
                           ("rk45", M0_MTJ, dict(rtol=1e-9, atol=1e-11))):
        a, b = (mag.simulate_stack(stack, m0, 0.6e-9, method=method, samples=13,
                                   engine=engine, **kw) for engine in ("numba", "numpy"))
        assert np.ptp(a.m[..., 0, :], axis=-2).max() > 0.1  # the free layer moved
        np.testing.assert_allclose(a.m, b.m, rtol=0, atol=1e-13)
        np.testing.assert_allclose(a.energy, b.energy, rtol=1e-13, atol=0)
    # the compiled engine adapts each trajectory of an ensemble on its own
    tr = mag.simulate_stack(stack, ens, 0.6e-9, samples=13, engine="numba")
    for n in range(len(ens)):
        np.testing.assert_array_equal(tr.m[n], mag.simulate_stack(
            stack, ens[n], 0.6e-9, samples=13, engine="numba").m)


def test_thermal_lanes_match_scalar_engine():
    """Thermal ensembles of 16 or more run in blocks of trajectories side by side (8 or 64
    lanes), with the spin torques added outside the single-layer right-hand side: at a
    vanishing temperature (Brown's field ~1e-109 T) they give the deterministic Heun
    trajectories of the scalar kernel to rounding (measured 6e-17), whatever the block
    width; at 300 K a trajectory is the same whether it runs in a block of 8 or of 64, or
    alone in the scalar kernel (ensembles below 16; measured 2e-16)."""
    stack = _mtj_stack(mag.Pulse(0.3e-9, 0.05e-9))
    cold = mag.Stack([layer.with_terms(layer.terms + mag.ThermalField(1e-200))
                      for layer in stack.layers], AREA, stack.couplings, stack.polarizers)
    assert 0 < cold.thermal_strength().max() < 1e-100
    ens = np.concatenate([M0_MTJ[None], np.tile(M0_MTJ[[1, 0, 2]], (129, 1, 1))])
    kw = dict(method="heun", dt=2e-13, samples=7)
    det = mag.simulate_stack(stack, ens[:2], 0.6e-9, **kw).m
    for n in (20, 130):
        tr = mag.simulate_stack(cold, ens[:n], 0.6e-9, **kw).m
        np.testing.assert_allclose(tr[:2], det, rtol=0, atol=1e-14)
        np.testing.assert_array_equal(tr[2:], np.broadcast_to(tr[1], tr[2:].shape))
    hot = mag.Stack([layer.with_terms(layer.terms + mag.ThermalField(300.0))
                     for layer in stack.layers], AREA, stack.couplings, stack.polarizers)
    small, large = (mag.simulate_stack(hot, ens[:n], 0.1e-9, seed=3, **kw).m
                    for n in (20, 130))
    np.testing.assert_array_equal(small, large[:20])
    assert np.abs(small[2] - small[3]).max() > 1e-3  # independent streams
    # fewer than 16 trajectories take the scalar kernel: the same noise streams, the same
    # trajectories to rounding
    scalar = mag.simulate_stack(hot, ens[:4], 0.1e-9, seed=3, **kw).m
    np.testing.assert_allclose(scalar, small[:4], rtol=0, atol=1e-13)


def test_uncoupled_layer_reproduces_single_macrospin():
    """With no coupling and a fixed polarizer, each layer of a stack is the single macrospin
    of simulate(): RK4 trajectories identical to rounding with both single-layer engines."""
    stack = _mtj_stack()
    free = stack.layers[0]
    alone = mag.Stack([free, stack.layers[1]], AREA)
    t_out = np.linspace(0.0, 0.5e-9, 11)
    tr = mag.simulate_stack(alone, M0_MTJ[:2], 0.5e-9, method="rk4", dt=1e-13, samples=11)
    for engine in ("numba", "numpy"):
        single = mag.simulate(free, M0_MTJ[0], 0.5e-9, method="rk4", dt=1e-13, t_out=t_out,
                              engine=engine)
        np.testing.assert_allclose(tr.m[:, 0], single.m, rtol=0, atol=1e-12)
    assert np.ptp(tr.m[:, 0, 2]) > 0.05


def test_energy_conserved_without_damping():
    """alpha = 0 and no spin torque: the LLG flow conserves the total energy of the stack
    (anisotropies, demag, field, bilinear and biquadratic coupling), E(t) = E(0) to the
    integrator's accuracy (measured drift over 1 ns: 1.4e-10 of the coupling energy scale at
    rtol 1e-11, 1.3e-12 at rtol 1e-13, the same in both engines)."""
    film = mag.Demag.thin_film()
    layers = [_layer(mag.UniaxialAnisotropy(7e5) + film + mag.Zeeman([0.05, 0, 0.02])),
              _layer(mag.UniaxialAnisotropy(9e5, [0.3, 0, 1]) + film, d=2e-9),
              _layer(mag.CubicAnisotropy(3e4) + film, ms=1.4e6)]
    stack = mag.Stack(layers, AREA, [mag.Coupling(0, 1, 3e-4, -1e-4),
                                     mag.Coupling(2, 1, -6e-4)])
    tr = mag.simulate_stack(stack, M0_MTJ, 1e-9, samples=51, rtol=1e-11, atol=1e-13)
    assert np.ptp(tr.m[:, :, 0]) > 0.5  # it precessed
    scale = AREA * 6e-4  # the largest coupling energy
    assert np.abs(tr.energy - tr.energy[0]).max() < 1e-9 * scale


def test_saf_canted_state_resonance_modes():
    """Two identical in-plane films coupled antiferromagnetically (B_E = |J1| / (Ms d)), field
    B < 2 B_E along x: canted state cos(phi) = B / (2 B_E). Linearizing the LLG equation in
    (theta_i, phi_i) (out-of-plane and in-plane angles; energy per Ms V in tesla
    e = sum_i [-B cos theta_i cos phi_i + mu0 Ms sin^2 theta_i / 2] + B_E m1.m2) gives the
    Hessian blocks e_tt = B cos phi + mu0 Ms - B_E cos 2phi, e_t1t2 = B_E,
    e_pp = B cos phi - B_E cos 2phi, e_p1p2 = B_E cos 2phi, and two modes of frequency
    omega^2 = gamma^2 (e_tt +- e_t1t2)(e_pp +- e_p1p2):

        in phase:      omega_+ = gamma B sqrt(1 + mu0 Ms / (2 B_E)),
        out of phase:  omega_- = gamma sqrt(2 B_E mu0 Ms (1 - (B / (2 B_E))^2)),

    the two resonance branches of a layered (synthetic) antiferromagnet with a crossing
    (D. MacNeill et al., Phys. Rev. Lett. 123, 047204 (2019), whose abstract we read: two
    branches and a symmetry-protected crossing; the closed forms are derived here).
    m1z + m2z rings at omega_+, m1z - m2z at omega_- (alpha = 0, 0.1 mrad kick)."""
    j1, b = -1e-3, 0.5
    b_e = -j1 / (MS * D)
    film = mag.Demag.thin_film()
    layer = _layer(film + mag.Zeeman([b, 0, 0]))
    stack = mag.Stack([layer, layer], AREA, [mag.Coupling(0, 1, j1)])
    phi = np.arccos(b / (2 * b_e))
    m0 = [[np.cos(phi), np.sin(phi), 1e-4], [np.cos(phi), -np.sin(phi), 0.0]]
    tr = mag.simulate_stack(stack, m0, 3e-9, samples=12001, rtol=1e-10, atol=1e-13)
    w_plus = GAMMA * b * np.sqrt(1 + MU0 * MS / (2 * b_e))
    w_minus = GAMMA * np.sqrt(2 * b_e * MU0 * MS * (1 - (b / (2 * b_e)) ** 2))
    for signal, omega in ((tr.m[:, 0, 2] + tr.m[:, 1, 2], w_plus),
                          (tr.m[:, 0, 2] - tr.m[:, 1, 2], w_minus)):
        idx = np.flatnonzero(np.sign(signal[:-1]) * np.sign(signal[1:]) < 0)
        tc = tr.t[idx] - signal[idx] * (tr.t[idx + 1] - tr.t[idx]) / (
            signal[idx + 1] - signal[idx])
        assert len(tc) > 80
        # measured: 9e-7 and 6e-7 (1.2e-5 and 4e-6 with a 1 mrad kick: finite amplitude)
        assert np.pi * (len(tc) - 1) / (tc[-1] - tc[0]) == pytest.approx(omega, rel=5e-6)


def test_thermal_coupled_pair_follows_boltzmann():
    """Two isotropic macrospins coupled by J1 > 0 at temperature T, no other energy: the
    Boltzmann weight exp(a m1.m2), a = A J1 / (k_B T), makes c = m1.m2 distributed as
    exp(a c) on [-1, 1], so <m1.m2> = coth(a) - 1/a (Langevin function), whatever the
    dynamics and whatever each layer's Ms and alpha; Brown's thermal field per layer (Phys.
    Rev. 130, 1677 (1963); here of different strength in the two layers, whose Ms, alpha
    and thickness differ, so that a wrong volume in either layer's noise would show)
    integrated by the stochastic Heun scheme must sample it. 500 trajectories, 16 samples
    each after 0.4 ns (the ensemble mean settles within 0.1 ns); the mean must lie within 5
    standard errors (from the per-trajectory means, about 0.004). Measured over seeds 5-13:
    mean - exact = 0.0023, spread 0.0031 (one standard error per run)."""
    area, d, temp = (10e-9) ** 2, 1e-9, 300.0
    a = 4.0
    j1 = a * KB * temp / area
    layers = [mag.Macrospin(ms, alpha, area * thick, mag.ThermalField(temp))
              for ms, alpha, thick in ((MS, 1.0, d), (1.5 * MS, 0.5, 2.5 * d))]
    stack = mag.Stack(layers, area, [mag.Coupling(0, 1, j1)])
    m0 = np.tile([[0, 0, 1.0], [0, 0, 1.0]], (500, 1, 1))
    tr = mag.simulate_stack(stack, m0, 1.2e-9, method="heun", dt=5e-14, samples=25, seed=5)
    per_trajectory = np.sum(tr.m[:, 9:, 0] * tr.m[:, 9:, 1], axis=-1).mean(axis=1)
    err = per_trajectory.std() / np.sqrt(len(per_trajectory))
    assert err < 0.005
    assert abs(per_trajectory.mean() - (1 / np.tanh(a) - 1 / a)) < 5 * err
    again = mag.simulate_stack(stack, m0[:4], 1e-11, method="heun", dt=5e-14, samples=3,
                               seed=5)
    np.testing.assert_array_equal(again.m, mag.simulate_stack(
        stack, m0[:4], 1e-11, method="heun", dt=5e-14, samples=3, seed=5).m)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the compiled path: no fallback warning
        other = mag.simulate_stack(stack, m0[:4], 1e-11, method="heun", dt=5e-14, samples=3,
                                   seed=6)
    assert np.abs(other.m - again.m).max() > 1e-3
    threads = numba.get_num_threads()
    try:  # one random stream per trajectory: the same numbers on one thread
        numba.set_num_threads(1)
        alone = mag.simulate_stack(stack, m0[:4], 1e-11, method="heun", dt=5e-14, samples=3,
                                   seed=5)
    finally:
        numba.set_num_threads(threads)
    np.testing.assert_array_equal(alone.m, again.m)


def test_free_and_reference_layer_converge_to_cmtj():
    """cmtj (independent C++ code, PyPI ``cmtj``; skipped where absent) on a free layer with
    Slonczewski STT polarized by a moving reference layer (cmtj Reference.top) and IEC
    between them, conventions aligned as docs/conventions-macrospin.md records (cmtj's
    constants; its STT, written without the alpha m x tau part, is spinkit's with
    P' = P / (1 + alpha^2) and eps' = alpha P' / 2). cmtj's coupled RK4 run converges at
    first order in dt (as if each layer were advanced with the other held at its
    start-of-step value): its distance to spinkit's RK4 (dt = 0.1 ps; 1e-8 from converged
    over 10 ns, bench_stack.py) halves with dt (measured 9.1e-4, 4.6e-4 over 1 ns), and the
    Richardson extrapolation 2 m(dt/2) - m(dt) agrees to 1e-6."""
    cmtj = pytest.importorskip("cmtj")
    mu0_c, gyro_c, e_c, e_si = 12.566e-7, 220880.0, 1.60217662e-19, 1.602176634e-19
    ms, d, alpha, pol = (1.0e6, 1.2e6), (1e-9, 2e-9), (0.01, 0.02), 0.6
    k, j1, current = (2e5, 9e5), 5e-5, 2.5e10
    area = np.pi * (20e-9) ** 2
    m0 = [[np.sin(0.3), 0.0, -np.cos(0.3)], [0.1, 0.0, 1.0]]

    def cmtj_run(dt):
        zero = [cmtj.CVector(0, 0, 0)] * 3
        free = cmtj.Layer.createSTTLayer(
            "free", cmtj.CVector(*m0[0]), cmtj.CVector(0, 0, 1), mu0_c * ms[0], d[0], area,
            zero, damping=alpha[0], SlonczewskiSpacerLayerParameter=1.0, beta=0.0,
            spinPolarisation=pol)
        ref = cmtj.Layer("ref", cmtj.CVector(*m0[1]), cmtj.CVector(0, 0, 1), mu0_c * ms[1],
                         d[1], area, zero, damping=alpha[1])
        junction = cmtj.Junction([free, ref])
        junction.setLayerReferenceType("free", cmtj.Reference.top)
        for name, kv in zip(("free", "ref"), k, strict=True):
            junction.setLayerAnisotropyDriver(name, cmtj.constantDriver(kv))
        junction.setIECDriver("free", "ref", cmtj.constantDriver(j1))
        junction.setLayerCurrentDriver("free", cmtj.constantDriver(current))
        junction.runSimulation(1e-9, dt, dt, solverMode=cmtj.RK4)
        log = junction.getLog()
        # logged under t = i dt: the magnetization after step i, i.e. at t + dt
        m = np.stack([np.stack([log[f"{n}_m{c}"] for c in "xyz"], 1) for n in ("free", "ref")],
                     1)
        return np.asarray(log["time"]) + dt, m

    t, coarse = cmtj_run(1e-13)
    fine = cmtj_run(5e-14)[1][1::2]
    p_eff = pol / (1 + alpha[0] ** 2)
    gamma = gyro_c / mu0_c
    stt = mag.Slonczewski(current * e_si / e_c, p_eff, d[0], [0, 0, 1.0],
                          field_like=alpha[0] * p_eff / 2)
    layers = [mag.Macrospin(ms[i], alpha[i], area * d[i], mag.UniaxialAnisotropy(k[i])
                            + (stt if i == 0 else mag.Terms()), gamma=gamma) for i in (0, 1)]
    stack = mag.Stack(layers, area, [mag.Coupling(0, 1, j1)], polarizers={0: 1})
    tr = mag.simulate_stack(stack, m0, t[-1], method="rk4", dt=1e-13, samples=len(t) + 1)
    np.testing.assert_allclose(tr.t[1:], t, rtol=1e-12)
    err_coarse = np.abs(tr.m[1:] - coarse).max()
    err_fine = np.abs(tr.m[1:] - fine).max()
    assert 1e-4 < err_coarse < 2e-3 and err_coarse / err_fine == pytest.approx(2, rel=0.05)
    assert np.abs(tr.m[1:] - (2 * fine - coarse)).max() < 1e-5
    assert np.ptp(tr.m[:, 0, 0]) > 0.3 and np.ptp(tr.m[:, 1, 0]) > 1e-3  # both layers move


def test_energy_of_a_pulsed_field_at_each_sample():
    """A Zeeman field B(t) = 0.5 T z switched on for 0.12 <= t < 0.27 ns on layer 0 of an
    exchange-coupled pair (no other energy): the energy of each sample is the closed form
    E(t_k) = -Ms V_0 B(t_k) m_0z(t_k) - A J1 m_0.m_1 at that sample's own time."""
    j1, b = 1e-4, 0.5
    pulse = mag.Pulse(0.15e-9, 0.12e-9)
    stack = mag.Stack([_layer(mag.Zeeman([0, 0, b], waveform=pulse), 0.02), _layer(d=2e-9)],
                      AREA, [mag.Coupling(0, 1, j1)])
    for engine in ("numba", "numpy"):
        tr = mag.simulate_stack(stack, [[1.0, 0, 0.2], [0, 1.0, 0]], 0.4e-9, samples=9,
                                engine=engine)
        on = (tr.t >= 0.12e-9) & (tr.t < 0.27e-9)
        assert on.sum() == 3
        expected = (-MS * AREA * D * np.where(on, b, 0.0) * tr.m[:, 0, 2]
                    - AREA * j1 * np.sum(tr.m[:, 0] * tr.m[:, 1], axis=-1))
        np.testing.assert_allclose(tr.energy, expected, rtol=1e-12, atol=0)


def test_each_layer_at_its_own_temperature():
    """Three uncoupled isotropic layers in a field B z, of different thickness: the first two
    at 300 K and 900 K, the third without a thermal field. Boltzmann's weight
    exp(a m_z), a = Ms V B / (k_B T), gives <m_z> = coth(a) - 1/a (Langevin function) at
    each layer's own T and V (W. F. Brown, Phys. Rev. 130, 1677 (1963)); the cold layer
    relaxes deterministically to m_z = 1. 400 trajectories, 16 samples each after 0.4 ns
    (about 8 relaxation times); means within 5 standard errors (about 0.01)."""
    area, b = (10e-9) ** 2, 0.1
    spec = ((1e-9, 300.0), (1.5e-9, 900.0), (2e-9, None))
    layers = [mag.Macrospin(MS, 0.5, area * d, mag.Zeeman([0, 0, b])
                            + (mag.ThermalField(temp) if temp else mag.Terms()))
              for d, temp in spec]
    stack = mag.Stack(layers, area)
    m0 = np.tile([[1.0, 0, 0], [1.0, 0, 0], [1.0, 0, 0]], (400, 1, 1))
    tr = mag.simulate_stack(stack, m0, 1.2e-9, method="heun", dt=2e-13, samples=25, seed=4)
    for i, (d, temp) in enumerate(spec[:2]):
        a = MS * area * d * b / (KB * temp)
        per_trajectory = tr.m[:, 9:, i, 2].mean(axis=1)
        err = per_trajectory.std() / np.sqrt(len(per_trajectory))
        assert err < 0.02
        assert abs(per_trajectory.mean() - (1 / np.tanh(a) - 1 / a)) < 5 * err
    # the cold layer: no noise, the damped rotation tan(theta/2) = exp(-alpha gamma B t /
    # (1 + alpha^2)) from theta = 90 degrees (Heun's error here: measured 2e-7)
    np.testing.assert_array_equal(tr.m[:, :, 2], np.broadcast_to(tr.m[0, :, 2], (400, 25, 3)))
    tau = np.exp(-0.5 * GAMMA * b * tr.t / 1.25)
    np.testing.assert_allclose(tr.m[0, :, 2, 2], (1 - tau**2) / (1 + tau**2), rtol=0,
                               atol=2e-6)


def test_spin_orbit_torque_keeps_its_sigma_under_a_polarizer():
    """A free layer with a Slonczewski torque and a spin-orbit torque (sigma = y), its
    polarizer a reference layer so thick (1 cm) that it barely moves (along z): only the
    Slonczewski p follows the reference; the free layer moves as the single macrospin with
    Slonczewski(p = z) and the same SOT(sigma = y), in both engines and in the thermal
    blocks at a vanishing temperature."""
    base = mag.UniaxialAnisotropy(3e5) + mag.Demag.thin_film()
    sot = mag.SpinOrbitTorque(8e10, 0.3, D, [0, 1.0, 0], field_like_angle=0.2)
    stt = mag.Slonczewski(5e10, 0.5, D, [1.0, 0, 0], field_like=0.1)  # p replaced by m_ref
    stack = mag.Stack([_layer(base + sot + stt, 0.02), _layer(d=1e-2)], AREA,
                      polarizers={0: 1})
    m0 = [[0.3, 0.0, -1.0], [0.0, 0.0, 1.0]]
    single = _layer(base + sot + mag.Slonczewski(5e10, 0.5, D, [0, 0, 1.0], field_like=0.1),
                    0.02)
    ref = mag.simulate(single, m0[0], 0.3e-9, method="heun", dt=1e-13, samples=7)
    assert np.ptp(ref.m[:, 1]) > 0.1
    for engine in ("numba", "numpy"):
        tr = mag.simulate_stack(stack, m0, 0.3e-9, method="heun", dt=1e-13, samples=7,
                                engine=engine)
        np.testing.assert_allclose(tr.m[:, 1], np.tile([0, 0, 1.0], (7, 1)), atol=1e-12)
        np.testing.assert_allclose(tr.m[:, 0], ref.m, atol=1e-12)
    cold = mag.Stack([layer.with_terms(layer.terms + mag.ThermalField(1e-200))
                      for layer in stack.layers], AREA, polarizers={0: 1})
    lanes = mag.simulate_stack(cold, np.tile(m0, (16, 1, 1)), 0.3e-9, method="heun",
                               dt=1e-13, samples=7).m
    np.testing.assert_allclose(lanes[:, :, 0], np.broadcast_to(ref.m, (16, 7, 3)),
                               atol=1e-12)


@dataclass(frozen=True, eq=False)
class _FieldTorque(SpinTorque):
    """A user-defined spin torque with the base signature torque(m, Ms, gamma, t): the
    precession -gamma m x B0 of a constant field B0 [T] (so it must act as Zeeman(B0))."""

    b0: tuple = (0.05, 0.0, 0.02)

    def torque(self, m, Ms, gamma, t=0.0):
        return -gamma * np.cross(m, np.asarray(self.b0))


def test_user_defined_spin_torque_runs_beside_a_polarizer():
    """A SpinTorque subclass with the base torque signature (no ``direction``) on a layer
    whose Slonczewski torque is polarized by another layer: the stack runs (numpy engine)
    and equals the same stack with the torque replaced by the field it stands for."""
    b0 = (0.05, 0.0, 0.02)
    stt = mag.Slonczewski(5e10, 0.5, D)
    base = mag.UniaxialAnisotropy(3e5) + mag.Demag.thin_film() + stt
    m0 = [[0.3, 0.0, -1.0], [0.1, 0.0, 1.0]]
    runs = []
    for extra in (_FieldTorque(b0), mag.Zeeman(b0)):
        stack = mag.Stack([_layer(base + extra, 0.02), _layer(mag.Demag.thin_film(), 0.05)],
                          AREA, [mag.Coupling(0, 1, 1e-4)], polarizers={0: 1})
        runs.append(mag.simulate_stack(stack, m0, 0.1e-9, method="rk4", dt=1e-13,
                                       samples=7, engine="numpy").m)
    assert np.ptp(runs[0][:, 0, 0]) > 0.05
    np.testing.assert_allclose(runs[0], runs[1], rtol=0, atol=1e-12)
