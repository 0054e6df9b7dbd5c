"""Compare ways of choosing a sub-answer on Taalbrug's own examples, split by language and by phrasing.

Not part of the runtime: the numbers behind the choice in docs/nlu-pipeline.md
("Sub-answers"). examples.tsv holds the sub-answer examples of nlu/intents (lang,
intent, sub, text; the language is the one they were written in). Two splits, never
by random line:

- by language: every language is held out in turn; the classifiers learn from the
  other 22 languages' examples (pessimistic: in production every language has examples);
- by phrasing: each language's examples of a sub-answer were written as four (Dutch:
  ten or more) different ways to ask, in the same order in every language ("forgot
  the PIN", "blocked after a wrong PIN", "lost the letter", "new codes"); fold k holds
  out the k-th way to ask in every language at once, so the held-out phrasing was
  never seen in any language.

Never the held-out file tests/nlu/heldout_subs.tsv.

    .venv/bin/python -m experiments.sub_answers.compare
"""

from __future__ import annotations

import csv
import time
from collections import defaultdict
from pathlib import Path
from typing import Callable, Dict, List, Sequence, Tuple

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.svm import LinearSVC

from bot.nlu.sub_answers import SubAnswerSelector, fit, normalise

HERE = Path(__file__).parent
Row = Tuple[str, str, str, str]  # lang, topic, sub, text


class NearestExample:
    """Retrieval over the sub-answers' examples: the sub-answer of the most similar example (cosine, char n-grams)."""

    def __init__(self) -> None:
        self.vectors = TfidfVectorizer(analyzer="char_wb", preprocessor=normalise, ngram_range=(2, 5), sublinear_tf=True)

    def fit(self, texts: Sequence[str], names: Sequence[str]) -> "NearestExample":
        self.matrix = self.vectors.fit_transform(texts)
        self.names = np.array(names)
        return self

    def predict(self, texts: Sequence[str]) -> np.ndarray:
        similarity = (self.vectors.transform(texts) @ self.matrix.T).toarray()
        return self.names[similarity.argmax(axis=1)]


def _char_lr(low: int, high: int, c: float = 10.0) -> Callable[[], Pipeline]:
    config = {"min_ngram": low, "max_ngram": high, "C": c}
    return lambda: _Fitted(lambda texts, names: fit(texts, names, config))


def _word_lr() -> "_Fitted":
    return _Fitted(lambda t, n: Pipeline([
        ("words", TfidfVectorizer(analyzer="word", preprocessor=normalise, ngram_range=(1, 2), sublinear_tf=True)),
        ("classifier", LogisticRegression(C=10.0, max_iter=2000, class_weight="balanced")),
    ]).fit(t, n))


def _char_word_lr() -> "_Fitted":
    return _Fitted(lambda t, n: Pipeline([
        ("features", FeatureUnion([
            ("chars", TfidfVectorizer(analyzer="char_wb", preprocessor=normalise, ngram_range=(2, 5), sublinear_tf=True)),
            ("words", TfidfVectorizer(analyzer="word", preprocessor=normalise, sublinear_tf=True)),
        ])),
        ("classifier", LogisticRegression(C=10.0, max_iter=2000, class_weight="balanced")),
    ]).fit(t, n))


def _char_svm() -> "_Fitted":
    return _Fitted(lambda t, n: Pipeline([
        ("chars", TfidfVectorizer(analyzer="char_wb", preprocessor=normalise, ngram_range=(2, 5), sublinear_tf=True)),
        ("classifier", LinearSVC(C=1.0, class_weight="balanced")),
    ]).fit(t, n))


class _Fitted:
    def __init__(self, make: Callable) -> None:
        self.make = make

    def fit(self, texts: Sequence[str], names: Sequence[str]) -> "_Fitted":
        self.model = self.make(list(texts), list(names))
        return self

    def predict(self, texts: Sequence[str]) -> np.ndarray:
        return self.model.predict(list(texts))

    def proba(self, texts: Sequence[str]) -> np.ndarray:
        if not hasattr(self.model[-1], "predict_proba"):
            return np.ones(len(texts))
        return self.model.predict_proba(list(texts)).max(axis=1)


CANDIDATES: Dict[str, Callable[[], object]] = {
    "char_wb 2-5, logistic regression (chosen)": _char_lr(2, 5),
    "char_wb 1-4, logistic regression": _char_lr(1, 4),
    "char_wb 2-5, logistic regression, C=1": _char_lr(2, 5, 1.0),
    "words 1-2, logistic regression": _word_lr,
    "char_wb 2-5 + words, logistic regression": _char_word_lr,
    "char_wb 2-5, linear SVM": _char_svm,
    "nearest example (retrieval, cosine)": NearestExample,
}


def load(path: Path = HERE / "examples.tsv") -> List[Row]:
    with path.open(encoding="utf-8") as handle:
        return [(r["lang"], r["intent"], r["sub"], r["text"]) for r in csv.DictReader(handle, delimiter="\t")]


def by_language(rows: Sequence[Row], make: Callable[[], object]) -> Dict[str, List[Tuple[str, str, float]]]:
    """Leave one language out: per held-out language, (right sub, predicted sub, confidence) of each example."""
    results: Dict[str, List[Tuple[str, str, float]]] = defaultdict(list)
    for lang in sorted({r[0] for r in rows}):
        for topic in sorted({r[1] for r in rows}):
            train = [r for r in rows if r[0] != lang and r[1] == topic]
            test = [r for r in rows if r[0] == lang and r[1] == topic]
            model = make().fit([r[3] for r in train], [r[2] for r in train])  # type: ignore[attr-defined]
            texts = [r[3] for r in test]
            predicted = model.predict(texts)
            confidence = model.proba(texts) if hasattr(model, "proba") else np.ones(len(texts))
            results[lang] += [(r[2], str(p), float(c)) for r, p, c in zip(test, predicted, confidence, strict=True)]
    return results


def by_phrasing(rows: Sequence[Row], make: Callable[[], object], folds: int = 4) -> Dict[str, List[Tuple[str, str, float]]]:
    """Fold k holds out the k-th example (of four) of each language and sub-answer, in every language at once."""
    position: List[int] = []
    seen: Dict[Tuple[str, str, str], int] = defaultdict(int)
    for lang, topic, sub, _ in rows:
        position.append(seen[(lang, topic, sub)] % folds)
        seen[(lang, topic, sub)] += 1
    results: Dict[str, List[Tuple[str, str, float]]] = defaultdict(list)
    for fold in range(folds):
        for topic in sorted({r[1] for r in rows}):
            train = [r for r, k in zip(rows, position, strict=True) if k != fold and r[1] == topic]
            test = [r for r, k in zip(rows, position, strict=True) if k == fold and r[1] == topic]
            model = make().fit([r[3] for r in train], [r[2] for r in train])  # type: ignore[attr-defined]
            texts = [r[3] for r in test]
            confidence = model.proba(texts) if hasattr(model, "proba") else np.ones(len(texts))
            results_for = zip(test, model.predict(texts), confidence, strict=True)
            for r, p, c in results_for:
                results[r[0]].append((r[2], str(p), float(c)))
    return results


def _report(name: str, results: Dict[str, List[Tuple[str, str, float]]]) -> None:
    flat = [x for v in results.values() for x in v]
    accuracy = np.mean([right == got for right, got, _ in flat])
    nl = np.mean([right == got for right, got, _ in results["nl"]])
    other = np.mean([right == got for lang, v in results.items() if lang != "nl" for right, got, _ in v])
    print(f"{name:45s} all {accuracy:.3f}  nl {nl:.3f}  other {other:.3f}")


def _thresholds(results: Dict[str, List[Tuple[str, str, float]]]) -> None:
    flat = [x for v in results.values() for x in v]
    for threshold in (0.0, 0.25, 0.3, 0.35, 0.4, 0.5):
        right = np.mean([r == g and c >= threshold for r, g, c in flat])
        general = np.mean([c < threshold for _, _, c in flat])
        wrong = np.mean([r != g and c >= threshold for r, g, c in flat])
        print(f"  threshold {threshold:.2f}: right {right:.3f}  general answer {general:.3f}  wrong sub-answer {wrong:.3f}")
    print("  per language (right/total): " + "  ".join(
        f"{lang} {sum(r == g for r, g, _ in v)}/{len(v)}" for lang, v in sorted(results.items())))


def main() -> None:
    rows = load()
    print(f"{len(rows)} examples, {len({r[0] for r in rows})} languages\n")
    chosen = {}
    for split, run in (("by language (each held out in turn)", by_language), ("by phrasing (4 folds)", by_phrasing)):
        print(f"split {split}")
        for name, make in CANDIDATES.items():
            results = run(rows, make)
            _report(name, results)
            if "chosen" in name:
                chosen[split] = results
        print()
    for split, results in chosen.items():
        print(f"chosen, split {split}; a message below the threshold gets the general answer (counted wrong)")
        _thresholds(results)
    _costs(rows)


def _costs(rows: Sequence[Row]) -> None:
    """What the chosen component costs: training on all examples, and one message's choice."""
    from rasa.shared.nlu.training_data.message import Message
    from rasa.shared.nlu.training_data.training_data import TrainingData

    messages = [Message(data={"text": t, "intent": topic, "metadata": {"intent": {"sub": sub}}}) for _, topic, sub, t in rows]
    selector = SubAnswerSelector({})
    start = time.perf_counter()
    selector.train(TrainingData(messages))
    trained = time.perf_counter() - start
    texts = [r[3] for r in rows[:200]]
    start = time.perf_counter()
    for text in texts:
        selector.process([Message(data={"text": text, "intent": {"name": "id_card", "confidence": 0.9}})])
    per_message = (time.perf_counter() - start) / len(texts)
    print(f"\ncost: training {trained:.2f} s for {len(rows)} examples; {per_message * 1000:.2f} ms per message")


if __name__ == "__main__":
    main()
