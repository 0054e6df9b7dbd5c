"""Filter the eleventh round's drafted words (drafts.json) and add the survivors to evidence.json.

The tenth round's filters (experiments/langid10/add_drafts.py `survivors`): two letters or fewer, claimed by another
language in any evidence file, in the Dutch lexicon, seen in another language's training text (four letters or fewer:
at all; longer: more than twice), or a look-alike written down by hand in drafts.json. `--dry-run` prints only.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "langid10"))

from add_drafts import survivors  # noqa: E402  (experiments/langid10/add_drafts.py)

from bot.language.detector import EVIDENCE  # noqa: E402
from bot.language.sources import DATA  # noqa: E402

HERE = Path(__file__).resolve().parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--languages", nargs="+", required=True)
    parser.add_argument("--dry-run", action="store_true")
    args = parser.parse_args()
    drafts = json.loads((HERE / "drafts.json").read_text(encoding="utf-8"))
    path = DATA / "evidence.json"
    evidence = json.loads(path.read_text(encoding="utf-8"))
    for code in args.languages:
        kept, dropped = survivors(code, sorted(set(drafts["words"].get(code, []))), [],
                                  frozenset(drafts.get("lookalikes", [])))
        # Not again what another evidence file already lists for the language (sorani_latin.json).
        listed = {w for f in EVIDENCE for w in json.loads(Path(f).read_text(encoding="utf-8")).get("words", {}).get(code, [])}
        new = sorted(set(kept) - listed)
        print(f"{code}: {len(new)} added, {len(dropped)} dropped: {dropped}")
        print(f"{code}: added {new}")
        evidence["words"][code] = evidence["words"].get(code, []) + new
    if not args.dry_run:
        path.write_text(json.dumps(evidence, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
