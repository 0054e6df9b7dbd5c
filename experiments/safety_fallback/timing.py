"""Issue 12, fourth round: the safety net's own time per message, without and with the meaning signal (same messages, same minute)."""

from __future__ import annotations

import json
import statistics
import tarfile
import tempfile
import time
from pathlib import Path

from bot import PROJECT_ROOT
from bot.safety.lexicon import DangerLexicon
from bot.safety.meaning import MEANING_FILE, EmergencyMeaning
from bot.safety.safety_net import SafetyNet
from experiments.safety_fallback.collect import OUT
from experiments.safety_fallback.sweep import char_likeness


def main() -> None:
    parsed = json.loads((OUT / "parsed.json").read_text(encoding="utf-8"))
    with tarfile.open(PROJECT_ROOT / "models" / "taalbrug.tar.gz") as tar, tempfile.TemporaryDirectory() as tmp:
        member = next(m for m in tar.getmembers() if m.name.endswith(MEANING_FILE))
        Path(tmp, MEANING_FILE).write_bytes(tar.extractfile(member).read())  # type: ignore[union-attr]
        meaning = EmergencyMeaning.load(Path(tmp, MEANING_FILE))
    lexicon = DangerLexicon.load(PROJECT_ROOT / "locales" / "danger")
    likeness = char_likeness()
    meaning.score("warm up")
    for name, net in (("without meaning", SafetyNet({"meaning": False}, lexicon, likeness)),
                      ("with meaning", SafetyNet({}, lexicon, likeness, meaning=meaning)),
                      ("without meaning (again)", SafetyNet({"meaning": False}, lexicon, likeness))):
        times = []
        for p in parsed:
            start = time.perf_counter()
            net.decide(p["text"], p["ranking"], p["intent"], p["language"])
            times.append((time.perf_counter() - start) * 1000)
        q = statistics.quantiles(times, n=100)
        print(f"{name}: p50 {q[49]:.2f} ms, p95 {q[94]:.2f} ms, p99 {q[98]:.2f} ms over {len(times)} messages")


if __name__ == "__main__":
    main()
