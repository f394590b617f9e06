"""Award conferrals as real articles of the genre write them beyond the development set: one phenomenon per test,
with sentences written for these tests (invented people, places and numbers)."""
from vnkg.extraction import extract
from vnkg.recognize.awards import _patterns
from genre import award_rows as rows
from vnkg.text import normalize, view
from vnkg.vocab import default_vocabulary


def article(body: str, title: str = "Yên Bái: lễ kỷ niệm") -> str:
    return normalize(f"{title}\nCập nhật: 09:15 | 20/07/2021\n{body}\nPhóng viên Lan\n")


def facts_of(body: str, **kwargs):
    return extract(article(body, **kwargs))


def presented(facts):
    return sorted((p.presenter, p.award.label_vi + (f" {p.grade.label_vi}" if p.grade else ""),
                   p.recipient_kind.label_en if p.recipient_kind else None) for p in facts.presentations)


# --- counts ------------------------------------------------------------------------------------

def test_counts_written_as_words():
    facts = facts_of("Nhân dịp này, UBND tỉnh tặng Bằng khen cho ba tập thể và bảy cá nhân.")
    assert [(r[2], r[3]) for r in rows(facts)] == [("collective", 3), ("individual", 7)]


def test_a_word_that_is_a_year_is_no_count():
    counts = _patterns(default_vocabulary()).counts
    assert [m.group(1) for m in counts.finditer(view("Năm cán bộ, mỗi năm cán bộ, trong năm tập thể"))] == ["năm"]


def test_counts_with_a_leading_zero():
    facts = facts_of("Dịp này, UBND tỉnh tặng Bằng khen cho 07 tập thể, 04 cá nhân.")
    assert [r[3] for r in rows(facts)] == [7, 4]


def test_a_number_of_medals_counts_recipients_named_only_by_kind():
    facts = facts_of("Tại buổi lễ, tỉnh trao tặng năm Huân chương Kháng chiến hạng Nhất cho các gia đình có công.")
    assert rows(facts) == [("Huân chương Kháng chiến hạng Nhất", "", "collective", 5)]


def test_joined_awards_share_the_recipients_named_after_the_last():
    facts = facts_of("Tại buổi lễ, tỉnh trao tặng hai Huân chương Độc lập hạng Nhì và 9 Huân chương Độc lập hạng Ba "
                     "cho các gia đình có nhiều liệt sĩ.")
    assert rows(facts) == [("Huân chương Độc lập hạng Ba", "", "collective", 9),
                           ("Huân chương Độc lập hạng Nhì", "", "collective", 2)]


def test_awards_in_two_clauses_share_the_recipients_of_the_second():
    facts = facts_of("Tại buổi lễ, tỉnh truy tặng ba Huân chương Kháng chiến hạng Nhì; bốn Huân chương Kháng chiến "
                     "hạng Ba cho các cá nhân.")
    assert rows(facts) == [("Huân chương Kháng chiến hạng Ba", "", "individual", 4),
                           ("Huân chương Kháng chiến hạng Nhì", "", "individual", 3)]


def test_a_recipient_count_shared_by_two_grades_is_neither_grades_count():
    facts = facts_of("Nhân dịp này, hội nghị trao tặng Huân chương Lao động hạng Nhì và hạng Ba cho 8 tập thể.")
    assert rows(facts) == [("Huân chương Lao động hạng Ba", "", "collective", None),
                           ("Huân chương Lao động hạng Nhì", "", "collective", None)]


def test_one_count_for_both_kinds_gives_each_kind_without_a_count():
    facts = facts_of("Nhân dịp này, 37 tập thể và cá nhân được tặng Bằng khen của Chủ tịch UBND tỉnh.")
    assert rows(facts) == [("Bằng khen", "Chủ tịch Ủy ban nhân dân tỉnh Yên Bái", "collective", None),
                           ("Bằng khen", "Chủ tịch Ủy ban nhân dân tỉnh Yên Bái", "individual", None)]


def test_an_emulation_flag_goes_to_collectives_only():
    facts = facts_of("Nhân dịp này, hội nghị trao Cờ thi đua và Bằng khen của Thủ tướng Chính phủ cho 15 tập thể "
                     "và cá nhân.")
    assert rows(facts) == [("Bằng khen", "Thủ tướng Chính phủ", "collective", None),
                           ("Bằng khen", "Thủ tướng Chính phủ", "individual", None),
                           ("Cờ thi đua", "Thủ tướng Chính phủ", "collective", None)]


def test_a_count_without_a_count_of_another_conferrer_stays():
    facts = facts_of("Ngoài ra, 3 cá nhân được tặng Bằng khen của Thủ tướng Chính phủ; 25 tập thể và cá nhân được "
                     "tặng Bằng khen của Chủ tịch UBND tỉnh.")
    assert ("Bằng khen", "Chủ tịch Ủy ban nhân dân tỉnh Yên Bái", "individual", None) in rows(facts)


# --- honorary titles ---------------------------------------------------------------------------

def test_a_title_given_after_death_to_the_relatives_of_the_mothers():
    facts = facts_of("Nhân dịp này, thừa ủy quyền của Chủ tịch nước, lãnh đạo tỉnh đã trao Quyết định truy tặng danh "
                     "hiệu vinh dự Nhà nước “Bà mẹ Việt Nam anh hùng” đến thân nhân 6 mẹ.")
    assert rows(facts) == [("Bà mẹ Việt Nam Anh hùng", "Chủ tịch Nhà nước", "individual", 6)]


# --- conferrers --------------------------------------------------------------------------------

def test_a_proposal_granted_confers():
    facts = facts_of("UBND tỉnh đã trình và được Chủ tịch nước quyết định phong tặng, truy tặng danh hiệu vinh dự Nhà "
                     "nước “Bà mẹ Việt Nam anh hùng” cho 12 mẹ; tặng Huân chương Độc lập cho 03 gia đình.")
    assert rows(facts) == [("Bà mẹ Việt Nam Anh hùng", "Chủ tịch Nhà nước", "individual", 12),
                           ("Huân chương Độc lập", "Chủ tịch Nhà nước", "collective", 3)]


def test_a_proposal_alone_confers_nothing():
    facts = facts_of("UBND tỉnh đã trình Chủ tịch nước tặng Huân chương Lao động hạng Ba cho 2 cá nhân.")
    assert facts.awards == []


def test_who_decided_is_not_the_subject_of_the_next_clause():
    facts = facts_of("Tại buổi lễ, lãnh đạo tỉnh công bố Quyết định của Chủ tịch nước về việc truy tặng danh hiệu "
                     "“Bà mẹ Việt Nam anh hùng” cho 8 mẹ; trao tặng 5 Huân chương Độc lập hạng Ba cho các gia đình.")
    assert rows(facts) == [("Bà mẹ Việt Nam Anh hùng", "Chủ tịch Nhà nước", "individual", 8),
                           ("Huân chương Độc lập hạng Ba", "", "collective", 5)]


def test_a_body_whose_first_gift_is_no_award_still_confers_the_next():
    facts = facts_of("Dịp này, Ban Thường vụ Tỉnh đoàn tặng cờ truyền thống cho Đoàn xã Minh Tiến; tặng Bằng khen "
                     "cho 4 tập thể và 9 cá nhân.")
    assert {r[1] for r in rows(facts)} == {"Ban Thường vụ Tỉnh đoàn Yên Bái"}


def test_an_abbreviated_city_ends_no_sentence():
    # "TP." is the vocabulary's abbreviation of thành phố: the clause after the city's name keeps its conferrer
    facts = facts_of("Dịp này, Ban Thường vụ Tỉnh đoàn tặng cờ thi đua cho Đoàn TP. Yên Bái; tặng Bằng khen "
                     "cho 3 tập thể và 8 cá nhân.")
    assert {r[1] for r in rows(facts)} == {"Ban Thường vụ Tỉnh đoàn Yên Bái"}
    assert [(r[2], r[3]) for r in rows(facts) if r[0] == "Bằng khen"] == [("collective", 3), ("individual", 8)]


def test_the_state_president_who_hands_over_confers():
    facts = facts_of("Sáng 20/7, Chủ tịch nước Đỗ Văn Khải đã trao tặng Huân chương Lao động hạng Nhất cho Đảng bộ, "
                     "chính quyền và nhân dân huyện Lục Yên.")
    assert rows(facts) == [("Huân chương Lao động hạng Nhất", "Chủ tịch Nhà nước", "collective", 1)]
    assert presented(facts) == [("Đỗ Văn Khải", "Huân chương Lao động hạng Nhất", "collective")]


def test_a_provincial_leader_who_hands_over_does_not_confer():
    facts = facts_of("Sáng 20/7, đồng chí Đỗ Văn Khải, Bí thư Tỉnh ủy đã trao Huân chương Lao động hạng Nhất cho "
                     "huyện Lục Yên.")
    assert [r[1] for r in rows(facts)] == [""]


# --- presenters --------------------------------------------------------------------------------

def test_the_presenter_of_a_clause_presents_the_next_too():
    facts = facts_of("Thừa ủy quyền của Chủ tịch nước, ông Hà Minh Sơn, Bí thư Tỉnh ủy, đã trao Huân chương Chiến công "
                     "hạng Nhì cho Thượng tá Lò Văn Dũng; trao Huân chương Chiến công hạng Ba cho Phòng Cảnh sát "
                     "kinh tế Công an tỉnh.")
    assert presented(facts) == [("Hà Minh Sơn", "Huân chương Chiến công hạng Ba", "collective"),
                                ("Hà Minh Sơn", "Huân chương Chiến công hạng Nhì", "individual")]
    assert {r[1] for r in rows(facts)} == {"Chủ tịch Nhà nước"}


def test_a_presenter_with_leaders_of_a_body_beside_him():
    facts = facts_of("Đồng chí Vàng Thị Mai, Phó Bí thư Tỉnh ủy cùng lãnh đạo Ban Dân vận Tỉnh ủy trao Bằng khen "
                     "cho các tập thể.")
    assert presented(facts) == [("Vàng Thị Mai", "Bằng khen", "collective")]


def test_a_place_name_with_a_venue_word_does_not_break_an_apposition():
    facts = facts_of("Đồng chí Vàng Thị Mai, Trưởng Đoàn đại biểu Quốc hội tỉnh Hải Phòng trao Bằng khen cho các "
                     "tập thể.")
    assert presented(facts) == [("Vàng Thị Mai", "Bằng khen", "collective")]


def test_the_presenter_of_a_later_clause_is_a_presentation_of_its_own():
    facts = facts_of("Thừa ủy quyền của Chủ tịch nước, ông Hà Minh Sơn, Bí thư Tỉnh ủy, đã trao Huân chương Chiến công "
                     "hạng Nhì cho Thượng tá Lò Văn Dũng; trao Huân chương Chiến công hạng Ba cho Phòng Cảnh sát "
                     "kinh tế Công an tỉnh.")
    assert len({p.span for p in facts.presentations}) == 2


def test_a_body_that_first_acknowledges_then_confers():
    facts = facts_of("Để ghi nhận thành tích, Ban Thường vụ Hội Nông dân tỉnh tặng cờ truyền thống cho Hội Nông dân "
                     "huyện Văn Chấn; tặng Bằng khen cho 2 tập thể và 6 cá nhân.")
    assert {r[1] for r in rows(facts)} == {"Ban Thường vụ Hội Nông dân tỉnh Yên Bái"}


def test_the_flag_for_the_leader_of_an_emulation_movement():
    facts = facts_of("Dịp này, Ban Thường vụ Hội Nông dân tỉnh tặng Cờ dẫn đầu phong trào thi đua cho Hội Nông dân "
                     "huyện Văn Chấn.")
    assert rows(facts) == [("Cờ dẫn đầu phong trào thi đua", "Ban Thường vụ Hội Nông dân tỉnh Yên Bái",
                            "collective", 1)]


def test_two_conferrers_after_cua_each_confer_how_many_unknown():
    facts = facts_of("Nhân dịp này, 9 tập thể được tặng Bằng khen của Ban Thường vụ Tỉnh ủy và Chủ tịch UBND tỉnh.")
    assert rows(facts) == [("Bằng khen", "Ban Thường vụ Tỉnh ủy Yên Bái", "collective", None),
                           ("Bằng khen", "Chủ tịch Ủy ban nhân dân tỉnh Yên Bái", "collective", None)]


def test_a_medal_with_its_own_name_is_conferred_by_the_body_after_the_name():
    facts = facts_of("Dịp này, Ban Thường vụ Tỉnh đoàn trao tặng Kỷ niệm chương “Vì thế hệ trẻ” của Trung ương Đoàn "
                     "cho 18 cá nhân.")
    assert [(r[1], r[3]) for r in rows(facts)] == [("Trung ương Đoàn Thanh niên Cộng sản Hồ Chí Minh", 18)]


def test_quoted_titles_in_one_clause_keep_their_recipients():
    facts = facts_of('Tại buổi lễ, tỉnh truy tặng danh hiệu "Bà mẹ Việt Nam anh hùng" cho 4 mẹ và "Anh hùng Lực '
                     'lượng vũ trang nhân dân" cho 1 cá nhân.')
    assert [r[3] for r in rows(facts)] == [1, 4]


def test_a_caption_that_names_the_title_only_by_reference():
    body = ("Nhân dịp này, thừa ủy quyền của Chủ tịch nước, lãnh đạo tỉnh đã truy tặng danh hiệu “Bà mẹ Việt Nam "
            "anh hùng” cho 6 mẹ.\nĐồng chí Lò Thị Hằng, Chủ tịch UBND tỉnh trao danh hiệu cao quý cho thân nhân các mẹ.")
    assert presented(facts_of(body)) == [("Lò Thị Hằng", "Bà mẹ Việt Nam Anh hùng", "individual")]


def test_a_title_by_reference_with_no_title_conferred_is_nothing():
    body = "Đồng chí Lò Thị Hằng, Chủ tịch UBND tỉnh trao danh hiệu cao quý cho các cá nhân."
    assert facts_of(body).presentations == []
