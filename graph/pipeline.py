"""The build: articles in, a validated graph out.

read -> extract -> emit -> reason (kept apart) -> validate (pySHACL) -> write (atomically).

Articles are independent, so they are processed in chunks (sorted by content key, a fixed number per chunk),
in parallel on every core when there are several chunks. Each chunk is emitted, reasoned over and validated on
its own: the ontology's rules never chain facts of two articles (its only transitive property,
org:transitiveSubOrganizationOf, links a unit to its body, one step), and the shapes are local to a fact, except
for the entities several articles name (a person, an organization, a document): those are validated once more,
across chunks, after the merge. The merged triples are sets of canonical N-Triples lines, so the result does not
depend on the chunking or on which process finished first.
"""
from __future__ import annotations

import multiprocessing
import os
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from .articles import read_article
from .emit import build_iri, emit
from .errors import InputError
from .extract import extract
from .namespaces import ID
from .output import nt_lines, turtle, turtle_from_lines, write_atomically
from .reason import infer
from .text import nfc
from .validate import Report, ontology_graph, validate

GRAPH_FILE = "graph.ttl"
INFERRED_FILE = "inferred.ttl"
REPORT_TEXT = "shacl-report.txt"
REPORT_TURTLE = "shacl-report.ttl"
CHUNK_SIZE = 25
# Entities that several articles may name: validated again across chunks.
SHARED = tuple(f"<{ID}{kind}/" for kind in ("person/", "org/", "post/", "document/", "place/", "period/", "year/"))


@dataclass
class ChunkResult:
    asserted: set[str]
    inferred: set[str]
    report: Report
    counts: Counter
    seconds: Counter          # CPU seconds per stage, for bench/


@dataclass
class BuildResult:
    articles: int
    asserted: set[str]
    inferred: set[str]
    report: Report
    counts: Counter
    skipped: list[str] = field(default_factory=list)   # one-line messages about articles left out
    seconds: Counter = field(default_factory=Counter)  # CPU seconds per stage (summed over processes)

    def summary(self) -> str:
        counts = self.report.counts()
        lines = [
            f"articles read: {self.articles}" + (f" ({len(self.skipped)} skipped)" if self.skipped else ""),
            f"triples: {len(self.asserted)} asserted, {len(self.inferred)} inferred",
            "facts: " + ", ".join(f"{n} {kind}" for kind, n in self.counts.items()),
            f"SHACL: {'conforms' if self.report.conforms else 'does not conform'}"
            f" ({counts['Violation']} violations, {counts['Warning']} warnings)",
        ]
        return "\n".join(lines)


def process_chunk(chunk: list[tuple[str, str]], build: str) -> ChunkResult:
    """Extract, emit, reason over and validate a few articles ((text, source) pairs)."""
    from rdflib import URIRef

    seconds = Counter()
    clock = time.process_time()

    def lap(stage):
        nonlocal clock
        now = time.process_time()
        seconds[stage] += now - clock
        clock = now

    facts = [extract(text, source) for text, source in chunk]
    lap("extract")
    asserted = emit(facts, build=URIRef(build))
    lap("emit")
    inferred = infer(asserted, ontology_graph())
    lap("reason")
    report = validate(asserted)
    lap("validate")
    lines = nt_lines(asserted), nt_lines(inferred)
    lap("serialize")
    counts = Counter()
    for article in facts:
        counts.update(article.counts())
    return ChunkResult(*lines, report, counts, seconds)


def _process(arguments) -> ChunkResult:
    return process_chunk(*arguments)


def read_articles(paths: list[Path], keep_going: bool) -> tuple[list[tuple[str, str]], list[str]]:
    texts, skipped = [], []
    for path in paths:
        try:
            texts.append((read_article(path), str(path)))
        except InputError as error:
            if not keep_going:
                raise
            skipped.append(str(error))
    if not texts:
        raise InputError("no article could be read" + (f": {skipped[0]}" if skipped else ""))
    return texts, skipped


def _key(text: str) -> str:
    import hashlib

    return hashlib.sha256(nfc(text).encode("utf-8")).hexdigest()[:16]


def build(paths: list[Path], keep_going: bool = False, jobs: int | None = None, progress=None,
          chunk_size: int = CHUNK_SIZE) -> BuildResult:
    """Build the graph of the articles. A bad article stops the build (InputError) unless keep_going,
    in which case it is left out and reported in `skipped`."""
    started = time.process_time()
    texts, skipped = read_articles(paths, keep_going)
    read_seconds = time.process_time() - started
    unique = {_key(text): (text, source) for text, source in texts}     # the same text twice is one article
    ordered = [unique[key] for key in sorted(unique)]
    build_node = str(build_iri(sorted(unique)))
    chunks = [ordered[i:i + chunk_size] for i in range(0, len(ordered), chunk_size)]
    jobs = min(jobs or os.cpu_count() or 1, len(chunks))
    results: list[ChunkResult] = []
    if jobs > 1:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            for result in pool.imap(_process, [(chunk, build_node) for chunk in chunks]):
                results.append(result)
                if progress:
                    progress(len(results), len(chunks))
    else:
        for chunk in chunks:
            results.append(process_chunk(chunk, build_node))
            if progress:
                progress(len(results), len(chunks))
    result = merge(results, len(ordered), skipped)
    result.seconds["read and normalize"] += read_seconds
    return result


def merge(results: list[ChunkResult], articles: int, skipped: list[str]) -> BuildResult:
    asserted = set().union(*(r.asserted for r in results))
    inferred = set().union(*(r.inferred for r in results)) - asserted
    reports = [r.report for r in results]
    if len(results) > 1:
        reports.append(_validate_shared_entities(results))
    counts, seconds = Counter(), Counter()
    for result in results:
        counts.update(result.counts)
        seconds.update(result.seconds)
    return BuildResult(articles, asserted, inferred, Report.merge(reports), counts, skipped, seconds)


def _validate_shared_entities(results: list[ChunkResult]) -> Report:
    """Validate, across chunks, the entities that more than one chunk describes."""
    chunks_of: dict[str, set[int]] = defaultdict(set)
    for index, result in enumerate(results):
        for line in result.asserted:
            if line.startswith(SHARED):
                chunks_of[line.split(" ", 1)[0]].add(index)
    shared = {subject for subject, chunks in chunks_of.items() if len(chunks) > 1}
    if not shared:
        return Report.of([])
    lines = {line for result in results for line in result.asserted if line.split(" ", 1)[0] in shared}
    # the type of every node they point to, so that sh:class can be checked
    objects = {line.split(" ", 2)[2].rsplit(" .", 1)[0] for line in lines}
    lines |= {line for result in results for line in result.asserted
              if line.split(" ", 1)[0] in objects and " <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> " in line}
    graph = Graph().parse(data="\n".join(sorted(lines)), format="nt")
    report = validate(graph)
    return Report.of(r for r in report.results if r.focus is not None and f"<{r.focus}>" in shared)


def write_build(result: BuildResult, out_dir: Path) -> list[Path]:
    files = {
        out_dir / GRAPH_FILE: turtle_from_lines(result.asserted),
        out_dir / INFERRED_FILE: turtle_from_lines(result.inferred),
        out_dir / REPORT_TEXT: result.report.text.encode("utf-8"),
        out_dir / REPORT_TURTLE: turtle(result.report.graph),
    }
    write_atomically(files)
    return list(files)


def progress_bar(done: int, total: int) -> None:
    if total > 1:
        width = 30
        filled = width * done // total
        sys.stderr.write(f"\rbuilding [{'#' * filled}{'.' * (width - filled)}] {done}/{total} chunks")
        if done == total:
            sys.stderr.write("\n")
        sys.stderr.flush()
