"""Demagnetizing field on the mesh: FFT convolution with the Newell tensor.

The field of the magnetization M = Ms m is a discrete convolution over cells,

    H_i = - sum_j N(r_i - r_j) M_j,       B_d = mu0 H     [T],
    w   = -(1/2) Ms m . B_d                [J/m^3],

with N the demagnetizing tensor of a pair of uniformly magnetized cuboid cells. Near cells
use the closed forms of A. J. Newell, W. Williams and D. J. Dunlop, J. Geophys. Res. 98, 9551
(1993): N_xx = 1/(4 pi V) sum_{abc in {-1,0,1}} w_a w_b w_c f(X + a dx, Y + b dy, Z + c dz)
with w = (-1, 2, -1) (the second difference over both cells) and N_xy alike with g; N_yy,
N_zz, N_xz, N_yz by permuting the axes. These are exact for cuboid cells but lose digits to
cancellation far away (roughly eps (r/d)^7), so beyond ``far`` cell sizes (default 30, where
the two agree to ~1e-6 relative) the pair tensor is
the point-dipole tensor N_ab = V (delta_ab - 3 r_a r_b / r^2) / (4 pi r^3) averaged over both
cells by 2-point Gauss quadrature per axis (error ~ (d/r)^4).

The tensor is computed on one octant of offsets and unfolded by its parities (diagonal
components even, N_xy odd in x and y, ...); its Fourier transform is then real, so six real
arrays of the real-to-complex FFT shape hold it. Along open directions the magnetization is
zero-padded to at least 2n - 1 cells (no aliasing). Along the mesh's periodic directions the
tensor is summed over ``images`` copies of the sample on each side of each offset's nearest
copy and the convolution is circular over the n cells (a sample repeated 2 images + 1 times,
as mumax3's PBC).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import scipy.fft

from spinkit import constants
from spinkit.errors import ParameterError
from spinkit.magnetization.term import EnergyTerm
from spinkit.micromagnetics._kernels import tensor_product
from spinkit.micromagnetics.mesh import Mesh

if TYPE_CHECKING:
    from spinkit.micromagnetics.magnet import Magnet

__all__ = ["Demag", "newell_tensor", "newell_f", "newell_g", "DemagKernel"]

WORKERS = os.cpu_count() or 1

# component order: xx, yy, zz, xy, xz, yz; the axis permutation that maps each to f or g,
# and its parity along (x, y, z) (+1 even, -1 odd)
_COMPONENTS = (("f", (0, 1, 2)), ("f", (1, 0, 2)), ("f", (2, 1, 0)),
               ("g", (0, 1, 2)), ("g", (0, 2, 1)), ("g", (1, 2, 0)))
_PARITY = ((1, 1, 1), (1, 1, 1), (1, 1, 1), (-1, -1, 1), (-1, 1, -1), (1, -1, -1))
_PAIRS = ((0, 0), (1, 1), (2, 2), (0, 1), (0, 2), (1, 2))


def _ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    """num / den, and 0 where den = 0 (there the term's prefactor vanishes too)."""
    return np.divide(num, den, out=np.zeros(np.broadcast(num, den).shape), where=den > 0)


def newell_f(x: np.ndarray, y: np.ndarray, z: np.ndarray) -> np.ndarray:
    """Newell's f(x, y, z) [m^4] (even in each argument), whose second differences give N_xx."""
    x, y, z = np.abs(x), np.abs(y), np.abs(z)
    x2, y2, z2 = x * x, y * y, z * z
    r = np.sqrt(x2 + y2 + z2)
    out = 0.5 * y * (z2 - x2) * np.arcsinh(_ratio(y, np.sqrt(x2 + z2)))
    out += 0.5 * z * (y2 - x2) * np.arcsinh(_ratio(z, np.sqrt(x2 + y2)))
    out -= x * y * z * np.arctan(_ratio(y * z, x * r))
    out += (2 * x2 - y2 - z2) * r / 6
    return out


def newell_g(x: np.ndarray, y: np.ndarray, z: np.ndarray) -> np.ndarray:
    """Newell's g(x, y, z) [m^4] (odd in x and y, even in z), which gives N_xy."""
    sign = np.sign(x) * np.sign(y)
    x, y, z = np.abs(x), np.abs(y), np.abs(z)
    x2, y2, z2 = x * x, y * y, z * z
    r = np.sqrt(x2 + y2 + z2)
    out = x * y * z * np.arcsinh(_ratio(z, np.sqrt(x2 + y2)))
    out += y / 6 * (3 * z2 - y2) * np.arcsinh(_ratio(x, np.sqrt(y2 + z2)))
    out += x / 6 * (3 * z2 - x2) * np.arcsinh(_ratio(y, np.sqrt(x2 + z2)))
    out -= z2 * z / 6 * np.arctan(_ratio(x * y, z * r))
    out -= z * y2 / 2 * np.arctan(_ratio(x * z, y * r))
    out -= z * x2 / 2 * np.arctan(_ratio(y * z, x * r))
    out -= x * y * r / 3
    return sign * out


def _near(n: tuple[int, int, int], cell: np.ndarray) -> np.ndarray:
    """Newell tensor at offsets (i dx, j dy, k dz), 0 <= i < nx, ...: shape (6, nx, ny, nz)."""
    out = np.empty((6,) + tuple(n))
    w = (-1.0, 2.0, -1.0)
    for c, (fn, perm) in enumerate(_COMPONENTS):
        # node coordinates -1 .. n along each axis; f and g are evaluated once per node
        nodes = [np.arange(-1, k + 1) * d for k, d in zip(n, cell, strict=True)]
        grid = np.meshgrid(*nodes, indexing="ij", sparse=True)
        args = [grid[p] for p in perm]
        values = (newell_f if fn == "f" else newell_g)(*args)
        acc = np.zeros(n)
        for a in range(3):
            for b in range(3):
                for cc in range(3):
                    acc += (w[a] * w[b] * w[cc]) * values[a:a + n[0], b:b + n[1], cc:cc + n[2]]
        out[c] = acc / (4 * np.pi * np.prod(cell))
    return out


def _far(offsets: np.ndarray, cell: np.ndarray) -> np.ndarray:
    """Cell-averaged point-dipole tensor at ``offsets`` (shape (3, m)) [-]: shape (6, m)."""
    out = np.zeros((6, offsets.shape[1]))
    shift = np.array([-1.0, 0.0, 1.0]) / np.sqrt(3)  # u - v of 2-point Gauss on both cells
    weight = np.array([0.25, 0.5, 0.25])
    vol = np.prod(cell)
    for a in range(3):
        for b in range(3):
            for c in range(3):
                r = offsets + (np.array([shift[a], shift[b], shift[c]]) * cell)[:, None]
                r2 = np.sum(r * r, axis=0)
                pref = weight[a] * weight[b] * weight[c] * vol / (4 * np.pi * r2 ** 1.5)
                for k, (i, j) in enumerate(_PAIRS):
                    out[k] += pref * ((i == j) - 3 * r[i] * r[j] / r2)
    return out


def newell_tensor(n: tuple[int, int, int], cell: tuple[float, float, float],
                  far: float = 30.0) -> np.ndarray:
    """Demagnetizing tensor N(i dx, j dy, k dz) for offsets 0 <= i < nx, ... [-].

    Returns shape (6, nx, ny, nz) in the order xx, yy, zz, xy, xz, yz. Offsets farther than
    ``far`` times the largest cell size use the averaged dipole tensor (module docstring).
    """
    mesh = Mesh(n, cell)  # validates n and cell by name
    if not (np.isfinite(far) and far > 0):
        raise ParameterError("far", far, "must be a number > 0 (cell sizes)")
    n, cell_arr = mesh.n, np.asarray(mesh.cell)
    out = _near(n, cell_arr)
    idx = np.meshgrid(*[np.arange(k) for k in n], indexing="ij")
    offsets = np.array([i.ravel() * d for i, d in zip(idx, cell_arr, strict=True)])
    is_far = np.sqrt(np.sum(offsets**2, axis=0)) > far * cell_arr.max()
    if is_far.any():
        out.reshape(6, -1)[:, is_far] = _far(offsets[:, is_far], cell_arr)
    return out


def _unfold(octant: np.ndarray, axis: int, size: int, sign: int) -> np.ndarray:
    """Place a component given for offsets 0..k-1 along ``axis`` on the open (zero-padded)
    periodic FFT grid of ``size`` points: offset -i at index size - i."""
    k = octant.shape[axis]
    if size == 1:
        return octant
    neg = sign * np.flip(np.take(octant, np.arange(1, k), axis=axis), axis=axis)
    gap_shape = list(octant.shape)
    gap_shape[axis] = size - (2 * k - 1)
    return np.concatenate([octant, np.zeros(gap_shape), neg], axis=axis)


def _fold(octant: np.ndarray, axis: int, n: int, images: int, sign: int) -> np.ndarray:
    """A component given for offsets 0..(images + 1) n - 1 along a periodic ``axis``, summed
    over the images around the nearest copy of each offset: K[j] = sum_{r=-images..images}
    N(j' + r n), j' = j for j < n/2 and j - n for j > n/2 (the mean of both at j = n/2), so
    that K keeps N's parity, K[n - j] = +-K[j], and the field its mirror symmetries."""

    def images_of(base: np.ndarray) -> np.ndarray:
        shape = [1] * octant.ndim
        shape[axis] = base.size
        out = 0.0
        for r in range(-images, images + 1):
            k = base + r * n
            values = np.take(octant, np.abs(k), axis=axis)
            out = out + (values * np.sign(k).reshape(shape) if sign < 0 else values)
        return out

    j = np.arange(n)
    folded = images_of(np.where(2 * j <= n, j, j - n))
    if n % 2 == 0 and n > 1:  # offset n/2 is as near as -n/2: the mean of both
        half = [slice(None)] * octant.ndim
        half[axis] = slice(n // 2, n // 2 + 1)
        folded[tuple(half)] = 0.5 * (folded[tuple(half)] + images_of(np.array([-n // 2])))
    return folded


@dataclass
class DemagKernel:
    """The Fourier-transformed Newell tensor of a mesh, ready for the convolution.

    Axes with one cell are not transformed. The transforms are pruned: the forward one pads
    each axis just before transforming it (the earlier stages work on the unpadded data), the
    inverse one crops each axis right after transforming it. The real-to-complex transform
    runs along the last transformed axis.
    """

    mesh: Mesh
    far: float = 30.0
    images: int = 10
    padded: tuple[int, ...] = field(init=False)
    axes: tuple[int, ...] = field(init=False)
    kernel: np.ndarray = field(init=False, repr=False)

    def __post_init__(self) -> None:
        n = self.mesh.n
        periodic = ["xyz"[a] in self.mesh.pbc for a in range(3)]
        self.padded = tuple(
            k if per else (1 if k == 1 else scipy.fft.next_fast_len(2 * k - 1, real=True))
            for k, per in zip(n, periodic, strict=True))
        self.axes = tuple(a for a in range(3) if self.padded[a] > 1)
        extent = tuple((self.images + 1) * k if per else k
                       for k, per in zip(n, periodic, strict=True))
        octant = newell_tensor(extent, self.mesh.cell, self.far)
        full = []
        for c in range(6):
            comp = octant[c]
            for a in range(3):
                comp = (_fold(comp, a, n[a], self.images, _PARITY[c][a]) if periodic[a]
                        else _unfold(comp, a, self.padded[a], _PARITY[c][a]))
            full.append(comp)
        # transformed axes only (size-1 axes squeezed out: pocketfft is fastest along the
        # last, contiguous axis), one thread below 2^18 padded cells (threads cost more there)
        self._shape = tuple(n[a] for a in self.axes)
        self._pad = tuple(self.padded[a] for a in self.axes)
        self._workers = 1 if np.prod(self.padded) < 2**18 else WORKERS
        if not self.axes:  # a single cell: the self term alone
            self.kernel = np.stack(full).reshape(6)
        else:
            self.kernel = np.stack([self._forward(f.reshape((1,) + self._pad)).real[0]
                                    for f in full])
        self._flat = self.kernel.reshape(6, -1)

    def _forward(self, x: np.ndarray) -> np.ndarray:
        """Padded FFT of x, shape (c,) + the transformed axes' sizes (axis 0: components)."""
        last = len(self._pad)
        y = scipy.fft.rfft(x, n=self._pad[-1], axis=last, workers=self._workers)
        for i in range(last - 1, 0, -1):
            y = scipy.fft.fft(y, n=self._pad[i - 1], axis=i, workers=self._workers,
                              overwrite_x=True)
        return y

    def _inverse(self, y: np.ndarray) -> np.ndarray:
        """Inverse of :meth:`_forward`, cropped to the mesh."""
        last = len(self._pad)
        for i in range(1, last):
            y = scipy.fft.ifft(y, axis=i, workers=self._workers, overwrite_x=True)
            y = y[(slice(None),) * i + (slice(0, self._shape[i - 1]),)]
        x = scipy.fft.irfft(y, n=self._pad[-1], axis=last, workers=self._workers)
        return x[..., :self._shape[-1]]

    def field(self, mag: np.ndarray) -> np.ndarray:
        """H = -N * M [A/m] of the magnetization ``mag`` = Ms m [A/m], shape (nx, ny, nz, 3)."""
        comp = np.ascontiguousarray(np.moveaxis(mag, -1, 0))
        if not self.axes:
            k = self.kernel
            matrix = np.array([[k[0], k[3], k[4]], [k[3], k[1], k[5]], [k[4], k[5], k[2]]])
            h = np.einsum("ij,j...->i...", matrix, comp)
        else:
            fm = self._forward(comp.reshape((3,) + self._shape))
            fh = np.empty_like(fm)
            tensor_product(self._flat, fm.reshape(3, -1), fh.reshape(3, -1))
            h = self._inverse(fh).reshape(comp.shape)
        out = np.empty(mag.shape)
        np.negative(np.moveaxis(h, 0, -1), out=out)
        return out


@dataclass(frozen=True, eq=False)
class Demag(EnergyTerm):
    """Demagnetizing field of the whole sample on the mesh (module docstring).

    Parameters
    ----------
    far: distance, in units of the largest cell size, beyond which the cell-pair tensor is
        the averaged dipole tensor instead of Newell's closed form (>= 10).
    images: along the mesh's periodic directions, the number of copies of the sample on
        each side whose field is summed (mumax3's PBC repetitions; >= 0).
    """

    far: float = 30.0
    images: int = 10

    def __post_init__(self) -> None:
        if not (np.isfinite(self.far) and self.far >= 10):
            raise ParameterError("far", self.far, "must be a number >= 10 (cell sizes)")
        if not (isinstance(self.images, int | np.integer) and self.images >= 0):
            raise ParameterError("images", self.images, "must be an integer >= 0")

    def __repr__(self) -> str:
        return "Demag()"

    def bind(self, magnet: Magnet) -> _BoundDemag:
        """The evaluator of this term on ``magnet``'s mesh."""
        return _BoundDemag(DemagKernel(magnet.mesh, self.far, self.images), magnet.Ms)


@dataclass
class _BoundDemag:
    kernel: DemagKernel
    Ms: np.ndarray

    def field(self, m: np.ndarray, t: float = 0.0) -> np.ndarray:
        return constants.mu_0 * self.kernel.field(self.Ms[..., None] * m)

    def energy_density(self, m: np.ndarray, t: float = 0.0) -> np.ndarray:
        return -0.5 * self.Ms * np.sum(m * self.field(m, t), axis=-1)
