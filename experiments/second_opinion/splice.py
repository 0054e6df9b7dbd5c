"""A measuring aid, never a model to ship: the shipped Rasa model with SecondOpinionClassifier spliced in after DIET.

A full `make train` retrains DIET (40 minutes on the loaded machine of this round), and a retrained DIET is
not the DIET the sweep was simulated with. This script writes a copy of a trained model whose predict graph
gets the component right after DIET (`needs` rewired, the FallbackClassifier threshold set), with the
logistic regression fitted exactly as `SecondOpinionClassifier.train()` would fit it on that model's own
featurizers (the harness's cached sentence features of nlu/intents, rows scaled to length 1, C as given).
So `python -m bench.nlu --dev --model OUT` and `python -m bench.safety --model OUT` measure the chosen
setting with the safety net and the sub-answers in place, on the same DIET as the sweep.

    python -m experiments.second_opinion.splice OUT.tar.gz --weight 0.5 --C 10 --threshold 0.45
"""

from __future__ import annotations

import argparse
import json
import tarfile
import tempfile
from pathlib import Path

import joblib
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import normalize

from bot import PROJECT_ROOT
from bot.nlu.second_opinion import MODEL_FILE
from experiments.second_opinion.harness import CACHE

NODE = "run_bot.nlu.second_opinion.SecondOpinionClassifier"
RESOURCE = "train_bot.nlu.second_opinion.SecondOpinionClassifier"


def splice(model: Path, out: Path, weight: float, c: float, threshold: float) -> None:
    data = joblib.load(CACHE)  # built from `model` (or a byte-identical copy): the caller's duty
    print(f"cache built from {data['model']}; splicing into {model}")
    classifier = LogisticRegression(C=c, max_iter=1000).fit(normalize(data["X_train"].astype(np.float64)),
                                                             data["y_train"])
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        with tarfile.open(model) as archive:
            archive.extractall(root)  # our own model file
        metadata = json.loads((root / "metadata.json").read_text(encoding="utf-8"))
        nodes = metadata["predict_schema"]["nodes"]
        diet = next(name for name in nodes if name.startswith("run_DIETClassifier"))
        for node in nodes.values():
            if node.get("needs", {}).get("messages") == diet:
                node["needs"]["messages"] = NODE
            if node["uses"].endswith("FallbackClassifier"):
                node["config"]["threshold"] = threshold
        nodes[NODE] = {
            "needs": {"messages": diet}, "uses": "bot.nlu.second_opinion.SecondOpinionClassifier",
            "constructor_name": "load", "fn": "process", "config": {"weight": weight, "C": c},
            "eager": True, "is_target": False, "is_input": False,
            "resource": {"name": RESOURCE, "output_fingerprint": "spliced"},
        }
        (root / "metadata.json").write_text(json.dumps(metadata), encoding="utf-8")
        (root / "components" / RESOURCE).mkdir()
        joblib.dump(classifier, root / "components" / RESOURCE / MODEL_FILE)
        with tarfile.open(out, "w:gz") as archive:
            for path in sorted(root.iterdir()):
                archive.add(path, arcname=path.name)
    print(f"wrote {out}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--model", type=Path, default=PROJECT_ROOT / "models" / "taalbrug.tar.gz")
    parser.add_argument("--weight", type=float, default=0.5)
    parser.add_argument("--C", type=float, default=10.0)
    parser.add_argument("--threshold", type=float, default=0.45)
    args = parser.parse_args()
    splice(args.model, args.out, args.weight, args.C, args.threshold)


if __name__ == "__main__":
    main()
