"""Kill `inkoopradar ingest` with SIGKILL at random moments: nothing corrupt, nothing lost, nothing doubled.

After every kill the database passes SQLite's integrity check; a final uninterrupted rerun leaves every
file present exactly once, with the same rows as a run that was never killed. Two ingests at once: the
second refuses with a clear message while the first is writing.
"""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from pipeline.store import integrity_ok
from tests.conftest import INKOOPRADAR, SEED
from tests.test_determinism import dump

N_FILES = 240
KILLS = 6


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("kill") / "batch"
    folder.mkdir()
    seeds = sorted(SEED.glob("*.txt"))
    for i in range(N_FILES):
        text = seeds[i % len(seeds)].read_text("utf-8")
        (folder / f"doc-{i:04d}.txt").write_text(f"{text}\nVolgnummer {i}, besproken op {1 + i % 28} maart 2021.",
                                                 "utf-8")
    return folder


def start(batch: Path, db: Path) -> subprocess.Popen:
    return subprocess.Popen([str(INKOOPRADAR), "ingest", str(batch), "--db", str(db), "--workers", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def stored(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=30) as con:
            return con.execute("select count(*) from documents").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def test_killed_runs_lose_and_double_nothing(batch: Path, tmp_path: Path) -> None:
    reference = tmp_path / "reference.db"
    assert start(batch, reference).wait(timeout=600) == 0
    db = tmp_path / "killed.db"
    rng = random.Random(20261123)
    checks = 0
    for _ in range(KILLS):
        process = start(batch, db)
        time.sleep(rng.uniform(1.0, 6.0))
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        if db.exists():
            assert integrity_ok(str(db))
            checks += 1
    assert checks >= KILLS - 1
    assert 0 < stored(db) <= N_FILES
    finish = start(batch, db)
    out, err = finish.communicate(timeout=600)
    assert finish.returncode == 0, err
    assert integrity_ok(str(db))
    with sqlite3.connect(db) as con:
        assert con.execute("select count(*), count(distinct path) from documents").fetchone() == (N_FILES, N_FILES)
        statuses = [s for (s,) in con.execute("select status from runs order by id")]
    assert statuses[-1] == "finished" and "running" not in statuses
    # which run wrote a row may differ; nothing else may
    killed_rows = {k: v for k, v in dump(db, frozenset({"run_id"})).items() if k != "runs"}
    reference_rows = {k: v for k, v in dump(reference, frozenset({"run_id"})).items() if k != "runs"}
    assert killed_rows == reference_rows


def test_a_second_ingest_into_the_same_database_refuses_while_the_first_writes(batch: Path, tmp_path: Path) -> None:
    db = tmp_path / "busy.db"
    first = start(batch, db)
    deadline = time.monotonic() + 60
    while stored(db) == 0 and time.monotonic() < deadline:
        time.sleep(0.2)
    second = subprocess.run([str(INKOOPRADAR), "ingest", str(SEED), "--db", str(db)], capture_output=True, text=True)
    assert first.wait(timeout=600) == 0
    assert second.returncode == 2 and "another inkoopradar ingest" in second.stderr
    assert "Traceback" not in second.stderr
    assert integrity_ok(str(db)) and stored(db) == N_FILES
