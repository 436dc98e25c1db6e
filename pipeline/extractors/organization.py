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

from spacy.tokens import Doc, Span

from pipeline.extractors.entities import DESCRIPTORS
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


#: an abbreviation in brackets; the name it stands for is looked for in the words before it
ABBREVIATION = re.compile(r"\(([A-Z][A-Za-z]{1,7})\)")
#: how far back (characters) the defined name may start
DEFINITION_REACH = 160
#: the defined name must say what kind of body it is; "Wet verplichte GGZ (WvGGZ)" is a law
BODY_WORDS = {"platform", "stichting", "vereniging", "raad", "bureau", "dienst", "centrum", "team", "instituut",
              "groep", "federatie", "fonds", "autoriteit", "inspectie", "commissie", "college", "netwerk",
              "coöperatie", "collectief", "organisatie", "alliantie", "samenwerkingsverband", "combinatie",
              "kenniscentrum", "ombudsman", "kamer", "ministerie", "gemeenschappelijke", "agentschap"}


#: kinds of body that are defined with an abbreviation without being a name: "de Gemeenschappelijke Regeling (GR)"
GENERIC_BODIES = {"gemeenschappelijke regeling", "raad van bestuur", "raad van toezicht", "dagelijks bestuur",
                  "algemeen bestuur", "ondernemingsraad", "cliëntenraad", "medezeggenschapsraad", "regionaal team",
                  "wijkteam", "sociaal team", "lokaal team", "college van burgemeester en wethouders"}


#: small words an abbreviation skips: "Raad voor Strafrechttoepassing en Jeugdbescherming (RSJ)"
SKIPPED_WORDS = {"van", "voor", "de", "der", "den", "het", "en", "in", "op", "te", "of", "&"}


def _defined_names(text: str) -> Iterator[tuple[int, int, str, str]]:
    """Yield (start, end, name, abbreviation) for names of bodies the text defines with an abbreviation."""
    for match in ABBREVIATION.finditer(text):
        left = max(0, match.start() - DEFINITION_REACH)
        before = text[left:match.start()].rstrip()
        words = list(re.finditer(r"[\w’'&-]+", before))[-8:]
        letters = [c for c in match.group(1) if c.isupper()]
        if len(letters) < 2:
            continue
        # walk back over the words until the content words' initials spell the abbreviation
        needed, first = list(letters), None
        for i in range(len(words) - 1, -1, -1):
            word = words[i].group()
            if word.lower() in SKIPPED_WORDS:
                continue
            if not needed or word[0].upper() != needed[-1]:
                break
            needed.pop()
            first = i
            if not needed:
                break
        if needed or first is None:
            continue
        name_words = [w.group() for w in words[first:]]
        if not any(w.lower() in BODY_WORDS for w in name_words) or name_words[0].lower() in {"wet", "besluit"}:
            continue
        if before[words[-1].end():].strip():
            continue  # the name must end right before the bracket
        start = left + words[first].start()
        end = left + words[-1].end()
        name = " ".join(text[start:end].split())  # a name broken over two lines is one name
        if name.lower() not in GENERIC_BODIES:
            yield start, end, name, match.group(1)


def abbreviates(short: str, full: str) -> bool:
    """Return True when short is an abbreviation of full: words kept whole or cut to their initials.

    >>> abbreviates("ROC MN", "Stichting ROC Midden Nederland"), abbreviates("VNG", "Vereniging van Nederlandse Gemeenten")
    (True, True)
    >>> abbreviates("CDA", "Combinatie Koraal")
    False
    """
    all_words = [w for w in full.split() if w.lower() not in SKIPPED_WORDS]
    parts = short.split()
    if short == full or not parts or len(all_words) < 2:
        return False
    # "ROC MN" leaves out the legal form of "Stichting ROC Midden Nederland"; "VNG" keeps its "Vereniging"
    tries = [all_words]
    if all_words[0].lower() in {"stichting", "vereniging", "coöperatie"}:
        tries.append(all_words[1:])
    return any(_spells(parts, words) for words in tries)


def _spells(parts: list[str], words: list[str]) -> bool:
    """Return True when the parts, in order, are whole words or runs of initials of all the words,
    at least one of them initials ("VITAAL THUISZORG" is no abbreviation of "STICHTING VITAAL THUISZORG")."""

    def match(p: int, w: int, shortened: bool) -> bool:
        if p == len(parts):
            return w == len(words) and shortened
        part = parts[p]
        if w < len(words) and part.lower() == words[w].lower() and match(p + 1, w + 1, shortened):
            return True
        n = len(part)
        return (part.isupper() and w + n <= len(words) and n > 1
                and part == "".join(x[0].upper() for x in words[w:w + n]) and match(p + 1, w + n, True))

    return bool(words) and match(0, 0, False)


def _without_descriptor(ent: Span) -> Span:
    """Return the entity without a leading word that only says what it is ("zorgaanbieder Youké" -> "Youké")."""
    if len(ent) > 1 and ent[0].lower_ in DESCRIPTORS and ent.text not in gazetteer_names():
        return ent[1:]
    return ent


@functools.cache
def gazetteer_names() -> frozenset[str]:
    """Return the names in data/organizations.csv ("Omroep Brabant" keeps its first word)."""
    text = files("pipeline.extractors").joinpath("data", "organizations.csv").read_text(encoding="utf-8")
    return frozenset(row["name"] for row in csv.DictReader(text.splitlines()))


def find(doc: Doc) -> Iterator[Hit]:
    """Yield every organisation the entity ruler found, with abbreviations mapped to their full names."""
    text = text_of(doc)
    ruled = [(ent.start_char, ent.end_char) for ent in doc.ents]
    for start, end, name, _abbreviation in _defined_names(text):
        if not any(s < end and start < e for s, e in ruled):
            yield Hit(start, end, name, entity_id("org", name))
    for match in glued_name().finditer(text_of(doc)):
        yield Hit(match.start(), match.end(), match.group(), entity_id("org", match.group()))
    short_forms: dict[str, str] = {}
    entities = [_without_descriptor(ent) for ent in doc.ents if ent.label_ == "ORG"]
    entities = [ent for ent in entities if len(ent) and not is_municipality_name(ent.text)]
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
        # an abbreviation of a name the text also gives ("ROC MN") is the same organisation
        value = next((name for name in names if abbreviates(value, name)), value)
        # a misspelt repetition ("Stiching ROC Midden Nederland") is the same organisation
        value = next((v for v in seen if v != value and _digits(v) == _digits(value)
                      and SequenceMatcher(None, v, value).ratio() >= SAME_NAME), value)
        seen.append(value)
        # "Vereniging van Nederlandse Gemeenten (VNG)": later "VNG" means the same organisation
        if ent.end + 2 < len(doc) and doc[ent.end].text == "(" and doc[ent.end + 2].text == ")":
            short_forms[doc[ent.end + 1].text] = value
        value = short_forms.get(ent.text, value)
        yield Hit(ent.start_char, ent.end_char, value, entity_id("org", value))
