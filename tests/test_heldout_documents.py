"""Document details as held-out real articles of the genre write them: sentences written for these tests."""
from vnkg.extraction import extract
from vnkg.text import normalize
from genre import holder


def documents(body: str):
    text = normalize(f"Hải Phòng: hội nghị tổng kết\nCập nhật: 09:15 | 15/01/2020\n{body}\nPhóng viên Lan\n")
    return {d.identifier: d for d in extract(text).documents}


def test_a_back_reference_by_the_kinds_code_names_the_issuer_the_citation_left_out():
    found = documents("Sáng 14/1, thành phố sơ kết việc triển khai Nghị quyết (NQ) 12 về “Phát triển kinh tế tập thể”. "
                      "Qua ba năm, việc thực hiện NQ 12 của Ban Thường vụ Thành ủy đã có chuyển biến rõ.")
    assert holder(found["12"].issuer) == "Ban Thường vụ Thành ủy Hải Phòng"


def test_a_back_reference_does_not_replace_the_issuer_the_citation_named():
    found = documents("Sáng 14/1, thành phố sơ kết Nghị quyết (NQ) 12 của Thành ủy về “Phát triển kinh tế tập thể”. "
                      "Qua ba năm, việc thực hiện NQ 12 của Ban Thường vụ Thành ủy đã có chuyển biến rõ.")
    assert holder(found["12"].issuer) == "Thành ủy Hải Phòng"


def test_a_date_opening_the_clause_of_the_signer_after_a_lead_in_dates_the_document():
    found = documents("Ghi nhận thành tích đó, ngày 5/3/2019, Chủ tịch nước đã ký Quyết định số 412/QĐ-CTN tặng thưởng "
                      "Huân chương Lao động hạng Ba cho 4 cá nhân.")
    assert found["412/QĐ-CTN"].date == "2019-03-05"


def test_a_signer_not_read_as_an_office_still_lets_the_date_through_but_names_no_issuer():
    found = documents("Ghi nhận công lao đó, ngày 20/5/1950, Chủ tịch Hồ Chí Minh đã ký sắc lệnh số 17/SL tặng thưởng "
                      "“Trung đoàn Sông Lô” Huân chương Quân công hạng Nhì.")
    assert (found["17/SL"].date, found["17/SL"].issuer) == ("1950-05-20", None)


def test_a_date_not_set_off_as_the_clause_opening_is_not_the_documents():
    found = documents("Sau hội nghị ngày 5/3/2019 Ban Thường vụ Thành ủy đã ban hành Kế hoạch số 45-KH/TU.")
    assert found["45-KH/TU"].date is None
