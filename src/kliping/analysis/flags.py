"""Slips inside one article, each with its evidence and an explanation a reader understands.

A weekday that contradicts its date: seed 003 writes "Selasa (13/9/2023)", and 13 September 2023 was a Wednesday.
The date stage (`enrich/dates.py`) already reads the weekday and the date together and marks the mention; this
module turns the mark into a flag with offsets and a sentence. A date alone is trusted: the weekday is the writer's
second statement about the same day, and only when the two disagree is one of them wrong.

Only a date that writes its year is flagged. Without one, the year is Kliping's guess (the nearest to publication),
and a weekday that does not fit it may mean the writer meant another year: on the 1,000 detik rows, 12 of 40
mismatches had no year, and most fit the year before ("Rabu (15/5)" in October 2025: 15 May 2024 was a Wednesday).
With the year written, all 28 were the writer's slips (wrong weekday, or a typed year such as 2026 or 3025). The
rule was written reading those detik rows; on ECB+ dev (772 English documents, not read for it) it raises no flag,
and its one mismatch ("Thursday, December 11", no year) is the kind the rule leaves alone.
"""

from __future__ import annotations

import datetime as dt
import re

from kliping.lang import id as lang_id
from kliping.model import Article, DateMention, Flag


def article_flags(art: Article) -> list[Flag]:
    """Every slip found in the article, in text order."""
    flags = [f for d in art.dates if d.weekday_mismatch and (f := weekday_flag(d, art.language))]
    return sorted(flags, key=lambda f: f.start)


def weekday_flag(mention: DateMention, language: str | None) -> Flag | None:
    """The flag of a date mention whose weekday is not the date's, or None when its value is not a day."""
    if not _WRITES_YEAR.search(mention.text):
        return None
    try:
        day = dt.date.fromisoformat(mention.value[:10])
    except ValueError:
        return None
    written = _written_weekday(mention.text)
    when = f"{day.day} {lang_id.MONTH_NAMES_EN[day.month - 1]} {day.year}"

    def name(weekday: int) -> str:
        local = f" ({lang_id.WEEKDAY_NAMES_ID[weekday]})" if language == "id" else ""
        return f"{lang_id.WEEKDAY_NAMES_EN[weekday]}{local}"

    said = f", not a {name(written)}" if written is not None else ""
    explanation = f"\u201c{mention.text}\u201d: {when} was a {name(day.weekday())}{said}"
    return Flag("weekday", mention.text, mention.start, mention.end, explanation)


_WRITES_YEAR = re.compile(r"(?<!\d)(?:\d{4}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2})(?!\d)")


def _written_weekday(text: str) -> int | None:
    """The weekday the mention names ("Selasa (13/9/2023)" -> 1)."""
    for word in text.replace("(", " ").replace(",", " ").split():
        day = lang_id.DAYS.get(word.lower())
        if day is not None:
            return day
    return None
