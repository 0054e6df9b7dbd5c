"""Issue 12, safety18: every repo set re-decided offline on one cached parse (the full false alarms round).

Usage:
  python -m experiments.safety18.redecide --model MODEL --parse OUT.json      # parse every repo set once (main's code)
  python -m experiments.safety18.redecide --model MODEL --cached OUT.json [--list] [--config KEY=JSON ...]

R = every tests/safety/*.tsv set and every tests/nlu/*.tsv set, the fresh sets of the thirteenth round included
(final13, dev18, final14, heldout13: development sets now, so every figure is in-sample). Printed as in
experiments.safety15.redecide: per set caught (full 112 first) and full false alarms, main -> this checkout; the
changes (emergencies lost and won, false alarms cut and new), with --list each of them.
"""

from __future__ import annotations

from typing import Any, Dict, List

from bench.safety import SETS
from bot.safety.safety_net import NONE
from experiments.safety15.redecide import NLU, report
from experiments.safety_recall6.redecide import nlu_rows, redecide_cached, safety_rows


def rows() -> List[Dict[str, Any]]:
    """Every repo set, safety sets tagged with their name, NLU sets with `nlu:<name>`."""
    return safety_rows(sorted(path.stem for path in SETS.glob("*.tsv"))) + [
        row for path in sorted(NLU.glob("*.tsv")) for row in nlu_rows(path, f"nlu:{path.stem}")]


def main() -> None:
    redecided = redecide_cached(rows)
    if redecided is not None:
        report(*redecided)
        _, items, reports, before = redecided
        unseen = [(b, r["level"]) for it, r, b in zip(items, reports, before, strict=True) if it["label"] == "emergency"]
        print(f"  emergencies shown no 112 at all (level none): {sum(b == NONE for b, _ in unseen)} -> "
              f"{sum(a == NONE for _, a in unseen)}; shown it before, not now: "
              f"{sum(b != NONE and a == NONE for b, a in unseen)}")


if __name__ == "__main__":
    main()
