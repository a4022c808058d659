"""Cross-check against cmtj (an independent C++ macrospin code, PyPI ``cmtj``), skipped where
it is not installed (``pip install 'spinkit[bench-macrospin]'``).

The conventions are aligned as docs/conventions-macrospin.md records: cmtj's constants
(gamma mu0 = 220880 m/(A s), mu0 = 12.566e-7, e = 1.60217662e-19 C), and cmtj's STT, written
without the alpha m x tau part of the Gilbert form, is spinkit's Slonczewski torque with
P' = P / (1 + alpha^2) and field-like ratio eps' = alpha P' / 2.
"""

import numpy as np
import pytest

import spinkit.magnetization as mag

cmtj = pytest.importorskip("cmtj")

MU0_C, GYRO_C, E_C = 12.566e-7, 220880.0, 1.60217662e-19
E_SI = 1.602176634e-19  # exact (SI 2019), spinkit's
MS, ALPHA, D, POL, K = 1.0e6, 0.01, 1.0e-9, 0.6, 2.0e5
AREA = np.pi * (20e-9) ** 2
DT = 1e-13


def _cmtj_run(m0, current, duration):
    demag = [cmtj.CVector(0, 0, 0)] * 3
    layer = cmtj.Layer.createSTTLayer("free", cmtj.CVector(*m0), cmtj.CVector(0, 0, 1),
                                      MU0_C * MS, D, AREA, demag, damping=ALPHA,
                                      SlonczewskiSpacerLayerParameter=1.0, beta=0.0,
                                      spinPolarisation=POL)
    layer.setReferenceLayer(cmtj.CVector(0, 0, -1))
    j = cmtj.Junction([layer])
    j.setLayerAnisotropyDriver("free", cmtj.constantDriver(K))
    j.setLayerCurrentDriver("free", cmtj.constantDriver(current))
    j.runSimulation(duration, DT, 1e-11, solverMode=cmtj.RK4)
    log = j.getLog()
    # cmtj logs under t = i dt the magnetization after step i, i.e. at t + dt
    return np.asarray(log["time"]) + DT, np.stack([log[f"free_m{c}"] for c in "xyz"], 1)


def test_stt_switching_trajectory_matches_cmtj():
    """A perpendicular CoFeB free layer switched by STT at 2 J_c0 over 10 ns: the RK4
    trajectories (dt = 0.1 ps) of both codes agree to 1e-8 in m at every logged time
    (measured 1.4e-10: the two codes round differently and switching amplifies it)."""
    jc0 = mag.sun_critical_current(ALPHA, MS, D, POL, 2 * K / MS)
    m0 = [np.sin(0.05), 0.0, np.cos(0.05)]
    t, m_c = _cmtj_run(m0, 2 * jc0, 10e-9)
    pol = POL / (1 + ALPHA**2)
    magnet = mag.Macrospin(MS, ALPHA, AREA * D, mag.UniaxialAnisotropy(K) + mag.Slonczewski(
        2 * jc0 * E_SI / E_C, pol, D, [0, 0, -1], field_like=ALPHA * pol / 2),
        gamma=GYRO_C / MU0_C)
    tr = mag.simulate(magnet, m0, t[-1], method="rk4", dt=DT, t_out=np.r_[0.0, t])
    assert m_c[0, 2] > 0.99 and m_c[-1, 2] < -0.99  # it did switch
    assert np.abs(tr.m[1:] - m_c).max() < 1e-8


def test_sot_trajectory_matches_cmtj():
    """Spin-orbit torque (damping- and field-like, sigma = +y) with an in-plane field on the
    perpendicular layer: cmtj writes the SOT with the alpha mixing of the Gilbert form, so
    mu0 H_DL = theta_DL B_J / 2 and mu0 H_FL = theta_FL B_J / 2 map it onto spinkit's
    SpinOrbitTorque with no further change; RK4 trajectories agree to 1e-10 over 5 ns
    (measured 6e-13)."""
    j, theta_dl, theta_fl, b_x = 8e10, 0.3, -0.1, 0.02
    m0 = [np.sin(0.1), 0.0, np.cos(0.1)]
    b_j = 1.0545718176461565e-34 * j / (E_C * MS * D)  # hbar j / (e Ms d) [T], cmtj's e
    demag = [cmtj.CVector(0, 0, 0)] * 3
    layer = cmtj.Layer.createSOTLayer("free", cmtj.CVector(*m0), cmtj.CVector(0, 0, 1),
                                      MU0_C * MS, D, AREA, demag, damping=ALPHA,
                                      fieldLikeTorque=theta_fl * b_j / 2 / MU0_C,
                                      dampingLikeTorque=theta_dl * b_j / 2 / MU0_C)
    layer.setReferenceLayer(cmtj.CVector(0, 1, 0))
    junction = cmtj.Junction([layer])
    junction.setLayerAnisotropyDriver("free", cmtj.constantDriver(K))
    junction.setLayerCurrentDriver("free", cmtj.constantDriver(1.0))
    junction.setLayerExternalFieldDriver("free", cmtj.AxialDriver(
        cmtj.constantDriver(b_x / MU0_C), cmtj.constantDriver(0), cmtj.constantDriver(0)))
    junction.runSimulation(5e-9, DT, 1e-11, solverMode=cmtj.RK4)
    log = junction.getLog()
    t = np.asarray(log["time"]) + DT
    m_c = np.stack([log[f"free_m{c}"] for c in "xyz"], 1)
    magnet = mag.Macrospin(MS, ALPHA, AREA * D, mag.UniaxialAnisotropy(K)
                           + mag.Zeeman([b_x, 0, 0]) + mag.SpinOrbitTorque(
                               j * E_SI / E_C, theta_dl, D, [0, 1, 0],
                               field_like_angle=theta_fl), gamma=GYRO_C / MU0_C)
    tr = mag.simulate(magnet, m0, t[-1], method="rk4", dt=DT, t_out=np.r_[0.0, t])
    assert np.ptp(m_c[:, 1]) > 0.05  # it moved
    assert np.abs(tr.m[1:] - m_c).max() < 1e-10
