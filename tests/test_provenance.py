"""Who reported first, who credits whom, and copies (`kliping.analysis.provenance.event_provenance`): the seeds
and a syndicated copy through the real pipeline, then hand-made articles for times, chains and links."""

from __future__ import annotations

import json

from conftest import SEED_EVENTS
from kliping.analysis.provenance import agency, event_provenance, first_report
from kliping.model import Article, CopyLink


def _art(aid: str, outlet: str | None = None, published: str | None = None, cited: tuple[str, ...] = (),
         duplicate_of: str | None = None, copy_of: CopyLink | None = None) -> Article:
    return Article(id=aid, source=f"{aid}.txt", outlet=outlet, published=published, cited_sources=list(cited),
                   duplicate_of=duplicate_of, copy_of=copy_of)


# ---------- the seeds through the pipeline ----------


def test_seed_event_a(seed_articles: dict[str, Article]) -> None:
    arts = [seed_articles[n] for n in SEED_EVENTS["A"]]
    prov = event_provenance(arts)
    json.dumps(prov)
    first = seed_articles["000"]  # the only one of the three with a date
    assert prov["first"] == {"article": first.id, "outlet": "SwaraWarta.co.id",
                             "published": "2023-09-14T13:15:00+07:00"}
    pelita, tribun = seed_articles["002"], seed_articles["003"]
    assert prov["credits"] == [
        {"article": pelita.id, "outlet": "pelita.online", "credits": ["KCNA", "AFP", "cnbcindonesia.com"]},
        {"article": tribun.id, "outlet": "TRIBUN-MEDAN.COM", "credits": ["Voice of America"]},
    ]
    assert prov["chains"] == [["KCNA", "cnbcindonesia.com", "pelita.online"],
                              ["AFP", "cnbcindonesia.com", "pelita.online"],
                              ["Voice of America", "TRIBUN-MEDAN.COM"]]
    assert prov["copies"] == []


def test_seed_event_b_has_no_first_and_drops_vague_credits(seed_articles: dict[str, Article]) -> None:
    arts = [seed_articles[n] for n in SEED_EVENTS["B"]]
    assert "berbagai sumber" in seed_articles["001"].cited_sources  # "-- ABCnews/berbagai sumber"
    prov = event_provenance(arts)
    assert prov["first"] is None  # neither page gives its date
    assert prov["credits"] == [{"article": seed_articles["001"].id, "outlet": "PALTV.CO.ID", "credits": ["ABCnews"]}]
    assert prov["chains"] == [["ABCnews", "PALTV.CO.ID"]]
    assert prov["copies"] == []


def test_a_syndicated_copy_counts(landslide: list[Article]) -> None:
    """Kabar Sulteng republished Warta Timur's report and says so: a copy, a credit and a chain."""
    prov = event_provenance(landslide)
    assert prov["first"] == {"article": "warta-1", "outlet": "Warta Timur", "published": "2025-03-04T09:10:00+08:00"}
    assert prov["copies"] == [{"article": "kabar-1", "of": "warta-1", "kind": "copy", "overlap": 1.0,
                               "credited": "Warta Timur"}]
    assert prov["credits"] == [{"article": "kabar-1", "outlet": "Kabar Sulteng", "credits": ["Warta Timur"]}]
    assert prov["chains"] == [["Warta Timur", "Kabar Sulteng"]]


# ---------- first report ----------


def test_first_compares_instants_not_strings() -> None:
    # 09:00 at +08:00 is 01:00 UTC, half an hour before 08:30 at +07:00 (whose string sorts first).
    arts = [_art("b", "Kabar Jogja", "2025-03-04T08:30:00+07:00"),
            _art("a", "Warta Timur", "2025-03-04T09:00:00+08:00")]
    assert first_report(arts) == {"article": "a", "outlet": "Warta Timur", "published": "2025-03-04T09:00:00+08:00"}


def test_a_date_alone_counts_as_its_whole_day() -> None:
    timed = _art("t", "Warta Timur", "2025-03-04T06:00:00+07:00")
    assert first_report([timed, _art("d", "Pesisir Post", "2025-03-03")])["article"] == "d"  # the day before
    assert first_report([timed, _art("d", "Pesisir Post", "2025-03-04")])["article"] == "t"  # the same day
    assert first_report([_art("d", None, "2025-03-05"), _art("c", None, "2025-03-05")])["article"] == "c"  # tie: id


def test_undated_articles_are_never_first() -> None:
    assert first_report([_art("u"), _art("v", published="not a date")]) is None
    assert first_report([_art("u"), _art("z", "X", "2025-01-02T10:00:00Z")])["article"] == "z"
    assert first_report([_art("y", "Y", "2025-01-02T10:00:00+00:00"), _art("x", "X", "2025-01-02T10:00:00Z")])[
        "article"] == "x"  # the same instant: the smaller id


# ---------- chains and copies ----------


def test_wires_come_first_under_their_usual_names() -> None:
    art = _art("a", "Harian Lintas",
               cited=("Agence France-Presse", "Harian Lintas", "antaranews.com", "berbagai sumber"))
    prov = event_provenance([art])
    assert prov["credits"] == [{"article": "a", "outlet": "Harian Lintas", "credits": ["AFP", "Antara"]}]
    assert prov["chains"] == [["AFP", "Harian Lintas"], ["Antara", "Harian Lintas"]]
    assert agency("Associated Press") == "AP" and agency("cnbcindonesia.com") is None


def test_a_copy_of_a_copy_is_a_chain_of_three() -> None:
    arts = [_art("a", "Warta Timur", cited=("Reuters",)),
            _art("b", "Pesisir Post", copy_of=CopyLink("a", 0.9, "Warta Timur"), cited=("Warta Timur",)),
            _art("c", "Kabar Sulteng", copy_of=CopyLink("b", 0.8, None))]
    prov = event_provenance(arts)
    assert prov["chains"] == [["Reuters", "Warta Timur"], ["Reuters", "Warta Timur", "Pesisir Post"],
                              ["Reuters", "Warta Timur", "Pesisir Post", "Kabar Sulteng"]]
    assert [(c["article"], c["of"], c["kind"]) for c in prov["copies"]] == [("b", "a", "copy"), ("c", "b", "copy")]


def test_outlets_crediting_each_other_end() -> None:
    arts = [_art("a", "Warta Timur", cited=("Pesisir Post",)), _art("b", "Pesisir Post", cited=("Warta Timur",))]
    chains = event_provenance(arts)["chains"]
    assert ["Pesisir Post", "Warta Timur"] in chains and ["Warta Timur", "Pesisir Post"] in chains
    assert all(len(c) == len(set(c)) for c in chains)


def test_copies_list_links_outside_the_event_too() -> None:
    arts = [_art("a", "Warta Timur", duplicate_of="elsewhere"),
            _art("b", "Pesisir Post", copy_of=CopyLink("outside", 0.62, "Antara")),
            _art("c", "Kabar Sulteng")]
    prov = event_provenance(arts)
    assert prov["copies"] == [
        {"article": "a", "of": "elsewhere", "kind": "duplicate", "overlap": None, "credited": None},
        {"article": "b", "of": "outside", "kind": "copy", "overlap": 0.62, "credited": "Antara"},
    ]
    assert prov["credits"] == [{"article": "b", "outlet": "Pesisir Post", "credits": ["Antara"]}]
    assert prov["chains"] == [["Antara", "Pesisir Post"]]  # its original is not in the event: the credit says


def test_empty_event() -> None:
    assert event_provenance([]) == {"first": None, "credits": [], "chains": [], "copies": []}


def test_fifty_articles_chained_copies(seed_articles: dict[str, Article]) -> None:
    """Ten copies of each seed under ten outlets, each outlet copying and crediting the one before it. (Its speed is
    measured by bench/speed_analysis.py, not here: a timed test fails on a busy machine.)"""
    outlets = [f"Outlet {k}" for k in range(10)]
    arts = [_art(f"{a.id}-{k}", outlets[k], a.published, (*a.cited_sources, *outlets[k - 1:k]),
                 copy_of=CopyLink(f"{a.id}-{k - 1}", 0.9, None) if k else None)
            for k in range(10) for a in seed_articles.values()]
    prov = event_provenance(arts)
    assert ["AFP", "cnbcindonesia.com", *outlets] in prov["chains"]
    assert all(len(c) == len(set(c)) for c in prov["chains"])
    assert len(prov["copies"]) == 45
