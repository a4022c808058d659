"""Impurity scattering on spin-orbit Fermi contours, in the Born approximation.

An electron in the Bloch state |n k> at energy E scatters off randomly placed short-range
impurities (density n_i [1/m^2]), each of potential V(r) = M delta(r) with the 2 x 2 (or
N x N) strength matrix

    M = V_0 1 + m . sigma      [J m^2]:  V_0 non-magnetic, m a magnetic (exchange) part.

Fermi's golden rule, averaged over impurity positions, gives the rate into the states
|n' k'> on the same energy shell, per radian of the final direction phi' = phi + theta:

    dGamma/dtheta = (n_i / (2 pi hbar)) * (k' / |dE_n'/dk'|) * |<u_n'(k')| M |u_n(k)>|^2,   (1)

where k' / |dE_n'/dk'| (radial derivative) is the density of final states per radian of the
2D shell, int d^2k' delta(E - E_n'(k')) = int dphi' k'/|dE/dk'|. Here every shell is found
numerically (any 2D model, any number of crossings along each direction), so (1) holds for
anisotropic contours as well.

For a non-magnetic impurity the angular factor is the spinor overlap |<u'|u>|^2. On the
topological-insulator cone it is (1 + cos theta)/2, which vanishes at theta = pi: the two
states at k and -k carry opposite spins, a scalar potential cannot connect them, and
backscattering is forbidden (the pi Berry phase; M. Z. Hasan and C. L. Kane, Rev. Mod. Phys.
82, 3045 (2010)). In a Rashba gas the two concentric contours have opposite helicities:
within a contour the factor is again (1 + cos theta)/2, but between them it is
(1 - cos theta)/2, so an electron can backscatter from one contour to the other with no spin
flip. A magnetic impurity (m_z != 0) or a gap on the cone (which tilts the spins out of the
plane) opens backscattering on the TI surface too.

Two rates summarise (1) for each incoming state:

    1/tau_q = sum_n' int dtheta dGamma/dtheta                   (out-scattering rate),
    1/tau_p = sum_n' int dtheta dGamma/dtheta (1 - k' cos theta / k)   (momentum loss rate),

the latter the rate at which the incoming momentum along k is lost; for one isotropic
contour it is the transport rate 1/tau_tr of the Boltzmann equation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from spinkit import constants
from spinkit.bands.hamiltonian import BlochHamiltonian
from spinkit.bands.spectrum import fermi_contour
from spinkit.bands.validation import bloch_hamiltonian
from spinkit.errors import ParameterError
from spinkit.validation import count, finite, vector3

__all__ = ["FermiContourScattering", "born_scattering"]


@dataclass(frozen=True)
class FermiContourScattering:
    """Born scattering rates between the states of one energy shell (module docstring).

    Channels are the crossings of the shell along each direction (one per contour: two for
    a Rashba gas above the band crossing, one for a TI cone).

    Attributes
    ----------
    energy: E [J].
    theta: scattering angles phi' - phi, from 0 to 2 pi (exclusive), shape (A,) [rad].
    band: band index of each channel, shape (C,).
    k_fermi: |k| of each channel at each outgoing angle, shape (C, A) [1/m]; the incoming
        states are those at theta = 0.
    overlap: |<u_out|u_in>|^2, shape (C_in, C_out, A) [-].
    rate: dGamma/dtheta of eq. (1), shape (C_in, C_out, A) [1/(s rad)].
    quasiparticle_rate: 1/tau_q of each incoming channel, shape (C,) [1/s].
    momentum_relaxation_rate: 1/tau_p of each incoming channel, shape (C,) [1/s].
    """

    energy: float
    theta: np.ndarray
    band: np.ndarray
    k_fermi: np.ndarray
    overlap: np.ndarray
    rate: np.ndarray
    quasiparticle_rate: np.ndarray
    momentum_relaxation_rate: np.ndarray

    @property
    def backscattering_rate(self) -> np.ndarray:
        """dGamma/dtheta at theta = pi, shape (C_in, C_out) [1/(s rad)]."""
        return self.rate[:, :, self.theta.size // 2]

    @property
    def backscattering_overlap(self) -> np.ndarray:
        """|<u(-k)|u(k)>|^2 between channels at theta = pi, shape (C_in, C_out) [-]."""
        return self.overlap[:, :, self.theta.size // 2]

    def to_xarray(self) -> Any:
        """An :class:`xarray.Dataset` on (channel_in, channel_out, theta)."""
        import xarray as xr

        dims = ("channel_in", "channel_out", "theta")
        return xr.Dataset(
            {
                "rate": (dims, self.rate, {"units": "1/(s rad)",
                                           "long_name": "Born scattering rate dGamma/dtheta"}),
                "overlap": (dims, self.overlap, {"units": "",
                                                 "long_name": "spinor overlap |<u'|u>|^2"}),
                "k_fermi": (("channel_out", "theta"), self.k_fermi,
                            {"units": "1/m", "long_name": "Fermi wavevector"}),
                "quasiparticle_rate": ("channel_in", self.quasiparticle_rate,
                                       {"units": "1/s", "long_name": "1/tau_q"}),
                "momentum_relaxation_rate": ("channel_in", self.momentum_relaxation_rate,
                                             {"units": "1/s", "long_name": "1/tau_p"}),
            },
            coords={"theta": ("theta", self.theta, {"units": "rad",
                                                    "long_name": "scattering angle"}),
                    "channel_in": ("channel_in", np.arange(self.band.size)),
                    "channel_out": ("channel_out", np.arange(self.band.size)),
                    "band": ("channel_out", self.band)},
            attrs={"energy_J": self.energy},
        )

    def plot(self, ax: Any = None) -> Any:
        """Polar plot of dGamma/dtheta for every pair of channels (in -> out); returns axes."""
        import matplotlib.pyplot as plt

        if ax is None:
            _, ax = plt.subplots(subplot_kw={"projection": "polar"}, figsize=(4.5, 4.5),
                                 layout="constrained")
        t = np.append(self.theta, 2 * np.pi)
        for i in range(self.band.size):
            for j in range(self.band.size):
                r = np.append(self.rate[i, j], self.rate[i, j, 0])
                ax.plot(t, r, label=f"{i} -> {j}")
        ax.legend(fontsize=7, loc="lower left")
        ax.set_title("dGamma/dtheta (1/(s rad))", fontsize=9)
        return ax


def born_scattering(
    ham: BlochHamiltonian,
    energy: float,
    *,
    impurity_density: float,
    potential: float,
    magnetic: object = (0.0, 0.0, 0.0),
    direction: float = 0.0,
    n_angles: int = 360,
    k_max: float,
    n_radial: int = 400,
) -> FermiContourScattering:
    """Born scattering rates on the energy shell E of a 2D model (eq. 1, module docstring).

    Parameters
    ----------
    ham: a 2D Bloch Hamiltonian (spin operators needed if ``magnetic`` is not zero).
    energy: E [J].
    impurity_density: n_i [1/m^2], >= 0.
    potential: V_0 [J m^2], the integral of the non-magnetic impurity potential.
    magnetic: m [J m^2] (three numbers), the exchange part m . sigma of each impurity.
    direction: angle phi of the incoming wavevector from k_x [rad].
    n_angles: outgoing directions, evenly spaced (even, so that theta = pi is one; >= 8).
    k_max: largest |k| searched for the shell [1/m].
    n_radial: see :func:`fermi_contour`.

    Raises
    ------
    ParameterError
        for bad parameters, or if E lies on no band within k_max.
    """
    bloch_hamiltonian("ham", ham, dim=2)
    n_imp = finite("impurity_density", impurity_density)
    if n_imp < 0:
        raise ParameterError("impurity_density", impurity_density, "must be >= 0 (1/m^2)")
    v0 = finite("potential", potential)
    mag = vector3("magnetic", magnetic)
    phi0 = finite("direction", direction)
    n_angles = count("n_angles", n_angles, 8, even=True)
    strength = v0 * np.eye(ham.n_bands, dtype=complex)
    if np.any(mag != 0):
        if ham.spin is None:
            raise ParameterError("magnetic", tuple(mag), "needs a model with spin operators")
        strength = strength + np.einsum("i,iab->ab", mag, ham.spin)
    theta = 2 * np.pi * np.arange(n_angles) / n_angles
    phi = phi0 + theta
    band, k_f = fermi_contour(ham, energy, phi, k_max=k_max, n_radial=n_radial)
    if band.size == 0:
        raise ParameterError("energy", energy, f"lies on no band for |k| < k_max = {k_max:g} "
                             "1/m")
    dirs = np.stack([np.cos(phi), np.sin(phi)], axis=-1)  # (A, 2)
    k = k_f[..., None] * dirs  # (C, A, 2)
    _, vecs = ham.eigh(k)
    u = np.take_along_axis(vecs, band[:, None, None, None], axis=-1)[..., 0]  # (C, A, N)
    vel = np.take_along_axis(ham.velocities(k), band[:, None, None, None], axis=2)[:, :, 0]
    slope = constants.hbar * np.einsum("cai,ai->ca", vel, dirs)  # radial dE/dk [J m]
    dos = k_f / np.abs(slope)  # final states per radian per energy [1/(J m^2)]
    u_in = u[:, 0, :]  # (C, N): incoming states at theta = 0
    amp = np.einsum("oaj,jl,il->ioa", u.conj(), strength, u_in)  # <u_out|M|u_in>
    overlap = np.abs(np.einsum("oaj,ij->ioa", u.conj(), u_in)) ** 2
    rate = n_imp / (2 * np.pi * constants.hbar) * dos[None] * np.abs(amp) ** 2
    step = 2 * np.pi / n_angles  # periodic trapezoid: spectrally accurate
    q_rate = rate.sum(axis=(1, 2)) * step
    loss = 1.0 - k_f[None, :, :] * np.cos(theta) / k_f[:, None, :1]
    p_rate = (rate * loss).sum(axis=(1, 2)) * step
    return FermiContourScattering(float(energy), theta, band, k_f, overlap, rate, q_rate,
                                  p_rate)
