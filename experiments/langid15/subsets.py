"""Per file, and for its lines of 1-3 words apart, correct / unsure / wrong and the macro accuracy of a saved run of
experiments/langid7/score.py (`--save`); counts only, never a message.

    PYTHONPATH=. .venv/bin/python experiments/langid15/subsets.py RUN.json tests/language/langid14.tsv ...
"""

from __future__ import annotations

import json
import statistics
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "langid7"))

from score import rows  # noqa: E402  (experiments/langid7/score.py)

SHORT = 3


def table(name: str, found: list) -> None:
    counts: dict = defaultdict(lambda: [0, 0, 0])
    for lang, answer in found:
        counts[lang][0 if answer == lang else 1 if answer == "unsure" else 2] += 1
    total = [sum(c[i] for c in counts.values()) for i in range(3)]
    macro = statistics.mean(c[0] / sum(c) for c in counts.values())
    low = ", ".join(f"{lang} {c[0]}/{sum(c)}" for lang, c in sorted(counts.items()) if c[0] / sum(c) < 0.95)
    print(f"{name}: {total[0]} / {total[1]} / {total[2]} of {sum(total)}; macro {macro:.4f}; under 0.95: {low or '-'}")


def main() -> None:
    saved = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    for path in map(Path, sys.argv[2:]):
        every, short = [], []
        for number, _lang, text in rows(path):
            pair = saved[f"{path}:{number}"]
            every.append(pair)
            if len(text.split()) <= SHORT:
                short.append(pair)
        table(str(path), every)
        table(f"{path} (1-{SHORT} words)", short)
        dutch = [a for lang, a in every if lang == "nl"]
        print(f"  its Dutch lines: nl {dutch.count('nl')} / unsure {dutch.count('unsure')} / other "
              f"{len(dutch) - dutch.count('nl') - dutch.count('unsure')} of {len(dutch)}")


if __name__ == "__main__":
    main()
