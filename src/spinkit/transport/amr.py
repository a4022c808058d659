"""Anisotropic magnetoresistance and the planar Hall effect of a ferromagnetic conductor.

With unit magnetization m, current direction j_hat and in-plane transverse direction t_hat
(t_hat perpendicular to j_hat), the resistivity tensor of a polycrystal gives

    rho_xx = rho_perp + (rho_par - rho_perp) (m . j_hat)^2,                             (1)
    rho_xy = (rho_par - rho_perp) (m . j_hat)(m . t_hat),                               (2)

i.e. rho(theta) = rho_perp + (rho_par - rho_perp) cos^2 theta and the planar Hall
rho_xy = (Delta rho / 2) sin 2 theta for m in the plane at angle theta to the current
(T. R. McGuire and R. I. Potter, IEEE Trans. Magn. 11, 1018 (1975)). Both are even in m.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from spinkit.errors import ParameterError
from spinkit.validation import array_in_range, in_range, positive

__all__ = ["amr_resistivity", "planar_hall_resistivity", "AMRReadout", "amr_readout"]


def _unit(name: str, v) -> np.ndarray:
    v = array_in_range(name, v)
    if v.shape[-1:] != (3,):
        raise ParameterError(name, v.shape, "must be finite vectors of shape (..., 3)")
    n = np.linalg.norm(v, axis=-1, keepdims=True)
    if np.any(n == 0):
        raise ParameterError(name, 0, "must be non-zero")
    return v / n


def _rhos(rho_par: float, rho_perp: float) -> None:
    positive("rho_par", rho_par)
    positive("rho_perp", rho_perp)


def amr_resistivity(m: ArrayLike, current_direction: ArrayLike, rho_par: float,
                    rho_perp: float) -> np.ndarray:
    """rho_xx [Ohm m] (eq. 1) for magnetizations ``m`` (..., 3), normalised here."""
    _rhos(rho_par, rho_perp)
    c = np.sum(_unit("m", m) * _unit("current_direction", current_direction), axis=-1)
    return rho_perp + (rho_par - rho_perp) * c**2


def planar_hall_resistivity(m: ArrayLike, current_direction: ArrayLike, transverse: ArrayLike,
                            rho_par: float, rho_perp: float) -> np.ndarray:
    """rho_xy [Ohm m] (eq. 2); ``transverse`` must be perpendicular to the current."""
    _rhos(rho_par, rho_perp)
    jh, th = _unit("current_direction", current_direction), _unit("transverse", transverse)
    if np.any(np.abs(np.sum(jh * th, axis=-1)) > 1e-9):
        raise ParameterError("transverse", th.tolist(), "must be perpendicular to the current")
    mh = _unit("m", m)
    return (rho_par - rho_perp) * np.sum(mh * jh, axis=-1) * np.sum(mh * th, axis=-1)


@dataclass(frozen=True)
class AMRReadout:
    """Read-out of a bar: resistance [Ohm], longitudinal and planar-Hall voltages [V]."""

    resistance: np.ndarray
    voltage: np.ndarray
    hall_voltage: np.ndarray


def amr_readout(
    m: np.ndarray,
    *,
    rho_par: float,
    rho_perp: float,
    length: float,
    width: float,
    thickness: float,
    current: float,
    field: bool = False,
) -> AMRReadout:
    """Resistance and voltages of a bar (current along x, Hall across y).

    ``field=False``: ``m`` is a macrospin trajectory (n_t, 3) or a single (3,) vector; the
    bar is uniform, R = rho_xx L/(w t), V_H = I rho_xy / t.
    ``field=True``: ``m`` is a magnetization field (nx, ny, nz, 3) filling the bar (or
    (n_t, nx, ny, nz, 3)); each x-slice conducts its cells in parallel and the slices add in
    series, R = sum_i dx / (sum_jk dy dz / rho_ijk); V_H = I <rho_xy> / t (bar average).
    Units: lengths [m], current [A], rho [Ohm m].
    """
    for name, v in (("length", length), ("width", width), ("thickness", thickness)):
        positive(name, v)
    in_range("current", current)
    if not isinstance(field, bool):
        raise ParameterError("field", field, "must be true or false")
    x, y = (1.0, 0.0, 0.0), (0.0, 1.0, 0.0)
    rxx = amr_resistivity(m, x, rho_par, rho_perp)
    rxy = planar_hall_resistivity(m, x, y, rho_par, rho_perp)
    if field:
        if rxx.ndim not in (3, 4):
            raise ParameterError("m", np.shape(m), "a field must be (nx, ny, nz, 3) or "
                                 "(n_t, nx, ny, nz, 3)")
        nx, ny, nz = rxx.shape[-3:]
        dx, dy, dz = length / nx, width / ny, thickness / nz
        slice_conductance = np.sum(dy * dz / rxx, axis=(-2, -1))
        resistance = np.sum(dx / slice_conductance, axis=-1)
        rxy = rxy.mean(axis=(-3, -2, -1))
    else:
        resistance = rxx * length / (width * thickness)
    return AMRReadout(resistance, current * resistance, current * rxy / thickness)
