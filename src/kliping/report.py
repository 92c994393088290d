"""report.json (validated by `schema/report.schema.json`) and report.html (everything escaped)."""

from __future__ import annotations

import datetime as dt
import json
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from kliping import __version__
from kliping.corpus.storylines import build_storylines
from kliping.errors import Rejected
from kliping.store import Store


def build_report(store: Store, rejected: list[Rejected] | None = None) -> dict[str, Any]:
    also_at = store.page_sources()
    articles = [{**a.to_report(), "sources": [a.source, *also_at.get(a.id, [])]} for a in store.articles()]
    events = store.events()
    return {
        "kliping": __version__,
        "generated": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "articles": articles,
        "events": events,
        "storylines": build_storylines(events),
        "rejected": [{"source": r.source, "line": r.line, "reason": r.reason} for r in (rejected or [])],
    }


def schema() -> dict[str, Any]:
    text = resources.files("kliping").joinpath("schema/report.schema.json").read_text(encoding="utf-8")
    return dict(json.loads(text))


def write_json(report: dict[str, Any], path: Path) -> None:
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(path)  # atomic: a killed run never leaves half a report


def write_html(report: dict[str, Any], path: Path) -> None:
    env = Environment(loader=PackageLoader("kliping", "templates"), autoescape=select_autoescape(default=True))
    html = env.get_template("report.html").render(report=report)
    tmp = path.with_suffix(".html.tmp")
    tmp.write_text(html, encoding="utf-8")
    tmp.replace(path)
