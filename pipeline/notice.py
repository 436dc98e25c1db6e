"""TED notices (TED export XML, schema R2.0.9) as the text a person reads, with coded values written out.

The rendering follows the published notice: title, the Official Journal number and coded dates
(YYYYMMDD, labelled so the date extractor reads them), then the form section in the notice's own
language, one labelled line per field. Names of buyers and contractors (OFFICIALNAME) and contact
persons (CONTACT_POINT) come back as entity hints, so they count even when no rule knows them.
"""

from __future__ import annotations

import re

from lxml import etree

from pipeline.errors import BadInput

#: Dutch labels for the fields a reader looks for; other fields are shown without a label
LABELS = {
    "OFFICIALNAME": "Officiële naam", "NATIONALID": "Nationaal identificatienummer", "ADDRESS": "Adres",
    "TOWN": "Plaats", "POSTAL_CODE": "Postcode", "CONTACT_POINT": "Contactpersoon", "PHONE": "Telefoon",
    "FAX": "Fax", "E_MAIL": "E-mail", "URL_GENERAL": "Internetadres", "URL_BUYER": "Adres kopersprofiel",
    "URL_DOCUMENT": "Aanbestedingsstukken", "URL_PARTICIPATION": "Inschrijven", "URL": "Internetadres",
    "TITLE": "Titel", "REFERENCE_NUMBER": "Referentienummer", "SHORT_DESCR": "Korte beschrijving",
    "MAIN_SITE": "Plaats van uitvoering", "LOT_NO": "Perceel", "DURATION": "Looptijd",
    "DATE_PUBLICATION_NOTICE": "Datum bekendmaking", "DATE_RECEIPT_TENDERS": "Termijn voor ontvangst",
    "TIME_RECEIPT_TENDERS": "Tijdstip", "DATE_CONCLUSION_CONTRACT": "Datum van sluiting van de overeenkomst",
    "DATE_DISPATCH_NOTICE": "Datum van verzending", "DATE_START": "Aanvang", "DATE_END": "Einde",
    "NOTICE_NUMBER_OJ": "Aankondiging in het PB S", "INFO_ADD": "Aanvullende inlichtingen",
    "NB_TENDERS_RECEIVED": "Aantal ontvangen inschrijvingen", "VAL_TOTAL": "Waarde",
    "VAL_ESTIMATED_TOTAL": "Geraamde waarde", "LOW": "Laagste", "HIGH": "Hoogste", "CONTRACT_NO": "Opdracht nr.",
    "D_JUSTIFICATION": "Motivering", "JUSTIFICATION": "Motivering", "SUITABILITY": "Geschiktheid",
    "AC_CRITERION": "Gunningscriterium", "AC_WEIGHTING": "Weging", "REVIEW_PROCEDURE": "Beroepsprocedure",
}
#: empty elements whose presence is the information
FLAGS = {
    "PT_OPEN": "Procedure: openbare procedure", "PT_RESTRICTED": "Procedure: niet-openbare procedure",
    "PT_COMPETITIVE_DIALOGUE": "Procedure: concurrentiegerichte dialoog",
    "PT_COMPETITIVE_NEGOTIATION": "Procedure: mededingingsprocedure met onderhandeling",
    "PT_INNOVATION_PARTNERSHIP": "Procedure: innovatiepartnerschap",
    "PT_AWARD_CONTRACT_WITHOUT_CALL": "Procedure: gunning zonder voorafgaande aankondiging",
    "PT_AWARD_CONTRACT_WITHOUT_PUBLICATION": "Procedure: gunning zonder voorafgaande bekendmaking",
    "PROCUREMENT_UNSUCCESSFUL": "Aanbesteding zonder resultaat",
}
#: coded fields of the header, in the order shown
CODED = [("NO_DOC_OJS", "Publicatienummer PB S"), ("DATE_PUB", "Publicatiedatum"), ("DS_DATE_DISPATCH", "Verzenddatum"),
         ("DELETION_DATE", "Verwijderdatum"), ("TD_DOCUMENT_TYPE", "Soort document"), ("PR_PROC", "Procedure"),
         ("NC_CONTRACT_NATURE", "Aard van de opdracht"), ("AA_AUTHORITY_TYPE", "Soort aanbestedende dienst"),
         ("IA_URL_GENERAL", "Internetadres"), ("IA_URL_ETENDERING", "Elektronische aanbesteding")]
SKIP = {"COUNTRY", "NUTS", "CA_TYPE", "CA_ACTIVITY", "LEGAL_BASIS", "NOTICE", "TYPE_CONTRACT", "LANGUAGE"}
ORG_QUALIFIER = re.compile(r",\s*(?:locatie|afdeling|t\.a\.v\.|vestiging|team|postbus|\d).*$", re.IGNORECASE)
LEADING_WORDS = re.compile(r"^(?:(?:via|per|t\.a\.v\.|namens|de|het)\s+)+", re.IGNORECASE)
NOT_A_NAME = re.compile(r"www\.|://|@|^\W*$")
#: an official name longer than this is a sentence someone typed into the field
MAX_NAME_WORDS = 8
PERSON_LIKE = re.compile(r"^(?:[A-Z][a-zà-ÿ]+\s+|(?:[A-Za-z]\.\s?)+)?(?:(?:van|de|der|den|ter|ten|in|'t|’t)\s+)*"
                         r"[A-Z][a-zà-ÿ'-]+(?:\s+(?:(?:van|de|der|den|ter|ten)\s+)*[A-Z][a-zà-ÿ'-]+)*$")


def _local(tag: object) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


class _Writer:
    """Accumulates lines and remembers where the entity hints are."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.hints: list[tuple[int, int, str]] = []

    def line(self, text: str, label: str | None = None, hint: str | None = None) -> None:
        text = " ".join(text.split())
        if not text:
            return
        prefix = f"{label}: " if label else ""
        start = self.length + len(prefix)
        self.parts.append(prefix + text)
        self.length += len(prefix) + len(text) + 1
        if hint:
            self.hints.append((start, start + len(text), hint))

    def text(self) -> str:
        return "\n".join(self.parts)


def _paragraphs(element) -> list[str]:
    paragraphs = [" ".join("".join(p.itertext()).split()) for p in element if _local(p.tag) == "P"]
    return [p for p in paragraphs if p]


def _render(element, out: _Writer) -> None:
    name = _local(element.tag)
    if name in SKIP or not name:
        return
    if name in FLAGS:
        out.line(FLAGS[name])
        return
    if name == "CPV_CODE":
        out.line(element.get("CODE", ""), "CPV")
        return
    paragraphs = _paragraphs(element)
    if paragraphs:
        label = LABELS.get(name)
        for i, paragraph in enumerate(paragraphs):
            out.line(paragraph, label if i == 0 else None)
        return
    children = [child for child in element if isinstance(child.tag, str)]
    if not children:
        value = (element.text or "").strip()
        # a value's currency stays in its attribute, as on the published notice: "Waarde: 2400000.0"
        if element.get("TYPE") and value and name == "DURATION":
            value = f"{value} {element.get('TYPE').lower()}"
        hint = None
        if name == "OFFICIALNAME" and not value.lower().startswith("gemeente"):
            value = ORG_QUALIFIER.sub("", value)  # "Rechtbank Midden Nederland, locatie Utrecht"
            value = LEADING_WORDS.sub("", value)  # "Via TenderNed"
            if len(value.split()) <= MAX_NAME_WORDS and not NOT_A_NAME.search(value):
                hint = "ORG"
        elif name == "CONTACT_POINT" and PERSON_LIKE.match(" ".join(value.split())):
            hint = "PER"
        out.line(value, LABELS.get(name), hint)
        return
    for child in children:
        _render(child, out)


def read_ted(data: bytes, path: str) -> tuple[str, str | None, list[tuple[int, int, str]]]:
    """Return (text, title, entity hints) of a TED export; raise BadInput for other XML."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as err:
        raise BadInput(f"{path}: not well-formed XML ({err}); check the download") from err
    if _local(root.tag) != "TED_EXPORT":
        raise BadInput(f"{path}: XML with root <{_local(root.tag)}> is not a TED notice; "
                       "only TED export XML is read (convert other XML to HTML or text)")
    find: dict[str, etree._Element] = {}
    for element in root.iter():
        if isinstance(element.tag, str):
            find.setdefault(_local(element.tag), element)  # the first: later ones cite other notices
    language = find.get("LG_ORIG")
    original = (language.text or "").strip() if language is not None else ""
    out = _Writer()
    title = None
    for doc in root.iter("{*}ML_TI_DOC"):
        if doc.get("LG") == original:
            parts = [" ".join("".join(el.itertext()).split()) for el in doc]
            title = " – ".join(p for p in parts if p)
            out.line(title)
    for tag, label in CODED:
        element = find.get(tag)
        if element is not None:
            out.line(element.text or "", label)
    for element in root.iter("{*}ORIGINAL_CPV"):
        out.line(f"{element.get('CODE', '')} ({(element.text or '').strip()})", "CPV")
    forms = [el for el in root.iter("{*}FORM_SECTION") for el in el if isinstance(el.tag, str)]
    form = next((f for f in forms if f.get("LG") == original), forms[0] if forms else None)
    if form is not None:
        for child in form:
            _render(child, out)
    text = out.text()
    if not text.strip():
        raise BadInput(f"{path}: the TED notice has no readable content")
    return text, title, out.hints
