"""vnkg serve under attack and abuse (issue 14: items 1, 5, 8 and the small ones): real servers on 127.0.0.1, real
listeners that record what reaches them, raw sockets for what an HTTP library would not send."""
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox
import pytest

from conftest import ROOT, run_vnkg, source_environment
from vnkg.sparql_scan import has_dataset, is_update, service_targets

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
SIMPLE = "SELECT ?n WHERE { ?p <http://xmlns.com/foaf/0.1/name> ?n }"
INFERRED = "https://w3id.org/vnkg/graph/inferred"


class Served:
    """`vnkg serve` in its own process, as a user starts it."""

    def __init__(self, data: Path, *options: str):
        env = source_environment()
        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen([sys.executable, "-m", "vnkg", "serve", "--data", str(data), "--port", "0",
                                         *options], stderr=self.log, stdout=subprocess.DEVNULL, env=env)
        deadline = time.monotonic() + 60
        while b"\n" not in self.stderr() and self.process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        line = self.stderr().decode().split("\n")[0]
        assert " at " in line, self.stderr().decode()
        self.url = line.split(" at ")[1].split()[0]
        self.port = int(urllib.parse.urlsplit(self.url).port)

    def stderr(self) -> bytes:
        self.log.seek(0)
        return self.log.read()

    def stop(self) -> str:
        """Stop the server; what it wrote on stderr."""
        self.process.terminate()
        self.process.wait(timeout=20)
        return self.stderr().decode()

    def workers(self) -> set[int]:
        """The server's live child processes (its query workers), zombies not counted."""
        children = set()
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    stat = (entry / "stat").read_text()
                except OSError:
                    continue
                state, ppid = stat.rsplit(")", 1)[1].split()[:2]
                if int(ppid) == self.process.pid and state != "Z":
                    children.add(int(entry.name))
        return children


def ask(url: str, query: str, accept: str = "text/csv", headers: dict | None = None, timeout: float = 60):
    """POST a query; (status, headers, body) whatever the status."""
    data = urllib.parse.urlencode({"query": query}).encode()
    request = urllib.request.Request(url, data=data, method="POST",
                                     headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": accept,
                                              **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            return answer.status, answer.headers, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def raw(port: int, data: bytes, wait: float = 15) -> bytes:
    """Send bytes on a fresh connection; everything the server answers until it closes (or `wait` passes)."""
    with socket.create_connection(("127.0.0.1", port), timeout=wait) as sock:
        sock.sendall(data)
        chunks = []
        try:
            while chunk := sock.recv(65536):
                chunks.append(chunk)
        except socket.timeout:
            pass
        return b"".join(chunks)


class Recorder(BaseHTTPRequestHandler):
    """A SPARQL endpoint played by a plain listener: records every request and answers one empty result."""
    seen: list = []

    def log_message(self, *args):
        pass

    def do_GET(self):
        Recorder.seen.append(self.path)
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        body = b'{"head":{"vars":["x"]},"results":{"bindings":[{"x":{"type":"literal","value":"from-the-listener"}}]}}'
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_GET


@pytest.fixture
def listener():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    Recorder.seen = []
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def served(seed_build):
    server = Served(seed_build, "--timeout", "3", "--workers", "2")
    yield server
    err = server.stop()
    assert "Traceback" not in err and "Exception" not in err, err


# Item 1: no open proxy

BYPASSES = ["SELECT * WHERE {{ SERVICE <{u}/sparql> {{ ?x ?y ?z }} }}",
            "SELECT * WHERE {{ ?s ?p ?o .SERVICE<{u}/a>{{ ?x ?y ?z }} }}",
            "PREFIX e: <{u}/> SELECT * WHERE {{ SERVICEe:b {{ ?x ?y ?z }} }}",
            "SELECT * WHERE {{ ?s ?p 1SERVICE <{u}/c> {{ ?x ?y ?z }} }}",
            "SELECT * WHERE {{ ?s ?p trueSERVICE<{u}/d>{{ ?x ?y ?z }} }}",
            "BASE <{u}/> SELECT * WHERE {{ SERVICE SILENT <e> {{ ?x ?y ?z }} }}",
            "select * where {{ service <{u}/f> {{ ?x ?y ?z }} }}"]


def test_service_is_refused_and_the_listener_sees_nothing(served, listener):
    for template in BYPASSES:
        query = template.format(u=listener)
        status, _, body = ask(served.url, query)
        assert status == 403 and b"SERVICE" in body and b"--allow-service" in body, (query, status, body)
    time.sleep(0.5)
    assert Recorder.seen == []


def test_an_allowed_service_host_is_reached_and_no_other(seed_build, listener):
    port = urllib.parse.urlsplit(listener).port
    server = Served(seed_build, "--allow-service", f"127.0.0.1:{port}")
    try:
        status, _, body = ask(server.url, f"SELECT ?x WHERE {{ SERVICE <{listener}/sparql> {{ ?x ?y ?z }} }}")
        assert status == 200 and b"from-the-listener" in body, body
        assert len(Recorder.seen) == 1
        status, _, body = ask(server.url, f"SELECT ?x WHERE {{ SERVICE <http://127.0.0.1:{port + 1}/s> {{ ?x ?y ?z }} }}")
        assert status == 403
        status, _, _ = ask(server.url, "SELECT ?x WHERE { BIND(<%s/s> AS ?u) SERVICE ?u { ?x ?y ?z } }" % listener)
        assert status == 403 and len(Recorder.seen) == 1
    finally:
        server.stop()


def test_the_scan_finds_service_wherever_oxigraph_would_call_it(listener):
    """Every query here reaches the listener when pyoxigraph runs it; the scan must find each."""
    store = ox.Store()
    xsd = "http://www.w3.org/2001/XMLSchema#"
    for value in (ox.Literal("1", datatype=ox.NamedNode(xsd + "integer")), ox.Literal("x"),
                  ox.Literal("true", datatype=ox.NamedNode(xsd + "boolean"))):
        store.add(ox.Quad(ox.NamedNode("http://a"), ox.NamedNode("http://p"), value))
    for template in BYPASSES:
        query = template.format(u=listener)
        before = len(Recorder.seen)
        list(store.query(query))
        assert len(Recorder.seen) == before + 1, query     # the attack is real...
        assert service_targets(query), query               # ...and found


def test_the_scan_ignores_service_in_names_strings_iris_and_comments():
    for query in ["SELECT ?service WHERE { ?s <http://ex.org/SERVICE> ?service }",
                  "PREFIX ex: <http://ex.org/> SELECT * WHERE { ?s ex:service ?o ; ex:has-service 'SERVICE <x> {}' }",
                  "SELECT * WHERE { ?s ?p ?o } # SERVICE <http://evil> { }",
                  'SELECT * WHERE { ?s ?p """a SERVICE\n<http://evil> {}""" }',
                  "SELECT * WHERE { ?s ?p 'x'@en-service }"]:
        assert service_targets(query) == [], query
    assert service_targets("SELECT * { SERVICE SILENT <http://h:1/q> { } }") == ["http://h:1/q"]
    assert service_targets("PREFIX e: <http://h/> SELECT * { SERVICE e:q { } }") == [None]
    assert has_dataset("SELECT * FROM <g> { }") and not has_dataset("SELECT ?from { ?s <http://x/FROM> ?from }")
    assert is_update("PREFIX ex: <http://ex.org/> DROP ALL") and not is_update("SELECT * { } # DELETE")


def test_a_wrong_host_header_is_refused(served):
    status, _, body = ask(served.url, "ASK {}", headers={"Host": f"attacker.example:{served.port}"})
    assert status == 421 and b"127.0.0.1" in body
    assert ask(served.url, "ASK {}", headers={"Host": f"localhost:{served.port}"})[0] == 200


def test_a_cross_origin_post_is_refused_unless_allowed(served, seed_build):
    status, headers, _ = ask(served.url, "ASK {}", headers={"Origin": "http://attacker.example"})
    assert status == 403 and headers.get("Access-Control-Allow-Origin") is None
    assert ask(served.url, "ASK {}", headers={"Origin": f"http://127.0.0.1:{served.port}"})[0] == 200
    server = Served(seed_build, "--cors", "http://localhost:3000")
    try:
        status, headers, _ = ask(server.url, "ASK {}", headers={"Origin": "http://localhost:3000"})
        assert status == 200 and headers["Access-Control-Allow-Origin"] == "http://localhost:3000"
        status, headers, _ = ask(server.url, "ASK {}", headers={"Origin": "http://attacker.example"})
        assert status == 403 and headers.get("Access-Control-Allow-Origin") is None
    finally:
        server.stop()


# Item 5: limits

def test_a_runaway_query_is_stopped_while_a_simple_one_answers(served):
    before = served.workers()
    assert len(before) == 2
    outcome = {}
    runaway = threading.Thread(target=lambda: outcome.update(r=ask(served.url, RUNAWAY)))
    runaway.start()
    time.sleep(0.5)
    status, _, body = ask(served.url, SIMPLE)
    assert status == 200 and "Triệu Đình Lê" in body.decode()
    runaway.join(timeout=60)
    status, _, body = outcome["r"]
    assert status == 503 and b"--timeout" in body
    deadline = time.monotonic() + 10                    # SIGKILL is delivered, the process takes a moment to go
    while len(served.workers()) != 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    after = served.workers()
    assert len(after) == 2 and after != before          # the worker running it was killed, and replaced


def test_a_client_that_leaves_stops_its_query(seed_build):
    server = Served(seed_build, "--timeout", "600", "--workers", "2")
    try:
        before = server.workers()
        body = urllib.parse.urlencode({"query": RUNAWAY}).encode()
        with socket.create_connection(("127.0.0.1", server.port)) as sock:
            sock.sendall(b"POST /query HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nContent-Type: application/x-www-form-urlencoded"
                         b"\r\nContent-Length: %d\r\n\r\n%s" % (server.port, len(body), body))
            time.sleep(1)
        deadline = time.monotonic() + 30
        while server.workers() == before and time.monotonic() < deadline:
            time.sleep(0.2)
        while len(server.workers()) != 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert server.workers() != before and len(server.workers()) == 2
        assert ask(server.url, SIMPLE)[0] == 200
    finally:
        err = server.stop()
    assert "Traceback" not in err


def test_request_body_limit(served):
    head = b"POST /query HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
    answer = raw(served.port, head + b"Content-Length: 50000000\r\n\r\nASK {}")
    assert answer.startswith(b"HTTP/1.1 413"), answer
    over = (1 << 20) + 10   # chunked, no length announced: counted as it comes
    answer = raw(served.port, head + b"Transfer-Encoding: chunked\r\n\r\n%x\r\n" % over + b"#" * over + b"\r\n")
    assert answer.startswith(b"HTTP/1.1 413"), answer
    assert ask(served.url, SIMPLE)[0] == 200


@pytest.mark.parametrize("length, status", [(b"abc", b"400"), (b"-5", b"400"), (b"1, 2", b"400"), (b"400", b"408")])
def test_a_bad_content_length_gets_an_http_error(served, length, status):
    answer = raw(served.port, b"POST /query HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nContent-Type: application/sparql-query\r\n"
                              b"Content-Length: %s\r\n\r\nASK {}" % (served.port, length))
    assert answer.startswith(b"HTTP/1.1 " + status), answer


def test_a_slow_request_head_is_cut_off(served):
    start = time.monotonic()
    assert raw(served.port, b"GET /query?query=ASK%7B%7D HTTP/1.1\r\nHost: 127.0.0.1\r\n", wait=60) == b""
    assert time.monotonic() - start < 60


def test_an_answer_over_the_cap_is_refused(seed_build):
    server = Served(seed_build, "--max-result-mb", "1")
    try:
        status, _, body = ask(server.url, "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } LIMIT 20000")
        assert status == 422 and b"--max-result-mb" in body
        assert ask(server.url, SIMPLE)[0] == 200
    finally:
        assert "Traceback" not in server.stop()


def test_a_failed_service_is_an_http_error(seed_build):
    dead = socket.socket()
    dead.bind(("127.0.0.1", 0))
    port = dead.getsockname()[1]
    dead.close()
    server = Served(seed_build, "--allow-service", "127.0.0.1")
    try:
        status, _, body = ask(server.url, f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/q> {{ ?x ?y ?z }} }}")
        assert status == 500 and b"the query failed" in body
    finally:
        assert "Traceback" not in server.stop()


# Item 8: the dataset

def inferred_count(seed_build: Path) -> int:
    return len(list(ox.parse(path=str(seed_build / "inferred.ttl"), format=ox.RdfFormat.TURTLE)))


def test_serve_honours_from_and_the_protocol_s_graphs(served, seed_build):
    count = f"SELECT (COUNT(*) AS ?n) FROM <{INFERRED}> WHERE {{ ?s ?p ?o }}"
    status, _, body = ask(served.url, count)
    assert status == 200 and body.decode().split()[1] == str(inferred_count(seed_build))
    url = served.url + "?" + urllib.parse.urlencode({"default-graph-uri": INFERRED})
    status, _, body = ask(url, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert status == 200 and body.decode().split()[1] == str(inferred_count(seed_build))
    named = f"SELECT (COUNT(*) AS ?n) FROM NAMED <{INFERRED}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"
    assert ask(served.url, named)[2].decode().split()[1] == str(inferred_count(seed_build))


def test_query_honours_from(seed_build, tmp_path):
    path = tmp_path / "inferred.rq"
    path.write_text(f"SELECT (COUNT(*) AS ?n) FROM <{INFERRED}> WHERE {{ ?s ?p ?o }}")
    done = run_vnkg("query", path, "--data", seed_build, "--format", "csv")
    assert done.returncode == 0 and done.stdout.decode().split()[1] == str(inferred_count(seed_build))


def test_query_help_says_service_reaches_the_network():
    assert "SERVICE" in run_vnkg("query", "--help").stdout.decode()


# The small ones

def test_an_update_sent_as_a_query_is_forbidden(served):
    assert ask(served.url, "PREFIX ex: <http://ex.org/>\nDROP ALL")[0] == 403
    assert ask(served.url, "INSERT DATA { <http://a> <http://b> <http://c> }")[0] == 403


def test_a_query_with_update_in_a_comment_is_answered(served):
    status, _, body = ask(served.url, "SELECT ?n WHERE { ?p <http://xmlns.com/foaf/0.1/name> ?n } # update=")
    assert status == 200 and "Triệu Đình Lê" in body.decode()


def test_an_unacceptable_accept_gets_406(served):
    assert ask(served.url, SIMPLE, accept="image/png")[0] == 406
    assert ask(served.url, "CONSTRUCT WHERE { ?s ?p ?o }", accept="text/csv")[0] == 406
    status, headers, _ = ask(served.url, SIMPLE, accept="image/png, text/csv;q=0.5")
    assert status == 200 and headers["Content-Type"] == "text/csv; charset=utf-8"


def test_text_answers_say_they_are_utf_8(served):
    """Python's requests decodes an unlabeled text/csv as Latin-1, which garbles every Vietnamese name."""
    for accept in ("text/csv", "text/tab-separated-values"):
        status, headers, body = ask(served.url, SIMPLE, accept=accept)
        assert status == 200 and headers["Content-Type"] == f"{accept}; charset=utf-8"
        assert "Triệu Đình Lê" in body.decode(headers.get_content_charset())
    status, headers, _ = ask(served.url, "CONSTRUCT WHERE { ?s ?p ?o }", accept="text/turtle")
    assert status == 200 and headers["Content-Type"] == "text/turtle; charset=utf-8"
    assert ask(served.url, SIMPLE, accept="application/sparql-results+json")[1]["Content-Type"] == \
        "application/sparql-results+json"


def one_line_usage_error(done) -> str:
    err = done.stderr.decode().strip()
    assert done.returncode == 2, err
    assert "internal error" not in err and "Traceback" not in err, err
    return err.splitlines()[-1]


def test_serve_user_errors_are_one_line(seed_build):
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    try:
        err = one_line_usage_error(run_vnkg("serve", "--data", seed_build, "--port", taken.getsockname()[1]))
        assert "in use" in err
    finally:
        taken.close()
    assert "port" in one_line_usage_error(run_vnkg("serve", "--data", seed_build, "--port", "70000"))
    assert "above 0" in one_line_usage_error(run_vnkg("serve", "--data", seed_build, "--timeout", "-1"))
    assert "above 0" in one_line_usage_error(run_vnkg("query", "officials", "--timeout", "-1"))
    assert "origin" in one_line_usage_error(run_vnkg("serve", "--data", seed_build, "--cors", "file:///etc"))



def test_garbage_and_errors_leave_the_server_answering(served):
    assert ask(served.url, "SELECT * WHERE { ?s ?p }")[0] == 400
    assert raw(served.port, b"GARBAGE\r\n\r\n").startswith(b"HTTP/1.1 400")
    assert served.process.poll() is None and ask(served.url, SIMPLE)[0] == 200


def test_the_endpoint_describes_itself_to_a_get_without_a_query(served):
    """SPARQL 1.1 Service Description: what a generic client reads before it asks."""
    from rdflib import Graph, URIRef

    request = urllib.request.Request(served.url, headers={"Accept": "text/turtle"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        assert answer.headers["Content-Type"] == "text/turtle; charset=utf-8"
        description = Graph().parse(data=answer.read(), format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    assert (URIRef(served.url), URIRef(sd + "endpoint"), URIRef(served.url)) in description
    assert (None, URIRef(sd + "supportedLanguage"), URIRef(sd + "SPARQL11Query")) in description
    names = set(description.objects(None, URIRef(sd + "name")))
    assert names == {URIRef("https://w3id.org/vnkg/graph/asserted"), URIRef("https://w3id.org/vnkg/graph/inferred"),
                     URIRef("https://w3id.org/vnkg/graph/void")}
    request = urllib.request.Request(served.url, headers={"Accept": "application/ld+json"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        assert answer.headers["Content-Type"] == "application/ld+json" and b"sparql-service-description" in answer.read()
