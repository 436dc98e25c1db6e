"""The `inkoopradar` command line: ingest files into SQLite, serve them with Datasette."""

from __future__ import annotations

import logging
import os
import sqlite3
import sys

import click

from typing import TYPE_CHECKING

from pipeline.errors import BadInput
from pipeline.pool import MEMORY_MB, TIMEOUT_SECONDS
from pipeline.sources import MAX_BYTES, MAX_CHARS

if TYPE_CHECKING:
    from pipeline.run import Summary

log = logging.getLogger(__name__)


class UsageProblem(click.ClickException):
    """A user error: one line on stderr, exit code 2."""

    exit_code = 2


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="inkoopradar", prog_name="inkoopradar")
@click.option("-v", "--verbose", is_flag=True, help="Log details, including tracebacks of extractor errors.")
def cli(verbose: bool) -> None:
    """Inkoopradar: Dutch procurement documents into SQLite, published with Datasette.

    Example: inkoopradar ingest corpora/seed --db inkoop.db && inkoopradar serve --db inkoop.db
    """
    logging.basicConfig(level=logging.INFO if verbose else logging.CRITICAL,
                        format="%(levelname)s %(name)s: %(message)s")


def _progress_printer(stream):
    def show(done: int, total: int, summary: "Summary") -> None:
        failed = summary.counts["failed"]
        stream.write(f"\r{done}/{total} files, {failed} failed")
        stream.flush()
    return show


@cli.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--db", "db_path", required=True, type=click.Path(dir_okay=False), help="SQLite database file.")
@click.option("--max-bytes", default=MAX_BYTES, show_default=True, type=click.IntRange(min=1),
              help="Skip files larger than this, recording why.")
@click.option("--max-chars", default=MAX_CHARS, show_default=True, type=click.IntRange(min=1000),
              help="Cut longer texts here before extraction, recording the cut.")
@click.option("--force", is_flag=True, help="Process unchanged files again (after an upgrade).")
@click.option("--only-failed", is_flag=True, help="Retry only the files that failed before.")
@click.option("--strict", is_flag=True, help="Exit with code 1 when any file failed.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(min=0),
              help="Parallel parser processes (0: parse in this process, without limits).")
@click.option("--timeout", default=TIMEOUT_SECONDS, show_default=True, type=click.FloatRange(min=0),
              help="Seconds one file may take before it is stopped and recorded as failed (0: no limit).")
@click.option("--max-memory", "max_memory_mb", default=MEMORY_MB, show_default=True,
              type=click.IntRange(min=0), help="Megabytes a parser process may use beyond its start (0: no limit).")
@click.option("--ner-model", is_flag=True,
              help="Also let the statistical NER model propose organisations and persons the rules miss "
                   "(more recall, less precision: see pipeline/model/ner/README.md).")
def ingest_command(paths: tuple[str, ...], db_path: str, max_bytes: int, max_chars: int, force: bool,
                   only_failed: bool, strict: bool, workers: int, timeout: float, max_memory_mb: int,
                   ner_model: bool) -> None:
    """Read .txt, .html and .pdf files (folders recursively) into the database.

    Example: inkoopradar ingest corpora/seed ~/Downloads/aanbestedingen --db inkoop.db
    """
    folder = os.path.dirname(os.path.abspath(db_path))
    if not os.path.isdir(folder) or not os.access(folder, os.W_OK):
        raise UsageProblem(f"cannot write the database {db_path}: folder {folder} does not exist or is not writable")
    if os.path.exists(db_path) and not os.access(db_path, os.W_OK):
        raise UsageProblem(f"cannot write the database {db_path}: the file is read-only")
    from pipeline.run import Options, ingest
    from pipeline.store import Busy

    progress = _progress_printer(sys.stderr) if sys.stderr.isatty() else None
    try:
        options = Options(max_bytes=max_bytes, max_chars=max_chars, force=force, only_failed=only_failed, workers=workers,
                          timeout=timeout, max_memory_mb=max_memory_mb, ner_model=ner_model)
        summary = ingest(list(paths), db_path, options, progress)
    except BadInput as err:
        raise UsageProblem(err.message) from err
    except Busy as err:
        raise UsageProblem(str(err)) from err
    except sqlite3.DatabaseError as err:
        raise UsageProblem(f"cannot use the database {db_path}: {err}; is it an Inkoopradar SQLite file?") from err
    if progress:
        sys.stderr.write("\n")
    click.echo(summary.line())
    if strict and summary.counts["failed"]:
        sys.exit(1)


def _fold_write_ahead_log(db_path: str) -> None:
    """Fold a left-over write-ahead log (from a killed ingest) into the file: read-only serving ignores it."""
    wal = db_path + "-wal"
    if not os.path.exists(wal) or os.path.getsize(wal) == 0:
        return
    try:
        with sqlite3.connect(db_path, timeout=5) as con:
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.DatabaseError as err:
        click.echo(f"warning: {wal} holds changes that read-only serving will not show ({err}); "
                   "run inkoopradar ingest again or copy the database somewhere writable", err=True)


def _upgrade(db_path: str) -> None:
    """Bring a database made by an older version up to the current schema and views before serving it."""
    if not os.access(db_path, os.W_OK):
        return
    from pipeline import store
    from pipeline.extractors import EXTRACTORS

    try:
        with store.write_lock(db_path):
            store.close_db(store.open_db(db_path, list(EXTRACTORS)))
    except store.Busy:
        click.echo("warning: an ingest is writing to the database; serving it as it is", err=True)


@cli.command("serve")
@click.option("--db", "db_path", required=True, type=click.Path(dir_okay=False), help="SQLite database file.")
@click.option("--port", default=8001, show_default=True, type=click.IntRange(0, 65535))
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; 127.0.0.1 keeps it on this machine.")
@click.option("--metadata", "metadata_path", type=click.Path(exists=True, dir_okay=False),
              help="A datasette-metadata.json to use instead of the packaged one.")
def serve_command(db_path: str, port: int, host: str, metadata_path: str | None) -> None:
    """Publish the database read-only with Datasette, with full-text search.

    Example: inkoopradar serve --db inkoop.db --port 8001
    """
    from pipeline import publish

    if not os.path.isfile(db_path):
        raise UsageProblem(f"no database at {db_path}; create it with: inkoopradar ingest PATH --db {db_path}")
    try:
        with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as con:
            con.execute("select count(*) from documents").fetchone()
    except sqlite3.DatabaseError as err:
        raise UsageProblem(f"{db_path} is not an Inkoopradar database ({err}); "
                           f"create one with: inkoopradar ingest PATH --db {db_path}") from err
    _fold_write_ahead_log(db_path)
    _upgrade(db_path)
    click.echo(f"Serving {db_path} read-only at http://{host}:{port}/ (Ctrl-C stops)")
    publish.serve(db_path, host, port, metadata_path)


@cli.command("train-ner")
@click.option("--data", "data_dir", required=True, type=click.Path(exists=True, file_okay=False),
              help="Folder with wikiann_nl/, europeana_nl_kb/ (and conll2002_nl/ for evaluation).")
@click.option("--output", default="pipeline/model/ner", show_default=True, type=click.Path(file_okay=False),
              help="Where to write the trained model.")
@click.option("--minutes", default=20.0, show_default=True, type=click.FloatRange(min=1),
              help="Stop training after this long and keep the best model so far.")
@click.option("--silver", "silver_paths", multiple=True, type=click.Path(exists=True),
              help="Documents (not gold) to label with the rules as in-domain training sentences.")
@click.option("--include-noncommercial", is_flag=True,
              help="Also train on WikiNEuRal (CC BY-NC-SA): the model is then for non-commercial use only.")
@click.option("--seed", default=0, show_default=True, type=int)
def train_ner_command(data_dir: str, output: str, minutes: float, silver_paths: tuple[str, ...],
                      include_noncommercial: bool, seed: int) -> None:
    """Train the statistical NER model on openly licensed data and score it on CoNLL-2002 ned.testb.

    Example: inkoopradar train-ner --data ../shared/corpora/ner --silver ../shared/corpora/pdf --minutes 20
    """
    from pathlib import Path

    from pipeline.train import TrainOptions, train_ner

    report = train_ner(TrainOptions(Path(data_dir), Path(output), minutes, include_noncommercial,
                                    silver_paths, seed))
    click.echo(f"trained on {report.data} in {report.seconds} s; model {report.size_mb} MB in {output}")
    for label, score in report.scores.items():
        click.echo(f"ned.testb {label}: P {score['p']:.3f} R {score['r']:.3f} F1 {score['f1']:.3f}")
