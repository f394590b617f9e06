"""One named graph per article (issue 16, item 3): `vnkg build --per-article` writes articles.nq, `vnkg export
--per-article` gives it as N-Quads or TriG, `vnkg load --per-article` adds to a store only the articles it lacks
(and replaces a page's earlier version), `vnkg retract` removes one, and every query in queries/ answers on the
union of the article graphs as it does on the merged build. Stores are real: an Oxigraph server started here on
127.0.0.1 (union default graph, as the README's recipe), and pyoxigraph's embedded store. The articles are the
project's test articles and the identity corpus of test_identity (sentences we wrote)."""
from __future__ import annotations

import json
import subprocess
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest

from conftest import ARTICLES, run_vnkg
from test_identity import write_corpus
from test_stores_suite import QUERY_NAMES, expected, rows
from test_store import OxigraphServer, oxigraph_binary

from vnkg.article_graphs import (ARTICLE_PREFIX, ARTICLES_FILE, INFERRED_PREFIX, MANIFEST_GRAPH, VOCABULARY_GRAPH,
                                 BUILD_PREFIX)

TEST_ARTICLES = sorted(ARTICLES.glob("*.txt"))
BUILD_IRI = "https://w3id.org/vnkg/id/build/"


def build(paths, out: Path, *options) -> Path:
    done = run_vnkg("build", "--per-article", *options, *paths, "-o", out)
    assert done.returncode in (0, 1), done.stderr.decode()     # 1: a finding the articles were written to give
    return out


def quads(path: Path) -> set[ox.Quad]:
    return set(ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS))


def triples(path: Path) -> set[ox.Triple]:
    return {quad.triple for quad in ox.parse(path=str(path))}


def graphs_of(store_quads) -> set[str]:
    return {q.graph_name.value for q in store_quads if not isinstance(q.graph_name, ox.DefaultGraph)}


def one_line_error(done) -> str:
    lines = done.stderr.decode().strip().splitlines()
    assert done.returncode == 2 and len(lines) == 1 and lines[0].startswith("vnkg: error: "), done.stderr.decode()
    return lines[0]


@pytest.fixture(scope="module")
def per_article(tmp_path_factory) -> Path:
    return build(TEST_ARTICLES, tmp_path_factory.mktemp("per-article") / "build")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[Path]:
    return write_corpus(tmp_path_factory.mktemp("corpus") / "articles")


@pytest.fixture
def server(tmp_path):
    running = OxigraphServer(tmp_path / "oxigraph").start()
    yield running
    running.stop()


def load(build_dir: Path, server, *options):
    return run_vnkg("load", "--per-article", "--data", build_dir, "--endpoint", f"{server.url}/store",
                    "--update-endpoint", f"{server.url}/update", *options)


def select(server, text: str) -> list[tuple]:
    request = urllib.request.Request(f"{server.url}/query?query={urllib.parse.quote(text)}",
                                     headers={"Accept": "text/csv"})
    return rows(urllib.request.urlopen(request, timeout=30).read())[1]


def article_graphs(server) -> list[str]:
    return [g for (g,) in select(server, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?g a ?t } }")
            if g.startswith(ARTICLE_PREFIX)]


def article_iri(path: Path) -> str:
    """The IRI of the article in this file: its content key (the sha256 of its NFC text)."""
    import hashlib
    import unicodedata

    text = path.read_text(encoding="utf-8")
    return ARTICLE_PREFIX + hashlib.sha256(unicodedata.normalize("NFC", text).encode()).hexdigest()[:16]


def named(corpus: list[Path], name: str) -> Path:
    return next(path for path in corpus if path.name == name)


def _build_as_one(term):
    return "a build" if isinstance(term, ox.NamedNode) and term.value.startswith(BUILD_IRI) else term


# --- the build --------------------------------------------------------------------------------------------

def test_per_article_adds_articles_nq_and_leaves_every_other_file_as_it_was(per_article, fixtures_build):
    for name in ("graph.ttl", "inferred.ttl", "void.ttl", "shacl-report.ttl", "shacl-report.txt"):
        assert (per_article / name).read_bytes() == (fixtures_build / name).read_bytes(), name
    assert not (fixtures_build / ARTICLES_FILE).exists() and (per_article / ARTICLES_FILE).is_file()


def test_the_article_graphs_hold_the_build_s_triples_and_nothing_else(per_article):
    statements = quads(per_article / ARTICLES_FILE)
    asserted = {q.triple for q in statements if not q.graph_name.value.startswith(INFERRED_PREFIX)}
    inferred = {q.triple for q in statements if q.graph_name.value.startswith(INFERRED_PREFIX)}
    assert asserted == triples(per_article / "graph.ttl")
    assert inferred - asserted == triples(per_article / "inferred.ttl")
    names = graphs_of(statements)
    keys = {g[len(ARTICLE_PREFIX):] for g in names if g.startswith(ARTICLE_PREFIX)}
    assert len(keys) == len(TEST_ARTICLES)
    assert names == ({ARTICLE_PREFIX + k for k in keys} | {INFERRED_PREFIX + k for k in keys} | {VOCABULARY_GRAPH}
                     | {g for g in names if g.startswith(BUILD_PREFIX)})


def test_an_article_graph_holds_its_own_spans_and_the_entities_it_names(per_article):
    statements = quads(per_article / ARTICLES_FILE)
    context = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#referenceContext"
    for q in statements:
        if q.predicate.value == context:
            assert q.object.value == q.graph_name.value     # a span lies in its article's graph, nowhere else
    # an organization several articles name is described in each of their graphs
    label = "http://www.w3.org/2000/01/rdf-schema#label"
    holders = {q.graph_name.value for q in statements
               if q.subject.value.endswith("/org/quang-ninh/ubnd") and q.predicate.value == label}
    assert holders and all(g.startswith(ARTICLE_PREFIX) for g in holders)


def test_articles_nq_does_not_depend_on_the_chunking(tmp_path):
    from vnkg.pipeline import build as build_graph, write_build

    made = []
    for chunk_size in (25, 1):
        result = build_graph(TEST_ARTICLES, jobs=1, chunk_size=chunk_size, per_article=True)
        write_build(result, tmp_path / str(chunk_size))
        result.close()
        made.append((tmp_path / str(chunk_size) / ARTICLES_FILE).read_bytes())
    assert made[0] == made[1]


def test_no_text_leaves_the_texts_out_of_the_article_graphs_too(tmp_path):
    out = build(TEST_ARTICLES[:1], tmp_path / "build", "--no-text")
    assert b"nif-core#isString" not in (out / ARTICLES_FILE).read_bytes()


# --- export -----------------------------------------------------------------------------------------------

def test_export_per_article_as_nquads_and_trig_holds_every_graph_and_the_description(per_article, tmp_path):
    for fmt in ("nq", "trig"):
        done = run_vnkg("export", "--per-article", "--data", per_article, "--format", fmt, "-o", tmp_path / f"x.{fmt}")
        assert done.returncode == 0, done.stderr.decode()
    nq, trig = set(ox.parse(path=str(tmp_path / "x.nq"))), set(ox.parse(path=str(tmp_path / "x.trig")))
    assert nq == trig
    assert quads(per_article / ARTICLES_FILE) < nq
    # the manifest of a store that holds exactly these articles, for a store's own bulk loader
    manifest = {q.object.value for q in nq if q.graph_name.value == MANIFEST_GRAPH
                and q.predicate.value == "http://rdfs.org/ns/void#subset"}
    assert len(manifest) == len(TEST_ARTICLES) and all(iri.startswith(ARTICLE_PREFIX) for iri in manifest)
    build_graph = next(g for g in graphs_of(nq) if g.startswith(BUILD_PREFIX))
    described = {q.triple for q in nq if q.graph_name.value == build_graph}
    assert triples(per_article / "void.ttl") <= described


# --- a store updated article by article ---------------------------------------------------------------------

def test_every_query_answers_as_expected_on_the_union_of_article_graphs(per_article, server):
    done = load(per_article, server)
    assert done.returncode == 0, done.stderr.decode()
    assert f"loaded {len(TEST_ARTICLES)} articles".encode() in done.stdout
    for name in QUERY_NAMES:
        done = run_vnkg("query", name, "--endpoint", f"{server.url}/query", "--format", "csv")
        assert done.returncode == 0, done.stderr.decode()
        assert rows(done.stdout) == expected(name), name


def test_a_new_embedded_store_and_one_loaded_day_by_day_hold_the_same_quads(per_article, tmp_path):
    whole, daily = tmp_path / "whole", tmp_path / "daily"
    assert run_vnkg("load", "--per-article", "--data", per_article, "--store", whole).returncode == 0
    first = build(TEST_ARTICLES[:2], tmp_path / "first")
    assert run_vnkg("load", "--per-article", "--data", first, "--store", daily).returncode == 0
    done = run_vnkg("load", "--per-article", "--data", per_article, "--store", daily)
    assert done.returncode == 0, done.stderr.decode()
    assert f"loaded {len(TEST_ARTICLES) - 2} articles".encode() in done.stdout and b"2 already there" in done.stdout
    stores = [ox.Store.read_only(str(whole)), ox.Store.read_only(str(daily))]
    # the same, but for the build each article came from (prov:wasGeneratedBy, prov:used)
    article_quads = [{tuple(_build_as_one(term) for term in q) for q in store
                      if not q.graph_name.value.startswith(BUILD_PREFIX)} for store in stores]
    assert article_quads[0] == article_quads[1]
    del stores
    activity = "http://www.w3.org/ns/prov#Activity"
    for name in QUERY_NAMES:
        done = run_vnkg("query", name, "--store", daily, "--format", "csv")
        header, got = rows(done.stdout)
        want = expected(name)[1]
        if name == "inferred":      # the store holds two builds, each a prov:Activity: the one row that differs
            got, want = ([r for r in result if r[1] != activity] for result in (got, want))
        assert (header, got) == (expected(name)[0], want), name


def test_loading_the_same_build_again_changes_nothing(per_article, server):
    assert load(per_article, server).returncode == 0
    before = server.triples()
    done = load(per_article, server)
    assert done.returncode == 0 and b"loaded 0 articles" in done.stdout
    assert server.triples() == before


def test_a_page_s_new_version_replaces_the_old_one(corpus, tmp_path, server):
    page = corpus[0]
    sidecar = {"url": "https://baocaobang.example.vn/hoi-nghi.html"}
    first = tmp_path / "v1" / "articles"
    first.mkdir(parents=True)
    (first / page.name).write_text(page.read_text(encoding="utf-8"), encoding="utf-8")
    (first / f"{page.stem}.meta.json").write_text(json.dumps(sidecar), encoding="utf-8")
    second = tmp_path / "v2" / "articles"
    second.mkdir(parents=True)
    corrected = page.read_text(encoding="utf-8").replace("phát biểu.", "phát biểu chỉ đạo.")
    assert corrected != page.read_text(encoding="utf-8")
    (second / page.name).write_text(corrected, encoding="utf-8")
    (second / f"{page.stem}.meta.json").write_text(json.dumps(sidecar), encoding="utf-8")
    other = corpus[1]
    (second / other.name).write_text(other.read_text(encoding="utf-8"), encoding="utf-8")
    old, new = build([first], tmp_path / "v1" / "build"), build([second], tmp_path / "v2" / "build")
    assert load(old, server).returncode == 0
    assert article_graphs(server) == [article_iri(first / page.name)]
    done = load(new, server)
    assert done.returncode == 0, done.stderr.decode()
    assert b"loaded 2 articles" in done.stdout and b"1 replaced or removed" in done.stdout
    assert article_graphs(server) == sorted([article_iri(second / page.name), article_iri(second / other.name)])
    assert select(server, f"SELECT ?s ?o WHERE {{ GRAPH <{INFERRED_PREFIX}{article_iri(first / page.name)[-16:]}> "
                          f"{{ ?s ?p ?o }} }}") == []
    sources = select(server, f"SELECT ?a ?url WHERE {{ GRAPH <{MANIFEST_GRAPH}> "
                             f"{{ ?a <http://purl.org/dc/terms/source> ?url }} }}")
    assert sources == [(article_iri(second / page.name), sidecar["url"])]


def test_replace_removes_the_articles_the_build_lacks(corpus, tmp_path, server):
    everything, two = build(corpus, tmp_path / "all"), build(corpus[:2], tmp_path / "two")
    assert load(everything, server).returncode == 0
    done = load(two, server, "--replace")
    assert done.returncode == 0, done.stderr.decode()
    assert article_graphs(server) == sorted(article_iri(p) for p in corpus[:2])


def test_retract_removes_an_article_and_keeps_what_other_articles_say(corpus, tmp_path, server):
    built = build(corpus, tmp_path / "build")
    assert load(built, server).returncode == 0
    person = ("SELECT ?name WHERE { ?p a <https://w3id.org/vnkg/ontology#Person> ; "
              "<http://xmlns.com/foaf/0.1/name> ?name . FILTER (CONTAINS(?name, 'Quốc Tuấn')) }")
    assert sorted(set(select(server, person))) == [("Ninh Quốc Tuấn",), ("Nịnh Quốc Tuấn",)]
    march = article_iri(named(corpus, "cao-bang-2023-03.txt"))
    may = article_iri(named(corpus, "cao-bang-2024-05-tinh-uy.txt"))
    done = run_vnkg("retract", march, "--endpoint", f"{server.url}/store", "--update-endpoint", f"{server.url}/update")
    assert done.returncode == 0 and b"retracted 1 article" in done.stdout, done.stderr.decode()
    assert march not in article_graphs(server) and len(article_graphs(server)) == len(corpus) - 1
    # Ninh Quốc Tuấn is still named by the May article; his March post (Phó Bí thư) went with its article
    assert sorted(set(select(server, person))) == [("Ninh Quốc Tuấn",), ("Nịnh Quốc Tuấn",)]
    posts = select(server, "SELECT DISTINCT ?day WHERE { ?a <https://w3id.org/vnkg/ontology#attestedOn> ?day }")
    assert ("2023-03-10",) not in posts and ("2024-05-20",) in posts
    assert run_vnkg("retract", may, "--endpoint", f"{server.url}/store",
                    "--update-endpoint", f"{server.url}/update").returncode == 0
    assert select(server, person) == []       # no article left names either of them
    body = "SELECT ?label WHERE { <https://w3id.org/vnkg/id/org/cao-bang/tinh-uy> <http://www.w3.org/2000/01/rdf-schema#label> ?label }"
    assert ("Tỉnh ủy Cao Bằng",) in select(server, body)    # other articles still name the Tỉnh ủy


def test_retract_from_an_embedded_store(corpus, tmp_path):
    built, store = build(corpus, tmp_path / "build"), tmp_path / "store"
    assert run_vnkg("load", "--per-article", "--data", built, "--store", store).returncode == 0
    march = article_iri(named(corpus, "cao-bang-2023-03.txt"))
    assert run_vnkg("retract", march, "--store", store).returncode == 0
    left = graphs_of(ox.Store.read_only(str(store)))
    assert march not in left and INFERRED_PREFIX + march[-16:] not in left
    assert sum(g.startswith(ARTICLE_PREFIX) for g in left) == len(corpus) - 1


def test_retracting_an_article_the_store_lacks_is_an_error_that_changes_nothing(per_article, server):
    assert load(per_article, server).returncode == 0
    before = server.triples()
    done = run_vnkg("retract", ARTICLE_PREFIX + "0123456789abcdef", "--endpoint", f"{server.url}/store",
                    "--update-endpoint", f"{server.url}/update")
    assert "not an article of" in one_line_error(done)
    assert server.triples() == before


def test_per_article_needs_a_per_article_build_and_an_update_endpoint(fixtures_build, per_article, server):
    assert "build with 'vnkg build --per-article'" in one_line_error(
        run_vnkg("load", "--per-article", "--data", fixtures_build, "--store", Path("/nonexistent-dir/store")))
    assert "--update-endpoint" in one_line_error(
        run_vnkg("load", "--per-article", "--data", per_article, "--endpoint", f"{server.url}/store"))
    assert "nq or trig" in one_line_error(run_vnkg("export", "--per-article", "--data", per_article, "--format", "ttl"))
    assert "--per-article" in one_line_error(
        run_vnkg("load", "--per-article", "--default", "--data", per_article, "--endpoint", f"{server.url}/store",
                 "--update-endpoint", f"{server.url}/update"))
    assert server.triples() == []


def test_a_store_bulk_loaded_from_the_export_knows_its_articles(per_article, tmp_path):
    assert run_vnkg("export", "--per-article", "--data", per_article, "-o", tmp_path / "all.nq").returncode == 0
    subprocess.run([oxigraph_binary(), "load", "--location", tmp_path / "db", "--file", tmp_path / "all.nq"],
                   check=True, capture_output=True)
    running = OxigraphServer(tmp_path / "db").start()
    try:
        done = load(per_article, running)
        assert done.returncode == 0, done.stderr.decode()
        assert f"loaded 0 articles into {running.url}/store (one named graph each), {len(TEST_ARTICLES)} already " \
               f"there".encode() in done.stdout
    finally:
        running.stop()
