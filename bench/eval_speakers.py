"""Speaker accuracy measured honestly: labels-dev split by article into two folds, plus the bundled examples.

The speaker rules of `kliping.enrich.speakers` (issue 17 §1) were written reading only the errors of fold A; fold B
was scored, never read. So fold A is an in-sample number and fold B a held-out one; the bundled examples
(examples/gold.json, written for this project and annotated apart from the rules) are a third, independent check.
The older quote rules of `enrich/quotes.py` were written on all of labels-dev before this split existed, so fold B
is held out from the speaker-resolution rules only, not from everything: the README says so next to the numbers.

Folds: an article is in fold A when the SHA-1 of its id (decimal string) is even, else in fold B (14 and 26 of
the 40 labelled articles). The split depends on the id alone, never on the text or the gold.

Each page is cleaned and enriched in this process exactly as `kliping annotate` does (clean_article, then
enrich_article: entities first, then quotes resolve their speakers against them), and scored with the official
definitions (../shared/tools/kscore.py `quote_scores`): speaker accuracy over the found gold quotes that have a
speaker, `name_match` (one name's words all in the other's).

    .venv/bin/python bench/eval_speakers.py [--errors A] [--json FILE]

`--errors A` lists fold A's speaker errors (the only ones to read while writing rules); the script refuses to
list fold B's.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import common
from common import DATA, ROOT, base_parser, read_jsonl, table

DEV = DATA / "detik" / "labels-dev"
EXAMPLES = ROOT / "examples"


def fold(article_id: str) -> str:
    """'A' or 'B' from the article id alone."""
    return "A" if int(hashlib.sha1(article_id.encode()).hexdigest(), 16) % 2 == 0 else "B"


def _annotated(pages: list[Any]) -> list[Any]:
    """Clean and enrich pages in this process, as `kliping annotate` does (one worker: the scores, not speed)."""
    from kliping.library import annotate_pages
    from kliping.pipeline import LocalExecutor

    return list(annotate_pages(pages, lambda r: None, LocalExecutor(workers=1)))


def detik_quotes() -> tuple[dict[str, list[dict]], dict[str, list[dict]]]:
    """Gold and predicted quotes of the labelled detik articles, by article id."""
    from kdata import detik_record, detik_rows

    from kliping.sources.files import record_to_page

    ids = [str(i) for i in json.loads((DEV / "quote_line_ids.json").read_text())]
    gold: dict[str, list[dict]] = {i: [] for i in ids}
    for r in read_jsonl(DEV / "quotes.jsonl"):
        gold.setdefault(str(r["id"]), []).append(r)
    rows = detik_rows()
    arts = _annotated([record_to_page(detik_record(rows[i]), "detik.jsonl", None) for i in ids])
    pred = {str(a.id): [q.__dict__ for q in a.quotes] for a in arts}
    return gold, pred


def example_quotes() -> tuple[dict[str, dict], dict[str, list[dict]]]:
    """Gold documents and predicted quotes of the bundled examples, keyed as gold.json keys them."""
    from kliping.sources.files import read_inputs

    gold = json.loads((EXAMPLES / "gold.json").read_text())["documents"]
    arts = _annotated(list(read_inputs([str(EXAMPLES / "pages"), str(EXAMPLES / "feed.jsonl")])))
    pred = {}
    for a in arts:
        key = str(a.id) if str(a.id).startswith("feed-") else "pages/" + Path(str(a.source)).name
        pred[key] = [q.__dict__ for q in a.quotes]
    return gold, pred


def _scores(gold: dict[str, list[dict]], pred: dict[str, list[dict]], indirect: bool) -> dict[str, float]:
    from kscore import quote_scores

    g = {k: [q for q in v if bool(q.get("indirect")) == indirect] for k, v in gold.items()}
    return quote_scores(g, pred, kinds=("indirect",) if indirect else ("direct", "partial", None))


def main() -> None:
    p = base_parser(__doc__.split("\n")[0])
    p.add_argument("--errors", choices=["A"], help="list the speaker errors of fold A (fold B is never listed)")
    p.add_argument("--json", help="write the numbers as one flat JSON object to this file")
    args = p.parse_args()
    common.require_shared("eval_speakers")

    gold, pred = detik_quotes()
    rows, out = [], {}
    for name, keep in (("A (rules read)", "A"), ("B (held out)", "B"), ("all labels-dev", None)):
        ids = [i for i in gold if keep is None or fold(i) == keep]
        sub = {i: gold[i] for i in ids}
        sd, si = _scores(sub, pred, False), _scores(sub, pred, True)
        rows.append([name, len(ids), sd["gold"], sd["recall"], sd["speaker_acc"], si["gold"], si["recall"],
                     si["speaker_acc"]])
        tag = keep or "all"
        out[f"speakers.detik_{tag}_direct_speaker_acc"] = sd["speaker_acc"]
        out[f"speakers.detik_{tag}_indirect_speaker_acc"] = si["speaker_acc"]

    egold, epred = example_quotes()
    for lang in ("id", "en"):
        keys = [k for k, d in egold.items() if d["language"] == lang]
        sub = {k: [dict(q, indirect=q["type"] == "indirect") for q in egold[k]["quotes"]] for k in keys}
        sd, si = _scores(sub, epred, False), _scores(sub, epred, True)
        rows.append([f"examples ({lang})", len(keys), sd["gold"], sd["recall"], sd["speaker_acc"], si["gold"],
                     si["recall"], si["speaker_acc"]])
        out[f"speakers.examples_{lang}_direct_speaker_acc"] = sd["speaker_acc"]
    table(rows, ["set", "articles", "direct gold", "direct R", "speaker", "indirect gold", "indirect R",
                 "ind. speaker"], "Speaker accuracy by fold (kscore.quote_scores, enriched as `kliping annotate`)")

    if args.errors == "A":
        print("\nfold A speaker errors:")
        print("\n".join(_errors({i: g for i, g in gold.items() if fold(i) == "A"}, pred)))
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=1) + "\n")


def _errors(gold: dict[str, list[dict]], pred: dict[str, list[dict]]) -> list[str]:
    from kscore import name_match, norm, words

    lines = []
    for doc, gq in gold.items():
        for g in gq:
            kinds = ("indirect",) if g.get("indirect") else ("direct", "partial", None)
            preds = [q for q in pred.get(doc, []) if (q.get("kind") or "direct") in kinds]
            key = " ".join(words(g["starts"])[:5])
            hit = next((q for q in preds if key and key in " ".join(words(norm(q["text"])))), None)
            if hit is not None and g.get("speaker") and not name_match(g["speaker"], hit.get("speaker")):
                lines.append(f"  {doc} line {g.get('line')} [{'ind' if g.get('indirect') else 'dir'}] "
                             f"{g['starts'][:50]!r}: gold {g['speaker']!r} got {hit.get('speaker')!r} "
                             f"(cue {hit.get('cue')!r})")
    return lines


if __name__ == "__main__":
    main()
