"""Score the language detector on resident-message files (langid7's scorer, with this round's validation files).

In the eighth round tests/nlu/dev2.tsv and tests/safety/dev8.tsv are development files (errors may be read);
the validation files, whose messages are never shown (`--errors` refused), are tests/nlu/dev3.tsv,
tests/safety/dev9.tsv and /work/shared-dev/*.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "langid7"))

import score  # noqa: E402  (experiments/langid7/score.py)

score.VALIDATION = ("tests/nlu/dev3.tsv", "tests/safety/dev9.tsv", "shared-dev", "heldout", "final")

if __name__ == "__main__":
    score.main()
