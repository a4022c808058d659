"""Exchange versus dipolar coupling: why magnetic order is set by exchange.

Two point moments m_1, m_2 [J/T = A m^2] a vector r apart interact through

    E_dd = (mu_0 / (4 pi r^3)) [m_1 . m_2 - 3 (m_1 . r_hat)(m_2 . r_hat)]   [J],

at most 2 mu_0 m^2 / (4 pi r^3) in magnitude (head to tail). Between neighbouring atoms of
a ferromagnet this is ~1e-24 J (~0.1 K), against an exchange J ~ k_B T_C ~ 1e-20 J: the
review's "orders of magnitude weaker". :func:`dipolar_energy_per_site` sums E_dd over a
lattice of parallel moments inside a sphere (3D; the Lorentz-cavity sum, zero for cubic
lattices by symmetry) or a disc with its continuum tail added (2D).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from spinkit import constants
from spinkit.errors import ParameterError
from spinkit.lattice import Lattice, neighbour_shells
from spinkit.validation import finite, positive

__all__ = [
    "ExchangeDipolar",
    "dipolar_energy_per_site",
    "dipolar_pair_energy",
    "exchange_vs_dipolar",
]

_KD = constants.mu_0 / (4 * np.pi)  # mu_0 / 4 pi [T m / A]


def dipolar_pair_energy(m1: Sequence[float], m2: Sequence[float],
                        r: Sequence[float]) -> float:
    """E_dd [J] of moments m1, m2 [J/T] separated by r [m] (module docstring)."""
    a, b, d = (np.asarray(v, dtype=float) for v in (m1, m2, r))
    for name, m in (("m1", a), ("m2", b)):
        if m.shape != (3,) or not np.isfinite(m).all():
            raise ParameterError(name, m.tolist(), "must be a finite 3-vector [J/T]")
    dist = np.linalg.norm(d)
    if d.shape != (3,) or not dist > 0 or not np.isfinite(dist):
        raise ParameterError("r", r, "must be a finite non-zero 3-vector [m]")
    u = d / dist
    return float(_KD / dist**3 * (a @ b - 3 * (a @ u) * (b @ u)))


def dipolar_energy_per_site(lattice: Lattice, moment: float, direction: Sequence[float],
                            radius: float) -> float:
    """Dipolar energy per site [J] of parallel moments ``moment`` [J/T] along ``direction``.

    E/N = (1/2) sum_{j != 0, |r_j| < radius} E_dd(r_j), summed over every basis site
    (averaged). 3D: a sphere (Lorentz cavity; the demagnetising shape energy is left out).
    2D: a disc plus the tail beyond it, (mu_0 m^2/4 pi)(pi/(A_site R))(1 - 3/2 |e_par|^2),
    which makes the sum converge as 1/R^2. ``radius`` in the unit of the lattice.
    """
    e = np.asarray(direction, dtype=float)
    if e.shape != (3,) or not np.linalg.norm(e) > 0:
        raise ParameterError("direction", direction, "must be a non-zero 3-vector")
    e = e / np.linalg.norm(e)
    mu = positive("moment", moment, "J/T")
    if lattice.dim == 1:
        raise ParameterError("lattice", lattice.name, "needs a 2D or 3D lattice")
    rad = finite("radius", radius)
    spacing = 1.0 / np.linalg.norm(np.linalg.pinv(lattice.vectors), axis=0).max()
    if not np.isfinite(rad) or rad < 2 * spacing:
        raise ParameterError("radius", radius, f"must be >= {2 * spacing:g} (two cells)")
    reach = int(np.ceil(rad / spacing)) + 1
    offs = np.array(list(itertools.product(range(-reach, reach + 1), repeat=lattice.dim)))
    cells = offs @ lattice.vectors
    total = 0.0
    for b0 in lattice.basis:
        vec = (cells[:, None, :] + lattice.basis[None, :, :] - b0).reshape(-1, 3)
        dist = np.linalg.norm(vec, axis=1)
        rounded = np.round(dist / lattice.a, 9)  # whole shells in or out of the sphere
        keep = (rounded > 0) & (rounded < np.round(rad / lattice.a, 9))
        vec, dist = vec[keep], dist[keep]
        cos = vec @ e / dist
        total += 0.5 * np.sum((1 - 3 * cos**2) / dist**3)
    per_site = total / lattice.n_basis
    if lattice.dim == 2:
        normal = np.cross(lattice.vectors[0], lattice.vectors[1])
        normal /= np.linalg.norm(normal)
        par2 = 1.0 - (e @ normal) ** 2
        area = lattice.cell_volume / lattice.n_basis
        per_site += 0.5 * (2 * np.pi / (area * rad)) * (1 - 1.5 * par2)
    return float(_KD * mu * mu * per_site)


@dataclass(frozen=True)
class ExchangeDipolar:
    """Nearest-neighbour exchange and dipolar energy scales of a lattice of moments.

    Attributes
    ----------
    exchange: |J_1| per nearest-neighbour pair [J].
    dipolar: largest |E_dd| of a nearest-neighbour pair, 2 mu_0 m^2/(4 pi d^3) [J].
    distance: nearest-neighbour distance d [m].
    ratio: exchange / dipolar.
    """

    exchange: float
    dipolar: float
    distance: float

    @property
    def ratio(self) -> float:
        """|J_1| / max |E_dd|."""
        return self.exchange / self.dipolar


def exchange_vs_dipolar(lattice: Lattice, moment: float, exchange: float | None = None,
                        curie_temperature: float | None = None) -> ExchangeDipolar:
    """Compare exchange and dipolar energies of nearest neighbours.

    Parameters
    ----------
    lattice: lattice with its constant in metres.
    moment: atomic moment [J/T].
    exchange: J_1 [J]; or, if None, estimated from ``curie_temperature`` [K] by classical
        mean field, J_1 = 3 k_B T_C / z (an estimate: the true classical T_C is lower).
    """
    d = neighbour_shells(lattice, 1)[0]
    z = d.counts(lattice.n_basis).max()
    if exchange is None:
        if curie_temperature is None or not np.isfinite(curie_temperature) \
                or curie_temperature <= 0:
            raise ParameterError("curie_temperature", curie_temperature,
                                 "needed (> 0 K) when exchange is not given")
        exchange = 3 * constants.k_B * curie_temperature / z
    exchange = finite("exchange", exchange, "J")
    mu = positive("moment", moment, "J/T")
    return ExchangeDipolar(abs(float(exchange)), 2 * _KD * mu * mu / d.distance**3,
                           d.distance)
