"""Issue 12, eighth round: candidate meaning signals for messages the net does not alarm, on both models, offline.

Usage:
  python -m experiments.safety8.sweep --m0 M0.tar.gz M0.json --m1 M1.tar.gz M1.json [--vectors VEC.npy]

The parses are those of `experiments.safety_signal7.redecide --parse` (tune, dev, dev5, dev6, dev7, dev8). Each
model's own safety net (this worktree's code, its stored options, this round's options off = main) decides every message once;
a candidate then turns a message into an emergency when the net did not alarm it, it has no calm context, it is
long enough (likeness_min_words), passes the candidate's cheap gate (character n-gram likeness, DIET's confidence
in emergency anywhere in its ranking) and its sentence vector scores at least the candidate's bar. Scores tried:
`linear` (a logistic regression emergency-vs-rest on the model's stored example vectors, fitted here exactly as
SafetyNet.train fits it), `near` (mean cosine to the 3 nearest emergency examples only), `share` (the meaning
score: share of emergency examples among the 10 nearest). Printed per candidate and model: caught per set,
full false alarms over the six, pass/fail of the rule's (1)/(2), and the share of bench.speed's first 1500
development messages that would be encoded (against main's). Counts only: no message is printed.
"""

from __future__ import annotations

import argparse
import itertools
import json
from pathlib import Path
from typing import Any, Dict, List

import numpy as np

from bench.safety import trained_safety_net
from bot.nlu.encoder import encode
from bot.safety.meaning import fit_direction
from bot.safety.safety_net import EMERGENCY_LEVEL, SafetyNet
from experiments.safety_signal7.redecide import SIX

BASE = {"tune": 216, "dev": 575, "dev5": 504, "dev6": 506, "dev7": 368, "dev8": 426}
ALARMS = {"M0": 26, "M1": 30}
MAIN = {"meaning_any_topic": 0.0, "repeated_call": False, "demoted_acute_no_topic": False}  # this round's options off
SPEED = 1500  # bench.speed --limit 1500: the first development messages (tune, dev, dev5, ...)


class _Counting:
    """The model's meaning model, counting which messages the net encodes."""

    def __init__(self, meaning: Any) -> None:
        self._meaning, self.asked = meaning, set()

    def score(self, text: str) -> float:
        self.asked.add(text)
        return self._meaning.score(text)


def features(name: str, model: Path, parse: Path, vectors: np.ndarray) -> Dict[str, Any]:
    net = trained_safety_net(model)
    assert net is not None and net.meaning is not None and net.likeness is not None
    items = json.loads(parse.read_text())
    counting = _Counting(net.meaning)
    off = SafetyNet({**net._config, **MAIN}, likeness=net.likeness, meaning=counting)
    reports = [off.decide(it["text"], it["ranking"], it["intent"], it["language"]) for it in items]
    stored, emergency = net.meaning._vectors, net.meaning._emergency
    scores = {}
    for strength in (0.3, 1.0, 3.0, 10.0):
        weights, bias = fit_direction(stored, emergency, strength)
        scores[f"linear{strength:g}"] = 1 / (1 + np.exp(-(vectors @ weights + bias)))
    sims = vectors @ stored.T
    near = np.sort(np.where(emergency[None, :], sims, -1.0), axis=1)[:, -3:].mean(axis=1)
    top = np.argpartition(-sims, 9, axis=1)[:, :10]
    share = emergency[top].mean(axis=1)
    ranked = np.array([max([float(r.get("confidence") or 0) for r in it["ranking"] if r.get("name") == "emergency"]
                           or [0.0]) for it in items])
    likeness = np.array([net.likeness.score(it["text"]) for it in items])
    return {
        "items": items, "level": np.array([r["level"] == EMERGENCY_LEVEL for r in reports]),
        "open": np.array([r["level"] != EMERGENCY_LEVEL and not r["calm"] and len(it["text"].split()) >= 3
                          for it, r in zip(items, reports, strict=True)]),
        "encoded": np.array([it["text"] in counting.asked for it in items]),
        "scores": {**scores, "near": near, "share": share}, "ranked": ranked, "likeness": likeness,
        "no_topic": np.array([(it["intent"].get("name") in ("out_of_scope", "nlu_fallback")) for it in items]),
        "set": np.array([it["set"] for it in items]), "em": np.array([it["label"] == "emergency" for it in items]),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--m0", nargs=2, type=Path, required=True, metavar=("MODEL", "PARSE"))
    parser.add_argument("--m1", nargs=2, type=Path, required=True, metavar=("MODEL", "PARSE"))
    parser.add_argument("--vectors", type=Path, default=Path("/tmp/s8/vectors.npy"))
    args = parser.parse_args()
    texts = [it["text"] for it in json.loads(args.m0[1].read_text())]
    if args.vectors.exists():
        vectors = np.load(args.vectors)
    else:
        vectors = np.concatenate([encode(texts[i:i + 256]) for i in range(0, len(texts), 256)])
        np.save(args.vectors, vectors)
    data = {name: features(name, *paths, vectors) for name, paths in (("M0", args.m0), ("M1", args.m1))}
    for name, d in data.items():
        caught = {s: int((d["level"] & d["em"] & (d["set"] == s)).sum()) for s in SIX}
        print(f"{name} net as main (offline): caught {caught}, alarms {int((d['level'] & ~d['em']).sum())}, "
              f"encoded in first {SPEED}: {int(d['encoded'][:SPEED].sum())}", flush=True)
    linear = [0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.98]
    bars = {"linear0.3": linear, "linear1": linear, "linear3": linear, "linear10": linear, "near": [0.6, 0.65, 0.7, 0.75, 0.8],
            "share": [0.5, 0.6, 0.7, 0.8, 0.9]}
    gates = [(g, e, n) for g in (0.0, 0.05, 0.1, 0.2, 0.3) for e in (None, 0.0, 0.01, 0.02, 0.05, 0.1)
             for n in (False, True)]
    rows: List[Any] = []
    for score, (like_gate, rank_gate, no_topic) in itertools.product(bars, gates):
        for bar in bars[score]:
            cells, ok, total, alarms, enc = [], True, 0, 0, 0
            for name, d in data.items():
                gate = d["likeness"] >= like_gate
                if rank_gate is not None:
                    gate = gate & ((d["ranked"] > rank_gate) | (d["no_topic"] if no_topic else False))
                asked = d["open"] & gate
                fire = asked & (d["scores"][score] >= bar)
                level = d["level"] | fire
                caught = {s: int((level & d["em"] & (d["set"] == s)).sum()) for s in SIX}
                fa = int((level & ~d["em"]).sum())
                good = all(caught[s] >= BASE[s] for s in SIX) and fa <= ALARMS[name]
                ok &= good
                total += sum(caught.values())
                alarms += fa
                new = int((asked & ~d["encoded"])[:SPEED].sum())
                enc = max(enc, new)
                cells.append(f"{name} " + " ".join(str(caught[s]) for s in SIX) + f" fa {fa}{'' if good else ' FAIL'}")
            within = all(c.split(" fa ")[1].split()[0] and int(c.split(" fa ")[1].split()[0]) <= ALARMS[c[:2]]
                         for c in cells)
            rows.append((ok, within, total, -alarms, -enc, f"{score} like>={like_gate} rank>{rank_gate}{' or no topic' if no_topic else ''} bar {bar}: "
                         + " | ".join(cells) + f" | caught {total} fa {alarms} +encoded {enc}/{SPEED}"))
    for ok, within, *_, text in sorted(rows, key=lambda r: r[:5], reverse=True)[:30]:
        print(("PASS " if ok else "within-alarms " if within else "fail ") + text)


if __name__ == "__main__":
    main()
