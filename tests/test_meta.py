from kliping.clean.meta import cited_in, outlet_from_url, parse_byline, parse_published


def test_published_forms() -> None:
    assert parse_published("Thursday, 14 September 2023 - 13:15 WIB") == "2023-09-14T13:15:00+07:00"
    assert parse_published("Selasa, 04 Mar 2025 09:15 WITA") == "2025-03-04T09:15:00+08:00"
    assert parse_published("Kamis, 14/09/2023 20:05 WIT") == "2023-09-14T20:05:00+09:00"
    assert parse_published("Rabu, 19 Juni 2024") == "2024-06-19"
    assert parse_published("tidak ada tanggal di sini") is None


def test_bylines() -> None:
    assert parse_byline("Editor: AbdiTumanggor") == [("AbdiTumanggor", "editor")]
    assert parse_byline("- Redaksi") == [("Redaksi", "author")]
    assert parse_byline("Penulis: A. Rahman | Editor: Sinta") == [("A. Rahman", "author"), ("Sinta", "editor")]


def test_cited_sources() -> None:
    text = ("Dilansir kantor berita Korut, KCNA, Kim bertemu Putin. Hal itu dikutip dari siaran berita Voice of "
            "America (VoA). Menurut laporan Reuters, pertemuan berlangsung lama.")
    assert cited_in(text) == ["KCNA", "Voice of America", "Reuters"]


def test_outlet_from_url() -> None:
    assert outlet_from_url("https://news.detik.com/berita/d-1/x") == "detik.com"
    assert outlet_from_url("https://www.tribunnews.co.id/a") == "tribunnews.co.id"
    assert outlet_from_url("not a url") is None


def test_the_outlet_of_a_url_is_its_registered_domain_by_the_public_suffix_list() -> None:
    assert outlet_from_url("https://news.detik.com/berita/d-1") == "detik.com"
    assert outlet_from_url("https://m.antaranews.com/x") == "antaranews.com"
    assert outlet_from_url("https://www.jatimprov.go.id/berita") == "jatimprov.go.id"
    # a suffix the hand-written list did not know: each blog is its own outlet, not "blogspot.com"
    assert outlet_from_url("https://emacspeak.blogspot.com/2019/10/x.html") == "emacspeak.blogspot.com"
    assert outlet_from_url("https://www.osw.waw.pl/pl/publikacje") == "osw.waw.pl"
    assert outlet_from_url("http://10.0.0.1/berita") is None and outlet_from_url("localhost/x") is None
