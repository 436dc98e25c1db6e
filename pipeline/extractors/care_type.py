"""Youth and social care types from the guideline's vocabulary, synonyms in data/care_types.csv.

>>> from pipeline.extractors import build_pipeline
>>> sorted({h.value for h in find(build_pipeline()("Gesloten Jeugdzorg (JZ+), pleegzorg en Jeugdzorg+"))})
['gesloten jeugdhulp', 'pleegzorg']
"""

from collections.abc import Iterator

from spacy.tokens import Doc

from pipeline.extractors.hit import Hit
from pipeline.extractors.vocabulary import find_terms

VERSION = 1


def find(doc: Doc) -> Iterator[Hit]:
    """Yield each care type the text names, as its vocabulary value."""
    return find_terms(doc, "care_types.csv")
