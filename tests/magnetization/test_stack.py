"""Coupled macrospin stacks: exchange-coupled precession, SAF relaxation, dynamic polarizer."""

import numpy as np
import pytest

import spinkit.magnetization as mag
from spinkit.errors import ParameterError

GAMMA = 1.76085962784e11  # [rad/(s T)], CODATA 2022
MS, D, AREA = 1.0e6, 1e-9, (40e-9) ** 2


def _layer(terms=None, alpha=0.0, ms=MS, d=D):
    return mag.Macrospin(ms, alpha, AREA * d, terms)


def _rotate(v, axis, angle):
    k = axis / np.linalg.norm(axis)
    return (v * np.cos(angle) + np.cross(k, v) * np.sin(angle)
            + k * (k @ v) * (1 - np.cos(angle)))


def test_exchange_coupled_pair_precesses_about_total_moment():
    """Two identical layers coupled only by J1, alpha = 0: dm1/dt = (gamma J1/(Ms d)) S x m1
    with S = m1 + m2 conserved, so each moment rotates about S at omega = gamma J1 |S|/(Ms d)
    (closed form; Rodrigues rotation)."""
    j1 = 2e-4
    stack = mag.Stack([_layer(), _layer()], AREA, [mag.Coupling(0, 1, j1)])
    m0 = np.array([[1.0, 0.0, 0.3], [0.0, 1.0, 0.0]])
    m0 /= np.linalg.norm(m0, axis=1, keepdims=True)
    tr = mag.simulate_stack(stack, m0, 0.2e-9, samples=21, rtol=1e-10, atol=1e-12)
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
    with pytest.raises(ParameterError) as err:
        mag.Stack([one, one], AREA, polarizers={0: 0})
    assert err.value.name == "polarizers"
    stack = mag.Stack([one, one], AREA)
    with pytest.raises(ParameterError) as err:
        mag.simulate_stack(stack, [[0, 0, 1.0]], 1e-10)
    assert err.value.name == "m0"
    for kw, name in ((dict(rtol=0.0), "rtol"), (dict(atol=1.0), "atol"),
                     (dict(seed=-2), "seed")):
        with pytest.raises(ParameterError) as err:
            mag.simulate_stack(stack, [[0, 0, 1.0], [0, 0, 1.0]], 1e-10, **kw)
        assert err.value.name == name
    hot = mag.Stack([_layer(mag.ThermalField(300), 0.1), one], AREA)
    with pytest.raises(ParameterError) as err:
        mag.simulate_stack(hot, [[0, 0, 1.0], [0, 0, 1.0]], 1e-10, method="rk4")
    assert err.value.name == "method"
    tr = mag.simulate_stack(hot, np.tile([[0, 0, 1.0], [1.0, 0, 0]], (4, 1, 1)), 1e-11,
                            method="heun", dt=1e-13, samples=3)
    assert tr.m.shape == (4, 3, 2, 3) and tr.energy.shape == (4, 3)
    np.testing.assert_allclose(np.linalg.norm(tr.m, axis=-1), 1.0, atol=1e-12)
