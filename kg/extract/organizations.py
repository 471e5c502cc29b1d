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
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from kg.doc import Doc
from kg.extract.places import main_place
from kg.gazetteer import CAP, Gazetteer, gazetteer
from kg.normalize import fold

_TOKEN = re.compile(r"\s*([^\s,;:.()\[\]“”\"'‘’!?…/]+)")
_ACRONYM = re.compile(r"^[A-ZĐ0-9&\-]{2,}$")
_CREDIT_BEFORE = re.compile(r"(?:Ảnh|Ảnh minh họa|Nguồn|Video|Clip|Đồ họa)\s*:\s*\(?\s*$")
_LOWER_UNIT = re.compile(r"\s+(?:huyện|quận|xã|phường|thị xã|thị trấn|TP|thành phố|Tp)\b")
_PARENT_GAP = re.compile(r"^\s*(?:,|-|–|\(|thuộc|trực thuộc)\s*$")
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
        if len(toks) > 12:
            break
    if not toks:
        return None
    first = toks[0][0]
    # "Bộ Y tế": a one-letter capital word is a name word when a lowercase word follows.
    one_letter = len(first) == 1 and first.isupper() and len(toks) > 1 and toks[1][0].islower()
    if not (_is_cap(first) or one_letter):
        return None
    school = head in ("Trường", "Trường Đại học", "Đại học", "Quỹ", "Giải")
    proper = head in gaz.proper_name_heads

    def person_at(k: int) -> bool:
        """A person's full name starts at token k (a body's name stops before it)."""
        caps = [t for t, _s, _e in toks[k : k + 3] if re.fullmatch(CAP, t)]
        return not school and toks[k][0] in gaz.common_surnames and len(caps) == 3

    if person_at(0):
        return None
    end = toks[0][2]
    i, taken = 1, 1
    while i < len(toks) and taken < 9:
        tok = toks[i][0]
        nxt = toks[i + 1][0] if i + 1 < len(toks) else ""
        low = tok.lower()
        if proper and tok == low:
            # A company's name is capitalized words, with at most two lowercase words between
            # them ("Tập đoàn Bưu chính Viễn thông Việt Nam"), or a company form ("cổ phần").
            words = next((w for w in gaz.company_words if text.startswith(w, toks[i][1])), None)
            n = len(words.split()) if words else next(
                (k for k in (1, 2) if i + k < len(toks) and _is_cap(toks[i + k][0])
                 and all(t[0] == t[0].lower() and t[0] not in gaz.org_stop
                         for t in toks[i : i + k])),
                0,
            )
            if not n:
                break
            end, i, taken = toks[i + n - 1][2], i + n, taken + n
            continue
        if tok == low and (
            f"{low} {nxt}" in gaz.org_stop or (low in gaz.org_stop and tok not in gaz.org_joiners)
        ):
            break
        if tok in gaz.org_joiners or tok in ("-", "–", "&"):
            if nxt and _is_cap(nxt):
                i += 1
                continue
            break
        if gaz.title_re.match(text, toks[i][1]) or tok.isdigit() or person_at(i):
            break
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
        end = toks[i][2]
        taken += 1
        i += 1
    return end


def _national(doc: Doc, gaz: Gazetteer, start: int, end: int) -> list[_Found]:
    out = []
    for m in gaz.body_re.finditer(doc.text, start, end):
        bid = gaz.body_id(m.group(0))
        if bid is None or doc.text.startswith((" bộ", " ủy", " viên"), m.end()):
            continue
        after = tuple(" " + w for w in gaz.not_body_after.get(m.group(0), []))
        if after and doc.text.startswith(after, m.end()):
            continue
        if gaz.country_re.match(doc.text, m.end() + 1) and doc.text[m.end() : m.end() + 1] == " ":
            continue  # "Chính phủ Mỹ", "Quốc hội Ai Cập": another country's body
        if _credit_context(doc, m.start(), m.end()):
            continue
        body = gaz.bodies[bid]
        out.append(
            _Found(m.start(), m.end(), bid, body.name, {m.group(0), *body.aliases},
                   body.type, body.parent, props=dict(body.props))
        )
    # "Bộ trưởng Thông tin và Truyền thông": the ministry named by its field after a title.
    for m in gaz.ministry_field_re.finditer(doc.text, start, end):
        before = doc.text[max(start, m.start() - 12) : m.start()]
        if not re.search(r"(?:Bộ trưởng|Thứ trưởng)\s+$", before):
            continue
        bid = gaz.ministry_fields[m.group(0)]
        body = gaz.bodies[bid]
        out.append(_Found(m.start(), m.end(), bid, body.name, set(body.aliases), body.type,
                          body.parent, props=dict(body.props)))
    return out


def _credit_context(doc: Doc, start: int, end: int) -> bool:
    """A body named as a photo credit or a source ("Ảnh: TTXVN", "TTXVN/Tin Tức",
    "Chí Dũng/Công an TPHCM", "VOV-Trung tâm Tin")."""
    return bool(
        _CREDIT_BEFORE.search(doc.text, max(0, start - 25), start)
        or re.match(r"/[A-ZĐ]", doc.text[end : end + 2])
        or re.search(r"(?:\w/|[A-Z]{2,}-)$", doc.text[max(0, start - 8) : start])
    )


def _provincial(doc: Doc, gaz: Gazetteer, start: int, end: int, home: str | None) -> list[_Found]:
    out = []
    generic = gaz.org_generic_before_re
    for m in gaz.template_re.finditer(doc.text, start, end):
        if generic.search(doc.text, max(0, m.start() - 14), m.start()):
            continue
        if not m.group("place") and (
            _LOWER_UNIT.match(doc.text, m.end())
            or m.group("unit") and re.match(r"\s+[A-ZĐ]", doc.text[m.end() : m.end() + 3])
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
        party = tpl.type == "party_body" and head.endswith(("ủy", "uỷ"))
        name = f"{head} {prov.name}" if party else f"{head} {unit} {prov.name}"
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


def _pattern(doc: Doc, gaz: Gazetteer, start: int, end: int, taken: list[_Found]) -> list[_Found]:
    out: list[_Found] = []
    heads = gaz.org_head_re
    not_after = gaz.org_not_after_re
    generic = gaz.org_generic_before_re
    place_before = gaz.place_words_before_re
    spans = sorted((f.start, f.end) for f in taken)
    starts = [a for a, _b in spans]
    for m in heads.finditer(doc.text, start, end):
        k = bisect_right(starts, m.start()) - 1
        if k >= 0 and spans[k][1] > m.start() or out and out[-1].end > m.start():
            continue
        if not_after.match(doc.text, m.start()) or generic.search(
            doc.text, max(0, m.start() - 14), m.start()
        ) or place_before.search(doc.text, max(0, m.start() - 12), m.start()):
            continue
        prev = re.search(r"(\S+) $", doc.text[max(0, m.start() - 12) : m.start()])
        if prev and prev.group(1) in gaz.surnames and m.group(0) in ("Bộ", "Vụ", "Viện", "Hội"):
            continue  # "Lê Bộ Lĩnh": a word of a person's name
        stop = _generic_end(doc.text, m.end(), end, gaz, m.group(0))
        if stop is None:
            continue
        # A known body inside stops the name there ("Ban Cán sự đảng Bộ Nội vụ" keeps both).
        surface = doc.text[m.start() : stop]
        canonical = gaz.expand(surface)
        out.append(
            _Found(m.start(), stop, fold(canonical), canonical, {surface, canonical},
                   gaz.org_heads[m.group(0)], generic=True)
        )
    # Within an article one body keeps one extent: "Bộ Y tế nhân kỷ niệm…" is "Bộ Y tế" when the
    # article names "Bộ Y tế" alone elsewhere.
    names = {f.name for f in out}
    for f in out:
        for other in names:
            if other != f.name and f.name.startswith(other + " ") and len(other) > 4:
                f.end = f.start + len(other) if doc.text[f.start : f.start + len(other)] == other \
                    else f.end
                if f.end - f.start == len(other):
                    f.name, f.key, f.aliases = other, fold(other), {other}
    return out


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


def extract(doc: Doc) -> None:
    gaz = gazetteer()
    home = main_place(doc)
    found: list[_Found] = []
    for start, end in doc.blocks:
        block: list[_Found] = _national(doc, gaz, start, end)
        for f in _provincial(doc, gaz, start, end, home):
            if not any(g.start < f.end and f.start < g.end for g in block):
                block.append(f)
        block += _pattern(doc, gaz, start, end, block)
        found += block
    _link_parents(doc, found)
    countries = [m for m in doc.mentions if m.kind == "country"]
    found = [
        f for f in found
        if not any(c.start < f.end and f.start < c.end and c.start <= f.start for c in countries)
        and not _credit_context(doc, f.start, f.end)
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
