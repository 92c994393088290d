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
