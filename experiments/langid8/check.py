"""The eighth round's side checks of one detector: Dutch chat, speed, memory, and the answers on the training texts.

- Dutch chat (tests/language/dutch_chat.tsv, 300): false "not Dutch", first message and in a Dutch conversation;
- p50 / p95 / p99 CPU time per message (bench.langid.latency) on the development messages
  (tests/nlu/dev2.tsv + tests/safety/dev8.tsv) and the Dutch chat;
- RSS after loading (fresh process);
- `--save FILE`: the answer (first message, nothing known) to each text of the training sources
  (bot/language/data/*/<code>.txt) and tests/language/sentences, as {source:line: [lang, answer]}, no text, so that
  two detectors can be compared answer by answer (`--compare OLD NEW`).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "langid7"))

from score import rows  # noqa: E402  (experiments/langid7/score.py)

from bench.langid import answers, latency, read_dutch_chat, rss_kb  # noqa: E402
from bot.language.conversation import conversation_language  # noqa: E402
from bot.language.detector import LanguageDetector  # noqa: E402
from bot.language.languages import SUPPORTED  # noqa: E402

DEV = (Path("tests/nlu/dev2.tsv"), Path("tests/safety/dev8.tsv"))
SOURCES = ("udhr", "chat", "gettext", "cldr", "l10n", "lexicon")


def texts_of_sources() -> dict:
    found = {}
    folders = [Path("bot/language/data") / s for s in SOURCES] + [Path("tests/language/sentences")]
    for folder in folders:
        for path in sorted(folder.glob("*.txt")):
            if path.stem in SUPPORTED:
                for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                    if line.strip():
                        found[f"{path}:{number}"] = (path.stem, line)
    return found


def _kind(answer: str, lang: str) -> str:
    return "right" if answer == lang else "unsure" if answer == "unsure" else "wrong"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--save", type=Path)
    parser.add_argument("--compare", nargs=2, type=Path)
    args = parser.parse_args()
    if args.compare:
        old, new = (json.loads(p.read_text(encoding="utf-8")) for p in args.compare)
        moves: dict = {}
        for key, (lang, answer) in old.items():
            after = new[key][1]
            if after != answer:
                move = f"{_kind(answer, lang)} -> {_kind(after, lang)}"
                moves[move] = moves.get(move, 0) + 1
        print(f"{len(old)} texts; changed: {moves or 'none'}")
        return
    detector = LanguageDetector()
    detector.detect("warm up")
    print(f"RSS after loading: {rss_kb() / 1024:.1f} MB")
    chat = read_dutch_chat()
    texts = [t for split in chat.values() for t in split]
    first = sum(detector.detect(t).code != "nl" for t in texts)
    mid = sum(conversation_language(detector.detect(t).as_dict(), "nl").code != "nl" for t in texts)
    print(f"Dutch chat false not-Dutch: first message {first}/{len(texts)}, in a Dutch conversation {mid}/{len(texts)}")
    dev = [text for path in DEV for _, _, text in rows(path)]
    p50, p95, p99 = latency(detector, dev + texts)
    print(f"latency p50 / p95 / p99: {p50:.2f} / {p95:.2f} / {p99:.2f} ms ({len(dev + texts)} texts)")
    if args.save:
        predict = answers(detector)
        saved = {key: [lang, predict(text)] for key, (lang, text) in texts_of_sources().items()}
        args.save.write_text(json.dumps(saved), encoding="utf-8")
        print(f"{len(saved)} training and sentence texts answered -> {args.save}")


if __name__ == "__main__":
    main()
