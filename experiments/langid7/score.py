"""Score Taalbrug's language detector on resident-message files: per language correct / unsure / wrong.

Reads only the `lang` and `text` columns (found by the header) of each file, first message,
nothing known, "unsure" as in bench.langid (the detector's own answer below MIN_CONFIDENCE).
Prints counts only. `--errors` prints the messages answered wrongly or unsure, and is refused
for the validation files (tests/nlu/dev2.tsv, tests/safety/dev8.tsv, /work/shared-dev/*):
their messages are never shown. `--save` writes, per line number, the language and the answer
(no text), so that two runs can be compared line by line (the Dutch part of the adoption rule).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections import defaultdict
from pathlib import Path
from typing import Dict, List, Tuple

from bench.langid import answers
from bot.language.detector import LanguageDetector
from bot.language.languages import SUPPORTED

VALIDATION = ("tests/nlu/dev2.tsv", "tests/safety/dev8.tsv", "shared-dev")


def rows(path: Path) -> List[Tuple[int, str, str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    start = 0
    while lines[start].startswith("#") and "\ttext" not in lines[start].replace("  ", "\t"):
        start += 1
    header = [h.strip().lstrip("# ").split()[0] if h.strip() else h for h in lines[start].split("\t")]
    lang, text = header.index("lang"), header.index("text")
    found = []
    for number, line in enumerate(lines[start + 1:], start + 2):
        parts = line.split("\t")
        if len(parts) > max(lang, text) and parts[lang] in SUPPORTED:
            found.append((number, parts[lang], parts[text]))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--errors", action="store_true", help="print wrong/unsure messages (tuning files only)")
    parser.add_argument("--save", type=Path, help="write {file:line: [lang, answer]} as JSON (no text)")
    args = parser.parse_args()
    if args.errors and any(v in str(f.resolve()) for f in args.files for v in VALIDATION):
        sys.exit("--errors is refused for validation files")
    predict = answers(LanguageDetector())
    counts: Dict[str, List[int]] = defaultdict(lambda: [0, 0, 0])
    saved = {}
    for path in args.files:
        for number, lang, text in rows(path):
            answer = predict(text)
            kind = 0 if answer == lang else 1 if answer == "unsure" else 2
            counts[lang][kind] += 1
            saved[f"{path}:{number}"] = [lang, answer]
            if args.errors and kind:
                print(f"ERR {lang} -> {answer}\t{text}")
    total = [sum(c[i] for c in counts.values()) for i in range(3)]
    for lang in sorted(counts):
        c, u, w = counts[lang]
        print(f"{lang}\t{c}/{c + u + w}\tunsure {u}\twrong {w}\t{c / (c + u + w):.3f}")
    macro = statistics.mean(c[0] / sum(c) for c in counts.values())
    print(f"TOTAL correct/unsure/wrong {total[0]}/{total[1]}/{total[2]} of {sum(total)}; macro {macro:.4f}")
    if args.save:
        args.save.write_text(json.dumps(saved), encoding="utf-8")


if __name__ == "__main__":
    main()
