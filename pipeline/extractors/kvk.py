"""Chamber of Commerce (KvK) numbers: 8 digits after their cue word (they carry no checksum).

>>> from pipeline.extractors import build_pipeline
>>> [h.value for h in find(build_pipeline()("Stichting Xonar, KvK-nummer: 14 63 11 28, en 1234"))]
['14631128']
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc

from pipeline.extractors.hit import Hit, text_of

VERSION = 1

KVK = re.compile(r"\b(?:KvK|KVK|kvk|Kamer\s+van\s+Koophandel)(?:[- ]?(?:nummer|nr\.?|no\.?))?\s*[:.]?\s*"
                 r"(?P<number>\d{8}|\d{2}\s?\d{2}\s?\d{2}\s?\d{2})\b")


def find(doc: Doc) -> Iterator[Hit]:
    """Yield KvK numbers that follow their cue word, as 8 digits."""
    for match in KVK.finditer(text_of(doc)):
        yield Hit(match.start(), match.end(), re.sub(r"\s", "", match.group("number")))
