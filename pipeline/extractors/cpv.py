"""CPV codes (Common Procurement Vocabulary, Regulation 213/2008) named after "CPV".

The value is the 8-digit code with its check digit when the text gives one ("85311300-5").
No public algorithm or library for the check digit was found, so a code counts only after
its cue word "CPV", and its first two digits must be a CPV division.

>>> from pipeline.extractors import build_pipeline
>>> [h.value for h in find(build_pipeline()("CPV-codes: 85311300-5, 85312000 en 12345678"))]
['85311300-5', '85312000']
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc

from pipeline.extractors.hit import Hit, text_of

VERSION = 1

CPV = re.compile(r"\bCPV(?:[- ]?codes?)?\s*[:.]?\s*(?P<codes>\d{8}(?:-\d)?(?:\s*(?:,|en|/|;)\s*\d{8}(?:-\d)?)*)",
                 re.IGNORECASE)
CPV_CODE = re.compile(r"\d{8}(?:-\d)?")
#: the 45 divisions of CPV 2008
DIVISIONS = {"03", "09", "14", "15", "16", "18", "19", "22", "24", "30", "31", "32", "33", "34", "35", "37", "38",
             "39", "41", "42", "43", "44", "45", "48", "50", "51", "55", "60", "63", "64", "65", "66", "70", "71",
             "72", "73", "75", "76", "77", "79", "80", "85", "90", "92", "98"}


def find(doc: Doc) -> Iterator[Hit]:
    """Yield each CPV code listed after the word CPV."""
    for match in CPV.finditer(text_of(doc)):
        offset = match.start("codes")
        for code in CPV_CODE.finditer(match.group("codes")):
            if code.group()[:2] in DIVISIONS:
                yield Hit(offset + code.start(), offset + code.end(), code.group())
