"""Add langid14's evidence (short chat) to bot/language/data/evidence.json and pashto_words.json.

Run from the repository root: `python experiments/langid14/add_words.py`. Idempotent. Written from general knowledge
of these languages after reading the errors of tests/language/langid13.tsv (a development set now: its figures are
in-sample); every word was checked with experiments/langid14/check_words.py to occur in no line of another
language's training or sentence text, repo resident set or Dutch chat (shared words are listed for every language
that says them), and the tests of tests/language/test_evidence.py.
"""

import json
from pathlib import Path

WORDS = {
    # Darija and Tarifit both say "wakha" (ok): listed for both, one such word alone is no answer (unsure).
    # Tarifit and Kabyle "ih" (yes).
    # The second person of Tarifit's "want" (xs), whose first and third persons were listed (xsegh, ixsa).
    "ber": ["wakha", "ih", "texsed", "tekhsed", "thexsed", "thekhsed", "txsed", "tkhsed", "texsem", "tekhsem", "txsem"],
    # Sorani chat in Latin letters: hello, how are you, brother, municipality, we/I/you will see, I am well.
    "ckb": ["slaw", "silaw", "choni", "chonin", "kaka", "sharawani", "sharawany", "dabinin", "dabinim", "dabinit",
            "bashm", "bashim"],
    # Bulgarian in Cyrillic, words Russian and Ukrainian do not write: congratulations (честит), day, hello,
    # what, I want, when, now, tomorrow, at home.
    "bg": ["честит", "ден", "здравей", "здрасти", "какво", "искам", "кога", "сега", "утре", "вкъщи"],
    # Spanish chat: birthday (cumple), please (porfa), why/because (xq), also (tmb); happy (feliz, Portuguese too).
    "es": ["cumple", "porfa", "xq", "tmb", "feliz"],
    "pt": ["feliz"],
}
# Religious formulas every Muslim resident says (Arabic, Tamazight, Somali, Turkish, Persian, Pashto, Kurdish) are
# neutral words now (bot/language/text.py NEUTRAL_WORDS), no longer Arabic evidence.
NEUTRAL = ["alhamdulillah", "inchallah", "inshallah", "wallah"]
FRAMES = [
    {
        "languages": ["fr"],
        "about": ("French 'ça va' typed without the cedilla, ending the message or before bien, pas, toi, vous, "
                  "merci (salut ca va, ca va bien?): Romanian 'ca va' (că va) needs a verb after it (langid14)"),
        "pattern": "(?:^| )ca va(?: (?:bien|pas|toi|vous|merci|et toi|et vous))?$",
    },
    {
        "languages": ["es"],
        "about": "Spanish chat 'q tal' (qué tal with q for que; Portuguese writes 'que tal' in full) (langid14)",
        "pattern": "(?:^| )q tal(?: |$)",
    },
]
# Pashto in Arabic script without Pashto's own letters: today, sick, (that) I come, thanks, you (plural), your
# (plural), tomorrow, I cannot, to come, can.
PASHTO = ["نن", "ناروغ", "راشم", "مننه", "تاسو", "ستاسو", "سبا", "نشم", "راتلای", "کولای"]

path = Path("bot/language/data/evidence.json")
raw = path.read_text(encoding="utf-8")
data = json.loads(raw)
for code, words in WORDS.items():
    data["words"][code] = data["words"].get(code, []) + [w for w in words if w not in data["words"].get(code, [])]
data["words"]["ar"] = [w for w in data["words"]["ar"] if w not in NEUTRAL]
data["frames"] = [f for f in data["frames"] if "(langid14)" not in f["about"]] + FRAMES
path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + ("\n" if raw.endswith("\n") else ""), encoding="utf-8")

path = Path("bot/language/data/pashto_words.json")
raw = path.read_text(encoding="utf-8")
data = json.loads(raw)
data["words"] = data["words"] + [w for w in PASHTO if w not in data["words"]]
ABOUT = (" Fourteenth round (langid14, also from general knowledge, after reading the errors of "
         "tests/language/langid13.tsv): today نن, sick ناروغ, (that) I come راشم, thanks مننه, you تاسو, your ستاسو, "
         "tomorrow سبا, I cannot نشم, to come راتلای, can کولای; none occurs as a word in another language's training "
         "text, repo resident set or Dutch chat (experiments/langid14/check_words.py).")
data["_about"] = data["_about"].split(" Fourteenth round")[0] + ABOUT
path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + ("\n" if raw.endswith("\n") else ""), encoding="utf-8")
