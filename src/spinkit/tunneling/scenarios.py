"""Scenario kinds ``mtj`` (tunneling magnetoresistance) and ``datta_das`` (spin transistor).

``mtj`` runs one of three models of a magnetic tunnel junction, chosen by ``model``:
``julliere`` (TMR from the electrodes' tabulated polarizations), ``slonczewski`` (exact
free-electron model: conductance and TMR vs barrier thickness, bias and angle) or
``coherent`` (bcc(001) symmetry-filtering tight-binding model: TMR vs barrier layers,
decay constant per symmetry channel, k_par-resolved transmission).
``datta_das`` sweeps the Rashba coupling of a ballistic wire between spin-selective contacts.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import xarray as xr

from spinkit import constants, materials
from spinkit.devices.datta_das import (
    DattaDasTransistor,
    filtered_conductance,
    oscillation_period,
    precession_angle,
    rashba_period,
)
from spinkit.errors import ParameterError
from spinkit.progress import Progress
from spinkit.scenario.params import Param
from spinkit.scenario.registry import Kind, register
from spinkit.tunneling.coherent import CoherentJunction, zone_averages
from spinkit.tunneling.julliere import julliere_tmr, tunneling_polarization
from spinkit.tunneling.slonczewski import FreeElectronJunction, slonczewski_polarization

_EV = constants.eV


def _var(dims: Any, data: Any, units: str, long_name: str) -> tuple:
    return (dims, data, {"units": units, "long_name": long_name})


# ----------------------------------------------------------------------------------- mtj
MTJ_PARAMS = (
    Param("model", "choice", "slonczewski", doc="junction model",
          choices=("julliere", "slonczewski", "coherent")),
    Param("left_material", "material", "Fe",
          doc="left electrode: its polarization_tunneling (julliere); 'Fe' only for the "
              "slonczewski (set by fermi_energy/exchange_splitting) and coherent models"),
    Param("right_material", "material", "Fe",
          doc="right electrode: its polarization_tunneling (julliere); 'Fe' only for the "
              "slonczewski (set by fermi_energy/exchange_splitting) and coherent models"),
    Param("fermi_energy", "float", 4.53 * _EV, "J",
          "slonczewski: majority Fermi energy (k_up = 1.09/Å for Fe, Stearns 1977)",
          low=0, high=100 * _EV, low_open=True),
    Param("exchange_splitting", "float", 3.86 * _EV, "J",
          "slonczewski: exchange splitting (k_down = 0.42/Å for Fe, Stearns 1977)",
          low=0, high=100 * _EV),
    Param("barrier_height", "float", 3.0 * _EV, "J",
          "slonczewski: barrier top above the Fermi level", low=0, high=100 * _EV,
          low_open=True),
    Param("mass", "float", 1.0, "m_e", "slonczewski: electron mass in all layers",
          low=0, high=100, low_open=True),
    Param("thickness", "float", 1.5e-9, "m",
          "slonczewski: barrier thickness of the bias and angle sweeps",
          low=0, high=1e-7, low_open=True),
    Param("thickness_max", "float", 3e-9, "m", "slonczewski: largest thickness of the sweep",
          low=0, high=1e-7, low_open=True),
    Param("thickness_points", "int", 13, "", "thickness (or layer) sweep points",
          low=2, high=1000),
    Param("bias_max", "float", 1.0, "V", "slonczewski: largest bias of the sweep",
          low=0, high=10, low_open=True),
    Param("bias_points", "int", 11, "", "slonczewski: bias sweep points", low=2, high=1000),
    Param("angle_points", "int", 13, "", "points in theta from 0 to pi", low=2, high=1000),
    Param("layers_max", "int", 12, "", "coherent: largest number of barrier layers",
          low=1, high=200),
    Param("k_points", "int", 16, "", "coherent: k_par grid points per axis (quarter zone)",
          low=1, high=400),
)


def _julliere(p: dict[str, Any], progress: Progress) -> xr.Dataset:
    p1, p2 = (tunneling_polarization(p[key], key) for key in ("left_material",
                                                               "right_material"))
    theta = np.linspace(0, np.pi, p["angle_points"])
    progress.advance()
    return xr.Dataset(
        {
            "G_theta": _var("theta", (1 + p1 * p2 * np.cos(theta)) / (1 + p1 * p2), "",
                            "G(theta)/G_P = (1 + P1 P2 cos theta)/(1 + P1 P2)"),
            "TMR": _var((), float(julliere_tmr(p1, p2)), "", "Jullière TMR 2P1P2/(1-P1P2)"),
            "P_left": _var((), p1, "", "tunneling polarization of the left electrode"),
            "P_right": _var((), p2, "", "tunneling polarization of the right electrode"),
        },
        coords={"theta": _var("theta", theta, "rad", "angle between magnetizations")},
        attrs={"title": f"Jullière TMR, {p['left_material']}/I/{p['right_material']}"},
    )


def _slonczewski(p: dict[str, Any], progress: Progress) -> xr.Dataset:
    def junction(d: float) -> FreeElectronJunction:
        return FreeElectronJunction(p["fermi_energy"], p["exchange_splitting"],
                                    p["barrier_height"], d, p["mass"])

    if p["exchange_splitting"] >= p["fermi_energy"]:
        raise ParameterError("exchange_splitting", p["exchange_splitting"],
                             f"must be < fermi_energy ({p['fermi_energy']} J): both spin "
                             "bands must cross E_F")
    thick = np.linspace(p["thickness_max"] / p["thickness_points"], p["thickness_max"],
                        p["thickness_points"])
    gp, gap = [], []
    for d in thick:
        j = junction(d)
        gp.append(j.conductance_per_area(0.0))
        gap.append(j.conductance_per_area(np.pi))
        progress.advance()
    gp, gap = np.array(gp), np.array(gap)
    j = junction(p["thickness"])
    bias = np.linspace(0, p["bias_max"], p["bias_points"])
    g0p, g0ap = j.conductance_per_area(0.0), j.conductance_per_area(np.pi)
    jp = np.array([j.current_density(v, 0.0) if v else 0.0 for v in bias])
    jap = np.array([j.current_density(v, np.pi) if v else 0.0 for v in bias])
    progress.advance()
    with np.errstate(invalid="ignore", divide="ignore"):
        tmr_bias = np.where(bias > 0, jp / jap - 1, g0p / g0ap - 1)
    theta = np.linspace(0, np.pi, p["angle_points"])
    g_theta = np.array([j.conductance_per_area(th) for th in theta])
    progress.advance()
    k_up, k_dn, kappa = j.fermi_wavenumbers()
    p_eff = slonczewski_polarization(k_up, k_dn, kappa)
    cos_fit = (g0p + g0ap) / 2 + (g0p - g0ap) / 2 * np.cos(theta)
    return xr.Dataset(
        {
            "G_P": _var("thickness", gp, "S/m^2", "parallel conductance per area"),
            "G_AP": _var("thickness", gap, "S/m^2", "antiparallel conductance per area"),
            "TMR_thickness": _var("thickness", gp / gap - 1, "", "TMR (G_P - G_AP)/G_AP"),
            "J_P": _var("bias", jp, "A/m^2", "parallel current density"),
            "J_AP": _var("bias", jap, "A/m^2", "antiparallel current density"),
            "TMR_bias": _var("bias", tmr_bias, "", "TMR (J_P - J_AP)/J_AP"),
            "G_theta": _var("theta", g_theta, "S/m^2", "conductance per area G(theta)"),
            "TMR": _var((), g0p / g0ap - 1, "", "zero-bias TMR at the chosen thickness"),
            "G_P_chosen": _var((), g0p, "S/m^2", "G_P at the chosen thickness"),
            "RA_P": _var((), 1 / g0p, "Ohm m^2",
                         "resistance-area product R_P A at the chosen thickness"),
            "barrier_thickness": _var((), p["thickness"], "m",
                                      "barrier thickness of the bias and angle sweeps"),
            "P_eff": _var((), p_eff, "", "Slonczewski effective polarization (k_par = 0)"),
            "P_product": _var((), (g0p - g0ap) / (g0p + g0ap), "",
                              "P1 P2 = (G_P - G_AP)/(G_P + G_AP), all k_par"),
            "TMR_julliere_P_eff": _var((), float(julliere_tmr(p_eff, p_eff)), "",
                                       "Jullière TMR with P = P_eff"),
            "cos_law_deviation": _var((), float(np.max(np.abs(g_theta - cos_fit)) / g0p), "",
                                      "max |G(theta) - (G_P+G_AP)/2 - (G_P-G_AP)/2 cos| / G_P"),
            "kappa": _var((), kappa, "1/m", "barrier decay constant at E_F, k_par = 0"),
        },
        coords={
            "thickness": _var("thickness", thick, "m", "barrier thickness"),
            "bias": _var("bias", bias, "V", "bias voltage"),
            "theta": _var("theta", theta, "rad", "angle between magnetizations"),
        },
        attrs={"title": "Slonczewski free-electron MTJ (exact transfer matrices)"},
    )


def _coherent(p: dict[str, Any], progress: Progress) -> xr.Dataset:
    mat = materials.get("Fe")
    junction = CoherentJunction(lattice_constant=mat.value("lattice_constant"),
                                k_points=p["k_points"])
    layers = np.unique(np.linspace(1, p["layers_max"], min(p["thickness_points"],
                                                           p["layers_max"])).round().astype(int))
    res = junction.thickness_sweep(list(layers))
    progress.advance()
    avg = zone_averages(res)
    t_p, t_ap = avg["T_P"], avg["T_AP"]
    kappa = junction.decay_constants()
    chans = list(kappa)
    e_gap = np.linspace(-2.0, 0.25, 46) * _EV  # below the barrier's lowest (Delta_1) band
    kappa_e = np.array([[junction.decay_constants(e)[c] for c in chans] for e in e_gap])
    pol = junction.julliere_polarization()
    p_fe = mat.value("polarization_tunneling")
    kx, ky = junction.k_grid()
    last = res[-1]
    area = junction.lattice_constant**2
    g_unit = constants.e**2 / constants.h / area
    progress.advance()
    return xr.Dataset(
        {
            "G_P": _var("layers", g_unit * t_p, "S/m^2", "parallel conductance per area"),
            "G_AP": _var("layers", g_unit * t_ap, "S/m^2", "antiparallel conductance per area"),
            "T_upup": _var("layers", avg["T_upup"], "", "majority-majority transmission/site"),
            "T_dndn": _var("layers", avg["T_dndn"], "", "minority-minority transmission/site"),
            "T_updn": _var("layers", avg["T_updn"], "", "majority-minority transmission/site"),
            "TMR_layers": _var("layers", avg["TMR"], "", "TMR (G_P - G_AP)/G_AP"),
            "kappa_channel": _var("channel", [kappa[c] for c in chans], "1/m",
                                  "barrier decay constant per symmetry at Gamma"),
            "kappa_energy": _var(("energy", "channel"), kappa_e, "1/m",
                                 "complex band structure: decay constant at Gamma vs energy"),
            "T_k_P": _var(("kx", "ky"), last[(1, 1)] + last[(-1, -1)], "",
                          "k_par-resolved parallel transmission (thickest barrier)"),
            "T_k_AP": _var(("kx", "ky"), last[(1, -1)] + last[(-1, 1)], "",
                           "k_par-resolved antiparallel transmission (thickest barrier)"),
            "TMR": _var((), float(t_p[-1] / t_ap[-1] - 1), "", "TMR at the thickest barrier"),
            "kappa_Delta1": _var((), kappa["Delta1"], "1/m", "Delta_1 decay constant"),
            "P_dos": _var((), pol, "", "DOS spin polarization of the model electrode"),
            "TMR_julliere_dos": _var((), float(julliere_tmr(pol, pol)), "",
                                     "Jullière TMR with the model's DOS polarization"),
            "P_Fe": _var((), p_fe, "", "Fe's tabulated tunneling polarization"),
            "TMR_julliere_Fe": _var((), float(julliere_tmr(p_fe, p_fe)), "",
                                    "Jullière TMR with Fe's tunneling polarization"),
        },
        coords={
            "layers": _var("layers", layers, "", "barrier layers (thickness layers * a/2)"),
            "thickness": _var("layers", layers * junction.layer_spacing, "m",
                              "barrier thickness"),
            "channel": _var("channel", chans, "", "symmetry channel"),
            "energy": _var("energy", e_gap, "J", "energy relative to E_F"),
            "kx": _var("kx", kx[:, 0], "1/m", "k_x"),
            "ky": _var("ky", ky[0], "1/m", "k_y"),
        },
        attrs={"title": "Coherent bcc(001) MTJ: symmetry filtering"},
    )


def compute_mtj(p: dict[str, Any], rng: np.random.Generator, progress: Progress
                ) -> xr.Dataset:
    """Run the chosen MTJ model; returns its dataset."""
    if p["model"] != "julliere":
        for key in ("left_material", "right_material"):
            if p[key] != "Fe":
                raise ParameterError(key, p[key], f"must be 'Fe' for model = '{p['model']}' "
                                     "(slonczewski takes fermi_energy and exchange_splitting; "
                                     "coherent is a bcc Fe model); other electrodes: julliere")
    steps = {"julliere": 1, "slonczewski": p["thickness_points"] + 2, "coherent": 2}
    progress.reset(steps[p["model"]], f"mtj ({p['model']})")
    return {"julliere": _julliere, "slonczewski": _slonczewski,
            "coherent": _coherent}[p["model"]](p, progress)


def _conductance_panel(ax: Any, ds: xr.Dataset) -> np.ndarray:
    """G_P and G_AP per area vs barrier thickness (nm, returned) on a log axis."""
    d = ds["thickness"].values * 1e9
    ax.semilogy(d, ds["G_P"], "o-", label="P")
    ax.semilogy(d, ds["G_AP"], "s-", label="AP")
    ax.set_xlabel("barrier thickness (nm)")
    ax.set_ylabel("G/A (S/m²)")
    ax.legend()
    return d


def _plot_coherent(ds: xr.Dataset, plt: Any) -> Any:
    fig, axes = plt.subplots(1, 4, figsize=(19, 4), layout="constrained")
    fig.get_layout_engine().set(wspace=0.08)
    d = _conductance_panel(axes[0], ds)
    axes[1].semilogy(d, ds["TMR_layers"] * 100, "o-", label="coherent model")
    axes[1].axhline(float(ds["TMR_julliere_Fe"]) * 100, ls="--", color="0.4",
                    label=f"Jullière, P(Fe) = {float(ds['P_Fe']):.2f}")
    axes[1].axhline(float(ds["TMR_julliere_dos"]) * 100, ls=":", color="0.4",
                    label=f"Jullière, model DOS P = {float(ds['P_dos']):.2f}")
    axes[1].set_xlabel("barrier thickness (nm)")
    axes[1].set_ylabel("TMR (%)")
    axes[1].legend(fontsize=8)
    kx, ky = ds["kx"].values * 1e-10, ds["ky"].values * 1e-10
    logt = np.log10(ds["T_k_P"].values.T + 1e-300)
    im = axes[2].pcolormesh(kx, ky, logt, shading="auto", vmin=logt.max() - 12)
    axes[2].set_xlabel("k_x (1/Å)")
    axes[2].set_ylabel("k_y (1/Å)")
    axes[2].set_title(f"parallel T(k_∥), {d[-1]:.2f} nm barrier (quarter zone)", fontsize=9)
    fig.colorbar(im, ax=axes[2], label="log₁₀ T_P per site")
    for c in ds["channel"].values:
        axes[3].plot(ds["kappa_energy"].sel(channel=c) * 1e-10, ds["energy"] / _EV,
                     label=str(c).replace("Delta", "Δ"))
    axes[3].axhline(0, color="0.6", lw=0.8)
    axes[3].set_xlabel("κ (1/Å)")
    axes[3].set_ylabel("E - E_F (eV)")
    axes[3].set_title("barrier complex bands at k_∥ = 0", fontsize=9)
    axes[3].legend(fontsize=8)
    return fig


def _plot_slonczewski(ds: xr.Dataset, plt: Any) -> Any:
    fig, axes = plt.subplots(1, 3, figsize=(14, 4), layout="constrained")
    d = _conductance_panel(axes[0], ds)
    ax0b = axes[0].twinx()
    ax0b.plot(d, ds["TMR_thickness"] * 100, "k:", label="TMR (right axis)")
    ax0b.set_ylabel("TMR (%)")
    lines = axes[0].get_lines() + ax0b.get_lines()
    axes[0].legend(lines, [ln.get_label() for ln in lines], fontsize=8)
    axes[0].set_title("zero-bias conductance and TMR", fontsize=9)
    d_nm = float(ds["barrier_thickness"]) * 1e9
    ra_um2 = float(ds["RA_P"]) * 1e12
    axes[1].plot(ds["bias"], ds["TMR_bias"] * 100, "o-")
    axes[1].set_xlabel("bias (V)")
    axes[1].set_ylabel("TMR = (J_P - J_AP)/J_AP (%)")
    axes[1].set_title(f"d = {d_nm:.2f} nm, RA_P = {ra_um2:.3g} Ω µm²", fontsize=9)
    th = ds["theta"].values
    axes[2].plot(np.degrees(th), ds["G_theta"] / ds["G_theta"][0], "o", label="exact")
    p2 = float(ds["P_product"])
    axes[2].plot(np.degrees(th), (1 + p2 * np.cos(th)) / (1 + p2), "-",
                 label=f"(1 + P² cos θ)/(1 + P²), P² = {p2:.3f}")
    axes[2].set_xlabel("θ (deg)")
    axes[2].set_ylabel("G(θ)/G_P")
    axes[2].set_title(f"angular law, d = {d_nm:.2f} nm", fontsize=9)
    axes[2].legend(fontsize=8, loc="lower left")
    return fig


def plot_mtj(ds: xr.Dataset) -> dict[str, Any]:
    """TMR figures of whichever model made the dataset."""
    import matplotlib.pyplot as plt

    if "layers" in ds.coords:
        fig = _plot_coherent(ds, plt)
    elif "thickness" in ds.coords:
        fig = _plot_slonczewski(ds, plt)
    else:
        fig, ax = plt.subplots(figsize=(5, 4), layout="constrained")
        ax.plot(np.degrees(ds["theta"]), ds["G_theta"], "-")
        ax.set_xlabel("θ (deg)")
        ax.set_ylabel("G(θ)/G_P")
        ax.set_title(f"TMR = {float(ds['TMR']) * 100:.1f} %")
        fig.suptitle(ds.attrs.get("title", ""))
        return {"angle": fig}
    fig.suptitle(ds.attrs.get("title", ""))
    return {"tmr": fig}


register(
    Kind(
        name="mtj",
        summary="magnetic tunnel junction: TMR vs thickness, bias and angle "
                "(Jullière, Slonczewski, coherent bcc(001))",
        params=MTJ_PARAMS,
        compute=compute_mtj,
        plot=plot_mtj,
        tour={"model": "slonczewski", "thickness_points": 6, "bias_points": 5,
              "angle_points": 7},
    )
)


# ----------------------------------------------------------------------------- datta_das
DD_PARAMS = (
    Param("material", "material", "InGaAs", doc="channel: effective_mass, rashba_alpha"),
    Param("length", "float", 1e-6, "m", "Rashba channel length L", low=0, high=1e-4,
          low_open=True),
    Param("fermi_energy", "float", 0.01 * _EV, "J", "Fermi energy above the subband bottom",
          low=0, high=1 * _EV, low_open=True),
    Param("alpha_max", "float", None, "J m", "largest Rashba alpha of the gate sweep",
          low=0, high=1e-28, low_open=True, default_doc="2 x rashba_alpha(material)"),
    Param("alpha_points", "int", 201, "", "points of the alpha sweep from 0", low=3,
          high=100000),
    Param("lattice_spacing", "float", 2e-9, "m", "tight-binding spacing a (k_F a < 1)",
          low=0, high=1e-6, low_open=True),
    Param("width", "int", 1, "", "sites across the wire (1: strictly 1D)", low=1, high=200),
    Param("polarization", "float", 1.0, "", "spin-filter efficiency P of the contacts",
          low=-1, high=1),
)


def compute_datta_das(p: dict[str, Any], rng: np.random.Generator, progress: Progress
                      ) -> xr.Dataset:
    """Gate sweep of the Rashba alpha; conductance, spin transmissions and the period."""
    progress.reset(2, "datta_das")
    mat = materials.get(p["material"], parameter="material")
    if "effective_mass" not in mat:
        raise ParameterError("material", p["material"], "needs an effective_mass")
    alpha_mat = mat.value("rashba_alpha") * _EV if "rashba_alpha" in mat else None
    alpha_max = p["alpha_max"] or (2 * alpha_mat if alpha_mat else None)
    if alpha_max is None:
        raise ParameterError("alpha_max", None, f"required: {p['material']} has no "
                             "rashba_alpha to derive it from")
    dev = DattaDasTransistor.from_material(p["material"], p["length"], p["fermi_energy"],
                                           lattice_spacing=p["lattice_spacing"],
                                           width=p["width"])
    alpha = np.linspace(0, alpha_max, p["alpha_points"])
    t = dev.spin_transmissions(alpha)
    progress.advance()
    pol = p["polarization"]
    g_p = filtered_conductance(t, pol, pol)
    g_ap = filtered_conductance(t, pol, -pol)
    period = rashba_period(dev.effective_mass, dev.bonds * dev.lattice_spacing)
    try:
        measured = oscillation_period(alpha, g_p)
    except ParameterError:
        measured = np.nan  # the sweep holds less than one period
    data = {
        "G": _var("alpha", g_p, "S", "conductance, contacts parallel along x"),
        "G_AP": _var("alpha", g_ap, "S", "conductance, contacts antiparallel along x"),
        "T_spin": _var(("alpha", "spin_out", "spin_in"), t, "",
                       "spin-resolved transmission along x"),
        "precession": _var("alpha", precession_angle(alpha, dev.effective_mass,
                                                     dev.bonds * dev.lattice_spacing),
                           "rad", "precession angle 2 m* alpha L / hbar^2"),
        "period_formula": _var((), period, "J m", "pi hbar^2 / (m* L)"),
        "period_measured": _var((), measured, "J m", "mean spacing of the maxima of G"),
        "period_relative_difference": _var((), measured / period - 1, "",
                                           "measured / formula - 1"),
        "effective_mass": _var((), dev.effective_mass, "kg", "m*"),
    }
    if alpha_mat is not None:
        data["precession_at_material_alpha"] = _var(
            (), float(precession_angle(alpha_mat, dev.effective_mass,
                                       dev.bonds * dev.lattice_spacing)),
            "rad", "precession angle at the material's alpha")
        data["material_alpha"] = _var((), alpha_mat, "J m", "the material's Rashba alpha")
    progress.advance()
    return xr.Dataset(
        data,
        coords={"alpha": _var("alpha", alpha, "J m", "Rashba alpha"),
                "spin_out": ("spin_out", ["+x", "-x"]), "spin_in": ("spin_in", ["+x", "-x"])},
        attrs={"title": f"Datta-Das transistor, {p['material']}, L = {p['length'] * 1e9:.0f} "
                        "nm"},
    )


def plot_datta_das(ds: xr.Dataset) -> dict[str, Any]:
    """Conductance vs alpha with the predicted maxima."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8.5, 4), layout="constrained")
    al = ds["alpha"].values / _EV * 1e11
    g_unit = constants.e**2 / constants.h
    ax.plot(al, ds["G"] / g_unit, "-", label="parallel contacts")
    ax.plot(al, ds["G_AP"] / g_unit, "--", label="antiparallel contacts")
    per = float(ds["period_formula"]) / _EV * 1e11
    for n in range(int(al[-1] // per) + 1):
        ax.axvline(n * per, color="0.7", lw=0.8,
                   label="Δθ = 2 m*α_R L/ħ² = 2πn" if n == 0 else None)
    if "material_alpha" in ds:
        ax.axvline(float(ds["material_alpha"]) / _EV * 1e11, color="C3", ls=":",
                   label="material α")
    ax.set_xlabel("α_R (10⁻¹¹ eV m)")
    ax.set_ylabel("G (e²/h)")
    ax.set_title(ds.attrs.get("title", ""), fontsize=10)
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return {"conductance": fig}


register(
    Kind(
        name="datta_das",
        summary="Datta-Das spin transistor: conductance vs gate-tuned Rashba alpha",
        params=DD_PARAMS,
        compute=compute_datta_das,
        plot=plot_datta_das,
        tour={"alpha_points": 121},
    )
)
