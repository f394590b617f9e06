"""The README's Virtuoso recipe on a real Virtuoso (Debian's virtuoso-opensource, 7.2), started here on 127.0.0.1
with a fresh database: `vnkg load` over the Graph Store Protocol with digest authentication into vnkg's named
graphs, then every query in queries/ gives the rows of queries/expected/ from its SPARQL endpoint."""
import shutil
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from conftest import run_vnkg
from test_store import free_port
from test_stores_suite import DATATYPES, QUERY_NAMES, XSD_INTEGER, datatype_rows, expected, rows

from vnkg.output import ASSERTED_GRAPH, INFERRED_GRAPH, VOID_GRAPH

SERVER_ROOT = Path("/var/lib/virtuoso-opensource-7/vsp")     # the package's web root (its /sparql pages)
PASSWORD = "dba"        # a fresh database's; the server listens on 127.0.0.1 only


class Virtuoso:
    def __init__(self, where: Path):
        self.where, self.sql_port, self.http_port, self.process = where, free_port(), free_port(), None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    def start(self):
        self.where.mkdir(parents=True, exist_ok=True)
        db = self.where
        root = f"ServerRoot = {SERVER_ROOT}\n" if SERVER_ROOT.is_dir() else ""
        (self.where / "virtuoso.ini").write_text(f"""[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{self.sql_port}
DisableUnixSocket = 1
DirsAllowed = {db}
NumberOfBuffers = 2000
MaxDirtyBuffers = 1500
MaxQueryMem = 200M
ThreadsPerQuery = 1
[HTTPServer]
ServerPort = 127.0.0.1:{self.http_port}
{root}ServerThreads = 4
Charset = UTF-8
""")
        self.process = subprocess.Popen(["virtuoso-t", "+foreground", "+configfile", "virtuoso.ini"],
                                        cwd=self.where, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"virtuoso-t stopped: {(self.where / 'virtuoso.log').read_text()[-2000:]}")
            try:
                urllib.request.urlopen(f"{self.url}/sparql?query=ASK%7B%7D", timeout=2).read()
                return self
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.25)
        self.stop()
        raise RuntimeError("virtuoso did not start")

    def stop(self):
        if self.process:
            self.process.terminate()
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.process = None

    def load(self, build: Path, *options):
        """The README's recipe: the authenticated Graph Store address, digest authentication."""
        return run_vnkg("load", "--data", build, "--endpoint", f"{self.url}/sparql-graph-crud-auth",
                        "--auth", "digest", "--user", "dba", *options, env={"VNKG_PASSWORD": PASSWORD})


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory, fixtures_build):
    if not shutil.which("virtuoso-t"):
        pytest.skip("Virtuoso is not installed: apt-get install virtuoso-opensource (.ci/run does)")
    running = Virtuoso(tmp_path_factory.mktemp("virtuoso")).start()
    try:        # stopped even when the load fails
        done = running.load(fixtures_build)
        assert done.returncode == 0, done.stderr.decode()
        yield running
    finally:
        running.stop()


def test_the_load_with_digest_auth_fills_vnkg_s_named_graphs(virtuoso):
    query = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER (STRSTARTS(STR(?g), 'https://w3id.org/vnkg/')) } GROUP BY ?g"
    answer = urllib.request.urlopen(urllib.request.Request(
        f"{virtuoso.url}/sparql?query={urllib.parse.quote(query)}", headers={"Accept": "text/csv"}), timeout=30).read()
    graphs = {g for g, _ in rows(answer)[1]}
    assert graphs == {ASSERTED_GRAPH, INFERRED_GRAPH, VOID_GRAPH}


def test_a_wrong_password_is_refused_with_the_store_s_status(virtuoso, fixtures_build):
    done = run_vnkg("load", "--data", fixtures_build, "--endpoint", f"{virtuoso.url}/sparql-graph-crud-auth",
                    "--auth", "digest", "--user", "dba", "--retries", "0", env={"VNKG_PASSWORD": "not-it"})
    err = done.stderr.decode()
    assert done.returncode == 2 and "HTTP 401" in err and "not-it" not in err
    assert len(err.strip().splitlines()) == 1


def test_every_query_answers_as_expected_on_virtuoso(virtuoso):
    for name in QUERY_NAMES:
        done = run_vnkg("query", name, "--endpoint", f"{virtuoso.url}/sparql", "--format", "csv")
        assert done.returncode == 0, done.stderr.decode()
        assert rows(done.stdout) == expected(name), name


def test_counts_and_offsets_come_back_as_xsd_integer_from_virtuoso(virtuoso, tmp_path):
    query = tmp_path / "datatypes.rq"
    query.write_text(DATATYPES, encoding="utf-8")
    done = run_vnkg("query", query, "--endpoint", f"{virtuoso.url}/sparql", "--format", "csv")
    assert done.returncode == 0, done.stderr.decode()
    found = datatype_rows(done.stdout)
    assert {d for _, d in found} == {XSD_INTEGER} and len(found) == 4
