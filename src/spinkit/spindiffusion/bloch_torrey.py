"""Vector spin accumulation with drift, diffusion, relaxation and precession (Bloch-Torrey).

Model. The spin accumulation mu(r, t) (a vector, in volts as mu_s/e of
:mod:`spinkit.spindiffusion.steady`) in a non-magnetic channel obeys

    d mu / dt = D lap(mu) - v . grad(mu) - mu / tau_s + Omega x mu + s(r),               (1)

with diffusion constant D [m^2/s], drift velocity v [m/s], spin lifetime tau_s [s], Larmor
vector Omega = g mu_B B / hbar [rad/s] (the precession dS/dt = Omega x S of an electron spin
of g-factor g > 0 in the field B [T]) and a source s [V/s] (spin injection; see
:func:`injection_source`). This is H. C. Torrey's equation (Phys. Rev. 104, 563 (1956)) for
spins; with v = 0, B = 0 and one component it is the review's diffusion-relaxation equation.

Discretisation: finite volumes on a regular 1D or 2D grid of cell centres, second order in
the cell size, with fluxes F = v mu_face - D grad(mu) at the faces (central face values).
A side is ``"open"`` (no spin current through it: F = 0), a ``"sink"`` (mu = 0 on the face)
or a contact that absorbs spin, F = kappa mu_face (a Robin condition between the two).
For a uniform field (1) separates exactly: the component along Omega relaxes like a
scalar, and the two transverse components, combined into z = mu_1 + i mu_2 (e_1 x e_2 =
Omega/|Omega|), obey dz/dt = (K + i |Omega|) z with K the scalar operator. Steady states solve
the sparse systems directly; time stepping is the theta scheme (1 - theta dt A) mu^{n+1} =
(1 + (1 - theta) dt A) mu^n + dt s, with ``"backward_euler"`` (theta = 1, L-stable, first
order: safe for tau_s << dt) or ``"crank_nicolson"`` (theta = 1/2, second order), each
matrix factorised once. Without drift the grid operator is a sum of symmetric 1D operators
(D, tau_s and B are uniform), so in 2D the same equations are solved in its eigenbasis
(one ``eigh`` per axis): a steady state is a division per mode and any number of theta-scheme
steps a power per mode, which makes large 2D runs cheap.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp
from scipy.sparse.linalg import splu
from scipy.special import erfc, erfcx

from spinkit import constants

if TYPE_CHECKING:
    import xarray as xr
    from matplotlib.axes import Axes
from spinkit.errors import ParameterError
from spinkit.validation import array_in_range, in_range, positive

__all__ = [
    "SpinChannel",
    "VectorAccumulation",
    "larmor_frequency",
    "injection_source",
    "contact_velocity",
    "switch_on_profile",
    "solve_steady",
    "solve_transient",
]

_SIDES = ("open", "sink")


def _side_ok(side: object) -> bool:
    if isinstance(side, str):
        return side in _SIDES
    return isinstance(side, int | float) and not isinstance(side, bool) and bool(
        np.isfinite(side) and side >= 0)
_SCHEMES = {"backward_euler": 1.0, "crank_nicolson": 0.5}


def larmor_frequency(field: float | np.ndarray, g_factor: float = constants.g_e) -> np.ndarray:
    """Omega = g mu_B B / hbar [rad/s] for fields B [T]."""
    g = in_range("g_factor", g_factor)
    return g * constants.mu_B * array_in_range("field", field) / constants.hbar


def switch_on_profile(
    x: np.ndarray,
    t: np.ndarray,
    *,
    diffusion_constant: float,
    spin_lifetime: float,
    conductivity: float,
    polarization: float,
    current_density: float,
) -> np.ndarray:
    """mu_s(x, t) [V] after a spin current P j is switched on at x = 0, t = 0 (semi-infinite
    channel, no field): the flux solution of the diffusion-relaxation equation (H. S.
    Carslaw and J. C. Jaeger, Conduction of Heat in Solids, 2nd ed. (1959), sec. 2.9 with a
    first-order loss),

        mu_s = (P j lambda / sigma) [e^{-x/lambda} erfc(x / 2 sqrt(Dt) - sqrt(t/tau))
                                     - e^{x/lambda} erfc(x / 2 sqrt(Dt) + sqrt(t/tau))],

    which tends to (2 P j lambda / sigma) e^{-x/lambda} and equals (2 P j lambda/sigma)
    erf(sqrt(t/tau)) at x = 0. Broadcasts x [m] (>= 0) against t [s] (> 0).
    """
    d = positive("diffusion_constant", diffusion_constant)
    tau = positive("spin_lifetime", spin_lifetime)
    lam = np.sqrt(d * tau)
    x = array_in_range("x", x, low=0.0, bounds="[]")
    t = array_in_range("t", t, low=0.0)
    u, w = x / (2 * np.sqrt(d * t)), np.sqrt(t / tau)
    first = np.exp(-x / lam) * erfc(u - w)
    second = np.exp(x / lam - (u + w) ** 2) * erfcx(u + w)  # e^{x/l} erfc(u + w), no overflow
    amp = (in_range("polarization", polarization, low=-1.0, high=1.0, bounds="[]")
           * in_range("current_density", current_density) * lam
           / positive("conductivity", conductivity))
    return amp * (first - second)


@dataclass(frozen=True)
class SpinChannel:
    """A rectangular channel (1D or 2D) of a non-magnetic conductor on a regular grid.

    Parameters
    ----------
    lengths: (L_x,) or (L_x, L_y) [m].
    cells: (n_x,) or (n_x, n_y), each >= 3.
    diffusion_constant: D [m^2/s].
    spin_lifetime: tau_s [s].
    origin: position of the lower corner [m]; default 0.
    boundary: ``"open"`` (no spin current), ``"sink"`` (mu = 0) or a number kappa >= 0 [m/s]
        (a contact drawing the outgoing flux kappa mu, see :func:`contact_velocity`), for
        every side or one per side in the order (x-, x+[, y-, y+]).
    field: magnetic field B [T], a 3-vector (uniform).
    g_factor: electron g-factor (free electron 2.0023).
    drift_velocity: v [m/s], one component per dimension; the cell Peclet number
        |v| h / D must stay <= 2 (central differences).
    """

    lengths: tuple[float, ...]
    cells: tuple[int, ...]
    diffusion_constant: float
    spin_lifetime: float
    origin: tuple[float, ...] | None = None
    boundary: str | float | tuple[str | float, ...] = "open"
    field: tuple[float, float, float] = (0.0, 0.0, 0.0)
    g_factor: float = constants.g_e
    drift_velocity: tuple[float, ...] | None = None

    def __post_init__(self) -> None:
        d = len(self.lengths)
        if d not in (1, 2) or len(self.cells) != d:
            raise ParameterError("cells", self.cells, "lengths and cells: 1 or 2 entries each")
        for length in self.lengths:
            positive("lengths", length)
        for n in self.cells:
            if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 3:
                raise ParameterError("cells", self.cells, "each must be an integer >= 3")
        positive("diffusion_constant", self.diffusion_constant)
        positive("spin_lifetime", self.spin_lifetime)
        sides = self.sides if isinstance(self.boundary, str | int | float) else self.boundary
        if len(sides) != 2 * d or not all(_side_ok(s) for s in sides):
            raise ParameterError("boundary", self.boundary,
                                 f"'open', 'sink' or kappa >= 0 m/s, or {2 * d} of them "
                                 "(x-, x+, y-, y+)")
        if array_in_range("field", self.field).shape != (3,):
            raise ParameterError("field", self.field, "must be 3 finite numbers (T)")
        in_range("g_factor", self.g_factor)
        if self.origin is not None and array_in_range("origin", self.origin).shape != (d,):
            raise ParameterError("origin", self.origin, f"must be {d} finite numbers (m)")
        v = self.velocity
        if v.shape != (d,) or not np.isfinite(v).all():
            raise ParameterError("drift_velocity", self.drift_velocity, f"needs {d} numbers")
        peclet = np.max(np.abs(v) * self.spacing / self.diffusion_constant)
        if peclet > 2:
            raise ParameterError("drift_velocity", self.drift_velocity,
                                 f"cell Peclet number |v| h / D = {peclet:.3g} > 2: refine")

    @property
    def dim(self) -> int:
        """Number of dimensions, 1 or 2."""
        return len(self.lengths)

    @property
    def sides(self) -> tuple[str | float, ...]:
        """Boundary of each side (x-, x+[, y-, y+])."""
        if isinstance(self.boundary, str | int | float):
            return (self.boundary,) * (2 * self.dim)
        return tuple(self.boundary)

    @property
    def velocity(self) -> np.ndarray:
        """Drift velocity [m/s] as an array of dim components."""
        if self.drift_velocity is None:
            return np.zeros(self.dim)
        return np.asarray(self.drift_velocity, dtype=float)

    @property
    def spacing(self) -> np.ndarray:
        """Cell sizes h [m] per dimension."""
        return np.asarray(self.lengths, dtype=float) / np.asarray(self.cells)

    @property
    def axes(self) -> list[np.ndarray]:
        """Cell-centre coordinates [m] along each dimension."""
        org = np.zeros(self.dim) if self.origin is None else np.asarray(self.origin, float)
        return [org[i] + (np.arange(n) + 0.5) * h
                for i, (n, h) in enumerate(zip(self.cells, self.spacing, strict=True))]

    @property
    def spin_diffusion_length(self) -> float:
        """lambda_s = sqrt(D tau_s) [m]."""
        return float(np.sqrt(self.diffusion_constant * self.spin_lifetime))

    def scalar_operator(self) -> sp.csr_matrix:
        """K = D lap - v . grad - 1/tau_s on the grid (sparse, C-order over (x[, y]))."""
        ops = []
        for axis, (n, h) in enumerate(zip(self.cells, self.spacing, strict=True)):
            lo, hi = self.sides[2 * axis], self.sides[2 * axis + 1]
            ops.append(_axis_operator(n, h, self.diffusion_constant, self.velocity[axis],
                                      lo, hi))
        if self.dim == 1:
            k = ops[0]
        else:
            k = sp.kron(ops[0], sp.identity(self.cells[1])) + sp.kron(
                sp.identity(self.cells[0]), ops[1])
        size = int(np.prod(self.cells))
        return (k - sp.identity(size) / self.spin_lifetime).tocsc()

    def frame(self) -> tuple[np.ndarray, float]:
        """(rows e_1, e_2, e_3 = Omega/|Omega|; |Omega| [rad/s]); e_3 = z when B = 0."""
        omega = larmor_frequency(np.asarray(self.field, float), self.g_factor)
        w = float(np.linalg.norm(omega))
        e3 = omega / w if w > 0 else np.array([0.0, 0.0, 1.0])
        trial = np.array([1.0, 0.0, 0.0]) if abs(e3[0]) < 0.9 else np.array([0.0, 1.0, 0.0])
        e1 = trial - e3 * (trial @ e3)
        e1 /= np.linalg.norm(e1)
        return np.array([e1, np.cross(e3, e1), e3]), w


def _outflow(side: str | float, h: float, d: float) -> float:
    """c [m/s] of the outgoing boundary flux F = c u_cell: 0 (open), 2D/h (sink: mu = 0 on
    the face) or, for a contact kappa, kappa u_face with u_face = u (2D/h)/(2D/h + kappa)."""
    if side == "open":
        return 0.0
    if side == "sink":
        return 2 * d / h
    return float(side) * (2 * d / h) / (2 * d / h + float(side))


def _axis_operator(n: int, h: float, d: float, v: float, lo: str | float,
                   hi: str | float) -> sp.csr_matrix:
    """1D finite-volume -(F_{i+1/2} - F_{i-1/2})/h, F = v (u_i + u_{i+1})/2 - D (u_{i+1}-u_i)/h."""
    k = d / (h * h)
    a = v / (2 * h)
    main = np.full(n, -2 * k)
    upper = np.full(n - 1, k - a)
    lower = np.full(n - 1, k + a)
    # a boundary face replaces the interior face term (k -/+ a) by its outflow c u / h
    main[0] += (k - a) - _outflow(lo, h, d) / h
    main[-1] += (k + a) - _outflow(hi, h, d) / h
    return sp.diags([lower, main, upper], [-1, 0, 1], format="csr")


def contact_velocity(spin_conductance: float, conductivity: float,
                     diffusion_constant: float) -> float:
    """kappa = 2 D g / sigma [m/s] of a contact absorbing the spin current j_s = g mu_s.

    A ferromagnetic or spin-sink contact of spin conductance g [S/m^2] draws j_s = g mu_s
    (charge units) out of the channel; with j_s = -(sigma/2) d mu/dx the outgoing flux of
    mu is F = (2 D / sigma) j_s = kappa mu. Use it as a side of :class:`SpinChannel`.
    """
    for name, v in (("spin_conductance", spin_conductance), ("conductivity", conductivity),
                    ("diffusion_constant", diffusion_constant)):
        in_range(name, v, low=0.0, bounds="[)" if name == "spin_conductance" else "()")
    return 2 * diffusion_constant * spin_conductance / conductivity


@dataclass(frozen=True)
class VectorAccumulation:
    """Spin accumulation on a channel grid.

    Attributes
    ----------
    axes: cell-centre coordinates [m] per dimension.
    mu: (..., *cells, 3) spin accumulation [V] (leading axis: time, for transients).
    times: times [s] of the snapshots, or ``None`` for a steady state.
    """

    axes: list[np.ndarray]
    mu: np.ndarray
    times: np.ndarray | None = None

    def to_xarray(self) -> xr.DataArray:
        """The accumulation as an xarray.DataArray (dims [t,] x[, y], component)."""
        import xarray as xr

        names = ["x", "y"][: len(self.axes)]
        coords = {n: a for n, a in zip(names, self.axes, strict=True)}
        dims = names + ["component"]
        coords["component"] = ["x", "y", "z"]
        if self.times is not None:
            dims = ["t"] + dims
            coords["t"] = self.times
        return xr.DataArray(self.mu, dims=dims, coords=coords, name="mu",
                            attrs={"units": "V", "long_name": "spin accumulation mu_s/e"})

    def plot(self, ax: Axes | None = None, component: int = 2) -> Axes:
        """Profile (1D) or map (2D, with a colour bar) of one component of the last
        snapshot, in µV against µm."""
        import matplotlib.pyplot as plt

        if ax is None:
            _, ax = plt.subplots()
        mu = self.mu[-1] if self.times is not None else self.mu
        if isinstance(component, bool) or component not in (0, 1, 2):
            raise ParameterError("component", component, "must be 0, 1 or 2 (x, y, z)")
        label = f"μ_s,{'xyz'[component]} / e (µV)"
        if len(self.axes) == 1:
            ax.plot(self.axes[0] * 1e6, mu[:, component] * 1e6)
            ax.set_xlabel("x (µm)")
            ax.set_ylabel(label)
        else:
            mesh = ax.pcolormesh(self.axes[0] * 1e6, self.axes[1] * 1e6,
                                 mu[..., component].T * 1e6)
            ax.figure.colorbar(mesh, ax=ax, label=label)
            ax.set_xlabel("x (µm)")
            ax.set_ylabel("y (µm)")
        return ax


def injection_source(
    channel: SpinChannel,
    position: Sequence[float],
    *,
    spin_current: float,
    direction: Sequence[float],
    conductivity: float,
    cross_section: float,
) -> np.ndarray:
    """Source s [V/s] (*cells, 3) of a point injector of spin current I_s [A] (charge units).

    The spin current P I enters the cell holding ``position`` [m]: with j_s = -(sigma/2)
    d mu/dx the rate there is s = (2 D / sigma) I_s / V_cell along ``direction``, V_cell = h A
    (1D, ``cross_section`` A [m^2]) or h_x h_y t (2D, ``cross_section`` = film thickness t [m]).
    """
    spin_current = in_range("spin_current", spin_current)
    pos = array_in_range("position", position)
    if pos.shape != (channel.dim,):
        raise ParameterError("position", position, f"needs {channel.dim} coordinates")
    idx = []
    for p, a, h in zip(pos, channel.axes, channel.spacing, strict=True):
        i = int(np.argmin(np.abs(a - p)))
        if abs(a[i] - p) > h / 2 * (1 + 1e-9):
            raise ParameterError("position", position, "must lie inside the channel")
        idx.append(i)
    u = array_in_range("direction", direction)
    if u.shape != (3,) or np.linalg.norm(u) == 0:
        raise ParameterError("direction", direction, "must be a non-zero 3-vector")
    sigma = positive("conductivity", conductivity)
    volume = float(np.prod(channel.spacing)) * positive("cross_section", cross_section)
    src = np.zeros((*channel.cells, 3))
    src[tuple(idx)] = 2 * channel.diffusion_constant / sigma * spin_current / volume * (
        u / np.linalg.norm(u))
    return src


def _lu(a: sp.spmatrix):
    """Sparse LU; the minimum-degree ordering of A^T + A suits these near-symmetric stencils."""
    return splu(a.tocsc(), permc_spec="MMD_AT_PLUS_A")


def _split(mu: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(component along e_3, e_1 + i e_2 part), flattened over the grid."""
    c = mu.reshape(-1, 3) @ rows.T
    return c[:, 2], c[:, 0] + 1j * c[:, 1]


def _join(par: np.ndarray, perp: np.ndarray, rows: np.ndarray, shape) -> np.ndarray:
    c = np.stack([perp.real, perp.imag, par], axis=-1)
    return (c @ rows).reshape(*shape, 3)


def _source(channel: SpinChannel, source) -> np.ndarray:
    shape = (*channel.cells, 3)
    src = np.zeros(shape) if source is None else np.asarray(source, dtype=float)
    if src.shape != shape or not np.isfinite(src).all():
        raise ParameterError("source", src.shape, f"must be finite with shape {shape}")
    return src


class _Spectral:
    """Eigenbasis of K for a channel without drift: K = Kx (+) Ky - 1/tau with symmetric
    tridiagonal Kx, Ky (one ``eigh`` each), so every operator of eq. (1) is diagonal there."""

    def __init__(self, channel: SpinChannel) -> None:
        self.shape = tuple(channel.cells)
        self.q = []
        lam = -1.0 / channel.spin_lifetime
        for axis, (n, h) in enumerate(zip(channel.cells, channel.spacing, strict=True)):
            op = _axis_operator(n, h, channel.diffusion_constant, 0.0,
                                channel.sides[2 * axis], channel.sides[2 * axis + 1])
            w, q = np.linalg.eigh(op.toarray())
            self.q.append(q)
            lam = np.add.outer(lam, w) if np.ndim(lam) else lam + w
        self.lam = np.asarray(lam).reshape(-1)

    def _apply(self, u: np.ndarray, transpose: bool) -> np.ndarray:
        if np.iscomplexobj(u):  # real matrices: transform the two parts with real BLAS
            return self._apply(u.real, transpose) + 1j * self._apply(u.imag, transpose)
        u = u.reshape(self.shape)
        out = (self.q[0].T if transpose else self.q[0]) @ u
        if len(self.q) == 2:
            out = out @ (self.q[1] if transpose else self.q[1].T)
        return out.reshape(-1)

    def forward(self, u: np.ndarray) -> np.ndarray:
        """Coefficients of u in the eigenbasis."""
        return self._apply(u, True)

    def backward(self, u: np.ndarray) -> np.ndarray:
        """Grid values from eigenbasis coefficients."""
        return self._apply(u, False)


def _method(channel: SpinChannel, method: str) -> str:
    if method not in ("auto", "lu", "spectral"):
        raise ParameterError("method", method, "must be 'auto', 'lu' or 'spectral'")
    drift = bool(np.any(channel.velocity != 0))
    if method == "spectral" and drift:
        raise ParameterError("method", method, "'spectral' needs drift_velocity = 0")
    if method == "auto":
        return "spectral" if channel.dim == 2 and not drift else "lu"
    return method


def solve_steady(
    channel: SpinChannel, source: np.ndarray, *, method: str = "auto"
) -> VectorAccumulation:
    """Steady state of eq. (1): K mu_par = -s_par, (K + i Omega) z = -s_perp.

    ``method``: ``"lu"`` (sparse LU), ``"spectral"`` (eigenbasis of K, no drift only) or
    ``"auto"`` (spectral in 2D without drift, LU otherwise); both give the same solution.
    """
    src = _source(channel, source)
    rows, w = channel.frame()
    s_par, s_perp = _split(src, rows)
    if _method(channel, method) == "spectral":
        sp_ = _Spectral(channel)
        par = sp_.backward(-sp_.forward(s_par) / sp_.lam)
        perp = sp_.backward(-sp_.forward(s_perp) / (sp_.lam + 1j * w))
    else:
        k = channel.scalar_operator()
        par = _lu(k).solve(-s_par)
        perp = _lu(k + 1j * w * sp.identity(k.shape[0])).solve(-s_perp)
    return VectorAccumulation(channel.axes, _join(par, perp, rows, channel.cells))


def solve_transient(
    channel: SpinChannel,
    *,
    duration: float,
    steps: int,
    initial: np.ndarray | None = None,
    source: np.ndarray | None = None,
    scheme: str = "crank_nicolson",
    save_every: int | None = None,
    method: str = "auto",
) -> VectorAccumulation:
    """Integrate eq. (1) from ``initial`` (default 0) over ``duration`` [s] in ``steps``.

    Returns snapshots at t = 0 and every ``save_every`` steps (default: only the end).
    ``scheme``: ``"crank_nicolson"`` or ``"backward_euler"`` (module docstring).
    ``method``: ``"lu"`` factorises 1 - theta dt A once and solves every step;
    ``"spectral"`` (no drift) applies the same theta-scheme in the eigenbasis of K, where one
    step multiplies each mode by r = (1 + (1 - theta) dt l)/(1 - theta dt l) and n steps by
    r^n, so only the saved snapshots cost a transform; ``"auto"``: spectral in 2D without
    drift, LU otherwise. Both give the same numbers up to rounding.
    """
    if scheme not in _SCHEMES:
        raise ParameterError("scheme", scheme, f"must be one of {tuple(_SCHEMES)}")
    if isinstance(steps, bool) or not isinstance(steps, int | np.integer) or steps < 1:
        raise ParameterError("steps", steps, "must be an integer >= 1")
    save_every = steps if save_every is None else save_every
    if (isinstance(save_every, bool) or not isinstance(save_every, int | np.integer)
            or not 1 <= save_every <= steps):
        raise ParameterError("save_every", save_every, f"must be an integer in [1, {steps}]")
    dt = positive("duration", duration) / steps
    theta = _SCHEMES[scheme]
    rows, w = channel.frame()
    mu0 = _source(channel, initial)
    src = _source(channel, source)
    par, perp = _split(mu0, rows)
    s_par, s_perp = _split(src, rows)
    saved = np.arange(save_every, steps + 1, save_every)
    out = []
    if _method(channel, method) == "spectral":
        sp_ = _Spectral(channel)
        for shift, u, s in ((0.0, par, s_par), (1j * w, perp, s_perp)):
            lam = sp_.lam + shift
            u_hat = sp_.forward(u)
            steady = -sp_.forward(s) / lam
            r = (1 + (1 - theta) * dt * lam) / (1 - theta * dt * lam)
            snaps = [u]
            for n in saved:
                snaps.append(sp_.backward(r**n * (u_hat - steady) + steady))
            out.append(snaps)
    else:
        k = channel.scalar_operator()
        eye = sp.identity(k.shape[0], format="csc")
        for a, u, s in ((k, par, s_par), ((k + 1j * w * eye).tocsc(), perp, s_perp)):
            lhs = _lu(eye - theta * dt * a)
            rhs_op = (eye + (1 - theta) * dt * a).tocsr()
            snaps = [u]
            for n in range(1, steps + 1):
                u = lhs.solve(rhs_op @ u + dt * s)
                if n % save_every == 0:
                    snaps.append(u)
            out.append(snaps)
    mu = np.stack([_join(p, q, rows, channel.cells) for p, q in zip(*out, strict=True)])
    times = dt * np.concatenate([[0], saved])
    return VectorAccumulation(channel.axes, mu, times)
