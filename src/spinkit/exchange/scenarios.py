"""Scenario kinds of the exchange chapter.

* ``heisenberg`` - classical Heisenberg/Ising Monte Carlo temperature scan on a lattice for
  several sizes: M (or the staggered M of an antiferromagnet), chi, C and the Binder
  cumulant vs T, T_c from Binder-cumulant crossings, compared with mean field.
* ``stoner`` - Stoner model on a density of states: moment vs I, the criterion
  I N(E_F) > 1, the split bands, and M(T) up to the Stoner T_c; ``element`` marks an element
  of the Stoner table (spinkit.materials.stoner_parameters) by its tabulated I N(E_F).
* ``hubbard_dimer`` - exchange from the two-electron problem: the Hubbard dimer's
  singlet-triplet splitting vs U/t against the closed form and superexchange 4t^2/U.
* ``exchange_dipolar`` - exchange against dipolar energy of neighbouring moments of a
  material: the orders of magnitude behind "magnetic order is set by exchange".
"""

from __future__ import annotations

from typing import Any

import numpy as np
import xarray as xr

from spinkit import constants, materials
from spinkit.errors import ConvergenceError, ParameterError
from spinkit.exchange.dipolar import dipolar_energy_per_site, exchange_vs_dipolar
from spinkit.exchange.dos import DensityOfStates
from spinkit.exchange.heisenberg import HeisenbergModel, parallel_tempering, temperature_scan
from spinkit.exchange.meanfield import mean_field_order
from spinkit.exchange.quantum import HubbardDimer, hubbard_dimer_splitting
from spinkit.exchange.stoner import (
    fermi_level,
    solve_stoner,
    stoner_product,
    stoner_tc,
)
from spinkit.lattice import LATTICES, make_lattice
from spinkit.progress import Progress
from spinkit.scenario.params import Param
from spinkit.scenario.registry import Kind, register

# ------------------------------------------------------------------------------ heisenberg
HEISENBERG_PARAMS = (
    Param("lattice", "choice", "sc", doc="lattice of the spins", choices=tuple(LATTICES)),
    Param("J1", "float", 1e-21, "J", "nearest-neighbour exchange (> 0 ferro, < 0 antiferro)",
          low=-1e-18, high=1e-18),
    Param("J2", "float", 0.0, "J", "second-neighbour exchange", low=-1e-18, high=1e-18),
    Param("J3", "float", 0.0, "J", "third-neighbour exchange", low=-1e-18, high=1e-18),
    Param("spin_model", "choice", "heisenberg", doc="classical vector spins or Ising +-z",
          choices=("heisenberg", "ising")),
    Param("sizes", "str", "6,10", doc="linear sizes L of the L^d supercells, comma-separated "
          "(>= 2 sizes for a Binder crossing)"),
    Param("t_min", "float", None, "K", "lowest temperature", low=0, high=1e5, low_open=True,
          default_doc="0.55 x the mean-field T_c"),
    Param("t_max", "float", None, "K", "highest temperature", low=0, high=1e5,
          low_open=True, default_doc="1.05 x the mean-field T_c"),
    Param("temperatures", "int", 12, "", "number of temperatures in the scan", low=3,
          high=200),
    Param("sweeps", "int", 2000, "", "measured sweeps per temperature", low=64, high=10**7),
    Param("thermalization", "int", 500, "", "discarded sweeps per temperature", low=0,
          high=10**7),
    Param("algorithm", "choice", "auto", doc="Monte Carlo updates; auto = Wolff clusters "
          "without field/anisotropy, else Metropolis + over-relaxation",
          choices=("auto", "metropolis", "wolff")),
    Param("overrelax", "int", 1, "", "over-relaxation sweeps per Metropolis sweep", low=0,
          high=100),
    Param("checkerboard", "bool", True, doc="Metropolis + over-relaxation by colour classes, "
          "vectorised and on the numba threads (same result for any thread count); off: "
          "the sequential sweep on one core"),
    Param("tempering", "bool", False, doc="parallel tempering: one replica per temperature, "
          "neighbours swap every 10 sweeps (instead of one annealed chain)"),
    Param("anisotropy", "float", 0.0, "J", "uniaxial anisotropy K along z (Heisenberg)",
          low=-1e-18, high=1e-18),
    Param("field", "vector", (0.0, 0.0, 0.0), "T", "applied field B", low=-1e4, high=1e4),
    Param("moment", "float", constants.mu_B, "J/T", "moment mu_s coupling to B",
          low=0, high=1e-20, low_open=True),
)


def _sizes(text: str, dim: int) -> list[int]:
    try:
        sizes = sorted({int(s) for s in text.split(",") if s.strip()})
    except ValueError:
        sizes = []
    if not sizes or sizes[0] < 2 or sizes[-1] ** dim > 2_000_000:
        raise ParameterError("sizes", text, "must be comma-separated integers >= 2 with "
                             "L^d <= 2e6, e.g. \"6,10\"")
    return sizes


def _spline_crossing(temps: np.ndarray, u_a: np.ndarray, u_b: np.ndarray,
                     near: float | None = None) -> float:
    """Where cubic splines through two Binder curves cross, nearest ``near`` (default: the
    scan's middle)."""
    from scipy.interpolate import CubicSpline
    from scipy.optimize import brentq

    diff = CubicSpline(temps, u_b - u_a)
    fine = np.linspace(temps[0], temps[-1], 40 * temps.size)
    vals = diff(fine)
    change = np.nonzero(np.sign(vals[:-1]) * np.sign(vals[1:]) < 0)[0]
    if change.size == 0:
        return float("nan")
    target = temps.mean() if near is None else near
    k = int(change[np.argmin(np.abs(fine[change] - target))])
    return float(brentq(diff, fine[k], fine[k + 1]))


def _crossing(temps: np.ndarray, u: np.ndarray, du: np.ndarray) -> tuple[float, float]:
    """Mean Binder crossing of consecutive sizes and its error (NaN if none).

    Each pair's crossing is the root of a cubic spline through U_large - U_small (a coarse
    scan's curvature would bias a straight line); its error is the spread over 200 copies
    of the curves with Gaussian noise of their error bars (half the 16-84 % range; fixed
    seed, so reproducible).
    """
    noise = np.random.default_rng(0)
    found = []
    for a in range(u.shape[0] - 1):
        tx = _spline_crossing(temps, u[a], u[a + 1])
        if not np.isfinite(tx):
            continue
        copies = [_spline_crossing(temps, u[a] + du[a] * noise.standard_normal(temps.size),
                                   u[a + 1] + du[a + 1] * noise.standard_normal(temps.size),
                                   near=tx)
                  for _ in range(200)]
        lo, hi = np.nanpercentile(copies, [16, 84])
        found.append((tx, float(hi - lo) / 2))
    if not found:
        return float("nan"), float("nan")
    tx = np.array(found)
    err = np.sqrt(np.sum(tx[:, 1] ** 2)) / len(found)
    if len(found) > 1:
        err = max(err, float(tx[:, 0].std(ddof=1) / np.sqrt(len(found))))
    return float(tx[:, 0].mean()), float(err)


def heisenberg_compute(p: dict[str, Any], rng: np.random.Generator,
                       progress: Progress) -> xr.Dataset:
    """Temperature scans for every size, Binder-crossing T_c and mean-field comparison."""
    lattice = make_lattice(p["lattice"])
    exchange = [p["J1"], p["J2"], p["J3"]]
    while len(exchange) > 1 and exchange[-1] == 0:
        exchange.pop()
    if p["J1"] == 0 and len(exchange) == 1:
        raise ParameterError("J1", 0.0, "needs some exchange: J1, J2 or J3 non-zero")
    ising = p["spin_model"] == "ising"
    sizes = _sizes(p["sizes"], lattice.dim)
    field = tuple(p["field"])
    algorithm = p["algorithm"]
    if algorithm == "auto":
        algorithm = "metropolis" if (p["anisotropy"] or any(field)) else "wolff"
    # classical mean field: <S_z^2> = 1/3 for vector spins, 1 for Ising spins
    tc_mf = mean_field_order(lattice, exchange).tc * (3.0 if ising else 1.0)
    t_min = p["t_min"] or 0.55 * tc_mf
    t_max = p["t_max"] or 1.05 * tc_mf
    if t_max <= t_min:
        raise ParameterError("t_max", t_max, f"must exceed t_min = {t_min:g} K")
    temps = np.linspace(t_min, t_max, p["temperatures"])
    results = []
    stag = False
    swap_rate = 1.0
    run = dict(sweeps=p["sweeps"], thermalization=p["thermalization"], algorithm=algorithm,
               overrelax=p["overrelax"], checkerboard=p["checkerboard"], rng=rng,
               progress=progress)
    for size in sizes:
        try:
            model = HeisenbergModel.on_lattice(lattice, size, exchange, ising=ising,
                                               anisotropy=p["anisotropy"], field=field,
                                               moment=p["moment"])
        except ParameterError as exc:
            if exc.name != "size":
                raise
            raise ParameterError("sizes", p["sizes"], f"L = {size} {exc.allowed}") from None
        stag = p["J1"] < 0 and model.staggered_sign() is not None
        if p["tempering"]:
            res, swaps = parallel_tempering(model, temps, **run)
            swap_rate = min(swap_rate, float(swaps.min()))
        else:
            res = temperature_scan(model, temps, **run)
        results.append(res)
    scans = xr.concat([r.to_xarray() for r in results], dim="size")
    scans.attrs = {}  # the per-size attributes (n_sites, size) are in the "size" coordinate
    scans = scans.assign_coords(size=("size", sizes, {"units": "", "long_name": "L"}))
    order = "staggered_binder" if stag else "binder"
    tc, tc_err = _crossing(temps, scans[order].values, scans[order + "_err"].values)
    j_scale = abs(p["J1"]) or max(abs(j) for j in exchange)
    ds = scans.assign({
        "tc_binder": ((), tc, {"units": "K", "long_name": "T_c from Binder crossings"}),
        "tc_binder_err": ((), tc_err, {"units": "K", "long_name": "its standard error"}),
        "tc_mean_field": ((), tc_mf, {"units": "K", "long_name": "mean-field T_c (classical)"}),
        "tc_reduced": ((), tc * constants.k_B / j_scale,
                       {"units": "", "long_name": "k_B T_c / |J1|"}),
        "tc_over_mean_field": ((), tc / tc_mf, {"units": "", "long_name": "T_c / T_c(MF)"}),
        **({"lowest_swap_acceptance": ((), swap_rate, {
            "units": "", "long_name": "lowest replica-swap acceptance"})}
           if p["tempering"] else {}),
        "largest_tau_int": ((), float(scans["tau_int"].max()), {
            "units": "sweeps", "long_name": "largest autocorrelation time of |m|"}),
    })
    ds.attrs.update(title=f"{p['spin_model'].capitalize()} {p['lattice']} "
                    f"{'antiferromagnet' if stag else 'magnet'}, J = {exchange} J "
                    f"({algorithm})", order_parameter="staggered" if stag else "uniform")
    return ds


def heisenberg_plot(ds: xr.Dataset) -> dict[str, Any]:
    """M, chi, C and U_4 vs T for every size, T_c marked with its one-sigma band."""
    import matplotlib.pyplot as plt

    stag = ds.attrs.get("order_parameter") == "staggered"
    pre = "staggered_" if stag else ""
    word = "staggered " if stag else ""
    panels = (("staggered" if stag else "magnetization", "$|M_s|/N$" if stag else "$|M|/N$", 1),
              (pre + "susceptibility", word + r"$\chi k_B$ (1/K per spin)", constants.k_B),
              ("specific_heat", r"$C/k_B$ per spin", 1 / constants.k_B),
              (pre + "binder", word + r"Binder $U_4$", 1))
    tname = "$T_N$" if stag else "$T_c$"
    fig, axes = plt.subplots(2, 2, figsize=(10, 7), layout="constrained")
    t = ds["temperature"].values
    tc, tc_err = float(ds["tc_binder"]), float(ds["tc_binder_err"])
    found = f"{tname} = {tc:.1f} $\\pm$ {tc_err:.1f} K (Binder crossing)"
    for ax, (var, label, scale) in zip(axes.flat, panels, strict=True):
        for k, size in enumerate(ds["size"].values):
            ax.errorbar(t, ds[var].values[k] * scale, ds[var + "_err"].values[k] * scale,
                        fmt="o-", ms=3, capsize=2, label=f"L = {size}")
        if np.isfinite(tc):
            ax.axvline(tc, ls=":", color="k", lw=1, label=found)
            if np.isfinite(tc_err):
                ax.axvspan(tc - tc_err, tc + tc_err, color="0.8", alpha=0.6, lw=0)
        ax.set_xlabel("T (K)")
        ax.set_ylabel(label)
    axes[0, 0].legend(fontsize=8, title_fontsize=8,
                      title=f"mean-field {tname} = {float(ds['tc_mean_field']):.4g} K")
    fig.suptitle(ds.attrs.get("title", ""))
    return {"scan": fig}


register(Kind(
    name="heisenberg",
    summary="classical Heisenberg/Ising Monte Carlo: M, chi, C, Binder U4 vs T and T_c",
    params=HEISENBERG_PARAMS,
    compute=heisenberg_compute,
    plot=heisenberg_plot,
    tour={"lattice": "sc", "J1": 1e-21, "sizes": "6,10", "t_min": 96.0, "t_max": 112.0,
          "temperatures": 8, "sweeps": 1500, "thermalization": 200},
))

# ---------------------------------------------------------------------------------- stoner
_DOS_MODELS = ("semi_elliptic", "rectangular", "free_electron", "sc", "bcc", "fcc", "file")
_TB_WIDTH = {"sc": 12.0, "bcc": 16.0, "fcc": 16.0}  # band width / t

STONER_PARAMS = (
    Param("dos", "choice", "bcc", doc="density of states: model shape, tight-binding band of "
          "a lattice, or a file", choices=_DOS_MODELS),
    Param("dos_file", "file", None, doc="CSV of E [eV], N(E) [states/eV per spin per atom] "
          "for dos = \"file\"", default_doc="none"),
    Param("bandwidth", "float", 8.0e-19, "J", "band width W (Fermi energy for free_electron)",
          low=0, high=1e-16, low_open=True),
    Param("degeneracy", "int", 5, "", "orbitals per spin sharing the band shape (5: d band); "
          "not applied to dos = \"file\", which holds the whole N(E)", low=1, high=14),
    Param("n_electrons", "float", 7.0, "", "electrons per atom in the band (both spins)",
          low=0, low_open=True),
    Param("stoner_I", "float", 9.6e-20, "J", "Stoner parameter I (9.6e-20 J = 0.6 eV)", low=0,
          high=1e-16),
    Param("i_points", "int", 41, "", "points of the moment-vs-I curve", low=3, high=2001),
    Param("temperatures", "int", 10, "", "points of the M(T) curve (0: none)", low=0,
          high=500),
    Param("element", "str", None, doc="element of the Stoner table of elements "
          "(spinkit.materials.stoner_parameters): marks where its tabulated I N(E_F) sits "
          "on the moment-vs-I curve", default_doc="none"),
)


def _dos(p: dict[str, Any]) -> DensityOfStates:
    kind, w, g = p["dos"], p["bandwidth"], p["degeneracy"]
    if kind == "file":
        if not p["dos_file"]:
            raise ParameterError("dos_file", None, "required when dos = \"file\"")
        try:
            data = np.loadtxt(p["dos_file"], delimiter=",", comments="#", ndmin=2)
        except ValueError as exc:
            raise ParameterError("dos_file", p["dos_file"], f"not a CSV of numbers: {exc}") \
                from None
        if data.shape[1] != 2:
            raise ParameterError("dos_file", p["dos_file"], "needs 2 columns: E, N(E)")
        return DensityOfStates.tabulated(data[:, 0] * constants.eV, data[:, 1] / constants.eV,
                                         name="file")
    if kind == "free_electron":
        base = DensityOfStates.free_electron(w, 1.0)
    elif kind in _TB_WIDTH:
        base = DensityOfStates.tight_binding(kind, w / _TB_WIDTH[kind])
    else:
        base = getattr(DensityOfStates, kind)(w)
    return DensityOfStates(base.energy, base.dos * g, f"{base.name} x {g}")


def stoner_compute(p: dict[str, Any], rng: np.random.Generator,
                   progress: Progress) -> xr.Dataset:
    """Criterion, moment vs I, split bands at I, and M(T) up to the Stoner T_c."""
    dos = _dos(p)
    n, i = p["n_electrons"], p["stoner_I"]
    if n >= 2 * dos.capacity:
        raise ParameterError("n_electrons", n, f"must be < {2 * dos.capacity:.6g} "
                             "(both spin bands full)")
    progress.reset(p["i_points"] + p["temperatures"] + 1, "stoner")
    ef = fermi_level(dos, n)
    n_ef = float(dos.value(ef))
    i_c = 1.0 / n_ef if n_ef > 0 else float("inf")
    top = max(2 * i_c, 1.5 * i) if np.isfinite(i_c) else max(2 * i, constants.eV)
    element = materials.stoner_parameters(p["element"]) if p["element"] else None
    if element is not None and np.isfinite(i_c):
        top = max(top, 1.2 * element.product * i_c)
    i_grid = np.linspace(0.0, top, p["i_points"])
    moments = []
    for val in i_grid:
        moments.append(solve_stoner(dos, n, val).moment)
        progress.advance()
    state = solve_stoner(dos, n, i)
    progress.advance()
    try:
        tc = stoner_tc(dos, n, i)
    except ConvergenceError:
        tc = float("nan")
    temps = np.linspace(0.0, 1.1 * tc, p["temperatures"]) if tc > 0 else np.zeros(0)
    m_t = []
    for t in temps:
        m_t.append(solve_stoner(dos, n, i, temperature=float(t)).moment)
        progress.advance()
    ev = constants.eV
    ds = xr.Dataset(
        {
            "dos": ("energy", dos.dos, {"units": "1/J", "long_name":
                                        "N(E) per spin per atom"}),
            "moment_vs_I": ("I_grid", np.abs(moments), {
                "units": "mu_B", "long_name": "T = 0 moment per atom"}),
            "moment_vs_T": ("temperature", np.abs(m_t), {
                "units": "mu_B", "long_name": "moment per atom at I"}),
            "stoner_product": ((), stoner_product(dos, n, i), {
                "units": "", "long_name": "I N(E_F) (> 1: ferromagnetic)"}),
            "I_eV": ((), i / ev, {"units": "eV", "long_name": "Stoner parameter I"}),
            "critical_I": ((), i_c, {"units": "J", "long_name": "I_c = 1 / N(E_F)"}),
            "critical_I_eV": ((), i_c / ev, {"units": "eV", "long_name": "I_c in eV"}),
            "fermi_energy": ((), ef, {"units": "J", "long_name": "paramagnetic E_F"}),
            "dos_at_fermi_energy": ((), n_ef * ev, {"units": "1/eV",
                                                    "long_name": "N(E_F) per spin per atom"}),
            "moment": ((), abs(state.moment), {"units": "mu_B",
                                               "long_name": "T = 0 moment per atom"}),
            "splitting": ((), abs(state.splitting), {"units": "J",
                                                     "long_name": "exchange splitting I m"}),
            "splitting_eV": ((), abs(state.splitting) / ev, {
                "units": "eV", "long_name": "exchange splitting in eV"}),
            "chemical_potential": ((), state.chemical_potential, {
                "units": "J", "long_name": "T = 0 chemical potential"}),
            "stoner_tc": ((), tc, {"units": "K", "long_name": "Stoner Curie temperature"}),
        },
        coords={
            "energy": ("energy", dos.energy, {"units": "J"}),
            "I_grid": ("I_grid", i_grid, {"units": "J", "long_name": "Stoner parameter I"}),
            "temperature": ("temperature", temps, {"units": "K"}),
        },
        attrs={"title": f"Stoner model on a {dos.name} DOS, n = {n:g}, I = {i / ev:.3g} eV"},
    )
    if element is not None:
        cite = f"{element.source.citation}, {element.source.table}"
        ds["element_product"] = ((), element.product, {
            "units": "", "long_name": f"{element.element} ({element.structure}): tabulated "
            "I N(E_F)", "source": cite})
        ds["element_I_eV"] = ((), element.stoner_I / ev, {
            "units": "eV", "long_name": f"{element.element}: tabulated I", "source": cite})
        ds["element_dos_at_fermi_energy"] = ((), element.dos_fermi * ev, {
            "units": "1/eV", "long_name": f"{element.element}: tabulated N(E_F) per spin "
            "per atom", "source": cite})
        ds.attrs["element"] = element.element
    return ds


def stoner_plot(ds: xr.Dataset) -> dict[str, Any]:
    """Split DOS at I (filled parts shaded), moment vs I, and M(T)."""
    import matplotlib.pyplot as plt

    ev = constants.eV
    fig, axes = plt.subplots(1, 3, figsize=(14, 4), layout="constrained")
    e = ds["energy"].values / ev
    n = ds["dos"].values * ev
    half = float(ds["splitting"]) / 2 / ev
    mu = float(ds["chemical_potential"]) / ev
    ax = axes[0]
    for sign, label, color in ((1, "up", "C0"), (-1, "down", "C3")):
        shifted = e - sign * half
        ax.plot(sign * n, shifted, color=color, label=f"spin {label}")
        fill = shifted <= mu
        ax.fill_betweenx(shifted[fill], 0, sign * n[fill], color=color, alpha=0.3)
    ax.axhline(mu, color="k", ls=":", label=r"$E_F$")
    ax.set_xlabel(r"$N(E)$ (1/eV per spin per atom): up > 0, down < 0")
    ax.set_ylabel("E (eV)")
    ax.legend(fontsize=8)
    axes[1].plot(ds["I_grid"].values / ev, ds["moment_vs_I"].values, "o-", ms=3)
    axes[1].axvline(float(ds["critical_I_eV"]), ls=":", color="k",
                    label=rf"$I N(E_F) = 1$: $I_c$ = {float(ds['critical_I_eV']):.3g} eV")
    axes[1].axvline(float(ds["I_eV"]), ls="--", color="C1",
                    label=f"this I = {float(ds['I_eV']):.3g} eV, "
                    f"m = {float(ds['moment']):.3g} " + r"$\mu_B$")
    if "element_product" in ds:
        product = float(ds["element_product"])
        axes[1].axvline(product * float(ds["critical_I_eV"]), ls="-.", color="C2",
                        label=f"{ds.attrs['element']}: tabulated I N(E_F) = {product:.3g} "
                        "(model I with that product)")
    axes[1].set_xlabel("I (eV)")
    axes[1].set_ylabel(r"T = 0 moment ($\mu_B$/atom)")
    axes[1].legend(fontsize=8)
    if ds["temperature"].size:
        axes[2].plot(ds["temperature"].values, ds["moment_vs_T"].values, "o-", ms=3)
        axes[2].axvline(float(ds["stoner_tc"]), ls=":", color="k",
                        label=rf"Stoner $T_c$ = {float(ds['stoner_tc']):.4g} K")
        axes[2].legend(fontsize=8)
    axes[2].set_xlabel("T (K)")
    axes[2].set_ylabel(r"moment at this I ($\mu_B$/atom)")
    fig.suptitle(ds.attrs.get("title", ""))
    return {"stoner": fig}


register(Kind(
    name="stoner",
    summary="Stoner criterion, self-consistent splitting, moment vs I and M(T) on a DOS",
    params=STONER_PARAMS,
    compute=stoner_compute,
    plot=stoner_plot,
    tour={"dos": "bcc", "n_electrons": 7.0, "stoner_I": 9.6e-20, "i_points": 31,
          "temperatures": 8},
))

# --------------------------------------------------------------------------- hubbard dimer
HUBBARD_PARAMS = (
    Param("hopping", "float", 1.6e-20, "J", "hopping t", low=0, high=1e-16, low_open=True),
    Param("u_min", "float", 0.1, "", "smallest U/t (log-spaced scan)", low=0, high=1e6,
          low_open=True),
    Param("u_max", "float", 100.0, "", "largest U/t", low=0, high=1e6, low_open=True),
    Param("points", "int", 60, "", "values of U/t (log-spaced)", low=2, high=10000),
)


def hubbard_compute(p: dict[str, Any], rng: np.random.Generator,
                    progress: Progress) -> xr.Dataset:
    """Singlet-triplet splitting of the Hubbard dimer vs U/t by exact diagonalisation."""
    if p["u_max"] <= p["u_min"]:
        raise ParameterError("u_max", p["u_max"], f"must exceed u_min = {p['u_min']:g}")
    t = p["hopping"]
    ratio = np.geomspace(p["u_min"], p["u_max"], p["points"])
    progress.reset(ratio.size, "hubbard_dimer")
    gap, docc = [], []
    for r in ratio:
        dimer = HubbardDimer(t, r * t)
        gap.append(dimer.singlet_triplet_gap)
        docc.append(dimer.double_occupancy())
        progress.advance()
    gap = np.array(gap)
    closed = np.array([hubbard_dimer_splitting(t, r * t) for r in ratio])
    last = HubbardDimer(t, ratio[-1] * t)
    return xr.Dataset(
        {
            "gap": ("u_over_t", gap, {"units": "J", "long_name": "E_T - E_S (ED)"}),
            "gap_closed_form": ("u_over_t", closed, {
                "units": "J", "long_name": "(U/2)(sqrt(1 + 16 t^2/U^2) - 1)"}),
            "superexchange": ("u_over_t", 4 * t / ratio, {"units": "J",
                                                          "long_name": "4 t^2 / U"}),
            "double_occupancy": ("u_over_t", docc, {"units": "",
                                                    "long_name": "ground-state <D>"}),
            "max_relative_deviation": ((), float(np.max(np.abs(gap / closed - 1))), {
                "units": "", "long_name": "max |ED / closed form - 1|"}),
            "exchange_at_u_max": ((), last.exchange, {
                "units": "J", "long_name": "J = E_S - E_T at the largest U (< 0: AFM)"}),
            "superexchange_ratio_at_u_max": ((), last.singlet_triplet_gap * ratio[-1] / (4 * t),
                                             {"units": "", "long_name":
                                              "(E_T - E_S) / (4 t^2/U) at the largest U"}),
        },
        coords={"u_over_t": ("u_over_t", ratio, {"units": "", "long_name": "U / t"})},
        attrs={"title": f"Hubbard dimer, t = {t / constants.eV * 1e3:.3g} meV"},
    )


def hubbard_plot(ds: xr.Dataset) -> dict[str, Any]:
    """Splitting vs U/t, log-log, with the closed form and 4t^2/U."""
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 2, figsize=(10, 4), layout="constrained")
    r = ds["u_over_t"].values
    ev = constants.eV
    axes[0].loglog(r, ds["gap_closed_form"].values / ev * 1e3, "-", color="0.3",
                   label="closed form")
    axes[0].loglog(r[::3], ds["gap"].values[::3] / ev * 1e3, "o", mfc="none", label="ED")
    axes[0].loglog(r, ds["superexchange"].values / ev * 1e3, "--", label="4t^2/U")
    axes[0].set_xlabel("U / t")
    axes[0].set_ylabel("E_T - E_S (meV)")
    axes[0].legend(fontsize=8)
    axes[1].semilogx(r, ds["double_occupancy"].values)
    axes[1].set_xlabel("U / t")
    axes[1].set_ylabel("double occupancy of the singlet")
    fig.suptitle(ds.attrs.get("title", ""))
    return {"splitting": fig}


register(Kind(
    name="hubbard_dimer",
    summary="exchange from the two-electron problem: Hubbard-dimer singlet-triplet splitting",
    params=HUBBARD_PARAMS,
    compute=hubbard_compute,
    plot=hubbard_plot,
    tour={"points": 40},
))

# ------------------------------------------------------------------------ exchange_dipolar
DIPOLAR_PARAMS = (
    Param("material", "material", "Fe", doc="supplies a, the moment and T_C when not given"),
    Param("lattice", "choice", "bcc", doc="crystal lattice of the moments",
          choices=("sc", "bcc", "fcc")),
    Param("lattice_constant", "float", None, "m", "cubic lattice constant a", low=0,
          high=1e-8, low_open=True, default_doc="the material's lattice_constant"),
    Param("moment", "float", None, "J/T", "atomic moment", low=0, high=1e-20, low_open=True,
          default_doc="the material's moment_per_atom x mu_B"),
    Param("J1", "float", None, "J", "nearest-neighbour exchange", low=-1e-18, high=1e-18,
          default_doc="3 k_B T_C / z (classical mean field) from the material's T_curie"),
)


def _from_material(material: str, key: str, param: str) -> float:
    mat = materials.get(material)
    if key not in mat:
        raise ParameterError(param, None, f"required: {material} has no {key}")
    return mat.value(key)


def dipolar_compute(p: dict[str, Any], rng: np.random.Generator,
                    progress: Progress) -> xr.Dataset:
    """Nearest-neighbour exchange vs dipolar energies and the dipolar lattice sums."""
    a = p["lattice_constant"] or _from_material(p["material"], "lattice_constant",
                                                "lattice_constant")
    mu = p["moment"] or _from_material(p["material"], "moment_per_atom",
                                       "moment") * constants.mu_B
    lattice = make_lattice(p["lattice"], a)
    tc = None if p["J1"] is not None else _from_material(p["material"], "T_curie", "J1")
    cmp = exchange_vs_dipolar(lattice, mu, exchange=p["J1"], curie_temperature=tc)
    directions = {"001": (0, 0, 1), "111": (1, 1, 1)}
    sums = {k: dipolar_energy_per_site(lattice, mu, v, radius=12 * a)
            for k, v in directions.items()}
    kb = constants.k_B
    return xr.Dataset(
        {
            "exchange": ((), cmp.exchange, {"units": "J", "long_name": "|J1| per pair"}),
            "exchange_kelvin": ((), cmp.exchange / kb, {"units": "K",
                                                       "long_name": "|J1| / k_B"}),
            "dipolar": ((), cmp.dipolar, {
                "units": "J", "long_name": "largest nearest-neighbour dipolar pair energy"}),
            "dipolar_kelvin": ((), cmp.dipolar / kb, {"units": "K",
                                                     "long_name": "dipolar energy / k_B"}),
            "ratio": ((), cmp.ratio, {"units": "", "long_name": "exchange / dipolar"}),
            "neighbour_distance": ((), cmp.distance, {"units": "m",
                                                      "long_name": "nearest-neighbour d"}),
            "lorentz_sum_001": ((), sums["001"], {
                "units": "J", "long_name": "dipolar energy per site in a sphere, M || [001]"}),
            "lorentz_sum_111": ((), sums["111"], {
                "units": "J", "long_name": "dipolar energy per site in a sphere, M || [111]"}),
        },
        attrs={"title": f"Exchange vs dipolar coupling, {p['material']} ({p['lattice']})"},
    )


def dipolar_plot(ds: xr.Dataset) -> dict[str, Any]:
    """Energy scales on a log axis: exchange, dipolar pair, room-temperature k_B T."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 4), layout="constrained")
    labels = ["exchange |J1|", "dipolar pair", "k_B x 300 K"]
    values = [float(ds["exchange"]), float(ds["dipolar"]), constants.k_B * 300]
    ax.bar(labels, np.array(values) / constants.eV * 1e3, color=["C0", "C3", "0.6"])
    ax.set_yscale("log")
    ax.set_ylabel("energy (meV)")
    ax.set_title(f"{ds.attrs.get('title', '')}: ratio {float(ds['ratio']):.3g}", fontsize=9)
    return {"energies": fig}


register(Kind(
    name="exchange_dipolar",
    summary="exchange vs dipolar energy of neighbouring moments (why exchange orders magnets)",
    params=DIPOLAR_PARAMS,
    compute=dipolar_compute,
    plot=dipolar_plot,
    tour={"material": "Fe", "lattice": "bcc"},
))
