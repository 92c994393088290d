"""The bundled examples (examples/, written for this project) against their gold: every page's title, outlet,
first author, publication time, language and body lines, through the whole `kliping analyze` run."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from conftest import ROOT, load_report, run_cli

EXAMPLES = ROOT / "examples"
GOLD = json.loads((EXAMPLES / "gold.json").read_text(encoding="utf-8"))["documents"]


def _key(s: str | None) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKC", s or "").lower() if ch.isalnum())


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    out = tmp_path_factory.mktemp("examples")
    proc = run_cli("analyze", str(EXAMPLES / "pages"), str(EXAMPLES / "feed.jsonl"), "--out", str(out))
    assert proc.returncode == 0, proc.stderr.decode()
    by_key: dict[str, dict] = {}
    for a in load_report(out)["articles"]:
        src = str(a["source"])
        key = a["id"] if a["id"].startswith("feed-") else "pages/" + Path(src).name
        by_key[key] = a
    return by_key


@pytest.mark.parametrize("key", sorted(GOLD))
def test_example_metadata(articles: dict[str, dict], key: str) -> None:
    gold, art = GOLD[key], articles[key]
    assert art["title"] == gold["title"]
    assert _key(art["outlet"]) == _key(gold["outlet"])
    assert art["published"] == gold["published"]
    assert art["language"] == gold["language"]
    if gold["author"]:
        assert gold["author"] in art["authors"]
    if gold["section"]:
        assert _key(art["section"]) == _key(gold["section"])


@pytest.mark.parametrize("key", sorted(k for k, g in GOLD.items() if g["format"] == "txt"))
def test_example_body_lines(articles: dict[str, dict], key: str) -> None:
    """Every gold body line is in the text, and no other line of the page is."""
    gold, art = GOLD[key], articles[key]
    lines = (EXAMPLES / key).read_text(encoding="utf-8").split("\n")
    text = art["text"]
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        if n in gold["body"]:
            assert line.strip() in text, f"body line {n} lost: {line[:60]}"
        elif len(line.strip()) > 25:
            assert line.strip() not in text, f"line {n} kept: {line[:60]}"


def test_copied_story_credits_its_source(articles: dict[str, dict]) -> None:
    """SuaraPesisir.com's page carries KabarNusa.id's dateline: the publisher is the masthead, the dateline's
    outlet is where the story came from."""
    art = articles["pages/suarapesisir-banjir-bandang-batu-lamaran.txt"]
    assert _key(art["outlet"]) == "suarapesisircom"
    assert "kabarnusaid" in {_key(c) for c in art["cited_sources"]}


def test_examples_group_into_the_gold_events_across_languages(articles: dict[str, dict]) -> None:
    # Each gold event holds Indonesian reports and at least one English one.
    gold_events = json.loads((EXAMPLES / "gold.json").read_text(encoding="utf-8"))["events"]
    found = {event_id: {articles[doc]["event"] for doc in ev["documents"]} for event_id, ev in gold_events.items()}
    assert all(len(events) == 1 for events in found.values()), found
    assert len({next(iter(events)) for events in found.values()}) == len(gold_events)
