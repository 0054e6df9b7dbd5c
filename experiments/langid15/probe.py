"""Answer each phrase of experiments/langid15/probe.tsv (385 one- to three-word chat phrases of 20 of our languages,
written from general knowledge for this round: not a line of any set), or of the file given (langid16's
experiments/langid16/probe.tsv), and print the ones not answered with their language, and the counts of correct,
unsure and confident wrong answers.

    PYTHONPATH=. .venv/bin/python experiments/langid15/probe.py [PROBE.tsv]
"""

from __future__ import annotations

import sys
from pathlib import Path

from bench.langid import UNSURE, answers
from bot.language.detector import LanguageDetector


def main() -> None:
    predict = answers(LanguageDetector())
    wrong = unsure = total = 0
    probe = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("probe.tsv")
    for line in probe.read_text(encoding="utf-8").splitlines():
        lang, text = line.split("\t")
        found = predict(text)
        total += 1
        if found != lang:
            print(f"{lang}\t{found}\t{text}")
            wrong += found != UNSURE
            unsure += found == UNSURE
    print(f"{total - wrong - unsure} / {unsure} / {wrong} of {total} (correct / unsure / wrong)")


if __name__ == "__main__":
    main()
