"""`--executor ray` gives the local executor's results (issue 16 item 3): a local Ray runtime with 2 CPUs runs the
per-article stages of 300 generated articles, and the texts, the event partition and the ids equal the local run's.

Skipped only when the ray extra is not installed (`make test` installs it, so CI runs this).
"""

from __future__ import annotations

import json
import random
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest

ray = pytest.importorskip("ray", reason="the ray extra is not installed (pip install 'kliping[ray]')")

OUTLETS = ["warta-timur.id", "kabarnusa.com", "harianlintas.co.id", "suarapesisir.id", "detaksulawesi.com",
           "nusantaradispatch.net"]
PLACES = ["Makassar", "Palu", "Kendari", "Manado", "Gorontalo", "Mamuju", "Ambon", "Ternate", "Sorong", "Kupang",
          "Mataram", "Denpasar", "Balikpapan", "Samarinda", "Pontianak", "Banjarmasin", "Jambi", "Padang", "Medan",
          "Pekanbaru"]
PEOPLE = ["Andi Sudirman", "Rusdy Mastura", "Ali Mazi", "Olly Dondokambey", "Rusli Habibie", "Murad Ismail",
          "Abdul Gani Kasuba", "Viktor Laiskodat", "Zulkieflimansyah", "Wayan Koster", "Isran Noor", "Sutarmidji",
          "Sahbirin Noor", "Al Haris", "Mahyeldi Ansharullah", "Edy Rahmayadi", "Syamsuar", "Bahtiar Baharuddin",
          "Paulus Waterpauw", "Lukas Enembe"]
KINDS = [("banjir bandang", "merendam {n} rumah warga", "BPBD"),
         ("kebakaran pasar", "menghanguskan {n} kios", "Damkar"),
         ("gempa bumi", "merusak {n} bangunan", "BMKG"),
         ("tanah longsor", "menimbun {n} rumah", "Basarnas"),
         ("kecelakaan kapal", "menewaskan {n} penumpang", "KNKT")]
MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni"]
SHARE = "Bagikan: Facebook Twitter WhatsApp"
BACA = "Baca Juga: {}"


def _records(events: int = 30, per_event: int = 10, seed: int = 16) -> list[dict[str, Any]]:
    """`events` x `per_event` Indonesian-like articles: each event a kind of disaster in a place on a day, reported
    by several outlets in their own words, with the outlets' template lines (share bars, "Baca Juga") around it."""
    rng = random.Random(seed)
    out = []
    for e in range(events):
        kind, effect, agency = KINDS[e % len(KINDS)]
        place, person = PLACES[e % len(PLACES)], PEOPLE[(e * 7) % len(PEOPLE)]
        day, month = 1 + (e * 5) % 27, e % len(MONTHS)
        n = 10 + e * 3
        for k in range(per_event):
            outlet = OUTLETS[(e + k) % len(OUTLETS)]
            verb = rng.choice(["melanda", "terjadi di", "menerjang", "mengguncang"])
            lines = [
                f"{kind.capitalize()} {verb} {place}, {effect.format(n=n)}",
                SHARE,
                f"{place.upper()} - {kind.capitalize()} {verb} {place} pada {day} {MONTHS[month]} 2024 dan "
                f"{effect.format(n=n)}. Kepala {agency} {place} mengatakan petugas masih mendata kerugian.",
                f"Gubernur {person} meninjau lokasi {kind} di {place} sehari kemudian. \"Kami akan membantu "
                f"warga yang terdampak {kind} ini secepatnya,\" kata {person} kepada wartawan.",
                rng.choice([f"Warga {place} mengungsi ke sekolah dan masjid terdekat.",
                            f"Bantuan logistik dikirim ke {place} oleh pemerintah provinsi.",
                            f"Sebanyak {n // 2} orang dilaporkan mengungsi akibat {kind} tersebut."]),
                f"Menurut {agency}, cuaca ekstrem diperkirakan masih terjadi hingga akhir pekan di wilayah {place}.",
                BACA.format(rng.choice(["Harga Cabai Naik Jelang Ramadan", "Timnas Menang 2-0", "Jadwal KRL Baru"])),
                f"Editor: Redaksi {outlet.split('.')[0].title()}",
            ]
            out.append({"id": f"syn-{e:02d}-{k}", "outlet": outlet, "url": f"https://{outlet}/berita/{e}-{k}",
                        "published": f"2024-{month + 1:02d}-{day:02d}T{8 + k:02d}:{(e * 7) % 60:02d}:00+08:00",
                        "text": "\n".join(lines)})
    rng.shuffle(out)  # the corpus stages sort by publication: input order must not matter to either executor
    return out


@pytest.fixture(scope="module")
def ray_runtime():
    # A Ray of its own (address="local": never a cluster someone else started on this machine), 2 CPUs, its files
    # under a short temporary folder (Ray's socket paths must stay under 107 characters), shut down after.
    tmp = tempfile.mkdtemp(prefix="kray")
    ray.init(address="local", num_cpus=2, include_dashboard=False, log_to_driver=False, _temp_dir=tmp)
    try:
        yield
    finally:
        ray.shutdown()
        shutil.rmtree(tmp, ignore_errors=True)


def _partition(report: dict[str, Any]) -> dict[str, list[str]]:
    return {e["id"]: sorted(e["articles"]) for e in report["events"]}


def test_ray_executor_equals_local(ray_runtime: None, tmp_path: Path) -> None:
    from kliping.executors import make_executor
    from kliping.library import analyze_into
    from kliping.pipeline import LocalExecutor
    from kliping.store import Store

    src = tmp_path / "syn.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in _records()), encoding="utf-8")
    reports = {}
    for name, executor in (("local", LocalExecutor(workers=2)), ("ray", make_executor("ray"))):
        with executor, Store(tmp_path / f"{name}.db") as store:
            report, res = analyze_into([str(src)], store, executor)
        assert not res.rejected, res.rejected
        reports[name] = report.to_dict()
    local, on_ray = reports["local"], reports["ray"]
    assert len(local["articles"]) == 300
    assert [a["id"] for a in on_ray["articles"]] == [a["id"] for a in local["articles"]]
    assert {a["id"]: a["text"] for a in on_ray["articles"]} == {a["id"]: a["text"] for a in local["articles"]}
    assert {a["id"]: a["entities"] for a in on_ray["articles"]} == {a["id"]: a["entities"] for a in local["articles"]}
    assert len(local["events"]) > 10  # the partition compared is a real one, not one event or one per article
    assert _partition(on_ray) == _partition(local)
    assert [s["events"] for s in on_ray["storylines"]] == [s["events"] for s in local["storylines"]]
    # In the same test, on the same Ray: `pytest -n 2` could give a second test to the other worker, which would
    # start a second Ray.
    _order_and_corpus_stages()


def _order_and_corpus_stages() -> None:
    import sys

    from kliping.executors.ray import RayExecutor
    from kliping.model import Article
    from kliping.pipeline import Stage

    # The workers cannot import this test module: its functions travel by value.
    ray.cloudpickle.register_pickle_by_value(sys.modules[__name__])
    arts = [Article(id=f"a{i}", source="t", raw=f"teks {i}") for i in range(50)]
    with RayExecutor(chunk_size=7) as ex:
        chunks = list(ex.map_chunks([_tag], arts))
        assert [len(c) for c in chunks] == [7] * 7 + [1]
        assert [a.id for c in chunks for a in c] == [f"a{i}" for i in range(50)]
        assert all(a.title == f"tagged {a.id}" for c in chunks for a in c)
        with pytest.raises(ValueError, match="corpus-level"):
            list(ex.map_chunks([Stage("events", lambda arts: arts, per_article=False)], arts))
    assert ray.is_initialized()  # a Ray initialised before is left running


def _tag(art: Any) -> Any:
    art.title = f"tagged {art.id}"
    return art


def test_cli_says_how_to_install_ray_when_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from typer.testing import CliRunner

    from kliping.cli import app

    monkeypatch.setitem(sys.modules, "ray", None)  # `import ray` raises ImportError, as without the extra
    monkeypatch.delitem(sys.modules, "kliping.executors.ray", raising=False)
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps(_records(1, 1)[0]) + "\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["ingest", str(src), "--db", str(tmp_path / "k.db"), "--executor", "ray"])
    assert res.exit_code != 0
    assert "pip install 'kliping[ray]'" in str(res.exception) + res.output
    assert not (tmp_path / "k.db").exists()


def test_local_runs_import_no_ray(tmp_path: Path) -> None:
    """Without --executor ray nothing imports Ray (its import alone takes seconds and hundreds of MB)."""
    import subprocess
    import sys

    src = tmp_path / "a.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in _records(2, 2)), encoding="utf-8")
    code = ("import sys; from typer.testing import CliRunner; from kliping.cli import app; "
            f"r = CliRunner().invoke(app, ['analyze', {str(src)!r}, '--out', {str(tmp_path / 'out')!r}, '-q']); "
            "print(r.exit_code, 'ray' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["0", "False"], out.stdout + out.stderr


def test_unreachable_address_is_one_line_at_once() -> None:
    from kliping.errors import UsageError
    from kliping.executors import make_executor
    from kliping.executors.ray import _check_reachable

    with pytest.raises(UsageError, match="nothing answers there"):  # not Ray's minutes of retries
        _check_reachable("127.0.0.1:1")
    with pytest.raises(UsageError, match="--ray-address needs --executor ray"):
        make_executor("local", ray_address="127.0.0.1:1")
