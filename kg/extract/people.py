"""People: full names without titles or honorifics, short references resolved in the article.

A run of capitalized words is a person's name when

- a title or an honorific stands before it ("Thứ trưởng Bộ Y tế Lê Đức Luận", "ông Ngô Hải
  Phan", "PGS.TS …"), foreign names included ("ông Toomas Hendrik Ilves");
- it continues a list that started with one ("các Thứ trưởng A, B
  và C", each a full name);
- or it starts with a Vietnamese family name and has three or four syllables ("Lê Phú Hà");
- or the news says what the person is in another way (`data/lexicon/person_context.json`):
  a person's noun before it, with ages, nationality or adjectives between ("ca sĩ 29 tuổi người
  Mỹ Nick Jonas", "tiền đạo Công Phượng", "đối tượng Lê Văn A"; one foreign word right after a
  player's or coach's noun: "HLV Tuchel"), a foreign given name first ("Nancy Pelosi"), an age,
  a birth year or a person's noun in an appositive after it ("Saki Sudo, 25 tuổi", "Ngô Kinh -
  diễn viên"), a team's lineup ("Chelsea (3-4-3): Arrizabalaga, Zouma…"), a list that a person
  started ("Lương Thu Trang, Đình Tú, Hồng Diễm"), or the corpus-aware lexicon
  (`data/lexicon/known_people.json`, built by `kg.extract.people_lexicon`): a name the corpora
  introduce with a title, an honorific or a person's noun in two articles or more. No club,
  firm or competition ("Man City", "European Super League": `not_in_name`), nor a ship or a
  place's name ("tàu sân bay USS Ronald Reagan": `not_person_before`).

Not a name: a province or a body ("Hà Nội", "Lâm Đồng"), a street or a school named after
someone ("đường Lê Lợi", "Trường THPT Lê Quý Đôn"), bylines and photo credits (already cut by
the normalizer). A single given name after a title or honorific ("ông Hùng", "Thứ trưởng
Dũng") is the full name given elsewhere in the article whose last word it is.

"ông", "bà", "vị chuyên gia" without a name are recorded as pronoun mentions: the claims
extractor reads them to find who is speaking.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from kg import DATA_DIR
from kg.doc import Doc, Mention
from kg.encodings import is_syllable
from kg.extract.wordlists import words as wordlist
from kg.gazetteer import CAP, LOWER, UPPER, EndAnchored, Gazetteer, gazetteer
from kg.normalize import fold, is_word_char, normalize_text

# Capitalized words, with the lowercase particles of foreign names ("Ursula von der Leyen").
_PARTICLES = "von|van|der|den|del|de|da|dos|das|di|du|la|le|bin|al|el|ibn"
#: A capitalized word, also with a second capital inside ("McKeith", "DiMaggio", "MiMi")
_CAPW = rf"[{UPPER}](?:['’][{UPPER}])?[{LOWER}]+(?:[{UPPER}][{LOWER}]+)?(?:-[{UPPER}]?[{LOWER}]+)*"
# (and a Central Highlands name's first letter and apostrophe: "H'Hen Niê", "K'Đức"; the
# capital first, so that the pattern still starts with a set of letters `re` can skip to)
_RUN = re.compile(rf"{_CAPW}(?:[ ](?:(?:{_PARTICLES})[ ])*(?:(?:al|el)-)?{_CAPW})*")
# ("Haider al-Abadi", "Bashar al-Assad": an Arabic article joined to the family name)
#: "ông Putin": a single name after these stands for a person even when no fuller form is given
_CREDIT_BEFORE = re.compile(
    r"(?:Ảnh|ảnh|Ảnh minh họa|Nguồn|nguồn|Video|Clip|Đồ họa|Thực hiện)\s*:\s*(?:[^\s:]+/)?\s*$"
)
_CAP_AFTER = re.compile(rf"\s+{CAP}")
_CENTRAL_HIGHLANDS = re.compile(r"^[A-ZĐ]['’]")
#: A body's name that ends with a word of an administrative place and capitalized words
_ADMIN_END = re.compile(
    rf"(?:quận|huyện|xã|phường|thị xã|thị trấn|tỉnh|thành phố|TP\.?) {CAP}(?: {CAP})*$"
)
_HOUSE_NUMBER = re.compile(r"\d[\d/,.A-Za-z]*\s+$")
#: A district or a ward in brackets right after a run: a street's, not a person's
_DISTRICT_AFTER = re.compile(r" ?\((?:[Qq]uận|Q\.|[Pp]hường|P\.|[Hh]uyện|H\.|TX\.|thị xã)")
_LIST_BEFORE = re.compile(r"(?:[,;]|\svà)\s+$")
#: A ward's or an area's name or word before its number ("phường Mỹ Đình 2", "khu vực 1")
_UNIT_NUMBER_BEFORE = re.compile(rf"(?:[{UPPER}][{LOWER}]*|khu vực|tổ|khu phố|ấp|khóm) \d$")
_STRONG = {"ông", "bà", "Ông", "Bà", "ngài", "Ngài"}
_VOWEL = re.compile(
    r"[aăâeêioôơuưyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.I
)
_LIST_SEP = re.compile(r"^(?:\s*\([^()]{1,40}\))?(?:,\s*|\s+và\s+|\s*,\s*và\s+)$")
# (also after a club or a place in brackets: "Tiến Dũng (FLC Thanh Hóa), Văn Quyết")
#: Between two streets of a list or a crossing ("Phan Bội Châu – Lý Thường Kiệt, Thụy Khuê (Chu
#: Văn An - dốc La Pho)"): punctuation, "và" and the lowercase words of small streets.
_STREET_SEP = re.compile(
    r"(?:\s*(?:[,;()/–-]|và|về|đến|tới|dốc|ngõ|ngách|hẻm|phố|đường|[QP]\.\s?\d+)\s*)+"
)  # "Nguyễn Công Trứ (Q.1); Trần Hưng Đạo (Q.5)": a district's number in brackets
#: "Phạm Huân/VOV-Washington", "Mai Phương/BNEWS": a name right before an outlet is a credit.
_OUTLET_AFTER = re.compile(r"\s?/\s?[A-ZĐ]")
#: A numbered road and a dash before a name: the name is the crossing road ("đường 70 –
#: Nguyễn Cơ Thạch", "Quốc lộ 1A - Lê Văn Lương", "ngã tư QL13 – Nguyễn Du").
_NUMBERED_STREET_BEFORE = re.compile(
    r"(?:[Đđ]ường|[Pp]hố|[Qq]uốc lộ|QL|[Tt]ỉnh lộ|ĐT|[Hh]ương lộ|[Hh]ẻm|[Nn]gõ|[Kk]iệt)"
    r"\s*\.?\s*\d+[A-Z]?\s*[–-]\s*$"
)
_PLACE_WORD_BEFORE = re.compile(r"(?:bang|tỉnh|thành phố|vùng|thủ đô|hạt|quận)\s+$")
_SENTENCE_START = re.compile(r"(?:^|[.!?…:”\")]\s*)$")
_NOT_PRONOUN_AFTER = re.compile(
    r"\s+(?:con|mẹ|nội|ngoại|cụ|ông|bà|chủ|già|bầu|đỡ|xã|lão|anh|chị|cháu|trùm|hoàng|tổ)\b"
)


_WORD_AFTER = re.compile(r" (\w+)")


@dataclass(frozen=True)
class _Context:
    """`data/lexicon/person_context.json`: what around a capitalized run makes it a person."""

    nouns: frozenset[str]
    one_word_nouns: frozenset[str]
    between: frozenset[str]
    given_names: frozenset[str]
    not_in_name: frozenset[str]
    after: re.Pattern[str]
    not_person_before: frozenset[str]
    #: the last word of every noun, and the words between: what may stand right before a name
    last_words: frozenset[str]
    not_one_word_names: frozenset[str]
    located_before: frozenset[str]
    not_known: frozenset[str]
    group_before: frozenset[str]
    capital_nouns: frozenset[str]
    after_nouns: frozenset[str]
    pronoun_nouns: frozenset[str]
    glued_words: frozenset[str]
    verbs_after: re.Pattern[str]
    residence_before: frozenset[str]


@cache
def _context() -> _Context:
    data = json.loads(DATA_DIR.joinpath("lexicon", "person_context.json").read_text("utf-8"))

    def norm(key: str, lower: bool = True) -> frozenset[str]:
        return frozenset(
            normalize_text(w).lower() if lower else normalize_text(w) for w in data[key]
        )

    return _Context(
        nouns=norm("nouns"),
        one_word_nouns=norm("one_word_nouns"),
        between=norm("between"),
        given_names=norm("given_names", lower=False),
        not_in_name=norm("not_in_name", lower=False),
        after=re.compile(data["after"]),
        not_person_before=norm("not_person_before", lower=False),
        last_words=frozenset(n.split(" ")[-1] for n in norm("nouns")) | norm("between"),
        not_one_word_names=norm("not_one_word_names", lower=False),
        located_before=norm("located_before", lower=False),
        not_known=norm("not_known", lower=False),
        group_before=norm("group_before", lower=False),
        capital_nouns=norm("capital_nouns"),
        after_nouns=norm("after_nouns"),
        pronoun_nouns=norm("pronoun_nouns"),
        glued_words=norm("glued_words"),
        verbs_after=re.compile(
            r" (?:(?:cũng|đã|vừa|còn|từng|lại|thì|liền|bèn) ){0,2}(?:"
            + "|".join(sorted(map(re.escape, norm("verbs_after")), key=len, reverse=True))
            + r")(?!\w)"
        ),
        residence_before=norm("residence_before"),
    )


def _context_trigger(doc: Doc, s: int, e: int, words: list[str], block_start: int) -> str | None:
    """Why a run with no title or honorific before it is still a name: a noun of a person
    before it ('noun'; 'noun+' when the noun is right before a single word that may stand
    alone, "tiền vệ Pjanic"), a foreign given name first ('given': "Nancy Pelosi"), an age or
    a birth year after it, an appositive or a person's verb ('after': "Otto Warmbier, 22
    tuổi", "Chi Pu khoe"); None when nothing does."""
    ctx = _context()
    if not ctx.not_in_name.isdisjoint(words):
        return None
    found = _noun_before(doc.text, s, block_start)
    if found is not None:
        noun, between = found
        if len(words) == 1:
            return "noun+" if between == 0 and noun in ctx.one_word_nouns and (
                words[0] not in ctx.not_one_word_names
            ) else "noun"
        if len(words) <= 4:
            return "noun"
    if 2 <= len(words) <= 4:
        if words[0] in ctx.given_names and not all(
            is_syllable(w) and (not w.isascii() or is_syllable(words[0])) for w in words[1:]
        ):  # not "Alex Thống" ("Sir Alex Thống kê…", a headline run on), "Kim Chi" (kimchi,
            return "given"  # Korea); "Stephanie Koch" is a name, "Koch" spelled like a syllable
        nxt = doc.text[e : e + 2].lstrip()[:1]
        if nxt and nxt in ",(-–" and (ctx.after.match(doc.text, e) or _noun_after(
            doc.text, e, doc
        )):
            return "after"
        if len(words) <= 3 and nxt.isalpha() and ctx.verbs_after.match(doc.text, e):
            return "after"  # "Hồng Đăng cũng chia sẻ", "Chi Pu khoe…": what a person does
    return None


_APPOSITIVE = re.compile(r"\s*(?:,|\s[-–])\s*(?:(?:một|là|cũng là)\s+)?")


def _noun_after(text: str, e: int, doc: Doc | None = None) -> bool:
    """A person's noun in an appositive right after a name ("Sam Li, nhân viên tại…", "Ngô
    Kinh - diễn viên…", "S. Chatterjee, một bác sĩ…"), or a post ("Li Mingjiang, phó giáo
    sư…", "Janka Oertel, Giám đốc Chương trình…": a title the article found, with `doc`): the
    news says what the person is."""
    m = _APPOSITIVE.match(text, e)
    if m is None or m.end() == e:
        return False
    words = text[m.end() : m.end() + 40].split(" ")[:3]
    ctx = _context()
    if any(" ".join(words[:k]) in ctx.nouns and " ".join(words[:k]) not in ctx.pronoun_nouns
           or " ".join(words[:k]) in ctx.after_nouns for k in (3, 2, 1)):
        return True
    if doc is None or not text[m.end() : m.end() + 1].isupper():
        return False  # (a capital: "Sau khi rời Saudi Arabia, tổng thống sẽ…" is a clause)
    title = next((t for t in doc.mentions_in(m.end(), m.end() + 1, "title")
                  if t.start == m.end()), None)
    # a post and then a body's name or lowercase words; not a post and a name ("…sân golf
    # Tân Sơn Nhất, Thứ trưởng Lê Chiêm cho biết": a new clause's subject)
    return title is not None and not (
        _SPACE_CAP.match(text, title.end)
        and doc.overlaps(title.end + 1, title.end + 2, "organization") is None
    )


@cache
def _known_people() -> frozenset[str]:
    """`data/lexicon/known_people.json`: names the corpora introduce as people (built by
    `kg.extract.people_lexicon`); none when the file is not there."""
    path = DATA_DIR.joinpath("lexicon", "known_people.json")
    if not path.is_file():
        return frozenset()
    return frozenset(normalize_text(n) for n in json.loads(path.read_text("utf-8"))["names"])


#: Triggers that say less than a title or an honorific: a place's name overrules them.
_WEAK_TRIGGERS = frozenset({"noun", "noun+", "given", "after", "list", "known", "lineup"})
_PLACE_WORDS = r"huyện|thị xã|xã|xã đảo|tỉnh|thành phố|TP\.?|quận|phường|thị trấn|đảo|bang"


@cache
def _place_word_before() -> re.Pattern[str]:
    """A word of an administrative place, or of a band, a group or a ship
    (`person_context.json` "group_before": "nhóm Big Bang", "USS Carl Vinson"), and a space,
    at the end of the text searched."""
    groups = "|".join(re.escape(w) for w in sorted(_context().group_before, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{_PLACE_WORDS}|{groups}) $")


_SPACE_CAP = re.compile(rf" {CAP}")


def _in_brackets_after(text: str, person_end: int, s: int) -> bool:
    """The run at `s` stands in brackets right after a person's name ("Tiến Dũng (FLC Thanh
    Hóa)"): a club or a place said of the person, after which a list of names goes on."""
    if s - person_end > 30:
        return False
    between = text[person_end:s].strip()
    return between.startswith("(") and ")" not in between


def _placed(text: str, name: str, seen: dict[str, bool]) -> bool:
    """The article writes `name` as the whole run after a word of an administrative place
    ("thị xã Vĩnh Châu", "huyện Như Xuân") or of a band or a ship ("nhóm Big Bang", "trưởng
    nhóm Big Bang là G-Dragon"): in this article it is a place or a group, wherever else it
    stands (a band's name is in the corpus lexicon of people when the news writes "ca sĩ" or
    "của" before it elsewhere). Looked up where the name stands, once a name (`seen`): cheaper
    than reading the whole text for every such word."""
    if name not in seen:
        before, last = _place_word_before(), _place_last_words()
        seen[name] = any(
            i > 1 and text[i - 1] == " "
            and text[text.rfind(" ", max(0, i - 20), i - 1) + 1 : i - 1] in last
            and before.search(text, max(0, i - 20), i) and not _SPACE_CAP.match(text, e)
            for i, e in _whole_word_occurrences(text, name)
        )
    return seen[name]


@cache
def _place_last_words() -> frozenset[str]:
    """The last words of the place's and group's words: the cheap test before the pattern."""
    words = _PLACE_WORDS.replace("\\.?", "").replace("\\.", ".").split("|")
    words += ["TP", "TP."] + list(_context().group_before)
    return frozenset(w.split(" ")[-1] for w in words)


#: After an item of a list of names: the next separator, the list's end or a bracket.
_LIST_ITEM_END = re.compile(r"\s*(?:[,;.)(…:!?\"”]|và\s|$|[-–]\s)")


def _not_person_before(text: str, pos: int, block_start: int, located: bool = False) -> bool:
    """A word of a place or a body right before `pos` ("tàu sân bay USS", "CLB"), or with
    `located` also a word of where ("ở", "tại", "đến"): what the lexicon's builder counts
    against a name (one may send a letter "tới Nancy Pelosi", but rarely, and "đến Phú Quốc"
    is the common case)."""
    left = text[max(block_start, pos - 14) : pos].split()
    if not left:
        return False
    ctx = _context()
    last, two = left[-1], " ".join(left[-2:])
    if last[:1].isupper() and last[1:].islower():
        last, two = last.lower(), two.lower()  # "Tàu Ronald Reagan" at a sentence's start
    return last in ctx.not_person_before or two in ctx.not_person_before or located and (
        last in ctx.located_before
    ) or _residence_before(text, pos, block_start)


def _residence_before(text: str, pos: int, block_start: int) -> bool:
    """Where someone lives right before `pos` ("ngụ Phan Rí Thành", "trú tại …"): the run
    after it is a place, even one shaped like a full name."""
    left = text[max(block_start, pos - 16) : pos].split()
    if not left:
        return False
    res = _context().residence_before
    return left[-1] in res or " ".join(left[-2:]) in res


#: What opens a team's lineup: its formation, "Dự bị", "Đội hình…" before a colon.
_LINEUP_CUE = re.compile(r"\(\d(?:-\d){2,3}\)|[Đđ]ội hình|Dự bị")
_LINEUP_ITEM_SEP = re.compile(r"\s*[,;]\s*|\s+[-–]\s*|(?<=\w)-\s+")
_LINEUP_END = re.compile(r"\.(?:\s|/|$)|\n")


def _lineups(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """A team's lineup ("Chelsea (3-4-3): Arrizabalaga, Zouma, …, Alonso (Hudson-Odoi, 67)."):
    after a colon a formation, "Dự bị" or "Đội hình" stood shortly before, a run of at least four
    items separated by commas, semicolons or dashes, almost all capitalized. Every name in it is
    a player, most of them given by one word, which nothing else in the text says is a person."""
    out: list[tuple[int, int]] = []
    text = doc.text
    i = text.find(":", start, end)
    while i >= 0:
        # (or the other team's, its name right after the first lineup: "…, Fagan. SL Nghệ An:")
        if _LINEUP_CUE.search(text, max(0, i - 200), i) or out and i - out[-1][1] < 40:
            m = _LINEUP_END.search(text, i + 1, end)
            stop = m.start() if m else end
            bare = re.sub(r"\([^()]*\)", "", text[i + 1 : stop])  # "(Hudson-Odoi, 67)"
            items = [t for t in _LINEUP_ITEM_SEP.split(bare) if t.strip()]
            caps = sum(1 for t in items if t.strip()[:1].isupper() and len(t.split()) <= 3)
            if len(items) >= 4 and caps >= 0.8 * len(items):
                out.append((i + 1, stop))
            i = stop
        i = text.find(":", i + 1, end)
    return out


def _noun_before(text: str, pos: int, block_start: int) -> tuple[str, int] | None:
    """A noun of a person ("ca sĩ", "nhà phân tích", "con gái") before `pos`, with at most six
    lowercase words between it and the name ("ca sĩ 29 tuổi Nick Jonas", "chuyên gia quân sự
    Nga" + "Igor Korotchenko", where the country is the run's first word): the noun and how
    many words stood between. Why: a foreign name or a celebrity's two-syllable name has no
    title before it, but the news says what the person is."""
    ctx = _context()
    # Most runs follow a word that can end neither a noun nor the words between (the cheap test)
    if pos - 2 < block_start or text[pos - 1] != " " or not text[pos - 2].isalnum():
        return None
    k = text.rfind(" ", block_start, pos - 1)
    last = text[k + 1 : pos - 1].lower()
    if last not in ctx.last_words and not last.isdigit():
        return None
    left = max(block_start, pos - 90)
    window = text[left:pos]
    if not window.endswith(" "):
        return None
    tokens = window.split()
    if tokens and left > block_start and is_word_char(text[left - 1]):
        tokens = tokens[1:]  # the window's first token is cut
    between = 0
    while tokens and between <= 6:
        low = [t.lower() for t in tokens[-4:]]
        for k in (4, 3, 2, 1):  # "nhà nhân chủng học"
            if len(low) >= k and " ".join(low[-k:]) in ctx.nouns:
                if _inside_name(tokens, k):
                    return None  # "sân Golf Ngôi sao Chí Linh": the noun is a name's word
                return " ".join(low[-k:]), between
        last = tokens[-1]
        if not (last[0].islower() or last.isdigit()) or not last.replace("-", "").isalnum():
            return None
        if not last.isdigit() and last.lower() not in ctx.between:
            return None
        tokens.pop()
        between += 1
    return None


def _name_syllable(doc: Doc, s: int, e: int, words: list[str], cut: int,
                   hon: re.Pattern[str]) -> bool:
    """Whether `words[cut]`, a word that also starts sentences, is a syllable of the name
    (`surnames.json` "names_too": "Đông", "Bắc"): in a run of at most four words that starts
    with a family name, or of two after an honorific ("anh Ngọc Sáng đã…"); not when it ends
    the run before a word of time ("Nguyễn Văn An Sáng nay", a headline run on), nor before a
    word that makes a place of it ("Vòng Bắc Cực", "Đông Nam Á"). Any such word ends a name
    of three words or more right before a comma ("Vũ Quang Các, Vụ trưởng…")."""
    gaz = gazetteer()
    stripped = words[0] in gaz.honorifics
    if stripped:  # "Ông Nguyễn Đông (trú…)": the name after the honorific
        words, cut = words[1:], cut - 1  # ("Ông" is a family name too: not "Ông Tây hò hét")
    if len(words) > 4 or cut < 1:
        return False
    if cut == len(words) - 1 and (cut >= 2 or stripped) and words[0] in gaz.surnames and doc.text[
        e : e + 1
    ] in (",", ")"):
        return True  # "ông Vũ Quang Các, Vụ trưởng…": a sentence's first word has no comma
    if words[cut] not in wordlist("surnames.json", "names_too"):
        return False
    if cut == len(words) - 1 and (m := _WORD_AFTER.match(doc.text, e)) and m.group(1) in (
        wordlist("surnames.json", "names_too_not_after")
    ):
        return False
    if cut + 1 < len(words) and words[cut + 1] in wordlist(
        "surnames.json", "names_too_not_before"
    ):
        return False
    return words[0] in gaz.surnames or len(words) == 2 and bool(
        hon.search(doc.text, max(0, s - 24), s)
    )


@cache
def _two_word_noun_heads() -> frozenset[str]:
    """The first words of `_two_word_nouns` (the cheap test before building the pair)."""
    return frozenset(n.split(" ")[0] for n in _two_word_nouns())


@cache
def _two_word_nouns() -> frozenset[str]:
    """Honorifics and nouns of a person of two words, lowercase ("hoa hậu", "ca sĩ")."""
    return _honorific_words() | {n for n in _context().nouns if n.count(" ") == 1}


def _inside_name(tokens: list[str], k: int) -> bool:
    """The noun of the last `k` tokens is written with a capital ("Ngôi sao") right after a
    capitalized word that ends no sentence ("sân Golf Ngôi sao Chí Linh"): a word of a longer
    name, not a person's noun ("Hoa hậu" after "của" or at a sentence's start still is)."""
    first = tokens[-k]
    if len(tokens) <= k or not first[:1].isupper() or not first[1:2].islower():
        return False
    prev = tokens[-k - 1]
    return prev[:1].isupper() and prev[-1].isalnum()


@cache
def _honorific_words() -> frozenset[str]:
    """Honorifics and professions of two words, lowercase ("luật sư", "bác sĩ")."""
    return frozenset(h.lower() for h in gazetteer().honorifics if " " in h)


def _triggers(gaz: Gazetteer) -> tuple[EndAnchored, EndAnchored]:
    return gaz.honorific_before_re, gaz.street_before_re


def _left_trigger(
    doc: Doc,
    pos: int,
    block_start: int,
    hon: EndAnchored,
    ends: dict[int, list[Mention]],
) -> str | None:
    """What stands right before a name at `pos`: 'title', 'honorific', the weak honorific, or None.

    A title may be separated from the name by the body it belongs to ("Thứ trưởng Bộ Y tế Lê
    Đức Luận"), with an abbreviation in brackets ("Bộ trưởng TT&TT (TT&TT) Nguyễn Mạnh Hùng").
    """
    i = pos
    for _ in range(4):
        j = i
        while j > block_start and doc.text[j - 1] == " ":
            j -= 1
        if j > block_start and doc.text[j - 1] == ")":
            k = doc.text.rfind("(", block_start, j)
            if k >= 0 and j - k < 15:
                i = k
                continue
        prev = ends.get(j, [])
        if not prev:
            break
        if any(m.kind == "title" for m in prev):
            return "title"
        i = min(m.start for m in prev)
        # a title that runs into the body's name ("Chủ tịch UBND" + "UBND tỉnh Quảng Ninh")
        if any(t.start < i for t in doc.mentions_in(i, i + 1, "title")):
            return "title"
    # (`EndAnchored` skips the pattern where the window's end can end no honorific)
    m = hon.search(doc.text, max(block_start, i - 24), i)
    if m:
        before = doc.text[max(block_start, m.start() - 2) : m.start()].strip()
        if m.group("h") in ("Ông", "Bà") and before and before[-1].isalpha():
            return None  # "mũi Ông Cọp", "chùa Bà Đanh": a place's name, mid-sentence
        if m.group("h") in ("ông", "bà") and doc.text[max(0, m.start() - 4) : m.start()] == "đàn ":
            return None  # "người đàn ông Hàn": a man, and his nationality
        if m.group("h") in _STRONG:
            return "strong"
        return "weak" if m.group("h") in gazetteer().weak_honorifics else "honorific"
    return None


def extract(doc: Doc) -> None:
    gaz = gazetteer()
    hon, not_after = _triggers(gaz)
    credits = {fold(c) for c in doc.credits}
    # Titles first: positions and names both start from them.
    for start, end in doc.blocks:
        for m in gaz.titles_in(doc.text, start, end):
            doc.mention("title", m.group("title"), m.start(), m.end())

    not_short = tuple(gaz.not_short_names)
    heads = gaz.org_head_re
    ends: dict[int, list[Mention]] = {}
    for m in doc.mentions:
        if m.kind in ("organization", "place", "title", "country"):
            ends.setdefault(m.end, []).append(m)
    placed: dict[str, bool] = {}  # names looked up: written after a place's or group's word
    ctx, known = _context(), _known_people()
    full: list[tuple[int, int, str]] = []  # (start, end, name) of full names
    short: list[tuple[int, int, str, str]] = []  # single words after a title or honorific
    for start, end in doc.blocks:
        last_person_end: int | None = None
        last_street_end: int | None = None
        lineups = _lineups(doc, start, end) if doc.text.find(":", start, end) >= 0 else []
        for m in _RUN.finditer(doc.text, start, end):
            s, e = m.start(), m.end()
            words = m.group(0).split(" ")
            while len(words) > 2 and words[0] in gaz.not_name_words:
                s += len(words[0]) + 1  # "Theo Ngô Kinh", "Trước Công Phượng": the name after
                words = words[1:]
            # A name holds no sentence-starting word ("HLV Thu Minh Trải qua…", "Dù…").
            cut = (None if gaz.not_name_words.isdisjoint(words)
                   else next(k for k, w in enumerate(words) if w in gaz.not_name_words))
            if cut is not None and words[cut - 1 : cut] in (["Văn"], ["Thị"]):
                cut = None  # "Nguyễn Văn Bắc": no name ends with "Văn" or "Thị"
            while cut and _name_syllable(doc, s, e, words, cut, hon):
                # "Lê Đông Phong", "ông Ngô Xuân Đông, Chủ tịch…": a name's word; a later word
                # may still start a sentence ("Phạm Bắc Mọi đóng góp…")
                cut = next((k for k in range(cut + 1, len(words))
                            if words[k] in gaz.not_name_words), None)
            if cut is not None and (k := next(
                (k for k in range(cut + 1, len(words) - 2) if words[k] in gaz.surnames
                 and len(words) - k <= 4 and gaz.not_name_words.isdisjoint(words[k:])), 0
            )):
                # "UBND quận Nam Từ Liêm Nguyễn Văn Hải": the word that also starts sentences
                # is a place's, and a full name ends the run
                s += len(" ".join(words[:k])) + 1
                words = words[k:]
            elif cut is not None:
                words = words[:cut]
                e = s + len(" ".join(words))
            # A run may begin with an honorific or a title word written with a capital.
            while words and (words[0] in gaz.honorifics or words[0] in ("Nguyên", "Cựu")):
                s += len(words[0]) + 1
                words = words[1:]
            # …or with a person's noun of two words written with capitals ("Hoa Hậu Hoàn Vũ")
            while len(words) > 2 and words[0].lower() in _two_word_noun_heads() and (
                f"{words[0]} {words[1]}".lower() in _two_word_nouns()
            ) and (
                words[0] not in gaz.surnames  # "Vũ Công Tầm" is a name, not "vũ công" (dancer)
                or f"{words[0]} {words[1]}".lower() in ctx.capital_nouns
            ):
                s += len(words[0]) + len(words[1]) + 2
                words = words[2:]
            # …or with the end of a body's name ("Ủy ban châu Âu Ursula von der Leyen").
            lead = doc.overlaps(s, s + 1, "organization", "title", "place")
            if lead is not None and lead.start < s and lead.end < e:
                s = lead.end + 1
                words = doc.text[s:e].split(" ")
                if lead.kind == "organization" and _ADMIN_END.search(
                    doc.text, lead.start, lead.end
                ) and (k := next((k for k in range(1, len(words)) if words[k] in gaz.surnames
                                  and 3 <= len(words) - k <= 4), 0)):
                    # "Chủ tịch UBND quận Nam" + "Từ Liêm Nguyễn Văn Hải": the body stopped
                    # inside its place's name, which runs on to the name after it
                    s += len(" ".join(words[:k])) + 1
                    words = words[k:]
            if not words or not words[0]:
                continue
            # the lists' "như", "gồm", ":" end with a letter or a colon (most runs follow a
            # comma, a bracket, a stop: no list pattern to search); a street's word is
            # `EndAnchored`, which makes that test itself
            lc = doc.text[s - 2 : s - 1] if s - 2 >= start else ""  # the char before the space
            street = not_after.search(doc.text, max(start, s - 16), s)
            if street and doc.overlaps(street.start(), street.end(), "organization", "title"):
                street = None  # "Bộ trưởng Quốc phòng Mỹ Jim Mattis": a body's word
            if street and (noun := _noun_before(doc.text, s, start)) and noun[1] == 0:
                street = None  # "đối tượng Lê Xuân Tùng": a person's noun, not "tượng" (statue)
            if (
                street
                or (lc.isalpha() or lc in " \n:" or doc.text[s - 1 : s] != " ")
                and gaz.street_list_before.search(doc.text, max(start, s - 40), s)
                or doc.text[s - 2 : s - 1] in "–-"
                and _NUMBERED_STREET_BEFORE.search(doc.text, max(start, s - 24), s)
                or last_street_end is not None
                and _STREET_SEP.fullmatch(doc.text, last_street_end, s)
            ):
                # "đường Lê Lợi", "ngã tư Huỳnh Tấn Phát – Nguyễn Văn Quỳ", "các tuyến phố như
                # Trần Phú, Lê Hồng Phong…": a street and the streets listed after it (from the
                # run's end: "đường Ký Con, Calmette", where "Con" ended the name)
                last_street_end = max(e, m.end())
                continue
            if len(words) > 1 and (
                words[0] in wordlist("surnames.json", "unit_words")
                or not wordlist("org_heads.json", "company_suffixes").isdisjoint(words[1:])
            ):
                continue  # "bác sĩ Khoa Tai Mũi Họng", "Chủ tịch Thăng Long Group": not people
            if len(words) <= 2 and s > 2 and (  # a capital and a dot right before: "F.", "S. "
                doc.text[s - 1] == "." and doc.text[s - 2].isupper()
                or doc.text[s - 2] == "." and doc.text[s - 3].isupper()
            ) and (
                i := _initials_before(doc, s, words, start)
            ) is not None:
                full.append((i, e, doc.text[i:e]))  # "C.Ronaldo", "L.V.Beethoven"
                last_person_end = e
                continue
            trigger = _left_trigger(doc, s, start, hon, ends)
            if trigger is None:
                trigger = _context_trigger(doc, s, e, words, start)
            if trigger is None and any(a <= s and e <= b for a, b in lineups):
                trigger = "lineup"  # "Chelsea (3-4-3): Arrizabalaga, Zouma, …": players
            if trigger is None and " ".join(words) in known:
                trigger = "known"  # "Công Phượng": introduced as a person in other articles
            if (trigger is None and last_person_end is not None and 1 < len(words) <= 3
                    and _LIST_SEP.match(doc.text[last_person_end:s])
                    and _LIST_ITEM_END.match(doc.text, e)):
                # "Lương Thu Trang, Đình Tú, Hồng Diễm": a list goes on (an item, not the start
                # of a clause: "…, Trưởng Đơn vị Mắt", "Theo ông Thi, Luật Khoáng sản quy định")
                trigger = "list"
            if trigger in ("noun", "list", "known", "lineup") and not ctx.not_in_name.isdisjoint(
                words
            ):
                trigger = None  # "Man City", "Cerezo Osaka": a club's or a firm's words
            if (trigger in _WEAK_TRIGGERS and last_person_end is not None
                    and doc.text[last_person_end:s].strip() == "(" and full
                    and full[-1][1] == last_person_end
                    and set(words) <= set(full[-1][2].split(" "))):
                continue  # "Ông Lương Văn Cường (Lương Cường - Sinh năm 1957)": a shorter name
                # of the person just named, not a second person the posts after it could take
            if (trigger in (None, "noun", "title", "after") and len(words) > 2
                    and words[0] not in ctx.given_names
                    and not ctx.given_names.isdisjoint(words[1:-1])):
                # "Nhà Trắng Jen Psaki": a foreign given name inside the run starts the name
                # (before the checks of weak cues: "Tàu Ronald Reagan" where "USS Ronald Reagan")
                k = next((k for k, w in enumerate(words[1:-1], 1) if w in ctx.given_names),
                         None) if not all(map(is_syllable, words)) else None  # not "Lê Kim Long"
                if k is not None and len(words) - k <= 4 and ctx.not_in_name.isdisjoint(words):
                    s += len(" ".join(words[:k])) + 1
                    words = words[k:]
                    trigger = "given"
            if trigger in _WEAK_TRIGGERS and _placed(doc.text, " ".join(words), placed):
                trigger = None  # "nông dân Vĩnh Châu" where the article says "thị xã Vĩnh Châu"
            if trigger in ("given", "known", "after", "list") and _not_person_before(
                doc.text, s, start
            ):
                trigger = None  # "tàu sân bay USS Ronald Reagan", "ở Phú Quốc"
            if trigger is None and (len(words) < 2 or words[0] not in gaz.surnames):
                if last_person_end is not None and not _in_brackets_after(
                    doc.text, last_person_end, s
                ):
                    last_person_end = None  # (a list goes on after "(FLC Thanh Hóa)")
                continue  # most capitalized runs: a sentence's first word, a body, a place
            country = doc.overlaps(s, s + 1, "country")
            if country is not None and country.start == s and not (
                # "chị Mỹ Linh", "bà Anh Thư": a given name of two syllables, the first a
                # country's short name (the country is in the name)
                len(words) == 2 and trigger in ("honorific", "weak", "strong")
                and is_syllable(words[1]) and country.end < e
            ):
                # "Thủ tướng Anh Theresa May": the country is the title's, not the name's.
                if country.end >= e or trigger not in ("title", "honorific", "weak", "noun"):
                    continue
                s = country.end + 1
                words = doc.text[s:e].split(" ")
            if trigger is None and last_person_end is not None and (
                words[0] in gaz.surnames or len(words) <= 3
            ):
                # "Lương Thu Trang, Đình Tú, Hồng Diễm": a list of people goes on with names
                # of two or three words, family name or not
                if _LIST_SEP.match(doc.text[last_person_end:s]) and len(words) > 1:
                    trigger = "list"
            if (trigger == "list" or trigger is None and _LIST_BEFORE.search(
                doc.text, max(start, s - 5), s
            )) and _DISTRICT_AFTER.match(doc.text, e):  # (not "Cử tri Trần Văn An (quận 12)")
                last_person_end, last_street_end = None, e
                continue  # "Đỗ Xuân Hợp (quận 9), Quốc Hương (quận 2)": streets and districts
            # Cut the run where a body or a title begins inside it.
            inner = doc.overlaps(s, e, "organization", "title")
            if inner is not None and inner.start <= s and inner.kind == "organization" and (
                inner.end + 2 < e and doc.text[inner.end] == " "
            ):
                # "Phó chủ tịch điều hành Man Utd Ed Woodward": the name after the body
                s = inner.end + 1
                words = doc.text[s:e].split(" ")
                inner = doc.overlaps(s, e, "organization", "title")
            if inner is not None:
                if inner.start <= s:
                    continue
                e = inner.start
                while e > s and doc.text[e - 1] == " ":
                    e -= 1
                words = doc.text[s:e].split(" ")
            title_after = _WORD_AFTER.match(doc.text, e)
            if title_after and f"{words[-1]} {title_after.group(1)}".lower() in _honorific_words():
                words = words[:-1]  # "Đoàn Luật sư TP.HCM": a body of lawyers, not "Đoàn Luật"
                e = s + len(" ".join(words))
            if len(words) > 1 and not _all_syllables(words) and (k := next(
                (k for k in range(1, len(words)) if _unglued(words[k]) != words[k]), 0
            )):
                words = words[:k] + [_unglued(words[k])]  # "Nguyễn Thanh Longđề nghị", "Joe
                e = s + len(" ".join(words))  # Bidenở Washington": the source lost a space
            if not gaz.not_person_words.isdisjoint(words):
                # "Real Madrid", "Giám đốc điều hành Premier League": a club, a league; what
                # follows its last such word may still be a name ("Man Utd Ed Woodward")
                k = max(i for i, w in enumerate(words) if w in gaz.not_person_words)
                if len(words) - k - 1 < 2:
                    continue
                s += len(" ".join(words[: k + 1])) + 1
                words = words[k + 1 :]
            if trigger is not None and len(words) > 1 and not is_syllable(words[0]):
                # "Hoàng tử William Nữ hoàng", "James Rodriguez Hụt Griezmann": a foreign name
                # runs into a Vietnamese word (a headline with no punctuation)
                cut = next((k for k in range(1, len(words)) if not words[k].isascii()
                            and is_syllable(words[k]) and words[k] not in gaz.surnames
                            and not is_syllable(_CENTRAL_HIGHLANDS.sub("", words[k - 1]))),
                           None)  # ("H'Hen Niê": a syllable after the first letter's apostrophe)
                if cut is not None:
                    words = words[:cut]
                    e = s + len(" ".join(words))
            name = " ".join(words).rstrip("-–")
            if not name or name in gaz.not_names or name in gaz.not_person_names or fold(
                name
            ) in credits:
                continue
            if words[0] in gaz.not_after_name:
                continue  # "Đường Huỳnh Tấn Phát": a street named after someone
            if not _VOWEL.search(words[-1]):
                continue  # an anonymised name: "Nguyễn Thị Quế Tr.", "ông Lý Ch."
            if re.match(r" [A-ZĐ](?:\.|\b)", doc.text[e : e + 3]):
                continue  # "Trần Thị V.", "Đinh Ngọc A": an anonymised name
            if (house := _HOUSE_NUMBER.search(doc.text, max(start, s - 12), s)) and not (
                doc.text[max(start, house.start() - 4) : house.start()].lower() == "năm "
                or re.fullmatch(r"(?:1[89]|20)\d\d,\s*", house.group(0))  # "Năm 1961, Alan…"
                or trigger == "title" and _UNIT_NUMBER_BEFORE.search(
                    doc.text, max(start, house.start() - 12), house.start() + 1
                )  # "Bí thư Đảng ủy phường Mỹ Đình 2 Lưu Chí Dưỡng": a ward's number
            ):
                continue  # "198 Trần Quang Khải", "hẻm 662 Bùi Đình Túy": an address (not
                # "người đẹp sinh năm 2000 Afton McKeith")
            if _CREDIT_BEFORE.search(doc.text, max(start, s - 30), s) or _OUTLET_AFTER.match(
                doc.text, e
            ) or _byline_at_end(doc, s, e, start, end):
                doc.credits.append(name)
                continue  # "Ảnh: Hoàng Hải Thịnh.", "…/. Phạm Huân/VOV": a credit, a byline
            place = doc.overlaps(s, e, "place")
            if place is not None and place.start < s:
                continue  # "Bà Rịa - Vũng Tàu": the honorific was the place's first word
            if trigger is None:
                # a family name and a Vietnamese syllable after it: not "Trang Vanity Fair"
                # (a magazine's page), whose family name is a common word ("Đinh Hoàng Max" is)
                if words[0] not in gaz.surnames or not 3 <= len(words) <= 4 or place or not (
                    is_syllable(words[1])
                ) or _residence_before(doc.text, s, start):
                    if last_person_end is not None and not _in_brackets_after(
                        doc.text, last_person_end, s
                    ):
                        last_person_end = None
                    continue
            elif place is not None and place.start == s and place.end == e or (
                gaz.place_re.fullmatch(name)
                and trigger in ("title", "noun", "given", "after", "list", "known", "lineup")
            ):
                continue  # "ông … Hà Nội", "Phó Chủ tịch Bạc Liêu": a place, not a name
            if len(words) > 5:
                continue
            if not (words[0] in gaz.surnames and len(words) >= 3 and trigger is not None) and any(
                c.start > s and c.end == e and (
                    " " in doc.text[c.start : c.end]
                    or trigger in ("given", "known", "list") and _foreign(name)
                )  # "tạp chí Maxim Philippines": a magazine's edition
                for c in doc.mentions_in(s, e, "country")
            ):  # (not "nhà sử học Dương Trung Quốc": a family name and two more words)
                continue  # "Giám đốc điều hành Uber Việt Nam": a company's branch, not a name
            if place is not None:  # "Nguyễn Thái Bình": the name wins over the province
                doc.remove_mention(place)
            if len(words) == 1:
                if (
                    words[0] in gaz.org_heads
                    or doc.text.startswith(not_short, s)
                    or heads.match(doc.text, s)
                    or gaz.title_re.match(doc.text, s)
                ):
                    continue  # "Bí thư Đảng ủy…", "Chủ tịch Công ty…": a body, not a name
                if trigger == "honorific" and _context_trigger(doc, s, e, words, start) == "noun+":
                    trigger = "noun+"  # "HLV Tuchel": "HLV" is an honorific too
                if trigger == "noun+" and not is_syllable(name) or trigger == "lineup":
                    trigger = "strong"  # "tiền vệ Pjanic": one foreign word after a player noun
                if trigger in ("title", "honorific", "strong", "noun", "noun+", "weak"):
                    short.append((s, e, name, trigger))
                    last_person_end = e
                continue
            full.append((s, e, name))
            last_person_end = e
        _pronouns(doc, gaz, start, end)

    full = _one_extent(doc, gaz, full)
    full += _named_again(doc, gaz, full)
    for s, e, name in full:
        key = fold(name)
        doc.add_entity("person", key, name)
        doc.mention("person", key, s, e)
    _resolve_short(doc, full, short)
    # "Phạm Đức Long": a country's name inside a person's name is no country.
    inside = {
        id(c) for c in doc.mentions if c.kind == "country"
        and any(p.start <= c.start for p in doc.mentions_in(c.start, c.end, "person"))
    }
    if inside:  # (most articles have none: the list is kept, and the index of it with it)
        doc.mentions = [m for m in doc.mentions if id(m) not in inside]
    doc.mentions.sort(key=lambda m: m.start)


Span = tuple[int, int, str]


def introduced_names(doc: Doc) -> set[str]:
    """The people of an extracted `doc` that a title, an honorific or a person's noun stands
    right before somewhere in it ("Thủ tướng Lý Hiển Long", "tiền đạo Công Phượng"): the
    evidence `kg.extract.people_lexicon` counts across a corpus, so that a name introduced so
    in some articles is a person in another that names it bare."""
    gaz = gazetteer()
    hon, _streets = _triggers(gaz)
    ends: dict[int, list[Mention]] = {}
    for m in doc.mentions:
        if m.kind in ("organization", "place", "title", "country"):
            ends.setdefault(m.end, []).append(m)
    out: set[str] = set()
    for m in doc.mentions:
        if m.kind != "person":
            continue
        block = next(((a, b) for a, b in doc.blocks if a <= m.start < b), None)
        if block is None:
            continue
        name = doc.text[m.start : m.end]
        trigger = _left_trigger(doc, m.start, block[0], hon, ends)
        if trigger in ("honorific", "strong") or trigger == "title" and _foreign(name) or (
            trigger is None and _noun_before(doc.text, m.start, block[0]) is not None
        ):
            out.add(name)  # after a title a Vietnamese run may be a firm ("Chủ tịch Hòa Phát")
    return out


def _named_again(doc: Doc, gaz: Gazetteer, full: list[Span]) -> list[Span]:
    """Other places a full name found in the article (three or more words, or a foreign one of
    two) is written where nothing before it said it was a name ("Bộ trưởng Giao thông Ong Ye
    Kung" when the article names "Ông Ong Ye Kung" elsewhere): the same person. Not inside a
    body's or a place's name, nor after a street word ("đường Lê Quý Đôn")."""
    names = {n for _s, _e, n in full
             if len(n.split(" ")) >= 3 or len(n.split(" ")) == 2 and _foreign(n)}
    taken = {(s, e) for s, e, _n in full}
    out: list[Span] = []
    for name in sorted(names, key=lambda n: (-len(n), n)):  # longest first; ties by name
        for s, e in _whole_word_occurrences(doc.text, name):
            if (s, e) in taken or any(a < e and s < b for a, b in taken):
                continue
            if not any(a <= s < b for a, b in doc.blocks):
                continue
            if doc.overlaps(s, e, "organization", "place", "title") is not None:
                continue
            if gaz.street_before_re.search(doc.text, max(0, s - 16), s):
                continue
            out.append((s, e, name))
            taken.add((s, e))
    return out


def _whole_word_occurrences(text: str, phrase: str) -> Iterator[tuple[int, int]]:
    """Where `phrase` stands in `text` with no letter or digit right before or after it, left
    to right and not overlapping: what `(?<!\\w)phrase(?!\\w)` finds, without compiling a
    pattern for every name of every article (`re`'s cache of patterns is soon outgrown)."""
    i = text.find(phrase)
    while i >= 0:
        e = i + len(phrase)
        if (i == 0 or not is_word_char(text[i - 1])) and (
            e == len(text) or not is_word_char(text[e])
        ):
            yield i, e
            i = text.find(phrase, e)
        else:
            i = text.find(phrase, i + 1)


_BYLINE_NAMES = rf"{CAP}(?: {CAP})*"
#: At most three authors (a longer run of names is a list in the story: streets, laureates)
_BYLINE_REST = re.compile(
    rf"(?:\s*[-–,&]\s*{_BYLINE_NAMES}){{0,2}}\s*"
    rf"(?:\((?:[Tt]heo|[Tt]ổng hợp|[Nn]guồn|[A-ZĐ]{{2,}}\b)[^()]*\))?"
    rf"\s*(?:[.]\s*)?(?:\*.*)?$", re.S
)  # "… Thu Phương (theo TASS)", "… Trịnh Duy Hưng (TTXVN)": the author and the source
_BYLINE_BLOCK = re.compile(rf"{_BYLINE_NAMES}(?:\s*[-–,&]\s*{_BYLINE_NAMES}){{0,2}}\s*\.?")
_BYLINE_BEFORE = re.compile(rf"(?:^|[.!?…:”\")]\s*)(?:{_BYLINE_NAMES}\s*[-–,&]\s*){{0,2}}$")


def _byline_at_end(doc: Doc, s: int, e: int, start: int, end: int) -> bool:
    """A name that is the whole last sentence of the article ("… năm qua. Hà An") is its byline:
    the normalizer cuts bylines on a line of their own, not those run into the last paragraph."""
    if not doc.blocks:
        return False
    if doc.blocks[-1] != (start, end):
        # a byline on its own line before a reader's note ("Nguyễn Thanh" / "* Mọi ý kiến…")
        k = doc.blocks.index((start, end)) if (start, end) in doc.blocks else len(doc.blocks)
        if not all(doc.text[a:b].lstrip().startswith("*") for a, b in doc.blocks[k + 1 :]):
            return False
        return bool(_BYLINE_BLOCK.fullmatch(doc.text[start:end].strip()))
    if _BYLINE_BLOCK.fullmatch(doc.text[start:end].strip()):
        return True  # "Vân Sơn - Quốc Anh": the authors, the whole last line
    if not doc.text[e:end].strip(" .,;/-–"):
        # what _SENTENCE_START finds, told by the last character before `s` that is no space
        # (re would try the pattern at every position of the block): a mark that ends a
        # sentence, or only spaces back to the text's start
        k = s
        while k > start and doc.text[k - 1].isspace():
            k -= 1
        if k > start:
            return doc.text[k - 1] in '.!?…:”")'
        return start == 0 and bool(_SENTENCE_START.search(doc.text, start, s))
    # several authors ("… qua. Vân Sơn - Quốc Anh", "Bảo Anh - Nguyễn Hiền"), or one before a
    # footnote ("Nguyễn Thanh * Mọi ý kiến xin gửi về…")
    return bool(_BYLINE_REST.match(doc.text, e, end)) and bool(
        _BYLINE_BEFORE.search(doc.text, max(start, s - 80), s)
    )


#: Letters only Vietnamese writes (ă, ơ, ư, đ; a hook above, a dot below): "ở", "giải" and not
#: "pé" of "Juppé"
_VIETNAMESE_ONLY = re.compile(
    "[ăơưđĂƠƯĐằắẳẵặờớởỡợừứửữựảẻỉỏủỷạẹịọụỵẩẳểổởửậặệộợự]"
)


def _all_syllables(words: list[str]) -> bool:
    """Every word of the run is a Vietnamese syllable (most runs: no glued word to look for)."""
    return all(map(is_syllable, words))


@lru_cache(maxsize=1 << 14)
def _unglued(word: str) -> str:
    """"Longđề" → "Long", "Bidenở" → "Biden": a name's last word run into the next word (the
    source lost the space): a word that is no syllable, made of a syllable (or a foreign word of
    ASCII letters) and a lowercase syllable that has a Vietnamese letter. Other words come back
    as they are."""
    if is_syllable(word):
        return word
    for k in range(2, len(word) - 1):
        head, tail = word[:k], word[k:]
        # (a tail of ASCII letters after a head with a Vietnamese mark, one of the words often
        # glued: "Bìnhsau"; not after an ASCII head, "Kimbo" is a foreign name)
        if tail[0].islower() and (
            not tail.isascii() or not head.isascii() and tail in _context().glued_words
        ) and is_syllable(head) and is_syllable(tail):
            return head
    # "Bidenở", "Burnettgiải": a foreign name, then a word; of the cuts that leave a syllable,
    # one after a consonant ("Biden" + "ở", not "Bide" + "nở")
    heads = [word[:k] for k in range(3, len(word)) if word[:k].isascii() and word[k].islower()
             and _VIETNAMESE_ONLY.search(word, k) and is_syllable(word[k:])]
    return next((h for h in heads if h[-1] not in "aeiouy"), heads[0] if heads else word)


def _foreign(name: str) -> bool:
    """A name with a word no Vietnamese syllable has ("Moon Jae-in", "Sean Spicer")."""
    return any(not is_syllable(w) for w in name.split(" "))


def _one_extent(doc: Doc, gaz: Gazetteer, full: list[Span]) -> list[Span]:
    """One person, one name within an article: a longer run that is a name the article gives
    elsewhere plus a word is that name; two words without a family name ("Văn Lâm") are the
    one full name of the article that ends with them ("Đặng Văn Lâm").

    - "Phạm Thùy Linh Gây bất ngờ…" (a headline's first word run into the name, no punctuation
      between): "Phạm Thùy Linh" when the article names her so elsewhere;
    - "Thủ hiến Scotland Nicola Sturgeon": "Nicola Sturgeon" when the article names her so
      elsewhere (the place before a foreign official's name is not part of it).
    """
    names = {n for _s, _e, n in full}
    longer: dict[str, set[str]] = {}  # "Văn Lâm" → {"Đặng Văn Lâm"}
    given = _context().given_names
    for n in names:
        words = n.split(" ")
        if len(words) >= 3 and words[0] in gaz.surnames or len(words) == 3 and words[0] in given:
            # (also "Huckabee Sanders" → "Sarah Huckabee Sanders")
            longer.setdefault(" ".join(words[-2:]), set()).add(n)
    out: list[Span] = []
    for s, e, n in full:
        words = n.split(" ")
        if len(words) == 2 and words[0] in gaz.surnames and (
            fuller := _written_on(doc.text, e, n, names)
        ):  # "ông Ngô Xuân Đông, Chủ tịch…" … "ông Ngô Xuân" + "Đông đã vi phạm", cut before
            # a word that also starts sentences: the fuller name the article gives
            out.append((s, s + len(fuller), fuller))
            continue
        if len(words) == 2 and len(longer.get(n, ())) == 1:
            out.append((s, e, next(iter(longer[n]))))  # "thủ thành Văn Lâm": Đặng Văn Lâm
            continue
        if len(words) >= 3 and " ".join(words[:-1]) in names and doc.text[e : e + 2].strip()[
            :1
        ].islower():
            n = " ".join(words[:-1])
            e = s + len(n)
        elif words[0] not in gaz.surnames:
            for k in range(1, len(words) - 1):
                suffix = " ".join(words[k:])
                if suffix in names and not (k == 1 and words[0] in given):
                    # (not "Sarah Huckabee Sanders" → "Huckabee Sanders": a given name first)
                    s, n = e - len(suffix), suffix
                    break
        out.append((s, e, n))
    return out


def _written_on(text: str, e: int, name: str, names: set[str]) -> str | None:
    """The one name of `names` that is `name` and one word more, written on at `e`."""
    found = [n for n in names if n.startswith(name + " ") and " " not in n[len(name) + 1 :]
             and text.startswith(n[len(name) :], e)]
    return found[0] if len(found) == 1 else None


def _resolve_short(doc: Doc, full: list[Span], short: list[tuple[int, int, str, str]]) -> None:
    """"ông Hùng" → the full name given in this article that ends with that word.

    A single word nobody fuller matches is a person only after "ông"/"bà" ("ông Putin"): after
    a title it is more often a body ("Tổng giám đốc Amazon", "HLV Real"). A foreign name may
    be given first by family name ("Moon Jae-in" … "ông Moon"), or without a title before it,
    so that only the text finds it ("Thư ký báo chí Sean Spicer" … "ông Spicer").
    """
    by_last: dict[str, list[tuple[int, str]]] = {}
    by_first: dict[str, list[tuple[int, str]]] = {}
    for fs, _fe, n in full:
        by_last.setdefault(n.split(" ")[-1], []).append((fs, n))
        if _foreign(n):
            by_first.setdefault(n.split(" ")[0], []).append((fs, n))
    # "ông Lý" for "Lý Hiển Long": a name written family name first, when no name ends so
    starts: dict[str, list[tuple[int, str]]] = {}
    for fs, _fe, n in full:
        if len(n.split(" ")) >= 3:
            starts.setdefault(n.split(" ")[0], []).append((fs, n))
    for s, e, word, trigger in short:
        candidates = by_last.get(word) or by_first.get(word, [])
        if not candidates and trigger == "strong" and len(
            {n for _f, n in starts.get(word, [])}
        ) == 1:
            candidates = starts[word]
        if not candidates and trigger == "strong":
            found = _foreign_name_in_text(doc, word)
            if found is not None:
                fs, fe, n = found
                doc.add_entity("person", fold(n), n)
                doc.mention("person", fold(n), fs, fe)
                by_last.setdefault(word, []).append((fs, n))
                candidates = by_last[word]
        if not candidates and trigger == "title" and _leader_before(doc, s) and not is_syllable(
            word
        ):
            trigger = "strong"  # "tổng thống Putin": a foreign leader named by one word
        if not candidates and trigger == "weak" and _given_name_alone(doc, s, word):
            trigger = "strong"  # "chị Huyền, chủ cửa hàng", "Cụ Thìn": a given name
        if not candidates and trigger != "strong":
            continue
        before = [n for fs, n in candidates if fs < s]
        name = before[-1] if before else (candidates[0][1] if candidates else word)
        key = fold(name)
        doc.add_entity("person", key, name)
        doc.mention("person", key, s, e)


_DOT_LETTER = re.compile(r"\.\w")
_INITIALS = re.compile(r"(?<![\w.&])((?:[A-Z]\.\s?){1,3})$")
#: One letter and a dot before a place's name: quận, phường, huyện, xã ("Q.Bình Thạnh")
_PLACE_INITIALS = frozenset({"Q.", "P.", "H.", "X.", "T."})


def _initials_before(doc: Doc, s: int, words: list[str], block_start: int) -> int | None:
    """Where a foreign name with initials begins, the run at `s` its last words ("C.Ronaldo",
    "L.V.Beethoven", "S. Chatterjee, một bác sĩ", "John F. Kennedy" after a foreign given
    name): a person's name as the news writes it, of one or two foreign words. None when no
    initials stand there, when a word is Vietnamese (anonymised "N.V.Anh", a ward "P.Bến
    Nghé") or a league's ("V.League"), when the one letter is a place's ("H.Krông") or the
    initials follow another capitalized word ("Serie A. Ibrahimovic": a sentence ends)."""
    if s < 2 or doc.text[s - 1] != "." and doc.text[s - 2 : s] != ". " or is_syllable(words[0]) or (
        len(words) > 1 and is_syllable(words[1])
    ) or len(words[-1]) < 3 or _DOT_LETTER.match(doc.text, s + len(" ".join(words))):
        return None
    m = _INITIALS.search(doc.text, max(block_start, s - 9), s)
    if m is None or m.group(1).strip() in _PLACE_INITIALS:
        return None
    ctx = _context()
    if not ctx.not_in_name.isdisjoint(words):
        return None
    i = m.start()
    k = max(doc.text.rfind(" ", block_start, i - 1) + 1, block_start)  # the word before
    prev = doc.text[k : i - 1] if i - 1 > block_start and doc.text[i - 1] == " " else ""
    if prev[-1:].isdigit():
        return None  # "sạc nhanh 18 W. Vivo Y72": a unit after a number
    if prev[:1].isupper() and prev[-1:].isalnum():
        if prev not in ctx.given_names and (
            is_syllable(prev) or prev in ctx.not_in_name or not prev[1:].islower()
        ):  # not "chỉ số ICE U.S. Dollar"
            return None
        i = k  # "Ronald C. Moore": the foreign given name before the initial
    if doc.overlaps(i, s, "organization", "place") is not None or _not_person_before(
        doc.text, i, block_start
    ):
        return None  # "tàu khu trục USS John S. McCain"
    return i


def _given_name_alone(doc: Doc, pos: int, word: str) -> bool:
    """A Vietnamese given name alone after "anh", "chị", "cụ" ("chị Huyền") where the article
    gives no fuller name: the person is named so. Not a nationality ("anh Tây", "cô Nhật"),
    nor a word after "Anh" with a capital, which is as often England ("Anh Quốc"), nor after
    "quyền anh" (boxing), nor after an honorific written with a capital mid-sentence ("Cô
    Tô", an island). (After a profession or a degree one word is as often the start of
    a noun: "Tiến sĩ Kỹ thuật", "bác sĩ Đơn vị Mắt".)"""
    before = doc.text[max(0, pos - 12) : pos].split()
    nouns = wordlist("honorifics.json", "not_weak_after")
    two = " ".join(before[-2:]).lower()
    if not before or before[-1][:1].isupper() and len(before) > 1 and (
        before[-2][-1:] not in ".!?…:\"”“'"
    ):
        return False  # "tại Cô Tô": a capital mid-sentence makes the honorific a name's word
    return is_syllable(word) and word not in _context().not_one_word_names and (
        before[-1] != "Anh" and two not in nouns
    )


def _leader_before(doc: Doc, pos: int) -> bool:
    """A foreign leader's title right before `pos` ("tổng thống Putin", "Thủ tướng Merkel"),
    also with the country between ("Tổng thống Nga Putin")."""
    titles = wordlist("titles.json", "name_alone_after")
    end = len(doc.text[:pos].rstrip())
    country = doc.overlaps(end - 1, end, "country")
    if country is not None and country.end == end:
        pos = country.start
    before = doc.text[max(0, pos - 20) : pos].rstrip()
    return any(before.endswith(t) and (len(before) == len(t) or not before[-len(t) - 1].isalnum())
               for t in titles)


def _foreign_name_in_text(doc: Doc, word: str) -> Span | None:
    """The first run of two or three capitalized words in the article that ends with `word`
    and is a foreign name ("Sean Spicer" for "ông Spicer"), outside bodies, places and titles."""
    gaz = gazetteer()
    for start, end in doc.blocks:
        for m in _RUN.finditer(doc.text, start, end):
            words = m.group(0).split(" ")
            if not 2 <= len(words) <= 3 or not _foreign(m.group(0)):
                continue
            # "ông Spicer" … "Sean Spicer"; "ông Kim" … "Kim Jong-un" (family name first)
            if words[-1] != word and not (words[0] == word and "-" in words[-1]):
                continue
            if any(w in gaz.not_name_words or w in gaz.honorifics for w in words):
                continue
            s = m.start()
            if len(words) == 3 and _PLACE_WORD_BEFORE.search(doc.text, max(start, s - 12), s):
                s += len(words[0]) + 1  # "nghị sĩ bang Alagoas Givaldo Carimbao"
            if doc.overlaps(s, m.end(), "organization", "place", "title", "country") is None:
                return s, m.end(), doc.text[s : m.end()]
    return None


def _pronouns(doc: Doc, gaz: Gazetteer, start: int, end: int) -> None:
    pat = gaz.pronoun_re
    for m in pat.finditer(doc.text, start, end):
        after = doc.text[m.end() : m.end() + 24]
        if _CAP_AFTER.match(after) or _NOT_PRONOUN_AFTER.match(after):
            continue
        doc.mention("pronoun", m.group(0), m.start(), m.end())
