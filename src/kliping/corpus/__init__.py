"""Corpus stages: state across articles (duplicates, events, storylines), incremental, with stable ids."""
