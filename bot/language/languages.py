"""The languages Taalbrug serves, and how fastText's lid.176 labels map onto them."""

from __future__ import annotations

from typing import Dict, FrozenSet, Optional

# The 23 languages of the brief, by the code used everywhere in Taalbrug
# (locales/<code>.yml, the `language` slot, the chat API).
SUPPORTED: FrozenSet[str] = frozenset(
    "nl fr en de es it pt pl ro bg ru uk tr ar fa ps so ti am kmr ckb sq ber".split()
)

DEFAULT = "nl"

# The writing systems our languages are written in. Tamazight (ber) is
# written in Latin script and in Tifinagh.
SCRIPT_LANGUAGES: Dict[str, FrozenSet[str]] = {
    "latin": frozenset("nl fr en de es it pt pl ro tr so kmr sq ber".split()),
    "cyrillic": frozenset("bg ru uk".split()),
    "arabic": frozenset("ar fa ps ckb".split()),
    "ethiopic": frozenset("ti am".split()),
    "tifinagh": frozenset({"ber"}),
}

# lid.176 labels that stand for one of our languages under another code:
# regional Dutch varieties are Dutch, lid's "ku" is Kurmanji, Egyptian Arabic
# is Arabic, and Kabyle is a Tamazight (Berber) language.
LID_ALIASES: Dict[str, str] = {
    "vls": "nl",  # West Flemish
    "li": "nl",  # Limburgish
    "zea": "nl",  # Zeelandic
    "ku": "kmr",
    "arz": "ar",
    "kab": "ber",
}


def normalise(code: Optional[str]) -> Optional[str]:
    """Map a language tag ("ar-MA", "NL_be", "ku") to a supported code, or None."""
    if not code or not isinstance(code, str):
        return None
    base = code.strip().replace("_", "-").split("-")[0].lower()
    base = LID_ALIASES.get(base, base)
    return base if base in SUPPORTED else None
