"""Claims: what a named person (or, failing that, a body) said, with the sentence it is in.

The forms the annotation guide counts:

- a quotation closed by its speaker: “…”, ông Hùng nói. / "…" - ông Hùng nói. (one claim per
  quotation, however many sentences or paragraphs it spans; '…' too); what follows the verb
  ("- ông Hạnh nói và cho biết, …") is a second claim of the same speaker;
- reported speech: <speaker> [adverbs] <speech verb>[,:] <content>  ("Thứ trưởng Nguyễn Huy
  Dũng cho biết, …"; verbs in `data/lexicon/speech_verbs.json`, and the directives "yêu cầu",
  "chỉ đạo" that the annotators count when content follows); a verb ending the paragraph
  ("…, yêu cầu:") takes the next paragraph as its content;
- "Theo <speaker>, <content>" and "theo phân tích của <speaker>, …";
- a caption "Bà Lê Ngọc Hân: <statement>";
- a sentence that goes on with the last speaker: "Đồng thời nhấn mạnh, …", "Ông cũng cho
  biết…", a quotation standing alone right after a claim, a paragraph that is one quotation
  (an interview's answer);
- the items of a list a speaker announces ("…, yêu cầu: ¶ Rà soát … ¶ Bảo đảm …"), one claim
  a sentence, as the guide counts directives.

The speaker phrase ends at the verb and starts at a clause boundary. It may carry an appositive
("ông X - Phó Giám đốc Sở Y tế Hà Nội - cho biết", "bà Y, Phó Chủ tịch kiêm Tổng Thư ký
VINASA, cho biết"), put the title first ("Phó Chủ tịch UBND tỉnh Bạc Liêu - bà Cao Xuân Thu
Vân cho biết") or name a body the extractors did not ("Bí thư phường Bắc Sơn"). The speaker is
the person the phrase names, a short name resolved by the people extractor ("ông Hùng"), a
pronoun ("ông", "vị chuyên gia", "người đứng đầu cơ quan …") resolved to the last person named,
a bare title ("Bộ trưởng", "Chủ tịch UBND tỉnh") resolved to the person the article says holds
it (before, else after), "lãnh đạo <body>" resolved to the body's one named official, else the
body itself ("Bộ TT&TT nhấn mạnh", "đại diện Bkav cho rằng", "người phát ngôn Bộ Y tế cho
biết", "Chủ tịch UBND tỉnh yêu cầu" when no chairman is named). "anh", "cô", "vị này" right
before the verb are the last person named; "Bộ cũng chỉ đạo" the last "Bộ …" named; an epithet
("Vị hiệu trưởng mong muốn", "“…”, chủ tịch UEFA tức giận chia sẻ") the last person named when
that person was already quoted. A date may stand before the verb ("Bộ Y tế Iraq hôm 24/4 cho
hay"). Generic speakers ("các chuyên gia") give no claim, nor does a statement of fewer than 8
words (CONVENTIONS 8: it has no snippet), nor a verb followed by what the speech was rather
than what it said ("phát biểu khai mạc hội thảo", "nói về việc …").

Where the extractors left the speaker unmarked or the lexicon has no title for what they are:
a bare family or given name of one person named before ("”, Li cho biết", "TS. Ninh khẳng
định"), a person's or body's name marked elsewhere in the article ("Trương Hằng cho rằng",
"VEPR cảnh báo"), a person and a description of them ("X, một nhà phân tích của …, nhận
định", "Chuyên gia quân sự Nga X nhận định", "Theo chuyên gia dầu mỏ X, …"), a report of a
body ("Theo báo cáo dịch tễ của Trung tâm Y tế …, …"). An epithet of a woman or a man ("nữ bác
sĩ nói thêm") is the last person named of that gender; after a quotation it is the last person
named before the quotation opens. A quotation of several paragraphs that opens each of them
goes on with the speaker of the paragraph before.

Each claim gets a kind (statement, assessment, proposal, figure, target), its figures with
the number normalized (`kg.extract.numbers`), and the entities it mentions.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache

from kg import DATA_DIR
from kg.doc import Claim, Doc, Evidence, Mention
from kg.extract.numbers import figures, target_year
from kg.gazetteer import WORD_BEFORE, Gazetteer, alternation, gazetteer
from kg.normalize import is_word_char

_OPEN_FOR = {"”": "“", '"': '"', "'": "'‘", "’": "'‘"}
_BOUNDARY = set(',:;(“"\'‘')
_DASHES = "-–—"
_TOKENS = re.compile(r"\w+")
_SPEAKER_KINDS = ("person", "organization", "place", "country", "title", "pronoun")
_PEOPLE = ("person", "pronoun")
_HEAD_OF = re.compile(
    r"(?:[Nn]gười đứng đầu|[Vv]ị lãnh đạo|[Ll]ãnh đạo cao nhất)(?:\s+[^\s,.;:“”\"()]+){1,7}$"
)
# a closing quote and what may stand between it and the speaker: “…”, ông X nói / "…" - ông X
_TAIL = re.compile(r"([”\"'’])[ \t]*(?:[,\-–—][ \t]*)?")
# the end of the sentence after a closing quotation; not the dot of a degree before a name
# ("”, TS. Ninh khẳng định", "PGS. Hùng nói")
_SENTENCE_END = re.compile(r"(?<![A-Z])(?<![A-Z][A-Za-z])(?<![A-Z][A-Za-z]{2})[.!?…]|$", re.M)
_CONTINUES = re.compile(r"(?:Đó là|Cụ thể|Theo đó)\s*[,:]|(?:Do đó|Vì vậy|Vì thế)[,\s]")
# after the verb that closes a quotation, a second statement: "… - ông Hạnh nói và cho biết, …"
_FOLLOW = re.compile(r"\s*(?:thêm\s*)?(?:,\s*|\s+)(?:và|rồi|đồng thời)\s+")
# words that end a body's name the extractors missed ("Bộ trưởng làm việc với…" is no name)
_NOT_IN_BODY = {"với", "cùng", "tại", "khi", "trong", "sau", "trước", "đã", "đang", "sẽ", "là"}
# words that join or relate two phrases: no part of one speaker's ("Nhiều người cùng A nói")
_NOT_IN_PHRASE = _NOT_IN_BODY | {"và", "cùng", "của", "cho", "để", "hoặc", "hay", "nhưng"}
# where, to whom and about what a quotation was said: "…", ông X nhấn mạnh tại buổi làm việc
# với …, "…", ông X nói về việc …
_ADJUNCT = re.compile(r"\s*(?:tại|trong|khi|với|bên lề|trước|sau|về)\s")
_UPPER = "".join(c for c in map(chr, range(0x41, 0x1EFA)) if c.isupper())
_GLUED = re.compile(rf"[.!?](?<=\w\w.)(?=[{_UPPER}][^\W\d_A-ZĐ])")
# what stands between a speech verb and what was said: "cho biết thêm rằng, …"
_INTRO = re.compile(r"^\s*(?:thêm|rõ|lại)?\s*[,:]?\s*(?:rằng\s*[,:]?\s*)?")
# a few words of manner, place or listener, then a colon: "nói trong nước mắt: “…”"
_MANNER_COLON = re.compile(r"[^:;.!?“”\"]{1,60}:\s*(?=\S)")
# a turn of an interview's dialogue: "- VIB phát triển dòng thẻ này …?", "PV: …?", "- Đúng rồi!"
_QUESTION = re.compile(r"\s*(?:[-–—]|(?:PV|Phóng viên)\s*:)\s*\S")
# an empty match: where a sentence ends, standing for the verb a closing phrase lacks
_AT = re.compile("(?P<verb>)")
# a few lower-case words of a profession before a name: "chuyên gia dầu mỏ", "nhà thiết kế"
_PROFESSION = re.compile(r"(?:(?!(?:của|và|với|theo|cùng|các|những)\s)[^\W\d_A-ZĐ]\w*\s+){1,4}")
# where or through what something was said, between the speaker and the verb
_MEDIUM = re.compile(r"(?<!\S)(?:trên|thông qua|qua|trong|tại|bên lề)\s[^,.;:!?“”\"()]{2,60}$")
# "… <up to six words> của ": where the author of a report named after "Theo" starts
_REPORT_OF = re.compile(r"(?:[^\W\d_]+\s+){1,7}?(của)\s+")
# what joins the parts of a degree: "GS-TS", "PGS.TS"
_DEGREE_PART = re.compile(r"[-.]")
# where a word starts (after a space, or at the start)
_WORD_START = re.compile(r"(?<!\S)(?=\S)")
# what opens, stops and closes an appositive after a person's name (`appositive_before`)
_APPOSITIVE = re.compile(r"\s*(?:,|[-–—]\s|\(|(?:của|tại|thuộc)\s)")
_STOPS = re.compile(r"[.;:!?“”\"]")
_CLOSED = re.compile(r"[,)]\s*$|\s[-–—]\s*$")
# words that make the speech verb after them a noun: "nhà phân tích", "lời khuyên"
_NOMINAL = re.compile(r"(?<!\S)(?:nhà|người|lời|sự|bài|cuộc|buổi|những|các)\s+$")
# at most this many paragraphs after "…, yêu cầu:" are the items of its list
_MAX_ITEMS = 12
_LEAD = re.compile(r"^\s*(?:thêm|rõ|lại)?\s*[,:]")


# patterns of the rules below, compiled once (a pattern given as a string is looked up in
# `re`'s cache on every call, and these run for every sentence and speech verb)
_UNKNOWN_OPENER = re.compile(r"(?<!\S)[\w.]+(?:\s+[\w.]+){0,2}\s*$")
_NOT_SPEAKER_BEFORE = re.compile(r"(?<!\w)(?i:theo|với|cùng|và|của)\s")
_APPOSITIVE_TITLE = re.compile(r"(?:,|\s[-–—])\s+[A-ZĐ]\w*(?:\s+[^\W\d]+){0,3}\s*$")
_LAST_TWO_WORDS = re.compile(r"(\S+(?:\s\S+)?)$")
_SHORT_NAME = re.compile(r"(?:(?<!\S)(\S+)\s+|(?<![^\s,“\"(]))([A-ZĐ][\w'-]+)$")
_BODY_STOPS = re.compile(r"[.;:“”\"()!?]|,(?!\s*[a-zđà-ỹ])")
_EPITHET_STOPS = re.compile(r"[,.;:!?“”\"()\[\]]")
_WORD_BEFORE_NAME = re.compile(r"(\S+)\s+$")
_APPOSITIVE_AFTER_NAME = re.compile(r"\s*(?:[,(]|[-–—]\s)")
_PLACE_OPENER = re.compile(r"(?:tại|trong|trên(?!\s\d)|với|khi|về)\s|(?:\S+\s){1,2}tại\s")
_THAT = re.compile(r"\srằng\s*[,:]?\s*")
_LISTENER_OPENER = re.compile(r"(?:trong|trên(?!\s\d)|với|khi)\s")
_SHORT_CLAUSE = re.compile(r"[^:;“”\"]{1,80}")
_BAN_BEFORE = re.compile(r"[Bb]an\s$")
_WORK_AFTER = re.compile(r"\s*(?:công tác|hoạt động)\s")
_TARGET_WORDS = re.compile(r"mục tiêu|phấn đấu|chỉ tiêu")
_PROPOSAL_OPENER = re.compile(r"(?:cần|phải|nên|đề nghị)\s")


@dataclass(frozen=True)
class _Words:
    """The claim-only lists of `speech_verbs.json` (the shared ones are in `kg.gazetteer`)."""

    verbs: dict[str, str]
    directives: frozenset[str]
    objects: dict[str, list[str]]
    not_after: dict[str, list[str]]
    not_before: dict[str, list[str]]
    nouns: frozenset[str]
    prefixes: frozenset[str]
    verb_re: re.Pattern[str]
    joiner_re: re.Pattern[str]
    leader_re: re.Pattern[str]
    opener_re: re.Pattern[str]
    connective_re: re.Pattern[str]
    pronoun_re: re.Pattern[str]
    no_content_re: re.Pattern[str]
    epithet_re: re.Pattern[str]
    time_re: re.Pattern[str]
    anaphors: dict[str, str]
    anaphor_re: re.Pattern[str]
    tails: frozenset[str]
    group_re: re.Pattern[str]
    relation_re: re.Pattern[str]
    pronoun_gender: dict[str, str]
    person_words: frozenset[str]
    report_re: re.Pattern[str]
    report_starts: tuple[str, ...]
    epithet_gender: dict[str, list[str]]


@cache
def _words() -> _Words:
    data = json.loads(DATA_DIR.joinpath("lexicon", "speech_verbs.json").read_text("utf-8"))
    verbs = {**data["verbs"], **data["directive_verbs"]}
    a = alternation
    return _Words(
        verbs=verbs,
        directives=frozenset(data["directive_verbs"]),
        objects=data["directive_objects"],
        not_after=data["directive_not_after"],
        not_before=data["verb_not_before"],
        nouns=frozenset(data["noun_verbs"]),
        prefixes=frozenset(data["speaker_prefixes"]),
        # "yêu cầuHà Nam phải…": a capital right after the verb is the next word, glued on
        verb_re=re.compile(
            rf"(?P<verb>{a(list(verbs), bounded=False, not_after=WORD_BEFORE)})"
            rf"(?:(?!\w)|(?=[{_UPPER}]))"
        ),
        joiner_re=re.compile(rf"(?<!\w)(?:{a(data['speaker_joiners'], bounded=False)})\s*$"),
        leader_re=re.compile(
            rf"(?:^|(?<=[\s,(]))(?:(?P<representative>"
            rf"{a(data['representative_words'], bounded=False)})|(?P<leader>"
            rf"{a(data['leader_words'], bounded=False)}))\s+(?:của\s+)?$"
        ),
        connective_re=re.compile(
            rf"(?:^|(?<=[\s,;]))"
            rf"(?i:{a(data['clause_connectives'], bounded=False, ignore_case=True)})$"
        ),
        opener_re=re.compile(
            rf"(?:(?:{a(data['continuation_openers'], bounded=False)})\s*,?\s*)?"
            rf"(?:(?:{a(data['adverbs'], bounded=False)})\s+)*$"
        ),
        # "Bộ Y tế Iraq hôm 24/4 cho hay", "… trưa nay (30/4) xác nhận"
        time_re=re.compile(
            rf"(?<!\S)(?:(?:vào|hồi)\s+)?(?:{a(data['time_words'], bounded=False)})\s+"
            rf"(?:nay|qua|này|\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?)(?:\s*\([^()]{{1,12}}\))?$"
        ),
        anaphors=data["body_anaphors"],
        # the last words of the pronouns and anaphors: a quick test before their regexes
        tails=frozenset(w.split()[-1] for w in [*data["speaker_pronouns"],
                                                *data["body_anaphors"]]),
        anaphor_re=re.compile(
            rf"(?:^|(?<=[\s,(]))(?:{a(list(data['body_anaphors']), bounded=False)})$"
        ),
        epithet_re=re.compile(
            rf"(?i:(?:{a(data['epithet_prefixes'], bounded=False, ignore_case=True)})\s+)?"
            rf"(?i:{a(data['epithet_heads'], bounded=False, ignore_case=True)})(?!\w)"
        ),
        pronoun_gender=data["pronoun_gender"],
        epithet_gender=data["epithet_gender"],
        # the nouns of what a body or person published ("báo cáo", "phân tích"), after "Theo"
        report_re=re.compile(rf"(?:{a(data['according_nouns'], bounded=False)})\s"),
        report_starts=tuple(sorted({w.split()[0] + " " for w in data["according_nouns"]})),
        # the first words of the epithets and honorifics: a quick test before their patterns
        person_words=frozenset(w.split()[0].lower() for w in [
            *data["epithet_heads"], *data["epithet_prefixes"], *gazetteer().honorifics]),
        relation_re=re.compile(rf"(?<!\w)(?:{a(data['relation_words'], bounded=False)})(?!\w)"),
        group_re=re.compile(rf"(?<!\w)(?:{a(data['epithet_not_in'], bounded=False)})(?!\w)"),
        no_content_re=re.compile(rf"(?:{a(data['no_content_openers'], bounded=False)})(?!\w)"),
        pronoun_re=re.compile(
            rf"(?:^|(?<=[\s,(“\"]))(?:{a(data['speaker_pronouns'], bounded=False)})$"
        ),
    )


class _Context:
    def __init__(self, doc: Doc, gaz: Gazetteer) -> None:
        self.doc = doc
        self.gaz = gaz
        self.words = _words()
        self.ms = doc.mentions_of(*_SPEAKER_KINDS)
        self.people = [m for m in self.ms if m.kind == "person"]
        self.people_ends = [m.end for m in self.people]
        self.people_starts = [m.start for m in self.people]
        self.titles = [m for m in self.ms if m.kind == "title"]
        self.title_ends = [m.end for m in self.titles]
        self.title_starts = {m.start for m in self.titles}
        self.by_end: dict[int, list[Mention]] = {}
        for m in self.ms:
            self.by_end.setdefault(m.end, []).append(m)
        self.verbs = self.words.verb_re
        self._genders: dict[str, str] | None = None
        # the bodies' and people's names as written, by their last word (`_known_body`)
        self._bodies: dict[str, list[tuple[str, str, str]]] | None = None

    # -- speakers -------------------------------------------------------------------------
    def chain_before(self, pos: int, floor: int) -> tuple[list[Mention], int] | None:
        """The mentions that make up a speaker phrase ending at `pos` and where it starts.

        Walks left over mentions, appositive commas and dashes, brackets, joiners ("kiêm"),
        the words of a body a title names, honorifics and adverbs; the phrase must start at a
        clause boundary. The longest phrase that does is the speaker phrase (one person at
        most: "ông A, ông B cho biết" is B's).
        """
        i, chain = pos, []
        best = None
        for _ in range(40):
            if chain and self._at_boundary(i, floor):
                best = (list(chain), i)
            elif any(m.kind == "person" for m in chain):
                # "Chủtịch UBND TPHCM Nguyễn Thành Phong nói": one word the lexicon does not
                # know (a title glued together, a rare one) may open the phrase; so may a
                # degree or a profession it does not know, of up to three words ("Ths.BS",
                # "Bác sĩ CKII", "…, huấn luyện viên Leonardo Jardim cho rằng")
                word = _UNKNOWN_OPENER.search(self.doc.text[max(floor, i - 24) : i])
                if word and not (_NOT_IN_PHRASE.intersection(word.group(0).split())
                                 or self.words.relation_re.search(word.group(0))) and (
                        self._at_boundary(max(floor, i - 24) + word.start(), floor)):
                    best = (list(chain), max(floor, i - 24) + word.start())
                elif best is None:
                    best = self._profession(chain, i, floor)
            nxt = self._step(i, floor, chain)
            if nxt is None or nxt >= i:
                break
            i = nxt
        return best

    def _profession(self, chain: list[Mention], i: int, floor: int
                    ) -> tuple[list[Mention], int] | None:
        """"Chuyên gia quân sự Nga Igor Korotchenko nhận định": a word for a person
        (`epithet_heads`, an honorific) and at most five more words of what they do open the
        phrase at a clause boundary, none of them a word that relates or joins phrases."""
        at = max(floor, i - 60)
        seg = self.doc.text[at:i]
        starts = [m.start() for m in _WORD_START.finditer(seg)][-6:]
        for k in starts:
            phrase = seg[k:]
            words = phrase.split()
            first = words[0].lower()
            if (first not in self.words.person_words and _DEGREE_PART.split(first, 1)[0]
                    not in self.words.person_words) or _NOT_IN_PHRASE.intersection(words):
                continue  # the quick test first: the first word of one of the lists ("GS-TS")
            if not (self.words.epithet_re.match(phrase) or " ".join(words[:2]) in
                    self.gaz.honorifics or words[0] in self.gaz.honorifics):
                continue
            m = k
            if self.words.relation_re.search(phrase) or self.words.group_re.search(phrase):
                return None
            if self._at_boundary(at + m, floor):
                return list(chain), at + m
            return None
        return None

    def appositive_before(self, pos: int, floor: int) -> tuple[list[Mention], int] | None:
        """"Ruslan Leviev, một nhà phân tích của Nhóm …, nhận định": a person, then who they
        are in words the lexicon has no title for, then the verb at `pos`.

        The person's phrase starts a clause; the description after the name opens with a
        comma, a dash, a bracket or "của"/"tại", runs at most 40 words with no sentence mark,
        quotation, speech verb or other person in it, and ends with a comma or dash (at most
        16 words may go without one: "Sam Li, nhân viên tại một công ty ở Bắc Kinh cho
        rằng"). Tried only where `chain_before` found no speaker phrase.
        """
        text = self.doc.text
        lo = max(floor, pos - 220)
        k = bisect_right(self.people_ends, pos) - 1
        if k < 0 or self.people[k].end < lo:
            return None
        p = self.people[k]
        between = text[p.end : pos]
        if not _APPOSITIVE.match(between) or _STOPS.search(between.replace("TP.", "TP ")) or (
                between.count("(") != between.count(")")):
            return None  # "X (nguyên cán bộ Tạp chí Kinh tế và dự báo)": inside a name
        words = between.split()
        closed = _CLOSED.search(between) is not None
        if len(words) > (40 if closed else 16) or _NOMINAL.search(between) or any(
                not _NOMINAL.search(between, 0, v.start())
                for v in self.verbs.finditer(between)):
            return None  # a verb of its own; but "…, một nhà phân tích" is a noun
        if self.doc.mentions_in(p.end, pos, *_PEOPLE):
            return None
        got = self.chain_before(p.end, floor)
        if not got or not any(m.kind == "person" for m in got[0]) or _NOT_SPEAKER_BEFORE.search(
                text[max(floor, got[1] - 6) : p.start]):
            return None  # "Theo ông A, nhiều người cho rằng": A is not who says it
        return got

    def named(self, phrase: str) -> str | None:
        """The person whose full name the phrase is, where the people extractor marked that
        name elsewhere in the article but not here ("Theo Trương Hằng, …")."""
        phrase = " ".join(phrase.split())
        if not phrase[:1].isupper() or " " not in phrase or len(phrase) > 40:
            return None
        keys = {e.key for e in self.doc.of_kind("person") if e.name == phrase}
        return keys.pop() if len(keys) == 1 else None

    def _at_boundary(self, i: int, floor: int) -> bool:
        text = self.doc.text
        k = i
        while k > floor and text[k - 1] == " ":
            k -= 1
        if k <= floor or text[k - 1] in _BOUNDARY:
            return True
        # "…, vì vậy Bộ Y tế mong muốn …": a connective opens a clause with no comma
        return k < i and self.words.connective_re.search(text, max(floor, k - 16), k) is not None

    def _step(self, i: int, floor: int, chain: list[Mention]) -> int | None:
        """One step left along a speaker phrase: where it goes on, or None where it stops."""
        text = self.doc.text
        j = i
        while j > floor and text[j - 1] == " ":
            j -= 1
        if j <= floor:
            return None
        has_person = any(m.kind in _PEOPLE for m in chain)
        if not chain:
            lo = max(floor, j - 80)  # the pattern is tried at every position: its words first
            head = _HEAD_OF.search(text, lo, j) if (
                text.find("đứng đầu", lo, j) >= 0 or text.find("ãnh đạo", lo, j) >= 0
            ) else None
            if head:
                # "người đứng đầu cơ quan quản lý hàng không": the head of a body, named before
                chain.append(Mention(head.start(), head.end(), "pronoun", head.group(0)))
                return head.start()
            last = text[max(floor, j - 12) : j].rsplit(None, 1)[-1:]
            # the last word first: most phrases end in no pronoun or anaphor at all
            tail = last and last[0] in self.words.tails and j not in self.by_end
            body = self._body_anaphor(j, floor) if tail else None
            if body:
                chain.append(body)
                return body.start
            pro = self.words.pronoun_re.search(text, max(floor, j - 24), j) if tail else None
            if pro:
                # "”, anh nói", "Cô kể", "vị này cho biết": the last person named speaks
                chain.append(Mention(pro.start(), j, "pronoun", pro.group(0)))
                return pro.start()
        if j in self.by_end:
            m = min(self.by_end[j], key=lambda x: x.start)
            if m.kind in _PEOPLE and has_person:
                return None
            chain.append(m)
            k = m.start
            # a title that runs into the body's name ("Giám đốc Sở" + "Sở TT&TT …")
            for x in self.doc.mentions_in(k, k + 1, *_SPEAKER_KINDS):
                if x.start < k:
                    chain.append(x)
                    k = x.start
            if m.kind == "organization":
                lead = self.words.leader_re.search(text, max(floor, k - 30), k)
                if lead:
                    kind = "representative" if lead.group("representative") else "leader"
                    chain.append(Mention(lead.start(), k, kind, m.key))
                    k = lead.start()
            return k
        ch = text[j - 1]
        if ch == ")":
            k = text.rfind("(", floor, j)
            return k if k >= 0 and j - k < 80 else None
        if ch == "," or ch in _DASHES:
            # an appositive: "ông X, Cục trưởng Cục Y, cho biết", "bà Z - Phó Chủ tịch … - nói"
            k = j - 1
            while k > floor and text[k - 1] == " ":
                k -= 1
            if k in self.by_end:
                if has_person and any(x.kind in _PEOPLE for x in self.by_end[k]):
                    return None  # not past the person it describes
                return k
            if k > floor and text[k - 1] == ")":
                return k
            return self._body_words(k, floor, chain) if chain else None
        joiner = self.words.joiner_re.search(text, max(floor, j - 20), j)
        if joiner and chain:
            k = joiner.start()
            while k > floor and text[k - 1] == " ":
                k -= 1
            if k in self.by_end:
                return k
        body = self._body_words(j, floor, chain)
        if body is not None:
            return body
        if chain:
            # "ông X - Phó giám đốc Sở Y", "…, Chuyên gia xuất sắc Trung tâm Z": a title the
            # lexicon does not know, in an appositive
            known = _APPOSITIVE_TITLE.search(text[max(floor, j - 50) : j])
            if known:
                k = max(floor, j - 50) + known.start()
                if k in self.by_end and not (
                    has_person and any(x.kind in _PEOPLE for x in self.by_end[k])
                ):
                    return k
        when = None if chain or not (text[j - 1].isdigit() or text[j - 1] in ")aáy") else (
            self.words.time_re.search(text, max(floor, j - 40), j))
        if when:
            return when.start()  # a date between the speaker and the verb
        where = None if chain else _MEDIUM.search(text, max(floor, j - 70), j)
        if where:
            # "Ông Newsom thông qua mạng xã hội Twitter cảnh báo", "Viettel trên trang chủ
            # thông báo": the medium or the place of the speech between the speaker and the verb
            k = where.start()
            for _ in range(3):  # "Ông X mới đây thông qua …": adverbs before the medium
                while k > floor and text[k - 1] == " ":
                    k -= 1
                before = text[max(floor, k - 16) : k].split()
                if before[-2:] and " ".join(before[-2:]) in self.gaz.speech_adverbs:
                    k -= len(" ".join(before[-2:]))
                elif before[-1:] and before[-1] in self.gaz.speech_adverbs:
                    k -= len(before[-1])
                else:
                    break
            if any(m.kind in ("person", "organization") for m in self.by_end.get(k, ())) and (
                    not self.doc.mentions_in(k, j, "person")):
                return k
        short = None if has_person else self._short_name(j, floor)
        if short:
            chain.append(short)
            return short.start
        body = None if chain else self._known_body(j, floor)
        if body:
            chain.append(body)
            return body.start
        word = _LAST_TWO_WORDS.search(text[max(floor, j - 24) : j])
        if word:
            w2 = word.group(1)
            w1 = w2.split(" ")[-1]
            for w in (w2, w1):
                if w in self.gaz.speech_adverbs or (
                    chain and (w in self.gaz.honorifics or w in self.words.prefixes)
                ):
                    return j - len(w)
        return None

    def _body_anaphor(self, j: int, floor: int) -> Mention | None:
        """"Bộ cũng chỉ đạo…", "Tập đoàn này cho biết…": the last body named with that head.

        The head is the first word of the body's name as the article wrote it ("Bộ" for
        "Bộ GD-ĐT"), named in the 1,500 characters before.
        """
        found = self.words.anaphor_re.search(self.doc.text, max(floor, j - 16), j)
        if not found:
            return None
        head = self.words.anaphors[found.group(0)]
        for m in reversed(self.doc.mentions_in(max(0, found.start() - 1500), found.start(),
                                               "organization")):
            if self.doc.text.startswith(head, m.start):
                return Mention(found.start(), j, "organization", m.key)
        return None

    def _known_body(self, j: int, floor: int) -> Mention | None:
        """"VEPR cảnh báo …", "Ajax Amsterdam thông báo …", "Trương Hằng cho rằng …": a
        body's name or a person's full name, written as the article writes it where the
        extractors marked it, but unmarked here.

        The name must be capitalized and start a clause; the longest such name ending at `j`.
        An acronym that ends a name ("Viện VEPR") stands for it alone too.
        """
        text = self.doc.text
        last = _last_word(text, max(floor, j - 30), j)
        if not last[:1].isupper():
            return None  # the quick test first: a name ends in a capitalized word
        if self._bodies is None:
            forms: dict[str, tuple[str, str]] = {}
            for m in self.ms:
                if m.kind == "organization" or (m.kind == "person" and " " in m.key):
                    form = text[m.start : m.end]
                    if m.kind == "organization" or len(form.split()) > 1:
                        forms.setdefault(form, (m.kind, m.key))
            for form, (kind, key) in list(forms.items()):
                words = form.split()
                if kind == "organization" and len(words) > 1 and len(words[-1]) >= 3 and (
                        words[-1].isupper() and words[-1].isalpha()):
                    forms.setdefault(words[-1], (kind, key))  # "Viện VEPR" is "VEPR" too
            self._bodies = {}
            for f, (kind, key) in forms.items():
                if f[:1].isupper() and len(f) > 2:
                    self._bodies.setdefault(f.split()[-1], []).append((f, kind, key))
        best = None
        for form, kind, key in self._bodies.get(last, ()):
            a = j - len(form)
            if a >= floor and text.startswith(form, a) and (a == 0 or not is_word_char(
                    text[a - 1])) and self._at_boundary(a, floor) and (
                    best is None or a < best.start):
                best = Mention(a, j, kind, key)
        return best

    def _short_name(self, j: int, floor: int) -> Mention | None:
        """"ông Đường": an honorific and the given name of the one person the article named so.

        The people extractor leaves some given names that are also common words unmarked.
        """
        text = self.doc.text
        at = max(floor, j - 30)
        if not _last_word(text, at, j)[:1].isupper():
            return None  # the quick test first: a name ends in a capitalized word
        m = _SHORT_NAME.search(text[at:j])
        if not m:
            return None
        given = m.group(2)
        start = at + m.start(2)
        if m.group(1) is not None and m.group(1).rstrip(".") in self.gaz.honorifics:
            named = {p.key for p in self.people if p.end <= j} | {
                e.key for e in self.doc.of_kind("person") if e.name.split()[-1:] == [given]
            }
            keys = {k for k in named if k.split("@")[0].split()[-1:] == [given.lower()]}
        else:
            k = start
            while k > floor and text[k - 1] == " ":
                k -= 1
            if not (self._at_boundary(start, floor)
                    or any(t.kind == "title" for t in self.by_end.get(k, []))):
                return None
            # "…”, Li cho biết", "Kim khẳng định", "HLV Zidane nói": a bare family or given
            # name at a clause's start (or after a title) of the one person named before with
            # it as the first or the last word of the name; the people extractor leaves such
            # short forms unmarked where they are also common words or foreign
            low = given.lower()
            keys = {p.key for p in self.people[: bisect_right(self.people_ends, j)]
                    if len(p.key.split("@")[0].split()) > 1
                    and low in (p.key.split("@")[0].split()[0], p.key.split("@")[0].split()[-1])}
        if len(keys) != 1:
            return None
        return Mention(start, j, "person", keys.pop())

    def _body_words(self, j: int, floor: int, chain: list[Mention]) -> int | None:
        """The end of a title the words before `j` follow as its body's name, if they do.

        "Bí thư phường Bắc Sơn", "Chủ tịch UBND thị xã Vĩnh Châu", "Trưởng Ban Chỉ đạo phòng,
        chống dịch Covid-19 TP Hà Nội": a title, then at most ten words naming a body, at
        least one of them capitalized, none a speech verb or a word that starts a phrase of
        its own ("với", "tại"…).
        """
        text = self.doc.text
        k = bisect_left(self.title_ends, j) - 1
        while k >= 0 and self.titles[k].end >= j - 90:
            t = self.titles[k]
            k -= 1
            if t.start < floor or t.end >= j:
                continue
            between = text[t.end : j]
            if _BODY_STOPS.search(between):
                return None
            toks = between.replace(",", " ").split()
            if not toks or len(toks) > 10 or any(w in _NOT_IN_BODY for w in toks):
                return None
            if self.verbs.search(between) or not (
                any(w[:1].isupper() for w in toks) or (chain and len(toks) <= 2)
            ):
                return None  # a name, or "tỉnh", "thành phố" before one
            if self.doc.mentions_in(t.end, j, *_PEOPLE):
                return None
            return t.end
        return None

    def epithet(self, a: int, b: int, said: list[Claim],
                before: int | None = None) -> tuple[str, str] | None:
        """The person an epithet before a speech verb stands for: the last one named.

        "Vị hiệu trưởng mong muốn…", "”, nữ diễn viên 50 tuổi chia sẻ", "”, chủ tịch UEFA tức
        giận chia sẻ thêm": at most seven words, starting with a word for a person
        (`epithet_heads`) or a title, naming no person, pronoun or body of its own and nothing
        of a group ("các chuyên gia" is no one). The person must be named in the 1,500
        characters before it and have spoken before (a claim in `said` ends before it): an
        epithet refers back to whom the story is quoting, while "người phát ngôn", "luật sư"
        of someone not yet quoted are often a new speaker, named later or not at all. After a
        quotation that opens at `before`, the epithet is the last person named in the 800
        characters before the opening mark, quoted yet or not ("“…”, Phó đô đốc Pháp nhận
        định"): a person named inside the quotation is whom it speaks of.
        """
        quoted = before is None
        if quoted and not any(c.speaker_kind == "person" and c.evidence.start < a for c in said):
            return None  # nobody quoted yet: the quick test first
        text = self.doc.text
        while a < b and text[a] == " ":
            a += 1
        span = text[a:b].rstrip()
        if not span or len(span.split()) > 7 or _EPITHET_STOPS.search(span):
            return None
        if not self.words.epithet_re.match(span) and not any(
            m.start == a for m in self.doc.mentions_in(a, a + 1, "title")
        ):
            return None
        if self.words.group_re.search(span) or self.doc.mentions_in(
            a, b, "person", "pronoun", "organization"
        ):
            return None
        k = bisect_right(self.people_ends, a if before is None else before) - 1
        low = span.lower()
        gender = next((g for g, heads in self.words.epithet_gender.items()
                       if any(low.startswith(h) for h in heads)), None)
        while gender and k >= 0 and self.gender(self.people[k].key) not in (None, gender):
            k -= 1  # "nữ bác sĩ", "cựu Hoa hậu": the last person of that gender
        if k < 0 or self.people[k].end < (a - 1500 if before is None else before - 800):
            return None
        key = self.full_name(self.people[k])
        if quoted and not any(c.speaker == key and c.evidence.start < a for c in said):
            return None
        return "person", key

    def resolve(self, chain: list[Mention], pos: int) -> tuple[str, str] | None:
        """(kind, key) of the speaker a phrase names."""
        ordered = sorted(chain, key=lambda m: m.start)
        orgs = [m for m in ordered if m.kind == "organization"]
        for m in ordered:
            if m.kind == "person":
                return "person", self.full_name(m)
        for m in ordered:
            if m.kind == "pronoun":
                p = self.last_person(m.start, gender=self.words.pronoun_gender.get(m.key))
                return ("person", p) if p else None
        for m in ordered:
            if m.kind == "leader":
                p = self.sole_member(m.key)
                return ("person", p) if p else ("organization", m.key)
            if m.kind == "representative":
                return "organization", m.key
        for m in ordered:
            if m.kind == "title":
                p = self.holder(m, ordered, pos)
                if p:
                    return "person", p
                # "Chủ tịch UBND tỉnh yêu cầu…" in an article that names nobody before: the
                # body speaks (when someone was named, the title may well be theirs)
                if orgs and bisect_right(self.people_ends, pos) == 0:
                    return "organization", orgs[0].key
                return None
        if orgs:
            return "organization", orgs[0].key
        return None

    def full_name(self, m: Mention) -> str:
        """The person a short name stands for: the one named in full before who bears it.

        "Thủ tướng Lý Hiển Long … Ông Lý cho biết": a family name first (Chinese, Korean
        names) is not the given name the resolver joins on, so "Lý" would be a person of its
        own; nor is a given name of two words ("PGS Thành Nam" after "Trần Thành Nam").
        """
        word = m.key.split("@")[0]
        if " " in word:
            # "BS Ánh Tú", "PGS Thành Nam": the last words of one full name given before
            words = word.split()
            keys = {p.key for p in self.people[: bisect_right(self.people_ends, m.start)]
                    if len(p.key.split("@")[0].split()) > len(words)
                    and p.key.split("@")[0].split()[-len(words) :] == words}
            return keys.pop() if len(keys) == 1 else m.key
        keys = set()
        for p in self.people[: bisect_right(self.people_ends, m.start)]:
            names = p.key.split("@")[0].split()
            if len(names) > 1 and word in (names[0], names[-1]):
                keys.add(p.key)
        return keys.pop() if len(keys) == 1 else m.key

    def last_person(self, pos: int, role: str | None = None,
                    gender: str | None = None) -> str | None:
        """The last person named before `pos` (holding `role`, of `gender`, when given).

        A person whose gender the article does not show fits any `gender`.
        """
        holders = {ms.person for ms in self.doc.memberships if ms.role == role} if role else None
        for k in range(bisect_right(self.people_ends, pos) - 1, -1, -1):
            m = self.people[k]
            if (holders is None or m.key in holders) and (
                    gender is None or self.gender(m.key) in (None, gender)):
                return m.key
        return None

    def gender(self, key: str) -> str | None:
        """"m", "f" or None: what the honorifics before the person's name say, else the
        middle name ("Thị" a woman's, "Văn" a man's)."""
        if self._genders is None:
            seen: dict[str, set[str]] = {}
            for m in self.people:
                at = max(0, m.start - 12)
                word = _WORD_BEFORE_NAME.search(self.doc.text[at : m.start])
                g = self.words.pronoun_gender.get(word.group(1)) if word else None
                if g and not self.doc.mentions_in(at + word.start(), at + word.end(1)):
                    # not "Anh" of "Thủ tướng Anh Theresa May": a word no mention covers
                    seen.setdefault(m.key, set()).add(g)
            self._genders = {k: v.pop() for k, v in seen.items() if len(v) == 1}
        if key in self._genders:
            return self._genders[key]
        name = f" {key.split('@')[0]} "
        return "f" if " thị " in name else "m" if " văn " in name else None

    def holder(self, title: Mention, chain: list[Mention], pos: int) -> str | None:
        """Who holds the title a bare title names: the last holder named before, else after.

        With a body ("Chủ tịch UBND tỉnh Thừa Thiên Huế") the holder must hold it in that
        body, or in a body the article does not state.
        """
        role = self.gaz.title_role.get(title.key, title.key)
        keys = {o.key for o in chain if o.kind == "organization"}
        places = {m.key for m in chain if m.kind in ("place", "country")}

        def fits(org: str | None) -> bool:
            if org is None:
                return True
            if keys:
                return org in keys
            # "Thủ tướng Singapore" is not Việt Nam's; "Chủ tịch tỉnh Sóc Trăng" is UBND's
            return not places or any(org == p or org.endswith(":" + p) for p in places)

        holders = {ms.person for ms in self.doc.memberships if ms.role == role and fits(ms.org)}
        if not holders:
            # "Phó Bí thư Thành ủy nói" of the one "Phó Bí thư Thường trực" named: the bare
            # title may leave off the words that make the position more precise
            holders = {ms.person for ms in self.doc.memberships
                       if ms.role.lower().startswith(role.lower() + " ") and fits(ms.org)}
        if not holders:
            return None
        for k in range(bisect_right(self.people_ends, pos) - 1, -1, -1):
            if self.people[k].key in holders:
                return self.people[k].key
        for k in range(bisect_left(self.people_starts, pos), len(self.people)):
            if self.people[k].key in holders:
                return self.people[k].key
        return None

    def sole_member(self, org: str) -> str | None:
        """The one person the article names in a position of `org` ("lãnh đạo Sở Y tế")."""
        members = {ms.person for ms in self.doc.memberships if ms.org == org}
        return next(iter(members)) if len(members) == 1 else None


def extract(doc: Doc) -> None:
    gaz = gazetteer()
    ctx = _Context(doc, gaz)
    found = _quotes(doc, ctx)
    quoted = sorted((c.evidence.start, c.evidence.end) for c in found)
    captions: set[int] = set()
    for para in doc.blocks:
        for s, e in _sentences(doc, para):
            if _inside(quoted, s) or _inside_claims(found, s):
                continue
            prev = _previous(found, s)
            claim = _according(doc, ctx, s, e) or _reported(doc, ctx, s, e, prev, found)
            if claim is None and s == para[0]:
                claim = _caption(doc, ctx, s, e)
                if claim:
                    captions.add(id(claim))
            if claim:
                found.append(claim)
    _list_items(doc, found)
    _interview(doc, ctx, found)
    _lone_quotes(doc, ctx, found)
    for claim in _dedupe(found, captions):
        _describe(doc, gaz, claim)
        doc.claims.append(claim)


def _sentences(doc: Doc, para: tuple[int, int]) -> list[tuple[int, int]]:
    """The paragraph's sentences, split also where the source glued two together.

    "… nhập cảnh trái phép.Theo Bộ Y tế, …": a lower-case word, a full stop and a capitalized
    word with no space between are two sentences ("TP.HCM", "Tp.HCM" are not: the word
    before is not all lower case, or the one after is all capitals).
    """
    out = []
    text = doc.text
    for s, e in doc.sentences_in(*para):
        # (a glue needs a mark with two characters after it: most sentences have none but
        # their last, and a search for three characters is quicker than the pattern's)
        glued = text.find(".", s, e - 1) >= 0 or text.find("!", s, e - 1) >= 0 or text.find(
            "?", s, e - 1) >= 0
        for m in _GLUED.finditer(doc.text, s, e) if glued else ():
            word_start = m.start()
            while word_start > s and is_word_char(doc.text[word_start - 1]):
                word_start -= 1
            if doc.text[word_start : m.start()].islower():
                out.append((s, m.end()))
                s = m.end()
        out.append((s, e))
    return out


def _last_word(text: str, at: int, j: int) -> str:
    """The word that ends at `j` (not before `at`), without the marks that open it."""
    words = text[at:j].rsplit(None, 1)
    return words[-1].lstrip("“\"‘'([") if words else ""


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    # plain loops: these run for every sentence, and a generator costs more than the test
    for s, e in spans:
        if s <= pos < e:
            return True
    return False


def _inside_claims(found: list[Claim], pos: int) -> bool:
    for c in found:
        if c.evidence.start <= pos < c.evidence.end:
            return True
    return False


def _previous(found: list[Claim], pos: int) -> Claim | None:
    """The claim that ends last before `pos` (the first of those that end together)."""
    best = None
    for c in found:
        if c.evidence.end <= pos + 1 and (best is None or c.evidence.end > best.evidence.end):
            best = c
    return best


def _make(doc: Doc, speaker: tuple[str, str], text: str, s: int, e: int, kind: str,
          quote: bool = False) -> Claim | None:
    text = text.strip(" ,:;-–")
    if len(_TOKENS.findall(text)) < 8:
        return None
    return Claim(speaker[1], speaker[0], text, Evidence(doc.text[s:e], s, e), kind, quote)


def _sentence_end(text: str, start: int, limit: int) -> int:
    """Where the sentence going on at `start` ends, a quotation inside it counted whole."""
    inside: str | None = None
    for k in range(start, limit):
        ch = text[k]
        if inside:
            if ch == inside:
                inside = None
        elif ch == "“":
            inside = "”"
        elif ch == '"' and text.find('"', k + 1, limit) > 0:
            inside = '"'
        elif ch in ".!?…" and not text[k + 1 : k + 2].isalnum():
            return k
    return limit


def _quote_pair_end(text: str, start: int, end: int, limit: int) -> int:
    """`end`, or past the quotation `text[start:end]` leaves open and the sentence after it."""
    seg = text[start:end]
    if seg.count("“") > seg.count("”"):
        close = text.find("”", end, limit)
    elif seg.count('"') % 2:
        close = text.find('"', end, limit)
    else:
        return end
    if close < 0:
        return end
    return _sentence_end(text, close, limit)


# -- quotations ---------------------------------------------------------------------------


def _quotes(doc: Doc, ctx: _Context) -> list[Claim]:
    """“…”, ông X nói. / "…" - ông X nói. — a quotation closed by its speaker."""
    out: list[Claim] = []
    text = doc.text
    for bi, para in enumerate(doc.blocks):
        straight, counted = 0, para[0]  # the straight marks before `counted`, kept as it goes
        for m in _TAIL.finditer(text, para[0], para[1]):
            close = m.start()
            if text[close] == '"':
                straight += text.count('"', counted, close)
                counted = close
                if straight % 2 == 0 < straight:
                    continue  # an opening straight quote
            sent_end = _SENTENCE_END.search(text, m.end(), para[1])
            end = sent_end.start() if sent_end else para[1]
            hit = None
            for v in ctx.verbs.finditer(text, m.end(), min(end, m.end() + 250)):
                got = ctx.chain_before(v.start(), m.end())
                if not got or all(x.kind in ("place", "country") for x in got[0]):
                    # no phrase, or one of places only ("…, Hà Nội cho biết"): an appositive,
                    # where the sentence ends at the verb ("…, Chuyên gia Trung tâm phân tích
                    # chính sách châu Âu khuyến nghị": not "phân tích", a body's word)
                    rest = text[v.end() : end]
                    if len(rest.split()) <= 3 or _FOLLOW.match(rest) or _ADJUNCT.match(rest):
                        got = ctx.appositive_before(v.start(), m.end()) or got
                if got:
                    hit = v, got
                    break
            if hit is None:
                # "“…”, chủ tịch UEFA tức giận chia sẻ thêm.": an epithet for the last person
                # (after a quotation, one named just before it, quoted yet or not)
                a = m.end()
                while a < end and text[a] == " ":
                    a += 1
                first = text[a : a + 16].split(None, 1)[:1]
                opening = _open_quote(doc, bi, close, _said_until(out, para)) if (
                    a in ctx.title_starts or first and first[0].lower() in ctx.words.person_words
                    and ctx.words.epithet_re.match(text, a, end)) else None
                for v in ctx.verbs.finditer(text, m.end(), min(end, m.end() + 80)) if (
                        opening is not None) else ():
                    said = ctx.epithet(m.end(), v.start(), out, before=opening)
                    if said:
                        hit = v, ([Mention(m.end(), v.start(), "person", said[1])], m.end())
                    break
            if hit is None:
                hit = _tail_speaker(ctx, m.end(), end)
            if hit is None:
                continue
            v, got = hit
            rest = text[v.end() : end]
            follow = _FOLLOW.match(rest)
            if not follow and rest.strip(" ./") and len(rest.split()) > 3 and not _ADJUNCT.match(
                rest
            ):
                continue
            speaker = ctx.resolve(got[0], v.start())
            opening = _open_quote(doc, bi, close, _said_until(out, para))
            if speaker is None or opening is None:
                continue
            kind = ctx.words.verbs.get(v.group("verb"), "statement")
            claim = _make(doc, speaker, text[opening + 1 : close], opening,
                          min(para[1], end + 1), kind, quote=True)
            if claim:
                out.append(claim)
            if follow:
                more = _follow_on(doc, ctx, speaker, v.end() + follow.end(), para)
                if more:
                    out.append(more)
    return out


def _tail_speaker(ctx: _Context, start: int, end: int
                  ) -> tuple[re.Match[str], tuple[list[Mention], int]] | None:
    """"“…”, ông Liêm ngậm ngùi.": a person closing a quotation with a verb the lexicon lacks.

    The person's phrase starts right after the closing mark and at most four lower-case words
    end the sentence after it; the match returned stands for the verb (an empty one at the
    sentence's end), with the phrase.
    """
    text = ctx.doc.text
    k = bisect_left(ctx.people_starts, start)
    if k >= len(ctx.people) or ctx.people[k].start > start + 40 or ctx.people[k].end > end:
        return None
    p = ctx.people[k]
    got = ctx.chain_before(p.end, start)
    if not got or got[1] > start + 1:
        return None
    v = ctx.verbs.search(text, p.end, end)
    if v is not None:
        # "”, HLV X buồn bã cho biết thêm": a few words of manner before the verb
        words = text[p.end : v.start()].split()
        if 1 <= len(words) <= 3 and all(w.isalpha() and w.islower() for w in words):
            return v, got
    words = text[p.end : end].split()
    if not 1 <= len(words) <= 4 or not all(w.isalpha() and w.islower() for w in words):
        return None
    return _AT.match(text, end), got


def _follow_on(doc: Doc, ctx: _Context, speaker: tuple[str, str], pos: int,
               para: tuple[int, int]) -> Claim | None:
    """"… - ông Hạnh nói và cho biết, <content>": the second statement after the quotation."""
    text = doc.text
    v = ctx.verbs.match(text, pos)
    if v is None:
        return None
    end = _sentence_end(text, v.end(), para[1])
    content = _INTRO.sub("", text[v.end() : end])
    return _make(doc, speaker, content, pos, min(para[1], end + 1),
                 ctx.words.verbs[v.group("verb")])


def _open_in(text: str, start: int, close: int, nearest: bool = False) -> int | None:
    """Where the quotation that closes at `close` opens in text[start:close], if it does there.

    A boundary before the opening mark and a capital after it: the nearest such straight mark
    with the straight marks between it and `close` paired ('"A "B" C", ông X nói'), else the
    first such mark, or the `nearest` one before `close`.
    """
    openers = _OPEN_FOR[text[close]]
    curly = text[close] == "”"
    best = None
    straight = 0  # the straight marks between the one looked at and `close`
    k = close
    while True:
        # only the marks, right to left (not every character: paragraphs run long)
        k = text.rfind(openers, start, k) if len(openers) == 1 else max(
            text.rfind(o, start, k) for o in openers)
        if k < 0:
            return best
        ch = text[k]
        if curly and ch == "“":
            return k
        j = k
        while j > start and text[j - 1].isspace():
            j -= 1
        if (j == start or text[j - 1] in ".:!?,") and text[k + 1 : k + 2].isupper():
            if nearest or (ch == '"' and straight % 2 == 0):
                return k  # the nearest mark with the straight marks inside it paired
            best = k
        straight += ch == '"'


def _said_until(out: list[Claim], para: tuple[int, int]) -> int:
    """Where the last quotation already attributed in the paragraph ends (else its start)."""
    return max((c.evidence.end for c in out if para[0] <= c.evidence.start < para[1]),
               default=para[0])


def _open_quote(doc: Doc, bi: int, close: int, start: int | None = None) -> int | None:
    """Where the quotation that closes at `close` (in block `bi`) opens.

    In the same paragraph, after `start` (the end of the quotation before it that was already
    attributed: in a paragraph of many quotations, as the corpora's one-paragraph articles
    are, a straight mark before that is another quotation's), or, when the paragraph has no
    opening mark before it, in one of the three before it: a quotation of several paragraphs
    opens in the first and closes in the last.
    """
    text = doc.text
    if start is None or start >= close:
        start = doc.blocks[bi][0]
    elif start > doc.blocks[bi][0]:
        k = _open_in(text, start, close, nearest=True)
        if k is None and text[close] == '"':
            # "… tiền vệ này "Thỉnh thoảng …", Mourinho chia sẻ": the nearest mark before a
            # capital, where no boundary stands before any
            k = text.rfind('"', start, close)
            while k >= 0 and not text[k + 1 : k + 2].isupper():
                k = text.rfind('"', start, k)
            k = k if k >= 0 else None
        return k
    mark = text[close]
    k = _open_in(text, start, close)
    if k is not None or mark not in "”\"":
        return k
    opener = "“" if mark == "”" else '"'
    if text.find(opener, start, close) >= 0:
        return None
    for b in range(bi - 1, max(-1, bi - 4), -1):
        s, e = doc.blocks[b]
        if mark == "”":
            o, c = text.rfind("“", s, e), text.rfind("”", s, e)
            if c > o:
                return None
            if o >= 0:
                return o if text[o + 1 : o + 2].isupper() else None
        else:
            n = text.count('"', s, e)
            if n % 2:
                o = text.rfind('"', s, e)
                return o if text[o + 1 : o + 2].isupper() else None
            if n:
                return None
    return None


def _lone_quotes(doc: Doc, ctx: _Context, found: list[Claim]) -> None:
    """A quotation standing alone as a sentence continues the last claim's speaker.

    So does a paragraph that is one quotation from its first mark to its last (the answer
    of an interview, a quotation of several sentences after "…, ông X cho biết:").
    """
    text = doc.text
    for bi, para in enumerate(doc.blocks):
        whole = _whole_quote(text, para)
        running = None if whole else _running_quote(doc, bi)
        if (whole or running) and not _inside_claims(found, para[0]):
            last = _previous(found, para[0])
            if running and last is not None and (
                    bi == 0 or last.evidence.end < doc.blocks[bi - 1][0]):
                last = None  # a running quotation goes on from a claim of the paragraph before
            whole = whole or running
            if last is not None and para[0] - last.evidence.end <= 1200 and not any(
                m.key != last.speaker
                for m in doc.mentions_in(last.evidence.end, para[0], "person")
            ):
                # nobody else named in between: the same speaker goes on
                claim = _make(doc, (last.speaker_kind, last.speaker), text[para[0] + 1 : whole],
                              para[0], para[1], "statement", quote=True)
                if claim:
                    found.append(claim)
                    continue
        for s, e in doc.sentences_in(*para):
            if text[s] not in "“\"'‘" or _inside_claims(found, s):
                continue
            closers = {"“": "”", '"': '"', "'": "'’", "‘": "’'"}[text[s]]
            body_end = max(text.rfind(c, s + 1, e) for c in closers)
            if body_end < 0 or text[body_end + 1 : e].strip(" .!?…"):
                continue
            last = _previous(found, s)
            if last is None or s - last.evidence.end > 1200:
                continue
            before = text[max(para[0], s - 20) : s]
            if ctx.gaz.name_quote_before_re.search(before):
                continue
            claim = _make(doc, (last.speaker_kind, last.speaker), text[s + 1 : body_end], s, e,
                          "statement", quote=True)
            if claim:
                found.append(claim)


def _list_items(doc: Doc, found: list[Claim]) -> None:
    """The items of a list a speaker announces: "…, yêu cầu: ¶ Học viện cần … ¶ Xây dựng …".

    A claim whose paragraph ends with a colon ("…, ông X yêu cầu:", "… trong thời gian tới.
    Cụ thể:") goes on in the paragraphs after it: each of their sentences is a claim of the
    same speaker (the guide counts a directive per sentence). The list ends at a paragraph
    that is no item: a heading (no closing punctuation), a long paragraph, one that names
    another person, one already said by someone, or one that opens a list of its own.
    """
    text = doc.text
    for claim in list(found):
        para = _block_of(doc, claim.evidence.start)
        if para is None or not text[para[0] : para[1]].rstrip().endswith(":"):
            continue
        last = _sentences(doc, para)[-1]
        if not (claim.evidence.start <= last[0] < claim.evidence.end
                or len(text[last[0] : last[1]].split()) <= 3):
            continue  # the colon is the claim's own ("…, yêu cầu:") or a "Cụ thể:" after it
        k = bisect_right(doc.blocks, (para[1], 1 << 60))
        for b in range(k, min(len(doc.blocks), k + _MAX_ITEMS)):
            s, e = doc.blocks[b]
            item = text[s:e].rstrip()
            if (len(item) > 600 or not item or item[-1] not in ".;!…" or item.endswith(":")
                    or _inside_claims(found, s)
                    or any(m.key != claim.speaker
                           for m in doc.mentions_in(s, e, "person", "pronoun"))):
                break
            for a, z in _sentences(doc, (s, e)):
                if not _inside_claims(found, a):
                    got = _make(doc, (claim.speaker_kind, claim.speaker),
                                text[a:z].lstrip("-+•*– "), a, z, claim.kind)
                    if got:
                        found.append(got)


def _interview(doc: Doc, ctx: _Context, found: list[Claim]) -> None:
    """The answers of an interview: the paragraphs after its questions.

    An article with at least two paragraphs that end with a question mark and two that open
    a turn of the dialogue ("- …", "PV: …") is an interview; the person named last
    before the first question (the lead introduces them) answers. Each paragraph after a
    question, up to the next one, is one claim of theirs, as a quotation would be; a
    paragraph already said by someone is left to that claim.
    """
    text = doc.text
    questions = [b for b, (s, e) in enumerate(doc.blocks) if text[s:e].rstrip().endswith("?")]
    turns = sum(1 for s, e in doc.blocks if _QUESTION.match(text, s, e))
    if len(questions) < 2 or turns < 2:
        return
    first = doc.blocks[questions[0]][0]
    k = bisect_right(ctx.people_ends, first) - 1
    if k < 0:
        return
    speaker = ("person", ctx.full_name(ctx.people[k]))
    asked = set(questions)
    for b in range(questions[0] + 1, len(doc.blocks)):
        s, e = doc.blocks[b]
        if b in asked or _inside_claims(found, s) or text[s:e].rstrip()[-1:] not in ".!…\"”":
            continue  # a question, a claim already, or a line that is no answer (a byline)
        claim = _make(doc, speaker, text[s:e].lstrip("-–— "), s, e, "statement", quote=True)
        if claim:
            found.append(claim)


def _running_quote(doc: Doc, bi: int) -> int | None:
    """Where the text of a paragraph of a quotation that goes on in the next one ends.

    A quotation of several paragraphs opens each of them with a mark and closes only in its
    last: the paragraph opens with a mark and closes none, and the next paragraph opens with
    the same mark too or closes the quotation.
    """
    text = doc.text
    s, e = doc.blocks[bi]
    mark = text[s : s + 1]
    if bi + 1 >= len(doc.blocks) or mark not in "“\"" or mark == "“" and "”" in text[s:e] or (
            mark == '"' and text.count('"', s, e) % 2 == 0):
        return None
    ns, ne = doc.blocks[bi + 1]
    if text[ns : ns + 1] != mark and (
            "”" not in text[ns:ne] if mark == "“" else text.count('"', ns, ne) % 2 == 0):
        return None
    return len(text[:e].rstrip())


def _whole_quote(text: str, para: tuple[int, int]) -> int | None:
    """Where the quotation that is the whole paragraph closes, if the paragraph is one.

    It opens with the paragraph and closes at its end (a full stop may follow), and no mark
    closes it before: "“A”, ông X nói. “B”" is two quotations, not one.
    """
    s, e = para
    opener = text[s : s + 1]
    if opener not in "“\"":
        return None
    tail = text[s:e].rstrip(" .!?…")
    close = s + len(tail) - 1
    if close <= s + 1 or text[close] != ("”" if opener == "“" else '"'):
        return None
    inner = text[s + 1 : close]
    if opener == '"':
        return None if '"' in inner else close
    depth = 1
    for ch in inner:
        depth += (ch == "“") - (ch == "”")
        if depth == 0:
            return None
    return close if depth == 1 else None


# -- reported speech ----------------------------------------------------------------------


def _according(doc: Doc, ctx: _Context, s: int, e: int) -> Claim | None:
    """Theo <speaker>, <content>."""
    text = doc.text
    sentence = text[s:e]
    if "heo" not in sentence:  # no "Theo"/"theo": most sentences (a quick test before the scan)
        return None
    # matched in the sentence cut out, so that it may start right after a glued full stop
    for m in ctx.gaz.according_re.finditer(sentence):
        start, after = s + m.start(), s + m.end()
        # "Theo X, …" and "Theo lãnh đạo Cục Y: “…”"
        comma = min((k for k in (text.find(",", after, e), text.find(":", after, e)) if k >= 0),
                    default=-1)
        if comma < 0:
            continue
        pron = ctx.gaz.pronoun_phrase_re.match(text[after:comma])
        if pron:
            p = ctx.last_person(start)
            if p:
                return _make(doc, ("person", p), text[comma + 1 : e], s, e, "statement")
            continue
        # the phrase between "Theo" and the comma must be a speaker phrase, all of it
        got = ctx.chain_before(comma, after - 1)
        k = bisect_left(ctx.people_starts, after)
        if (not got or got[1] > after + 4) and k < len(ctx.people) and (
                text[ctx.people[k].end : comma].strip() == ""
                and _PROFESSION.fullmatch(text, after, ctx.people[k].start)):
            # "Theo chuyên gia dầu mỏ X, …": a profession before the name
            got = [ctx.people[k]], after
        if got is None and comma - after < 40 and text[after : after + 1].isupper():
            named = ctx.named(text[after:comma])
            if named:
                got = [Mention(after, comma, "person", named)], after
        base = start + 5  # after "Theo "
        if (not got or got[1] > after + 4) and text.startswith(("một ", *ctx.words.report_starts),
                                                              base):
            # "Theo báo cáo dịch tễ của Trung tâm Y tế huyện X, …", "Theo một phân tích khác
            # của Gartner, …": a report's noun, a few words about it, "của" and its author
            of = _REPORT_OF.match(text, base, comma)
            if of and ctx.words.report_re.match(text, base + (
                    4 if text.startswith("một ", base) else 0)):
                author = ctx.chain_before(comma, of.end() - 1)
                if author and author[1] <= of.end() + 4:
                    got, after = author, author[1]
        if got and got[1] <= after + 4:
            speaker = ctx.resolve(got[0], start)
            if speaker is not None:
                comma = _past_appositive(doc, comma, e)
                return _make(doc, speaker, text[comma + 1 : e], s, e, "statement")
            continue
        claim = _according_appositive(doc, ctx, after, s, e)
        if claim:
            return claim
    return None


def _according_appositive(doc: Doc, ctx: _Context, after: int, s: int, e: int) -> Claim | None:
    """"Theo ông X - Phó Tổng Giám đốc ACV - đơn vị …, <content>": a person, then who he is."""
    text = doc.text
    k = bisect_left(ctx.people_starts, after)
    if k >= len(ctx.people) or ctx.people[k].start > after + 60:
        return None
    p = ctx.people[k]
    got = ctx.chain_before(p.end, after - 1)
    if not got or got[1] > after + 4 or p.end >= e:
        return None
    rest = text[p.end : e]
    if not _APPOSITIVE_AFTER_NAME.match(rest):
        return None
    comma = text.find(",", p.end, e)
    if comma < 0:
        return None
    if comma == p.end:
        comma = _past_appositive(doc, comma, e)
    return _make(doc, ("person", p.key), text[comma + 1 : e], s, e, "statement")


def _past_appositive(doc: Doc, comma: int, e: int) -> int:
    """"Theo ông X, Phó Chủ tịch Tập đoàn Y, <content>": the comma after the title, if any."""
    text = doc.text
    k = comma + 1
    while k < e and text[k] == " ":
        k += 1
    nxt = text.find(",", k, e)
    if nxt > 0 and nxt - comma < 120 and any(m.start == k for m in doc.mentions_in(k, k + 1,
                                                                                  "title")):
        return nxt
    return comma


def _reported(doc: Doc, ctx: _Context, s: int, e: int, prev: Claim | None,
              found: list[Claim]) -> Claim | None:
    """<speaker> [adverbs] <speech verb>[,:] <content>."""
    text = doc.text
    for v in ctx.verbs.finditer(text, s, e):
        if not _directive_ok(text, v):
            continue
        got = ctx.chain_before(v.start(), s)
        speaker = ctx.resolve(got[0], v.start()) if got else None
        if speaker is None:
            got = ctx.appositive_before(v.start(), s)
            speaker = ctx.resolve(got[0], v.start()) if got else None
        if speaker is None:
            speaker = _continuing(ctx, s, v.start(), prev)
        if speaker is None and found:
            # "Phát biểu tại buổi lễ, vị HLV người Đức chia sẻ: …": the clause's epithet
            clause = max(s, *(text.rfind(c, s, v.start()) + 1 for c in ",;:("))
            speaker = ctx.epithet(clause, v.start(), found)
        if speaker is None:
            continue
        raw = text[v.end() : e]
        stacked = ctx.verbs.match(raw, 1) if raw[:1] == " " else None
        if (stacked and _LEAD.match(raw[stacked.end() :])
                and stacked.group("verb") not in ctx.words.nouns):
            # "thông tin khẳng định: …", "nhấn mạnh yêu cầu, …": two verbs, one statement
            # ("trao đổi thông tin, đôn đốc …" is a verb and its object)
            raw = raw[stacked.end() :]
        content = _INTRO.sub("", raw)
        if not _LEAD.match(raw) and (
            _PLACE_OPENER.match(content)
            or ctx.verbs.match(content) or ctx.words.no_content_re.match(content)
        ):
            # "nhấn mạnh tại buổi tọa đàm…", "phát biểu chỉ đạo tại…": no content, unless
            # "rằng" introduces it later or a comma ends the place ("… tại hội thảo, …");
            # "cho biết trong thời gian qua, …", "khẳng định trong trường học chỉ …, còn …":
            # all of it, when a comma shows more follows.
            that = _THAT.search(content)
            comma = content.find(", ")
            colon = _MANNER_COLON.match(content)
            if colon and (content.startswith("tại ") or ctx.gaz.name_quote_before_re.search(
                    content, 0, colon.end())):
                colon = None  # "nhấn mạnh tại Tọa đàm: “<its name>”": a name, not content
            if colon:
                # "nói trong chua xót: “…”", "chia sẻ với PV: …": what follows the colon
                content = content[colon.end() :]
            elif that:
                content = content[that.end() :]
            elif _LISTENER_OPENER.match(content):
                if comma < 0 or len(content[comma:].split()) < 6:
                    continue  # "nói với CNBC trong chương trình …": no content
            elif not ctx.verbs.match(content) and comma > 0 and _SHORT_CLAUSE.fullmatch(
                    content[:comma]):
                content = content[comma + 2 :]
                if len(content.split()) < 6:
                    continue
            else:
                continue
        para = _block_of(doc, s)
        if not content.strip(" .") and raw.strip().startswith(":") and para:
            # "…, yêu cầu:" ending its paragraph: the content is the next paragraph
            nxt = doc.sentences_in(para[1], para[1] + 400)
            if not nxt:
                continue
            content, e = text[nxt[0][0] : nxt[0][1]], nxt[0][1]
        elif para:
            e2 = _quote_pair_end(text, v.end(), e, para[1])
            if e2 > e:
                content, e = content + text[e:e2], e2
        after = doc.sentences_in(e, e + 200)
        following = after[0] if after else None
        if following and _CONTINUES.match(text, following[0]) and not text[
            e : following[0]
        ].count("\n"):
            # "… đã chỉ ra một số nhận thức mới. Đó là, …": the content is the next sentence
            content = content + " " + text[following[0] : following[1]]
            e = following[1]
        return _make(doc, speaker, content, s, e, ctx.words.verbs[v.group("verb")])
    return None


def _directive_ok(text: str, v: re.Match[str]) -> bool:
    """"Ban chỉ đạo" is a body, "chỉ đạo công tác…" directs work and "giao dịch" trades:
    none of them says anything."""
    words = _words()
    verb = v.group("verb")
    after_words = words.not_before.get(verb)
    if after_words:
        nxt = text[v.end() : v.end() + 12].split(None, 1)
        if nxt and nxt[0] in after_words:
            return False  # "nói chuyện" talks, "kể từ" is since: no speech
    if verb not in words.directives:
        return True
    before = text[max(0, v.start() - 5) : v.start()]
    after = text[v.end() : v.end() + 20].lstrip()
    previous = text[max(0, v.start() - 12) : v.start()].split()[-1:]
    if previous and previous[0] in _words().not_after.get(v.group("verb"), ()):
        return False  # "Ngoại giao", "bàn giao", "được giao"
    objects = _words().objects.get(v.group("verb"))
    if objects is not None and not (after[:1].isupper() or any(
            after.startswith(o + " ") for o in objects)):
        return False  # "giao dịch", "giao thông": not "giao Bộ X", "giao nhiệm vụ cho"
    return not _BAN_BEFORE.search(before) and not _WORK_AFTER.match(text[v.end() : v.end() + 20]
    )


def _continuing(ctx: _Context, s: int, verb: int, prev: Claim | None) -> tuple[str, str] | None:
    """"Đồng thời nhấn mạnh, …" right after a claim: the same speaker goes on."""
    if prev is None or s - prev.evidence.end > 300:
        return None
    lead = ctx.doc.text[s:verb]
    if not lead.strip() or not ctx.words.opener_re.fullmatch(lead):
        return None
    if ctx.doc.mentions_in(prev.evidence.end, s, *_PEOPLE) or any(
        a >= prev.evidence.end for a, _b in ctx.doc.sentences_in(prev.evidence.start, s)
    ):
        return None  # someone else was named, or something else said, in between
    return prev.speaker_kind, prev.speaker


def _block_of(doc: Doc, pos: int) -> tuple[int, int] | None:
    k = bisect_right(doc.blocks, (pos, 1 << 60)) - 1
    if k >= 0 and doc.blocks[k][0] <= pos < doc.blocks[k][1]:
        return doc.blocks[k]
    return None


def _caption(doc: Doc, ctx: _Context, s: int, e: int) -> Claim | None:
    """Bà Lê Ngọc Hân: <statement>.

    The speaker phrase may carry a long title and body ("Ông X - Giám đốc Sở Tài nguyên và
    Môi trường TP Đà Nẵng: …"), so the colon is looked for in the first 100 characters.
    """
    colon = doc.text.find(":", s, min(e, s + 100))
    if colon < 0:
        return None
    got = ctx.chain_before(colon, s)
    if not got or got[1] > s + 4 or not any(m.kind == "person" for m in got[0]):
        return None
    speaker = ctx.resolve(got[0], colon)
    if speaker is None:
        return None
    return _make(doc, speaker, doc.text[colon + 1 : e], s, e, "statement")


def _dedupe(claims: list[Claim], captions: set[int]) -> list[Claim]:
    """One claim per statement: a lead that repeats a later sentence is the same claim.

    A caption ("Ông X: “…”", the `id`s in `captions`) is a claim of its own even when the
    text under it says the same: the guide counts the caption and the sentence.
    """
    out: list[Claim] = []
    by_speaker: dict[str, list[set[str]]] = {}
    for c in sorted(claims, key=lambda c: c.evidence.start):
        if id(c) in captions:
            out.append(c)
            continue
        toks = set(_TOKENS.findall(c.text.lower()))
        dup = False
        said = by_speaker.setdefault(c.speaker, [])
        for other in said[-50:]:
            if len(toks & other) >= 0.8 * max(len(toks), len(other)):
                dup = True
                break
        if not dup:
            out.append(c)
            said.append(toks)
    return out


def _describe(doc: Doc, gaz: Gazetteer, claim: Claim) -> None:
    """Kind, figures, target year and the entities the claim mentions."""
    figs = figures(claim.text)
    year = target_year(claim.text)
    if _TARGET_WORDS.search(claim.text) and (figs or year):
        claim.kind = "target"
    elif figs and claim.kind == "statement":
        claim.kind = "figure"
    elif claim.kind == "statement" and _PROPOSAL_OPENER.match(claim.text):
        claim.kind = "proposal"
    if figs:
        f = figs[0]
        claim.props.update(value=f.value, unit=f.unit, measure=f.measure)
    if year and claim.kind == "target":
        claim.props["targetYear"] = year
    s, e = claim.evidence.start, claim.evidence.end
    for m in doc.mentions_in(s, e, "organization", "place", "legal_document", "program", "person"):
        if m.start >= s and m.key != claim.speaker:
            ref = f"{m.kind}:{m.key}"
            if ref not in claim.mentions:
                claim.mentions.append(ref)
