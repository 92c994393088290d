"""The per-article stage contract (`pipeline.article_stages`) and the sentence vectors it stores (issue 16)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import numpy as np
import pytest

from conftest import ROOT, ingest_articles
from kliping.corpus.stage import link_pending
from kliping.enrich import vectors
from kliping.library import annotate_pages
from kliping.model import Article, RawPage
from kliping.pipeline import LocalExecutor, Stage, article_stages
from kliping.store import Store

PAGES = ROOT / "examples" / "pages"


def _events(db: Path) -> list[list[str]]:
    with sqlite3.connect(db) as con:
        return sorted(json.loads(d)["articles"] for (d,) in con.execute("SELECT data FROM events"))


def test_every_executor_runs_the_same_per_article_stages() -> None:
    stages = article_stages()
    assert [s.name for s in stages] == ["clean", "enrich", "vectors"] and all(s.per_article for s in stages)
    assert [s.name for s in article_stages(vectors=False)] == ["clean", "enrich"]
    page = RawPage(id="p1", source="p1.txt", content=(PAGES / sorted(p.name for p in PAGES.iterdir())[0]).read_text(
        encoding="utf-8"), kind="text")
    # The executor maps the stages as given: the pipeline's result is the stages applied in order
    by_hand = Article.from_page(page)
    for stage in stages:
        by_hand = next(stage([by_hand]))
    [mapped] = next(LocalExecutor(workers=1).map_chunks(stages, [Article.from_page(page)]))
    assert mapped.to_report() == by_hand.to_report() and mapped.entities
    assert mapped.vector_model == vectors.MODEL_NAME and np.array_equal(mapped.vector, by_hand.vector)
    assert "vector" not in mapped.to_report()  # never in report.json
    # `kliping annotate` runs the same stages, less the vectors its output has no place for
    [annotated] = annotate_pages([page], lambda r: None, LocalExecutor(workers=1))
    assert annotated.to_report() == mapped.to_report() and annotated.vector is None
    corpus = Stage("events", lambda arts: arts, per_article=False)
    with pytest.raises(ValueError, match="corpus-level"):
        next(LocalExecutor(workers=1).map_chunks([*stages, corpus], [Article.from_page(page)]))


def test_vectors_are_stored_with_their_model_and_never_computed_again(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "k.db"
    arts = ingest_articles(sorted(str(p) for p in PAGES.iterdir()), db)
    before = _events(db)
    with sqlite3.connect(db) as con:
        rows = con.execute("SELECT id, vector, vector_model FROM articles").fetchall()
    assert len(rows) == len(arts) and {m for _, _, m in rows} == {vectors.MODEL_NAME}
    by_id = {a.id: a for a in arts}
    for aid, blob, _ in rows[:3]:  # the vector of the article's own title and lead, exactly
        assert np.array_equal(np.frombuffer(blob, dtype="<f4"), vectors.embed_article(by_id[aid].title,
                                                                                      by_id[aid].text))

    calls: list[int] = []
    real = vectors.embed_many
    monkeypatch.setattr(vectors, "embed_many", lambda texts: calls.append(len(texts)) or real(texts))
    with Store(db) as store:
        store.reset_events()  # every article is linked again: from the stored vectors, none embedded
        assert link_pending(store)[0] == len(arts)
    assert calls == [] and _events(db) == before

    # A store written before vectors were stored (or by another model): embedded once when linked, then stored
    with sqlite3.connect(db) as con:
        con.execute("UPDATE articles SET vector = NULL, vector_model = NULL")
    with Store(db) as store:
        store.reset_events()
        link_pending(store)
    assert sum(calls) == len(arts) and _events(db) == before
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT COUNT(*) FROM articles WHERE vector_model = ?",
                           (vectors.MODEL_NAME,)).fetchone()[0] == len(arts)
    calls.clear()
    with Store(db) as store:
        store.reset_events()
        link_pending(store)
    assert calls == [] and _events(db) == before


def _unchanged(art: Article) -> Article:
    return art


def _worker_state(art: Article) -> Article:
    """A stage that records what the worker running it had loaded before its first chunk."""
    import os

    from kliping import pipeline

    art.hints = {**art.hints, "pid": os.getpid(), "inherited": sorted(pipeline._INHERITED)}
    return art


def test_pool_workers_inherit_the_models_the_parent_loaded_before_forking() -> None:
    """Forked after `warm_up_models`, each worker starts with the models instead of loading them itself."""
    import multiprocessing
    import os

    if multiprocessing.get_start_method() != "fork":
        pytest.skip("workers are forked on Linux only")
    arts = [Article(id=f"a{i}", source=f"a{i}.txt", raw=f"Teks {i}.") for i in range(8)]
    stages = [Stage("same", _unchanged), Stage("probe", _worker_state)]
    with LocalExecutor(workers=2, chunk_size=2) as ex:
        out = [a for chunk in ex.map_chunks(stages, arts) for a in chunk]
    assert {a.hints["pid"] for a in out} - {os.getpid()}, "the chunks ran in worker processes"
    assert all(a.hints["inherited"] == ["models"] for a in out)
