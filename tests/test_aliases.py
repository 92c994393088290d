"""Canonical entities and aliases (`enrich/aliases.py`), on sentences written for these tests."""

from __future__ import annotations

import re

import pytest

from kliping.enrich.aliases import alias_index, canonical_name, canonicalize, name_key
from kliping.model import Entity


def spans_of(text: str, *marked: tuple[str, str]) -> list[tuple[int, int, str, str]]:
    """Tagger-like spans: every whole-word occurrence of each (surface, type), in text order."""
    found = []
    for surface, typ in marked:
        found += [(m.start(), m.end(), typ, "model") for m in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", text)]
    out: list[tuple[int, int, str, str]] = []
    for span in sorted(found, key=lambda sp: sp[0] - sp[1]):  # longest first; no span inside another
        if all(span[1] <= o[0] or span[0] >= o[1] for o in out):
            out.append(span)
    return sorted(out)


def persons(ents: list[Entity]) -> list[tuple[str, str, str | None]]:
    return [(e.text, e.canonical, e.role) for e in ents if e.type == "PER"]


# ---------- across articles and languages ----------

@pytest.mark.parametrize(("forms", "canonical"), [
    (["Korut", "Korea Utara", "DPRK", "North Korea", "Republik Demokratik Rakyat Korea",
      "Democratic People's Republic of Korea", "KOREA UTARA", "Korea, Democratic People's Republic of"], "Korea Utara"),
    (["AS", "Amerika Serikat", "United States", "USA", "US", "U.S.", "United States of America", "Amerika"],
     "Amerika Serikat"),
    (["Korsel", "Korea Selatan", "South Korea", "Republic of Korea", "Korea, Republic of"], "Korea Selatan"),
    (["Iran", "Islamic Republic of Iran", "Republik Islam Iran"], "Iran"),
    (["Rusia", "Russia", "Federasi Rusia", "Russian Federation"], "Rusia"),
    (["Tiongkok", "China", "Cina", "RRT", "People's Republic of China"], "Tiongkok"),
    (["Jepang", "Japan"], "Jepang"),
    (["Ukraina", "Ukraine"], "Ukraina"),
    (["RI", "Indonesia", "Republik Indonesia"], "Indonesia"),
    (["Pantai Gading", "Côte d’Ivoire", "Cote d'Ivoire", "Ivory Coast"], "Pantai Gading"),
])
def test_country_forms_share_one_indonesian_canonical(forms: list[str], canonical: str) -> None:
    assert {canonical_name(f, "LOC") for f in forms} == {canonical}


@pytest.mark.parametrize(("forms", "canonical"), [
    (["PBB", "Perserikatan Bangsa-Bangsa", "United Nations", "UN"], "PBB"),
    (["Uni Eropa", "European Union", "EU"], "Uni Eropa"),
    (["NATO", "North Atlantic Treaty Organization"], "NATO"),
    (["KPK", "Komisi Pemberantasan Korupsi"], "KPK"),
    (["BI", "Bank Indonesia"], "Bank Indonesia"),
    (["WHO", "Organisasi Kesehatan Dunia", "World Health Organization"], "WHO"),
    (["BMKG", "Badan Meteorologi, Klimatologi, dan Geofisika"], "BMKG"),
    (["Antara", "Kantor Berita Antara"], "Antara"),
])
def test_organisation_forms(forms: list[str], canonical: str) -> None:
    assert {canonical_name(f, "ORG") for f in forms} == {canonical}


def test_type_decides_what_a_name_may_become() -> None:
    # A country tagged ORG is the country acting (one actor for events), and so is its capital or its government.
    assert canonical_name("AS", "ORG") == canonical_name("Amerika Serikat", "LOC")
    assert canonical_name("Pemerintah Korea Utara", "ORG") == "Korea Utara"
    assert canonical_name("Pyongyang", "ORG") == "Korea Utara"
    assert canonical_name("Pyongyang", "LOC") == "Pyongyang"  # the city stays the city
    # Persons never go through the place index.
    assert canonical_name("Jordan", "PER") == "Jordan"
    assert canonical_name("Korut", "PER") == "Korut"


def test_canonical_names_are_fixed_points() -> None:
    """Every canonical of the index maps to itself, so canonicalising twice changes nothing."""
    idx = alias_index()
    for target in set(idx.names.values()):
        assert canonical_name(target, "LOC") == target, target


def test_unknown_names_come_back_cleaned() -> None:
    assert canonical_name("  Desa   Sukamaju ", "LOC") == "Desa Sukamaju"
    assert canonical_name("Sukamaju-nya", "LOC") == "Sukamaju"
    assert canonical_name("Rusianya", "LOC") == "Rusia"
    assert canonical_name("Kenya", "LOC") == "Kenya"  # ends in "nya" but is a country
    assert canonical_name("SUKAMAJU", "LOC") == "Sukamaju"  # a dateline in capitals
    assert canonical_name("Koperasi Tani Makmur", "ORG") == "Koperasi Tani Makmur"
    assert canonical_name("Budi  Santoso-nya", "PER") == "Budi Santoso"
    assert canonical_name("Wahyu Hidayat", "PER") == "Wahyu Hidayat"


def test_person_canonical_strips_roles_and_titles() -> None:
    assert canonical_name("Presiden Rusia Vladimir Putin", "PER") == "Vladimir Putin"
    assert canonical_name("Pemimpin Korea Utara Kim Jong Un", "PER") == "Kim Jong Un"
    assert canonical_name("Juru bicara Departemen Luar Negeri AS Matthew Miller", "PER") == "Matthew Miller"
    assert canonical_name("Prof. Dr. Siti Aminah", "PER") == "Siti Aminah"
    assert canonical_name("Pak Budi Santoso", "PER") == "Budi Santoso"
    assert canonical_name("Gubernur Jawa Barat Dedi Saputra", "PER") == "Dedi Saputra"
    assert canonical_name("Kim Jong-un", "PER") == canonical_name("KIM JONG UN", "PER") == "Kim Jong Un"


def test_name_key_ignores_case_hyphens_diacritics_and_punctuation() -> None:
    assert name_key("Kim Jong-Un") == name_key("KIM JONG UN") == "kim jong un"
    assert name_key("Côte d’Ivoire") == name_key("Cote dIvoire")
    assert name_key("U.S.") == name_key("US")


# ---------- one article: roles ----------

def test_role_before_the_span_is_recorded_and_the_name_kept() -> None:
    text = ("Presiden Rusia Vladimir Putin menyambut Pemimpin Korea Utara Kim Jong Un di Moskow. Sementara itu, "
            "juru bicara Departemen Luar Negeri AS Matthew Miller menolak berkomentar, kata Menteri Luar Negeri baru "
            "Hana Wijaya.")
    ents = canonicalize(text, spans_of(text, ("Vladimir Putin", "PER"), ("Kim Jong Un", "PER"),
                                       ("Matthew Miller", "PER"), ("Hana Wijaya", "PER"), ("Rusia", "LOC"),
                                       ("Korea Utara", "LOC"), ("AS", "LOC"), ("Moskow", "LOC")))
    assert persons(ents) == [
        ("Vladimir Putin", "Vladimir Putin", "Presiden Rusia"),
        ("Kim Jong Un", "Kim Jong Un", "Pemimpin Korea Utara"),
        ("Matthew Miller", "Matthew Miller", "Juru bicara Departemen Luar Negeri AS"),
        ("Hana Wijaya", "Hana Wijaya", "Menteri Luar Negeri baru"),
    ]
    assert all(text[e.start:e.end] == e.text for e in ents)
    assert {e.text: e.canonical for e in ents if e.type == "LOC"}["AS"] == "Amerika Serikat"


def test_role_inside_the_span_is_stripped_and_the_offsets_cover_the_name() -> None:
    text = "Kemarin Presiden Rusia, Vladimir Putin tiba. Ketua KPK Arif Rahman hadir."
    spans = [(text.index("Presiden"), text.index(" tiba"), "PER", "model"),
             (text.index("Ketua"), text.index(" hadir"), "PER", "model")]
    ents = canonicalize(text, spans)
    assert persons(ents) == [("Vladimir Putin", "Vladimir Putin", "Presiden Rusia"),
                             ("Arif Rahman", "Arif Rahman", "Ketua KPK")]
    assert all(text[e.start:e.end] == e.text for e in ents)


def test_roles_stop_at_words_and_lines_that_are_not_roles() -> None:
    text = ("Menteri Keuangan Rina Susanti dan Presiden Prancis Jean Dubois bertemu.\n"
            "Warga Korea Utara Park Min-ho hadir.")
    ents = canonicalize(text, spans_of(text, ("Rina Susanti", "PER"), ("Jean Dubois", "PER"),
                                       ("Park Min-ho", "PER")))
    assert persons(ents) == [("Rina Susanti", "Rina Susanti", "Menteri Keuangan"),
                             ("Jean Dubois", "Jean Dubois", "Presiden Prancis"),
                             ("Park Min-ho", "Park Min-ho", None)]  # "Warga" is no role; the place alone is none


def test_english_roles() -> None:
    text = ("North Korean leader Kim Jong Un met Russian President Vladimir Putin, while former US President "
            "John Carter and State Department spokesperson Matthew Miller watched.")
    ents = canonicalize(text, spans_of(text, ("Kim Jong Un", "PER"), ("Vladimir Putin", "PER"),
                                       ("John Carter", "PER"), ("Matthew Miller", "PER")))
    assert [r for _, _, r in persons(ents)] == ["North Korean leader", "Russian President", "Former US President",
                                                "State Department spokesperson"]


def test_honorifics_are_stripped_but_not_kept_as_roles() -> None:
    text = "Menurut Pak Budi Santoso, panen tahun ini baik."
    start = text.index("Pak")
    ents = canonicalize(text, [(start, start + len("Pak Budi Santoso"), "PER", "model")])
    assert persons(ents) == [("Budi Santoso", "Budi Santoso", None)]


# ---------- one article: short forms and spelling variants ----------

def test_short_forms_take_the_full_name_before_or_after() -> None:
    text = ("Putin tiba lebih dulu. Presiden Vladimir Putin lalu menyambut Kim Jong-Un. KIM JONG UN tersenyum. "
            "Kim dan Putin makan siang. Kim Jong Un pulang.")
    ents = canonicalize(text, spans_of(text, ("Putin", "PER"), ("Vladimir Putin", "PER"), ("Kim Jong-Un", "PER"),
                                       ("KIM JONG UN", "PER"), ("Kim", "PER"), ("Kim Jong Un", "PER")))
    got = {(e.text, e.canonical) for e in ents}
    assert got == {("Putin", "Vladimir Putin"), ("Vladimir Putin", "Vladimir Putin"), ("Kim Jong-Un", "Kim Jong Un"),
                   ("KIM JONG UN", "Kim Jong Un"), ("Kim", "Kim Jong Un"), ("Kim Jong Un", "Kim Jong Un")}


def test_spelling_variants_merge_to_the_article_spelling() -> None:
    text = "Lee Sang-hoon berbicara. Lee Sang Hoon kemudian pergi. Kata Lee Sang-hoon, semua aman."
    ents = canonicalize(text, spans_of(text, ("Lee Sang-hoon", "PER"), ("Lee Sang Hoon", "PER")))
    assert {e.canonical for e in ents} == {"Lee Sang-hoon"}  # the most frequent spelling


def test_ambiguous_short_form() -> None:
    # Two full names contain "Kim": the one mentioned most so far wins, ties go to the most recent.
    text = ("Kim Jong Un tiba. Kim Jong Un menyapa. Kata analis Kim Min-jae, ini penting. Kim lalu pergi. "
            "Sebelumnya Kim Yo Jong hadir.")
    ents = canonicalize(text, spans_of(text, ("Kim Jong Un", "PER"), ("Kim Min-jae", "PER"), ("Kim", "PER"),
                                       ("Kim Yo Jong", "PER")))
    assert [e.canonical for e in ents if e.text == "Kim"] == ["Kim Jong Un"]
    # Nobody mentioned yet among several candidates: the short form stays itself.
    text = "Kim tiba lebih dulu. Kim Jong Un dan Kim Yo Jong menyusul."
    ents = canonicalize(text, spans_of(text, ("Kim", "PER"), ("Kim Jong Un", "PER"), ("Kim Yo Jong", "PER")))
    assert [e.canonical for e in ents if e.text == "Kim"] == ["Kim"]


def test_role_alone_refers_to_the_person_with_that_role() -> None:
    text = "Presiden Rusia Vladimir Putin tiba. Presiden Rusia itu lalu berpidato."
    second = text.rindex("Presiden Rusia")
    spans = [(text.index("Vladimir"), text.index(" tiba"), "PER", "model"),
             (second, second + len("Presiden Rusia"), "PER", "model")]
    ents = canonicalize(text, spans)
    assert [(e.canonical, e.role) for e in ents] == [("Vladimir Putin", "Presiden Rusia"),
                                                     ("Vladimir Putin", "Presiden Rusia")]


def test_enclitic_nya_on_a_person() -> None:
    text = "Rudi Hartono menang. Pelatihnya memuji Hartononya."
    ents = canonicalize(text, spans_of(text, ("Rudi Hartono", "PER"), ("Hartononya", "PER")))
    assert [(e.text, e.canonical) for e in ents] == [("Rudi Hartono", "Rudi Hartono"), ("Hartono", "Rudi Hartono")]


def test_places_in_one_article_resolve_like_everywhere() -> None:
    text = "Korut menembakkan rudal. DPRK menyebut Korea Utara berhak, dan AS serta Korsel mengecamnya."
    ents = canonicalize(text, spans_of(text, ("Korut", "LOC"), ("DPRK", "ORG"), ("Korea Utara", "LOC"),
                                       ("AS", "ORG"), ("Korsel", "LOC")))
    assert {e.text: e.canonical for e in ents} == {"Korut": "Korea Utara", "DPRK": "Korea Utara",
                                                    "Korea Utara": "Korea Utara", "AS": "Amerika Serikat",
                                                    "Korsel": "Korea Selatan"}


def test_spans_are_trimmed_and_sources_kept() -> None:
    text = "Kata “Budi Santoso”, semua aman."
    s = text.index("“")
    ents = canonicalize(text, [(s, s + len("“Budi Santoso”,"), "PER", "fallback")])
    assert [(e.text, e.source) for e in ents] == [("Budi Santoso", "fallback")]
    assert canonicalize(text, []) == []


# ---------- what the index holds (its cost is measured by bench/eval_enrich.py, not by timed tests) ----------

def test_index_rebuilds_with_the_same_names() -> None:
    first = alias_index()
    alias_index.cache_clear()
    idx = alias_index()
    assert len(idx.names) > 1000
    assert idx.names == first.names


def test_canonicalize_many_mentions() -> None:
    text = "Presiden Rusia Vladimir Putin bertemu Kim Jong Un di Korea Utara. Putin dan Kim sepakat. " * 50
    spans = spans_of(text, ("Vladimir Putin", "PER"), ("Kim Jong Un", "PER"), ("Korea Utara", "LOC"),
                     ("Putin", "PER"), ("Kim", "PER"))
    ents = canonicalize(text, spans)
    assert len(ents) == 250
    assert {e.canonical for e in ents} == {"Vladimir Putin", "Kim Jong Un", "Korea Utara"}


def test_headline_pair_is_two_people() -> None:
    text = "Putin-Kim Jong Un Sepakat\n\nPresiden Vladimir Putin menyambut Kim Jong Un. Pertemuan Kim-Putin usai."
    ents = canonicalize(text, spans_of(text, ("Putin-Kim Jong Un", "PER"), ("Vladimir Putin", "PER"),
                                       ("Kim Jong Un", "PER"), ("Kim-Putin", "PER")))
    assert [(e.text, e.canonical) for e in ents] == [
        ("Putin", "Vladimir Putin"), ("Kim Jong Un", "Kim Jong Un"), ("Vladimir Putin", "Vladimir Putin"),
        ("Kim Jong Un", "Kim Jong Un"), ("Kim", "Kim Jong Un"), ("Putin", "Vladimir Putin")]
    assert all(text[e.start:e.end] == e.text for e in ents)


def test_a_surname_the_fallback_typed_otherwise_is_the_person() -> None:
    from kliping.enrich.ner import tag_entities

    text = "Wladimir Klitschko knocked out Hasim Rahman in Mannheim. After that, Rahman said Klitschko was better."
    ents = canonicalize(text, tag_entities(text, "en"))
    by_text = {e.text: (e.type, e.canonical) for e in ents}
    assert by_text["Rahman"] == ("PER", "Hasim Rahman")
    assert by_text["Klitschko"] == ("PER", "Wladimir Klitschko")
    assert by_text["Mannheim"][0] == "LOC"


def test_a_long_record_resolves_every_copy_as_one_article() -> None:
    # Issue 12: a role alone, a short form and a headline pair are resolved from indexes (by role, by name word),
    # not by reading every earlier mention or every name of the article; a long record must resolve as one copy.
    story = ("Putin-Kim Jong Un Sepakat\n\nPresiden Rusia Vladimir Putin menyambut Kim Jong Un. Presiden Rusia itu "
             "lalu berpidato. Pertemuan Kim-Putin usai, dan Putin pulang.\n\n")
    marked = (("Putin-Kim Jong Un", "PER"), ("Presiden Rusia Vladimir Putin", "PER"), ("Kim Jong Un", "PER"),
              ("Presiden Rusia", "PER"), ("Kim-Putin", "PER"), ("Putin", "PER"))
    one = [(e.text, e.start, e.canonical, e.role) for e in canonicalize(story, spans_of(story, *marked))]
    assert ("Presiden Rusia", story.index("Presiden Rusia itu"), "Vladimir Putin", "Presiden Rusia") in one
    copies = 300
    long = story * copies
    got = [(e.text, e.start, e.canonical, e.role) for e in canonicalize(long, spans_of(long, *marked))]
    assert got == [(t, s + k * len(story), c, r) for k in range(copies) for t, s, c, r in one]
