"""The project's SHACL shapes (ontology/shapes.ttl), read once, with their constraints named.

Below both the screen and the validator, which read the same shapes.
"""
from __future__ import annotations

from functools import lru_cache

from rdflib import BNode, Graph, URIRef

from . import resources
from .namespaces import SH
from .vocab import load_graph


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    return name_shapes(load_graph([resources.SHAPES_FILE]))


def name_shapes(graph: Graph) -> Graph:
    """Give property and SPARQL constraints written as blank nodes an IRI after their node shape and path
    (shapes#PersonShape-name), so a report's sh:sourceShape says which rule spoke."""
    names: dict[BNode, URIRef] = {}
    for link in (SH.property, SH.sparql):
        for shape, constraint in sorted(graph.subject_objects(link)):
            if not isinstance(constraint, BNode) or not isinstance(shape, URIRef):
                continue
            path = graph.value(constraint, SH.path)
            local = str(path).rsplit("/", 1)[-1].rsplit("#", 1)[-1] if isinstance(path, URIRef) else "sparql"
            name, n = URIRef(f"{shape}-{local}"), 2
            while name in names.values():
                name, n = URIRef(f"{shape}-{local}-{n}"), n + 1
            names[constraint] = name
    named = Graph()
    for prefix, namespace in graph.namespaces():
        named.bind(prefix, namespace)
    for s, p, o in graph:
        named.add((names.get(s, s), p, names.get(o, o)))
    return named
