"""Current-driven torques: Slonczewski spin-transfer and spin-orbit torques.

Both are written in the Gilbert form of the LLG equation (see :mod:`.macrospin`),

    dm/dt = -gamma m x B_eff + alpha m x dm/dt + tau,
    tau   = gamma B_J f(t) [eps(m.p) m x (p x m) + eps' p x m],                  (1)
    B_J   = hbar j / (e Ms d)   [T],

with j the charge current density [A/m^2] (sign: j > 0 makes the damping-like torque pull m
towards p), d the free-layer thickness, p the unit spin polarization and f(t) a waveform.
This is the convention of mumax3 (Vansteenkiste et al., AIP Advances 4, 107133 (2014),
eq. 9). The damping-like part m x (p x m) = p - m (m.p) pulls m towards p; the field-like
part p x m = -m x p acts like a field eps' B_J along p.

Slonczewski (J. Slonczewski, J. Magn. Magn. Mater. 159, L1 (1996); J. Xiao, A. Zangwill and
M. D. Stiles, Phys. Rev. B 70, 172405 (2004)) for a spin valve or MTJ with polarization P and
asymmetry Lambda:

    eps(x) = P Lambda^2 / ((Lambda^2 + 1) + (Lambda^2 - 1) x),   x = m.p,

so that eps = P/2 for Lambda = 1. Spin-orbit torque from a heavy-metal underlayer with
damping-like and field-like spin Hall efficiencies theta_DL, theta_FL (L. Liu et al., Science
336, 555 (2012)):

    eps = theta_DL / 2,   eps' = theta_FL / 2,   p = sigma (spin accumulation direction).

Both give a damping-like field B_DL = eps B_J = hbar theta j / (2 e Ms d), the usual form.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from spinkit import constants
from spinkit.errors import ParameterError
from spinkit.magnetization.term import SpinTorque, Waveform, as_waveform, dot, positive, unit_vector
from spinkit.validation import finite

__all__ = ["Slonczewski", "SpinOrbitTorque", "spin_torque_field"]


def spin_torque_field(current_density: float, Ms: float, thickness: float) -> float:
    """B_J = hbar j / (e Ms d) [T] of eq. (1).

    Parameters
    ----------
    current_density: j [A/m^2].
    Ms: saturation magnetization [A/m].
    thickness: free-layer thickness d [m].
    """
    return constants.hbar * current_density / (constants.e * Ms * thickness)


class _CurrentTorque(SpinTorque):
    """Shared evaluation of eq. (1); subclasses define eps(x), eps' and p."""

    current_density: float
    thickness: float
    direction: np.ndarray
    waveform: Waveform

    def _efficiency(self, x: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def _packed_efficiency(self) -> tuple[float, float, float]:
        """(P, Lambda^2, eps') with eps(x) = P L2 / ((L2 + 1) + (L2 - 1) x)."""
        raise NotImplementedError

    field_like: float = 0.0

    def torque(
        self, m: np.ndarray, Ms: np.ndarray | float, gamma: float, t: float = 0.0,
        direction: np.ndarray | None = None,
    ) -> np.ndarray:
        """Eq. (1) [1/s]; ``direction`` (shape broadcastable to m) replaces the fixed
        polarization, e.g. by the magnetization of another layer of a stack."""
        m = np.asarray(m)
        p = self.direction if direction is None else np.asarray(direction, dtype=float)
        x = dot(m, p)
        bj = spin_torque_field(self.current_density, np.asarray(Ms)[..., None],
                               self.thickness) * self.waveform(t)
        mxpxm = p * dot(m, m) - m * x  # m x (p x m)
        return gamma * bj * (self._efficiency(x) * mxpxm
                             + self.field_like * np.cross(np.broadcast_to(p, m.shape), m))

    def pack(self, packer, Ms: float) -> None:
        bj = spin_torque_field(self.current_density, Ms, self.thickness)
        pol, lam2, fl = self._packed_efficiency()
        packer.add_torque(bj, pol, lam2, fl, self.direction, self.waveform)


@dataclass(frozen=True, eq=False)
class Slonczewski(_CurrentTorque):
    """Slonczewski spin-transfer torque of a spin valve or MTJ (module docstring).

    Parameters
    ----------
    current_density: j [A/m^2] through the stack; > 0 pulls m towards ``direction``.
    polarization: P [-], in [-1, 1].
    thickness: free-layer thickness d [m].
    direction: polarizer (fixed-layer) magnetization p.
    asymmetry: Lambda [-] (> 0); 1 gives the angle-independent eps = P/2.
    field_like: eps' [-], the field-like efficiency.
    waveform: time dependence of the current (default constant).
    """

    current_density: float
    polarization: float
    thickness: float
    direction: np.ndarray = (0.0, 0.0, 1.0)  # type: ignore[assignment]
    asymmetry: float = 1.0
    field_like: float = 0.0
    waveform: Waveform | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "current_density",
                           finite("current_density", self.current_density))
        pol = finite("polarization", self.polarization)
        if not -1 <= pol <= 1:
            raise ParameterError("polarization", self.polarization, "must be in [-1, 1]")
        object.__setattr__(self, "polarization", pol)
        object.__setattr__(self, "thickness", positive("thickness", self.thickness))
        object.__setattr__(self, "direction", unit_vector("direction", self.direction))
        object.__setattr__(self, "asymmetry", positive("asymmetry", self.asymmetry))
        object.__setattr__(self, "field_like", finite("field_like", self.field_like))
        object.__setattr__(self, "waveform", as_waveform(self.waveform))

    def __repr__(self) -> str:
        return (f"Slonczewski(j={self.current_density:g} A/m^2, P={self.polarization:g}, "
                f"p={self.direction.tolist()})")

    def _efficiency(self, x: np.ndarray) -> np.ndarray:
        l2 = self.asymmetry**2
        return self.polarization * l2 / ((l2 + 1) + (l2 - 1) * x)

    def _packed_efficiency(self) -> tuple[float, float, float]:
        return self.polarization, self.asymmetry**2, self.field_like


@dataclass(frozen=True, eq=False)
class SpinOrbitTorque(_CurrentTorque):
    """Damping-like and field-like spin-orbit torque (module docstring).

    Parameters
    ----------
    current_density: j [A/m^2] in the heavy metal.
    spin_hall_angle: damping-like efficiency theta_DL [-].
    thickness: ferromagnet thickness d [m].
    direction: spin polarization sigma at the interface (default +y, a current along +x).
    field_like_angle: field-like efficiency theta_FL [-].
    waveform: time dependence of the current (default constant).
    """

    current_density: float
    spin_hall_angle: float
    thickness: float
    direction: np.ndarray = (0.0, 1.0, 0.0)  # type: ignore[assignment]
    field_like_angle: float = 0.0
    waveform: Waveform | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "current_density",
                           finite("current_density", self.current_density))
        object.__setattr__(self, "spin_hall_angle",
                           finite("spin_hall_angle", self.spin_hall_angle))
        object.__setattr__(self, "thickness", positive("thickness", self.thickness))
        object.__setattr__(self, "direction", unit_vector("direction", self.direction))
        object.__setattr__(self, "field_like_angle",
                           finite("field_like_angle", self.field_like_angle))
        object.__setattr__(self, "waveform", as_waveform(self.waveform))

    @property
    def field_like(self) -> float:  # type: ignore[override]
        """eps' = theta_FL / 2."""
        return self.field_like_angle / 2

    def __repr__(self) -> str:
        return (f"SpinOrbitTorque(j={self.current_density:g} A/m^2, "
                f"theta_DL={self.spin_hall_angle:g}, sigma={self.direction.tolist()})")

    def _efficiency(self, x: np.ndarray) -> np.ndarray:
        return np.full_like(x, self.spin_hall_angle / 2)

    def _packed_efficiency(self) -> tuple[float, float, float]:
        return self.spin_hall_angle, 1.0, self.field_like
