"""Records: the folded text the substring index holds."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from pipeline.records import fold


def folded_by_definition(text: str) -> str:
    """Decompose, drop every combining mark, case-fold: what fold must return, written the slow way."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


@given(st.text())
def test_fold_drops_every_accent_and_case_like_the_definition(text: str) -> None:
    assert fold(text) == folded_by_definition(text)


def test_search_words_match_with_or_without_accents() -> None:
    assert fold("Coöperatie Jeugdhulp Friesland U.A.") == fold("COOPERATIE jeugdhulp friesland u.a.")
    assert fold("Súdwest-Fryslân, Ḩ, ǅ") == "sudwest-fryslan, h, dz"
