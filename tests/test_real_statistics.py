"""Statistics as real articles write them: a measure phrase after the number, qualifiers, and the numbers that
are not figures (codes, ranks, page labels, award counts). Sentences invented in the genre's style."""

from decimal import Decimal

from vnkg.extraction import extract
from vnkg.text import normalize, parse_number


def stats_of(body: str):
    text = normalize(f"Tỉnh Hòa Lâm tổng kết năm\nCập nhật: 10:00 | 12/01/2021\n{body}\nPhóng viên Nam\n")
    # Values are exact (int or Decimal); the sentences here are written with float literals.
    return [(s.value if isinstance(s.value, int) else float(s.value), s.qualifier.label_en, s.unit)
            for s in extract(text).statistics]


# --- the measure phrase ----------------------------------------------------------------------------

def test_a_scale_word_stays_in_the_unit():
    assert stats_of("Toàn tỉnh có trên 3,4 triệu hộ được vay vốn ưu đãi.") == [(3.4, "more than", "triệu hộ")]


def test_scale_and_luot_before_the_unit():
    assert stats_of("Chương trình giúp hơn 1,7 triệu lượt hộ thoát nghèo.") == [(1.7, "more than", "triệu lượt hộ")]


def test_thousand_before_a_two_word_unit():
    assert stats_of("Tỉnh đã xây dựng gần 35 nghìn căn nhà cho hộ khó khăn.") == [(35, "nearly", "nghìn căn nhà")]


def test_a_decimal_comma_before_a_scale_word():
    assert stats_of("Vốn đầu tư nước ngoài đạt 2,456 tỷ USD.") == [(2.456, "exact", "tỷ USD")]


def test_a_rate_unit_glued_to_the_number():
    assert stats_of("Thu nhập bình quân đạt 3.250USD/người/năm.") == [(3250, "exact", "USD/người/năm")]


def test_a_percent_per_year():
    assert stats_of("Kinh tế tăng trưởng bình quân 7,25%/năm.") == [(7.25, "exact", "%/năm")]


def test_a_unit_with_a_per_group_rate():
    assert stats_of("Mỗi nhóm giáo viên được thưởng 40 triệu đồng/nhóm.") == [(40, "exact", "triệu đồng/nhóm")]


def test_coordinated_nouns_are_one_unit():
    assert stats_of("Năm nay có 318 mô hình, điển hình được nhân rộng.") == [(318, "exact", "mô hình, điển hình")]


def test_a_ratio_gives_its_first_number():
    assert stats_of("Kết quả: 21/23 chỉ tiêu đạt và vượt kế hoạch.") == [(21, "exact", "chỉ tiêu")]


def test_a_decimal_point_that_cannot_group_thousands():
    assert stats_of("Tỉnh có 58.4% dân số sống ở nông thôn.") == [(58.4, "exact", "%")]
    assert parse_number("58.4") == Decimal("58.4") and parse_number("1.348") == 1348


# --- qualifiers --------------------------------------------------------------------------------

def test_uoc_dat_is_about():
    assert stats_of("Thu ngân sách ước đạt 9.120 tỷ đồng.") == [(9120, "about", "tỷ đồng")]


def test_a_clause_opening_with_uoc_is_about():
    assert stats_of("Ước tốc độ tăng trưởng bình quân cả giai đoạn là 6,8%/năm.") == [(6.8, "about", "%/năm")]


# --- not a measure phrase ----------------------------------------------------------------------

def test_a_function_word_is_not_a_unit():
    assert stats_of("Sau khi ban hành Chỉ thị 25 đã tạo chuyển biến rõ rệt.") == []


def test_the_first_syllable_of_a_word_is_not_a_unit():
    assert stats_of("Đội tuyển xếp thứ 3 khu vực miền Trung.") == []
    assert stats_of("Có 4 khu vực được ưu tiên đầu tư.") == []


def test_a_time_unit_makes_a_span_not_a_figure():
    assert stats_of("Sau 7 năm thực hiện, phong trào đạt nhiều kết quả.") == []


# --- numbers that are names, ranks or codes ----------------------------------------------------

def test_an_ordinal_is_not_a_figure():
    assert stats_of("Kỳ họp thứ 12 có 45 đại biểu tham dự.") == [(45, "exact", "đại biểu")]


def test_a_class_name_is_not_a_figure():
    assert stats_of("Em Lê Văn An, học sinh lớp 11 trường huyện, đạt giải Ba.") == []


def test_a_document_abbreviation_is_not_a_figure():
    assert stats_of("Thực hiện NQ 19 người dân đồng tình ủng hộ.") == []


def test_a_total_is_a_figure():
    assert stats_of("Hội nghị có tổng số 230 đại biểu.") == [(230, "exact", "đại biểu")]


# --- page chrome -------------------------------------------------------------------------------

def test_a_view_counter_is_not_a_figure():
    assert stats_of("Lượt xem: 1.204 lượt\nHội nghị có 120 đại biểu dự.") == [(120, "exact", "đại biểu")]


def test_a_clock_time_is_not_a_figure():
    assert stats_of("Lúc 9:45 người dân tập trung đông đủ.") == []


# --- award counts and the counts that are not ------------------------------------------------

def test_an_award_count_is_not_a_figure():
    assert stats_of("Dịp này, Chủ tịch UBND tỉnh trao Bằng khen cho 3 cá nhân; Giấy khen cho 6 cá nhân.") == []


def test_a_proposal_count_is_a_figure():
    assert stats_of("Hội đồng thống nhất đề nghị tặng Bằng khen cho 9 cá nhân.") == [(9, "exact", "cá nhân")]


def test_praise_after_a_conferral_clause_is_a_figure():
    found = stats_of("Thủ tướng tặng Bằng khen cho 4 tập thể; Tỉnh ủy biểu dương 11 tập thể tiêu biểu.")
    assert (11, "exact", "tập thể") in found and (4, "exact", "tập thể") not in found


def test_a_tally_over_years_is_a_figure():
    assert stats_of("Trong 5 năm qua, 412 tập thể được tặng Cờ thi đua.") == [(412, "exact", "tập thể")]


def test_a_restated_count_is_not_a_figure():
    assert stats_of("Có 7 tập thể này gồm các sở, ngành của tỉnh.") == []


def test_the_count_of_those_who_have_recipients_is_a_figure():
    found = stats_of("Dịp này, 2 chi bộ có 31 đảng viên được trao Huy hiệu Đảng.")
    assert (2, "exact", "chi bộ") in found


# --- names, ranges, comparisons ----------------------------------------------------------------

def test_a_number_inside_a_name_is_not_a_figure():
    assert stats_of("Trường Tiểu học Tân Phú 2 xã Hòa An có 380 học sinh.") == [(380, "exact", "học sinh")]


def test_the_end_of_a_range_is_not_a_figure():
    assert stats_of("Doanh thu dịch vụ tăng bình quân 8-10% mỗi năm.") == []


def test_a_comparison_is_exact():
    assert stats_of("Tốc độ tăng trưởng cao hơn 1,5% so với cùng kỳ.") == [(1.5, "exact", "%")]


def test_an_estimate_in_brackets_is_about():
    assert stats_of("Mức này cao hơn bình quân cả nước (ước tăng 6%).") == [(6, "about", "%")]


def test_an_abbreviated_unit():
    assert stats_of("Sở đã khen thưởng 27 HS đạt giải quốc gia.") == [(27, "exact", "HS")]


def test_a_tally_across_grades_is_a_figure():
    assert stats_of("Tỉnh có 14 cá nhân được nhận Huân chương Lao động các hạng.") == [(14, "exact", "cá nhân")]


def test_a_number_hyphenated_to_a_word_is_a_code():
    assert stats_of("Sau dịch Covid-19 người dân trở lại sản xuất.") == []


def test_a_ratio_of_grouped_numbers():
    assert stats_of("Đến nay, cả nước có 4.105/7.230 xã đạt chuẩn.") == [(4105, "exact", "xã")]


def test_at_least_and_under():
    assert stats_of("Thu nhập tăng ít nhất 1,4 lần; không còn xã dưới 9 tiêu chí.") == [
        (1.4, "more than", "lần"), (9, "nearly", "tiêu chí")]


def test_a_military_unit_number_is_a_name():
    assert stats_of("Dự lễ có đại diện Sư đoàn 312 và 40 chiến sĩ.") == [(40, "exact", "chiến sĩ")]


def test_a_vote_count_is_a_ratio():
    assert stats_of("Kỳ họp thông qua 18 nghị quyết với 49/51 đại biểu tán thành.") == [
        (18, "exact", "nghị quyết"), (49, "exact", "đại biểu")]


def test_a_session_number_is_not_a_figure():
    assert stats_of("Hội nghị lần thứ 9 Ban Chấp hành Đảng bộ tỉnh bầu bổ sung 2 đồng chí.") == [
        (2, "exact", "đồng chí")]


def test_an_address_and_a_phone_number_are_not_figures():
    assert stats_of("Trụ sở tại số 15 đường Lê Lợi, phường 4. Điện thoại: 0263 3812 456.") == []


def test_no_unit_is_a_time_unit():
    """A number before a time unit is a span of time; the units vocabulary must never make it a figure."""
    from vnkg.vocab import default_vocabulary
    vocabulary = default_vocabulary()
    units = vocabulary.words("unit") | vocabulary.words("measure")
    assert units & vocabulary.words("time-unit") == set()


def test_a_number_in_a_quoted_name_is_not_a_figure():
    assert stats_of("Phong trào “Chung tay vì 1 triệu cây xanh” thu hút 500 hộ tham gia.") == [(500, "exact", "hộ")]


def test_a_figure_in_reported_speech_counts():
    found = stats_of("“Năm nay, toàn huyện đã hỗ trợ xây mới 120 căn nhà cho hộ nghèo và gia đình chính sách "
                     "trên địa bàn các xã vùng sâu”, đồng chí Bí thư cho biết.")
    assert found == [(120, "exact", "căn nhà")]


def test_money_with_a_short_unit():
    assert stats_of("Mỗi suất quà trị giá 500.000đ.") == [(500000, "exact", "đ")]


def test_a_number_after_con_so_is_a_figure():
    assert stats_of("Con số 1.150 hộ thoát nghèo là kết quả đáng ghi nhận.") == [(1150, "exact", "hộ")]


def test_a_day_and_month_are_not_a_ratio():
    assert stats_of("Hôm 2/9 người dân đổ về quảng trường.") == []


def test_a_sum_of_money_does_not_coordinate():
    assert stats_of("Giải Nhì được thưởng 60 triệu đồng, giải Ba được thưởng 40 triệu đồng.") == [
        (60, "exact", "triệu đồng"), (40, "exact", "triệu đồng")]


def test_comrades_are_no_sum_of_money():
    assert stats_of("Hội nghị bầu bổ sung 4 đồng chí.") == [(4, "exact", "đồng chí")]


def test_luot_before_coordinated_nouns():
    assert stats_of("Hội nghị thu hút 4.300 lượt cán bộ, đảng viên tham gia.") == [
        (4300, "exact", "lượt cán bộ, đảng viên")]


def test_a_sum_in_two_parts_is_left_out():
    assert stats_of("Kho bạc đã thu 3 tỷ 415,2 triệu đồng; tạm giữ 27 xe.") == [(27, "exact", "xe")]


def test_a_record_count_after_bien_ban():
    assert stats_of("Lực lượng chức năng lập biên bản 2.315 trường hợp vi phạm.") == [(2315, "exact", "trường hợp")]
