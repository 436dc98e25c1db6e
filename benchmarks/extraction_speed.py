"""Full extraction against the naive stack on the development corpus: docs/s (start-up included) and date F1.

The naive stack is what one writes first: langdetect on every text and
`dateparser.search_dates(text, languages=["nl"])` over the whole text, each hit stored as a date.
Both run as fresh processes, so start-up (imports, building the spaCy pipeline) is in the time.

Usage: .venv/bin/python benchmarks/extraction_speed.py [--corpus ../shared/corpora/dev] [--workers 2] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAIVE = r'''
import sqlite3, sys
from pathlib import Path
import dateparser.search
from langdetect import DetectorFactory, detect
DetectorFactory.seed = 0
corpus, db = Path(sys.argv[1]), sys.argv[2]
con = sqlite3.connect(db)
con.execute("create table documents (id text, path text, lang text)")
con.execute("create table mentions (document_id text, kind text, value text)")
for path in sorted(corpus.glob("*.txt")):
    text = path.read_text(encoding="utf-8", errors="replace")
    lang = detect(text) if text.strip() else None
    con.execute("insert into documents values (?, ?, ?)", [path.name, str(path), lang])
    for _, when in dateparser.search.search_dates(text, languages=["nl"]) or []:
        con.execute("insert into mentions values (?, 'date', ?)", [path.name, when.date().isoformat()])
con.commit()
'''


#: the least any spaCy pipeline costs: importing spaCy and making a blank Dutch one (its tokenizer)
SPACY_FLOOR = "import spacy; spacy.blank('nl')"


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - started


def date_f1(gold: Path, db: Path, shared: Path) -> float:
    report = db.with_suffix(".json")
    subprocess.run([sys.executable, str(shared / "tools" / "score.py"), str(gold), str(db), "--kinds", "date",
                    "--json", str(report)], check=True, capture_output=True)
    return json.loads(report.read_text())["kinds"]["date"]["f1"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpora" / "dev")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--scale", type=int, default=1,
                        help="Also time a corpus of this many copies of the texts (start-up weighs less).")
    args = parser.parse_args()
    shared = args.corpus.resolve().parent.parent
    gold = args.corpus / "gold.jsonl"
    run(args.corpus, gold, shared, args.workers, args.repeat)
    if args.scale > 1:
        with tempfile.TemporaryDirectory() as tmp:
            for i in range(args.scale):
                for path in args.corpus.glob("*.txt"):
                    shutil.copy(path, Path(tmp) / f"{i:03d}-{path.name}")
            print()
            run(Path(tmp), None, shared, args.workers, args.repeat, f"{args.scale} copies of the texts")


def run(corpus: Path, gold: Path | None, shared: Path, workers: int, repeat: int, label: str = "") -> None:
    """Time both stacks on one corpus and print a table."""
    n_docs = len(list(corpus.glob("*.txt")))
    args = argparse.Namespace(corpus=corpus, workers=workers, repeat=repeat)
    inkoopradar = str(Path(sys.executable).with_name("inkoopradar"))
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, make in [
            ("full extraction", lambda db: [inkoopradar, "ingest", str(args.corpus), "--db", str(db),
                                            "--workers", str(args.workers)]),
            ("naive stack", lambda db: [sys.executable, "-c", NAIVE, str(args.corpus), str(db)]),
        ]:
            times = []
            for i in range(args.repeat):
                db = Path(tmp) / f"{name.split()[0]}-{i}.db"
                times.append(timed(make(db)))
            # the copies have other file names than the gold, so only the corpus itself is scored
            rows.append((name, statistics.median(times), date_f1(gold, db, shared) if gold else None))
    print(f"corpus: {label or args.corpus} ({n_docs} text documents); full extraction with --workers {args.workers}; "
          f"median of {args.repeat} runs, start-up included")
    print(f"{'stack':18} {'seconds':>8} {'docs/s':>8} {'date F1':>8}")
    for name, seconds, f1 in rows:
        print(f"{name:18} {seconds:8.2f} {n_docs / seconds:8.2f} {'–' if f1 is None else f'{f1:.3f}':>8}")
    print(f"speed-up: {rows[1][1] / rows[0][1]:.1f}x")
    floor = statistics.median(timed([sys.executable, "-c", SPACY_FLOOR]) for _ in range(args.repeat))
    print(f"floor: a fresh Python that only imports spaCy and builds a blank Dutch pipeline takes {floor:.2f} s; "
          f"a 3x speed-up here needs the whole run in {rows[1][1] / 3:.2f} s")


if __name__ == "__main__":
    main()
