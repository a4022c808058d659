"""Current-perpendicular-to-plane GMR: the Valet-Fert model for an arbitrary collinear stack.

Model (T. Valet and A. Fert, Phys. Rev. B 48, 7099 (1993)). Each layer carries two spin
channels s = up, down with resistivities rho_s = 2 rho* (1 -/+ m beta) (rho* [Ohm m], bulk
spin asymmetry beta, magnetization m = +1, -1, or 0 for a normal metal); each interface has
area resistances r_s = 2 r_b* (1 -/+ m gamma) [Ohm m^2]. With channel potentials u_s [V]
(j_s = -(1/rho_s) du_s/dz) and spin accumulation mu_s = u_up - u_down [V] (the convention of
:mod:`spinkit.spindiffusion.steady`), charge current j = j_up + j_down [A/m^2] and spin
current J = j_up - j_down, spin relaxation over lambda_sf gives inside a layer

    d mu_s / dz = -2 rho* (J - m beta j),     d J / dz = -mu_s / (2 rho* lambda_sf^2),   (1)

so mu_s'' = mu_s / lambda_sf^2, and across an interface (J continuous)

    mu_s(right) - mu_s(left) = -2 r_b* (J - m gamma j).                                 (2)

The stack ends either in semi-infinite leads (the first and last layers, where mu_s decays
away from the stack; resistances are then the excess over the leads' bulk resistance) or in
ideal reservoirs (mu_s = 0 at both outer faces). The resistance-area product is

    AR = sum_layers [rho* (1 - beta^2) t + (m beta / 2)(mu_s(right) - mu_s(left))]
         + sum_interfaces [r_b* - m gamma r_b* J / j],                                     (3)

with the leads contributing only their mu_s term. Each layer's profile is written in a
basis normalised on the layer, mu_s = A cosh((z - c)/l)/cosh(h/l) + B sinh((z - c)/l)/sinh(h/l)
(c, h: centre and half-thickness), which stays well conditioned both for t >> lambda_sf and
for lambda_sf -> infinity, where (1) becomes the two-channel series-resistor model.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np
from scipy.linalg import solve_banded

from spinkit import materials

if TYPE_CHECKING:
    import xarray as xr
    from matplotlib.axes import Axes
from spinkit.errors import ParameterError
from spinkit.validation import in_range

__all__ = [
    "Layer",
    "Interface",
    "CPPResult",
    "solve_cpp",
    "cpp_gmr",
    "series_resistor_ar",
    "fnf_resistance_area",
    "NoncollinearResult",
    "solve_cpp_noncollinear",
]

_ENDS = ("leads", "reservoirs")


def _asymmetry(name: str, value: float) -> float:
    return in_range(name, value, low=-1.0, high=1.0)


@dataclass(frozen=True)
class Layer:
    """One layer of a CPP stack.

    Parameters
    ----------
    thickness: t [m] (for a semi-infinite lead: only the length drawn in profiles).
    resistivity: rho* [Ohm m]; the measured resistivity is rho* (1 - beta^2).
    beta: bulk spin asymmetry, in (-1, 1); 0 for a normal metal.
    spin_diffusion_length: lambda_sf [m]; ``math.inf`` for no spin flip.
    magnetization: +1 or -1 (ferromagnet, up or down) or 0 (normal metal).
    name: label for figures.
    """

    thickness: float
    resistivity: float
    beta: float = 0.0
    spin_diffusion_length: float = math.inf
    magnetization: int = 0
    name: str = ""

    def __post_init__(self) -> None:
        in_range("thickness", self.thickness, low=0)
        in_range("resistivity", self.resistivity, low=0)
        in_range("spin_diffusion_length", self.spin_diffusion_length, low=0, allow_inf=True)
        _asymmetry("beta", self.beta)
        if isinstance(self.magnetization, bool) or self.magnetization not in (-1, 0, 1):
            raise ParameterError("magnetization", self.magnetization, "must be -1, 0 or +1")

    @classmethod
    def from_material(cls, material: str, thickness: float, magnetization: int = 0) -> Layer:
        """A layer of a database material: rho* = rho / (1 - beta^2), beta and lambda_sf.

        A material without ``bulk_spin_asymmetry`` is a normal metal (beta = 0, m = 0).
        """
        mat = materials.get(material)
        for key in ("resistivity", "spin_diffusion_length"):
            if key not in mat:
                raise ParameterError("material", material, f"needs {key} for a CPP layer")
        beta = mat.value("bulk_spin_asymmetry") if "bulk_spin_asymmetry" in mat else 0.0
        m = magnetization if beta else 0
        if beta and m == 0:
            m = 1
        return cls(thickness, mat.value("resistivity") / (1 - beta**2), beta,
                   mat.value("spin_diffusion_length"), m, material)

    @property
    def spin_beta(self) -> float:
        """m * beta: the signed asymmetry of this layer."""
        return self.magnetization * self.beta


@dataclass(frozen=True)
class Interface:
    """An interface between two layers: r_s = 2 r_b* (1 -/+ m gamma).

    Parameters
    ----------
    resistance_area: r_b* [Ohm m^2] (>= 0).
    gamma: interface spin asymmetry, in (-1, 1).
    magnetization: +1/-1; ``None`` takes that of the adjacent ferromagnetic layer (the left
        one if both are ferromagnets).
    """

    resistance_area: float = 0.0
    gamma: float = 0.0
    magnetization: int | None = None

    def __post_init__(self) -> None:
        in_range("resistance_area", self.resistance_area, low=0, bounds="[]")
        _asymmetry("gamma", self.gamma)
        if self.magnetization not in (None, -1, 0, 1):
            raise ParameterError("magnetization", self.magnetization, "must be -1, 0, +1 or None")


@dataclass(frozen=True)
class CPPResult:
    """Solution of the Valet-Fert equations for a stack.

    Attributes
    ----------
    z: positions [m] of the profile samples (0 at the first interface / left face).
    mu_s: spin accumulation u_up - u_down [V] at ``z``.
    spin_current: J = j_up - j_down [A/m^2] at ``z``.
    layer_index: index of the layer each sample lies in.
    boundaries: positions [m] of the layer boundaries.
    resistance_area: AR [Ohm m^2] (eq. 3).
    current_density: j [A/m^2] the profiles are computed for.
    """

    z: np.ndarray
    mu_s: np.ndarray
    spin_current: np.ndarray
    layer_index: np.ndarray
    boundaries: np.ndarray
    resistance_area: float
    current_density: float

    def to_xarray(self) -> xr.Dataset:
        """The profiles as an xarray.Dataset along z, AR as a scalar."""
        import xarray as xr

        return xr.Dataset(
            {"mu_s": ("z", self.mu_s, {"units": "V", "long_name": "spin accumulation"}),
             "spin_current": ("z", self.spin_current,
                              {"units": "A/m^2", "long_name": "J = j_up - j_down"}),
             "layer_index": ("z", self.layer_index, {"units": "", "long_name": "layer"}),
             "resistance_area": ((), self.resistance_area,
                                 {"units": "Ohm m^2", "long_name": "AR"})},
            coords={"z": ("z", self.z, {"units": "m", "long_name": "position"})},
            attrs={"current_density": self.current_density})

    def plot(self, ax: Axes | None = None) -> Axes:
        """Spin accumulation through the stack; layer boundaries dotted."""
        import matplotlib.pyplot as plt

        if ax is None:
            _, ax = plt.subplots()
        ax.plot(self.z * 1e9, self.mu_s * 1e6)
        for b in self.boundaries:
            ax.axvline(b * 1e9, ls=":", color="0.6")
        ax.set_xlabel("z (nm)")
        ax.set_ylabel("μ_s = (μ↑ − μ↓)/e (µV)")
        return ax


def _basis(layer: Layer) -> tuple[float, float]:
    """(p, q) of the normalised basis: mu' at the faces is (-/+)A p + B q."""
    h = layer.thickness / 2
    x = h / layer.spin_diffusion_length  # 0 when lambda is infinite
    if h == 0:
        raise ParameterError("thickness", 0.0, "a finite layer must be thicker than 0")
    p = x * math.tanh(x) / h
    q = (1 + x * x / 3) / h if x < 1e-6 else x / (h * math.tanh(x))
    return p, q


def _interface_m(stack: Sequence[Layer], k: int, iface: Interface) -> int:
    if iface.magnetization is not None:
        return iface.magnetization
    left, right = stack[k].magnetization, stack[k + 1].magnetization
    return left if left != 0 else right


def _check(stack: Sequence[Layer], interfaces: Sequence[Interface] | None, ends: str):
    if ends not in _ENDS:
        raise ParameterError("ends", ends, f"must be one of {_ENDS}")
    if len(stack) < (2 if ends == "leads" else 1):
        raise ParameterError("stack", len(stack), "needs at least 2 layers with leads, 1 else")
    if not all(isinstance(layer, Layer) for layer in stack):
        raise ParameterError("stack", [type(x).__name__ for x in stack], "must be Layer objects")
    if interfaces is None:
        interfaces = [Interface()] * (len(stack) - 1)
    if len(interfaces) != len(stack) - 1:
        raise ParameterError("interfaces", len(interfaces),
                             f"needs one per boundary: {len(stack) - 1}")
    if not all(isinstance(f, Interface) for f in interfaces):
        raise ParameterError("interfaces", [type(f).__name__ for f in interfaces],
                             "must be Interface objects")
    if ends == "leads":
        for k in (0, -1):
            if math.isinf(stack[k].spin_diffusion_length):
                raise ParameterError("spin_diffusion_length", math.inf,
                                     "a semi-infinite lead needs a finite lambda_sf")
    return list(interfaces)


def _solve_banded_system(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Solve a x = b for the block-banded system of the stack (bandwidth 2 each side in
    the layer-by-layer ordering), in O(layers) by LAPACK's banded LU."""
    i, j = np.nonzero(a)
    lower, upper = int(max(np.max(i - j), 0)), int(max(np.max(j - i), 0))
    ab = np.zeros((lower + upper + 1, a.shape[1]))
    ab[upper + i - j, j] = a[i, j]
    return solve_banded((lower, upper), ab, b)


def solve_cpp(
    stack: Sequence[Layer],
    interfaces: Sequence[Interface] | None = None,
    *,
    ends: str = "leads",
    current_density: float = 1.0,
    samples: int = 60,
) -> CPPResult:
    """Solve eqs. (1)-(2) through ``stack`` and return the profiles and AR (eq. 3).

    Parameters
    ----------
    stack: the layers, left to right.
    interfaces: one per boundary (len(stack) - 1); ``None``: no interface resistance.
    ends: ``"leads"`` (first/last layers semi-infinite) or ``"reservoirs"``.
    current_density: j [A/m^2] (AR does not depend on it).
    samples: profile points per layer.
    """
    interfaces = _check(stack, interfaces, ends)
    j = in_range("current_density", current_density)
    if j == 0:
        raise ParameterError("current_density", j, "must be non-zero (AR = V / j)")
    if isinstance(samples, bool) or not isinstance(samples, int | np.integer) or samples < 2:
        raise ParameterError("samples", samples, "must be an integer >= 2")
    n = len(stack)
    lead = ends == "leads"
    # unknowns: (A_i, B_i) per finite layer; one amplitude per semi-infinite lead
    cols: list[tuple[int, int | None]] = []
    col = 0
    for i in range(n):
        if lead and i in (0, n - 1):
            cols.append((col, None))
            col += 1
        else:
            cols.append((col, col + 1))
            col += 2
    size = col

    def face(i: int, side: str) -> tuple[np.ndarray, np.ndarray]:
        """Rows giving mu_s and mu_s' at the left/right face of layer i."""
        val, der = np.zeros(size), np.zeros(size)
        a, b = cols[i]
        layer = stack[i]
        if b is None:  # lead: mu = A exp(+-(z - z_face)/lambda)
            val[a] = 1.0
            der[a] = (1.0 if i == 0 else -1.0) / layer.spin_diffusion_length
            return val, der
        p, q = _basis(layer)
        sgn = -1.0 if side == "left" else 1.0
        val[a], val[b] = 1.0, sgn
        der[a], der[b] = sgn * p, q
        return val, der

    rows, rhs = [], []
    for k, iface in enumerate(interfaces):
        left, right = stack[k], stack[k + 1]
        vl, dl = face(k, "right")
        vr, dr = face(k + 1, "left")
        # J = m beta j - mu'/(2 rho*) continuous
        rows.append(-dl / (2 * left.resistivity) + dr / (2 * right.resistivity))
        rhs.append((right.spin_beta - left.spin_beta) * j)
        # mu_r - mu_l + 2 r_b (J - m gamma j) = 0 with J from the left side
        rb = iface.resistance_area
        mg = _interface_m(stack, k, iface) * iface.gamma
        rows.append(vr - vl - 2 * rb * dl / (2 * left.resistivity))
        rhs.append(2 * rb * (mg - left.spin_beta) * j)
    if not lead:
        rows.append(face(0, "left")[0])
        rhs.append(0.0)
        rows.append(face(n - 1, "right")[0])
        rhs.append(0.0)
    coef = _solve_banded_system(np.array(rows), np.array(rhs))

    # resistance (eq. 3) and profiles
    ar = 0.0
    zs, mus, js, idx, bounds = [], [], [], [], [0.0]
    z0 = 0.0
    for i, layer in enumerate(stack):
        a, b = cols[i]
        lam = layer.spin_diffusion_length
        if b is None:  # semi-infinite lead: only its mu_s term of eq. (3)
            length = layer.thickness if layer.thickness > 0 else 3 * lam
            sgn = 1.0 if i == 0 else -1.0
            s = np.linspace(-length, 0.0, samples) if i == 0 else np.linspace(0, length, samples)
            mu = coef[a] * np.exp(sgn * s / lam)
            dmu = sgn * mu / lam
            ar += sgn * layer.spin_beta / 2 * coef[a] / j
        else:
            t, h = layer.thickness, layer.thickness / 2
            s = np.linspace(0.0, t, samples)
            if h / lam < 1e-6:  # lambda >> t: the basis is 1 and (z - c)/h
                c_, c1 = np.ones_like(s), np.zeros_like(s)
                d_, d1 = (s - h) / h, np.full_like(s, 1 / h)
            else:
                u, x = (s - h) / lam, h / lam
                c_, c1 = np.cosh(u) / np.cosh(x), np.sinh(u) / (lam * np.cosh(x))
                d_, d1 = np.sinh(u) / np.sinh(x), np.cosh(u) / (lam * np.sinh(x))
            mu = coef[a] * c_ + coef[b] * d_
            dmu = coef[a] * c1 + coef[b] * d1
            ar += layer.resistivity * (1 - layer.beta**2) * t + layer.spin_beta * coef[b] / j
        zs.append(z0 + s)
        if b is not None:
            z0 += layer.thickness
            bounds.append(z0)
        mus.append(mu)
        js.append(layer.spin_beta * j - dmu / (2 * layer.resistivity))
        idx.append(np.full(s.size, i))
    for k, iface in enumerate(interfaces):
        _, dl = face(k, "right")
        spin_j = stack[k].spin_beta * j - dl @ coef / (2 * stack[k].resistivity)
        mg = _interface_m(stack, k, iface) * iface.gamma
        ar += iface.resistance_area * (1 - mg * spin_j / j)
    return CPPResult(np.concatenate(zs), np.concatenate(mus), np.concatenate(js),
                     np.concatenate(idx), np.array(bounds), float(ar), j)


def series_resistor_ar(
    stack: Sequence[Layer], interfaces: Sequence[Interface] | None = None
) -> float:
    """Two-channel series-resistor AR [Ohm m^2]: the lambda_sf -> infinity limit.

    AR = R_up R_down / (R_up + R_down), R_s = sum_layers rho_s t + sum_interfaces r_s
    (A. Fert and I. A. Campbell, J. Phys. F 6, 849 (1976); S.-F. Lee et al., J. Magn. Magn.
    Mater. 118, L1 (1993)).
    """
    interfaces = _check(stack, interfaces, "reservoirs")
    r = np.zeros(2)
    sign = np.array([1.0, -1.0])  # up, down
    for layer in stack:
        r += 2 * layer.resistivity * (1 - sign * layer.spin_beta) * layer.thickness
    for k, f in enumerate(interfaces):
        r += 2 * f.resistance_area * (1 - sign * _interface_m(stack, k, f) * f.gamma)
    return float(r[0] * r[1] / (r[0] + r[1]))


def fnf_resistance_area(
    *,
    rho_f: float,
    beta: float,
    lambda_f: float,
    rho_n: float,
    lambda_n: float,
    t_n: float,
    r_b: float = 0.0,
    gamma: float = 0.0,
) -> tuple[float, float]:
    """Closed-form (AR_P, AR_AP) [Ohm m^2] of F/N/F with semi-infinite F leads.

    Solving eqs. (1)-(2) by hand for semi-infinite F (rho_f = rho_F*, beta, lambda_f), a normal
    spacer (rho_n = rho_N*, lambda_n, thickness t_n) and two equal interfaces (r_b*, gamma)
    gives, with r_F = rho_F* lambda_F, r_N = rho_N* lambda_N, R = r_F + r_b*,
    a = beta r_F + gamma r_b*, a_2 = +a (P) or -a (AP), c = cosh(t_N/lambda_N),
    s = sinh(t_N/lambda_N), and the interface spin currents

        J_1 / j = [a (c + R s / r_N) + a_2] / [s (R^2 / r_N + r_N) + 2 c R],
        J_2 / j = (c + R s / r_N) J_1 / j - s a / r_N,

    AR = 2 (beta^2 r_F + r_b*) + rho_N* t_N - (a J_1 + a_2 J_2) / j. The AP - P difference
    reduces to the closed form of A. Fert and H. Jaffres, Phys. Rev. B 64, 184420 (2001),

        A.Delta.R = 2 a^2 / [R c + (r_N / 2)(1 + (R / r_N)^2) s],

    whose r_b* = 0 case is the Valet-Fert result (Phys. Rev. B 48, 7099 (1993)).
    """
    rho_f, lambda_f = in_range("rho_f", rho_f, low=0), in_range("lambda_f", lambda_f, low=0)
    rho_n, lambda_n = in_range("rho_n", rho_n, low=0), in_range("lambda_n", lambda_n, low=0)
    t_n, r_b = in_range("t_n", t_n, low=0), in_range("r_b", r_b, low=0, bounds="[]")
    beta, gamma = _asymmetry("beta", beta), _asymmetry("gamma", gamma)
    r_f, r_n = rho_f * lambda_f, rho_n * lambda_n
    big_r = r_f + r_b
    a = beta * r_f + gamma * r_b
    c, s = math.cosh(t_n / lambda_n), math.sinh(t_n / lambda_n)
    out = []
    for a2 in (a, -a):
        j1 = (a * (c + big_r * s / r_n) + a2) / (s * (big_r**2 / r_n + r_n) + 2 * c * big_r)
        j2 = (c + big_r * s / r_n) * j1 - s * a / r_n
        out.append(2 * (beta**2 * r_f + r_b) + rho_n * t_n - (a * j1 + a2 * j2))
    return out[0], out[1]


def cpp_gmr(
    stack: Sequence[Layer],
    interfaces: Sequence[Interface] | None = None,
    *,
    flip: Sequence[int] | None = None,
    ends: str = "leads",
) -> tuple[float, float]:
    """(AR_P, AR_AP) [Ohm m^2]: the stack as given, and with the layers ``flip`` reversed.

    ``flip`` defaults to the last ferromagnetic layer (the free layer). Interfaces whose
    magnetization is taken from a flipped layer flip with it.
    """
    ferro = [i for i, layer in enumerate(stack) if layer.magnetization != 0]
    if flip is None:
        if len(ferro) < 2:
            raise ParameterError("stack", len(ferro), "needs >= 2 ferromagnetic layers for GMR")
        flip = [ferro[-1]]
    for i in flip:
        if not 0 <= i < len(stack) or stack[i].magnetization == 0:
            raise ParameterError("flip", i, "must index ferromagnetic layers of the stack")
    ifaces = _check(stack, interfaces, ends)
    resolved = [replace(f, magnetization=_interface_m(stack, k, f)) for k, f in enumerate(ifaces)]
    ap_stack = [replace(layer, magnetization=-layer.magnetization) if i in flip else layer
                for i, layer in enumerate(stack)]
    ap_ifaces = []
    for k, f in enumerate(resolved):
        src = k if stack[k].magnetization != 0 else k + 1
        if ifaces[k].magnetization is None and src in flip:
            f = replace(f, magnetization=-f.magnetization)
        ap_ifaces.append(f)
    return (solve_cpp(stack, resolved, ends=ends).resistance_area,
            solve_cpp(ap_stack, ap_ifaces, ends=ends).resistance_area)


# ------------------------------------------------------------------------- any angle
@dataclass(frozen=True)
class NoncollinearResult:
    """Solution of the noncollinear Valet-Fert problem (:func:`solve_cpp_noncollinear`).

    Attributes
    ----------
    resistance_area: AR [Ohm m^2] (eq. 3 with the longitudinal quantities of each F).
    spin_current_left, spin_current_right: (interfaces, 3) spin-current vectors [A/m^2]
        just left and right of each interface (J = j_up - j_down along each axis); their
        difference is the spin current absorbed by the interface (the spin-transfer torque
        on an adjacent F, per area, is hbar/(2e) times it).
    current_density: j [A/m^2].
    """

    resistance_area: float
    spin_current_left: np.ndarray
    spin_current_right: np.ndarray
    current_density: float


def _unit(vector, name: str) -> np.ndarray:
    v = np.asarray(vector, dtype=float)
    if v.shape != (3,) or not np.isfinite(v).all() or not np.linalg.norm(v) > 0:
        raise ParameterError(name, vector, "must be a non-zero finite 3-vector")
    return v / np.linalg.norm(v)


def _transverse(axis: np.ndarray) -> np.ndarray:
    """(2, 3) orthonormal vectors perpendicular to the unit ``axis``."""
    helper = np.eye(3)[np.argmin(np.abs(axis))]
    e1 = np.cross(axis, helper)
    e1 /= np.linalg.norm(e1)
    return np.array([e1, np.cross(axis, e1)])


def solve_cpp_noncollinear(
    stack: Sequence[Layer],
    interfaces: Sequence[Interface] | None = None,
    directions: Sequence | None = None,
    *,
    mixing_conductance: float | Sequence[float] = math.inf,
    ends: str = "leads",
    current_density: float = 1.0,
) -> NoncollinearResult:
    """Valet-Fert CPP transport with magnetizations at any angle (spin accumulation a vector).

    The spin accumulation mu [V] and spin current J [A/m^2] are 3-vectors. In a normal layer
    every component obeys eq. (1) with beta = 0 (isotropic spin diffusion). In a ferromagnet
    of unit magnetization M = magnetization * direction only the longitudinal parts mu.M and
    J.M exist and obey eq. (1) with beta; transverse spin is dephased within a few
    angstroms of the interface, so it enters F only as the current absorbed at the F/N
    interface through the (real) mixing conductance G_mix [S/m^2] (A. Brataas, Yu. V.
    Nazarov and G. E. W. Bauer, Phys. Rev. Lett. 84, 2481 (2000)), the boundary condition of
    the noncollinear Valet-Fert treatments (e.g. J. Barnas, A. Fert, M. Gmitra, I. Weymann
    and V. K. Dugaev, Phys. Rev. B 72, 024426 (2005)):

        along M:   J continuous, mu_N.M - mu_F = -/+ 2 r_b* (J.M - gamma j)  (eq. 2),
        across M:  J_perp (flowing into F) = G_mix mu_perp (N side),

    with G_mix = inf forcing mu_perp = 0 at the interface. Interfaces carry gamma along the
    magnetization M of the adjacent F (the left one if both are F); an explicit
    Interface.magnetization s puts it along s * direction of that F instead (so it turns
    with the layer's direction, not with its magnetization sign). The charge voltage
    involves only longitudinal quantities, so AR is eq. (3) with m beta (mu(right) -
    mu(left)) -> beta (mu.M(right) - mu.M(left)) and m gamma J -> gamma J.M. With all M
    along +-z this is :func:`solve_cpp` exactly.

    Parameters
    ----------
    stack: the layers (F layers' ``magnetization`` +-1 multiplies their direction).
    interfaces: one per boundary (``None``: none resistive).
    directions: one 3-vector per layer (ignored for normal layers); ``None``: all +z.
        Adjacent ferromagnets (no N between) must be collinear.
    mixing_conductance: G_mix [S/m^2] of every F/N interface, or one per interface, >= 0
        (``math.inf``: perfect absorption of transverse spin).
    ends: ``"leads"`` (first/last layers semi-infinite) or ``"reservoirs"`` (mu = 0).
    current_density: j [A/m^2] (AR does not depend on it).
    """
    interfaces = _check(stack, interfaces, ends)
    j = in_range("current_density", current_density)
    if j == 0:
        raise ParameterError("current_density", j, "must be non-zero (AR = V / j)")
    n = len(stack)
    if directions is None:
        directions = [(0.0, 0.0, 1.0)] * n
    if len(directions) != n:
        raise ParameterError("directions", len(directions), f"needs one per layer: {n}")
    g_mix = np.asarray(mixing_conductance, dtype=float)
    if g_mix.shape not in ((), (n - 1,)):
        raise ParameterError("mixing_conductance", mixing_conductance,
                             f"must be one number or one per interface ({n - 1})")
    g_mix = np.broadcast_to(g_mix, (n - 1,))
    if np.isnan(g_mix).any() or (g_mix < 0).any():
        raise ParameterError("mixing_conductance", mixing_conductance, "must be >= 0 S/m^2")
    lead = ends == "leads"
    # per layer: the (ncomp, 3) axes its components live on, and its unknowns' columns
    axes, cols, col = [], [], 0
    for i, layer in enumerate(stack):
        if layer.magnetization == 0:
            axes.append(np.eye(3))
        else:
            axes.append(layer.magnetization * _unit(directions[i], f"directions[{i}]")[None])
        per = 1 if lead and i in (0, n - 1) else 2
        cols.append([col + per * c for c in range(axes[-1].shape[0])])
        col += per * axes[-1].shape[0]
    size = col

    def face(i: int, side: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(mu (3, size), J (3, size), J0 (3,)) at a face: mu = mu @ c, J = J @ c + J0."""
        layer, ax = stack[i], axes[i]
        val, der = np.zeros((ax.shape[0], size)), np.zeros((ax.shape[0], size))
        for c, a in enumerate(cols[i]):
            if lead and i in (0, n - 1):  # lead: mu = A exp(+-(z - z_face)/lambda)
                val[c, a] = 1.0
                der[c, a] = (1.0 if i == 0 else -1.0) / layer.spin_diffusion_length
            else:
                p, q = _basis(layer)
                sgn = -1.0 if side == "left" else 1.0
                val[c, a], val[c, a + 1] = 1.0, sgn
                der[c, a], der[c, a + 1] = sgn * p, q
        source = np.full(ax.shape[0], layer.beta * j if layer.magnetization else 0.0)
        return ax.T @ val, -ax.T @ der / (2 * layer.resistivity), ax.T @ source

    rows, rhs = [], []
    for k, iface in enumerate(interfaces):
        mu_l, jl, jl0 = face(k, "right")
        mu_r, jr, jr0 = face(k + 1, "left")
        f_side = [s for s in (k, k + 1) if stack[s].magnetization != 0]
        if len(f_side) == 2 and abs(abs(axes[k][0] @ axes[k + 1][0]) - 1) > 1e-12:
            raise ParameterError("directions", (k, k + 1),
                                 "adjacent ferromagnets must be collinear (put N between)")
        longitudinal = axes[f_side[0]] if f_side else np.eye(3)
        m_if = _interface_m(stack, k, iface) * stack[f_side[0]].magnetization if f_side else 0
        rb = iface.resistance_area
        for a in longitudinal:
            g = iface.gamma * m_if * (a @ axes[f_side[0]][0]) if f_side else 0.0
            rows.append(a @ (jr - jl))
            rhs.append(a @ (jl0 - jr0))
            rows.append(a @ (mu_r - mu_l + 2 * rb * jl))
            rhs.append(2 * rb * (g * j - a @ jl0))
        if len(f_side) == 1:  # transverse spin absorbed at the F/N interface
            mu_n, j_n = (mu_r, jr) if f_side[0] == k else (mu_l, jl)
            into_f = -1.0 if f_side[0] == k else 1.0  # F on the left: into F is -z
            for e in _transverse(longitudinal[0]):
                if math.isinf(g_mix[k]):
                    rows.append(e @ mu_n)
                else:
                    rows.append(e @ (into_f * j_n - g_mix[k] * mu_n))
                rhs.append(0.0)
    if not lead:
        for i, side in ((0, "left"), (n - 1, "right")):
            mu_face = face(i, side)[0]
            for a in axes[i]:
                rows.append(a @ mu_face)
                rhs.append(0.0)
    coef = _solve_banded_system(np.array(rows), np.array(rhs))

    ar = 0.0
    for i, layer in enumerate(stack):
        if layer.magnetization == 0:
            if not (lead and i in (0, n - 1)):
                ar += layer.resistivity * layer.thickness
            continue
        a = cols[i][0]
        if lead and i in (0, n - 1):
            ar += (1.0 if i == 0 else -1.0) * layer.beta / 2 * coef[a] / j
        else:
            ar += layer.resistivity * (1 - layer.beta**2) * layer.thickness
            ar += layer.beta * coef[a + 1] / j
    left, right = [], []
    for k, iface in enumerate(interfaces):
        _, jl, jl0 = face(k, "right")
        _, jr, jr0 = face(k + 1, "left")
        left.append(jl @ coef + jl0)
        right.append(jr @ coef + jr0)
        f_side = [s for s in (k, k + 1) if stack[s].magnetization != 0]
        if f_side:
            ax = axes[f_side[0]][0]
            m_if = _interface_m(stack, k, iface) * stack[f_side[0]].magnetization
            ar -= iface.resistance_area * iface.gamma * m_if * (ax @ left[-1]) / j
        ar += iface.resistance_area
    return NoncollinearResult(float(ar), np.array(left), np.array(right), j)
