"""The article's own facts: headline, date line, byline, province, and the award total its headline claims."""
from __future__ import annotations

import re
from datetime import date

from ..doc import Doc
from ..facts import ArticleMeta
from ..layout import AUTHOR, PARAGRAPH, TITLE, UPDATED
from ..text import parse_number

_TIME_THEN_DATE = re.compile(r"(\d{1,2}):(\d{2})\s*\|?\s*(\d{1,2})/(\d{1,2})/(\d{4})")
_DATE_THEN_TIME = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})\s*\|?\s*(\d{1,2}):(\d{2})")
_DATE_ONLY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
NUMBER = r"\d{1,3}(?:\.\d{3})+|\d+"


def _updated(doc: Doc, start: int, end: int) -> str | None:
    line = doc.text[start:end]
    if m := _TIME_THEN_DATE.search(line):
        hh, mm, d, mo, y = m.groups()
    elif m := _DATE_THEN_TIME.search(line):
        d, mo, y, hh, mm = m.groups()
    elif m := _DATE_ONLY.search(line):
        (d, mo, y), hh, mm = m.groups(), "0", "00"
    else:
        return None
    try:
        date(int(y), int(mo), int(d))
    except ValueError:
        return None
    return f"{int(y):04d}-{int(mo):02d}-{int(d):02d}T{int(hh):02d}:{int(mm):02d}:00+07:00"


def headline_total(doc: Doc, start: int, end: int) -> tuple[int, tuple[int, int]] | None:
    """ "27 tập thể, cá nhân được tặng…": one count before several recipient kinds is a total;
    "4 tập thể, 5 cá nhân" sums. Only a headline that speaks of awards states one ("Khen thưởng 20 tập thể,
    cá nhân", "hơn 5.000 trường hợp nhận khen thưởng"), not one that proposes or praises them, nor a lead
    paragraph scraped into the title line (several sentences, a closing full stop)."""
    from .awards import is_headline     # here, not at the top: this function is the awards' part of the module
    if not is_headline(doc, start, end):
        return None
    found = list(doc.vocabulary.matcher("cue").finditer(doc.view, start, end))
    cues = {c.concept.key for c in found}
    # the bare verbs (tặng, trao, nhận) name no award by themselves ("Tặng quà 200 học sinh"); "khen thưởng" does
    awarded = any(c.concept.key == "confer" and " " in doc.view[c.start:c.end] for c in found) or next(
        iter(doc.vocabulary.matcher("award-kind").finditer(doc.view, start, end)), None)
    if not awarded or cues & {"propose", "commend"}:
        return None
    kinds = doc.vocabulary.matcher("recipient-kind").alternation
    joined = rf"(?<![\w.,/])(?:{NUMBER})\s+{kinds}(?:\s*(?:,|và)\s*(?:(?:{NUMBER})\s+)?{kinds})*(?!\w)"
    m = re.compile(joined).search(doc.view, start, end)
    if not m:
        return None
    total = sum(parse_number(n) for n in re.findall(NUMBER, m.group(0)))
    return int(total), m.span()


def recognize_article(doc: Doc) -> ArticleMeta:
    title = doc.blocks_of(TITLE)[0]
    meta = ArticleMeta(headline=doc.text[title.start:title.end], headline_span=(title.start, title.end))
    for block in doc.blocks_of(UPDATED):
        meta.updated = _updated(doc, block.start, block.end)
        if meta.updated:
            meta.updated_span = (block.start, block.end)
            break
    for block in doc.blocks_of(AUTHOR):
        meta.author, meta.author_span = doc.text[block.start:block.end], (block.start, block.end)
    provinces = doc.vocabulary.matcher("province")
    for block in doc.blocks_of(TITLE) + doc.blocks_of(PARAGRAPH)[:2]:
        found = next(iter(provinces.finditer(doc.view, block.start, block.end)), None)
        if found:
            meta.province, meta.province_span = found.concept, (found.start, found.end)
            break
    if total := headline_total(doc, title.start, title.end):
        meta.headline_total, meta.headline_total_span = total
    return meta


def article_date(meta: ArticleMeta) -> date | None:
    return date.fromisoformat(meta.updated[:10]) if meta.updated else None
