"""Dates and periods: "ngày 20/3/2017", "20-02-2017", "ngày 21 tháng 3 năm 2017", "Sáng 12/1", "Chiều 21-12",
"ngày 30.9", "Ngày 19 - 12", "Sáng nay (12/1)" (year from the article's date line), "giai đoạn 2017 - 2020", "2021-2025".
A day and month with no year is a date only after a word of the day-part scheme ("Sáng", "Chiều", "ngày"): a bare
"3/5" may be a fraction. With no date line its year stays unknown, unless the sentence around it fixes it
(sentence_year): "phiên họp thường kỳ tháng 11 năm 2023", "nhiệm vụ quý IV.2015", an anniversary
"(22-12-1944/22-12-2023)" celebrated on the day before."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from ..doc import Doc
from ..spans import Covered

# One separator throughout ("/", "-" or "."); "(22-12-1944/22-12-2023)" holds two dates; "…/2019/QĐ-UBND" none.
DAY_MONTH_YEAR = re.compile(r"(?<!\d)(?<!\d[.,])(\d{1,2})([/.-])(\d{1,2})\2((?:1[89]|20)\d{2})(?!\d)(?!/\w)")
DAY_MONTH_YEAR_WORDS = re.compile(r"(?<!\w)ngày\s*(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+((?:1[89]|20)\d{2})(?!\d)")
PERIOD = re.compile(r"(?<![\d/.,])((?:19|20)\d{2})\s*[-–—]\s*((?:19|20)\d{2})(?![\d/])")
YEAR_AFTER_NAM = re.compile(r"(?<!\w)năm\s+((?:19|20)\d{2})(?!\d)")
# Two dates of one day and month joined in brackets: the founding date and the anniversary.
_ANNIVERSARY_GAP = re.compile(r"\s*[-–—/]\s*")
# Cues of a sentence's year: "tháng 11 năm 2023" (a month), "năm 2022", "quý IV.2015" (the current year) but
# not a horizon or a starting point ("đến năm 2030", "từ năm 2015").
_MONTH_YEAR = re.compile(r"(?<!\w)tháng\s+(\d{1,2})\s*(?:năm\s+|[/.-]\s*)((?:19|20)\d{2})(?!\d)")
_YEAR = re.compile(r"(?<!\w)(?:năm|quý\s+[ivx\d]+\s*(?:[./]|năm))\s*((?:19|20)\d{2})(?![\d-])")
_NOT_NOW = re.compile(r"(?:đến|tới|từ|trước|sau|tầm nhìn|vào)\s*$")
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
_FIRST_HALF = 6


@dataclass(frozen=True)
class DateMention:
    span: tuple[int, int]
    iso: str | None                # xsd:date; None when neither the text nor a date line gives the year
    day: int = 0
    month: int = 0
    year_written: bool = True      # the year is part of the date as written
    founding: bool = False         # the first date of an anniversary pair: never an event's date
    anniversary: bool = False      # the second date of an anniversary pair


@dataclass(frozen=True)
class PeriodMention:
    span: tuple[int, int]
    start: int
    end: int


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def resolve_day_month(day: int, month: int, reference: date | None) -> date | None:
    """A day and month with no year: the latest such date not after the article's date (so "Chiều 29/12"
    in an article of 4 January is last year's)."""
    if reference is None:
        return None
    candidate = _valid(reference.year, month, day)
    if candidate is not None and candidate > reference:
        candidate = _valid(reference.year - 1, month, day)
    return candidate


DAY_MONTH_WORDS = re.compile(r"(?<!\w)ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})(?!\s*(?:năm|[/.-])\s*\d)(?!\d)")


@lru_cache(maxsize=4)
def _relative_pattern(parts: str) -> re.Pattern:
    """A day part, then a day and month: "Sáng 12/1", "Chiều 21-12", "ngày 30.9", "Sáng nay (12/1)"."""
    return re.compile(rf"(?<!\w){parts}(?:\s+(?:nay|qua|hôm nay|hôm qua))?\s*\(?\s*(\d{{1,2}})([/.]|\s*[-–]\s*)"
                      rf"(\d{{1,2}})(?![\d/.-]\d|\w)")


@lru_cache(maxsize=4)
def _days_pattern(parts: str) -> re.Pattern:
    """Two days of one month: "Ngày 16,17 tháng 5 năm 2019", "Trong 2 ngày 19 và 20/7", "ngày 8-9/12/2015"."""
    return re.compile(rf"(?<!\w){parts}(?:\s+(?:nay|qua))?\s*\(?\s*(\d{{1,2}})\s*(?:,|và|&|-|–)\s*\d{{1,2}}\s*"
                      rf"(?:([/.-])(\d{{1,2}})(?:\2((?:1[89]|20)\d{{2}}))?|tháng\s+(\d{{1,2}})"
                      rf"(?:\s+năm\s+((?:1[89]|20)\d{{2}}))?)(?![\d/.-]\d|\w)")


def _first_days(doc: Doc, reference: date | None) -> list[DateMention]:
    """An event over two days is dated by its first."""
    found = []
    for m in _days_pattern(doc.vocabulary.matcher("day-part").alternation).finditer(doc.view):
        day, month = int(m.group(1)), int(m.group(3) or m.group(5))
        year = m.group(4) or m.group(6)
        d = _valid(int(year), month, day) if year else resolve_day_month(day, month, reference)
        if _valid(2000, month, day) is None:
            continue
        found.append(DateMention((m.start(1), m.end()), d.isoformat() if d else None, day, month,
                                 year_written=bool(year)))
    return found


def recognize_dates(doc: Doc, reference: date | None) -> list[DateMention]:
    found: list[DateMention] = _first_days(doc, reference)
    spans: list[tuple[int, int]] = [d.span for d in found]
    several = Covered(spans)
    for pattern, groups in ((DAY_MONTH_YEAR, (1, 3, 4)), (DAY_MONTH_YEAR_WORDS, (1, 2, 3))):
        for m in pattern.finditer(doc.view):
            if several.covers(m.start()):
                continue
            day, month, year = (int(m.group(g)) for g in groups)
            d = _valid(year, month, day)
            if d:
                found.append(DateMention(m.span(), d.isoformat(), day, month))
            spans.append(m.span())
    found = _mark_anniversaries(doc, sorted(found, key=lambda d: d.span))
    taken = Covered(spans)
    relative = _relative_pattern(doc.vocabulary.matcher("day-part").alternation)
    for pattern, (day_group, month_group) in ((relative, (1, 3)), (DAY_MONTH_WORDS, (1, 2))):
        for m in pattern.finditer(doc.view):
            if taken.covers(m.start(day_group)):
                continue
            day, month = int(m.group(day_group)), int(m.group(month_group))
            if _valid(2000, month, day) is None:
                continue
            d = resolve_day_month(day, month, reference)
            span = (m.start(day_group), m.end(month_group))
            found.append(DateMention(span, d.isoformat() if d else None, day, month, year_written=False))
    return sorted(found, key=lambda d: d.span)


def _mark_anniversaries(doc: Doc, dates: list[DateMention]) -> list[DateMention]:
    marked = list(dates)
    for i in range(len(dates) - 1):
        first, second = dates[i], dates[i + 1]
        if ((first.day, first.month) == (second.day, second.month) and first.iso < second.iso
                and _ANNIVERSARY_GAP.fullmatch(doc.text, first.span[1], second.span[0])):
            marked[i] = DateMention(first.span, first.iso, first.day, first.month, founding=True)
            marked[i + 1] = DateMention(second.span, second.iso, second.day, second.month, anniversary=True)
    return marked


_BOUND = re.compile(r"(?<!\w)(?:đến|tới|từ|trước|sau)\s+(?:hết\s+)?(?:ngày\s+)?$")


def bounds_a_span(doc: Doc, when: DateMention) -> bool:
    """ "đến ngày 30/6/2020", "từ ngày 1/7": the end or start of a span, not the day something happened."""
    return bool(_BOUND.search(doc.view, max(0, when.span[0] - 20), when.span[0]))


def _current_years(doc: Doc, start: int, end: int, skip: Covered) -> set[int]:
    """The years of "năm Y" and "quý IV.Y" between start and end, not in `skip` or quotes, not horizons."""
    quoted = Covered(m.span() for m in _QUOTED.finditer(doc.text, start, end))
    return {int(m.group(1)) for m in _YEAR.finditer(doc.view, start, end)
            if not skip.covers(m.start()) and not quoted.covers(m.start())
            and not _NOT_NOW.search(doc.view, max(start, m.start() - 12), m.start())}


def period_year(doc: Doc, start: int, end: int, when: DateMention, skip: Covered, body: list[tuple[int, int]]) -> int | None:
    """A sentence that gives only a period ("vinh danh … giai đoạn 2017-2020") fixes no year by itself; the
    article does when the one current year its body names ("9 tháng đầu năm 2020") lies in that period."""
    periods = [p for p in PERIOD.finditer(doc.view, start, end) if not skip.covers(p.start())]
    if not periods or not 2 <= when.month <= 11:
        return None
    years = set().union(*(_current_years(doc, s, e, skip) for s, e in body))
    if len(years) != 1:
        return None
    year = next(iter(years))
    return year if any(int(p.group(1)) <= year <= int(p.group(2)) for p in periods) else None


def sentence_year(doc: Doc, start: int, end: int, when: DateMention, dates: list[DateMention],
                  skip: Covered) -> int | None:
    """The year a sentence fixes for a day and month written without one, when every cue agrees: a full date
    within a month of it (of an anniversary pair, the anniversary), "tháng M năm Y" of its month, or, away from
    the turn of the year (where "tổng kết năm 2022" may be held in January 2023), "năm Y" and "quý IV.Y".
    Cues inside `skip` (document references) or quotes do not count."""
    quoted = Covered(m.span() for m in _QUOTED.finditer(doc.text, start, end))
    def counts(pos: int) -> bool:
        return not skip.covers(pos) and not quoted.covers(pos)

    years: set[int] = set()
    for d in dates:
        if start <= d.span[0] < end and d.year_written and not d.founding and counts(d.span[0]) and d.iso:
            other = date.fromisoformat(d.iso)
            same_year = _valid(other.year, when.month, when.day)
            if same_year and abs((other - same_year).days) <= 31:
                years.add(other.year)
    for m in _MONTH_YEAR.finditer(doc.view, start, end):
        if int(m.group(1)) == when.month and counts(m.start()):
            years.add(int(m.group(2)))
    if 2 <= when.month <= 11:
        current = _current_years(doc, start, end, skip)
        # "Ngày 25/3, … tổng kết năm 2014, phát động thi đua năm 2015": in the first half of a year, the
        # last year reviewed and the year begun; the meeting is in the later one
        if not years and len(current) == 2 and max(current) - min(current) == 1 and when.month <= _FIRST_HALF:
            current = {max(current)}
        years |= current
    return years.pop() if len(years) == 1 else None


def recognize_periods(doc: Doc) -> list[PeriodMention]:
    found = []
    for m in PERIOD.finditer(doc.text):
        start, end = int(m.group(1)), int(m.group(2))
        if start <= end:
            found.append(PeriodMention(m.span(), start, end))
    return found


def year_spans(doc: Doc) -> list[tuple[int, int]]:
    """'năm 2020': a year, not a figure."""
    return [m.span(1) for m in YEAR_AFTER_NAM.finditer(doc.view)]
