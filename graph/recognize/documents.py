"""Policy documents: full references, references by number alone, back-references, and how documents relate.

    Đề án số 06-ĐA/TU, ngày 20/3/2017 của Tỉnh ủy về “Đổi mới …” giai đoạn 2017 - 2020
    kind   số identifier  [, ngày date]  [của issuer] [về “title”] [giai đoạn period]
The identifier is kept as written ("03-CT/T.Ư", "435/HD – UBND", "12/2023/NQ-HĐND"); spellings of one code
("T.Ư", "TƯ", "TW") name one document. A kind and a bare number ("Chỉ thị 40", "Nghị quyết số 29 ngày …",
"Chỉ thị số 11 và 12") refer back to a full reference of that kind and number, else cite a document whose
identifier is the number. Later "NQ 17" (the kind's code) or a bare capitalised "Chỉ thị" (when the article has
one) refer back too, and may name the issuer the citation left out ("NQ 17 của Ban Thường vụ Thành ủy"). The issuer is the "của …" organization or office, else the subject of "… ban hành", else
the body whose code closes the identifier (TU = Tỉnh ủy). A date may also open the sentence, or the clause after a
comma, that issues the document ("Ngày 21 tháng 3 năm 2017, UBND tỉnh ban hành Quyết định số …", "Ghi nhận công lao
đó, ngày 14/4/1948, Chủ tịch Hồ Chí Minh đã ký sắc lệnh số …": a signer not read as a body or office gives no issuer). A quoted name with no number
(“Dân vận khéo”) is not a document. "Kế hoạch số 45-KH/TU … để triển khai thực hiện [Chỉ thị]" and
"Quyết định số … phê duyệt Đề án …" relate two documents (cue scheme: implement, approve).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..doc import Doc
from ..facts import DocumentFact, DocumentRelation, OrgMention, OrgRef, PostRef
from ..layout import CHROME, SLUG
from ..spans import ByStart, Covered
from ..text import match_key
from ..vocab import Concept, Match, Vocabulary
from .dates import DateMention, PeriodMention

# A code in an identifier: "ĐA", "HĐND", "CTr", "TTg", or dotted "T.Ư". Separators may carry a space
# ("435/HD – UBND", "02 /HD- UBND"); a code after a spaced separator is then all capitals.
_CODE = r"(?:[A-ZĐƯ](?:\.[A-ZĐƯ])+(?!\w)|[A-ZĐƯ][A-Za-zĐđƯư&]*\d*)"     # "QH15": the 15th legislature
_SPACED_CODE = r"[A-ZĐƯ]{2,}(?!\w)"
_NUMBER = r"\d+[a-z]?"
_ABBREVIATION = r"(?:\(\s*[A-ZĐ]{1,4}\s*\)\s*)?"          # "Nghị quyết (NQ) 17"
_SO = r"(?:[Ss][ốỐ]\s*:?\s*)"
_SHORT_AFTER = re.compile(rf"\s*{_ABBREVIATION}({_SO})?({_NUMBER})(?![\w/–-]|[.,]\d)")
_MORE_NUMBERS = re.compile(rf"\s*(?:,|và)\s*({_NUMBER})(?![\w/–-]|[.,]\d)")
_QUOTED = re.compile(r"\s*(?:về|về việc|với chủ đề)?\s*[“\"]\s*([^”\"]+?)\s*[”\"]")
_ABOUT = re.compile(r"\s*về\s+(?![“\"])")
_TITLE_END = re.compile(r"[;:!?(“”\"]|\.(?!\d)")
_LEAD_IN = re.compile(r"\W*(?:[^\W\d]+\s+\d{1,2}/\d{1,2}(?:/\d{4})?\s*,\s*)?"
                      r"(?:thực hiện|theo|căn cứ|qua|sau|triển khai|quán triệt|để|nhằm|trên cơ sở)(?!\w)")
_TITLE_TAIL = re.compile(r"[\s,]*(?:gồm|như sau)$")
_GIAI_DOAN = re.compile(r"\s*,?\s*(?:giai đoạn|thời kỳ|năm)?\s*")
_TERM = re.compile(r"\s*\(?\s*khóa\s+[ivxlcdm]+\s*\)?(?!\w)")      # "(khóa XI)": the term, not the issuer
_OF = re.compile(r"\s*,?\s*(?:của|do)\s+")
# "…, Hội nghị lần thứ sáu Ban Chấp hành Trung ương Đảng khóa XII": the plenum of the body that issues
_PLENUM = re.compile(r"\s*,?\s*(?:của\s+)?hội nghị\s+(?:trung ương\s+)?(?:lần\s+thứ\s+)?[^\s,]+\s+(?:của\s+)?")
_DATE_LEAD = re.compile(r"\s*[,(]?\s*(?:ban hành\s+)?(?:ngày\s+)?")      # ", ngày 9/6/2014", "(ngày 9/6/2014)"
_CLOSING = re.compile(r"\s*\)")
_NEW_CLAUSE = re.compile(r"\s*,?\s*[A-ZĐ]")                  # "…, ngày 9/6/2014[,] Ban Thường vụ tổ chức …"
_SUBJECT_ADVERB = re.compile(r"(?:\s+(?:đã|vừa|mới|cũng|sớm|kịp thời|chính thức))*\s*$")   # "đã kịp thời ban hành"
_YEAR = re.compile(r"(?:19|20)\d{2}")
# After a bare "Chỉ thị 40" a citation goes on with punctuation or a function word ("Chỉ thị 40 đã …", "… của
# Ban Bí thư"); a noun there makes the number a count or a name ("Đề án 2 giai đoạn", "Nghị quyết 4 Trung ương").
_CITATION_GOES_ON = re.compile(r"\s*(?:$|[.,;:!?)”\"…–-]|\(|(?:của|về|ngày|đã|được|là|và|với|trong|tại|trên|do|"
                               r"đến|cho|nhằm|để|thì|mà|này|có|sẽ|đang|vẫn|cũng|tiếp tục|đạt|đi vào|ban hành)(?!\w))")
_NGAY_CANG = re.compile(r"ngày\s+càng(?!\w)")
_MULTIPLIER = re.compile(r"(?:nghìn|ngàn|triệu|tỷ|tỉ|vạn)(?!\w)")       # "Đề án 1 triệu ha …" counts hectares
_BAN_HANH_LEAD = re.compile(r"\s*[,(]?\s*(?:ban hành\s+)?")
_TERM_BEFORE = re.compile(r"\s*\(?\s*khóa\s+[ivxlcdm]+\s*\)?\s*$")
_OPENING = re.compile(r"\W*(?:vào\s+)?")
_AND = re.compile(r"\s*(?:,|và)\s*")
_AFTER_ISSUER = re.compile(r"\s*(?:$|[.,;:(“\"]|về\b|ngày\b|khóa\b)")
_SPACE = re.compile(r"\s*")
_SEPARATOR = re.compile(r"\s*[-/–—]\s*")
_SO_AHEAD = re.compile(r"\s+số")
_PLURAL = re.compile(r"(?:các|những)\s+$")                             # "các Chỉ thị": kinds, not one
_NAMED_AFTER = re.compile(r"[ \t]+[A-ZĐ]")
# A subject the grammar does not read, between a clause-opening date and "ký" ("…, ngày 14/4/1948, Chủ tịch Hồ Chí
# Minh đã ký sắc lệnh số …"): a few words, no comma, number or clause break.
_UNREAD_SUBJECT = re.compile(r"[^\W\d_][^,;:.\d]{0,60}$")
_CLAUSE_OPENING = re.compile(r"(?:^|,)\s*(?:vào\s+)?(?:ngày\s+)?$")


_JOINTLY = OrgRef(None)     # marks an issuer the text names as two bodies: none is recorded


@dataclass(frozen=True)
class DocMention:
    identifier: str     # the full identifier it refers to
    span: tuple[int, int]
    full: bool          # a first citation (kind [số] identifier or number), not a back-reference


@dataclass
class DocumentFindings:
    documents: list[DocumentFact]
    mentions: list[DocMention]
    relations: list[DocumentRelation]
    _index: ByStart | None = None

    def in_span(self, start: int, end: int) -> list[DocMention]:
        if self._index is None or len(self._index.items) != len(self.mentions):
            self._index = ByStart(self.mentions)
        return self._index.within(start, end)

    def by_identifier(self, identifier: str) -> DocumentFact | None:
        return next((d for d in self.documents if d.identifier == identifier), None)


def identifier_key(identifier: str) -> str:
    """One key for the spellings of one identifier: "03-CT/T.Ư", "03-CT/TƯ", "03-CT/TW"; "435/HD – UBND"."""
    folded = re.sub(r"\s+", "", identifier).replace(".", "").replace("–", "-").replace("—", "-")
    return folded.replace("Ư", "W").replace("ư", "w").upper()


def _number_value(number: str) -> str:
    return number.lstrip("0") or "0"


class _Grammar:
    """What the vocabulary says about citing documents, built once per vocabulary."""

    def __init__(self, vocabulary: Vocabulary):
        self.kinds = vocabulary.matcher("document-kind")
        self.counted = [vocabulary.matcher("time-unit"), vocabulary.matcher("unit")]
        self.day = vocabulary.concept("time-unit", "ngay")
        self.tinh = vocabulary.concept("administrative-level", "tinh")
        bodies = [c for c in vocabulary.concepts("organization-kind") if c.prop("identifierCode")]
        # a code two kinds share ("TU": Tỉnh ủy, Thị ủy) names the one that carries its level in its name
        codes = {c.prop("identifierCode"): c for c in bodies if c.prop("administrativeLevel")}
        codes.update({c.prop("identifierCode"): c for c in bodies if c.prop("identifierCode") not in codes})
        self.issuer_codes = {identifier_key(code): c for code, c in codes.items()}
        # an office signs with a code of its own ("1719/QĐ-TTg": the Thủ tướng of the Chính phủ)
        self.office_codes = {identifier_key(c.prop("identifierCode")): c for c in vocabulary.concepts("post-title")
                             if c.prop("identifierCode") and c.prop("related")}
        # "12/2023/NQ-HĐND", "435/HD – UBND"; a spaced code is no level's body ("12/QĐ-UBND - UBND tỉnh giao …")
        levels = vocabulary.matcher("administrative-level").alternation
        identifier = (rf"\d+[a-z]?(?:\s?/\s?(?:19|20)\d{{2}})?"
                      rf"(?:[-/–—]{_CODE}|\s?[-/–—]\s?{_SPACED_CODE}(?!\s+(?i:{levels})(?!\w)))+")
        # "Chỉ thị 40-CT/TW", "Quyết định số 563/QĐ-UBND", "Công văn (số 73/TTg-CN)"
        self.full_after = re.compile(rf"\s*{_ABBREVIATION}(?:\(\s*(?=[Ss][ốỐ]))?{_SO}?({identifier})")
        # a qualifier between the kind and "số": "Nghị quyết chuyên đề số 05-NQ/TU", "Kế hoạch liên tịch số …"
        self.qualified_after = re.compile(rf"(?:\s+[a-zà-ỹđ]+){{1,2}}\s+{_SO}({identifier})")
        self.more_identifiers = re.compile(rf"\s*(?:,|và)\s*{_SO}?({identifier})")
        issue = "|".join(r"\s+".join(map(re.escape, label.split())) for label in sorted(
            {match_key(label) for c in vocabulary.concepts("cue") if c.key == "issue" for label in c.labels},
            key=lambda s: (-len(s), s))) or "(?!)"
        self.issued_just_before = re.compile(rf"(?:(?:đã|vừa|mới)\s+)?(?:{issue})\s+$")
        # ", nghị quyết đầu tiên của …": an apposition restating the kind before the issuer
        self.apposition = re.compile(rf"\s*,\s*{self.kinds.alternation}(?:\s+[^\W\d]+){{0,3}}?\s+của\s+")
        # "NQ 17": a kind's code and a number
        self.kind_codes: dict[str, set[Concept]] = {}
        for kind in vocabulary.concepts("document-kind"):
            if kind.prop("identifierCode"):
                self.kind_codes.setdefault(kind.prop("identifierCode"), set()).add(kind)
        alternatives = "|".join(sorted(map(re.escape, self.kind_codes), key=lambda s: (-len(s), s))) or "(?!)"
        self.coded = re.compile(rf"(?<![\w/–-])({alternatives})\s+{_SO}?({_NUMBER})(?![\w/–-]|[.,]\d)")


@lru_cache(maxsize=4)
def _grammar(vocabulary: Vocabulary) -> _Grammar:
    return _Grammar(vocabulary)


class _Reader:
    def __init__(self, doc: Doc, organizations: list[OrgMention], dates: list[DateMention],
                 periods: list[PeriodMention], province: Concept | None, titles: list[Match]):
        self.doc, self.province = doc, province
        self.grammar = grammar = _grammar(doc.vocabulary)
        self.kinds, self.counted, self.day, self.tinh = grammar.kinds, grammar.counted, grammar.day, grammar.tinh
        self.codes, self.apposition = grammar.issuer_codes, grammar.apposition
        self.org_at = {m.span[0]: m for m in organizations}
        self.org_ending = {m.span[1]: m for m in organizations}
        self.title_at = {t.start: t for t in titles}
        self.title_ending = {t.end: t for t in titles}
        self.date_at = {d.span[0]: d for d in dates}
        self.date_ending = {d.span[1]: d for d in dates}
        self.periods = periods
        self.quoted_titles: set[int] = set()     # ids of facts whose title was quoted: the headline's loose
                                                 # "về …" gives way to the body's quoted title

    # --- attributes after a reference -------------------------------------------------------------
    def date_after(self, pos: int, limit: int, clause_may_follow: bool = False) -> tuple[str, int] | None:
        view = self.doc.view
        at = _DATE_LEAD.match(view, pos, limit).end()
        if at not in self.date_at:      # a date in words starts at its "ngày" ("ngày 21 tháng 3 năm 2017")
            at = _BAN_HANH_LEAD.match(view, pos, limit).end()
        if at not in self.date_at:
            return None
        found = self.date_at[at].iso, self.date_at[at].span[1]
        # ", ngày 12/3/2021[,] Ban Thường vụ tổ chức …": set off by a comma, the date may open the next clause;
        # written on at once ("Nghị quyết số 29 ngày 4/11/2013, …") it is the document's
        if not clause_may_follow and "," in view[pos:at] and _NEW_CLAUSE.match(self.doc.text, found[1]) \
                and not _PLENUM.match(view, found[1], limit) and not self.issuer_without_cua(found[1], limit):
            return None
        if "(" in view[pos:at]:
            closing = _CLOSING.match(view, found[1], limit)
            if not closing:
                return None
            found = found[0], closing.end()
        return found

    def issuer_without_cua(self, pos: int, limit: int) -> bool:
        """ "ngày 15/5/2016 Bộ Chính trị (khóa XII) về …": the issuer, written without "của", then the title."""
        found = self.issuer_at(_SPACE.match(self.doc.view, pos).end())
        if not found:
            return False
        term = _TERM.match(self.doc.view, found[1], limit)
        return bool(_AFTER_ISSUER.match(self.doc.view, term.end() if term else found[1], limit))

    def issuer_at(self, pos: int) -> tuple[OrgRef | PostRef, int] | None:
        """An organization ("Ban Thường vụ Tỉnh ủy") or an office ("Chủ tịch UBND tỉnh") at pos."""
        org = self.org_at.get(pos)
        if org:
            return org.org, org.span[1]
        title = self.title_at.get(pos)
        if title:
            after = _SPACE.match(self.doc.view, title.end).end()
            org = self.org_at.get(after)
            if org:
                return PostRef(title.concept, org.org), org.span[1]
        return None

    def issuer_after(self, pos: int, limit: int) -> tuple[OrgRef | PostRef | None, int] | None:
        view = self.doc.view
        at = _OF.match(view, pos, limit)
        at = at.end() if at else None
        if at is None or at not in self.org_at and at not in self.title_at:
            m = self.apposition.match(view, pos, limit) or _PLENUM.match(view, pos, limit)
            at = m.end() if m else _SPACE.match(view, pos).end() if self.issuer_without_cua(pos, limit) else None
        found = self.issuer_at(at) if at is not None else None
        if not found:
            return None
        issuer, end = found
        term = _TERM.match(view, end, limit)
        end = term.end() if term else end
        joint = _AND.match(view, end, limit)
        other = self.issuer_at(joint.end()) if joint else None
        if other and _AFTER_ISSUER.match(view, other[1], limit):
            # "của Bộ Chính trị, Ban Bí thư về …": issued jointly, by neither alone (nor by the coded body);
            # "của UBND tỉnh, Chủ tịch UBND tỉnh đã trao …" is a new clause
            return _JOINTLY, other[1]
        return issuer, end

    def attributes(self, fact: DocumentFact, pos: int, limit: int, single: bool = True) -> int:
        """Read ', ngày DATE', 'của ISSUER', 'về “TITLE”', 'giai đoạn PERIOD' after an identifier or number.
        After a list of numbers ("Chỉ thị số 11 và 12 của …") only the issuer is shared."""
        view = self.doc.view
        for _ in range(2):      # the date and the issuer come in either order
            dated = self.date_after(pos, limit)
            if dated:
                if single:
                    fact.date = fact.date or dated[0]
                pos = dated[1]
            issued = self.issuer_after(pos, limit)
            if issued:
                fact.issuer = fact.issuer or issued[0]
                pos = issued[1]
            if not dated and not issued:
                break
        if not single:
            return pos
        m = _QUOTED.match(view, pos, limit)
        if m and (m.group(0).lstrip().startswith(("về", "với")) or m.start(1) - pos < 4):
            if id(fact) not in self.quoted_titles:
                fact.title = self.doc.text[m.start(1):m.end(1)].strip()
                self.quoted_titles.add(id(fact))
            inner = next((p for p in self.periods if m.start(1) <= p.span[0] < m.end(1)), None)
            if inner:
                fact.period = fact.period or (inner.start, inner.end)
            pos = m.end()
        else:
            self.unquoted_title(fact, pos, limit)
        at = _GIAI_DOAN.match(view, pos).end()
        after = next((p for p in self.periods if p.span[0] == at), None)
        if after and view[pos:at].strip(" ,") in ("giai đoạn", "thời kỳ"):
            fact.period = fact.period or (after.start, after.end)
            pos = after.span[1]
        return pos

    def unquoted_title(self, fact: DocumentFact, pos: int, limit: int) -> None:
        """ "… của Ban Thường vụ Tỉnh ủy về tiếp tục đổi mới …": the title runs to the end of the clause. The
        mention does not stretch over it: people, events and figures in it are the text's, not the title's."""
        m = _ABOUT.match(self.doc.view, pos, limit)
        sentence = self.doc.sentence_at(pos)
        if not m or sentence is None or _LEAD_IN.match(self.doc.view, sentence.start, pos):
            return      # "Thực hiện Chỉ thị … về …, toàn tỉnh …": the lead-in ends at a comma no one can tell
        stop = _TITLE_END.search(self.doc.view, m.end(), limit)
        end = stop.start() if stop else limit
        title = _TITLE_TAIL.sub("", self.doc.text[m.end():end].strip(" ,"))
        if 2 <= len(title.split()) <= 40:
            fact.title = fact.title or title
            inner = next((p for p in self.periods if m.end() <= p.span[0] < end
                          and self.doc.view[:p.span[0]].rstrip().endswith("giai đoạn")), None)
            if inner:
                fact.period = fact.period or (inner.start, inner.end)

    # --- what comes before a reference -------------------------------------------------------------
    def issued_before(self, start: int, sentence_start: int) -> tuple[OrgRef | PostRef | None, str | None]:
        """ "[Ngày 21 tháng 3 năm 2017,] Ban Thường vụ Tỉnh ủy đã ban hành Kế hoạch số 45-KH/TU": the
        subject of the issuing verb issues the document, and a date opening that sentence is its date."""
        view = self.doc.view
        head = view[sentence_start:start]
        cue = self.grammar.issued_just_before.search(head)
        if not cue:
            return None, None
        subject_end = sentence_start + cue.start()
        subject_end -= len(_SUBJECT_ADVERB.search(view[sentence_start:subject_end]).group(0))
        term = _TERM_BEFORE.search(view[sentence_start:subject_end])
        if term:
            subject_end -= len(term.group(0))
        org = self.org_ending.get(subject_end)
        if org is None:
            # a subject not read as a body or office: no issuer, but a date opening its clause is the date
            subject = _UNREAD_SUBJECT.search(view, sentence_start, subject_end)
            return None, self.date_opening_clause(subject.start(), sentence_start) if subject else None
        issuer, subject_start = org.org, org.span[0]
        title = self.title_ending.get(len(view[:subject_start].rstrip()))
        if title and title.start >= sentence_start:
            issuer, subject_start = PostRef(title.concept, org.org), title.start
        opening = _OPENING.match(view, sentence_start).end()
        if not (view.startswith("ngày", opening) or opening in self.date_at):
            return issuer, self.date_opening_clause(subject_start, sentence_start)
        opens_with_date = view.startswith("ngày", opening) or opening in self.date_at
        dated = self.date_after(opening, subject_start, clause_may_follow=True) if opens_with_date else None
        if dated and not view[dated[1]:subject_start].strip(" ,"):
            return issuer, dated[0]
        return issuer, None

    def date_opening_clause(self, subject_start: int, sentence_start: int) -> str | None:
        """ "Ghi nhận công lao đó, ngày 14/4/1948, <subject> đã ký …": a date that opens the clause of the subject
        that issues the document, set off from what comes before it by a comma."""
        view = self.doc.view
        gap = re.search(r"\s*,?\s*$", view[sentence_start:subject_start])
        dated = self.date_ending.get(sentence_start + gap.start())
        if dated is None or dated.span[0] < sentence_start:
            return None
        return dated.iso if _CLAUSE_OPENING.search(view, sentence_start, dated.span[0]) else None

    def issuer_by_code(self, fact: DocumentFact) -> OrgRef | PostRef | None:
        """The body whose code closes the identifier: "06-ĐA/TU" -> Tỉnh ủy, "123/QĐ-UBND" -> UBND; in a
        letter the department's code follows the body's: "4912/UBND-NC" -> UBND; an office's code names the
        office: "1719/QĐ-TTg" -> Thủ tướng Chính phủ."""
        codes = [identifier_key(part.rstrip("0123456789")) for part in _SEPARATOR.split(fact.identifier)[1:]]
        office = next((self.grammar.office_codes[code] for code in reversed(codes)
                       if code in self.grammar.office_codes), None)
        if office is not None:
            body = self.doc.vocabulary.by_iri[office.prop("related")]
            level = self.doc.vocabulary.by_iri[body.prop("administrativeLevel")]
            return PostRef(office, OrgRef(body, None, level, None, None))
        body = next((self.codes[code] for code in reversed(codes) if code in self.codes), None)
        if body is None:
            return None
        level = self.doc.vocabulary.by_iri.get(body.prop("administrativeLevel", ""), self.tinh)
        if level.key == "quoc-gia":
            return OrgRef(body, None, level, None, None)
        return OrgRef(body, None, level, None, self.province)

    def counts_something(self, pos: int) -> bool:
        """ "Kế hoạch 5 năm", "Nghị quyết 3 điểm": the number counts a unit, it numbers no document."""
        view = self.doc.view
        at = _SPACE.match(view, pos).end()
        if view[at:at + 1] == "%" or _MULTIPLIER.match(view, at):
            return True
        if _NGAY_CANG.match(view, at):
            return False    # "Chỉ thị 40 ngày càng đi vào cuộc sống": "more and more", no day
        for matcher in self.counted:
            m = matcher.match_at(view, at)
            if m and not (m.concept == self.day and self.date_after(pos, len(view), clause_may_follow=True)):
                return True
        return False


def recognize_documents(doc: Doc, organizations: list[OrgMention], dates: list[DateMention],
                        periods: list[PeriodMention], province: Concept | None,
                        titles: list[Match] | None = None) -> DocumentFindings:
    reader = _Reader(doc, organizations, dates, periods, province, titles or [])
    documents: dict[str, DocumentFact] = {}
    mentions: list[DocMention] = []
    skip = Covered((b.start, b.end) for b in doc.blocks if b.kind in (SLUG, CHROME))
    readable = [s for s in doc.sentences if not skip.covers(s.start)]   # not in slugs or chrome
    kind_matches = [(s, m) for s in readable for m in reader.kinds.finditer(doc.view, s.start, s.end)]

    def cite(fact: DocumentFact, sentence, start: int, end: int) -> None:
        issuer, dated = reader.issued_before(start, sentence.start)
        fact.issuer = fact.issuer or issuer
        fact.date = fact.date or dated
        fact.spans.append((start, end))
        mentions.append(DocMention(fact.identifier, (start, end), True))

    # 1. Full references: kind [số] identifier [, identifier … và identifier].
    for sentence, kind in kind_matches:
        m = (reader.grammar.full_after.match(doc.text, kind.end, sentence.end)
             or reader.grammar.qualified_after.match(doc.text, kind.end, sentence.end))
        if not m:
            continue
        listed, end = [m], m.end()
        while more := reader.grammar.more_identifiers.match(doc.text, end, sentence.end):
            listed.append(more)
            end = more.end()
        said = DocumentFact("", kind.concept, "")
        after = reader.attributes(said, end, sentence.end, single=len(listed) == 1)
        for item in listed:
            identifier = item.group(1)
            fact = documents.get(identifier_key(identifier))
            if fact is None:
                fact = documents[identifier_key(identifier)] = DocumentFact(
                    identifier, kind.concept, re.match(r"\d+", identifier).group(0))
            _take(reader, fact, said)
            cite(fact, sentence, kind.start if item is m else item.start(1), after if len(listed) == 1 else item.end())
    full = Covered(x.span for x in mentions)

    # 2. Kind and number(s): a back-reference to a full one, else a document known by its number.
    for sentence, kind in kind_matches:
        if full.covers(kind.start):
            continue
        m = _SHORT_AFTER.match(doc.text, kind.end, sentence.end)
        if not m or reader.counts_something(m.end()):
            continue
        has_so = m.group(1) is not None
        if not has_so and (not doc.text[kind.start].isupper() or not kind.concept.prop("citedByNumber")
                           or _YEAR.fullmatch(m.group(2)) or not _CITATION_GOES_ON.match(doc.view, m.end())):
            continue
        numbers, end = [m.group(2)], m.end()
        while has_so:
            more = _MORE_NUMBERS.match(doc.text, end, sentence.end)
            if not more or reader.counts_something(more.end()):
                break
            numbers.append(more.group(1))
            end = more.end()
        said = DocumentFact("", kind.concept, "")
        attributes_end = reader.attributes(said, end, sentence.end, single=len(numbers) == 1)
        for number in numbers:
            target = next((d for d in documents.values() if d.kind == kind.concept
                           and _number_value(d.number) == _number_value(number)
                           and (said.issuer is None or d.issuer is None or d.issuer == said.issuer)), None)
            if target:
                _take(reader, target, said)
                target.spans.append((kind.start, end))
                mentions.append(DocMention(target.identifier, (kind.start, end), False))
            elif number not in documents:     # one number, one document (two kinds would share its name)
                fact = documents[number] = DocumentFact(number, kind.concept, number)
                _take(reader, fact, said)
                cite(fact, sentence, kind.start, attributes_end if len(numbers) == 1 else end)
    for fact in documents.values():
        fact.issuer = None if fact.issuer is _JOINTLY else fact.issuer or reader.issuer_by_code(fact)
    referenced = Covered(x.span for x in mentions)

    # 3. "NQ 17" after "Nghị quyết (NQ) 17": the kind's code and a number refer back.
    if documents:
        for sentence in readable:
            for m in reader.grammar.coded.finditer(doc.text, sentence.start, sentence.end):
                if referenced.covers(m.start()):
                    continue
                kinds = reader.grammar.kind_codes[m.group(1)]
                target = next((d for d in documents.values() if d.kind in kinds
                               and _number_value(d.number) == _number_value(m.group(2))), None)
                if target:
                    target.spans.append(m.span())
                    mentions.append(DocMention(target.identifier, m.span(), False))
                    # "NQ 28 của Ban Thường vụ Thành ủy": a back-reference may name the issuer the citation left out
                    issued = reader.issuer_after(m.end(), sentence.end) if target.issuer is None else None
                    if issued and issued[0] is not _JOINTLY:
                        target.issuer = issued[0]
    referenced = Covered(x.span for x in mentions)

    # 4. A bare capitalised kind refers to the only document of that kind.
    for sentence, kind in kind_matches:
        if referenced.covers(kind.start):
            continue
        if not doc.text[kind.start].isupper() or _PLURAL.search(doc.view, max(0, kind.start - 8), kind.start):
            continue
        if _SO_AHEAD.match(doc.view, kind.end) or _NAMED_AFTER.match(doc.text, kind.end):
            continue    # "Nghị quyết Đại hội …", "Nghị quyết Trung ương 4": another document, named
        same_kind = [d for d in documents.values() if d.kind == kind.concept]
        if len(same_kind) == 1:
            mentions.append(DocMention(same_kind[0].identifier, (kind.start, kind.end), False))
    mentions.sort(key=lambda x: x.span)
    findings = DocumentFindings(sorted(documents.values(), key=lambda d: d.spans[0]), mentions, [])
    findings.relations = _relations(doc, findings)
    return findings


def _take(reader: _Reader, fact: DocumentFact, said: DocumentFact) -> None:
    """What a citation says of a document fills what is not yet known; a quoted title wins over a loose one."""
    for name in ("title", "date", "issuer", "period"):
        setattr(fact, name, getattr(fact, name) or getattr(said, name))
    if id(said) in reader.quoted_titles and id(fact) not in reader.quoted_titles:
        fact.title = said.title
        reader.quoted_titles.add(id(fact))


def _relations(doc: Doc, findings: DocumentFindings) -> list[DocumentRelation]:
    """ "A, ngày …, để triển khai thực hiện [B]", "A phê duyệt B": the cue follows A's reference at once."""
    cues = doc.vocabulary.matcher("cue")
    relations = []
    for mention in (m for m in findings.mentions if m.full):
        sentence = doc.sentence_at(mention.span[0])
        if sentence is None:
            continue
        lead = re.compile(r"[\s,]*(?:để|nhằm|về)?\s*").match(doc.view, mention.span[1]).end()
        cue = cues.match_at(doc.view, lead, sentence.end)
        if cue is None or cue.concept.key not in ("approve", "implement"):
            continue
        clause_end = doc.text.find(";", cue.end, sentence.end)
        clause_end = sentence.end if clause_end < 0 else clause_end
        others = [m for m in findings.in_span(sentence.start, sentence.end) if m.identifier != mention.identifier]
        after = [m for m in others if cue.end <= m.span[0] < clause_end]
        before = [m for m in others if m.span[1] <= mention.span[0]]
        target = after[0] if after else (before[-1] if before else None)
        if target:
            relations.append(DocumentRelation(mention.identifier, cue.concept, target.identifier,
                                              (mention.span[0], cue.end)))
    return relations
