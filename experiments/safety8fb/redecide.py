"""Issue 12, eighth round (safety8fb): fallback options re-decided offline on one cached parse of M0, counts and features.

Usage:
  python -m experiments.safety8fb.redecide --model M0 --parse-nlu NLU.json        # parse tests/nlu/dev.tsv once
  python -m experiments.safety8fb.redecide --model M0 --six SIX.json --nlu NLU.json [--config KEY=JSON ...]
         [--features] [--list]

SIX.json is `experiments.safety_signal7.redecide --parse` (tune, dev, dev5, dev6, dev7, dev8). Each --config set is
tried on top of the model's own safety net with this worktree's code. Printed: caught per set (full 112 first), full
false alarms over the six, misses ending in nlu_fallback, ordinary questions of tests/nlu/dev.tsv (in-scope, unmet) with 112, and whether the rule
(1)-(2) of docs/bench-safety.md holds. `--features` prints, for every message not understood (nlu_fallback) of the
readable sets and of tests/nlu/dev.tsv, its label and the fallback signals (likeness,
meaning share, linear meaning, emergency's rank and confidence among DIET's candidates, words); `--list` prints the
readable sets' messages whose level changed. dev8 is a validation set: figures only, never printed.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any, Dict, List

from bench.safety import trained_safety_net
from bot.safety.safety_net import EMERGENCY_LEVEL, SafetyNet
from bot.vocabulary import EMERGENCY, FALLBACK
from experiments.safety_recall6.redecide import cache_parse, nlu_dev_rows
from experiments.safety_signal7.redecide import READABLE, SIX

BASE = {"tune": 216, "dev": 575, "dev5": 505, "dev6": 506, "dev7": 368, "dev8": 426}
ALARMS = 9
ORDINARY_EXTRA = 2


def levels(net: SafetyNet, items: List[Dict[str, Any]], options: Dict[str, Any]) -> List[Dict[str, Any]]:
    candidate = SafetyNet({**net._config, **options}, likeness=net.likeness, meaning=net.meaning)
    return [candidate.decide(it["text"], it["ranking"], it["intent"], it["language"]) for it in items]


def figures(six: List[Dict[str, Any]], nlu: List[Dict[str, Any]], r6: List[Dict[str, Any]], rn: List[Dict[str, Any]]
            ) -> Dict[str, Any]:
    caught = {s: sum(r["level"] == EMERGENCY_LEVEL for it, r in zip(six, r6, strict=True) if it["set"] == s
                     and it["label"] == "emergency") for s in SIX}
    alarms = sum(r["level"] == EMERGENCY_LEVEL for it, r in zip(six, r6, strict=True) if it["label"] != "emergency")
    fallback_misses = sum(r["level"] != EMERGENCY_LEVEL and it["intent"].get("name") == FALLBACK
                          for it, r in zip(six, r6, strict=True) if it["label"] == "emergency")
    ordinary = {lab: sum(r["level"] == EMERGENCY_LEVEL for it, r in zip(nlu, rn, strict=True) if it["label"] == lab)
                for lab in ("in_scope", "unmet", "emergency")}
    return {"caught": caught, "alarms": alarms, "ordinary": ordinary, "fallback_misses": fallback_misses}


def features(net: SafetyNet, it: Dict[str, Any], r: Dict[str, Any]) -> str:
    text = it["text"]
    classified = net._classified(it["ranking"])
    rank = next((i + 1 for i, (name, _) in enumerate(classified) if name == EMERGENCY), 0)
    conf = next((c for name, c in classified if name == EMERGENCY), 0.0)
    like = net.likeness.score(text) if net.likeness else 0.0
    share = net.meaning.score(text) if net.meaning else 0.0
    linear = net.meaning.likely(text) if net.meaning else 0.0
    return (f'{it["set"]:7} {it["label"]:9} {it["lang"]:3} like {like:.2f} share {share:.1f} lin {linear:.2f} '
            f'rank {rank} conf {conf:.3f} top {classified[0][0] if classified else "-"} '
            f'{classified[0][1] if classified else 0:.2f} w {len(text.split())} calm {int(bool(r["calm"]))} [{r["level"]}/{r["reason"]}] {text[:90]}')


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", type=Path, required=True)
    parser.add_argument("--parse-nlu", type=Path)
    parser.add_argument("--six", type=Path)
    parser.add_argument("--nlu", type=Path)
    parser.add_argument("--config", action="append", default=[], help="a JSON object of options")
    parser.add_argument("--features", action="store_true")
    parser.add_argument("--list", action="store_true")
    args = parser.parse_args()
    if args.parse_nlu:
        cache_parse(args.model, nlu_dev_rows(), args.parse_nlu)
        return
    net = trained_safety_net(args.model)
    assert net is not None
    six, nlu = json.loads(args.six.read_text()), json.loads(args.nlu.read_text())
    base6, basen = levels(net, six, {}), levels(net, nlu, {})
    if args.features:
        for it, r in [*zip(six, base6, strict=True), *zip(nlu, basen, strict=True)]:
            if it["set"] in (*READABLE, "nlu-dev") and it["intent"].get("name") == FALLBACK:
                print(features(net, it, r))
    for config in ["{}", *args.config]:
        options = json.loads(config)
        r6, rn = levels(net, six, options), levels(net, nlu, options)
        f = figures(six, nlu, r6, rn)
        b = figures(six, nlu, base6, basen)
        ok = all(f["caught"][s] >= BASE[s] for s in SIX) and sum(f["caught"].values()) > sum(BASE.values()) \
            and f["alarms"] <= ALARMS and \
            f["ordinary"]["in_scope"] + f["ordinary"]["unmet"] <= b["ordinary"]["in_scope"] + b["ordinary"]["unmet"] \
            + ORDINARY_EXTRA
        print(("PASS " if ok else "fail ") + config + " | caught " + " ".join(str(f["caught"][s]) for s in SIX)
              + f' = {sum(f["caught"].values())} | fa {f["alarms"]} | misses in nlu_fallback {f["fallback_misses"]} | nlu-dev 112: in-scope {f["ordinary"]["in_scope"]}'
              f' unmet {f["ordinary"]["unmet"]} emergency {f["ordinary"]["emergency"]}', flush=True)
        if args.list:
            for it, before, after in [*zip(six, base6, r6, strict=True), *zip(nlu, basen, rn, strict=True)]:
                if it["set"] != "dev8" and (before["level"] == EMERGENCY_LEVEL) != (after["level"] == EMERGENCY_LEVEL):
                    print(f'   {"GAIN" if after["level"] == EMERGENCY_LEVEL else "LOSS"} {it["set"]} {it["label"]} '
                          f'{it["lang"]} [{after["reason"]}] {it["text"][:90]}')


if __name__ == "__main__":
    main()
