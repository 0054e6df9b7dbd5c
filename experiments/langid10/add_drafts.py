"""Filter the tenth round's drafted words (drafts.json) and add the survivors to evidence.json.

A drafted word is dropped when it has two letters or fewer, is claimed by another language in any
evidence file (a sibling named in drafts.json, am/ti, may share it), is in the Dutch lexicon, occurs
more than MAX_ELSEWHERE times in another language's training text (a word of four letters or fewer: at all) (bot/language/sources.py
_word_counts_elsewhere), or is a look-alike listed in drafts.json (a word of English, Italian, Spanish,
Dutch ..., or a word Persian, Urdu or Arabic share, written down by hand). `--languages ps am`
adds only those languages; `--dry-run` prints what would be kept and dropped.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from bot.language.detector import EVIDENCE
from bot.language.sources import DATA, _dutch_words, _word_counts_elsewhere

HERE = Path(__file__).resolve().parent
MAX_ELSEWHERE = 2
# Latin Pashto is spelled many ways: the endings -ai, -ay, -ey, -ei are one ending (lagedalai, lagedalay), and
# so are u and oo (mashum, mashoom); ee is also written i (akheestalay, akhistalay). `--variants` adds these spellings of a language's listed words.
ENDINGS = ("ai", "ay", "ey", "ei")
VOWELS = (("oo", "u"), ("ee", "i"))


def variants(word: str) -> set:
    """The other spellings of a Latin-letter word (ENDINGS, VOWELS), the word itself included."""
    found = {word}
    for ending in ENDINGS:
        if word.endswith(ending) and len(word) > 4:
            found |= {word[: -len(ending)] + other for other in ENDINGS}
    for long, short in VOWELS:
        found |= {w.replace(long, short) for w in found}
    found |= {w.replace("u", "oo") for w in found if "oo" not in w}
    return found


def survivors(code: str, words, siblings, lookalikes=frozenset()) -> tuple:
    claimed = {}
    for path in EVIDENCE:
        for other, listed in json.loads(Path(path).read_text(encoding="utf-8")).get("words", {}).items():
            if other != code:
                for w in listed:
                    claimed.setdefault(w, set()).add(other)
    dutch = _dutch_words()
    elsewhere = _word_counts_elsewhere(code)
    kept, dropped = [], {}
    for word in words:
        why = None
        if len(word) <= 2:
            why = "short"
        elif claimed.get(word, set()) - set(siblings):
            why = "claimed " + "/".join(sorted(claimed[word]))
        elif word in dutch:
            why = "dutch"
        elif max((c.get(word, 0) for c in elsewhere), default=0) > (MAX_ELSEWHERE if len(word) > 4 else 0):
            why = "elsewhere"
        elif word in lookalikes:
            why = "look-alike"
        if why:
            dropped[word] = why
        else:
            kept.append(word)
    return kept, dropped


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--languages", nargs="+", required=True)
    parser.add_argument("--dry-run", action="store_true")
    parser.add_argument("--variants", action="store_true", help="add the spelling variants of the listed words")
    args = parser.parse_args()
    drafts = json.loads((HERE / "drafts.json").read_text(encoding="utf-8"))
    path = DATA / "evidence.json"
    evidence = json.loads(path.read_text(encoding="utf-8"))
    for code in args.languages:
        words = drafts["words"].get(code, [])
        if args.variants:
            words = sorted({v for w in set(words) | set(evidence["words"].get(code, [])) if w.isascii()
                            for v in variants(w)})
        kept, dropped = survivors(code, words, drafts.get("siblings", {}).get(code, []),
                                  frozenset(drafts.get("lookalikes", [])))
        new = sorted(set(kept) - set(evidence["words"].get(code, [])))
        print(f"{code}: {len(new)} added, {len(dropped)} dropped: {dropped}")
        print(f"{code}: added {new}")
        evidence["words"][code] = evidence["words"].get(code, []) + new
    if not args.dry_run:
        path.write_text(json.dumps(evidence, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
