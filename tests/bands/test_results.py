"""Result objects (to_xarray, plot) and the density-of-states sum rule on a lattice."""

import matplotlib
import numpy as np
import pytest
from scipy.constants import eV, m_e
from scipy.integrate import trapezoid

from spinkit.bands import (
    DiracSurface,
    QiWuZhang,
    SpinOrbit2DEG,
    band_structure,
    berry_curvature,
    density_of_states,
    straight_path,
)
from spinkit.errors import ParameterError
from spinkit.transport.backscattering import born_scattering

matplotlib.use("Agg")
A = 5e-10


def test_band_structure_result():
    ham = SpinOrbit2DEG(0.041 * m_e, 1e-11 * eV)
    bs = band_structure(ham, straight_path([-1e8, 0.0], [1e8, 0.0], 21))
    assert bs.distance[10] == 0.0 and bs.distance[-1] == pytest.approx(1e8)
    ds = bs.to_xarray()
    assert ds["energy"].shape == (21, 2) and "spin_y" in ds
    assert bs.plot() is not None
    with pytest.raises(ParameterError, match="^points ="):
        straight_path([0.0, 0.0], [1.0, 0.0], 1)


def test_berry_curvature_and_scattering_results():
    curv = berry_curvature(QiWuZhang(-1.0, eV, A), 0, nk=12)
    ds = curv.to_xarray()
    assert int(ds["chern"]) == 1 and ds["curvature"].shape == (12, 12)
    assert curv.plot() is not None
    res = born_scattering(DiracSurface(5e5), 0.1 * eV, impurity_density=1e15, potential=1e-37,
                          n_angles=16, k_max=1e9)
    ds = res.to_xarray()
    assert ds["rate"].shape == (1, 1, 16) and ds["rate"].attrs["units"] == "1/(s rad)"
    assert res.plot() is not None


def test_lattice_density_of_states_counts_every_state():
    """int g(E) dE = (number of bands) / (cell area): every state of the zone counted once."""
    ham = QiWuZhang(-1.0, eV, A)
    e = np.linspace(-4, 4, 4001) * eV
    g = density_of_states(ham, e, broadening=0.05 * eV, nk=60)
    assert trapezoid(g, e) == pytest.approx(2 / A**2, rel=1e-6)
    with pytest.raises(ParameterError, match="^k_max ="):
        density_of_states(ham, e, broadening=0.05 * eV, k_max=1e9)
    with pytest.raises(ParameterError, match="^k_max ="):
        density_of_states(DiracSurface(5e5), e, broadening=0.05 * eV)


def test_fermi_contour_bad_input():
    from spinkit.bands import fermi_contour

    ham = DiracSurface(5e5)
    with pytest.raises(ParameterError, match="^angles ="):
        fermi_contour(ham, 0.1 * eV, [np.nan], k_max=1e9)
    with pytest.raises(ParameterError, match="^k_max ="):
        fermi_contour(ham, 0.1 * eV, [0.0], k_max=-1.0)
    with pytest.raises(ParameterError, match="^n_radial ="):
        fermi_contour(ham, 0.1 * eV, [0.0], k_max=1e9, n_radial=3)
