"""The command line end to end: ingest the demo corpus into a real SQLite file and check what users see."""

from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from tests.conftest import INKOOPRADAR, SEED


def rows(db: Path, sql: str, params: tuple = ()) -> list[tuple]:
    with sqlite3.connect(db) as con:
        return con.execute(sql, params).fetchall()


def test_seed_000_yields_its_negometrix_number_and_publication_date(seed_db: Path) -> None:
    found = rows(seed_db, "select m.kind, m.value from mentions m join documents d on d.id = m.document_id "
                          "where d.path like '%seed-000.txt'")
    assert ("tender_ref", "negometrix:142669") in found
    assert ("date", "2020-03-13") in found


def test_every_mention_offset_points_at_its_surface_text(seed_db: Path) -> None:
    checked = rows(seed_db, "select substr(d.text, m.start + 1, m.end - m.start) = m.text, count(*) "
                            "from mentions m join documents d on d.id = m.document_id group by 1")
    assert checked == [(1, checked[0][1])] and checked[0][1] > 20


def test_ingest_prints_a_one_line_summary_and_records_the_run(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    result = subprocess.run([str(INKOOPRADAR), "ingest", str(SEED), "--db", str(db)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "5 files: 5 ok, 0 failed, 0 skipped, 0 unchanged"
    assert rows(db, "select status, n_files, n_ok, n_failed, n_skipped from runs") == [("finished", 5, 5, 0, 0)]


def test_ingesting_again_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    runner = CliRunner()
    runner.invoke(cli, ["ingest", str(SEED), "--db", str(db)], catch_exceptions=False)
    before = rows(db, "select id, sha256, ingested_at from documents order by id")
    mentions_before = rows(db, "select * from mentions order by id")
    second = runner.invoke(cli, ["ingest", str(SEED), "--db", str(db)], catch_exceptions=False)
    assert "0 ok, 0 failed, 0 skipped, 5 unchanged" in second.output
    assert rows(db, "select id, sha256, ingested_at from documents order by id") == before
    assert rows(db, "select * from mentions order by id") == mentions_before


def test_a_changed_file_replaces_its_old_rows(tmp_path: Path) -> None:
    doc = tmp_path / "brief.txt"
    doc.write_text("De selectieleidraad is op 13 maart 2020 gepubliceerd met tendernummer 142669.", "utf-8")
    db = tmp_path / "x.db"
    runner = CliRunner()
    runner.invoke(cli, ["ingest", str(doc), "--db", str(db)], catch_exceptions=False)
    doc.write_text("De gunning volgt op 1 juli 2021.", "utf-8")
    result = runner.invoke(cli, ["ingest", str(doc), "--db", str(db)], catch_exceptions=False)
    assert "1 ok" in result.output
    assert rows(db, "select kind, value from mentions") == [("date", "2021-07-01")]
    assert rows(db, "select count(*) from documents") == [(1,)]


def test_the_same_bytes_under_another_path_point_to_the_first(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    text = "Tendernummer 142669, gepubliceerd op 13 maart 2020."
    (tmp_path / "a" / "x.txt").write_text(text, "utf-8")
    db = tmp_path / "x.db"
    CliRunner().invoke(cli, ["ingest", str(tmp_path / "a"), "--db", str(db)], catch_exceptions=False)
    (tmp_path / "b" / "copy.txt").write_text(text, "utf-8")
    CliRunner().invoke(cli, ["ingest", str(tmp_path / "b"), "--db", str(db)], catch_exceptions=False)
    docs = dict(rows(db, "select path, duplicate_of from documents"))
    first_id = rows(db, "select id from documents where path like '%a/x.txt'")[0][0]
    assert docs[str(tmp_path / "b" / "copy.txt")] == first_id
    assert docs[str(tmp_path / "a" / "x.txt")] is None


def test_unsupported_files_are_recorded_as_skipped_with_a_reason(tmp_path: Path) -> None:
    (tmp_path / "notulen.docx").write_bytes(b"PK\x03\x04 not really")
    (tmp_path / "ok.txt").write_text("Per 1 januari 2022 start de nieuwe overeenkomst.", "utf-8")
    db = tmp_path / "x.db"
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path), "--db", str(db)], catch_exceptions=False)
    assert "1 ok, 0 failed, 1 skipped" in result.output
    (status, error), = rows(db, "select status, error from documents where path like '%.docx'")
    assert status == "skipped" and "unsupported file type .docx" in error


def test_files_over_the_size_limit_are_skipped_with_their_size(tmp_path: Path) -> None:
    (tmp_path / "groot.txt").write_text("jeugdhulp " * 200, "utf-8")
    db = tmp_path / "x.db"
    CliRunner().invoke(cli, ["ingest", str(tmp_path), "--db", str(db), "--max-bytes", "1000"],
                       catch_exceptions=False)
    (status, error), = rows(db, "select status, error from documents")
    assert status == "skipped" and "2,000 bytes, over the limit of 1,000" in error


def test_an_unknown_path_is_one_clear_line_and_exit_code_2(tmp_path: Path) -> None:
    result = subprocess.run([str(INKOOPRADAR), "ingest", str(tmp_path / "nergens"), "--db", str(tmp_path / "x.db")],
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [f"Error: {tmp_path / 'nergens'}: no such file or folder; "
                                                  "check the path and run again"]
    assert "Traceback" not in result.stderr


def test_a_database_path_that_is_a_folder_is_exit_code_2(tmp_path: Path) -> None:
    result = subprocess.run([str(INKOOPRADAR), "ingest", str(SEED), "--db", str(tmp_path)], capture_output=True, text=True)
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_a_database_in_a_missing_folder_is_exit_code_2(tmp_path: Path) -> None:
    result = subprocess.run([str(INKOOPRADAR), "ingest", str(SEED), "--db", str(tmp_path / "no" / "x.db")],
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert "does not exist or is not writable" in result.stderr and "Traceback" not in result.stderr


def test_a_file_that_is_not_a_database_is_exit_code_2(tmp_path: Path) -> None:
    bogus = tmp_path / "x.db"
    bogus.write_bytes(b"this is not sqlite" * 100)
    result = subprocess.run([str(INKOOPRADAR), "ingest", str(SEED), "--db", str(bogus)], capture_output=True, text=True)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "cannot use the database" in result.stderr


def test_serve_refuses_a_missing_database_with_exit_code_2(tmp_path: Path) -> None:
    result = subprocess.run([str(INKOOPRADAR), "serve", "--db", str(tmp_path / "none.db")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "inkoopradar ingest" in result.stderr


@pytest.mark.parametrize("command", [[], ["ingest"], ["serve"]])
def test_every_command_has_help_with_an_example(command: list[str]) -> None:
    result = CliRunner().invoke(cli, [*command, "--help"])
    assert result.exit_code == 0 and "Example:" in result.output


def test_version_names_the_program() -> None:
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0 and result.output.startswith("inkoopradar, version ")


def test_strict_exits_1_when_a_file_failed(tmp_path: Path) -> None:
    (tmp_path / "leeg.pdf").write_bytes(b"")
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path), "--db", str(tmp_path / "x.db"), "--strict"])
    assert result.exit_code == 1 and "1 failed" in result.output

