"""Language of a text (langdetect, seeded) and the spaCy pipeline, built once per process."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import spacy
from spacy.language import Language

#: langdetect reads windows of this many characters from the start, middle and end of a text: its cost
#: grows with the length it reads, and captured pages often open with an English cookie banner
SAMPLE_CHARS = 400
#: langdetect's random trials per text (its default is 7); each costs up to a thousand updates
TRIALS = 4
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


def sample(text: str, width: int = SAMPLE_CHARS) -> str:
    """Return the start, middle and end of a long text (all of a short one), joined by spaces.

    >>> sample("abcdefghij", 2)
    'ab ef ij'
    """
    if len(text) <= 3 * width:
        return text
    middle = (len(text) - width) // 2
    return " ".join((text[:width], text[middle:middle + width], text[-width:]))


def detect_language(text: str) -> LanguageGuess:
    """Return the main language of a text; code None when it has no letters to go on."""
    from langdetect.lang_detect_exception import LangDetectException

    detector = _factory().create()
    detector.n_trial = TRIALS
    detector.append(sample(text))
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
