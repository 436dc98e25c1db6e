"""Inkoopradar: Dutch public-procurement texts into SQLite, published with Datasette.

Data flows one way: sources (files -> bytes) -> text (bytes -> text, per media type)
-> language (langdetect, spaCy) -> extractors (one module per kind) -> records
(Document, Mention with verified offsets) -> store (SQLite, each document written whole,
committed in batches of about a second).
`run.ingest` is the entry point; `cli` wraps it as the `inkoopradar` command.

The public names below are imported on first use, so `inkoopradar --help` does not load spaCy.
"""

from importlib import import_module
from typing import Any

__all__ = ["BadInput", "Document", "Mention", "Options", "Problem", "ingest"]

_HOMES = {"BadInput": "pipeline.errors", "Document": "pipeline.records", "Mention": "pipeline.records",
          "Problem": "pipeline.records", "Options": "pipeline.run", "ingest": "pipeline.run"}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(import_module(_HOMES[name]), name)
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")
