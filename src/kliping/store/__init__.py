"""The store: the single source of truth (SQLite by default)."""

from kliping.store.sqlite import Store

__all__ = ["Store"]
