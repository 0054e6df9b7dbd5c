"""Score the language detector on resident-message files (langid7's scorer, with langid13's file roles).

langid12's validation files stay refused for `--errors`, and so do this round's: the twelfth round's fresh sets
(tests/nlu/heldout12.tsv, tests/safety/final11.tsv), tests/safety/dev16.tsv, dev17.tsv, heldout_subs10 and
anything under /tmp/n13 (dev18): figures only.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "langid7"))

import score  # noqa: E402  (experiments/langid7/score.py)

score.VALIDATION = ("shared-dev", "shared-heldout", "heldout11", "nlu/dev8.tsv", "nlu/dev9.tsv", "final10",
                    "safety/dev14.tsv", "safety/dev15.tsv", "heldout_subs8", "heldout_subs9", "heldout_subs10",
                    "heldout12", "final11", "safety/dev16.tsv", "safety/dev17.tsv", "/tmp/n13")

if __name__ == "__main__":
    score.main()
