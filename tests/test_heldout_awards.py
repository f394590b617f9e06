"""Award conferrals as held-out real articles of the genre write them (measured on articles kept out of the
project): one phenomenon per test, with sentences written for these tests (invented people, places and numbers)."""
from vnkg.extraction import extract
from vnkg.text import normalize
from genre import award_rows as rows


def facts_of(body: str, title: str = "Sơn La: lễ trao tặng huân chương") -> "object":
    return extract(normalize(f"{title}\nCập nhật: 09:15 | 20/07/2021\n{body}\nPhóng viên Lan\n"))


# --- orders and medals of a foreign state ---------------------------------------------------------

def test_an_order_of_the_lao_state_is_conferred_by_the_lao_state_not_by_viet_nam():
    facts = facts_of("Sáng 19/7, tại lễ kỷ niệm, UBND tỉnh trao Huân chương Lao động hạng Ba của Nhà nước Lào cho "
                     "03 cá nhân và Huân chương Hữu nghị của Nhà nước Cộng hòa dân chủ nhân dân Lào cho 2 tập thể.")
    assert rows(facts) == [("Huân chương Hữu nghị", "Nhà nước Lào", "collective", 2),
                           ("Huân chương Lao động hạng Ba", "Nhà nước Lào", "individual", 3)]


def test_a_state_written_in_lowercase_after_cua_with_its_abbreviated_formal_name():
    facts = facts_of("Dịp này, Sở Lao động trao Huân chương Hữu nghị của nước CHDCND Lào cho 4 cá nhân.")
    assert rows(facts) == [("Huân chương Hữu nghị", "Nhà nước Lào", "individual", 4)]


def test_lao_orders_by_their_lao_names_in_a_list_governed_by_one_verb():
    facts = facts_of("Tại buổi lễ, Bộ Chỉ huy Quân sự tỉnh trao tặng Huân chương Ítxala hạng Nhất của Nhà nước Lào "
                     "cho 05 cá nhân; Huân chương Xanalợt của nước CHDCND Lào cho 12 cá nhân; Huy chương chống Mỹ "
                     "của nước CHDCND Lào cho 31 cá nhân.")
    assert rows(facts) == [("Huy chương chống Mỹ", "Nhà nước Lào", "individual", 31),
                           ("Huân chương Itxala hạng Nhất", "Nhà nước Lào", "individual", 5),
                           ("Huân chương Xanalợt", "Nhà nước Lào", "individual", 12)]


def test_the_president_named_after_a_foreign_state_is_still_viet_nams():
    facts = facts_of("Ngày 2/12, tỉnh dự lễ kỷ niệm Quốc khánh của Nhà nước Lào. Cũng dịp này, "
                     "Chủ tịch nước tặng Huân chương Độc lập hạng Ba cho 04 gia đình.")
    assert rows(facts) == [("Huân chương Độc lập hạng Ba", "Chủ tịch Nhà nước", "collective", 4)]


def test_nha_nuoc_then_a_conjunction_is_not_a_foreign_state():
    facts = facts_of("Nhân dịp này, Ban Thường vụ Tỉnh ủy tặng Bằng khen của Nhà nước và nhân dân Lào cho 2 tập thể.")
    assert all(r[1] != "Nhà nước Lào" for r in rows(facts))


# --- the conferrer signs the decision that confers ------------------------------------------------

def test_the_office_that_signs_a_numbered_decision_confers():
    facts = facts_of("Ngày 5/3/2024, Chủ tịch nước đã ký Quyết định số 412/QĐ-CTN tặng thưởng Huân chương Lao động "
                     "hạng Ba cho 4 cá nhân thuộc Sở Y tế.")
    assert [(r[0], r[1], r[3]) for r in rows(facts)] == [("Huân chương Lao động hạng Ba", "Chủ tịch Nhà nước", 4)]
    assert [a.document for a in facts.awards] == ["412/QĐ-CTN"]


def test_the_code_inside_a_decisions_number_is_not_its_signer():
    facts = facts_of("Ngày 5/3/2024, Chủ tịch UBND tỉnh đã ký Quyết định số 88/QĐ-UBND tặng Bằng khen cho 14 tập thể.")
    assert [r[1] for r in rows(facts)] == ["Chủ tịch Ủy ban nhân dân tỉnh Sơn La"]


# --- recipients between the verb and the award -----------------------------------------------------

def test_a_quoted_unit_between_the_verb_and_the_order_under_a_presidential_decree():
    facts = facts_of("Ghi nhận công lao đó, ngày 20/5/1950, Chủ tịch Hồ Chí Minh đã ký sắc lệnh số 17/SL tặng thưởng "
                     "“Trung đoàn Sông Lô” Huân chương Quân công hạng Nhì.")
    assert [(r[0], r[2], r[3]) for r in rows(facts)] == [("Huân chương Quân công hạng Nhì", "collective", 1)]
    assert [a.document for a in facts.awards] == ["17/SL"]


def test_counts_between_the_verb_and_the_award():
    facts = facts_of("Dịp này, Chủ tịch UBND tỉnh tặng thưởng 5 tập thể và 7 cá nhân Bằng khen vì có thành tích xuất sắc.")
    assert rows(facts) == [("Bằng khen", "Chủ tịch Ủy ban nhân dân tỉnh Sơn La", "collective", 5),
                           ("Bằng khen", "Chủ tịch Ủy ban nhân dân tỉnh Sơn La", "individual", 7)]


def test_a_named_body_between_the_verb_and_the_order():
    facts = facts_of("Ngày 3/2/2015, Chủ tịch nước tặng thưởng Tỉnh ủy Lai Châu Huân chương Lao động hạng Nhất.")
    assert rows(facts) == [("Huân chương Lao động hạng Nhất", "Chủ tịch Nhà nước", "collective", 1)]


def test_a_capitalised_word_that_names_no_body_is_no_recipient():
    facts = facts_of("Dịp này, Chủ tịch UBND tỉnh trao Quyết định Huân chương Lao động hạng Ba.")
    assert rows(facts) == []


# --- the conferrer as the sentence writes it ------------------------------------------------------

WRITTEN = """Ninh Thuận: phụ nữ tỉnh tổng kết công tác năm
Cập nhật: 09:15 | 10/03/2022
Sáng 9/3/2022, Hội Liên hiệp Phụ nữ (LHPN) tỉnh Ninh Thuận tổng kết công tác năm 2021.
Nhân dịp này, Ban Thường vụ Hội LHPN tỉnh tặng Bằng khen cho 3 tập thể và 15 cá nhân; Chủ tịch UBND tỉnh tặng Bằng khen cho 4 tập thể.
Phóng viên Lan
"""


def test_the_awards_query_answers_with_the_conferrer_as_written_and_its_full_name(tmp_path):
    import csv
    import io
    from conftest import QUERIES, run_vnkg

    source = tmp_path / "article.txt"
    source.write_text(WRITTEN, encoding="utf-8")
    assert run_vnkg("build", source, "-o", tmp_path / "out").returncode == 0
    done = run_vnkg("query", QUERIES / "awards.rq", "--data", tmp_path / "out", "--format", "csv")
    assert done.returncode == 0, done.stderr.decode()
    found = {(r["conferredBy"], r["conferredByLabel"], r["recipientKind"], r["count"])
             for r in csv.DictReader(io.StringIO(done.stdout.decode()))}
    assert found == {
        ("Ban Thường vụ Hội LHPN tỉnh", "Ban Thường vụ Hội Liên hiệp Phụ nữ tỉnh Ninh Thuận", "collective", "3"),
        ("Ban Thường vụ Hội LHPN tỉnh", "Ban Thường vụ Hội Liên hiệp Phụ nữ tỉnh Ninh Thuận", "individual", "15"),
        ("Chủ tịch UBND tỉnh", "Chủ tịch Ủy ban nhân dân tỉnh Ninh Thuận", "collective", "4")}


# --- emulation titles by level ---------------------------------------------------------------------

def test_quoted_emulation_titles_each_with_its_recipients():
    facts = facts_of("Dịp này, Chủ tịch UBND tỉnh tặng danh hiệu “Tập thể lao động xuất sắc” cho 15 tập thể và danh "
                     "hiệu “Chiến sĩ thi đua cấp tỉnh” cho 7 cá nhân.")
    assert [(r[0], r[2], r[3]) for r in rows(facts)] == [("Chiến sĩ thi đua cấp tỉnh", "individual", 7),
                                                          ("Tập thể lao động xuất sắc", "collective", 15)]


def test_an_individuals_title_inside_a_collectives_title_is_the_collectives():
    facts = facts_of("Dịp này, Giám đốc Sở Y tế tặng danh hiệu Lao động tiên tiến cho 40 cá nhân; Tập thể lao động "
                     "tiên tiến cho 6 tập thể.")
    assert [(r[0], r[2], r[3]) for r in rows(facts)] == [("Lao động tiên tiến", "individual", 40),
                                                          ("Tập thể lao động tiên tiến", "collective", 6)]


# --- Party membership badges by class ---------------------------------------------------------------

def test_each_badge_class_is_its_own_row_with_leading_zero_counts():
    facts = facts_of("Đợt này có 41 đảng viên được trao Huy hiệu 30 năm tuổi đảng; 07 đảng viên được trao Huy hiệu "
                     "60 năm tuổi đảng; 01 đảng viên được trao Huy hiệu 75 năm tuổi đảng.")
    assert rows(facts) == [("Huy hiệu 30 năm tuổi Đảng", "", "individual", 41),
                           ("Huy hiệu 60 năm tuổi Đảng", "", "individual", 7),
                           ("Huy hiệu 75 năm tuổi Đảng", "", "individual", 1)]


def test_the_badge_told_before_its_classes_is_their_summary_and_lends_them_its_conferrer():
    facts = facts_of("Sáng 2/2, Ban Thường vụ Tỉnh ủy trao Huy hiệu Đảng cho 120 đảng viên lão thành. Theo đó, 20 "
                     "đảng viên nhận Huy hiệu 70 năm tuổi Đảng và 100 đảng viên nhận Huy hiệu 50 năm tuổi Đảng.")
    assert rows(facts) == [("Huy hiệu 50 năm tuổi Đảng", "Ban Thường vụ Tỉnh ủy Sơn La", "individual", 100),
                           ("Huy hiệu 70 năm tuổi Đảng", "Ban Thường vụ Tỉnh ủy Sơn La", "individual", 20)]


def test_a_list_of_classes_is_the_badge_itself():
    facts = facts_of("Dịp này, 3 chi bộ có 25 đảng viên được nhận Huy hiệu 70 năm, 60 năm và 50 năm tuổi Đảng.")
    assert [(r[0], r[3]) for r in rows(facts)] == [("Huy hiệu Đảng", 25)]


# --- a colon opening the list ------------------------------------------------------------------------

def test_a_colon_after_cho_opens_the_recipients():
    facts = facts_of("Dịp này, Chủ tịch UBND tỉnh tặng Bằng khen cho: 5 tập thể, 7 cá nhân.")
    assert [(r[2], r[3]) for r in rows(facts)] == [("collective", 5), ("individual", 7)]


def test_a_colon_after_the_verb_opens_a_list_of_awards_one_body_confers():
    facts = facts_of("Dịp này, UBND tỉnh đã khen thưởng: Cờ thi đua cho 2 đơn vị; Bằng khen cho 9 tập thể và 13 cá nhân.")
    assert rows(facts) == [("Bằng khen", "Ủy ban nhân dân tỉnh Sơn La", "collective", 9),
                           ("Bằng khen", "Ủy ban nhân dân tỉnh Sơn La", "individual", 13),
                           ("Cờ thi đua", "Ủy ban nhân dân tỉnh Sơn La", "collective", 2)]


# --- tallies over a term or a period -----------------------------------------------------------------

def test_a_tally_over_the_term_or_the_period_confers_nothing():
    for opening in ("Trong nhiệm kỳ", "Trong giai đoạn này", "Nhiệm kỳ vừa qua"):
        facts = facts_of(f"{opening}, Hội có 40 tập thể được tặng Bằng khen của Chủ tịch UBND tỉnh.")
        assert rows(facts) == [], opening


def test_a_term_in_the_name_of_the_congress_is_no_tally():
    facts = facts_of("Tại đại hội nhiệm kỳ 2021 - 2026, Ban Thường vụ Tỉnh ủy tặng Bằng khen cho 40 tập thể.")
    assert [(r[0], r[3]) for r in rows(facts)] == [("Bằng khen", 40)]


def test_a_named_person_between_the_signed_decision_and_the_title():
    facts = facts_of("Ngày 12/5/2023, Chủ tịch nước đã ký Quyết định số 512/QĐ-CTN truy tặng liệt sĩ Nguyễn Văn Bình "
                     "danh hiệu Anh hùng Lực lượng vũ trang nhân dân.")
    assert rows(facts) == [("Anh hùng Lực lượng vũ trang nhân dân", "Chủ tịch Nhà nước", "individual", 1)]
    assert [n.name for a in facts.awards for n in a.named] == ["Nguyễn Văn Bình"]
