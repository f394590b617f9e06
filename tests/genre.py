"""What the tests of real-genre sentences share: how an award conferral reads as a row of the awards query."""
from vnkg.emit import org_label, post_label
from vnkg.facts import PostRef


def holder(h) -> str | None:
    """The label of a conferrer or issuer: a body ("Tỉnh ủy Cao Bằng") or an office ("Chủ tịch UBND tỉnh …")."""
    if h is None:
        return None
    return post_label(h) if isinstance(h, PostRef) else org_label(h)


def award_rows(facts):
    """(award with grade, conferrer, recipient kind, count) per conferral, as the awards query reads them."""
    return sorted((a.award.label_vi + (f" {a.grade.label_vi}" if a.grade else ""), holder(a.conferrer) or "",
                   a.recipient_kind.label_en, a.count) for a in facts.awards)
