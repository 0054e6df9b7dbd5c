"""`make bench-safety`: does the safety net catch emergencies, and how often does it cry wolf?

Sets of resident-style messages, each written by a different author, in
all 23 languages (tests/safety/):
- tune.tsv: written with the danger lexicon; the thresholds were chosen on it;
- dev.tsv: a fourth author, no categories; lexicon terms were added from its misses;
- dev5.tsv: a fifth author; the calm terms and the situation terms were checked on it;
- dev6.tsv: a sixth author who never saw the lexicon; its misses showed which kinds of
  message did not generalise (issue 12, second round); a development set like dev5;
- heldout.tsv: written apart from the lexicon; no message of it is ever read;
- final.tsv: a third author, another style; no message of it is ever read;
  both have been measured several times, and their per-category miss counts chose
  which categories issue 12's third round worked on: they are no longer fully unseen;
- final2.tsv: a seventh author (2026-12-06) who read nothing of the project and not the
  other sets; written while the third round worked, measured once by the lead at the end;
  lines equal to a line of another set or to an NLU training example were left out;
  measured once before and once after the third round's last lexicon change: no longer unseen;
- final3.tsv: an eighth author (2026-12-06, issue 12 fourth round), the same brief as final2,
  read nothing of the project nor the other sets; measured once at the end of the fourth round;
  lines equal to a line of another set or to an NLU training example were left out (751 of 874);
- final4.tsv: a ninth author (2026-12-06, issue 12 fifth round), the same brief, read nothing of the
  project nor the other sets; measured once at the end of the fifth round (752 of 874 lines kept);
- dev7.tsv: a tenth author (2026-12-06, issue 12 fifth round), mostly indirect emergencies and tricky
  near-misses, read nothing of the project; the fifth round scored it once before and once after its
  changes, as a validation set, and read none of its messages. Not scored by default: `--set
  tests/safety/dev7.tsv` (14 of its short lines are also lines of final4.tsv, written apart);
- final5.tsv: an eleventh author (2026-12-06, issue 12 sixth round), final2's brief, read nothing of the
  project nor the other sets; measured once at the end of the sixth round (659 of 874 lines kept);
- dev8.tsv: a twelfth author (2026-12-06, sixth round), the same brief; a validation set like dev7, scored
  by the sixth round's engineers once before and once after their changes, never read; `--set
  tests/safety/dev8.tsv` (no line of it stands in another set);
  (heldout.tsv and final.tsv to final6.tsv, above, are retired since the twelfth round: their emergencies are
  training examples (scripts/retired_examples.py) and they are no longer scored);
- final6.tsv: a thirteenth author (2026-12-06, issue 12 seventh round), the same brief, read nothing of the
  project nor the other sets; measured once at the end of the seventh round (758 of 874 lines kept; its
  author wrote most lines outside nl, en, fr and es as translations of one list, so they vary less);
- dev9.tsv: a fourteenth author (2026-12-06, seventh round), the same brief; a validation set like dev8,
  never read, `--set tests/safety/dev9.tsv` (819 of 874 lines kept);
- final7.tsv: a fifteenth author (2026-12-06, issue 12 eighth round), the same brief (now asking not to translate
  one list), read nothing of the project nor the other sets; measured once before and once after the eighth round
  (775 of 874 lines kept; its author says only nl, en, fr and es were written independently);
- dev10.tsv: a sixteenth author (2026-12-06, eighth round), the same brief; a validation set like dev9, never read,
  `--set tests/safety/dev10.tsv` (756 of 874 lines kept; most languages translated from one list, its author says);
- final8.tsv: a seventeenth author (2026-12-07, issue 12 ninth round), the same brief, read nothing of the project
  nor the other sets; measured once before and once after the ninth round (750 of 874 lines kept; its author says
  nl, en, fr, es, ar, fa and uk were written independently, 11 languages follow one translated list);
- dev11.tsv: an eighteenth author (2026-12-07, ninth round), the same brief; a validation set like dev9, never read,
  `--set tests/safety/dev11.tsv` (754 of 874 lines kept; ten languages follow one translated list, its author says);
- final9.tsv: a nineteenth author (2026-12-07, issue 12 tenth round), the same brief, read nothing of the project
  nor the other sets; measured once before and once after the tenth round (839 of 874 lines kept; its author says
  some near-miss kinds recur in more than three languages);
- dev12.tsv: a twentieth author (2026-12-07, tenth round), the same brief; a validation set like dev9, never read,
  `--set tests/safety/dev12.tsv` (864 of 874 lines kept; its author says ps, so, ti and ckb follow one template);
- dev13.tsv: a twenty-first author (2026-12-07, tenth round, second part), the same brief; a validation set that
  judged candidate M3 once (docs/nlu-pipeline.md), never read (858 of 874 lines kept);
- final10.tsv: a twenty-second author (2026-12-07, eleventh round), the same brief, read nothing of the project nor
  the other sets; measured with main's model and candidate M4 before the round's merges and once after them (791 of
  874 lines kept; its author says the near-miss kinds and some emergencies recur across languages);
- dev14.tsv: a twenty-third author (2026-12-07, eleventh round), the same brief; a validation set, never read,
  `--set tests/safety/dev14.tsv` (712 of 874 lines kept; its author says ps, so, ti, am, ckb, kmr and ber share
  situations);
- dev15.tsv: a twenty-fourth author (2026-12-07, eleventh round, second part), the same brief; a validation set that
  judged candidate M5 once (docs/nlu-pipeline.md), never read (806 of 874 lines kept; its author says eight
  languages follow one set of situations);
- final11.tsv: a twenty-fifth author (2026-12-07, twelfth round), the same brief, read nothing of the project nor
  the other sets; judged candidate M6 against main's model once (docs/nlu-pipeline.md, twelfth round; 795 of 874
  lines kept; its author says fa, ps, so, ti, am, ber, ckb and kmr follow one set of situations);
- dev16.tsv: a twenty-sixth author (2026-12-07, twelfth round), the same brief with more borderline near-misses
  (a wasp sting, a small burn, a toddler's fever); a validation set that judged candidate M6 once, never read
  (789 of 874 lines kept; its author says the languages from uk to kmr follow one list);
- dev17.tsv: a twenty-seventh author (2026-12-07, twelfth round, second part), asked for small health problems as
  near-misses and emergencies that look like them (a sting with a swelling throat, a large scald, fever with a stiff
  neck); a validation set that judged safety13 once (docs/bench-safety.md), never read (820 of 874 lines kept: 383
  emergencies, 437 near-misses; its author says the languages from ps on follow one list of near-misses);
- final13.tsv: a twenty-eighth author (2026-12-07, thirteenth round), the same brief (22 emergencies over all 18
  categories and 18 near-misses per language: small health questions, fire-safety and smoke-detector questions, gas
  contracts, past burglaries, figures of speech, questions about the emergency services), read nothing of the
  project nor the other sets; judged safety14 and safety15 against main once (docs/bench-safety.md, thirteenth
  round; 919 of 920 lines kept: 506 emergencies, 413 near-misses; its author says ber, ti and ps are the least
  natural and some near-miss situations recur across languages);
- dev18.tsv: a twenty-ninth author (2026-12-07, thirteenth round), asked for half small health and body questions
  among the near-misses and some emergencies that start like a small question; a validation set the engineers scored
  before and after, never read, and that judged the round's candidates once (862 of 874 lines kept: 408
  emergencies, 454 near-misses; its author says am, ti, so, sq, bg and kmr follow one list of situations);
- final14.tsv: a thirtieth author (2026-12-07, thirteenth round, second part), final13's brief, read nothing of the
  project nor the other sets; judged safety16 against main once (docs/bench-safety.md; 865 of 920 lines kept: 485
  emergencies, 380 near-misses; its author says the near-miss situations are nearly parallel across languages and the
  last nine languages' emergencies too);
- final15.tsv: a thirty-first author (2026-12-07, fourteenth round), final13's brief, read nothing of the project nor
  the other sets; judged the fourteenth round's safety candidates against main once (docs/bench-safety.md; 881 of 920
  lines kept: 498 emergencies, 383 near-misses; its author says ps, ckb, kmr, so, am and ti are more textbook-like,
  ber the weakest, and their near-miss lists close to parallel);
- dev19.tsv: a thirty-second author (2026-12-07, fourteenth round), asked for near-misses of the kinds that raised
  false alarms (fire-safety questions, past events, figures of speech, questions about the emergency services,
  public-space problems, asking for a person, short unclear messages) and emergencies beside ordinary context (at
  school, at the gym, while filling in a form); never read nor scored before it judged the round's candidates once
  (898 of 920 lines kept: 454 emergencies, 444 near-misses);
- final16.tsv and final17.tsv: a thirty-third and a thirty-fourth author (2026-12-07, fourteenth round, second and
  third parts), final15's brief with about four emergencies per language told beside ordinary context (at the town
  hall, at a course, at the gym, on the phone with a company); final16 measured the round's merge and final17 judged
  the lead's L14 once (docs/bench-safety.md; 875 of 920 kept: 499 emergencies, 376 near-misses, and 860: 492 / 368;
  both authors say the near-miss situations follow one template across languages and ber is the weakest);
- final18.tsv: a thirty-fifth author (2026-12-07, fourteenth round, fourth part), final16's brief; judged the lead's
  L14b once (docs/bench-safety.md; 867 of 920 kept: 503 emergencies, 364 near-misses; its author says the languages
  share one outline of situations, closest to parallel from bg on, and ber is the weakest);
- final19.tsv: a thirty-sixth author (2026-12-07, fifteenth round), final16's brief and asked to vary the situations
  between languages; judged the fifteenth round's safety candidates against main once (docs/bench-safety.md; 876 of
  920 kept: 500 emergencies, 376 near-misses; its author says am, ti, ps, so, ckb and kmr repeat one list of
  situations, ps closest to a translation, and ber is the weakest);
- dev20.tsv: a thirty-seventh author (2026-12-07, fifteenth round), dev19's brief with more of what still failed:
  about six emergencies a language told as a story beside ordinary context, and near-misses that are questions about
  fire safety and emergency numbers or ordinary complaints about services; never read nor scored before it judged
  the round's candidates once (885 of 920 kept: 449 emergencies, 436 near-misses; its author says the near-miss
  lists of the less-resourced languages follow one skeleton);
- final20.tsv: a thirty-eighth author (2026-12-07, fifteenth round, second part), final19's brief; judged nothing:
  scored once on main before the round and once after it, nothing tuned on it (docs/bench-safety.md; 870 of 920 kept:
  501 emergencies, 369 near-misses; its author says the near-miss situations follow the brief's checklist in every
  language and ber is the weakest);
- final21.tsv: a thirty-ninth author (2026-12-07, fifteenth round, fourth part), final19's brief; judged safety20b
  against the round's merge once (docs/bench-safety.md; 868 of 920 kept: 500 emergencies, 368 near-misses; its author
  rewrote the am, ti, so, ckb, kmr and ps emergencies to vary them, and says their near-miss themes are shared);
- final22.tsv: a new author (2026-12-08, issue 12 sixteenth round), the same brief (22 emergencies over all 18
  categories and 18 near-misses per language: course and first-aid questions, gas bills, past burglaries, figures of
  speech, complaints, non-urgent police numbers), read nothing of the project nor the other sets; judged candidate M7
  and safety20b on M6 against main once each (docs/nlu-pipeline.md, sixteenth round; 840 of 920 kept: 447 emergencies, 393 near-misses; its
  author says the languages from tr on follow one shared list, close to translated);
- final23.tsv: another new author of the sixteenth round, the same brief with frightened, broken messages and stories
  told first (at work, at a course, on the bus) and near-misses about doctors on duty, street repairs, rude officials,
  loneliness and drills; measured on main before and after the round, nothing chosen on it (docs/bench-safety.md; 895
  of 920 kept: 496 emergencies, 399 near-misses; its author says the languages from ps on follow one template);
- final24.tsv: a new author of the sixteenth round's fourth part, final23's brief (asked to avoid the most obvious
  examples); judged safety21 against main once (docs/bench-safety.md; 891 of 920 kept: 485 emergencies, 406
  near-misses; its author says the near-miss lists of ti, am, so, ps, kmr, ckb, ber and sq are close to one template);
and the ordinary questions of the newest NLU held-out set, tests/nlu/heldout18.tsv (its `emergency` rows count as
emergencies; heldout.tsv, scored here until the sixth round, is retired).
Each row is an `emergency` or a `near_miss` (danger-looking words, no emergency now).

For each set and language: recall on emergencies (the full 112 answer comes
first) and the false-alarm rate on near-misses (the full 112 answer on a
message that is none), for the safety net and for the bare topic classifier
side by side; and how many of each got the one-line "is it an emergency?"
question instead. Small counts are printed as counts. Missed messages are
listed for the sets tuned on only; for held-out sets only their categories. `--sweep` prints what
other thresholds would give on the tune set only.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import csv
import io
import itertools
import logging
import statistics
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Sequence

from bench.nlu import HELDOUT, read_heldout
from bot import PROJECT_ROOT
from bot.language.languages import SUPPORTED
from bot.safety.lexicon import DangerLexicon
from bot.safety.likeness import EmergencyLikeness
from bot.safety.safety_net import EMERGENCY_LEVEL, UNSURE, SafetyNet
from bot.vocabulary import EMERGENCY, FALLBACK, NO_TOPIC

SETS = PROJECT_ROOT / "tests" / "safety"
REPORT = PROJECT_ROOT / "docs" / "bench-safety.md"
# --write keeps the report's text above this line (the rounds' findings) and replaces what is below it.
TABLES = "<!-- make bench-safety --write replaces everything below this line -->"
# heldout.tsv and final.tsv to final6.tsv are retired (scripts/retired_examples.py: RETIRED_SAFETY): their
# emergencies are training examples since the twelfth round, so they are no longer scored here.
NAMES = ("tune", "dev", "dev5", "dev6", "final7", "final8", "final9", "final10", "final11", "final13", "final14", "final15", "final16", "final17", "final18", "final19", "final20", "final21", "final22", "final23", "final24")
# Sets whose messages may be read and tuned on; the others are held out.
TUNED_ON = ("tune", "dev", "dev5", "dev6")


@dataclass(frozen=True)
class LabelledMessage:
    lang: str
    label: str  # emergency | near_miss
    category: str
    text: str


@dataclass
class Parsed:
    row: LabelledMessage
    intent: Dict[str, Any]  # the pipeline's intent before the safety net
    ranking: List[Dict[str, Any]]  # the ranking before the safety net
    level: str  # the safety net's level as configured in config.yml
    bare: bool  # the bare classifier says emergency (its first intent, not a fallback)
    language: str  # the detected language
    reason: str = ""  # the safety net's reason: which signal decided (danger_words, classifier, fallback_reads_like, ...)


def read_set(path: Path) -> List[LabelledMessage]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [LabelledMessage(r["lang"], r["label"], r["category"], r["text"]) for r in csv.DictReader(handle, delimiter="\t")]
    bad = [r for r in rows if r.lang not in SUPPORTED or r.label not in ("emergency", "near_miss") or not r.text]
    if bad:
        raise SystemExit(f"{path}: {len(bad)} malformed rows, e.g. {bad[0]}")
    return rows


def trained_safety_net(model: Path) -> Optional[SafetyNet]:
    """The safety net as `rasa train` stored it in the model archive, loaded through Rasa's model storage
    with the `SafetyNet.load` the server calls, so that a sweep weighs exactly what the server weighs."""
    from rasa.engine.graph import ExecutionContext
    from rasa.engine.storage.local_model_storage import LocalModelStorage

    if not model.is_file():
        raise FileNotFoundError(f"{model}: no Rasa model here (`make train` builds it)")
    with tempfile.TemporaryDirectory() as directory:
        storage, metadata = LocalModelStorage.from_model_archive(Path(directory), model)
        for name, node in metadata.predict_schema.nodes.items():
            if node.uses is SafetyNet and node.resource is not None:
                context = ExecutionContext(metadata.predict_schema, metadata.model_id, node_name=name)
                return SafetyNet.load(node.config, storage, node.resource, context)
    return None


async def parse(model: Path, rows: Sequence[LabelledMessage]) -> tuple[List[Parsed], List[float], Optional[EmergencyLikeness]]:
    from rasa.core.agent import Agent
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)
    agent = Agent.load(str(model))
    parsed, times = [], []
    for row in rows:
        start = time.perf_counter()
        data = await agent.parse_message(row.text)
        times.append((time.perf_counter() - start) * 1000)
        ranking = [r for r in data.get("intent_ranking", []) if not r.get("safety")]
        intent = ranking[0] if ranking else {"name": FALLBACK, "confidence": 0.0}
        level = (data.get("safety") or {}).get("level", "none")
        language = (data.get("language") or {}).get("code") or ""
        reason = (data.get("safety") or {}).get("reason") or ""
        parsed.append(Parsed(row, intent, ranking, level, intent.get("name") == EMERGENCY, language, reason))
    net = trained_safety_net(model)
    return parsed, times, net.likeness if net else None


def decide(net: SafetyNet, parsed: Iterable[Parsed]) -> List[str]:
    """The level another configuration of the safety net would give (same classifier output)."""
    return [net.decide(item.row.text, item.ranking, item.intent, item.language)["level"] for item in parsed]


def _count(items: Sequence[Parsed], levels: Sequence[str], label: str, level: str) -> tuple[int, int]:
    chosen = [lv for it, lv in zip(items, levels, strict=True) if it.row.label == label]
    return sum(1 for lv in chosen if lv == level), len(chosen)


def _bare(items: Sequence[Parsed], label: str) -> tuple[int, int]:
    chosen = [it for it in items if it.row.label == label]
    return sum(1 for it in chosen if it.bare), len(chosen)


def _frac(hit: int, total: int) -> str:
    return f"{hit}/{total}" if total else "-"


def report(name: str, items: Sequence[Parsed]) -> None:
    levels = [it.level for it in items]
    print(f"\n## {name}\n")
    print("| lang | emergencies caught: safety net | bare classifier | asked only | "
          "near-miss false alarms: safety net | bare classifier | asked |")
    print("|---|---|---|---|---|---|---|")
    by_lang: Dict[str, List[int]] = defaultdict(list)
    for index, item in enumerate(items):
        by_lang[item.row.lang].append(index)
    totals = defaultdict(int)
    for lang in sorted(by_lang):
        sub = [items[i] for i in by_lang[lang]]
        lv = [levels[i] for i in by_lang[lang]]
        cells = [
            _count(sub, lv, "emergency", EMERGENCY_LEVEL), _bare(sub, "emergency"), _count(sub, lv, "emergency", UNSURE),
            _count(sub, lv, "near_miss", EMERGENCY_LEVEL), _bare(sub, "near_miss"), _count(sub, lv, "near_miss", UNSURE),
        ]
        for i, (hit, total) in enumerate(cells):
            totals[(i, "hit")] += hit
            totals[(i, "total")] += total
        print(f"| {lang} | " + " | ".join(_frac(*c) for c in cells) + " |")
    print("| **all** | " + " | ".join(_frac(totals[(i, "hit")], totals[(i, "total")]) for i in range(6)) + " |")
    missed = [it for it, lv in zip(items, levels, strict=True) if it.row.label == "emergency" and lv != EMERGENCY_LEVEL]
    alarms = [it for it, lv in zip(items, levels, strict=True) if it.row.label == "near_miss" and lv == EMERGENCY_LEVEL]
    fallback = sum(1 for it in missed if it.intent.get("name") == FALLBACK)
    print(f"\nmissed emergencies: {len(missed)} (no full 112 answer first; of which ended in nlu_fallback: {fallback}, "
          "answered \"not understood\" and \"is it an emergency? call 112\")")
    emergencies = [(it, lv) for it, lv in zip(items, levels, strict=True) if it.row.label == "emergency"]
    shown = sum(1 for it, lv in emergencies if lv in (EMERGENCY_LEVEL, UNSURE) or it.intent.get("name") in NO_TOPIC)
    print(f"emergencies shown 112 at all (the full answer, or the line \"is it an emergency? call 112\" that every "
          f"unsure, not-understood or out-of-scope answer ends with): {_frac(shown, len(emergencies))}")
    print(f"false alarms: {len(alarms)}")
    for label, group in (("missed", missed), ("alarm", alarms)):
        per_signal = deciders(group)
        if per_signal:
            print(f"- {label} by deciding signal: " + ", ".join(f"{c} {n}" for c, n in per_signal))
    if name not in TUNED_ON:
        # Held-out sets: categories only. Their messages are never read one by one,
        # so that nothing in the lexicon or the thresholds is fitted to them.
        caught = Counter(it.row.category for it, lv in emergencies if lv == EMERGENCY_LEVEL)
        per_category = Counter(it.row.category for it, _ in emergencies)
        print("- caught by category: " + ", ".join(f"{c} {caught[c]}/{n}" for c, n in sorted(per_category.items())))
        for label, group in (("missed", missed), ("alarm", alarms)):
            per = Counter(it.row.category for it in group)
            if per:
                print(f"- {label} by category: " + ", ".join(f"{c} {n}" for c, n in sorted(per.items())))
        return
    for it in missed:
        print(f"- missed [{it.row.lang}, {it.row.category}]: {it.row.text}  (classifier: {it.intent.get('name')}; "
              f"safety: {it.reason or 'none'})")
    for it in alarms:
        print(f"- alarm [{it.row.lang}, {it.row.category}]: {it.row.text}  (classifier: {it.intent.get('name')}; "
              f"safety: {it.reason or 'none'})")


def deciders(items: Sequence[Parsed]) -> List[tuple[str, int]]:
    """How many messages each signal decided: the safety net's reason, with `bare_classifier` for an alarm the
    classifier's own first intent (emergency, not a fallback) already gave, most first."""
    per = Counter(("bare_classifier" if it.bare and it.reason == "classifier" else it.reason or "none") for it in items)
    return sorted(per.items(), key=lambda pair: (-pair[1], pair[0]))


def sweep(items: Sequence[Parsed], likeness: Optional[EmergencyLikeness]) -> None:
    """Recall and false alarms on the tune set for a grid of thresholds (the model's own likeness)."""
    lexicon = DangerLexicon.load(PROJECT_ROOT / "locales" / "danger")
    print("\n## threshold sweep (tune.tsv only)\n")
    print("| emergency_bar | sure_topic | recall | false alarms | asked (near-miss) |")
    print("|---|---|---|---|---|")
    for bar, sure in itertools.product((0.02, 0.05, 0.10, 0.20), (0.4, 0.5, 0.6, 0.7, 0.8)):
        net = SafetyNet({"emergency_bar": bar, "sure_topic": sure}, lexicon, likeness)
        levels = decide(net, items)
        caught, n = _count(items, levels, "emergency", EMERGENCY_LEVEL)
        alarms, m = _count(items, levels, "near_miss", EMERGENCY_LEVEL)
        asked, _ = _count(items, levels, "near_miss", UNSURE)
        print(f"| {bar:.2f} | {sure:.1f} | {caught}/{n} | {alarms}/{m} | {asked}/{m} |")


def speed(texts: Sequence[str]) -> None:
    lexicon = DangerLexicon.load(PROJECT_ROOT / "locales" / "danger")
    times = []
    for text in texts:
        start = time.perf_counter()
        lexicon.scan(text)
        times.append((time.perf_counter() - start) * 1000)
    long_text = ("Ik heb een vraag over mijn afvalkalender en de ophaling van het grof vuil. " * 27)[:1990] + " brand"
    start = time.perf_counter()
    for _ in range(20):
        lexicon.scan(long_text)
    per_long = (time.perf_counter() - start) / 20 * 1000
    q = statistics.quantiles(times, n=100)
    print(f"\nlexicon scan: p50 {q[49]:.3f} ms, p95 {q[94]:.3f} ms per message; 2,000 characters: {per_long:.2f} ms; "
          f"{len(lexicon.terms)} terms in {len({t.language for t in lexicon.terms})} languages")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=PROJECT_ROOT / "models" / "taalbrug.tar.gz")
    parser.add_argument("--sweep", action="store_true", help="print a threshold sweep on the tune set")
    parser.add_argument("--write", action="store_true", help=f"also write the report to {REPORT.name}")
    parser.add_argument("--set", dest="sets", type=Path, action="append", default=[], metavar="TSV",
                        help="score only this set (lang, label, category, text; repeatable), as a held-out set: "
                             "aggregates per language and category, no message printed")
    args = parser.parse_args(argv)
    if args.sets and args.write:
        parser.error("--write writes the repo's sets only; --set scores another set without writing the report")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        _run(args)
    print(out.getvalue(), end="")
    if args.write:
        REPORT.write_text(with_tables(REPORT.read_text(encoding="utf-8") if REPORT.exists() else "", out.getvalue()),
                          encoding="utf-8")


def with_tables(report: str, tables: str) -> str:
    """The report with `tables` in place of everything below TABLES; what people wrote above it stays."""
    above = report.split(TABLES, 1)[0].rstrip("\n")
    return f"{above}\n\n{TABLES}\n\n{tables}" if above else f"{TABLES}\n\n{tables}"


def chosen_sets(paths: Sequence[Path]) -> Dict[str, List[LabelledMessage]]:
    """The sets to score: the given TSV files (named by their file name, never one of the tuned-on names, so
    their messages are not printed), or else the repo's sets and the NLU held-out questions."""
    if paths:
        return {f"{path.stem} ({path})": read_set(path) for path in paths}
    sets = {name: read_set(SETS / f"{name}.tsv") for name in NAMES if (SETS / f"{name}.tsv").exists()}
    # Ordinary questions of every topic, from the newest NLU held-out set (another source, never trained on):
    # how often does a resident with an ordinary question get 112, or the "is it an emergency?" line?
    if HELDOUT.exists():
        sets["nlu-heldout"] = [LabelledMessage(lang, "emergency" if intent == "emergency" else "near_miss", intent,
                                               text) for lang, intent, text in read_heldout()]
    return sets


def _run(args: argparse.Namespace) -> None:
    sets = chosen_sets(args.sets)
    all_rows = [row for rows in sets.values() for row in rows]
    parsed, times, likeness = asyncio.run(parse(args.model, all_rows))
    print("# Safety net: emergencies caught and false alarms (make bench-safety)")
    offset = 0
    for name, rows in sets.items():
        items = parsed[offset: offset + len(rows)]
        offset += len(rows)
        report(name, items)
        if name == "tune" and args.sweep:
            sweep(items, likeness)
    q = statistics.quantiles(times, n=100)
    print(f"\n/model/parse (whole pipeline, in-process): p50 {q[49]:.1f} ms, p95 {q[94]:.1f} ms over {len(times)} messages")
    speed([row.text for row in all_rows])


if __name__ == "__main__":
    main()
