"""Reading the corpus state a store keeps (the event and storyline indexes), without trusting the file.

The indexes are pickled, and `pickle.loads` on a crafted store file would run any code the file names: a store is
user input as much as a page is (`kliping serve --db`, a store someone sent). `load_state` resolves only the
classes the indexes are made of (`ALLOWED`), so a pickle naming anything else (`os.system`, `builtins.eval`,
`subprocess.Popen`) is refused before it is called. The duplicate index already holds plain data only
(`corpus.dedup`); moving the event indexes to plain data too is issue 16's.
"""

from __future__ import annotations

import io
import pickle
from typing import Any

from kliping.errors import KlipingError

# Every global the event and storyline indexes pickle (read off stores with `pickle.Unpickler.find_class`);
# numpy 1 and numpy 2 name the array constructor's module differently.
ALLOWED = frozenset({
    ("builtins", "dict"), ("builtins", "list"), ("builtins", "set"), ("builtins", "frozenset"),
    ("builtins", "tuple"), ("builtins", "int"), ("builtins", "float"), ("builtins", "str"),
    ("collections", "Counter"), ("collections", "defaultdict"), ("collections", "OrderedDict"),
    ("kliping.corpus.events", "Event"), ("kliping.corpus.events", "EventIndex"),
    ("kliping.corpus.events", "_VectorIndex"), ("kliping.corpus.storylines", "StorylineIndex"),
    ("numpy", "dtype"), ("numpy", "ndarray"),
    ("numpy._core.multiarray", "_reconstruct"), ("numpy.core.multiarray", "_reconstruct"),
})


class UnsafeState(KlipingError):
    """A store's corpus state names code it has no business naming: the store file was tampered with."""


class _Allowed(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in ALLOWED:
            raise UnsafeState(f"the store's corpus state names {module}.{name}, which no Kliping index holds: "
                              "refused (the store file was altered or is not Kliping's)")
        return super().find_class(module, name)


def load_state(blob: bytes) -> Any:
    """The index pickled in `blob`, built from the allowed classes only."""
    try:
        return _Allowed(io.BytesIO(blob)).load()
    except UnsafeState:
        raise
    except Exception as e:  # a truncated or garbled blob: one clear error, not a traceback from pickle's insides
        raise UnsafeState(f"the store's corpus state cannot be read ({type(e).__name__}): the store file is damaged"
                          ) from e
