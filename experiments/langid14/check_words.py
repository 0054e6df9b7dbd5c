"""Where candidate evidence words occur: per word, how many lines of each language's training and sentence texts, of
the repo's resident sets and of Dutch chat hold it as a word (counts only, never a line).

    PYTHONPATH=. .venv/bin/python experiments/langid14/check_words.py es:cumple fr:"ca va" ps:نن ...

A candidate `code:word` is reported with the counts of the other languages (the ones that would be taken).
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "langid7"))

from score import rows  # noqa: E402  (experiments/langid7/score.py)

from bot.language.detector import _words  # noqa: E402
from bot.language.languages import SUPPORTED  # noqa: E402
from bot.language.text import clean  # noqa: E402

SOURCES = ("udhr", "chat", "gettext", "cldr", "l10n", "lexicon")
SETS = sorted(Path("tests/nlu").glob("*.tsv")) + sorted(Path("tests/safety").glob("*.tsv")) + \
    sorted(Path("tests/language").glob("langid*.tsv"))


def texts():
    for folder in [Path("bot/language/data") / s for s in SOURCES] + [Path("tests/language/sentences")]:
        for path in sorted(folder.glob("*.txt")):
            if path.stem in SUPPORTED:
                for line in path.read_text(encoding="utf-8").splitlines():
                    yield "train", path.stem, line
    for path in SETS:
        try:
            for _, lang, text in rows(path):
                yield "sets", lang, text
        except (ValueError, IndexError):
            continue
    for line in Path("tests/language/dutch_chat.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        yield "dutch_chat", "nl", line


def main() -> None:
    wanted = [arg.split(":", 1) for arg in sys.argv[1:]]
    found = {(code, word): Counter() for code, word in wanted}
    for kind, lang, line in texts():
        joined = " " + " ".join(_words(clean(line).lower())) + " "
        for code, word in wanted:
            if f" {word} " in joined:
                found[(code, word)][(kind, lang)] += 1
    for (code, word), counts in found.items():
        own = sum(n for (kind, lang), n in counts.items() if lang == code)
        other = {f"{kind}:{lang}": n for (kind, lang), n in sorted(counts.items()) if lang != code}
        print(f"{code}:{word}\town {own}\tothers {other}")


if __name__ == "__main__":
    main()
