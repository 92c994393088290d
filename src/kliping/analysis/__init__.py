"""What Kliping finds by reading articles against themselves and each other: slips inside one article (flags.py);
per event, its quotes by speaker (quotes.py) and where its reports came from (provenance.py), pure functions over
the event's stored articles; timelines, comparison and summaries build on the same records (DESIGN.md, issue 13)."""
