"""Bad input: a one-line error naming the file, exit 2, nothing half-written, a traceback only with -v."""
import re

import pytest

from conftest import ARTICLES, run_vnkg


def one_line_error(done) -> str:
    err = done.stderr.decode().strip()
    assert done.returncode == 2, err
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    return err


@pytest.mark.parametrize("content, problem", [(None, "no such file"), (b"", "empty"), (b"  \n\t \n", "empty"),
                                              (b"\x00\x01binary\x00", "binary")])
def test_unreadable_articles(tmp_path, content, problem):
    path = tmp_path / "article.txt"
    if content is not None:
        path.write_bytes(content)
    err = one_line_error(run_vnkg("build", path, "-o", tmp_path / "out"))
    assert str(path) in err and problem in err


def test_a_directory_with_no_article_in_it_is_an_error(tmp_path):
    err = one_line_error(run_vnkg("build", tmp_path, "-o", tmp_path / "out"))
    assert "directory" in err


def test_an_html_page_with_no_article_in_it_is_refused(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<!DOCTYPE html><html><body><p>Tỉnh ủy</p></body></html>", encoding="utf-8")
    assert "HTML" in one_line_error(run_vnkg("build", page, "-o", tmp_path / "out"))


def test_verbose_shows_the_traceback(tmp_path):
    done = run_vnkg("build", tmp_path / "missing.txt", "-o", tmp_path / "out", "-v")
    assert done.returncode == 2 and b"Traceback" in done.stderr


def test_a_failed_build_leaves_the_previous_build_as_it_was(tmp_path):
    out = tmp_path / "out"
    assert run_vnkg("build", "-o", out).returncode == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    assert run_vnkg("build", empty, "-o", out).returncode == 2
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_keep_going_skips_a_bad_article_and_keeps_the_others(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    good = sorted(ARTICLES.glob("*.txt"))[0]
    done = run_vnkg("build", good, empty, "-o", tmp_path / "out", "--keep-going")
    assert done.returncode == 2
    assert b"skipped" in done.stderr and str(empty).encode() in done.stderr
    assert b"articles read: 1 (1 skipped)" in done.stdout
    assert (tmp_path / "out" / "graph.ttl").exists()


def test_malformed_rdf_names_file_line_and_column(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix ex: <http://ex.org/> .\nex:a ex:b ex:c .\nex:a ex:b \"unterminated .\n")
    for args in (["query", "officials", "--data", bad], ["export", "--data", bad], ["validate", bad]):
        err = one_line_error(run_vnkg(*args))
        assert f"{bad}:3" in err, err


def test_malformed_sparql_gives_line_and_column(tmp_path, seed_build):
    query = tmp_path / "bad.rq"
    query.write_text("SELECT ?x\nWHERE { ?x ?y ?z ) }\nLIMIT 1\n")
    err = one_line_error(run_vnkg("query", query, "--data", seed_build))
    assert re.search(re.escape(str(query)) + r":\d+:\d+: SPARQL syntax error", err), err


def test_a_query_over_missing_data_says_where_it_looked(tmp_path):
    err = one_line_error(run_vnkg("query", "officials", "--data", tmp_path))
    assert str(tmp_path) in err and "graph.ttl" in err


def test_an_unknown_query_name_lists_the_known_ones():
    err = one_line_error(run_vnkg("query", "no-such-question"))
    assert "officials" in err


def test_usage_errors_exit_2():
    assert run_vnkg("build", "--no-such-option").returncode == 2
    assert run_vnkg().returncode == 2


def test_timeout_stops_a_runaway_query(tmp_path, seed_build):
    query = tmp_path / "runaway.rq"
    query.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }")
    err = one_line_error(run_vnkg("query", query, "--data", seed_build, "--timeout", "1"))
    assert "--timeout" in err and str(query) in err


def test_a_file_of_tens_of_megabytes_is_refused_before_it_is_read(tmp_path):
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as out:
        out.truncate(30 * 1024 * 1024)
    err = one_line_error(run_vnkg("build", huge, "-o", tmp_path / "out"))
    assert str(huge) in err and "larger than an article can be" in err
