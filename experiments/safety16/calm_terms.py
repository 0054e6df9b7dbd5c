"""Issue 12, fourteenth round (safety16): which calm words hide an emergency, and what making each one calm only
without an acute term would win and cost, on one cached parse (experiments/safety16/redecide.py --parse).

Usage:
  python -m experiments.safety16.calm_terms --model MODEL --cached PARSE.json [--weak FILE] [--list]

Prints every emergency still missed because of calm context with the calm words found in it, then for each of those
calm words (language, kind, term) the emergencies won and the full false alarms added or cut if that word alone
counted only without an acute term. `--weak FILE` (lines "lang<TAB>kind<TAB>term") re-decides everything with those
words weak together, and lists the changes. An offline tool: the words are relabelled in memory, nothing is saved.
"""

from __future__ import annotations

import argparse
import dataclasses
from collections import Counter
from pathlib import Path
from typing import Any, Dict, List, Set, Tuple

from bot.safety.safety_net import EMERGENCY_LEVEL, SafetyNet
from experiments.safety_recall6.redecide import cached_items_and_net

WEAK = "weak_place"  # the in-memory kind of the words tried
Key = Tuple[str, str, str]


def net_with_weak(net: SafetyNet, weak: Set[Key]) -> SafetyNet:
    lexicon = net._lexicon
    scan = type(lexicon).scan

    class Relabelled(type(lexicon)):  # type: ignore[misc]
        def scan(self, text: str):  # type: ignore[no-untyped-def]
            return [dataclasses.replace(h, category=WEAK) if (h.language, h.category, h.term) in weak else h
                    for h in scan(self, text)]

    relabelled = object.__new__(Relabelled)
    relabelled.__dict__.update(lexicon.__dict__)
    config = {**net._config, "calm_only_without_acute": [*net._config["calm_only_without_acute"], WEAK]}
    return SafetyNet(config, relabelled, net.likeness, meaning=net.meaning)


def outcome(items: List[Dict[str, Any]], before: List[str], after: List[str]) -> Dict[str, List[int]]:
    out: Dict[str, List[int]] = {"lost": [], "won": [], "cut": [], "new": []}
    for i, (it, b, a) in enumerate(zip(items, before, after, strict=True)):
        was, now = b == EMERGENCY_LEVEL, a == EMERGENCY_LEVEL
        if was != now:
            out[("lost" if was else "won") if it["label"] == "emergency" else ("cut" if was else "new")].append(i)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", type=Path, required=True)
    parser.add_argument("--cached", type=Path, required=True)
    parser.add_argument("--weak", type=Path)
    parser.add_argument("--list", action="store_true")
    args = parser.parse_args()
    items, net, lexicon = cached_items_and_net(args.model, args.cached)
    net = SafetyNet(net._config, lexicon, net.likeness, meaning=net.meaning)
    decide = lambda n, it: n.decide(it["text"], it["ranking"], it["intent"], it["language"])  # noqa: E731
    base = [decide(net, it)["level"] for it in items]
    print(f"re-decided with this checkout = the parse's level: {sum(a == b for a, b in zip(base, (it['model_level'] for it in items), strict=True))}/{len(items)}")
    calm_of = [{(h.language, h.category, h.term) for h in lexicon.scan(it["text"]) if h.tier == "calm"} for it in items]
    if args.weak:
        weak = {tuple(line.split("\t")[:3]) for line in args.weak.read_text().splitlines() if line.strip() and not line.startswith("#")}
        wnet = net_with_weak(net, weak)  # type: ignore[arg-type]
        after = [decide(wnet, it)["level"] if calm_of[i] & weak else base[i] for i, it in enumerate(items)]
        change = outcome(items, base, after)
        print(f"weak words {len(weak)}: " + "; ".join(f"{k} {len(v)}" for k, v in change.items()))
        for kind, ids in change.items():
            for i in ids:
                it = items[i]
                print(f"  {kind.upper()} {it['set']} {it['lang']} {it['category']} calm={sorted(calm_of[i] & weak)} | {it['text'][:200]}")
        return
    missed = [i for i, it in enumerate(items) if it["label"] == "emergency" and base[i] != EMERGENCY_LEVEL]
    reports = {i: net.decide(items[i]["text"], items[i]["ranking"], items[i]["intent"], items[i]["language"]) for i in missed}
    print(f"missed {len(missed)}: {dict(Counter(reports[i]['reason'] for i in missed).most_common())}")
    candidates: Set[Key] = set()
    for i in missed:
        r = reports[i]
        if r["reason"] and r["reason"].startswith("calm_context"):
            terms = {k for k in calm_of[i] if k[1] in r["calm"]}
            candidates |= terms
            if args.list:
                it = items[i]
                print(f"  MISS {it['set']} {it['lang']} {it['category']} [{r['reason']}] danger={r['categories']} calm={sorted(terms)} | {it['text'][:220]}")
    print(f"calm words in those misses: {len(candidates)}")
    for key in sorted(candidates, key=lambda k: (k[1], k[0], k[2])):
        wnet = net_with_weak(net, {key})
        after = [decide(wnet, it)["level"] if key in calm_of[i] else base[i] for i, it in enumerate(items)]
        change = outcome(items, base, after)
        print("  TERM " + "\t".join(key) + "\t" + " ".join(f"{k}={len(v)}" for k, v in change.items()))


if __name__ == "__main__":
    main()
