"""English attribution (source, cue, content) against PolNeAR (../shared/data/polnear; no licence: read in place,
evaluation only, nothing copied or trained into the repository).

Matching rule. Every span is the set of its word tokens (\\w+ runs), so quote marks and punctuation at the edges do
not count and a content broken by its cue ('"A," he said, "B."') is one set. For each role (source, cue, content)
the gold spans of a document (one annotator per document: the first by id where several annotated it) are matched
one-to-one to the predicted spans, best token-F1 first:
  strict  : identical token sets;
  lenient : token F1 >= 0.5.
Precision = matched / predicted, recall = matched / gold, micro over documents. "relation" counts an attribution as
found when its cue and content match leniently and its source does too (or both have none). Predicted
attributions sharing a cue span are one relation (a quote broken by its cue, a quote running on).

  --system new   Kliping's English attribution (`enrich.attribution_en`), the default: scored with its default
                 `Settings` (chosen by --cv) and with QUOTE_SETTINGS (what `find_quotes` uses for English: verbs
                 of saying only, so beliefs and 'declared a state of emergency' are not quotes);
  --system old   the shared rules of `enrich.quotes` (before English had its own): content is each quote's span,
                 the cue the nearest occurrence of its cue word, the source the nearest mention of its speaker
                 (approximate: those rules give no source or cue offsets);
  --cv           5-fold cross-validation by document on train over the switches of `attribution_en.Settings`:
                 each fold's switches are chosen on the other four (mean of the lenient source/cue/content F1),
                 scored on it; then the switches chosen on all of train, scored on dev (held out).

    .venv/bin/python bench/eval_polnear.py [--system old|new] [--cv] [--train] [--json FILE] [--verbose]
(--quick, as the gate passes it, changes nothing: dev is scored in a few seconds.)
"""
from __future__ import annotations

import itertools
import json
import re
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import common
from common import DATA, base_parser, table
from kliping.enrich.attribution_en import QUOTE_SETTINGS, Settings, find_attributions

POLNEAR = DATA / "polnear"
ROLES = ("source", "cue", "content")
TokSet = frozenset[int]
# A predicted relation: (source, cue, content) token sets (empty when absent).
Rel = tuple[TokSet, TokSet, TokSet]

_WORD = re.compile(r"\w+")


@dataclass
class Doc:
    name: str
    split: str
    text: str
    gold: list[Rel]
    starts: list[int] = field(default_factory=list)


def tokset(text: str, spans: Iterable[tuple[int, int]]) -> TokSet:
    """Start offsets of the word tokens inside the spans."""
    return frozenset(m.start() for a, b in spans for m in _WORD.finditer(text, a, b))


def load(split: str) -> list[Doc]:
    """PolNeAR documents of a split with their gold relations (the first annotator by id per document)."""
    rels: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    with (POLNEAR / "attributions.jsonl").open(encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if r["split"] == split:
                rels[r["doc"]][r["annotator"]].append(r)
    docs = []
    for name in sorted(rels):
        text = (POLNEAR / "data" / split / "text" / f"{name}.txt").read_text(encoding="utf-8")
        ann = rels[name][min(rels[name])]
        gold = [(tokset(text, r.get("source_spans") or []), tokset(text, r.get("cue_spans") or []),
                 tokset(text, r.get("content_spans") or [])) for r in ann]
        docs.append(Doc(name, split, text, gold))
    return docs


# ---------- systems ----------

def predict_new(text: str, settings: Settings) -> list[Rel]:
    out = []
    for att in find_attributions(text, settings=settings):
        out.append((tokset(text, [att.source] if att.source else []), tokset(text, [att.cue] if att.cue else []),
                    tokset(text, att.content)))
    return _merge_by_cue(out)


def predict_old(text: str) -> list[Rel]:
    """The shared Indonesian/English rules: quote spans, with the cue and speaker located near each quote."""
    from kliping.enrich.quotes import find_quotes

    out = []
    for q in find_quotes(text):
        cue = _nearest(text, q.cue, q.start, q.end) if q.cue else None
        src = None
        if q.speaker:
            last = q.speaker.split()[-1]
            src = _nearest(text, last, q.start, q.end)
        if src is None and cue is not None:
            m = re.search(r"\b(?:he|she|they|it|we|I)\b", text[max(0, cue[0] - 12):cue[1] + 12])
            if m:
                base = max(0, cue[0] - 12)
                src = (base + m.start(), base + m.end())
        out.append((tokset(text, [src] if src else []), tokset(text, [cue] if cue else []),
                    tokset(text, [(q.start, q.end)])))
    return _merge_by_cue(out)


def _nearest(text: str, word: str, a: int, b: int, reach: int = 150) -> tuple[int, int] | None:
    """The occurrence of `word` outside [a, b) nearest to it, within `reach` characters."""
    best = None
    for m in re.finditer(rf"\b{re.escape(word)}\b", text[max(0, a - reach):b + reach], re.IGNORECASE):
        s = max(0, a - reach) + m.start()
        e = s + len(m.group())
        if a <= s < b:
            continue
        d = a - e if e <= a else s - b
        if best is None or d < best[0]:
            best = (d, (s, e))
    return best[1] if best else None


def _merge_by_cue(rels: list[Rel]) -> list[Rel]:
    """Predictions with the same cue span are one relation (their contents joined)."""
    merged: dict[TokSet, Rel] = {}
    out: list[Rel] = []
    for s, c, q in rels:
        if c and c in merged:
            s0, c0, q0 = merged[c]
            merged[c] = (s0 or s, c0, q0 | q)
            continue
        if c:
            merged[c] = (s, c, q)
        else:
            out.append((s, c, q))
    return out + list(merged.values())


# ---------- scoring ----------

def _f1(a: TokSet, b: TokSet) -> float:
    inter = len(a & b)
    return 2 * inter / (len(a) + len(b)) if inter else 0.0


def match(gold: list[TokSet], pred: list[TokSet], threshold: float) -> int:
    """One-to-one matches with token F1 >= threshold (1.0: identical), best pairs first."""
    pairs = sorted(((_f1(g, p), i, j) for i, g in enumerate(gold) for j, p in enumerate(pred) if g & p),
                   reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    n = 0
    for f, i, j in pairs:
        if f < threshold:
            break
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        n += 1
    return n


def counts(gold: list[Rel], pred: list[Rel]) -> dict[str, float]:
    """Gold, predicted and matched counts per role and rule, for one document."""
    out: dict[str, float] = {}
    for r, role in enumerate(ROLES):
        g = list({x[r] for x in gold if x[r]})
        p = list({x[r] for x in pred if x[r]})
        out[f"{role}.gold"] = len(g)
        out[f"{role}.pred"] = len(p)
        out[f"{role}.strict"] = match(g, p, 1.0)
        out[f"{role}.lenient"] = match(g, p, 0.5)
    # Relations: cue and content lenient, the source too when either side has one.
    pairs = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            if _f1(g[1], p[1]) >= 0.5 and _f1(g[2], p[2]) >= 0.5 and (
                    (not g[0] and not p[0]) or _f1(g[0], p[0]) >= 0.5):
                pairs.append((_f1(g[2], p[2]), i, j))
    used_g: set[int] = set()
    used_p: set[int] = set()
    for _, i, j in sorted(pairs, reverse=True):
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
    out["relation.gold"], out["relation.pred"], out["relation.lenient"] = len(gold), len(pred), len(used_g)
    out["relation.strict"] = 0
    return out


def prf(c: dict[str, float], role: str, rule: str) -> tuple[float, float, float]:
    m, g, p = c.get(f"{role}.{rule}", 0), c.get(f"{role}.gold", 0), c.get(f"{role}.pred", 0)
    prec = m / p if p else 0.0
    rec = m / g if g else 0.0
    return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)


def add(total: dict[str, float], c: dict[str, float]) -> None:
    for k, v in c.items():
        total[k] = total.get(k, 0) + v


def objective(c: dict[str, float]) -> float:
    """What the switches are chosen by: the mean lenient F1 of source, cue and content."""
    return sum(prf(c, r, "lenient")[2] for r in ROLES) / 3


def score(docs: list[Doc], system: Callable[[str], list[Rel]]) -> dict[str, float]:
    total: dict[str, float] = {}
    for d in docs:
        add(total, counts(d.gold, system(d.text)))
    return total


def rows_for(label: str, c: dict[str, float]) -> list[list]:
    rows = []
    for role in (*ROLES, "relation"):
        for rule in ("strict", "lenient"):
            if role == "relation" and rule == "strict":
                continue
            p, r, f = prf(c, role, rule)
            rows.append([label, role, rule, int(c[f"{role}.gold"]), int(c[f"{role}.pred"]), p, r, f])
    return rows


HEAD = ["split", "role", "match", "gold", "pred", "P", "R", "F1"]


# ---------- cross-validation ----------

# The seven switches in doubt are crossed here (128 settings). The others stay at their defaults: evidence,
# that_in_content and cue_aux were chosen in every fold of earlier runs over them; reporting and clause_end were
# each kept after one comparison on a quarter of train (a small gain), not cross-validated.
GRID = [Settings(cognition=cg, need_that=nt, object_verbs=ob, loose_source=ls, appositive=ap, relative_in_source=rl,
                 cue_tail=ct)
        for cg, nt, ob, ls, ap, rl, ct in itertools.product((False, True), repeat=7)]


def cross_validate(train: list[Doc], folds: int = 5) -> tuple[Settings, dict[str, float]]:
    """Per-document counts for every setting once, then 5 folds by document: choose on four, score the fifth."""
    per: list[list[dict[str, float]]] = []  # [setting][doc]
    t0 = time.perf_counter()
    for s in GRID:
        per.append([counts(d.gold, predict_new(d.text, s)) for d in train])
    print(f"(cv: {len(GRID)} settings x {len(train)} documents in {time.perf_counter() - t0:.0f} s)")
    fold_of = [n % folds for n in range(len(train))]
    held: dict[str, float] = {}
    chosen = []
    for f in range(folds):
        best, best_obj = 0, -1.0
        for si in range(len(GRID)):
            c: dict[str, float] = {}
            for n, dc in enumerate(per[si]):
                if fold_of[n] != f:
                    add(c, dc)
            o = objective(c)
            if o > best_obj:
                best, best_obj = si, o
        chosen.append(best)
        for n, dc in enumerate(per[best]):
            if fold_of[n] == f:
                add(held, dc)
    alls = []
    for si in range(len(GRID)):
        c = {}
        for dc in per[si]:
            add(c, dc)
        alls.append((objective(c), si))
    alls.sort(reverse=True)
    print("settings by train objective (mean lenient F1 of source, cue, content), best five:")
    for o, si in alls[:5]:
        print(f"  {o:.3f}  {asdict(GRID[si])}")
    print(f"chosen per fold: {[asdict(GRID[si]) for si in chosen]}")
    return GRID[alls[0][1]], held


def main() -> int:
    p = base_parser(__doc__.split("\n")[0])
    p.add_argument("--system", choices=("new", "old"), default="new")
    p.add_argument("--cv", action="store_true", help="cross-validate the switches on train (about 10 minutes)")
    p.add_argument("--train", action="store_true", help="also score train (in-sample: the switches were chosen there)")
    p.add_argument("--json", help="write the numbers as one flat JSON object to this file")
    args = p.parse_args()
    if not (POLNEAR / "attributions.jsonl").is_file():
        print(f"eval_polnear: skipped, no PolNeAR at {POLNEAR}")
        return 0
    common.require_shared("eval_polnear")
    dev = load("dev")
    t0 = time.perf_counter()
    settings = Settings()
    rows: list[list] = []
    if args.cv:
        train = load("train")
        settings, held = cross_validate(train)
        rows += rows_for("train 5-fold CV (held-out folds)", held)
        print(f"chosen on all of train: {asdict(settings)} (the default is {asdict(Settings())})")

    def system(text: str) -> list[Rel]:
        return predict_old(text) if args.system == "old" else predict_new(text, settings)

    c = score(dev, system)
    ms = (time.perf_counter() - t0) * 1000 / len(dev) if not args.cv else None
    rows += rows_for(f"dev ({args.system}, held out)", c)
    cq: dict[str, float] = {}
    if args.system == "new":
        cq = score(dev, lambda text: predict_new(text, QUOTE_SETTINGS))
        rows += rows_for("dev (new, quote settings, held out)", cq)
    if args.train and not args.cv:
        rows += rows_for(f"train ({args.system}, in-sample)", score(load("train"), system))
    table(rows, HEAD, f"PolNeAR attribution ({len(dev)} dev documents; token-set matching, see the docstring)")
    if ms is not None:
        print(f"({ms:.1f} ms per dev document)")
    if args.verbose:
        for d in dev[:5]:
            print(f"\n== {d.name}")
            for att in find_attributions(d.text, settings=settings):
                src = d.text[att.source[0]:att.source[1]] if att.source else None
                cue = d.text[att.cue[0]:att.cue[1]] if att.cue else None
                print(f"  [{att.kind}] {src!r} {cue!r} -> {att.speaker!r}: "
                      + " | ".join(d.text[a:b][:80] for a, b in att.content))
    if args.json:
        flat = {}
        for role in ROLES:
            for rule in ("strict", "lenient"):
                flat[f"polnear.dev_{role}_{rule}_f1"] = prf(c, role, rule)[2]
        flat["polnear.dev_relation_f1"] = prf(c, "relation", "lenient")[2]
        for role in ROLES if cq else ():
            flat[f"polnear.quotes_dev_{role}_lenient_f1"] = prf(cq, role, "lenient")[2]
        Path(args.json).write_text(json.dumps(flat, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
