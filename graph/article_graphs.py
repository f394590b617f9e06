"""One named graph per article: the layout that lets a store be updated article by article.

A build made with `vnkg build --per-article` also writes `articles.nq`, in which
    <https://w3id.org/vnkg/id/article/KEY>         holds what the article asserts: every triple the emitter writes
                                                    for it alone, the triples of the people, bodies and documents it
                                                    names included (another article that names them says them again,
                                                    in its own graph), and `<build> prov:used <article>`;
    <https://w3id.org/vnkg/graph/inferred/KEY>     the OWL 2 RL entailments of those triples that they do not assert;
    <https://w3id.org/vnkg/graph/vocabulary>       the SKOS concepts the facts point to (the same in every article);
    <https://w3id.org/vnkg/graph/build/BUILD>      the build and its software (and, when loaded or exported, the
                                                    build's description, void.ttl).
Shared entities are repeated, not owned: retracting an article drops its graph and leaves what the other articles
say of a person whole. A store reading the union of its graphs therefore holds some triples in several graphs; the
queries in queries/ count each fact once all the same (a test runs them on such a store).

The file lists the build's and the vocabulary's graphs first, then each article (by content key) with its asserted
graph and then its inferred one, each sorted: a reader takes one article at a time, and the bytes do not depend on
how the build split its chunks. A store keeps a manifest in <https://w3id.org/vnkg/graph/articles>:
    <…/graph/articles> void:subset <article> .   <article> dcterms:source <page URL> .   (the URL when a page gave one)
which `vnkg load --per-article` reads to tell new articles from loaded ones, and a new version of a page (same URL,
another text) from a new page.
"""
from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from .namespaces import BASE, ID, PREFIXES, SCHEMA, VOCAB

ARTICLES_FILE = "articles.nq"
ARTICLE_PREFIX = f"{ID}article/"
INFERRED_PREFIX = BASE + "graph/inferred/"
VOCABULARY_GRAPH = BASE + "graph/vocabulary"
BUILD_PREFIX = BASE + "graph/build/"
MANIFEST_GRAPH = BASE + "graph/articles"

VOID_SUBSET = "<http://rdfs.org/ns/void#subset>"
_SOURCE = f"<{PREFIXES['dcterms']}source>"
_URL = f"<{SCHEMA}url>"
_USED = f"<{PREFIXES['prov']}used>"
_CONCEPT_SUBJECT = f"<{VOCAB}"
_BUILD_SUBJECT = f"<{ID}build/"
_SOFTWARE_SUBJECT = f"<{ID}software/"


def article_graph(key: str) -> str:
    return f"{ARTICLE_PREFIX}{key}"


def inferred_graph(key: str) -> str:
    return f"{INFERRED_PREFIX}{key}"


def build_graph(build: str) -> str:
    """The graph of a build, from its IRI (…/id/build/KEY)."""
    return BUILD_PREFIX + build.rsplit("/", 1)[1]


def quad(line: str, graph: str) -> str:
    """A canonical N-Triples line ("s p o .", no newline) in a named graph."""
    return f"{line[:-1]}<{graph}> ."


def split_article(lines: Iterable[str]) -> tuple[list[str], list[str], list[str]]:
    """An article's asserted N-Triples lines (emitted for it alone) split into its own, the vocabulary's and the
    build's, each sorted."""
    own, vocabulary, build = [], [], []
    for line in lines:
        if line.startswith(_CONCEPT_SUBJECT):
            vocabulary.append(line)
        elif line.startswith((_BUILD_SUBJECT, _SOFTWARE_SUBJECT)) and line.split(" ", 2)[1] != _USED:
            build.append(line)
        else:
            own.append(line)
    return sorted(own), sorted(vocabulary), sorted(build)


@dataclass
class ArticleGraphs:
    """One article of an articles.nq: its key, the quad lines of its two graphs, and the URL of its page."""

    key: str
    lines: list[str] = field(default_factory=list)
    url: str | None = None

    @property
    def iri(self) -> str:
        return article_graph(self.key)


@dataclass
class ArticlesFile:
    """What an articles.nq holds, read one article at a time."""

    path: Path

    def header(self) -> list[str]:
        """The quad lines of the build's and the vocabulary's graphs (the lines before the first article)."""
        return self._split()[0]

    def copy_body(self, out) -> None:
        """The articles' lines, as they are in the file, to a binary file."""
        with open(self.path, "rb") as handle:
            handle.seek(self._split()[1])
            shutil.copyfileobj(handle, out, 1 << 20)

    def open_body(self):
        """The file, open in binary at its first article's line."""
        handle = open(self.path, "rb")
        handle.seek(self._split()[1])
        return handle

    def _split(self) -> tuple[list[str], int]:
        lines, offset = [], 0
        with open(self.path, encoding="utf-8") as handle:
            for line in handle:
                if graph_of(line).startswith(ARTICLE_PREFIX):
                    break
                lines.append(line)
                offset += len(line.encode("utf-8"))
        return lines, offset

    def articles(self) -> Iterator[ArticleGraphs]:
        current: ArticleGraphs | None = None
        article_iri = None
        with open(self.path, encoding="utf-8") as handle:
            for line in handle:
                graph = graph_of(line)
                if graph.startswith(ARTICLE_PREFIX) and graph != article_iri:
                    if current is not None:
                        yield current
                    article_iri = graph
                    current = ArticleGraphs(graph[len(ARTICLE_PREFIX):])
                if current is None:
                    continue        # the header
                current.lines.append(line)
                if current.url is None and line.startswith(f"<{graph}> {_URL} ") and graph == article_iri:
                    current.url = line.split(" ", 3)[2]
        if current is not None:
            yield current


def graph_of(line: str) -> str:
    """The graph IRI of a canonical N-Quads line of this layout (every line names its graph, and ends " .")."""
    end = line.rindex(">")
    return line[line.rindex("<", 0, end) + 1:end]


def manifest_lines(article: ArticleGraphs) -> list[str]:
    lines = [f"<{MANIFEST_GRAPH}> {VOID_SUBSET} <{article.iri}> ."]
    if article.url:
        lines.append(f"<{article.iri}> {_SOURCE} {article.url} .")
    return lines


@dataclass
class Manifest:
    """What a store says it holds: its articles' IRIs, and of those from a page, the page's URL."""

    articles: set[str] = field(default_factory=set)
    urls: dict[str, str] = field(default_factory=dict)     # URL (N-Triples form) -> article IRI

    @classmethod
    def of_lines(cls, lines: Iterable[str]) -> "Manifest":
        manifest = cls()
        for line in lines:
            subject, predicate, rest = line.split(" ", 2)
            value = rest.rsplit(" ", 1)[0].strip()
            if predicate == VOID_SUBSET:
                manifest.articles.add(value[1:-1])
            elif predicate == _SOURCE:
                manifest.urls[value] = subject[1:-1]
        return manifest


@dataclass
class Increment:
    """What loading a build changes in a store: the articles to add, the stored ones they replace (a page's earlier
    text), and how many were there already."""

    add: list[ArticleGraphs]     # their keys and URLs: their lines are read again when sent
    drop: list[str]
    kept: int


def plan_increment(articles: Iterable[ArticleGraphs], manifest: Manifest, replace_all: bool) -> Increment:
    """The articles of a build the store lacks, and the stored articles they replace: those of the same page URL
    under another text, or, with replace_all, every stored article the build does not have."""
    add, drop, kept, seen = [], [], 0, set()
    for article in articles:
        seen.add(article.iri)
        if article.iri in manifest.articles:
            kept += 1
            continue
        add.append(ArticleGraphs(article.key, url=article.url))     # not its lines: a first load may add millions
        earlier = manifest.urls.get(article.url) if article.url else None
        if earlier and earlier != article.iri:
            drop.append(earlier)
    if replace_all:
        drop.extend(sorted(manifest.articles - seen - set(drop)))
    return Increment(add, sorted(set(drop)), kept)


def drop_update(iris: list[str], manifest: Manifest) -> str:
    """SPARQL Update that removes articles: their two graphs and their manifest entries."""
    parts = []
    for iri in iris:
        key = iri[len(ARTICLE_PREFIX):]
        parts += [f"DROP SILENT GRAPH <{iri}>", f"DROP SILENT GRAPH <{inferred_graph(key)}>"]
    rows = [f"<{MANIFEST_GRAPH}> {VOID_SUBSET} <{iri}> ." for iri in iris]
    dropped = set(iris)
    rows += [f"<{iri}> {_SOURCE} {url} ." for url, iri in sorted(manifest.urls.items()) if iri in dropped]
    if rows:
        parts.append("DELETE DATA { GRAPH <%s> {\n%s\n} }" % (MANIFEST_GRAPH, "\n".join(rows)))
    return " ;\n".join(parts)


def insert_update(lines: list[str]) -> str:
    """SPARQL Update that adds quad lines (N-Quads is SPARQL's own syntax for terms, graph by graph)."""
    by_graph: dict[str, list[str]] = {}
    for line in lines:
        graph = graph_of(line)
        body = line[:line.rindex("<", 0, line.rindex(">"))].rstrip()
        by_graph.setdefault(graph, []).append(body + " .")
    blocks = "\n".join(f"GRAPH <{graph}> {{\n" + "\n".join(triples) + "\n}" for graph, triples in by_graph.items())
    return "INSERT DATA {\n%s\n}" % blocks
