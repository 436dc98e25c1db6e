"""Helpers for extractor tests: run one extractor over a sentence through the real spaCy pipeline."""

from __future__ import annotations

from types import ModuleType

from pipeline.extractors import build_pipeline


def values(module: ModuleType, text: str) -> list[str]:
    """Return the values an extractor finds in text, in text order."""
    return [hit.value for hit in module.find(build_pipeline()(text))]


def surfaces(module: ModuleType, text: str) -> list[str]:
    """Return the text spans an extractor marks."""
    return [text[hit.start:hit.end] for hit in module.find(build_pipeline()(text))]
