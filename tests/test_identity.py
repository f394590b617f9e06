"""One graph of many articles (issue 16, items 1 and 2): identity keeps what distinguishes names, events are told
apart by organizer, national bodies and documents are one across provinces, and posts are held in time.

The articles are written here: two provinces over fourteen months, one official promoted between two of them, two
names one tone mark apart ("Ninh", "Nịnh"), one name in two tone placements ("Hoà", "Hòa") and one in NFD, two
conferences of one kind on one day by two bodies, a Politburo directive both provinces cite, and two persons
reported as the one Bí thư Tỉnh ủy on the same day."""
from __future__ import annotations

import csv
import io
import unicodedata
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import FOAF, RDF, XSD

from conftest import QUERIES, report_in_one_chunk_and_in_two, run_vnkg

from vnkg.namespaces import ID, VNKG
from vnkg.text import name_key

ARTICLES = {
    # Cao Bằng, March 2023: Ninh Quốc Tuấn is Phó Bí thư; a Politburo directive; "Hoà" in the old tone placement
    "cao-bang-2023-03.txt": """Cao Bằng: hội nghị quán triệt Chỉ thị số 05-CT/TW
Cập nhật: 09:30 | 10/03/2023
Sáng 10/3, Tỉnh ủy Cao Bằng tổ chức hội nghị quán triệt Chỉ thị số 05-CT/TW, ngày 15/5/2016 của Bộ Chính trị về đẩy mạnh học tập và làm theo gương người tốt, việc tốt.
Đồng chí Ninh Quốc Tuấn, Phó Bí thư Tỉnh ủy chủ trì hội nghị.
Đồng chí Hoàng Văn Hoà, Trưởng Ban Tuyên giáo Tỉnh ủy phát biểu.
Lê Minh
""",
    # Cao Bằng, May 2024: Ninh Quốc Tuấn is now Bí thư; Nịnh Quốc Tuấn (another man) directs a department; "Hòa"
    "cao-bang-2024-05-tinh-uy.txt": """Cao Bằng: hội nghị sơ kết Đề án số 06-ĐA/TU
Cập nhật: 15:00 | 20/05/2024
Chiều 20/5, Tỉnh ủy Cao Bằng tổ chức hội nghị sơ kết Đề án số 06-ĐA/TU, ngày 20/3/2021 của Tỉnh ủy về phát triển du lịch giai đoạn 2021 - 2025.
Đồng chí Ninh Quốc Tuấn, Bí thư Tỉnh ủy chủ trì hội nghị.
Đồng chí Nịnh Quốc Tuấn, Giám đốc Sở Nội vụ tỉnh báo cáo kết quả.
Đồng chí Hoàng Văn Hòa, Trưởng Ban Tuyên giáo Tỉnh ủy phát biểu.
Lê Minh
""",
    # the same day, the same kind of conference, another organizer
    "cao-bang-2024-05-ubnd.txt": """Cao Bằng: UBND tỉnh tổ chức hội nghị sơ kết
Cập nhật: 16:00 | 20/05/2024
Chiều 20/5, UBND tỉnh Cao Bằng tổ chức hội nghị sơ kết công tác cải cách hành chính 6 tháng đầu năm.
Đồng chí Đàm Văn Hải, Chủ tịch UBND tỉnh chủ trì hội nghị.
Lê Minh
""",
    # the same day again: another person reported as the Bí thư Tỉnh ủy (a warning, not a merge)
    "cao-bang-2024-05-tuyen-giao.txt": """Cao Bằng: hội nghị công tác tuyên giáo
Cập nhật: 17:00 | 20/05/2024
Chiều 20/5, Tỉnh ủy Cao Bằng tổ chức hội nghị chuyên đề về công tác tuyên giáo.
Đồng chí Triệu Đình Lê, Bí thư Tỉnh ủy chủ trì hội nghị.
Lê Minh
""",
    # Hà Giang cites the same directive, and a Đề án with the same number as Cao Bằng's
    "ha-giang-2023-04.txt": """Hà Giang: hội nghị quán triệt Chỉ thị số 05-CT/TW
Cập nhật: 08:00 | 12/04/2023
Sáng 12/4, Tỉnh ủy Hà Giang tổ chức hội nghị quán triệt Chỉ thị số 05-CT/TW của Bộ Chính trị và Đề án số 06-ĐA/TU của Tỉnh ủy.
Đồng chí Lò Văn Minh, Bí thư Tỉnh ủy chủ trì hội nghị.
Trần Hà
""",
    # the General Secretary in both provinces: one person
    "cao-bang-2023-06-tong-bi-thu.txt": """Cao Bằng: Tổng Bí thư làm việc với Tỉnh ủy
Cập nhật: 09:30 | 02/06/2023
Sáng 2/6, Tổng Bí thư Tô Lâm làm việc với Ban Thường vụ Tỉnh ủy Cao Bằng về việc thực hiện Nghị định số 15/2020/NĐ-CP của Chính phủ, Quyết định số 1719/QĐ-TTg của Thủ tướng Chính phủ và Thông tư số 01/2021/TT-BNV.
Lê Minh
""",
    "ha-giang-2023-06-tong-bi-thu.txt": """Hà Giang: Tổng Bí thư làm việc với Tỉnh ủy
Cập nhật: 09:30 | 03/06/2023
Sáng 3/6, Tổng Bí thư Tô Lâm làm việc với Ban Thường vụ Tỉnh ủy Hà Giang về việc thực hiện Nghị định số 15/2020/NĐ-CP của Chính phủ, Quyết định số 1719/QĐ-TTg của Thủ tướng Chính phủ và Thông tư số 01/2021/TT-BNV.
Trần Hà
""",
}
# written in NFD (base letters and combining marks): the same Đàm Văn Hải as in NFC
NFD_ARTICLE = unicodedata.normalize("NFD", """Cao Bằng: UBND tỉnh họp phiên thường kỳ
Cập nhật: 10:00 | 05/07/2024
Sáng 5/7, UBND tỉnh Cao Bằng tổ chức phiên họp thường kỳ tháng 7.
Đồng chí Đàm Văn Hải, Chủ tịch UBND tỉnh chủ trì phiên họp.
Lê Minh
""")


def write_corpus(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in {**ARTICLES, "cao-bang-2024-07-nfd.txt": NFD_ARTICLE}.items():
        (folder / name).write_text(text, encoding="utf-8")
        paths.append(folder / name)
    return sorted(paths)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[Path]:
    return write_corpus(tmp_path_factory.mktemp("identity") / "articles")


@pytest.fixture(scope="module")
def built(corpus, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("identity") / "build"
    done = run_vnkg("build", *corpus, "-o", out)
    assert done.returncode == 0, done.stderr.decode()    # 0: the two-holders finding is a warning
    return out


@pytest.fixture(scope="module")
def graph(built) -> Graph:
    return Graph().parse(built / "graph.ttl")


def persons_named(graph: Graph, surname_slug: str) -> set[URIRef]:
    return {s for s in graph.subjects(RDF.type, VNKG.Person) if f"/{surname_slug}-" in str(s)}


def query(built: Path, name: str, tmp_path: Path, replace: dict[str, str] | None = None) -> list[dict]:
    """A query of queries/ with its VALUES lines edited as its header tells users to."""
    text = (QUERIES / f"{name}.rq").read_text(encoding="utf-8")
    for old, new in (replace or {}).items():
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / f"{name}.rq"
    path.write_text(text, encoding="utf-8")
    done = run_vnkg("query", path, "--data", built, "--format", "csv")
    assert done.returncode == 0, done.stderr.decode()
    return list(csv.DictReader(io.StringIO(done.stdout.decode("utf-8"), newline="")))


# --- keys ---------------------------------------------------------------------------------------

def test_a_name_key_keeps_the_letters_and_tone_marks_and_nothing_else():
    assert name_key("Ninh Quốc Tuấn") != name_key("Nịnh Quốc Tuấn")
    assert name_key("Hoa") != name_key("Hòa")
    assert name_key("Hoàng Văn Hoà") == name_key("Hoàng Văn Hòa")      # old and new tone placement
    assert name_key(unicodedata.normalize("NFD", "Đàm Văn Hải")) == name_key("Đàm Văn Hải")
    assert name_key("Ninh Quốc Tuấn").startswith("ninh-quoc-tuan-")      # readable, and ASCII
    assert name_key("Ninh Quốc Tuấn").isascii()


# --- persons --------------------------------------------------------------------------------------

def test_names_one_tone_mark_apart_are_two_people(graph, built):
    people = persons_named(graph, "ninh-quoc-tuan")
    assert len(people) == 2
    assert {str(graph.value(p, FOAF.name)) for p in people} == {"Ninh Quốc Tuấn", "Nịnh Quốc Tuấn"}
    assert all(len(list(graph.objects(p, FOAF.name))) == 1 for p in people)
    assert "0 violations" in (built / "shacl-report.txt").read_text(encoding="utf-8")


def test_one_name_in_two_tone_placements_is_one_person(graph, built, tmp_path):
    people = persons_named(graph, "hoang-van-hoa")
    assert len(people) == 1
    assert list(graph.objects(people.pop(), FOAF.name)) == [Literal("Hoàng Văn Hòa", lang="vi")]
    # what the build merged, and why: the two ways the articles write the name
    rows = [r for r in query(built, "merged-names", tmp_path) if r["name"] == "Hoàng Văn Hòa"]
    assert {(r["written"], r["articles"]) for r in rows} == {("Hoàng Văn Hoà", "1"), ("Hoàng Văn Hòa", "1")}
    assert all("tone placement" in r["why"] for r in rows)


def test_a_name_written_in_nfd_is_the_same_person(graph):
    people = persons_named(graph, "dam-van-hai")
    assert len(people) == 1
    sources = {str(o) for o in graph.objects(people.pop(), URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"))}
    assert len(sources) == 2        # the NFC article and the NFD one


def test_a_holder_of_national_posts_alone_is_one_person_in_every_province(graph):
    assert persons_named(graph, "to-lam") == {ID[f"person/vn/{name_key('Tô Lâm')}"]}
    assert (ID[f"person/vn/{name_key('Tô Lâm')}"], None, None) in graph
    # provincial officials stay scoped to their province
    assert persons_named(graph, "lo-van-minh") == {ID[f"person/ha-giang/{name_key('Lò Văn Minh')}"]}


# --- events, bodies, documents ----------------------------------------------------------------

def test_two_conferences_of_one_kind_on_one_day_by_two_organizers_are_two_events(graph):
    events = sorted(str(e) for e in graph.subjects(RDF.type, VNKG.Event) if "/2024-05-20/hoi-nghi-so-ket" in str(e))
    assert len(events) == 2
    organizers = [set(graph.objects(URIRef(e), URIRef("https://schema.org/organizer"))) for e in events]
    assert organizers == [{ID["org/cao-bang/tinh-uy"]}, {ID["org/cao-bang/ubnd"]}]


def test_a_national_document_cited_in_two_provinces_is_one_document(graph):
    documents = {str(d) for d in graph.subjects(RDF.type, VNKG.PolicyDocument)}
    assert str(ID["document/vn/05-ct-tw"]) in documents
    assert not any(d.endswith("/05-ct-tw") and "/vn/" not in d for d in documents)
    sources = set(graph.objects(ID["document/vn/05-ct-tw"], URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")))
    assert len(sources) == 2
    # a province's document stays its own: two Đề án 06-ĐA/TU, of two Tỉnh ủy
    assert {ID["document/cao-bang/06-da-tu"], ID["document/ha-giang/06-da-tu"]} <= set(map(URIRef, documents))
    # a decree of the Chính phủ, a decision the Prime Minister signs, a ministry's circular (its issuer known by the
    # code alone, "BNV"): national too, whoever cites them
    national = ("15-2020-nd-cp", "1719-qd-ttg", "01-2021-tt-bnv")
    for document in national:
        assert len(set(graph.objects(ID[f"document/vn/{document}"], URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")))) == 2
    assert not any(d.endswith(national) and "/vn/" not in d for d in documents)
    # the Bộ Chính trị is one body
    assert ID["org/vn/bo-chinh-tri"] in set(graph.subjects(RDF.type, VNKG.Organization))


# --- posts in time -----------------------------------------------------------------------------

def test_each_article_attests_its_holdings_on_its_events_date(graph):
    holding = ID[f"holding/cao-bang/{name_key('Ninh Quốc Tuấn')}/cao-bang/tinh-uy/bi-thu"]
    attestations = list(graph.subjects(VNKG.attests, holding))
    assert len(attestations) == 1
    assert graph.value(attestations[0], VNKG.attestedOn) == Literal("2024-05-20", datatype=XSD.date)
    assert (ID["post/cao-bang/tinh-uy/bi-thu"], VNKG.attestedBy, attestations[0]) in graph


def test_a_promotion_across_two_articles_is_dated(built, tmp_path):
    rows = query(built, "career", tmp_path, {"VALUES ?personName { UNDEF }": 'VALUES ?personName { "Ninh Quốc Tuấn" }'})
    posts = {(r["post"], r["firstAttested"], r["lastAttested"], r["attestedOn"]) for r in rows}
    assert posts == {("Phó Bí thư Tỉnh ủy Cao Bằng", "2023-03-10", "2023-03-10", "2023-03-10"),
                     ("Bí thư Tỉnh ủy Cao Bằng", "2024-05-20", "2024-05-20", "2024-05-20")}
    assert [r["post"] for r in rows][0] == "Phó Bí thư Tỉnh ủy Cao Bằng"     # in order of time
    assert all("Ninh Quốc Tuấn" in r["sentence"] for r in rows)          # the attesting sentences
    assert not any(r["person"] == "Nịnh Quốc Tuấn" for r in rows)


@pytest.mark.parametrize("day, expected", [
    # the Tỉnh ủy's posts and those of its committees (the Ban Tuyên giáo); the latest attestation of each post
    ("2023-12-31", {("Phó Bí thư", "Ninh Quốc Tuấn", "2023-03-10"), ("Trưởng ban", "Hoàng Văn Hòa", "2023-03-10")}),
    ("2024-06-01", {("Phó Bí thư", "Ninh Quốc Tuấn", "2023-03-10"), ("Bí thư", "Ninh Quốc Tuấn", "2024-05-20"),
                    ("Bí thư", "Triệu Đình Lê", "2024-05-20"), ("Trưởng ban", "Hoàng Văn Hòa", "2024-05-20")}),
    ("2023-01-01", set()),
])
def test_who_held_the_posts_of_a_body_on_a_day(built, tmp_path, day, expected):
    rows = query(built, "posts-on-date", tmp_path, {
        "VALUES ?organizationName { UNDEF }": 'VALUES ?organizationName { "Tỉnh ủy Cao Bằng" }',
        'VALUES ?onDate { "2024-01-01"^^xsd:date }': f'VALUES ?onDate {{ "{day}"^^xsd:date }}'})
    assert {(r["post"], r["person"], r["attestedOn"]) for r in rows} == expected
    assert all(r["article"].startswith(str(ID["article/"])) and r["sentence"] for r in rows)


def test_the_day_and_the_body_can_be_given_as_parameters(built, tmp_path):
    """--param replaces the query's own VALUES lines: the rows are those of the edited query."""
    edited = query(built, "posts-on-date", tmp_path, {
        "VALUES ?organizationName { UNDEF }": 'VALUES ?organizationName { "Tỉnh ủy Cao Bằng" }',
        'VALUES ?onDate { "2024-01-01"^^xsd:date }': 'VALUES ?onDate { "2024-06-01"^^xsd:date }'})
    done = run_vnkg("query", "posts-on-date", "--data", built, "--format", "csv", "--param", "onDate=2024-06-01",
                    "--param", "organizationName=Tỉnh ủy Cao Bằng")
    assert done.returncode == 0, done.stderr.decode()
    given = list(csv.DictReader(io.StringIO(done.stdout.decode("utf-8"), newline="")))
    assert len(given) == len(edited) == 4
    assert [{k: v for k, v in r.items() if k != "onDate"} for r in given] == \
        [{k: v for k, v in r.items() if k != "onDate"} for r in edited]
    career = run_vnkg("query", "career", "--data", built, "--format", "csv", "--param", "personName=Ninh Quốc Tuấn")
    rows = list(csv.DictReader(io.StringIO(career.stdout.decode("utf-8"), newline="")))
    assert rows and {r["person"] for r in rows} == {"Ninh Quốc Tuấn"}


def test_two_holders_of_a_single_holder_post_on_one_day_is_a_warning(built):
    report = (built / "shacl-report.txt").read_text(encoding="utf-8")
    assert report.startswith("Conforms: True (0 violations, 1 warnings)")
    assert "SingleHolderShape" in report and str(ID["post/cao-bang/tinh-uy/bi-thu"]) in report
    assert "2024-05-20" in report


def test_the_build_in_chunks_is_byte_identical_to_one_chunk(corpus, tmp_path):
    from vnkg.pipeline import build, write_build

    outputs = []
    for chunk_size in (25, 1):
        result = build(corpus, jobs=1, chunk_size=chunk_size)
        out = tmp_path / f"chunks-of-{chunk_size}"
        out.mkdir()
        files = write_build(result, out)
        result.close()
        outputs.append({path.name: path.read_bytes() for path in files})
    assert outputs[0] == outputs[1]
    assert b"SingleHolderShape" in outputs[0]["shacl-report.txt"]


def test_an_article_without_an_event_attests_on_its_own_date():
    """No conference, no event date: the article's date (its "Cập nhật" line; a saved page's publication date first)."""
    from vnkg.emit import attested_on
    from vnkg.extraction import extract
    from vnkg.facts import PageMeta
    from vnkg.text import normalize

    text = normalize("""Cao Bằng: đẩy mạnh cải cách hành chính
Cập nhật: 10:00 | 08/07/2024
Đồng chí Đàm Văn Hải, Chủ tịch UBND tỉnh yêu cầu các sở, ngành đẩy mạnh cải cách hành chính trong năm 2024.
Lê Minh
""")
    facts = extract(text)
    assert not facts.events and [h.person for h in facts.holdings] == ["Đàm Văn Hải"]
    assert attested_on(facts) == "2024-07-08"
    assert attested_on(extract(text, page=PageMeta(published="2024-07-07T22:15:00+07:00"))) == "2024-07-07"
    # with a conference, the conference's day, not the day the article was updated
    dated = extract(normalize(ARTICLES["cao-bang-2024-05-ubnd.txt"].replace("| 20/05/2024", "| 21/05/2024")))
    assert dated.meta.updated.startswith("2024-05-21") and attested_on(dated) == "2024-05-20"


def test_two_holders_in_one_article_warn_as_well_when_another_chunk_names_the_post(tmp_path):
    """The warning a chunk finds on a post that another chunk names too is checked again after the merge: it must
    survive with what the other chunk adds (the attestations, under holding/, are no shared entity)."""

    texts = ["""Cao Bằng: công bố quyết định về công tác cán bộ
Cập nhật: 09:30 | 10/03/2023
Sáng 10/3, Tỉnh ủy Cao Bằng tổ chức hội nghị công bố quyết định về công tác cán bộ.
Đồng chí Triệu Đình Lê, Bí thư Tỉnh ủy chủ trì hội nghị.
Đồng chí Hoàng Xuân Ánh, Bí thư Tỉnh ủy phát biểu nhận nhiệm vụ.
Lê Minh
""", """Cao Bằng: hội nghị chuyên đề về công tác dân vận
Cập nhật: 09:30 | 10/05/2023
Sáng 10/5, Tỉnh ủy Cao Bằng tổ chức hội nghị chuyên đề về công tác dân vận.
Đồng chí Hoàng Xuân Ánh, Bí thư Tỉnh ủy chủ trì hội nghị.
Lê Minh
"""]
    paths = []
    for number, text in enumerate(texts):
        paths.append(tmp_path / f"article-{number}.txt")
        paths[-1].write_text(text, encoding="utf-8")
    report = report_in_one_chunk_and_in_two(paths)
    assert report.startswith("Conforms: True (0 violations, 1 warnings)") and "value: 2023-03-10" in report
