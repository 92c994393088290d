"""Entity spans a reader would not accept, repaired (`enrich.entities.repair_spans`) on the way to the article's
entities: a dateline across a dash, a place or body run into a person, a common word taken for a place, a news
organisation typed as a place, an administrative word in a place's canonical name."""

from __future__ import annotations

from kliping.enrich.aliases import canonicalize
from kliping.enrich.entities import repair_spans
from kliping.model import Entity


def _entities(text: str, spans: list[tuple[str, str]]) -> list[Entity]:
    """The entities of `text` given model spans, each written as (its words, its type), repaired."""
    found = []
    for words, type_ in spans:
        start = text.rindex(words) if type_ == "PER" else text.index(words)  # a person: its last mention
        found.append((start, start + len(words), type_, "model"))
    return canonicalize(text, repair_spans(text, found))


def _shown(ents: list[Entity]) -> list[tuple[str, str, str]]:
    return sorted((e.text, e.type, e.canonical) for e in ents)


def test_a_web_address_dateline_is_not_part_of_a_name() -> None:
    text = "PALTV.CO.ID - Presiden Rusia Vladimir Putin menerima kunjungan pemimpin Korea Utara."
    ents = _entities(text, [("PALTV.CO.ID - Presiden Rusia", "ORG"), ("Vladimir Putin", "PER")])
    assert _shown(ents) == [("Vladimir Putin", "PER", "Vladimir Putin")]


def test_a_tokenized_hyphen_between_names_stays_one_name() -> None:
    text = "Pesawat lepas landas dari Bandar Udara Soekarno - Hatta menuju Pontianak pukul 19.25 WIB."
    ents = _entities(text, [("Bandar Udara Soekarno - Hatta", "LOC"), ("Pontianak", "LOC")])
    assert ("Bandar Udara Soekarno - Hatta", "LOC") in [(e.text, e.type) for e in ents]


def test_a_place_run_into_a_person_named_elsewhere_is_two_names() -> None:
    text = ("Pemimpin Korea Utara Kim Jong Un tiba di Rusia. Kim Jong Un disambut Presiden Rusia.\n\n"
            "Kepala Humas KPK Budi Prasetyo membenarkan hal itu. Budi Prasetyo menambahkan keterangan.")
    ents = _entities(text, [("Korea Utara Kim Jong Un", "LOC"), ("Kim Jong Un", "PER"),
                            ("KPK Budi Prasetyo", "ORG"), ("Budi Prasetyo", "PER")])
    shown = [(e.text, e.type) for e in ents]
    assert ("Korea Utara", "LOC") in shown and ("KPK", "ORG") in shown
    assert shown.count(("Kim Jong Un", "PER")) == 2 and shown.count(("Budi Prasetyo", "PER")) == 2


def test_a_body_or_place_whose_last_words_look_like_a_name_stays_whole() -> None:
    """Nothing in the article calls these words a person: they stay the place's or company's own name."""
    text = "Warga Kabupaten Tapanuli Utara mendatangi kantor PT Jasa Marga di Medan pada Senin."
    ents = _entities(text, [("Kabupaten Tapanuli Utara", "LOC"), ("PT Jasa Marga", "ORG"), ("Medan", "LOC")])
    assert [(e.text, e.type) for e in ents] == [("Kabupaten Tapanuli Utara", "LOC"), ("PT Jasa Marga", "ORG"),
                                                ("Medan", "LOC")]


def test_an_everyday_word_is_not_a_place_but_a_lower_case_place_is() -> None:
    text = "Pasukan itu kembali ke medan perang. Warga kediri dan Kota Medan menyambut mereka."
    ents = _entities(text, [("medan", "LOC"), ("kediri", "LOC"), ("Kota Medan", "LOC")])
    assert [(e.text, e.canonical) for e in ents] == [("kediri", "kediri"), ("Kota Medan", "Medan")]
    lower = "warga medan menyambut mereka di bandara kualanamu"  # a lower-cased text names places in lower case
    assert [e.text for e in _entities(lower, [("medan", "LOC")])] == ["medan"]


def test_a_news_organisation_is_an_organisation_and_a_place_drops_its_administrative_word() -> None:
    text = "Laporan VoA menyebut pertemuan di kota Vladivostok, sementara Kota Vladivostok bersiap."
    ents = _entities(text, [("VoA", "LOC"), ("kota Vladivostok", "LOC"), ("Kota Vladivostok", "LOC")])
    assert _shown(ents) == [("Kota Vladivostok", "LOC", "Vladivostok"), ("VoA", "ORG", "Voice of America"),
                            ("kota Vladivostok", "LOC", "Vladivostok")]
