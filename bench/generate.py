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

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph.text import ascii_fold  # noqa: E402
from graph.vocab import default_vocabulary  # noqa: E402

MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thanh", "Quốc", "Hồng", "Ngọc", "Xuân", "Hữu"]
GIVEN = ["An", "Bình", "Cường", "Dung", "Giang", "Hà", "Hải", "Hạnh", "Hoa", "Hùng", "Hương", "Khánh", "Lan", "Linh",
         "Long", "Mai", "Nam", "Nga", "Phong", "Phúc", "Quân", "Sơn", "Tâm", "Thắng", "Thảo", "Trang", "Tuấn", "Vân"]
TOPICS = ["nâng cao chất lượng công tác tuyên truyền", "phát triển kinh tế nông nghiệp bền vững",
          "tăng cường công tác dân vận", "xây dựng tổ chức cơ sở đảng trong sạch, vững mạnh",
          "đẩy mạnh chuyển đổi số trong cơ quan nhà nước", "giảm nghèo bền vững ở vùng đồng bào dân tộc thiểu số"]
FIGURES = [("lớp bồi dưỡng nghiệp vụ", "lớp"), ("lượt người tham gia", "lượt người"), ("phiếu khảo sát", "phiếu"),
           ("mô hình được công nhận", "mô hình"), ("ha rừng trồng mới", "ha"), ("hộ thoát nghèo", "hộ")]


WORLD: dict = {}


def _vi(scheme: str, key: str) -> str:
    return default_vocabulary().concept(scheme, key).label_vi


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def article(rng: random.Random, index: int) -> str:
    vocabulary = default_vocabulary()
    province = rng.choice(vocabulary.concepts("province")).label_vi
    surnames = [c.label_vi for c in vocabulary.concepts("surname")]
    people = [f"{rng.choice(surnames)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}" for _ in range(3)]
    kind_key, code = rng.choice([("de-an", "ĐA"), ("nghi-quyet", "NQ"), ("chi-thi", "CT"), ("ke-hoach", "KH")])
    kind = _vi("document-kind", kind_key)
    number = f"{rng.randint(1, 60):02d}"
    identifier = f"{number}-{code}/TU"
    published = date(2019, 1, 1) + timedelta(days=rng.randint(0, 1800))
    event_day = published - timedelta(days=rng.randint(0, 2))
    # one world: a document named again in another article of the province keeps its date
    issued = WORLD.setdefault((province, identifier), date(2013 + rng.randint(0, 4), rng.randint(1, 12), rng.randint(1, 28)))
    start = issued.year
    topic = rng.choice(TOPICS)
    event = rng.choice(["hội nghị tổng kết", "hội nghị sơ kết"])
    unit = rng.choice(["Ban Tuyên giáo", "Ban Dân vận", "Ban Tổ chức"])
    award = rng.choice([_vi("award-kind", "bang-khen"), _vi("award-kind", "giay-khen")])
    conferrer = "Ban Chấp hành Đảng bộ tỉnh" if award == "Bằng khen" else f"{unit} Tỉnh ủy"
    collectives, individuals = rng.randint(2, 15), rng.randint(2, 15)
    qualifier = rng.choice(["", "trên ", "hơn ", "gần ", "khoảng "])
    figures = rng.sample(FIGURES, 3)
    title = f"{province}: {collectives + individuals} tập thể, cá nhân được tặng {award} trong thực hiện {kind} số {identifier}"
    slug = " ".join(re.findall(r"[a-z0-9]+", ascii_fold(title).lower()))
    day_part = rng.choice(["Sáng", "Chiều"])
    lines = [
        title,
        f"Cập nhật: {rng.randint(7, 21):02d}:{rng.randint(0, 59):02d} | {published:%d/%m/%Y}",
        f"{day_part} {event_day.day}/{event_day.month}, Tỉnh ủy {province} tổ chức {event} {published.year - start} năm "
        f"thực hiện {kind} số {identifier}, ngày {issued.day}/{issued.month}/{issued.year} của Tỉnh ủy về “{topic.capitalize()}” "
        f"giai đoạn {start} - {start + 5}.",
        f"Đồng chí {people[0]}, Phó Bí thư Thường trực Tỉnh ủy và đồng chí {people[1]}, Ủy viên Ban Thường vụ, "
        f"Trưởng {unit} Tỉnh ủy chủ trì hội nghị.",
        f"Theo báo cáo, sau {published.year - start} năm thực hiện {kind} số {number}, toàn tỉnh đã tổ chức "
        f"{qualifier}{_number(rng.randint(100, 9000))} {figures[0][0]}; {_number(rng.randint(20, 900))} {figures[1][0]}, "
        f"với {rng.randint(50, 99)},{rng.randint(1, 9)}% ý kiến đánh giá tốt. Toàn tỉnh có {_number(rng.randint(10, 5000))} "
        f"{figures[2][0]}.",
        f"Phát biểu chỉ đạo, đồng chí Phó Bí thư Thường trực Tỉnh ủy đề nghị các cấp ủy tiếp tục thực hiện tốt {kind.lower()}.",
        f"Nhân dịp này, {conferrer} tặng {award} cho {collectives} tập thể và {individuals} cá nhân có thành tích xuất sắc "
        f"trong thực hiện {kind} số {identifier}.",
        slug,
        f"Phó Bí thư Thường trực Tỉnh ủy {people[0]} trao {award} cho các tập thể.",
        slug,
        f"Đồng chí {people[2]}, Phó Trưởng {unit} Tỉnh ủy trao {award} cho các cá nhân.",
        f"{rng.choice(GIVEN)} {rng.choice(GIVEN)}",
        "  • Xin chờ trong giây lát...",
    ]
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
