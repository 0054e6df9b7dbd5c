"""Issue 12, fifth round: re-decide the development sets under candidate safety-net rules, from one parse.

Usage: python -m experiments.safety_nearmiss.sweep --model MODEL --cache OUT.json [--baseline MAIN.json]

Parses tests/safety tune, dev, dev5, dev6 and tests/nlu/dev.tsv once with the Rasa model (the classifier's
ranking and intent before the safety net, the detected language), keeps the model's own safety net (its likeness
and meaning models), and prints, per candidate configuration: emergencies caught per set, emergencies caught in
the baseline (another model's cache, e.g. main's) but lost now, near-miss full false alarms per set, and on
tests/nlu/dev.tsv unmet -> emergency and in-scope -> emergency. Held-out sets are never read.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import logging
from pathlib import Path
from typing import Any, Dict, List, Sequence

from bench.safety import SETS, TUNED_ON, read_set, trained_safety_net
from bot import PROJECT_ROOT
from bot.safety.lexicon import DangerLexicon
from bot.safety.safety_net import EMERGENCY_LEVEL, SafetyNet
from bot.vocabulary import FALLBACK

NLU_DEV = PROJECT_ROOT / "tests" / "nlu" / "dev.tsv"

CANDIDATES: Dict[str, Dict[str, Any]] = {
    "today": {},
    "unclear_signal_likeness 0.1": {"unclear_signal_likeness": 0.1},
    "unclear_signal_likeness 0.2": {"unclear_signal_likeness": 0.2},
    "unclear_signal_likeness 0.3": {"unclear_signal_likeness": 0.3},
    "unclear_signal_likeness 0.4": {"unclear_signal_likeness": 0.4},
    "fallback_meaning 0.3": {"fallback_meaning": 0.3},
    "fallback_meaning 0.3, unclear 0.3": {"fallback_meaning": 0.3, "unclear_signal_likeness": 0.3},
    "likeness_with_ranking 0.4": {"likeness_with_ranking": 0.4},
    "sure_topic 0.5": {"sure_topic": 0.5},
    "no signals_together": {"signals_together": False},
}


def rows() -> List[Dict[str, str]]:
    out = []
    for name in TUNED_ON:
        out += [{"set": name, "lang": r.lang, "label": r.label, "text": r.text} for r in read_set(SETS / f"{name}.tsv")]
    with NLU_DEV.open(encoding="utf-8", newline="") as handle:
        for r in csv.DictReader(handle, delimiter="\t"):
            label = "emergency" if r["intent"] == "emergency" else ("unmet" if r["intent"] == "unmet" else "in_scope")
            out.append({"set": "nlu-dev", "lang": r["lang"], "label": label, "text": r["text"]})
    return out


async def parse(model: Path, items: List[Dict[str, str]]) -> SafetyNet:
    from rasa.core.agent import Agent
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)
    agent = Agent.load(str(model))
    for item in items:
        data = await agent.parse_message(item["text"])
        ranking = [r for r in data.get("intent_ranking", []) if not r.get("safety")]
        item["ranking"] = ranking  # type: ignore[assignment]
        item["intent"] = ranking[0] if ranking else {"name": FALLBACK, "confidence": 0.0}  # type: ignore[assignment]
        item["language"] = (data.get("language") or {}).get("code") or ""
        item["level"] = (data.get("safety") or {}).get("level", "none")
    net = trained_safety_net(model)
    if net is None:
        raise SystemExit(f"{model}: no safety net in this Rasa model")
    return net


def score(items: Sequence[Dict[str, Any]], levels: Sequence[str], baseline: Dict[str, str]) -> Dict[str, Any]:
    result: Dict[str, Any] = {}
    for name in TUNED_ON:
        chosen = [(it, lv) for it, lv in zip(items, levels, strict=True) if it["set"] == name]
        em = [lv for it, lv in chosen if it["label"] == "emergency"]
        nm = [lv for it, lv in chosen if it["label"] == "near_miss"]
        result[name] = (sum(lv == EMERGENCY_LEVEL for lv in em), len(em), sum(lv == EMERGENCY_LEVEL for lv in nm), len(nm))
    lost = [it["text"] for it, lv in zip(items, levels, strict=True) if it["set"] in TUNED_ON and it["label"] == "emergency"
            and baseline.get(f'{it["set"]}\t{it["text"]}') == EMERGENCY_LEVEL and lv != EMERGENCY_LEVEL]
    result["lost"] = len(lost)
    for label in ("unmet", "in_scope"):
        chosen = [lv for it, lv in zip(items, levels, strict=True) if it["set"] == "nlu-dev" and it["label"] == label]
        result[label] = (sum(lv == EMERGENCY_LEVEL for lv in chosen), len(chosen))
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", type=Path, required=True)
    parser.add_argument("--cache", type=Path, required=True, help="write each message's level here (json)")
    parser.add_argument("--baseline", type=Path, help="another model's cache: emergencies it caught must stay caught")
    args = parser.parse_args()
    items = rows()
    net = asyncio.run(parse(args.model, items))
    args.cache.write_text(json.dumps({f'{it["set"]}\t{it["text"]}': it["level"] for it in items}, ensure_ascii=False))
    baseline = json.loads(args.baseline.read_text()) if args.baseline else {}
    lexicon = DangerLexicon.load(PROJECT_ROOT / "locales" / "danger")
    print("| candidate | caught tune/dev/dev5/dev6 | lost vs baseline | near-miss alarms tune/dev/dev5/dev6 (sum) "
          "| unmet -> emergency | in-scope -> emergency |\n|---|---|---|---|---|---|")
    for name, config in CANDIDATES.items():
        candidate = SafetyNet({**net._config, **config}, lexicon, net.likeness, meaning=net.meaning)
        levels = [candidate.decide(it["text"], it["ranking"], it["intent"], it["language"])["level"] for it in items]
        r = score(items, levels, baseline)
        caught = " / ".join(f"{r[s][0]}/{r[s][1]}" for s in TUNED_ON)
        alarms = "/".join(str(r[s][2]) for s in TUNED_ON)
        print(f"| {name} | {caught} | {r['lost']} | {alarms} ({sum(r[s][2] for s in TUNED_ON)} of "
              f"{sum(r[s][3] for s in TUNED_ON)}) | {r['unmet'][0]}/{r['unmet'][1]} | {r['in_scope'][0]}/{r['in_scope'][1]} |")


if __name__ == "__main__":
    main()
