"""The extractors: one module per mention kind, each with `find(doc)` and `VERSION`.

The registry below is the whole list, in the order they run.
"""

from types import ModuleType

from pipeline.extractors import date, ecli, municipality, tender_ref
from pipeline.extractors.hit import Hit

EXTRACTORS: dict[str, ModuleType] = {
    "date": date,
    "tender_ref": tender_ref,
    "ecli": ecli,
    "municipality": municipality,
}

__all__ = ["EXTRACTORS", "Hit"]
