"""The CI gate's own rules: floors only rise (against the last commit), and CI without the shared data fails."""

from __future__ import annotations

import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import gate


def test_a_lowered_or_removed_floor_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    committed = {"HEAD": {"a": 0.9, "b": 0.5}, "HEAD~1": {"a": 0.8, "b": 0.5}}
    monkeypatch.setattr(gate, "_committed_floors", committed.get)
    assert gate.dropped_floors({"a": 0.9, "b": 0.5}) == []  # HEAD itself (CI): against its parent, a rose
    assert gate.dropped_floors({"a": 0.95, "b": 0.5, "c": 0.1}) == []  # uncommitted: against HEAD, all kept or raised
    assert gate.dropped_floors({"a": 0.85, "b": 0.5}) == ["a (0.9 -> 0.85)"]
    assert gate.dropped_floors({"a": 0.9}) == ["b (0.5 -> gone)"]
    committed["HEAD~1"] = {"a": 0.95, "b": 0.5}  # the commit under test lowered a floor
    assert gate.dropped_floors({"a": 0.9, "b": 0.5}) == ["a (0.95 -> 0.9)"]


def test_ci_without_shared_data_fails(monkeypatch: pytest.MonkeyPatch, tmp_path, capsys) -> None:
    monkeypatch.setattr(gate, "DATA", tmp_path / "missing")
    monkeypatch.setattr(gate, "dropped_floors", lambda floors: [])
    monkeypatch.setenv("CI", "true")
    assert gate.main() == 1
    assert "no shared data" in capsys.readouterr().out
    monkeypatch.delenv("CI")
    assert gate.main() == 0


def test_costs_and_counts_are_reported_but_every_quality_measure_needs_a_floor() -> None:
    for key in ("dedup.scale_10k_rss_mb", "dedup.scale_10k_ms_per_article", "dedup.detik_twins", "articles.pages",
                "trafilatura.baseline_f1", "dedup.detik_pairs_jaccard_0.5_0.8", "dedup.scale_10k_false_links"):
        assert gate._reference(key), key
    for key in ("dedup.scale_10k_precision", "dedup.scale_10k_planted_recall", "dedup.detik_twins_linked",
                "events.detik_pairwise_f1", "compare.detik_minus_false_alarms"):
        assert not gate._reference(key), key
