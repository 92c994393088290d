"""Named entities (PER/ORG/LOC) in news text: a linear-chain CRF for Indonesian, a capitalisation fallback otherwise,
and for German (which capitalises every noun) only names with evidence besides their capital.

The CRF (`models/ner-id.crfsuite`, trained by `bench/train_ner.py` on IndoNLU NERGrit + NERP) is small and runs on
one CPU core at about a thousand sentences per second, so entity tagging never dominates the annotate stage. Features
are hand-written (word, shape, affixes, neighbours, cue-word lists below) because they are what a CRF generalises
from with only ~10k training sentences. Spans are character offsets into the text given.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_right
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any

from kliping.enrich.intervals import Intervals
from kliping.lang.sentences import split_sentences

MODEL_PATH = Path(__file__).resolve().parent.parent / "models" / "ner-id.crfsuite"
# Languages the Indonesian model serves: Indonesian and Malay, and Javanese and Sundanese, which language id
# returns for short, name-heavy Indonesian sentences (a list of place names read as Javanese); a genuinely
# Javanese or Sundanese text is still closer to the model's training text than to the capitalisation fallback.
INDONESIAN = {"id", "ms", "jv", "su", None}
# Longer "sentences" (lists, run-on paragraphs) are cut at punctuation so the CRF sees sentence-sized input.
MAX_TOKENS = 150
MIN_SENTENCE = 30  # characters; a shorter piece ("Hengky Gosal, Sp.") is tagged together with the next sentence

# ---------- cue words (data; lower-cased). Read by the features and by the fallback. ----------


def _words(s: str) -> frozenset[str]:
    """A word list written as one whitespace-separated string (easier to read and edit than a list literal)."""
    return frozenset(s.split())


# Words that precede a person's name: titles, offices, honorifics, reporting verbs.
PERSON_CUES = _words("""
presiden wapres wakil menteri menko mendagri menlu menkeu menhan gubernur wagub bupati wabup wali walikota camat
lurah kapolri kapolda kapolres kapolsek wakapolri panglima jenderal kepala ketua ketum direktur dirut sekretaris
sekjen juru bicara jubir pak bu bapak ibu mas mbak bang kak dr drs prof ir h hj kh ustaz ustadz habib raja ratu
pangeran sultan kiai jaksa hakim anggota kata ujar tutur ungkap jelas menurut saudara tersangka terdakwa pelatih
kapten brigjen irjen kombes akbp kompol iptu aiptu bripka letjen mayjen marsekal laksamana kolonel aktor aktris
penyanyi santo paus dirjen komisaris rektor dekan politisi politikus pemain striker kiper gelandang bek istri
suami anak putra putri ayah tuan nyonya sang almarhum mendiang founder ceo pendiri mantan eks senator
""")

# Words that start or end an organisation's name.
ORG_CUES = _words("""
pt cv tbk persero partai kementerian kemenkes kemendagri kemenkeu kemenlu badan universitas univ bank dpr dprd mpr
dpd komisi lembaga yayasan perusahaan institut sekolah sma smp sd smk rs polda polres polsek polri tni kpk mahkamah
pengadilan dinas pemerintah pemkot pemkab pemprov klub fc asosiasi organisasi himpunan persatuan serikat kantor
kejaksaan kejati kejari kejagung bumn group grup corp corporation inc ltd kabinet majelis dewan departemen
direktorat fakultas akademi stasiun tv radio koran harian perum koperasi federasi liga tim markas angkatan
komando kodam kodim korem kemenhan kominfo kemenag ormas gereja masjid pesantren ponpes politeknik united club
association company council ministry university agency party
""")

# Words that precede or start a place name.
LOC_CUES = _words("""
kota kabupaten kab provinsi prov desa kelurahan kecamatan kampung dusun jalan jl pulau gunung sungai danau selat
teluk laut samudra samudera pantai tanjung benua negara negeri wilayah daerah kawasan bandara pelabuhan terminal
distrik kerajaan semenanjung lembah dataran di ke dari asal menuju hingga sampai warga penduduk ibu kota
""")

# A few frequent Indonesian place names not guaranteed to be in the training data (countries, provinces, big cities).
PLACE_NAMES = _words("""
indonesia malaysia singapura thailand filipina vietnam myanmar kamboja laos brunei timor jepang tiongkok china
cina korea india pakistan bangladesh arab saudi iran irak suriah turki mesir israel palestina rusia ukraina inggris
prancis perancis jerman italia spanyol belanda belgia swiss australia selandia amerika serikat kanada meksiko
brasil argentina afrika nigeria eropa asia jakarta bandung surabaya medan semarang makassar palembang yogyakarta
denpasar bali aceh papua sumatera sumatra jawa kalimantan sulawesi maluku lombok riau jambi bengkulu lampung banten
bekasi bogor depok tangerang malang solo surakarta balikpapan samarinda pontianak manado kupang ambon jayapura
padang pekanbaru batam mataram kendari palu gorontalo ternate sorong merauke cirebon tasikmalaya sukabumi
""")

# ---------- tokenisation ----------

# Words and numbers are runs of \w; every other non-space character is its own token, as in IndoNLU
# ("Jong-un" -> "Jong", "-", "un"; the entity span still runs from the first to the last token).
_TOKEN = re.compile(r"[^\W_]+|\S")
_DIGIT = re.compile(r"\d")
_UPPER = re.compile(r"[A-Z]")


def tokenize(text: str) -> list[tuple[int, int, str]]:
    """(start, end, token) for every token of `text`."""
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]


# ---------- features ----------

@lru_cache(maxsize=65536)
def _word_features(word: str) -> tuple[str, str, tuple[str, ...]]:
    """(lower, short shape, per-word features): cached because news text repeats its words a lot."""
    low = word.lower()
    shape = "".join("X" if c.isupper() else "x" if c.islower() else "d" if c.isdigit() else c for c in word)
    short = re.sub(r"(.)\1+", r"\1", shape)
    f = [f"w={low}", f"sh={shape[:6]}", f"ss={short}"]
    n = len(low)
    for k in (1, 2, 3, 4):
        if n > k:
            f.append(f"p{k}={low[:k]}")
            f.append(f"s{k}={low[-k:]}")
    if word[:1].isupper():
        f.append("title")
    if word.isupper() and n > 1:
        f.append("upper")
    if _DIGIT.search(word):
        f.append("digit")
    if not word[:1].isalnum():
        f.append("punct")
    f.append(f"len={min(n, 8)}")
    if low in PERSON_CUES:
        f.append("cue=PER")
    if low in ORG_CUES:
        f.append("cue=ORG")
    if low in LOC_CUES:
        f.append("cue=LOC")
    if low in PLACE_NAMES:
        f.append("gaz=LOC")
    return low, short, tuple(f)


def sentence_features(tokens: list[str]) -> list[list[str]]:
    """CRF features for one sentence. Each feature also gets a copy prefixed by the sentence's casing (C or L), so
    case-less training data (NERP) shares word cues with cased text without teaching that lower-case words in cased
    text are names (+0.01-0.02 F1 on NERGrit valid over plain mixing)."""
    lowered = not any(_UPPER.search(t) for t in tokens)
    info = [_word_features(t) for t in tokens]
    n = len(tokens)
    domain = "L" if lowered else "C"
    # Casing of the ±2 window in one feature: T(itle), p(unctuation), x (other or outside the sentence).
    ctx = ["x", "x"] + ["T" if t[:1].isupper() else "x" if t[:1].isalnum() else "p" for t in tokens] + ["x", "x"]
    feats: list[list[str]] = []
    for i in range(n):
        low, short, own = info[i]
        f = ["b", *own]
        if lowered:
            f.append("lc")
        if i == 0:
            f.append("first")
        if i == n - 1:
            f.append("last")
        for d in (-2, -1, 1, 2):
            j = i + d
            if 0 <= j < n:
                lj, sj, oj = info[j]
                f.append(f"{d}w={lj}")
                f.append(f"{d}ss={sj}")
                if abs(d) == 1:
                    f.extend(f"{d}{x}" for x in oj if x.startswith("cue=") or x.startswith("gaz=") or x == "title")
            else:
                f.append(f"{d}w=<pad>")
        f.append(f"pw|ss={info[i - 1][0] if i > 0 else '<s>'}|{short}")
        f.append("ctx=" + "".join(ctx[i:i + 5]))
        if i >= 3:
            f.append(f"-3w={info[i - 3][0]}")
        if i + 3 < n:
            f.append(f"3w={info[i + 3][0]}")
        if i > 1:
            f.append(f"tg-={info[i - 2][0]}|{info[i - 1][0]}")
        if i > 0:
            f.append(f"bg-={info[i - 1][0]}|{low}")
        if i < n - 1:
            f.append(f"bg+={low}|{info[i + 1][0]}")
        # Domain copies (Daumé's "frustratingly easy" adaptation): every feature once shared, once per casing.
        f.extend([domain + x for x in f[1:]])
        feats.append(f)
    return feats


# ---------- the CRF ----------

_LOCK = threading.Lock()
_TAGGER: Any = None


def _tagger() -> Any:
    """The CRF tagger, opened once per process (≈ a few ms) on first use."""
    global _TAGGER
    if _TAGGER is None:
        with _LOCK:
            if _TAGGER is None:
                import pycrfsuite

                tagger = pycrfsuite.Tagger()
                tagger.open(str(MODEL_PATH))
                _TAGGER = tagger
    return _TAGGER


def _chunks(tokens: list[tuple[int, int, str]]) -> list[list[tuple[int, int, str]]]:
    """Cut an over-long token run after punctuation (or hard at MAX_TOKENS) into sentence-sized pieces."""
    out: list[list[tuple[int, int, str]]] = []
    cur: list[tuple[int, int, str]] = []
    for tok in tokens:
        cur.append(tok)
        if len(cur) >= MAX_TOKENS or (len(cur) >= MAX_TOKENS // 2 and tok[2] in {";", ",", ":"}):
            out.append(cur)
            cur = []
    if cur:
        out.append(cur)
    return out


def bio_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """(first token, last token + 1, type) of each BIO entity; an I- after O or another type starts an entity."""
    spans: list[tuple[int, int, str]] = []
    cur: list[Any] | None = None
    for i, tag in enumerate(tags):
        kind = tag[2:] if len(tag) > 2 else ""
        if tag.startswith("B-") or (tag.startswith("I-") and (cur is None or cur[2] != kind)):
            if cur:
                spans.append((cur[0], cur[1], cur[2]))
            cur = [i, i + 1, kind]
        elif tag.startswith("I-") and cur:
            cur[1] = i + 1
        else:
            if cur:
                spans.append((cur[0], cur[1], cur[2]))
            cur = None
    if cur:
        spans.append((cur[0], cur[1], cur[2]))
    return spans


def _segments(text: str) -> list[tuple[int, int]]:
    """Sentence spans, with a too-short piece or one followed by a piece starting with a digit ("pukul 09. 20")
    joined to the next: the sentence splitter cuts there, the CRF is better with the context."""
    out: list[tuple[int, int]] = []
    for a, b in split_sentences(text):
        if out and (out[-1][1] - out[-1][0] < MIN_SENTENCE or text[a:a + 1].isdigit()):
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


@lru_cache(maxsize=4)
def _segments_indexed(text: str) -> tuple[list[tuple[int, int]], list[int]]:
    """`_segments` of a text and their starts, kept for the text's next question: the rules of `enrich.entities`
    ask `person_probability` of one article again and again, and splitting the whole text each time was quadratic
    (a 2 MB record: 59 s)."""
    segments = _segments(text)
    return segments, [a for a, _ in segments]


def _model_spans(text: str) -> list[tuple[int, int, str, str]]:
    tagger = _tagger()
    out: list[tuple[int, int, str, str]] = []
    for a, b in _segments(text):
        for chunk in _chunks([(s + a, e + a, t) for s, e, t in tokenize(text[a:b])]):
            tags = tagger.tag(sentence_features([t for _, _, t in chunk]))
            for i, j, kind in bio_spans(tags):
                if kind in ("PER", "ORG", "LOC"):
                    out.append((chunk[i][0], chunk[j - 1][1], kind, "model"))
    return out


def person_probability(text: str, start: int, end: int) -> float:
    """The model's belief that the words in [start, end) are a person's name: the lowest per-token marginal
    probability of a person tag, the sentence around them tagged as usual. Rules that propose a name the best path
    left out (`enrich.entities`) ask this, so the model's knowledge of common words still vetoes "Kepala Sekolah"."""
    tagger = _tagger()
    labels = set(tagger.labels())
    segments, starts = _segments_indexed(text)
    k = bisect_right(starts, start) - 1
    for a, b in segments[max(0, k):k + 1]:
        if not a <= start < b:
            continue
        for chunk in _chunks([(s + a, e + a, t) for s, e, t in tokenize(text[a:b])]):
            inside = [i for i, (s, e, _) in enumerate(chunk) if s >= start and e <= end]
            if not inside:
                continue
            tagger.set(sentence_features([t for _, _, t in chunk]))
            return min(sum(tagger.marginal(y, i) for y in ("B-PER", "I-PER") if y in labels) for i in inside)
    return 0.0


# ---------- the fallback for other languages ----------

_FB_WORD = re.compile(r"[^\W\d_][\w'’-]*|\S")
_FB_CONNECT = _words("of the de van von al bin bte la del der da")
_FB_PER_BEFORE = _words("mr mrs ms dr prof president minister senator governor mayor sir lady king queen prince "
                           "pope chancellor general judge rep sen gov lt gen col sgt capt rev atty spokesman "
                           "spokeswoman chief ceo")
# A party or a side said before a name ("Republican Donald Trump", "Democrat Hillary Clinton"): not part of it.
_FB_AFFILIATIONS = _words("republican democrat democratic gop conservative liberal labour tory socialist")
# ...unless the run ends in a word that names a body or an occasion ("Republican National Convention", "Republican
# Jewish Coalition"): then the party word is part of its name.
_FB_GROUP_NOUNS = _words("convention coalition caucus caucuses primary primaries debate debates campaign "
                         "administration platform establishment leadership senate house congress conference forum "
                         "network majority minority club")
_FB_PER_AFTER = _words("said says told added explained")
_FB_ORG_WORDS = _words("ministry university agency inc corp ltd party company council bank group institute "
                          "commission committee association foundation department court police army union news "
                          "times post club fc organization organisation")
_FB_LOC_BEFORE = _words("in at from to near across into inside outside towards toward visit visited "
                        "visiting")
_FB_STOP = _words("the a an this that these those it he she they we i you his her their our but and or if when "
                     "while after before on in at for with as by of monday tuesday wednesday thursday friday "
                     "saturday sunday january february march april may june july august september october "
                     "november december") | _FB_PER_BEFORE


@lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    """Country names (lower-cased) from pycountry, loaded once; empty when pycountry is missing."""
    try:
        import pycountry
    except ImportError:  # pragma: no cover - pycountry is a dependency, but the fallback must not crash without it
        return frozenset()
    names: set[str] = set()
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            v = getattr(c, attr, None)
            if v:
                names.add(v.lower())
    names.update({"usa", "us", "uk", "britain", "england", "scotland", "wales", "europe", "asia", "africa"})
    return frozenset(names)


# The last word of a place name in English news ("Lamaran River", "Batu Lamaran regency", "Central Sulawesi").
_FB_LOC_WORDS = _words("river sea island islands mountain mount lake bay strait gulf coast valley village regency "
                       "province district city county state street road avenue square harbour harbor port airport "
                       "peninsula desert forest central north south east west northern southern eastern western")
# Capitalised words that are no name at all: time zones, units, days.
_FB_NOT_NAMES = _words("gmt utc edt est bst pst pdt cst cdt mst cet cest ist aest wib wita wit am pm a.m. p.m. "
                       "posted updated published jan feb mar apr jun jul aug sep sept oct nov dec")
_FB_SKIP = _FB_STOP | _FB_NOT_NAMES  # trimmed from both ends of a capitalised run


def _fallback_type(words: list[str], prev: str, nxt: str) -> str:
    """Type one capitalised run from the words around it (English cues)."""
    if prev in _FB_PER_BEFORE:
        return "PER"
    if any(w.lower() in _FB_ORG_WORDS for w in words):
        return "ORG"
    if any(w.lower() in _FB_LOC_WORDS for w in words) or nxt in _FB_LOC_WORDS:
        return "LOC"
    if nxt in _FB_PER_AFTER:
        return "PER"
    if " ".join(words).lower() in _countries() or prev in _FB_LOC_BEFORE:
        return "LOC"
    if 2 <= len(words) <= 3 and all(not w.isupper() for w in words):
        return "PER"
    return "ORG"


def _headline_cased(line: str) -> bool:
    """A line in Title Case or capitals ("Colts Clinch Playoff Berth With Victory Against Jaguars"): its capitals
    mark no names."""
    words = [w for w in re.findall(r"[^\W\d_]{4,}", line)]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _fallback_spans(text: str) -> list[tuple[int, int, str, str]]:
    """Capitalised-word runs typed by cue words: crude, but better than nothing for non-Indonesian pages. In a
    headline-cased line a run counts only if the body also writes it capitalised (the body's casing tells names)."""
    out: list[tuple[int, int, str, str]] = []
    headline_spans = []  # (start, end) of headline-cased lines
    pos = 0
    for line in text.split("\n"):
        if _headline_cased(line):
            headline_spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    body = "\n".join(line for line in text.split("\n") if not _headline_cased(line))
    headlines = Intervals(headline_spans)
    # A word the text also writes in lower case is a common word capitalised by position ("There", "Police").
    lower = set(re.findall(r"(?<![\w-])[a-z][a-z'’-]*", text))
    sentences = split_sentences(text, "en")
    # Words the text capitalises inside a sentence (not first; headline-cased lines, "Search Hampered by Thick Mud",
    # show nothing): a sentence-initial word among them is a name, and one the text writes in lower case and never
    # so is capitalised by its position only ("Even Amy Winehouse"; "Will Smith" stays whole where the text writes
    # "Will" inside a sentence).
    inner = _inner_capitalised(text, sentences, headlines)

    for a, b in sentences:
        toks = [(m.start(), m.end(), m.group()) for m in _FB_WORD.finditer(text, a, b)]
        i = 0
        while i < len(toks):
            if not toks[i][2][:1].isupper():
                i += 1
                continue
            j = i + 1  # extend over capitalised words and lower-case connectors between them
            while j < len(toks):
                if "\n" in text[toks[j - 1][1]:toks[j][0]]:
                    break  # a name never runs across a line break (a heading above, a paragraph below)
                if toks[j][2][:1].isupper():
                    j += 1
                elif toks[j][2].lower() in _FB_CONNECT and j + 1 < len(toks) and toks[j + 1][2][:1].isupper():
                    j += 2
                else:
                    break
            k = i
            while k < j and toks[k][2].lower() in _FB_SKIP:
                k += 1
            if k == 0 and j - k >= 2 and _capitalised_by_position(toks[k][2], lower, inner):
                k += 1  # capitalised by position: "Even Amy Winehouse", "Famous 1950s pin up star"
            titled = False  # the run ended in a title: "Ohio Gov", "Vermont Sen" name where the office is
            while j > k and toks[j - 1][2].lower() in _FB_SKIP:
                titled = titled or toks[j - 1][2].lower() in _FB_PER_BEFORE
                j -= 1
            if j - k >= 3 and toks[k][2].lower() in _FB_AFFILIATIONS and toks[k + 1][2][:1].isupper() \
                    and toks[j - 1][2].lower() not in _FB_GROUP_NOUNS \
                    and not any(w.lower() in _FB_ORG_WORDS for _, _, w in toks[k + 1:j]):
                k += 1  # "Republican Donald Trump" is Donald Trump; "Republican National Committee" stays whole
            if k < j:
                words = [w for _, _, w in toks[k:j]]
                prev = toks[k - 1][2].lower() if k > 0 else ""
                nxt = toks[j][2].lower() if j < len(toks) else ""
                if len(words) == 1 and (len(words[0]) == 1 or words[0].lower() in lower):
                    i = j
                    continue
                if headlines.covers(toks[k][0]) and not re.search(
                        r"(?<!\w)" + re.escape(" ".join(words)) + r"(?!\w)", body):
                    i = j
                    continue
                if k > 0 or len(words) >= 2 or prev in _FB_PER_BEFORE or words[0].lower() in _countries():
                    kind = "LOC" if titled else _fallback_type(words, prev, nxt)
                    out.append((toks[k][0], toks[j - 1][1], kind, "fallback"))
                elif words[0] in inner:  # first in its sentence, and capitalised inside one elsewhere
                    out.append((toks[k][0], toks[j - 1][1], _fallback_type(words, prev, nxt), "document"))
            i = j
    return out


def _inner_capitalised(text: str, sentences: list[tuple[int, int]], headlines: Intervals) -> frozenset[str]:
    """Capitalised words the text writes inside a sentence: not first in it, nor first after a line break, an
    opening quote, a bracket or a colon (where any word is capitalised), nor in a headline-cased line."""
    out: set[str] = set()
    for a, b in sentences:
        for prev, m in pairwise(_FB_WORD.finditer(text, a, b)):
            gap = text[prev.end():m.start()]
            if m.group()[:1].isupper() and not re.search(r"[\n\"\u201c\u2018'(\[:]", gap) \
                    and not headlines.covers(m.start()):
                out.add(m.group())
    return frozenset(out)


def _capitalised_by_position(word: str, lower: set[str], inner: frozenset[str]) -> bool:
    """True when a sentence-initial `word` is a common word capitalised by its position: the text writes it in
    lower case, and never capitalised inside a sentence."""
    return word.lower() in lower and word not in inner


# ---------- languages that capitalise every noun ----------

# German and Luxembourgish write every noun with a capital ("die Luft", "Preisanpassungen"), so a capitalised run
# tells nothing: the fallback made a German page of 650 words 140 "entities", nearly all common nouns. There, a
# name needs evidence of its own: an acronym, a country's name, a person's title before it, a legal form after it,
# or the name found so once and written again (a surname alone).
NOUN_CAPITALISING = frozenset({"de", "lb"})
_DE_PERSON_CUES = _words("""
herr herrn frau dr prof kanzler kanzlerin bundeskanzler bundeskanzlerin minister ministerin bundesminister
bundesministerin präsident präsidentin bundespräsident bundespräsidentin ministerpräsident ministerpräsidentin
bürgermeister bürgermeisterin oberbürgermeister oberbürgermeisterin sprecher sprecherin vorsitzende vorsitzender
chef chefin trainer trainerin papst könig königin prinz prinzessin senator senatorin abgeordnete abgeordneter
staatssekretär staatssekretärin richter richterin anwalt anwältin
""")
_DE_WORD = re.compile(r"[A-ZÄÖÜ][\wÄÖÜäöüß'’-]*")
# A place after a locative preposition: "in München", "aus Frankfurt am Main", "nach Peking".
_DE_LOCATIVE = re.compile(r"(?<![\w-])(?:in|aus|nach|bei|von|nahe|gen|ab|um)[ \t]+(?P<name>[A-ZÄÖÜ][\wÄÖÜäöüß'’-]*"
                          r"(?:[ \t]+(?:am|an der|im|ob der)[ \t]+[A-ZÄÖÜ][\wÄÖÜäöüß'’-]*)?)")
CITIES_PATH = Path(__file__).resolve().parent.parent / "models" / "cities.txt"
_DE_TWO_WORDS = re.compile(r"[A-ZÄÖÜ][\wÄÖÜäöüß'’-]*[ \t]+[A-ZÄÖÜ][\wÄÖÜäöüß'’-]*")
# A title, any further titles ("Frau Dr."), then the name: one to three capitalised words.
_DE_CUED_PERSON = re.compile(r"(?<![\w-])(?P<cue>[A-ZÄÖÜ][a-zäöüß]+)\.?(?P<more>(?:[ \t]+(?:Dr|Prof)\.)*)[ \t]+"
                             r"(?P<name>[A-ZÄÖÜ][a-zäöüß'’-]+(?:[ \t]+(?:von[ \t]+|van[ \t]+|de[ \t]+)?[A-ZÄÖÜ]"
                             r"[a-zäöüß'’-]+){0,2})")
_DE_ACRONYM = re.compile(r"(?<![\w-])[A-ZÄÖÜ][A-ZÄÖÜ0-9]{1,5}(?![\w-])")
_DE_LEGAL_FORM = re.compile(r"(?<![\w-])(?:[A-ZÄÖÜ][\w&'’-]*\s+){0,3}[A-ZÄÖÜ][\w&'’-]*\s+"
                            r"(?:GmbH|AG|SE|KG|KGaA|OHG|eG|mbH|e\.\s?V\.|Inc\.?|Ltd\.?)(?![\w-])")
# Words that open a noun phrase, not a name: a legal form's name starts after them ("die Siemens AG").
_DE_DETERMINERS = _words("der die das den dem des ein eine einen einem einer eines kein keine unser unsere ihr ihre "
                         "sein seine dieser diese dieses jeder jede jedes auch und oder mit bei von für laut")
_ROMAN = re.compile(r"[IVXLCDM]+")
# Abbreviations of things, not of organisations ("Kfz", "WLAN", "CO2"), and German words no name starts with.
_DE_NOT_NAMES = _words("""
kfz lkw pkw suv tv pc it ki led lcd wlan lan usb gps url pdf html faq isbn co2 lte dsl agb avb dsgvo mwst ust
inkl ca bzw usw ggf zb dh ok id
""")
_DE_NOT_PERSONS = _DE_DETERMINERS | _words("""
und oder aber das es er sie wir ihr ihre ihren ihrem ihrer man wer was wie wo wenn dass als nach vor zum zur im am
""")


@lru_cache(maxsize=1)
def _country_names_de() -> dict[str, str]:
    """Country names in German and English, as written (Babel's territories of the two locales), and the common
    short forms: name -> "LOC"."""
    names = {"USA": "LOC", "UK": "LOC", "EU": "ORG", "UN": "ORG", "UNO": "ORG", "NATO": "ORG"}
    try:
        from babel import Locale
    except ImportError:  # pragma: no cover - babel is a dependency
        return names
    for code in ("de", "en"):
        for key, name in Locale(code).territories.items():
            if key.isalpha() and len(key) == 2:  # countries, not continents ("150" = Europe)
                names.setdefault(name, "LOC")
    return names


@lru_cache(maxsize=1)
def _city_names() -> frozenset[str]:
    """City names as German writes them, among others (`bench/build_cities.py`): a few milliseconds to load, where
    the gazetteer costs 70 MB and a second."""
    try:
        lines = CITIES_PATH.read_text(encoding="utf-8").splitlines()
    except OSError:  # pragma: no cover - shipped with the package
        return frozenset()
    return frozenset(x for x in lines if x and not x.startswith("#"))


def _noun_cased_spans(text: str) -> list[tuple[int, int, str, str]]:
    """Names in a text whose every noun is capitalised: only those with evidence besides their capital."""
    found: dict[tuple[int, int], str] = {}
    headline_spans = []
    pos = 0
    for line in text.split("\n"):
        if _headline_cased(line):
            headline_spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    headlines = Intervals(headline_spans)  # a bisection a lookup: a long record has thousands of lines

    countries = _country_names_de()
    persons: set[str] = set()
    for m in _DE_CUED_PERSON.finditer(text):
        if m.group("cue").lower() in _DE_PERSON_CUES and m.group("name") not in countries \
                and m.group("name").split()[0].lower() not in _DE_NOT_PERSONS:
            found[(m.start("name"), m.end("name"))] = "PER"
            persons.add(m.group("name"))
    for m in _DE_LEGAL_FORM.finditer(text):
        start = m.start()
        for lead in re.finditer(r"\S+", m.group(0)):
            if lead.group(0).lower() not in _DE_DETERMINERS:
                break
            start = m.start() + lead.end() + 1
        if m.end() - start > 3:
            found.setdefault((start, m.end()), "ORG")
    for m in _DE_ACRONYM.finditer(text):
        word = m.group(0)
        if sum(c.isupper() for c in word) >= 2 and not _ROMAN.fullmatch(word) and not headlines.covers(m.start()) \
                and word.lower() not in _FB_NOT_NAMES and word.lower() not in _DE_NOT_NAMES:
            found.setdefault((m.start(), m.end()), countries.get(word, "ORG"))
    cities = _city_names()
    for m in _DE_LOCATIVE.finditer(text):
        name = m.group("name")
        if name in cities or name.split()[0] in cities:
            end = m.end("name") if name in cities else m.start("name") + len(name.split()[0])
            found.setdefault((m.start("name"), end), "LOC")
    for m in _DE_WORD.finditer(text):  # one- and two-word country names ("Deutschland", "Vereinigte Staaten")
        two = _DE_TWO_WORDS.match(text, m.start())
        if two and two.group(0) in countries:
            found.setdefault((m.start(), two.end()), countries[two.group(0)])
        elif m.group(0) in countries:
            found.setdefault((m.start(), m.end()), countries[m.group(0)])
    # A person named once with a title is the same person when the text writes the name, or the surname, again.
    again = {p for name in persons for p in (name, name.split()[-1]) if len(p) > 2}
    if again:
        pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(p) for p in sorted(again, key=len, reverse=True))
                             + r")(?![\w-])")
        for m in pattern.finditer(text):
            found.setdefault((m.start(), m.end()), "PER")
    spans = sorted(found.items(), key=lambda kv: (kv[0][0], -kv[0][1]))
    out: list[tuple[int, int, str, str]] = []
    for (a, b), kind in spans:
        if out and a < out[-1][1]:
            continue  # inside a longer name already taken ("Deutsche Bank AG" holds "AG")
        out.append((a, b, kind, "fallback"))
    return out


# ---------- API ----------

def tag_entities(text: str, language: str | None = None) -> list[tuple[int, int, str, str]]:
    """(start, end, type, source) character spans of PER/ORG/LOC names in `text` (offsets into text).
    source is "model" for Indonesian text (language 'id', 'ms' or None), "fallback" for other languages."""
    if not text or not text.strip():
        return []
    if language in INDONESIAN:
        return _model_spans(text)
    if language in NOUN_CAPITALISING:
        return _noun_cased_spans(text)
    return _fallback_spans(text)
