"""Coherent symmetry-filtered tunneling in the bcc(001) model."""

from __future__ import annotations

import numpy as np
import pytest

from spinkit import constants
from spinkit.errors import ParameterError
from spinkit.tunneling.coherent import CHANNELS, CoherentJunction
from spinkit.tunneling.julliere import julliere_tmr

EV = constants.eV


@pytest.fixture(scope="module")
def junction() -> CoherentJunction:
    return CoherentJunction(k_points=10)


def test_decay_constants_match_the_complex_band_formula(junction):
    """At Gamma the channels decouple and cosh(kappa a/2) = (e_c - E)/w_c (eq. 2 of the
    module: a 1D chain of centre e_c and half-width w_c in its gap); the mode solver
    reproduces it, and Delta_1 decays slowest (the barrier parameters are chosen so, as
    W. H. Butler et al., Phys. Rev. B 63, 054416 (2001) found for MgO's evanescent states)."""
    kappa = junction.decay_constants()
    names = {"Delta1": 0, "Delta5": 1, "Delta2'": 3}
    for name, idx in names.items():
        c = junction.barrier[idx]
        expected = np.arccosh(c.centre / c.half_width) / junction.layer_spacing
        assert kappa[name] == pytest.approx(expected, rel=1e-10)
    assert kappa["Delta1"] < min(kappa["Delta5"], kappa["Delta2'"])


def test_minority_has_no_delta1_state_at_the_fermi_level(junction):
    """The model's Fe-like band topology at Gamma: the majority Delta_1 band crosses E_F, the
    minority one does not (Butler et al. 2001). At Gamma each channel is a chain with band
    e_c -+ Delta/2 - w_c cos q, open at E_F = 0 iff |e_c -+ Delta/2| < w_c; the lead-mode
    solver must find exactly these open channels (majority: Delta_1, Delta_5 x 2,
    Delta_2'; minority: all but Delta_1)."""
    half = junction.exchange_splitting / 2
    for spin in (1, -1):
        expected = [c for c, ch in zip(CHANNELS, junction.ferromagnet, strict=True)
                    if abs(ch.centre - spin * half) < ch.half_width]
        modes = junction.electrode(spin, 0.0, 0.0).modes(0.0)
        owners = np.argmax(np.abs(modes.u_right[:, :modes.n_open]), axis=0)
        assert sorted(CHANNELS[o] for o in owners) == sorted(expected)
        assert ("Delta1" in expected) == (spin == 1)


def test_tmr_grows_with_thickness_beyond_julliere(junction):
    """Symmetry filtering: TMR rises with barrier thickness and exceeds Jullière's value for
    the same electrodes, both with the model's own DOS polarization and with Fe's measured
    tunneling polarization 0.44 (Meservey and Tedrow, Phys. Rep. 238, 173 (1994))."""
    res = junction.conductances([2, 4, 6, 8])
    tmr = res["TMR"]
    assert np.all(np.diff(tmr) > 0)
    p = junction.julliere_polarization()
    assert tmr[0] > julliere_tmr(p, p)
    assert tmr[-1] > 10 * julliere_tmr(0.44, 0.44)
    # P is dominated by majority -> majority, the slow Delta_1 channel
    assert res["T_upup"][-1] > 0.9 * res["T_P"][-1]


def test_spin_symmetries(junction):
    """Identical electrodes: T_updn = T_dnup (reciprocity); no exchange: TMR = 0; the
    k_par map is symmetric under k_x <-> k_y (C4v of the (001) layers)."""
    res = junction.k_resolved_transmission(4)
    for key, other in (((1, -1), (-1, 1)), ((1, 1), None), ((-1, -1), None)):
        a = res[key]
        b = res[other] if other else a.T
        np.testing.assert_allclose(a, b, rtol=1e-9, atol=1e-12 * a.max())
    plain = CoherentJunction(exchange_splitting=0.0, k_points=6)
    assert plain.conductances([3])["TMR"][0] == pytest.approx(0.0, abs=1e-10)
    assert plain.julliere_polarization() == pytest.approx(0.0, abs=1e-12)


def test_bad_input():
    with pytest.raises(ParameterError, match="k_points"):
        CoherentJunction(k_points=0)
    with pytest.raises(ParameterError, match="layers"):
        CoherentJunction(k_points=4).k_resolved_transmission(0)
    with pytest.raises(ParameterError, match="energy"):
        CoherentJunction(k_points=4).decay_constants(energy=4.0 * EV)
    with pytest.raises(ParameterError, match="^layers"):
        CoherentJunction(k_points=4).conductances([2.5])
    with pytest.raises(ParameterError, match="^layers"):
        CoherentJunction(k_points=4).conductances([])
    with pytest.raises(ParameterError, match="^k_points"):
        CoherentJunction(k_points=True)
    with pytest.raises(ParameterError, match="^lattice_constant"):
        CoherentJunction(lattice_constant=2.9e-10 + 0j)
    with pytest.raises(ParameterError, match="^barrier"):
        CoherentJunction(barrier=(1.0, 2.0, 3.0, 4.0))
    with pytest.raises(ParameterError, match="^spin"):
        CoherentJunction(k_points=4).electrode(0, 0.0, 0.0)
