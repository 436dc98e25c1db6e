"""The extractors: one module per mention kind, each with `find(doc)` and `VERSION`.

The registry below is the whole list, in the order they run.
"""

from types import ModuleType

from pipeline.extractors import (amount, care_type, case_number, cpv, date, ecli, iban, kvk, municipality,
                                 procedure, tender_ref, vat)
from pipeline.extractors.hit import Hit

EXTRACTORS: dict[str, ModuleType] = {
    "date": date,
    "tender_ref": tender_ref,
    "ecli": ecli,
    "case_number": case_number,
    "municipality": municipality,
    "procedure": procedure,
    "care_type": care_type,
    "amount": amount,
    "kvk": kvk,
    "vat": vat,
    "iban": iban,
    "cpv": cpv,
}

__all__ = ["EXTRACTORS", "Hit"]
