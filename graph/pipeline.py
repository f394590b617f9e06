"""The build: articles in, a validated graph out.

read -> extract -> emit -> reason (owlrl, kept apart) -> validate (pyshacl) -> write (atomically).
"""
from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from .articles import read_article
from .emit import emit
from .errors import InputError
from .extract import extract
from .facts import ArticleFacts
from .output import turtle, write_atomically
from .reason import infer
from .validate import Report, ontology_graph, validate

GRAPH_FILE = "graph.ttl"
INFERRED_FILE = "inferred.ttl"
REPORT_TEXT = "shacl-report.txt"
REPORT_TURTLE = "shacl-report.ttl"


@dataclass
class BuildResult:
    articles: list[ArticleFacts]
    asserted: Graph
    inferred: Graph
    report: Report
    skipped: list[str] = field(default_factory=list)   # one-line messages about articles left out

    def summary(self) -> str:
        kinds = Counter()
        for facts in self.articles:
            kinds.update(facts.counts())
        counts = self.report.counts()
        lines = [
            f"articles read: {len(self.articles)}" + (f" ({len(self.skipped)} skipped)" if self.skipped else ""),
            f"triples: {len(self.asserted)} asserted, {len(self.inferred)} inferred",
            "facts: " + ", ".join(f"{n} {kind}" for kind, n in kinds.items()),
            f"SHACL: {'conforms' if self.report.conforms else 'does not conform'}"
            f" ({counts['Violation']} violations, {counts['Warning']} warnings)",
        ]
        return "\n".join(lines)


def build(paths: list[Path], keep_going: bool = False, progress=None) -> BuildResult:
    """Build the graph of the articles. A bad article stops the build (InputError) unless keep_going,
    in which case it is left out and reported in `skipped`."""
    articles, skipped = [], []
    for index, path in enumerate(paths):
        try:
            text = read_article(path)
        except InputError as error:
            if not keep_going:
                raise
            skipped.append(str(error))
            continue
        articles.append(extract(text, str(path)))
        if progress:
            progress(index + 1, len(paths))
    if not articles:
        raise InputError("no article could be read" + (f": {skipped[0]}" if skipped else ""))
    asserted = emit(articles)
    inferred = infer(asserted, ontology_graph())
    report = validate(asserted)
    return BuildResult(articles, asserted, inferred, report, skipped)


def write_build(result: BuildResult, out_dir: Path) -> list[Path]:
    files = {
        out_dir / GRAPH_FILE: turtle(result.asserted),
        out_dir / INFERRED_FILE: turtle(result.inferred),
        out_dir / REPORT_TEXT: result.report.text.encode("utf-8"),
        out_dir / REPORT_TURTLE: turtle(result.report.graph),
    }
    write_atomically(files)
    return list(files)


def progress_bar(done: int, total: int) -> None:
    if total > 1:
        width = 30
        filled = width * done // total
        sys.stderr.write(f"\rbuilding [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        if done == total:
            sys.stderr.write("\n")
        sys.stderr.flush()
