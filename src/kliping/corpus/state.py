"""The corpus state a store keeps (the event and storyline indexes) as plain data: JSON and numeric arrays.

A store is user input as much as a page is (`kliping serve --db`, a store someone sent), so its state must not be
able to run code when read: no pickle. `dump` writes an index as an uncompressed `.npz` archive (numpy's zip of
`.npy` files) holding one JSON document, `state.json`, and the numeric arrays it refers to (event vectors, the
nearest-article index's bytes); `load` reads it back with `allow_pickle=False`, so an array of Python objects is
refused by numpy itself, and the JSON can only build the classes the caller names (`classes`: our indexes and their
records), by setting their attributes to plain values: dicts, lists, strings, numbers, counters, sets, arrays.

Why generic (every attribute of an allowed object, tagged by type) rather than a schema written per index: the
event index grows attributes as its model evolves, and a schema kept by hand beside it would fall out of step
silently. Here an attribute of a type the format does not know fails `dump` loudly (a test round-trips the indexes),
and a new attribute of a known type needs nothing. Values come back exactly: floats through their shortest repr,
arrays with their dtype, dicts in their order (ties of `Counter.most_common` keep their order too).

A blob in any other format (a pickle written before state was plain data, a damaged or crafted file) is refused
with `StaleState`, never interpreted: `corpus.stage` then rebuilds the events from the stored articles, once.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import json
import tempfile
import zipfile
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

import numpy as np

from kliping.errors import KlipingError

FORMAT = "kliping-state/1"  # bump when the tagging below changes
_MAGIC = b"PK\x03\x04"  # a zip archive (.npz)
# defaultdict factories the format knows (the index's by_term is a defaultdict(dict)).
_FACTORIES: dict[str, Any] = {"dict": dict, "list": list, "set": set, "int": int, "float": float}
_TAG = "$t"


class StaleState(KlipingError):
    """A store's corpus state is not plain data of this format: written by an older Kliping (pickled), damaged,
    or not Kliping's. It is never executed or interpreted, only rebuilt."""


_SCALARS = frozenset({bool, int, float, str, type(None)})
_STR = frozenset({str})


def _scalars(values: Iterable[Any]) -> bool:
    return _SCALARS.issuperset(map(type, values))


class _Encoder:
    def __init__(self, classes: dict[str, type]) -> None:
        self.names = {cls: name for name, cls in classes.items()}
        # Arrays by dtype, each kept as one flat run of a single member: an archive member per event vector cost
        # a zip entry and a header parse each (thousands per store).
        self.runs: dict[str, list[np.ndarray]] = {}
        self.sizes: dict[str, int] = {}

    def array(self, a: np.ndarray) -> dict[str, Any]:
        if a.dtype.hasobject:
            raise TypeError("corpus state: arrays of Python objects are not plain data")
        key = a.dtype.str
        flat = np.ascontiguousarray(a).reshape(-1)
        at = self.sizes.get(key, 0)
        self.runs.setdefault(key, []).append(flat)
        self.sizes[key] = at + flat.size
        return {_TAG: "array", "d": key, "o": at, "s": list(a.shape)}

    def numbers(self, obj: dict[Any, Any]) -> dict[str, Any] | None:
        """A long dict (or Counter) of string keys and all-float or all-int values as its keys in JSON and its
        values as one array run (float64, int64: exact), or None for any other dict. Numbers written in JSON were
        most of its bytes and of the time spent reading it (an event's term weights, the document frequencies)."""
        if len(obj) < 8 or not _STR.issuperset(map(type, obj)):
            return None
        kinds = set(map(type, obj.values()))
        if kinds == {float}:
            values = np.fromiter(obj.values(), dtype="<f8", count=len(obj))
        elif kinds == {int} and min(obj.values()) > -(1 << 62) and max(obj.values()) < (1 << 62):
            values = np.fromiter(obj.values(), dtype="<i8", count=len(obj))
        else:
            return None
        return {**self.array(values), _TAG: "counter" if type(obj) is Counter else "numbers", "k": list(obj)}

    def members(self) -> dict[str, np.ndarray]:
        return {f"a{key}": np.concatenate(parts) for key, parts in self.runs.items()}

    def __call__(self, obj: Any) -> Any:
        t = type(obj)
        if obj is None or t in _SCALARS:
            return obj
        if t is list:
            return obj if _scalars(obj) else [self(x) for x in obj]
        if t is dict or t is Counter:
            numbers = self.numbers(obj)
            if numbers is not None:
                return numbers if t is Counter else {**numbers, _TAG: "numbers"}
        if t is dict:
            if _STR.issuperset(map(type, obj)) and _TAG not in obj:
                # A dict of numbers or strings (an event's term weights, the article -> event map) goes to the
                # JSON encoder as it is: walking each value here made saving 4x slower.
                return obj if _scalars(obj.values()) else {k: self(v) for k, v in obj.items()}
            return {_TAG: "items", "v": [[self(k), self(v)] for k, v in obj.items()]}
        if t is Counter:
            return {_TAG: "counter", "v": self(dict(obj))}
        if t is defaultdict:
            factory = obj.default_factory
            name = next((n for n, f in _FACTORIES.items() if f is factory), None)
            if name is None:
                raise TypeError(f"corpus state: a defaultdict of {factory!r} is not plain data")
            return {_TAG: "defaultdict", "f": name, "v": self(dict(obj))}
        if t in (set, frozenset):
            items = list(obj)
            with contextlib.suppress(TypeError):
                items.sort()
            return {_TAG: t.__name__, "v": [self(x) for x in items]}
        if t is tuple:
            return {_TAG: "tuple", "v": [self(x) for x in obj]}
        if t is bytes or t is bytearray:
            return {**self.array(np.frombuffer(obj, dtype=np.uint8)), _TAG: t.__name__}
        if t is np.ndarray:
            return self.array(obj)
        if isinstance(obj, np.generic) and not obj.dtype.hasobject:
            return {_TAG: "scalar", "d": obj.dtype.str, "v": obj.item()}
        if isinstance(obj, float):  # np.float64 passed above; another float subclass
            return float(obj)
        name = self.names.get(t)
        if name is None:
            raise TypeError(f"corpus state: {t.__module__}.{t.__qualname__} is not plain data (not an allowed class)")
        custom = getattr(t, "__getstate__", None) is not getattr(object, "__getstate__", None)
        return {_TAG: "object", "c": name, "v": self(obj.__getstate__() if custom else vars(obj))}


def dump(obj: Any, classes: dict[str, type]) -> bytes:
    """`obj` (built of plain values and instances of `classes`, by name) as plain-data bytes for the store."""
    enc = _Encoder(classes)
    # Each copy of a large state is held only as long as the next needs it: the peak of saving, at the end of every
    # run, was five times the state's size and grew with the corpus (issue 16).
    doc = json.dumps(enc(obj), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    arrays: dict[str, Any] = {"format": np.frombuffer(FORMAT.encode(), dtype=np.uint8),
                              "state": np.frombuffer(doc, dtype=np.uint8)}
    del doc
    arrays.update(enc.members())
    enc.runs.clear()
    with tempfile.TemporaryFile() as f:  # a BytesIO grows by doubling, and its value is one more copy
        np.savez(f, **arrays)
        arrays.clear()
        f.seek(0)
        return f.read()


def check(blob: bytes) -> None:
    """Raise StaleState unless `blob` is state of this format (reads its few-byte header only, not the state)."""
    _format(blob)


def _format(blob: bytes) -> None:
    if not blob.startswith(_MAGIC):
        raise StaleState("the store's corpus state is not plain data (written by an older Kliping, or altered)")
    try:
        with np.load(io.BytesIO(blob), allow_pickle=False) as npz:
            found = npz["format"].tobytes().decode("utf-8")
    except (ValueError, KeyError, OSError, zipfile.BadZipFile, UnicodeDecodeError) as e:
        raise StaleState(f"the store's corpus state cannot be read ({type(e).__name__}): damaged or altered") from e
    if found != FORMAT:
        raise StaleState(f"the store's corpus state has format {found!r}, not {FORMAT!r}")


def load(blob: bytes, classes: dict[str, type], expect: type | None = None) -> Any:
    """What `dump` wrote, built from plain values and `classes` only; `expect`: the type the result must have.
    Raises StaleState for anything else (a pickle, a damaged or foreign blob)."""
    _format(blob)
    try:
        with np.load(io.BytesIO(blob), allow_pickle=False) as npz:
            arrays = {name: npz[name] for name in npz.files}
        arrays.pop("format")
        doc = str(arrays.pop("state"), "utf-8")  # decoded from the array's buffer: no bytes copy in between
        out = json.loads(doc, object_hook=_Decoder(classes, arrays).hook)
    except StaleState:
        raise
    except (ValueError, KeyError, TypeError, AttributeError, OSError, zipfile.BadZipFile, UnicodeDecodeError) as e:
        raise StaleState(f"the store's corpus state cannot be read ({type(e).__name__}): damaged or altered") from e
    if expect is not None and not isinstance(out, expect):
        raise StaleState(f"the store's corpus state is a {type(out).__name__}, not a {expect.__name__}")
    return out


class _Decoder:
    """Turns the tagged JSON objects back into their values, as `json.loads` builds them (an object hook: the
    parser walks the document in C, and only objects, not every value, pass through Python)."""

    def __init__(self, classes: dict[str, type], arrays: dict[str, np.ndarray]) -> None:
        self.classes = classes
        self.arrays = arrays

    def hook(self, v: dict[str, Any]) -> Any:
        tag = v.get(_TAG)
        if tag is None:
            return v
        if tag == "items":
            return {k: x for k, x in v["v"]}
        if tag == "numbers":
            return dict(zip(v["k"], self.array(v).tolist(), strict=True))
        if tag == "counter":
            return Counter(dict(zip(v["k"], self.array(v).tolist(), strict=True)) if "k" in v else v["v"])
        if tag == "defaultdict":
            out: defaultdict[Any, Any] = defaultdict(_FACTORIES[v["f"]])
            out.update(v["v"])
            return out
        if tag == "set":
            return set(v["v"])
        if tag == "frozenset":
            return frozenset(v["v"])
        if tag == "tuple":
            return tuple(v["v"])
        if tag == "array":
            return self.array(v).copy()
        if tag == "bytes":
            return self.array(v).tobytes()
        if tag == "bytearray":
            return bytearray(self.array(v))
        if tag == "scalar":
            dtype = np.dtype(v["d"])
            if dtype.hasobject:
                raise TypeError("object scalar")
            return dtype.type(v["v"])
        if tag == "object":
            return self.instance(v["c"], v["v"])
        raise ValueError(f"unknown tag {tag!r}")

    def array(self, v: dict[str, Any]) -> np.ndarray:
        """A view of the run `v` names: its dtype's member from offset `o`, in shape `s`."""
        run = self.arrays[f"a{v['d']}"]
        shape = tuple(int(n) for n in v["s"])
        size = int(np.prod(shape, dtype=np.int64))
        at = int(v["o"])
        if at < 0 or at + size > run.size:
            raise ValueError("array reference out of range")
        return run[at:at + size].reshape(shape)

    def instance(self, name: str, state: Any) -> Any:
        cls: Any = self.classes[name]  # KeyError for a class the caller did not allow: StaleState
        if type(state) is not dict:
            raise TypeError("object state must be a dict")
        obj = cls.__new__(cls)
        if hasattr(cls, "__setstate__"):
            obj.__setstate__(state)
            return obj
        obj.__dict__.update(state)
        if dataclasses.is_dataclass(cls):  # a field added since the state was written takes its default
            for f in dataclasses.fields(cls):
                if f.name in state:
                    continue
                if f.default is not dataclasses.MISSING:
                    setattr(obj, f.name, f.default)
                elif f.default_factory is not dataclasses.MISSING:
                    setattr(obj, f.name, f.default_factory())
        return obj
