"""The Stoner model of itinerant ferromagnetism on any density of states.

Bands of both spins share the DOS N(E) (per spin, per atom); the mean-field interaction
I n_up n_down (Stoner parameter I [J]) and a field B [T] split them rigidly:

    E_sigma(k) = E(k) - sigma Delta / 2,   Delta = I m + 2 mu_B B,   m = n_up - n_down

(m is the moment in Bohr magnetons per atom). At T = 0 with n electrons per atom the
total energy as a function of m is

    E(m) = G((n+m)/2) + G((n-m)/2) - I m^2 / 4 - mu_B B m,

G(x) the band energy of one spin band filled with x states; its minimum is the ground
state and its stationarity is the self-consistency E_F,up - E_F,down = Delta. Expanding to
second order gives the review's Stoner criterion I N(E_F) > 1 for the paramagnet to be
unstable, and the exchange-enhanced Pauli susceptibility chi = chi_P / (1 - I N(E_F)).
At temperature T the occupations are Fermi-Dirac, and the Stoner Curie temperature solves
I int N(E) (-df/dE) dE = 1. (E. C. Stoner, Proc. R. Soc. A 165, 372 (1938); Mohn,
Magnetism in the Solid State (2003), ch. 6; Blundell, Magnetism in Condensed Matter (2001),
sec. 7.4.)

Published I and N(E_F) of elements, converted to this convention (N per spin, Delta = I m),
are in the materials database: :func:`spinkit.materials.stoner_parameters`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import brentq

from spinkit import constants
from spinkit.errors import ConvergenceError, ParameterError
from spinkit.exchange.dos import DensityOfStates
from spinkit.validation import finite, positive

__all__ = [
    "StonerState",
    "fermi_level",
    "solve_stoner",
    "stoner_enhancement",
    "stoner_product",
    "stoner_tc",
]


def _check(dos: DensityOfStates, n_electrons: float, stoner_i: float) -> tuple[float, float]:
    if not isinstance(dos, DensityOfStates):
        raise ParameterError("dos", type(dos).__name__, "must be a DensityOfStates")
    n = finite("n_electrons", n_electrons)
    if not 0 < n < 2 * dos.capacity:
        raise ParameterError("n_electrons", n_electrons,
                             f"must be in (0, {2 * dos.capacity:.6g}) electrons per atom")
    i = finite("stoner_I", stoner_i, "J")
    if i < 0:
        raise ParameterError("stoner_I", stoner_i, "must be a finite number >= 0 J")
    return n, i


@dataclass(frozen=True)
class StonerState:
    """A self-consistent Stoner solution.

    Attributes
    ----------
    moment: m = n_up - n_down [mu_B per atom].
    splitting: Delta = I m + 2 mu_B B [J].
    chemical_potential: mu [J] (T = 0: Fermi level).
    n_up, n_down: electrons per atom in each spin band.
    temperature: [K].
    """

    moment: float
    splitting: float
    chemical_potential: float
    n_up: float
    n_down: float
    temperature: float


def fermi_level(dos: DensityOfStates, n_electrons: float) -> float:
    """Paramagnetic T = 0 Fermi level [J] holding n electrons per atom (both spins)."""
    n, _ = _check(dos, n_electrons, 0.0)
    return float(dos.level(n / 2))


def stoner_product(dos: DensityOfStates, n_electrons: float, stoner_i: float) -> float:
    """I N(E_F), N per spin at the paramagnetic Fermi level; > 1: ferromagnetic."""
    n, i = _check(dos, n_electrons, stoner_i)
    return float(i * dos.value(fermi_level(dos, n)))


def stoner_enhancement(dos: DensityOfStates, n_electrons: float, stoner_i: float) -> float:
    """chi / chi_Pauli = 1 / (1 - I N(E_F)) of the paramagnet.

    Raises
    ------
    ParameterError
        ``stoner_I`` when I N(E_F) >= 1: the paramagnet is unstable, chi diverges.
    """
    s = stoner_product(dos, n_electrons, stoner_i)
    if s >= 1:
        raise ParameterError("stoner_I", stoner_i,
                             f"I N(E_F) = {s:.4g} >= 1: ferromagnetic, no paramagnetic chi")
    return 1.0 / (1.0 - s)


def _zero_t(dos: DensityOfStates, n: float, i: float, field: float) -> StonerState:
    """T = 0: global minimum of E(m) on a grid, refined by the self-consistency."""
    m_max = min(n, 2 * dos.capacity - n)
    zeeman = constants.mu_B * field

    def energy(m):
        return (dos.band_energy((n + m) / 2) + dos.band_energy((n - m) / 2)
                - i * m * m / 4 - zeeman * m)

    def gap(m):  # dE/dm * 2
        return dos.level((n + m) / 2) - dos.level((n - m) / 2) - i * m - 2 * zeeman

    # E(m) - E(-m) = -2 mu_B B m: the minimum lies on the field's side (m >= 0 at B = 0)
    grid = np.linspace(0.0, m_max, 2001) * (1.0 if field >= 0 else -1.0)
    e = energy(grid)
    k = int(np.argmin(e))
    m = float(grid[k])
    for a, b in ((k - 1, k), (k, k + 1)):  # refine inside a neighbouring grid interval
        if 0 <= a and b < grid.size:
            lo, hi = sorted((grid[a], grid[b]))
            if gap(lo) * gap(hi) < 0:
                m = brentq(gap, lo, hi, xtol=1e-15 * max(m_max, 1.0))
                break
    up, down = (n + m) / 2, (n - m) / 2
    mu = 0.5 * (dos.level(up) + dos.level(down))
    return StonerState(m, i * m + 2 * zeeman, float(mu), up, down, 0.0)


def _chemical_potential(dos: DensityOfStates, n: float, splitting: float,
                        temperature: float) -> float:
    margin = abs(splitting) + np.ptp(dos.energy) + 50 * constants.k_B * temperature
    lo, hi = dos.energy[0] - margin, dos.energy[-1] + margin

    def excess(mu):
        return (dos.occupation(mu + splitting / 2, temperature)
                + dos.occupation(mu - splitting / 2, temperature) - n)

    return brentq(excess, lo, hi, xtol=1e-15 * np.ptp(dos.energy))


def _finite_t(dos: DensityOfStates, n: float, i: float, field: float,
              temperature: float) -> StonerState:
    """T > 0: the largest root of Delta = I m(Delta) + 2 mu_B B (continuous transitions)."""
    zeeman2 = 2 * constants.mu_B * field

    def moment(delta):
        mu = _chemical_potential(dos, n, delta, temperature)
        up = dos.occupation(mu + delta / 2, temperature)
        return up - (n - up), mu

    def residual(delta):
        return i * moment(delta)[0] + zeeman2 - delta

    m_max = min(n, 2 * dos.capacity - n)
    top = i * m_max + abs(zeeman2) + 1e-30
    sgn = 1.0 if field >= 0 else -1.0
    grid = sgn * np.linspace(0, top, 201)
    res = np.array([residual(d) for d in grid])
    if field == 0:
        res[0] = 0.0  # the paramagnet is an exact root; remove rounding of m(0) = 0
    change = np.nonzero(np.sign(res[:-1]) * np.sign(res[1:]) <= 0)[0]
    if change.size == 0:
        raise ConvergenceError("Stoner finite-T: no self-consistent splitting bracketed")
    k = int(change[-1])
    a, b = sorted((grid[k], grid[k + 1]))
    delta = a if res[k] == 0 and a == grid[k] else brentq(residual, a, b, xtol=1e-14 * top)
    m, mu = moment(delta)
    return StonerState(float(m), float(delta), float(mu), (n + m) / 2, (n - m) / 2,
                       float(temperature))


def solve_stoner(dos: DensityOfStates, n_electrons: float, stoner_i: float,
                 temperature: float = 0.0, field: float = 0.0) -> StonerState:
    """Self-consistent Stoner state (module docstring).

    Parameters
    ----------
    dos: N(E) per spin per atom.
    n_electrons: electrons per atom, both spins, in (0, 2 * capacity).
    stoner_i: I [J] >= 0.
    temperature: T [K] >= 0.
    field: B [T] along the quantisation axis.

    At T = 0 the global minimum of E(m) is returned (first-order jumps included); at T > 0
    the largest self-consistent splitting of the field's sign.
    """
    n, i = _check(dos, n_electrons, stoner_i)
    t = finite("temperature", temperature, "K")
    if t < 0:
        raise ParameterError("temperature", temperature, "must be a finite number >= 0 K")
    b = finite("field", field, "T")
    return _zero_t(dos, n, i, b) if t == 0 else _finite_t(dos, n, i, b, t)


def stoner_tc(dos: DensityOfStates, n_electrons: float, stoner_i: float,
              t_max: float = 1e5) -> float:
    """Stoner Curie temperature [K]: I int N (-df/dE) dE = 1 at mu(T); 0 if I N(E_F) <= 1.

    Raises
    ------
    ConvergenceError
        if the instability persists up to ``t_max`` [K].
    """
    n, i = _check(dos, n_electrons, stoner_i)
    t_max = positive("t_max", t_max, "K")
    if stoner_product(dos, n, i) <= 1:
        return 0.0

    def excess(t):
        mu = _chemical_potential(dos, n, 0.0, t)
        return i * dos.thermal_dos(mu, t) - 1.0

    if excess(t_max) > 0:
        raise ConvergenceError(f"Stoner T_c above t_max = {t_max:g} K")
    # at T -> 0 the excess is I N(E_F) - 1 > 0 (checked above)
    return float(brentq(excess, 1e-9 * t_max, t_max, xtol=1e-9 * t_max, rtol=1e-12))
