"""One exception family for problems a user can fix; the CLI prints each as one line, never a traceback."""

from __future__ import annotations

from dataclasses import dataclass


class KlipingError(Exception):
    """A user-facing problem: the message names the input and what to do about it."""


class UsageError(KlipingError):
    """The command line itself is wrong (exit code 2)."""


@dataclass
class Rejected:
    """An input (or one record of it) that was skipped, and why. Sources yield these instead of raising, so one
    bad file never stops the rest."""

    source: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"{where}: {self.reason}"


@dataclass
class Skipped:
    """A file a folder scan passed over on purpose (not a news file type, or excluded by a glob): counted and
    summarised in one line, not reported one by one."""

    source: str
    reason: str
