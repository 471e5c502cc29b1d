"""Legacy Vietnamese encodings: Windows-1258, TCVN3 (ABC) and VNI, detected and decoded.

Before Unicode, Vietnamese was typed in 8-bit sets, and old pages and documents still come in
them: Windows-1258 (Microsoft's code page; tone marks are separate combining characters),
TCVN3 (the national standard TCVN 5712:1993 VN3, used by the ABC fonts) and VNI (the VNI fonts:
a base letter followed by a byte for its marks). They arrive either as raw bytes, or, in pages
that set a "VNI-Times" or ".VnTime" font, as Latin-1 characters inside otherwise valid Unicode
("Vieät Nam", "B¸o c¸o").

The byte tables are data, in `data/encodings/`. Detection decodes a sample with each candidate
and counts how many of the words that carry marks are well-formed Vietnamese syllables
(`data/encodings/syllable.json`): the right table gives almost only syllables, a wrong one
gives words no Vietnamese syllable has ("Viờũt", "aỡ"), so the best score names the encoding.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache

from kg import DATA_DIR

#: How much of a text the detector looks at (characters or bytes): enough words to judge.
SAMPLE = 200_000
#: Share of marked words that must be Vietnamese syllables for a decoding to be accepted.
MIN_SCORE = 0.75

# Bytes 0x80-0x9F as Windows-1252 reads them (quotes, dashes...), the five it leaves
# undefined kept as Latin-1 control characters, so any byte string has a character reading.
_CP1252_HIGH = {
    i: (bytes([i]).decode("cp1252", errors="ignore") or chr(i)) for i in range(0x80, 0xA0)
}
_CP1252_CHARS = {c: i for i, c in _CP1252_HIGH.items()}


def bytes_as_chars(data: bytes) -> str:
    """Legacy bytes as the characters Windows-1252 shows for them (what a VNI or TCVN3 page
    looks like without its font)."""
    return data.decode("latin-1").translate(_CP1252_HIGH)


@dataclass(frozen=True)
class TableCodec:
    """An encoding given by a table of Vietnamese letters → byte sequences (TCVN3, VNI);
    every other byte is read as Windows-1252."""

    name: str
    letters: dict[str, bytes]

    @cached_property
    def _decoder(self) -> tuple[re.Pattern[str], dict[str, str]]:
        keys = {bytes_as_chars(b): ch for ch, b in self.letters.items()}
        alternation = "|".join(map(re.escape, sorted(keys, key=len, reverse=True)))
        return re.compile(alternation), keys

    def decode_chars(self, text: str) -> str:
        """Text whose characters stand for the legacy bytes (see `bytes_as_chars`) → Unicode."""
        pattern, keys = self._decoder
        return pattern.sub(lambda m: keys[m.group(0)], text)

    def decode(self, data: bytes) -> str:
        return self.decode_chars(bytes_as_chars(data))

    def encode(self, text: str) -> bytes:
        """Unicode → this encoding (for tests and for writing old formats); ValueError for a
        character it cannot express."""
        out = bytearray()
        for ch in unicodedata.normalize("NFC", text):
            if ch in self.letters:
                out += self.letters[ch]
            elif ch.lower() in self.letters and ch.lower() != ch:  # TCVN3: no toned capitals
                out += self.letters[ch.lower()]
            else:
                try:
                    out += ch.encode("cp1252")
                except UnicodeEncodeError:
                    raise ValueError(f"{self.name} cannot encode {ch!r}") from None
        return bytes(out)


class Cp1258Codec:
    """Windows-1258, Python's codec: base letters (with â ă ê ô ơ ư đ) and tone marks as
    combining characters; decoding recomposes them (NFC)."""

    name = "Windows-1258"

    def decode(self, data: bytes) -> str:
        return unicodedata.normalize("NFC", data.decode("cp1258"))

    def decode_chars(self, text: str) -> str:
        data = bytes(_CP1252_CHARS.get(c, ord(c)) for c in text)  # ValueError past 0xFF
        return self.decode(data)

    def encode(self, text: str) -> bytes:
        """The usual Windows form: vowel-shape marks precomposed, tone marks combining."""
        tones = set(_syllable_data()["tone_marks"])
        out = []
        for ch in unicodedata.normalize("NFC", text):
            parts = unicodedata.normalize("NFD", ch)
            tone = "".join(c for c in parts if c in tones)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
            out.append(base + tone)
        return "".join(out).encode("cp1258")


@lru_cache(maxsize=1)
def _syllable_data() -> dict:
    return json.loads((DATA_DIR / "encodings" / "syllable.json").read_text(encoding="utf-8"))


@cache
def table_codec(name: str) -> TableCodec:
    """The codec of `data/encodings/<name>.json` (tcvn3, vni)."""
    raw = json.loads((DATA_DIR / "encodings" / f"{name}.json").read_text(encoding="utf-8"))
    return TableCodec(raw["name"], {ch: bytes.fromhex(h) for ch, h in raw["letters"].items()})


def codecs() -> list[TableCodec | Cp1258Codec]:
    """The legacy encodings kg recognizes, in the order ties are broken."""
    return [Cp1258Codec(), table_codec("tcvn3"), table_codec("vni")]


@lru_cache(maxsize=1)
def _syllable() -> tuple[re.Pattern[str], frozenset[str]]:
    d = _syllable_data()

    def alt(xs: list[str]) -> str:
        return "|".join(sorted(xs, key=len, reverse=True))

    shape = re.compile(rf"(?:{alt(d['initials'])})?(?P<nucleus>{alt(d['nuclei'])})"
                       rf"(?P<final>{alt(d['finals'])})?")
    return shape, frozenset(d["tone_marks"])


_WORD = re.compile(r"[^\W\d_]+")
# Non-ASCII symbols ordinary text has (quotes, dashes, bullets, currency, degrees...).
_ORDINARY = set("“”‘’„‚«»–—…•·°€£¥§©®™×÷±\u00a0\u200b\ufeff")


def _tone_in_place(nucleus: str, at: int, has_final: bool) -> bool:
    """The tone sits where Vietnamese spelling puts it (data/encodings/syllable.json,
    "tone_rules"); a wrong table often puts a mark on the wrong vowel ("aõ" for "â")."""
    d = _syllable_data()
    shaped = [i for i, c in enumerate(nucleus) if c in d["shaped_vowels"]]
    if shaped:
        return at == shaped[-1]
    if len(nucleus) == 1:
        return at == 0
    if has_final:
        return at == len(nucleus) - 1
    if nucleus in d["either_vowel"]:
        return True
    return at == (0 if len(nucleus) == 2 else 1)


@lru_cache(maxsize=1 << 16)
def is_syllable(word: str) -> bool:
    """A well-formed Vietnamese syllable: initial?, nucleus, final?, at most one tone mark,
    on the vowel that carries it. (Memoized: the same words come back in every article.)"""
    shape, tone_marks = _syllable()
    bases, toned = [], []
    for i, ch in enumerate(word.lower()):
        parts = unicodedata.normalize("NFD", ch)
        tones = [c for c in parts if c in tone_marks]
        if tones:
            toned.append(i)
            if len(tones) > 1:
                return False
            parts = "".join(c for c in parts if c not in tone_marks)
        bases.append(unicodedata.normalize("NFC", parts))
    if len(toned) > 1 or any(len(b) != 1 for b in bases):
        return False
    m = shape.fullmatch("".join(bases))
    if m is None:
        return False
    if not toned:
        return True
    start, end = m.span("nucleus")
    return start <= toned[0] < end and _tone_in_place(
        m.group("nucleus"), toned[0] - start, m.group("final") is not None
    )


def vietnamese_score(text: str) -> tuple[float, int]:
    """(share of marked words that are Vietnamese syllables, number of marked words and odd
    symbols judged) over a sample of `text`. Text with nothing to judge scores 1.0."""
    sample = unicodedata.normalize("NFC", text[:SAMPLE])
    good = bad = 0
    for m in _WORD.finditer(sample):
        w = m.group(0)
        if w.isascii():
            continue
        if is_syllable(w):
            good += 1
        else:
            bad += 1
    bad += sum(1 for c in sample if ord(c) > 0x7F and not c.isalpha() and not c.isspace()
               and c not in _ORDINARY and unicodedata.category(c) != "Mn")
    total = good + bad
    return (good / total if total else 1.0), total


def detect_bytes(data: bytes) -> tuple[str, str] | str:
    """Decode non-UTF-8 bytes as the legacy encoding that reads as Vietnamese:
    (text, encoding name), or the reason none does."""
    sample = data[:SAMPLE]
    scored = []
    for codec in codecs():
        try:
            text = codec.decode(sample)
        except (UnicodeDecodeError, ValueError):
            continue
        score, judged = vietnamese_score(text)
        scored.append((score, judged, codec))
    if not scored:
        return "not UTF-8, and not text in Windows-1258, TCVN3 or VNI"
    # Best share of syllables; a decoding with nothing to judge (no marked words) counts as
    # just acceptable, so any real reading beats it; more words judged breaks ties.
    score, judged, best = max(scored, key=lambda s: (s[0] if s[1] else MIN_SCORE, s[1]))
    if score < MIN_SCORE:
        return (f"not UTF-8, and not Vietnamese in Windows-1258, TCVN3 or VNI (best guess "
                f"{best.name}: {score:.0%} of {judged} marked words read as Vietnamese)")
    try:
        return best.decode(data), best.name
    except (UnicodeDecodeError, ValueError) as e:
        return f"not UTF-8, and not valid {best.name} past the start ({e})"


# Characters of Latin-1's upper half (what legacy bytes look like as characters), and letters
# only Unicode Vietnamese uses (ă đ ĩ ũ ơ ư and the toned ạ...ỹ), which legacy pages never show.
_LATIN1_HIGH = re.compile(r"[\u00a1-\u00ff]")
_VIETNAMESE_LETTER = re.compile(r"[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169"
                                r"\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]")


def repair_text(text: str) -> tuple[str, str | None]:
    """Unicode text that is really TCVN3/VNI/Windows-1258 shown as Latin-1 characters (a page
    that relied on a legacy font) → proper Unicode, with the encoding's name; other text is
    returned as it is, with None."""
    sample = text[:SAMPLE]
    head = text[:20_000]
    latin1 = len(_LATIN1_HIGH.findall(head))
    if not latin1 or len(_VIETNAMESE_LETTER.findall(head)) >= latin1:
        return text, None  # nothing legacy-looking, or real Unicode Vietnamese (ư, ộ, đ...)
    own, _ = vietnamese_score(sample)
    if own >= MIN_SCORE:
        return text, None
    best: tuple[float, TableCodec | Cp1258Codec] | None = None
    for codec in codecs():
        try:
            score, judged = vietnamese_score(codec.decode_chars(sample))
        except (UnicodeDecodeError, ValueError):
            continue
        if judged and score >= MIN_SCORE and score > own + 0.25 and (
            best is None or score > best[0]
        ):
            best = (score, codec)
    if best is None:
        return text, None
    try:
        return best[1].decode_chars(text), best[1].name
    except (UnicodeDecodeError, ValueError):
        return text, None
