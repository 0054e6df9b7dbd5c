"""Add langid13's two frames to bot/language/data/evidence.json (Tarifit verb shapes typed plain;
Tarifit prepositions before a noun with the article l-).

Run from the repository root: `python experiments/langid13/add_frame.py`. Idempotent: a frame whose `about` starts as
one of these is replaced. The shapes were written from general knowledge of Tarifit verb morphology after reading
three error lines of the older readable sets R (docs/bench-langid.md, thirteenth round).
"""

import json
from pathlib import Path

p = Path("bot/language/data/evidence.json")
raw = p.read_text(encoding="utf-8")
d = json.loads(raw)
new = {
    "languages": ["ber"],
    "about": ("A frame of one word: Tarifit verbs typed on a plain keyboard (thirteenth round): the first person "
              "after a verb ending in a vowel, a consonant + -igh (bnigh, zrigh, ufigh; so not English high, thigh), "
              "not sigh, nigh, Bligh, -eigh; the imperfective tt- after a person prefix i, y, t, te, ye and a consonant "
              "(ittrezmen, tettrzem; not nettle, yttrium); the prefix i or y before a doubled qq, xx, hh, ww, jj, zz, kk, bb "
              "(iqqar, izzenz; not Dutch ikken; not tt, ss, dd, gg, cc: issue, itter, iddio, yggdrasil, Icchak); tt-...-en (ttrezmen, "
              "ttawyen); and the first person in -egh after a consonant (xsegh, rzmegh, ttughegh; a weaker word shape "
              "before, counted as a listed word now; not the Dutch surnames Versteegh, Verhaegh, Verlegh, Herwegh). "
              "Checked against the training text of the other 22 languages, the sentence test, the Dutch chat set "
              "(tests) and Debian's English, Dutch, French, German, Italian, Spanish, Portuguese and Polish word "
              "lists (langid13)"),
    "pattern": ("(?:^| )(?:(?!(?:sigh|nigh|bligh)(?: |$))(?![a-z3]*eigh(?: |$))[a-z3]*[bcdfgjklmnqrstwxz3]igh"
                "|(?!yttri)(?:i|y|t|te|ye)tt[bcdfghjklmnqrstwxyz3][a-z3]{2,}"
                "|(?!ikken(?: |$))[iy](?:qq|xx|hh|ww|jj|zz|kk|bb)[a-z3]{2,}"
                "|tt[a-z3]{2,}en"
                "|(?!(?:verlegh|herwegh)(?: |$))[a-z3]*[bcdfghjklmnqrstvxyz3]egh)(?: |$)"),
}
article = {
    "languages": ["ber"],
    "about": ("Tarifit's prepositions di (in), zi (from), ar, ghar (to), i (to, for) and n (of) before a noun with the "
              "Maghrebi article l- and five letters or more (di lkuzina, zi lbladiya, i lgemeente, n lfactura): Darija "
              "says f-, mn, l-, dyal there. In the training text of the other 22 languages and in the Dutch chat set no "
              "line has it (langid13; lzma, of an Italian line, has four letters)"),
    "pattern": "(?:^| )(?:di|zi|ar|ghar|i|n) l[bcdfgkmnqstwxz][a-z3]?[aeiou3][a-z3]+(?: |$)",
}
ours = ("A frame of one word: Tarifit verbs", "Tarifit's prepositions di (in)")
d["frames"] = [f for f in d["frames"] if not f["about"].startswith(ours)] + [new, article]
out = json.dumps(d, ensure_ascii=False, indent=1) + ("\n" if raw.endswith("\n") else "")
p.write_text(out, encoding="utf-8")
