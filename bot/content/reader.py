"""The one YAML reader of Taalbrug's content, its one error family, and provenance.

Every content file is read by `read_mapping()`; every problem is a
`ContentError` whose message names the file and the field. A fact or an
answer may carry its provenance: `source` (the public page of the authority
that owns the rule, or a list of such pages) and `checked` (the date someone
last compared the text with them).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Dict, Mapping, Optional, Tuple

import yaml

_URL_SCHEMES = ("https://", "http://")


class ContentError(ValueError):
    """A content file is malformed; the message names the file and the field."""


def where(path: object, field: Optional[str] = None) -> str:
    """"answers/emergency.yml, field 'nl'" — the place a ContentError names."""
    return f"{path}, field '{field}'" if field else str(path)


def read_mapping(path: Path) -> Dict[str, Any]:
    """A YAML file whose top level is a mapping."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ContentError(f"{path}: not valid YAML ({exc})") from None
    except OSError as exc:
        raise ContentError(f"{path}: cannot be read ({exc.strerror})") from None
    if not isinstance(data, dict):
        raise ContentError(f"{path}: must be a mapping")
    return data


def text(data: Mapping[str, Any], key: str, place: object) -> str:
    """A required, non-empty text field."""
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ContentError(f"{where(place, key)}: must be a non-empty text")
    return value.strip()


def require(data: Mapping[str, Any], key: str, place: object) -> Any:
    """A required field of any type."""
    if key not in data or data[key] in (None, ""):
        raise ContentError(f"{place}: missing field '{key}'")
    return data[key]


def buttons(data: Mapping[str, Any], place: object) -> Tuple[Mapping[str, str], ...]:
    """An optional list of buttons, each with a `title` and a `payload`."""
    items = data.get("buttons") or []
    for i, button in enumerate(items):
        if not isinstance(button, dict) or not button.get("title") or not button.get("payload"):
            raise ContentError(f"{where(place, f'buttons[{i}]')}: needs 'title' and 'payload'")
    return tuple(items)


@dataclass(frozen=True)
class Provenance:
    """Where a rule, deadline, price or phone number comes from, and when it was last checked."""

    sources: Tuple[str, ...]
    checked: date

    @property
    def source(self) -> str:
        """The first (main) page the fact comes from."""
        return self.sources[0]

    def age_days(self, today: date) -> int:
        """How many days ago the sources were last compared with the text."""
        return (today - self.checked).days


def _sources(raw: Any, place: object) -> Tuple[str, ...]:
    items = raw if isinstance(raw, list) else [raw]
    if not items or not all(isinstance(s, str) and s.startswith(_URL_SCHEMES) for s in items):
        raise ContentError(f"{where(place, 'source')}: must be the URL of the public page the fact comes from")
    return tuple(items)


def provenance(data: Mapping[str, Any], place: object) -> Optional[Provenance]:
    """The `source` and `checked` of an answer or fact, or None when it has neither."""
    source, checked = data.get("source"), data.get("checked")
    if source is None and checked is None:
        return None
    sources = _sources(source, place)
    if isinstance(checked, str):
        try:
            checked = date.fromisoformat(checked)
        except ValueError:
            checked = None
    if not isinstance(checked, date):
        raise ContentError(f"{where(place, 'checked')}: must be a date (YYYY-MM-DD)")
    return Provenance(sources=sources, checked=checked)


@dataclass(frozen=True)
class Fact:
    """One value (a phone number, price, deadline, URL) with its provenance, if known."""

    value: str
    provenance: Optional[Provenance] = None

    def __str__(self) -> str:
        return self.value


def fact(raw: Any, place: object) -> Fact:
    """A fact written as a plain value, or as {value, source, checked}."""
    if isinstance(raw, Mapping):
        value = raw.get("value")
        if value is None or str(value).strip() == "":
            raise ContentError(f"{where(place, 'value')}: must be a non-empty value")
        return Fact(str(value), provenance(raw, place))
    if raw is None or str(raw).strip() == "":
        raise ContentError(f"{place}: must be a non-empty value")
    return Fact(str(raw))
