"""Turning what a person types into an FTS5 query.

People search for "Prabowo-Gibran", "8%", "KDM:" or "banjir bandang": FTS5 reads `-`, `:`, `%`, `*`, `(`, AND/OR/
NOT as syntax, so such queries failed ("no such column: Gibran"). Every word becomes a quoted FTS5 string, which
the tokenizer splits exactly as it split the indexed text ("Prabowo-Gibran" finds the two words side by side); text
in double quotes stays one phrase. All words must match. `--fts` passes the query through unchanged, for those who
want FTS5's own syntax.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r'"([^"]*)"|(\S+)')


def fts_query(text: str) -> str:
    """An FTS5 query matching every word and "phrase" of `text` (empty when it has none)."""
    parts = []
    for m in _TOKEN.finditer(text):
        term = (m.group(1) if m.group(1) is not None else m.group(2)).strip()
        if term and any(ch.isalnum() for ch in term):
            parts.append('"' + term.replace('"', '""') + '"')
    return " AND ".join(parts)
