"""Switching ensembles: many thermal trajectories of one macrospin under a current pulse.

Each trajectory starts in the initial well, is driven (by whatever pulse its terms carry) and
relaxes; it has *switched* when it ends on the other side, m.u < 0. The switching
probability is the switched fraction, given with its Wilson score interval; the switching
time of a trajectory is its first crossing of m.u = 0.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from spinkit.errors import ParameterError
from spinkit.magnetization.macrospin import Macrospin, simulate
from spinkit.magnetization.term import positive, unit_vector
from spinkit.validation import integer

__all__ = ["SwitchingResult", "switching_ensemble", "wilson_interval"]


def wilson_interval(successes: int, trials: int, z: float = 1.0) -> tuple[float, float]:
    """Wilson score interval of a binomial proportion (E. B. Wilson, J. Am. Stat. Assoc.
    22, 209 (1927)); ``z`` = 1 gives about 68 %, 1.96 about 95 %."""
    trials = integer("trials", trials, 1)
    if integer("successes", successes, 0) > trials:
        raise ParameterError("successes", successes, f"must be an integer in [0, {trials}]")
    z = positive("z", z)
    p = successes / trials
    denom = 1 + z * z / trials
    centre = (p + z * z / (2 * trials)) / denom
    half = z * np.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / denom
    return (float(max(centre - half, 0.0)), float(min(centre + half, 1.0)))


@dataclass(frozen=True)
class SwitchingResult:
    """Outcome of a switching ensemble.

    Attributes
    ----------
    probability: switched fraction [-].
    interval: its Wilson score interval (about 68 %).
    switching_time: first crossing time of m.u = 0 [s] per trajectory (NaN: never).
    final_m: final magnetization per trajectory, shape (N, 3).
    """

    probability: float
    interval: tuple[float, float]
    switching_time: np.ndarray
    final_m: np.ndarray

    @property
    def mean_switching_time(self) -> float:
        """Mean crossing time [s] of the trajectories that crossed (NaN if none did)."""
        t = self.switching_time[np.isfinite(self.switching_time)]
        return float(t.mean()) if t.size else float("nan")


def switching_ensemble(
    magnet: Macrospin,
    m0: np.ndarray,
    duration: float,
    *,
    trajectories: int = 256,
    axis: np.ndarray | None = None,
    dt: float | None = None,
    seed: int | np.random.Generator | None = 0,
    engine: str = "auto",
) -> SwitchingResult:
    """Run ``trajectories`` copies of ``magnet`` from ``m0`` for ``duration`` [s].

    Parameters
    ----------
    magnet: the macrospin, with its drive (e.g. a :class:`~.term.Pulse` on a torque) and
        usually a :class:`~.thermal.ThermalField`.
    m0: initial direction (3,).
    duration: total time [s]: pulse and relaxation.
    trajectories: ensemble size N (>= 1).
    axis: easy axis u; switched means m.u < 0 at the end (default: -m0's sign, i.e. m0).
    dt: time step [s] of the (stochastic) Heun scheme (default as :func:`simulate`).
    seed: seed of the noise.
    engine: as :func:`simulate`.
    """
    trajectories = integer("trajectories", trajectories, 1)
    m0 = unit_vector("m0", m0)
    u = m0 if axis is None else unit_vector("axis", axis)
    if float(m0 @ u) <= 0:
        raise ParameterError("axis", axis, "m0 must start on the positive side (m0.u > 0)")
    traj = simulate(magnet, np.tile(m0, (int(trajectories), 1)), duration, method="heun",
                    dt=dt, samples=2, seed=seed, watch=(u, 0.0), engine=engine)
    final = traj.m[:, -1]
    switched = int(np.count_nonzero(final @ u < 0))
    return SwitchingResult(switched / trajectories, wilson_interval(switched, trajectories),
                           traj.crossing_time, final)
