"""Award conferrals, presentations and headline totals, one phenomenon of real articles per test (sentences
written for these tests, in the genre's style)."""
from vnkg.extraction import extract
from genre import award_rows as rows
from vnkg.text import normalize


def article(body: str, title: str = "Tuyên Quang: hội nghị tổng kết") -> str:
    return normalize(f"{title}\nCập nhật: 10:00 | 12/03/2022\n{body}\nPhóng viên Hà\n")


def facts_of(body: str, **kwargs):
    return extract(article(body, **kwargs))


# --- conferrals --------------------------------------------------------------------------------

def test_passive_with_the_body_after_duoc():
    facts = facts_of("Có 7 tập thể và 15 cá nhân được Ban Thường vụ Huyện ủy Sơn Dương tặng Giấy khen.")
    assert rows(facts) == [("Giấy khen", "Ban Thường vụ Huyện ủy Sơn Dương", "collective", 7),
                           ("Giấy khen", "Ban Thường vụ Huyện ủy Sơn Dương", "individual", 15)]


def test_one_conferrer_for_several_clauses():
    facts = facts_of("Dịp này, Ban Thường vụ Tỉnh ủy đã tặng Bằng khen cho 9 tập thể, 4 cá nhân có thành tích "
                     "xuất sắc năm 2021; tặng Bằng khen 3 tập thể có thành tích trong công tác dân vận.")
    assert {r[1] for r in rows(facts)} == {"Ban Thường vụ Tỉnh ủy Tuyên Quang"}
    assert [r[3] for r in rows(facts)] == [3, 9, 4]


def test_an_office_confers_after_cua():
    facts = facts_of("Nhân dịp này, 11 tập thể được nhận Bằng khen của Chủ tịch UBND tỉnh.")
    assert rows(facts) == [("Bằng khen", "Chủ tịch Ủy ban nhân dân tỉnh Tuyên Quang", "collective", 11)]


def test_an_office_as_subject_confers():
    facts = facts_of("Tại hội nghị, Chủ tịch UBND tỉnh tặng Bằng khen cho 6 tập thể, 13 cá nhân.")
    assert {r[1] for r in rows(facts)} == {"Chủ tịch Ủy ban nhân dân tỉnh Tuyên Quang"}


def test_on_behalf_of_the_state_president_the_president_confers():
    facts = facts_of("Thừa ủy quyền của Chủ tịch nước, đồng chí Lê Văn Tâm, Phó Bí thư Tỉnh ủy trao Huân "
                     "chương Lao động hạng Ba cho 2 cá nhân.")
    assert rows(facts) == [("Huân chương Lao động hạng Ba", "Chủ tịch Nhà nước", "individual", 2)]
    assert [p.presenter for p in facts.presentations] == ["Lê Văn Tâm"]


def test_each_grade_is_its_own_conferral():
    facts = facts_of("Dịp này, Bộ Chỉ huy Quân sự tỉnh trao Huân chương Chiến công hạng Nhất cho 2 cá nhân, "
                     "hạng Nhì cho 3 cá nhân; hạng Ba cho 5 cá nhân.")
    assert [(r[0], r[3]) for r in rows(facts)] == [("Huân chương Chiến công hạng Ba", 5),
                                                   ("Huân chương Chiến công hạng Nhì", 3),
                                                   ("Huân chương Chiến công hạng Nhất", 2)]


def test_a_number_of_medals_before_the_award_is_not_a_recipient_count():
    facts = facts_of("Tại buổi lễ, đơn vị đã trao 3 Huân chương Bảo vệ Tổ quốc hạng Ba cho 3 cá nhân.")
    assert [(r[0], r[2], r[3]) for r in rows(facts)] == [("Huân chương Bảo vệ Tổ quốc hạng Ba", "individual", 3)]


def test_a_lead_summary_gives_way_to_the_graded_list():
    facts = facts_of("Sáng 10/3, Bộ Chỉ huy Quân sự tỉnh trao Huân chương Chiến công tặng 3 cá nhân.\n"
                     "Dịp này, Bộ Chỉ huy Quân sự tỉnh trao Huân chương Chiến công hạng Nhì cho 1 cá nhân và "
                     "Huân chương Chiến công hạng Ba cho 2 cá nhân.")
    assert [(r[0], r[3]) for r in rows(facts)] == [("Huân chương Chiến công hạng Ba", 2),
                                                   ("Huân chương Chiến công hạng Nhì", 1)]


def test_honorary_title_conferred_posthumously():
    facts = facts_of("Nhân dịp này, Chủ tịch nước truy tặng danh hiệu vinh dự Nhà nước “Bà mẹ Việt Nam Anh hùng” "
                     "cho 4 mẹ của huyện Yên Sơn.")
    assert rows(facts) == [("Bà mẹ Việt Nam Anh hùng", "Chủ tịch Nhà nước", "individual", 4)]


def test_families_are_collective_recipients():
    facts = facts_of("Tại buổi lễ, UBND huyện Hàm Yên tặng Giấy khen cho 12 gia đình văn hóa tiêu biểu.")
    assert [(r[2], r[3]) for r in rows(facts)] == [("collective", 12)]


def test_a_decision_without_a_ceremony_is_a_conferral():
    facts = facts_of("Ngày 5/3, Thủ tướng Chính phủ đã ký quyết định tặng Cờ thi đua của UBND tỉnh cho "
                     "3 tập thể dẫn đầu phong trào thi đua năm 2021.")
    assert [(r[0], r[2], r[3]) for r in rows(facts)] == [("Cờ thi đua", "collective", 3)]


def test_party_badges_go_to_party_members():
    facts = facts_of("Dịp này, 38 đảng viên được nhận Huy hiệu 40 năm, 30 năm tuổi Đảng.")
    assert rows(facts) == [("Huy hiệu Đảng", "", "individual", 38)]


def test_commemorative_medal():
    facts = facts_of("Tại hội nghị, Ban Dân vận Trung ương tặng Kỷ niệm chương cho 5 cá nhân.")
    assert [(r[0], r[2], r[3]) for r in rows(facts)] == [("Kỷ niệm chương", "individual", 5)]


def test_a_named_body_is_one_collective():
    facts = facts_of("Tại buổi lễ, Chủ tịch nước tặng Huân chương Độc lập hạng Ba cho Hội Cựu chiến binh tỉnh.")
    assert rows(facts) == [("Huân chương Độc lập hạng Ba", "Chủ tịch Nhà nước", "collective", 1)]


def test_kinds_without_a_count_are_conferrals_without_a_count():
    facts = facts_of("Ông Lê Văn Tâm, Phó Bí thư Tỉnh ủy trao Huân chương Lao động hạng Nhì của Chủ tịch nước "
                     "tặng tập thể, cá nhân xuất sắc.")
    assert rows(facts) == [("Huân chương Lao động hạng Nhì", "Chủ tịch Nhà nước", "collective", None),
                           ("Huân chương Lao động hạng Nhì", "Chủ tịch Nhà nước", "individual", None)]
    assert [p.recipient_kind for p in facts.presentations] == [None]


def test_a_repeated_paragraph_is_one_conferral():
    sentence = "Tại hội nghị, UBND tỉnh tặng Bằng khen cho 8 tập thể."
    assert len(facts_of(f"{sentence}\n{sentence}").awards) == 1


# --- what is not a conferral ---------------------------------------------------------------------

def test_a_proposal_is_not_an_award():
    facts = facts_of("Hội đồng thi đua huyện đề nghị UBND tỉnh tặng Bằng khen cho 4 tập thể và 6 cá nhân.")
    assert facts.awards == []


def test_a_plan_is_not_an_award():
    facts = facts_of("Dịp này, UBND tỉnh sẽ tặng Bằng khen cho 20 tập thể.")
    assert facts.awards == []


def test_public_praise_is_not_an_award():
    facts = facts_of("Tại hội nghị, Chủ tịch UBND tỉnh tặng Bằng khen cho 5 tập thể; Ban Thường vụ Tỉnh ủy "
                     "biểu dương 30 tập thể, 41 cá nhân điển hình.")
    assert [r[3] for r in rows(facts)] == [5]


def test_a_tally_over_several_years_is_not_an_award():
    facts = facts_of("Trong 5 năm qua, toàn tỉnh có 512 tập thể được tặng Cờ thi đua của UBND tỉnh. Cùng thời "
                     "gian, Chủ tịch UBND tỉnh tặng Bằng khen cho 1.204 cá nhân.")
    assert facts.awards == []


def test_a_tally_before_an_occasion_does_not_gate_it():
    facts = facts_of("Sau 3 năm thực hiện, phong trào đạt kết quả tốt.Nhân dịp này, UBND tỉnh tặng Bằng khen "
                     "cho 7 tập thể.")
    assert [r[3] for r in rows(facts)] == [7]


def test_a_count_of_both_kinds_at_once_gives_each_kind_without_a_count():
    facts = facts_of("Tại hội nghị, UBND tỉnh tặng Bằng khen cho 45 tập thể, cá nhân.")
    assert rows(facts) == [("Bằng khen", "Ủy ban nhân dân tỉnh Tuyên Quang", "collective", None),
                           ("Bằng khen", "Ủy ban nhân dân tỉnh Tuyên Quang", "individual", None)]


def test_a_contest_prize_is_not_an_award():
    facts = facts_of("Ban tổ chức trao 3 giải Nhất, 5 giải Nhì cho các đội thi.")
    assert facts.awards == [] and facts.presentations == []


def test_flowers_are_not_an_award():
    facts = facts_of("Chủ tịch UBND tỉnh Lê Văn Tâm trao hoa và kỷ niệm chương cho các điển hình.")
    assert facts.presentations == [] and facts.awards == []


def test_one_of_the_units_refers_back():
    facts = facts_of("Tại hội nghị, UBND tỉnh tặng Cờ thi đua cho 5 tập thể.\nSở Y tế là một trong 5 đơn vị được "
                     "UBND tỉnh tặng Cờ thi đua đợt này.")
    assert len(facts.awards) == 1


# --- presentations and totals ----------------------------------------------------------------------

def test_a_presentation_keeps_its_grade():
    facts = facts_of("Đồng chí Lê Văn Tâm, Bí thư Tỉnh ủy trao Huân chương Lao động hạng Nhất cho Hội Nông dân tỉnh.")
    [presentation] = facts.presentations
    assert presentation.grade is not None and presentation.grade.label_vi == "hạng Nhất"
    assert presentation.recipient_kind.key == "collective"


def test_headline_total():
    facts = facts_of("Tại hội nghị, UBND tỉnh tặng Bằng khen cho 8 tập thể, 4 cá nhân.",
                     title="Tuyên Quang: 12 tập thể, cá nhân được tặng Bằng khen")
    assert facts.meta.headline_total == 12


def test_a_headline_without_awards_states_no_total():
    facts = facts_of("Tại hội nghị, các đại biểu thảo luận.", title="Tuyên dương 50 tập thể, cá nhân điển hình")
    assert facts.meta.headline_total is None


def test_a_lead_paragraph_in_the_title_line_states_no_total():
    title = ("Sáng 12/3, UBND tỉnh tổ chức hội nghị. Dịp này, UBND tỉnh tặng Bằng khen cho 8 tập thể, 4 cá nhân "
             "có thành tích xuất sắc.")
    facts = facts_of("Các đại biểu thảo luận.", title=title)
    assert facts.meta.headline_total is None
    assert sorted(r[3] for r in rows(facts)) == [4, 8]


def test_conferrals_of_one_clause_are_separate_nodes():
    from vnkg.emit import emit_triples
    from vnkg.namespaces import VNKG
    facts = facts_of("Dịp này, Bộ Chỉ huy Quân sự tỉnh trao Huân chương Chiến công hạng Nhì cho 1 cá nhân và "
                     "Huân chương Chiến công hạng Ba cho 2 cá nhân; tặng Bằng khen 4 tập thể và Bằng khen 6 tập thể.")
    triples = emit_triples([facts])
    counts = {}
    for s, p, o in triples:
        if p == VNKG.recipientCount:
            counts.setdefault(s, []).append(int(o))
    assert sorted(c for values in counts.values() for c in values) == [1, 2, 4, 6]
    assert all(len(values) == 1 for values in counts.values())


def test_two_presenters_of_one_award():
    facts = facts_of("Đồng chí Lê Văn Tâm, Bí thư Tỉnh ủy và đồng chí Trần Thị Lan, Chủ tịch UBND tỉnh trao Bằng "
                     "khen cho 5 tập thể.")
    assert sorted(p.presenter for p in facts.presentations) == ["Lê Văn Tâm", "Trần Thị Lan"]
    assert len({p.span for p in facts.presentations}) == 2


def test_a_person_given_an_award_is_one_individual_not_a_presenter():
    facts = facts_of("Tại buổi lễ, ông Lê Văn Hòa vinh dự đón nhận Huân chương Lao động hạng Ba của Chủ tịch nước.")
    assert rows(facts) == [("Huân chương Lao động hạng Ba", "Chủ tịch Nhà nước", "individual", 1)]
    assert facts.presentations == []


def test_two_bodies_giving_the_same_count_are_two_conferrals():
    facts = facts_of("Nhân dịp này, Ban Tuyên giáo Tỉnh ủy tặng Giấy khen cho 4 cá nhân.\nBan Dân vận Tỉnh ủy tặng "
                     "Giấy khen cho 4 cá nhân.")
    assert len(facts.awards) == 2


def test_an_official_who_confers_confers_in_the_name_of_the_office():
    facts = facts_of("Nhân dịp này, Chủ tịch UBND tỉnh Nguyễn Văn Hải tặng Bằng khen cho 10 tập thể.")
    assert rows(facts) == [("Bằng khen", "Chủ tịch Ủy ban nhân dân tỉnh Tuyên Quang", "collective", 10)]


def test_a_past_year_s_award_is_background_not_a_conferral():
    facts = facts_of("Năm 2019, Hội Nông dân tỉnh vinh dự được Chủ tịch nước tặng Huân chương Lao động hạng Nhì.")
    assert facts.awards == []


def test_a_headline_about_gifts_states_no_total():
    facts = facts_of("Tại buổi lễ, đoàn trao quà cho các em.", title="Tặng quà 200 học sinh nghèo vượt khó")
    assert facts.meta.headline_total is None


def test_the_award_s_own_office_wins_over_on_behalf():
    facts = facts_of("Thay mặt Ban Thường vụ Tỉnh ủy, đồng chí Lê Văn Tâm trao Bằng khen của Chủ tịch UBND tỉnh cho "
                     "4 tập thể.")
    assert rows(facts) == [("Bằng khen", "Chủ tịch Ủy ban nhân dân tỉnh Tuyên Quang", "collective", 4)]


def test_acting_for_an_unread_office_leaves_the_conferrer_unknown():
    facts = facts_of("Thừa ủy quyền của cấp trên, Ban Thường vụ Tỉnh ủy trao Huy hiệu Đảng cho 3 đảng viên.")
    assert rows(facts) == [("Huy hiệu Đảng", "", "individual", 3)]


def test_a_breakdown_by_years_lists_the_badge_by_class_and_the_total_is_their_summary():
    # as an order listed by grade: one row a class (the class in the award name), the total told before them none
    facts = facts_of("Dịp này, có 25 đảng viên được trao Huy hiệu Đảng. Trong đó có 5 đảng viên được trao Huy hiệu "
                     "60 năm tuổi Đảng, 20 đảng viên được trao Huy hiệu 40 năm tuổi Đảng.")
    assert rows(facts) == [("Huy hiệu 40 năm tuổi Đảng", "", "individual", 20),
                           ("Huy hiệu 60 năm tuổi Đảng", "", "individual", 5)]


def test_a_badge_named_with_its_years_after_it():
    facts = facts_of("Tại buổi lễ, Đảng ủy xã truy tặng Huy hiệu Đảng 30 năm cho 2 đảng viên.")
    assert [(r[0], r[2], r[3]) for r in rows(facts)] == [("Huy hiệu Đảng", "individual", 2)]


def test_a_decision_on_someone_s_proposal_is_a_conferral():
    facts = facts_of("Trên cơ sở đề nghị của Sở Nội vụ, Chủ tịch UBND tỉnh tặng Bằng khen cho 9 tập thể.")
    assert [(r[2], r[3]) for r in rows(facts)] == [("collective", 9)]


def test_an_award_of_someone_not_read_has_no_conferrer_rather_than_the_subject():
    facts = facts_of("Dịp này, Sở Y tế trao Bằng khen của thủ trưởng đơn vị cấp trên cho 3 tập thể.")
    assert rows(facts) == [("Bằng khen", "", "collective", 3)]


def test_a_second_verb_keeps_the_subject_and_its_own_recipients():
    facts = facts_of("Dịp này, UBND tỉnh tặng Bằng khen cho 5 tập thể và tặng Giấy khen cho 3 cá nhân; 40 tập thể "
                     "khác được tặng Giấy khen của Sở Nội vụ.")
    assert {(r[0], r[1].split()[0], r[3]) for r in rows(facts)} == {
        ("Bằng khen", "Ủy", 5), ("Giấy khen", "Ủy", 3), ("Giấy khen", "Sở", 40)}


def test_a_place_named_by_its_level_is_one_collective():
    facts = facts_of("Tại buổi lễ, đồng chí Lê Văn Tâm trao Huân chương Độc lập hạng Nhất cho tỉnh Hà Giang.")
    assert [(r[0], r[2], r[3]) for r in rows(facts)] == [("Huân chương Độc lập hạng Nhất", "collective", 1)]


def test_a_presentation_retelling_a_conferral_adds_none():
    facts = facts_of("Nhân dịp này, Ban Thường vụ Tỉnh ủy tặng Bằng khen cho 10 tập thể có thành tích xuất sắc trong "
                     "phong trào thi đua.\nĐồng chí Lê Văn Tâm, Phó Bí thư Tỉnh ủy trao Bằng khen của Ban Thường vụ "
                     "Tỉnh ủy cho 10 tập thể.")
    assert len(facts.awards) == 1 and [p.presenter for p in facts.presentations] == ["Lê Văn Tâm"]
