"""Add langid18's evidence to bot/language/data/evidence.json: Sorani word shapes typed in Latin letters (frames) and
frequent German chat words.

Run from the repository root: `PYTHONPATH=. python experiments/langid18/add_evidence.py`. Idempotent.

- **Sorani frames** (written from general knowledge of Sorani morphology; each a frame of one word, counted as one
  listed word): the definite article with a possessive or plural-possessive ending, -ekem/-ekeman/-ekey/-ekanim/
  -ekanman/-ekanyan and their a-spellings (mindalekem "my child", cîranekeman "our neighbours", offisakay; Kurmanji's
  definite is -ek/-ekê, never these); the verbal particle -ewe/-awe ("back, again", xwardotewe, nadatewe, dêtewe:
  Kurmanji puts ve- before the verb instead); and the present prefix de-/da-/ne-/na- with the third-person ending
  -êt or the particle (dekujêt, demewêt, dekatewe: Kurmanji's present prefix is di-/ni-). A-spellings in -awa/-ewa
  are left out (Polish dostawa, sprawa, kawa), and so is -ekan/-akan (Kurmanji pêvekan, mînakan; Persian Finglish
  kudakan). Each was checked with /tmp-free texts: no line of another language's training or sentence text, repo
  resident set or Dutch chat has it, but the look-alikes excluded in the pattern (Kurmanji netewe "nation", Italian
  zimbawe, Kurmanji fêrewe).
- **German chat words** (general knowledge, not read off a set): frequent function words, verbs and chat words German
  writes and Dutch, English and our other languages do not (ich, nicht, und, ist, habe, kann, möchte, wieviel, für,
  auch, jetzt, heute, vielen, grüezi, servus ...), with and without umlauts (für/fur/fuer). Kept only when three
  letters or more, in no line of another language's training or sentence text, repo resident set or Dutch chat
  (experiments/langid16/add_words.py `elsewhere`), not in the Dutch lexicon nor a Dutch chat or neutral word (nein is
  neutral), and not listed for another language.
"""

import importlib.util
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "langid15"))

from add_words import edit  # noqa: E402  (experiments/langid15/add_words.py)

_spec = importlib.util.spec_from_file_location("langid16_add_words", Path(__file__).resolve().parents[1] / "langid16" / "add_words.py")
_l16 = importlib.util.module_from_spec(_spec)  # type: ignore[arg-type]
_spec.loader.exec_module(_l16)  # type: ignore[union-attr]

from bot.language.detector import DUTCH_CHAT, DUTCH_LEXICON, dutch_lexicon  # noqa: E402
from bot.language.text import NEUTRAL_WORDS  # noqa: E402

KURDISH = "a-zçşêîûłř"
FRAMES = [
    {"languages": ["ckb"],
     "about": "Sorani typed in Latin letters: the definite article with a possessive ending (-ekem, -ekeman, -ekey, "
              "-ekanim, -ekanman, -ekanyan, and typed with a: -akam... not -akam, -akat, Persian Finglish komakam): "
              "Kurmanji's definite is -ek/-ekê (langid18)",
     "pattern": f"(?:^| )[{KURDISH}]{{2,}}(?:ekem|ekeman|ekey|ekeyan|ekanim|ekanman|ekanyan|akaman|akay|akanim|akanman|akanyan)(?: |$)"},
    {"languages": ["ckb"],
     "about": "Sorani typed in Latin letters: the verbal particle -ewe/-awe at a verb's or adverb's end "
              "(xwardotewe, nadatewe, dêtewe, derewe); Kurmanji writes ve- before the verb; not Kurmanji netewe "
              "(nation), fêrewe, Italian zimbawe (langid18)",
     "pattern": f"(?:^| )(?!(?:netewe|fêrewe|zimbawe)(?: |$))[{KURDISH}]{{3,}}(?:ewe|awe)(?: |$)"},
    {"languages": ["ckb"],
     "about": "Sorani typed in Latin letters: the present prefix de-/da- or the negation ne-/na- with the "
              "third person -êt (dekujêt, demewêt, nazanêt); Kurmanji's present prefix is di-/ni- (langid18)",
     "pattern": f"(?:^| )(?:de|da|ne|na)[{KURDISH}]{{2,}}êt(?: |$)"},
]

GERMAN = """ich mich mir dich dir nicht nich nichts nix und ist sind bin habe hab hast hat haben kann kannst können konnen
    koennen möchte mochte moechte muss musst müssen mussen will wollen soll wieviel wieviele wievel wann warum wer
    mein meine meinen meiner dein deine ihr ihre unser unsere euch für fur fuer auf aus heute nur schon sehr gleich
    jetzt später spater spaeter vielen vielmal vielmals dank leid nein kein keine keinen etwas jemand weil dass wenn
    wird werden kommen komme kommt gehen gehe geht machen mache macht sagen wissen weiss weiß fragen hilfe helfen
    brauche brauchen wohnung wohne wohnen arbeit schule stadt termin ausweis anmelden abholen bezahlen zahlen
    schnell sofort feuer rauch wasser schmerzen kopf bauch arzt polizei krankenhaus guten abend tschau grüezi
    gruezi grüß gruss grüss griaß griass pfiat tschüs tschüssi entschuldigung entschuldigen gibt gell passt scho
    auch aber oder wegen beim vom zum zur über mit bei von uns""".split()


def add_evidence(data: dict) -> None:
    words = data["words"]
    claimed = {w for code, listed in words.items() if code != "de" for w in listed}
    taken = _l16.elsewhere("de") | dutch_lexicon(str(DUTCH_LEXICON)) | claimed | DUTCH_CHAT | NEUTRAL_WORDS
    kept = [w for w in GERMAN if len(w) >= 3 and w not in taken]
    words["de"] = [w for w in words.get("de", []) if w not in NEUTRAL_WORDS and w not in DUTCH_CHAT]
    words["de"] += [w for w in kept if w not in words["de"]]
    data["frames"] = [f for f in data["frames"] if "(langid18)" not in f["about"]] + FRAMES
    print("German kept:", " ".join(kept))
    print("German left out:", " ".join(w for w in GERMAN if w not in kept))


if __name__ == "__main__":
    edit(Path("bot/language/data/evidence.json"), add_evidence)
