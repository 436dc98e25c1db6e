"""Names of natural persons, as written, without titles (guideline, kind `person`).

The entity ruler proposes names with initials, after a title, or with a known first name;
titles ("mr.", "wethouder") are trimmed from the span so its offsets point at the name itself.
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Iterator
from importlib.resources import files

from spacy.tokens import Doc, Span

from pipeline.extractors.hit import Hit, entity_id, text_of
from pipeline.extractors.entities import common_words, surnames
from pipeline.extractors.municipality import surface_forms

VERSION = 1

#: a compound ending in a street word is an address ("Dussenplein"); "Rietveld", "van Dijk" are names
STREET = re.compile(r"(?<=[a-z])(?:straat|weg|laan|plein|dreef|singel|kade|gracht|steeg|markt|boulevard|allee)$")


@functools.cache
def titles() -> tuple[tuple[str, ...], ...]:
    """Return every title in data/person_titles.csv as lower-case words, longest first."""
    text = files("pipeline.extractors").joinpath("data", "person_titles.csv").read_text(encoding="utf-8")
    found = {tuple(row["title"].lower().split()) for row in csv.DictReader(text.splitlines())}
    return tuple(sorted(found, key=len, reverse=True))


@functools.cache
def one_word_titles() -> frozenset[str]:
    """Return the titles of a single word ("wethouder", "mr."), lower-case."""
    return frozenset(title[0] for title in titles() if len(title) == 1)


def _after_titles(doc: Doc, start: int, end: int) -> int:
    """Return the first token after any titles at start: "de heer mr. J. Visser" -> the "J." token."""
    moved = True
    while moved:
        moved = False
        for title in titles():
            words = [t.lower_ for t in doc[start:min(end - 1, start + len(title))]]
            if tuple(words) == title:
                start += len(title)
                moved = True
                break
    return start


#: a last word with one of these endings names a thing, unless a surname list knows it ("Nijhuis", "Ellenhof"):
#: "Rob Scholtemuseum", "Leo Kannerhuis", "Corona Overbruggingskrediet", "Willem Alexanderhof te Julianadorp"
THING_ENDING = re.compile(r"(?<=[a-z])(?:museum|krediet|regeling|fonds|plan|prijs|huis|hof|kerk|park|"
                          r"centrum|college|school|instituut|zorg|groep|wet|fabriek|bank|haven|brug|toren|"
                          r"stadion|internaat|brigade|kazerne|kapel|abdij|klooster)$")


#: interfixes that join a surname only through an article ("op de Beeck", "uit den Bogaard"): right before
#: the last word they join a place or an object
#: ("te Wierik" and "in Traa" are real surnames, so "te" and "in" are not among them)
PLACE_WORDS = {"aan", "bij", "op", "uit"}


#: one initial without an interfix before a word no name list knows is a list item: "E. Afspraken"
SINGLE_INITIAL = re.compile(r"^[A-Z]\.$")
#: a name whose last word is one of these is an institution: "Lodewijk College"
INSTITUTION_WORDS = {"college", "school", "lyceum", "universiteit", "hogeschool", "ziekenhuis", "groep",
                     "centrum", "instituut", "stichting", "fonds", "academie", "huis", "zorg", "internaat",
                     "brigade", "stadion", "kazerne", "museum", "kerk"}


def normalize(raw: str) -> str:
    """Return the name with whitespace collapsed.

    >>> normalize("Maarten  van\\nOoijen")
    'Maarten van Ooijen'
    """
    return " ".join(raw.split())


def _names(doc: Doc) -> Iterator[Span]:
    """Yield the name part of every PER entity: titles trimmed, no place after "te", no organisation."""
    places = surface_forms()
    org_names = [ent.text.lower() for ent in doc.ents if ent.label_ == "ORG"]
    for ent in doc.ents:
        if ent.label_ != "PER":
            continue
        start, end = ent.start, ent.end
        titled = _after_titles(doc, start, end)
        has_title, start = titled > start, titled
        if end - start >= 3 and doc[end - 2].lower_ in {"te", "uit", "van"} and doc[end - 1].text in places:
            end -= 2  # "P. Trip te Heerenveen": the seat, not a double surname
        span = doc[start:end]
        if (not has_title and ent.kb_id_ != "source" and len(span) == 2 and SINGLE_INITIAL.match(span[0].text)
                and span[1].lower_ not in surnames()):
            continue  # "E. Gemeenten", "A. Beschrijving": a lettered list item
        if span[-1].lower_ in INSTITUTION_WORDS:
            continue
        if len(span) >= 2 and span[-2].lower_ in PLACE_WORDS and ent.kb_id_ != "source":
            continue  # "Clinton aan Colombia", "Jozef V. uit Herent"; "in 't Veld" has its article between
        if has_title and span[0].text == "van" and not set(span[-1].lower_.split("-")) & surnames():
            # "minister van Begroting", "schepen van Mobiliteit": a portfolio; a surname without first name
            # capitalises its "Van" ("minister Van Engelshoven") or is a known one ("staatssecretaris van Rijn")
            continue
        if STREET.search(span[-1].text):
            continue  # "Burgemeester van der Dussenplein", "Dr. Willemdreesweg": an address
        last = span[-1].lower_.rsplit("-", 1)[-1]  # "Dooren-Lansdorp": the last part
        if THING_ENDING.search(last) and last not in surnames():
            continue
        if span[-1].text in places and len(span) <= 2:
            continue  # "burgemeester van Heerlen": a place, not a surname
        if any(span.text.lower() in org for org in org_names):
            continue  # "Bibi Huis", the short form of "STICHTING BIBI HUIS 1"
        yield span


def _surname(name: str) -> str | None:
    """Return the surname part of a full name ("Maarten van Ooijen" -> "Ooijen"), if it has one."""
    words = name.split()
    if len(words) < 2 or not words[-1][:1].isupper():
        return None
    return words[-1]


def find(doc: Doc) -> Iterator[Hit]:
    """Yield every person name, titles trimmed; a surname alone takes the fullest form the text gives,
    and later mentions by surname only ("Van Ooijen zei") are found too."""
    spans = list(_names(doc))
    full_names = sorted({normalize(span.text) for span in spans}, key=lambda name: (-len(name), name))
    taken = [(ent.start_char, ent.end_char) for ent in doc.ents]
    hits = []
    for span in spans:
        value = normalize(span.text)
        # "Van Dooren-Lansdorp" alone is the "P.M. van Dooren-Lansdorp" of the text: Dutch capitalises the
        # interfix when no first name or initials come before it
        fuller = next((name for name in full_names if len(name) > len(value)
                       and name.lower().endswith(" " + value.lower())), value)
        hits.append(Hit(span.start_char, span.end_char, fuller, entity_id("person", fuller)))
    for name in full_names:
        surname = _surname(name)
        if surname is None or len(surname) < 3 or surname.lower() in common_words():
            continue
        for match in re.finditer(rf"(?:\b(?i:van der|van den|van de|van|de|ter|ten)\s+)?\b{re.escape(surname)}\b",
                                 text_of(doc)):
            if not any(s < match.end() and match.start() < e for s, e in taken):
                hits.append(Hit(match.start(), match.end(), name, entity_id("person", name)))
                taken.append(match.span())
    return iter(sorted(hits, key=lambda hit: hit.start))
