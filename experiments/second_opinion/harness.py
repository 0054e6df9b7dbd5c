"""Offline harness of issue 14's fifth round: a second opinion beside DIET, swept on tests/nlu/dev.tsv only.

`cache` runs a trained Rasa model's own graph (spaCy, RegexFeaturizer, both CountVectorsFeaturizers,
DIET) once over the training examples (nlu/intents) and the development set, and keeps the sparse
sentence features, DIET's ranking (its top 10, as the pipeline sees it) and, for candidate (b), the
multilingual sentence vectors (bot/nlu/encoder.py). `sweep` then fits the second models on the cached
training features and simulates the FallbackClassifier for every DIET weight and threshold:

    python -m experiments.second_opinion.harness cache --model models/taalbrug.tar.gz
    python -m experiments.second_opinion.harness sweep

Never reads a held-out file. The safety net is not simulated (the dev figures of the chosen setting
are measured afterwards with the retrained pipeline, `python -m bench.nlu --dev`).
"""

from __future__ import annotations

import argparse
import logging
import os
import time
from pathlib import Path
from typing import Any, Dict, List, Sequence, Tuple

import joblib
import numpy as np
import scipy.sparse
from sklearn.linear_model import LogisticRegression
from sklearn.neighbors import NearestNeighbors
from sklearn.preprocessing import normalize

from bench.nlu import DEV, figures, read_heldout
from bot import PROJECT_ROOT
from bot.nlu.second_opinion import combine

CACHE = PROJECT_ROOT / ".rasa" / "second_opinion_cache.joblib"
WEIGHTS = (1.0, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.0)
THRESHOLDS = (0.20, 0.25, 0.30, 0.35, 0.40, 0.45, 0.50, 0.55, 0.60)
CHUNK = 256


def _nodes(runner: Any) -> Tuple[str, str]:
    names = list(runner._graph_schema.nodes)
    featurizers = [n for n in names if n.startswith("run_") and "Featurizer" in n]
    diet = next(n for n in names if n.startswith("run_DIETClassifier"))
    return max(featurizers, key=lambda n: int("".join(c for c in n if c.isdigit()) or 0)), diet


def _run(runner: Any, target: str, texts: Sequence[str]) -> List[Any]:
    from rasa.core.channels import UserMessage

    out: List[Any] = []
    for start in range(0, len(texts), CHUNK):
        batch = [UserMessage(text) for text in texts[start:start + CHUNK]]
        out.extend(runner.run(inputs={"__message__": batch}, targets=[target])[target])
    return out


def cache(model: Path) -> None:
    from rasa.core.agent import Agent
    from rasa.shared.nlu.training_data.loading import load_data

    from bot.nlu import encoder

    runner = Agent.load(str(model)).processor.graph_runner  # type: ignore[union-attr]
    featurizer, diet = _nodes(runner)
    train = [(m.get("text"), m.get("intent")) for m in load_data(str(PROJECT_ROOT / "nlu" / "intents")).intent_examples]
    dev = read_heldout(DEV)
    start = time.monotonic()
    train_messages = _run(runner, featurizer, [t for t, _ in train])
    print(f"featurized {len(train)} training examples in {time.monotonic() - start:.0f} s")
    dev_messages = _run(runner, diet, [t for _, _, t in dev])

    def sparse(messages: Sequence[Any]) -> scipy.sparse.csr_matrix:
        return scipy.sparse.vstack([m.get_sparse_features("text")[1].features for m in messages]).tocsr()

    start = time.monotonic()
    vectors_train = encoder.encode([t for t, _ in train])
    vectors_dev = encoder.encode([t for _, _, t in dev])
    print(f"encoded in {time.monotonic() - start:.0f} s")
    CACHE.parent.mkdir(exist_ok=True)
    joblib.dump({
        "model": str(model), "X_train": sparse(train_messages), "y_train": [i for _, i in train],
        "X_dev": sparse(dev_messages), "diet_dev": [m.get("intent_ranking") or [] for m in dev_messages],
        "V_train": vectors_train, "V_dev": vectors_dev,
    }, CACHE)
    print(f"cached to {CACHE}")


def _simulate(ranking: Sequence[Dict[str, Any]], threshold: float) -> str:
    if not ranking:
        return "nlu_fallback"
    return "nlu_fallback" if float(ranking[0]["confidence"]) < threshold else str(ranking[0]["name"])


def macro_f1(rows: Sequence[Tuple[str, str, str]], predicted: Sequence[str]) -> float:
    from bench.nlu import CAUGHT, f1

    pairs = [(g, g if (p in CAUGHT if g in ("unmet", "out_of_scope") else p == g) else p)
             for (_, g, _), p in zip(rows, predicted, strict=True)]
    return f1(pairs, sorted({g for g, _ in pairs}))


def second_models(data: Dict[str, Any], which: Sequence[str]) -> Dict[str, List[Dict[str, float]]]:
    """Candidate name -> per dev message, the second model's probability of each intent."""
    y = data["y_train"]
    X, Xd = normalize(data["X_train"].astype(np.float64)), normalize(data["X_dev"].astype(np.float64))
    out: Dict[str, List[Dict[str, float]]] = {}
    for name in which:
        start = time.monotonic()
        if name.startswith("lr"):  # (a): logistic regression on the pipeline's sparse features
            c = float(name.split("C")[1])
            model = LogisticRegression(C=c, max_iter=1000).fit(X, y)
            probabilities, classes = model.predict_proba(Xd), model.classes_
        elif name.startswith("enc"):  # (b): sparse features + the sentence vector (scaled) appended
            scale, c = (float(part) for part in name[3:].split("C"))
            Xe = scipy.sparse.hstack([X, scipy.sparse.csr_matrix(data["V_train"] * scale)]).tocsr()
            Xde = scipy.sparse.hstack([Xd, scipy.sparse.csr_matrix(data["V_dev"] * scale)]).tocsr()
            model = LogisticRegression(C=c, max_iter=1000).fit(Xe, y)
            probabilities, classes = model.predict_proba(Xde), model.classes_
        elif name.startswith("knn"):  # (b'): k nearest training examples in sentence-vector space
            k = int(name[3:])
            index = NearestNeighbors(n_neighbors=k, metric="cosine").fit(data["V_train"])
            distances, neighbours = index.kneighbors(data["V_dev"])
            classes = np.array(sorted(set(y)))
            position = {c: i for i, c in enumerate(classes)}
            probabilities = np.zeros((len(neighbours), len(classes)))
            for row, (ds, ns) in enumerate(zip(distances, neighbours, strict=True)):
                for d, n in zip(ds, ns, strict=True):
                    probabilities[row, position[y[n]]] += max(0.0, 1.0 - d)
                probabilities[row] /= max(probabilities[row].sum(), 1e-9)
        else:
            raise ValueError(name)
        print(f"{name}: fitted and predicted in {time.monotonic() - start:.0f} s")
        out[name] = [dict(zip(map(str, classes), map(float, p), strict=True)) for p in probabilities]
    return out


def sweep(which: Sequence[str]) -> None:
    data = joblib.load(CACHE)
    rows = read_heldout(DEV)
    print(f"cache of {data['model']}; {len(data['y_train'])} training examples, {len(rows)} dev lines")
    seconds = second_models(data, which)
    print("\n| candidate | weight | threshold | Dutch | other | unmet caught | in-scope to fallback | in-scope acc. "
          "| macro-F1 | rule mean |\n|---|---|---|---|---|---|---|---|---|---|")
    best: List[Tuple[float, float, str]] = []
    for name, probabilities in seconds.items():
        for weight in WEIGHTS:
            rankings = [combine(d, p, weight, 10) for d, p in zip(data["diet_dev"], probabilities, strict=True)]
            for threshold in THRESHOLDS:
                predicted = [_simulate(r, threshold) for r in rankings]
                f = figures(rows, predicted)
                mean = (f["in_scope_accuracy"] + f["unmet_caught"]) / 2
                best.append((mean, -f["in_scope_to_fallback"], f"{name} w={weight} t={threshold}"))
                print(f"| {name} | {weight:.1f} | {threshold:.2f} | {f['accuracy_nl']:.4f} | {f['accuracy_other']:.4f} "
                      f"| {f['unmet_caught']:.4f} | {f['in_scope_to_fallback']:.4f} | {f['in_scope_accuracy']:.4f} "
                      f"| {macro_f1(rows, predicted):.4f} | {mean:.4f} |")
    print("\nBest by the rule (mean of in-scope accuracy and unmet caught; tie: fewer in-scope to fallback):")
    for mean, lost, label in sorted(best, reverse=True)[:15]:
        print(f"  {mean:.4f}  lost {-lost:.4f}  {label}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("step", choices=["cache", "sweep"])
    parser.add_argument("--model", type=Path, default=PROJECT_ROOT / "models" / "taalbrug.tar.gz")
    parser.add_argument("--candidates", nargs="*", default=["lrC10", "lrC1", "enc0.5C10", "knn10"])
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    if args.step == "cache":
        cache(args.model)
    else:
        sweep(args.candidates)


if __name__ == "__main__":
    main()
