"""Legal and administrative documents, by their number and symbol.

Every numbering form of Vietnamese practice: 146/QĐ-TTg, 42/2022/NĐ-CP, 17/NQ-CP,
08/2017/TT-BYT, 2390/BTTTT-THH (an official letter: the symbol starts with the issuer),
52-NQ/TW (party documents), 20/2023/QH15 (laws). The symbol says the type (`QĐ` → Quyết định)
and the issuer (`TTg` → Thủ tướng Chính phủ, `CP` → Chính phủ, `BYT` → Bộ Y tế; codes in
`data/lexicon/legal.json` and the gazetteer). The signing date is read when the text gives it
right after the number ("ngày 8/01/2022", "ngày 24 tháng 6 năm 2022"), and the subject from
"về việc…", "phê duyệt…", "quy định…".

Short references ("Nghị định 42", "Đề án 468", "Quyết định số 146") are the same document
when the article cites it in full; a document cited without a number is not a document here.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache

from kg.doc import Doc
from kg.extract.organizations import add_reference
from kg.extract.places import main_place
from kg.gazetteer import Gazetteer, finditer_at, gazetteer

_UP = "A-ZĐƯƠÂĂÊÔ"  # capitals that start a symbol's part: TƯ is the Party Central Committee
_SYM = rf"[{_UP}][A-Za-z{_UP}đươâăêô0-9&]*"
NUMBER = re.compile(
    rf"(?<![\w/.-])(?<!\d:)(?:(?P<party>\d{{1,5}})-(?P<ptype>[{_UP}]{{2,5}})/(?P<pissuer>{_SYM})"
    rf"|(?P<dn>\d{{1,5}})-(?P<dyear>(?:19|20)\d\d)/(?P<dsym>{_SYM}(?:[-–]{_SYM}){{0,3}})"
    rf"|(?P<n>\d{{1,5}}[a-z]?)\s?/\s?(?:(?P<year>(?:19|20)\d\d)\s?/\s?)?"
    rf"(?P<sym>{_SYM}(?:\s?[-–]\s?{_SYM}){{0,3}}))(?![\w/])"
)
#: Where a document number can begin: a digit run (not inside a word, a date or another
#: number) followed by a hyphen or a slash. Found first, so that `NUMBER`, whose look-behind
#: would make `re` try every position, is tried only there.
_NUMBER_START = re.compile(r"\d(?<![\w/.-].)\d{0,4}(?:-|[a-z]?\s?/)")
_SPACED_ISSUER = re.compile(r" ([A-ZĐ][A-Za-zĐ]{1,9})(?![\w/-])")
_DATE_NUMERIC = re.compile(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*((?:19|20)\d\d)")
_DATE_WORDS = re.compile(r"(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*((?:19|20)\d\d)")
_DATE_AFTER = re.compile(
    r"^\s*,?\s*(?:do\s+\S+(?:\s+\S+){0,4}\s+)?(?:ban hành|ký)?\s*(?:vào\s+)?ngày\s+"
)
_DAY_MONTH = re.compile(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})(?![\d/.-])")
#: a date earlier in the sentence that says when the document was issued: "Ngày 25/1/2021, … đã
#: có Báo cáo số …", "trưa nay (30/4), UBND tỉnh … ban hành Công điện số …"
_DATE_BEFORE = re.compile(
    r"(?<!\w)(?:[Nn]gày\s+|\()(\d{1,2}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*(?:19|20)\d\d)?)\)?"
    r"(?P<between>[^.;“”\"]{0,160}?)\s*$"
)
_ISSUING = re.compile(r"\b(?:ban hành|ký|có|ra|gửi|phát hành)\b")
_SUBJECT = re.compile(
    r"^(?:\s*(?:ngày|của|do)\b[^,;.“\"]{0,80}?)?\s*,?\s*"
    r"(?P<subject>(?:về việc|về|phê duyệt|quy định|ban hành|hướng dẫn|sửa đổi|bổ sung)\s.+)"
)


def normalize_number(raw: str) -> str:
    """The document number as written, with normal spacing: "146 / QĐ - TTg" → "146/QĐ-TTg"."""
    out = re.sub(r"\s+", "", raw).replace("–", "-").replace("\u00d0", "Đ")
    return out


def document_key(number: str) -> str:
    """The identity of a document across articles: its number, spacing and case folded, and the
    Party's two spellings of its Central Committee (52-NQ/TƯ, 52-NQ/TW) made one."""
    return re.sub(r"TƯ\b", "TW", normalize_number(number).upper())


def parse_date(text: str, published: str | None = None) -> str | None:
    """An ISO date from "8/01/2022", "24-6-2022" or "24 tháng 6 năm 2022"; None if invalid.

    With the article's publication date, a day and month alone ("ngày 29/4") take the year that
    puts them on or before it: news reports documents already signed.
    """
    m = _DATE_NUMERIC.match(text) or _DATE_WORDS.match(text)
    if m:
        d, mo, y = (int(g) for g in m.groups())
    elif published and (m := _DAY_MONTH.match(text)):
        d, mo = (int(g) for g in m.groups())
        y = int(published[:4])
        if (mo, d) > (int(published[5:7]), int(published[8:10])):
            y -= 1
    else:
        return None
    try:
        return date(y, mo, d).isoformat()
    except ValueError:
        return None


def _published(doc: Doc) -> str | None:
    when = doc.article.date
    return when if when and re.fullmatch(r"\d{4}-\d\d-\d\d.*", when) else None


def _date_before(doc: Doc, pos: int) -> str | None:
    """The issuing date stated earlier in the number's sentence, when an issuing verb (ban
    hành, ký, có…) stands between it and the number and nothing else is dated or numbered."""
    sentence = doc.sentence_at(pos)
    m = _DATE_BEFORE.search(doc.text, sentence.start, pos)
    if not m or not _ISSUING.search(m.group("between")) or re.search(r"\d", m.group("between")):
        return None
    return parse_date(m.group(1), _published(doc))


#: Technical regulations and standards: "QCVN 16:2014/BXD", "TCVN 5574:2018".
STANDARD = re.compile(
    r"(?<!\w)(?P<kind>QCVN|TCVN)\s+(?P<n>\d{1,5}(?:-\d{1,3})?)\s*:\s*(?P<year>(?:19|20)\d\d)"
    r"(?:\s*/\s*(?P<issuer>[A-ZĐ][A-Za-zĐ]{1,9}))?(?![\w/])"
)
#: A signing date stated right before the number: "Quyết định ngày 3/6/2020 số 749/QĐ-TTg".
_DATE_RIGHT_BEFORE = re.compile(
    r"(?<!\w)ngày\s+(\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*(?:19|20)\d\d"
    r"|\d{1,2}\s*tháng\s*\d{1,2}\s*năm\s*(?:19|20)\d\d)\s*,?\s*(?:số\s*)?$"
)


def _parts(m: re.Match[str]) -> list[str]:
    if m.group("party"):
        return [m.group("ptype"), m.group("pissuer")]
    if m.group("dn"):  # "19-2017/NQ-CP": the year after a hyphen
        return [p.strip() for p in re.split(r"[-–]", m.group("dsym"))]
    return [p.strip() for p in re.split(r"[-–]", m.group("sym"))]


def _classify(
    parts: list[str], gaz: Gazetteer, named_type: str | None = None
) -> tuple[str | None, str | None]:
    """(type, issuer code) from the symbol's parts, or (None, None) when it is no document.

    A symbol whose codes kg does not know ("6683/STNMT-VP", a provincial department's letter) is
    still a document when the text names its type right before it ("Công văn số …"): the type is
    that word's and the issuer stays unknown rather than guessed.
    """
    head = re.sub(r"\d+$", "", parts[0])
    if head in gaz.doc_types:
        issuer = re.sub(r"\d+$", "", parts[-1]) if len(parts) > 1 else head
        return gaz.doc_types[head], issuer
    if head in gaz.issuer_codes or head in gaz.body_by_code or head == "UBND":
        return "Công văn", head  # an official letter: 2390/BTTTT-THH
    if named_type and len(parts) > 1 and all(p[:1].isupper() for p in parts):
        return named_type, None
    return None, None


@cache
def _type_word_with_number(words: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)({alternatives})\s+số\s*$", re.IGNORECASE)


def _named_type(before: str, gaz: Gazetteer) -> str | None:
    """The type a text names right before a number, "công văn số" → "Công văn"; else None."""
    m = _type_word_with_number(tuple(gaz.doc_type_words)).search(before)
    if not m:
        return None
    word = m.group(1).lower()
    return next(w for w in gaz.doc_type_words if w.lower() == word)


def _issuer(code: str | None, doc: Doc, gaz: Gazetteer) -> str | None:
    if not code:
        return None
    if code in gaz.issuer_codes:
        return gaz.issuer_codes[code]
    if code in gaz.body_by_code:
        return gaz.body_by_code[code]
    if code == "UBND":
        place = main_place(doc)
        return f"ubnd:{place}" if place else None
    return None


def extract(doc: Doc) -> None:
    gaz = gazetteer()
    found: dict[str, str] = {}  # key → number
    for start, end in doc.blocks:
        for m in finditer_at(_NUMBER_START, NUMBER, doc.text, start, end):
            parts = _parts(m)
            before = doc.text[max(start, m.start() - 40) : m.start()]
            tw = gaz.doc_type_word_end_re.search(before)
            named = _named_type(before, gaz)
            doc_type, code = _classify(parts, gaz, named)
            if doc_type is None:
                continue
            number = normalize_number(m.group(0))
            stop = m.end()
            gap = _SPACED_ISSUER.match(doc.text, m.end(), end)
            if len(parts) == 1 and gap and _issuer(gap.group(1), doc, gaz):
                # "1177/QĐ BGDĐT": the dash left out
                number, stop, code = f"{number}-{gap.group(1)}", gap.end(), gap.group(1)
            key = document_key(number)
            if tw and tw.group(1) in ("Luật", "Pháp lệnh", "Nghị quyết", "Thông tư liên tịch"):
                doc_type = tw.group(1)
            after = doc.text[stop : min(end, stop + 400)]
            when = None
            dm = _DATE_AFTER.match(after)
            if dm:
                when = parse_date(after[dm.end() :], _published(doc))
            if when is None:
                right = _DATE_RIGHT_BEFORE.search(before)
                when = parse_date(right.group(1), _published(doc)) if right else None
            if when is None:
                when = _date_before(doc, m.start())
            subject = _subject(after)
            issuer = _issuer(code, doc, gaz)
            doc.add_entity(
                "legal_document", key, number, number=number, doc_type=doc_type, date=when,
                issuer=issuer, title=subject,
            )
            doc.mention("legal_document", key, m.start(), stop)
            found[key] = number
            if issuer and ("organization", issuer) not in doc.entities:
                add_reference(doc, gaz, issuer)
    _standards(doc, gaz)
    _short_references(doc, gaz, found)


def _standards(doc: Doc, gaz: Gazetteer) -> None:
    """Technical regulations and standards, "QCVN 16:2014/BXD": a number, a year after a
    colon and the issuing ministry's code."""
    kinds = gaz.standard_types
    for start, end in doc.blocks:
        if doc.text.find("CVN", start, end) < 0:
            continue
        for m in STANDARD.finditer(doc.text, start, end):
            number = f"{m.group('kind')} {m.group('n')}:{m.group('year')}"
            if m.group("issuer"):
                number += f"/{m.group('issuer')}"
            key = document_key(number)
            issuer = _issuer(m.group("issuer"), doc, gaz)
            doc.add_entity("legal_document", key, number, number=number,
                           doc_type=kinds[m.group("kind")], issuer=issuer,
                           title=_subject(doc.text[m.end() : min(end, m.end() + 400)]))
            doc.mention("legal_document", key, m.start(), m.end())
            if issuer and ("organization", issuer) not in doc.entities:
                add_reference(doc, gaz, issuer)


def _subject(after: str) -> str | None:
    m = _SUBJECT.match(after)
    if not m:
        return None
    text = m.group("subject")
    # The subject ends at the end of the sentence or clause, but a quoted name runs to its close.
    out, depth = [], 0
    for ch in text:
        if ch in "“":
            depth += 1
        elif ch in "”":
            depth = max(0, depth - 1)
        elif depth == 0 and ch in ";.(\n":
            break
        out.append(ch)
    subject = "".join(out).strip(" ,")
    return subject[:300] or None


def _short_references(doc: Doc, gaz: Gazetteer, found: dict[str, str]) -> None:
    pat = gaz.short_reference_re
    for start, end in doc.blocks:
        for m in pat.finditer(doc.text, start, end):
            code = gaz.doc_type_words[m.group("word")]
            hits = [
                k for k, num in found.items()
                if num.split("/")[0].split("-")[0] == m.group("n")
                and (code in k.upper() or m.group("word") == "Đề án")
            ]
            if len(hits) == 1:
                doc.mention("legal_document", hits[0], m.start(), m.end())
