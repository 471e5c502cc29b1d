"""Programs: the Chương trình, Đề án, Chiến lược, Quy hoạch, Kế hoạch and Sáng kiến a text names.

The annotation guide counts named public programs, schemes, strategies, master plans, plans and
initiatives, and not generic mentions ("các chương trình", "kế hoạch của tỉnh"), projects,
shows, contests, campaigns or events. A kind word (capital or small) starts a program when
something says a name follows it:

1. a quoted name: Đề án “Nâng cao nhận thức…”, or a quote that opens before the kind word;
2. a period or a horizon: "Chương trình phòng, chống mua bán người giai đoạn 2021-2025 và
   định hướng đến 2030" (the name runs to the end of the horizon, commas included);
3. "quốc gia" within a few words: "Chiến lược quốc gia về tài chính toàn diện", "quy hoạch
   tổng thể phát triển khu du lịch quốc gia Sơn Trà";
4. a short form in brackets after it: "Đề án đổi mới … một cửa liên thông (Đề án 468)";
5. a capital after a capital kind word ("Kế hoạch Giải cứu nước Mỹ", "Sáng kiến Vành đai và
   Con đường"); a body's or place's name in the name ("Chiến lược giáo dục APEC", "Quy hoạch
   thủy điện vừa và nhỏ trên địa bàn tỉnh Quảng Nam"); a quoted part ("Đề án thực hiện mô
   hình “Một cửa, một cửa liên thông”");
6. an approving verb before it ("phê duyệt Đề án thí điểm đổi mới hoạt động …", "Nghị quyết
   về Chương trình …") or an approval after it ("… được Thủ tướng Chính phủ phê duyệt");
7. a number: "Đề án 06", "Chương trình 135" (short forms; one the article also cites as a
   decision's number, "Đề án 468" beside 468/QĐ-TTg, is the program that decision approves);
8. "hành động" and the document it carries out: "Chương trình hành động của Chính phủ triển
   khai thực hiện Nghị quyết …", or the numbered document the plan is ("Chương trình hành động
   số 3303/CTr-UBND … thực hiện Nghị quyết số 52-NQ/TW");
9. the same words again, once with a capital: "Chương trình cho vay bình ổn thị trường".

A name ends at a clause boundary (`name_stops` in `data/lexicon/programs.json`: "là", "được",
"nhằm"…), at the next program of a list ("… và Chiến lược …"), and at a comma unless a horizon
or a bracketed short form closes it or what follows goes on with "và". A kind word inside
another name (Bộ Kế hoạch và Đầu tư, Luật Quy hoạch, Viện Nghiên cứu Chiến lược, "chiến lược
gia"), after a quantifier ("các chương trình") or before another kind word starts nothing;
shows, courses, promotions and events called "chương trình" are not programs.

The canonical name has abbreviations written out and the period and horizon taken off
("đến năm 2025, định hướng đến năm 2030" → horizon 2025, vision 2030), so "Chương trình
Chuyển đổi số quốc gia" and "Chương trình CĐS quốc gia đến năm 2025" are one program; every
form the article uses is an alias.

The approving or issuing document is the one cited next to the name with a cue between them:
"Quyết định 468/QĐ-TTg … về phê duyệt Đề án …", "Quyết định 479/QĐ-TTg … về “Chương trình …”",
"Đề án … được UBND Thành phố phê duyệt tại Quyết định số 2830/QĐ-UBND" → `kg:approves`.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

from kg import DATA_DIR
from kg.doc import Doc, Relation
from kg.gazetteer import gazetteer
from kg.normalize import fold

_YEAR = r"(?:19|20)\d\d"
#: A period or a horizon, and what may chain after it ("…, tầm nhìn đến năm 2045").
_HORIZON_PART = (
    rf"(?:(?:giai đoạn|thời kỳ|nhiệm kỳ)\s*(?:từ\s+)?(?:năm\s+)?{_YEAR}\s*(?:[-–]|đến)\s*"
    rf"(?:năm\s+)?{_YEAR}"
    rf"|(?:và\s+|với\s+)?(?:định hướng|tầm nhìn)\s+(?:đến\s+)?(?:năm\s+)?{_YEAR}"
    rf"|(?:giai đoạn\s+)?(?:đến|tới)\s+(?:năm\s+)?{_YEAR}"
    rf"|giai đoạn\s*{_YEAR}(?!\s*[-–])"
    rf"|có xét đến\s+(?:năm\s+)?{_YEAR}"
    rf"|(?:năm\s+)?{_YEAR}\s*[-–]\s*{_YEAR})"
)
_HORIZON_RUN = re.compile(rf"{_HORIZON_PART}(?:[,\s]*(?:{_HORIZON_PART}|năm\s+{_YEAR}))*")
#: "năm 2024" alone is no horizon: "Kế hoạch chuyển đổi số năm 2024" is every body's yearly plan.
_HORIZON_START = re.compile(rf"(?<!\w){_HORIZON_PART}")
_HORIZON = re.compile(
    r"[,\s]*(?:(?:giai đoạn|thời kỳ|nhiệm kỳ)\s*(?:từ\s+)?(?:năm\s+)?(?P<from>(?:19|20)\d\d)\s*"
    r"(?:[-–]|đến)\s*(?:năm\s+)?(?P<to>(?:19|20)\d\d)"
    r"|(?:năm\s+)?(?P<from2>(?:19|20)\d\d)\s*[-–]\s*(?P<to2>(?:19|20)\d\d))?"
    r"[,\s]*(?:(?:giai đoạn\s+)?(?:đến|tới)\s+(?:năm\s+)?(?P<h>(?:19|20)\d\d)"
    r"|giai đoạn\s*(?P<h2>(?:19|20)\d\d))?"
    r"[,\s]*(?:có xét đến\s+(?:năm\s+)?(?:19|20)\d\d)?"
    r"[,\s]*(?:(?:và\s+|với\s+)?(?:định hướng|tầm nhìn)\s+(?:đến\s+)?(?:năm\s+)?"
    r"(?P<v>(?:19|20)\d\d))?\s*$"
)
_OPEN = {"“": "”", '"': '"', "‘": "’", "'": "'", "«": "»"}
#: Where a name without quotes stops for good: sentence and bracket punctuation, a dash
#: between spaces ("… quốc gia - Bộ Y tế"), a quote.
_HARD_STOP = re.compile(
    r"[.;:!?()\[\]“”\"«»…\n]|\s{2,}|\s[-–]\s(?=(?:Bộ|Sở|Cục|Vụ|Ban|Viện|UBND|Ủy ban|Tổng cục|"
    r"Trung tâm|Thủ tướng|Chính phủ|Văn phòng)(?!\w))"
)
#: An abbreviation in brackets inside a name: "Chiến lược phát triển giao thông vận tải (GTVT)
#: đường sắt …" goes on after it.
_INNER_ABBREVIATION = re.compile(r"\(\s*[A-ZĐ][A-ZĐ0-9&-]{1,11}\s*\)(?= [^\W\d])")
_WORD = re.compile(r"[^\s,]+")
_SHORT = re.compile(
    r"\s+(?:số\s+)?(\d{1,4})(?![\w/+-])(?![.,]\d)"
    r"(?!\s*(?:năm|tháng|ngày|tỷ|tỉ|triệu|nghìn|ngàn|USD|đồng|%|lần|người|giờ)(?!\w))"
)
#: A year span that is a school year, not a program's period.
_SCHOOL_YEAR = re.compile(r"(?:năm học|niên khóa|niên khoá|khóa học|mùa giải)\s*$")
_PAREN_SHORT = re.compile(r"\(\s*(?:sau đây\s+)?(?:gọi tắt là\s+|gọi là\s+|viết tắt là\s+)?"
                          r"(?P<alias>[^()]{2,60}?)\s*\)")


@dataclass(frozen=True)
class Lexicon:
    """The word lists of `data/lexicon/programs.json`, compiled."""

    kind_re: re.Pattern[str]
    kinds: dict[str, str]  # folded kind word → its capitalized form
    not_after: re.Pattern[str]
    inside_other: re.Pattern[str]
    event_start: re.Pattern[str]
    stop_re: re.Pattern[str]
    quantifier: re.Pattern[str]
    next_kind: re.Pattern[str]
    not_before_qg: re.Pattern[str]
    quoted_cue: re.Pattern[str]
    approve_before: re.Pattern[str]
    approve_before_decision: re.Pattern[str]  # cues that say "approves" after a decision only
    decision_types: frozenset[str]
    approve_after: re.Pattern[str]
    approving_verb: re.Pattern[str]
    not_programs: frozenset[str]
    known_short: dict[str, tuple[str, str]]  # folded short form → (full name, decision)


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _case_forms(words: list[str]) -> list[str]:
    """"Chương trình", "chương trình", "CHƯƠNG TRÌNH" for each kind word."""
    return sorted({f for w in words for f in (w, w[0].lower() + w[1:], w.lower(), w.upper())})


@cache
def lexicon() -> Lexicon:
    raw = json.loads((DATA_DIR / "lexicon" / "programs.json").read_text(encoding="utf-8"))
    kinds = raw["kinds"]
    known: dict[str, tuple[str, str]] = {}
    for k in raw["known"]:
        for short in k["short"]:
            known[fold(short)] = (k["name"], k.get("decision") or "")
    return Lexicon(
        # for short texts (an alias) and the rare text whose lower case is longer
        kind_re=re.compile(rf"(?<![\w/-])({_alt(_case_forms(kinds))})(?![\w/])"),
        kinds={fold(k): k for k in kinds},
        not_after=re.compile(rf"\s*(?:{_alt(raw['not_after_kind'])})(?!\w)"),
        inside_other=re.compile(rf"(?<!\w)(?:{_alt(raw['inside_other_names'])})\s+$"),
        event_start=re.compile(rf"\s*[“\"]?\s*(?:{_alt(raw['event_words'])})(?!\w)",
                               re.IGNORECASE),
        # "trên địa bàn …" and "để thực hiện …" go on with the name
        stop_re=re.compile(
            rf"(?<!\w)(?:{_alt([w for w in raw['name_stops'] if w not in ('trên', 'để')])}"
            r"|trên(?!\s+địa bàn)|để(?!\s+(?:thực hiện|triển khai)))(?!\w)"),
        next_kind=re.compile(rf"\s*(?:,|\svà|\shoặc|\scùng)\s+(?:(?:các|những|nhiều)\s+)?"
                             rf"(?:{_alt(_case_forms(kinds))})(?!\w)"),
        quantifier=re.compile(rf"(?<!\w)(?:{_alt(raw['quantifiers'])}|\d+)\s+$", re.IGNORECASE),
        not_before_qg=re.compile(rf"(?<!\w)(?:{_alt(raw['not_before_quốc_gia'])})\s+$"),
        quoted_cue=re.compile(rf"(?<!\w)(?:{_alt(raw['quoted_program_cues'])})(?!\w)"),
        approve_before=re.compile(rf"(?<!\w)(?:{_alt(raw['approve_before'])})\s*$"),
        approve_before_decision=re.compile(
            rf"(?<!\w)(?:{_alt(raw['approve_before_decision'])})\s*$"),
        decision_types=frozenset(raw["decision_types"]),
        approve_after=re.compile(rf"(?<!\w)(?:{_alt(raw['approve_after'])})(?!\w)"),
        approving_verb=re.compile(rf"(?<!\w)(?:{_alt(raw['approving_verbs'])})\s*$"),
        not_programs=frozenset(fold(n) for n in raw["not_programs"]),
        known_short=known,
    )


def canonical(kind: str, name: str) -> tuple[str, dict[str, int]]:
    """("Chương trình Chuyển đổi số quốc gia", {"horizonYear": 2025, …}) from a raw name."""
    gaz = gazetteer()
    name = gaz.expand(name.strip(" ,.:;"))
    years: dict[str, int] = {}
    m = _HORIZON.search(name)
    if m and m.group(0).strip(" ,"):
        for group, prop in (("h", "horizonYear"), ("h2", "horizonYear"), ("v", "visionYear"),
                            ("to", "horizonYear"), ("to2", "horizonYear")):
            if m.group(group) and prop not in years:
                years[prop] = int(m.group(group))
        if m.group("from") or m.group("from2"):
            years["startYear"] = int(m.group("from") or m.group("from2"))
        cut = m.start()
        if re.search(r"\d\s*$", name[:cut]) and re.match(r"[,\s]*năm\s", m.group(0)):
            cut += m.group(0).index("năm") + 3  # "Kế hoạch … 5 năm 2016 - 2020": "5 năm"
        name = name[:cut].strip(" ,")
    name = re.sub(r"\s+(?:trong|của|và|cho|với|về)$", "", name)
    name = re.sub(r"\s*\([^()]*\)", "", name).strip(" ,")  # a bracketed abbreviation
    if name:
        name = name[0].upper() + name[1:]
    return f"{kind} {name}", years


@dataclass
class _Found:
    """A program's name in the text: the kind word's start, the name's end, and the name."""

    start: int
    end: int
    kind: str  # capitalized kind word
    raw: str  # the name after the kind word, as written (quotes off)
    alias: str | None = None  # a short form in brackets right after it, or the quoted name
    issued_by: str | None = None  # the key of the numbered document it is


def _quoted(text: str, pos: int, limit: int) -> tuple[str, int] | None:
    """The quoted name at `pos` (after spaces): its text and the end of its closing quote."""
    m = re.compile(r"\s+([“\"‘'«])(?=\S)").match(text, pos, limit)
    if not m:
        return None
    close = text.find(_OPEN[m.group(1)], m.end(), min(limit, m.end() + 300))
    if close <= m.end():
        return None
    return text[m.end() : close], close + 1


def _cut_words(text: str, lex: Lexicon) -> str:
    """`text` up to the first clause word ("là", "được", "nhằm"…) or the next program in a
    list ("… về biến đổi khí hậu và Chiến lược quốc gia về …")."""
    m = lex.stop_re.search(text)
    text = text[: m.start()] if m else text
    n = lex.next_kind.search(text)
    return text[: n.start()] if n else text


def _cut_commas(body: str) -> str:
    """`body` up to its first comma, unless what follows the comma goes on with "và" (an
    enumeration inside the name: "Nâng cao nhận thức, phổ cập kỹ năng và phát triển …")
    or is a pair word of a fixed phrase ("phòng, chống")."""
    out = body
    parts = body.split(",")
    if len(parts) == 1:
        return body
    keep = parts[0]
    for part in parts[1:]:
        words = part.split()
        if not words:
            break
        if keep.rstrip().endswith(("phòng", "Phòng")) and words[0] == "chống":
            keep += "," + part
            continue
        if " và " in f" {part} " and len(words) <= 12:
            keep += "," + part
            continue
        break
    out = keep
    return out


def _name_after(doc: Doc, kind: str, start: int, end: int, limit: int,
                lex: Lexicon) -> _Found | None:
    """The program a kind word at [start, end) begins, or None for a generic mention."""
    text = doc.text
    capital = text[start].isupper()
    q = _quoted(text, end, limit)
    if q:  # 1. Đề án “…”
        raw, stop = q
        if not capital and len(raw.split()) < 2:
            return None  # quy hoạch “treo”: a word in quotes, not a name
        if kind == "Chương trình" and (lex.event_start.match(raw)
                                       or not _program_cue(doc, start, raw, lex)):
            return None  # a show, a contest, an event: "chương trình “Solo cùng bolero”"
        quoted = raw
        tail = _HORIZON_RUN.match(text, stop + (1 if text[stop : stop + 1] == " " else 0), limit)
        if tail and text[stop : tail.start()].strip(" ,") == "":
            raw, stop = f"{raw} {tail.group(0)}", tail.end()
        if len(raw.split()) < 1 or len(raw.split()) > 40:
            return None
        # the quoted words are the program's own name too: sáng kiến “Vành đai, con đường”
        # is also called “Vành đai, con đường” alone, as the article may do next
        return _Found(start, stop, kind, raw,
                      alias=quoted.strip() if len(quoted.split()) >= 3 else None)
    numbered = _numbered_document(doc, kind, start, end, limit, lex)
    if numbered is not None:
        return numbered
    short = _SHORT.match(text, end, limit)
    if short and not re.fullmatch(_YEAR, short.group(1)):  # 7. Đề án 468 (đề án 89: see below)
        return _Found(start, short.end(), kind, short.group(1))
    hard = _HARD_STOP.search(text, end, limit)
    quoted_inside = False
    while hard:
        at = hard.start()
        if text[at] == "(" and _INNER_ABBREVIATION.match(text, at):
            hard = _HARD_STOP.search(text, text.index(")", at) + 1, limit)
        elif text[at] == "“" and at > end + 1 and 0 < text.find("”", at, at + 80) and \
                text[at - 1] == " ":  # "Đề án thực hiện mô hình “Một cửa, …”"
            quoted_inside = True
            hard = _HARD_STOP.search(text, text.find("”", at, at + 80) + 1, limit)
        else:
            break
    stop = hard.start() if hard else limit
    body = text[end:stop]
    if not body.strip() or lex.not_after.match(body) or body.lstrip()[:1] in ",-–/":
        return None
    if kind == "Chương trình" and lex.event_start.match(body):
        return None
    words = body.split()
    if len(words) > 60:
        body = " ".join(words[:60])
    # 2. a period or a horizon closes the name
    h = _HORIZON_START.search(body)
    if h and h.start() > 0 and not _SCHOOL_YEAR.search(body, 0, h.start()):
        head = body[: h.start()]
        kept = _cut_words(head.replace(" nhằm ", " nhằm\u00a0"), lex).strip(" ,").replace(
            "\u00a0", " ")  # a period closes a name that says what it is for ("… nhằm giảm …")
        if (kept and kept == head.strip(" ,") and len(head.split()) <= 30
                and head.count(",") <= 2 and not _inner_kind(head, lex)):
            run = _HORIZON_RUN.match(body, h.start())
            raw = body[: run.end() if run else h.end()]
            return _Found(start, end + len(raw.rstrip()), kind, raw.strip())
    # 4. a short form in brackets right after the name: "… (Đề án 468)"
    after = text[stop:limit]
    paren = _PAREN_SHORT.match(after) if hard and text[stop] == "(" else None
    cut = _cut_words(body, lex)
    if paren and cut.strip() == body.strip() and len(words) <= 40:
        alias = paren.group("alias").strip()
        proper = capital or (len(words) <= 8 and any(w[:1].isupper() for w in words))
        if lex.kind_re.match(alias) or (
                proper and re.fullmatch(r"[A-ZĐ][A-ZĐ0-9&-]{1,12}", alias)):
            return _Found(start, stop + paren.end(), kind, body.strip(), alias)
    name = _cut_commas(cut).strip(" ,")
    name_words = name.split()
    if not name_words:
        return None
    quoted = cut.strip(" ,")  # commas inside the quotes belong to the name
    if quoted_inside and capital and quoted.endswith("”") and len(quoted.split()) <= 25:
        return _Found(start, end + _span_end(body, quoted), kind,
                      quoted.replace("“", "").replace("”", ""))
    # 5d. a small "quy hoạch", "đề án" or "chiến lược" whose name ends with a place:
    # "quy hoạch du lịch bán đảo Sơn Trà"
    if (not capital and kind in ("Quy hoạch", "Đề án", "Chiến lược") and 3 <= len(name_words) <= 8
            and all(w[:1].isupper() for w in name_words[-2:])
            and not any(w[:1].isupper() for w in name_words[:-3])
            and not _PLACE_ONLY.fullmatch(" ".join(w for w in name_words if w[:1].islower()))
            and (kind == "Quy hoạch" or _PLACE_WORD.search(name)
                 or doc.overlaps(end, end + _span_end(body, name), "organization", "place"))):
        return _Found(start, end + _span_end(body, name), kind, name)
    # 9. a name an approval follows: "Đề án phát triển nhiên liệu sinh học được Thủ tướng
    # Chính phủ phê duyệt"
    rest = body[len(cut) :]
    if ((2 <= len(name_words) <= 25 if capital else 2 <= len(name_words) <= 8)
            and not lex.not_after.match(name)
            and _APPROVED_AFTER.match(rest) and name == cut.strip(" ,")):
        return _Found(start, end + _span_end(body, name), kind, name)
    # 8. an action program or plan is named by what it carries out, commas and all:
    # "Chương trình hành động của Chính phủ triển khai thực hiện Nghị quyết Trung ương 5, khóa
    # XII về tiếp tục cơ cấu lại, đổi mới, nâng cao hiệu quả DNNN"
    action = cut.strip(" ,")
    if (re.match(r"hành động\s", action, re.IGNORECASE)
            and re.search(r"(?<!\w)(?:thực hiện|triển khai)\s", action)
            and re.search(r"(?<!\w)(?:Nghị quyết|Chỉ thị|Kết luận|Quyết định|Chiến lược|"
                          r"Chương trình|Đề án|Luật|Nghị định)(?!\w)", action)
            and 4 <= len(action.split()) <= 40):
        return _Found(start, end + _span_end(body, action), kind, action)
    # 3. "quốc gia" within a few words
    qg = re.search(r"(?<!\w)quốc gia(?!\w)", name, re.IGNORECASE)
    if qg and len(name[: qg.start()].split()) <= 8 and not lex.not_before_qg.search(
            name, 0, qg.start()):
        keep_on = re.match(r"\s+về\s", name[qg.end() :]) or re.search(
            r"(?:mục tiêu|hành động)\s+$", name[: qg.start()])
        if (qg.start() > 0 or len(name_words) > 12) and not keep_on:
            proper = re.match(r"(?:\s+[A-ZĐ][^\s,]*)+", name[qg.end() :])  # "… quốc gia Sơn Trà"
            name = name[: qg.end() + (proper.end() if proper else 0)]
        elif qg.start() == 0 and not re.match(r"quốc gia về\s", name, re.IGNORECASE):
            return None  # "chương trình Quốc gia Anh"; but "Chiến lược quốc gia về …" is one
        return _Found(start, end + _span_end(body, name), kind, name)
    body_first = doc.overlaps(end, end + 2 + len(name_words[0]), "organization")
    if body_first is not None and re.match(r"\s+[^\W\d]*[a-zđ]", doc.text[body_first.end :]):
        return None  # "Kế hoạch Bộ Thông tin và Truyền thông giao": the body is the subject
    if kind == "Chương trình" and _EVENT_AFTER.match(body[len(cut) :]):
        return None  # "Chương trình Tết chay an lạc diễn ra …": an event
    # 5. a capital kind word and a capital name
    if capital and name_words[0][:1].isupper() and len(name_words) <= 14:
        return _Found(start, end + _span_end(body, name), kind, name)
    # 5b. a capital name after a small kind word that a verb of programs introduces:
    # "đang thực hiện đề án Thí điểm đào tạo …"
    if (not capital and kind != "Chương trình" and name_words[0][:1].isupper()
            and 3 <= len(name_words) <= 25
            and lex.quoted_cue.search(text, max(0, start - 25), start)):
        return _Found(start, end + _span_end(body, name), kind, name)
    # 5c. a proper name in the name of a capital kind word: "Chiến lược đổi mới tiến trình Bộ
    # trưởng Tài chính APEC"; a small kind word with a place: "quy hoạch Sơn Trà"
    capitals = sum(1 for w in name_words[1:] if w[:1].isupper())
    named_body = doc.overlaps(end, end + _span_end(body, name), "organization", "place")
    if (capital and kind != "Chương trình" and len(name_words) <= 15
            and (capitals >= 3 or named_body is not None
                 and (capitals == 2 or capitals == 1 and name_words[-1][:1].isupper()))):
        last = max(i for i, w in enumerate(name_words) if w[:1].isupper())
        name = " ".join(name_words[: last + 1])  # the name ends with its proper name
        return _Found(start, end + _span_end(body, name), kind, name)
    if (not capital and kind != "Chương trình" and 3 <= len(name_words) <= 6
            and all(w[:1].isupper() for w in name_words[:2])):
        return _Found(start, end + _span_end(body, name), kind, name)
    # 6. after an approving verb: "phê duyệt Đề án thí điểm …"
    before = text[max(0, start - 40) : start]
    if (lex.approving_verb.search(before) and name_words[0] != "về"
            and (2 <= len(name_words) <= 30 if capital
                 else kind == "Quy hoạch" and 3 <= len(name_words) <= 6)):
        return _Found(start, end + _span_end(body, name), kind, name)
    return None


_DOC_NUMBER = re.compile(r"((?:\s+[^\W\d]+){0,3}?)\s+số\s*(?=\d)")
_AFTER_NUMBER = re.compile(r"\s*(?:,\s*)?(?:ngày\s+\d{1,2}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{4})?"
                           r"\s*)?(?:của\s+[^,;.]{1,60}?\s+(?=về|thực hiện|triển khai)|,\s*)?")


def _numbered_document(doc: Doc, kind: str, start: int, end: int, limit: int,
                       lex: Lexicon) -> _Found | None:
    """A plan that is itself a numbered document: "Chương trình hành động số 3303/CTr-UBND
    ngày … thực hiện Nghị quyết số 52-NQ/TW" is the program "Chương trình hành động thực
    hiện Nghị quyết số 52-NQ/TW", which that document issues (a document alone, without a
    subject, names no program)."""
    m = _DOC_NUMBER.match(doc.text, end, limit)
    if not m:
        return None
    number = doc.overlaps(m.end(), m.end() + 1, "legal_document")
    if number is None:
        return None
    gap = _AFTER_NUMBER.match(doc.text, number.end, limit)
    rest_start = gap.end() if gap else number.end
    hard = _HARD_STOP.search(doc.text, rest_start, limit)
    rest = doc.text[rest_start : hard.start() if hard else limit]
    subject = _cut_words(rest, lex).strip(" ,")  # the clause, commas and all, but not
    subject = re.split(r",\s*(?:ngày\s+\d|của\s)", subject)[0]  # ", ngày …, của Thành ủy"
    if not re.match(r"(?:thực hiện|triển khai|về)\s", subject) or len(subject.split()) > 40:
        return None
    words = m.group(1).strip()
    raw = f"{words} {re.sub(r'^về (?:việc )?', '', subject)}".strip()
    number_form = f"{kind} {words} số {doc.entities[('legal_document', number.key)].name}"
    return _Found(start, rest_start + _span_end(rest, subject), kind, raw,
                  alias=" ".join(number_form.split()), issued_by=number.key)


#: What an event does right after its name.
_EVENT_AFTER = re.compile(r"\s*(?:diễn ra|thu hút|được tổ chức|khai mạc|bế mạc|kết thúc|mở màn)")
#: A place word before a name's capitals: "chiến lược phát triển huyện Cần Giờ".
_PLACE_WORD = re.compile(r"(?<!\w)(?:tỉnh|thành phố|TP|huyện|quận|thị xã|xã|bán đảo|đảo|vùng|khu|"
                         r"cảng|Cảng|sông|vịnh)\s+[A-ZĐ]")
#: What a name is when its small words only say where: "quy hoạch huyện Cần Giờ" is the
#: district's planning, not a named plan.
_PLACE_ONLY = re.compile(r"(?:(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn|vùng|khu vực|"
                         r"của|tại|ở)\s*)*")
#: An approval right after a name: "… được Thủ tướng Chính phủ phê duyệt".
_APPROVED_AFTER = re.compile(r"\s*(?:đã\s+)?được\s+(?:[^\s,.;]+\s+){0,6}?"
                             r"(?:phê duyệt|ban hành|thông qua)(?!\w)")


def _inner_kind(head: str, lex: Lexicon) -> bool:
    """A capital kind word inside a name: "kế hoạch thực hiện Đề án …" names the Đề án."""
    return any(m.group(1)[0].isupper() for m in lex.kind_re.finditer(head))


def _program_cue(doc: Doc, start: int, raw: str, lex: Lexicon) -> bool:
    """A quoted "Chương trình" is a public program when its name says so (a period, a horizon,
    "quốc gia") or the words around it do (thực hiện, triển khai, phê duyệt, của Chính phủ…)."""
    if _HORIZON_START.search(raw) or "quốc gia" in raw.lower():
        return True
    around = doc.text[max(0, start - 30) : start] + " " + doc.text[start : start + len(raw) + 60]
    return bool(lex.quoted_cue.search(around))


def _span_end(body: str, name: str) -> int:
    i = body.find(name)
    return (i + len(name)) if i >= 0 else len(body.rstrip())


def _inside_other_name(doc: Doc, start: int, end: int, lex: Lexicon) -> bool:
    """The kind word is part of a body's, a law's or a project's name, or of a title."""
    before = doc.text[max(0, start - 25) : start]
    if lex.inside_other.search(before.rstrip("“\"") + " ") or lex.quantifier.search(before):
        return True
    if re.search(r"(?:,|/|\svà|\shoặc|\shay)\s*$", before) and lex.kind_re.search(
            before[-20:]):
        return True  # "các chiến lược, kế hoạch phát triển quốc gia": one generic list
    org = doc.overlaps(start, end, "organization", "person", "event")
    if org is not None:
        return True
    prev = re.search(r"(\S+)\s+$", before)
    if prev and prev.group(1)[:1].isupper() and not re.search(r"[.!?:;“\"(]\s*\S+\s+$|^\s*\S+\s+$",
                                                              before):
        sentence = doc.sentence_at(start)
        if sentence.start < start - len(prev.group(0)):
            return True  # a capitalized word before it, not at a sentence's start
    two = re.search(r"(\S+)\s+(\S+)\s+$", before)
    if (two and two.group(1)[:1].isupper() and two.group(2)[:1].islower()
            and two.group(2) not in _VERBS_BEFORE and not re.search(r"[.!?:;,“\"(]$", two.group(1))
            and doc.sentence_at(start).start < start - len(two.group(0))):
        return True  # "Lực lượng Tên lửa Chiến lược", "viện Chính sách Chiến lược"
    return False


#: Small words between a capitalized name and a kind word that do not join them into one name
#: ("Thủ tướng ký Chiến lược", "UBND tỉnh ban hành Kế hoạch").
_VERBS_BEFORE = frozenset(
    "ký về theo của là và với hành duyệt khai hiện trong tại cho qua có thông đến từ chỉnh "
    "dựng".split()
)


class _At:
    """A kind word's place in the text (what `re.Match` gives, for `_kind_words`)."""

    __slots__ = ("_start", "_end")

    def __init__(self, start: int, end: int) -> None:
        self._start, self._end = start, end

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end


def _kind_words(doc: Doc, lex: Lexicon) -> list[tuple[int, int, _At]]:
    """(block start, block end, place) of each kind word in the content blocks, any case, as
    whole words, in order. `str.find` on the lower-cased text: a regular expression of the
    alternatives is tried at every position of the text, and most articles have few."""
    text = doc.text
    low = text.lower()
    places: list[_At] = []
    if len(low) != len(text):  # a letter whose lower case is longer: the regular expression
        places = [_At(m.start(), m.end()) for m in lex.kind_re.finditer(text)]
    else:
        for word in lex.kinds:
            i = low.find(word)
            while i >= 0:
                j = i + len(word)
                if not (j < len(low) and (low[j].isalnum() or low[j] in "_/")):
                    places.append(_At(i, j))
                i = low.find(word, j)
        places.sort(key=lambda a: a.start())
    out = []
    starts = [b[0] for b in doc.blocks]
    for at in places:
        k = bisect_right(starts, at.start()) - 1
        if k < 0:
            continue
        start, end = doc.blocks[k]
        if at.end() > end:
            continue
        if at.start() > start and (text[at.start() - 1].isalnum() or text[at.start() - 1] in "_/-"):
            continue
        out.append((start, end, at))
    return out


def extract(doc: Doc) -> None:
    lex = lexicon()
    text = doc.text
    found: list[_Found] = []
    unnamed: list[tuple[str, int, int, int]] = []  # kind words that started no name
    for start, end, m in _kind_words(doc, lex):
        word = text[m.start() : m.end()]
        kind = lex.kinds.get(fold(word))
        if kind is None or _inside_other_name(doc, m.start(), m.end(), lex):
            continue
        if lex.kind_re.match(text, m.end() + 1) and text[m.end() : m.end() + 1] == " ":
            continue  # "chiến lược Quy hoạch tổng thể …": the second names it
        if (found and m.start() < found[-1].end and not _SHORT.match(text, m.end(), end)
                and not (word[0].isupper() and re.search(r"(?:thực hiện|triển khai|của)\s+$",
                                                           text[m.start() - 15 : m.start()]))):
            continue  # inside the name just found: "Sáng kiến … Chiến lược Biển Đông", but not
            # what a plan carries out: "Kế hoạch … để thực hiện Chương trình Nghị sự 2030 …"
        q_before = text[m.start() - 1 : m.start()] if m.start() > start else ""
        if q_before in _OPEN and word[0].isupper():  # “Chương trình khoa học … 2020”
            close = text.find(_OPEN[q_before], m.end(), min(end, m.end() + 300))
            raw = text[m.end() : close].strip() if close > m.end() else ""
            if (raw and len(raw.split()) <= 30 and not re.search(r"[.!?]", raw)
                    and not (kind == "Chương trình" and lex.event_start.match(raw))
                    and not lex.not_after.match(raw)):
                found.append(_Found(m.start(), close, kind, raw))
            continue
        f = _name_after(doc, kind, m.start(), m.end(), end, lex)
        if f is not None:
            found.append(f)
        else:
            unnamed.append((kind, m.start(), m.end(), end))
    found += _repeated(doc, unnamed, found, lex)
    numbered = _add(doc, found, lex)
    _approvals(doc, lex)  # first the named programs' documents, so that …
    if numbered:  # … "Đề án 146" is the program 146/QĐ-TTg approves
        _add_short_forms(doc, numbered, [f for f in found if f not in numbered], lex)
        _approvals(doc, lex)


def _repeated(doc: Doc, unnamed: list[tuple[str, int, int, int]], found: list[_Found],
              lex: Lexicon) -> list[_Found]:
    """Names no rule found but the article repeats: "Chương trình cho vay bình ổn thị trường"
    once with a capital and again in small letters is a program's name, as far as its
    mentions agree (their longest common run of words, three at least); a name repeated in
    small letters only is a generic mention ("chương trình chạy mô phỏng")."""
    text = doc.text
    groups: dict[tuple[str, ...], list[tuple[str, int, int, list[str]]]] = {}
    for kind, start, end, limit in unnamed:
        if any(f.start <= start < f.end for f in found):
            continue
        if lex.event_start.match(text, end, limit):
            continue  # shows, courses, draws, recruitment: "kế hoạch tuyển dụng viên chức"
        hard = _HARD_STOP.search(text, end, limit)
        body = text[end : hard.start() if hard else limit]
        if lex.not_after.match(body):
            continue
        words = _cut_commas(_cut_words(body, lex)).split()[:25]
        if len(words) >= 3:
            groups.setdefault((kind, *(w.casefold() for w in words[:3])), []).append(
                (kind, start, end, words))
    out = []
    for members in groups.values():
        capitals = sum(1 for _k, s, _e, _w in members if text[s].isupper())
        if len(members) < 2 or capitals == 0:
            continue
        common = [w.casefold() for w in members[0][3]]
        for _k, _s, _e, words in members[1:]:
            n = 0
            while n < min(len(common), len(words)) and common[n] == words[n].casefold():
                n += 1
            common = common[:n]
        while common and (common[-1] in _DANGLING or not common[-1][:1].isalnum()):
            common.pop()
        if any(_EVENT_AFTER.match(text, end + _span_end(text[end:], " ".join(w[: len(common)])))
               for _k, _s, end, w in members):
            continue  # "Chương trình Tết chay an lạc diễn ra …": an event
        said = " ".join(common)
        if len(common) < 3 or any(fold(f.raw).startswith(said) for f in found):
            continue  # a shorter mention of a program already named
        for kind, start, end, words in members:
            raw = " ".join(words[: len(common)])
            out.append(_Found(start, end + _span_end(text[end:], raw), kind, raw))
    out.sort(key=lambda f: f.start)
    return out


#: Words a name does not end with: "… cho vay bình ổn thị trường và" is cut before "và".
_DANGLING = frozenset("và của cho với về trong các những để tại theo hoặc -".split())


def _add(doc: Doc, found: list[_Found], lex: Lexicon) -> list[_Found]:
    """Entities and mentions for the names found; the short forms ("Đề án 468") left over."""
    numbered: list[_Found] = []
    for f in found:
        if re.fullmatch(r"\d{1,4}", f.raw):
            numbered.append(f)
            continue
        name, years = canonical(f.kind, f.raw)
        key = fold(name)
        if key in lex.not_programs or len(name.split()) < 3:
            continue
        surface = f"{f.kind} {f.raw}"
        aliases = [surface.strip()]
        if f.alias:
            aliases.append(f.alias)
        doc.add_entity("program", key, name, aliases=aliases, program_type=f.kind, **years)
        doc.mention("program", key, f.start, f.end)
        if f.alias:
            doc.add_entity("program", key, name, aliases=[f.alias])
        if f.issued_by:
            doc.relations.append(Relation(f"legal_document:{f.issued_by}", "approves",
                                          f"program:{key}", doc.sentence_at(f.start)))
    return numbered


def _add_short_forms(doc: Doc, numbered: list[_Found], named: list[_Found],
                     lex: Lexicon) -> None:
    """Short forms joined to their program, or programs of their own."""
    for f in numbered:
        short = f"{f.kind} {f.raw}"
        key = _short_form_owner(doc, short, f, lex)
        just_before = [g for g in named if 0 <= f.start - g.end <= 3
                       and doc.text[g.end : f.start].strip() == "("]
        if key is None and just_before:  # "… thời kỳ 1999-2010 (Chương trình 224)"
            name, _years = canonical(just_before[0].kind, just_before[0].raw)
            if ("program", fold(name)) in doc.entities:
                key = fold(name)
        if key is None and not doc.text[f.start].isupper() and not any(
                _number(e.name) == f.raw.lstrip("0") for e in doc.of_kind("legal_document")):
            continue  # "đề án 89" in small letters only for the article's decision 89/…
        if key is None:
            known = lex.known_short.get(fold(short))
            name = known[0] if known else short
            key = fold(name)
            doc.add_entity("program", key, name, program_type=f.kind)
        doc.add_entity("program", key, doc.entities[("program", key)].name, aliases=[short])
        doc.mention("program", key, f.start, f.end)


def _short_form_owner(doc: Doc, short: str, f: _Found, lex: Lexicon) -> str | None:
    """The program a short form stands for: the one that gave it in brackets, the one the
    decision of that number approves, or a known program's short form named in full."""
    for ent in doc.of_kind("program"):
        if short in ent.alt_labels:
            return ent.key
    approved = {r.subject.partition(":")[2]: r.object.partition(":")[2] for r in doc.relations
                if r.predicate == "approves" and r.object.startswith("program:")}
    owners = {approved[e.key] for e in doc.of_kind("legal_document")
              if e.key in approved and _number(e.name) == f.raw.lstrip("0")}
    if len(owners) == 1:
        return owners.pop()
    known = lex.known_short.get(fold(short))
    if known and ("program", fold(known[0])) in doc.entities:
        return fold(known[0])
    return None


#: A decision cited right after a program's name: "… quốc gia (Quyết định 749/QĐ-TTg)",
#: "… theo Quyết định số 749/QĐ-TTg".
_CITED_AFTER = re.compile(r"\s*[,(]?\s*(?:theo|tại)?\s*(?:Quyết định|Nghị quyết)\s*(?:số\s*)?$"
                          r"|\s*\(\s*$")


def _number(document: str) -> str:
    """The number of a document number, without leading zeros: "06/QĐ-TTg" → "6"."""
    return re.split(r"[/-]", document)[0].lstrip("0")


def _approvals(doc: Doc, lex: Lexicon) -> None:
    """A document cited next to a program, with an approving cue between them, approves it;
    a short form "Đề án 468" is the program of the article's decision 468/…."""
    programs = doc.mentions_of("program")
    documents = doc.mentions_of("legal_document")
    if not programs:
        return
    linked = {(r.subject.partition(":")[2], r.object.partition(":")[2]) for r in doc.relations
              if r.predicate == "approves"}

    def link(d: str, p: str, at: int) -> None:
        if (d, p) not in linked:
            linked.add((d, p))
            doc.relations.append(Relation(f"legal_document:{d}", "approves", f"program:{p}",
                                          doc.sentence_at(at)))

    text = doc.text
    for p in programs:
        sentence = doc.sentence_at(p.start)
        before = [d for d in documents if sentence.start <= d.start and d.end <= p.start]
        after = [d for d in documents if p.end <= d.start < sentence.end]
        if before:
            d = before[-1]
            between = text[d.end : p.start]
            cue = between.rstrip(" “\"‘'")
            decision = doc.entities[("legal_document", d.key)].props.get("doc_type") in \
                lex.decision_types
            if (len(between) <= 160 and not doc.mentions_in(d.end, p.start, "program")
                    and (lex.approve_before.search(cue)
                         or (decision and lex.approve_before_decision.search(cue)))):
                link(d.key, p.key, p.start)
                continue
        if after:
            d = after[0]
            between = text[p.end : d.start]
            if (len(between) <= 120 and not doc.mentions_in(p.end, d.start, "program")
                    and (lex.approve_after.search(between) or _CITED_AFTER.match(between))):
                link(d.key, p.key, p.start)
                continue
        m = re.fullmatch(r"\S+(?:\s+\S+)?\s+(\d{1,4})", text[p.start : p.end])
        if m:  # "Đề án 468": the decision numbered 468
            hits = [e.key for e in doc.of_kind("legal_document")
                    if _number(e.name) == m.group(1).lstrip("0")]
            if len(hits) == 1:
                link(hits[0], p.key, p.start)
    # a decision whose subject is "phê duyệt <program>" (its number's subject, kept by legal)
    for ent in doc.of_kind("legal_document"):
        subject = ent.props.get("title") or ""
        if not subject.startswith(("phê duyệt", "về phê duyệt", "về việc phê duyệt")):
            continue
        for span in ent.spans:
            for p in programs:
                if 0 <= p.start - span[1] <= 160 and "phê duyệt" in text[span[1] : p.start]:
                    link(ent.key, p.key, p.start)
                    break
