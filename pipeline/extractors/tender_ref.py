"""Tender reference numbers as `platform:id`: TenderNed, Negometrix and TED (Official Journal S).

Guideline: `tenderned:123456`, `negometrix:142669`, `ted:2019/S 049-112233`. A platform that is
merely named ("gepubliceerd op TenderNed") is not a reference; a number needs its cue word.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc

from pipeline.extractors.hit import Hit, text_of

VERSION = 1

#: OJ S notice number: year, issue (1-3 digits, zero-padded to 3), notice (6-7 digits)
TED_NOTICE = re.compile(r"\b((?:19|20)\d{2})\s?/\s?S\s?(\d{1,3})\s?[-–]\s?(\d{6,7})\b")
#: "TenderNed-kenmerk: 276396", "tenderned kenmerk 68016", "TN469379", "TN 169744",
#: "TenderNed (kenmerk 123456)", "TenderNed-nummer 123456"
TENDERNED = re.compile(
    r"\b(?:tenderned[\s-]*(?:\(\s*)?(?:kenmerk|nummer|nr\.?|id|referentie(?:nummer)?|publicatienummer)"
    r"|TN|tenderned\s*\(|tenderned\.nl/aankondigingen/overzicht/)\s*[:.]?\s*(\d{4,7})\b",
    re.IGNORECASE,
)
#: "tendernummer 142669", "Negometrix (tender)nummer 142669", ".../PublishedTenders.aspx?tenderid=176724"
NEGOMETRIX = re.compile(
    r"\b(?:negometrix[\s-]*(?:tender)?(?:nummer|nr\.?|id|kenmerk)|negometrix\s*\(|tender\s?(?:nummer|nr\.?|id)|tenderid=)"
    r"\s*[:.=]?\s*(\d{4,7})\b",
    re.IGNORECASE,
)
#: any other explicit procurement reference after its cue word: "Referentienummer 12ink002",
#: "aanbesteding nr. 12/2019", "Aanbestedingsnummer: 2018-JH-01"
OTHER = re.compile(
    r"\b(?:referentienummer|referentie\s?nr\.?|aanbestedingsnummer|aanbesteding(?:s)?\s?(?:nr\.?|nummer)"
    r"|inkoopnummer|projectnummer\s+aanbesteding|opdrachtnummer)\s*[:.]?[ \t]*"
    r"(?P<ref>[A-Za-z0-9][A-Za-z0-9./&-]*(?:[ \t][A-Za-z0-9][A-Za-z0-9./&-]*){0,3})",
    re.IGNORECASE,
)
#: a word of a reference number: it holds a digit, or is an upper-case code ("GEZ 202002 PRJ-2000119")
REF_WORD = re.compile(r"(?=\S*\d)[A-Za-z0-9./&-]*[A-Za-z0-9]|[A-Z]{2,}[A-Z0-9&-]*")
#: how far (characters) a platform name may stand from a bare "kenmerk" to claim it
PLATFORM_CONTEXT = 150


def normalize_ted(year: str, issue: str, notice: str) -> str:
    """Return the TED reference in the official spacing, issue zero-padded.

    >>> normalize_ted("2019", "49", "112233")
    'ted:2019/S 049-112233'
    """
    return f"ted:{year}/S {int(issue):03d}-{notice}"


#: a tender document's title page names its kind ("Selectieleidraad") and prints its reference on a line
#: of its own ("22.525-OCW"); only the opening of a document is searched
TITLE_PAGE_CHARS = 1000
TITLE_PAGE_KIND = re.compile(r"\b(?:selectieleidraad|aanbestedingsleidraad|inschrijvingsleidraad|beschrijvend document|"
                             r"offerteaanvraag|bestek|aanbestedingsdocument|programma van eisen)\b", re.IGNORECASE)
TITLE_PAGE_REF = re.compile(r"^[ \t]*(?P<ref>(?=[^\s]*\d)(?=[^\s]*[A-Za-z])[A-Z0-9][A-Za-z0-9./-]{3,30}[A-Za-z0-9])[ \t]*$",
                            re.MULTILINE)


def _platform_number(text: str, number: str) -> bool:
    return any(number == m.group(1) for pattern in (TENDERNED, NEGOMETRIX) for m in pattern.finditer(text))


def find(doc: Doc) -> Iterator[Hit]:
    """Yield TED, TenderNed and Negometrix references found in the text."""
    text = text_of(doc)
    for match in TED_NOTICE.finditer(text):
        yield Hit(match.start(), match.end(), normalize_ted(*match.groups()))
    for match in TENDERNED.finditer(text):
        # "TN" alone must be upper-case and glued to or right before the number
        if match.group().lower().startswith("tn") and not match.group().startswith("TN"):
            continue
        yield Hit(match.start(), match.end(), f"tenderned:{match.group(1)}")
    opening = text[:TITLE_PAGE_CHARS]
    if TITLE_PAGE_KIND.search(opening):
        for match in TITLE_PAGE_REF.finditer(opening):
            yield Hit(match.start("ref"), match.end("ref"), f"other:{match.group('ref')}")
    for match in OTHER.finditer(text):
        words = []
        for word in match.group("ref").split():
            if not REF_WORD.fullmatch(word):
                break
            words.append(word)
        if words and any(c.isdigit() for c in "".join(words)):
            reference = " ".join(words)
            if re.fullmatch(r"\d{4,7}", reference) and _platform_number(text, reference):
                continue  # the platform's own number, reported as such ("tenderid=176724")
            end = match.start("ref") + len(reference)
            yield Hit(match.start(), end, f"other:{reference}")
    for match in NEGOMETRIX.finditer(text):
        cue = match.group().lower()
        platform = "negometrix"
        if cue.startswith("tender") and not cue.startswith("tenderid"):
            # a bare "tendernummer" is Negometrix's word; TenderNed says "kenmerk"
            window = text[max(0, match.start() - PLATFORM_CONTEXT): match.end() + PLATFORM_CONTEXT].lower()
            if "tenderned" in window and "negometrix" not in window:
                platform = "tenderned"
        yield Hit(match.start(), match.end(), f"{platform}:{match.group(1)}")
