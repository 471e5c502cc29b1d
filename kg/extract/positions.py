"""Positions: who holds which title in which body, as the article states it (org:Membership).

The forms Vietnamese news uses:

- title [body] name: "Thứ trưởng Bộ Y tế Lê Đức Luận", "Bộ trưởng Nguyễn Mạnh Hùng";
- name, title [body]: "bà Trần Thu Hà, Giám đốc Sở TT&TT tỉnh Quảng Ninh", and a chain of
  them: "…Nguyễn Mạnh Hùng, Phó Chủ tịch UBQG về CĐS";
- title name, name và name: "các Thứ trưởng Phạm Đức Long, Nguyễn Huy Dũng và Phan Tâm";
- title [body], ông|bà name: "Chủ tịch UBND tỉnh An Giang, ông Nguyễn Thanh Bình";
- two titles of one person: "Phó Chủ tịch kiêm Tổng Thư ký VINASA" (both in VINASA), "…, Chủ
  tịch UBND thị xã Bỉm Sơn đồng thời là Chủ tịch Ủy ban bầu cử thị xã" (each in its own body).

- a chain of titles after one name, in lists of candidates and appointments: "Ông A (Sinh năm
  1972), Bí thư Đảng ủy, Cục trưởng Cục X" — a parenthesis after the name, ranks and degrees
  between the titles ("…, Đại tướng, Chủ nhiệm…") and titles without a body go on with it;
  "Ông từng đảm nhiệm … như Bộ trưởng X, Quyền Bộ trưởng Y" is the person the sentence before
  is about, and former;
- a bare party body in such a chain ("Bí thư Đảng ủy, Giám đốc Sở X", "Bí thư Ban cán sự Đảng,
  Bộ trưởng Bộ Y") is the party body of the body the chain ends with ("Đảng ủy Sở X");
- a title right after "Thư ký"/"Trợ lý" ("Thư ký của Thủ tướng Lý Hiển Long") is whose assistant
  the person is: neither the person's own title nor the next person's;
- a foreign official's ministry ("Bộ trưởng Tài chính Lawrence Wong", "Bộ trưởng Phát triển Xã
  hội và Gia đình" in an article about Singapore) is that country's, not Vietnam's;
- outside the state: the body in the clause ("HLV Zidane của Real Madrid", "Chelsea của HLV
  Tuchel"; companies, clubs, schools, hospitals, international bodies only); a list after
  "gồm" ("Thành viên HĐQT nhiệm kỳ 2021 - 2025 gồm ông A, bà B và ông C"); a degree written
  short between the body and the name ("Học viện Tài chính TS Nguyễn Đào Tùng"). Names joined
  by ", ông" with no "và" anywhere are a new clause, not a list.

A post only companies have (`company_titles`: HĐQT, Ban kiểm soát, CEO…) stated without a body
is in the company the sentence names, else the company the article names most when one leads.
A foreign state's post (`country_titles`: Tổng thống, Đại sứ…) stated without a body is in the
country the article names at least twice as often as any other; otherwise it stays without
one, since a wrong country is worse than none ("Tổng thống Donald Trump" in a story about Iran).
"chính quyền Tổng thống X" is X's administration, not an acting President.

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
from kg.encodings import is_syllable
from kg.extract.organizations import add_reference
from kg.gazetteer import CAP, gazetteer
from kg.normalize import fold

_GAP = re.compile(r"^\s*(?:\([^()]{1,14}\)\s*)?$")
#: title [body], ông|bà name: "Chủ tịch UBND tỉnh An Giang, ông Nguyễn Thanh Bình"
_HONORIFIC_GAP = re.compile(
    r"^\s*(?:\([^()]{1,14}\))?\s*(?:[,:\-–]|là)?\s*(?:ông|bà|Ông|Bà)\s+$"
)
#: two titles of one person: "Phó Chủ tịch kiêm Tổng Thư ký VINASA"
_JOINT = re.compile(r"^\s+(?:kiêm|kiêm nhiệm|đồng thời là)\s+$")
# name, title / name (title / name - title / name tân title / name được bổ nhiệm làm title
_APPOSITIVE = re.compile(
    r"^\s*(?:,|-|–|\(|:)?\s*(?:người\s+)?(?:(?:tân|nay là|hiện là|là|từng là|từng giữ chức"
    r"|đồng thời là|kiêm|(?:sẽ |vừa )?trở thành|được bổ nhiệm làm(?: tân)?"
    r"|giữ chức|làm|(?:vừa )?được (?:bầu|bổ nhiệm"
    r"|điều động|giao)(?: giữ chức| làm)?|được tín nhiệm bầu giữ chức)\s+)?$"
)
#: "Công chức Tư pháp - Hộ tịch cấp xã, UBND thị trấn…": the level, then the body
_BODY_GAP = re.compile(r"^\s+cấp (?:xã|huyện|tỉnh)\s*,?\s*$")
_LIST_SEP = re.compile(r"^(?:,\s*|\s+và\s+|\s*,\s*và\s+)(?:(?:ông|bà)\s+)?$")
#: "Ông A (Sinh năm 1972), Bí thư…": an aside right after the name
_ASIDE = re.compile(r"^\s*\([^()]{1,60}\)")
#: the next title of one person's chain: a comma only (asides dropped)
_CHAIN_GAP = re.compile(r"^\s*,\s*$")
#: "Ông từng đảm nhiệm nhiều chức vụ … như": the titles that follow are the person's before
_PAST_INTRO = re.compile(
    r"(?:Ông|Bà)\s+(?:cũng\s+)?(?:đã\s+)?từng\s+(?:đảm nhiệm|giữ|kinh qua|nắm giữ|làm)"
    r"[^.;]{0,80}?(?:\s+như|\s+là|:)\s"
)
#: "Bộ trưởng Phát triển Xã hội và Gia đình,": a ministry named by its field, up to a comma
_FIELD_BEFORE_NAME = re.compile(rf"\s+({CAP}(?:\s+(?:và\s+)?\w+){{0,5}}?)\s+")
_FIELD = re.compile(rf"\s+({CAP}(?:\s+(?:và\s+)?\w+){{0,7}}?)(?=\s*[,.;]|\s*$)")


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
        or _BODY_GAP.match(doc.text[end : nxt.start])
    ):
        org, j, end = nxt.key, j + 1, nxt.end
        if nxt.start < ms[j - 1].end:
            # "Phó Thủ tướng Chính phủ": the office "Thủ tướng Chính phủ" read inside the title
            # is not the deputy's body; a title that names its body holds the post there
            org = _office_in_title(doc, ms[j - 1], org)
        after = _next(ms, j)
        if nxt.end <= ms[j - 1].end and after and after.kind == "organization" and re.fullmatch(
            r"\s+thuộc\s+", doc.text[max(end, ms[j - 1].end) : after.start]
        ):
            # "Đại biểu Quốc hội chuyên trách thuộc Đoàn ĐBQH tỉnh…": the body it is of
            org, j, end = after.key, j + 1, after.end
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


def _office_in_title(doc: Doc, title: Mention, org: str) -> str:
    """The body of a post whose title overlaps the body found after it: the body the title
    names (`org_in_title` in `data/lexicon/titles.json`: "Phó Thủ tướng" → the Government)
    when the one found is a one-person office (the Prime Minister as an issuing authority,
    "Thủ tướng Chính phủ"), else the body found ("Giám đốc Sở" + "Sở TT&TT …")."""
    gaz = gazetteer()
    m = gaz.title_re.fullmatch(doc.text, title.start, title.end)
    if m is None:
        return org
    held = gaz.title_org.get(gaz.title_role.get(m.group("title"), m.group("title")))
    body = gaz.bodies.get(org)
    if held and body is not None and body.type == "executive_office" and held != org:
        return held
    return org


def extract(doc: Doc) -> None:
    gaz = gazetteer()
    ms = doc.mentions_of("title", "organization", "person", "place", "country")
    stated: list[tuple[Mention, str, str | None, bool, bool, Evidence, str]] = []
    joint: set[int] = set()  # titles already read as the second of "title kiêm title"
    last_body: tuple[int, list[Mention]] | None = None  # the last title's body end, its people
    chain: tuple[int, list[Mention], bool] | None = None  # one person's chain: end, who, former
    objects: set[int] = set()  # people named as whose assistant someone is, not title holders
    for i, t in enumerate(ms):
        if t.kind != "title" or i in joint:
            continue
        roles: list[tuple[str, bool, bool]] = []  # (role, former, acting)
        k = i
        while True:
            m = gaz.title_re.fullmatch(doc.text, ms[k].start, ms[k].end)
            if m is None:
                break
            title = _not_administration(doc.text, ms[k].start, m.group("title"))
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
        ev = doc.sentence_at(t.start)
        if _dependent(doc, ms, i):
            # "Thư ký của Thủ tướng Lý Hiển Long": whose assistant; the chain goes on after it
            p = _next(ms, j)
            if p and p.kind == "person" and _GAP.match(doc.text[end : p.start]):
                objects.add(j + 1)
                end = p.end
            if chain:
                chain = (end, chain[1], chain[2])
            continue
        party = None
        if org is None:
            party, end = _bare_party(doc, ms, j, end, ev)
            if party is not None:
                org = party
        people: list[Mention] = []
        former_chain = False
        # title [body] name, name và name (also "title [body], ông name")
        p = _next(ms, j)
        if org is None and p and p.kind == "person" and any(
            r.removeprefix("Quyền ") in gaz.ministry_titles for r, *_ in roles
        ):
            # "Bộ trưởng Giao thông Ong Ye Kung": a foreign minister's field, then the name
            field, field_end = _field_ministry(doc, last.end, end, [p], before=p.start)
            if field is not None:
                org, end = field, field_end
        if p and p.kind == "person" and (
            _GAP.match(doc.text[end : p.start]) or _HONORIFIC_GAP.match(doc.text[end : p.start])
            or _degree_gap_re().fullmatch(doc.text, end, p.start)
            or _LIST_INTRO.fullmatch(doc.text, end, p.start)
        ):
            people.append(p)
            k2 = j + 1
            seps: list[str] = []
            while (q := _next(ms, k2)) and q.kind == "person" and _LIST_SEP.match(
                doc.text[ms[k2].end : q.start]
            ):
                people.append(q)
                seps.append(doc.text[ms[k2].end : q.start])
                k2 += 1
            if not any(" và " in f" {sep} " for sep in seps):
                # "Chủ tịch FIFA Gianni Infantino, ông Moon gợi ý…": without "và" a name after
                # ", ông" opens a new clause, it is no second holder of the title
                cut = next((n for n, sep in enumerate(seps) if sep.strip(" ,")), len(seps))
                del people[1 + cut :]
        # one person's chain of titles: "Ông A (Sinh năm 1972), Bí thư Đảng ủy, Cục trưởng…"
        elif chain and chain[0] <= t.start < ev.end and _CHAIN_GAP.match(
            _without_asides(doc.text[chain[0] : t.start])
        ):
            people.extend(chain[1])
            former_chain = chain[2]
        # name, title [body]
        elif i > 0 and ms[i - 1].kind == "person" and i - 1 not in objects and _APPOSITIVE.match(
            _without_asides(doc.text[ms[i - 1].end : t.start])
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
        elif (subject := _past_subject(doc, t, ev)) is not None:
            # "Ông từng đảm nhiệm … như Bộ trưởng X": the person the sentence before is about
            people.append(subject)
            former_chain = True
        if org is None and people and len(people) == 1:
            # "HLV Zidane của Real Madrid", "Real Madrid của HLV Zidane"
            org = _body_of_clause(doc, ms, i, people[0])
        if org is None and people and any(
            r.removeprefix("Quyền ") in gaz.ministry_titles for r, *_ in roles
        ):
            org, end = _field_ministry(doc, last.end, end, people)
        elif org is not None and people:
            org = _foreign_ministry(doc, org, ms[j] if j != k else None, people)
        for person in people:
            for role, former, acting in roles:
                stated.append((person, role, org, former or former_chain, acting, ev, org_kind))
        last_body = (j, people) if org and people else None
        chain = (end, people, former_chain) if people else None
    _record(doc, stated)
    _drop_remapped(doc)
    # A post's body named by its title only ("Chủ tịch nước Nguyễn Xuân Phúc": the office of
    # the State President) is still a described body, so every position's organization is one.
    for ms_ in doc.memberships:
        if ms_.org and ms_.org_kind == "organization":
            add_reference(doc, gaz, ms_.org)


#: "Thành viên HĐQT nhiệm kỳ 2021 - 2025 gồm ông A, bà B và ông C": the list of who holds it
_LIST_INTRO = re.compile(
    r"\s*(?:nhiệm kỳ\s+\d{4}\s*[-–]\s*\d{4}\s*)?(?:gồm có|gồm|bao gồm)\s*:?\s+"
    r"(?:các\s+)?(?:(?:ông|bà|Ông|Bà)\s+)?"
)
#: "HLV Zidane của Real Madrid": the body whose post it is, after the name
_OF_AFTER = re.compile(r"\s+(?:của|tại)\s+(?:(?:CLB|đội bóng|hãng|tập đoàn|công ty)\s+)?$")
#: "Real Madrid của HLV Zidane": the body before the title
_OF_BEFORE = re.compile(r"\s+của\s+(?:(?:tân|cựu|nguyên)\s+)?$")


def _body_of_clause(doc: Doc, ms: list[Mention], i: int, person: Mention) -> str | None:
    """The body a title without one is held in, when the clause says whose: "HLV Zidane của
    Real Madrid" (the body right after the name) or "Real Madrid của HLV Zidane" (right before
    the title). Only companies, clubs and other bodies, not a place or a country."""
    def fits(m: Mention) -> bool:
        """A company, club, school, hospital or international body; not a state's body ("Chính
        phủ của Tổng thống Park Geun Hye" is Korea's, not Vietnam's Chính phủ)."""
        ent = doc.entities.get(("organization", m.key))
        return m.kind == "organization" and ent is not None and ent.props.get("type") in (
            "company", "association", "university", "hospital", "international_body"
        )

    k = next((n for n in range(i, len(ms)) if ms[n] is person), None)
    if k is not None and k + 1 < len(ms):
        nxt = ms[k + 1]
        if fits(nxt) and _OF_AFTER.fullmatch(doc.text, person.end, nxt.start):
            return nxt.key
    if i > 0 and fits(ms[i - 1]) and _OF_BEFORE.fullmatch(doc.text, ms[i - 1].end, ms[i].start):
        return ms[i - 1].key
    return None


@cache
def _degree_gap_re() -> re.Pattern[str]:
    """A degree or rank written short between a body and a name ("Phó giám đốc Học viện Tài
    chính TS Nguyễn Đào Tùng"): the honorifics with two capitals or more."""
    short = sorted((h for h in gazetteer().honorifics if sum(c.isupper() for c in h) >= 2),
                   key=len, reverse=True)
    return re.compile(rf"\s+(?:{'|'.join(map(re.escape, short))})\s+")


def _not_administration(text: str, start: int, title: str) -> str:
    """The title without "quyền" when that word ends "chính quyền" ("chính quyền Tổng thống Joe
    Biden" is the President's administration, not an acting President)."""
    first, _, rest = title.partition(" ")
    if first == "quyền" and rest and text[max(0, start - 6) : start].lower() == "chính ":
        return rest
    return title


def _without_asides(gap: str) -> str:
    """The gap between a name (or a title) and the next title without what stands aside: a
    parenthesis ("(Sinh năm 1972)"), ranks, degrees and professions ("Đại tướng", "Bác sĩ y
    khoa") between commas."""
    gap = _ASIDE.sub("", gap, count=1)
    hon = gazetteer().honorifics
    parts = gap.split(",")
    kept = [parts[0]]
    for part in parts[1:-1]:
        words = part.split()
        if not (words and any(
            " ".join(words[:n]) in hon and all(w.islower() for w in words[n:]) for n in (1, 2, 3)
        )):
            kept.append(part)
    if len(parts) > 1:
        kept.append(parts[-1])
    return ",".join(kept)


def _dependent(doc: Doc, ms: list[Mention], i: int) -> bool:
    """A title right after "Thư ký"/"Trợ lý" (no comma between, or "của"): whose assistant."""
    if i == 0 or ms[i - 1].kind != "title":
        return False
    prev = gazetteer().title_re.fullmatch(doc.text, ms[i - 1].start, ms[i - 1].end)
    return (
        prev is not None and prev.group("title") in _lists()["dependent_before"]["titles"]
        and re.fullmatch(r"\s+(?:của\s+)?", doc.text[ms[i - 1].end : ms[i].start]) is not None
    )


def _bare_party(
    doc: Doc, ms: list[Mention], j: int, end: int, ev: Evidence
) -> tuple[str | None, int]:
    """"Bí thư Đảng ủy, Cục trưởng Cục X": a party body named bare after a title is that of the
    body the person's chain ends with (the last one in the sentence before another person):
    (its key, the end of the bare word). "Bí thư Chi bộ" stays without a body."""
    data = _lists()["party_units"]
    m = _bare_party_re().match(doc.text, end)
    if m is None:
        return None, end
    word = m.group("w")
    if word in data["unlinked"]:
        return None, m.end()
    principal = None
    for n in ms[j + 1 :]:
        if n.start >= ev.end or n.kind == "person":
            break
        if n.kind == "organization" and n.start >= m.end():
            ent = doc.entities.get(("organization", n.key))
            if ent is not None and ent.props.get("type") != "party_body":
                principal = ent
    if principal is None:
        return None, m.end()
    name = f"{word} {principal.name}"
    key = f"{principal.key}/{fold(word)}"
    doc.add_entity("organization", key, name, aliases={word, name}, type="party_body",
                   parent=principal.key)
    doc.mention("organization", key, m.start("w"), m.end())
    return key, m.end()


@cache
def _bare_party_re() -> re.Pattern[str]:
    data = _lists()["party_units"]
    words = sorted([*data["words"], *data["unlinked"]], key=len, reverse=True)
    return re.compile(rf"\s+(?P<w>{'|'.join(map(re.escape, words))})(?=\s*[,.;]|\s*$)")


def _past_subject(doc: Doc, t: Mention, ev: Evidence) -> Mention | None:
    """"Ông từng đảm nhiệm nhiều chức vụ … như Bộ trưởng X": the person who opens the sentence
    before ("Ông Chan Chun Sing, 51 tuổi, …"), when nobody else is named between."""
    intro = _PAST_INTRO.match(doc.text, ev.start, t.start)
    if intro is None or doc.mentions_in(ev.start, t.start, "person"):
        return None
    before = doc.sentence_at(ev.start - 1) if ev.start > 0 else None
    if before is None:
        return None
    people = doc.mentions_in(before.start, before.end, "person")
    opening = doc.text[before.start : people[0].start] if people else "-"
    if not re.fullmatch(r"\s*(?:Ông|Bà)?\s*", opening):
        return None
    return people[0]


def _foreign_country(doc: Doc) -> str | None:
    """The foreign country an article names most, or None."""
    counts: dict[str, int] = {}
    for m in doc.mentions_of("country"):
        if m.key not in ("viet-nam",) and m.key not in gazetteer().regions:
            counts[m.key] = counts.get(m.key, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else None


def _is_foreign(doc: Doc, people: list[Mention]) -> bool:
    """Every person a foreign name: a word no Vietnamese syllable has ("Lawrence Wong"), or no
    Vietnamese family name first and no Vietnamese letter at all ("Chan Chun Sing", not "Thang
    Văn Phúc")."""
    surnames = gazetteer().surnames
    return bool(people) and all(
        (ent := doc.entities.get(("person", p.key))) is not None
        and (any(not is_syllable(w) for w in ent.name.split(" "))
             or ent.name.split(" ")[0] not in surnames and ent.name.isascii())
        for p in people
    )


def _country_ministry(doc: Doc, field: str, country: str, start: int, end: int) -> str:
    """The ministry of `field` of a foreign country, as an organization with a mention."""
    cname = gazetteer().countries[country]
    name = f"Bộ {field} {cname}"
    key = fold(name)
    doc.add_entity("organization", key, name, aliases={f"Bộ {field}", name}, type="ministry")
    doc.mention("organization", key, start, end)
    return key


def _field_ministry(
    doc: Doc, title_end: int, end: int, people: list[Mention], before: int | None = None
) -> tuple[str | None, int]:
    """"Quyền Bộ trưởng Thể thao và Thanh niên" of a foreign official: that country's ministry
    of the field written after the title (up to a comma, or up to the name at `before`), when
    no body was found there."""
    country = _foreign_country(doc)
    if before is not None:
        m = _FIELD_BEFORE_NAME.fullmatch(doc.text, title_end, before)
    else:
        m = _FIELD.match(doc.text, title_end)
    if country is None or m is None or not _is_foreign(doc, people):
        return None, end
    if doc.overlaps(m.start(1), m.end(1), "person", "organization", "country", "place"):
        return None, end
    return _country_ministry(doc, m.group(1), country, m.start(1), m.end(1)), m.end(1)


def _foreign_ministry(doc: Doc, org: str, mention: Mention | None, people: list[Mention]) -> str:
    """A ministry named for a foreign official ("Bộ trưởng Tài chính Lawrence Wong", "Bộ trưởng
    Bộ Giáo dục" in an article about Singapore) is that country's, unless a country is named."""
    ent = doc.entities.get(("organization", org))
    if mention is None or ent is None or ent.props.get("type") != "ministry":
        return org
    country = _foreign_country(doc)
    if country is None or not _is_foreign(doc, people):
        return org
    surface = doc.text[mention.start : mention.end]
    if gazetteer().country_re.search(surface):
        return org  # "Bộ Ngoại giao Mỹ": named with its country already
    field = surface[3:] if surface.startswith("Bộ ") else surface
    if not field[:1].isupper():
        return org
    key = _country_ministry(doc, field, country, mention.start, mention.end)
    _remapped(doc).append(mention)
    return key


def _remapped(doc: Doc) -> list[Mention]:
    """Mentions of Vietnam's ministries that name a foreign country's (dropped at the end)."""
    if not hasattr(doc, "_foreign_ministries"):
        doc._foreign_ministries = []  # type: ignore[attr-defined]
    return doc._foreign_ministries  # type: ignore[attr-defined]


def _drop_remapped(doc: Doc) -> None:
    """Drop the mentions read as a foreign country's ministry, and the body when no other
    mention of it is left (the article does not name Vietnam's ministry then)."""
    for m in _remapped(doc):
        if m in doc.mentions:
            doc.remove_mention(m)
    keys = {m.key for m in _remapped(doc)}
    left = {m.key for m in doc.mentions if m.kind == "organization"}
    used = {ms.org for ms in doc.memberships}
    for key in keys - left - used:
        doc.entities.pop(("organization", key), None)


@cache
def _lists() -> dict:
    """The lexicon of titles (`data/lexicon/titles.json`)."""
    return json.loads(DATA_DIR.joinpath("lexicon", "titles.json").read_text(encoding="utf-8"))


Stated = tuple[Mention, str, str | None, bool, bool, Evidence, str]


def _record(doc: Doc, stated: list[Stated]) -> None:
    gaz = gazetteer()
    # The body of a bare minister's title: the same person's, or the article's ministry.
    with_org = {(p.key, role): (org, kind) for p, role, org, *_, kind in stated if org}
    ministries = [org for _p, role, org, *_ in stated if org and role in gaz.ministry_titles]
    # the most named, the first named on a tie (a set's order would change from run to run)
    common = (max(dict.fromkeys(ministries), key=ministries.count) if ministries
              else _article_ministry(doc))
    seen: set[tuple[str, str, str | None, bool]] = set()
    for person, role, org, former, acting, ev, org_kind in stated:
        if org is None:
            org, org_kind = with_org.get((person.key, role), (None, "organization"))
            if org is None and role in gaz.title_org:
                org = gaz.title_org[role]  # "Thủ tướng" alone: of the Government
                country = _foreign_country(doc)
                if country and gaz.bodies.get(org) and gaz.bodies[org].type == "government" \
                        and _is_foreign(doc, [person]):
                    org, org_kind = country, "country"  # "Phó thủ tướng Heng Swee Keat"
                    doc.add_entity("country", country, gaz.countries[country])
            if org is None and role in gaz.ministry_titles:
                org = common
            if org is None and role in _title_heads():
                org = _body_of_kind(doc, _title_heads()[role], ev)
            if org is None and (country := _country_of_post(doc, person, role)) is not None:
                org, org_kind = country, "country"  # "Tổng thống Joe Biden": of the US
            if org is None and role in _lists()["company_titles"]:
                org = _company_of_post(doc, ev)  # "Thành viên HĐQT …" in a bank's story
        key = (person.key, role, org, former)
        if key in seen:
            continue
        seen.add(key)
        doc.memberships.append(
            Membership(person.key, role, org, ev, former=former, acting=acting, org_kind=org_kind)
        )


def _country_of_post(doc: Doc, person: Mention, role: str) -> str | None:
    """The country of a state's post held by a foreign official and stated without a body
    ("Tổng thống Joe Biden", "Đại sứ John Sullivan"): the foreign country the article names
    at least twice as often as any other (`country_titles` in `data/lexicon/titles.json`),
    or None."""
    if role not in _lists()["country_titles"] or not _is_foreign(doc, [person]):
        return None
    counts: dict[str, int] = {}
    for m in doc.mentions_of("country"):
        if m.key != "viet-nam" and m.key not in gazetteer().regions:
            counts[m.key] = counts.get(m.key, 0) + 1
    ranked = sorted(counts.values(), reverse=True)
    if not ranked or len(ranked) > 1 and ranked[0] < 2 * ranked[1]:
        # no country, or another named almost as often ("Tổng thống Donald Trump" in a story
        # about Iran, which names the US too): which one's post it is, the article does not say
        return None
    country = max(counts, key=lambda k: counts[k])
    doc.add_entity("country", country, gazetteer().countries[country])
    return country


def _company_of_post(doc: Doc, ev: Evidence) -> str | None:
    """The company of a post only companies have, stated without a body: the one company the
    sentence names, else the company the article names most when one leads, else None."""
    def companies(start: int, end: int) -> list[str]:
        return [m.key for m in doc.mentions_in(start, end, "organization")
                if (e := doc.entities.get(("organization", m.key))) is not None
                and e.props.get("type") == "company"]
    here = set(companies(ev.start, ev.end))
    if len(here) == 1:
        return here.pop()
    named = companies(0, len(doc.text))
    ranked = sorted((named.count(k) for k in set(named)), reverse=True)
    if not ranked or len(ranked) > 1 and ranked[0] == ranked[1]:
        return None
    return max(dict.fromkeys(named), key=named.count)


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
