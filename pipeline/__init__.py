"""Inkoopradar: Dutch public-procurement texts into SQLite, published with Datasette.

Data flows one way: sources (files -> bytes) -> text (bytes -> text, per media type)
-> language (langdetect, spaCy) -> extractors (one module per kind) -> records
(Document, Mention with verified offsets) -> store (SQLite, one transaction per document).
`run.ingest` is the entry point; `cli` wraps it as the `inkoopradar` command.
"""

from pipeline.errors import BadInput
from pipeline.records import Document, Mention, Problem
from pipeline.run import Options, ingest

__all__ = ["BadInput", "Document", "Mention", "Options", "Problem", "ingest"]
