"""vnkg as a Python library: the three calls a program needs, on top of the same pipeline `vnkg build` runs.

    import vnkg
    graph = vnkg.build_graph(Path("article.txt"))          # asserted triples, an rdflib.Graph
    report = vnkg.validate(graph)                           # the SHACL report: .conforms, .text, .graph
    facts = vnkg.extract("Chiều 12/1, Tỉnh ủy Cao Bằng ...")  # the typed facts, each with its spans

A str is an article's text; a path (pathlib.Path or os.PathLike) is a file read as `vnkg build` reads it (text or
saved web page, with its sidecar). Errors are vnkg.errors.InputError with the one-line message the CLI prints.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rdflib import Graph

    from .facts import ArticleFacts
    from .validation import Report

__all__ = ["build_graph", "extract", "validate"]


def _article(article: str | os.PathLike) -> tuple[str, str, object]:
    """(normalized text, source name, page metadata) of a text or a file."""
    from .articles import read
    from .errors import InputError
    from .text import normalize

    if isinstance(article, os.PathLike):
        read_in = read(Path(article))
        return read_in.text, str(article), read_in.page
    if not isinstance(article, str):
        raise TypeError(f"an article is a str (its text) or a path, not {type(article).__name__}")
    text = normalize(article)
    if not text.strip():
        raise InputError("<article>: empty article (no text)")
    return text, "<article>", None


def extract(article: str | os.PathLike) -> "ArticleFacts":
    """The facts of one article (persons, organizations, posts held, documents, events, awards, statistics), each
    with its spans: code-point offsets into `facts.text`, the article's normalized (NFC) text."""
    from .extraction import extract as extract_facts

    text, source, page = _article(article)
    return extract_facts(text, source, page=page)


def build_graph(article: str | os.PathLike, *, inferred: bool = False) -> "Graph":
    """The asserted graph of one article, the triples `vnkg build` writes to graph.ttl for it; with
    `inferred=True` the OWL 2 RL entailments (inferred.ttl) are added to it."""
    from .emit import emit
    from .reason import infer
    from .validation import ontology_graph

    graph = emit([extract(article)])
    if inferred:
        for triple in infer(graph, ontology_graph()):
            graph.add(triple)
    return graph


def validate(graph: "Graph") -> "Report":
    """The SHACL report of a graph against vnkg's shapes: `.conforms`, `.results`, `.text` (as
    shacl-report.txt) and `.graph` (the W3C SHACL validation report)."""
    from .validation import validate as validate_graph

    return validate_graph(graph)
