"""Rashba and Dresselhaus spin-orbit coupling in a two-dimensional electron gas.

The model (k = (k_x, k_y) in the plane of a [001] quantum well, x || [100], y || [010]):

    H(k) = hbar^2 k^2 / (2 m) + alpha (sigma_x k_y - sigma_y k_x)          (Rashba)
                              + beta (sigma_x k_x - sigma_y k_y)           (linear Dresselhaus)
                              + gamma (sigma_x k_x k_y^2 - sigma_y k_y k_x^2)  (cubic Dresselhaus)
                              + b . sigma                                   (Zeeman/exchange)

Rashba: Yu. A. Bychkov and E. I. Rashba, JETP Lett. 39, 78 (1984). Dresselhaus: G.
Dresselhaus, Phys. Rev. 100, 580 (1955): the bulk term gamma [sigma_x k_x (k_y^2 - k_z^2) +
cyclic], averaged over the lowest subband of a [001] well, <k_z> = 0, gives the linear term
with beta = -gamma <k_z^2> and the cubic term above (R. Winkler, *Spin-Orbit Coupling
Effects in Two-Dimensional Electron and Hole Systems*, Springer 2003, sec. 6.3). For an
infinitely deep well of width w, <k_z^2> = (pi / w)^2. The sign of beta relative to alpha
depends on the sign conventions of gamma and of the growth direction; only |alpha| = |beta|
and the relative sign matter for the persistent spin helix.

Closed forms (plain functions below):

* Rashba only: E_(-/+)(k) = hbar^2 k^2 / 2m -/+ alpha k; splitting 2 alpha k; the lower band
  has its minimum -E_R on the ring k_0 = m alpha / hbar^2, E_R = m alpha^2 / (2 hbar^2).
* Linear Rashba + Dresselhaus: |h| = k sqrt(alpha^2 + beta^2 + 2 alpha beta sin 2phi), so the
  splitting vanishes along k || [1-10] when alpha = beta (along [110] when alpha = -beta).
  There h = alpha (k_x + k_y)(1, -1, 0): one fixed spin axis for every k, the two Fermi
  circles are the same circle shifted by Q = 4 m alpha / hbar^2 along [110], and a spin
  turns about (1, -1, 0) by the angle Q x_110, x_110 its displacement along [110], whatever
  its path (scattering included): the persistent spin helix (J.
  Schliemann, J. C. Egues and D. Loss, Phys. Rev. Lett. 90, 146801 (2003); B. A. Bernevig,
  J. Orenstein and S.-C. Zhang, Phys. Rev. Lett. 97, 236601 (2006)).
"""

from __future__ import annotations

import numpy as np

from spinkit import constants, materials
from spinkit.bands.hamiltonian import TwoBandSpinHamiltonian
from spinkit.bands.validation import finite, finite_array, positive, vector3, wavevectors
from spinkit.errors import ParameterError

__all__ = [
    "SpinOrbit2DEG",
    "persistent_spin_helix_wavevector",
    "rashba_density_of_states",
    "rashba_energy",
    "rashba_k0",
    "spin_splitting",
]


class SpinOrbit2DEG(TwoBandSpinHamiltonian):
    """Parabolic 2D band with Rashba, Dresselhaus and Zeeman terms (module docstring).

    Parameters
    ----------
    effective_mass: m [kg].
    rashba: alpha [J m].
    dresselhaus: linear Dresselhaus beta [J m].
    dresselhaus_cubic: cubic Dresselhaus gamma [J m^3].
    zeeman: b [J], the spin splitting 2|b| of a Zeeman or exchange field (three numbers).
    """

    dim = 2

    def __init__(self, effective_mass: float, rashba: float = 0.0, dresselhaus: float = 0.0,
                 dresselhaus_cubic: float = 0.0, zeeman: object = (0.0, 0.0, 0.0)) -> None:
        self.effective_mass = positive("effective_mass", effective_mass)
        self.rashba = finite("rashba", rashba)
        self.dresselhaus = finite("dresselhaus", dresselhaus)
        self.dresselhaus_cubic = finite("dresselhaus_cubic", dresselhaus_cubic)
        self.zeeman = vector3("zeeman", zeeman)

    @classmethod
    def from_material(cls, material: str, *, effective_mass: float | None = None,
                      rashba: float | None = None, dresselhaus: float | None = None,
                      well_width: float | None = None,
                      zeeman: object = (0.0, 0.0, 0.0)) -> SpinOrbit2DEG:
        """The 2DEG of a quantum well of ``material``; given arguments override its data.

        Parameters
        ----------
        material: a name from :func:`spinkit.materials.names`.
        effective_mass: m [kg]; default: the material's ``effective_mass``.
        rashba: alpha [J m]; default: the material's ``rashba_alpha``, else 0.
        dresselhaus: beta [J m]; default: -gamma (pi/w)^2 (below), else 0.
        well_width: w [m] of an infinitely deep well. With it and the material's
            ``dresselhaus_gamma``, the cubic term is gamma and beta = -gamma (pi/w)^2 unless
            ``dresselhaus`` is given; without it there is no cubic term.
        zeeman: b [J].

        Raises
        ------
        ParameterError
            naming the quantity the material lacks (e.g. ``effective_mass``).
        """
        mat = materials.get(material)
        mass = effective_mass if effective_mass is not None else \
            mat.value("effective_mass") * constants.m_e
        if rashba is None:
            rashba = mat.value("rashba_alpha") * constants.eV if "rashba_alpha" in mat else 0.0
        beta = gamma = 0.0
        if well_width is not None:
            width = positive("well_width", well_width)
            if "dresselhaus_gamma" not in mat:
                raise ParameterError("well_width", well_width,
                                     f"needs a material with dresselhaus_gamma; {material} has "
                                     "none")
            gamma = mat.value("dresselhaus_gamma") * constants.eV
            beta = -gamma * (np.pi / width) ** 2
        if dresselhaus is not None:
            beta = dresselhaus
        return cls(mass, rashba, beta, gamma, zeeman)

    def scalar(self, k: np.ndarray) -> np.ndarray:
        """hbar^2 k^2 / (2 m) [J]."""
        return constants.hbar**2 * np.sum(k * k, axis=-1) / (2 * self.effective_mass)

    def field(self, k: np.ndarray) -> np.ndarray:
        """h(k) [J]: Rashba + Dresselhaus (linear and cubic) + Zeeman."""
        kx, ky = k[..., 0], k[..., 1]
        a, b, g = self.rashba, self.dresselhaus, self.dresselhaus_cubic
        hx = a * ky + b * kx + g * kx * ky * ky
        hy = -a * kx - b * ky - g * ky * kx * kx
        out = np.stack([hx, hy, np.zeros_like(hx)], axis=-1)
        return out + self.zeeman


def rashba_k0(effective_mass: float, rashba: float) -> float:
    """k_0 = m |alpha| / hbar^2 [1/m]: radius of the ring where the lower Rashba band is lowest.

    Parameters
    ----------
    effective_mass: m [kg].
    rashba: alpha [J m].
    """
    return positive("effective_mass", effective_mass) * abs(finite("rashba", rashba)) \
        / constants.hbar**2


def rashba_energy(effective_mass: float, rashba: float) -> float:
    """E_R = m alpha^2 / (2 hbar^2) [J]: depth of the lower Rashba band below the crossing.

    Parameters
    ----------
    effective_mass: m [kg].
    rashba: alpha [J m].
    """
    return positive("effective_mass", effective_mass) * finite("rashba", rashba) ** 2 \
        / (2 * constants.hbar**2)


def spin_splitting(k: object, rashba: float, dresselhaus: float = 0.0) -> np.ndarray:
    """E_+ - E_- = 2 |k| sqrt(alpha^2 + beta^2 + 2 alpha beta sin 2phi) [J], linear terms only.

    Parameters
    ----------
    k: wavevectors, shape (..., 2) [1/m]; phi is the angle of k from [100].
    rashba: alpha [J m].
    dresselhaus: beta [J m].
    """
    kk = wavevectors(k, 2)
    a, b = finite("rashba", rashba), finite("dresselhaus", dresselhaus)
    kx, ky = kk[..., 0], kk[..., 1]
    return 2 * np.sqrt((a * a + b * b) * (kx * kx + ky * ky) + 4 * a * b * kx * ky)


def persistent_spin_helix_wavevector(effective_mass: float, rashba: float) -> float:
    """Q = 4 m |alpha| / hbar^2 [1/m] of the persistent spin helix (alpha = +/- beta).

    The shift between the two Fermi circles, and the rate [rad/m] at which a spin precesses
    as the electron moves along [110] (alpha = beta) or [1-10] (alpha = -beta).

    Parameters
    ----------
    effective_mass: m [kg].
    rashba: alpha = +/- beta [J m].
    """
    return 4 * rashba_k0(effective_mass, rashba)


def rashba_density_of_states(energy: object, effective_mass: float,
                             rashba: float) -> np.ndarray:
    """Density of states of the Rashba 2DEG, both bands, per area [1/(J m^2)].

    With E measured from the band crossing at k = 0 and q = sqrt(k_0^2 + 2 m E / hbar^2):

        g(E) = m / (pi hbar^2)              for E >= 0 (the value without spin-orbit),
        g(E) = m / (pi hbar^2) * k_0 / q    for -E_R < E < 0 (the ring minimum: 1/sqrt edge),
        g(E) = 0                             for E <= -E_R.

    Parameters
    ----------
    energy: E [J] (array).
    effective_mass: m [kg].
    rashba: alpha [J m].
    """
    m = positive("effective_mass", effective_mass)
    k0 = rashba_k0(m, rashba)
    e = finite_array("energy", energy, "J")
    g0 = m / (np.pi * constants.hbar**2)
    q2 = k0 * k0 + 2 * m * e / constants.hbar**2
    with np.errstate(divide="ignore", invalid="ignore"):
        below = np.where(q2 > 0, g0 * k0 / np.sqrt(np.where(q2 > 0, q2, 1.0)), 0.0)
    return np.where(e >= 0, g0, below)
