"""Who holds which post, in the word orders and abbreviations of published articles (invented people)."""
from vnkg.emit import post_label
from vnkg.extraction import extract
from vnkg.text import normalize


def article(body: str, title: str = "Yên Bái: hội nghị") -> str:
    return normalize(f"{title}\nCập nhật: 10:00 | 12/01/2021\n{body}\nPhóng viên Nam\n")


def holdings(body: str, **kwargs) -> list[tuple[str, str]]:
    return sorted((h.person, post_label(h.post)) for h in extract(article(body, **kwargs)).holdings)


def test_a_chain_of_national_and_provincial_posts_after_the_name():
    assert holdings("Dự hội nghị có đồng chí Lò Văn Piềng, Ủy viên Ban Chấp hành Trung ương Đảng, Bí thư Tỉnh ủy, "
                    "Trưởng Đoàn đại biểu Quốc hội tỉnh.") == [
        ("Lò Văn Piềng", "Bí thư Tỉnh ủy Yên Bái"),
        ("Lò Văn Piềng", "Trưởng Đoàn đại biểu Quốc hội tỉnh Yên Bái"),
        ("Lò Văn Piềng", "Ủy viên Ban Chấp hành Trung ương Đảng")]


def test_posts_joined_by_va():
    assert holdings("Đồng chí Hà Văn Lự, Phó Bí thư Tỉnh ủy và Chủ tịch HĐND tỉnh phát biểu.") == [
        ("Hà Văn Lự", "Chủ tịch Hội đồng nhân dân tỉnh Yên Bái"), ("Hà Văn Lự", "Phó Bí thư Tỉnh ủy Yên Bái")]


def test_a_dash_instead_of_the_comma():
    assert holdings("Ông Lữ Văn Khoan - Chủ tịch UBND tỉnh - cho biết toàn tỉnh đã hoàn thành kế hoạch.") == [
        ("Lữ Văn Khoan", "Chủ tịch Ủy ban nhân dân tỉnh Yên Bái")]


def test_a_post_before_the_name_with_the_province():
    assert holdings("Bí thư Tỉnh ủy Yên Bái Lê Minh Khoa phát biểu khai mạc.") == [
        ("Lê Minh Khoa", "Bí thư Tỉnh ủy Yên Bái")]


def test_a_province_name_inside_a_person_s_name():
    assert holdings("Phó Thủ tướng Chính phủ Đặng Thái Bình đã ký quyết định.") == [
        ("Đặng Thái Bình", "Phó Thủ tướng Chính phủ")]


def test_politburo_and_secretariat():
    assert holdings("Phát biểu chỉ đạo, đồng chí Vương Đình Nam, Ủy viên Bộ Chính trị, Thường trực Ban Bí thư "
                    "nhấn mạnh.") == [("Vương Đình Nam", "Thường trực Ban Bí thư"),
                                      ("Vương Đình Nam", "Ủy viên Bộ Chính trị")]


def test_thuong_truc_of_a_local_body_is_a_unit_not_a_post():
    assert holdings("Đồng chí Lại Văn Tâm, Thường trực Tỉnh ủy dự họp.") == []


def test_lowercase_title_and_central_commission():
    assert holdings("Tới dự có ông Thào A Sử – Phó trưởng Ban thường trực Ban Tuyên giáo Trung ương và bà Hầu Thị Mỷ "
                    "– Trưởng ban Tuyên giáo Tỉnh ủy.") == [
        ("Hầu Thị Mỷ", "Trưởng Ban Tuyên giáo Tỉnh ủy Yên Bái"),
        ("Thào A Sử", "Phó Trưởng ban Thường trực Ban Tuyên giáo Trung ương")]


def test_minister_and_national_assembly_committee():
    assert holdings("Bộ trưởng Bộ Y tế Chu Văn Thạch chủ trì. Có mặt ông Vương Văn Kiên, Chủ nhiệm Ủy ban Xã hội "
                    "của Quốc hội.") == [("Chu Văn Thạch", "Bộ trưởng Bộ Y tế"),
                                         ("Vương Văn Kiên", "Chủ nhiệm Ủy ban Xã hội của Quốc hội")]


def test_standing_committee_member_and_vice_chair():
    assert holdings("Tham dự có đồng chí Đinh Thị Hằng - Uỷ viên Ban Thường vụ Tỉnh uỷ, Phó Chủ tịch UBND tỉnh.") == [
        ("Đinh Thị Hằng", "Phó Chủ tịch Ủy ban nhân dân tỉnh Yên Bái"),
        ("Đinh Thị Hằng", "Ủy viên Ban Thường vụ Tỉnh ủy Yên Bái")]


def test_member_of_the_provincial_party_executive():
    assert holdings("Có mặt đồng chí Tạ Văn Long, Ủy viên Ban Chấp hành Đảng bộ tỉnh, Giám đốc Sở Công Thương.") == [
        ("Tạ Văn Long", "Giám đốc Sở Công Thương tỉnh Yên Bái"), ("Tạ Văn Long", "Ủy viên Tỉnh ủy Yên Bái")]


def test_abbreviated_titles_and_bodies():
    assert holdings("Dự họp có ông Lại Văn Sơn, Phó GĐ Sở GD&ĐT và bà Châu Thị Vân, GĐ Đài PT-TH tỉnh.") == [
        ("Châu Thị Vân", "Giám đốc Đài Phát thanh và Truyền hình tỉnh Yên Bái"),
        ("Lại Văn Sơn", "Phó Giám đốc Sở Giáo dục và Đào tạo tỉnh Yên Bái")]


def test_a_rank_is_not_a_post():
    assert holdings("Đại tá Hoàng Văn Phúc, Chỉ huy trưởng Bộ CHQS tỉnh báo cáo.") == [
        ("Hoàng Văn Phúc", "Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh Yên Bái")]


def test_a_semicolon_list_keeps_each_post_with_its_person():
    assert holdings("Chủ trì hội nghị có các đồng chí: Giàng A Lử, Bí thư Tỉnh ủy; Mùa A Vảng, Phó Bí thư Tỉnh ủy, "
                    "Chủ tịch UBND tỉnh.") == [
        ("Giàng A Lử", "Bí thư Tỉnh ủy Yên Bái"), ("Mùa A Vảng", "Chủ tịch Ủy ban nhân dân tỉnh Yên Bái"),
        ("Mùa A Vảng", "Phó Bí thư Tỉnh ủy Yên Bái")]


def test_the_last_post_after_a_semicolon_continues_the_chain():
    assert holdings("Dự có đồng chí Trịnh Văn Lâm, Ủy viên Bộ Chính trị, Phó Thủ tướng Chính phủ; Trưởng Ban Chỉ đạo "
                    "Trung ương.") == [("Trịnh Văn Lâm", "Phó Thủ tướng Chính phủ"),
                                       ("Trịnh Văn Lâm", "Trưởng Ban Chỉ đạo Trung ương"),
                                       ("Trịnh Văn Lâm", "Ủy viên Bộ Chính trị")]


def test_a_title_not_in_apposition_is_no_holding():
    assert holdings("Đồng chí Nông Văn Tú cùng lãnh đạo UBND tỉnh, Chủ tịch HĐND các huyện dự họp.") == []


def test_tinh_uy_vien_names_its_body():
    assert holdings("Dự có đồng chí Lò Thị Hiên, Tỉnh ủy viên, Phó Chủ tịch UBND tỉnh.") == [
        ("Lò Thị Hiên", "Phó Chủ tịch Ủy ban nhân dân tỉnh Yên Bái"), ("Lò Thị Hiên", "Tỉnh ủy viên Tỉnh ủy Yên Bái")]


def test_a_party_committee_of_a_body_is_not_read_as_the_province_s():
    assert holdings("Đồng chí Cầm Văn Lả, Bí thư Đảng ủy UBND tỉnh phát biểu.") == []


def test_a_body_s_level_word_is_kept_when_the_province_is_unknown():
    assert holdings("Ông Mai Văn Tiến – Chủ tịch HĐND tỉnh chủ trì hội nghị.", title="Hội nghị đánh giá") == [
        ("Mai Văn Tiến", "Chủ tịch Hội đồng nhân dân tỉnh")]


def test_trung_uong_after_a_body_makes_it_the_national_one():
    assert holdings("Ông Lê Văn Định, Thủ tướng Chính phủ, Chủ tịch Hội đồng Thi đua - Khen thưởng Trung ương phát biểu.") == [
        ("Lê Văn Định", "Chủ tịch Hội đồng Thi đua - Khen thưởng Trung ương"), ("Lê Văn Định", "Thủ tướng Chính phủ")]


def test_a_hyphen_without_spaces_after_the_name():
    assert holdings("Thiếu tướng Lò Văn Hòa-Giám đốc Công an tỉnh trao tặng Huân chương.") == [
        ("Lò Văn Hòa", "Giám đốc Công an tỉnh Yên Bái")]


def test_a_commune_body_without_its_name_is_not_named_after_the_province():
    assert holdings("Đ/c Lý Văn Lợi - Phó Bí thư Đảng ủy, Chủ tịch UBND xã phát biểu.") == [
        ("Lý Văn Lợi", "Chủ tịch Ủy ban nhân dân xã"), ("Lý Văn Lợi", "Phó Bí thư Đảng ủy xã")]


def test_a_bare_party_committee_takes_the_level_and_place_of_the_next_body():
    assert holdings("Dự có đồng chí Vũ Văn Thành, Bí thư Đảng ủy, Chủ tịch UBND xã Kim Phú.") == [
        ("Vũ Văn Thành", "Bí thư Đảng ủy xã Kim Phú"), ("Vũ Văn Thành", "Chủ tịch Ủy ban nhân dân xã Kim Phú")]


def test_an_unknown_name_after_a_body_is_not_read_as_the_province_s_body():
    assert holdings("Đồng chí Sầm Văn Lợi, Bí thư Đảng ủy Quân sự tỉnh phát biểu.") == []


def test_supreme_court_and_its_standing_deputy():
    assert holdings("Đồng chí Lê Văn Quang, Phó Chánh án thường trực Tòa án nhân dân tối cao tham luận.") == [
        ("Lê Văn Quang", "Phó Chánh án Thường trực Tòa án nhân dân tối cao")]


def test_a_post_heading_a_colon_list_is_held_by_each_item_s_name():
    assert holdings("Dự có các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy: Lò Văn An, Trưởng Ban Tổ chức Tỉnh ủy; "
                    "Hà Thị Bình, Phó Chủ tịch UBND tỉnh; lãnh đạo các sở, ngành. Đồng chí Ma Văn Cầu dự.") == [
        ("Hà Thị Bình", "Phó Chủ tịch Ủy ban nhân dân tỉnh Yên Bái"),
        ("Hà Thị Bình", "Ủy viên Ban Thường vụ Tỉnh ủy Yên Bái"),
        ("Lò Văn An", "Trưởng Ban Tổ chức Tỉnh ủy Yên Bái"), ("Lò Văn An", "Ủy viên Ban Thường vụ Tỉnh ủy Yên Bái")]


def test_a_council_committee_with_its_body_unsaid_takes_it_from_another_mention():
    assert holdings("Đồng chí Lưu Văn Hải, Phó Trưởng ban Kinh tế - Ngân sách trình bày báo cáo thẩm tra của Ban "
                    "Kinh tế - Ngân sách HĐND tỉnh.") == [
        ("Lưu Văn Hải", "Phó Trưởng Ban Kinh tế - Ngân sách Hội đồng nhân dân tỉnh Yên Bái")]


def test_a_unit_with_its_body_unsaid_and_named_nowhere_is_no_post():
    assert holdings("Đồng chí Lưu Văn Hải, Trưởng ban Kinh tế - Ngân sách trình bày báo cáo.") == []


def test_a_degree_before_the_name_is_not_part_of_it():
    assert holdings("Theo đó, PGS.TS Thái Văn Lành - Giám đốc Sở Y tế được tặng Bằng khen.") == [
        ("Thái Văn Lành", "Giám đốc Sở Y tế tỉnh Yên Bái")]


def test_a_title_held_in_one_national_body_needs_no_organization():
    assert holdings("Dự có Tổng Bí thư, Chủ tịch nước Tô Văn Lực.") == [
        ("Tô Văn Lực", "Chủ tịch Nhà nước"), ("Tô Văn Lực", "Tổng Bí thư Ban Chấp hành Trung ương Đảng")]


def test_va_before_a_post_and_a_name_starts_another_person():
    assert holdings("Dự có đồng chí Lò Văn An, Bí thư Tỉnh ủy và Chủ tịch UBND tỉnh Hà Văn Bình.") == [
        ("Hà Văn Bình", "Chủ tịch Ủy ban nhân dân tỉnh Yên Bái"), ("Lò Văn An", "Bí thư Tỉnh ủy Yên Bái")]


def test_a_list_of_posts_each_before_its_name():
    assert holdings("Các đồng chí lãnh đạo tỉnh: Bí thư Tỉnh ủy Hà Văn Lự, Chủ tịch UBND tỉnh Lò Văn Hải dự.") == [
        ("Hà Văn Lự", "Bí thư Tỉnh ủy Yên Bái"), ("Lò Văn Hải", "Chủ tịch Ủy ban nhân dân tỉnh Yên Bái")]


def test_a_district_division_and_a_party_cell():
    assert holdings("Tặng Bằng khen cho ông Lý Văn Tài, Trưởng phòng Nội vụ huyện Yên Bình; ông Lò Văn Tâm, Bí thư "
                    "Chi bộ thôn Khe Ron.") == [
        ("Lò Văn Tâm", "Bí thư Chi bộ thôn Khe Ron"), ("Lý Văn Tài", "Trưởng Phòng Nội vụ huyện Yên Bình")]


def test_a_city_that_is_a_province_keeps_its_name():
    assert holdings("Đồng chí Phan Văn Mạnh, Phó Bí thư Thành ủy, Chủ tịch UBND Thành phố Hồ Chí Minh dự.") == [
        ("Phan Văn Mạnh", "Chủ tịch Ủy ban nhân dân thành phố Hồ Chí Minh"),
        ("Phan Văn Mạnh", "Phó Bí thư Thành ủy Hồ Chí Minh")]
    assert holdings("Đồng chí Lê Văn Phúc - Phó Bí thư Thành ủy phát biểu.", title="Hà Nội: hội nghị") == [
        ("Lê Văn Phúc", "Phó Bí thư Thành ủy Hà Nội")]


def test_the_merged_commissions_and_party_committees_of_2025():
    assert holdings("Đồng chí Lê Thị Hoa, Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy; đồng chí Hà Văn Tú, Bí thư Đảng ủy "
                    "các cơ quan Đảng tỉnh dự.") == [
        ("Hà Văn Tú", "Bí thư Đảng ủy các cơ quan Đảng tỉnh Yên Bái"),
        ("Lê Thị Hoa", "Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy Yên Bái")]


def test_a_rank_opens_a_name_whose_family_name_is_not_listed():
    assert holdings("Đại tá Rơ Châm Phing, Chỉ huy trưởng Bộ CHQS tỉnh dự.") == [
        ("Rơ Châm Phing", "Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh Yên Bái")]


def test_a_list_heading_is_not_a_mention_of_its_first_holder():
    facts = extract(article("Dự có các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy: Lò Văn An, Trưởng Ban Tổ chức Tỉnh ủy; "
                            "Hà Thị Bình, Phó Chủ tịch UBND tỉnh."))
    assert len(facts.persons["Lò Văn An"]) == 1


def test_on_behalf_of_an_office_the_office_is_not_the_speaker_s_post():
    assert holdings("Thừa ủy quyền của Chủ tịch nước, đồng chí Lò Văn Thái – Bí thư Tỉnh ủy trao Huân chương.") == [
        ("Lò Văn Thái", "Bí thư Tỉnh ủy Yên Bái")]
