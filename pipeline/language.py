"""Language of a text (langdetect, seeded) and the spaCy pipeline, built once per process."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import spacy
from spacy.language import Language

#: langdetect reads this many characters; more costs time and does not change the answer
SAMPLE_CHARS = 20_000
#: spaCy refuses longer texts by default; tokenizing is linear, the default guards parsers we do not run
MAX_TEXT_CHARS = 20_000_000


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    """A language guess: ISO 639-1 code and langdetect's probability for it."""

    code: str | None
    prob: float | None


@functools.cache
def _factory():
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.seed = 0  # langdetect samples randomly: a fixed seed gives the same answer every run
    return factory


def detect_language(text: str) -> LanguageGuess:
    """Return the main language of a text; code None when it has no letters to go on."""
    from langdetect.lang_detect_exception import LangDetectException

    detector = _factory().create()
    detector.append(text[:SAMPLE_CHARS])
    try:
        best = detector.get_probabilities()[0]
    except (LangDetectException, IndexError):
        return LanguageGuess(None, None)
    return LanguageGuess(best.lang, round(best.prob, 4))


def new_nlp() -> Language:
    """Return a new base pipeline: blank Dutch tokenizer plus rule-based sentence boundaries."""
    nlp = spacy.blank("nl")
    nlp.add_pipe("sentencizer")
    nlp.max_length = MAX_TEXT_CHARS
    return nlp
