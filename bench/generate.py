"""Synthetic articles of the genre, for the benchmark: seeded and reproducible.

Provinces, family names, post titles, kinds of organization, documents, awards, recipients, qualifiers, units and
events are drawn from the project's SKOS vocabularies; the sentence patterns are those of provincial conference
reports (lead with a relative date, chairs in apposition, statistics paragraphs, award clauses, captions, byline).

    python bench/generate.py N OUT_DIR [--seed S]
"""
from __future__ import annotations

import argparse
import random
import re
import sys
import unicodedata
from datetime import date, timedelta
from pathlib import Path

from vnkg.text import ascii_fold  # the installed vnkg (pip install -e .)
from vnkg.vocab import default_vocabulary

MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thanh", "Quốc", "Hồng", "Ngọc", "Xuân", "Hữu", "Đình", "Thị Thanh"]
GIVEN = ["An", "Bình", "Cường", "Dung", "Giang", "Hà", "Hải", "Hạnh", "Hoa", "Hùng", "Hương", "Khánh", "Lan", "Linh",
         "Long", "Mai", "Nam", "Nga", "Phong", "Phúc", "Quân", "Sơn", "Tâm", "Thắng", "Thảo", "Trang", "Tuấn", "Vân"]
TOPICS = ["nâng cao chất lượng công tác tuyên truyền", "phát triển kinh tế nông nghiệp bền vững",
          "tăng cường công tác dân vận của chính quyền các cấp", "xây dựng tổ chức cơ sở đảng trong sạch, vững mạnh",
          "đẩy mạnh chuyển đổi số trong cơ quan nhà nước", "giảm nghèo bền vững ở vùng đồng bào dân tộc thiểu số",
          "nâng cao chất lượng hoạt động của đội ngũ báo cáo viên, tuyên truyền viên các cấp",
          "tăng cường công tác phát triển đảng viên ở thôn, tổ dân phố"]
# (what is counted, its unit word); the sentence reads "<number> <what>"
FIGURES = [("lớp bồi dưỡng nghiệp vụ", "lớp"), ("lượt người tham gia", "lượt người"), ("phiếu khảo sát", "phiếu"),
           ("mô hình được công nhận", "mô hình"), ("ha rừng trồng mới", "ha"), ("hộ thoát nghèo", "hộ"),
           ("cuộc đối thoại với Nhân dân", "cuộc"), ("kiến nghị được giải quyết", "kiến nghị"),
           ("đảng viên mới được kết nạp", "đảng viên"), ("hội nghị học tập chỉ thị, nghị quyết", "hội nghị")]
UNITS = ["Ban Tuyên giáo", "Ban Dân vận", "Ban Tổ chức"]
# Sentences with no fact in them, as real reports have between the facts: the extractor must read past them.
PROSE = [
    "Các hội nghị được tổ chức linh hoạt bằng hai hình thức trực tuyến và trực tiếp để kịp thời thông tin đến cơ sở.",
    "Việc nắm bắt tình hình tư tưởng của cán bộ, đảng viên và các tầng lớp nhân dân được thực hiện kịp thời, đầy đủ.",
    "Bên cạnh kết quả đạt được, chất lượng hoạt động ở một số cơ sở chưa đồng đều, việc phối hợp có lúc chưa chặt chẽ.",
    "Tại hội nghị, các đại biểu cùng trao đổi, chia sẻ kinh nghiệm và đề xuất các giải pháp trong thời gian tới.",
    "Ở cấp cơ sở, các cấp ủy đã đa dạng hóa hình thức tuyên truyền phù hợp với điều kiện của địa phương, đơn vị.",
    "Công tác kiểm tra, giám sát được chú trọng, qua đó kịp thời chấn chỉnh những hạn chế, thiếu sót.",
    "Tuy nhiên, việc tạo nguồn ở một số thôn vùng cao còn khó khăn do thanh niên đi làm ăn xa.",
    "Sự quan tâm lãnh đạo, chỉ đạo của cấp ủy đóng vai trò quan trọng trong việc nâng cao hiệu quả công tác.",
]
SPEECH = [
    "tiếp tục quán triệt sâu sắc các chủ trương của Đảng, xây dựng kế hoạch cụ thể, thiết thực trong giai đoạn mới",
    "gắn việc thực hiện các đề án với nhiệm vụ chính trị của địa phương, phát huy vai trò người đứng đầu",
    "nâng cao chất lượng đội ngũ cán bộ làm công tác tham mưu, thường xuyên củng cố, kiện toàn tổ chức bộ máy",
]


WORLD: dict = {}


def _vi(scheme: str, key: str) -> str:
    return default_vocabulary().concept(scheme, key).label_vi


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _person(rng: random.Random, surnames: list[str]) -> str:
    return f"{rng.choice(surnames)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def _document(rng: random.Random, province: str, published: date, kinds: list) -> dict:
    kind = rng.choice(kinds)
    number = f"{rng.randint(1, 60):02d}"
    identifier = f"{number}-{kind.prop('identifierCode')}/TU"
    # one world: a document named again in another article of the province keeps its date, issuer and topic
    issued, issuer, topic = WORLD.setdefault((province, identifier), (
        date(rng.randint(2013, 2017), rng.randint(1, 12), rng.randint(1, 28)),
        rng.choice(["Tỉnh ủy", "Ban Thường vụ Tỉnh ủy"]), rng.choice(TOPICS)))
    return {"kind": kind.label_vi, "number": number, "identifier": identifier, "issued": issued, "issuer": issuer,
            "topic": topic, "years": published.year - issued.year}


def _full(doc: dict) -> str:
    return (f"{doc['kind']} số {doc['identifier']}, ngày {doc['issued'].day}/{doc['issued'].month}/{doc['issued'].year} "
            f"của {doc['issuer']} về “{doc['topic'].capitalize()}” giai đoạn {doc['issued'].year} - {doc['issued'].year + 5}")


def _figures(rng: random.Random, count: int) -> str:
    parts = []
    for what, _unit in rng.sample(FIGURES, count):
        qualifier = rng.choice(["", "", "trên ", "hơn ", "gần ", "khoảng "])
        parts.append(f"{qualifier}{_number(rng.randint(20, 20000))} {what}")
    parts.append(f"{rng.randint(50, 99)},{rng.randint(1, 9)}% ý kiến đánh giá tốt")
    return "; ".join(parts)


def article(rng: random.Random, index: int) -> str:
    """One report of a provincial conference reviewing one or two documents, about as long as the real ones
    (3.5 to 9 KB) and with as many facts: chairs and other officials with their posts, documents with dates,
    topics and periods, statistics paragraphs, fact-free prose, award clauses per document, captions, byline."""
    vocabulary = default_vocabulary()
    province = rng.choice(vocabulary.concepts("province")).label_vi
    surnames = [c.label_vi for c in vocabulary.concepts("surname")]
    kinds = [vocabulary.concept("document-kind", k) for k in ("de-an", "nghi-quyet", "chi-thi", "ke-hoach",
                                                               "chuong-trinh-hanh-dong")]
    chair, second, reporter, guest = (_person(rng, surnames) for _ in range(4))
    published = date(2019, 1, 1) + timedelta(days=rng.randint(0, 1800))
    event_day = published - timedelta(days=rng.randint(0, 2))
    docs = [_document(rng, province, published, kinds)]
    if rng.random() < 0.5:
        second_doc = _document(rng, province, published, kinds)
        if second_doc["identifier"] != docs[0]["identifier"]:
            docs.append(second_doc)
    unit, other_unit = rng.sample(UNITS, 2)
    organizer = f"{rng.choice(['Tỉnh ủy', 'Ban Thường vụ Tỉnh ủy'])} {province}"
    event = rng.choice(["hội nghị tổng kết", "hội nghị sơ kết"])
    award = rng.choice([_vi("award-kind", "bang-khen"), _vi("award-kind", "giay-khen")])
    conferrer = "Ban Chấp hành Đảng bộ tỉnh" if award == "Bằng khen" else f"{unit} Tỉnh ủy"
    counts = [(rng.randint(2, 15), rng.randint(2, 15)) for _ in docs]
    total = sum(a + b for a, b in counts)
    years = docs[0]["years"]
    chair_post = rng.choice(["Phó Bí thư Thường trực Tỉnh ủy", "Bí thư Tỉnh ủy", "Phó Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh"])
    named = " và ".join(f"{d['kind']} số {d['identifier']}" for d in docs)
    title = rng.choice([
        f"{province}: {total} tập thể, cá nhân được tặng {award} trong thực hiện {named}",
        f"{province} {event.split()[-2]} {event.split()[-1]} {years} năm thực hiện {named}",
    ])
    with_total = "tập thể, cá nhân" in title
    slug = " ".join(re.findall(r"[a-z0-9]+", ascii_fold(title).lower()))
    when = (f"{rng.choice(['Sáng', 'Chiều'])} {event_day.day}/{event_day.month}" if rng.random() < 0.7
            else f"Ngày {event_day.day}/{event_day.month}/{event_day.year}")

    lines = [title, f"Cập nhật: {rng.randint(7, 21):02d}:{rng.randint(0, 59):02d} | {published:%d/%m/%Y}"]
    lead = " và ".join(_full(d) for d in docs)
    lines.append(f"{when}, {organizer} {rng.choice(['tổ chức', 'tiến hành'])} {event} {years} năm thực hiện {lead}.")
    attendance = ("Dự hội nghị có lãnh đạo các sở, ban, ngành, đoàn thể tỉnh; bí thư, trưởng ban "
                  f"{unit.split(' ', 1)[1].lower()} các huyện ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy.")
    if rng.random() < 0.5:
        lines.append(f"{attendance} Đồng chí {chair}, {chair_post} và đồng chí {second}, Ủy viên Ban Thường vụ, "
                     f"Trưởng {unit} Tỉnh ủy chủ trì hội nghị.")
    else:
        lines.append(f"Chủ trì hội nghị có các đồng chí: {chair}, {chair_post}; {second}, Ủy viên Ban Thường vụ "
                     f"Tỉnh ủy, Trưởng {unit} Tỉnh ủy. {attendance}")
    lines += [slug, "Các đại biểu dự hội nghị."]
    lines.append(f"Báo cáo do đồng chí {reporter}, Phó Trưởng {unit} Tỉnh ủy trình bày cho biết, sau {years} năm "
                 f"thực hiện {docs[0]['kind']} số {docs[0]['number']}, toàn tỉnh có {_figures(rng, rng.randint(3, 5))}.")
    lines.append(" ".join(rng.sample(PROSE, rng.randint(2, 4))))
    if len(docs) > 1:
        lines.append(f"Hội nghị cũng nghe đồng chí {guest}, Ủy viên Ban Thường vụ, Trưởng {other_unit} Tỉnh ủy báo "
                     f"cáo kết quả thực hiện {docs[1]['kind']} số {docs[1]['identifier']}. Theo đó, toàn tỉnh có "
                     f"{_figures(rng, rng.randint(2, 3))}.")
    else:
        lines.append(f"Cùng dự có đồng chí {guest}, Chủ tịch Ủy ban MTTQ tỉnh. Đồng chí cho biết, hằng năm Ủy ban "
                     f"MTTQ tỉnh phối hợp tổ chức {_figures(rng, 1)}.")
    lines.append(" ".join(rng.sample(PROSE, rng.randint(1, 3))))
    lines += [slug, f"{chair_post.split(',')[0]} {chair} phát biểu chỉ đạo hội nghị."]
    lines.append(f"Phát biểu {rng.choice(['chỉ đạo', 'kết luận'])} hội nghị, đồng chí {chair_post.split(',')[0]} đề nghị "
                 f"các cấp ủy, tổ chức đảng {'; '.join(rng.sample(SPEECH, 2))}.")
    clauses = [f"{award} {a} tập thể, {b} cá nhân đã có thành tích xuất sắc trong thực hiện {d['kind']} số "
               f"{d['identifier']}" for d, (a, b) in zip(docs, counts)]
    lines.append(f"Nhân dịp này, {conferrer} tặng " + "; tặng ".join(clauses) + ".")
    if not with_total and rng.random() < 0.5:
        lines.append(f"{other_unit} Tỉnh ủy tặng Giấy khen cho {rng.randint(2, 9)} tập thể, {rng.randint(2, 9)} cá nhân "
                     f"có thành tích trong thực hiện {docs[-1]['kind']} số {docs[-1]['identifier']}.")
    lines += [slug, f"{chair_post.split(',')[0]} {chair} trao {award} cho các tập thể có thành tích xuất sắc trong "
                    f"thực hiện {docs[0]['kind']} số {docs[0]['number']}."]
    lines += [slug, f"Đồng chí {second}, Trưởng {unit} Tỉnh ủy trao {award} cho các cá nhân."]
    lines += [f"{rng.choice(GIVEN)} {rng.choice(GIVEN)}", "  • Xin chờ trong giây lát..."]
    return unicodedata.normalize("NFC", "\n".join(lines) + "\n")


def generate(count: int, out: Path, seed: int = 2021) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    WORLD.clear()
    paths = []
    for index in range(count):
        path = out / f"synthetic-{index:05d}.txt"
        text = article(rng, index)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("count", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=2021)
    args = parser.parse_args()
    generate(args.count, args.out, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
