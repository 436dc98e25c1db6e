"""What an extractor yields: a span of the document text and its normalised value."""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Hit:
    """A found value: half-open character offsets into the document text, and the normalised value."""

    start: int
    end: int
    value: str
