"""Sentence splitting that survives abbreviations (Indonesian: Dr., Ir., H., M.Si., No., Jl., Tbk., dst.; in English
text also Sen., Gov., Dec.), initials, decimal numbers and quotes."""

from __future__ import annotations

import re
from collections.abc import Collection

from kliping.lang import en_speech
from kliping.lang.id import ABBREVIATIONS

# A candidate boundary: sentence punctuation, optional closing quotes/brackets, whitespace, then an opening
# quote, bracket, capital letter or digit.
# The dotted abbreviations without their dots ("s.h" -> "sh"): "S.H" and "SH." close one too.
_DOTTED = frozenset(a.replace(".", "") for a in ABBREVIATIONS if "." in a)
_BOUNDARY = re.compile(r"([.!?…]+)([\"”’')\]]*)(\s+)(?=[\"“‘'(\[]?[A-Z0-9])")


def split_sentences(text: str, language: str | None = None) -> list[tuple[int, int]]:
    """(start, end) character spans of the sentences of `text` (offsets into `text`, stripped); `language` "en" adds
    the English abbreviations."""
    spans: list[tuple[int, int]] = []
    start = 0
    extra = en_speech.ABBREVIATIONS if language == "en" else frozenset()
    for m in _BOUNDARY.finditer(text):
        if m.group(1) == "." and not m.group(2) and _is_abbreviation(text, m.start(), extra):
            continue
        end = m.end(2)
        if text[start:end].strip():
            spans.append(_strip(text, start, end))
        start = m.end()
    if text[start:].strip():
        spans.append(_strip(text, start, len(text)))
    return spans


def sentences(text: str, language: str | None = None) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text, language)]


def _is_abbreviation(text: str, dot: int, extra: Collection[str] = ()) -> bool:
    """True when the period at `dot` closes an abbreviation or an initial, not a sentence."""
    m = re.search(r"([\w.]+)$", text[max(0, dot - 20):dot])
    if not m:
        return False
    token = m.group(1).lower().strip(".")
    if token in ABBREVIATIONS or token in extra or token.replace(".", "") in _DOTTED:
        return True
    # A single capital letter is an initial ("Susilo B. Yudhoyono", "H. Agus"), except a sentence ending in "AS."?
    # An initial is one letter; "AS" (Amerika Serikat) is two, so it still ends a sentence.
    return len(token) == 1 and token.isalpha()


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b
