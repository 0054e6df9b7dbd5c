"""Filter the drafted Tarifit words (drafts.json) and their spelling variants, and add the survivors to evidence.json.

Variants of every drafted word (`--variants`: of the words already listed too): th for t at a word's start or end
(thamurth, tamurt), ch and sh for c, kh for x, ou for u, dj for j, doubled consonants single (zemmregh, zemregh).
Filters: langid10's (experiments/langid10/add_drafts.py `survivors`: two letters or fewer, claimed by another
language in any evidence file, in the Dutch lexicon, in another language's training text), and four letters or
fewer for a generated variant. `--dry-run` prints what would be kept and dropped.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "langid10"))

from add_drafts import survivors  # noqa: E402  (experiments/langid10/add_drafts.py)

from bot.language.sources import DATA  # noqa: E402

HERE = Path(__file__).resolve().parent
_DOUBLE = re.compile(r"([bcdfghjklmnqrstwxyz])\1")


def variants(word: str) -> set:
    """The spellings residents use for a Tarifit word in ASCII letters, the word itself included."""
    found = {word}
    if word.startswith("t") and not word.startswith("th") and len(word) > 3 and word[1] in "aeiu":
        found |= {"th" + w[1:] for w in found}
    found |= {w[:-1] + "th" for w in found if w.endswith("t") and not w.endswith("th") and len(w) > 4}
    found |= {w.replace("c", other) for w in found if "c" in w and "cc" not in w and "ch" not in w
              for other in ("ch", "sh")}
    found |= {w.replace("x", "kh") for w in found if "x" in w}
    found |= {w.replace("j", "dj") for w in found if "j" in w and "dj" not in w}
    found |= {_DOUBLE.sub(r"\1", w) for w in found}
    found |= {re.sub(r"(?<!o)u", "ou", w) for w in found if "u" in w}
    return {w for w in found if w == word or len(w) > 4}


def main(drafts_path: Path = HERE / "drafts.json") -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true")
    parser.add_argument("--variants", action="store_true", help="variants of the already listed words too")
    args = parser.parse_args()
    drafts = json.loads(drafts_path.read_text(encoding="utf-8"))
    path = DATA / "evidence.json"
    evidence = json.loads(path.read_text(encoding="utf-8"))
    listed = set(evidence["words"]["ber"])
    base = set(drafts["words"]["ber"]) | (listed if args.variants else set())
    words = sorted({v for w in base if w.isascii() for v in variants(w)} | set(drafts["words"]["ber"]))
    kept, dropped = survivors("ber", [w for w in words if w not in listed], [], frozenset(drafts.get("lookalikes", [])))
    new = sorted(set(kept) - listed)
    print(f"ber: {len(new)} added, {len(dropped)} dropped: {dropped}")
    print(f"ber: added {new}")
    evidence["words"]["ber"] = evidence["words"]["ber"] + new
    if not args.dry_run:
        path.write_text(json.dumps(evidence, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
