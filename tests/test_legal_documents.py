"""Document numbers and their dates beyond the common forms (sentences written for these tests)."""

from __future__ import annotations

from kg.doc import Article
from kg.pipeline import build_doc


def documents(text: str, published: str | None = None) -> dict[str, dict]:
    doc = build_doc(Article("t", text, date=published))
    return {e.name: e.props for e in doc.of_kind("legal_document")}


def test_party_symbols_with_vietnamese_capitals_are_one_document_with_tw():
    docs = documents(
        "Tỉnh triển khai Nghị quyết số 57-NQ/TƯ ngày 22/12/2024 của Bộ Chính trị. "
        "Sau đó, Nghị quyết 57-NQ/TW tiếp tục được nhắc lại."
    )
    assert list(docs) == ["57-NQ/TƯ"]
    assert docs["57-NQ/TƯ"]["issuer"] == "ban-chap-hanh-trung-uong"
    assert docs["57-NQ/TƯ"]["date"] == "2024-12-22"


def test_letter_with_an_unknown_issuer_code_is_a_document_when_named_as_one():
    docs = documents("Sở Nội vụ đã gửi công văn số 235/SNV-CCVC tới các huyện.")
    assert docs == {"235/SNV-CCVC": {"number": "235/SNV-CCVC", "doc_type": "Công văn"}}


def test_unknown_codes_without_a_type_word_are_not_documents():
    assert documents("Mã sản phẩm 2097/2020/XNQC-ATTP in trên nhãn.") == {}
    assert documents("Đội bóng thắng 3/2 trước SHB-ĐN trong trận đấu.") == {}


def test_day_and_month_take_the_year_of_the_article():
    text = "UBND tỉnh Hà Nam ban hành Quyết định số 512/QĐ-UBND ngày 3/5 về việc cách ly."
    assert documents(text, "2021-05-04")["512/QĐ-UBND"]["date"] == "2021-05-03"
    # a day after the article's date was in the year before
    assert documents(text, "2021-01-10")["512/QĐ-UBND"]["date"] == "2020-05-03"
    assert "date" not in documents(text)["512/QĐ-UBND"]  # no year to be had


def test_a_date_stated_before_the_issuing_verb_is_the_signing_date():
    docs = documents(
        "Ngày 12/3/2021, sau khi rà soát, Thanh tra tỉnh Nghệ An đã có Báo cáo số 48/BC-TTr "
        "gửi UBND tỉnh. Sáng nay (4/5), UBND tỉnh Nghệ An ban hành Công điện số 7/CĐ-UBND.",
        "2021-05-04",
    )
    assert docs["48/BC-TTr"]["date"] == "2021-03-12"
    assert docs["7/CĐ-UBND"]["date"] == "2021-05-04"


def test_a_date_before_without_an_issuing_verb_is_not_the_signing_date():
    docs = documents("Ngày 12/3/2021, hội nghị bàn về Nghị định 15/2020/NĐ-CP.", "2021-05-04")
    assert "date" not in docs["15/2020/NĐ-CP"]
