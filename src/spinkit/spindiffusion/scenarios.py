"""Scenario kinds ``spin_diffusion`` and ``nonlocal_spin_valve``.

``spin_diffusion`` runs the finite-volume solver of :mod:`spinkit.spindiffusion.steady`,
checks it against the closed form, fits the spin-diffusion length back out of the profile
and, given a file of measured (x, mu_s) points, fits lambda_s to them too.

``nonlocal_spin_valve`` computes the nonlocal signal vs injector-detector distance and the
Hanle curve from the closed forms and from the Bloch-Torrey solver
(:mod:`spinkit.spindiffusion.nonlocal_valve`), and fits measured (or synthetic noisy) data
for D, tau_s and P with their uncertainties.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import xarray as xr

from spinkit import constants, materials
from spinkit.errors import ParameterError
from spinkit.progress import Progress
from spinkit.scenario.params import Param
from spinkit.scenario.registry import Kind, register
from spinkit.spindiffusion.bloch_torrey import (
    SpinChannel,
    larmor_frequency,
    solve_transient,
    switch_on_profile,
)
from spinkit.spindiffusion.nonlocal_valve import (
    NonlocalSpinValve,
    fit_distance,
    fit_hanle,
    nonlocal_resistance,
)
from spinkit.spindiffusion.steady import (
    einstein_diffusion_constant,
    fit_decay,
    solve_steady_1d,
    steady_profile_1d,
)

PARAMS = (
    Param("material", "material", "Cu", doc="channel material: conductivity, lambda_s, E_F"),
    Param(
        "diffusion_constant", "float", None, "m^2/s", "electron diffusion constant D",
        low=0, high=10, low_open=True,
        default_doc="Einstein relation sigma/(e^2 N(E_F)) with the material's E_F",
    ),
    Param(
        "spin_lifetime", "float", None, "s", "spin lifetime tau_s",
        low=0, high=1, low_open=True, default_doc="lambda_sf(material)^2 / D",
    ),
    Param(
        "conductivity", "float", None, "S/m", "charge conductivity sigma",
        low=0, high=1e9, low_open=True, default_doc="1 / resistivity(material)",
    ),
    Param("length", "float", 5e-6, "m", "channel length L", low=0, high=1e-2, low_open=True),
    Param("cells", "int", 500, "", "finite-volume cells along the channel", low=10, high=10**6),
    Param("polarization", "float", 0.3, "", "spin polarization P of the injected current",
          low=-1, high=1),
    Param("current_density", "float", 1e10, "A/m^2", "injected charge current density j",
          low=-1e14, high=1e14),
    Param("far_end", "choice", "open", doc="x = L: open end (no spin current) or spin sink",
          choices=("open", "sink")),
    Param("measured", "file", None, doc="optional CSV of measured x [m], mu_s [V] to fit",
          default_doc="none"),
    Param("transient", "bool", False, doc="also switch the injection on at t = 0 and follow "
          "mu_s(x, t) with the implicit solver of spinkit.spindiffusion.bloch_torrey"),
    Param("duration", "float", None, "s", "simulated time of the transient", low=0, high=1,
          low_open=True, default_doc="5 tau_s"),
    Param("steps", "int", 2000, "", "time steps of the transient", low=1, high=10**6),
    Param("scheme", "choice", "crank_nicolson", doc="time stepping of the transient",
          choices=("crank_nicolson", "backward_euler")),
)


def _material_value(material: str, key: str, param: str) -> float:
    mat = materials.get(material)
    if key not in mat:
        raise ParameterError(
            param, None, f"required: material {material} has no {key} to derive it from"
        )
    return mat.value(key)


def _resolve(p: dict[str, Any]) -> dict[str, float]:
    """Fill the optional parameters from the material (see the Param docs)."""
    sigma = p["conductivity"] or 1.0 / _material_value(p["material"], "resistivity",
                                                        "conductivity")
    d = p["diffusion_constant"] or einstein_diffusion_constant(
        sigma,
        _material_value(p["material"], "fermi_energy", "diffusion_constant") * constants.eV,
    )
    tau = p["spin_lifetime"] or _material_value(
        p["material"], "spin_diffusion_length", "spin_lifetime"
    ) ** 2 / d
    return {"conductivity": sigma, "diffusion_constant": d, "spin_lifetime": tau}


def _read_measured(path: str, key: str = "measured",
                   columns: str = "x, mu_s") -> tuple[np.ndarray, np.ndarray]:
    try:
        data = np.loadtxt(path, delimiter=",", comments="#", ndmin=2)
    except ValueError as exc:
        raise ParameterError(key, path, f"not a two-column CSV of numbers: {exc}") from None
    if data.shape[1] != 2:
        raise ParameterError(key, path, f"needs 2 columns ({columns}), has {data.shape[1]}")
    return data[:, 0], data[:, 1]


def _fit_file(key: str | None, path: str | None, fit: Any, *args: Any, **kwargs: Any) -> Any:
    """``fit(*args, **kwargs)``; data read from the file parameter ``key`` that the fit refuses
    (too few points, P > 1, negative distances...) are reported under ``key``."""
    try:
        return fit(*args, **kwargs)
    except ParameterError as exc:
        if key is None:
            raise
        raise ParameterError(key, path, f"data refused by the fit: {exc}") from None


def compute(p: dict[str, Any], rng: np.random.Generator, progress: Progress) -> xr.Dataset:
    """Solve, compare with the closed form, fit lambda_s; returns the dataset."""
    progress.reset(2, "spin_diffusion")
    q = _resolve(p)
    common = dict(length=p["length"], conductivity=q["conductivity"],
                  polarization=p["polarization"], current_density=p["current_density"],
                  far_end=p["far_end"])
    sol = solve_steady_1d(diffusion_constant=q["diffusion_constant"],
                          spin_lifetime=q["spin_lifetime"], cells=p["cells"], **common)
    exact = steady_profile_1d(sol.x, spin_diffusion_length=sol.spin_diffusion_length, **common)
    progress.advance()
    lam_fit, lam_err, _ = fit_decay(sol.x, sol.mu_s, length=p["length"], far_end=p["far_end"],
                                    guess=sol.spin_diffusion_length)
    scale = np.max(np.abs(exact)) or 1.0  # P = 0 or j = 0: no accumulation at all
    ds = xr.Dataset(
        {
            "mu_s": ("cell", sol.mu_s, {"units": "V", "long_name": "spin accumulation mu_s/e"}),
            "mu_s_exact": ("cell", exact, {"units": "V", "long_name": "closed form mu_s/e"}),
            "spin_current": ("cell", sol.spin_current,
                             {"units": "A/m^2", "long_name": "spin current density j_s"}),
            "spin_diffusion_length": ((), sol.spin_diffusion_length,
                                      {"units": "m", "long_name": "lambda_s = sqrt(D tau_s)"}),
            "fitted_spin_diffusion_length": ((), lam_fit, {
                "units": "m", "long_name": "lambda_s fitted to the computed profile"}),
            "injector_accumulation": ((), sol.mu_s[0], {
                "units": "V", "long_name": "mu_s/e next to the injector"}),
            "max_relative_error": ((), np.max(np.abs(sol.mu_s - exact)) / scale, {
                "units": "", "long_name": "max |numeric - exact| / max|exact|"}),
            "diffusion_constant": ((), q["diffusion_constant"],
                                   {"units": "m^2/s", "long_name": "diffusion constant D"}),
            "spin_lifetime": ((), q["spin_lifetime"],
                              {"units": "s", "long_name": "spin lifetime tau_s"}),
        },
        coords={"x": ("cell", sol.x, {"units": "m", "long_name": "position along the channel"})},
        attrs={"title": f"Steady spin accumulation in {p['material']} ({p['far_end']} end)"},
    )
    if p["measured"]:
        mx, my = _read_measured(p["measured"])
        lam_m, lam_m_err, amp_m = _fit_file("measured", p["measured"], fit_decay, mx, my,
                                            length=p["length"], far_end=p["far_end"])
        ds = ds.assign_coords(x_measured=("measured_point", mx, {"units": "m"}))
        ds["measured_mu_s"] = ("measured_point", my, {"units": "V", "long_name": "measured mu_s/e"})
        ds["measured_spin_diffusion_length"] = ((), lam_m, {
            "units": "m", "long_name": "lambda_s fitted to the measured data"})
        ds["measured_spin_diffusion_length_stderr"] = ((), lam_m_err, {
            "units": "m", "long_name": "standard error of the measured lambda_s"})
        ds["measured_amplitude"] = ((), amp_m, {"units": "V", "long_name": "fitted amplitude"})
    if p["transient"]:
        ds = ds.merge(_transient(p, q))
    progress.advance()
    return ds


def _transient(p: dict[str, Any], q: dict[str, float]) -> xr.Dataset:
    """mu_s(x, t) after switch-on, against the semi-infinite closed form at the injector."""
    d, tau, sigma = q["diffusion_constant"], q["spin_lifetime"], q["conductivity"]
    ch = SpinChannel((p["length"],), (p["cells"],), d, tau,
                     boundary=("open", p["far_end"]))
    src = np.zeros((p["cells"], 3))
    src[0, 2] = 2 * d / sigma * p["polarization"] * p["current_density"] / ch.spacing[0]
    steps = p["steps"]
    res = solve_transient(ch, duration=p["duration"] or 5 * tau, steps=steps, source=src,
                          scheme=p["scheme"], save_every=max(1, steps // 50))
    t = res.times
    exact = np.zeros(t.size)
    exact[1:] = switch_on_profile(ch.axes[0][0], t[1:], diffusion_constant=d, spin_lifetime=tau,
                                  conductivity=sigma, polarization=p["polarization"],
                                  current_density=p["current_density"])
    mu = res.mu[..., 2]
    scale = np.max(np.abs(exact)) or 1.0
    return xr.Dataset(
        {
            "mu_s_transient": (("time_point", "cell"), mu, {"units": "V",
                                                "long_name": "mu_s/e after switch-on"}),
            "injector_transient": ("time_point", mu[:, 0], {"units": "V",
                                                   "long_name": "mu_s/e at the injector"}),
            "injector_transient_exact": ("time_point", exact, {
                "units": "V", "long_name": "closed form, semi-infinite channel"}),
            "transient_max_relative_error": ((), float(np.max(np.abs(mu[:, 0] - exact)) / scale),
                                             {"units": "", "long_name": "max |numeric - "
                                              "closed form| / max at the injector (L >> "
                                              "lambda_s)"}),
        },
        coords={"t": ("time_point", t, {"units": "s", "long_name": "time after switch-on"})},
    )


def plot(ds: xr.Dataset) -> dict[str, Any]:
    """Profile figure: numeric vs closed form, linear and logarithmic."""
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 2, figsize=(10, 4), layout="constrained")
    x_um = ds["x"].values * 1e6
    step = max(1, x_um.size // 40)
    lam = float(ds["spin_diffusion_length"])
    for ax, log in zip(axes, (False, True), strict=True):
        f = np.abs if log else np.asarray
        ax.plot(x_um, f(ds["mu_s_exact"].values) * 1e6, "-", color="0.3", label="closed form")
        ax.plot(x_um[::step], f(ds["mu_s"].values[::step]) * 1e6, "o", ms=4, mfc="none",
                color="C0", label="finite volumes")
        if "measured_mu_s" in ds:
            lm = float(ds["measured_spin_diffusion_length"])
            ax.plot(ds["x_measured"].values * 1e6, f(ds["measured_mu_s"].values) * 1e6, "s",
                    color="C3", ms=4, label=f"measured (fit λ = {lm * 1e9:.0f} nm)")
        ax.set_xlabel("x (µm)")
        ax.set_ylabel("|μ_s| / e (µV)" if log else "μ_s / e (µV)")
        if log:
            ax.set_yscale("log")
        else:
            ax.axvline(lam * 1e6, ls=":", color="C2",
                       label=f"λ_s = {lam * 1e9:.0f} nm")
        ax.legend(fontsize=8)
    fig.suptitle(ds.attrs.get("title", ""))
    figs = {"profile": fig}
    if "mu_s_transient" in ds:
        figs["transient"] = _plot_transient(ds)
    return figs


def _plot_transient(ds: xr.Dataset) -> Any:
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 2, figsize=(10, 4), layout="constrained")
    t_ps = ds["t"].values * 1e12
    x_um = ds["x"].values * 1e6
    mu = ds["mu_s_transient"].values * 1e6
    for i in np.linspace(1, t_ps.size - 1, 6).astype(int):
        axes[0].plot(x_um, mu[i], label=f"t = {t_ps[i]:.3g} ps")
    axes[0].plot(x_um, ds["mu_s_exact"].values * 1e6, ":", color="0.3", label="steady state")
    axes[0].set_xlabel("x (µm)")
    axes[0].set_ylabel("μ_s / e (µV)")
    axes[0].legend(fontsize=8)
    axes[1].plot(t_ps, ds["injector_transient_exact"].values * 1e6, "-", color="0.3",
                 label="closed form (semi-infinite)")
    axes[1].plot(t_ps, ds["injector_transient"].values * 1e6, "o", ms=3, mfc="none",
                 label="implicit solver")
    axes[1].set_xlabel("t (ps)")
    axes[1].set_ylabel("μ_s / e at the injector (µV)")
    axes[1].legend(fontsize=8)
    fig.suptitle("Switch-on of the spin injection")
    return fig


register(
    Kind(
        name="spin_diffusion",
        summary="spin accumulation in a 1D channel: steady profile, lambda_s, switch-on transient",
        params=PARAMS,
        compute=compute,
        plot=plot,
        tour={"material": "Cu", "length": 2e-6, "cells": 400, "transient": True},
    )
)


# ---------------------------------------------------------------------- nonlocal_spin_valve
NLSV_PARAMS = (
    PARAMS[0], PARAMS[1], PARAMS[2], PARAMS[3],  # material, D, tau_s, sigma as above
    Param("polarization", "float", 0.2, "", "spin polarization P of injector and detector",
          low=-1, high=1),
    Param("width", "float", 100e-9, "m", "channel width", low=0, high=1e-3, low_open=True),
    Param("thickness", "float", 50e-9, "m", "channel thickness", low=0, high=1e-3,
          low_open=True),
    Param("distance", "float", 500e-9, "m", "injector-detector distance L of the Hanle curve",
          low=0, high=1e-2, low_open=True),
    Param("field_max", "float", None, "T", "largest |B| of the Hanle curve", low=0, high=100,
          low_open=True, default_doc="3 / (Omega per tesla x min(tau_s, L^2/2D))"),
    Param("field_points", "int", 81, "", "fields in the Hanle curve", low=5, high=10001),
    Param("g_factor", "float", 2.00231930436, "", "electron g-factor of the channel",
          low=-100, high=100),
    Param("noise", "float", 0.02, "", "relative noise of the synthetic data fitted when no "
          "file is given (fraction of the peak signal)", low=0, high=1),
    Param("measured_hanle", "file", None, doc="optional CSV of B [T], R [Ohm] to fit",
          default_doc="synthetic noisy data"),
    Param("measured_distance", "file", None, doc="optional CSV of L [m], R [Ohm] to fit",
          default_doc="synthetic noisy data"),
)


def nlsv_compute(p: dict[str, Any], rng: np.random.Generator, progress: Progress) -> xr.Dataset:
    """Distance and Hanle curves (closed form and numeric) and fits; returns the dataset."""
    progress.reset(3, "nonlocal_spin_valve")
    q = _resolve(p)
    d, tau, sigma = q["diffusion_constant"], q["spin_lifetime"], q["conductivity"]
    lam = float(np.sqrt(d * tau))
    area = p["width"] * p["thickness"]
    length = p["distance"]
    common = dict(polarization=p["polarization"], conductivity=sigma, area=area)
    # distance dependence
    dist = np.linspace(0.05 * lam, 5 * lam, 60)
    r_dist = nonlocal_resistance(dist, spin_diffusion_length=lam, **common)
    if p["measured_distance"]:
        dx, dy = _read_measured(p["measured_distance"], "measured_distance", "L, R")
    else:
        dx = np.linspace(0.2 * lam, 4 * lam, 12)
        clean = nonlocal_resistance(dx, spin_diffusion_length=lam, **common)
        dy = clean * (1 + p["noise"] * rng.standard_normal(dx.size))
    fit_d = _fit_file("measured_distance" if p["measured_distance"] else None,
                      p["measured_distance"], fit_distance, dx, dy, conductivity=sigma,
                      area=area, guess=(max(abs(p["polarization"]), 1e-3), lam))
    progress.advance()
    # Hanle
    w1 = abs(float(larmor_frequency(1.0, p["g_factor"]))) or 1.0
    b_max = p["field_max"] or 3.0 / (w1 * min(tau, length**2 / (2 * d)))
    fields = np.linspace(-b_max, b_max, p["field_points"])
    valve = NonlocalSpinValve(d, tau, sigma, area, p["polarization"], p["g_factor"])
    r_hanle = valve.hanle(fields, length)
    sub = fields[:: max(1, fields.size // 20)]
    r_num = valve.hanle_numeric(sub, length)
    scale = np.max(np.abs(r_hanle)) or 1.0
    err = float(np.max(np.abs(r_num - valve.hanle(sub, length))) / scale)
    progress.advance()
    if p["measured_hanle"]:
        hx, hy = _read_measured(p["measured_hanle"], "measured_hanle", "B, R")
    else:
        hx = fields
        hy = r_hanle + p["noise"] * scale * rng.standard_normal(fields.size)
    fit_h = _fit_file("measured_hanle" if p["measured_hanle"] else None, p["measured_hanle"],
                      fit_hanle, hx, hy, distance=length, conductivity=sigma, area=area,
                      g_factor=p["g_factor"], guess=(max(abs(p["polarization"]), 1e-3), d, tau))
    fh = fit_h.values
    r_fit = NonlocalSpinValve(fh["diffusion_constant"], fh["spin_lifetime"], sigma, area,
                              fh["polarization"], p["g_factor"]).hanle(fields, length)
    progress.advance()

    def num(value, units, name):
        return ((), value, {"units": units, "long_name": name})

    ds = xr.Dataset(
        {
            "spin_diffusion_length": num(lam, "m", "lambda_s = sqrt(D tau_s)"),
            "diffusion_constant": num(d, "m^2/s", "diffusion constant D"),
            "spin_lifetime": num(tau, "s", "spin lifetime tau_s"),
            "nonlocal_resistance": num(float(nonlocal_resistance(
                length, spin_diffusion_length=lam, **common)), "Ohm",
                "R_NL at L, B = 0 (parallel)"),
            "hanle_numeric_max_error": num(err, "", "max |numeric - closed form| / peak"),
            "fit_diffusion_constant": num(fh["diffusion_constant"], "m^2/s", "D fitted (Hanle)"),
            "fit_diffusion_constant_stderr": num(fit_h.stderr["diffusion_constant"], "m^2/s",
                                                 "standard error of fitted D"),
            "fit_spin_lifetime": num(fh["spin_lifetime"], "s", "tau_s fitted (Hanle)"),
            "fit_spin_lifetime_stderr": num(fit_h.stderr["spin_lifetime"], "s",
                                            "standard error of fitted tau_s"),
            "fit_polarization": num(fh["polarization"], "", "P fitted (Hanle)"),
            "fit_polarization_stderr": num(fit_h.stderr["polarization"], "",
                                           "standard error of fitted P"),
            "fit_spin_diffusion_length": num(fit_d.values["spin_diffusion_length"], "m",
                                             "lambda_s fitted (distance)"),
            "fit_spin_diffusion_length_stderr": num(fit_d.stderr["spin_diffusion_length"], "m",
                                                    "standard error of fitted lambda_s"),
            "r_distance": ("distance_point", r_dist,
                           {"units": "Ohm", "long_name": "R_NL(L), closed form"}),
            "distance_data": ("distance_data_point", dy,
                              {"units": "Ohm", "long_name": "R_NL data"}),
            "r_hanle": ("field_point", r_hanle,
                        {"units": "Ohm", "long_name": "R_NL(B), closed form"}),
            "r_hanle_fit": ("field_point", r_fit, {"units": "Ohm", "long_name": "R_NL(B), fit"}),
            "r_hanle_numeric": ("field_numeric_point", r_num,
                                {"units": "Ohm", "long_name": "R_NL(B), Bloch-Torrey solver"}),
            "hanle_data": ("field_data_point", hy, {"units": "Ohm", "long_name": "R_NL(B) data"}),
        },
        coords={
            "L": ("distance_point", dist,
                  {"units": "m", "long_name": "injector-detector distance"}),
            "L_data": ("distance_data_point", dx, {"units": "m"}),
            "B": ("field_point", fields, {"units": "T", "long_name": "perpendicular field"}),
            "B_numeric": ("field_numeric_point", sub, {"units": "T"}),
            "B_data": ("field_data_point", hx, {"units": "T"}),
        },
        attrs={"title": f"Nonlocal spin valve, {p['material']} channel, L = "
                        f"{length * 1e9:.0f} nm",
               "data_source": "measured" if p["measured_hanle"] else "synthetic (noisy)"},
    )
    return ds


def nlsv_plot(ds: xr.Dataset) -> dict[str, Any]:
    """Distance dependence and Hanle curve: data, fit, closed form and numeric solver."""
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 2, figsize=(11, 4), layout="constrained")
    ax = axes[0]
    ax.semilogy(ds["L"] * 1e6, ds["r_distance"] * 1e3, "-", color="0.3", label="closed form")
    ax.semilogy(ds["L_data"] * 1e6, np.abs(ds["distance_data"]) * 1e3, "o", ms=4, color="C3",
                label=f"data (fit λ = {float(ds['fit_spin_diffusion_length']) * 1e9:.0f} ± "
                      f"{float(ds['fit_spin_diffusion_length_stderr']) * 1e9:.0f} nm)")
    ax.set_xlabel("injector–detector distance L (µm)")
    ax.set_ylabel("R_NL = V_NL / I (mΩ)")
    ax.legend(fontsize=8)
    ax = axes[1]
    ax.plot(ds["B_data"], ds["hanle_data"] * 1e3, ".", ms=4, color="C3",
            label=ds.attrs.get("data_source", "data"))
    ax.plot(ds["B"], ds["r_hanle"] * 1e3, "-", color="0.3", label="closed form")
    ax.plot(ds["B_numeric"], ds["r_hanle_numeric"] * 1e3, "o", mfc="none", color="C0",
            label="Bloch–Torrey solver")
    ax.plot(ds["B"], ds["r_hanle_fit"] * 1e3, "--", color="C2",
            label=f"fit: D = ({float(ds['fit_diffusion_constant']) * 1e4:.3g} ± "
                  f"{float(ds['fit_diffusion_constant_stderr']) * 1e4:.2g}) cm²/s,\n"
                  f"      τ_s = ({float(ds['fit_spin_lifetime']) * 1e12:.3g} ± "
                  f"{float(ds['fit_spin_lifetime_stderr']) * 1e12:.2g}) ps, "
                  f"P = {float(ds['fit_polarization']):.3g} ± "
                  f"{float(ds['fit_polarization_stderr']):.2g}")
    ax.set_xlabel("B ⊥ spins (T)")
    ax.set_ylabel("R_NL = V_NL / I (mΩ)")
    ax.legend(fontsize=8, ncol=2, loc="upper center", bbox_to_anchor=(0.5, -0.14))
    fig.suptitle(ds.attrs.get("title", ""))
    return {"hanle": fig}


register(
    Kind(
        name="nonlocal_spin_valve",
        summary="nonlocal spin valve: signal vs distance, Hanle precession, fits of D, tau_s, P",
        params=NLSV_PARAMS,
        compute=nlsv_compute,
        plot=nlsv_plot,
        tour={"material": "Cu"},
    )
)
