"""Organizations: ministries, agencies, committees, provincial bodies, companies…

Three sources, in order of trust:

1. The national gazetteer (`data/gazetteer/organizations.json`): a body found by any of its
   names or abbreviations gets its canonical name, every alias, type and parent.
2. Provincial body templates (`data/gazetteer/provincial_bodies.json`) joined with a province:
   "Sở TT&TT tỉnh Quảng Ninh", "UBND tỉnh", "Tỉnh ủy" (the article's own province when none is
   named).
3. A name pattern for bodies nobody listed: a head word ("Cục", "Viện", "Tập đoàn"…, see
   `data/lexicon/org_heads.json`) and the capitalized name after it, up to a word that cannot be
   part of a name. A body right after another ("Cục CNTT, Bộ Y tế", "Cục … (VPCP)") is its
   parent, and the pair is one body across articles.

4. Another country's body, a head and the country ("Chính phủ Mỹ", "Hải quân Indonesia",
   "U23 Việt Nam": `country_bodies`), each name of the country an alias, so annotators' "Mỹ"
   and "Hoa Kỳ" are one body.

Companies, clubs and international bodies are in the gazetteer, but a brand is a body only when
the company acts: after "xe", "điện thoại", "trên"… or before a model's name ("Samsung Galaxy")
it is the product. A short form in brackets after a body found by its head ("… (VietBank)")
names it wherever the article writes it alone. Groups every company or event has, named alone
("Ban tổ chức", "Hội đồng quản trị"), are no body: they say whose only with the owner's name.

Between 2 and 3, `kg.extract.body_names` finds bodies by the shape of their names: those of
districts and communes ("UBND thị xã Vĩnh Châu", "Thị ủy Bỉm Sơn") and committees named by
what they do ("Ban Chỉ đạo phòng, chống dịch Covid-19 thành phố Hà Nội"). Within an article a
name found alone that begins a longer one found elsewhere is that body ("Thanh tra Bộ" /
"Thanh tra Bộ GD-ĐT"), so each body is one node with every form as an alias.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache

from kg.doc import Doc
from kg.encodings import is_syllable
from kg.extract.body_names import Named, descriptive_bodies, local_bodies
from kg.extract.body_names import lists as heads_data
from kg.extract.places import main_place
from kg.extract.wordlists import words as wordlist
from kg.gazetteer import CAP, Gazetteer, alternation, gazetteer
from kg.normalize import fold

_TOKEN = re.compile(r"\s*([^\s,;:.()\[\]“”\"'‘’!?…/]+)")
_ACRONYM = re.compile(r"^[A-ZĐ0-9&\-]{2,}$")
_CREDIT_BEFORE = re.compile(
    r"(?i:ảnh|ảnh minh họa|nguồn|video|clip|đồ họa)\s*:\s*\(?\s*(?:[^()\n:]{1,30}(?:,|\s[-–])\s*)?$"
)
#: "Thúy Hiền (TTXVN)" at the end of a paragraph: the reporter and the agency, a byline
_BYLINE_BEFORE = re.compile(r"[A-ZĐ]\w*\s*\($")
_BYLINE_AFTER = re.compile(r"\)\s*(?:\n|$)")
#: "Theo VOV.VN" alone on the last line: the source of the whole article
_SOURCE_LINE_BEFORE = re.compile(r"(?:^|\n)\s*Theo\s+$")
_SOURCE_LINE_AFTER = re.compile(r"(?:\.[A-Za-z]{2,3})*\s*(?:\n|$)")
_LOWER_UNIT = re.compile(r"\s+(?:huyện|quận|xã|phường|thị xã|thị trấn|TP|thành phố|Tp)\b")
_FIELD_END = re.compile(r"\s*(?:[,.;:)]|[-–]\s|$)")
_LOCAL_UNIT_NAME = re.compile(rf" (?:huyện|quận|thị xã|xã|phường|thị trấn) {CAP}(?: {CAP}){{0,2}}")
_NAME_AFTER = re.compile(rf"\s+({CAP})(?: {CAP}){{2,3}}(?!\w| {CAP})")
_ACR_INSIDE = re.compile(r" \((?P<acr>[A-ZĐ][A-ZĐ0-9&]{1,7})\)(?= [A-ZĐ])")
#: "Trưởng phòng Kinh tế", "Trưởng khoa Nội": the head of a body inside a title, unless the
#: body's own name follows with its head ("Trưởng phòng Phòng, chống tệ nạn xã hội")
_TITLE_HEAD = re.compile(
    # each head word, then the title before it checked looking back: a pattern that starts with
    # the words lets `re` skip to where one begins
    "(?:" + "|".join(
        f"{head}(?:(?<=Trưởng {head})|(?<=Phó {head}))" for head in ("phòng", "ban", "khoa")
    ) + r")(?= [A-ZĐ])(?! (?:Phòng|Ban|Khoa)\b)"
)
#: What may follow a body's name and still be its name: a capitalized word or a unit.
_NAME_GOES_ON = re.compile(r"[A-ZĐ]|(?:tỉnh|thành phố|thị xã|huyện|quận|phường|xã)\b")
_PARENT_GAP = re.compile(r"^\s*(?:,|-|–|\(|thuộc|trực thuộc)\s*$")
_CITY_DOT = re.compile(r"\.?\s?")
#: Bodies whose names end with a proper name: two capitalized words, then a lowercase word, is
#: the sentence going on ("Bệnh viện Chợ Rẫy tiếp nhận"), unless the two begin a compound.
_PROPER_END_TYPES = {"university", "hospital", "association", "company"}
#: Types of Vietnam's state bodies in the gazetteer: one named makes a story Vietnamese.
_STATE = {"ministry", "government", "party_body", "legislature", "executive_office", "agency",
          "committee"}
_HIGHER = {"ministry", "government", "provincial_committee", "committee", "legislature",
           "executive_office", "party_body", None}


@dataclass
class _Found:
    start: int
    end: int
    key: str
    name: str
    aliases: set[str] = field(default_factory=set)
    type: str | None = None
    parent: str | None = None
    generic: bool = False
    props: dict = field(default_factory=dict)
    shaped: bool = False  # found by `kg.extract.body_names`


@cache
def _compounds() -> dict[str, tuple[str, ...]]:
    """Words of two or more syllables that a body's name writes with one capital ("Ngân hàng
    Đầu tư và Phát triển", "Bộ Ngoại giao", "Cục Người có công"): first syllable (lowercase) →
    the rest, longest first. From `name_compounds` in `data/lexicon/org_heads.json` and from
    every name in the gazetteers, so a name the gazetteer spells teaches its words."""
    gaz = gazetteer()
    found = set(wordlist("org_heads.json", "name_compounds"))
    names = [n for b in [*gaz.bodies.values(), *gaz.templates.values()]
             for n in (b.name, *b.aliases)]
    for name in names:
        ws = name.split()
        for a, b in zip(ws, ws[1:], strict=False):
            if _is_cap(a) and b.isalpha() and b.islower() and b not in gaz.org_joiners:
                found.add(f"{a.lower()} {b}")
    out: dict[str, list[str]] = {}
    for c in found:
        first, rest = c.split(" ", 1)
        out.setdefault(first, []).append(rest)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in out.items()}


def _compound_rest(text: str, prev: str, pos: int) -> int:
    """How many words at `pos` complete a compound begun by the capitalized `prev`, or 0."""
    for rest in _compounds().get(prev.lower(), ()):
        if text.startswith(rest, pos) and not text[pos + len(rest) : pos + len(rest) + 1].isalnum():
            return len(rest.split(" "))
    return 0


def _trade_words(
    text: str, toks: list[tuple[str, int, int]], gaz: Gazetteer, company: bool = True
) -> int:
    """How many lowercase words of a trade ("công nghệ", "cổ phần") open a company's name before
    a capitalized word ("Tập đoàn công nghệ Bkav"), or 0."""
    n = 1 + _compound_rest(text, toks[0][0], toks[1][1]) if len(toks) > 1 else 0
    if n == 1 and any(text.startswith(w, toks[0][1]) for w in gaz.company_words):
        w = next(w for w in gaz.company_words if text.startswith(w, toks[0][1]))
        n = len(w.split())
    if n > 1 and n < len(toks) and _is_cap(toks[n][0]):
        return n
    if not company:
        return 0  # "các CLB sáng lập European Super League": no trade before a club's name
    # "Công ty may Việt Tiến", "Công ty đầu tư dầu khí Toàn Cầu": up to four words of a trade,
    # none a word that ends a name (unless a trade's compound), then a name that is no place
    k = 0
    while k < min(4, len(toks) - 1) and toks[k][0].isalpha() and toks[k][0].islower():
        rest = _compound_rest(text, toks[k][0], toks[k + 1][1])
        if rest:  # "đầu tư", "dầu khí": a trade's word, even one that is also a verb
            k += 1 + rest
        elif toks[k][0] not in gaz.org_stop and toks[k][0] not in gaz.org_joiners and (
            f"{toks[k][0]} {toks[k + 1][0]}" not in gaz.org_stop
        ):
            k += 1
        else:
            break
    if 0 < k < len(toks) and _is_cap(toks[k][0]) and not gaz.place_re.match(
        text, toks[k][1]
    ) and not gaz.country_re.match(text, toks[k][1]):
        return k
    return 0


def _is_cap(tok: str) -> bool:
    """A capitalized name word, an acronym or a brand ("SpaceX")."""
    return len(tok) > 1 and tok[0].isupper() and any(c.isalpha() for c in tok[1:])


def _generic_end(text: str, pos: int, limit: int, gaz: Gazetteer, head: str) -> int | None:
    """Where an organization name that starts with a head word at `pos` ends, or None."""
    heads_re = gaz.org_head_re
    toks: list[tuple[str, int, int]] = []
    for m in _TOKEN.finditer(text, pos, limit):
        if m.start() != (toks[-1][2] if toks else pos):
            break
        toks.append((m.group(1), m.start(1), m.end(1)))
        if len(toks) > 14:
            break
    if not toks:
        return None
    first = toks[0][0]
    # "Bộ Y tế": a one-letter capital word is a name word when a lowercase word follows.
    one_letter = len(first) == 1 and first.isupper() and len(toks) > 1 and toks[1][0].islower()
    proper = head in gaz.proper_name_heads
    # "Tập đoàn công nghệ Bkav": a company's trade, then its capitalized name.
    company = head in wordlist("org_heads.json", "trade_heads")
    lead = _trade_words(text, toks, gaz, company) if proper and first.islower() else 0
    numbered = head in wordlist("org_heads.json", "numbered_heads")
    if numbered and first.isdigit():
        return toks[0][2]  # "Sư đoàn 304", "Bệnh viện 108": the number is the name
    if not (_is_cap(first) or one_letter or lead):
        return None
    school = head in ("Trường", "Trường Đại học", "Đại học", "Quỹ", "Giải")

    def person_at(k: int) -> bool:
        """A person's full name starts at token k (a body's name stops before it)."""
        caps = [t for t, _s, _e in toks[k : k + 3] if re.fullmatch(CAP, t)]
        return not school and toks[k][0] in gaz.common_surnames and len(caps) == 3

    if person_at(0):
        return None
    end = toks[lead][2]
    i, taken = lead + 1, lead + 1
    first_place = gaz.place_re.match(text, toks[lead][1]) if _is_cap(toks[lead][0]) else None
    if first_place and first_place.end() > end:
        # "Trường Cao đẳng Lào Cai tuyển…": a name that is a place ends with it
        while i < len(toks) and toks[i][2] <= first_place.end():
            i += 1
        end = toks[i - 1][2]
        if i >= len(toks) or toks[i][0] == toks[i][0].lower():
            return end
        taken = i
    final = wordlist("org_heads.json", "name_final")
    # capitalized words of the name so far, and whether every word was one (or ended a compound)
    n_caps, all_caps = int(_is_cap(toks[lead][0])), _is_cap(toks[lead][0])
    while i < len(toks) and taken < 12:
        tok = toks[i][0]
        nxt = toks[i + 1][0] if i + 1 < len(toks) else ""
        low = tok.lower()
        if tok == low and _is_cap(toks[i - 1][0]):
            n = _compound_rest(text, toks[i - 1][0], toks[i][1])
            if n and i + n <= len(toks):
                end, i, taken = toks[i + n - 1][2], i + n, taken + n
                continue
        before = (toks[i - 1][0], " ".join(t for t, _s, _e in toks[max(0, i - 2) : i]))
        country = any(
            (c := gaz.country_re.match(text, toks[k][1])) and c.end() == toks[i - 1][2]
            # "Trường Cao đẳng Lào Cai": a province that begins with a country's name
            and not ((pl := gaz.place_re.match(text, toks[k][1])) and pl.end() > c.end())
            for k in (i - 1, i - 2) if k >= 0
        )
        if tok == low and tok.isalpha() and tok not in gaz.org_joiners and (
            country or any(w in final for w in before)
        ):
            break  # "Ủy ban Chứng khoán Nhà nước phạt…": the name ended with its last word
        if (
            country and _is_cap(tok) and not _ACRONYM.match(tok)
            and (tok in gaz.common_surnames or not is_syllable(tok))
            and not gaz.country_re.match(text, toks[i][1])
            and not gaz.place_re.match(text, toks[i][1])
        ):
            break  # "Bộ Ngoại giao Mỹ Katina Adams": a name after the country is a person's
        if (
            not proper and tok == low and tok.isalpha() and i >= lead + 3
            and tok not in gaz.org_joiners
            and gaz.org_heads.get(head) in _PROPER_END_TYPES
            and all(_is_cap(t) for t, _s, _e in toks[i - 2 : i])
            and not _compound_rest(text, toks[i - 1][0], toks[i][1])
        ):
            break  # "Trường THPT Văn Giang khai giảng": a school's proper name ended
        if proper and tok == low:
            # A company's name is capitalized words, with at most two lowercase words between
            # them ("Tập đoàn Bưu chính Viễn thông Việt Nam"), or a company form ("cổ phần").
            words = next((w for w in gaz.company_words if text.startswith(w, toks[i][1])), None)
            n = len(words.split()) if words else next(
                (k for k in (1, 2) if i + k < len(toks) and _is_cap(toks[i + k][0])
                 and not heads_re.match(text, toks[i + k][1])  # "Tập đoàn AIC và Tập đoàn…"
                 and not gaz.title_re.match(text, toks[i + k][1])  # "… và Phó Chủ tịch"
                 and all(t[0] == t[0].lower()
                         and (t[0] not in gaz.org_stop or t[0] in gaz.org_joiners)
                         for t in toks[i : i + k])),
                0,
            )
            if not n:
                break
            end, i, taken = toks[i + n - 1][2], i + n, taken + n
            continue
        if tok == low and (
            f"{low} {nxt}" in gaz.org_stop or (low in gaz.org_stop and tok not in gaz.org_joiners)
        ) and not (
            # "Ban An toàn giao thông": a field's words, though "giao" alone ends a name
            (goes := _lower_goes_on().match(text, toks[i][1])) and " " in goes.group(0)
            and f"{low} {nxt}" not in gaz.org_stop
        ):
            break
        if tok in gaz.org_joiners or tok in ("-", "–", "&"):
            if tok in ("-", "–") and heads_re.match(text, toks[i + 1][1] if nxt else 0):
                break  # "Tổng cục Hậu cần - Bộ Công an": the parent follows
            if tok in ("-", "–") and _person_after(text, toks[i][2], gaz):
                break  # "… Đại học Kinh tế Quốc dân - Bùi Phương Nga": a person follows
            if tok == "và" and nxt and (heads_re.match(text, toks[i + 1][1])
                                        or gaz.body_re.match(text, toks[i + 1][1])):
                break  # "Ủy ban Chứng khoán Nhà nước và Sở Giao dịch…": two bodies
            if nxt and _is_cap(nxt):
                i += 1
                continue
            break
        if school and tok.isdigit() and len(tok) == 1 and i == len(toks) - 1 and (
            _is_cap(toks[i - 1][0]) and text[toks[i][2] : toks[i][2] + 1] in (",", ".", ";", ")")
        ):
            end = toks[i][2]  # "Trường THPT Thạch Thành 1, huyện…": a school's number
            break
        if numbered and tok.isdigit() and not nxt[:1].islower():
            end = toks[i][2]  # "Lữ đoàn Pháo binh 164", "Bệnh viện Nhi đồng 1"
            break
        if gaz.title_re.match(text, toks[i][1]) or tok.isdigit() or person_at(i):
            break
        if tok in gaz.honorifics and sum(c.isupper() for c in tok) >= 2:
            break  # "Học viện Tài chính TS Nguyễn…": a degree before a person's name
        if tok.endswith(("-", "–")) and len(tok) > 1:
            # "Vụ Kế hoạch- Tài chính" goes on; "Cục Y tế dự phòng- Bộ Y tế": the parent follows
            if nxt and _is_cap(nxt) and not heads_re.match(text, toks[i + 1][1]):
                end, i, taken = toks[i][2], i + 1, taken + 1
                continue
            end = toks[i][2] - 1
            break
        place = gaz.place_re.match(text, toks[i][1])
        if place and tok[0].isupper():
            # a name ends with its place ("Bệnh viện Trung ương Huế tìm…")
            k = i
            while k < len(toks) and toks[k][2] <= place.end():
                k += 1
            end = toks[k - 1][2]
            if k >= len(toks) or toks[k][0] == toks[k][0].lower():
                break
            i, taken = k, taken + (k - i)
            continue
        if tok == low:
            # after a compound's last word or an acronym, not right after one capitalized
            # word (a compound nobody listed: "Cục Cảnh sát Phòng chống tội phạm")
            if (not proper and all_caps and tok.isalpha()
                    and (n_caps >= 2 and toks[i - 1][0].islower()
                         or i - 1 > lead and _ACRONYM.match(toks[i - 1][0]))
                    and not _lower_goes_on().match(text, toks[i][1])
                    # "… và Phát triển nông thôn", "… Kiến trúc đô thị": a name's compound
                    and not (i + 1 < len(toks) and _compound_rest(text, tok, toks[i + 1][1]))):
                break  # "Bộ VH TT&DL thu hồi văn bản": the sentence goes on
            all_caps = False
        elif _is_cap(tok):
            n_caps += 1
        end = toks[i][2]
        taken += 1
        i += 1
    return end


@cache
def _lower_goes_on() -> re.Pattern[str]:
    """`name_goes_on_lower` of `data/lexicon/org_heads.json`, each a whole word or words."""
    return re.compile(alternation(wordlist("org_heads.json", "name_goes_on_lower"),
                                  bounded=False, not_after=r"\w"))


def _national(doc: Doc, gaz: Gazetteer, start: int, end: int) -> list[_Found]:
    out = []
    for m in gaz.body_re.finditer(doc.text, start, end):
        bid = gaz.body_id(m.group(0))
        if bid is None or doc.text.startswith((" bộ", " ủy", " viên"), m.end()):
            continue
        after = tuple(" " + w for w in gaz.not_body_after.get(m.group(0), []))
        if after and doc.text.startswith(after, m.end()):
            continue
        before = tuple(w + " " for w in heads_data()["not_body_before"].get(m.group(0), ()))
        if before and doc.text[max(0, m.start() - 20) : m.start()].endswith(before):
            continue  # "Ban cán sự Đảng": not the Party itself
        if gaz.country_re.match(doc.text, m.end() + 1) and doc.text[m.end() : m.end() + 1] == " ":
            continue  # "Chính phủ Mỹ", "Quốc hội Ai Cập": another country's body
        if _set_phrase(doc.text, m.start(), m.end(), m.group(0)):
            continue  # "Đảng và Nhà nước", "toàn Đảng, toàn dân": political prose
        if _credit_context(doc, m.start(), m.end()):
            continue
        body = gaz.bodies[bid]
        if body.type == "company" and _product(doc.text, m.start(), m.end(), gaz):
            continue  # "điện thoại Samsung", "Samsung Galaxy": the product, not the company
        out.append(
            _Found(m.start(), m.end(), bid, body.name, {m.group(0), *body.aliases},
                   body.type, body.parent, props=dict(body.props))
        )
    # "Bộ trưởng Thông tin và Truyền thông": the ministry named by its field after a title.
    for m in gaz.ministry_field_re.finditer(doc.text, start, end):
        before = doc.text[max(start, m.start() - 12) : m.start()]
        if not re.search(r"(?:Bộ trưởng|Thứ trưởng)\s+$", before):
            continue
        country = gaz.country_re.match(doc.text, m.end() + 1)
        if country and doc.text[m.end() : m.end() + 1] == " ":
            # "Thứ trưởng Ngoại giao Mỹ": another country's ministry, named with its country
            name = f"Bộ {m.group(0)} {country.group(0)}"
            # one key with "Bộ Tư pháp Hoa Kỳ" found by `_foreign`: the country's own name
            cid = gaz.country_by_label.get(country.group(0))
            key = fold(f"Bộ {m.group(0)} {gaz.countries[cid]}") if cid else fold(name)
            out.append(_Found(m.start(), country.end(), key, name, {name}, "ministry",
                              None, generic=True))
            continue
        bid = gaz.ministry_fields[m.group(0)]
        body = gaz.bodies[bid]
        out.append(_Found(m.start(), m.end(), bid, body.name, set(body.aliases), body.type,
                          body.parent, props=dict(body.props)))
    return out


@cache
def _brand_before_re() -> re.Pattern[str]:
    words = alternation(heads_data()["brand_not_before"], bounded=False, not_after=r"\w")
    return re.compile(rf"(?:{words})\s+$", re.I)


_MODEL_AFTER = re.compile(r" (?:[A-ZĐ0-9]|i[A-Z])[\w+-]*")


def _product(text: str, start: int, end: int, gaz: Gazetteer) -> bool:
    """A company's name standing for its product or platform: after "xe", "điện thoại", "trên"…
    (`brand_not_before`), or before a model's capitalized word or number that is no country
    nor a person's name ("Samsung Galaxy", "Honda SH"; not "Samsung Việt Nam", "VPBank Ngô Chí
    Dũng")."""
    if _brand_before_re().search(text, max(0, start - 20), start):
        return True
    m = _MODEL_AFTER.match(text, end)
    return bool(m) and not gaz.country_re.match(text, end + 1) and not gaz.place_re.match(
        text, end + 1
    ) and not gaz.title_re.match(text, end + 1) and not gaz.org_head_re.match(text, end + 1) and (
        # "Chủ tịch HĐQT VPBank Ngô Chí Dũng": a person's name after the company, no model
        not _person_after(text, end, gaz))


@cache
def _country_body_re() -> re.Pattern[str]:
    """A head of `country_bodies` and a country's name right after it."""
    gaz = gazetteer()
    heads = alternation(list(heads_data()["country_bodies"]), bounded=False, not_after=r"\w")
    countries = alternation([c for c in gaz.country_by_label if not c.startswith("nước ")],
                            bounded=False)
    return re.compile(rf"(?P<head>{heads}) (?P<country>{countries})(?!\w)")


@cache
def _country_labels(cid: str) -> tuple[str, ...]:
    """A country's names but those with "nước" (once per country: a scan of every label)."""
    return tuple(lb for lb, c in gazetteer().country_by_label.items()
                 if c == cid and not lb.startswith("nước "))


def _foreign(doc: Doc, gaz: Gazetteer, start: int, end: int) -> list[_Found]:
    """Another country's body, named by a head and the country ("Chính phủ Mỹ", "Bộ Ngoại giao
    Nhật Bản", "Hải quân Indonesia"): one body per head and country, every name of the country
    an alias ("Bộ Quốc phòng Hoa Kỳ" = "Bộ Quốc phòng Mỹ")."""
    kinds = heads_data()["country_bodies"]
    out = []
    for m in _country_body_re().finditer(doc.text, start, end):
        cid = gaz.country_by_label[m.group("country")]
        head = m.group("head")
        if cid == "viet-nam" and kinds[head] != "association" or cid in gaz.regions:
            continue  # "Chính phủ Việt Nam" is the gazetteer's; "Quân đội châu Âu" no country
        if _credit_context(doc, m.start(), m.end()):
            continue
        labels = _country_labels(cid)
        name = m.group(0)
        aliases = {name, *(f"{head} {lb}" for lb in labels)}
        if head[:1].islower():  # "đội tuyển Indonesia": the name starts with a capital
            name = name[:1].upper() + name[1:]
            aliases |= {a[:1].upper() + a[1:] for a in aliases}
        key = fold(f"{head} {gaz.countries[cid]}")
        out.append(_Found(m.start(), m.end(), key, name, aliases, kinds[head]))
    return out


def _foreign_ministries(doc: Doc, gaz: Gazetteer, found: list[_Found]) -> None:
    """A ministry named without its country in a foreign story is that country's, not
    Vietnam's. A story is foreign when it names no Vietnamese place and no other state body of
    Vietnam (a gazetteer's or a province's). There "Bộ Quốc phòng" after "Bộ Quốc phòng Mỹ"
    is the American one (the nearest such body named before it, else the first after); with
    none such, when the story does not name Vietnam either, it is the ministry of the country
    the headline names that the story names most ("Bộ Nội vụ" in a story about Thailand)."""
    bare = [f for f in found if f.type == "ministry" and not f.generic and not f.shaped
            and f.key in gaz.bodies and gaz.bodies[f.key].parent
            and "Việt Nam" not in doc.text[f.start : f.end]]
    roots = wordlist("org_heads.json", "vietnam_state_roots")
    if not bare or any(m.kind == "place" for m in doc.mentions) or any(
        g.key in gaz.bodies and g.type in _STATE and (gaz.bodies[g.key].parent or g.key in roots)
        or ":" in g.key for g in found if g not in bare
    ):
        return
    countries = [m for m in doc.mentions if m.kind == "country" and m.key not in gaz.regions]
    top: str | None = None
    if countries and doc.blocks and not any(m.key == "viet-nam" for m in countries):
        title_end = doc.blocks[0][1]
        counts: dict[str, int] = {}
        for m in countries:
            counts[m.key] = counts.get(m.key, 0) + 1
        named = {m.key for m in countries if m.end <= title_end}
        top = max(named, key=lambda k: counts[k]) if named else None
        top = top if top and counts[top] >= 2 else None
    for f in bare:
        surface = doc.text[f.start : f.end]
        # "Bộ trưởng Tư pháp": the ministry named by its field after a title
        surface = surface if surface.startswith("Bộ ") else f"Bộ {surface}"
        same = sorted((g for g in found if g.key not in gaz.bodies
                       and g.name.startswith(surface + " ")
                       and (c := gaz.country_re.fullmatch(g.name[len(surface) + 1 :]))
                       and gaz.country_by_label.get(c.group(0)) not in (None, "viet-nam")),
                      key=lambda g: g.start)
        g = next((g for g in reversed(same) if g.start < f.start), same[0] if same else None)
        if g is not None:
            f.key, f.name, f.aliases, f.parent, f.props = (
                g.key, g.name, {*g.aliases, surface}, None, {})
            f.generic = g.generic
        elif top is not None:
            name = f"{surface} {gaz.countries[top]}"
            labels = [lb for lb, c in gaz.country_by_label.items()
                      if c == top and not lb.startswith("nước ")]
            f.key, f.name, f.parent, f.props, f.generic = fold(name), name, None, {}, True
            f.aliases = {surface, name, *(f"{surface} {lb}" for lb in labels)}


def _set_phrase(text: str, start: int, end: int, label: str) -> bool:
    """A body's name inside a set phrase (`set_phrases` in `data/lexicon/org_heads.json`):
    "Đảng và Nhà nước", "toàn Đảng, toàn dân"."""
    phrase = heads_data()["set_phrases"].get(label)
    if phrase is None:
        return False
    before = text[max(0, start - 16) : start]
    return text.startswith(tuple(phrase["after"]), end) or any(
        before.endswith(w + " ") and not before[: -len(w) - 1][-1:].isalnum()
        for w in phrase["before"]
    )


def _credit_context(doc: Doc, start: int, end: int) -> bool:
    """A body named as a photo credit or a source ("Ảnh: TTXVN", "(nguồn: TTXVN, VTC)",
    "TTXVN/Tin Tức", "Chí Dũng/Công an TPHCM", "VOV-Trung tâm Tin", a closing "Thúy Hiền
    (TTXVN)" or "Theo VOV.VN")."""
    before = doc.text[max(0, start - 60) : start]
    # what each pattern needs (":", "(", "Theo") looked for first: the patterns are tried at
    # every position of `before`, and most bodies have none of these before them
    return bool(
        ":" in before and _CREDIT_BEFORE.search(before)
        or ("(" in before and _BYLINE_BEFORE.search(before)
            and _BYLINE_AFTER.match(doc.text, end))
        or ("Theo" in before and _SOURCE_LINE_BEFORE.search(before)
            and _SOURCE_LINE_AFTER.match(doc.text, end)
            and doc.text.find("\n", end) in (-1, len(doc.text.rstrip())))
        or re.match(r"/[A-ZĐ]", doc.text[end : end + 2])
        or re.search(r"(?:\w/|[A-Z]{2,}-)$", doc.text[max(0, start - 8) : start])
    )


@cache
def _outlets() -> tuple[tuple[str, ...], frozenset[str], re.Pattern[str], re.Pattern[str]]:
    """`outlets` of `data/lexicon/org_heads.json`: heads, gazetteer ids, and what before and
    after an outlet's name makes it the source of the story."""
    data = heads_data()["outlets"]
    before = re.compile(r"(?:^|(?<=\W))(?:" + "|".join(data["before"]) + r")\s+[“\"']?$")
    after = re.compile(r"\s*(?:" + "|".join(data["after"]) + ")")
    heads = tuple(h + " " for h in sorted(data["heads"], key=len, reverse=True))
    return heads, frozenset(data["ids"]), before, after


def _outlet_source(doc: Doc, f: _Found) -> bool:
    """A news outlet named as the source of what the article reports ("theo VTV", "trả lời
    phóng viên Báo Thanh Niên", "nói với Đài X", "Báo PLVN sẽ tiếp tục thông tin"): not a
    body of the story (one that acts, "Báo X bị phạt", stays one). "Báo Mỹ" is a country's
    press, no outlet."""
    heads, ids, before, after = _outlets()
    if f.key not in ids and not doc.text.startswith(heads, f.start):
        return False
    name = doc.text[f.start : f.end]
    head = next((h for h in heads if name.startswith(h)), None)
    gaz = gazetteer()
    country = gaz.country_re.fullmatch(name[len(head) :]) if head and f.key not in ids else None
    if country and gaz.country_by_label.get(country.group(0)) != "viet-nam":
        return True  # "Báo Mỹ lý giải…": a country's press, no outlet named
    return bool(before.search(doc.text[max(0, f.start - 50) : f.start])
                or after.match(doc.text, f.end))


@cache
def _platforms() -> tuple[frozenset[str], re.Pattern[str], tuple[str, ...]]:
    data = heads_data()["platforms"]
    return frozenset(data["ids"]), re.compile(data["cue_before"]), tuple(
        " " + w for w in data["after"])


_CLAUSE_END = re.compile(r".*[.!?;:\n]", re.S)


def _platform(doc: Doc, f: _Found) -> bool:
    """A platform's company named as the platform ("đăng trên Facebook", "trên các mạng xã
    hội như Facebook, Twitter", "Facebook cá nhân"): the cue may stand before a list of them
    earlier in the clause. Not a body of the story."""
    ids, cue, after = _platforms()
    if f.key not in ids:
        return False
    if doc.text.startswith(after, f.end):
        return True
    before = doc.text[max(0, f.start - 80) : f.start]
    clause = _CLAUSE_END.match(before)
    return bool(cue.search(before[clause.end() :] if clause else before))


def _person_after(text: str, pos: int, gaz: Gazetteer) -> bool:
    """A person's full name right after `pos` ("Chủ tịch UBND tỉnh Phan Ngọc Thọ"): a family name
    and two or three capitalized words, so the unit before it is the article's province."""
    m = _NAME_AFTER.match(text, pos)
    return bool(m) and m.group(1) in gaz.surnames


def _provincial(doc: Doc, gaz: Gazetteer, start: int, end: int, home: str | None) -> list[_Found]:
    out = []
    generic = gaz.org_generic_before_re
    for m in gaz.template_re.finditer(doc.text, start, end):
        if generic.search(doc.text, max(0, m.start() - 14), m.start()):
            continue
        if not m.group("place") and (
            _LOWER_UNIT.match(doc.text, m.end())
            or m.group("unit") and re.match(r"\s+[A-ZĐ]", doc.text[m.end() : m.end() + 3])
            and not _person_after(doc.text, m.end(), gaz)
        ):
            continue  # "UBND huyện Định Hóa", "UBND TP Pleiku": not the province's body
        tpl = gaz.templates[gaz.template_by_label[m.group("body")]]
        if tpl.props.get("needs_unit") and not (m.group("unit") or m.group("place")):
            continue  # "Đảng bộ Cục …", "Công an" alone: not a province's body
        pid = gaz.place_id(m.group("place")) if m.group("place") else home
        if pid is None:
            continue
        prov = gaz.provinces[pid]
        city = prov.type == "thành phố"
        unit_word = (m.group("unit") or "").lower().rstrip(".")
        named_city = unit_word in ("thành phố", "tp") or m.group("body") == "Thành ủy"
        if named_city and not city:
            continue  # "Công an Thành phố Bạc Liêu": a provincial city's body, not the province's
        head = tpl.props.get("name_city") if city and tpl.props.get("name_city") else tpl.name
        unit = "thành phố" if city else "tỉnh"
        # "Tỉnh ủy", "Thành đoàn": the head already says the unit
        unit_named = head.split(" ")[0] in ("Tỉnh", "Thành")
        name = f"{head} {prov.name}" if unit_named else f"{head} {unit} {prov.name}"
        aliases = {m.group(0)}
        for label in {tpl.name, *tpl.aliases, head}:
            aliases |= {f"{label} {prov.name}", f"{label} {unit} {prov.name}"}
        parent = f"{tpl.parent}:{pid}" if tpl.parent else None
        props = {k: v for k, v in tpl.props.items() if k not in ("name_city", "needs_unit")}
        if props.get("merged_into"):
            props["merged_into"] = f"{props['merged_into']}:{pid}"
        out.append(_Found(m.start(), m.end(), f"{tpl.id}:{pid}", name, aliases, tpl.type,
                          parent, props=props))
    return out


@cache
def _school_head() -> re.Pattern[str]:
    """A lowercase "trường" before a kind of school (`school_kinds`) and a name: a school's
    head."""
    kinds = alternation(wordlist("org_heads.json", "school_kinds"), bounded=False,
                        not_after=r"\w")
    # its name follows, capitalized ("trường THPT chuyên Hà Nội"; not "các trường THPT tuyển")
    # (no look-behind first: `re` then skips ahead to each "t"; the word's start is checked
    # by `_head_matches`)
    return re.compile(rf"trường(?= (?:{kinds})(?: chuyên)? [A-ZĐÀ-Ỹ])")


def _head_matches(heads: re.Pattern[str], text: str, start: int, end: int) -> list[re.Match[str]]:
    """Head words, the lowercase head of a title run into a body's name ("Trưởng phòng
    Kinh tế thị xã", "Phó ban Tuyên giáo") and a lowercase "trường" before a kind of school
    ("trường ĐH Ngoại thương"), in text order."""
    found = [*heads.finditer(text, start, end), *_TITLE_HEAD.finditer(text, start, end)]
    if "trường " in text[start:end]:
        found += [m for m in _school_head().finditer(text, start, end)
                  if not (m.start() and text[m.start() - 1].isalnum())]
    return sorted(found, key=lambda m: m.start())


def _pattern(doc: Doc, gaz: Gazetteer, start: int, end: int, taken: list[_Found]) -> list[_Found]:
    out: list[_Found] = []
    heads = gaz.org_head_re
    not_after = gaz.org_not_after_re
    generic = gaz.org_generic_before_re
    place_before = gaz.place_words_before_re
    spans = sorted((f.start, f.end) for f in taken)
    starts = [a for a, _b in spans]
    for m in _head_matches(heads, doc.text, start, end):
        head = m.group(0)[:1].upper() + m.group(0)[1:]  # "Trưởng phòng Kinh tế": "Phòng"
        k = bisect_right(starts, m.start()) - 1
        if k >= 0 and spans[k][1] > m.start() or out and out[-1].end > m.start():
            continue
        if not_after.match(doc.text, m.start()) or generic.search(
            doc.text, max(0, m.start() - 14), m.start()
        ) or place_before.search(doc.text, max(0, m.start() - 12), m.start()):
            continue
        prev = re.search(r"(\S+) $", doc.text[max(0, m.start() - 12) : m.start()])
        if prev and prev.group(1) in gaz.surnames and head in ("Bộ", "Vụ", "Viện", "Hội"):
            continue  # "Lê Bộ Lĩnh": a word of a person's name
        if prev and prev.group(1)[:1].isupper() and (place := gaz.place_re.match(
            doc.text, m.start() - 1 - len(prev.group(1))
        )) and place.end() >= m.end():
            continue  # "TP Hải Phòng Tôi chỉ nghe…": the head is the end of a place's name
        # "Cảng Hàng không quốc tế (HKQT) Tân Sơn Nhất": an abbreviation inside the name
        acr = _ACR_INSIDE.match(doc.text, m.end())
        stop = _generic_end(doc.text, acr.end() if acr else m.end(), end, gaz, head)
        if stop is None:
            stop = _field_after_title(doc.text, m.start(), m.end(), end, gaz)
        if stop is None:
            continue
        stop = _city_end(doc, gaz, m.end(), stop, end)
        if stop is None or _form_only(doc.text[m.end() : stop], gaz):
            continue  # "Công ty TNHH", "Sở Giáo dục TP": no name, or a name cut short
        if doc.text[m.start()] == "t" and len(doc.text[m.end() : stop].split()) < 2:
            continue  # "trường THPT" with its name cut off: a kind of school
        if prev and len(doc.text[m.end() : stop].split()) == 1 and _inside_name(
            doc.text, m.start(), prev.group(1), gaz
        ):
            continue  # "xã Tân Hội Trung", "Công ty Sứ Bộ Trại": a word of a longer name
        if acr is None and (acr := _ACR_INSIDE.match(doc.text, stop, end)) is not None:
            # "Trung tâm Kiểm soát bệnh tật (CDC) Hà Nam": the abbreviation, then the place
            place = gaz.place_re.match(doc.text, acr.end() + 1, end)
            acr = acr if place else None
            stop = place.end() if place else stop
        if head.startswith("Ban") and doc.text[m.end() : stop].strip() in wordlist(
            "org_heads.json", "bare_party_words"
        ):
            continue  # "Ban Thường vụ Đảng ủy,": whose Đảng ủy, the chain of titles says
        # A known body inside stops the name there ("Ban Cán sự đảng Bộ Nội vụ" keeps both).
        surface = doc.text[m.start() : stop]
        plain = doc.text[m.start() : acr.start()] + doc.text[acr.end() : stop] if acr else surface
        canonical = gaz.expand(head + plain[len(head) :])
        aliases = {surface, canonical}
        if acr:
            aliases.add(f"{acr.group('acr')}{doc.text[acr.end() : stop]}")  # "CDC Hà Nam"
        out.append(
            _Found(m.start(), stop, fold(canonical), canonical, aliases,
                   gaz.org_heads.get(head, "agency"), generic=True)
        )
    # Within an article one body keeps one extent: "Bộ Y tế nhân kỷ niệm…" is "Bộ Y tế" when the
    # article names "Bộ Y tế" alone elsewhere.
    names = {f.name for f in out}
    for f in out:
        for other in names:
            if other != f.name and f.name.startswith(other + " ") and len(other) > 4 and (
                not _NAME_GOES_ON.match(f.name, len(other) + 1)
            ):
                f.end = f.start + len(other) if doc.text[f.start : f.start + len(other)] == other \
                    else f.end
                if f.end - f.start == len(other):
                    f.name, f.key, f.aliases = other, fold(other), {other}
    return out


#: Capitalized words that may stand right before a body's head: parts of titles
_BEFORE_HEAD_OK = frozenset({"Phó", "Trưởng", "Chánh", "Tổng", "Cựu", "Nguyên", "Quyền", "Thường"})


def _inside_name(text: str, head_at: int, prev: str, gaz: Gazetteer) -> bool:
    """A head right after a capitalized word mid-sentence, with one word after it, is a word
    of a longer proper name ("xã Tân Hội Trung", "vịnh Xuân Đài", "Sứ Bộ Trại"; not "Theo
    Văn phòng Công tố viên Seoul", where a body's name follows), unless that word ends a title
    ("Chánh Văn phòng"), is an acronym or a body's word ("UBND", "Nhân dân")."""
    if not (prev[:1].isupper() and prev[1:].islower() and prev.isalpha()) or prev in (
        _BEFORE_HEAD_OK
    ):
        return False
    at = head_at - 1 - len(prev)
    before = text[max(0, at - 2) : at]
    if not re.fullmatch(r"\w ", before):  # sentence start, after punctuation: not mid-sentence
        return False
    word_before = re.search(r"(\S+) $", text[max(0, at - 20) : at])
    if word_before and (gaz.org_head_re.fullmatch(word_before.group(1))
                        or gaz.title_re.search(text, max(0, at - 20), head_at)):
        return False
    return not gaz.title_re.match(text, at) and not gaz.org_head_re.match(text, at)


def _field_after_title(text: str, head_at: int, pos: int, limit: int, gaz: Gazetteer) -> int | None:
    """Where a body named by its field in lowercase ends, when a title names it: "Cục trưởng
    Cục thi hành án dân sự tỉnh Thanh Hóa", "Phó Vụ trưởng Vụ pháp luật". The field is one of
    the name compounds, and a province may follow it. Elsewhere "Vụ tai nạn" is no body."""
    before = text[max(0, head_at - 40) : head_at]
    words = before.split(" ")
    if not any(
        gaz.title_re.fullmatch(" ".join(words[-k - 1 : -1])) for k in range(1, min(5, len(words)))
    ):
        return None
    m = re.match(r" (\w+)", text[pos:limit])
    if m is None or not m.group(1).islower():
        return None
    stop = next((pos + 1 + len(c) for c in (f"{m.group(1)} {r}" for r in
                 _compounds().get(m.group(1), ())) if text.startswith(c, pos + 1)
                 and not text[pos + 1 + len(c) : pos + 2 + len(c)].isalnum()), None)
    if stop is None:
        return None
    local = _LOCAL_UNIT_NAME.match(text, stop, limit)
    if local:
        stop = local.end()  # "Giám đốc Trung tâm y tế huyện Đăk Hà"
    elif unit := re.match(r" (?:tỉnh|thành phố|TP\.?) ", text[stop:limit]):
        place = gaz.place_re.match(text, stop + unit.end(), limit)
        stop = place.end() if place else stop
    # The name must end there: "Tổng cục giáo dục nghề nghiệp" is cut short by the list.
    return stop if _FIELD_END.match(text, stop) else None


def _city_end(doc: Doc, gaz: Gazetteer, start: int, stop: int, limit: int) -> int | None:
    """Where a name ending with "TP" ends: "Sở Y tế TP.HCM", "Trường ĐH Luật TP. Hà Nội" take
    the city (the tokenizer stops at the dot); a name left ending with "TP" is cut short."""
    last = doc.text[start:stop].rsplit(" ", 1)[-1]
    if last not in ("TP", "Tp"):
        return stop
    dot = _CITY_DOT.match(doc.text, stop, limit)
    place = gaz.place_re.match(doc.text, dot.end(), limit) if dot else None
    return place.end() if place else None


def _form_only(name: str, gaz: Gazetteer) -> bool:
    """A company named by its legal form alone ("Công ty TNHH", "Công ty CP MTV")."""
    return not _form_words_re(tuple(gaz.company_words)).sub(" ", name).strip(" -–&")


@cache
def _form_words_re(company_words: tuple[str, ...]) -> re.Pattern[str]:
    words = alternation([*company_words, "MTV", "TMCP"], bounded=False, ignore_case=True)
    return re.compile(rf"(?<!\w)(?:{words})(?!\w)", re.I)


def _link_parents(doc: Doc, found: list[_Found]) -> None:
    ordered = sorted(found, key=lambda f: f.start)
    for a, b in zip(ordered, ordered[1:], strict=False):
        if a.parent or not a.generic or a.type in ("ministry", "company"):
            continue
        if b.type in _HIGHER and _PARENT_GAP.match(doc.text[a.end : b.start]):
            a.parent = b.key
    # One body per name within an article: a mention without its parent is the same body as a
    # mention of the same name with one.
    parent_of = {f.key: f.parent for f in found if f.generic and f.parent}
    for f in found:
        if f.generic and not f.parent and f.key in parent_of:
            f.parent = parent_of[f.key]
    for f in found:
        if f.generic and f.parent and f.type not in ("company", "association"):
            f.key = f"{f.parent}/{f.key}"


#: "Ngân hàng TMCP Việt Nam Thương Tín (VietBank)": the short form the article gives a body
_SHORT_FORM = re.compile(r"\s*\((?P<a>[A-ZĐ][\w&.-]{1,15})\)")


def _short_forms(doc: Doc, gaz: Gazetteer, found: list[_Found]) -> list[_Found]:
    """A body's short form given in brackets after its name ("… Thương Tín (VietBank)",
    "Liên minh Yêu nước California (CPC)") names that body wherever the article writes it
    alone ("Chủ tịch HĐQT VietBank"): an alias, and a mention at each place outside the
    bodies already found. Only a form with two capitals or a word no Vietnamese syllable is
    ("VietBank", "CPC"), never a place, a country or a title."""
    text = doc.text
    spans = sorted((f.start, f.end) for f in found)
    out: list[_Found] = []
    seen: set[str] = set()
    for f in found:
        m = _SHORT_FORM.match(text, f.end) if f.generic or f.shaped else None
        if m is None:
            continue  # a gazetteer's body has its forms; "… ASEAN (AUN)" names a longer one
        short = m.group("a")
        if short in seen or (
            sum(c.isupper() for c in short) < 2 and is_syllable(short)
        ) or gaz.place_re.fullmatch(short) or gaz.country_re.fullmatch(short) or (
            gaz.title_re.fullmatch(short)
        ):
            continue
        seen.add(short)
        f.aliases.add(short)
        for n in re.finditer(rf"(?<![\w&-]){re.escape(short)}(?![\w&-])", text, re.I):
            if not n.group(0)[:1].isupper() or n.start() == m.start("a"):
                continue
            k = bisect_right(spans, (n.start(), len(text))) - 1
            if k >= 0 and spans[k][1] > n.start():
                continue  # inside a body already found ("Công ty CPC Việt Nam")
            out.append(_Found(n.start(), n.end(), f.key, f.name, {*f.aliases, n.group(0)},
                              f.type, f.parent, f.generic, dict(f.props), f.shaped))
    return out


def _brand_inside(block: list[_Found]) -> None:
    """"Công ty cổ phần Vinamilk", "Tập đoàn công nghệ Bkav": a company's name found by its head
    that ends with a company the gazetteer knows is that company (one node, the longer form an
    alias), not a second body."""
    known = [g for g in block if not g.generic and not g.shaped and g.type == "company"]
    for f in block:
        if not f.generic or f.type != "company":
            continue
        g = next((g for g in known if f.start < g.start and g.end == f.end), None)
        if g is not None:
            f.key, f.name, f.type, f.parent, f.generic = g.key, g.name, g.type, g.parent, False
            f.aliases |= g.aliases
            f.props = dict(g.props)


def _generic_alone(name: str) -> bool:
    """A group every event or company has, named without whose it is ("Ban tổ chức",
    "Hội đồng quản trị"): `generic_alone` in `data/lexicon/org_heads.json`."""
    return fold(name.replace(",", "")) in _generic_names()


@cache
def _generic_names() -> frozenset[str]:
    return frozenset(fold(n.replace(",", "")) for n in heads_data()["generic_alone"])


def _shaped(named: list[Named]) -> list[_Found]:
    """Bodies found by the shape of their names (`kg.extract.body_names`)."""
    return [_Found(n.start, n.end, n.key, n.name, n.aliases, n.type, shaped=True) for n in named]


def _merge_prefixes(found: list[_Found]) -> None:
    """One body, one node within an article: a name found alone that begins a longer name found
    elsewhere ("Thanh tra Bộ" / "Thanh tra Bộ GD-ĐT", "Phòng Kinh tế thị xã" / "Phòng Kinh tế
    thị xã Vĩnh Châu") is that body when the rest says where or whose it is (a capitalized
    word, a unit: "tỉnh Đồng Tháp"). Only when one longer body fits."""
    names = [f for f in found if f.generic or f.shaped]
    for f in names:
        short = fold(f.name).replace(",", "")
        longer = {
            g.key: g for g in names
            if len(g.name) > len(f.name) and g.key != f.key
            and fold(g.name).replace(",", "").startswith(short + " ")
            and (f.shaped or _NAME_GOES_ON.match(
                g.name.replace(",", ""), len(f.name.replace(",", "")) + 1
            ))
        }
        if len(longer) > 1 and f.shaped:
            # "Trưởng Ban chỉ đạo chủ trì": the committee named in full nearest to it
            near = min(longer, key=lambda k: min(
                abs(g.start - f.start) for g in names if g.key == k
            ))
            longer = {near: longer[near]}
        if len(longer) == 1:
            g = next(iter(longer.values()))
            f.key, f.name, f.type, f.shaped = g.key, g.name, g.type or f.type, g.shaped
            f.generic = g.generic
            f.aliases |= g.aliases


def extract(doc: Doc) -> None:
    gaz = gazetteer()
    home = main_place(doc)
    found: list[_Found] = []
    for start, end in doc.blocks:
        block: list[_Found] = _national(doc, gaz, start, end)
        block += [f for f in _foreign(doc, gaz, start, end)
                  if not any(g.start < f.end and f.start < g.end for g in block)]
        for f in [*_shaped(local_bodies(doc.text, start, end, gaz, home)),
                  *_provincial(doc, gaz, start, end, home)]:
            # a national body inside a longer one does not hide it ("Quốc hội" in "đoàn Đại
            # biểu Quốc hội TPHCM"); both are mentions
            if not any(g.start < f.end and f.start < g.end and not (
                f.start <= g.start and g.end <= f.end and g.end - g.start < f.end - f.start
            ) for g in block):
                block.append(f)
        spans = [(f.start, f.end) for f in block]
        block += _shaped(descriptive_bodies(doc.text, start, end, gaz, home, spans))
        block += _pattern(doc, gaz, start, end, block)
        _brand_inside(block)
        found += block
    found += _short_forms(doc, gaz, found)
    _foreign_ministries(doc, gaz, found)
    _merge_prefixes(found)
    _link_parents(doc, found)
    countries = [m for m in doc.mentions if m.kind == "country"]
    found = [
        f for f in found
        if not any(c.start < f.end and f.start < c.end and c.start <= f.start for c in countries)
        and not _credit_context(doc, f.start, f.end)
        and not _outlet_source(doc, f) and not _platform(doc, f)
        and not ((f.generic or f.shaped) and f.parent is None and _generic_alone(f.name))
    ]
    for f in found:
        doc.add_entity(
            "organization", f.key, f.name, aliases=f.aliases, type=f.type, parent=f.parent,
            **f.props,
        )
        doc.mention("organization", f.key, f.start, f.end)
    # Parents and successors named by the gazetteer but not in the text still need a node with
    # a name (they are not mentions of the article).
    for ent in list(doc.of_kind("organization")):
        for ref in (ent.props.get("parent"), ent.props.get("merged_into")):
            if ref and ("organization", ref) not in doc.entities:
                add_reference(doc, gaz, ref)


def add_reference(doc: Doc, gaz: Gazetteer, key: str) -> None:
    """Describe a body referred to by key only (a parent), without a mention in this article.

    Its own parent and successor are described too, so every link in the graph has a node.
    """
    if ("organization", key) in doc.entities:
        return
    if key in gaz.bodies:
        b = gaz.bodies[key]
        doc.add_entity("organization", key, b.name, aliases=b.aliases, type=b.type,
                       parent=b.parent, referenced_only=True, **b.props)
        for ref in (b.parent, b.props.get("merged_into")):
            if ref:
                add_reference(doc, gaz, ref)
    elif ":" in key:
        tid, pid = key.split(":", 1)
        tpl, prov = gaz.templates.get(tid), gaz.provinces.get(pid)
        if tpl and prov:
            unit = "thành phố" if prov.type == "thành phố" else "tỉnh"
            doc.add_entity("organization", key, f"{tpl.name} {unit} {prov.name}",
                           aliases=[f"{a} {unit} {prov.name}" for a in tpl.aliases],
                           type=tpl.type, referenced_only=True,
                           parent=f"{tpl.parent}:{pid}" if tpl.parent else None)
            if tpl.parent:
                add_reference(doc, gaz, f"{tpl.parent}:{pid}")
