"""Classical Heisenberg (and Ising) Monte Carlo on any lattice.

Model (the review's sign convention, each pair counted once):

    H = - sum_{<ij>} J_ij S_i . S_j - K sum_i (S_i . e)^2 - mu_s B . sum_i S_i,   |S_i| = 1

J_ij > 0 is ferromagnetic, J_ij < 0 antiferromagnetic; J_ij = J_k for every pair in
neighbour shell k [J]. K [J] is a uniaxial anisotropy along the unit vector e, B [T] the
applied field acting on the moment mu_s [J/T]. The Ising model is the special case
S_i = +-z. With this convention the simple-cubic ferromagnet orders at
k_B T_c = 1.4430(2) J (Chen, Ferrenberg and Landau, Phys. Rev. B 48, 3249 (1993)) and the
square-lattice Ising model at k_B T_c = 2 J / ln(1 + sqrt 2) (Onsager 1944).

Updates (numba kernels in :mod:`._kernels`): Metropolis with a trial cone adapted during
thermalisation towards 50 % acceptance, plus over-relaxation sweeps, colour class by colour
class (``checkerboard``, the default: SIMD-vectorised, on the numba threads, the same
numbers for any thread count) or in site order on one core; or Wolff single-cluster updates (no
field or anisotropy).
Observables per temperature, with binning/jackknife error bars (:mod:`.statistics`): energy,
|M|, staggered |M| (bipartite lattices), susceptibility, specific heat and the Binder
cumulant U_4 = 1 - <m^4> / (3 <m^2>^2).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, fields
from functools import cached_property
from typing import TYPE_CHECKING

import numba
import numpy as np
import xarray as xr

from spinkit import constants
from spinkit.errors import ParameterError
from spinkit.exchange import _kernels
from spinkit.exchange.statistics import binning, jackknife
from spinkit.lattice import Lattice, Supercell
from spinkit.progress import Progress
from spinkit.validation import finite

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = [
    "HeisenbergModel",
    "MonteCarloResult",
    "ALGORITHMS",
    "temperature_scan",
    "parallel_tempering",
    "binder_crossing",
]

ALGORITHMS = ("metropolis", "wolff")
_TARGET_ACCEPTANCE = 0.5
_SITES_PER_THREAD = 32768  # checkerboard: fewer sites per thread cost more to start than run


def _vector(name: str, value: Sequence[float]) -> np.ndarray:
    v = np.asarray(value, dtype=float)
    if v.shape != (3,) or not np.isfinite(v).all():
        raise ParameterError(name, value, "must be three finite numbers [x, y, z]")
    return v


@dataclass(frozen=True)
class HeisenbergModel:
    """Classical spins on a periodic supercell (module docstring for H).

    Attributes
    ----------
    cell: the supercell with neighbour tables for ``len(exchange)`` shells.
    exchange: J_k per shell [J] (> 0 ferromagnetic).
    anisotropy: K [J] (> 0 easy axis, < 0 easy plane).
    easy_axis: unit vector e.
    field: B [T].
    moment: mu_s [J/T] that couples to B.
    ising: spins restricted to +-z.
    """

    cell: Supercell
    exchange: tuple[float, ...]
    anisotropy: float = 0.0
    easy_axis: tuple[float, float, float] = (0.0, 0.0, 1.0)
    field: tuple[float, float, float] = (0.0, 0.0, 0.0)
    moment: float = constants.mu_B
    ising: bool = False

    def __post_init__(self) -> None:
        ex = tuple(finite(f"J{k + 1}", j) for k, j in enumerate(self.exchange))
        if len(ex) != len(self.cell.shells):
            raise ParameterError("exchange", list(self.exchange),
                                 f"needs one J per shell of the cell ({len(self.cell.shells)})")
        axis = _vector("easy_axis", self.easy_axis)
        if np.linalg.norm(axis) == 0:
            raise ParameterError("easy_axis", self.easy_axis, "must be a non-zero vector")
        object.__setattr__(self, "exchange", ex)
        object.__setattr__(self, "easy_axis", tuple(axis / np.linalg.norm(axis)))
        object.__setattr__(self, "field", tuple(_vector("field", self.field)))
        object.__setattr__(self, "anisotropy", finite("anisotropy", self.anisotropy))
        if finite("moment", self.moment) <= 0:
            raise ParameterError("moment", self.moment, "must be > 0 J/T")
        if not isinstance(self.ising, bool | np.bool_):
            raise ParameterError("ising", self.ising, "must be True or False")
        if self.ising and (self.anisotropy != 0 or self.field[0] or self.field[1]):
            raise ParameterError("ising", True, "Ising spins take only a field along z and "
                                 "no anisotropy")

    @classmethod
    def on_lattice(cls, lattice: Lattice, size: int | Sequence[int],
                   exchange: Sequence[float], **kwargs: object) -> HeisenbergModel:
        """The model on a ``size`` supercell of ``lattice`` with shells J_1, J_2, ..."""
        if len(exchange) < 1:
            raise ParameterError("exchange", list(exchange), "needs at least J1")
        return cls(lattice.supercell(size, shells=len(exchange)), tuple(exchange), **kwargs)

    @property
    def n_sites(self) -> int:
        """Number of spins N."""
        return self.cell.n_sites

    def staggered_sign(self) -> np.ndarray | None:
        """+-1 per site for the Neel order parameter, None on a non-bipartite cell."""
        return self.cell.bipartite_sign(0)

    def random_spins(self, rng: np.random.Generator) -> np.ndarray:
        """(N, 3) random unit vectors (Ising: +-z)."""
        n = self.n_sites
        if self.ising:
            s = np.zeros((n, 3))
            s[:, 2] = rng.choice([-1.0, 1.0], size=n)
            return s
        v = rng.standard_normal((n, 3))
        return v / np.linalg.norm(v, axis=1, keepdims=True)

    def energy(self, spins: np.ndarray) -> float:
        """Total energy H [J] of a configuration (N, 3) (module docstring)."""
        s = np.asarray(spins, dtype=float)
        bonds = self.cell.bond_values(self.exchange)
        pair = np.einsum("ik,ikc,ic->", bonds, s[self.cell.neighbours], s)
        proj = s @ np.asarray(self.easy_axis)
        zeeman = self.moment * np.asarray(self.field) @ s.sum(axis=0)
        return float(-0.5 * pair - self.anisotropy * np.sum(proj**2) - zeeman)

    @cached_property
    def colour_classes(self) -> tuple[np.ndarray, np.ndarray]:
        """(order, starts): the sites grouped by a greedy colouring of the bond graph (every
        shell with J != 0), class c being ``order[starts[c]:starts[c + 1]]``; no two sites
        of a class are bonded (two classes, the checkerboard, on bipartite cells)."""
        colour = _kernels.colouring(self.cell.neighbours, self.cell.bond_values(self.exchange))
        order = np.argsort(colour, kind="stable")
        starts = np.searchsorted(colour[order], np.arange(colour.max() + 2))
        return order, starts

    @cached_property
    def _colour_neighbours(self) -> tuple[np.ndarray, np.ndarray]:
        order, starts = self.colour_classes
        position = np.empty_like(order)
        position[order] = np.arange(order.size)
        index = np.int32 if order.size < 2**31 else np.int64
        nbr = np.ascontiguousarray(position[self.cell.neighbours[order]].T, dtype=index)
        return nbr, _kernels.block_shifts(nbr, starts)

    @cached_property
    def _uniform_bonds(self) -> bool:
        bonds = self.cell.bond_values(self.exchange)
        return bool((bonds == bonds[:1]).all())

    def colour_tables(self, jb: np.ndarray) -> tuple[np.ndarray, ...]:
        """(order, starts, nbr_c, jb_c, shift) for the checkerboard kernel: the colour
        classes (:attr:`colour_classes`), the neighbour table (z, N) in the colour-sorted
        numbering (site k of it is site ``order[k]``), the reduced couplings ``jb`` (N, z) of
        this model (:meth:`reduced`) in that numbering (z, N), or (z, 1) when every site has
        the same couplings, and the blocks whose neighbours are shifted slices
        (``_kernels.block_shifts``)."""
        order, starts = self.colour_classes
        if self._uniform_bonds:
            jb_c = np.ascontiguousarray(jb[:1].T)
        else:
            jb_c = np.ascontiguousarray(jb[order].T)
        nbr, shift = self._colour_neighbours
        return order, starts, nbr, jb_c, shift

    def reduced(self, temperature: float) -> tuple[np.ndarray, np.ndarray, float]:
        """(J/k_B T per bond (N, z), mu_s B/k_B T (3,), K/k_B T) for the kernels."""
        beta = 1.0 / (constants.k_B * temperature)
        return (beta * self.cell.bond_values(self.exchange),
                beta * self.moment * np.asarray(self.field), beta * self.anisotropy)


@dataclass(frozen=True)
class MonteCarloResult:
    """Observables of a temperature scan, per spin, with one-sigma errors (``*_err``).

    Attributes
    ----------
    temperature: (nT,) [K], ascending.
    energy: <H>/N [J].
    magnetization: <|M|>/N [-] (|S| = 1).
    staggered: <|M_s|>/N [-], M_s = sum_i eps_i S_i (NaN if not bipartite).
    susceptibility: N (<m^2> - <|m|>^2) / (k_B T) [1/J].
    staggered_susceptibility: same with m_s [1/J].
    specific_heat: N (<e^2> - <e>^2) / (k_B T^2) [J/K per spin].
    binder: U_4 = 1 - <m^4>/(3 <m^2>^2) [-].
    staggered_binder: U_4 of m_s [-].
    acceptance: Metropolis acceptance ratio or Wolff cluster size / N [-].
    tau_int: integrated autocorrelation time of |m| [samples].
    n_sites: N; size: supercell size.
    """

    temperature: np.ndarray
    energy: np.ndarray
    energy_err: np.ndarray
    magnetization: np.ndarray
    magnetization_err: np.ndarray
    staggered: np.ndarray
    staggered_err: np.ndarray
    susceptibility: np.ndarray
    susceptibility_err: np.ndarray
    staggered_susceptibility: np.ndarray
    staggered_susceptibility_err: np.ndarray
    specific_heat: np.ndarray
    specific_heat_err: np.ndarray
    binder: np.ndarray
    binder_err: np.ndarray
    staggered_binder: np.ndarray
    staggered_binder_err: np.ndarray
    acceptance: np.ndarray
    tau_int: np.ndarray
    n_sites: int
    size: tuple[int, ...]

    _UNITS = {"temperature": "K", "energy": "J", "susceptibility": "1/J",
              "staggered_susceptibility": "1/J", "specific_heat": "J/K"}

    def plot(self, ax: Axes | None = None, observable: str = "magnetization") -> Axes:
        """Plot ``observable`` (a field name, e.g. ``"binder"``) against T with error bars."""
        import matplotlib.pyplot as plt

        if observable not in {f.name for f in fields(self)} - {"n_sites", "size"}:
            raise ParameterError("observable", observable, "must be a result field name")
        ax = ax if ax is not None else plt.figure().add_subplot()
        err = getattr(self, observable + "_err", None)
        ax.errorbar(self.temperature, getattr(self, observable), err, fmt="o-", ms=3,
                    capsize=2, label=f"L = {'x'.join(map(str, self.size))}")
        ax.set_xlabel("T (K)")
        ax.set_ylabel(f"{observable} ({self._UNITS.get(observable, '-') or '-'})")
        return ax

    def to_xarray(self) -> xr.Dataset:
        """The observables as variables over ``temperature``."""
        data = {}
        for f in fields(self):
            if f.name in ("temperature", "n_sites", "size"):
                continue
            unit = self._UNITS.get(f.name.removesuffix("_err"), "")
            data[f.name] = ("temperature", getattr(self, f.name),
                            {"units": unit, "long_name": f.name.replace("_", " ")})
        return xr.Dataset(data, coords={"temperature": ("temperature", self.temperature,
                                                        {"units": "K"})},
                          attrs={"n_sites": self.n_sites, "size": list(self.size)})


def _check_scan(temperatures: Sequence[float], sweeps: int, thermalization: int,
                algorithm: str, overrelax: int, model: HeisenbergModel,
                checkerboard: bool) -> np.ndarray:
    if not isinstance(model, HeisenbergModel):
        raise ParameterError("model", type(model).__name__, "must be a HeisenbergModel")
    t = np.asarray(temperatures, dtype=float)
    if t.ndim != 1 or t.size < 1 or not np.isfinite(t).all() or (t <= 0).any():
        raise ParameterError("temperatures", temperatures, "must be finite numbers > 0 K")
    for name, value, low in (("sweeps", sweeps, 64), ("thermalization", thermalization, 0),
                             ("overrelax", overrelax, 0)):
        if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < low:
            raise ParameterError(name, value, f"must be an integer >= {low}")
    if not isinstance(checkerboard, bool | np.bool_):
        raise ParameterError("checkerboard", checkerboard, "must be True or False")
    if algorithm not in ALGORITHMS:
        raise ParameterError("algorithm", algorithm, f"must be one of {ALGORITHMS}")
    if algorithm == "wolff" and (model.anisotropy != 0 or any(model.field)):
        raise ParameterError("algorithm", algorithm,
                             "Wolff updates take no field or anisotropy: use 'metropolis'")
    return t


def _generator(rng: np.random.Generator | None) -> np.random.Generator:
    if rng is None:
        return np.random.default_rng(0)
    if not isinstance(rng, np.random.Generator):
        raise ParameterError("rng", rng, "must be a numpy.random.Generator or None")
    return rng


_SEQUENTIAL = (np.empty(0, dtype=np.int64), np.zeros(1, dtype=np.int64),
               np.empty((0, 0), dtype=np.int32), np.empty((0, 0)),
               np.empty((0, 0), dtype=np.int64))


def _check_threads(threads: int | None) -> None:
    most = numba.config.NUMBA_NUM_THREADS
    if threads is None:
        return
    if (isinstance(threads, bool) or not isinstance(threads, int | np.integer)
            or not 1 <= threads <= most):
        raise ParameterError("threads", threads,
                             f"must be None (automatic) or an integer 1 .. {most} "
                             "(numba.config.NUMBA_NUM_THREADS)")


@contextmanager
def _threads_for(n_sites: int, threads: int | None) -> Iterator[None]:
    """Run the checkerboard kernel on ``threads`` numba threads, or (None) on at most one per
    _SITES_PER_THREAD sites and at most ``numba.get_num_threads()`` (the results do not
    depend on the thread count, only the speed does)."""
    before = numba.get_num_threads()
    if threads is None:
        threads = max(1, min(before, n_sites // _SITES_PER_THREAD))
    numba.set_num_threads(int(threads))
    try:
        yield
    finally:
        numba.set_num_threads(before)


def _run(model: HeisenbergModel, state: np.ndarray, spins: np.ndarray, temperature: float,
         n: int, algorithm: str, overrelax: int, tune: float, sign: np.ndarray,
         adapt: bool, checkerboard: bool, threads: int | None = None
         ) -> tuple[np.ndarray, np.ndarray, np.ndarray, float, float]:
    """n sweeps at one temperature; returns (beta E, M, M_s series, acceptance, tune).

    ``tune`` is the cosine of the Metropolis cone, or for Wolff the number of clusters per
    sweep; with ``adapt`` it is adjusted between blocks (thermalisation only): the cone
    towards 50 % acceptance, the cluster count towards N flipped spins per sweep.
    """
    jb, hb, kb = model.reduced(temperature)
    nbr = model.cell.neighbours
    axis = np.asarray(model.easy_axis)
    e, m, ms = np.empty(n), np.empty((n, 3)), np.empty((n, 3))
    wolff = algorithm == "wolff"
    colour = checkerboard and not model.ising and not wolff
    tables = model.colour_tables(jb) if colour else _SEQUENTIAL

    def sweep(sl: slice, tune: float) -> float:
        if wolff:
            return _kernels.wolff_block(state, spins, nbr, jb, model.ising, max(1, int(tune)),
                                        sign, e[sl], m[sl], ms[sl])
        with _threads_for(model.n_sites, threads):
            return _kernels.metropolis_block(state, spins, nbr, jb, hb, kb, axis, tune,
                                             model.ising, overrelax, sign, *tables, e[sl],
                                             m[sl], ms[sl])

    def retune(tune: float, acc: float) -> float:
        if wolff:  # clusters per sweep so that about N spins flip
            return float(max(1, round(1.0 / acc)))
        angle = np.arccos(np.clip(tune, -1, 1))
        return float(np.cos(np.clip(angle * max(acc, 0.02) / _TARGET_ACCEPTANCE, 1e-3, np.pi)))

    if not adapt:
        return e, m, ms, sweep(slice(None), tune), tune
    block = max(1, min(50, n // 10))
    accs = []
    for start in range(0, n, block):
        accs.append(sweep(slice(start, min(n, start + block)), tune))
        tune = retune(tune, accs[-1])
    return e, m, ms, float(np.mean(accs)), tune


def temperature_scan(
    model: HeisenbergModel,
    temperatures: Sequence[float],
    *,
    sweeps: int = 2000,
    thermalization: int = 500,
    algorithm: str = "metropolis",
    overrelax: int = 1,
    checkerboard: bool = True,
    threads: int | None = None,
    rng: np.random.Generator | None = None,
    progress: Progress | None = None,
) -> MonteCarloResult:
    """Monte Carlo at each temperature, from the hottest down, carrying the configuration.

    Parameters
    ----------
    model: the spin model.
    temperatures: [K], any order; results come back ascending.
    sweeps: measured sweeps (Metropolis: N trial moves + ``overrelax`` over-relaxation sweeps;
        Wolff: clusters until N spins flipped) per temperature (>= 64).
    thermalization: sweeps discarded first at each temperature; the Metropolis cone is
        adapted during them only, so the measured chain obeys detailed balance.
    algorithm: ``"metropolis"`` or ``"wolff"``.
    overrelax: over-relaxation sweeps per Metropolis sweep (Heisenberg only).
    checkerboard: Heisenberg Metropolis + over-relaxation sweep colour class by colour class
        (:attr:`HeisenbergModel.colour_classes`), the sites of a class in SIMD lanes and on
        the numba threads (``threads``), each site drawing from its own counter-based
        stream and the totals summed in a fixed order: the results do not depend on the
        thread count, bit for bit. False: the sequential sweep in site order on one core (a
        different but equally valid chain; several times slower per core). Ising and Wolff
        runs ignore it.
    threads: numba threads for the checkerboard sweep. None (default): automatic, one per
        32768 sites up to ``numba.get_num_threads()`` (two from N = 65536 on; 64^3 sc: up
        to eight). On a machine whose cores are busy with other work this can be much
        slower than one thread, since every thread waits for the slowest at the end of each
        colour class: 1.6e7 updates/s with two threads against 1.4e8 with one on a loaded
        2-core machine (docs/performance.md); pass ``threads=1`` there. An integer 1 ..
        ``numba.config.NUMBA_NUM_THREADS`` fixes the count. The results are the same.
    rng: generator that seeds the run (default ``numpy.random.default_rng(0)``).
    progress: optional progress bar, advanced once per temperature.
    """
    t = _check_scan(temperatures, sweeps, thermalization, algorithm, overrelax, model,
                    checkerboard)
    _check_threads(threads)
    rng = _generator(rng)
    state = _kernels.new_state(rng)
    progress = progress or Progress(enabled=False)
    progress.reset(t.size, "heisenberg")
    stag = model.staggered_sign()
    sign = np.ones(model.n_sites) if stag is None else stag.astype(float)
    spins = model.random_spins(rng)
    n = model.n_sites
    out: dict[str, list[float]] = {f.name: [] for f in fields(MonteCarloResult)
                                   if f.name not in ("temperature", "n_sites", "size")}
    tune = 0.0 if algorithm == "metropolis" else 1.0
    order = np.argsort(t)[::-1]
    for temp in t[order]:
        if thermalization:
            *_, tune = _run(model, state, spins, temp, thermalization, algorithm, overrelax,
                            tune, sign, adapt=True, checkerboard=checkerboard,
                            threads=threads)
        be, m, ms, acc, _ = _run(model, state, spins, temp, sweeps, algorithm, overrelax, tune,
                                 sign, adapt=False, checkerboard=checkerboard, threads=threads)
        kt = constants.k_B * temp
        _observables(out, be * kt / n, np.linalg.norm(m, axis=1) / n,
                     np.linalg.norm(ms, axis=1) / n, n, kt, stag is not None)
        out["acceptance"].append(acc)
        progress.advance()
    arrays = {k: np.asarray(v)[::-1] for k, v in out.items()}  # hot-to-cold -> ascending
    return MonteCarloResult(temperature=t[order][::-1], n_sites=n, size=model.cell.size,
                            **arrays)


def parallel_tempering(
    model: HeisenbergModel,
    temperatures: Sequence[float],
    *,
    sweeps: int = 2000,
    thermalization: int = 500,
    swap_every: int = 10,
    algorithm: str = "metropolis",
    overrelax: int = 1,
    checkerboard: bool = True,
    threads: int | None = None,
    rng: np.random.Generator | None = None,
    progress: Progress | None = None,
) -> tuple[MonteCarloResult, np.ndarray]:
    """Replica-exchange Monte Carlo: one replica per temperature, swaps between neighbours.

    Every ``swap_every`` sweeps each replica is updated as in :func:`temperature_scan` (with
    its ``checkerboard`` and ``threads`` options), then
    neighbouring temperatures (even pairs, then odd pairs, alternately) exchange their
    configurations with probability min(1, exp[(beta_i - beta_j)(E_i - E_j)]), which keeps
    the joint Boltzmann distribution (Hukushima and Nemoto, J. Phys. Soc. Jpn. 65, 1604
    (1996)). Helps glassy and frustrated systems and first-order transitions.

    Returns the observables (as :func:`temperature_scan`) and the swap acceptance of each
    neighbouring pair (nT - 1,).
    """
    t = np.sort(_check_scan(temperatures, sweeps, thermalization, algorithm, overrelax, model,
                            checkerboard))
    _check_threads(threads)
    if t.size < 2:
        raise ParameterError("temperatures", temperatures, "needs >= 2 temperatures")
    if isinstance(swap_every, bool) or not isinstance(swap_every, int) or swap_every < 1:
        raise ParameterError("swap_every", swap_every, "must be an integer >= 1")
    rng = _generator(rng)
    state = _kernels.new_state(rng)
    progress = progress or Progress(enabled=False)
    rounds_th = -(-thermalization // swap_every)
    rounds = -(-sweeps // swap_every)
    progress.reset(rounds_th + rounds, "parallel tempering")
    stag = model.staggered_sign()
    sign = np.ones(model.n_sites) if stag is None else stag.astype(float)
    n = model.n_sites
    kt = constants.k_B * t
    replicas = [model.random_spins(rng) for _ in t]
    tune = [0.0 if algorithm == "metropolis" else 1.0] * t.size
    series: list[list[tuple[np.ndarray, ...]]] = [[] for _ in t]
    acc = np.zeros(t.size)
    tried, swapped = np.zeros(t.size - 1), np.zeros(t.size - 1)
    for r in range(rounds_th + rounds):
        measuring = r >= rounds_th
        energy = np.empty(t.size)
        for k in range(t.size):
            be, m, ms, a, new_tune = _run(model, state, replicas[k], t[k], swap_every,
                                          algorithm, overrelax, tune[k], sign,
                                          adapt=not measuring, checkerboard=checkerboard,
                                          threads=threads)
            if measuring:
                series[k].append((be * kt[k] / n, np.linalg.norm(m, axis=1) / n,
                                  np.linalg.norm(ms, axis=1) / n))
                acc[k] += a / rounds
            else:
                tune[k] = new_tune
            energy[k] = be[-1] * kt[k]
        for k in range(r % 2, t.size - 1, 2):
            tried[k] += 1
            x = (1 / kt[k] - 1 / kt[k + 1]) * (energy[k] - energy[k + 1])
            if x >= 0 or rng.random() < np.exp(x):
                replicas[k], replicas[k + 1] = replicas[k + 1], replicas[k]
                swapped[k] += 1
        progress.advance()
    out: dict[str, list[float]] = {f.name: [] for f in fields(MonteCarloResult)
                                   if f.name not in ("temperature", "n_sites", "size")}
    for k in range(t.size):
        e, m, ms = (np.concatenate(parts)[:sweeps] for parts in zip(*series[k], strict=True))
        _observables(out, e, m, ms, n, kt[k], stag is not None)
        out["acceptance"].append(acc[k])
    arrays = {k: np.asarray(v) for k, v in out.items()}
    result = MonteCarloResult(temperature=t, n_sites=n, size=model.cell.size, **arrays)
    return result, swapped / np.maximum(tried, 1)


def _observables(out: dict[str, list[float]], e: np.ndarray, m: np.ndarray, ms: np.ndarray,
                 n: int, kt: float, bipartite: bool) -> None:
    """Append the means and errors of one temperature's series to ``out``."""
    be = binning(e)
    bm = binning(m)
    out["energy"].append(be.mean)
    out["energy_err"].append(be.error)
    out["magnetization"].append(bm.mean)
    out["magnetization_err"].append(bm.error)
    out["tau_int"].append(bm.tau_int)
    c, c_err = jackknife(lambda e1, e2: n * (e2 - e1 * e1) * constants.k_B / kt**2, e, e * e)
    out["specific_heat"].append(c)
    out["specific_heat_err"].append(c_err)
    for prefix, series in (("", m), ("staggered_", ms)):
        if prefix and not bipartite:
            for key in ("staggered", "staggered_susceptibility", "staggered_binder"):
                out[key].append(np.nan)
                out[key + "_err"].append(np.nan)
            continue
        if prefix:
            bs = binning(series)
            out["staggered"].append(bs.mean)
            out["staggered_err"].append(bs.error)
        m2, m4 = series**2, series**4
        chi, chi_err = jackknife(lambda a, b: n * (b - a * a) / kt, series, m2)
        u4, u4_err = jackknife(lambda b, d: 1 - d / (3 * b * b), m2, m4)
        out[prefix + "susceptibility"].append(chi)
        out[prefix + "susceptibility_err"].append(chi_err)
        out[prefix + "binder"].append(u4)
        out[prefix + "binder_err"].append(u4_err)


def binder_crossing(temperature: np.ndarray, u_small: np.ndarray, u_large: np.ndarray,
                    err_small: np.ndarray | None = None,
                    err_large: np.ndarray | None = None) -> tuple[float, float]:
    """Temperature where the Binder cumulants of two sizes cross, with its error [K].

    Fits d(T) = U_large - U_small, weighted by its errors, with a straight line (2 or 3
    temperatures) or a parabola (4 or more: a line across a window of a few tenths of a
    percent in T already biases the crossing by that much), and returns the root nearest
    the window's middle, ``(T_x, sigma_T_x)``, the error from the fit covariance (NaN for
    two points without errors). Keep the temperatures narrow around T_c.

    Raises
    ------
    ParameterError
        if fewer than 2 temperatures are given or the curves do not cross in the window.
    """
    t = np.asarray(temperature, dtype=float)
    d = np.asarray(u_large, dtype=float) - np.asarray(u_small, dtype=float)
    if t.size < 2 or d.shape != t.shape:
        raise ParameterError("temperature", t.size, "needs >= 2 temperatures, one U per size")
    if not (np.isfinite(t).all() and np.isfinite(d).all()):
        raise ParameterError("temperature", t.tolist(), "temperatures and cumulants must be "
                             "finite")
    if err_small is None or err_large is None:
        w = np.ones_like(t)
    else:
        w = 1.0 / np.sqrt(np.maximum(np.asarray(err_small) ** 2 + np.asarray(err_large) ** 2,
                                     1e-24))
    t0 = t.mean()
    degree = 1 if t.size <= 3 else 2
    if t.size == 2:
        coef, cov = np.polyfit(t - t0, d, 1), np.full((2, 2), np.nan)
        if err_small is not None and err_large is not None:
            basis = np.linalg.inv(np.vander(t - t0, 2))  # coefficients = basis @ d
            cov = basis @ np.diag(1 / w**2) @ basis.T
    else:
        coef, cov = np.polyfit(t - t0, d, degree, w=w, cov="unscaled")
    roots = np.roots(coef)
    roots = roots[np.abs(roots.imag) < 1e-12].real
    inside = roots[(roots >= t.min() - t0) & (roots <= t.max() - t0)]
    if inside.size == 0:
        raise ParameterError("u_large", "no crossing",
                             "the cumulants do not cross within the temperatures given")
    x = inside[np.argmin(np.abs(inside))]
    slope = np.polyval(np.polyder(coef), x)
    grad = -x ** np.arange(len(coef) - 1, -1, -1) / slope  # d x / d coef
    return float(t0 + x), float(np.sqrt(grad @ cov @ grad))
