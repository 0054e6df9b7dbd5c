"""Add langid13's two frames to bot/language/data/evidence.json (Tarifit verb shapes typed plain;
Tarifit prepositions before a noun with the article l-).

Run from the repository root: `python experiments/langid13/add_frame.py`. Idempotent: a frame with the same `about` is
replaced. The shapes were written from general knowledge of Tarifit verb morphology after reading
three error lines of the older readable sets R (docs/bench-langid.md, thirteenth round).
"""

import json
from pathlib import Path

p = Path("bot/language/data/evidence.json")
raw = p.read_text(encoding="utf-8")
d = json.loads(raw)
new = {
    "languages": ["ber"],
    "about": ("A frame of one word: Tarifit verbs typed on a plain keyboard (thirteenth round): the first person after a verb ending in a "
              "vowel, a consonant + -igh/-ugh (bnigh, zrigh, ufigh, ttugh; so not English high, thigh), not sigh, nigh, "
              "Hugh, -eigh, -ough, -augh; the imperfective tt- after a person prefix i, y, t, n, te, ne, ye and a consonant (ittrezmen, "
              "tettrzem); a doubled obstruent after the prefix i or y (issawal, iqqar, yettru), not issas (a name in "
              "the iso-codes training text), nor doubled l, m, n, r (immer, innerhalb, illegal); and tt-...-en "
              "(ttrezmen, ttawyen). In the training text of the other 22 languages and in the Dutch chat set no word "
              "has these shapes (langid13)"),
    "pattern": ("(?:^| )(?:(?!(?:sigh|nigh|hugh)(?: |$))(?![a-z3]*(?:eigh|ough|augh)(?: |$))[a-z3]*[bcdfgjklmnqrstwxz3][iu]gh"
                "|(?:i|y|t|n|te|ne|ye)tt[bcdfghjklmnqrstwxyz3][a-z3]{2,}"
                "|(?!issas(?: |$))[iy](?:tt|ss|zz|dd|kk|qq|gg|ww|cc|bb|hh|xx|jj)[a-z3]{2,}"
                "|tt[a-z3]{2,}en)(?: |$)"),
}
article = {
    "languages": ["ber"],
    "about": ("Tarifit's prepositions di (in), zi (from), ar, ghar (to), i (to, for) and n (of) before a noun with the "
              "Maghrebi article l- and five letters or more (di lkuzina, zi lbladiya, i lgemeente, n lfactura): Darija "
              "says f-, mn, l-, dyal there. In the training text of the other 22 languages and in the Dutch chat set no "
              "line has it (langid13; lzma, of an Italian line, has four letters)"),
    "pattern": "(?:^| )(?:di|zi|ar|ghar|i|n) l[bcdfgkmnqstwxz][a-z3]?[aeiou3][a-z3]+(?: |$)",
}
ours = {new["about"], article["about"]}
d["frames"] = [f for f in d["frames"] if f["about"] not in ours] + [new, article]
out = json.dumps(d, ensure_ascii=False, indent=1) + ("\n" if raw.endswith("\n") else "")
p.write_text(out, encoding="utf-8")
