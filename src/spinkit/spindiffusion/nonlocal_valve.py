"""Nonlocal spin valve: spin signal vs injector-detector distance, Hanle precession, fits.

A ferromagnetic injector drives a current I with polarization P into a non-magnetic channel
(conductivity sigma, cross-section A, diffusion constant D, spin lifetime tau_s) and draws it
out on the far side; a ferromagnetic detector at distance L measures the spin accumulation
as a voltage. With tunnel (or otherwise spin-conserving, high-resistance) contacts the
nonlocal resistance R = V/I in 1D is (M. Johnson and R. H. Silsbee, Phys. Rev. Lett. 55, 1790
(1985); F. J. Jedema et al., Nature 416, 713 (2002))

    R(L) = +/- (P^2 lambda_s / (2 sigma A)) exp(-L / lambda_s),   lambda_s = sqrt(D tau_s),   (1)

(+ parallel, - antiparallel electrodes). In a field B perpendicular to the injected spins the
spins precess at Omega = g mu_B B / hbar while they diffuse; averaging over the diffusion
times (Jedema et al. 2002, eq. 1),

    R(B) = +/- (P^2 D / (sigma A)) int_0^inf phi(t) cos(Omega t) exp(-t/tau_s) dt,
    phi(t) = exp(-L^2 / 4Dt) / sqrt(4 pi D t),

which integrates in closed form to

    R(B) = +/- (P^2 / (2 sigma A)) Re[lambda_w exp(-L / lambda_w)],
    lambda_w = sqrt(D tau_s / (1 - i Omega tau_s)).                                      (2)

At B = 0, (2) is (1). The fits below extract lambda_s and P from R(L), or D, tau_s and P from
R(B), with standard errors from the least-squares covariance; P enters as P^2, and data
whose amplitude needs P > 1 (for the given sigma and A) are refused, not fitted at P = 1.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import curve_fit

from spinkit import constants
from spinkit.errors import ParameterError
from spinkit.spindiffusion.bloch_torrey import (
    SpinChannel,
    injection_source,
    larmor_frequency,
    solve_steady,
)
from spinkit.validation import array_in_range, in_range, positive

__all__ = [
    "nonlocal_resistance",
    "NonlocalSpinValve",
    "FitResult",
    "fit_distance",
    "fit_hanle",
]


def _pol(p: float) -> float:
    return in_range("polarization", p, low=-1.0, high=1.0, bounds="[]")


def nonlocal_resistance(
    distance: float | np.ndarray,
    *,
    polarization: float,
    spin_diffusion_length: float,
    conductivity: float,
    area: float,
) -> np.ndarray:
    """R(L) [Ohm] of eq. (1) for parallel electrodes (negate for antiparallel).

    distance: L [m]; spin_diffusion_length: lambda_s [m]; conductivity: sigma [S/m];
    area: channel cross-section A [m^2].
    """
    lam = positive("spin_diffusion_length", spin_diffusion_length)
    amp = _pol(polarization) ** 2 * lam / (2 * positive("conductivity", conductivity)
                                          * positive("area", area))
    return amp * np.exp(-array_in_range("distance", distance, low=0.0, bounds="[]") / lam)


@dataclass(frozen=True)
class NonlocalSpinValve:
    """A nonlocal spin valve: channel, contacts and the Larmor coupling (module docstring).

    Parameters
    ----------
    diffusion_constant: D [m^2/s].
    spin_lifetime: tau_s [s].
    conductivity: sigma of the channel [S/m].
    area: channel cross-section A [m^2].
    polarization: P of injector and detector, in [-1, 1].
    g_factor: electron g-factor of the channel (free electron 2.0023).
    """

    diffusion_constant: float
    spin_lifetime: float
    conductivity: float
    area: float
    polarization: float
    g_factor: float = constants.g_e

    def __post_init__(self) -> None:
        for name in ("diffusion_constant", "spin_lifetime", "conductivity", "area"):
            positive(name, getattr(self, name))
        _pol(self.polarization)
        in_range("g_factor", self.g_factor)

    @property
    def spin_diffusion_length(self) -> float:
        """lambda_s = sqrt(D tau_s) [m]."""
        return float(np.sqrt(self.diffusion_constant * self.spin_lifetime))

    def resistance(self, distance: float | np.ndarray) -> np.ndarray:
        """R(L) [Ohm] at B = 0, eq. (1)."""
        return nonlocal_resistance(distance, polarization=self.polarization,
                                   spin_diffusion_length=self.spin_diffusion_length,
                                   conductivity=self.conductivity, area=self.area)

    def hanle(self, field: float | np.ndarray, distance: float) -> np.ndarray:
        """R(B) [Ohm] of eq. (2), parallel electrodes, B [T] perpendicular to the spins."""
        d, tau = self.diffusion_constant, self.spin_lifetime
        w = larmor_frequency(array_in_range("field", field), self.g_factor)
        distance = in_range("distance", distance, low=0.0, bounds="[]")
        lam_w = np.sqrt(d * tau / (1 - 1j * w * tau))
        amp = self.polarization**2 / (2 * self.conductivity * self.area)
        return amp * np.real(lam_w * np.exp(-distance / lam_w))

    def hanle_numeric(
        self,
        field: float | np.ndarray,
        distance: float,
        *,
        cells_per_length: int = 200,
        margin: float = 12.0,
    ) -> np.ndarray:
        """R(B) [Ohm] from the steady Bloch-Torrey solver (:mod:`.bloch_torrey`).

        A 1D channel from -margin lambda_s to L + margin lambda_s (open ends) gets the spin
        current P I along y at x = 0; B is along z; the detector reads V = P mu_y(L)/2. The
        grid step is min(lambda_s, L)/cells_per_length, with cell centres on 0 and L.
        """
        if (isinstance(cells_per_length, bool) or not isinstance(cells_per_length, int)
                or cells_per_length < 4):
            raise ParameterError("cells_per_length", cells_per_length,
                                 "must be an integer >= 4")
        margin = positive("margin", margin)
        fields = np.atleast_1d(array_in_range("field", field))
        lam = self.spin_diffusion_length
        length = in_range("distance", distance, low=0.0, bounds="[]")
        h = (min(lam, length) if length > 0 else lam) / cells_per_length
        left = int(np.ceil(margin * lam / h))
        n = left + int(np.ceil((length + margin * lam) / h)) + 1
        out = []
        for b in fields:
            ch = SpinChannel((n * h,), (n,), self.diffusion_constant, self.spin_lifetime,
                             origin=(-(left + 0.5) * h,), field=(0.0, 0.0, float(b)),
                             g_factor=self.g_factor)
            src = injection_source(ch, (0.0,), spin_current=self.polarization,
                                   direction=(0, 1, 0), conductivity=self.conductivity,
                                   cross_section=self.area)
            mu = solve_steady(ch, src).mu[:, 1]
            out.append(self.polarization * np.interp(length, ch.axes[0], mu) / 2)
        res = np.asarray(out)
        return res if np.ndim(field) else res[0]


@dataclass(frozen=True)
class FitResult:
    """Fitted parameters and their standard errors (same keys, SI units)."""

    values: dict[str, float]
    stderr: dict[str, float]
    residual_rms: float


def _fit(model, x, y, xy_names: tuple[str, str], names, p0) -> FitResult:
    """Least squares in log-parameters; the first parameter is P, entering as P^2 (a free
    amplitude; the model is evaluated at P = 1 and scaled), so a fit that needs P > 1 is
    reported as an error instead of being clipped."""
    x = array_in_range(xy_names[0], x)
    y = array_in_range(xy_names[1], y)
    if x.shape != y.shape or x.ndim != 1 or x.size < len(p0) + 1:
        raise ParameterError(xy_names[1], f"{y.size} values at {x.size} {xy_names[0]}",
                             f"needs >= {len(p0) + 1} points, 1D and of equal length")
    p0 = [positive(f"guess[{i}]", v) for i, v in enumerate(p0)]
    scale = np.max(np.abs(y)) or 1.0
    popt, pcov = curve_fit(lambda xx, *q: model(xx, *q) / scale, x, y / scale,
                           p0=np.log(p0), maxfev=20000)
    vals = np.exp(popt)
    if vals[0] > 1:
        raise ParameterError(xy_names[1], f"fitted polarization {vals[0]:.4g}",
                             "the signal is larger than P = 1 allows for this conductivity "
                             "and area (check them)")
    errs = vals * np.sqrt(np.clip(np.diag(pcov), 0, None))
    rms = float(np.sqrt(np.mean((model(x, *popt) - y) ** 2)))
    return FitResult(dict(zip(names, vals.tolist(), strict=True)),
                     dict(zip(names, errs.tolist(), strict=True)), rms)


def fit_distance(
    distance: np.ndarray,
    resistance: np.ndarray,
    *,
    conductivity: float,
    area: float,
    guess: tuple[float, float] = (0.3, 1e-6),
) -> FitResult:
    """Fit eq. (1) to R(L): returns ``polarization`` and ``spin_diffusion_length`` [m]."""
    sigma, a = positive("conductivity", conductivity), positive("area", area)

    def model(x, lp, llam):
        return np.exp(2 * lp) * nonlocal_resistance(
            x, polarization=1.0, spin_diffusion_length=np.exp(llam), conductivity=sigma, area=a)

    return _fit(model, distance, resistance, ("distance", "resistance"),
                ("polarization", "spin_diffusion_length"), guess)


def fit_hanle(
    field: np.ndarray,
    resistance: np.ndarray,
    *,
    distance: float,
    conductivity: float,
    area: float,
    g_factor: float = constants.g_e,
    guess: tuple[float, float, float] = (0.3, 1e-2, 1e-10),
) -> FitResult:
    """Fit eq. (2) to R(B): returns ``polarization``, ``diffusion_constant`` [m^2/s] and
    ``spin_lifetime`` [s] (guess in that order)."""
    sigma, a = positive("conductivity", conductivity), positive("area", area)

    distance = in_range("distance", distance, low=0.0, bounds="[]")

    def model(x, lp, ld, lt):
        return np.exp(2 * lp) * NonlocalSpinValve(np.exp(ld), np.exp(lt), sigma, a, 1.0,
                                                  g_factor).hanle(x, distance)

    return _fit(model, field, resistance, ("field", "resistance"),
                ("polarization", "diffusion_constant", "spin_lifetime"), guess)
