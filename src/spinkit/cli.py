"""The ``spinkit`` command (also ``python -m spinkit``).

    spinkit run [FILE.toml ...] [-o DIR]     run scenarios; no file: the built-in tour
    spinkit sweep FILE.toml --set k=a:b:n    sweep parameters (local processes or Dask)
    spinkit kinds [NAME]                     list scenario kinds / show one's parameters
    spinkit materials [NAME]                 list the materials database / show one

Bad input ends with one line naming the key, the value and what is allowed, exit status 2.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path

from spinkit.errors import ParameterError, SpinkitError

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    from spinkit import __version__

    p = argparse.ArgumentParser(prog="spinkit", description="Spintronics simulation toolkit.")
    p.add_argument("--version", action="version", version=f"spinkit {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    run = sub.add_parser("run", help="run scenario files (no file: the built-in tour)")
    run.add_argument("files", nargs="*", metavar="FILE.toml")
    run.add_argument("-o", "--output", default="spinkit-out", metavar="DIR",
                     help="output directory (default: spinkit-out)")
    run.add_argument("-q", "--quiet", action="store_true", help="no progress output")

    sw = sub.add_parser("sweep", help="run a scenario over a grid of parameter values")
    sw.add_argument("file", metavar="FILE.toml")
    sw.add_argument("--set", dest="sets", action="append", default=[], metavar="KEY=VALUES",
                    help="key=start:stop:n[:log] or key=v1,v2,... (repeat for more axes)")
    sw.add_argument("-o", "--output", default="spinkit-out", metavar="DIR")
    sw.add_argument("--workers", type=int, default=None,
                    help="local worker processes (default: all cores)")
    sw.add_argument("--scheduler", default=None, metavar="tcp://HOST:PORT",
                    help="run on this Dask scheduler instead of local processes")
    sw.add_argument("-q", "--quiet", action="store_true")

    kinds = sub.add_parser("kinds", help="list scenario kinds, or show one's parameters")
    kinds.add_argument("name", nargs="?")
    mats = sub.add_parser("materials", help="list the materials database, or show one")
    mats.add_argument("name", nargs="?")
    return p


def _cmd_run(args: argparse.Namespace, argv: Sequence[str]) -> int:
    from spinkit.scenario.runner import load_scenario, run_scenarios, tour_scenarios

    if args.files:
        scenarios = [load_scenario(f) for f in args.files]  # validate all before running
        title = "spinkit run " + " ".join(Path(f).name for f in args.files)
    else:
        scenarios = tour_scenarios()
        title = "spinkit tour"
        if not args.quiet:
            print(f"spinkit tour: {len(scenarios)} scenario(s) -> {args.output}/")
    report = run_scenarios(scenarios, args.output, title=title, show_progress=not args.quiet,
                           command=shlex.join(["spinkit", *argv]))
    print(f"report: {report.resolve()}")
    return 0


def _cmd_sweep(args: argparse.Namespace, argv: Sequence[str]) -> int:
    from spinkit.scenario.runner import load_scenario
    from spinkit.sweep import parse_set, run_sweep

    base = load_scenario(args.file)
    if not args.sets:
        raise ParameterError("--set", None, "give at least one key=start:stop:n or key=v1,v2")
    axes: dict[str, list] = {}
    for text in args.sets:
        key, values = parse_set(text)
        if key in axes:
            raise ParameterError("--set", text, f"{key} is already swept")
        axes[key] = values
    ds = run_sweep(base, axes, args.output, workers=args.workers, scheduler=args.scheduler,
                   show_progress=not args.quiet, command=shlex.join(["spinkit", *argv]))
    print(f"data: {(Path(args.output) / f'{base.name}.nc').resolve()} "
          f"({' x '.join(str(ds.sizes[k]) for k in axes)} points)")
    print(f"report: {(Path(args.output) / 'report.html').resolve()}")
    return 0


def _cmd_kinds(args: argparse.Namespace) -> int:
    from spinkit.scenario.registry import RESERVED_KEYS, all_kinds, get_kind

    if args.name is None:
        for k in all_kinds().values():
            tour = "  (in the tour)" if k.tour is not None else ""
            print(f"{k.name:24s} {k.summary}{tour}")
        return 0
    k = get_kind(args.name)
    print(f"{k.name}: {k.summary}\n")
    rows = [("key", "unit", "default", "allowed", "meaning")]
    rows += [(p.name, p.unit or "-", p.default_text(), p.range_text(), p.doc) for p in k.params]
    rows += [(key, "-", "", "", doc) for key, doc in RESERVED_KEYS.items() if key != "kind"]
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    for r in rows:
        print("  ".join(c.ljust(w) for c, w in zip(r[:4], widths, strict=True)) + "  " + r[4])
    return 0


def _cmd_materials(args: argparse.Namespace) -> int:
    from spinkit import materials

    if args.name is None:
        for m in materials.all_materials().values():
            print(f"{m.name:10s} {m.description}")
        return 0
    m = materials.get(args.name, parameter="name")
    print(f"{m.name}: {m.description}\n")
    quantities = list(m.quantities.values())
    name_w = max(len(q.name) for q in quantities)
    value_w = max(len(f"{q.value:.6g}") for q in quantities)
    unit_w = max(len(q.unit or "-") for q in quantities)
    for q in quantities:
        note = f" [{q.note}]" if q.note else ""
        print(f"  {q.name:{name_w}s} {q.value:<{value_w}.6g} {q.unit or '-':{unit_w}s} "
              f"{q.description}{note}")
        print(f"  {'':{name_w}s} source: {q.source}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit status (0 ok, 2 bad input, 1 failure)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "run":
            return _cmd_run(args, argv)
        if args.command == "sweep":
            return _cmd_sweep(args, argv)
        if args.command == "kinds":
            return _cmd_kinds(args)
        if args.command == "materials":
            return _cmd_materials(args)
        parser.print_help()
        return 0
    except ParameterError as exc:
        print(f"spinkit: error: {exc}", file=sys.stderr)
        return 2
    except SpinkitError as exc:
        print(f"spinkit: failed: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("spinkit: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return 0
