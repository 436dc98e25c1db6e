"""Dutch VAT numbers (btw-id, NL000000000B00), kept only when python-stdnum accepts the checksum.

>>> from pipeline.extractors import build_pipeline
>>> [h.value for h in find(build_pipeline()("btw NL 004495445 B01, niet NL123456789B01"))]
['NL004495445B01']
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc
from stdnum.nl import btw

from pipeline.extractors.hit import Hit, text_of

VERSION = 1

VAT = re.compile(r"\bNL\s?\d{9}\s?B\s?\d{2}\b", re.IGNORECASE)


def find(doc: Doc) -> Iterator[Hit]:
    """Yield valid Dutch VAT numbers, compact and upper-case."""
    for match in VAT.finditer(text_of(doc)):
        if btw.is_valid(match.group()):
            yield Hit(match.start(), match.end(), "NL" + btw.compact(match.group()).upper())
