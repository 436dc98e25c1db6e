"""Bank account numbers (IBAN), kept only when python-stdnum accepts the mod-97 checksum.

>>> from pipeline.extractors import build_pipeline
>>> [h.value for h in find(build_pipeline()("op NL91 ABNA 0417 1643 00 of NL91ABNA0417164301"))]
['NL91ABNA0417164300']
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc
from stdnum import iban

from pipeline.extractors.hit import Hit, text_of

VERSION = 1

IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){2,7}(?:\s?[A-Z0-9]{1,3})?\b")


def find(doc: Doc) -> Iterator[Hit]:
    """Yield valid IBANs, compact."""
    for match in IBAN.finditer(text_of(doc)):
        if iban.is_valid(match.group()):
            yield Hit(match.start(), match.end(), iban.compact(match.group()))
