"""The mtj and datta_das kinds: key numbers against the closed forms, figures, bad input."""

from __future__ import annotations

import matplotlib
import numpy as np
import pytest

from spinkit import constants
from spinkit.errors import ParameterError
from spinkit.scenario.registry import get_kind
from spinkit.scenario.runner import compute, scenario_from_mapping

matplotlib.use("Agg")


def _run(kind: str, **params):
    return compute(scenario_from_mapping({"kind": kind, **params}))


def test_mtj_julliere_uses_the_tabulated_polarizations():
    """Fe/Co: TMR = 2 (0.44)(0.45) / (1 - 0.198) (Meservey-Tedrow polarizations)."""
    ds = _run("mtj", model="julliere", left_material="Fe", right_material="Co")
    assert float(ds["TMR"]) == pytest.approx(0.396 / 0.802, rel=1e-12)
    assert float(ds["G_theta"][-1]) == pytest.approx(0.802 / 1.198, rel=1e-12)


def test_mtj_slonczewski_small_run():
    """Angle law exact to 1e-9 at 1.5 nm; TMR falls with thickness towards the P_eff value
    and is positive for the default (Fe, 3 eV) junction."""
    ds = _run("mtj", model="slonczewski", thickness_points=4, bias_points=3, angle_points=5)
    assert float(ds["cos_law_deviation"]) < 1e-9
    assert float(ds["TMR"]) > 0
    assert float(ds["RA_P"]) * float(ds["G_P_chosen"]) == pytest.approx(1.0, rel=1e-14)
    assert np.all(ds["G_P"].values > ds["G_AP"].values)
    assert set(get_kind("mtj").plot(ds)) == {"tmr"}


def test_mtj_coherent_small_run():
    """Coherent TMR rises with thickness and beats Jullière with Fe's P = 0.44."""
    ds = _run("mtj", model="coherent", layers_max=6, thickness_points=3, k_points=6)
    tmr = ds["TMR_layers"].values
    assert np.all(np.diff(tmr) > 0)
    assert float(ds["TMR"]) > float(ds["TMR_julliere_Fe"])
    assert float(ds["kappa_Delta1"]) == float(ds["kappa_channel"].min())
    assert set(get_kind("mtj").plot(ds)) == {"tmr"}


def test_datta_das_period():
    """The measured period of G(alpha) is pi hbar^2/(m* L) (Datta and Das 1990) to 1e-3."""
    ds = _run("datta_das", alpha_points=161)
    assert abs(float(ds["period_relative_difference"])) < 1e-3
    g_q = constants.e**2 / constants.h
    assert float(ds["G"].max()) == pytest.approx(g_q, rel=1e-6, abs=0)
    # ideal filters: a +x source feeds a +x or a -x drain, G + G_AP = e^2/h (one spin
    # channel) up to the Rashba-interface reflection
    np.testing.assert_allclose(ds["G"] + ds["G_AP"], g_q, rtol=1e-4)
    # formula period pi hbar^2/(m* L) with InGaAs m* = 0.041 m_e, L = 1 um
    expected = np.pi * constants.hbar**2 / (0.041 * constants.m_e * 1e-6)
    assert float(ds["period_formula"]) == pytest.approx(expected, rel=1e-12, abs=0)
    assert set(get_kind("datta_das").plot(ds)) == {"conductance"}


def test_bad_input():
    with pytest.raises(ParameterError, match="exchange_splitting"):
        _run("mtj", model="slonczewski", exchange_splitting=5 * constants.eV)
    with pytest.raises(ParameterError, match="right_material"):
        _run("mtj", model="julliere", right_material="Cu")
    with pytest.raises(ParameterError, match="material"):
        _run("datta_das", material="Cu")
    with pytest.raises(ParameterError, match="^left_material"):
        _run("mtj", model="coherent", left_material="Co")
    with pytest.raises(ParameterError, match="^lattice_spacing"):
        _run("datta_das", lattice_spacing=3e-9)
