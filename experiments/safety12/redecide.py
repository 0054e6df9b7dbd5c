"""Issue 12, twelfth round (safety12): the sets R re-decided offline on one cached parse per model.

Usage:
  python -m experiments.safety12.redecide --model MODEL --parse OUT.json      # parse R and heldout11 once
  python -m experiments.safety12.redecide --model MODEL --cached OUT.json [--list]

R = tests/safety dev14, dev15, final7, final8, final9, final10 (the rule's sets in docs/bench-safety.md, twelfth
round) and the ordinary questions of tests/nlu/heldout11.tsv (`h11`: rows not labelled emergency count as
near-misses). The re-decision runs the model's own safety net (its likeness and meaning models) with this worktree's
code and lexicon; `model_level` is the level of the code the parse ran with (main's). Printed per set: caught (full
112 first) and full false alarms, main -> this run, emergencies lost and won, false alarms by deciding reason.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Dict, List

from bot import PROJECT_ROOT
from bot.safety.safety_net import EMERGENCY_LEVEL
from experiments.safety9fa.redecide import figures
from experiments.safety_recall6.redecide import changed, nlu_rows, redecide_cached, safety_rows

R = ("dev14", "dev15", "final7", "final8", "final9", "final10")


def rows() -> List[Dict[str, Any]]:
    return safety_rows(R) + nlu_rows(PROJECT_ROOT / "tests" / "nlu" / "heldout11.tsv", "h11")


def main() -> None:
    redecided = redecide_cached(rows)
    if redecided is None:
        return
    args, items, reports, model_levels = redecided
    fm, f = figures(items, model_levels), figures(items, [r["level"] for r in reports])
    for s in (*R, "h11"):
        print(f"  {s:7} caught {fm[s]['caught']}->{f[s]['caught']}/{f[s]['em']}  fa {fm[s]['fa']}->{f[s]['fa']}/{f[s]['nm']}")
    print(f"  R       caught {sum(fm[s]['caught'] for s in R)}->{sum(f[s]['caught'] for s in R)}  "
          f"fa {sum(fm[s]['fa'] for s in R)}->{sum(f[s]['fa'] for s in R)}")
    change = changed(items, reports, model_levels)
    lost, won, cut = change["lost"], change["won"], change["cut"]
    print(f"  lost {len(lost)} {dict(Counter(it['set'] for it, _ in lost))}; won {len(won)}; "
          f"false alarms cut {len(cut)} {dict(Counter(it['set'] for it, _ in cut))}")
    reasons = Counter(r["reason"] for it, r in zip(items, reports, strict=True)
                      if it["set"] in R and it["label"] != "emergency" and r["level"] == EMERGENCY_LEVEL)
    print("  R fa by reason:", dict(reasons.most_common()))
    if args.list:
        for tag, group in (("LOST", lost), ("WON", won), ("CUT", cut)):
            for it, r in group:
                print(f'   {tag} {it["set"]} {it["lang"]} [{r["level"]}/{r["reason"]}] calm={r["calm"]} {it["text"][:140]}')
        for it, r in zip(items, reports, strict=True):
            if it["label"] != "emergency" and r["level"] == EMERGENCY_LEVEL and it["set"] != "h11":
                top = it["intent"]
                print(f'   FA {it["set"]} {it["lang"]}/{it["language"]} [{r["reason"]}] {r["categories"]} '
                      f'{top.get("name")} {top.get("confidence", 0):.2f} | {it["text"][:150]}')


if __name__ == "__main__":
    main()
