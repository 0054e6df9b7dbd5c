"""Issue 12, fourth round: parse the development sets once and keep what the safety net sees (the cache the sweep reads).

Reads only the sets that may be read (tests/safety tune, dev, dev5, dev6; tests/nlu/dev.tsv);
writes var/safety4/parsed.json: per message its set, label, category, language, the
classifier's intent and ranking before the safety net, the detected language and the
level the model's own safety net gave.
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

from bench.safety import SETS, TUNED_ON, LabelledMessage, parse, read_set
from bot import PROJECT_ROOT

OUT = PROJECT_ROOT / "var" / "safety4"


def rows():
    out = []
    for name in TUNED_ON:
        out += [(name, r) for r in read_set(SETS / f"{name}.tsv")]
    for line in (PROJECT_ROOT / "tests" / "nlu" / "dev.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        if line.strip():
            lang, intent, text = line.split("\t")
            label = "emergency" if intent == "emergency" else "near_miss"
            out.append(("nlu-dev", LabelledMessage(lang, label, intent, text)))
    return out


def main() -> None:
    model = Path(sys.argv[1]) if len(sys.argv) > 1 else PROJECT_ROOT / "models" / "taalbrug.tar.gz"
    items = rows()
    parsed, times, _ = asyncio.run(parse(model, [r for _, r in items]))
    OUT.mkdir(parents=True, exist_ok=True)
    data = [{"set": name, "lang": p.row.lang, "label": p.row.label, "category": p.row.category, "text": p.row.text,
             "intent": p.intent, "ranking": p.ranking, "language": p.language, "level": p.level}
            for (name, _), p in zip(items, parsed, strict=False)]
    (OUT / "parsed.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    print(len(data), "messages")


if __name__ == "__main__":
    main()
