"""Issue 12, sixth round: re-decide the development sets with the worktree's lexicon and rules, from one cached parse.

Usage:
  python -m experiments.safety_recall6.redecide --model MODEL --parse OUT.json      # parse once, cache
  python -m experiments.safety_recall6.redecide --model MODEL --cached OUT.json [--baseline LEVELS.json]
         [--levels LEVELS.json] [--list]

The parse keeps, per message of tests/safety tune, dev, dev5, dev6, dev7 and tests/nlu/dev.tsv, the classifier's
ranking and intent before the safety net and the detected language; the re-decision runs the model's own safety net
(its likeness and meaning models) with the lexicon of locales/danger as it is now. Prints caught / misses ending in
nlu_fallback / near-miss full false alarms per set, emergencies the baseline caught and this one loses, and on
tests/nlu/dev.tsv unmet -> emergency and in-scope -> emergency. `--list` prints each development miss and false
alarm with its deciding signal. Held-out sets are never read.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import logging
from collections import Counter
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

from bench.safety import SETS, read_set, trained_safety_net
from bot import PROJECT_ROOT
from bot.safety.lexicon import DangerLexicon
from bot.safety.safety_net import EMERGENCY_LEVEL, SafetyNet
from bot.vocabulary import FALLBACK

DEV_SETS = ("tune", "dev", "dev5", "dev6", "dev7")
NLU_DEV = PROJECT_ROOT / "tests" / "nlu" / "dev.tsv"


def rows() -> List[Dict[str, Any]]:
    return safety_rows(DEV_SETS) + nlu_dev_rows()


def safety_rows(names: Sequence[str]) -> List[Dict[str, Any]]:
    """The messages of tests/safety/<name>.tsv for each name, tagged with their set: the rows every redecide
    script of the later rounds re-decides."""
    return [{"set": name, "lang": r.lang, "label": r.label, "category": r.category, "text": r.text}
            for name in names for r in read_set(SETS / f"{name}.tsv")]


def nlu_rows(path: Path, tag: str) -> List[Dict[str, Any]]:
    """The messages of an NLU set (columns lang, intent, text) as safety rows tagged `tag`: its `emergency` lines
    are emergencies, every other line a near-miss (an ordinary question that must not get the full 112 answer)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [{"set": tag, "lang": r["lang"], "label": "emergency" if r["intent"] == "emergency" else "near_miss",
                 "category": r["intent"], "text": r["text"]} for r in csv.DictReader(handle, delimiter="\t")]


def nlu_dev_rows() -> List[Dict[str, Any]]:
    """The messages of tests/nlu/dev.tsv, labelled emergency, unmet or in_scope."""
    out: List[Dict[str, Any]] = []
    with NLU_DEV.open(encoding="utf-8", newline="") as handle:
        for r in csv.DictReader(handle, delimiter="\t"):
            label = "emergency" if r["intent"] == "emergency" else ("unmet" if r["intent"] == "unmet" else "in_scope")
            out.append({"set": "nlu-dev", "lang": r["lang"], "label": label, "category": r["intent"], "text": r["text"]})
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
        item["language"] = (data.get("language") or {}).get("code") or ""
        item["model_level"] = (data.get("safety") or {}).get("level", "none")


def redecide_cached(rows: Callable[[], List[Dict[str, Any]]]) -> Optional[Tuple[argparse.Namespace, List[Dict[str, Any]],
                                                                          List[Dict[str, Any]], List[str]]]:
    """The command line of the later rounds' redecide scripts (--model, --parse OUT or --cached OUT, --list,
    --config KEY=JSON): with --parse, parses `rows()` once with the model and returns None; with --cached, returns the
    arguments, the cached items, this checkout's safety net's reports on them (the model's likeness and meaning
    models, this checkout's code and lexicon, the --config options on top of the model's) and the level each item got
    when it was parsed."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", type=Path, required=True)
    parser.add_argument("--parse", type=Path)
    parser.add_argument("--cached", type=Path)
    parser.add_argument("--list", action="store_true")
    parser.add_argument("--config", action="append", default=[], metavar="KEY=JSON", help="a safety-net option to try")
    args = parser.parse_args()
    if args.parse:
        cache_parse(args.model, rows(), args.parse)
        return None
    items, net, lexicon = cached_items_and_net(args.model, args.cached)
    options = {key: json.loads(value) for key, value in (c.split("=", 1) for c in args.config)}
    candidate = SafetyNet({**net._config, **options}, lexicon, net.likeness, meaning=net.meaning)
    reports = [candidate.decide(it["text"], it["ranking"], it["intent"], it["language"]) for it in items]
    return args, items, reports, [it["model_level"] for it in items]


def changed(items: List[Dict[str, Any]], reports: List[Dict[str, Any]],
            model_levels: List[str]) -> Dict[str, List[Tuple[Dict[str, Any], Dict[str, Any]]]]:
    """What a re-decision changed against the level the parse ran with: emergencies `lost` (the full 112 answer no
    longer first) and `won`, near-misses whose full false alarm was `cut` and `new` full false alarms."""
    out: Dict[str, List[Tuple[Dict[str, Any], Dict[str, Any]]]] = {"lost": [], "won": [], "cut": [], "new": []}
    for it, r, m in zip(items, reports, model_levels, strict=True):
        was, now = m == EMERGENCY_LEVEL, r["level"] == EMERGENCY_LEVEL
        if was != now:
            kind = ("lost" if was else "won") if it["label"] == "emergency" else ("cut" if was else "new")
            out[kind].append((it, r))
    return out


def cache_parse(model: Path, items: List[Dict[str, Any]], path: Path) -> None:
    """Parses `items` with the model (`parse`) and writes them to `path` as JSON, for --cached re-decisions."""
    asyncio.run(parse(model, items))
    path.write_text(json.dumps(items, ensure_ascii=False))


def cached_items_and_net(model: Path, cached: Path) -> Tuple[List[Dict[str, Any]], SafetyNet, DangerLexicon]:
    """The items a `cache_parse` wrote, the model's trained safety net and the checkout's danger lexicon."""
    items = json.loads(cached.read_text())
    net = trained_safety_net(model)
    assert net is not None
    return items, net, DangerLexicon.load(PROJECT_ROOT / "locales" / "danger")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", type=Path, required=True)
    parser.add_argument("--parse", type=Path, help="parse the sets with the model and write them here")
    parser.add_argument("--cached", type=Path, help="a parse written by --parse")
    parser.add_argument("--baseline", type=Path, help="levels of another run: emergencies it caught must stay caught")
    parser.add_argument("--levels", type=Path, help="write this run's levels here")
    parser.add_argument("--list", action="store_true")
    parser.add_argument("--config", action="append", default=[], metavar="KEY=JSON", help="a safety-net option to try")
    args = parser.parse_args()
    if args.parse:
        cache_parse(args.model, rows(), args.parse)
        return
    items, net, lexicon = cached_items_and_net(args.model, args.cached)
    options = {key: json.loads(value) for key, value in (c.split("=", 1) for c in args.config)}
    net = SafetyNet({**net._config, **options}, lexicon, net.likeness, meaning=net.meaning)
    reports = [net.decide(it["text"], it["ranking"], it["intent"], it["language"]) for it in items]
    keys = [f'{it["set"]}\t{it["text"]}' for it in items]
    levels = {k: r["level"] for k, r in zip(keys, reports, strict=True)}
    if args.levels:
        args.levels.write_text(json.dumps(levels, ensure_ascii=False))
    baseline = json.loads(args.baseline.read_text()) if args.baseline else {}
    report(items, reports, keys, levels, baseline, args.list)


def report(items: List[Dict[str, Any]], reports: List[Dict[str, Any]], keys: List[str], levels: Dict[str, str],
           baseline: Dict[str, str], show: bool) -> None:
    tot: Counter = Counter()
    for name in DEV_SETS:
        chosen = [(it, r) for it, r in zip(items, reports, strict=True) if it["set"] == name]
        em = [(it, r) for it, r in chosen if it["label"] == "emergency"]
        nm = [(it, r) for it, r in chosen if it["label"] == "near_miss"]
        caught = sum(r["level"] == EMERGENCY_LEVEL for _, r in em)
        fb = sum(r["level"] != EMERGENCY_LEVEL and it["intent"]["name"] == FALLBACK for it, r in em)
        alarms = sum(r["level"] == EMERGENCY_LEVEL for _, r in nm)
        tot.update(caught=caught, em=len(em), alarms=alarms, nm=len(nm), fb=fb)
        print(f"{name}: caught {caught}/{len(em)}, misses in nlu_fallback {fb}, near-miss alarms {alarms}/{len(nm)}")
        if show:
            for it, r in em:
                if r["level"] != EMERGENCY_LEVEL:
                    print(f'   MISS {it["lang"]} {it["category"]} [{r["level"]}/{r["reason"]}] {it["intent"]["name"]}: {it["text"]}')
            for it, r in nm:
                if r["level"] == EMERGENCY_LEVEL:
                    print(f'   ALARM {it["lang"]} {it["category"]} [{r["reason"]}] {it["intent"]["name"]}: {it["text"]}')
    print(f"ALL: caught {tot['caught']}/{tot['em']}, misses in nlu_fallback {tot['fb']}, "
          f"near-miss alarms {tot['alarms']}/{tot['nm']}")
    lost = [k for k, it in zip(keys, items, strict=True) if it["label"] == "emergency" and it["set"] != "nlu-dev"
            and baseline.get(k) == EMERGENCY_LEVEL and levels[k] != EMERGENCY_LEVEL]
    print(f"lost vs baseline: {len(lost)}")
    for k in lost:
        print("   LOST", k)
    for label in ("unmet", "in_scope", "emergency"):
        chosen = [(it, r) for it, r in zip(items, reports, strict=True) if it["set"] == "nlu-dev" and it["label"] == label]
        n = sum(r["level"] == EMERGENCY_LEVEL for _, r in chosen)
        print(f"nlu-dev {label} -> emergency: {n}/{len(chosen)}")
        if show and label != "emergency":
            for it, r in chosen:
                if r["level"] == EMERGENCY_LEVEL:
                    print(f'   NLU {it["lang"]} {it["category"]} [{r["reason"]}]: {it["text"]}')
    diff = sum(it.get("model_level") != levels[k] for k, it in zip(keys, items, strict=True))
    print(f"(re-decided level differs from the model's own for {diff} messages)")


if __name__ == "__main__":
    main()
