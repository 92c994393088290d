"""Consistency check for examples/gold.json: run `python examples/check_gold.py`."""
import json, re, os
os.chdir(os.path.dirname(os.path.abspath(__file__)))
g = json.load(open("gold.json"))
recs = {json.loads(l)["id"]: json.loads(l) for l in open("feed.jsonl")}
BOILER = re.compile(r"^(ADVERTISEMENT|Advertisement|— Advertisement —|SCROLL TO|Story continues|Baca Juga|BACA JUGA|READ MORE|Simak juga|Tonton juga|\[Gambas|Ikuti kami|Cek Berita|Dapatkan update|Tinggalkan Balasan|LEAVE A REPLY|Alamat email|Berita (Terkait|Terbaru|Lainnya)|Related Stories|Most Read|Comments|Komentar|Halaman|©|Copyright|Artikel ini telah tayang|sumber:|-- AFP|\(\w+/\w+\)$|\(red\)$|Tags?:?$|Share|facebook twitter|URL berhasil|Penulis:|Editor:|By |Written by|Published:|- Redaksi|warta-timur\.com –$|\d+( Komentar)?$)")
pages = sorted(os.listdir("pages"))
assert set("pages/"+p for p in pages) | set(recs) == set(g["documents"]), "coverage"
mid_breaks = 0
for key, d in g["documents"].items():
    if d["format"] in ("txt", "jsonl-text"):
        text = open(key, encoding="utf-8").read() if d["format"] == "txt" else recs[key]["text"]
        lines = text.split("\n")
        assert d["body"] == sorted(set(d["body"]))
        for n in d["body"]:
            l = lines[n-1]
            assert l.strip(), (key, n)
            assert not BOILER.match(l), (key, n, l)
            assert l.strip() != d["title"], (key, n)
        # every non-body non-empty line that looks like a long prose paragraph must be explained
        for i, l in enumerate(lines, 1):
            if i not in d["body"] and len(l.split()) > 25 and not d.get("clean"):
                print("  long non-body line:", key, i, l[:70])
        for q in d["quotes"]:
            assert q["line"] in d["body"] and q["starts"] in lines[q["line"]-1], (key, q)
        for s in d["subheadings"]:
            assert s in d["body"]
        for a, b in zip(d["body"], d["body"][1:]):
            if b == a + 2 and lines[a] == "" and not re.search(r'[.!?"”]$', lines[a-1]) and lines[b-1][0].islower():
                mid_breaks += 1; print("  mid-sentence break:", key, a, b)
        if d["format"] == "txt":
            assert d["title"] in lines, key
        if d.get("clean"):
            assert recs[key].get("clean") is True and d["body"] == [i for i, l in enumerate(lines, 1) if l.strip()]
    for q in d["quotes"]:
        assert q["speaker"] is None or q["speaker"][0].isupper()
assert mid_breaks >= 1
for e, ev in g["events"].items():
    for k in ev["documents"]: assert g["documents"][k]["event"] == e
    outlets = {g["documents"][k]["outlet"] for k in ev["documents"]}
    print(e, len(ev["documents"]), "docs,", len(outlets), "outlets")
for k, d in g["documents"].items():
    if d["duplicate_of"]: assert d["duplicate_of"] in g["documents"]
inc = g["inconsistencies"][0]
assert "Minggu (3/3/2025)" in open(inc["document"]).read().split("\n")[inc["line"]-1]
print("languages:", {l: sum(1 for k,d in g["documents"].items() if d["language"]==l and k.startswith("pages/")) for l in ("id","en")})
print("all checks passed")
