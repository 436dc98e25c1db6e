"""Bad input of every kind: each file gets an outcome with a reason a person can act on; the batch goes on."""

from __future__ import annotations

import os
import sqlite3
import zlib
from pathlib import Path

import pytest

from pipeline.run import Options, ingest
from pipeline.store import integrity_ok


def pdf(objects: list[bytes]) -> bytes:
    """Return a PDF file with the given numbered objects and a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def bomb_pdf(megabytes: int) -> bytes:
    stream = zlib.compress(b" " * (megabytes * 1024 * 1024), 9)
    return pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
                b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream"])


def looping_pdf() -> bytes:
    return pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>"])


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("bad")
    good = "De gemeente Heerlen publiceerde op 13 maart 2020 het tendernummer 142669.\n"
    (folder / "empty.txt").write_bytes(b"")
    (folder / "garbage.txt").write_bytes(bytes(range(256)) * 400)
    (folder / "nul-and-bad-utf8.txt").write_bytes(good.encode() + b"\x00\x00 caf\xe9 \xff\xfe end")
    (folder / "truncated.pdf").write_bytes(bomb_pdf(1)[:300])
    (folder / "bomb.pdf").write_bytes(bomb_pdf(600))
    (folder / "loop.pdf").write_bytes(looping_pdf())
    (folder / "deep.html").write_text("<html><body>" + "<div>" * 100_000 + good + "</div>" * 100_000, "utf-8")
    (folder / "long-line.txt").write_text(("jeugdhulp " * 3_000_000) + good, "utf-8")   # 30 MB, no newline
    os.mkfifo(folder / "pipe.txt")
    os.symlink(folder / "nowhere.txt", folder / "dangling.txt")
    os.symlink(folder, folder / "loop-dir")
    (folder / "-rf weird name\n.txt").write_text(good, "utf-8")
    (folder / os.fsdecode(b"caf\xe9-latin1-name.txt")).write_text(good, "utf-8")
    (folder / "good.txt").write_text(good, "utf-8")
    db = folder.parent / "bad.db"
    ingest([str(folder)], str(db), Options(workers=2, timeout=90, max_memory_mb=1024))
    return folder, db


def outcomes(db: Path) -> dict[str, tuple[str, str | None]]:
    with sqlite3.connect(db) as con:
        return {Path(p).name: (s, e) for p, s, e in con.execute("select path, status, error from documents")}


def test_every_file_gets_exactly_one_outcome_and_the_run_finishes(batch) -> None:
    folder, db = batch
    found = outcomes(db)
    assert len(found) == 14   # the 13 files and the link to a folder
    with sqlite3.connect(db) as con:
        assert con.execute("select status, n_files from runs").fetchall() == [("finished", 14)]
        assert con.execute("select count(distinct path) from documents").fetchone()[0] == 14
    assert integrity_ok(str(db))


@pytest.mark.parametrize("name, status, reason", [
    ("empty.txt", "failed", "empty"),
    ("garbage.txt", "failed", "binary data"),
    ("truncated.pdf", "failed", "PDF"),
    ("loop.pdf", "failed", "PDF"),
    ("pipe.txt", "skipped", "not a regular file"),
    ("loop-dir", "skipped", "links to folders are not followed"),
    ("dangling.txt", "failed", "broken symbolic link"),
])
def test_bad_files_fail_or_are_skipped_with_a_reason(batch, name: str, status: str, reason: str) -> None:
    got_status, error = outcomes(batch[1])[name]
    assert got_status == status and reason in error and ";" in error  # the reason, then what to do


def test_a_decompression_bomb_is_stopped_by_the_memory_or_time_limit(batch) -> None:
    status, error = outcomes(batch[1])["bomb.pdf"]
    assert status == "failed" and ("memory" in error or "longer than" in error or "no text layer" in error)


def test_good_text_survives_nul_bytes_bad_utf8_deep_html_and_odd_names(batch) -> None:
    found = outcomes(batch[1])
    for name in ("nul-and-bad-utf8.txt", "deep.html", "-rf weird name\n.txt", "caf\\xe9-latin1-name.txt", "good.txt"):
        assert found[name][0] == "ok", (name, found[name])
    with sqlite3.connect(batch[1]) as con:
        text = con.execute("select text from documents where path like '%nul-and-bad%'").fetchone()[0]
    assert "\x00" not in text and "café" in text
    with sqlite3.connect(batch[1]) as con:
        deep = con.execute("select text from documents where path like '%deep.html'").fetchone()[0]
    assert "13 maart 2020" in deep


def test_a_huge_text_is_cut_and_the_cut_recorded(batch) -> None:
    assert outcomes(batch[1])["long-line.txt"][0] == "ok"
    with sqlite3.connect(batch[1]) as con:
        (message,), = con.execute("select message from problems p join documents d on d.id = p.document_id "
                                  "where d.path like '%long-line.txt' and stage = 'read'").fetchall()
    assert "text cut at 2,000,000" in message


def test_only_failed_retries_just_the_failures(batch) -> None:
    folder, db = batch
    (folder / "empty.txt").write_text("Op 1 juli 2021 start de overeenkomst.", "utf-8")
    summary = ingest([str(folder)], str(db), Options(only_failed=True, workers=0))
    assert summary.counts["ok"] >= 1 and summary.counts["unchanged"] == 0
    assert outcomes(db)["empty.txt"][0] == "ok"


def test_an_extractor_that_raises_becomes_a_problem_and_the_others_still_land(tmp_path, monkeypatch) -> None:
    from pipeline import extractors

    class Broken:
        VERSION = 1

        @staticmethod
        def find(doc):
            raise RuntimeError("kapot")

    monkeypatch.setitem(extractors.EXTRACTORS, "amount", Broken)
    (tmp_path / "a.txt").write_text("Op 13 maart 2020 kocht de gemeente Heerlen in voor € 1,2 miljoen.", "utf-8")
    db = tmp_path / "x.db"
    ingest([str(tmp_path / "a.txt")], str(db), Options(workers=0))
    with sqlite3.connect(db) as con:
        assert con.execute("select stage, message from problems").fetchall() == [("extract:amount", "RuntimeError: kapot")]
        kinds = {k for (k,) in con.execute("select kind from mentions")}
    assert {"date", "municipality"} <= kinds and "amount" not in kinds
