"""Claims: what a named person (or, failing that, a body) said, with the sentence it is in.

Four forms, as the annotation guide counts them:

- a quotation closed by its speaker: “…”, ông Hùng nói. (one claim per quotation, however many
  sentences it has; '…' and "…" too);
- reported speech: <speaker> [adverbs] <speech verb>[,:] <content>  ("Thứ trưởng Nguyễn Huy
  Dũng cho biết, …"; verbs in `data/lexicon/speech_verbs.json`);
- "Theo <speaker>, <content>" and "theo phân tích của <speaker>, …";
- a caption "Bà Lê Ngọc Hân: <statement>".

The speaker is the person the mention names, a short name resolved by the people extractor
("ông Hùng"), a pronoun ("ông", "vị chuyên gia") or a bare title ("Bộ trưởng") resolved to the
last person the article named (with that title), else the body that speaks ("Bộ TT&TT nhấn
mạnh"). Generic speakers ("các chuyên gia") give no claim. A quotation standing alone right
after a claim continues its speaker.

Each claim gets a kind (statement, assessment, proposal, figure, target), its figures with
the number normalized (`kg.extract.numbers`), and the entities it mentions.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from kg.doc import Claim, Doc, Evidence, Mention
from kg.extract.numbers import figures, target_year
from kg.gazetteer import Gazetteer, alternation, gazetteer

_OPEN_FOR = {"”": "“", '"': '"', "'": "'‘", "’": "'‘"}
_BOUNDARY = set(',:;(“"\'‘')
_TOKENS = re.compile(r"\w+")
_SPEAKER_KINDS = ("person", "organization", "place", "title", "pronoun")
_HEAD_OF = re.compile(
    r"(?:người đứng đầu|vị lãnh đạo|lãnh đạo cao nhất)\s+(?:của\s+)?(?:ngành|Bộ|bộ|tỉnh|thành phố)"
    r"(?:\s+[^\s,.;:]+){1,2}$"
)
_TAIL = re.compile(r"([”\"'’])\s*,\s*")
_SENTENCE_END = re.compile(r"[.!?…]|$", re.M)
_CONTINUES = re.compile(r"(?:Đó là|Cụ thể|Theo đó)\s*[,:]")


class _Context:
    def __init__(self, doc: Doc, gaz: Gazetteer) -> None:
        self.doc = doc
        self.gaz = gaz
        self.ms = doc.mentions_of(*_SPEAKER_KINDS)
        self.people = [m for m in self.ms if m.kind == "person"]
        self.people_ends = [m.end for m in self.people]
        self.by_end: dict[int, list[Mention]] = {}
        for m in self.ms:
            self.by_end.setdefault(m.end, []).append(m)
        self.verbs = gaz.speech_verb_re
        self.adverbs = re.compile(rf"(?:{alternation(gaz.speech_adverbs, bounded=False)})$")
        self.honorific = re.compile(rf"(?:{alternation(gaz.honorifics, bounded=False)})$")

    # -- speakers -------------------------------------------------------------------------
    def chain_before(self, pos: int, floor: int) -> tuple[list[Mention], int] | None:
        """The mentions that make up a speaker phrase ending at `pos` and where it starts.

        Walks left over mentions, commas, brackets, honorifics and adverbs; the phrase must
        start at a clause boundary.
        """
        text = self.doc.text
        i, chain = pos, []
        while i > floor:
            j = i
            while j > floor and text[j - 1] == " ":
                j -= 1
            head = _HEAD_OF.search(text, max(floor, j - 60), j)
            if head and not chain:
                # "người đứng đầu ngành TT&TT": the head of a body, named before
                chain.append(Mention(head.start(), head.end(), "pronoun", head.group(0)))
                i = head.start()
                continue
            if j in self.by_end:
                m = min(self.by_end[j], key=lambda x: x.start)
                chain.append(m)
                i = m.start
                # a title that runs into the body's name ("Giám đốc Sở" + "Sở TT&TT …")
                for x in self.doc.mentions_in(i, i + 1, *_SPEAKER_KINDS):
                    if x.start < i:
                        chain.append(x)
                        i = x.start
                continue
            if j > floor and text[j - 1] == ")":
                k = text.rfind("(", floor, j)
                if k >= 0 and j - k < 40:
                    i = k
                    continue
            # "ông X, Cục trưởng Cục Y cho biết": hop back over the comma of an appositive, but
            # not past the person it describes.
            has_person = any(m.kind == "person" for m in chain)
            if j > floor and text[j - 1] == "," and (j - 1) in self.by_end and not has_person:
                i = j - 1
                continue
            word = re.search(r"(\S+(?:\s\S+)?)$", text[max(floor, j - 24) : j])
            if word:
                w2 = word.group(1)
                w1 = w2.split(" ")[-1]
                for w in (w2, w1):
                    if self.adverbs.search(w) and w in self.gaz.speech_adverbs or (
                        chain and self.honorific.search(w) and w in self.gaz.honorifics
                    ):
                        i = j - len(w)
                        break
                else:
                    break
                continue
            break
        if not chain:
            return None
        start = i
        k = start
        while k > floor and text[k - 1] == " ":
            k -= 1
        if k > floor and text[k - 1] not in _BOUNDARY:
            return None
        return chain, start

    def resolve(self, chain: list[Mention]) -> tuple[str, str] | None:
        """(kind, key) of the speaker a phrase names."""
        ordered = sorted(chain, key=lambda m: m.start)
        for m in ordered:
            if m.kind == "person":
                return "person", m.key
        for m in ordered:
            if m.kind == "pronoun":
                p = self.last_person(m.start)
                return ("person", p) if p else None
        for m in ordered:
            if m.kind == "title":
                p = self.last_person(m.start, role=m.key)
                if p:
                    return "person", p
                if any(o.kind == "organization" for o in ordered):
                    return None  # "Bộ trưởng Bộ Y tế" without a name: nobody we can name
        for m in ordered:
            if m.kind == "organization":
                return "organization", m.key
        return None

    def last_person(self, pos: int, role: str | None = None) -> str | None:
        """The last person named before `pos` (holding `role`, when given)."""
        holders = {ms.person for ms in self.doc.memberships if ms.role == role} if role else None
        for k in range(bisect_right(self.people_ends, pos) - 1, -1, -1):
            m = self.people[k]
            if holders is None or m.key in holders:
                return m.key
        return None


def _open_quote(text: str, para: tuple[int, int], close: int) -> int | None:
    """Where the quotation that closes at `close` opens (a boundary and a capital after it)."""
    s, _ = para
    openers = _OPEN_FOR[text[close]]
    best = None
    for k in range(close - 1, s - 1, -1):
        ch = text[k]
        if ch not in openers:
            continue
        if text[close] in "”" and ch == "“":
            return k
        before = text[s:k].rstrip()
        nxt = text[k + 1 : k + 2]
        if (not before or before[-1] in ".:!?,") and nxt[:1].isupper():
            best = k
    return best


def extract(doc: Doc) -> None:
    gaz = gazetteer()
    ctx = _Context(doc, gaz)
    found: list[Claim] = []
    for para in doc.blocks:
        quoted = _quotes(doc, ctx, para, found)
        for s, e in doc.sentences_in(*para):
            if any(c.evidence.start <= s < c.evidence.end for c in quoted):
                continue
            claim = _according(doc, ctx, s, e) or _reported(doc, ctx, s, e)
            if claim is None and s == para[0]:
                claim = _caption(doc, ctx, s, e)
            if claim:
                found.append(claim)
        _lone_quote(doc, ctx, para, found)
    for claim in _dedupe(found):
        _describe(doc, gaz, claim)
        doc.claims.append(claim)


def _make(doc: Doc, speaker: tuple[str, str], text: str, s: int, e: int, kind: str,
          quote: bool = False) -> Claim | None:
    text = text.strip(" ,:;-–")
    if len(_TOKENS.findall(text)) < 4:
        return None
    return Claim(speaker[1], speaker[0], text, Evidence(doc.text[s:e], s, e), kind, quote)


def _quotes(doc: Doc, ctx: _Context, para: tuple[int, int], found: list[Claim]) -> list[Claim]:
    """“…”, ông X nói. — a quotation closed by its speaker."""
    out: list[Claim] = []
    text = doc.text
    for m in _TAIL.finditer(text, para[0], para[1]):
        close = m.start()
        sent_end = _SENTENCE_END.search(text, m.end(), para[1])
        end = sent_end.start() if sent_end else para[1]
        v = ctx.verbs.search(text, m.end(), end)
        if not v or text[v.end() : end].strip(" ./") and len(text[v.end() : end].split()) > 3:
            continue
        got = ctx.chain_before(v.start(), m.end())
        if not got:
            continue
        speaker = ctx.resolve(got[0])
        opening = _open_quote(text, para, close)
        if speaker is None or opening is None:
            continue
        body = text[opening + 1 : close]
        claim = _make(doc, speaker, body, opening, min(para[1], end + 1),
                      ctx.gaz.speech_verbs[v.group("verb")], quote=True)
        if claim:
            out.append(claim)
            found.append(claim)
    return out


def _according(doc: Doc, ctx: _Context, s: int, e: int) -> Claim | None:
    """Theo <speaker>, <content>."""
    for m in ctx.gaz.according_re.finditer(doc.text, s, e):
        comma = doc.text.find(",", m.end(), e)
        if comma < 0:
            continue
        pron = ctx.gaz.pronoun_phrase_re.match(doc.text[m.end() : comma])
        if pron:
            p = ctx.last_person(m.start())
            if p:
                return _make(doc, ("person", p), doc.text[comma + 1 : e], s, e, "statement")
            continue
        # the phrase between "Theo" and the comma must be a speaker phrase, all of it
        got = ctx.chain_before(comma, m.end() - 1)
        if not got or got[1] > m.end() + 4:
            continue
        speaker = ctx.resolve(got[0])
        if speaker is None:
            continue
        return _make(doc, speaker, doc.text[comma + 1 : e], s, e, "statement")
    return None


def _reported(doc: Doc, ctx: _Context, s: int, e: int) -> Claim | None:
    """<speaker> [adverbs] <speech verb>[,:] <content>."""
    for v in ctx.verbs.finditer(doc.text, s, e):
        got = ctx.chain_before(v.start(), s)
        if not got:
            continue
        speaker = ctx.resolve(got[0])
        if speaker is None:
            continue
        content = doc.text[v.end() : e]
        content = re.sub(r"^\s*(?:thêm|rõ|lại)?\s*[,:]?\s*(?:rằng\s*[,:]?\s*)?", "", content)
        if re.match(r"(?:tại|trong|với|khi)\s|(?:\S+\s){1,2}tại\s", content) or ctx.verbs.match(
            content
        ):
            # "nhấn mạnh tại buổi tọa đàm…", "phát biểu chỉ đạo tại…": no content, unless
            # "rằng" introduces it later; "cho biết trong thời gian qua, …": after the comma.
            that = re.search(r"\srằng\s*[,:]?\s*", content)
            comma = content.find(", ")
            if that:
                content = content[that.end() :]
            elif re.match(r"(?:trong|với|khi)\s", content) and comma > 0:
                content = content[comma + 2 :]
                if len(content.split()) < 6:
                    continue
            else:
                continue
        after = doc.sentences_in(e, e + 200)
        following = after[0] if after else None
        if following and _CONTINUES.match(doc.text, following[0]) and not doc.text[
            e : following[0]
        ].count("\n"):
            # "… đã chỉ ra một số nhận thức mới. Đó là, …": the content is the next sentence
            content = content + " " + doc.text[following[0] : following[1]]
            e = following[1]
        return _make(doc, speaker, content, s, e, ctx.gaz.speech_verbs[v.group("verb")])
    return None


def _caption(doc: Doc, ctx: _Context, s: int, e: int) -> Claim | None:
    """Bà Lê Ngọc Hân: <statement>."""
    colon = doc.text.find(":", s, min(e, s + 60))
    if colon < 0:
        return None
    got = ctx.chain_before(colon, s)
    if not got or got[1] > s + 4 or not any(m.kind == "person" for m in got[0]):
        return None
    speaker = ctx.resolve(got[0])
    if speaker is None:
        return None
    return _make(doc, speaker, doc.text[colon + 1 : e], s, e, "statement")


def _lone_quote(doc: Doc, ctx: _Context, para: tuple[int, int], found: list[Claim]) -> None:
    """A quotation standing alone as a sentence continues the last claim's speaker."""
    text = doc.text
    for s, e in doc.sentences_in(*para):
        if text[s] not in "“\"'‘":
            continue
        if any(c.evidence.start <= s < c.evidence.end for c in found[-8:]):
            continue
        closers = {"“": "”", '"': '"', "'": "'’", "‘": "’'"}[text[s]]
        body_end = max(text.rfind(c, s + 1, e) for c in closers)
        if body_end < 0 or text[body_end + 1 : e].strip(" .!?…") or not found:
            continue
        last = found[-1]
        if s - last.evidence.end > 1200:
            continue
        before = text[max(para[0], s - 20) : s]
        if ctx.gaz.name_quote_before_re.search(before):
            continue
        claim = _make(doc, (last.speaker_kind, last.speaker), text[s + 1 : body_end], s, e,
                      "statement", quote=True)
        if claim:
            found.append(claim)


def _dedupe(claims: list[Claim]) -> list[Claim]:
    """One claim per statement: a lead that repeats a later sentence is the same claim."""
    out: list[Claim] = []
    by_speaker: dict[str, list[set[str]]] = {}
    for c in sorted(claims, key=lambda c: c.evidence.start):
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
    if re.search(r"mục tiêu|phấn đấu|chỉ tiêu", claim.text) and (figs or year):
        claim.kind = "target"
    elif figs and claim.kind == "statement":
        claim.kind = "figure"
    elif claim.kind == "statement" and re.match(r"(?:cần|phải|nên|đề nghị)\s", claim.text):
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
