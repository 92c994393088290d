"""Quote marks of news text paired into quoted stretches, and the text with those stretches masked.

Marks are paired per paragraph: straight marks toggle, curly marks say which way they face; an unclosed mark runs to
the paragraph's end, which is how Indonesian and English news continue a quote into the next paragraph. Single
marks ('…', ‘…’) count only outside double quotes. `enrich.quotes` reads cues and speakers around these spans and
splits the reporter's sentences in the masked text, where quoted punctuation can no longer end a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kliping.enrich.intervals import Intervals

_PARA = re.compile(r"\n[ \t]*\n")
_MARKS = re.compile(r"[\"“”„]")
_GUILLEMETS = re.compile(r"[«»]")
# A single-quoted fragment of 2-80 characters: longer runs between apostrophes are two words' apostrophes.
_SINGLE = re.compile(r"(?<![\w])[‘'](?=\w)([^‘’'\n]{2,80}?)(?<=[\w.,!?])[’'](?!\w)")
MASK = "\x01"  # what quoted characters become in the masked text (one per character: offsets are kept)


@dataclass
class Span:
    """One quoted stretch of a paragraph, from its opening mark."""

    open: int  # index of the opening mark
    close: int  # index of the closing mark, or the paragraph end when unclosed
    para: int
    closed: bool
    single: bool = False


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of the non-blank paragraphs (separated by a blank line)."""
    out, pos = [], 0
    for m in _PARA.finditer(text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return [(a, b) for a, b in out if text[a:b].strip()]


def pair_marks(text: str, paras: list[tuple[int, int]]) -> list[Span]:
    """Pair double quote marks paragraph by paragraph; single marks only where no double marks are open."""
    spans: list[Span] = []
    carry = False  # the previous paragraph ended inside a quote
    for k, (a, b) in enumerate(paras):
        opened: int | None = None
        low = False  # the open quote began with a low mark („), which “ or ” closes (German „…“, Polish „…”)
        first = True
        guillemets = _guillemet_spans(text, a, b, k)
        spans += guillemets
        in_guillemets = Intervals((g.open, g.close) for g in guillemets)
        for m in _MARKS.finditer(text, a, b):
            ch, i = m.group(), m.start()
            if in_guillemets.covers(i):
                continue  # a quote inside a quote in guillemets (« … “…” … »)
            if opened is None:
                if ch == "”" and first and carry:
                    # A closing mark with nothing open: the quote began at the paragraph start (a continuation
                    # paragraph whose opening mark was lost).
                    spans.append(Span(a - 1, i, k, True))
                elif ch != "”":
                    opened, low = i, ch == "„"
            elif (ch == "„" or (ch == "“" and not low)) and i > opened + 1:
                # Another opening mark: the open quote lost its closing one.
                spans.append(Span(opened, i, k, False))
                opened, low = i, ch == "„"
            else:
                spans.append(Span(opened, i, k, True))
                opened = None
            first = False
        carry = opened is not None
        if opened is not None:
            spans.append(Span(opened, b, k, False))
    spans = [s for s in spans if text[s.open + 1:s.close].strip()]
    return spans + single_spans(text, paras, spans)


def _guillemet_spans(text: str, a: int, b: int, k: int) -> list[Span]:
    """Quotes in guillemets in paragraph k: « … » (French, Italian, Russian) or » … « (German books and some
    papers): the first mark of a paragraph says which way they face, and the other one closes."""
    out: list[Span] = []
    opened: int | None = None
    opener = ""
    for m in _GUILLEMETS.finditer(text, a, b):
        ch, i = m.group(), m.start()
        if opened is None:
            opened, opener = i, ch
        elif ch != opener:
            out.append(Span(opened, i, k, True))
            opened = None
        else:  # the open quote lost its closing mark
            out.append(Span(opened, i, k, False))
            opened = i
    if opened is not None:
        out.append(Span(opened, b, k, False))
    return out


def single_spans(text: str, paras: list[tuple[int, int]], doubles: list[Span]) -> list[Span]:
    """‘…’ or '…' fragments outside double quotes (scare quotes, titles, quotes inside headlines)."""
    out = []
    inside = Intervals((s.open, s.close) for s in doubles)
    for k, (a, b) in enumerate(paras):
        for m in _SINGLE.finditer(text, a, b):
            if not inside.covers(m.start()):
                out.append(Span(m.start(), m.end() - 1, k, True, single=True))
    return out


def mask_quotes(text: str, spans: list[Span]) -> str:
    """The text with every quoted stretch (marks included) replaced by mask characters of the same length."""
    chars = list(text)
    for s in spans:
        lo, hi = max(0, s.open), min(len(text), s.close + 1)
        chars[lo:hi] = MASK * (hi - lo)
    return "".join(chars)


def quote_content(text: str, s: Span) -> tuple[int, int]:
    """Offsets of a quote's content: inside the marks, without surrounding spaces or a trailing comma."""
    a, b = s.open + 1, s.close
    while a < b and text[a].isspace():
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in ",;"):
        b -= 1
    return a, b
