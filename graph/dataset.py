"""The build as a published dataset: its description (VoID and DCAT), and the article texts it may leave out.

The description is `void.ttl` beside `graph.ttl`, not inside it: it counts the triples of graph.ttl and
inferred.ttl, which it could not do from within them; it is metadata about the data, which a publisher serves
apart (VoID's /.well-known/void) and a store keeps in a named graph of its own (`vnkg load` and `vnkg query` put it
in https://w3id.org/vnkg/graph/void); and the facts' files and the queries' answers stay as they were. It repeats
no triple of the data (a store's union default graph would then count it twice), so it points to the build, the
software and the articles that graph.ttl describes.

Everything is counted in one pass over the build's sorted N-Triples files (a subject's lines are contiguous), in
the same order every time: the same build gives the same bytes. No timestamp, as for the build itself.
"""
from __future__ import annotations

import hashlib
import os
from collections import Counter
from pathlib import Path

import pyoxigraph as ox

from .version import __version__
from .namespaces import BASE, ID, PREFIXES, VNKG

VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"
DCTERMS = str(PREFIXES["dcterms"])
PROV = str(PREFIXES["prov"])
NIF_IS_STRING = str(PREFIXES["nif"]) + "isString"
RDF_TYPE = str(PREFIXES["rdf"]) + "type"
SKOS_IN_SCHEME = str(PREFIXES["skos"]) + "inScheme"
ONTOLOGY = BASE + "ontology"
ONTOLOGY_VERSION = f"{ONTOLOGY}/{__version__}"
DESCRIPTION_PREFIXES = {**{p: str(ns) for p, ns in PREFIXES.items() if p not in ("id", "vocab", "sh")},
                        "void": VOID, "dcat": DCAT}
_TYPE = f"<{RDF_TYPE}>"
_IN_SCHEME = f"<{SKOS_IN_SCHEME}>"
_ARTICLE, _BUILD, _SOFTWARE = (f"<{VNKG}{name}>" for name in ("Article", "Build", "Software"))
_IS_STRING = f"<{NIF_IS_STRING}>"


class _Counts:
    """What the description says of the data, read from sorted N-Triples lines."""

    def __init__(self):
        self.triples = {"asserted": 0, "inferred": 0}
        self.entities = 0                      # typed subjects of the asserted graph
        self.classes: Counter = Counter()      # class -> entities (a subject is typed once per class)
        self.properties: Counter = Counter()   # property -> triples
        self.schemes: set[str] = set()
        self.articles: list[str] = []
        self.build: str | None = None
        self.software: str | None = None

    def read(self, path: Path, graph: str) -> None:
        """Count one graph's lines as they are read: at 100,000 articles its typing triples alone, kept, took
        gigabytes."""
        previous_typed = None
        properties: Counter = Counter()
        with open(path, encoding="utf-8") as lines:
            for line in lines:
                subject, predicate, rest = line.split(" ", 2)
                properties[predicate] += 1
                if predicate == _IN_SCHEME:
                    self.schemes.add(rest[:rest.rindex(" .")])
                elif predicate == _TYPE:
                    value = rest[:rest.rindex(" .")]
                    self.classes[value] += 1
                    if graph == "asserted":
                        self._typed(subject, value, previous_typed)
                        previous_typed = subject
        self.triples[graph] = sum(properties.values())
        self.properties.update(properties)

    def _typed(self, subject: str, value: str, previous: str | None) -> None:
        if subject != previous:       # a subject's lines are contiguous in a sorted file
            self.entities += 1
        if value == _ARTICLE:
            self.articles.append(subject)
        elif value == _BUILD:
            self.build = subject
        elif value == _SOFTWARE:
            self.software = subject


def _namespace(iri: str) -> str:
    """The vocabulary an IRI (N-Triples form) belongs to: a known namespace, else the IRI up to its last # or /."""
    value = iri[1:-1]
    known = [str(ns) for ns in PREFIXES.values() if value.startswith(str(ns))]
    if known:
        return max(known, key=len)
    cut = max(value.rfind("#"), value.rfind("/"))
    return value[:cut + 1]


def _local(iri: str) -> str:
    """A readable, IRI-safe name for a partition of this class or property."""
    value = iri[1:-1]
    for prefix, namespace in PREFIXES.items():
        local = value[len(str(namespace)):]
        if value.startswith(str(namespace)) and local.replace("_", "").replace("-", "").isalnum():
            return f"{prefix}-{local}"
    return hashlib.sha256(value.encode("utf-8")).hexdigest()[:16]


def _text(value: str, language: str = "en") -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"@{language}'


def _integer(value: int) -> str:
    return f'"{value}"^^<http://www.w3.org/2001/XMLSchema#integer>'


def describe(asserted: Path, inferred: Path, license: str | None = None, text_kept: bool = True) -> bytes:
    """void.ttl of a build, from its merged sorted N-Triples files (asserted, inferred)."""
    counts = _Counts()
    counts.read(asserted, "asserted")
    counts.read(inferred, "inferred")
    key = hashlib.sha256(f"{counts.build}\n{license}\n{text_kept}".encode("utf-8")).hexdigest()[:16]
    dataset = f"<{ID}dataset/{key}>"
    lines: list[str] = []

    def add(subject: str, predicate: str, value: str) -> None:
        lines.append(f"{subject} <{predicate}> {value} .")

    articles = len(counts.articles)
    add(dataset, RDF_TYPE, f"<{VOID}Dataset>")
    add(dataset, RDF_TYPE, f"<{DCAT}Dataset>")
    add(dataset, DCTERMS + "title", _text(f"vnkg build of {articles} article{'s' if articles != 1 else ''}"))
    add(dataset, DCTERMS + "description", _text(
        "Facts read by vnkg from Vietnamese government news: who holds which post, events, documents, awards and "
        "figures, each linked to the span of text it was read from. graph.ttl (named graph "
        f"{BASE}graph/asserted) holds the facts and their provenance, inferred.ttl ({BASE}graph/inferred) the "
        "OWL 2 RL entailments that add information."
        + ("" if text_kept else " Built with --no-text: the articles' whole texts are left out (no nif:isString); "
           "each span keeps its quote and its offsets into the original text.")))
    add(dataset, DCTERMS + "conformsTo", f"<{ONTOLOGY_VERSION}>")
    if counts.build:
        add(dataset, PROV + "wasGeneratedBy", counts.build)
    if counts.software:
        add(dataset, DCTERMS + "creator", counts.software)
    if license:
        add(dataset, DCTERMS + "license", f"<{license}>")
    else:
        add(dataset, DCTERMS + "rights", _text(
            "No license was given for this build (vnkg build --license). Each article's own license and "
            "publisher, where its page or sidecar gives them, are its schema:license and schema:publisher."))
    for article in counts.articles:
        add(dataset, DCTERMS + "source", article)
    add(dataset, VOID + "triples", _integer(sum(counts.triples.values())))
    add(dataset, VOID + "entities", _integer(counts.entities))
    add(dataset, VOID + "classes", _integer(len(counts.classes)))
    add(dataset, VOID + "properties", _integer(len(counts.properties)))
    add(dataset, VOID + "uriSpace", f'"{ID}"')
    vocabularies = {_namespace(iri) for iri in list(counts.classes) + list(counts.properties)}
    vocabularies |= {iri[1:-1] for iri in counts.schemes}
    for vocabulary in vocabularies:
        add(dataset, VOID + "vocabulary", f"<{vocabulary}>")
    for graph in ("asserted", "inferred"):
        subset = f"<{ID}dataset/{key}/{graph}>"
        add(dataset, VOID + "subset", subset)
        add(subset, RDF_TYPE, f"<{VOID}Dataset>")
        add(subset, VOID + "triples", _integer(counts.triples[graph]))
        add(subset, DCTERMS + "description", _text(
            f"the {graph} triples: {'graph' if graph == 'asserted' else 'inferred'}.ttl, "
            f"named graph {BASE}graph/{graph}"))
    for cls, entities in counts.classes.items():
        partition = f"<{ID}dataset/{key}/class/{_local(cls)}>"
        add(dataset, VOID + "classPartition", partition)
        add(partition, VOID + "class", cls)
        add(partition, VOID + "entities", _integer(entities))
    for prop, triples in counts.properties.items():
        partition = f"<{ID}dataset/{key}/property/{_local(prop)}>"
        add(dataset, VOID + "propertyPartition", partition)
        add(partition, VOID + "property", prop)
        add(partition, VOID + "triples", _integer(triples))
    data = ("\n".join(sorted(set(lines))) + "\n").encode("utf-8")
    header = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in DESCRIPTION_PREFIXES.items()) + "\n"
    body = ox.serialize(ox.parse(data, format=ox.RdfFormat.N_TRIPLES), format=ox.RdfFormat.TURTLE,
                        prefixes=DESCRIPTION_PREFIXES)
    return header.encode("utf-8") + b"".join(line for line in body.splitlines(keepends=True)
                                             if not line.startswith(b"@prefix "))


def drop_texts(asserted: Path) -> int:
    """Remove the articles' whole texts (nif:isString) from a build's merged asserted file, after validation has
    compared every quote with them; returns how many triples went. The spans keep their quotes and offsets."""
    kept = asserted.with_name(asserted.name + ".kept")
    dropped = 0
    with open(asserted, encoding="utf-8") as lines, open(kept, "w", encoding="utf-8") as out:
        for line in lines:
            if line.split(" ", 2)[1] == _IS_STRING:
                dropped += 1
            else:
                out.write(line)
    os.replace(kept, asserted)
    return dropped
