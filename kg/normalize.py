"""Normalize Vietnamese text and find the parts of a page that are the article.

Same spelling for the same word whatever the source: NFC, the new tone-mark placement
(Uỷ ban → Ủy ban, hoà → hòa), plain spaces for non-breaking ones. Every replacement keeps the
text's length, so character offsets stay meaningful.

Then the page is cut into content blocks (paragraphs that are the article: headline, body,
captions) and sentences. Navigation, related-news sections, photo credits and bylines are left
out of the blocks; credits are kept on `Doc.credits` as the article's authors and sources.
The patterns live in `data/text/boilerplate.json`.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache

from kg import DATA_DIR
from kg.doc import Article, Doc

_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2009\u200a\u3000\t\u000b\u000c"), " ")
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
# Look-alikes that some sites type instead of Vietnamese letters: the Icelandic capital eth
# (U+00D0) for Đ (U+0110).
_LOOK_ALIKES = {ord("\u00d0"): "\u0110"}
_CLEAN = {**_ZERO_WIDTH, **_SPACES, **_LOOK_ALIKES}
_CLEAN_CHARS = tuple((chr(k), v or "") for k, v in _CLEAN.items())

# Old-style tone placement on the open diphthongs oa, oe, uy: the tone moves to the first vowel
# when nothing follows the diphthong ("hoà" → "hòa"), and stays when a consonant follows
# ("hoàn"). "quý" is left alone: there the u belongs to the consonant.
_TONES = "\u0300\u0301\u0309\u0303\u0323"  # grave, acute, hook, tilde, dot below
_LETTER = r"[^\W\d_]"


def _tone_pattern() -> re.Pattern[str]:
    """The two letters of an old-style diphthong: o + toned a/e, u + toned y. The rule's two
    other conditions (not after q, no letter after) are checked on each match in
    `_new_tones`: a pattern that starts with a look-behind makes the regex engine try every
    position of the text, five times slower on a news article."""

    def toned(base: str) -> str:
        return "".join(unicodedata.normalize("NFC", base + t) for t in _TONES)

    a, e, y = toned("a") + toned("A"), toned("e") + toned("E"), toned("y") + toned("Y")
    # One set of first letters, so that `re` skips ahead to them.
    return re.compile(rf"[oOuU](?:(?<=[oO])[{a}{e}]|(?<=[uU])[{y}])")


_OLD_TONE = _tone_pattern()
_LETTER_AT = re.compile(_LETTER)


def _new_tones(text: str) -> str:
    """Move the tone of each old-style open diphthong (not after q, nothing after it)."""
    parts: list[str] = []
    done = 0
    for m in _OLD_TONE.finditer(text):
        start, end = m.span()
        if (start and text[start - 1] in "qQ") or _LETTER_AT.match(text, end):
            continue
        parts.append(text[done:start])
        parts.append(_move_tone(m))
        done = end
    if not parts:
        return text
    parts.append(text[done:])
    return "".join(parts)


def _move_tone(m: re.Match[str]) -> str:
    first, second = m.group(0)
    decomposed = unicodedata.normalize("NFD", second)
    tone = next((c for c in decomposed if c in _TONES), "")
    bare = unicodedata.normalize("NFC", decomposed.replace(tone, ""))
    return unicodedata.normalize("NFC", first + tone) + bare


def normalize_text(text: str) -> str:
    """NFC, new-style tone marks, plain spaces, no zero-width characters, LF line ends."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # One `replace` per character that is there: `str.translate` with a mapping looks up
    # every character of the text, forty times slower on an article.
    for char, replacement in _CLEAN_CHARS:
        if char in text:
            text = text.replace(char, replacement)
    return _new_tones(text)


def is_word_char(ch: str) -> bool:
    """What `\\w` matches in a str pattern: a letter or digit of any script, or "_"."""
    return ch.isalnum() or ch == "_"


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """A lookup key: normalized, casefolded, single-spaced. Used for gazetteer matching."""
    return " ".join(normalize_text(text).casefold().split())


@lru_cache(maxsize=1)
def _patterns() -> dict[str, object]:
    raw = json.loads((DATA_DIR / "text" / "boilerplate.json").read_text(encoding="utf-8"))
    prefixes = sorted(raw["credit_prefixes"], key=len, reverse=True)
    credit_words = "|".join(map(re.escape, sorted(raw["inline_credit_words"], key=len,
                                                  reverse=True)))
    return {
        "credit": re.compile(
            r"^\(?\s*(?:" + "|".join(map(re.escape, prefixes)) + r")\s*:\s*(.{1,80}?)\)?\s*$",
            re.I,
        ),
        # "… ra mắt sản phẩm. Ảnh: Minh Anh": a credit at the end of a paragraph. Every one
        # starts with one of the words, so the paragraph is searched from the first of them.
        "inline_credit_word": re.compile(credit_words),
        "inline_credit": re.compile(
            rf"(?:\.|\s|^)\(?(?:{credit_words})\s*:\s*[^.()\n]{{1,80}}\)?\s*\.?\s*$"
        ),
        "nav": re.compile("|".join(raw["navigation_lines"]), re.I),
        "section_end": re.compile("|".join(raw["section_end_markers"]), re.I),
        "source_line": re.compile(raw["source_line"]),
        "article_end": re.compile(raw["article_end"]),
        "inline_link": re.compile(raw["inline_link"]),
        "inline_section_end": re.compile(raw["inline_section_end"]),
    }


_BYLINE = re.compile(r"^(?:[A-ZĐÀ-Ỹ][\wÀ-ỹ]*\.?\s?){1,4}$")
#: A sentence's end mark, then the gap to the next sentence (the group): the pattern starts with
#: the mark so that `re` skips ahead to the marks instead of trying every position.
_SENT_END = re.compile(r"[.!?…](?P<gap>[\"”’']?\s+)(?=[\"“‘'(]?[A-ZĐÀ-ỸÁ-Ỹ0-9])")
_NO_SPLIT_AFTER = re.compile(
    r"(?:\b(?:TP|Th\.S|ThS|TS|PGS|GS|BS|Mr|Ms|Dr|St|Co|Ltd|No|tr|TT)\.|\b[A-ZĐ]\.)$"
)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            out.append((start + lead, start + lead + len(stripped)))
    return out


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences of text[start:end], as absolute offsets."""
    out, s = [], start
    for m in _SENT_END.finditer(text, start, end):
        cut = m.start("gap")
        if _NO_SPLIT_AFTER.search(text[max(s, cut - 6) : cut]):
            continue
        out.append((s, cut))
        s = m.end()
    if s < end:
        out.append((s, end))
    return [(a, b) for a, b in out if text[a:b].strip()]


def content_blocks(text: str, credits: list[str]) -> list[tuple[int, int]]:
    """Paragraphs that are the article, with credit tails cut off; credits go to `credits`."""
    pats = _patterns()
    blocks: list[tuple[int, int]] = []
    paras = _paragraphs(text)
    skipping_section = False
    article_ended = False
    for i, (s, e) in enumerate(paras):
        line = text[s:e]
        if pats["section_end"].match(line):  # type: ignore[union-attr]
            skipping_section = True
            continue
        if skipping_section:
            # A related-news block is a run of short headline lines; a long paragraph ends it.
            if len(line) < 160 and not line.rstrip().endswith((".", ":")):
                continue
            skipping_section = False
        if pats["nav"].match(line):  # type: ignore[union-attr]
            continue
        if article_ended:
            continue
        if pats["source_line"].match(line):  # type: ignore[union-attr]
            credits.append(re.sub(r"^\W*\w+\s+", "", line).strip(" .)"))
            continue
        m = pats["credit"].match(line)  # type: ignore[union-attr]
        if m:
            credits.append(m.group(1).strip())
            continue
        if i == len(paras) - 1 and len(line) < 40 and _BYLINE.match(line) and i > 0:
            credits.append(line.strip())
            continue
        # every credit has a colon ("Ảnh: …"); most paragraphs have none
        word = pats["inline_credit_word"].search(line) if ":" in line else None  # type: ignore[union-attr]
        m = (pats["inline_credit"].search(line, max(0, word.start() - 2))  # type: ignore[union-attr]
             if word else None)
        if m and m.start() > 0:
            credit = re.sub(r"^[.\s(]*[^:]+:\s*", "", m.group(0)).strip(" .)")
            credits.append(credit)
            e = s + m.start() + (1 if line[m.start()] == "." else 0)
        # "… 08/02/2017 Tin liên quan Nóng: …": other articles' headlines from the marker on;
        # "… >> Xem thêm: Headline  Bên cạnh đó, …": one headline, to the next double space
        marker = next((m for m in pats["inline_section_end"].finditer(text, s, e)  # type: ignore[union-attr]
                       if m.start() > s and text[m.start() - 1] in _BEFORE_MARKER), None) if any(
            w in line for w in _MARKER_WORDS) else None
        rest: tuple[int, int] | None = None
        if marker:
            if not marker.group("list"):
                # the headline ends at a double space, else (run into the text) at the end of
                # the first sentence after it
                gap = text.find("  ", marker.end(), e)
                if gap < 0 and (end := _SENT_END.search(text, marker.end(), e)):
                    gap = end.start("gap")
                if gap >= 0 and text[gap:e].strip():
                    rest = (gap + len(text[gap:e]) - len(text[gap:e].lstrip()), e)
            skipping_section = rest is None
            e = s + len(text[s : marker.start()].rstrip(" >"))
        blocks.extend(_without_links(text, s, e, pats["inline_link"]))  # type: ignore[arg-type]
        if rest:
            blocks.extend(_without_links(text, *rest, pats["inline_link"]))  # type: ignore[arg-type]
        if pats["article_end"].search(text[s:e]):  # type: ignore[union-attr]
            article_ended = True
    return blocks


#: Cheap pre-check for `inline_section_end` (`in` on a str is much faster than a search):
#: each marker's first words, as written.
_MARKER_WORDS = ("Tin liên quan", "Bài liên quan", "Xem thêm", "Đọc thêm", "Tin cùng",
                 "bạn quan tâm", "Tin khác")
#: What stands right before an inline related-news marker: a space or a mark.
_BEFORE_MARKER = frozenset(" .:!?…\"”>")


def _without_links(text: str, s: int, e: int, link: re.Pattern[str]) -> list[tuple[int, int]]:
    """The paragraph text[s:e] without the links to other articles written into it ("[Headline
    of another article]"): the pieces around them, each a block, so no sentence and no name
    runs across a link. Most paragraphs have no "[" and are returned whole."""
    if text.find("[", s, e) < 0:
        return [(s, e)]
    out, pos = [], s
    for m in link.finditer(text, s, e):
        if text[pos : m.start()].strip():
            out.append((pos, m.start()))
        pos = m.end()
    if pos == s:
        return [(s, e)]
    piece = text[pos:e]
    if piece.strip():
        lead = len(piece) - len(piece.lstrip())
        out.append((pos + lead, e))
    return [(a, a + len(text[a:b].rstrip())) for a, b in out]


def normalize(article: Article) -> Doc:
    """Pipeline stage: Article → Doc with normalized text, content blocks and sentences."""
    text = normalize_text(article.text)
    doc = Doc(article=article, text=text)
    doc.blocks = content_blocks(text, doc.credits)
    for s, e in doc.blocks:
        doc.sentences.extend(split_sentences(text, s, e))
    if article.title is None and doc.blocks:
        s, e = doc.blocks[0]
        article.title = text[s:e][:300]
    return doc
