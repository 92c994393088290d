"""TEMPORARY stub until the gazetteer branch lands (not committed)."""
def relation(a: str, b: str) -> str:
    known = {"jakarta","bandung","surabaya","semarang","medan","makassar","denpasar","yogyakarta","bogor","bekasi","tangerang","depok","malang","solo","batam","new york","los angeles","chicago","houston","boston","seattle","atlanta","miami","denver","dallas","london","paris","berlin","madrid","rome","tokyo","sydney","toronto","vladivostok"}
    if a.lower() in known and b.lower() in known: return "distinct"
    return "unknown"
def country_of(name: str):
    return name if name in {"Rusia","Indonesia","Korea Utara","Korea Selatan","Amerika Serikat","Ukraina"} else None
