"""Scenario kinds of :mod:`spinkit.transport`: ``two_current``, ``cpp_gmr``, ``spin_injection``.

``two_current`` integrates the Boltzmann conductivity of an exchange-split free-electron
ferromagnet per spin over its Fermi surfaces (T = 0 by default; T > 0 through the Fermi
window), compares the current polarization P_J with the DOS polarization P_N (equal only
where <v^2 tau> is spin-independent), and reads out the CIP GMR and AMR that follow.
``cpp_gmr`` solves the Valet-Fert model through a stack (built from materials or read from a
TOML file of layers), collinear and at any angle (noncollinear Valet-Fert with mixing
conductances). ``spin_injection`` shows the conductivity mismatch and how a tunnel barrier
lifts it.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import replace
from typing import Any

import numpy as np
import xarray as xr

from spinkit import constants
from spinkit.errors import ParameterError
from spinkit.progress import Progress
from spinkit.scenario.params import Param
from spinkit.scenario.registry import Kind, register
from spinkit.transport.amr import amr_resistivity, planar_hall_resistivity
from spinkit.transport.boltzmann import (
    ParabolicBands,
    boltzmann_conductivity,
    fermi_window_rule,
)
from spinkit.transport.injection import Junction
from spinkit.transport.noncollinear import contact_conductances, spin_valve_angle
from spinkit.transport.two_current import cip_gmr
from spinkit.transport.valet_fert import (
    Interface,
    Layer,
    series_resistor_ar,
    solve_cpp,
    solve_cpp_noncollinear,
)


def _var(dims, data, units: str, long_name: str):
    return (dims, data, {"units": units, "long_name": long_name})


# ---------------------------------------------------------------------------- two_current
TWO_CURRENT_PARAMS = (
    Param("fermi_energy", "float", 5.0, "eV", "Fermi energy above the unsplit band bottom",
          low=0, high=50, low_open=True),
    Param("exchange_splitting", "float", 1.5, "eV", "exchange splitting of the two spin bands",
          low=0, high=20),
    Param("mass_up", "float", 1.0, "m_e", "effective mass of the majority (up) band",
          low=0, high=100, low_open=True),
    Param("mass_down", "float", 2.0, "m_e", "effective mass of the minority (down) band",
          low=0, high=100, low_open=True),
    Param("tau_up", "float", 2e-14, "s", "momentum relaxation time of up electrons",
          low=0, high=1e-9, low_open=True),
    Param("tau_down", "float", 5e-15, "s", "momentum relaxation time of down electrons",
          low=0, high=1e-9, low_open=True),
    Param("temperature", "float", 0.0, "K", "temperature: width of the Fermi window "
          "(Fermi-surface integrals, averaged over the window when T > 0)", low=0, high=1e4),
    Param("spacer_resistivity", "float", 1.68e-8, "Ohm m", "CIP spacer resistivity (Cu)",
          low=0, high=1, low_open=True),
    Param("ferromagnet_thickness", "float", 5e-9, "m", "CIP F layer thickness",
          low=0, high=1e-6, low_open=True),
    Param("spacer_thickness", "float", 2e-9, "m", "CIP spacer thickness",
          low=0, high=1e-6, low_open=True),
    Param("amr_ratio", "float", 0.02, "", "AMR (rho_par - rho_perp)/rho_perp",
          low=-0.5, high=0.5),
)


def _two_current_grid(temperature: float, ef: float, split: float, m_up: float,
                      m_dn: float) -> tuple[int, float]:
    """(n_k, k_max [1/m]) of the integration box for Fermi-surface integration: the box holds
    the larger Fermi sphere at the highest energy of the window rule, and 16 grid steps span
    the smaller Fermi radius (error ~1e-7)."""
    top = ef + split / 2 + constants.k_B * temperature * float(fermi_window_rule(8)[0][-1])
    kmax = 1.05 * math.sqrt(2 * max(m_up, m_dn) * top) / constants.hbar
    k_min = math.sqrt(2 * min(m_up * (ef + split / 2), m_dn * (ef - split / 2)))
    n_k = math.ceil(32 * kmax * constants.hbar / k_min)
    if n_k > 160:
        raise ParameterError("temperature", temperature,
                             f"the Fermi window (up to E_F + 16 kT) is too wide for the smaller "
                             f"Fermi sphere: the grid would need {n_k}^3 points (> 160^3); "
                             "lower the temperature, or make both Fermi spheres comparable")
    return n_k, kmax


def _two_current_compute(p: dict[str, Any], rng: np.random.Generator,
                         progress: Progress) -> xr.Dataset:
    progress.reset(2, "two_current")
    ef = p["fermi_energy"] * constants.eV
    split = p["exchange_splitting"] * constants.eV
    if split / 2 >= ef:
        raise ParameterError("exchange_splitting", p["exchange_splitting"],
                             "must be < 2 fermi_energy: both spin bands must cross E_F")
    m_up, m_dn = p["mass_up"] * constants.m_e, p["mass_down"] * constants.m_e
    band = ParabolicBands.exchange_split(m_up, m_dn, split)
    n_k, kmax = _two_current_grid(p["temperature"], ef, split, m_up, m_dn)
    taus = {1.0: p["tau_up"], -1.0: p["tau_down"]}

    def tau(energy: np.ndarray, spin: np.ndarray) -> np.ndarray:
        return np.where(spin > 0, taus[1.0], taus[-1.0])

    res = boltzmann_conductivity(band, reciprocal_vectors=2 * kmax * np.eye(3), n_k=n_k,
                                 chemical_potential=ef, temperature=p["temperature"], tau=tau,
                                 integration="surface")
    progress.advance()
    sig = np.trace(res.sigma, axis1=1, axis2=2) / 3
    # tau enters sigma_s linearly: P_J for other tau_down/tau_up without new integrals
    ratio = np.logspace(-2, 2, 81)
    unit = sig / np.array([p["tau_up"], p["tau_down"]])
    pj_curve = (unit[0] - unit[1] * ratio) / (unit[0] + unit[1] * ratio)
    # P_J = P_N where <v^2 tau>_up = <v^2 tau>_down: tau_down/tau_up = <v^2>_up/<v^2>_down
    v2 = res.v2tau / np.array([p["tau_up"], p["tau_down"]])
    ratio_equal = float(v2[0] / v2[1])
    # CIP spin valve F/N/F: F channel resistivities 1/sigma_s, spacer 2 rho_N per channel
    rho_up, rho_dn = 1 / sig[0], 1 / sig[1]
    rho_n = p["spacer_resistivity"]
    t_f, t_n = p["ferromagnet_thickness"], p["spacer_thickness"]
    gmr = cip_gmr([rho_up, 2 * rho_n, rho_up], [rho_dn, 2 * rho_n, rho_dn],
                  [t_f, t_n, t_f], [1, 0, 1])
    # AMR of the ferromagnet: rho_perp = 1/sigma, rho_par from the AMR ratio
    rho_perp = 1 / sig.sum()
    rho_par = rho_perp * (1 + p["amr_ratio"])
    theta = np.linspace(0, 2 * np.pi, 181)
    m = np.stack([np.cos(theta), np.sin(theta), np.zeros_like(theta)], axis=-1)
    rxx = amr_resistivity(m, (1, 0, 0), rho_par, rho_perp)
    rxy = planar_hall_resistivity(m, (1, 0, 0), (0, 1, 0), rho_par, rho_perp)
    progress.advance()
    ds = xr.Dataset(
        {
            "sigma_up": _var((), sig[0], "S/m", "conductivity of the up channel"),
            "sigma_down": _var((), sig[1], "S/m", "conductivity of the down channel"),
            "current_polarization": _var((), res.current_polarization, "",
                                         "P_J = (s_up - s_down)/(s_up + s_down)"),
            "dos_polarization": _var((), res.dos_polarization, "",
                                     "P_N = (N_up - N_down)/(N_up + N_down) at E_F"),
            "dos_up": _var((), res.dos[0], "1/(J m^3)", "N_up(E_F)"),
            "dos_down": _var((), res.dos[1], "1/(J m^3)", "N_down(E_F)"),
            "v2tau_up": _var((), res.v2tau[0], "m^2/s", "<v^2 tau> of up electrons"),
            "v2tau_down": _var((), res.v2tau[1], "m^2/s", "<v^2 tau> of down electrons"),
            "resistivity": _var((), rho_perp, "Ohm m", "rho = 1/(s_up + s_down)"),
            "cip_gmr": _var((), gmr[2], "", "CIP GMR (rho_AP - rho_P)/rho_P of F/N/F"),
            "grid_points": _var((), n_k, "", "k points per direction"),
            "tau_ratio_pj_equals_pn": _var((), ratio_equal, "", "tau_down/tau_up at which "
                                           "<v^2 tau> is spin-independent and P_J = P_N"),
            "pj_vs_tau_ratio": _var("tau_ratio", pj_curve, "",
                                    "P_J as tau_down/tau_up varies"),
            "rho_xx": _var("theta", rxx, "Ohm m", "AMR longitudinal resistivity"),
            "rho_xy": _var("theta", rxy, "Ohm m", "planar Hall resistivity"),
        },
        coords={"tau_ratio": ("tau_ratio", ratio, {"units": "", "long_name": "tau_down/tau_up"}),
                "theta": ("theta", np.degrees(theta), {"units": "deg",
                                                       "long_name": "angle of m to the current"})},
        attrs={"title": "Two-current model from exchange-split bands (Boltzmann)",
               "tau_ratio_chosen": p["tau_down"] / p["tau_up"],
               "temperature": p["temperature"]},
    )
    return ds


def _two_current_plot(ds: xr.Dataset) -> dict[str, Any]:
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 2, figsize=(10, 4), layout="constrained")
    ax = axes[0]
    ratio, pj = ds["tau_ratio"].values, ds["pj_vs_tau_ratio"].values
    p_n = float(ds["dos_polarization"])
    ax.semilogx(ratio, pj, label="current polarization $P_J$")
    ax.axhline(p_n, color="C1", ls="--", label="DOS polarization $P_N$")
    ax.fill_between(ratio, pj, p_n, color="C0", alpha=0.15,
                    label="$P_J - P_N$: spin-dependent ⟨v²τ⟩")
    equal = float(ds["tau_ratio_pj_equals_pn"])
    ax.axvline(equal, color="0.4", lw=0.8, ls=":")
    ax.annotate("$P_J = P_N$:\n⟨v²τ⟩↑ = ⟨v²τ⟩↓", (equal, p_n), xytext=(6, 12),
                textcoords="offset points", fontsize=8)
    ax.plot(ds.attrs["tau_ratio_chosen"], float(ds["current_polarization"]), "o", color="C3",
            label="this scenario")
    ax.set_xlabel("τ↓ / τ↑")
    ax.set_ylabel("polarization")
    ax.set_title(f"T = {ds.attrs.get('temperature', 0.0):g} K", fontsize=9)
    ax.legend(fontsize=8)
    ax = axes[1]
    rxx = ds["rho_xx"].values * 1e8
    lines = ax.plot(ds["theta"], rxx, label="ρ_xx (AMR)")
    ax.set_xlabel("θ between M and the current (deg)")
    ax.set_ylabel("ρ_xx (µΩ cm)")
    hall = ax.twinx()
    lines += hall.plot(ds["theta"], ds["rho_xy"] * 1e8, color="C1", label="ρ_xy (planar Hall)")
    hall.set_ylabel("ρ_xy (µΩ cm)")
    ax.legend(lines, [ln.get_label() for ln in lines], fontsize=8, ncol=2, loc="lower center",
              bbox_to_anchor=(0.5, 1.0), title=f"AMR ratio (ρ∥ − ρ⊥)/ρ⊥ = "
              f"{100 * (rxx.max() / rxx.min() - 1):.2f} %", title_fontsize=8, frameon=False)
    fig.suptitle(ds.attrs.get("title", ""))
    return {"polarization": fig}


register(Kind(name="two_current", summary="spin-channel conductivities from bands: P_J vs P_N, "
              "CIP GMR, AMR", params=TWO_CURRENT_PARAMS, compute=_two_current_compute,
              plot=_two_current_plot, tour={}))


# ---------------------------------------------------------------------------- cpp_gmr
CPP_PARAMS = (
    Param("ferromagnet", "material", "Co", doc="F material (resistivity, beta, lambda_sf)"),
    Param("spacer", "material", "Cu", doc="N material (resistivity, lambda_sf)"),
    Param("ferromagnet_thickness", "float", 5e-9, "m", "F layer thickness",
          low=0, high=1e-5, low_open=True),
    Param("spacer_thickness", "float", 10e-9, "m", "N spacer thickness",
          low=0, high=1e-5, low_open=True),
    Param("repeats", "int", 1, "", "number of N/F repeats after the first F layer",
          low=1, high=1000),
    Param("interface_resistance", "float", 5e-16, "Ohm m^2", "r_b* of every F/N interface",
          low=0, high=1e-6),
    Param("interface_asymmetry", "float", 0.7, "", "gamma of every F/N interface",
          low=-1, high=1, low_open=True, high_open=True),
    Param("ends", "choice", "leads", doc="semi-infinite spacer leads or ideal reservoirs",
          choices=("leads", "reservoirs")),
    Param("antiparallel", "choice", "last", doc="AP state: reverse the last F, or every "
          "other F", choices=("last", "alternate")),
    Param("mixing_conductance", "float", 5e14, "S/m^2",
          "real mixing conductance of every F/N interface (angular dependence)",
          low=0, high=1e17),
    Param("stack_file", "file", None, doc="TOML file of [[layer]] (material or resistivity, "
          "beta, spin_diffusion_length; thickness, magnetization) and [[interface]] tables",
          default_doc="the F/N stack built from the parameters above"),
)


def _stack_from_params(p: dict[str, Any]) -> tuple[list[Layer], list[Interface]]:
    f = Layer.from_material(p["ferromagnet"], p["ferromagnet_thickness"], 1)
    n = Layer.from_material(p["spacer"], p["spacer_thickness"], 0)
    if f.magnetization == 0:
        raise ParameterError("ferromagnet", p["ferromagnet"], "needs bulk_spin_asymmetry")
    lead = Layer(3 * n.spin_diffusion_length, n.resistivity, 0.0, n.spin_diffusion_length, 0,
                 p["spacer"] + " lead")
    layers = [f] + [n, f] * p["repeats"]
    if p["ends"] == "leads":
        layers = [lead] + layers + [lead]
    iface = Interface(p["interface_resistance"], p["interface_asymmetry"])
    return layers, [iface] * (len(layers) - 1)


def _read_stack(path: str) -> tuple[list[Layer], list[Interface]]:
    try:
        data = tomllib.loads(open(path, encoding="utf-8").read())
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ParameterError("stack_file", path, f"not valid TOML: {exc}") from None
    raw_layers = data.get("layer", [])
    if not isinstance(raw_layers, list) or len(raw_layers) < 2:
        raise ParameterError("stack_file", path, "needs >= 2 [[layer]] tables")
    layers = []
    for i, lay in enumerate(raw_layers):
        where = f"stack_file layer {i + 1}"
        try:
            if "material" in lay:
                layers.append(Layer.from_material(lay["material"], lay["thickness"],
                                                  lay.get("magnetization", 1)))
            else:
                layers.append(Layer(lay["thickness"], lay["resistivity"], lay.get("beta", 0.0),
                                    lay.get("spin_diffusion_length", math.inf),
                                    lay.get("magnetization", 0), lay.get("name", "")))
        except KeyError as exc:
            raise ParameterError(where, lay, f"missing key {exc}") from None
        except ParameterError as exc:
            raise ParameterError(where, lay, str(exc)) from None
        except (TypeError, ValueError) as exc:
            raise ParameterError(where, lay, f"values must be numbers: {exc}") from None
    raw_if = data.get("interface", [])
    if raw_if and len(raw_if) != len(layers) - 1:
        raise ParameterError("stack_file", path, f"needs {len(layers) - 1} [[interface]] "
                             "tables (one per boundary) or none")
    ifaces = []
    for i, f in enumerate(raw_if):
        try:
            ifaces.append(Interface(f.get("resistance_area", 0.0), f.get("gamma", 0.0),
                                    f.get("magnetization")))
        except ParameterError as exc:
            raise ParameterError(f"stack_file interface {i + 1}", f, str(exc)) from None
    return layers, ifaces or [Interface()] * (len(layers) - 1)


def _flipped(layers: list[Layer], mode: str) -> set[int]:
    """Indices of the F layers reversed in the AP state (``last`` or ``alternate``)."""
    ferro = [i for i, layer in enumerate(layers) if layer.magnetization != 0]
    if len(ferro) < 2:
        raise ParameterError("stack", len(ferro), "needs >= 2 ferromagnetic layers for GMR")
    return set(ferro[1::2]) if mode == "alternate" else {ferro[-1]}


def _flip(layers: list[Layer], mode: str) -> list[Layer]:
    flip = _flipped(layers, mode)
    return [Layer(x.thickness, x.resistivity, x.beta, x.spin_diffusion_length,
                  -x.magnetization if i in flip else x.magnetization, x.name)
            for i, x in enumerate(layers)]


def _cpp_compute(p: dict[str, Any], rng: np.random.Generator, progress: Progress) -> xr.Dataset:
    layers, ifaces = (_read_stack(p["stack_file"]) if p["stack_file"]
                      else _stack_from_params(p))
    ends = p["ends"]
    progress.reset(3, "cpp_gmr")
    # interfaces follow the F layer next to them in both states (magnetization=None)
    sol_p = solve_cpp(layers, ifaces, ends=ends, current_density=1e11)
    sol_ap = solve_cpp(_flip(layers, p["antiparallel"]), ifaces, ends=ends,
                       current_density=1e11)
    progress.advance()
    ar_p, ar_ap = sol_p.resistance_area, sol_ap.resistance_area
    no_flip = [Layer(x.thickness, x.resistivity, x.beta, math.inf, x.magnetization, x.name)
               for x in layers]
    if ends == "reservoirs":
        series = (series_resistor_ar(no_flip, ifaces),
                  series_resistor_ar(_flip(no_flip, p["antiparallel"]), ifaces))
    else:
        series = (math.nan, math.nan)
    # Delta AR as the spacer thickness varies (parametric stacks only)
    t_scan = np.geomspace(1e-9, 3 * max(x.spin_diffusion_length for x in layers
                                        if math.isfinite(x.spin_diffusion_length)), 40)
    d_scan = np.full(t_scan.size, np.nan)
    if not p["stack_file"]:
        for k, t in enumerate(t_scan):
            q = dict(p, spacer_thickness=float(t))
            ls, fs = _stack_from_params(q)
            d_scan[k] = (solve_cpp(_flip(ls, p["antiparallel"]), fs, ends=ends).resistance_area
                         - solve_cpp(ls, fs, ends=ends).resistance_area)
    # angular dependence: the noncollinear Valet-Fert solver, the reversed layers turned by
    # theta about y; and the one-node circuit (thin-spacer limit) with contacts made of the
    # first F layer and the interface next to it, for comparison
    turned = _flipped(layers, p["antiparallel"])
    theta = np.linspace(0.0, np.pi, 19)
    ar_theta = np.array([solve_cpp_noncollinear(
        layers, ifaces, [(math.sin(t), 0.0, math.cos(t)) if i in turned else (0.0, 0.0, 1.0)
                         for i in range(len(layers))],
        mixing_conductance=p["mixing_conductance"], ends=ends).resistance_area
        for t in theta])
    reduced = (ar_theta - ar_theta[0]) / (ar_theta[-1] - ar_theta[0])
    chi = 1 / reduced[9] - 2
    k_f = next(i for i, x in enumerate(layers) if x.magnetization != 0)
    f_if = ifaces[k_f] if k_f < len(ifaces) else ifaces[k_f - 1]
    f0 = layers[k_f]
    lam_f = f0.spin_diffusion_length if math.isfinite(f0.spin_diffusion_length) else (
        f0.thickness)
    g_up, g_dn = contact_conductances(rho_f=f0.resistivity, beta=f0.beta, lambda_f=lam_f,
                                      r_b=f_if.resistance_area, gamma=f_if.gamma)
    circuit = spin_valve_angle(theta, g_up=g_up, g_down=g_dn,
                               g_mix=p["mixing_conductance"]).reduced
    progress.advance()
    ds = xr.Dataset(
        {
            "angular_chi": _var((), chi, "", "Slonczewski chi = 1/r(90 deg) - 2, "
                                "noncollinear Valet-Fert"),
            "ar_vs_angle": _var("theta", ar_theta, "Ohm m^2",
                                "AR(theta), noncollinear Valet-Fert"),
            "reduced_resistance": _var("theta", reduced, "",
                                       "(AR(theta) - AR_P)/(AR_AP - AR_P), Valet-Fert"),
            "reduced_resistance_circuit": _var("theta", circuit, "", "r(theta), one-node "
                                               "circuit theory (thin-spacer limit)"),
            "ar_parallel": _var((), ar_p, "Ohm m^2", "AR in the parallel state"),
            "ar_antiparallel": _var((), ar_ap, "Ohm m^2", "AR in the antiparallel state"),
            "delta_ar": _var((), ar_ap - ar_p, "Ohm m^2", "A Delta R = AR_AP - AR_P"),
            "cpp_gmr": _var((), (ar_ap - ar_p) / ar_p, "", "CPP GMR (AR_AP - AR_P)/AR_P"),
            "series_ar_parallel": _var((), series[0], "Ohm m^2",
                                       "two-channel series-resistor AR_P (lambda -> inf)"),
            "series_ar_antiparallel": _var((), series[1], "Ohm m^2",
                                           "two-channel series-resistor AR_AP (lambda -> inf)"),
            "layers": _var((), len(layers), "", "number of layers"),
            "mu_s_parallel": _var("sample", sol_p.mu_s, "V", "spin accumulation, P state"),
            "mu_s_antiparallel": _var("sample", sol_ap.mu_s, "V", "spin accumulation, AP state"),
            "spin_current_parallel": _var("sample", sol_p.spin_current / 1e11, "",
                                          "J / j, P state"),
            "spin_current_antiparallel": _var("sample", sol_ap.spin_current / 1e11, "",
                                              "J / j, AP state"),
            "delta_ar_vs_spacer": _var("spacer_point", d_scan, "Ohm m^2",
                                       "A Delta R vs spacer thickness"),
        },
        coords={"z": ("sample", sol_p.z, {"units": "m", "long_name": "position in the stack"}),
                "boundary": ("boundary_index", sol_p.boundaries, {"units": "m"}),
                "spacer_scan": ("spacer_point", t_scan,
                                     {"units": "m", "long_name": "spacer thickness t_N"}),
                "theta": ("theta", np.degrees(theta),
                          {"units": "deg", "long_name": "angle between the magnetizations"})},
        attrs={"title": f"CPP GMR (Valet–Fert), {len(layers)} layers, j = 10¹¹ A/m² "
                        "(grey lines: interfaces)"},
    )
    progress.advance()
    return ds


def _cpp_plot(ds: xr.Dataset) -> dict[str, Any]:
    import matplotlib.pyplot as plt

    fig, grid = plt.subplots(2, 3, figsize=(15, 7.5), layout="constrained")
    z = ds["z"].values * 1e9
    edges = ds["boundary"].values * 1e9
    pad = max(0.15 * (edges[-1] - edges[0]), 2.0)
    inside = (z >= edges[0] - pad) & (z <= edges[-1] + pad)
    for row, name, scale, label in ((0, "mu_s", 1e6, "μ_s = (μ↑ − μ↓)/e (µV)"),
                                    (1, "spin_current", 1.0, "spin current (j↑ − j↓) / j")):
        for ax, sel, where in ((grid[row, 0], slice(None), "whole stack and leads"),
                               (grid[row, 1], inside, "zoom on the multilayer")):
            ax.plot(z[sel], ds[f"{name}_parallel"].values[sel] * scale, label="P")
            ax.plot(z[sel], ds[f"{name}_antiparallel"].values[sel] * scale, label="AP")
            for b in edges:
                ax.axvline(b, color="0.8", lw=0.6)
            ax.axhline(0.0, color="0.6", lw=0.5)
            ax.set_xlabel("z (nm)")
            ax.set_ylabel(label)
            ax.set_title(where, fontsize=9)
            ax.legend(fontsize=8)
    axes = [None, None, grid[0, 2], grid[1, 2]]
    ax = axes[2]
    if np.isfinite(ds["delta_ar_vs_spacer"]).any():
        ax.loglog(ds["spacer_scan"] * 1e9, ds["delta_ar_vs_spacer"] * 1e15)
        ax.set_xlabel("spacer t_N (nm)")
        ax.set_ylabel("A ΔR (fΩ m²)")
    else:
        ax.text(0.5, 0.5, "stack from file:\nno spacer sweep", ha="center", va="center")
        ax.set_axis_off()
    ax = axes[3]
    ax.plot(ds["theta"], ds["reduced_resistance"],
            label=f"Valet-Fert, any angle, χ = {float(ds['angular_chi']):.2f}")
    ax.plot(ds["theta"], ds["reduced_resistance_circuit"], "--",
            label="one-node circuit (t_N → 0)")
    ax.plot(ds["theta"], np.sin(np.radians(ds["theta"]) / 2) ** 2, ":", color="0.5",
            label="sin²(θ/2)")
    ax.set_xlabel("θ (deg)")
    ax.set_ylabel("(AR(θ) − AR_P) / (AR_AP − AR_P)")
    ax.legend(fontsize=8)
    fig.suptitle(ds.attrs.get("title", ""))
    return {"profiles": fig}


register(Kind(name="cpp_gmr", summary="CPP GMR of a stack by the Valet-Fert model",
              params=CPP_PARAMS, compute=_cpp_compute, plot=_cpp_plot, tour={"repeats": 2}))


# ---------------------------------------------------------------------------- spin_injection
INJ_PARAMS = (
    Param("ferromagnet", "material", "Co", doc="F material (resistivity, beta, lambda_sf)"),
    Param("channel_resistivity", "float", 1e-4, "Ohm m",
          "resistivity of the N channel (semiconductor: 1e-5..1e-2)", low=0, high=1e3,
          low_open=True),
    Param("channel_spin_diffusion_length", "float", 1e-6, "m", "lambda_N of the channel",
          low=0, high=1e-2, low_open=True),
    Param("channel_length", "float", 2e-7, "m", "t_N between the two F contacts (F/I/N/I/F)",
          low=0, high=1e-2, low_open=True),
    Param("barrier_resistance", "float", 1e-9, "Ohm m^2", "r_b* of the tunnel barrier",
          low=0, high=1e-3),
    Param("barrier_asymmetry", "float", 0.5, "", "gamma of the barrier",
          low=-1, high=1, low_open=True, high_open=True),
    Param("current_density", "float", 1e8, "A/m^2", "charge current density of the drawn "
          "spin-accumulation profiles (linear response: mu_s scales with j; keep e mu_s below "
          "~kT in a semiconductor)", low=0, high=1e13, low_open=True),
)


def _inj_compute(p: dict[str, Any], rng: np.random.Generator, progress: Progress) -> xr.Dataset:
    progress.reset(2, "spin_injection")
    rho_n, lam_n = p["channel_resistivity"], p["channel_spin_diffusion_length"]
    gamma, rb, t_n = p["barrier_asymmetry"], p["barrier_resistance"], p["channel_length"]
    bare = Junction.from_material(p["ferromagnet"], rho_n=rho_n, lambda_n=lam_n)
    barrier = replace(bare, r_b=rb, gamma=gamma)
    r_f, r_n = bare.r_f, bare.r_n
    rb_scan = np.geomspace(1e-6, 1e3, 91) * r_n
    scan = [replace(barrier, r_b=r) for r in rb_scan]
    p_scan = np.array([jn.polarization() for jn in scan])
    mr_scan = np.array([jn.magnetoresistance(t_n)[2] for jn in scan])
    ratio = np.geomspace(1e-6, 1e2, 81)  # r_F / r_N without barrier
    p_mismatch = np.array([replace(bare, rho_n=r_f / x / lam_n).polarization() for x in ratio])
    progress.advance()
    prof0, prof1 = (jn.profile(p["current_density"]) for jn in (bare, barrier))
    progress.advance()
    return xr.Dataset(
        {
            "injection_no_barrier": _var((), bare.injected(), "",
                                         "P_inj = J/j into N without barrier"),
            "injection_with_barrier": _var((), barrier.injected(), "",
                                           "P_inj = J/j into N with the barrier"),
            "bulk_polarization": _var((), bare.beta, "", "beta of the ferromagnet"),
            "spin_resistance_ratio": _var((), r_f / r_n, "", "r_F / r_N"),
            "channel_spin_resistance": _var((), r_n, "Ohm m^2", "r_N = rho_N lambda_N"),
            "magnetoresistance": _var((), barrier.magnetoresistance(t_n)[2], "",
                                      "F/I/N/I/F (AR_AP - AR_P)/AR_P"),
            "injection_vs_barrier": _var("barrier_point", p_scan, "", "P_inj vs r_b*"),
            "mr_vs_barrier": _var("barrier_point", mr_scan, "", "F/I/N/I/F MR vs r_b*"),
            "injection_vs_mismatch": _var("mismatch", p_mismatch, "",
                                          "P_inj vs r_F/r_N, no barrier"),
            "mu_s_no_barrier": _var("sample", prof0.mu_s, "V", "spin accumulation, no barrier"),
            "mu_s_with_barrier": _var("sample", prof1.mu_s, "V", "spin accumulation, barrier"),
        },
        coords={"barrier": ("barrier_point", rb_scan, {"units": "Ohm m^2", "long_name": "r_b*"}),
                "mismatch": ("mismatch", ratio, {"units": "", "long_name": "r_F / r_N"}),
                "z": ("sample", prof0.z, {"units": "m", "long_name": "position, interface at 0"})},
        attrs={"title": f"Spin injection {p['ferromagnet']}/(I)/N: conductivity mismatch",
               "channel_length": p["channel_length"], "barrier_resistance": rb,
               "channel_spin_diffusion_length": lam_n,
               "current_density": p["current_density"]},
    )


def _inj_plot(ds: xr.Dataset) -> dict[str, Any]:
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 3, figsize=(14, 4), layout="constrained")
    r_n = float(ds["channel_spin_resistance"])
    ax = axes[0]
    beta = float(ds["bulk_polarization"])
    ax.loglog(ds["mismatch"], np.abs(ds["injection_vs_mismatch"]), label="Valet–Fert")
    ax.loglog(ds["mismatch"], np.abs(beta) * ds["mismatch"], ":", color="0.4",
              label="β r_F / r_N (mismatch limit)")
    ax.set_xlabel("r_F / r_N (no barrier)")
    ax.set_ylabel("injected current polarization |P_inj|")
    ax.set_title("conductivity mismatch (Schmidt et al. 2000)", fontsize=9)
    ax.legend(fontsize=8)
    ax = axes[1]
    ax.semilogx(ds["barrier"] / r_n, ds["injection_vs_barrier"], label="P_inj")
    mr_max = max(float(ds["mr_vs_barrier"].max()), 1e-300)
    ax.semilogx(ds["barrier"] / r_n, ds["mr_vs_barrier"] / mr_max,
                label=f"F/I/N/I/F MR / max (max {100 * mr_max:.3g} %)")
    t_n = ds.attrs["channel_length"]
    lam_n = ds.attrs["channel_spin_diffusion_length"]
    for k, edge in enumerate((t_n / lam_n, lam_n / t_n)):  # the Fert-Jaffres window
        ax.axvline(edge, color="0.6", lw=0.8, ls="--",
                   label="window t_N/λ_N, λ_N/t_N (Fert–Jaffrès)" if k == 0 else None)
    ax.axvline(ds.attrs["barrier_resistance"] / r_n, color="C3", lw=0.8, ls=":",
               label="this barrier")
    ax.set_xlabel("barrier r_b* / r_N")
    ax.set_title("a tunnel barrier lifts the mismatch", fontsize=9)
    ax.legend(fontsize=8, title=f"F/I/N/I/F with t_N = {t_n * 1e9:.0f} nm", ncol=2,
              loc="upper center", bbox_to_anchor=(0.5, -0.2), title_fontsize=8)
    ax = axes[2]
    z = ds["z"].values * 1e9
    ax.plot(z, ds["mu_s_no_barrier"] * 1e6, label="no barrier")
    ax.plot(z, ds["mu_s_with_barrier"] * 1e6, label="with barrier")
    ax.axvline(0.0, color="0.6", lw=0.6)
    ax.set_xlabel("z (nm): F < 0 < N")
    mant, exp = f"{ds.attrs['current_density']:.2e}".split("e")
    power = "10" + str(int(exp)).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))
    j_text = power if float(mant) == 1 else f"{float(mant):g}×{power}"
    ax.set_ylabel(f"μ_s = (μ↑ − μ↓)/e (µV) at j = {j_text} A/m²")
    mu = np.concatenate([ds["mu_s_no_barrier"].values, ds["mu_s_with_barrier"].values])
    if np.all(mu > 0):
        ax.set_yscale("log")
    else:
        ax.set_yscale("symlog", linthresh=1e-3 * np.abs(mu).max() * 1e6)
    ax.legend(fontsize=8)
    fig.suptitle(ds.attrs.get("title", ""))
    return {"injection": fig}


register(Kind(name="spin_injection", summary="spin injection F/(I)/N: conductivity mismatch "
              "and tunnel barriers", params=INJ_PARAMS, compute=_inj_compute, plot=_inj_plot,
              tour={}))
