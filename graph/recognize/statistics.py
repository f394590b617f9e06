"""Statistics: the figures a body paragraph reports, with qualifier, unit, what is counted, and document.

    "tổng số trên 6.400 phiếu"      -> 6400, more than, unit "phiếu"
    "gần 87% ý kiến đánh giá …"     -> 87, nearly, unit "%"
    "trên 6,5 triệu hộ nghèo"       -> 6.5, more than, unit "triệu hộ" (a scale word stays in the unit)
    "16/16 tổ chức"                 -> 16, unit "tổ chức" (a ratio gives its first number)
    "giảm từ 14 thôn xuống còn 2 thôn" -> two figures
A figure is a number followed by a measure phrase read from the units vocabulary; a number followed by
anything else ("Chỉ thị 40 đã", "2 khu vực", "qua 4 năm": a time unit is no measure) is left out. Not
figures either: dates, years, periods, document numbers, numbers a word before makes a name, rank or code
("thứ 2", "lớp 12", "Quân khu 7"), page labels ("Lượt xem: 34"), a count restated ("4 tập thể này"), award
counts (and any count in a clause that confers a named award, unless it is a proposal, praise or a tally);
nothing in the title, captions, slugs or byline.
The document is the one the paragraph reports on: the only document its sentences name outside the lead;
otherwise the one the previous paragraph reported on; otherwise, when the event reviewed only one, that one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..doc import Doc
from ..facts import EventFact, Statistic
from ..layout import PARAGRAPH
from ..spans import Covered
from ..text import parse_number
from ..vocab import Matcher, Vocabulary
from .documents import DocumentFindings

# Vietnamese numbers ("6.400", "98,6"), a decimal point where no thousands group can be meant ("64.9"), and
# ratios ("16/16", "5.813/8.227"). Not a part of a date ("30/6/2020"), a time ("10:34"), or a code
# ("10/2023/NQ", "Covid-19").
NUMBER = re.compile(r"(?<![\w.,/:])(?<![^\W\d_]-)(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?|\d+\.\d{1,2})"
                    r"(?:/(\d{1,3}(?:\.\d{3})+|\d+))?"
                    r"(?![\d/:]|[.,]\d)")
MAX_STATISTIC_DIGITS = 30
_CLAUSE_END = re.compile(r"[,;:.(]|\s(?:và|với|cho|trong đó|chiếm)\s")
_CLAUSE_MARK = re.compile(r"[,;:.](?!\d)|\(")     # not the comma of "20,13"


@dataclass(frozen=True)
class _Patterns:
    measure: re.Pattern          # the measure phrase right after a number
    qualifier_before: re.Pattern
    qualifiers: Matcher
    context_before: re.Pattern   # a word of number-context ending right before the number
    contexts: Matcher
    document_kind_before: re.Pattern
    after_unit: re.Pattern       # a word of number-context right after the measure phrase
    award_kinds: Matcher
    recipients: Matcher          # the recipient kinds ("cá nhân", "tập thể")
    counter: re.Pattern          # a page counter's label after a number ("1.967 lượt xem")
    awarded: re.Pattern          # after a count, its unit and a passive conferral ("đồng chí được trao ")
    compound: re.Pattern         # a scale word alone, then a further number
    scale_before: re.Pattern     # the second part of "4 tỷ 256,9 triệu đồng"


def _names_another_document(doc: Doc, documents: DocumentFindings, block) -> bool:
    """ "Nghị quyết Đại hội Đảng bộ tỉnh đặt mục tiêu …": a capitalised document kind that cites no numbered
    document names one the article does not identify, so the paragraph's figures are not the previous one's."""
    cited = Covered(m.span for m in documents.in_span(block.start, block.end))
    return any(doc.text[m.start].isupper() and not cited.covers(m.start)
               for m in doc.vocabulary.matcher("document-kind").finditer(doc.view, block.start, block.end))


@lru_cache(maxsize=4)
def _patterns(vocabulary: Vocabulary) -> _Patterns:
    counted = vocabulary.matcher("unit").alternation
    measures = vocabulary.matcher("measure").alternation
    scales = vocabulary.matcher("number-scale").alternation
    rate = r"(?:\s*/\s*[^\W\d_]+)*"            # "USD/người/năm", "triệu đồng/nhóm"
    scaled = rf"(?:(?:{scales})\s+)"
    coordinated = rf"(?:(?:\s*,\s*|\s+và\s+){counted}(?![\w%]))*"   # counted nouns coordinate: "tập thể, cá nhân"
    # Counted nouns before measures: "5 đồng chí" is no sum of money.
    measure = "|".join((
        rf"{scaled}+{counted}{rate}{coordinated}",   # "6,5 triệu hộ", "617.700 lượt cán bộ, đảng viên"
        rf"{counted}{rate}{coordinated}",            # "330 tổ chức, cá nhân", "15 tiêu chí/xã"
        rf"{scaled}*{measures}{rate}",               # "1,298 tỷ USD", "12,3%", "6,15%/năm"; no coordination
        scales,                                      # "đạt 3 triệu"
    ))
    qualifiers = vocabulary.matcher("number-qualifier")
    contexts = vocabulary.matcher("number-context")
    restated = "|".join(re.escape(label) for label, concept in contexts.by_label.items() if concept.key == "restated")
    page_labels = "|".join(re.escape(label) for label, concept in contexts.by_label.items()
                           if concept.key == "page-label" and label.startswith("lượt"))
    conferring = "|".join(re.escape(label) for label, concept in contexts.by_label.items()
                          if concept.key == "conferral")
    container = "|".join(re.escape(label) for label, concept in contexts.by_label.items() if concept.key == "container")
    return _Patterns(
        measure=re.compile(rf"[ \t]*({measure})(?![\w%])"),
        qualifier_before=re.compile(rf"(?<!\w)({qualifiers.alternation})\s+$"),
        qualifiers=qualifiers,
        context_before=re.compile(rf"(?<!\w)({contexts.alternation})[\s:]*$"),
        contexts=contexts,
        document_kind_before=re.compile(
            rf"(?<!\w){vocabulary.matcher('document-kind').alternation}\s+(?:số\s+)?$"),
        after_unit=re.compile(rf"\s+({restated}|(?:{container})(?=\s+(?:{qualifiers.alternation}\s+)?\d))(?!\w)"),
        award_kinds=vocabulary.matcher("award-kind"),
        recipients=vocabulary.matcher("recipient-kind"),
        counter=re.compile(rf"[ \t]*(?:{page_labels})(?!\w)"),
        awarded=re.compile(rf"[ \t]+(?:[^\W\d_]+[ \t]+){{1,3}}được[ \t]+(?:{conferring})[ \t]+"),
        compound=re.compile(rf"(?:{scales})(?=\s+\d)"),
        scale_before=re.compile(rf"(?<!\w)(?:{scales})\s+$"),
    )


def recognize_statistics(doc: Doc, excluded: list[tuple[int, int]], documents: DocumentFindings,
                         events: list[EventFact]) -> list[Statistic]:
    vocabulary = doc.vocabulary
    patterns = _patterns(vocabulary)
    exact = vocabulary.concept("number-qualifier", "exact")
    about = vocabulary.concept("number-qualifier", "about")
    lead_spans = [span for event in events for span in event.spans[:1]]
    reviewed = {i for event in events for i in event.reviewed}
    found: list[Statistic] = []
    current: str | None = None
    excluded = Covered(excluded)
    clauses: dict[int, tuple[bool, int]] = {}
    for block in doc.blocks_of(PARAGRAPH):
        named = {m.identifier for m in documents.in_span(block.start, block.end)
                 if not any(a <= m.span[0] < b for a, b in lead_spans)}
        in_lead = any(block.start <= a < block.end for a, _ in lead_spans)
        if len(named) == 1:
            current = next(iter(named))
        elif named or in_lead or _names_another_document(doc, documents, block):
            current = None
        document = current or (next(iter(reviewed)) if len(reviewed) == 1 else None)
        names = _quoted_names(doc.text, block.start, block.end)
        for m in NUMBER.finditer(doc.text, block.start, block.end):
            if excluded.covers(m.start()):
                continue
            context = _context_before(doc, m.start(), block.start, patterns)
            if context in ("identifier", "date-part", "page-label", "name", "range") or any(
                    a < m.start() < b for a, b in names):
                continue
            value = _statistic_value(m.group(1))
            if value is None or m.group(2) and value > parse_number(m.group(2)):
                continue                          # "12/01": a day and month, not a ratio
            unit_match = patterns.measure.match(doc.view, m.end(), block.end)
            if unit_match is None:
                continue
            compound = patterns.compound.match(doc.view, unit_match.start(1), block.end)
            if compound and compound.end() == unit_match.end(1):
                continue                          # "4 tỷ 256,9 triệu đồng": a sum in two parts
            if patterns.counter.match(doc.view, m.end(), block.end):
                continue                          # "1.967 lượt xem": the page's counter, not the article's figure
            after = patterns.after_unit.match(doc.view, unit_match.end(1), block.end)
            after = patterns.contexts.lookup(after.group(1)).key if after else None
            if after == "restated":
                continue
            # "3 Đảng bộ có 54 đảng viên được nhận Huy hiệu": the 3 counts those who have the recipients.
            if after != "container" and _in_conferral(doc, m.start(), patterns, clauses):
                continue
            unit, unit_end = doc.text[unit_match.start(1):unit_match.end(1)], unit_match.end(1)
            head = doc.view[max(block.start, m.start() - 16):m.start()]
            q = patterns.qualifier_before.search(head)
            qualifier = patterns.qualifiers.lookup(q.group(1)) if q else exact
            if context == "comparative":
                qualifier = exact                 # "cao hơn 5%": five points higher, not "more than 5%"
            start = m.start() - (len(head) - q.start()) if q else m.start()
            clause_start = _clause_start(doc.text, block.start, start)
            if q is None and _opens_with_estimate(doc.view[clause_start:start], patterns, about):
                qualifier = about                 # "Ước tốc độ tăng trưởng … là 6,15%/năm"
            tail_end = _CLAUSE_END.search(doc.text, unit_end, block.end)
            what = doc.text[unit_end:tail_end.start() if tail_end else block.end].strip().lstrip(")]”\"' ")
            if len(what.split()) < 2:
                what = doc.text[clause_start:start].strip()
            found.append(Statistic(value, doc.text[start:unit_end], qualifier, unit, what,
                                   document, (start, unit_end)))
    return found


def _statistic_value(surface: str):
    """The number's exact value, or None for a digit run no figure can have (a statistic of 10^30 đồng is noise)."""
    if sum(c.isdigit() for c in surface) > MAX_STATISTIC_DIGITS:
        return None
    return parse_number(surface)


_WORD_BEFORE = re.compile(r"([^\W\d_]+)[ \t]+$")
_RANGE_BEFORE = re.compile(r"\d%?\s*[-–]\s*$")


def _context_before(doc: Doc, pos: int, block_start: int, patterns: _Patterns) -> str | None:
    """What the words right before a number make of it: a name, rank or code ("thứ 2", "NQ 17", "Quân khu 7",
    "Nhơn Thọ 2"), a page label ("Lượt xem: 34"), the end of a range ("10-12%", "30-10"), a total ("tổng số"),
    a comparison ("cao hơn 5%"); None when nothing is said."""
    head = doc.view[max(block_start, pos - 24):pos]
    if patterns.document_kind_before.search(head):
        return "identifier"
    if patterns.scale_before.search(head):
        return "range"                            # "4 tỷ 256,9 triệu đồng": part of a sum in two parts
    if _RANGE_BEFORE.search(head):
        return "range"
    context = patterns.context_before.search(head)
    if context is not None:
        return patterns.contexts.lookup(context.group(1)).key
    word = _WORD_BEFORE.search(doc.text, block_start, pos)
    if word and word.group(1)[0].isupper() and not word.group(1).isupper():
        before = doc.text[block_start:word.start()].rstrip()
        if before and before[-1].isalnum():
            return "name"                         # a capitalized word inside a clause: part of a name
    return None


def _in_conferral(doc: Doc, pos: int, patterns: _Patterns, clauses: dict[int, tuple[bool, int]]) -> bool:
    """The clause names an award the sentence confers ("trao Huân chương … cho 1 cá nhân; Huân chương … cho
    2 cá nhân"): its counts are the award's, unless the clause proposes, praises or tallies across grades
    ("đề nghị tặng Bằng khen cho 15 cá nhân", "… Huân chương Lao động các hạng"), or a tally over years comes
    before the count ("5 năm qua, 993 tập thể được tặng …"; but not "… cho 4 tập thể … giai đoạn 2016-2020").
    Clauses end at ";": in "Thủ tướng tặng Bằng khen cho 5 tập thể; Tỉnh ủy biểu dương 14 tập thể" the 14
    is a figure."""
    sentence = doc.sentence_at(pos)
    if sentence is None:
        return False
    start = max(sentence.start, doc.text.rfind(";", sentence.start, pos) + 1)
    if start not in clauses:
        end = doc.text.find(";", pos, sentence.end)
        end = sentence.end if end < 0 else end
        cues = list(patterns.contexts.finditer(doc.view, start, end))
        conferral = any(m.concept.key == "conferral"
                        for m in patterns.contexts.finditer(doc.view, sentence.start, sentence.end))
        award = next(patterns.award_kinds.finditer(doc.view, start, end), None)
        proposal = any(m.concept.key == "not-conferral" for m in cues)
        # a conferral clause, and where in it a tally begins that makes the counts after it figures
        first_tally = min((m.start for m in cues if m.concept.key == "tally"), default=end)
        # a clause of a list of conferrals that names an award the vocabulary lacks ("…; Huân chương Y của nước
        # bạn cho 02 cá nhân"): its count goes to recipients, as the other clauses' do
        listed = (award is None and conferral and not proposal
                  and next(patterns.award_kinds.finditer(doc.view, sentence.start, sentence.end), None) is not None)
        clauses[start] = (award is not None and conferral and not proposal, first_tally, listed, proposal)
    conferring, first_tally, listed, proposal = clauses[start]
    after = NUMBER.match(doc.view, pos).end()
    if listed and _FOR.search(doc.view, max(start, pos - 5), pos) and patterns.recipients.match_at(doc.view, after + 1):
        return True
    # "576 đồng chí được trao Huy hiệu 50 năm tuổi Đảng": the count's own clause confers a named award
    if not proposal and pos < first_tally and (passive := patterns.awarded.match(doc.view, after)) \
            and doc.text[passive.end()].isupper():
        return True
    return conferring and pos < first_tally


_QUOTED = re.compile(r"“[^”\n]*”|\"[^\"\n]*\"")
_FOR = re.compile(r"(?<!\w)cho\s+$")


def _quoted_names(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Short quotations: a number inside one is part of a name ("phong trào “3 sạch”", "cuộc thi “Tìm hiểu
    95 năm …”"); a long one is reported speech, whose figures count."""
    return [q.span() for q in _QUOTED.finditer(text, start, end) if len(q.group(0).split()) <= 12]


def _clause_start(text: str, block_start: int, pos: int) -> int:
    marks = list(_CLAUSE_MARK.finditer(text, max(block_start, pos - 300), pos))
    return marks[-1].end() if marks else max(block_start, pos - 300)


def _opens_with_estimate(clause: str, patterns: _Patterns, about) -> bool:
    first = patterns.qualifiers.match_at(clause.lstrip(), 0)
    return first is not None and first.concept == about
