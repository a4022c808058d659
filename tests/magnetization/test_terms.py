"""Energy terms: closed-form fields and energies, field = -dw/dm / Ms, symmetries, input."""

import numpy as np
import pytest

import spinkit.magnetization as mag
from spinkit.errors import ParameterError

MU0 = 4e-7 * np.pi * (1 + 5.5e-10)  # CODATA 2018 mu_0 to 1e-9, written out
MS = 8.0e5


def _random_unit(n, seed=0):
    v = np.random.default_rng(seed).normal(size=(n, 3))
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def _all_terms():
    return (
        mag.Zeeman([0.01, -0.02, 0.05])
        + mag.UniaxialAnisotropy(4e5, [1, 1, 0])
        + mag.CubicAnisotropy(4.8e4, [1, 0, 0], [0, 1, 0])
        + mag.Demag([0.2, 0.3, 0.5])
        + mag.InterlayerExchange(-1e-4, 1.5e-9, [0, 1, 1], J2=-2e-5)
    )


@pytest.mark.parametrize("term", list(_all_terms()), ids=repr)
def test_field_is_minus_energy_gradient(term):
    """B_eff = -(1/Ms) dw/dm, checked by central differences of the energy density."""
    m = _random_unit(5)
    h = 1e-6
    grad = np.empty_like(m)
    for i in range(3):
        d = np.zeros(3)
        d[i] = h
        grad[:, i] = (term.energy_density(m + d, MS) - term.energy_density(m - d, MS)) / (2 * h)
    np.testing.assert_allclose(term.field(m, MS), -grad / MS, rtol=1e-6, atol=1e-9)


def test_closed_forms():
    """Anisotropy field 2K/Ms, barrier K, cubic [111] energy K1/3, film demag -mu0 Ms m_z."""
    z = np.array([0.0, 0.0, 1.0])
    uni = mag.UniaxialAnisotropy(5e5)
    np.testing.assert_allclose(uni.field(z, MS), [0, 0, 2 * 5e5 / MS])
    assert uni.energy_density(np.array([1.0, 0, 0]), MS) == pytest.approx(5e5)
    assert uni.energy_density(z, MS) == pytest.approx(0.0)
    cub = mag.CubicAnisotropy(4.8e4)
    d111 = np.ones(3) / np.sqrt(3)
    assert cub.energy_density(d111, MS) == pytest.approx(4.8e4 / 3)
    assert cub.energy_density(z, MS) == pytest.approx(0.0)
    film = mag.Demag.thin_film()
    m = np.array([0.6, 0.0, 0.8])
    np.testing.assert_allclose(film.field(m, MS), [0, 0, -MU0 * MS * 0.8], rtol=1e-9)
    assert film.energy_density(m, MS) == pytest.approx(0.5 * MU0 * MS**2 * 0.64, rel=1e-9)
    zee = mag.Zeeman([0, 0, 0.1])
    assert zee.energy_density(z, MS) == pytest.approx(-MS * 0.1)


def test_cubic_easy_axes():
    """K1 > 0 (Fe): <100> easy, <111> hard; K1 < 0 (Ni): the reverse."""
    m = _random_unit(20000, seed=3)
    for k1 in (4.8e4, -5.7e3):
        w = mag.CubicAnisotropy(k1).energy_density(m, MS)
        best = np.abs(m[np.argmin(w)])
        if k1 > 0:
            assert best.max() > 0.99
        else:
            np.testing.assert_allclose(best, np.ones(3) / np.sqrt(3), atol=0.03)


def test_terms_add_up_and_act_on_meshes():
    """A sum of terms gives the summed field; formulas broadcast over (nx, ny, nz, 3)."""
    terms = _all_terms()
    assert len(terms) == 5 and isinstance(terms, mag.Terms)
    m = _random_unit(24).reshape(2, 3, 4, 3)
    total = sum(t.field(m, MS) for t in terms)
    np.testing.assert_allclose(terms.field(m, MS), total)
    ms_cells = np.full((2, 3, 4), MS)
    np.testing.assert_allclose(terms.field(m, ms_cells), total)
    assert terms.energy_density(m, MS).shape == (2, 3, 4)


def test_reversal_symmetry():
    """m -> -m: the anisotropy and demag fields are odd, their energies even."""
    m = _random_unit(7)
    for term in (mag.UniaxialAnisotropy(3e5, [0, 1, 1]), mag.CubicAnisotropy(-5e3),
                 mag.Demag([0.1, 0.1, 0.8])):
        np.testing.assert_allclose(term.field(-m, MS), -term.field(m, MS), atol=1e-15)
        np.testing.assert_allclose(term.energy_density(-m, MS), term.energy_density(m, MS))


@pytest.mark.parametrize(
    "make, name",
    [
        (lambda: mag.Zeeman([0, 0]), "B"),
        (lambda: mag.Zeeman([0, 0, np.nan]), "B"),
        (lambda: mag.UniaxialAnisotropy(1e5, [0, 0, 0]), "axis"),
        (lambda: mag.UniaxialAnisotropy(np.inf), "K"),
        (lambda: mag.CubicAnisotropy(1e4, [1, 0, 0], [1, 1, 0]), "axis2"),
        (lambda: mag.Demag([0.5, 0.5, 0.5]), "factors"),
        (lambda: mag.Demag.thin_film("w"), "normal"),
        (lambda: mag.InterlayerExchange(1e-3, 0), "thickness"),
        (lambda: mag.Slonczewski(1e11, 1.5, 1e-9), "polarization"),
        (lambda: mag.SpinOrbitTorque(1e11, 0.1, -1e-9), "thickness"),
        (lambda: mag.ThermalField(-1), "temperature"),
        (lambda: mag.Pulse(0.0), "duration"),
        (lambda: mag.Macrospin(Ms=-1, alpha=0.1, volume=1e-24), "Ms"),
        (lambda: mag.Macrospin(Ms=1e6, alpha=0.1, volume=1e-24, terms=[1.0]), "terms"),
    ],
)
def test_bad_input_is_named(make, name):
    with pytest.raises(ParameterError) as err:
        make()
    assert err.value.name == name
