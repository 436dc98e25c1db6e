"""The SQLite store: owns the schema and writes one document's records in one transaction.

Tables: documents, pages, mentions, problems, runs. `documents_fts` indexes title and text.
Schema changes go through `sqlite_utils.Migrations`, so an older database is upgraded in place.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import fcntl
import json
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from sqlite_utils import Database, Migrations

from pipeline.records import Document, Entity, Mention, Page, Problem, fold

migrations = Migrations("inkoopradar")


@migrations()
def create_tables(db: Database) -> None:
    """Version 1 of the schema."""
    db.table("runs").create({
        "id": int, "started": str, "finished": str, "status": str, "version": str, "paths": str,
        "n_files": int, "n_ok": int, "n_failed": int, "n_skipped": int, "n_unchanged": int,
    }, pk="id", not_null={"started", "status", "version"})
    db.table("documents").create({
        "id": str, "path": str, "sha256": str, "media_type": str, "status": str, "error": str,
        "title": str, "source_url": str, "published": str, "lang": str, "lang_prob": float,
        "n_pages": int, "n_chars": int, "text_extractor": str, "duplicate_of": str,
        "ingested_at": str, "run_id": int, "text": str,
    }, pk="id", not_null={"path", "sha256", "status"},
        foreign_keys=[("duplicate_of", "documents", "id"), ("run_id", "runs", "id")])
    db.table("pages").create({"document_id": str, "page": int, "start": int, "end": int},
                       pk=("document_id", "page"), foreign_keys=[("document_id", "documents", "id")])
    db.table("mentions").create({
        "id": str, "document_id": str, "kind": str, "value": str, "text": str,
        "start": int, "end": int, "page": int, "extractor": str,
    }, pk="id", not_null={"document_id", "kind", "value", "text", "start", "end", "extractor"},
        foreign_keys=[("document_id", "documents", "id")])
    db.table("problems").create({"document_id": str, "stage": str, "message": str},
                          pk=("document_id", "stage"), foreign_keys=[("document_id", "documents", "id")])
    db.table("mentions").create_index(["kind", "value"])
    db.table("mentions").create_index(["document_id"])
    db.table("documents").create_index(["sha256"])
    db.table("documents").create_index(["status"])
    db.table("documents").enable_fts(["title", "text"], create_triggers=True,
                               tokenize="unicode61 remove_diacritics 2")


@migrations()
def add_entities(db: Database) -> None:
    """Version 2: entities (municipalities with CBS codes, later organisations and persons)."""
    db.table("entities").create({
        "id": str, "kind": str, "name": str, "active": int, "successor_id": str, "successor_name": str,
        "ended": str, "jeugdregio_code": str, "jeugdregio": str, "province_code": str, "province": str,
        "lat": float, "lon": float,
    }, pk="id", not_null={"kind", "name"})
    db.table("entities").create_index(["kind", "name"])
    db.table("mentions").add_column("entity_id", str, fk="entities", fk_col="id")
    db.table("mentions").create_index(["entity_id"])


@migrations()
def add_reading_aids(db: Database) -> None:
    """Version 3: a readable context per mention and a trigram index for substring search."""
    db.table("mentions").add_column("context", str)
    # folded (no diacritics, lower case) title and text, so "jeugdhulp" finds "Jeugdhulpaanbieders"
    # and "residentiele" finds "residentiële"; rowid = documents.rowid
    db.execute("create virtual table documents_trigram using fts5(title, text, tokenize = 'trigram')")


def _values(kind: str, document: str) -> str:
    """Return SQL for the JSON array of a document's distinct values of one kind (for array facets)."""
    return (f"(select json_group_array(distinct x.value) from mentions x where x.document_id = {document}.id "
            f"and x.kind = '{kind}')")


#: SQL views for reading, recreated on every open so they follow the current kinds
def _views(kinds: list[str]) -> dict[str, str]:
    counts = ",\n  ".join(f"sum(m.kind = '{kind}') as n_{kind}" for kind in kinds)
    courts = ("(value like 'Rechtbank%' or value like 'Gerechtshof%' or value like 'RECHTBANK%' "
              "or value in ('Raad van State', 'Hoge Raad', 'Centrale Raad van Beroep', 'College van Beroep voor het bedrijfsleven'))")
    year = ("substr(coalesce(d.published, (select max(value) from mentions x where x.document_id = d.id "
            "and x.kind = 'date' and x.value not like '--%')), 1, 4)")
    return {
        "document_overview": f"""select d.id, d.title, d.source_url, d.path, d.media_type, d.lang, d.status, d.n_pages,
  d.published, {year} as year, d.error, d.ingested_at, count(m.id) as n_mentions,
  {counts},
  {_values("municipality", "d")} as municipalities,
  (select json_group_array(distinct e.jeugdregio) from mentions x join entities e on e.id = x.entity_id
   where x.document_id = d.id and e.jeugdregio is not null) as jeugdregios,
  (select json_group_array(distinct e.province) from mentions x join entities e on e.id = x.entity_id
   where x.document_id = d.id and e.province is not null) as provinces,
  {_values("care_type", "d")} as care_types,
  {_values("procedure", "d")} as procedures
from documents d left join mentions m on m.document_id = d.id group by d.id""",
        "entity_overview": """select e.id, e.kind, e.name, e.jeugdregio, e.province, e.active, e.successor_name,
  count(distinct m.document_id) as n_documents, count(m.id) as n_mentions, e.lat, e.lon
from entities e left join mentions m on m.entity_id = e.id group by e.id""",
        "tender_refs": """select m.value as tender_ref, substr(m.value, 1, instr(m.value, ':') - 1) as platform,
  count(distinct m.document_id) as n_documents, group_concat(distinct d.title) as documents,
  min(m.text) as as_written, min(m.context) as context
from mentions m join documents d on d.id = m.document_id where m.kind = 'tender_ref' group by m.value""",
        "timeline": """select m.value as date, substr(m.value, 1, 4) as year, m.text as as_written, m.context,
  d.title, m.document_id, m.id as mention_id
from mentions m join documents d on d.id = m.document_id where m.kind = 'date' and m.value not like '--%'""",
        "rulings": f"""select d.id as document_id, d.title, m.value as ecli,
  (select group_concat(distinct value) from mentions where document_id = d.id and kind = 'case_number') as case_numbers,
  (select group_concat(distinct value) from mentions where document_id = d.id and kind = 'organization' and {courts}) as court,
  (select group_concat(distinct value) from mentions where document_id = d.id and kind = 'organization' and not {courts}) as parties,
  (select group_concat(distinct value) from mentions where document_id = d.id and kind = 'municipality') as municipalities,
  (select value from mentions where document_id = d.id and kind = 'date' order by start limit 1) as date
from mentions m join documents d on d.id = m.document_id where m.kind = 'ecli'
group by d.id, m.value""",
        "care_types_by_municipality": f"""select g.value as municipality, e.jeugdregio, e.province, c.value as care_type,
  {year} as year, count(distinct d.id) as n_documents
from mentions c join documents d on d.id = c.document_id
join mentions g on g.document_id = d.id and g.kind = 'municipality' left join entities e on e.id = g.entity_id
where c.kind = 'care_type' group by g.value, c.value, year""",
    }


def create_views(db: Database, kinds: list[str]) -> None:
    """Drop and recreate the reading views for the given mention kinds."""
    with db.atomic():
        for name, sql in _views(kinds).items():
            db.execute(f"drop view if exists [{name}]")
            db.execute(f"create view [{name}] as {sql}")


@dataclass(frozen=True, slots=True)
class Outcome:
    """Everything one document produced, written together or not at all."""

    document: Document
    pages: list[Page] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)


def now() -> str:
    """Return the current UTC time as ISO 8601 with seconds."""
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def open_db(path: str, kinds: list[str] | None = None) -> Database:
    """Open (creating if needed) the database at path, in WAL mode, with the schema and views up to date."""
    db = Database(path)
    db.execute("PRAGMA busy_timeout = 30000")
    db.enable_wal()
    # in WAL mode NORMAL keeps the database consistent after a crash or kill; it only skips an fsync per commit
    db.execute("PRAGMA synchronous = NORMAL")
    migrations.apply(db)
    if kinds is not None:
        create_views(db, kinds)
    return db


def known_documents(db: Database) -> dict[str, tuple[str, str]]:
    """Return {document id: (sha256, status)} for every stored document."""
    return {row[0]: (row[1], row[2]) for row in db.execute("select id, sha256, status from documents")}


def first_with_sha256(db: Database, sha256: str, other_than: str) -> str | None:
    """Return the id of the earliest stored ok document with these bytes, other than the given one."""
    # "+status": the status index must not be used here; without statistics SQLite picked it and scanned
    # every ok document for each new one, which made writing slower with every thousand documents
    row = db.execute(
        "select id from documents where sha256 = ? and id != ? and +status = 'ok' and duplicate_of is null "
        "order by ingested_at, rowid limit 1", [sha256, other_than]).fetchone()
    return row[0] if row else None


def write_outcome(db: Database, outcome: Outcome, run_id: int | None = None) -> None:
    """Replace everything stored for the outcome's document with the new records, all or nothing."""
    doc = {f.name: getattr(outcome.document, f.name) for f in dataclasses.fields(outcome.document)}
    doc["run_id"] = run_id
    doc_id = doc["id"]
    with db.atomic():
        for table in ("mentions", "pages", "problems"):
            db.execute(f"delete from [{table}] where document_id = ?", [doc_id])
        _upsert(db, "documents", doc)
        rowid = db.execute("select rowid from documents where id = ?", [doc_id]).fetchone()[0]
        db.execute("delete from documents_trigram where rowid = ?", [rowid])
        if doc["text"]:
            db.execute("insert into documents_trigram (rowid, title, text) values (?, ?, ?)",
                       [rowid, fold(doc["title"] or ""), fold(doc["text"])])
        _insert(db, "entities", outcome.entities, "or ignore")  # an entity another document named stays
        _insert(db, "pages", outcome.pages)
        _insert(db, "mentions", outcome.mentions)
        _insert(db, "problems", outcome.problems)


#: how long a batch transaction may stay open: what a killed ingest redoes at most, and how far behind
#: the documents counted as done the database may be
BATCH_SECONDS = 1.0


class Batch:
    """Group document writes into one transaction per second of work.

    Each `write_outcome` inside stays all-or-nothing (a savepoint); committing many documents at once
    spares SQLite a commit (and a write-ahead-log sync) per document. Call `tick()` before
    each write and `commit()` whenever there is time (the ingest does while it waits for a slow file),
    so a kill loses at most about a second of written documents, which the next run redoes.
    """

    def __init__(self, db: Database, seconds: float = BATCH_SECONDS) -> None:
        self.db = db
        self.seconds = seconds
        self.opened = 0.0

    def __enter__(self) -> Batch:
        return self

    def tick(self) -> None:
        """Open a transaction when none is open; commit the open one once it is older than the limit."""
        clock = time.monotonic()
        if not self.db.conn.in_transaction:
            self.db.conn.execute("BEGIN")
            self.opened = clock
        elif clock - self.opened >= self.seconds:
            self.commit()
            self.db.conn.execute("BEGIN")
            self.opened = clock

    def commit(self) -> None:
        """Commit the documents written so far, if any."""
        if self.db.conn.in_transaction:
            self.db.conn.execute("COMMIT")

    def __exit__(self, *exc: object) -> None:
        self.commit()  # what was written is whole documents: keep it even when the run stops on an error


# On the hot path the SQL is written here: sqlite-utils' insert_all and upsert read the schema on every
# call (table_info, sqlite_master), which cost more than the writes themselves.

def _upsert(db: Database, table: str, row: dict) -> None:
    """Insert a row or update the stored row with the same id (update triggers keep the FTS index right)."""
    names = list(row)
    sql = (f"insert into [{table}] ({', '.join(f'[{n}]' for n in names)}) values ({', '.join('?' * len(names))}) "
           f"on conflict ([id]) do update set {', '.join(f'[{n}] = excluded.[{n}]' for n in names if n != 'id')}")
    db.conn.execute(sql, list(row.values()))


def _insert(db: Database, table: str, records: list, verb: str = "") -> None:
    """Insert records (dataclasses of plain values) with one executemany; verb "or ignore" skips known ids."""
    if not records:
        return
    names = [f.name for f in dataclasses.fields(records[0])]
    sql = (f"insert {verb} into [{table}] ({', '.join(f'[{n}]' for n in names)}) "
           f"values ({', '.join('?' * len(names))})")
    # records hold plain values, so reading the fields is enough (astuple deep-copies every one)
    db.conn.executemany(sql, [tuple(getattr(r, n) for n in names) for r in records])


def write_entities(db: Database, entities: Iterable[Entity]) -> None:
    """Insert or update the known entities (the municipality gazetteer) in one transaction."""
    rows = [dataclasses.asdict(e) for e in entities]
    with db.atomic():
        db.table("entities").upsert_all(rows, pk="id", batch_size=500)


class Busy(Exception):
    """Another ingest holds the database's write lock."""


@contextlib.contextmanager
def write_lock(path: str) -> Iterator[None]:
    """Hold an exclusive lock on `<db>.lock` for a whole ingest; raise Busy when another ingest holds it.

    SQLite serialises single writes; this lock keeps two batch runs from interleaving at all, and
    lets a new run know that any run still marked 'running' was killed.
    """
    with open(path + ".lock", "a+") as handle:
        try:
            # a POSIX record lock belongs to this process alone: forked workers do not inherit it,
            # and the kernel drops it when the process dies, even by SIGKILL
            fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except (BlockingIOError, PermissionError) as err:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise Busy(f"another inkoopradar ingest ({holder}) is writing to {path}; "
                       "wait for it to finish and run again") from err
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.lockf(handle, fcntl.LOCK_UN)


def start_run(db: Database, version: str, paths: list[str], n_files: int) -> int:
    """Record the start of an ingest run and return its id; runs left 'running' by a killed ingest
    are marked 'interrupted' (the caller holds the write lock, so none of them is still going)."""
    with db.atomic():
        db.execute("update runs set status = 'interrupted' where status = 'running'")
        db.table("runs").insert({"started": now(), "status": "running", "version": version,
                           "paths": json.dumps(paths), "n_files": n_files})
    return db.execute("select max(id) from runs").fetchone()[0]


def finish_run(db: Database, run_id: int, counts: dict[str, int], status: str = "finished") -> None:
    """Record a run's end, its counts per outcome and whether it finished."""
    with db.atomic():
        db.table("runs").update(run_id, {"finished": now(), "status": status,
                                   **{f"n_{key}": value for key, value in counts.items()}})


def close_db(db: Database) -> None:
    """Fold the write-ahead log into the main file and close, so read-only readers see everything."""
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()


def integrity_ok(path: str) -> bool:
    """Return True when SQLite's integrity check passes on the database file."""
    con = sqlite3.connect(path)
    try:
        return con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        con.close()
