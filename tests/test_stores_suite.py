"""The whole query suite on real stores, after the README's recipes: every query in queries/ gives the rows of
queries/expected/ in the embedded store and on an Oxigraph server after a default `vnkg load` (asserted and
inferred triples in their own named graphs, queries reading their union), and on Apache Jena TDB2 (Debian's
libapache-jena-java) after the bulk recipe (`vnkg export --format nq`, `tdb2.tdbloader`, union default graph).
Results are compared as CSV values: datatypes do not show, and Jena's `""` for an empty string reads as empty."""
import csv
import io
import os
import shutil
import subprocess
import threading
import zipfile
from http.server import ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox
import pytest

from conftest import QUERIES, run_vnkg
from test_hardening_clients import _Flaky, one_line_error
from test_store import OxigraphServer

from vnkg.output import ASSERTED_GRAPH, INFERRED_GRAPH

QUERY_NAMES = sorted(p.stem for p in QUERIES.glob("*.rq"))
XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
# The datatypes of counts and offsets as each store gives them back.
DATATYPES = """PREFIX vnkg: <https://w3id.org/vnkg/ontology#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
SELECT DISTINCT ?property ?datatype WHERE {
  VALUES ?p { vnkg:recipientCount vnkg:headlineAwardTotal nif:beginIndex nif:endIndex }
  ?s ?p ?o BIND (STR(?p) AS ?property) BIND (STR(DATATYPE(?o)) AS ?datatype)
}"""


def rows(data: bytes) -> tuple[list[str], list[tuple]]:
    """The header and the sorted rows (a multiset: a duplicated row counts) of SPARQL CSV results."""
    reader = csv.reader(io.StringIO(data.decode("utf-8"), newline=""))
    header = next(reader)
    return header, sorted(tuple(r) for r in reader)


def expected(name: str) -> tuple[list[str], list[tuple]]:
    return rows((QUERIES / "expected" / "fixtures" / f"{name}.csv").read_bytes())


def datatype_rows(data: bytes) -> list[tuple]:
    return rows(data)[1]


@pytest.fixture
def server(tmp_path):
    running = OxigraphServer(tmp_path / "oxigraph").start()
    yield running
    running.stop()


def build_triples(build: Path, name: str) -> int:
    return sum(1 for _ in ox.parse(path=str(build / name)))


# --- the layout of a default load --------------------------------------------------------------------------

def test_a_default_load_puts_asserted_and_inferred_triples_in_their_own_named_graphs(fixtures_build, server):
    done = run_vnkg("load", "--data", fixtures_build, "--endpoint", f"{server.url}/store")
    assert done.returncode == 0, done.stderr.decode()
    assert len(server.triples(ASSERTED_GRAPH)) == build_triples(fixtures_build, "graph.ttl")
    assert len(server.triples(INFERRED_GRAPH)) == build_triples(fixtures_build, "inferred.ttl") > 0
    assert f"graphs <{ASSERTED_GRAPH}> and <{INFERRED_GRAPH}>".encode() in done.stdout


def test_default_loads_asserted_and_inferred_together_into_the_default_graph(seed_build, server):
    done = run_vnkg("load", "--data", seed_build, "--endpoint", f"{server.url}/store", "--default")
    assert done.returncode == 0 and b"the default graph" in done.stdout
    assert server.triples(ASSERTED_GRAPH) == [] and server.triples(INFERRED_GRAPH) == [] and len(server.triples()) > 1000


# --- the query suite on each store -------------------------------------------------------------------------

def test_every_query_answers_as_expected_on_an_oxigraph_server_after_a_default_load(fixtures_build, server):
    assert run_vnkg("load", "--data", fixtures_build, "--endpoint", f"{server.url}/store").returncode == 0
    for name in QUERY_NAMES:
        done = run_vnkg("query", name, "--endpoint", f"{server.url}/query", "--format", "csv")
        assert done.returncode == 0, done.stderr.decode()
        assert rows(done.stdout) == expected(name), name


def test_every_query_answers_as_expected_in_the_embedded_store_after_a_default_load(fixtures_build, tmp_path):
    store = tmp_path / "store"
    assert run_vnkg("load", "--data", fixtures_build, "--store", store).returncode == 0
    for name in QUERY_NAMES:
        done = run_vnkg("query", name, "--store", store, "--format", "csv")
        assert done.returncode == 0, done.stderr.decode()
        assert rows(done.stdout) == expected(name), name


# --- Apache Jena (Debian's libapache-jena-java: no wrapper scripts, so java with the package's classpath) ------

def _debian_classpath(package: str) -> list[str]:
    """The jars of a Debian Java package and of the Java packages it depends on, without the logging bridges
    that would loop into each other."""
    seen, todo, jars = set(), [package], []
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        listed = subprocess.run(["dpkg", "-L", name], capture_output=True, text=True)
        if listed.returncode != 0:
            continue
        jars += [line for line in listed.stdout.splitlines()
                 if line.startswith("/usr/share/java/") and line.endswith(".jar")]
        depends = subprocess.run(["dpkg-query", "-W", "-f=${Depends}", name], capture_output=True, text=True).stdout
        for alternative in depends.split(","):
            dep = alternative.split("|")[0].split("(")[0].strip().split(":")[0]
            if dep.endswith("-java"):
                todo.append(dep)
    bridges = ("log4j-over-slf4j", "slf4j-log4j", "slf4j-jdk", "slf4j-nop", "slf4j-simple", "jcl-over-slf4j",
               "slf4j-jcl", "log4j-slf4j")
    return sorted({j for j in jars if not any(b in Path(j).name for b in bridges)})


def _xerces_messages(core_jar: str, into: Path) -> Path:
    """Debian's Jena 4.5 moves its copy of Xerces to the package `xerces` but leaves the message files under
    org/apache/jena/ext/xerces, and Xerces then fails to start ("internal error"): copy the package's own files
    to where its classes look."""
    prefix = "org/apache/jena/ext/xerces/"
    with zipfile.ZipFile(core_jar) as jar:
        for name in jar.namelist():
            if name.startswith(prefix) and name.endswith(".properties"):
                target = into / "xerces" / name[len(prefix):]
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(jar.read(name))
    return into


class Jena:
    def __init__(self, classpath: str):
        self.classpath = classpath

    def run(self, tool: str, *args, timeout: float = 300) -> bytes:
        done = subprocess.run(["java", "-XX:TieredStopAtLevel=1", "-cp", self.classpath, tool, *map(str, args)],
                              capture_output=True, timeout=timeout)
        assert done.returncode == 0, done.stderr.decode()[-2000:]
        return done.stdout


@pytest.fixture(scope="session")
def jena(tmp_path_factory):
    if not shutil.which("java") or not Path("/usr/share/java/jena-cmds.jar").exists():
        pytest.skip("Apache Jena is not installed: apt-get install libapache-jena-java (.ci/run does)")
    jars = _debian_classpath("libapache-jena-java")
    messages = _xerces_messages("/usr/share/java/jena-core.jar", tmp_path_factory.mktemp("jena-xerces"))
    return Jena(os.pathsep.join([str(messages), *jars]))


@pytest.fixture(scope="session")
def tdb2(jena, fixtures_build, tmp_path_factory):
    """The README's Jena bulk recipe: export as N-Quads (named graphs kept), tdb2.tdbloader."""
    where = tmp_path_factory.mktemp("tdb2")
    exported = where / "graph.nq"
    assert run_vnkg("export", "--data", fixtures_build, "--format", "nq", "-o", exported).returncode == 0
    jena.run("tdb2.tdbloader", "--loc", where / "db", exported)
    return where / "db"


def tdb2_query(jena: Jena, db: Path, query: Path) -> bytes:
    # Fuseki's and TDB2's tdb:unionDefaultGraph: a query without GRAPH reads all named graphs.
    return jena.run("tdb2.tdbquery", "--loc", db, "--set", "tdb:unionDefaultGraph=true", "--results=CSV",
                    "--query", query)


def test_every_query_answers_as_expected_on_jena_tdb2(jena, tdb2):
    for name in QUERY_NAMES:
        assert rows(tdb2_query(jena, tdb2, QUERIES / f"{name}.rq")) == expected(name), name


# --- datatypes every store keeps -----------------------------------------------------------------------------

def test_counts_and_offsets_are_xsd_integer_in_every_store(fixtures_build, server, tmp_path, jena, tdb2):
    query = tmp_path / "datatypes.rq"
    query.write_text(DATATYPES, encoding="utf-8")
    local = run_vnkg("query", query, "--data", fixtures_build, "--format", "csv").stdout
    found = datatype_rows(local)
    assert {d for _, d in found} == {XSD_INTEGER} and len(found) == 4
    assert run_vnkg("load", "--data", fixtures_build, "--endpoint", f"{server.url}/store").returncode == 0
    remote = run_vnkg("query", query, "--endpoint", f"{server.url}/query", "--format", "csv").stdout
    store = tmp_path / "store"
    assert run_vnkg("load", "--data", fixtures_build, "--store", store).returncode == 0
    embedded = run_vnkg("query", query, "--store", store, "--format", "csv").stdout
    assert datatype_rows(remote) == datatype_rows(embedded) == datatype_rows(tdb2_query(jena, tdb2, query)) == found


# --- two graphs, one load ----------------------------------------------------------------------------------

def test_a_failure_on_the_second_graph_says_the_first_was_replaced(seed_build, tmp_path):
    backend = OxigraphServer(tmp_path / "oxigraph").start()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Flaky)
    httpd.backend, httpd.writes = backend.url, 1         # the asserted graph's PUT goes in, the inferred one's not
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        done = run_vnkg("load", "--data", seed_build, "--endpoint",
                        f"http://127.0.0.1:{httpd.server_address[1]}/store", "--retries", "0")
        err = one_line_error(done)
        assert f"graph <{INFERRED_GRAPH}>: the graph was not changed" in err
        assert f"graph <{ASSERTED_GRAPH}> was already replaced" in err
        assert len(backend.triples(ASSERTED_GRAPH)) == build_triples(seed_build, "graph.ttl")
    finally:
        httpd.shutdown()
        httpd.server_close()
        backend.stop()


def test_a_staged_load_swaps_both_graphs_in_one_update(seed_build, server):
    done = run_vnkg("load", "--data", seed_build, "--endpoint", f"{server.url}/store",
                    "--update-endpoint", f"{server.url}/update")
    assert done.returncode == 0, done.stderr.decode()
    assert len(server.triples(ASSERTED_GRAPH)) == build_triples(seed_build, "graph.ttl")
    assert len(server.triples(INFERRED_GRAPH)) == build_triples(seed_build, "inferred.ttl")
    names = run_vnkg("query", QUERIES / "inferred.rq", "--endpoint", f"{server.url}/query", "--format", "csv")
    assert rows(names.stdout) == rows(run_vnkg("query", "inferred", "--data", seed_build, "--format", "csv").stdout)
