"""The Dirac surface state of a three-dimensional topological insulator.

    H(k) = E_D + hbar v_F (sigma_x k_y - sigma_y k_x) + lambda (k_x^3 - 3 k_x k_y^2) sigma_z
           + b . sigma                                                             (1)

(H. Zhang et al., Nat. Phys. 5, 438 (2009); M. Z. Hasan and C. L. Kane, Rev. Mod. Phys.
82, 3045 (2010)). Without b the bands form the cone E = E_D +/- hbar v_F |k|, and the spin of
each state lies in the plane at a right angle to k (spin-momentum locking): along k x z in
the upper cone, along z x k in the lower one. Carried once around the Dirac point, either
state picks up the Berry phase pi. A Zeeman or exchange term b_z (a magnetic dopant or a
proximity ferromagnet) opens a gap 2|b_z| at k = 0 and tilts the spin out of the plane; the
Berry phase of the lower band around a counter-clockwise circle of radius k is then
pi (1 - b_z / sqrt(b_z^2 + (hbar v_F k)^2)), that of the upper band minus it (mod 2 pi): half
the solid angle the spin sweeps (M. V. Berry, Proc. R. Soc. A 392, 45 (1984)).

The cubic term is the hexagonal warping of Bi2Te3-like surfaces (L. Fu, Phys. Rev. Lett. 103,
266801 (2009): (lambda/2)(k_+^3 + k_-^3) sigma_z). It bends the circle into a snowflake,
E = +/- sqrt((hbar v_F k)^2 + lambda^2 k^6 cos^2 3phi), and tilts the spin out of the plane
by s_z = lambda k^3 cos 3phi / E, alternating in sign six times around the contour, so that
the Berry phase stays pi (time reversal is kept).
"""

from __future__ import annotations

import numpy as np

from spinkit import constants, materials
from spinkit.bands.hamiltonian import TwoBandSpinHamiltonian
from spinkit.bands.validation import finite, finite_array, positive, vector3
from spinkit.errors import ParameterError

__all__ = ["DiracSurface", "dirac_density_of_states"]


class DiracSurface(TwoBandSpinHamiltonian):
    """Topological-insulator surface state, eq. (1) of the module docstring.

    Parameters
    ----------
    fermi_velocity: v_F [m/s].
    zeeman: b [J] (three numbers); b_z is half the gap it opens at the Dirac point.
    dirac_energy: E_D [J], the energy of the Dirac point.
    warping: hexagonal warping lambda [J m^3].
    """

    dim = 2

    def __init__(self, fermi_velocity: float, zeeman: object = (0.0, 0.0, 0.0),
                 dirac_energy: float = 0.0, warping: float = 0.0) -> None:
        self.fermi_velocity = positive("fermi_velocity", fermi_velocity)
        self.zeeman = vector3("zeeman", zeeman)
        self.dirac_energy = finite("dirac_energy", dirac_energy)
        self.warping = finite("warping", warping)

    @classmethod
    def from_material(cls, material: str = "Bi2Se3", *, fermi_velocity: float | None = None,
                      zeeman: object = (0.0, 0.0, 0.0), dirac_energy: float = 0.0,
                      warping: float = 0.0) -> DiracSurface:
        """The surface cone of ``material``: its ``fermi_velocity`` unless one is given.

        Parameters
        ----------
        material: a name from :func:`spinkit.materials.names`.
        fermi_velocity: v_F [m/s]; default: the material's ``fermi_velocity``.
        zeeman, dirac_energy, warping: as for the class [J], [J], [J m^3].
        """
        if fermi_velocity is None:
            fermi_velocity = materials.get(material).value("fermi_velocity")
        return cls(fermi_velocity, zeeman, dirac_energy, warping)

    def scalar(self, k: np.ndarray) -> np.ndarray:
        """E_D [J] at every k."""
        return np.full(k.shape[:-1], self.dirac_energy)

    def field(self, k: np.ndarray) -> np.ndarray:
        """h(k) = (hbar v_F k_y, -hbar v_F k_x, lambda (k_x^3 - 3 k_x k_y^2)) + b [J]."""
        hv = constants.hbar * self.fermi_velocity
        kx, ky = k[..., 0], k[..., 1]
        hz = self.warping * kx * (kx * kx - 3 * ky * ky)
        return np.stack([hv * ky, -hv * kx, hz], axis=-1) + self.zeeman


def dirac_density_of_states(energy: object, fermi_velocity: float,
                            half_gap: float = 0.0) -> np.ndarray:
    """Density of states of one (gapped) Dirac cone per area [1/(J m^2)].

    g(E) = |E| / (2 pi hbar^2 v_F^2) for |E| > D, 0 inside the gap (E measured from the
    Dirac point, D = |b_z|): the contour has k = sqrt(E^2 - D^2) / (hbar v_F) and
    k / (2 pi |dE/dk|) = |E| / (2 pi hbar^2 v_F^2). One spin-locked cone, no degeneracy.

    Parameters
    ----------
    energy: E [J] (array).
    fermi_velocity: v_F [m/s].
    half_gap: D [J], half the gap (>= 0): |b_z| of :class:`DiracSurface`.
    """
    v = positive("fermi_velocity", fermi_velocity)
    d = finite("half_gap", half_gap)
    if d < 0:
        raise ParameterError("half_gap", half_gap, "must be >= 0 J (half the gap)")
    e = np.abs(finite_array("energy", energy, "J"))
    return np.where(e > d, e / (2 * np.pi * constants.hbar**2 * v * v), 0.0)
