"""Readers that turn files, folders, records and standard input into `RawPage`s (or `Rejected` notes)."""

from kliping.sources.files import MAX_PAGE_BYTES, read_inputs

__all__ = ["MAX_PAGE_BYTES", "read_inputs"]
