"""Projects, the card's fourth pillar: a programme of work set up by a document that an event reviews, and an
investment project ("dự án …") with its investor, place, total investment and stage. Every sentence is invented."""
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from vnkg.emit import emit
from vnkg.extraction import extract
from vnkg.reason import infer, infer_owlrl
from vnkg.text import normalize
from vnkg.validation import ontology_graph

VNKG = "https://w3id.org/vnkg/ontology#"
ID = "https://w3id.org/vnkg/id/"
DATELINE = "Cập nhật: 09:00 | 13/05/2023"
REVIEW = ("Sáng 12/5, Tỉnh ủy Quảng Nam tổ chức hội nghị tổng kết 5 năm thực hiện Kế hoạch số 45-KH/TU, ngày "
          "3/4/2018 của Tỉnh ủy về “Phát triển du lịch cộng đồng giai đoạn 2018 - 2022”.")


def facts(*lines: str):
    return extract(normalize("\n".join(lines) + "\n"))


def projects(*lines: str):
    return facts(*lines).projects


def names(orgs) -> list[str]:
    from vnkg.emit import org_label
    return [org_label(org) for org in orgs]


# --- programmes of work ---------------------------------------------------------------------------------

def test_a_plan_reviewed_at_a_conference_is_a_programme_with_its_owner_and_period():
    [project] = projects("Quảng Nam tổng kết Kế hoạch 45", DATELINE, REVIEW)
    assert project.kind.key == "programme" and project.document == "45-KH/TU"
    assert names([project.owner]) == ["Tỉnh ủy Quảng Nam"]
    assert project.period == (2018, 2022)


def test_a_document_only_cited_sets_up_no_project():
    assert projects("Tin tức", DATELINE, "Tỉnh ủy Quảng Nam đã ban hành Kế hoạch số 45-KH/TU, ngày 3/4/2018 về "
                    "phát triển du lịch cộng đồng giai đoạn 2018 - 2022.") == []


def test_a_reviewed_resolution_is_a_document_not_a_programme():
    assert projects("Tin tức", DATELINE, "Sáng 12/5, Tỉnh ủy Quảng Nam tổ chức hội nghị sơ kết 3 năm thực hiện "
                    "Nghị quyết số 12-NQ/TU, ngày 5/4/2020 của Tỉnh ủy về phát triển kinh tế rừng.") == []


def test_the_body_assigned_leads_and_the_bodies_after_phoi_hop_voi_co_operate():
    [project] = projects("Tin tức", DATELINE, REVIEW,
                         "Thực hiện Kế hoạch số 45-KH/TU, Ban Thường vụ Tỉnh ủy giao Sở Văn hóa, Thể thao và Du lịch "
                         "chủ trì, phối hợp với Sở Tài chính và UBND huyện Nam Giang xây dựng 12 mô hình du lịch.")
    assert names(project.leads) == ["Sở Văn hóa, Thể thao và Du lịch tỉnh Quảng Nam"]
    assert names(project.cooperating) == ["Sở Tài chính tỉnh Quảng Nam", "Ủy ban nhân dân huyện Nam Giang"]


def test_a_body_that_chairs_the_conference_does_not_lead_the_programme():
    [project] = projects("Tin tức", DATELINE, REVIEW,
                         "Thực hiện Kế hoạch số 45-KH/TU, Ban Tuyên giáo Tỉnh ủy chủ trì hội nghị với 120 đại biểu.")
    assert project.leads == []


def test_a_speech_that_assigns_the_next_steps_names_no_lead_body():
    [project] = projects("Tin tức", DATELINE, REVIEW, "Thực hiện Kế hoạch số 45-KH/TU, toàn tỉnh có 320 hộ làm du lịch.",
                         "Phát biểu chỉ đạo hội nghị, đồng chí Bí thư Tỉnh ủy đánh giá cao kết quả đạt được. Đồng chí "
                         "giao Ban Tuyên giáo Tỉnh ủy tham mưu ban hành văn bản cho giai đoạn tiếp theo.")
    assert project.leads == []


def test_a_proposed_assignment_names_no_lead_body():
    [project] = projects("Tin tức", DATELINE, REVIEW,
                         "Thực hiện Kế hoạch số 45-KH/TU, các huyện đề nghị giao Sở Tài chính chủ trì, phối hợp với "
                         "Sở Xây dựng rà soát 12 mô hình.")
    assert project.leads == [] and project.cooperating == []


def test_handing_over_is_no_assignment():
    [project] = projects("Tin tức", DATELINE, REVIEW,
                         "Thực hiện Kế hoạch số 45-KH/TU, huyện đã bàn giao UBND xã Tà Bhing 3 nhà văn hóa.")
    assert project.leads == []


def test_figures_of_a_paragraph_about_two_programmes_report_on_both():
    found = facts("Tin tức", DATELINE,
                  "Sáng 12/5, Tỉnh ủy Quảng Nam tổ chức hội nghị tổng kết Kế hoạch số 45-KH/TU và Kế hoạch số "
                  "46-KH/TU của Tỉnh ủy.",
                  "Qua 5 năm thực hiện Kế hoạch số 45 và Kế hoạch số 46 của Tỉnh ủy, toàn tỉnh có 320 hộ làm du lịch.",
                  "Thực hiện Kế hoạch số 46-KH/TU, toàn tỉnh đón 15.000 lượt khách.")
    by_document = {p.document: p for p in found.projects}
    households = next(s for s in found.statistics if s.unit == "hộ")
    visitors = next(s for s in found.statistics if s.unit == "lượt khách")
    assert by_document["45-KH/TU"].reported == [households.span] == by_document["46-KH/TU"].reported
    assert visitors.document == "46-KH/TU"      # one document: the ontology's chain takes it to the project


# --- investment projects --------------------------------------------------------------------------------

def test_an_investment_project_with_investor_total_investment_place_and_stage():
    [project] = projects("Tin tức", DATELINE,
                         "Ngày 10/5/2023, UBND tỉnh Quảng Nam đã phê duyệt chủ trương đầu tư dự án nâng cấp đường "
                         "ĐT609 tại xã Đại Lãnh, chủ đầu tư là Sở Giao thông vận tải, tổng vốn đầu tư hơn 120 tỷ đồng.")
    assert project.kind.key == "investment" and project.title == "nâng cấp đường ĐT609"
    assert names([project.investor]) == ["Sở Giao thông vận tải tỉnh Quảng Nam"]
    assert (project.place.level.key, project.place.name) == ("xa", "Đại Lãnh")
    [stage] = project.stages
    assert (stage.stage.key, stage.date) == ("approval-in-principle", "2023-05-10")


def test_a_bare_du_an_refers_back_to_the_only_project():
    [project] = projects("Tin tức", DATELINE,
                         "Sáng 12/5, huyện khởi công dự án trường tiểu học Lý Tự Trọng.",
                         "Dự án do UBND huyện Núi Thành làm chủ đầu tư, tổng mức đầu tư 35 tỷ đồng.")
    assert names([project.investor]) == ["Ủy ban nhân dân huyện Núi Thành"]
    [stage] = project.stages
    assert (stage.stage.key, stage.date) == ("groundbreaking", "2023-05-12")


def test_a_planned_stage_is_no_stage():
    [project] = projects("Tin tức", DATELINE, "Dự án cầu Cẩm Kim dự kiến hoàn thành vào năm 2024.",
                         "Dự án cầu Cẩm Kim sẽ khánh thành trong tháng 9.")
    assert project.stages == []


def test_projects_in_general_are_no_project():
    assert projects("Tin tức", DATELINE, "Các dự án đầu tư công trên địa bàn tỉnh cần được giải ngân kịp thời; "
                    "kế hoạch đầu tư công trung hạn và dự án đầu tư công trung hạn được điều chỉnh.") == []


def test_two_projects_in_one_sentence_leave_the_investor_unsaid():
    found = projects("Tin tức", DATELINE, "Dự án cầu Cẩm Kim và dự án đường Võ Chí Công do Sở Giao thông vận tải "
                     "làm chủ đầu tư.")
    assert len(found) == 2 and all(p.investor is None for p in found)


def test_a_total_that_is_no_sum_of_money_is_no_investment():
    [project] = projects("Tin tức", DATELINE, "Dự án kè sông Vu Gia có tổng kinh phí 3 hạng mục.")
    assert project.total_investment is None


# --- the graph: one IRI for the document, one for the project, and the chain from figures to projects ---

def test_the_document_and_its_project_keep_one_iri_each_linked():
    graph = emit([facts("Tin tức", DATELINE, REVIEW, "Thực hiện Kế hoạch số 45-KH/TU, toàn tỉnh có 320 hộ làm du lịch.")])
    project = URIRef(ID + "project/quang-nam/45-kh-tu")
    assert (project, URIRef(VNKG + "establishedBy"), URIRef(ID + "document/quang-nam/45-kh-tu")) in graph
    assert (project, RDF.type, URIRef(VNKG + "Project")) in graph
    inferred = infer(graph, ontology_graph())
    reporting = set(inferred.subjects(URIRef(VNKG + "reportsOnProject"), project))
    assert len(reporting) == 1


def test_the_fast_reasoner_applies_property_chains_as_owlrl_does():
    graph = Graph().parse(format="turtle", data=f"""
        @prefix vnkg: <{VNKG}> .
        <{ID}statistic/a/1> vnkg:reportsOn <{ID}document/x/1> .
        <{ID}award/a/1> vnkg:forDocument <{ID}document/x/1> .
        <{ID}project/x/1> vnkg:establishedBy <{ID}document/x/1> .""")
    fast, reference = set(infer(graph, ontology_graph())), set(infer_owlrl(graph, ontology_graph()))
    assert fast == reference
    assert (URIRef(ID + "statistic/a/1"), URIRef(VNKG + "reportsOnProject"), URIRef(ID + "project/x/1")) in fast
    assert (URIRef(ID + "award/a/1"), URIRef(VNKG + "forProject"), URIRef(ID + "project/x/1")) in fast


def test_a_stage_is_an_owl_time_instant_with_its_date():
    graph = emit([facts("Tin tức", DATELINE, "Sáng 12/5, huyện khởi công dự án trường tiểu học Lý Tự Trọng.")])
    [stage] = graph.subjects(RDF.type, URIRef(VNKG + "ProjectStage"))
    assert (stage, URIRef("http://www.w3.org/2006/time#inXSDDate"), Literal("2023-05-12", datatype=XSD.date)) in graph


# --- the bundled article: its two Đề án as projects -----------------------------------------------------

def _rows(build, name):
    import csv
    import io
    from conftest import run_vnkg
    done = run_vnkg("query", name, "--data", build, "--format", "csv")
    assert done.returncode == 0, done.stderr.decode()
    reader = csv.DictReader(io.StringIO(done.stdout.decode("utf-8"), newline=""))
    return reader.fieldnames, list(reader)


def test_the_bundled_article_yields_its_two_schemes_as_projects_with_owner_lead_period_and_figures(seed_build):
    header, rows = _rows(seed_build, "projects")
    assert header[:7] == ["project", "kind", "title", "owner", "periodStart", "periodEnd", "document"]
    assert {(r["document"], r["kind"], r["owner"], r["periodStart"], r["periodEnd"]) for r in rows} == {
        ("06-ĐA/TU", "programme of work", "Tỉnh ủy Cao Bằng", "2017", "2020"),
        ("07-ĐA/TU", "programme of work", "Tỉnh ủy Cao Bằng", "2017", "2020")}
    _, bodies = _rows(seed_build, "project-bodies")
    assert {(r["project"].rsplit("/", 1)[-1], r["role"], r["body"]) for r in bodies} == {
        ("06-da-tu", "lead", "Ban Tuyên giáo Tỉnh ủy Cao Bằng"), ("07-da-tu", "lead", "Ban Tuyên giáo Tỉnh ủy Cao Bằng")}
    _, results = _rows(seed_build, "project-results")
    figures = {}
    for r in results:
        figures.setdefault(r["project"].rsplit("/", 1)[-1], set()).add(r["figure"])
    # the figures of the paragraphs on both Đề án reach both; those on Đề án 07 alone reach 07 (by the chain)
    assert "trên 6.400 phiếu" in figures["06-da-tu"] and "trên 6.400 phiếu" in figures["07-da-tu"]
    assert "18.389 hội nghị" in figures["07-da-tu"] and "18.389 hội nghị" not in figures["06-da-tu"]


def test_the_investment_article_yields_investor_place_total_investment_and_stage(fixtures_build):
    _, rows = _rows(fixtures_build, "projects")
    [project] = [r for r in rows if r["kind"] == "investment project"]
    assert (project["owner"], project["place"]) == ("Ủy ban nhân dân huyện Hải Lăng", "xã Hải Phong")
    _, bodies = _rows(fixtures_build, "project-bodies")
    assert [(r["role"], r["body"]) for r in bodies if r["project"] == project["project"]] == [
        ("investor", "Ủy ban nhân dân huyện Hải Lăng")]
    _, results = _rows(fixtures_build, "project-results")
    assert [(r["figure"], r["reported"]) for r in results if r["project"] == project["project"]] == [
        ("85 tỷ đồng", "total investment")]
    _, stages = _rows(fixtures_build, "project-stages")
    assert [(r["stage"], r["date"]) for r in stages if r["project"] == project["project"]] == [
        ("groundbreaking", "2024-03-15")]


def test_the_build_summary_counts_projects(tmp_path):
    from conftest import run_vnkg
    done = run_vnkg("build", "-o", tmp_path / "build")
    assert done.returncode == 0 and "2 projects" in done.stdout.decode()
