"""Where the time goes: start-up pieces and per-document stages of full extraction, one process.

Prints milliseconds per document for language detection, the spaCy pipeline (tokenizer, sentences,
entity ruler) and each extractor, and the seconds each start-up step takes. Use it before and after
optimising; extraction_speed.py gives the end-to-end figure.

Usage: .venv/bin/python benchmarks/stages.py [--corpus ../shared/corpora/dev] [--repeat 3]
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STARTED = time.perf_counter()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpora" / "dev")
    parser.add_argument("--repeat", type=int, default=3, help="Passes over the corpus (the first warms caches).")
    args = parser.parse_args()

    clock = time.perf_counter()
    startup: dict[str, float] = {}

    def step(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        startup[name] = now - clock
        clock = now

    import spacy  # noqa: F401

    step("import spacy")
    from pipeline import language, run
    from pipeline.extractors import EXTRACTORS, build_pipeline

    step("import pipeline")
    build_pipeline()
    step("build spaCy pipeline")
    language.detect_language("Dit is een korte Nederlandse zin.")
    step("load langdetect profiles")
    run.extract("warm-up", "Op 13 maart 2020 kocht de gemeente Heerlen in bij Stichting Pluryn.")
    step("first extraction (lazy tables)")

    texts = [path.read_text(encoding="utf-8") for path in sorted(args.corpus.glob("*.txt"))]
    nlp = build_pipeline()
    spent: dict[str, float] = defaultdict(float)
    for _ in range(args.repeat):
        for text in texts:
            t0 = time.perf_counter()
            language.detect_language(text)
            t1 = time.perf_counter()
            doc = nlp.make_doc(text)
            t2 = time.perf_counter()
            for name, component in nlp.pipeline:
                t = time.perf_counter()
                doc = component(doc)
                spent[f"pipe {name}"] += time.perf_counter() - t
            spent["detect language"] += t1 - t0
            spent["pipe tokenizer"] += t2 - t1
            for kind, module in EXTRACTORS.items():
                t = time.perf_counter()
                hits = list(module.find(doc))
                spent[f"find {kind}"] += time.perf_counter() - t
                t = time.perf_counter()
                run.make_mentions("x", text, kind, kind, hits)
                spent["make mentions"] += time.perf_counter() - t
    n = len(texts) * args.repeat
    print(f"start-up ({time.perf_counter() - STARTED:.2f} s to here, interpreter not counted)")
    for name, seconds in startup.items():
        print(f"  {name:32} {seconds:6.3f} s")
    print(f"per document ({len(texts)} texts, {sum(map(len, texts)) // len(texts):,} chars on average, {args.repeat} passes)")
    for name, seconds in sorted(spent.items(), key=lambda item: -item[1]):
        print(f"  {name:32} {1000 * seconds / n:6.2f} ms")
    print(f"  {'total':32} {1000 * sum(spent.values()) / n:6.2f} ms")


if __name__ == "__main__":
    main()
