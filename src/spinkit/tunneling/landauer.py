"""Landauer transmission of a quasi-1D tight-binding device between two leads.

The device is a chain of N slices with on-site blocks H_i (n x n) and hoppings
T_i = H_{i, i+1}; the left lead attaches to slice 1 and the right lead to slice N, each with
its own hopping block (see :mod:`spinkit.tunneling.leads`). The recursive Green's function
(RGF) sweep (A. MacKinnon, Z. Phys. B 59, 385 (1985); C. H. Lewenkopf and E. R. Mucciolo,
J. Comput. Electron. 12, 203 (2013)) builds the left-connected Green's functions

    g_1 = (E - H_1 - Sigma_L)^-1,   g_i = (E - H_i - T_{i-1}^+ g_{i-1} T_{i-1})^-1,        (1)

with Sigma_R added to the last slice, and carries G_{i1} = g_i T_{i-1}^+ G_{i-1,1} along, so
that G_N1 of the whole device costs N inversions of n x n blocks. The Caroli/Fisher-Lee
transmission is

    T(E) = Tr[Gamma_R G_N1 Gamma_L G_N1^+],   Gamma = i (Sigma - Sigma^+),                (2)

evaluated as ||W_R^+ G_N1 W_L||_F^2 with Gamma = W W^+, W = (U^-1)^+ over the open modes
(current-normalised, see :mod:`spinkit.tunneling.leads`), so W_R^+ G_N1 W_L is the
transmission-amplitude matrix t up to phases (Fisher-Lee).
Spin-resolved transmissions replace Gamma by P Gamma P with a spin projector P, valid when
the lead conserves that spin component. Every sweep is vectorised over any batch of
energies or parameters (leading array axes); the slice recursion itself is sequential.

The conductance of a two-terminal device is G = (e^2/h) T when T sums both spins
(see :func:`conductance`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from spinkit import constants
from spinkit.errors import ParameterError
from spinkit.tunneling.leads import Lead, lead_modes
from spinkit.validation import finite_array, in_range, integer

__all__ = [
    "Contacts",
    "Device",
    "ScatteringMatrix",
    "conductance",
    "contacts",
    "scattering_matrix",
    "self_energies",
    "spin_projector",
    "transmission",
    "transmission_contacts",
]

_SIGMA = {
    "x": np.array([[0, 1], [1, 0]], dtype=complex),
    "y": np.array([[0, -1j], [1j, 0]]),
    "z": np.array([[1, 0], [0, -1]], dtype=complex),
}


@dataclass(frozen=True)
class Device:
    """The scattering region: N slices of n orbitals.

    Parameters
    ----------
    onsite: (N, ..., n, n) on-site blocks H_i; extra axes after N are a batch.
    hopping: (N-1, ..., n, n) blocks T_i = H_{i, i+1} (an empty (0, n, n) array if N = 1).
    """

    onsite: np.ndarray
    hopping: np.ndarray

    def __post_init__(self) -> None:
        h = np.asarray(self.onsite, dtype=complex)
        if h.ndim < 3 or h.shape[-1] != h.shape[-2] or h.shape[0] < 1:
            raise ParameterError("onsite", h.shape, "must have shape (N, ..., n, n), N >= 1")
        t = np.asarray(self.hopping, dtype=complex)
        if t.ndim < 3 or t.shape[0] != h.shape[0] - 1 or t.shape[-2:] != h.shape[-2:]:
            raise ParameterError("hopping", t.shape,
                                 f"must have shape (N-1, ..., n, n) = ({h.shape[0] - 1}, ..., "
                                 f"{h.shape[-1]}, {h.shape[-1]})")
        for name, block in (("onsite", h), ("hopping", t)):
            if not np.all(np.isfinite(block)):
                raise ParameterError(name, "non-finite entries", "blocks must be finite")
        scale = max(float(np.abs(h).max()), float(np.abs(t).max(initial=0.0)), 1e-300)
        if not np.allclose(h, np.swapaxes(h, -1, -2).conj(), rtol=0, atol=1e-12 * scale):
            raise ParameterError("onsite", "non-Hermitian block", "must be Hermitian")
        object.__setattr__(self, "onsite", h)
        object.__setattr__(self, "hopping", t)

    @property
    def slices(self) -> int:
        """Number of slices N."""
        return self.onsite.shape[0]

    @property
    def size(self) -> int:
        """Orbitals per slice n."""
        return self.onsite.shape[-1]


def spin_projector(n_orbitals: int, axis: str | np.ndarray, sign: int) -> np.ndarray:
    """Projector kron(1_orb, (1 + sign n.sigma)/2) on spin +-1/2 along ``axis``.

    The basis is orbital-major, spin-minor (index = 2 * orbital + spin).
    ``axis`` is 'x', 'y', 'z' or a 3-vector (normalised here); ``sign`` is +1 or -1.
    """
    n_orbitals = integer("n_orbitals", n_orbitals, 1)
    if isinstance(sign, bool | np.bool_) or sign not in (1, -1):
        raise ParameterError("sign", sign, "must be +1 or -1")
    if isinstance(axis, str):
        if axis not in _SIGMA:
            raise ParameterError("axis", axis, "must be 'x', 'y', 'z' or a 3-vector")
        ns = _SIGMA[axis]
    else:
        v = finite_array("axis", axis)
        if v.shape != (3,) or np.linalg.norm(v) == 0:
            raise ParameterError("axis", axis, "must be a non-zero finite 3-vector")
        v = v / np.linalg.norm(v)
        ns = v[0] * _SIGMA["x"] + v[1] * _SIGMA["y"] + v[2] * _SIGMA["z"]
    return np.kron(np.eye(n_orbitals), 0.5 * (np.eye(2) + sign * ns))


def _check_leads(device: Device, left: Lead, right: Lead) -> None:
    for name, lead in (("left", left), ("right", right)):
        if lead.size != device.size:
            raise ParameterError(name, f"{lead.size} orbitals per slice",
                                 f"must match the device's {device.size}")


@dataclass(frozen=True)
class Contacts:
    """The leads as the device sees them at a batch of energies (eq. 4 of
    :mod:`spinkit.tunneling.leads`).

    sigma_left, sigma_right: retarded self-energies (batch..., n, n).
    w_left, w_right: (batch..., n, k) with Gamma = i (Sigma - Sigma^+) = W W^+; the columns
    are the open channels' dual mode vectors, W = (U^-1)^+ restricted to the open modes
    (zero columns pad a batch whose members have fewer open channels).
    """

    sigma_left: np.ndarray
    sigma_right: np.ndarray
    w_left: np.ndarray
    w_right: np.ndarray

    def pair(self, right: Contacts) -> Contacts:
        """These contacts' left lead with ``right``'s right lead."""
        return Contacts(self.sigma_left, right.sigma_right, self.w_left, right.w_right)


def contacts(left: Lead, right: Lead, energy: np.ndarray | float) -> Contacts:
    """Self-energies and Gamma factors of both leads at each ``energy``.

    The batch is the broadcast of ``energy``'s shape with the leads' batch shapes; one mode
    solve (eq. 2 of :mod:`spinkit.tunneling.leads`) per member and lead, one only when the
    two leads are the same object.
    """
    e = finite_array("energy", energy)
    if left.size != right.size:
        raise ParameterError("right", f"{right.size} orbitals per slice",
                             f"must match the left lead's {left.size}")
    shape = np.broadcast_shapes(e.shape, left.batch_shape, right.batch_shape)
    e = np.broadcast_to(e, shape)
    block = shape + left.onsite.shape[-2:]
    leads = [(np.broadcast_to(ld.onsite, block), np.broadcast_to(ld.hopping, block))
             for ld in (left, right)]
    sig = [np.empty(block, dtype=complex) for _ in range(2)]
    duals: list[list[np.ndarray]] = [[], []]
    for idx in np.ndindex(shape):
        (h_l, t_l), (h_r, t_r) = ((h[idx], t[idx]) for h, t in leads)
        modes_l = lead_modes(h_l, t_l, float(e[idx]))
        modes_r = modes_l if left is right else lead_modes(h_r, t_r, float(e[idx]))
        for side, (modes, t, u) in enumerate(((modes_l, t_l, modes_l.u_left),
                                              (modes_r, t_r, modes_r.u_right))):
            sig[side][idx] = modes.self_energy(t, ("left", "right")[side])
            duals[side].append(np.linalg.inv(u)[:modes.n_open].conj().T)
    ws = []
    for side in range(2):
        k = max(max(d.shape[1] for d in duals[side]), 1)
        w = np.zeros(block[:-1] + (k,), dtype=complex)
        for idx, d in zip(np.ndindex(shape), duals[side], strict=True):
            w[idx][:, :d.shape[1]] = d
        ws.append(w)
    return Contacts(sig[0], sig[1], ws[0], ws[1])


def self_energies(left: Lead, right: Lead, energy: np.ndarray | float
                  ) -> tuple[np.ndarray, np.ndarray]:
    """Retarded self-energies (Sigma_L, Sigma_R), each (batch..., n, n); see :func:`contacts`."""
    c = contacts(left, right, energy)
    return c.sigma_left, c.sigma_right


def _sweep(onsite: np.ndarray, hopping: np.ndarray, e: np.ndarray, sig_first: np.ndarray,
           sig_last: np.ndarray, rhs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """RGF sweep of eq. (1) from slice 1 to N: returns (G_NN, G_N1 @ rhs).

    Each step factorises a_i = g_i^-1 once and solves for [g_i T_i, g_i T_{i-1}^+ x_{i-1}]
    together, so no explicit inverse is formed before the last slice.
    """
    n_sl, n = onsite.shape[0], onsite.shape[-1]
    ez = e[..., None, None] * np.eye(n)
    a = ez - onsite[0] - sig_first
    x = rhs
    for i in range(n_sl - 1):
        t = hopping[i]
        batch = a.shape[:-2]
        both = np.concatenate([np.broadcast_to(t, batch + (n, n)),
                               np.broadcast_to(x, batch + x.shape[-2:])], axis=-1)
        sol = np.linalg.solve(a, both)
        td = np.swapaxes(t, -1, -2).conj()
        a = ez - onsite[i + 1] - td @ sol[..., :n]
        x = td @ sol[..., n:]
    g = np.linalg.inv(a - sig_last)
    return g, g @ x


def transmission(
    device: Device,
    left: Lead,
    right: Lead,
    energy: np.ndarray | float,
    *,
    left_projector: np.ndarray | None = None,
    right_projector: np.ndarray | None = None,
) -> np.ndarray:
    """Landauer transmission T(E) of eq. (2), summed over all channels [dimensionless].

    ``energy`` (scalar or array) broadcasts with the device's and leads' batch axes; the
    result has the broadcast batch shape. With projectors (see :func:`spin_projector`) it is
    the spin-resolved T from the left spin channel into the right one, valid when the leads
    conserve that spin component.
    """
    _check_leads(device, left, right)
    return transmission_contacts(device, contacts(left, right, energy), energy,
                                 left_projector=left_projector,
                                 right_projector=right_projector)


def transmission_contacts(
    device: Device,
    leads: Contacts,
    energy: np.ndarray | float,
    *,
    left_projector: np.ndarray | None = None,
    right_projector: np.ndarray | None = None,
) -> np.ndarray:
    """:func:`transmission` with the leads given as :class:`Contacts` (from
    :func:`contacts`), so that many devices between the same leads share one mode solve."""
    e = finite_array("energy", energy)
    n = device.size
    if leads.sigma_left.shape[-1] != n:
        raise ParameterError("leads", f"{leads.sigma_left.shape[-1]} orbitals per slice",
                             f"must match the device's {n}")
    shape = np.broadcast_shapes(e.shape, device.onsite.shape[1:-2],
                                leads.sigma_left.shape[:-2], leads.sigma_right.shape[:-2])
    w_l, w_r = leads.w_left, leads.w_right
    for name, proj in (("left_projector", left_projector), ("right_projector", right_projector)):
        if proj is not None and np.shape(proj) != (n, n):
            raise ParameterError(name, np.shape(proj), f"must be an ({n}, {n}) matrix")
    if left_projector is not None:
        w_l = left_projector @ w_l
    if right_projector is not None:
        w_r = right_projector @ w_r
    _, x = _sweep(device.onsite, device.hopping, np.broadcast_to(e, shape), leads.sigma_left,
                  leads.sigma_right, w_l)
    amp = np.swapaxes(w_r, -1, -2).conj() @ x
    return np.sum(np.abs(amp) ** 2, axis=(-2, -1))


def conductance(total_transmission: np.ndarray | float) -> np.ndarray:
    """Two-terminal conductance G = (e^2/h) T [S] of a transmission T summed over spins.

    Each spin channel contributes e^2/h per unit transmission, so a spin-degenerate open
    mode (T = 2) gives the conductance quantum G0 = 2e^2/h.
    """
    t = finite_array("total_transmission", total_transmission)
    if np.any(t < 0):
        raise ParameterError("total_transmission", total_transmission, "must be >= 0")
    return t * constants.e**2 / constants.h


@dataclass(frozen=True)
class ScatteringMatrix:
    """S = [[r, t'], [t, r']] between current-normalised propagating modes.

    r: (n_L, n_L) reflection from the left; t: (n_R, n_L) left -> right; t', r' likewise
    from the right. ``s`` is the assembled unitary matrix.
    """

    r: np.ndarray
    t: np.ndarray
    r_prime: np.ndarray
    t_prime: np.ndarray

    @property
    def s(self) -> np.ndarray:
        """The full scattering matrix [[r, t'], [t, r']]."""
        return np.block([[self.r, self.t_prime], [self.t, self.r_prime]])


def scattering_matrix(device: Device, left: Lead, right: Lead, energy: float) -> ScatteringMatrix:
    """Scattering matrix at one energy by mode matching (unbatched device and leads).

    An incoming mode phi_n (Bloch factor lambda_n) from the left enters slice 1 through the
    source s = T_L^+ (phi_n - F_L-^-1 lambda_n phi_n), F_L-^-1 = U_- Lambda_-^-1 U_-^-1; the
    device answers psi = G s, and the outgoing amplitudes are t = U_R+^-1 psi_N and
    r = U_L-^-1 (psi_1 - lambda_n phi_n), keeping the open channels. From the right,
    s = T_R (lambda_n - F_R+) phi_n at slice N, r' = U_R+^-1 (psi_N - phi_n),
    t' = U_L-^-1 psi_1.
    """
    _check_leads(device, left, right)
    if device.onsite.ndim != 3 or left.batch_shape or right.batch_shape:
        raise ParameterError("device", device.onsite.shape, "scattering_matrix needs an "
                             "unbatched device (N, n, n) and unbatched leads")
    energy = in_range("energy", energy)
    ml, mr = left.modes(energy), right.modes(energy)
    tl, tr = left.hopping, right.hopping
    sig_l, sig_r = ml.self_energy(tl, "left"), mr.self_energy(tr, "right")
    inv_ul, inv_ur = np.linalg.inv(ml.u_left), np.linalg.inv(mr.u_right)
    e = np.asarray(float(energy))
    # incoming from the left: right-going open modes of the left lead
    phi = ml.u_right[:, :ml.n_open]
    lam = ml.lam_right[:ml.n_open]
    f_minus_inv = (ml.u_left / ml.lam_left) @ inv_ul
    src = tl.conj().T @ (phi - f_minus_inv @ (phi * lam))
    g_nn, x_n = _sweep(device.onsite, device.hopping, e, sig_l, sig_r, src)
    rev_h = np.swapaxes(device.hopping[::-1], -1, -2).conj()
    g_11, x_1 = _sweep(device.onsite[::-1], rev_h, e, sig_r, sig_l, np.eye(device.size))
    psi_1 = g_11 @ src
    t = (inv_ur @ x_n)[:mr.n_open]
    r = (inv_ul @ (psi_1 - phi * lam))[:ml.n_open]
    # incoming from the right: left-going open modes of the right lead
    phi_r = mr.u_left[:, :mr.n_open]
    lam_r = mr.lam_left[:mr.n_open]
    f_plus = (mr.u_right * mr.lam_right) @ inv_ur
    src_r = tr @ (phi_r * lam_r - f_plus @ phi_r)
    r_p = (inv_ur @ (g_nn @ src_r - phi_r))[:mr.n_open]
    t_p = (inv_ul @ (x_1 @ src_r))[:ml.n_open]
    return ScatteringMatrix(r, t, r_p, t_p)
