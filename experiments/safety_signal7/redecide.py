"""Issue 12, seventh round: re-decide the six sets of the adoption rule from one cached parse per model.

Usage:
  python -m experiments.safety_signal7.redecide --model MODEL --parse OUT.json      # parse once, cache
  python -m experiments.safety_signal7.redecide --model MODEL --cached OUT.json [--baseline LEVELS.json]
         [--levels LEVELS.json] [--list] [--config KEY=JSON ...]

The parse keeps, per message of tests/safety tune, dev, dev5, dev6, dev7 and dev8, the classifier's ranking and
intent before the safety net and the detected language; the re-decision runs the model's own safety net (its
likeness and meaning models, its stored options) with this worktree's code and lexicon, and the given options.
Prints per set: caught (full 112 first), near-miss full false alarms, and emergencies the baseline caught and this
one loses (counted per set). `--list` prints the misses, false alarms and losses of the sets that may be read
(tune, dev, dev5, dev6, dev7); dev8 is a validation set: figures only, its messages are never printed.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any, Dict, List

from bench.safety import SETS, read_set
from bot.safety.safety_net import EMERGENCY_LEVEL, SafetyNet
from experiments.safety_recall6.redecide import (  # the same cached parse: ranking, intent, language, level
    cache_parse,
    cached_items_and_net,
)

SIX = ("tune", "dev", "dev5", "dev6", "dev7", "dev8")
READABLE = ("tune", "dev", "dev5", "dev6", "dev7")


def rows() -> List[Dict[str, Any]]:
    out: List[Dict[str, Any]] = []
    for name in SIX:
        out += [{"set": name, "i": i, "lang": r.lang, "label": r.label, "category": r.category, "text": r.text}
                for i, r in enumerate(read_set(SETS / f"{name}.tsv"))]
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", type=Path, required=True)
    parser.add_argument("--parse", type=Path, help="parse the sets with the model and write them here")
    parser.add_argument("--cached", type=Path, help="a parse written by --parse")
    parser.add_argument("--baseline", type=Path, help="levels of another run: emergencies it caught must stay caught")
    parser.add_argument("--levels", type=Path, help="write this run's levels here")
    parser.add_argument("--list", action="store_true")
    parser.add_argument("--config", action="append", default=[], metavar="KEY=JSON", help="a safety-net option to try")
    args = parser.parse_args()
    if args.parse:
        cache_parse(args.model, rows(), args.parse)
        return
    items, net, lexicon = cached_items_and_net(args.model, args.cached)
    options = {key: json.loads(value) for key, value in (c.split("=", 1) for c in args.config)}
    net = SafetyNet({**net._config, **options}, lexicon, net.likeness, meaning=net.meaning)
    reports = [net.decide(it["text"], it["ranking"], it["intent"], it["language"]) for it in items]
    keys = [f'{it["set"]}\t{it["i"]}' for it in items]
    levels = {k: r["level"] for k, r in zip(keys, reports, strict=True)}
    if args.levels:
        args.levels.write_text(json.dumps(levels, ensure_ascii=False))
    baseline = json.loads(args.baseline.read_text()) if args.baseline else {}
    report(items, reports, keys, levels, baseline, args.list)


def report(items: List[Dict[str, Any]], reports: List[Dict[str, Any]], keys: List[str], levels: Dict[str, str],
           baseline: Dict[str, str], show: bool) -> None:
    tot: Counter = Counter()
    for name in SIX:
        chosen = [(k, it, r) for k, it, r in zip(keys, items, reports, strict=True) if it["set"] == name]
        em = [(k, it, r) for k, it, r in chosen if it["label"] == "emergency"]
        nm = [(k, it, r) for k, it, r in chosen if it["label"] == "near_miss"]
        caught = sum(r["level"] == EMERGENCY_LEVEL for _, _, r in em)
        alarms = sum(r["level"] == EMERGENCY_LEVEL for _, _, r in nm)
        lost = [(k, it, r) for k, it, r in em if baseline.get(k) == EMERGENCY_LEVEL and r["level"] != EMERGENCY_LEVEL]
        gained = [1 for k, it, r in em if baseline and baseline.get(k) != EMERGENCY_LEVEL and r["level"] == EMERGENCY_LEVEL]
        tot.update(caught=caught, em=len(em), alarms=alarms, nm=len(nm), lost=len(lost), gained=len(gained))
        print(f"{name}: caught {caught}/{len(em)} (lost {len(lost)}, gained {len(gained)}), "
              f"full false alarms {alarms}/{len(nm)}")
        if name in READABLE and show:
            for _, it, r in lost:
                print(f'   LOST {it["lang"]} [{r["level"]}/{r["reason"]}] {it["intent"]["name"]} '
                      f'{it["intent"].get("confidence", 0):.2f}: {it["text"]}')
            for _, it, r in em:
                if r["level"] != EMERGENCY_LEVEL:
                    print(f'   MISS {it["lang"]} {it["category"]} [{r["level"]}/{r["reason"]}] {it["intent"]["name"]} '
                          f'{it["intent"].get("confidence", 0):.2f}: {it["text"]}')
            for _, it, r in nm:
                if r["level"] == EMERGENCY_LEVEL:
                    print(f'   ALARM {it["lang"]} {it["category"]} [{r["reason"]}] {it["intent"]["name"]} '
                          f'{it["intent"].get("confidence", 0):.2f}: {it["text"]}')
        if name == "dev8":
            per = Counter(r["reason"] for _, _, r in nm if r["level"] == EMERGENCY_LEVEL)
            print("   dev8 alarms by reason: " + ", ".join(f"{a} {n}" for a, n in per.most_common()))
    print(f"SIX: caught {tot['caught']}/{tot['em']} (lost {tot['lost']}, gained {tot['gained']}), "
          f"full false alarms {tot['alarms']}/{tot['nm']}")
    diff = sum(it.get("model_level") != levels[k] for k, it in zip(keys, items, strict=True))
    print(f"(re-decided level differs from the model's own for {diff} messages)")


if __name__ == "__main__":
    main()
