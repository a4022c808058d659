"""Spin-ensemble Monte Carlo: spins precessing about Omega(k) between scattering events.

Every electron of the ensemble carries a wavevector k, a spin S (a unit vector, the spin
expectation in units of hbar/2) and, optionally, a position r. Between collisions its spin
precesses about the spin-orbit field of the band model,

    dS/dt = Omega(k) x S,    Omega(k) = 2 h(k) / hbar  [rad/s]                     (1)

(:meth:`spinkit.bands.TwoBandSpinHamiltonian.spin_orbit_field`; a Zeeman term of the model is
part of Omega), exactly, by the Rodrigues rotation through the angle |Omega| dt, and it moves
as dr/dt = hbar k / m. Collisions are a Poisson process of rate 1/tau_p: the free flights are
exponential with mean tau_p, each electron on its own clock. A collision draws a new k from
the momentum distribution (thermal or on the Fermi surface, isotropic: tau_p is then also the
correlation time of Omega) and, with probability p, flips the spin, S -> -S (an Elliott-Yafet
event).

What emerges (the tests check each against its closed form):

* motional narrowing (D'yakonov-Perel'), |Omega| tau_p << 1: S decays exponentially at the
  rate <Omega_perp^2> tau_p, Omega_perp the part of Omega perpendicular to S;
* free precession, |Omega| tau_p >> 1: each spin precesses about its own Omega(k), and the
  ensemble dephases, non-exponentially, through the spread of |Omega(k)|;
* Elliott-Yafet: flips at rate p/tau_p make every component decay as exp(-2 p t / tau_p),
  the convention used here: 1/tau_s = 2 p / tau_p;
* the persistent spin helix of a 2DEG with alpha = beta: the spin follows the position along
  [110] exactly, so the helix mode of wavevector Q = 4 m alpha / hbar^2 never decays.

Two engines run the same model. The numpy engine advances all electrons one free flight per
pass (vectorised over the ensemble; about duration / tau_p passes) and takes any field and
any momentum distribution. The compiled engine (:mod:`spinkit.relaxation._kernels`, numba,
one thread per batch of electrons) runs where the field is a polynomial of degree <= 3 in k,
fitted exactly from the model (:func:`polynomial_field`: every
:class:`~spinkit.bands.SpinOrbit2DEG` and
:class:`~spinkit.relaxation.bulk_dresselhaus.BulkDresselhaus`), with thermal or Fermi-surface
momenta. Each is reproducible from ``seed``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy.optimize import curve_fit

from spinkit import constants
from spinkit.bands.hamiltonian import TwoBandSpinHamiltonian
from spinkit.errors import ParameterError
from spinkit.validation import count, finite_array, positive, vector3

__all__ = [
    "EnsembleResult",
    "FermiMomenta",
    "ThermalMomenta",
    "decay_time",
    "ensemble_lifetime",
    "fit_spin_lifetime",
    "free_precession",
    "helix_amplitude",
    "polynomial_field",
    "rotate",
    "simulate_ensemble",
    "steady_state_polarization",
]


#: Number of electron batches whose separate means give the statistical errors.
BATCHES = 16


def _unit(name: str, value: object) -> np.ndarray:
    """``value`` (three finite numbers, not all zero) as a unit vector."""
    v = vector3(name, value)
    norm = np.linalg.norm(v)
    if not norm > 0:
        raise ParameterError(name, value, "must be a nonzero direction (three numbers)")
    return v / norm


def _seed(seed: object) -> int | np.random.Generator | None:
    """A seed for :func:`numpy.random.default_rng`: None, an integer >= 0 or a generator."""
    if seed is None or isinstance(seed, np.random.Generator):
        return seed
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise ParameterError("seed", seed, "must be None, an integer >= 0 or a "
                             "numpy.random.Generator")
    return int(seed)


def _dimension(dim: int) -> int:
    if isinstance(dim, bool) or not isinstance(dim, int | np.integer) or dim not in (2, 3):
        raise ParameterError("dim", dim, "must be 2 (a 2DEG) or 3 (bulk)")
    return int(dim)


@dataclass(frozen=True)
class ThermalMomenta:
    """Maxwell-Boltzmann wavevectors of a parabolic band: each Cartesian component of k is
    normal with zero mean and variance m k_B T / hbar^2 [1/m^2].

    Parameters
    ----------
    effective_mass: m [kg].
    temperature: T [K].
    dim: 2 or 3.
    """

    effective_mass: float
    temperature: float
    dim: int = 3

    def __post_init__(self) -> None:
        positive("effective_mass", self.effective_mass)
        positive("temperature", self.temperature)
        _dimension(self.dim)

    @property
    def sigma(self) -> float:
        """Standard deviation of one component of k, sqrt(m k_B T) / hbar [1/m]."""
        return float(np.sqrt(self.effective_mass * constants.k_B * self.temperature)
                     / constants.hbar)

    def __call__(self, rng: np.random.Generator, n: int) -> np.ndarray:
        """``n`` wavevectors [1/m], shape (n, dim)."""
        return rng.normal(0.0, self.sigma, (n, self.dim))


@dataclass(frozen=True)
class FermiMomenta:
    """Wavevectors of fixed length k_F [1/m] with isotropic directions (a degenerate gas
    scattering elastically on its Fermi surface).

    Parameters
    ----------
    fermi_wavevector: k_F [1/m].
    dim: 2 or 3.
    """

    fermi_wavevector: float
    dim: int = 2

    def __post_init__(self) -> None:
        positive("fermi_wavevector", self.fermi_wavevector)
        _dimension(self.dim)

    def __call__(self, rng: np.random.Generator, n: int) -> np.ndarray:
        """``n`` wavevectors [1/m], shape (n, dim)."""
        g = rng.standard_normal((n, self.dim))
        return self.fermi_wavevector * g / np.linalg.norm(g, axis=1)[:, None]


def rotate(spin: np.ndarray, omega: np.ndarray, dt: np.ndarray | float) -> np.ndarray:
    """Spins rotated about ``omega`` through |omega| dt (Rodrigues), row by row.

    S' = S cos(theta) + (n x S) sin(theta) + n (n . S)(1 - cos(theta)), theta = |Omega| dt,
    n = Omega / |Omega|: the exact solution of dS/dt = Omega x S for a constant Omega.

    Parameters
    ----------
    spin: S, shape (N, 3).
    omega: Omega [rad/s], shape (N, 3).
    dt: time [s], shape (N,) or a scalar.
    """
    w = np.sqrt(np.einsum("ij,ij->i", omega, omega))
    theta = w * dt
    n = omega / np.where(w > 0, w, 1.0)[:, None]
    c, s = np.cos(theta), np.sin(theta)
    nx, ny, nz = n[:, 0], n[:, 1], n[:, 2]
    sx, sy, sz = spin[:, 0], spin[:, 1], spin[:, 2]
    ndot = (nx * sx + ny * sy + nz * sz) * (1.0 - c)
    return np.stack([sx * c + (ny * sz - nz * sy) * s + nx * ndot,
                     sy * c + (nz * sx - nx * sz) * s + ny * ndot,
                     sz * c + (nx * sy - ny * sx) * s + nz * ndot], axis=1)


@dataclass(frozen=True)
class EnsembleResult:
    """Result of :func:`simulate_ensemble`.

    Attributes
    ----------
    times: sampling times t [s], shape (T,).
    spin: ensemble-mean spin <S>(t) (units of hbar/2), shape (T, 3).
    spin_stderr: standard error of each component of the mean, shape (T, 3).
    batch_spin: <S>(t) of each of B batches of electrons (electron i in batch i mod B),
        shape (B, T, 3): independent estimates whose spread gives the statistical error of
        anything fitted to <S>(t) (:func:`ensemble_lifetime`).
    final_spins: every electron's S at ``times[-1]``, shape (N, 3).
    final_positions: every electron's r [m] at ``times[-1]``, shape (N, dim) (all zero when
        positions were not tracked).
    momentum_time: tau_p [s].
    flip_probability: p.
    collisions: mean number of collisions per electron.
    """

    times: np.ndarray
    spin: np.ndarray
    spin_stderr: np.ndarray
    batch_spin: np.ndarray
    final_spins: np.ndarray
    final_positions: np.ndarray
    momentum_time: float
    flip_probability: float
    collisions: float

    def projection(self, axis: object) -> np.ndarray:
        """<S>(t) . a for the unit vector along ``axis`` (three numbers), shape (T,)."""
        return self.spin @ _unit("axis", axis)

    def to_xarray(self):  # noqa: ANN201 - xarray is imported lazily
        """The mean spin and its error as an ``xarray.Dataset`` over time."""
        import xarray as xr

        comp = ["x", "y", "z"]
        return xr.Dataset(
            {"spin": (("t", "component"), self.spin,
                      {"units": "", "long_name": "ensemble-mean spin <S> (hbar/2)"}),
             "spin_stderr": (("t", "component"), self.spin_stderr,
                             {"units": "", "long_name": "standard error of <S>"})},
            coords={"t": ("t", self.times, {"units": "s", "long_name": "time"}),
                    "component": comp},
            attrs={"momentum_time": self.momentum_time,
                   "flip_probability": self.flip_probability},
        )

    def plot(self, ax=None):  # noqa: ANN001, ANN201 - matplotlib is imported lazily
        """<S_x>, <S_y>, <S_z> against time [ps]; returns the axes."""
        import matplotlib.pyplot as plt

        if ax is None:
            _, ax = plt.subplots()
        for i, c in enumerate("xyz"):
            ax.plot(self.times * 1e12, self.spin[:, i], label=f"<S_{c}>")
        ax.set_xlabel("t (ps)")
        ax.set_ylabel("<S>")
        ax.legend()
        return ax


def simulate_ensemble(
    model: TwoBandSpinHamiltonian | Callable[[np.ndarray], np.ndarray],
    momenta: Callable[[np.random.Generator, int], np.ndarray],
    *,
    momentum_time: float,
    duration: float,
    electrons: int = 10_000,
    samples: int = 101,
    flip_probability: float = 0.0,
    initial_spin: object = (0.0, 0.0, 1.0),
    effective_mass: float | None = None,
    seed: int | np.random.Generator | None = 0,
    engine: str = "auto",
) -> EnsembleResult:
    """Run the spin ensemble (module docstring) and sample <S>(t).

    Parameters
    ----------
    model: a two-band spin model (its :meth:`spin_orbit_field` is used) or any callable
        mapping wavevectors (N, dim) [1/m] to Omega (N, 3) [rad/s].
    momenta: draws the wavevector after each collision, ``momenta(rng, n) -> (n, dim)``
        [1/m], e.g. :class:`ThermalMomenta` or :class:`FermiMomenta`.
    momentum_time: tau_p [s], the mean free flight.
    duration: last sampling time [s].
    electrons: ensemble size N.
    samples: number of equally spaced sampling times in [0, duration].
    flip_probability: p, the spin-flip probability per collision, in [0, 1].
    initial_spin: S(0) of every electron (three numbers, normalised here).
    effective_mass: m [kg]; when given, positions are tracked (dr/dt = hbar k / m), all
        electrons starting at r = 0.
    seed: seed or generator of the random numbers.
    engine: ``"numpy"`` (any field and momenta), ``"compiled"`` (the numba kernel of
        :mod:`spinkit.relaxation._kernels`, for :class:`ThermalMomenta` or
        :class:`FermiMomenta` and a field polynomial in k of degree <= 3, such as every
        :class:`~spinkit.bands.SpinOrbit2DEG` and :class:`BulkDresselhaus`), or ``"auto"``
        (compiled where it applies). The engines draw different random streams: each is
        reproducible from ``seed`` (the compiled one for any number of threads), and they
        agree within statistical error.

    Returns
    -------
    EnsembleResult
    """
    tau = positive("momentum_time", momentum_time)
    t_end = positive("duration", duration)
    if isinstance(electrons, bool) or not isinstance(electrons, int | np.integer) \
            or not 1 <= electrons <= 10**8:
        raise ParameterError("electrons", electrons, "must be an integer in [1, 1e8]")
    if isinstance(samples, bool) or not isinstance(samples, int | np.integer) \
            or not 2 <= samples <= 10**6:
        raise ParameterError("samples", samples, "must be an integer in [2, 1e6]")
    if isinstance(flip_probability, bool) or not isinstance(
            flip_probability, int | float | np.number) or not 0 <= flip_probability <= 1:
        raise ParameterError("flip_probability", flip_probability, "must be a number in [0, 1]")
    s0 = _unit("initial_spin", initial_spin)
    seed = _seed(seed)
    if not callable(momenta):
        raise ParameterError("momenta", momenta, "must be a callable (rng, n) -> "
                             "wavevectors (n, dim), e.g. ThermalMomenta or FermiMomenta")
    mass = None if effective_mass is None else positive("effective_mass", effective_mass)
    field = model.spin_orbit_field if isinstance(model, TwoBandSpinHamiltonian) else model
    if not callable(field):
        raise ParameterError("model", model, "must be a two-band spin model or a callable "
                             "k -> Omega(k)")
    if engine not in ("auto", "numpy", "compiled"):
        raise ParameterError("engine", engine, "must be 'auto', 'numpy' or 'compiled'")
    times = np.linspace(0.0, t_end, int(samples))
    n = int(electrons)
    batches = min(BATCHES, n)
    velocity = 0.0 if mass is None else constants.hbar / mass
    poly = None
    if engine != "numpy" and isinstance(momenta, ThermalMomenta | FermiMomenta):
        poly = polynomial_field(field, momenta.dim, _scale(momenta))
    if engine == "compiled" and poly is None:
        raise ParameterError("engine", engine, "needs ThermalMomenta or FermiMomenta and a "
                             "field that is a polynomial of degree <= 3 in k")
    args = (n, batches, tau, float(flip_probability), s0, times, velocity)
    if poly is not None:
        if not isinstance(seed, int | np.integer):  # a generator, or None: fresh entropy
            seed = int(np.random.default_rng(seed).integers(2**63))
        sums, squares, final_spin, final_pos, events = _run_compiled(
            int(seed), momenta, poly, *args)
    else:
        rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
        sums, squares, final_spin, final_pos, events = _run_numpy(field, momenta, rng, *args)
    mean = sums.sum(axis=0) / n
    var = np.maximum(squares / n - mean**2, 0.0)
    counts = np.bincount(np.arange(n) % batches, minlength=batches)[:, None, None]
    return EnsembleResult(times=times, spin=mean, spin_stderr=np.sqrt(var / n),
                          batch_spin=sums / counts,
                          final_spins=final_spin, final_positions=final_pos,
                          momentum_time=tau, flip_probability=float(flip_probability),
                          collisions=events / n - 1.0)


def _scale(momenta: ThermalMomenta | FermiMomenta) -> float:
    """k_scale [1/m]: sigma of the thermal components, or k_F."""
    return momenta.sigma if isinstance(momenta, ThermalMomenta) else momenta.fermi_wavevector


def polynomial_field(field: Callable[[np.ndarray], np.ndarray], dim: int, scale: float
                     ) -> tuple[np.ndarray, np.ndarray] | None:
    """Omega(k) as sum_m C_m q^(P_m), q = k / scale, if it is a polynomial of degree <= 3.

    The coefficients are fitted by least squares to the field at 60 probe wavevectors of
    length ~ scale (a fixed, seeded set: the probe does not touch the simulation's random
    numbers) and accepted only if they reproduce the field at 40 other probes to 1e-9 of its
    largest value there; otherwise ``None`` (e.g. a lattice model, periodic in k).

    Returns
    -------
    (powers P, shape (M, dim), int; coefficients C [rad/s], shape (M, 3)) or ``None``.
    """
    powers = np.array([p for p in np.ndindex(*(4,) * dim) if sum(p) <= 3], dtype=np.int64)
    probe = np.random.default_rng(20240229).normal(size=(100, dim)) * 1.5
    om = np.asarray(field(probe * scale), dtype=float)
    basis = np.prod(probe[:, None, :] ** powers[None, :, :], axis=2)
    coef = np.linalg.lstsq(basis[:60], om[:60], rcond=None)[0]
    size = np.max(np.abs(om[60:]))
    if not np.all(np.isfinite(coef)) or (
            np.max(np.abs(basis[60:] @ coef - om[60:])) > 1e-9 * size):
        return None
    coef[np.abs(coef) < 1e-13 * np.max(np.abs(coef), initial=0.0)] = 0.0
    return powers, coef


def _run_compiled(seed: int, momenta: ThermalMomenta | FermiMomenta,
                  poly: tuple[np.ndarray, np.ndarray], n: int, batches: int, tau: float,
                  flip: float, s0: np.ndarray, times: np.ndarray, velocity: float) -> tuple:
    """The ensemble by the numba kernel :func:`spinkit.relaxation._kernels.run_ensemble`."""
    from spinkit.relaxation._kernels import run_ensemble

    dim = momenta.dim
    sums = np.zeros((batches, times.size, 3))
    squares = np.zeros((batches, times.size, 3))
    final_spin = np.empty((n, 3))
    final_pos = np.zeros((n, dim))
    events = np.zeros(batches, dtype=np.int64)
    run_ensemble(seed % 2**63, n, dim, isinstance(momenta, FermiMomenta), poly[0],
                 np.ascontiguousarray(poly[1]), tau, flip, s0, times,
                 velocity * _scale(momenta), sums, squares, final_spin, final_pos, events)
    return sums, squares.sum(axis=0), final_spin, final_pos, int(events.sum())


def _run_numpy(field: Callable[[np.ndarray], np.ndarray],
               momenta: Callable[[np.random.Generator, int], np.ndarray],
               rng: np.random.Generator, n: int, batches: int, tau: float, flip: float,
               s0: np.ndarray, times: np.ndarray, velocity: float) -> tuple:
    """The ensemble in numpy, all electrons advanced one free flight per pass (any field)."""
    last = times.size - 1
    t = np.zeros(n)
    spin = np.tile(s0, (n, 1))
    k = np.asarray(momenta(rng, n), dtype=float)
    dim = k.shape[1]
    pos = np.zeros((n, dim))
    final_spin = np.empty((n, 3))
    final_pos = np.zeros((n, dim))
    batch = np.arange(n) % batches
    total = np.zeros((batches * times.size, 3))
    square = np.zeros((times.size, 3))
    nxt = np.zeros(n, dtype=np.int64)  # index of the next sampling time of each electron
    events = 0
    live = np.arange(n)
    while live.size:
        kk = k[live]
        om = np.asarray(field(kk), dtype=float)
        flight = rng.exponential(tau, live.size)
        t0, s, j = t[live], spin[live], nxt[live]
        stop = t0 + flight
        # sample every time t_j in [t0, stop) on the way
        hit = np.flatnonzero(times[np.minimum(j, last)] < stop)
        hit = hit[j[hit] <= last]
        while hit.size:
            dt = times[j[hit]] - t0[hit]
            s_t = rotate(s[hit], om[hit], dt)
            slot = j[hit] + times.size * batch[live[hit]]
            for c in range(3):
                total[:, c] += np.bincount(slot, s_t[:, c], total.shape[0])
                square[:, c] += np.bincount(j[hit], s_t[:, c] ** 2, times.size)
            done = j[hit] == last
            if done.any():
                idx = hit[done]
                final_spin[live[idx]] = s_t[done]
                final_pos[live[idx]] = pos[live[idx]] + velocity * kk[idx] * dt[done][:, None]
            j[hit] += 1
            hit = hit[(j[hit] <= last)]
            hit = hit[times[np.minimum(j[hit], last)] < stop[hit]]
        s = rotate(s, om, flight)
        if flip > 0:
            s[rng.random(live.size) < flip] *= -1.0
        pos[live] += velocity * kk * flight[:, None]
        spin[live], t[live], nxt[live] = s, stop, j
        k[live] = momenta(rng, live.size)
        events += live.size
        live = live[j <= last]
    return total.reshape(batches, times.size, 3), square, final_spin, final_pos, events


def fit_spin_lifetime(times: np.ndarray, signal: np.ndarray, *, start: float = 0.0
                      ) -> tuple[float, float]:
    """Fit s(t) = A exp(-t / tau_s) to the samples with t >= ``start``.

    Parameters
    ----------
    times: t [s].
    signal: s(t), e.g. :meth:`EnsembleResult.projection` on the initial spin.
    start: first time used [s] (skip the initial transient, t of a few tau_p).

    Returns
    -------
    (tau_s [s], its standard error [s]) from the least-squares fit.
    """
    t = finite_array("times", times, "s")
    y = finite_array("signal", signal, "")
    if t.ndim != 1 or y.shape != t.shape:
        raise ParameterError("signal", f"shape {y.shape}", f"must be 1D with the shape of "
                             f"times, {t.shape}")
    use = t >= start
    if use.sum() < 3:
        raise ParameterError("start", start, f"must leave >= 3 samples (t <= {t.max():g} s)")
    t, y = t[use], y[use]
    span = t[-1] - t[0] or 1.0
    guess_rate = max(np.log(max(y[0], 1e-12) / max(abs(y[-1]), 1e-3 * abs(y[0]))) / span,
                     1e-3 / span)

    def model(x: np.ndarray, amp: float, rate: float) -> np.ndarray:
        return amp * np.exp(-rate * (x - t[0]))

    popt, pcov = curve_fit(model, t, y, p0=(y[0], guess_rate))
    rate, err = popt[1], float(np.sqrt(pcov[1, 1]))
    if not rate > 0:
        raise ParameterError("signal", "non-decaying", "must decay to fit a lifetime")
    return float(1.0 / rate), float(err / rate**2)


def free_precession(model: TwoBandSpinHamiltonian | Callable[[np.ndarray], np.ndarray],
                    momenta: Callable[[np.random.Generator, int], np.ndarray],
                    times: object, *, axis: object = (0.0, 0.0, 1.0), samples: int = 20_000,
                    seed: int | np.random.Generator | None = 0) -> np.ndarray:
    """<S>(t) . a without collisions (tau_p -> infinity), S(0) = a: the average over the
    momentum distribution of (n . a)^2 + (1 - (n . a)^2) cos(|Omega(k)| t), n = Omega/|Omega|
    (the precession of each spin about its own, fixed Omega(k)), over ``samples`` draws.

    Parameters
    ----------
    model, momenta: as in :func:`simulate_ensemble`.
    times: t [s] (1D array).
    axis: a, the initial spin (three numbers).
    samples: number of wavevectors drawn.
    seed: seed or generator.
    """
    a = _unit("axis", axis)
    t = finite_array("times", times, "s")
    if t.ndim != 1:
        raise ParameterError("times", times, "must be a 1D array of times (s)")
    n = count("samples", samples, 1)
    field = model.spin_orbit_field if isinstance(model, TwoBandSpinHamiltonian) else model
    if not callable(field):
        raise ParameterError("model", model, "must be a two-band spin model or a callable "
                             "k -> Omega(k)")
    if not callable(momenta):
        raise ParameterError("momenta", momenta, "must be a callable (rng, n) -> (n, dim)")
    seed = _seed(seed)
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
    om = np.asarray(field(momenta(rng, n)), dtype=float)
    w = np.linalg.norm(om, axis=1)
    along = np.where(w > 0, (om @ a) / np.where(w > 0, w, 1.0), 1.0) ** 2
    return np.mean(along + (1 - along) * np.cos(np.outer(t, w)), axis=1)


def decay_time(times: np.ndarray, signal: np.ndarray, level: float = np.exp(-1.0)) -> float:
    """First time [s] at which s(t) / s(0) falls to ``level`` (linear interpolation between
    samples): the 1/e time by default, a lifetime that needs no exponential (the free-
    precession decay is not one). NaN if s never falls that low within ``times``.

    Parameters
    ----------
    times: t [s], ascending.
    signal: s(t).
    level: fraction of s(0), in (0, 1).
    """
    if not 0 < level < 1:
        raise ParameterError("level", level, "must be in (0, 1)")
    t = finite_array("times", times, "s")
    y = finite_array("signal", signal, "")
    if t.ndim != 1 or t.size < 2 or not (np.diff(t) > 0).all():
        raise ParameterError("times", times, "must be a 1D ascending array of >= 2 times (s)")
    if y.shape != t.shape:
        raise ParameterError("signal", f"shape {y.shape}", f"must have the shape of times, "
                             f"{t.shape}")
    if y[0] == 0:
        raise ParameterError("signal", "s(0) = 0", "must start nonzero (it is divided by)")
    y = y / y[0]
    below = np.flatnonzero(y <= level)
    if not below.size:
        return float("nan")
    i = below[0]
    return float(t[i - 1] + (t[i] - t[i - 1]) * (y[i - 1] - level) / (y[i - 1] - y[i]))


def ensemble_lifetime(result: EnsembleResult, *, axis: object = None, start: float = 0.0
                      ) -> tuple[float, float]:
    """tau_s [s] fitted to <S>(t) . axis, and its statistical error [s] from the batches.

    The error is the standard deviation of the lifetimes fitted to the B independent batches
    (:attr:`EnsembleResult.batch_spin`) divided by sqrt(B): it carries the correlation of
    the Monte Carlo noise between times, which the least-squares error of one fit misses.

    Parameters
    ----------
    result: from :func:`simulate_ensemble`.
    axis: direction projected on (three numbers); default: the initial mean spin.
    start: first time used in the fits [s].
    """
    a = _unit("axis", result.spin[0] if axis is None else axis)
    tau, _ = fit_spin_lifetime(result.times, result.spin @ a, start=start)
    rates = [1.0 / fit_spin_lifetime(result.times, b @ a, start=start)[0]
             for b in result.batch_spin]
    return tau, float(tau**2 * np.std(rates, ddof=1) / np.sqrt(len(rates)))


def steady_state_polarization(result: EnsembleResult, lifetime: float, *,
                              axis: object = None) -> tuple[float, float]:
    """Steady polarisation under continuous injection: P = (1/tau_r) int_0^T <S>(t) . a
    exp(-t / tau_r) dt (trapezoid over the samples), and its standard error from the batches.

    With a transverse field this is the Hanle curve P(B) of optical orientation; T (the
    duration) must be long enough for <S> exp(-t / tau_r) to have died out.

    Parameters
    ----------
    result: from :func:`simulate_ensemble`.
    lifetime: tau_r [s], the carrier lifetime (recombination or escape).
    axis: direction projected on (three numbers); default: the initial mean spin.
    """
    tau_r = positive("lifetime", lifetime)
    a = _unit("axis", result.spin[0] if axis is None else axis)
    weight = np.exp(-result.times / tau_r) / tau_r
    batches = np.trapezoid((result.batch_spin @ a) * weight, result.times, axis=1)
    value = float(np.trapezoid((result.spin @ a) * weight, result.times))
    return value, float(np.std(batches, ddof=1) / np.sqrt(batches.size))


def helix_amplitude(positions: np.ndarray, spins: np.ndarray, wavevector: object,
                    axis_cos: object, axis_sin: object) -> float:
    """Amplitude of a spin helix, <S . (a cos(q . r) + b sin(q . r))> over the electrons.

    1 when every spin lies on the helix S(r) = a cos(q . r) + b sin(q . r) (a, b orthonormal).

    Parameters
    ----------
    positions: r [m], shape (N, dim).
    spins: S, shape (N, 3).
    wavevector: q [1/m], dim numbers.
    axis_cos, axis_sin: the unit vectors a, b (three numbers each).
    """
    r = finite_array("positions", positions, "m")
    s = finite_array("spins", spins, "")
    q = finite_array("wavevector", wavevector, "1/m")
    if r.ndim != 2 or q.shape != (r.shape[1],):
        raise ParameterError("wavevector", wavevector, f"must have one entry per column of "
                             f"positions (shape {r.shape})")
    if s.shape != (r.shape[0], 3):
        raise ParameterError("spins", f"shape {s.shape}", f"must be ({r.shape[0]}, 3): one "
                             "spin per position")
    a, b = vector3("axis_cos", axis_cos), vector3("axis_sin", axis_sin)
    for name, value, v in (("axis_cos", axis_cos, a), ("axis_sin", axis_sin, b)):
        if abs(np.linalg.norm(v) - 1) > 1e-9:
            raise ParameterError(name, value, "must be a unit vector")
    if abs(a @ b) > 1e-9:
        raise ParameterError("axis_sin", axis_sin, "must be orthogonal to axis_cos")
    phase = r @ q
    spins = s
    helix = np.cos(phase)[:, None] * a + np.sin(phase)[:, None] * b
    return float(np.mean(np.einsum("ij,ij->i", spins, helix)))
