"""ECLI numbers, upper-cased as the guideline says."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extractors import ecli
from pipeline.extractors import build_pipeline
from tests.extractors.conftest import values


@pytest.mark.parametrize("text, expected", [
    ("Uitspraak ECLI:NL:RBLIM:2022:7530, kort geding.", ["ECLI:NL:RBLIM:2022:7530"]),
    ("zie ecli:nl:rbmne:2016:4807 en ECLI:NL:HR:2019:1234.", ["ECLI:NL:RBMNE:2016:4807", "ECLI:NL:HR:2019:1234"]),
    ("ECLI:EU:C:2014:2235", ["ECLI:EU:C:2014:2235"]),
])
def test_eclis_are_found_and_upper_cased(text: str, expected: list[str]) -> None:
    assert values(ecli, text) == expected


def test_a_trailing_full_stop_is_not_part_of_the_ecli() -> None:
    assert values(ecli, "Zie ECLI:NL:RBLIM:2021:2419.") == ["ECLI:NL:RBLIM:2021:2419"]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_text_gives_valid_offsets_and_idempotent_values(text: str) -> None:
    for hit in ecli.find(build_pipeline()(text)):
        assert 0 <= hit.start < hit.end <= len(text)
        assert ecli.normalize(hit.value) == hit.value
