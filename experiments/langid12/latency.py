"""Time one detector per message and print its RSS (langid12's speed check; run it alternately in two checkouts).

The 1,768 texts of experiments/langid8/check.py (tests/nlu/dev2.tsv, tests/safety/dev8.tsv and the Dutch chat
set), timed twice with bench.langid.latency: p50 / p95 / p99 CPU time in ms per message.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "langid7"))

from score import rows  # noqa: E402  (experiments/langid7/score.py)

from bench.langid import latency, read_dutch_chat, rss_kb  # noqa: E402
from bot.language.detector import LanguageDetector  # noqa: E402


def main() -> None:
    detector = LanguageDetector()
    detector.detect("warm up")
    texts = [text for split in read_dutch_chat().values() for text in split]
    dev = [text for path in (Path("tests/nlu/dev2.tsv"), Path("tests/safety/dev8.tsv")) for _, _, text in rows(path)]
    runs = [latency(detector, dev + texts) for _ in range(2)]
    label = sys.argv[1] if len(sys.argv) > 1 else "detector"
    print(label, f"RSS {rss_kb() / 1024:.1f} MB", " ".join("%.2f/%.2f/%.2f" % run for run in runs))


if __name__ == "__main__":
    main()
