"""The offline gazetteer (issue 13): places by any of their names, and how two place names relate."""

from __future__ import annotations

import dataclasses

import pytest

from kliping.analysis.gazetteer import Place, country_of, lookup, relation


def test_city_by_its_names_case_and_diacritics_insensitive() -> None:
    [pyongyang] = lookup("Pyeongyang")  # an alternate spelling GeoNames lists
    assert (pyongyang.name, pyongyang.country, pyongyang.kind) == ("Pyongyang", "KP", "city")
    assert pyongyang.population > 1_000_000 and pyongyang.lat is not None and pyongyang.lon is not None
    assert lookup("PYONGYANG") == lookup("pyongyang") == lookup("Pyongyang") == [pyongyang]
    assert [p.name for p in lookup("Moskow")] == ["Moscow"]  # the Indonesian spelling
    assert lookup("sao paulo") == lookup("São Paulo") != []
    with pytest.raises(dataclasses.FrozenInstanceError):
        pyongyang.name = "Seoul"  # type: ignore[misc]


def test_country_names_in_indonesian_and_english() -> None:
    for name in ("Korea Selatan", "Korsel", "South Korea", "Republic of Korea"):
        assert country_of(name) == "KR", name
        assert [(p.kind, p.country) for p in lookup(name)] == [("country", "KR")]
    assert country_of("Amerika Serikat") == country_of("AS") == country_of("United States") == "US"
    assert country_of("Korea Utara") == country_of("Korut") == "KP"
    assert country_of("Jakarta") is None and country_of("Pyongyang") is None and country_of("Atlantis") is None


def test_an_ambiguous_name_lists_every_place() -> None:
    paris = lookup("Paris")
    assert {p.country for p in paris} >= {"FR", "US"}
    assert paris[0].country == "FR"  # most populous first
    assert lookup("Xyzzyville") == []


@pytest.mark.parametrize(("a", "b", "expected"), [
    ("Jakarta", "Bandung", "distinct"),  # 120 km apart
    ("Jakarta", "Indonesia", "inside"),
    ("Indonesia", "Jakarta", "contains"),
    ("Vladivostok", "Rusia", "inside"),
    ("Vladivostok", "Russia", "inside"),
    ("Pyeongyang", "Pyongyang", "same"),
    ("Korsel", "Korea Selatan", "same"),
    ("Korea Utara", "Korea Selatan", "distinct"),
    ("Pyongyang", "Korea Selatan", "distinct"),
    ("Jakarta Selatan", "Jakarta", "inside"),  # a city of DKI Jakarta GeoNames does not list
    ("South Jakarta", "Jakarta Selatan", "same"),
    ("Jakarta Selatan", "Indonesia", "inside"),
    ("Paris", "Jakarta", "distinct"),  # every Paris is far from Jakarta
    ("Paris", "Prancis", "unknown"),  # Paris, Texas is not in France: which Paris decides
    ("Xyzzyville", "Jakarta", "unknown"),
    ("Vladivostok", "Vostochny", "unknown"),  # the cosmodrome's name is no city of 15,000
    ("Hong Kong", "China", "inside"),
    ("Yerusalem", "Palestina", "unknown"),  # contested: never a conclusion
    ("Atlanta", "Georgia", "unknown"),  # Georgia is also a US state
    ("Jawa Barat", "Indonesia", "inside"),  # a province (ISO 3166-2)
    ("Jawa Barat", "Malaysia", "distinct"),
    ("Jawa Barat", "Bandung", "unknown"),  # its outline is unknown
    ("New York", "Buffalo", "unknown"),  # the city, or the state
    ("New York", "London", "distinct"),
    # A city written with its province or country and no comma ("di Denpasar Bali"): the city, in that country.
    ("Denpasar Bali", "Yogyakarta Bali", "distinct"),
    ("Denpasar Bali", "Denpasar", "same"),
    ("Kuta Bali", "Denpasar", "inside"),
    ("Perth Australia", "Sydney", "distinct"),
    ("Perth Australia", "Perth", "unknown"),  # Perth in Scotland too: which Perth decides
    ("Bandung Malaysia", "Jakarta", "unknown"),  # no Bandung in Malaysia: not a qualified city
])
def test_relation(a: str, b: str, expected: str) -> None:
    assert relation(a, b) == expected


@pytest.mark.parametrize("part", ["Jakarta Selatan", "Jakarta Pusat", "Jakarta Utara", "Jakarta Barat",
                                  "Jakarta Timur", "South Jakarta", "Central Jakarta", "DKI Jakarta"])
def test_jakarta_and_its_parts_are_never_distinct(part: str) -> None:
    assert relation("Jakarta", part) != "distinct"
    assert relation(part, "Jakarta") != "distinct"
    assert relation(part, "Jakarta Selatan") != "distinct"


def test_a_city_within_15_km_of_a_bigger_one_is_inside_it() -> None:
    """GeoNames lists parts of large cities as cities of their own; within INSIDE_KM the smaller is inside."""
    [jakarta] = lookup("Jakarta")
    near = [p for p in _cities_of("ID") if p != jakarta and _km(p, jakarta) < 15]
    assert near, "GeoNames lists no city within 15 km of Jakarta's point"
    assert all(relation(p.name, "Jakarta") in ("inside", "unknown") for p in near)
    assert "inside" in {relation(p.name, "Jakarta") for p in near}


def _cities_of(code: str) -> list[Place]:
    from kliping.analysis.gazetteer import _cities

    return [p for p in _cities().places if p.country == code]


def _km(a: Place, b: Place) -> float:
    from kliping.analysis.gazetteer import distance_km

    return distance_km(a, b)


_NAMES = ["Jakarta", "Jakarta Selatan", "South Jakarta", "Bandung", "Bandung Barat", "Indonesia", "Paris", "Prancis",
          "Texas", "Georgia", "Atlanta", "Jawa Barat", "Pyongyang", "Korea Selatan", "Hong Kong", "China", "Utan",
          "Singapura", "Yerusalem", "Xyzzyville"]
_OPPOSITE = {"inside": "contains", "contains": "inside", "same": "same", "distinct": "distinct",
             "unknown": "unknown"}


def test_relation_is_symmetric() -> None:
    for a in _NAMES:
        for b in _NAMES:
            assert relation(b, a) == _OPPOSITE[relation(a, b)], (a, b)
