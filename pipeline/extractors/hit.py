"""What an extractor yields: a span of the document text and its normalised value."""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Hit:
    """A found value: half-open character offsets into the document text, the normalised value,
    and the id of the entity it names when the extractor knows one (a CBS code for a municipality)."""

    start: int
    end: int
    value: str
    entity: str | None = None
