"""A fast screen for SHACL results: does pySHACL have anything to say about this graph?

pySHACL is the validator whose report we write, and it is thorough and slow: about 55 ms an article, half of a
build (measured in bench/). Most chunks of articles conform, and then its report is empty. So a chunk is first
screened. The screen reads shapes.ttl once and evaluates each constraint the way pySHACL reads it (counts of
distinct value nodes, sh:class through rdfs:subClassOf, datatypes with rdflib's ill-typed test, minimums with
pySHACL's ordering of literals, language tags and their first subtag, patterns with re.match, sh:in by term equality), in plain Python over the rdflib graphs, and
runs the SHACL-SPARQL targets and constraints in pyoxigraph, once per focus node with $this bound as pySHACL does.
When it finds nothing, the graph conforms with no results and pySHACL is not run; when it finds anything, pySHACL
validates the graph and its report is the one written. The exception is a SHACL-SPARQL constraint whose results
the screen can write exactly as pySHACL does (SparqlConstraint: one fixed message, no ?path): it writes them from
pyoxigraph's solutions, because rdflib's SPARQL joins large graphs slowly (a post attested thousands of times).
tests/test_screen.py checks that the screen finds the same
(focus node, shape) pairs as pySHACL on every shape fixture, on the test articles and on randomly damaged builds.

Literal checks stay in Python because pyoxigraph's store rewrites derived datatypes ("4"^^xsd:nonNegativeInteger
is stored as xsd:integer), which would hide exactly what sh:datatype looks at (the graph itself uses xsd:integer
with sh:minInclusive 0 for counts and offsets, which every store keeps).

A shape using a SHACL feature the screen does not know makes compile_shapes return None, and then pySHACL
validates every graph: adding such a shape is safe, only slower.

Merging graphs. When graphs that each were validated are joined, most constraints cannot start to fail: a
minimum count, a value's class, datatype, language, pattern or kind only get truer with more triples. Only
those that look at several values or several nodes can (a maximum count, unique languages, qualified counts,
SHACL-SPARQL): the merge tests. The build validates the entities several chunks of articles describe with these
alone (findings(merged=True), MERGE_COMPONENTS in pySHACL's report), on the triples they read (merge_predicates).
"""
from __future__ import annotations

import datetime
import decimal
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, XSD
from rdflib.paths import NegatedPath, Path
from rdflib.term import Variable

from .namespaces import SH, VOCAB
from .shapes import shapes_graph
from .terms import to_oxigraph, to_rdflib

# Predicates that say nothing about conformance.
ANNOTATIONS = {RDF.type, RDFS.comment, RDFS.label, SH.message, SH.severity, SH.name, SH.description, SH.order,
               SH.group, SH.deactivated}
TARGETS = {SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target}
QUALIFIED = {SH.qualifiedValueShape, SH.qualifiedMinCount, SH.qualifiedMaxCount}
# pySHACL's constraint components of the merge tests (see the module's docstring).
MERGE_COMPONENTS = {SH.MaxCountConstraintComponent, SH.UniqueLangConstraintComponent,
                    SH.QualifiedMinCountConstraintComponent, SH.QualifiedMaxCountConstraintComponent,
                    SH.SPARQLConstraintComponent}
# The Python types pySHACL requires of a literal's value, for the datatypes it knows (others pass).
VALUE_TYPES = {XSD.string: (str, bytes), RDF.langString: (str, bytes), XSD.integer: int, XSD.float: float,
               XSD.decimal: decimal.Decimal, XSD.boolean: bool, XSD.date: datetime.date, XSD.time: datetime.time,
               XSD.dateTime: datetime.datetime}


class Unsupported(Exception):
    """A shape uses a SHACL feature the screen does not evaluate."""


class Data:
    """The graph pySHACL would validate (the data, the concepts it uses, the ontology mixed in), read-only and
    indexed once: the checks look up a few values of many nodes, and dictionaries beat rdflib's store there."""

    def __init__(self, base: "Data | None" = None):
        # copies of the base's lists, so adding to this one leaves the base as it was
        self._objects: dict = {k: list(v) for k, v in base._objects.items()} if base else {}
        self._subjects: dict = {k: list(v) for k, v in base._subjects.items()} if base else {}
        self._subclasses: dict = {}

    def add(self, triples) -> "Data":
        for s, p, o in triples:
            self._objects.setdefault((s, p), []).append(o)
            self._subjects.setdefault((p, o), []).append(s)
        self._subclasses.clear()
        return self

    def objects(self, node, predicate) -> list:
        return self._objects.get((node, predicate), [])

    def vocabulary_terms(self) -> set:
        """The IRIs in object position that name concepts of our vocabularies."""
        return {o for (_, o) in self._subjects if isinstance(o, URIRef) and o.startswith(VOCAB)}

    def subjects(self, predicate, node) -> list:
        return self._subjects.get((predicate, node), [])

    def subjects_of(self, predicate) -> set:
        return {s for (s, p) in self._objects if p == predicate}

    def objects_of(self, predicate) -> set:
        return {o for (p, o) in self._subjects if p == predicate}

    def subclasses(self, cls) -> set:
        """cls and every class below it (rdfs:subClassOf*)."""
        if cls not in self._subclasses:
            seen, todo = {cls}, [cls]
            while todo:
                for sub in self.subjects(RDFS.subClassOf, todo.pop()):
                    if sub not in seen:
                        seen.add(sub)
                        todo.append(sub)
            self._subclasses[cls] = seen
        return self._subclasses[cls]

    def instances(self, cls) -> set:
        return {s for c in self.subclasses(cls) for s in self.subjects(RDF.type, c)}

    def is_instance(self, node, cls) -> bool:
        return not isinstance(node, Literal) and not self.subclasses(cls).isdisjoint(self.objects(node, RDF.type))


# A value test: (value node, data) -> True when the value conforms.
ValueTest = Callable[[object, Data], bool]
# A focus test: (the focus node's value nodes, data) -> True when there is a result.
FocusTest = Callable[[list, Data], bool]


@dataclass
class PropertyCheck:
    shape: str
    path: URIRef
    tests: list[FocusTest]
    merge_tests: list[FocusTest]   # those of the tests that merging two conforming graphs can break


@dataclass
class SparqlConstraint:
    """A SHACL-SPARQL constraint of a node shape. When `message` is set, the screen can write pySHACL's result
    for each solution itself (Screen.findings' rows): the shape has no sh:message of its own and the constraint
    one, with no {?variable} to fill in, and the query binds neither ?path nor ?failure."""
    select: str
    severity: URIRef            # the shape's: pySHACL reports a constraint with its shape's severity
    message: Literal | None

    def result(self, shape: str, focus, solution) -> tuple | None:
        """pySHACL's result for a solution with $this bound to a focus node of a node shape: the focus node (or
        ?this), no path, the message as a plain literal (pySHACL drops its language when it fills it in), and
        ?value, or else the focus node (the value node of a node shape)."""
        this, value = solution["this"], solution["value"]
        if this is None and value is None:
            return None     # pySHACL makes no result of a solution that binds neither
        focus = focus if this is None else to_rdflib(this)
        return (self.severity, focus, None, URIRef(shape), SH.SPARQLConstraintComponent, self.message,
                focus if value is None else to_rdflib(value))


@dataclass
class ShapeCheck:
    shape: str
    classes: list = field(default_factory=list)
    nodes: list = field(default_factory=list)
    subjects_of: list = field(default_factory=list)
    objects_of: list = field(default_factory=list)
    sparql_targets: list[str] = field(default_factory=list)
    properties: list[PropertyCheck] = field(default_factory=list)
    sparql: list[SparqlConstraint] = field(default_factory=list)

    def focus_nodes(self, data: Data, store: Callable[[], ox.Store]) -> set:
        found = set(self.nodes)
        for cls in self.classes:
            found |= data.instances(cls)
        for predicate in self.subjects_of:
            found |= data.subjects_of(predicate)
        for predicate in self.objects_of:
            found |= data.objects_of(predicate)
        for select in self.sparql_targets:
            found |= {to_rdflib(row["this"]) for row in store().query(select)}
        return found

    def may_target(self, ontology: Data, classes: set, used: set) -> bool:
        """Whether this shape's targets can select a node with these classes (rdf:type) and predicates (as a
        subject): a class target through the ontology's subclasses, a subjects-of target, a SPARQL target whose
        pattern requires of $this only predicates among them; any other target, to be safe."""
        if self.nodes or self.objects_of or set(self.subjects_of) & used:
            return True
        if any(not ontology.subclasses(cls).isdisjoint(classes) for cls in self.classes):
            return True
        return any(_required_of_this(select) <= used for select in self.sparql_targets)


def _list(shapes: Graph, node) -> list:
    return list(Collection(shapes, node))


def _one(shapes: Graph, node, predicate):
    values = list(shapes.objects(node, predicate))
    if len(values) != 1:
        raise Unsupported(f"{node}: expected one {predicate}")
    return values[0]


def _prefixes(shapes: Graph, node) -> str:
    lines = set()
    for holder in shapes.objects(node, SH.prefixes):
        for declaration in shapes.objects(holder, SH.declare):
            lines.add(f"PREFIX {_one(shapes, declaration, SH.prefix)}: <{_one(shapes, declaration, SH.namespace)}>")
    return "\n".join(sorted(lines)) + "\n"


def _language_ok(ranges: list) -> ValueTest:
    """pySHACL's reading of sh:languageIn: the tag, or its first subtag, lowercased, is one of the ranges."""
    wanted = {str(r).lower() for r in ranges}
    if "*" in wanted:
        raise Unsupported("language range '*'")

    def test(value, data):
        if not isinstance(value, Literal) or not value.language:
            return False
        tag = str(value.language).lower()
        return tag in wanted or tag.split("-")[0] in wanted
    return test


def _node_kind_ok(kind) -> ValueTest:
    kinds = {SH.IRI: (URIRef,), SH.BlankNode: (BNode,), SH.Literal: (Literal,), SH.BlankNodeOrIRI: (BNode, URIRef),
             SH.BlankNodeOrLiteral: (BNode, Literal), SH.IRIOrLiteral: (URIRef, Literal)}
    if kind not in kinds:
        raise Unsupported(f"node kind {kind}")
    return lambda value, data: isinstance(value, kinds[kind])


def datatype_ok(value, datatype) -> bool:
    """pySHACL's reading of sh:datatype (DatatypeConstraintComponent)."""
    if not isinstance(value, Literal):
        return False
    if value.datatype == datatype:
        if value.ill_typed is True:
            return False
        kind = VALUE_TYPES.get(datatype)
        return kind is None or isinstance(value.value, kind)
    if datatype == RDFS.Literal:
        return True
    if datatype == RDFS.Datatype:
        return value.datatype is not None
    if value.datatype is None and value.language is None and datatype == XSD.string:
        return isinstance(value.value, (str, bytes))
    if datatype == RDF.langString and value.language:
        return isinstance(value.value, (str, bytes))
    return False


def _compare_literal(l1: Literal, l2: Literal) -> int:
    """pySHACL's ordering of two literals (pyshacl.rdfutil.compare.compare_literal): may raise TypeError."""
    if l1.eq(l2):
        return 0
    if l1.value.__class__ in (datetime.datetime, datetime.time):
        return 0 if l1.value == l2.value else (1 if l1.value > l2.value else -1)
    return 1 if l1 > l2 else -1


def _min_inclusive_ok(minimum) -> ValueTest:
    """pySHACL's reading of sh:minInclusive: a literal of the minimum's kind (string or not), not below it."""
    if not isinstance(minimum, Literal):
        raise Unsupported(f"sh:minInclusive {minimum}")
    min_is_string = isinstance(minimum.value, str)

    def test(value, data) -> bool:
        if not isinstance(value, Literal) or isinstance(value.value, str) != min_is_string:
            return False
        try:
            return _compare_literal(value, minimum) >= 0
        except (TypeError, NotImplementedError):
            return False
    return test


def _value_shape(shapes: Graph, shape) -> ValueTest:
    """A test of one value node against a shape made of value constraints (members of sh:or, qualified shapes)."""
    tests: list[ValueTest] = []
    for predicate, value in shapes.predicate_objects(shape):
        if predicate in ANNOTATIONS:
            continue
        if predicate == SH["class"]:
            tests.append(lambda v, data, cls=value: data.is_instance(v, cls))
        elif predicate == SH.datatype:
            tests.append(lambda v, data, d=value: datatype_ok(v, d))
        elif predicate == SH.languageIn:
            tests.append(_language_ok(_list(shapes, value)))
        elif predicate == SH["in"]:
            tests.append(lambda v, data, allowed=frozenset(_list(shapes, value)): v in allowed)
        elif predicate == SH.nodeKind:
            tests.append(_node_kind_ok(value))
        else:
            raise Unsupported(f"{shape}: {predicate} in a value shape")
    return lambda v, data: all(test(v, data) for test in tests)


def _each(test: ValueTest) -> FocusTest:
    return lambda values, data: not all(test(v, data) for v in values)


def _unique_lang(values: list, data: Data) -> bool:
    tags = [str(v.language).lower() for v in values if isinstance(v, Literal) and v.language]
    return len(tags) != len(set(tags))


def _property_check(shapes: Graph, prop) -> PropertyCheck:
    path = _one(shapes, prop, SH.path)
    if not isinstance(path, URIRef):
        raise Unsupported(f"{prop}: a path that is not an IRI")
    tests: list[FocusTest] = []
    merge_tests: list[FocusTest] = []
    for predicate, value in sorted(shapes.predicate_objects(prop)):
        if predicate in ANNOTATIONS or predicate in QUALIFIED or predicate in (SH.path, SH.flags):
            continue
        if predicate == SH.minCount:
            tests.append(lambda values, data, n=int(value): len(values) < n)
        elif predicate == SH.maxCount:
            merge_tests.append(lambda values, data, n=int(value): len(values) > n)
        elif predicate == SH["class"]:
            tests.append(_each(lambda v, data, cls=value: data.is_instance(v, cls)))
        elif predicate == SH.datatype:
            tests.append(_each(lambda v, data, d=value: datatype_ok(v, d)))
        elif predicate == SH.minInclusive:
            tests.append(_each(_min_inclusive_ok(value)))
        elif predicate == SH.languageIn:
            tests.append(_each(_language_ok(_list(shapes, value))))
        elif predicate == SH.uniqueLang:
            if value.toPython() is True:
                merge_tests.append(_unique_lang)
        elif predicate == SH.pattern:
            flags = str(shapes.value(prop, SH.flags) or "").lower()
            matcher = re.compile(str(value), (re.I if "i" in flags else 0) | (re.M if "m" in flags else 0))
            tests.append(_each(lambda v, data, m=matcher: not isinstance(v, BNode) and m.match(str(v)) is not None))
        elif predicate == SH["in"]:
            tests.append(_each(lambda v, data, allowed=frozenset(_list(shapes, value)): v in allowed))
        elif predicate == SH["or"]:
            members = [_value_shape(shapes, member) for member in _list(shapes, value)]
            tests.append(_each(lambda v, data, ms=members: any(m(v, data) for m in ms)))
        elif predicate == SH.nodeKind:
            tests.append(_each(_node_kind_ok(value)))
        else:
            raise Unsupported(f"{prop}: {predicate}")
    qualified = shapes.value(prop, SH.qualifiedValueShape)
    if qualified is not None:
        if shapes.value(prop, SH.qualifiedValueShapesDisjoint) is not None:
            raise Unsupported(f"{prop}: disjoint qualified value shapes")
        conforms = _value_shape(shapes, qualified)
        low, high = shapes.value(prop, SH.qualifiedMinCount), shapes.value(prop, SH.qualifiedMaxCount)

        def qualified_test(values, data, low=low, high=high):
            n = sum(1 for v in values if conforms(v, data))
            return (low is not None and n < int(low)) or (high is not None and n > int(high))
        merge_tests.append(qualified_test)
    return PropertyCheck(str(prop), path, tests + merge_tests, merge_tests)


def _shape_check(shapes: Graph, shape) -> ShapeCheck:
    known = ANNOTATIONS | TARGETS | {SH.property, SH.sparql}
    if any(p not in known for p in shapes.predicates(shape)):
        raise Unsupported(f"{shape}: node-level constraints")
    if (shape, RDF.type, RDFS.Class) in shapes or (shape, RDF.type, OWL.Class) in shapes:
        raise Unsupported(f"{shape}: implicit class targets")
    check = ShapeCheck(str(shape), classes=sorted(shapes.objects(shape, SH.targetClass)),
                       nodes=sorted(shapes.objects(shape, SH.targetNode)),
                       subjects_of=sorted(shapes.objects(shape, SH.targetSubjectsOf)),
                       objects_of=sorted(shapes.objects(shape, SH.targetObjectsOf)))
    for target in sorted(shapes.objects(shape, SH.target)):
        if (target, RDF.type, SH.SPARQLTarget) not in shapes:
            raise Unsupported(f"{shape}: a target that is not a SPARQL target")
        check.sparql_targets.append(_prefixes(shapes, target) + str(_one(shapes, target, SH.select)))
    for prop in sorted(shapes.objects(shape, SH.property)):
        if shapes.value(prop, SH.deactivated) != Literal(True):
            check.properties.append(_property_check(shapes, prop))
    for constraint in sorted(shapes.objects(shape, SH.sparql)):
        if shapes.value(constraint, SH.deactivated) == Literal(True):
            continue
        if any(p not in ANNOTATIONS | {SH.select, SH.prefixes} for p in shapes.predicates(constraint)):
            raise Unsupported(f"{shape}: a SPARQL constraint with more than a select")
        select = _prefixes(shapes, constraint) + str(_one(shapes, constraint, SH.select))
        if re.search(r"\$(currentShape|shapesGraph|PATH|value)\b", select):
            raise Unsupported(f"{shape}: SPARQL constraint variables other than $this")
        check.sparql.append(SparqlConstraint(select, shapes.value(shape, SH.severity) or SH.Violation,
                                             _reportable_message(shapes, shape, constraint, select)))
    return check


def _reportable_message(shapes: Graph, shape, constraint, select: str) -> Literal | None:
    """The one message pySHACL gives each result of this constraint, when the screen can tell it (see
    SparqlConstraint); else None."""
    messages = list(shapes.objects(constraint, SH.message))
    if list(shapes.objects(shape, SH.message)) or len(messages) != 1 or not isinstance(messages[0], Literal):
        return None
    if "{" in str(messages[0]) or re.search(r"[?$](path|failure)\b", select):
        return None
    return Literal(str(messages[0]))


def compile_shapes(shapes: Graph) -> list[ShapeCheck] | None:
    """A check for every node shape, or None when some shape uses a feature the screen does not evaluate."""
    try:
        for shape in shapes.subjects(RDF.type, SH.PropertyShape):
            if any(shapes.value(shape, t) is not None for t in TARGETS):
                raise Unsupported(f"{shape}: a property shape with targets of its own")
        return [_shape_check(shapes, shape) for shape in sorted(set(shapes.subjects(RDF.type, SH.NodeShape)))
                if shapes.value(shape, SH.deactivated) != Literal(True)]
    except Unsupported:
        return None


class Screen:
    def __init__(self, checks: list[ShapeCheck]):
        self.checks = checks

    def findings(self, data: Data, store: Callable[[], ox.Store], only: set | None = None,
                 merged: bool = False, rows: list | None = None) -> set[tuple[str, str]]:
        """(focus node, shape) pairs for which pySHACL would report a result. `store` makes the pyoxigraph store
        of the same data for the SPARQL parts, when there are any; `only` limits the focus nodes to these;
        `merged` runs the merge tests alone (the pairs pySHACL reports with a MERGE_COMPONENTS component).
        With `rows`, the SHACL-SPARQL constraints whose results the screen can write (SparqlConstraint) add
        those results to it (severity, focus, path, shape, component, message, value) instead of their pairs:
        pySHACL then need not run for them."""
        found = set()
        this = ox.Variable("this")
        for check in self.checks:
            focus_nodes = check.focus_nodes(data, store)
            if only is not None:
                focus_nodes &= only
            for prop in check.properties:
                tests = prop.merge_tests if merged else prop.tests
                if not tests:
                    continue
                for focus in focus_nodes:
                    values = list(dict.fromkeys(data.objects(focus, prop.path)))
                    if any(test(values, data) for test in tests):
                        found.add((str(focus), prop.shape))
            for constraint in check.sparql:
                for focus in focus_nodes:
                    solutions = store().query(constraint.select, substitutions={this: to_oxigraph(focus)})
                    if rows is not None and constraint.message is not None:
                        rows.extend(row for solution in solutions
                                    if (row := constraint.result(check.shape, focus, solution)) is not None)
                    elif any(True for _ in solutions):
                        found.add((str(focus), check.shape))
        return found

    def sparql_written(self) -> set[str]:
        """The shapes whose SHACL-SPARQL constraints' results findings writes itself (its rows), all of them."""
        return {check.shape for check in self.checks
                if check.sparql and all(constraint.message is not None for constraint in check.sparql)}

    def merge_predicates(self, ontology: Data | None = None, classes: set | None = None,
                         used: set | None = None) -> set[URIRef] | None:
        """The predicates the merge tests read: the paths of properties with a merge test, every IRI of the
        SHACL-SPARQL targets and constraints, rdf:type (for targets and sh:class). None when a query has a
        variable or negated predicate, which could read any triple. Given the classes and the predicates of the
        entities to check (and the ontology, for subclasses), only the shapes that may target them count
        (ShapeCheck.may_target): a person's check need not read the articles' texts that a quote's check does."""
        from rdflib.plugins.sparql import prepareQuery   # here: rdflib's SPARQL is slow to import, and only a merge needs it

        predicates = {RDF.type}
        for check in self.checks:
            if classes is not None and not check.may_target(ontology, classes, used):
                continue
            predicates |= {prop.path for prop in check.properties if prop.merge_tests}
            for select in check.sparql_targets + [constraint.select for constraint in check.sparql]:
                iris = _query_iris(prepareQuery(select).algebra)
                if iris is None:
                    return None
                predicates |= iris
        return predicates


def _required_of_this(select: str) -> set[URIRef]:
    """The predicates a SPARQL target's pattern requires $this to be the subject of: those of its top basic graph
    pattern (under the projection, filters and joins; not in an OPTIONAL, a UNION or a MINUS)."""
    from rdflib.plugins.sparql import prepareQuery

    required, todo = set(), [prepareQuery(select).algebra]
    while todo:
        node = todo.pop()
        if node.name == "BGP":
            required |= {p for s, p, _ in node.triples if s == Variable("this") and isinstance(p, URIRef)}
        elif node.name in ("SelectQuery", "Project", "Filter", "Distinct", "Reduced", "Slice", "ToMultiSet",
                           "Extend"):
            todo.append(node.p)
        elif node.name == "Join":
            todo += [node.p1, node.p2]
    return required


def _query_iris(node) -> set[URIRef] | None:
    """Every IRI in a query's algebra, or None when a triple pattern's predicate is a variable or a negated
    path."""
    if isinstance(node, URIRef):
        return {node}
    if isinstance(node, NegatedPath):
        return None
    if isinstance(node, Path):
        parts = list(vars(node).values())
    elif isinstance(node, dict):
        if any(isinstance(triple[1], Variable) for triple in dict.get(node, "triples") or ()):
            return None
        parts = list(dict.values(node))
    elif isinstance(node, (list, tuple)):
        parts = node
    else:
        return set()
    found: set[URIRef] = set()
    for part in parts:
        iris = _query_iris(part)
        if iris is None:
            return None
        found |= iris
    return found


@lru_cache(maxsize=1)
def default_screen() -> Screen | None:
    checks = compile_shapes(shapes_graph())
    return Screen(checks) if checks is not None else None
