"""Coherent, symmetry-filtered tunneling through a crystalline barrier: a bcc(001) model.

The mechanism of W. H. Butler, X.-G. Zhang, T. C. Schulthess and J. M. MacLaren, Phys. Rev.
B 63, 054416 (2001) for Fe/MgO/Fe, in a minimal layered tight-binding model. A bcc crystal
(cubic constant a) is cut into (001) layers a/2 apart; each layer is a square lattice of
spacing a, and each site has 4 neighbours in each adjacent layer at (+-a/2, +-a/2). Each site
carries one orbital per symmetry channel c of the C4v group of the (001) direction:
Delta_1 (s, p_z, d_z2-like), Delta_5 (two: xz, yz-like) and Delta_2' (xy-like). In
momentum k_par along the layers a channel is a chain of layers with

    eps_c(k) = e_c + 2 s_c (cos k_x a + cos k_y a - 2),
    tau_c(k) = -(w_c / 2) cos(k_x a / 2) cos(k_y a / 2),                                 (1)

so that at Gamma its band along k_z is e_c - w_c cos(k_z a/2) (centre e_c, half-width w_c).
Off Gamma, Delta_1 hybridises with the Delta_5 pair through the inter-layer hopping (the
Slater-Koster s-xz sign pattern of the 4 neighbours):

    T_{1,xz} = -T_{xz,1} = 2 i v sin(k_x a/2) cos(k_y a/2),
    T_{1,yz} = -T_{yz,1} = 2 i v cos(k_x a/2) sin(k_y a/2),                             (1b)

which vanishes at k_par = 0, where symmetry forbids any mixing between channels.
The ferromagnet's channels are exchange-split by -+Delta/2 (majority/minority). The default
parameters give the band topology at E_F of bcc Fe along Gamma-H that Butler et al.
describe: majority Delta_1, Delta_5 and Delta_2' bands cross E_F, the minority Delta_1 band
does not. In the barrier E_F lies in every channel's gap, where the states decay with

    cosh(kappa_c a / 2) = (e_c + 2 s_c (...) - E) / w_c(k)   (complex band structure),    (2)

and the widest (Delta_1) band decays slowest. The layers are coupled with interface hopping
tau = (tau_F + tau_B)/2. Transmission per k_par comes from the Landauer engine
(:mod:`spinkit.tunneling.landauer`) on a k_par grid of the 2D zone; spin is conserved:

    G_P = G_upup + G_dndn,   G_AP = G_updn + G_dnup,   TMR = (G_P - G_AP)/G_AP.

All parameters are energies in joules (defaults quoted in eV) and lengths in metres.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from spinkit import constants
from spinkit.errors import ParameterError
from spinkit.tunneling.landauer import Device, contacts, transmission_contacts
from spinkit.tunneling.leads import Lead, lead_modes
from spinkit.validation import finite_array, in_range, integer

__all__ = ["CHANNELS", "CoherentJunction", "Channel", "zone_averages"]

_EV = constants.eV

#: symmetry label of each orbital of a site, in order
CHANNELS = ("Delta1", "Delta5", "Delta5", "Delta2'")


@dataclass(frozen=True)
class Channel:
    """Parameters of one symmetry channel in one material (eq. 1), energies in J.

    centre: e_c [J]; half_width: w_c [J] (> 0); in_plane: s_c [J].
    """

    centre: float
    half_width: float
    in_plane: float


def _fe_channels() -> tuple[Channel, ...]:
    d1 = Channel(2.5 * _EV, 2.5 * _EV, 0.3 * _EV)
    d5 = Channel(0.0, 1.2 * _EV, 0.15 * _EV)
    d2p = Channel(0.2 * _EV, 1.5 * _EV, -0.1 * _EV)
    return (d1, d5, d5, d2p)


def _barrier_channels() -> tuple[Channel, ...]:
    d1 = Channel(4.0 * _EV, 3.7 * _EV, 0.3 * _EV)
    d5 = Channel(4.0 * _EV, 1.5 * _EV, 0.15 * _EV)
    d2p = Channel(4.0 * _EV, 1.0 * _EV, 0.1 * _EV)
    return (d1, d5, d5, d2p)


@dataclass(frozen=True)
class CoherentJunction:
    """A bcc(001) ferromagnet / insulator / ferromagnet junction (energies in J, E_F = 0).

    Parameters
    ----------
    lattice_constant: a [m]; layers are a/2 apart.
    exchange_splitting: Delta [J] of the ferromagnet's bands.
    ferromagnet, barrier: one :class:`Channel` per orbital of :data:`CHANNELS`.
    hybridization: v of eq. (1b) in the ferromagnet and in the barrier [J].
    k_points: grid points per axis on the quarter zone 0 < k_x, k_y < pi/a (midpoints).
    """

    lattice_constant: float = 2.8665e-10
    exchange_splitting: float = 2.0 * _EV
    ferromagnet: tuple[Channel, ...] = field(default_factory=_fe_channels)
    barrier: tuple[Channel, ...] = field(default_factory=_barrier_channels)
    hybridization: tuple[float, float] = (0.05 * _EV, 0.05 * _EV)
    k_points: int = 24

    def __post_init__(self) -> None:
        in_range("lattice_constant", self.lattice_constant, 0, 1e-8, bounds="(]", unit="m")
        in_range("exchange_splitting", self.exchange_splitting, 0, bounds="[]", unit="J")
        for name in ("ferromagnet", "barrier"):
            chans = getattr(self, name)
            if (not isinstance(chans, tuple | list) or len(chans) != len(CHANNELS)
                    or not all(isinstance(c, Channel) for c in chans)):
                raise ParameterError(name, chans, f"must be {len(CHANNELS)} Channel objects, "
                                     f"one per orbital of {CHANNELS}")
            for c in chans:
                in_range(f"{name}.centre", c.centre, unit="J")
                in_range(f"{name}.half_width", c.half_width, 0, bounds="(]", unit="J")
                in_range(f"{name}.in_plane", c.in_plane, unit="J")
        if not isinstance(self.hybridization, tuple | list) or len(self.hybridization) != 2:
            raise ParameterError("hybridization", self.hybridization,
                                 "must be two real numbers (J): ferromagnet, barrier")
        for v in self.hybridization:
            in_range("hybridization", v, unit="J")
        integer("k_points", self.k_points, 1, 400)

    # ------------------------------------------------------------------ geometry
    @property
    def layer_spacing(self) -> float:
        """Distance between (001) layers, a/2 [m]."""
        return self.lattice_constant / 2

    def k_grid(self) -> tuple[np.ndarray, np.ndarray]:
        """(k_x, k_y) midpoint grids [1/m] on the quarter zone, shape (nk, nk) each."""
        n = self.k_points
        k = (np.arange(n) + 0.5) / n * np.pi / self.lattice_constant
        return np.meshgrid(k, k, indexing="ij")

    def _blocks(self, chans: tuple[Channel, ...], shift: float, hyb: float,
                kx: np.ndarray, ky: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """On-site and inter-layer blocks (..., n, n) of eq. (1) and (1b)."""
        a = self.lattice_constant
        cx, cy = np.cos(kx * a), np.cos(ky * a)
        form = np.cos(kx * a / 2) * np.cos(ky * a / 2)
        eps = np.stack([c.centre + 2 * c.in_plane * (cx + cy - 2) for c in chans], -1) + shift
        tau = np.stack([-0.5 * c.half_width * form for c in chans], -1)
        eye = np.eye(len(chans))
        hop = (tau[..., None] * eye).astype(complex)
        for orb, f in ((1, np.sin(kx * a / 2) * np.cos(ky * a / 2)),
                       (2, np.cos(kx * a / 2) * np.sin(ky * a / 2))):
            hop[..., 0, orb] = 2j * hyb * f
            hop[..., orb, 0] = -2j * hyb * f
        return eps[..., None] * eye, hop

    def electrode(self, spin: int, kx: np.ndarray | float, ky: np.ndarray | float) -> Lead:
        """The ferromagnet as a lead of majority (``spin`` = +1) or minority (-1) electrons
        at in-plane momenta (kx, ky) [1/m] (arrays give a batch), energies in J."""
        if isinstance(spin, bool | np.bool_) or spin not in (1, -1):
            raise ParameterError("spin", spin, "must be +1 (majority) or -1 (minority)")
        kx, ky = finite_array("kx", kx, "1/m"), finite_array("ky", ky, "1/m")
        return Lead(*self._blocks(self.ferromagnet, -0.5 * spin * self.exchange_splitting,
                                  self.hybridization[0], kx, ky))

    # ------------------------------------------------------------- complex bands
    def decay_constants(self, energy: float = 0.0, k_par: tuple[float, float] = (0.0, 0.0)
                        ) -> dict[str, float]:
        """Smallest decay constant kappa_c [1/m] of each channel's barrier states (eq. 2).

        Computed from the barrier's evanescent modes (Bloch factors |lambda| < 1, kappa =
        -ln|lambda| / (a/2)) by the lead-mode solver, each mode assigned to the channel of its
        largest orbital weight.
        """
        energy = in_range("energy", energy, unit="J")
        if not isinstance(k_par, tuple | list) or len(k_par) != 2:
            raise ParameterError("k_par", k_par, "must be two real numbers (k_x, k_y) [1/m]")
        kx, ky = (np.asarray(in_range("k_par", k, unit="1/m")) for k in k_par)
        h0, t = self._blocks(self.barrier, 0.0, self.hybridization[1], kx, ky)
        modes = lead_modes(h0, t, energy)
        if modes.n_open:
            raise ParameterError("energy", energy, "lies in a barrier band: no decay")
        kappa = -np.log(np.abs(modes.lam_right)) / self.layer_spacing
        owner = np.argmax(np.abs(modes.u_right), axis=0)
        out: dict[str, float] = {}
        for k, o in zip(kappa, owner, strict=True):
            name = CHANNELS[o]
            out[name] = min(out.get(name, np.inf), float(k))
        return out

    def julliere_polarization(self, energy: float = 0.0) -> float:
        """DOS polarization of the ferromagnet, (N_up - N_dn)/(N_up + N_dn) at ``energy``.

        The density of states per layer at each k_par is (1/pi) sum 1/v over the right-going
        propagating modes (v = dE/dq, q the Bloch phase per layer), averaged over the grid.
        """
        energy = in_range("energy", energy, unit="J")
        kx, ky = self.k_grid()
        dos = []
        for spin in (1, -1):
            lead = self.electrode(spin, kx, ky)
            rho = [np.sum(1 / lead.modes(energy, idx).velocity_right) / np.pi
                   for idx in np.ndindex(lead.batch_shape)]
            dos.append(np.mean(rho))
        return float((dos[0] - dos[1]) / (dos[0] + dos[1]))

    # ---------------------------------------------------------------- transport
    def _device(self, layers: int, left_spin: int, right_spin: int,
                kx: np.ndarray, ky: np.ndarray) -> Device:
        ex, hyb = self.exchange_splitting, self.hybridization
        h_l, t_l = self._blocks(self.ferromagnet, -0.5 * left_spin * ex, hyb[0], kx, ky)
        h_r, t_r = self._blocks(self.ferromagnet, -0.5 * right_spin * ex, hyb[0], kx, ky)
        h_b, t_b = self._blocks(self.barrier, 0.0, hyb[1], kx, ky)
        onsite = np.stack([h_l] + [h_b] * layers + [h_r])
        hop = np.stack([(t_l + t_b) / 2] + [t_b] * (layers - 1) + [(t_b + t_r) / 2])
        return Device(onsite, hop)

    def k_resolved_transmission(self, layers: int, energy: float = 0.0
                                ) -> dict[tuple[int, int], np.ndarray]:
        """T(k_x, k_y) (nk, nk) for each (left, right) spin pair, +1 majority, -1 minority.

        ``layers``: number of barrier layers (thickness layers * a/2).
        """
        return self.thickness_sweep([integer("layers", layers, 1)], energy)[0]

    def thickness_sweep(self, layers: list[int], energy: float = 0.0
                        ) -> list[dict[tuple[int, int], np.ndarray]]:
        """:meth:`k_resolved_transmission` for several barrier thicknesses, reusing leads."""
        if not isinstance(layers, list | tuple | np.ndarray) or len(layers) == 0:
            raise ParameterError("layers", layers, "must be a non-empty list of integers >= 1")
        layers = [integer("layers", n, 1) for n in layers]
        energy = in_range("energy", energy, unit="J")
        kx, ky = self.k_grid()
        leads = {s: self.electrode(s, kx, ky) for s in (1, -1)}
        ends = {s: contacts(lead, lead, energy) for s, lead in leads.items()}
        out = []
        for n in layers:
            res = {}
            for ls in (1, -1):
                for rs in (1, -1):
                    dev = self._device(n, ls, rs, kx, ky)
                    res[(ls, rs)] = transmission_contacts(dev, ends[ls].pair(ends[rs]),
                                                          energy)
            out.append(res)
        return out

    def conductances(self, layers: list[int], energy: float = 0.0) -> dict[str, np.ndarray]:
        """Zone-averaged transmissions per in-plane site (P, AP, per spin pair) and TMR.

        The conductance per area is G/A = (e^2/h) T / a^2 with T the zone average returned
        here (a^2: area per site of a layer).
        """
        return zone_averages(self.thickness_sweep(layers, energy))


def zone_averages(sweep: list[dict[tuple[int, int], np.ndarray]]) -> dict[str, np.ndarray]:
    """Zone averages of a :meth:`CoherentJunction.thickness_sweep`, one value per thickness.

    T_upup, T_dndn, T_updn, T_dnup: (left, right) spin pairs (up = majority);
    T_P = T_upup + T_dndn, T_AP = T_updn + T_dnup (spin conserved, each spin counted once:
    G = (e^2/h) T, not 2e^2/h); TMR = T_P / T_AP - 1 [dimensionless].
    """
    avg = {key: np.array([r[key].mean() for r in sweep]) for key in sweep[0]}
    t_p = avg[(1, 1)] + avg[(-1, -1)]
    t_ap = avg[(1, -1)] + avg[(-1, 1)]
    return {"T_P": t_p, "T_AP": t_ap, "T_upup": avg[(1, 1)], "T_dndn": avg[(-1, -1)],
            "T_updn": avg[(1, -1)], "T_dnup": avg[(-1, 1)], "TMR": t_p / t_ap - 1}

