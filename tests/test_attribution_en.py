"""English attribution (`enrich.attribution_en`) on sentences written for these tests, in English news style."""

from __future__ import annotations

from kliping.enrich.attribution_en import Attribution, find_attributions, find_quotes_en
from kliping.enrich.quotes import find_quotes
from kliping.model import Entity, Quote


def quote(quotes: list[Quote], words: str) -> Quote:
    """The quote whose text starts with `words`."""
    hits = [q for q in quotes if q.text.startswith(words)]
    assert hits, f"no quote starts with {words!r}: {[q.text for q in quotes]}"
    return hits[0]


def parts(text: str, att: Attribution) -> tuple[str | None, str | None, list[str]]:
    """(source, cue, contents) of an attribution as written in the text."""
    src = text[att.source[0]:att.source[1]] if att.source else None
    cue = text[att.cue[0]:att.cue[1]] if att.cue else None
    return src, cue, [text[a:b] for a, b in att.content]


def test_said_after_the_quote_with_the_speaker_after_the_verb() -> None:
    text = 'The bridge opened on Sunday.\n\n"It took us nine years," said Mayor Clara Wendt, who cut the ribbon.'
    q = quote(find_quotes_en(text), "It took us")
    assert (q.kind, q.cue, q.speaker) == ("direct", "said", "Clara Wendt")
    assert text[q.start:q.end] == q.text == "It took us nine years"


def test_speaker_before_the_verb_with_an_appositive() -> None:
    text = '"No ship leaves tonight," Tomas Reyl, 61, the harbour master of Lindqvist Bay, told reporters.'
    att = find_attributions(text)[0]
    # The source span takes the appositive (as PolNeAR marks it); the speaker is the name in it.
    assert parts(text, att) == ("Tomas Reyl, 61, the harbour master of Lindqvist Bay", "told",
                                ["No ship leaves tonight"])
    assert att.speaker == "Tomas Reyl"


def test_speaker_and_cue_before_the_quote() -> None:
    text = 'Harbour master Tomas Reyl told reporters: "No ship leaves tonight."'
    q = quote(find_quotes_en(text), "No ship leaves")
    assert (q.kind, q.speaker) == ("direct", "Tomas Reyl")


def test_according_to_at_either_end() -> None:
    first = "According to Ingrid Solberg, the channel will reopen on Friday."
    last = "The channel will reopen on Friday, according to Ingrid Solberg."
    for text in (first, last):
        att = find_attributions(text)[0]
        src, cue, content = parts(text, att)
        assert (src, cue.lower() if cue else None) == ("Ingrid Solberg", "according to")
        assert [c.lower() for c in content] == ["the channel will reopen on friday"]
        assert quote(find_quotes_en(text), content[0]).speaker == "Ingrid Solberg"


def test_pronoun_resolves_to_the_last_named_person() -> None:
    text = ('Marek Dunn opened the meeting. Later, Ingrid Solberg addressed the fishermen.\n\n'
            '"We lost two days of work," she said.')
    q = quote(find_quotes_en(text), "We lost two days")
    assert (q.cue, q.speaker) == ("said", "Ingrid Solberg")


def test_short_name_expands_to_the_full_name() -> None:
    text = ('Finance minister Paula Herrera presented the budget.\n\n'
            '"It hurts, but it is necessary," Herrera said.')
    assert quote(find_quotes_en(text), "It hurts").speaker == "Paula Herrera"


def test_indirect_speech_with_the_speaker_first() -> None:
    text = "Finance minister Paula Herrera said the budget would be cut by a tenth next year."
    q = quote(find_quotes_en(text), "the budget")
    assert (q.kind, q.cue, q.speaker) == ("indirect", "said", "Paula Herrera")
    assert q.text == "the budget would be cut by a tenth next year"


def test_indirect_speech_with_the_speaker_last() -> None:
    text = "The budget will be cut by a tenth next year, Paula Herrera said in a statement on Monday."
    att = find_attributions(text)[0]
    assert parts(text, att) == ("Paula Herrera", "said", ["The budget will be cut by a tenth next year"])


def test_participle_adds_a_second_report_by_the_same_speaker() -> None:
    text = "Paula Herrera told the council the tax would stay, adding that fuel prices would fall."
    quotes = find_quotes_en(text)
    assert quote(quotes, "the tax would stay").speaker == "Paula Herrera"
    adding = quote(quotes, "that fuel prices would fall")
    assert (adding.cue, adding.speaker) == ("adding", "Paula Herrera")


def test_quote_broken_by_its_cue_is_one_attribution() -> None:
    text = '"We are ready," he said. "The rest is up to the weather."'
    atts = [a for a in find_attributions(text) if a.kind == "direct"]
    assert len(atts) == 1
    assert parts(text, atts[0])[2] == ["We are ready", "The rest is up to the weather."]


def test_a_quote_paragraph_after_an_attributed_one_keeps_its_speaker() -> None:
    text = ('"The river came at night," Ingrid Solberg said.\n\n'
            '"By morning the road was gone."')
    q = quote(find_quotes_en(text), "By morning")
    assert (q.kind, q.speaker) == ("direct", "Ingrid Solberg")


def test_acts_and_beliefs_are_not_quotes_but_beliefs_are_attributions() -> None:
    text = ("The regency declared a state of emergency on Monday. "
            "Ingrid Solberg believes the harbour will recover within a year. "
            "She declined to say whether the plan would change.")
    assert find_quotes_en(text) == []
    beliefs = [parts(text, a) for a in find_attributions(text)]
    assert ("Ingrid Solberg", "believes", ["the harbour will recover within a year"]) in beliefs


def test_unnamed_speakers_give_no_indirect_quote() -> None:
    text = "Local officials said the water had receded by noon."
    att = find_attributions(text)[0]
    assert parts(text, att)[:2] == ("Local officials", "said")
    assert att.speaker is None
    assert find_quotes_en(text) == []


def test_person_entities_give_the_canonical_speaker() -> None:
    text = '"We will rebuild," said Clara Wendt.'
    start = text.index("Clara")
    ents = [Entity(text="Clara Wendt", start=start, end=start + 11, type="PER", canonical="Clara M. Wendt")]
    assert quote(find_quotes_en(text, ents), "We will rebuild").speaker == "Clara M. Wendt"


def test_find_quotes_sends_english_to_these_rules() -> None:
    text = "The budget will be cut by a tenth next year, Paula Herrera said in a statement on Monday."
    assert find_quotes(text, language="en") == find_quotes_en(text)
    assert quote(find_quotes(text, language="en"), "The budget").speaker == "Paula Herrera"


def test_offsets_point_into_the_text() -> None:
    text = ('Ingrid Solberg addressed the fishermen.\n\n"We lost two days," she said, "and maybe more."\n\n'
            "The channel will reopen on Friday, according to Ingrid Solberg.")
    for att in find_attributions(text):
        for a, b in [*att.content, *(s for s in (att.source, att.cue) if s)]:
            assert 0 <= a < b <= len(text)
    for q in find_quotes_en(text):
        assert text[q.start:q.end] == q.text


def test_second_verb_of_the_same_subject_keeps_the_speaker() -> None:
    text = ("Paula Herrera told the council the tax would stay and said the harbour fees would rise in spring.")
    quotes = find_quotes_en(text)
    assert quote(quotes, "the harbour fees").speaker == "Paula Herrera"
    atts = find_attributions(text)
    second = [a for a in atts if text[a.content[0][0]:].startswith("the harbour")]
    assert second and second[0].source == atts[0].source  # one source span for both reports, as PolNeAR links it


def test_speaker_and_verb_set_off_by_commas() -> None:
    text = "Back in March, Ingrid Solberg said, the harbour had already lost half its boats."
    att = find_attributions(text)[0]
    src, cue, content = parts(text, att)
    assert (src, cue) == ("Ingrid Solberg", "said")
    assert content[-1] == "the harbour had already lost half its boats"


def test_a_fragment_quoted_inside_reported_speech_is_partial() -> None:
    text = 'Paula Herrera said the new levy was "a fair price" for cleaner water.'
    quotes = find_quotes_en(text)
    assert quote(quotes, "the new levy").kind == "indirect"
    frag = quote(quotes, "a fair price")
    assert (frag.kind, frag.speaker) == ("partial", "Paula Herrera")


def test_passive_report_has_no_source_and_an_adverb_is_skipped() -> None:
    text = ("Ingrid Solberg was asked whether the harbour would reopen before the storm season. "
            "Paula Herrera initially said the levy would be dropped after a year.")
    atts = {parts(text, a)[1]: a for a in find_attributions(text)}
    assert atts["was asked"].source is None  # the one asked is not the one speaking
    assert parts(text, atts["said"])[0] == "Paula Herrera"
    assert quote(find_quotes_en(text), "the levy").speaker == "Paula Herrera"


def test_trailing_speaker_then_a_quoted_second_report() -> None:
    text = ('The ferry will run again next week, Ingrid Solberg said, adding, "They need to sit down and talk."')
    quotes = find_quotes_en(text)
    assert quote(quotes, "The ferry will run").speaker == "Ingrid Solberg"
    q = quote(quotes, "They need to sit")
    assert (q.kind, q.cue, q.speaker) == ("direct", "adding", "Ingrid Solberg")


def test_reported_clause_before_a_quote_of_the_same_speaker() -> None:
    text = 'Paula Herrera said the levy would stay, saying, "We cannot build the dyke without it."'
    quotes = find_quotes_en(text)
    assert quote(quotes, "the levy would stay").speaker == "Paula Herrera"
    assert quote(quotes, "We cannot build").speaker == "Paula Herrera"


def test_told_a_crowd_somewhere_that_the_content_follows_the_that() -> None:
    # A long hearer phrase (who, where, when) before "that": the content is the clause "that" opens (with "that", as
    # PolNeAR marks it), not the crowd.
    text = ("Governor Ellen Marsh is telling a packed crowd in rainy Dover, Delaware, on the campaign's final day that "
            "she remembers little of her first race.")
    att = find_attributions(text)[0]
    assert parts(text, att) == ("Governor Ellen Marsh", "telling",
                                ["that she remembers little of her first race"])
