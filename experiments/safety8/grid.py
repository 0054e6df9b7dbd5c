"""Issue 12, eighth round: safety-net options on both models, re-decided with this worktree's code, counts only.

Usage: python -m experiments.safety8.grid --m0 M0.tar.gz M0.json --m1 M1.tar.gz M1.json [--config JSON ...]

Each --config is a JSON object of safety-net options over main's (this round's options off); the first run, `{}`,
is main's decisions. Printed per option set and model: caught per set (tune dev dev5 dev6 dev7 dev8, full 112 first), full
false alarms over the six, whether the rule's (1)/(2) holds, and how many of bench.speed's first 1500 development
messages are encoded. No message is printed (dev8 is a validation set).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any, Dict, List

from bench.safety import trained_safety_net
from bot.safety.safety_net import EMERGENCY_LEVEL, SafetyNet
from experiments.safety8.sweep import ALARMS, BASE, MAIN, SPEED
from experiments.safety_signal7.redecide import SIX


def run(net: SafetyNet, items: List[Dict[str, Any]], options: Dict[str, Any]) -> Dict[str, Any]:
    meaning = net.meaning
    assert meaning is not None
    encoded: set = set()
    vector = meaning._vector

    def counting(text: str) -> Any:
        encoded.add(text)
        return vector(text)

    meaning._vector = counting  # type: ignore[method-assign]
    try:
        candidate = SafetyNet({**net._config, **MAIN, **options}, likeness=net.likeness, meaning=meaning)
        levels = [candidate.decide(it["text"], it["ranking"], it["intent"], it["language"])["level"] == EMERGENCY_LEVEL
                  for it in items]
    finally:
        meaning._vector = vector  # type: ignore[method-assign]
    caught = {s: sum(lv for lv, it in zip(levels, items, strict=True) if it["set"] == s and it["label"] == "emergency") for s in SIX}
    alarms = sum(lv for lv, it in zip(levels, items, strict=True) if it["label"] != "emergency")
    first = sum(it["text"] in encoded for it in items[:SPEED])
    return {"caught": caught, "alarms": alarms, "encoded": first, "levels": levels}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--m0", nargs=2, type=Path, required=True, metavar=("MODEL", "PARSE"))
    parser.add_argument("--m1", nargs=2, type=Path, required=True, metavar=("MODEL", "PARSE"))
    parser.add_argument("--config", action="append", default=[], help="a JSON object of options")
    parser.add_argument("--list", action="store_true", help="print the readable sets' messages whose level changed")
    args = parser.parse_args()
    models = {}
    for name, (model, parse) in (("M0", args.m0), ("M1", args.m1)):
        net = trained_safety_net(model)
        assert net is not None
        models[name] = (net, json.loads(parse.read_text()))
    base = {name: run(net, items, {})["levels"] for name, (net, items) in models.items()}
    for config in ["{}", *args.config]:
        options = json.loads(config)
        cells, ok, total, alarms = [], True, 0, 0
        for name, (net, items) in models.items():
            r = run(net, items, options)
            for it, before, after in zip(items, base[name], r["levels"], strict=True):
                if args.list and before != after and it["set"] != "dev8":
                    print(f'   {name} {"GAIN" if after else "LOSS"} {it["set"]} {it["label"]} {it["lang"]} '
                          f'{it["intent"]["name"]}: {it["text"][:80]}')
            good = all(r["caught"][s] >= BASE[s] for s in SIX) and r["alarms"] <= ALARMS[name]
            ok &= good
            total += sum(r["caught"].values())
            alarms += r["alarms"]
            cells.append(f"{name} " + " ".join(str(r["caught"][s]) for s in SIX) + f" fa {r['alarms']}"
                         + f" enc {r['encoded']}/{SPEED}" + ("" if good else " FAIL"))
        print(("PASS " if ok else "fail ") + config + " | " + " | ".join(cells) + f" | caught {total} fa {alarms}",
              flush=True)


if __name__ == "__main__":
    main()
