"""Issue 12, eleventh round (safety11): full false alarms of new authors re-decided offline on one cached parse.

Usage:
  python -m experiments.safety11.redecide --model MODEL --parse OUT.json [--only-d]   # parse the sets once
  python -m experiments.safety11.redecide --model MODEL --cached OUT.json [--config JSON ...] [--list] [--kinds]

The sets: D = tests/safety final7, final8, final9, dev12, dev13 (the rule's development sets), OLD = tune, dev,
dev5..dev11, and the ordinary questions of tests/nlu/heldout10.tsv (`h10`: rows not labelled emergency count as
near-misses). The re-decision runs the model's own safety net (its likeness and meaning models) with this worktree's
code and lexicon; `model_level` is the level of the code the parse ran with (main's). Printed per set: caught (full
112 first) and full false alarms, main -> this run, emergencies lost and won, false alarms by deciding reason.
`--list` prints the false alarms, losses and misses ending in nlu_fallback with their reason.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any, Dict, List

from bot import PROJECT_ROOT
from bot.safety.safety_net import EMERGENCY_LEVEL, SafetyNet
from bot.vocabulary import FALLBACK
from experiments.safety9fa.redecide import figures
from experiments.safety_recall6.redecide import cache_parse, cached_items_and_net, nlu_rows, safety_rows

D = ("final7", "final8", "final9", "dev12", "dev13")
OLD = ("tune", "dev", "dev5", "dev6", "dev7", "dev8", "dev9", "dev10", "dev11")


def rows(only_d: bool) -> List[Dict[str, Any]]:
    if only_d:
        return safety_rows(D)
    return safety_rows((*D, *OLD)) + nlu_rows(PROJECT_ROOT / "tests" / "nlu" / "heldout10.tsv", "h10")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", type=Path, required=True)
    parser.add_argument("--parse", type=Path)
    parser.add_argument("--only-d", action="store_true")
    parser.add_argument("--cached", type=Path)
    parser.add_argument("--config", action="append", default=[], help="a JSON object of options")
    parser.add_argument("--list", action="store_true")
    args = parser.parse_args()
    if args.parse:
        cache_parse(args.model, rows(args.only_d), args.parse)
        return
    items, net, lexicon = cached_items_and_net(args.model, args.cached)
    model_levels = [it["model_level"] for it in items]
    fm = figures(items, model_levels)
    present = [s for s in (*D, *OLD, "h10") if s in fm]
    for config in ["{}", *args.config]:
        candidate = SafetyNet({**net._config, **json.loads(config)}, lexicon, net.likeness, meaning=net.meaning)
        reports = [candidate.decide(it["text"], it["ranking"], it["intent"], it["language"]) for it in items]
        f = figures(items, [r["level"] for r in reports])
        print(f"== {config}")
        for s in present:
            print(f"  {s:7} caught {fm[s]['caught']}->{f[s]['caught']}/{f[s]['em']}  "
                  f"fa {fm[s]['fa']}->{f[s]['fa']}/{f[s]['nm']}")
        for group, sets in (("D", D), ("OLD", OLD)):
            if all(s in fm for s in sets):
                print(f"  {group:7} caught {sum(fm[s]['caught'] for s in sets)}->{sum(f[s]['caught'] for s in sets)}  "
                      f"fa {sum(fm[s]['fa'] for s in sets)}->{sum(f[s]['fa'] for s in sets)}")
        lost = [(it, r) for it, r, m in zip(items, reports, model_levels, strict=True)
                if it["label"] == "emergency" and m == EMERGENCY_LEVEL and r["level"] != EMERGENCY_LEVEL]
        won = [(it, r) for it, r, m in zip(items, reports, model_levels, strict=True)
               if it["label"] == "emergency" and m != EMERGENCY_LEVEL and r["level"] == EMERGENCY_LEVEL]
        print(f"  lost {len(lost)} {dict(Counter(it['set'] for it, _ in lost))}; "
              f"won {len(won)} {dict(Counter(it['set'] for it, _ in won))}")
        reasons = Counter(r["reason"] for it, r in zip(items, reports, strict=True)
                          if it["set"] in D and it["label"] != "emergency" and r["level"] == EMERGENCY_LEVEL)
        print("  D fa by reason:", dict(reasons.most_common()))
        if args.list:
            for it, r in lost:
                print(f'   LOST {it["set"]} {it["lang"]} [{r["level"]}/{r["reason"]}] {it["text"][:140]}')
            for it, r in won:
                print(f'   WON {it["set"]} {it["lang"]} [{r["reason"]}] {it["text"][:140]}')
            for it, r in zip(items, reports, strict=True):
                if it["label"] == "emergency" and r["level"] != EMERGENCY_LEVEL and it["intent"]["name"] == FALLBACK:
                    print(f'   FB {it["set"]} {it["lang"]}/{it["language"]} {it["category"]} '
                          f'[{r["level"]}/{r["reason"]}] {r["categories"]} | {it["text"][:150]}')
            for it, r in zip(items, reports, strict=True):
                if it["label"] != "emergency" and r["level"] == EMERGENCY_LEVEL and it["set"] != "h10":
                    top = it["intent"]
                    print(f'   FA {it["set"]} {it["lang"]}/{it["language"]} [{r["reason"]}] {r["categories"]} '
                          f'calm={r["calm"]} {top.get("name")} {top.get("confidence", 0):.2f} | {it["text"][:150]}')


if __name__ == "__main__":
    main()
