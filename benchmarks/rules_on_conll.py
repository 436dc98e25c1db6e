"""How the person and organisation rules fare on text they were never tuned on: CoNLL-2002 and WikiNEuRal.

CoNLL-2002 ned.testb (Flemish news, research-only licence) and WikiNEuRal's Dutch test set
(Wikipedia, CC BY-NC-SA) mark every person and organisation; both are used to evaluate, never to
train. A CoNLL article, or 20 WikiNEuRal sentences, become one text; per text the names the rules
find are compared with the gold names as ../shared/tools/score.py compares values (case, accents and
punctuation folded; a name inside a longer one counts when it is at least half of it).
The domains differ from procurement texts: expect low organisation recall (no gazetteer knows
football clubs), and read the false positives it prints to find rules that generalise badly.

Usage: .venv/bin/python benchmarks/rules_on_conll.py [--data ../shared/corpora/ner] [--show 30]
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def articles(path: Path) -> list[list[list[tuple[str, str]]]]:
    """Return the articles of a CoNLL file as lists of sentences of (word, IOB tag)."""
    docs: list[list[list[tuple[str, str]]]] = [[]]
    sentence: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        parts = line.split()
        if parts and parts[0] == "-DOCSTART-":
            docs.append([])
            continue
        if not parts:
            if sentence:
                docs[-1].append(sentence)
            sentence = []
            continue
        sentence.append((parts[0], parts[-1]))
    return [doc for doc in docs if doc]


def sentence_groups(path: Path, size: int = 20) -> list[list[list[tuple[str, str]]]]:
    """Return the sentences of a `index<TAB>word<TAB>tag` file in groups of `size`, as pseudo-articles."""
    sentences: list[list[tuple[str, str]]] = [[]]
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 3:
            sentences.append([])
        else:
            sentences[-1].append((parts[1], parts[2].strip()))
    sentences = [s for s in sentences if s]
    return [sentences[i:i + size] for i in range(0, len(sentences), size)]


def gold_names(sentences: list[list[tuple[str, str]]]) -> dict[str, set[str]]:
    """Return the PER and ORG names an article's tags mark."""
    names: dict[str, set[str]] = {"PER": set(), "ORG": set()}
    for sentence in sentences:
        current: tuple[str, list[str]] | None = None
        for word, tag in [*sentence, ("", "O")]:
            if current and not tag.startswith("I-"):
                names.setdefault(current[0], set()).add(" ".join(current[1]))
                current = None
            if tag.startswith("B-"):
                current = (tag[2:], [word])
            elif tag.startswith("I-") and current:
                current[1].append(word)
    return names


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "corpora" / "ner")
    parser.add_argument("--show", type=int, default=30, help="How many false positives to print per label.")
    args = parser.parse_args()
    sys.path.insert(0, str(args.data.resolve().parent.parent / "tools"))
    from score import fold, fuzzy_match  # the scorer's own comparison

    from pipeline.extractors import organization, person
    from pipeline.run import analyse

    corpora = {"CoNLL-2002 ned.testb": articles(args.data / "conll2002_nl" / "ned.testb"),
               "WikiNEuRal nl test": sentence_groups(args.data / "wikineural_nl" / "test.conllu")}
    for name, texts in corpora.items():
        counts: Counter[tuple[str, str]] = Counter()
        wrong: dict[str, list[str]] = {"PER": [], "ORG": []}
        for sentences in texts:
            doc = analyse("\n".join(" ".join(word for word, _ in sentence) for sentence in sentences))
            found = {"PER": {h.value for h in person.find(doc)}, "ORG": {h.value for h in organization.find(doc)}}
            gold = gold_names(sentences)
            for label in ("PER", "ORG"):
                expected, predicted = [fold(n) for n in gold[label]], [fold(n) for n in found[label]]
                used: set[int] = set()
                for gold_name in expected:
                    hit = next((i for i, p in enumerate(predicted) if i not in used and fuzzy_match(gold_name, p)),
                               None)
                    if hit is not None:
                        used.add(hit)
                counts[label, "tp"] += len(used)
                counts[label, "gold"] += len(expected)
                counts[label, "found"] += len(predicted)
                wrong[label] += [p for i, p in enumerate(predicted) if i not in used]
        print(f"{name} ({len(texts)} texts), rules only")
        print("label  gold found      P      R     F1")
        for label in ("PER", "ORG"):
            tp, gold_n, found_n = counts[label, "tp"], counts[label, "gold"], counts[label, "found"]
            p, r = tp / max(found_n, 1), tp / max(gold_n, 1)
            print(f"{label:5} {gold_n:5} {found_n:5} {p:6.3f} {r:6.3f} {2 * p * r / max(p + r, 1e-9):6.3f}")
        for label, names in wrong.items():
            sample = random.Random(0).sample(names, min(args.show, len(names)))
            print(f"{label} false positives ({len(names)}), a sample: {', '.join(sample)}")
        print()


if __name__ == "__main__":
    main()
