"""European Case Law Identifiers, as written and upper-cased: ECLI:NL:RBLIM:2018:6201."""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc

from pipeline.extractors.hit import Hit, text_of

VERSION = 1

#: ECLI:<country>:<court>:<year>:<number>, per the Council conclusions of 2011 (OJ C 127/1)
ECLI = re.compile(r"\bECLI\s?:\s?([A-Z]{2})\s?:\s?([A-Z0-9]{1,7})\s?:\s?(\d{4})\s?:\s?([A-Z0-9][A-Z0-9.]{0,24}[A-Z0-9]|[A-Z0-9])",
                  re.IGNORECASE)


def normalize(raw: str) -> str:
    """Return the ECLI upper-cased without spaces.

    >>> normalize("ecli:nl:rblim:2022:7530")
    'ECLI:NL:RBLIM:2022:7530'
    >>> normalize("ECLI: NL:RBMNE:2016:4807")
    'ECLI:NL:RBMNE:2016:4807'
    """
    return re.sub(r"\s+", "", raw).upper()


def find(doc: Doc) -> Iterator[Hit]:
    """Yield every ECLI in the text."""
    for match in ECLI.finditer(text_of(doc)):
        yield Hit(match.start(), match.end(), normalize(match.group()))
