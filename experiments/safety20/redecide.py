"""Issue 12, fifteenth round (safety20): every repo set re-decided offline with this worktree's code, from the one
cached parse of main 3c48820 with M6 (/tmp/n15/parse_main.json), with the remaining full false alarms listed.

Usage (from the worktree):
  PYTHONPATH=. python -m experiments.safety20.redecide --model models/taalbrug.tar.gz --cached PARSE.json
         [--config KEY=JSON ...] [--dump OUT.json] [--alarms]

Prints what experiments.safety15.redecide prints for every repo set (all are development sets this round: in-sample),
then, with --alarms, every full false alarm left with its deciding reason, danger categories, calm kinds and the
classifier's first two intents. --dump writes one small record per row (set, label, level, reason) for comparisons.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import experiments.safety15.redecide as base
from bot.safety.safety_net import EMERGENCY_LEVEL
from experiments.safety_recall6.redecide import redecide_cached

base.UNSEEN = ()
base.UNSEEN_NLU = ()


def main() -> None:
    argv = sys.argv[1:]
    dump = alarms = None
    if "--dump" in argv:
        i = argv.index("--dump")
        dump = Path(argv[i + 1])
        del argv[i:i + 2]
    if "--alarms" in argv:
        argv.remove("--alarms")
        alarms = True
    sys.argv = [sys.argv[0], *argv]
    redecided = redecide_cached(base.rows)
    if redecided is None:
        return
    args, items, reports, model_levels = redecided
    base.report(args, items, reports, model_levels)
    left = [(it, r) for it, r in zip(items, reports, strict=True)
            if it["label"] != "emergency" and r["level"] == EMERGENCY_LEVEL]
    print(f"  full false alarms left {len(left)}; by reason {dict(Counter(r['reason'] for _, r in left).most_common())}")
    if alarms:
        for it, r in left:
            top = ", ".join(f'{x.get("name")} {x.get("confidence", 0):.2f}' for x in it["ranking"][:2])
            print(f'   ALARM {it["set"]} {it["lang"]}/{it["language"]} [{r["reason"]}] danger={r["categories"]} '
                  f'calm={r["calm"]} {top} | {it["text"]}')
    if dump:
        dump.write_text(json.dumps([{"set": it["set"], "label": it["label"], "text": it["text"], "level": r["level"],
                                     "reason": r["reason"], "model_level": m}
                                    for it, r, m in zip(items, reports, model_levels, strict=True)],
                                   ensure_ascii=False))


if __name__ == "__main__":
    main()
