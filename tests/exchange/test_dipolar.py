"""Dipolar energies against closed forms and lattice sums.

* Pair of moments m at distance r: head to tail -2, side by side parallel +1, perpendicular
  0, in units of mu_0 m^2 / (4 pi r^3) (Jackson, Classical Electrodynamics, 3rd ed., eq. 5.98).
* Cubic lattices (sc, bcc, fcc) of parallel moments: the dipolar sum over a sphere vanishes
  by cubic symmetry, sum (1 - 3 cos^2) / r^3 = 0 shell by shell (the Lorentz-cavity result,
  Kittel, Introduction to Solid State Physics, ch. 16).
* Square lattice, moments normal to the plane: sum' (i^2 + j^2)^(-3/2) = 4 zeta(3/2) beta(3/2)
  (M. L. Glasser and I. J. Zucker, Theoretical Chemistry: Advances and Perspectives 5, 67
  (1980); beta the Dirichlet beta function), = 9.0336; evaluated here with scipy's Hurwitz
  zeta, beta(s) = 4^-s [zeta(s, 1/4) - zeta(s, 3/4)].
* Fe (bcc, a = 2.8665 A, 2.22 mu_B, T_C = 1044 K): exchange exceeds dipolar coupling by more
  than two orders of magnitude, as the review states.
"""

import numpy as np
import pytest
from scipy.special import zeta

from spinkit import constants, materials
from spinkit.errors import ParameterError
from spinkit.exchange.dipolar import (
    dipolar_energy_per_site,
    dipolar_pair_energy,
    exchange_vs_dipolar,
)
from spinkit.lattice import bcc, fcc, simple_cubic, square

MU = 2 * constants.mu_B
R = 3e-10
UNIT = constants.mu_0 / (4 * np.pi) * MU**2 / R**3


@pytest.mark.parametrize(("m1", "m2", "r", "expected"), [
    ((0, 0, 1), (0, 0, 1), (0, 0, 1), -2.0),
    ((0, 0, 1), (0, 0, 1), (1, 0, 0), 1.0),
    ((0, 0, 1), (0, 0, -1), (1, 0, 0), -1.0),
    ((1, 0, 0), (0, 0, 1), (1, 0, 0), 0.0),
])
def test_pair_energy(m1, m2, r, expected):
    e = dipolar_pair_energy(MU * np.array(m1), MU * np.array(m2), R * np.array(r))
    assert e / UNIT == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize("lattice", [simple_cubic(3e-10), bcc(3e-10), fcc(3e-10),
                                     bcc(3e-10, conventional=True)])
@pytest.mark.parametrize("direction", [(0, 0, 1), (1, 1, 1), (0.3, -0.2, 0.9)])
def test_cubic_lattice_sum_vanishes(lattice, direction):
    e = dipolar_energy_per_site(lattice, MU, direction, radius=6e-9)
    scale = constants.mu_0 / (4 * np.pi) * MU**2 / lattice.a**3
    assert abs(e) / scale < 1e-9


def test_square_lattice_sum_glasser_zucker():
    s = 1.5
    beta = 4**-s * (zeta(s, 0.25) - zeta(s, 0.75))
    exact = 4 * zeta(s, 1) * beta
    assert exact == pytest.approx(9.0336, abs=1e-4)
    a = 1e-10
    e = dipolar_energy_per_site(square(a), MU, (0, 0, 1), radius=60 * a)
    unit = constants.mu_0 / (4 * np.pi) * MU**2 / a**3
    assert e / unit == pytest.approx(0.5 * exact, rel=1e-4)
    # in plane: (1 - 3 cos^2) averages the sum to -1/2 of the normal case
    e_in = dipolar_energy_per_site(square(a), MU, (1, 0, 0), radius=60 * a)
    assert e_in / unit == pytest.approx(-0.25 * exact, rel=1e-4)


def test_iron_exchange_dwarfs_dipolar():
    fe = materials.get("Fe")
    lat = bcc(fe.value("lattice_constant"))
    cmp = exchange_vs_dipolar(lat, fe.value("moment_per_atom") * constants.mu_B,
                              curie_temperature=fe.value("T_curie"))
    assert cmp.distance == pytest.approx(np.sqrt(3) / 2 * 2.8665e-10, rel=1e-12, abs=0)
    assert cmp.exchange == pytest.approx(3 * constants.k_B * 1044 / 8, rel=1e-12, abs=0)
    assert cmp.ratio > 100
    assert cmp.dipolar / constants.k_B < 1.0  # below 1 K


def test_bad_input():
    with pytest.raises(ParameterError, match="r"):
        dipolar_pair_energy((0, 0, 1), (0, 0, 1), (0, 0, 0))
    with pytest.raises(ParameterError, match="curie_temperature"):
        exchange_vs_dipolar(bcc(3e-10), MU)
    with pytest.raises(ParameterError, match="^m1"):
        dipolar_pair_energy((0, 1), (0, 0, 1), (0, 0, 1))
    with pytest.raises(ParameterError, match="^moment"):
        exchange_vs_dipolar(bcc(3e-10), "2 mu_B", curie_temperature=100.0)
    with pytest.raises(ParameterError, match="radius"):
        dipolar_energy_per_site(square(1.0), MU, (0, 0, 1), radius=0.5)
