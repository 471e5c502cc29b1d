"""The data the extractors read: gazetteers (provinces, bodies) and word lists (titles, names).

Everything a newcomer might want to add to lives in `data/gazetteer/*.json` and
`data/lexicon/*.json`; this module only loads it once per process and compiles the lookups
(one regular expression per list, longest alternative first).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from kg import DATA_DIR
from kg.normalize import fold, normalize_text

# Letters of Vietnamese (and other Latin-script) text, split by case, for name patterns.
UPPER = "".join(
    c for c in map(chr, range(0x41, 0x1F00)) if c.isupper() and "LATIN" in unicodedata.name(c, "")
)
LOWER = "".join(
    c for c in map(chr, range(0x61, 0x1F00)) if c.islower() and "LATIN" in unicodedata.name(c, "")
)
#: One capitalized word ("Hùng", "Jean-Pierre"), not an acronym.
CAP = rf"[{UPPER}][{LOWER}]+(?:-[{UPPER}]?[{LOWER}]+)*"
#: Not inside a word: the look-arounds used around every gazetteer alternative.
WORD_START = r"(?<![\w&])"
WORD_END = r"(?![\w&])"


def _json(*parts: str) -> Any:
    path = DATA_DIR.joinpath(*parts)
    return json.loads(path.read_text(encoding="utf-8"))


def first_chars(words: Iterable[str]) -> str:
    """A lookahead for the first characters of `words`: lets a long alternation fail fast."""
    chars = sorted({w[0] for w in words if w})
    return "(?=[" + "".join(re.escape(c) for c in chars) + "])"


#: What may not stand right before an honorific: anything but a space, a bracket, a quote or a
#: punctuation mark that opens a phrase.
_NOT_OPENING = r"[^\s(\"“'‘,;:]"
#: What may not stand right before a word of a bounded alternation (a letter, a digit, "&").
WORD_BEFORE = r"[\w&]"


def alternation(
    words: Iterable[str],
    *,
    bounded: bool = True,
    not_after: str | None = None,
    ignore_case: bool = False,
) -> str:
    """A regex that matches any of `words`, the longest first, shaped as a trie of characters.

    Python's `re` tries a flat alternation word by word at every position of the text; a trie
    whose top level is a branch of single characters lets it skip straight to the positions
    where a word can begin (the engine builds a set of first characters from such a branch), and
    tries each shared prefix once. The words matched, and which one wins, are those of the flat
    alternation, longest first.

    `bounded`: not inside a word at either end. `not_after`: a one-character pattern (a class)
    that may not stand right before a word, `WORD_BEFORE` when bounded; it is checked after the
    first character (a look-behind over two), so that the branch still comes first and `^`
    needs no branch of its own. `ignore_case`: for a pattern compiled case-insensitively (the
    trie then holds lowercase words, so that "A…" and "a…" share a branch and the longest
    still wins).
    """
    if not_after is None and bounded:
        not_after = WORD_BEFORE
    key = tuple(sorted(set(words)))
    return _alternation(key, not_after or "", bounded, ignore_case)


@lru_cache(maxsize=512)
def _alternation(words: tuple[str, ...], not_after: str, end: bool, ignore_case: bool) -> str:
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word.lower() if ignore_case else word:
            node = node.setdefault(ch, {})
        if word:
            node[""] = {}
    body = _trie_pattern(trie, f"(?<!{not_after}.)" if not_after else "")
    return body + WORD_END if end else body


def _trie_pattern(node: dict[str, dict], guard: str = "") -> str:
    """The regex of a trie node: its branches, made optional when a word also ends here."""
    branches = [re.escape(ch) + guard + _trie_pattern(child) for ch, child in sorted(node.items())
                if ch]
    if not branches:
        return ""
    ends_here = "" in node
    if len(branches) == 1 and not ends_here:
        return branches[0]
    return "(?:" + "|".join(branches) + (")?" if ends_here else ")")


def by_first_word(words: Iterable[str]) -> list[re.Pattern[str]]:
    """`alternation(words)` cut into patterns that together find what it finds (`finditer_any`):
    one for the words that do not begin with a lowercase letter, and one for each first word
    of those that do ("nước …", "châu …"), which opens with that word as a plain string.

    `re` skips through a text to the plain string a pattern opens with; a pattern that opens
    with a set of letters is tried at each of them, so a few words that begin with "n" or "c"
    make a long alternation be tried at most positions of a Vietnamese text.
    """
    lowercase: dict[str, list[str]] = {}
    others = []
    for w in sorted(set(words)):
        if w[:1].islower():
            first, _, rest = w.partition(" ")
            lowercase.setdefault(first, []).append(rest)
        else:
            others.append(w)
    patterns = [re.compile(alternation(others))] if others else []
    for first, rests in lowercase.items():
        lead = re.escape(first)
        tails = [r for r in rests if r]
        tail = rf"\ (?:{alternation(tails, bounded=False)})" if tails else ""
        if tails and "" in rests:
            tail = f"(?:{tail})?"
        patterns.append(re.compile(rf"{lead}(?<!{WORD_BEFORE}{lead}){tail}{WORD_END}"))
    return patterns


def finditer_any(
    patterns: list[re.Pattern[str]], text: str, start: int, end: int
) -> Iterator[re.Match[str]]:
    """What the alternation `by_first_word` cut into `patterns` finds with `finditer`: at each
    step the leftmost match of any of them (the longest where two start together, as the
    alternation tries its words longest first), the search going on after it."""
    pos = start
    ahead = [p.search(text, pos, end) for p in patterns]
    while True:
        first = None
        for k, m in enumerate(ahead):
            if m is not None and m.start() < pos:  # overtaken by an earlier match: search again
                m = ahead[k] = patterns[k].search(text, pos, end)
            if m is not None and (first is None or m.start() < first.start() or (
                m.start() == first.start() and m.end() > first.end()
            )):
                first = m
        if first is None:
            return
        yield first
        pos = first.end() if first.end() > first.start() else first.start() + 1


def finditer_at(
    starts: re.Pattern[str], pattern: re.Pattern[str], text: str, start: int, end: int
) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text, start, end)`, with `pattern` tried only where `starts` finds a
    place it may match from (every such place: `starts` may find more, never fewer).

    `re` skips ahead through a text only for a pattern that begins with its characters; one
    that begins with a look-behind, a group or an optional part is tried at every position,
    which on a news article is most of an extractor's time.
    """
    pos = start
    while candidate := starts.search(text, pos, end):
        m = pattern.match(text, candidate.start(), end)
        if m:
            yield m
            pos = m.end() if m.end() > m.start() else m.start() + 1
        else:
            pos = candidate.start() + 1


class EndAnchored:
    r"""`alternation(words, …) + r"\s*$"` (or `\s+$`) compiled, for a window that ends where
    the match must: "an honorific right before a name" (`search(text, pos, endpos)`).

    `re` cannot search from the end: it tries the pattern at every position of the window,
    which for the 30,000 capitalized runs of 600 articles is most of the time it takes. A match
    ends with the last word of one of `words`, then whitespace only. When the window's last
    token (after its last space, trailing whitespace cut) is letters only, the match must be
    that whole token (the pattern's guard rejects a letter before a word), so a set lookup
    answers; any other token is left to the pattern, whose answer `search` always returns.
    """

    __slots__ = ("pattern", "_tails", "_last_chars")

    def __init__(self, pattern: re.Pattern[str], words: Iterable[str]) -> None:
        self.pattern = pattern
        # the last word of each (with any whitespace but plain spaces, or a trailing one, the
        # test would not hold: the pattern then always answers)
        words = [w for w in words if w]
        plain = all(w == w.strip() and all(c == " " or not c.isspace() for c in w)
                    for w in words)
        self._tails = frozenset(w.rsplit(" ", 1)[-1] for w in words) if plain else None
        self._last_chars = frozenset(w[-1] for w in words)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        if endpos is None:
            endpos = len(text)
        if self._tails is not None:
            window = text[pos:endpos].rstrip()
            if window[-1:] not in self._last_chars:  # also "": no match in an empty window
                return None
            token = window[window.rfind(" ") + 1 :]
            if token.isalpha() and token not in self._tails:
                return None
        return self.pattern.search(text, pos, endpos)


@dataclass
class Province:
    id: str
    name: str
    type: str
    code: str | None
    aliases: list[str]
    merged_into: str | None = None


@dataclass
class Body:
    """A national body of the gazetteer, or a provincial body template."""

    id: str
    name: str
    aliases: list[str]
    type: str | None
    parent: str | None
    props: dict[str, Any] = field(default_factory=dict)


class Gazetteer:
    """All lookups, compiled once. Use `gazetteer()` to get the shared instance."""

    def __init__(self) -> None:
        self._load_places()
        self._load_countries()
        self._load_bodies()
        self._load_lexicon()

    # -- places ---------------------------------------------------------------------------
    def _load_places(self) -> None:
        raw = _json("gazetteer", "provinces.json")["provinces"]
        self.provinces: dict[str, Province] = {}
        self.place_by_label: dict[str, str] = {}
        for p in raw:
            prov = Province(
                p["id"],
                normalize_text(p["name"]),
                p.get("type") or "tỉnh",
                p.get("code"),
                [normalize_text(a) for a in p.get("aliases", [])],
                p.get("merged_into"),
            )
            self.provinces[prov.id] = prov
            for label in [prov.name, *prov.aliases]:
                self.place_by_label.setdefault(label, prov.id)
                self.place_by_label.setdefault(fold(label), prov.id)
        labels = [k for k in self.place_by_label if k[:1].isupper()]
        self.place_re = re.compile(alternation(labels))

    def _load_countries(self) -> None:
        self.countries: dict[str, str] = {}  # id → name
        self.regions: set[str] = set()
        self.country_by_label: dict[str, str] = {}
        for c in _json("gazetteer", "countries.json")["countries"]:
            self.countries[c["id"]] = normalize_text(c["name"])
            if c.get("region"):
                self.regions.add(c["id"])
            for label in [c["name"], *c.get("aliases", [])]:
                label = normalize_text(label)
                self.country_by_label.setdefault(label, c["id"])
                self.country_by_label.setdefault(f"nước {label}", c["id"])
        labels = list(self.country_by_label)
        self.country_re = re.compile(alternation(labels))
        self._country_scan = by_first_word(labels)  # "nước Anh" beside "Anh": see `countries_in`

    # -- bodies ---------------------------------------------------------------------------
    def _load_bodies(self) -> None:
        titles = set(_json("lexicon", "titles.json")["titles"])
        self.bodies: dict[str, Body] = {}
        self.body_by_label: dict[str, str] = {}
        self.body_by_code: dict[str, str] = {}
        matchable: list[str] = []
        for o in _json("gazetteer", "organizations.json")["organizations"]:
            body = Body(
                o["id"],
                normalize_text(o["name"]),
                [normalize_text(a) for a in o.get("aliases", [])],
                o.get("type"),
                o.get("parent"),
                {k: v for k, v in o.items() if k in ("until", "merged_into", "source", "code")},
            )
            self.bodies[body.id] = body
            if o.get("code"):
                self.body_by_code.setdefault(o["code"], body.id)
            for label in [body.name, *body.aliases]:
                self.body_by_label.setdefault(label, body.id)
                self.body_by_label.setdefault(fold(label), body.id)
                # Titles ("Thủ tướng") and two-letter codes ("CP") are not mentions of a body.
                if label not in titles and len(label) > 2 and label[:1].isupper():
                    matchable.append(label)
        # not inside a document number either: the "TTg" of "146/QĐ-TTg" is no mention
        self.body_re = re.compile(alternation(matchable, not_after=r"[\w&/-]"))
        # "Bộ trưởng Thông tin và Truyền thông": a ministry named by its field alone.
        self.ministry_fields: dict[str, str] = {}
        for body in self.bodies.values():
            if body.type == "ministry":
                for label in [body.name, *body.aliases]:
                    if label.startswith("Bộ ") and len(label) > 6:
                        self.ministry_fields.setdefault(label[3:], body.id)
        self.ministry_field_re = re.compile(alternation(list(self.ministry_fields)))

        raw = _json("gazetteer", "provincial_bodies.json")["bodies"]
        self.templates: dict[str, Body] = {}
        self.template_by_label: dict[str, str] = {}
        for t in raw:
            body = Body(
                t["id"],
                normalize_text(t["name"]),
                [normalize_text(a) for a in t.get("aliases", [])],
                t.get("type"),
                t.get("parent"),
                {k: t[k] for k in ("until", "merged_into", "source", "name_city", "needs_unit")
                 if k in t},
            )
            self.templates[body.id] = body
            for label in [body.name, *body.aliases, body.props.get("name_city")]:
                if label:
                    self.template_by_label.setdefault(normalize_text(label), body.id)
        place_labels = [k for k in self.place_by_label if k[:1].isupper()]
        bodies = alternation(list(self.template_by_label), bounded=False, not_after=WORD_BEFORE)
        self.template_re = re.compile(
            rf"(?P<body>{bodies})"
            rf"(?:\s*(?P<unit>tỉnh|thành phố|Thành phố|TP\.?|Tp\.?)(?=\s|$|[,.;:)]))?"
            rf"(?:\s*(?P<place>{alternation(place_labels, bounded=False)}))?{WORD_END}"
        )

    # -- words ----------------------------------------------------------------------------
    def _load_lexicon(self) -> None:
        titles = _json("lexicon", "titles.json")
        self.titles: list[str] = [normalize_text(t) for t in titles["titles"]]
        self.title_org: dict[str, str] = {
            k: v for k, v in titles["org_in_title"].items() if k != "about"
        }
        self.title_role: dict[str, str] = {
            k: v for k, v in titles["role_in_title"].items() if k != "about"
        }
        self.ministry_titles: set[str] = set(titles["ministry_titles"])
        self.former_words: list[str] = titles["former"]
        self.acting_words: frozenset[str] = frozenset(titles["acting"])
        self.title_re = re.compile(
            first_chars([*self.former_words, *self.acting_words, *self.titles])
            + rf"(?:(?P<former>{alternation(self.former_words, bounded=False)})\s+)?"
            rf"(?P<title>(?:(?:{alternation(self.acting_words, bounded=False)})\s+)?"
            rf"{alternation(self.titles, bounded=False)}){WORD_END}"
        )
        # Where a title may begin: a plain trie, which the engine scans for quickly.
        self.title_start_re = re.compile(
            alternation([*self.former_words, *self.acting_words, *self.titles], bounded=False)
        )
        hon = _json("lexicon", "honorifics.json")
        self.honorifics: frozenset[str] = frozenset(hon["honorifics"])
        self.pronouns: list[str] = hon["pronouns"]
        self.weak_honorifics: set[str] = set(hon["weak"])
        self.not_short_names: list[str] = hon["not_short_names"]
        sur = _json("lexicon", "surnames.json")
        self.surnames: set[str] = set(sur["surnames"])
        self.common_surnames: set[str] = set(sur["common"])
        self.not_name_words: set[str] = set(sur["not_name_words"])
        self.street_list_before = re.compile(sur["street_list_before"])
        self.not_names: set[str] = set(sur["not_names"])
        not_people = _json("lexicon", "not_people.json")
        self.not_after_name: frozenset[str] = frozenset([*sur["not_after"],
                                                         *not_people["before"]])
        self.not_person_names: frozenset[str] = frozenset(not_people["names"])
        self.not_person_words: frozenset[str] = frozenset(not_people["name_words"])
        verbs = _json("lexicon", "speech_verbs.json")
        self.speech_verbs: dict[str, str] = verbs["verbs"]
        self.according_nouns: list[str] = verbs["according_nouns"]
        self.speech_adverbs: list[str] = verbs["adverbs"]
        self.name_quote_before: list[str] = verbs["name_quote_before"]
        self.abbreviations: dict[str, str] = _json("lexicon", "abbreviations.json")[
            "abbreviations"
        ]
        self.abbreviation_re = re.compile(alternation(list(self.abbreviations)))
        heads = _json("lexicon", "org_heads.json")
        self.org_heads: dict[str, str] = heads["heads"]
        self.org_stop: set[str] = set(heads["stop"]) | set(
            _json("lexicon", "speech_verbs.json")["verbs"]
        )
        self.org_joiners: set[str] = set(heads["joiners"])
        self.org_not_after: list[str] = heads["not_after"]
        self.org_generic_before: list[str] = heads["generic_before"]
        self.not_body_after: dict[str, list[str]] = heads["not_body_after"]
        self.proper_name_heads: set[str] = set(heads["proper_name_heads"])
        self.company_words: list[str] = heads["company_words"]
        self.place_words_before: list[str] = heads["place_words_before"]
        legal = _json("lexicon", "legal.json")
        self.doc_types: dict[str, str] = legal["types"]
        self.standard_types: dict[str, str] = legal.get("standards", {})
        self.doc_type_words: dict[str, str] = legal["type_words"]
        self.issuer_codes: dict[str, str] = legal["issuers"]
        self.program_kinds: list[str] = legal["program_kinds"]
        self._compile_patterns()

    # -- compiled patterns the extractors share (built once: they are long alternations) ----
    def _compile_patterns(self) -> None:
        a = alternation
        self.org_head_re = re.compile(a(list(self.org_heads)))
        self.org_not_after_re = re.compile(a(self.org_not_after))
        self.org_generic_before_re = re.compile(a(self.org_generic_before, bounded=False) + r"\s+$")
        self.place_words_before_re = re.compile(a(self.place_words_before) + r"\s+$")
        self.honorific_before_re = EndAnchored(re.compile(
            rf"(?P<h>{a(self.honorifics, bounded=False, not_after=_NOT_OPENING)})\s*$"
        ), self.honorifics)
        streets = a(self.not_after_name, bounded=False, not_after=r"\S")  # after a space
        self.street_before_re = EndAnchored(re.compile(rf"(?:{streets})\s+$"),
                                            self.not_after_name)
        self.pronoun_re = re.compile(a(self.pronouns))
        self.pronoun_phrase_re = re.compile(
            rf"(?:{a(self.pronouns, bounded=False)})(?:\s+(?:của|người)\s[^,]{{1,30}})?$"
        )
        # "Theo" at the start or after a space, a comma or a quote (checked after its first
        # letter, so that the pattern starts with a character set `re` can skip ahead to)
        self.according_re = re.compile(
            rf"[Tt](?<![^\s,“].)heo\s+(?:(?:{a(self.according_nouns, bounded=False)})\s+"
            rf"(?:của\s+)?)?"
        )
        self.name_quote_before_re = re.compile(
            a(self.name_quote_before, bounded=False) + r"\s*:?\s*$"
        )
        words = a(list(self.doc_type_words), bounded=False)
        self.doc_type_word_end_re = re.compile(rf"({words})(?:\s+số)?\s*$")
        word_start = a(list(self.doc_type_words), bounded=False, not_after=r"\w")
        self.short_reference_re = re.compile(
            rf"(?P<word>{word_start})\s+(?:số\s+)?(?P<n>\d{{1,5}})(?![\d/\w])"
        )
        self.program_kind_re = re.compile(a(self.program_kinds))

    # -- lookups --------------------------------------------------------------------------
    def titles_in(self, text: str, start: int, end: int) -> Iterator[re.Match[str]]:
        """`title_re.finditer(text, start, end)`, found faster: `title_re` opens with an
        optional group, `title_start_re` finds where a title can begin."""
        return finditer_at(self.title_start_re, self.title_re, text, start, end)

    def countries_in(self, text: str, start: int, end: int) -> Iterator[re.Match[str]]:
        """`country_re.finditer(text, start, end)`, found faster: every name has a form with
        "nước", so `country_re` would be tried at every "n" of the text."""
        return finditer_any(self._country_scan, text, start, end)

    def expand(self, name: str) -> str:
        """The name with its abbreviations written out ("Sở TT&TT" → "Sở Thông tin và …")."""
        return self.abbreviation_re.sub(lambda m: self.abbreviations[m.group(0)], name)

    def body_id(self, label: str) -> str | None:
        return self.body_by_label.get(label) or self.body_by_label.get(fold(label))

    def place_id(self, label: str) -> str | None:
        return self.place_by_label.get(label) or self.place_by_label.get(fold(label))


@cache
def gazetteer() -> Gazetteer:
    """The shared, compiled gazetteer (loaded on first use, once per process)."""
    return Gazetteer()
