"""Kliping: turn a pile of news pages into clean, dated, attributed articles (and, on top, events and quotes)."""

__version__ = "0.1.0"
