"""`make safety-arbiter`: learn the safety net's arbiter (bot.safety.arbiter) from the repo's labelled lines.

Reads the sets of LEARNT_FROM: tests/safety/<name>.tsv (label emergency or near_miss) and tests/nlu/<name>.tsv
(`emergency` lines are emergencies, every other line an ordinary question), fits the arbiter (emergency vs the rest), keeps its KEEP
largest weights and writes them, with their source, licence and sizes, to bot/safety/data/arbiter.json. The same
lines give the same file (liblinear with a fixed seed).
"""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path
from typing import Dict, List, Tuple

from bot import PROJECT_ROOT
from bot.safety.arbiter import Arbiter
from bot.safety.safety_net import SafetyNet

SAFETY_SETS = PROJECT_ROOT / "tests" / "safety"
NLU_SETS = PROJECT_ROOT / "tests" / "nlu"
KEEP = 100_000  # weights kept (the largest in absolute value): about 3 MB of JSON
STRENGTH = 1.0  # logistic regression's C
SOURCE = ("the project's own test sets: tests/safety/*.tsv (emergencies and near-misses) and tests/nlu/*.tsv "
          "(emergency lines and ordinary questions), written for Taalbrug by its authors; "
          "built by `make safety-arbiter` (scripts/safety_arbiter.py)")
LICENCE = "the project's own licence (the test sets are the project's)"


# The sets the committed weights were learnt from: every labelled set of the repo when safety17 was built (the
# fourteenth round), and the sets that judged that round, added by the fifteenth (A15). A set added later (a round's
# judges) is learnt from only when a round adds its name here and rebuilds, so that `make safety-arbiter` keeps giving
# the committed file.
LEARNT_SAFETY: Tuple[str, ...] = (
    "dev", "dev10", "dev11", "dev12", "dev13", "dev14", "dev15", "dev16", "dev17", "dev18", "dev5", "dev6", "dev7",
    "dev8", "dev9", "final", "final10", "final11", "final13", "final14", "final2", "final3", "final4", "final5",
    "final6", "final7", "final8", "final9", "heldout", "tune",
    # fifteenth round (A15): the sets that judged the fourteenth round, spent since
    "dev19", "final15", "final16", "final17", "final18",
)
LEARNT_NLU: Tuple[str, ...] = (
    "dev", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8", "dev9", "heldout", "heldout10", "heldout11",
    "heldout12", "heldout13", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "heldout8", "heldout9",
    "heldout_new", "heldout_subs", "heldout_subs10", "heldout_subs2", "heldout_subs3", "heldout_subs4",
    "heldout_subs5", "heldout_subs6", "heldout_subs7", "heldout_subs8", "heldout_subs9",
    "heldout14",  # fifteenth round (A15)
)


def labelled_sets() -> Dict[str, List[Tuple[str, bool]]]:
    """Every labelled line of the repo as (text, is_emergency), by set: `<name>` for tests/safety/<name>.tsv,
    `nlu:<name>` for tests/nlu/<name>.tsv. One set is one author."""
    sets: Dict[str, List[Tuple[str, bool]]] = {}
    for folder, prefix, column, emergency, names in ((SAFETY_SETS, "", "label", "emergency", LEARNT_SAFETY),
                                                     (NLU_SETS, "nlu:", "intent", "emergency", LEARNT_NLU)):
        for path in sorted(folder / f"{name}.tsv" for name in names):
            with path.open(encoding="utf-8", newline="") as handle:
                sets[prefix + path.stem] = [(row["text"], row[column] == emergency)
                                            for row in csv.DictReader(handle, delimiter="\t") if row["text"]]
    return sets


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(SafetyNet.get_default_config()["arbiter_path"]))
    args = parser.parse_args()
    sets = labelled_sets()
    examples = [example for lines in sets.values() for example in lines]
    arbiter = Arbiter.fit(examples, STRENGTH, KEEP)
    about = {"source": SOURCE, "licence": LICENCE, "sets": len(sets), "lines": len(examples),
             "emergencies": sum(label for _, label in examples), "strength": STRENGTH, "kept": arbiter.size}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(arbiter.as_data(**about), ensure_ascii=False, indent=0), encoding="utf-8")
    print(f"{args.out}: {arbiter.size} weights from {len(examples)} lines of {len(sets)} sets")


if __name__ == "__main__":
    main()
