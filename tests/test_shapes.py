"""Every shape has a conforming and a violating fixture (tests/shapes/NAME.ok.ttl and NAME.bad.ttl, each
read after _base.ttl). The violating one must be reported on ex:focus by that shape; the conforming one
must raise nothing at all."""
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from vnkg.namespaces import SH
from vnkg.validation import shapes_graph, validate

FIXTURES = Path(__file__).resolve().parent / "shapes"
SHAPES = "https://w3id.org/vnkg/shapes#"
FOCUS = URIRef("https://example.org/test/focus")


def shape_names() -> list[str]:
    return sorted(str(s)[len(SHAPES):] for s in shapes_graph().subjects(RDF.type, SH.NodeShape))


def load(name: str) -> Graph:
    base = (FIXTURES / "_base.ttl").read_text(encoding="utf-8")
    return Graph().parse(data=base + "\n" + (FIXTURES / name).read_text(encoding="utf-8"), format="turtle")


def owner(shape: str) -> str:
    """The node shape a result's source shape belongs to: itself, or the one whose constraint it is
    (property and SPARQL constraints are named NodeShape-path by vnkg.shapes.name_shapes)."""
    return shape[len(SHAPES):].split("-", 1)[0] if shape.startswith(SHAPES) else shape


def test_every_shape_has_both_fixtures():
    for name in shape_names():
        assert (FIXTURES / f"{name}.ok.ttl").exists(), name
        assert (FIXTURES / f"{name}.bad.ttl").exists(), name


@pytest.mark.parametrize("name", shape_names())
def test_conforming_fixture_raises_nothing(name):
    report = validate(load(f"{name}.ok.ttl"))
    assert report.rows() == [], report.text


@pytest.mark.parametrize("name", shape_names())
def test_violating_fixture_is_caught_by_its_shape_on_the_focus_node(name):
    report = validate(load(f"{name}.bad.ttl"))
    hits = [r for r in report.rows() if r["focus"] == str(FOCUS)]
    assert any(owner(r["shape"]) == name for r in hits), report.text


def test_a_headline_mismatch_is_a_warning_and_still_conforms():
    report = validate(load("HeadlineTotalShape.bad.ttl"))
    assert report.conforms
    assert report.counts()["Warning"] == 1
