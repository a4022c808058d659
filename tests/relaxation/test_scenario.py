"""The spin_relaxation kind and the mechanism map."""

from __future__ import annotations

import matplotlib
import matplotlib.pyplot
import numpy as np
import pytest
from scipy.optimize import brentq
from scipy.special import dawsn

from spinkit import constants as c
from spinkit.errors import ParameterError
from spinkit.relaxation.mechanisms import exciton_bohr_radius_from, mechanism_map
from spinkit.relaxation.mobility import material_mobility
from spinkit.relaxation.scenarios import plot
from spinkit.scenario.runner import compute, scenario_from_mapping

matplotlib.use("Agg")


def _run(**params):
    return compute(scenario_from_mapping({"kind": "spin_relaxation", **params}))


def test_kind_lifetimes_follow_the_laws():
    """Ensemble 1/e lifetimes: within statistical error of 1/(<Omega_perp^2> tau_p + 2p/tau_p)
    in the motional-narrowing regime (1/e crossing noise <= 1/(0.37 sqrt(N)) = 4 % for
    N = 4000; measured over seeds 0-5: 3.0 % standard deviation, so the bound is 4 sigma
    = 12 %); the collisionless 1/e time of a Rashba 2DEG solves
    1 - 2 u D(u) = 1/e, u = (2 alpha/hbar) sigma t / sqrt(2), sigma^2 = m k_B T / hbar^2
    (Dawson-function closed form, see test_ensemble), to 1.5 % (the 1/e time of the
    kind's 20,000-wavevector average scatters by 0.33 % between seeds, 30 seeds tried, with
    a 0.1 % bias from the linear interpolation between its 801 samples); the longest
    lifetime lies next to tau* = sqrt(2p / <Omega_perp^2>), the minimum of the summed rate.
    Hanle curve: the steady S_z under injection (lifetime tau_r) with an in-plane field, against
    (1/tau_r) G_2 / (G_z G_2 + w_L^2), G = 1/tau_s + 1/tau_r (steady state of the Bloch
    equation with anisotropic DP rates; M. I. D'yakonov and V. I. Perel', in *Optical
    Orientation*, North-Holland 1984, ch. 2), within 4 standard errors."""
    alpha, temp = 5e-31, 77.0
    ds = _run(electrons=4000, points=7, map_points=4, hanle_points=4, rashba=alpha,
              temperature=temp)
    assert float(ds["narrowing_max_deviation"]) < 0.12
    sigma = np.sqrt(0.067 * c.m_e * c.k_B * temp) / c.hbar
    u_star = brentq(lambda u: 1 - 2 * u * dawsn(u) - np.exp(-1), 0.1, 3)
    t_free = np.sqrt(2) * u_star / (2 * alpha / c.hbar * sigma)
    assert float(ds["free_precession_time"]) == pytest.approx(t_free, rel=0.015, abs=0)
    step = ds["tau_p"].values[1] / ds["tau_p"].values[0]
    ratio = float(ds["best_momentum_time"]) / float(ds["optimal_momentum_time_law"])
    assert 1 / step <= ratio <= step
    assert float(ds["hanle_max_deviation_sigma"]) < 4
    assert float(ds["hanle_max_deviation"]) < 0.05
    assert float(ds["dp_coefficient"]) == pytest.approx(
        4 * alpha**2 * 2 * 0.067 * c.m_e * c.k_B * temp / c.hbar**4, rel=1e-12, abs=0)


def test_kind_bad_input():
    """Missing data and empty ranges are refused with the parameter named."""
    with pytest.raises(ParameterError, match="model"):
        _run(model="bulk", material="Si")
    with pytest.raises(ParameterError, match="rashba"):
        _run(rashba=0.0, dresselhaus=0.0)
    with pytest.raises(ParameterError, match="tau_max"):
        _run(tau_min=1e-12, tau_max=1e-13)


def test_mechanism_map_scalings():
    """p-type GaAs with BAP: BAP rate proportional to the hole density for unscreened
    Boltzmann holes (Bir, Aronov and Pikus 1976, free holes); DP and EY of the minority
    electrons independent of it; DP ~ T^3 and EY ~ T^2 at fixed tau_p (Boltzmann
    electrons); the dominant mechanism is the largest rate."""
    temps = np.array([30.0, 60.0, 120.0])
    dops = np.array([1e22, 1e23, 1e24])
    mm = mechanism_map("GaAs", temps, dops, mobility=0.3, carrier="p",
                       exchange_splitting=5e-5 * c.eV, exciton_bohr_radius=1.1e-8,
                       screening=False, degenerate_holes=False)
    ey, dp, bap = mm.rates
    np.testing.assert_allclose(bap[:, 1] / bap[:, 0], 10.0, rtol=1e-12)
    np.testing.assert_allclose(dp[:, 2] / dp[:, 0], 1.0, rtol=1e-12)
    np.testing.assert_allclose(dp[1:, 0] / dp[:-1, 0], 8.0, rtol=1e-8)
    np.testing.assert_allclose(ey[1:, 0] / ey[:-1, 0], 4.0, rtol=1e-8)
    np.testing.assert_array_equal(mm.dominant, np.argmax(mm.rates, axis=0))
    np.testing.assert_allclose(mm.spin_lifetime, 1 / (ey + dp + bap))
    assert mm.momentum_time == pytest.approx(0.067 * c.m_e * 0.3 / c.e, rel=1e-12,
                                                abs=0)


def test_mechanism_map_missing_data():
    """n-type: no BAP (named in missing); a material without any mechanism data (InGaAs:
    no Dresselhaus gamma, spin-orbit splitting or spin lifetime tabulated) is refused."""
    mm = mechanism_map("GaAs", [100.0], [1e22], mobility=0.3)
    assert "Bir-Aronov-Pikus" in mm.missing and not mm.rates[2].any()
    with pytest.raises(ParameterError, match="material"):
        mechanism_map("InGaAs", [100.0], [1e22], mobility=0.1)
    with pytest.raises(ParameterError, match="carrier"):
        mechanism_map("GaAs", [100.0], [1e22], mobility=0.3, carrier="x")
    for key, value in (("ey_prefactor", 0.0), ("exchange_splitting", -1e-24),
                       ("exciton_bohr_radius", 0.0), ("screening", "yes"),
                       ("degenerate_holes", 1)):
        with pytest.raises(ParameterError, match=f"^{key}"):
            mechanism_map("GaAs", [100.0], [1e22], mobility=0.3, **{key: value})


def test_bulk_kind_units_and_figures():
    """Bulk model: every variable has units and long_name; the figures are drawn from the
    dataset alone; the DP coefficient is the Boltzmann average 4 gamma^2 (2 m k_B T)^3 /
    hbar^8 (per unit tau_p, D'yakonov and Perel' 1972)."""
    ds = _run(model="bulk", electrons=300, points=3, map_points=3, hanle_points=2,
              temperature=200.0)
    for name, var in ds.data_vars.items():
        assert "units" in var.attrs and "long_name" in var.attrs, name
    gamma = 27.58e-30 * c.eV
    assert float(ds["dp_coefficient"]) == pytest.approx(
        4 * gamma**2 * (2 * 0.067 * c.m_e * c.k_B * 200.0) ** 3 / c.hbar**8, rel=1e-8, abs=0)
    figs = plot(ds)
    assert set(figs) == {"lifetime_vs_momentum_time", "mechanism_map", "hanle"}


def test_silicon_map_elliott_yafet_t_cubed():
    """Si (centrosymmetric: no D'yakonov-Perel'): phonon-limited Elliott-Yafet,
    T1 ~ T^-3 (J. L. Cheng, M. W. Wu and J. Fabian, PRL 104, 016601 (2010)), anchored to the
    Huang-Monsma-Appelbaum bound T1 > 500 ns at 60 K (PRL 99, 177209 (2007)), so
    tau_s(60 K) = 500 ns and tau_s(300 K) = 500 ns / 125 = 4 ns, for every doping and
    carrier type."""
    for carrier in ("n", "p"):
        mm = mechanism_map("Si", [60.0, 120.0, 300.0], [1e21, 1e24], mobility=0.1,
                           carrier=carrier)
        assert "D'yakonov-Perel'" in mm.missing
        assert not mm.rates[1:].any()
        np.testing.assert_allclose(mm.spin_lifetime[:, 0], [5e-7, 5e-7 / 8, 4e-9], rtol=1e-12)
        np.testing.assert_array_equal(mm.spin_lifetime[:, 0], mm.spin_lifetime[:, 1])


def test_gaas_p_type_map_from_material_data():
    """p-type GaAs from the database alone (Delta_ex = 0.02 meV, Ekardt, Loesch and Bimberg,
    PRB 20, 3303 (1979); hydrogenic a_B = eps (m_e / m_r) a_0 = 12.9 x 0.052918 nm / m_r,
    1/m_r = 1/0.067 + 1/0.55, = 11.43 nm): Bir-Aronov-Pikus dominates at low temperature and
    high acceptor density, D'yakonov-Perel' at room temperature (the regimes of Zutic,
    Fabian and Das Sarma, RMP 76, 323 (2004), sec. III.B.3); degenerate, screened holes
    relax electrons more slowly than the Boltzmann, unscreened formula at 10^19 cm^-3."""
    a_r = 12.9 * 5.29177210903e-11 * (1 / 0.067 + 1 / 0.55)
    assert exciton_bohr_radius_from("GaAs") == pytest.approx(a_r, rel=1e-9, abs=0)
    mm = mechanism_map("GaAs", [10.0, 300.0], [1e21, 1e25], mobility=0.3, carrier="p")
    assert mm.missing == {}
    assert mm.dominant[0, 1] == 2 and mm.dominant[1, 0] == 1
    plain = mechanism_map("GaAs", [10.0], [1e25], mobility=0.3, carrier="p",
                          screening=False, degenerate_holes=False)
    assert mm.rates[2, 0, 1] < plain.rates[2, 0, 0]


def test_map_both_carriers_in_the_kind():
    """The kind maps n and p types of map_material: Si has no DP or BAP anywhere."""
    ds = _run(electrons=200, points=2, map_points=3, hanle_points=2, map_material="Si",
              tau_max=1e-12)
    assert list(ds["carrier"].values) == ["n", "p"]
    assert float(ds["map_dominant_fraction_ey_p"]) == 1.0
    assert not ds["map_rates"].sel(mechanism=["D'yakonov-Perel'", "Bir-Aronov-Pikus"]).any()


def test_map_momentum_time_from_mobility_model():
    """Default map: tau_p = m mu(N, T) / e from the material's mobility model (Sotoodeh,
    Khalid and Rezazadeh 2000 for GaAs). In the lattice-limited limit (N << N_ref) mu ~
    T^-2.1, so the non-degenerate D'yakonov-Perel' rate, T^3 tau_p, goes as T^(3 - 2.1) =
    T^0.9; below the model's range (100 K) tau_p is held at its 100 K value."""
    temps = np.array([200.0, 300.0, 400.0])
    mm = mechanism_map("GaAs", temps, [1e12, 1e24])
    m = 0.067 * c.m_e
    np.testing.assert_allclose(mm.momentum_time[:, 1],
                               m * material_mobility("GaAs", 1e24, temps) / c.e, rtol=1e-13)
    slope = np.polyfit(np.log(temps), np.log(mm.rates[1, :, 0]), 1)[0]
    assert slope == pytest.approx(0.9, abs=2e-3)
    cold = mechanism_map("GaAs", [30.0, 100.0], [1e23], hold_below_range=True)
    assert cold.momentum_time[0, 0] == pytest.approx(cold.momentum_time[1, 0], rel=1e-13, abs=0)


def test_map_mobility_hold_is_explicit_recorded_and_drawn():
    """Below the GaAs model's lowest temperature (100 K: 'T > 100 K', solcore5 documentation
    of its Sotoodeh mobility module) a map is refused unless hold_below_range=True; the held
    map records T_min = 100 K and its figure draws a vertical line there. A map inside the
    range, or with one fixed mobility, holds nothing."""
    with pytest.raises(ParameterError, match=r"^temperatures.*100 K <= T.*mobility="):
        mechanism_map("GaAs", [30.0, 300.0], [1e23])
    with pytest.raises(ParameterError, match=r"^temperatures.*mobility="):
        mechanism_map("GaAs", [300.0, 2000.0], [1e23], hold_below_range=True)
    with pytest.raises(ParameterError, match="^hold_below_range"):
        mechanism_map("GaAs", [300.0], [1e23], hold_below_range=1)
    held = mechanism_map("GaAs", [30.0, 300.0], [1e22, 1e23], hold_below_range=True)
    assert held.hold_temperature == 100.0
    assert np.isnan(mechanism_map("GaAs", [100.0, 300.0], [1e23]).hold_temperature)
    assert np.isnan(mechanism_map("GaAs", [30.0], [1e23], mobility=0.3).hold_temperature)
    ax = held.plot()
    assert [tuple(line.get_xdata()) for line in ax.lines] == [(100.0, 100.0)]
    matplotlib.pyplot.close("all")


def test_map_without_mobility_model_says_to_pass_one(monkeypatch):
    """A material with an effective mass but no mobility model: the error names the lacking
    quantities and the way out (mobility=); with mobility= the map is made."""
    from spinkit import materials

    gaas = materials.get("GaAs")
    bare = materials.Material("Bare", "test material", {
        k: q for k, q in gaas.quantities.items() if "mobility" not in k})
    monkeypatch.setattr(materials, "all_materials", lambda: {"Bare": bare})
    with pytest.raises(ParameterError, match=r"^material.*electron_mobility_max.*mobility="):
        mechanism_map("Bare", [300.0], [1e23])
    assert mechanism_map("Bare", [300.0], [1e23], mobility=0.3).rates[1].any()


def test_kind_records_the_mobility_hold():
    """Default kind map (10-300 K, GaAs): mu held below 100 K, recorded in the dataset and
    drawn on the map; hold_mobility_below_range=false refuses the map."""
    ds = _run(electrons=200, points=2, map_points=3, hanle_points=2, tau_max=1e-12,
              carrier="n")
    assert float(ds["map_mobility_hold_temperature"]) == 100.0
    assert "held at its 100 K value" in ds.attrs["map_mobility"]
    figs = plot(ds)
    ax = figs["mechanism_map"].axes[0]
    assert any(tuple(line.get_xdata()) == (100.0, 100.0) for line in ax.lines)
    matplotlib.pyplot.close("all")
    with pytest.raises(ParameterError, match="^temperatures"):
        _run(electrons=200, points=2, map_points=3, hanle_points=2, tau_max=1e-12,
             carrier="n", hold_mobility_below_range=False)
