"""Language resources for quotes and their speakers (data for `enrich.quotes`): Indonesian and English reporting
verbs, pronouns that refer back to a speaker, and the title/role/institution words that come before a name.

Kept as data so that the rules in `enrich/quotes.py` stay language-neutral: a new cue or title is one word added
here. The lists were written from Indonesian news style (detik, Kompas, Antara, tribun: '"…," kata X', '"…,"
ujarnya', 'X mengatakan, …', 'Menurut X, …') and the usual English wire style ('"…," he said', 'X told reporters').
All words are lower case; matching is case-insensitive.
"""

from __future__ import annotations

from kliping.lang.aliases_id import HONORIFICS

# ---------- cues after (or between) quote marks: '"…," kata X' / '"…," ujarnya' ----------

# Short reporting verbs that follow a direct quote and precede the speaker ('"…," kata Purbaya'). Each also takes
# the enclitic -nya ('ujarnya' = 'he/she said'), which refers back to the speaker.
SHORT_CUES = [
    "kata", "ujar", "tutur", "ucap", "jelas", "lanjut", "tambah", "imbuh", "cetus", "tegas", "papar", "terang",
    "sebut", "ungkap", "sambung", "pungkas", "tutup", "jawab", "tanya", "sahut", "tulis", "tukas", "timpal", "seru",
    "kilah", "aku", "urai", "beber", "tandas", "ajak", "pinta", "harap", "pesan", "kenang", "keluh", "canda",
    "sindir", "bilang", "katakan", "tuntas", "celetuk", "bantah", "jawab", "tegur", "ingat", "klaim", "ulas",
    "simpul", "terangkan", "akui", "paparkan", "imbau", "tepis", "bisik", "teriak", "protes", "kata-nya",
    "catat",  # '," catat studi tersebut.'
]

# Full (meN-/ber-) reporting verbs: 'X mengatakan, …' (indirect), 'X mengatakan, "…"' (direct, cue before),
# '"…," X menegaskan' (cue after, translated style). These introduce reported content.
SPEECH_VERBS = [
    "mengatakan", "menyatakan", "menegaskan", "menyebut", "menyebutkan", "menjelaskan", "mengungkapkan",
    "mengungkap", "menuturkan", "menyampaikan", "menambahkan", "menekankan", "memastikan", "mengaku", "mengakui",
    "mengklaim", "mengeklaim", "membenarkan", "membantah", "menerangkan", "mengumumkan", "mencontohkan",
    "membeberkan", "memaparkan", "menguraikan", "menandaskan", "mengemukakan", "mengutarakan", "berkata",
    "bilang", "menjawab", "menampik", "menyangkal", "mengonfirmasi", "mengkonfirmasi", "menginformasikan",
    "mengingatkan", "melaporkan", "menulis", "menuliskan", "berujar", "bertutur", "mengujarkan", "mengimbau",
    "menanggapi", "mengisahkan", "menceritakan", "bercerita", "berpesan", "menyinggung", "mengatakannya",
    "menyebutnya", "menerangkannya", "berkomentar", "mengomentari", "menyimpulkan", "mengeluhkan", "mengisyaratkan",
    "membeberkannya", "mengungkapkannya", "menyampaikannya", "menjelaskannya",
]

# Verbs above whose object is usually a noun phrase, not reported content ('menyampaikan apresiasi'): they start
# indirect speech only when 'bahwa' or a comma follows them.
OBJECT_VERBS = {"menyampaikan", "mengumumkan", "menanggapi", "mengomentari", "menyinggung", "mengeluhkan",
                "menceritakan", "mengisahkan", "melaporkan", "menulis", "menuliskan", "mengimbau", "mengingatkan"}

# Passive cues that open a sentence: 'Dikatakan dia, …', 'Ditegaskan Tito, …'.
PASSIVE_CUES = ["dikatakan", "ditegaskan", "dijelaskan", "diungkapkan", "disampaikan", "ditambahkan",
                "disebutkan", "dituturkan", "diterangkan"]

# 'Menurut X, …' / 'Menurutnya, …' / 'Menurut penuturan X, …'.
ACCORDING_TO = ["menurut", "kata", "ujar", "tutur", "lanjut", "tambah", "imbuh", "terang", "jelas", "sebut",
                "ucap", "ungkap", "tegas", "papar", "sambung"]
ACCORDING_NOUNS = ["penuturan", "keterangan", "penjelasan", "pengakuan", "laporan", "catatan", "data", "pernyataan"]

# English cues.
EN_SHORT_CUES = ["said", "says", "told", "added", "stated", "explained", "noted", "asked", "warned", "insisted",
                 "claimed", "argued", "announced", "wrote", "replied", "continued", "recalled", "admitted",
                 "remarked", "responded", "explains", "adds", "notes", "tells", "writes", "concluded", "urged"]
EN_SPEECH_VERBS = EN_SHORT_CUES
EN_ACCORDING_TO = ["according to"]

# ---------- pronouns that refer back to a speaker ----------

PRONOUNS = {"ia", "dia", "beliau", "dirinya", "he", "she"}

# ---------- what may stand between a cue and the speaker's name, or end the speaker phrase ----------

# Words after the speaker that end the speaker phrase ('kata Purbaya dalam rapat …', 'ujar Hanif saat dijumpai').
SPEAKER_STOP = {
    "dalam", "saat", "kepada", "di", "usai", "seusai", "selepas", "pada", "ketika", "ditemui", "dikutip", "dilansir",
    "melalui", "lewat", "dari", "yang", "seperti", "sambil", "sembari", "kemarin", "menegaskan", "menjelaskan",
    "mengatakan", "menambahkan", "dengan", "setelah", "sebelum", "sesaat", "selaku", "sebagai", "bahwa", "menurut",
    "via", "ke", "dan", "atau", "for", "in", "at", "on", "to", "after", "during", "when", "while", "who", "and",
    "lagi", "pula", "juga", "pun", "singkat", "tegas", "kala", "menutup", "menanggapi", "mengutip",
}

# Lower-case words allowed inside a name ('Siti binti Ahmad', 'Frank de Boer', 'Abu al-Hasan').
NAME_PARTICLES = {"bin", "binti", "van", "von", "der", "de", "da", "dos", "del", "al", "el", "la", "le", "bte"}
# Balinese names open with "I" (male) before a birth-order name ("I Wayan Diar"): that "I" belongs to the name.
BALINESE_NAMES = {"wayan", "made", "nyoman", "ketut", "gusti", "putu", "kadek", "komang", "gede", "nengah"}

# ---------- titles, roles, ranks and institution words before a name ----------

# Lower-case role phrases ('juru bicara KPK, Budi Prasetyo'), matched as words.
ROLE_PHRASES = [
    "juru bicara", "jubir", "kepala", "ketua", "wakil", "direktur", "presiden", "menteri", "gubernur", "bupati",
    "wali kota", "walikota", "camat", "lurah", "kades", "kepala desa", "sekretaris", "deputi", "asisten", "staf",
    "pakar", "pengamat", "ekonom", "peneliti", "analis", "dosen", "guru besar", "profesor", "ahli", "anggota",
    "pelaksana tugas", "plt", "pj", "penjabat", "komisaris", "dirut", "manajer", "pelatih", "kapten", "pemain",
    "ketua umum", "sekjen", "sekretaris jenderal", "hakim", "jaksa", "kuasa hukum", "pengacara", "advokat",
    "warga", "saksi", "tersangka", "terdakwa", "korban", "pelaku", "pemilik", "pengelola", "pengurus", "koordinator",
    "kasubdit", "kanit", "kabid", "kabag", "kasi", "kasat", "kadis", "kadiv", "karo", "kapuspen", "kapuspenkum",
    "kapolri", "kapolda", "kapolres", "kapolresta", "kapolrestabes", "kapolsek", "kasatreskrim", "kasintel",
    "kajati", "kajari", "kejati", "kajagung", "jaksa agung", "panglima", "pangdam", "danrem", "dandim", "kasad",
    "menkeu", "menag", "mendagri", "menlu", "menhan", "menkes", "mendikbud", "mendikdasmen", "menpora", "mensos",
    "menko", "menteri koordinator", "mentan", "mendag", "menperin", "menaker", "menpan", "menparekraf", "menkum",
    "menkumham", "menteri", "wamen", "wamenkeu", "wapres", "sesmenko", "seskab", "mensesneg", "sekda", "kepsek",
    "rektor", "dekan", "ceo", "cfo", "coo", "cto", "founder", "pendiri", "chairman", "president", "minister",
    "spokesperson", "spokesman", "spokeswoman", "director", "governor", "mayor", "chief", "head", "secretary",
    "senator", "representative", "prime minister", "perdana menteri", "raja", "ratu", "pangeran", "paus", "imam",
    "ustaz", "ustadz", "kiai", "kyai", "habib", "romo", "pendeta", "pastor", "uskup", "bapak", "ibu", "pak", "bu",
    "saudara", "sdr", "tuan", "nyonya", "mas", "mbak", "bung", "kak", "eks", "mantan", "calon", "bakal", "senior",
    "humas", "kabid humas", "kasubbid", "penmas", "wadir", "dir", "dirreskrimum", "dirreskrimsus", "dirlantas",
    "kasubag", "kasubbag", "sekretaris daerah", "ketua dprd", "anggota dprd", "legislator", "politikus",
    "politisi", "pengusaha", "aktivis", "psikolog", "dokter", "dr", "prof", "ir", "drs", "h", "hj", "kh",
    "pemimpin", "pimpinan", "bos", "pelaksana", "penasihat", "utusan", "duta besar", "dubes", "konsul", "atase",
]

# Ranks and honorifics that stand right before a name ('Kombes Ade Ary', 'AKBP Moch Faruk Rozi', 'Brigjen Hadi').
RANKS = {
    "jenderal", "jend", "letjen", "mayjen", "brigjen", "kolonel", "kol", "letkol", "mayor", "kapten", "lettu",
    "letda", "serma", "serka", "sertu", "serda", "kopda", "pratu", "prada", "laksamana", "laksdya", "laksda",
    "laksma", "marsekal", "marsdya", "marsda", "marsma", "irjen", "komjen", "kombes", "kombespol", "akbp", "kompol",
    "akp", "iptu", "ipda", "aiptu", "aipda", "bripka", "brigpol", "briptu", "bripda", "bharada", "bharatu",
    "dr", "drs", "dra", "ir", "prof", "h", "hj", "kh", "k.h", "sir", "dr.", "mr", "mrs", "ms", "gen", "col", "lt",
    "pol",  # 'Kombes Pol Eko Prasetyo'
}

# Capitalised words that belong to institutions, offices and places in titles ('Menteri Keuangan',
# 'Kepala Badan Pusat Statistik (BPS) Provinsi Jawa Tengah'): never part of a person's name.
INSTITUTION_WORDS = {
    "kementerian", "kemenko", "keuangan", "dalam", "negeri", "luar", "agama", "pertahanan", "perdagangan",
    "perindustrian", "pertanian", "kelautan", "perikanan", "lingkungan", "hidup", "kehutanan", "energi", "sumber",
    "daya", "mineral", "perhubungan", "pekerjaan", "umum", "perumahan", "pariwisata", "ekonomi", "kreatif",
    "hukum", "hak", "asasi", "manusia", "keamanan", "politik", "informasi", "komunikasi", "digital", "investasi",
    "hilirisasi", "bumn", "desa", "tenaga", "kerja", "ketenagakerjaan", "pemuda", "olahraga", "kebudayaan", "riset",
    "teknologi", "pemberdayaan", "perempuan", "perlindungan", "anak", "sosial", "kesehatan", "pendidikan", "dasar",
    "menengah", "tinggi", "sains", "koordinator", "koordinasi", "bidang", "perekonomian", "pembangunan", "perencanaan",
    "nasional", "badan", "dinas", "pusat", "statistik", "provinsi", "kabupaten", "kota", "kecamatan", "kelurahan",
    "daerah", "dewan", "perwakilan", "rakyat", "komisi", "bank", "sentral", "otoritas", "jasa", "bursa", "efek",
    "pasar", "modal", "direktorat", "jenderal", "direksi", "sekretariat", "staf", "kantor", "istana", "kepresidenan",
    "presiden", "negara", "republik", "partai", "fraksi", "majelis", "mahkamah", "konstitusi", "pengadilan",
    "kejaksaan", "kepolisian", "polisi", "resor", "sektor", "polda", "polres", "polresta", "polrestabes", "polsek",
    "satreskrim", "reskrim", "reserse", "kriminal", "khusus", "satuan", "tugas", "satgas", "wilayah", "metro",
    "penindakan", "eksekusi", "pencegahan", "pemberantasan", "korupsi", "tindak", "pidana", "humas", "hubungan",
    "masyarakat", "media", "penerangan", "penyuluhan", "pelayanan", "layanan", "perusahaan", "persero", "tbk", "pt",
    "cv", "universitas", "institut", "fakultas", "sekolah", "studi", "center", "centre", "institute", "university",
    "lembaga", "komite", "asosiasi", "himpunan", "ikatan", "persatuan", "serikat", "federasi", "yayasan", "forum",
    "gerakan", "organisasi", "perhimpunan", "kamar", "dagang", "industri", "pemerintah", "pemerintahan", "angkatan", "darat", "laut", "udara", "kodam", "korem", "kodim", "markas", "besar", "mabes", "biro", "divisi",
    "departemen", "subdirektorat", "seksi", "unit", "bagian", "cabang", "kanwil", "regional",
    "pengendalian", "pengelolaan", "pengawasan", "pemeriksa", "pemeriksaan", "anggaran", "pajak", "bea",
    "cukai", "imigrasi", "pemasyarakatan", "perbendaharaan", "kekayaan", "fiskal", "moneter", "makro", "pangan",
    "gizi", "obat", "makanan", "bencana", "penanggulangan", "pencarian", "pertolongan", "meteorologi", "klimatologi",
    "geofisika", "tertinggi", "panitia", "penyelenggara", "antariksa", "atom", "nuklir", "intelijen", "siber", "sandi", "narkotika", "terorisme",
    "pertanahan", "agraria", "tata", "ruang", "transmigrasi", "koperasi", "usaha", "kecil", "mikro", "ukm", "umkm",
    "kedutaan", "konsulat", "dprd", "dpr", "dpd", "mpr", "ri", "rusia", "korea", "utara", "selatan",
    "timur", "barat", "tengah", "amerika", "as", "jepang", "china", "tiongkok", "indonesia", "inggris",
    "prancis", "jerman", "australia", "india", "ukraina", "israel", "palestina", "iran", "arab", "saudi", "malaysia",
    "singapura", "thailand", "filipina", "vietnam", "eropa", "uni", "asia", "afrika", "pbb", "who", "imf",
    "jawa", "sumatera", "sulawesi", "kalimantan", "papua", "bali", "nusa", "tenggara", "maluku", "riau", "aceh",
    "jakarta", "bandung", "surabaya", "medan", "semarang", "yogyakarta", "makassar", "palembang", "banten",
    "lampung", "jambi", "bengkulu", "gorontalo", "kepulauan", "bangka", "belitung", "raya", "istimewa", "sumut",
    "sumbar", "sumsel", "jabar", "jateng", "jatim", "kalbar", "kalteng", "kalsel", "kaltim", "kaltara", "sulut",
    "sulteng", "sulsel", "sultra", "sulbar", "ntb", "ntt", "diy", "dki", "babel", "kepri", "jabodetabek",
    "national", "department", "ministry", "state", "foreign", "affairs", "council", "security", "office", "house",
    "white", "united", "nations", "bureau", "agency", "commission", "federal", "reserve", "committee", "party",
    "the", "of", "for", "and", "general", "executive", "board", "company", "group", "corporation", "holding",
    "holdings", "club", "fc", "timnas", "tim", "pssi", "ketua", "wakil", "komisaris", "utama", "operasional",
    "kanal", "program", "rumah", "sakit", "rsud", "rs", "puskesmas", "ombudsman", "polri", "tni", "kpk", "bpk",
    "bpkp", "ojk", "bi", "bei", "bps", "bmkg", "bnpb", "bpbd", "basarnas", "kejagung", "kemenkeu", "kemendagri",
    "kemenag", "kemenkes", "kemendikbud", "kemlu", "kemhan", "kemenhan", "kementan", "kemendag", "kemenperin",
    "kemnaker", "kemensos", "kominfo", "komdigi", "bappenas", "bulog", "pertamina", "pln", "bumd", "ldii", "nu",
    "muhammadiyah", "mui", "pbnu", "setda", "sekda", "disperindag", "dishub", "disdik", "dinkes", "bapenda",
    "bapanas", "kadin", "apindo", "hipmi", "pemkab", "pemkot", "pemprov", "pemda", "kpu", "bawaslu",
    "dkpp", "kompolnas", "komnas", "ham", "kpai", "lpsk", "ppatk", "bnn", "bnpt", "bssn", "bin", "bais", "lemhannas",
    "ipk", "ppn", "rpjmn", "apbn", "apbd", "sehat", "sejahtera", "merah", "putih", "kabinet", "paripurna",
    "sekretaris", "kabid", "kasi", "intel", "kejari", "kejati", "kortas", "tipikor",
    "bareskrim", "ditreskrimum", "ditreskrimsus", "ditlantas", "lalu", "lintas", "monev", "puspenkum",
    "kehumasan", "plt", "plh", "pj", "pjs", "dan", "deputi", "corporate",
    "communications", "director", "public", "sustainability", "officer", "manager", "senior", "vice", "head",
    "chief", "analyst", "economist", "researcher", "professor",
}

# Words that open a sentence without being its subject ('Sementara itu, Tito …', 'Namun, Purbaya …').
CONNECTIVES = {
    "sementara", "itu", "namun", "tetapi", "tapi", "akan", "selain", "lebih", "lanjut", "kemudian", "lalu",
    "sebelumnya", "adapun", "meski", "meskipun", "walau", "walaupun", "begitu", "demikian", "oleh", "karena",
    "sebab", "dengan", "di", "sisi", "lain", "dalam", "kesempatan", "yang", "sama", "pada", "saat", "ini", "terkait",
    "hal", "menanggapi", "soal", "untuk", "bahkan", "juga", "pun", "selanjutnya", "setelah", "usai", "sedangkan",
    "sehingga", "maka", "jadi", "dan", "atau", "secara", "terpisah", "senada", "serupa", "diketahui", "sebagai",
    "informasi", "tak", "hanya", "tidak", "the", "but", "and", "meanwhile", "however", "also", "in", "on", "at",
    "ketika", "sejak", "hingga", "sampai", "menurut", "dari", "ke", "bagi", "atas", "terhadap", "tentang",
    "mengenai", "seperti", "sebagaimana", "tersebut", "tadi", "kala", "sesuai", "berdasarkan", "sekarang", "kini",
    "sebelum", "sesudah", "seusai", "selama", "apabila", "jika", "kalau", "bila", "agar", "supaya",
    "bagaimana", "apa", "mengapa", "kenapa", "siapa", "dimana", "mana", "nah", "ya", "pertama", "kedua", "ketiga",
    "keempat", "terakhir", "akhirnya", "sekaligus", "serta", "pihaknya", "mereka", "kami", "kita", "saya", "aku", "ia", "dia", "beliau",
}

# Prepositions after which a capitalised word is an object or a place, not a subject ('kepada Putin', 'di Jakarta').
PREPOSITIONS = {"di", "ke", "dari", "kepada", "dengan", "untuk", "pada", "oleh", "bagi", "atas", "terhadap",
                "tentang", "seperti", "antara", "bersama", "mengenai", "soal", "dalam", "menuju", "sejak", "hingga",
                "to", "from", "with", "by", "for", "at", "in", "on", "of", "about", "against"}

# Place-introducing words: the capitalised words right after them name a place or an institution, not a person
# ('Kota Pekanbaru', 'Kabupaten Pasuruan', 'Negeri Kuantan Singingi'); used to tell a place inside a title from a name.
PLACE_INTRODUCERS = {"kota", "kabupaten", "provinsi", "kecamatan", "desa", "kelurahan", "negeri", "daerah",
                     "wilayah", "polda", "polres", "polresta", "polrestabes", "polsek", "kejati", "kejari", "dprd",
                     "kodam", "korem", "kodim", "pemkab", "pemkot", "pemprov", "pulau", "teluk", "gunung", "sungai",
                     "kab", "kec", "kel", "di", "ke", "hotel", "bandara", "pelabuhan", "stadion", "jalan", "jl"}

# Nouns after a verb of OBJECT_VERBS that make it a plain action, not reported speech ('menyampaikan apresiasi').
OBJECT_NOUNS = {"apresiasi", "terima", "ucapan", "permohonan", "permintaan", "rasa", "duka", "selamat", "sambutan",
                "pidato", "materi", "kuliah", "aspirasi", "keluhan", "laporan", "usulan", "hasil", "surat", "salam",
                "belasungkawa", "dukungan", "penghargaan", "doa", "pesan", "nota", "rancangan", "paparan", "visi"}

# Verbs of stance and forecast: a sentence 'X memproyeksikan …' makes X the likely referent of a following
# 'ucapnya', though the gold of most annotation guidelines does not count it as reported speech itself.
STANCE_VERBS = {"menilai", "meyakini", "memproyeksikan", "memperkirakan", "memprediksi", "berpendapat", "berharap",
                "mengharapkan", "meminta", "mendorong", "mengimbau", "mengajak", "mengingatkan", "mengkritik",
                "memuji", "mengecam", "menyoroti", "menanggapi", "menyinggung", "menyambut", "mengapresiasi",
                "menduga", "mencurigai", "menyesalkan", "menyayangkan", "mempertanyakan", "menolak", "mengusulkan",
                "menyarankan", "menjanjikan", "berjanji", "mengakui", "menuding", "menuduh", "merespons", "merespon", "bereaksi", "menjawab", "believes", "expects", "warned", "urged", "predicted", "estimated"}

# Definite descriptions that refer back to the person just named, like a pronoun ('Pria yang juga menjabat …').
DESCRIPTIONS = {"pria", "wanita", "perempuan", "sosok", "lelaki", "pemuda", "politikus", "politisi", "mantan"}

# Lower-case words allowed inside a title before the name ('Kabid Humas pada Puspenkum …', 'Menteri Luar Negeri
# baru Yoko Kamikawa', 'Public Affairs and Sustainability Director …').
TITLE_CONNECTORS = {"dan", "and", "of", "pada", "untuk", "for", "the", "di", "&", "baru", "terpilih", "bidang", "se"}

# Words after which a capitalised run is an organisation's name, not a person's ('PT Sinar Abadi', 'Partai Buruh').
ORG_MARKERS = {"pt", "cv", "ud", "pd", "perum", "persero", "bank", "partai", "universitas", "yayasan", "koperasi",
               "hotel", "rs", "rsud", "klinik", "sekolah", "sma", "smp", "sd", "smk", "kampus", "stasiun", "bandara",
               "pelabuhan", "pasar", "gedung", "jalan", "jl", "desa", "kampung", "kota", "kabupaten", "provinsi",
               "pulau", "gunung", "sungai", "masjid", "gereja", "pura", "vihara", "kelenteng", "stadion", "tim",
               "klub", "grup", "group", "inc", "ltd", "corp", "university", "company"}

# ---------- speaker coreference within an article (`enrich.speakers`) ----------

# Honorifics and kinship forms that stand before a short or familiar form of a name ('Pak Budi', 'Bu Risma',
# 'Gus Ipul', 'Kang Emil', 'Cak Imin'): the word after one of them may be a nickname cut from any part of a name
# ('Imin' from Muhaimin), so it is matched as a part of a word of the article's fuller names, not only as a word.
NICKNAME_HONORIFICS = {h.lower().rstrip(".") for h in HONORIFICS} | {  # the entity canonicaliser's, and:
    "pak", "bapak", "bu", "ibu", "gus", "kang", "cak", "mas", "mbak", "bung", "bang", "abang", "kak", "uda", "uni",
    "daeng", "ning", "neng", "teh", "aa", "akang", "abah", "umi", "mbah", "eyang", "romo", "ki", "nyi", "koh",
    "cik", "om", "tante", "opung", "ompung", "ustaz", "ustadz", "kiai", "kyai", "habib", "haji", "h", "hj", "kh",
    "buya", "tuan", "nyonya", "sdr", "saudara", "saudari",
}

# Spelling variants of one name within an article, rewritten to one form before names are compared: the old
# (pre-1972) spelling and the Dutch-era digraphs ('Soeharto' = 'Suharto', 'Djoko' = 'Joko', 'Tjahjo' = 'Cahyo'),
# f/v/p ('Fitri' = 'Pitri', 'Saifullah' holds 'Ipul'), 'sy'/'s' ('Syamsul' = 'Samsul'), 'kh'/'h' and 'ch'.
SPELLING_VARIANTS = [
    ("oe", "u"), ("dj", "j"), ("tj", "c"), ("sj", "sy"), ("ch", "kh"), ("ph", "f"), ("th", "t"), ("dh", "d"),
    ("v", "f"), ("f", "p"), ("sy", "s"), ("kh", "h"), ("q", "k"),
]

# Nouns naming a source that is not a person, after a reporting cue ('tulis laporan BPS', '," demikian
# keterangan resmi KBRI Kuala Lumpur', 'ungkap dokumen tersebut'). The source is the name that follows the noun
# (and the words in SOURCE_NOUN_QUALIFIERS); with a demonstrative instead ('dokumen tersebut') it is the last
# source the article named.
SOURCE_NOUNS = [
    "dokumen", "laporan", "keterangan", "keterangan resmi", "keterangan tertulis", "keterangan pers",
    "siaran pers", "rilis", "rilis resmi", "pernyataan", "pernyataan resmi", "pernyataan sikap", "pernyataan tertulis",
    "surat", "surat edaran", "unggahan", "akun", "jurnal", "studi", "riset", "kajian", "survei", "hasil survei",
    "publikasi", "buku", "catatan", "situs", "situs resmi", "laman", "laman resmi", "website", "naskah", "artikel",
    "majalah", "harian", "surat kabar", "pengumuman", "putusan", "amar putusan", "dakwaan", "surat dakwaan",
    "tuntutan", "dokumen resmi", "data", "statement", "report", "the report", "a statement", "the statement",
    "penjelasan", "pesan", "imbauan", "tabel", "lampiran", "edaran", "maklumat",
]
# Words between a source noun and its name ('keterangan tertulis dari BEM UI', 'laporan terbaru BPS').
SOURCE_NOUN_QUALIFIERS = {"dari", "resmi", "tertulis", "terbaru", "tahunan", "bersama", "milik", "pihak", "itu",
                          "yang", "dirilis", "diterbitkan", "of", "from"}
# Demonstratives that make a source noun refer back ('dokumen tersebut', 'laporan itu').
SOURCE_ANAPHORS = {"tersebut", "itu", "ini", "tadi"}

# Heads of a regulation or legal text quoted as a source ('bunyi Pasal 5 ayat (2) Perpres Nomor 12 Tahun 2025'):
# the source is the whole citation, up to the words of SOURCE_CITATION_STOP.
REGULATION_HEADS = {
    "pasal", "ayat", "uu", "undang-undang", "perpres", "pp", "peraturan", "permen", "perda", "perppu", "keppres",
    "kepres", "inpres", "perkap", "perpol", "perma", "pergub", "perbup", "perwali", "permendagri", "permenkeu",
    "pmk", "permenkes", "permendikbud", "se", "qanun", "kuhp", "kuhap", "uud", "keputusan", "instruksi", "konstitusi",
}
# Lower-case words a citation may hold between its capitalised parts ('Pasal 5 ayat (2) huruf a').
CITATION_WORDS = {"ayat", "huruf", "angka", "nomor", "no", "tahun", "juncto", "jo", "dan", "atau", "butir", "poin"}
SOURCE_CITATION_STOP = {"tentang", "yang", "dalam", "sebagaimana", "seperti", "mengenai", "terkait"}

# Familiar names of institutions ('Korps Adhyaksa' is the prosecution service): the speaker is the fullest name of
# that institution the article gives ('Kejaksaan Negeri Kuantan Singingi'), else the institution's own name.
INSTITUTION_NICKNAMES = {
    "korps adhyaksa": "Kejaksaan", "korps adhiyaksa": "Kejaksaan", "korps bhayangkara": "Polri",
    "korps baret merah": "Kopassus", "gedung bundar": "Kejaksaan Agung", "lembaga antirasuah": "KPK",
    "komisi antirasuah": "KPK",
}

# ---------- the subject of a reporter's sentence (`enrich.quotes._subject_ref`) ----------

# Words after which a capitalised word is not the sentence's subject: it is described ('selaku Ketua …'), named
# ('bernama Budi') or equated ('adalah …'). Prepositions (PREPOSITIONS) count too.
NOT_SUBJECT_AFTER = {"sebagai", "selaku", "yakni", "yaitu", "adalah", "merupakan", "menjabat", "bernama",
                     "berinisial"}
# Adverbs, auxiliaries and asides that may stand between a subject and its verb ('Tito juga mengatakan', 'Dia
# sebelumnya menegaskan'): skipped when looking for the pronoun or name right before the verb.
SUBJECT_FOLLOWERS = {"juga", "pun", "kemudian", "lalu", "akan", "telah", "sudah", "masih", "tidak", "belum",
                     "sempat", "mengaku", "selaku", "yang", "sebelumnya", "kembali", "pada", "dalam", "saat",
                     "langsung", "turut", "bahkan", "hanya", "baru", "sendiri", "sekarang", "kini", "menilai", "said",
                     "says", "told"}
# Passive speech verbs whose agent follows them ('diungkapkan Wali Kota Pekanbaru Agung Nugroho'): the agent is the
# person a later 'ujarnya' may refer to.
PASSIVE_AGENT_VERBS = ["diungkap", "diungkapkan", "disampaikan", "dikatakan", "dijelaskan", "ditegaskan", "disebut",
                       "disebutkan", "diumumkan", "diterangkan", "diakui"]

# 'pihak Gedung Putih' / 'pihak kepolisian': 'the side of'; the source is what follows.
SOURCE_SIDE = "pihak"

# Titles that relate their holder to the person named after them ('kuasa hukum Hendro' is Hendro's lawyer, 'istri
# Budi' Budi's wife) when that person is named elsewhere in the article too: the speaker is the holder.
RELATIONAL_ROLES = {"kuasa hukum", "pengacara", "penasihat hukum", "tim hukum", "istri", "suami", "ayahanda",
                    "ibunda", "keluarga", "kerabat", "ajudan", "orang tua", "lawyer", "attorney"}
