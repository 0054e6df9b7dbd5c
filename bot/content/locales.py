"""Locale files (locales/<code>.yml): a language's endonym, direction, cues,
phrase cards and UI strings."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from bot.content.reader import ContentError, read_mapping, where

_REQUIRED = ("code", "endonym", "dir", "cues", "ui")


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
    speech: str = ""
    # Texts of the staff, report and sign-in pages; only the Dutch locale has them.
    pages: Mapping[str, str] = field(default_factory=dict)

    def cue(self, key: str) -> str:
        """The cue for a topic or a dialogue step; a topic without one gets the general answer cue."""
        return self.cues.get(key) or self.cues.get("answer") or ""


def _texts(data: Mapping[str, Any], key: str) -> Mapping[str, str]:
    return {k: str(v or "") for k, v in (data.get(key) or {}).items()}


def load_locale(path: Path) -> Locale:
    data = read_mapping(path)
    for key in _REQUIRED:
        if key not in data:
            raise ContentError(f"{path}: missing field '{key}'")
    if data["code"] != path.stem:
        raise ContentError(f"{where(path, 'code')}: '{data['code']}' must match the file name")
    if data["dir"] not in ("ltr", "rtl"):
        raise ContentError(f"{where(path, 'dir')}: must be 'ltr' or 'rtl'")
    return Locale(
        code=data["code"],
        endonym=str(data["endonym"]),
        dir=data["dir"],
        reviewed=bool(data.get("reviewed", False)),
        cues=_texts(data, "cues"),
        ui=_texts(data, "ui"),
        phrases=_texts(data, "phrases"),
        name_nl=str(data.get("name_nl", "")),
        name_en=str(data.get("name_en", "")),
        speech=str(data.get("speech", data["code"])),
        pages=_texts(data, "pages"),
    )
