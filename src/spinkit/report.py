"""The HTML report: one page with every figure of a run beside its key numbers.

Figures are linked as PNG files next to the page, so the folder can be zipped or served as
it is. Each scenario shows its key numbers (the dataset's scalar variables, with units), its
full parameters and its seed.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

from spinkit import constants
from spinkit.io.provenance import atomic_write

__all__ = ["write_report", "format_value"]

_STYLE = """
body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
h1{font-size:1.6em}h2{font-size:1.25em;border-bottom:1px solid #ccc;padding-bottom:.2em}
table{border-collapse:collapse;margin:.5em 0}td,th{padding:.15em .8em;text-align:left;
border-bottom:1px solid #eee}td.num{font-family:monospace;text-align:right}
img{max-width:100%;border:1px solid #ddd;margin:.5em 0}.meta{color:#666;font-size:.9em}
"""


def format_value(value: Any, units: str = "") -> str:
    """``1.234e-07 m`` style text of a key number; energies in J also in eV."""
    if not isinstance(value, float):
        return f"{value} {units}".strip()
    text = f"{value:.5g} {units}".strip()
    if units == "J":
        text += f" ({value / constants.eV:.5g} eV)"
    return text


def _section(entry: dict[str, Any]) -> str:
    e = html.escape
    rows = "".join(
        f"<tr><td>{e(k['long_name'])} <span class=meta>({e(name)})</span></td>"
        f"<td class=num>{e(format_value(k['value'], k['units']))}</td></tr>"
        for name, k in entry.get("key_numbers", {}).items()
    )
    figs = "".join(f'<img src="{e(f)}" alt="{e(f)}">' for f in entry.get("figures", []))
    params = e(json.dumps(entry["parameters"], indent=2))
    return (
        f"<h2>{e(entry['name'])}: {e(entry.get('title', ''))}</h2>"
        f"<p class=meta>kind <b>{e(entry['kind'])}</b> &middot; seed {entry['seed']} &middot; "
        f"{entry.get('wall_time_s', 0):.2f} s &middot; data "
        f"<a href=\"{e(entry.get('data_file', ''))}\">{e(entry.get('data_file', ''))}</a></p>"
        f"<table><tr><th>key number</th><th>value</th></tr>{rows}</table>{figs}"
        f"<details><summary>parameters</summary><pre>{params}</pre></details>"
    )


def write_report(path: str | Path, title: str, info: dict[str, Any]) -> Path:
    """Write the report for a run described by ``info`` (the content of info.json)."""
    env = info.get("environment", {})
    body = "".join(_section(s) for s in info["scenarios"])
    page = (
        f"<!DOCTYPE html><html><head><meta charset=utf-8><title>{html.escape(title)}</title>"
        f"<style>{_STYLE}</style></head><body><h1>{html.escape(title)}</h1>"
        f"<p class=meta>spinkit {html.escape(env.get('spinkit', '?'))} &middot; "
        f"started {html.escape(info.get('started', ''))} &middot; "
        f"{len(info['scenarios'])} scenario(s) &middot; provenance in "
        f"<a href=info.json>info.json</a></p>{body}</body></html>\n"
    )
    return atomic_write(path, lambda tmp: tmp.write_text(page, encoding="utf-8"))
