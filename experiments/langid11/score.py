"""Score the language detector on resident-message files (langid7's scorer, with the eleventh round's file roles).

In the eleventh round every file under tests/nlu and tests/safety is a development file (errors may be read), except
tests/nlu/heldout7.tsv and heldout8.tsv, which are not scored. The validation files, whose messages are never shown
(`--errors` refused), are those under /work/shared-dev and /work/shared-heldout.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "langid7"))

import score  # noqa: E402  (experiments/langid7/score.py)

score.VALIDATION = ("shared-dev", "shared-heldout", "heldout7", "heldout8")

if __name__ == "__main__":
    score.main()
