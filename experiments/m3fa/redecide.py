"""Issue 12, tenth round (m3fa): M3's full false alarms re-decided offline on one cached parse per model.

Usage:
  python -m experiments.m3fa.redecide --model MODEL --parse OUT.json        # parse the development sets once
  python -m experiments.m3fa.redecide --model MODEL --cached OUT.json [--config JSON ...] [--list]

The sets: tests/safety tune, dev, dev5, dev6, dev7, dev8 (the rule's six) and the ordinary questions of
tests/nlu/dev.tsv, dev2.tsv, dev3.tsv (`nlu`: rows not labelled emergency count as near-misses). The re-decision
runs the model's own safety net (its likeness and meaning models) with this worktree's code and lexicon and the
given options; the model's own levels (`model_level`) are the code the parse ran with. Printed per set and option
set: caught (full 112 first) and full false alarms, the model's figures beside them, emergencies lost, and the
false alarms by deciding reason. `--list` prints the false alarms and losses with their reason and signals.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any, Dict, List

from bot import PROJECT_ROOT
from bot.safety.safety_net import EMERGENCY_LEVEL, SafetyNet
from experiments.safety9fa.redecide import figures
from experiments.safety_recall6.redecide import cache_parse, cached_items_and_net, nlu_rows, safety_rows

SIX = ("tune", "dev", "dev5", "dev6", "dev7", "dev8")
NLU = ("dev", "dev2", "dev3")


def rows() -> List[Dict[str, Any]]:
    return safety_rows(SIX) + [row for name in NLU for row in nlu_rows(PROJECT_ROOT / "tests" / "nlu" / f"{name}.tsv", "nlu")]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", type=Path, required=True)
    parser.add_argument("--parse", type=Path)
    parser.add_argument("--cached", type=Path)
    parser.add_argument("--config", action="append", default=[], help="a JSON object of options")
    parser.add_argument("--list", action="store_true")
    args = parser.parse_args()
    if args.parse:
        cache_parse(args.model, rows(), args.parse)
        return
    items, net, lexicon = cached_items_and_net(args.model, args.cached)
    model_levels = [it["model_level"] for it in items]
    fm = figures(items, model_levels)
    for config in ["{}", *args.config]:
        candidate = SafetyNet({**net._config, **json.loads(config)}, lexicon, net.likeness, meaning=net.meaning)
        reports = [candidate.decide(it["text"], it["ranking"], it["intent"], it["language"]) for it in items]
        f = figures(items, [r["level"] for r in reports])
        print(f"== {config}")
        for s in (*SIX, "nlu"):
            print(f"  {s:6} caught {fm[s]['caught']}->{f[s]['caught']}/{f[s]['em']}  fa {fm[s]['fa']}->{f[s]['fa']}/{f[s]['nm']}")
        print(f"  SIX    caught {sum(fm[s]['caught'] for s in SIX)}->{sum(f[s]['caught'] for s in SIX)}  "
              f"fa {sum(fm[s]['fa'] for s in SIX)}->{sum(f[s]['fa'] for s in SIX)}")
        lost = [(it, r) for it, r, m in zip(items, reports, model_levels, strict=True)
                if it["label"] == "emergency" and m == EMERGENCY_LEVEL and r["level"] != EMERGENCY_LEVEL]
        won = sum(1 for it, r, m in zip(items, reports, model_levels, strict=True)
                  if it["label"] == "emergency" and m != EMERGENCY_LEVEL and r["level"] == EMERGENCY_LEVEL)
        print(f"  lost {len(lost)} {dict(Counter(it['set'] for it, _ in lost))}; won {won}")
        for group, sets in (("six", SIX), ("nlu", ("nlu",))):
            reasons = Counter(r["reason"] for it, r in zip(items, reports, strict=True)
                              if it["set"] in sets and it["label"] != "emergency" and r["level"] == EMERGENCY_LEVEL)
            print(f"  {group} fa by reason:", dict(reasons.most_common()))
        if args.list:
            for it, r in lost:
                print(f'   LOST {it["set"]} {it["lang"]} [{r["level"]}/{r["reason"]}] {it["text"][:140]}')
            for it, r in zip(items, reports, strict=True):
                if it["label"] != "emergency" and r["level"] == EMERGENCY_LEVEL:
                    top = it["intent"]
                    print(f'   FA {it["set"]} {it["lang"]}/{it["language"]} [{r["reason"]}] {r["categories"]} '
                          f'calm={r["calm"]} {top.get("name")} {top.get("confidence", 0):.2f} | {it["text"][:150]}')


if __name__ == "__main__":
    main()
