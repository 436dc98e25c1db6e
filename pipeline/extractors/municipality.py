"""Dutch municipalities by name, normalised to the official name, linked to their CBS code.

Guideline: every municipality mentioned by name, current or historical, as "gemeente X", a bare
name, or an adjective ("Rotterdamse"); regions, provinces and places inside organisation names
are not municipalities. Names come from RvIG table 33 and CBS (data/, see SOURCES.md).
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.resources import files

from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from pipeline.extractors.hit import Hit

VERSION = 1

#: a dissolved municipality keeps its own name only if it ended after this date and its name is
#: not part of its successor's ("Sittard" went into "Sittard-Geleen": the town, not a municipality)
HISTORICAL_SINCE = "2010-01-01"
#: words before a name that make it a region, province or court rather than the municipality
NOT_BEFORE = {"regio", "provincie", "rechtbank", "gerechtshof", "arrondissement", "jeugdregio", "politie"}
#: words after an adjective that make it a region's ("Leidse regio")
#: words after a name that make it a region ("Utrecht West")
NOT_AFTER = {"west", "oost", "noord", "zuid", "midden"}
NOT_AFTER_ADJECTIVE = {"regio", "regio's", "regio’s", "jeugdregio", "provincie"}
#: words before a homonym ("Best", "Sluis") that show it is the place
PLACE_CUES = {"gemeente", "gemeenten", "in", "te", "uit", "van", "naar", "bij", ",", "en", "regio", "(", "/"}
PAREN_SUFFIX = re.compile(r"\s*\((?:[A-Z]{1,2}\.?|[A-Z][a-z]+\.?)\)$")


@dataclass(frozen=True, slots=True)
class Municipality:
    """A municipality as the gazetteer knows it."""

    cbs_code: str
    name: str
    active: bool
    successor_code: str | None = None
    successor_name: str | None = None
    ended: str | None = None
    jeugdregio_code: str | None = None
    jeugdregio: str | None = None
    province_code: str | None = None
    province: str | None = None
    lat: float | None = None
    lon: float | None = None


def _rows(name: str) -> list[dict[str, str]]:
    text = files("pipeline.extractors").joinpath("data", name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


@functools.cache
def municipalities() -> dict[str, Municipality]:
    """Return every municipality since 1812 by CBS code, the current ones with region, province and point."""
    geo = {row["cbs_code"]: row for row in _rows("gemeenten_2025_geo.csv")}
    result = {}
    for row in _rows("gemeenten_historisch.csv"):
        code, active = row["cbs_code"], row["status"] == "actief"
        place = geo.get(code, {})
        result[code] = Municipality(
            cbs_code=code, name=row["naam"], active=active,
            successor_code=None if active else row["huidige_gemeente_code"] or None,
            successor_name=None if active else row["huidige_gemeente_naam"] or None,
            ended=row["datum_einde"] or None,
            jeugdregio_code=place.get("jeugdregio_code"), jeugdregio=place.get("jeugdregio_naam"),
            province_code=place.get("provincie_code"), province=place.get("provincie_naam"),
            lat=float(place["lat"]) if place else None, lon=float(place["lon"]) if place else None,
        )
    return result


def _counts_as_itself(m: Municipality, active_names: set[str]) -> bool:
    if m.active:
        return True
    if m.name in active_names or not m.ended or m.ended < HISTORICAL_SINCE:
        return False
    successor_words = set(re.split(r"[\s-]+", m.successor_name or ""))
    return m.name not in successor_words


def _adjectives(name: str) -> set[str]:
    """Return the regular adjective forms of a one-word name: Rotterdam -> Rotterdamse, Zwolle -> Zwolse."""
    if not re.fullmatch(r"[A-Z][a-zë]+", name):
        return set()
    forms = {name + "se"}
    if name.endswith("e"):
        forms.add(name[:-1] + "se")
    if name.endswith("en"):
        forms.add(name[:-2] + "se")
    return forms


@functools.cache
def surface_forms() -> dict[str, tuple[str, str]]:
    """Return {form as written: (cbs code, 'name' | 'adjective' | 'homonym')} for every way a text names one."""
    table = municipalities()
    active_names = {m.name for m in table.values() if m.active}
    by_name = {m.name: m.cbs_code for m in table.values() if _counts_as_itself(m, active_names)}
    forms: dict[str, tuple[str, str]] = {}
    ambiguous: set[str] = set()

    def add(form: str, code: str, kind: str) -> None:
        if form in forms and forms[form][0] != code:
            old_active, new_active = table[forms[form][0]].active, table[code].active
            if old_active and not new_active:
                return  # "Hengelo" is Hengelo (O), not the Gelderland village that was a municipality
            if old_active == new_active:
                ambiguous.add(form)
        forms[form] = (code, kind)

    for name, code in by_name.items():
        add(name, code, "name")
        short = PAREN_SUFFIX.sub("", name)  # "Hengelo (O)" is written "Hengelo"
        if short != name:
            add(short, code, "name")
        if name.startswith(("De ", "Het ")):  # "de Ronde Venen", "de Bilt"
            add(name[0].lower() + name[1:], code, "name")
        if "-" in short:  # "Gemeente Rijssen Holten"
            add(short.replace("-", " "), code, "name")
        if name.startswith("'s-"):
            add("’s-" + name[3:], code, "name")
        for adjective in _adjectives(short):
            add(adjective, code, "adjective")
    for row in _rows("gemeente_aliassen.csv"):
        if row["cbs_code"]:
            add(row["alias"], row["cbs_code"], "name")
    for row in _rows("municipality_words.csv"):
        known = by_name.get(row["official_name"])
        if row["kind"] == "not_adjective":
            forms.pop(row["form"], None)
        elif known:
            add(row["form"], known, row["kind"])
    for form in ambiguous:  # "Bergen": Noord-Holland or Limburg; the text must say which
        forms.pop(form, None)
    return forms


@functools.cache
def _matchers(vocab: Vocab) -> tuple[PhraseMatcher, PhraseMatcher]:
    """Return a case-exact matcher and a lower-case one (for names in capitals: "GEMEENTE BEEK")."""
    from pipeline.extractors import build_pipeline

    nlp = build_pipeline()
    if nlp.vocab is not vocab:  # a Doc from another pipeline: tokenize the names as that pipeline does
        import spacy

        nlp = spacy.blank("nl", vocab=vocab)
    tokenizer: Tokenizer = nlp.tokenizer  # type: ignore[assignment]  # the names split as documents do
    exact, lower = PhraseMatcher(vocab, attr="ORTH"), PhraseMatcher(vocab, attr="LOWER")
    forms = list(surface_forms())
    for form, pattern in zip(forms, tokenizer.pipe(forms)):
        exact.add(form, [pattern])
        lower.add(form, [pattern])
    return exact, lower


def _form_of(span: Span, key: str) -> str | None:
    """Return the gazetteer form a match stands for: as written, or the key for a name in capitals."""
    if span.text in surface_forms():
        return span.text
    letters = [c for c in span.text if c.isalpha()]
    return key if letters and all(c.isupper() for c in letters) else None


def is_municipality_name(text: str) -> bool:
    """Return True when a name is just a municipality's, with or without "Gemeente" (a buyer in a notice)."""
    name = re.sub(r"^(?:de\s+)?gemeente\s+", "", " ".join(text.split()), flags=re.IGNORECASE)
    return name in surface_forms()


def normalize(raw: str) -> str:
    """Return the official name for a way of writing a municipality, or raise KeyError.

    >>> normalize("Den Haag"), normalize("Rotterdamse"), normalize("de Ronde Venen"), normalize("Hengelo")
    ("'s-Gravenhage", 'Rotterdam', 'De Ronde Venen', 'Hengelo (O)')
    """
    return municipalities()[surface_forms()[raw][0]].name


#: words between a capitalised "Van" and a surname: "Van der Vlist", "Van den Bossche"
SURNAME_LINKS = {"der", "den", "de", "het", "'t", "’t"}


def _surname_tokens(doc: Doc, ent: Span) -> range:
    """Return the tokens of a person name after its first name or initials ("René van der Vlist" -> "Vlist"),
    none when only a title comes before: "burgemeester van Heusden" is the mayor of Heusden."""
    from pipeline.extractors.person import one_word_titles  # person reads this module's names at import

    for i in range(ent.start, ent.end - 1):
        token = doc[i]
        if (token.text[:1].isupper() and token.lower_ not in one_word_titles()
                and token.lower_ not in SURNAME_PREFIXES):
            return range(i + 1, ent.end)
    return range(0)


#: lower-case words that start a surname ("van der Vlist")
SURNAME_PREFIXES = {"van", "ter", "ten", "de", "den", "der", "vander", "vanden"}


def _after_surname_prefix(doc: Doc, start: int) -> bool:
    """Return True when a capitalised "Van", "Ter" or "Ten" (with der/den) comes right before the name:
    Dutch writes a surname so when no first name precedes it ("wil Van der Vlist toegeven")."""
    i = start - 1
    while i >= 0 and doc[i].text in SURNAME_LINKS:
        i -= 1
    return i >= 0 and doc[i].text in {"Van", "Ter", "Ten", "Vander", "Vanden"} and i < start


def find(doc: Doc) -> Iterator[Hit]:
    """Yield each municipality named in the text, in text order, outside organisation names."""
    return iter(sorted(_find(doc), key=lambda hit: hit.start))


def _find(doc: Doc) -> Iterator[Hit]:
    """Yield the municipalities, longest names claimed first so "Utrechtse Heuvelrug" beats "Utrecht"."""
    forms = surface_forms()
    table = municipalities()
    # inside a name it is part of the name: "Rechtbank Amsterdam", "René van der Vlist", "Luc Van den Bossche"
    org_tokens = {i for ent in doc.ents if ent.label_ == "ORG" and not is_municipality_name(ent.text)
                  for i in range(ent.start, ent.end)}
    org_tokens |= {i for ent in doc.ents if ent.label_ == "PER" for i in _surname_tokens(doc, ent)}
    exact, lower = _matchers(doc.vocab)
    matches = {(start, end): doc.vocab.strings[key] for key, start, end in [*lower(doc), *exact(doc)]}
    taken: set[int] = set()
    for (start, end), key in sorted(matches.items(), key=lambda m: (m[0][0] - m[0][1], m[0][0])):
        if taken & set(range(start, end)) or org_tokens & set(range(start, end)):
            continue
        span = doc[start:end]
        form = _form_of(span, key)
        if form is None:
            continue
        code, kind = forms[form]
        before = doc[start - 1].lower_ if start > 0 else ""
        after = doc[end].lower_ if end < len(doc) else ""
        if before in NOT_BEFORE or (after in NOT_AFTER and doc[end].text[0].isupper()):
            continue
        if _after_surname_prefix(doc, start):
            continue
        if kind == "adjective" and after in NOT_AFTER_ADJECTIVE:
            continue
        if kind == "homonym" and (span[0].is_sent_start or before not in PLACE_CUES):
            continue
        if not table[code].active and before == "te":
            continue  # "zetelend te Nuth", "gevestigd te Bussum": the town, not the old municipality
        taken.update(range(start, end))
        yield Hit(span.start_char, span.end_char, table[code].name, entity=code)
