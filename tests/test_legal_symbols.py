"""Document numbers whose symbols go beyond the known codes (sentences written for these tests)."""

from __future__ import annotations

from kg.doc import Article
from kg.pipeline import build_doc


def documents(text: str) -> dict[str, dict]:
    doc = build_doc(Article("t", text))
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
