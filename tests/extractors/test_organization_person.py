"""Organisations and persons from the entity ruler: names as written, legal forms and titles dropped."""

from __future__ import annotations

import pytest

from pipeline.extractors import organization, person
from tests.extractors.conftest import surfaces, values


@pytest.mark.parametrize("text, expected", [
    ("De opdracht ging naar Combinatie Koraal.", ["Combinatie Koraal"]),
    ("Eiseres is GiB LIMBURG B.V., gevestigd te Heerlen.", ["GiB LIMBURG"]),
    ("de stichting STICHTING BIBI HUIS 1 en STICHTING BIBI HUIS 2", ["STICHTING BIBI HUIS 1", "STICHTING BIBI HUIS 2"]),
    ("Uitspraak van de Rechtbank Limburg in kort geding.", ["Rechtbank Limburg"]),
    ("het ministerie van Volksgezondheid, Welzijn en Sport", ["ministerie van Volksgezondheid, Welzijn en Sport"]),
    ("Pluryn, Levvel en Altra schreven in.", ["Pluryn", "Levvel", "Altra"]),
    ("In de Bilt is het de PvdA-fractie die bezwaar maakt.", ["PvdA"]),
    ("Stichting Jeugdformaat en Axxicom Thuishulp BV", ["Stichting Jeugdformaat", "Axxicom Thuishulp"]),
    # local parties and factions: the place in a party's name is part of it
    ("Voor stemden: Stadspartij Den Helder en Leefbaar Rotterdam.", ["Stadspartij Den Helder", "Leefbaar Rotterdam"]),
    ("de fractie PvdA en Fractie Vermooten", ["PvdA", "Vermooten"]),
    ("Het museum, Rob Scholtemuseum, opent; de Leo Kannerhuis locatie ook.", ["Leo Kannerhuis"]),
    ("Aanpassingen door de aanbieder 13 3.2 Aanpassen", []),
    ("bij de Gemeenschappelijke Regeling (GR) Cocensus", []),
    ("Centraal Bureau voor de\nStatistiek (CBS) meldt", ["Centraal Bureau voor de Statistiek", "CBS"]),
])
def test_organisations_are_found_without_legal_form(text: str, expected: list[str]) -> None:
    assert values(organization, text) == expected


def test_an_introduced_abbreviation_gets_the_full_name() -> None:
    text = "De Vereniging van Nederlandse Gemeenten (VNG) adviseert. De VNG wil meer."
    assert set(values(organization, text)) == {"Vereniging van Nederlandse Gemeenten"}


@pytest.mark.parametrize("text", ["de aanbieders en de gemeente", "Het is zorgaanbieders niet gelukt.",
                                  "www.Negometrix.nl"])
def test_generic_references_are_not_organisations(text: str) -> None:
    assert values(organization, text) == []


@pytest.mark.parametrize("text, expected", [
    ("mr. M.C.G. Nijssen, voorzieningenrechter", ["M.C.G. Nijssen"]),
    ("getekend J.Th.C.M. Verheijen en C. van Basten-Boddin", ["J.Th.C.M. Verheijen", "C. van Basten-Boddin"]),
    ("zegt wethouder Chantal Broekhuis (CDA)", ["Chantal Broekhuis"]),
    ("Staatssecretaris van Rijn schreef de Kamer.", ["van Rijn"]),
    ("raadslid Krischan Hagedoorn en Ellen van der Vorst", ["Krischan Hagedoorn", "Ellen van der Vorst"]),
    ("W.M. Ritsema van Eck", ["W.M. Ritsema van Eck"]),
    ("aldus de commissaris van de Koning Bovens.", ["Bovens"]),  # a title of several words
    ("mevrouw Van Dooren-Lansdorp vertrekt; mevrouw P.M. van Dooren-Lansdorp nam afscheid.",
     ["P.M. van Dooren-Lansdorp", "P.M. van Dooren-Lansdorp"]),  # the surname alone takes the fuller name
    ("wethouder Gerrit Nijhuis en Jan Oosterhuis", ["Gerrit Nijhuis", "Jan Oosterhuis"]),  # -huis surnames stay
    ("Europarlementariër Sophie in 't Veld", ["Sophie in 't Veld"]),
    ("Contactpersoon: A. te Wierik", ["A. te Wierik"]),
    ("staatssecretaris Van Ark en minister Van Engelshoven", ["Van Ark", "Van Engelshoven"]),
])
def test_persons_are_found_without_titles(text: str, expected: list[str]) -> None:
    assert values(person, text) == expected


def test_a_title_is_not_part_of_the_mention_text() -> None:
    assert surfaces(person, "zegt wethouder Chantal Broekhuis.") == ["Chantal Broekhuis"]


def test_a_surname_alone_takes_the_fullest_name() -> None:
    assert values(person, "Wethouder Maarten van Ooijen opende. Later zei Van Ooijen niets; van Ooijen zweeg.") \
        .count("Maarten van Ooijen") >= 2


@pytest.mark.parametrize("text", [
    "het Rob Scholtemuseum en het Corona Overbruggingskrediet",  # things, not persons
    "minister van Begroting en schepen van Mobiliteit",  # portfolios
    "een reis naar San Marino en Costa Rica; de film Star Wars",  # places and titles, not first names
    "de Irene Brigade en het Frans Heesenstadion",
    "Luc Nilis in de Engelse competitie; president Clinton aan Colombia",  # a place after the name
    "Nieuwbouw bij Willem Alexanderhof te Julianadorp.",
    "Aan de voorzitter van de Tweede Kamer; de Directeur van Uw Kabinet",
    "minister van Volksgezondheid besloot",
    "Adres: Burgemeester van der Dussenplein 1",
    "P. Trip te Heerenveen",
])
def test_ministries_streets_and_seats_are_not_names(text: str) -> None:
    assert all("Volksgezondheid" not in v and "plein" not in v and "Heerenveen" not in v
               for v in values(person, text))


@pytest.mark.parametrize("text, expected", [
    ("Samen met het maatschappelijk platform Voerendaal (MPV) en later het MPV.", {"maatschappelijk platform Voerendaal"}),
    ("de Raad voor Strafrechttoepassing en Jeugdbescherming (RSJ) adviseert", {"Raad voor Strafrechttoepassing en Jeugdbescherming"}),
    ("de Wet verplichte GGZ (WvGGZ) en de Lokaal educatieve agenda (LEA)", set()),
    ("ROC van Twente en Saxion Hogeschool leiden op.", {"ROC van Twente", "Saxion Hogeschool"}),
])
def test_bodies_defined_with_an_abbreviation_or_named_by_their_kind(text: str, expected: set[str]) -> None:
    assert set(values(organization, text)) == expected


def test_a_descriptor_before_a_name_is_not_part_of_it() -> None:
    text = "De opdracht ging naar zorgaanbieder Youké en Adviesbureau Significant; Omroep Brabant meldde het."
    assert values(organization, text) == ["Youké", "Significant", "Omroep Brabant"]
    assert surfaces(organization, text)[:2] == ["Youké", "Significant"]
