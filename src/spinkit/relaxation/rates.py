"""Spin-relaxation rate laws: Elliott-Yafet, D'yakonov-Perel', Bir-Aronov-Pikus.

Rates 1/tau_s [1/s] of a small spin polarisation of conduction electrons. Where a rate
depends on the electron energy E, the rate of the electron gas is its average over the
spin-polarised electrons, whose excess distribution is -df/dE ~ f(1 - f) (a small spin
splitting of the chemical potential), with the 3D density of states ~ E^(1/2):

    <g> = int g(E) E^(1/2) f (1 - f) dE / int E^(1/2) f (1 - f) dE,                  (1)

f the Fermi-Dirac function at the chemical potential fixed by the electron density. In the
non-degenerate limit <(E / k_B T)^n> = Gamma(n + 3/2) / Gamma(3/2); in the degenerate limit
<g> = g(E_F). The momentum relaxation time tau_p is taken independent of energy.

Elliott-Yafet (R. J. Elliott, Phys. Rev. 96, 266 (1954); Y. Yafet, Solid State Phys. 14, 1
(1963)): a collision flips the spin with probability p, 1/tau_s = 2 p / tau_p
(:func:`elliott_yafet_rate`, the convention of :mod:`spinkit.relaxation.ensemble`). For the
conduction band of a III-V semiconductor, k.p theory gives the energy dependence
(I. Zutic, J. Fabian and S. Das Sarma, Rev. Mod. Phys. 76, 323 (2004), sec. III.B.1)

    1/tau_s(E) = A (Delta_so / (E_g + Delta_so))^2 (E / E_g)^2 / tau_p,                (2)

A a factor of order one that depends on the scattering mechanism.

D'yakonov-Perel' (M. I. D'yakonov and V. I. Perel', Sov. Phys. Solid State 13, 3023
(1972)): motional narrowing of the precession about Omega(k), 1/tau_s = <Omega_perp^2>
tau_p. Bulk zinc blende, cubic Dresselhaus gamma (Omega = (2 gamma / hbar) (k_x (k_y^2 -
k_z^2), ...)), isotropic scattering:

    1/tau_s(E) = (32 / 105) gamma^2 k^6 tau_p / hbar^2,  k^2 = 2 m E / hbar^2,          (3)

so 1/tau_s = 4 gamma^2 (2 m k_B T)^3 tau_p / hbar^8 for non-degenerate electrons (T^3 at
fixed tau_p) and (32/105) gamma^2 k_F^6 tau_p / hbar^2 for degenerate ones (J. Fabian et al.,
Acta Phys. Slovaca 57, 565 (2007), sec. VI). 2DEG with Rashba alpha and linear Dresselhaus
beta (:func:`dyakonov_perel_2deg_rates`): spin along z, [110] and [1-10] relax at
(4 k^2/hbar^2)(alpha^2 + beta^2) tau_p, (2 k^2/hbar^2)(alpha + beta)^2 tau_p and
(2 k^2/hbar^2)(alpha - beta)^2 tau_p (N. S. Averkiev and L. E. Golub, Phys. Rev. B 60,
15582 (1999)); the last vanishes at alpha = beta, the persistent spin helix.

Bir-Aronov-Pikus (G. L. Bir, A. G. Aronov and G. E. Pikus, Sov. Phys. JETP 42, 705 (1976)):
electron-hole exchange scattering (Zutic, Fabian and Das Sarma 2004, sec. III.B.3; Fabian et
al. 2007, sec. VI). For non-degenerate free holes of density p

    1/tau_s = (2 / tau_0) p a_B^3 (v_k / v_B) |psi(0)|^4,                               (4)

1/tau_0 = (3 pi / 64) Delta_ex^2 / (hbar E_B), E_B = hbar^2 / (2 m a_B^2), v_B = hbar /
(m a_B), a_B the exciton Bohr radius, Delta_ex the exchange splitting of the exciton ground
state, v_k the electron velocity and |psi(0)|^2 = (2 pi / kappa) / (1 - exp(-2 pi / kappa)),
kappa = (E / E_B)^(1/2), the Sommerfeld (Coulomb) enhancement; holes bound to acceptors add
(2 / tau_0) (5/3)(N_a - p) a_B^3 v_k / v_B. Only holes within ~k_B T of their chemical
potential can flip (Pauli blocking): for Fermi-Dirac holes p is replaced by the active hole
density

    p* = k_B T dp/dmu = p (3/2) F'(eta_h) / F(eta_h),                                   (5)

F(eta) = int x^(3/2) f (1 - f) dx, F'(eta) = int x^(1/2) f (1 - f) dx (eq. 1 quadrature), so
p* = p for non-degenerate holes and p* = (3/2) p k_B T / E_F for degenerate ones, the
degenerate-hole law 1/tau_s = (3 / tau_0) p a_B^3 (v_k / v_B)(k_B T / E_F) (valid for
electrons faster than the holes' Fermi velocity). Screening of the electron-hole attraction
by the holes (Debye for non-degenerate, Thomas-Fermi for degenerate holes,
q_s^2 = e^2 p* / (eps eps_0 k_B T)) is taken into the Sommerfeld factor with the Hulthen
approximation of the screened Coulomb potential, V(r) = -(e^2 / 4 pi eps eps_0)
mu e^(-mu r) / (1 - e^(-mu r)), mu = 2 q_s (equal to the Yukawa potential to first order in
r; H. Haug and S. W. Koch, *Quantum Theory of the Optical and Electronic Properties of
Semiconductors*, World Scientific), whose s-wave Jost function is exact:

    |psi(0)|^2 = |Gamma(1 + i a + s) Gamma(1 + i a - s) / Gamma(1 + 2 i a)|^2,           (6)

a = kappa / (mu a_B), s = (lambda - a^2)^(1/2), lambda = 2 / (mu a_B); -> the Coulomb factor
for mu -> 0 and -> 1 for mu a_B >> 1 (no bound state for lambda < 1: the Mott limit).
"""

from __future__ import annotations

import numpy as np
from scipy.special import loggamma

from spinkit import constants
from spinkit.errors import ConvergenceError, ParameterError
from spinkit.validation import finite, finite_array, positive

__all__ = [
    "active_hole_fraction",
    "bir_aronov_pikus_rate",
    "conduction_band_density",
    "dyakonov_perel_2deg_rates",
    "dyakonov_perel_bulk_rate",
    "elliott_yafet_kp_rate",
    "elliott_yafet_phonon_rate",
    "elliott_yafet_rate",
    "energy_average",
    "momentum_time_from_mobility",
    "reduced_chemical_potential",
    "sommerfeld_factor",
]

_NODES = 1000  # quadrature points of the Fermi-Dirac integrals


def _positive_array(name: str, value: object, unit: str) -> np.ndarray:
    arr = finite_array(name, value, unit)
    if not (arr > 0).all():
        raise ParameterError(name, value, f"must be > 0 ({unit})")
    return arr


def momentum_time_from_mobility(mobility: object, effective_mass: float) -> np.ndarray:
    """tau_p = m mu / e [s] (Drude).

    Parameters
    ----------
    mobility: mu [m^2/(V s)].
    effective_mass: m [kg].
    """
    mu = _positive_array("mobility", mobility, "m^2/(V s)")
    return positive("effective_mass", effective_mass) * mu / constants.e


def elliott_yafet_rate(momentum_time: object, flip_probability: object) -> np.ndarray:
    """1/tau_s = 2 p / tau_p [1/s]: spin flip with probability p per collision.

    Parameters
    ----------
    momentum_time: tau_p [s].
    flip_probability: p, in [0, 1].
    """
    tau = _positive_array("momentum_time", momentum_time, "s")
    p = finite_array("flip_probability", flip_probability, "")
    if ((p < 0) | (p > 1)).any():
        raise ParameterError("flip_probability", flip_probability, "must be in [0, 1]")
    return 2 * p / tau


def _fermi_integral(eta: np.ndarray, power: float) -> np.ndarray:
    """int_0^inf x^power f(1 - f) dx, f = 1/(1 + exp(x - eta)), by the trapezoid rule in
    u = x^(1/2) over x in [max(eta - 60, 0), max(eta, 0) + 60] (f(1 - f) < e^-60 outside)."""
    eta = np.asarray(eta, dtype=float)
    top = np.sqrt(np.maximum(eta, 0.0) + 60.0)
    bottom = np.sqrt(np.maximum(eta - 60.0, 0.0))
    u = bottom[..., None] + np.linspace(0.0, 1.0, _NODES) * (top - bottom)[..., None]
    x = u * u
    # f(1 - f) = 1 / (4 cosh^2((x - eta)/2)), written to avoid overflow
    z = np.exp(-np.abs(x - eta[..., None]))
    w = z / (1 + z) ** 2
    return np.trapezoid(2 * u * x**power * w, u, axis=-1)


def conduction_band_density(eta: object, temperature: object, effective_mass: float
                            ) -> np.ndarray:
    """n = N_c F_1/2(eta) [1/m^3] of a parabolic 3D band at reduced chemical potential eta.

    N_c = 2 (m k_B T / (2 pi hbar^2))^(3/2); F_1/2(eta) = (2/sqrt(pi)) int x^(1/2) f dx,
    computed here as (2/sqrt(pi)) (2/3) int x^(3/2) f (1 - f) dx (integration by parts).

    Parameters
    ----------
    eta: (mu - E_c) / k_B T.
    temperature: T [K].
    effective_mass: m [kg].
    """
    t = _positive_array("temperature", temperature, "K")
    m = positive("effective_mass", effective_mass)
    e = finite_array("eta", eta, "")
    nc = 2 * (m * constants.k_B * t / (2 * np.pi * constants.hbar**2)) ** 1.5
    return nc * (4 / (3 * np.sqrt(np.pi))) * _fermi_integral(e, 1.5)


def reduced_chemical_potential(density: object, temperature: object, effective_mass: float
                               ) -> np.ndarray:
    """eta = (mu - E_c) / k_B T at which a parabolic 3D band holds ``density`` electrons.

    Newton's method on ln n(eta) (:func:`conduction_band_density`; d n / d eta = N_c
    (2/sqrt(pi)) int x^(1/2) f (1 - f) dx), from ln(n/N_c) (Boltzmann) or the T = 0 value
    (3 sqrt(pi) n / (4 N_c))^(2/3), to |d eta| < 1e-11.

    Parameters
    ----------
    density: n [1/m^3] (array; broadcast against ``temperature``).
    temperature: T [K].
    effective_mass: m [kg].
    """
    n = _positive_array("density", density, "1/m^3")
    t = _positive_array("temperature", temperature, "K")
    m = positive("effective_mass", effective_mass)
    n, t = np.broadcast_arrays(n, t)
    ratio = n / (2 * (m * constants.k_B * t / (2 * np.pi * constants.hbar**2)) ** 1.5)
    if (ratio < np.exp(-50)).any():
        raise ParameterError("density", density, "too small: below e^-50 N_c")
    eta = np.where(ratio < 1, np.log(ratio), (0.75 * np.sqrt(np.pi) * ratio) ** (2 / 3))
    for _ in range(50):
        step = np.log(_fermi_integral(eta, 1.5) / (0.75 * np.sqrt(np.pi) * ratio)) \
            * _fermi_integral(eta, 1.5) / (1.5 * _fermi_integral(eta, 0.5))
        eta = eta - step
        if np.max(np.abs(step)) < 1e-11:
            return eta
    raise ConvergenceError("reduced_chemical_potential: Newton did not converge in 50 steps")


def energy_average(power: float, eta: object) -> np.ndarray:
    """<(E / k_B T)^power> over the spin-polarised electrons (eq. 1 of the module docstring).

    Parameters
    ----------
    power: the power n (>= 0).
    eta: reduced chemical potential (mu - E_c) / k_B T (array).
    """
    e = finite_array("eta", eta, "")
    if not finite("power", power) >= 0:
        raise ParameterError("power", power, "must be >= 0")
    return _fermi_integral(e, power + 0.5) / _fermi_integral(e, 0.5)


def _eta(density: object, temperature: object, effective_mass: float) -> np.ndarray:
    """Reduced chemical potential; ``density=None`` means non-degenerate (eta = -60)."""
    if density is None:
        return np.full(np.shape(temperature), -60.0)
    return reduced_chemical_potential(density, temperature, effective_mass)


def dyakonov_perel_bulk_rate(momentum_time: object, temperature: object, *, gamma: float,
                             effective_mass: float, density: object = None) -> np.ndarray:
    """D'yakonov-Perel' rate of bulk zinc blende, eq. (3) averaged by eq. (1) [1/s].

    1/tau_s = (32/105) gamma^2 tau_p (2 m k_B T / hbar^2)^3 <(E/k_B T)^3> / hbar^2.

    Parameters
    ----------
    momentum_time: tau_p [s].
    temperature: T [K].
    gamma: cubic Dresselhaus constant [J m^3].
    effective_mass: m [kg].
    density: electron density n [1/m^3]; ``None``: non-degenerate (Boltzmann) electrons.
    """
    tau = _positive_array("momentum_time", momentum_time, "s")
    t = _positive_array("temperature", temperature, "K")
    m = positive("effective_mass", effective_mass)
    g = finite("gamma", gamma)
    k2 = 2 * m * constants.k_B * t / constants.hbar**2
    avg = energy_average(3, _eta(density, t, m))
    return (32 / 105) * g**2 * tau * k2**3 * avg / constants.hbar**2


def dyakonov_perel_2deg_rates(momentum_time: object, wavevector: object, *, rashba: float,
                              dresselhaus: float) -> dict[str, np.ndarray]:
    """D'yakonov-Perel' rates [1/s] of a [001] 2DEG for spins along z, [110] and [1-10].

    (4 k^2 / hbar^2)(alpha^2 + beta^2) tau_p, (2 k^2 / hbar^2)(alpha + beta)^2 tau_p and
    (2 k^2 / hbar^2)(alpha - beta)^2 tau_p, with the sign convention of
    :class:`spinkit.bands.SpinOrbit2DEG` (module docstring).

    Parameters
    ----------
    momentum_time: tau_p [s].
    wavevector: k [1/m] (k_F for a degenerate 2DEG).
    rashba: alpha [J m].
    dresselhaus: linear Dresselhaus beta [J m].
    """
    tau = _positive_array("momentum_time", momentum_time, "s")
    k = _positive_array("wavevector", wavevector, "1/m")
    a = finite_array("rashba", rashba, "J m")
    b = finite_array("dresselhaus", dresselhaus, "J m")
    c = 2 * k**2 * tau / constants.hbar**2
    return {"z": 2 * c * (a * a + b * b), "110": c * (a + b) ** 2, "1-10": c * (a - b) ** 2}


def elliott_yafet_kp_rate(momentum_time: object, temperature: object, *, band_gap: float,
                          spin_orbit_splitting: float, effective_mass: float,
                          density: object = None, prefactor: float = 1.0) -> np.ndarray:
    """Elliott-Yafet rate of a III-V conduction band, eq. (2) averaged by eq. (1) [1/s].

    1/tau_s = A (Delta_so / (E_g + Delta_so))^2 (k_B T / E_g)^2 <(E/k_B T)^2> / tau_p.

    Parameters
    ----------
    momentum_time: tau_p [s].
    temperature: T [K].
    band_gap: E_g [J].
    spin_orbit_splitting: Delta_so [J].
    effective_mass: m [kg] (for the degeneracy of the electrons).
    density: electron density [1/m^3]; ``None``: non-degenerate electrons.
    prefactor: A (> 0), of order one; it depends on the scattering mechanism.
    """
    tau = _positive_array("momentum_time", momentum_time, "s")
    t = _positive_array("temperature", temperature, "K")
    eg = positive("band_gap", band_gap)
    dso = positive("spin_orbit_splitting", spin_orbit_splitting)
    a = positive("prefactor", prefactor)
    m = positive("effective_mass", effective_mass)
    avg = energy_average(2, _eta(density, t, m))
    return a * (dso / (eg + dso)) ** 2 * (constants.k_B * t / eg) ** 2 * avg / tau


def elliott_yafet_phonon_rate(temperature: object, *, reference_lifetime: float,
                              reference_temperature: float, exponent: float = 3.0
                              ) -> np.ndarray:
    """Phonon-limited Elliott-Yafet rate of a centrosymmetric multivalley conductor [1/s]:

        1/tau_s = (1 / tau_ref) (T / T_ref)^n.

    For conduction electrons in Si the spin flips in intervalley (g- and f-) phonon
    scattering dominate above ~120 K, and T1 ~ T^-3 over the range of the spin-resonance and
    spin-injection data (J. L. Cheng, M. W. Wu and J. Fabian, Phys. Rev. Lett. 104, 016601
    (2010)): n = 3, independent of doping and mobility (intrinsic, phonon-limited).

    Parameters
    ----------
    temperature: T [K].
    reference_lifetime: tau_ref [s], the spin lifetime at T_ref.
    reference_temperature: T_ref [K].
    exponent: n (> 0).
    """
    t = _positive_array("temperature", temperature, "K")
    tau = positive("reference_lifetime", reference_lifetime)
    t0 = positive("reference_temperature", reference_temperature)
    return (t / t0) ** positive("exponent", exponent) / tau


def sommerfeld_factor(energy: object, exciton_rydberg: float, screening: float = 0.0
                      ) -> np.ndarray:
    """|psi(0)|^2: the Coulomb enhancement of an electron of kinetic energy E at a hole.

    Unscreened: (2 pi / kappa) / (1 - exp(-2 pi / kappa)), kappa = (E / E_B)^(1/2)
    (-> 1 for E >> E_B, -> 2 pi / kappa for E << E_B). Screened: eq. (6) of the module
    docstring (Hulthen potential, mu a_B = 2 q_s a_B).

    Parameters
    ----------
    energy: E [J].
    exciton_rydberg: E_B [J].
    screening: q_s a_B >= 0, the screening wavevector in units of the exciton Bohr radius
        (broadcast against ``energy``); 0: unscreened.
    """
    e = _positive_array("energy", energy, "J")
    q = finite_array("screening", screening, "")
    if (q < 0).any():
        raise ParameterError("screening", screening, "must be >= 0 (q_s a_B)")
    kappa = np.sqrt(e / positive("exciton_rydberg", exciton_rydberg))
    x = 2 * np.pi / kappa
    coulomb = x / -np.expm1(-x)
    if not q.any():
        return coulomb
    mu = np.where(q > 0, 2 * q, 1.0)  # mu a_B (placeholder where unscreened)
    a = kappa / mu
    s = np.sqrt((2 / mu - a * a).astype(complex))
    jost = (loggamma(1 + 2j * a) - loggamma(1 + 1j * a + s) - loggamma(1 + 1j * a - s)).real
    return np.where(q > 0, np.exp(-2 * jost), coulomb)


def active_hole_fraction(hole_density: object, temperature: object, hole_mass: float
                         ) -> np.ndarray:
    """p* / p = (k_B T / p) dp/dmu of a parabolic 3D hole band, eq. (5) [dimensionless].

    1 for non-degenerate holes; (3/2) k_B T / E_F for degenerate ones.

    Parameters
    ----------
    hole_density: p [1/m^3].
    temperature: T [K].
    hole_mass: hole (density-of-states) mass [kg].
    """
    eta = reduced_chemical_potential(hole_density, temperature, hole_mass)
    return 1.5 * _fermi_integral(eta, 0.5) / _fermi_integral(eta, 1.5)


def bir_aronov_pikus_rate(hole_density: object, temperature: object, *,
                          exchange_splitting: float, exciton_bohr_radius: float,
                          effective_mass: float, acceptor_density: object = None,
                          hole_mass: float | None = None,
                          dielectric_constant: float | None = None) -> np.ndarray:
    """Bir-Aronov-Pikus rate, thermally averaged over non-degenerate electrons (eq. 1) [1/s]:

        1/tau_s = (2/tau_0) a_B^3 / v_B [p* <v_k |psi(0)|^4> + (5/3)(N_a - p) <v_k>],

    eq. (4) for the free holes (active density p*, eq. 5) plus the N_a - p holes bound to
    acceptors (Zutic, Fabian and Das Sarma 2004, sec. III.B.3); <v_k> = (8 k_B T /
    (pi m))^(1/2); |psi(0)|^2 unscreened or screened by the free holes (eq. 6).

    Parameters
    ----------
    hole_density: free-hole density p [1/m^3].
    temperature: T [K].
    exchange_splitting: Delta_ex [J] of the exciton ground state.
    exciton_bohr_radius: a_B [m].
    effective_mass: electron mass m [kg].
    acceptor_density: N_a >= p [1/m^3]; default p (every acceptor ionised).
    hole_mass: hole density-of-states mass [kg] for Fermi-Dirac holes (eq. 5); ``None``:
        non-degenerate holes, p* = p.
    dielectric_constant: relative permittivity eps for Debye / Thomas-Fermi screening by
        the holes, q_s^2 = e^2 p* / (eps eps_0 k_B T); ``None``: unscreened.
    """
    p = _positive_array("hole_density", hole_density, "1/m^3")
    n_a = p if acceptor_density is None else _positive_array(
        "acceptor_density", acceptor_density, "1/m^3")
    if (n_a < p).any():
        raise ParameterError("acceptor_density", acceptor_density,
                             "must be >= hole_density (holes come from the acceptors)")
    t = _positive_array("temperature", temperature, "K")
    dex = positive("exchange_splitting", exchange_splitting)
    a_b = positive("exciton_bohr_radius", exciton_bohr_radius)
    m = positive("effective_mass", effective_mass)
    p, t, n_a = np.broadcast_arrays(p, t, n_a)
    active = p if hole_mass is None else p * active_hole_fraction(
        p, t, positive("hole_mass", hole_mass))
    if dielectric_constant is None:
        q_ab = np.zeros(p.shape)
    else:
        eps = positive("dielectric_constant", dielectric_constant) * constants.epsilon_0
        q_ab = a_b * np.sqrt(constants.e**2 * active / (eps * constants.k_B * t))
    e_b = constants.hbar**2 / (2 * m * a_b**2)
    v_b = constants.hbar / (m * a_b)
    rate0 = (3 * np.pi / 64) * dex**2 / (constants.hbar * e_b)
    # <v_k |psi(0)|^4> over the Boltzmann electrons, on the same quadrature as eq. (1)
    # (the integrand -> 0 at E = 0, where v |psi(0)|^4 E^(1/2) stays finite)
    kt = constants.k_B * t[..., None]
    u = np.linspace(0.0, np.sqrt(60.0), _NODES)
    x = u[1:] ** 2
    v = np.sqrt(2 * x * kt / m)
    s = sommerfeld_factor(x * kt, e_b, q_ab[..., None])
    integrand = 2 * u[1:] * np.sqrt(x) * np.exp(-x) * v * s**2
    integrand = np.concatenate([np.zeros(integrand.shape[:-1] + (1,)), integrand], axis=-1)
    mean = np.trapezoid(integrand, u, axis=-1) / (np.sqrt(np.pi) / 2)
    speed = np.sqrt(8 * constants.k_B * t / (np.pi * m))
    return 2 * rate0 * a_b**3 * (active * mean + (5 / 3) * (n_a - p) * speed) / v_b
