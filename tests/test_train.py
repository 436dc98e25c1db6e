"""train-ner's data handling, and the shipped model scored the way the command scores it."""

from __future__ import annotations

from pathlib import Path

import spacy
from click.testing import CliRunner
from spacy.tokens import DocBin

from pipeline.cli import cli
from pipeline.extractors import MODEL_DIR
from pipeline.train import TrainOptions, evaluate, prepare, read_columns, to_docbin

WIKIANN = "0\tJan\tB-PER\n1\tJansen\tI-PER\n2\twoont\tO\n3\tin\tO\n4\tHeerlen\tB-LOC\n\n0\tDe\tO\n1\tVNG\tB-ORG\n2\tadviseert\tO\n"
EUROPEANA = "Pluryn B-ORG\nwerkt O\nin O\nNijmegen B-LOC\n. O\nHet O\nkind B-MISC\nslaapt O\n. O\n"


def corpus(folder: Path) -> Path:
    (folder / "wikiann_nl").mkdir(parents=True)
    (folder / "europeana_nl_kb").mkdir()
    for name in ("train.conllu", "val.conllu"):
        (folder / "wikiann_nl" / name).write_text(WIKIANN, "utf-8")
    (folder / "europeana_nl_kb" / "enp_NL.kb.bio").write_text(EUROPEANA, "utf-8")
    return folder


def test_column_files_of_both_formats_are_read_and_europeana_is_cut_into_sentences(tmp_path: Path) -> None:
    data = corpus(tmp_path)
    wikiann = list(read_columns(data / "wikiann_nl" / "train.conllu"))
    europeana = list(read_columns(data / "europeana_nl_kb" / "enp_NL.kb.bio", split_eos=True))
    assert wikiann[0][:2] == [("Jan", "B-PER"), ("Jansen", "I-PER")] and len(wikiann) == 2
    assert len(europeana) == 2 and europeana[0][-1] == (".", "O")


def test_docbins_keep_the_entities_and_drop_misc(tmp_path: Path) -> None:
    vocab = spacy.blank("nl").vocab
    sentences = list(read_columns(corpus(tmp_path) / "europeana_nl_kb" / "enp_NL.kb.bio", split_eos=True))
    doc, = to_docbin(sentences, vocab).get_docs(vocab)
    assert [(e.text, e.label_) for e in doc.ents] == [("Pluryn", "ORG"), ("Nijmegen", "LOC")]


def test_prepare_writes_train_and_dev_sets(tmp_path: Path) -> None:
    counts = prepare(TrainOptions(corpus(tmp_path / "data"), tmp_path / "model"), tmp_path / "work")
    assert counts == {"wikiann": 2, "europeana": 2, "silver": 0, "dev": 2}
    vocab = spacy.blank("nl").vocab
    docs = list(DocBin().from_disk(tmp_path / "work" / "train.spacy").get_docs(vocab))
    assert sum(len(d.ents) for d in docs) == 5   # 3 from WikiANN, 2 from Europeana (MISC dropped)


def test_the_shipped_model_scores_per_label(tmp_path: Path) -> None:
    testb = tmp_path / "ned.testb"
    testb.write_text("-DOCSTART- -DOCSTART- O\nJan Nc B-PER\nJansen Nc I-PER\nwoont V O\nin Prep O\n"
                     "Amsterdam N B-LOC\n. Punc O\n", "utf-8")
    scores = evaluate(MODEL_DIR, testb)
    assert set(scores) == {"PER", "ORG", "LOC", "ALL"}
    assert all(0 <= s["f1"] <= 1 for s in scores.values()) and scores["LOC"]["r"] in (0.0, 1.0)


def test_train_ner_has_help_with_an_example() -> None:
    result = CliRunner().invoke(cli, ["train-ner", "--help"])
    assert result.exit_code == 0 and "Example:" in result.output and "--include-noncommercial" in result.output
