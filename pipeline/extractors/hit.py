"""What an extractor yields: a span of the document text and its normalised value."""

import re
import unicodedata
from dataclasses import dataclass


def entity_id(prefix: str, name: str) -> str:
    """Return a stable entity id from a name: prefix, then the name folded to ASCII words.

    >>> entity_id("org", "Coöperatie ’s Heeren Loo B.V.")
    'org:cooperatie-s-heeren-loo-b-v'
    """
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return f"{prefix}:" + "-".join(re.findall(r"[a-z0-9]+", folded))


def text_of(doc) -> str:
    """Return the Doc's text, built once: spaCy joins every token each time `doc.text` is read."""
    text = doc.user_data.get("text")
    if text is None:
        text = doc.user_data["text"] = doc.text
    return text


@dataclass(frozen=True, slots=True)
class Hit:
    """A found value: half-open character offsets into the document text, the normalised value,
    and the id of the entity it names when the extractor knows one (a CBS code for a municipality)."""

    start: int
    end: int
    value: str
    entity: str | None = None
