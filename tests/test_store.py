"""The store: documents written whole, committed in batches another reader can see."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from pipeline import store
from pipeline.records import Document, Mention


def outcome(n: int, text: str = "Op 1 mei 2020.") -> store.Outcome:
    doc_id = f"doc{n}"
    document = Document(id=doc_id, path=f"/x/{n}.txt", sha256=f"{n:064d}", media_type="text/plain", status="ok",
                        text=text, n_chars=len(text))
    mention = Mention(f"m{n}", doc_id, "date", "2020-05-01", "1 mei 2020", 3, 13, None, "date/1", None, "")
    return store.Outcome(document, mentions=[mention])


def stored(path: Path) -> list[str]:
    with sqlite3.connect(path) as other:  # another reader, as Datasette would be
        return [row[0] for row in other.execute("select id from documents order by id")]


def test_a_batch_is_visible_to_other_readers_once_committed(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    db = store.open_db(str(path))
    with store.Batch(db, seconds=3600) as batch:
        for n in range(3):
            batch.tick()
            store.write_outcome(db, outcome(n))
        assert stored(path) == []
        batch.commit()
        assert stored(path) == ["doc0", "doc1", "doc2"]
        batch.tick()
        store.write_outcome(db, outcome(3))
    assert stored(path) == ["doc0", "doc1", "doc2", "doc3"]


def test_a_failed_write_costs_its_own_document_only(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    db = store.open_db(str(path))
    broken = outcome(1)
    broken.mentions.append(broken.mentions[0])  # the same mention id twice: the insert fails halfway
    with pytest.raises(sqlite3.IntegrityError), store.Batch(db, seconds=3600) as batch:
        batch.tick()
        store.write_outcome(db, outcome(0))
        batch.tick()
        store.write_outcome(db, broken)
    assert stored(path) == ["doc0"]
    with sqlite3.connect(path) as other:
        assert other.execute("select count(*) from mentions where document_id = 'doc1'").fetchone() == (0,)
        assert other.execute("select count(*) from documents_fts where documents_fts match 'mei'").fetchone() == (1,)
