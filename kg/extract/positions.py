"""Positions: who holds which title in which body, as the article states it (org:Membership).

The forms Vietnamese news uses:

- title [body] name: "Thứ trưởng Bộ Y tế Lê Đức Luận", "Bộ trưởng Nguyễn Mạnh Hùng";
- name, title [body]: "bà Lê Ngọc Hân, Giám đốc Sở TT&TT tỉnh Quảng Ninh", and a chain of
  them: "…Nguyễn Mạnh Hùng, Phó Chủ tịch Ủy ban Quốc gia về chuyển đổi số";
- title name, name và name: "các Thứ trưởng Phạm Đức Long, Nguyễn Huy Dũng và Phan Tâm".

"nguyên"/"cựu" before a title marks a former position; "Quyền" stays in the role as written.
A minister's title without a body ("Thứ trưởng Đỗ Xuân Tuyên") takes the body the article
gives the same person elsewhere, or else the ministry the article's other ministers belong to.
"""

from __future__ import annotations

import re

from kg.doc import Doc, Evidence, Membership, Mention
from kg.gazetteer import gazetteer

_GAP = re.compile(r"^\s*(?:\([^()]{1,14}\)\s*)?$")
# name, title / name (title / name - title / name tân title / name được bổ nhiệm làm title
_APPOSITIVE = re.compile(
    r"^\s*(?:,|-|–|\(|:)?\s*(?:(?:tân|nay là|hiện là|là|giữ chức|làm|(?:vừa )?được (?:bầu|bổ nhiệm"
    r"|điều động|giao)(?: giữ chức| làm)?|được tín nhiệm bầu giữ chức)\s+)?$"
)
_LIST_SEP = re.compile(r"^(?:,\s*|\s+và\s+|\s*,\s*và\s+)$")


def _next(ms: list[Mention], i: int) -> Mention | None:
    return ms[i + 1] if i + 1 < len(ms) else None


def extract(doc: Doc) -> None:
    gaz = gazetteer()
    ms = doc.mentions_of("title", "organization", "person", "place", "country")
    stated: list[tuple[Mention, str, str | None, bool, bool, Evidence, str]] = []
    for i, t in enumerate(ms):
        if t.kind != "title":
            continue
        m = gaz.title_re.fullmatch(doc.text, t.start, t.end)
        if m is None:
            continue
        former = bool(m.group("former"))
        title = m.group("title")
        acting = title.split(" ")[0] in gaz.acting_words
        role = gaz.title_role.get(title, title)
        # The body right after the title (it may begin inside it: "Giám đốc Sở" + "Sở TT&TT …").
        org: str | None = None
        org_kind = "organization"
        j, end = i, t.end
        nxt = _next(ms, j)
        if (
            nxt and nxt.kind == "country" and nxt.key not in gaz.regions
            and _GAP.match(doc.text[t.end : nxt.start])
        ):
            org, org_kind, j, end = nxt.key, "country", j + 1, nxt.end
            name = gaz.countries[nxt.key]
            doc.add_entity("country", nxt.key, name, aliases=[doc.text[nxt.start : nxt.end]])
        elif nxt and nxt.kind == "organization" and (
            nxt.start < t.end or _GAP.match(doc.text[t.end : nxt.start])
        ):
            org, j, end = nxt.key, j + 1, nxt.end
            # "Cục Tin học hóa, Bộ TT&TT" / "Sở TT&TT tỉnh Quảng Ninh": the rest of the body.
            while (n2 := _next(ms, j)) is not None:
                gap = doc.text[end : n2.start]
                if n2.kind == "place" and not gap.strip() or n2.kind == "organization" and (
                    re.fullmatch(r"\s*(?:,|\(|thuộc)?\s*", gap)
                ):
                    j, end = j + 1, n2.end
                else:
                    break
        people: list[Mention] = []
        # title [body] name, name và name
        p = _next(ms, j)
        if p and p.kind == "person" and _GAP.match(doc.text[end : p.start]):
            people.append(p)
            k = j + 1
            while (q := _next(ms, k)) and q.kind == "person" and _LIST_SEP.match(
                doc.text[ms[k].end : q.start]
            ):
                people.append(q)
                k += 1
        # name, title [body]
        elif i > 0 and ms[i - 1].kind == "person" and _APPOSITIVE.match(
            doc.text[ms[i - 1].end : t.start]
        ):
            people.append(ms[i - 1])
        elif i > 1 and ms[i - 1].kind in ("organization", "place") and _APPOSITIVE.match(
            doc.text[ms[i - 1].end : t.start]
        ):
            # "…Nguyễn Mạnh Hùng, Bộ trưởng Bộ TT&TT, Phó Chủ tịch …": walk back the chain.
            last = stated[-1] if stated else None
            if last and last[0].end <= t.start and doc.text[last[0].end : t.start].count(",") == 1:
                people.append(last[0])
        ev = doc.sentence_at(t.start)
        for person in people:
            stated.append((person, role, org, former, acting, ev, org_kind))
    _record(doc, stated)


Stated = tuple[Mention, str, str | None, bool, bool, Evidence, str]


def _record(doc: Doc, stated: list[Stated]) -> None:
    gaz = gazetteer()
    # The body of a bare minister's title: the same person's, or the article's ministry.
    with_org = {(p.key, role): (org, kind) for p, role, org, *_, kind in stated if org}
    ministries = [org for _p, role, org, *_ in stated if org and role in gaz.ministry_titles]
    common = max(set(ministries), key=ministries.count) if ministries else None
    seen: set[tuple[str, str, str | None, bool]] = set()
    for person, role, org, former, acting, ev, org_kind in stated:
        if org is None:
            org, org_kind = with_org.get((person.key, role), (None, "organization"))
            if org is None and role in gaz.title_org:
                org = gaz.title_org[role]  # "Thủ tướng" alone: of the Government
            if org is None and role in gaz.ministry_titles:
                org = common
        key = (person.key, role, org, former)
        if key in seen:
            continue
        seen.add(key)
        doc.memberships.append(
            Membership(person.key, role, org, ev, former=former, acting=acting, org_kind=org_kind)
        )
