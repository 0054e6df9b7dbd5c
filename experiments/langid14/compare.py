"""Compare two saved runs of experiments/langid7/score.py (`--save`) line by line: per language, which lines moved.

Prints, per language, the moves between correct / unsure / wrong (counts only, no message), the lines of another
language newly answered with that language, and the totals; `--rule` checks the round's rule (README.md) for the
set: no correct -> wrong, at most `--unsure` correct -> unsure per language, total wrong not up.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path


def kind(lang: str, answer: str) -> str:
    return "correct" if answer == lang else "unsure" if answer == "unsure" else "wrong"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path)
    parser.add_argument("--rule", action="store_true", help="exit 1 when the round's rule is broken")
    parser.add_argument("--unsure", type=int, default=1, help="correct -> unsure allowed per language")
    args = parser.parse_args()
    old, new = (json.loads(p.read_text(encoding="utf-8")) for p in (args.old, args.new))
    moves: Counter = Counter()
    taken: Counter = Counter()
    totals = {"old": Counter(), "new": Counter()}
    for key, (lang, before) in old.items():
        after = new[key][1]
        totals["old"][kind(lang, before)] += 1
        totals["new"][kind(lang, after)] += 1
        if before != after:
            moves[(lang, f"{kind(lang, before)}->{kind(lang, after)}" + (f" ({after})" if kind(lang, after) == "wrong" else ""))] += 1
            if after not in (lang, "unsure"):
                taken[after] += 1
    for (lang, move), n in sorted(moves.items()):
        print(f"{lang}\t{move}\t{n}")
    for code, n in sorted(taken.items()):
        print(f"newly answered {code} on another language's line: {n}")
    for name, c in totals.items():
        print(f"{name}: correct/unsure/wrong {c['correct']}/{c['unsure']}/{c['wrong']}")
    if args.rule:
        lost_wrong = sum(n for (lang, m), n in moves.items() if m.startswith("correct->wrong"))
        lost_unsure = Counter()
        for (lang, m), n in moves.items():
            if m == "correct->unsure":
                lost_unsure[lang] += n
        broken = lost_wrong or any(n > args.unsure for n in lost_unsure.values()) or \
            totals["new"]["wrong"] > totals["old"]["wrong"]
        print("RULE", "BROKEN" if broken else "kept")
        sys.exit(1 if broken else 0)


if __name__ == "__main__":
    main()
