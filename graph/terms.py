"""RDF terms between pyoxigraph (fast parsing, SPARQL) and rdflib (the graphs the pipeline builds and reasons on).

A low layer: it imports no other module of vnkg, so the vocabularies, the screen and the output can all use it.
"""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

_XSD_STRING = str(XSD.string)


def to_rdflib(term):
    """An rdflib term for a pyoxigraph one, as rdflib's own parsers give it (xsd:string literals plain)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    return Literal(term.value, datatype=None if term.datatype.value == _XSD_STRING else URIRef(term.datatype.value))


def to_oxigraph(term):
    """A pyoxigraph term for an rdflib one."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype or XSD.string)))


def term_maker():
    """to_rdflib with a memory: the same IRIs recur on most lines of a file, so each rdflib term is made once."""
    terms: dict = {}

    def term(node):
        made = terms.get(node)
        if made is None:
            made = terms[node] = to_rdflib(node)
        return made
    return term


def parse_turtle(paths: list[Path]) -> Graph:
    """Turtle files into one rdflib Graph, parsed by pyoxigraph: twice as fast as rdflib's parser, which made
    a large part of every build's start-up. Blank node labels are pyoxigraph's, unique per parse."""
    graph = Graph()
    term = term_maker()
    for path in paths:
        for triple in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
            graph.add((term(triple.subject), term(triple.predicate), term(triple.object)))
    return graph
