"""Dates and periods: "ngày 20/3/2017", "20/02/2017", "Sáng 12/1" (year from the article's date),
"giai đoạn 2017 - 2020", "2021-2025". A day and month with no year is a date only after a word of the day-part
scheme ("Sáng", "Chiều", "ngày"): a bare "3/5" may be a fraction."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..doc import Doc
from ..spans import Covered

DAY_MONTH_YEAR = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})(?![\d/])")
PERIOD = re.compile(r"(?<![\d/.,])((?:19|20)\d{2})\s*[-–—]\s*((?:19|20)\d{2})(?![\d/])")
YEAR_AFTER_NAM = re.compile(r"(?<!\w)năm\s+((?:19|20)\d{2})(?!\d)")


@dataclass(frozen=True)
class DateMention:
    span: tuple[int, int]
    iso: str                       # xsd:date


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


def recognize_dates(doc: Doc, reference: date | None) -> list[DateMention]:
    found: list[DateMention] = []
    spans: list[tuple[int, int]] = []
    for m in DAY_MONTH_YEAR.finditer(doc.text):
        d = _valid(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if d:
            found.append(DateMention(m.span(), d.isoformat()))
        spans.append(m.span())
    taken = Covered(spans)
    parts = doc.vocabulary.matcher("day-part").alternation
    relative = re.compile(rf"(?<!\w){parts}\s+(\d{{1,2}})/(\d{{1,2}})(?![\d/])")
    for m in relative.finditer(doc.view):
        if taken.covers(m.start(1)):
            continue
        d = resolve_day_month(int(m.group(1)), int(m.group(2)), reference)
        if d:
            found.append(DateMention(m.span(1)[:1] + m.span(2)[1:], d.isoformat()))
    return sorted(found, key=lambda d: d.span)


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
