"""Indonesian (and English, which Indonesian pages mix in) language resources for cleaning and metadata.

Everything here is data: words and patterns read by the algorithms in `clean/` and `lang/`, never logic.
Patterns were written from the page text of the seeds and read against the 1,000 detik.com articles of
`../shared/data/detik` (the 960 unlabelled ones carry most of the variety: video and programme promos,
social prompts, columnist bylines, syndication notes, photo credits).
"""

from __future__ import annotations

# ---------- dates ----------

DAYS = {
    "senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "jum'at": 4, "sabtu": 5, "minggu": 6, "ahad": 6,
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
    "mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6,
}

# Weekday names by date.weekday(), to say what a date's weekday really was.
WEEKDAY_NAMES_ID = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
WEEKDAY_NAMES_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTH_NAMES_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                  "November", "December"]

MONTHS = {
    "januari": 1, "februari": 2, "pebruari": 2, "maret": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
    "agustus": 8, "september": 9, "oktober": 10, "november": 11, "nopember": 11, "desember": 12,
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "august": 8, "october": 10,
    "december": 12,
    "jan": 1, "feb": 2, "peb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "agu": 8, "agt": 8, "ags": 8, "aug": 8,
    "sep": 9, "sept": 9, "okt": 10, "oct": 10, "nov": 11, "nop": 11, "des": 12, "dec": 12,
}

# Parts of the day that may sit between a weekday and its date: "Senin malam (3/3/2025)", "Rabu dini hari".
DAY_PARTS = ["dini hari", "pagi", "siang", "sore", "petang", "malam", "morning", "afternoon", "evening", "night"]

# Relative days, in days from the reference date (the article's publication date).
RELATIVE_DAYS = {
    "kemarin lusa": -2, "kemarin": -1, "hari ini": 0, "besok": 1, "esok": 1, "lusa": 2,
    "yesterday": -1, "today": 0, "tomorrow": 1,
}
# Relative periods: (unit, offset). Their value is the period itself ("tahun lalu" -> "2022").
RELATIVE_PERIODS = {
    "tahun lalu": ("year", -1), "tahun kemarin": ("year", -1), "tahun ini": ("year", 0), "tahun depan": ("year", 1),
    "bulan lalu": ("month", -1), "bulan kemarin": ("month", -1), "bulan ini": ("month", 0),
    "bulan depan": ("month", 1), "pekan lalu": ("week", -1), "minggu lalu": ("week", -1), "pekan ini": ("week", 0),
    "pekan depan": ("week", 1), "minggu depan": ("week", 1),
    "last year": ("year", -1), "this year": ("year", 0), "next year": ("year", 1), "last month": ("month", -1),
    "next month": ("month", 1), "last week": ("week", -1), "next week": ("week", 1),
}
# "3 hari lalu", "dua pekan lalu", "2 days ago": a count of units before (or after) the reference date.
COUNT_UNITS = {"hari": "day", "pekan": "week", "minggu": "week", "bulan": "month", "tahun": "year",
               "day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month", "months": "month",
               "year": "year", "years": "year"}
COUNT_WORDS = {"satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7, "delapan": 8,
               "sembilan": 9, "sepuluh": 10, "sehari": 1, "sepekan": 1, "sebulan": 1, "setahun": 1,
               "one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
AGO_WORDS = ["yang lalu", "lalu", "silam", "sebelumnya", "ago"]
AHEAD_WORDS = ["lagi", "mendatang", "ke depan", "later", "from now"]
# Back-references to an earlier occasion of the same story: "pertemuan terakhir ... pada bulan September", "their
# previous summit in September". An undated article naming an occasion so is not a report of that occasion.
OCCASION_NOUNS = ["pertemuan", "kunjungan", "pertemuan puncak", "ktt", "perundingan", "sidang", "pertandingan",
                  "meeting", "summit", "visit", "talks", "match", "session"]
EARLIER_WORDS = ["terakhir", "sebelumnya", "sebelum ini", "terdahulu"]  # after the noun (Indonesian)
EARLIER_WORDS_BEFORE = ["last", "previous", "earlier", "prior"]  # before the noun (English)
# Words shortly before a bare weekday that say the day is ahead of the reference date, or is it ("akan digelar
# Jumat", "the votes will be counted Tuesday", "heading into Tuesday's primary"); the English plans count unless
# told in the past ("was set to headline Tuesday" was said of the Tuesday gone).
AHEAD_CUES = ["akan", "hendak", "rencananya", "dijadwalkan", "will", "shall", "heading into"]
PLANNED_CUES = ["scheduled", "set to", "expected to", "due to"]
PAST_AUXILIARIES = ["was", "were", "had been"]
# Occasions a weekday names ("Tuesday's primary", "the Tuesday primary", "the primary on Tuesday"): the nearest one is
# meant (`enrich/dates.py`).
WEEKDAY_OCCASIONS = ["primary", "primaries", "caucus", "caucuses", "debate", "debates", "vote", "election",
                     "elections", "meeting", "summit", "rally", "hearing", "game", "match", "final", "convention",
                     "speech", "ceremony", "session"]
# ...and words right before or after it that put it in the week ahead ("next Tuesday", "Kamis depan").
NEXT_WEEK_BEFORE = ["next", "this coming"]
NEXT_WEEK_AFTER = ["depan", "mendatang"]

# Indonesian time zones; the offset is what ISO 8601 needs.
TIMEZONES = {"WIB": "+07:00", "WITA": "+08:00", "WIT": "+09:00", "GMT": "+00:00", "UTC": "+00:00"}

# ---------- line classes for flattened page text ----------
# Each entry: (reason recorded in `removed`, regular expression matched against the whole stripped line,
# case-insensitive). Order matters only for which reason is reported.
BOILERPLATE_LINES: list[tuple[str, str]] = [
    ("ad marker", r"[-–—\s]*(advertisement|advertisment|iklan|ads\.?|scroll to (continue|resume)( with)? content|"
                  r"lanjutkan membaca( artikel)?|scroll untuk melanjutkan( membaca)?|"
                  r"(story|article) continues (below|after)( (this )?(advertisement|ad))?)[-–—\s]*"),
    ("share bar", r"(url|link|tautan) (berhasil|telah) (di ?copy|di ?salin|disalin|dicopy)\.?"),
    ("share bar", r"((facebook|twitter|whatsapp|telegram|line|copy|icon|share|bagikan|email|e-mail|linkedin|"
                  r"pinterest|x|messenger|salin|tautan|link|copy link)[\s|,·•]*){2,}"),
    ("share bar", r"(share|bagikan|share this( article| story| post)?|bagikan (artikel|berita) ini( ke)?|"
                  r"link copied!?|copied!?|tautan (disalin|tersalin)!?|salin (link|tautan))\s*:?"),
    ("view counter", r"(dibaca|dilihat|views?|pembaca)\s*:?\s*[\d.,]+\s*(kali|times|x)?"),
    ("related link", r"(baca|lihat) (juga|pula|selengkapnya|lainnya|berita lainnya)\b.*"),
    ("related link", r"(read|see) (also|more)\s*:.*"),
    ("video promo", r"(simak|tonton|lihat|saksikan|putar)( juga| pula)?( berita)?[ :]*(video|live|siaran)\b.*"),
    ("video promo", r"(simak|tonton|saksikan|lihat)( juga)? [\"'“‘].*[\"'”’](\s*di ?sini)?\s*[:.]?"),
    ("video promo", r"video\s*:.{5,200}"),
    ("embed", r"\[(gambas|embed|video|instagram|twitter|tiktok|youtube)\s*:[^\]]*\]"),
    ("social prompt", r"(cek|ikuti|follow|dapatkan|simak|baca)\b.{0,80}\b(google news|whatsapp channel|"
                      r"saluran whatsapp|telegram|instagram|twitter|tiktok|youtube|facebook|grup|channel)\b.*"),
    ("social prompt", r"(ikuti|follow) (kami|us)( di| on)?.*"),
    ("social prompt", r"(instagram|tiktok|twitter|facebook|youtube|website|web|x)\s*:\s*https?://\S+"),
    ("social prompt", r"(download|unduh) (aplikasi|app)\b.*"),
    ("comment form", r"(leave a reply|tinggalkan (balasan|komentar)|beri komentar|kirim komentar|post comment|"
                     r"tulis komentar|komentar anda|komentar|comments?|balas|reply|cancel reply|batal balas)"
                     r"\s*(:|\(\d+\))?"),
    ("comment form", r"(alamat )?email (anda|kamu) tidak akan (dipublikasikan|ditampilkan).*"),
    ("comment form", r"(ruas|kolom) yang wajib ditandai.*|your email address will not be published.*"),
    ("comment form", r"(nama|name|email|website|situs web)\s*\*?"),
    ("comment counter", r"\d{1,5}( (komentar|comments?|shares?|views?|dibaca|kali dibaca))?"),
    ("footer", r"(©|\(c\)|copyright|hak cipta).*"),
    ("footer", r".*\ball rights? reserved\.?"),
    ("footer", r"(tentang kami|about us|redaksi|pedoman media siber|kebijakan privasi|privacy policy|"
               r"syarat (dan|&) ketentuan|kontak|contact|karir|info iklan|disclaimer|about|ethics policy|"
               r"kode etik|advertise|terms of (use|service))(\s*[|·•-]\s*\w.*)?"),
    ("syndication note", r"(artikel|berita|tulisan) ini (telah|sudah|pertama kali)? ?(tayang|terbit|dimuat|"
                         r"ditayangkan|diterbitkan)\b.*"),
    ("syndication note", r"(artikel|tulisan) ini (ditulis|disusun) oleh .*(magang|peserta|kontributor).*"),
    ("syndication note", r"diadaptasi oleh .*|baca beritanya dalam ?bahasa \w+\.?|this article (was|first) .*"),
    ("disclaimer", r"disclaimer\s*:.*"),
    ("author note", r"\*+\s*\)?\s*(tulisan|artikel) ini (merupakan|adalah) (opini|pendapat|pandangan).*"),
    ("author note", r"\*+\s*\)?\s*penulis (adalah|merupakan) .*"),
    ("pagination", r"(halaman|page)\s*\d+\s*(/|dari|of)\s*\d+"),
    ("pagination", r"(\d+\s+){1,10}(selanjutnya|berikutnya|next|»|›)"),
    ("pagination", r"(baca|simak|lihat) selengkapnya di halaman (selanjutnya|berikutnya|\d+)\W*"),
    ("pagination", r"(halaman|page) (selanjutnya|berikutnya|sebelumnya|next|previous)\W*"),
    ("list header", r"(berita|artikel|video|foto) (terkait|terbaru|terkini|lainnya|populer|pilihan|rekomendasi)"
                    r"( lainnya)?\s*:?"),
    ("list header", r"(rekomendasi untuk anda|terpopuler|populer|pilihan redaksi|trending|most popular|"
                    r"related (news|articles|stories)|recommended|you may also like|more stories|"
                    r"latest news|headline|topik (terkait|pilihan)|tag|tags|topik|kata kunci|most read|"
                    r"paling banyak dibaca|read next|baca berikutnya|berita populer|related)\s*:?"),
    ("tags", r"(tags?|topik|kata kunci|label)\s*:\s*[^.!?]{1,200}"),
]

# A header of one of these kinds opens a tail block (a list of other headlines, timestamps, topics):
# the lines after it are removed until prose resumes.
LIST_HEADER_REASONS = {"list header"}

# Lines that end an article for good: nothing after them is the article's own text.
TAIL_STARTERS = {"comment form"}

# Words of a share bar; a short line made only of these is a share bar.
SHARE_WORDS = {
    "facebook", "twitter", "whatsapp", "telegram", "line", "copy", "icon", "share", "bagikan", "email", "linkedin",
    "pinterest", "x", "messenger", "salin", "link", "tautan", "print", "cetak", "komentar", "wa", "fb", "tw",
    "tweet", "e-mail", "reddit", "threads",
}

# Photo credits inside parentheses at the end of a caption line: "(Foto: dok. BPBD)", "(TANGKAPAN LAYAR VIDEO VOA)",
# "(Facebook/Jim Heath)", "(VLADIMIR SMIRNOV/AFP/VIA TRIBUNNEWS)".
PHOTO_CREDIT = (
    r"\((foto|photo|gambar|image|ilustrasi|dok\.?|dokumentasi|doc\.?|istimewa|ist\.?|tangkapan layar|screenshot|"
    r"getty images|reuters|afp|ap|antara|instagram|twitter|facebook|youtube|tiktok)\b[^()]*\)"
)
# "(Facebook/Jim Heath)", "(VLADIMIR SMIRNOV/AFP/VIA TRIBUNNEWS)", "(detikcom/Rifkianto Nugroho)": a credit of
# slash-separated names; told apart from "(UMK/UMP)" or "(kurs Rp 16.575/dolar AS)" by having a multi-word name or an
# agency in it and no digits.
SLASH_CREDIT = r"\((?P<credit>[^()\d]*/[^()\d]*)\)\s*$"
PHOTO_CREDIT_LINE = r"(foto|photo|gambar|ilustrasi|sumber foto|kredit foto)\s*:.*"

# Byline prefixes: "Penulis: X", "Editor: X", "Reporter: X", "Oleh: X", "- Redaksi".
BYLINE_ROLES = {
    "penulis": "author", "oleh": "author", "reporter": "reporter", "wartawan": "reporter", "kontributor": "reporter",
    "editor": "editor", "redaktur": "editor", "penyunting": "editor", "by": "author", "author": "author",
    "writer": "author", "laporan": "reporter", "pewarta": "reporter", "written": "author", "reported": "reporter",
    "ditulis": "author",
}

# Wire agencies and outlets articles credit; used to spot cited sources in credits like "(Ant/AFP)".
# Acronyms of common nouns, not of bodies or places, which the NER model sometimes tags as ORG: a summit (KTT), an
# anniversary (HUT), layoffs (PHK), fuel (BBM), budgets (APBN/APBD), small businesses (UMKM), a sting operation (OTT),
# elections (Pemilu, Pilkada, Pilpres), bills and laws (RUU, UU, Perppu), identity papers (KTP, SIM, NIK).
COMMON_NOUN_ACRONYMS = ["KTT", "HUT", "PHK", "BBM", "APBN", "APBD", "UMKM", "OTT", "Pemilu", "Pilkada", "Pilpres",
                        "RUU", "UU", "Perppu", "KTP", "SIM", "NIK"]

WIRE_AGENCIES = [
    "Antara", "AFP", "Reuters", "AP", "Associated Press", "Bloomberg", "Xinhua", "KCNA", "Yonhap", "Kyodo", "TASS",
    "RIA Novosti", "Sputnik", "BBC", "CNN", "Al Jazeera", "VOA", "Voice of America", "ABC", "ABCnews", "NHK", "DPA",
    "EFE", "ANSA", "Bernama", "ANI", "PTI", "Anadolu", "WAFA", "IRNA", "NYT", "The New York Times",
    "The Guardian", "The Washington Post", "CNBC", "Nikkei", "South China Morning Post", "SCMP",
]

# Of those, the news agencies (wires): the services outlets take stories from, never a story's last link. An article's
# provenance chain starts at them ("AFP" -> "cnbcindonesia.com" -> "pelita.online"); BBC, CNN and the papers above
# are outlets like any other.
NEWS_AGENCIES = [
    "Antara", "AFP", "Reuters", "AP", "Associated Press", "Bloomberg", "Xinhua", "KCNA", "Yonhap", "Kyodo", "TASS",
    "RIA Novosti", "Sputnik", "DPA", "EFE", "ANSA", "Bernama", "ANI", "PTI", "Anadolu", "WAFA", "IRNA",
]

# Credits that name no source ("-- ABCnews/berbagai sumber"): kept in `cited_sources` as the page wrote them, left out
# of provenance.
VAGUE_SOURCES = ["berbagai sumber", "sumber", "dari berbagai sumber", "various sources", "agencies", "agensi", "net",
                 "ist", "istimewa", "dok", "dokumentasi", "internet", "media sosial", "medsos"]

# Phrases that credit a source: the source follows them ("dilansir AFP", "dikutip dari Antara", "menurut laporan KCNA").
CITATION_CUES = [
    r"dilansir(?: dari)?", r"melansir", r"dikutip dari", r"mengutip", r"dikutip", r"sebagaimana dilansir",
    r"seperti dilansir", r"seperti dikutip dari", r"menurut laporan", r"dilaporkan(?: oleh)?",
    r"dari siaran berita", r"siaran berita", r"kantor berita", r"according to", r"reported by", r"as reported by",
    r"told", r"sumber\s*:", r"source\s*:",
]

# In-text words that mark a line as the outlet's self-promotion when the outlet's brand is named too
# (detik: "Saksikan pembahasan lengkapnya hanya di program detikPagi ...", "Ikuti terus ulasan ... detikcom").
PROMO_WORDS = [
    "saksikan", "tonton", "nikmati", "ikuti", "live", "streaming", "disiarkan", "dikupas tuntas", "edisi",
    "menghadirkan program", "program khusus", "berlangganan", "newsletter", "unduh aplikasi", "download aplikasi",
]
# A short line (under 90 characters) naming the outlet with one of these is a promo too ("Simak rangkumannya di
# detikcom.").
SHORT_PROMO_WORDS = ["simak", "baca", "cek", "kunjungi", "klik", "program", "selengkapnya", "jurnalis"]
# The line after a promo continues it when it opens like this ("Program ini diharapkan membuka ...").
PROMO_CONTINUATION = r"(program|acara|tayangan|siaran|podcast|episode) ini\b.*"

# Abbreviations after which a period does not end a sentence (titles, ranks, companies, addresses).
ABBREVIATIONS = {
    "dr", "drs", "dra", "ir", "h", "hj", "prof", "st", "s.h", "s.e", "s.pd", "s.sos", "s.ip", "s.kom", "s.t", "m.si",
    "m.m", "m.h", "m.pd", "m.sc", "m.a", "m.kes", "ph.d", "sp", "no", "nomor", "jl", "jln", "tbk", "dst", "dsb",
    "dll", "dkk", "yth", "bpk", "bp", "ibu", "sdr", "sdri", "kh", "k.h", "kol", "let", "jend", "brigjen", "mayjen",
    "letjen", "kompol", "akbp", "kapt", "kec", "kab", "kel", "prov", "rt", "rw", "tel", "telp", "hlm", "vol",
    "mr", "mrs", "ms", "jr", "sr", "inc", "ltd", "co", "corp", "vs", "etc", "e.g", "i.e", "u.s", "a.s", "pt", "cv",
    "ny", "tn", "sdn", "smp", "sma", "a.n", "u.p", "d.l.l", "s.ag", "m.ag", "lc", "s.kep", "s.farm", "apt",
    "plt", "plh", "pj", "pjs",  # acting officials: 'ujar Plt. Direktur Jenderal Imigrasi Yuldi Yusman'
}

# ---------- metadata ----------

# Section/kicker words that stand alone above a title.
SECTION_MAX_WORDS = 4

# ---------- page header: masthead, menus, breadcrumbs ----------

# First item of a breadcrumb ("Home > Nusantara > Sulawesi", "Beranda / Daerah", "Home Daerah Sulawesi").
NAV_HOME_WORDS = {"home", "beranda", "index", "indeks", "depan", "utama", "news", "berita"}
# What separates the items of a menu or breadcrumb flattened onto one line: "World | Indonesia | Business",
# "Beranda  Nasional  Daerah" (two spaces), "Home > Nusantara", "Home / World".
NAV_SEPARATOR = r"\s*[|>»›/•·]\s*|\s{2,}"
# A menu flattened into one item per line: at least this many short lines in a row.
NAV_RUN_MIN = 3
# An item of a menu has at most this many words.
NAV_ITEM_MAX_WORDS = 3
# A masthead (the outlet's name at the top of the page) and its tagline are short.
MASTHEAD_MAX_WORDS = 5
TAGLINE_MAX_WORDS = 8

# After the outlet's own name, these open its self-description in a page footer ("X is an independent news
# service ...", "X merupakan media daring ...").
OUTLET_BLURB = r"(is|was|adalah|merupakan|ialah)\s+(an?|the|sebuah|media|portal|situs|perusahaan|bagian)\b"

# Words that say a line is a dateline city prefix rather than a sentence ("PALEMBANG, PALTV.CO.ID - ...").
DATELINE_SEPARATORS = r"\s*[-–—:]+\s*"


# ---------- words that carry no topic (event clustering) ----------

# Indonesian function words and the reporting vocabulary every news story shares, plus English function words.
STOPWORDS = frozenset("""
yang dan di ke dari untuk pada dengan dalam ini itu akan telah sudah tidak bisa dapat ada adalah karena oleh juga
atau saat serta agar bahwa sebagai para kata ujar mengatakan menurut menjelaskan menyampaikan ia dia mereka kami
kita saya anda nya pun lebih masih hingga sampai antara seperti secara setelah sebelum namun tetapi tapi jika kalau
maka lalu kemudian bagi tersebut yakni yaitu harus belum masih sangat tahun bulan hari pekan minggu senin selasa
rabu kamis jumat sabtu pukul wib wita wit sekitar lagi hal cara sejumlah berbagai banyak salah satu dua tiga empat
lima baru lain jadi menjadi hanya sendiri apa siapa mana bagaimana mengapa kapan sementara selain terhadap tentang
usai jelang kembali terus sedang tengah
the and for with that this from are was were has have had not but they their his her its our you your will would
said says told also about after before into over than then there which when where who what while been being more
""".split())

# ---------- places (analysis/gazetteer.py, analysis/flags.py) ----------

# Compass words that name a part of a city after it ("Jakarta Selatan", "Jakarta Pusat") or, in English, before it
# ("South Jakarta", "Central Jakarta"), each with the direction it means: the five cities of DKI Jakarta are named
# so, and GeoNames lists none of them.
COMPASS_AFTER = {"utara": "north", "selatan": "south", "barat": "west", "timur": "east", "pusat": "central",
                 "tengah": "central", "tenggara": "southeast", "barat daya": "southwest", "barat laut": "northwest",
                 "timur laut": "northeast"}
COMPASS_BEFORE = {"north": "north", "south": "south", "east": "east", "west": "west", "central": "central",
                  "northern": "north", "southern": "south", "eastern": "east", "western": "west",
                  "north east": "northeast", "northeast": "northeast", "north west": "northwest",
                  "northwest": "northwest", "south east": "southeast", "southeast": "southeast",
                  "south west": "southwest", "southwest": "southwest"}

# Words that put what follows in a place ("di Pyongyang", "ke Seoul", "in Paris"). Capitalised at a sentence's
# start they are not part of the name: "Di Pyongyang, Korea Selatan" names Pyongyang.
PLACE_PREPOSITIONS = frozenset("""
di ke dari menuju kota ibu ibukota pusat wilayah daerah tiba berada bertempat
in at to from near into city capital town
""".split())
# Words that join the items of a list: "Seoul, Tokyo dan Beijing" is three places, not Tokyo in Beijing.
LIST_JOINERS = frozenset("dan atau serta maupun hingga sampai and or nor & / vs versus".split())
# Lower-case words inside a city's name ("Rio de Janeiro", "Frankfurt am Main", "Stratford upon Avon").
NAME_PARTICLES = frozenset("de da do dos das del della la le les el al am der den van von upon".split())
# Nouns after which "X di/in Y" is a city in a country ("kota Pyongyang di Korea Selatan", "the city of Pyongyang
# in ..."). Elsewhere "di/in" after a capital names where its government acts ("dukungan dari Teheran di Suriah").
CITY_NOUNS = frozenset("kota ibukota city town capital".split())
# What may follow "City, Country" when the country is the city's (an apposition): punctuation, or these words
# ("tiba di Vladivostok, Rusia pada Rabu"). Any other word makes the country the subject of a new clause: "Bagi
# Tokyo, Korea Utara merupakan ancaman" says nothing about where Tokyo is.
APPOSITION_FOLLOWERS = frozenset("pada on".split())
# Words that open a sentence with an introductory phrase ended by a comma ("Menurut Tokyo, ...", "For Seoul,
# ...", "In Seoul, North Korea's ..."): a city there is not put in the country after the comma.
INTRO_WORDS = frozenset("""
bagi menurut untuk di dalam dari sejak setelah sebelum saat ketika sementara meski meskipun walau walaupun jika
kalau seperti sebagaimana selama usai pasca kepada terhadap tentang mengenai sebagai berbeda dengan oleh
for according in at to from after before when while as unlike like since during although though if despite with
without by on over under within among between amid
""".split())
