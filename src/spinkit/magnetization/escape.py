"""Thermal escape: rates by forward flux sampling, and the exact time of a uniaxial magnet.

A magnet with an energy barrier of Delta = E_b / k_B T leaves its well after a mean time
that grows as exp(Delta): at the Delta of a memory cell (40 - 80) no direct simulation of
the stochastic LLG equation reaches it. Forward flux sampling (FFS; R. J. Allen, P. B.
Warren and P. R. ten Wolde, Phys. Rev. Lett. 94, 018104 (2005); review: R. J. Allen,
C. Valeriani and P. R. ten Wolde, J. Phys.: Condens. Matter 21, 463102 (2009)) splits the
escape into stages that are each likely. With the order parameter q = m.u (u the axis of
the starting well) and interfaces lambda_0 > lambda_1 > ... > lambda_n,

    k = Phi_0 prod_{i=0}^{n-1} P(lambda_{i+1} | lambda_i),      mean time = 1 / k,    (1)

Phi_0 the rate at which trajectories leave region A = {q > lambda_0} across lambda_0, and
P(lambda_{i+1} | lambda_i) the probability that a trajectory which has just reached
lambda_i reaches lambda_{i+1} before it returns to A.

Which rate: in the flux stage a trajectory that reaches lambda_B = lambda_n is put back at
m = u, so trajectories run the renewal process "start at u, escape to lambda_B, start
again". Every B-hit of that process is preceded by one last exit from A, so the count of
B-hits is the count of exits times the probability (1) that an exit reaches B first, and
k is exactly the B-hit rate of the renewal process: k = 1 / T(u -> lambda_B), the mean
first-passage time from m = u to q = lambda_B, with no correction of order (well
relaxation time) / T. Only the first steps after each walker's start are skipped
(``burn_in``), so that the flux is that of the stationary process.

That holds exactly for the dynamics as discretised (the step of :func:`~.macrospin.simulate`),
whose walkers are looked at once a step: they miss the excursions past lambda_B between
two steps, which delays the first passage by about beta sqrt(dt / tau_N) / J (5 % at the
default step of a magnet with alpha = 1; tau_N and J as in :func:`uniaxial_escape_time`).
The continuity correction of M. Broadie, P. Glasserman and S. Kou (Math. Finance 7, 325
(1997)) removes this: lambda_B is watched at lambda_B + beta sqrt((1 - lambda_B^2) dt /
tau_N), beta = -zeta(1/2) / sqrt(2 pi) = 0.5826, with (1 - q^2) / tau_N the variance rate of
q (the thermal field is isotropic); measured within 1 % of the exact time for dt = 0.25 -
1 ps (B_K = 0.2 T, alpha = 1).

The statistical error comes from ``replicas`` independent FFS runs (own flux stage, own
trials): the spread of their rates includes the correlations between trials that share a
starting point, which a binomial error per stage (trials taken as independent; see R. J.
Allen, D. Frenkel and P. R. ten Wolde, arXiv:cond-mat/0602269 (2006) for FFS error and
efficiency) leaves out. The mean of the replicas' rates is unbiased but for the O(1/trials)
bias of the flux ratio: each stage's starting points are drawn at random from the previous
stage's successes, so that E[P_0 P_1 ...] is the probability itself.

For a uniaxial magnet with a field (or a spin torque) along its axis the mean first-passage
time is known exactly (:func:`uniaxial_escape_time`); the tests check FFS against it up to
Delta = 30, and both against direct simulation at Delta = 5 - 10.
"""

from __future__ import annotations

import math
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numba
import numpy as np
from scipy import integrate, special

from spinkit import constants
from spinkit.errors import ConvergenceError, ParameterError
from spinkit.magnetization._kernels import _drive_py
from spinkit.magnetization.analytic import uniaxial_scales
from spinkit.magnetization.anisotropy import UniaxialAnisotropy
from spinkit.magnetization.macrospin import Macrospin, Packed, constant_in_time
from spinkit.magnetization.term import as_generator, positive, unit_vector
from spinkit.progress import Progress
from spinkit.validation import finite, finite_array, integer

__all__ = ["EscapeResult", "escape_time", "uniaxial_escape_time", "uniaxial_interfaces",
           "high_barrier_escape_time"]

#: -zeta(1/2) / sqrt(2 pi): the continuity correction of a discretely monitored barrier
#: (M. Broadie, P. Glasserman and S. Kou, Math. Finance 7, 325 (1997))
_BGK = 0.5825971579390106
#: ln of the largest float64
_LOG_MAX = math.log(np.finfo(float).max)


def uniaxial_escape_time(
    alpha: float,
    Ms: float,
    volume: float,
    K: float,
    temperature: float,
    gamma: float = constants.gamma_e,
    *,
    field: float = 0.0,
    start: float = 1.0,
    end: float | None = None,
) -> float:
    """Exact mean first-passage time [s] of a uniaxial macrospin from m.u = ``start`` to
    m.u = ``end``, in a field B = ``field`` [T] along its easy axis u.

    The energy depends on z = m.u only, E = -K V (z^2 + 2 h z) with h = B Ms / (2K), so z
    alone obeys Brown's axially symmetric Fokker-Planck equation (W. F. Brown, Phys. Rev.
    130, 1677 (1963); W. T. Coffey and Yu. P. Kalmykov, The Langevin Equation, 4th ed.
    (World Scientific, 2017), ch. 1), whose mean first-passage time with z = 1 reflecting
    (the generator's equation (1/(2 tau_N)) exp(V) d/dz[(1 - z^2) exp(-V) dT/dz] = -1,
    V = E / k_B T, integrated twice) is

        T = 2 tau_N int_end^start dz exp(-xi (z + h)^2) / (1 - z^2)
                                     int_z^1 exp(xi (s + h)^2) ds,                (2)

        xi = K V / (k_B T),   tau_N = (1 + alpha^2) Ms V / (2 alpha gamma k_B T).

    The inner integral is written with Dawson's function D (int_0^x exp(t^2) dt =
    exp(x^2) D(x)), which leaves one quadrature. A DC spin torque of
    :mod:`.torques` with its polarizer p along +-u and an angle-independent eps (Lambda = 1)
    keeps the axial symmetry and moves z as the field B_J (eps / alpha + eps') (p.u) would
    (the z-component of eq. (2) of :mod:`.macrospin`): add it to ``field`` (the read
    disturb of a memory cell). ``end`` defaults to the barrier top
    z = -h (needs |h| < 1); an explicit one must lie in (-1, start) (the pole z = -1 is
    never reached: the time diverges there). For h = 0 and xi >> 1, Laplace's method gives
    both integrals as the same series, T = tau_Brown (1 + 1/(2 xi) + 3/(4 xi^2) + ...)^2
    with tau_Brown of :func:`~.analytic.brown_relaxation_time`; for xi -> 0 (free
    rotational diffusion) T = 2 tau_N ln(2 / (1 + end)) from the pole.

    The quadrature is scaled by exp(-xi (1 + h)^2) and the factor put back in logarithms,
    so the time is exact up to the largest float (about 1.8e308 s, reached near
    xi (1 + h)^2 = 700 - 760 for tau_N of ps - ns); beyond it a ParameterError naming ``K``
    (the barrier K V / k_B T) is raised rather than inf returned.
    """
    xi, h, tau_n = uniaxial_scales(alpha, Ms, volume, K, temperature, gamma, field)
    z0 = finite("start", start)
    if not -1 < z0 <= 1:
        raise ParameterError("start", start, "must be m.u in (-1, 1]")
    if end is None:
        if abs(h) >= 1:
            raise ParameterError("field", field, f"leaves no barrier (|B| >= 2K/Ms = "
                                 f"{2 * K / Ms:g} T); give end explicitly")
        z1 = -h
    else:
        z1 = finite("end", end)
    if not -1 < z1 < z0:
        raise ParameterError("end", end, f"must be m.u in (-1, start = {z0!r})")
    root = math.sqrt(xi)
    x1 = root * (1 + h)
    d1 = special.dawsn(x1)

    def integrand(z: float) -> float:
        # exp(-x^2) int_x^{x1} exp(t^2) dt / sqrt(xi) / (1 - z^2), scaled by exp(-x1^2)
        x = root * (z + h)
        return (math.exp(-x * x) * d1 - math.exp(-x1 * x1) * special.dawsn(x)) / (1 - z * z)

    points = [-h] if z1 < -h < z0 else None
    value, _ = integrate.quad(integrand, z1, z0, points=points, epsabs=0, epsrel=1e-11,
                              limit=400)
    log_t = math.log(2 * tau_n / root * value) + x1 * x1
    if log_t > _LOG_MAX:
        raise ParameterError("K", K, f"gives a barrier of {x1 * x1:.4g} k_B T: the mean time "
                             f"exp({log_t:.5g}) s = 10^{log_t / math.log(10):.5g} s "
                             "exceeds the largest float")
    return math.exp(log_t)


def high_barrier_escape_time(
    alpha: float,
    Ms: float,
    volume: float,
    K: float,
    temperature: float,
    gamma: float = constants.gamma_e,
    *,
    field: float = 0.0,
) -> float:
    """Leading high-barrier term [s] of the mean time of :func:`uniaxial_escape_time` from
    the pole z = 1 to the barrier top z = -h, in an axial field h = B Ms / (2 K), |h| < 1:

        T ~ tau_N sqrt(pi) exp(xi (1 + h)^2) / (2 xi^(3/2) (1 - h^2) (1 + h)),        (3)

    Laplace's method on eq. (2): the inner integral is exp(xi (1 + h)^2) / (2 xi (1 + h)),
    from its end at the pole, and the outer one half a Gaussian of width 1 / sqrt(2 xi)
    at the barrier top, weighted by 1 / (1 - h^2) (derived so and tested against the
    quadrature). It is 1 / (2 k_1) with k_1 the rate out of the well at z = 1 in the
    field-dependent high-barrier relaxation time 1 / (k_1 + k_2) attributed to W. F. Brown,
    Phys. Rev. 130, 1677 (1963); for h = 0 it is :func:`~.analytic.brown_relaxation_time`.
    The first correction is relative -2h / ((1 - h^2) sqrt(pi xi)) (the slope of the
    weight at the top; none for h = 0, where it is 1/xi): +6 % at xi = 40, h = -0.3. It is
    not that relaxation time 1 / (k_1 + k_2), which the shallower well sets (half the
    escape time at h = -0.3, orders of magnitude below it for h > 0).
    """
    xi, h, tau_n = uniaxial_scales(alpha, Ms, volume, K, temperature, gamma, field)
    if abs(h) >= 1:
        raise ParameterError("field", field, f"leaves no barrier (|B| >= 2K/Ms = "
                             f"{2 * K / Ms:g} T)")
    log_t = (math.log(tau_n * math.sqrt(math.pi) / (2 * xi**1.5 * (1 - h * h) * (1 + h)))
             + xi * (1 + h) ** 2)
    if log_t > _LOG_MAX:
        raise ParameterError("K", K, f"gives a barrier of {xi * (1 + h) ** 2:.4g} k_B T: the "
                             "mean time exceeds the largest float")
    return math.exp(log_t)


def uniaxial_interfaces(delta: float, field_ratio: float = 0.0, *,
                        kt_per_stage: float = 2.0, first_kt: float | None = None
                        ) -> np.ndarray:
    """FFS interfaces lambda_0 > ... > lambda_n [values of m.u] for a uniaxial magnet of
    thermal stability ``delta`` = K V / k_B T in a field along its axis, h = B Ms / (2 K)
    = ``field_ratio`` (|h| < 1), from the well to the barrier top.

    With z = m.u the energy is E / k_B T = -delta ((z + h)^2 - h^2) (as
    :func:`uniaxial_escape_time`), so the barrier is delta (1 + h)^2. lambda_0 lies
    ``first_kt`` k_B T above the bottom of the well (default min(3, barrier / 3): still
    crossed often, as the flux stage needs, about e^-3 of the time) and the interfaces are
    equally spaced in energy, about ``kt_per_stage`` k_B T apart, down to the barrier top
    z = -h: each stage then succeeds with a probability of roughly exp(-kt_per_stage), the
    range in which FFS is efficient. (The first stage's probability is set by how often a
    walker that just left A re-enters it, about 0.01 - 0.03 at the default step whatever
    lambda_0; measured at Delta = 20 and 40, alpha = 0.1, 8 seeds of 400 trials x 8
    replicas, lambda_0 at 3 k_B T gave the same mean as at 1 k_B T with 1.7x - 3.7x less
    work for the same error; with 200 trials, 12 seeds at Delta = 30, the two were alike.)
    """
    xi = positive("delta", delta)
    h = finite("field_ratio", field_ratio)
    if abs(h) >= 1:
        raise ParameterError("field_ratio", field_ratio, "must be in (-1, 1): no barrier "
                             "otherwise")
    step = positive("kt_per_stage", kt_per_stage)
    barrier = xi * (1 + h) ** 2
    first = min(3.0, barrier / 3) if first_kt is None else positive("first_kt", first_kt)
    if barrier - first < 1.0:
        raise ParameterError("delta", delta, f"gives a barrier of {barrier:.3g} k_B T: "
                             f"needs at least first_kt + 1 = {first + 1:g} for FFS")
    stages = max(2, math.ceil((barrier - first) / step))
    top = (1 + h) ** 2 - first / xi  # (z + h)^2 at lambda_0
    return np.sqrt(np.linspace(top, 0.0, stages + 1)) - h


@dataclass(frozen=True)
class EscapeResult:
    """Escape rate from forward flux sampling (module docstring).

    Attributes
    ----------
    rate: k = 1 / (mean first-passage time from m = u to lambda_B) [1/s], the mean of
        the replicas' rates.
    rate_error: its standard error [1/s], from the spread of the replicas.
    flux: Phi_0, exits from A across lambda_0 per unit time [1/s], pooled over replicas.
    probabilities: P(lambda_{i+1} | lambda_i), pooled over replicas, shape (n,); NaN for
        a stage that some replica never ran (no trial of an earlier stage of that replica
        succeeded): pooling only the replicas that got there would bias it upwards.
    interfaces: lambda_0 ... lambda_n (values of m.u), shape (n + 1,).
    replica_rates: the rate of each independent replica [1/s].
    steps: integration steps spent, all walkers and trials together.
    """

    rate: float
    rate_error: float
    flux: float
    probabilities: np.ndarray
    interfaces: np.ndarray
    replica_rates: np.ndarray
    steps: int

    @property
    def mean_time(self) -> float:
        """Mean first-passage time 1 / k [s]."""
        return 1.0 / self.rate if self.rate > 0 else math.inf

    @property
    def mean_time_error(self) -> float:
        """Standard error of the mean time, rate_error / k^2 [s] (first order)."""
        return self.rate_error / self.rate**2 if self.rate > 0 else math.inf

    def to_xarray(self):
        """An :class:`xarray.Dataset`: the probabilities per interface and the key numbers."""
        import xarray as xr

        return xr.Dataset(
            {"probability": ("stage", self.probabilities,
                             {"units": "", "long_name": "P(lambda_i+1 | lambda_i)"}),
             "rate": ((), self.rate, {"units": "1/s", "long_name": "escape rate"}),
             "rate_error": ((), self.rate_error,
                            {"units": "1/s", "long_name": "standard error of the rate"}),
             "mean_time": ((), self.mean_time,
                           {"units": "s", "long_name": "mean first-passage time"}),
             "flux": ((), self.flux, {"units": "1/s", "long_name": "flux through lambda_0"})},
            coords={"stage": ("stage", np.arange(self.probabilities.size)),
                    "interface": ("interface", self.interfaces,
                                  {"units": "", "long_name": "m.u at the interfaces"})})

    def plot(self, ax=None):
        """The probability to reach each interface from lambda_0 (log scale)."""
        import matplotlib.pyplot as plt

        if ax is None:
            _, ax = plt.subplots(figsize=(5, 3.5), layout="constrained")
        ax.semilogy(self.interfaces, np.concatenate(([1.0], np.cumprod(self.probabilities))),
                    "o-")
        ax.set_xlabel("interface m.u")
        ax.set_ylabel("P(reach | left A)")
        ax.invert_xaxis()
        return ax


@dataclass(frozen=True)
class _Model:
    """Everything a replica needs, fixed for the run."""

    u: np.ndarray
    levels: np.ndarray
    dt: float
    md: tuple
    drive: tuple
    sig: float
    walkers: int
    trials: int
    burn: int
    max_steps: int


def _default_axis(magnet: Macrospin) -> np.ndarray:
    easy = [t for t in magnet.terms.of_type(UniaxialAnisotropy) if t.K > 0]
    if len(easy) != 1:
        raise ParameterError("axis", None, "required: the magnet has no single easy-axis "
                             "UniaxialAnisotropy to take it from")
    return easy[0].axis


def _levels(interfaces: object) -> np.ndarray:
    lam = finite_array("interfaces", interfaces)
    if lam.ndim != 1 or lam.size < 2 or np.any(np.diff(lam) >= 0) or lam[0] >= 1 or \
            lam[-1] < -1:
        raise ParameterError("interfaces", interfaces, "must be at least two strictly "
                             "decreasing values of m.u, lambda_0 < 1 and lambda_n >= -1")
    return lam


def _packed_model(magnet: Macrospin) -> tuple[Packed, float]:
    """The packed terms and the thermal strength; refuses what FFS cannot run."""
    if not isinstance(magnet, Macrospin):
        raise ParameterError("magnet", magnet, "must be a Macrospin")
    thermal = magnet.thermal
    if thermal is None or thermal.temperature <= 0 or magnet.alpha <= 0:
        raise ParameterError("magnet", magnet, "needs a ThermalField at T > 0 and alpha > 0 "
                             "(no noise, no escape)")
    packed = Packed.from_macrospin(magnet)
    if packed is None:
        raise ParameterError("magnet", magnet, "every term must have a compiled form")
    if packed.zee or not constant_in_time(magnet.terms):
        raise ParameterError("magnet", magnet, "drives must be constant in time (an escape "
                             "rate is that of a stationary process)")
    return packed, thermal.strength(magnet.alpha, magnet.Ms, magnet.gamma, magnet.volume)


def escape_time(
    magnet: Macrospin,
    interfaces: object,
    *,
    axis: object | None = None,
    trials: int = 500,
    replicas: int = 8,
    walkers: int = 16,
    dt: float | None = None,
    burn_in: float | None = None,
    seed: int | np.random.Generator | None = 0,
    max_steps: int = 10**7,
    continuity_correction: bool = True,
    progress: Progress | None = None,
) -> EscapeResult:
    """Escape rate and mean first-passage time of a thermal macrospin by forward flux
    sampling, eq. (1) of the module docstring, on the stochastic LLG equation of
    :func:`~.macrospin.simulate` (stochastic Heun, the compiled right-hand side).

    Parameters
    ----------
    magnet: the macrospin, with a :class:`~.thermal.ThermalField` and drives constant in
        time (fields, currents: the escape under a DC spin torque is allowed).
    interfaces: lambda_0 > ... > lambda_n, values of m.u. The walkers start at m = u;
        lambda_0 should be crossed often in the well (e.g. 1 - 1/Delta for a uniaxial
        magnet), lambda_n is the end, e.g. 0 (the barrier top of a uniaxial magnet). Place
        them so that each P(lambda_{i+1} | lambda_i) is about 0.05 - 0.5: for a uniaxial
        magnet, about Delta / 2 equal steps of (m.u)^2 do that.
    axis: u (default the axis of the magnet's easy-axis :class:`~.anisotropy.
        UniaxialAnisotropy`).
    trials: crossings of lambda_0 collected, and trial runs per interface, in each replica
        (>= 10).
    replicas: independent FFS runs (>= 2); the standard error comes from their spread.
    walkers: trajectories run side by side in the flux stage of each replica, and lanes of
        the trial stages.
    dt: time step [s] (default as :func:`~.macrospin.simulate`, 0.01 / (gamma B)).
    burn_in: time [s] each flux walker runs before crossings count (default 5
        (1 + alpha^2) / (alpha gamma B), B the field scale: a few relaxation times).
    seed: seed of the noise; the same seed gives the same result on any number of threads.
    max_steps: steps allowed to a flux walker or to one trial before
        :class:`~spinkit.errors.ConvergenceError` (lambda_0 too far out, a trial trapped).
    continuity_correction: watch lambda_n where the continuous-time dynamics would cross
        it (module docstring); ``False`` gives the rate of the discretised dynamics, the
        one that :func:`~.macrospin.simulate` watching m.u = lambda_n samples.
    progress: optional :class:`~spinkit.progress.Progress`, advanced once per replica.

    Raises
    ------
    ParameterError for bad input; ConvergenceError when ``max_steps`` is exceeded, or when
    no replica gets a trial through some stage (every rate would be 0 and the mean time
    infinite: the interfaces are too far apart, or ``trials`` too few).
    """
    packed, strength = _packed_model(magnet)
    levels = _levels(interfaces)
    u = _default_axis(magnet) if axis is None else unit_vector("axis", axis)
    trials = integer("trials", trials, 10)
    replicas = integer("replicas", replicas, 2)
    walkers = integer("walkers", walkers, 1)
    max_steps = integer("max_steps", max_steps, 1)
    if not isinstance(continuity_correction, bool):
        raise ParameterError("continuity_correction", continuity_correction, "must be a bool")
    scale = magnet.gamma * packed.field_scale()
    dt = 0.01 / scale if dt is None else positive("dt", dt)
    if burn_in is None:
        burn_in = 5 * (1 + magnet.alpha**2) / (magnet.alpha * scale)
    burn = int(math.ceil(positive("burn_in", burn_in, zero=True) / dt))
    rng = as_generator(seed)
    w = magnet.gamma / (1 + magnet.alpha**2)  # the kernels' fields are scaled by it
    md = packed.model(magnet.gamma, magnet.alpha)
    drive = _drive_py(0.0, md, *packed.drive_arrays(magnet.gamma, magnet.alpha))
    # the continuity correction (module docstring), 1 / tau_N = (1 + alpha^2) (w strength)^2
    if continuity_correction:
        shift = _BGK * math.sqrt((1 - levels[-1] ** 2) * (1 + magnet.alpha**2) * dt) * (
            w * strength)
        if levels[-1] + shift >= levels[-2]:
            raise ParameterError("interfaces", interfaces, f"the last two must be more than "
                                 f"the continuity correction {shift:.3g} apart")
    else:
        shift = 0.0
    model = _Model(u, np.concatenate((levels[:-1], [levels[-1] + shift])), dt, md, drive,
                   w * strength / math.sqrt(dt), walkers, trials, burn, max_steps)
    streams = [np.random.default_rng(s) for s in rng.integers(0, 2**63 - 1, size=replicas)]
    if progress is not None:
        progress.reset(replicas, "forward flux sampling")
    with ThreadPoolExecutor(max(1, min(numba.get_num_threads(), replicas))) as pool:
        jobs = [pool.submit(_replica, model, s) for s in streams]
        runs = []
        for job in jobs:
            runs.append(job.result())
            if progress is not None:
                progress.advance()
    rates = np.array([r[0] for r in runs])
    exits = sum(r[1] for r in runs)
    time = sum(r[2] for r in runs)
    if not np.any(rates > 0):
        stage = min(int(np.flatnonzero(r[3] == 0)[0]) for r in runs)
        raise ConvergenceError(
            f"stage {stage} (lambda_{stage} = {levels[stage]:g} -> lambda_{stage + 1} = "
            f"{levels[stage + 1]:g}): no trial of {replicas} replicas x {trials} reached the "
            "next interface; put interfaces closer together or raise trials")
    succ = np.sum([r[3] for r in runs], axis=0)
    tried = np.array([r[4] for r in runs])
    everywhere = np.all(tried > 0, axis=0)  # stages that every replica ran
    probs = np.where(everywhere, succ / np.maximum(tried.sum(axis=0), 1), np.nan)
    return EscapeResult(float(rates.mean()), float(rates.std(ddof=1) / math.sqrt(replicas)),
                        exits / time, probs, levels, rates, int(sum(r[5] for r in runs)))


def _replica(model: _Model, rng: np.random.Generator) -> tuple:
    """One FFS run: (rate, exits, recorded time, successes, trials per stage, steps)."""
    from spinkit.magnetization import _escape_kernels as kern

    lev = model.levels
    n = lev.size - 1
    seeds = rng.integers(0, 2**63 - 1, size=model.walkers).astype(np.uint64)
    points = np.empty((model.trials, 3))
    found, steps = kern.flux_run(model.u, lev[0], lev[-1], model.dt, model.md, model.drive,
                                 model.sig, seeds, model.burn, model.trials,
                                 model.burn + model.max_steps, points)
    if found < model.trials:
        raise ConvergenceError(f"flux stage: {found} of {model.trials} crossings of lambda_0 "
                               f"= {lev[0]:g} in {model.max_steps} steps; move lambda_0 "
                               "closer to the well or raise max_steps")
    time = steps * model.walkers * model.dt
    cost = (steps + model.burn) * model.walkers
    succ = np.zeros(n, np.int64)
    tried = np.zeros(n, np.int64)
    rate = found / time
    for i in range(n):
        starts = points[rng.integers(0, points.shape[0], size=model.trials)]
        tseeds = rng.integers(0, 2**63 - 1, size=model.trials).astype(np.uint64)
        out_m = np.empty((model.trials, 3))
        ok = np.empty(model.trials, np.int64)
        used = np.empty(model.trials, np.int64)
        kern.trial_runs(starts, tseeds, model.u, lev[0], lev[i + 1], model.dt, model.md,
                        model.drive, model.sig, min(model.walkers, model.trials),
                        model.max_steps, out_m, ok, used)
        cost += int(used.sum())
        if np.any(ok < 0):
            raise ConvergenceError(f"a trial from lambda_{i} = {lev[i]:g} neither reached "
                                   f"lambda_{i + 1} = {lev[i + 1]:g} nor returned to A in "
                                   f"{model.max_steps} steps; raise max_steps")
        tried[i] = model.trials
        succ[i] = np.count_nonzero(ok == 1)
        rate *= succ[i] / model.trials
        if succ[i] == 0:
            break
        points = out_m[ok == 1]
    return rate, found, time, succ, tried, cost
