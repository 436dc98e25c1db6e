"""Tender numbers as platform:id."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extractors import tender_ref
from pipeline.extractors import build_pipeline
from tests.extractors.conftest import surfaces, values


@pytest.mark.parametrize("text, expected", [
    ("Zie de voorpublicatie op www.Negometrix.nl met tendernummer 142669.", ["negometrix:142669"]),
    ("https://platform.negometrix.com/PublishedTenders.aspx?tenderid=176724", ["negometrix:176724"]),
    ("TenderNed-kenmerk: 276396", ["tenderned:276396"]),
    ("tenderned kenmerk 68016", ["tenderned:68016"]),
    ("Aanbesteding Jeugd (TN469379) en Wmo (TN 169744).", ["tenderned:469379", "tenderned:169744"]),
    ("Aankondiging 2019/S 049-112233 in het Publicatieblad.", ["ted:2019/S 049-112233"]),
    ("TED 2018/S 38-083743", ["ted:2018/S 038-083743"]),
    ("gepubliceerd op TenderNed (345678) en Negometrix (142669)", ["tenderned:345678", "negometrix:142669"]),
    ("zie https://www.tenderned.nl/aankondigingen/overzicht/298765", ["tenderned:298765"]),
])
def test_tender_numbers_are_normalised_to_platform_and_id(text: str, expected: list[str]) -> None:
    assert values(tender_ref, text) == expected


@pytest.mark.parametrize("text", [
    "De aanbesteding is gepubliceerd op TenderNed.",
    "Raadsvoorstel 21.0419 over de inkoop.",
    "Het tn-nummer was onbekend: tn 123456 is geen kenmerk.",
])
def test_a_platform_merely_named_or_other_numbers_are_not_tender_numbers(text: str) -> None:
    assert values(tender_ref, text) == []


def test_the_cue_word_is_part_of_the_mention() -> None:
    assert surfaces(tender_ref, "met tendernummer 142669.") == ["tendernummer 142669"]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_text_gives_valid_offsets(text: str) -> None:
    for hit in tender_ref.find(build_pipeline()(text)):
        assert 0 <= hit.start < hit.end <= len(text) and ":" in hit.value
