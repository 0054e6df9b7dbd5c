"""Issue 12, thirteenth round (safety14): the sets R14 re-decided offline on one cached parse of M6.

Usage:
  python -m experiments.safety14.redecide --model MODEL --parse OUT.json      # parse R14 once (main's code)
  python -m experiments.safety14.redecide --model MODEL --cached OUT.json [--config KEY=JSON ...] [--list]

R14 = every set of tests/safety, the emergencies of every tests/nlu/*.tsv set (`nlu-<name>`), and the ordinary
questions of tests/nlu/heldout11.tsv (`h11`) and heldout12.tsv (`h12`): lines not labelled emergency count as
near-misses. The re-decision runs the model's own safety net (its likeness and meaning models) with this worktree's
code and lexicon and the --config options; `model_level` is the level of the code the parse ran with (main's).
Printed as experiments.safety13.redecide prints R.
"""

from __future__ import annotations

from typing import Any, Dict, List

from bench.safety import SETS
from bot import PROJECT_ROOT
from experiments.safety13.redecide import print_redecided
from experiments.safety_recall6.redecide import nlu_rows, redecide_cached, safety_rows

NLU = PROJECT_ROOT / "tests" / "nlu"
ORDINARY = {"heldout11.tsv": "h11", "heldout12.tsv": "h12"}


def rows() -> List[Dict[str, Any]]:
    out = safety_rows(sorted(path.stem for path in SETS.glob("*.tsv")))
    for path in sorted(NLU.glob("*.tsv")):
        tag = ORDINARY.get(path.name)
        out += [r for r in nlu_rows(path, tag or f"nlu-{path.stem}") if tag or r["label"] == "emergency"]
    return out


def main() -> None:
    redecided = redecide_cached(rows)
    if redecided is None:
        return
    items = redecided[1]
    sets = sorted({it["set"] for it in items} - set(ORDINARY.values()))
    print_redecided(*redecided, sets, tuple(ORDINARY.values()))


if __name__ == "__main__":
    main()
