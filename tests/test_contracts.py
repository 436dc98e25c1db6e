"""Contracts between parts: stored rows match schemas/, kinds match the registry, metadata covers the schema."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import jsonschema
import pytest

from pipeline.extractors import EXTRACTORS
from pipeline.records import fold
from tests.conftest import ROOT

SCHEMAS = {"documents": "document", "mentions": "mention", "pages": "page", "problems": "problem", "runs": "run",
           "entities": "entity"}


def schema(name: str) -> dict:
    return json.loads((ROOT / "schemas" / f"{name}.schema.json").read_text("utf-8"))


def table_rows(db: Path, table: str) -> list[dict]:
    with sqlite3.connect(db) as con:
        con.row_factory = sqlite3.Row
        return [dict(row) for row in con.execute(f"select * from [{table}]")]


def columns(db: Path, table: str) -> list[str]:
    with sqlite3.connect(db) as con:
        return [row[1] for row in con.execute(f"pragma table_info([{table}])")]


@pytest.fixture(scope="module")
def mixed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with ok, failed and skipped documents, pages and a problem."""
    from pipeline.run import ingest

    folder = tmp_path_factory.mktemp("mixed")
    (folder / "a.txt").write_text("Op 13 maart 2020 met tendernummer 142669; zie ECLI:NL:RBLIM:2022:7530. De gemeente "
                                  "Heerlen koopt pleegzorg in; de Rechtbank Limburg oordeelde over Pluryn.", "utf-8")
    (folder / "b.txt").write_text("The tender was published on TenderNed in March.", "utf-8")
    (folder / "kapot.pdf").write_bytes(b"%PDF-1.4 garbage")
    (folder / "c.docx").write_bytes(b"PK")
    db = folder / "x.db"
    ingest([str(folder)], str(db))
    return db


@pytest.mark.parametrize("table", sorted(SCHEMAS))
def test_stored_rows_validate_against_their_schema(mixed_db: Path, seed_db: Path, table: str) -> None:
    validator = jsonschema.Draft202012Validator(schema(SCHEMAS[table]),
                                                format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    rows = table_rows(mixed_db, table) + table_rows(seed_db, table)
    assert rows or table == "pages"
    for row in rows:
        validator.validate(row)


def test_schema_properties_are_the_table_columns(mixed_db: Path) -> None:
    for table, name in SCHEMAS.items():
        assert sorted(schema(name)["properties"]) == sorted(columns(mixed_db, table)), table


def test_mention_kind_enum_equals_the_extractor_registry() -> None:
    assert schema("mention")["properties"]["kind"]["enum"] == list(EXTRACTORS)


def test_the_mixed_batch_has_every_status(mixed_db: Path) -> None:
    assert {row["status"] for row in table_rows(mixed_db, "documents")} == {"ok", "failed", "skipped"}
    assert {row["stage"] for row in table_rows(mixed_db, "problems")} == {"language"}


def metadata() -> dict:
    return json.loads((ROOT / "datasette-metadata.json").read_text("utf-8"))


def test_metadata_describes_every_table_and_column(mixed_db: Path) -> None:
    tables = metadata()["databases"]["inkoopradar"]["tables"]
    for table in SCHEMAS:
        assert tables[table]["description"], table
        assert sorted(tables[table]["columns"]) == sorted(columns(mixed_db, table)), table


def test_metadata_facets_name_real_columns(mixed_db: Path) -> None:
    for table, meta in metadata()["databases"]["inkoopradar"]["tables"].items():
        for facet in meta.get("facets", []):
            name = facet["array"] if isinstance(facet, dict) else facet
            assert name in columns(mixed_db, table), (table, facet)


def test_metadata_describes_every_view_column(mixed_db: Path) -> None:
    tables = metadata()["databases"]["inkoopradar"]["tables"]
    with sqlite3.connect(mixed_db) as con:
        views = [r[0] for r in con.execute("select name from sqlite_master where type = 'view'")]
    assert views
    for view in views:
        assert tables[view]["description"], view
        assert sorted(tables[view]["columns"]) == sorted(columns(mixed_db, view)), view


def test_packaged_metadata_is_the_top_level_file() -> None:
    from importlib.resources import files

    assert json.loads(files("pipeline").joinpath("datasette-metadata.json").read_text("utf-8")) == metadata()


@pytest.mark.parametrize("name", sorted(metadata()["databases"]["inkoopradar"]["queries"]))
def test_every_canned_query_finds_rows_and_has_a_title(mixed_db: Path, name: str) -> None:
    query = metadata()["databases"]["inkoopradar"]["queries"][name]
    assert query["title"] and query["description"]
    samples = {"words": "tendernummer", "tender_ref": "negometrix:142669", "municipality": "Heerlen",
               "party": "Pluryn", "q": "dernumm"}
    params = {p: samples[p] for p in re.findall(r":(\w+)", query["sql"])}
    with sqlite3.connect(mixed_db) as con:
        con.create_function("fold", 1, fold)  # the plugin gives Datasette's connections this function
        assert con.execute(query["sql"], params).fetchall(), name
