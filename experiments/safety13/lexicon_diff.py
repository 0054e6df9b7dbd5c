"""Issue 12, safety13: what a lexicon change does to the lexicon hits of every repo safety message.

Usage: python -m experiments.safety13.lexicon_diff --before /work/main/locales/danger [--after locales/danger]

For each line of tests/safety/*.tsv: danger terms (acute, signal) lost or gained, and calm kinds gained, between
two lexicon folders. An emergency that loses a danger term, or gains a calm kind, is printed: those are the lines a
lexicon change could move from the full 112 answer to the question "is it an emergency?".
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from bench.safety import SETS, read_set
from bot import PROJECT_ROOT
from bot.safety.lexicon import DangerLexicon


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", type=Path, required=True)
    parser.add_argument("--after", type=Path, default=PROJECT_ROOT / "locales" / "danger")
    args = parser.parse_args()
    before, after = DangerLexicon.load(args.before), DangerLexicon.load(args.after)
    counts: Counter = Counter()
    for path in sorted(SETS.glob("*.tsv")):
        for row in read_set(path):
            b, a = before.scan(row.text), after.scan(row.text)
            danger = lambda hits: {(h.language, h.term, h.tier) for h in hits if h.tier != "calm"}  # noqa: E731
            calm = lambda hits: {(h.language, h.category, h.term) for h in hits if h.tier == "calm"}  # noqa: E731
            lost, gained = danger(b) - danger(a), danger(a) - danger(b)
            new_calm = calm(a) - calm(b)
            kind = "EM" if row.label == "emergency" else "NM"
            counts.update({f"{kind} lost danger": bool(lost), f"{kind} gained danger": bool(gained),
                           f"{kind} gained calm": bool(new_calm)})
            if kind == "EM" and (lost or new_calm or gained) or kind == "NM" and (gained or lost):
                print(f"{kind} {path.stem} {row.lang} lost={sorted(lost)} gained={sorted(gained)} "
                      f"calm+={sorted(new_calm)} | {row.text[:140]}")
    print(dict(counts))


if __name__ == "__main__":
    main()
