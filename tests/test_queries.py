"""Competency questions: every query in queries/ answers as its expected file says, and the result formats are
the W3C SPARQL 1.1 formats, read back with an independent parser (rdflib's)."""
import csv
import io
import json
import re

import pytest
from rdflib.query import Result

from conftest import QUERIES, run_vnkg

QUERY_NAMES = sorted(p.stem for p in QUERIES.glob("*.rq"))
CONTRACT = {
    "officials": ["person", "post", "organization"],
    "events": ["event", "kind", "date", "organizer", "chair"],
    "documents": ["identifier", "kind", "title", "date", "issuer", "periodStart", "periodEnd"],
    "awards": ["award", "conferredBy", "document", "recipientKind", "count"],
    "award-presentations": ["presenter", "award", "recipientKind", "document"],
    "statistics": ["value", "qualifier", "unit", "what", "document"],
    "award-totals": ["article", "headlineTotal", "sumOfCounts"],
    "sources": ["fact", "quote", "start", "end"],
}


def rows(csv_bytes: bytes) -> tuple[list[str], set[tuple]]:
    reader = csv.reader(io.StringIO(csv_bytes.decode("utf-8"), newline=""))
    header = next(reader)
    return header, {tuple(row) for row in reader}


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_query_on_the_bundled_article_matches_expected(seed_build, name):
    done = run_vnkg("query", name, "--data", seed_build, "--format", "csv")
    assert done.returncode == 0, done.stderr.decode()
    assert rows(done.stdout) == rows((QUERIES / "expected" / "seed" / f"{name}.csv").read_bytes())


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_query_on_the_test_articles_matches_expected(fixtures_build, name):
    done = run_vnkg("query", name, "--data", fixtures_build, "--format", "csv")
    assert done.returncode == 0, done.stderr.decode()
    assert rows(done.stdout) == rows((QUERIES / "expected" / "fixtures" / f"{name}.csv").read_bytes())


def test_every_expected_file_has_rows():
    for name in QUERY_NAMES:
        header, found = rows((QUERIES / "expected" / "fixtures" / f"{name}.csv").read_bytes())
        assert found, f"{name} answers nothing on the test articles"


@pytest.mark.parametrize("name, variables", sorted(CONTRACT.items()))
def test_contract_queries_keep_their_variables(name, variables):
    assert (QUERIES / f"{name}.rq").exists()
    header, _ = rows((QUERIES / "expected" / "seed" / f"{name}.csv").read_bytes())
    assert header[:len(variables)] == variables   # in order, first: a new column only ever comes after them


def test_each_query_file_opens_with_its_question_in_english_and_vietnamese():
    for path in QUERIES.glob("*.rq"):
        head = path.read_text(encoding="utf-8").splitlines()[:3]
        assert head[0].startswith("# Q (en):") and head[1].startswith("# Q (vi):") and head[2].startswith("# Returns:"), path


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "xml"])
def test_result_formats_parse_with_an_independent_parser(seed_build, fmt):
    done = run_vnkg("query", "awards", "--data", seed_build, "--format", fmt)
    assert done.returncode == 0
    result = Result.parse(io.BytesIO(done.stdout), format=fmt)
    parsed = {tuple(str(row[v]) for v in ("award", "document", "recipientKind", "count")) for row in result}
    assert ("Bằng khen", "06-ĐA/TU", "collective", "4") in parsed
    assert len(parsed) == 4


def test_csv_uses_crlf_and_json_names_its_variables(seed_build):
    csv_out = run_vnkg("query", "officials", "--data", seed_build, "--format", "csv").stdout
    assert b"\r\n" in csv_out
    document = json.loads(run_vnkg("query", "officials", "--data", seed_build, "--format", "json").stdout)
    assert document["head"]["vars"] == ["person", "post", "organization", "organizationLabel"]


def test_every_quote_sits_at_its_offsets(fixtures_build):
    """sources: the quote equals the article's NFC text at its offsets (the text comes from the graph)."""
    query = """PREFIX vnkg: <https://w3id.org/vnkg/ontology#>
               PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
               SELECT ?quote ?start ?end ?text WHERE { ?f vnkg:denotedBy ?m . ?m nif:anchorOf ?quote ;
                 nif:beginIndex ?start ; nif:endIndex ?end ; nif:referenceContext/nif:isString ?text }"""
    path = fixtures_build.parent / "quotes.rq"
    path.write_text(query, encoding="utf-8")
    result = Result.parse(io.BytesIO(run_vnkg("query", path, "--data", fixtures_build, "--format", "json").stdout),
                          format="json")
    checked = 0
    for row in result:
        assert str(row["text"])[int(row["start"]):int(row["end"])] == str(row["quote"])
        checked += 1
    assert checked > 50


def test_construct_gives_turtle(seed_build, tmp_path):
    path = tmp_path / "c.rq"
    path.write_text("PREFIX foaf: <http://xmlns.com/foaf/0.1/> CONSTRUCT { ?p foaf:name ?n } WHERE { ?p foaf:name ?n }")
    done = run_vnkg("query", path, "--data", seed_build)
    assert done.returncode == 0 and re.search(rb"foaf:name \"Tri\xe1\xbb\x87u", done.stdout)


def test_a_query_by_name_or_by_path(seed_build):
    by_name = run_vnkg("query", "awards", "--data", seed_build, "--format", "csv").stdout
    by_path = run_vnkg("query", QUERIES / "awards.rq", "--data", seed_build, "--format", "csv").stdout
    assert by_name == by_path
