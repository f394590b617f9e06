"""Hardening of vnkg's clients (load, query --endpoint, the embedded store, input files): credentials never go to
another origin, secrets are never printed, a failed replace leaves the old graph, hostile input is refused.
Every server here is a real listener on 127.0.0.1 started by the test (http.server or the Oxigraph server)."""
import base64
import json
import threading
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from conftest import run_vnkg
from test_store import OxigraphServer, free_port, rows

from vnkg.output import ASSERTED_GRAPH, INFERRED_GRAPH, VOID_GRAPH
from vnkg.store import STAGING_PREFIX

DATA = Path(__file__).parent / "shapes" / "_base.ttl"
EMPTY_RESULTS = json.dumps({"head": {"vars": ["x"]}, "results": {"bindings": []}}).encode()


def one_line_error(done) -> str:
    err = done.stderr.decode().strip()
    assert done.returncode == 2, err
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    return err


class _Recorder(BaseHTTPRequestHandler):
    """Records every request (method, path, Authorization); redirects when the server has a `redirect` for the
    path, otherwise answers 200 with the server's `answer`."""

    def log_message(self, *args):
        pass

    def _handle(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.server.seen.append((self.command, self.path, self.headers.get("Authorization")))
        target = self.server.redirects.get(self.path.split("?")[0])
        if target:
            self.send_response(self.server.status)
            self.send_header("Location", target)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(self.server.answer)))
        self.end_headers()
        self.wfile.write(self.server.answer)

    do_GET = do_POST = do_PUT = _handle


@pytest.fixture
def listener():
    """Start recording listeners on 127.0.0.1; each has .url, .seen, .redirects, .status."""
    started = []

    def start(redirects=None, status=302, answer=EMPTY_RESULTS):
        httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
        httpd.seen, httpd.redirects, httpd.status, httpd.answer = [], dict(redirects or {}), status, answer
        httpd.url = f"http://127.0.0.1:{httpd.server_address[1]}"
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        started.append(httpd)
        return httpd

    yield start
    for httpd in started:
        httpd.shutdown()
        httpd.server_close()


def basic(user, password) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


# --- item 2: credentials never follow a redirect to another origin ---------------------------------------

@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_a_redirected_append_is_an_error_and_the_other_port_sees_nothing(listener, status, tmp_path):
    secret = tmp_path / "password"
    secret.write_text("s3cret-pw\n")
    elsewhere = listener()
    front = listener({"/store": f"{elsewhere.url}/store"}, status=status)
    done = run_vnkg("load", "--append", "--endpoint", f"{front.url}/store", "--user", "analyst",
                    "--password-file", secret, "--data", DATA)
    err = one_line_error(done)
    assert "redirect" in err and "s3cret-pw" not in err
    assert b"loaded" not in done.stdout
    assert elsewhere.seen == []
    assert [method for method, _, _ in front.seen] == ["POST"]


def test_a_redirected_replace_is_an_error(listener):
    elsewhere = listener()
    front = listener({"/store": f"{elsewhere.url}/store"}, status=303)
    done = run_vnkg("load", "--endpoint", f"{front.url}/store", "--token", "tok-9", "--data", DATA)
    assert "redirect" in one_line_error(done) and elsewhere.seen == []


def test_a_query_redirected_to_another_port_sends_it_no_credentials(listener):
    elsewhere = listener()
    front = listener({"/query": f"{elsewhere.url}/query"}, status=302)
    done = run_vnkg("query", "officials", "--endpoint", f"{front.url}/query", "--user", "analyst",
                    env={"VNKG_PASSWORD": "s3cret-pw"})
    err = one_line_error(done)
    assert "another origin" in err and "s3cret-pw" not in err
    assert all(auth is None for _, _, auth in elsewhere.seen) and elsewhere.seen == []
    assert front.seen[0][2] == basic("analyst", "s3cret-pw")


def test_a_query_redirected_within_its_origin_is_followed_with_its_credentials(listener):
    server = listener({"/old": "/query"}, status=302)
    done = run_vnkg("query", "officials", "--endpoint", f"{server.url}/old", "--token", "tok-9",
                    "--format", "json")
    assert done.returncode == 0, done.stderr.decode()
    assert json.loads(done.stdout) == json.loads(EMPTY_RESULTS)
    assert [(m, p.split("?")[0], a) for m, p, a in server.seen] == [("POST", "/old", "Bearer tok-9"),
                                                                    ("POST", "/query", "Bearer tok-9")]


# --- item 4: a password in the URL, --password-file, VNKG_PASSWORD ----------------------------------------

def test_a_password_in_the_endpoint_url_is_sent_as_credentials_and_never_printed(listener):
    server = listener()
    port = server.server_address[1]
    done = run_vnkg("load", "--endpoint", f"http://analyst:s3cret-pw@127.0.0.1:{port}/store", "--data", DATA)
    assert done.returncode == 0, done.stderr.decode()
    assert server.seen and server.seen[0][2] == basic("analyst", "s3cret-pw")
    assert b"s3cret-pw" not in done.stdout + done.stderr


def test_a_password_in_an_unreachable_endpoint_url_is_redacted():
    done = run_vnkg("load", "--endpoint", f"http://analyst:s3cret-pw@127.0.0.1:{free_port()}/store",
                    "--retries", "0", "--data", DATA)
    err = one_line_error(done)
    assert "s3cret-pw" not in err and "cannot reach 127.0.0.1" in err


def test_the_password_comes_from_a_file_or_the_environment(listener, tmp_path):
    server = listener()
    secret = tmp_path / "password"
    secret.write_text("from-file\n")
    assert run_vnkg("load", "--endpoint", f"{server.url}/store", "--user", "a", "--password-file", secret,
                    "--data", DATA).returncode == 0
    assert run_vnkg("load", "--endpoint", f"{server.url}/store", "--user", "a", "--data", DATA,
                    env={"VNKG_PASSWORD": "from-env"}).returncode == 0
    # each load replaces three graphs (asserted, inferred, the description)
    assert [auth for _, _, auth in server.seen] == [basic("a", "from-file")] * 3 + [basic("a", "from-env")] * 3


def test_help_warns_that_a_password_on_the_command_line_is_visible():
    text = run_vnkg("load", "--help").stdout.decode()
    assert "ps" in text and "--password-file" in text and "VNKG_PASSWORD" in text


# --- item 3: a failed replace leaves the old graph ---------------------------------------------------------

class _Flaky(BaseHTTPRequestHandler):
    """Passes requests on to the Oxigraph server behind it, but answers 503 to every Graph Store write after the
    first `writes` ones: a store that stops accepting part-way through a load."""

    def log_message(self, *args):
        pass

    def _handle(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        server = self.server
        if self.path.startswith("/store") and self.command in ("PUT", "POST"):
            server.writes -= 1
            if server.writes < 0:
                self.send_response(503)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
        headers = {k: v for k, v in self.headers.items() if k.lower() in ("content-type", "accept")}
        forwarded = urllib.request.Request(server.backend + self.path, data=body or None, method=self.command,
                                           headers=headers)
        try:
            with urllib.request.urlopen(forwarded, timeout=60) as answer:
                status, payload = answer.status, answer.read()
        except urllib.error.HTTPError as error:
            status, payload = error.code, error.read()
        self.send_response(status)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = do_PUT = _handle


@pytest.fixture
def oxigraph(tmp_path):
    running = OxigraphServer(tmp_path / "oxigraph").start()
    yield running
    running.stop()


@pytest.fixture
def flaky(oxigraph):
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Flaky)
    httpd.backend, httpd.writes = oxigraph.url, 1
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    httpd.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def graph_names(server) -> list[str]:
    query = urllib.parse.quote("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    request = urllib.request.Request(f"{server.url}/query?query={query}", headers={"Accept": "text/csv"})
    return sorted(rows(urllib.request.urlopen(request, timeout=30).read()))


def test_a_replace_that_fails_part_way_leaves_the_old_graph(seed_build, oxigraph, flaky):
    assert run_vnkg("load", "--data", DATA, "--endpoint", f"{oxigraph.url}/store").returncode == 0
    before = oxigraph.triples()
    done = run_vnkg("load", "--data", seed_build, "--endpoint", f"{flaky.url}/store", "--batch-lines", "100",
                    "--update-endpoint", f"{flaky.url}/update", "--retries", "0")
    err = one_line_error(done)
    assert "HTTP 503" in err and "not changed" in err
    assert oxigraph.triples() == before and before
    assert not [g for (g,) in graph_names(oxigraph) if g.startswith(STAGING_PREFIX)]   # staging graphs dropped


def test_a_staged_replace_swaps_in_the_new_graph(seed_build, oxigraph, tmp_path):
    assert run_vnkg("load", "--data", DATA, "--endpoint", f"{oxigraph.url}/store").returncode == 0
    for graph in ([], ["--graph", "https://example.org/g"]):
        done = run_vnkg("load", "--data", seed_build, "--endpoint", f"{oxigraph.url}/store", *graph,
                        "--batch-lines", "97", "--update-endpoint", f"{oxigraph.url}/update")
        assert done.returncode == 0, done.stderr.decode()
    expected = OxigraphServer(tmp_path / "once").start()
    try:
        assert run_vnkg("load", "--data", seed_build, "--endpoint", f"{expected.url}/store").returncode == 0
        for graph in (ASSERTED_GRAPH, INFERRED_GRAPH, VOID_GRAPH):     # vnkg's graphs replaced, no trace of DATA
            assert oxigraph.triples(graph) == expected.triples(graph) != []
    finally:
        expected.stop()
    assert graph_names(oxigraph) == sorted([(ASSERTED_GRAPH,), (INFERRED_GRAPH,), (VOID_GRAPH,),
                                            ("https://example.org/g",)])


def test_a_replace_without_an_update_address_is_one_request_per_graph(seed_build, oxigraph, flaky):
    flaky.writes = 3        # asserted, inferred, the description
    assert run_vnkg("load", "--data", seed_build, "--endpoint", f"{flaky.url}/store").returncode == 0
    assert len(oxigraph.triples()) > 1000


def test_a_batched_replace_without_an_update_address_says_what_it_left(seed_build, oxigraph, flaky):
    done = run_vnkg("load", "--data", seed_build, "--endpoint", f"{flaky.url}/store", "--batch-lines", "100",
                    "--retries", "0")
    err = done.stderr.decode()
    assert done.returncode == 2 and "not atomic" in err
    assert "holds only the first 1 of" in err and "old content is gone" in err
    assert len(oxigraph.triples()) == 100


def test_an_embedded_replace_that_fails_leaves_the_old_graph(tmp_path):
    from vnkg.errors import StoreError
    from vnkg.store import load_embedded, open_store

    store_dir = tmp_path / "store"
    old = b'<http://example.org/old> <http://example.org/p> "kept" .\n'
    load_embedded([(None, old)], store_dir, replace=True)
    new = b"".join(b'<http://example.org/s%04d> <http://example.org/p> "%d" .\n' % (i, i) for i in range(1000))
    new += b'<zz-a-relative-iri> <http://example.org/p> "x" .\n'
    with pytest.raises(StoreError, match="not changed"):
        load_embedded([(None, new)], store_dir, replace=True)
    store = open_store(store_dir)
    assert [str(q.subject) for q in store] == ["<http://example.org/old>"]
    assert list(store.named_graphs()) == []


# --- low items: user errors, not internal errors -----------------------------------------------------------

def test_an_endpoint_that_is_not_http_is_refused_and_nothing_is_read():
    done = run_vnkg("query", "officials", "--endpoint", "file:///etc/passwd", "--format", "csv")
    assert "not an http:// or https:// address" in one_line_error(done)
    assert done.stdout == b""
    done = run_vnkg("load", "--endpoint", "ftp://127.0.0.1/store", "--data", DATA)
    assert "not an http" in one_line_error(done)


@pytest.mark.parametrize("option", [["--retries", "-1"], ["--graph", "not an iri"], ["--graph", "relative/path"],
                                    ["--timeout", "-1"], ["--batch-lines", "-5"]])
def test_bad_load_options_are_usage_errors(option):
    done = run_vnkg("load", "--endpoint", f"http://127.0.0.1:{free_port()}/store", *option, "--data", DATA)
    err = done.stderr.decode().strip().splitlines()[-1]       # argparse's usage, then the one-line error
    assert done.returncode == 2 and err.startswith("vnkg: error: argument " + option[0]), err


def test_load_store_refuses_a_directory_that_is_not_a_store(seed_build, tmp_path):
    before = sorted(p.name for p in seed_build.iterdir())
    err = one_line_error(run_vnkg("load", "--data", seed_build, "--store", seed_build))
    assert "not a store" in err
    assert sorted(p.name for p in seed_build.iterdir()) == before
    err = one_line_error(run_vnkg("query", "officials", "--store", tmp_path / "missing"))
    assert "no such store" in err and not (tmp_path / "missing").exists()
    store = tmp_path / "store"
    assert run_vnkg("load", "--data", DATA, "--store", store).returncode == 0
    assert run_vnkg("load", "--data", DATA, "--store", store).returncode == 0     # an existing store is fine


def test_global_options_work_before_the_command(tmp_path):
    done = run_vnkg("-v", "load", "--endpoint", "file:///etc/passwd", "--data", DATA)
    assert done.returncode == 2 and b"Traceback" in done.stderr
    done = run_vnkg("-q", "load", "--store", tmp_path / "store", "--data", DATA)
    assert done.returncode == 0 and done.stdout == b""


class _HtmlError(BaseHTTPRequestHandler):
    """A store that answers every write with an HTML error page, as Virtuoso does."""

    def log_message(self, *args):
        pass

    def _handle(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        page = (b"<!DOCTYPE html><html><head><title>Error</title><style>p {color: red}</style></head><body>"
                b"<h3>Virtuoso 42000 Error</h3>\n<p>SR186: No insert permission on graph</p></body></html>")
        self.send_response(500)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(page)))
        self.end_headers()
        self.wfile.write(page)

    do_GET = do_POST = do_PUT = _handle


def test_an_html_error_page_from_the_store_is_reported_by_its_text():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _HtmlError)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        done = run_vnkg("load", "--endpoint", f"http://127.0.0.1:{httpd.server_address[1]}/store", "--data", DATA,
                        "--retries", "0")
    finally:
        httpd.shutdown()
        httpd.server_close()
    err = one_line_error(done)
    assert "Virtuoso 42000 Error SR186: No insert permission on graph" in err, err
    assert "DOCTYPE" not in err and "<h3>" not in err and "color" not in err, err


def test_an_endpoint_answer_is_written_in_our_own_serialization(listener, tmp_path):
    """Whatever the endpoint's CSV dialect, vnkg asks for SPARQL JSON and writes the format itself, as locally."""
    answer = ('{"head": {"vars": ["person"]}, "results": {"bindings": ['
              '{"person": {"type": "literal", "value": "Triệu Đình Lê", "xml:lang": "vi"}}]}}').encode()
    server = listener(answer=answer)
    query = tmp_path / "q.rq"
    query.write_text("SELECT ?person WHERE { ?p <http://xmlns.com/foaf/0.1/name> ?person }", encoding="utf-8")
    for fmt, expected in (("csv", "person\r\nTriệu Đình Lê\r\n"), ("tsv", '?person\n"Triệu Đình Lê"@vi\n')):
        done = run_vnkg("query", query, "--endpoint", f"{server.url}/query", "--format", fmt)
        assert done.returncode == 0, done.stderr.decode()
        assert done.stdout.decode() == expected
