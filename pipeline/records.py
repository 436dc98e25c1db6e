"""The records the pipeline stores: Document, Page, Mention, Problem.

Records are frozen dataclasses; they become dicts only at the store. `make_mentions`
turns extractor hits into Mentions and checks every offset against the text, so a
mention can always be verified in Datasette: `documents.text[start:end] == mentions.text`.
"""

from __future__ import annotations

import bisect
import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from pipeline.extractors.hit import Hit
from pipeline.text import PAGE_BREAK

STATUSES = ("ok", "failed", "skipped")


def fold(text: str) -> str:
    """Return text without diacritics, case-folded: what the substring search index holds.

    >>> fold("Residentiële Jeugdhulp in Súdwest-Fryslân")
    'residentiele jeugdhulp in sudwest-fryslan'
    """
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    # every combining mark sits at U+0300 or above, so only those characters need the lookup
    return _ABOVE_SPACING_LETTERS.sub(_drop_combining, decomposed).casefold()


_ABOVE_SPACING_LETTERS = re.compile("[^\x00-\u02ff]+")


def _drop_combining(match: re.Match[str]) -> str:
    return "".join(c for c in match.group() if not unicodedata.combining(c))


def document_id(path: str) -> str:
    """Return the stable id of a document: the first 16 hex digits of sha1 of its path or URL.

    >>> document_id("corpora/seed/seed-000.txt")
    '623dbcf7ea17af3b'
    """
    return hashlib.sha1(path.encode("utf-8")).hexdigest()[:16]


def mention_id(doc_id: str, kind: str, value: str, start: int) -> str:
    """Return the stable id of a mention: a hash of (document id, kind, value, start)."""
    return hashlib.sha1(f"{doc_id}\x1f{kind}\x1f{value}\x1f{start}".encode()).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Document:
    """One input file and what became of it; `text` is None unless status is ok."""

    id: str
    path: str
    sha256: str
    media_type: str | None
    status: str
    error: str | None = None
    text: str | None = None
    title: str | None = None
    source_url: str | None = None
    published: str | None = None
    lang: str | None = None
    lang_prob: float | None = None
    n_pages: int | None = None
    n_chars: int | None = None
    text_extractor: str | None = None
    duplicate_of: str | None = None
    ingested_at: str | None = None

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"status must be one of {STATUSES}, not {self.status!r}")


@dataclass(frozen=True, slots=True)
class Page:
    """Where one PDF page lies in its document's text (1-based page number, half-open offsets)."""

    document_id: str
    page: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Mention:
    """One extracted fact: its kind, normalised value and the exact span of text it came from."""

    id: str
    document_id: str
    kind: str
    value: str
    text: str
    start: int
    end: int
    page: int | None
    extractor: str
    entity_id: str | None = None
    context: str | None = None


@dataclass(frozen=True, slots=True)
class Entity:
    """A distinct thing mentions point to: a municipality (id = CBS code), organisation or person."""

    id: str
    kind: str
    name: str
    active: bool | None = None
    successor_id: str | None = None
    successor_name: str | None = None
    ended: str | None = None
    jeugdregio_code: str | None = None
    jeugdregio: str | None = None
    province_code: str | None = None
    province: str | None = None
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True, slots=True)
class Problem:
    """Something that went wrong inside one stage for one document, kept as data."""

    document_id: str
    stage: str
    message: str


def municipality_entities() -> list[Entity]:
    """Return an Entity for every municipality in the gazetteer, id = CBS code."""
    from pipeline.extractors.municipality import municipalities

    return [Entity(id=m.cbs_code, kind="municipality", name=m.name, active=m.active,
                   successor_id=m.successor_code, successor_name=m.successor_name, ended=m.ended,
                   jeugdregio_code=m.jeugdregio_code, jeugdregio=m.jeugdregio, province_code=m.province_code,
                   province=m.province, lat=m.lat, lon=m.lon)
            for m in municipalities().values()]


def named_entities(mentions: Iterable[Mention]) -> list[Entity]:
    """Return an Entity for each organisation and person the mentions point to (municipalities are known)."""
    found = {m.entity_id: Entity(id=m.entity_id, kind=m.kind, name=m.value)
             for m in mentions if m.entity_id and m.kind in {"organization", "person"}}
    return [found[key] for key in sorted(found)]


def make_pages(doc_id: str, text: str, page_starts: tuple[int, ...]) -> list[Page]:
    """Return the Page records for a text whose pages start at the given offsets."""
    # the page break between two pages belongs to neither
    ends = [next_start - len(PAGE_BREAK) for next_start in page_starts[1:]] + [len(text)]
    return [Page(doc_id, number, start, end)
            for number, (start, end) in enumerate(zip(page_starts, ends), 1)]


def page_of(offset: int, page_starts: tuple[int, ...]) -> int | None:
    """Return the 1-based page an offset falls on, or None for texts without pages."""
    if not page_starts:
        return None
    return bisect.bisect_right(page_starts, offset)


#: characters of text shown on each side of a mention in its context
CONTEXT_CHARS = 100


def context_of(text: str, start: int, end: int, width: int = CONTEXT_CHARS) -> str:
    """Return the words around text[start:end] on one line, the mention marked with ⟦ ⟧.

    >>> context_of("Op vrijdag 13 maart 2020 is de leidraad gepubliceerd.", 11, 24, 10)
    '…vrijdag ⟦13 maart 2020⟧ is de…'
    """
    left, right = max(0, start - width), min(len(text), end + width)
    before, middle, after = text[left:start], text[start:end], text[end:right]
    if left and " " in before:
        before = before[before.index(" ") + 1:]  # no half words at the edges
    if right < len(text) and " " in after:
        after = after[:after.rindex(" ")]
    line = f"{'…' if left else ''}{before}⟦{middle}⟧{after}{'…' if right < len(text) else ''}"
    return " ".join(line.split())


def make_mentions(doc_id: str, text: str, kind: str, extractor: str, hits: Iterable[Hit],
                  page_starts: tuple[int, ...] = ()) -> list[Mention]:
    """Return one Mention per distinct hit; raise ValueError for a hit whose offsets are not in the text."""
    mentions: dict[str, Mention] = {}
    for hit in hits:
        if not (0 <= hit.start < hit.end <= len(text)):
            raise ValueError(f"{extractor}: offsets [{hit.start}, {hit.end}) outside a text of {len(text)} chars")
        if not hit.value:
            raise ValueError(f"{extractor}: empty value at [{hit.start}, {hit.end})")
        ident = mention_id(doc_id, kind, hit.value, hit.start)
        mentions[ident] = Mention(ident, doc_id, kind, hit.value, text[hit.start:hit.end], hit.start, hit.end,
                                  page_of(hit.start, page_starts), extractor, hit.entity,
                                  context_of(text, hit.start, hit.end))
    return list(mentions.values())
