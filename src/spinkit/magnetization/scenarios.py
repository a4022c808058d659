"""Scenario kinds ``macrospin`` (one LLG trajectory), ``switching`` (thermal ensembles),
``mtj_stack`` (coupled layers of a magnetic tunnel junction) and ``thermal_escape``
(retention: the mean escape time over the barrier against Delta).

``macrospin`` integrates a disc-shaped macrospin with anisotropy, demagnetization, a field,
optional STT or SOT and temperature, and compares its ringdown frequency with the
Smit-Beljers resonance of the final state. ``switching`` runs thermal STT/SOT switching
ensembles over a range of current densities and compares with Sun's critical current.
``mtj_stack`` integrates a free layer on a moving reference layer (optionally a synthetic
antiferromagnet: reference + pinned layer, RKKY-coupled) driven by a current whose
Slonczewski torque takes its polarization from the reference layer (:mod:`.stack`), and
reads the MTJ resistance from the free / reference angle (:mod:`.readout`).
``thermal_escape`` estimates the mean escape time of a uniaxial free layer by forward flux
sampling on the stochastic LLG equation (:mod:`.escape`) at barriers no direct simulation
reaches, beside the exact Fokker-Planck time, Brown's asymptote and Neel-Arrhenius.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import xarray as xr

from spinkit import constants, materials
from spinkit.errors import ParameterError
from spinkit.magnetization.analytic import (
    sun_critical_current,
    thermal_stability,
)
from spinkit.magnetization.anisotropy import UniaxialAnisotropy
from spinkit.magnetization.demag import Demag
from spinkit.magnetization.ensemble import switching_ensemble, wilson_interval
from spinkit.magnetization.escape import (
    escape_time,
    high_barrier_escape_time,
    uniaxial_escape_time,
    uniaxial_interfaces,
)
from spinkit.magnetization.macrospin import METHODS, Macrospin, simulate
from spinkit.magnetization.readout import MTJReadout
from spinkit.magnetization.stack import (
    STACK_METHODS,
    Coupling,
    Stack,
    StackTrajectory,
    simulate_stack,
)
from spinkit.magnetization.term import Pulse, Terms, unit_vector
from spinkit.magnetization.thermal import ThermalField
from spinkit.magnetization.torques import Slonczewski, SpinOrbitTorque
from spinkit.magnetization.zeeman import Zeeman
from spinkit.progress import Progress
from spinkit.scenario.params import Param
from spinkit.scenario.registry import Kind, register

_COMMON = (
    Param("material", "material", None, doc="optional: take Ms and alpha from this material",
          default_doc="none"),
    Param("Ms", "float", None, "A/m", "saturation magnetization", low=0, high=1e7,
          low_open=True, default_doc="the material's Ms, else 1.0e6"),
    Param("alpha", "float", None, "", "Gilbert damping", low=0, high=10,
          default_doc="the material's alpha, else 0.01"),
    Param("anisotropy", "float", 8.0e5, "J/m^3", "uniaxial anisotropy K_u", low=-1e8,
          high=1e8),
    Param("anisotropy_axis", "vector", (0.0, 0.0, 1.0), "", "uniaxial anisotropy axis",
          low=-1, high=1),
    Param("demag_factors", "vector", (0.0, 0.0, 1.0), "", "demagnetizing factors Nx, Ny, Nz "
          "(sum 1)", low=0, high=1),
    Param("field", "vector", (0.0, 0.0, 0.0), "T", "applied field mu0 H", low=-100,
          high=100),
    Param("thickness", "float", 1.0e-9, "m", "free-layer thickness d", low=0, high=1e-6,
          low_open=True),
    Param("diameter", "float", 40e-9, "m", "disc diameter (volume pi d^2/4 x thickness)",
          low=0, high=1e-5, low_open=True),
    Param("polarization", "float", 0.6, "", "STT polarization P (Lambda = 1)", low=-1,
          high=1),
    Param("spin_hall_angle", "float", 0.1, "", "SOT damping-like efficiency theta_SH",
          low=-10, high=10),
)

_FALLBACK = {"Ms": 1.0e6, "alpha": 0.01}


def _run_params(duration: float, samples: int, methods: tuple[str, ...],
                dt_doc: str) -> tuple[Param, ...]:
    """duration, samples, method (the engine's own list, so a new method appears here by
    itself) and dt of a trajectory kind."""
    return (
        Param("duration", "float", duration, "s", "simulated time", low=0, high=1e-5,
              low_open=True),
        Param("samples", "int", samples, "", "output times", low=2, high=10**6),
        Param("method", "choice", "rk45", doc="integrator (heun is used with temperature)",
              choices=methods),
        Param("dt", "float", None, "s", "time step of rk4/heun", low=0, high=1e-9,
              low_open=True, default_doc=dt_doc),
    )


def _magnet_values(p: dict[str, Any]) -> dict[str, float]:
    mat = materials.get(p["material"]) if p["material"] else None
    out = {}
    for key in ("Ms", "alpha"):
        if p[key] is not None:
            out[key] = p[key]
        elif mat is not None and key in mat:
            out[key] = mat.value(key)
        else:
            out[key] = _FALLBACK[key]
    return out


def _static_terms(p: dict[str, Any]) -> Terms:
    return (UniaxialAnisotropy(p["anisotropy"], p["anisotropy_axis"])
            + Demag(p["demag_factors"]) + Zeeman(p["field"]))


def _torque(p: dict[str, Any], current: float, pulse: Pulse | None = None):
    if p["torque"] == "stt":
        return Slonczewski(current, p["polarization"], p["thickness"], p["polarizer"],
                           waveform=pulse)
    return SpinOrbitTorque(current, p["spin_hall_angle"], p["thickness"], p["polarizer"],
                           waveform=pulse)


def _volume(p: dict[str, Any]) -> float:
    return math.pi * p["diameter"] ** 2 / 4 * p["thickness"]


def _var(values: Any, dims: Any, units: str, long_name: str) -> tuple:
    return (dims, values, {"units": units, "long_name": long_name})


def _axis(p: dict[str, Any]) -> tuple[np.ndarray, float]:
    """The unit anisotropy axis u and the demagnetizing factor along it, u.N.u."""
    axis = np.asarray(p["anisotropy_axis"], float)
    axis /= np.linalg.norm(axis)
    return axis, float(axis @ np.diag(p["demag_factors"]) @ axis)


def _sun_jc0(p: dict[str, Any], ms: float, alpha: float, side: float = 1.0) -> float:
    """Sun's J_c0 [A/m^2] of the free layer of ``p`` starting along ``side`` u (side = +1 or
    -1, u the anisotropy axis), with the stiffness of a perpendicular cell there,
    2K/Ms - mu0 Ms (N_u - (1 - N_u)/2) + side B.u [T] (a field along the starting direction
    stiffens it; in-plane cells are not covered); NaN where it is undefined (no damping, no
    polarization, no starting side, or no stable axis)."""
    axis, n_axis = _axis(p)
    stiff = 2 * p["anisotropy"] / ms - constants.mu_0 * ms * (n_axis - (1 - n_axis) / 2) \
        + side * float(np.asarray(p["field"]) @ axis)
    eta = p["polarization"]
    if not eta or not alpha or not side or stiff <= 0:
        return float("nan")
    return sun_critical_current(alpha, ms, p["thickness"], eta, stiff)


# ------------------------------------------------------------------------------ macrospin
def smit_beljers_frequency(magnet: Macrospin, m_eq: np.ndarray) -> float:
    """Small-oscillation frequency [Hz] about an equilibrium m_eq, from the energy density's
    Hessian in the tangent plane (J. Smit and H. G. Beljers, Philips Res. Rep. 10, 113
    (1955)): f = gamma / (2 pi Ms) sqrt(w_uu w_vv - w_uv^2); NaN if not a minimum."""
    m_eq = np.asarray(m_eq, float) / np.linalg.norm(m_eq)
    e1 = np.cross(m_eq, [1.0, 0, 0] if abs(m_eq[0]) < 0.9 else [0, 1.0, 0])
    e1 /= np.linalg.norm(e1)
    e2 = np.cross(m_eq, e1)
    h = 1e-4

    def w(u: float, v: float) -> float:
        m = m_eq + u * e1 + v * e2
        return float(magnet.terms.energy_density(m / np.linalg.norm(m), magnet.Ms))

    w0 = w(0, 0)
    wuu = (w(h, 0) - 2 * w0 + w(-h, 0)) / h**2
    wvv = (w(0, h) - 2 * w0 + w(0, -h)) / h**2
    wuv = (w(h, h) - w(h, -h) - w(-h, h) + w(-h, -h)) / (4 * h * h)
    det = wuu * wvv - wuv**2
    if det <= 0 or wuu <= 0:
        return float("nan")
    return magnet.gamma * math.sqrt(det) / (2 * math.pi * magnet.Ms)


def _ringdown_frequency(t: np.ndarray, y: np.ndarray) -> float:
    """Frequency [Hz] from the zero crossings of y - mean(y); NaN if fewer than 3."""
    y = y - y.mean()
    idx = np.flatnonzero(np.sign(y[:-1]) * np.sign(y[1:]) < 0)
    if idx.size < 3:
        return float("nan")
    tc = t[idx] - y[idx] * (t[idx + 1] - t[idx]) / (y[idx + 1] - y[idx])
    return (len(tc) - 1) / (2 * (tc[-1] - tc[0]))


MACROSPIN_PARAMS = _COMMON + (
    Param("m0", "vector", (0.17, 0.0, 0.98), "", "initial magnetization direction", low=-1,
          high=1),
    *_run_params(3e-9, 1501, METHODS, "0.01 / (gamma B_scale), at most 1 ps with heat"),
    Param("temperature", "float", 0.0, "K", "temperature of the thermal field", low=0,
          high=2000),
    Param("torque", "choice", "none", doc="current-driven torque", choices=("none", "stt",
                                                                             "sot")),
    Param("current_density", "float", 0.0, "A/m^2", "current density of the torque",
          low=-1e14, high=1e14),
    Param("polarizer", "vector", (0.0, 0.0, 1.0), "", "STT polarizer / SOT spin direction; "
          "also the MTJ reference layer of the read-out", low=-1, high=1),
    Param("resistance_parallel", "float", 1.0e3, "Ohm", "MTJ parallel resistance R_P",
          low=0, high=1e12, low_open=True),
    Param("tmr", "float", 1.5, "", "tunnel magnetoresistance (R_AP - R_P) / R_P", low=0,
          high=100),
)


def compute_macrospin(p: dict[str, Any], rng: np.random.Generator,
                      progress: Progress) -> xr.Dataset:
    """One trajectory; key numbers: final m, energies, ringdown and Smit-Beljers frequency."""
    progress.reset(2, "macrospin")
    vals = _magnet_values(p)
    terms = _static_terms(p)
    if p["torque"] != "none":
        terms = terms + _torque(p, p["current_density"])
    method, dt = p["method"], p["dt"]
    if p["temperature"] > 0:
        terms = terms + ThermalField(p["temperature"])
        method = "heun"
        dt = dt or 1e-13
    magnet = Macrospin(vals["Ms"], vals["alpha"], _volume(p), terms)
    tr = simulate(magnet, p["m0"], p["duration"], method=method, dt=dt, samples=p["samples"],
                  seed=rng)
    progress.advance()
    final = tr.m[-1]
    static = magnet.with_terms(_static_terms(p))
    f_sb = smit_beljers_frequency(static, final)
    # the transverse component with the largest swing carries the ringdown
    e1 = np.cross(final, [1.0, 0, 0] if abs(final[0]) < 0.9 else [0, 1.0, 0])
    f_meas = _ringdown_frequency(tr.t, tr.m @ (e1 / np.linalg.norm(e1)))
    progress.advance()
    resistance = MTJReadout(p["resistance_parallel"], p["tmr"],
                            p["polarizer"]).resistance(tr.m)
    return xr.Dataset(
        {
            "m": _var(tr.m, ("time", "component"), "", "unit magnetization"),
            "resistance": _var(resistance, "time", "Ohm",
                               "MTJ resistance, G = G_P cos^2(theta/2) + G_AP sin^2(theta/2)"),
            "final_resistance": _var(resistance[-1], (), "Ohm", "final MTJ resistance"),
            "energy": _var(tr.energy, "time", "J", "total energy (thermal field excluded)"),
            "final_mx": _var(final[0], (), "", "final m_x"),
            "final_my": _var(final[1], (), "", "final m_y"),
            "final_mz": _var(final[2], (), "", "final m_z"),
            "ringdown_frequency": _var(f_meas, (), "Hz", "precession frequency of m(t)"),
            "resonance_frequency": _var(f_sb, (), "Hz",
                                        "Smit-Beljers resonance at the final state"),
            "energy_change": _var(tr.energy[-1] - tr.energy[0], (), "J", "E(end) - E(0)"),
        },
        coords={"time": ("time", tr.t, {"units": "s", "long_name": "time"}),
                "component": ["x", "y", "z"]},
        attrs={"title": f"Macrospin ({method}): Ms = {vals['Ms']:.3g} A/m, "
                        f"alpha = {vals['alpha']:g}, T = {p['temperature']:g} K"},
    )


def plot_macrospin(ds: xr.Dataset) -> dict[str, Any]:
    """m(t), the MTJ resistance R(t) and E(t)."""
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 3, figsize=(14, 3.8), layout="constrained")
    t = ds["time"].values * 1e9
    for i, c in enumerate("xyz"):
        axes[0].plot(t, ds["m"].values[:, i], label=f"m_{c}")
    axes[0].set_xlabel("t (ns)")
    axes[0].set_ylabel("m")
    axes[0].legend(fontsize=8)
    f_meas, f_sb = float(ds["ringdown_frequency"]), float(ds["resonance_frequency"])
    axes[0].set_title(f"ringdown {f_meas / 1e9:.3f} GHz, Smit-Beljers {f_sb / 1e9:.3f} GHz",
                      fontsize=9)
    axes[1].plot(t, ds["resistance"].values, color="C3")
    axes[1].set_xlabel("t (ns)")
    axes[1].set_ylabel("R (Ohm)")
    axes[1].set_title("MTJ read-out", fontsize=9)
    axes[2].plot(t, ds["energy"].values * 1e21)
    axes[2].set_xlabel("t (ns)")
    axes[2].set_ylabel("E (zJ)")
    fig.suptitle(ds.attrs.get("title", ""))
    return {"trajectory": fig}


register(Kind(
    name="macrospin",
    summary="LLG trajectory of a macrospin with anisotropy, demag, field, STT/SOT, heat",
    params=MACROSPIN_PARAMS,
    compute=compute_macrospin,
    plot=plot_macrospin,
    tour={"Ms": 1.2e6, "alpha": 0.02, "anisotropy": 1.1e6, "field": (0.0, 0.0, 0.1),
          "duration": 2e-9, "samples": 2001},
))


# ------------------------------------------------------------------------------ switching
SWITCHING_PARAMS = _COMMON + (
    Param("temperature", "float", 300.0, "K", "temperature", low=0, high=2000),
    Param("torque", "choice", "stt", doc="switching torque", choices=("stt", "sot")),
    Param("polarizer", "vector", (0.0, 0.0, -1.0), "", "STT polarizer / SOT spin direction "
          "(the cell starts along +anisotropy_axis)", low=-1, high=1),
    Param("current_min", "float", None, "A/m^2", "smallest current density", low=0,
          high=1e14, default_doc="0.5 x Sun's J_c0"),
    Param("current_max", "float", None, "A/m^2", "largest current density", low=0,
          high=1e14, low_open=True, default_doc="2 x Sun's J_c0"),
    Param("currents", "int", 8, "", "number of current densities", low=2, high=1000),
    Param("pulse_duration", "float", 10e-9, "s", "current pulse length (the longest, with "
          "several widths)", low=0, high=1e-5, low_open=True),
    Param("pulse_widths", "int", 1, "", "number of pulse widths, evenly spaced from "
          "pulse_duration_min to pulse_duration", low=1, high=100),
    Param("pulse_duration_min", "float", None, "s", "shortest pulse", low=0, high=1e-5,
          low_open=True, default_doc="pulse_duration / pulse_widths"),
    Param("relax_time", "float", 2e-9, "s", "relaxation after the pulse", low=0, high=1e-5),
    Param("trajectories", "int", 200, "", "trajectories per current", low=1, high=10**7),
    Param("dt", "float", 1e-12, "s", "stochastic Heun time step", low=0, high=1e-10,
          low_open=True),
)


def compute_switching(p: dict[str, Any], rng: np.random.Generator,
                      progress: Progress) -> xr.Dataset:
    """Switching probability and time against current density and pulse width."""
    vals = _magnet_values(p)
    ms, alpha = vals["Ms"], vals["alpha"]
    axis, n_axis = _axis(p)
    jc0 = _sun_jc0(p, ms, alpha) if p["torque"] == "stt" else float("nan")
    j_lo = p["current_min"] if p["current_min"] is not None else 0.5 * jc0
    j_hi = p["current_max"] if p["current_max"] is not None else 2.0 * jc0
    if not (np.isfinite(j_lo) and np.isfinite(j_hi)) or j_hi <= j_lo:
        raise ParameterError("current_max", p["current_max"], "must exceed current_min "
                             "(give both when Sun's J_c0 is undefined)")
    currents = np.linspace(j_lo, j_hi, p["currents"])
    n_w = p["pulse_widths"]
    w_min = p["pulse_duration_min"] or p["pulse_duration"] / n_w
    if n_w > 1 and w_min >= p["pulse_duration"]:
        raise ParameterError("pulse_duration_min", w_min, "must be below pulse_duration")
    widths = np.linspace(w_min, p["pulse_duration"], n_w) if n_w > 1 else np.array(
        [p["pulse_duration"]])
    progress.reset(len(currents) * n_w, "switching")
    shape = (n_w, len(currents))
    prob, lo, hi, t_mean = (np.empty(shape) for _ in range(4))
    for k, width in enumerate(widths):
        for i, j in enumerate(currents):
            terms = (_static_terms(p) + ThermalField(p["temperature"])
                     + _torque(p, j, Pulse(width)))
            res = switching_ensemble(Macrospin(ms, alpha, _volume(p), terms), axis,
                                     width + p["relax_time"], trajectories=p["trajectories"],
                                     dt=p["dt"], seed=rng)
            prob[k, i], (lo[k, i], hi[k, i]) = res.probability, res.interval
            t_mean[k, i] = res.mean_switching_time
            progress.advance()
    longest = prob[-1]
    j50 = float(np.interp(0.5, longest, currents)) if longest.min() < 0.5 < longest.max() \
        and np.all(np.diff(longest) >= 0) else float("nan")
    # barrier K_eff V of the uniaxial cell; NaN when K_eff <= 0 (the anisotropy axis is then
    # not an easy axis and the formula does not apply), infinite at T = 0
    k_eff = p["anisotropy"] - constants.mu_0 * ms**2 * (n_axis - (1 - n_axis) / 2) / 2
    if k_eff <= 0:
        delta = float("nan")
    elif p["temperature"] == 0:
        delta = float("inf")
    else:
        delta = thermal_stability(k_eff * _volume(p), p["temperature"])
    dims = ("pulse_width", "current_density")
    return xr.Dataset(
        {
            "probability": _var(prob, dims, "", "switching probability"),
            "probability_low": _var(lo, dims, "", "Wilson interval, low"),
            "probability_high": _var(hi, dims, "", "Wilson interval, high"),
            "mean_switching_time": _var(t_mean, dims, "s", "mean first crossing of m.u = 0"),
            "critical_current_sun": _var(jc0, (), "A/m^2", "Sun's zero-temperature J_c0"),
            "current_50": _var(j50, (), "A/m^2", "current density of 50 % switching (longest "
                               "pulse)"),
            "thermal_stability": _var(delta, (), "", "Delta = K_eff V / (k_B T)"),
            "max_probability": _var(longest[-1], (), "", "switching probability at the "
                                    "largest current, longest pulse"),
        },
        coords={"current_density": ("current_density", currents,
                                    {"units": "A/m^2", "long_name": "current density"}),
                "pulse_width": ("pulse_width", widths,
                                {"units": "s", "long_name": "current pulse width"})},
        attrs={"title": f"{p['torque'].upper()} switching, pulses up to "
                        f"{p['pulse_duration'] * 1e9:g} ns, T = {p['temperature']:g} K, "
                        f"{p['trajectories']} trajectories per point"},
    )


def plot_switching(ds: xr.Dataset) -> dict[str, Any]:
    """Switching probability and mean switching time against current density, one line
    per pulse width."""
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 2, figsize=(10, 3.8), layout="constrained")
    j = ds["current_density"].values
    for k, width in enumerate(ds["pulse_width"].values):
        p = ds["probability"].values[k]
        err = [p - ds["probability_low"].values[k], ds["probability_high"].values[k] - p]
        axes[0].errorbar(j, p, yerr=err, fmt="o-", ms=4, color=f"C{k}",
                         label=f"{width * 1e9:.3g} ns pulse")
        axes[1].plot(j, ds["mean_switching_time"].values[k] * 1e9, "s-", ms=4,
                     color=f"C{k}", label=f"{width * 1e9:.3g} ns")
    jc0 = float(ds["critical_current_sun"])
    if np.isfinite(jc0):
        axes[0].axvline(jc0, ls=":", color="C3", label="Sun J_c0")
    axes[0].legend(fontsize=8)
    axes[0].set_xlabel("current density (A/m^2)")
    axes[0].set_ylabel("switching probability (Wilson 68 % bars)")
    axes[1].set_xlabel("current density (A/m^2)")
    axes[1].set_ylabel("mean switching time (ns)")
    axes[1].set_title("trajectories that switched", fontsize=9)
    if axes[1].lines:
        axes[1].legend(fontsize=8, title="pulse width", title_fontsize=8)
    fig.suptitle(ds.attrs.get("title", ""))
    return {"switching": fig}


register(Kind(
    name="switching",
    summary="thermal STT/SOT switching probability and time against current (ensembles)",
    params=SWITCHING_PARAMS,
    compute=compute_switching,
    plot=plot_switching,
    tour={"currents": 8, "trajectories": 200, "pulse_duration": 10e-9, "pulse_widths": 3,
          "pulse_duration_min": 2e-9},
))


# ------------------------------------------------------------------------------ mtj_stack
_FREE_KEYS = ("material", "Ms", "alpha", "anisotropy", "anisotropy_axis", "demag_factors",
              "field", "thickness", "diameter", "polarization")

MTJ_STACK_PARAMS = tuple(q for q in _COMMON if q.name in _FREE_KEYS) + (
    Param("m0", "vector", (0.17, 0.0, -0.98), "", "initial free-layer direction", low=-1,
          high=1),
    Param("reference_direction", "vector", (0.0, 0.0, 1.0), "", "initial reference-layer "
          "direction (the pinned layer of a SAF starts opposite)", low=-1, high=1),
    Param("reference_Ms", "float", 1.0e6, "A/m", "reference (and pinned) layer Ms", low=0,
          high=1e7, low_open=True),
    Param("reference_alpha", "float", 0.02, "", "reference (and pinned) layer damping",
          low=0, high=10),
    Param("reference_anisotropy", "float", 1.2e6, "J/m^3", "reference (and pinned) layer "
          "uniaxial K_u, along anisotropy_axis", low=-1e8, high=1e8),
    Param("reference_thickness", "float", 2.0e-9, "m", "reference-layer thickness", low=0,
          high=1e-6, low_open=True),
    Param("coupling", "float", 0.0, "J/m^2", "interlayer exchange J1 between free and "
          "reference layer (> 0 ferromagnetic)", low=-0.1, high=0.1),
    Param("saf", "bool", False, doc="synthetic antiferromagnetic reference: add a pinned "
          "layer coupled to the reference by saf_coupling"),
    Param("saf_coupling", "float", -1.0e-3, "J/m^2", "RKKY J1 between reference and pinned "
          "layer (< 0 antiferromagnetic)", low=-0.1, high=0.1),
    Param("pinned_thickness", "float", 2.0e-9, "m", "pinned-layer thickness (SAF)", low=0,
          high=1e-6, low_open=True),
    Param("current_density", "float", None, "A/m^2", "current density through the stack; "
          "> 0 pulls the free layer towards the reference (AP -> P)", low=-1e14, high=1e14,
          default_doc="2 x Sun's J_c0 of the free layer"),
    Param("pulse_duration", "float", None, "s", "current pulse length from t = 0", low=0,
          high=1e-5, low_open=True, default_doc="the whole run"),
    *_run_params(8e-9, 2001, STACK_METHODS, "0.01 / (gamma B_scale) over the layers, "
                 "0.1 ps with heat"),
    Param("temperature", "float", 0.0, "K", "temperature of every layer's thermal field",
          low=0, high=2000),
    Param("trajectories", "int", 1, "", "thermal trajectories (needs temperature > 0) for "
          "the switching probability; the figure shows the first", low=1, high=10**6),
    Param("resistance_parallel", "float", 1.0e3, "Ohm", "MTJ parallel resistance R_P",
          low=0, high=1e12, low_open=True),
    Param("tmr", "float", 1.5, "", "tunnel magnetoresistance (R_AP - R_P) / R_P", low=0,
          high=100),
)


def mtj_stack(p: dict[str, Any]) -> tuple[Stack, np.ndarray, float]:
    """The free / reference (/ pinned) stack of ``p``, its initial state (L, 3) and the
    current density [A/m^2]. Every layer is a disc of the given diameter with the same
    anisotropy axis and demagnetizing factors (dipolar fields between layers are not
    modelled); the free layer's Slonczewski torque takes p = m_reference. No reaction torque
    acts on the reference layer (it moves only through its couplings)."""
    m0 = unit_vector("m0", p["m0"])
    ref0 = unit_vector("reference_direction", p["reference_direction"])
    j = p["current_density"]
    if j is None:
        j = 2 * _mtj_jc0(p)
        if not math.isfinite(j):
            raise ParameterError("current_density", None, "required: Sun's J_c0 is "
                                 "undefined here (no damping, no polarization, m0 "
                                 "perpendicular to the axis or no stable axis)")
    vals = _magnet_values(p)
    pulse = Pulse(p["pulse_duration"]) if p["pulse_duration"] is not None else None
    heat = [ThermalField(p["temperature"])] if p["temperature"] > 0 else []
    area = math.pi * p["diameter"] ** 2 / 4
    free = Macrospin(vals["Ms"], vals["alpha"], area * p["thickness"], sum(
        heat, _static_terms(p) + Slonczewski(j, p["polarization"], p["thickness"], ref0,
                                             waveform=pulse)))

    def fixed(thickness: float) -> Macrospin:
        terms = (UniaxialAnisotropy(p["reference_anisotropy"], p["anisotropy_axis"])
                 + Demag(p["demag_factors"]) + Zeeman(p["field"]))
        return Macrospin(p["reference_Ms"], p["reference_alpha"], area * thickness,
                         sum(heat, terms))

    layers = [free, fixed(p["reference_thickness"])]
    couplings = [Coupling(0, 1, p["coupling"])] if p["coupling"] else []
    state = [m0, ref0]
    if p["saf"]:
        layers.append(fixed(p["pinned_thickness"]))
        couplings.append(Coupling(1, 2, p["saf_coupling"]))
        state.append(-ref0)
    return Stack(layers, area, couplings, polarizers={0: 1}), np.array(state), j


def _mtj_jc0(p: dict[str, Any]) -> float:
    """Sun's J_c0 [A/m^2] of the mtj_stack free layer on the side of the axis where it
    starts, sign(m0.u)."""
    vals = _magnet_values(p)
    side = float(np.sign(np.asarray(p["m0"], float) @ _axis(p)[0]))
    return _sun_jc0(p, vals["Ms"], vals["alpha"], side)


def _first_crossing(t: np.ndarray, y: np.ndarray) -> float:
    """First time [s] y(t) changes sign from y(0), linearly interpolated; NaN if never."""
    idx = np.flatnonzero((y[1:] < 0) != (y[0] < 0))
    if not idx.size:
        return float("nan")
    k = idx[0]
    return float(t[k] + y[k] * (t[k + 1] - t[k]) / (y[k] - y[k + 1]))


def compute_mtj_stack(p: dict[str, Any], rng: np.random.Generator,
                      progress: Progress) -> xr.Dataset:
    """One trajectory of the stack (or a thermal ensemble, whose first trajectory is shown);
    key numbers: switching time, final state and resistance, the reference layer's largest
    excursion, the current against Sun's J_c0, the switching probability."""
    progress.reset(1, "mtj_stack")
    stack, m0, j = mtj_stack(p)
    method, dt, n = p["method"], p["dt"], p["trajectories"]
    if p["temperature"] > 0:
        method, dt = "heun", dt or 1e-13
    elif n > 1:
        raise ParameterError("trajectories", n, "more than 1 needs temperature > 0 (without "
                             "heat every trajectory is the same)")
    ens = simulate_stack(stack, np.broadcast_to(m0, (n,) + m0.shape), p["duration"],
                         method=method, dt=dt, samples=p["samples"], seed=rng)
    progress.advance()
    cos_all = np.sum(ens.m[:, :, 0] * ens.m[:, :, 1], axis=-1)  # (trajectory, time)
    ends_switched = (cos_all[:, -1] < 0) != (cos_all[:, 0] < 0)
    switched = int(np.sum(ends_switched))
    times = np.array([_first_crossing(ens.t, c) if done else float("nan")
                      for c, done in zip(cos_all, ends_switched, strict=True)])
    low, high = wilson_interval(switched, n)
    tr = StackTrajectory(ens.t, ens.m[0], ens.energy[0])
    free, ref = tr.m[:, 0], tr.m[:, 1]
    cos = cos_all[0]
    resistance = MTJReadout(p["resistance_parallel"], p["tmr"]).resistance(free, ref)
    jc0 = _mtj_jc0(p)
    excursion = np.arccos(np.clip(ref @ m0[1], -1.0, 1.0)).max()
    names = ["free", "reference", "pinned"][:len(stack.layers)]
    return xr.Dataset(
        {
            "m": _var(tr.m, ("time", "layer", "component"), "", "unit magnetization"),
            "cos_angle": _var(cos, "time", "", "cos(theta) = m_free . m_reference"),
            "resistance": _var(resistance, "time", "Ohm", "MTJ resistance, G = G_P "
                               "cos^2(theta/2) + G_AP sin^2(theta/2)"),
            "energy": _var(tr.energy, "time", "J", "total energy (thermal field excluded)"),
            "switching_time": _var(_first_crossing(tr.t, cos), (), "s",
                                   "first time m_free . m_reference crossed 0"),
            "final_cos_angle": _var(cos[-1], (), "", "final m_free . m_reference"),
            "initial_resistance": _var(resistance[0], (), "Ohm", "initial MTJ resistance"),
            "final_resistance": _var(resistance[-1], (), "Ohm", "final MTJ resistance"),
            "reference_excursion": _var(excursion, (), "rad", "largest angle of the "
                                        "reference layer from its initial direction"),
            "current_density": _var(j, (), "A/m^2", "current density"),
            "current_over_jc0": _var(j / jc0, (), "", "current density / Sun's J_c0 of the "
                                     "free layer alone, on its starting side"),
            "switching_times": _var(times, "trajectory", "s", "first crossing of m_free . "
                                    "m_reference = 0 of each trajectory that ends switched "
                                    "(NaN for the others)"),
            "switching_probability": _var(switched / n, (), "", "fraction of trajectories "
                                          "ending on the other side of m_free . m_ref = 0"),
            "switching_probability_low": _var(low, (), "", "Wilson interval (68 %), low"),
            "switching_probability_high": _var(high, (), "", "Wilson interval (68 %), high"),
        },
        coords={"time": ("time", tr.t, {"units": "s", "long_name": "time"}),
                "layer": names, "component": ["x", "y", "z"]},
        attrs={"title": f"MTJ stack ({' / '.join(names)}, {method}): j = {j:.3g} A/m^2, "
                        f"T = {p['temperature']:g} K"
                        + (f", P_switch = {switched / n:.3g} of {n}" if n > 1 else "")},
    )


def plot_mtj_stack(ds: xr.Dataset) -> dict[str, Any]:
    """Every layer's m(t) and the MTJ resistance R(t)."""
    import matplotlib.pyplot as plt

    layers = [str(x) for x in ds["layer"].values]
    fig, axes = plt.subplots(1, len(layers) + 1, figsize=(4.2 * (len(layers) + 1), 3.6),
                             layout="constrained")
    t = ds["time"].values * 1e9
    for ax, name in zip(axes, layers, strict=False):
        m = ds["m"].sel(layer=name).values
        for i, c in enumerate("xyz"):
            ax.plot(t, m[:, i], label=f"m_{c}")
        ax.set_ylim(-1.05, 1.05)
        ax.set_xlabel("t (ns)")
        ax.set_ylabel("m")
        ax.set_title(f"{name} layer", fontsize=9)
    axes[0].legend(fontsize=8)
    axes[-1].plot(t, ds["resistance"].values, color="C3")
    ts = float(ds["switching_time"])
    if np.isfinite(ts):
        axes[-1].axvline(ts * 1e9, ls=":", color="k", label=f"switching {ts * 1e9:.3g} ns")
        axes[-1].legend(fontsize=8)
    axes[-1].set_xlabel("t (ns)")
    axes[-1].set_ylabel("R (Ohm)")
    axes[-1].set_title("MTJ read-out", fontsize=9)
    fig.suptitle(ds.attrs.get("title", ""))
    figs = {"stack": fig}
    times = ds["switching_times"].values
    if times.size > 1:  # a thermal ensemble: the distribution of switching times
        fig2, ax = plt.subplots(figsize=(5, 3.6), layout="constrained")
        done = times[np.isfinite(times)]
        ax.hist(done * 1e9, bins=max(5, min(50, done.size // 4)), color="C2")
        ax.set_xlabel("switching time (ns)")
        ax.set_ylabel("trajectories")
        ax.set_title(f"P_switch = {float(ds['switching_probability']):.3g} of {times.size} "
                     f"(Wilson 68 %: {float(ds['switching_probability_low']):.3g} - "
                     f"{float(ds['switching_probability_high']):.3g})", fontsize=9)
        figs["switching_times"] = fig2
    return figs


register(Kind(
    name="mtj_stack",
    summary="current-driven MTJ: free layer, reference layer or SAF reference, coupled "
            "macrospins, m(t) and R(t)",
    params=MTJ_STACK_PARAMS,
    compute=compute_mtj_stack,
    plot=plot_mtj_stack,
    tour={"saf": True, "coupling": 2e-5, "duration": 6e-9, "samples": 1201},
))


# ------------------------------------------------------------------------- thermal_escape
#: ten years [s], the retention time a non-volatile memory cell is usually specified for
TEN_YEARS = 10 * 365.25 * 86400.0

THERMAL_ESCAPE_PARAMS = (
    Param("material", "material", None, doc="optional: take Ms and alpha from this material",
          default_doc="none"),
    Param("Ms", "float", None, "A/m", "saturation magnetization", low=0, high=1e7,
          low_open=True, default_doc="the material's Ms, else 1.0e6"),
    Param("alpha", "float", None, "", "Gilbert damping", low=0, high=10, low_open=True,
          default_doc="the material's alpha, else 0.01"),
    Param("anisotropy", "float", 2.0e5, "J/m^3", "effective uniaxial anisotropy K_eff "
          "(shape included) of the easy axis z", low=0, high=1e8, low_open=True),
    Param("field", "float", 0.0, "T", "field along the easy axis; < 0 pushes m out of its "
          "well at m_z = +1 (a read disturb)", low=-100, high=100),
    Param("temperature", "float", 300.0, "K", "temperature", low=0, high=2000,
          low_open=True),
    Param("thickness", "float", 1.0e-9, "m", "free-layer thickness, for the disc diameter "
          "of each Delta", low=0, high=1e-6, low_open=True),
    Param("delta_min", "float", 10.0, "", "smallest thermal stability K V / k_B T",
          low=3, high=500),
    Param("delta_max", "float", 60.0, "", "largest thermal stability", low=3, high=500),
    Param("points", "int", 6, "", "values of Delta (equally spaced)", low=1, high=100),
    Param("trials", "int", 400, "", "FFS trials per interface and replica", low=10,
          high=10**6),
    Param("replicas", "int", 8, "", "independent FFS runs (error bars from their spread; "
          "with 8 replicas of a few hundred trials they run 10-25 % small)", low=2,
          high=1000),
)


def compute_thermal_escape(p: dict[str, Any], rng: np.random.Generator,
                           progress: Progress) -> xr.Dataset:
    """Mean thermal escape time of a uniaxial macrospin against Delta, by forward flux
    sampling on the stochastic LLG equation (:func:`.escape.escape_time`), beside the exact
    Fokker-Planck time, its high-barrier limit in the field (Brown's 1 / (2 k_1),
    :func:`.escape.high_barrier_escape_time`) and the Neel-Arrhenius law
    tau_0 exp(Delta (1 + h)^2), h = B Ms / (2 K)."""
    vals = _magnet_values(p)
    ms, alpha, k = vals["Ms"], vals["alpha"], p["anisotropy"]
    if p["delta_max"] < p["delta_min"]:
        raise ParameterError("delta_max", p["delta_max"],
                             f"must be >= delta_min = {p['delta_min']:g}")
    h = p["field"] * ms / (2 * k)
    if abs(h) >= 1:
        raise ParameterError("field", p["field"], f"must be below the anisotropy field "
                             f"2 K / Ms = {2 * k / ms:.4g} T in magnitude (no barrier)")
    if p["delta_min"] * (1 + h) ** 2 <= 3.0:  # uniaxial_interfaces' minimum, 1 + 2 k_B T
        raise ParameterError("delta_min", p["delta_min"], f"leaves a barrier of delta_min "
                             f"(1 + h)^2 = {p['delta_min'] * (1 + h) ** 2:.3g} k_B T in the "
                             f"field (h = {h:.3g}): needs more than 3 k_B T; raise delta_min "
                             "or weaken the field")
    deltas = np.linspace(p["delta_min"], p["delta_max"], p["points"])
    kt = constants.k_B * p["temperature"]
    cols = {n: np.empty(deltas.size) for n in ("ffs", "ffs_error", "exact", "brown",
                                                "diameter", "barrier")}
    progress.reset(deltas.size, "thermal escape (FFS)")
    for i, xi in enumerate(deltas):
        volume = xi * kt / k
        magnet = Macrospin(ms, alpha, volume, UniaxialAnisotropy(k)
                           + Zeeman((0.0, 0.0, p["field"])) + ThermalField(p["temperature"]))
        res = escape_time(magnet, uniaxial_interfaces(xi, h), trials=p["trials"],
                          replicas=p["replicas"], seed=rng)
        cols["ffs"][i], cols["ffs_error"][i] = res.mean_time, res.mean_time_error
        try:
            cols["exact"][i] = uniaxial_escape_time(alpha, ms, volume, k, p["temperature"],
                                                    field=p["field"])
            cols["brown"][i] = high_barrier_escape_time(alpha, ms, volume, k,
                                                        p["temperature"], field=p["field"])
        except ParameterError as err:  # the time overflows a float
            raise ParameterError("delta_max", p["delta_max"], str(err)) from err
        cols["diameter"][i] = math.sqrt(4 * volume / (math.pi * p["thickness"]))
        cols["barrier"][i] = xi * (1 + h) ** 2
        progress.advance()
    ratio = cols["ffs"] / cols["exact"]
    pull = (cols["ffs"] - cols["exact"]) / cols["ffs_error"]
    # Delta at which the exact time reaches ten years (log-linear between the points)
    log_t = np.log(cols["exact"])
    ten = float(np.interp(math.log(TEN_YEARS), log_t, deltas, left=np.nan, right=np.nan)) \
        if np.all(np.diff(log_t) > 0) else float("nan")
    d = ("delta",)
    return xr.Dataset(
        {
            "escape_time": _var(cols["ffs"], d, "s", "mean escape time, forward flux sampling"),
            "escape_time_error": _var(cols["ffs_error"], d, "s", "its standard error"),
            "exact_time": _var(cols["exact"], d, "s",
                               "exact Fokker-Planck mean first-passage time"),
            "brown_time": _var(cols["brown"], d, "s", "high-barrier limit of the exact time "
                               "in the field (Brown's 1 / (2 k_1))"),
            "diameter": _var(cols["diameter"], d, "m", "disc diameter at this Delta"),
            "barrier": _var(cols["barrier"], d, "", "barrier in the field, k_B T"),
            "ffs_over_exact": _var(ratio, d, "", "FFS time / exact time"),
            "max_pull": _var(float(np.max(np.abs(pull))), (), "",
                             "largest |FFS - exact| in standard errors"),
            "time_at_delta_max": _var(cols["ffs"][-1], (), "s",
                                      "FFS escape time at the largest Delta"),
            "delta_ten_years": _var(ten, (), "", "Delta whose exact escape time is 10 "
                                    "years (NaN outside the range)"),
        },
        coords={"delta": ("delta", deltas, {"units": "", "long_name": "K V / k_B T"})},
        attrs={"title": f"Thermal escape: Ms = {ms:.3g} A/m, alpha = {alpha:g}, "
                        f"K = {k:.3g} J/m^3, B = {p['field']:g} T, T = {p['temperature']:g} K"},
    )


def plot_thermal_escape(ds: xr.Dataset) -> dict[str, Any]:
    """Escape time against Delta (log scale, ten years marked) and FFS / exact."""
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 2, figsize=(11, 3.9), layout="constrained",
                             gridspec_kw={"width_ratios": (1.6, 1)})
    x = ds["delta"].values
    fine = np.linspace(x.min(), x.max(), 200)
    ax = axes[0]
    ax.semilogy(x, ds["exact_time"].values, "-", color="k", lw=1, label="exact (Fokker-Planck)")
    ax.semilogy(x, ds["brown_time"].values, "--", color="C1", lw=1,
                label="Brown high-barrier limit")
    # the barrier in the field is Delta (1 + h)^2
    squeeze = float(ds["barrier"].values[0] / x[0])
    ax.semilogy(fine, 1e-9 * np.exp(squeeze * fine), ":", color="C2", lw=1,
                label="Neel-Arrhenius, tau_0 = 1 ns, barrier Delta (1+h)^2")
    ax.errorbar(x, ds["escape_time"].values, yerr=ds["escape_time_error"].values, fmt="o",
                ms=4, color="C0", label="forward flux sampling (LLG)")
    ax.axhline(TEN_YEARS, color="C3", lw=0.8)
    ax.text(x.min(), TEN_YEARS * 0.5, "10 years", color="C3", fontsize=8, va="top")
    ax.set_xlabel("thermal stability Delta = K V / k_B T")
    ax.set_ylabel("mean escape time (s)")
    ax.legend(fontsize=8)
    axes[1].errorbar(x, ds["ffs_over_exact"].values,
                     yerr=ds["escape_time_error"].values / ds["exact_time"].values, fmt="o",
                     ms=4)
    axes[1].axhline(1.0, color="k", lw=0.8)
    axes[1].set_xlabel("Delta")
    axes[1].set_ylabel("FFS / exact")
    axes[1].set_title(f"largest deviation {float(ds['max_pull']):.1f} standard errors",
                      fontsize=9)
    fig.suptitle(ds.attrs.get("title", ""))
    return {"thermal_escape": fig}


register(Kind(
    name="thermal_escape",
    summary="retention: mean thermal escape time against Delta by forward flux sampling, "
            "with the exact and Brown times",
    params=THERMAL_ESCAPE_PARAMS,
    compute=compute_thermal_escape,
    plot=plot_thermal_escape,
    tour={"alpha": 0.1, "delta_min": 10.0, "delta_max": 40.0, "points": 4, "trials": 400},
))
