"""Issue 12, sixth round: which development messages still pay the sentence encoder, and what skipping them would cost.

    python -m experiments.speed.encoder_calls [--model MODEL]

Parses the development messages of bench.speed once (tests/safety tune, dev, dev5, dev6, dev7 and tests/nlu/dev.tsv;
never a held-out set), re-decides each with the model's own safety net while counting the encodings it asks for,
and prints: how many messages are encoded, on which path (a signal word that may read calm; a message not
understood), and whether the sentence vectors decided their level (the level with the meaning score forced to 0
and to 1 differ). Then, for a cheaper gate (encode only when the character n-gram likeness is at least X), how
many levels would change and how many emergencies the net catches today would be lost. Prints counts only.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import logging
from pathlib import Path
from typing import Any, Dict, List

from bench.safety import trained_safety_net
from bench.speed import MODEL, NLU_DEV, ROOT, SAFETY_SETS
from bot.safety.safety_net import EMERGENCY_LEVEL, SafetyNet
from bot.vocabulary import FALLBACK


class _Fixed:
    """A meaning model with a fixed score, counting how often it is asked."""

    def __init__(self, share: float) -> None:
        self.share, self.asked = share, 0

    def score(self, text: str) -> float:
        self.asked += 1
        return self.share


def rows() -> List[Dict[str, Any]]:
    out: List[Dict[str, Any]] = []
    for name in SAFETY_SETS:
        with (ROOT / "tests" / "safety" / f"{name}.tsv").open(encoding="utf-8", newline="") as handle:
            out += [{"emergency": r["label"] == "emergency", "text": r["text"]} for r in csv.DictReader(handle, delimiter="\t")]
    with NLU_DEV.open(encoding="utf-8", newline="") as handle:
        out += [{"emergency": r["intent"] == "emergency", "text": r["text"]} for r in csv.DictReader(handle, delimiter="\t")]
    return out


async def parse(model: Path, items: List[Dict[str, Any]]) -> None:
    from rasa.core.agent import Agent
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)
    agent = Agent.load(str(model))
    for item in items:
        data = await agent.parse_message(item["text"])
        ranking = [r for r in data.get("intent_ranking", []) if not r.get("safety")]
        item["ranking"] = ranking
        item["intent"] = ranking[0] if ranking else {"name": FALLBACK, "confidence": 0.0}
        item["language"] = (data.get("language") or {}).get("code") or None


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", type=Path, default=MODEL)
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    items = rows()
    asyncio.run(parse(args.model, items))
    net = trained_safety_net(args.model)
    if net is None or net.meaning is None or net.likeness is None:
        raise SystemExit(f"{args.model}: no meaning model in this Rasa model")
    encoded, decided = [], []
    for item in items:
        args_ = (item["text"], item["ranking"], item["intent"], item["language"])
        low, high = _Fixed(0.0), _Fixed(1.0)
        level_low = SafetyNet(net._config, net._lexicon, net.likeness, meaning=low).decide(*args_)  # type: ignore[arg-type]
        level_high = SafetyNet(net._config, net._lexicon, net.likeness, meaning=high).decide(*args_)  # type: ignore[arg-type]
        if low.asked or high.asked:
            real = net.decide(*args_)
            item["level"], item["likeness"] = real["level"], net.likeness.score(item["text"])
            item["path"] = "may read calm" if real["reason"] in ("signal_reads_calm", "signal_unclear_topic") \
                else "not understood"
            encoded.append(item)
            if level_low["level"] != level_high["level"]:
                decided.append(item)
    total = len(items)
    print(f"messages encoded: {len(encoded)}/{total}; the sentence vectors decide the level of {len(decided)}/{len(encoded)}")
    for path in ("may read calm", "not understood"):
        print(f"  path {path}: {sum(i['path'] == path for i in encoded)}")
    print("a likeness gate (encode only at likeness >= X; below, score 0): | X | encoded | levels changed | "
          "emergencies caught today lost |")
    for gate in (0.05, 0.1, 0.15, 0.2, 0.3):
        kept = [i for i in encoded if i["likeness"] >= gate]
        changed = [i for i in decided if i["likeness"] < gate and i["level"] == EMERGENCY_LEVEL]
        lost = [i for i in changed if i["emergency"]]
        print(f"| {gate} | {len(kept)}/{total} | {len(changed)} | {len(lost)} |")


if __name__ == "__main__":
    main()
