"""Mechanism map: which spin-relaxation mechanism dominates over temperature and doping.

For a semiconductor from :mod:`spinkit.materials`, the rates of :mod:`spinkit.relaxation.rates`
are evaluated on a grid of temperature T and doping N, with the momentum time from a
mobility, tau_p = m mu / e, and added (independent channels):

    1/tau_s = 1/tau_EY + 1/tau_DP + 1/tau_BAP.

* n-type: the electron density is N (Fermi-Dirac statistics, degenerate at high N and low T).
* p-type: minority electrons (non-degenerate) among N holes (all acceptors ionised).
* Elliott-Yafet: the phonon-limited T^-3 law of Si (:func:`elliott_yafet_phonon_rate`) when
  the material tabulates ``spin_lifetime`` at ``spin_lifetime_temperature``; otherwise the
  k.p form of a III-V conduction band (needs ``band_gap`` and ``spin_orbit_splitting``).
  Si's tabulated lifetime is a measured lower bound (500 ns at 60 K), so its map gives lower
  bounds of tau_s; below ~60 K the T^-3 law is an extrapolation, and impurity (donor)
  Elliott-Yafet scattering of heavily doped Si is not included.
* D'yakonov-Perel' (needs ``dresselhaus_gamma``; none in a centrosymmetric crystal).
* Bir-Aronov-Pikus (p-type; needs ``exciton_exchange_splitting``, ``hole_mass`` and
  ``dielectric_constant``): Fermi-Dirac holes, screened by themselves (rates eqs. 5-6), with
  the hydrogenic exciton Bohr radius a_B = 4 pi eps eps_0 hbar^2 / (m_r e^2),
  1/m_r = 1/m + 1/m_h (11.4 nm for GaAs), unless ``exciton_bohr_radius`` is given.

Mechanisms a material has no data for are left out (and named in :attr:`MechanismMap.missing`).
The band gap is the material's tabulated one at every T. The mobility is either one number for
the whole map (how the mechanisms scale at fixed tau_p) or, by default, the material's
empirical low-field mobility mu(N, T) (:mod:`spinkit.relaxation.mobility`; Sotoodeh, Khalid and
Rezazadeh 2000 for GaAs), evaluated at the doping N as the ionised-impurity density (for
p-type, the minority electrons get the majority-electron mobility of that impurity density,
an approximation). Below the lowest temperature of the model's range T_min (100 K for GaAs,
273 K for Si) the model is refused unless ``hold_below_range=True`` holds the mobility at its
T_min value there (an assumption; :attr:`MechanismMap.hold_temperature` records T_min and the
figure marks it). tau_p from a mobility is the transport time <tau E> / <E>; the rate laws take
tau_p independent of energy, so the map carries the factor-of-order-one uncertainty of the
scattering mechanism (the Q of the D'yakonov-Perel' rate, the A of the Elliott-Yafet rate).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from spinkit import constants, materials
from spinkit.errors import ParameterError
from spinkit.relaxation.mobility import RANGE_KEYS, material_mobility
from spinkit.relaxation.rates import (
    bir_aronov_pikus_rate,
    dyakonov_perel_bulk_rate,
    elliott_yafet_kp_rate,
    elliott_yafet_phonon_rate,
    momentum_time_from_mobility,
)
from spinkit.validation import finite_array, positive

__all__ = ["MECHANISMS", "MechanismMap", "exciton_bohr_radius_from", "mechanism_map"]

#: Mechanism names, in the order of :attr:`MechanismMap.dominant`.
MECHANISMS = ("Elliott-Yafet", "D'yakonov-Perel'", "Bir-Aronov-Pikus")


@dataclass(frozen=True)
class MechanismMap:
    """Spin-relaxation rates on a (temperature, doping) grid.

    Attributes
    ----------
    material: name.
    carrier: ``"n"`` or ``"p"``.
    temperatures: T [K], shape (nT,).
    dopings: N [1/m^3], shape (nN,).
    rates: 1/tau [1/s] of each mechanism in :data:`MECHANISMS`, shape (3, nT, nN); zero
        where the mechanism is absent.
    momentum_time: tau_p [s], shape (nT, nN).
    missing: mechanisms left out, with the reason.
    hold_temperature: T_min [K] of the mobility model where the grid reaches below it and the
        mobility is held at its T_min value there; nan where nothing is held.
    """

    material: str
    carrier: str
    temperatures: np.ndarray
    dopings: np.ndarray
    rates: np.ndarray
    momentum_time: np.ndarray
    missing: dict[str, str] = field(default_factory=dict)
    hold_temperature: float = float("nan")

    @property
    def spin_lifetime(self) -> np.ndarray:
        """tau_s = 1 / (sum of the rates) [s], shape (nT, nN)."""
        return 1.0 / self.rates.sum(axis=0)

    @property
    def dominant(self) -> np.ndarray:
        """Index into :data:`MECHANISMS` of the largest rate, shape (nT, nN)."""
        return np.argmax(self.rates, axis=0)

    def plot(self, ax=None):  # noqa: ANN001, ANN201 - matplotlib is imported lazily
        """Dominant mechanism (colours) and log10 tau_s [s] (contours); returns the axes."""
        import matplotlib.pyplot as plt
        from matplotlib.colors import BoundaryNorm, ListedColormap
        from matplotlib.patches import Patch

        if ax is None:
            _, ax = plt.subplots()
        # log axes first: clabel cuts the lines under its labels in display space
        ax.set_xscale("log")
        ax.set_yscale("log")
        colors = ["#8fb8de", "#f4a582", "#b8e186"]
        ax.pcolormesh(self.temperatures, self.dopings * 1e-6, self.dominant.T,
                      cmap=ListedColormap(colors), norm=BoundaryNorm([-0.5, 0.5, 1.5, 2.5], 3),
                      shading="nearest")
        logt = np.log10(self.spin_lifetime.T)
        levels = np.arange(np.ceil(logt.min()), np.floor(logt.max()) + 1)
        cs = ax.contour(self.temperatures, self.dopings * 1e-6, logt, levels=levels,
                        colors="k", linewidths=0.7, linestyles="solid")
        ax.clabel(cs, fmt=lambda v: f"$10^{{{v:.0f}}}$ s", fontsize=7)
        present = [i for i in range(3) if self.rates[i].any()]
        handles = [Patch(color=colors[i], label=MECHANISMS[i]) for i in present]
        if np.isfinite(self.hold_temperature):
            handles.append(ax.axvline(self.hold_temperature, color="k", ls="--", lw=1.2,
                                      label=f"$\\mu$ held at its {self.hold_temperature:g} K "
                                      "value below"))
        ax.legend(handles=handles, fontsize=7, loc="lower right")
        ax.set_xlabel("temperature T (K)")
        ax.set_ylabel(f"{'donor' if self.carrier == 'n' else 'acceptor'} density (cm$^{{-3}}$)")
        tau = np.asarray(self.momentum_time)
        tau_text = (f"$\\tau_p$ = {tau.flat[0]:.2g} s" if np.ptp(tau) == 0 else
                    "$\\tau_p = m\\mu(N, T)/e$")
        ax.set_title(f"{self.material}, {self.carrier}-type: dominant mechanism (colour),\n"
                     f"$\\tau_s$ (lines); {tau_text}", fontsize=9)
        return ax


def exciton_bohr_radius_from(material: str) -> float:
    """Hydrogenic exciton Bohr radius a_B = 4 pi eps eps_0 hbar^2 / (m_r e^2) [m],
    1/m_r = 1/m + 1/m_h, from the material's ``dielectric_constant``, ``effective_mass`` and
    ``hole_mass``."""
    mat = materials.get(material)
    for key in ("dielectric_constant", "effective_mass", "hole_mass"):
        if key not in mat:
            raise ParameterError("material", material, f"needs {key} for the exciton radius")
    m_r = constants.m_e / (1 / mat.value("effective_mass") + 1 / mat.value("hole_mass"))
    eps = mat.value("dielectric_constant") * constants.epsilon_0
    return 4 * np.pi * eps * constants.hbar**2 / (m_r * constants.e**2)


def mechanism_map(material: str, temperatures: object, dopings: object, *,
                  mobility: float | None = None, hold_below_range: bool = False,
                  carrier: str = "n", ey_prefactor: float = 1.0,
                  exchange_splitting: float | None = None,
                  exciton_bohr_radius: float | None = None, screening: bool = True,
                  degenerate_holes: bool = True) -> MechanismMap:
    """Rates of every mechanism the material has data for, on the T x N grid.

    Parameters
    ----------
    material: a name from :func:`spinkit.materials.names` (needs ``effective_mass``).
    temperatures: T [K] (1D array).
    dopings: donor (n) or acceptor (p) density N [1/m^3] (1D array).
    mobility: electron mobility mu [m^2/(V s)], giving tau_p = m mu / e on the whole grid;
        ``None``: the material's mobility model mu(N, T) (module docstring).
    hold_below_range: with the mobility model, below its lowest temperature T_min use
        mu(N, T_min) (recorded in :attr:`MechanismMap.hold_temperature`); False: refuse
        temperatures below T_min.
    carrier: ``"n"`` or ``"p"``.
    ey_prefactor: the factor A of the k.p Elliott-Yafet rate.
    exchange_splitting: exciton exchange splitting Delta_ex [J] (p-type BAP); default the
        material's ``exciton_exchange_splitting``.
    exciton_bohr_radius: exciton Bohr radius a_B [m] (p-type BAP); default
        :func:`exciton_bohr_radius_from` the material.
    screening: screen the electron-hole attraction by the holes (needs the material's
        ``dielectric_constant``).
    degenerate_holes: Fermi-Dirac holes (needs the material's ``hole_mass``); False:
        Boltzmann holes, BAP rate proportional to N.
    """
    if carrier not in ("n", "p"):
        raise ParameterError("carrier", carrier, "must be 'n' or 'p'")
    ey_prefactor = positive("ey_prefactor", ey_prefactor)
    if exchange_splitting is not None:
        exchange_splitting = positive("exchange_splitting", exchange_splitting)
    if exciton_bohr_radius is not None:
        exciton_bohr_radius = positive("exciton_bohr_radius", exciton_bohr_radius)
    for name, flag in (("screening", screening), ("degenerate_holes", degenerate_holes)):
        if not isinstance(flag, bool | np.bool_):
            raise ParameterError(name, flag, "must be True or False")
    mat = materials.get(material)
    if "effective_mass" not in mat:
        raise ParameterError("material", material, "needs an effective_mass")
    t = finite_array("temperatures", temperatures, "K")
    n = finite_array("dopings", dopings, "1/m^3")
    if t.ndim != 1 or not (t > 0).all():
        raise ParameterError("temperatures", temperatures, "must be a 1D array of T > 0 (K)")
    if n.ndim != 1 or not (n > 0).all():
        raise ParameterError("dopings", dopings, "must be a 1D array of N > 0 (1/m^3)")
    m = mat.value("effective_mass") * constants.m_e
    tt, nn = np.meshgrid(t, n, indexing="ij")
    if not isinstance(hold_below_range, bool | np.bool_):
        raise ParameterError("hold_below_range", hold_below_range, "must be True or False")
    hold_t = float("nan")
    if mobility is None:
        try:
            mu = material_mobility(material, nn, tt, hold_below_range=hold_below_range)
        except ParameterError as exc:  # name the map's argument and the way out
            if exc.name not in ("material", "temperature"):
                raise
            name, value = (("material", material) if exc.name == "material" else
                           ("temperatures", temperatures))
            raise ParameterError(name, value, f"{exc.allowed}; or pass mobility= (one value "
                                 "[m^2/(V s)] for the whole map)") from None
        t_min = mat.value(RANGE_KEYS[0])
        if (t < t_min).any():
            hold_t = t_min
    else:
        mu = np.full(tt.shape, positive("mobility", mobility))
    tau = momentum_time_from_mobility(mu, m)
    electrons = nn if carrier == "n" else None
    rates = np.zeros((3,) + tt.shape)
    missing: dict[str, str] = {}
    if "spin_lifetime" in mat and "spin_lifetime_temperature" in mat:
        rates[0] = elliott_yafet_phonon_rate(
            tt, reference_lifetime=mat.value("spin_lifetime"),
            reference_temperature=mat.value("spin_lifetime_temperature"))
    elif "band_gap" in mat and "spin_orbit_splitting" in mat:
        rates[0] = elliott_yafet_kp_rate(
            tau, tt, band_gap=mat.value("band_gap") * constants.eV,
            spin_orbit_splitting=mat.value("spin_orbit_splitting") * constants.eV,
            effective_mass=m, density=electrons, prefactor=ey_prefactor)
    else:
        missing[MECHANISMS[0]] = ("material lacks spin_lifetime, or band_gap and "
                                  "spin_orbit_splitting")
    if "dresselhaus_gamma" in mat:
        rates[1] = dyakonov_perel_bulk_rate(tau, tt, gamma=mat.value("dresselhaus_gamma")
                                            * constants.eV, effective_mass=m, density=electrons)
    else:
        missing[MECHANISMS[1]] = "no dresselhaus_gamma (inversion-symmetric crystal)"
    bap_data = ("exciton_exchange_splitting", "hole_mass", "dielectric_constant")
    if carrier == "n":
        missing[MECHANISMS[2]] = "n-type: no holes"
    elif exchange_splitting is None and "exciton_exchange_splitting" not in mat:
        missing[MECHANISMS[2]] = "no exciton_exchange_splitting (material or argument)"
    elif exciton_bohr_radius is None and not all(k in mat for k in bap_data[1:]):
        missing[MECHANISMS[2]] = "no exciton_bohr_radius (argument), nor hole_mass and " \
                                 "dielectric_constant to compute it"
    else:
        dex = exchange_splitting if exchange_splitting is not None else \
            mat.value("exciton_exchange_splitting") * constants.eV
        a_b = exciton_bohr_radius if exciton_bohr_radius is not None else \
            exciton_bohr_radius_from(material)
        rates[2] = bir_aronov_pikus_rate(
            nn, tt, exchange_splitting=dex, exciton_bohr_radius=a_b, effective_mass=m,
            hole_mass=mat.value("hole_mass") * constants.m_e
            if degenerate_holes and "hole_mass" in mat else None,
            dielectric_constant=mat.value("dielectric_constant")
            if screening and "dielectric_constant" in mat else None)
    if not rates.any():
        raise ParameterError("material", material, "has data for no relaxation mechanism: "
                             + "; ".join(missing.values()))
    return MechanismMap(material, carrier, t, n, rates, tau, missing, hold_t)
