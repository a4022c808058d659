"""Scenario kinds ``bands`` (spin-orbit bands, spin texture, Berry phase, Chern number) and
``backscattering`` (Born impurity scattering on a TI cone or a Rashba gas)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np
import xarray as xr

from spinkit import constants
from spinkit.bands.dirac import DiracSurface
from spinkit.bands.hamiltonian import BlochHamiltonian, TwoBandSpinHamiltonian
from spinkit.bands.spectrum import band_structure, fermi_contour, straight_path
from spinkit.bands.spin_orbit import SpinOrbit2DEG, rashba_energy, rashba_k0
from spinkit.bands.tight_binding import QiWuZhang
from spinkit.bands.topology import berry_curvature, berry_phase
from spinkit.errors import ParameterError
from spinkit.progress import Progress
from spinkit.scenario.params import Param
from spinkit.scenario.registry import Kind, register

_DEFAULT_MATERIAL = {"rashba_dresselhaus": "InGaAs", "rashba": "InGaAs", "dirac": "Bi2Se3"}
_CUT_ANGLES_DEG = (0.0, 45.0, -45.0)  # [100], [110], [1-10]

_MATERIAL = Param("material", "material", None, doc="material giving the unset parameters",
                  default_doc="InGaAs (Rashba 2DEG) or Bi2Se3 (Dirac cone)")
_MASS = Param("effective_mass", "float", None, "m_e", "effective mass m*/m_e of the 2DEG",
              low=0, high=100, low_open=True, default_doc="the material's effective_mass")
_RASHBA = Param("rashba", "float", None, "J m", "Rashba parameter alpha", low=-1e-27,
                high=1e-27, default_doc="the material's rashba_alpha, else 0")
_VF = Param("fermi_velocity", "float", None, "m/s", "Dirac-cone velocity v_F", low=0,
            high=3e8, low_open=True, default_doc="the material's fermi_velocity")
_WARPING = Param("warping", "float", 0.0, "J m^3", "hexagonal warping lambda of the cone (Fu "
                 "2009; Bi2Te3: 4e-47)", low=-1e-44, high=1e-44)
_ZEEMAN = Param("zeeman", "vector", (0.0, 0.0, 0.0), "J",
                "Zeeman/exchange field b in H = ... + b.sigma (b_z gaps the cone)",
                low=-1e-18, high=1e-18)
_FERMI = Param("fermi_energy", "float", None, "J", "energy of the Fermi contour",
               low=-1e-17, high=1e-17,
               default_doc="E_R above the band crossing (2DEG); 0.1 eV + |b_z| above the "
                           "Dirac point (cone); 0 (QWZ)")

BANDS_PARAMS = (
    Param("model", "choice", "rashba_dresselhaus", doc="which Bloch Hamiltonian",
          choices=("rashba_dresselhaus", "dirac", "qwz")),
    _MATERIAL, _MASS, _RASHBA,
    Param("dresselhaus", "float", None, "J m", "linear Dresselhaus parameter beta",
          low=-1e-27, high=1e-27,
          default_doc="-gamma (pi/w)^2 from well_width and the material's dresselhaus_gamma, "
                      "else 0"),
    Param("well_width", "float", None, "m", "quantum-well width w (sets Dresselhaus beta)",
          low=0, high=1e-6, low_open=True,
          default_doc="none: no cubic Dresselhaus term, and beta only if given"),
    _VF, _WARPING, _ZEEMAN, _FERMI,
    Param("u", "float", -1.0, "", "QWZ mass parameter u (gap closes at 0, +/-2)",
          low=-10, high=10),
    Param("hopping", "float", constants.eV, "J", "QWZ energy scale t", low=0, high=1e-16,
          low_open=True),
    Param("lattice_constant", "float", 5e-10, "m", "QWZ lattice constant a", low=0,
          high=1e-6, low_open=True),
    Param("k_max", "float", None, "1/m", "half-length of the band cuts through k = 0",
          low=0, high=1e12, low_open=True,
          default_doc="twice the outer Fermi wavevector (2DEG, cone); pi/a (QWZ)"),
    Param("points", "int", 401, "", "points along each band cut", low=11, high=100001),
    Param("contour_points", "int", 120, "", "directions on the Fermi contour and Berry loop",
          low=16, high=100000),
    Param("nk", "int", 48, "", "Brillouin-zone grid per axis for the Chern number (QWZ)",
          low=4, high=2000),
)


def _material(p: dict[str, Any], model: str) -> str:
    return p["material"] or _DEFAULT_MATERIAL[model]


def _spin_orbit_model(p: dict[str, Any], model: str) -> SpinOrbit2DEG:
    mass = p["effective_mass"] * constants.m_e if p["effective_mass"] is not None else None
    return SpinOrbit2DEG.from_material(
        _material(p, model), effective_mass=mass, rashba=p["rashba"],
        dresselhaus=p.get("dresselhaus"), well_width=p.get("well_width"), zeeman=p["zeeman"])


def _spin_orbit_defaults(ham: SpinOrbit2DEG, fermi: float | None) -> tuple[float, float]:
    """(Fermi energy, k_max) of a 2DEG: E_R above the crossing (or 1 meV without spin-orbit)."""
    m = ham.effective_mass
    a_eff = abs(ham.rashba) + abs(ham.dresselhaus)
    e_f = fermi if fermi is not None else (rashba_energy(m, a_eff) or 1e-3 * constants.eV)
    k0 = rashba_k0(m, a_eff)
    k_out = k0 + np.sqrt(k0 * k0 + 2 * m * max(e_f + np.linalg.norm(ham.zeeman), 0.0)
                         / constants.hbar**2)
    return e_f, 2 * max(k_out, k0)


def _dirac_model(p: dict[str, Any]) -> DiracSurface:
    return DiracSurface.from_material(_material(p, "dirac"), fermi_velocity=p["fermi_velocity"],
                                      zeeman=p["zeeman"], warping=p["warping"])


def _dirac_defaults(ham: DiracSurface, fermi: float | None) -> tuple[float, float]:
    e_f = fermi if fermi is not None else 0.1 * constants.eV + abs(ham.zeeman[2])
    return e_f, 2 * (abs(e_f) + np.linalg.norm(ham.zeeman)) / (constants.hbar
                                                               * ham.fermi_velocity)


def _cuts(ham: BlochHamiltonian, k_max: float,
          points: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Band cuts through k = 0 along [100], [110], [1-10]: (k, energies, spins)."""
    energies, spins = [], []
    for deg in _CUT_ANGLES_DEG:
        d = np.array([np.cos(np.radians(deg)), np.sin(np.radians(deg))])
        bs = band_structure(ham, straight_path(-k_max * d, k_max * d, points))
        energies.append(bs.energies)
        spins.append(bs.spin)
    return bs.distance, np.array(energies), np.array(spins)


def _loop(radius: float, n: int) -> np.ndarray:
    phi = 2 * np.pi * np.arange(n) / n
    return radius * np.stack([np.cos(phi), np.sin(phi)], axis=-1)


def _safe_berry_phase(ham: BlochHamiltonian, loop: np.ndarray, band: int) -> float:
    try:
        return berry_phase(ham, loop, band)
    except ParameterError:  # the loop meets a degeneracy (e.g. the persistent spin helix)
        return float("nan")


def _var(dims: Any, data: Any, units: str, long_name: str) -> tuple:
    return (dims, data, {"units": units, "long_name": long_name})


def _contour_vars(ham: TwoBandSpinHamiltonian, e_f: float, k_max: float,
                  n: int) -> tuple[dict[str, tuple], dict[str, tuple]]:
    """Spin texture on the Fermi contour and the spin-momentum angle.

    Where the contour's band touches another one (e.g. on the degeneracy line of the
    persistent spin helix) the spin of the band is undefined: it is NaN there.
    """
    phi = 2 * np.pi * np.arange(n) / n
    band, k_f = fermi_contour(ham, e_f, phi, k_max=k_max)
    if band.size == 0:
        raise ParameterError("fermi_energy", e_f, f"lies on no band for |k| < {k_max:g} 1/m")
    dirs = np.stack([np.cos(phi), np.sin(phi)], axis=-1)
    energies, vecs = ham.eigh(k_f[..., None] * dirs)  # (C, A, N), (C, A, N, N)
    spin = ham._spin_expectation(vecs)  # (C, A, N, 3)
    spin = np.take_along_axis(spin, band[:, None, None, None], axis=2)[:, :, 0, :]
    own = np.take_along_axis(energies, band[:, None, None], axis=2)  # (C, A, 1)
    gap = np.abs(energies - own)
    np.put_along_axis(gap, band[:, None, None] * np.ones_like(own, dtype=int), np.inf, axis=2)
    scale = max(abs(e_f), float(np.max(np.abs(energies))))
    spin[np.min(gap, axis=2) <= 1e-9 * scale] = np.nan
    inplane = np.cross(np.concatenate([dirs, np.zeros((n, 1))], axis=1)[None], spin)[..., 2]
    along = np.einsum("ai,cai->ca", dirs, spin[..., :2])
    angle = np.degrees(np.arctan2(inplane, along))  # angle from k to the in-plane spin
    data = {
        "contour_k": _var(("channel", "angle"), k_f, "1/m", "Fermi wavevector |k_F|"),
        **{f"contour_spin_{c}": _var(("channel", "angle"), spin[..., i], "hbar/2",
                                     f"<sigma_{c}> (NaN where the band touches another)")
           for i, c in enumerate("xyz")},
        "contour_band": _var("channel", band, "", "band index of the contour"),
        "spin_momentum_angle": _var((), float(np.nanmean(angle[0])), "deg",
                                    "mean angle from k to the in-plane spin, first contour"),
        "fermi_wavevector": _var((), float(np.mean(k_f[0])), "1/m",
                                 "mean |k_F| of the first contour"),
    }
    coords = {"angle": _var("angle", phi, "rad", "direction of k on the contour")}
    return data, coords


def compute_bands(p: dict[str, Any], rng: np.random.Generator, progress: Progress
                  ) -> xr.Dataset:
    """Band cuts, spin texture, Berry phases (2DEG, cone) or Chern number (QWZ)."""
    model = p["model"]
    progress.reset(3, "bands")
    data: dict[str, tuple] = {}
    coords: dict[str, tuple] = {}
    if model == "qwz":
        ham: Any = QiWuZhang(p["u"], p["hopping"], p["lattice_constant"])
        k_max = p["k_max"] or np.pi / p["lattice_constant"]
        e_f = p["fermi_energy"] or 0.0
    elif model == "dirac":
        ham = _dirac_model(p)
        e_f, k_max0 = _dirac_defaults(ham, p["fermi_energy"])
        k_max = p["k_max"] or k_max0
    else:
        ham = _spin_orbit_model(p, model)
        e_f, k_max0 = _spin_orbit_defaults(ham, p["fermi_energy"])
        k_max = p["k_max"] or k_max0
    dist, energies, spins = _cuts(ham, k_max, p["points"])
    progress.advance()
    data["energy"] = _var(("direction", "k", "band"), energies, "J", "band energy E_n(k)")
    for i, c in enumerate("xyz"):
        data[f"spin_{c}"] = _var(("direction", "k", "band"), spins[..., i], "hbar/2",
                                 f"<sigma_{c}> along the cut")
    coords["direction"] = _var("direction", np.array(_CUT_ANGLES_DEG), "deg",
                               "direction of the cut from [100]")
    coords["k"] = _var("k", dist, "1/m", "wavevector along the cut")
    data["fermi_energy"] = _var((), e_f, "J", "energy of the Fermi contour")
    gap = energies[..., 1] - energies[..., 0]
    data["min_band_separation"] = _var((), float(gap.min()), "J",
                                       "smallest E_1 - E_0 on the cuts")
    if model == "qwz":
        curv = berry_curvature(ham, 0, p["nk"])
        progress.advance()
        data["chern_number"] = _var((), curv.chern, "", "Chern number of the lower band")
        data["berry_curvature"] = _var(("i", "j"), curv.curvature, "m^2",
                                       "Berry curvature of the lower band")
        coords["kx"] = _var(("i", "j"), curv.k[..., 0], "1/m", "k_x")
        coords["ky"] = _var(("i", "j"), curv.k[..., 1], "1/m", "k_y")
        title = f"Qi-Wu-Zhang model, u = {p['u']:g}: Chern number {curv.chern}"
    else:
        contour, ccoords = _contour_vars(ham, e_f, k_max, p["contour_points"])
        data.update(contour)
        coords.update(ccoords)
        progress.advance()
        loop = _loop(float(np.mean(contour["contour_k"][1][0])), p["contour_points"])
        for n, name in ((0, "lower"), (1, "upper")):
            data[f"berry_phase_{name}"] = _var(
                (), _safe_berry_phase(ham, loop, n), "rad",
                f"Berry phase of the {name} band around the Fermi circle (Wilson loop)")
        if model == "dirac":
            data["fermi_velocity"] = _var((), ham.fermi_velocity, "m/s", "v_F")
            title = f"Dirac surface cone, v_F = {ham.fermi_velocity:.3g} m/s"
            if ham.warping:
                title += f", warping lambda = {ham.warping:.3g} J m^3"
            if np.any(ham.zeeman):
                title += f", b = {np.array2string(ham.zeeman, precision=3)} J"
        else:
            m, a, b = ham.effective_mass, ham.rashba, ham.dresselhaus
            lower = energies[0, :, 0]
            data["rashba_k0"] = _var((), rashba_k0(m, a), "1/m", "k_0 = m alpha / hbar^2")
            data["rashba_energy"] = _var((), rashba_energy(m, a), "J",
                                         "E_R = m alpha^2 / (2 hbar^2)")
            data["band_minimum_k"] = _var((), float(abs(dist[np.argmin(lower)])), "1/m",
                                          "|k| of the lower band's minimum along [100]")
            data["band_minimum_energy"] = _var((), float(lower.min()), "J",
                                               "lower band's minimum along [100]")
            split = 2 * np.linalg.norm(ham.spin_field(loop), axis=-1)
            data["splitting_anisotropy"] = _var(
                (), float(split.min() / split.max()), "",
                "min/max spin splitting on the Fermi circle (0: persistent spin helix)")
            to_mev_nm = 1e12 / constants.eV  # J m -> meV nm
            title = (f"Spin-orbit 2DEG: alpha = {a:.3g} J m ({a * to_mev_nm:.3g} meV nm), "
                     f"beta = {b:.3g} J m ({b * to_mev_nm:.3g} meV nm), "
                     f"m* = {m / constants.m_e:.3g} m_e")
    progress.advance()
    return xr.Dataset(data, coords=coords, attrs={"title": title, "model": model})


def _unit(values: Any, units: tuple[tuple[float, str], ...]) -> tuple[float, str]:
    """(factor, label) of the first unit in which max |values| is >= 0.1 (else the last)."""
    top = float(np.nanmax(np.abs(values))) if np.size(values) else 0.0
    for factor, label in units:
        if top * factor >= 0.1:
            return factor, label
    return units[-1]


_K_UNITS = ((1e-9, "1/nm"), (1e-6, "1/um"))
_E_UNITS = ((1 / constants.eV, "eV"), (1e3 / constants.eV, "meV"), (1e6 / constants.eV, "ueV"))


def _centred_zone(kx: np.ndarray, ky: np.ndarray, f: np.ndarray
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The grid k_ij = (i b_1 + j b_2)/n over [0, 1)^2 shifted to (-1/2, 1/2]^2 (zone centre
    Gamma in the middle), using the periodicity of F."""
    n1, n2 = f.shape
    b1 = np.array([kx[1, 0] - kx[0, 0], ky[1, 0] - ky[0, 0]]) * n1
    b2 = np.array([kx[0, 1] - kx[0, 0], ky[0, 1] - ky[0, 0]]) * n2
    s1, s2 = n1 // 2, n2 // 2
    i = (np.arange(n1) - s1) % n1
    j = (np.arange(n2) - s2) % n2
    wrap1 = (np.arange(n1) < s1)[:, None] * b1  # rows moved down by one b_1
    wrap2 = (np.arange(n2) < s2)[:, None] * b2
    kxs = kx[np.ix_(i, j)] - wrap1[:, None, 0] - wrap2[None, :, 0]
    kys = ky[np.ix_(i, j)] - wrap1[:, None, 1] - wrap2[None, :, 1]
    return kxs, kys, f[np.ix_(i, j)]


def plot_bands(ds: xr.Dataset) -> dict[str, Any]:
    """Band cuts; the spin texture on the Fermi contour or the Berry curvature map."""
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    fig, axes = plt.subplots(1, 2, figsize=(10.5, 4.4), layout="constrained")
    ax = axes[0]
    kf, kl = _unit(ds["k"].values, _K_UNITS)
    ef, el = _unit(ds["energy"].values, _E_UNITS)
    k = ds["k"].values * kf
    for i, _ in enumerate(ds["direction"].values):
        for n in range(ds.sizes["band"]):
            ax.plot(k, ds["energy"].values[i, :, n] * ef, color=f"C{i}", lw=1.2,
                    ls="-" if n else "--")
    ax.axhline(float(ds["fermi_energy"]) * ef, color="0.5", lw=0.8, ls=":")
    handles = [Line2D([], [], color=f"C{i}", label=f"k along {deg:+.0f} deg from [100]")
               for i, deg in enumerate(ds["direction"].values)]
    handles += [Line2D([], [], color="k", ls="--", label="band 0 (lower)"),
                Line2D([], [], color="k", ls="-", label="band 1 (upper)"),
                Line2D([], [], color="0.5", ls=":", label="Fermi energy")]
    ax.legend(handles=handles, fontsize=7.5)
    ax.set_xlabel(f"k along the cut ({kl})")
    ax.set_ylabel(f"E ({el})")
    ax.set_title("band cuts through k = 0")
    ax = axes[1]
    if "berry_curvature" in ds:
        kx, ky, f = _centred_zone(ds["kx"].values, ds["ky"].values,
                                  ds["berry_curvature"].values * 1e18)
        lim = float(np.max(np.abs(f))) or 1.0
        mesh = ax.pcolormesh(kx * 1e-9, ky * 1e-9, f, cmap="RdBu_r", vmin=-lim, vmax=lim,
                             shading="nearest")
        fig.colorbar(mesh, ax=ax, label="Berry curvature F (nm^2)")
        ax.set_title(f"lower band over the Brillouin zone: Chern number "
                     f"{int(ds['chern_number'])}")
        kl = "1/nm"
    else:
        phi = ds["angle"].values
        kf, kl = _unit(ds["contour_k"].values, _K_UNITS)
        k_out = float(ds["contour_k"].max()) * kf
        arrow = 0.2 * k_out  # arrow length for a spin of length 1
        sz_max = float(np.nanmax(np.abs(ds["contour_spin_z"].values)))
        tilted = sz_max > 1e-3  # colour the arrows by <sigma_z> where the spin leaves the plane
        for c in range(ds.sizes["channel"]):
            kk = ds["contour_k"].values[c] * kf
            x, y = kk * np.cos(phi), kk * np.sin(phi)
            band = int(ds["contour_band"].values[c])
            ax.plot(np.append(x, x[0]), np.append(y, y[0]), color=f"C{c}", lw=0.8, alpha=0.6,
                    label=f"band {band}")
            n_arrows = max(8, round(32 * float(np.mean(kk)) / k_out))  # ~ even spacing
            pick = np.linspace(0, phi.size, n_arrows, endpoint=False).astype(int)
            pick = pick[np.isfinite(ds["contour_spin_z"].values[c, pick])]  # defined spins
            args = [x[pick], y[pick], ds["contour_spin_x"].values[c, pick],
                    ds["contour_spin_y"].values[c, pick]]
            style = {"width": 0.005, "angles": "xy", "scale_units": "xy", "scale": 1 / arrow}
            if tilted:
                arrows = ax.quiver(*args, ds["contour_spin_z"].values[c, pick], cmap="coolwarm",
                                   clim=(-sz_max, sz_max), **style)
            else:
                ax.quiver(*args, color=f"C{c}", **style)
        if tilted:
            fig.colorbar(arrows, ax=ax, label="<sigma_z> (arrow colour)")
        lim = 1.2 * k_out
        ax.set_xlim(-lim, lim)
        ax.set_ylim(-lim, lim)
        ax.legend(fontsize=8, loc="upper right", title="contour")
        ax.set_title(f"in-plane spin <sigma> on the Fermi contour "
                     f"(E_F = {float(ds['fermi_energy']) * ef:.3g} {el})", fontsize=10)
    ax.set_xlabel(f"k_x ({kl})")
    ax.set_ylabel(f"k_y ({kl})")
    ax.locator_params(nbins=5)
    ax.set_aspect("equal")
    fig.suptitle(ds.attrs.get("title", ""))
    return {"bands": fig}


register(Kind(
    name="bands",
    summary="spin-orbit bands, spin texture, Berry phase (Rashba/Dresselhaus, TI cone) and "
            "Chern number (QWZ)",
    params=BANDS_PARAMS,
    compute=compute_bands,
    plot=plot_bands,
    tour={"model": "rashba_dresselhaus", "material": "InGaAs"},
))


# ---------------------------------------------------------------------- backscattering
SCATTERING_PARAMS = (
    Param("model", "choice", "dirac", doc="TI surface cone or Rashba 2DEG",
          choices=("dirac", "rashba")),
    _MATERIAL, _VF, _WARPING, _MASS, _RASHBA, _ZEEMAN,
    replace(_FERMI, default_doc="E_R above the band crossing (Rashba); 0.1 eV + |b_z| above "
                                "the Dirac point (cone)"),
    Param("impurity_density", "float", 1e15, "1/m^2", "areal impurity density n_i", low=0,
          high=1e20),
    Param("impurity_potential", "float", 1.602176634e-37, "J m^2",
          "non-magnetic impurity strength V_0 = int V(r) d^2r", low=-1e-30, high=1e-30),
    Param("impurity_moment", "vector", (0.0, 0.0, 0.0), "J m^2",
          "magnetic impurity strength m in M = V_0 + m.sigma", low=-1e-30, high=1e-30),
    Param("n_angles", "int", 360, "", "scattering angles (even)", low=8, high=100000),
)


def compute_backscattering(p: dict[str, Any], rng: np.random.Generator, progress: Progress
                           ) -> xr.Dataset:
    """Born rates on the Fermi contour; backscattering at 180 deg; tau_q and tau_p."""
    from spinkit.transport.backscattering import born_scattering

    progress.reset(1, "backscattering")
    if p["model"] == "dirac":
        ham: Any = _dirac_model(p)
        e_f, k_max = _dirac_defaults(ham, p["fermi_energy"])
    else:
        ham = _spin_orbit_model(p, "rashba")
        e_f, k_max = _spin_orbit_defaults(ham, p["fermi_energy"])
    res = born_scattering(ham, e_f, impurity_density=p["impurity_density"],
                          potential=p["impurity_potential"], magnetic=p["impurity_moment"],
                          n_angles=p["n_angles"], k_max=k_max)
    progress.advance()
    ds = res.to_xarray()
    back = res.backscattering_overlap
    inter = float(back[0, 1]) if back.shape[0] > 1 else float("nan")
    tau_q = 1 / res.quasiparticle_rate[0]
    tau_p = 1 / res.momentum_relaxation_rate[0]
    ds["fermi_energy"] = _var((), e_f, "J", "energy of the Fermi contour")
    ds["backscattering_intraband"] = _var(
        (), float(back[0, 0]), "", "|<u(-k)|u(k)>|^2 within the first contour (180 deg)")
    ds["backscattering_interband"] = _var(
        (), inter, "", "|<u(-k)|u(k)>|^2 from the first to the second contour (180 deg)")
    ds["quasiparticle_lifetime"] = _var((), tau_q, "s", "tau_q of the first contour")
    ds["momentum_relaxation_time"] = _var((), tau_p, "s", "tau_p of the first contour")
    ds["tau_ratio"] = _var((), tau_p / tau_q, "", "tau_p / tau_q (2 on a TI cone)")
    name = "TI surface cone" if p["model"] == "dirac" else "Rashba 2DEG"
    ds.attrs = {"title": f"Born impurity scattering on a {name}", "model": p["model"]}
    return ds


def plot_backscattering(ds: xr.Dataset) -> dict[str, Any]:
    """Polar plot of the rate from the first contour, and the spinor overlaps vs angle."""
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=(10.5, 4.4), layout="constrained")
    ax0 = fig.add_subplot(1, 2, 1, projection="polar")
    ax1 = fig.add_subplot(1, 2, 2)
    theta = ds["theta"].values
    t = np.append(theta, 2 * np.pi)
    rate = ds["rate"].values[0]
    power = int(np.floor(np.log10(np.max(rate)))) if np.max(rate) > 0 else 0
    kf, kl = _unit(ds["k_fermi"].values, _K_UNITS)
    for j in range(ds.sizes["channel_out"]):
        kind = "within contour 0" if j == 0 else f"contour 0 -> {j}"
        k_j = float(np.mean(ds["k_fermi"].values[j])) * kf
        label = f"{kind} (band {int(ds['band'].values[j])}, k_F = {k_j:.3g} {kl})"
        r = rate[j] / 10.0**power
        ax0.plot(t, np.append(r, r[0]), color=f"C{j}", label=label)
        ax1.plot(np.degrees(theta), ds["overlap"].values[0, j], color=f"C{j}", label=label)
    ax0.set_title(f"dGamma/dtheta from contour 0 (10^{power} 1/(s rad))", fontsize=9)
    ax0.set_rlabel_position(100)
    ax1.plot(np.degrees(theta), (1 + np.cos(theta)) / 2, "k:", lw=1,
             label="(1 + cos theta)/2")
    if ds.sizes["channel_out"] > 1:
        ax1.plot(np.degrees(theta), (1 - np.cos(theta)) / 2, "k--", lw=0.8,
                 label="(1 - cos theta)/2")
    ax1.axvline(180, color="0.6", lw=0.8)
    ax1.set_xlabel("scattering angle theta (deg)")
    ax1.set_ylabel("spinor overlap |<u(k')|u(k)>|^2")
    ax1.set_xticks(np.arange(0, 361, 45))
    ax1.legend(fontsize=7.5, loc="upper center")
    ax1.set_title(f"backscattering (theta = 180 deg): "
                  f"tau_p / tau_q = {float(ds['tau_ratio']):.3g}", fontsize=9)
    fig.suptitle(ds.attrs.get("title", ""))
    return {"scattering": fig}


register(Kind(
    name="backscattering",
    summary="Born impurity scattering on a TI surface cone or Rashba gas: no 180-degree "
            "backscattering on the cone",
    params=SCATTERING_PARAMS,
    compute=compute_backscattering,
    plot=plot_backscattering,
    tour={"model": "dirac", "material": "Bi2Se3", "n_angles": 180},
))
