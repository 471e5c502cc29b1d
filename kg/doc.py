"""The document model every pipeline stage reads and writes.

An `Article` is what a reader yields (id, text and metadata). A `Doc` is the article after
normalization, with the facts the extractors add to it. Extractors are small callables over a
`Doc` (see `kg.extract`), in the spirit of spaCy's pipeline components: each one reads what the
earlier ones found and adds its own kind of fact.

Offsets (`start`, `end`) are character offsets into `Doc.text`, the NFC-normalized text.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import accumulate
from operator import attrgetter
from typing import Any


@dataclass
class Article:
    """One input document, as read from disk."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    date: str | None = None  # ISO 8601 date (YYYY-MM-DD) when known
    source: str | None = None
    author: str | None = None
    path: str | None = None  # the file it came from, for error messages


@dataclass(frozen=True)
class Evidence:
    """Where a fact was read: the sentence and its character offsets in `Doc.text`."""

    sentence: str
    start: int
    end: int


@dataclass
class Entity:
    """A person, organization, place, legal document, program or event found in a doc.

    `key` is the entity's identity across articles (the resolver mints IRIs from it);
    `props` holds kind-specific facts (an organization's type and parent, a document's date
    and issuer...).
    """

    kind: str
    key: str
    name: str
    alt_labels: set[str] = field(default_factory=set)
    props: dict[str, Any] = field(default_factory=dict)
    spans: list[tuple[int, int]] = field(default_factory=list)
    _span_set: set[tuple[int, int]] = field(default_factory=set, repr=False, compare=False)

    def add_span(self, span: tuple[int, int]) -> None:
        if span not in self._span_set:
            self._span_set.add(span)
            self.spans.append(span)


@dataclass(frozen=True)
class Mention:
    """A stretch of text that names something: an entity (by its key), a title or a pronoun.

    Extractors record mentions so that later ones can read the text around them: positions
    join titles to people and bodies, claims find who is speaking.
    """

    start: int
    end: int
    kind: str  # person | organization | place | legal_document | program | title | pronoun
    key: str  # the entity key; for a title, the role; for a pronoun, the word


@dataclass
class Membership:
    """A position a person holds, as one article states it (org:Membership)."""

    person: str  # Entity.key of a person
    role: str  # the title without the organization ("Bộ trưởng")
    org: str | None  # Entity.key of an organization, when stated or implied
    evidence: Evidence
    former: bool = False
    acting: bool = False
    #: the kind of entity `org` is: an organization, or a country for foreign heads of state
    org_kind: str = "organization"


@dataclass
class Claim:
    """A statement attributed to a person or a body."""

    speaker: str  # Entity.key
    speaker_kind: str  # "person" or "organization"
    text: str
    evidence: Evidence
    kind: str = "statement"  # statement | assessment | proposal | figure | target
    quote: bool = False
    mentions: list[str] = field(default_factory=list)  # Entity keys (kind:key)
    props: dict[str, Any] = field(default_factory=dict)  # figures: value, unit, year...


@dataclass
class Relation:
    """A typed link between two entities stated in the text (approves, amends, chairs...)."""

    subject: str  # "kind:key"
    predicate: str  # a local name of the kg ontology ("approves", "amends", "chairedBy"...)
    object: str  # "kind:key"
    evidence: Evidence | None = None


#: A mention's start, the sort key of mentions (a C getter: sorting calls it for every one).
_START = attrgetter("start")


@dataclass
class Doc:
    """An article being processed: normalized text, content blocks and extracted facts."""

    article: Article
    text: str
    #: (start, end) of the paragraphs that are the article's content (not navigation, credits,
    #: related-news blocks); extractors read only these.
    blocks: list[tuple[int, int]] = field(default_factory=list)
    #: (start, end) of sentences inside content blocks.
    sentences: list[tuple[int, int]] = field(default_factory=list)
    entities: dict[tuple[str, str], Entity] = field(default_factory=dict)
    memberships: list[Membership] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    #: bylines, photo credits and source lines: the article's authors, not actors.
    credits: list[str] = field(default_factory=list)
    #: every stretch of text that names something, in the order found (see `Mention`).
    mentions: list[Mention] = field(default_factory=list)
    #: The mentions list `_index` was built from, and its length then.
    _indexed: list[Mention] | None = field(default=None, init=False, repr=False, compare=False)
    _indexed_len: int = field(default=-1, init=False, repr=False, compare=False)

    @property
    def id(self) -> str:
        return self.article.id

    def add_entity(
        self,
        kind: str,
        key: str,
        name: str,
        *,
        aliases: set[str] | list[str] | tuple[str, ...] = (),
        span: tuple[int, int] | None = None,
        **props: Any,
    ) -> Entity:
        """Add an entity, or merge labels, spans and props into the one with the same key."""
        ent = self.entities.get((kind, key))
        if ent is None:
            ent = self.entities[(kind, key)] = Entity(kind, key, name)
        ent.alt_labels.update(a for a in aliases if a and a != ent.name)
        if span is not None:
            ent.add_span(span)
        for k, v in props.items():
            if v is not None and ent.props.get(k) is None:
                ent.props[k] = v
        return ent

    def mention(self, kind: str, key: str, start: int, end: int) -> Mention:
        """Record a mention (and the span on its entity, for entity kinds)."""
        m = Mention(start, end, kind, key)
        self.mentions.append(m)
        if self._indexed is self.mentions and self._indexed_len == len(self.mentions) - 1:
            # keep the index current instead of rebuilding it
            starts, ordered, reach = self._index_cache
            k = bisect_right(starts, start)
            starts.insert(k, start)
            ordered.insert(k, m)
            reach.insert(k, max(reach[k - 1], end) if k else end)
            for j in range(k + 1, len(reach)):
                if reach[j] >= end:
                    break
                reach[j] = end
            self._indexed_len += 1
        ent = self.entities.get((kind, key))
        if ent is not None:
            ent.add_span((start, end))
        return m

    def remove_mention(self, m: Mention) -> None:
        self.mentions.remove(m)
        self._indexed = None  # rebuilt when next asked for (rare: a name wins over a place)

    def mentions_of(self, *kinds: str) -> list[Mention]:
        """Mentions of these kinds, in text order."""
        return sorted((m for m in self.mentions if m.kind in kinds), key=_START)

    def _index(self) -> tuple[list[int], list[Mention], list[int]]:
        """Mentions sorted by start, with their starts and how far each mention or one before
        it reaches (so that the mentions that end before a position are skipped with one
        bisection); rebuilt when the list changed (extractors add and drop, and may put a
        new list in its place)."""
        if self._indexed is not self.mentions or self._indexed_len != len(self.mentions):
            ordered = sorted(self.mentions, key=_START)
            reach = list(accumulate((m.end for m in ordered), max))
            self._index_cache = ([m.start for m in ordered], ordered, reach)
            self._indexed, self._indexed_len = self.mentions, len(self.mentions)
        return self._index_cache

    def mentions_in(self, start: int, end: int, *kinds: str) -> list[Mention]:
        """Mentions of these kinds (any when none given) overlapping [start, end), in order.

        An index keeps this fast on long articles: extractors ask it for every candidate.
        """
        if self._indexed is self.mentions and self._indexed_len == len(self.mentions):
            starts, ordered, reach = self._index_cache  # `_index`'s test, without its call
        else:
            starts, ordered, reach = self._index()
        return [m for m in ordered[bisect_right(reach, start) : bisect_left(starts, end)]
                if m.end > start and (not kinds or m.kind in kinds)]

    def overlaps(self, start: int, end: int, *kinds: str) -> Mention | None:
        """The first mention of these kinds (any kind when none given) overlapping [start, end)."""
        if self._indexed is self.mentions and self._indexed_len == len(self.mentions):
            starts, ordered, reach = self._index_cache  # `_index`'s test, without its call
        else:
            starts, ordered, reach = self._index()
        for i in range(bisect_right(reach, start), bisect_left(starts, end)):
            m = ordered[i]
            if m.end > start and (not kinds or m.kind in kinds):
                return m
        return None

    def of_kind(self, kind: str) -> list[Entity]:
        return [e for (k, _), e in self.entities.items() if k == kind]

    def _sentence_starts(self) -> list[int]:
        if getattr(self, "_sentence_key", None) != (id(self.sentences), len(self.sentences)):
            self._sentence_cache = [s for s, _e in self.sentences]
            self._sentence_key = (id(self.sentences), len(self.sentences))
        return self._sentence_cache

    def sentences_in(self, start: int, end: int) -> list[tuple[int, int]]:
        """The sentences that begin inside [start, end)."""
        starts = self._sentence_starts()
        return self.sentences[bisect_left(starts, start) : bisect_left(starts, end)]

    def sentence_at(self, pos: int) -> Evidence:
        """The sentence that contains character `pos`, as evidence."""
        i = bisect_right(self._sentence_starts(), pos) - 1
        if i >= 0:
            s, e = self.sentences[i]
            if s <= pos < e:
                return Evidence(self.text[s:e], s, e)
        line_start = self.text.rfind("\n", 0, pos) + 1
        line_end = self.text.find("\n", pos)
        line_end = len(self.text) if line_end < 0 else line_end
        return Evidence(self.text[line_start:line_end], line_start, line_end)

    def content_sentences(self) -> list[tuple[int, int, str]]:
        return [(s, e, self.text[s:e]) for s, e in self.sentences]
