"""Tried in the eighth round and rejected by its rule: Bulgarian typed in Latin letters as evidence words.

The words of Taalbrug's Bulgarian training text (and, in a second try, of Debian's fortunes-bg) that Debian's
wbulgarian lists, spelled in Latin letters as residents do, less the spellings of Russian (hunspell-ru stems and
our Russian text) and Ukrainian (wukrainian) words. On dev2 + dev8 it turned 1, then 2, wrong Bulgarian answers
into "unsure" but answered no more line right (correct 1409 -> 1409): the rule asks that correct rises.
Kept here, out of bot/language, as the record of what was tried (docs/bench-langid.md, eighth round).

    apt-get download wbulgarian wukrainian hunspell-ru; dpkg-deb -x each into <dir>
    PYTHONPATH=. python experiments/langid8/bulgarian_latin.py <dir>/usr/share  # writes /tmp/bulgarian_latin.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Dict, List, Sequence

from bot.language.sources import DATA, _word_counts_elsewhere, read_lines
from bot.language.text import clean, tokens

# Bulgarian as residents type it in Latin letters: the letters written one way in every variant,
# then those written several ways (ъ as a or u, я as ya, ia or q, ...), at most BG_VARIANTS spellings a word.
_BG_LATIN = dict(zip("абвгдезиклмнопрстуфх", "abvgdeziklmnoprstufh", strict=True))
_BG_LATIN.update({"ж": "zh", "ч": "ch", "ш": "sh", "ь": "y"})
_BG_SPELLINGS = {"ъ": ("a", "u"), "я": ("ya", "ia", "q"), "ю": ("yu", "iu"), "щ": ("sht",), "ц": ("ts", "c"),
                 "й": ("y", "i")}
BG_VARIANTS = 6
# Russian and Ukrainian in Latin letters, to leave out the spellings they share with Bulgarian.
_RU_UK_LATIN = {**_BG_LATIN, "ы": "y", "э": "e", "ё": "yo", "ь": "", "ъ": "", "і": "i", "ї": "yi", "є": "ye",
                "ґ": "g", "'": "", "’": ""}
_RU_UK_SPELLINGS = {"я": ("ya", "ia", "q"), "ю": ("yu", "iu"), "щ": ("sch", "shch", "sht"), "ц": ("ts", "c"),
                    "й": ("y", "i"), "х": ("h", "kh"), "и": ("i", "y"), "е": ("e", "ye")}
BG_LATIN_MIN_LENGTH = 4


def latin_spellings(word: str, plain: Dict[str, str], several: Dict[str, Sequence[str]], cap: int) -> List[str]:
    """Up to `cap` spellings of a Cyrillic word in Latin letters (the first choices first); [] when
    a letter has none."""
    import itertools

    options: List[Sequence[str]] = []
    for ch in word:
        if ch in several:
            options.append(several[ch])
        elif ch in plain:
            options.append((plain[ch],))
        else:
            return []
    return ["".join(parts) for parts in itertools.islice(itertools.product(*options), cap)]


def bulgarian_latin_evidence(wbulgarian: Path, wukrainian: Path, russian_dic: Path) -> Dict[str, Any]:
    """Evidence words (the format of evidence.json) for Bulgarian typed in Latin letters: the words of
    our Bulgarian training text (chat, UDHR, gettext, CLDR) that Debian's Bulgarian word list has
    (wbulgarian: so a Bulgarian form, not a name or a misspelling), BG_LATIN_MIN_LENGTH letters or more,
    spelled in Latin letters as residents do (latin_spellings), less every spelling that a Russian word
    (hunspell-ru's stems and our Russian training text) or a Ukrainian form (wukrainian) also gets, a
    word of another language's training text, a word claimed in evidence.json, and a Dutch word."""
    bulgarian = set(wbulgarian.read_text(encoding="utf-8").lower().split())
    ours = {w for folder in ("chat", "udhr", "gettext", "cldr") for line in read_lines(DATA / folder / "bg.txt")
            for w in tokens(clean(line))}
    candidates = {w for w in ours if w in bulgarian and len(w) >= BG_LATIN_MIN_LENGTH}
    russian = {line.split("/")[0].lower() for line in russian_dic.read_text(encoding="utf-8").splitlines()[1:]}
    russian |= {w for folder in ("chat", "udhr", "gettext", "cldr") for line in read_lines(DATA / folder / "ru.txt")
                for w in tokens(clean(line))}
    shared = set()
    for word in russian | set(wukrainian.read_text(encoding="utf-8").lower().split()):
        shared.update(latin_spellings(word, _RU_UK_LATIN, _RU_UK_SPELLINGS, 12))
    evidence = json.loads((DATA / "evidence.json").read_text(encoding="utf-8"))["words"]
    claimed = {w for code, words in evidence.items() if code != "bg" for w in words}
    dutch_file = Path(__file__).resolve().parent / "model" / "dutch-words.txt"
    dutch = set(dutch_file.read_text(encoding="utf-8").split()) if dutch_file.exists() else set()
    elsewhere = _word_counts_elsewhere("bg")
    left_out = shared | claimed | dutch
    kept = sorted(
        spelling for word in candidates for spelling in latin_spellings(word, _BG_LATIN, _BG_SPELLINGS, BG_VARIANTS)
        if spelling not in left_out and not any(counts.get(spelling) for counts in elsewhere)
    )
    return {
        "_about": "Bulgarian words typed in Latin letters: the words of Taalbrug's Bulgarian training text that "
                  "Debian's wbulgarian 4.1 lists, spelled as residents do, less the spellings of Russian "
                  "(hunspell-ru) and Ukrainian (wukrainian) words; bot/language/sources.py bulgarian_latin_evidence; "
                  "evidence words, never trained on (bot/language/data/README.md). Generated: do not edit by hand.",
        "prior": 0.1,
        "words": {"bg": sorted(set(kept))},
    }


if __name__ == "__main__":
    share = Path(sys.argv[1])
    found = bulgarian_latin_evidence(share / "dict/bulgarian", share / "dict/ukrainian", share / "hunspell/ru_RU.dic")
    Path("/tmp/bulgarian_latin.json").write_text(json.dumps(found, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(len(found["words"]["bg"]), "words")
