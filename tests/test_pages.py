"""Saved web pages as input: the main text and what the page says of the article.

The pages in tests/pages/ are written for these tests. Each imitates the layout of a kind of Vietnamese provincial
news site (a modern HTML5 paper with JSON-LD, an old table-based paper saved by a browser, a provincial portal, a
print view) around an article whose plain text is in tests/articles/ (or beside the page): menus, breadcrumbs,
share and print buttons, related-article lists, comments, counters, and footers naming an editor, a licence
document, addresses and phone numbers. None of that may become a fact; the captions must stay.
"""
from __future__ import annotations

import csv
import http.server
import io
import re
import shutil
import threading
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import FOAF, RDF

from vnkg.articles import read
from vnkg.metadata import clean_date, clean_url
from vnkg.namespaces import NIF, SCHEMA, VNKG
from vnkg.pipeline import build, write_build
from vnkg.query import load_store, run_query
from vnkg.validation import validate

from conftest import ARTICLES, QUERIES, run_vnkg

PAGES = Path(__file__).resolve().parent / "pages"
# (rdflib's closed namespace of XML Schema, imported here, warns when pytest looks the module over)
DATE_TIME, DATE = (URIRef(f"http://www.w3.org/2001/XMLSchema#{name}") for name in ("dateTime", "date"))
LAYOUTS = {
    "modern-quang-ninh.html": ARTICLES / "quang-ninh-provincial-awards.txt",
    "classic-ha-giang.html": ARTICLES / "ha-giang-district-review.txt",
    "portal-yen-bai.html": ARTICLES / "yen-bai-named-recipients.txt",
    "print-cao-bang.html": PAGES / "print-cao-bang.txt",
}
# What each page's chrome says; none of it may reach the graph (as text, a name, a document or a figure).
CHROME = {
    "modern-quang-ninh.html": ["Phạm Văn Khải", "Bùi Thị Mai", "45/GP-BTTTT", "0203.3825.123", "Nguyễn Văn Hùng",
                               "17-NQ/TU", "30 tập thể, 45 cá nhân", "Nguyễn Văn Nam", "Cao Tường Huy", "1.200.000",
                               "Chia sẻ", "Trang chủ", "Tin liên quan", "Ý kiến bạn đọc", "Đường dây nóng"],
    "classic-ha-giang.html": ["Vương Ngọc Hà", "312/GP-BTTTT", "0219.3866.425", "Nguyễn Mạnh Dũng", "45-KL/TU",
                              "20 tập thể, 31 cá nhân", "18.245.672", "250.000", "Xin chờ", "In bài", "Các tin khác",
                              "Chào mừng"],
    "portal-yen-bai.html": ["Lê Minh Tuấn", "Chánh Văn phòng", "25/GP-TTĐT", "0216.3852.388", "Trần Huy Tuấn",
                            "09-NQ/TU", "45 tập thể, 60 cá nhân", "12.345.678", "Lượt xem", "In trang",
                            "Tin tức - Sự kiện", "Cơ quan chủ quản"],
    "print-cao-bang.html": ["Hoàng Văn Thạch", "0206.3852.577", "0912.852.577", "Đóng cửa sổ", "In bài viết",
                            "Địa chỉ bài viết", "Bản quyền"],
}
CAPTIONS = {
    "modern-quang-ninh.html": ("Trần Quốc Bảo", "Phó Bí thư Tỉnh ủy Trần Quốc Bảo trao Bằng khen của Chủ tịch UBND tỉnh cho các cá nhân."),
    "classic-ha-giang.html": ("Hoàng Văn Sình", "Bí thư Huyện ủy Hoàng Văn Sình trao Giấy khen cho các tập thể."),
    "portal-yen-bai.html": ("Tạ Văn Long", "Phó Bí thư Thường trực Tỉnh ủy Tạ Văn Long trao Bằng khen của Ban Chấp hành Đảng bộ tỉnh cho các cá nhân."),
    "print-cao-bang.html": ("Nông Văn Hưng", "Phó Bí thư Thường trực Tỉnh ủy Nông Văn Hưng trao Bằng khen cho các tập thể."),
}
# queries whose rows name spans or the article's own text, which differ between a page and its plain text
NOT_FACTS = {"sources", "facts-with-sentences", "inferred"}


def build_to(paths, out: Path, **options) -> Path:
    result = build([Path(p) for p in paths], jobs=1, **options)
    try:
        write_build(result, out)
    finally:
        result.close()
    return out


def query_rows(out: Path) -> dict[str, list[str]]:
    """Every contract query's rows, with article IRIs and offsets left out and concatenated values sorted."""
    store = load_store([out])
    rows = {}
    for path in sorted(QUERIES.glob("*.rq")):
        if path.stem in NOT_FACTS:
            continue
        text = run_query(store, path.read_text(encoding="utf-8"), path, "csv").decode()
        text = re.sub(r"https://w3id.org/vnkg/id/article/[0-9a-f]{16}(#char=\d+,\d+)?", "ARTICLE", text)
        rows[path.stem] = sorted(tuple(" ; ".join(sorted(cell.split(" ; "))) for cell in row)
                                 for row in csv.reader(io.StringIO(text)))
    return rows


def article_node(graph: Graph) -> URIRef:
    (node,) = graph.subjects(RDF.type, VNKG.Article)
    return node


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Each page and its plain text, built alone."""
    folder = tmp_path_factory.mktemp("pages")
    out = {}
    for page, text in LAYOUTS.items():
        out[page] = build_to([PAGES / page], folder / page)
        out[text.name] = build_to([text], folder / text.name)
    return out


@pytest.mark.parametrize("page", sorted(LAYOUTS))
def test_a_saved_page_builds_the_same_facts_as_its_plain_text(built, page):
    from_page, from_text = query_rows(built[page]), query_rows(built[LAYOUTS[page].name])
    assert from_page == from_text
    assert from_page["officials"][1:], "the article has officials: the comparison compares something"


@pytest.mark.parametrize("page", sorted(LAYOUTS))
def test_no_chrome_reaches_the_graph(built, page):
    graph_text = (built[page] / "graph.ttl").read_text(encoding="utf-8")
    stored = read(PAGES / page).text
    for chrome in CHROME[page]:
        assert chrome not in stored, chrome
        assert chrome not in graph_text, chrome


@pytest.mark.parametrize("page", sorted(LAYOUTS))
def test_captions_stay_and_name_who_presented_the_award(built, page):
    presenter, caption = CAPTIONS[page]
    assert f"\n{caption}\n" in read(PAGES / page).text + "\n"   # a line of its own, not a table row "| … |"
    rows = query_rows(built[page])["award-presentations"]
    assert any(presenter in " ".join(row) for row in rows), rows


def test_the_article_node_records_what_the_page_says(built):
    graph = Graph().parse(built["modern-quang-ninh.html"] / "graph.ttl")
    article = article_node(graph)
    assert graph.value(article, SCHEMA.url) == URIRef(
        "https://baoquangninh.example.vn/quang-ninh-trao-bang-khen-cho-12-tap-the-ca-nhan-3312457.html")
    assert str(graph.value(article, SCHEMA.headline)).startswith("Quảng Ninh trao Bằng khen cho 12 tập thể")
    assert graph.value(article, SCHEMA.datePublished) == Literal("2024-01-09T14:05:00+07:00", datatype=DATE_TIME)
    assert graph.value(article, SCHEMA.dateModified) == Literal("2024-01-09T16:20:00+07:00", datatype=DATE_TIME)
    assert graph.value(article, SCHEMA.inLanguage) == Literal("vi")
    author = graph.value(article, SCHEMA.author)
    assert str(graph.value(author, FOAF.name)) == "Thanh Hà" and (author, RDF.type, FOAF.Person) in graph
    publisher = graph.value(article, SCHEMA.publisher)
    assert str(graph.value(publisher, SCHEMA.name)) == "Báo Quảng Ninh điện tử"
    # the facts point into the stored text: the headline is its first line
    text = str(graph.value(article, NIF.isString))
    assert text.startswith("Quảng Ninh trao Bằng khen") and "Chia sẻ" not in text


def test_a_byline_in_the_text_stays_the_author_with_its_span(built):
    graph = Graph().parse(built["portal-yen-bai.html"] / "graph.ttl")
    author = graph.value(article_node(graph), SCHEMA.author)
    assert (author, RDF.type, VNKG.Person) in graph and graph.value(author, VNKG.denotedBy) is not None
    assert graph.value(article_node(graph), SCHEMA.publisher) is not None


def test_the_date_comes_from_the_page_metadata_not_from_a_count_in_the_url(built):
    """The URL's path reads /2021/01/27-tap-the-…: 27 counts awards. htmldate alone answers 2021-01-27."""
    graph = Graph().parse(built["print-cao-bang.html"] / "graph.ttl")
    assert graph.value(article_node(graph), SCHEMA.datePublished) == Literal(
        "2021-01-12T19:52:00+07:00", datatype=DATE_TIME)
    assert any("2021-01-12" in row for row in query_rows(built["print-cao-bang.html"])["events"])  # the event's date


def test_without_structured_metadata_the_date_line_wins_over_the_url(tmp_path):
    html = (PAGES / "print-cao-bang.html").read_text(encoding="utf-8")
    html = re.sub(r'<meta property="article:published_time"[^>]*>', "", html)
    page = tmp_path / "no-metadata.html"
    page.write_text(html, encoding="utf-8")
    assert read(page).page.published == "2021-01-12"
    graph = Graph().parse(build_to([page], tmp_path / "out") / "graph.ttl")
    assert graph.value(article_node(graph), SCHEMA.datePublished) == Literal("2021-01-12", datatype=DATE)


def test_a_page_with_no_date_of_its_own_gets_none_from_its_chrome(tmp_path):
    """Without metadata or a date line, the dates left are a related list's and the day the page was saved: not
    the article's."""
    classic = (PAGES / "classic-ha-giang.html").read_text(encoding="utf-8")
    classic = classic.replace('<div class="date">Cập nhật: 08:15 | 22/06/2022</div>', "")
    modern = (PAGES / "modern-quang-ninh.html").read_text(encoding="utf-8")
    modern = re.sub(r'<meta property="article:(published|modified)_time"[^>]*>|"date(Published|Modified)": "[^"]*",'
                    r'|<time class="date"[^>]*>[^<]*</time>', "", modern)
    for name, html in (("classic.html", classic), ("modern.html", modern)):
        page = tmp_path / name
        page.write_text(html, encoding="utf-8")
        meta = read(page).page
        assert (meta.published, meta.modified) == (None, None), name
    graph = Graph().parse(build_to([tmp_path / "classic.html"], tmp_path / "out") / "graph.ttl")
    assert graph.value(article_node(graph), SCHEMA.datePublished) is None


def test_the_date_line_under_the_headline_dates_a_page_without_metadata(built):
    graph = Graph().parse(built["classic-ha-giang.html"] / "graph.ttl")
    assert graph.value(article_node(graph), SCHEMA.datePublished) == Literal("2022-06-22", datatype=DATE)


def test_a_page_is_known_by_its_content_whatever_its_name(tmp_path):
    for name in ("saved.txt", "saved.htm", "saved"):
        shutil.copy(PAGES / "classic-ha-giang.html", tmp_path / name)
        article = read(tmp_path / name)
        assert article.page is not None and article.text.startswith("Hà Giang: Huyện ủy Bắc Mê"), name
    # plain text named .html is read as text
    shutil.copy(ARTICLES / "ha-giang-district-review.txt", tmp_path / "plain.html")
    assert read(tmp_path / "plain.html").text == read(ARTICLES / "ha-giang-district-review.txt").text


def one_line_error(done) -> str:
    err = done.stderr.decode().strip()
    assert done.returncode == 2, err
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    return err


SECTION_PAGE = """<!DOCTYPE html><html lang="vi"><head><title>Chính trị - Báo Cao Bằng</title></head><body>
<nav><a href="/">Trang chủ</a> <a href="/chinh-tri">Chính trị</a></nav>
<ul><li><a href="/a1">Tỉnh ủy tặng Bằng khen cho 20 tập thể</a></li><li><a href="/a2">Hội nghị Ban Chấp hành</a></li></ul>
<footer>Điện thoại: 0206.3852.577</footer></body></html>"""

ENGLISH_PAGE = """<!DOCTYPE html><html lang="en"><head><title>Province holds a conference</title></head><body>
<article><h1>Province holds a conference</h1>""" + "<p>The provincial party committee held a conference on Tuesday to review five years of work on the directive, and awarded certificates of merit to twelve groups and fifteen people for their achievements.</p>" * 3 + """</article></body></html>"""


@pytest.mark.parametrize("content, problem", [(SECTION_PAGE, "no article text"), (ENGLISH_PAGE, "not Vietnamese")])
def test_a_page_that_is_not_a_vietnamese_article_is_a_one_line_error(tmp_path, content, problem):
    page = tmp_path / "page.html"
    page.write_text(content, encoding="utf-8")
    err = one_line_error(run_vnkg("build", page, "-o", tmp_path / "out"))
    assert problem in err and str(page) in err
    assert not (tmp_path / "out").exists()
    # with -k it is skipped and reported, and the others are built
    done = run_vnkg("build", page, PAGES / "print-cao-bang.html", "-o", tmp_path / "out", "-k")
    assert done.returncode == 2 and "skipped" in done.stderr.decode() and problem in done.stderr.decode()
    assert "articles read: 1 (1 skipped)" in done.stdout.decode()


def test_a_directory_of_pages_reads_its_articles_and_pages_only(tmp_path):
    folder = tmp_path / "saved"
    (folder / "classic_files").mkdir(parents=True)
    shutil.copy(PAGES / "classic-ha-giang.html", folder / "classic.html")
    shutil.copy(PAGES / "print-cao-bang.txt", folder / "print.txt")
    (folder / "print.meta.json").write_text('{"url": "https://baocaobang.example.vn/a.html"}', encoding="utf-8")
    # what a browser saves beside a page: its assets, and frames that are pages of their own
    (folder / "classic_files" / "saved_resource.html").write_text(SECTION_PAGE, encoding="utf-8")
    (folder / "classic_files" / "style.css").write_text("body{}", encoding="utf-8")
    (folder / "notes.md").write_text("# not an article", encoding="utf-8")
    result = build([folder], jobs=1)
    try:
        assert result.articles == 2 and not result.skipped
    finally:
        result.close()
    empty = tmp_path / "empty"
    empty.mkdir()
    err = one_line_error(run_vnkg("build", empty, "-o", tmp_path / "out"))
    assert "directory with no article" in err


def test_a_sidecar_gives_a_plain_text_article_its_metadata(tmp_path):
    article = tmp_path / "bai.txt"
    shutil.copy(PAGES / "print-cao-bang.txt", article)
    (tmp_path / "bai.meta.json").write_text(
        '{"url": "https://baocaobang.example.vn/tin/123.html", "published": "2021-01-12T19:52:00+07:00",'
        ' "publisher": "Báo Cao Bằng", "license": "https://creativecommons.org/licenses/by/4.0/"}', encoding="utf-8")
    graph = Graph().parse(build_to([article], tmp_path / "out") / "graph.ttl")
    node = article_node(graph)
    assert graph.value(node, SCHEMA.url) == URIRef("https://baocaobang.example.vn/tin/123.html")
    assert graph.value(node, SCHEMA.datePublished) == Literal("2021-01-12T19:52:00+07:00", datatype=DATE_TIME)
    assert str(graph.value(graph.value(node, SCHEMA.publisher), SCHEMA.name)) == "Báo Cao Bằng"
    assert graph.value(node, SCHEMA.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    # the text's own "Cập nhật" line stays its dateModified
    assert graph.value(node, SCHEMA.dateModified) == Literal("2021-01-12T19:52:00+07:00", datatype=DATE_TIME)


def test_a_sidecar_overrides_what_the_page_says(tmp_path):
    shutil.copy(PAGES / "modern-quang-ninh.html", tmp_path / "page.html")
    (tmp_path / "page.meta.json").write_text('{"publisher": "Báo Quảng Ninh", "published": "2024-01-10"}',
                                             encoding="utf-8")
    meta = read(tmp_path / "page.html").page
    assert (meta.publisher, meta.published) == ("Báo Quảng Ninh", "2024-01-10")
    assert meta.url.startswith("https://baoquangninh.example.vn/")


@pytest.mark.parametrize("content, problem", [
    ("{not json", "not JSON"), ('["url"]', "JSON object"), ('{"adress": "x"}', "unknown field"),
    ('{"url": "javascript:alert(1)"}', "url is not an absolute http(s) URL"),
    ('{"url": "https://a.vn/x> <y"}', "url is not"), ('{"published": "12/01/2021"}', "published is not"),
    ('{"published": "2021-02-30"}', "published is not"), ('{"author": 7}', "author must be a string"),
    ("[" * 100000 + "]" * 100000, "larger than"), ("[" * 20000 + "]" * 20000, "not article metadata"),
])
def test_a_bad_sidecar_is_a_one_line_error_naming_it(tmp_path, content, problem):
    shutil.copy(PAGES / "print-cao-bang.txt", tmp_path / "bai.txt")
    (tmp_path / "bai.meta.json").write_text(content, encoding="utf-8")
    err = one_line_error(run_vnkg("build", tmp_path / "bai.txt", "-o", tmp_path / "out"))
    assert "bai.meta.json" in err and problem in err


def test_page_values_are_checked_before_they_reach_the_graph():
    assert clean_url("https://baocaobang.vn/a-b.html") == "https://baocaobang.vn/a-b.html"
    for bad in ("/relative/path", "javascript:x", "https://a.vn/x y", 'https://a.vn/"x', "https://", "ftp://a.vn/",
                "https://a.vn/%zz",
                "https://a.vn/" + "x" * 3000):
        assert clean_url(bad) is None, bad
    assert clean_date("2024-01-09T14:05:00+0700") == "2024-01-09T14:05:00+07:00"
    assert clean_date("2024-01-09T14:05:00") == "2024-01-09T14:05:00+07:00"    # a Vietnamese site's local time
    assert clean_date("2024-01-09T00:00:00") == "2024-01-09"                   # htmldate's "no time"
    assert clean_date("2024-01-09T14:05:00Z") == "2024-01-09T14:05:00+00:00"
    for bad in ("2024-13-01", "09/01/2024", "1800-01-01", "2024-01-09T25:00:00", "tomorrow"):
        assert clean_date(bad) is None, bad


def test_odd_page_values_are_dropped_and_the_graph_stays_valid(tmp_path):
    html = (PAGES / "modern-quang-ninh.html").read_text(encoding="utf-8")
    html = html.replace('<link rel="canonical" href="https://baoquangninh.example.vn/quang-ninh-trao-bang-khen-cho-12-tap-the-ca-nhan-3312457.html">',
                        '<link rel="canonical" href="javascript:alert(1)">')
    html = re.sub(r'<meta property="og:url"[^>]*>', "", html)
    html = html.replace('"name": "Báo Quảng Ninh điện tử"', '"name": "' + "Báo " * 100 + '"')
    page = tmp_path / "odd.html"
    page.write_text(html, encoding="utf-8")
    done = run_vnkg("build", page, "-o", tmp_path / "out")
    assert done.returncode == 0, done.stderr.decode()
    graph = Graph().parse(tmp_path / "out" / "graph.ttl")
    node = article_node(graph)
    assert graph.value(node, SCHEMA.url) is None


def test_two_copies_with_other_metadata_give_the_same_graph_in_any_order(tmp_path):
    html = (PAGES / "print-cao-bang.html").read_text(encoding="utf-8")
    (tmp_path / "a.html").write_text(html, encoding="utf-8")
    (tmp_path / "b.html").write_text(html.replace("Báo Cao Bằng\">", "Báo Cao Bằng điện tử\">"), encoding="utf-8")
    first = build_to([tmp_path / "a.html", tmp_path / "b.html"], tmp_path / "one")
    second = build_to([tmp_path / "b.html", tmp_path / "a.html"], tmp_path / "two")
    assert (first / "graph.ttl").read_bytes() == (second / "graph.ttl").read_bytes()


def test_the_shapes_check_what_a_page_gives():
    base = """@prefix schema: <https://schema.org/> . @prefix vnkg: <https://w3id.org/vnkg/ontology#> .
        @prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        <https://example.org/a> a vnkg:Article ; nif:isString "Tin." ; """
    for bad in ['schema:url <ftp://a.vn/x>', 'schema:url "https://a.vn/x"',
                'schema:url <https://a.vn/x> , <https://a.vn/y>', 'schema:datePublished "12/01/2021"',
                'schema:datePublished "2021-01-12"^^xsd:date , "2021-01-13"^^xsd:date',
                'schema:publisher <https://example.org/not-an-organization>',
                'schema:author <https://example.org/not-a-person>']:
        report = validate(Graph().parse(data=base + bad + " .", format="turtle"))
        assert not report.conforms, bad


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self):
        _Recorder.requests.append(self.path)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_a_page_never_makes_vnkg_fetch_or_read_anything(tmp_path):
    """Every URL the page names points to a server of the test's own on 127.0.0.1: it must hear nothing. An
    external entity names a local file: its content must not reach the graph."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    here = f"http://127.0.0.1:{server.server_address[1]}"
    secret = tmp_path / "secret.txt"
    secret.write_text("MẬT-KHẨU-BÍ-MẬT", encoding="utf-8")
    try:
        html = (PAGES / "print-cao-bang.html").read_text(encoding="utf-8")
        html = html.replace("https://baocaobang.example.vn", here)
        html = html.replace("<!DOCTYPE html>", f'<!DOCTYPE html [<!ENTITY secret SYSTEM "file://{secret}">]>')
        html = html.replace("<head>", f'<head><meta http-equiv="refresh" content="0; url={here}/refresh">'
                                      f'<base href="{here}/base/"><link rel="stylesheet" href="{here}/style.css">'
                                      f'<script src="{here}/app.js"></script>')
        html = html.replace("</body>", f'<iframe src="{here}/frame.html"></iframe><img src="{here}/pixel.gif">'
                                       f'<p>&secret;</p><object data="{here}/object"></object></body>')
        page = tmp_path / "page.html"
        page.write_text(html, encoding="utf-8")
        done = run_vnkg("build", page, "-o", tmp_path / "out")
        assert done.returncode == 0, done.stderr.decode()
        assert _Recorder.requests == []
        assert "MẬT-KHẨU" not in (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
        assert "2021-01-12T19:52:00+07:00" in (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
    finally:
        server.shutdown()
        server.server_close()


def test_a_large_saved_page_is_read_and_a_huge_one_refused(tmp_path):
    html = (PAGES / "modern-quang-ninh.html").read_text(encoding="utf-8")
    script = "<script>var data = '" + "x" * 1024 * 1024 + "';</script>"     # inline scripts: a 1 MB page
    big = tmp_path / "big.html"
    big.write_text(html.replace("</head>", script + "</head>"), encoding="utf-8")
    assert read(big).text == read(PAGES / "modern-quang-ninh.html").text
    huge = tmp_path / "huge.html"
    huge.write_text(html.replace("</head>", script * 9 + "</head>"), encoding="utf-8")
    err = one_line_error(run_vnkg("build", huge, "-o", tmp_path / "out"))
    assert "larger than a saved page can be" in err
