"""`make bench-nlu`: intent quality on the fresh held-out set tests/nlu/heldout18.tsv, and sub-answer accuracy on
tests/nlu/heldout_subs4.tsv to heldout_subs6.tsv, heldout_subs8.tsv and heldout_subs10.tsv; with --dev, intent quality
on the development set tests/nlu/dev.tsv only. The older held-out sets were each scored at the end of a round and are
no longer scored: heldout.tsv to heldout8.tsv and heldout_subs.tsv to heldout_subs3.tsv are retired
(scripts/retired_examples.py turns them into training data, docs/nlu-pipeline.md), heldout9.tsv to heldout17.tsv, the
ninth to sixteenth rounds', were scored at their ends, and heldout_subs7.tsv and heldout_subs9.tsv each judged a
candidate once and are not scored again.

Prints intent accuracy and macro-F1 per language and per topic, how many unmet
questions (label `unmet`) were caught as nlu_fallback or out_of_scope, and how
many in-scope questions were wrongly sent to the fallback. Then, per language and
per sub-answer, how many held-out messages of a topic with sub-answers got the
right sub-answer (bot.nlu.sub_answers; the general answer counts as wrong). With
--config, it first trains an NLU-only model with that config (to compare pipelines;
--data adds training files such as lookup tables, --save keeps the model).

--dev scores the development set tests/nlu/dev.tsv and nothing else: candidates
(pipelines, thresholds) are chosen on it, and the held-out files are never opened,
so that they are measured once, with the chosen model. It prints the same tables,
the most frequent confusion pairs, and a sweep of the FallbackClassifier's
threshold and ambiguity threshold.

--set FILE (repeatable) scores only that file (lang, intent, text columns, a header line optional), as a
held-out set: the same tables and threshold sweep as for a fresh held-out set, aggregates only, never a
message; for validation sets written by others, such as /work/shared-dev/nlu_dev2.tsv.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Dict, Iterator, List, NamedTuple, Optional, Sequence, Tuple

from bot import PROJECT_ROOT
from scripts.retired_examples import RETIRED, RETIRED_SUBS

# Written by an independent author, never trained on: lang, intent, sub, text.
HELDOUT_SUBS = PROJECT_ROOT / "tests" / "nlu" / "heldout_subs.tsv"
# A second, fresh sub-answer set (2026-12-06, sixth round): another author who read nothing of the
# project; measured once with the chosen model (lines equal to a training example or another set left out).
HELDOUT_SUBS_2 = PROJECT_ROOT / "tests" / "nlu" / "heldout_subs2.tsv"
# The development set: written by another independent author, never trained on, used to choose
# the pipeline and the thresholds (lang, intent, text).
DEV = PROJECT_ROOT / "tests" / "nlu" / "dev.tsv"
# The seventh round's held-out author (2026-12-06): the same brief, read only docs/topics.yml; written while
# the round chose on DEV and the validation sets dev2.tsv and dev3.tsv, measured once with the chosen model.
HELDOUT_7 = PROJECT_ROOT / "tests" / "nlu" / "heldout7.tsv"
# A third sub-answer set by another author of the seventh round, who read nothing of the project.
HELDOUT_SUBS_3 = PROJECT_ROOT / "tests" / "nlu" / "heldout_subs3.tsv"
# The eighth round's held-out author (2026-12-06): the same brief, read only docs/topics.yml; measured once before
# and once after the round, which chose on the development and validation sets (dev4.tsv by another new author).
HELDOUT_8 = PROJECT_ROOT / "tests" / "nlu" / "heldout8.tsv"
# A fourth sub-answer set by another author of the eighth round, who read nothing of the project.
HELDOUT_SUBS_4 = PROJECT_ROOT / "tests" / "nlu" / "heldout_subs4.tsv"
# The ninth round's held-out author (2026-12-07): the same brief, read only docs/topics.yml; measured once before
# and once after the round (validation: dev5.tsv by another new author).
HELDOUT_9 = PROJECT_ROOT / "tests" / "nlu" / "heldout9.tsv"
# A fifth sub-answer set by another author of the ninth round, who read nothing of the project.
HELDOUT_SUBS_5 = PROJECT_ROOT / "tests" / "nlu" / "heldout_subs5.tsv"
# The tenth round's held-out author (2026-12-07): the same brief, read only docs/topics.yml; measured once before
# and once after the round (validation: dev6.tsv by another new author).
HELDOUT_10 = PROJECT_ROOT / "tests" / "nlu" / "heldout10.tsv"
# A sixth sub-answer set by another author of the tenth round, who read nothing of the project.
HELDOUT_SUBS_6 = PROJECT_ROOT / "tests" / "nlu" / "heldout_subs6.tsv"
# The eleventh round's held-out author (2026-12-07): the same brief, read only docs/topics.yml; measured with main's
# model and candidate M4 once, before the round's merges (validation: dev8.tsv by another new author).
HELDOUT_11 = PROJECT_ROOT / "tests" / "nlu" / "heldout11.tsv"
# An eighth sub-answer set by another author of the eleventh round, who read nothing of the project.
HELDOUT_SUBS_8 = PROJECT_ROOT / "tests" / "nlu" / "heldout_subs8.tsv"
# The twelfth round's held-out author (2026-12-07): the same brief, read only docs/topics.yml; judged candidate M6
# against main's model once (docs/nlu-pipeline.md, twelfth round).
HELDOUT_12 = PROJECT_ROOT / "tests" / "nlu" / "heldout12.tsv"
# A tenth sub-answer set by another author of the twelfth round, who read nothing of the project.
HELDOUT_SUBS_10 = PROJECT_ROOT / "tests" / "nlu" / "heldout_subs10.tsv"
# The thirteenth round's held-out author (2026-12-07): the same brief, read only docs/topics.yml; no model candidate
# that round, so it measures the shipped model M6 (docs/nlu-pipeline.md, thirteenth round).
HELDOUT_13 = PROJECT_ROOT / "tests" / "nlu" / "heldout13.tsv"
# The fourteenth round's held-out author (2026-12-07): the same brief, read only docs/topics.yml; no model candidate
# that round either, so it measures the shipped model M6.
HELDOUT_14 = PROJECT_ROOT / "tests" / "nlu" / "heldout14.tsv"
# The fifteenth round's held-out author (2026-12-07): the same brief and asked to vary the residents; no model
# candidate that round either, so it measures the shipped model M6.
HELDOUT_15 = PROJECT_ROOT / "tests" / "nlu" / "heldout15.tsv"
# The fifteenth round's second topic author (its fourth part, 2026-12-07): the same brief; its ordinary questions
# judged safety20b (docs/bench-safety.md); no model candidate, so it measures the shipped model M6.
HELDOUT_16 = PROJECT_ROOT / "tests" / "nlu" / "heldout16.tsv"
# The sixteenth round's topic author (2026-12-08): the same brief, read only docs/topics.yml, with upset-sounding
# questions that are no emergency; judged candidate M7 against main once (docs/nlu-pipeline.md, sixteenth round).
HELDOUT_17 = PROJECT_ROOT / "tests" / "nlu" / "heldout17.tsv"
# The sixteenth round's second topic author (its fourth part, 2026-12-08): heldout17's brief; its ordinary questions
# and emergencies judged safety21 (docs/bench-safety.md); no model candidate, so it measures the shipped model M6.
HELDOUT_18 = PROJECT_ROOT / "tests" / "nlu" / "heldout18.tsv"
# The fresh held-out sets that no model was trained on, newest last, with what `make bench-nlu` calls them.
# heldout.tsv to heldout8.tsv and heldout_subs.tsv to heldout_subs3.tsv were scored at the end of earlier rounds
# and are retired (RETIRED, RETIRED_SUBS: training data since the twelfth round); heldout9.tsv to heldout15.tsv
# were scored at the end of the ninth to fifteenth rounds (heldout15 at its first part's end), heldout16.tsv at the
# end of the fifteenth round's fourth part, heldout17.tsv in the sixteenth round (it judged M7): none is scored again.
SCORED_BEFORE: Tuple[str, ...] = ("heldout9.tsv", "heldout10.tsv", "heldout11.tsv", "heldout12.tsv", "heldout13.tsv",
                                "heldout14.tsv", "heldout15.tsv", "heldout16.tsv", "heldout17.tsv")
FRESH = ((HELDOUT_18, "the sixteenth round's second independent topic author, all topics"),)
SUB_SETS = (HELDOUT_SUBS_4, HELDOUT_SUBS_5, HELDOUT_SUBS_6, HELDOUT_SUBS_8, HELDOUT_SUBS_10)
HELDOUT = FRESH[-1][0]  # the newest held-out topic set
# Below this many messages a group's result is given as a count only ("3/4"), not as a rate.
SMALL = 20
CAUGHT = {"nlu_fallback", "out_of_scope"}
Row = Tuple[str, str, str]  # lang, intent, text


def read_heldout(path: Path = HELDOUT) -> List[Row]:
    """A held-out file of the repo (lang, intent, text, with its header line), read as any --set file."""
    return read_set(path)


def read_set(path: Path) -> List[Row]:
    """A set given with --set: lang, intent, text per line; a first line `lang<TAB>intent<TAB>text` is a header.
    A malformed line is refused with the file and line number named, never its text."""
    rows: List[Row] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        fields = line.split("\t")
        if not line.strip() or (number == 1 and [f.strip() for f in fields] == ["lang", "intent", "text"]):
            continue
        if len(fields) != 3 or not all(f.strip() for f in fields):
            raise ValueError(f"{path.name}, line {number}: needs 3 tab-separated, non-empty columns "
                             "(lang, intent, text)")
        rows.append((fields[0].strip(), fields[1].strip(), fields[2]))
    if not rows:
        raise ValueError(f"{path.name}: no message to score")
    return rows


def bench_set(model: Path, rows: Sequence[Row], heading: str) -> Dict[str, float]:
    """One set scored as a held-out set under `heading`: the per-language and per-topic tables, the summary
    and the threshold sweep (aggregates only)."""
    predicted, times, tops = asyncio.run(predict(model, [t for _, _, t in rows]))
    print(f"\n# {heading}")
    result = report(rows, predicted, times)
    threshold_sweep(rows, tops)
    return result


def training_data(out: Path, extra: Sequence[Path] = ()) -> Path:
    """nlu/intents, plus `extra` files (lookup tables from experiments/), as one folder for `rasa train nlu`."""
    if not extra:
        return PROJECT_ROOT / "nlu"
    data = out / "data"
    data.mkdir(parents=True)
    (data / "intents").symlink_to(PROJECT_ROOT / "nlu" / "intents")
    for path in extra:
        (data / path.name).symlink_to(path.resolve())
    return data


def train_nlu(config: Path, out: Path, extra: Sequence[Path] = ()) -> Path:
    start = time.monotonic()
    subprocess.run(
        [sys.executable, "-m", "rasa", "train", "nlu", "--config", str(config), "--nlu", str(training_data(out, extra)),
         "--out", str(out), "--fixed-model-name", "bench"],
        cwd=PROJECT_ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    print(f"trained {config}{' + ' + ', '.join(str(p) for p in extra) if extra else ''} "
          f"in {time.monotonic() - start:.0f} s")
    return out / "bench.tar.gz"


class Parsed(NamedTuple):
    """What the whole pipeline answered for one message, and what its classifier said before any fallback."""

    intent: str
    ms: float
    top: str  # the classifier's best intent (never nlu_fallback)
    confidence: float
    margin: float  # confidence of the best minus the second best: FallbackClassifier's ambiguity
    # The safety net decided the intent whatever the fallback thresholds: an emergency, or the classifier's
    # emergency turned into its next topic. None: the FallbackClassifier's thresholds decide.
    fixed: Optional[str]


async def parse_all(model: Path, texts: Sequence[str]) -> List[Parsed]:
    from rasa.core.agent import Agent
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)  # Rasa logs every parse at debug level
    agent = Agent.load(str(model))
    parsed_all = []
    for text in texts:
        start = time.perf_counter()
        parsed = await agent.parse_message(text)
        ms = (time.perf_counter() - start) * 1000
        intent = parsed["intent"]["name"]
        ranking = [r for r in parsed.get("intent_ranking", []) if r["name"] != "nlu_fallback" and not r.get("safety")]
        top, confidence = (ranking[0]["name"], ranking[0]["confidence"]) if ranking else ("nlu_fallback", 0.0)
        margin = confidence - (ranking[1]["confidence"] if len(ranking) > 1 else 0.0)
        level = (parsed.get("safety") or {}).get("level")
        fixed = intent if level == "emergency" or (top == "emergency" and intent != "nlu_fallback") else None
        parsed_all.append(Parsed(intent, ms, top, confidence, margin, fixed))
    return parsed_all


async def predict(model: Path, texts: Sequence[str]) -> Tuple[List[str], List[float], List[Tuple[str, float]]]:
    """Predicted intents, parse times (ms), and the classifier's own top (intent, confidence)."""
    parsed = await parse_all(model, texts)
    return [p.intent for p in parsed], [p.ms for p in parsed], [(p.top, p.confidence) for p in parsed]


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


def report(rows: Sequence[Row], predicted: Sequence[str], times: Sequence[float], kind: str = "held-out") -> Dict[str, float]:
    by_lang: Dict[str, List[Tuple[str, str]]] = defaultdict(list)
    by_topic: Dict[str, List[Tuple[str, str]]] = defaultdict(list)
    for (lang, gold, _), pred in zip(rows, predicted, strict=True):
        gold_label = "unmet" if gold == "unmet" else gold
        # An unmet or out-of-scope question is answered right when it is caught (nlu_fallback or out_of_scope).
        pred_label = gold_label if correct(gold, pred) else pred
        by_lang[lang].append((gold_label, pred_label))
        by_topic[gold_label].append((gold_label, pred_label))
    labels = sorted(by_topic)
    print(f"\n## Per language (right/n; the rate only from n={SMALL})\n\n| lang | n | accuracy | macro-F1 |\n|---|---|---|---|")
    for lang in sorted(by_lang, key=lambda code: -len(by_lang[code])):
        pairs = by_lang[lang]
        right = sum(g == p for g, p in pairs)
        print(f"| {lang} | {len(pairs)} | {_share(right, len(pairs))} | {f1(pairs, sorted({g for g, _ in pairs})):.3f} |")
    all_pairs = [p for pairs in by_lang.values() for p in pairs]
    print("\n## Per topic\n\n| topic | n | accuracy | F1 | most confused with |\n|---|---|---|---|---|")
    for topic in labels:
        pairs = by_topic[topic]
        right = sum(g == p for g, p in pairs)
        wrong = defaultdict(int)
        for _, p in pairs:
            if p != topic:
                wrong[p] += 1
        confused = ", ".join(f"{k} ({v})" for k, v in sorted(wrong.items(), key=lambda kv: -kv[1])[:2])
        print(f"| {topic} | {len(pairs)} | {_share(right, len(pairs))} | {f1(all_pairs, [topic]):.3f} | {confused} |")
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
    print(f"{kind} messages: {len(rows)} ({len(by_lang)} languages); unmet: {len(unmet)}")
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


FallbackSetting = Tuple[float, float]  # threshold, ambiguity threshold
SWEEP_THRESHOLDS = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)
SWEEP_AMBIGUITY = (0.0, 0.03, 0.05, 0.1)


def simulate(parsed: Parsed, setting: FallbackSetting) -> str:
    """The intent the pipeline would give with another FallbackClassifier threshold and ambiguity threshold."""
    threshold, ambiguity = setting
    if parsed.fixed is not None:
        return parsed.fixed
    return "nlu_fallback" if parsed.confidence < threshold or parsed.margin < ambiguity else parsed.top


def figures(rows: Sequence[Row], predicted: Sequence[str]) -> Dict[str, float]:
    """The figures the targets are set on: accuracy Dutch / other, unmet caught, in-scope lost to the fallback."""
    nl = [correct(g, p) for (lang, g, _), p in zip(rows, predicted, strict=True) if lang == "nl"]
    other = [correct(g, p) for (lang, g, _), p in zip(rows, predicted, strict=True) if lang != "nl"]
    unmet = [p in CAUGHT for (_, g, _), p in zip(rows, predicted, strict=True) if g == "unmet"]
    in_scope = [(g, p) for (_, g, _), p in zip(rows, predicted, strict=True) if g not in ("unmet", "out_of_scope")]
    lost = [p == "nlu_fallback" for _, p in in_scope]
    return {
        "accuracy_nl": sum(nl) / max(1, len(nl)),
        "accuracy_other": sum(other) / max(1, len(other)),
        "unmet_caught": sum(unmet) / max(1, len(unmet)),
        "in_scope_to_fallback": sum(lost) / max(1, len(lost)),
        "in_scope_accuracy": sum(g == p for g, p in in_scope) / max(1, len(in_scope)),
        "n_nl": len(nl), "n_other": len(other), "n_unmet": len(unmet), "n_in_scope": len(lost),
    }


def fallback_sweep(rows: Sequence[Row], parsed: Sequence[Parsed]) -> Dict[FallbackSetting, Dict[str, float]]:
    """Every (threshold, ambiguity threshold) of the sweep, simulated from one set of parses."""
    print("\n## Fallback threshold x ambiguity threshold (simulated from the classifier's ranking)\n")
    print("| threshold | ambiguity | acc. Dutch | acc. other | unmet caught | in-scope to fallback | in-scope acc. |\n"
          "|---|---|---|---|---|---|---|")
    results = {}
    for threshold in SWEEP_THRESHOLDS:
        for ambiguity in SWEEP_AMBIGUITY:
            result = figures(rows, [simulate(p, (threshold, ambiguity)) for p in parsed])
            results[(threshold, ambiguity)] = result
            print(f"| {threshold:.2f} | {ambiguity:.2f} | {result['accuracy_nl']:.4f} | {result['accuracy_other']:.4f} "
                  f"| {result['unmet_caught']:.4f} | {result['in_scope_to_fallback']:.4f} "
                  f"| {result['in_scope_accuracy']:.4f} |")
    return results


def confusion_pairs(rows: Sequence[Row], predicted: Sequence[str], top: int = 25) -> None:
    """The most frequent (right intent -> predicted intent) errors, Dutch and other languages apart."""
    pairs: Dict[Tuple[str, str, str], int] = defaultdict(int)
    for (lang, gold, _), pred in zip(rows, predicted, strict=True):
        if not correct(gold, pred):
            pairs[(gold, pred, "nl" if lang == "nl" else "other")] += 1
    print("\n## Most frequent confusions\n\n| right | predicted | Dutch | other |\n|---|---|---|---|")
    totals: Dict[Tuple[str, str], Dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for (gold, pred, group), n in pairs.items():
        totals[(gold, pred)][group] += n
    for (gold, pred), groups in sorted(totals.items(), key=lambda kv: -sum(kv[1].values()))[:top]:
        print(f"| {gold} | {pred} | {groups['nl']} | {groups['other']} |")


def errors(rows: Sequence[Row], parsed: Sequence[Parsed]) -> Iterator[str]:
    """One line per wrongly answered development message (never used on a held-out set)."""
    for (lang, gold, text), p in zip(rows, parsed, strict=True):
        if not correct(gold, p.intent):
            yield f"{lang}\t{gold}\t{p.intent}\t{p.top} {p.confidence:.2f}\t{text}"


def configured_fallback(config: Path) -> FallbackSetting:
    """The FallbackClassifier's threshold and ambiguity threshold in a config (Rasa's defaults if absent)."""
    import yaml

    for component in yaml.safe_load(config.read_text(encoding="utf-8")).get("pipeline", []):
        if component.get("name") == "FallbackClassifier":
            return float(component.get("threshold", 0.3)), float(component.get("ambiguity_threshold", 0.1))
    return 0.0, 0.0


def bench_dev(
    model: Path, path: Path, summary: Optional[Path], name: str, show_errors: bool, config: Path = PROJECT_ROOT / "config.yml"
) -> Dict[str, float]:
    """The development set only: the tables, the confusions and the fallback sweep."""
    rows = read_heldout(path)
    parsed = asyncio.run(parse_all(model, [t for _, _, t in rows]))
    predicted = [p.intent for p in parsed]
    print(f"# NLU development set {path.name} ({name})")
    result = report(rows, predicted, [p.ms for p in parsed], kind="development")
    confusion_pairs(rows, predicted)
    sweep = fallback_sweep(rows, parsed)
    setting = configured_fallback(config)
    agree = sum(simulate(p, setting) == p.intent for p in parsed)
    print(f"\nThe sweep's simulation at the config's setting {setting} gives the pipeline's intent for "
          f"{agree}/{len(parsed)} messages.")
    if summary:
        with summary.open("a", encoding="utf-8") as out:
            out.write(json.dumps({"name": name, "pipeline": {**result, **figures(rows, predicted)},
                                  "sweep": {f"{t:.2f}/{a:.2f}": r for (t, a), r in sweep.items()}}) + "\n")
    if show_errors:
        print("\n## Wrong answers (lang, right, got, classifier's best, text)\n")
        print("\n".join(errors(rows, parsed)))
    return result


def main(argv: Optional[Sequence[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", type=Path, default=PROJECT_ROOT / "models" / "taalbrug.tar.gz")
    parser.add_argument("--config", type=Path, help="train an NLU model with this config first")
    parser.add_argument("--data", type=Path, nargs="*", default=[],
                        help="with --config: more training files beside nlu/intents (lookup tables)")
    parser.add_argument("--save", type=Path, help="with --config: keep the trained model at this path")
    parser.add_argument("--dev", action="store_true",
                        help="score the development set only (tests/nlu/dev.tsv); never reads a held-out file")
    parser.add_argument("--dev-file", type=Path, default=DEV, help=argparse.SUPPRESS)
    parser.add_argument("--set", dest="sets", type=Path, action="append", default=[], metavar="TSV",
                        help="score only this set (lang, intent, text; repeatable) as a held-out set: "
                             "aggregates per language and topic, no message printed")
    parser.add_argument("--summary", type=Path, help="with --dev: append the figures and the sweep as a JSON line")
    parser.add_argument("--errors", action="store_true", help="with --dev: list the wrongly answered messages")
    args = parser.parse_args(argv)
    if (args.summary or args.errors) and not args.dev:
        parser.error("--summary and --errors only go with --dev (held-out messages are never printed)")
    if args.sets and args.dev:
        parser.error("--set scores a set as a held-out set; --dev scores the development set: give one of them")
    sets = [(path, read_set(path)) for path in args.sets]  # a malformed set is refused before any training
    logging.disable(logging.WARNING)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    with tempfile.TemporaryDirectory() as tmp:
        model = train_nlu(args.config, Path(tmp), args.data) if args.config else args.model
        if args.save and args.config:
            args.save.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(model, args.save)
        if args.dev:
            bench_dev(model, args.dev_file, args.summary, str(args.config or args.model), args.errors,
                      args.config or PROJECT_ROOT / "config.yml")
            return
        if sets:
            print(f"# NLU benchmark ({args.config or args.model})")
            for path, rows in sets:
                bench_set(model, rows, f"{path}: scored as a held-out set (aggregates only)")
            return
        print(f"# NLU benchmark ({args.config or args.model})")
        print(f"\n{', '.join(RETIRED + RETIRED_SUBS)}: retired (each scored at the end of an earlier round, now "
              "training data), not scored.")
        if SCORED_BEFORE:
            print(f"{', '.join(SCORED_BEFORE)}: scored at the end of an earlier round (docs/nlu-pipeline.md), not scored.")
        for path, title in FRESH:
            if path.exists():
                bench_set(model, read_heldout(path), f"{path.relative_to(PROJECT_ROOT)}: {title}")
        for path in SUB_SETS:
            print(f"\n# {path.relative_to(PROJECT_ROOT)}: sub-answers")
            bench_subs(model, path)

if __name__ == "__main__":
    main()
