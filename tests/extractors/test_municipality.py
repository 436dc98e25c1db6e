"""Municipalities: official names, CBS codes, homonyms, adjectives, regions (guideline and its decisions)."""

from __future__ import annotations

import pytest

from pipeline.extractors import build_pipeline, municipality
from tests.extractors.conftest import values


@pytest.mark.parametrize("text, expected", [
    ("De gemeenten Landgraaf, Heerlen en Voerendaal kopen samen in.", ["Landgraaf", "Heerlen", "Voerendaal"]),
    ("De gemeente Den Haag en Den Bosch.", ["'s-Gravenhage", "'s-Hertogenbosch"]),
    ("Utrecht, de Ronde Venen, Montfoort en de Bilt.", ["Utrecht", "De Ronde Venen", "Montfoort", "De Bilt"]),
    ("De Rotterdamse wethouder en het Haagse college.", ["Rotterdam", "'s-Gravenhage"]),
    ("GEMEENTE BEEK, GEMEENTE GOOISE MEREN", ["Beek", "Gooise Meren"]),
    ("Sittard-Geleen en Súdwest Fryslân", ["Sittard-Geleen", "Súdwest-Fryslân"]),
    ("De Lekstroomgemeenten (Houten, Lopik, Nieuwegein, IJsselstein en Vianen).",
     ["Houten", "Lopik", "Nieuwegein", "IJsselstein", "Vianen"]),
    ("In de gemeente Best en in Sluis.", ["Best", "Sluis"]),
    ("De burgemeester van Heusden zei het.", ["Heusden"]),  # a title before: the mayor of the place
    ("De gemeente Ten Boer ging op in Groningen.", ["Ten Boer", "Groningen"]),  # "Ten" of the name itself
])
def test_municipalities_get_their_official_name(text: str, expected: list[str]) -> None:
    assert values(municipality, text) == expected


@pytest.mark.parametrize("text", [
    "Best is het om vroeg te beginnen.",          # the Dutch word, sentence-initial
    "De Zuid-Limburgse gemeenten werken samen.",  # a region's adjective
    "In de regio Amersfoort wordt ingekocht.",     # a region
    "De Leidse regio koopt in.",
    "Zetelend te Nuth en gevestigd te Bussum.",    # seats: towns, not the old municipalities
    "De provincie Utrecht en de provincie Groningen.",
    "Sittard is een stad.",                        # a town inside Sittard-Geleen
    "zegt René van der Vlist; later wil Van der Vlist toegeven.",  # a surname that is a place name
    "Oud-minister Luc Van den Bossche zei het.",   # "Bossche" is 's-Hertogenbosch's adjective, here a surname
])
def test_words_regions_and_towns_are_not_municipalities(text: str) -> None:
    assert values(municipality, text) == []


def test_a_place_inside_an_organisation_name_is_not_a_municipality() -> None:
    assert values(municipality, "De Rechtbank Limburg en Rechtbank Amsterdam oordelen.") == []


def test_a_mention_links_to_the_cbs_code_with_region_and_province() -> None:
    hit, = municipality.find(build_pipeline()("De gemeente Heerlen koopt in."))
    place = municipality.municipalities()[hit.entity]
    assert (hit.entity, place.jeugdregio, place.province) == ("GM0917", "Zuid-Limburg", "Limburg")


def test_a_dissolved_municipality_points_to_its_successor() -> None:
    hit, = municipality.find(build_pipeline()("In 2018 besloot de gemeente Onderbanken."))
    assert hit.value == "Onderbanken" and municipality.municipalities()[hit.entity].successor_name == "Beekdaelen"
