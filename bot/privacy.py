"""Remove personal data from a message before anything is stored.

`redact(text)` replaces e-mail addresses, IBANs (mod-97 checked), Belgian
national register numbers (checksum checked), phone numbers (Belgian and
international), a street with a house number, and names after "mijn naam is",
"je m'appelle", "my name is" and their equivalents in Taalbrug's languages.
Each is replaced by a fixed marker such as `[e-mail]`; the rest of the text
stays as it was. The rules are listed in tests/privacy/redaction_cases.yml's
companion document and tested on that corpus.
"""

from __future__ import annotations

import re
from typing import Callable, List

EMAIL = "[e-mail]"
IBAN = "[IBAN]"
NRN = "[rijksregisternummer]"
PHONE = "[telefoon]"
ADDRESS = "[adres]"
NAME = "[naam]"

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}")
_IBAN = re.compile(r"\b([A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?)\b", re.IGNORECASE)
_NRN = re.compile(r"(?<![\d.+/-])(\d{2})[ .]?(\d{2})[ .]?(\d{2})[ .-]?(\d{3})[ .-]?(\d{2})(?![\d])")
_PHONE = re.compile(
    r"(?<![\w+])(?:\+|00)\d{1,3}[ ./-]?(?:\(0\))?[ ./-]?\d(?:[ ./-]?\d){6,11}(?!\d)"
    r"|(?<![\w+/.])0\d(?:[ ./-]?\d){6,9}(?![\d/])"
)
_STREET_WORDS = (
    "straat|laan|lei|plein|weg|dreef|steenweg|kaai|markt|plaats|dijk|hof|vest|baan|singel|pad"
)
_NUMBER = r"\d{1,4}[A-Za-z]?(?:\s*(?:bus|b\.|bte|boîte)\s*\d{1,4}[A-Za-z]?)?"
_ADDRESS = re.compile(
    # Dutch: "Kerkstraat 12", "Grote Markt 5", "Sint-Jansplein 3 bus 2", "Oude Baan 7A".
    rf"\b(?:(?:[A-Z][\w'-]*\s+)?[\w'-]*(?i:{_STREET_WORDS})|(?i:grote markt|kleine markt))\s+{_NUMBER}\b"
    # French: "rue de la Loi 16", "avenue Louise 54", "chaussée de Gand 12".
    rf"|\b(?i:rue|avenue|av\.|chaussée|place|boulevard|bd|quai|square|allée|impasse)\s+"
    rf"(?:(?i:de la|de l'|du|des|de|d')\s*)?[A-ZÀ-Ý][\w'-]*(?:\s+[A-ZÀ-Ý][\w'-]*){{0,3}},?\s+{_NUMBER}\b"
)

_NAME_PHRASES = [
    "mijn naam is", "ik heet", "ik noem", "je m'appelle", "je m’appelle", "mon nom est", "je me nomme",
    "my name is", "i am called", "call me", "ich heiße", "ich heisse", "mein name ist", "me llamo",
    "mi nombre es", "mi chiamo", "meu nome é", "chamo-me", "me chamo", "nazywam się", "mam na imię",
    "mă numesc", "ma numesc", "numele meu este", "benim adım", "adım", "меня зовут", "мене звати",
    "казвам се", "името ми е", "magacaygu waa", "magacaygu", "quhem", "emri im është", "navê min",
    "isem-iw", "isem inu",
]
_CASELESS_PHRASES = ["اسمي", "اسم من", "نام من", "ناوم", "زما نوم", "ስመይ", "ስሜ"]
_VERB_ENDINGS = ("است", "دی", "ده", "ە", "ه")
_WORD = r"[^\s.,;:!?؟،。]+"


def _iban_valid(candidate: str) -> bool:
    compact = candidate.replace(" ", "").upper()
    if not 15 <= len(compact) <= 34:
        return False
    rearranged = compact[4:] + compact[:4]
    digits = "".join(str(int(ch, 36)) for ch in rearranged)
    return int(digits) % 97 == 1


def nrn_valid(digits: str) -> bool:
    """Checksum of an 11-digit Belgian national register number."""
    if len(digits) != 11 or not digits.isdigit():
        return False
    base, check = int(digits[:9]), int(digits[9:])
    return check in (97 - base % 97, 97 - (2_000_000_000 + base) % 97)


def _replace_iban(text: str) -> str:
    return _IBAN.sub(lambda m: IBAN if _iban_valid(m.group(1)) else m.group(0), text)


def _replace_nrn(text: str) -> str:
    return _NRN.sub(lambda m: NRN if nrn_valid("".join(m.groups())) else m.group(0), text)


def _replace_phone(text: str) -> str:
    def keep_or_mark(match: "re.Match[str]") -> str:
        digits = re.sub(r"\D", "", match.group(0))
        return PHONE if len(digits) >= 8 else match.group(0)

    return _PHONE.sub(keep_or_mark, text)


def _replace_address(text: str) -> str:
    return _ADDRESS.sub(ADDRESS, text)


def _phrase_pattern(phrases: List[str]) -> str:
    return "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))


_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĢĪĮİĶĹĻĽŁŃŅŇŌŐŒŔŘŚŞŠŢŤŪŮŰŲŹŻŽƏА-ЯЁІЇЄҐ"
_CASED_NAME = re.compile(
    rf"(?<!\w)((?i:{_phrase_pattern(_NAME_PHRASES)}))(\s*:?\s+)"
    rf"((?:[{_UPPER}][\w'’-]*)(?:\s+[{_UPPER}][\w'’-]*){{0,2}}|{_WORD}(?=\s*(?:[.,;:!?]|$)))"
)
_CASELESS_NAME = re.compile(
    rf"({_phrase_pattern(_CASELESS_PHRASES)})(\s*:?\s+)({_WORD})(?:(\s+)({_WORD}))?"
)


def _replace_names(text: str) -> str:
    def cased(match: "re.Match[str]") -> str:
        return f"{match.group(1)}{match.group(2)}{NAME}"

    def caseless(match: "re.Match[str]") -> str:
        first, space, second = match.group(3), match.group(4), match.group(5)
        if second is None or second in _VERB_ENDINGS or any(
            second.endswith(v) and len(second) <= 3 for v in _VERB_ENDINGS
        ):
            rest = f"{space}{second}" if second else ""
            return f"{match.group(1)}{match.group(2)}{NAME}{rest}"
        return f"{match.group(1)}{match.group(2)}{NAME}"

    text = _CASED_NAME.sub(cased, text)
    return _CASELESS_NAME.sub(caseless, text)


def _replace_email(text: str) -> str:
    return _EMAIL.sub(EMAIL, text)


_STEPS: List[Callable[[str], str]] = [
    _replace_email, _replace_iban, _replace_nrn, _replace_phone, _replace_address, _replace_names,
]


def redact(text: str) -> str:
    """The text with personal data replaced by markers ([e-mail], [telefoon], ...)."""
    if not isinstance(text, str):
        return ""
    for step in _STEPS:
        text = step(text)
    return text
