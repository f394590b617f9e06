"""The emitter: typed facts to triples. The only module that mints IRIs and names RDF terms.

IRIs are minted from normalized keys, never from counters. A proper name's key (text.name_key) is its ASCII slug
for the eye and a short hash of the name with its Vietnamese letters kept, so that names one tone mark apart
("Ninh", "Nịnh") are two keys while one name in two tone placements or Unicode forms is one:
    id:person/cao-bang/trieu-dinh-le-1a2b3c4d        a person, by province (or vn: a holder of national posts alone)
    id:org/cao-bang/tinh-uy/ban-tuyen-giao           an organization, by province (vn: national) and name parts
    id:org/cao-bang/ubnd-huyen-na-hang-5e6f7a8b/…    a local body: its place by name key
    id:post/cao-bang/tinh-uy/pho-bi-thu-thuong-truc  a post: organization and title
    id:document/cao-bang/06-da-tu                     a document, by its issuer's scope (vn: "05-CT/TW") and identifier
    id:event/cao-bang/2024-03-05/hoi-nghi/<organizer> an event, by province, day, kind and organizer
    id:holding/…/in/<article key>                     one article's attestation of a post holding, on its date
    id:article/<sha256 of the NFC text, 16 hex>       an article, by content
    id:article/<…>#char=120,135                       a span of it (NIF, RFC 5147 offsets)
    id:publisher/bao-cao-bang                         the site a saved page names as its publisher
    id:project/cao-bang/06-da-tu                      a programme, by the document that establishes it
    id:project/quang-tri/du-an/ke-bo-song-o-lau-…     an investment project, by province and name
Facts that belong to one article (conferrals, statistics) carry the article key. So the same person,
organization or document named in two articles of one build gets one IRI; no blank nodes anywhere.
"""
from __future__ import annotations

import hashlib
from decimal import Decimal
from functools import lru_cache

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, RDFS, SKOS, TIME, XSD

from .version import __version__
from .facts import (ArticleFacts, AwardConferral, DocumentFact, OrgRef, PageMeta, PlaceRef, PostRef, ProjectFact,
                    Span)
from .namespaces import ELI, ID, NIF, PREFIXES, SCHEMA, VNKG, VOCAB
from .text import match_key, name_key, new_tone, slug
from .vocab import Vocabulary, default_vocabulary


def _moment(value: str) -> Literal:
    """A checked date or date-time (graph.metadata.clean_date): xsd:dateTime when it has a time, else xsd:date."""
    return Literal(value, datatype=XSD.dateTime if "T" in value else XSD.date)


def vi(text: str) -> Literal:
    return Literal(text, lang="vi")


def en(text: str) -> Literal:
    return Literal(text, lang="en")


def _province_key(org: OrgRef) -> str:
    return org.province.key if org.province else "vn"


def is_national(org: OrgRef | None) -> bool:
    """A body of the whole country (the vocabulary gives its kind, or the level written after it, the national
    administrative level): one organization in every province's articles."""
    if org is None or org.body is None:
        return False
    level = org.level.key if org.level else ""
    return level == "quoc-gia" or org.body.prop("administrativeLevel", "").endswith("/quoc-gia")


def _issuer_scope(issuer: OrgRef | PostRef | None, prov_key: str) -> str:
    """Where a document's key is scoped: the country for a national issuer ("05-CT/TW" of the Bộ Chính trị,
    "…/QĐ-TTg"), else the article's province (a province's "06-ĐA/TU" and another's are two documents)."""
    return "vn" if is_national(getattr(issuer, "org", issuer)) else prov_key


def attested_on(facts: ArticleFacts) -> str | None:
    """The day an article attests what it says of posts: its event's, else the page's publication date, else the
    text's "Cập nhật" line; None when it gives none."""
    dated = next((event.date for event in facts.events if event.date), None)
    page = facts.page or PageMeta()
    for value in (dated, page.published, facts.meta.updated):
        if value:
            return value[:10]
    return None


def _body_key(org: OrgRef) -> str:
    parts = [org.body.key]
    if org.task:
        parts.append(name_key(org.task))
    if org.place:
        if not org.body.prop("administrativeLevel") and org.level:
            parts.append(org.level.key)
        parts.append(name_key(org.place))
    return "-".join(parts)


def org_path(org: OrgRef) -> str:
    path = f"{_province_key(org)}/{_body_key(org)}"
    return f"{path}/{org.unit.key}" if org.unit else path


def _level_word(org: OrgRef) -> str:
    """The level word before the place: a centrally governed city is a "thành phố", not a "tỉnh"."""
    if org.level.key == "tinh" and not org.place and org.province and any(
            label.lower().startswith("thành phố ") for label in org.province.labels):
        return "thành phố"
    return org.level.label_vi


def _with_level_word(org: OrgRef, where: str) -> str:
    word = _level_word(org)
    return where if where.lower().startswith(word + " ") else f"{word} {where}".strip()


def _place_vi(org: OrgRef) -> str:
    if org.task and org.level is None:
        return ""      # a grouping its members name ("Cụm thi đua các tỉnh …"): no place of its own
    inherent = org.body.prop("administrativeLevel")
    # the province names a province-level body only: "UBND xã" with no name is not "xã Cao Bằng"
    below = org.level is not None and org.level.prop("broader") is not None and not (
        org.province and any(label.lower().startswith(org.level.label_vi) for label in org.province.labels))
    where = org.place or (org.province.label_vi if org.province and not below else "")
    if inherent and where and org.body.prop("broader") and org.level and not org.place \
            and not any(label.lower().startswith(org.level.label_vi) for label in org.province.labels):
        return _with_level_word(org, where)    # a provincial department: "Sở Nội vụ tỉnh Thái Bình"
    if inherent or not org.level:
        return where
    if org.level.key == "quoc-gia":     # the national one of a body every level has: "… Trung ương"
        return "Trung ương"
    if not where:    # "HĐND tỉnh" of an article whose province is not known: the level word as written
        return org.level.label_vi
    return _with_level_word(org, where)


def org_label(org: OrgRef) -> str:
    """'Ban Tuyên giáo Tỉnh ủy Cao Bằng', 'Hội đồng nhân dân tỉnh Bắc Kạn', 'Ủy ban MTTQ huyện Na Hang'."""
    parts = [org.unit.label_vi if org.unit else "", org.body.label_vi, org.task or "", _place_vi(org)]
    return " ".join(p for p in parts if p)


def is_variant(written: str, label: str) -> bool:
    """A name as written is another name of the body ('BTV Tỉnh ủy', 'Sở GD&ĐT' of 'Sở Giáo dục và Đào tạo tỉnh X'),
    unless the label only spells it in full or completes it ('Tỉnh uỷ' or 'Ban Thường vụ' of 'Ban Thường vụ Tỉnh ủy X')."""
    written, label = match_key(written), match_key(label)
    return written != label and not label.startswith(written + " ")


def org_label_en(org: OrgRef) -> str:
    where = "" if org.task and org.level is None else org.place or (org.province.label_en if org.province else "")
    name = f"{org.body.label_en} ({org.task})" if org.task else org.body.label_en
    name = f"{name}, {where}" if where else name
    return f"{org.unit.label_en} of the {name}" if org.unit else name


def article_label(facts: ArticleFacts) -> str:
    """A label for an article with no headline: the opening words of its first sentence."""
    start, end = facts.sentences[0] if facts.sentences else (0, len(facts.text))
    words = facts.text[start:end].split()
    return " ".join(words[:12]) + (" …" if len(words) > 12 else "")


def post_label(post: PostRef) -> str:
    """Title and organization, sharing a word when the title ends with the organization's first one:
    'Trưởng ban' + 'Ban Tuyên giáo Tỉnh ủy' -> 'Trưởng Ban Tuyên giáo Tỉnh ủy'."""
    title, org = post.title.label_vi, org_label(post.org)
    last, first = title.split()[-1], org.split()[0]
    if last.lower() == first.lower():
        title = title[: -len(last)].rstrip()
    return f"{title} {org}".strip()



# A span's triples are most of the graph: its terms are made once (rdflib's namespace attributes and Literal() are
# slow, and offsets recur from article to article).
_TYPE, _SENTENCE, _MENTION = RDF.type, VNKG.Sentence, VNKG.Mention
_REFERENCE_CONTEXT, _BEGIN, _END, _ANCHOR, _SENTENCE_OF = (NIF.referenceContext, NIF.beginIndex, NIF.endIndex,
                                                            NIF.anchorOf, NIF.sentence)


@lru_cache(maxsize=1 << 16)
def integer(value: int) -> Literal:
    return Literal(value, datatype=XSD.integer)


class Emitter:
    def __init__(self):
        # a set of triples, not an rdflib Graph: adding to a Graph was most of emission's time
        self.triples: set[tuple] = set()
        self._described: set[tuple] = set()     # (subject, predicate) pairs that have a value
        self._labelled: set[URIRef] = set()
        self._mentions: set[URIRef] = set()
        self._number_names: dict[str, str] = {}     # bare-number identifier -> its name, in the article emitted
        self._document_scopes: dict[str, str] = {}  # identifier -> its issuer's scope ("vn"), in the article emitted
        self._person_scopes: dict[str, str] = {}    # name -> "vn" for a holder of national posts alone, likewise

    # --- helpers --------------------------------------------------------------------------------
    def add(self, s, p, o):
        if o is not None:
            self.triples.add((s, p, o))
            self._described.add((s, p))

    def has(self, s, p) -> bool:
        return (s, p) in self._described

    def label(self, node: URIRef, text: str, english: str | None = None, name_property=RDFS.label):
        """The node's name as each article gives it. Every name read is kept, not the first one only, so that the
        graph does not depend on which articles were emitted together (the build works in chunks); two names for
        one node are then reported by the shapes (two people taken for one, an event told two ways)."""
        self._labelled.add(node)
        self.add(node, name_property, vi(text))
        if name_property != RDFS.label:
            self.add(node, RDFS.label, vi(text))
        if english:
            self.add(node, RDFS.label, en(english))

    def mention(self, article: URIRef, facts: ArticleFacts, span: Span, sentence: Span | None) -> URIRef:
        node = URIRef(f"{article}#char={span[0]},{span[1]}")
        if node in self._mentions:      # a span several facts share is described once (it was 1/3 of emit's time)
            return node
        self._mentions.add(node)
        self.add(node, _TYPE, _SENTENCE if sentence == span else _MENTION)
        self.add(node, _REFERENCE_CONTEXT, article)
        self.add(node, _BEGIN, integer(span[0]))
        self.add(node, _END, integer(span[1]))
        self.add(node, _ANCHOR, Literal(facts.text[span[0]:span[1]]))
        if sentence and sentence != span:
            self.add(node, _SENTENCE_OF, self.mention(article, facts, sentence, sentence))
        return node

    def fact(self, node: URIRef, article: URIRef, facts: ArticleFacts, spans: list[Span], build: URIRef):
        """Provenance of a fact node: its spans, its article, the build that made it."""
        for span in spans:
            self.add(node, VNKG.denotedBy, self.mention(article, facts, span, facts.sentence_span(span)))
        self.add(node, PROV.wasDerivedFrom, article)
        self.add(node, PROV.wasGeneratedBy, build)

    def written_body(self, node: URIRef, holder: OrgRef | PostRef | None, spans: list[Span], article: URIRef,
                     facts: ArticleFacts):
        """The spans where a fact names its body (a post's, an event's organizer, a conferrer: a body or an office)
        by another of its names ("Sở GD&ĐT", "Ban Thường vụ Hội LHPN tỉnh"): the name as this article writes it,
        which the officials, events and awards queries answer with."""
        if holder is None:
            return
        label = post_label(holder) if isinstance(holder, PostRef) else org_label(holder)
        for span in spans:
            if is_variant(facts.text[span[0]:span[1]], label):
                self.add(node, VNKG.bodyWrittenAs, self.mention(article, facts, span, facts.sentence_span(span)))

    def written_as(self, node: URIRef, spans: list[Span], article: URIRef, facts: ArticleFacts):
        """The spans that are the entity's name as this article writes it: what queries/merged-names.rq compares
        across articles to list what the build took as one."""
        for span in spans:
            self.add(node, VNKG.writtenAs, self.mention(article, facts, span, facts.sentence_span(span)))

    # --- entities -------------------------------------------------------------------------------
    def organization(self, org: OrgRef) -> URIRef:
        node = ID[f"org/{org_path(org)}"]
        if node in self._labelled:
            return node
        self.label(node, org_label(org), org_label_en(org))
        self.add(node, RDF.type, VNKG.OrganizationalUnit if org.unit else VNKG.Organization)
        self.add(node, ORG.classification, URIRef((org.unit or org.body).iri))
        parent = org.parent()
        if parent:
            self.add(node, ORG.unitOf, self.organization(parent))
        else:
            self.add(node, VNKG.administrativeArea, self.place(org))
        return node

    def attestation(self, holding: URIRef, person: URIRef, post: URIRef, org: URIRef, role: URIRef, day: str | None,
                    article: URIRef, facts: ArticleFacts, build: URIRef) -> URIRef:
        """That one article attests a holding, on its date (a qualified statement of the holding): across articles,
        a holding's first and last attestations are when it is known to have been held (queries/career.rq). The
        post links to it, so that a check across chunks of a build finds two holders of one post on one day."""
        node = URIRef(f"{holding}/in/{facts.key}")
        self.add(node, RDF.type, VNKG.PostAttestation)
        self.add(node, VNKG.attests, holding)
        self.add(node, ORG.member, person)       # an org:Membership in its own right, as of one day
        self.add(node, ORG.organization, org)
        self.add(node, ORG.role, role)
        if day:
            self.add(node, VNKG.attestedOn, Literal(day, datatype=XSD.date))
        self.add(post, VNKG.attestedBy, node)
        # its sentences are the holding's spans in this article (nif:referenceContext): not told twice
        self.add(node, PROV.wasDerivedFrom, article)
        self.add(node, PROV.wasGeneratedBy, build)
        return node

    def place(self, org: OrgRef) -> URIRef | None:
        province = URIRef(org.province.iri) if org.province else None
        if not org.place:
            return province
        level = org.level.key if org.level else "place"
        node = ID[f"place/{_province_key(org)}/{level}-{name_key(org.place)}"]
        self.label(node, f"{org.level.label_vi} {org.place}" if org.level else org.place)
        self.add(node, RDF.type, VNKG.Place)
        self.add(node, SCHEMA.containedInPlace, province)
        return node

    def post(self, post: PostRef) -> URIRef:
        node = ID[f"post/{org_path(post.org)}/{post.title.key}"]
        if node not in self._labelled:
            self.label(node, post_label(post), f"{post.title.label_en}, {org_label_en(post.org)}")
            self.add(node, RDF.type, VNKG.Post)
            self.add(node, ORG.postIn, self.organization(post.org))
            self.add(node, ORG.role, URIRef(post.title.iri))
        return node

    def holder(self, holder: OrgRef | PostRef | None) -> URIRef | None:
        if holder is None:
            return None
        return self.post(holder) if isinstance(holder, PostRef) else self.organization(holder)

    def person_path(self, name: str, province_key: str) -> str:
        """Scope and name key: the province's, or "vn" for a holder of national posts alone."""
        return f"{self._person_scopes.get(name, province_key)}/{name_key(name)}"

    def person(self, name: str, province_key: str) -> URIRef:
        node = ID[f"person/{self.person_path(name, province_key)}"]
        self.add(node, RDF.type, VNKG.Person)
        # one tone placement, so that "Thuý" and "Thúy" in two articles name one person once
        self.label(node, new_tone(name), name_property=FOAF.name)
        return node

    def document(self, identifier: str, province_key: str) -> URIRef:
        scope = self._document_scopes.get(identifier, province_key)
        return ID[f"document/{scope}/{self._number_names.get(identifier) or slug(identifier)}"]

    @staticmethod
    def _number_name(document: DocumentFact) -> str:
        """A document known by its number alone ("Chỉ thị 40") is named with its kind and issuer: "Nghị quyết
        40", or a "Chỉ thị 40" of another body, is another document."""
        issuer = document.issuer
        by = "" if issuer is None else "-" + slug(org_path(getattr(issuer, "org", issuer)) + (
            f"/{issuer.title.key}" if isinstance(issuer, PostRef) else ""))
        return f"{document.kind.key}-{slug(document.identifier)}{by}"

    def period(self, start: int, end: int) -> URIRef:
        node = ID[f"period/{start}-{end}"]
        self.label(node, f"{start} - {end}")
        self.add(node, RDF.type, VNKG.Period)
        for year, link in ((start, TIME.hasBeginning), (end, TIME.hasEnd)):
            instant = ID[f"year/{year}"]
            self.add(node, link, instant)
            self.add(instant, RDF.type, VNKG.Year)
            self.add(instant, TIME.inXSDgYear, Literal(str(year), datatype=XSD.gYear))
        return node

    def page(self, article: URIRef, page: PageMeta) -> None:
        """What a saved page (or a sidecar) says of the article; its values were checked when read (graph.metadata)."""
        if page.url:
            self.add(article, SCHEMA.url, URIRef(page.url))
        if page.published:
            self.add(article, SCHEMA.datePublished, _moment(page.published))
        if page.publisher and slug(page.publisher):
            publisher = ID[f"publisher/{slug(page.publisher)}"]
            self.add(publisher, RDF.type, SCHEMA.Organization)
            self.add(publisher, SCHEMA.name, Literal(page.publisher))
            self.add(publisher, RDFS.label, vi(page.publisher))
            self.add(article, SCHEMA.publisher, publisher)
        if page.license:
            is_url = page.license.startswith(("http://", "https://"))
            self.add(article, SCHEMA.license, URIRef(page.license) if is_url else Literal(page.license))

    # --- one article ----------------------------------------------------------------------------
    def article(self, facts: ArticleFacts, build: URIRef) -> None:
        meta = facts.meta
        article = ID[f"article/{facts.key}"]
        prov_key = meta.province.key if meta.province else "vn"
        self._number_names = {d.identifier: self._number_name(d) for d in facts.documents if d.identifier == d.number}
        self._document_scopes = {d.identifier: _issuer_scope(d.issuer, prov_key) for d in facts.documents}
        # a person the article names in national posts alone is one person in every province's articles
        posts_of: dict[str, set[bool]] = {}
        for holding in facts.holdings:
            posts_of.setdefault(holding.person, set()).add(is_national(holding.post.org))
        self._person_scopes = {name: "vn" for name, national in posts_of.items() if national == {True}}
        self.add(article, RDF.type, VNKG.Article)
        if meta.headline:
            self.add(article, SCHEMA.headline, vi(meta.headline))
        self.add(article, RDFS.label, vi(meta.headline or article_label(facts)))
        self.add(article, SCHEMA.inLanguage, Literal("vi"))
        self.add(article, NIF.isString, Literal(facts.text))
        page = facts.page or PageMeta()
        if page.modified:       # the page's own modification date over a "Cập nhật" line in its text
            self.add(article, SCHEMA.dateModified, _moment(page.modified))
        elif meta.updated:
            self.add(article, SCHEMA.dateModified, Literal(meta.updated, datatype=XSD.dateTime))
        if meta.province:
            self.add(article, SCHEMA.contentLocation, URIRef(meta.province.iri))
        if meta.author:
            author = ID[f"person/author/{name_key(meta.author)}"]
            self.add(author, RDF.type, VNKG.Person)
            self.label(author, meta.author, name_property=FOAF.name)
            self.add(article, SCHEMA.author, author)
            self.fact(author, article, facts, [meta.author_span], build)
        elif page.author and slug(page.author):
            # named by the page's markup, not its text: a person, but no fact read from the text (no span)
            author = ID[f"person/author/{name_key(page.author)}"]
            self.add(author, RDF.type, FOAF.Person)
            self.label(author, page.author, name_property=FOAF.name)
            self.add(article, SCHEMA.author, author)
        self.page(article, page)
        if meta.headline_total is not None:
            self.add(article, VNKG.headlineAwardTotal, integer(meta.headline_total))
        spans = [s for s in (meta.headline_span, meta.updated_span, meta.headline_total_span) if s]
        for span in spans:
            self.add(article, VNKG.denotedBy, self.mention(article, facts, span, facts.sentence_span(span)))
        self.add(build, PROV.used, article)

        persons = {}
        for name, person_spans in sorted(facts.persons.items()):
            persons[name] = node = self.person(name, prov_key)
            self.fact(node, article, facts, person_spans, build)
            self.written_as(node, [s for s in person_spans if match_key(facts.text[s[0]:s[1]]) == match_key(name)],
                            article, facts)
        for org, org_spans in sorted(facts.organizations.items(), key=lambda item: org_path(item[0])):
            node = self.organization(org)
            if org_spans:
                self.fact(node, article, facts, org_spans, build)
                names = facts.org_names.get(org, [])
                self.written_as(node, [s for s in org_spans if facts.text[s[0]:s[1]] in names], article, facts)
            for written in facts.org_names.get(org, []):
                if is_variant(written, org_label(org)):
                    self.add(node, SKOS.altLabel, vi(written))

        day = attested_on(facts)
        for holding in facts.holdings:
            person = persons.get(holding.person) or self.person(holding.person, prov_key)
            post = self.post(holding.post)
            self.add(person, ORG.holds, post)
            node = ID[f"holding/{self.person_path(holding.person, prov_key)}/{org_path(holding.post.org)}/"
                      f"{holding.post.title.key}"]
            self.add(node, RDF.type, VNKG.PostHolding)
            self.label(node, f"{holding.person}, {post_label(holding.post)}")
            self.add(node, ORG.member, person)
            self.add(node, ORG.organization, self.organization(holding.post.org))
            self.add(node, ORG.role, URIRef(holding.post.title.iri))
            self.add(node, VNKG.post, post)
            self.fact(node, article, facts, holding.spans, build)
            self.written_body(node, holding.post.org, holding.body_names, article, facts)
            self.attestation(node, person, post, self.organization(holding.post.org), URIRef(holding.post.title.iri),
                             day, article, facts, build)

        for document in facts.documents:
            node = self.document(document.identifier, prov_key)
            self.label(node, f"{document.kind.label_vi} {document.identifier}",
                       f"{document.kind.label_en} {document.identifier}")
            self.add(node, RDF.type, VNKG.PolicyDocument)
            self.add(node, ELI.id_local, Literal(document.identifier))
            self.add(node, ELI.number, Literal(document.number))
            self.add(node, ELI.type_document, URIRef(document.kind.iri))
            if document.title and not self.has(node, ELI.title):
                self.add(node, ELI.title, vi(document.title))
            if document.date:
                self.add(node, ELI.date_document, Literal(document.date, datatype=XSD.date))
            if document.issuer:
                self.add(node, ELI.passed_by, self.holder(document.issuer))
            if document.period:
                self.add(node, DCTERMS.temporal, self.period(*document.period))
            self.fact(node, article, facts, document.spans, build)
        for relation in facts.relations:
            predicate = VNKG.approves if relation.relation.key == "approve" else VNKG.implements
            self.add(self.document(relation.subject, prov_key), predicate, self.document(relation.object, prov_key))

        event_node = None
        for event in facts.events:
            # by organizer too: two conferences of one kind on one day by two bodies are two events
            by = f"/{org_path(event.organizer)}" if event.organizer else ""
            event_node = ID[f"event/{prov_key}/{event.date or facts.key}/{event.kind.key}{by}"]
            organizer = org_label(event.organizer) if event.organizer else ""
            self.label(event_node, ", ".join(x for x in (event.kind.label_vi.capitalize(), organizer, event.date) if x),
                       ", ".join(x for x in (event.kind.label_en.capitalize(), event.date) if x))
            self.add(event_node, RDF.type, VNKG.Event)
            self.add(event_node, VNKG.eventKind, URIRef(event.kind.iri))
            if event.date:
                self.add(event_node, SCHEMA.startDate, Literal(event.date, datatype=XSD.date))
            if event.organizer:
                self.add(event_node, SCHEMA.organizer, self.organization(event.organizer))
                self.written_body(event_node, event.organizer, event.body_names, article, facts)
            # bodies that organize it jointly: each is an organizer, and the list as written names them
            for org in event.joint_organizers:
                self.add(event_node, SCHEMA.organizer, self.organization(org))
            if event.joint_written:
                self.add(event_node, VNKG.bodyWrittenAs,
                         self.mention(article, facts, event.joint_written, facts.sentence_span(event.joint_written)))
            for name in event.chairs:
                self.add(event_node, VNKG.chair, self.person(name, prov_key))
            for name in event.speakers:
                self.add(event_node, VNKG.speaker, self.person(name, prov_key))
            for org in event.participants:
                self.add(event_node, SCHEMA.attendee, self.organization(org))
            for identifier in event.reviewed:
                self.add(event_node, VNKG.reviews, self.document(identifier, prov_key))
            self.fact(event_node, article, facts, event.spans, build)

        conferrals = []
        for award in facts.awards:
            node = self.conferral(award, facts, prov_key)
            conferrals.append((award, node))
            self.add(node, VNKG.atEvent, event_node)
            self.fact(node, article, facts, award.spans, build)
            self.written_body(node, award.conferrer, award.body_names, article, facts)
        for presentation in facts.presentations:
            node = ID[f"presentation/{facts.key}/{presentation.span[0]}"]
            self.add(node, RDF.type, VNKG.AwardPresentation)
            self.label(node, f"{presentation.presenter} trao {presentation.award.label_vi}",
                       f"{presentation.presenter} presents {presentation.award.label_en}")
            self.add(node, VNKG.presenter, self.person(presentation.presenter, prov_key))
            self.add(node, VNKG.awardKind, URIRef(presentation.award.iri))
            if presentation.grade:
                self.add(node, VNKG.awardGrade, URIRef(presentation.grade.iri))
            if presentation.recipient_kind:
                self.add(node, VNKG.recipientKind, URIRef(presentation.recipient_kind.iri))
            if presentation.document:
                self.add(node, VNKG.forDocument, self.document(presentation.document, prov_key))
            self.add(node, VNKG.conferredBy, self.holder(presentation.conferrer))
            self.add(node, VNKG.onBehalfOf, self.holder(presentation.on_behalf_of))
            self.add(node, VNKG.atEvent, event_node)
            for award, conferral in conferrals:
                if (award.award == presentation.award
                        and (presentation.document is None or award.document == presentation.document)
                        and (presentation.recipient_kind is None or award.recipient_kind == presentation.recipient_kind)):
                    self.add(node, VNKG.presents, conferral)
            self.fact(node, article, facts, [presentation.span], build)

        for statistic in facts.statistics:
            node = ID[f"statistic/{facts.key}/{statistic.span[0]}"]
            self.add(node, RDF.type, VNKG.Statistic)
            self.label(node, statistic.surface)
            value = Literal(Decimal(str(statistic.value)), datatype=XSD.decimal)
            self.add(node, SCHEMA.value, value)
            bound = statistic.qualifier.prop("boundProperty")
            if bound:
                self.add(node, URIRef(bound), value)
            self.add(node, VNKG.qualifier, URIRef(statistic.qualifier.iri))
            self.add(node, SCHEMA.unitText, Literal(statistic.unit))
            if statistic.what:
                self.add(node, SCHEMA.variableMeasured, vi(statistic.what))
            if statistic.document:
                self.add(node, VNKG.reportsOn, self.document(statistic.document, prov_key))
            self.fact(node, article, facts, [statistic.span], build)
        self.projects(facts, article, prov_key, build)

    # --- projects (kept in their own methods) --------------------------------------------------------
    def projects(self, facts: ArticleFacts, article: URIRef, prov_key: str, build: URIRef) -> None:
        for project in facts.projects:
            self.project(project, facts, article, prov_key, build)

    def project(self, project: ProjectFact, facts: ArticleFacts, article: URIRef, prov_key: str,
                build: URIRef) -> URIRef:
        """A programme keeps the document's key under project/ (the text and the work are two nodes, linked);
        an investment project is keyed by its province and name."""
        if project.document:
            document = self.document(project.document, prov_key)
            node = ID["project/" + str(document).rsplit("/id/document/", 1)[-1]]
            fact = next((d for d in facts.documents if d.identifier == project.document), None)
            name = (fact.title if fact and fact.title else None) or (
                f"{fact.kind.label_vi} {fact.identifier}" if fact else project.document)
            self.add(node, VNKG.establishedBy, document)
        else:
            node = ID[f"project/{prov_key}/du-an/{slug(project.title)}"]
            name = project.title
        self.add(node, RDF.type, VNKG.Project)
        self.add(node, VNKG.projectKind, URIRef(project.kind.iri))
        self.label(node, name, name_property=SCHEMA.name)
        self.add(node, VNKG.owner, self.holder(project.owner))
        if project.investor:
            self.add(node, VNKG.investor, self.organization(project.investor))
        if project.period:
            self.add(node, DCTERMS.temporal, self.period(*project.period))
        for org in project.leads:
            self.add(node, VNKG.leadBody, self.organization(org))
        for org in project.cooperating:
            self.add(node, VNKG.cooperatingBody, self.organization(org))
        if project.place:
            self.add(node, VNKG.location, self.project_place(project.place))
        if project.total_investment:
            self.add(node, VNKG.totalInvestment, ID[f"statistic/{facts.key}/{project.total_investment[0]}"])
        for span in project.reported:
            self.add(ID[f"statistic/{facts.key}/{span[0]}"], VNKG.reportsOnProject, node)
        for stage in project.stages:
            stage_node = URIRef(f"{node}/stage/{stage.stage.key}")
            self.add(stage_node, RDF.type, VNKG.ProjectStage)
            self.label(stage_node, f"{stage.stage.label_vi}: {name}", f"{stage.stage.label_en}")
            self.add(stage_node, VNKG.stageKind, URIRef(stage.stage.iri))
            if stage.date:
                self.add(stage_node, TIME.inXSDDate, Literal(stage.date, datatype=XSD.date))
            self.add(node, VNKG.stage, stage_node)
            self.fact(stage_node, article, facts, [stage.span], build)
        self.fact(node, article, facts, project.spans, build)
        return node

    def project_place(self, place: PlaceRef) -> URIRef | None:
        return self.place(OrgRef(None, None, place.level, place.name, place.province))

    def conferral(self, award: AwardConferral, facts: ArticleFacts, prov_key: str) -> URIRef:
        conferrer = self.holder(award.conferrer)
        reward = slug(award.document) if award.document else \
            "achievement-" + hashlib.sha256((award.achievement or "").encode()).hexdigest()[:8]
        by = str(conferrer).rsplit("/id/", 1)[-1].replace("/", "-") if conferrer else "unknown"
        kind = f"{award.award.key}-{award.grade.key}" if award.grade else award.award.key
        node = ID[f"award/{facts.key}/{kind}/{by}/{reward}/{award.recipient_kind.key}"]
        if (node, RDF.type, VNKG.AwardConferral) in self.triples:
            # two clauses of one article with the same key: a second conferral, told apart by where it stands
            node = URIRef(f"{node}/at-{award.spans[0][0]}")
        self.add(node, RDF.type, VNKG.AwardConferral)
        what = award.document or award.achievement or ""
        count = "" if award.count is None else f"{award.count} "
        self.label(node, f"{award.award.label_vi}: {count}{award.recipient_kind.label_vi} ({what})",
                   f"{award.award.label_en}: {count}{award.recipient_kind.label_en}")
        self.add(node, VNKG.awardKind, URIRef(award.award.iri))
        if award.grade:
            self.add(node, VNKG.awardGrade, URIRef(award.grade.iri))
        self.add(node, VNKG.conferredBy, conferrer)
        if award.document:
            self.add(node, VNKG.forDocument, self.document(award.document, prov_key))
        if award.achievement:
            self.add(node, VNKG.forAchievement, vi(award.achievement))
        self.add(node, VNKG.recipientKind, URIRef(award.recipient_kind.iri))
        if award.count is not None:
            self.add(node, VNKG.recipientCount, integer(award.count))
        for named in award.named:
            if hasattr(named, "name"):
                self.add(node, VNKG.namedRecipient, self.person(named.name, prov_key))
            else:
                self.add(node, VNKG.namedRecipient, self.organization(named.org))
        return node


def build_iri(keys: list[str]) -> URIRef:
    digest = hashlib.sha256(("\n".join(sorted(keys)) + "\n" + __version__).encode()).hexdigest()[:16]
    return ID[f"build/{digest}"]


def emit_triples(articles: list[ArticleFacts], vocabulary: Vocabulary | None = None,
                 build: URIRef | None = None) -> set[tuple]:
    """The asserted triples of articles: their facts, their provenance, the build and its software. A build
    emitted in parts passes the IRI of the whole build."""
    emitter = Emitter()
    build = build if build is not None else build_iri([a.key for a in articles])
    software = ID[f"software/vnkg/{__version__}"]
    emitter.add(build, RDF.type, VNKG.Build)
    emitter.add(build, RDFS.label, en("a vnkg build (prov:used lists its articles)"))
    emitter.add(build, PROV.wasAssociatedWith, software)
    emitter.add(software, RDF.type, VNKG.Software)
    emitter.add(software, RDFS.label, en(f"vnkg {__version__}"))
    emitter.add(software, SCHEMA.softwareVersion, Literal(__version__))
    for facts in sorted(articles, key=lambda a: a.key):
        emitter.article(facts, build)
    _describe_concepts(emitter, vocabulary or default_vocabulary())
    return emitter.triples


def emit(articles: list[ArticleFacts], vocabulary: Vocabulary | None = None, build: URIRef | None = None) -> Graph:
    """emit_triples as an rdflib Graph with the project's prefixes."""
    return to_graph(emit_triples(articles, vocabulary, build))


def to_graph(triples) -> Graph:
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    for triple in triples:
        graph.add(triple)
    return graph


def _describe_concepts(emitter: Emitter, vocabulary: Vocabulary) -> None:
    """The SKOS concepts the facts point to, with their labels, so the graph answers its queries alone."""
    used = {o for _, _, o in emitter.triples if isinstance(o, URIRef) and str(o) in vocabulary.by_iri}
    for iri in used:
        concept = vocabulary.by_iri[str(iri)]
        emitter.add(iri, RDF.type, SKOS.Concept)
        emitter.add(iri, SKOS.inScheme, VOCAB[concept.scheme])
        emitter.add(iri, SKOS.prefLabel, vi(concept.label_vi))
        emitter.add(iri, SKOS.prefLabel, en(concept.label_en))
        if concept.prop("singleHolder"):     # what the two-holders warning and its queries read
            emitter.add(iri, VNKG.singleHolder, Literal(True))
