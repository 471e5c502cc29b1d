"""Bodies outside the state apparatus and the posts people hold in them, on sentences written
for these tests (public facts, our own words): foreign bodies named with their country,
companies and clubs acting in a story (not their products), numbered units, generic groups
named alone, names that end before the verb, and business, coaching and foreign titles."""

from __future__ import annotations

import pytest

from kg.doc import Article, Doc
from kg.normalize import fold
from kg.pipeline import build_doc


def doc_of(text: str) -> Doc:
    return build_doc(Article("t", text))


def bodies(doc: Doc) -> dict[str, set[str]]:
    """Each body's name → its name and aliases."""
    return {e.name: {e.name, *e.alt_labels} for e in doc.of_kind("organization")
            if not e.props.get("referenced_only")}


def roles(doc: Doc) -> set[tuple[str, str]]:
    people = {e.key: e.name for e in doc.of_kind("person")}
    return {(people[m.person], m.role) for m in doc.memberships}


def test_another_countrys_body_is_named_with_its_country():
    doc = doc_of("Chính phủ Mỹ và Bộ Quốc phòng Hoa Kỳ cho biết Hải quân Indonesia đã tham gia "
                 "cuộc tập trận chung ở Thái Bình Dương.")
    got = bodies(doc)
    assert {"Chính phủ Mỹ", "Bộ Quốc phòng Hoa Kỳ", "Hải quân Indonesia"} <= set(got)
    # every name of the country is an alias: annotators write "Mỹ" or "Hoa Kỳ"
    assert "Bộ Quốc phòng Mỹ" in got["Bộ Quốc phòng Hoa Kỳ"]
    assert "Chính phủ" not in got  # not Vietnam's Government


def test_companies_act_but_products_are_not_bodies():
    doc = doc_of("Samsung cho biết lợi nhuận quý này tăng mạnh nhờ dòng điện thoại mới.")
    assert "Samsung" in bodies(doc)
    doc = doc_of("Chiếc điện thoại Samsung Galaxy của anh bị rơi khi đang đi xe Toyota trên phố.")
    assert not {"Samsung", "Toyota"} & set(bodies(doc))


def test_clubs_and_coaches():
    doc = doc_of("HLV Thomas Tuchel cho biết Chelsea sẽ gặp Real Madrid ở bán kết Champions "
                 "League vào tuần tới.")
    assert {"Chelsea", "Real Madrid"} <= set(bodies(doc))
    assert ("Thomas Tuchel", "HLV") in roles(doc)


@pytest.mark.parametrize("text, name", [
    ("Sư đoàn 304 tiến vào thị xã lúc rạng sáng.", "Sư đoàn 304"),
    ("Bệnh nhân được chuyển tới Bệnh viện 108 để điều trị.", "Bệnh viện 108"),
    ("Cháu bé được đưa tới Bệnh viện Nhi đồng 1, TP.HCM, để cấp cứu.", "Bệnh viện Nhi đồng 1"),
    ("Trường THPT Văn Giang khai giảng năm học mới vào sáng nay.", "Trường THPT Văn Giang"),
    ("CLB Quảng Nam thắng trận thứ ba liên tiếp trên sân nhà.", "CLB Quảng Nam"),
    # a country's name inside a longer name: a province, a person's, the rest of a bank's
    ("Trường Cao đẳng Lào Cai tuyển thêm 500 sinh viên.", "Trường Cao đẳng Lào Cai"),
    ("Trường ĐH Tôn Đức Thắng công bố điểm chuẩn.", "Trường ĐH Tôn Đức Thắng"),
    ("Ngân hàng TMCP Việt Nam Thương Tín tăng vốn điều lệ.", "Ngân hàng TMCP Việt Nam Thương Tín"),
])
def test_names_end_where_they_end(text, name):
    assert name in bodies(doc_of(text))


def test_generic_groups_named_alone_are_not_bodies():
    doc = doc_of("Ban tổ chức cho biết giải chạy sẽ diễn ra vào tháng sau. Hội đồng quản trị "
                 "đã họp bất thường, còn Hội đồng quản trị Vinamilk thì chưa.")
    got = set(bodies(doc))
    assert "Ban tổ chức" not in got and "Hội đồng quản trị" not in got
    assert "Hội đồng quản trị Vinamilk" in got


@pytest.mark.parametrize("text, person, role", [
    ("Ông Nguyễn Văn An, Thành viên HĐQT Vinamilk, cho biết công ty sẽ chia cổ tức.",
     "Nguyễn Văn An", "Thành viên HĐQT"),
    ("Thượng nghị sĩ Bernie Sanders phát biểu trước Quốc hội Mỹ hôm qua.",
     "Bernie Sanders", "Thượng nghị sĩ"),
    ("CEO Tim Cook của Apple giới thiệu sản phẩm mới tại California.", "Tim Cook", "CEO"),
])
def test_business_and_foreign_titles(text, person, role):
    assert (person, role) in roles(doc_of(text))


def test_an_administration_is_no_acting_president():
    doc = doc_of("Chính quyền Tổng thống Joe Biden cho biết sẽ nối lại các cuộc đàm phán.")
    assert ("Joe Biden", "Tổng thống") in roles(doc)
    assert not any(m.acting for m in doc.memberships)


def test_the_body_of_a_post_named_in_the_clause():
    doc = doc_of("HLV Zidane của Real Madrid cho biết đội sẽ thắng. Chelsea của HLV Thomas Tuchel "
                 "thua trận thứ hai liên tiếp.")
    got = {(m.person, m.role, m.org) for m in doc.memberships}
    assert ("zidane", "HLV", "real-madrid") in got
    assert ("thomas tuchel", "HLV", "chelsea") in got


def test_a_foreign_state_post_is_in_the_country_the_story_is_about():
    doc = doc_of("Tổng thống Joe Biden hôm qua nói về quan hệ với Nga. Mỹ sẽ gửi Đại sứ John "
                 "Sullivan trở lại Moscow. Nhà Trắng cho biết Mỹ muốn đối thoại.")
    got = {(m.person, m.role, m.org, m.org_kind) for m in doc.memberships}
    assert ("joe biden", "Tổng thống", "hoa-ky", "country") in got
    assert ("john sullivan", "Đại sứ", "hoa-ky", "country") in got
    # another country named almost as often: whose post it is, the article does not say
    doc = doc_of("Tổng thống Joe Biden hôm qua nói về quan hệ với Nga và Mỹ.")
    assert all(m.org is None for m in doc.memberships)


def test_national_teams_are_bodies_of_their_country():
    doc = doc_of("U23 Việt Nam thắng U23 Nhật Bản, còn HLV Park Hang Seo của đội tuyển Việt Nam "
                 "theo dõi trận đấu từ khán đài.")
    got = bodies(doc)
    assert {"U23 Việt Nam", "U23 Nhật Bản", "Đội tuyển Việt Nam"} <= set(got)
    assert "Chính phủ" not in got
    assert any(m.org == fold("đội tuyển Việt Nam") for m in doc.memberships)


def test_a_ward_named_with_its_number():
    doc = doc_of("Ông Lưu Chí Dưỡng, Bí thư Đảng ủy phường Mỹ Đình 2, cho biết phường đã xong "
                 "việc cấp đổi giấy tờ cho người dân.")
    assert "Đảng ủy phường Mỹ Đình 2" in bodies(doc)


def test_a_short_form_in_brackets_names_the_body_elsewhere():
    doc = doc_of("Hội đồng quản trị Ngân hàng TMCP Việt Nam Thương Tín (VietBank) đã họp sáng nay. "
                 "Ông Dương Nhất Nguyên giữ chức Chủ tịch HĐQT VietBank từ hôm nay.")
    got = bodies(doc)
    assert "VietBank" in got["Ngân hàng TMCP Việt Nam Thương Tín"]
    assert "Hội đồng quản trị Ngân" not in got
    assert {(m.person, m.role, m.org) for m in doc.memberships} == {
        ("dương nhất nguyên", "Chủ tịch HĐQT", fold("Ngân hàng TMCP Việt Nam Thương Tín"))}


@pytest.mark.parametrize("text, name", [
    ("Bệnh viện Bưu điện chạy thận cho 50 người bệnh mỗi ngày.", "Bệnh viện Bưu điện"),
    ("UBND huyện Xuân Lộc tăng cường kiểm tra các cơ sở sản xuất.",
     "Ủy ban nhân dân huyện Xuân Lộc"),
])
def test_names_end_before_the_verb(text, name):
    assert name in bodies(doc_of(text))


def test_a_degree_between_the_body_and_the_name():
    doc = doc_of("Phó giám đốc Học viện Tài chính TS Nguyễn Đào Tùng chia sẻ về ngành kế toán.")
    assert "Học viện Tài chính" in bodies(doc)
    assert {(m.person, m.role, m.org) for m in doc.memberships} == {
        ("nguyễn đào tùng", "Phó giám đốc", fold("Học viện Tài chính"))}


def test_the_party_in_political_prose_is_no_body():
    doc = doc_of("Chủ trương của Đảng và Nhà nước rất rõ. Đây là dịp để toàn Đảng, toàn dân "
                 "đoàn kết. Đảng Cộng sản Việt Nam lãnh đạo toàn diện.")
    assert set(bodies(doc)) == {"Đảng Cộng sản Việt Nam"}
    assert len([m for m in doc.mentions if m.kind == "organization"]) == 1


def test_a_company_named_with_its_trade():
    doc = doc_of("Ông Khu từng làm Tổng giám đốc Công ty may Việt Tiến và Phó Chủ tịch HĐQT Công "
                 "ty đầu tư dầu khí Toàn Cầu. Công ty cổ phần Vinamilk báo lãi. Các CLB sáng lập "
                 "giải đấu bị phạt. Công ty đầu tư vào Việt Nam.")
    got = bodies(doc)
    assert {"Công ty may Việt Tiến", "Công ty đầu tư dầu khí Toàn Cầu"} <= set(got)
    # the gazetteer's company, with the longer form as an alias: one node
    assert "Công ty cổ phần Vinamilk" in got["Vinamilk"]
    assert not any(n.startswith("CLB") or "vào" in n for n in got)


def test_a_board_listed_after_its_title_is_of_the_company_the_story_is_about():
    doc = doc_of("Ngân hàng TMCP Sông Hồng (SongHongBank) vừa họp đại hội cổ đông. "
                 "SongHongBank báo lãi tăng. Thành viên HĐQT nhiệm kỳ 2021 - 2025 gồm ông "
                 "Trần Văn Bình, bà Lê Thị Hoa và ông Phạm Văn Nam. Công ty may Hồng Hà cũng họp.")
    bank = fold("Ngân hàng TMCP Sông Hồng")
    got = {(m.person, m.role, m.org) for m in doc.memberships}
    assert got == {(p, "Thành viên HĐQT", bank)
                   for p in ("trần văn bình", "lê thị hoa", "phạm văn nam")}


def test_an_outlet_named_as_the_source_is_no_body_but_one_that_acts_is():
    doc = doc_of("Trả lời phóng viên Báo Sông Hồng, ông Trần Văn Khải cho biết trường sẽ mở "
                 "thêm lớp. Theo VTV, lịch thi không đổi. Báo Sông Hồng sẽ tiếp tục thông tin.")
    assert not {"Báo Sông Hồng", "Đài Truyền hình Việt Nam"} & set(bodies(doc))
    # no person made of the outlet's name either
    assert not any(e.name.startswith("Báo") for e in doc.of_kind("person"))
    acts = doc_of("Báo Sông Hồng bị phạt 50 triệu đồng vì đăng tin sai sự thật.")
    assert "Báo Sông Hồng" in bodies(acts)
    # a country's press is no outlet; the news agency that signs is a body
    doc = doc_of("Báo Mỹ cho rằng giá sẽ tăng. Thông tấn xã Việt Nam ký kết chương trình hợp "
                 "tác với tỉnh Nam Định.")
    assert "Báo Mỹ" not in bodies(doc)
    assert "Thông tấn xã Việt Nam" in bodies(doc)


def test_a_platform_named_as_a_platform_is_no_body():
    doc = doc_of("Đoạn phim được chia sẻ trên các mạng xã hội như Facebook, Twitter chỉ sau "
                 "một đêm. Cô đăng ảnh lên trang riêng và Facebook cá nhân.")
    assert not {"Facebook", "Twitter"} & set(bodies(doc))
    acts = doc_of("Facebook bị cơ quan quản lý châu Âu phạt vì vi phạm quyền riêng tư.")
    assert "Facebook" in bodies(acts)


def test_a_name_ends_before_the_verb_and_before_another_body():
    got = bodies(doc_of("Hôm qua, Bộ Giao thông Vận tải cấp phép cho hãng taxi mới. Ông Lâm, "
                        "Phó Cục trưởng Cục Điện lực và Năng lượng tái tạo, cho biết Ủy ban "
                        "Chứng khoán Nhà nước và Sở Giao dịch Chứng khoán Hà Nội đã họp."))
    assert "Cục Điện lực và Năng lượng tái tạo" in got
    assert not any("cấp phép" in n or " và Sở" in n for n in got)
    # a person's name after a dash is not the body's
    doc = doc_of("Đó là sinh viên Trường Đại học Kinh tế Quốc dân - Trần Thu Hà, người vừa đoạt "
                 "giải nhất.")
    assert "Trường Đại học Kinh tế Quốc dân" in bodies(doc)
    assert "Trần Thu Hà" in {e.name for e in doc.of_kind("person")}
    # the end of a place's name is no head: "Hải Phòng. Tôi…" with the full stop left out
    got = bodies(doc_of("Ông Vũ Văn Tâm, Bí thư Huyện ủy Tiên Lãng, TP Hải Phòng Tôi không tin "
                        "chuyện đó."))
    assert not any(n.startswith("Phòng") for n in got)


def test_a_bare_ministry_in_a_foreign_story_is_that_countrys():
    doc = doc_of("Thái Lan bắt nghi phạm xả súng\nCảnh sát Thái Lan đã bắt nghi phạm. Theo "
                 "thống kê của Bộ Nội vụ, hàng triệu khẩu súng được đăng ký ở Thái Lan.")
    got = bodies(doc)
    assert "Bộ Nội vụ" not in got  # not Vietnam's Ministry of Home Affairs
    assert any(n.startswith("Bộ Nội vụ Thái Lan") for n in got)
    # the same head with the country earlier in the article
    got = bodies(doc_of("Bộ Quốc phòng Mỹ đã lên tiếng. Sau đó, Bộ Quốc phòng cho biết sẽ "
                        "điều thêm tàu đến Biển Đông."))
    assert "Bộ Quốc phòng" not in got
    # another country's party is not Vietnam's
    got = bodies(doc_of("Ông Lazo, Ủy viên Bộ Chính trị Đảng Cộng sản Cuba, đã tới Hà Nội."))
    assert "Đảng Cộng sản Việt Nam" not in got
    # a Vietnamese story keeps Vietnam's ministry
    got = bodies(doc_of("Bộ Y tế Campuchia cảm ơn tỉnh An Giang. Bộ Y tế đã gửi vật tư cho "
                        "Sở Y tế tỉnh An Giang."))
    assert "Bộ Y tế" in got


def test_a_company_before_a_persons_name_is_the_company():
    doc = doc_of("Cổ đông chất vấn Chủ tịch HĐQT VPBank Ngô Chí Dũng về kế hoạch bán vốn.")
    assert "VPBank" in bodies(doc)
    assert ("Ngô Chí Dũng", "Chủ tịch HĐQT") in roles(doc)


def test_a_units_name_may_hold_ong_or_ba():
    got = bodies(doc_of("Công an quận Hai Bà Trưng và Công an phường Cầu Ông Lãnh đã phối hợp "
                        "tìm người thân cho cháu bé."))
    assert any(n.startswith("Công an quận Hai Bà Trưng") for n in got)
    assert any(n.startswith("Công an phường Cầu Ông Lãnh") for n in got)


def test_a_fields_words_stay_in_the_name_and_trực_thuộc_ends_it():
    got = bodies(doc_of("Theo Ủy ban An toàn giao thông Quốc gia, ông Lâm, Giám đốc Ban Quản lý "
                        "dự án Xây dựng Nông nghiệp trực thuộc Sở Nông nghiệp, đã ký."))
    assert any(n.startswith("Ủy ban An toàn giao thông") for n in got)
    assert not any(n.endswith("trực") for n in got)


def test_a_committee_of_the_national_assembly_named_with_commas():
    got = bodies(doc_of("Phó Chủ nhiệm Ủy ban Văn hóa, Giáo dục, Thanh niên, Thiếu niên và Nhi "
                        "đồng của Quốc hội đã ký văn bản gửi Bộ Giáo dục và Đào tạo."))
    assert "Ủy ban Văn hóa, Giáo dục, Thanh niên, Thiếu niên và Nhi đồng" in got
    assert "Ủy ban Văn hóa" not in got


def test_a_school_after_a_lowercase_trường():
    got = bodies(doc_of("PGS Lê Thu Hà, trường ĐH Ngoại thương, cho rằng các trường THPT cần "
                        "tư vấn sớm cho học sinh trường THPT chuyên Hà Nội."))
    assert any(n.endswith("Ngoại thương") for n in got)
    assert any(n.endswith("THPT chuyên Hà Nội") for n in got)
    assert not any(n in ("trường THPT", "Trường THPT") for n in got)
