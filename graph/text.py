"""Vietnamese text: decoding, NFC, one tone placement, ASCII keys, and the matching view.

The article text the graph stores is the NFC form of the decoded input with universal newlines. Every offset
in the graph counts code points in that text. Recognizers never match on it directly: they match on the
*view*, a string of exactly the same length in which case is folded, non-breaking spaces are spaces and
the old tone placement ("uỷ", "hoà") is the new one ("ủy", "hòa"). Same length means a match in the view
is a span of the stored text, so a quote always equals the stored text at its offsets.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from decimal import Decimal
from functools import lru_cache

from .errors import InputError

# Old ("hoà", "thuỷ") and new ("hòa", "thủy") tone placement in a word-final oa/oe/uy: the tone moves
# to the o/u. Not after q: in "quý" the u belongs to "qu" and the tone stays on y.
_TONED_SECOND = {"a": "àáảãạ", "e": "èéẻẽẹ", "y": "ỳýỷỹỵ"}
_TONED_FIRST = {"o": "òóỏõọ", "u": "ùúủũụ"}
_OLD_TONE = re.compile(r"(?<![qQ])([oOuU])([àáảãạèéẻẽẹỳýỷỹỵÀÁẢÃẠÈÉẺẼẸỲÝỶỸỴ])(?!\w)")
_NEW_TONE = re.compile(r"(?<![qQ])([òóỏõọùúủũụÒÓỎÕỌÙÚỦŨỤ])([aeyAEY])(?!\w)")

_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2009\u200a\u3000\t"), " ")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _to_new(match: re.Match) -> str:
    first, second = match.group(1), match.group(2)
    for base, marks in _TONED_SECOND.items():
        if second.lower() in marks:
            tone = marks.index(second.lower())
            moved = _TONED_FIRST[first.lower()][tone]
            moved = moved.upper() if first.isupper() else moved
            return moved + (base.upper() if second.isupper() else base)
    return match.group(0)


def _to_old(match: re.Match) -> str:
    first, second = match.group(1), match.group(2)
    for base, marks in _TONED_FIRST.items():
        if first.lower() in marks:
            tone = marks.index(first.lower())
            moved = _TONED_SECOND[second.lower()][tone]
            moved = moved.upper() if second.isupper() else moved
            return (base.upper() if first.isupper() else base) + moved
    return match.group(0)


def new_tone(text: str) -> str:
    """'Tỉnh uỷ' -> 'Tỉnh ủy' (same length)."""
    return _OLD_TONE.sub(_to_new, text)


def old_tone(text: str) -> str:
    """'Tỉnh ủy' -> 'Tỉnh uỷ' (for hiddenLabels)."""
    return _NEW_TONE.sub(_to_old, text)


def _lower_same_length(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def view(text: str) -> str:
    """The matching view of NFC text: same length, case-folded, one tone placement, plain spaces."""
    return new_tone(_lower_same_length(text.translate(_SPACES)))


def ascii_fold(text: str) -> str:
    """'Đề án số 06-ĐA/TU' -> 'De an so 06-DA/TU'; đ/Đ do not decompose, so map them by hand."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize("NFC", "".join(c for c in text if unicodedata.category(c) != "Mn"))


def slug(text: str) -> str:
    """A key for IRIs: NFC, one tone placement, ASCII-folded, lowercase, hyphens. '06-ĐA/TU' -> '06-da-tu'."""
    return re.sub(r"[^a-z0-9]+", "-", ascii_fold(view(nfc(text)))).strip("-")


def match_key(text: str) -> str:
    """How two surface forms are compared: view() with runs of spaces folded."""
    return " ".join(view(nfc(text)).split())


def name_key(name: str) -> str:
    """A key for the IRI of something known by a proper name: the readable ASCII slug and a short hash of the name
    with its Vietnamese letters kept (match_key: NFC, one tone placement, case folded). 'Ninh Quốc Tuấn' and
    'Nịnh Quốc Tuấn' share a slug but not a key; 'Hoà' and 'Hòa', or a name in NFD, are one key."""
    digest = hashlib.sha256(match_key(name).encode("utf-8")).hexdigest()[:8]
    return f"{slug(name)}-{digest}"


# A count (of recipients, in a headline): at most millions, whole; a longer digit run is no count (it would not
# even print: Python refuses to turn an int of over 4,300 digits into text).
COUNT = r"(?<!\d)(?:\d{1,3}(?:\.\d{3}){1,2}|\d{1,7})(?![\d.]\d|\d)"


def parse_number(surface: str) -> int | Decimal:
    """Vietnamese number format: '.' groups thousands, ',' is the decimal mark. '6.400' -> 6400, '98,6' -> 98.6.
    A point followed by one or two digits cannot group thousands: it is a decimal point ('64.9' -> 64.9).
    Exact: a decimal is a Decimal (a float turns 12.345.678.901.234.567,25 into 12345678901234568), trailing zeros
    of the fraction dropped as before ('98,60' -> 98.6); an integer of any length converts (through Decimal,
    which has no int-string digit limit)."""
    surface = surface.strip()
    if re.fullmatch(r"\d+\.\d{1,2}", surface):
        integer, _, fraction = surface.partition(".")
    elif re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d+)?|\d+(,\d+)?", surface) is None:
        raise ValueError(f"not a Vietnamese number: {surface[:40]!r}")
    else:
        integer, _, fraction = surface.replace(".", "").partition(",")
    if fraction:
        return Decimal(f"{integer}.{fraction.rstrip('0') or '0'}")
    return int(Decimal(integer))


# --- decoding ----------------------------------------------------------------------------------

_CP1258_HINT = re.compile(rb"[\xc0-\xff]")


def decode(data: bytes, name: str) -> str:
    """Decode an article's bytes: UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1258.

    Raises InputError with a one-line reason when the bytes are not text."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise InputError(f"{name}: not valid UTF-16 despite its byte-order mark ({error.reason})") from None
    if b"\x00" in data:
        raise InputError(f"{name}: binary file (NUL bytes), not an article")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Windows-1258 writes Vietnamese with base letters plus combining tone marks (bytes 0xCC, 0xEC, 0xD2,
    # 0xDE, 0xF2); NFC later composes them.
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError:
        raise InputError(f"{name}: not UTF-8, UTF-16 or Windows-1258 text; convert it to UTF-8") from None
    if any(unicodedata.category(c) == "Mn" for c in text) or "đ" in text.lower():
        return text
    raise InputError(f"{name}: not UTF-8; if it is Windows-1258 or another legacy code page, convert it to UTF-8")


@lru_cache(maxsize=1)
def _invisible() -> dict:
    """Invisible format characters (Unicode category Cf: zero-width space and joiners, direction marks and
    overrides, soft hyphen, a stray BOM, tag characters), which inside a word hide it from every recognizer while
    the text looks the same. Read from Python's Unicode tables (the BMP and the tag block: 10 ms, once)."""
    return dict.fromkeys(c for c in [*range(0x10000), *range(0xE0000, 0xE0080)] if unicodedata.category(chr(c)) == "Cf")


def normalize(raw: str) -> str:
    """The stored article text: universal newlines, NFC, and no invisible format characters; nothing else (the
    quotes must match the source as it reads)."""
    return nfc(raw.replace("\r\n", "\n").replace("\r", "\n").translate(_invisible()))
