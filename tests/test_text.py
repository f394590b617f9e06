"""Text handling: NFC, one tone placement, offsets that survive normalization, Vietnamese numbers, decoding."""
import unicodedata
from decimal import Decimal

import pytest

from vnkg.errors import InputError
from vnkg.text import ascii_fold, decode, new_tone, normalize, old_tone, parse_number, slug, view


@pytest.mark.parametrize("old, new", [("Tỉnh uỷ", "Tỉnh ủy"), ("hoà", "hòa"), ("khoẻ", "khỏe"), ("Thuý", "Thúy")])
def test_old_tone_placement_becomes_new(old, new):
    assert new_tone(old) == new
    assert old_tone(new) == old


def test_quy_keeps_its_tone_on_y():
    assert new_tone("quý") == "quý"
    assert old_tone("quý") == "quý"


def test_view_has_the_same_length_as_the_text():
    text = normalize("Tỉnh uỷ\u00a0Cao Bằng  HOÀ BÌNH")
    assert len(view(text)) == len(text)
    assert view(text) == "tỉnh ủy cao bằng  hòa bình"


def test_nfd_input_is_stored_as_nfc():
    decomposed = unicodedata.normalize("NFD", "Đề án số 06-ĐA/TU")
    assert normalize(decomposed) == "Đề án số 06-ĐA/TU"


@pytest.mark.parametrize("surface, value", [("6.400", 6400), ("617.700", 617700), ("98,6", Decimal("98.6")), ("1,5", Decimal("1.5")),
                                            ("75", 75), ("1.234.567", 1234567)])
def test_vietnamese_numbers(surface, value):
    assert parse_number(surface) == value


def test_a_dot_is_never_a_decimal_point():
    assert parse_number("6.400") != 6.4


def test_slug_folds_d_and_tones():
    assert slug("06-ĐA/TU") == "06-da-tu"
    assert slug("Tỉnh uỷ") == slug("Tỉnh ủy") == "tinh-uy"
    assert ascii_fold("Đồng chí") == "Dong chi"


TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def to_windows_1258(text: str) -> bytes:
    """How legacy Vietnamese software writes: vowel shapes precomposed (ă, ơ, ư), tone marks combining."""
    out = b""
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            shape = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONE_MARKS))
            out += (shape + "".join(c for c in parts if c in TONE_MARKS)).encode("cp1258")
    return out


def test_decoding_utf8_bom_utf16_and_windows_1258():
    text = "Tỉnh ủy Cao Bằng, Đề án"
    assert decode(b"\xef\xbb\xbf" + text.encode("utf-8"), "a") == text
    assert normalize(decode(text.encode("utf-16"), "a")) == text
    assert normalize(decode(to_windows_1258(text), "a")) == text


def test_binary_is_refused_with_the_file_name():
    with pytest.raises(InputError, match="x.bin: binary"):
        decode(b"\x00\x01\x02", "x.bin")


def test_invisible_characters_inside_names_do_not_hide_them():
    from vnkg.extraction import extract

    # a zero-width space inside a family name, a right-to-left override and its end around a title
    text = normalize("Tuyên Quang: hội nghị\nCập nhật: 10:00 | 12/01/2021\n"
                     "Đồng chí Ngu\u200byễn Văn Hải, \u202eBí thư\u202c Tỉnh ủy chủ trì hội nghị.\nPhóng viên Nam\n")
    assert "\u200b" not in text and "\u202e" not in text
    assert [h.person for h in extract(text).holdings] == ["Nguyễn Văn Hải"]
