"""The fast shapes of the extractors' patterns find exactly what the plain shapes find.

`alternation` builds a trie where a flat, longest-first alternation would do, and
`finditer_at` tries a pattern only where a cheaper one finds a start: both are for speed only,
so each is checked here against the plain form on texts made of the same words.
"""

from __future__ import annotations

import random
import re

import pytest

from kg.doc import Article, Doc
from kg.extract import body_names, legal
from kg.gazetteer import (
    WORD_END,
    EndAnchored,
    alternation,
    by_first_word,
    finditer_any,
    finditer_at,
    gazetteer,
)

SEPARATORS = [" ", "  ", ", ", ". ", "-", "/", "&", "(", ")", "x", "1", "\n", " và ", ": ",
              "“", " \n ", "\u00a0"]


def flat(words: list[str], *, bounded: bool = True, not_after: str | None = None) -> str:
    """The plain form: every word escaped, longest first, boundaries around the whole."""
    body = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True) if w)
    before = not_after or (r"[\w&]" if bounded else None)
    guard = f"(?<!{before})" if before else ""
    return f"{guard}(?:{body})" + (WORD_END if bounded else "")


def texts(words: list[str], n: int = 60, seed: int = 1) -> list[str]:
    """Texts of words, their prefixes and extensions, glued by assorted separators."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(5, 25)):
            w = rng.choice(words)
            shape = rng.random()
            if shape < 0.2 and len(w) > 2:
                w = w[: rng.randint(1, len(w) - 1)]  # a prefix of a word
            elif shape < 0.3:
                w += rng.choice(["a", " Nam", "s", "1"])  # a word that goes on
            elif shape < 0.4:
                w = w.lower()
            parts.append(w)
            parts.append(rng.choice(SEPARATORS))
        out.append("".join(parts))
    return out


def spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


WORD_LISTS = {
    "titles": lambda g: list(g.titles),
    "places": lambda g: [k for k in g.place_by_label if k[:1].isupper()],
    "countries": lambda g: list(g.country_by_label),
    "abbreviations": lambda g: list(g.abbreviations),
    "honorifics": lambda g: sorted(g.honorifics),
}


@pytest.mark.parametrize("name", sorted(WORD_LISTS))
@pytest.mark.parametrize("bounded", [True, False])
def test_trie_finds_what_the_flat_alternation_finds(name: str, bounded: bool) -> None:
    words = WORD_LISTS[name](gazetteer())
    trie = re.compile(alternation(words, bounded=bounded))
    plain = re.compile(flat(words, bounded=bounded))
    for text in texts(words):
        assert spans(trie, text) == spans(plain, text), text


def test_trie_with_words_that_are_prefixes_of_others() -> None:
    words = ["Bộ", "Bộ Y tế", "Bộ Y", "Sở", "Sở Y tế", "Y", "Y tế", "a.b", "a.bc", "(x)"]
    for not_after in (None, r"[\w&/-]", r"\S"):
        trie = re.compile(alternation(words, not_after=not_after))
        plain = re.compile(flat(words, not_after=not_after))
        for text in texts(words, n=200, seed=2):
            assert spans(trie, text) == spans(plain, text), text


def test_trie_ignoring_case_still_takes_the_longest() -> None:
    words = ["Theo", "theo đó", "Vì vậy", "vì vậy mà", "do đó"]
    trie = re.compile(alternation(words, bounded=False, ignore_case=True), re.I)
    plain = re.compile(flat(words, bounded=False), re.I)
    for text in texts(words, n=200, seed=3):
        assert spans(trie, text) == spans(plain, text), text
    assert trie.match("THEO ĐÓ, …").group(0) == "THEO ĐÓ"


def test_trie_keeps_a_word_that_ends_where_another_goes_on() -> None:
    trie = re.compile(alternation(["Hà Nội", "Hà Nội Mới", "Hà"]))
    assert [m.group(0) for m in trie.finditer("Hà Nội Mớia, Hà Nội Mới, Hàx Hà")] == [
        "Hà Nội", "Hà Nội Mới", "Hà"]


def test_finditer_at_finds_what_finditer_finds() -> None:
    g = gazetteer()
    words = [*g.titles, *g.former_words, *g.acting_words, "Nguyễn Văn An", "Bộ Y tế"]
    for text in texts(words, n=200, seed=4):
        got = [m.span() for m in g.titles_in(text, 0, len(text))]
        assert got == spans(g.title_re, text), text


def test_end_anchored_finds_what_its_pattern_finds() -> None:
    """The honorific and street words before a name: `EndAnchored.search` answers some
    windows without its pattern, and must answer every window as the pattern does (the
    same span and group), whatever stands at the window's end: a word of the list, its
    prefix or extension, punctuation, an opening bracket or quote, spaces or a line end."""
    g = gazetteer()
    cases = [(g.honorific_before_re, sorted(g.honorifics)),
             (g.street_before_re, sorted(g.not_after_name)),
             (EndAnchored(re.compile(alternation(["bác sĩ", "ông", "TS.", "PGS.TS"],
                                                 bounded=False, not_after=r"\S") + r"\s*$"),
                          ["bác sĩ", "ông", "TS.", "PGS.TS"]), ["bác sĩ", "ông", "TS.", "PGS.TS"])]
    for fast, words in cases:
        for text in texts([*words, "Nguyễn Văn An", "đường", "x"], n=150, seed=11):
            for end in range(len(text) + 1):
                for pos in (0, max(0, end - 16), max(0, end - 24)):
                    got, want = fast.search(text, pos, end), fast.pattern.search(text, pos, end)
                    assert (got and (got.span(), got.groups())) == (
                        want and (want.span(), want.groups())), (text, pos, end)
    # …and it does answer without its pattern where it can (the speed it is for)
    class Refuses:
        def search(self, *args: object) -> None:
            raise AssertionError("the pattern was run")

    fast = EndAnchored(re.compile(r"(?P<h>ông|bà)\s*$"), ["ông", "bà"])
    fast.pattern = Refuses()  # type: ignore[assignment]
    assert fast.search("Hôm nay gặp Nam", 0, 12) is None  # "gặp": letters, no word's last
    assert fast.search("Hôm nay, Nam", 0, 9) is None  # ",": no word ends with it
    assert g.honorific_before_re.search("Hôm nay ông Nam", 0, 12).group("h") == "ông"


def test_countries_found_by_first_word() -> None:
    g = gazetteer()
    words = [*g.country_by_label, "Nguyễn Văn An", "nước ta", "châu lục", "Bộ Y tế"]
    for text in texts(words, n=300, seed=9):
        got = [m.span() for m in g.countries_in(text, 0, len(text))]
        assert got == spans(g.country_re, text), text


def test_alternation_cut_by_first_word_finds_what_it_finds() -> None:
    words = ["nước Anh", "nước Anh Quốc", "nước", "nướcx", "a", "a.b", "a b", "Anh", "An",
             "châu Á", "châu", "Á", "x"]
    whole = re.compile(alternation(words))
    cut = by_first_word(words)
    # the capitalized words, then "a" (with "a b"), "a.b", "châu", "nước", "nướcx", "x": "a"
    # and "a.b" both match at the start of "a.b", where the longer must win
    assert len(cut) == 7
    for text in texts(words, n=300, seed=10):
        assert [m.span() for m in finditer_any(cut, text, 0, len(text))] == spans(whole, text)


def test_document_numbers_found_from_their_first_digit() -> None:
    rng = random.Random(5)
    pieces = ["146/QĐ-TTg", "42/2022/NĐ-CP", "52-NQ/TW", "12/3", "2017-", "x146/QĐ-TTg",
              "1.146/QĐ-TTg", "99 / 2020 / TT-BTTTT", "7a/CT-UBND", "3/ 4", "14-15", "/12/QĐ"]
    for _ in range(300):
        text = "".join(rng.choice(pieces) + rng.choice(SEPARATORS) for _ in range(12))
        fast = [m.span() for m in finditer_at(legal._NUMBER_START, legal.NUMBER, text, 0,
                                              len(text))]
        assert fast == spans(legal.NUMBER, text), text


def test_local_bodies_found_from_their_first_word() -> None:
    data = body_names.lists()
    words = [*data["local_bodies"], *data["local_title_bodies"],
             *data["local_party_committees"], *data["local_units"], "Tân Phú", "Bắc Sơn",
             "Nguyễn Văn An"]
    for text in texts(words, n=200, seed=6):
        fast = [m.span() for m in finditer_at(body_names._local_start_re(),
                                              body_names._local_re(), text, 0, len(text))]
        assert fast == spans(body_names._local_re(), text), text


def test_mention_index_finds_what_a_scan_finds() -> None:
    """`Doc.overlaps` and `mentions_in` answer from an index kept up to date as mentions come
    and go; a plain scan over the mentions, in start order, gives the same answers."""
    rng = random.Random(8)
    kinds = ["person", "organization", "title", "place"]
    for _ in range(50):
        doc = Doc(article=Article(id="x", text="x" * 400), text="x" * 400)
        for step in range(120):
            for _ in range(rng.randint(1, 3)):  # changes between two questions
                if doc.mentions and rng.random() < 0.15:
                    doc.remove_mention(rng.choice(doc.mentions))
                elif rng.random() < 0.05:
                    doc.mentions = list(doc.mentions)  # an extractor putting a new list there
                else:
                    start = rng.randrange(380)
                    doc.mention(rng.choice(kinds), f"k{step}", start, start + rng.randint(1, 60))
            a = rng.randrange(400)
            b = a + rng.randint(1, 30)
            asked = tuple(rng.sample(kinds, rng.randint(0, 2)))
            plain = [m for m in sorted(doc.mentions, key=lambda m: m.start)
                     if m.start < b and m.end > a and (not asked or m.kind in asked)]
            assert doc.mentions_in(a, b, *asked) == plain
            assert doc.overlaps(a, b, *asked) == (plain[0] if plain else None)
