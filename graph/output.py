"""Output: deterministic serializations and atomic writes.

The same graph always gives the same bytes: Turtle is rdflib's sorted 'longturtle', N-Triples and N-Quads
are sorted lines, TriG and RDF/XML are written by pyoxigraph from sorted statements, JSON-LD is compacted
with the project's prefixes and its keys and nodes sorted. Blank nodes (only in SHACL reports) get labels
computed from their content.
"""
from __future__ import annotations

import glob
import hashlib
import json
import os
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal

from .errors import UsageError, printable
from .namespaces import BASE, PREFIXES
from .terms import term_maker

_UMASK = os.umask(0)
os.umask(_UMASK)

# Prefixes of data files. Not id: and vocab:, whose local names would need escaped slashes.
DATA_PREFIXES = {p: str(ns) for p, ns in PREFIXES.items() if p not in ("id", "vocab", "sh", "owl")}

ASSERTED_GRAPH = BASE + "graph/asserted"
INFERRED_GRAPH = BASE + "graph/inferred"
VOID_GRAPH = BASE + "graph/void"
# A build directory's data files (the build writes them; query, load, export and serve read them), each read into
# its named graph.
GRAPH_FILE = "graph.ttl"
INFERRED_FILE = "inferred.ttl"
VOID_FILE = "void.ttl"
BUILD_GRAPHS = {GRAPH_FILE: ASSERTED_GRAPH, INFERRED_FILE: INFERRED_GRAPH, VOID_FILE: VOID_GRAPH}

# Format names and file extensions users know from riot and the Oxigraph CLI.
FORMATS = {
    "ttl": "ttl", "turtle": "ttl", "nt": "nt", "ntriples": "nt", "n-triples": "nt", "nq": "nq", "nquads": "nq",
    "n-quads": "nq", "trig": "trig", "jsonld": "jsonld", "json-ld": "jsonld", "xml": "xml", "rdf": "xml",
    "rdfxml": "xml", "rdf/xml": "xml", "owl": "xml",
}


def format_name(name: str) -> str:
    key = name.lower().lstrip(".")
    if key not in FORMATS:
        raise UsageError(f"unknown RDF format '{name}' (use one of: ttl, nt, nq, trig, jsonld, xml)")
    return FORMATS[key]


def format_of_path(path: Path) -> str | None:
    suffix = path.suffix.lower().lstrip(".")
    return FORMATS.get(suffix)


def relabel_blank_nodes(graph: Graph) -> Graph:
    """Blank nodes labelled by a hash of what they say (a Merkle hash over the tree they root), so a
    report serializes the same way every time."""
    memo: dict[BNode, str] = {}

    def digest(node: BNode, seen=()) -> str:
        if node in memo:
            return memo[node]
        parts = []
        for p, o in graph.predicate_objects(node):
            value = digest(o, seen + (node,)) if isinstance(o, BNode) and o not in seen else o.n3()
            parts.append(f"{p.n3()} {value}")
        memo[node] = "b" + hashlib.sha256("\n".join(sorted(parts)).encode()).hexdigest()[:16]
        return memo[node]

    out = Graph(bind_namespaces="none")
    for prefix, namespace in graph.namespaces():
        out.bind(prefix, namespace)
    for s, p, o in graph:
        s2 = BNode(digest(s)) if isinstance(s, BNode) else s
        o2 = BNode(digest(o)) if isinstance(o, BNode) else o
        out.add((s2, p, o2))
    return out


def _bind(graph: Graph) -> Graph:
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, replace=True)
    return graph


def _nt(term) -> str:
    """An IRI or a literal in N-Triples syntax (the data has no blank nodes)."""
    if not isinstance(term, Literal):
        return f"<{term}>"
    text = str(term).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    if term.language:
        return f'"{text}"@{term.language}'
    return f'"{text}"^^<{term.datatype}>' if term.datatype else f'"{text}"'


def triples_of(lines: list[str]) -> set[tuple]:
    """N-Triples lines as a set of rdflib triples, parsed by pyoxigraph (rdflib's parser was 70% of the time of
    the cross-chunk check)."""
    term = term_maker()
    parsed = ox.parse("".join(lines).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return {(term(t.subject), term(t.predicate), term(t.object)) for t in parsed}


def nt_lines(graph) -> set[str]:
    """The graph (an rdflib Graph, or a set of triples of rdflib terms) as canonical N-Triples lines (pyoxigraph's
    writer), one string per triple."""
    if isinstance(graph, Graph):
        raw = graph.serialize(format="nt", encoding="utf-8")
    else:   # written here in plain N-Triples, then canonically by pyoxigraph
        raw = "".join(f"{_nt(s)} {_nt(p)} {_nt(o)} .\n" for s, p, o in graph).encode("utf-8")
    canonical = ox.serialize(ox.parse(raw, format=ox.RdfFormat.N_TRIPLES), format=ox.RdfFormat.N_TRIPLES)
    return set(canonical.decode("utf-8").splitlines())


def turtle_header() -> bytes:
    return ("".join(f"@prefix {p}: <{ns}> .\n" for p, ns in DATA_PREFIXES.items()) + "\n").encode("utf-8")


def _turtle_body(nt: bytes) -> bytes:
    body = ox.serialize(ox.parse(nt, format=ox.RdfFormat.N_TRIPLES), format=ox.RdfFormat.TURTLE,
                        prefixes=DATA_PREFIXES)
    # our own header, in a fixed order, is written once; drop the writer's
    return b"".join(line for line in body.splitlines(keepends=True) if not line.startswith(b"@prefix "))


def write_turtle(sorted_nt, out, batch_lines: int = 20_000, header: bool = True) -> None:
    """Turtle from sorted N-Triples lines (a file, or an open one), streamed in batches that end where a subject
    ends. Turtle runs subject by subject: the bodies (header=False) of consecutive ranges of lines, one after the
    other, are the body of them all (the build's merge writes its shards' pieces so)."""
    if header:
        out.write(turtle_header())
    batch: list[str] = []
    with open(sorted_nt, encoding="utf-8") if isinstance(sorted_nt, (str, Path)) else sorted_nt as lines:
        for line in lines:
            if len(batch) >= batch_lines and line.split(" ", 1)[0] != batch[-1].split(" ", 1)[0]:
                out.write(_turtle_body("".join(batch).encode("utf-8")))
                batch = []
            batch.append(line)
    if batch:
        out.write(_turtle_body("".join(batch).encode("utf-8")))


def turtle_from_lines(lines) -> bytes:
    """Turtle with the project's prefixes, subjects and predicates in sorted order (from sorted N-Triples)."""
    data = ("\n".join(sorted(lines)) + "\n").encode("utf-8") if lines else b""
    return turtle_header() + _turtle_body(data)


def turtle(graph: Graph) -> bytes:
    """Deterministic Turtle. A graph with blank nodes (a SHACL report) gets content-derived labels and rdflib's
    sorted writer; data graphs, which have none, pyoxigraph's writer from sorted lines."""
    if any(isinstance(t, BNode) for triple in graph for t in triple):
        return _bind(relabel_blank_nodes(graph)).serialize(format="longturtle", encoding="utf-8")
    return turtle_from_lines(nt_lines(graph))


def ntriples(graph: Graph) -> bytes:
    lines = nt_lines(graph)
    return ("\n".join(sorted(lines)) + "\n").encode("utf-8") if lines else b""


def _sort_json(value):
    if isinstance(value, dict):
        return {k: _sort_json(value[k]) for k in sorted(value)}
    if isinstance(value, list):
        items = [_sort_json(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True))
    return value


def jsonld(graph: Graph) -> bytes:
    context = {p: str(ns) for p, ns in PREFIXES.items()}
    document = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=True))
    if isinstance(document, dict) and "@graph" in document:
        document = {"@context": context, "@graph": _sort_json(document["@graph"])}
    else:
        document = _sort_json(document)
        if isinstance(document, dict):
            document["@context"] = context
    return (json.dumps(document, ensure_ascii=False, indent=1, sort_keys=False) + "\n").encode("utf-8")


def sorted_unique(lines: list[bytes]) -> list[bytes]:
    """N-Triples lines sorted (as Python sorts str: UTF-8 bytes sort in code point order) without repeats. Sorted
    first: the lines of a build's files come nearly sorted, and Python's sort is linear on such runs."""
    lines.sort()
    return list(dict.fromkeys(lines))


def _has_blank_nodes(data: bytes) -> bool:
    return b"_:" in data and any(isinstance(term, ox.BlankNode) for triple in
                                 ox.parse(data, format=ox.RdfFormat.N_TRIPLES) for term in triple)


def _graph_of(data: bytes) -> Graph:
    graph = Graph(bind_namespaces="none")
    term = term_maker()
    for triple in ox.parse(data, format=ox.RdfFormat.N_TRIPLES):
        graph.add((term(triple.subject), term(triple.predicate), term(triple.object)))
    return graph


def _quads(named: list[tuple[str, list[bytes]]]) -> list[ox.Quad]:
    return [ox.Quad(triple.subject, triple.predicate, triple.object, ox.NamedNode(name))
            for name, lines in named for triple in ox.parse(b"".join(lines), format=ox.RdfFormat.N_TRIPLES)]


def serialize(graphs: dict[str, list[bytes]], fmt: str) -> bytes:
    """One build's data, given as sorted unique canonical N-Triples lines per named graph, in a format. Quad formats
    keep the named graphs (asserted, inferred, the description); triple formats merge them. pyoxigraph writes every
    format but JSON-LD (and Turtle with blank nodes, whose labels must come from their content): no rdflib graph is
    made for the others, which made export twenty times slower."""
    fmt = format_name(fmt)
    if fmt in ("nq", "trig"):
        quads = _quads(list(graphs.items()))
        if fmt == "nq":
            return ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
        return ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes={p: str(ns) for p, ns in PREFIXES.items()})
    data = b"".join(sorted_unique([line for lines in graphs.values() for line in lines]))
    if fmt == "nt":
        return data
    if fmt == "xml":
        prefixes = {p: str(ns) for p, ns in PREFIXES.items() if p not in ("id", "vocab")}
        return ox.serialize(ox.parse(data, format=ox.RdfFormat.N_TRIPLES), format=ox.RdfFormat.RDF_XML,
                            prefixes=prefixes)
    if fmt == "ttl" and not _has_blank_nodes(data):
        return turtle_header() + _turtle_body(data)
    graph = _graph_of(data)
    return turtle(graph) if fmt == "ttl" else jsonld(graph)


def check_output(path: Path, directory: bool) -> None:
    """Refuse, before any work, an output path that cannot be written: a file where a directory is needed (or
    the other way round), a file on the way, or a directory we may not write in."""
    if path.exists() and path.is_dir() != directory:
        raise UsageError(f"{printable(str(path))}: is {'a file' if directory else 'a directory'}; "
                         f"give {'a directory' if directory else 'a file name'}")
    existing = path if directory and path.exists() else path.parent
    while not existing.exists():
        existing = existing.parent
    if not existing.is_dir():
        raise UsageError(f"{printable(str(path))}: cannot write there ({printable(str(existing))} is a file)")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise UsageError(f"{printable(str(path))}: cannot write there (no permission in {printable(str(existing))})")


STALE_SECONDS = 600   # a temporary file this long untouched was left by a write that was killed (kill -9)


def _remove_stale_temporaries(path: Path) -> None:
    """Remove what a killed write of this file left beside it; a write in progress keeps its file's time fresh."""
    now = time.time()
    for leftover in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        try:
            if now - leftover.stat().st_mtime > STALE_SECONDS:
                leftover.unlink()
        except OSError:
            continue


def write_atomically(files: dict) -> None:
    """Write every file (bytes, or a function that writes to a binary file) to a temporary name beside it,
    then rename them all: a failure before the renames leaves the previous files as they were."""
    temporaries: list[tuple[str, Path]] = []
    try:
        for path, data in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            _remove_stale_temporaries(path)
            handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            temporaries.append((temporary, path))
            os.chmod(temporary, 0o666 & ~_UMASK)
            with os.fdopen(handle, "wb") as out:
                if callable(data):
                    data(out)
                else:
                    out.write(data)
                out.flush()
                os.fsync(out.fileno())
        for temporary, path in temporaries:
            os.replace(temporary, path)
    finally:
        for temporary, _ in temporaries:
            if os.path.exists(temporary):
                os.unlink(temporary)
