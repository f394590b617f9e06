"""A store updated article by article: `vnkg load --per-article`, `vnkg retract`, and the per-article export.

The layout is vnkg.article_graphs'. A load reads the store's manifest, adds the build's articles the store lacks
(with the vocabulary's and the build's graphs), drops the earlier version of a page the build has anew, and with
--replace drops the articles the build does not have. Everything goes as SPARQL Update requests, whole articles
in each (a store applies a request in one transaction: an article is in the store whole or not at all, and a load
that fails part-way can be run again to finish it). A new embedded store is bulk-loaded aside and renamed into
place instead.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from .article_graphs import (ARTICLE_PREFIX, ARTICLES_FILE, BUILD_PREFIX, MANIFEST_GRAPH, ArticlesFile, Increment,
                             Manifest, VOID_SUBSET, drop_update, graph_of, insert_update, manifest_lines,
                             plan_increment, quad)
from .errors import InputError, UsageError
from .namespaces import PREFIXES
from .output import VOID_FILE
from .query import ntriples_of_file
from .store import Credentials, StoreError, graph_url, load_new_store, open_store, request

DEFAULT_UPDATE_LINES = 50_000


@dataclass
class PerArticleBuild:
    """A build directory made with --per-article: its articles.nq, and the lines of its build's and vocabulary's
    graphs with the build's description (void.ttl) added to the build's graph."""

    articles: ArticlesFile
    header: list[str]

    @classmethod
    def of(cls, paths: list[Path]) -> "PerArticleBuild":
        if len(paths) != 1 or not paths[0].is_dir():
            raise UsageError("--per-article reads one build directory (--data DIR)")
        folder = paths[0]
        if not (folder / ARTICLES_FILE).is_file():
            raise UsageError(f"{folder}: no {ARTICLES_FILE} (a build made without --per-article); "
                             f"build with 'vnkg build --per-article'")
        articles = ArticlesFile(folder / ARTICLES_FILE)
        header = articles.header()
        build = next((graph_of(line) for line in header if graph_of(line).startswith(BUILD_PREFIX)), None)
        if build is None:
            raise InputError(f"{articles.path}: no build graph; build again with 'vnkg build --per-article'")
        if (folder / VOID_FILE).is_file():
            header += [quad(line.decode("utf-8").rstrip("\n"), build) + "\n"
                       for line in ntriples_of_file(folder / VOID_FILE)]
        return cls(articles, sorted(set(header)))

    def manifest(self) -> list[str]:
        """The manifest of a store that holds exactly this build's articles (quad lines)."""
        return [quad(line, MANIFEST_GRAPH) + "\n" for article in self.articles.articles()
                for line in manifest_lines(article)]

    def write(self, out, fmt: str) -> None:
        """The build for a store's own bulk loader, as N-Quads or TriG, streamed to a binary file: the build's and
        the vocabulary's graphs, the manifest (so that a later `vnkg load --per-article` knows what the store
        holds), then article by article as in articles.nq."""
        head = "".join(self.header + sorted(self.manifest())).encode("utf-8")
        if fmt == "nq":
            out.write(head)
            self.articles.copy_body(out)
            return
        with self.articles.open_body() as body:
            statements = itertools.chain(ox.parse(head, format=ox.RdfFormat.N_QUADS),
                                         ox.parse(body, format=ox.RdfFormat.N_QUADS))
            ox.serialize(statements, out, format=ox.RdfFormat.TRIG,
                         prefixes={p: str(ns) for p, ns in PREFIXES.items()})


class Target:
    """Where a per-article load or a retraction goes: an embedded store, or a server (its Graph Store Protocol
    address, to read the manifest, and its SPARQL Update address)."""

    def __init__(self, store: Path | None = None, endpoint: str | None = None, update_endpoint: str | None = None,
                 credentials: Credentials | None = None, retries: int = 3, timeout: float = 60.0):
        if endpoint and not update_endpoint:
            raise UsageError("a store updated article by article changes through SPARQL Update: give "
                             "--update-endpoint too (Oxigraph: http://host:7878/update)")
        self.path, self.endpoint, self.update_endpoint = store, endpoint, update_endpoint
        self.credentials, self.retries, self.timeout = credentials or Credentials(), retries, timeout
        self._store = None

    @property
    def is_new(self) -> bool:
        return self.path is not None and not (self.path / "CURRENT").is_file()

    def store(self) -> ox.Store:
        if self._store is None:
            self._store = open_store(self.path)
        return self._store

    def manifest(self) -> Manifest:
        if self.path is not None:
            if self.is_new:
                return Manifest()
            quads = self.store().quads_for_pattern(None, None, None, ox.NamedNode(MANIFEST_GRAPH))
            data = ox.serialize((q.triple for q in quads), format=ox.RdfFormat.N_TRIPLES)
        else:
            data = request("GET", graph_url(self.endpoint, MANIFEST_GRAPH), None,
                           {"Accept": "application/n-triples"}, self.credentials, self.retries, self.timeout,
                           absent=b"")
            # the store's own serialization, written again canonically
            data = ox.serialize(ox.parse(data, format=ox.RdfFormat.N_TRIPLES), format=ox.RdfFormat.N_TRIPLES)
        return Manifest.of_lines(data.decode("utf-8").splitlines())

    def update(self, text: str) -> None:
        if self.path is not None:
            try:
                self.store().update(text)
            except (OSError, SyntaxError, ValueError, RuntimeError) as error:
                raise StoreError(f"{self.path}: the update failed ({error})") from None
        else:
            request("POST", self.update_endpoint, text.encode("utf-8"), {"Content-Type": "application/sparql-update"},
                    self.credentials, 0, self.timeout)     # not retried: an update whose answer was lost may be done

    def close(self) -> None:
        if self._store is not None:
            self._store.flush()
            self._store = None

    def where(self) -> str:
        return str(self.path) if self.path is not None else self.endpoint


@dataclass
class LoadSummary:
    added: int
    replaced: int
    kept: int
    requests: int

    def text(self, place: str) -> str:
        return (f"loaded {self.added} articles into {place} (one named graph each), {self.kept} already there"
                + (f", {self.replaced} replaced or removed" if self.replaced else ""))


def load_per_article(build: PerArticleBuild, target: Target, replace_all: bool,
                     batch_lines: int | None = None) -> LoadSummary:
    """Bring the store up to the build: see the module's docstring."""
    if target.is_new:
        return _load_new(build, target)
    manifest = target.manifest()
    plan = plan_increment(build.articles.articles(), manifest, replace_all)
    requests = 0
    for text in update_requests(plan, build, manifest, batch_lines or DEFAULT_UPDATE_LINES):
        try:
            target.update(text)
        except StoreError as error:
            done = f"; {requests} of its requests were applied, each whole: load again to finish" if requests else \
                "; the store was not changed"
            raise StoreError(f"{error}{done}") from None
        requests += 1
    target.close()
    return LoadSummary(len(plan.add), len(plan.drop), plan.kept, requests)


def update_requests(plan: Increment, build: PerArticleBuild, manifest: Manifest, batch_lines: int):
    """The SPARQL Update requests of a load: the drops with the first batch of articles (a page's new version
    replaces the old in one request), whole articles in each, the build's and vocabulary's graphs in the first.
    The articles' lines are read from the file as the requests are made, one batch in memory at a time."""
    pending, size, first = list(build.header), len(build.header), True
    adding = {article.key for article in plan.add}
    for article in (a for a in build.articles.articles() if a.key in adding):
        lines = article.lines + [quad(line, MANIFEST_GRAPH) + "\n" for line in manifest_lines(article)]
        if size and size + len(lines) > batch_lines and not first:
            yield insert_update(pending)
            pending, size = [], 0
        elif size and size + len(lines) > batch_lines:
            yield _first(plan, manifest, pending)
            pending, size, first = [], 0, False
        pending += lines
        size += len(lines)
    if first:
        yield _first(plan, manifest, pending)
    elif pending:
        yield insert_update(pending)


def _first(plan: Increment, manifest: Manifest, pending: list[str]) -> str:
    parts = [drop_update(plan.drop, manifest)] if plan.drop else []
    return " ;\n".join(parts + [insert_update(pending)])


def _load_new(build: PerArticleBuild, target: Target) -> LoadSummary:
    """A new embedded store: the whole file bulk-loaded aside, with the manifest, then renamed into place."""
    manifest = build.manifest()
    count = sum(line.split(" ", 2)[1] == VOID_SUBSET for line in manifest)

    def fill(store: ox.Store) -> None:
        store.bulk_load("".join(build.header + manifest).encode("utf-8"), format=ox.RdfFormat.N_QUADS)
        store.bulk_load(path=str(build.articles.path), format=ox.RdfFormat.N_QUADS)

    load_new_store(target.path, fill)
    return LoadSummary(count, 0, 0, 0)


def retract(iris: list[str], target: Target) -> int:
    """Remove articles from a store loaded per article: their graphs and their manifest entries, in one request."""
    if target.is_new:
        raise UsageError(f"{target.path}: no such store")
    manifest = target.manifest()
    unknown = [iri for iri in iris if iri not in manifest.articles]
    if unknown:
        hint = "" if unknown[0].startswith(ARTICLE_PREFIX) else f" (an article's IRI starts {ARTICLE_PREFIX})"
        raise UsageError(f"not an article of {target.where()}: {unknown[0]}{hint}")
    target.update(drop_update(sorted(set(iris)), manifest))
    target.close()
    return len(set(iris))
