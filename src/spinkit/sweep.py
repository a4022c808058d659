"""Parameter sweeps: the Cartesian product of values, in local processes or on Dask.

``spinkit sweep file.toml --set a=start:stop:n --set b=v1,v2`` runs every combination of
the swept values on top of the scenario in ``file.toml``:

* ``a=start:stop:n`` gives n evenly spaced values, ``a=start:stop:n:log`` n log-spaced ones,
  ``b=v1,v2,...`` a list (each value read as TOML: numbers, true/false, or a bare word as a
  string).
* Every point is validated before any is computed.
* Each point's seed is derived from the scenario seed and the point's values alone
  (``numpy.random.SeedSequence``), so results do not depend on worker count or order.
* Points run in local worker processes by default, or on a Dask cluster given a scheduler
  address (``dask.distributed``).
* Each finished point is saved under ``<out>/<name>.points/``; a rerun of an interrupted
  sweep loads those instead of recomputing them.
* The points merge into one :class:`xarray.Dataset` whose coordinates are the swept
  parameters, written to ``<out>/<name>.nc`` with figures, ``info.json`` and ``report.html``.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import time
import tomllib
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Any

import numpy as np
import xarray as xr

from spinkit.errors import ParameterError
from spinkit.io.provenance import environment, write_dataset, write_json
from spinkit.progress import Progress
from spinkit.scenario.registry import get_kind
from spinkit.scenario.runner import (
    Scenario,
    compute,
    key_numbers,
    now,
    recorded,
    save_figures,
)

__all__ = ["parse_set", "point_seed", "sweep_points", "run_sweep"]


def _toml_value(text: str) -> Any:
    try:
        return tomllib.loads(f"v = {text}")["v"]
    except tomllib.TOMLDecodeError:
        return text.strip()


def parse_set(text: str) -> tuple[str, list[Any]]:
    """Parse one ``--set`` argument into ``(key, values)``.

    Raises
    ------
    ParameterError
        (parameter ``--set``) if the text is not ``key=start:stop:n[:log]`` or
        ``key=v1,v2,...``.
    """
    key, eq, spec = text.partition("=")
    key = key.strip()
    if not eq or not key or not spec.strip():
        raise ParameterError("--set", text, "must be key=start:stop:n[:log] or key=v1,v2,...")
    if ":" in spec:
        parts = spec.split(":")
        log = len(parts) == 4 and parts[3].strip() == "log"
        if len(parts) not in (3, 4) or (len(parts) == 4 and not log):
            raise ParameterError("--set", text, "a range is start:stop:n or start:stop:n:log")
        start, stop, n = (_toml_value(p) for p in parts[:3])
        if not all(isinstance(v, int | float) and not isinstance(v, bool)
                   for v in (start, stop)) or not isinstance(n, int) or n < 1:
            raise ParameterError("--set", text, "start and stop must be numbers, n an integer "
                                 ">= 1")
        if log and (start <= 0 or stop <= 0):
            raise ParameterError("--set", text, "a log range needs start and stop > 0")
        grid = np.geomspace(start, stop, n) if log else np.linspace(start, stop, n)
        return key, [float(f"{v:.15g}") for v in grid]  # 2e-06, not 2.0000000000000003e-06
    return key, [_toml_value(v) for v in spec.split(",")]


def point_seed(seed: int, point: Mapping[str, Any]) -> int:
    """Seed of one sweep point, from the scenario ``seed`` and the point's values only."""
    digest = hashlib.sha256(json.dumps(dict(point), sort_keys=True).encode()).digest()
    words = tuple(int.from_bytes(digest[i:i + 4], "little") for i in range(0, 16, 4))
    state = np.random.SeedSequence(seed, spawn_key=words).generate_state(1, np.uint64)[0]
    return int(state >> np.uint64(1))  # in [0, 2^63)


def sweep_points(base: Scenario, axes: Mapping[str, Sequence[Any]]) -> list[tuple[dict, Scenario]]:
    """Every point of the sweep, validated: ``[(point_values, scenario), ...]``.

    Values of integer parameters given as integral floats (e.g. from a range) become ints.
    """
    kind = get_kind(base.kind)
    for key, values in axes.items():
        if key not in kind.by_name:
            from spinkit.errors import suggest

            raise ParameterError(key, list(values), f"is not a parameter of {base.kind!r}",
                                 suggest(key, kind.by_name))
        if len(values) == 0:
            raise ParameterError(key, [], "needs at least one value")
        if len(set(map(repr, values))) != len(values):
            raise ParameterError(key, list(values), "swept values must be distinct")
    points = []
    for combo in itertools.product(*axes.values()):
        point = dict(zip(axes, combo, strict=True))
        for key, value in point.items():
            if kind.by_name[key].type == "int" and isinstance(value, float) and value.is_integer():
                point[key] = int(value)
        sc = base.with_params(**point)
        points.append((point, Scenario(sc.kind, sc.params, point_seed(base.seed, point),
                                       sc.name)))
    return points


def _point_file(store: Path, sc: Scenario) -> Path:
    key = json.dumps([sc.kind, sc.params, sc.seed], sort_keys=True)
    return store / (hashlib.sha256(key.encode()).hexdigest()[:20] + ".nc")


def _compute_point(sc: Scenario) -> xr.Dataset:
    """Worker task: compute one point. The client saves it, so workers need no shared disk."""
    return compute(sc)


def _execute(todo: list[tuple[Scenario, Path]], workers: int | None,
             scheduler: str | None) -> Iterator[tuple[Path, xr.Dataset]]:
    """Run the points, yielding ``(point_file, dataset)`` as each completes."""
    if not todo:
        return
    if scheduler:
        from distributed import Client
        from distributed import as_completed as dask_completed

        with Client(scheduler) as client:
            futures = {client.submit(_compute_point, sc, pure=False): p for sc, p in todo}
            for fut in dask_completed(futures):
                yield futures[fut], fut.result()
        return
    workers = workers or os.cpu_count() or 1
    if workers == 1 or len(todo) == 1:
        for sc, p in todo:
            yield p, _compute_point(sc)
        return
    with ProcessPoolExecutor(max_workers=min(workers, len(todo))) as pool:
        futures = {pool.submit(_compute_point, sc): p for sc, p in todo}
        for fut in as_completed(futures):
            yield futures[fut], fut.result()


def _stack(arrays: list[np.ndarray | None], grid: tuple[int, ...]) -> np.ndarray:
    """Arrays of one variable (None where a point lacks it) on the sweep grid.

    Shapes may differ between points (a swept length changes the number of cells): the result
    takes the largest extent along each dimension and pads the rest with NaN ("" for text).
    """
    present = [a for a in arrays if a is not None]
    ndim = present[0].ndim
    extent = tuple(max(a.shape[i] for a in present) for i in range(ndim))
    ragged = any(a.shape != extent for a in present) or len(present) < len(arrays)
    dtype = np.result_type(*present)
    if dtype.kind in "US":
        out = np.full(grid + extent, "", dtype=object)
    elif ragged or dtype.kind not in "biu":
        out = np.full(grid + extent, np.nan, dtype=np.result_type(dtype, np.float64))
    else:  # integers with nothing missing stay integers
        out = np.zeros(grid + extent, dtype=dtype)
    for i, a in enumerate(arrays):
        if a is not None:
            out[np.unravel_index(i, grid) + tuple(slice(0, n) for n in a.shape)] = a
    return out


def _merge(points: list[tuple[dict, Scenario]], files: list[Path],
           axes: Mapping[str, Sequence[Any]]) -> xr.Dataset:
    """One dataset for the whole sweep: every variable gains the swept dimensions in front.

    A coordinate that is the same at every point stays as it is; one that varies (the grid of
    a swept length) becomes a coordinate over the swept dimensions too, renamed
    ``<name>_grid`` if it was a dimension's own index. An output named like a swept parameter
    is dropped when it merely echoes the swept value, else kept as ``<name>_output``.
    """
    parts = []
    for (_, sc), path in zip(points, files, strict=True):
        with xr.open_dataset(path, engine="h5netcdf") as ds:
            ds = ds.load()
        ds["point_seed"] = ((), np.uint64(sc.seed), {"units": "",
                                                      "long_name": "seed of this point"})
        parts.append(ds)
    grid = tuple(len(v) for v in axes.values())
    kind = get_kind(points[0][1].kind)
    coords: dict[str, Any] = {
        k: (k, np.asarray(list(v), dtype=object if isinstance(v[0], str) else None),
            {"units": kind.by_name[k].unit, "long_name": kind.by_name[k].doc})
        for k, v in axes.items()
    }
    data_vars: dict[str, Any] = {}
    names = list(dict.fromkeys(n for ds in parts for n in ds.variables))
    for name in names:
        found = [ds.variables.get(name) for ds in parts]
        first = next(v for v in found if v is not None)
        is_coord = any(name in ds.coords for ds in parts)
        same = all(v is not None and v.dims == first.dims and v.shape == first.shape
                   and np.array_equal(v.values, first.values) for v in found)
        if is_coord and same:
            coords[name] = (first.dims, first.values, first.attrs)
            continue
        values = _stack([None if v is None else v.values for v in found], grid)
        entry = ((*axes, *first.dims), values, first.attrs)
        if name in axes:  # the kind echoes a swept parameter: keep it only if it differs
            swept = np.asarray(coords[name][1])
            if not first.dims and np.array_equal(values, np.broadcast_to(
                    swept.reshape([-1 if k == name else 1 for k in axes]), grid)):
                continue
            name = f"{name}_output"
        if is_coord:
            coords[f"{name}_grid" if name in first.dims else name] = entry
        else:
            data_vars[name] = entry
    return xr.Dataset(data_vars, coords=coords)


def run_sweep(
    base: Scenario,
    axes: Mapping[str, Sequence[Any]],
    outdir: str | os.PathLike = "spinkit-out",
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    show_progress: bool = True,
    command: str = "",
) -> xr.Dataset:
    """Run the sweep of ``base`` over ``axes`` (parameter -> values); return the dataset.

    Parameters
    ----------
    base: the validated scenario the sweep starts from.
    axes: swept parameters and their values, in order; the product is computed.
    outdir: output directory; finished points are kept in ``<name>.points/`` for resuming.
    workers: local worker processes (default: all cores); ignored with ``scheduler``.
    scheduler: address of a Dask scheduler, e.g. ``"tcp://host:8786"``.
    """
    if workers is not None and (not isinstance(workers, int) or workers < 1):
        raise ParameterError("workers", workers, "must be an integer >= 1")
    points = sweep_points(base, axes)  # everything validated before anything runs
    outdir = Path(outdir)
    store = outdir / f"{base.name}.points"
    store.mkdir(parents=True, exist_ok=True)
    files = [_point_file(store, sc) for _, sc in points]
    todo = [(sc, f) for (_, sc), f in zip(points, files, strict=True) if not f.exists()]
    t0 = time.perf_counter()
    info: dict[str, Any] = {
        "command": command, "environment": environment(), "kind": base.kind,
        "seed": base.seed, "parameters": base.params,
        "axes": {k: list(v) for k, v in axes.items()}, "points": len(points),
        "resumed_points": len(points) - len(todo),
        "executor": scheduler or f"local processes ({workers or os.cpu_count()})",
    }
    if show_progress and info["resumed_points"]:
        print(f"resuming: {info['resumed_points']} of {len(points)} points already done")
    (outdir / f"{base.name}.nc").unlink(missing_ok=True)  # an earlier run's result
    with recorded(info, outdir):
        with Progress(len(points), f"sweep {base.name}", enabled=show_progress) as bar:
            bar.advance(info["resumed_points"])
            for path, ds in _execute(todo, workers, scheduler):
                write_dataset(ds, path)  # atomic: a point file exists only when complete
                bar.advance()
        merged = _merge(points, files, axes)
        merged.attrs.update(spinkit_kind=base.kind, spinkit_seed=base.seed,
                            spinkit_parameters=json.dumps(base.params),
                            spinkit_axes=json.dumps(info["axes"]))
        write_dataset(merged, outdir / f"{base.name}.nc")
        _report(merged, base, axes, outdir, info, t0)
    return merged


def _with_unit(value: Any, unit: str, paren: bool = False) -> str:
    """``"2e-09 m"`` / ``"length (m)"``; nothing added for a dimensionless quantity."""
    text = f"{value:g}" if isinstance(value, float) else str(value)
    if not unit:
        return text
    return f"{text} ({unit})" if paren else f"{text} {unit}"


def _plot_sweep(ds: xr.Dataset, axes: Mapping[str, Sequence[Any]]) -> dict[str, Any]:
    """Each key number against the first swept parameter, one line per value of the second."""
    import matplotlib.pyplot as plt

    names = [n for n, v in ds.data_vars.items() if v.dims and set(v.dims) <= set(axes)
             and n != "point_seed" and np.issubdtype(v.dtype, np.number)
             and np.isfinite(v.values).any()]
    if not names:
        return {}
    first, *rest = list(axes)
    ncol = min(3, len(names))
    nrow = -(-len(names) // ncol)
    fig, grid = plt.subplots(nrow, ncol, figsize=(4.2 * ncol, 3.2 * nrow), squeeze=False,
                             layout="constrained")
    numeric_x = all(isinstance(v, int | float) for v in axes[first])
    for ax, name in zip(grid.flat, names, strict=False):
        var = ds[name]
        sel = {k: 0 for k in rest[1:] if k in var.dims}
        var = var.isel(sel)
        lines = [(None, var)] if not rest or rest[0] not in var.dims else [
            (v, var.sel({rest[0]: v})) for v in axes[rest[0]]]
        for label, line in lines:
            x = np.asarray(axes[first]) if numeric_x else np.arange(len(axes[first]))
            ax.plot(x, line.values, "o-", ms=3, label=None if label is None else
                    f"{rest[0]} = {_with_unit(label, ds[rest[0]].attrs.get('units', ''))}")
        if not numeric_x:
            ax.set_xticks(range(len(axes[first])), [str(v) for v in axes[first]])
        elif min(axes[first]) > 0 and max(axes[first]) > 30 * min(axes[first]):
            ax.set_xscale("log")  # a range over decades (e.g. from start:stop:n:log)
        ax.set_xlabel(_with_unit(first, ds[first].attrs.get("units", ""), paren=True))
        ax.set_title(_with_unit(name, var.attrs.get("units", ""), paren=True), fontsize=9)
        if label is not None:
            ax.legend(fontsize=7)
    for ax in list(grid.flat)[len(names):]:
        ax.set_visible(False)
    return {"sweep": fig}


def _report(ds: xr.Dataset, base: Scenario, axes: Mapping[str, Sequence[Any]], outdir: Path,
            info: dict[str, Any], t0: float) -> None:
    import matplotlib

    matplotlib.use("Agg")
    from spinkit.report import write_report

    first_point = ds.isel({k: 0 for k in axes})
    entry = {
        "name": base.name, "kind": base.kind, "seed": base.seed,
        "parameters": {**base.params, **{k: f"swept: {list(v)}" for k, v in axes.items()}},
        "title": f"sweep of {base.kind} over {', '.join(axes)} ({info['points']} points)",
        "data_file": f"{base.name}.nc",
        "figures": save_figures(_plot_sweep(ds, axes), outdir, base.name),
        "key_numbers": {f"{k} at first point": v
                        for k, v in key_numbers(first_point.drop_vars("point_seed")).items()},
        "wall_time_s": round(time.perf_counter() - t0, 3),
    }
    info["scenarios"] = [entry]
    info.update(status="complete", finished=now(),
                wall_time_s=entry["wall_time_s"])
    write_report(outdir / "report.html", f"spinkit sweep: {base.name}", info)
    write_json(info, outdir / "info.json")
