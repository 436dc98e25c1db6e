"""CPV codes (Common Procurement Vocabulary, Regulation 213/2008) named after "CPV".

The value is the 8-digit code with its check digit: "85311300-5", also when the text leaves the
digit out, so one code is one value. A code whose written check digit is wrong is no CPV code.

No library checks CPV codes and the regulation does not publish the algorithm. Its check digits
follow weights 7, 3, 9 repeated over the eight digits, the digit completing the sum to a multiple
of ten: inferred from, and checked against, 161 codes as the EU publishes them (eForms business
rules, the CPV divisions); one published code does not follow it and is listed as an exception.

>>> from pipeline.extractors import build_pipeline
>>> [h.value for h in find(build_pipeline()("CPV-codes: 85311300-5, 85312000 en 12345678; niet 85311300-4"))]
['85311300-5', '85312000-9']
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc

from pipeline.extractors.hit import Hit, text_of

VERSION = 2

CPV = re.compile(r"\bCPV(?:[- ]?codes?)?\s*[:.]?\s*(?P<codes>\d{8}(?:-\d)?(?:\s*(?:,|en|/|;)\s*\d{8}(?:-\d)?)*)",
                 re.IGNORECASE)
CPV_CODE = re.compile(r"(?P<code>\d{8})(?:-(?P<check>\d))?")
#: the 45 divisions of CPV 2008
DIVISIONS = {"03", "09", "14", "15", "16", "18", "19", "22", "24", "30", "31", "32", "33", "34", "35", "37", "38",
             "39", "41", "42", "43", "44", "45", "48", "50", "51", "55", "60", "63", "64", "65", "66", "70", "71",
             "72", "73", "75", "76", "77", "79", "80", "85", "90", "92", "98"}
WEIGHTS = (7, 3, 9, 7, 3, 9, 7, 3)
#: published codes whose check digit does not follow the weights
EXCEPTIONS = {"85210000": 3}


def check_digit(code: str) -> int:
    """Return the check digit of an 8-digit CPV code.

    >>> check_digit("85311300"), check_digit("45233141"), check_digit("79000000")
    (5, 9, 4)
    """
    if code in EXCEPTIONS:
        return EXCEPTIONS[code]
    return -sum(weight * int(digit) for weight, digit in zip(WEIGHTS, code)) % 10


def find(doc: Doc) -> Iterator[Hit]:
    """Yield each valid CPV code listed after the word CPV, with its check digit."""
    for match in CPV.finditer(text_of(doc)):
        offset = match.start("codes")
        for found in CPV_CODE.finditer(match.group("codes")):
            code, check = found.group("code"), found.group("check")
            if code[:2] not in DIVISIONS or (check is not None and int(check) != check_digit(code)):
                continue
            yield Hit(offset + found.start(), offset + found.end(), f"{code}-{check_digit(code)}")
