"""Speaker coreference within an article (issue 17 §1), one test per kind, on sentences invented for these tests:
every person, party, regulation and report below is fictional."""

from __future__ import annotations

from kliping.enrich.quotes import find_quotes
from kliping.enrich.speakers import Cast, RoleBook, read_source, spelling_key
from kliping.model import Entity, Quote


def speaker_of(text: str, starts: str, entities: list[Entity] | None = None) -> str | None:
    quotes: list[Quote] = find_quotes(text, entities or [])
    hits = [q for q in quotes if q.text.startswith(starts)]
    assert hits, f"no quote starts with {starts!r}: {[q.text for q in quotes]}"
    return hits[0].speaker


# ---------- the fullest name ----------

def test_acronym_of_a_full_name_given_earlier() -> None:
    text = ("Mantan presiden Surya Bintang Yuwono menghadiri peresmian waduk di Kabupaten Lereng Hijau.\n\n"
            '"Waduk ini akan mengairi ribuan hektare sawah," kata SBY dalam sambutannya.')
    assert speaker_of(text, "Waduk ini akan") == "Surya Bintang Yuwono"


def test_acronym_leaving_out_a_first_initial() -> None:
    text = ("Wakil Ketua MPR M Hidayat Nur Wahyudi menanggapi rencana pertandingan itu.\n\n"
            '"Kita harus konsisten dengan konstitusi," ujar HNW dalam keterangannya.')
    assert speaker_of(text, "Kita harus konsisten") == "M Hidayat Nur Wahyudi"


def test_acronym_with_the_tagger_entities() -> None:
    """With PER entities the acronym is its own entity ('SBY'): it still resolves to the full name."""
    text = ("Mantan presiden Surya Bintang Yuwono menghadiri peresmian waduk.\n\n"
            '"Waduk ini akan mengairi sawah," kata SBY dalam sambutannya.')
    full, short = text.index("Surya"), text.index("SBY")
    ents = [Entity("Surya Bintang Yuwono", full, full + 20, "PER", "Surya Bintang Yuwono"),
            Entity("SBY", short, short + 3, "PER", "SBY")]
    assert speaker_of(text, "Waduk ini akan", ents) == "Surya Bintang Yuwono"


def test_honorific_with_part_of_a_name() -> None:
    text = ("Wali Kota Surabaya Tri Rismawulan meninjau banjir di Kelurahan Sukamaju, Senin (3/3).\n\n"
            '"Pompa air harus menyala sampai pagi," ujar Bu Risma kepada petugas.\n\n'
            "Ketua DPRD Surabaya Muhaimin Sulaksono ikut meninjau lokasi.\n\n"
            '"Anggaran darurat sudah kami siapkan," kata Cak Imin.\n\n'
            "Camat Sukamaju, Budi Santoso, mendampingi keduanya.\n\n"
            '"Warga sudah kami ungsikan ke balai desa," kata Pak Budi.')
    assert speaker_of(text, "Pompa air harus") == "Tri Rismawulan"
    assert speaker_of(text, "Anggaran darurat sudah") == "Muhaimin Sulaksono"
    assert speaker_of(text, "Warga sudah kami") == "Budi Santoso"


def test_familiar_name_spelled_with_f_for_p() -> None:
    """'Gus Ipul' is cut from Saifullah, whose f is a p in the familiar form."""
    text = ("Gubernur Jawa Timur Saifullah Rahmat membuka pasar murah.\n\n"
            '"Harga beras harus turun bulan ini," kata Gus Ipul di lokasi.')
    assert speaker_of(text, "Harga beras harus") == "Saifullah Rahmat"


def test_first_and_last_name_forms() -> None:
    text = ("Kepala Dinas Pertanian Hendra Wicaksono mengunjungi petani di Desa Sukamaju.\n\n"
            '"Pupuk bersubsidi datang minggu depan," kata Wicaksono.\n\n'
            '"Kami juga menyiapkan benih unggul," kata Hendra.')
    assert speaker_of(text, "Pupuk bersubsidi datang") == "Hendra Wicaksono"
    assert speaker_of(text, "Kami juga menyiapkan") == "Hendra Wicaksono"


def test_shortened_first_name() -> None:
    text = ("Direktur Utama PT Kapal Nusantara, Rahmawati Kusumadewi, meresmikan galangan baru.\n\n"
            '"Galangan ini menyerap 300 pekerja," kata Rahma di Surabaya.')
    assert speaker_of(text, "Galangan ini menyerap") == "Rahmawati Kusumadewi"


def test_nickname_spelled_two_ways_in_one_article() -> None:
    text = ("Kepala Desa Sukamaju, Soeprapto Wirojoyo, mengatakan panen padi tahun ini melimpah.\n\n"
            '"Hasilnya naik dua kali lipat," kata Suprapto.\n\n'
            "Sekretaris desa, Syamsul Bahri, menambahkan bahwa lumbung desa sudah penuh sejak bulan lalu.\n\n"
            '"Kami perlu gudang baru," ujar Samsul.')
    assert speaker_of(text, "Hasilnya naik dua") == "Soeprapto Wirojoyo"
    assert speaker_of(text, "Kami perlu gudang") == "Syamsul Bahri"


def test_an_ambiguous_short_form_is_not_guessed() -> None:
    text = ("Camat Budi Santoso dan Lurah Budi Hartono meninjau tanggul.\n\n"
            '"Tanggul ini harus ditinggikan," kata Pak Budi.')
    assert speaker_of(text, "Tanggul ini harus") not in ("Budi Santoso", "Budi Hartono")


def test_cast_rules_directly() -> None:
    cast = Cast([(0, "Surya Bintang Yuwono"), (40, "Tri Rismawulan"), (80, "Andika Pratama")])
    assert cast.fullest("SBY") == "Surya Bintang Yuwono"
    assert cast.fullest("Bu Risma") == "Tri Rismawulan"
    assert cast.fullest("Andi") == "Andi"  # four letters: too short a cut to be Andika's without an honorific
    assert spelling_key("Soeharto") == spelling_key("Suharto")


# ---------- sources that are not people ----------

def test_regulation_as_source() -> None:
    text = ("Pemerintah mewajibkan pelaporan stok beras setiap bulan.\n\n"
            '"Setiap badan usaha wajib melaporkan stok setiap bulan," bunyi Pasal 5 ayat (2) Perpres Nomor 12 '
            "Tahun 2025 tentang Cadangan Pangan.")
    assert speaker_of(text, "Setiap badan usaha") == "Pasal 5 ayat (2) Perpres Nomor 12 Tahun 2025"


def test_document_and_report_as_source_and_pointed_back_at() -> None:
    text = ("Menteri Keuangan Sri Wahyuni menyiapkan anggaran subsidi pupuk tahun depan.\n\n"
            '"Subsidi pupuk naik 12 persen dibanding tahun ini," tulis dokumen Rencana Kerja Pemerintah 2026 '
            "yang dirilis Senin (4/8).\n\n"
            '"Kenaikan itu mengikuti harga gas dunia," ungkap dokumen tersebut.\n\n'
            '"Penyaluran dilakukan lewat kartu tani," jelasnya.\n\n'
            '"Inflasi tahunan mencapai 2,1 persen," tulis laporan BPS.')
    assert speaker_of(text, "Subsidi pupuk naik") == "Rencana Kerja Pemerintah 2026"
    assert speaker_of(text, "Kenaikan itu mengikuti") == "Rencana Kerja Pemerintah 2026"
    assert speaker_of(text, "Penyaluran dilakukan lewat") == "Rencana Kerja Pemerintah 2026"
    assert speaker_of(text, "Inflasi tahunan mencapai") == "BPS"


def test_organisation_statement_as_source() -> None:
    text = ("Seorang pekerja migran asal Lombok dipulangkan pekan ini.\n\n"
            '"Seluruh biaya pemulangan ditanggung negara," demikian keterangan resmi KBRI Kuala Lumpur.\n\n'
            "Mahasiswa menolak rencana kenaikan uang kuliah.\n\n"
            '"Kami menolak kenaikan ini," tulis BEM Universitas Tirtamulya dalam pernyataan sikapnya.')
    assert speaker_of(text, "Seluruh biaya pemulangan") == "KBRI Kuala Lumpur"
    assert speaker_of(text, "Kami menolak kenaikan") == "BEM Universitas Tirtamulya"


def test_publication_and_student_body_statement_as_sources() -> None:
    text = ("Sebuah studi baru menyoroti polusi udara di kota besar.\n\n"
            '"Paparan jangka panjang menaikkan risiko asma," tulis jurnal Kesehatan Tropika dalam edisi terbarunya.\n\n'
            "Mahasiswa juga bersuara soal kebijakan itu.\n\n"
            '"Kampus harus terbuka soal anggaran," demikian pernyataan sikap BEM Universitas Indonesia.')
    assert speaker_of(text, "Paparan jangka panjang") == "Kesehatan Tropika"
    assert speaker_of(text, "Kampus harus terbuka") == "BEM Universitas Indonesia"


def test_honorific_kang_with_a_first_name() -> None:
    text = ("Gubernur Jawa Barat Dedi Mulyawan meninjau jalan rusak di Bandung.\n\n"
            '"Perbaikan selesai sebelum Lebaran," kata Kang Dedi kepada wartawan.')
    assert speaker_of(text, "Perbaikan selesai sebelum") == "Dedi Mulyawan"


def test_institution_nickname_as_its_fullest_name() -> None:
    text = ("Kejaksaan Negeri Lereng Hijau menahan seorang kepala dinas. Kejaksaan Negeri Lereng Hijau menyita "
            "dua mobil.\n\nKorps Adhyaksa menegaskan bahwa penahanan dilakukan sesuai prosedur hukum yang berlaku.")
    quotes = find_quotes(text)
    assert [q.speaker for q in quotes if q.kind == "indirect"] == ["Kejaksaan Negeri Lereng Hijau"]


def test_read_source_directly() -> None:
    assert read_source(" laporan terbaru BPS.") is not None
    src = read_source(" keterangan tertulis dari BEM Universitas Tirtamulya, Senin.")
    assert src is not None and src.name == "BEM Universitas Tirtamulya"
    back = read_source(" dokumen tersebut.")
    assert back is not None and (back.name, back.noun) == (None, "dokumen")
    assert read_source(" Peraturan itu berlaku") is None  # a lone head is no citation
    assert read_source(" wartawan di Jakarta") is None


# ---------- roles ----------

def test_role_noun_to_the_right_person_among_several() -> None:
    text = ("Sekjen Partai Maju Bersama, Budi Hartono, dan Wakil Sekjen Partai Maju Bersama, Rina Kusuma, hadir "
            "dalam rapat.\n\n"
            "Budi Hartono mengatakan partai siap mengikuti pemilu daerah tahun depan.\n\n"
            "Rina Kusuma menyebut kader muda akan diberi tempat lebih banyak.\n\n"
            '"Kami akan membuka pendaftaran calon bulan depan," kata Wakil Sekjen partai itu.\n\n'
            '"Semua kader boleh mendaftar," kata Sekjen partai itu.')
    assert speaker_of(text, "Kami akan membuka") == "Rina Kusuma"
    assert speaker_of(text, "Semua kader boleh") == "Budi Hartono"


def test_role_book_prefers_the_exact_role() -> None:
    book = RoleBook({"wakil", "sekjen", "ketua"})
    book.add(0, ["Sekjen"], "Budi Hartono")
    book.add(10, ["Wakil Sekjen"], "Rina Kusuma")
    assert book.holder(["sekjen"], 50) == "Budi Hartono"
    assert book.holder(["wakil", "sekjen"], 50) == "Rina Kusuma"
    assert book.holder(["ketua"], 50) is None


def test_described_person_named_by_initials() -> None:
    text = ("Polisi menangkap pengemudi truk yang menerobos palang kereta. Pengemudi truk itu berinisial JS (40), "
            "warga Desa Sukamaju.\n\n"
            '"Saya tidak melihat palangnya," ujar pengemudi truk dalam video yang beredar.')
    assert speaker_of(text, "Saya tidak melihat") == "JS"


# ---------- how the speaker phrase is read ----------

def test_a_tagged_person_after_ke_is_no_place() -> None:
    """'Kembali ke Rofiq' (back to Rofiq) put 'Rofiq' among place words; the tagger says it is a person."""
    text = ("Direktur Anggaran Rofiq Santosa menjelaskan rencana belanja.\n\n"
            "Kembali ke Rofiq, dia menyebut belanja pegawai tetap.\n\n"
            '"Belanja pegawai tidak naik tahun depan," kata Rofiq kepada wartawan.')
    full, short = text.index("Rofiq Santosa"), [i for i in range(len(text)) if text.startswith("Rofiq", i)]
    ents = [Entity("Rofiq Santosa", full, full + 13, "PER", "Rofiq Santosa")]
    ents += [Entity("Rofiq", i, i + 5, "PER", "Rofiq Santosa") for i in short[1:]]
    assert speaker_of(text, "Belanja pegawai tidak", ents) == "Rofiq Santosa"


def test_acting_title_with_a_period_and_the_side_of_an_institution() -> None:
    text = ('"Penerimaan negara naik 18 persen," ujar Plt. Direktur Jenderal Imigrasi Yuda Pratama di Jakarta.\n\n'
            '"Kesepakatan dagang itu sudah diumumkan," ungkap pihak Gedung Putih di situs resminya.')
    assert speaker_of(text, "Penerimaan negara naik") == "Yuda Pratama"
    assert speaker_of(text, "Kesepakatan dagang itu") == "Gedung Putih"


def test_a_description_refers_back_like_a_pronoun_and_a_study_is_a_source() -> None:
    text = ("Menteri Pendidikan Abdul Muis mengatakan makan siang gratis akan dimasak di sekolah.\n\n"
            '"Dapur sekolah akan dibuka bertahap," ujar pria kelahiran Jawa Tengah ini.\n\n'
            '"Debu jalan mempercepat pelapukan candi," tulis studi Universitas Gadjah Mada.\n\n'
            '"Partikel halus masuk ke pori batu," catat studi tersebut.')
    assert speaker_of(text, "Dapur sekolah akan") == "Abdul Muis"
    assert speaker_of(text, "Debu jalan mempercepat") == "Universitas Gadjah Mada"
    assert speaker_of(text, "Partikel halus masuk") == "Universitas Gadjah Mada"


def test_the_lawyer_of_a_named_party_is_not_the_party() -> None:
    text = ("Terdakwa Hendra Wijaya membacakan pleidoi di Pengadilan Tipikor Jakarta.\n\n"
            '"Saya tidak bersalah," kata Hendra.\n\n'
            "Kuasa hukum Hendra, Sinta Maharani, meminta hakim membebaskan kliennya.\n\n"
            '"Dakwaan jaksa tidak terbukti," kata kuasa hukum Hendra.')
    assert speaker_of(text, "Saya tidak bersalah") == "Hendra Wijaya"
    assert speaker_of(text, "Dakwaan jaksa tidak") == "Sinta Maharani"


def test_the_lawyer_named_after_the_party_in_the_cue() -> None:
    text = ("Penyanyi Lusi Marlina ditetapkan sebagai tersangka pencemaran nama baik.\n\n"
            '"Klien kami siap menghadapi proses hukum," kata pengacara Lusi, Joni Sitompul, kepada wartawan.')
    assert speaker_of(text, "Klien kami siap") == "Joni Sitompul"
