"""Mean-field theory against closed forms.

* k_B T_c = z J S(S+1)/3 for one shell (Weiss; Ashcroft and Mermin, Solid State Physics
  (1976), ch. 33; Blundell, Magnetism in Condensed Matter (2001), ch. 5), classical unit
  spins z J/3. Neel temperature of a bipartite AFM: the same with |J|.
* Triangular AFM: J(q) = 2J sum cos(q.a_i) is most negative, -3J, at the zone corner
  K, |K| = 4 pi / (3 a) (the 120-degree state): k_B T_N = |J| for classical spins.
* fcc AFM: J(q) = 4J (c_x c_y + c_y c_z + c_z c_x), c = cos(q a/2), minimum -1 at X:
  k_B T_N = 4|J|/3 (classical).
* Weiss equation near T_c: m^2 -> 3(1 - T/T_c) for S = 1/2 (m = tanh(m T_c/T)) and
  (5/3)(1 - T/T_c) for classical spins (L(x) = x/3 - x^3/45 + ...), by series expansion.
"""

import numpy as np
import pytest

from spinkit import constants
from spinkit.errors import ParameterError
from spinkit.exchange.meanfield import (
    brillouin,
    curie_weiss_susceptibility,
    langevin,
    mean_field_magnetization,
    mean_field_order,
)
from spinkit.lattice import bcc, fcc, honeycomb, simple_cubic, square, triangular

KB = constants.k_B


@pytest.mark.parametrize(("lattice", "z"), [(simple_cubic(), 6), (bcc(), 8), (fcc(), 12),
                                            (square(), 4), (honeycomb(), 3)])
@pytest.mark.parametrize("spin", [None, 0.5, 2.5])
def test_ferromagnet_tc_is_z_j_s_s_plus_1_over_3(lattice, z, spin):
    factor = 1 / 3 if spin is None else spin * (spin + 1) / 3
    mf = mean_field_order(lattice, [KB], spin=spin)
    assert mf.tc == pytest.approx(z * factor, rel=1e-10)
    assert mf.theta == pytest.approx(z * factor, rel=1e-10)
    assert mf.ferromagnetic


@pytest.mark.parametrize(("lattice", "z"), [(simple_cubic(), 6), (bcc(), 8), (square(), 4),
                                            (honeycomb(), 3)])
def test_bipartite_antiferromagnet_neel_equals_curie(lattice, z):
    mf = mean_field_order(lattice, [-KB])
    assert mf.tc == pytest.approx(z / 3, rel=1e-10)
    assert mf.theta == pytest.approx(-z / 3, rel=1e-10)
    assert not mf.ferromagnetic


def test_triangular_antiferromagnet_orders_at_k():
    a = 2.0
    mf = mean_field_order(triangular(a), [-KB])
    assert mf.tc == pytest.approx(1.0, rel=1e-10)
    assert np.linalg.norm(mf.q) == pytest.approx(4 * np.pi / (3 * a), rel=1e-10)


def test_fcc_antiferromagnet():
    assert mean_field_order(fcc(), [-KB]).tc == pytest.approx(4 / 3, rel=1e-10)


def test_second_neighbours_add_to_the_curie_temperature():
    # sc with J1, J2: J(0) = 6 J1 + 12 J2
    assert mean_field_order(simple_cubic(), [KB, 0.5 * KB]).tc == pytest.approx((6 + 6) / 3)


def test_weiss_magnetization_near_tc_and_at_zero():
    tc = 100.0
    t = np.array([0.0, 99.99, 100.0, 150.0])
    for spin, slope in ((0.5, 3.0), (None, 5 / 3)):
        m = mean_field_magnetization(t, tc, spin=spin)
        assert m[0] == 1.0 and m[2] == 0.0 and m[3] == 0.0
        assert m[1] ** 2 / (1 - t[1] / tc) == pytest.approx(slope, rel=1e-3)
    m = mean_field_magnetization(np.linspace(1, 99, 30), tc, spin=1.0)
    assert (np.diff(m) <= 0).all() and m[-1] < 0.2 < 0.99 < m[0]


def test_brillouin_limits():
    x = np.array([1e-3, 0.5, 2.0])
    assert np.allclose(brillouin(0.5, x), np.tanh(x), rtol=1e-12)
    assert np.allclose(brillouin(1e4, x), langevin(x), rtol=1e-3)  # S -> infinity
    assert langevin(np.array([1e-6]))[0] == pytest.approx(1e-6 / 3, rel=1e-12, abs=0)


def test_curie_weiss_law():
    chi = curie_weiss_susceptibility(np.array([3.0, 5.0]), 2.0)
    # chi ~ 1e22 1/J: compare relatively (allclose's atol 1e-8 would accept anything)
    assert np.allclose(1 / (KB * chi), 3 * np.array([1.0, 3.0]), rtol=1e-12, atol=0)
    chi_s = curie_weiss_susceptibility(np.array([3.0]), 2.0, spin=2.5)
    assert chi_s[0] * KB == pytest.approx(2.5 * 3.5 / 3, rel=1e-12, abs=0)
    with pytest.raises(ParameterError, match="temperature"):
        curie_weiss_susceptibility(np.array([1.0]), 2.0)


def test_bad_input():
    with pytest.raises(ParameterError, match="spin"):
        mean_field_order(simple_cubic(), [KB], spin=0.3)
    with pytest.raises(ParameterError, match="^J1"):  # names the shell, as HeisenbergModel
        mean_field_order(simple_cubic(), [np.inf])
    with pytest.raises(ParameterError, match="^exchange"):
        mean_field_order(simple_cubic(), [])
    with pytest.raises(ParameterError, match="tc"):
        mean_field_magnetization([1.0], -1.0)
    with pytest.raises(ParameterError, match="^lattice"):
        mean_field_order("sc", [KB])
    with pytest.raises(ParameterError, match="^J1"):
        mean_field_order(simple_cubic(), ["a"])
    with pytest.raises(ParameterError, match="^theta"):
        curie_weiss_susceptibility(np.array([3.0]), np.nan)
    with pytest.raises(ParameterError, match="^temperature"):
        curie_weiss_susceptibility(np.array([np.nan]), 2.0)
