"""What Kliping finds by reading articles against themselves and each other: slips inside one article (flags.py),
where places are and how two place names relate (gazetteer.py); per-event timelines, comparison and summaries
build on the same records (DESIGN.md, issue 13)."""
