"""The review pages: every fact of a build shown on the sentence it was read from, as HTML.

One model serves both `vnkg serve` (pages rendered in its query workers, answered at the path of each IRI minted
under https://w3id.org/vnkg/id/) and `vnkg report` (the same pages as static files). It reads the data with
pyoxigraph's pattern lookups (no SPARQL to parse: a page costs a few hundred index lookups).

The pages are Jinja2 templates (graph/templates/) with autoescape on, so every value taken from the data (an
article's text above all) is escaped: it can never become markup. Nothing on a page fetches anything: one
stylesheet of our own, no script, no font or image from elsewhere; IRIs outside this build are shown, not linked.
"""
from __future__ import annotations

import contextlib
import functools
import heapq
import multiprocessing
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import pyoxigraph as ox
from markupsafe import Markup, escape

from .errors import UsageError, printable
from .namespaces import ELI, FOAF, ID, NIF, ORG, PREFIXES, PROV, RDF, RDFS, SCHEMA, SH, SKOS, VNKG

ID_BASE = str(ID)
TEMPLATES = Path(__file__).resolve().parent / "templates"
STYLESHEET = "style.css"
REPORT_MARK = ".vnkg-report"   # in a directory `vnkg report` wrote, which the next report may replace
MAX_LINKS = 500            # rows of a page's link tables (a body named in 10,000 articles has as many)

_V, _NIF, _SCHEMA, _RDF, _RDFS = str(VNKG), str(NIF), str(SCHEMA), str(RDF), str(RDFS)
_ORG, _ELI, _SH, _SKOS = str(ORG), str(ELI), str(SH), str(SKOS)


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


TYPE = _n(_RDF + "type")
DENOTED_BY = _n(_V + "denotedBy")
CONTEXT = _n(_NIF + "referenceContext")
BEGIN, END = _n(_NIF + "beginIndex"), _n(_NIF + "endIndex")
ANCHOR, SENTENCE, IS_STRING = _n(_NIF + "anchorOf"), _n(_NIF + "sentence"), _n(_NIF + "isString")
DERIVED_FROM = _n(str(PROV) + "wasDerivedFrom")
ARTICLE = _n(_V + "Article")
LABELS = [_n(_RDFS + "label"), _n(str(FOAF) + "name"), _n(_SKOS + "prefLabel"), _n(_SCHEMA + "name"),
          _n(_SCHEMA + "headline"), _n(_ELI + "id_local"), ANCHOR]
DATES = [_n(_SCHEMA + "datePublished"), _n(_SCHEMA + "dateModified")]


@dataclass(frozen=True)
class Kind:
    key: str            # the CSS class is k-<key>
    vi: str
    en: str
    classes: tuple


# The kinds of fact a span is highlighted by, in the order the legend and the fact list give them.
KINDS = [
    Kind("person", "Người", "person", (_V + "Person",)),
    Kind("organization", "Tổ chức", "organization", (_V + "Organization", _V + "OrganizationalUnit")),
    Kind("post", "Chức vụ", "post", (_V + "PostHolding", _V + "Post")),
    Kind("document", "Văn bản", "document", (_V + "PolicyDocument",)),
    Kind("event", "Sự kiện", "event", (_V + "Event",)),
    Kind("award", "Khen thưởng", "award", (_V + "AwardConferral", _V + "AwardPresentation")),
    Kind("statistic", "Số liệu", "statistic", (_V + "Statistic",)),
]
_KIND_OF_CLASS = {cls: kind for kind in KINDS for cls in kind.classes}
_RANK = {kind.key: rank for rank, kind in enumerate(KINDS)}
# A span that denotes several facts takes the colour of the widest one: a sentence read as an award also names the
# body that confers it, a name also denotes the holding of a post.
_COLOUR = {key: rank for rank, key in enumerate(["award", "event", "statistic", "document", "person", "post",
                                                  "organization"])}
_PREFIX_LIST = sorted(((str(ns), p) for p, ns in PREFIXES.items()), key=lambda item: -len(item[0]))
_SAFE_PATH = re.compile(r"[A-Za-z0-9._~%!$&'()*+,;=:@-]+(/[A-Za-z0-9._~%!$&'()*+,;=:@-]+)*")


@functools.lru_cache(maxsize=1 << 16)
def local_path(iri: str) -> str | None:
    """The path of a minted IRI below id/ ('id/person/cao-bang/…'), or None for an IRI that is not ours or whose
    path could not be a file name (a '..' segment, a fragment): data never chooses where a file goes."""
    if not iri.startswith(ID_BASE):
        return None
    rest = iri[len(ID_BASE):]
    parts = rest.split("/")
    if not _SAFE_PATH.fullmatch(rest) or any(part in (".", "..") or len(part) > 200 for part in parts) \
            or any(part.endswith((".html", ".css")) for part in parts):   # its file could clash with another's folder
        return None
    return "id/" + rest


def iri_of_path(path: str) -> str:
    """The minted IRI a local path ('/id/…', as sent, still percent-encoded) stands for."""
    return ID_BASE + path[len("/id/"):]


class Links:
    """Where a page links to: absolute paths on the server, relative .html files in a static report."""

    def __init__(self, static: bool, page: str = ""):
        self.static, self.page = static, page

    def __call__(self, target: str) -> str:
        """target: '' (the index), 'shacl', 'style.css' or an id/… path; a fragment may follow '#'."""
        target, hash_, fragment = target.partition("#")
        if not self.static:
            return "/" + target + hash_ + fragment
        name = target if target.endswith(".css") else (target or "index") + ".html"
        if name == self.page:
            return hash_ + fragment if fragment else "#"
        # up to the report's root, then down: "./" keeps a first segment with ":" from reading as a scheme
        relative = ("../" * self.page.count("/") or "./") + name.replace("%", "%25")
        return relative + hash_ + fragment

    def iri(self, iri: str) -> str | None:
        """The link to a minted IRI's page; a span (article#char=B,E) is linked where its article's page shows it."""
        iri, _, fragment = iri.partition("#")
        path = local_path(iri)
        if path is None:
            return None
        span = re.fullmatch(r"char=(\d+),(\d+)", fragment)
        return self(f"{path}#m-{span.group(1)}-{span.group(2)}" if span else path)


@dataclass
class Fact:
    iri: str
    kind: Kind
    label: str
    href: str | None
    number: int = 0
    spans: list = field(default_factory=list)      # (anchor id, quote)

    @property
    def quotes(self) -> list:
        """(quote, [anchor ids]) in the order of the text: a name written four times is one line with four links."""
        grouped: dict[str, list] = {}
        for anchor, quote in self.spans:
            grouped.setdefault(quote, []).append(anchor)
        return list(grouped.items())


@dataclass
class Span:
    begin: int
    end: int
    facts: list              # of Fact, the facts this span denotes

    @property
    def anchor(self) -> str:
        return f"m-{self.begin}-{self.end}"


class Site:
    """The pages of one build: its store (asserted and inferred graphs) and, when there is one, its SHACL report."""

    def __init__(self, store: ox.Store, report: ox.Store | None = None, vocab_labels: dict | None = None):
        self.store, self.report = store, report
        self.vocab_labels = vocab_labels or {}
        self._labels, self._kinds, self._dates, self._templates = {}, {}, {}, {}
        self.env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                                      undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
        self.env.globals.update(kinds=KINDS)

    def prepare(self) -> None:
        """Compile the templates now (a server does this once, before it forks its workers)."""
        for name in ("index.html", "article.html", "entity.html", "shacl.html"):
            self._templates[name] = self.env.get_template(name)

    # -- reading the data

    def objects(self, node, predicate, store=None) -> list:
        return list(dict.fromkeys(q.object for q in (store or self.store).quads_for_pattern(node, predicate, None)))

    def subjects(self, predicate, node, store=None) -> list:
        return list(dict.fromkeys(q.subject for q in (store or self.store).quads_for_pattern(None, predicate, node)))

    def first(self, node, predicate):
        values = self.objects(node, predicate)
        return min(values, key=str) if values else None

    def label(self, node) -> str:
        """The node's name: its Vietnamese label first, else one without a language, else any; else its IRI's end.
        Remembered: a body or a person is named on many pages (the store does not change)."""
        if isinstance(node, ox.Literal):
            return node.value
        known = self._labels.get(node)
        if known is None:
            known = self._labels[node] = self._label(node)
        return known

    def _label(self, node) -> str:
        for predicate in LABELS:
            values = [v for v in self.objects(node, predicate) if isinstance(v, ox.Literal)]
            if values:
                return min(values, key=lambda v: ({"vi": 0, None: 1}.get(v.language, 2), v.value)).value
        if isinstance(node, ox.NamedNode) and node.value in self.vocab_labels:
            return self.vocab_labels[node.value]
        return _short(node)

    def kind(self, node) -> Kind | None:
        if node in self._kinds:
            return self._kinds[node]
        kinds = [_KIND_OF_CLASS[t.value] for t in self.objects(node, TYPE) if t.value in _KIND_OF_CLASS]
        kind = self._kinds[node] = min(kinds, key=lambda k: _RANK[k.key]) if kinds else None
        return kind

    def date(self, article) -> str:
        if article not in self._dates:
            values = [self.first(article, predicate) for predicate in DATES]
            self._dates[article] = next((v.value[:10] for v in values if v is not None), "")
        return self._dates[article]

    def articles(self) -> list:
        """Every article, newest first (then by headline and IRI: a fixed order)."""
        rows = []
        for node in self.subjects(TYPE, ARTICLE):
            if isinstance(node, ox.NamedNode) and local_path(node.value):
                rows.append((self.date(node), self.label(node), node))
        rows.sort(key=lambda r: (r[0], r[1], r[2].value))
        rows.sort(key=lambda r: r[0], reverse=True)
        return [(node, date, title) for date, title, node in rows]

    def entities(self) -> list:
        """Every node minted under id/ other than articles and their spans, in IRI order (untyped ones too, such
        as the class partitions of the build's description)."""
        nodes = {q.subject.value for q in self.store.quads_for_pattern(None, None, None)
                 if isinstance(q.subject, ox.NamedNode) and "#" not in q.subject.value}
        articles = {n.value for n in self.subjects(TYPE, ARTICLE)}
        return sorted(n for n in nodes if n not in articles and local_path(n))

    def spans_of(self, article) -> tuple[str, list, list] | None:
        """The article's text, its spans that denote facts, and those facts numbered in the order of the list."""
        text = self.first(article, IS_STRING)
        if text is None:
            return None
        text = text.value
        facts: dict[str, Fact] = {}
        spans = []
        for mention in self.subjects(CONTEXT, article):
            denoting = self.subjects(DENOTED_BY, mention)
            begin, end = _integer(self.first(mention, BEGIN)), _integer(self.first(mention, END))
            if not denoting or begin is None or end is None or not 0 <= begin < end <= len(text):
                continue
            span_facts = []
            for node in denoting:
                kind = self.kind(node)
                if kind is None or not isinstance(node, ox.NamedNode):
                    continue
                if node.value not in facts:
                    facts[node.value] = Fact(node.value, kind, self.label(node), None)
                span_facts.append(facts[node.value])
            if span_facts:
                span_facts.sort(key=lambda f: (_COLOUR[f.kind.key], f.label, f.iri))
                spans.append(Span(begin, end, span_facts))
        spans.sort(key=lambda s: (s.begin, -s.end))
        for span in spans:
            for fact in span.facts:
                fact.spans.append((span.anchor, text[span.begin:span.end]))
        ordered = sorted(facts.values(), key=lambda f: (_RANK[f.kind.key], _first_begin(f), f.label, f.iri))
        for number, fact in enumerate(ordered, 1):
            fact.number = number
        return text, spans, ordered

    def mentions(self, node) -> list:
        """Where a node was read: (article, date, anchor, quote, sentence parts before/quote/after), in order."""
        rows = []
        for mention in self.objects(node, DENOTED_BY):
            article = self.first(mention, CONTEXT)
            begin, end = _integer(self.first(mention, BEGIN)), _integer(self.first(mention, END))
            if article is None or begin is None or end is None:
                continue
            quote = self.first(mention, ANCHOR)
            quote = quote.value if quote is not None else ""
            before = after = ""
            sentence = self.first(mention, SENTENCE)
            if sentence is not None:
                text = self.first(sentence, ANCHOR)
                start = _integer(self.first(sentence, BEGIN))
                if text is not None and start is not None:
                    offset = begin - start
                    if 0 <= offset and offset + len(quote) <= len(text.value):
                        before, after = text.value[:offset], text.value[offset + len(quote):]
            rows.append({"article": article, "date": self.date(article), "begin": begin, "end": end,
                         "anchor": f"m-{begin}-{end}", "quote": quote, "before": before, "after": after,
                         "sentence": sentence.value if sentence is not None else None})
        rows.sort(key=lambda r: (r["date"], r["article"].value, r["begin"], r["end"]))
        return rows

    def describe(self, iri: str) -> list:
        """The triples a Linked Data client gets for a minted IRI: those about it and, for an article, about the
        spans in it (whose IRIs are the article's with a fragment); empty when the build knows nothing of it."""
        node = _n(iri)
        triples = {q.triple for q in self.store.quads_for_pattern(node, None, None)}
        if triples and ARTICLE in self.objects(node, TYPE):
            for mention in self.subjects(CONTEXT, node):
                triples.update(q.triple for q in self.store.quads_for_pattern(mention, None, None))
        return sorted(triples, key=str)

    def knows(self, iri: str) -> bool:
        node = _n(iri)
        return next(iter(self.store.quads_for_pattern(node, None, None)), None) is not None \
            or next(iter(self.store.quads_for_pattern(None, None, node)), None) is not None

    # -- the pages

    def _render(self, template: str, links: Links, **context) -> bytes:
        if template not in self._templates:
            self._templates[template] = self.env.get_template(template)
        return self._templates[template].render(href=links, **context).encode("utf-8")

    def stylesheet(self) -> bytes:
        return (TEMPLATES / STYLESHEET).read_bytes()

    def index_page(self, links: Links) -> bytes:
        articles = []
        for node, date, title in self.articles():
            derived = self.subjects(DERIVED_FROM, node)
            count = sum(1 for fact in derived if self.kind(fact) is not None)
            articles.append({"href": links.iri(node.value), "date": date, "title": title, "facts": count})
        return self._render("index.html", links, title="Các bài báo", articles=articles, report=self.report_summary())

    def article_page(self, iri: str, links: Links) -> bytes | None:
        node = _n(iri)
        read = self.spans_of(node)
        if read is None:
            return None
        text, spans, facts = read
        for fact in facts:
            fact.href = links.iri(fact.iri)
        body = _marked_text(text, spans)
        title = self.label(node)
        about = []
        for name, predicate in (("Ngày đăng", _SCHEMA + "datePublished"), ("Cập nhật", _SCHEMA + "dateModified"),
                                ("Nguồn", _SCHEMA + "url"), ("Nơi đăng", _SCHEMA + "publisher"),
                                ("Tác giả", _SCHEMA + "author"), ("Giấy phép", _SCHEMA + "license"),
                                ("Tổng số khen thưởng ở tiêu đề", _V + "headlineAwardTotal")):
            for value in sorted(self.objects(node, _n(predicate)), key=str):
                about.append({"name": name, **self._value(value, links)})
        return self._render("article.html", links, title=title, iri=iri, body=body, facts=facts, about=about,
                            results=self.results_about(iri, links))

    def entity_page(self, iri: str, links: Links) -> bytes | None:
        node = _n(iri)
        if not self.knows(iri):
            return None
        if ARTICLE in self.objects(node, TYPE):
            page = self.article_page(iri, links)
            if page is not None:        # else (no text) the plain page of a node
                return page
        kind = self.kind(node)
        types = [_short(t) for t in self.objects(node, TYPE)]
        outgoing = [{"predicate": _short(q.predicate), **self._value(q.object, links)}
                    for q in _unique(self.store.quads_for_pattern(node, None, None))
                    if q.predicate not in (TYPE, DENOTED_BY)]
        outgoing.sort(key=lambda r: (r["predicate"], r["text"], r["href"] or ""))
        referrers = sorted({(_short(q.predicate), q.subject.value) for q in self.store.quads_for_pattern(None, None, node)
                            if isinstance(q.subject, ox.NamedNode)})
        incoming = [{"predicate": predicate, **self._value(_n(subject), links)}
                    for predicate, subject in referrers[:MAX_LINKS]]
        incoming.sort(key=lambda r: (r["predicate"], r["text"], r["href"] or ""))
        sections = self._sections(node, kind, links)
        read_in = {}        # the spans, grouped by article (in the order of their dates)
        for row in self.mentions(node):
            path = local_path(row["article"].value)
            row["href"] = links(f"{path}#{row['anchor']}") if path else None
            if row["article"] not in read_in:
                read_in[row["article"]] = {"title": self.label(row["article"]), "date": row["date"],
                                           "href": links(path) if path else None, "rows": []}
            read_in[row["article"]]["rows"].append(row)
        mentions = list(read_in.values())
        return self._render("entity.html", links, title=self.label(node), iri=iri, kind=kind, types=types,
                            sections=sections, mentions=mentions, outgoing=outgoing, incoming=incoming,
                            truncated=len(referrers) > MAX_LINKS, results=self.results_about(iri, links))

    def _value(self, term, links: Links) -> dict:
        if isinstance(term, ox.NamedNode):
            href = links.iri(term.value)
            return {"text": self.label(term) if href or term.value in self.vocab_labels else term.value, "href": href}
        if isinstance(term, ox.Literal):
            return {"text": term.value, "href": None}
        return {"text": str(term), "href": None}

    def _item(self, node, links: Links, note: str = "") -> dict:
        return {"text": self.label(node), "href": links.iri(node.value) if isinstance(node, ox.NamedNode) else None,
                "note": note}

    def _sections(self, node, kind: Kind | None, links: Links) -> list:
        """What a reviewer looks for on the page of a person, an organization or a document."""
        sections = []
        key = kind.key if kind else None
        if key == "person":
            posts = []
            for holding in self.subjects(_n(_ORG + "member"), node):
                post = self.first(holding, _n(_V + "post"))
                attestations = []
                seen = set()
                for row in self.mentions(holding):
                    where = (row["article"].value, row["sentence"] or row["anchor"])
                    if where in seen:
                        continue
                    seen.add(where)
                    path = local_path(row["article"].value)
                    attestations.append({**row, "href": links(f"{path}#{row['anchor']}") if path else None,
                                         "title": self.label(row["article"])})
                posts.append({"post": self._item(post if post is not None else holding, links),
                              "holding": self._item(holding, links), "attestations": attestations})
            posts.sort(key=lambda p: (p["post"]["text"], p["holding"]["href"] or ""))
            sections.append({"kind": "posts", "title": "Chức vụ (posts)", "posts": posts})
            for title, predicate in (("Chủ trì (chaired)", _V + "chair"), ("Phát biểu (spoke at)", _V + "speaker"),
                                     ("Trao (presented)", _V + "presenter")):
                sections.append(self._list(title, self.subjects(_n(predicate), node), links))
        elif key == "organization":
            people = []
            for holding in self.subjects(_n(_ORG + "organization"), node):
                for person in self.objects(holding, _n(_ORG + "member")):
                    post = self.first(holding, _n(_V + "post"))
                    people.append(self._item(person, links, self.label(post) if post is not None else ""))
            sections.append({"kind": "list", "title": "Người (people)",
                             "entries": sorted(people, key=lambda i: (i["text"], i["note"]))})
            for title, predicate in (("Văn bản (documents)", _ELI + "passed_by"),
                                     ("Khen thưởng (awards)", _V + "conferredBy"),
                                     ("Sự kiện tổ chức (events organized)", _SCHEMA + "organizer"),
                                     ("Đơn vị trực thuộc (units)", _ORG + "unitOf")):
                sections.append(self._list(title, self.subjects(_n(predicate), node), links))
        elif key == "document":
            for title, predicate in (("Sự kiện (events)", _V + "reviews"), ("Khen thưởng (awards)", _V + "forDocument"),
                                     ("Số liệu (figures)", _V + "reportsOn")):
                sections.append(self._list(title, self.subjects(_n(predicate), node), links))
        return [s for s in sections if s.get("entries") or s.get("posts")]

    def _list(self, title: str, nodes: list, links: Links) -> dict:
        items = [self._item(n, links) for n in nodes if isinstance(n, ox.NamedNode)]
        return {"kind": "list", "title": title, "entries": sorted(items, key=lambda i: (i["text"], i["href"] or ""))}

    # -- the SHACL report

    def report_summary(self) -> dict | None:
        if self.report is None:
            return None
        conforms = [v.value for v in self.objects(None, _n(_SH + "conforms"), self.report)]
        results = self.subjects(TYPE, _n(_SH + "ValidationResult"), self.report)
        return {"conforms": "true" in conforms and "false" not in conforms, "count": len(results)}

    def results(self, links: Links, focus=None) -> list:
        if self.report is None:
            return []
        rows = []
        nodes = (self.subjects(_n(_SH + "focusNode"), focus, self.report) if focus is not None
                 else self.subjects(TYPE, _n(_SH + "ValidationResult"), self.report))
        for result in nodes:
            def one(name):
                values = self.objects(result, _n(_SH + name), self.report)
                return min(values, key=str) if values else None
            focus_node, severity = one("focusNode"), one("resultSeverity")
            message, path, value, shape = one("resultMessage"), one("resultPath"), one("value"), one("sourceShape")
            rows.append({"focus": self._value(focus_node, links) if focus_node is not None else {"text": "", "href": None},
                         "severity": _short(severity) if severity is not None else "",
                         "message": message.value if isinstance(message, ox.Literal) else "",
                         "path": _short(path) if isinstance(path, ox.NamedNode) else "",
                         "value": self._value(value, links)["text"] if value is not None else "",
                         "shape": _short(shape) if isinstance(shape, ox.NamedNode) else ""})
        rows.sort(key=lambda r: (r["severity"], r["focus"]["text"], r["path"], r["message"], r["value"]))
        return rows

    def results_about(self, iri: str, links: Links) -> list:
        """The results whose focus is this node or one of its spans (iri#char=…)."""
        if self.report is None:
            return []
        focus = [n for n in self.objects(None, _n(_SH + "focusNode"), self.report)
                 if isinstance(n, ox.NamedNode) and (n.value == iri or n.value.startswith(iri + "#"))]
        return sorted((row for node in focus for row in self.results(links, node)),
                      key=lambda r: (r["severity"], r["focus"]["text"], r["path"], r["message"], r["value"]))

    def shacl_page(self, links: Links) -> bytes:
        return self._render("shacl.html", links, title="Báo cáo SHACL", summary=self.report_summary(),
                            results=self.results(links))

    # -- a static report

    def page_list(self) -> list:
        """(file name, IRI or None) of every page of a static report, in a fixed order."""
        pages = [(STYLESHEET, None), ("index.html", None), ("shacl.html", None)]
        pages += [(local_path(node.value) + ".html", node.value) for node, _, _ in self.articles()]
        pages += [(local_path(iri) + ".html", iri) for iri in self.entities()]
        return pages

    def static_page(self, name: str, iri: str | None) -> bytes:
        links = Links(True, name)
        if iri is not None:
            return self.entity_page(iri, links)
        return {STYLESHEET: self.stylesheet, "index.html": lambda: self.index_page(links),
                "shacl.html": lambda: self.shacl_page(links)}[name]()


def _integer(term) -> int | None:
    """An offset as a number; None for a missing or malformed one (the data may be anyone's)."""
    try:
        return int(term.value) if term is not None else None
    except ValueError:
        return None


def _first_begin(fact: Fact) -> int:
    return int(fact.spans[0][0].split("-")[1]) if fact.spans else 0


def _unique(quads) -> list:
    return list(dict.fromkeys(quads))


def _short(term) -> str:
    """A prefixed name for an IRI of a known namespace (vnkg:chair), else the IRI."""
    return _shortened(term.value if isinstance(term, (ox.NamedNode, ox.Literal)) else str(term))


@functools.lru_cache(maxsize=1 << 12)
def _shortened(value: str) -> str:
    for namespace, prefix in _PREFIX_LIST:
        if value.startswith(namespace) and prefix not in ("id",):
            return f"{prefix}:{value[len(namespace):]}"
    return value


def _nest(text: str, spans: list) -> list:
    """The text as tokens ('text', str) / ('open', span, attributes) / ('close',) with the spans as properly nested
    elements. Spans that cross (one begins inside another and ends after it) are cut at the outer one's end; the
    pieces share the span, and only the first carries its id."""
    heap = [(s.begin, -s.end, order, s, True) for order, s in enumerate(spans)]
    heapq.heapify(heap)
    tokens, stack, position, serial = [], [], 0, len(spans)

    def close_until(limit):
        nonlocal position
        while stack and stack[-1] <= limit:
            end = stack.pop()
            if end > position:
                tokens.append(("text", text[position:end]))
                position = end
            tokens.append(("close",))

    while heap:
        begin, negative_end, _, span, first = heapq.heappop(heap)
        end = -negative_end
        close_until(begin)
        if stack and end > stack[-1]:          # crosses the open span: cut it there, the rest comes later
            serial += 1
            heapq.heappush(heap, (stack[-1], -end, serial, span, False))
            end = stack[-1]
            if end <= begin:
                continue
        if begin > position:
            tokens.append(("text", text[position:begin]))
            position = begin
        tokens.append(("open", span, {"id": span.anchor if first else None, "end": end}))
        stack.append(end)
    close_until(len(text))
    if position < len(text):
        tokens.append(("text", text[position:]))
    return tokens


def _marked_text(text: str, spans: list) -> Markup:
    """The article's text with each span as a <mark>: its kind's class, the facts it denotes (shown on hover and
    focus, and named by aria-describedby). Built here rather than in the template, where a loop over thousands
    of pieces was most of a page's time; every piece of text and every attribute value is escaped by MarkupSafe,
    as the templates escape."""
    out = []
    for token in _nest(text, spans):
        if token[0] == "text":
            out.append(escape(token[1]))
        elif token[0] == "close":
            out.append("</mark>")
        else:
            span, first = token[1], token[2]["id"] is not None
            fact = " · ".join(f"{f.kind.vi}: {f.label}" for f in span.facts)
            described = " ".join(f"f-{f.number}" for f in span.facts)
            out.append(f'<mark class="k-{escape(span.facts[0].kind.key)}"'
                       + (f' id="{escape(span.anchor)}"' if first else "")
                       + f' tabindex="0" data-span="{escape(span.anchor)}" data-fact="{escape(fact)}"'
                       f' aria-describedby="{escape(described)}">')
    return Markup("".join(out))


def vocabulary_labels() -> dict:
    """The Vietnamese preferred label of every concept of the vocabularies (a post title, an award kind), which
    a build refers to but does not copy."""
    from . import resources

    labels = {}
    pref = _n(_SKOS + "prefLabel")
    for path in resources.vocabulary_files():
        for quad in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
            if quad.predicate == pref and isinstance(quad.object, ox.Literal) and quad.object.language == "vi":
                labels.setdefault(quad.subject.value, quad.object.value)
    return labels


def report_store(paths: list[Path]) -> ox.Store | None:
    """The SHACL report of the builds among paths (DIR/shacl-report.ttl), or None when there is none."""
    from .pipeline import REPORT_TURTLE
    from .query import parse_error

    files = [p / REPORT_TURTLE for p in paths if p.is_dir() and (p / REPORT_TURTLE).is_file()]
    if not files:
        return None
    store = ox.Store()
    for path in files:
        try:
            store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE)
        except (SyntaxError, ValueError) as error:
            raise parse_error(path, error) from None
    return store


def check_report_directory(path: Path) -> None:
    """Refuse an output directory that holds anything but an earlier report: the report replaces it whole."""
    if path.is_dir() and not (path / REPORT_MARK).exists() and any(path.iterdir()):
        raise UsageError(f"{printable(str(path))}: not empty and not written by vnkg report; "
                         "give a new or empty directory (a report replaces its directory whole)")


_WRITING: tuple = ()         # (site, staging directory) for the forked processes of write_report
PAGES_PER_TASK = 200


def _write_pages(pages: list) -> int:
    site, staging = _WRITING
    for name, iri in pages:
        path = staging / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(site.static_page(name, iri))
    return len(pages)


def write_report(site: Site, out_dir: Path, jobs: int | None = None, progress=None) -> int:
    """Write every page into a new directory beside out_dir (on every core unless jobs), then put it in out_dir's
    place: a report that fails or is interrupted leaves the previous one (or nothing) as it was, never half a
    report. The number of files."""
    global _WRITING
    check_report_directory(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", suffix=".tmp", dir=out_dir.parent))
    old = None
    try:
        pages = site.page_list()
        tasks = [pages[i:i + PAGES_PER_TASK] for i in range(0, len(pages), PAGES_PER_TASK)]
        jobs = min(jobs or os.cpu_count() or 1, len(tasks))
        _WRITING = (site, staging)
        count = 0
        with contextlib.ExitStack() as stack:
            if jobs > 1:        # forked: the workers share the loaded store
                pool = stack.enter_context(multiprocessing.get_context("fork").Pool(jobs))
                written = pool.imap_unordered(_write_pages, tasks)
            else:
                written = map(_write_pages, tasks)
            for done in written:
                count += done
                if progress:
                    progress(count, len(pages))
        (staging / REPORT_MARK).write_text("written by vnkg report; the next report replaces this directory\n")
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(staging, 0o777 & ~umask)       # mkdtemp made it private
        if out_dir.exists():
            old = staging.with_name(staging.name + ".old")
            os.rename(out_dir, old)
            try:
                os.rename(staging, out_dir)
            except BaseException:
                os.rename(old, out_dir)       # the previous report goes back
                old = None
                raise
        else:
            os.rename(staging, out_dir)
        return count
    finally:
        _WRITING = ()
        for leftover in (staging, old):
            if leftover is not None and leftover.exists():
                shutil.rmtree(leftover, ignore_errors=True)
