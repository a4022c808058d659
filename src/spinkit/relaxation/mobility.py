"""Empirical low-field electron mobility mu(N, T), for the momentum time tau_p = m mu / e.

The Caughey-Thomas form with power-law temperature dependences of M. Sotoodeh, A. H. Khalid
and A. A. Rezazadeh, J. Appl. Phys. 87, 2890 (2000), their eq. (4):

    mu(N, T) = mu_min + (mu_max (300 K / T)^theta_1 - mu_min) / (1 + (N / N_ref(T))^lambda),
    N_ref(T) = N_ref (T / 300 K)^theta_2,

N the ionised-impurity density: mu_max (300 K / T)^theta_1 is the lattice (phonon) limited
mobility of a pure crystal, mu_min the mobility at N >> N_ref; in Sotoodeh's form mu_min and
lambda do not depend on temperature. The parameters of a material are in
:mod:`spinkit.materials` (``electron_mobility_max``, ``electron_mobility_min``,
``electron_mobility_reference_doping``, ``electron_mobility_doping_exponent``,
``electron_mobility_lattice_exponent``, ``electron_mobility_reference_exponent``), with the
temperature range ``electron_mobility_min_temperature`` to
``electron_mobility_max_temperature``. Below it the power laws extrapolate to unphysically large
mobilities (the fit has no impurity-limited low-temperature plateau): :func:`material_mobility`
refuses such temperatures unless asked to hold the mobility at its value at the lowest
temperature of the range. Above it the lattice term falls below mu_min and the mobility would
rise with doping: refused.
"""

from __future__ import annotations

import numpy as np

from spinkit import materials
from spinkit.errors import ParameterError
from spinkit.validation import finite, finite_array, positive

__all__ = ["MOBILITY_KEYS", "RANGE_KEYS", "low_field_mobility", "material_mobility"]

#: Material quantities of the mobility model, in the order of :func:`low_field_mobility`'s
#: keyword arguments.
MOBILITY_KEYS = ("electron_mobility_max", "electron_mobility_min",
                 "electron_mobility_reference_doping", "electron_mobility_doping_exponent",
                 "electron_mobility_lattice_exponent", "electron_mobility_reference_exponent")
#: Material quantities of the model's temperature range [K]: lowest, highest.
RANGE_KEYS = ("electron_mobility_min_temperature", "electron_mobility_max_temperature")

_T0 = 300.0  # K, reference temperature of the model


def low_field_mobility(doping: object, temperature: object, *, mu_max: float, mu_min: float,
                       n_ref: float, exponent: float, lattice_exponent: float = 0.0,
                       reference_exponent: float = 0.0) -> np.ndarray:
    """mu(N, T) [m^2/(V s)] of the module docstring (broadcast over N and T).

    Parameters
    ----------
    doping: ionised-impurity density N >= 0 [1/m^3].
    temperature: T > 0 [K].
    mu_max: lattice-limited mobility at 300 K [m^2/(V s)], > mu_min.
    mu_min: mobility at high doping [m^2/(V s)], >= 0.
    n_ref: N_ref at 300 K [1/m^3].
    exponent: lambda > 0.
    lattice_exponent: theta_1 (mu_max (300 K / T)^theta_1).
    reference_exponent: theta_2 (N_ref (T / 300 K)^theta_2).
    """
    n = finite_array("doping", doping, "1/m^3")
    t = finite_array("temperature", temperature, "K")
    if (n < 0).any():
        raise ParameterError("doping", doping, "must be >= 0 (1/m^3)")
    if not (t > 0).all():
        raise ParameterError("temperature", temperature, "must be > 0 (K)")
    mu_max = positive("mu_max", mu_max)
    mu_min = finite("mu_min", mu_min)
    if not 0 <= mu_min < mu_max:
        raise ParameterError("mu_min", mu_min, f"must be in [0, mu_max = {mu_max:g})")
    n_ref = positive("n_ref", n_ref)
    lam = positive("exponent", exponent)
    theta1 = finite("lattice_exponent", lattice_exponent)
    theta2 = finite("reference_exponent", reference_exponent)
    ratio = t / _T0
    lattice = mu_max * ratio ** -theta1
    return mu_min + (lattice - mu_min) / (1 + (n / (n_ref * ratio**theta2)) ** lam)


def material_mobility(material: str, doping: object, temperature: object, *,
                      hold_below_range: bool = False) -> np.ndarray:
    """mu(N, T) [m^2/(V s)] of ``material`` from its database parameters.

    Parameters
    ----------
    material: a name from :func:`spinkit.materials.names` with the quantities
        :data:`MOBILITY_KEYS` and :data:`RANGE_KEYS`.
    doping: ionised-impurity density N [1/m^3].
    temperature: T > 0 [K], at most ``electron_mobility_max_temperature``.
    hold_below_range: below ``electron_mobility_min_temperature`` T_min, use mu(N, T_min) (an
        assumption: ionised-impurity scattering, weakly temperature dependent, then limits
        the mobility of doped material); False: refuse such temperatures.
    """
    mat = materials.get(material)
    lacking = [k for k in (*MOBILITY_KEYS, *RANGE_KEYS) if k not in mat]
    if lacking:
        raise ParameterError("material", material, "has no mobility model (lacks "
                             + ", ".join(lacking) + ")")
    if not isinstance(hold_below_range, bool | np.bool_):
        raise ParameterError("hold_below_range", hold_below_range, "must be True or False")
    t = finite_array("temperature", temperature, "K")
    if not (t > 0).all():
        raise ParameterError("temperature", temperature, "must be > 0 (K)")
    t_min, t_max = (mat.value(k) for k in RANGE_KEYS)
    allowed = f"outside the {material} mobility model's range {t_min:g} K <= T <= {t_max:g} K"
    if (t > t_max).any():
        raise ParameterError("temperature", temperature, allowed)
    if not hold_below_range and (t < t_min).any():
        raise ParameterError("temperature", temperature, allowed + " (hold_below_range=True "
                             "holds mu at its T_min value below it)")
    mu_max, mu_min, n_ref, lam, theta1, theta2 = (mat.value(k) for k in MOBILITY_KEYS)
    return low_field_mobility(doping, np.maximum(t, t_min), mu_max=mu_max, mu_min=mu_min,
                              n_ref=n_ref, exponent=lam, lattice_exponent=theta1,
                              reference_exponent=theta2)
