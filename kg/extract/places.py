"""Places: Vietnam's provinces and centrally-run cities, by any of their names.

Both maps are in the gazetteer (the 63 units before 1 July 2025 and the 34 after), so an old
name ("Hà Giang") is found as itself and linked to the province it was merged into. A
province's name inside a body's name counts ("Sở Y tế Hà Nội" → Hà Nội); a street or a
district of the same name does not ("đường Lê Lợi", "huyện Hòa Bình").
"""

from __future__ import annotations

import re

from kg.doc import Doc
from kg.gazetteer import gazetteer

_NOT_A_PROVINCE_BEFORE = re.compile(
    r"(?:đường|(?<!thành )phố|quận|huyện|phường|xã|thị xã|thị trấn|sông|cầu|làng|thôn|ấp|bản"
    r"|ngõ|hẻm"
    r"|Đường|Phố|Quận|Huyện|Phường|Xã|Bác|Chủ tịch|tư tưởng|Tư tưởng|Lăng|lăng|Hồ Chủ tịch)\s+$"
)


def extract(doc: Doc) -> None:
    gaz = gazetteer()
    for start, end in doc.blocks:
        for m in gaz.place_re.finditer(doc.text, start, end):
            if _NOT_A_PROVINCE_BEFORE.search(doc.text, max(0, m.start() - 14), m.start()):
                continue
            pid = gaz.place_id(m.group(0))
            if pid is None:
                continue
            prov = gaz.provinces[pid]
            doc.add_entity(
                "place",
                pid,
                prov.name,
                aliases=[m.group(0), *prov.aliases],
                code=prov.code,
                merged_into=prov.merged_into,
                province_type=prov.type,
            )
            doc.mention("place", pid, m.start(), m.end())
        # Countries are recorded as mentions only: a foreign official's title names one
        # ("Tổng thống nước Cộng hòa Estonia"); positions turn it into an entity when it is used.
        for m in gaz.countries_in(doc.text, start, end):
            doc.mention("country", gaz.country_by_label[m.group(0)], m.start(), m.end())


def main_place(doc: Doc) -> str | None:
    """The province an article is mostly about: the most mentioned one, if any."""
    counts: dict[str, int] = {}
    for m in doc.mentions_of("place"):
        counts[m.key] = counts.get(m.key, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else None
