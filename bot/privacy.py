"""Remove personal data from a message before anything is stored.

`redact(text)` replaces e-mail addresses, IBANs (mod-97 checked), Belgian
national register numbers (checksum checked; the dotted eID form yy.mm.dd-xxx.cc
and any such number just after "rijksregisternummer", "INSZ" and the like whatever
its checksum), phone numbers (Belgian and
international), a street with a house number, and names after "mijn naam is",
"je m'appelle", "my name is" and their equivalents in Taalbrug's languages.
Each is replaced by a fixed marker such as `[e-mail]`; the rest of the text
stays as it was. The rules are in docs/redaction.md; the corpus
tests/privacy/redaction_cases.yml holds the expected result of 190 cases.

Conversation ids are stored only as `conversation_hash(id, salt)`.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
from pathlib import Path
from typing import Callable, List, Optional

EMAIL = "[e-mail]"
IBAN = "[IBAN]"
NRN = "[rijksregisternummer]"
PHONE = "[telefoon]"
ADDRESS = "[adres]"
NAME = "[naam]"

# Every pattern starts only where its first character class starts (a lookbehind),
# so that a long run of such characters is scanned once, not once per character:
# no pattern backtracks quadratically on a 2,000-character message
# (tests/privacy/test_redaction_speed.py).
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}")
# An IBAN candidate: country, check digits, then groups; the longest valid
# prefix (at a group boundary) is the IBAN, so a following word is never eaten.
_IBAN = re.compile(r"\b[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]{1,4}){3,8}\b")
_NRN = re.compile(r"(?<![\d.+/-])(\d{2})[ .]?(\d{2})[ .]?(\d{2})[ .-]?(\d{3})[ .-]?(\d{2})(?![\d])")
# The written form on the eID (yy.mm.dd-xxx.cc) is a national register number
# whatever its check digits (a typing mistake is still personal data), and so
# is any number of that shape shortly after a word that names one.
_NRN_DOTTED = re.compile(r"\d{2}\.\d{2}\.\d{2}-\d{3}\.\d{2}")
_NRN_NAMED = re.compile(
    r"(?<!\w)(?i:rijksregister(?:nummer)?|insz(?:-nummer)?|niss|registre national|num[ée]ro national"
    r"|national (?:register )?number|rrn)\b[^\d\n]{0,40}$"
)
_PHONE = re.compile(
    r"(?<![\w+])(?:\+|00)\d{1,3}[ ./-]?(?:\(0\))?[ ./-]?\d(?:[ ./-]?\d){6,11}(?!\d)"
    r"|(?<![\w+/.])0\d(?:[ ./-]?\d){6,9}(?![\d/])"
)
_STREET_WORDS = (
    "straat|laan|lei|plein|weg|dreef|steenweg|kaai|markt|plaats|dijk|hof|vest|baan|singel|pad"
)
_NUMBER = r"\d{1,4}[A-Za-z]?(?:\s*(?:bus|box|b\.|bte|boîte)\s*\d{1,4}[A-Za-z]?)?"
_ADDRESS = re.compile(
    # Dutch: "Kerkstraat 12", "Grote Markt 5", "Sint-Jansplein 3 bus 2", "Oude Baan 7A".
    rf"(?<![\w'-])(?:(?:[A-Z][\w'-]*\s+)?[\w'-]*(?i:{_STREET_WORDS})|(?i:grote markt|kleine markt))\s+{_NUMBER}\b"
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
_VERBS = ("است", "دی", "ده")
_WORD = r"[^\s.,;:!?؟،。።፣፤]+"


# IBAN lengths per country (ISO 13616 registry), for the countries residents
# most often bank in; other countries only need a length of 15 to 34.
IBAN_LENGTHS = {
    "AL": 28, "AT": 20, "BE": 16, "BG": 22, "CH": 21, "CY": 28, "CZ": 24, "DE": 22, "DK": 18,
    "EE": 20, "ES": 24, "FI": 18, "FR": 27, "GB": 22, "GR": 27, "HR": 21, "HU": 28, "IE": 22,
    "IT": 27, "LT": 20, "LU": 20, "LV": 21, "MA": 28, "MT": 31, "NL": 18, "NO": 15, "PL": 28,
    "PT": 25, "RO": 24, "RS": 22, "SA": 24, "SE": 24, "SI": 19, "SK": 24, "TN": 24, "TR": 26,
    "UA": 29, "XK": 20,
}


def _iban_valid(candidate: str) -> bool:
    compact = candidate.replace(" ", "").upper()
    expected = IBAN_LENGTHS.get(compact[:2])
    if (expected is not None and len(compact) != expected) or not 15 <= len(compact) <= 34:
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
    def longest_valid(match: "re.Match[str]") -> str:
        candidate = match.group(0)
        cuts = [i for i in range(len(candidate), 14, -1) if i == len(candidate) or candidate[i] == " "]
        for cut in cuts:
            if _iban_valid(candidate[:cut]):
                return IBAN + candidate[cut:]
        return candidate

    return _IBAN.sub(longest_valid, text)


def _replace_nrn(text: str) -> str:
    def mark(match: "re.Match[str]") -> str:
        named = _NRN_NAMED.search(match.string, max(0, match.start() - 60), match.start())
        if nrn_valid("".join(match.groups())) or _NRN_DOTTED.fullmatch(match.group(0)) or named:
            return NRN
        return match.group(0)

    return _NRN.sub(mark, text)


def _replace_phone(text: str) -> str:
    def keep_or_mark(match: "re.Match[str]") -> str:
        digits = re.sub(r"\D", "", match.group(0))
        return PHONE if len(digits) >= 8 else match.group(0)

    return _PHONE.sub(keep_or_mark, text)


def _replace_address(text: str) -> str:
    return _ADDRESS.sub(ADDRESS, text)


def _phrase_pattern(phrases: List[str]) -> str:
    return "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))


# Lower-case words inside a name ("Fatima el Amrani", "Jan van der Berg").
_PARTICLES = r"(?:van|von|der|den|de|del|della|di|da|das|do|dos|du|el|al|ben|bin|ibn|bint|la|le|ter|ten|op|zu)"
_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĢĪĮİĶĹĻĽŁŃŅŇŌŐŒŔŘŚŞŠŢŤŪŮŰŲŹŻŽƏА-ЯЁІЇЄҐ"
_CASED_NAME = re.compile(
    rf"(?<!\w)((?i:{_phrase_pattern(_NAME_PHRASES)}))(\s*:?\s+)"
    rf"((?:[{_UPPER}][\w'’-]*)(?:\s+(?:{_PARTICLES}\s+){{0,2}}[{_UPPER}][\w'’-]*){{0,7}}"
    rf"|{_WORD}(?=\s*(?:[.,;:!?]|$)))"
)
_CASELESS_NAME = re.compile(
    rf"({_phrase_pattern(_CASELESS_PHRASES)})(\s*:?\s+)({_WORD})(?:(\s+)({_WORD}))?"
)


def _replace_names(text: str) -> str:
    def cased(match: "re.Match[str]") -> str:
        return f"{match.group(1)}{match.group(2)}{NAME}"

    def caseless(match: "re.Match[str]") -> str:
        """Up to two words before a verb ("اسم من علی رضایی است"), else two words when
        exactly two come before punctuation or the end, else one."""
        head = f"{match.group(1)}{match.group(2)}{NAME}"
        space, second = match.group(4), match.group(5)
        rest = match.string[match.end():]
        if second is None or second in _VERBS:
            return head + (f"{space}{second}" if second else "")
        following = re.match(rf"\s+({_WORD})", rest)
        if following and following.group(1) in _VERBS:
            return head  # two name words, then the verb (kept in `rest`)
        if rest[:1] in ("", ".", ",", ";", ":", "!", "?", "؟", "،", "።", "፣", "\n"):
            return head
        return f"{head}{space}{second}"

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


def conversation_hash(conversation_id: str, salt: str) -> str:
    """The salted hash under which a conversation id may be stored (HMAC-SHA256, 32 hex)."""
    return hmac.new(salt.encode("utf-8"), conversation_id.encode("utf-8"), hashlib.sha256).hexdigest()[:32]


def hash_salt(configured: Optional[str], var_dir: Path) -> str:
    """TAALBRUG_HASH_SALT, else a random salt created once in var/hash-salt (mode 600)."""
    if configured:
        return configured
    path = var_dir / "hash-salt"
    try:
        return path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        pass
    var_dir.mkdir(parents=True, exist_ok=True)
    salt = secrets.token_hex(32)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process was first: use its salt
        return path.read_text(encoding="ascii").strip()
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(salt)
    return salt
