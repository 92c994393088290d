"""Duplicates and syndicated copies: a corpus stage that links each article to an earlier one it repeats.

Monitors collect the same story many times: the same page crawled twice (or under an AMP/mobile URL with tracking
parameters), the same outlet publishing it in two channels, and other outlets republishing a wire or a partner's
story. Counting each of those as a separate report inflates every event, so this stage links them:

- `duplicate_of` = id of the *canonical* (first seen) article of the group, when the article is
    * the same page: equal canonical URL (see `canonical_url`), whatever the text says (a re-crawl or an update);
    * the same text: equal normalised-text hash (casefolded NFKC word tokens), or a near duplicate (MinHash estimate
      of 5-word-shingle Jaccard >= NEAR_JACCARD), **from the same outlet** (or when either outlet is unknown);
    * the same headline from the same outlet (normalised title), unless both texts are long enough to compare and
      clearly differ (recurring headlines such as "Harga Emas Hari Ini" are different articles).
- `copy_of` = CopyLink(original id, overlap, credited), never together with `duplicate_of`, when the article shares
  text with an earlier article **from another outlet**: exact or near-identical text (overlap 1.0 / >= NEAR_JACCARD),
  or a containment (share of this article's shingles found in the other) >= COPY_CONTAINMENT, and when it credits a
  source (`cited_sources`: a wire such as Antara, or the outlet named in its dateline/footer) and shares that much
  text even if outlets are unknown or equal. `credited` is the credited name, preferring the one that names the
  original's outlet.

So a near duplicate from another outlet is a copy, not a duplicate: the outlet republished the story, and a report
still wants to show that two outlets carried it. "Different outlet" means both outlets are known and differ after
normalisation (`outlet_key`: "KabarNusa.id", "KABARNUSA.ID" and "kabarnusa.id" are one outlet).

Ids are stable. The first article seen (input order, not publication date: the index is incremental and never
rewrites an earlier article's link) is the canonical one, `duplicate_of` always names a group's canonical article
(no chains), and a link never changes once set unless the article it points to is removed (`DuplicateIndex.remove`
re-links the affected articles against the remaining earlier ones). An article whose outlet an earlier article
credits as its source is not linked as a copy of that earlier article (it is the original that arrived late).

Why not datasketch's `MinHashLSH` for the buckets: its in-memory storage keeps a Python set per bucket, several
hundred bytes per (article, band), and finding copies (Jaccard ~0.33) needs many short bands (bench/eval_dedup.py,
10,000 synthetic articles, 24 bands of 2: its buckets alone grow RSS by 71 MB). Here the index is rows of SQLite
(`SCHEMA`: the store's own database), band keys and hashes in indexed tables, and a run holds only its own articles
in RAM: 100,000 articles, written 1,000 at a time as runs write them, grow RSS by 18 MB in all and take 0.52
ms/article (flushes included), against 252 MB when the whole index was in RAM and every run loaded and wrote it
back; the rows take 1.1 KB an article on disk. The signatures are datasketch's `MinHash` (affine32 scheme),
computed here in numpy (`minhash`, tested equal), with the same banding.
"""

from __future__ import annotations

import hashlib
import io
import json
import pickle
import re
import sqlite3
import unicodedata
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import numpy as np

from kliping.corpus import state
from kliping.model import Article, CopyLink

# ---------- thresholds (every one says on which data it was set) ----------

# 5-word shingles: long enough that different articles, even on one topic, share almost none (detik: of the 410,871
# pairs of rows that are not exact twins, 232 reach Jaccard 0.1 and 43 reach 0.5; the bundled
# examples' different reports of one event share at most 7% of their shingles), short enough that a changed word
# breaks only 5 shingles.
SHINGLE = 5
# Below this many words a text says too little to compare (photo captions, video stubs, failed extractions): such
# articles are linked only by URL and title.
MIN_WORDS = 20
NUM_PERM = 128  # MinHash permutations: Jaccard estimate std 0.035 at 0.8, 0.042 at 0.33
# Near duplicate: the classic 0.8 Jaccard. The bundled examples' near-verbatim copies (a phrase changed, a paragraph
# dropped or split, a dateline removed) score 0.90 and 0.97. Detik (one outlet) has 12 pairs of non-twin rows at
# >= 0.8, the same story re-published under another title or channel (duplicates), and 31 at 0.5-0.8, follow-ups
# that re-use part of an earlier story (not duplicates): 0.8 separates them. (A few words changed in a 389-word
# article, detik's mean length, keeps Jaccard near 0.9; in a 100-word text 3 changed words already give 0.75.)
NEAR_JACCARD = 0.8
# Syndicated copy: at least half of this article's shingles are in the other. Republished stories keep most of the
# text (examples: both copies 0.99, with a paragraph dropped); different outlets' reports of one event share only
# quotes and numbers (examples: <= 0.07), so 0.5 leaves a wide margin on both sides and still catches a copy that
# rewrote its lead and cut half of the rest.
COPY_CONTAINMENT = 0.5
# Recurring headlines: a same-outlet title match is a duplicate unless both texts are comparable and share less than
# this (either direction). Detik's duplicated title rows all have identical texts.
TITLE_TEXT_MIN = 0.5
# LSH banding: BANDS bands of ROWS minhash values. A pair with Jaccard s becomes a candidate with probability
# 1 - (1 - s^2)^24: 0.62 at 0.2, 0.93 at 0.33 (a 0.5-containment copy of an equal-length article), 0.999 at 0.5,
# ~1 at 0.8; two unrelated articles (Jaccard < 0.01) collide with probability < 0.0024. Candidates are verified with
# all NUM_PERM values, so a false candidate costs a vector comparison, not a wrong link.
BANDS, ROWS = 24, 2

_WORD = re.compile(r"\w+")
_SEED = 1

def _permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """datasketch's "affine32" permutations h -> a * h + b (mod 2^32, `a` odd), drawn as datasketch 2.0 draws them
    for `MinHash(num_perm, seed)`: the signatures, and so the stored dedup states, are the same as with it."""
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


_PERM_A, _PERM_B = _permutations(NUM_PERM, _SEED)
_FNV_OFFSET = np.uint64(0xCBF29CE484222325)
_FNV_PRIME = np.uint64(0x100000001B3)
_BAND_SALT = np.random.default_rng(20251123).integers(1, 2**63, size=BANDS, dtype=np.uint64)
_STATE_VERSION = 1


# ---------- normalisation ----------

def tokens(text: str) -> list[str]:
    """Word tokens of casefolded NFKC text: punctuation, quote styles, case and spacing never make two texts differ."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def _h64(s: str) -> int:
    return int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest(), "little")


# Hosts prefixes that serve the same page: desktop, mobile and AMP editions.
_HOST_PREFIXES = ("www.", "m.", "amp.", "mobile.")
# Query parameters that track a click rather than name a page: analytics (utm_*, fbclid, gclid, ...), share and
# referrer markers, detik's `tag_from`, AMP switches. Every other parameter is kept (sorted), because some sites name
# the article by it (`read.php?id=123`). `page=1` is the page itself; `page=2` is a different part of the article
# (different text), so it is kept.
_TRACKING = {"fbclid", "gclid", "gclsrc", "dclid", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid", "_ga", "_gl",
             "ref", "ref_src", "ref_url", "referrer", "cmpid", "tag_from", "amp", "outputtype", "share", "s_cid",
             "spm", "from", "src", "via", "_branch_match_id", "wt_mc", "ito"}
# Common second-level and top-level suffixes of news domains, stripped to get an outlet's name.
_SUFFIX = re.compile(r"(\.(co|or|go|ac|web|my|sch|net|com|org|biz|info|news|tv|id|in|uk|au|sg|us|io|online|site))+$")


def canonical_url(url: str | None) -> str | None:
    """The page a URL names, for equality: scheme-less, host lowercased without www./m./amp./mobile., no port,
    fragment, trailing slash, trailing `/amp` segment or tracking parameters. None for a site's front page (many
    records give only that) or something that is not a web URL."""
    if not url or not url.strip():
        return None
    u = url.strip()
    if "://" not in u:
        u = "//" + u
    try:
        parts = urlsplit(u)
        host = (parts.hostname or "").rstrip(".")
    except ValueError:
        return None
    if parts.scheme and parts.scheme.lower() not in ("http", "https"):
        return None
    if not host or "." not in host:
        return None
    changed = True
    while changed:
        changed = False
        for p in _HOST_PREFIXES:
            if host.startswith(p) and host.count(".") > 1:
                host, changed = host[len(p):], True
    path = re.sub(r"/{2,}", "/", parts.path)
    path = re.sub(r"/amp/?$", "", path).rstrip("/")
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not (k.lower().startswith("utm_") or k.lower() in _TRACKING or (k.lower() == "page" and v == "1"))]
    if not path and not query:
        return None
    q = urlencode(sorted(query))
    return f"{host}{path}" + (f"?{q}" if q else "")


def outlet_key(name: str | None) -> str | None:
    """An outlet's name for comparison: "KabarNusa.id", "www.kabarnusa.id" and "KABARNUSA.ID" are "kabarnusa";
    "news.detik.com" is "detik"; "Warta Timur" and "warta-timur.com" are "wartatimur"."""
    if not name or not name.strip():
        return None
    s = unicodedata.normalize("NFKC", name).casefold().strip()
    s = re.sub(r"^[a-z]+://", "", s).split("/")[0] if "://" in s else s
    s = _SUFFIX.sub("", s)
    s = s.rsplit(".", 1)[-1] if "." in s and " " not in s else s
    key = re.sub(r"\W+|_", "", s)
    return key or None


# ---------- features of one article ----------

@dataclass(slots=True)
class _Features:
    """What the index keeps of an article: hashes and a signature, never the text."""

    outlet: str | None
    url: int | None
    title: int | None
    text: int | None
    credits: tuple[tuple[str, str], ...]  # (outlet key, name as written), own outlet excluded
    size: int  # distinct shingles; 0 when the text is too short to compare (then it has no signature)


def shingle_hashes(words: list[str]) -> np.ndarray:
    """Distinct 32-bit hashes of the SHINGLE-word shingles, vectorised (an FNV-style mix of per-word CRC32s):
    about 10 times faster than hashing each shingle string, and stable across runs and machines."""
    n = len(words) - SHINGLE + 1
    if n <= 0:
        return np.zeros(0, dtype=np.uint32)
    wh = np.fromiter((zlib.crc32(w.encode("utf-8")) for w in words), dtype=np.uint64, count=len(words))
    h = np.full(n, _FNV_OFFSET, dtype=np.uint64)
    for j in range(SHINGLE):
        h = (h ^ wh[j:j + n]) * _FNV_PRIME
    return np.unique(((h >> np.uint64(32)) ^ h).astype(np.uint32))


def _fmix32(h: np.ndarray) -> np.ndarray:
    """The MurmurHash3 finalizer on uint32 (wrapping multiplication): spreads the shingle hashes before the affine
    permutations, as datasketch's "affine32" scheme does."""
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def minhash(hashes: np.ndarray) -> np.ndarray:
    """The NUM_PERM-value MinHash signature (uint32) of a set of 32-bit hashes: per permutation, the least
    permuted hash: a few lines of numpy instead of a dependency used for nothing else."""
    h = _fmix32(hashes.astype(np.uint32, copy=False)).reshape(-1, 1)
    return (h * _PERM_A + _PERM_B).min(axis=0)


def signature(words: list[str]) -> tuple[np.ndarray | None, int]:
    """The MinHash signature of a text's shingles and their count, or (None, 0) for a text under MIN_WORDS."""
    if len(words) < MIN_WORDS:
        return None, 0
    sh = shingle_hashes(words)
    return minhash(sh), int(sh.size)


def features(art: Article) -> tuple[_Features, np.ndarray | None]:
    """An article's hashes and its MinHash signature (None when the text is under MIN_WORDS)."""
    words = tokens(art.text or "")
    sig, size = signature(words)
    own = outlet_key(art.outlet) or outlet_key(urlsplit(art.url).hostname if art.url and "://" in art.url else None)
    title_words = tokens(art.title or "")
    url = canonical_url(art.url)
    credits: list[tuple[str, str]] = []
    for name in art.cited_sources:
        k = outlet_key(name)
        if k and k != own and all(k != c[0] for c in credits):
            credits.append((k, name))
    return _Features(
        outlet=own,
        url=_h64("url\x00" + url) if url else None,
        # Four words at least: "Video" or "Foto Hari Ini" are section labels, not headlines.
        title=_h64(f"title\x00{own}\x00{' '.join(title_words)}") if own and len(title_words) >= 4 else None,
        text=_h64("text\x00" + " ".join(words)) if len(words) >= MIN_WORDS else None,
        credits=tuple(credits), size=size), sig


def _band_keys(sig: np.ndarray) -> list[int]:
    return [int(x) for x in _band_key_rows(sig.reshape(1, -1))[0].tolist()]


def _band_key_rows(sigs: np.ndarray) -> np.ndarray:
    """The BANDS bucket keys (uint64) of each signature (a row of `sigs`)."""
    v = sigs[:, :BANDS * ROWS].reshape(len(sigs), BANDS, ROWS).astype(np.uint64)
    k = np.broadcast_to(_BAND_SALT, (len(sigs), BANDS)).copy()
    for j in range(ROWS):
        k = (k ^ v[:, :, j]) * _FNV_PRIME
    return k


def _containment(j: float | np.ndarray, a: int, b: int | np.ndarray) -> Any:
    """Share of set A found in set B from their Jaccard and sizes: |A n B| = J (|A| + |B|) / (1 + J)."""
    return np.minimum(1.0, j * (a + b) / ((1.0 + j) * max(a, 1)))


# ---------- the index ----------

# The index's tables. Every article seen is a row (its hashes, outlet, credits, shingle count, signature and links),
# with its URL/title/text hashes and its LSH band keys as rows of their own, indexed: a run reads only the rows its
# articles' lookups find, so its memory follows its own articles, not the store's (issue 16: the whole index loaded
# and written back by every run grew `kliping ingest` by kilobytes an article for ever). Hashes and band keys are
# unsigned 64-bit values stored as SQLite's signed integers (`_signed`).
SCHEMA = """
CREATE TABLE IF NOT EXISTS dedup_articles (n INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, outlet TEXT, url INTEGER,
    title INTEGER, text INTEGER, credits TEXT, size INTEGER NOT NULL, sig BLOB, dup INTEGER NOT NULL, copy INTEGER,
    copy_overlap REAL, copy_credited TEXT);
CREATE INDEX IF NOT EXISTS dedup_articles_dup ON dedup_articles(dup) WHERE dup >= 0;
CREATE INDEX IF NOT EXISTS dedup_articles_copy ON dedup_articles(copy) WHERE copy IS NOT NULL;
CREATE TABLE IF NOT EXISTS dedup_hashes (hash INTEGER NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (hash, n))
    WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS dedup_bands (key INTEGER NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (key, n)) WITHOUT ROWID;
"""
_COLUMNS = "n, id, outlet, url, title, text, credits, size, sig, dup, copy, copy_overlap, copy_credited"
ROW_CACHE = 4096  # stored rows kept once read, within a run (about 1 KB each)


def _signed(h: int) -> int:
    return h - (1 << 64) if h >= 1 << 63 else h


def _unsigned(h: int | None) -> int | None:
    return h + (1 << 64) if h is not None and h < 0 else h


@dataclass
class _Row:
    """One article of the index, stored or of this run."""

    id: str
    feat: _Features
    sig: np.ndarray | None
    dup: int  # n of the canonical article, -1 for none
    copy: tuple[int, float, str | None] | None  # (n of the original, overlap, credited)


class _NoGlobals(pickle.Unpickler):
    """Stores written before the state was `corpus.state` plain data pickled it (dicts, lists, str, int, float,
    bytes only): read those once with every class refused, so nothing can be called; the next run writes rows."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"dedup state holds only plain data, not {module}.{name}")


class DuplicateIndex:
    """Every article seen so far, as hashes and MinHash signatures, to link each new one to an earlier one.

    `add` links an article against earlier ones and remembers it; adding an id again changes nothing and gives the
    article its first link back. The articles live as rows of SQLite (`SCHEMA`; a store's database, or a private
    in-memory one): this run's articles are kept in RAM, with the changes it makes to stored ones, until `flush`,
    which the store runs inside the transaction that saves the rest of the corpus state (`Store.save_corpus`), so
    a run killed before it commits leaves the rows as they were. Each article is numbered (`n`) in the order it
    was first seen, which decides which of two is the earlier.
    """

    def __init__(self, db: sqlite3.Connection | None = None, meta: bytes | None = None, create: bool = True) -> None:
        """`db`: the connection holding the tables (a store's; None: a private in-memory database). `meta`: what
        `state()` gave (counts). `create`: make the tables (a store has them from its migration, and creating them
        here would commit its open transaction)."""
        self.db = db if db is not None else sqlite3.connect(":memory:")
        if create or db is None:
            self.db.executescript(SCHEMA)
        self.counts: dict[str, int] = {}
        if meta:
            data = state.load(meta, {}, dict)
            if not isinstance(data, dict) or data.get("version") != _STATE_VERSION or "counts" not in data:
                raise ValueError("not a dedup state of this version: rebuild it by re-adding the articles")
            _check_params(data)
            self.counts = dict(data["counts"])
        self._cleared = False  # `clear` was called: the stored rows are gone at `flush`
        self._start()

    def _start(self) -> None:
        """An empty RAM tier, numbered after the stored rows."""
        last = self.db.execute("SELECT MAX(n) FROM dedup_articles").fetchone()[0]
        self._base = 0 if last is None or self._cleared else int(last) + 1  # n of this run's first article
        self._ids: list[str | None] = []  # this run's articles (n - base), None once removed
        self._pos: dict[str, int] = {}  # id -> n
        self._feat: list[_Features | None] = []
        self._dup: list[int] = []
        self._copy: list[tuple[int, float, str | None] | None] = []
        self._sigs = np.zeros((0, NUM_PERM), dtype=np.uint32)
        self._sizes = np.zeros(0, dtype=np.int64)
        self._buckets: dict[int, list[int]] = {}  # band key -> n
        self._hashes: dict[int, list[int]] = {}  # url / title / text hash -> n
        self._gone: set[int] = set()  # stored articles removed this run
        self._relinked: dict[int, tuple[int, tuple[int, float, str | None] | None]] = {}  # stored, linked again
        self._cache: dict[int, _Row] = {}

    def __len__(self) -> int:
        stored = 0 if self._cleared else int(self.db.execute("SELECT COUNT(*) FROM dedup_articles").fetchone()[0])
        return stored - len(self._gone) + len(self._pos)

    def __contains__(self, article_id: object) -> bool:
        return isinstance(article_id, str) and self._n_of(article_id) is not None

    def _count(self, what: str) -> None:
        self.counts[what] = self.counts.get(what, 0) + 1

    # ----- rows -----

    def _n_of(self, article_id: str) -> int | None:
        if article_id in self._pos:
            return self._pos[article_id]
        if self._cleared:
            return None
        row = self.db.execute("SELECT n FROM dedup_articles WHERE id = ?", (article_id,)).fetchone()
        return None if row is None or row[0] in self._gone else int(row[0])

    def _live(self, n: int) -> bool:
        return self._ids[n - self._base] is not None if n >= self._base else n not in self._gone

    def _row(self, n: int) -> _Row:
        return self._rows([n])[n]

    def _rows(self, ns: Iterable[int]) -> dict[int, _Row]:
        """Articles by n, this run's from RAM, stored ones from their rows (with this run's new links)."""
        out: dict[int, _Row] = {}
        want = []
        for n in ns:
            if n >= self._base:
                k = n - self._base
                aid, f = self._ids[k], self._feat[k]
                assert aid is not None and f is not None
                out[n] = _Row(aid, f, self._sigs[k] if f.size else None, self._dup[k], self._copy[k])
            elif n in self._cache:
                out[n] = self._cache[n]
            else:
                want.append(n)
        for at in range(0, len(want), 500):
            chunk = want[at:at + 500]
            q = f"SELECT {_COLUMNS} FROM dedup_articles WHERE n IN ({','.join('?' * len(chunk))})"
            for r in self.db.execute(q, chunk):
                f = _Features(outlet=r[2], url=_unsigned(r[3]), title=_unsigned(r[4]), text=_unsigned(r[5]),
                              credits=tuple((k, name) for k, name in json.loads(r[6] or "[]")), size=int(r[7]))
                sig = np.frombuffer(r[8], dtype="<u4").astype(np.uint32) if r[8] is not None else None
                copy = (int(r[10]), float(r[11]), r[12]) if r[10] is not None else None
                if len(self._cache) >= ROW_CACHE:
                    self._cache.clear()
                out[int(r[0])] = self._cache[int(r[0])] = _Row(r[1], f, sig, int(r[9]), copy)
        for n, (dup, copy) in self._relinked.items():  # stored articles linked again this run
            if n in out:
                out[n] = _Row(out[n].id, out[n].feat, out[n].sig, dup, copy)
        return out

    def _set_links(self, n: int, dup: int, copy: tuple[int, float, str | None] | None) -> None:
        if n >= self._base:
            self._dup[n - self._base], self._copy[n - self._base] = dup, copy
        else:
            self._relinked[n] = (dup, copy)

    # ----- links -----

    def links(self, article_id: str) -> tuple[str | None, CopyLink | None]:
        """(duplicate_of, copy_of) of an article in the index."""
        n = self._n_of(article_id)
        if n is None:
            raise KeyError(article_id)
        return self._links_of(self._row(n))

    def _links_of(self, r: _Row) -> tuple[str | None, CopyLink | None]:
        targets = self._rows([x for x in (r.dup, r.copy[0] if r.copy else -1) if x >= 0])
        return (targets[r.dup].id if r.dup >= 0 else None,
                CopyLink(targets[r.copy[0]].id, r.copy[1], r.copy[2]) if r.copy is not None else None)

    def add(self, art: Article) -> Article:
        """Link `art` to an earlier article (sets `duplicate_of` or `copy_of`), remember it, return it."""
        if art.id in self:
            self._count("readded")
            art.duplicate_of, art.copy_of = self.links(art.id)
            return art
        f, sig = features(art)
        self._append(art.id, f, sig, -1, None)
        n = self._base + len(self._ids) - 1
        self._link(n)
        self._remember(n)
        self._count("articles")
        art.duplicate_of, art.copy_of = self.links(art.id)
        return art

    def _append(self, aid: str, f: _Features, sig: np.ndarray | None, dup: int,
                copy: tuple[int, float, str | None] | None) -> None:
        k = len(self._ids)
        self._ids.append(aid)
        self._pos[aid] = self._base + k
        self._feat.append(f)
        self._dup.append(dup)
        self._copy.append(copy)
        if k >= len(self._sizes):  # grown by a quarter: doubling a large tier's signatures held three copies
            more = max(1024, len(self._sizes) // 4)
            self._sigs = np.concatenate([self._sigs, np.zeros((more, NUM_PERM), dtype=np.uint32)])
            self._sizes = np.concatenate([self._sizes, np.zeros(more, dtype=np.int64)])
        if sig is not None:
            self._sigs[k] = sig
            self._sizes[k] = f.size

    def _remember(self, n: int) -> None:
        k = n - self._base
        f = self._feat[k]
        assert f is not None
        for h in (f.url, f.title, f.text):
            if h is not None:
                self._hashes.setdefault(h, []).append(n)
        if f.size:
            for key in _band_keys(self._sigs[k]):
                self._buckets.setdefault(key, []).append(n)

    def _root(self, r: _Row, n: int) -> int:
        return r.dup if r.dup >= 0 else n

    def _earlier(self, h: int | None, n: int) -> int | None:
        """The first live article before n with hash h."""
        if h is None:
            return None
        if not self._cleared:
            for (j,) in self.db.execute("SELECT n FROM dedup_hashes WHERE hash = ? AND n < ? ORDER BY n",
                                        (_signed(h), n)):
                if j not in self._gone:
                    return int(j)
        return next((j for j in self._hashes.get(h, ()) if j < n and self._live(j)), None)

    def _candidates(self, n: int, sig: np.ndarray) -> list[int]:
        found: set[int] = set()
        keys = [int(k) for k in _band_key_rows(sig.reshape(1, -1))[0].tolist()]
        if not self._cleared:
            signed = [_signed(k) for k in keys]
            q = f"SELECT n FROM dedup_bands WHERE key IN ({','.join('?' * len(signed))})"
            found.update(int(j) for (j,) in self.db.execute(q, signed))
        for k in keys:
            found.update(self._buckets.get(k, ()))
        return sorted(j for j in found if j < n and self._live(j))

    def _link(self, n: int) -> None:
        """Set article n's link against live articles before it (the order: URL, same text, title, near, copy)."""
        me = self._row(n)
        f, sig = me.feat, me.sig
        self._set_links(n, -1, None)
        j = self._earlier(f.url, n)
        if j is not None:
            self._set_links(n, self._root(self._row(j), j), None)
            self._count("duplicate_url")
            return

        def same_outlet(g: _Features) -> bool:
            return f.outlet is None or g.outlet is None or f.outlet == g.outlet

        exact = self._earlier(f.text, n)
        if exact is not None:
            r = self._row(exact)
            if same_outlet(r.feat):
                self._set_links(n, self._root(r, exact), None)
                self._count("duplicate_text")
                return
        cands: list[int] = []
        rows: dict[int, _Row] = {}
        jac = np.zeros(0)
        cont = np.zeros(0)
        if f.size and sig is not None:
            cands = self._candidates(n, sig)
            if cands:
                rows = self._rows(cands)
                other = np.stack([rows[j].sig for j in cands])  # type: ignore[misc]
                jac = (other == sig).mean(axis=1)
                cont = _containment(jac, f.size, np.array([rows[j].feat.size for j in cands]))
        j = self._earlier(f.title, n)
        if j is not None:
            r = self._row(j)
            comparable = bool(f.size and r.feat.size and sig is not None and r.sig is not None)
            if comparable:
                jj = float(np.mean(np.asarray(r.sig) == sig))
                both = max(_containment(jj, f.size, r.feat.size), _containment(jj, r.feat.size, f.size))
            if not comparable or both >= TITLE_TEXT_MIN:
                self._set_links(n, self._root(r, j), None)
                self._count("duplicate_title")
                return
            self._count("title_match_text_differs")
        for k, j in enumerate(cands):
            if jac[k] >= NEAR_JACCARD and same_outlet(rows[j].feat):
                self._set_links(n, self._root(rows[j], j), None)
                self._count("duplicate_near")
                return
        # Syndicated copies: candidates from another outlet, or from an unknown one when this article credits a
        # source. Never from the same outlet: an outlet re-using its own text (detik: a follow-up that keeps half of
        # yesterday's story, two rewrites of one AFP report) has not syndicated anything.
        credit_keys = {c[0] for c in f.credits}
        best: dict[int, float] = {}
        pairs = [(j, float(c), float(s)) for j, c, s in zip(cands, cont, jac, strict=True)]
        if exact is not None:
            pairs.append((exact, 1.0, 1.0))
            rows.setdefault(exact, self._row(exact))
        for j, c, s in pairs:
            g = rows[j].feat
            known = f.outlet is not None and g.outlet is not None
            if (known and f.outlet == g.outlet) or not (known or f.credits) or (
                    c < COPY_CONTAINMENT and s < NEAR_JACCARD):
                continue
            if f.outlet is not None and any(k == f.outlet for k, _ in g.credits):
                continue  # the earlier article credits this one's outlet: this is the original, arrived late
            t = self._root(rows[j], j)
            best[t] = max(best.get(t, 0.0), c)
        if not best:
            return
        targets = self._rows(best)

        def rank(t: int) -> tuple[bool, bool, float, int]:
            return (targets[t].feat.outlet not in credit_keys, targets[t].copy is not None, -best[t], t)

        t = min(best, key=rank)
        g = targets[t].feat
        credited = next((name for k, name in f.credits if k == g.outlet), f.credits[0][1] if f.credits else None)
        self._set_links(n, -1, (t, round(best[t], 3), credited))
        self._count("copy")

    # ----- removal -----

    def remove(self, article_id: str) -> dict[str, tuple[str | None, CopyLink | None]]:
        """Forget an article. Articles linked to it are linked again against the remaining earlier articles; returns
        their new links by id (for the store to update). No other link changes."""
        n = self._n_of(article_id)
        if n is None:
            raise KeyError(article_id)
        if n >= self._base:
            k = n - self._base
            f = self._feat[k]
            assert f is not None
            del self._pos[article_id]
            self._ids[k] = None
            self._feat[k] = None
            for h in (f.url, f.title, f.text):
                if h is not None and n in self._hashes.get(h, ()):
                    self._hashes[h].remove(n)
            if f.size:
                for key in _band_keys(self._sigs[k]):
                    if n in self._buckets.get(key, ()):
                        self._buckets[key].remove(n)
        else:
            self._gone.add(n)
            self._relinked.pop(n, None)
        linked: set[int] = set()  # articles whose link names n: stored rows (as stored or as linked again), this run's
        if not self._cleared:
            linked.update(int(j) for (j,) in self.db.execute(
                "SELECT n FROM dedup_articles WHERE dup = ? OR copy = ?", (n, n)))
        linked.update(j for j, (d, c) in self._relinked.items() if d == n or (c is not None and c[0] == n))
        linked.update(self._base + k for k, aid in enumerate(self._ids) if aid is not None and (
            self._dup[k] == n or ((c := self._copy[k]) is not None and c[0] == n)))
        affected = []
        for j in sorted(linked):
            if j > n and self._live(j):
                r = self._row(j)
                if r.dup == n or (r.copy is not None and r.copy[0] == n):
                    affected.append(j)
        out: dict[str, tuple[str | None, CopyLink | None]] = {}
        for j in affected:  # in input order, so the new canonical article is linked before its group
            self._link(j)
            r = self._row(j)
            out[r.id] = self._links_of(r)
        self._count("removed")
        return out

    def clear(self) -> None:
        """Forget every article (the store's links are rebuilt): stored rows are deleted at `flush`."""
        self._cleared = True
        self._start()

    # ----- persistence -----

    def flush(self) -> None:
        """Write this run's articles and changes as rows (no commit: the caller's transaction holds them), and
        start an empty RAM tier."""
        db = self.db
        if self._cleared:
            for table in ("dedup_articles", "dedup_hashes", "dedup_bands"):
                db.execute(f"DELETE FROM {table}")
        if self._gone:  # each removed row's hash and band rows, found by its keys (recomputed from its row)
            old = self._rows(sorted(self._gone))
            db.executemany("DELETE FROM dedup_hashes WHERE hash = ? AND n = ?",
                           [(_signed(h), n) for n, r in old.items() for h in (r.feat.url, r.feat.title, r.feat.text)
                            if h is not None])
            db.executemany("DELETE FROM dedup_bands WHERE key = ? AND n = ?",
                           [(int(k), n) for n, r in old.items() if r.sig is not None
                            for k in _band_key_rows(r.sig.reshape(1, -1)).astype(np.int64)[0].tolist()])
            db.executemany("DELETE FROM dedup_articles WHERE n = ?", [(n,) for n in sorted(self._gone)])
        db.executemany("UPDATE dedup_articles SET dup = ?, copy = ?, copy_overlap = ?, copy_credited = ? WHERE n = ?",
                       [(d, *(c if c is not None else (None, None, None)), n) for n, (d, c) in self._relinked.items()])
        live = [k for k, aid in enumerate(self._ids) if aid is not None]
        rows, hashes, bands = [], [], []
        for k in live:
            f, n, c = self._feat[k], self._base + k, self._copy[k]
            assert f is not None
            rows.append((n, self._ids[k], f.outlet, _signed_or_none(f.url), _signed_or_none(f.title),
                         _signed_or_none(f.text), json.dumps([list(x) for x in f.credits]) if f.credits else None,
                         f.size, self._sigs[k].astype("<u4").tobytes() if f.size else None, self._dup[k],
                         *(c if c is not None else (None, None, None))))
            hashes += [(_signed(h), n) for h in (f.url, f.title, f.text) if h is not None]
        sized = [k for k in live if self._feat[k].size]  # type: ignore[union-attr]
        if sized:
            keys = _band_key_rows(self._sigs[sized]).astype(np.int64)  # the same 64 bits, read as signed
            bands = list(zip(keys.reshape(-1).tolist(), np.repeat(np.array(sized) + self._base, BANDS).tolist(),
                             strict=True))
        db.executemany(f"INSERT INTO dedup_articles ({_COLUMNS}) VALUES ({','.join('?' * 13)})", rows)
        db.executemany("INSERT INTO dedup_hashes (hash, n) VALUES (?, ?)", hashes)
        db.executemany("INSERT INTO dedup_bands (key, n) VALUES (?, ?)", bands)
        self._cleared = False
        self._start()

    def state(self) -> bytes:
        """What the rows do not hold (`corpus.state` plain data): the counts, and the parameters the rows were
        made with."""
        return state.dump({"version": _STATE_VERSION, "params": _params(), "counts": dict(self.counts)}, {})

    @classmethod
    def from_state(cls, blob: bytes, db: sqlite3.Connection | None = None, create: bool = True) -> DuplicateIndex:
        """The index `state()` describes, over `db`'s rows; or one a store kept whole before the index was rows
        (every article in the state itself): its articles become this run's, written as rows by the next `flush`.
        Links are restored, never recomputed."""
        data = state.load(blob, {}, dict) if blob.startswith(b"PK") else _NoGlobals(io.BytesIO(blob)).load()
        if not isinstance(data, dict) or data.get("version") != _STATE_VERSION:
            raise ValueError("not a dedup state of this version: rebuild it by re-adding the articles")
        _check_params(data)
        if "ids" not in data:
            return cls(db, blob, create)
        idx = cls(db, None, create)
        idx.clear()  # the whole index is in the state
        for i, aid in enumerate(data["ids"]):
            f = _Features(outlet=data["outlet"][i], url=data["url"][i], title=data["title"][i],
                          text=data["text"][i], credits=tuple((k, name) for k, name in data["credits"][i]),
                          size=data["sizes"][i])
            sig = np.frombuffer(data["sigs"], dtype="<u4", count=NUM_PERM, offset=4 * NUM_PERM * i)
            c = data["copy"][i]
            idx._append(aid, f, sig if f.size else None, data["dup"][i], (c[0], c[1], c[2]) if c else None)
            idx._remember(i)
        idx.counts = dict(data["counts"])
        return idx


def _params() -> list[int]:
    return [SHINGLE, MIN_WORDS, NUM_PERM, _SEED, BANDS, ROWS]


def _check_params(data: dict) -> None:
    if data.get("params") != _params():
        raise ValueError(f"dedup state made with other parameters {data.get('params')}: rebuild it by re-adding "
                         "the articles")


def _signed_or_none(h: int | None) -> int | None:
    return _signed(h) if h is not None else None


def link_duplicates(articles: Iterable[Article], index: DuplicateIndex | None = None) -> Iterator[Article]:
    """The corpus stage: link every article (in the given order) to an earlier duplicate or original."""
    idx = index if index is not None else DuplicateIndex()
    for art in articles:
        yield idx.add(art)
