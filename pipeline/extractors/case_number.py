"""Court docket numbers as written, whitespace collapsed (guideline, kind `case_number`).

Civil cases: "C/03/249563 / KG ZA 18-276" (zaaknummer / rolnummer), appeal courts: "200.123.456/01",
administrative courts: "AWB 16/1234", "UTR 21/567".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc

from pipeline.extractors.hit import Hit, text_of

VERSION = 1

#: the roll-number part of a civil case: KG ZA (kort geding), HA ZA (bodemzaak), KG RK, HA RK ...
ROLL = r"(?:KG|HA|KZ)\s?(?:ZA|RK|RQ)\s?\d{2}[-/]\d{1,5}"
CIVIL_CASE = re.compile(rf"\bC/\d{{2}}/\d{{5,7}}(?:\s?/\s?{ROLL})?|\b{ROLL}\b")
APPEAL_CASE = re.compile(r"\b200\.\d{3}\.\d{3}(?:/\d{2})?\b")
#: the court-location prefixes of administrative case numbers (Awb cases)
ADMIN_CASE = re.compile(r"\b(?:AWB|SGR|UTR|ROT|AMS|HAA|ARN|BRE|SHE|ZWO|LEE|MAA|ROE|GRO|ALM|HAR|BRS|ZUT|DOR)"
                        r"\s?\d{2}/\d{1,6}\b")


def normalize(raw: str) -> str:
    """Return the case number with its whitespace collapsed to single spaces.

    >>> normalize("C/03/249563  /\\nKG ZA 18-276")
    'C/03/249563 / KG ZA 18-276'
    """
    return " ".join(raw.split())


def find(doc: Doc) -> Iterator[Hit]:
    """Yield every court case number in the text."""
    for pattern in (CIVIL_CASE, APPEAL_CASE, ADMIN_CASE):
        for match in pattern.finditer(text_of(doc)):
            yield Hit(match.start(), match.end(), normalize(match.group()))
