"""Numbers as Vietnamese text writes them, for the figures and targets claims state.

Vietnamese uses "." to group thousands and "," for decimals: 1.390.531.489 giao dịch, 90,66%.
Ratios count places or units: 63/63 địa phương. Numbers that are part of a name or a code are
not figures: COVID-19, 468/QĐ-TTg, F-16. A figure is what the number measures: the
words right after it ("74.521 Tổ CNSCĐ") or, for a percentage, before it ("tỷ lệ … đạt 53,77%").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NUMBER = re.compile(
    r"(?<![\w.,/-])(?P<num>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)"
    r"(?:/(?P<of>\d+))?\s*(?P<unit>%|phần trăm|tỷ đồng|triệu đồng|nghìn tỷ đồng|tỷ USD|triệu USD|"
    r"USD|đồng|tỷ|triệu|nghìn|bậc|lần)?(?![\w/-])"
)
_YEAR = re.compile(r"(?:đến|vào|trong|tới)\s+năm\s+((?:19|20)\d\d)|năm\s+((?:19|20)\d\d)")
_DATE_BEFORE = re.compile(r"(?:năm|ngày|tháng|/)\s*$")
_MEASURE_AFTER = re.compile(r"\s*([^\s,;.()]+(?:\s+[^\s,;.()]+){0,3})")
_MEASURE_BEFORE = re.compile(
    r"([^,;.]{3,60}?)\s*(?:đạt|là|chiếm|lên|tăng|giảm)?\s*(?:khoảng\s+)?$"
)
_MULTIPLIERS = {"tỷ": 1e9, "triệu": 1e6, "nghìn": 1e3}


@dataclass(frozen=True)
class Figure:
    value: float
    unit: str | None
    measure: str | None
    start: int
    end: int
    of: float | None = None


def parse_number(text: str) -> float | None:
    """1.390.531.489 → 1390531489; 90,66 → 90.66; "12" → 12. None if it is no number."""
    text = text.strip()
    if not re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?", text):
        return None
    return float(text.replace(".", "").replace(",", "."))


def figures(text: str) -> list[Figure]:
    """The figures in `text`: numbers with units or ratios, and what they measure."""
    out = []
    for m in NUMBER.finditer(text):
        value = parse_number(m.group("num"))
        if value is None:
            continue
        unit = m.group("unit")
        of = float(m.group("of")) if m.group("of") else None
        before = text[max(0, m.start() - 12) : m.start()]
        if _DATE_BEFORE.search(before) or (1900 <= value <= 2100 and not unit):
            continue  # a date or a year, not a figure
        if not unit and of is None and value < 10 and "," not in m.group("num"):
            continue  # small counts ("6 chủ thể") are words, not figures
        after = _MEASURE_AFTER.match(text, m.end())
        measure = after.group(1) if after and unit != "%" else None
        if unit == "%":
            # What is measured lies after the last ",", ";" or ".": search from there only.
            clause = max(text.rfind(c, 0, m.start()) for c in ",;.") + 1
            lead = _MEASURE_BEFORE.search(text[clause : m.start()])
            measure = lead.group(1).strip() if lead else None
        if unit in _MULTIPLIERS:
            value *= _MULTIPLIERS[unit]
        out.append(Figure(value, unit, measure, m.start(), m.end(), of))
    return out


def target_year(text: str) -> int | None:
    """The year a target is set for ("đến năm 2025"), if the text gives one."""
    m = _YEAR.search(text)
    if not m:
        return None
    return int(m.group(1) or m.group(2))
