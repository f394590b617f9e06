"""Who organized the event, as real provincial news writes it: ad hoc bodies named by their task. Every sentence here
is invented, in the genre's style."""
import csv
import io

from conftest import QUERIES, run_vnkg
from vnkg.emit import org_label, org_path
from vnkg.extraction import extract
from vnkg.text import normalize


def page(*lines: str) -> str:
    return normalize("\n".join(lines) + "\n")


def organizer_of(sentence: str, title: str = "Yên Bái: hội nghị") -> str | None:
    (event,) = extract(page(title, sentence)).events
    return org_label(event.organizer) if event.organizer else None


def organizations(sentence: str, title: str = "Yên Bái: hội nghị") -> list[str]:
    return sorted(org_label(org) for org in extract(page(title, sentence)).organizations)


# --- ad hoc bodies named by their task -------------------------------------------------------------

def test_a_steering_committee_named_by_its_task_organizes():
    assert organizer_of("Chiều 14/3, Ban Chỉ đạo phát triển du lịch cộng đồng tỉnh (Ban Chỉ đạo) tổ chức hội nghị "
                        "sơ kết công tác quý I.") == "Ban Chỉ đạo phát triển du lịch cộng đồng tỉnh Yên Bái"


def test_the_task_ends_at_the_level_word_and_its_place():
    assert organizer_of("Sáng 9/5, Ban Chỉ đạo phòng, chống dịch Covid-19 huyện Lục Yên đã tổ chức hội nghị trực "
                        "tuyến.") == "Ban Chỉ đạo phòng, chống dịch Covid-19 huyện Lục Yên"
    assert organizer_of("Sáng 9/5, Ban Chỉ đạo 138 tỉnh tổ chức hội nghị tổng kết.") == "Ban Chỉ đạo 138 tỉnh Yên Bái"


def test_a_task_may_hold_a_plural_or_at_the_grassroots():
    assert organizer_of("Ngày 4/5, Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở tỉnh tổ chức hội nghị tổng kết.") \
        == "Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở tỉnh Yên Bái"
    assert organizer_of("Ngày 4/5, Ban Chỉ đạo các chương trình mục tiêu quốc gia huyện Văn Chấn tổ chức hội nghị.") \
        == "Ban Chỉ đạo các chương trình mục tiêu quốc gia huyện Văn Chấn"
    # "các" before the level word is the object of a verb, not a task
    assert organizations("Ngày 4/5, Ban Chỉ đạo giao các huyện rà soát hộ nghèo.") == ["Ban Chỉ đạo tỉnh Yên Bái"]


def test_a_level_word_inside_a_common_word_does_not_end_the_task():
    # "nông thôn", "xã hội": a village's or a commune's level word opening a lowercase word is no level
    assert organizer_of("Ngày 2/6, Ban Chỉ đạo xây dựng nông thôn mới huyện Văn Chấn tổ chức hội nghị sơ kết.") \
        == "Ban Chỉ đạo xây dựng nông thôn mới huyện Văn Chấn"
    assert organizer_of("Ngày 2/6, Ban Chỉ đạo giảm nghèo và an sinh xã hội tỉnh tổ chức hội nghị tổng kết.") \
        == "Ban Chỉ đạo giảm nghèo và an sinh xã hội tỉnh Yên Bái"


def test_a_council_named_by_its_task_organizes():
    assert organizer_of("Ngày 20/4, Hội đồng phối hợp phổ biến, giáo dục pháp luật thành phố Yên Bái tổ chức hội "
                        "nghị tổng kết.") == "Hội đồng phối hợp phổ biến, giáo dục pháp luật thành phố Yên Bái"


def test_a_council_named_alone_is_no_body():
    assert organizations("Hội đồng đã thống nhất đề nghị khen thưởng 12 tập thể.") == []
    assert organizer_of("Ngày 20/4, Hội đồng tổ chức hội nghị tổng kết.") is None


def test_a_clause_after_the_body_is_no_task():
    # the verb, its object and a place: the committee alone is named, and it is the province's
    assert organizer_of("Ngày 2/4, Ban Chỉ đạo tổ chức hội nghị tổng kết công tác giảm nghèo huyện Trạm Tấu.") \
        == "Ban Chỉ đạo tỉnh Yên Bái"
    assert organizations("Ngày 2/4, Ban Chỉ đạo làm việc tại huyện Trạm Tấu.") == ["Ban Chỉ đạo tỉnh Yên Bái"]
    assert organizations("Ngày 2/4, Ban Chỉ đạo kiểm tra công tác giảm nghèo huyện Trạm Tấu.") == [
        "Ban Chỉ đạo tỉnh Yên Bái"]
    assert organizations("Ngày 2/4, Ban Chỉ đạo tỉnh giao công tác giảm nghèo huyện Trạm Tấu cho Sở Nội vụ.") == [
        "Ban Chỉ đạo tỉnh Yên Bái", "Sở Nội vụ tỉnh Yên Bái"]
    assert organizations("Ngày 2/4, Hội đồng đề nghị các xã rà soát hồ sơ.") == []


def test_two_committees_with_two_tasks_are_two_organizations():
    facts = extract(page("Yên Bái: hội nghị", "Ban Chỉ đạo giảm nghèo tỉnh và Ban Chỉ đạo chuyển đổi số tỉnh họp."))
    paths = {org_path(org) for org in facts.organizations}
    assert len(paths) == 2 and all(path.startswith("yen-bai/ban-chi-dao-") for path in paths)


# --- groupings named by their members ----------------------------------------------------------------

def test_an_emulation_cluster_named_by_its_members_organizes():
    assert organizer_of("Ngày 12/7, tại Trung tâm Hội nghị tỉnh, Cụm thi đua các tỉnh Tây Nguyên tổ chức hội nghị "
                        "sơ kết công tác thi đua.") == "Cụm thi đua các tỉnh Tây Nguyên"
    assert organizer_of("Chiều 20/3, Khối thi đua các cơ quan Đảng đã tổ chức hội nghị ký kết giao ước thi đua.") \
        == "Khối thi đua các cơ quan Đảng"
    assert organizer_of("Ngày 16/1, Cụm thi đua số 4 đã tổ chức hội nghị tổng kết công tác thi đua.") \
        == "Cụm thi đua số 4"
    assert organizer_of("Ngày 16/1, Cụm thi đua các huyện, thị xã tổ chức hội nghị tổng kết.") \
        == "Cụm thi đua các huyện, thị xã"


def test_the_members_end_where_the_clause_goes_on():
    # a headline's verb with its head noun left out ("sơ kết"), a comma: the name stops before them
    assert organizations("Cụm thi đua các tỉnh Đông Nam Bộ sơ kết công tác thi đua, khen thưởng") == [
        "Cụm thi đua các tỉnh Đông Nam Bộ"]
    # no number and no members: no body
    assert organizations("Ngày 16/1, Cụm thi đua tổ chức hội nghị tổng kết.") == []


def test_a_headline_s_capitals_do_not_make_a_second_body():
    facts = extract(page("Cụm thi đua các tỉnh Duyên hải Miền Trung sơ kết công tác thi đua",
                         "Ngày 8/7, Cụm thi đua các tỉnh Duyên hải miền Trung tổ chức hội nghị sơ kết."))
    assert [org_label(org) for org in facts.organizations] == ["Cụm thi đua các tỉnh Duyên hải miền Trung"]
    assert org_label(facts.events[0].organizer) == "Cụm thi đua các tỉnh Duyên hải miền Trung"


def test_a_narrower_conference_of_a_body_is_organized_by_it():
    assert organizer_of("Hội nghị tổng kết của Cụm thi đua số 2 đã diễn ra ngày 18/12/2023.") == "Cụm thi đua số 2"
    assert organizer_of("Sáng 3/4, Hội nghị sơ kết của Ban Thường vụ Huyện ủy Văn Chấn đã diễn ra.") \
        == "Ban Thường vụ Huyện ủy Văn Chấn"


# --- bodies listed as one organizer ----------------------------------------------------------------

def joint_of(sentence: str, title: str = "Yên Bái: lễ kỷ niệm") -> tuple[list[str], str | None]:
    facts = extract(page(title, sentence))
    (event,) = facts.events
    written = facts.text[slice(*event.joint_written)] if event.joint_written else None
    return [org_label(org) for org in event.joint_organizers], written


def test_bodies_listed_as_the_subject_organize_jointly():
    sentence = ("Tối 1/10, tại Quảng trường trung tâm, Tỉnh ủy, HĐND, UBND, Ủy ban MTTQ Việt Nam tỉnh đã long trọng "
                "tổ chức lễ kỷ niệm 30 năm tái lập tỉnh.")
    organizers, written = joint_of(sentence)
    assert organizers == ["Tỉnh ủy Yên Bái", "Hội đồng nhân dân tỉnh Yên Bái", "Ủy ban nhân dân tỉnh Yên Bái",
                          "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Yên Bái"]
    assert written == "Tỉnh ủy, HĐND, UBND, Ủy ban MTTQ Việt Nam tỉnh"
    (event,) = extract(page("Yên Bái: lễ kỷ niệm", sentence)).events
    assert event.organizer is None      # no one of them is the organizer


def test_bodies_listed_as_the_agent_organize_jointly():
    assert joint_of("Hội nghị tập huấn nghiệp vụ do Sở Nội vụ và Sở Tư pháp tổ chức sáng 4/5.") == (
        ["Sở Nội vụ tỉnh Yên Bái", "Sở Tư pháp tỉnh Yên Bái"], "Sở Nội vụ và Sở Tư pháp")


def test_a_lead_body_and_its_partner_or_a_body_in_the_venue_are_no_list():
    assert joint_of("Sáng 3/2, Sở Tư pháp phối hợp với Ủy ban MTTQ tỉnh tổ chức lễ phát động.") == ([], None)
    assert joint_of("Sáng 3/2, Sở Tư pháp cùng UBND huyện Văn Chấn tổ chức lễ phát động.") == ([], None)
    # "Tỉnh ủy" names the venue; the list is the two bodies after it
    assert joint_of("Sáng 3/2, tại Hội trường Tỉnh ủy, UBND tỉnh và Ủy ban MTTQ tỉnh tổ chức lễ phát động.") == (
        ["Ủy ban nhân dân tỉnh Yên Bái", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Yên Bái"], "UBND tỉnh và Ủy ban MTTQ tỉnh")
    # bodies listed mid-sentence, after a verb, are objects, not the subject
    assert joint_of("Sáng 3/2, lãnh đạo tỉnh thăm Tỉnh ủy, UBND tỉnh tổ chức lễ phát động.") == ([], None)


def test_the_events_query_answers_with_the_list_as_written(tmp_path):
    source = tmp_path / "article.txt"
    source.write_text(page("Yên Bái: lễ kỷ niệm", "Tối 1/10, Tỉnh ủy, HĐND, UBND tỉnh long trọng tổ chức lễ kỷ niệm "
                           "30 năm tái lập tỉnh (1/10/1991 - 1/10/2021)."), encoding="utf-8")
    done = run_vnkg("build", source, "-o", tmp_path / "out")
    assert done.returncode == 0, done.stderr.decode()
    done = run_vnkg("query", QUERIES / "events.rq", "--data", tmp_path / "out", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(done.stdout.decode())))
    assert {row["organizer"] for row in rows} == {"Tỉnh ủy, HĐND, UBND tỉnh"}
    assert sorted(row["organizerLabel"] for row in rows) == [
        "Hội đồng nhân dân tỉnh Yên Bái", "Tỉnh ủy Yên Bái", "Ủy ban nhân dân tỉnh Yên Bái"]


# --- a province's departments ------------------------------------------------------------------------

def test_departments_of_a_province_organize():
    assert organizer_of("Sáng 5/3, Sở Khoa học và Công nghệ tổ chức hội nghị tổng kết.") \
        == "Sở Khoa học và Công nghệ tỉnh Yên Bái"
    assert organizer_of("Sáng 5/3, Sở NN&MT tỉnh Yên Bái tổ chức hội nghị sơ kết.") \
        == "Sở Nông nghiệp và Môi trường tỉnh Yên Bái"
    assert organizer_of("Sáng 5/3, Sở Dân tộc và Tôn giáo tổ chức hội nghị biểu dương người có uy tín.") \
        == "Sở Dân tộc và Tôn giáo tỉnh Yên Bái"


# --- the headline names who organized what the lead reports --------------------------------------------

def test_the_headline_s_body_organizes_the_lead_s_event():
    assert organizer_of("Sáng 12/1, hội nghị tổng kết công tác thi đua, khen thưởng năm 2023 đã diễn ra.",
                        title="UBND tỉnh tổng kết công tác thi đua, khen thưởng năm 2023") == "Ủy ban nhân dân tỉnh"
    assert organizer_of("Chiều 3/6, Hội nghị sơ kết 5 năm thực hiện Chỉ thị 05 được tổ chức tại Hội trường lớn.",
                        title="Ban Thường vụ Huyện ủy Lục Yên sơ kết 5 năm thực hiện Chỉ thị 05") \
        == "Ban Thường vụ Huyện ủy Lục Yên"
    assert organizer_of("Sáng 3/6, hội nghị đã được tổ chức theo hình thức trực tuyến.",
                        title="Tỉnh ủy Yên Bái tổ chức hội nghị quán triệt nghị quyết") == "Tỉnh ủy Yên Bái"


def test_a_headline_about_another_event_or_a_person_names_no_organizer():
    assert organizer_of("Sáng 3/6, lễ kỷ niệm đã diễn ra trọng thể.",
                        title="UBND tỉnh tổng kết công tác năm 2023") is None
    assert organizer_of("Tối 3/6, lễ kỷ niệm đã diễn ra trọng thể.",
                        title="Phó Thủ tướng dự lễ kỷ niệm 70 năm thành lập tỉnh") is None


def test_a_sentence_soon_after_that_takes_the_event_up_names_its_organizer():
    assert organizer_of("Sáng 12/1, hội nghị tổng kết công tác tuyên giáo năm 2023 đã diễn ra. Dự hội nghị có lãnh "
                        "đạo các huyện. Hội nghị do Ban Tuyên giáo Tỉnh ủy tổ chức nhằm đánh giá kết quả một năm.") \
        == "Ban Tuyên giáo Tỉnh ủy Yên Bái"
    # a person who chairs it is no organizer; a sentence far from the lead, or about another kind of event, says nothing
    assert organizer_of("Sáng 12/1, hội nghị tổng kết đã diễn ra. Hội nghị do đồng chí Lò Văn Sơn chủ trì.") is None
    assert organizer_of("Sáng 12/1, hội nghị tổng kết đã diễn ra. Lễ phát động do UBND tỉnh tổ chức.") is None
    assert organizer_of("Sáng 12/1, hội nghị tổng kết đã diễn ra. Một. Hai. Ba. Bốn. Hội nghị do UBND tỉnh tổ chức.") \
        is None


def test_provincial_agencies_and_associations_organize():
    assert organizer_of("Sáng 5/7, Bộ Chỉ huy Bộ đội Biên phòng tỉnh tổ chức hội nghị tổng kết.") \
        == "Bộ Chỉ huy Bộ đội Biên phòng tỉnh Yên Bái"
    assert organizer_of("Sáng 5/7, BHXH tỉnh tổ chức hội nghị tổng kết.") == "Bảo hiểm xã hội tỉnh Yên Bái"
    assert organizer_of("Sáng 5/7, Hội Chữ thập đỏ huyện Văn Chấn tổ chức hội nghị tổng kết.") \
        == "Hội Chữ thập đỏ huyện Văn Chấn"
    # the national one is not the province's: no organizer rather than a wrong one
    assert organizer_of("Sáng 5/7, Bảo hiểm xã hội Việt Nam tổ chức hội nghị tổng kết.") is None


def test_the_short_name_in_brackets_stands_for_the_named_committee_further_on():
    from vnkg.emit import post_label
    facts = extract(page("Yên Bái: hội nghị", "Chiều 14/3, Ban Chỉ đạo phát triển du lịch cộng đồng tỉnh (Ban Chỉ đạo) "
                         "tổ chức hội nghị sơ kết. Đồng chí Lò Văn Sơn, Phó Chủ tịch UBND tỉnh, Trưởng Ban Chỉ đạo "
                         "chủ trì hội nghị."))
    assert ("Lò Văn Sơn", "Trưởng Ban Chỉ đạo phát triển du lịch cộng đồng tỉnh Yên Bái") in [
        (h.person, post_label(h.post)) for h in facts.holdings]
    assert "Ban Chỉ đạo tỉnh Yên Bái" not in [org_label(org) for org in facts.organizations]
