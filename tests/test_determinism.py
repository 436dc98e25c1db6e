"""The same inputs give the same database, whatever Python's hash seed (set order) is."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path

import pytest

from tests.conftest import INKOOPRADAR, SEED

#: columns that record when, not what
TIMESTAMPS = {"ingested_at", "started", "finished"}


def dump(db: Path, ignore: frozenset[str] = frozenset()) -> dict[str, list[tuple]]:
    with sqlite3.connect(db) as con:
        tables = [r[0] for r in con.execute("select name from sqlite_master where type in ('table', 'view') "
                                            "and name not like '%fts%' and name not like '%trigram%' "
                                            "and name not like 'sqlite_%' and name != '_sqlite_migrations'")]
        result = {}
        for table in tables:
            columns = [r[1] for r in con.execute(f"pragma table_info([{table}])")
                       if r[1] not in TIMESTAMPS and r[1] not in ignore]
            select = ", ".join(f"[{c}]" for c in columns)
            result[table] = con.execute(f"select {select} from [{table}] order by {select}").fetchall()
        return result


def ingest(corpus: Path, db: Path, hash_seed: str, workers: str) -> None:
    subprocess.run([str(INKOOPRADAR), "ingest", str(corpus), "--db", str(db), "--workers", workers],
                   check=True, capture_output=True, env={**os.environ, "PYTHONHASHSEED": hash_seed})


@pytest.mark.parametrize("corpus_name", ["seed", "dev"])
def test_two_runs_with_other_hash_seeds_and_workers_give_the_same_rows(tmp_path: Path, corpus_name: str,
                                                                       request: pytest.FixtureRequest) -> None:
    corpus = SEED if corpus_name == "seed" else request.getfixturevalue("shared") / "corpora" / "dev"
    first, second = tmp_path / "a.db", tmp_path / "b.db"
    ingest(corpus, first, "1", "1")
    ingest(corpus, second, "2", "2")
    assert dump(first) == dump(second)
