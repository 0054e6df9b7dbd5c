"""The eighteenth round's measure of one detector on the repo's resident sets (no file under /tmp is read).

Per set: correct / unsure / wrong (first message, nothing known: bench.langid.answers), macro accuracy, the worst
language, and the Dutch lines' nl / unsure / another language. Sets: every file of bench.langid's fresh tables
(FRESH_ROUNDS, each file once), the fifteenth round's seven fresh sets together (final19, dev20, heldout15, langid16,
final20, langid17, langid18: the "last round"), tests/language/langid13.tsv to langid18.tsv one by one, and
tests/language/dutch_chat.tsv (false "not Dutch", first message and in a Dutch conversation).

`--save FILE` writes every line's answer ({file:line: [lang, answer]}, no text); `--compare OLD NEW` counts the moves
per set; `--errors SET` prints the wrong and unsure lines of one set (for work on the detector); `--speed` adds p50 /
p95 / p99 CPU time per message on bench.langid's speed texts (dev set + held-out chat + Dutch chat) and RSS.
"""

from __future__ import annotations

import argparse
import json
import statistics
from collections import defaultdict
from pathlib import Path
from typing import Dict, List, Tuple

from bench.langid import FRESH_ROUNDS, UNSURE, answers, latency, read_dutch_chat, read_heldout_chat, rss_kb
from bot import PROJECT_ROOT
from bot.language.build import DATA, read_tsv
from bot.language.conversation import conversation_language
from bot.language.detector import LanguageDetector
from bot.language.languages import SUPPORTED

LAST_ROUND = ("tests/safety/final19.tsv", "tests/safety/dev20.tsv", "tests/nlu/heldout15.tsv",
              "tests/language/langid16.tsv", "tests/safety/final20.tsv", "tests/language/langid17.tsv",
              "tests/language/langid18.tsv")
SHORT = tuple(f"tests/language/langid{n}.tsv" for n in range(13, 19))


def files() -> Dict[str, int]:
    """Every fresh file with its text column, once."""
    found: Dict[str, int] = {}
    for group, _title in FRESH_ROUNDS:
        for path, column in group:
            found[str(Path(path).relative_to(PROJECT_ROOT))] = column
    return found


def rows(path: str, column: int) -> List[Tuple[str, str, str]]:
    out = []
    for number, line in enumerate((PROJECT_ROOT / path).read_text(encoding="utf-8").splitlines()[1:], 2):
        parts = line.split("\t")
        if len(parts) > column and parts[0] in SUPPORTED:
            out.append((f"{path}:{number}", parts[0], parts[column]))
    return out


def sets() -> Dict[str, List[str]]:
    every = files()
    return {"all fresh files": list(every), "last round (7 sets)": list(LAST_ROUND),
            **{Path(p).stem: [p] for p in SHORT}}


def stats(answered: Dict[str, List[str]], keys: List[str]) -> str:
    per: Dict[str, Dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for key in keys:
        lang, answer = answered[key]
        per[lang]["right" if answer == lang else "unsure" if answer == UNSURE else "wrong"] += 1
    totals = {k: sum(v[k] for v in per.values()) for k in ("right", "unsure", "wrong")}
    rates = {lang: v["right"] / sum(v.values()) for lang, v in per.items()}
    worst = min(rates, key=lambda k: rates[k])
    nl = per.get("nl", {})
    below = ", ".join(f"{k} {per[k]['right']}/{sum(per[k].values())}" for k in sorted(rates) if rates[k] < 0.95)
    return (f"{totals['right']} / {totals['unsure']} / {totals['wrong']} of {len(keys)}; macro "
            f"{statistics.mean(rates.values()):.4f}; worst {worst} {rates[worst]:.3f}; Dutch nl/unsure/other "
            f"{nl.get('right', 0)}/{nl.get('unsure', 0)}/{nl.get('wrong', 0)}; under 0.95: {below or '-'}")


def _kind(answer: str, lang: str) -> str:
    return "right" if answer == lang else "unsure" if answer == UNSURE else "wrong"


def answer_all(detector: LanguageDetector) -> Dict[str, List[str]]:
    predict = answers(detector)
    return {key: [lang, predict(text) or UNSURE] for path, column in files().items()
            for key, lang, text in rows(path, column)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--save", type=Path)
    parser.add_argument("--compare", nargs=2, type=Path)
    parser.add_argument("--errors")
    parser.add_argument("--speed", action="store_true")
    args = parser.parse_args()
    if args.compare:
        old, new = (json.loads(p.read_text(encoding="utf-8")) for p in args.compare)
        for name, paths in sets().items():
            moves: Dict[str, int] = defaultdict(int)
            for key in old:
                if key.rsplit(":", 1)[0] in paths and old[key][1] != new[key][1]:
                    lang = old[key][0]
                    moves[f"{lang} {_kind(old[key][1], lang)}->{_kind(new[key][1], lang)}"] += 1
            print(f"{name}: {dict(moves) or 'no change'}")
        return
    before = rss_kb()
    detector = LanguageDetector()
    detector.detect("warm up: laad de modellen")
    loaded = rss_kb()
    if args.errors:
        predict = answers(detector)
        for path in sets()[args.errors]:
            for _key, lang, text in rows(path, files()[path]):
                answer = predict(text) or UNSURE
                if answer != lang:
                    print(f"{lang}\t{answer}\t{text}")
        return
    answered = answer_all(detector)
    for name, paths in sets().items():
        keys = [k for k in answered if k.rsplit(":", 1)[0] in paths]
        print(f"{name}: {stats(answered, keys)}")
    chat = [t for split in read_dutch_chat().values() for t in split]
    first = sum(detector.detect(t).code != "nl" for t in chat)
    mid = sum(conversation_language(detector.detect(t).as_dict(), "nl").code != "nl" for t in chat)
    print(f"dutch_chat: false not-Dutch first message {first}/{len(chat)}, in a Dutch conversation {mid}/{len(chat)}")
    if args.save:
        args.save.write_text(json.dumps(answered), encoding="utf-8")
    if args.speed:
        texts = [t for _, t in read_tsv(DATA / "langid_dev.tsv") + read_heldout_chat()] + chat
        p50, p95, p99 = latency(detector, texts)
        print(f"speed: p50 {p50:.3f} / p95 {p95:.3f} / p99 {p99:.3f} ms over {len(texts)} texts; RSS after loading "
              f"{loaded / 1024:.1f} MB (detector {(loaded - before) / 1024:.1f} MB)")


if __name__ == "__main__":
    main()
