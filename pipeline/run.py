"""The only module that knows the order of stages, and the per-document error boundary.

source -> text -> language -> spaCy Doc -> extractors -> records -> store.
A BadInput (or any unexpected error) while reading gives a `failed` document with the reason;
an error inside one extractor gives a `problems` row while the other extractors' mentions land.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc
from spacy.util import filter_spans

from pipeline import store
from pipeline.pool import MEMORY_MB, TIMEOUT_SECONDS, Limits, Pool
from pipeline.errors import BadInput
from pipeline.extractors import EXTRACTORS, build_pipeline, load_ner_model
from pipeline.language import detect_language
from pipeline.records import (Document, Mention, Problem, document_id, make_mentions, make_pages,
                              municipality_entities, named_entities)
from pipeline.sources import (MAX_BYTES, MAX_CHARS, Source, display_path, find_paths, media_type_of,
                              read_source, sha256_of)
from pipeline.text import read_text

log = logging.getLogger(__name__)

#: the language the extractors are written for
TARGET_LANGUAGE = "nl"


def version() -> str:
    """Return the installed package version."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("inkoopradar")
    except PackageNotFoundError:
        return "0+unknown"


@dataclass(frozen=True, slots=True)
class Options:
    """How an ingest run treats its inputs."""

    max_bytes: int = MAX_BYTES
    force: bool = False
    only_failed: bool = False
    #: worker processes; 0 parses in this process, without time or memory limits
    workers: int = 1
    timeout: float = TIMEOUT_SECONDS
    max_memory_mb: int = MEMORY_MB
    #: longer texts are cut here before extraction, and the cut is recorded as a problem
    max_chars: int = MAX_CHARS
    #: also run the statistical NER model where the rules found nothing (lowers precision; see its card)
    ner_model: bool = False


@dataclass(slots=True)
class Summary:
    """What an ingest run did: counts per outcome and the failures with their reasons."""

    run_id: int
    total: int
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(
        ("ok", "failed", "skipped", "unchanged"), 0))
    failures: list[tuple[str, str]] = field(default_factory=list)
    problems: int = 0

    def line(self) -> str:
        """Return the one-line summary a person reads at the end of a run."""
        c = self.counts
        text = (f"{self.total} files: {c['ok']} ok, {c['failed']} failed, {c['skipped']} skipped, "
                f"{c['unchanged']} unchanged")
        if self.problems:
            text += f"; {self.problems} extractor problems (see the problems table)"
        if c["failed"]:
            text += "; see documents where status = 'failed' for the reasons"
        return text


Progress = Callable[[int, int, Summary], None]


def analyse(text: str, entities: tuple[tuple[int, int, str], ...] = (), ner_model: bool = False) -> Doc:
    """Return the spaCy Doc of a text, with the names its source marked (entity hints) kept as entities.

    With ner_model, the statistical model adds organisations and persons only where the rules found
    nothing: capitalised spans outside every rule entity.
    """
    nlp = build_pipeline()
    doc = nlp.make_doc(text)
    # kb_id "source" marks names the document itself declares (a notice's buyer or contact person)
    spans = [doc.char_span(start, end, label=label, kb_id="source", alignment_mode="expand")
             for start, end, label in entities]
    doc.ents = filter_spans([span for span in spans if span is not None])
    for _, component in nlp.pipeline:
        doc = component(doc)
    model = load_ner_model() if ner_model else None
    if model is not None:
        taken = {i for ent in doc.ents for i in range(ent.start, ent.end)}
        extra = []
        for ent in model(text).ents:
            span = doc.char_span(ent.start_char, ent.end_char, label=ent.label_)
            if (span is not None and ent.label_ in {"ORG", "PER"} and span.text[:1].isupper()
                    and not taken & set(range(span.start, span.end))):
                extra.append(span)
        doc.ents = filter_spans([*doc.ents, *extra])
    return doc


def extract(doc_id: str, text: str, page_starts: tuple[int, ...] = (),
            entities: tuple[tuple[int, int, str], ...] = (), ner_model: bool = False
            ) -> tuple[list[Mention], list[Problem]]:
    """Run every extractor over the text; an extractor that raises becomes a Problem, not a crash."""
    spacy_doc = analyse(text, entities, ner_model)
    mentions: list[Mention] = []
    problems: list[Problem] = []
    for kind, module in EXTRACTORS.items():
        name = f"{kind}/{module.VERSION}"
        try:
            mentions += make_mentions(doc_id, text, kind, name, module.find(spacy_doc), page_starts)
        except Exception as err:  # the error boundary: one extractor must not cost the others
            log.exception("extractor %s failed on document %s", name, doc_id)
            problems.append(Problem(doc_id, f"extract:{kind}", f"{type(err).__name__}: {err}"))
    return mentions, problems


def process(source: Source, options: Options = Options()) -> store.Outcome:
    """Return the records for one Source; never raises for a bad document."""
    path = display_path(source.path)  # file names need not be UTF-8; the database holds text
    doc_id = document_id(path)
    base = Document(id=doc_id, path=path, sha256=source.sha256, media_type=source.media_type,
                    status="skipped", error=source.skip)
    if source.skip:
        return store.Outcome(base)
    try:
        text = read_text(source)
    except BadInput as err:
        return store.Outcome(dataclasses.replace(base, status="failed", error=display_path(err.message)))
    except MemoryError:
        return store.Outcome(dataclasses.replace(
            base, status="failed", error=f"{source.path}: reading needs more memory than the limit allows; "
                                         "raise --max-memory to try again"))
    except Exception as err:  # a reader library bug must not stop the batch
        log.exception("reading %s failed", source.path)
        return store.Outcome(dataclasses.replace(
            base, status="failed",
            error=f"{path}: unexpected error while reading ({type(err).__name__}: {err}); "
                  "the file may be damaged, please report it if it opens elsewhere"))
    cut: Problem | None = None
    if len(text.text) > options.max_chars:
        cut = Problem(doc_id, "read", f"text cut at {options.max_chars:,} of {len(text.text):,} characters; "
                                      "raise --max-chars to extract all of it")
        text = dataclasses.replace(text, text=text.text[:options.max_chars],
                                   entities=tuple(e for e in text.entities if e[1] <= options.max_chars))
    language = detect_language(text.text)
    document = dataclasses.replace(
        base, status="ok", error=None, text=text.text, title=text.title, source_url=text.source_url,
        published=text.published, lang=language.code, lang_prob=language.prob,
        n_pages=len(text.page_starts) or None, n_chars=len(text.text), text_extractor=text.extractor)
    mentions, problems = extract(doc_id, text.text, text.page_starts, text.entities, options.ner_model)
    if cut:
        problems.append(cut)
    if language.code != TARGET_LANGUAGE:
        problems.append(Problem(doc_id, "language",
                                f"document language is {language.code or 'unknown'} (p={language.prob}); "
                                "the extractors are written for Dutch, so expect fewer mentions"))
    return store.Outcome(document, make_pages(doc_id, text.text, text.page_starts), mentions, problems,
                         named_entities(mentions))


def _needs_work(path: str, known: dict[str, tuple[str, str]], options: Options) -> bool:
    stored = known.get(document_id(display_path(path)))
    if options.only_failed:
        return stored is not None and stored[1] == "failed"
    if options.force or stored is None:
        return True
    try:
        return sha256_of(path) != stored[0]
    except OSError:
        return True  # let read_source record why it cannot be read


def ingest(roots: list[str], db_path: str, options: Options = Options(),
           progress: Progress | None = None) -> Summary:
    """Ingest every file below the roots into the database and return what happened.

    Unchanged files (same path, same sha256) are left alone unless options.force is set.
    Raises BadInput when a root does not exist; sqlite3 errors when the database cannot be written.
    """
    paths = find_paths(roots)
    with store.write_lock(db_path):
        return _ingest(paths, roots, db_path, options, progress)


def _ingest(paths: list[str], roots: list[str], db_path: str, options: Options, progress: Progress | None) -> Summary:
    db = store.open_db(db_path, list(EXTRACTORS))
    run_id = store.start_run(db, version(), roots, len(paths))
    store.write_entities(db, municipality_entities())
    summary = Summary(run_id=run_id, total=len(paths))
    known = store.known_documents(db)
    todo = [path for path in paths if _needs_work(path, known, options)]
    if not options.only_failed:
        summary.counts["unchanged"] = len(paths) - len(todo)
    status = "interrupted"
    try:
        with store.Batch(db) as batch:
            for done, outcome in enumerate(_outcomes(todo, options, batch.commit), summary.counts["unchanged"] + 1):
                batch.tick()
                _write(db, outcome, run_id)
                doc = outcome.document
                summary.counts[doc.status] += 1
                summary.problems += sum(1 for p in outcome.problems if p.stage.startswith("extract:"))
                if doc.status == "failed":
                    summary.failures.append((doc.path, doc.error or ""))
                if progress:
                    progress(done, len(paths), summary)
        status = "finished"
    finally:
        store.finish_run(db, run_id, summary.counts, status)
        store.close_db(db)
    return summary


def _outcomes(paths: list[str], options: Options, idle: Callable[[], None] | None = None
              ) -> Iterator[store.Outcome]:
    """Yield the outcome of each path in order: in worker processes under limits, or here with workers=0.

    `idle` is called while the workers have had nothing to hand over for a second.
    """
    if options.workers == 0 or not paths:
        for path in paths:
            yield _read_and_process(path, options)
        return
    warm_up(options)
    pool = Pool(options.workers, _work, _lost, Limits(options.timeout, options.max_memory_mb))
    yield from pool.map([(path, options) for path in paths], idle)


def warm_up(options: Options = Options()) -> None:
    """Build everything extraction loads lazily (spaCy pipeline, tables, language profiles) in this process.

    Forked workers then share it instead of each building its own copy while the files wait.
    """
    text = "Op 13 maart 2020 kocht de gemeente Heerlen jeugdhulp in bij Stichting Pluryn."
    detect_language(text)
    extract("warm-up", text, ner_model=options.ner_model)


def _work(task: tuple[str, Options]) -> store.Outcome:
    return _read_and_process(*task)


def _lost(task: tuple[str, Options], reason: str) -> store.Outcome:
    return _failed(task[0], reason)


def _failed(path: str, reason: str) -> store.Outcome:
    """Return a failed outcome for a path that could not be read or parsed."""
    try:
        sha = sha256_of(path)
    except OSError:
        sha = ""
    shown = display_path(path)
    return store.Outcome(Document(id=document_id(shown), path=shown, sha256=sha, media_type=media_type_of(path),
                                  status="failed", error=display_path(f"{path}: {reason}")))


def _read_and_process(path: str, options: Options) -> store.Outcome:
    try:
        source = read_source(path, options.max_bytes)
    except BadInput as err:
        return _failed(path, err.message.removeprefix(f"{path}: "))
    return process(source, options)


def _write(db, outcome: store.Outcome, run_id: int) -> None:
    doc = outcome.document
    duplicate_of = store.first_with_sha256(db, doc.sha256, doc.id) if doc.status == "ok" else None
    document = dataclasses.replace(doc, duplicate_of=duplicate_of, ingested_at=store.now())
    store.write_outcome(db, dataclasses.replace(outcome, document=document), run_id)
