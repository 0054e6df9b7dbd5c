"""Score the language detector on resident-message files (langid7's scorer, with langid11b's file roles).

Every file under tests/nlu and tests/safety is a development file (errors may be read) except this round's:
tests/nlu/heldout11.tsv, dev8.tsv, heldout_subs8.tsv and tests/safety/final10.tsv, dev14.tsv, and anything under
/work/shared-dev and /work/shared-heldout. For those `--errors` is refused: their messages are never shown.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "langid7"))

import score  # noqa: E402  (experiments/langid7/score.py)

score.VALIDATION = ("shared-dev", "shared-heldout", "heldout7", "heldout8", "heldout11", "nlu/dev8.tsv",
                    "heldout_subs8", "final10", "safety/dev14.tsv")

if __name__ == "__main__":
    score.main()
