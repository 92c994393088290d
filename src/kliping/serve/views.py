"""What the article page shows, built here so the template only loops and escapes.

The clean text is cut into (piece, classes, note) triples: `classes` names what covers the piece (an entity of a
type, a date, a quote, a flagged slip), `note` says it in words (the page's hover text). Annotations overlap (a
name inside a quote, a date inside a flagged sentence), so the text is cut at every annotation's start and end and
each piece carries every class that covers it; the pieces joined are the text. Nothing here is markup: the template
escapes every piece, class and note, and the classes come from the fixed names below, never from the data.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any, NamedTuple

from kliping.report import _dicts, _int, _str

# Entity types with a colour of their own (kliping.css), and the words the legend and the hover text use.
ENTITY_CLASSES = {"PER": ("ent-per", "person"), "ORG": ("ent-org", "organisation"), "LOC": ("ent-loc", "place"),
                  "EVT": ("ent-evt", "event"), "MISC": ("ent-misc", "other name")}
QUOTE_KINDS = ("direct", "partial", "indirect")
# The legend, in its order: (class, label). Shown only for the classes an article uses.
LEGEND = [*ENTITY_CLASSES.values(), ("date", "date"), ("quote", "quote"), ("flag", "slip in the text")]


class Piece(NamedTuple):
    text: str
    classes: str  # "" for plain text
    note: str


class _Span(NamedTuple):
    start: int
    end: int
    cls: str
    note: str


def _spans(article: dict[str, Any], n: int) -> list[_Span]:
    """Every annotation of the article as a span of its text (offsets clamped; malformed ones left out)."""
    out: list[_Span] = []

    def add(d: dict[str, Any], cls: str, note: str) -> None:
        a, b = d.get("start"), d.get("end")
        if _int(a) and _int(b) and max(0, a) < min(n, b):
            out.append(_Span(max(0, a), min(n, b), cls, note))

    for e in _dicts(article.get("entities")):
        cls, label = ENTITY_CLASSES.get(str(e.get("type")), ("ent-misc", "name"))
        name = _str(e.get("canonical")) or _str(e.get("text")) or ""
        role = _str(e.get("role")) or _str(e.get("kind"))  # a person's role, a place's kind ("kabupaten")
        add(e, f"ent {cls}", f"{label}: {name}" + (f" ({role})" if role else ""))
    for d in _dicts(article.get("dates")):
        slip = " — the weekday does not match this date" if d.get("weekday_mismatch") else ""
        add(d, "date", f"date: {_str(d.get('value')) or '?'}{slip}")
    for q in _dicts(article.get("quotes")):
        kind = _str(q.get("kind")) or "quote"
        speaker = _str(q.get("speaker"))
        add(q, f"quote quote-{kind if kind in QUOTE_KINDS else 'other'}",
            f"{kind} quote" + (f" by {speaker}" if speaker else " (speaker not given)"))
    for f in _dicts(article.get("flags")):
        add(f, "flag", _str(f.get("explanation")) or "a slip in the text")
    return out


def _cut(text: str, offset: int, spans: list[_Span]) -> list[Piece]:
    """`text` (found at `offset` of the article text) cut at every span's start and end inside it."""
    end = offset + len(text)
    inside = [s for s in spans if s.start < end and s.end > offset]
    cuts = sorted({offset, end, *(x for s in inside for x in (s.start, s.end) if offset < x < end)})
    pieces: list[Piece] = []
    for a, b in pairwise(cuts):
        over = [s for s in inside if s.start <= a and s.end >= b]
        classes = " ".join(dict.fromkeys(c for s in over for c in s.cls.split()))
        piece = Piece(text[a - offset:b - offset], classes, "; ".join(dict.fromkeys(s.note for s in over)))
        if pieces and pieces[-1].classes == piece.classes and pieces[-1].note == piece.note:
            pieces[-1] = Piece(pieces[-1].text + piece.text, piece.classes, piece.note)
        else:
            pieces.append(piece)
    return pieces


def annotated_paragraphs(article: dict[str, Any]) -> list[list[Piece]]:
    """The article's paragraphs cut into annotated pieces. Each paragraph is found in `text` after the previous one
    (offsets are into `text`, however its paragraphs are separated); one not found there is shown plain."""
    text = article.get("text")
    paragraphs = [p for p in article.get("paragraphs") or [] if isinstance(p, str)]
    if not isinstance(text, str):
        return [[Piece(p, "", "")] for p in paragraphs]
    if not paragraphs and text:
        paragraphs = [p for p in text.split("\n") if p.strip()]
    spans = _spans(article, len(text))
    out, pos = [], 0
    for p in paragraphs:
        at = text.find(p, pos)
        if at < 0:
            out.append([Piece(p, "", "")])
            continue
        out.append(_cut(p, at, spans))
        pos = at + len(p)
    return out


def legend(paragraphs: list[list[Piece]]) -> list[tuple[str, str]]:
    """The legend entries (class, label) for the classes the pieces use."""
    used = {c for pieces in paragraphs for p in pieces for c in p.classes.split()}
    return [(cls, label) for cls, label in LEGEND if cls in used]
