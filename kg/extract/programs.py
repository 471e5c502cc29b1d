"""Programs: the Chương trình, Đề án, Chiến lược and Kế hoạch that decisions approve.

A program is named in quotes ("Đề án “Nâng cao nhận thức…”") or by a name that says it is
national ("Chương trình CĐS quốc gia"). The canonical name has abbreviations written out and
the horizon taken off ("đến năm 2025, định hướng đến năm 2030" → horizon 2025, vision 2030),
so "Chương trình Chuyển đổi số quốc gia" and "Chương trình CĐS quốc gia đến năm 2025" are one
program. A program named in a decision's subject ("phê duyệt Đề án …") is what it approves.
"""

from __future__ import annotations

import re

from kg.doc import Doc, Relation
from kg.gazetteer import gazetteer
from kg.normalize import fold

_HORIZON = re.compile(
    r"[,\s]*(?:giai đoạn\s+(?P<from>(?:19|20)\d\d)\s*[-–]\s*(?P<to>(?:19|20)\d\d))?"
    r"[,\s]*(?:đến năm\s+(?P<h>(?:19|20)\d\d))?"
    r"[,\s]*(?:(?:và\s+)?(?:định hướng|tầm nhìn)\s+(?:đến\s+)?(?:năm\s+)?(?P<v>(?:19|20)\d\d))?\s*$"
)
_QUOTED = "“\"'‘"
_CLOSE = {"“": "”", '"': '"', "'": "'", "‘": "’"}
_UNQUOTED = re.compile(
    r"\s+(?P<name>(?:[^\s,;.()“”\"]+\s+){0,7}?quốc gia"
    r"(?:\s+(?:giai đoạn\s+\d{4}\s*[-–]\s*\d{4}|đến năm\s+\d{4}))?(?:,\s*(?:định hướng|tầm nhìn)"
    r"\s+(?:đến\s+)?năm\s+\d{4})?)"
)


def canonical(kind: str, name: str) -> tuple[str, dict[str, int]]:
    """("Chương trình Chuyển đổi số quốc gia", {"horizonYear": 2025, …}) from a raw name."""
    gaz = gazetteer()
    name = gaz.expand(name.strip(" ,.:;"))
    years: dict[str, int] = {}
    m = _HORIZON.search(name)
    if m and m.group(0).strip(" ,"):
        for group, prop in (("h", "horizonYear"), ("v", "visionYear"), ("to", "horizonYear")):
            if m.group(group) and prop not in years:
                years[prop] = int(m.group(group))
        if m.group("from"):
            years["startYear"] = int(m.group("from"))
        name = name[: m.start()].strip(" ,")
    if name:
        name = name[0].upper() + name[1:]
    return f"{kind} {name}", years


def extract(doc: Doc) -> None:
    gaz = gazetteer()
    kinds = gaz.program_kind_re
    for start, end in doc.blocks:
        for m in kinds.finditer(doc.text, start, end):
            rest = doc.text[m.end() : end]
            raw, stop = None, None
            q = re.match(r"\s*([“\"'‘])", rest)
            if q:
                close = rest.find(_CLOSE[q.group(1)], q.end())
                if 0 < close - q.end() < 300:
                    raw, stop = rest[q.end() : close], m.end() + close + 1
            else:
                u = _UNQUOTED.match(rest)
                if u:
                    raw, stop = u.group("name"), m.end() + u.end()
            if not raw or len(raw.split()) < 2:
                continue
            name, years = canonical(m.group(0), raw)
            key = fold(name)
            surface = doc.text[m.start() : stop].replace("“", "").replace("”", "")
            doc.add_entity("program", key, name, aliases=[surface.strip()], program_type=m.group(0),
                           **years)
            doc.mention("program", key, m.start(), stop)
    _approvals(doc)


def _approvals(doc: Doc) -> None:
    """A decision whose subject is "phê duyệt <program>" approves that program."""
    programs = doc.mentions_of("program")
    for ent in doc.of_kind("legal_document"):
        subject = ent.props.get("title") or ""
        if not subject.startswith(("phê duyệt", "về phê duyệt", "về việc phê duyệt")):
            continue
        for span in ent.spans:
            for p in programs:
                if 0 <= p.start - span[1] <= 120 and "phê duyệt" in doc.text[span[1] : p.start]:
                    doc.relations.append(
                        Relation(f"legal_document:{ent.key}", "approves", f"program:{p.key}",
                                 doc.sentence_at(p.start))
                    )
                    break
