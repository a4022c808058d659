"""The bulk (cubic) Dresselhaus field of a zinc-blende conduction band, as a Bloch model.

    H(k) = hbar^2 k^2 / (2 m) + gamma [sigma_x k_x (k_y^2 - k_z^2)
                                      + sigma_y k_y (k_z^2 - k_x^2)
                                      + sigma_z k_z (k_x^2 - k_y^2)] + b . sigma,

with x, y, z along the cubic axes (G. Dresselhaus, Phys. Rev. 100, 580 (1955); gamma is
Winkler's b_41^{6c6c}, R. Winkler, *Spin-Orbit Coupling Effects in Two-Dimensional Electron
and Hole Systems*, Springer 2003, Table 6.3). It is a
:class:`spinkit.bands.TwoBandSpinHamiltonian`, so its spin-orbit field is
Omega(k) = 2 h(k) / hbar (:meth:`spin_orbit_field`), the field the spin ensemble of
:mod:`spinkit.relaxation.ensemble` precesses about.

Averaged over the directions of k (moments of the unit sphere, <n_x^2 n_y^4> = 1/35,
<n_x^2 n_y^2 n_z^2> = 1/105):

    <Omega_x^2 + Omega_y^2> = (2 gamma / hbar)^2 k^6 * 8/105 = (32/105) gamma^2 k^6 / hbar^2,

the 32/105 of the D'yakonov-Perel' rate
(M. I. D'yakonov and V. I. Perel', Sov. Phys. Solid State 13, 3023 (1972)).
"""

from __future__ import annotations

import numpy as np

from spinkit import constants, materials
from spinkit.bands.hamiltonian import TwoBandSpinHamiltonian
from spinkit.validation import finite, positive, vector3

__all__ = ["BulkDresselhaus"]


class BulkDresselhaus(TwoBandSpinHamiltonian):
    """Parabolic 3D conduction band with the cubic Dresselhaus term (module docstring).

    Parameters
    ----------
    effective_mass: m [kg].
    gamma: Dresselhaus constant gamma [J m^3].
    zeeman: b [J] (three numbers): a Zeeman term g mu_B B / 2.
    """

    dim = 3

    def __init__(self, effective_mass: float, gamma: float,
                 zeeman: object = (0.0, 0.0, 0.0)) -> None:
        self.effective_mass = positive("effective_mass", effective_mass)
        self.gamma = finite("gamma", gamma)
        self.zeeman = vector3("zeeman", zeeman)

    @classmethod
    def from_material(cls, material: str, *, zeeman: object = (0.0, 0.0, 0.0)
                      ) -> BulkDresselhaus:
        """The conduction band of ``material`` from its ``effective_mass`` and
        ``dresselhaus_gamma`` (:class:`~spinkit.errors.ParameterError` naming the one it
        lacks)."""
        mat = materials.get(material)
        return cls(mat.value("effective_mass") * constants.m_e,
                   mat.value("dresselhaus_gamma") * constants.eV, zeeman)

    def scalar(self, k: np.ndarray) -> np.ndarray:
        """hbar^2 k^2 / (2 m) [J]."""
        return constants.hbar**2 * np.sum(k * k, axis=-1) / (2 * self.effective_mass)

    def field(self, k: np.ndarray) -> np.ndarray:
        """h(k) [J]: the cubic Dresselhaus term plus the Zeeman term."""
        kx, ky, kz = k[..., 0], k[..., 1], k[..., 2]
        x2, y2, z2 = kx * kx, ky * ky, kz * kz
        h = self.gamma * np.stack([kx * (y2 - z2), ky * (z2 - x2), kz * (x2 - y2)], axis=-1)
        return h + self.zeeman
