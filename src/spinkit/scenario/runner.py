"""Load scenario files, run them, and write data, figures, info.json and the report.

Layout of an output directory (``spinkit-out/`` by default)::

    <name>.nc            one netCDF dataset per scenario (xarray, h5netcdf)
    <name>-<figure>.png  its figures
    info.json            spinkit version, environment, every scenario's full parameters,
                         seed, start/end time and wall time; "status": "complete" at the end
    report.html          one page: every figure with its key numbers

Files are written atomically; ``report.html`` and the final ``info.json`` appear only when
every scenario has finished.
"""

from __future__ import annotations

import json
import math
import os
import time
import tomllib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import xarray as xr

from spinkit.errors import ParameterError
from spinkit.io.provenance import environment, write_dataset, write_json
from spinkit.progress import Progress
from spinkit.scenario.registry import RESERVED_KEYS, all_kinds, get_kind

__all__ = ["Scenario", "load_scenario", "scenario_from_mapping", "tour_scenarios",
           "compute", "run_scenarios", "recorded", "key_numbers", "save_figures", "now"]

_NAME_OK = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.")


@dataclass(frozen=True)
class Scenario:
    """A validated scenario: its kind, every parameter (defaults filled in), seed and name."""

    kind: str
    params: dict[str, Any]
    seed: int = 0
    name: str = ""

    def with_params(self, **changes: Any) -> Scenario:
        """A copy with some parameters replaced, validated again."""
        raw = {**self.params, **changes}
        return scenario_from_mapping({"kind": self.kind, "seed": self.seed, **raw},
                                     name=self.name)


def _check_seed(seed: Any) -> int:
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed < 2**63:
        raise ParameterError("seed", seed, "must be an integer in [0, 2^63)")
    return seed


def scenario_from_mapping(
    raw: Mapping[str, Any], *, base_dir: Path | None = None, name: str | None = None
) -> Scenario:
    """Validate a scenario given as a mapping (a parsed TOML file).

    Raises
    ------
    ParameterError
        for a missing or unknown ``kind``, an unknown key (nearest valid key suggested), a
        wrong type, NaN/inf, a value out of range, an unknown material or a missing file.
    """
    if "kind" not in raw:
        raise ParameterError("kind", None, "missing: say which model to run, e.g. "
                             "kind = \"spin_diffusion\" (see `spinkit kinds`)")
    kind = get_kind(raw["kind"])
    seed = _check_seed(raw.get("seed", 0))
    label = raw.get("name", name or kind.name)
    if not isinstance(label, str) or not label or set(label) - _NAME_OK:
        raise ParameterError("name", label, "must be letters, digits, '_', '-' or '.'")
    params = {k: v for k, v in raw.items() if k not in RESERVED_KEYS}
    return Scenario(kind.name, kind.validate(params, base_dir=base_dir), seed, label)


def load_scenario(path: str | os.PathLike) -> Scenario:
    """Read and validate a scenario TOML file. Nothing in it is executed."""
    path = Path(path)
    if not path.is_file():
        raise ParameterError("scenario", str(path), "file not found")
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ParameterError("scenario", str(path), f"not valid TOML: {exc}") from None
    except UnicodeDecodeError:
        raise ParameterError("scenario", str(path), "not a UTF-8 text file") from None
    return scenario_from_mapping(raw, base_dir=path.parent, name=path.stem)


def tour_scenarios() -> list[Scenario]:
    """One small scenario per kind that offers one: the built-in tour of ``spinkit run``."""
    return [
        scenario_from_mapping({"kind": k.name, **dict(k.tour)}, name=k.name)
        for k in all_kinds().values()
        if k.tour is not None
    ]


def compute(scenario: Scenario, progress: Progress | None = None) -> xr.Dataset:
    """Run one scenario and return its dataset, provenance in ``attrs``.

    The random-number generator is ``numpy.random.default_rng(seed)``.
    """
    kind = get_kind(scenario.kind)
    rng = np.random.default_rng(scenario.seed)
    ds = kind.compute(scenario.params, rng, progress or Progress(enabled=False))
    ds.attrs.update(
        spinkit_kind=scenario.kind,
        spinkit_seed=scenario.seed,
        spinkit_parameters=json.dumps(scenario.params),
    )
    return ds


def key_numbers(ds: xr.Dataset) -> dict[str, dict[str, Any]]:
    """The dataset's scalar variables: name -> {value, units, long_name}."""
    out = {}
    for name, var in ds.data_vars.items():
        if var.ndim == 0:
            value = var.values.item()
            if isinstance(value, float) and not math.isfinite(value):
                value = str(value)
            out[str(name)] = {"value": value, "units": var.attrs.get("units", ""),
                              "long_name": var.attrs.get("long_name", str(name))}
    return out


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def save_figures(figures: Mapping[str, Any], outdir: Path, stem: str) -> list[str]:
    """Save matplotlib figures as ``<stem>-<name>.png``; returns the file names."""
    import matplotlib.pyplot as plt

    names = []
    for fig_name, fig in figures.items():
        fname = f"{stem}-{fig_name}.png"
        fig.savefig(outdir / fname, dpi=110)
        plt.close(fig)
        names.append(fname)
    return names


@contextmanager
def recorded(info: dict[str, Any], outdir: Path) -> Iterator[None]:
    """Keep ``outdir/info.json`` truthful while a run is under way.

    On entry: status "running", the start time written, and any report.html of an earlier
    run in ``outdir`` removed (it would otherwise look like this run's). If the body raises
    (an error, Ctrl-C), status becomes "failed" with the error before it propagates; the
    caller sets "complete" and writes the report when it finishes.
    """
    (outdir / "report.html").unlink(missing_ok=True)
    info.update(status="running", started=now())
    write_json(info, outdir / "info.json")
    try:
        yield
    except BaseException as exc:
        info.update(status="failed", error=f"{type(exc).__name__}: {exc}", finished=now())
        write_json(info, outdir / "info.json")
        raise


def _run_one(sc: Scenario, outdir: Path, show_progress: bool) -> dict[str, Any]:
    """Compute one scenario, write its dataset and figures; return its info.json entry."""
    entry: dict[str, Any] = {"name": sc.name, "kind": sc.kind, "seed": sc.seed,
                             "parameters": sc.params, "started": now()}
    t1 = time.perf_counter()
    with Progress(desc=sc.name, enabled=show_progress) as bar:
        ds = compute(sc, bar)
    write_dataset(ds, outdir / f"{sc.name}.nc")
    entry["figures"] = save_figures(get_kind(sc.kind).plot(ds), outdir, sc.name)
    entry.update(data_file=f"{sc.name}.nc", title=ds.attrs.get("title", sc.name),
                 key_numbers=key_numbers(ds), finished=now(),
                 wall_time_s=round(time.perf_counter() - t1, 3))
    return entry


def run_scenarios(
    scenarios: list[Scenario],
    outdir: str | os.PathLike = "spinkit-out",
    *,
    title: str = "spinkit run",
    command: str = "",
    show_progress: bool = True,
) -> Path:
    """Run ``scenarios`` one after another, write every output and return the report's path."""
    import matplotlib

    matplotlib.use("Agg")
    from spinkit.report import write_report

    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    names = [s.name for s in scenarios]
    if len(set(names)) != len(names):
        raise ParameterError("name", names, "scenario names must be unique in one run")
    info: dict[str, Any] = {"command": command, "environment": environment(), "scenarios": []}
    t0 = time.perf_counter()
    for sc in scenarios:  # an earlier run's files must not pass for this run's
        (outdir / f"{sc.name}.nc").unlink(missing_ok=True)
    with recorded(info, outdir):
        for i, sc in enumerate(scenarios, 1):
            if show_progress:
                print(f"[{i}/{len(scenarios)}] {sc.name} ({sc.kind})", flush=True)
            info["scenarios"].append(_run_one(sc, outdir, show_progress))
            write_json(info, outdir / "info.json")
    info.update(status="complete", finished=now(),
                wall_time_s=round(time.perf_counter() - t0, 3))
    report = write_report(outdir / "report.html", title, info)
    write_json(info, outdir / "info.json")
    return report
