"""Score the language detector on resident-message files (langid7's scorer, with langid12's file roles).

The validation files V of experiments/langid12/sets.sh (tests/nlu/heldout11.tsv, dev8.tsv, dev9.tsv,
tests/safety/final10.tsv, dev14.tsv, dev15.tsv) and anything under /work/shared-dev and /work/shared-heldout
are scored once, figures only: `--errors` is refused for them.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "langid7"))

import score  # noqa: E402  (experiments/langid7/score.py)

score.VALIDATION = ("shared-dev", "shared-heldout", "heldout11", "nlu/dev8.tsv", "nlu/dev9.tsv", "final10",
                    "safety/dev14.tsv", "safety/dev15.tsv", "heldout_subs8", "heldout_subs9")

if __name__ == "__main__":
    score.main()
