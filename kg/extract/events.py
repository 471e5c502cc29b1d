"""Events: meetings, conferences and forums, with their date, chair and participants.

"Ngày 30/6, Bộ trưởng Nguyễn Mạnh Hùng đã chủ trì Hội nghị sơ kết…": an event named by its
head word (Hội nghị, Hội thảo, Diễn đàn, Phiên họp, Tọa đàm, Đại hội…) and what follows up to
the end of its name; the date from the sentence ("ngày 18/5", the year from the article's
date when the text leaves it out); the person or body that chairs it (chủ trì); the bodies the
sentence says took part (với sự tham dự của…). An event is one node per article.
"""

from __future__ import annotations

import re
from datetime import date

from kg.doc import Doc, Evidence, Relation
from kg.gazetteer import alternation
from kg.normalize import fold

_HEAD_WORDS = ["Hội nghị", "Hội thảo", "Diễn đàn", "Phiên họp", "Tọa đàm", "Đại hội", "Lễ",
               "Cuộc họp", "Hội chợ", "Triển lãm", "Tập huấn – Tọa đàm", "Tập huấn - Tọa đàm"]
_HEAD = re.compile(
    "(?P<head>" + alternation(_HEAD_WORDS, bounded=False, not_after=r"\w") + r")(?!\w)"
)
_NAME_END = re.compile(
    r"[,;.:()“”\"]|\s(?:do|với|tại|vào|nhằm|để|và đã|và đang|đã|đang|được|có sự|là|sẽ|diễn ra)\s"
)
_NOT_A_NAME = re.compile(r"\s(?:được|đã|đang|sẽ|là|này|đó|diễn ra|lần thứ|năm nay)(?!\w)")
_QUOTED_NAME = re.compile(r"^\s*:?\s*[“\"]([^”\"]{5,200})[”\"]")
_DAY = re.compile(r"(?<!\w)[Nn]gày\s+(\d{1,2})\s*/\s*(\d{1,2})(?:\s*/\s*((?:19|20)\d\d))?")
_CHAIR = re.compile(r"\bchủ trì\b")
_JOIN = re.compile(r"(?:với sự tham dự của|có sự tham gia của|tham dự có)")


def _event_date(text: str, article_date: str | None) -> str | None:
    m = _DAY.search(text)
    if not m:
        return None
    year = int(m.group(3)) if m.group(3) else (int(article_date[:4]) if article_date else None)
    if year is None:
        return None
    try:
        return date(year, int(m.group(2)), int(m.group(1))).isoformat()
    except ValueError:
        return None


def extract(doc: Doc) -> None:
    for s, e in doc.sentences:
        for m in _HEAD.finditer(doc.text, s, e):
            rest = doc.text[m.end() : e]
            if rest[:1] not in (" ", ":") or _NOT_A_NAME.match(rest):
                continue
            quoted = _QUOTED_NAME.match(rest)
            if quoted:
                name_end = m.end() + quoted.end()
                name = f"{m.group('head')} “{quoted.group(1)}”"
            else:
                stop = _NAME_END.search(rest, 1)
                name_end = m.end() + (stop.start() if stop else len(rest))
                name = doc.text[m.start() : name_end].strip()
            if len(name.split()) < 3:
                continue
            key = f"{doc.id}/{fold(name)}"
            doc.add_entity("event", key, name, date=_event_date(doc.text[s:e], doc.article.date))
            doc.mention("event", key, m.start(), name_end)
            ev = doc.sentence_at(m.start())
            _chair(doc, key, s, m.start(), ev)
            _participants(doc, key, name_end, e, ev)


def _chair(doc: Doc, key: str, s: int, pos: int, ev: Evidence) -> None:
    """"X [đã] chủ trì <event>" or "<event> do X chủ trì"."""
    before = doc.text[s:pos]
    chair = _CHAIR.search(before)
    if not chair or pos - (s + chair.end()) > 12:
        return
    people = [
        m for m in doc.mentions_in(s, s + chair.start(), "person", "organization") if m.start >= s
    ]
    persons = [m for m in people if m.kind == "person"]
    who = (persons or people)[-1:] if people else []
    for m in who:
        doc.relations.append(Relation(f"event:{key}", "chairedBy", f"{m.kind}:{m.key}", ev))


def _participants(doc: Doc, key: str, start: int, end: int, ev: Evidence) -> None:
    join = _JOIN.search(doc.text, start, end)
    if not join:
        return
    for m in doc.mentions_in(join.end(), end, "organization"):
        if m.start >= join.end():
            rel = Relation(f"event:{key}", "participant", f"organization:{m.key}", ev)
            doc.relations.append(rel)
