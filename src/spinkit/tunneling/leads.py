"""Semi-infinite leads: propagating and evanescent modes, surface self-energies.

A lead is a periodic chain of identical slices (principal layers) with on-site block ``H0``
(n x n) and hopping block ``T = H_{j, j+1}`` (n x n) from slice j+1 into slice j, the slice
index growing along the transport direction +x. A Bloch solution psi_j = lambda^j phi obeys

    (E - H0 - lambda T - lambda^-1 T^dagger) phi = 0,                                   (1)

solved exactly as the eigenproblem of the companion matrix (x = (phi, lambda phi))

    [[0, 1], [-T^-1 T^dagger, T^-1 (E - H0)]] x = lambda x,                             (2)

This is the mode-matching method (T. Ando, Phys. Rev. B 44, 8017 (1991); P. A. Khomyakov
et al., Phys. Rev. B 72, 035450 (2005)), stable at real energies and free of the small
imaginary part that iterative decimation needs. A mode with |lambda| = 1 propagates with the
velocity (hbar = lattice spacing = 1)

    v = -2 Im(lambda phi^dagger T phi),                                                 (3)

degenerate propagating modes are rotated to diagonalise the current between them, and every
propagating mode is normalised to unit current. Right-going modes (v > 0 or |lambda| < 1)
form U_+ = [phi ...], Lambda_+; left-going ones U_-, Lambda_-. The retarded self-energies of
a lead attached to the right (slices N+1, N+2, ...) or to the left (..., -1, 0) of a device are

    Sigma_R = T U_+ Lambda_+ U_+^-1,        Sigma_L = T^dagger U_- Lambda_-^-1 U_-^-1.    (4)

Energies are in any one unit shared by ``H0``, ``T`` and ``E`` (spinkit's physical models
pass joules or eV and say which).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.linalg

from spinkit.errors import ConvergenceError, ParameterError
from spinkit.validation import in_range

__all__ = ["Lead", "LeadModes", "lead_modes"]

#: relative tolerance on |lambda| = 1 for a mode to count as propagating
_PROP_TOL = 1e-8


def _square_block(name: str, value: np.ndarray) -> np.ndarray:
    a = np.asarray(value, dtype=complex)
    if a.ndim < 2 or a.shape[-1] != a.shape[-2]:
        raise ParameterError(name, a.shape, "must be an array of square (n, n) blocks")
    if not np.all(np.isfinite(a)):
        raise ParameterError(name, "non-finite entries", "must be finite")
    return a


@dataclass(frozen=True)
class LeadModes:
    """Modes of a lead at one energy (eq. 1-3), propagating ones normalised to unit current.

    Attributes
    ----------
    lam_right, u_right:
        Bloch factors (n,) and mode vectors (n, n, as columns) of the right-going modes,
        the ``n_open`` propagating ones first.
    lam_left, u_left:
        The same for the left-going modes.
    velocity_right, velocity_left:
        Velocities (3) of the propagating modes before normalisation, in units of
        (energy unit) x (slice length) / hbar.
    n_open:
        Number of propagating channels in each direction.
    """

    lam_right: np.ndarray
    u_right: np.ndarray
    lam_left: np.ndarray
    u_left: np.ndarray
    velocity_right: np.ndarray
    velocity_left: np.ndarray
    n_open: int

    def self_energy(self, hopping: np.ndarray, side: str) -> np.ndarray:
        """Retarded self-energy (n, n) of eq. (4) for a lead on ``side`` 'left' or 'right'."""
        if side == "right":
            return hopping @ (self.u_right * self.lam_right) @ np.linalg.inv(self.u_right)
        if side == "left":
            return hopping.conj().T @ (self.u_left / self.lam_left) @ np.linalg.inv(self.u_left)
        raise ParameterError("side", side, "must be 'left' or 'right'")


def _current_matrix(phi: np.ndarray, lam: complex, hopping: np.ndarray) -> np.ndarray:
    """Hermitian current matrix J_ab = i(lam phi_a^+ T phi_b - conj(lam) phi_a^+ T^+ phi_b)."""
    a = lam * (phi.conj().T @ hopping @ phi)
    return 1j * (a - a.conj().T)


def lead_modes(onsite: np.ndarray, hopping: np.ndarray, energy: float) -> LeadModes:
    """All n right-going and n left-going modes of a lead at ``energy`` (eq. 2).

    Parameters
    ----------
    onsite: H0, (n, n) Hermitian.
    hopping: T = H_{j, j+1}, (n, n); must not be exactly singular.
    energy: E, real, same unit as the blocks.
    """
    energy = in_range("energy", energy)
    h0 = _square_block("onsite", onsite)
    t = _square_block("hopping", hopping)
    if h0.ndim != 2 or t.shape != h0.shape:
        raise ParameterError("hopping", t.shape, f"must have the onsite block's shape {h0.shape}")
    n = h0.shape[0]
    scale = max(np.abs(t).max(), np.abs(h0).max(), abs(energy), 1e-300)
    h0s, ts, es = h0 / scale, t / scale, energy / scale
    try:
        t_inv = np.linalg.inv(ts)
    except np.linalg.LinAlgError:
        t_inv = np.full_like(ts, np.inf)
    if not np.isfinite(t_inv).all() or np.linalg.norm(ts, 1) * np.linalg.norm(t_inv, 1) > 1e12:
        raise ParameterError("hopping", "singular", "the lead hopping block must be invertible")
    companion = np.block([[np.zeros((n, n)), np.eye(n)],
                          [-t_inv @ ts.conj().T, t_inv @ (es * np.eye(n) - h0s)]])
    lam, vec = scipy.linalg.eig(companion, check_finite=False)
    phi = vec[:n]
    phi = phi / np.linalg.norm(phi, axis=0)
    mod = np.abs(lam)
    prop = np.abs(mod - 1) < _PROP_TOL
    lam = np.where(prop, lam / np.where(prop, mod, 1), lam)
    right = list(np.flatnonzero(~prop & (mod < 1)))
    left = list(np.flatnonzero(~prop & (mod > 1)))
    prop_r_vec, prop_r_lam, v_r, prop_l_vec, prop_l_lam, v_l = [], [], [], [], [], []
    todo = list(np.flatnonzero(prop))
    while todo:  # group degenerate propagating modes and diagonalise their current
        i = todo[0]
        group = [j for j in todo if abs(lam[j] - lam[i]) < 1e-7]
        todo = [j for j in todo if j not in group]
        g = np.linalg.qr(phi[:, group])[0]
        vel, rot = np.linalg.eigh(_current_matrix(g, lam[i], ts))
        g = g @ rot
        for k, v in enumerate(vel):
            if abs(v) < 1e-10:
                raise ConvergenceError(
                    f"lead mode at a band edge (velocity {v:.1e}) at energy {energy!r}: "
                    "shift the energy slightly"
                )
            dest = (prop_r_vec, prop_r_lam, v_r) if v > 0 else (prop_l_vec, prop_l_lam, v_l)
            dest[0].append(g[:, k] / np.sqrt(abs(v) * scale))
            dest[1].append(lam[i])
            dest[2].append(v * scale)
    if len(prop_r_vec) + len(right) != n or len(prop_l_vec) + len(left) != n:
        raise ConvergenceError(
            f"lead modes: found {len(prop_r_vec) + len(right)} right-going and "
            f"{len(prop_l_vec) + len(left)} left-going of {n} each at energy {energy!r}"
        )

    def stack(vecs: list, lams: list, idx: list) -> tuple[np.ndarray, np.ndarray]:
        cols = vecs + [phi[:, j] for j in idx]
        return np.array(lams + [lam[j] for j in idx], dtype=complex), np.array(cols).T

    lam_r, u_r = stack(prop_r_vec, prop_r_lam, right)
    lam_l, u_l = stack(prop_l_vec, prop_l_lam, left)
    return LeadModes(lam_r, u_r.reshape(n, n), lam_l, u_l.reshape(n, n),
                     np.array(v_r), np.array(v_l), len(prop_r_vec))


@dataclass(frozen=True)
class Lead:
    """A semi-infinite periodic lead.

    Parameters
    ----------
    onsite: H0 of one slice, (n, n) Hermitian, or (..., n, n) for a batch (e.g. k_parallel).
    hopping: T = H_{j, j+1} along +x, same shape. The lead couples to the device with this
        same block.
    """

    onsite: np.ndarray
    hopping: np.ndarray

    def __post_init__(self) -> None:
        h0 = _square_block("onsite", self.onsite)
        t = _square_block("hopping", self.hopping)
        try:
            if t.shape[-2:] != h0.shape[-2:]:
                raise ValueError
            h0, t = np.broadcast_arrays(h0, t)
        except ValueError:
            raise ParameterError("hopping", t.shape, "must have the onsite blocks' (n, n) "
                                 f"and a batch shape broadcasting with {h0.shape}") from None
        if not np.allclose(h0, np.swapaxes(h0, -1, -2).conj(), rtol=0, atol=1e-12 * (
                np.abs(h0).max() + np.abs(t).max())):
            raise ParameterError("onsite", "non-Hermitian block", "must be Hermitian")
        object.__setattr__(self, "onsite", h0)
        object.__setattr__(self, "hopping", t)

    @property
    def size(self) -> int:
        """Orbitals per slice n."""
        return self.onsite.shape[-1]

    @property
    def batch_shape(self) -> tuple[int, ...]:
        """Leading batch shape of the blocks."""
        return self.onsite.shape[:-2]

    def modes(self, energy: float, index: tuple[int, ...] = ()) -> LeadModes:
        """Modes at ``energy`` of the batch member ``index`` (eq. 1-3)."""
        return lead_modes(self.onsite[index], self.hopping[index], energy)
