"""Word stems for comparing texts: "checks", "checked" and "checking" are one word to the event stage, and so are
"kunjungan", "berkunjung" and "dikunjungi" (the issue's "TF-IDF of lemmas").

Snowball stemmers (`snowballstemmer`, BSD): Indonesian, English and two dozen more languages. snowballstemmer runs
the Snowball C library through PyStemmer, a dependency, when it is installed: the same stems (checked on every word
of the detik rows, ECB+ and 100 German pages: none differ) at about 1 us a word, against 7-100 us for its pure-Python
build (German pages spent most of the event stage stemming). A stem is not a lemma ("earthquak"), but only equality
of stems matters here, and a dictionary lemmatiser was too slow (Sastrawi: 37 ms a word on this machine). Stems are
cached. Snowball's Indonesian stemmer strips prefixes without restoring the sound they replaced ("menerjang" ->
"erjang", not "terjang"; "mengatakan" -> "ata"), so some forms stay apart; the gain below is net of that. Measured
on the event stage (bench/train_events.py, retrained, before merging existed): ECB+ dev B-cubed 0.867 -> 0.871,
detik labels-dev 0.912 -> 0.912, pairwise 0.692 -> 0.694.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, lru_cache

# ISO 639-1 codes (what `lang.detect` gives) of the languages Snowball stems.
SNOWBALL = {"ar": "arabic", "ca": "catalan", "cs": "czech", "da": "danish", "de": "german", "el": "greek",
            "en": "english", "es": "spanish", "et": "estonian", "eu": "basque", "fi": "finnish", "fr": "french",
            "ga": "irish", "hi": "hindi", "hu": "hungarian", "hy": "armenian", "id": "indonesian", "it": "italian",
            "lt": "lithuanian", "ne": "nepali", "nl": "dutch", "no": "norwegian", "pl": "polish", "pt": "portuguese",
            "ro": "romanian", "ru": "russian", "sr": "serbian", "sv": "swedish", "ta": "tamil", "tr": "turkish"}
# Malay shares Indonesian's affixes (py3langid often says "ms" for Indonesian text).
SNOWBALL["ms"] = "indonesian"


@cache
def stemmer(language: str | None) -> Callable[[str], str] | None:
    """The stemming function of `language` (lower-case words in, stems out), or None where Snowball has none."""
    name = SNOWBALL.get((language or "").lower())
    if name is None:
        return None
    import snowballstemmer

    try:
        algorithm = snowballstemmer.stemmer(name)
    except KeyError:  # an older snowballstemmer without this language
        return None

    @lru_cache(maxsize=100_000)
    def stem(word: str) -> str:
        return str(algorithm.stemWord(word))

    return stem
