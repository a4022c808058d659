"""Datta-Das spin transistor."""

from __future__ import annotations

import numpy as np
import pytest

from spinkit import constants
from spinkit.devices.datta_das import (
    DattaDasTransistor,
    filtered_conductance,
    oscillation_period,
    precession_angle,
    rashba_period,
)
from spinkit.errors import ParameterError

EV = constants.eV


@pytest.fixture(scope="module")
def ingaas() -> DattaDasTransistor:
    return DattaDasTransistor.from_material("InGaAs", 1e-6, 0.01 * EV)


def test_precession_angle_formula_units():
    """Delta theta = 2 m* alpha L / hbar^2 (S. Datta and B. Das, Appl. Phys. Lett. 56, 665
    (1990)); InGaAs m* = 0.041 m_e (Vurgaftman et al. 2001), alpha = 0.93e-11 eV m (Nitta
    et al., Phys. Rev. Lett. 78, 1335 (1997)), L = 1 um: about 10.0 rad. G ~ cos^2(Delta
    theta / 2) repeats when Delta theta grows by 2 pi, so the period in alpha is
    2 pi alpha / Delta theta = pi hbar^2 / (m* L) (about 0.58e-11 eV m here).
    (abs=0: pytest.approx's default abs = 1e-12 would swallow any SI value ~1e-30.)"""
    m = 0.041 * 9.1093837e-31
    alpha = 0.93e-11 * 1.602176634e-19
    expected = 2 * m * alpha * 1e-6 / 1.054571817e-34**2
    assert precession_angle(alpha, m, 1e-6) == pytest.approx(expected, rel=1e-8, abs=0)
    assert expected == pytest.approx(10.0, abs=0.05)
    period = 2 * np.pi * alpha / expected
    assert rashba_period(m, 1e-6) == pytest.approx(period, rel=1e-8, abs=0)
    assert period / 1.602176634e-19 == pytest.approx(0.584e-11, rel=1e-3, abs=0)


def test_lattice_precession_is_exact(ingaas):
    """On the chain the Rashba bond is -sqrt(t^2 + t_so^2) exp(-i phi sigma_y): a spin
    rotation by 2 phi per bond, so T_{+x,+x} / (T_{+x,+x} + T_{-x,+x}) = cos^2(n phi)
    exactly, and the spin-summed transmission does not depend on spin."""
    alpha = np.linspace(0, 2e-11, 41) * EV
    t = ingaas.spin_transmissions(alpha)
    ratio = t[:, 0, 0] / (t[:, 0, 0] + t[:, 1, 0])
    # n = L/a = 500 bonds, t = hbar^2/(2 m* a^2), t_so = alpha/(2a), phi = arctan(t_so/t)
    a, n = 2e-9, 500
    phi = np.arctan((alpha / (2 * a)) / (constants.hbar**2 / (2 * ingaas.effective_mass * a**2)))
    np.testing.assert_allclose(ratio, np.cos(n * phi) ** 2, atol=1e-10)
    np.testing.assert_allclose(ingaas.lattice_precession_angle(alpha), 2 * n * phi, rtol=1e-14)
    np.testing.assert_allclose(t[:, 0, 0] + t[:, 1, 0], t[:, 1, 1] + t[:, 0, 1], rtol=1e-10)
    assert t[0, 0, 0] == pytest.approx(1.0, abs=1e-12)
    assert t[0, 1, 0] == pytest.approx(0.0, abs=1e-12)


def test_conductance_period_matches_precession_length(ingaas):
    """The maxima of G(alpha) are pi hbar^2 / (m* L) apart (precession length formula); the
    lattice correction is O((k_so a)^2) ~ 2e-4 and the sampling error smaller. One spin
    channel through ideal half-metal contacts: G_max = e^2/h (not 2e^2/h), the minima 0."""
    alpha = np.linspace(0, 2e-11, 401) * EV
    g = ingaas.conductance(alpha)
    period = np.pi * constants.hbar**2 / (ingaas.effective_mass * 1e-6)
    assert oscillation_period(alpha, g) == pytest.approx(period, rel=5e-4, abs=0)
    assert g.max() == pytest.approx(constants.e**2 / constants.h, rel=1e-6, abs=0)
    assert g.min() < 1e-3 * g.max()


def test_single_subband_strip_follows_the_precession_formula():
    """Quasi-1D strip W = 3 sites (6 nm): the second hard-wall subband lies 2t(cos(pi/4) -
    cos(pi/2)) = 0.33 eV above the first, far above E_F = 10 meV, so only one subband
    conducts and the alpha sigma_x k_y term mixes subbands only virtually: G still peaks at
    e^2/h with the period pi hbar^2/(m* L) of the 1D formula (here to 7e-4) and dips to 0."""
    dev = DattaDasTransistor.from_material("InGaAs", 1e-6, 0.01 * EV, width=3)
    alpha = np.linspace(0, 2e-11, 161) * EV
    g = dev.conductance(alpha)
    period = np.pi * constants.hbar**2 / (dev.effective_mass * 1e-6)
    assert oscillation_period(alpha, g) == pytest.approx(period, rel=2e-3, abs=0)
    assert g.max() == pytest.approx(constants.e**2 / constants.h, rel=1e-6, abs=0)
    assert g.min() < 1e-3 * g.max()


def test_oscillation_period_ignores_endpoint_flanks():
    """cos(x) sampled from 0.3 (falling flank) to 4 pi + 5.5 (rising flank): maxima at 2 pi
    and 4 pi only, spacing 2 pi to the parabola-refinement error (~1e-4 at 200 samples)."""
    x = np.linspace(0.3, 4 * np.pi + 5.5, 200)
    assert oscillation_period(x, np.cos(x)) == pytest.approx(2 * np.pi, rel=1e-3)
    x = np.linspace(0.0, 6.7 * 2 * np.pi, 300)
    assert oscillation_period(x, np.cos(x)) == pytest.approx(2 * np.pi, rel=1e-5)


def test_unpolarized_contacts_see_no_oscillation(ingaas):
    """P = 0: G = (e^2/h) T_total / 4 with T_total = 2 (two spin channels, no barrier): flat
    in alpha at e^2/(2h) up to the tiny reflection at the Rashba interfaces."""
    alpha = np.linspace(0, 2e-11, 21) * EV
    g = ingaas.conductance(alpha, polarization=0.0)
    assert np.ptp(g) / g.mean() < 1e-4
    np.testing.assert_allclose(g, constants.e**2 / (2 * constants.h), rtol=1e-4)


def test_antiparallel_drain_is_the_complement(ingaas):
    """Ideal filters (P = 1): a +x source into a +x drain and into a -x drain share the
    transmitted spin, G_P + G_AP = (e^2/h) (T_{+x,+x} + T_{-x,+x}) = e^2/h up to the
    reflection at the Rashba interfaces (1.5e-5 at the largest alpha here)."""
    alpha = np.linspace(0, 2e-11, 11) * EV
    t = ingaas.spin_transmissions(alpha)
    g_sum = filtered_conductance(t, 1.0, 1.0) + filtered_conductance(t, 1.0, -1.0)
    np.testing.assert_allclose(g_sum, constants.e**2 / constants.h, rtol=1e-4)


def test_bad_input():
    with pytest.raises(ParameterError, match="lattice_spacing"):
        DattaDasTransistor(1e-6, 0.041 * constants.m_e, 0.01 * EV, lattice_spacing=1e-7)
    with pytest.raises(ParameterError, match="width"):
        DattaDasTransistor(1e-6, 0.041 * constants.m_e, 0.01 * EV, width=0)
    with pytest.raises(ParameterError, match="polarization"):
        DattaDasTransistor(1e-6, 0.041 * constants.m_e, 0.01 * EV).conductance(0.0, 2.0)
    with pytest.raises(ParameterError, match="^x"):
        oscillation_period(np.linspace(0, 1, 10), np.linspace(0, 1, 10))
    with pytest.raises(ParameterError, match="^y"):
        oscillation_period(np.linspace(0, 1, 10), np.linspace(0, 1, 9))
    with pytest.raises(ParameterError, match="^lattice_spacing"):
        DattaDasTransistor(1e-6, 0.041 * constants.m_e, 0.01 * EV, lattice_spacing=3e-9)
    with pytest.raises(ParameterError, match="^width"):
        DattaDasTransistor(1e-6, 0.041 * constants.m_e, 0.01 * EV, width=True)
    with pytest.raises(ParameterError, match="^length"):
        DattaDasTransistor(1e-6 + 0j, 0.041 * constants.m_e, 0.01 * EV)
    with pytest.raises(ParameterError, match="^alpha"):
        precession_angle(1e-30j, 0.041 * constants.m_e, 1e-6)
    with pytest.raises(ParameterError, match="^polarization_out"):
        filtered_conductance(np.eye(2), 1.0, -1.5)
    with pytest.raises(ParameterError, match="^spin_transmission"):
        filtered_conductance(np.eye(3), 1.0, 1.0)
