"""Classical Heisenberg / Ising Monte Carlo against exact results.

Energies are in units of J with J = k_B * 1 K, so temperatures in kelvin are k_B T / J.
Statistical checks allow 4 standard errors (binning / jackknife, autocorrelation-aware);
the seeds are fixed, so the tests are deterministic.

Sources of the expected values:
* 1D classical Heisenberg chain, U/N = -J L(J / k_B T), L(x) = coth x - 1/x:
  M. E. Fisher, Am. J. Phys. 32, 343 (1964).
* 1D Ising chain, U/N = -J tanh(J / k_B T): E. Ising, Z. Phys. 31, 253 (1925).
* Free classical spin in a field: Langevin, <S_z> = L(mu B / k_B T); free Ising spin tanh.
* 2D Ising on the square lattice: k_B T_c = 2 J / ln(1 + sqrt 2), L. Onsager, Phys. Rev. 65,
  117 (1944); spontaneous magnetization (1 - sinh(2J/k_B T)^-4)^(1/8), C. N. Yang, Phys.
  Rev. 85, 808 (1952).
* Odd periodic chains (L = 201) need three colour classes; Fisher's infinite-chain U/N holds
  up to corrections ~ e^{-L / xi}, xi <= 1.6 sites here.
* 3D classical Heisenberg ferromagnet on simple cubic: k_B T_c = 1.4430(2) J from Binder
  cumulant crossings, K. Chen, A. M. Ferrenberg and D. P. Landau, Phys. Rev. B 48, 3249
  (1993).
"""

from contextlib import contextmanager

import numba
import numpy as np
import pytest
from scipy.integrate import quad

from spinkit import constants
from spinkit.errors import ParameterError
from spinkit.exchange import _kernels
from spinkit.exchange.heisenberg import (
    HeisenbergModel,
    binder_crossing,
    parallel_tempering,
    temperature_scan,
)
from spinkit.lattice import Lattice, chain, fcc, simple_cubic, square, triangular

KB = constants.k_B
TC_SC = 1.4430  # Chen, Ferrenberg and Landau (1993)
TC_ONSAGER = 2 / np.log(1 + np.sqrt(2))
# square lattice of corner sites with edge-centre sites between them: corners have four
# nearest neighbours, edge sites two, so the per-site couplings differ from site to site
LIEB = Lattice("lieb", [[2, 0, 0], [0, 2, 0]], [[0, 0, 0], [1, 0, 0], [0, 1, 0]])
SEQUENTIAL = (np.empty(0, dtype=np.int64), np.zeros(1, dtype=np.int64),  # no colour classes
              np.empty((0, 0), dtype=np.int32), np.empty((0, 0)), np.empty((0, 0), dtype=np.int64))


def _langevin(x):
    return 1 / np.tanh(x) - 1 / x


def _within(value, expected, err, n_sigma=4.0):
    value, expected, err = map(np.asarray, (value, expected, err))
    assert (np.abs(value - expected) <= n_sigma * err).all(), (value, expected, err)


# ----------------------------------------------------------------------- analytic limits
@pytest.mark.parametrize("algorithm", ["metropolis", "wolff"])
@pytest.mark.parametrize("sign", [1, -1])
def test_heisenberg_chain_energy_fisher(algorithm, sign):
    """FM and AFM chains: the AFM maps onto the FM by flipping every other spin. Specific
    heat per spin C/k_B = d(U/N)/d(k_B T) = 1 - K^2/sinh^2 K, K = J/k_B T (Fisher 1964,
    differentiated by hand); correlation length <= 1.6 sites << 200 for these T."""
    temps = np.array([0.5, 1.0, 2.0])
    model = HeisenbergModel.on_lattice(chain(), 200, [sign * KB])
    res = temperature_scan(model, temps, sweeps=4000, thermalization=300, algorithm=algorithm,
                           rng=np.random.default_rng(7))
    _within(res.energy / KB, -_langevin(1 / temps), res.energy_err / KB)
    k = 1 / temps
    _within(res.specific_heat / KB, 1 - k**2 / np.sinh(k) ** 2, res.specific_heat_err / KB)


@contextmanager
def _numba_threads(n):
    before = numba.get_num_threads()
    numba.set_num_threads(min(n, numba.config.NUMBA_NUM_THREADS))
    try:
        yield
    finally:
        numba.set_num_threads(before)


@pytest.mark.parametrize("sign", [1, -1])
def test_sequential_sweep_chain_energy_fisher(sign):
    """The sequential sweep in site order (checkerboard=False; Metropolis runs default to the
    colour-class sweep) samples the same Boltzmann distribution."""
    temps = np.array([0.5, 1.0, 2.0])
    model = HeisenbergModel.on_lattice(chain(), 200, [sign * KB])
    res = temperature_scan(model, temps, sweeps=4000, thermalization=300,
                           checkerboard=False, rng=np.random.default_rng(17))
    _within(res.energy / KB, -_langevin(1 / temps), res.energy_err / KB)


def test_odd_chain_three_colour_classes_fisher():
    """A periodic chain of 201 spins is not bipartite: the default colour-class sweep runs
    three classes (greedy: 100, 100 and 1 sites). Energy and specific heat against Fisher
    (1964), as above. Seed study (seeds 0-5): |z| <= 1.4 for the energy, <= 2.5 for the
    specific heat."""
    temps = np.array([0.5, 1.0, 2.0])
    model = HeisenbergModel.on_lattice(chain(), 201, [KB])
    assert model.colour_classes[1].size - 1 == 3
    res = temperature_scan(model, temps, sweeps=6000, thermalization=300,
                           rng=np.random.default_rng(0))
    _within(res.energy / KB, -_langevin(1 / temps), res.energy_err / KB)
    k = 1 / temps
    _within(res.specific_heat / KB, 1 - k**2 / np.sinh(k) ** 2, res.specific_heat_err / KB)


@pytest.mark.parametrize(("lattice", "size", "exchange", "kwargs", "temps", "n_colours"), [
    (LIEB, 12, [KB, -0.3 * KB], {"field": (0, 0.5, 0.5), "anisotropy": 0.3 * KB},
     [0.4, 1.0], 3),
    (triangular(), 15, [KB], {"anisotropy": 0.3 * KB}, [0.6, 1.0], 3)])
def test_colour_class_sweep_agrees_with_the_sequential_sweep(lattice, size, exchange, kwargs,
                                                             temps, n_colours):
    """Two independent algorithms, one Boltzmann distribution: the colour-class sweep
    (counter-based draws, rejection-free cone) and the sequential sweep in site order
    (xoshiro256+, rejection cone) give the same energy, |m| and specific heat within 4
    combined standard errors. The Lieb lattice with J1 and an antiferromagnetic J2 has
    per-site couplings that differ from site to site (the (z, N) coupling path); the
    triangular lattice needs at least three colour classes (greedy: four). Seed study (seeds 0-5, 36
    z-values each): max |z| 3.0 (Lieb), 2.6 (triangular)."""
    model = HeisenbergModel.on_lattice(lattice, size, exchange, **kwargs)
    assert model.colour_classes[1].size - 1 >= n_colours
    res = [temperature_scan(model, temps, sweeps=6000, thermalization=300, checkerboard=cb,
                            rng=np.random.default_rng(0)) for cb in (True, False)]
    for observable in ("energy", "magnetization", "specific_heat"):
        a, b = (getattr(r, observable) for r in res)
        err = np.hypot(*(getattr(r, observable + "_err") for r in res))
        _within(a, b, err)


@pytest.mark.parametrize("algorithm", ["metropolis", "wolff"])
def test_ising_chain_energy(algorithm):
    temps = np.array([0.5, 1.0, 2.0])
    model = HeisenbergModel.on_lattice(chain(), 200, [KB], ising=True)
    res = temperature_scan(model, temps, sweeps=8000, thermalization=300, algorithm=algorithm,
                           rng=np.random.default_rng(8))
    _within(res.energy / KB, -np.tanh(1 / temps), res.energy_err / KB)


@pytest.mark.parametrize("ising", [False, True])
def test_free_spins_in_a_field_follow_langevin_and_tanh(ising):
    """J = 0: every spin is a free moment in B; <m_z> = L(x) or tanh(x), x = mu B / k_B T."""
    mu = 2 * constants.mu_B
    temps = np.array([0.5, 1.0, 3.0])
    b = KB / mu  # mu B = k_B * 1 K
    model = HeisenbergModel.on_lattice(square(), 8, [0.0], field=(0, 0, b), moment=mu,
                                       ising=ising)
    res = temperature_scan(model, temps, sweeps=3000, thermalization=200,
                           rng=np.random.default_rng(9))
    x = 1 / temps
    exact = np.tanh(x) if ising else _langevin(x)
    # Zeeman energy per spin = -mu B <m_z>; <|M|>/N -> <m_z> for 64 spins in a field
    _within(-res.energy / KB, exact, res.energy_err / KB)


@pytest.mark.parametrize("ising", [False, True])
def test_binder_cumulant_of_free_spins(ising):
    """J = 0, B = 0: M is a sum of N independent unit vectors, <M^2> = N and (pairs i != j
    contribute <(S_i.S_j)^2> = 1/3 twice) <M^4> = N^2 + 2N(N-1)/3, so U_4 = 2/3 - 2(N-1)/(9N)
    (-> 4/9, the Gaussian value); Ising: <M^4> = 3N^2 - 2N, U_4 = 2/(3N) (worked by hand)."""
    model = HeisenbergModel.on_lattice(square(), 8, [0.0], ising=ising)
    n = model.n_sites
    res = temperature_scan(model, [1.0], sweeps=4000, thermalization=100,
                           rng=np.random.default_rng(13))
    exact = 2 / (3 * n) if ising else 2 / 3 - 2 * (n - 1) / (9 * n)
    _within(res.binder[0], exact, res.binder_err[0])


def test_uniaxial_anisotropy_of_free_spins():
    """J = 0, H = -K S_z^2: <S_z^2> = int c^2 e^{K c^2/kT} dc / int e^{K c^2/kT} dc."""
    temps = np.array([0.5, 2.0])
    model = HeisenbergModel.on_lattice(square(), 8, [0.0], anisotropy=KB)
    res = temperature_scan(model, temps, sweeps=3000, thermalization=200,
                           rng=np.random.default_rng(10))
    for t, e, err in zip(temps, res.energy, res.energy_err, strict=True):
        num = quad(lambda c, t=t: c * c * np.exp(c * c / t), -1, 1)[0]
        den = quad(lambda c, t=t: np.exp(c * c / t), -1, 1)[0]
        _within(-e / KB, num / den, err / KB)


def test_ground_states_at_low_temperature():
    """T -> 0: sc energy -3 J per spin plus k_B T (equipartition over the two transverse
    degrees of freedom of each classical spin), |m| -> 1; AFM: staggered |m| -> 1, m -> 0."""
    for sign in (1, -1):
        model = HeisenbergModel.on_lattice(simple_cubic(), 4, [sign * KB])
        res = temperature_scan(model, [0.02], sweeps=200, thermalization=2000,
                               rng=np.random.default_rng(11))
        assert res.energy[0] / KB == pytest.approx(-3.0 + 0.02, abs=0.002)
        order = res.magnetization if sign > 0 else res.staggered
        assert order[0] == pytest.approx(1.0, abs=0.01)
        if sign < 0:
            assert res.magnetization[0] < 0.05


def test_parallel_tempering_chain_energy_and_swaps():
    temps = np.array([0.5, 0.7, 1.0, 1.4, 2.0])
    model = HeisenbergModel.on_lattice(chain(), 100, [KB])
    res, swaps = parallel_tempering(model, temps, sweeps=4000, thermalization=300,
                                    rng=np.random.default_rng(3))
    _within(res.energy / KB, -_langevin(1 / temps), res.energy_err / KB)
    assert ((swaps > 0.05) & (swaps < 1)).all()
    again, _ = parallel_tempering(model, temps, sweeps=4000, thermalization=300,
                                  rng=np.random.default_rng(3))
    assert np.array_equal(res.energy, again.energy)
    with pytest.raises(ParameterError, match="swap_every"):
        parallel_tempering(model, temps, swap_every=0)


# --------------------------------------------------------------- published critical points
def test_square_ising_yang_magnetization():
    res = temperature_scan(HeisenbergModel.on_lattice(square(), 32, [KB], ising=True), [2.0],
                           sweeps=4000, thermalization=500, rng=np.random.default_rng(12))
    yang = (1 - np.sinh(2 / 2.0) ** -4) ** 0.125  # 0.91132
    _within(res.magnetization, yang, res.magnetization_err)


def test_square_ising_onsager_tc_from_binder_crossing():
    """L = 8 and 16 cross within 1 % of Onsager's T_c (the L = 8/16 shift is ~ -0.3 %).

    Reviewer's seed study: with 20000 sweeps the crossing scattered by 0.2 % (-0.25 ..
    -0.71 % over five seed pairs, this one the worst) and its fit error exceeded the old
    0.005 bound for two of five; with 80000 sweeps (2 -> 8 s) six seed pairs gave -0.03,
    -0.24, -0.39, -0.28, -0.13, -0.21 % with errors 0.0022 - 0.0025: both bounds hold with
    margin (the 1 % bound > 5 sd from the mean)."""
    temps = np.array([2.24, 2.26, 2.28, 2.30])
    u = {}
    for size in (8, 16):
        model = HeisenbergModel.on_lattice(square(), size, [KB], ising=True)
        u[size] = temperature_scan(model, temps, sweeps=80000, thermalization=300,
                                   algorithm="wolff", rng=np.random.default_rng(size))
    tx, err = binder_crossing(temps, u[8].binder, u[16].binder, u[8].binder_err,
                              u[16].binder_err)
    assert err < 0.0035
    assert tx == pytest.approx(TC_ONSAGER, rel=0.01)


def _sc_crossing(sign, sweeps, observable, algorithm="wolff", thermalization=300):
    temps = np.array([1.425, 1.435, 1.445, 1.455, 1.465])
    res = {}
    for size in (6, 12):
        model = HeisenbergModel.on_lattice(simple_cubic(), size, [sign * KB])
        res[size] = temperature_scan(model, temps, sweeps=sweeps,
                                     thermalization=thermalization, algorithm=algorithm,
                                     rng=np.random.default_rng(20 + size))
    u = {s: getattr(r, observable) for s, r in res.items()}
    du = {s: getattr(r, observable + "_err") for s, r in res.items()}
    return binder_crossing(temps, u[6], u[12], du[6], du[12])


def test_sc_heisenberg_ferromagnet_tc_chen_ferrenberg_landau():
    """L = 6 and 12, five temperatures, parabola through U_12 - U_6: within 0.5 % (the issue's
    bound). Margin, measured by the reviewer over six seed pairs (20/100/200/300/400/500 + L):
    -0.24, -0.21, -0.27, -0.29, -0.09, -0.14 % (mean -0.21 %, the small-L crossing's shift
    below T_c; seed-to-seed sd 0.08 %, the fit's own error 0.11-0.14 %): the bound lies
    3.5 sd beyond the mean, so the test does not rest on a lucky seed."""
    tx, err = _sc_crossing(1, 8000, "binder")
    assert err < 0.0025
    assert tx == pytest.approx(TC_SC, rel=0.005)


def test_sc_heisenberg_tc_with_the_vectorised_metropolis_sweep():
    """The same crossing from the default Metropolis + over-relaxation sweep (colour classes,
    SIMD kernel) instead of Wolff clusters, within the issue's 0.5 %. Margin over six seed
    pairs (20/100/200/300/400/500 + L, 32000 sweeps): -0.20, -0.04, -0.15, -0.24, +0.08,
    +0.23 % (mean -0.05 %, sd 0.18 %; the fit's own error 0.12-0.17 %)."""
    tx, err = _sc_crossing(1, 32000, "binder", algorithm="metropolis", thermalization=500)
    assert err < 0.003
    assert tx == pytest.approx(TC_SC, rel=0.005)


def test_sc_heisenberg_antiferromagnet_orders_at_the_same_tc():
    tx, err = _sc_crossing(-1, 4000, "staggered_binder")
    assert err < 0.004
    assert tx == pytest.approx(TC_SC, rel=0.01)


# ----------------------------------------------------------------------------- invariants
def test_kernel_energy_matches_the_model():
    """The kernel's bookkeeping equals the readable numpy energy, with every term on."""
    model = HeisenbergModel.on_lattice(simple_cubic(), 4, [1.3 * KB, -0.4 * KB],
                                       anisotropy=0.7 * KB, easy_axis=(1, 1, 0),
                                       field=(0.1, -0.3, 0.5), moment=3 * constants.mu_B)
    spins = model.random_spins(np.random.default_rng(0))
    t = 1.7
    jb, hb, kb = model.reduced(t)
    sign = model.staggered_sign().astype(float)
    be, m, ms = _kernels.measure(spins, model.cell.neighbours, jb, hb, kb,
                                 np.asarray(model.easy_axis), sign)
    assert be * KB * t == pytest.approx(model.energy(spins), rel=1e-12, abs=0)
    assert np.allclose(m, spins.sum(axis=0))
    assert np.allclose(ms, (sign[:, None] * spins).sum(axis=0))


@pytest.mark.parametrize("checkerboard", [False, True])
def test_overrelaxation_conserves_energy_and_length(checkerboard):
    """A zero-width cone (cos_cone = 1) makes Metropolis a no-op, leaving pure
    over-relaxation (K = 0), in the sequential sweep and in the colour-class sweep (sc L = 5
    with J2: odd, so more than two classes)."""
    model = HeisenbergModel.on_lattice(simple_cubic(), 5 if checkerboard else 4,
                                       [KB, 0.3 * KB], field=(0, 0, 2.0),
                                       moment=constants.mu_B)
    spins = model.random_spins(np.random.default_rng(1))
    start = spins.copy()
    jb, hb, kb = model.reduced(1.0)
    tables = model.colour_tables(jb) if checkerboard else SEQUENTIAL
    assert not checkerboard or tables[1].size - 1 > 2
    e, m, ms = np.empty(20), np.empty((20, 3)), np.empty((20, 3))
    _kernels.metropolis_block(_kernels.new_state(np.random.default_rng(0)), spins,
                              model.cell.neighbours, jb, hb, kb,
                              np.array(model.easy_axis), 1.0, False, 1,
                              np.ones(model.n_sites), *tables, e, m, ms)
    assert model.energy(spins) == pytest.approx(model.energy(start), rel=1e-10, abs=0)
    assert np.allclose(np.linalg.norm(spins, axis=1), 1.0, atol=1e-12)
    assert np.abs(spins - start).max() > 0.1


@pytest.mark.parametrize("ising", [False, True])
def test_running_totals_match_a_fresh_measurement(ising):
    """The kernel updates E, M and M_s move by move; after many sweeps with every term on
    they must equal the numpy model's energy and the plain sums of the spins."""
    kw = {} if ising else {"anisotropy": 0.7 * KB, "easy_axis": (1, 1, 0)}
    model = HeisenbergModel.on_lattice(simple_cubic(), 4, [1.3 * KB, -0.4 * KB],
                                       field=(0, 0, 0.5) if ising else (0.1, -0.3, 0.5),
                                       moment=3 * constants.mu_B, ising=ising, **kw)
    spins = model.random_spins(np.random.default_rng(2))
    t = 1.7
    jb, hb, kb = model.reduced(t)
    sign = model.staggered_sign().astype(float)
    e, m, ms = np.empty(50), np.empty((50, 3)), np.empty((50, 3))
    _kernels.metropolis_block(_kernels.new_state(np.random.default_rng(3)), spins,
                              model.cell.neighbours, jb, hb, kb, np.array(model.easy_axis),
                              0.2, ising, 2, sign, *SEQUENTIAL, e, m, ms)
    assert e[-1] * KB * t == pytest.approx(model.energy(spins), rel=1e-9, abs=0)
    assert np.allclose(m[-1], spins.sum(axis=0), atol=1e-9)
    assert np.allclose(ms[-1], (sign[:, None] * spins).sum(axis=0), atol=1e-9)


@pytest.mark.parametrize(("lattice", "size", "shells", "n_colours"),
                         [(simple_cubic(), 6, 1, 2), (simple_cubic(), 6, 2, None),
                          (fcc(), 6, 1, None), (triangular(), 6, 1, None), (chain(), 6, 1, 2),
                          (simple_cubic(), 5, 1, None), (simple_cubic(), 5, 2, None),
                          (triangular(), 7, 1, None), (chain(), 7, 1, 3), (LIEB, 5, 2, None)])
def test_colour_classes_hold_no_bond(lattice, size, shells, n_colours):
    """Every site in exactly one class, no bond (of any shell) inside a class; bipartite
    cells need two classes (the checkerboard), an odd ring three; odd sizes (periodic
    seams joining like sublattices) included."""
    model = HeisenbergModel.on_lattice(lattice, size, [KB] * shells)
    order, starts = model.colour_classes
    assert np.array_equal(np.sort(order), np.arange(model.n_sites))
    colour = np.empty(model.n_sites, dtype=int)
    for c in range(starts.size - 1):
        colour[order[starts[c]:starts[c + 1]]] = c
    bonded = model.cell.bond_shell >= 0
    assert not (colour[:, None] == colour[model.cell.neighbours])[bonded].any()
    if n_colours is not None:
        assert starts.size - 1 == n_colours


_ONE_THREAD = pytest.mark.skipif(numba.config.NUMBA_NUM_THREADS < 2,
                                 reason="NUMBA_NUM_THREADS = 1: nothing to compare")


@_ONE_THREAD
def test_checkerboard_is_independent_of_the_thread_count():
    """Each site draws from its own counter-based stream and the blocks' totals are summed
    in block order: one or two threads give the same spins and the same energy and
    magnetisation series bit for bit, and the running totals equal a fresh measurement
    (12^3 with J2: the classes span several blocks, which the threads share)."""
    model = HeisenbergModel.on_lattice(simple_cubic(), 12, [1.3 * KB, -0.4 * KB],
                                       anisotropy=0.7 * KB, easy_axis=(1, 1, 0),
                                       field=(0.1, -0.3, 0.5), moment=3 * constants.mu_B)
    t = 1.7
    jb, hb, kb = model.reduced(t)
    assert (np.diff(model.colour_classes[1]) > _kernels.LANES).all()
    sign = model.staggered_sign().astype(float)
    out = []
    for threads in (1, 2):
        with _numba_threads(threads):
            spins = model.random_spins(np.random.default_rng(2))
            e, m, ms = np.empty(8), np.empty((8, 3)), np.empty((8, 3))
            _kernels.metropolis_block(_kernels.new_state(np.random.default_rng(3)), spins,
                                      model.cell.neighbours, jb, hb, kb,
                                      np.array(model.easy_axis), 0.2, False, 2, sign,
                                      *model.colour_tables(jb), e, m, ms)
            assert e[-1] * KB * t == pytest.approx(model.energy(spins), rel=1e-9, abs=0)
            assert np.allclose(m[-1], spins.sum(axis=0), atol=1e-9)
            assert np.allclose(ms[-1], (sign[:, None] * spins).sum(axis=0), atol=1e-9)
        out.append((spins, e, m, ms))
    for a, b in zip(*out, strict=True):
        assert np.array_equal(a, b)


@_ONE_THREAD
def test_temperature_scan_is_independent_of_the_thread_count():
    """41^3 = 68921 sites: above the 65536 from which the automatic count uses two threads,
    so this exercises temperature_scan's threaded path against threads=1; every observable
    equal bit for bit (totals summed in block order, not in thread order)."""
    model = HeisenbergModel.on_lattice(simple_cubic(), 41, [KB], anisotropy=0.2 * KB,
                                       field=(0, 0, 0.3))
    res = [temperature_scan(model, [1.5], sweeps=64, thermalization=0, threads=threads,
                            rng=np.random.default_rng(1)) for threads in (None, 1)]
    for name in ("energy", "specific_heat", "magnetization", "binder", "acceptance"):
        assert np.array_equal(getattr(res[0], name), getattr(res[1], name)), name


@pytest.mark.parametrize("lieb", [False, True])
def test_checkerboard_shifted_slices_equal_gathers(lieb):
    """The field loop reads a block's neighbours as shifted slices where the lattice allows
    (sc 16^3 in colour order: the z neighbours of most blocks) and gathers elsewhere, with
    the couplings as one row or per site: all four give the same spins bit for bit, and the
    running energy equals the numpy model's. The Lieb lattice with J1 and J2 (padded
    neighbour rows, couplings that differ from site to site: only the per-site path
    applies) the same with and without shifted slices."""
    kw = {"anisotropy": 0.3 * KB, "field": (0.1, -0.3, 0.5), "moment": 3 * constants.mu_B}
    if lieb:
        model = HeisenbergModel.on_lattice(LIEB, 16, [KB, -0.3 * KB], **kw)
    else:
        model = HeisenbergModel.on_lattice(simple_cubic(), 16, [KB], **kw)
    jb, hb, kb = model.reduced(1.4)
    order, starts, nbr_c, jb_c, shift = model.colour_tables(jb)
    assert (shift != _kernels.NO_SHIFT).any() and (shift == _kernels.NO_SHIFT).any()
    no_shift = np.full_like(shift, _kernels.NO_SHIFT)
    if lieb:
        assert jb_c.shape == (jb.shape[1], model.n_sites)
        assert (jb_c != jb_c[:, :1]).any()
        variants = ((jb_c, shift), (jb_c, no_shift))
    else:
        assert jb_c.shape == (6, 1)
        per_site = np.ascontiguousarray(np.repeat(jb_c, model.n_sites, axis=1))
        variants = ((jb_c, shift), (jb_c, no_shift), (per_site, shift), (per_site, no_shift))
    out = []
    for couplings, shifts in variants:
        spins = model.random_spins(np.random.default_rng(4))
        e, m, ms = np.empty(4), np.empty((4, 3)), np.empty((4, 3))
        _kernels.metropolis_block(_kernels.new_state(np.random.default_rng(5)), spins,
                                  model.cell.neighbours, jb, hb, kb,
                                  np.array(model.easy_axis), 0.2, False, 1,
                                  np.ones(model.n_sites), order, starts, nbr_c, couplings,
                                  shifts, e, m, ms)
        assert e[-1] * KB * 1.4 == pytest.approx(model.energy(spins), rel=1e-9, abs=0)
        out.append(spins)
    for spins in out[1:]:
        assert np.array_equal(spins, out[0])


def test_spin_length_and_reproducibility():
    model = HeisenbergModel.on_lattice(square(), 6, [KB], anisotropy=0.2 * KB)
    a = temperature_scan(model, [0.8, 1.2], sweeps=64, thermalization=20,
                         rng=np.random.default_rng(5))
    b = temperature_scan(model, [1.2, 0.8], sweeps=64, thermalization=20,
                         rng=np.random.default_rng(5))
    c = temperature_scan(model, [0.8, 1.2], sweeps=64, thermalization=20,
                         rng=np.random.default_rng(6))
    assert np.array_equal(a.energy, b.energy) and np.array_equal(a.binder, b.binder)
    assert not np.array_equal(a.energy, c.energy)
    assert (a.temperature == [0.8, 1.2]).all()


def test_field_reversal_flips_the_magnetization():
    """M -> -M under B -> -B: the mean z-moment (from the Zeeman energy) changes sign."""
    mu = constants.mu_B
    out = []
    for bz in (1.0, -1.0):
        model = HeisenbergModel.on_lattice(square(), 8, [0.0], field=(0, 0, bz * KB / mu),
                                           moment=mu)
        out.append(temperature_scan(model, [1.0], sweeps=2000, thermalization=100,
                                    rng=np.random.default_rng(3)))
    # E/N = -mu B_z <m_z>: equal energies (in units of k_B * 1 K, within their errors) mean
    # m_z(-B) = -m_z(B); both negative: the moments follow the field
    e = np.array([r.energy[0] for r in out]) / KB
    err = np.hypot(*(r.energy_err[0] for r in out)) / KB
    assert (e < 0).all()
    _within(e[0], e[1], err)
    _within(-e[0], _langevin(1.0), out[0].energy_err[0] / KB)


def test_binder_crossing_of_straight_lines():
    t = np.array([1.0, 2.0, 3.0])
    tx, err = binder_crossing(t, 0.5 - 0.1 * (t - 2.2), 0.5 - 0.3 * (t - 2.2),
                              np.full(3, 0.01), np.full(3, 0.01))
    assert tx == pytest.approx(2.2, abs=1e-12)
    tx2, err2 = binder_crossing(t[1:], 0.5 - 0.1 * (t[1:] - 2.2), 0.5 - 0.3 * (t[1:] - 2.2),
                                np.full(2, 0.01), np.full(2, 0.01))
    assert tx2 == pytest.approx(2.2, abs=1e-12)
    # two points: sigma = sqrt(sum_k w_k^2 2 (0.01)^2) / |slope|, w = (0.8, 0.2)
    assert err2 == pytest.approx(np.sqrt(0.68 * 2e-4) / 0.2, rel=1e-12)


def test_result_to_xarray_and_plot():
    import matplotlib

    matplotlib.use("Agg")
    res = temperature_scan(HeisenbergModel.on_lattice(square(), 4, [KB]), [1.0, 2.0],
                           sweeps=64, thermalization=10)
    ds = res.to_xarray()
    assert ds["energy"].attrs["units"] == "J"
    assert np.array_equal(ds["binder"].values, res.binder)
    assert res.plot(observable="binder").get_lines()
    with pytest.raises(ParameterError, match="observable"):
        res.plot(observable="nope")


def test_bad_input_is_refused():
    model = HeisenbergModel.on_lattice(square(), 4, [KB], field=(0, 0, 1.0))
    with pytest.raises(ParameterError, match="algorithm"):
        temperature_scan(model, [1.0], algorithm="wolff")
    with pytest.raises(ParameterError, match="algorithm"):
        temperature_scan(model, [1.0], algorithm="heatbath")
    with pytest.raises(ParameterError, match="temperatures"):
        temperature_scan(model, [-1.0])
    with pytest.raises(ParameterError, match="sweeps"):
        temperature_scan(model, [1.0], sweeps=10)
    with pytest.raises(ParameterError, match="checkerboard"):
        temperature_scan(model, [1.0], checkerboard="yes")
    for threads in (0, 1.0, True, numba.config.NUMBA_NUM_THREADS + 1):
        with pytest.raises(ParameterError, match="^threads"):
            temperature_scan(model, [1.0], threads=threads)
    with pytest.raises(ParameterError, match="^threads"):
        parallel_tempering(model, [1.0, 2.0], threads=0)
    with pytest.raises(ParameterError, match="exchange"):
        HeisenbergModel(square().supercell(4, shells=2), (KB,))
    with pytest.raises(ParameterError, match="J1"):
        HeisenbergModel.on_lattice(square(), 4, [np.nan])
    with pytest.raises(ParameterError, match="ising"):
        HeisenbergModel.on_lattice(square(), 4, [KB], ising=True, anisotropy=KB)
    with pytest.raises(ParameterError, match="temperature"):
        binder_crossing(np.array([1.0]), np.zeros(1), np.ones(1))
    with pytest.raises(ParameterError, match="^temperature"):
        binder_crossing(np.array([1.0, 2.0, 3.0]), np.array([np.nan, 0, 1]), np.ones(3))
    with pytest.raises(ParameterError, match="^J1"):
        HeisenbergModel.on_lattice(square(), 4, ["1e-21"])
    with pytest.raises(ParameterError, match="^moment"):
        HeisenbergModel.on_lattice(square(), 4, [KB], moment="mu_B")
    with pytest.raises(ParameterError, match="^ising"):
        HeisenbergModel.on_lattice(square(), 4, [KB], ising="no")
    with pytest.raises(ParameterError, match="^rng"):
        temperature_scan(model, [1.0], rng=3)
    with pytest.raises(ParameterError, match="^model"):
        temperature_scan("sc", [1.0])
