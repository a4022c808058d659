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


def test_prism_factors_sum_rule_and_limits():
    """Aharoni, J. Appl. Phys. 83, 3432 (1998), eq. (1): trace 1 for any prism, 1/3 for a
    cube, cyclic symmetry; a thin plate tends to (0, 0, 1) and a long rod to (1/2, 1/2, 0)
    (the infinite-film and infinite-cylinder-like limits)."""
    rng = np.random.default_rng(3)
    for dims in rng.uniform(0.1, 10.0, size=(20, 3)):
        n = mag.prism_factors(*dims)
        assert n.sum() == pytest.approx(1.0, abs=1e-12) and np.all(n > 0)
        np.testing.assert_allclose(mag.prism_factors(*np.roll(dims, 1)), np.roll(n, 1),
                                   rtol=1e-12)
    np.testing.assert_allclose(mag.prism_factors(5e-9, 5e-9, 5e-9), 1 / 3, rtol=1e-12)
    thin = [mag.prism_factors(1.0, 1.0, t)[2] for t in (1e-1, 1e-2, 1e-3)]
    assert thin[0] < thin[1] < thin[2] and 1 - thin[2] < 5e-3
    rod = mag.prism_factors(1.0, 1.0, 1e3)
    assert rod[2] < 1e-3 and rod[0] == pytest.approx(0.5, abs=1e-3)
    # an elongated prism: longest edge the easiest axis, shortest the hardest
    n = mag.prism_factors(100e-9, 50e-9, 2e-9)
    assert n[0] < n[1] < n[2]
    np.testing.assert_allclose(np.diag(mag.Demag.prism(100e-9, 50e-9, 2e-9).factors), n)
    with pytest.raises(ParameterError) as err:
        mag.prism_factors(1.0, 0.0, 1.0)
    assert err.value.name == "y"


def test_waveforms_sinc_and_function():
    """Sinc: sin(x)/x with x = 2 pi f (t - t0), 1 at t0, zeros at t0 + k/(2f); a user
    function drives the numpy engine and gives the same trajectory as the compiled Sinc."""
    w = mag.Sinc(8e9, center=0.25e-9)
    assert w(0.25e-9) == 1.0
    assert abs(w(0.25e-9 + 1 / 16e9)) < 1e-15
    assert w(0.25e-9 + 1 / 32e9) == pytest.approx(2 / np.pi)
    base = mag.UniaxialAnisotropy(3e5) + mag.Demag.thin_film()
    kw = dict(method="rk4", dt=1e-13, samples=11)
    a = mag.simulate(mag.Macrospin(MS, 0.02, 1e-24, base + mag.Zeeman([0.2, 0, 0], w)),
                     [0.1, 0, 1], 0.5e-9, **kw)
    user = mag.Function(lambda t: w(t))
    with pytest.warns(UserWarning, match="numpy engine"):
        b = mag.simulate(mag.Macrospin(MS, 0.02, 1e-24, base + mag.Zeeman([0.2, 0, 0], user)),
                         [0.1, 0, 1], 0.5e-9, **kw)
    np.testing.assert_allclose(a.m, b.m, atol=1e-10)
    assert np.ptp(a.m[:, 0]) > 0.05  # the pulse did act
    with pytest.raises(ParameterError):
        mag.Function(3.0)
    with pytest.raises(ParameterError):
        mag.Sinc(-1.0)


def test_mtj_readout():
    """G(theta) = G_P cos^2(theta/2) + G_AP sin^2(theta/2) (Slonczewski, PRB 39, 6995
    (1989)): R(0) = R_P, R(pi) = R_P (1 + TMR), R(pi/2) = 2 R_P R_AP / (R_P + R_AP)."""
    r = mag.MTJReadout(2e3, 1.5, [0, 0, 1])
    m = np.array([[0, 0, 1.0], [0, 0, -1.0], [1.0, 0, 0], [0.6, 0, 0.8]])
    rp, rap = 2e3, 5e3
    expected = [rp, rap, 2 * rp * rap / (rp + rap),
                1 / (np.cos(np.arccos(0.8) / 2) ** 2 / rp + np.sin(np.arccos(0.8) / 2) ** 2 / rap)]
    np.testing.assert_allclose(r.resistance(m), expected, rtol=1e-12)
    np.testing.assert_allclose(r.resistance(m[:1], reference=[0, 0, -1.0]), [rap])
    for bad, name in ((dict(m=[[0.0, 0, 0]]), "m"), (dict(m=m, reference=[0.0, 0, 0]),
                                                     "reference")):
        with pytest.raises(ParameterError) as err:
            r.resistance(**bad)
        assert err.value.name == name
    for kw, name in ((dict(R_P=0.0, TMR=1.0), "R_P"), (dict(R_P=1.0, TMR=-0.1), "TMR")):
        with pytest.raises(ParameterError) as err:
            mag.MTJReadout(**kw)
        assert err.value.name == name
