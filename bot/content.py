"""Answers (answers/<topic>.yml) and locales (locales/<code>.yml) as checked data.

`Content.compose()` turns a topic, the resident's language and a municipality
into the messages the chat shows: the plain Dutch answer, filled with the
municipality's facts, and a short cue in the resident's own language.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Sequence

import yaml

from bot import PROJECT_ROOT
from bot.directory.municipality import Municipality, load_municipalities
from bot.language.languages import DEFAULT

_PLACEHOLDER = re.compile(r"\{([a-z_]+(?:\.[a-z_]+)*)\}")
FALLBACK_TOPIC = "nlu_fallback"


class ContentError(ValueError):
    """An answer or locale file is malformed; the message names file and field."""


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
    speech: str = ""

    def cue(self, topic: str) -> str:
        return self.cues.get(topic) or self.cues.get("answer") or ""


@dataclass(frozen=True)
class Answer:
    topic: str
    nl: str
    buttons: Sequence[Mapping[str, str]] = ()
    # Referral topics only: named Dutch texts the referral actions send after
    # the answer ("summary", "steps", ...), each a text or a list of texts.
    referral: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ChatMessage:
    """One message as the chat API returns it."""

    kind: str  # answer | cue | referral | prompt | error
    text: str
    lang: str
    dir: str = "ltr"
    buttons: Sequence[Mapping[str, str]] = field(default_factory=list)

    def as_dict(self) -> Dict[str, Any]:
        return {
            "kind": self.kind,
            "text": self.text,
            "lang": self.lang,
            "dir": self.dir,
            "buttons": [dict(b) for b in self.buttons],
        }


def _read_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ContentError(f"{path}: not valid YAML ({exc})") from None


def _load_locale(path: Path) -> Locale:
    data = _read_yaml(path)
    if not isinstance(data, dict):
        raise ContentError(f"{path}: must be a mapping")
    for key in ("code", "endonym", "dir", "cues", "ui"):
        if key not in data:
            raise ContentError(f"{path}: missing field '{key}'")
    if data["code"] != path.stem:
        raise ContentError(f"{path}: code '{data['code']}' must match the file name")
    if data["dir"] not in ("ltr", "rtl"):
        raise ContentError(f"{path}: dir must be 'ltr' or 'rtl'")
    return Locale(
        code=data["code"],
        endonym=str(data["endonym"]),
        dir=data["dir"],
        reviewed=bool(data.get("reviewed", False)),
        cues={k: str(v or "") for k, v in (data.get("cues") or {}).items()},
        ui={k: str(v or "") for k, v in (data.get("ui") or {}).items()},
        phrases={k: str(v or "") for k, v in (data.get("phrases") or {}).items()},
        name_nl=str(data.get("name_nl", "")),
        speech=str(data.get("speech", data["code"])),
    )


def _load_answer(path: Path) -> Answer:
    data = _read_yaml(path)
    if not isinstance(data, dict) or not data.get("nl"):
        raise ContentError(f"{path}: must have a non-empty 'nl' answer")
    topic = data.get("topic", path.stem)
    if topic != path.stem:
        raise ContentError(f"{path}: topic '{topic}' must match the file name")
    buttons = data.get("buttons") or []
    for i, button in enumerate(buttons):
        if not isinstance(button, dict) or not button.get("title") or not button.get("payload"):
            raise ContentError(f"{path}: buttons[{i}] needs 'title' and 'payload'")
    referral = data.get("referral") or {}
    if not isinstance(referral, dict):
        raise ContentError(f"{path}: 'referral' must map names to texts")
    for key, value in referral.items():
        texts = value if isinstance(value, list) else [value]
        if not texts or not all(isinstance(t, str) and t.strip() for t in texts):
            raise ContentError(f"{path}: referral.{key} must be a text or a list of texts")
    return Answer(
        topic=topic, nl=" ".join(str(data["nl"]).split()), buttons=tuple(buttons), referral=referral
    )


def fill(template: str, facts: Mapping[str, Any], where: str = "answer") -> str:
    """Replace {dotted.names} with municipality facts; a missing fact is an error."""

    def lookup(match: "re.Match[str]") -> str:
        value: Any = facts
        for part in match.group(1).split("."):
            if not isinstance(value, Mapping) or part not in value:
                raise ContentError(f"{where}: no municipality fact '{match.group(1)}'")
            value = value[part]
        return str(value)

    return _PLACEHOLDER.sub(lookup, template)


class Content:
    """All answers, locales and municipalities of one Taalbrug installation."""

    def __init__(
        self,
        answers: Mapping[str, Answer],
        locales: Mapping[str, Locale],
        municipalities: Mapping[str, Municipality],
        national: Optional[Mapping[str, Any]] = None,
    ) -> None:
        self.national = dict(national or {})
        self.answers = dict(answers)
        self.locales = dict(locales)
        self.municipalities = dict(municipalities)
        if DEFAULT not in self.locales:
            raise ContentError(f"locales: the default language '{DEFAULT}' is missing")
        if FALLBACK_TOPIC not in self.answers:
            raise ContentError(f"answers: '{FALLBACK_TOPIC}' is missing")

    @classmethod
    def load(cls, root: Path = PROJECT_ROOT) -> "Content":
        answers = {
            p.stem: _load_answer(p)
            for p in sorted((root / "answers").glob("*.yml"))
            if p.stem != "jargon"  # the jargon list, not an answer
        }
        locales = {p.stem: _load_locale(p) for p in sorted((root / "locales").glob("*.yml"))}
        national_path = root / "municipalities" / "national.yml"
        national = (_read_yaml(national_path) or {}).get("national", {}) if national_path.exists() else {}
        return cls(answers, locales, load_municipalities(root / "municipalities"), national)

    def facts(self, municipality: Municipality) -> Dict[str, Any]:
        """Everything an answer may use: the municipality's facts and national numbers."""
        return {**municipality.facts(), "national": self.national}

    def locale(self, code: Optional[str]) -> Locale:
        return self.locales.get(code or DEFAULT) or self.locales[DEFAULT]

    def municipality(self, slug: Optional[str], default: str) -> Municipality:
        if slug and slug in self.municipalities:
            return self.municipalities[slug]
        if default in self.municipalities:
            return self.municipalities[default]
        return next(iter(self.municipalities.values()))

    def compose(
        self, topic: Optional[str], language: Optional[str], municipality: Municipality
    ) -> List[ChatMessage]:
        """The Dutch answer for `topic`, then the cue in `language` (none for Dutch)."""
        answer = self.answers.get(topic or "") or self.answers[FALLBACK_TOPIC]
        facts = self.facts(municipality)
        dutch = self.locale(DEFAULT)
        messages = [
            ChatMessage(
                kind="answer",
                text=fill(answer.nl, facts, f"answers/{answer.topic}.yml"),
                lang=DEFAULT,
                dir=dutch.dir,
                buttons=list(answer.buttons),
            )
        ]
        locale = self.locale(language)
        cue = fill(locale.cue(answer.topic), facts, f"locales/{locale.code}.yml")
        if locale.code != DEFAULT and cue:
            messages.append(ChatMessage(kind="cue", text=cue, lang=locale.code, dir=locale.dir))
        return messages


@functools.lru_cache(maxsize=2)
def load_content(root: Path = PROJECT_ROOT) -> Content:
    """The installation's content, loaded once per process."""
    return Content.load(root)
