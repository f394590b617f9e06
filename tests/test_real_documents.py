"""Documents as real articles cite them: one phenomenon per test, in sentences written for these tests."""
from vnkg.emit import org_label, post_label
from vnkg.extraction import extract
from vnkg.facts import PostRef
from vnkg.text import normalize


def article(body: str) -> str:
    return normalize(f"Hòa Bình: hội nghị sơ kết\nCập nhật: 10:00 | 12/01/2021\n{body}\nPhóng viên Nam\n")


def documents(body: str):
    return extract(article(body)).documents


def issuer(document) -> str | None:
    if document.issuer is None:
        return None
    return post_label(document.issuer) if isinstance(document.issuer, PostRef) else org_label(document.issuer)


def test_a_number_declared_with_its_abbreviation_is_one_document_and_no_figure():
    facts = extract(article("Sau 3 năm thực hiện Nghị quyết (NQ) 17 của Tỉnh ủy, toàn tỉnh có 12 xã đạt chuẩn. "
                            "Kết quả thực hiện NQ 17 đạt 95%."))
    (document,) = facts.documents
    assert (document.identifier, document.kind.label_vi) == ("17", "Nghị quyết")
    assert [s.value for s in facts.statistics] == [12, 95]


def test_a_kind_and_a_bare_number_without_so():
    (document,) = documents("Hội nghị sơ kết 3 năm thực hiện Chỉ thị 15 trên địa bàn huyện.")
    assert (document.identifier, document.kind.label_vi) == ("15", "Chỉ thị")


def test_a_plan_of_five_years_is_no_document():
    assert documents("Toàn tỉnh hoàn thành Kế hoạch 5 năm và Nghị quyết 3 năm về đích sớm.") == []


def test_two_numbers_after_one_kind():
    found = documents("Tỉnh ủy quán triệt Chỉ thị số 11 và 12 của Ban Bí thư trong toàn Đảng bộ.")
    assert [(d.identifier, d.kind.label_vi, issuer(d)) for d in found] == [
        ("11", "Chỉ thị", "Ban Bí thư"), ("12", "Chỉ thị", "Ban Bí thư")]


def test_three_spellings_of_the_central_code_are_one_document():
    found = documents("Tổng kết Chỉ thị 07-CT/T.Ư của Bộ Chính trị. Chỉ thị 07-CT/TƯ được quán triệt. "
                      "Nhiều chi bộ học tập Chỉ thị số 07-CT/TW.")
    assert [d.identifier for d in found] == ["07-CT/T.Ư"]


def test_a_conclusion_cited_without_so():
    (document,) = documents("Sơ kết 3 năm thực hiện Kết luận 81-KL/TW của Ban Bí thư Trung ương.")
    assert (document.identifier, document.kind.label_vi, issuer(document)) == ("81-KL/TW", "Kết luận", "Ban Bí thư")


def test_an_identifier_with_a_year():
    (document,) = documents("HĐND tỉnh thông qua Nghị quyết số 21/2023/NQ-HĐND về mức chi hỗ trợ.")
    assert (document.identifier, issuer(document)) == ("21/2023/NQ-HĐND", "Hội đồng nhân dân tỉnh Hòa Bình")


def test_a_decision_of_the_prime_minister_by_its_code():
    (document,) = documents("Theo Quyết định 1719/QĐ-TTg, tỉnh được hỗ trợ 30 tỷ đồng.")
    assert (document.identifier, issuer(document)) == ("1719/QĐ-TTg", "Thủ tướng Chính phủ")


def test_a_provincial_decision_with_a_year_and_its_date():
    (document,) = documents("Thực hiện Quyết định số 14/2019/QĐ-UBND ngày 02/4/2019 của UBND tỉnh về việc khen thưởng.")
    assert (document.identifier, document.date, issuer(document)) == (
        "14/2019/QĐ-UBND", "2019-04-02", "Ủy ban nhân dân tỉnh Hòa Bình")


def test_spaces_around_the_separators_are_kept_as_written():
    found = documents("Căn cứ Hướng dẫn số 518/HD – UBND ngày 3 tháng 10 năm 2019 của UBND tỉnh và Hướng dẫn "
                      "số 07 /HD- UBND ngày 9 tháng 10 năm 2019 của UBND huyện Lạc Sơn, Hội đồng họp xét.")
    assert [(d.identifier, d.date, issuer(d)) for d in found] == [
        ("518/HD – UBND", "2019-10-03", "Ủy ban nhân dân tỉnh Hòa Bình"),
        ("07 /HD- UBND", "2019-10-09", "Ủy ban nhân dân huyện Lạc Sơn")]


def test_a_spaced_code_does_not_swallow_the_next_body():
    (document,) = documents("Theo Quyết định số 90/QĐ-UBND - UBND tỉnh giao chỉ tiêu cho các huyện.")
    assert document.identifier == "90/QĐ-UBND"


def test_the_central_committee_issues_and_its_term_is_left_out():
    (document,) = documents("Hội nghị tổng kết Nghị quyết số 26-NQ/TW, ngày 5/8/2008 của Ban Chấp hành Trung ương "
                            "Đảng (khóa X) về “Nông nghiệp, nông dân, nông thôn”.")
    assert (document.date, issuer(document), document.title) == (
        "2008-08-05", "Ban Chấp hành Trung ương Đảng", "Nông nghiệp, nông dân, nông thôn")


def test_national_bodies_issue_by_cua():
    found = documents("Triển khai Nghị quyết số 43/2022/QH15 của Quốc hội và Nghị định số 31/2022/NĐ-CP của Chính phủ.")
    assert [issuer(d) for d in found] == ["Quốc hội", "Chính phủ"]


def test_national_bodies_issue_by_code():
    found = documents("Triển khai Nghị định số 31/2022/NĐ-CP và Nghị quyết số 43/2022/QH15.")
    assert [(d.identifier, issuer(d)) for d in found] == [("31/2022/NĐ-CP", "Chính phủ"), ("43/2022/QH15", "Quốc hội")]


def test_a_date_before_the_identifier_in_words():
    (document,) = documents("Ngày 5 tháng 4 năm 2019, UBND tỉnh ban hành Quyết định số 812/QĐ-UBND về việc "
                            "thành lập Ban Chỉ đạo.")
    assert (document.date, issuer(document)) == ("2019-04-05", "Ủy ban nhân dân tỉnh Hòa Bình")


def test_an_office_that_signs_is_the_issuer():
    (document,) = documents("Ngày 12 tháng 5 năm 2018 Chủ tịch UBND tỉnh đã ký ban hành Quyết định số 771/QĐ-UBND.")
    assert (document.date, issuer(document)) == ("2018-05-12", "Chủ tịch Ủy ban nhân dân tỉnh Hòa Bình")


def test_a_dashed_date_after_the_identifier():
    (document,) = documents("Căn cứ Nghị quyết số 15/2021/NQ-HĐND ngày 9-7-2021 của HĐND tỉnh, UBND tỉnh phân bổ vốn.")
    assert document.date == "2021-07-09"


def test_a_date_opening_the_next_clause_is_not_the_document_s():
    (document,) = documents("Thực hiện Nghị quyết số 05-NQ/TU, ngày 12/3/2021, Ban Thường vụ Huyện ủy tổ chức "
                            "hội nghị.")
    assert document.date is None


def test_a_quoted_title_and_a_period_inside_it():
    (document,) = documents("Sau 2 năm thực hiện Nghị quyết số 04-NQ/TU ngày 10/12/2020, nghị quyết chuyên đề của "
                            "Ban Chấp hành Đảng bộ tỉnh “Về phát triển du lịch giai đoạn 2021-2025”, "
                            "du lịch tăng trưởng.")
    assert (document.title, document.period, issuer(document)) == (
        "Về phát triển du lịch giai đoạn 2021-2025", (2021, 2025), "Tỉnh ủy Hòa Bình")


def test_a_bare_number_with_its_date_issuer_and_quoted_title():
    (document,) = documents("Tổng kết Nghị quyết số 36 ngày 1/7/2014 của Bộ Chính trị “Về đẩy mạnh công nghệ "
                            "thông tin”.")
    assert (document.identifier, document.date, issuer(document), document.title) == (
        "36", "2014-07-01", "Bộ Chính trị", "Về đẩy mạnh công nghệ thông tin")


def test_a_bare_number_refers_back_to_the_full_identifier():
    found = documents("Thực hiện Nghị quyết số 09-NQ/TU của Tỉnh ủy, tỉnh đạt nhiều kết quả. Nghị quyết 09 đã đi vào "
                      "cuộc sống.")
    assert [d.identifier for d in found] == ["09-NQ/TU"]


def test_an_adverb_between_the_subject_and_ban_hanh():
    (document,) = documents("Ban Thường vụ Tỉnh ủy đã kịp thời ban hành Kế hoạch số 112-KH/TU để quán triệt.")
    assert issuer(document) == "Ban Thường vụ Tỉnh ủy Hòa Bình"


def test_a_document_issued_jointly_has_no_single_issuer():
    (document,) = documents("Tỉnh ủy quán triệt Kết luận số 14-KL/TW của Bộ Chính trị, Ban Bí thư về công tác cán bộ.")
    assert document.issuer is None


def test_an_unquoted_title_after_ve_runs_to_the_end_of_the_clause():
    (document,) = documents("Hội nghị sơ kết Đề án số 04 của Ban Thường vụ Tỉnh ủy về nâng cao chất lượng sinh hoạt "
                            "chi bộ giai đoạn 2021-2025; đồng thời triển khai nhiệm vụ năm 2023.")
    assert (document.title, document.period) == (
        "nâng cao chất lượng sinh hoạt chi bộ giai đoạn 2021-2025", (2021, 2025))


def test_figures_inside_an_unquoted_title_are_still_read():
    facts = extract(article("Quyết định số 310/QĐ-UBND về việc hỗ trợ 25 hộ nghèo xây nhà."))
    assert facts.documents[0].title == "việc hỗ trợ 25 hộ nghèo xây nhà"
    assert [s.value for s in facts.statistics] == [25]


def test_the_body_s_quoted_title_wins_over_the_headline_s_loose_one():
    facts = extract(normalize("Hòa Bình: sơ kết Chỉ thị số 09-CT/TU về dân vận\nCập nhật: 10:00 | 12/01/2021\n"
                              "Ngày 11/1, Tỉnh ủy sơ kết Chỉ thị số 09-CT/TU của Tỉnh ủy về “Tăng cường công tác "
                              "dân vận ở cơ sở”.\nPhóng viên Nam\n"))
    assert facts.documents[0].title == "Tăng cường công tác dân vận ở cơ sở"


def test_a_plenum_before_the_central_committee_and_a_quoted_title():
    (document,) = documents("Quán triệt Nghị quyết số 21-NQ/TW, ngày 16/6/2022 Hội nghị lần thứ năm Ban Chấp hành "
                            "Trung ương Đảng khóa XIII “Về tăng cường củng cố tổ chức cơ sở đảng”.")
    assert (issuer(document), document.title) == (
        "Ban Chấp hành Trung ương Đảng", "Về tăng cường củng cố tổ chức cơ sở đảng")


def test_a_qualifier_between_the_kind_and_so():
    (document,) = documents("Tỉnh ủy ban hành Nghị quyết chuyên đề số 05-NQ/TU về phát triển du lịch.")
    assert (document.identifier, document.kind.label_vi) == ("05-NQ/TU", "Nghị quyết")


def test_a_scheme_named_by_a_quantity_is_no_citation():
    assert documents("Tỉnh tham gia Đề án 1 triệu ha lúa chất lượng cao.") == []


def test_a_body_opening_the_next_clause_is_no_joint_issuer():
    (document,) = documents("Theo Quyết định số 240/QĐ-UBND của UBND tỉnh, Chủ tịch UBND tỉnh đã trao Bằng khen.")
    assert issuer(document) == "Ủy ban nhân dân tỉnh Hòa Bình"


def test_a_resolution_named_after_its_congress_is_not_the_cited_one():
    facts = extract(article("Thực hiện Nghị quyết số 09-NQ/TU, toàn tỉnh có 40 xã đạt chuẩn.\n"
                            "Nghị quyết Đại hội Đảng bộ tỉnh đặt mục tiêu 60 xã đạt chuẩn."))
    assert [(s.value, s.document) for s in facts.statistics] == [(40, "09-NQ/TU"), (60, None)]


def test_a_list_of_identifiers_after_one_kind():
    found = documents("Tỉnh ủy quán triệt Nghị quyết số 01-NQ/TU, 02-NQ/TU và số 03-NQ/TU của Ban Thường vụ Tỉnh ủy.")
    assert [(d.identifier, issuer(d)) for d in found] == [
        ("01-NQ/TU", "Ban Thường vụ Tỉnh ủy Hòa Bình"), ("02-NQ/TU", "Ban Thường vụ Tỉnh ủy Hòa Bình"),
        ("03-NQ/TU", "Ban Thường vụ Tỉnh ủy Hòa Bình")]


def test_a_letter_names_its_body_before_the_department():
    (document,) = documents("Thực hiện Văn bản số 4120/UBND-VX, các huyện rà soát hộ nghèo.")
    assert (document.kind.label_vi, issuer(document)) == ("Văn bản", "Ủy ban nhân dân tỉnh Hòa Bình")


def test_a_date_in_brackets_after_the_identifier():
    (document,) = documents("Quán triệt Chỉ thị số 18-CT/TU (ngày 3/4/2019) của Ban Thường vụ Tỉnh ủy về phòng "
                            "chống thiên tai.")
    assert (document.date, issuer(document)) == ("2019-04-03", "Ban Thường vụ Tỉnh ủy Hòa Bình")


def test_no_loose_title_in_a_lead_in_phrase():
    facts = extract(article("Thực hiện Kết luận số 03-KL/TW của Bộ Chính trị về công tác cán bộ, toàn tỉnh có "
                            "120 mô hình."))
    assert facts.documents[0].title is None


def test_a_bare_number_followed_by_a_noun_is_no_citation():
    assert documents("Đề án 2 giai đoạn được triển khai. Nghị quyết 4 Trung ương khóa XII về xây dựng Đảng.") == []


def test_a_document_known_by_its_number_is_named_with_its_kind_and_issuer():
    from rdflib import URIRef
    from vnkg.emit import Emitter
    emitter = Emitter()
    emitter.article(extract(article("Sơ kết Chỉ thị 15 của Ban Bí thư trên địa bàn tỉnh.")), URIRef("urn:x-build:1"))
    documents_named = {str(s).rsplit("/", 1)[-1] for s, _, _ in emitter.triples if "/id/document/" in str(s)}
    assert documents_named == {"chi-thi-15-vn-ban-bi-thu"}


def test_a_date_followed_by_the_next_clause_s_subject_is_not_the_document_s():
    (document,) = documents("Sau 1 năm thực hiện Nghị quyết số 07-NQ/TU, ngày 20/5/2022 Tỉnh ủy tổ chức sơ kết.")
    assert document.date is None


def test_an_issuer_written_without_cua_before_the_title():
    (document,) = documents("Quán triệt Chỉ thị số 06-CT/TW ngày 15/5/2016 Bộ Chính trị (khóa XII) về đẩy mạnh học tập.")
    assert (document.date, issuer(document)) == ("2016-05-15", "Bộ Chính trị")


def test_a_headline_in_capitals():
    facts = extract(normalize("TỈNH ỦY BAN HÀNH NGHỊ QUYẾT SỐ 05-NQ/TU VỀ DU LỊCH\nCập nhật: 10:00 | 12/01/2021\n"
                              "Tỉnh ủy vừa ban hành nghị quyết về du lịch.\nPhóng viên Nam\n"))
    assert [d.identifier for d in facts.documents] == ["05-NQ/TU"]


def test_a_date_written_on_at_once_is_the_document_s_before_the_next_clause():
    (document,) = documents("Thực hiện Nghị quyết số 31 ngày 4/11/2013, Bộ Giáo dục và Đào tạo tổ chức hội nghị.")
    assert (document.identifier, document.date) == ("31", "2013-11-04")


def test_ngay_cang_after_a_number_is_no_day():
    (document,) = documents("Chỉ thị 42 ngày càng đi vào cuộc sống.")
    assert (document.identifier, document.date) == ("42", None)
