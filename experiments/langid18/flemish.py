"""Write bot/language/data/flemish_chat.txt: Flemish and spoken-Dutch chat words that the Dutch lexicon misses.

Run from the repository root: `PYTHONPATH=. python experiments/langid18/flemish.py`. Written from general knowledge of
Flemish chat (not read off any set): the clitic 'k ("I") joined to a first-person verb form, as Flemish residents
type it (kzen, kpeis, kdenk, kvind, kkom ...: the Dutch lexicon has a few, kben, kheb, kga, kwil, kzou), and spoken
forms (tis, wadde, hedde, gade, kunde, jaja, jawel, tuurlijk, seg, euh ...). Kept only when three letters or more, in
no line of another language's training or sentence text, repo resident set or Dutch chat's other languages
(experiments/langid16/add_words.py `elsewhere`), and not listed for any language in an evidence file.
"""

import importlib.util
from pathlib import Path

from bot.language.detector import load_evidence

_spec = importlib.util.spec_from_file_location("langid16_add_words", Path(__file__).resolve().parents[1] / "langid16" / "add_words.py")
_l16 = importlib.util.module_from_spec(_spec)  # type: ignore[arg-type]
_spec.loader.exec_module(_l16)  # type: ignore[union-attr]

# First-person present and past forms that Flemish chat joins to 'k.
VERBS = """ben zen zijn ga gaan doe kan kom peis denk vind wil zal moet weet heb had was zou zit sta lig hoop snap
    begrijp wist moest dacht kon mocht ging kwam zag zei vroeg werk woon wacht bel stuur zoek heb betaal krijg""".split()
SPOKEN = """tis tes twas wadde wade watte hedde hebde gade gaat'de kunde zijde zedde moete wilde wete weette jaja jajaja
    jawel tuurlijk natuurlijk seg zenne zeker euh ewel awel allez alee allee amai oei oeps goeiemorgen goeiemiddag
    goeienavond goeiedag dankjewel dankuwel dankje merciekes ciao salukes salu daag dagske tot straks strakskes
    efkes seffens ambetant kapot gedaan plezant fameus nikske niks nie ni neen nee wablieft""".split()
# Polish kwas (acid), French salu(t): look-alikes no text here holds.
LOOK_ALIKES = frozenset({"kwas", "salu"})
OUT = Path("bot/language/data/flemish_chat.txt")
HEADER = """# Flemish and spoken-Dutch chat words that the Dutch lexicon misses (langid18; experiments/langid18/flemish.py):
# the clitic 'k joined to a first-person verb form (kzen, kpeis, kdenk) and spoken forms (tis, wadde, jawel, euh).
# Written for Taalbrug from general knowledge of Flemish chat, each in no line of another language's text and listed
# for no language; same licence as the project. bot/language/detector.py reads them as Dutch chat words (DUTCH_CHAT).
"""


def main() -> None:
    taken = _l16.elsewhere("nl") | {w for source in load_evidence() for listed in source.words.values() for w in listed}
    words = sorted({"k" + v for v in VERBS} | set(SPOKEN))
    kept = [w for w in words if len(w) >= 3 and w.isalpha() and w not in taken and w not in LOOK_ALIKES]
    OUT.write_text(HEADER + "\n".join(kept) + "\n", encoding="utf-8")
    print("kept:", " ".join(kept))
    print("left out:", " ".join(w for w in words if w not in kept))


if __name__ == "__main__":
    main()
