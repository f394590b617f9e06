"""vnkg as a Python library (vnkg.build_graph, vnkg.extract, vnkg.validate), its logging, and articles and queries
read from standard input (`-`), as the README documents them."""
from __future__ import annotations

import logging
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

import vnkg
from conftest import ARTICLES, run_vnkg
from vnkg.errors import InputError

BUNDLED = Path(vnkg.__file__).resolve().parent / "articles" / "000_911fb93c9fb50e44.txt"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"


def triples(path: Path) -> set:
    return set(Graph().parse(path))


def test_build_graph_gives_the_triples_vnkg_build_writes(seed_build):
    from_path = vnkg.build_graph(BUNDLED)
    assert set(from_path) == triples(seed_build / "graph.ttl")
    from_text = vnkg.build_graph(BUNDLED.read_text(encoding="utf-8"))
    assert set(from_text) == set(from_path)
    with_inferred = vnkg.build_graph(BUNDLED, inferred=True)
    assert set(with_inferred) == set(from_path) | triples(seed_build / "inferred.ttl")


def test_validate_reports_what_the_shapes_find():
    graph = vnkg.build_graph(BUNDLED)
    assert vnkg.validate(graph).conforms
    quote = next(graph.subject_objects(URIRef(NIF + "anchorOf")))
    graph.set((quote[0], URIRef(NIF + "anchorOf"), Literal("không có trong bài")))   # a quote not at its offsets
    report = vnkg.validate(graph)
    assert not report.conforms and report.results and "Violation" in report.text


def test_extract_gives_facts_with_spans_into_the_normalized_text():
    text = "Sáng 3/3/2024, Tỉnh ủy Hà Giang tổ chức Hội nghị.\nĐồng chí Lò Văn Páo, Bí thư Tỉnh ủy chủ trì hội nghị."
    facts = vnkg.extract(text)
    spans = facts.persons["Lò Văn Páo"]
    assert [facts.text[start:end] for start, end in spans] == ["Lò Văn Páo"]


def test_library_errors_are_the_cli_one_line_errors(tmp_path):
    with pytest.raises(InputError, match="empty article"):
        vnkg.build_graph("  \n ")
    with pytest.raises(InputError, match="no such file"):
        vnkg.build_graph(tmp_path / "missing.txt")
    with pytest.raises(TypeError):
        vnkg.extract(b"bytes are not text")


def test_the_library_logs_through_the_vnkg_logger(tmp_path, caplog):
    from vnkg.pipeline import build

    with caplog.at_level(logging.WARNING, logger="vnkg"):
        result = build([BUNDLED, tmp_path / "missing.txt"], keep_going=True, jobs=1)
        result.close()
    assert [r.name for r in caplog.records] == ["vnkg.pipeline"]
    assert "skipped" in caplog.records[0].getMessage() and "missing.txt" in caplog.records[0].getMessage()


def test_cli_shows_the_log_as_one_line_messages(tmp_path):
    done = run_vnkg("build", "-k", "-vv", BUNDLED, tmp_path / "missing.txt", "-o", tmp_path / "out")
    lines = done.stderr.decode().splitlines()
    assert done.returncode == 2
    assert any(line.startswith("vnkg: warning: skipped ") and "missing.txt" in line for line in lines)
    assert any(line.startswith("vnkg: debug: extract: ") for line in lines)     # stage timings with -vv
    quiet = run_vnkg("build", "-k", "-q", BUNDLED, tmp_path / "missing.txt", "-o", tmp_path / "out2")
    assert [line for line in quiet.stderr.decode().splitlines() if "skipped" in line]   # -q keeps warnings
    assert not quiet.stdout


def test_an_article_from_standard_input_builds_as_from_its_file(tmp_path, seed_build):
    done = run_vnkg("build", "-", "-o", tmp_path / "out", input=BUNDLED.read_bytes())
    assert done.returncode == 0, done.stderr.decode()
    assert (tmp_path / "out" / "graph.ttl").read_bytes() == (seed_build / "graph.ttl").read_bytes()
    page = (ARTICLES.parent / "pages").glob("*.html")
    html = next(iter(sorted(page))).read_bytes()          # a saved page on stdin is read as a page, by content
    done = run_vnkg("build", "-", "-o", tmp_path / "page", input=html)
    assert done.returncode in (0, 1), done.stderr.decode()
    assert "<html" not in (tmp_path / "page" / "graph.ttl").read_text(encoding="utf-8").lower()


def test_bad_standard_input_is_a_one_line_error(tmp_path):
    done = run_vnkg("build", "-", "-o", tmp_path / "out", input=b"")
    assert done.returncode == 2 and done.stderr.decode() == "vnkg: error: <stdin>: empty article (no text)\n"
    assert not (tmp_path / "out").exists()
    done = run_vnkg("build", "-", "-o", tmp_path / "out", input=b"x" * (600 * 1024))
    assert done.returncode == 2 and "larger than an article can be" in done.stderr.decode()


def test_a_query_from_standard_input(seed_build):
    query = "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a <http://xmlns.com/foaf/0.1/Person> }"
    done = run_vnkg("query", "-", "--data", seed_build, "--format", "csv", input=query.encode())
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.decode().split() == ["n", "3"]
    done = run_vnkg("query", "-", "--data", seed_build, input=b"SELEC")
    assert done.returncode == 2 and done.stderr.decode().startswith("vnkg: error: <stdin>:1:")
