"""Positions: who holds which title in which body, as the article states it (org:Membership).

The forms Vietnamese news uses:

- title [body] name: "Thứ trưởng Bộ Y tế Lê Đức Luận", "Bộ trưởng Nguyễn Mạnh Hùng";
- name, title [body]: "bà Lê Ngọc Hân, Giám đốc Sở TT&TT tỉnh Quảng Ninh", and a chain of
  them: "…Nguyễn Mạnh Hùng, Phó Chủ tịch Ủy ban Quốc gia về chuyển đổi số";
- title name, name và name: "các Thứ trưởng Phạm Đức Long, Nguyễn Huy Dũng và Phan Tâm";
- title [body], ông|bà name: "Chủ tịch UBND tỉnh An Giang, ông Nguyễn Thanh Bình";
- two titles of one person: "Phó Chủ tịch kiêm Tổng Thư ký VINASA" (both in VINASA), "…, Chủ
  tịch UBND thị xã Bỉm Sơn đồng thời là Chủ tịch Ủy ban bầu cử thị xã" (each in its own body).

"nguyên"/"cựu" before a title marks a former position; "Quyền" stays in the role as written.
A minister's title without a body ("Thứ trưởng Đỗ Xuân Tuyên") takes the body the article
gives the same person elsewhere, or else the ministry the article's other ministers belong to,
or else the ministry the article names most.
"""

from __future__ import annotations

import json
import re
from functools import cache

from kg import DATA_DIR
from kg.doc import Doc, Evidence, Membership, Mention
from kg.gazetteer import gazetteer

_GAP = re.compile(r"^\s*(?:\([^()]{1,14}\)\s*)?$")
#: title [body], ông|bà name: "Chủ tịch UBND tỉnh An Giang, ông Nguyễn Thanh Bình"
_HONORIFIC_GAP = re.compile(
    r"^\s*(?:\([^()]{1,14}\))?\s*(?:[,:\-–]|là)?\s*(?:ông|bà|Ông|Bà)\s+$"
)
#: two titles of one person: "Phó Chủ tịch kiêm Tổng Thư ký VINASA"
_JOINT = re.compile(r"^\s+(?:kiêm|kiêm nhiệm|đồng thời là)\s+$")
# name, title / name (title / name - title / name tân title / name được bổ nhiệm làm title
_APPOSITIVE = re.compile(
    r"^\s*(?:,|-|–|\(|:)?\s*(?:(?:tân|nay là|hiện là|là|từng là|từng giữ chức|đồng thời là|kiêm"
    r"|giữ chức|làm|(?:vừa )?được (?:bầu|bổ nhiệm"
    r"|điều động|giao)(?: giữ chức| làm)?|được tín nhiệm bầu giữ chức)\s+)?$"
)
_LIST_SEP = re.compile(r"^(?:,\s*|\s+và\s+|\s*,\s*và\s+)(?:(?:ông|bà)\s+)?$")


def _next(ms: list[Mention], i: int) -> Mention | None:
    return ms[i + 1] if i + 1 < len(ms) else None


def _body_after(
    doc: Doc, ms: list[Mention], j: int, end: int
) -> tuple[str | None, str, int, int]:
    """The body right after the title ms[j] (it may begin inside it: "Giám đốc Sở" + "Sở TT&TT
    …"), with the rest of its name: (body key, its kind, index of its last mention, its end)."""
    gaz = gazetteer()
    nxt = _next(ms, j)
    if (
        nxt and nxt.kind == "country" and nxt.key not in gaz.regions
        and _GAP.match(doc.text[end : nxt.start])
    ):
        name = gaz.countries[nxt.key]
        doc.add_entity("country", nxt.key, name, aliases=[doc.text[nxt.start : nxt.end]])
        return nxt.key, "country", j + 1, nxt.end
    if nxt and nxt.kind == "organization" and (
        nxt.start < end or _GAP.match(doc.text[end : nxt.start])
    ):
        org, j, end = nxt.key, j + 1, nxt.end
        # "Cục Tin học hóa, Bộ TT&TT" / "Sở TT&TT tỉnh Quảng Ninh": the rest of the body.
        while (n2 := _next(ms, j)) is not None:
            gap = doc.text[end : n2.start]
            if n2.end <= end:
                j += 1  # a word of the body's name ("Đức" in "UBND TP Thủ Đức")
            elif n2.kind == "place" and not gap.strip() or n2.kind == "organization" and (
                re.fullmatch(r"\s*(?:,|\(|thuộc)?\s*", gap)
            ):
                j, end = j + 1, max(end, n2.end)
            else:
                break
        return org, "organization", j, end
    return None, "organization", j, end


def extract(doc: Doc) -> None:
    gaz = gazetteer()
    ms = doc.mentions_of("title", "organization", "person", "place", "country")
    stated: list[tuple[Mention, str, str | None, bool, bool, Evidence, str]] = []
    joint: set[int] = set()  # titles already read as the second of "title kiêm title"
    last_body: tuple[int, list[Mention]] | None = None  # the last title's body end, its people
    for i, t in enumerate(ms):
        if t.kind != "title" or i in joint:
            continue
        roles: list[tuple[str, bool, bool]] = []  # (role, former, acting)
        k = i
        while True:
            m = gaz.title_re.fullmatch(doc.text, ms[k].start, ms[k].end)
            if m is None:
                break
            title = m.group("title")
            roles.append((
                gaz.title_role.get(title, title), bool(m.group("former")),
                title.split(" ")[0] in gaz.acting_words,
            ))
            n = _next(ms, k)
            if not (n and n.kind == "title" and _JOINT.match(doc.text[ms[k].end : n.start])):
                break
            k += 1
            joint.add(k)
        if not roles:
            continue
        last = ms[k]
        org, org_kind, j, end = _body_after(doc, ms, k, last.end)
        people: list[Mention] = []
        # title [body] name, name và name (also "title [body], ông name")
        p = _next(ms, j)
        if p and p.kind == "person" and (
            _GAP.match(doc.text[end : p.start]) or _HONORIFIC_GAP.match(doc.text[end : p.start])
        ):
            people.append(p)
            k2 = j + 1
            while (q := _next(ms, k2)) and q.kind == "person" and _LIST_SEP.match(
                doc.text[ms[k2].end : q.start]
            ):
                people.append(q)
                k2 += 1
        # name, title [body]
        elif i > 0 and ms[i - 1].kind == "person" and _APPOSITIVE.match(
            doc.text[ms[i - 1].end : t.start]
        ):
            people.append(ms[i - 1])
        elif i > 1 and ms[i - 1].kind in ("organization", "place") and _APPOSITIVE.match(
            doc.text[ms[i - 1].end : t.start]
        ):
            # "…Nguyễn Mạnh Hùng, Bộ trưởng Bộ TT&TT, Phó Chủ tịch …": walk back the chain.
            # "Ông Phạm Quang Ngọc, Chủ tịch UBND tỉnh, Trưởng Ban chỉ đạo…": the people of the
            # title whose body ends right before this one.
            prev = stated[-1] if stated else None
            if last_body and last_body[0] == i - 1:
                people.extend(last_body[1])
            elif prev and prev[0].end <= t.start and (
                doc.text[prev[0].end : t.start].count(",") == 1
            ):
                people.append(prev[0])
        ev = doc.sentence_at(t.start)
        for person in people:
            for role, former, acting in roles:
                stated.append((person, role, org, former, acting, ev, org_kind))
        last_body = (j, people) if org and people else None
    _record(doc, stated)


Stated = tuple[Mention, str, str | None, bool, bool, Evidence, str]


def _record(doc: Doc, stated: list[Stated]) -> None:
    gaz = gazetteer()
    # The body of a bare minister's title: the same person's, or the article's ministry.
    with_org = {(p.key, role): (org, kind) for p, role, org, *_, kind in stated if org}
    ministries = [org for _p, role, org, *_ in stated if org and role in gaz.ministry_titles]
    common = max(set(ministries), key=ministries.count) if ministries else _article_ministry(doc)
    seen: set[tuple[str, str, str | None, bool]] = set()
    for person, role, org, former, acting, ev, org_kind in stated:
        if org is None:
            org, org_kind = with_org.get((person.key, role), (None, "organization"))
            if org is None and role in gaz.title_org:
                org = gaz.title_org[role]  # "Thủ tướng" alone: of the Government
            if org is None and role in gaz.ministry_titles:
                org = common
            if org is None and role in _title_heads():
                org = _body_of_kind(doc, _title_heads()[role], ev)
        key = (person.key, role, org, former)
        if key in seen:
            continue
        seen.add(key)
        doc.memberships.append(
            Membership(person.key, role, org, ev, former=former, acting=acting, org_kind=org_kind)
        )


def _article_ministry(doc: Doc) -> str | None:
    """The ministry an article is about: the one it names most often (the first on a tie), or
    None. A bare "Thứ trưởng Phạm Ngọc Thưởng" in a story about Bộ GD-ĐT is its deputy."""
    counts: dict[str, int] = {}
    for m in doc.mentions_of("organization"):
        ent = doc.entities.get(("organization", m.key))
        if ent is not None and ent.props.get("type") == "ministry":
            counts[m.key] = counts.get(m.key, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else None


@cache
def _title_heads() -> dict[str, str]:
    """Title → the head word of the kind of body it heads ("Chánh Thanh tra" → "Thanh tra")."""
    data = json.loads(DATA_DIR.joinpath("lexicon", "titles.json").read_text(encoding="utf-8"))
    return {k: v for k, v in data["title_heads"].items() if k != "about"}


def _body_of_kind(doc: Doc, head: str, ev: Evidence) -> str | None:
    """The one body whose name begins with `head` in the sentence `ev`, else in the article."""
    for start, end in ((ev.start, ev.end), (0, len(doc.text))):
        keys = {
            m.key for m in doc.mentions_in(start, end, "organization")
            if (ent := doc.entities.get(("organization", m.key))) is not None
            and ent.name.startswith(head + " ")
        }
        if keys:
            return keys.pop() if len(keys) == 1 else None
    return None
