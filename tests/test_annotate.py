"""`kliping annotate`: JSONL in, annotated JSONL out, one line per good record in input order; a bad record gets
one line on stderr and the stream goes on. Records are written for the tests."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_cli

CLEAN_BODY = ("Presiden Joko Widodo meresmikan Bendungan Sungai Lamaran di Kabupaten Batu Lamaran, Sulawesi Tengah, "
              "Senin (3/3/2025).\n\n"
              "\"Bendungan ini akan mengairi 5.000 hektare sawah,\" kata Jokowi kepada wartawan.")
PAGE = ("Warga Kampung Nelayan Terima Bantuan Perahu\n"
        "Selasa, 4 Maret 2025 10:00 WIB\n"
        "Makassar - Pemerintah Kota Makassar menyerahkan 20 perahu kepada nelayan di Kecamatan Tallo, Selasa "
        "(4/3/2025).\n"
        "ADVERTISEMENT\n"
        "Kepala Dinas Perikanan Andi Baso mengatakan bantuan itu diberikan kepada kelompok nelayan yang perahunya "
        "rusak diterjang ombak.\n")


def _write(tmp: Path, lines: list[str]) -> Path:
    p = tmp / "in.jsonl"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return p


def test_annotate_streams_records_and_reports_bad_ones(tmp_path: Path) -> None:
    inp = _write(tmp_path, [
        json.dumps({"id": "a", "text": CLEAN_BODY, "clean": True, "published": "2025-03-03T12:00:00+08:00"}),
        "{this is not json",
        json.dumps({"id": "b", "title": "tanpa isi"}),
        json.dumps({"id": "c", "text": PAGE}),
    ])
    out = tmp_path / "out.jsonl"
    proc = run_cli("annotate", str(inp), "--out", str(out))
    assert proc.returncode == 1  # some records rejected
    errors = proc.stderr.decode().strip().splitlines()
    assert any(f"{inp}:2:" in e and "malformed JSON" in e for e in errors)
    assert any(f"{inp}:3:" in e and "no `text` or `html`" in e for e in errors)
    recs = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in recs] == ["a", "c"]
    a, c = recs
    assert a["text"] == CLEAN_BODY  # clean: true keeps the text as given
    for art in (a, c):
        for key in ("entities", "dates", "quotes"):
            for item in art[key]:
                assert art["text"][item["start"]:item["end"]] == item["text"]
    assert {"2025-03-03"} <= {d["value"][:10] for d in a["dates"]}
    assert any(q["kind"] == "direct" and q["text"].startswith("Bendungan ini") for q in a["quotes"])
    assert "ADVERTISEMENT" not in c["text"]  # records that are pages get cleaned first
    assert any(d["value"] == "2025-03-04" for d in c["dates"])


def test_annotate_stdin_to_stdout_and_usage(tmp_path: Path) -> None:
    rec = json.dumps({"id": "s1", "text": CLEAN_BODY, "clean": True}) + "\n"
    proc = run_cli("annotate", "-", "--out", "-", stdin=rec.encode())
    assert proc.returncode == 0, proc.stderr.decode()
    assert json.loads(proc.stdout.decode().strip())["id"] == "s1"
    missing = run_cli("annotate", str(tmp_path / "nope.jsonl"), "--out", str(tmp_path / "o.jsonl"))
    assert missing.returncode == 2 and "no such file" in missing.stderr.decode()
    assert "Traceback" not in missing.stderr.decode()
