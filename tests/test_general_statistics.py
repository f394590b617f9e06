"""Statistics as the genre writes them, generalized from held-out misses. Every sentence is invented."""
from vnkg.extraction import extract
from vnkg.layout import CHROME
from vnkg.doc import Doc
from vnkg.text import normalize
from vnkg.vocab import default_vocabulary


def figures(*lines: str) -> list[tuple]:
    facts = extract(normalize("\n".join(lines) + "\n"))
    return [(s.value, s.unit) for s in facts.statistics]


def test_a_view_counter_written_number_first_is_chrome():
    doc = Doc(normalize("Tiêu đề bài viết\nThứ 5, 23/11/2023 | 15:58:19\n2,315 lượt xem\nThân bài.\n"),
              default_vocabulary())
    assert doc.blocks[2].kind == CHROME
    assert figures("Tiêu đề", "Thứ 5, 23/11/2023 | 15:58:19", "2,315 lượt xem",
                   "Sáng 23/11, tỉnh tổ chức lễ kỷ niệm với 300 đại biểu tham dự.") == [(300, "đại biểu")]


def test_a_page_counter_inside_a_line_is_no_figure():
    assert figures("Tiêu đề", "Bài viết có 5.000 lượt xem.") == []


def test_a_count_of_levels():
    assert (4, "cấp") in figures("Tiêu đề", "Quỹ “Vì người nghèo” 4 cấp vận động được trên 19 tỷ đồng.")


def test_lượt_without_a_noun_is_a_count():
    assert figures("Tiêu đề", "Năm qua, toàn tỉnh có 120 lượt tham gia.") == [(120, "lượt")]


def test_an_unknown_award_in_a_list_of_conferrals_keeps_its_count():
    assert figures("Tiêu đề", "Chủ tịch nước tặng Huân chương Lao động hạng Ba cho 03 cá nhân; Huân chương Hữu nghị "
                   "của nước bạn cho 02 cá nhân; Huy chương Hữu nghị của nước bạn cho 04 cá nhân.") == []


def test_a_sum_for_households_beside_a_conferral_is_a_figure():
    assert (50, "hộ nghèo") in figures("Tiêu đề", "Năm qua, tỉnh hỗ trợ 200 triệu đồng cho 50 hộ nghèo.")


def test_cooperatives_by_their_abbreviation_and_business_owners():
    assert figures("Tiêu đề", "Thành lập 81 HTX, trong đó có 37 chủ doanh nghiệp tư nhân.") \
        == [(81, "HTX"), (37, "chủ doanh nghiệp")]


def test_counts_in_a_list_of_badges_conferred_are_no_figures():
    assert figures("Tiêu đề", "Trong số các đảng viên được tặng Huy hiệu lần này có 42 đồng chí được trao Huy hiệu "
                   "70 năm tuổi Đảng, 7 đồng chí được trao Huy hiệu 65 năm tuổi Đảng.") == []


def test_a_tally_over_years_and_gifts_stay_figures():
    assert figures("Tiêu đề", "Trong 5 năm qua, 993 tập thể được tặng Bằng khen.") == [(993, "tập thể")]
    assert figures("Tiêu đề", "Năm nay, 300 hộ nghèo được tặng quà Tết.") == [(300, "hộ nghèo")]
