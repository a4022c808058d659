"""Scenario kind ``spin_diffusion``: steady spin accumulation in a 1D channel.

Runs the finite-volume solver of :mod:`spinkit.spindiffusion.steady`, checks it against the
closed form, fits the spin-diffusion length back out of the profile and, given a file of
measured (x, mu_s) points, fits lambda_s to them too.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import xarray as xr

from spinkit import materials
from spinkit.errors import ParameterError
from spinkit.progress import Progress
from spinkit.scenario.params import Param
from spinkit.scenario.registry import Kind, register
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
        sigma, _material_value(p["material"], "fermi_energy", "diffusion_constant")
    )
    tau = p["spin_lifetime"] or _material_value(
        p["material"], "spin_diffusion_length", "spin_lifetime"
    ) ** 2 / d
    return {"conductivity": sigma, "diffusion_constant": d, "spin_lifetime": tau}


def _read_measured(path: str) -> tuple[np.ndarray, np.ndarray]:
    try:
        data = np.loadtxt(path, delimiter=",", comments="#", ndmin=2)
    except ValueError as exc:
        raise ParameterError("measured", path, f"not a two-column CSV of numbers: {exc}") from None
    if data.shape[1] != 2:
        raise ParameterError("measured", path, f"needs 2 columns (x, mu_s), has {data.shape[1]}")
    return data[:, 0], data[:, 1]


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
            "mu_s": ("x", sol.mu_s, {"units": "V", "long_name": "spin accumulation mu_s/e"}),
            "mu_s_exact": ("x", exact, {"units": "V", "long_name": "closed form mu_s/e"}),
            "spin_current": ("x", sol.spin_current,
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
        coords={"x": ("x", sol.x, {"units": "m", "long_name": "position along the channel"})},
        attrs={"title": f"Steady spin accumulation in {p['material']} ({p['far_end']} end)"},
    )
    if p["measured"]:
        mx, my = _read_measured(p["measured"])
        lam_m, lam_m_err, amp_m = fit_decay(mx, my, length=p["length"], far_end=p["far_end"])
        ds = ds.assign_coords(x_measured=("x_measured", mx, {"units": "m"}))
        ds["measured_mu_s"] = ("x_measured", my, {"units": "V", "long_name": "measured mu_s/e"})
        ds["measured_spin_diffusion_length"] = ((), lam_m, {
            "units": "m", "long_name": "lambda_s fitted to the measured data"})
        ds["measured_spin_diffusion_length_stderr"] = ((), lam_m_err, {
            "units": "m", "long_name": "standard error of the measured lambda_s"})
        ds["measured_amplitude"] = ((), amp_m, {"units": "V", "long_name": "fitted amplitude"})
    progress.advance()
    return ds


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
    return {"profile": fig}


register(
    Kind(
        name="spin_diffusion",
        summary="steady spin accumulation and spin-diffusion length in a 1D channel",
        params=PARAMS,
        compute=compute,
        plot=plot,
        tour={"material": "Cu", "length": 2e-6, "cells": 400},
    )
)
