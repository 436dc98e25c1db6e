"""Calendar dates in Dutch text, normalised with their granularity (guideline, kind `date`).

- day, month and year: `YYYY-MM-DD` ("vrijdag 13 maart 2020", "13-03-2020", "13.03.2020")
- month and year: `YYYY-MM` ("maart 2018", "eind oktober 2020", "medio juni 2019")
- day and month with no year in the sentence or its heading: `--MM-DD` ("maandag 10 april")

Numeric dates are read day-first, as Dutch writes them. Year-only phrases, seasons,
quarters and relative words are never dates. Month and weekday names come from
dateparser's CLDR data for Dutch, so this module holds only the patterns.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator

from spacy.tokens import Doc

from pipeline.extractors.hit import Hit, text_of

VERSION = 1

MONTH_KEYS = ["january", "february", "march", "april", "may", "june", "july", "august",
              "september", "october", "november", "december"]
WEEKDAY_KEYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
#: spellings seen in Dutch texts that CLDR does not list
EXTRA_MONTHS = {"sept": 9, "okt": 10, "febr": 2, "aug": 8}
SPACE = r"[ \t\u00a0]+"
YEAR = r"(?:19|20)\d{2}"
#: "begin", "eind", "medio" narrow a month but keep its granularity ("eind oktober 2020" -> 2020-10)
MODIFIER = r"(?:begin|eind|einde|medio|midden|half|halverwege|uiterlijk|vanaf|per|sinds)"
#: joins two dates of a range or list: "15 en 24 november", "eind november / begin december 2017"
JOINER = r"\s*(?:,|en|of|/|-|–|t/m|tot en met|tot|à)\s*"


@functools.cache
def month_names() -> dict[str, int]:
    """Return every Dutch month spelling (lower case) mapped to its number."""
    from dateparser.languages.loader import default_loader

    info = default_loader.get_locale("nl").info
    names = {name.lower(): number for number, key in enumerate(MONTH_KEYS, 1) for name in info[key]}
    names.update(EXTRA_MONTHS)
    return names


@functools.cache
def weekday_names() -> list[str]:
    """Return the full Dutch weekday names (the abbreviations "ma", "di" are too ambiguous)."""
    from dateparser.languages.loader import default_loader

    info = default_loader.get_locale("nl").info
    return [name for key in WEEKDAY_KEYS for name in info[key] if len(name) > 3]


@functools.cache
def patterns() -> dict[str, re.Pattern[str]]:
    """Return the compiled patterns, built once from the month and weekday names."""
    months = "|".join(sorted(map(re.escape, month_names()), key=len, reverse=True))
    month = rf"(?:{months})\b\.?"
    weekday = "|".join(weekday_names())
    day = r"(?:[0-3]?\d)(?:e|ste|de)?"
    return {
        # one or more days sharing a month: "vrijdag 13 maart 2020", "15 en 24 november 2017"
        "DAY_MONTH": re.compile(
            # not glued to what comes before: "COVID-19, 21 april 2020", "v1.2 April 2020"
            rf"\b(?<![\w.-])(?:(?:{weekday}),?{SPACE})?(?P<days>{day}(?:{JOINER}{day})*){SPACE}(?P<month>{month})"
            rf"(?:{SPACE}(?P<year>{YEAR})\b|{SPACE}['’](?P<yy>\d{{2}})\b|(?P<coming>{SPACE}a\.s\.|{SPACE}j\.l\.|{SPACE}jl\.))?",
            re.IGNORECASE),
        # months sharing a year: "maart 2018", "eind november / begin december 2017", "oktober tot december 2020"
        "MONTH_YEAR": re.compile(
            rf"\b(?:{MODIFIER}{SPACE})?(?P<months>{month}(?:{JOINER}(?:{MODIFIER}{SPACE})?{month})*)"
            rf"{SPACE}(?:(?P<year>{YEAR})|['’](?P<yy>\d{{2}}))\b",
            re.IGNORECASE),
        # day-first numeric: 13-03-2020, 13.03.2020, 13/3/2020, 10-7-2025
        # table cells glued by PDF or HTML extraction ("01-01-201501-01-2016") still part at the year
        "NUMERIC": re.compile(rf"(?:(?<![\d./-])|(?<=[-./]\d{{4}}))(?P<day>[0-3]?\d)(?P<sep>[-./])(?P<month>[01]?\d)"
                              rf"(?P=sep)(?P<year>{YEAR})(?:(?!\d)|(?=\d{{2}}[-./]\d{{2}}[-./]\d{{4}}))"),
        # ISO 8601: 2020-03-13
        "ISO": re.compile(rf"(?<![\d-])(?P<year>{YEAR})-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?![\d])"),
        # compact dates in notices, after their label: "Publicatiedatum: 20220427"
        "COMPACT": re.compile(rf"(?:datum|date)\b[^\n\d]{{0,40}}?(?<!\d)(?P<year>{YEAR})(?P<month>[01]\d)"
                              rf"(?P<day>[0-3]\d)(?!\d)", re.IGNORECASE),
        # page metadata: "date 2022-10", "datum: 2022-10"
        "ISO_MONTH": re.compile(rf"\b(?:date|datum|published|gepubliceerd|bijgewerkt)\s*:?\s*"
                                rf"(?P<year>{YEAR})-(?P<month>[01]\d)(?![\d-])", re.IGNORECASE),
    }


MONTH_TOKEN = re.compile(r"[a-z]+", re.IGNORECASE)
DAY_NUMBER = re.compile(r"\d{1,2}")
YEAR_ANYWHERE = re.compile(rf"(?<!\d)({YEAR})(?!\d)")
HEADING_MAX = 120


def format_date(year: int | None, month: int, day: int | None = None) -> str | None:
    """Return the guideline value for a date, or None when no such day exists.

    >>> format_date(2020, 3, 13)
    '2020-03-13'
    >>> format_date(2020, 10)
    '2020-10'
    >>> format_date(None, 4, 10)
    '--04-10'
    >>> format_date(2021, 2, 30) is None
    True
    """
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}" if year else None
    try:
        dt.date(year or 2000, month, day)  # 2000 is a leap year: 29 februari without a year is valid
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"


def _year_of(match: re.Match[str]) -> int | None:
    """Return the year a match states: four digits, or two after an apostrophe ("maart '19" -> 2019)."""
    if match.group("year"):
        return int(match.group("year"))
    if match.group("yy"):
        short = int(match.group("yy"))
        return 2000 + short if short < 70 else 1900 + short
    return None


def _month_number(word: str) -> int | None:
    return month_names().get(word.lower().rstrip("."))


def _context_year(doc: Doc, start: int, end: int) -> int | None:
    """Return the year the sentence around [start, end) states, else the one its heading states."""
    text = text_of(doc)
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is not None:
        sentence = span.sent
        years = {int(y) for y in YEAR_ANYWHERE.findall(sentence.text)}
        if len(years) == 1:
            return years.pop()
    # the heading: the nearest short line above without a closing full stop
    line_start = text.rfind("\n", 0, start) + 1
    while line_start > 0:
        prev_end = line_start - 1
        prev_start = text.rfind("\n", 0, prev_end) + 1
        line = text[prev_start:prev_end].strip()
        line_start = prev_start
        if not line:
            continue
        if len(line) <= HEADING_MAX and not line.endswith((".", ";", ",")):
            years = {int(y) for y in YEAR_ANYWHERE.findall(line)}
            return years.pop() if len(years) == 1 else None
        break
    return None


def _day_month_hits(doc: Doc, match: re.Match[str]) -> Iterator[Hit]:
    month = _month_number(match.group("month"))
    if month is None:
        return
    year = _year_of(match)
    if year is None:
        year = _context_year(doc, match.start(), match.end())
    days = list(DAY_NUMBER.finditer(match.group("days")))
    offset = match.start("days")
    for i, day_match in enumerate(days):
        value = format_date(year, month, int(day_match.group()))
        if value is None:
            continue
        # the last day spans to the end of the expression; earlier days span their own number
        start = offset + day_match.start() if i else match.start()
        end = match.end() if i == len(days) - 1 else offset + day_match.end()
        yield Hit(start, end, value)


def _month_year_hits(match: re.Match[str]) -> Iterator[Hit]:
    year = _year_of(match)
    months = [(w, _month_number(w.group())) for w in MONTH_TOKEN.finditer(match.group("months"))]
    words = [(w, month) for w, month in months if month]
    offset = match.start("months")
    for i, (word, month) in enumerate(words):
        value = format_date(year, month)
        if value is None:
            continue
        start = match.start() if i == 0 else offset + word.start()
        end = match.end() if i == len(words) - 1 else offset + word.end()
        yield Hit(start, end, value)


def find(doc: Doc) -> Iterator[Hit]:
    """Yield every date the text states, longest expressions first, never two on one span."""
    text = text_of(doc)
    found: list[Hit] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    p = patterns()
    for match in p["DAY_MONTH"].finditer(text):
        found += _day_month_hits(doc, match)
        taken.append(match.span())  # an impossible day ("31 februari 2021") claims its span all the same
    for match in p["MONTH_YEAR"].finditer(text):
        if free(*match.span("months")):
            hits = list(_month_year_hits(match))
            found += hits
            taken.append(match.span())
    for name in ("NUMERIC", "ISO", "COMPACT"):
        for match in p[name].finditer(text):
            value = format_date(int(match.group("year")), int(match.group("month")), int(match.group("day")))
            # a compact date's label is context, not part of the date
            start, end = (match.start("year"), match.end("day")) if name == "COMPACT" else match.span()
            if value and free(start, end):
                found.append(Hit(start, end, value))
                taken.append((start, end))
    for match in p["ISO_MONTH"].finditer(text):
        value = format_date(int(match.group("year")), int(match.group("month")))
        if value and free(*match.span()):
            found.append(Hit(match.start(), match.end(), value))
    yield from sorted(found, key=lambda h: (h.start, h.end))
