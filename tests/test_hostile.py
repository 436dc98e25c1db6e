"""Bad inputs from ../shared/corpora/hostile: recorded as failed with a reason, the rest of the batch stored."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from pipeline.run import ingest

pytestmark = pytest.mark.shared

ENCRYPTED = ["pdfminer_enc_aes-128.pdf", "pdfminer_enc_aes-256-r6.pdf", "pdfminer_enc_rc4-40.pdf"]


@pytest.fixture(scope="module")
def hostile_db(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    batch = tmp_path_factory.mktemp("batch")
    for path in (shared / "corpora" / "hostile").iterdir():
        shutil.copy(path, batch / path.name)
    for name in ("seed-000.txt", "seed-003.txt"):  # good files in the same batch
        shutil.copy(shared / "corpora" / "dev" / name, batch / name)
    db = tmp_path_factory.mktemp("db") / "hostile.db"
    ingest([str(batch)], str(db))
    return db


def outcome(db: Path, name: str) -> tuple[str, str | None]:
    with sqlite3.connect(db) as con:
        return con.execute("select status, error from documents where path like ?", [f"%/{name}"]).fetchone()


def test_every_file_gets_a_row(hostile_db: Path, shared: Path) -> None:
    with sqlite3.connect(hostile_db) as con:
        stored = con.execute("select count(*) from documents").fetchone()[0]
        finished = con.execute("select status from runs").fetchall()
    assert stored == len(list((shared / "corpora" / "hostile").iterdir())) + 2
    assert finished == [("finished",)]


@pytest.mark.parametrize("name", ENCRYPTED)
def test_encrypted_pdfs_fail_asking_to_remove_the_password(hostile_db: Path, name: str) -> None:
    status, error = outcome(hostile_db, name)
    assert status == "failed" and "password-protected" in error and name in error


def test_a_pdf_that_is_not_a_pdf_fails_with_the_reason(hostile_db: Path) -> None:
    status, error = outcome(hostile_db, "plooi_IAmWrongPDF.pdf")
    assert status == "failed" and "not a PDF" in error


def test_a_broken_pdf_fails_with_a_repair_hint(hostile_db: Path) -> None:
    status, error = outcome(hostile_db, "plooi_test_broken.pdf")
    assert status == "failed" and "damaged" in error and "repair" in error


def test_good_files_in_the_same_batch_are_stored_with_their_mentions(hostile_db: Path) -> None:
    with sqlite3.connect(hostile_db) as con:
        values = {v for (v,) in con.execute(
            "select m.value from mentions m join documents d on d.id = m.document_id where d.path like '%seed-000.txt'")}
    assert {"negometrix:142669", "2020-03-13"} <= values


def test_pdfs_that_pdfminer_survives_are_stored_with_text(hostile_db: Path) -> None:
    for name in ("pdfminer_issue-1113-evil-xobjects.pdf", "pdfminer_issue_495_pdfobjref.pdf"):
        assert outcome(hostile_db, name) == ("ok", None)


@pytest.mark.parametrize("name, expected", [
    ("chardet_plane1-utf-16le_nobom.html", "\U00010330"),   # Gothic letters outside the BMP
    ("chardet_plane1-utf-32le_nobom.html", "\U00010330"),
    ("chardet_mozilla_bug421271_cp1252_no_charset.html", "£"),
    ("traf_maescot.de_utf8-declared_with_latin1_bytes.html", "ü"),
    ("traf_nmb-media.de_latin1_late_meta.html", "ä"),
    ("traf_rp.pl_cp1250_late_meta_depth229.html", "ł"),
])
def test_mislabelled_encodings_decode_to_the_right_characters(hostile_db: Path, name: str, expected: str) -> None:
    with sqlite3.connect(hostile_db) as con:
        status, text = con.execute("select status, text from documents where path like ?", [f"%/{name}"]).fetchone()
    assert status == "ok" and expected in text and "\ufffd" not in text
