"""Language detection: the right code, the same answer every time."""

from __future__ import annotations

import pytest

from pipeline.language import detect_language


@pytest.mark.parametrize("text, code", [
    ("De gemeenten Landgraaf, Heerlen en Voerendaal willen hun dienstverlening verbeteren door een "
     "gezamenlijke inkoop van ambulante jeugdhulp.", "nl"),
    ("Die Vergabe von Leistungen der Kinder- und Jugendhilfe ist ein Thema des Vergaberechts.", "de"),
    ("The Ministry of Health, Welfare and Sport published a tender for youth care services.", "en"),
])
def test_the_main_language_is_detected(text: str, code: str) -> None:
    assert detect_language(text).code == code


def test_detection_is_deterministic_on_mixed_text() -> None:
    text = "Jeugdhulp Zuid-Limburg. The tender. Die Ausschreibung. " * 3
    assert len({detect_language(text) for _ in range(5)}) == 1


def test_text_without_letters_has_no_language() -> None:
    guess = detect_language("12-03-2020 / 142669 / € 45.000")
    assert guess.code is None and guess.prob is None
