"""`inkoopradar train-ner`: train the small statistical NER model the package ships.

Open data only (licences in ../shared/corpora/ner/SOURCES.md): WikiANN-nl and Europeana-NL (CC0),
optionally WikiNEuRal-nl (CC BY-NC-SA, off by default), plus in-domain silver sentences labelled by
our own rules on documents that are not in the gold corpora. CoNLL-2002 is research-only: it is used
to evaluate (ned.testb), never to train. The result is spaCy's "efficiency" NER (CNN tok2vec, ~8 MB).
"""

from __future__ import annotations

import json
import logging
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc, DocBin
from spacy.training import biluo_tags_to_spans, iob_to_biluo

log = logging.getLogger(__name__)

LABELS = ("PER", "ORG", "LOC")
SENTENCES_PER_DOC = 10
#: Europeana has no sentence breaks: cut at end punctuation, at most this many tokens
MAX_PSEUDO_SENTENCE = 60
#: silver sentences are few; repeating them gives the domain more weight
SILVER_REPEAT = 3
DEV_SENTENCES = 2000
Sentence = list[tuple[str, str]]


@dataclass(frozen=True, slots=True)
class TrainOptions:
    """What to train on, where to put the model, and for how long."""

    data_dir: Path
    output: Path
    minutes: float = 20.0
    include_noncommercial: bool = False
    silver_paths: tuple[str, ...] = ()
    seed: int = 0
    max_steps: int = 20000


@dataclass(slots=True)
class Report:
    """What a training run used and scored."""

    data: dict[str, int] = field(default_factory=dict)
    scores: dict[str, dict[str, float]] = field(default_factory=dict)
    seconds: float = 0.0
    size_mb: float = 0.0


def read_columns(path: Path, split_eos: bool = False) -> Iterator[Sentence]:
    """Yield sentences of (word, IOB tag) from a CoNLL-style file (`word ... tag` or `idx<TAB>word<TAB>tag`)."""
    sentence: Sentence = []
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            parts = line.split()
            if not parts or parts[0] == "-DOCSTART-":
                if sentence:
                    yield sentence
                sentence = []
                continue
            word = parts[1] if len(parts) >= 3 and "\t" in line and parts[0].isdigit() else parts[0]
            tag = parts[-1]
            sentence.append((word, tag))
            if split_eos and (word in {".", "!", "?"} or len(sentence) >= MAX_PSEUDO_SENTENCE):
                yield sentence
                sentence = []
    if sentence:
        yield sentence


def clean_tags(tags: list[str]) -> list[str]:
    """Return IOB2 tags with labels outside LABELS made O and stray I- tags repaired to B-.

    >>> clean_tags(["I-PER", "I-PER", "B-MISC", "I-ORG"])
    ['B-PER', 'I-PER', 'O', 'B-ORG']
    """
    result, previous = [], "O"
    for tag in tags:
        if tag != "O" and tag[2:] not in LABELS:
            tag = "O"
        if tag.startswith("I-") and previous[2:] != tag[2:]:
            tag = "B-" + tag[2:]
        result.append(tag)
        previous = tag
    return result


def to_docbin(sentences: Iterable[Sentence], vocab) -> DocBin:
    """Return a DocBin of Docs holding SENTENCES_PER_DOC sentences each, with their entities."""
    docbin = DocBin()
    group: list[Sentence] = []

    def flush() -> None:
        words = [w for s in group for w, _ in s]
        tags = clean_tags([t for s in group for _, t in s])
        starts: list[bool | int | None] = [i == 0 for s in group for i in range(len(s))]
        doc = Doc(vocab, words=words, sent_starts=starts)
        doc.ents = biluo_tags_to_spans(doc, iob_to_biluo(tags))
        docbin.add(doc)

    for sentence in sentences:
        group.append(sentence)
        if len(group) == SENTENCES_PER_DOC:
            flush()
            group = []
    if group:
        flush()
    return docbin


def silver_sentences(paths: Iterable[str]) -> Iterator[Sentence]:
    """Yield sentences of our own documents labelled by the rules: ORG and PER from the entity ruler,
    LOC for municipalities. Only sentences with at least one capitalised word are kept."""
    from pipeline.errors import BadInput
    from pipeline.extractors import municipality
    from pipeline.run import analyse
    from pipeline.sources import find_paths, read_source
    from pipeline.text import read_text

    for path in find_paths(list(paths)):
        try:
            source = read_source(path)
            if source.skip:
                continue
            text = read_text(source)
        except BadInput:
            continue
        doc = analyse(text.text[:200_000], text.entities)
        places = {(h.start, h.end) for h in municipality.find(doc)}
        for sent in doc.sents:
            words = [t.text for t in sent if not t.is_space]
            if len(words) < 4 or not any(w[:1].isupper() for w in words[1:]):
                continue
            tags = []
            for token in sent:
                if token.is_space:
                    continue
                label = token.ent_type_ if token.ent_type_ in {"ORG", "PER"} else ""
                if not label and any(s <= token.idx < e for s, e in places):
                    label = "LOC"
                inside = label and token.ent_iob_ == "I" if token.ent_type_ else label and any(
                    s < token.idx < e for s, e in places)
                tags.append("O" if not label else ("I-" if inside else "B-") + label)
            yield list(zip(words, tags))


def _write(path: Path, docbin: DocBin) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    docbin.to_disk(path)


def prepare(options: TrainOptions, workdir: Path) -> dict[str, int]:
    """Write train.spacy and dev.spacy into workdir; return sentence counts per source."""
    import spacy

    vocab = spacy.blank("nl").vocab
    data = options.data_dir
    rng = random.Random(options.seed)
    counts: dict[str, int] = {}
    train: list[Sentence] = []
    sources = [("wikiann", data / "wikiann_nl" / "train.conllu", False),
               ("europeana", data / "europeana_nl_kb" / "enp_NL.kb.bio", True)]
    if options.include_noncommercial:
        sources += [("wikineural", data / "wikineural_nl" / name, False) for name in ("val.conllu", "test.conllu")]
    for name, path, split in sources:
        sentences = list(read_columns(path, split_eos=split))
        counts[name] = counts.get(name, 0) + len(sentences)
        train += sentences
    silver = list(silver_sentences(options.silver_paths)) if options.silver_paths else []
    counts["silver"] = len(silver)
    train += silver * SILVER_REPEAT
    rng.shuffle(train)
    dev = list(read_columns(data / "wikiann_nl" / "val.conllu"))
    rng.shuffle(dev)
    counts["dev"] = min(DEV_SENTENCES, len(dev))
    _write(workdir / "train.spacy", to_docbin(train, vocab))
    _write(workdir / "dev.spacy", to_docbin(dev[:DEV_SENTENCES], vocab))
    return counts


def evaluate(model_dir: Path, testb: Path) -> dict[str, dict[str, float]]:
    """Return exact-span P/R/F1 per label and overall on CoNLL-2002 ned.testb (MISC left out), one sentence a Doc."""
    import spacy

    nlp = spacy.load(model_dir)
    gold_docs = [to_docbin([s], nlp.vocab) for s in read_columns(testb)]
    counts = {label: [0, 0, 0] for label in LABELS}
    for docbin in gold_docs:
        gold = next(iter(docbin.get_docs(nlp.vocab)))
        predicted = nlp(Doc(nlp.vocab, words=[t.text for t in gold]))
        g = {(e.start, e.end, e.label_) for e in gold.ents}
        p = {(e.start, e.end, e.label_) for e in predicted.ents if e.label_ in LABELS}
        for label in LABELS:
            gl, pl = {x for x in g if x[2] == label}, {x for x in p if x[2] == label}
            counts[label][0] += len(gl & pl)
            counts[label][1] += len(pl - gl)
            counts[label][2] += len(gl - pl)
    scores = {}
    total = [sum(c[i] for c in counts.values()) for i in range(3)]
    for label, (tp, fp, fn) in [*counts.items(), ("ALL", total)]:
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        scores[label] = {"p": round(precision, 3), "r": round(recall, 3), "f1": round(f1, 3)}
    return scores


def train_ner(options: TrainOptions) -> Report:
    """Train the NER model and copy the best one to options.output; return what was used and scored."""
    report = Report()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="inkoopradar-ner-") as tmp:
        work = Path(tmp)
        report.data = prepare(options, work)
        config = work / "config.cfg"
        subprocess.run([sys.executable, "-m", "spacy", "init", "config", str(config), "--lang", "nl",
                        "--pipeline", "ner", "--optimize", "efficiency", "--force"], check=True,
                       capture_output=True)
        env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
        command = [sys.executable, "-m", "spacy", "train", str(config), "--output", str(work / "out"),
                   "--paths.train", str(work / "train.spacy"), "--paths.dev", str(work / "dev.spacy"),
                   "--training.max_steps", str(options.max_steps), "--system.seed", str(options.seed)]
        try:
            subprocess.run(command, check=True, env=env, timeout=options.minutes * 60)
        except subprocess.TimeoutExpired:
            log.info("time limit reached; keeping the best model so far")
        best = work / "out" / "model-best"
        if not best.exists():
            raise RuntimeError("training stopped before the first evaluation; give it more --minutes")
        if options.output.exists():
            card = options.output / "README.md"
            kept = card.read_text(encoding="utf-8") if card.exists() else None
            shutil.rmtree(options.output)
        else:
            kept = None
        shutil.copytree(best, options.output)
        if kept:
            (options.output / "README.md").write_text(kept, encoding="utf-8")  # the model card is edited by hand
        meta_path = options.output / "meta.json"
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        meta.update(name="inkoopradar_ner", description="Dutch PER/ORG/LOC NER trained by inkoopradar train-ner",
                    license="see README.md: WikiANN (no licence stated; Wikipedia text CC BY-SA), Europeana-NL (CC0)"
                            + ("; WikiNEuRal (CC BY-NC-SA)" if options.include_noncommercial else ""))
        meta_path.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    testb = options.data_dir / "conll2002_nl" / "ned.testb"
    if testb.exists():
        report.scores = evaluate(options.output, testb)
    report.seconds = round(time.monotonic() - started, 1)
    report.size_mb = round(sum(f.stat().st_size for f in options.output.rglob("*") if f.is_file()) / 1e6, 1)
    (options.output / "training.json").write_text(json.dumps(
        {"data": report.data, "scores_conll2002_testb": report.scores, "seconds": report.seconds,
         "size_mb": report.size_mb, "include_noncommercial": options.include_noncommercial,
         "silver_paths": [re.sub(r"^.*/shared/", "shared/", str(Path(p).resolve())) for p in options.silver_paths],
         "seed": options.seed, "minutes": options.minutes}, indent=1) + "\n", encoding="utf-8")
    return report
