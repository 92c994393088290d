"""Kliping: turn a pile of news pages into clean, dated, attributed articles (and, on top, events and quotes).

The Python API (see `kliping.library`):

    import kliping
    report = kliping.analyze(["pages/"])          # articles, events, storylines; report.to_dict() is report.json
    art = kliping.clean(html=page_html)           # one page cleaned and enriched
    for art in kliping.annotate(records): ...     # dicts in, Articles out, streamed

`import kliping` imports none of the pipeline (models, scikit-learn, numpy): the names below load
`kliping.library` on first use (PEP 562), so `kliping.__version__` and the CLI's `--help` stay fast.

Two API names are also the names of submodules (`kliping/clean/`, `kliping/annotate.py`). Importing a submodule
sets it as an attribute of its package, which would hide the function (`kliping.clean(...)` would call a module).
So the package's module object refuses that one assignment (`_Package`); the submodules stay importable by their
full names (`from kliping.clean import clean_article`, `sys.modules["kliping.clean"]`).
"""

from __future__ import annotations

import sys
import types

# Not `from typing import TYPE_CHECKING`: importing typing would be most of `import kliping`'s time; mypy reads a
# local TYPE_CHECKING the same way.
TYPE_CHECKING = False

__version__ = "0.1.0"

__all__ = ["Article", "Event", "Report", "Storyline", "__version__", "analyze", "annotate", "clean"]

if TYPE_CHECKING:
    from typing import Any

    from kliping.library import Event, Report, Storyline, analyze, annotate, clean
    from kliping.model import Article


def __getattr__(name: str) -> Any:
    if name == "Article":
        from kliping.model import Article

        return Article
    if name in ("Event", "Report", "Storyline", "analyze", "annotate", "clean"):
        from kliping import library

        return getattr(library, name)
    raise AttributeError(f"module 'kliping' has no attribute {name!r}")


_SHADOWED = frozenset({"clean", "annotate"})


class _Package(types.ModuleType):
    def __setattr__(self, name: str, value: Any) -> None:
        if name in _SHADOWED and isinstance(value, types.ModuleType):
            return  # the import system binding the submodule: the API function keeps the name
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
