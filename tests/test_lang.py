from kliping.lang.detect import detect_language
from kliping.lang.sentences import sentences


def test_indonesian_english_malay() -> None:
    text = "Pemerintah kabupaten membuka tiga posko darurat bagi para pengungsi banjir, kata bupati."
    assert detect_language(text) == "id"
    assert detect_language("The regional government opened three emergency shelters for flood victims.") == "en"
    assert detect_language("Perdana Menteri berkata kerajaan akan memaklumkan keputusan itu kepada rakyat "
                           "Malaysia minggu depan.") == "ms"


def test_sentences_survive_abbreviations() -> None:
    s = sentences("Dr. Ir. H. Agus Salim, M.Si. tiba di Jl. Merdeka No. 5 pukul 10.30 WIB. Ia disambut warga. "
                  "\"Kami siap,\" katanya.")
    assert s == ["Dr. Ir. H. Agus Salim, M.Si. tiba di Jl. Merdeka No. 5 pukul 10.30 WIB.", "Ia disambut warga.",
                 "\"Kami siap,\" katanya."]


def test_english_sentences_survive_titles_and_months() -> None:
    # A title before a name and a month before its day end no English sentence (summary sentences were cut at
    # "Vermont Sen." on US political news); a time's "p.m." before the weekday neither.
    text = ("Clinton leads Vermont Sen. Bernie Sanders by five points. Page had a heart attack on Dec. 2 and died. "
            "The game starts at 3:30 p.m. Saturday at Qwest Field.")
    assert sentences(text, "en") == ["Clinton leads Vermont Sen. Bernie Sanders by five points.",
                                     "Page had a heart attack on Dec. 2 and died.",
                                     "The game starts at 3:30 p.m. Saturday at Qwest Field."]


def test_english_abbreviations_leave_indonesian_alone() -> None:
    # "sen" is an Indonesian word (a cent) that can end a sentence.
    assert sentences("Harga naik lima sen. Pedagang mengeluh.", "id") == ["Harga naik lima sen.", "Pedagang mengeluh."]
