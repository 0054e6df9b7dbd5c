"""Issue 12, fourteenth round (safety16): every repo set re-decided offline on one cached parse, the thirteenth
round's fresh sets (final13, dev18, heldout13) included, since they are development sets now.

Usage:
  python -m experiments.safety16.redecide --model MODEL --parse OUT.json      # parse R once (main's code)
  python -m experiments.safety16.redecide --model MODEL --cached OUT.json [--list] [--config KEY=JSON]

Prints what experiments/safety15/redecide.py prints (per set caught and full false alarms, main -> this run; lost,
won, cut, new), on every tests/safety/*.tsv and tests/nlu/*.tsv set.
"""

from __future__ import annotations

from typing import Any, Dict, List

from bench.safety import SETS
from bot import PROJECT_ROOT
from experiments.safety15.redecide import report
from experiments.safety_recall6.redecide import nlu_rows, redecide_cached, safety_rows

NLU = PROJECT_ROOT / "tests" / "nlu"


def rows() -> List[Dict[str, Any]]:
    return (safety_rows(sorted(path.stem for path in SETS.glob("*.tsv")))
            + [row for path in sorted(NLU.glob("*.tsv")) for row in nlu_rows(path, f"nlu:{path.stem}")])


def main() -> None:
    redecided = redecide_cached(rows)
    if redecided is not None:
        report(*redecided)


if __name__ == "__main__":
    main()
