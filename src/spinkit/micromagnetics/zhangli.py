"""Zhang-Li spin-transfer torque of a current flowing in the plane of the magnet.

S. Zhang and Z. Li, Phys. Rev. Lett. 93, 127204 (2004); in the Gilbert form of
A. Thiaville, Y. Nakatani, J. Miltat and Y. Suzuki, Europhys. Lett. 69, 990 (2005):

    tau = -(u . grad) m + beta m x (u . grad) m           [1/s]
    u   = -P g mu_B j / (2 e Ms)                           [m/s]

with j the current density [A/m^2], P the spin polarization, g = 2 and beta the
non-adiabaticity; u points along the electrons' flow (against j) for P > 0. Derivatives
are central differences; at a free surface (the mesh's end or an empty cell of a shape) the
missing neighbour is the cell itself (dm/dn = 0), and periodic directions wrap. A rigid wall
driven with beta = alpha moves at velocity u (Thiaville et al.), i.e. against j, as in
mumax3.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from spinkit import constants
from spinkit.magnetization.term import SpinTorque, Waveform, as_waveform
from spinkit.micromagnetics.dmi import _shift
from spinkit.validation import finite, vector3

if TYPE_CHECKING:
    from spinkit.micromagnetics.magnet import Magnet

__all__ = ["ZhangLi", "gradient"]


def gradient(m: np.ndarray, axis: int, d: float, periodic: bool,
             mask: np.ndarray | None = None) -> np.ndarray:
    """Central difference dm/dx_axis [1/m]; a neighbour beyond a free end or, given the
    boolean ``mask`` of magnetic cells (shape of m[..., 0]), an empty neighbour is replaced
    by the cell itself (dm/dn = 0 at every free surface)."""
    if m.shape[axis] == 1:
        return np.zeros_like(m)
    mask = np.ones(m.shape[:-1], dtype=bool) if mask is None else mask
    ends = []
    for step in (1, -1):
        has = _shift(mask, axis, step, periodic, False)[..., None]
        ends.append(np.where(has, _shift(m, axis, step, periodic, 0.0), m))
    return (ends[0] - ends[1]) / (2 * d)


@dataclass(frozen=True, eq=False)
class ZhangLi(SpinTorque):
    """Zhang-Li torque (module docstring).

    Parameters
    ----------
    current_density: j [A/m^2], an in-plane 3-vector.
    polarization: P [-] in [-1, 1].
    beta: non-adiabaticity [-].
    waveform: time dependence of the current (default constant).
    """

    current_density: np.ndarray
    polarization: float
    beta: float = 0.0
    waveform: Waveform | None = None

    def __post_init__(self) -> None:
        from spinkit.errors import ParameterError

        object.__setattr__(self, "current_density",
                           vector3("current_density", self.current_density))
        pol = finite("polarization", self.polarization)
        if not -1 <= pol <= 1:
            raise ParameterError("polarization", self.polarization, "must be in [-1, 1]")
        object.__setattr__(self, "polarization", pol)
        object.__setattr__(self, "beta", finite("beta", self.beta))
        object.__setattr__(self, "waveform", as_waveform(self.waveform))

    def __repr__(self) -> str:
        return (f"ZhangLi(j={self.current_density.tolist()} A/m^2, P={self.polarization:g}, "
                f"beta={self.beta:g})")

    def velocity(self, Ms: np.ndarray | float) -> np.ndarray:
        """u = -P g mu_B j / (2 e Ms) [m/s] (g = 2), shape (..., 3)."""
        scale = -self.polarization * constants.mu_B / (constants.e * np.asarray(Ms))
        return scale[..., None] * self.current_density

    def bind(self, magnet: Magnet) -> _BoundZhangLi:
        """The evaluator of this term on ``magnet``'s mesh."""
        u = self.velocity(1.0) * magnet.inv_Ms[..., None]  # u is 0 in empty cells
        return _BoundZhangLi(self, u, magnet.mesh, magnet.mask)


@dataclass
class _BoundZhangLi:
    term: ZhangLi
    u: np.ndarray
    mesh: object
    mask: np.ndarray

    def torque(self, m: np.ndarray, t: float = 0.0) -> np.ndarray:
        du = np.zeros_like(m)
        for axis, d in enumerate(self.mesh.cell):
            if np.any(self.u[..., axis]):
                periodic = "xyz"[axis] in self.mesh.pbc
                du += self.u[..., axis, None] * gradient(m, axis, d, periodic, self.mask)
        du *= self.term.waveform(t)
        return -du + self.term.beta * np.cross(m, du)
