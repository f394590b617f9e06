"""Each recognizer on a sentence or two of the genre, in the word orders the articles use."""
from datetime import date

from vnkg.emit import org_label, post_label
from vnkg.extraction import extract
from vnkg.facts import PostRef
from vnkg.recognize.dates import resolve_day_month
from vnkg.text import normalize


def article(body: str, title: str = "Cao Bằng: hội nghị", updated: str = "12/01/2021") -> str:
    return normalize(f"{title}\nCập nhật: 10:00 | {updated}\n{body}\nPhóng viên Nam\n")


def facts_of(body: str, **kwargs):
    return extract(article(body, **kwargs))


def holdings(facts):
    return sorted((h.person, post_label(h.post)) for h in facts.holdings)


# --- dates -------------------------------------------------------------------------------------

def test_a_day_and_month_take_the_year_of_the_article():
    assert resolve_day_month(12, 1, date(2021, 1, 12)) == date(2021, 1, 12)


def test_a_date_after_the_article_is_last_year_s():
    assert resolve_day_month(29, 12, date(2021, 1, 4)) == date(2020, 12, 29)


def test_event_date_across_the_year_boundary():
    facts = facts_of("Chiều 29/12, Tỉnh ủy tổ chức hội nghị tổng kết công tác dân vận.", updated="04/01/2021")
    assert facts.events[0].date == "2020-12-29"


def test_event_date_with_its_year_is_not_the_page_date():
    facts = facts_of("Ngày 24/11/2022, Tỉnh ủy tổ chức hội nghị sơ kết.", updated="25/11/2022")
    assert facts.events[0].date == "2022-11-24"


# --- statistics --------------------------------------------------------------------------------

def stats(body):
    return [(s.value, s.qualifier.label_en, s.unit) for s in facts_of(body).statistics]


def test_figures_with_qualifiers_and_units():
    assert stats("Toàn tỉnh có trên 6.400 phiếu, gần 87% ý kiến và khoảng 58,5 ha rừng; hơn 300 hội nghị.") == [
        (6400, "more than", "phiếu"), (87, "nearly", "%"), (58.5, "about", "ha"), (300, "more than", "hội nghị")]


def test_review_spans_years_and_periods_are_not_figures():
    assert stats("Qua 4 năm, đến cuối năm 2020, giai đoạn 2017 - 2020 đã có 57 xã đạt chuẩn.") == [(57, "exact", "xã")]


def test_two_figures_in_one_phrase():
    assert stats("Số thôn chưa có đảng viên giảm từ 14 thôn xuống còn 2 thôn.") == [(14, "exact", "thôn"), (2, "exact", "thôn")]


# --- documents ---------------------------------------------------------------------------------

LEAD = ("Sáng 12/1, Tỉnh ủy tiến hành hội nghị tổng kết thực hiện Đề án số 06-ĐA/TU, ngày 20/3/2017 của Tỉnh ủy về "
        "“Đổi mới công tác dư luận xã hội giai đoạn 2017 - 2020”.")


def test_a_full_reference_with_date_issuer_title_and_period():
    (document,) = facts_of(LEAD).documents
    assert (document.identifier, document.kind.label_vi, document.date) == ("06-ĐA/TU", "Đề án", "2017-03-20")
    assert document.title == "Đổi mới công tác dư luận xã hội giai đoạn 2017 - 2020"
    assert document.period == (2017, 2020)
    assert org_label(document.issuer) == "Tỉnh ủy Cao Bằng"


def test_a_period_after_the_closing_quote():
    (document,) = facts_of("Đề án số 03-ĐA/TU về “Nâng cao chất lượng báo cáo viên” giai đoạn 2018 - 2023 đạt kết quả.").documents
    assert document.period == (2018, 2023)


def test_a_short_reference_resolves_to_the_full_one():
    facts = facts_of(LEAD + "\nQua 4 năm thực hiện Đề án số 06, toàn tỉnh có 73 cán bộ.")
    (statistic,) = facts.statistics
    assert statistic.document == "06-ĐA/TU"


def test_a_non_breaking_space_inside_a_reference():
    (document,) = facts_of("Ban Thường vụ Tỉnh ủy tổng kết Chỉ thị số\u00a005-CT/TU về phát triển đảng viên.").documents
    assert document.identifier == "05-CT/TU"


def test_a_quoted_movement_is_not_a_document():
    assert facts_of("Toàn tỉnh xây dựng 743 mô hình “Dân vận khéo” giai đoạn 2016 - 2020.").documents == []


def test_a_decision_approves_a_scheme():
    facts = facts_of("UBND tỉnh ban hành Quyết định số 2150/QĐ-UBND, ngày 02/9/2020 phê duyệt Đề án số 25-ĐA/TU.")
    (relation,) = facts.relations
    assert (relation.subject, relation.relation.key, relation.object) == ("2150/QĐ-UBND", "approve", "25-ĐA/TU")


def test_the_subject_of_ban_hanh_issues_the_plan():
    facts = facts_of("Ban Thường vụ Tỉnh ủy đã ban hành Kế hoạch số 45-KH/TU, ngày 05/12/2017 để triển khai thực hiện.")
    assert org_label(facts.documents[0].issuer) == "Ban Thường vụ Tỉnh ủy Cao Bằng"


# --- organizations and persons -----------------------------------------------------------------

def test_ban_chap_hanh_dang_bo_tinh_is_the_tinh_uy():
    facts = facts_of("Ban Chấp hành Đảng bộ tỉnh và Tỉnh ủy Cao Bằng là một.")
    assert {org_label(o) for o in facts.organizations} == {"Tỉnh ủy Cao Bằng"}


def test_generic_lowercase_bodies_are_not_organizations():
    assert facts_of("Dự có bí thư các huyện ủy, thành ủy trực thuộc tỉnh ủy.").organizations == {}


def test_name_then_several_posts_in_one_apposition():
    facts = facts_of("Đồng chí Bế Thanh Tịnh, Ủy viên Ban Thường vụ, Trưởng Ban Tuyên giáo Tỉnh ủy chủ trì hội nghị.")
    assert holdings(facts) == [("Bế Thanh Tịnh", "Trưởng Ban Tuyên giáo Tỉnh ủy Cao Bằng"),
                               ("Bế Thanh Tịnh", "Ủy viên Ban Thường vụ Tỉnh ủy Cao Bằng")]


def test_posts_before_the_name():
    facts = facts_of("Phó Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh Nông Quang Khải phát biểu.")
    assert holdings(facts) == [("Nông Quang Khải", "Chủ tịch Hội đồng nhân dân tỉnh Cao Bằng"),
                               ("Nông Quang Khải", "Phó Bí thư Tỉnh ủy Cao Bằng")]


def test_a_colon_list_of_chairs():
    facts = facts_of("Sáng 12/1, Tỉnh ủy tổ chức hội nghị. Chủ trì hội nghị có các đồng chí: Nông Quang Khải, "
                     "Phó Bí thư Tỉnh ủy; Lý Thị Tươi, Trưởng Ban Tổ chức Tỉnh ủy.")
    assert facts.events[0].chairs == ["Nông Quang Khải", "Lý Thị Tươi"]


def test_a_post_alone_refers_back_to_its_holder():
    facts = facts_of("Đồng chí Hà Quang Thịnh, Phó Bí thư Thường trực Tỉnh ủy dự họp. "
                     "Đồng chí Phó Bí thư Thường trực Tỉnh ủy đề nghị các cấp ủy tiếp tục cố gắng.")
    assert len(facts.persons["Hà Quang Thịnh"]) == 2


def test_ong_and_ba_are_not_part_of_names():
    facts = facts_of("Các cá nhân tiêu biểu có ông Ma Văn Thắm (huyện Hàm Yên) và bà Hà Thị Diệp.")
    assert sorted(facts.persons) == ["Hà Thị Diệp", "Ma Văn Thắm"]


def test_a_district_body_without_its_name_is_the_article_s_district():
    facts = facts_of("Huyện ủy Bắc Mê tổ chức hội nghị. Ban Thường vụ Huyện ủy tặng Giấy khen cho 6 tập thể.")
    assert {org_label(a.conferrer) for a in facts.awards} == {"Ban Thường vụ Huyện ủy Bắc Mê"}


# --- awards ------------------------------------------------------------------------------------

AWARDS = ("Nhân dịp này, Ban Chấp hành Đảng bộ tỉnh tặng Bằng khen 4 tập thể, 5 cá nhân đã có thành tích xuất sắc trong "
          "thực hiện Đề án số 06-ĐA/TU; tặng Bằng khen 9 tập thể, 9 cá nhân trong thực hiện Đề án số 07-ĐA/TU.")


def test_a_second_clause_keeps_the_conferrer():
    rows = [(a.count, a.recipient_kind.label_en, a.document, org_label(a.conferrer)) for a in facts_of(AWARDS).awards]
    assert rows == [(4, "collective", "06-ĐA/TU", "Tỉnh ủy Cao Bằng"), (5, "individual", "06-ĐA/TU", "Tỉnh ủy Cao Bằng"),
                    (9, "collective", "07-ĐA/TU", "Tỉnh ủy Cao Bằng"), (9, "individual", "07-ĐA/TU", "Tỉnh ủy Cao Bằng")]


def test_an_award_in_the_name_of_an_office():
    (award, _) = facts_of("Chủ tịch UBND tỉnh tặng Bằng khen cho 5 tập thể, 7 cá nhân.").awards
    assert isinstance(award.conferrer, PostRef)
    assert post_label(award.conferrer) == "Chủ tịch Ủy ban nhân dân tỉnh Cao Bằng"


def test_named_recipients_join_their_conferral():
    facts = facts_of("Ban Chấp hành Đảng bộ tỉnh tặng Bằng khen cho 9 tập thể và 11 cá nhân. Trong số các tập thể được "
                     "khen thưởng có Ban Dân vận Huyện ủy Lâm Bình và Đảng ủy xã Kim Bình; các cá nhân tiêu biểu có ông "
                     "Ma Văn Thắm.")
    collective, individual = facts.awards
    assert sorted(org_label(n.org) for n in collective.named) == ["Ban Dân vận Huyện ủy Lâm Bình", "Đảng ủy xã Kim Bình"]
    assert [n.name for n in individual.named] == ["Ma Văn Thắm"]


def test_a_caption_presentation_to_both_kinds_has_no_recipient_kind():
    facts = facts_of("Trưởng Ban Dân vận Tỉnh ủy Chu Đức Lượng trao Bằng khen cho các tập thể, cá nhân.")
    (presentation,) = facts.presentations
    assert presentation.presenter == "Chu Đức Lượng" and presentation.recipient_kind is None


def test_the_headline_total():
    facts = facts_of("Hội nghị.", title="Cao Bằng: 27 tập thể, cá nhân được tặng Bằng khen")
    assert facts.meta.headline_total == 27


# --- layout ------------------------------------------------------------------------------------

def test_slugs_and_chrome_yield_no_facts_but_captions_do():
    text = normalize("Cao Bằng: tin\nCập nhật: 10:00 | 12/01/2021\nThân bài.\ncao bang tin\n"
                     "Phó Bí thư Tỉnh ủy Triệu Đình Lê trao Bằng khen cho các tập thể.\nVũ Tiệp\n"
                     "  • Xin chờ trong giây lát... Đồng chí Nguyễn Văn A, Bí thư Tỉnh ủy\n")
    facts = extract(text)
    assert facts.meta.author == "Vũ Tiệp"
    assert [p.presenter for p in facts.presentations] == ["Triệu Đình Lê"]
    assert "Nguyễn Văn A" not in facts.persons


def test_a_presentation_on_behalf_of_the_state_president_is_also_a_conferral():
    facts = facts_of("Thừa ủy quyền của Chủ tịch nước, đồng chí Phạm Thị Thanh Trà, Bí thư Tỉnh ủy trao Huân chương "
                     "Lao động hạng Ba cho 2 tập thể.")
    (presentation,) = facts.presentations
    assert post_label(presentation.on_behalf_of) == "Chủ tịch Nhà nước"
    (award,) = facts.awards
    assert (award.award.label_vi, award.grade.label_vi, award.count) == ("Huân chương Lao động", "hạng Ba", 2)
    assert facts.statistics == []


def test_two_clauses_with_the_same_key_stay_two_conferrals():
    from vnkg.emit import emit
    from vnkg.namespaces import VNKG
    from rdflib.namespace import RDF

    facts = facts_of("Ban Chấp hành Đảng bộ tỉnh tặng Bằng khen cho 4 tập thể có thành tích trong thực hiện Đề án số "
                     "06-ĐA/TU. Nhân dịp này, Ban Chấp hành Đảng bộ tỉnh tặng Bằng khen cho 3 tập thể có thành tích "
                     "trong thực hiện Đề án số 06-ĐA/TU.")
    graph = emit([facts])
    conferrals = set(graph.subjects(RDF.type, VNKG.AwardConferral))
    assert len(conferrals) == 2
    assert sorted(int(graph.value(c, VNKG.recipientCount)) for c in conferrals) == [3, 4]


def test_a_bare_day_and_month_is_not_a_date_without_a_day_part():
    facts = facts_of("Sáng 12/1, Tỉnh ủy tổ chức hội nghị. Tỷ lệ đạt 3/5 chỉ tiêu.")
    assert facts.events[0].date == "2021-01-12"
    assert [s.value for s in facts.statistics] == [3]    # "3/5 chỉ tiêu" is a ratio: its first number; 12/1 is none
