"""`make bench-nlu`: intent quality on the held-out set tests/nlu/heldout.tsv, on the new topics'
held-out set tests/nlu/heldout_new.tsv (and both together), and sub-answer accuracy on
tests/nlu/heldout_subs.tsv.

Prints intent accuracy and macro-F1 per language and per topic, how many unmet
questions (label `unmet`) were caught as nlu_fallback or out_of_scope, and how
many in-scope questions were wrongly sent to the fallback. Then, per language and
per sub-answer, how many held-out messages of a topic with sub-answers got the
right sub-answer (bot.nlu.sub_answers; the general answer counts as wrong). With
--config, it first trains an NLU-only model with that config (to compare pipelines).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

from bot import PROJECT_ROOT

HELDOUT = PROJECT_ROOT / "tests" / "nlu" / "heldout.tsv"
# The issue 14 topics and their boundaries with the old ones, by an independent author: lang, intent, text.
HELDOUT_NEW = PROJECT_ROOT / "tests" / "nlu" / "heldout_new.tsv"
# Written by an independent author, never trained on: lang, intent, sub, text.
HELDOUT_SUBS = PROJECT_ROOT / "tests" / "nlu" / "heldout_subs.tsv"
# Below this many messages a group's result is given as a count only ("3/4"), not as a rate.
SMALL = 20
CAUGHT = {"nlu_fallback", "out_of_scope"}
Row = Tuple[str, str, str]  # lang, intent, text


def read_heldout(path: Path = HELDOUT) -> List[Row]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        if line.strip():
            lang, intent, text = line.split("\t")
            rows.append((lang, intent, text))
    return rows


def train_nlu(config: Path, out: Path) -> Path:
    start = time.monotonic()
    subprocess.run(
        [sys.executable, "-m", "rasa", "train", "nlu", "--config", str(config), "--nlu", "nlu",
         "--out", str(out), "--fixed-model-name", "bench"],
        cwd=PROJECT_ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    print(f"trained {config} in {time.monotonic() - start:.0f} s")
    return out / "bench.tar.gz"


async def predict(model: Path, texts: Sequence[str]) -> Tuple[List[str], List[float], List[Tuple[str, float]]]:
    """Predicted intents, parse times (ms), and the classifier's own top (intent, confidence)."""
    from rasa.core.agent import Agent
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)  # Rasa logs every parse at debug level
    agent = Agent.load(str(model))
    intents, times, tops = [], [], []
    for text in texts:
        start = time.perf_counter()
        parsed = await agent.parse_message(text)
        times.append((time.perf_counter() - start) * 1000)
        intents.append(parsed["intent"]["name"])
        ranking = [r for r in parsed.get("intent_ranking", []) if r["name"] != "nlu_fallback"]
        tops.append((ranking[0]["name"], ranking[0]["confidence"]) if ranking else ("nlu_fallback", 0.0))
    return intents, times, tops


def threshold_sweep(rows: Sequence[Row], tops: Sequence[Tuple[str, float]]) -> None:
    """What a FallbackClassifier threshold would give: caught unmet vs lost in-scope."""
    print("\n## Fallback threshold sweep (classifier confidence)\n")
    print("| threshold | unmet caught | in-scope to fallback | in-scope accuracy |\n|---|---|---|---|")
    for threshold in (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7):
        unmet = in_scope = caught = lost = right = 0
        for (_, gold, _), (intent, confidence) in zip(rows, tops, strict=True):
            predicted = "nlu_fallback" if confidence < threshold else intent
            if gold in ("unmet", "out_of_scope"):
                unmet += 1
                caught += predicted in CAUGHT
            else:
                in_scope += 1
                lost += predicted == "nlu_fallback"
                right += predicted == gold
        print(f"| {threshold:.2f} | {caught / unmet:.3f} | {lost / in_scope:.3f} | {right / in_scope:.3f} |")


def f1(pairs: Sequence[Tuple[str, str]], labels: Sequence[str]) -> float:
    """Macro-F1 over `labels` for (gold, predicted) pairs."""
    scores = []
    for label in labels:
        tp = sum(g == label and p == label for g, p in pairs)
        fp = sum(g != label and p == label for g, p in pairs)
        fn = sum(g == label and p != label for g, p in pairs)
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return statistics.mean(scores) if scores else 0.0


def correct(gold: str, predicted: str) -> bool:
    return predicted in CAUGHT if gold in ("unmet", "out_of_scope") else predicted == gold


def report(rows: Sequence[Row], predicted: Sequence[str], times: Sequence[float]) -> Dict[str, float]:
    by_lang: Dict[str, List[Tuple[str, str]]] = defaultdict(list)
    by_topic: Dict[str, List[Tuple[str, str]]] = defaultdict(list)
    for (lang, gold, _), pred in zip(rows, predicted, strict=True):
        gold_label = "unmet" if gold == "unmet" else gold
        pred_label = "unmet" if gold in ("unmet", "out_of_scope") and pred in CAUGHT else pred
        by_lang[lang].append((gold_label, pred_label))
        by_topic[gold_label].append((gold_label, pred_label))
    labels = sorted(by_topic)
    print("\n## Per language\n\n| lang | n | accuracy | macro-F1 |\n|---|---|---|---|")
    for lang in sorted(by_lang, key=lambda code: -len(by_lang[code])):
        pairs = by_lang[lang]
        acc = sum(g == p for g, p in pairs) / len(pairs)
        print(f"| {lang} | {len(pairs)} | {acc:.3f} | {f1(pairs, sorted({g for g, _ in pairs})):.3f} |")
    all_pairs = [p for pairs in by_lang.values() for p in pairs]
    print("\n## Per topic\n\n| topic | n | accuracy | F1 | most confused with |\n|---|---|---|---|---|")
    for topic in labels:
        pairs = by_topic[topic]
        acc = sum(g == p for g, p in pairs) / len(pairs)
        wrong = defaultdict(int)
        for _, p in pairs:
            if p != topic:
                wrong[p] += 1
        confused = ", ".join(f"{k} ({v})" for k, v in sorted(wrong.items(), key=lambda kv: -kv[1])[:2])
        print(f"| {topic} | {len(pairs)} | {acc:.3f} | {f1(all_pairs, [topic]):.3f} | {confused} |")
    nl = [p for p in by_lang.get("nl", [])]
    other = [p for lang, ps in by_lang.items() if lang != "nl" for p in ps]
    unmet = [(g, p) for (_lang, g, _), p in zip(rows, predicted, strict=True) if g == "unmet"]
    in_scope = [(g, p) for (_lang, g, _), p in zip(rows, predicted, strict=True) if g not in ("unmet", "out_of_scope")]
    result = {
        "accuracy_nl": sum(g == p for g, p in nl) / max(1, len(nl)),
        "accuracy_other": sum(g == p for g, p in other) / max(1, len(other)),
        "accuracy_all": sum(g == p for g, p in all_pairs) / max(1, len(all_pairs)),
        "macro_f1": f1(all_pairs, labels),
        "unmet_caught": sum(p in CAUGHT for _, p in unmet) / max(1, len(unmet)),
        "in_scope_to_fallback": sum(p == "nlu_fallback" for _, p in in_scope) / max(1, len(in_scope)),
        "in_scope_to_out_of_scope": sum(p == "out_of_scope" for _, p in in_scope) / max(1, len(in_scope)),
    }
    times = sorted(times)
    print("\n## Summary\n")
    print(f"held-out messages: {len(rows)} ({len(by_lang)} languages); unmet: {len(unmet)}")
    print(f"accuracy Dutch: {result['accuracy_nl']:.4f} (n={len(nl)}); other languages: "
          f"{result['accuracy_other']:.4f} (n={len(other)}); all: {result['accuracy_all']:.4f}")
    print(f"macro-F1 over topics: {result['macro_f1']:.4f}")
    print(f"unmet questions caught (nlu_fallback or out_of_scope): {result['unmet_caught']:.4f} "
          f"({sum(p in CAUGHT for _, p in unmet)}/{len(unmet)})")
    print(f"in-scope questions sent to nlu_fallback: {result['in_scope_to_fallback']:.4f}; "
          f"to out_of_scope: {result['in_scope_to_out_of_scope']:.4f}")
    print(f"parse latency: p50 {times[len(times) // 2]:.1f} ms, p95 {times[int(len(times) * 0.95)]:.1f} ms")
    return result


SubRow = Tuple[str, str, str, str]  # lang, intent, sub, text
# A held-out message whose right answer is the topic's general answer (no sub-answer).
GENERAL_LABELS = {"", "answer", "general", "-"}


def read_heldout_subs(path: Path = HELDOUT_SUBS) -> Optional[List[SubRow]]:
    """The held-out sub-answer messages, or None when the file is absent."""
    if not path.exists():
        return None
    rows: List[SubRow] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines()[1:], start=2):
        if line.strip():
            fields = line.split("\t")
            if len(fields) != 4:
                raise ValueError(f"{path.name}, line {number}: needs 4 tab-separated columns (lang, intent, sub, text)")
            lang, intent, sub, text = fields
            rows.append((lang.strip(), intent.strip(), sub.strip(), text))
    return rows


async def predict_subs(model: Path, texts: Sequence[str]) -> List[Tuple[str, Optional[str]]]:
    """The predicted topic and sub-answer (None: the general answer) of each text."""
    from rasa.core.agent import Agent

    agent = Agent.load(str(model))
    predicted: List[Tuple[str, Optional[str]]] = []
    for text in texts:
        parsed = await agent.parse_message(text)
        chosen = parsed.get("sub_answer") or {}
        predicted.append((parsed["intent"]["name"], chosen.get("name") if isinstance(chosen, dict) else None))
    return predicted


def _share(right: int, total: int) -> str:
    return f"{right}/{total}" if total < SMALL else f"{right}/{total} ({right / total:.3f})"


def sub_report(rows: Sequence[SubRow], predicted: Sequence[Tuple[str, Optional[str]]]) -> Dict[str, float]:
    """Right = the topic and the sub-answer both right (a general answer where a sub-answer was due is wrong)."""
    by_lang: Dict[str, List[bool]] = defaultdict(list)
    by_sub: Dict[str, List[bool]] = defaultdict(list)
    confused: Dict[str, Dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for (lang, intent, sub, _), (got_intent, got_sub) in zip(rows, predicted, strict=True):
        want = None if sub in GENERAL_LABELS else sub
        ok = got_intent == intent and got_sub == want
        by_lang[lang].append(ok)
        name = f"{intent}/{want or 'general'}"
        by_sub[name].append(ok)
        if not ok:
            confused[name][got_sub or ("general" if got_intent == intent else got_intent)] += 1
    print("\n## Sub-answers per language (right sub-answer / messages of that topic)\n")
    print("| lang | right |\n|---|---|")
    for lang in sorted(by_lang, key=lambda code: (-len(by_lang[code]), code)):
        print(f"| {lang} | {_share(sum(by_lang[lang]), len(by_lang[lang]))} |")
    print("\n## Per sub-answer\n\n| sub-answer | right | got instead |\n|---|---|---|")
    for name in sorted(by_sub):
        instead = ", ".join(f"{k} ({v})" for k, v in sorted(confused[name].items(), key=lambda kv: -kv[1])[:3])
        print(f"| {name} | {_share(sum(by_sub[name]), len(by_sub[name]))} | {instead} |")
    flat = [ok for oks in by_lang.values() for ok in oks]
    nl = by_lang.get("nl", [])
    other = [ok for lang, oks in by_lang.items() if lang != "nl" for ok in oks]
    result = {
        "sub_accuracy_all": sum(flat) / max(1, len(flat)),
        "sub_accuracy_nl": sum(nl) / max(1, len(nl)),
        "sub_accuracy_other": sum(other) / max(1, len(other)),
    }
    print(f"\nsub-answer accuracy: all {_share(sum(flat), len(flat))}; Dutch {_share(sum(nl), len(nl))}; "
          f"other languages {_share(sum(other), len(other))}")
    return result


def bench_subs(model: Path, path: Path = HELDOUT_SUBS) -> Optional[Dict[str, float]]:
    rows = read_heldout_subs(path)
    if rows is None:
        print(f"\n## Sub-answers\n\n{path.relative_to(PROJECT_ROOT)} is absent: no sub-answer accuracy measured.")
        return None
    predicted = asyncio.run(predict_subs(model, [text for *_, text in rows]))
    return sub_report(rows, predicted)


def main(argv: Optional[Sequence[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", type=Path, default=PROJECT_ROOT / "models" / "taalbrug.tar.gz")
    parser.add_argument("--config", type=Path, help="train an NLU model with this config first")
    args = parser.parse_args(argv)
    logging.disable(logging.WARNING)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    rows = read_heldout()
    with tempfile.TemporaryDirectory() as tmp:
        model = train_nlu(args.config, Path(tmp)) if args.config else args.model
        predicted, times, tops = asyncio.run(predict(model, [t for _, _, t in rows]))
        print(f"# NLU benchmark ({args.config or args.model})")
        print(f"\n# {HELDOUT.relative_to(PROJECT_ROOT)}")
        report(rows, predicted, times)
        threshold_sweep(rows, tops)
        if HELDOUT_NEW.exists():
            new_rows = read_heldout(HELDOUT_NEW)
            new_predicted, new_times, _ = asyncio.run(predict(model, [t for _, _, t in new_rows]))
            print(f"\n# {HELDOUT_NEW.relative_to(PROJECT_ROOT)}: the new topics and their boundaries")
            report(new_rows, new_predicted, new_times)
            print("\n# Both held-out topic sets together")
            report([*rows, *new_rows], [*predicted, *new_predicted], [*times, *new_times])
        bench_subs(model)


if __name__ == "__main__":
    main()
