"""Document details as held-out real articles of the genre write them: sentences written for these tests."""
from vnkg.extraction import extract
from vnkg.text import normalize
from genre import holder


def documents(body: str):
    text = normalize(f"Hải Phòng: hội nghị tổng kết\nCập nhật: 09:15 | 15/01/2020\n{body}\nPhóng viên Lan\n")
    return {d.identifier: d for d in extract(text).documents}


def test_a_back_reference_by_the_kinds_code_names_the_issuer_the_citation_left_out():
    found = documents("Sáng 14/1, Ban Thường vụ Thành ủy tổng kết 10 năm thực hiện Nghị quyết (NQ) 12 về “Phát triển "
                      "kinh tế tập thể”. Sau 10 năm thực hiện NQ 12 của Ban Thường vụ Thành ủy, thành phố đạt nhiều "
                      "kết quả.")
    assert holder(found["12"].issuer) == "Ban Thường vụ Thành ủy Hải Phòng"


def test_a_back_reference_does_not_replace_the_issuer_the_citation_named():
    found = documents("Sáng 14/1, thành phố tổng kết Nghị quyết (NQ) 12 của Thành ủy về “Phát triển kinh tế tập thể”. "
                      "Thực hiện NQ 12 của Ban Thường vụ Thành ủy, thành phố đạt nhiều kết quả.")
    assert holder(found["12"].issuer) == "Thành ủy Hải Phòng"
