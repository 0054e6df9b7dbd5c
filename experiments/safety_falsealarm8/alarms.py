"""Issue 12, eighth round: list the full false alarms of the development sets with the signal that decided each,
and check that a lexicon change hides no danger word.

Usage (from a cached parse of experiments/safety_signal7/redecide.py --parse):
  python -m experiments.safety_falsealarm8.alarms --model MODEL --cached PARSE.json
  python -m experiments.safety_falsealarm8.alarms --cached PARSE.json --hidden-against OLD_LEXICON_FOLDER

The first prints every near-miss of tune, dev, dev5, dev6, dev7 and dev8 (all development data) that gets the full
112 answer, re-decided with this worktree's code and lexicon: set, language, detected language, the deciding
reason, danger categories, calm kinds, the classifier's topic. The second compares, message by message (the six
sets and tests/nlu/dev.tsv), the danger terms (acute and signal) found by an older lexicon and by this one: a new
calm word that is also the start of a message word stops that word's one-typo reading ("brenne" is no longer
read as "brennt"), so every difference is printed. Held-out sets are never read.
"""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

from bench.safety import trained_safety_net
from bot import PROJECT_ROOT
from bot.safety.lexicon import DangerLexicon
from bot.safety.safety_net import EMERGENCY_LEVEL, SafetyNet

NLU_DEV = PROJECT_ROOT / "tests" / "nlu" / "dev.tsv"


def alarms(model: Path, items: list) -> None:
    net = trained_safety_net(model)
    assert net is not None
    net = SafetyNet(net._config, DangerLexicon.load(PROJECT_ROOT / "locales" / "danger"), net.likeness,
                    meaning=net.meaning)
    for it in items:
        if it["label"] != "near_miss":
            continue
        r = net.decide(it["text"], it["ranking"], it["intent"], it["language"])
        if r["level"] == EMERGENCY_LEVEL:
            print(it["set"], it["lang"], it["language"], r["reason"], r["categories"], r["calm"], it["intent"]["name"],
                  round(it["intent"].get("confidence", 0), 2), "|", it["text"])


def hidden(old_folder: Path, items: list) -> None:
    old, new = DangerLexicon.load(old_folder), DangerLexicon.load(PROJECT_ROOT / "locales" / "danger")
    texts = [it["text"] for it in items]
    with NLU_DEV.open(encoding="utf-8", newline="") as handle:
        texts += [row["text"] for row in csv.DictReader(handle, delimiter="\t")]
    differ = 0
    for text in texts:
        a = {(h.language, h.term) for h in old.scan(text) if h.tier != "calm"}
        b = {(h.language, h.term) for h in new.scan(text) if h.tier != "calm"}
        if a != b:
            differ += 1
            print("lost:", sorted(a - b), "new:", sorted(b - a), "|", text)
    print(f"danger terms differ in {differ} of {len(texts)} messages")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", type=Path)
    parser.add_argument("--cached", type=Path, required=True)
    parser.add_argument("--hidden-against", type=Path, help="an older locales/danger folder")
    args = parser.parse_args()
    items = json.loads(args.cached.read_text())
    if args.hidden_against:
        hidden(args.hidden_against, items)
    else:
        alarms(args.model, items)


if __name__ == "__main__":
    main()
