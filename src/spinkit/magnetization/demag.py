"""Demagnetization of a uniformly magnetized body (shape anisotropy).

For a uniformly magnetized ellipsoid the demagnetizing field is uniform, fixed by the
demagnetizing tensor N (symmetric, trace 1; diagonal in the ellipsoid's axes):

    B_d = -mu0 Ms N m            [T]
    w   = (mu0/2) Ms^2 m.N.m     [J/m^3]

A thin film normal to z has N = diag(0, 0, 1); a sphere N = 1/3. A rectangular prism is not
an ellipsoid and its field is not uniform; :func:`prism_factors` gives its magnetometric
(volume-averaged) factors in closed form (A. Aharoni, J. Appl. Phys. 83, 3432 (1998), eq. 1),
the usual macrospin approximation of a patterned element. A finite-difference mesh computes
the non-uniform field from the cell geometry instead; this term is the macrospin
(single-domain) limit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from spinkit import constants
from spinkit.errors import ParameterError
from spinkit.magnetization.term import EnergyTerm

__all__ = ["Demag", "prism_factors"]

_AXES = {"x": 0, "y": 1, "z": 2}


def _aharoni_nz(a: float, b: float, c: float) -> float:
    """N_z of the prism -a<x<a, -b<y<b, -c<z<c (Aharoni 1998, eq. 1)."""
    abc = a * b * c
    r = math.sqrt(a * a + b * b + c * c)
    rab, rbc, rac = math.hypot(a, b), math.hypot(b, c), math.hypot(a, c)
    pi_n = ((b * b - c * c) / (2 * b * c) * math.log((r - a) / (r + a))
            + (a * a - c * c) / (2 * a * c) * math.log((r - b) / (r + b))
            + b / (2 * c) * math.log((rab + a) / (rab - a))
            + a / (2 * c) * math.log((rab + b) / (rab - b))
            + c / (2 * a) * math.log((rbc - b) / (rbc + b))
            + c / (2 * b) * math.log((rac - a) / (rac + a))
            + 2 * math.atan(a * b / (c * r))
            + (a**3 + b**3 - 2 * c**3) / (3 * abc)
            + (a * a + b * b - 2 * c * c) / (3 * abc) * r
            + c / (a * b) * (rac + rbc)
            - (rab**3 + rbc**3 + rac**3) / (3 * abc))
    return pi_n / math.pi


def prism_factors(x: float, y: float, z: float) -> np.ndarray:
    """Magnetometric demagnetizing factors (Nx, Ny, Nz) of a rectangular prism.

    A. Aharoni, J. Appl. Phys. 83, 3432 (1998), eq. (1), for the prism of edge lengths
    ``x``, ``y``, ``z`` [m] (each > 0) along the coordinate axes; Nx and Ny by cyclic
    permutation. Nx + Ny + Nz = 1; a cube gives 1/3 each.
    """
    from spinkit.magnetization.term import positive

    a, b, c = (positive(n, v) / 2 for n, v in (("x", x), ("y", y), ("z", z)))
    return np.array([_aharoni_nz(b, c, a), _aharoni_nz(c, a, b), _aharoni_nz(a, b, c)])


@dataclass(frozen=True, eq=False)
class Demag(EnergyTerm):
    """Uniform demagnetizing field (module docstring).

    Parameters
    ----------
    factors: demagnetizing factors (Nx, Ny, Nz), each >= 0, summing to 1; or the full
        symmetric 3x3 tensor with trace 1 and non-negative eigenvalues.
    """

    factors: np.ndarray

    def __post_init__(self) -> None:
        try:
            arr = np.asarray(self.factors, dtype=float)
        except (TypeError, ValueError):
            raise ParameterError("factors", self.factors, "must be 3 numbers or a 3x3 "
                                 "tensor") from None
        if arr.shape == (3,):
            arr = np.diag(arr)
        if arr.shape != (3, 3) or not np.isfinite(arr).all():
            raise ParameterError("factors", self.factors, "must be 3 finite numbers "
                                 "(Nx, Ny, Nz) or a 3x3 tensor")
        if not np.allclose(arr, arr.T, atol=1e-12):
            raise ParameterError("factors", self.factors, "the tensor must be symmetric")
        if abs(np.trace(arr) - 1) > 1e-6 or np.linalg.eigvalsh(arr).min() < -1e-12:
            raise ParameterError("factors", self.factors, "must be >= 0 and sum to 1 "
                                 "(trace 1)")
        object.__setattr__(self, "factors", arr)

    @classmethod
    def thin_film(cls, normal: str = "z") -> Demag:
        """An infinite film with the given normal (``"x"``, ``"y"`` or ``"z"``): N = 1 there."""
        if normal not in _AXES:
            raise ParameterError("normal", normal, "must be 'x', 'y' or 'z'")
        n = np.zeros(3)
        n[_AXES[normal]] = 1.0
        return cls(n)

    @classmethod
    def prism(cls, x: float, y: float, z: float) -> Demag:
        """A rectangular prism of edges x, y, z [m] (:func:`prism_factors`)."""
        return cls(prism_factors(x, y, z))

    @classmethod
    def sphere(cls) -> Demag:
        """A sphere: N = 1/3 along every axis (no shape anisotropy)."""
        return cls(np.full(3, 1 / 3))

    def __repr__(self) -> str:
        return f"Demag(diag={np.diag(self.factors).round(4).tolist()})"

    def field(self, m: np.ndarray, Ms: np.ndarray | float, t: float = 0.0) -> np.ndarray:
        return -constants.mu_0 * np.asarray(Ms)[..., None] * (np.asarray(m) @ self.factors)

    def energy_density(
        self, m: np.ndarray, Ms: np.ndarray | float, t: float = 0.0
    ) -> np.ndarray:
        m = np.asarray(m)
        return 0.5 * constants.mu_0 * np.asarray(Ms) ** 2 * np.sum((m @ self.factors) * m, -1)

    def pack(self, packer, Ms: float) -> None:
        packer.add_linear(-constants.mu_0 * Ms * self.factors)
