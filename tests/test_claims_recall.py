"""Claims as news articles write them: quotations, appositives, titles, bodies, continuations.

Each test is one rule of `kg.extract.claims`, on sentences written for it (public facts, our
own words).
"""

from __future__ import annotations

from kg.doc import Article, Claim, Doc
from kg.pipeline import build_doc


def doc_of(text: str) -> Doc:
    return build_doc(Article("t", text))


def said(doc: Doc) -> list[tuple[str, str]]:
    """(speaker key without the province suffix, claim text) in text order."""
    return [(c.speaker.split("@")[0], c.text) for c in doc.claims]


def by(doc: Doc, speaker: str) -> list[Claim]:
    return [c for c in doc.claims if c.speaker.split("@")[0] == speaker]


def test_quote_closed_after_a_dash():
    doc = doc_of(
        "Ông Trần Văn Minh là Giám đốc Sở Y tế tỉnh Nghệ An.\n"
        '"Chúng tôi đã chuẩn bị đủ giường bệnh cho mọi tình huống" - ông Minh nói.'
    )
    (c,) = by(doc, "trần văn minh")
    assert c.quote and c.text.startswith("Chúng tôi đã chuẩn bị đủ giường bệnh")


def test_quote_over_two_paragraphs_is_one_claim():
    doc = doc_of(
        "Bà Lê Thị Hoa là Phó Giám đốc Sở Thông tin và Truyền thông tỉnh Nam Định.\n"
        "“Năm nay tỉnh sẽ đưa toàn bộ thủ tục hành chính lên mạng. Người dân không phải đến "
        "trụ sở nữa.\n"
        "Chúng tôi cũng mở thêm các điểm hỗ trợ tại xã cho người cao tuổi”, bà Hoa nói."
    )
    (c,) = by(doc, "lê thị hoa")
    assert c.text.startswith("Năm nay tỉnh sẽ đưa toàn bộ thủ tục")
    assert "các điểm hỗ trợ tại xã" in c.text


def test_straight_quote_does_not_close_on_its_opening_mark():
    doc = doc_of(
        'Ông Phạm Văn Tùng nói: "Chúng tôi đang rà soát danh sách các hộ nghèo trên địa bàn".'
    )
    assert [s for s, _t in said(doc)] == ["phạm văn tùng"]


def test_what_follows_the_closing_verb_is_a_second_claim():
    doc = doc_of(
        "Ông Hoàng Văn Nam là Phó Giám đốc Sở Y tế tỉnh Hà Nam.\n"
        '"Nguy cơ dịch bệnh vẫn còn rất cao trong dịp nghỉ lễ" - ông Nam nói và cho biết, '
        "tỉnh đã lập thêm ba chốt kiểm soát ở các cửa ngõ."
    )
    texts = [c.text for c in by(doc, "hoàng văn nam")]
    assert len(texts) == 2
    assert texts[0].startswith("Nguy cơ dịch bệnh")
    assert texts[1].startswith("tỉnh đã lập thêm ba chốt")


def test_speaker_with_a_dash_appositive():
    doc = doc_of(
        "Chiều 5/5, ông Đỗ Văn Hải - Phó Giám đốc Sở Y tế Hà Nội - cho biết, thành phố đã "
        "tiêm xong mũi một cho người trên 65 tuổi."
    )
    (c,) = doc.claims
    assert c.speaker.split("@")[0] == "đỗ văn hải"
    assert c.text.startswith("thành phố đã tiêm xong")


def test_speaker_with_a_comma_appositive_and_kiem():
    doc = doc_of(
        "Bà Nguyễn Thị Mai, Phó Chủ tịch kiêm Tổng Thư ký VINASA, cho biết: “Hiệp hội sẽ "
        "đưa 500 doanh nghiệp số vào chương trình hỗ trợ trong năm nay”."
    )
    (c,) = doc.claims
    assert c.speaker == "nguyễn thị mai"
    assert "500 doanh nghiệp số" in c.text


def test_title_before_the_person_and_a_dash():
    doc = doc_of(
        "Phó Chủ tịch UBND tỉnh Nghệ An - bà Lê Thị Thu cho biết, tỉnh cần thêm 200 tỷ "
        "đồng để sửa chữa các trường học sau lũ."
    )
    (c,) = doc.claims
    assert c.speaker.split("@")[0] == "lê thị thu"


def test_title_with_a_body_the_lexicon_does_not_name():
    doc = doc_of(
        "Ông Trịnh Văn Lộc, Bí thư Đảng ủy xã Tân Lập (huyện Đan Phượng) cho biết, xã đã hoàn "
        "thành việc lấy ý kiến cử tri về dự án đường mới."
    )
    (c,) = doc.claims
    assert c.speaker.split("@")[0] == "trịnh văn lộc"


def test_directives_count_but_not_a_body_named_ban_chi_dao():
    doc = doc_of(
        "Bộ trưởng Bộ Y tế Nguyễn Văn Khánh yêu cầu các bệnh viện tuyến tỉnh sẵn sàng phương "
        "án thu dung người bệnh.\n"
        "Ông Lương Văn Tâm, Phó Trưởng Ban chỉ đạo phòng chống thiên tai tỉnh, có mặt tại "
        "hiện trường.\n"
        "Thứ trưởng Bộ Y tế chỉ đạo công tác phòng chống dịch tại Bạc Liêu."
    )
    assert [s for s, _t in said(doc)] == ["nguyễn văn khánh"]
    assert doc.claims[0].kind == "proposal"


def test_bare_title_is_the_person_named_later():
    doc = doc_of(
        "Chủ tịch UBND tỉnh Quảng Bình cho biết, tỉnh sẽ dành 50 tỷ đồng cho các xã vùng lũ.\n"
        "Chủ tịch UBND tỉnh Quảng Bình Trần Thắng cũng đến thăm các hộ dân bị ngập."
    )
    (c,) = doc.claims
    assert c.speaker.split("@")[0] == "trần thắng"


def test_bare_title_of_another_country_is_not_our_holder():
    doc = doc_of(
        "Thủ tướng Phạm Minh Chính đã tiếp Thủ tướng Singapore tại Hà Nội.\n"
        "Thủ tướng Singapore bày tỏ vui mừng được gặp lại các nhà lãnh đạo Việt Nam."
    )
    assert doc.claims == []


def test_bare_title_with_a_province_is_that_province_chairman():
    doc = doc_of(
        "Ông Trần Văn Lâm, Chủ tịch UBND tỉnh Sóc Trăng, đã ký công văn.\n"
        "Ông Ngô Văn Hải, Chủ tịch UBND thị xã Vĩnh Châu, đi kiểm tra ruộng hành.\n"
        "Chủ tịch tỉnh Sóc Trăng đề nghị các sở, ngành vận động cán bộ mua hành tím giúp "
        "nông dân."
    )
    (c,) = doc.claims
    assert c.speaker.split("@")[0] == "trần văn lâm"


def test_bare_title_is_the_body_when_no_one_is_named():
    doc = doc_of(
        "UBND tỉnh Quảng Ninh vừa ban hành công điện về phòng chống bão.\n"
        "Chủ tịch UBND tỉnh yêu cầu các huyện ven biển kêu gọi tàu thuyền vào nơi tránh trú "
        "an toàn trước 17h."
    )
    (c,) = doc.claims
    assert c.speaker_kind == "organization" and c.speaker.startswith("ubnd")


def test_leader_of_a_body_and_representative_of_a_body():
    doc = doc_of(
        "Ông Đặng Văn Sơn, Giám đốc Sở Giao thông vận tải tỉnh Lào Cai, đã kiểm tra tuyến "
        "đường.\n"
        "Lãnh đạo Sở Giao thông vận tải tỉnh Lào Cai cho hay, tuyến đường sẽ thông xe trước "
        "Tết Nguyên đán.\n"
        "Đại diện Bộ Giao thông vận tải cho biết, bộ sẽ cấp thêm kinh phí sửa chữa cầu yếu."
    )
    assert said(doc)[0][0] == "đặng văn sơn"
    assert doc.claims[1].speaker_kind == "organization" and doc.claims[1].speaker == "bo-gtvt"


def test_sentence_that_goes_on_with_the_last_speaker():
    doc = doc_of(
        "Thứ trưởng Nguyễn Văn Bình khẳng định, học tập là con đường thoát nghèo của học sinh "
        "vùng cao. Đồng thời nhấn mạnh tỉnh đang kêu gọi đầu tư để tạo việc làm cho các em."
    )
    texts = [c.text for c in by(doc, "nguyễn văn bình")]
    assert len(texts) == 2 and texts[1].startswith("tỉnh đang kêu gọi đầu tư")


def test_no_continuation_after_someone_else_speaks():
    doc = doc_of(
        "Thứ trưởng Nguyễn Văn Bình khẳng định, học tập là con đường thoát nghèo của học sinh "
        "vùng cao. Các trường đã nhận thêm sách mới. Đồng thời yêu cầu các nhà trường báo cáo "
        "số học sinh bỏ học."
    )
    assert len(doc.claims) == 1


def test_according_to_a_person_with_a_dash_appositive():
    doc = doc_of(
        "Theo ông Lý Văn Hòa - Phó Tổng Giám đốc Tổng Công ty Cảng hàng không Việt Nam - đơn "
        "vị quản lý sân bay, hành khách nên đến sớm hai tiếng trong dịp lễ."
    )
    (c,) = doc.claims
    assert c.speaker == "lý văn hòa" and c.text.startswith("hành khách nên đến sớm")


def test_according_to_skips_the_title_after_the_name():
    doc = doc_of(
        "Theo ông Vũ Minh Đức, Phó Chủ tịch Tập đoàn Viettel, mạng 5G sẽ phủ sóng toàn bộ các "
        "khu công nghiệp trong năm tới."
    )
    (c,) = doc.claims
    assert c.text.startswith("mạng 5G sẽ phủ sóng")


def test_verb_ending_the_paragraph_takes_the_next_one():
    doc = doc_of(
        "Ông Phan Văn Lực, Chủ tịch UBND huyện Mèo Vạc, yêu cầu:\n"
        "Tạm dừng các hoạt động tụ tập đông người tại chợ phiên cho đến khi có thông báo mới."
    )
    (c,) = doc.claims
    assert c.text.startswith("Tạm dừng các hoạt động tụ tập")


def test_content_that_starts_with_trong_is_kept_whole():
    doc = doc_of(
        "Bộ trưởng Nguyễn Kim Hải khẳng định trong trường học chỉ dùng sách giáo khoa đã được "
        "thẩm định, còn sách tham khảo chỉ dùng rất hạn chế."
    )
    (c,) = doc.claims
    assert c.text.startswith("trong trường học chỉ dùng sách giáo khoa")


def test_new_title_prefix_and_a_promise():
    doc = doc_of(
        "Tại buổi lễ, tân Phó Chánh Thanh tra Nguyễn Văn Trí hứa sẽ luôn nỗ lực hoàn thành "
        "tốt nhiệm vụ được giao."
    )
    (c,) = doc.claims
    assert c.speaker == "nguyễn văn trí"


def test_honorific_and_given_name_of_the_one_person_so_named():
    doc = doc_of(
        "Ông Nguyễn Trọng Đường là Phó Cục trưởng Cục Tin học hóa.\n"
        "“Chuyển đổi số trước hết là việc của người đứng đầu mỗi tổ chức”, ông Đường nhấn "
        "mạnh."
    )
    (c,) = doc.claims
    assert c.speaker == "nguyễn trọng đường" and c.quote


def test_congratulations_are_not_claims():
    doc = doc_of(
        "Bộ trưởng Nguyễn Mạnh Hùng chúc mừng các cơ quan báo chí nhân kỷ niệm Ngày Báo chí "
        "Cách mạng Việt Nam."
    )
    assert doc.claims == []


# -- round 2: held-out articles ---------------------------------------------------------


def test_bare_title_stands_for_the_more_precise_position_held():
    doc = doc_of(
        "Phó Bí thư Thường trực Thành ủy Hà Nội Nguyễn Văn Phong dự buổi làm việc.\n"
        "“Thành phố sẽ hoàn thành việc chuẩn bị bầu cử trước tháng 5”, Phó Bí thư Thành ủy nói."
    )
    (c,) = by(doc, "nguyễn văn phong")
    assert c.quote and c.text.startswith("Thành phố sẽ hoàn thành")


def test_quote_whose_verb_is_followed_by_where_it_was_said():
    doc = doc_of(
        "“Không được lơ là trong phòng chống dịch ở bất cứ thời điểm nào”, Bộ trưởng Y tế "
        "Nguyễn Thanh Long nhấn mạnh tại cuộc họp với các tỉnh phía Bắc."
    )
    (c,) = by(doc, "nguyễn thanh long")
    assert c.quote and c.text.startswith("Không được lơ là")


def test_quote_whose_verb_is_followed_by_other_words_is_not_closed_there():
    doc = doc_of(
        "“Ngày hội sách” được tổ chức ở Hà Nội, ông Nguyễn Văn An nói về chương trình của năm "
        "nay với nhiều phóng viên."
    )
    assert not [c for c in doc.claims if c.quote]


def test_verb_glued_to_the_next_capitalized_word():
    doc = doc_of("Bộ Y tế yêu cầuĐà Nẵng phải lấy mẫu xét nghiệm tất cả người về từ vùng dịch.")
    (c,) = doc.claims
    assert c.speaker_kind == "organization"
    assert c.text.startswith("Đà Nẵng phải lấy mẫu")


def test_sentence_glued_to_the_one_before_it():
    doc = doc_of(
        "Nhiều ca bệnh mới được ghi nhận ở các tỉnh biên giới.Theo Bộ Y tế, nguy cơ dịch "
        "bùng phát trong cộng đồng vẫn còn rất cao."
    )
    (c,) = doc.claims
    assert c.speaker_kind == "organization"
    assert c.text.startswith("nguy cơ dịch bùng phát")


def test_abbreviated_place_with_a_dot_is_not_two_sentences():
    doc = doc_of("Tại TP.HCM, ông Phan Văn Mãi cho biết thành phố sẽ mở lại các trường học.")
    (c,) = doc.claims
    assert c.text.startswith("thành phố sẽ mở lại")


def test_two_speech_verbs_before_one_statement():
    doc = doc_of(
        "Ông Lê Trung Chinh - Chủ tịch UBND TP Đà Nẵng - thông tin khẳng định: Thành phố sẽ "
        "công bố danh sách các dự án được tiếp tục triển khai."
    )
    (c,) = doc.claims
    assert c.speaker.startswith("lê trung chinh")
    assert c.text.startswith("Thành phố sẽ công bố")


def test_a_verb_and_its_noun_object_are_not_two_verbs():
    doc = doc_of(
        "Trung tâm Kiểm soát bệnh tật tỉnh Lào Cai đã trao đổi thông tin, đôn đốc các trung "
        "tâm y tế huyện điều tra các trường hợp nghi nhiễm."
    )
    assert doc.claims == []


def test_caption_and_the_sentence_under_it_are_two_claims():
    doc = doc_of(
        "Ông Tô Hùng - Giám đốc Sở Tài nguyên và Môi trường TP Đà Nẵng: “Đất tái định cư "
        "vẫn là bài toán khó”\n"
        "Trả lời báo chí, ông Tô Hùng chia sẻ, đất tái định cư vẫn là bài toán khó của thành "
        "phố."
    )
    assert len(by(doc, "tô hùng")) == 2


def test_family_name_first_stands_for_the_full_name():
    doc = doc_of(
        "Thủ tướng Singapore Lý Hiển Long công bố danh sách nội các mới. Ông Lý cho biết, "
        "các bộ trưởng trẻ sẽ được giao những vị trí quan trọng hơn."
    )
    (c,) = doc.claims
    assert c.speaker == "lý hiển long"


def test_information_from_a_body_is_the_body_speaking():
    doc = doc_of(
        "Ngày 16/4, thông tin từ Văn phòng UBND tỉnh Quảng Bình cho biết, UBND tỉnh đã yêu cầu "
        "kiểm tra các quyết định tuyển dụng giáo viên."
    )
    (c,) = doc.claims
    assert c.speaker_kind == "organization" and c.speaker.startswith("van-phong-ubnd")


def test_speaker_after_a_connective_with_no_comma():
    doc = doc_of(
        "Lượng người nhập cảnh có thể tăng trong những ngày tới, vì vậy Bộ Y tế khuyến cáo "
        "người dân báo ngay cho chính quyền khi phát hiện người lạ."
    )
    (c,) = doc.claims
    assert c.speaker_kind == "organization"
    assert c.text.startswith("người dân báo ngay")


# -- round 2: speakers after quotations, pronouns, epithets, lists, reports ----------------


def test_pronoun_after_a_quotation_is_the_last_person_named():
    doc = doc_of(
        "Chị Nguyễn Thu Hằng mở quán cà phê ở phố cổ từ năm 2015.\n"
        '"Khách nước ngoài quay lại đông hơn hẳn so với mùa hè năm ngoái", chị nói.'
    )
    (c,) = doc.claims
    assert c.speaker.split("@")[0] == "nguyễn thu hằng" and c.quote
    assert c.text.startswith("Khách nước ngoài quay lại")


def test_weak_pronoun_is_no_speaker_when_it_is_a_country():
    # "Anh" the country before a verb is no pronoun (and a country is no speaker)
    doc = doc_of("Ông Lê Văn Nam đến London hôm qua. Anh cho biết sẽ mở lại đường bay thẳng.")
    assert doc.claims == []


def test_a_paragraph_that_is_one_quotation_goes_on_with_the_speaker():
    doc = doc_of(
        "“Chúng tôi sẽ tuyển thêm hai trăm kỹ sư trong năm nay”, ông Phạm Quốc Bảo nói.\n"
        "“Các kỹ sư trẻ được đào tạo sáu tháng. Sau đó họ làm việc ở các dự án lớn.”\n"
        "“Mức lương khởi điểm cao hơn mặt bằng chung”, ông nói “và còn tăng”."
    )
    texts = [c.text for c in by(doc, "phạm quốc bảo")]
    assert any(t.startswith("Các kỹ sư trẻ được đào tạo sáu tháng. Sau đó") for t in texts)


def test_items_of_a_directive_list_are_claims_of_its_speaker():
    doc = doc_of(
        "Bộ trưởng Bộ Y tế Đào Hồng Lan yêu cầu các bệnh viện trong thời gian tới. Cụ thể:\n"
        "Rà soát toàn bộ trang thiết bị hồi sức cấp cứu trước ngày 30/6.\n"
        "Bảo đảm đủ thuốc và vật tư cho điều trị người bệnh nặng.\n"
        "Ảnh minh họa\n"
        "Bảo đảm đủ giường bệnh cho những tháng mùa đông."
    )
    texts = [c.text for c in by(doc, "đào hồng lan")]
    assert any(t.startswith("Rà soát toàn bộ trang thiết bị") for t in texts)
    assert any(t.startswith("Bảo đảm đủ thuốc và vật tư") for t in texts)
    # the list ends at the heading-like line
    assert not any("giường bệnh cho những tháng" in t for t in texts)


def test_a_list_after_a_colon_that_is_not_the_claims_is_not_its_items():
    doc = doc_of(
        "Ông Hoàng Minh Tuấn cho biết, quận đã hoàn thành kế hoạch của năm trước thời hạn. Ba "
        "nghị quyết mới gồm:\n"
        "Nghị quyết về phát triển giao thông đô thị trong giai đoạn tới."
    )
    assert [c.text[:20] for c in doc.claims] == ["quận đã hoàn thành k"]


def test_according_to_a_report_of_a_body_and_a_colon():
    doc = doc_of(
        "Theo báo cáo của Bộ Y tế, cả nước đã tiêm hơn hai triệu liều vắc xin trong tuần qua.\n"
        "Ông Trần Quang Hải là Cục trưởng Cục Xúc tiến thương mại.\n"
        "Theo ông Trần Quang Hải: “Doanh nghiệp cần đăng ký bảo hộ thương hiệu ở nước ngoài sớm”."
    )
    speakers = [(c.speaker_kind, c.text[:20]) for c in doc.claims]
    assert ("organization", "cả nước đã tiêm hơn ") in speakers
    assert any(who == "trần quang hải" and "đăng ký bảo hộ" in text for who, text in said(doc))


def test_speaker_after_a_connective_trong_khi_do():
    doc = doc_of(
        "Trong khi đó ông Lê Hoàng Anh chia sẻ: “Chúng tôi đã đồng hành cùng nhau suốt mười năm "
        "qua”."
    )
    (c,) = doc.claims
    assert c.speaker.split("@")[0] == "lê hoàng anh"


def test_what_the_speech_was_is_not_its_content():
    doc = doc_of(
        "Thượng tướng Nguyễn Văn Lâm - Thứ trưởng Bộ Quốc phòng phát biểu khai mạc hội thảo.\n"
        "“Bóng đá châu Âu không cần một giải đấu như thế”, ông Pérez nói về việc thành lập giải."
    )
    assert [c.text for c in doc.claims if "khai mạc" in c.text or "về việc" in c.text] == []


def test_manner_words_then_a_colon_then_what_was_said():
    doc = doc_of(
        "Chị Lê Thị Mai nhiều năm chạy thận ở bệnh viện tỉnh. Chị nói trong nước mắt: "
        "“Mười năm nay tôi chưa một lần được về quê ăn Tết cùng gia đình”."
    )
    (c,) = doc.claims
    assert c.speaker.split("@")[0] == "lê thị mai" and c.text.startswith("“Mười năm nay tôi chưa")


def test_an_epithet_is_the_person_already_quoted():
    doc = doc_of(
        "“Chúng tôi sẽ chơi tấn công ngay từ đầu trận”, HLV Park Hang Seo nói.\n"
        "Chiến lược gia người Hàn Quốc cũng cho biết cả đội đã sẵn sàng cho trận đấu cuối tuần.\n"
        "Các chuyên gia cho rằng đội tuyển sẽ gặp nhiều khó khăn ở hàng phòng ngự."
    )
    assert [c.speaker.split("@")[0] for c in doc.claims] == ["park hang seo", "park hang seo"]


def test_an_epithet_of_someone_not_yet_quoted_is_no_speaker():
    doc = doc_of(
        "Tổng thống Joe Biden đã ký sắc lệnh mới.\n"
        "Người phát ngôn cho biết các quốc gia sẽ nhận vắc xin trong những tuần tới."
    )
    assert doc.claims == []


def test_giao_directs_a_named_body_but_giao_dich_trades():
    doc = doc_of(
        "Thủ tướng Phạm Minh Chính giao Bộ Công an điều tra, làm rõ vụ việc trong tháng này.\n"
        "Ông Kurokawa Takuya giao dịch mua bán cổ phiếu tại sàn Tokyo trong nhiều năm liền."
    )
    assert [c.speaker.split("@")[0] for c in doc.claims] == ["phạm minh chính"]


def test_a_date_between_the_speaker_and_the_verb():
    doc = doc_of(
        "Bộ Y tế hôm 24/4 cho hay, tổng số ca tử vong trong tháng đã vượt con số của cả năm "
        "ngoái."
    )
    (c,) = doc.claims
    assert c.speaker_kind == "organization" and c.text.startswith("tổng số ca tử vong")


def test_a_bare_head_word_is_the_last_body_named_with_it():
    doc = doc_of(
        "Bộ GD&ĐT vừa ban hành hướng dẫn tổ chức kỳ thi tốt nghiệp năm nay.\n"
        "Bộ cũng yêu cầu các sở giáo dục chuẩn bị phương án dạy học trực tuyến khi cần thiết."
    )
    assert [(c.speaker_kind, c.text[:22]) for c in doc.claims] == [
        ("organization", "các sở giáo dục chuẩn ")
    ]


def test_the_spokesman_and_the_release_of_a_body_are_the_body():
    doc = doc_of(
        "Người phát ngôn của Bộ Quốc phòng Nhật Bản cho hay Tokyo chưa có kế hoạch hợp tác cụ "
        "thể nào về hệ thống radar mới.\n"
        "Thông cáo của Bộ Y tế khẳng định các ca bệnh mới đều đã được cách ly ngay sau khi "
        "nhập cảnh."
    )
    assert [c.speaker_kind for c in doc.claims] == ["organization", "organization"]


def test_answers_of_an_interview_are_the_interviewees():
    doc = doc_of(
        "Ông Trần Minh Khoa, Giám đốc khối thẻ của ngân hàng, trả lời phỏng vấn về sản phẩm mới.\n"
        "- Dòng thẻ mới khác gì với thẻ tín dụng thông thường?\n"
        "- Đây là dòng thẻ dành cho tất cả mọi người, không cần lịch sử tín dụng từ trước.\n"
        "Người dùng mở thẻ hoàn toàn trực tuyến trong chưa đến ba mươi phút mỗi ngày.\n"
        "- Ngân hàng phát triển dòng thẻ này dựa trên ý tưởng nào?\n"
        "- Một chiếc thẻ mà ai cũng có thể mở và hưởng lợi, bất kể điều kiện tín dụng.\n"
        "Minh Anh"
    )
    texts = [c.text for c in by(doc, "trần minh khoa")]
    assert any(t.startswith("Đây là dòng thẻ dành cho tất cả") for t in texts)
    assert any(t.startswith("Người dùng mở thẻ hoàn toàn trực tuyến") for t in texts)
    assert any(t.startswith("Một chiếc thẻ mà ai cũng có thể") for t in texts)
    assert not any(t.endswith("?") for t in texts)


def test_a_person_closing_a_quotation_with_a_verb_the_lexicon_lacks():
    doc = doc_of(
        "Ông Nguyễn Văn Liêm trồng hành ở xã Cát Hải đã hơn hai mươi năm.\n"
        '"Năm nay người trồng hành trắng tay, tiền bán hành không đủ tiền phân bón", ông Liêm '
        "ngậm ngùi.\n"
        '"Giá hành năm nay thấp nhất trong mười năm qua ở vùng này", ông Liêm và hàng xóm đi '
        "chợ huyện bán hành sáng nay."
    )
    assert [c.text[:20] for c in by(doc, "nguyễn văn liêm")] == ["Năm nay người trồng "]


def test_a_profession_the_lexicon_lacks_opens_the_phrase_but_a_relative_does_not():
    doc = doc_of(
        "Bên phía đội khách, huấn luyện viên Leonardo Jardim cho rằng các học trò cần dứt điểm "
        "hiệu quả hơn trong hiệp hai.\n"
        "Ông Nguyễn Công Uẩn bị bệnh nặng đã lâu. Bà Nguyễn Thị Thơm, vợ ông Uẩn kể: “Tôi lo "
        "lắm, nên mới tìm mọi cách bắt ông ấy bỏ không làm nữa”."
    )
    assert [who for who, _ in said(doc) if who != "nguyễn thị thơm"] == [
        "leonardo jardim"
    ]


def test_a_pronoun_is_the_last_person_of_its_gender():
    doc = doc_of(
        "Chị Nguyễn Thu Hà gặp anh Phan Minh Đôn ở Sài Gòn năm 2010.\n"
        "“Nhiều khi họ nói như vậy nhưng thực ra lại không nghĩ vậy chút nào”, cô kể.\n"
        "“Tôi đã quyết định ở lại Việt Nam lâu dài để phát triển công việc”, anh nói."
    )
    assert [c.speaker.split("@")[0] for c in doc.claims] == ["nguyễn thu hà", "phan minh đôn"]


def test_a_two_word_given_name_stands_for_the_full_name():
    doc = doc_of(
        "PGS.TS Trần Nguyên Ánh Tú là giảng viên Trường Đại học Y Hà Nội.\n"
        "Bác sĩ Ánh Tú cho rằng, nhiều vụ ngộ độc ở học sinh do các em dùng chất lạ mua trước "
        "cổng trường."
    )
    assert [c.speaker.split("@")[0] for c in doc.claims] == ["trần nguyên ánh tú"]


def test_giao_inside_ngoai_giao_and_a_speech_on_a_plane_say_nothing():
    doc = doc_of(
        "Thứ trưởng Ngoại giao Mỹ Thomas Shannon đến Bắc Kinh hôm qua để dự các cuộc họp.\n"
        "Tổng thống Mỹ Donald Trump phát biểu trên chuyên cơ Air Force One trước khi khởi hành "
        "tới bang Virginia."
    )
    assert doc.claims == []


def test_a_bare_family_name_after_a_quotation_is_the_person_named_before():
    doc = doc_of(
        "Sam Wilson là kỹ sư phần mềm của một công ty điện toán đám mây ở Seattle.\n"
        '"Chúng tôi chuyển toàn bộ hệ thống sang máy chủ mới chỉ trong hai tuần", Wilson '
        "cho biết."
    )
    assert [who for who, _ in said(doc)] == ["sam wilson"]


def test_a_degree_with_a_dot_before_a_short_name_does_not_end_the_sentence():
    doc = doc_of(
        "TS Đỗ Thị Hải Yến là giảng viên Trường Đại học Kinh tế Quốc dân.\n"
        '"Nhiều đề tài nghiên cứu vẫn nằm trong ngăn kéo vì không ai mua bản quyền", TS. Yến '
        "khẳng định."
    )
    (c,) = by(doc, "đỗ thị hải yến")
    assert c.text.startswith("Nhiều đề tài nghiên cứu vẫn nằm")


def test_a_person_then_an_appositive_without_a_known_title_then_the_verb():
    doc = doc_of(
        "Ruslan Petrov, một nhà phân tích của nhóm nghiên cứu độc lập ở Moscow, nhận định: "
        '"Căng thẳng sẽ còn kéo dài ít nhất đến cuối năm nay."'
    )
    (c,) = by(doc, "ruslan petrov")
    assert c.text.strip('"').startswith("Căng thẳng sẽ còn kéo dài")


def test_a_bracket_left_open_before_the_verb_is_inside_a_name():
    doc = doc_of(
        "Cơ quan điều tra xác định Trần Thị Tuyết (nguyên cán bộ Tạp chí Kinh tế và dự báo) "
        "đã môi giới cho nhiều người trốn ở lại nước ngoài trong năm 2018."
    )
    assert by(doc, "trần thị tuyết") == []


def test_manner_words_between_the_closing_phrase_and_its_verb():
    doc = doc_of(
        "HLV Mano Polking dẫn dắt câu lạc bộ từ đầu mùa giải năm nay.\n"
        '"Trước đó cầu thủ ấy cũng đã nhận một thẻ vàng trong hiệp một" - HLV Mano Polking '
        "buồn bã cho biết thêm."
    )
    (c,) = by(doc, "mano polking")
    assert c.text.startswith("Trước đó cầu thủ ấy")


def test_according_to_a_profession_before_a_name():
    doc = doc_of(
        "Theo chuyên gia dầu mỏ Daniel Yergin, giá dầu có thể giữ ở mức hiện tại trong vòng "
        "một năm tới khi các nền kinh tế hồi phục."
    )
    (c,) = by(doc, "daniel yergin")
    assert c.text.startswith("giá dầu có thể giữ")


def test_noi_chuyen_talks_and_says_nothing():
    doc = doc_of(
        "Ông Lê Văn Hải là chủ tịch hội nông dân xã.\n"
        "Ông Hải nói chuyện với bà con trong thôn về cách phòng bệnh cho đàn gia cầm mùa mưa."
    )
    assert doc.claims == []


def test_a_straight_quotation_opens_after_the_one_attributed_before_it():
    doc = doc_of(
        'Ông Phan Văn Khải là HLV trưởng. "Đội bóng đã chơi rất tốt trong hiệp hai và tôi '
        'hài lòng", Khải nói. Sau trận, ông Khải nhấn mạnh lối chơi này "Chúng tôi sẽ tiếp '
        'tục tấn công ở mọi trận đấu còn lại của mùa giải", Khải chia sẻ.'
    )
    texts = [c.text for c in by(doc, "phan văn khải")]
    assert any(t.startswith("Chúng tôi sẽ tiếp tục tấn công") for t in texts)
    assert not any(t.startswith("Đội bóng") and "tấn công" in t for t in texts)


def test_a_quotation_over_paragraphs_each_opened_goes_on_with_its_speaker():
    doc = doc_of(
        "Ông Hoàng Văn Đạt là Hiệu trưởng Trường Cao đẳng Lào Cai.\n"
        'Ông Đạt cho biết: "Năm nay nhà trường tuyển thêm ba ngành nghề mới cho học sinh.\n'
        '"Hầu hết sinh viên ra trường đều có doanh nghiệp đặt hàng và được nhận vào làm ngay.\n'
        '"Chúng tôi vẫn còn nợ doanh nghiệp khoảng một nghìn lao động mỗi năm."'
    )
    texts = [c.text for c in by(doc, "hoàng văn đạt")]
    assert any(t.startswith("Hầu hết sinh viên ra trường") for t in texts)


def test_an_epithet_of_a_woman_is_the_last_woman_named():
    doc = doc_of(
        "Bác sĩ Trần Thị Mai làm việc cùng bác sĩ Nguyễn Văn Hùng tại khoa hồi sức.\n"
        '"Tôi đã làm nghề ba mươi năm nhưng chưa bao giờ thấy mệt mỏi như đợt dịch này", '
        "nữ bác sĩ nói thêm."
    )
    assert [who for who, _ in said(doc)] == ["trần thị mai"]


def test_according_to_a_report_of_a_body():
    doc = doc_of(
        "Theo báo cáo dịch tễ của Trung tâm Y tế huyện Lý Nhân, bệnh nhân có lịch sử di chuyển "
        "phức tạp qua nhiều tỉnh trong tuần trước.\n"
        "Theo nguồn tin của phóng viên, bệnh viện đã tạm đình chỉ công tác đối với hai bác sĩ "
        "trực đêm hôm đó."
    )
    assert [(c.speaker_kind, c.text.split()[0]) for c in doc.claims] == [
        ("organization", "bệnh")
    ]


def test_the_medium_between_the_speaker_and_the_verb():
    doc = doc_of(
        "Ông Gavin Newsom là Thống đốc bang California.\n"
        "Ông Newsom mới đây thông qua mạng xã hội Twitter cảnh báo cuộc bầu cử này đe dọa các "
        "giá trị mà bang đã đạt được trong nhiều năm."
    )
    (c,) = by(doc, "gavin newsom")
    assert c.text.startswith("cuộc bầu cử này đe dọa")


def test_a_speech_verb_inside_a_bodys_name_does_not_close_the_quotation():
    doc = doc_of(
        '"Mọi bộ ngành cần coi dữ liệu mở là nhiệm vụ hàng đầu của năm nay", ông Lauri Tamm, '
        "cựu Tổng thống Estonia, Chuyên gia cao cấp Trung tâm phân tích chính sách châu Âu "
        "khuyến nghị."
    )
    (c,) = by(doc, "lauri tamm")
    assert c.text.startswith("Mọi bộ ngành cần coi dữ liệu mở")
