"""Issue 12, ninth round (safety9): re-decide the rule's sets offline from one cached parse per model.

Usage:
  python -m experiments.safety9.redecide --model MODEL --parse OUT.json       # parse once, cache
  python -m experiments.safety9.redecide --model MODEL --cached OUT.json [--list SET,...] [--config KEY=JSON ...]
         [--own] [--lexicon FOLDER]
  python -m experiments.safety9.redecide --model MODEL --parse OUT.json --validation TSV [--validation TSV ...]

`--own`: the decisions the model's net made at parse time; `--lexicon`: re-decide with another lexicon folder (main's
locales/danger: main's decisions, as this code without situation files decides as main's). `--validation`: parse
validation sets instead (figures only: their messages are never listed).

The parse keeps, per message of tests/safety tune, dev, dev5, dev6, dev7, dev8, the retired sets heldout.tsv and
final.tsv..final6.tsv, and tests/nlu/dev.tsv, DIET's ranking and intent before the safety net and the detected
language; the re-decision runs the model's own safety net (its likeness and meaning models) with this worktree's code
and lexicon. Prints per set: caught (full 112 first), lost_child caught, misses ending in nlu_fallback, near-miss full
false alarms; and tests/nlu/dev.tsv ordinary questions with 112. `--list` prints misses and false alarms of the named
sets; dev8 is a validation set and is never listed. Held-out sets (final7, heldout*.tsv of tests/nlu) are never read.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any, Dict, List

from bench.safety import SETS, read_set, trained_safety_net
from bot import PROJECT_ROOT
from bot.safety.lexicon import DangerLexicon
from bot.safety.safety_net import EMERGENCY_LEVEL, SafetyNet
from bot.vocabulary import FALLBACK
from experiments.safety_recall6.redecide import cache_parse, nlu_dev_rows

SIX = ("tune", "dev", "dev5", "dev6", "dev7", "dev8")
RETIRED = ("heldout", "final", "final2", "final3", "final4", "final5", "final6")
NEVER_LISTED = ("dev8",)


def rows(validation: List[Path]) -> List[Dict[str, Any]]:
    out: List[Dict[str, Any]] = []
    if validation:
        for path in validation:
            out += [{"set": f"VAL:{path.stem}", "lang": r.lang, "label": r.label, "category": r.category,
                     "text": r.text} for r in read_set(path)]
        return out
    for name in SIX + RETIRED:
        out += [{"set": name, "lang": r.lang, "label": r.label, "category": r.category, "text": r.text}
                for r in read_set(SETS / f"{name}.tsv")]
    return out + nlu_dev_rows()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", type=Path, required=True)
    parser.add_argument("--parse", type=Path)
    parser.add_argument("--cached", type=Path)
    parser.add_argument("--list", default="")
    parser.add_argument("--config", action="append", default=[], metavar="KEY=JSON")
    parser.add_argument("--own", action="store_true", help="the model's own decisions at parse time")
    parser.add_argument("--lexicon", type=Path, default=PROJECT_ROOT / "locales" / "danger")
    parser.add_argument("--validation", type=Path, action="append", default=[], help="parse these sets instead")
    args = parser.parse_args()
    if args.parse:
        cache_parse(args.model, rows(args.validation), args.parse)
        return
    items = json.loads(args.cached.read_text())
    net = trained_safety_net(args.model)
    assert net is not None
    lexicon = DangerLexicon.load(args.lexicon)
    options = {key: json.loads(value) for key, value in (c.split("=", 1) for c in args.config)}
    net = SafetyNet({**net._config, **options}, lexicon, net.likeness, meaning=net.meaning)
    reports = [{"level": it["model_level"]} for it in items] if args.own else \
        [net.decide(it["text"], it["ranking"], it["intent"], it["language"]) for it in items]
    report(items, reports, {s for s in args.list.split(",") if s and s not in NEVER_LISTED and not s.startswith("VAL:")})


def report(items: List[Dict[str, Any]], reports: List[Dict[str, Any]], listed: set) -> None:
    """Prints caught, lost_child caught, misses ending in nlu_fallback and full false alarms per set; the listed
    sets' misses and false alarms; tests/nlu/dev.tsv's questions with 112."""
    names = sorted({it["set"] for it in items if it["set"].startswith("VAL:")}) or list(SIX + RETIRED)
    totals: Dict[str, List[int]] = {"six": [0, 0, 0, 0, 0], "retired": [0, 0, 0, 0, 0]}
    for name in names:
        chosen = [(it, r) for it, r in zip(items, reports, strict=True) if it["set"] == name]
        em = [(it, r) for it, r in chosen if it["label"] == "emergency"]
        nm = [(it, r) for it, r in chosen if it["label"] == "near_miss"]
        caught = sum(r["level"] == EMERGENCY_LEVEL for _, r in em)
        lost = [(it, r) for it, r in em if it["category"] == "lost_child"]
        lost_caught = sum(r["level"] == EMERGENCY_LEVEL for _, r in lost)
        fb = sum(r["level"] != EMERGENCY_LEVEL and it["intent"]["name"] == FALLBACK for it, r in em)
        alarms = sum(r["level"] == EMERGENCY_LEVEL for _, r in nm)
        group = "six" if name in SIX or name.startswith("VAL:") else "retired"
        for i, v in enumerate((caught, alarms, fb, lost_caught, len(nm))):
            totals[group][i] += v
        print(f"{name:8} caught {caught}/{len(em)}  lost_child {lost_caught}/{len(lost)}  misses in fallback {fb}"
              f"  full false alarms {alarms}/{len(nm)}")
        if name in listed:
            for it, r in em:
                if r["level"] != EMERGENCY_LEVEL:
                    print(f'   MISS {it["lang"]} {it["category"]} [{r["level"]}/{r.get("reason")}] {it["intent"]["name"]}:'
                          f' {it["text"]}')
            for it, r in nm:
                if r["level"] == EMERGENCY_LEVEL:
                    print(f'   ALARM {it["lang"]} {it["category"]} [{r.get("reason")}] {it["intent"]["name"]}: {it["text"]}')
    for group, (caught, alarms, fb, lost_caught, nm) in totals.items():
        print(f"TOTAL {group}: caught {caught}, full false alarms {alarms}/{nm}, misses in fallback {fb}, "
              f"lost_child caught {lost_caught}")
    ordinary(items, reports, "nlu-dev" in listed)


def ordinary(items: List[Dict[str, Any]], reports: List[Dict[str, Any]], show: bool) -> None:
    """tests/nlu/dev.tsv: questions (in scope, unmet) and emergencies that get the full 112 answer."""
    for label in ("in_scope", "unmet", "emergency"):
        chosen = [r for it, r in zip(items, reports, strict=True) if it["set"] == "nlu-dev" and it["label"] == label]
        print(f"nlu-dev {label} with 112: {sum(r['level'] == EMERGENCY_LEVEL for r in chosen)}/{len(chosen)}")
        if show and label != "emergency":
            for it, r in zip(items, reports, strict=True):
                if it["set"] == "nlu-dev" and it["label"] == label and r["level"] == EMERGENCY_LEVEL:
                    print(f'   NLU {it["lang"]} {it["category"]} [{r.get("reason")}]: {it["text"]}')
    diff = sum(it.get("model_level") != r["level"] for it, r in zip(items, reports, strict=True))
    print(f"(re-decided level differs from the model's own for {diff} messages)")


if __name__ == "__main__":
    main()
