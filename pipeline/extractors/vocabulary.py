"""Closed-vocabulary extraction shared by `procedure` and `care_type`: synonyms kept as data.

A CSV in data/ lists, per vocabulary value, regular expressions for the ways texts write it
(case-insensitive unless a pattern says `(?-i:...)`). Words inside an organisation's name do not count.
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Iterator
from importlib.resources import files

from spacy.tokens import Doc

from pipeline.extractors.hit import Hit, text_of


@functools.cache
def patterns(filename: str) -> dict[str, re.Pattern[str]]:
    """Return {value: compiled pattern of all its synonyms} from a data/ CSV with columns value, pattern."""
    text = files("pipeline.extractors").joinpath("data", filename).read_text(encoding="utf-8")
    synonyms: dict[str, list[str]] = {}
    for row in csv.DictReader(text.splitlines()):
        synonyms.setdefault(row["value"], []).append(row["pattern"])
    return {value: re.compile(r"\b(?:" + "|".join(f"(?:{p})" for p in parts) + r")\b", re.IGNORECASE)
            for value, parts in synonyms.items()}


@functools.cache
def starts(filename: str) -> re.Pattern[str]:
    """Return one pattern that finds, in a single pass, every position where some value's synonym matches."""
    return re.compile("(?=" + "|".join(f"(?:{p.pattern})" for p in patterns(filename).values()) + ")", re.IGNORECASE)


def find_terms(doc: Doc, filename: str) -> Iterator[Hit]:
    """Yield a Hit for every synonym of every value in the vocabulary, outside organisation names.

    One scan finds where any synonym starts; each value's pattern is then tried only there, which gives
    what scanning the text once per value gives (its matches, left to right, not overlapping each other)
    at a third of the cost.
    """
    text = text_of(doc)
    org_spans = [(ent.start_char, ent.end_char) for ent in doc.ents if ent.label_ == "ORG"]
    candidates = [match.start() for match in starts(filename).finditer(text)]
    for value, pattern in patterns(filename).items():
        end = 0
        for position in candidates:
            if position < end:
                continue
            match = pattern.match(text, position)  # \b and look-behinds still see the text before it
            if match is None:
                continue
            end = max(match.end(), position + 1)
            if any(s <= match.start() and match.end() <= e for s, e in org_spans):
                continue
            yield Hit(match.start(), match.end(), value)
