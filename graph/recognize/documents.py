"""Policy documents: full references, short back-references, and how documents relate.

    Đề án số 06-ĐA/TU, ngày 20/3/2017 của Tỉnh ủy về “Đổi mới …” giai đoạn 2017 - 2020
    kind   số identifier  [, ngày date]  [của issuer] [về “title”] [giai đoạn period]
Later "Đề án số 06" (or "Đề án số 06, 07", or a bare capitalised "Chỉ thị" when the article has one) refers
back to the full reference. The issuer is the "của …" organization, else the subject of "… ban hành", else
the body whose code closes the identifier (TU = Tỉnh ủy). A quoted name with no "kind số identifier"
(“Dân vận khéo”) is not a document. "Kế hoạch số 45-KH/TU … để triển khai thực hiện [Chỉ thị]" and
"Quyết định số … phê duyệt Đề án …" relate two documents (cue scheme: implement, approve).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..doc import Doc
from ..facts import DocumentFact, DocumentRelation, OrgMention, OrgRef
from ..layout import CHROME, SLUG
from ..spans import ByStart, Covered
from ..text import match_key
from ..vocab import Concept
from .dates import DateMention, PeriodMention

IDENTIFIER = r"\d+(?:[-/–][A-Za-zĐđ&]+)+(?:[-/–][A-Za-zĐđ&0-9]+)*"
_QUOTED = re.compile(r"\s*(?:về|về việc|với chủ đề)?\s*[“\"]\s*([^”\"]+?)\s*[”\"]")
_GIAI_DOAN = re.compile(r"\s*,?\s*(?:giai đoạn|thời kỳ|năm)?\s*")


@dataclass(frozen=True)
class DocMention:
    identifier: str     # the full identifier it refers to
    span: tuple[int, int]
    full: bool          # a full reference (kind số identifier), not a back-reference


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


class _Reader:
    def __init__(self, doc: Doc, organizations: list[OrgMention], dates: list[DateMention],
                 periods: list[PeriodMention], province: Concept | None):
        self.doc, self.province = doc, province
        self.org_at = {m.span[0]: m for m in organizations}
        self.org_ending = {m.span[1]: m for m in organizations}
        self.date_at = {d.span[0]: d for d in dates}
        self.periods = periods
        kinds = doc.vocabulary.matcher("document-kind").pattern.pattern
        self.full = re.compile(rf"({kinds})\s+(?:số\s+)?({IDENTIFIER})")
        self.short = re.compile(rf"({kinds})\s+số\s+(\d+)((?:\s*(?:,|và)\s*\d+)*)(?![\d\-/–])")
        self.bare = re.compile(rf"(?<![\w])({kinds})(?!\s+số)(?![\w])")
        self.issue_cue = doc.vocabulary.matcher("cue")
        self.codes = {c.prop("identifierCode"): c for c in doc.vocabulary.concepts("organization-kind")
                      if c.prop("identifierCode") and c.prop("administrativeLevel")}
        self.codes.update({c.prop("identifierCode"): c for c in doc.vocabulary.concepts("organization-kind")
                           if c.prop("identifierCode") and c.prop("identifierCode") not in self.codes})
        self.tinh = doc.vocabulary.concept("administrative-level", "tinh")

    def _skip(self, pos: int, pattern: str) -> int:
        m = re.compile(pattern).match(self.doc.view, pos)
        return m.end() if m else pos

    def attributes(self, fact: DocumentFact, pos: int, limit: int) -> int:
        """Read ', ngày DATE', 'của ISSUER', 'về “TITLE”', 'giai đoạn PERIOD' after an identifier."""
        view = self.doc.view
        at = self._skip(pos, r"\s*,?\s*(?:ngày\s+)?")
        if at in self.date_at:
            fact.date = fact.date or self.date_at[at].iso
            pos = self.date_at[at].span[1]
        at = self._skip(pos, r"\s*(?:của|do)\s+")
        if at != pos and at in self.org_at:
            fact.issuer = fact.issuer or self.org_at[at].org
            pos = self.org_at[at].span[1]
        m = _QUOTED.match(view, pos, limit)
        if m and (m.group(0).lstrip().startswith(("về", "với")) or m.start(1) - pos < 4):
            fact.title = fact.title or self.doc.text[m.start(1):m.end(1)].strip()
            inner = next((p for p in self.periods if m.start(1) <= p.span[0] < m.end(1)), None)
            if inner:
                fact.period = fact.period or (inner.start, inner.end)
            pos = m.end()
        at = _GIAI_DOAN.match(view, pos).end()
        after = next((p for p in self.periods if p.span[0] == at), None)
        if after and view[pos:at].strip(" ,") in ("giai đoạn", "thời kỳ"):
            fact.period = fact.period or (after.start, after.end)
            pos = after.span[1]
        return pos

    def issuer_by_subject(self, start: int) -> OrgRef | None:
        """ "Ban Thường vụ Tỉnh ủy đã ban hành Kế hoạch số 45-KH/TU": the subject issues the document."""
        head = self.doc.view[max(0, start - 40):start]
        m = re.search(r"(?:đã\s+|vừa\s+)?ban hành\s+$", head)
        if m:
            at = start - len(head) + m.start()
            org = self.org_ending.get(at - 1) or self.org_ending.get(at)
            if org:
                return org.org
        return None

    def issuer_by_code(self, fact: DocumentFact) -> OrgRef | None:
        """The body whose code closes the identifier: "06-ĐA/TU" -> Tỉnh ủy, "123/QĐ-UBND" -> UBND."""
        body = self.codes.get(re.split(r"[-/–]", fact.identifier)[-1])
        if body is None:
            return None
        level = self.doc.vocabulary.by_iri.get(body.prop("administrativeLevel", ""), self.tinh)
        return OrgRef(body, None, level, None, self.province)


def recognize_documents(doc: Doc, organizations: list[OrgMention], dates: list[DateMention],
                        periods: list[PeriodMention], province: Concept | None) -> DocumentFindings:
    reader = _Reader(doc, organizations, dates, periods, province)
    documents: dict[str, DocumentFact] = {}
    mentions: list[DocMention] = []
    skip = Covered((b.start, b.end) for b in doc.blocks if b.kind in (SLUG, CHROME))
    kinds = doc.vocabulary.matcher("document-kind")

    readable = [s for s in doc.sentences if not skip.covers(s.start)]   # not in slugs or chrome
    for sentence in readable:
        for m in reader.full.finditer(doc.view, sentence.start, sentence.end):
            identifier = doc.text[m.start(2):m.end(2)]
            kind = kinds.lookup(m.group(1))
            key = match_key(identifier)
            fact = documents.get(key)
            if fact is None:
                fact = documents[key] = DocumentFact(identifier, kind, re.match(r"\d+", identifier).group(0))
            end = reader.attributes(fact, m.end(), sentence.end)
            if fact.issuer is None:
                fact.issuer = reader.issuer_by_subject(m.start())
            fact.spans.append((m.start(), end))
            mentions.append(DocMention(fact.identifier, (m.start(), end), True))
    for fact in documents.values():
        fact.issuer = fact.issuer or reader.issuer_by_code(fact)
    taken = Covered(m.span for m in mentions)
    for sentence in readable:
        for m in reader.short.finditer(doc.view, sentence.start, sentence.end):
            if taken.covers(m.start()):
                continue
            kind = kinds.lookup(m.group(1))
            numbers = [m.group(2)] + re.findall(r"\d+", m.group(3))
            for number in numbers:
                target = next((d for d in documents.values() if d.kind == kind and d.number == number), None)
                if target:
                    target.spans.append(m.span())
                    mentions.append(DocMention(target.identifier, m.span(), False))
    referenced = Covered(x.span for x in mentions)
    for sentence in readable:
        for m in reader.bare.finditer(doc.view, sentence.start, sentence.end):
            if referenced.covers(m.start()):
                continue
            if not doc.text[m.start()].isupper() or re.search(r"(?:các|những)\s+$", doc.view[max(0, m.start() - 8):m.start()]):
                continue
            kind = kinds.lookup(m.group(1))
            same_kind = [d for d in documents.values() if d.kind == kind]
            if len(same_kind) == 1:
                mentions.append(DocMention(same_kind[0].identifier, m.span(), False))
    mentions.sort(key=lambda x: x.span)
    findings = DocumentFindings(sorted(documents.values(), key=lambda d: d.spans[0]), mentions, [])
    findings.relations = _relations(doc, findings)
    return findings


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
