"""Bytes to text, for pages in any common encoding, without ever crashing on undecodable bytes."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

# Encodings a Western/Indonesian news pile comes in when it is not UTF-8. Windows-1252 is first: it is what
# "ANSI" editors and old CMS exports write, and it is a superset of Latin-1 for printable text.
_WESTERN = ("cp1252", "latin_1", "iso8859_15", "cp1250", "mac_roman")

_BINARY_MAGIC = (
    b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"%PDF", b"PK\x03\x04", b"\x1f\x8b", b"BZh", b"\x7fELF", b"RIFF",
    b"ID3", b"OggS", b"\x00\x00\x01\x00", b"II*\x00", b"MM\x00*", b"Rar!", b"7z\xbc\xaf",
)


class NotText(ValueError):
    """The bytes are not a text page (binary, or no encoding explains them)."""


def sniff_binary(data: bytes) -> str | None:
    """Name what the bytes look like when they are clearly not text, else None."""
    head = data[:16]
    if head.startswith(b"\x89PNG"):
        return "a PNG image"
    if head.startswith((b"\xff\xd8\xff", b"GIF8")):
        return "an image"
    if head.startswith(b"%PDF"):
        return "a PDF document (extract its text first)"
    if head.startswith(b"\x1f\x8b"):
        return "gzip-compressed data"
    if head.startswith(_BINARY_MAGIC):
        return "binary data"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    sample = data[:4096]
    if sample.count(b"\x00") > len(sample) // 100 + 1:
        return "binary data (NUL bytes)"
    return None


def decode(data: bytes) -> tuple[str, str]:
    """Decode page bytes; return (text, encoding name).

    UTF-8 (with or without BOM) and UTF-16 with BOM are taken as they say. Otherwise charset-normalizer guesses;
    among single-byte Western encodings, which it cannot tell apart on short texts, Windows-1252 is preferred.
    """
    what = sniff_binary(data)
    if what:
        raise NotText(f"looks like {what}, not a text or HTML page")
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    lenient = data.decode("utf-8", errors="replace")
    bad = lenient.count("\ufffd")
    good_multibyte = sum(1 for ch in lenient if ord(ch) > 0x7F) - bad
    if good_multibyte > 0 and bad <= max(3, len(lenient) // 1000):
        # Mostly UTF-8 with a few broken bytes (a truncated copy, a bad splice): keep UTF-8, mark the damage.
        return lenient, "utf-8 (with replaced bytes)"
    best = from_bytes(data[:200_000]).best()
    enc = best.encoding if best is not None else None
    if enc is None or enc in _WESTERN or enc.startswith(("cp125", "iso8859", "latin")):
        enc = "cp1252"
        # cp1252 leaves five bytes undefined; Latin-1 maps them, so fall back to it instead of failing.
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            return data.decode("latin_1"), "latin_1"
    return data.decode(enc, errors="replace"), enc


def looks_like_text(text: str) -> bool:
    """True when decoded text is mostly printable: a last guard against binaries with no magic number."""
    sample = text[:5000]
    if not sample:
        return False
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f")
    return bad <= len(sample) * 0.02
