"""Slonczewski's free-electron model of a magnetic tunnel junction, solved exactly.

Two exchange-split parabolic electrodes (mass m, the same in the barrier) face a barrier of
height U above the Fermi level and thickness d (J. C. Slonczewski, Phys. Rev. B 39, 6995
(1989)). Energies are measured from the Fermi level of the left electrode; electrode i has
band bottoms -E_F,i (majority) and -E_F,i + Delta_i (minority). A bias V lowers the right
electrode by eV and tilts the barrier linearly from U to U - eV. The right magnetization is
rotated by theta about y relative to the left one (along z).

With k_par conserved, each (E, k_par) is a 1D problem in E_z = E - hbar^2 k_par^2 / 2m. In a
region of constant potential W the wave number is k = sqrt(2m (E_z - W)) / hbar (imaginary
where evanescent), and (psi, psi') propagates over a length L with the exact matrix

    M(L) = [[cos kL, sin(kL)/k], [-k sin kL, cos kL]]                                  (1)

(the tilted barrier is cut into ``slices`` steps). The outgoing spinor of each right spin
channel is propagated back to z = 0 (stable for thick barriers: no growing exponential is
subtracted) and projected on the incoming left waves, giving t; the flux-normalised
transmission is T = (Re k_R / k_L) |t|^2. Currents per area at zero temperature:

    J(V)/A = (e/h) (m / (2 pi hbar^2)) int_{-eV}^{0} dE int_0^inf dE_par sum T(E, E_par),   (2)

and the linear conductance per area G/A = (e^2/h) (m / (2 pi hbar^2)) int dE_par sum T(0, .).

In the thick-barrier limit at k_par = 0, T_{s s'} ~ 16 k_s k_s' kappa^2 e^{-2 kappa d} /
((kappa^2 + k_s^2)(kappa^2 + k_s'^2)), so that G(theta) = G0 (1 + P_eff^2 cos theta) with
Slonczewski's effective polarization

    P_eff = (k_up - k_dn)/(k_up + k_dn) * (kappa^2 - k_up k_dn)/(kappa^2 + k_up k_dn).   (3)

For Fe, Slonczewski took the itinerant d-electron Fermi wave numbers k_up = 1.09 / Å and
k_dn = 0.42 / Å of M. B. Stearns, J. Magn. Magn. Mater. 5, 167 (1977) (E_F = 4.53 eV,
Delta = 3.86 eV for free electrons), the defaults of the ``mtj`` kind.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from spinkit import constants
from spinkit.errors import ParameterError
from spinkit.validation import finite_array, in_range, integer

__all__ = [
    "FreeElectronJunction",
    "slonczewski_polarization",
]


def slonczewski_polarization(k_up: float, k_down: float, kappa: float) -> float:
    """Effective tunneling polarization P_eff of eq. (3) [dimensionless].

    k_up, k_down: Fermi wave numbers of the electrode's two spin bands [1/m]; kappa: decay
    constant in the barrier [1/m].
    """
    k_up, k_down, kappa = (in_range(name, v, 0.0, bounds="[]", unit="1/m") for name, v in
                           (("k_up", k_up), ("k_down", k_down), ("kappa", kappa)))
    if k_up + k_down == 0:
        raise ParameterError("k_up", k_up, "k_up + k_down must be > 0")
    return (k_up - k_down) / (k_up + k_down) * (kappa**2 - k_up * k_down) / (
        kappa**2 + k_up * k_down)


def _wavenumber(energy: np.ndarray, potential: np.ndarray | float, mass: float) -> np.ndarray:
    """k = sqrt(2 m (E - W)) / hbar, on the branch with Im k >= 0 and Re k >= 0."""
    return np.sqrt((2 * mass * (energy - potential)).astype(complex)) / constants.hbar


@dataclass(frozen=True)
class FreeElectronJunction:
    """F/I/F junction of Slonczewski's model, all energies in joules.

    Parameters
    ----------
    fermi_energy: E_F of the majority band of the left electrode [J] (> 0).
    exchange_splitting: Delta of the left electrode [J], 0 <= Delta.
    barrier_height: U, barrier top above the Fermi level [J] (> 0).
    thickness: d [m] (> 0).
    mass: electron mass in all layers, in units of m_e (> 0).
    right_fermi_energy, right_exchange_splitting: the right electrode's; default: the left's.
    """

    fermi_energy: float
    exchange_splitting: float
    barrier_height: float
    thickness: float
    mass: float = 1.0
    right_fermi_energy: float | None = None
    right_exchange_splitting: float | None = None

    def __post_init__(self) -> None:
        ev = constants.eV
        in_range("fermi_energy", self.fermi_energy, 0, 100 * ev, bounds="(]", unit="J")
        in_range("exchange_splitting", self.exchange_splitting, 0, 100 * ev, bounds="[]", unit="J")
        in_range("barrier_height", self.barrier_height, 0, 100 * ev, bounds="(]", unit="J")
        in_range("thickness", self.thickness, 0, 1e-7, bounds="(]", unit="m")
        in_range("mass", self.mass, 0, 100, bounds="(]", unit="m_e")
        if self.right_fermi_energy is None:
            object.__setattr__(self, "right_fermi_energy", self.fermi_energy)
        if self.right_exchange_splitting is None:
            object.__setattr__(self, "right_exchange_splitting", self.exchange_splitting)
        in_range("right_fermi_energy", self.right_fermi_energy, 0, 100 * ev, bounds="(]",
                 unit="J")
        in_range("right_exchange_splitting", self.right_exchange_splitting, 0, 100 * ev,
                 bounds="[]", unit="J")

    @property
    def _m(self) -> float:
        return self.mass * constants.m_e

    def band_bottoms(self, bias: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
        """(left, right) band bottoms [J] of (majority, minority), right shifted by -eV."""
        left = np.array([-self.fermi_energy, -self.fermi_energy + self.exchange_splitting])
        right = np.array([-self.right_fermi_energy,
                          -self.right_fermi_energy + self.right_exchange_splitting])
        return left, right - constants.e * bias

    def fermi_wavenumbers(self) -> tuple[float, float, float]:
        """(k_up, k_down, kappa) of the left electrode and barrier at E_F, k_par = 0 [1/m]."""
        left, _ = self.band_bottoms()
        k = _wavenumber(np.zeros(2), left, self._m)
        kappa = np.sqrt(2 * self._m * self.barrier_height) / constants.hbar
        return float(k[0].real), float(k[1].real), float(kappa)

    def transmission(self, energy: np.ndarray | float, e_par: np.ndarray | float,
                     theta: float = 0.0, bias: float = 0.0, slices: int = 64) -> np.ndarray:
        """Spin-resolved transmission T[..., s', s] from left spin s to right spin s'.

        Parameters
        ----------
        energy: E relative to the left Fermi level [J] (broadcast with ``e_par``).
        e_par: hbar^2 k_par^2 / 2m [J] (>= 0).
        theta: angle between the magnetizations [rad].
        bias: V [V]; with V != 0 the barrier is cut into ``slices`` steps.
        slices: number of steps of the tilted barrier (used only when bias != 0).
        """
        e = finite_array("energy", energy, "J")
        ep = finite_array("e_par", e_par, "J")
        if np.any(ep < 0):
            raise ParameterError("e_par", "negative values", "must be >= 0 (J)")
        e, ep = np.broadcast_arrays(e, ep)
        theta = in_range("theta", theta, unit="rad")
        bias = in_range("bias", bias, -10.0, 10.0, bounds="[]", unit="V")
        slices = integer("slices", slices, 1)
        m = self._m
        ez = (e - ep)[..., None]  # (..., 1) against spin
        left, right = self.band_bottoms(bias)
        k_l = _wavenumber(ez, left, m)  # (..., 2)
        k_r = _wavenumber(ez, right, m)
        n_sl = slices if bias != 0 else 1
        width = self.thickness / n_sl
        mids = (np.arange(n_sl) + 0.5) / n_sl
        pot = self.barrier_height - constants.e * bias * mids
        # outgoing right channel s' (last axis) with unit amplitude, in the right spin frame,
        # rotated to the left frame: spinor columns of R = exp(-i theta sigma_y / 2)
        c, s = np.cos(theta / 2), np.sin(theta / 2)
        rot = np.array([[c, -s], [s, c]], dtype=complex)
        psi = np.broadcast_to(rot, ez.shape[:-1] + (2, 2)).copy()  # [..., spin, channel]
        dpsi = psi * (1j * k_r)[..., None, :]
        for w in pot[::-1]:  # back-propagate with M(L)^-1 = [[cos, -sin/k], [k sin, cos]]
            k = _wavenumber(ez[..., 0], w, m)[..., None, None]
            kl = k * width
            cos, sin = np.cos(kl), np.sin(kl)
            sinc = np.where(np.abs(k) > 0, sin / np.where(np.abs(k) > 0, k, 1), width)
            psi, dpsi = cos * psi - sinc * dpsi, k**2 * sinc * psi + cos * dpsi
        kl_ = k_l[..., :, None]
        safe = np.where(np.abs(kl_) > 0, kl_, 1)
        a = 0.5 * (psi + dpsi / (1j * safe))  # incoming amplitude per unit outgoing
        # an evanescent left channel has no incoming wave: its a_s = 0 holds automatically
        # for an incoming unit wave in a propagating channel s, c = A^-1 e_s
        prop_l = (k_l.real > 0) & (k_l.imag == 0)
        t = np.linalg.inv(a)  # t[..., s', s]
        flux = np.where(prop_l, k_l.real, np.inf)
        trans = (k_r.real[..., :, None] / flux[..., None, :]) * np.abs(t) ** 2
        return np.where(prop_l[..., None, :], trans, 0.0)

    def _e_par_nodes(self, energy: float, bias: float, order: int) -> tuple[np.ndarray,
                                                                            np.ndarray]:
        """Gauss-Legendre nodes/weights in E_par on segments split at every band edge."""
        left, right = self.band_bottoms(bias)
        top = energy - left.min()
        edges = np.unique(np.clip(np.concatenate([energy - left, energy - right, [0.0]]),
                                  0, top))
        x, w = np.polynomial.legendre.leggauss(order)
        nodes, weights = [], []
        for lo, hi in zip(edges[:-1], edges[1:], strict=True):
            nodes.append(0.5 * (hi - lo) * (x + 1) + lo)
            weights.append(0.5 * (hi - lo) * w)
        return np.concatenate(nodes), np.concatenate(weights)

    def conductance_per_area(self, theta: float = 0.0, order: int = 96) -> float:
        """Linear conductance per area G/A [S/m^2] at angle ``theta`` (eq. 2, both spins)."""
        ep, w = self._e_par_nodes(0.0, 0.0, integer("order", order, 2))
        t = self.transmission(0.0, ep, theta).sum(axis=(-2, -1))
        pref = constants.e**2 / constants.h * self._m / (2 * np.pi * constants.hbar**2)
        return float(pref * np.sum(w * t))

    def current_density(self, bias: float, theta: float = 0.0, order: int = 96,
                        energy_order: int = 12, slices: int = 64) -> float:
        """Tunneling current density J [A/m^2] at ``bias`` [V] (eq. 2, zero temperature)."""
        bias = in_range("bias", bias, -10.0, 10.0, bounds="[]", unit="V")
        order = integer("order", order, 2)
        energy_order = integer("energy_order", energy_order, 1)
        if bias == 0:
            return 0.0
        xe, we = np.polynomial.legendre.leggauss(energy_order)
        lo, hi = sorted((0.0, -constants.e * bias))
        total = 0.0
        for xi, wi in zip(xe, we, strict=True):
            en = 0.5 * (hi - lo) * (xi + 1) + lo
            ep, w = self._e_par_nodes(en, bias, order)
            t = self.transmission(en, ep, theta, bias, slices).sum(axis=(-2, -1))
            total += 0.5 * (hi - lo) * wi * np.sum(w * t)
        pref = constants.e / constants.h * self._m / (2 * np.pi * constants.hbar**2)
        return float(np.sign(bias) * pref * total)

    def tmr(self, bias: float = 0.0, **kw: int) -> float:
        """TMR = (G_P - G_AP)/G_AP at zero bias, or (J_P - J_AP)/J_AP at ``bias`` [V]."""
        if bias == 0:
            gp, gap = (self.conductance_per_area(th) for th in (0.0, np.pi))
        else:
            gp, gap = (self.current_density(bias, th, **kw) for th in (0.0, np.pi))
        return gp / gap - 1
