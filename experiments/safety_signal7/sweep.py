"""Issue 12, seventh round: the candidates of the rule in docs/bench-safety.md on both models, from cached parses.

Usage: python -m experiments.safety_signal7.sweep --m0 M0.tar.gz M0.json --r3 R3.tar.gz R3.json
         [--below 0 0.5 0.6 ...] [--baseline MAIN/locales/danger]

For each value of unclear_topic_below (0: off) and each model: emergencies caught
per set (full 112 first), full false alarms over the six sets, and whether it passes the lead's adoption rule against
the baseline (M0, all three options off = main's code): no set below the baseline's caught count, false alarms at most
baseline + 4. Counts only; no message is printed (dev8 is a validation set).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any, Dict, List, Tuple

from bench.safety import trained_safety_net
from bot import PROJECT_ROOT
from bot.safety.lexicon import DangerLexicon
from bot.safety.safety_net import EMERGENCY_LEVEL, SafetyNet
from experiments.safety_signal7.redecide import READABLE, SIX


class _Memo:
    """The model's meaning score, each text encoded once over the whole sweep."""

    def __init__(self, meaning: Any) -> None:
        self._meaning, self._cache = meaning, {}

    def score(self, text: str) -> float:
        if text not in self._cache:
            self._cache[text] = self._meaning.score(text)
        return self._cache[text]


def counts(net: SafetyNet, items: List[Dict[str, Any]]) -> Tuple[Dict[str, int], int]:
    caught = {name: 0 for name in SIX}
    alarms = 0
    for it in items:
        emergency = net.decide(it["text"], it["ranking"], it["intent"], it["language"])["level"] == EMERGENCY_LEVEL
        if it["label"] == "emergency":
            caught[it["set"]] += emergency
        else:
            alarms += emergency
    return caught, alarms


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--m0", nargs=2, type=Path, required=True, metavar=("MODEL", "PARSE"))
    parser.add_argument("--r3", nargs=2, type=Path, required=True, metavar=("MODEL", "PARSE"))
    parser.add_argument("--below", type=float, nargs="+", default=[0.0, 0.5, 0.6, 0.7, 0.8, 1.01])
    parser.add_argument("--baseline", type=Path, help="the baseline's lexicon (main's locales/danger); default this one")
    args = parser.parse_args()
    lexicon = DangerLexicon.load(PROJECT_ROOT / "locales" / "danger")
    models = {}
    for name, (model, parse) in (("M0", args.m0), ("R3", args.r3)):
        net = trained_safety_net(model)
        assert net is not None
        models[name] = (net, json.loads(parse.read_text()))
    memo = {name: _Memo(net.meaning) for name, (net, _) in models.items()}

    off = {"unclear_topic_below": 0.0}
    base_lexicon = DangerLexicon.load(args.baseline) if args.baseline else lexicon
    base_caught, base_alarms = counts(SafetyNet({**models["M0"][0]._config, **off}, base_lexicon, models["M0"][0].likeness,
                                                meaning=memo["M0"]), models["M0"][1])
    print("baseline M0 (main's code): caught " + " ".join(f"{s} {base_caught[s]}" for s in SIX)
          + f", false alarms {base_alarms}")
    print("below | model: caught per set (tune dev dev5 dev6 dev7 dev8) readable | alarms | pass")
    for below in args.below:
        options = {"unclear_topic_below": below}
        cells, passed = [], True
        for name, (net, items) in models.items():
            caught, alarms = counts(SafetyNet({**net._config, **options}, lexicon, net.likeness, meaning=memo[name]),
                                    items)
            ok = all(caught[s] >= base_caught[s] for s in SIX) and alarms <= base_alarms + 4
            passed &= ok
            cells.append(f"{name}: " + " ".join(str(caught[s]) for s in SIX)
                         + f" ={sum(caught[s] for s in READABLE)} | {alarms} | {'ok' if ok else 'FAIL'}")
        print(f"{below:.2f} | " + " || ".join(cells) + (" | PASS" if passed else ""), flush=True)


if __name__ == "__main__":
    main()
