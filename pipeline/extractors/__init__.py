"""The extractors: one module per mention kind, each with `find(doc)` and `VERSION`.

The registry below is the whole list, in the order they run.
"""

import functools
from pathlib import Path
from types import ModuleType

from spacy.language import Language

from pipeline.extractors import (amount, care_type, case_number, cpv, date, ecli, iban, kvk, municipality,
                                 organization, person, procedure, tender_ref, vat)
from pipeline.extractors.entities import add_entity_ruler
from pipeline.extractors.hit import Hit

EXTRACTORS: dict[str, ModuleType] = {
    "date": date,
    "tender_ref": tender_ref,
    "ecli": ecli,
    "case_number": case_number,
    "organization": organization,
    "person": person,
    "municipality": municipality,
    "procedure": procedure,
    "care_type": care_type,
    "amount": amount,
    "kvk": kvk,
    "vat": vat,
    "iban": iban,
    "cpv": cpv,
}



#: the statistical NER model trained by `inkoopradar train-ner`, shipped inside the package
MODEL_DIR = Path(__file__).resolve().parent.parent / "model" / "ner"


@functools.cache
def load_ner_model() -> Language | None:
    """Return the shipped NER model, or None when the package has none."""
    import spacy

    return spacy.load(MODEL_DIR) if (MODEL_DIR / "meta.json").exists() else None


@functools.cache
def build_pipeline() -> Language:
    """Return the spaCy pipeline every extractor reads: tokenizer, sentences, organisation and person ruler."""
    from pipeline.language import new_nlp

    return add_entity_ruler(new_nlp())


__all__ = ["EXTRACTORS", "Hit", "build_pipeline"]
