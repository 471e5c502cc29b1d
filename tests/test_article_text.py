"""What counts as the article's text: links to other articles written into a paragraph are left
out for every extractor (our own sentences)."""

from __future__ import annotations

from kg.doc import Article
from kg.normalize import normalize


def blocks(text: str) -> list[str]:
    doc = normalize(Article("t", text))
    return [doc.text[s:e] for s, e in doc.blocks]


def test_a_headline_in_square_brackets_is_cut_out():
    got = blocks("Tiêu đề\nTòa án cho biết sẽ xét lại vụ việc.  [Chính phủ nước X lùi ngày áp "
                 "dụng lệnh cấm mới]  Các thẩm phán sẽ họp vào tháng sau. [Ghi chú] ngắn.")
    assert got == ["Tiêu đề", "Tòa án cho biết sẽ xét lại vụ việc.",
                   "Các thẩm phán sẽ họp vào tháng sau. [Ghi chú] ngắn."]


def test_an_inline_related_news_marker_cuts_the_paragraph():
    got = blocks("Tiêu đề\nBàn thắng của tiền đạo Minh | 10:00 08/02/2017 Tin liên quan Nóng: "
                 "Câu lạc bộ X muốn bán tiền đạo Y\nĐội Z thắng đậm đội W\nĐoạn cuối bài.")
    assert got == ["Tiêu đề", "Bàn thắng của tiền đạo Minh | 10:00 08/02/2017", "Đoạn cuối bài."]


def test_one_headline_after_xem_them_and_the_article_goes_on():
    got = blocks("Tiêu đề\nXe mới có giá cao. >> Xem thêm: Mẫu xe điện mới ra mắt ở Thái Lan  "
                 "Bên cạnh đó, giá xăng giảm.\nĐoạn hai.")
    assert got == ["Tiêu đề", "Xe mới có giá cao.", "Bên cạnh đó, giá xăng giảm.", "Đoạn hai."]
    # run into the text: the headline ends with the first sentence
    got = blocks("Tiêu đề\nBệnh nhân đã ổn định. Xem thêm: Ăn quả hồng khi đói có hại Từ ca "
                 "này, bác sĩ khuyên như vậy. Người già nên cẩn thận.")
    assert got == ["Tiêu đề", "Bệnh nhân đã ổn định.", "Người già nên cẩn thận."]
