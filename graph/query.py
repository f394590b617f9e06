"""Queries: SPARQL over a build (or any RDF files) with pyoxigraph, results in the W3C formats.

SELECT results are written by pyoxigraph's serializers for the SPARQL 1.1 Query Results CSV, TSV, JSON and
XML formats; `table` is for people. CONSTRUCT and DESCRIBE give Turtle; ASK gives true or false.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from . import resources
from .errors import InputError, UsageError
from .namespaces import PREFIXES
from .output import ASSERTED_GRAPH, BUILD_GRAPHS, GRAPH_FILE, INFERRED_FILE, VOID_FILE, format_of_path, sorted_unique
from .sparql_scan import has_dataset, keywords, mask
from .xmlguard import screen_rdfxml

MAX_QUERY_BYTES = 1024 * 1024     # a query read from standard input; a SPARQL query is a few kilobytes

RESULT_FORMATS = {"csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV,
                  "json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML}
OX_FORMATS = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "nq": ox.RdfFormat.N_QUADS,
              "trig": ox.RdfFormat.TRIG, "jsonld": ox.RdfFormat.JSON_LD, "xml": ox.RdfFormat.RDF_XML}


def data_files(paths: list[Path]) -> list[Path]:
    """RDF files named directly, or a build directory's graph.ttl, inferred.ttl and void.ttl."""
    files = []
    for path in paths:
        if path.is_dir():
            graph = path / GRAPH_FILE
            if not graph.exists():
                raise InputError(f"{path}: no {GRAPH_FILE} here; run 'vnkg build -o {path}' first or give RDF files")
            files.append(graph)
            files += [path / name for name in (INFERRED_FILE, VOID_FILE) if (path / name).exists()]
        elif path.exists():
            files.append(path)
        else:
            raise InputError(f"{path}: no such file or directory")
    return files


def parse_error(path: Path, error: Exception) -> InputError:
    """The parser's message with file, line and column."""
    message = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    m = re.search(r"line (\d+) column (\d+)", message) or re.search(r"(\d+):(\d+)", message)
    where = f"{path}:{m.group(1)}:{m.group(2)}" if m else str(path)
    return InputError(f"{where}: not valid RDF: {message}")


def _checked_format(path: Path) -> str:
    """An RDF file's format (by its name), RDF/XML screened for entities before any parser reads it."""
    fmt = format_of_path(path)
    if fmt is None:
        raise InputError(f"{path}: unknown RDF format (name it .ttl, .nt, .nq, .trig, .jsonld or .rdf)")
    if fmt == "xml":
        screen_rdfxml(path)
    return fmt


def parse_file(path: Path) -> list:
    """The statements of an RDF file, parsed by pyoxigraph; a syntax error names file, line and column."""
    fmt = _checked_format(path)
    try:
        return list(ox.parse(path=str(path), format=OX_FORMATS[fmt]))
    except (SyntaxError, ValueError) as error:
        raise parse_error(path, error) from None
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error})") from None


def load_graphs(paths: list[Path]) -> tuple[Graph, Graph]:
    """rdflib graphs of the data: (asserted, inferred); a build's inferred.ttl goes to the second."""
    asserted, inferred = Graph(), Graph()
    files = data_files(paths)
    for path in files:
        statements = parse_file(path)
        triples = [s.triple if isinstance(s, ox.Quad) else s for s in statements]
        target = inferred if path.name == INFERRED_FILE else asserted
        target.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
    if not asserted and not inferred:
        raise no_data(files)
    return asserted, inferred


def ntriples_of_file(path: Path) -> list[bytes]:
    """An RDF file's statements as canonical N-Triples lines (the graphs of quads dropped), parsed and written by
    pyoxigraph as a stream: no Python object is kept per statement."""
    fmt = _checked_format(path)
    try:
        statements = ox.parse(path=str(path), format=OX_FORMATS[fmt])
        if fmt in ("nq", "trig", "jsonld"):        # formats with named graphs: their triples, as one graph
            statements = (quad.triple for quad in statements)
        return ox.serialize(statements, format=ox.RdfFormat.N_TRIPLES).splitlines(keepends=True)
    except (SyntaxError, ValueError) as error:
        raise parse_error(path, error) from None
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error})") from None


def read_ntriples(paths: list[Path]) -> dict[str, list[bytes]]:
    """The data as sorted, unique canonical N-Triples lines per named graph: a build's inferred.ttl and void.ttl in
    their own, everything else in the asserted graph (which is always there, the others only when present). What load
    and export send on; rdflib never sees it (re-parsing through rdflib was 60% of their time)."""
    graphs: dict[str, list[bytes]] = {ASSERTED_GRAPH: []}
    files = data_files(paths)
    for path in files:
        target = BUILD_GRAPHS[path.name] if path.name in (INFERRED_FILE, VOID_FILE) else ASSERTED_GRAPH
        graphs.setdefault(target, []).extend(ntriples_of_file(path))
    if not any(graphs.values()):
        raise no_data(files)
    return {graph: sorted_unique(lines) for graph, lines in graphs.items()}


def no_data(files: list[Path]) -> InputError:
    """Empty input is a mistake to report, not a graph that trivially conforms."""
    return InputError(f"{', '.join(map(str, files))}: no RDF statements (the data is empty)")


def load_store(paths: list[Path], store: ox.Store | None = None) -> ox.Store:
    store = store if store is not None else ox.Store()
    files = data_files(paths)
    for path in files:
        fmt = format_of_path(path)
        if fmt is None:
            raise InputError(f"{path}: unknown RDF format (name it .ttl, .nt, .nq, .trig, .jsonld or .rdf)")
        # A build's files go to their own named graphs (queries see their union), so that a query can
        # still tell asserted from inferred triples, as the quad exports do.
        target = ox.NamedNode(BUILD_GRAPHS[path.name]) if path.name in BUILD_GRAPHS else None
        if fmt == "xml":
            screen_rdfxml(path)
        try:
            if target is not None and fmt in ("ttl", "nt", "xml", "jsonld"):
                store.bulk_load(path=str(path), format=OX_FORMATS[fmt], to_graph=target)
            else:
                store.bulk_load(path=str(path), format=OX_FORMATS[fmt])
        except (SyntaxError, ValueError) as error:
            raise parse_error(path, error) from None
        except OSError as error:
            raise InputError(f"{path}: cannot read ({error})") from None
    if next(iter(store.quads_for_pattern(None, None, None, None)), None) is None:     # len() would count all
        raise no_data(files)
    return store


def resolve_query(name: str) -> tuple[Path, str]:
    """A .rq path, the name of a file in queries/ ('awards' -> queries/awards.rq), or `-`: standard input."""
    if name == "-":
        data = sys.stdin.buffer.read(MAX_QUERY_BYTES + 1)
        if len(data) > MAX_QUERY_BYTES:
            raise InputError(f"<stdin>: a query larger than {MAX_QUERY_BYTES // 1024} KB")
        try:
            return Path("<stdin>"), data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise InputError(f"<stdin>: cannot read the query ({error})") from None
    path = Path(name)
    if not path.exists():
        candidate = resources.QUERIES_DIR / (name if name.endswith(".rq") else f"{name}.rq")
        if not candidate.exists():
            known = ", ".join(sorted(p.stem for p in resources.QUERIES_DIR.glob("*.rq")))
            raise UsageError(f"no query '{name}': give a .rq file or one of: {known}")
        path = candidate
    try:
        return path, path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot read the query ({error})") from None


def query_syntax_error(path: Path, error: Exception) -> InputError:
    message = str(error).strip()
    m = re.search(r"(\d+):(\d+)", message)
    where = f"{path}:{m.group(1)}:{m.group(2)}" if m else str(path)
    return InputError(f"{where}: SPARQL syntax error: {message.splitlines()[0] if message else ''}")


def dataset_options(text: str, default_graphs=(), named_graphs=()) -> dict:
    """pyoxigraph's options for a query's dataset. The SPARQL Protocol's default-graph-uri / named-graph-uri
    first, then the query's own FROM / FROM NAMED; a query naming neither sees the union of all graphs (a
    build's asserted and inferred graphs together), which would otherwise override FROM."""
    if default_graphs or named_graphs:
        return {"default_graph": [ox.NamedNode(iri) for iri in default_graphs],
                "named_graphs": [ox.NamedNode(iri) for iri in named_graphs]}
    return {} if has_dataset(text) else {"use_default_graph_as_union": True}


def bind_parameters(text: str, bindings: list[str] | None) -> str:
    """The query with --param NAME=VALUE bindings. A query that has a parameter line of its own, `VALUES ?NAME {…}`
    (career, posts-on-date), gets it replaced; otherwise `VALUES ?NAME { VALUE }` goes first in its WHERE group, so
    the engine starts from the value (one article's spans, not every span), locally or on an endpoint. A VALUE that
    is an absolute IRI (<IRI> or IRI) is a node, anything else a plain string."""
    if not bindings:
        return text
    values = []
    for binding in bindings:
        name, equals, value = binding.partition("=")
        name = name.lstrip("?$")
        if not equals or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise UsageError(f"--param {binding!r}: give NAME=VALUE (such as article=https://w3id.org/vnkg/id/article/…)")
        iri = value[1:-1] if value.startswith("<") and value.endswith(">") else value
        if re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+", iri):
            term = str(ox.NamedNode(iri))
        else:
            term = str(ox.Literal(value))
        clause = f"VALUES ?{name} {{ {term} }} "
        own = re.search(rf"\bVALUES\s+[?$]{name}\s*\{{[^}}]*\}}", mask(text), re.IGNORECASE)
        if own:
            text = text[:own.start()] + clause + text[own.end():]
        else:
            values.append(clause)
    if not values:
        return text
    masked = mask(text)
    after = 0
    if query_form(text) == "CONSTRUCT" and (where := keywords(text, "WHERE")):
        after = where[0]        # past the template, which has braces of its own
    brace = masked.find("{", after)
    if brace < 0:
        raise UsageError("--param: the query has no WHERE group to bind a variable in")
    return text[:brace + 1] + " " + "".join(values) + text[brace + 1:]


def run_query(store: ox.Store, text: str, path: Path, fmt: str, timeout: float | None = None) -> bytes:
    """Run a query and format its results. With a timeout, the query runs in a forked child process that is
    stopped when the time is up (pyoxigraph has no cancellation of its own)."""
    if timeout:
        return _run_with_timeout(store, text, path, fmt, timeout)
    try:
        results = store.query(text, **dataset_options(text))
        return format_results(results, fmt)
    except SyntaxError as error:
        raise query_syntax_error(path, error) from None
    except (OSError, RuntimeError, ValueError) as error:
        raise InputError(f"{path}: the query failed: {error}") from None


def _run_with_timeout(store: ox.Store, text: str, path: Path, fmt: str, timeout: float) -> bytes:
    import multiprocessing

    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)

    def work():
        try:
            sender.send(("ok", run_query(store, text, path, fmt)))
        except InputError as error:
            sender.send(("error", str(error)))

    child = context.Process(target=work, daemon=True)
    child.start()
    if not receiver.poll(timeout):
        child.kill()
        child.join()
        raise InputError(f"{path}: the query ran longer than {timeout:g} s and was stopped (--timeout)")
    status, payload = receiver.recv()
    child.join()
    if status == "error":
        raise InputError(payload)
    return payload


def query_form(text: str) -> str:
    """SELECT, CONSTRUCT, DESCRIBE or ASK: the first of these keywords after the prologue and comments."""
    body = re.sub(r"#[^\n]*", " ", text)
    body = re.sub(r"<[^>]*>", " ", body)
    m = re.search(r"\b(SELECT|CONSTRUCT|DESCRIBE|ASK)\b", body, re.IGNORECASE)
    return m.group(1).upper() if m else "SELECT"


def results_from_endpoint(answer: bytes, form: str, fmt: str) -> bytes:
    """An endpoint's answer written by us in the asked format, as a local query's would be (not the endpoint's own
    bytes, whose CSV dialect, JSON layout and Turtle differ from engine to engine)."""
    try:
        if form in ("CONSTRUCT", "DESCRIBE"):
            return turtle_of(ox.parse(answer, format=ox.RdfFormat.TURTLE))
        results = ox.parse_query_results(answer, format=ox.QueryResultsFormat.JSON)
    except (SyntaxError, ValueError) as error:
        what = "Turtle" if form in ("CONSTRUCT", "DESCRIBE") else "SPARQL JSON results"
        raise InputError(f"the endpoint's answer is not {what}: {str(error)[:200]}") from None
    return format_results(results, fmt)


def turtle_of(triples) -> bytes:
    """Triples as Turtle, sorted, with the project's prefixes: the same bytes whichever engine gave them."""
    prefixes = {p: str(ns) for p, ns in PREFIXES.items() if p not in ("id", "vocab")}
    return ox.serialize(sorted(triples, key=str), format=ox.RdfFormat.TURTLE, prefixes=prefixes)


def _cell(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, namespace in PREFIXES.items():
            if term.value.startswith(str(namespace)) and prefix not in ("id", "vocab"):
                return f"{prefix}:{term.value[len(str(namespace)):]}"
        return f"<{term.value}>"
    return term.value


def table(results) -> bytes:
    variables = [v.value for v in results.variables]
    rows = [[_cell(solution[v]) for v in variables] for solution in results]
    widths = [max([len(v)] + [len(r[i]) for r in rows]) for i, v in enumerate(variables)]
    widths = [min(w, 80) for w in widths]

    def line(cells):
        return "| " + " | ".join(c[:w].ljust(w) for c, w in zip(cells, widths)) + " |"

    out = [line(variables), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    out += [line(r) for r in rows]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return ("\n".join(out) + "\n").encode("utf-8")


def format_results(results, fmt: str) -> bytes:
    if isinstance(results, ox.QueryBoolean):
        if fmt in RESULT_FORMATS:
            return results.serialize(format=RESULT_FORMATS[fmt])
        return (("true" if bool(results) else "false") + "\n").encode()
    if isinstance(results, ox.QueryTriples):
        return turtle_of(results)
    if fmt == "table":
        return table(results)
    if fmt not in RESULT_FORMATS:
        raise UsageError(f"unknown result format '{fmt}' (use table, csv, tsv, json or xml)")
    return results.serialize(format=RESULT_FORMATS[fmt])
