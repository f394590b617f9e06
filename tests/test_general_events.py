"""Events as the genre writes them, generalized from held-out misses. Every sentence is invented."""
from vnkg.emit import org_label
from vnkg.extraction import extract
from vnkg.text import normalize


def page(*lines: str) -> str:
    return normalize("\n".join(lines) + "\n")


def event_of(*lines: str):
    (event,) = extract(page(*lines)).events
    return event


def organizer_of(*lines: str):
    event = event_of(*lines)
    return org_label(event.organizer) if event.organizer else None


# --- organizer ---------------------------------------------------------------------------------

def test_the_term_between_a_council_and_its_verb():
    assert organizer_of("Tiêu đề", "Ngày 14/11, HĐND tỉnh Lâm Đồng khóa X, nhiệm kỳ 2021 - 2026 tổ chức "
                        "Kỳ họp thứ 9 (kỳ họp chuyên đề).") == "Hội đồng nhân dân tỉnh Lâm Đồng"


def test_a_council_that_opens_its_session():
    assert organizer_of("Tiêu đề", "Ngày 6/7, HĐND tỉnh Lâm Đồng Khóa X, nhiệm kỳ 2021 - 2026 đã khai mạc "
                        "Kỳ họp thứ 4.") == "Hội đồng nhân dân tỉnh Lâm Đồng"


def test_a_session_of_a_council_is_held_by_it():
    assert organizer_of("Tiêu đề", "Ngày 29/12, kỳ họp lần thứ 9 (phiên họp thứ hai) của Hội đồng nhân dân tỉnh "
                        "Lâm Đồng khóa IX đã bế mạc.") == "Hội đồng nhân dân tỉnh Lâm Đồng"
    assert organizer_of("Tiêu đề", "Sáng 3/4, Kỳ họp thứ 7 HĐND tỉnh khóa X đã khai mạc.") == "Hội đồng nhân dân tỉnh"


def test_a_conference_of_the_standing_committee_is_its_own():
    assert organizer_of("Tiêu đề", "Sáng 3/4, Hội nghị Ban Thường vụ Tỉnh ủy lần thứ 12 đã diễn ra.") \
        == "Ban Thường vụ Tỉnh ủy"


def test_a_conference_said_to_be_of_a_committee():
    assert organizer_of("Tiêu đề", "Ngày 9/4, Hội nghị lần thứ nhất của Ban Chấp hành Đảng bộ tỉnh Gia Lai "
                        "đã bầu Ban Thường vụ.") == "Tỉnh ủy Gia Lai"


def test_a_congress_named_after_its_body_has_no_organizer():
    assert organizer_of("Tiêu đề", "Sáng 18/8, Đại hội đại biểu MTTQ tỉnh Lào Cai lần thứ X khai mạc.") is None


def test_a_province_that_organizes():
    assert organizer_of("Tiêu đề", "Ngày 10/8, tỉnh Lào Cai long trọng tổ chức Lễ kỷ niệm 30 năm tái lập tỉnh.") \
        == "tỉnh Lào Cai"
    assert organizer_of("Tiêu đề", "Hôm nay (27/7), Cà Mau long trọng tổ chức Lễ tuyên dương người có công.") \
        == "tỉnh Cà Mau"
    assert organizer_of("Tiêu đề", "(TTXVN) - Ngày 18-8, Tỉnh Nam Định đã tổ chức trọng thể Lễ kỷ niệm 80 năm.") \
        == "tỉnh Nam Định"


def test_a_city_that_is_a_province_organizes_as_a_city():
    assert organizer_of("Tiêu đề", "Sáng 18/8, Hải Phòng tổ chức Lễ kỷ niệm 80 năm.") == "thành phố Hải Phòng"


def test_a_province_in_a_venue_does_not_organize():
    assert organizer_of("Tiêu đề", "Sáng 18/8, tại tỉnh Lào Cai tổ chức Lễ kỷ niệm 80 năm.") is None


# --- dates -------------------------------------------------------------------------------------

def test_a_two_day_event_takes_its_first_day():
    assert event_of("Tiêu đề", "Ngày 16,17 tháng 5 năm 2019, Đại hội đại biểu MTTQ thành phố lần thứ XI "
                    "long trọng được diễn ra.").date == "2019-05-16"
    assert event_of("Tiêu đề", "Cập nhật: 10:00 | 21/07/2019",
                    "Trong 2 ngày 19 và 20/7, Ủy ban MTTQ tỉnh đã tổ chức Đại hội.").date == "2019-07-19"
    assert event_of("Tiêu đề", "Cập nhật: 10:00 | 21/12/2015",
                    "Kỳ họp thứ 11 diễn ra vào các ngày 8-9/12.").date == "2015-12-08"


def test_a_crawl_date_years_after_the_lead_does_not_date_the_event():
    lead = "Ngày 12/8, tỉnh Lào Cai long trọng tổ chức Lễ kỷ niệm 25 năm ngày tái lập tỉnh (12/8/1991-12/8/2016)."
    assert event_of("20/03/2026", "Tiêu đề", lead).date == "2016-08-12"


def test_a_review_of_last_year_keeps_the_date_line_year():
    assert event_of("Tiêu đề", "Cập nhật: 10:00 | 14/03/2023",
                    "Ngày 12/3, UBND tỉnh tổ chức hội nghị tổng kết công tác năm 2022.").date == "2023-03-12"


# --- kind ----------------------------------------------------------------------------------------

def test_a_review_organized_without_its_head_noun():
    event = event_of("Print Thứ Tư, 15/01/2020 08:22 Gốc",
                     "Sáng 14-1, Ban Thường vụ Thành ủy Vinh tổ chức tổng kết 10 năm thực hiện Nghị quyết 12.",
                     "Đồng chí Lê Văn An, Phó Bí thư Thành ủy chủ trì hội nghị.")
    assert (event.kind.label_vi, event.date, event.chairs) == ("hội nghị tổng kết", "2020-01-14", ["Lê Văn An"])
    assert org_label(event.organizer).startswith("Ban Thường vụ Thành ủy")


def test_a_commemoration_organized_without_its_head_noun():
    assert event_of("Tiêu đề", "Ngày 10/8, tỉnh Lào Cai tổ chức kỷ niệm 30 năm tái lập tỉnh.").kind.label_vi \
        == "lễ kỷ niệm"


def test_the_generic_name_gives_way_to_the_narrower_one_of_the_same_event():
    event = event_of("Tham dự buổi lễ có đồng chí Lê Văn An, Bí thư Tỉnh ủy.",
                     "Tại lễ kỷ niệm, Ban Thường vụ Tỉnh đoàn đã ôn lại truyền thống.")
    assert event.kind.label_vi == "lễ kỷ niệm"


def test_in_spring_the_year_reviewed_and_the_year_begun_date_the_meeting_in_the_later():
    event = event_of("Tiêu đề", "Ngày 25/3, UBND tỉnh Long An hội nghị tổng kết phong trào thi đua năm 2016, "
                     "phát động phong trào thi đua năm 2017.")
    assert event.date == "2017-03-25"


def test_in_autumn_two_years_named_leave_the_year_open():
    assert event_of("Tiêu đề", "Ngày 25/9, UBND tỉnh tổ chức hội nghị về kế hoạch năm 2016 và năm 2017.").date is None
