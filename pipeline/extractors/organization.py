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

from spacy.tokens import Doc

from pipeline.extractors.hit import Hit

VERSION = 1

LEGAL_FORM = re.compile(r"[\s,]+(?:B\.?V\.?|N\.?V\.?|V\.?O\.?F\.?|U\.?A\.?|Holding)\.?$", re.IGNORECASE)
LEADING_ARTICLE = re.compile(r"^(?:de|het|the)\s+")


def normalize(raw: str) -> str:
    """Return the organisation's name without trailing legal form or leading lower-case article.

    >>> normalize("GiB LIMBURG B.V."), normalize("Axxicom Thuishulp BV"), normalize("De Zorggroep")
    ('GiB LIMBURG', 'Axxicom Thuishulp', 'De Zorggroep')
    """
    value = LEADING_ARTICLE.sub("", " ".join(raw.split()))
    stripped = LEGAL_FORM.sub("", value)
    return stripped if stripped else value


@functools.cache
def party_prefix() -> re.Pattern[str]:
    """Return a pattern for a party name glued to what follows ("PvdA-fractie", "CDA-wethouder")."""
    text = files("pipeline.extractors").joinpath("data", "organizations.csv").read_text(encoding="utf-8")
    parties = [row["name"] for row in csv.DictReader(text.splitlines()) if row["category"] == "political party"]
    names = "|".join(sorted(map(re.escape, parties), key=len, reverse=True))
    return re.compile(rf"\b({names})(?=-(?:fractie|raadslid|raadsleden|wethouder|kamerlid|leider|motie|voorzitter))")


def find(doc: Doc) -> Iterator[Hit]:
    """Yield every organisation the entity ruler found, with abbreviations mapped to their full names."""
    for match in party_prefix().finditer(doc.text):
        yield Hit(match.start(), match.end(), match.group())
    short_forms: dict[str, str] = {}
    for ent in doc.ents:
        if ent.label_ != "ORG":
            continue
        value = normalize(ent.text)
        # "Vereniging van Nederlandse Gemeenten (VNG)": later "VNG" means the same organisation
        if ent.end + 2 < len(doc) and doc[ent.end].text == "(" and doc[ent.end + 2].text == ")":
            short_forms[doc[ent.end + 1].text] = value
        yield Hit(ent.start_char, ent.end_char, short_forms.get(ent.text, value))
