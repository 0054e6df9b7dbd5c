"""Locale files (locales/<code>.yml): a language's endonym, direction, cues,
phrase cards and UI strings.

A phrase card is a text, or `{text, reviewed}` when its review state differs
from the locale's `reviewed` (a new draft in a reviewed locale, or the reverse).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Mapping, Tuple

from bot.content.reader import ContentError, read_mapping, where

_REQUIRED = ("code", "endonym", "dir", "cues", "ui")

# Phrase cards the staff page treats specially: "Which language do you speak? Point to it" is shown with every
# language's own name; "Please come back on:" is followed by the date and time the staff member picks.
LANGUAGE_CARD = "which_language"
COME_BACK_ON = "come_back_on"


@dataclass(frozen=True)
class Locale:
    code: str
    endonym: str
    dir: str
    reviewed: bool
    cues: Mapping[str, str]
    ui: Mapping[str, str]
    phrases: Mapping[str, str]
    name_nl: str = ""
    name_en: str = ""
    # Per phrase card: has a translator signed it off? (the locale's `reviewed` unless the card says otherwise)
    phrase_reviewed: Mapping[str, bool] = field(default_factory=dict)
    speech: str = ""
    # Texts of the staff, report and sign-in pages; only the Dutch locale has them.
    pages: Mapping[str, str] = field(default_factory=dict)

    def cue(self, key: str) -> str:
        """The cue for a topic or a dialogue step; a topic without one gets the general answer cue."""
        return self.cues.get(key) or self.cues.get("answer") or ""


def _texts(data: Mapping[str, Any], key: str) -> Mapping[str, str]:
    return {k: str(v or "") for k, v in (data.get(key) or {}).items()}


def _phrases(data: Mapping[str, Any], reviewed: bool, path: Path) -> Tuple[Dict[str, str], Dict[str, bool]]:
    texts: Dict[str, str] = {}
    states: Dict[str, bool] = {}
    for key, value in (data.get("phrases") or {}).items():
        if isinstance(value, Mapping):
            if not isinstance(value.get("text"), str) or not isinstance(value.get("reviewed", reviewed), bool):
                raise ContentError(f"{where(path, f'phrases.{key}')}: needs 'text' and a true/false 'reviewed'")
            texts[key], states[key] = value["text"], value.get("reviewed", reviewed)
        else:
            texts[key], states[key] = str(value or ""), reviewed
    return texts, states


def load_locale(path: Path) -> Locale:
    data = read_mapping(path)
    for key in _REQUIRED:
        if key not in data:
            raise ContentError(f"{path}: missing field '{key}'")
    if data["code"] != path.stem:
        raise ContentError(f"{where(path, 'code')}: '{data['code']}' must match the file name")
    if data["dir"] not in ("ltr", "rtl"):
        raise ContentError(f"{where(path, 'dir')}: must be 'ltr' or 'rtl'")
    reviewed = bool(data.get("reviewed", False))
    phrases, phrase_reviewed = _phrases(data, reviewed, path)
    return Locale(
        code=data["code"],
        endonym=str(data["endonym"]),
        dir=data["dir"],
        reviewed=reviewed,
        cues=_texts(data, "cues"),
        ui=_texts(data, "ui"),
        phrases=phrases,
        phrase_reviewed=phrase_reviewed,
        name_nl=str(data.get("name_nl", "")),
        name_en=str(data.get("name_en", "")),
        speech=str(data.get("speech", data["code"])),
        pages=_texts(data, "pages"),
    )
