"""Procurement procedures from the guideline's vocabulary, synonyms in data/procedures.csv.

>>> from pipeline.extractors import build_pipeline
>>> sorted({h.value for h in find(build_pipeline()("Een niet-openbare procedure, geen openbare procedure."))})
['niet-openbare procedure', 'openbare procedure']
"""

from collections.abc import Iterator

from spacy.tokens import Doc

from pipeline.extractors.hit import Hit
from pipeline.extractors.vocabulary import find_terms

VERSION = 1


def find(doc: Doc) -> Iterator[Hit]:
    """Yield each procurement procedure the text names, as its vocabulary value."""
    return find_terms(doc, "procedures.csv")
