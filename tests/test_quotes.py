"""Quotes and speakers on paragraphs written for these tests (Indonesian and English news style)."""

from __future__ import annotations

import pytest

from kliping.enrich.quotes import find_quotes
from kliping.model import Entity, Quote


def by_start(quotes: list[Quote], words: str) -> Quote:
    """The quote whose text starts with `words`."""
    hits = [q for q in quotes if q.text.startswith(words)]
    assert hits, f"no quote starts with {words!r}: {[q.text for q in quotes]}"
    return hits[0]


def test_offsets_point_into_the_text() -> None:
    text = ('Presiden Rusia Vladimir Putin tiba di Pyongyang pada Rabu pagi.\n\n'
            '"Kami akan memperdalam kerja sama kedua negara," kata Putin kepada wartawan.')
    quotes = find_quotes(text)
    assert quotes
    for q in quotes:
        assert text[q.start:q.end] == q.text


def test_direct_quote_cue_after_expands_short_name_and_strips_title() -> None:
    text = ('Presiden Rusia Vladimir Putin tiba di Pyongyang pada Rabu pagi.\n\n'
            '"Kami akan memperdalam kerja sama kedua negara," kata Putin kepada wartawan.')
    q = by_start(find_quotes(text), "Kami akan memperdalam")
    assert (q.kind, q.cue, q.speaker) == ("direct", "kata", "Vladimir Putin")
    assert not q.text.endswith(",")


def test_enclitic_cue_resolves_to_the_subject_of_the_paragraph() -> None:
    text = ('Gubernur Jawa Tengah Ahmad Luthfi meninjau pasar murah di Semarang.\n\n'
            'Luthfi juga mengkritik lambatnya penyaluran bantuan. "Bantuan harus sampai minggu ini," ujarnya.')
    q = by_start(find_quotes(text), "Bantuan harus sampai")
    assert q.cue == "ujarnya"
    assert q.speaker == "Ahmad Luthfi"


def test_ujarnya_after_a_topic_sentence_keeps_the_last_speaker() -> None:
    text = ('"Tersangka sudah kami tahan," kata juru bicara Polda, Kombes Rina Marlina, Senin (20/10).\n\n'
            'Tersangka Joko Susilo mendapat uang Rp 2 miliar dari proyek itu.\n\n'
            '"Uang itu dipakai membeli mobil," ujarnya.')
    quotes = find_quotes(text)
    assert by_start(quotes, "Tersangka sudah").speaker == "Rina Marlina"
    assert by_start(quotes, "Uang itu dipakai").speaker == "Rina Marlina"


def test_cue_before_the_quote() -> None:
    text = 'Menteri Keuangan Sri Wahyuni mengatakan, "Defisit masih terkendali dan aman."'
    q = by_start(find_quotes(text), "Defisit masih")
    assert (q.kind, q.speaker) == ("direct", "Sri Wahyuni")
    assert q.cue == "mengatakan"


def test_cue_in_the_middle_and_continuation_paragraph() -> None:
    text = ('"Harga cabai naik tajam," kata Kepala Dinas Perdagangan Budi Hartono. "Kami akan operasi pasar."\n\n'
            '"Operasi pasar dimulai besok di tiga kecamatan."')
    quotes = find_quotes(text)
    assert by_start(quotes, "Harga cabai").speaker == "Budi Hartono"
    assert by_start(quotes, "Kami akan operasi").speaker == "Budi Hartono"
    assert by_start(quotes, "Operasi pasar dimulai").speaker == "Budi Hartono"


def test_quote_spanning_paragraphs_takes_the_speaker_of_its_end() -> None:
    text = ('Rapat berlangsung hingga malam.\n\n'
            '“Kami tidak akan mundur dari rencana ini.\n\n'
            '“Semua pihak sudah sepakat,” ujar Ketua Panitia Dewi Lestari.')
    quotes = find_quotes(text)
    first = by_start(quotes, "Kami tidak akan mundur")
    assert first.kind == "direct"
    assert first.speaker == "Dewi Lestari"


def test_partial_quote_inside_the_reporters_sentence() -> None:
    text = 'Ketua partai itu, Andi Pratama, menyebut kesepakatan itu sebagai "kesepakatan setan" bagi rakyat.'
    q = by_start(find_quotes(text), "kesepakatan setan")
    assert q.kind == "partial"
    assert q.speaker == "Andi Pratama"


def test_scare_quotes_and_names_are_not_quotes() -> None:
    text = ("Ruangan tengah istana tampak 'disulap' menjadi ruang sidang. Olahraga itu disebut \"paddle\" oleh "
            "warga setempat.")
    assert [q for q in find_quotes(text) if q.kind != "indirect"] == []


def test_indirect_speech_with_bahwa() -> None:
    text = ('Kepala BPS Jawa Tengah Endang Tri Wahyuningsih mengatakan bahwa data sensus menjadi acuan pemerintah '
            'daerah.')
    q = by_start(find_quotes(text), "data sensus menjadi")
    assert (q.kind, q.cue, q.speaker) == ("indirect", "mengatakan", "Endang Tri Wahyuningsih")


def test_indirect_speech_menurut_and_inserted_cue() -> None:
    text = ('Menurut Budi Santoso, harga beras akan turun bulan depan.\n\n'
            'Penurunan itu, kata dia, bergantung pada panen raya.')
    quotes = find_quotes(text)
    q1 = by_start(quotes, "harga beras akan turun")
    assert (q1.kind, q1.speaker) == ("indirect", "Budi Santoso")
    q2 = by_start(quotes, "Penurunan itu, kata dia")
    assert (q2.kind, q2.speaker) == ("indirect", "Budi Santoso")


def test_pronoun_subject_of_indirect_speech() -> None:
    text = ('"Kami siap," kata Direktur Utama PT Sinar Abadi, Rudi Hermawan.\n\n'
            'Ia mengatakan perusahaan akan menambah 500 pekerja tahun depan.')
    q = by_start(find_quotes(text), "perusahaan akan menambah")
    assert q.speaker == "Rudi Hermawan"


def test_title_alone_resolves_to_the_person_who_holds_it() -> None:
    text = ('Kapolres Kota Bogor AKBP Hendra Wijaya mengatakan pelaku sudah ditangkap.\n\n'
            'Sementara itu, warga Andi Saputra mengaku melihat kejadian itu.\n\n'
            '"Pelaku kami jerat pasal berlapis," kata Kapolres.')
    q = by_start(find_quotes(text), "Pelaku kami jerat")
    assert q.speaker == "Hendra Wijaya"


def test_no_speaker_is_invented() -> None:
    text = ('Hujan deras mengguyur kota sejak pagi.\n\n'
            '"Memperdalam kerja sama adalah tren yang harus menjadi perhatian besar bagi siapa pun.')
    q = by_start(find_quotes(text), "Memperdalam kerja sama")
    assert q.kind == "direct"
    assert q.speaker is None


def test_entities_give_canonical_speakers() -> None:
    text = '"Kami akan selalu bersama Rusia," kata Kim.'
    start = text.index("Kim")
    ents = [Entity("Kim", start, start + 3, "PER", "Kim Jong Un")]
    assert by_start(find_quotes(text, ents), "Kami akan selalu").speaker == "Kim Jong Un"


def test_english_cues() -> None:
    text = ('"We will not back down," said Foreign Minister John Smith.\n\n'
            '"The talks are over," he said.\n\n'
            'According to Jane Doe, the agreement is dead.')
    quotes = find_quotes(text, language="en")
    assert by_start(quotes, "We will not").speaker == "John Smith"
    assert by_start(quotes, "The talks are over").speaker == "John Smith"
    q = by_start(quotes, "the agreement is dead")
    assert (q.kind, q.speaker) == ("indirect", "Jane Doe")


def test_empty_text() -> None:
    assert find_quotes("") == []
    assert find_quotes("Tidak ada kutipan di sini.") == []


def test_english_speaker_before_the_verb() -> None:
    text = ('"The bridge will reopen next week," regional transport chief Mariana Tobing said on Friday.\n\n'
            '"We have no other road," Yohanes Kase, a trader from the village, told reporters.\n\n'
            '"It took us four hours," he said.')
    got = [(q.text.split()[0], q.speaker, q.kind) for q in find_quotes(text, language="en")]
    assert ("The", "Mariana Tobing", "direct") in got
    assert ("We", "Yohanes Kase", "direct") in got
    assert ("It", "Yohanes Kase", "direct") in got


# ---------- long records (issue 12: sentences, names and scare quotes are looked up, not scanned) ----------

_STORY = ('Presiden Rusia Vladimir Putin tiba di Pyongyang pada Rabu pagi.\n\n'
          '"Kami akan memperdalam kerja sama kedua negara," kata Putin kepada wartawan.\n\n'
          'Gubernur Jawa Tengah Ahmad Luthfi meninjau pasar murah di Semarang. Luthfi menyebut harga beras '
          '"sudah turun jauh dari bulan lalu" dan meminta warga tenang. Ia mengatakan bahwa stok aman.\n\n'
          "Sebab, kata Luthfi, pasokan dari Demak lancar. Spanduk 'Beras Murah' dipasang di depan pasar.")


def _shifted(quotes: list[Quote], by: int) -> list[tuple]:
    return [(q.text, q.start + by, q.end + by, q.kind, q.cue, q.speaker) for q in quotes]


def _person_entities(text: str) -> list[Entity]:
    out = []
    for name, canonical in (("Vladimir Putin", "Vladimir Putin"), ("Putin", "Vladimir Putin"),
                            ("Ahmad Luthfi", "Ahmad Luthfi"), ("Luthfi", "Ahmad Luthfi")):
        k = text.find(name)
        while k >= 0:
            if not any(e.start <= k < e.end for e in out):
                out.append(Entity(name, k, k + len(name), "PER", canonical))
            k = text.find(name, k + 1)
    return sorted(out, key=lambda e: e.start)


@pytest.mark.parametrize("sep", ["\n\n", " "])  # paragraphs, or one paragraph of thousands of sentences
def test_a_long_record_gives_every_copy_the_quotes_of_one_article(sep: str) -> None:
    story = _STORY.replace("\n\n", sep)
    one = find_quotes(story)
    assert {q.speaker for q in one} == {"Vladimir Putin", "Ahmad Luthfi"}
    assert {q.kind for q in one} == {"direct", "partial", "indirect"}
    copies = 300  # about 130 KB: thousands of sentences and names to look up
    got = find_quotes(sep.join([story] * copies))
    step = len(story) + len(sep)
    assert [(q.text, q.start, q.end, q.kind, q.cue, q.speaker) for q in got] == [
        x for k in range(copies) for x in _shifted(one, k * step)]


def test_a_long_record_with_entities_resolves_speakers_as_one_article() -> None:
    one = find_quotes(_STORY, _person_entities(_STORY))
    long = "\n\n".join([_STORY] * 200)
    got = find_quotes(long, _person_entities(long))
    assert len(got) == 200 * len(one)
    assert [q.speaker for q in got] == [q.speaker for q in one] * 200


@pytest.mark.parametrize(("close", "language"), [("\u201c", "de"), ("\u201d", "pl")])
def test_low_opening_marks_close_with_the_high_ones(close: str, language: str) -> None:
    """German „…“ and Polish „…”: a “ after „ closes the quote (in English “ opens one). Read as an opening, it made
    the reporter's text between two quotes a quote, and the quotes themselves half-open."""
    from kliping.enrich.quote_marks import pair_marks, paragraphs

    text = (f"Der Minister sagte: \u201eWir werden die Steuern nicht erhöhen.{close} Danach verließ er den Saal. "
            f"Die Opposition nannte das \u201eein leeres Versprechen{close}.")
    quoted = [text[s.open + 1:s.close] for s in pair_marks(text, paragraphs(text)) if not s.single]
    assert quoted == ["Wir werden die Steuern nicht erhöhen.", "ein leeres Versprechen"]
    assert all(q.kind != "partial" or "Saal" not in text[q.start:q.end] for q in find_quotes(text, [], language))


@pytest.mark.parametrize(("text", "language", "quoted"), [
    ("Le ministre a déclaré : « Nous ne relèverons pas les impôts. » Puis il est parti.", "fr",
     " Nous ne relèverons pas les impôts. "),
    ("Der Minister sagte: »Wir werden die Steuern nicht erhöhen.« Danach ging er.", "de",
     "Wir werden die Steuern nicht erhöhen."),
    ("Il a ajouté : « C'est ce que j'appelle “une promesse vide”, voilà. » Fin.", "fr",
     " C'est ce que j'appelle “une promesse vide”, voilà. "),
])
def test_guillemets_are_quote_marks_either_way(text: str, language: str, quoted: str) -> None:
    """« … » (French) and » … « (German books and some papers): the first mark says which way they face. A quote
    in curly marks inside them is part of the quote, not a second one."""
    from kliping.enrich.quote_marks import pair_marks, paragraphs

    assert [text[s.open + 1:s.close] for s in pair_marks(text, paragraphs(text)) if not s.single] == [quoted]
    [q] = find_quotes(text, [], language)
    assert q.kind == "direct" and text[q.start:q.end] == quoted.strip()
