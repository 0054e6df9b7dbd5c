"""Issue 12, ninth round (safety9fa): validation sets scored once with main's code and this branch's, figures only.

Usage:
  python -m experiments.safety9fa.validate --model MODEL --set A.tsv [--set B.tsv ...] [--cache OUT.json]

Parses each set once with the model (its own safety net's level is main's code: the model's stored options, and the
worktree's code only where it is the same as main's, so run it from a tree whose bot/ is main's, or pass --cache
from such a run); then re-decides every message with this worktree's code and lexicon. Prints per set: caught
(full 112 first) and near-miss full false alarms, main -> this branch, and how many caught emergencies were lost.
No message is ever printed.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any, Dict, List

from bench.safety import read_set, trained_safety_net
from bot import PROJECT_ROOT
from bot.safety.lexicon import DangerLexicon
from bot.safety.safety_net import EMERGENCY_LEVEL, SafetyNet
from experiments.safety_recall6.redecide import cache_parse


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", type=Path, required=True)
    parser.add_argument("--set", dest="sets", type=Path, action="append", default=[])
    parser.add_argument("--cache", type=Path, required=True, help="the parse: written if absent, else read")
    parser.add_argument("--config", default="{}", help="a JSON object of options")
    args = parser.parse_args()
    if not args.cache.exists():
        items: List[Dict[str, Any]] = []
        for path in args.sets:
            items += [{"set": path.stem, "label": r.label, "text": r.text} for r in read_set(path)]
        cache_parse(args.model, items, args.cache)
    items = json.loads(args.cache.read_text())
    net = trained_safety_net(args.model)
    assert net is not None
    lexicon = DangerLexicon.load(PROJECT_ROOT / "locales" / "danger")
    mine = SafetyNet({**net._config, **json.loads(args.config)}, lexicon, net.likeness, meaning=net.meaning)
    for name in dict.fromkeys(it["set"] for it in items):
        chosen = [it for it in items if it["set"] == name]
        levels = [mine.decide(it["text"], it["ranking"], it["intent"], it["language"])["level"] for it in chosen]
        em = [(it, lv) for it, lv in zip(chosen, levels, strict=True) if it["label"] == "emergency"]
        nm = [(it, lv) for it, lv in zip(chosen, levels, strict=True) if it["label"] != "emergency"]
        main_caught = sum(it["model_level"] == EMERGENCY_LEVEL for it, _ in em)
        caught = sum(lv == EMERGENCY_LEVEL for _, lv in em)
        main_fa = sum(it["model_level"] == EMERGENCY_LEVEL for it, _ in nm)
        fa = sum(lv == EMERGENCY_LEVEL for _, lv in nm)
        lost = sum(it["model_level"] == EMERGENCY_LEVEL and lv != EMERGENCY_LEVEL for it, lv in em)
        print(f"{name}: caught {main_caught}/{len(em)} -> {caught}/{len(em)} (lost {lost}); "
              f"full false alarms {main_fa}/{len(nm)} -> {fa}/{len(nm)}")


if __name__ == "__main__":
    main()
