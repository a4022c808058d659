"""Fermi-surface integrals at T = 0 by marching simplices on the true Fermi surface.

At T = 0 the Fermi window -df/dE becomes delta(E - mu) and the Boltzmann integrals of
:mod:`spinkit.transport.boltzmann` turn into Fermi-surface integrals [units of A / (J m^d)]

    I[A] = sum_n int d^dk/(2 pi)^d A_n(k) delta(E_n(k) - mu)
         = sum_n (2 pi)^-d  int_{S_n} A_n / (hbar |v_n|) dS.                           (1)

The cell is cut into simplices (a cube into the 6 tetrahedra around its main diagonal in 3D,
a square into 2 triangles in 2D, segments in 1D), as in the linear tetrahedron method
(P. E. Bloechl, O. Jepsen and O. K. Andersen, Phys. Rev. B 49, 16223 (1994); G. Lehmann and
M. Taut, Phys. Status Solidi B 54, 469 (1972)). In every simplex that the level E_n = mu
crosses, the linearly interpolated isosurface is a triangle or quadrilateral (3D), a segment
(2D) or a point (1D). Unlike the plain linear method, its corners are then moved along their
simplex edges onto the *true* Fermi surface (safeguarded Newton on E_n along the edge, with
the band's velocity), so the surface mesh is inscribed in S_n and the velocities, spins and
tau in (1) are sampled on it. Each facet with corners k_i (true unit normals n_i = v_i/|v_i|)
stands for the curved patch of S

    p(lambda) = x(lambda) + s(lambda) N~(lambda),  x = sum_i lambda_i k_i,
    N~ = sum_i lambda_i n_i,  E_n(p) = mu,                                              (2)

(barycentric lambda; s by Newton along N~). Along a shared facet edge the map depends only
on that edge's two corners, so the patches tile S without gaps or overlaps. The surface
element follows from the tangents dp/dlambda_a = u_a - (v.u_a)/(v.N~) N~ with u_a =
(k_a - k_0) + s (n_a - n_0) (implicit differentiation of E_n(p) = mu), and the patch
integral uses 2-point Gauss on a chord (2D) or the edge midpoints of a triangle (3D). The
result converges at O(h^3) or better in the grid step h for smooth Fermi surfaces (measured
~h^4 for spheres, circles and lattice surfaces: 1e-7 at 16 steps per Fermi radius); where the
surface has kinks (a van Hove saddle on it, not on a grid point) the error there is O(h^2).
In 1D the Fermi points are found exactly.

The occupied fraction of the cell, sum_n int d^dk theta(mu - E_n) / V_cell, counts the
simplices below mu, the part of each cut simplex on the occupied side of its flat facets
(exact polytope volumes), and the volume between each facet and its curved patch,
int_F s |N~.N_F| dA by the same quadrature: O(h^4) for smooth surfaces, where the plain
linear tetrahedron occupancy is O(h^2).

The cell must be a period of the bands (a Brillouin zone), or hold every Fermi sheet
strictly inside it (free-electron-like bands in a box).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from spinkit import constants

if TYPE_CHECKING:
    from spinkit.transport.boltzmann import BandModel

__all__ = ["FermiSurface", "fermi_surface", "grid_points"]

# corner c of a unit cube/square has bits (c & 1, c >> 1 & 1, c >> 2 & 1) along (b1, b2, b3)
_SIMPLICES = {
    1: ((0, 1),),
    2: ((0, 1, 3), (0, 2, 3)),
    3: ((0, 1, 3, 7), (0, 1, 5, 7), (0, 2, 3, 7), (0, 2, 6, 7), (0, 4, 5, 7), (0, 4, 6, 7)),
}
# per dimension and number of (energy-sorted) simplex vertices below mu: the crossing edges
# (below vertex, above vertex) and the isosurface facets as indices into those edges
_CUTS = {
    1: {1: (((0, 1),), ((0,),))},
    2: {1: (((0, 1), (0, 2)), ((0, 1),)),
        2: (((0, 2), (1, 2)), ((0, 1),))},
    3: {1: (((0, 1), (0, 2), (0, 3)), ((0, 1, 2),)),
        2: (((0, 2), (0, 3), (1, 3), (1, 2)), ((0, 1, 2), (0, 2, 3))),
        3: (((0, 3), (1, 3), (2, 3)), ((0, 1, 2),))},
}


@dataclass(frozen=True)
class FermiSurface:
    """Quadrature of the Fermi surfaces of all bands at one chemical potential.

    Attributes
    ----------
    weights: (F, q) surface quadrature weights [m^(1-d)]: int_S g dS = sum weights * g.
    velocities: (F, q, d) band velocities at the quadrature points [m/s].
    spins: (F, q) spin expectations there, or ``None`` for spinless band models.
    occupied: sum over bands of the occupied fraction of the cell (theta(mu - E)).
    """

    weights: np.ndarray
    velocities: np.ndarray
    spins: np.ndarray | None
    occupied: float


def _corner_offsets(d: int) -> np.ndarray:
    """(2^d, d) integer offsets of the cube corners, corner c = sum bit_i 2^i."""
    return np.array([[(c >> i) & 1 for i in range(d)] for c in range(2**d)])


def fermi_surface(band: BandModel, energies: np.ndarray, b: np.ndarray, origin: np.ndarray,
                  mu: float, newton_steps: int = 6) -> FermiSurface:
    """Fermi-surface quadrature and occupied volume at chemical potential ``mu``.

    Parameters
    ----------
    band: the band model (energies, velocities[, spins]) of :mod:`.boltzmann`.
    energies: (n_1, ..., n_d, nb) band energies on the grid k = origin + (i/n) @ b [J].
    b: (d, d) cell vectors [1/m]; origin: (d,) corner of the cell [1/m].
    mu: chemical potential [J].
    newton_steps: Newton iterations moving corners and quadrature points onto E_n = mu.
    """
    d = b.shape[0]
    nk = np.array(energies.shape[:d])
    offsets = _corner_offsets(d)
    simp = np.asarray(_SIMPLICES[d])  # (S, d + 1)
    cube_pos, band_idx, ce, full = _straddling(energies, mu)
    cell = abs(np.linalg.det(b))
    v_simplex = cell / (np.prod(nk) * simp.shape[0])
    se = ce[:, simp]  # (C, S, d + 1)
    occupied = (full * simp.shape[0] + np.count_nonzero(se.max(axis=-1) < mu)) * v_simplex
    ci, si = np.nonzero((se.min(axis=-1) < mu) & (se.max(axis=-1) >= mu))
    se = se[ci, si]
    vert = cube_pos[ci][:, None, :] + offsets[simp[si]]  # (T, d + 1, d) grid coordinates
    order = np.argsort(se, axis=-1, kind="stable")
    se = np.take_along_axis(se, order, axis=-1)
    vert = origin + (np.take_along_axis(vert, order[..., None], axis=1) / nk) @ b
    n_below = (se < mu).sum(axis=-1)
    tb = band_idx[ci]
    weights, vels, spins = [np.zeros((0, d))], [np.zeros((0, d, d))], []
    for nbel, (edges, facets) in _CUTS[d].items():
        sel = n_below == nbel
        if not sel.any():
            continue
        lo, hi = [a for a, _ in edges], [c for _, c in edges]
        v, e = vert[sel], se[sel]
        points = _on_edges(band, v[:, lo], v[:, hi], e[:, lo], e[:, hi], tb[sel], mu,
                           newton_steps)
        occupied += _below_volume(v, points, nbel).sum()
        for facet in facets:
            w, vel, spin, lift = _facet_quadrature(band, points[:, list(facet)], tb[sel], mu,
                                                   newton_steps)
            weights.append(w)
            vels.append(vel)
            spins.append(spin)
            occupied += lift.sum()
    spin_out = None if not spins or spins[0] is None else np.concatenate(spins)
    return FermiSurface(np.concatenate(weights), np.concatenate(vels), spin_out,
                        float(occupied / cell))


def _below_volume(v: np.ndarray, p: np.ndarray, n_below: int) -> np.ndarray:
    """Volume [m^-d] of each simplex (sorted vertices v (T, d + 1, d)) on the occupied side
    of its flat facets through the crossing points p (T, edges, d) of ``_CUTS``."""
    d = v.shape[-1]
    if d == 1:
        return np.abs(p[:, 0, 0] - v[:, 0, 0])

    def simplex(*pts):
        return np.abs(np.linalg.det(np.stack([q - pts[0] for q in pts[1:]], axis=-2))) / (
            math.factorial(d))

    cut = [p[:, i] for i in range(d)]
    if n_below == 1:  # a corner simplex at the lowest vertex
        return simplex(v[:, 0], *cut)
    if n_below == d:  # all but a corner simplex at the highest vertex
        return simplex(*[v[:, i] for i in range(d + 1)]) - simplex(v[:, d], *cut)
    # d = 3, two below: the prism v0 p02 p03 | v1 p12 p13, split along the facets' diagonal
    return (simplex(v[:, 0], p[:, 0], p[:, 1], p[:, 2])
            + simplex(v[:, 0], p[:, 0], p[:, 3], p[:, 2])
            + simplex(v[:, 0], v[:, 1], p[:, 3], p[:, 2]))


def _band_at(band, k: np.ndarray, which: np.ndarray):
    """Energy, velocity and spin (or None) of band ``which`` at points k (..., d)."""
    shape, d = k.shape[:-1], k.shape[-1]
    out = band(k.reshape(-1, d))
    pick = np.arange(out[0].shape[0])
    idx = np.broadcast_to(which.reshape(which.shape + (1,) * (len(shape) - which.ndim)),
                          shape).reshape(-1)
    energy = out[0][pick, idx].reshape(shape)
    vel = out[1][pick, idx].reshape(shape + (d,))
    spin = None if len(out) < 3 else out[2][pick, idx].reshape(shape)
    return energy, vel, spin


def _on_edges(band, ka, kb, ea, eb, fband, mu, steps) -> np.ndarray:
    """Corners k = ka + t (kb - ka) moved along their edges onto E_n(k) = mu: linear start,
    then Newton with dE/dt = hbar v . (kb - ka), kept inside the bracket [t_lo, t_hi]
    (bisection when a step leaves it)."""
    edge = kb - ka
    t = (mu - ea) / (eb - ea)
    lo, hi = np.zeros_like(t), np.ones_like(t)
    for _ in range(steps):
        energy, vel, _ = _band_at(band, ka + t[..., None] * edge, fband)
        f = energy - mu
        lo = np.where(f < 0, t, lo)
        hi = np.where(f >= 0, t, hi)
        slope = constants.hbar * np.einsum("...i,...i->...", vel, edge)
        with np.errstate(divide="ignore", invalid="ignore"):
            t_new = t - f / slope
        ok = (slope > 0) & (t_new >= lo) & (t_new <= hi)
        t = np.where(f == 0, t, np.where(ok, t_new, 0.5 * (lo + hi)))
    return ka + t[..., None] * edge


# quadrature on a facet in barycentric coordinates of its corners: the point itself (1D),
# 2-point Gauss-Legendre on a chord (2D, exact to degree 3), edge midpoints on a triangle
# (3D, exact to degree 2); weights sum to the reference measure (1 chord, 1/2 triangle)
_G = 0.5 / np.sqrt(3.0)
_RULES = {
    1: (np.array([[1.0]]), np.array([1.0])),
    2: (np.array([[0.5 + _G, 0.5 - _G], [0.5 - _G, 0.5 + _G]]), np.array([0.5, 0.5])),
    3: (np.array([[0.5, 0.5, 0.0], [0.0, 0.5, 0.5], [0.5, 0.0, 0.5]]), np.full(3, 1 / 6)),
}


def _facet_quadrature(band, corners: np.ndarray, fband: np.ndarray, mu: float, steps: int):
    """Quadrature of int_patch g dS over the curved patch of S spanned by each facet's
    corners (module docstring, eq. 2). Returns (weights (F, q) [m^(1-d)], v (F, q, d) [m/s],
    spins (F, q) or None) at the points p_q, and the volume (F,) [m^-d] between each flat
    facet and its patch, positive where the patch bulges to higher energy."""
    d = corners.shape[-1]
    bary, w = _RULES[d]
    x = np.einsum("qm,fmi->fqi", bary, corners)
    if d == 1:
        _, vel, spin = _band_at(band, x, fband)
        return np.ones(x.shape[:2]), vel, spin, np.zeros(x.shape[0])
    _, v_corner, _ = _band_at(band, corners, fband)
    n_corner = v_corner / np.linalg.norm(v_corner, axis=-1, keepdims=True)
    direction = np.einsum("qm,fmi->fqi", bary, n_corner)  # N~(x_q)
    s = np.zeros(x.shape[:2])
    for _ in range(steps):
        energy, vel, _ = _band_at(band, x + s[..., None] * direction, fband)
        slope = constants.hbar * np.einsum("fqi,fqi->fq", vel, direction)
        with np.errstate(divide="ignore", invalid="ignore"):
            s = s - np.where(slope > 0, (energy - mu) / slope, 0.0)
    # safeguard (flat velocity near saddle points): a step beyond the facet's size or a
    # non-finite one falls back to the facet point itself
    size = np.max(np.linalg.norm(corners - corners[:, :1], axis=-1), axis=-1)
    s = np.where(np.isfinite(s) & (np.abs(s) <= size[:, None]), s, 0.0)
    _, vel, spin = _band_at(band, x + s[..., None] * direction, fband)
    # tangents dp/dlambda_a = u_a - (v.u_a)/(v.N~) N~, u_a = (k_a - k_0) + s (n_a - n_0)
    u = ((corners[:, 1:] - corners[:, :1])[:, None, :, :]
         + s[..., None, None] * (n_corner[:, 1:] - n_corner[:, :1])[:, None, :, :])
    along = (np.einsum("fqi,fqai->fqa", vel, u)
             / np.einsum("fqi,fqi->fq", vel, direction)[..., None])
    tangent = u - along[..., None] * direction[:, :, None, :]  # (F, q, d - 1, d)
    if d == 2:
        jac = np.linalg.norm(tangent[:, :, 0], axis=-1)
        chord = corners[:, 1] - corners[:, 0]
        flat = np.stack([-chord[:, 1], chord[:, 0]], axis=-1)  # |flat| = facet measure
    else:
        jac = np.linalg.norm(np.cross(tangent[:, :, 0], tangent[:, :, 1]), axis=-1)
        flat = 0.5 * np.cross(corners[:, 1] - corners[:, 0], corners[:, 2] - corners[:, 0])
    # volume between the flat facet and the patch: int_F s |N~.N_F| dA
    lift = np.abs(np.einsum("fqi,fi->fq", direction, flat)) * s @ (w / w.sum())
    return jac * w, vel, spin, lift


def _straddling(energies: np.ndarray, mu: float):
    """Grid cubes whose corner energies straddle mu (min < mu <= max), per band.

    Returns (cube positions (C, d) int, band index (C,), corner energies (C, 2^d) [J],
    number of (cube, band) pairs lying wholly below mu). Memory stays O(grid): the corner
    minima and maxima are accumulated over periodic shifts, and corner energies are gathered
    only for the straddling cubes.
    """
    d = energies.ndim - 1
    nk = energies.shape[:d]
    nb = energies.shape[-1]
    offsets = _corner_offsets(d)
    low, high = energies.copy(), energies.copy()
    for off in offsets[1:]:
        shifted = np.roll(energies, tuple(-int(o) for o in off), axis=tuple(range(d)))
        np.minimum(low, shifted, out=low)
        np.maximum(high, shifted, out=high)
    cube_idx, band_idx = np.nonzero(((low < mu) & (high >= mu)).reshape(-1, nb))
    full = int(np.count_nonzero(high < mu))
    cube_pos = np.stack(np.unravel_index(cube_idx, nk), axis=-1)
    corners = (cube_pos[:, None, :] + offsets) % np.asarray(nk)  # (C, 2^d, d)
    flat = np.ravel_multi_index(tuple(np.moveaxis(corners, -1, 0)), nk)
    ce = energies.reshape(-1, nb)[flat, band_idx[:, None]]
    return cube_pos, band_idx, ce, full


def grid_points(nk: tuple[int, ...]) -> np.ndarray:
    """(prod nk, d) fractional coordinates i/n of the grid, C order."""
    axes = [np.arange(n) / n for n in nk]
    return np.stack(np.meshgrid(*axes, indexing="ij"), axis=-1).reshape(-1, len(nk))

