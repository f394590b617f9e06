"""Award conferrals (n-ary: award, conferrer, document or achievement, recipient kind, count) and
presentations.

Conferral, one clause per ";":
    "Ban Chấp hành Đảng bộ tỉnh tặng Bằng khen 4 tập thể, 5 cá nhân đã có thành tích … Đề án số 06-ĐA/TU …;
     tặng Bằng khen 9 tập thể, 9 cá nhân … Đề án số 07-ĐA/TU …"      (the second clause keeps the conferrer)
    "Bằng khen của Chủ tịch UBND tỉnh"                                  (given in the name of an office)
Named recipients follow: "Trong số các tập thể được khen thưởng có A, B…; các cá nhân tiêu biểu có ông X…"
Presentation (captions and body):
    "Phó Bí thư Thường trực Tỉnh ủy Triệu Đình Lê trao Bằng khen các tập thể … Đề án số 07."
"""
from __future__ import annotations

import re

from ..doc import Doc
from ..facts import AwardConferral, OrgMention, Presentation
from ..layout import CAPTION, PARAGRAPH
from ..spans import ByStart
from ..text import parse_number
from .documents import DocumentFindings
from .persons import PersonFindings

NUMBER = r"\d{1,3}(?:\.\d{3})+|\d+"


def _clauses(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    clauses, pos = [], start
    for m in re.finditer(";", doc.text[start:end]):
        clauses.append((pos, start + m.start()))
        pos = start + m.end()
    clauses.append((pos, end))
    return clauses


class _Awards:
    def __init__(self, doc: Doc, organizations: list[OrgMention], persons: PersonFindings,
                 documents: DocumentFindings):
        vocabulary = doc.vocabulary
        self.doc, self.organizations, self.persons, self.documents = doc, organizations, persons, documents
        self.orgs, self.posts = ByStart(organizations), ByStart(persons.posts)
        self.people = ByStart(persons.mentions)
        self.kinds = vocabulary.matcher("award-kind")
        self.grades = vocabulary.matcher("award-grade")
        self.cues = vocabulary.matcher("cue")
        self.recipients = vocabulary.matcher("recipient-kind")
        recipient = self.recipients.alternation
        self.counts = re.compile(rf"(?<![\w.,])({NUMBER})\s+({recipient})(?!\w)")
        self.both_kinds = re.compile(rf"{recipient}\s*(?:,|và)\s*{recipient}")

    def cue(self, key: str, start: int, end: int):
        return [c for c in self.cues.finditer(self.doc.view, start, end) if c.concept.key == key]

    def holder_before(self, pos: int, start: int):
        """The organization or post (an office) that is the subject just before pos."""
        posts = [p for p in self.posts.within(start, pos) if p.span[1] <= pos]
        orgs = [m for m in self.orgs.within(start, pos) if m.span[1] <= pos]
        candidates = [(p.span[1], p.post) for p in posts] + [(m.span[1], m.org) for m in orgs]
        return max(candidates, key=lambda c: c[0])[1] if candidates else None

    def of_holder(self, pos: int, end: int):
        """ "… của Ban Chấp hành Đảng bộ tỉnh", "… của Chủ tịch UBND tỉnh" right after pos."""
        m = re.compile(r"\s*của\s+").match(self.doc.view, pos, end)
        if not m:
            return None, pos
        post = next(iter(self.posts.at(m.end())), None)
        if post:
            return post.post, post.span[1]
        org = next(iter(self.orgs.at(m.end())), None)
        return (org.org, org.span[1]) if org else (None, pos)

    def award_at(self, start: int, end: int):
        award = next(iter(self.kinds.finditer(self.doc.view, start, end)), None)
        if award is None:
            return None, None, start
        grade = self.grades.match_at(self.doc.view, award.end + 1, end)
        return award, grade, (grade.end if grade else award.end)

    def conferrals(self) -> list[AwardConferral]:
        found: list[AwardConferral] = []
        for sentence in self.doc.sentences_of(PARAGRAPH):
            conferrer = None
            for start, end in _clauses(self.doc, sentence.start, sentence.end):
                for cue in self.cue("confer", start, end):
                    if re.search(r"(?:được|trao)\s+$", self.doc.view[max(start, cue.start - 6):cue.start]):
                        continue
                    award, grade, pos = self.award_at(cue.end, end)
                    if award is None:
                        continue
                    subject = self.holder_before(cue.start, start)
                    named_by, pos = self.of_holder(pos, end)
                    conferrer = named_by or subject or conferrer
                    counts = list(self.counts.finditer(self.doc.view, pos, end))
                    if not counts:
                        continue
                    documents = self.documents.in_span(counts[-1].end(), end)
                    achievement = re.compile(r"[^;.]*?(?:có\s+)?thành tích[^;]*").search(self.doc.text, counts[-1].end(), end)
                    for count in counts:
                        found.append(AwardConferral(
                            award.concept, conferrer, self.recipients.lookup(count.group(2)),
                            int(parse_number(count.group(1))),
                            document=documents[0].identifier if documents else None,
                            achievement=achievement.group(0).strip(" .,") if achievement else None,
                            grade=grade.concept if grade else None,
                            spans=[(cue.start if not subject else start, end), count.span()]))
        self.named_recipients(found)
        return found

    def named_recipients(self, conferrals: list[AwardConferral]) -> None:
        """ "Trong số các tập thể được khen thưởng có A, B…; các cá nhân tiêu biểu có ông X (huyện Y)…" """
        if not conferrals:
            return
        for sentence in self.doc.sentences_of(PARAGRAPH):
            if self.cue("confer", sentence.start, sentence.end) and self.counts.search(self.doc.view, sentence.start, sentence.end):
                continue
            for start, end in _clauses(self.doc, sentence.start, sentence.end):
                kind = self.recipients.match_at(self.doc.view, self._first_kind(start, end), end)
                listing = re.compile(r"\s(?:có|gồm|là)\s").search(self.doc.view, kind.end if kind else start, end)
                if kind is None or listing is None:
                    continue
                earlier = [c for c in conferrals if c.recipient_kind == kind.concept and c.spans[0][0] < start]
                if not earlier:
                    continue
                target = earlier[-1]
                if kind.concept.key == "collective":
                    target.named += self.orgs.within(listing.end(), end)
                else:
                    target.named += self.people.within(listing.end(), end)

    def _first_kind(self, start: int, end: int) -> int:
        m = self.recipients.pattern.search(self.doc.view, start, end)
        return m.start() if m else end

    def presentations(self, conferrals: list[AwardConferral]) -> list[Presentation]:
        """Presentations; one that counts its recipients ("trao Huân chương … cho 2 tập thể") with no
        conferral of that award in the article is also the report of a conferral, in the name of the body or
        office the presenter acts for."""
        found = []
        for sentence in self.doc.sentences_of(PARAGRAPH, CAPTION):
            for cue in self.cue("present", sentence.start, sentence.end):
                presenters = [p for p in self.people.within(sentence.start, cue.start) if p.span[1] <= cue.start]
                award, grade, pos = self.award_at(cue.end, sentence.end)
                if not presenters or award is None or award.start - cue.end > 20:
                    continue
                conferrer, pos = self.of_holder(pos, sentence.end)
                tail = self.doc.view[pos:sentence.end]
                kinds = {m.concept for m in self.recipients.finditer(self.doc.view, pos, sentence.end)}
                recipient = next(iter(kinds)) if len(kinds) == 1 and not self.both_kinds.search(tail) else None
                documents = self.documents.in_span(pos, sentence.end)
                behalf = self.cue("on-behalf-of", sentence.start, sentence.end)
                on_behalf = None
                if behalf:
                    on_behalf, _ = self.of_holder(behalf[0].end, sentence.end)
                    if on_behalf is None:
                        on_behalf = self.holder_after(behalf[0].end, sentence.end)
                document = documents[0].identifier if documents else None
                found.append(Presentation(presenters[-1].name, award.concept, recipient, document,
                                          conferrer or on_behalf, on_behalf, (sentence.start, sentence.end)))
                if sentence.block.kind == PARAGRAPH and not any(c.award == award.concept for c in conferrals):
                    for count in self.counts.finditer(self.doc.view, pos, sentence.end):
                        conferrals.append(AwardConferral(
                            award.concept, conferrer or on_behalf, self.recipients.lookup(count.group(2)),
                            int(parse_number(count.group(1))), document=document,
                            grade=grade.concept if grade else None,
                            spans=[(sentence.start, sentence.end), count.span()]))
        return found

    def holder_after(self, pos: int, end: int):
        posts = self.posts.within(pos, end)
        return posts[0].post if posts else None


def recognize_awards(doc: Doc, organizations: list[OrgMention], persons: PersonFindings,
                     documents: DocumentFindings) -> tuple[list[AwardConferral], list[Presentation]]:
    awards = _Awards(doc, organizations, persons, documents)
    conferrals = awards.conferrals()
    presentations = awards.presentations(conferrals)
    return conferrals, presentations

