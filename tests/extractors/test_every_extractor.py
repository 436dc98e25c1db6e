"""Properties every extractor keeps, whatever the text: no exception, valid offsets, stable values."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.extractors import EXTRACTORS, build_pipeline

WORDS = ["Heerlen", "gemeente", "Stichting", "B.V.", "€", "1,2", "miljoen", "13", "maart", "2020", "tendernummer",
         "142669", "ECLI:NL:RBLIM:2022:7530", "C/03/249563", "mr.", "J.", "van", "Dijk", "(VNG)", "pleegzorg",
         "open", "house", "\n", ",", ".", "Den", "Haag", "'s-Hertogenbosch", "KvK", "12345678"]
TEXTS = st.lists(st.sampled_from(WORDS), max_size=40).map(" ".join) | st.text(max_size=300)


@pytest.mark.parametrize("kind", list(EXTRACTORS))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXTS)
def test_any_text_gives_valid_offsets_and_values(kind: str, text: str) -> None:
    module = EXTRACTORS[kind]
    for hit in module.find(build_pipeline()(text)):
        assert 0 <= hit.start < hit.end <= len(text)
        assert hit.value and hit.value == hit.value.strip()


@pytest.mark.parametrize("kind", [k for k, m in EXTRACTORS.items() if hasattr(m, "normalize")])
@settings(max_examples=60, deadline=None)
@given(text=TEXTS)
def test_normalizers_are_idempotent_on_their_own_output(kind: str, text: str) -> None:
    module = EXTRACTORS[kind]
    for hit in module.find(build_pipeline()(text)):
        if kind in {"organization", "person", "case_number", "ecli"}:
            assert module.normalize(hit.value) == hit.value
