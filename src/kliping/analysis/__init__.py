"""What Kliping finds by reading articles against themselves and each other, per event and cached until the event
changes (DESIGN.md, issue 13):
- facts.py: sentences with the quantities, dates and places they state; align.py: which say the same thing;
- conflicts.py: contradictions with evidence on both sides; flags.py: slips inside one article;
- gazetteer.py: where places are and how two place names relate;
- timeline.py, summary.py, quotes.py (by speaker), provenance.py (who first, who credits whom, copies);
- event.py assembles one event's analysis; stage.py caches it in the store.
"""
