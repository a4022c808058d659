"""Stoner model against closed forms of model densities of states.

* Flat (rectangular) band of width W, N0 = 1/W per spin, half filled: the band energy is
  exactly quadratic in m, E(m) = (1/N0 - I) m^2/4, so the paramagnet gives way at I N0 = 1
  straight to the saturated state m = 1. At temperature T, mu stays at the band centre and
  int N (-f') = N0 tanh(W / 4 k_B T), so the Stoner T_c solves I N0 tanh(W/4 k_B T_c) = 1
  (derived by hand).
* Free-electron gas (N(E) ~ sqrt E): the self-consistency E_F[(1+z)^(2/3) - (1-z)^(2/3)]
  = (4/3) I N(E_F) E_F z for the polarisation z = m/n gives onset at I N(E_F) = 1 and full
  polarisation at I N(E_F) = (3/4) 2^(2/3) = 1.1906 (E. C. Stoner, Proc. R. Soc. A 165, 372
  (1938); e.g. Mohn, Magnetism in the Solid State (2003), ch. 6).
* Paramagnet in a small field: m = 2 mu_B B N(E_F) / (1 - I N(E_F)), the exchange-enhanced
  Pauli susceptibility.
* Tight-binding DOS: moments int E N = 0 and int E^2 N = z t^2 (sum over hops, exact);
  band edges +-6t (sc), +-8t (bcc), [-12t, 4t] (fcc).
"""

import numpy as np
import pytest
from scipy.optimize import brentq

from spinkit import constants
from spinkit.errors import ParameterError
from spinkit.exchange.dos import DensityOfStates
from spinkit.exchange.stoner import (
    fermi_level,
    solve_stoner,
    stoner_enhancement,
    stoner_product,
    stoner_tc,
)

EV = constants.eV
MU_B = constants.mu_B


def test_flat_band_jumps_to_saturation_at_the_criterion():
    w = 2 * EV
    dos = DensityOfStates.rectangular(w)
    assert stoner_product(dos, 1.0, 0.99 * w) == pytest.approx(0.99)
    assert solve_stoner(dos, 1.0, 0.99 * w).moment == 0.0
    st = solve_stoner(dos, 1.0, 1.01 * w)
    assert st.moment == pytest.approx(1.0)
    assert st.splitting == pytest.approx(1.01 * w, abs=0)
    assert st.n_up + st.n_down == pytest.approx(1.0)


@pytest.mark.parametrize("ratio", [1.05, 1.2, 2.0])
def test_flat_band_stoner_tc_closed_form(ratio):
    w = 2 * EV
    dos = DensityOfStates.rectangular(w)
    expected = w / (4 * np.arctanh(1 / ratio)) / constants.k_B
    assert stoner_tc(dos, 1.0, ratio * w) == pytest.approx(expected, rel=1e-6)


def test_free_electron_gas_thresholds_and_partial_polarisation():
    ef = 3 * EV
    n = 1.0
    dos = DensityOfStates.free_electron(ef, n)
    n_ef = 0.75 * n / ef  # per spin at E_F
    assert dos.value(fermi_level(dos, n)) == pytest.approx(n_ef, rel=1e-4)
    full = 0.75 * 2 ** (2 / 3)
    for r in (0.9, 0.99):
        assert solve_stoner(dos, n, r / n_ef).moment == pytest.approx(0, abs=1e-9)
    for r in (full + 0.005, 1.4):
        assert solve_stoner(dos, n, r / n_ef).moment == pytest.approx(n, rel=1e-9)
    for r in (1.03, 1.1, 1.17):
        z = brentq(lambda z, r=r: (1 + z) ** (2 / 3) - (1 - z) ** (2 / 3) - 4 * r / 3 * z,
                   1e-9, 1)
        assert solve_stoner(dos, n, r / n_ef).moment / n == pytest.approx(z, abs=2e-4)


@pytest.mark.parametrize("i_ev", [3.3, 3.6, 3.9])
def test_semi_elliptic_half_filled_partial_moment(i_ev):
    """Semi-elliptic band of half width R, half filled: by particle-hole symmetry the spin
    Fermi levels sit at +-x R with n_up - n_down = m = 2F(x) - 1, F the band's integrated
    DOS, (2/pi)(x sqrt(1 - x^2) + arcsin x) = m, and self-consistency 2 x R = I m. Onset at
    I N(0) = 1 (I = pi R / 2), saturation at I = 2R; in between the moment is partial
    (derived by hand; solved here with brentq, independent of spinkit's DOS tables)."""
    r = 2.0  # eV
    dos = DensityOfStates.semi_elliptic(2 * r * EV)

    def excess(m):
        x = m * i_ev / (2 * r)
        return 2 / np.pi * (x * np.sqrt(1 - x * x) + np.arcsin(x)) - m

    m = brentq(excess, 1e-3, min(1.0, 2 * r / i_ev) - 1e-12, xtol=1e-14)
    st = solve_stoner(dos, 1.0, i_ev * EV)
    assert st.moment == pytest.approx(m, rel=1e-5)
    assert st.splitting / EV == pytest.approx(i_ev * m, rel=1e-5)


def test_enhanced_pauli_susceptibility():
    dos = DensityOfStates.semi_elliptic(4 * EV)
    n = 0.8
    n_ef = dos.value(fermi_level(dos, n))
    for product in (0.0, 0.5, 0.8):
        b = 0.5  # T
        st = solve_stoner(dos, n, product / n_ef, field=b)
        pauli = 2 * MU_B * b * n_ef
        assert st.moment / pauli == pytest.approx(1 / (1 - product), rel=2e-3)
        assert stoner_enhancement(dos, n, product / n_ef) == pytest.approx(1 / (1 - product))


def test_field_reversal_and_particle_conservation():
    dos = DensityOfStates.semi_elliptic(4 * EV)
    n_ef = dos.value(fermi_level(dos, 1.3))
    for t in (0.0, 300.0):
        up = solve_stoner(dos, 1.3, 1.3 / n_ef, temperature=t, field=2.0)
        down = solve_stoner(dos, 1.3, 1.3 / n_ef, temperature=t, field=-2.0)
        assert up.moment > 0
        assert down.moment == pytest.approx(-up.moment, rel=1e-6)
        assert up.n_up + up.n_down == pytest.approx(1.3, rel=1e-9)


def test_finite_temperature_moment_vanishes_at_tc_and_matches_t0():
    dos = DensityOfStates.semi_elliptic(4 * EV)
    n, i = 1.0, 1.6 / DensityOfStates.semi_elliptic(4 * EV).value(0.0)
    tc = stoner_tc(dos, n, i)
    m0 = solve_stoner(dos, n, i).moment
    assert solve_stoner(dos, n, i, temperature=1.0).moment == pytest.approx(m0, rel=1e-6)
    ms = [solve_stoner(dos, n, i, temperature=f * tc).moment for f in (0.3, 0.7, 0.95)]
    assert m0 >= ms[0] > ms[1] > ms[2] > 0
    assert solve_stoner(dos, n, i, temperature=1.05 * tc).moment == pytest.approx(0, abs=1e-6)


def test_five_fold_bcc_band_through_tc():
    """A d-band-like DOS (bcc tight binding, 5 orbitals, 7 electrons): M(T) goes to 0."""
    base = DensityOfStates.tight_binding("bcc", 5 * EV / 16)
    dos = DensityOfStates(base.energy, 5 * base.dos)
    i = 0.6 * EV
    tc = stoner_tc(dos, 7.0, i)
    m = [solve_stoner(dos, 7.0, i, temperature=f * tc).moment for f in (0.5, 0.9, 1.02, 1.1)]
    assert m[0] > m[1] > 0
    assert m[2] == pytest.approx(0, abs=1e-6) and m[3] == pytest.approx(0, abs=1e-6)


@pytest.mark.parametrize("fraction", [0.0, 0.5, 0.99])
def test_no_moment_where_the_band_energy_is_convex(fraction):
    """E(m) = G((n+m)/2) + G((n-m)/2) - I m^2/4 with G'' = 1/N(E) >= 1/N_max: for
    I < 1/N_max, E is strictly convex and even in m, so the paramagnet m = 0 is the global
    minimum exactly (Pauli; any spin splitting costs band energy). Checked on the 5-fold bcc
    tight-binding band, whose histogram DOS once gave spurious moments ~1e-2 mu_B here."""
    base = DensityOfStates.tight_binding("bcc", 5 * EV / 16)
    dos = DensityOfStates(base.energy, 5 * base.dos)
    i = fraction / dos.dos.max()
    st = solve_stoner(dos, 7.0, i)
    assert st.moment == 0.0 and st.splitting == 0.0
    assert st.n_up == st.n_down == 3.5


@pytest.mark.parametrize(("lattice", "z", "edges"),
                         [("sc", 6, (-6, 6)), ("bcc", 8, (-8, 8)), ("fcc", 12, (-12, 4))])
def test_tight_binding_dos_moments_and_edges(lattice, z, edges):
    t = 0.5 * EV
    dos = DensityOfStates.tight_binding(lattice, t)
    e, w = dos.energy, np.gradient(dos.energy)
    assert dos.capacity == pytest.approx(1.0, rel=1e-9)
    assert np.sum(dos.dos * e * w) / t == pytest.approx(0.0, abs=2e-3)
    assert np.sum(dos.dos * e * e * w) / t**2 == pytest.approx(z, rel=2e-3)
    occupied = e[dos.dos > 1e-3 * dos.dos.max()]
    assert occupied.min() / t == pytest.approx(edges[0], abs=0.5)
    assert occupied.max() / t == pytest.approx(edges[1], abs=0.5)


def test_bad_input():
    dos = DensityOfStates.rectangular(EV)
    with pytest.raises(ParameterError, match="n_electrons"):
        solve_stoner(dos, 2.5, EV)
    with pytest.raises(ParameterError, match="stoner_I"):
        solve_stoner(dos, 1.0, -EV)
    with pytest.raises(ParameterError, match="stoner_I"):
        stoner_enhancement(dos, 1.0, 2 * EV)
    with pytest.raises(ParameterError, match="temperature"):
        solve_stoner(dos, 1.0, EV, temperature=-1.0)
    with pytest.raises(ParameterError, match="energy"):
        DensityOfStates.tabulated([0, 2, 1], [1, 1, 1])
    with pytest.raises(ParameterError, match="dos"):
        DensityOfStates.tabulated([0, 1, 2], [1, -1, 1])
    with pytest.raises(ParameterError, match="lattice"):
        DensityOfStates.tight_binding("hcp", EV)
    with pytest.raises(ParameterError, match="^n_electrons"):
        solve_stoner(dos, "1", EV)
    with pytest.raises(ParameterError, match="^field"):
        solve_stoner(dos, 1.0, EV, field="up")
    with pytest.raises(ParameterError, match="^t_max"):
        stoner_tc(dos, 1.0, 2 * EV, t_max=-1.0)
    with pytest.raises(ParameterError, match="^dos"):
        solve_stoner([1.0], 1.0, EV)
