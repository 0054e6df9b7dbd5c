"""Issue 12, fourteenth round (safety17): parse every labelled line of the repo once with the shipped model.

Usage:
  python -m experiments.safety17.parse --model MODEL --parse OUT.json

R = every tests/safety/*.tsv set and every tests/nlu/*.tsv set (tagged `nlu:<name>`; `emergency` lines are
emergencies, every other line an ordinary question, counted as a near-miss). Keeps per line the classifier's
ranking and intent before the safety net, the detected language and the level main's code gave; the arbiter's
grouped cross-validation (experiments.safety17.cv) re-decides it offline.
"""

from __future__ import annotations

from typing import Any, Dict, List

from bench.safety import SETS
from bot import PROJECT_ROOT
from experiments.safety_recall6.redecide import nlu_rows, redecide_cached, safety_rows

NLU = PROJECT_ROOT / "tests" / "nlu"


def rows() -> List[Dict[str, Any]]:
    """Every labelled line of tests/safety and tests/nlu, tagged with its set (one set = one author)."""
    return safety_rows(sorted(path.stem for path in SETS.glob("*.tsv"))) + \
        [row for path in sorted(NLU.glob("*.tsv")) for row in nlu_rows(path, f"nlu:{path.stem}")]


if __name__ == "__main__":
    redecide_cached(rows)
