"""Relations the text states between documents, programs and the bodies that carry them out.

Within one sentence, and only when a cue word stands between the two mentions:

- document → document: "Nghị định 15/2020/NĐ-CP sửa đổi, bổ sung Nghị định 42/…" (`amends`),
  "… thay thế Quyết định …" (`replaces`; "được thay thế bởi" turns it round), "Thông tư … hướng
  dẫn Nghị định …", "Kế hoạch … triển khai Quyết định …" (`implements`);
- document or program → body: "Bộ TT&TT chủ trì thực hiện Đề án …", "giao Sở TT&TT triển khai
  Kế hoạch …" (`implementedBy`).

The cues are in `data/lexicon/document_relations.json`. A sentence that states no cue gives no
relation: co-occurrence alone is not a relation (that is what `schema:mentions` is for).
"""

from __future__ import annotations

import json
import re
from functools import cache

from kg import DATA_DIR
from kg.doc import Doc, Mention, Relation

_DOCS = ("legal_document", "program")
_MAX_GAP = 120  # characters between the subject's end and the object's start
#: "Thông báo A … và tiếp tục thực hiện Công điện B": the cue's subject is someone else
_CONJUNCTION = re.compile(r"(?<!\w)(?:và|cùng|hoặc|đồng thời)(?!\w)")


@cache
def _cues() -> dict:
    data = json.loads((DATA_DIR / "lexicon" / "document_relations.json").read_text("utf-8"))

    def pattern(words: list[str]) -> re.Pattern[str]:
        alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        # case-sensitive: a capitalized "Hướng dẫn số …" is the next document's type, not a cue
        return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")

    return {
        "between": [(p, pattern(ws)) for p, ws in data["between_documents"].items()],
        "replaced_by": pattern(data["replaced_by"]),
        "in_charge": pattern(data["body_in_charge"]),
        "assigned": pattern(data["assigned"]),
    }


def _ref(m: Mention) -> str:
    return f"{m.kind}:{m.key}"


def _gap(doc: Doc, a: Mention, b: Mention) -> str | None:
    """The text between two mentions in one sentence, or None when too far or crossing one."""
    if not 0 <= b.start - a.end <= _MAX_GAP:
        return None
    gap = doc.text[a.end : b.start]
    return None if re.search(r"[.;!?\n]", gap) else gap


def extract(doc: Doc) -> None:
    cues = _cues()
    found: set[tuple[str, str, str]] = set()

    def add(subject: Mention, predicate: str, obj: Mention) -> None:
        triple = (_ref(subject), predicate, _ref(obj))
        if triple[0] != triple[2] and triple not in found:
            found.add(triple)
            doc.relations.append(Relation(*triple, doc.sentence_at(subject.start)))

    docs = doc.mentions_of(*_DOCS)
    bodies = doc.mentions_of("organization")

    def crosses_a_document(start: int, end: int) -> bool:
        return any(start <= d.start and d.end <= end for d in docs)

    for i, a in enumerate(docs):
        for b in docs[i + 1 :]:
            gap = _gap(doc, a, b)
            if gap is None:
                continue
            if a.kind != "legal_document" and b.kind != "legal_document":
                continue
            if cues["replaced_by"].search(gap):
                add(b, "replaces", a)
                continue
            for predicate, cue in cues["between"]:
                # the cue must follow the subject closely: "Nghị định A sửa đổi Nghị định B",
                # not "Nghị định A ra đời trước khi … sửa đổi …"
                m = cue.search(gap)
                if (m and len(gap[: m.start()].split()) <= 6
                        and not _CONJUNCTION.search(gap[: m.start()])
                        and not re.fullmatch(r"\s*(?:số\s*)?", gap[m.end() :])):
                    if predicate == "implements" or a.kind == "legal_document":
                        add(a, predicate, b)
                    break
    for body in bodies:
        for d in docs:
            if d.start > body.end:
                gap = _gap(doc, body, d)  # "Bộ X chủ trì thực hiện Đề án …"
                if (gap and cues["in_charge"].search(gap) and len(gap.split()) <= 10
                        and not crosses_a_document(body.end, d.start)):
                    add(d, "implementedBy", body)
            else:
                # "Quyết định … giao Bộ X chủ trì …": the body is assigned the document
                gap = _gap(doc, d, body)
                if gap is not None and cues["assigned"].search(gap[-20:]):
                    after = doc.text[body.end : body.end + 40]
                    if cues["in_charge"].match(after.lstrip(" ,")):
                        add(d, "implementedBy", body)
