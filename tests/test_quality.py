"""Pinned score floors on the shared gold corpora: a quiet regression fails here.

The floors sit just under what the extractors reach today (see the closing notes); raise them as
quality rises. The issue's bar is lower for some kinds; these floors guard what we have.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.run import ingest

pytestmark = pytest.mark.shared

FLOORS = {
    "dev": {"date": 0.98, "tender_ref": 0.95, "ecli": 0.99, "case_number": 0.95, "municipality": 0.98,
            "organization": 0.93, "person": 0.95, "procedure": 0.95, "care_type": 0.97, "amount": 0.95},
    "notices": {"date": 0.97, "tender_ref": 0.95, "municipality": 0.97, "organization": 0.90, "person": 0.95,
                "procedure": 0.95, "care_type": 0.95, "amount": 0.95},
}


def score(shared: Path, corpus: str, folder: Path) -> dict:
    db, report = folder / f"{corpus}.db", folder / f"{corpus}.json"
    ingest([str(shared / "corpora" / corpus)], str(db))
    gold = shared / "corpora" / corpus / "gold.jsonl"
    subprocess.run([sys.executable, str(shared / "tools" / "score.py"), str(gold), str(db), "--json", str(report)],
                   check=True, capture_output=True)
    return json.loads(report.read_text())


@pytest.fixture(scope="module")
def scores(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    folder = tmp_path_factory.mktemp("scores")
    return {corpus: score(shared, corpus, folder) for corpus in FLOORS}


@pytest.mark.parametrize("corpus, kind", [(c, k) for c, floors in FLOORS.items() for k in floors])
def test_f1_stays_above_its_floor(scores: dict, corpus: str, kind: str) -> None:
    assert scores[corpus]["kinds"][kind]["f1"] >= FLOORS[corpus][kind], scores[corpus]["kinds"][kind]


@pytest.mark.parametrize("corpus", list(FLOORS))
def test_every_gold_document_is_stored_with_its_language(scores: dict, corpus: str) -> None:
    assert scores[corpus]["lang_accuracy"] == 1.0 and scores[corpus]["missing_docs"] == 0
