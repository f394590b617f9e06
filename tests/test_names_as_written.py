"""A body keeps one full name (rdfs:label) for identity, and the names an article writes for it (skos:altLabel);
officials and events answer with the name as the sentence writes it (invented people and bodies)."""
import csv
import io

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS

from conftest import QUERIES, run_vnkg
from vnkg.namespaces import NIF, VNKG

ARTICLE = """Tuyên Quang: hội nghị về giáo dục
Cập nhật: 10:00 | 12/01/2021
Sáng 11/1, Sở GD&ĐT tổ chức hội nghị tổng kết năm học. Đồng chí Ma Thị Hoa, Ủy viên BTV Tỉnh uỷ, Giám đốc Sở GD&ĐT chủ trì hội nghị.
Đồng chí Hà Văn Dũng, Ủy viên Ban Thường vụ, Trưởng Ban Dân vận Tỉnh ủy phát biểu.
Phóng viên Nam
"""

SO = URIRef("https://w3id.org/vnkg/id/org/tuyen-quang/so-giao-duc")
BTV = URIRef("https://w3id.org/vnkg/id/org/tuyen-quang/tinh-uy/ban-thuong-vu")
TINH_UY = URIRef("https://w3id.org/vnkg/id/org/tuyen-quang/tinh-uy")


def build(tmp_path):
    source = tmp_path / "article.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    done = run_vnkg("build", source, "-o", tmp_path / "out")
    assert done.returncode == 0, done.stderr.decode()
    return tmp_path / "out"


def rows(out, name):
    done = run_vnkg("query", QUERIES / f"{name}.rq", "--data", out, "--format", "csv")
    assert done.returncode == 0, done.stderr.decode()
    return list(csv.DictReader(io.StringIO(done.stdout.decode())))


def test_abbreviations_are_alternative_names_and_respellings_or_elisions_are_not(tmp_path):
    graph = Graph().parse(build(tmp_path) / "graph.ttl")
    names = {(s, str(o)) for s, o in graph.subject_objects(SKOS.altLabel)}
    assert (SO, "Sở GD&ĐT") in names and (BTV, "BTV Tỉnh uỷ") in names
    # 'Ban Thường vụ' (the Tỉnh ủy left to the reader) and 'Tỉnh uỷ' (another tone placement) are the label itself
    assert (BTV, "Ban Thường vụ") not in names
    assert not any(s == TINH_UY for s, _ in names)
    assert all(o.language == "vi" for o in graph.objects(None, SKOS.altLabel) if isinstance(o, Literal))
    # the facts point to the span where they name their body by another name, and only there
    written = {str(graph.value(m, NIF.anchorOf)) for m in graph.objects(None, VNKG.bodyWrittenAs)}
    assert written == {"Sở GD&ĐT", "BTV Tỉnh uỷ"}


def test_officials_and_organizers_read_as_the_sentence_writes_them(tmp_path):
    out = build(tmp_path)
    officials = {(r["person"], r["post"], r["organization"], r["organizationLabel"]) for r in rows(out, "officials")}
    assert ("Ma Thị Hoa", "Giám đốc", "Sở GD&ĐT", "Sở Giáo dục và Đào tạo tỉnh Tuyên Quang") in officials
    assert ("Ma Thị Hoa", "Ủy viên", "BTV Tỉnh uỷ", "Ban Thường vụ Tỉnh ủy Tuyên Quang") in officials
    # where the sentence leaves part of the name to the reader, the full name answers
    assert ("Hà Văn Dũng", "Ủy viên", "Ban Thường vụ Tỉnh ủy Tuyên Quang",
            "Ban Thường vụ Tỉnh ủy Tuyên Quang") in officials
    organizers = {(r["organizer"], r["organizerLabel"]) for r in rows(out, "events")}
    assert organizers == {("Sở GD&ĐT", "Sở Giáo dục và Đào tạo tỉnh Tuyên Quang")}


def test_a_body_written_as_is_a_span_and_the_shapes_say_so_otherwise():
    from vnkg.validation import validate
    from test_shapes import FOCUS, load

    bad = load("PostHoldingShape.ok.ttl")
    bad.parse(data="<https://example.org/test/focus> <https://w3id.org/vnkg/ontology#bodyWrittenAs> \"Sở GD&ĐT\" .",
              format="turtle")
    assert any(row["focus"] == str(FOCUS) and "bodyWrittenAs" in row["path"] for row in validate(bad).rows())
