"""Officials in the genre's general shapes (round 2): council personnel votes, plural posts shared by a list of
names, former posts, rare family names. Sentences are invented, in the genre's style."""
from vnkg.emit import post_label
from vnkg.extraction import extract
from vnkg.text import normalize


def holdings(body: str, title: str = "Phú Yên: kỳ họp HĐND tỉnh") -> list[tuple[str, str]]:
    facts = extract(normalize(f"{title}\nCập nhật: 10:00 | 12/01/2021\n{body}\nPhóng viên Nam\n"))
    return sorted((h.person, post_label(h.post)) for h in facts.holdings)


def test_a_dismissed_official_held_the_post_named_before_the_name():
    got = holdings("Kỳ họp đã miễn nhiệm chức vụ Phó Chủ tịch Hội đồng Nhân dân tỉnh, nhiệm kỳ 2016-2021 "
                   "đối với bà Lê Thị Hoa do nghỉ hưu.")
    assert ("Lê Thị Hoa", "Phó Chủ tịch Hội đồng nhân dân tỉnh Phú Yên") in got


def test_an_elected_official_holds_the_post_after_lam_and_keeps_the_current_one():
    got = holdings("Các đại biểu đã bầu ông Trần Văn Bảo, Giám đốc Sở Tài chính làm Phó Chủ tịch Ủy ban Nhân dân "
                   "tỉnh nhiệm kỳ 2016-2021.")
    assert ("Trần Văn Bảo", "Phó Chủ tịch Ủy ban nhân dân tỉnh Phú Yên") in got
    assert ("Trần Văn Bảo", "Giám đốc Sở Tài chính tỉnh Phú Yên") in got


def test_giu_chuc_after_the_name_of_the_elected():
    got = holdings("HĐND tỉnh bầu ông Phan Quốc Khánh giữ chức Chủ tịch UBND tỉnh.")
    assert got == [("Phan Quốc Khánh", "Chủ tịch Ủy ban nhân dân tỉnh Phú Yên")]


def test_a_nominee_holds_nothing_yet():
    got = holdings("Tỉnh ủy giới thiệu để HĐND tỉnh bầu ông Phan Quốc Khánh giữ chức Chủ tịch UBND tỉnh.")
    assert got == []


def test_a_plural_post_is_held_by_each_name_that_follows():
    got = holdings("Ông Hồ Văn Nam, Chủ tịch HĐND tỉnh cùng các Phó Chủ tịch HĐND tỉnh là ông Võ Minh Tâm "
                   "và bà Đỗ Thị Lan chủ trì kỳ họp.")
    assert ("Võ Minh Tâm", "Phó Chủ tịch Hội đồng nhân dân tỉnh Phú Yên") in got
    assert ("Đỗ Thị Lan", "Phó Chủ tịch Hội đồng nhân dân tỉnh Phú Yên") in got


def test_a_plural_post_before_a_comma_list_of_names():
    got = holdings("Dự kỳ họp có các Phó Chủ tịch UBND tỉnh Võ Minh Tâm, Đỗ Thị Lan.")
    assert got == [("Võ Minh Tâm", "Phó Chủ tịch Ủy ban nhân dân tỉnh Phú Yên"),
                   ("Đỗ Thị Lan", "Phó Chủ tịch Ủy ban nhân dân tỉnh Phú Yên")]


def test_a_former_post_is_not_held():
    got = holdings("Tham dự có nguyên Chủ tịch UBND tỉnh Lê Văn Hùng.")
    assert got == []


def test_former_posts_between_current_ones_keep_the_chain():
    got = holdings("Tham dự có Ủy viên Trung ương Đảng, nguyên Bí thư Tỉnh ủy, nguyên Chủ tịch UBND tỉnh "
                   "Gia Lai (cũ) Hồ Văn Thắng.")
    assert got == [("Hồ Văn Thắng", "Ủy viên Ban Chấp hành Trung ương Đảng")]


def test_a_rare_family_name_after_the_posts():
    got = holdings("Phó Chủ tịch HĐND tỉnh Nghe Văn Tú chủ trì phiên thảo luận.")
    assert got == [("Nghe Văn Tú", "Phó Chủ tịch Hội đồng nhân dân tỉnh Phú Yên")]


def test_an_ethnic_minority_family_name():
    got = holdings("Phó Chủ tịch UBND tỉnh Vừ A Sình phát biểu.")
    assert got == [("Vừ A Sình", "Phó Chủ tịch Ủy ban nhân dân tỉnh Phú Yên")]


def test_several_dismissed_officials_named_after_their_posts():
    got = holdings("HĐND tỉnh đã miễn nhiệm chức vụ Ủy viên UBND tỉnh đối với Giám đốc Sở Tài chính Lê Văn Hùng "
                   "và Giám đốc Sở Xây dựng Phạm Thị Mai, do chuyển công tác.")
    assert ("Lê Văn Hùng", "Ủy viên Ủy ban nhân dân tỉnh Phú Yên") in got
    assert ("Phạm Thị Mai", "Ủy viên Ủy ban nhân dân tỉnh Phú Yên") in got


def test_elections_told_clause_after_clause():
    got = holdings("Các đại biểu đã bầu Phó Bí thư Tỉnh ủy Lê Văn Hùng giữ chức Chủ tịch HĐND tỉnh; "
                   "Giám đốc Sở Xây dựng Phạm Thị Mai giữ chức Phó Chủ tịch UBND tỉnh.")
    assert ("Lê Văn Hùng", "Chủ tịch Hội đồng nhân dân tỉnh Phú Yên") in got
    assert ("Phạm Thị Mai", "Phó Chủ tịch Ủy ban nhân dân tỉnh Phú Yên") in got


def test_a_department_keeps_the_level_word_it_is_written_with():
    got = holdings("Bầu bà Nguyễn Thị Lan, Giám đốc Sở Y tế tỉnh làm Phó Chủ tịch UBND tỉnh.")
    assert got == [("Nguyễn Thị Lan", "Giám đốc Sở Y tế tỉnh Phú Yên"),
                   ("Nguyễn Thị Lan", "Phó Chủ tịch Ủy ban nhân dân tỉnh Phú Yên")]


def test_a_commune_name_ends_where_a_person_name_opens():
    got = holdings("Dự có Chủ tịch UBND xã Hòa Thắng Nguyễn Văn Bình.")
    assert got == [("Nguyễn Văn Bình", "Chủ tịch Ủy ban nhân dân xã Hòa Thắng")]


def test_ban_thuong_vu_written_as_thuong_vu_in_a_chain():
    got = holdings("Dự có đồng chí Lê Văn Lộc, Ủy viên Thường vụ, Trưởng ban Dân vận Tỉnh ủy.")
    assert ("Lê Văn Lộc", "Ủy viên Ban Thường vụ Tỉnh ủy Phú Yên") in got


def test_a_plural_heading_before_a_colon_list():
    got = holdings("Dự có các Ủy viên Ban Thường vụ Tỉnh ủy: Lê Văn Đạt-Phó Chủ tịch HĐND tỉnh; "
                   "Trần Văn Bình-Trưởng ban Tổ chức Tỉnh ủy.")
    assert ("Trần Văn Bình", "Ủy viên Ban Thường vụ Tỉnh ủy Phú Yên") in got
    assert ("Lê Văn Đạt", "Ủy viên Ban Thường vụ Tỉnh ủy Phú Yên") in got


def test_a_vote_naming_the_seat_generically_adds_nothing():
    got = holdings("HĐND tỉnh miễn nhiệm chức vụ Phó Chủ tịch UBND tỉnh đối với Phó Chủ tịch Thường trực UBND tỉnh "
                   "Lê Văn Hải.")
    assert got == [("Lê Văn Hải", "Phó Chủ tịch Thường trực Ủy ban nhân dân tỉnh Phú Yên")]


def test_a_lowercase_title_in_apposition_after_a_name():
    assert holdings("Ông Lê Văn Khang, chủ tịch UBND tỉnh chủ trì hội nghị.") == [
        ("Lê Văn Khang", "Chủ tịch Ủy ban nhân dân tỉnh Phú Yên")]


def test_lowercase_generic_roles_are_not_posts():
    assert holdings("Các bí thư, trưởng ban của các huyện ủy dự hội nghị.") == []


def test_a_centrally_governed_city_is_not_a_tinh():
    got = holdings("Đồng chí Lê Thị Nga, Trưởng Đoàn đại biểu Quốc hội Hải Phòng, Giám đốc Sở Y tế phát biểu.",
                   title="Hải Phòng: hội nghị")
    assert got == [("Lê Thị Nga", "Giám đốc Sở Y tế thành phố Hải Phòng"),
                   ("Lê Thị Nga", "Trưởng Đoàn đại biểu Quốc hội thành phố Hải Phòng")]


def test_national_offices_and_a_title_inside_a_body_name():
    got = holdings("Đồng chí Lê Văn Tùng - Chủ nhiệm Văn phòng Chủ tịch nước, Thành viên Hội đồng Thi đua - Khen thưởng "
                   "Trung ương dự.")
    assert got == [("Lê Văn Tùng", "Chủ nhiệm Văn phòng Chủ tịch nước"),
                   ("Lê Văn Tùng", "Thành viên Hội đồng Thi đua - Khen thưởng Trung ương")]


def test_a_post_in_a_joint_body_not_read_whole_is_no_ones():
    # "…-Hội đồng nhân dân tỉnh Trần Thị Mai": the chain after Lê Văn Tám's name runs into the next name, so it is
    # Trần Thị Mai's post, in a joint body vnkg does not read whole: neither of them holds it
    got = holdings("Kỳ họp miễn nhiệm Ủy viên UBND tỉnh đối với Phó Trưởng ban Dân vận Tỉnh ủy Lê Văn Tám, Chánh Văn "
                   "phòng Đoàn đại biểu Quốc hội-Hội đồng nhân dân tỉnh Trần Thị Mai, do chuyển công tác.")
    assert got == [("Lê Văn Tám", "Phó Trưởng Ban Dân vận Tỉnh ủy Phú Yên"),
                   ("Lê Văn Tám", "Ủy viên Ủy ban nhân dân tỉnh Phú Yên")]


def test_a_title_without_its_body_keeps_the_apposition_together():
    # "Bộ trưởng" (its body unnamed) and "Ủy viên Đảng đoàn" (of a body not read) hold nothing themselves, but the
    # posts after them are still the name's
    got = holdings("Dự kỳ họp có đồng chí Hầu A Sềnh - Ủy viên Trung ương Đảng, Bộ trưởng, Chủ nhiệm Ủy ban Dân tộc.")
    assert got == [("Hầu A Sềnh", "Chủ nhiệm Ủy ban Dân tộc"), ("Hầu A Sềnh", "Ủy viên Ban Chấp hành Trung ương Đảng")]
    got = holdings("Dự kỳ họp có Thiếu tướng Lê Văn Tám-Ủy viên Đảng đoàn, Phó Chủ tịch Trung ương Hội Cựu chiến binh "
                   "Việt Nam.")
    assert got == [("Lê Văn Tám", "Phó Chủ tịch Hội Cựu chiến binh Việt Nam")]
