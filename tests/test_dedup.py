"""Duplicate and syndication links (kliping.corpus.dedup) on short Indonesian news texts written for these tests."""

from __future__ import annotations

import pickle
import sqlite3
from pathlib import Path

import numpy as np
import pytest

from conftest import ROOT
from kliping.corpus.dedup import DuplicateIndex, canonical_url, link_duplicates, outlet_key
from kliping.model import Article, CopyLink

BANJIR = (
    "Banjir merendam ratusan rumah warga di Kecamatan Sungai Lebar sejak Selasa malam setelah hujan deras turun "
    "selama enam jam tanpa henti. Ketinggian air di beberapa titik mencapai satu meter sehingga warga terpaksa "
    "mengungsi ke balai desa dan masjid terdekat.\n\n"
    "Kepala Badan Penanggulangan Bencana Daerah setempat mengatakan petugas sudah mendirikan tiga dapur umum dan "
    "menyiagakan perahu karet untuk mengevakuasi warga lanjut usia. Menurut dia, tidak ada korban jiwa dalam "
    "peristiwa ini, tetapi kerugian materi diperkirakan mencapai ratusan juta rupiah.\n\n"
    "Warga berharap pemerintah segera menormalisasi aliran sungai yang dangkal karena banjir serupa terjadi hampir "
    "setiap musim hujan dalam lima tahun terakhir."
)
PANGAN = (
    "Harga cabai rawit di sejumlah pasar tradisional naik tajam menjelang akhir pekan karena pasokan dari daerah "
    "sentra berkurang akibat cuaca buruk. Pedagang menyebut harga kini menembus delapan puluh ribu rupiah per "
    "kilogram, dua kali lipat dibandingkan bulan lalu.\n\n"
    "Dinas perdagangan berjanji menggelar operasi pasar murah mulai pekan depan dan memantau stok di gudang "
    "distributor agar tidak terjadi penimbunan. Pembeli diminta tidak panik dan berbelanja sesuai kebutuhan."
)
SEKOLAH = (
    "Pemerintah kota meresmikan gedung sekolah dasar baru yang dibangun dengan dana hibah provinsi di kawasan "
    "pinggiran. Gedung dua lantai itu memiliki dua belas ruang kelas, perpustakaan, dan laboratorium komputer "
    "yang bisa dipakai siswa dari tiga kelurahan sekitar.\n\n"
    "Wali kota berharap fasilitas tersebut mengurangi kepadatan di sekolah lama yang selama ini menggelar kegiatan "
    "belajar dalam dua giliran pagi dan siang hari."
)


def art(aid: str, text: str, outlet: str | None = "Kabar Kota", url: str | None = None, title: str | None = None,
        cited: list[str] | None = None) -> Article:
    return Article(id=aid, source=f"test/{aid}", text=text, outlet=outlet, url=url, title=title,
                   cited_sources=cited or [])


def links(index: DuplicateIndex, *arts: Article) -> list[tuple[str | None, CopyLink | None]]:
    return [(a.duplicate_of, a.copy_of) for a in (index.add(x) for x in arts)]


def test_exact_text_duplicate_links_to_the_first() -> None:
    idx = DuplicateIndex()
    got = links(idx, art("a", BANJIR, url="https://kabarkota.id/a"),
                art("b", BANJIR.replace("\n\n", "\n").upper(), url="https://kabarkota.id/b"),  # case, spacing
                art("c", BANJIR, url="https://kabarkota.id/c"))
    assert got == [(None, None), ("a", None), ("a", None)]


def test_canonical_url_duplicate_even_when_text_changed() -> None:
    idx = DuplicateIndex()
    first = art("a", BANJIR, url="https://www.kabarkota.id/daerah/banjir-sungai-lebar/")
    again = art("b", BANJIR + " Pembaruan: air mulai surut pada Rabu pagi.",
                url="http://m.KabarKota.id/daerah/banjir-sungai-lebar/amp?utm_source=wa&fbclid=x#top")
    assert links(idx, first, again) == [(None, None), ("a", None)]


def test_canonical_url_rules() -> None:
    assert canonical_url("https://www.detik.com/x/?utm_campaign=a&id=5&page=1") == "detik.com/x?id=5"
    assert canonical_url("https://detik.com/x?page=2") == "detik.com/x?page=2"  # page 2 is other text
    assert canonical_url("https://amp.detik.com/x/amp/") == "detik.com/x"
    assert canonical_url("https://www.detik.com/") is None  # a front page names no article
    assert canonical_url("mailto:redaksi@detik.com") is None
    assert outlet_key("KABARNUSA.ID") == outlet_key("www.kabarnusa.id") == outlet_key("KabarNusa.id")
    assert outlet_key("news.detik.com") == outlet_key("detik.com")
    assert outlet_key("Warta Timur") == outlet_key("warta-timur.com")


def test_title_duplicate_same_outlet_only() -> None:
    idx = DuplicateIndex()
    title = "Banjir Rendam Ratusan Rumah di Sungai Lebar"
    got = links(idx, art("a", BANJIR, title=title),
                art("b", "Banjir merendam rumah warga.", title=title.upper() + "!"),  # short text: title decides
                art("c", "Banjir merendam rumah warga.", title=title, outlet="Suara Lain"))
    assert got == [(None, None), ("a", None), (None, None)]


def test_recurring_title_with_different_text_is_not_a_duplicate() -> None:
    idx = DuplicateIndex()
    title = "Harga Pangan Hari Ini di Pasar Kota"
    assert links(idx, art("a", PANGAN, title=title), art("b", SEKOLAH, title=title)) == [(None, None), (None, None)]


def test_near_duplicate_same_outlet() -> None:
    # A few words changed in a news-length text (~260 words; detik averages 389): Jaccard ~0.88 > 0.8.
    long = BANJIR + "\n\n" + PANGAN.replace("cabai rawit", "bawang merah")
    changed = (long.replace("ratusan rumah", "puluhan rumah").replace("tiga dapur umum", "dua dapur umum")
               .replace("lima tahun", "empat tahun"))
    idx = DuplicateIndex()
    got = links(idx, art("a", long, url="https://kabarkota.id/a"), art("b", changed, url="https://kabarkota.id/b"),
                art("c", PANGAN, url="https://kabarkota.id/c"))  # contained in a, but the same outlet: no link
    assert got == [(None, None), ("a", None), (None, None)]


def test_near_duplicate_from_another_outlet_is_a_copy() -> None:
    idx = DuplicateIndex()
    got = links(idx, art("a", BANJIR), art("b", BANJIR.replace("ratusan rumah", "puluhan rumah"), outlet="Suara Lain"))
    assert got[1][0] is None and got[1][1] is not None
    assert got[1][1].id == "a" and got[1][1].overlap > 0.8 and got[1][1].credited is None


def test_syndicated_copy_crediting_antara() -> None:
    # The copy keeps the first two paragraphs, adds its own lead and credits Antara; outlets unknown on both sides.
    lead = "SUNGAI LEBAR - Hujan deras kembali mengguyur wilayah itu pada Selasa sore menurut laporan warga.\n\n"
    copy = lead + "\n\n".join(BANJIR.split("\n\n")[:2]) + "\n\nSumber: Antara"
    idx = DuplicateIndex()
    got = links(idx, art("wire", BANJIR, outlet=None), art("c", copy, outlet=None, cited=["Antara"]))
    dup, link = got[1]
    assert dup is None and link is not None
    assert link.id == "wire" and link.credited == "Antara" and 0.5 <= link.overlap <= 1.0
    # Without a credit and without outlets there is no evidence of syndication (and it is no near duplicate).
    idx2 = DuplicateIndex()
    assert links(idx2, art("wire", BANJIR, outlet=None), art("c", copy, outlet=None))[1] == (None, None)


def test_credit_prefers_the_original_outlet_and_the_original_is_not_a_copy_of_its_copy() -> None:
    idx = DuplicateIndex()
    copy_first = art("copy", BANJIR, outlet="Suara Lain", cited=["Antara", "KABARKOTA.ID"])
    original = art("orig", BANJIR.replace("ratusan rumah", "puluhan rumah"), outlet="kabarkota.id")
    got = links(idx, copy_first, original)
    assert got == [(None, None), (None, None)]  # orig arrived late: the copy credits its outlet, so no reverse link
    idx2 = DuplicateIndex()
    got = links(idx2, art("orig", BANJIR, outlet="kabarkota.id"), copy_first)
    assert got[1][1] is not None and got[1][1].credited == "KABARKOTA.ID"


def test_unrelated_articles_are_not_linked() -> None:
    idx = DuplicateIndex()
    arts = [art("a", BANJIR, url="https://kabarkota.id/a", title="Banjir Rendam Ratusan Rumah Warga"),
            art("b", PANGAN, url="https://kabarkota.id/b", title="Harga Cabai Rawit Naik Tajam"),
            art("c", SEKOLAH, outlet="Suara Lain", url="https://suaralain.id/c", title="Gedung Sekolah Diresmikan"),
            art("d", "", url="https://kabarkota.id/d"), art("e", "", url="https://kabarkota.id/e")]  # empty texts
    assert all(a.duplicate_of is None and a.copy_of is None for a in link_duplicates(arts, idx))
    assert idx.counts == {"articles": 5}


def test_idempotent_re_add_and_no_self_link() -> None:
    idx = DuplicateIndex()
    a, b = art("a", BANJIR), art("b", BANJIR)
    links(idx, a, b)
    again_a, again_b = art("a", BANJIR), art("b", PANGAN)  # same ids again (even with other text): first link kept
    assert links(idx, again_a, again_b) == [(None, None), ("a", None)]
    assert len(idx) == 2 and idx.counts["readded"] == 2


def test_rows_round_trip_keep_links_and_keep_linking(tmp_path: Path) -> None:
    """Flushed to a database file and opened again by another connection (the next run), the index gives every
    link back and links new articles against the stored ones."""
    db = sqlite3.connect(tmp_path / "dedup.db")
    idx = DuplicateIndex(db)
    links(idx, art("a", BANJIR, url="https://kabarkota.id/a"), art("b", BANJIR),
          art("c", PANGAN, outlet="Suara Lain"), art("d", PANGAN, outlet="Kabar Kota", cited=["Antara"]))
    before = [idx.links(x) for x in "abcd"]
    idx.flush()
    db.commit()
    assert [idx.links(x) for x in "abcd"] == before  # read back from the rows now
    blob = idx.state()
    back = DuplicateIndex(sqlite3.connect(tmp_path / "dedup.db"), blob)
    assert [back.links(x) for x in "abcd"] == before and len(back) == 4
    assert back.links("d") == (None, CopyLink("c", 1.0, "Antara"))
    got = links(back, art("e", BANJIR, url="https://m.kabarkota.id/a/"), art("a", SEKOLAH), art("f", SEKOLAH))
    assert got == [("a", None), (None, None), (None, None)]
    assert back.state() != blob and back.counts["readded"] == 1


def test_unflushed_changes_are_not_in_the_rows(tmp_path: Path) -> None:
    """What a run adds or removes reaches the rows only at `flush` (inside the store's transaction): a run killed
    before leaves the rows as they were."""
    db = sqlite3.connect(tmp_path / "dedup.db")
    idx = DuplicateIndex(db)
    links(idx, art("a", BANJIR), art("b", BANJIR))
    idx.flush()
    db.commit()
    links(idx, art("c", BANJIR, outlet="Suara Lain"))
    idx.remove("a")
    assert idx.links("b") == (None, None) and idx.links("c") == (None, CopyLink("b", 1.0, None))
    fresh = DuplicateIndex(sqlite3.connect(tmp_path / "dedup.db"))
    assert "c" not in fresh and fresh.links("b") == ("a", None)
    idx.flush()
    db.commit()
    fresh = DuplicateIndex(sqlite3.connect(tmp_path / "dedup.db"))
    assert "a" not in fresh and fresh.links("b") == (None, None)
    assert fresh.links("c") == (None, CopyLink("b", 1.0, None))


def test_state_is_plain_data_and_whole_states_of_older_stores_still_read() -> None:
    """Stores kept the whole index in one state (plain data, or before that a pickle of plain data): both read,
    and their articles become rows at the next flush."""
    from kliping.corpus import state

    idx = DuplicateIndex()
    got = links(idx, art("a", BANJIR), art("b", BANJIR, outlet="Suara Lain"), art("c", PANGAN, cited=["Antara"]))
    blob = idx.state()
    assert blob.startswith(b"PK") and b"\x80\x05" not in blob[:64]  # an npz archive, not a pickle
    assert set(state.load(blob, {}, dict)) == {"version", "params", "counts"}
    from kliping.corpus import dedup

    sigs = [dedup.features(a)[1] for a in (art("a", BANJIR), art("b", BANJIR, outlet="Suara Lain"),
                                           art("c", PANGAN, cited=["Antara"]))]
    whole = {"version": 1, "params": dedup._params(), "ids": ["a", "b", "c"], "outlet": ["kabarkota", "suaralain",
             "kabarkota"], "url": [None] * 3, "title": [None] * 3,
             "text": [dedup.features(x)[0].text for x in (art("a", BANJIR), art("b", BANJIR), art("c", PANGAN))],
             "credits": [[], [], [["antara", "Antara"]]], "sigs": b"".join(s.astype("<u4").tobytes() for s in sigs),
             "sizes": [dedup.features(x)[0].size for x in (art("a", BANJIR), art("b", BANJIR), art("c", PANGAN))],
             "dup": [-1, -1, -1], "copy": [None, [0, 1.0, None], None], "counts": {"articles": 3}}
    for old in (state.dump(whole, {}), pickle.dumps(whole, protocol=5)):
        legacy = DuplicateIndex.from_state(old)
        assert [legacy.links(x) for x in "abc"] == got
        legacy.flush()
        assert [legacy.links(x) for x in "abc"] == got and len(legacy) == 3
        assert links(legacy, art("d", BANJIR))[0] == ("a", None)


def test_state_refuses_anything_but_plain_data() -> None:
    evil = pickle.dumps({"version": 1, "params": CopyLink("x", 1.0)})
    with pytest.raises(pickle.UnpicklingError):
        DuplicateIndex.from_state(evil)


def test_remove_relinks_to_the_next_earliest() -> None:
    idx = DuplicateIndex()
    links(idx, art("a", BANJIR), art("b", BANJIR), art("c", BANJIR), art("d", BANJIR, outlet="Suara Lain"),
          art("e", PANGAN))
    assert idx.remove("a") == {"b": (None, None), "c": ("b", None), "d": (None, CopyLink("b", 1.0, None))}
    assert idx.links("e") == (None, None) and "a" not in idx
    assert links(idx, art("a", BANJIR))[0] == ("b", None)  # re-added later: now it is the later one


def test_signatures_equal_datasketchs_and_linking_needs_neither_datasketch_nor_scipy() -> None:
    """Stored dedup states hold signatures made with datasketch's MinHash ("affine32"): ours must equal them."""
    import subprocess
    import sys

    from datasketch import MinHash

    from kliping.corpus import dedup

    for path in sorted((ROOT / "examples" / "pages").iterdir())[:6]:
        words = dedup._WORD.findall(path.read_text(errors="replace").lower())
        sh = dedup.shingle_hashes(words)
        theirs = MinHash(num_perm=dedup.NUM_PERM, seed=1, hashfunc=lambda x: x, scheme="affine32")
        theirs.update_batch(sh.tolist())
        assert np.array_equal(dedup.minhash(sh), np.asarray(theirs.hashvalues, dtype=np.uint32))
    probe = ("import sys, kliping.corpus.dedup, kliping.corpus.stage; "
             "print('scipy' in sys.modules or 'datasketch' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True).stdout.strip() == "False"


def test_stored_rows_link_as_ram_did() -> None:
    """Near duplicates and copies found through the stored band rows (flushed every few articles) are the ones
    one unflushed index finds; a removed stored article is never a candidate again, and those linked to it are
    linked again."""
    import random

    rng = random.Random(4)
    vocab = [f"kata{i}" for i in range(400)]
    arts = []
    for n in range(40):
        words = [rng.choice(vocab) for _ in range(80)]
        arts.append(Article(id=f"o{n}", source="t", text=" ".join(words), outlet="a.id"))
        changed = list(words)
        changed[rng.randrange(80)] = "berubah"
        arts.append(Article(id=f"c{n}", source="t", text=" ".join(changed), outlet="b.id" if n % 2 else "a.id"))

    def links(index: DuplicateIndex, items: list[Article]) -> list[tuple[str | None, CopyLink | None]]:
        return [(a.duplicate_of, a.copy_of) for a in (index.add(Article(**vars(x))) for x in items)]

    plain = links(DuplicateIndex(), arts)
    assert sum(d is not None for d, _ in plain) == 20 and sum(c is not None for _, c in plain) == 20
    stored = DuplicateIndex()
    got = []
    for at in range(0, len(arts), 7):
        got += links(stored, arts[at:at + 7])
        stored.flush()
    assert got == plain and not stored._ids
    assert stored.remove("o30") == {"c30": (None, None)}  # c30 was its duplicate (same outlet)
    assert stored.remove("o31") == {"c31": (None, None)}  # and its copy
    stored.flush()
    assert stored.links("c30") == (None, None) and "o30" not in stored and len(stored) == 78
    assert links(stored, [arts[60]])[0] == ("c30", None)  # o30 again, later than c30 now: a near duplicate of it


def test_a_store_keeps_the_index_as_rows_and_upgrades_a_whole_state(tmp_path: Path) -> None:
    """`kliping ingest` keeps the index as rows of the store (with a small state of counts), links a later run's
    copy against them, and a store that kept the whole index in its state (before the rows) gets its links back
    and its rows at its next ingest."""
    import json

    from kliping.corpus import dedup, state
    from kliping.corpus.stage import DEDUP_STATE
    from kliping.ingest import ingest
    from kliping.pipeline import LocalExecutor
    from kliping.store import Store

    def run(db: Path, name: str, records: list[dict]) -> dict[str, tuple[str | None, object]]:
        path = tmp_path / name
        path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        with Store(db) as store:
            ingest([str(path)], store, LocalExecutor(workers=1))
            return {a.id: (a.duplicate_of, a.copy_of.id if a.copy_of else None) for a in store.articles()}

    first = [{"id": "a", "text": BANJIR, "outlet": "kabarkota.id", "title": "Banjir di Sungai Lebar", "clean": True,
              "published": "2025-10-01T08:00:00+07:00"},
             {"id": "b", "text": PANGAN, "outlet": "kabarkota.id", "title": "Harga cabai naik", "clean": True,
              "published": "2025-10-01T09:00:00+07:00"}]
    later = [{"id": "c", "text": BANJIR, "outlet": "suaralain.id", "title": "Banjir Sungai Lebar", "clean": True,
              "published": "2025-10-01T10:00:00+07:00"}]
    db = tmp_path / "kliping.db"
    run(db, "first.jsonl", first)
    with Store(db) as store:
        assert store.db.execute("SELECT COUNT(*) FROM dedup_articles").fetchone()[0] == 2
        assert set(state.load(store.get_state(DEDUP_STATE), {}, dict)) == {"version", "params", "counts"}
        # What an older Kliping left: the whole index in the state, no rows.
        rows = store.db.execute("SELECT id, outlet, url, title, text, credits, size, sig FROM dedup_articles "
                                "ORDER BY n").fetchall()
        whole = {"version": 1, "params": dedup._params(), "ids": [r[0] for r in rows], "outlet": [r[1] for r in rows],
                 "url": [dedup._unsigned(r[2]) for r in rows], "title": [dedup._unsigned(r[3]) for r in rows],
                 "text": [dedup._unsigned(r[4]) for r in rows], "credits": [json.loads(r[5] or "[]") for r in rows],
                 "sigs": b"".join(r[7] for r in rows), "sizes": [r[6] for r in rows], "dup": [-1, -1],
                 "copy": [None, None], "counts": {"articles": 2}}
        with store.db:
            for table in ("dedup_articles", "dedup_hashes", "dedup_bands"):
                store.db.execute(f"DELETE FROM {table}")
            store.db.execute("UPDATE corpus_state SET data = ? WHERE name = ?", (state.dump(whole, {}), DEDUP_STATE))
    got = run(db, "later.jsonl", later)
    assert got == {"a": (None, None), "b": (None, None), "c": (None, "a")}
    with Store(db) as store:
        assert store.db.execute("SELECT COUNT(*) FROM dedup_articles").fetchone()[0] == 3
        assert state.load(store.get_state(DEDUP_STATE), {}, dict)["counts"]["articles"] == 3
