"""A real `inkoopradar serve` process answering Datasette's JSON API on a loopback port."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request

import pytest

pytestmark = pytest.mark.server


def get_json(url: str):
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.load(response), response.headers


def test_json_api_lists_the_tender_numbers(server: str) -> None:
    data, _ = get_json(f"{server}/inkoop/mentions.json?kind=tender_ref&_shape=array")
    assert {row["value"] for row in data} == {"negometrix:142669"}
    assert data[0]["text"] == "tendernummer 142669" and data[0]["extractor"] == "tender_ref/1"


def test_full_text_search_finds_documents_without_diacritics(server: str) -> None:
    # "residentiele" typed without the diaeresis must find "residentiële" (seed-000, -001, -002 spell it so)
    data, _ = get_json(f"{server}/inkoop/documents.json?_search=residentiele&_shape=array&_col=path")
    assert sorted(row["path"].rsplit("/", 1)[-1] for row in data) == ["seed-000.txt", "seed-001.txt", "seed-002.txt", "seed-004.txt"]


def test_canned_query_for_a_tender_number_returns_its_documents(server: str) -> None:
    query = urllib.parse.urlencode({"tender_ref": "negometrix:142669", "_shape": "array"})
    data, _ = get_json(f"{server}/inkoop/documents_sharing_tender_number.json?{query}")
    assert [row["as_written"] for row in data] == ["tendernummer 142669"]


def test_canned_word_search_shows_a_snippet(server: str) -> None:
    query = urllib.parse.urlencode({"words": "Vijfheerenlanden", "_shape": "array"})
    data, _ = get_json(f"{server}/inkoop/documents_mentioning.json?{query}")
    assert len(data) == 1 and "[Vijfheerenlanden]" in data[0]["snippet"]


def test_the_instance_carries_the_project_metadata_and_facets(server: str) -> None:
    data, _ = get_json(f"{server}/inkoop/mentions.json?_size=1")
    assert [facet for facet in data["facet_results"]] == ["kind", "extractor"]
    with urllib.request.urlopen(f"{server}/", timeout=30) as response:
        assert "Inkoopradar" in response.read().decode()


def test_the_database_is_served_read_only_with_cors(server: str) -> None:
    data, headers = get_json(f"{server}/-/databases.json")
    assert [(db["name"], db["is_mutable"]) for db in data] == [("inkoop", False)]
    assert headers["Access-Control-Allow-Origin"] == "*"
    sql = urllib.parse.urlencode({"sql": "delete from mentions"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"{server}/inkoop.json?{sql}", timeout=30)
    assert refused.value.code == 400


def test_serve_shows_rows_left_in_the_write_ahead_log_by_a_killed_ingest(tmp_path) -> None:
    import subprocess
    import sys

    from tests.conftest import SEED, serving

    db = tmp_path / "wal.db"
    subprocess.run([sys.executable, "-m", "pipeline", "ingest", str(SEED / "seed-000.txt"), "--db", str(db)],
                   check=True, capture_output=True)
    # a writer that dies without closing leaves its last transaction in the -wal file only
    script = ("import os, sqlite3; c = sqlite3.connect(%r); c.execute('pragma journal_mode=wal'); "
              "c.execute(\"update documents set title = 'NA DE CRASH'\"); c.commit(); os._exit(0)" % str(db))
    subprocess.run([sys.executable, "-c", script], check=True)
    assert (tmp_path / "wal.db-wal").stat().st_size > 0
    with serving(db) as base:
        data, _ = get_json(f"{base}/wal/documents.json?_shape=array&_col=title")
    assert [row["title"] for row in data] == ["NA DE CRASH"]


def test_serve_upgrades_a_database_without_the_reading_views(tmp_path) -> None:
    import sqlite3
    import subprocess
    import sys

    from tests.conftest import SEED, serving

    db = tmp_path / "old.db"
    subprocess.run([sys.executable, "-m", "pipeline", "ingest", str(SEED / "seed-000.txt"), "--db", str(db)],
                   check=True, capture_output=True)
    with sqlite3.connect(db) as con:  # as an older version left it
        con.execute("drop view document_overview")
    with serving(db) as base:
        data, _ = get_json(f"{base}/old/document_overview.json?_shape=array&_col=title")
    assert [row["title"] for row in data] == ["Verblijf Jeugd"]
