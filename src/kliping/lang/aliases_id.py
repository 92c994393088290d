"""Curated alias data for canonical entities: what no maintained package holds.

Country and territory names in Indonesian and English come from pycountry and Babel (see `enrich/aliases.py`);
this module only adds what those packages lack: the abbreviations and nicknames of the Indonesian press (Korut,
AS, RRT, Negeri Paman Sam), organisations and agencies with their Indonesian and English forms, the role and title
words that precede a person's name, and a few well-known people whose romanisation varies between outlets.
Written from the seed articles (`../shared/seeds`) and the habits of Indonesian news; everything here is data.
"""

from __future__ import annotations

# ---------- countries: forms the packages lack ----------
# ISO 3166 / CLDR territory code -> extra forms. Babel and pycountry already give "Korea Utara", "North Korea",
# "Democratic People's Republic of Korea", "Amerika Serikat", "United States of America", "Rusia", "Tiongkok"...
# pycountry's Indonesian official name for KP is "Republik Demokrat Rakyat Korea"; the press writes "Demokratik".
COUNTRY_FORMS: dict[str, list[str]] = {
    "KP": ["Korut", "DPRK", "Republik Demokratik Rakyat Korea", "Korea Utara", "North Korea", "N. Korea"],
    "KR": ["Korsel", "ROK", "Republik Korea", "Korea Selatan", "South Korea", "S. Korea"],
    "US": ["AS", "A.S.", "US", "U.S.", "USA", "U.S.A.", "Amerika", "America", "Paman Sam", "Negeri Paman Sam", "Amerika Serikat"],
    "RU": ["Federasi Rusia", "Rusia", "Russia", "Negeri Beruang Merah"],
    "CN": ["RRT", "RRC", "PRC", "Republik Rakyat Tiongkok", "Republik Rakyat China", "Republik Rakyat Cina", "Tiongkok", "China", "Cina", "Negeri Tirai Bambu"],
    "TW": ["Republik China", "Republic of China", "ROC"],
    "ID": ["RI", "NKRI", "Republik Indonesia", "Negara Kesatuan Republik Indonesia"],
    "JP": ["Jepang", "Japan", "Negeri Sakura", "Negeri Matahari Terbit"],
    "GB": ["Inggris", "Britania", "Britania Raya", "UK", "U.K.", "Great Britain", "Britain"],
    "AE": ["UEA", "UAE", "Uni Emirat Arab", "Emirat Arab"],
    "SA": ["Arab Saudi", "Saudi", "Saudi Arabia"],
    "PS": ["Palestina", "Palestine", "Negara Palestina"],
    "VA": ["Vatikan", "Takhta Suci", "Holy See", "Vatican"],
    "MM": ["Myanmar", "Burma"],
    "TL": ["Timor Leste", "Timor-Leste", "RDTL"],
    "CD": ["Republik Demokratik Kongo", "Kongo Kinshasa", "DR Congo", "DRC"],
    "CG": ["Republik Kongo", "Kongo Brazzaville"],
    "CZ": ["Ceko", "Republik Ceko", "Czech Republic"],
    "CI": ["Pantai Gading", "Ivory Coast"],
    "NL": ["Belanda", "Holland", "Netherlands"],
    "FR": ["Prancis", "Perancis", "France"],
    "DE": ["Jerman", "Germany"],
    "MY": ["Malaysia", "Negeri Jiran"],
    "SG": ["Singapura", "Negeri Singa"],
    "AU": ["Australia", "Negeri Kanguru"],
    "PH": ["Filipina", "Philippines"],
    "NZ": ["Selandia Baru", "New Zealand"],
    "UA": ["Ukraina", "Ukraine"],
    "TR": ["Turki", "Turkey", "Türkiye"],
    "IR": ["Iran"],
    "SY": ["Suriah", "Syria"],
    "IL": ["Israel"],
}

# The canonical name of a territory is Babel's Indonesian name (this is an Indonesian-first product), except where
# the Indonesian press uses another form of the same country or the code is an organisation.
CANONICAL_OVERRIDES: dict[str, str] = {
    "GB": "Inggris",  # Babel: "Inggris Raya"; the press says "Inggris" for the United Kingdom
    "MM": "Myanmar",  # Babel: "Myanmar (Burma)"
    "PS": "Palestina",  # Babel: "Wilayah Palestina"
    "CD": "Republik Demokratik Kongo",  # Babel: "Kongo - Kinshasa"
    "CG": "Republik Kongo",  # Babel: "Kongo - Brazzaville"
    "CI": "Pantai Gading",  # Babel: "Côte d’Ivoire"
    "UN": "PBB",  # Babel lists the United Nations as a territory; it is the organisation below
    "EU": "Uni Eropa",
    "019": "Benua Amerika",  # Babel: "Amerika" (the Americas); in the press "Amerika" alone is the United States
}

# Territory codes not worth an alias (CLDR placeholders).
SKIPPED_TERRITORIES = frozenset({"ZZ", "QO", "EZ"})

# Places that are not countries: Indonesian provinces the press abbreviates (pycountry gives the full names, ISO
# 3166-2:ID) and regions in the news that CLDR's region list lacks.
PLACE_FORMS: dict[str, list[str]] = {
    "Timur Tengah": ["Middle East"], "Semenanjung Korea": ["Korean Peninsula"],
    "Laut China Selatan": ["Laut Cina Selatan", "Laut Tiongkok Selatan", "LCS", "South China Sea"],
    "Jalur Gaza": ["Gaza", "Gaza Strip"], "Tepi Barat": ["West Bank"], "Krimea": ["Crimea", "Krimea"],
    "Jakarta": ["DKI", "DKI Jakarta", "Jakarta Raya", "Daerah Khusus Ibukota Jakarta"],
    "Jawa Barat": ["Jabar"], "Jawa Tengah": ["Jateng"], "Jawa Timur": ["Jatim"],
    "Yogyakarta": ["DIY", "Daerah Istimewa Yogyakarta", "Jogja", "Yogya"],
    "Sumatera Utara": ["Sumut"], "Sumatera Barat": ["Sumbar"], "Sumatera Selatan": ["Sumsel"],
    "Sulawesi Selatan": ["Sulsel"], "Sulawesi Utara": ["Sulut"], "Sulawesi Tengah": ["Sulteng"], "Sulawesi Tenggara": ["Sultra"], "Sulawesi Barat": ["Sulbar"],
    "Kalimantan Barat": ["Kalbar"], "Kalimantan Timur": ["Kaltim"], "Kalimantan Selatan": ["Kalsel"], "Kalimantan Tengah": ["Kalteng"], "Kalimantan Utara": ["Kaltara"],
    "Nusa Tenggara Barat": ["NTB"], "Nusa Tenggara Timur": ["NTT"], "Kepulauan Riau": ["Kepri"], "Kepulauan Bangka Belitung": ["Babel", "Bangka Belitung"],
    "Maluku Utara": ["Malut"],
    "Papua Pegunungan": ["Papua Pengunungan"],  # pycountry 26.2.16 spells it "Pengunungan"
}

# A capital standing for its government ("Moskow dan Pyongyang sepakat"). Applied only to mentions the tagger
# typed ORG (the actor reading); a LOC "Pyongyang" stays the city.
CAPITAL_METONYMS: dict[str, list[str]] = {
    "KP": ["Pyongyang"], "KR": ["Seoul"], "RU": ["Moskow", "Moscow"], "US": ["Washington"],
    "CN": ["Beijing", "Peking"], "JP": ["Tokyo"], "UA": ["Kyiv", "Kiev"], "GB": ["London"],
    "IL": ["Tel Aviv", "Yerusalem"], "IR": ["Teheran", "Tehran"], "ID": ["Jakarta"],
}

# ---------- organisations ----------
# Canonical name -> other forms (Indonesian, English, abbreviations). The canonical is the form the Indonesian press
# uses most: the acronym where that is how the body is known ("PBB", "KPK"), the name otherwise ("Bank Indonesia").
ORGANISATIONS: dict[str, list[str]] = {
    # news agencies and outlets cited as sources
    "KCNA": ["Korean Central News Agency", "Kantor Berita Pusat Korea"],
    "AFP": ["Agence France-Presse", "Agence France Presse"],
    "Reuters": ["Thomson Reuters"],
    "AP": ["Associated Press"],
    "Antara": ["ANTARA", "Kantor Berita Antara", "LKBN Antara", "Antaranews", "Antara News"],
    "Xinhua": ["Kantor Berita Xinhua"], "Yonhap": ["Kantor Berita Yonhap"], "TASS": ["Kantor Berita TASS"],
    "Kyodo": ["Kyodo News"], "RIA Novosti": ["RIA"], "BBC": ["British Broadcasting Corporation"], "CNN": [],
    "Al Jazeera": ["Aljazeera"], "Bloomberg": [],
    "Voice of America": ["VOA", "VoA"],
    # international bodies
    "PBB": ["Perserikatan Bangsa-Bangsa", "United Nations", "UN", "U.N.", "Persatuan Bangsa-Bangsa"],
    "Dewan Keamanan PBB": ["DK PBB", "Dewan Keamanan", "UN Security Council", "UNSC", "Security Council"],
    "NATO": ["Pakta Pertahanan Atlantik Utara", "North Atlantic Treaty Organization"],
    "ASEAN": ["Perhimpunan Bangsa-Bangsa Asia Tenggara", "Association of Southeast Asian Nations"],
    "Uni Eropa": ["European Union", "EU"],
    "IMF": ["Dana Moneter Internasional", "International Monetary Fund"],
    "Bank Dunia": ["World Bank"],
    "WHO": ["Organisasi Kesehatan Dunia", "World Health Organization"],
    "WTO": ["Organisasi Perdagangan Dunia", "World Trade Organization"],
    "IAEA": ["Badan Energi Atom Internasional", "International Atomic Energy Agency"],
    "UNICEF": [], "UNESCO": [], "UNHCR": ["Badan Pengungsi PBB"],
    "ICC": ["Mahkamah Pidana Internasional", "International Criminal Court"],
    "ICJ": ["Mahkamah Internasional", "International Court of Justice"],
    "OKI": ["Organisasi Kerja Sama Islam", "Organization of Islamic Cooperation", "OIC"],
    "G20": ["G-20", "Group of Twenty"], "G7": ["G-7", "Group of Seven"], "BRICS": [], "OPEC": [], "APEC": [],
    "Palang Merah Internasional": ["ICRC", "International Committee of the Red Cross", "Komite Internasional Palang Merah"],
    # foreign governments' seats and departments the press names as actors
    "Gedung Putih": ["White House"],
    "Kremlin": [],
    "Pentagon": ["Departemen Pertahanan AS", "US Department of Defense"],
    "Departemen Luar Negeri AS": ["Deplu AS", "State Department", "US State Department", "Kementerian Luar Negeri AS"],
    # Indonesian state bodies
    "KPK": ["Komisi Pemberantasan Korupsi"],
    "DPR": ["Dewan Perwakilan Rakyat", "DPR RI"],
    "MPR": ["Majelis Permusyawaratan Rakyat", "MPR RI"],
    "DPD": ["Dewan Perwakilan Daerah", "DPD RI"],
    "TNI": ["Tentara Nasional Indonesia"],
    "Polri": ["POLRI", "Kepolisian Negara Republik Indonesia", "Kepolisian RI", "Mabes Polri"],
    "BMKG": ["Badan Meteorologi, Klimatologi, dan Geofisika", "Badan Meteorologi Klimatologi dan Geofisika"],
    "BPBD": ["Badan Penanggulangan Bencana Daerah"],
    "BNPB": ["Badan Nasional Penanggulangan Bencana"],
    "Basarnas": ["Badan SAR Nasional", "Badan Nasional Pencarian dan Pertolongan"],
    "OJK": ["Otoritas Jasa Keuangan"],
    "Bank Indonesia": ["BI"],
    "KPU": ["Komisi Pemilihan Umum"],
    "Bawaslu": ["Badan Pengawas Pemilihan Umum", "Badan Pengawas Pemilu"],
    "Mahkamah Konstitusi": ["MK"],
    "Mahkamah Agung": ["MA"],
    "Kejaksaan Agung": ["Kejagung"],
    "BPK": ["Badan Pemeriksa Keuangan"],
    "BPS": ["Badan Pusat Statistik"],
    "BNN": ["Badan Narkotika Nasional"],
    "BNPT": ["Badan Nasional Penanggulangan Terorisme"],
    "BIN": ["Badan Intelijen Negara"],
    "BRIN": ["Badan Riset dan Inovasi Nasional"],
    "Kementerian Luar Negeri": ["Kemlu", "Kemenlu", "Kemlu RI", "Deplu"],
    "Kementerian Keuangan": ["Kemenkeu"],
    "Kementerian Pertahanan": ["Kemhan", "Kemenhan"],
    "Kementerian Dalam Negeri": ["Kemendagri"],
    "Kementerian Kesehatan": ["Kemenkes"],
    "Istana Kepresidenan": ["Istana", "Istana Negara"],
    "MUI": ["Majelis Ulama Indonesia"],
    "PBNU": ["Pengurus Besar Nahdlatul Ulama"], "Nahdlatul Ulama": ["NU"], "Muhammadiyah": ["PP Muhammadiyah"],
    "Pertamina": ["PT Pertamina", "PT Pertamina (Persero)"], "PLN": ["PT PLN", "Perusahaan Listrik Negara"],
    # political parties
    "PDI-P": ["PDIP", "PDI Perjuangan", "Partai Demokrasi Indonesia Perjuangan"],
    "Golkar": ["Partai Golkar"], "Gerindra": ["Partai Gerindra"], "PKB": ["Partai Kebangkitan Bangsa"],
    "PKS": ["Partai Keadilan Sejahtera"], "NasDem": ["Partai NasDem", "Nasdem"], "Demokrat": ["Partai Demokrat"],
    "PAN": ["Partai Amanat Nasional"], "PPP": ["Partai Persatuan Pembangunan"],
    # armed groups often in foreign news
    "Hamas": [], "Hizbullah": ["Hezbollah"], "Taliban": [],
}

# ---------- people ----------
# Well-known people whose name outlets spell in several ways; the key is the canonical form. Everyone else keeps the
# spelling their article uses (variants that differ only by hyphens or case are merged within an article).
PERSON_FORMS: dict[str, list[str]] = {
    "Kim Jong Un": ["Kim Jong-un", "Kim Jong-Un", "Kim Jongun"],
    "Kim Jong Il": ["Kim Jong-il"], "Kim Il Sung": ["Kim Il-sung"], "Kim Yo Jong": ["Kim Yo-jong"],
    "Xi Jinping": ["Xi Jin Ping"],
    "Joko Widodo": ["Jokowi"], "Susilo Bambang Yudhoyono": ["SBY"],
    "Volodymyr Zelensky": ["Volodymyr Zelenskyy", "Volodymyr Zelenskiy", "Zelenskyy", "Zelenskiy"],
}

# ---------- roles and titles before a person's name ----------
# Role heads: a person's function. Matched case-insensitively, longest first, so "Wakil Presiden" beats "Presiden".
ROLE_HEADS: list[str] = [
    # Indonesian
    "Presiden", "Wakil Presiden", "Wapres", "Perdana Menteri", "PM", "Wakil Perdana Menteri",
    "Menteri", "Wakil Menteri", "Wamen", "Menko", "Menteri Koordinator", "Menlu", "Menhan", "Menkeu", "Mendagri", "Menkes",
    "Mensesneg", "Menteri Sekretaris Negara", "Sekretaris Negara", "Sekretaris Kabinet", "Seskab",
    "Gubernur", "Wakil Gubernur", "Wagub", "Bupati", "Wakil Bupati", "Wabup", "Wali Kota", "Walikota", "Wakil Wali Kota", "Wawali",
    "Camat", "Lurah", "Kepala Desa", "Kades",
    "Kepala", "Wakil Kepala", "Ketua", "Wakil Ketua", "Ketua Umum", "Ketum", "Sekretaris Jenderal", "Sekjen", "Sekretaris",
    "Direktur", "Direktur Utama", "Dirut", "Direktur Jenderal", "Dirjen", "Komisaris", "Komisaris Utama", "Kepala Staf", "Deputi",
    "Juru bicara", "Juru Bicara", "Jubir", "Pemimpin", "Pemimpin Tertinggi", "Pimpinan", "Raja", "Ratu", "Pangeran", "Putra Mahkota",
    "Kanselir", "Senator", "Anggota", "Duta Besar", "Dubes", "Konsul Jenderal", "Hakim", "Hakim Agung", "Jaksa", "Jaksa Agung",
    "Kapolri", "Wakapolri", "Kapolda", "Wakapolda", "Kapolres", "Kapolresta", "Kapolsek", "Kabid Humas", "Kasatreskrim",
    "Panglima", "Panglima TNI", "Pangdam", "KSAD", "KSAL", "KSAU", "Kapuspen",
    "Jenderal", "Letjen", "Mayjen", "Brigjen", "Kolonel", "Letkol", "Mayor", "Kapten", "Laksamana", "Marsekal",
    "Komjen", "Irjen", "Kombes", "AKBP", "Kompol", "AKP", "Iptu", "Ipda", "Aiptu", "Bripka", "Briptu",
    "Rektor", "Dekan", "Guru Besar", "Pelatih", "Paus", "Kardinal", "Uskup", "Imam Besar",
    # English
    "President", "Vice President", "Prime Minister", "Minister", "Foreign Minister", "Defence Minister", "Defense Minister",
    "Secretary", "Secretary of State", "Secretary-General", "Secretary General", "Chancellor", "King", "Queen", "Prince",
    "Governor", "Mayor", "Senator", "General", "Gen.", "Chairman", "Chairwoman", "Chair", "Director", "CEO", "Ambassador",
    "leader", "Supreme Leader", "spokesperson", "spokesman", "spokeswoman", "Pope",
]

# Honorifics and academic or religious titles: stripped from the name but not kept as a role (they say nothing about
# the person's function).
HONORIFICS: list[str] = [
    "Pak", "Bu", "Bapak", "Ibu", "Sdr.", "Sdri.", "Saudara", "Saudari", "Tuan", "Nyonya", "Nona", "Mbak", "Mas", "Bang", "Kak", "Cak",
    "Dr.", "Dr", "dr.", "Prof.", "Prof", "H.", "Hj.", "Ir.", "Drs.", "Dra.", "KH", "KH.", "K.H.",
    "Ustaz", "Ustadz", "Kiai", "Kyai", "Habib", "Syekh",
    "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Sir", "Dame",
]

# Words that may stand before a role head and belong to the role: "mantan Presiden", "Acting Director".
ROLE_PREFIXES: list[str] = ["mantan", "eks", "bekas", "calon", "Plt.", "Plt", "Pj.", "Pj", "Pjs.", "former", "Acting", "Deputy", "Vice", "then"]

# Words after a role head that still belong to the role: the body or domain ("Menteri Luar Negeri", "Juru bicara
# Departemen Luar Negeri", "Kepala Staf Gabungan") and qualifiers ("Pemimpin Tertinggi", "Menteri Luar Negeri baru").
# Country names, provinces and organisations are recognised through the alias index, not listed here.
ROLE_COMPLEMENTS: list[str] = [
    "Departemen", "Kementerian", "Dewan", "Badan", "Komisi", "Lembaga", "Partai", "Fraksi", "Majelis", "Staf", "Kantor", "Biro", "Pusat", "Divisi",
    "Luar Negeri", "Dalam Negeri", "Pertahanan", "Keamanan", "Nasional", "Keuangan", "Kesehatan", "Pendidikan", "Perdagangan",
    "Perindustrian", "Pertanian", "Perhubungan", "Hukum", "Politik", "Sosial", "Agama", "Energi", "Sumber Daya Mineral", "Investasi",
    "Pariwisata", "Kelautan", "Perikanan", "Pekerjaan Umum", "Perumahan Rakyat", "Komunikasi", "Informatika", "Tenaga Kerja",
    "Lingkungan Hidup", "Kehutanan", "Perekonomian", "Koordinator", "BUMN", "ESDM", "PUPR", "Polhukam", "Kominfo", "PAN-RB", "Kemaritiman", "Bidang", "Gabungan", "Umum", "Humas", "Negara", "Kabinet",
    "Republik", "Daerah", "Provinsi", "Kabupaten", "Kota", "Rakyat", "Militer", "Angkatan Darat", "Angkatan Laut", "Angkatan Udara",
    "tertinggi", "baru", "sementara", "terpilih", "petahana", "senior", "utama", "agung", "harian", "eksekutif", "jenderal",
    "State", "Department", "Ministry", "Foreign", "Defense", "Defence", "Finance", "Interior", "Security", "National", "Council", "House",
    "Affairs", "Home", "of", "Supreme", "Joint", "Chiefs", "Staff", "new", "top",
]

# English nationality adjectives that precede roles ("Russian President", "North Korean leader"); Indonesian uses the
# country name itself ("Presiden Rusia"), which the alias index already knows.
NATIONALITY_ADJECTIVES: dict[str, str] = {
    "Russian": "RU", "North Korean": "KP", "South Korean": "KR", "Korean": "KR", "American": "US", "Chinese": "CN",
    "Japanese": "JP", "Ukrainian": "UA", "British": "GB", "French": "FR", "German": "DE", "Indonesian": "ID",
    "Malaysian": "MY", "Australian": "AU", "Indian": "IN", "Israeli": "IL", "Iranian": "IR", "Palestinian": "PS",
    "Turkish": "TR", "Saudi": "SA", "Filipino": "PH", "Singaporean": "SG", "Vietnamese": "VN", "Thai": "TH",
}
