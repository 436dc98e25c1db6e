"""Organisations other than municipalities (guideline, kind `organization`), from the entity ruler.

Value: the name as written, without a leading lower-case article and without a trailing legal
form ("Koraal B.V." -> "Koraal"); an abbreviation the text introduces for a name ("(VNG)") gets
the full name's value.
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Iterator
from importlib.resources import files

from difflib import SequenceMatcher

from spacy.tokens import Doc

from pipeline.extractors.hit import Hit, entity_id, text_of
from pipeline.extractors.municipality import is_municipality_name

VERSION = 1

#: two names this similar in one document are one organisation written twice
SAME_NAME = 0.95
LEGAL_FORM = re.compile(r"(?:[\s,]+(?:B\.?V\.?|N\.?V\.?|V\.?O\.?F\.?|U\.?A\.?|Holding)\.?)+$", re.IGNORECASE)
LEADING_ARTICLE = re.compile(r"^(?:de|het|the)\s+")


def normalize(raw: str) -> str:
    """Return the organisation's name without trailing legal form or leading lower-case article.

    >>> normalize("GiB LIMBURG B.V."), normalize("Axxicom Thuishulp BV"), normalize("De Zorggroep")
    ('GiB LIMBURG', 'Axxicom Thuishulp', 'De Zorggroep')
    """
    value = LEADING_ARTICLE.sub("", " ".join(raw.split()))
    stripped = LEGAL_FORM.sub("", value)
    return stripped if stripped else value


def _digits(name: str) -> str:
    return "".join(c for c in name if c.isdigit())  # "BIBI HUIS 1" and "BIBI HUIS 2" are two foundations


@functools.cache
def glued_name() -> re.Pattern[str]:
    """Return a pattern for a one-word name glued to a lower-case word ("PvdA-fractie", "TenderNed-kenmerk")."""
    text = files("pipeline.extractors").joinpath("data", "organizations.csv").read_text(encoding="utf-8")
    names = [row["name"] for row in csv.DictReader(text.splitlines()) if re.fullmatch(r"[\w’']+", row["name"])]
    alternatives = "|".join(sorted(map(re.escape, names), key=len, reverse=True))
    return re.compile(rf"(?<![\w.-])({alternatives})(?=-[a-z])")


def find(doc: Doc) -> Iterator[Hit]:
    """Yield every organisation the entity ruler found, with abbreviations mapped to their full names."""
    for match in glued_name().finditer(text_of(doc)):
        yield Hit(match.start(), match.end(), match.group(), entity_id("org", match.group()))
    short_forms: dict[str, str] = {}
    entities = [ent for ent in doc.ents if ent.label_ == "ORG" and not is_municipality_name(ent.text)]
    in_order = [normalize(ent.text) for ent in entities]
    names = sorted(set(in_order), key=lambda name: (-len(name), name))
    # one spelling per name: "RECHTBANK LIMBURG" in a heading is the "Rechtbank Limburg" of the text, and
    # "Tenderned" once among "TenderNed" thrice is TenderNed; ties go to the first written
    def preference(name: str) -> tuple[bool, int, int]:
        return (not name.isupper(), in_order.count(name), -in_order.index(name))

    written: dict[str, str] = {}
    for name in in_order:
        key = name.casefold()
        if key not in written or preference(name) > preference(written[key]):
            written[key] = name
    seen: list[str] = []
    for ent in entities:
        value = written[normalize(ent.text).casefold()]
        # the fullest written form: "Stichting ROC" where the text also says "Stichting ROC Midden Nederland"
        value = next((name for name in names if name.startswith(value + " ")), value)
        # a misspelt repetition ("Stiching ROC Midden Nederland") is the same organisation
        value = next((v for v in seen if v != value and _digits(v) == _digits(value)
                      and SequenceMatcher(None, v, value).ratio() >= SAME_NAME), value)
        seen.append(value)
        # "Vereniging van Nederlandse Gemeenten (VNG)": later "VNG" means the same organisation
        if ent.end + 2 < len(doc) and doc[ent.end].text == "(" and doc[ent.end + 2].text == ")":
            short_forms[doc[ent.end + 1].text] = value
        value = short_forms.get(ent.text, value)
        yield Hit(ent.start_char, ent.end_char, value, entity_id("org", value))
