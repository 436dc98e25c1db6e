"""Procedures, care types, amounts, case numbers and registration numbers: the guideline's examples."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extractors import (amount, build_pipeline, care_type, case_number, cpv, iban, kvk, procedure, vat,
                                 vocabulary)
from tests.extractors.conftest import values


@pytest.mark.parametrize("text, expected", [
    ("De inkoopprocedure is een concurrentiegerichte dialoog.", {"concurrentiegerichte dialoog"}),
    ("Wij kiezen voor bestuurlijk contracteren via een open huis.", {"bestuurlijk aanbesteden", "open house"}),
    ("Het verlicht regime voor sociale en specifieke diensten", {"sociale en andere specifieke diensten"}),
    ("een niet-openbare procedure", {"niet-openbare procedure"}),
    ("een meervoudig onderhandse aanbesteding en een enkelvoudig onderhandse procedure",
     {"meervoudig onderhandse procedure", "enkelvoudig onderhandse procedure"}),
    ("De subsidieregeling en twee marktconsultaties", {"subsidie", "marktconsultatie"}),
    ("Dialooggerichte gunning", {"dialooggerichte aanbesteding"}),
])
def test_procedures_map_synonyms_to_the_vocabulary(text: str, expected: set[str]) -> None:
    assert set(values(procedure, text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("JeugdzorgPlus en jeugdhulp plus", {"gesloten jeugdhulp"}),
    ("gesloten en intensieve klinische jeugdhulp", {"gesloten jeugdhulp", "intensieve klinische jeugdhulp"}),
    ("zorg met verblijf in een leefgroep", {"residentiele jeugdhulp"}),
    ("JGGZ en Jeugd GGZ", {"jeugd-ggz"}),
    ("licht ambulant", {"ambulante jeugdhulp"}),
    ("kinderbescherming en jeugdreclassering", {"jeugdbescherming", "jeugdreclassering"}),
    ("zeer gespecialiseerde jeugdhulp en Essentiële functies", {"specialistische jeugdhulp"}),
    ("Hulp bij het huishouden en Beschermd wonen", {"hulp bij het huishouden", "beschermd wonen"}),
    ("plain GGZ voor volwassenen", set()),
])
def test_care_types_map_synonyms_to_the_vocabulary(text: str, expected: set[str]) -> None:
    assert set(values(care_type, text)) == expected


def test_care_words_inside_an_organisation_name_do_not_count() -> None:
    assert values(care_type, "Bureau Jeugdzorg Limburg meldt") == []


@pytest.mark.parametrize("text, expected", [
    ("een budget van € 1,2 miljoen", ["EUR 1200000"]),
    ("EUR 45.000,- per jaar", ["EUR 45000"]),
    ("ongeveer 1,5 mln euro", ["EUR 1500000"]),
    ("€ 88.230,50 inclusief btw", ["EUR 88230"]),
    ("10 300 000 EUR", ["EUR 10300000"]),
    ("€ 196.142,--", ["EUR 196142"]),
    ("een stijging van 12,5 % en 3 procent", []),
    ("kost 70.000 € per jaar", ["EUR 70000"]),
    # in a table row the sign belongs to the next number, not to the count before it
    ("Aantal 25 € 125.000 € 145.000 50 € 95.000", ["EUR 125000", "EUR 145000", "EUR 95000"]),
    ("in 2021 €10 mln. vanuit het Rijk", ["EUR 10000000"]),
    # a range writes its multiplier once
    ("tussen €100 en €150 mln. per jaar", ["EUR 100000000", "EUR 150000000"]),
    ("van € 1,5 tot € 2 miljoen", ["EUR 1500000", "EUR 2000000"]),
    ("€ 1.000,- of € 2.000,-", ["EUR 1000", "EUR 2000"]),
])
def test_amounts_are_whole_euros(text: str, expected: list[str]) -> None:
    assert values(amount, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("zaaknummer / rolnummer: C/03/249563 / KG ZA 18-276", ["C/03/249563 / KG ZA 18-276"]),
    ("C/16/420222 / KG ZA 16-584 en C/03/297106 / HA ZA 21-503",
     ["C/16/420222 / KG ZA 16-584", "C/03/297106 / HA ZA 21-503"]),
    ("zaaknummer 200.123.456/01", ["200.123.456/01"]),
    ("AWB 16/1234", ["AWB 16/1234"]),
])
def test_case_numbers_are_kept_as_written(text: str, expected: list[str]) -> None:
    assert values(case_number, text) == expected


def test_registration_numbers_are_validated() -> None:
    text = ("KvK-nummer 14631128, btw NL004495445B01 (niet NL004495446B01), "
            "IBAN NL91 ABNA 0417 1643 00 (niet NL91ABNA0417164301), CPV: 85311300-5")
    assert values(kvk, text) == ["14631128"]
    assert values(vat, text) == ["NL004495445B01"]
    assert values(iban, text) == ["NL91ABNA0417164300"]
    assert values(cpv, text) == ["85311300-5"]


@pytest.mark.parametrize("text, expected", [
    ("CPV 85311300-5 Welzijnszorg voor kinderen en jongeren", ["85311300-5"]),
    ("CPV-code 85312000 (zonder controlecijfer)", ["85312000-9"]),  # the value always has its check digit
    ("CPV: 45233141-9, 30197643-5; 79000000-4", ["45233141-9", "30197643-5", "79000000-4"]),
    ("CPV 85311300-4", []),  # a wrong check digit: a mistyped or made-up code
    ("CPV 12345678", []),  # no CPV division starts with 12
])
def test_cpv_codes_are_checked_and_get_their_check_digit(text: str, expected: list[str]) -> None:
    assert values(cpv, text) == expected


WORDS = ["licht ambulante jeugdhulp", "gesloten (residentiële) jeugdhulp", "jeugdzorg plus", "open house",
         "meervoudig onderhandse procedure", "Bureau Jeugdzorg Limburg", "residentiële jeugdhulp",
         "pleegzorg", "gesloten", "(residentiële)", "residentiële", "jeugdhulp", "jeugdzorg", "ambulante", "licht",
         "intensieve", "klinische", "behandeling", "JZ+", "plus", "openbare", "niet-openbare", "procedure", "Bureau",
         "Jeugdzorg", "Limburg", "verblijf", "crisis", "de", "en", ",", ".", "(", ")", "raad", "voor",
         "kinderbescherming", "onderhandse", "meervoudig", "open", "house", "huis"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=40))
def test_one_scan_finds_what_a_scan_per_value_finds(words: list[str]) -> None:
    doc = build_pipeline()(" ".join(words))
    text = doc.text
    org_spans = [(ent.start_char, ent.end_char) for ent in doc.ents if ent.label_ == "ORG"]
    for filename in ("care_types.csv", "procedures.csv"):
        expected = [(m.start(), m.end(), value) for value, pattern in vocabulary.patterns(filename).items()
                    for m in pattern.finditer(text)
                    if not any(s <= m.start() and m.end() <= e for s, e in org_spans)]
        assert [(h.start, h.end, h.value) for h in vocabulary.find_terms(doc, filename)] == expected
