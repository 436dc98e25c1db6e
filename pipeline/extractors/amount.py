"""Money amounts in euros, normalised to whole euros: `EUR 1200000` (guideline: cents are dropped).

Dutch writes thousands with dots or spaces and decimals with a comma ("€ 88.230,50");
"miljoen", "mln", "miljard" multiply. Percentages and bare numbers are not amounts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

from spacy.tokens import Doc

from pipeline.extractors.hit import Hit, text_of

VERSION = 1

#: a number as Dutch writes money: 45.000 / 10 300 000 / 1,2 / 88.230,50 / 45.000,- / 196.142,--
NUMBER = r"\d{1,3}(?:(?:\.|[ \u00a0\u202f])\d{3})+(?:,\d{1,2}|,-{1,2}|,–)?|\d+(?:[.,]\d+)?(?:,-{1,2}|,–)?"
MULTIPLIER = r"miljoen|mln\.?|mio\.?|miljard|mld\.?|duizend|million|billion"
CURRENCY_BEFORE = r"€|EUR\b|euro\b"
CURRENCY_AFTER = r"euro\b|EUR\b|€"
AMOUNT = re.compile(
    rf"(?:(?P<cur1>{CURRENCY_BEFORE})\s?(?P<num1>{NUMBER})(?:\s?(?P<mult1>{MULTIPLIER}))?(?!\s?%)"
    # "70.000 €" puts the sign after the number, but in a table row "25 € 125.000" the sign is the next amount's
    rf"|(?<![\d.,])(?P<num2>{NUMBER})(?:\s?(?P<mult2>{MULTIPLIER}))?\s?(?P<cur2>{CURRENCY_AFTER})(?!\s?\d))",
    re.IGNORECASE,
)
FACTORS = {"miljoen": 10**6, "mln": 10**6, "mio": 10**6, "million": 10**6, "miljard": 10**9, "mld": 10**9,
           "billion": 10**9, "duizend": 10**3}


def parse_number(raw: str) -> Decimal | None:
    """Return the value of a Dutch-written number, or None.

    >>> parse_number("88.230,50"), parse_number("10 300 000"), parse_number("1,2"), parse_number("45.000,-")
    (Decimal('88230.50'), Decimal('10300000'), Decimal('1.2'), Decimal('45000'))
    """
    raw = re.sub(r",[-–]+$", "", raw.strip())
    if re.fullmatch(r"\d{1,3}(?:[. \u00a0\u202f]\d{3})+(?:,\d+)?", raw):
        raw = re.sub(r"[. \u00a0\u202f]", "", raw)  # thousands separators
    elif re.fullmatch(r"\d+\.\d+", raw):
        pass  # "1.5 million": a decimal point
    raw = raw.replace(",", ".")
    try:
        return Decimal(raw)
    except InvalidOperation:
        return None


def normalize(raw: str) -> str | None:
    """Return `EUR <whole euros>` for an amount as written, or None when it is not one.

    >>> normalize("€ 1,2 miljoen"), normalize("EUR 45.000,-"), normalize("1,5 mln euro")
    ('EUR 1200000', 'EUR 45000', 'EUR 1500000')
    >>> normalize("€ 88.230,50"), normalize("20 184 288,81 EUR"), normalize("€750.000")
    ('EUR 88230', 'EUR 20184288', 'EUR 750000')
    """
    match = AMOUNT.fullmatch(raw.strip())
    if not match:
        return None
    number = parse_number(match.group("num1") or match.group("num2"))
    if number is None:
        return None
    multiplier = (match.group("mult1") or match.group("mult2") or "").lower().rstrip(".")
    euros = int(number * FACTORS.get(multiplier, 1))  # int() truncates: cents are dropped, not rounded
    return f"EUR {euros}"


#: what joins the two ends of a range whose multiplier is written once: "€ 100 en € 150 mln."
RANGE_JOIN = re.compile(r"\s*(?:en|tot|à|-|–|of)\s*", re.IGNORECASE)


def find(doc: Doc) -> Iterator[Hit]:
    """Yield every euro amount in the text; "€ 100 en € 150 mln." gives 100 and 150 million."""
    text = text_of(doc)
    matches = list(AMOUNT.finditer(text))
    for i, match in enumerate(matches):
        start, end = match.span()
        written = match.group()
        stripped = written.rstrip()
        end -= len(written) - len(stripped)
        value = normalize(stripped)
        if not value:
            continue
        later = matches[i + 1] if i + 1 < len(matches) else None
        multiplier = later and (later.group("mult1") or later.group("mult2"))
        if (later and multiplier and not (match.group("mult1") or match.group("mult2"))
                and RANGE_JOIN.fullmatch(text, end, later.start())):
            value = normalize(f"{stripped} {multiplier}") or value
        yield Hit(start, end, value)
