"""RawPage text or HTML -> clean Article (body paragraphs, removed lines, metadata)."""

from kliping.clean.article import clean_article

__all__ = ["clean_article"]
