"""Typed facts with spans: what the recognizers find and the emitter turns into triples.

Plain data: no IRIs and no RDF here (the emitter alone knows them). Spans are (start, end) code-point
offsets into the article's stored NFC text, end excluded.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from decimal import Decimal

from .vocab import Concept

Span = tuple[int, int]


@dataclass(frozen=True)
class OrgRef:
    """An organization as named: [unit] body [level] [place], placed in a province."""

    body: Concept | None           # "Tỉnh ủy", "Ủy ban nhân dân"; None while a unit's parent is elided
    unit: Concept | None = None    # "Ban Tuyên giáo" of the body
    level: Concept | None = None   # the level word after a body that takes one ("tỉnh", "xã")
    place: str | None = None       # the proper name of a local place ("Lâm Bình"), None for the province
    province: Concept | None = None
    task: str | None = None        # what an ad hoc body was set up for, as written ("xây dựng nông thôn mới")

    def with_body(self, other: "OrgRef") -> "OrgRef":
        return OrgRef(other.body, self.unit, other.level, other.place, other.province, other.task)

    def parent(self) -> "OrgRef | None":
        return OrgRef(self.body, None, self.level, self.place, self.province, self.task) \
            if self.unit and self.body else None


@dataclass
class OrgMention:
    org: OrgRef
    span: Span


@dataclass(frozen=True)
class PostRef:
    """A post: a title in an organization ("Phó Bí thư Thường trực" of "Tỉnh ủy Cao Bằng")."""

    title: Concept
    org: OrgRef


@dataclass
class PostMention:
    post: PostRef
    span: Span


@dataclass
class PersonMention:
    name: str
    span: Span
    place: str | None = None      # "(huyện Hàm Yên)" after a named recipient


@dataclass
class Holding:
    """A person holds a post, as one apposition or title-before-name says."""

    person: str
    post: PostRef
    spans: list[Span]
    body_names: list[Span] = field(default_factory=list)    # where its spans name the post's body


@dataclass
class DocumentFact:
    identifier: str                 # as written: "06-ĐA/TU"
    kind: Concept
    number: str                     # "06"
    title: str | None = None
    date: str | None = None         # xsd:date
    issuer: OrgRef | PostRef | None = None     # the body, or the office that signs ("Chủ tịch UBND tỉnh")
    period: tuple[int, int] | None = None
    spans: list[Span] = field(default_factory=list)


@dataclass
class DocumentRelation:
    subject: str                    # identifier of the document that approves or implements
    relation: Concept               # cue concept: approve or implement
    object: str
    span: Span


@dataclass
class EventFact:
    kind: Concept
    date: str | None
    organizer: OrgRef | None
    chairs: list[str] = field(default_factory=list)
    speakers: list[str] = field(default_factory=list)
    participants: list[OrgRef] = field(default_factory=list)
    reviewed: list[str] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    body_names: list[Span] = field(default_factory=list)    # where its spans name the organizer
    joint_organizers: list[OrgRef] = field(default_factory=list)   # bodies listed as its one organizer
    joint_written: Span | None = None           # where the sentence lists them ("Tỉnh ủy, HĐND, UBND tỉnh")


@dataclass
class AwardConferral:
    award: Concept
    conferrer: OrgRef | PostRef | None
    recipient_kind: Concept
    count: int | None               # None: the text names the recipients' kind but not how many
    document: str | None = None
    achievement: str | None = None
    grade: Concept | None = None
    named: list[PersonMention | OrgMention] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    body_names: list[Span] = field(default_factory=list)    # where its sentence names the conferrer


@dataclass
class Presentation:
    presenter: str
    award: Concept
    recipient_kind: Concept | None
    document: str | None
    conferrer: OrgRef | PostRef | None
    on_behalf_of: OrgRef | PostRef | None
    span: Span
    grade: Concept | None = None


@dataclass
class Statistic:
    value: int | Decimal                  # exact: never a float
    surface: str                    # "trên 6.400 phiếu"
    qualifier: Concept
    unit: str
    what: str
    document: str | None
    span: Span


@dataclass(frozen=True)
class PlaceRef:
    """A place as named: a level word and a name ("xã Hải Phong"), or the province alone."""

    level: Concept | None
    name: str | None
    province: Concept | None


@dataclass
class ProjectStage:
    stage: Concept                  # project-stage concept: approval in principle, groundbreaking, completion
    date: str | None                # xsd:date, when the clause gives one
    span: Span


@dataclass
class ProjectFact:
    """A programme of work set up by a document, or an investment project ("dự án kè bờ sông …")."""

    kind: Concept                   # project-kind concept
    title: str | None               # an investment project's name as written; a programme takes its document's
    document: str | None = None     # identifier of the document that establishes a programme
    owner: OrgRef | PostRef | None = None     # a programme's owner: its document's issuer
    investor: OrgRef | None = None  # an investment project's chủ đầu tư
    period: tuple[int, int] | None = None
    leads: list[OrgRef] = field(default_factory=list)
    cooperating: list[OrgRef] = field(default_factory=list)
    place: PlaceRef | None = None
    total_investment: Span | None = None      # the span of the statistic that gives it
    stages: list[ProjectStage] = field(default_factory=list)
    reported: list[Span] = field(default_factory=list)    # figures a paragraph reports on several projects together
    spans: list[Span] = field(default_factory=list)


@dataclass
class ArticleMeta:
    headline: str | None            # None for an excerpt that starts mid-article
    headline_span: Span | None
    updated: str | None = None      # "2021-01-12T19:52:00+07:00"
    updated_span: Span | None = None
    author: str | None = None
    author_span: Span | None = None
    province: Concept | None = None
    province_span: Span | None = None
    headline_total: int | None = None
    headline_total_span: Span | None = None


@dataclass(frozen=True)
class PageMeta:
    """What a saved web page (or an article's sidecar ARTICLE.meta.json) says of the article, beside its text:
    read from markup, not from the text, so it has no span. Values are checked where they are read."""

    url: str | None = None          # canonical http(s) URL
    published: str | None = None    # xsd:dateTime ("2021-01-12T19:52:00+07:00") or xsd:date lexical form
    modified: str | None = None
    author: str | None = None
    publisher: str | None = None    # the site's name ("Báo Cao Bằng")
    license: str | None = None      # a URL or a short statement

    def sort_key(self) -> tuple:
        return tuple(value or "" for value in (self.url, self.published, self.modified, self.author,
                                                self.publisher, self.license))


@dataclass
class ArticleFacts:
    text: str
    key: str                        # stable key of the text (a hash of its NFC form)
    source: str                     # file name as given, for messages
    meta: ArticleMeta
    persons: dict[str, list[Span]] = field(default_factory=dict)
    organizations: dict[OrgRef, list[Span]] = field(default_factory=dict)
    org_names: dict[OrgRef, list[str]] = field(default_factory=dict)   # each body's names as the text writes them
    holdings: list[Holding] = field(default_factory=list)
    documents: list[DocumentFact] = field(default_factory=list)
    relations: list[DocumentRelation] = field(default_factory=list)
    events: list[EventFact] = field(default_factory=list)
    awards: list[AwardConferral] = field(default_factory=list)
    presentations: list[Presentation] = field(default_factory=list)
    statistics: list[Statistic] = field(default_factory=list)
    projects: list[ProjectFact] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)
    page: PageMeta | None = None    # what the page or the sidecar says of the article, when there is one

    def sentence_span(self, span: Span) -> Span | None:
        """The sentence a span starts in, if the span ends inside it too."""
        i = bisect_right(self.sentences, (span[0], float("inf"))) - 1
        if i >= 0:
            start, end = self.sentences[i]
            if start <= span[0] < end:
                return (start, end) if span[1] <= end else None
        return None
