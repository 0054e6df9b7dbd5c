"""Issue 12, twelfth round, second part (safety13): the sets R re-decided offline on one cached parse per model.

Usage:
  python -m experiments.safety13.redecide --model MODEL --parse OUT.json      # parse R once (main's code)
  python -m experiments.safety13.redecide --model MODEL --cached OUT.json [--list]

R = tests/safety dev14, dev15, dev16, final7..final11 and the ordinary questions of tests/nlu/heldout11.tsv (`h11`)
and heldout12.tsv (`h12`): their lines not labelled emergency count as near-misses. The re-decision runs the model's
own safety net (its likeness and meaning models) with this worktree's code and lexicon; `model_level` is the level
of the code the parse ran with (main's). Printed per set: caught (full 112 first) and full false alarms, main ->
this run, emergencies lost and won, false alarms by deciding reason.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Dict, List, Sequence

from bot import PROJECT_ROOT
from bot.safety.safety_net import EMERGENCY_LEVEL
from experiments.safety9fa.redecide import figures
from experiments.safety_recall6.redecide import changed, nlu_rows, redecide_cached, safety_rows

SAFETY = ("dev14", "dev15", "dev16", "final7", "final8", "final9", "final10", "final11")
NLU = ("h11", "h12")


def rows() -> List[Dict[str, Any]]:
    nlu = PROJECT_ROOT / "tests" / "nlu"
    return (safety_rows(SAFETY) + nlu_rows(nlu / "heldout11.tsv", "h11") + nlu_rows(nlu / "heldout12.tsv", "h12"))


def main() -> None:
    redecided = redecide_cached(rows)
    if redecided is None:
        return
    print_redecided(*redecided, SAFETY, NLU)


def print_redecided(args: Any, items: List[Dict[str, Any]], reports: List[Dict[str, Any]], model_levels: List[str],
                    safety: Sequence[str], nlu: Sequence[str]) -> None:
    """Per set of `safety` and `nlu`: caught (full 112 first) and full false alarms, the parse's level -> this run;
    over them all (R; caught over `safety`); emergencies lost and won, false alarms cut and new; false alarms by deciding reason; with
    args.list each change and each false alarm left."""
    fm, f = figures(items, model_levels), figures(items, [r["level"] for r in reports])
    allsets = (*safety, *nlu)
    for s in allsets:
        print(f"  {s:7} caught {fm[s]['caught']}->{f[s]['caught']}/{f[s]['em']}  fa {fm[s]['fa']}->{f[s]['fa']}/{f[s]['nm']}")
    print(f"  R       caught {sum(fm[s]['caught'] for s in safety)}->{sum(f[s]['caught'] for s in safety)}  "
          f"fa {sum(fm[s]['fa'] for s in allsets)}->{sum(f[s]['fa'] for s in allsets)}")
    change = changed(items, reports, model_levels)
    lost, won, cut, new = change["lost"], change["won"], change["cut"], change["new"]
    print(f"  lost {len(lost)} {dict(Counter(it['set'] for it, _ in lost))}; won {len(won)}; "
          f"false alarms cut {len(cut)} {dict(Counter(it['set'] for it, _ in cut))}; new {len(new)}")
    reasons = Counter(r["reason"] for it, r in zip(items, reports, strict=True)
                      if it["label"] != "emergency" and r["level"] == EMERGENCY_LEVEL)
    print("  R fa by reason:", dict(reasons.most_common()))
    if args.list:
        for tag, group in (("LOST", lost), ("WON", won), ("CUT", cut), ("NEW", new)):
            for it, r in group:
                print(f'   {tag} {it["set"]} {it["lang"]} [{r["level"]}/{r["reason"]}] calm={r["calm"]} {it["text"][:140]}')
        for it, r in zip(items, reports, strict=True):
            if it["label"] != "emergency" and r["level"] == EMERGENCY_LEVEL:
                top = it["intent"]
                print(f'   FA {it["set"]} {it["lang"]}/{it["language"]} [{r["reason"]}] {r["categories"]} '
                      f'{top.get("name")} {top.get("confidence", 0):.2f} calm={r["calm"]} | {it["text"][:150]}')


if __name__ == "__main__":
    main()
