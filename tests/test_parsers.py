"""Property-based tests of the number, date and document-number parsers."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.extract.legal import NUMBER, document_key, normalize_number, parse_date
from kg.extract.numbers import figures, parse_number


def vietnamese_grouping(n: int) -> str:
    """12345678 → "12.345.678", as Vietnamese text writes it."""
    return f"{n:,}".replace(",", ".")


@given(st.integers(min_value=0, max_value=10**12))
def test_grouped_integers_round_trip(n):
    assert parse_number(vietnamese_grouping(n)) == n


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=0, max_value=99))
def test_decimal_comma(whole, cents):
    text = f"{vietnamese_grouping(whole)},{cents:02d}"
    assert parse_number(text) == float(f"{whole}.{cents:02d}")


@given(st.text(alphabet="abcxyzđ ,.-", min_size=1))
def test_non_numbers_are_none(text):
    assert parse_number(text) is None


@given(st.integers(min_value=1, max_value=100), st.integers(min_value=0, max_value=99))
def test_percent_figures(whole, cents):
    (f,) = figures(f"tỷ lệ hồ sơ trực tuyến đạt {whole},{cents:02d}%")
    assert f.unit == "%" and abs(f.value - (whole + cents / 100)) < 1e-9


@given(st.dates(min_value=date(1945, 1, 1), max_value=date(2099, 12, 31)))
def test_dates_in_every_form(d):
    forms = [
        f"{d.day}/{d.month}/{d.year}",
        f"{d.day:02d}/{d.month:02d}/{d.year}",
        f"{d.day}-{d.month}-{d.year}",
        f"{d.day} tháng {d.month} năm {d.year}",
    ]
    for text in forms:
        assert parse_date(text) == d.isoformat()


@given(st.integers(min_value=1, max_value=12), st.integers(min_value=32, max_value=99))
def test_impossible_dates_are_none(month, day):
    assert parse_date(f"{day}/{month}/2022") is None


symbols = st.sampled_from(["QĐ-TTg", "NĐ-CP", "NQ-CP", "TT-BYT", "CT-TTg", "QĐ-UBND", "BTTTT-THH"])


@given(st.integers(min_value=1, max_value=9999), st.one_of(st.none(), st.integers(1990, 2030)),
       symbols, st.sampled_from(["", " "]))
def test_document_numbers(n, year, symbol, space):
    written = f"{n}{space}/{space}{year}{space}/{space}{symbol}" if year else f"{n}/{symbol}"
    m = NUMBER.search(f"theo văn bản số {written} của cơ quan")
    assert m is not None
    number = normalize_number(m.group(0))
    assert " " not in number and number.startswith(f"{n}/")
    assert document_key(number) == document_key(number.lower().upper())


@given(st.integers(min_value=1, max_value=31), st.integers(min_value=1, max_value=12))
def test_day_month_is_not_a_document(day, month):
    assert NUMBER.search(f"ngày {day}/{month} vừa qua") is None


@pytest.mark.parametrize(
    "text",
    ["Đại dịch COVID-19 là thách thức lớn.", "Triển khai Quyết định 468/QĐ-TTg của Thủ tướng.",
     "Máy bay F-16 hạ cánh an toàn."],
)
def test_numbers_inside_names_and_codes_are_not_figures(text):
    assert figures(text) == []


def test_a_figure_next_to_a_code_is_still_a_figure():
    (fig,) = figures("Sau Quyết định 468/QĐ-TTg, 63/63 địa phương đã hoàn thành.")
    assert (fig.value, fig.of, fig.measure) == (63, 63, "địa phương đã hoàn")
