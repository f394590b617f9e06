"""Extraction: a normalized Doc through the recognizers, in order, to one ArticleFacts.

Each recognizer finds one concept; later ones may use what earlier ones found (organizations before posts,
documents before awards), never the reverse.
"""
from __future__ import annotations

from datetime import date

from .doc import Doc
from .facts import ArticleFacts, PageMeta
from .recognize.article import article_date, recognize_article
from .recognize.awards import recognize_awards
from .recognize.dates import recognize_dates, recognize_periods, year_spans
from .recognize.documents import recognize_documents
from .recognize.events import recognize_events
from .recognize.organizations import recognize_organizations, recognize_places
from .recognize.persons import find_titles, recognize_persons
from .recognize.projects import recognize_projects
from .recognize.statistics import recognize_statistics
from .text import match_key
from .vocab import Vocabulary, default_vocabulary


def _page_date(page: PageMeta | None) -> date | None:
    moment = page and (page.published or page.modified)
    return date.fromisoformat(moment[:10]) if moment else None


def extract(text: str, source: str = "<article>", vocabulary: Vocabulary | None = None,
            page: PageMeta | None = None) -> ArticleFacts:
    """Facts of one article. `text` must already be normalized (text.normalize). `page` is what the saved page or
    the sidecar says of the article: its date dates the text's "Chiều 28/12" when the text has no date line."""
    doc = Doc(text, vocabulary or default_vocabulary(), source)
    meta = recognize_article(doc)
    province = meta.province
    dates = recognize_dates(doc, article_date(meta) or _page_date(page))
    periods = recognize_periods(doc)
    titles = find_titles(doc)
    organizations = recognize_organizations(doc, province, titles)
    places = recognize_places(doc, province)
    documents = recognize_documents(doc, organizations, dates, periods, province, titles)
    other = [m.span for m in documents.mentions] + [d.span for d in dates]
    persons = recognize_persons(doc, titles, organizations, places, other)
    events = recognize_events(doc, dates, organizations, persons, documents)
    awards, presentations = recognize_awards(doc, organizations, persons, documents)
    excluded = ([d.span for d in dates] + [p.span for p in periods] + year_spans(doc)
                + [m.span for m in documents.mentions] + [m.span for m in organizations]
                + [m.span for m in persons.mentions] + [a.spans[1] for a in awards])
    statistics = recognize_statistics(doc, excluded, documents, events)
    projects = recognize_projects(doc, documents, events, organizations, dates, statistics,
                                  province)

    facts = ArticleFacts(text=text, key=doc.key, source=source, meta=meta,
                         sentences=[(s.start, s.end) for s in doc.sentences], page=page)
    names: dict[str, str] = {}
    for mention in persons.mentions:
        name = names.setdefault(match_key(mention.name), mention.name)
        facts.persons.setdefault(name, []).append(mention.span)
    # Organizations a fact names without a mention of their own (the Tỉnh ủy inside "Ban Tuyên giáo
    # Tỉnh ủy", the issuer coded in "06-ĐA/TU") are traced to the span that names them.
    def note(org, span):
        while org is not None:
            spans = facts.organizations.setdefault(org, [])
            if span not in spans:
                spans.append(span)
            org = org.parent()

    for mention in organizations:
        note(mention.org, mention.span)
        written = facts.org_names.setdefault(mention.org, [])
        if text[mention.span[0]:mention.span[1]] not in written:
            written.append(text[mention.span[0]:mention.span[1]])
    for mention in persons.posts:
        note(mention.post.org, mention.span)
    for document in documents.documents:
        note(getattr(document.issuer, "org", document.issuer), document.spans[0])
    for event in events:
        note(event.organizer, event.spans[0])
        for org in event.joint_organizers:
            note(org, event.spans[0])
        for org in event.participants:
            note(org, event.spans[0])
    for award in awards:
        conferrer = getattr(award.conferrer, "org", award.conferrer)
        note(conferrer, award.spans[0])
        for named in award.named:
            if hasattr(named, "org"):
                note(named.org, named.span)
    for presentation in presentations:
        for holder in (presentation.conferrer, presentation.on_behalf_of):
            note(getattr(holder, "org", holder), presentation.span)
    for holding in persons.holdings:
        holding.person = names.get(match_key(holding.person), holding.person)
        same = next((h for h in facts.holdings if h.person == holding.person and h.post == holding.post), None)
        if same:
            same.spans += holding.spans
        else:
            facts.holdings.append(holding)
    # where a post held or an event organized names its body, in the words of the sentence ("Sở GD&ĐT")
    named = [(m.org, m.span) for m in organizations]
    for fact, org in ([(h, h.post.org) for h in facts.holdings] + [(e, e.organizer) for e in events]):
        fact.body_names = [span for body, span in named
                           if body == org and any(s <= span[0] and span[1] <= e for s, e in fact.spans)]
    facts.documents = documents.documents
    facts.relations = documents.relations
    facts.events = events
    facts.awards = awards
    facts.presentations = presentations
    facts.statistics = statistics
    facts.projects = projects
    return facts
