"""Loading into a real triple store: an Oxigraph server started here on 127.0.0.1, the embedded store, and
vnkg's own read-only endpoint."""
import csv
import io
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from conftest import run_vnkg, source_environment

CONTRACT = ["officials", "events", "documents", "awards", "award-presentations", "statistics", "award-totals", "sources"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def oxigraph_binary() -> str:
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if not found:
        pytest.fail("the oxigraph server is not installed: pip install '.[test]'")
    return found


class OxigraphServer:
    def __init__(self, location: Path):
        self.location, self.port, self.process = location, free_port(), None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        # The README's recipe: queries without GRAPH read the union of vnkg's named graphs.
        self.process = subprocess.Popen([oxigraph_binary(), "serve", "--location", str(self.location),
                                         "--bind", f"127.0.0.1:{self.port}", "--union-default-graph"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{self.url}/query?query=ASK%7B%7D", timeout=1).read()
                return self
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.1)
        raise RuntimeError("oxigraph did not start")

    def stop(self):
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=30)
            self.process = None

    def triples(self, graph: str | None = None) -> list[str]:
        """The triples of a named graph, or of the union of all graphs."""
        pattern = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
        query = urllib.parse.quote(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {pattern} }}")
        request = urllib.request.Request(f"{self.url}/query?query={query}", headers={"Accept": "application/n-triples"})
        return sorted(urllib.request.urlopen(request, timeout=30).read().decode().splitlines())


@pytest.fixture
def server(tmp_path):
    running = OxigraphServer(tmp_path / "oxigraph").start()
    yield running
    running.stop()


def rows(data: bytes) -> set[tuple]:
    reader = csv.reader(io.StringIO(data.decode("utf-8"), newline=""))
    next(reader)
    return {tuple(r) for r in reader}


def test_load_then_every_contract_query_answers_as_locally(seed_build, server):
    done = run_vnkg("load", "--data", seed_build, "--endpoint", f"{server.url}/store")
    assert done.returncode == 0, done.stderr.decode()
    assert b"loaded" in done.stdout and b"triples" in done.stdout
    for name in CONTRACT:
        local = run_vnkg("query", name, "--data", seed_build, "--format", "csv")
        remote = run_vnkg("query", name, "--endpoint", f"{server.url}/query", "--format", "csv")
        assert remote.returncode == 0, remote.stderr.decode()
        assert rows(remote.stdout) == rows(local.stdout), name


def test_a_second_load_changes_nothing_and_batches_split_on_lines(seed_build, server):
    assert run_vnkg("load", "--data", seed_build, "--endpoint", f"{server.url}/store").returncode == 0
    once = server.triples()
    assert run_vnkg("load", "--data", seed_build, "--endpoint", f"{server.url}/store", "--batch-lines", "97").returncode == 0
    assert server.triples() == once


def test_the_data_survives_a_restart(seed_build, server):
    assert run_vnkg("load", "--data", seed_build, "--endpoint", f"{server.url}/store").returncode == 0
    before = server.triples()
    server.stop()
    server.start()
    assert server.triples() == before and before


def test_a_named_graph_and_append(seed_build, server):
    iri = "https://example.org/graphs/seed"
    assert run_vnkg("load", "--data", seed_build, "--endpoint", f"{server.url}/store", "--graph", iri).returncode == 0
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}"
    path = seed_build.parent / "count.rq"
    path.write_text(query)
    count = rows(run_vnkg("query", path, "--endpoint", f"{server.url}/query", "--format", "csv").stdout)
    assert int(next(iter(count))[0]) > 1000


def test_nothing_listening_is_a_clear_error():
    done = run_vnkg("load", "--endpoint", f"http://127.0.0.1:{free_port()}/store", "--retries", "1",
                    "--data", Path(__file__).parent / "shapes" / "_base.ttl")
    assert done.returncode == 2
    err = done.stderr.decode().strip()
    assert len(err.splitlines()) == 1 and "cannot reach" in err and "Traceback" not in err


class _Failing(BaseHTTPRequestHandler):
    seen: list = []

    def log_message(self, *args):
        pass

    def do_PUT(self):
        _Failing.seen.append(self.headers.get("Authorization"))
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        body = b"store exploded: disk full\n"
        self.send_response(500)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_PUT


def load_into_failing_server(*options, env=None):
    """vnkg load against a local server that answers 500 to every write; returns the finished process."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Failing)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    _Failing.seen.clear()
    try:
        return run_vnkg("load", "--endpoint", f"http://127.0.0.1:{httpd.server_address[1]}/store", *options,
                        "--data", Path(__file__).parent / "shapes" / "_base.ttl", env=env)
    finally:
        httpd.shutdown()


def test_a_server_error_is_retried_then_reported_with_the_store_s_message():
    done = load_into_failing_server("--retries", "2", "--user", "analyst", "--password", "s3cret-pw")
    assert done.returncode == 2
    err = done.stderr.decode()
    assert "HTTP 500" in err and "store exploded: disk full" in err
    assert "s3cret-pw" not in err and "s3cret-pw" not in done.stdout.decode()
    assert len(_Failing.seen) == 3 and _Failing.seen[0].startswith("Basic ")


def test_the_embedded_store_answers_like_the_build(seed_build, tmp_path):
    store = tmp_path / "store"
    assert run_vnkg("load", "--data", seed_build, "--store", store).returncode == 0
    assert run_vnkg("load", "--data", seed_build, "--store", store).returncode == 0
    for name in ("officials", "awards", "statistics"):
        local = run_vnkg("query", name, "--data", seed_build, "--format", "csv").stdout
        embedded = run_vnkg("query", name, "--store", store, "--format", "csv").stdout
        assert rows(embedded) == rows(local), name


def test_serve_answers_queries_and_refuses_updates(seed_build):
    env = source_environment()
    process = subprocess.Popen([sys.executable, "-m", "vnkg", "serve", "--data", str(seed_build), "--port", "0"],
                               stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, env=env)
    try:
        line = process.stderr.readline().decode()
        url = line.split(" at ")[1].split()[0]
        query = urllib.parse.quote("SELECT ?n WHERE { ?p <http://xmlns.com/foaf/0.1/name> ?n }")
        request = urllib.request.Request(f"{url}?query={query}", headers={"Accept": "text/csv"})
        answer = urllib.request.urlopen(request, timeout=10).read().decode()
        assert "Triệu Đình Lê" in answer
        update = urllib.request.Request(url, data=b"update=DROP ALL", method="POST",
                                        headers={"Content-Type": "application/x-www-form-urlencoded"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(update, timeout=10)
        assert refused.value.code == 403
        remote = run_vnkg("query", "awards", "--endpoint", url, "--format", "csv").stdout
        assert rows(remote) == rows(run_vnkg("query", "awards", "--data", seed_build, "--format", "csv").stdout)
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_a_bearer_token_is_sent_and_never_printed():
    done = load_into_failing_server("--retries", "0", env={"VNKG_TOKEN": "tok-123-secret"})
    assert done.returncode == 2
    assert _Failing.seen == ["Bearer tok-123-secret"]
    assert "tok-123-secret" not in done.stderr.decode() + done.stdout.decode()
