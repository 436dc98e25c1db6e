"""Dates, with the guideline's own examples."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extractors import date
from pipeline.extractors import build_pipeline
from tests.extractors.conftest import surfaces, values


@pytest.mark.parametrize("text, expected", [
    ("De selectieleidraad is op vrijdag 13 maart 2020 gepubliceerd.", ["2020-03-13"]),
    ("Ingediend op 13-03-2020.", ["2020-03-13"]),
    ("Ingediend op 13.03.2020.", ["2020-03-13"]),
    ("Besluit d.d. 10-7-2025.", ["2025-07-10"]),
    ("De overeenkomst loopt per 1 januari 2022.", ["2022-01-01"]),
    ("Marktconsultaties in maart 2018.", ["2018-03"]),
    ("De dialoogrondes vinden eind oktober 2020 plaats.", ["2020-10"]),
    ("De gunning is medio juni 2019.", ["2019-06"]),
    ("van eind oktober 2020 tot en met januari 2021", ["2020-10", "2021-01"]),
    ("Op 15 en 24 november 2017 waren er bijeenkomsten.", ["2017-11-15", "2017-11-24"]),
    ("eind november / begin december 2017 besluiten de colleges", ["2017-11", "2017-12"]),
    ("Uitspraak van 2020-03-13 in kort geding.", ["2020-03-13"]),
    ("date 2022-10 Gemeenten werken samen.", ["2022-10"]),
    ("Op 2\u00a0juli 2018 is de opdracht gegund.", ["2018-07-02"]),
    ("Gegund op 13 maart '19, gestart in juni ’20.", ["2019-03-13", "2020-06"]),
    # a number glued to a word or version is no day: not 19 April from "COVID-19", not 2 April from "v1.2"
    ("de uitbraak van COVID-19, 21 april 2020, paragraaf 31", ["2020-04-21"]),
    ("Cryptography Specification, v1.2 April 2020", ["2020-04"]),
])
def test_dates_are_normalised_with_their_granularity(text: str, expected: list[str]) -> None:
    assert values(date, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Op maandag 10 april is er een informatiebijeenkomst.", ["--04-10"]),
    ("Wij ontvangen uw vragen graag voor 1 juli van dit jaar.", ["--07-01"]),
    # the sentence gives the year
    ("In 2017 was er op 31 mei een schriftelijke marktconsultatie.", ["2017-05-31"]),
])
def test_day_and_month_take_the_year_of_their_sentence_only(text: str, expected: list[str]) -> None:
    assert values(date, text) == expected


def test_day_and_month_take_the_year_of_their_heading() -> None:
    text = "Schriftelijke marktconsultatie (31 mei 2017)\n\nOp 31 mei zijn de vragen beantwoord."
    assert values(date, text) == ["2017-05-31", "2017-05-31"]


@pytest.mark.parametrize("text", [
    "In 2019 zijn we gestart met de pilot.",
    "Het plan wordt naar verwachting eind 2020 vastgesteld.",
    "De pilot loopt nu drie jaar, tot volgend jaar.",
    "Op maandag besluit het college.",
    "In december wordt de opdracht gegund.",
    "Het voorjaar 2021 en Q3 2019 vallen buiten de planning.",
    "Artikel 13-03 lid 2020",
    "Op 31 februari 2021 gebeurde niets.",
    "kenmerk 2021-12-WB",
])
def test_no_date_without_a_day_or_month_that_exists(text: str) -> None:
    assert values(date, text) == []


def test_the_whole_expression_is_the_mention_text() -> None:
    assert surfaces(date, "Op vrijdag 13 maart 2020 en eind oktober 2020.") == ["vrijdag 13 maart 2020",
                                                                                "eind oktober 2020"]


@pytest.mark.parametrize("value", ["2020-03-13", "2020-10", "--04-10"])
def test_format_date_output_is_a_fixed_point_of_the_patterns(value: str) -> None:
    # a normalised value, written back into text, is read as itself
    text = {"2020-03-13": "13 maart 2020", "2020-10": "oktober 2020", "--04-10": "10 april"}[value]
    assert values(date, f"Gepland op {text}.") == [value]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["maart", "mei", "eind", "2020", "13", "a.s.", "-", "/", ".", "en", "\n",
                                  "vrijdag", "0", "31", "12-03-2021", "2021-12"]), max_size=30).map(" ".join)
       | st.text(max_size=200))
def test_any_text_gives_valid_offsets_and_values(text: str) -> None:
    doc = build_pipeline()(text)
    for hit in date.find(doc):
        assert 0 <= hit.start < hit.end <= len(text)
        assert hit.value[:2] == "--" or hit.value[:4].isdigit()
