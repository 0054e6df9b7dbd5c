"""Add langid16's evidence (1-3 word messages in close languages) to bot/language/data/evidence.json.

Run from the repository root: `PYTHONPATH=. python experiments/langid16/add_words.py`. Idempotent. Written from
general knowledge of these languages after reading the errors of tests/language/langid15.tsv, langid14.tsv and
langid13.tsv (development sets: their figures are in-sample). Every word was checked with
experiments/langid14/check_words.py to occur in no line of another language's training or sentence text, repo resident
set or Dutch chat, or else is listed for every language whose lines hold it (alone it is then unsure,
detector._shared_only). The Sorani spellings with ە typed as e or a are generated here and kept by the same check.
"""

import sys
from pathlib import Path
from typing import Dict, Iterable, List, Set

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "langid14"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "langid15"))

from add_words import edit  # noqa: E402  (experiments/langid15/add_words.py)
from check_words import texts  # noqa: E402  (experiments/langid14/check_words.py)

from bot.language.detector import DUTCH_LEXICON, _words, dutch_lexicon  # noqa: E402
from bot.language.text import clean  # noqa: E402

WORDS: Dict[str, List[str]] = {
    # Sorani typed in Latin letters: tomorrow (sbey, sbeyni, sbeiny), yesterday (dwene, dweni), today (amro), I know
    # (dezanm), sick (nexoshe, naxoshe, nakhoshe, nexoshm "I am sick"), my girl (kchekem, kchakam's e spelling), the
    # girl (kcheke, kchaka), help (yarmeti, yarmetim "my help", yarmetit), the municipality (sharewani). In Arabic
    # script without Sorani's own letters: I don't know (نازانم; Persian نمی‌دانم).
    "ckb": ["sbey", "sbeyni", "sbeiny", "sbeini", "dwene", "dweni", "amro", "dezanm", "nexoshe", "naxoshe",
            "nakhoshe", "nexoshm", "naxoshm", "kchekem", "kcheke", "kchaka", "yarmeti", "yarmetim", "yarmetit",
            "sharewani", "sharewany", "نازانم",
            # Thanks (dest xosh), goodbye (xwa hafiz), welcome (bexer bey), I can / cannot (datwanm, natwanm), I want
            # (damawe): Kurmanji says dest xweş, xatirê te, bi xêr hatî, dikarim, nikarim, dixwazim.
            "destxosh", "dastxosh", "destxoshi", "dastxoshi", "xwahafiz", "khwahafiz", "bexerbey", "datwanm",
            "datwanim", "natwanm", "natwanim", "damawe"],
    # German chat (no list before; danke is a neutral word, text.NEUTRAL_WORDS): thank you, please, hi (moin, servus), bye, exactly, good.
    "de": ["dankeschön", "bitte", "moin", "servus", "tschüss", "tschuss", "genau", "gut"],
    # Tarifit and Kabyle in Berber Latin spelling (c for sh): a little (cwiyya, cwiya); the language's name with th.
    "ber": ["cwiyya", "cwiya", "thamazighth", "thamazight"],
    # Pashto in Arabic script without Pashto's own letters: night (شپه), good (پخیر: شپه مو پخیر, good night),
    # morning (سهار), house (کور).
    # yesterday (پرون), there is / is not (شته, نشته), sister (خور), kindness (مهرباني with Arabic ي, as Pashto writes
    # it), were (وو).
    "ps": ["شپه", "پخیر", "سهار", "کور", "پرون", "شته", "نشته", "خور", "مهرباني", "وو"],
}
# Words two of our languages both say: listed for each, so alone they are unsure (detector._shared_only) and beside a
# word of one language only that language wins (detector._outlisted).
SHARED: Dict[str, List[str]] = {
    # Thanks: Kurmanji and Sorani spas (Kurmanji's only before); Kurdish (kurdi) and Dutch (holendi) as both write
    # them; yes (bele: Kurmanji belê, Sorani bele; Polish bele "bales" in one training line).
    "spas": ["kmr", "ckb"],
    "kurdi": ["kmr", "ckb"],
    "holendi": ["kmr", "ckb"],
    "bele": ["kmr", "ckb", "pl"],
    # Darija and Tarifit both say safi (enough, ok) and khuya (my brother): Arabic's only before.
    "safi": ["ar", "ber"],
    "khuya": ["ar", "ber"],
    # Pashto and Persian: کله (Pashto when; Persian head), مو (Pashto your; Persian hair), شه (Pashto be!; Persian
    # colloquial), کی (Pashto in, without its letter ې; Persian who/when). (Not اختر, Pashto Eid: Arabic's
    # choose!, in 6 Arabic interface texts that went unsure with it.)
    "کله": ["ps", "fa"],
    "مو": ["ps", "fa"],
    "شه": ["ps", "fa"],
    "کی": ["ps", "fa"],
}
# A generated Sorani spelling is kept from this length on, and not when it is a word of another language that no
# text here holds (Dutch and German debet, dekan; English dewey; Turkish and Arabic basha, dawat).
SPELLED_MIN = 5
LOOK_ALIKES = frozenset({"debet", "dekan", "dewey", "basha", "dawat", "dedet"})
FRAMES = [
    {
        "languages": ["ber"],
        "about": ("Tarifit and Kabyle second person singular th-...-edh/-idh/-adh typed plain "
                  "(thessawaledh: you speak; thxsedh) (langid16)"),
        "pattern": "(?:^| )th[a-z]{3,}[aei]dh(?: |$)",
    },
]


def sorani_spellings(words: Iterable[str]) -> Set[str]:
    """Sorani's ە typed as e or a: every listed ASCII Sorani word with each a as e and each e as a, one position or
    all of them (sharawani -> sharewani, kchakam -> kchekem)."""
    found: Set[str] = set()
    for word in words:
        if not word.isascii():
            continue
        found |= {word.replace("a", "e"), word.replace("e", "a")}
        for i, ch in enumerate(word):
            if ch in "ae":
                found.add(word[:i] + ("e" if ch == "a" else "a") + word[i + 1:])
    return found - set(words)


def elsewhere(code: str) -> Set[str]:
    """The words of every line of another language than `code` (training and sentence text, repo sets, Dutch
    chat)."""
    seen: Set[str] = set()
    for _, lang, line in texts():
        if lang != code:
            seen.update(_words(clean(line).lower()))
    return seen


def add_evidence(data: dict) -> None:
    words = data["words"]
    claimed = {w for code, listed in words.items() if code != "ckb" for w in listed}
    taken = elsewhere("ckb") | dutch_lexicon(str(DUTCH_LEXICON)) | claimed | set(SHARED)
    for code, listed in WORDS.items():
        words[code] = words.get(code, []) + [w for w in listed if w not in words.get(code, [])]
    spelled = sorted(w for w in sorani_spellings(words["ckb"])
                     if len(w) >= SPELLED_MIN and w not in taken and w not in LOOK_ALIKES)
    words["ckb"] += [w for w in spelled if w not in words["ckb"]]
    for word, codes in SHARED.items():
        for code in codes:
            words[code] = words.get(code, []) + ([word] if word not in words.get(code, []) else [])
    data["frames"] = [f for f in data["frames"] if "(langid16)" not in f["about"]] + FRAMES


if __name__ == "__main__":
    edit(Path("bot/language/data/evidence.json"), add_evidence)
