"""Small word lists that tell Indonesian from Malay (data for `lang.detect`).

Chosen from the standard differences between the two (Indonesian "pemerintah, polisi, bisa, sudah, kantor" vs
Malaysian "kerajaan, polis, boleh, telah dan, pejabat"), keeping only words frequent in news.
"""

INDONESIAN_ONLY = frozenset(
    ["pemerintah", "polisi", "bisa", "sudah", "kantor", "mengatakan", "menurut", "bahwa", "tidak", "enggak", "nggak", "karena", "kemarin", "rabu", "kamis", "jumat", "sabtu", "minggu", "senin", "selasa", "juga", "yakni", "tersebut", "sejumlah", "sebanyak", "mobil", "uang", "rupiah", "presiden", "gubernur", "bupati", "wali", "kota", "provinsi", "kabupaten", "kecamatan", "desa", "dpr", "dpd", "mpr", "kpk", "tni", "polri", "jakarta", "indonesia", "jalan", "pukul", "wib", "wita", "saat", "ini", "agar", "supaya", "terhadap", "kemudian", "sementara", "diketahui", "dikatakan", "ujarnya", "katanya"]
)
MALAY_ONLY = frozenset(
    ["kerajaan", "polis", "boleh", "pejabat", "iaitu", "beliau", "sahaja", "daripada", "kerana", "selepas", "sebelum", "manakala", "bagaimanapun", "ringgit", "malaysia", "kuala", "lumpur", "selangor", "johor", "sabah", "sarawak", "perdana", "menteri", "dewan", "rakyat", "jabatan", "pihak", "berkuasa", "sekiranya", "kenyataan", "berkata", "memaklumkan", "hospital", "kereta", "wang", "bulan", "lepas", "tahun", "lepas"]
)

# Languages a news page may plausibly be in: the major written languages of online news. py3langid knows 97,
# among them regional ones (Bikol, Walloon, Volapük) that short name-heavy texts are misread as ("Rotorua,
# Fairy Springs, Selwyn Heights" came out Bikol); restricting the choice to these avoids that.
NEWS_LANGUAGES = frozenset(
    ["af", "am", "ar", "az", "be", "bg", "bn", "bs", "ca", "cs", "cy", "da", "de", "el", "en", "es", "et", "eu", "fa", "fi", "fr", "ga", "gl", "gu", "he", "hi", "hr", "hu", "hy", "id", "is", "it", "ja", "jv", "ka", "kk", "km", "kn", "ko", "lo", "lt", "lv", "mk", "ml", "mn", "mr", "ms", "ne", "nl", "no", "pa", "pl", "ps", "pt", "ro", "ru", "si", "sk", "sl", "sq", "sr", "sv", "sw", "ta", "te", "th", "tl", "tr", "uk", "ur", "vi", "zh"]
)
