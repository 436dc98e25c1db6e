"""The entity ruler behind `organization` and `person`: gazetteers and patterns as spaCy's EntityRuler.

Organisations come from data/organizations.csv (courts, national bodies, parties, media, care
providers), ministries (data/ministries.csv), youth and care institutions from deduce's lookup lists,
and patterns: a legal form before ("Stichting …", "Combinatie …") or after ("… B.V.") capitalised words.
Persons come from patterns: initials and a surname ("J.Th.C.M. Verheijen", "B. van Meurs"), a title
and a name ("wethouder Chantal Broekhuis", "Staatssecretaris van Rijn"), and a first name from
deduce's list with a surname ("Maarten van Ooijen").
"""

from __future__ import annotations

import csv
import functools
import re
from importlib.resources import files

from typing import Any, cast

from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc, Span

from pipeline.extractors.municipality import surface_forms

#: deduce (LGPL-3.0) ships Dutch name and institution lists; we read them where pip installed them
DEDUCE_LOOKUP = "data/lookup/src"
LEGAL_PREFIXES = ["stichting", "vereniging", "coöperatie", "coöperatieve", "combinatie", "federatie"]
LEGAL_SUFFIXES = ["b.v.", "b.v", "bv", "bv.", "n.v.", "nv", "v.o.f.", "vof", "u.a.", "holding"]
#: words that introduce a name without being part of it: "zorgaanbieder Youké", "Adviesbureau Significant"
DESCRIPTORS = ["aanbieder", "zorgaanbieder", "jeugdhulpaanbieder", "jeugdzorgaanbieder", "zorgorganisatie",
               "jeugdzorgorganisatie", "adviesbureau", "onderzoeksbureau", "ingenieursbureau", "uitgeverij",
               "opdrachtnemer", "inschrijver", "gegadigde", "zorginstelling", "jeugdinstelling", "omroep", "dagblad",
               "fractie"]  # "fractie PvdA" is the PvdA; "Fractie Vermooten" names a faction by its founder
#: words in deduce's first-name list that far more often begin a place, brand or title than a person's name
NOT_FIRST_NAMES = {"san", "santa", "santo", "são", "sint", "saint", "sainte", "monte", "mount", "costa", "sri", "star",
                   "boy", "just", "tiger", "rocky", "corona", "lion", "sun", "zion", "lotus", "astra", "lieve", "mie",
                   "paris", "india", "beverly", "pax", "sierra", "rio", "puerto", "porto", "villa", "casa", "lucky",
                   "sky", "baby", "happy", "honey", "port", "fort", "lake", "cape", "royal", "grand", "golden",
                   "silver", "black", "white", "red", "blue", "green", "big", "little", "old", "new", "north",
                   "south", "east", "west"}
#: words that begin the name of a local party or council faction
LOCAL_PARTY_HEADS = ["Leefbaar", "Stadspartij", "Gemeentebelangen", "Dorpsbelangen", "Burgerbelangen",
                     "Inwonersbelangen", "Ouderenpartij", "Lokaal"]
#: words inside a name ("Vereniging van Nederlandse Gemeenten"); not "en", which mostly joins two names
CONNECTORS = ["van", "voor", "de", "der", "den", "in", "op", "het", "-", "aan"]
#: institutions in deduce's list that are practices or shops rather than organisations in the news
INSTITUTION_SKIP = re.compile(r"praktijk|apothe|huisarts|tandarts|fysio|diëtist|dietist|oefentherap|logoped|"
                              r"podother|osteopa|haptother|verloskund|optiek|hoorwinkel|kapsalon|\bB\.?V\.?$|\d",
                              re.IGNORECASE)
INSTITUTION_KEEP = re.compile(r"jeugd|jongeren|gezin|kind|ggz|wonen|woonzorg|thuiszorg|opvang|begeleiding|"
                              r"welzijn|verslaving|reclassering|bescherming|zorggroep|zorg\b|hulpverlening",
                              re.IGNORECASE)
#: what joins two surnames ("Ritsema van Eck", "Van Haersma de With"): not "in", "op", "te", which also join places
SECOND_SURNAME_INTERFIXES = ["'t", "’t", "d'", "da", "de", "del", "den", "der", "di", "dos", "du", "la", "le",
                             "ten", "ter", "van", "von", "zur"]
#: capitalised words that are no surname after a title ("minister van Volksgezondheid")
NOT_SURNAMES = {"volksgezondheid", "justitie", "financiën", "onderwijs", "defensie", "binnenlandse",
                "buitenlandse", "sociale", "economische", "infrastructuur", "landbouw", "algemene", "staat",
                "vws", "bzk", "ocw", "szw", "ezk", "jenv", "ienw", "lnv", "zaken", "het", "de", "een", "dit",
                "deze", "die", "dat", "er", "ook", "wel", "niet", "nog", "al", "in", "op", "bij", "voor",
                # "Aan de voorzitter van de Tweede Kamer", "de Directeur van Uw Kabinet"
                "uw", "eerste", "tweede", "derde", "kamer", "koning", "koningin", "majesteit", "staten",
                "hij", "zij", "ze", "wij", "we", "jij", "je", "ik", "men", "u"}  # "Chr. Hij": a pronoun


def _data_rows(name: str) -> list[dict[str, str]]:
    text = files("pipeline.extractors").joinpath("data", name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


def _deduce_list(path: str) -> list[str]:
    try:
        text = files("deduce").joinpath(DEDUCE_LOOKUP, path, "items.txt").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        return []
    return [line.strip() for line in text.splitlines() if line.strip()]


@functools.cache
def common_words() -> frozenset[str]:
    """Return lower-case Dutch words that are no names (deduce's common and stop words, spaCy's stop words)."""
    from spacy.lang.nl.stop_words import STOP_WORDS

    words = {w.lower() for w in _deduce_list("whitelist/lst_common_word")}
    words |= {w.lower() for w in _deduce_list("whitelist/lst_stop_word")}
    return frozenset(words | set(STOP_WORDS))


@functools.cache
def first_names() -> frozenset[str]:
    """Return first names that are not also common words, municipality names or the first word of places,
    brands and titles ("San Marino", "Costa Rica", "Star Wars")."""
    skip = common_words() | {form.lower() for form in surface_forms()} | NOT_FIRST_NAMES
    return frozenset(n for n in _deduce_list("names/lst_first_name")
                     if n.lower() not in skip and len(n) > 2 and n[0].isupper())


@functools.cache
def interfixes() -> list[str]:
    """Return surname interfixes (tussenvoegsels) as lower-case single tokens: van, de, der, ter, 't."""
    words = {part.lower() for item in _deduce_list("names/lst_interfix") for part in item.split()}
    words |= {"van", "de", "der", "den", "ter", "ten", "te", "'t", "’t", "in", "op", "la", "le"}
    # "het" starts list items ("A. Het Rijk") far more often than it sits in a surname ("van het Hof")
    return sorted(words - {"het"})


@functools.cache
def surnames() -> frozenset[str]:
    """Return known Dutch surnames (deduce's lists), lower-case, last word only: "van der Vorst" -> "vorst"."""
    names = _deduce_list("names/lst_surname") + _deduce_list("names/lst_interfix_surname")
    return frozenset(name.split()[-1].lower() for name in names if name.strip())


def organization_phrases() -> list[str]:
    """Return every organisation name the ruler matches exactly."""
    names = [row["name"] for row in _data_rows("organizations.csv")]
    for row in _data_rows("ministries.csv"):
        for head in ("Ministerie van", "ministerie van"):
            names.append(f"{head} {row['domain']}")
            if row["abbreviation"]:
                names.append(f"{head} {row['abbreviation']}")
    for name in _deduce_list("institutions/lst_healthcare_institution"):
        base = name.split(",")[0].strip()
        if len(base.split()) >= 2 and INSTITUTION_KEEP.search(base) and not INSTITUTION_SKIP.search(base):
            names.append(base)
    return sorted(set(names))


def token_patterns() -> list[dict]:
    """Return the EntityRuler token patterns for organisations and persons."""
    cap = {"TEXT": {"REGEX": r"^[A-Z0-9À-Ý]"}, "LOWER": {"NOT_IN": sorted(common_words())}}
    upper_start = {"TEXT": {"REGEX": r"^[A-Z]"}}
    connector = {"LOWER": {"IN": CONNECTORS}}
    patterns: list[dict] = []
    prefix = {"LOWER": {"IN": LEGAL_PREFIXES}, **upper_start}
    upper = {"TEXT": {"REGEX": r"^[A-Z0-9À-Ý][A-Z0-9À-Ý&-]*$"}}  # "STICHTING BIBI HUIS 1"
    patterns += [
        {"label": "ORG", "pattern": [prefix, {**cap, "OP": "+"}]},
        {"label": "ORG", "pattern": [{**prefix, "TEXT": {"REGEX": r"^[A-Z]+$"}}, {**upper, "OP": "+"}]},
        {"label": "ORG", "pattern": [prefix, {**cap, "OP": "+"}, connector, {**cap, "OP": "+"}]},
        {"label": "ORG", "pattern": [{**cap, "OP": "+"}, {"LOWER": {"IN": LEGAL_SUFFIXES}}]},
        # the name after a descriptor starts with a letter: "aanbieder 13" is a table cell
        {"label": "ORG", "pattern": [{"LOWER": {"IN": DESCRIPTORS}}, {**cap, "TEXT": {"REGEX": r"^[A-ZÀ-Ý]"}},
                                     {**cap, "OP": "*"}]},
        {"label": "ORG", "pattern": [{**cap, "OP": "+"}, connector, {**cap, "OP": "+"}, {"LOWER": {"IN": LEGAL_SUFFIXES}}]},
        # a name in capitals may join words with EN: "THUISZORG GOOI- EN VECHTSTREEK B.V."
        {"label": "ORG", "pattern": [{**upper, "OP": "+"}, {"ORTH": {"IN": ["EN", "VAN", "DE", "DER", "&"]}},
                                     {**upper, "OP": "+"}, {"LOWER": {"IN": LEGAL_SUFFIXES}}]},
        # schools and hospitals named by their kind: "ROC van Twente", "Saxion Hogeschool", "Hogeschool Utrecht"
        {"label": "ORG", "pattern": [{"ORTH": {"IN": ["ROC", "Hogeschool", "Universiteit", "Ziekenhuis"]}},
                                     {"LOWER": {"IN": ["van", "de", "voor"]}, "OP": "?"}, {**cap, "OP": "+"}]},
        {"label": "ORG", "pattern": [{**cap, "OP": "+"}, {"ORTH": {"IN": ["Hogeschool", "Universiteit", "Ziekenhuis",
                                                                           "Zorggroep"]}}]},
        # local parties, named by a head word and their place: "Leefbaar Rotterdam", "Stadspartij Den Helder"
        # after such a head any capitalised word belongs to the name ("Den Helder", "Beter")
        {"label": "ORG", "pattern": [{"ORTH": {"IN": LOCAL_PARTY_HEADS}}, {"ORTH": {"IN": ["'", "’"]}, "OP": "?"},
                                     {"TEXT": {"REGEX": r"^(?:s-)?[A-ZÀ-Ý][\w'’-]*$"}, "OP": "+"}]},
        {"label": "ORG", "pattern": [{"ORTH": {"IN": ["Rechtbank", "Gerechtshof", "RECHTBANK"]}},
                                     {"TEXT": {"REGEX": r"^[A-Z][\w'’-]+$"}}]},
    ]
    # initials are single capitals or the usual digraphs ("J.Th.C.M."); "Vgl." and "Art." are not
    initial = r"(?:[A-Z]|Th|Ch|Ph|Chr|Joh|IJ|Sj|Wm)\.?"
    initials = {"TEXT": {"REGEX": rf"^(?=(?:[A-Z]|Th|Ch|Ph|Chr|Joh|IJ|Sj|Wm)\.){initial}(?:{initial})*$"}}
    more_initials = {"TEXT": {"REGEX": rf"^(?:{initial})+$|^\.$"}, "OP": "*"}
    interfix = {"LOWER": {"IN": interfixes()}, "OP": "*"}
    surname = {"TEXT": {"REGEX": r"^[A-Z][a-zà-ÿ'’]*[a-zà-ÿ](?:-[A-Z][a-zà-ÿ'’]+)*$"},
               "LOWER": {"NOT_IN": sorted(NOT_SURNAMES)}}
    # a second surname takes the interfixes of names only: "Ritsema van Eck", not "Luc Nilis in de Engelse"
    # or "Alexanderhof te Julianadorp"
    double = [{"LOWER": {"IN": SECOND_SURNAME_INTERFIXES}, "OP": "+"}, surname]
    first = {"ORTH": {"IN": sorted(first_names())}}
    names = [[initials, more_initials, interfix, surname], [first, interfix, surname]]
    for name in names:
        patterns += [{"label": "PER", "pattern": name}, {"label": "PER", "pattern": [*name, *double]}]
    any_first = {"TEXT": {"REGEX": r"^[A-Z][a-zà-ÿ]+$"}, "LOWER": {"NOT_IN": sorted(NOT_SURNAMES)}}
    titles = [row["title"].split() for row in _data_rows("person_titles.csv")]
    # one pattern per name shape for all one-word titles keeps the matcher small and fast
    title_patterns: list[list[dict[str, Any]]] = [[{"LOWER": {"IN": sorted(t[0] for t in titles if len(t) == 1)}}]]
    title_patterns += [[{"LOWER": word.lower()} for word in t] for t in titles if len(t) > 1]
    for title in title_patterns:
        for name in [*names, [interfix, surname], [any_first, interfix, surname]]:
            patterns.append({"label": "PER", "pattern": [*title, *name]})
    return patterns


@functools.cache
def organization_names() -> frozenset[str]:
    """Return the organisation names the ruler matches exactly, as a set."""
    return frozenset(organization_phrases())


@Language.component("known_organizations")
def known_organizations(doc: Doc) -> Doc:
    """Label ORG a name the organisation gazetteer knows that a person pattern also matched ("Leo Kannerhuis")."""
    names = organization_names()
    ents = [Span(doc, ent.start, ent.end, label="ORG", kb_id=ent.kb_id) if ent.label_ == "PER" and ent.text in names
            else ent for ent in doc.ents]
    if any(new is not old for new, old in zip(ents, doc.ents)):
        doc.ents = ents
    return doc


def add_entity_ruler(nlp: Language) -> Language:
    """Add the organisation and person ruler to a pipeline and return it."""
    ruler = cast(EntityRuler, nlp.add_pipe("entity_ruler",
                                           config={"phrase_matcher_attr": "ORTH", "overwrite_ents": False}))
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns([{"label": "ORG", "pattern": name} for name in sorted(organization_names())]
                           + token_patterns())
    nlp.add_pipe("known_organizations")
    return nlp
