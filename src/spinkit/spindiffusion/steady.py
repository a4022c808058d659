"""Steady-state spin accumulation in a 1D channel fed by a spin current at one end.

Model (collinear spins, no drift, no precession). The spin accumulation
mu_s = mu_up - mu_down obeys the review's spin diffusion-relaxation equation

    d mu_s / dt = D d^2 mu_s / dx^2 - mu_s / tau_s,                              (1)

whose steady state decays over the spin-diffusion length lambda_s = sqrt(D tau_s).
Spin accumulation is expressed as a voltage V_s = mu_s / e [V]. The spin current density along
+x, in charge units [A/m^2], of a conductor of conductivity sigma (equal for both spins) is

    j_s = j_up - j_down = -(sigma / 2) dV_s/dx.                                  (2)

At x = 0 an injector drives a spin current j_s(0) = P j (polarization P, charge current
density j). At x = L the channel either ends (``"open"``: j_s(L) = 0) or meets an ideal spin
sink (``"sink"``: V_s(L) = 0). The closed forms are (Valet and Fert, Phys. Rev. B 48, 7099
(1993); J. Fabian et al., Acta Phys. Slovaca 57, 565 (2007), sec. II):

    open:  V_s(x) = (2 P j lambda_s / sigma) cosh((L - x)/lambda_s) / sinh(L/lambda_s)
    sink:  V_s(x) = (2 P j lambda_s / sigma) sinh((L - x)/lambda_s) / cosh(L/lambda_s)

The numerical solver discretises (1) by finite volumes (second order in the cell size) so
that the same machinery extends to stacks and time dependence; the closed forms check it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.linalg import solve_banded
from scipy.optimize import curve_fit

from spinkit import constants
from spinkit.errors import ParameterError
from spinkit.validation import array_in_range, in_range, positive

__all__ = [
    "SpinAccumulation",
    "einstein_diffusion_constant",
    "fit_decay",
    "solve_steady_1d",
    "steady_profile_1d",
]

_FAR_ENDS = ("open", "sink")


def einstein_diffusion_constant(conductivity: float, fermi_energy: float) -> float:
    """Diffusion constant D [m^2/s] of a free-electron metal from the Einstein relation.

    D = sigma / (e^2 N(E_F)) with the free-electron density of states (both spins)
    N(E_F) = m_e k_F / (pi^2 hbar^2), k_F = sqrt(2 m_e E_F) / hbar [1/(J m^3)].

    Parameters
    ----------
    conductivity: sigma [S/m].
    fermi_energy: E_F [J] above the band bottom (``7.00 * spinkit.constants.eV`` for Cu).
    """
    sigma = positive("conductivity", conductivity)
    e_f = positive("fermi_energy", fermi_energy)
    k_f = np.sqrt(2 * constants.m_e * e_f) / constants.hbar
    dos = constants.m_e * k_f / (np.pi**2 * constants.hbar**2)
    return sigma / (constants.e**2 * dos)


def steady_profile_1d(
    x: np.ndarray,
    *,
    spin_diffusion_length: float,
    length: float,
    conductivity: float,
    polarization: float,
    current_density: float,
    far_end: str = "open",
) -> np.ndarray:
    """Closed-form steady spin accumulation V_s(x) = mu_s/e [V] (module docstring).

    Parameters
    ----------
    x: positions [m] in [0, length].
    spin_diffusion_length: lambda_s [m].
    length: channel length L [m].
    conductivity: sigma [S/m].
    polarization: P of the injected current [-].
    current_density: j [A/m^2].
    far_end: ``"open"`` (j_s(L) = 0) or ``"sink"`` (V_s(L) = 0).
    """
    lam = positive("spin_diffusion_length", spin_diffusion_length)
    big_l = positive("length", length)
    if far_end not in _FAR_ENDS:
        raise ParameterError("far_end", far_end, f"must be one of {_FAR_ENDS}")
    amp = (2 * in_range("polarization", polarization, low=-1.0, high=1.0, bounds="[]")
           * in_range("current_density", current_density) * lam
           / positive("conductivity", conductivity))
    return amp * _shape(array_in_range("x", x, low=0.0, high=big_l, bounds="[]"), lam, big_l,
                        far_end)


def _shape(x: np.ndarray, lam: float, length: float, far_end: str) -> np.ndarray:
    """cosh((L-x)/lam)/sinh(L/lam) (open) or sinh((L-x)/lam)/cosh(L/lam) (sink).

    Written with exp(-...) factors so that L >> lambda does not overflow.
    """
    u = (length - x) / lam
    r = length / lam
    sign = 1.0 if far_end == "open" else -1.0
    return (np.exp(u - r) + sign * np.exp(-u - r)) / (1 - sign * np.exp(-2 * r))


@dataclass(frozen=True)
class SpinAccumulation:
    """Steady spin accumulation on a 1D grid.

    Attributes
    ----------
    x: cell centres [m].
    mu_s: spin accumulation V_s = mu_s/e [V] at the cell centres.
    spin_current: j_s [A/m^2] at the cell centres (eq. 2).
    spin_diffusion_length: sqrt(D tau_s) [m] of the model.
    """

    x: np.ndarray
    mu_s: np.ndarray
    spin_current: np.ndarray
    spin_diffusion_length: float


def solve_steady_1d(
    *,
    diffusion_constant: float,
    spin_lifetime: float,
    length: float,
    conductivity: float,
    polarization: float,
    current_density: float,
    cells: int = 500,
    far_end: str = "open",
) -> SpinAccumulation:
    """Solve D V'' = V / tau_s on [0, L] by finite volumes (module docstring).

    Parameters
    ----------
    diffusion_constant: D [m^2/s].
    spin_lifetime: tau_s [s].
    length: L [m].
    conductivity: sigma [S/m].
    polarization: P [-], in [-1, 1].
    current_density: j [A/m^2].
    cells: number of cells (>= 10).
    far_end: ``"open"`` or ``"sink"``.
    """
    d = positive("diffusion_constant", diffusion_constant)
    tau = positive("spin_lifetime", spin_lifetime)
    big_l = positive("length", length)
    sigma = positive("conductivity", conductivity)
    polarization = in_range("polarization", polarization, low=-1.0, high=1.0, bounds="[]")
    current_density = in_range("current_density", current_density)
    if isinstance(cells, bool) or not isinstance(cells, int | np.integer) or cells < 10:
        raise ParameterError("cells", cells, "must be an integer >= 10")
    if far_end not in _FAR_ENDS:
        raise ParameterError("far_end", far_end, f"must be one of {_FAR_ENDS}")
    n = int(cells)
    h = big_l / n
    x = (np.arange(n) + 0.5) * h
    # cell balance: (g[i+1/2] - g[i-1/2]) / h - V_i / lambda^2 = 0, g = dV/dx at faces
    k = 1.0 / (h * h)
    inv_l2 = 1.0 / (d * tau)
    diag = np.full(n, -2 * k - inv_l2)
    upper = np.full(n, k)
    lower = np.full(n, k)
    rhs = np.zeros(n)
    g0 = -2 * polarization * current_density / sigma  # imposed dV/dx at x = 0 (eq. 2)
    diag[0] += k  # left face gradient is imposed, not (V_0 - V_-1)/h
    rhs[0] += g0 / h
    if far_end == "open":
        diag[-1] += k  # zero gradient at x = L
    else:
        diag[-1] -= k  # face value V(L) = 0: gradient (0 - V_{n-1}) / (h/2)
    ab = np.zeros((3, n))
    ab[0, 1:] = upper[:-1]
    ab[1] = diag
    ab[2, :-1] = lower[1:]
    v = solve_banded((1, 1), ab, rhs)
    # gradients on the n + 1 faces (the imposed one at x = 0, the far end's boundary value),
    # averaged onto the cell centres for the spin current of eq. (2)
    far = 0.0 if far_end == "open" else -v[-1] / (h / 2)
    faces = np.concatenate([[g0], np.diff(v) / h, [far]])
    grad = 0.5 * (faces[:-1] + faces[1:])
    return SpinAccumulation(x, v, -0.5 * sigma * grad, float(np.sqrt(d * tau)))


def fit_decay(
    x: np.ndarray,
    mu_s: np.ndarray,
    *,
    length: float,
    far_end: str = "open",
    guess: float | None = None,
) -> tuple[float, float, float]:
    """Fit V_s(x) = A * shape(x; lambda) (closed forms above) to data.

    Returns ``(lambda, lambda_stderr, amplitude)`` with lambda in m and the amplitude in the
    unit of ``mu_s``; the standard error is from the least-squares covariance.

    Raises
    ------
    ParameterError
        if the data are too few (< 3 points) or not finite.
    """
    x = np.asarray(x, dtype=float)
    y = np.asarray(mu_s, dtype=float)
    if x.shape != y.shape or x.size < 3 or not (np.isfinite(x).all() and np.isfinite(y).all()):
        raise ParameterError(
            "mu_s", f"{y.size} values at {x.size} positions x",
            "needs >= 3 finite (x, mu_s) pairs of equal length"
        )
    length = positive("length", length)
    if guess is not None:
        guess = positive("guess", guess)

    if far_end not in _FAR_ENDS:
        raise ParameterError("far_end", far_end, f"must be one of {_FAR_ENDS}")

    def model(xx: np.ndarray, lam: float, amp: float) -> np.ndarray:
        return amp * _shape(xx, abs(lam), length, far_end)

    lam0 = guess if guess is not None else max(np.ptp(x) / 3, length / 100)
    amp0 = y[np.argmin(x)] if y[np.argmin(x)] != 0 else 1.0
    popt, pcov = curve_fit(model, x, y, p0=(lam0, amp0), maxfev=20000)
    err = float(np.sqrt(pcov[0, 0])) if np.isfinite(pcov[0, 0]) else float("nan")
    return float(abs(popt[0])), err, float(popt[1])
