"""Each extractor on sentences written for these tests (public facts, our own words)."""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata

import pytest

from kg.doc import Article, Doc
from kg.pipeline import build_doc


def doc_of(text: str, doc_id: str = "t") -> Doc:
    return build_doc(Article(doc_id, text))


def names(doc: Doc, kind: str) -> set[str]:
    return {e.name for e in doc.of_kind(kind)}


def roles(doc: Doc) -> set[tuple[str, str, str | None, bool]]:
    people = {e.key: e.name for e in doc.of_kind("person")}
    return {(people[m.person], m.role, m.org, m.former) for m in doc.memberships}


# -- people and positions -----------------------------------------------------------------


def test_title_body_name():
    doc = doc_of("Chiều 12/3, Bộ trưởng Bộ Y tế Đào Hồng Lan làm việc với lãnh đạo tỉnh Nghệ An.")
    assert names(doc, "person") == {"Đào Hồng Lan"}
    assert ("Đào Hồng Lan", "Bộ trưởng", "bo-y-te", False) in roles(doc)
    assert "Nghệ An" in names(doc, "place")


def test_name_then_title_and_provincial_body():
    doc = doc_of(
        "Ông Nguyễn Văn Thắng, Phó Chủ tịch UBND tỉnh Quảng Ninh, cho biết tỉnh sẽ số hóa "
        "toàn bộ hồ sơ hành chính trong năm nay."
    )
    assert names(doc, "person") == {"Nguyễn Văn Thắng"}
    assert ("Nguyễn Văn Thắng", "Phó Chủ tịch", "ubnd:quang-ninh", False) in roles(doc)
    ubnd = doc.entities[("organization", "ubnd:quang-ninh")]
    assert "UBND tỉnh Quảng Ninh" in ubnd.alt_labels | {ubnd.name}


def test_list_of_deputies_shares_the_title_and_the_ministry():
    doc = doc_of(
        "Buổi làm việc có Bộ trưởng Bộ TT&TT Nguyễn Mạnh Hùng và các Thứ trưởng Phan Tâm, "
        "Phạm Đức Long và Nguyễn Huy Dũng."
    )
    got = roles(doc)
    for deputy in ("Phạm Đức Long", "Nguyễn Huy Dũng", "Phan Tâm"):
        assert (deputy, "Thứ trưởng", "bo-tttt", False) in got


def test_former_title_is_marked_and_left_out_of_the_role():
    doc = doc_of("Phát biểu tại buổi lễ, nguyên Bộ trưởng Bộ Tài chính Đinh Tiến Dũng chúc mừng.")
    assert ("Đinh Tiến Dũng", "Bộ trưởng", "bo-tc", True) in roles(doc)


def test_short_name_resolves_to_the_full_name():
    doc = doc_of(
        "Thứ trưởng Nguyễn Huy Dũng dự hội thảo sáng nay. Theo Thứ trưởng Dũng, dữ liệu là tài "
        "nguyên quan trọng của nền kinh tế số."
    )
    assert names(doc, "person") == {"Nguyễn Huy Dũng"}
    assert [c.speaker for c in doc.claims] == ["nguyễn huy dũng"]


def test_streets_schools_and_bylines_are_not_people():
    doc = doc_of(
        "Trụ sở mới nằm trên đường Lê Lợi, gần Trường THPT Lê Quý Đôn.\nTheo Minh Anh"
    )
    assert names(doc, "person") == set()
    assert "Minh Anh" in doc.credits


def test_namesakes_in_different_provinces_are_two_people():
    a = doc_of("Ông Trần Văn Nam, Giám đốc Sở Y tế tỉnh Bình Dương, kiểm tra bệnh viện.", "a")
    b = doc_of("Ông Trần Văn Nam, Chủ tịch UBND tỉnh Hà Giang, tiếp đoàn công tác.", "b")
    (pa,) = a.of_kind("person")
    (pb,) = b.of_kind("person")
    assert pa.name == pb.name and pa.key != pb.key


def test_same_national_official_is_one_node_across_articles():
    a = doc_of("Bộ trưởng Bộ TT&TT Nguyễn Mạnh Hùng phát biểu khai mạc hội nghị.", "a")
    b = doc_of("Ông Nguyễn Mạnh Hùng thăm một doanh nghiệp công nghệ.", "b")
    assert a.of_kind("person")[0].key == b.of_kind("person")[0].key


# -- organizations and places ---------------------------------------------------------------


def test_abbreviations_are_one_body():
    doc = doc_of("Bộ Thông tin và Truyền thông (Bộ TT&TT) phối hợp với Bộ TTTT địa phương.")
    bodies = [e for e in doc.of_kind("organization") if e.key == "bo-tttt"]
    assert len(bodies) == 1 and {"Bộ TT&TT", "Bộ TTTT"} <= bodies[0].alt_labels


def test_agency_under_its_ministry():
    doc = doc_of("Theo ông Trần Quý Tường, Cục trưởng Cục CNTT, Bộ Y tế, việc này đã xong.")
    (cuc,) = [e for e in doc.of_kind("organization") if e.name.startswith("Cục")]
    assert cuc.props["parent"] == "bo-y-te"
    assert cuc.name == "Cục Công nghệ thông tin" and "Cục CNTT" in cuc.alt_labels


@pytest.mark.parametrize(
    "variant",
    [
        "Uỷ ban nhân dân tỉnh Quảng Ninh họp phiên thường kỳ.",
        unicodedata.normalize("NFD", "Ủy ban nhân dân tỉnh Quảng Ninh họp phiên thường kỳ."),
        "Ủy ban nhân dân tỉnh\u00a0Quảng Ninh họp phiên thường kỳ.",
    ],
)
def test_spelling_variants_are_the_same_body(variant):
    doc = doc_of(variant)
    assert ("organization", "ubnd:quang-ninh") in doc.entities


def test_old_province_names_and_aliases():
    doc = doc_of("Đoàn công tác đến Hà Giang rồi về TP.HCM trong tuần.")
    places = {e.key: e for e in doc.of_kind("place")}
    assert places["ha-giang"].props.get("merged_into") == "tuyen-quang"
    assert "ho-chi-minh" in places


def test_generic_groups_are_not_bodies():
    doc = doc_of("Các bộ, ngành và các Sở TT&TT cần phối hợp chặt chẽ.")
    assert names(doc, "organization") == set()


# -- legal documents and programs -----------------------------------------------------------


def test_decision_with_date_issuer_and_program():
    doc = doc_of(
        "Thủ tướng Chính phủ đã ký Quyết định số 749/QĐ-TTg ngày 3/6/2020 phê duyệt Chương "
        "trình Chuyển đổi số quốc gia đến năm 2025, tầm nhìn đến năm 2030."
    )
    d = doc.entities[("legal_document", "749/QĐ-TTG")]
    assert d.props["date"] == "2020-06-03"
    assert d.props["issuer"] == "thu-tuong" and d.props["doc_type"] == "Quyết định"
    (prog,) = doc.of_kind("program")
    assert prog.name == "Chương trình Chuyển đổi số quốc gia"
    assert prog.props["horizonYear"] == 2025 and prog.props["visionYear"] == 2030
    assert any(r.predicate == "approves" for r in doc.relations)


def test_every_numbering_form():
    doc = doc_of(
        "Nghị định 42/2022/NĐ-CP ngày 24 tháng 6 năm 2022 của Chính phủ, Nghị quyết 52-NQ/TW, "
        "Thông tư 08/2017/TT-BYT, Công văn 2390/BTTTT-THH và Luật Giao dịch điện tử số "
        "20/2023/QH15 đều được nhắc tới. Nghị định 42 có hiệu lực ngay."
    )
    docs = {e.name: e for e in doc.of_kind("legal_document")}
    assert set(docs) == {"42/2022/NĐ-CP", "52-NQ/TW", "08/2017/TT-BYT", "2390/BTTTT-THH",
                         "20/2023/QH15"}
    assert docs["42/2022/NĐ-CP"].props["date"] == "2022-06-24"
    assert docs["42/2022/NĐ-CP"].props["issuer"] == "chinh-phu"
    assert docs["2390/BTTTT-THH"].props["doc_type"] == "Công văn"
    assert docs["20/2023/QH15"].props["doc_type"] == "Luật"
    # the short reference is a second mention of the same document
    assert len(docs["42/2022/NĐ-CP"].spans) == 2


def test_dates_and_ratios_are_not_documents():
    doc = doc_of("Đến ngày 18/6/2023, 63/63 địa phương đã hoàn thành, đạt 24/7.")
    assert doc.of_kind("legal_document") == []


# -- claims -------------------------------------------------------------------------------


def test_quote_closed_by_its_speaker():
    doc = doc_of(
        "Bà Lê Thị Hoa là cán bộ của sở.\n“Chúng tôi sẽ số hóa toàn bộ hồ sơ đất đai trong năm "
        "nay”, bà Hoa nói."
    )
    (c,) = doc.claims
    assert c.speaker == "lê thị hoa" and c.quote
    assert c.text.startswith("Chúng tôi sẽ số hóa")


def test_body_as_speaker_and_generic_speakers():
    doc = doc_of(
        "Bộ TT&TT khẳng định, việc phổ cập kỹ năng số là nhiệm vụ trọng tâm của năm.\n"
        "Các chuyên gia cho rằng, chuyển đổi số cần nhiều thời gian và nguồn lực."
    )
    assert [(c.speaker_kind, c.speaker) for c in doc.claims] == [("organization", "bo-tttt")]


def test_figures_and_targets():
    doc = doc_of(
        "Ông Nguyễn Văn Bình cho biết, tỷ lệ hồ sơ trực tuyến đạt 90,66% với 1.390.531.489 "
        "giao dịch.\nÔng Bình nhấn mạnh, mục tiêu đến năm 2025 là 100% dịch vụ công trực tuyến."
    )
    figure, target = doc.claims
    assert figure.kind == "figure" and figure.props["value"] == pytest.approx(90.66)
    assert figure.props["unit"] == "%"
    assert target.kind == "target" and target.props["targetYear"] == 2025


def test_claim_mentions_and_evidence_offsets():
    text = "Ông Nguyễn Văn Bình cho biết, Sở Y tế Hà Nội sẽ triển khai Nghị định 42/2022/NĐ-CP."
    doc = doc_of(text)
    (c,) = doc.claims
    assert "place:ha-noi" in c.mentions and "legal_document:42/2022/NĐ-CP" in c.mentions
    assert doc.text[c.evidence.start : c.evidence.end] == c.evidence.sentence


# -- precision on news that is not about government (issue 3) ------------------------------


@pytest.mark.parametrize("text", [
    "Vụ va chạm xảy ra tại ngã tư Lê Văn Lương – Nguyễn Thị Định, quận Thanh Xuân.",
    "Mưa lớn gây ngập tại khu vực Phan Đình Phùng – Hoàng Diệu, Quán Thánh (Nguyễn Biểu - "
    "dốc Hàng Than), Trần Nhật Duật.",
    "Các bác sĩ Khoa Hồi sức Tích cực đã cứu sống bệnh nhân.",
    "Chị là quản lý trường mầm non tư thục Hoa Hướng Dương ở quận Cầu Giấy.",
    "Bộ ba HLV The Voice Kids đã có mặt từ sớm.",
])
def test_streets_units_and_shows_are_not_people(text: str) -> None:
    assert names(doc_of(text), "person") == set()


def test_company_and_branch_after_a_title_are_not_people():
    doc = doc_of(
        "Ông Trần Minh Khoa, Chủ tịch Sao Mai Group, và ông Đặng Quốc Việt, Giám đốc điều hành "
        "Grab Việt Nam, cùng dự lễ ký kết."
    )
    assert names(doc, "person") == {"Trần Minh Khoa", "Đặng Quốc Việt"}


def test_headline_word_run_into_a_name_is_cut():
    doc = doc_of(
        "Người mẫu Đỗ Hải Yến đã kết hôn vào tháng trước.\n"
        "Đỗ Hải Yến Chia sẻ về cuộc sống mới, cô cho biết rất hạnh phúc.\n"
        "Ca sĩ Lê Minh Thu Gây bất ngờ với album mới."
    )
    assert names(doc, "person") == {"Đỗ Hải Yến", "Lê Minh Thu"}


def test_middle_name_keeps_a_sentence_word_after_it():
    doc = doc_of("Trong phiên hôm qua, ông Nguyễn Văn Bắc bán ra 2 triệu cổ phiếu.")
    assert names(doc, "person") == {"Nguyễn Văn Bắc"}


def test_foreign_place_before_an_officials_name_is_not_part_of_it():
    doc = doc_of(
        "Thị trưởng London Sadiq Khan kêu gọi người dân bình tĩnh.\n"
        "Thị trưởng Chicago Rahm Emanuel cũng lên tiếng. Ông Rahm Emanuel nói thêm rằng thành "
        "phố sẽ tăng cường an ninh."
    )
    assert names(doc, "person") == {"Sadiq Khan", "Rahm Emanuel"}


def test_foreign_short_names_resolve_to_the_name_in_the_text():
    doc = doc_of(
        "Người phát ngôn Sean Spicer trả lời báo chí sáng nay. Ông Spicer nói rằng cuộc gặp sẽ "
        "diễn ra vào tuần tới.\n"
        "Tổng thống Hàn Quốc Moon Jae-in tới Washington. Ông Moon gặp các nghị sĩ.\n"
        "Cuộc diễn tập có Kim Jong-un thị sát. Ông Kim yêu cầu tăng cường huấn luyện."
    )
    assert names(doc, "person") == {"Sean Spicer", "Moon Jae-in", "Kim Jong-un"}


def test_bylines_and_credits_run_into_the_text_are_not_people():
    doc = doc_of(
        "Tòa án sẽ xem xét lại vụ việc theo yêu cầu của chính quyền./. Lê Thu Hà/VOV-Washington\n"
        "Doanh nghiệp nhỏ vẫn khó tiếp cận tín dụng trong năm nay. Trần Quốc Bình"
    )
    assert names(doc, "person") == set()
    assert {"Lê Thu Hà", "Trần Quốc Bình"} <= set(doc.credits)


def test_body_of_lawyers_is_not_a_person():
    doc = doc_of("Luật sư Nguyễn Văn Hòa, Đoàn Luật sư TP.HCM, cho rằng quy định này chưa rõ.")
    assert names(doc, "person") == {"Nguyễn Văn Hòa"}


def test_foreign_ministry_after_a_title_keeps_its_country():
    doc = doc_of(
        "Thứ trưởng Ngoại giao Mỹ Thomas Shannon cảnh báo về vụ thử.\n"
        "Bộ trưởng Quốc phòng Mỹ Jim Mattis cũng lên tiếng."
    )
    assert names(doc, "person") == {"Thomas Shannon", "Jim Mattis"}
    orgs = names(doc, "organization")
    assert {"Bộ Ngoại giao Mỹ", "Bộ Quốc phòng Mỹ"} <= orgs
    assert "Bộ Ngoại giao" not in orgs and "Bộ Quốc phòng" not in orgs


@pytest.mark.parametrize(("text", "name"), [
    ("Ngân hàng Đầu tư và Phát triển Việt Nam cho doanh nghiệp vay vốn.",
     "Ngân hàng Đầu tư và Phát triển Việt Nam"),
    ("Bộ Ngoại giao Hà Lan cho biết các nghi phạm sẽ bị truy tố.", "Bộ Ngoại giao Hà Lan"),
    ("Báo Tuổi trẻ tổ chức giải chạy cho học sinh.", "Báo Tuổi trẻ"),
    ("Công ty Cho thuê tài chính Sao Việt đã nộp báo cáo.",
     "Công ty Cho thuê tài chính Sao Việt"),
    ("Tổng cục Thủy sản đình chỉ công tác hai cán bộ.", "Tổng cục Thủy sản"),
    ("Văn phòng An ninh Quốc gia tìm ra nguyên nhân sự việc.", "Văn phòng An ninh Quốc gia"),
    ("Phát ngôn viên Bộ Ngoại giao Mỹ Katina Adams tuyên bố sẽ cân nhắc mọi lựa chọn.",
     "Bộ Ngoại giao Mỹ"),
    ("Hiệp hội Bất động sản TP.HCM kiến nghị gỡ vướng cho các dự án.",
     "Hiệp hội Bất động sản TP.HCM"),
])
def test_organization_name_extent(text: str, name: str) -> None:
    doc = doc_of(text)
    orgs = names(doc, "organization")
    assert name in orgs, orgs
    assert not any(o != name and (o.startswith(name) or name.startswith(o)) for o in orgs), orgs


@pytest.mark.parametrize("text", [
    "Hành vi này bị xử lý theo Bộ Luật Hình sự năm 2015.",
    "Bộ Trưởng cho biết sẽ kiểm tra lại toàn bộ hồ sơ.",
    "Công ty TNHH đã nộp hồ sơ từ tháng trước.",
    "Hội chợ diễn ra tại Trung tâm Hội nghị Quốc gia từ ngày 5/6.",
    "Tổng thống họp với các cố vấn tại Phòng Bầu dục.",
])
def test_laws_titles_legal_forms_and_venues_are_not_bodies(text: str) -> None:
    assert names(doc_of(text), "organization") == set()


def test_parent_after_a_dash_is_its_own_body():
    doc = doc_of("Tổng cục Hậu cần - Bộ Công an yêu cầu doanh nghiệp trả lại máy móc.")
    orgs = {e.name: e for e in doc.of_kind("organization")}
    assert "Tổng cục Hậu cần" in orgs and "Bộ Công an" in orgs
    assert orgs["Tổng cục Hậu cần"].props.get("parent") == "bo-cong-an"


def test_two_companies_joined_by_and_stay_two():
    doc = doc_of("Tập đoàn AIC và Tập đoàn Sao Đỏ ký thỏa thuận hợp tác.")
    assert {"Tập đoàn AIC", "Tập đoàn Sao Đỏ"} <= names(doc, "organization")


@pytest.mark.parametrize(
    "text",
    [
        "Hà Nội đón nhiều du khách dịp lễ năm nay.\nLượng khách tăng mạnh.\nThúy Hiền (TTXVN)",
        "Đoạn phim ghi lại cảnh lũ ở miền Trung (nguồn: TTXVN, VTC) được chia sẻ rộng rãi.",
        "Giá xăng tăng nhẹ trong kỳ điều hành này.\nTheo VOV.VN",
        # an outlet as the source of a report, mid-article (CONVENTIONS 5: "Theo tờ X,")
        "Theo VOV.VN, giá xăng sẽ tăng nhẹ trong kỳ điều hành này.",
    ],
)
def test_agency_bylines_and_source_lines_are_not_bodies(text):
    assert names(doc_of(text), "organization") == set()


def test_an_agency_that_acts_in_the_story_is_a_body():
    doc = doc_of("Thông tấn xã Việt Nam (TTXVN) cho biết giá xăng tăng.\n"
                 "Đài Tiếng nói Việt Nam ra mắt kênh phát thanh mới.")
    assert {"Thông tấn xã Việt Nam", "Đài Tiếng nói Việt Nam"} <= names(doc, "organization")


#: Two spellings of one foreign name, of the same length, and a short name after them: which
#: full name "Ông Moon" stands for once depended on the order of a set of strings, i.e. on
#: Python's hash seed, so two runs (or two worker processes) could disagree.
_TWO_SPELLINGS = """Hàn Quốc và Việt Nam mở rộng hợp tác số

Tổng thống Moon Jae In đến Hà Nội hôm thứ Hai. Vài trang tin viết nhầm thành ông Moon Jea In.

Trong lịch trình, Moon Jea In và Moon Jae In được nhắc tới nhiều lần.

Ông Moon cho biết hai nước sẽ cùng xây dựng chính phủ số trong năm tới.
"""


def test_the_graph_of_an_article_does_not_depend_on_the_hash_seed(tmp_path):
    article = tmp_path / "hai-cach-viet.txt"
    article.write_text(_TWO_SPELLINGS, encoding="utf-8")
    code = ("import sys\nfrom kg.read import iter_articles\nfrom kg.parallel import build_article\n"
            "for a in iter_articles([sys.argv[1]]):\n"
            "    sys.stdout.buffer.write(build_article(a, 'h').nquads)\n")
    graphs = set()
    for seed in range(1, 9):
        env = {**os.environ, "PYTHONHASHSEED": str(seed)}
        out = subprocess.run([sys.executable, "-c", code, str(article)], env=env,
                             capture_output=True, check=True).stdout
        graphs.add(b"".join(sorted(out.splitlines(keepends=True))))
    assert len(graphs) == 1
    assert b"/person/moon-jae-in>" in graphs.pop()
