"""Issue 12, eleventh round (safety11): main's full false alarms on the development sets, by deciding signal and kind.

Usage:
  python -m experiments.safety11.kinds --model MODEL --cached OUT.json [--main-lexicon DIR] [--list]

For each near-miss of final7..final9, dev12 and dev13 that main's code alarmed (`model_level`), the deciding
reason (main's own decision, re-decided with main's lexicon) and its kind: the calm kind this branch's lexicon finds
in it that main's does not (service question, past event, news, figure of speech, lost pet, a neighbour's cigarette),
or "not cut" when this branch still alarms it. Counts per reason x kind; `--list` prints the ones still alarmed.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from bot.safety.lexicon import DangerLexicon
from bot.safety.safety_net import EMERGENCY_LEVEL, SafetyNet
from experiments.safety11.redecide import D
from experiments.safety_recall6.redecide import cached_items_and_net

KIND = {"non_urgent": "service question", "scheduling": "service question", "paperwork": "service question",
        "routine_health": "service question", "learning": "service question", "money": "service question",
        "devices": "service question", "minor_care": "health question", "past": "past event", "media_leisure": "news of a fire elsewhere",
        "figurative": "figure of speech", "lost_items": "lost pet or item", "tobacco": "a neighbour's cigarette"}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", type=Path, required=True)
    parser.add_argument("--cached", type=Path, required=True)
    parser.add_argument("--main-lexicon", type=Path, required=True, help="main's locales/danger (git archive)")
    parser.add_argument("--list", action="store_true")
    args = parser.parse_args()
    items, net, lexicon = cached_items_and_net(args.model, args.cached)
    before = DangerLexicon.load(args.main_lexicon)
    main_net = SafetyNet({**net._config}, before, net.likeness, meaning=net.meaning)
    table: Counter = Counter()
    for it in items:
        if it["set"] not in D or it["label"] == "emergency" or it["model_level"] != EMERGENCY_LEVEL:
            continue
        reason = main_net.decide(it["text"], it["ranking"], it["intent"], it["language"])["reason"]
        now = net.decide(it["text"], it["ranking"], it["intent"], it["language"])
        old = {(h.language, h.term) for h in before.scan(it["text"]) if h.tier == "calm"}
        new = sorted({KIND.get(h.category, h.category) for h in lexicon.scan(it["text"])
                      if h.tier == "calm" and (h.language, h.term) not in old and h.category in now["calm"]})
        kind = "not cut" if now["level"] == EMERGENCY_LEVEL else (new[0] if new else "a word that is no danger")
        table[(reason, kind)] += 1
        if args.list and kind == "not cut":
            print(f'   {it["set"]} {it["lang"]} [{reason}] {it["text"][:140]}')
    kinds = sorted({k for _, k in table})
    print("reason | " + " | ".join(kinds) + " | all")
    for reason in sorted({r for r, _ in table}, key=lambda r: -sum(v for (x, _), v in table.items() if x == r)):
        row = [table[(reason, k)] for k in kinds]
        print(f"{reason} | " + " | ".join(str(v) for v in row) + f" | {sum(row)}")
    print("all | " + " | ".join(str(sum(v for (_, k), v in table.items() if k == kk)) for kk in kinds)
          + f" | {sum(table.values())}")


if __name__ == "__main__":
    main()
