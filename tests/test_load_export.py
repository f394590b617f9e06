"""Load and export stream the data through pyoxigraph: what a file says is what the export writes and the store
gets, with no rdflib graph in between (re-parsing through rdflib made both twenty times slower, and rewrote
literals to rdflib's canonical forms)."""
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pyoxigraph as ox
import pytest

from conftest import run_vnkg

DATA = """@prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:s ex:count "01"^^xsd:integer ; ex:flag "1"^^xsd:boolean ; ex:name "Hòa"@vi .
"""
DATA_NT = """<http://example.org/s> <http://example.org/count> "01"^^<http://www.w3.org/2001/XMLSchema#integer> .
<http://example.org/s> <http://example.org/flag> "1"^^<http://www.w3.org/2001/XMLSchema#boolean> .
<http://example.org/s> <http://example.org/name> "Hòa"@vi .
"""


def test_export_writes_literals_as_the_data_writes_them(tmp_path):
    data = tmp_path / "data.ttl"
    data.write_text(DATA, encoding="utf-8")
    done = run_vnkg("export", "--data", data, "--format", "nt")
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.decode("utf-8") == DATA_NT


class _Recorder(BaseHTTPRequestHandler):
    """A Graph Store that keeps what it is sent (a real store stores values and may rewrite their forms)."""

    def log_message(self, *args):
        pass

    def do_PUT(self):
        self.server.bodies.append(self.rfile.read(int(self.headers["Content-Length"])))
        if hasattr(self.server, "paths"):
            self.server.paths.append(self.path)
        self.send_response(204)
        self.send_header("Content-Length", "0")
        self.end_headers()


def test_load_sends_literals_as_the_data_writes_them(tmp_path):
    data = tmp_path / "data.ttl"
    data.write_text(DATA, encoding="utf-8")
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    server.bodies = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        done = run_vnkg("load", "--data", data, "--endpoint", f"http://127.0.0.1:{server.server_port}/store",
                        "--default")
    finally:
        server.shutdown()
    assert done.returncode == 0, done.stderr.decode()
    assert "loaded 3 triples" in done.stdout.decode()
    assert server.bodies == [DATA_NT.encode("utf-8")]


def test_export_of_a_build_is_its_files_merged_and_sorted(seed_build):
    """N-Triples: the sorted union of graph.ttl, inferred.ttl and void.ttl, each line once."""
    done = run_vnkg("export", "--data", seed_build, "--format", "nt")
    assert done.returncode == 0, done.stderr.decode()
    lines = set()
    for name in ("graph.ttl", "inferred.ttl", "void.ttl"):
        written = ox.serialize(ox.parse(path=str(seed_build / name)), format=ox.RdfFormat.N_TRIPLES)
        lines |= set(written.decode("utf-8").splitlines())
    assert done.stdout.decode("utf-8") == "".join(f"{line}\n" for line in sorted(lines))


def test_a_new_embedded_store_is_loaded_aside_so_a_failed_load_leaves_none(tmp_path):
    from vnkg.errors import StoreError
    from vnkg.store import load_embedded

    store = tmp_path / "store"
    bad = b'<http://example.org/s> <http://example.org/p> "x" .\n<zz-a-relative-iri> <http://example.org/p> "x" .\n'
    with pytest.raises(StoreError, match="no store was made"):
        load_embedded([("http://example.org/g", bad)], store, replace=True)
    assert sorted(tmp_path.iterdir()) == []
    # a load killed part-way leaves its directory aside; the next load into the same place removes it
    (tmp_path / ".store.x1.loading").mkdir()
    good = b'<http://example.org/s> <http://example.org/p> "x" .\n'
    assert load_embedded([("http://example.org/g", good), (None, good)], store, replace=True) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]
    loaded = ox.Store(str(store))
    assert {(q.graph_name.value if isinstance(q.graph_name, ox.NamedNode) else "") for q in loaded} == {
        "http://example.org/g", ""}


def test_bulk_asks_oxigraph_for_its_bulk_loader_and_loads_the_same_triples(seed_build, tmp_path):
    from test_store import OxigraphServer

    normal, bulk = OxigraphServer(tmp_path / "normal").start(), OxigraphServer(tmp_path / "bulk").start()
    try:
        assert run_vnkg("load", "--data", seed_build, "--endpoint", f"{normal.url}/store").returncode == 0
        for _ in range(2):      # into an empty server, then a replace
            done = run_vnkg("load", "--data", seed_build, "--endpoint", f"{bulk.url}/store", "--bulk")
            assert done.returncode == 0, done.stderr.decode()
        for graph in ("https://w3id.org/vnkg/graph/asserted", "https://w3id.org/vnkg/graph/inferred",
                      "https://w3id.org/vnkg/graph/void"):
            assert bulk.triples(graph) == normal.triples(graph) != []
    finally:
        normal.stop()
        bulk.stop()


def test_bulk_sends_oxigraph_s_parameter_and_is_refused_where_it_means_nothing(tmp_path):
    data = tmp_path / "data.ttl"
    data.write_text(DATA, encoding="utf-8")
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    server.bodies, server.paths = [], []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/store"
        assert run_vnkg("load", "--data", data, "--endpoint", url, "--default", "--bulk").returncode == 0
    finally:
        server.shutdown()
    assert server.paths == ["/store?default&no_transaction"]
    for other in (["--store", tmp_path / "s"], ["--endpoint", url, "--update-endpoint", url]):
        done = run_vnkg("load", "--data", data, "--bulk", *other)
        assert done.returncode == 2 and b"--bulk is for --endpoint" in done.stderr


def test_statements_in_named_graphs_of_json_ld_or_quads_are_read_as_triples(tmp_path):
    document = tmp_path / "data.jsonld"
    document.write_text('{"@id": "http://example.org/g", "@graph": [{"@id": "http://example.org/s", '
                        '"http://example.org/p": "v"}]}', encoding="utf-8")
    quads = tmp_path / "data.nq"
    quads.write_text('<http://example.org/s> <http://example.org/q> "w" <http://example.org/g> .\n', encoding="utf-8")
    done = run_vnkg("export", "--data", document, "--data", quads, "--format", "nt")
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout == (b'<http://example.org/s> <http://example.org/p> "v" .\n'
                           b'<http://example.org/s> <http://example.org/q> "w" .\n')
