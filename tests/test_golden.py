"""Golden files: the full sorted output for each demo document. `pytest --update-golden` rewrites them."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED

GOLDEN = ROOT / "tests" / "golden"


def output(db: Path, name: str) -> dict:
    with sqlite3.connect(db) as con:
        doc = con.execute("select id, title, lang, status from documents where path like ?", [f"%/{name}"]).fetchone()
        mentions = con.execute("select kind, value, text, start, end from mentions where document_id = ? "
                               "order by start, kind, value", [doc[0]]).fetchall()
    return {"title": doc[1], "lang": doc[2], "status": doc[3], "mentions": [list(m) for m in mentions]}


@pytest.mark.parametrize("name", sorted(p.name for p in SEED.glob("*.txt")))
def test_demo_document_output_matches_its_golden_file(seed_db: Path, name: str, update_golden: bool) -> None:
    golden = GOLDEN / f"{Path(name).stem}.json"
    actual = output(seed_db, name)
    if update_golden:
        golden.write_text(dump(actual), "utf-8")
        pytest.skip(f"wrote {golden.name}; review the diff in git")
    assert golden.exists(), f"{golden} is missing: run pytest --update-golden and review it"
    assert actual == json.loads(golden.read_text("utf-8"))


def dump(output: dict) -> str:
    """Return the output as JSON with one mention per line, so git diffs read well."""
    head = {k: v for k, v in output.items() if k != "mentions"}
    lines = [json.dumps(m, ensure_ascii=False) for m in output["mentions"]]
    body = ",\n  ".join(lines)
    return json.dumps(head, ensure_ascii=False)[:-1] + ',\n "mentions": [\n  ' + body + "\n ]\n}\n"
