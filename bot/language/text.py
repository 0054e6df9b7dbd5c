"""Text helpers for language detection: cleaning, writing-system detection, mixed scripts, neutral turns.

Used both when the supplementary model is trained (bot/language/build.py) and
when a message is detected, so both see text in exactly the same form.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Dict, FrozenSet, Optional

# Longer texts add nothing to the decision but cost time.
MAX_CHARS = 1000

_SCRIPT_RANGES = (
    ("latin", ((0x0041, 0x024F), (0x0250, 0x02AF), (0x1E00, 0x1EFF), (0x2C60, 0x2C7F), (0xA720, 0xA7FF))),
    ("cyrillic", ((0x0400, 0x052F),)),
    ("arabic", ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))),
    ("ethiopic", ((0x1200, 0x139F), (0x2D80, 0x2DDF), (0xAB00, 0xAB2F))),
    ("tifinagh", ((0x2D30, 0x2D7F),)),
    ("greek", ((0x0370, 0x03FF),)),
)

# Names of Belgian and Flemish services, and the Dutch words for documents and
# emergency services, that residents write inside any language ("where is the
# Huis van het Nederlands", "accidente moto ziekenwagen"). They say nothing about
# the resident's language and are removed before detection (a message that is
# Dutch by its words stays Dutch: the detector's Dutch lexicon reads the whole message).
SERVICE_NAMES = (
    "huis van het nederlands", "agentschap integratie en inburgering", "integratie en inburgering",
    "sociaal huis", "gemeentehuis", "stadhuis", "administratief centrum", "kind en gezin",
    "opgroeien", "groeipakket", "basiseducatie", "inburgeringstraject", "inburgering",
    "ocmw", "vdab", "caw", "cgg", "cvo", "okan", "unia", "uitpas", "kids-id", "kids id", "eid",
    "recyclagepark", "containerpark", "leefloon", "wijkagent", "loket", "nt2", "taalcafé", "taalcafe",
    "ziekenfonds", "mutualiteit", "justitiehuis", "pro deo", "pro-deo", "attest", "verblijfskaart",
    "huisarts", "wachtpost", "bewijs van goed gedrag en zeden",
    # Dutch words for services, documents and emergencies that residents use inside any language.
    "bewijs van goed gedrag", "ziekenwagen", "brandweer", "politie", "spoedgevallen", "spoed", "gemeente",
    "afspraak", "identiteitskaart", "kinderbijslag", "kinderopvang", "sociale woning", "sociale huisvesting",
    "huurpremie", "huurtoelage", "huurwaarborg", "uittreksel", "geboorteakte", "rijbewijs", "domicilie",
    "burgerzaken", "dienst bevolking", "verblijfsvergunning", "oranje kaart", "gezinshereniging",
    "schooltoeslag", "studietoelage", "energiepremie", "afvalkalender", "restafval", "ziekenhuis", "apotheek",
)
# More Dutch nouns of documents, services and emergencies (ninth round, from general knowledge). A Dutch
# message is often little more than one of them ("bewonerskaart 2de auto"), so they are ignored only when
# what is left has a word of another language (bot/language/detector.py `_strip`).
DOCUMENT_NAMES = (
    "paspoort", "reispas", "bewonerskaart", "parkeerkaart", "buurtparkeerkaart", "rookmelder", "brandmelder",
    "bloedafname", "vaccinatie", "commissariaat", "politiekantoor", "openingsuren", "adreswijziging",
    "adresverandering", "nationaliteit", "huurcontract", "verblijfsdocument", "trouwboekje", "huisvuil", "grofvuil",
    "wachtlijst", "kinderdagverblijf", "kleuterschool", "zorgverzekering", "werkloosheidsuitkering", "uitkering",
    "hulpkas", "vakbond", "interimkantoor", "dienst vreemdelingenzaken", "vreemdelingenzaken",
    "taalcursus", "inschrijving", "belastingbrief", "aanslagbiljet", "energiefactuur", "sociaal tarief",
)
_SERVICE_PATTERN = re.compile(
    r"(?<!\w)(" + "|".join(re.escape(n) for n in sorted(SERVICE_NAMES, key=len, reverse=True)) + r")(?!\w)"
)
_DOCUMENT_PATTERN = re.compile(
    r"(?<!\w)(" + "|".join(re.escape(n) for n in sorted(DOCUMENT_NAMES, key=len, reverse=True)) + r")(?!\w)"
)

# Words that appear in chats whatever the resident's language: they never
# switch the language of a conversation on their own. The religious formulas
# (inshallah, hamdulillah, wallah) are said in Arabic, Tamazight, Somali,
# Turkish, Persian, Pashto and Kurdish alike.
NEUTRAL_WORDS: FrozenSet[str] = frozenset(
    """ok oke oké okay okey k kk ja jaa jep yes yeah yep no nee non nein ne merci mercie thanks thx
    thank bedankt dank danke hallo hello hi hey hoi salut ciao bye dag daag top super cool good
    goed prima perfect bravo sorry pardon please svp aub alstublieft stp oui si sí da tak evet
    hmm hm ah oh eh haha hahaha lol xd
    inshallah insha inshalla inchallah inshalah allah mashallah machallah hamdulillah alhamdulillah lhamdulillah
    hamdoulillah wallah wallahi bismillah""".split()
)

# A message mixing Latin letters with another of our scripts is in that script
# from this share of its letters on (resident_words); Ge'ez letters are syllables.
MIXED_SHARE = 0.2
SYLLABLE_WEIGHT: Dict[str, int] = {"ethiopic": 2}

_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_TOKEN = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)
# `\S+@` only from the start of a run of non-spaces (the same matches: a match inside a
# run also matches from its start), so a long run is scanned once, not once per
# character (tests/privacy/test_redaction_speed.py).
_URLISH = re.compile(r"(https?://\S+|www\.\S+|(?<!\S)\S+@\S+)")


def without_marks(text: str) -> str:
    """`text` decomposed (NFKD) with its combining marks dropped: accents, umlauts, cedillas, Arabic vowel
    marks ("é" -> "e", "ş" -> "s", "كَتَبَ" -> "كتب"). Case is left as it is: each caller folds case its own way
    first (lower() or casefold(): "ß" stays or becomes "ss"). The one definition every fold in Taalbrug uses."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if unicodedata.category(ch) != "Mn")


def clean(text: str) -> str:
    """NFC, no control characters, single spaces, lower case, at most MAX_CHARS."""
    if not isinstance(text, str):
        return ""
    text = unicodedata.normalize("NFC", text[: MAX_CHARS * 4])
    text = "".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in text)
    text = _URLISH.sub(" ", text)
    return " ".join(text.split())[:MAX_CHARS].lower()


def strip_service_names(cleaned: str, documents: bool = False) -> str:
    """Remove Dutch service names (and with `documents`, DOCUMENT_NAMES too), unless nothing else would
    be left to detect."""
    stripped = _SERVICE_PATTERN.sub(" ", cleaned)
    if documents:
        stripped = _DOCUMENT_PATTERN.sub(" ", stripped)
    stripped = " ".join(stripped.split())
    return stripped if len(_LETTER.findall(stripped)) >= 3 else cleaned


def tokens(cleaned: str) -> list:
    return _TOKEN.findall(cleaned)


def is_neutral(cleaned: str) -> bool:
    """True for turns that carry no language: no letters, or only neutral words."""
    words = tokens(cleaned)
    return not words or all(w in NEUTRAL_WORDS for w in words)


def _script_of(ch: str) -> Optional[str]:
    code = ord(ch)
    for name, ranges in _SCRIPT_RANGES:
        for low, high in ranges:
            if low <= code <= high:
                return name
    return None


def script_counts(cleaned: str) -> Dict[str, int]:
    counts: Dict[str, int] = {}
    for ch in cleaned:
        if ch.isalpha():
            name = _script_of(ch) or "other"
            counts[name] = counts.get(name, 0) + 1
    return counts


def resident_words(cleaned: str) -> str:
    """In a message that mixes Latin letters with another of our scripts, the words in that script.

    Residents write their own language in its script and borrow Dutch, French
    or English words in Latin letters ("ብዙ ደም ziekenwagen", "détecteur de fumée
    كيصفر بزاف"), so the other script says which language it is once it holds
    MIXED_SHARE of the letters (a Ge'ez letter, a syllable, counting twice).
    A message in one script is returned unchanged.
    """
    counts = script_counts(cleaned)
    own = {name: n * SYLLABLE_WEIGHT.get(name, 1) for name, n in counts.items() if name not in ("latin", "other", "greek")}
    if "latin" not in counts or not own:
        return cleaned
    script, weighted = max(own.items(), key=lambda item: item[1])
    if counts[script] < 2 or weighted < MIXED_SHARE * (weighted + counts["latin"]):
        return cleaned
    return " ".join(word for word in cleaned.split() if any(_script_of(ch) == script for ch in word))


def dominant_script(cleaned: str) -> Optional[str]:
    """The writing system of most letters, or None when there are no letters."""
    counts = script_counts(cleaned)
    if not counts:
        return None
    return max(counts.items(), key=lambda item: item[1])[0]
