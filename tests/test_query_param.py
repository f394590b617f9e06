"""vnkg query --param NAME=VALUE: a variable bound before the query runs; `sources` for one article."""
from __future__ import annotations

import csv
import io
from collections import Counter

from conftest import ARTICLES, run_vnkg

ARTICLE = "https://w3id.org/vnkg/id/article/"


def _rows(done) -> list[tuple]:
    assert done.returncode == 0, done.stderr.decode()
    return [tuple(row) for row in csv.reader(io.StringIO(done.stdout.decode("utf-8")))][1:]


def test_sources_of_one_article_are_its_share_of_all_spans(fixtures_build):
    text = (fixtures_build / "graph.ttl").read_text(encoding="utf-8")
    articles = sorted({word.strip("<>;., ") for word in text.split() if word.startswith(f"<{ARTICLE}")
                       and "#" not in word})
    assert len(articles) == len(list(ARTICLES.glob("*.txt")))     # every test article, each its own
    everything = Counter(_rows(run_vnkg("query", "sources", "--data", fixtures_build, "--format", "csv")))
    shares = Counter()
    for article in articles:
        rows = _rows(run_vnkg("query", "sources", "--data", fixtures_build, "--format", "csv",
                              "--param", f"article={article}"))
        assert rows
        shares.update(rows)
    assert shares == everything
    in_brackets = _rows(run_vnkg("query", "sources", "--data", fixtures_build, "--format", "csv",
                                 "--param", f"article=<{articles[0]}>"))
    assert Counter(in_brackets) <= everything and in_brackets


def test_a_value_is_a_value_never_query_text(fixtures_build):
    done = run_vnkg("query", "sources", "--data", fixtures_build, "--format", "csv",
                    "--param", 'article=x" } ?mention ?p ?o { "')
    assert _rows(done) == []


def test_a_malformed_binding_is_a_usage_error(fixtures_build):
    done = run_vnkg("query", "sources", "--data", fixtures_build, "--param", "article")
    assert done.returncode == 2
    assert done.stderr.decode().startswith("vnkg: error: --param 'article': give NAME=VALUE")
