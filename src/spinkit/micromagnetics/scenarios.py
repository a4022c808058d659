"""Scenario kind ``micromagnetic``: relax a sample on a mesh, then evolve it under fields and
currents.

The defaults are muMAG standard problem 4 (NIST CTCMS, 2000): a permalloy film 500 nm x
125 nm x 3 nm, relaxed to its S-state from m ~ (1, 0.25, 0.1), then switched by
B = (-24.6, 4.3, 0) mT (field 1) with alpha = 0.02 over 1 ns. The tour runs it on 5 nm cells.

Scenario kind ``micromagnetic_hysteresis``: the same sample description, relaxed at each field
of a loop +B_max -> -B_max -> +B_max; the coercive field comes from the descending branch.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import xarray as xr

from spinkit import materials
from spinkit.errors import ParameterError
from spinkit.magnetization import SpinOrbitTorque, ThermalField, UniaxialAnisotropy, Zeeman
from spinkit.micromagnetics.demag import Demag
from spinkit.micromagnetics.dmi import DMI
from spinkit.micromagnetics.driver import evolve, hysteresis, keep_freed_memory, relax
from spinkit.micromagnetics.exchange import Exchange
from spinkit.micromagnetics.magnet import Magnet
from spinkit.micromagnetics.mesh import Mesh, ellipse
from spinkit.micromagnetics.zhangli import ZhangLi
from spinkit.progress import Progress
from spinkit.scenario.params import Param
from spinkit.scenario.registry import Kind, register

PARAMS = (
    Param("material", "material", "Ni80Fe20", doc="material giving Ms, A_ex and alpha"),
    Param("Ms", "float", None, "A/m", "saturation magnetization", low=0, high=1e7,
          low_open=True, default_doc="the material's Ms"),
    Param("A_ex", "float", None, "J/m", "exchange stiffness", low=0, high=1e-9,
          default_doc="the material's A_ex"),
    Param("alpha", "float", None, "", "Gilbert damping", low=0, high=10,
          default_doc="the material's alpha"),
    Param("size", "vector", (500e-9, 125e-9, 3e-9), "m", "sample size (x, y, z)", low=0,
          high=1e-5, low_open=True),
    Param("cell", "vector", (2.5e-9, 2.5e-9, 3e-9), "m", "cell size (must divide size)",
          low=0, high=1e-6, low_open=True),
    Param("pbc", "choice", "", doc="periodic directions (exchange, DMI, currents; demag sums "
          "10 images on each side)", choices=("", "x", "y", "xy")),
    Param("shape", "choice", "box", doc="sample shape in the xy plane (extruded along z)",
          choices=("box", "ellipse")),
    Param("anisotropy", "float", 0.0, "J/m^3", "uniaxial anisotropy constant K_u",
          low=-1e8, high=1e8),
    Param("anisotropy_axis", "vector", (0.0, 0.0, 1.0), "", "uniaxial anisotropy axis"),
    Param("dmi", "float", 0.0, "J/m^2", "Dzyaloshinskii-Moriya constant D (mumax3's sign "
          "convention)", low=-1e-1, high=1e-1),
    Param("dmi_kind", "choice", "interfacial", doc="interfacial (C_nv, normal z) or bulk "
          "(B20) DMI", choices=("interfacial", "bulk")),
    Param("demag", "bool", True, doc="include the demagnetizing field"),
    Param("initial", "vector", (1.0, 0.25, 0.1), "", "initial direction of m"),
    Param("relax_first", "bool", True, doc="relax the initial state at zero field first"),
    Param("field", "vector", (-24.6e-3, 4.3e-3, 0.0), "T", "applied field mu0 H during the run",
          low=-100, high=100),
    Param("current_density", "vector", (0.0, 0.0, 0.0), "A/m^2",
          "in-plane current density of the Zhang-Li torque", low=-1e14, high=1e14),
    Param("polarization", "float", 0.5, "", "spin polarization P of the Zhang-Li torque",
          low=-1, high=1),
    Param("beta", "float", 0.0, "", "non-adiabaticity beta of the Zhang-Li torque",
          low=-10, high=10),
    Param("sot_current_density", "float", 0.0, "A/m^2",
          "heavy-metal current density of the spin-orbit torque (spin direction +y)",
          low=-1e14, high=1e14),
    Param("spin_hall_angle", "float", 0.1, "", "damping-like efficiency theta_DL",
          low=-10, high=10),
    Param("field_like_angle", "float", 0.0, "", "field-like efficiency theta_FL",
          low=-10, high=10),
    Param("temperature", "float", 0.0, "K", "temperature of the thermal field", low=0,
          high=1e4),
    Param("dt", "float", None, "s", "fixed step of the stochastic Heun scheme", low=0,
          high=1e-9, low_open=True, default_doc="1e-13 s, used only when temperature > 0"),
    Param("duration", "float", 1e-9, "s", "simulated time", low=0, high=1e-6, low_open=True),
    Param("output_every", "float", 5e-12, "s", "interval between outputs", low=0, high=1e-6,
          low_open=True),
    Param("method", "choice", "rk45", doc="embedded Runge-Kutta pair: Dormand-Prince or "
          "Fehlberg (5th-order solution; larger steps on fine meshes)",
          choices=("rk45", "rkf45")),
    Param("tol", "float", 1e-5, "", "largest error of m per step (adaptive RK45)", low=0,
          high=0.1, low_open=True),
    Param("relax_tol", "float", 1e-4, "T", "relaxation stops at max |m x B_eff| below this",
          low=0, high=1, low_open=True),
    Param("table", "str", "", doc="mumax3-style table file to write ('' = none)"),
    Param("snapshots", "str", "", doc="directory for OVF 2.0 snapshots ('' = none)"),
    Param("checkpoint", "str", "", doc="checkpoint file; an interrupted run resumes from it "
          "('' = none)"),
)


def _material(p: dict[str, Any], key: str, mat_key: str) -> float:
    if p[key] is not None:
        return float(p[key])
    mat = materials.get(p["material"])
    if mat_key not in mat:
        raise ParameterError(key, None, f"required: material {p['material']} has no "
                             f"{mat_key}; give {key}")
    return mat.value(mat_key)


def build(p: dict[str, Any]) -> tuple[Magnet, Magnet]:
    """The relaxation magnet (no applied field, no currents) and the driven one."""
    ms, a_ex, alpha = (_material(p, "Ms", "Ms"), _material(p, "A_ex", "A_ex"),
                       _material(p, "alpha", "alpha"))
    mesh = Mesh.from_size(p["size"], p["cell"], pbc=p["pbc"])
    lx, ly, _ = mesh.size
    shape = ellipse((lx / 2, ly / 2), (lx / 2, ly / 2)) if p["shape"] == "ellipse" else None
    terms = Exchange(a_ex)
    if p["demag"]:
        terms = terms + Demag()
    if p["anisotropy"] != 0:
        terms = terms + UniaxialAnisotropy(p["anisotropy"], p["anisotropy_axis"])
    if p["dmi"] != 0:
        if a_ex <= 0:
            raise ParameterError("dmi", p["dmi"], "needs A_ex > 0 (A fixes DMI's boundary "
                                 "condition)")
        terms = terms + DMI(p["dmi"], p["dmi_kind"])
    static = Magnet(mesh, ms, alpha, terms, shape=shape)
    driven = terms + Zeeman(p["field"])
    if np.any(np.asarray(p["current_density"]) != 0):
        driven = driven + ZhangLi(p["current_density"], p["polarization"], p["beta"])
    if p["sot_current_density"] != 0:
        driven = driven + SpinOrbitTorque(p["sot_current_density"], p["spin_hall_angle"],
                                          mesh.size[2], field_like_angle=p["field_like_angle"])
    if p["temperature"] > 0:
        driven = driven + ThermalField(p["temperature"])
    return static, static.with_terms(driven)


def _first_zero(t: np.ndarray, y: np.ndarray) -> float:
    """First time y changes sign, linearly interpolated [s]; NaN if it never does."""
    idx = np.nonzero(np.sign(y[1:]) != np.sign(y[:-1]))[0]
    if len(idx) == 0:
        return float("nan")
    i = idx[0]
    return float(t[i] - y[i] * (t[i + 1] - t[i]) / (y[i + 1] - y[i]))


def compute(p: dict[str, Any], rng: np.random.Generator, progress: Progress) -> xr.Dataset:
    """Relax, evolve, and gather <m>(t), energies and the final state."""
    if abs(round(p["duration"] / p["output_every"]) * p["output_every"] - p["duration"]) \
            > 1e-9 * p["duration"]:
        raise ParameterError("output_every", p["output_every"], "must divide duration")
    static, driven = build(p)
    keep_freed_memory()  # the run owns its process (driver module docstring)
    m0 = static.uniform(p["initial"])
    relax_iterations = 0
    if p["relax_first"]:
        relaxed = relax(static, m0, tol=p["relax_tol"])
        m0, relax_iterations = relaxed.m, relaxed.iterations
    m_relaxed = static.average(m0)
    run = evolve(driven, m0, p["duration"], output_every=p["output_every"],
                 method=p["method"], tol=p["tol"],
                 dt=p["dt"] or 1e-13, seed=rng, table=p["table"] or None,
                 snapshots=p["snapshots"] or None, checkpoint=p["checkpoint"] or None,
                 resume=bool(p["checkpoint"]), progress=progress)
    mesh = static.mesh
    coords = [o + (np.arange(k) + 0.5) * c for o, k, c in
              zip(mesh.origin, mesh.n, mesh.cell, strict=True)]

    def scalar(value: float, units: str, name: str) -> tuple:
        return ((), value, {"units": units, "long_name": name})

    ds = xr.Dataset(
        {
            "m": (("time", "component"), run.m, {"units": "", "long_name": "average <m>"}),
            "energy": ("time", run.energy, {"units": "J", "long_name": "total energy"}),
            "m_final": (("x", "y", "z", "component"), run.final,
                        {"units": "", "long_name": "final magnetization"}),
            "relaxed_mx": scalar(float(m_relaxed[0]), "", "<m_x> of the relaxed state"),
            "relaxed_my": scalar(float(m_relaxed[1]), "", "<m_y> of the relaxed state"),
            "final_mx": scalar(float(run.m[-1, 0]), "", "final <m_x>"),
            "final_my": scalar(float(run.m[-1, 1]), "", "final <m_y>"),
            "final_mz": scalar(float(run.m[-1, 2]), "", "final <m_z>"),
            "mx_zero_crossing": scalar(_first_zero(run.t, run.m[:, 0]), "s",
                                       "first zero crossing of <m_x>"),
            "relax_iterations": scalar(relax_iterations, "", "relaxation iterations"),
            "field_evaluations": scalar(run.evaluations, "", "effective-field evaluations"),
            "steps": scalar(run.steps, "", "accepted time steps"),
        },
        coords={"time": ("time", run.t, {"units": "s", "long_name": "time"}),
                "component": ["x", "y", "z"],
                "x": ("x", coords[0], {"units": "m", "long_name": "x"}),
                "y": ("y", coords[1], {"units": "m", "long_name": "y"}),
                "z": ("z", coords[2], {"units": "m", "long_name": "z"})},
        attrs={"title": f"micromagnetic: {mesh.n[0]}x{mesh.n[1]}x{mesh.n[2]} cells, "
                        f"B = {np.round(np.asarray(p['field']) * 1e3, 2).tolist()} mT"},
    )
    return ds


def plot(ds: xr.Dataset) -> dict[str, Any]:
    """<m>(t), and the final state's m_x in the bottom layer with in-plane arrows."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 3.8), layout="constrained")
    t = ds["time"].values * 1e9
    for i, c in enumerate("xyz"):
        ax.plot(t, ds["m"].values[:, i], label=f"<m_{c}>")
    ax.set_xlabel("t (ns)")
    ax.set_ylabel("<m>")
    ax.legend(fontsize=8)
    ax.set_title(ds.attrs.get("title", ""), fontsize=9)
    fig2, ax2 = plt.subplots(figsize=(7, 3.2), layout="constrained")
    m = ds["m_final"].values[:, :, 0, :]
    x, y = ds["x"].values * 1e9, ds["y"].values * 1e9
    empty = ~np.any(m, axis=-1)  # cells outside the shape: left blank, not m_x = 0
    mx = np.where(empty, np.nan, m[..., 0])
    im = ax2.pcolormesh(x, y, mx.T, cmap="RdBu", vmin=-1, vmax=1, shading="auto")
    step = max(1, -(-max(len(x), len(y)) // 20))  # at most 20 arrows along a side
    pitch = float(min(np.diff(v).min() if len(v) > 1 else np.inf for v in (x, y)))
    pitch = pitch if np.isfinite(pitch) else 1.0  # a single cell: any length
    sub = (slice(None, None, step), slice(None, None, step))
    keep = ~empty[sub].T
    xx, yy = np.meshgrid(x[::step], y[::step])
    ax2.quiver(xx[keep], yy[keep], m[sub][..., 0].T[keep], m[sub][..., 1].T[keep],
               pivot="mid", angles="xy", scale_units="xy",
               scale=1 / (0.8 * step * pitch))  # arrows 0.8 of their spacing
    ax2.set_aspect("equal")
    ax2.set_xlabel("x (nm)")
    ax2.set_ylabel("y (nm)")
    ax2.set_title(f"final state, t = {t[-1]:.3g} ns, bottom layer: colour m_x, "
                  "arrows in-plane (m_x, m_y)", fontsize=9)
    fig2.colorbar(im, ax=ax2, label="m_x", shrink=0.8)
    return {"average": fig, "final_state": fig2}


register(Kind(
    name="micromagnetic",
    summary="finite-difference micromagnetics: relax, then evolve under field, STT and SOT "
            "(default: muMAG standard problem 4)",
    params=PARAMS,
    compute=compute,
    plot=plot,
    tour={"cell": (5e-9, 5e-9, 3e-9), "output_every": 1e-11},
))


# ------------------------------------------------------------ micromagnetic_hysteresis
_SHARED = ("material", "Ms", "A_ex", "alpha", "size", "cell", "pbc", "shape", "anisotropy",
           "anisotropy_axis", "dmi", "dmi_kind", "demag", "initial", "relax_tol")
HYSTERESIS_PARAMS = tuple(q for q in PARAMS if q.name in _SHARED) + (
    Param("field_max", "vector", (0.1, 0.002, 0.0), "T",
          "largest applied field of the loop; the sweep runs +field_max -> -field_max -> "
          "+field_max", low=-100, high=100),
    Param("steps", "int", 41, "", "fields per branch", low=3, high=10_000),
)


def compute_hysteresis(p: dict[str, Any], rng: np.random.Generator,
                       progress: Progress) -> xr.Dataset:
    """Relax at each field of the loop; the coercive field from the descending branch."""
    direction = np.asarray(p["field_max"], dtype=float)
    b_max = float(np.linalg.norm(direction))
    if b_max == 0:
        raise ParameterError("field_max", p["field_max"], "must be a non-zero field [T]")
    unit = direction / b_max
    static, _ = build(p | {"field": (0.0, 0.0, 0.0), "current_density": (0.0, 0.0, 0.0),
                           "sot_current_density": 0.0, "temperature": 0.0})
    scale = np.concatenate([np.linspace(1, -1, p["steps"]), np.linspace(-1, 1, p["steps"])[1:]])
    fields = np.outer(scale, direction)
    keep_freed_memory()  # the run owns its process (driver module docstring)
    progress.reset(1, "hysteresis")
    loop = hysteresis(static, static.uniform(p["initial"]), fields, tol=p["relax_tol"])
    progress.advance()
    along = loop.m @ unit
    down = slice(0, p["steps"])
    coercive = _first_zero(scale[down] * b_max, along[down])
    ds = loop.to_xarray()
    ds["m_along"] = ("step", along, {"units": "", "long_name": "<m> along the field axis"})
    ds["B_along"] = ("step", scale * b_max, {"units": "T",
                                             "long_name": "applied field along its axis"})
    ds["coercive_field"] = ((), abs(coercive), {"units": "T", "long_name":
                                                "coercive field (descending branch)"})
    ds["saturation_m"] = ((), float(along[0]), {"units": "", "long_name":
                                                "<m> along the field at +field_max"})
    ds.attrs["title"] = (f"hysteresis: {static.mesh.n[0]}x{static.mesh.n[1]}x"
                         f"{static.mesh.n[2]} cells, field axis {np.round(unit, 3).tolist()}")
    return ds


def plot_hysteresis(ds: xr.Dataset) -> dict[str, Any]:
    """<m> along the field axis against the field [mT]."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 4), layout="constrained")
    ax.plot(ds["B_along"].values * 1e3, ds["m_along"].values, "o-", ms=3)
    ax.set_xlabel("B along the field axis (mT)")
    ax.set_ylabel("<m> along the field axis")
    ax.set_title(ds.attrs.get("title", ""), fontsize=9)
    return {"loop": fig}


register(Kind(
    name="micromagnetic_hysteresis",
    summary="finite-difference micromagnetics: hysteresis loop by energy minimization",
    params=HYSTERESIS_PARAMS,
    compute=compute_hysteresis,
    plot=plot_hysteresis,
    tour={"size": (100e-9, 50e-9, 5e-9), "cell": (5e-9, 5e-9, 5e-9), "shape": "ellipse",
          "steps": 21},
))
