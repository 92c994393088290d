"""Entity spans a reader would not accept, repaired (`enrich.entities.repair_spans`) on the way to the article's
entities: a dateline across a dash, a place or body run into a person, a common word taken for a place, a news
organisation typed as a place, an administrative word in a place's canonical name."""

from __future__ import annotations

import json
from pathlib import Path

from kliping.enrich.aliases import canonicalize
from kliping.enrich.entities import complete_spans, repair_spans
from kliping.model import Article, Entity
from kliping.store.sqlite import Store


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


def test_a_body_completing_a_role_then_its_holder_is_two_names() -> None:
    """The role written before the span ("juru bicara") makes the body its complement and the name after it the
    role's holder, though the article names that person nowhere else."""
    text = ("Dalam jumpa pers di Semarang, juru bicara Kementerian Perhubungan Rudi Hartanto menyatakan jadwal "
            "kapal penyeberangan kembali normal mulai pekan depan.")
    ents = _entities(text, [("Semarang", "LOC"), ("Kementerian Perhubungan Rudi Hartanto", "ORG")])
    shown = [(e.text, e.type, e.role) for e in ents]
    assert ("Kementerian Perhubungan", "ORG", None) in shown
    assert ("Rudi Hartanto", "PER", "Juru bicara Kementerian Perhubungan") in shown


def test_a_body_named_after_a_person_stays_whole() -> None:
    """After a word that introduces a name ("Universitas"), the name is the body's own, role or no role."""
    text = ("Rektor Universitas Hasan Wiratama mengatakan kampus baru akan dibuka di Kendari pada tahun depan "
            "bagi mahasiswa dari seluruh Sulawesi.")
    ents = _entities(text, [("Universitas Hasan Wiratama", "ORG"), ("Kendari", "LOC"), ("Sulawesi", "LOC")])
    assert ("Universitas Hasan Wiratama", "ORG") in [(e.text, e.type) for e in ents]
    assert not [e for e in ents if e.type == "PER"]


def test_a_place_keeps_its_administrative_word_as_its_kind() -> None:
    text = ("Banjir merendam Kabupaten Lebakjaya dan kota Sukaraja sejak Senin, lalu meluas ke Kecamatan Ciwaru di "
            "Provinsi Banten Selatan.")
    ents = _entities(text, [("Kabupaten Lebakjaya", "LOC"), ("kota Sukaraja", "LOC"), ("Kecamatan Ciwaru", "LOC"),
                            ("Provinsi Banten Selatan", "LOC")])
    assert [(e.text, e.canonical, e.kind) for e in ents] == [
        ("Kabupaten Lebakjaya", "Lebakjaya", "kabupaten"), ("kota Sukaraja", "Sukaraja", "kota"),
        ("Kecamatan Ciwaru", "Ciwaru", "kecamatan"), ("Provinsi Banten Selatan", "Banten Selatan", "provinsi")]
    bare = _entities("Warga Sukaraja mengungsi sejak Senin pagi.", [("Sukaraja", "LOC")])
    assert [(e.canonical, e.kind) for e in bare] == [("Sukaraja", None)]


def test_an_article_stored_before_kind_existed_still_loads(tmp_path: Path) -> None:
    """Stored report forms without `kind` (ENRICH_VERSION 11 and older) read back with kind None."""
    text = "Warga Kabupaten Lebakjaya mengungsi."
    art = Article(id="a1", source="test", text=text, entities=_entities(text, [("Kabupaten Lebakjaya", "LOC")]))
    with Store(tmp_path / "k.db") as store:
        store.put_articles([(art, "")])
        data = json.loads(store.db.execute("SELECT data FROM articles WHERE id = 'a1'").fetchone()[0])
        assert data["entities"][0]["kind"] == "kabupaten"
        for e in data["entities"]:
            del e["kind"]
        store.db.execute("UPDATE articles SET data = ? WHERE id = 'a1'", (json.dumps(data),))
        store.db.commit()
        loaded = store.article("a1")
    assert loaded is not None
    assert [(e.canonical, e.kind) for e in loaded.entities] == [("Lebakjaya", None)]


def test_an_english_regency_is_the_same_place_and_kind() -> None:
    text = "Floods hit Lebakjaya Regency on Monday, and Lebakjaya residents fled."
    ents = _entities(text, [("Lebakjaya Regency", "LOC")])
    assert [(e.canonical, e.kind) for e in ents] == [("Lebakjaya", "kabupaten")]
    # "City" is part of many cities' own names: it stays
    assert [(e.canonical, e.kind) for e in _entities("Ia tiba di Quezon City.", [("Quezon City", "LOC")])] == \
        [("Quezon City", None)]


def test_a_place_typed_name_of_a_body_is_an_organisation() -> None:
    text = ("Peneliti Institut Kajian Maritim Nusantara dan Lembah Hijau Institute bertemu di kantin depan Lembah "
            "Hijau University, dekat Bandara Sultan Hamid.")
    ents = _entities(text, [("Institut Kajian Maritim Nusantara", "LOC"), ("Lembah Hijau Institute", "LOC"),
                            ("kantin depan Lembah Hijau University", "LOC"), ("Bandara Sultan Hamid", "LOC")])
    assert [(e.text, e.type) for e in ents] == [
        ("Institut Kajian Maritim Nusantara", "ORG"), ("Lembah Hijau Institute", "ORG"),
        ("kantin depan Lembah Hijau University", "LOC"), ("Bandara Sultan Hamid", "LOC")]


def test_an_institute_named_for_its_purpose_is_one_name() -> None:
    text = ("Seorang peneliti Pusat Kajian untuk Ketahanan Pangan, Rina Maharani, dan relawan Badan Amal untuk "
            "Palestina hadir di Kendari.")
    found = []
    for words, type_ in [("Pusat Kajian", "ORG"), ("Rina Maharani", "PER"), ("Badan Amal", "ORG"),
                         ("Kendari", "LOC")]:
        start = text.index(words)
        found.append((start, start + len(words), type_, "model"))
    ents = canonicalize(text, complete_spans(text, found))
    names = [(e.text, e.type) for e in ents]
    assert ("Pusat Kajian untuk Ketahanan Pangan", "ORG") in names
    assert ("Badan Amal", "ORG") in names  # a known place after "untuk" is the body's beneficiary, not its name


def test_an_acronym_of_a_common_noun_is_no_name() -> None:
    text = "Para pemimpin tiba untuk KTT di Bali, kata pejabat BPBD."
    ents = _entities(text, [("KTT", "ORG"), ("Bali", "LOC"), ("BPBD", "ORG")])
    assert [(e.text, e.type) for e in ents] == [("Bali", "LOC"), ("BPBD", "ORG")]
