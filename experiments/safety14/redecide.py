"""Issue 12, thirteenth round (safety14): the sets R14 re-decided offline on one cached parse of M6.

Usage:
  python -m experiments.safety14.redecide --model MODEL --parse OUT.json      # parse R14 once (main's code)
  python -m experiments.safety14.redecide --model MODEL --cached OUT.json [--config KEY=JSON ...] [--list]

R14 = every set of tests/safety, the emergencies of every tests/nlu/*.tsv set, and the ordinary questions of
tests/nlu/heldout11.tsv (`h11`) and heldout12.tsv (`h12`): lines not labelled emergency count as near-misses. The
re-decision runs the model's own safety net (its likeness and meaning models) with this worktree's code and lexicon,
with the safety-net options given by --config on top; `model_level` is the level of the code the parse ran with
(main's). Printed per set: caught (full 112 first) and full false alarms, main -> this run; emergencies lost and won;
false alarms by deciding reason; with --list each loss, each cut and each false alarm left.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any, Dict, List

from bench.safety import SETS
from bot import PROJECT_ROOT
from bot.safety.safety_net import EMERGENCY_LEVEL, SafetyNet
from experiments.safety9fa.redecide import figures
from experiments.safety_recall6.redecide import cache_parse, cached_items_and_net, changed, nlu_rows, safety_rows

NLU = PROJECT_ROOT / "tests" / "nlu"
ORDINARY = {"h11": "heldout11.tsv", "h12": "heldout12.tsv"}


def safety_sets() -> List[str]:
    return sorted(path.stem for path in SETS.glob("*.tsv"))


def rows() -> List[Dict[str, Any]]:
    out = safety_rows(safety_sets())
    for path in sorted(NLU.glob("*.tsv")):
        tag = next((t for t, name in ORDINARY.items() if name == path.name), "")
        out += [r for r in nlu_rows(path, tag or f"nlu-{path.stem}") if tag or r["label"] == "emergency"]
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", type=Path, required=True)
    parser.add_argument("--parse", type=Path)
    parser.add_argument("--cached", type=Path)
    parser.add_argument("--config", action="append", default=[], metavar="KEY=JSON", help="a safety-net option")
    parser.add_argument("--list", action="store_true")
    args = parser.parse_args()
    if args.parse:
        cache_parse(args.model, rows(), args.parse)
        return
    items, net, lexicon = cached_items_and_net(args.model, args.cached)
    options = {key: json.loads(value) for key, value in (c.split("=", 1) for c in args.config)}
    candidate = SafetyNet({**net._config, **options}, lexicon, net.likeness, meaning=net.meaning)
    reports = [candidate.decide(it["text"], it["ranking"], it["intent"], it["language"]) for it in items]
    model_levels = [it["model_level"] for it in items]
    fm, f = figures(items, model_levels), figures(items, [r["level"] for r in reports])
    for s in sorted(f):
        if fm[s]["caught"] != f[s]["caught"] or fm[s]["fa"] != f[s]["fa"] or s in ("dev16", "dev17", *ORDINARY):
            print(f"  {s:14} caught {fm[s]['caught']}->{f[s]['caught']}/{f[s]['em']}  "
                  f"fa {fm[s]['fa']}->{f[s]['fa']}/{f[s]['nm']}")
    print(f"  R14 caught {sum(c['caught'] for c in fm.values())}->{sum(c['caught'] for c in f.values())}"
          f"/{sum(c['em'] for c in f.values())}  fa {sum(c['fa'] for c in fm.values())}->"
          f"{sum(c['fa'] for c in f.values())}/{sum(c['nm'] for c in f.values())}")
    change = changed(items, reports, model_levels)
    lost, won, cut, new = change["lost"], change["won"], change["cut"], change["new"]
    print(f"  lost {len(lost)} {dict(Counter(it['set'] for it, _ in lost))}; won {len(won)}; "
          f"false alarms cut {len(cut)} {dict(Counter(it['set'] for it, _ in cut))}; new {len(new)}")
    reasons = Counter(r["reason"] for it, r in zip(items, reports, strict=True)
                      if it["label"] != "emergency" and r["level"] == EMERGENCY_LEVEL)
    print("  R14 fa by reason:", dict(reasons.most_common()))
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
