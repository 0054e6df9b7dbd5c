"""Issue 12, fourteenth round (safety17): the arbiter's bars by cross-validation grouped by author.

Usage:
  python -m experiments.safety17.cv --model MODEL --cached PARSE.json [--probabilities P.json] [--in-sample]
         [--low L --high H] [--list]

PARSE.json is experiments.safety17.parse's one parse of every labelled line (R). For each file (one author), the
arbiter is fitted on every other file (lines whose folded text equals one of the held-out file's left out) with
scripts/safety_arbiter.py's settings and scores the held-out file: one out-of-file probability per line (cached in
--probabilities). The safety net re-decides the parse with the arbiter off ("before", main) and with each pair of
bars of the grids (experiments/safety17/NOTES.md); the rule there picks the bars. --in-sample scores with the built
weight file instead (trained on all of R: not a result). --low/--high print one pair's figures per set.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any, Dict, FrozenSet, List, Optional, Sequence, Tuple

from bot.safety.arbiter import Arbiter, design, features, fit_matrix, parts
from bot.safety.likeness import fold
from bot.safety.safety_net import EMERGENCY_LEVEL, SafetyNet
from experiments.safety_recall6.redecide import cached_items_and_net
from scripts.safety_arbiter import KEEP, STRENGTH

LOWS = (0.005, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2, 0.25, 0.3)
HIGHS = (0.995, 0.99, 0.98, 0.97, 0.95, 0.9, 0.85, 0.8, 0.7)
ASKS, KEEPS = "arbiter_asks_after_", "arbiter_keeps_"


class Given:
    """An arbiter stand-in that answers the probabilities it was given for the message being decided: of the whole
    message, and of each part (its word positions) that Arbiter.emergency weighs."""

    whole = 0.0
    pieces: List[Tuple[List[int], float]] = []
    asked = 0.0  # what `emergency` answered last

    def score(self, text: str) -> float:
        return self.whole

    def emergency(self, text: str, danger_at: FrozenSet[int] = frozenset()) -> float:
        self.asked = max([self.whole, *(prob for at, prob in self.pieces if danger_at & set(at))])
        return self.asked


def cross_validated(items: Sequence[Dict[str, Any]]) -> Dict[str, Any]:
    """Each line's emergency probability from an arbiter fitted on every other file (never split by line): of the
    whole message (`whole`) and of each of its parts, with the part's word positions (`pieces`, Arbiter.emergency)."""
    import numpy as np

    matrix, vocabulary = design([features(it["text"]) for it in items])
    split = [parts(it["text"]) for it in items]
    owner = np.array([i for i, found in enumerate(split) for _ in found], dtype=int)
    pieces, _ = design([features(part) for found in split for part, _ in found], vocabulary)
    labels = np.array([it["label"] == "emergency" for it in items])
    groups = np.array([it["set"] for it in items])
    folded = np.array([fold(it["text"]).strip() for it in items])
    whole, piece = np.zeros(len(items)), np.zeros(len(owner))
    for group in sorted(set(groups.tolist())):
        held = groups == group
        train = ~held & ~np.isin(folded, folded[held])
        coefficients, bias = fit_matrix(matrix[train], labels[train], STRENGTH, KEEP)
        whole[held] = 1.0 / (1.0 + np.exp(-(matrix[held] @ coefficients + bias)))
        mine = held[owner]
        piece[mine] = 1.0 / (1.0 + np.exp(-(pieces[mine] @ coefficients + bias)))
        print(f"  fold {group}: {int(held.sum())} held out, {int(train.sum())} trained on", flush=True)
    by_item: List[List[Tuple[List[int], float]]] = [[] for _ in items]
    k = 0
    for i, found in enumerate(split):
        for _, at in found:
            by_item[i].append((sorted(at), float(piece[k])))
            k += 1
    return {"whole": whole.tolist(), "pieces": by_item}


def outcome(items: Sequence[Dict[str, Any]], before: Sequence[str], eligible: Sequence[str], p: Dict[str, Any],
            low: float, high: float) -> List[str]:
    """The levels with the arbiter at these bars (0: off), from the levels before and which switch may act."""
    out = []
    for level, kind, most, whole in zip(before, eligible, p["most"], p["whole"], strict=True):
        if kind == "asks" and low > 0 and most < low:
            level = "unsure"
        elif kind == "keeps" and high > 0 and whole > high:
            level = EMERGENCY_LEVEL
        out.append(level)
    return out


def figures(items: Sequence[Dict[str, Any]], before: Sequence[str], after: Sequence[str],
            only: Optional[str] = None) -> Counter:
    c: Counter = Counter()
    for it, was, now in zip(items, before, after, strict=True):
        if only is not None and it["set"] != only:
            continue
        em, b, a = it["label"] == "emergency", was == EMERGENCY_LEVEL, now == EMERGENCY_LEVEL
        c["em" if em else "nm"] += 1
        c["caught" if em else "fa"] += a
        c["before_caught" if em else "before_fa"] += b
        if b != a:
            c[("lost" if b else "won") if em else ("cut" if b else "added")] += 1
    return c


def choose(items: Sequence[Dict[str, Any]], before: Sequence[str], eligible: Sequence[str],
           p: Dict[str, Any]) -> Tuple[float, float]:
    """The rule of NOTES.md: 0 lost at LOW and at the next step above it; added <= 2 x won; maximise
    2 x won + cut - added; ties to the more cautious bar."""
    safe_lows = [0.0]
    for i, low in enumerate(LOWS):
        above = LOWS[i + 1] if i + 1 < len(LOWS) else None
        lost = figures(items, before, outcome(items, before, eligible, p, low, 0))["lost"]
        lost_above = figures(items, before, outcome(items, before, eligible, p, above, 0))["lost"] if above else 0
        if lost == 0 and lost_above == 0:
            safe_lows.append(low)
    best: Tuple[int, float, float] = (0, 0.0, 0.0)
    for low in safe_lows:
        for high in (0.0, *HIGHS):
            f = figures(items, before, outcome(items, before, eligible, p, low, high))
            if f["added"] > 2 * f["won"] or f["lost"]:
                continue
            gain = 2 * f["won"] + f["cut"] - f["added"]
            if gain > best[0]:
                best = (gain, low, high)
    return best[1], best[2]


def table(items: Sequence[Dict[str, Any]], before: Sequence[str], after: Sequence[str]) -> None:
    names = sorted({it["set"] for it in items}, key=lambda s: (s.startswith("nlu:"), s))
    print("| set | caught before -> after (of) | full false alarms before -> after (of) | lost | won | cut | added |")
    print("|---|---|---|---|---|---|---|")
    total_safety: Counter = Counter()
    total_nlu: Counter = Counter()
    for name in names:
        f = figures(items, before, after, name)
        (total_nlu if name.startswith("nlu:") else total_safety).update(f)
        print(f"| {name} | {f['before_caught']} -> {f['caught']} ({f['em']}) | {f['before_fa']} -> {f['fa']} "
              f"({f['nm']}) | {f['lost']} | {f['won']} | {f['cut']} | {f['added']} |")
    for label, f in (("**tests/safety, all**", total_safety), ("**tests/nlu, all**", total_nlu),
                     ("**R, all**", total_safety + total_nlu)):
        print(f"| {label} | {f['before_caught']} -> {f['caught']} ({f['em']}) | {f['before_fa']} -> {f['fa']} "
              f"({f['nm']}) | {f['lost']} | {f['won']} | {f['cut']} | {f['added']} |")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", type=Path, required=True)
    parser.add_argument("--cached", type=Path, required=True)
    parser.add_argument("--probabilities", type=Path, help="cache of the cross-validated probabilities")
    parser.add_argument("--in-sample", action="store_true", help="score with the built weight file instead")
    parser.add_argument("--low", type=float)
    parser.add_argument("--high", type=float)
    parser.add_argument("--list", action="store_true")
    args = parser.parse_args()
    items, net, lexicon = cached_items_and_net(args.model, args.cached)
    p: Dict[str, Any]
    if args.in_sample:
        built = Arbiter.load(net._config["arbiter_path"])
        p = {"whole": [built.score(it["text"]) for it in items],
             "pieces": [[(sorted(at), built.score(part)) for part, at in parts(it["text"])] for it in items]}
    elif args.probabilities and args.probabilities.exists():
        p = json.loads(args.probabilities.read_text())
    else:
        p = cross_validated(items)
        if args.probabilities:
            args.probabilities.write_text(json.dumps(p))
    off = SafetyNet({**net._config, "arbiter_asks_below": 0.0, "arbiter_keeps_above": 0.0}, lexicon, net.likeness,
                    meaning=net.meaning)
    before = [off.decide(it["text"], it["ranking"], it["intent"], it["language"])["level"] for it in items]
    print(f"re-decided with the arbiter off: {sum(b != it['model_level'] for b, it in zip(before, items, strict=True))}"
          f" levels differ from the parse's own")
    given = Given()
    every = SafetyNet({**net._config, "arbiter_asks_below": 2.0, "arbiter_keeps_above": 1e-12}, lexicon,
                      net.likeness, meaning=net.meaning, arbiter=given)  # type: ignore[arg-type]
    eligible, reports = [], []
    most = []
    for it, whole, pieces in zip(items, p["whole"], p["pieces"], strict=True):
        given.whole, given.pieces, given.asked = whole, pieces, whole
        report = every.decide(it["text"], it["ranking"], it["intent"], it["language"])
        most.append(given.asked)
        reports.append(report)
        eligible.append("asks" if report["reason"].startswith(ASKS) else
                        "keeps" if report["reason"].startswith(KEEPS) else "")
    p["most"] = most  # the probability (a) weighed: the whole message's, or a part's with a danger word
    print(f"eligible: {Counter(eligible)}")
    if args.low is not None and args.high is not None:
        low, high = args.low, args.high
    else:
        for low in (0.0, *LOWS):
            f = figures(items, before, outcome(items, before, eligible, p, low, 0))
            print(f"  LOW {low}: lost {f['lost']}, cut {f['cut']}")
        for high in HIGHS:
            f = figures(items, before, outcome(items, before, eligible, p, 0, high))
            print(f"  HIGH {high}: won {f['won']}, added {f['added']}")
        low, high = choose(items, before, eligible, p)
    print(f"bars: LOW {low}, HIGH {high}")
    after = outcome(items, before, eligible, p, low, high)
    table(items, before, after)
    if args.list:
        for it, was, now, whole, most, r in zip(items, before, after, p["whole"], p["most"], reports, strict=True):
            if was != now:
                print(f'   {it["set"]} {it["lang"]} {it["label"]} {was}->{now} p={whole:.3f}/{most:.3f} [{r["reason"]}] '
                      f'{it["text"][:150]}')


if __name__ == "__main__":
    main()
