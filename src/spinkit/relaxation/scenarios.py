"""Scenario kind ``spin_relaxation``.

The spin ensemble of :mod:`spinkit.relaxation.ensemble` is run over a range of momentum
times tau_p for a 2DEG (Rashba + Dresselhaus, :class:`spinkit.bands.SpinOrbit2DEG`) or bulk
zinc blende (:class:`~spinkit.relaxation.bulk_dresselhaus.BulkDresselhaus`), with an
Elliott-Yafet flip probability per collision. The 1/e spin lifetimes are set against the rate
laws: D'yakonov-Perel' <Omega_perp^2> tau_p, Elliott-Yafet 2 p / tau_p, their sum, and the
collisionless (free-precession) dephasing time. The Hanle curve (steady polarisation against
an in-plane field) of the ensemble is set against its closed form, and the mechanism maps
(:mod:`spinkit.relaxation.mechanisms`) of ``map_material`` (default the ensemble's material)
come with it, n- and p-type side by side: for GaAs the p-type map shows the low-temperature,
high-acceptor-density region where Bir-Aronov-Pikus dominates; for Si, phonon-limited
Elliott-Yafet everywhere.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import xarray as xr

from spinkit import constants, materials
from spinkit.bands import SpinOrbit2DEG
from spinkit.errors import ParameterError
from spinkit.progress import Progress
from spinkit.relaxation.bulk_dresselhaus import BulkDresselhaus
from spinkit.relaxation.ensemble import (
    ThermalMomenta,
    decay_time,
    free_precession,
    simulate_ensemble,
    steady_state_polarization,
)
from spinkit.relaxation.mechanisms import MECHANISMS, MechanismMap, mechanism_map
from spinkit.relaxation.rates import (
    dyakonov_perel_2deg_rates,
    dyakonov_perel_bulk_rate,
    elliott_yafet_rate,
)
from spinkit.scenario.params import Param
from spinkit.scenario.registry import Kind, register

PARAMS = (
    Param("material", "material", "GaAs", doc="semiconductor: effective mass, Dresselhaus "
          "gamma, gap and spin-orbit splitting (mechanism map)"),
    Param("model", "choice", "2deg", doc="spin-orbit field of the ensemble: a [001] 2DEG "
          "(Rashba + linear Dresselhaus) or bulk cubic Dresselhaus", choices=("2deg", "bulk")),
    Param("rashba", "float", 5e-31, "J m", "Rashba alpha of the 2DEG (5e-31 J m = 3.1 meV nm)",
          low=-1e-29, high=1e-29),
    Param("dresselhaus", "float", 0.0, "J m", "linear Dresselhaus beta of the 2DEG",
          low=-1e-29, high=1e-29),
    Param("temperature", "float", 77.0, "K", "electron temperature (thermal momenta)",
          low=0, high=2000, low_open=True),
    Param("flip_probability", "float", 1e-3, "", "Elliott-Yafet spin-flip probability p "
          "per collision", low=0, high=1),
    Param("tau_min", "float", None, "s", "shortest momentum time tau_p", low=0, high=1,
          low_open=True, default_doc="0.01 / Omega_rms"),
    Param("tau_max", "float", None, "s", "longest momentum time tau_p", low=0, high=1,
          low_open=True,
          default_doc="10 x the longer of 1/Omega_rms and the free-precession 1/e time"),
    Param("points", "int", 9, "", "momentum times (log-spaced)", low=2, high=200),
    Param("electrons", "int", 4000, "", "ensemble size", low=16, high=10**7),
    Param("mobility", "float", None, "m^2/(V s)", "electron mobility giving tau_p = m mu / e "
          "in the mechanism map (one value for the whole map)", low=0, high=1e3,
          low_open=True, default_doc="the map material's empirical mobility mu(N, T) "
          "(Sotoodeh et al. 2000 for GaAs)"),
    Param("hold_mobility_below_range", "bool", None, doc="below the lowest temperature T_min "
          "of the map material's mobility model, hold mu(N, T) at its T_min value (false: "
          "refuse a map reaching below T_min unless mobility is given)",
          default_doc="true: mu held below T_min (GaAs 100 K, 68 % of the 10-300 K map axis; "
          "Si 273 K, 97 %); the map draws a line at T_min and map_mobility_hold_temperature "
          "records it"),
    Param("carrier", "choice", "both", doc="doping type(s) of the mechanism map",
          choices=("n", "p", "both")),
    Param("map_material", "material", None, doc="semiconductor of the mechanism map (e.g. Si)",
          default_doc="the ensemble's material"),
    Param("exchange_splitting", "float", None, "J", "exciton exchange splitting Delta_ex for "
          "Bir-Aronov-Pikus (p-type map)", low=0, high=1e-19, low_open=True,
          default_doc="the material's exciton_exchange_splitting (none: BAP left out)"),
    Param("exciton_bohr_radius", "float", None, "m", "exciton Bohr radius a_B for "
          "Bir-Aronov-Pikus (p-type map)", low=0, high=1e-6, low_open=True,
          default_doc="hydrogenic, from the material's dielectric constant and masses"),
    Param("ey_prefactor", "float", 1.0, "", "factor A of the k.p Elliott-Yafet rate",
          low=0, high=100, low_open=True),
    Param("g_factor", "float", None, "", "electron g-factor of the Hanle curve", low=-100,
          high=100, default_doc="the material's g_factor"),
    Param("hanle_points", "int", 9, "", "fields of the Hanle curve", low=2, high=1000),
    Param("map_points", "int", 24, "", "grid points per axis of the mechanism map", low=3,
          high=400),
)


def _model(p: dict[str, Any], zeeman: object = (0.0, 0.0, 0.0)
           ) -> tuple[Any, ThermalMomenta, float, float, np.ndarray]:
    """The band model (with Zeeman term b [J]), its thermal momenta, the D'yakonov-Perel'
    coefficients <Omega_perp^2> [rad^2/s^2] (the rate laws of :mod:`spinkit.relaxation.rates`
    at tau_p = 1 s) for a spin along z and along e2, and the in-plane field axis e1 of the
    Hanle curve (z x e1 = e2; [110] for the 2DEG, whose principal axes are [110], [1-10])."""
    mat = materials.get(p["material"])
    if "effective_mass" not in mat:
        raise ParameterError("material", p["material"], "needs an effective_mass")
    m = mat.value("effective_mass") * constants.m_e
    t = p["temperature"]
    if p["model"] == "2deg":
        ham = SpinOrbit2DEG(m, rashba=p["rashba"], dresselhaus=p["dresselhaus"], zeeman=zeeman)
        k_rms = np.sqrt(2 * m * constants.k_B * t) / constants.hbar  # <k^2> of a 2D gas
        r = dyakonov_perel_2deg_rates(1.0, k_rms, rashba=p["rashba"],
                                      dresselhaus=p["dresselhaus"])
        axis = np.array([1.0, 1.0, 0.0]) / np.sqrt(2)
        return ham, ThermalMomenta(m, t, 2), float(r["z"]), float(r["1-10"]), axis
    if "dresselhaus_gamma" not in mat:
        raise ParameterError("model", "bulk", f"needs a material with dresselhaus_gamma; "
                             f"{p['material']} has none (inversion-symmetric)")
    ham = BulkDresselhaus.from_material(p["material"], zeeman=zeeman)
    coef = float(dyakonov_perel_bulk_rate(1.0, t, gamma=ham.gamma, effective_mass=m))
    return ham, ThermalMomenta(m, t, 3), coef, coef, np.array([1.0, 0.0, 0.0])


def _hanle(p: dict[str, Any], coef_z: float, coef_2: float, axis: np.ndarray,
           omega: float, rng: np.random.Generator) -> dict[str, Any]:
    """Hanle curve of the ensemble at Omega_rms tau_p = 0.05 (motional narrowing): steady
    polarisation under injection with lifetime tau_r = tau_s (spin along z, field along e1)
    against the closed form P = (1/tau_r) G2 / (Gz G2 + w_L^2), G = 1/tau + 1/tau_r, from
    the steady state of dS/dt = w_L e1 x S - diag(Gz, G2) S + S_0 / tau_r."""
    g = p["g_factor"]
    if g is None:
        mat = materials.get(p["material"])
        if "g_factor" not in mat:
            raise ParameterError("g_factor", None, f"required: {p['material']} has no "
                                 "g_factor")
        g = mat.value("g_factor")
    if g == 0:
        raise ParameterError("g_factor", g, "must not be 0 (no Larmor precession)")
    tau = 0.05 / omega
    ey = 2 * p["flip_probability"] / tau
    gz, g2 = coef_z * tau + ey, coef_2 * tau + ey
    tau_r = 1 / gz
    gz, g2 = gz + 1 / tau_r, g2 + 1 / tau_r
    w_max = 3 * np.sqrt(gz * g2)
    larmor = np.linspace(0, w_max, p["hanle_points"])
    fields = constants.hbar * larmor / (abs(g) * constants.mu_B)  # |B| [T]
    pol = np.empty(larmor.size)
    err = np.empty(larmor.size)
    for i, w in enumerate(larmor):
        b = np.sign(g) * constants.hbar * w / 2 * axis  # h = g mu_B B / 2 along e1
        ham, moms = _model(p, zeeman=b)[:2]
        res = simulate_ensemble(ham, moms, momentum_time=tau,
                                duration=10 / min(gz, g2), samples=401,
                                electrons=p["electrons"],
                                flip_probability=p["flip_probability"], seed=rng)
        pol[i], err[i] = steady_state_polarization(res, tau_r)
    dense = np.linspace(0, w_max, 200)

    def law(w: np.ndarray) -> np.ndarray:
        return (g2 / tau_r) / (gz * g2 + w**2)

    return {"fields": fields, "pol": pol, "err": err, "law": law(larmor), "tau": tau,
            "tau_r": tau_r, "dense_fields": fields[-1] * dense / w_max, "dense": law(dense)}


def _var(dims: Any, data: Any, units: str, long_name: str) -> tuple:
    return (dims, data, {"units": units, "long_name": long_name})


def compute(p: dict[str, Any], rng: np.random.Generator, progress: Progress) -> xr.Dataset:
    """Ensemble lifetimes over tau_p, the rate laws and the mechanism map."""
    ham, moms, coef, coef_2, hanle_axis = _model(p)
    if coef <= 0:
        raise ParameterError("rashba", p["rashba"], "and dresselhaus must not both be 0: "
                             "no spin-orbit field to relax the spin")
    omega = np.sqrt(1.5 * coef if p["model"] == "bulk" else coef)  # Omega_rms
    progress.reset(p["points"] + 3, "spin_relaxation")
    # collisionless dephasing: the long-tau_p limit of the lifetime
    t_free = np.linspace(0, 20 / omega, 801)
    free = free_precession(ham, moms, t_free, seed=rng)
    tau_free = decay_time(t_free, free)
    t_dephase = tau_free if np.isfinite(tau_free) else t_free[-1]  # no 1/e: slower still
    progress.advance()
    tau_min = p["tau_min"] or 0.01 / omega
    tau_max = p["tau_max"] or 10 * max(1 / omega, t_dephase)
    if tau_max <= tau_min:
        raise ParameterError("tau_max", tau_max, f"must exceed tau_min = {tau_min:g} s")
    taus = np.geomspace(tau_min, tau_max, p["points"])
    pflip = p["flip_probability"]
    ey = elliott_yafet_rate(taus, pflip)
    dp = coef * taus
    dense = np.geomspace(tau_min, tau_max, 200)
    lifetimes = np.empty(taus.size)
    for i, tau in enumerate(taus):
        expected = ey[i] + min(dp[i], 1 / t_dephase)
        res = simulate_ensemble(ham, moms, momentum_time=tau, duration=4 / expected,
                                electrons=p["electrons"], samples=161,
                                flip_probability=pflip, seed=rng)
        lifetimes[i] = decay_time(res.times, res.spin[:, 2])
        progress.advance()
    t_grid = np.geomspace(10, 300, p["map_points"])
    n_grid = np.geomspace(1e21, 1e25, p["map_points"])
    carriers = ("n", "p") if p["carrier"] == "both" else (p["carrier"],)
    map_material = p["map_material"] or p["material"]
    hold = p["hold_mobility_below_range"] is not False  # None (default): hold
    maps = [mechanism_map(map_material, t_grid, n_grid, mobility=p["mobility"],
                          hold_below_range=hold, carrier=cr,
                          ey_prefactor=p["ey_prefactor"],
                          exchange_splitting=p["exchange_splitting"],
                          exciton_bohr_radius=p["exciton_bohr_radius"]) for cr in carriers]
    progress.advance()
    hanle = _hanle(p, coef, coef_2, hanle_axis, omega, rng)
    progress.advance()
    narrow = omega * taus < 0.1
    law = 1 / (dp + ey)
    dev = float(np.max(np.abs(lifetimes[narrow] / law[narrow] - 1))) if narrow.any() else np.nan
    best = int(np.argmax(lifetimes))
    tau_opt = np.sqrt(2 * pflip / coef) if pflip > 0 else float("nan")
    n_mid = p["map_points"] // 2
    map_keys = {f"map_spin_lifetime_300K_{m.carrier}": _var(
        (), m.spin_lifetime[-1, n_mid], "s",
        f"{m.carrier}-type tau_s at 300 K, N = {n_grid[n_mid]:.2g} m^-3") for m in maps}
    map_keys.update({f"map_dominant_fraction_{('ey', 'dp', 'bap')[i]}_{m.carrier}": _var(
        (), float(np.mean(m.dominant == i)), "",
        f"fraction of the {m.carrier}-type map where {name} dominates")
        for m in maps for i, name in enumerate(MECHANISMS) if m.rates[i].any()})
    return xr.Dataset(
        {
            "spin_lifetime": _var("tau_p", lifetimes, "s", "ensemble 1/e spin lifetime (S_z)"),
            "dp_law": _var("tau_law", 1 / (coef * dense), "s",
                           "D'yakonov-Perel' 1/(<Omega_perp^2> tau_p)"),
            "ey_law": _var("tau_law", dense / (2 * pflip) if pflip > 0 else
                           np.full(dense.size, np.inf), "s", "Elliott-Yafet tau_p / (2 p)"),
            "combined_law": _var("tau_law", 1 / (coef * dense + 2 * pflip / dense), "s",
                                 "1 / (DP + EY rates)"),
            "dp_coefficient": _var((), coef, "rad^2/s^2",
                                   "<Omega_perp^2>: DP rate per unit tau_p"),
            "free_precession_time": _var((), tau_free, "s",
                                         "1/e time of collisionless dephasing"),
            "narrowing_max_deviation": _var((), dev, "", "max |tau_s / law - 1| where "
                                            "Omega_rms tau_p < 0.1"),
            "longest_lifetime": _var((), lifetimes[best], "s", "longest ensemble lifetime"),
            "best_momentum_time": _var((), taus[best], "s", "tau_p of the longest lifetime"),
            "optimal_momentum_time_law": _var((), tau_opt, "s", "sqrt(2p / <Omega_perp^2>): "
                                              "where DP + EY is smallest"),
            "map_rates": _var(("carrier", "mechanism", "T", "N"),
                              np.stack([m.rates for m in maps]), "1/s",
                              "spin-relaxation rate of each mechanism"),
            "map_momentum_time": _var(("carrier", "T", "N"),
                                      np.stack([m.momentum_time for m in maps]), "s",
                                      "tau_p of the map, m mu / e"),
            "map_mobility_hold_temperature": _var(
                (), maps[0].hold_temperature, "K", "T_min of the map's mobility model: below "
                "it mu(N, T) is held at its T_min value (nan: nothing held)"),
            **map_keys,
            "hanle_polarization": _var("B", hanle["pol"], "", "steady S_z, spin ensemble"),
            "hanle_polarization_stderr": _var("B", hanle["err"], "",
                                              "standard error of the steady S_z"),
            "hanle_law": _var("B_law", hanle["dense"], "", "steady S_z, closed form"),
            "hanle_max_deviation": _var((), float(np.max(np.abs(hanle["pol"] - hanle["law"])
                                                         / hanle["law"][0])), "",
                                        "max |ensemble - closed form| / P(0)"),
            "hanle_max_deviation_sigma": _var((), float(np.max(
                np.abs(hanle["pol"] - hanle["law"]) / hanle["err"])), "",
                "max |ensemble - closed form| / its standard error"),
            "hanle_momentum_time": _var((), hanle["tau"], "s", "tau_p of the Hanle curve"),
            "hanle_carrier_lifetime": _var((), hanle["tau_r"], "s",
                                           "carrier lifetime tau_r of the Hanle curve"),
        },
        coords={
            "tau_p": ("tau_p", taus, {"units": "s", "long_name": "momentum time"}),
            "tau_law": ("tau_law", dense, {"units": "s", "long_name": "momentum time"}),
            "carrier": ("carrier", list(carriers)),
            "mechanism": ("mechanism", list(MECHANISMS)),
            "T": ("T", t_grid, {"units": "K", "long_name": "temperature"}),
            "N": ("N", n_grid, {"units": "1/m^3", "long_name": "doping density"}),
            "B": ("B", hanle["fields"], {"units": "T", "long_name": "in-plane field |B|"}),
            "B_law": ("B_law", hanle["dense_fields"], {"units": "T", "long_name": "|B|"}),
        },
        attrs={"title": f"Spin relaxation: {p['model']} {p['material']} ensemble at "
                        f"{p['temperature']:g} K, p = {pflip:g}",
               "map_material": map_material,
               "map_mobility": (f"{p['mobility']:g} m^2/(V s) on the whole map"
                                if p["mobility"] is not None else
                                f"{map_material} mobility model mu(N, T)" + (
                                    f", held at its {maps[0].hold_temperature:g} K value below "
                                    f"{maps[0].hold_temperature:g} K"
                                    if np.isfinite(maps[0].hold_temperature) else "")),
               "map_missing": "; ".join(f"{m.carrier}-type {k}: {v}" for m in maps
                                        for k, v in m.missing.items())},
    )


def plot(ds: xr.Dataset) -> dict[str, Any]:
    """tau_s vs tau_p (ensemble and laws) and the mechanism map."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 4.5), layout="constrained")
    tau = ds["tau_law"].values
    ax.loglog(tau, ds["dp_law"], "--", color="C1",
              label=r"D'yakonov–Perel' $1/(\langle\Omega_\perp^2\rangle\tau_p)$")
    if np.isfinite(ds["ey_law"].values).all():
        ax.loglog(tau, ds["ey_law"], "--", color="C0", label=r"Elliott–Yafet $\tau_p/2p$")
    ax.loglog(tau, ds["combined_law"], "-", color="0.3", label="DP + EY (rates added)")
    ax.axhline(float(ds["free_precession_time"]), color="C2", ls=":",
               label="free-precession dephasing")
    ax.loglog(ds["tau_p"], ds["spin_lifetime"], "o", color="C3", mfc="none", label="spin ensemble")
    lo = np.nanmin(ds["spin_lifetime"].values)
    hi = np.nanmax(ds["spin_lifetime"].values)
    ax.set_ylim(lo / 5, hi * 5)
    ax.set_xlabel(r"momentum time $\tau_p$ (s)")
    ax.set_ylabel(r"spin lifetime $\tau_s$ (1/e time of $S_z$) (s)")
    ax.legend(fontsize=8)
    ax.set_title(ds.attrs.get("title", ""), fontsize=9)
    carriers = list(ds["carrier"].values)
    figm, axm = plt.subplots(1, len(carriers), figsize=(5.5 * len(carriers), 4.5),
                             layout="constrained", squeeze=False)
    for ax, cr in zip(axm[0], carriers, strict=True):
        MechanismMap(ds.attrs.get("map_material", ""), str(cr), ds["T"].values,
                     ds["N"].values, ds["map_rates"].sel(carrier=cr).values,
                     ds["map_momentum_time"].sel(carrier=cr).values,
                     hold_temperature=float(ds["map_mobility_hold_temperature"])).plot(ax)
    figh, axh = plt.subplots(figsize=(6, 4.5), layout="constrained")
    axh.plot(ds["B_law"], ds["hanle_law"], "-", color="0.3", label="closed form")
    axh.errorbar(ds["B"], ds["hanle_polarization"], 2 * ds["hanle_polarization_stderr"],
                 fmt="o", color="C3", mfc="none", label="spin ensemble (±2σ)")
    axh.set_xlabel("in-plane field |B| (T)")
    axh.set_ylabel(r"steady spin polarisation $S_z$")
    axh.set_title(f"Hanle depolarisation, $\\tau_p$ = {float(ds['hanle_momentum_time']):.3g} s",
                  fontsize=9)
    axh.legend(fontsize=8)
    return {"lifetime_vs_momentum_time": fig, "mechanism_map": figm, "hanle": figh}


register(
    Kind(
        name="spin_relaxation",
        summary="spin ensemble: DP motional narrowing and EY from one Monte Carlo; rate laws; "
                "mechanism map",
        params=PARAMS,
        compute=compute,
        plot=plot,
        tour={"electrons": 1500, "points": 7, "map_points": 16, "hanle_points": 6},
    )
)

