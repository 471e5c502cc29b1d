"""Relations between documents, programs and bodies (sentences written for these tests)."""

from __future__ import annotations

import pytest

from kg.doc import Article
from kg.pipeline import build_doc


def relations(text: str) -> set[tuple[str, str, str]]:
    doc = build_doc(Article("t", text))
    return {(r.subject, r.predicate, r.object) for r in doc.relations}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nghị định 13/2023/NĐ-CP thay thế Nghị định 52/2013/NĐ-CP về bảo vệ dữ liệu.",
         ("legal_document:13/2023/NĐ-CP", "replaces", "legal_document:52/2013/NĐ-CP")),
        ("Quyết định 749/QĐ-TTg được thay thế bởi Quyết định 1234/QĐ-TTg.",
         ("legal_document:1234/QĐ-TTG", "replaces", "legal_document:749/QĐ-TTG")),
        ("Chính phủ ban hành Nghị định 91/2020/NĐ-CP sửa đổi, bổ sung một số điều của Nghị định "
         "25/2014/NĐ-CP.",
         ("legal_document:91/2020/NĐ-CP", "amends", "legal_document:25/2014/NĐ-CP")),
        ("Thông tư 01/2021/TT-BTTTT hướng dẫn Nghị định 47/2020/NĐ-CP.",
         ("legal_document:01/2021/TT-BTTTT", "implements", "legal_document:47/2020/NĐ-CP")),
        ("UBND tỉnh Quảng Ninh ban hành Kế hoạch số 125/KH-UBND triển khai Quyết định "
         "749/QĐ-TTg của Thủ tướng.",
         ("legal_document:125/KH-UBND", "implements", "legal_document:749/QĐ-TTG")),
        ("Bộ Thông tin và Truyền thông chủ trì thực hiện Chương trình Chuyển đổi số quốc gia.",
         ("program:chương trình chuyển đổi số quốc gia", "implementedBy", "organization:bo-tttt")),
        ("Thủ tướng ban hành Quyết định số 749/QĐ-TTg phê duyệt Chương trình Chuyển đổi số quốc "
         "gia, giao Bộ Thông tin và Truyền thông chủ trì triển khai.",
         ("program:chương trình chuyển đổi số quốc gia", "implementedBy", "organization:bo-tttt")),
    ],
)
def test_stated_relations(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in relations(text)


def test_no_cue_no_relation() -> None:
    found = relations(
        "Hội thảo bàn về Nghị định 13/2023/NĐ-CP và Nghị định 52/2013/NĐ-CP. "
        "Bộ Thông tin và Truyền thông đã nhắc tới Chương trình Chuyển đổi số quốc gia."
    )
    assert not {r for r in found if r[1] in ("amends", "replaces", "implements", "implementedBy")}


def test_a_body_that_issues_a_plan_does_not_carry_out_the_decision_the_plan_implements() -> None:
    found = relations("UBND tỉnh Quảng Ninh ban hành Kế hoạch số 125/KH-UBND triển khai Quyết "
                      "định 749/QĐ-TTg của Thủ tướng.")
    assert not any(r[1] == "implementedBy" for r in found)


@pytest.mark.parametrize(
    "text",
    [
        "Các huyện tiếp tục thực hiện Thông báo số 203-TB/TU ngày 28/4/2021 và thực hiện nghiêm "
        "Công điện số 02/CĐ-UBND của UBND tỉnh.",
        "Thực hiện Chỉ thị số 01-CT/TW của Bộ Chính trị, Hướng dẫn số 03-HD/BTGTW của Ban Tuyên "
        "giáo Trung ương, tỉnh tổ chức hội nghị.",
    ],
)
def test_lists_of_documents_are_not_relations(text: str) -> None:
    assert not {r for r in relations(text) if r[1] in ("amends", "replaces", "implements")}
