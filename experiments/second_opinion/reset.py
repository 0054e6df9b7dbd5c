"""A measuring aid: a copy of a trained Rasa model with the second opinion's DIET weight, the FallbackClassifier
threshold and the safety net's `first_opinion` re-set, without retraining.

None of the three changes what is learnt in `rasa train` (DIET, the logistic regression, the safety net's
likeness and meaning models): the weight and the threshold are read at parse time, and so is which ranking
the safety net weighs its words with. So one training of the candidate config serves the whole sweep.

    python -m experiments.second_opinion.reset MODEL.tar.gz OUT.tar.gz --weight 0.6 --threshold 0.45 [--first-opinion]
"""

from __future__ import annotations

import argparse
import json
import tarfile
import tempfile
from pathlib import Path


def reset(model: Path, out: Path, weight: float, threshold: float, first_opinion: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        with tarfile.open(model) as archive:
            archive.extractall(root)  # our own model file
        metadata = json.loads((root / "metadata.json").read_text(encoding="utf-8"))
        found = set()
        for node in metadata["predict_schema"]["nodes"].values():
            uses = node["uses"]
            if uses.endswith("SecondOpinionClassifier"):
                node["config"]["weight"] = weight
            elif uses.endswith("FallbackClassifier"):
                node["config"]["threshold"] = threshold
            elif uses.endswith("SafetyNet"):
                node["config"]["first_opinion"] = first_opinion
            else:
                continue
            found.add(uses.rsplit(".", 1)[-1])
        if found != {"SecondOpinionClassifier", "FallbackClassifier", "SafetyNet"}:
            raise SystemExit(f"{model}: expected the second opinion, the fallback and the safety net, found {found}")
        (root / "metadata.json").write_text(json.dumps(metadata), encoding="utf-8")
        with tarfile.open(out, "w:gz") as archive:
            for path in sorted(root.iterdir()):
                archive.add(path, arcname=path.name)
    print(f"wrote {out}: weight {weight}, threshold {threshold}, first_opinion {first_opinion}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--weight", type=float, required=True)
    parser.add_argument("--threshold", type=float, required=True)
    parser.add_argument("--first-opinion", action="store_true")
    args = parser.parse_args()
    reset(args.model, args.out, args.weight, args.threshold, args.first_opinion)


if __name__ == "__main__":
    main()
