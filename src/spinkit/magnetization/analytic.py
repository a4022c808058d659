"""Closed forms of macrospin dynamics: precession, ringdown, Kittel, critical currents,
thermal stability and Neel-Brown relaxation. SI units; fields B = mu0 H in tesla.
"""

from __future__ import annotations

import math

import numpy as np

from spinkit import constants
from spinkit.errors import ParameterError
from spinkit.magnetization.term import positive
from spinkit.validation import finite

__all__ = [
    "larmor_frequency",
    "kittel_frequency",
    "damped_precession",
    "sun_critical_current",
    "thermal_stability",
    "neel_relaxation_time",
    "uniaxial_scales",
    "brown_relaxation_time",
]


def larmor_frequency(B: float, gamma: float = constants.gamma_e) -> float:
    """f = gamma B / (2 pi) [Hz] for a field B [T]."""
    return positive("gamma", gamma) * finite("B", B) / (2 * math.pi)


def kittel_frequency(
    B: float,
    Ms: float,
    factors: tuple[float, float, float] = (0.0, 0.0, 0.0),
    anisotropy_field: float = 0.0,
    gamma: float = constants.gamma_e,
) -> float:
    """Ferromagnetic resonance frequency [Hz] of a uniformly magnetized ellipsoid.

    C. Kittel, Phys. Rev. 73, 155 (1948). With the field B [T] and the magnetization along
    the third axis of the frame in which the demagnetizing factors are ``factors`` =
    (N1, N2, N3), and a uniaxial anisotropy field B_K = 2K/Ms along that axis:

        f = (gamma / 2 pi) sqrt((B + B_K + mu0 Ms (N1 - N3)) (B + B_K + mu0 Ms (N2 - N3)))

    A film in the x-y plane with an in-plane field along x: factors = (0, 1, 0) (y, z, x),
    f = (gamma/2 pi) sqrt(B (B + mu0 Ms)). Ms in A/m.
    """
    try:
        n1, n2, n3 = (finite("factors", f) for f in factors)
    except (TypeError, ValueError) as err:
        if isinstance(err, ParameterError):
            raise
        raise ParameterError("factors", factors, "must be three numbers (N1, N2, N3)") from None
    ms = positive("Ms", Ms, zero=True)
    gamma = positive("gamma", gamma)
    b = finite("B", B) + finite("anisotropy_field", anisotropy_field)
    mu0ms = constants.mu_0 * ms
    product = (b + mu0ms * (n1 - n3)) * (b + mu0ms * (n2 - n3))
    if product < 0:
        raise ParameterError("B", B, "the magnetization is not in equilibrium along the "
                             "field: the Kittel stiffness is negative")
    return gamma * math.sqrt(product) / (2 * math.pi)


def damped_precession(
    t: np.ndarray,
    B: float,
    alpha: float,
    theta0: float,
    phi0: float = 0.0,
    gamma: float = constants.gamma_e,
) -> np.ndarray:
    """m(t) of the LLG equation in a static field B along z, no other term, shape (K, 3).

    The polar angle relaxes and the azimuth turns at the reduced frequency
    (e.g. Mallinson, IEEE Trans. Magn. 23, 2003 (1987)):

        tan(theta/2) = tan(theta0/2) exp(-alpha gamma B t / (1 + alpha^2)),
        phi = phi0 + gamma B t / (1 + alpha^2).
    """
    t = np.asarray(t, dtype=float)
    if not np.isfinite(t).all():
        raise ParameterError("t", t, "must be finite times [s]")
    w = positive("gamma", gamma) * finite("B", B) / (1 + positive("alpha", alpha, zero=True) ** 2)
    theta = 2 * np.arctan(np.tan(finite("theta0", theta0) / 2) * np.exp(-alpha * w * t))
    phi = finite("phi0", phi0) + w * t
    return np.stack([np.sin(theta) * np.cos(phi), np.sin(theta) * np.sin(phi),
                     np.cos(theta)], axis=-1)


def sun_critical_current(
    alpha: float, Ms: float, thickness: float, eta: float, stiffness_field: float
) -> float:
    """Zero-temperature spin-transfer switching threshold J_c0 [A/m^2].

    J. Z. Sun, Phys. Rev. B 62, 570 (2000):

        J_c0 = (2 e / hbar) (alpha / eta) Ms d B_stiff

    with eta the torque efficiency (eta = 2 eps = P for Lambda = 1 in :mod:`.torques`) and
    B_stiff [T] the mean of the two transverse stiffness fields at the equilibrium:
    B_K,eff + B for a perpendicular layer, B_K + B + mu0 M_eff / 2 for an in-plane one.
    """
    if finite("eta", eta) == 0:
        raise ParameterError("eta", eta, "must be a non-zero torque efficiency")
    return (2 * constants.e / constants.hbar) * (
        positive("alpha", alpha) / eta) * positive("Ms", Ms) * positive(
        "thickness", thickness) * finite("stiffness_field", stiffness_field)


def thermal_stability(barrier: float, temperature: float) -> float:
    """Delta = E_b / (k_B T) [-], E_b [J] the energy barrier (K V for a uniaxial magnet)."""
    return positive("barrier", barrier, zero=True) / (
        constants.k_B * positive("temperature", temperature))


def neel_relaxation_time(delta: float, attempt_time: float = 1e-9) -> float:
    """Neel-Arrhenius relaxation time tau = tau_0 exp(Delta) [s] (L. Neel, Ann. Geophys.
    5, 99 (1949)), with the attempt time tau_0 [s] (about 1 ns in MRAM practice)."""
    return positive("attempt_time", attempt_time) * math.exp(positive("delta", delta,
                                                                        zero=True))


def brown_relaxation_time(
    alpha: float, Ms: float, volume: float, K: float, temperature: float,
    gamma: float = constants.gamma_e,
) -> float:
    """Brown's high-barrier relaxation time of a uniaxial macrospin in zero field [s].

    W. F. Brown, Phys. Rev. 130, 1677 (1963), eq. (4.8):

        tau = tau_N (sqrt(pi) / 2) xi^(-3/2) exp(xi),   xi = K V / (k_B T),
        tau_N = (1 + alpha^2) Ms V / (2 alpha gamma k_B T),

    the inverse of the smallest non-zero eigenvalue of the Fokker-Planck operator;
    asymptotic for xi >> 1. It is the leading term of the mean time from the pole to the
    barrier top, T = tau (1 + 1/xi + 7/(4 xi^2) + ...) (Laplace's method on the exact time,
    :func:`~spinkit.magnetization.escape.uniaxial_escape_time`): 22 % below T at xi = 5,
    11 % at xi = 10, 7 % at xi = 15.
    """
    xi, _, tau_n = uniaxial_scales(alpha, Ms, volume, K, temperature, gamma)
    return tau_n * math.sqrt(math.pi) / 2 * xi**-1.5 * math.exp(xi)


def uniaxial_scales(
    alpha: float, Ms: float, volume: float, K: float, temperature: float,
    gamma: float = constants.gamma_e, field: float = 0.0,
) -> tuple[float, float, float]:
    """(xi, h, tau_N) of a uniaxial macrospin in a field B = ``field`` [T] along its axis:
    the barrier parameter xi = K V / (k_B T), the reduced field h = B Ms / (2 K) and Neel's
    time tau_N = (1 + alpha^2) Ms V / (2 alpha gamma k_B T) [s] (W. F. Brown, Phys. Rev.
    130, 1677 (1963)), with every input checked."""
    kt = constants.k_B * positive("temperature", temperature)
    a = positive("alpha", alpha)
    v = positive("volume", volume)
    ms = positive("Ms", Ms)
    xi = positive("K", K) * v / kt
    h = finite("field", field) * ms / (2 * K)
    return xi, h, (1 + a * a) * ms * v / (2 * a * positive("gamma", gamma) * kt)
