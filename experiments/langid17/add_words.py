"""Add langid17's evidence (Sorani typed in Latin letters, in messages of any length) to
bot/language/data/evidence.json.

Run from the repository root: `PYTHONPATH=. python experiments/langid17/add_words.py`. Idempotent. The words are
Sorani's present-tense verb forms as Sorani speakers type them in Latin letters, generated from general knowledge of
Sorani morphology (not read off any set): the present prefix da-/de- or the negation na-/ne- before a
present stem of a frequent verb and a person ending (-m/-im I, -y/-it/-et you, -at/-et/-e(t) he/she, -yn/-in we, -n/-in/
-an they): dakam "I do", dazanm "I know", dazhin "they live", nazanin "we do not know", dalet "he says". Kurmanji says
dikim, dizanim, dijîn, nizanin, dibêje (di-/ni-, never da-/na- with these stems). A generated form is kept only when it
has five letters or more, occurs in no line of another language's training or sentence text, repo resident set or
Dutch chat (experiments/langid14/check_words.py's texts), is not Dutch, not listed for another language and not a
hand-listed look-alike; the same filter as langid16's Sorani e/a spellings.
"""

import importlib.util
import sys
from pathlib import Path
from typing import Dict, List, Set

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "langid15"))

from add_words import edit  # noqa: E402  (experiments/langid15/add_words.py)

# langid16's script (same module name as langid15's): its elsewhere(), the words of every other language's lines.
_spec = importlib.util.spec_from_file_location(
    "langid16_add_words", Path(__file__).resolve().parents[1] / "langid16" / "add_words.py")
_l16 = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_l16)  # type: ignore[union-attr]

from bot.language.detector import DUTCH_LEXICON, dutch_lexicon  # noqa: E402

# Present stems (as typed, ە as a; the e spellings are generated below) and the endings each takes.
AFTER_CONSONANT = ["m", "im", "it", "et", "at", "e", "yn", "in", "n"]
STEMS: Dict[str, List[str]] = {
    "k": ["am", "at", "ay", "ayt", "ayn", "an", "a"],      # do: dakam, dakat, dakayn, dakan
    "zan": AFTER_CONSONANT,                                 # know: dazanm, dazanin, nazanm
    "twan": AFTER_CONSONANT,                                # can: datwanm, natwanin
    "zhi": ["m", "t", "n", "yn", "ym"],                     # live: dazhim, dazhin
    "ji": ["m", "t", "n", "yn"],                            # live (zh typed j): dajim, dejin
    "ch": AFTER_CONSONANT + ["ta", "ete", "ita"],           # go: dachm, dachin, dachta "goes to"
    "le": ["m", "t", "n", "yn", "y"],                       # say: dalem, dalet, dalen
    "be": ["m", "t", "n", "yn", "y"],                       # become: dabem, dabet
    "bin": AFTER_CONSONANT,                                 # see: dabinm, dabinin
    "de": ["m", "t", "n", "yn", "ym", "yt"],                # give: dadem, dadeyn
    "gr": AFTER_CONSONANT,                                  # take: dagrm, dagrin
    "nus": AFTER_CONSONANT,                                 # write: danusm
    "xwen": AFTER_CONSONANT,                                # read: daxwenm
    "xwaz": AFTER_CONSONANT,                                # want: daxwazm
    "ner": AFTER_CONSONANT,                                 # send: danerm
    "hen": AFTER_CONSONANT,                                 # bring: dahenm
    "pirs": AFTER_CONSONANT,                                # ask: dapirsm
    "prs": AFTER_CONSONANT,                                 # ask: daprsm
    "kr": AFTER_CONSONANT,                                  # buy: dakrm
    "gar": AFTER_CONSONANT,                                 # look for: dagarm
    "ger": AFTER_CONSONANT,                                 # look for: dagerm
    "xo": ["m", "yn", "n", "y"],                            # eat: daxom
    "xaw": AFTER_CONSONANT,                                 # sleep: daxawm
    "geyen": AFTER_CONSONANT,                               # arrive, understand: dagayenm
}
PREFIXES = ["da", "na"]
# Understand: tê (into) + ga, typed joined (tedagam "I understand", tenagam "I do not understand").
UNDERSTAND = [p + "ga" + e for p in ("teda", "tena") for e in ("m", "yt", "t", "yn", "n")]
# Words of another language that no text here holds, and langid16's look-alikes (Dutch and German debet).
LOOK_ALIKES = frozenset({"nachen", "negre", "debet", "dekan", "dedet", "nexon", "dagen", "nagra", "degre", "degret", "negret",
                         "debine", "delet", "deche", "dache", "nache", "neche"})


# Words in the Kurdish Latin alphabet (or Turkish letters) whose plain spelling Sorani's or Kurmanji's lists hold
# (detector._plain: such a word is looked up in its plain spelling): `not_plain`, so they are evidence as before langid17,
# i.e. none (how, needed, Dutch, Kurdish, sign, yes, no, solution, part, help, how much, car ...; Turkish sign, archive,
# devil, fountain). They are every word of another language's training text that the plain lookup newly made Sorani or
# shared Kurdish evidence (listed by a scan of those texts, langid17's README), and "otomobîl" (a Kurmanji line of A
# that went unsure).
KURMANJI = ["çawa", "holendî", "kurdî", "pêwist", "pêwîst", "ewê", "nîşana", "belê", "bêşê", "nexêr", "çareser",
            "beşê", "têkçûn", "nîşanekê", "bêşî", "beşekê", "nebîne", "dagerîn", "yarmetî", "çende", "naxêr", "başî",
            "jûreke", "kêzikan", "nabînim", "otomobîl", "demançe", "dûkeleke", "nîşan",
            "işaret", "arşivi", "şeytan", "çeşme"]


# Short chat without diacritics (written after scoring short lines written for the round, not any set's): Albanian here, tomorrow, or, is, one/a, thanks (flm, faleminderit), goodbye, okay
# (ne rregull), I understand, letter, please (te lutem); Brazilian Portuguese thanks (valeu, obg). Each checked with
# experiments/langid14/check_words.py: in no line of another language (Albanian jam, "I am", is in a Persian line: not
# listed; sot, tani, kam, une are other languages' words too: not listed).
WORDS: Dict[str, List[str]] = {
    "sq": ["ketu", "neser", "apo", "eshte", "nje", "flm", "faleminderit", "mirupafshim", "rregull", "kuptoj", "leter",
           "lutem"],
    "pt": ["valeu", "obg", "otimo", "enviei", "recebi", "desculpa", "tchau"],
    # Romanian when (cand), you do (faci); Italian you're welcome, sorry (prego, scusa); Portuguese great (ótimo), I
    # sent, I received, sorry, bye.
    "ro": ["cand", "faci"],
    "it": ["prego", "scusa"],
}


def forms() -> Set[str]:
    found: Set[str] = set()
    for stem, endings in STEMS.items():
        for prefix in PREFIXES:
            for ending in endings:
                word = prefix + stem + ending
                found.add(word)
    found |= set(UNDERSTAND)
    # ە typed as e: every a of the prefix and the ending as e too (dakam -> dekem, dakat -> deket).
    found |= {w.replace("a", "e") for w in found}
    return found


def add_evidence(data: dict) -> None:
    words = data["words"]
    claimed = {w for code, listed in words.items() if code != "ckb" for w in listed}
    taken = _l16.elsewhere("ckb") | dutch_lexicon(str(DUTCH_LEXICON)) | claimed
    new = sorted(w for w in forms() if len(w) >= 5 and w not in taken and w not in LOOK_ALIKES)
    words["ckb"] += [w for w in new if w not in words["ckb"]]
    for code, listed in WORDS.items():
        words[code] = words.get(code, []) + [w for w in listed if w not in words.get(code, [])]
    data["not_plain"] = sorted(set(data.get("not_plain", [])) | set(KURMANJI))


if __name__ == "__main__":
    edit(Path("bot/language/data/evidence.json"), add_evidence)
