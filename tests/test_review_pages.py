"""The review pages over plain HTTP (issue 19, part 2): a real `vnkg serve` on 127.0.0.1 answers the pages and every
minted IRI by content negotiation, keeps its Host and Origin checks for them, and never lets an article's text
become markup; `vnkg report` writes the same pages as static files, deterministically and whole."""
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import pyoxigraph as ox
import pytest

from conftest import ROOT, run_vnkg, source_environment
from vnkg.text import name_key
from test_hardening_serve import Served

ID = "https://w3id.org/vnkg/id/"
# the paths of two persons of the bundled article (a person's key keeps the name's letters: vnkg.text.name_key)
TRIEU_DINH_LE = f"/id/person/cao-bang/{name_key('Triệu Đình Lê')}"
BE_THANH_TINH = f"/id/person/cao-bang/{name_key('Bế Thanh Tịnh')}"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
FOAF_NAME = ox.NamedNode("http://xmlns.com/foaf/0.1/name")



@pytest.fixture(scope="module")
def server(seed_build, escaping_build):
    served = Served(seed_build, "--data", str(escaping_build), "--workers", "2")
    yield served
    err = served.stop()
    assert "Traceback" not in err, err


def get(url: str, accept: str | None = "text/html", headers: dict | None = None, method: str = "GET"):
    request = urllib.request.Request(url, method=method, headers={**({"Accept": accept} if accept else {}),
                                                                  **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            return answer.status, answer.headers, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def base(server) -> str:
    return f"http://127.0.0.1:{server.port}"


def store_of(*builds: Path) -> ox.Store:
    store = ox.Store()
    for build in builds:
        store.bulk_load(path=str(build / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    return store


def minted_subjects(store: ox.Store) -> list[str]:
    return sorted({q.subject.value for q in store if isinstance(q.subject, ox.NamedNode)
                   and q.subject.value.startswith(ID) and "#" not in q.subject.value})


def article_of(build: Path) -> tuple[str, str]:
    """(IRI, text) of the build's one article."""
    store = store_of(build)
    [quad] = list(store.quads_for_pattern(None, ox.NamedNode(NIF + "isString"), None))
    return quad.subject.value, quad.object.value


def spans_of(store: ox.Store, article: str) -> dict[str, str]:
    """Every span that denotes a fact (not the article's own headline or date line): its anchor id (m-BEGIN-END)
    and its quote."""
    rows = store.query(f"""SELECT DISTINCT ?b ?e ?q WHERE {{ ?m <{NIF}referenceContext> <{article}> ;
        <{NIF}beginIndex> ?b ; <{NIF}endIndex> ?e ; <{NIF}anchorOf> ?q .
        ?f <https://w3id.org/vnkg/ontology#denotedBy> ?m . FILTER(?f != <{article}>) }}""")
    return {f"m-{r['b'].value}-{r['e'].value}": r["q"].value for r in rows}


class Page(HTMLParser):
    """What a browser would read: the text of the article element, the text of each highlighted span (pieces of
    one span joined), every element's name, and the links."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements, self.links, self.marks = [], [], {}
        self.article_text, self._in_article, self._open_marks = [], 0, []
        self.attributes = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.elements.append(tag)
        self.attributes.append((tag, attrs))
        if tag == "a" and "href" in attrs:
            self.links.append(attrs["href"])
        if tag == "article":
            self._in_article += 1
        if tag == "mark" and self._in_article:
            self._open_marks.append(attrs.get("data-span"))
            self.marks.setdefault(attrs.get("data-span"), "")

    def handle_endtag(self, tag):
        if tag == "article":
            self._in_article -= 1
        if tag == "mark" and self._in_article:
            self._open_marks.pop()

    def handle_data(self, data):
        if self._in_article:
            self.article_text.append(data)
            for span in set(self._open_marks):
                self.marks[span] += data


# Content negotiation, as a Linked Data server

def test_every_minted_iri_is_answered_at_its_path_in_html(server, seed_build):
    for iri in minted_subjects(store_of(seed_build)):
        path = "/id/" + iri[len(ID):]
        status, headers, body = get(base(server) + path)
        assert status == 200, (path, body[:200])
        assert headers["Content-Type"] == "text/html; charset=utf-8"
        assert '<html lang="vi">' in body.decode()
        assert "Accept" in headers.get("Vary", "") and headers["X-Content-Type-Options"] == "nosniff"
        assert "default-src 'none'" in headers["Content-Security-Policy"]


@pytest.mark.parametrize("accept, media, fmt", [
    ("text/turtle", "text/turtle; charset=utf-8", ox.RdfFormat.TURTLE),
    ("application/ld+json", "application/ld+json", ox.RdfFormat.JSON_LD),
    ("application/n-triples", "application/n-triples", ox.RdfFormat.N_TRIPLES),
    ("text/turtle;q=0.5, application/n-triples", "application/n-triples", ox.RdfFormat.N_TRIPLES),
    ("text/html;q=0.1, application/ld+json;q=0.9", "application/ld+json", ox.RdfFormat.JSON_LD),
])
def test_a_person_in_rdf_by_accept(server, accept, media, fmt):
    person = ID + TRIEU_DINH_LE.removeprefix("/id/")
    status, headers, body = get(base(server) + TRIEU_DINH_LE, accept)
    assert status == 200 and headers["Content-Type"] == media
    triples = {q.triple if isinstance(q, ox.Quad) else q for q in ox.parse(body, format=fmt)}
    assert ox.Triple(ox.NamedNode(person), FOAF_NAME, ox.Literal("Triệu Đình Lê", language="vi")) in triples
    assert all(t.subject == ox.NamedNode(person) for t in triples)


def test_an_article_in_rdf_carries_its_spans(server, seed_build):
    article, _ = article_of(seed_build)
    status, _, body = get(base(server) + "/id/" + article[len(ID):], "application/n-triples")
    assert status == 200
    subjects = {t.subject.value for t in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)}
    assert article in subjects and any(s.startswith(article + "#char=") for s in subjects)


def test_unknown_iri_404_and_unacceptable_406(server):
    status, headers, body = get(base(server) + "/id/person/cao-bang/nobody-at-all")
    assert status == 404 and b"nobody-at-all" in body
    status, _, body = get(base(server) + TRIEU_DINH_LE, "image/png")
    assert status == 406 and b"text/turtle" in body
    status, _, _ = get(base(server) + "/", "application/sparql-results+json")
    assert status == 406
    status, _, _ = get(base(server) + "/elsewhere")
    assert status == 404


def test_pages_keep_the_servers_checks(server):
    status, _, _ = get(base(server) + "/", headers={"Host": "attacker.example"})
    assert status == 421
    status, _, _ = get(base(server) + TRIEU_DINH_LE, headers={"Origin": "http://attacker.example"})
    assert status == 403
    status, _, _ = get(base(server) + "/", method="DELETE")
    assert status == 403
    status, _, _ = get(base(server) + "/shacl", method="PUT")
    assert status == 403
    status, _, _ = get(base(server) + "/", method="POST")
    assert status == 405


def test_head_answers_as_get_without_a_body(server):
    status, headers, body = get(base(server) + TRIEU_DINH_LE, "text/turtle", method="HEAD")
    assert status == 200 and headers["Content-Type"] == "text/turtle; charset=utf-8" and body == b""
    assert int(headers["Content-Length"]) == len(get(base(server) + TRIEU_DINH_LE, "text/turtle")[2])


def test_the_endpoint_still_answers_queries(server):
    query = urllib.parse.quote("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    status, headers, body = get(base(server) + "/query?query=" + query, "text/csv")
    assert status == 200 and headers["Content-Type"] == "text/csv; charset=utf-8" and int(body.split()[1]) > 0


# The pages

def test_index_links_every_article_and_the_stylesheet(server, seed_build, escaping_build):
    status, _, body = get(base(server) + "/")
    page = Page(body.decode())
    assert "<script" not in body.decode() and "&lt;script&gt;" in body.decode()      # the escaping article's title
    for build in (seed_build, escaping_build):
        iri, _ = article_of(build)
        assert "/id/" + iri[len(ID):] in page.links
    status, headers, css = get(base(server) + "/style.css", "text/css,*/*;q=0.1")
    assert status == 200 and headers["Content-Type"] == "text/css; charset=utf-8" and b"mark" in css


def test_article_text_never_becomes_markup(server, escaping_build):
    iri, text = article_of(escaping_build)
    assert "<script>" in text and "&amp;" in text and "<img src=x onerror=" in text
    status, _, body = get(base(server) + "/id/" + iri[len(ID):])
    html = body.decode()
    assert "<script" not in html.lower() and "<img" not in html.lower() and "<b>" not in html
    page = Page(html)
    assert "script" not in page.elements and "img" not in page.elements and "b" not in page.elements
    # what a reader sees is the stored text, character for character (entities included, as written)
    assert "".join(page.article_text) == text
    # the headline (with its <script>) is the page's title, as text
    assert "&lt;script&gt;alert(&#34;tiêu đề&#34;)&lt;/script&gt;</h1>" in html
    # a value holding markup (a statistic whose measure was read as "<img src=x onerror=alert") stays text
    [statistic] = [link for link in page.links if "/id/statistic/" in link]
    html = get(base(server) + statistic)[2].decode()
    assert "&lt;img src=x onerror=alert" in html and "<img" not in html and "img" not in Page(html).elements
    assert all(set(attrs) <= {"class", "id", "tabindex", "data-span", "data-fact", "aria-describedby"}
               for tag, attrs in page.attributes if tag == "mark")


def test_each_highlighted_span_is_its_facts_quote(server, seed_build, escaping_build):
    for build in (seed_build, escaping_build):
        iri, _ = article_of(build)
        expected = spans_of(store_of(build), iri)
        page = Page(get(base(server) + "/id/" + iri[len(ID):])[2].decode())
        assert page.marks == expected
        for anchor in expected:         # the fact list links to every span
            assert "#" + anchor in page.links


def test_entity_pages_show_what_a_reviewer_needs(server):
    html = get(base(server) + BE_THANH_TINH)[2].decode()
    # a person's posts, with the date and the sentence that attests each
    assert "Trưởng Ban Tuyên giáo Tỉnh ủy Cao Bằng" in html and "2021-01-12" in html
    assert "<mark>Bế Thanh Tịnh</mark>" in html
    assert "/id/article/" in html and "#m-" in html
    organization = get(base(server) + "/id/org/cao-bang/tinh-uy")[2].decode()
    for section in ("Người (people)", "Văn bản (documents)", "Khen thưởng (awards)"):
        assert section in organization
    assert TRIEU_DINH_LE in organization
    document = get(base(server) + "/id/document/cao-bang/06-da-tu")[2].decode()
    for section in ("Sự kiện (events)", "Khen thưởng (awards)"):
        assert section in document
    assert "/id/event/cao-bang/2021-01-12/" in document


def test_shacl_results_link_to_their_nodes(tmp_path, seed_build):
    """A build whose data breaks a shape: the report page lists the violation and links to the node it concerns,
    and that node's page shows it."""
    broken = tmp_path / "broken"
    broken.mkdir()
    graph = (seed_build / "graph.ttl").read_text(encoding="utf-8")
    assert 'nif:anchorOf "Triệu Đình Lê" ;\n\tnif:beginIndex 874 ;' in graph
    graph = graph.replace('nif:anchorOf "Triệu Đình Lê" ;\n\tnif:beginIndex 874 ;',
                          'nif:anchorOf "Triệu Đình Lế" ;\n\tnif:beginIndex 874 ;')
    (broken / "graph.ttl").write_text(graph, encoding="utf-8")
    report = run_vnkg("validate", broken, "--format", "turtle")
    assert report.returncode == 1, report.stderr.decode()
    (broken / "shacl-report.ttl").write_bytes(report.stdout)
    served = Served(broken)
    try:
        page = Page(get(base(served) + "/shacl")[2].decode())
        [link] = [link for link in page.links if link.endswith("#m-874-887")]     # the span, on its article's page
        article = link.split("#")[0]
        assert article.startswith("/id/article/")
        status, _, body = get(base(served) + article)
        html = body.decode()
        assert status == 200 and 'id="m-874-887"' in html
        assert "Kết quả kiểm tra SHACL" in html and "sh:Violation" in html and "Triệu Đình Lế" in html
    finally:
        served.stop()


# vnkg report

def report_files(directory: Path) -> dict[str, bytes]:
    return {str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


def test_report_writes_every_page_and_its_links_resolve(tmp_path, seed_build):
    out = tmp_path / "report"
    done = run_vnkg("report", "--data", seed_build, "-o", out)
    assert done.returncode == 0, done.stderr.decode()
    files = report_files(out)
    assert {"index.html", "shacl.html", "style.css"} <= set(files)
    for iri in minted_subjects(store_of(seed_build)):
        assert f"id/{iri[len(ID):]}.html" in files
    for name, data in files.items():
        if not name.endswith(".html"):
            continue
        page = Page(data.decode())
        for link in page.links:
            target, _, fragment = link.partition("#")
            assert not urllib.parse.urlsplit(target).scheme, (name, link)     # no link leaves the report
            resolved = (out / name).parent / urllib.parse.unquote(target) if target else out / name
            assert resolved.resolve().is_file(), (name, link)
            if fragment.startswith("m-"):
                assert f'id="{fragment}"' in resolved.read_text(encoding="utf-8"), (name, link)


def test_report_is_deterministic_and_replaces_its_directory(tmp_path, seed_build, escaping_build):
    first, second = tmp_path / "first", tmp_path / "second"
    assert run_vnkg("report", "--data", seed_build, "--data", escaping_build, "-o", first).returncode == 0
    assert run_vnkg("report", "--data", escaping_build, "--data", seed_build, "-o", second).returncode == 0
    assert report_files(first) == report_files(second)
    # a second report into the same directory replaces it whole: the escaping article's pages go
    done = run_vnkg("report", "--data", seed_build, "-o", first)
    assert done.returncode == 0, done.stderr.decode()
    third = tmp_path / "third"
    assert run_vnkg("report", "--data", seed_build, "-o", third).returncode == 0
    assert report_files(first) == report_files(third)
    escaping_article, _ = article_of(escaping_build)
    assert not (first / f"id/{escaping_article[len(ID):]}.html").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["first", "second", "third"]      # nothing left beside it


def test_report_refuses_a_directory_it_did_not_write(tmp_path, seed_build):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me")
    done = run_vnkg("report", "--data", seed_build, "-o", mine)
    assert done.returncode == 2
    assert done.stderr.decode().count("\n") == 1 and "not written by vnkg report" in done.stderr.decode()
    assert [p.name for p in mine.iterdir()] == ["notes.txt"]


def test_report_of_bad_data_writes_nothing(tmp_path, seed_build):
    out = tmp_path / "report"
    assert run_vnkg("report", "--data", seed_build, "-o", out).returncode == 0
    before = report_files(out)
    bad = tmp_path / "bad.ttl"
    bad.write_text("<https://w3id.org/vnkg/id/x> <p> .\n")
    done = run_vnkg("report", "--data", bad, "-o", out)
    assert done.returncode == 2 and "bad.ttl" in done.stderr.decode() and b"Traceback" not in done.stderr
    assert report_files(out) == before


def test_an_interrupted_report_leaves_the_previous_one(tmp_path, fixtures_build):
    """SIGTERM while the pages are being written: the directory holds the previous report, no half of a new one,
    and no staging directory is left beside it."""
    out = tmp_path / "report"
    assert run_vnkg("report", "--data", fixtures_build, "-o", out).returncode == 0
    before = report_files(out)
    process = subprocess.Popen([sys.executable, "-m", "vnkg", "report", "--data", str(fixtures_build), "-o", str(out)],
                               env=source_environment(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not any(p.name.endswith(".tmp") for p in tmp_path.iterdir()):
        time.sleep(0.005)
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    if process.returncode == 0:
        pytest.skip("the report was written before the signal came")
    assert process.returncode == 143, err.decode()
    assert report_files(out) == before
    assert [p.name for p in tmp_path.iterdir()] == ["report"]


def test_the_wheel_carries_the_templates(tmp_path):
    """The pages are rendered from graph/templates/: an installed vnkg must have every file of it."""
    import shutil
    import zipfile

    source = tmp_path / "source"        # a copy: building in the checkout would leave build/ and egg-info there
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        source.mkdir(exist_ok=True)
        shutil.copy(ROOT / name, source / name)
    for name in ("graph", "ontology", "queries"):
        shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                           "-w", tmp_path, source], capture_output=True)
    assert done.returncode == 0, done.stderr.decode()
    [wheel] = tmp_path.glob("vnkg-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    templates = sorted((ROOT / "graph" / "templates").iterdir())
    assert templates and all(f"vnkg/templates/{path.name}" in names for path in templates)


# Spans that nest and cross

from hypothesis import given, settings, strategies as st  # noqa: E402

from vnkg.review import Span, _nest  # noqa: E402


def pieces(text: str, tokens: list) -> tuple[str, dict, bool]:
    """The text the tokens show, each span's text (its pieces joined, nested ones inside), and whether every
    element opened is closed in order."""
    shown, texts, stack = [], {}, []
    for token in tokens:
        if token[0] == "text":
            shown.append(token[1])
            for anchor in {id(span): span for span in stack}.values():
                texts[anchor.anchor] = texts.get(anchor.anchor, "") + token[1]
        elif token[0] == "open":
            stack.append(token[1])
        else:
            if not stack:
                return "".join(shown), texts, False
            stack.pop()
    return "".join(shown), texts, not stack


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab <&>", min_size=1, max_size=40).flatmap(
    lambda text: st.tuples(st.just(text), st.lists(st.tuples(st.integers(0, len(text) - 1), st.integers(1, len(text))),
                                                   max_size=8))))
def test_spans_nest_whatever_their_overlaps(case):
    text, pairs = case
    spans = {(b, e): Span(b, e, []) for b, e in pairs if b < e}
    shown, texts, balanced = pieces(text, _nest(text, list(spans.values())))
    assert shown == text and balanced
    for (begin, end), span in spans.items():
        assert texts[span.anchor] == text[begin:end]


def test_report_keeps_hostile_iris_inside_its_directory(tmp_path):
    """IRIs in the data choose no file outside the report: a '..' segment, a name too long for a file system, or a
    path that would clash with another page's folder get no page (and no link), the rest do."""
    data = tmp_path / "data.ttl"
    nodes = {"../../escaped": False, "person/../../../escaped": False, "person/" + "x" * 300: False,
             "person/a.html/b": False, "person/fine": True, "person/with%2Fslash": True}
    data.write_text("".join(f'<{ID}{path}> a <https://w3id.org/vnkg/ontology#Person> ; '
                            f'<http://xmlns.com/foaf/0.1/name> "n" .\n' for path in nodes), encoding="utf-8")
    out = tmp_path / "inside" / "report"
    done = run_vnkg("report", "--data", data, "-o", out)
    assert done.returncode == 0, done.stderr.decode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data.ttl", "inside"]
    assert sorted(p.name for p in (tmp_path / "inside").iterdir()) == ["report"]
    written = set(report_files(out))
    assert "id/person/fine.html" in written and "id/person/with%2Fslash.html" in written
    assert not any("escaped" in name or "xxxx" in name or "a.html/" in name for name in written)


def test_malformed_data_gets_pages_not_errors(tmp_path):
    """Offsets that are not numbers or fall outside the text, an article without text: every page still answers
    (the bad spans are left out), in the server and in a report."""
    data = tmp_path / "odd.ttl"
    article, textless = ID + "article/odd", ID + "article/textless"
    data.write_text(f"""
@prefix nif: <{NIF}> .
@prefix vnkg: <https://w3id.org/vnkg/ontology#> .
<{article}> a vnkg:Article ; nif:isString "Ông Lê Văn Nam <b>phát biểu</b>." .
<{textless}> a vnkg:Article .
<{ID}person/nam> a vnkg:Person ; <http://xmlns.com/foaf/0.1/name> "Lê Văn Nam"@vi ;
    vnkg:denotedBy <{article}#char=4,14> , <{article}#char=x,y> , <{article}#char=20,999> .
<{article}#char=4,14> nif:referenceContext <{article}> ; nif:beginIndex 4 ; nif:endIndex 14 ; nif:anchorOf "Lê Văn Nam" .
<{article}#char=x,y> nif:referenceContext <{article}> ; nif:beginIndex "x" ; nif:endIndex "y" .
<{article}#char=20,999> nif:referenceContext <{article}> ; nif:beginIndex 20 ; nif:endIndex 999 .
""", encoding="utf-8")
    served = Served(data)
    try:
        for path in ("/", "/id/article/odd", "/id/article/textless", "/id/person/nam", "/shacl"):
            status, _, body = get(base(served) + path)
            assert status == 200, (path, body[:300])
        page = Page(get(base(served) + "/id/article/odd")[2].decode())
        assert page.marks == {"m-4-14": "Lê Văn Nam"}
    finally:
        assert "Traceback" not in served.stop()
    done = run_vnkg("report", "--data", data, "-o", tmp_path / "report")
    assert done.returncode == 0, done.stderr.decode()
