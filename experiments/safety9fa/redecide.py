"""Issue 12, ninth round (safety9fa): full false alarms re-decided offline on one cached parse per model.

Usage:
  python -m experiments.safety9fa.redecide --model MODEL --parse OUT.json     # parse the thirteen sets once
  python -m experiments.safety9fa.redecide --model MODEL --cached OUT.json [--config JSON ...] [--list]

The sets: tests/safety tune, dev, dev5, dev6, dev7, dev8 (the rule's six; dev8 figures only) and the retired
heldout.tsv, final.tsv..final6.tsv (readable since the ninth round). The re-decision runs the model's own safety net
(its likeness and meaning models) with this worktree's code and lexicon and the given options; the model's own
levels (`model_level`) are main's code. Printed per set and option set: caught (full 112 first) and near-miss full
false alarms, main's figures beside them, and emergencies main caught that this run loses. `--list` prints the
retired and readable sets' false alarms with their deciding signal (never dev8's messages).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any, Dict, List

from bench.safety import SETS, read_set
from bot.safety.safety_net import EMERGENCY_LEVEL, SafetyNet
from experiments.safety_recall6.redecide import cache_parse, cached_items_and_net

SIX = ("tune", "dev", "dev5", "dev6", "dev7", "dev8")
RETIRED = ("heldout", "final", "final2", "final3", "final4", "final5", "final6")
NOT_PRINTED = ("dev8",)


def rows() -> List[Dict[str, Any]]:
    out: List[Dict[str, Any]] = []
    for name in (*SIX, *RETIRED):
        out += [{"set": name, "i": i, "lang": r.lang, "label": r.label, "category": r.category, "text": r.text}
                for i, r in enumerate(read_set(SETS / f"{name}.tsv"))]
    return out


def figures(items: List[Dict[str, Any]], levels: List[str]) -> Dict[str, Counter]:
    out: Dict[str, Counter] = {}
    for it, level in zip(items, levels, strict=True):
        c = out.setdefault(it["set"], Counter())
        full = level == EMERGENCY_LEVEL
        c["em" if it["label"] == "emergency" else "nm"] += 1
        c["caught" if it["label"] == "emergency" else "fa"] += full and 1 or 0
    return out


def listing(items: List[Dict[str, Any]], reports: List[Dict[str, Any]], lost: List[Any]) -> None:
    """The losses and full false alarms of the sets that may be read (never dev8's messages)."""
    for it, r in lost:
        if it["set"] not in NOT_PRINTED:
            print(f'   LOST {it["set"]} {it["lang"]} [{r["level"]}/{r["reason"]}] {it["text"][:120]}')
    for it, r in zip(items, reports, strict=True):
        if it["label"] != "emergency" and r["level"] == EMERGENCY_LEVEL and it["set"] not in NOT_PRINTED:
            print(f'   FA {it["set"]} {it["lang"]}/{it["language"]} [{r["reason"]}] {r["categories"]} '
                  f'calm={r["calm"]} {it["intent"].get("name")} {it["intent"].get("confidence", 0):.2f} | '
                  f'{it["text"][:140]}')


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", type=Path, required=True)
    parser.add_argument("--parse", type=Path)
    parser.add_argument("--cached", type=Path)
    parser.add_argument("--config", action="append", default=[], help="a JSON object of options")
    parser.add_argument("--list", action="store_true")
    parser.add_argument("--main-list", action="store_true", help="list main's own false alarms")
    args = parser.parse_args()
    if args.parse:
        cache_parse(args.model, rows(), args.parse)
        return
    items, net, lexicon = cached_items_and_net(args.model, args.cached)
    main_levels = [it["model_level"] for it in items]
    fm = figures(items, main_levels)
    if args.main_list:
        for it in items:
            if it["set"] not in NOT_PRINTED and it["label"] != "emergency" and it["model_level"] == EMERGENCY_LEVEL:
                print("MAIN-FA", it["set"], it["lang"], it["language"], it["intent"].get("name"), "|", it["text"])
    for config in ["{}", *args.config]:
        candidate = SafetyNet({**net._config, **json.loads(config)}, lexicon, net.likeness, meaning=net.meaning)
        reports = [candidate.decide(it["text"], it["ranking"], it["intent"], it["language"]) for it in items]
        levels = [r["level"] for r in reports]
        f = figures(items, levels)
        print(f"== {config}")
        for group in (SIX, RETIRED):
            for s in group:
                print(f"  {s:8} caught {fm[s]['caught']}->{f[s]['caught']}/{f[s]['em']}  "
                      f"fa {fm[s]['fa']}->{f[s]['fa']}/{f[s]['nm']}")
            print(f"  {'SUM':8} caught {sum(fm[s]['caught'] for s in group)}->{sum(f[s]['caught'] for s in group)}  "
                  f"fa {sum(fm[s]['fa'] for s in group)}->{sum(f[s]['fa'] for s in group)}")
        lost = [(it, r) for it, r, m in zip(items, reports, main_levels, strict=True)
                if it["label"] == "emergency" and m == EMERGENCY_LEVEL and r["level"] != EMERGENCY_LEVEL]
        print(f"  lost vs main: {len(lost)}", Counter(it["set"] for it, _ in lost))
        reasons = Counter(r["reason"] for it, r in zip(items, reports, strict=True)
                          if it["label"] != "emergency" and r["level"] == EMERGENCY_LEVEL and it["set"] in RETIRED)
        print("  retired fa by reason:", dict(reasons))
        if args.list:
            listing(items, reports, lost)


if __name__ == "__main__":
    main()
