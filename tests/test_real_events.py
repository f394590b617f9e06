"""Events, dates and page layout as real pages write them. Every sentence here is invented, in the genre's style."""
from vnkg.extraction import extract
from vnkg.layout import AUTHOR, CAPTION, CHROME, PARAGRAPH, SLUG, TITLE, UPDATED
from vnkg.doc import Doc
from vnkg.text import normalize
from vnkg.vocab import default_vocabulary



def body_and_level(org):
    return org.body.key, org.level.key


def page(*lines: str) -> str:
    return normalize("\n".join(lines) + "\n")


def kinds(text: str) -> list[str]:
    doc = Doc(normalize(text), default_vocabulary())
    return [b.kind for b in doc.blocks]


def event_of(*lines: str):
    (event,) = extract(page(*lines)).events
    return event


# --- page chrome and date lines ------------------------------------------------------------------

def test_a_print_banner_before_the_title_is_the_date_line():
    text = page("Print Thứ Ba, 04/03/2025 08:20 Gốc", "Huyện Mộc Châu tổng kết công tác dân vận",
                "Sáng 3-3, Huyện ủy Mộc Châu tổ chức hội nghị tổng kết công tác dân vận.")
    facts = extract(text)
    assert facts.meta.headline == "Huyện Mộc Châu tổng kết công tác dân vận"
    assert facts.meta.updated == "2025-03-04T08:20:00+07:00"
    assert facts.events[0].date == "2025-03-03"


def test_date_lines_in_other_shapes():
    for line, updated in (("Thứ Sáu, 07/02/2025 - 15:30", "2025-02-07T15:30:00+07:00"),
                          ("07/02/2025 15:30 GMT+7", "2025-02-07T15:30:00+07:00"),
                          ("(07/02/2025)", "2025-02-07T00:00:00+07:00"),
                          ("Ngày cập nhật 07/02/2025", "2025-02-07T00:00:00+07:00")):
        facts = extract(page("Tiêu đề bài viết", line, "Thân bài."))
        assert facts.meta.updated == updated, line


def test_view_counters_credits_and_image_files_are_not_body():
    assert kinds("Tiêu đề bài viết\n09/05/2024 10:00\nLượt xem: 1.204\nanh-hoi-nghi-01.jpg\nThân bài.\n"
                 "Tin, ảnh: TRẦN MINH\nNguồn: baotinh.vn\n") == [TITLE, UPDATED, CHROME, CHROME, PARAGRAPH, AUTHOR, CHROME]
    assert extract(page("Tiêu đề bài viết", "Thân bài.", "Tin, ảnh: TRẦN MINH")).meta.author == "TRẦN MINH"
    assert kinds("Tiêu đề bài viết\nThân bài.\n0215 3822 456\nĐiện thoại: 0215 3822 456\n")[2:] == [CHROME, CHROME]


def test_an_excerpt_that_starts_mid_article_has_no_title():
    facts = extract(page("Sáng 9/4, Tỉnh ủy tổ chức hội nghị quán triệt nghị quyết.", "Hội nghị diễn ra một buổi."))
    assert facts.meta.headline is None
    assert facts.events[0].kind.label_vi == "hội nghị quán triệt"


# --- dates ---------------------------------------------------------------------------------------

def test_a_dash_date_takes_its_year_from_the_date_line():
    event = event_of("Tiêu đề", "Cập nhật: 09:00 | 18/02/2024", "Sáng 17-2, UBND tỉnh tổ chức hội nghị.")
    assert event.date == "2024-02-17"


def test_a_dot_date_after_sang_qua_with_the_quarter_in_the_sentence():
    event = event_of("Tiêu đề", "Sáng qua 28.6, Huyện ủy tổ chức hội nghị sơ kết công tác quý II.2019.")
    assert event.date == "2019-06-28"


def test_sang_nay_with_the_date_in_brackets_and_no_year_anywhere():
    event = event_of("Tiêu đề", "Sáng nay (12/1), Tỉnh ủy tổ chức hội nghị sơ kết Đề án số 04.")
    assert event.date is None


def test_the_month_of_the_meeting_fixes_the_year():
    event = event_of("Tiêu đề", "Chiều 26/10, UBND tỉnh tổ chức phiên họp thường kỳ tháng 10 năm 2022.")
    assert event.date == "2022-10-26"


def test_the_anniversary_pair_fixes_the_year_but_is_not_the_event_date():
    event = event_of("Tiêu đề", "Tối 2-9, Thành ủy tổ chức lễ kỷ niệm 70 năm Ngày thành lập thành phố "
                     "(3-9-1950/3-9-2020) và đón nhận Huân chương Lao động hạng Nhất.")
    assert (event.kind.label_vi, event.date) == ("lễ kỷ niệm", "2020-09-02")


def test_a_document_s_date_is_not_the_event_s_nor_its_year():
    event = event_of("Tiêu đề", "Sáng 14/12, Sở Nội vụ tổ chức hội nghị tổng kết Nghị quyết số 12-NQ/TU, "
                     "ngày 04/11/2013 của Tỉnh ủy.")
    assert event.date is None


def test_a_date_in_words_is_a_full_date():
    event = event_of("Tiêu đề", "Ngày 21 tháng 3 năm 2017, Huyện ủy tổ chức hội nghị.")
    assert event.date == "2017-03-21"


def test_a_review_year_in_january_does_not_fix_the_year():
    event = event_of("Tiêu đề", "Ngày 8/1, Tỉnh ủy tổ chức hội nghị tổng kết công tác năm 2022.")
    assert event.date is None


def test_held_with_no_day_has_no_date():
    event = event_of("Tiêu đề", "Hội nghị sơ kết công tác dân vận vừa được Huyện ủy tổ chức.")
    assert event.date is None and event.kind.label_vi == "hội nghị sơ kết"
    assert event.organizer.body.key == "huyen-uy"


def test_a_planned_event_is_not_reported_as_held():
    facts = extract(page("Tiêu đề", "Ngày 20/5, Tỉnh ủy sẽ tổ chức hội nghị tổng kết Chỉ thị số 05."))
    assert facts.events == []


# --- events --------------------------------------------------------------------------------------

def test_the_kind_the_organize_cue_governs_not_a_venue_s_name():
    event = event_of("Tiêu đề", "Ngày 5/6, tại Trung tâm Hội nghị tỉnh, UBND tỉnh tổ chức hội nghị sơ kết công tác "
                     "thi đua.")
    assert event.kind.label_vi == "hội nghị sơ kết"
    assert body_and_level(event.organizer) == ("ubnd", "tinh")


def test_a_ceremony_kind_named_later_in_the_body():
    event = event_of("Tiêu đề", "Ngày 1/2, đồng chí Lê Văn Thắng trao Huy hiệu Đảng cho các đảng viên.",
                     "Tại buổi lễ, các đảng viên bày tỏ niềm vinh dự.")
    assert event.kind.label_vi == "buổi lễ" and event.organizer is None


def test_the_kind_from_the_headline_when_the_body_names_none():
    event = event_of("Thị xã họp xét các điển hình tiên tiến", "Thị xã đã lựa chọn 9 tập thể tiêu biểu.")
    assert event.kind.label_vi == "họp xét"


def test_several_bodies_organizing_together_are_not_one_organizer():
    event = event_of("Tiêu đề", "Sáng 3/2, Ban Dân vận Tỉnh ủy, Ủy ban MTTQ tỉnh tổ chức lễ vinh danh các điển hình.")
    assert event.kind.label_vi == "lễ vinh danh" and event.organizer is None


def test_the_passive_organizer():
    event = event_of("Tiêu đề", "Hội nghị biểu dương điển hình tiên tiến do UBND huyện tổ chức sáng 4/5.")
    assert event.kind.label_vi == "hội nghị biểu dương"
    assert body_and_level(event.organizer) == ("ubnd", "huyen")


def test_the_body_a_sitting_belongs_to_organizes_it():
    event = event_of("Tiêu đề", "Chiều 20/9, đồng chí Hà Văn Nam, Chủ tịch UBND tỉnh chủ trì phiên họp UBND tỉnh "
                     "thường kỳ.")
    assert event.kind.label_vi == "phiên họp" and body_and_level(event.organizer) == ("ubnd", "tinh")
    assert event.chairs == ["Hà Văn Nam"]


def test_a_subject_that_merely_opens_the_sentence_does_not_organize():
    event = event_of("Tiêu đề", "Sáng 30/9, Đại hội đại biểu Đảng bộ tỉnh lần thứ XX khai mạc trọng thể.")
    assert event.kind.label_vi == "đại hội" and event.organizer is None


def test_co_chairs_listed_before_the_cue():
    event = event_of("Tiêu đề", "Chiều 6/7, Tỉnh ủy tổ chức hội nghị. Các đồng chí: Lò Văn Sơn, Bí thư Tỉnh ủy; "
                     "Đinh Thị Lan, Chủ tịch UBND tỉnh đồng chủ trì hội nghị.")
    assert event.chairs == ["Lò Văn Sơn", "Đinh Thị Lan"]


def test_chairs_after_a_cue_that_opens_the_sentence_and_not_the_attendees():
    event = event_of("Tiêu đề", "Sáng 6/7, Tỉnh ủy tổ chức hội nghị.",
                     "Chủ trì hội nghị có đồng chí Lò Văn Sơn, Bí thư Tỉnh ủy.",
                     "Dự hội nghị có đồng chí Vàng A Páo, Phó Chủ tịch UBND tỉnh.")
    assert event.chairs == ["Lò Văn Sơn"]


def test_a_byline_under_the_title_and_a_live_blog_entry_first():
    assert kinds("Tiêu đề bài viết\nLÊ MINH |\nThân bài.\n") == [TITLE, AUTHOR, PARAGRAPH]
    assert extract(page("9h15: Kỳ họp thứ 8 bước vào phiên thảo luận", "Thân bài.")).meta.headline is None


def test_a_period_in_the_lead_and_the_one_current_year_of_the_body():
    event = event_of("Tiêu đề", "Ngày 28-10, UBND tỉnh tổ chức lễ vinh danh các nhà hảo tâm giai đoạn 2016-2019.",
                     "Trong 9 tháng đầu năm 2019, Quỹ đã tiếp nhận nhiều đóng góp.")
    assert event.date == "2019-10-28"
    event = event_of("Tiêu đề", "Ngày 28-10, UBND tỉnh tổ chức đại hội thi đua giai đoạn 2025-2030.")
    assert event.date is None


def test_a_body_that_meets_and_a_spaced_dash_date():
    event = event_of("Tiêu đề", "Cập nhật: 08:00 | 20/12/2019", "Ngày 19 - 12, UBND tỉnh họp phiên thường kỳ tháng 12.")
    assert (event.kind.label_vi, event.date) == ("phiên họp", "2019-12-19")
    assert body_and_level(event.organizer) == ("ubnd", "tinh")


def test_the_chair_after_duoi_su_chu_tri_cua():
    event = event_of("Tiêu đề", "Sáng 2/6, dưới sự chủ trì của đồng chí Hà Văn Nam, Chủ tịch UBND tỉnh, UBND tỉnh đã "
                     "tổ chức phiên họp. Dự họp có đồng chí Lò Thị Mai, Phó Chủ tịch HĐND tỉnh.")
    assert event.chairs == ["Hà Văn Nam"]


def test_a_body_in_the_venue_does_not_make_the_subject_a_joint_one():
    event = event_of("Tiêu đề", "Sáng 9/4, tại Hội trường Tỉnh ủy, Ban Thường vụ Tỉnh ủy tổ chức hội nghị.")
    assert (event.organizer.unit.key, event.organizer.body.key) == ("ban-thuong-vu", "tinh-uy")


def test_a_kind_inside_a_document_s_name_is_not_the_event():
    event = event_of("Tiêu đề", "Thực hiện Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XV, huyện đạt nhiều kết quả.",
                     "Sáng 3/4, Huyện ủy tổ chức hội nghị sơ kết.")
    assert event.kind.label_vi == "hội nghị sơ kết"


def test_chairs_after_tham_du_va_chu_tri():
    event = event_of("Tiêu đề", "Sáng 6/7, Tỉnh ủy tổ chức hội nghị.",
                     "Tham dự và chủ trì hội nghị có đồng chí Lò Văn Sơn, Bí thư Tỉnh ủy.")
    assert event.chairs == ["Lò Văn Sơn"]


def test_a_section_name_above_the_title_is_chrome():
    assert kinds("Thời sự\nHuyện Mộc Châu tổng kết công tác dân vận\nThân bài.\n") == [CHROME, TITLE, PARAGRAPH]
    assert kinds("Cao Bằng: hội nghị\nCập nhật: 10:00 | 12/01/2021\nThân bài.\n") == [TITLE, UPDATED, PARAGRAPH]


def test_a_dated_lead_after_a_caption_like_mention():
    event = event_of("Tiêu đề", "Đồng chí Lò Văn Sơn phát biểu tại hội nghị.",
                     "Sáng 6/7, Ban Thường vụ Tỉnh ủy tổ chức hội nghị sơ kết Chỉ thị số 05.")
    assert event.kind.label_vi == "hội nghị sơ kết" and event.organizer.unit.key == "ban-thuong-vu"


def test_the_body_of_a_congress_or_plenum_named_after_the_kind_does_not_organize_it():
    event = event_of("Tiêu đề", "Sáng 9/4, Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 18 khai mạc.")
    assert event.organizer is None


def test_an_event_that_will_take_place_is_not_reported_as_held():
    facts = extract(page("Tiêu đề", "Kỳ họp thứ 9 HĐND tỉnh khóa XVII sẽ diễn ra trong hai ngày 10 và 11/7."))
    assert facts.events == []


def test_a_cut_off_date_is_not_the_event_s():
    event = event_of("Tiêu đề", "Hội nghị tổng kết công tác thi đua (tính đến ngày 30/6/2020) có 200 đại biểu dự.")
    assert event.date is None


def test_a_task_the_meeting_sets_does_not_make_it_planned():
    event = event_of("Tiêu đề", "Sáng 6/7, Tỉnh ủy tổ chức hội nghị sơ kết, thời gian tới sẽ tổ chức thực hiện tốt "
                     "các nhiệm vụ.")
    assert event.kind.label_vi == "hội nghị sơ kết"


def test_the_kind_from_a_caption_when_body_and_headline_name_none():
    event = event_of("Tỉnh nhà về đích sớm", "Năm nay tỉnh đạt 19 tiêu chí.", "tinh nha ve dich som",
                     "Quang cảnh hội nghị")
    assert event.kind.label_vi == "hội nghị"


def test_leading_a_task_is_not_chairing():
    event = event_of("Tiêu đề", "Sáng 6/7, Tỉnh ủy tổ chức hội nghị.",
                     "Đồng chí Lò Văn Sơn đề nghị Sở Nội vụ chủ trì, phối hợp với các ngành rà soát quy hoạch.")
    assert event.chairs == []


def test_headlines_listed_under_related_news_are_chrome():
    assert kinds("Tiêu đề bài viết\nThân bài.\nTin liên quan\nHuyện A có 12 xã đạt chuẩn nông thôn mới\n"
                 "Tỉnh B trao 30 Bằng khen cho các tập thể\nĐoạn thân bài tiếp theo.\n") == [
        TITLE, PARAGRAPH, CHROME, CHROME, CHROME, PARAGRAPH]


def test_a_body_in_an_adverbial_before_the_subject_is_no_co_organizer():
    event = event_of("Tiêu đề", "Thực hiện Kế hoạch của Tỉnh ủy, Ban Tuyên giáo Tỉnh ủy tổ chức hội nghị vào sáng 3/4.")
    assert event.organizer.unit.key == "ban-tuyen-giao"


def test_an_image_s_alt_text_is_a_slug_and_a_caption_follows():
    assert kinds("Huyện A về đích nông thôn mới\nThân bài.\nHuyện A về đích nông thôn mới ảnh 2\n"
                 "Quang cảnh buổi lễ.\nThân bài tiếp.\n") == [TITLE, PARAGRAPH, SLUG, CAPTION, PARAGRAPH]
