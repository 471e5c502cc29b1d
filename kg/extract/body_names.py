"""Bodies no gazetteer can list, found by the shape of their names (used by `organizations`).

- Local bodies of districts, towns and communes: a body word, a unit word and the unit's
  capitalized name ("UBND thị xã Vĩnh Châu", "Đảng ủy phường Bắc Sơn", "UBND TP Thủ Đức",
  "Liên đoàn Lao động huyện Hậu Lộc", "TAND huyện Quan Hóa"), or a district committee and its
  name ("Thị ủy Bỉm Sơn", the Youth Union's "Huyện đoàn Quan Sơn"). Each gets its full name
  ("Ủy ban nhân dân thị xã Vĩnh Châu") and the abbreviated forms as aliases. The same district
  name exists in many provinces, so the key carries the article's province.
- Bodies named by what they do, in lowercase words after the head ("Ban Chỉ đạo phòng, chống
  dịch Covid-19 thành phố Hà Nội", "Ban tổ chức giải thưởng", "Hội đồng sáng lập VINASA"): the
  name runs to a stop word, a title, a person's name or a place, which ends it. With a place
  it is that province's body; "quốc gia" / "Trung ương" make it the country's.

Word lists: `descriptive_heads`, `national_words`, `local_bodies`, `local_units` and
`local_party_committees` in `data/lexicon/org_heads.json`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from kg import DATA_DIR
from kg.gazetteer import (
    CAP,
    WORD_BEFORE,
    WORD_END,
    WORD_START,
    Gazetteer,
    alternation,
    finditer_at,
)
from kg.normalize import fold

#: A word of a descriptive name; a comma only inside "phòng, chống".
_DESC_TOKEN = re.compile(r"[ ]?(,(?= chống)|[^\s,;:.()\[\]“”\"'‘’!?…/]+)")
_UNIT = re.compile(r"(?:của\s+)?(?P<unit>tỉnh|thành phố|TP\.?|Tp\.?)(?=[\s,.;:)]|$)\s*")
_PERSON = re.compile(rf"{CAP} {CAP} {CAP}")
_MAX_WORDS = 12
_LOCAL_UNIT_NAME = re.compile(rf"(?:huyện|quận|thị xã|xã|phường|thị trấn) {CAP}(?: {CAP}){{0,2}}")


@dataclass
class Named:
    """A body found by its name's shape: where, its key, full name, aliases and type."""

    start: int
    end: int
    key: str
    name: str
    aliases: set[str] = field(default_factory=set)
    type: str | None = None


@cache
def lists() -> dict[str, Any]:
    """`data/lexicon/org_heads.json` as it is (its dicts too, which `wordlists` keeps not)."""
    path = DATA_DIR.joinpath("lexicon", "org_heads.json")
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def _descriptive_re() -> re.Pattern[str]:
    return re.compile(alternation(list(lists()["descriptive_heads"])))


@cache
def _local_re() -> re.Pattern[str]:
    data = lists()
    # "phường Mỹ Đình 2": a ward's name may end with its number
    number = r" \d{1,2}(?![\d/.,]\d| (?:ngày|tháng|năm|giờ|lần|người|nhà|hộ)\b)"
    name = rf"(?:{CAP}|\d+)(?: {CAP}){{0,5}}(?:{number})?"
    units = alternation(data["local_units"], bounded=False)
    return re.compile(
        rf"{WORD_START}(?:(?:(?P<body>{alternation(list(data['local_bodies']), bounded=False)})"
        rf"|(?P<title>{alternation(list(data['local_title_bodies']), bounded=False)})"
        rf"(?=\s+(?:{units})\s))"
        rf"(?:\s+(?P<unit>{units}))?\s+(?P<name>{name})"
        rf"|(?P<party>{alternation(data['local_party_committees'], bounded=False)})"
        rf"\s+(?P<pname>{CAP}(?: {CAP}){{0,3}})){WORD_END}"
    )


@cache
def _local_start_re() -> re.Pattern[str]:
    """Where `_local_re` may match: the first words of its three kinds of body."""
    data = lists()
    heads = [*data["local_bodies"], *data["local_title_bodies"], *data["local_party_committees"]]
    return re.compile(alternation(heads, bounded=False, not_after=WORD_BEFORE))


def _unit_word(unit: str) -> str:
    unit = unit.rstrip(".")
    return "thành phố" if unit in ("TP", "Tp") else unit.lower()


def _place_name(gaz: Gazetteer, words: list[str], city_home: bool) -> list[str]:
    """The unit's name, cut before a person's name, a title or a province inside it.

    In a centrally-run city's article "UBND TP" is the city's own committee, so three words
    after it are a person's name ("Phó Chủ tịch UBND TP Chử Xuân Dũng")."""
    text = " ".join(words)
    if words[0] in gaz.surnames and _PERSON.match(text):
        return []  # "UBND TP Chử Xuân Dũng": the city's body, then a person
    for k in range(1, len(words)):
        rest = " ".join(words[k:])
        if (
            words[k] in gaz.surnames and _PERSON.match(rest)
            or gaz.title_re.match(rest)
            # "… Ông Nguyễn Văn": a person after the name; not "Hai Bà Trưng", "Cầu Ông Lãnh"
            or words[k] in gaz.honorifics and k + 2 < len(words)
        ):
            return words[:k]
    for k in range(1, len(words)):
        rest = " ".join(words[k:])
        if words[k] in gaz.common_surnames and k + 1 < len(words) or gaz.place_re.match(rest):
            return words[:k]  # "Thủ Đức Hoàng Tùng": a two-word name; "… Hà Nội"
    words = words[:3]  # a unit's name has one to three words
    return [] if city_home and len(words) >= 3 else words


def local_bodies(text: str, start: int, end: int, gaz: Gazetteer, home: str | None) -> list[Named]:
    """Bodies of districts, towns and communes in text[start:end].

    Also a title's unit ("Bí thư phường Bắc Sơn": the Đảng ủy phường Bắc Sơn) and a body named
    without its unit when the article names the unit elsewhere ("UBND Ngọc Trạo" after
    "phường Ngọc Trạo")."""
    data = lists()
    out: list[Named] = []
    suffix = f"@{home}" if home else ""
    for m in finditer_at(_local_start_re(), _local_re(), text, start, end):
        if out and m.start() < out[-1].end:
            continue
        if m.group("party"):
            words, unit = m.group("pname").split(" "), None
        elif m.group("title") and not m.group("unit"):
            continue  # "Chủ tịch Nguyễn …": a title and a name
        else:
            words = m.group("name").split(" ")
            unit = _unit_word(m.group("unit")) if m.group("unit") else _unit_of(text, words[0])
            if unit is None:
                continue  # "UBND Nguyễn …", a name the article never gives a unit
        city = unit == "thành phố" and home is not None and gaz.provinces[home].type == "thành phố"
        words = _place_name(gaz, words, city)
        if not words or gaz.place_re.fullmatch(" ".join(words)):
            continue  # "UBND TP Hà Nội": a province's body (the provincial templates)
        place = " ".join(words)
        begin = m.start("unit") if m.group("title") and m.group("unit") else m.start()
        stop = text.index(place, m.start("name") if m.group("name") else m.start("pname"))
        stop += len(place)
        surface = text[begin:stop]
        if m.group("party"):
            name = f"{m.group('party')} {place}"
            kind = data.get("local_committee_types", {}).get(m.group("party"), "party_body")
            out.append(Named(begin, stop, fold(name) + suffix, name, {surface}, kind))
            continue
        title = m.group("title")
        label = data["local_title_bodies"][title] if title else m.group("body")
        if label == "Đảng ủy" and unit in data["party_by_unit"]:
            name = f"{data['party_by_unit'][unit]} {place}"
            out.append(Named(begin, stop, fold(name) + suffix, name, {surface}, "party_body"))
            continue
        full, kind = data["local_bodies"][label]
        name = f"{full} {unit} {place}"
        labels = {k for k, (v, _t) in data["local_bodies"].items() if v == full}
        aliases = {surface} | {f"{lb} {unit} {place}" for lb in labels}
        if unit == "thành phố":
            aliases |= {f"{lb} TP {place}" for lb in labels}
        if not m.group("unit"):
            aliases |= {f"{lb} {place}" for lb in labels}
        out.append(Named(begin, stop, fold(name) + suffix, name, aliases, kind))
    return out


def _unit_of(text: str, first: str) -> str | None:
    """The unit word the article writes before a place whose name starts with `first`."""
    m = re.search(rf"(?<!\w)({alternation(lists()['local_units'], bounded=False)})\s+{first}\b",
                  text)
    return _unit_word(m.group(1)) if m else None


def _descriptive_end(
    text: str, pos: int, limit: int, gaz: Gazetteer, objects: list[str] | None = None
) -> tuple[int, int, str | None, bool]:
    """Where a descriptive name starting at `pos` ends: (end, end of the words before its
    place, the place's province id, whether a unit word without a province ends it).
    `objects`: the lowercase words the name must go on with, if any."""
    end, n, p = pos, 0, pos
    if objects is not None and text[pos : pos + 2].strip()[:1].islower() and not any(
        text.startswith(" " + o, pos) and not text[pos + len(o) + 1 : pos + len(o) + 2].isalpha()
        for o in objects
    ):
        return pos, pos, None, False  # "Ban tổ chức cung cấp…": the head alone
    while n < _MAX_WORDS:
        m = _DESC_TOKEN.match(text, p, limit)
        if m is None:
            break
        tok, at = m.group(1), m.start(1)
        if tok == ",":
            p = m.end()
            continue
        local = _LOCAL_UNIT_NAME.match(text, at, limit)
        if local:  # "Bệnh viện đa khoa huyện Kiến Thụy": a district's, the name ends
            return local.end(), local.end(), None, False
        unit = _UNIT.match(text, at, limit)
        if unit:
            place = gaz.place_re.match(text, unit.end(), limit)
            if place:
                return place.end(), end, gaz.place_id(place.group(0)), False
            if unit.group("unit") in ("tỉnh", "thành phố"):
                return at + len(unit.group(0).rstrip()), end, None, True
            break
        if tok[0].isupper():
            place = gaz.place_re.match(text, at, limit)
            if place:
                return place.end(), end, gaz.place_id(place.group(0)), False
            if (
                tok in gaz.surnames and _PERSON.match(text, at, limit)
                or gaz.title_re.match(text, at, limit)
                or objects == [] and gaz.org_head_re.match(text, at, limit)
            ):
                break  # "Hội đồng quản trị Ngân hàng …": the company is a body of its own
        elif objects == []:
            break  # "Hội đồng quản trị kiêm…": only capitalized words go on with this name
        else:
            nxt = _DESC_TOKEN.match(text, m.end(), limit)
            pair = f"{tok} {nxt.group(1)}" if nxt else tok
            if tok in gaz.org_stop or pair in gaz.org_stop or tok in gaz.org_joiners:
                break
            if tok.isdigit():
                break
        end, p, n = m.end(), m.end(), n + 1
    return end, end, None, False


def descriptive_bodies(
    text: str, start: int, end: int, gaz: Gazetteer, home: str | None, taken: list[tuple[int, int]]
) -> list[Named]:
    """Committees and boards named by what they do, in text[start:end], outside `taken`."""
    data = lists()
    national = data["national_words"]
    out: list[Named] = []
    for m in _descriptive_re().finditer(text, start, end):
        if any(a <= m.start() < b for a, b in taken) or out and out[-1].end > m.start():
            continue
        if gaz.org_generic_before_re.search(text, max(start, m.start() - 14), m.start()):
            continue  # "các Ban chỉ đạo": not one body
        stop, desc_end, pid, bare_unit = _descriptive_end(
            text, m.end(), end, gaz, data["descriptive_objects"].get(m.group(0))
        )
        desc = text[m.start() : desc_end].strip()
        surface = text[m.start() : stop]
        if pid is None and bare_unit and not any(w in desc for w in national):
            pid = home  # "Ban Chỉ đạo … của tỉnh": the article's province
        if pid is not None and pid in gaz.provinces:
            prov = gaz.provinces[pid]
            unit = "thành phố" if prov.type == "thành phố" else "tỉnh"
            name = f"{desc} {unit} {prov.name}"
            aliases = {surface, f"{desc} {prov.name}", name}
        else:
            name, aliases = surface, {surface}
        # "Trưởng phòng Phòng, chống tệ nạn xã hội": the title's head begins the body's name
        name = name[:1].upper() + name[1:]
        kind = data["descriptive_heads"][m.group(0)]
        out.append(Named(m.start(), stop, fold(name.replace(",", "")), name, aliases, kind))
    return out
