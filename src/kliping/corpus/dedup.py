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
hundred bytes per (article, band), and finding copies (Jaccard ~0.33) needs many short bands. bench/eval_dedup.py,
10,000 synthetic articles, 24 bands of 2: its buckets alone grow RSS by 69 MB, this whole index (buckets,
signatures, hashes) by 40 MB; 100,000 articles took 327 MB here (3.3 KB/article) and 0.4-0.65 ms/article with
the buckets as plain `int -> int` dicts, 252 MB (2.5 KB/article, 0.63 ms) since they are sorted arrays (12 bytes an
entry) with a dict for the latest, and a reload takes 1.5 s instead of 2.5. The signatures are datasketch's `MinHash`
(affine32 scheme), computed here in numpy (`minhash`, tested equal), with the same banding.
"""

from __future__ import annotations

import hashlib
import io
import pickle
import re
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
MERGE_BUCKETS = 100_000  # bucket entries kept in a dict before they are folded into the sorted arrays

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

class _NoGlobals(pickle.Unpickler):
    """Stores written before the state was `corpus.state` plain data pickled it (dicts, lists, str, int, float,
    bytes only): read those once with every class refused, so nothing can be called; the next run writes plain
    data."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"dedup state holds only plain data, not {module}.{name}")


class DuplicateIndex:
    """Every article seen so far, as hashes and MinHash signatures, to link each new one to an earlier one.

    `add` links an article against earlier ones and remembers it; adding an id again changes nothing and gives the
    article its first link back. `state()` / `from_state()` persist it as plain data (about 0.6 KB of signature and
    a few hundred bytes of hashes per article; see the bench for measured memory).
    """

    def __init__(self) -> None:
        self._ids: list[str | None] = []  # internal index -> article id (None once removed)
        self._pos: dict[str, int] = {}
        self._feat: list[_Features | None] = []
        self._dup: list[int] = []  # internal index of the canonical article, -1 for none
        self._copy: list[tuple[int, float, str | None] | None] = []
        self._sigs = np.zeros((1024, NUM_PERM), dtype=np.uint32)
        self._sizes = np.zeros(1024, dtype=np.int64)
        # LSH buckets: band key -> articles. Most as two sorted arrays (key, article; 12 bytes an entry, BANDS
        # entries an article), the latest in a dict until MERGE_BUCKETS of them are folded in: a dict entry of
        # Python ints cost 100 bytes, 2.4 KB an article for ever (issue 16).
        self._bkeys = np.zeros(0, dtype=np.uint64)
        self._bidx = np.zeros(0, dtype=np.int32)
        self._buckets: dict[int, int | list[int]] = {}
        self._first: dict[int, int] = {}  # url / title / text hash -> first live article with it
        self.counts: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self._pos)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._pos

    def _count(self, what: str) -> None:
        self.counts[what] = self.counts.get(what, 0) + 1

    # ----- links -----

    def links(self, article_id: str) -> tuple[str | None, CopyLink | None]:
        """(duplicate_of, copy_of) of an article in the index."""
        i = self._pos[article_id]
        d, c = self._dup[i], self._copy[i]
        return (self._ids[d] if d >= 0 else None,
                CopyLink(self._ids[c[0]] or "", c[1], c[2]) if c is not None else None)

    def add(self, art: Article) -> Article:
        """Link `art` to an earlier article (sets `duplicate_of` or `copy_of`), remember it, return it."""
        if art.id in self._pos:
            self._count("readded")
            art.duplicate_of, art.copy_of = self.links(art.id)
            return art
        f, sig = features(art)
        i = len(self._ids)
        self._ids.append(art.id)
        self._pos[art.id] = i
        self._feat.append(f)
        self._dup.append(-1)
        self._copy.append(None)
        if i >= len(self._sizes):  # grown by a quarter: doubling a large index's signatures held three copies
            more = max(1024, len(self._sizes) // 4)
            self._sigs = np.concatenate([self._sigs, np.zeros((more, NUM_PERM), dtype=np.uint32)])
            self._sizes = np.concatenate([self._sizes, np.zeros(more, dtype=np.int64)])
        if sig is not None:
            self._sigs[i] = sig
            self._sizes[i] = f.size
        self._link(i)
        self._remember(i)
        self._count("articles")
        art.duplicate_of, art.copy_of = self.links(art.id)
        return art

    def _remember(self, i: int) -> None:
        f = self._feat[i]
        assert f is not None
        for h in (f.url, f.title, f.text):
            if h is not None:
                self._first.setdefault(h, i)
        if f.size:
            for k in _band_keys(self._sigs[i]):
                b = self._buckets.get(k)
                if b is None:
                    self._buckets[k] = i
                elif isinstance(b, int):
                    self._buckets[k] = [b, i]
                else:
                    b.append(i)
            if len(self._buckets) >= MERGE_BUCKETS:
                self._fold_buckets()

    def _fold_buckets(self) -> None:
        """Move the dict's bucket entries into the sorted arrays."""
        keys: list[int] = []
        idx: list[int] = []
        for k, b in self._buckets.items():
            for j in ([b] if isinstance(b, int) else b):
                keys.append(k)
                idx.append(j)
        self._buckets = {}
        self._add_sorted(np.array(keys, dtype=np.uint64), np.array(idx, dtype=np.int32))

    def _add_sorted(self, keys: np.ndarray, idx: np.ndarray) -> None:
        keys = np.concatenate([self._bkeys, keys])
        idx = np.concatenate([self._bidx, idx])
        order = np.argsort(keys, kind="stable")
        self._bkeys, self._bidx = keys[order], idx[order]

    def _root(self, j: int) -> int:
        return self._dup[j] if self._dup[j] >= 0 else j

    def _earlier(self, h: int | None, i: int) -> int | None:
        j = self._first.get(h) if h is not None else None
        return j if j is not None and j < i else None

    def _candidates(self, i: int) -> list[int]:
        f = self._feat[i]
        assert f is not None and f.size
        found: set[int] = set()
        keys = _band_key_rows(self._sigs[i:i + 1])[0]
        if len(self._bkeys):
            lo = np.searchsorted(self._bkeys, keys, side="left")
            hi = np.searchsorted(self._bkeys, keys, side="right")
            for a, b in zip(lo.tolist(), hi.tolist(), strict=True):
                if b > a:
                    found.update(self._bidx[a:b].tolist())
        for k in keys.tolist():
            b = self._buckets.get(k)
            if b is None:
                continue
            if isinstance(b, int):
                found.add(b)
            else:
                found.update(b)
        return sorted(j for j in found if j < i and self._ids[j] is not None)

    def _link(self, i: int) -> None:
        """Set article i's link against live articles before it (the order: URL, same text, title, near, copy)."""
        f = self._feat[i]
        assert f is not None
        self._dup[i], self._copy[i] = -1, None
        j = self._earlier(f.url, i)
        if j is not None:
            self._dup[i] = self._root(j)
            self._count("duplicate_url")
            return

        def same_outlet(g: _Features) -> bool:
            return f.outlet is None or g.outlet is None or f.outlet == g.outlet

        j = self._earlier(f.text, i)
        if j is not None:
            g = self._feat[j]
            assert g is not None
            if same_outlet(g):
                self._dup[i] = self._root(j)
                self._count("duplicate_text")
                return
        cands: list[int] = []
        jac = np.zeros(0)
        cont = np.zeros(0)
        sig = self._sigs[i]
        if f.size:
            cands = self._candidates(i)
            if cands:
                idx = np.asarray(cands)
                jac = (self._sigs[idx] == sig).mean(axis=1)
                cont = _containment(jac, f.size, self._sizes[idx])
        j = self._earlier(f.title, i)
        if j is not None:
            g = self._feat[j]
            assert g is not None
            comparable = bool(f.size and g.size)
            if comparable:
                jj = float((self._sigs[j] == sig).mean())
                both = max(_containment(jj, f.size, g.size), _containment(jj, g.size, f.size))
            if not comparable or both >= TITLE_TEXT_MIN:
                self._dup[i] = self._root(j)
                self._count("duplicate_title")
                return
            self._count("title_match_text_differs")
        for k, j in enumerate(cands):
            g = self._feat[j]
            assert g is not None
            if jac[k] >= NEAR_JACCARD and same_outlet(g):
                self._dup[i] = self._root(j)
                self._count("duplicate_near")
                return
        # Syndicated copies: candidates from another outlet, or from an unknown one when this article credits a
        # source. Never from the same outlet: an outlet re-using its own text (detik: a follow-up that keeps half of
        # yesterday's story, two rewrites of one AFP report) has not syndicated anything.
        credit_keys = {c[0] for c in f.credits}
        best: dict[int, float] = {}
        exact = self._earlier(f.text, i)
        pairs = [(j, float(c), float(s)) for j, c, s in zip(cands, cont, jac, strict=True)]
        if exact is not None:
            pairs.append((exact, 1.0, 1.0))
        for j, c, s in pairs:
            g = self._feat[j]
            assert g is not None
            known = f.outlet is not None and g.outlet is not None
            if (known and f.outlet == g.outlet) or not (known or f.credits) or (
                    c < COPY_CONTAINMENT and s < NEAR_JACCARD):
                continue
            if f.outlet is not None and any(k == f.outlet for k, _ in g.credits):
                continue  # the earlier article credits this one's outlet: this is the original, arrived late
            t = self._root(j)
            best[t] = max(best.get(t, 0.0), c)
        if not best:
            return

        def rank(t: int) -> tuple[bool, bool, float, int]:
            g = self._feat[t]
            assert g is not None
            return (g.outlet not in credit_keys, self._copy[t] is not None, -best[t], t)

        t = min(best, key=rank)
        g = self._feat[t]
        assert g is not None
        credited = next((name for k, name in f.credits if k == g.outlet), f.credits[0][1] if f.credits else None)
        self._copy[i] = (t, round(best[t], 3), credited)
        self._count("copy")

    # ----- removal -----

    def remove(self, article_id: str) -> dict[str, tuple[str | None, CopyLink | None]]:
        """Forget an article. Articles linked to it are linked again against the remaining earlier articles; returns
        their new links by id (for the store to update). No other link changes."""
        i = self._pos.pop(article_id)
        f = self._feat[i]
        assert f is not None
        self._ids[i] = None
        if f.size:  # (its entries in the sorted arrays stay: candidates are live articles only)
            for k in _band_keys(self._sigs[i]):
                b = self._buckets.get(k)
                if isinstance(b, list):
                    b.remove(i)
                    if len(b) == 1:
                        self._buckets[k] = b[0]
                elif b == i:
                    del self._buckets[k]
        for h in (f.url, f.title, f.text):
            if h is not None and self._first.get(h) == i:
                nxt = next((j for j in range(i + 1, len(self._ids)) if self._ids[j] is not None
                            and h in (self._feat_of(j).url, self._feat_of(j).title, self._feat_of(j).text)), None)
                if nxt is None:
                    del self._first[h]
                else:
                    self._first[h] = nxt
        self._feat[i] = None
        affected = [j for j in range(i + 1, len(self._ids)) if self._ids[j] is not None
                    and (self._dup[j] == i or (self._copy[j] is not None and self._copy[j][0] == i))]  # type: ignore[index]
        self._dup[i], self._copy[i] = -1, None
        out: dict[str, tuple[str | None, CopyLink | None]] = {}
        for j in affected:  # in input order, so the new canonical article is linked before its group
            self._link(j)
            jid = self._ids[j]
            assert jid is not None
            out[jid] = self.links(jid)
        self._count("removed")
        return out

    def _feat_of(self, j: int) -> _Features:
        f = self._feat[j]
        assert f is not None
        return f

    # ----- persistence -----

    def state(self) -> bytes:
        """The index as plain data (`corpus.state`: JSON and arrays) for the store to persist; `from_state` reads
        it."""
        live = [i for i, a in enumerate(self._ids) if a is not None]
        new = {i: n for n, i in enumerate(live)}
        feats = [self._feat_of(i) for i in live]
        data: dict[str, Any] = {
            "version": _STATE_VERSION,
            "params": [SHINGLE, MIN_WORDS, NUM_PERM, _SEED, BANDS, ROWS],
            "ids": [self._ids[i] for i in live],
            "outlet": [g.outlet for g in feats],
            "url": [g.url for g in feats], "title": [g.title for g in feats], "text": [g.text for g in feats],
            "credits": [[list(c) for c in g.credits] for g in feats],
            "sigs": (self._sigs[:len(live)] if len(live) == len(self._ids) else self._sigs[live]).astype(
                "<u4", copy=False).tobytes(),
            "sizes": [int(self._sizes[i]) for i in live],
            "dup": [new[self._dup[i]] if self._dup[i] >= 0 else -1 for i in live],
            "copy": [[new[c[0]], c[1], c[2]] if (c := self._copy[i]) is not None else None for i in live],
            "counts": dict(self.counts),
        }
        return state.dump(data, {})

    @classmethod
    def from_state(cls, blob: bytes) -> DuplicateIndex:
        """Rebuild an index from `state()` bytes; links are restored, never recomputed."""
        data = state.load(blob, {}, dict) if blob.startswith(b"PK") else _NoGlobals(io.BytesIO(blob)).load()
        if not isinstance(data, dict) or data.get("version") != _STATE_VERSION:
            raise ValueError("not a dedup state of this version: rebuild it by re-adding the articles")
        if data["params"] != [SHINGLE, MIN_WORDS, NUM_PERM, _SEED, BANDS, ROWS]:
            raise ValueError(f"dedup state made with other parameters {data['params']}: rebuild it by re-adding "
                             "the articles")
        idx = cls()
        n = len(data["ids"])
        cap = n + 1024  # room for a run's articles (then grown by a quarter at a time)
        idx._sigs = np.zeros((cap, NUM_PERM), dtype=np.uint32)
        idx._sigs[:n] = np.frombuffer(data["sigs"], dtype="<u4").reshape(n, NUM_PERM)
        idx._sizes = np.zeros(cap, dtype=np.int64)
        idx._sizes[:n] = data["sizes"]
        for i in range(n):
            aid = data["ids"][i]
            idx._ids.append(aid)
            idx._pos[aid] = i
            idx._feat.append(_Features(
                outlet=data["outlet"][i], url=data["url"][i], title=data["title"][i], text=data["text"][i],
                credits=tuple((k, name) for k, name in data["credits"][i]), size=data["sizes"][i]))
            idx._dup.append(data["dup"][i])
            c = data["copy"][i]
            idx._copy.append((c[0], c[1], c[2]) if c is not None else None)
            for h in (data["url"][i], data["title"][i], data["text"][i]):
                if h is not None:
                    idx._first.setdefault(h, i)
        sized = np.flatnonzero(idx._sizes[:n])
        if len(sized):  # every bucket entry at once, sorted (not through the dict, one article at a time)
            keys = _band_key_rows(idx._sigs[sized])
            idx._add_sorted(keys.reshape(-1), np.repeat(sized.astype(np.int32), BANDS))
        idx.counts = dict(data["counts"])
        return idx


def link_duplicates(articles: Iterable[Article], index: DuplicateIndex | None = None) -> Iterator[Article]:
    """The corpus stage: link every article (in the given order) to an earlier duplicate or original."""
    idx = index if index is not None else DuplicateIndex()
    for art in articles:
        yield idx.add(art)
