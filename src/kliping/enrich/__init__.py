"""Per-article enrichment: named entities (a CRF trained on IndoNLU), canonical entities and aliases, dates
normalised against the publication date, and quotes with their speakers. Every offset indexes `Article.text`."""
