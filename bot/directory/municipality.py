"""Load and check municipalities/<slug>/profile.yml: name, contacts and opening hours."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Mapping, Tuple

import yaml

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEKDAY_NL = {
    "mon": "maandag",
    "tue": "dinsdag",
    "wed": "woensdag",
    "thu": "donderdag",
    "fri": "vrijdag",
    "sat": "zaterdag",
    "sun": "zondag",
}
_RANGE = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
CONTACT_FIELDS = ("name", "address", "phone", "email", "hours")


class MunicipalityError(ValueError):
    """A profile is missing a field or has a wrong value; the message names file and field."""


@dataclass(frozen=True)
class Contact:
    name: str
    address: str
    phone: str
    email: str
    hours: Mapping[str, Tuple[str, ...]]

    def hours_nl(self) -> str:
        """Opening hours as short Dutch sentences: "Maandag: 9.00 tot 12.00 uur. ..."."""
        parts = []
        for day in WEEKDAYS:
            ranges = self.hours.get(day)
            if not ranges:
                continue
            spans = " en ".join(_range_nl(r) for r in ranges)
            parts.append(f"{WEEKDAY_NL[day].capitalize()}: {spans}.")
        return " ".join(parts) if parts else "Alleen op afspraak."


def _range_nl(span: str) -> str:
    start, end = span.split("-")
    return f"{_time_nl(start)} tot {_time_nl(end)} uur"


def _time_nl(hhmm: str) -> str:
    hours, minutes = hhmm.split(":")
    return f"{int(hours)}.{minutes}"


@dataclass(frozen=True)
class Municipality:
    slug: str
    name: str
    fictional: bool
    timezone: str
    website: str
    contacts: Mapping[str, Contact] = field(default_factory=dict)

    def facts(self) -> Dict[str, Any]:
        """The values answers may use as {placeholders}."""
        facts: Dict[str, Any] = {
            "municipality": {"name": self.name, "website": self.website}
        }
        for key, contact in self.contacts.items():
            facts[key] = {
                "name": contact.name,
                "address": contact.address,
                "phone": contact.phone,
                "email": contact.email,
                "hours": contact.hours_nl(),
            }
        return facts


def _require(data: Mapping[str, Any], key: str, where: str) -> Any:
    if key not in data or data[key] in (None, ""):
        raise MunicipalityError(f"{where}: missing field '{key}'")
    return data[key]


def _contact(data: Any, where: str) -> Contact:
    if not isinstance(data, dict):
        raise MunicipalityError(f"{where}: must be a mapping with {', '.join(CONTACT_FIELDS)}")
    hours_raw = _require(data, "hours", where)
    if not isinstance(hours_raw, dict):
        raise MunicipalityError(f"{where}.hours: must map weekdays (mon..sun) to ranges")
    hours: Dict[str, Tuple[str, ...]] = {}
    for day, ranges in hours_raw.items():
        if day not in WEEKDAYS:
            raise MunicipalityError(f"{where}.hours: unknown weekday '{day}' (use mon..sun)")
        if not isinstance(ranges, list) or not ranges:
            raise MunicipalityError(f"{where}.hours.{day}: must be a list like [\"09:00-12:00\"]")
        for span in ranges:
            match = _RANGE.match(str(span))
            if not match or span.split("-")[0] >= span.split("-")[1]:
                raise MunicipalityError(f"{where}.hours.{day}: '{span}' is not a range like 09:00-12:00")
        hours[day] = tuple(ranges)
    return Contact(
        name=str(_require(data, "name", where)),
        address=str(_require(data, "address", where)),
        phone=str(_require(data, "phone", where)),
        email=str(_require(data, "email", where)),
        hours=hours,
    )


def load_profile(path: Path) -> Municipality:
    """Load one profile.yml; errors name the file and the field."""
    where = str(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise MunicipalityError(f"{where}: not valid YAML ({exc})") from None
    if not isinstance(data, dict):
        raise MunicipalityError(f"{where}: must be a mapping")
    slug = str(_require(data, "slug", where))
    if not _SLUG.match(slug) or slug != path.parent.name:
        raise MunicipalityError(f"{where}: slug '{slug}' must match its folder name '{path.parent.name}'")
    contacts_raw = _require(data, "contacts", where)
    if not isinstance(contacts_raw, dict) or "town_hall" not in contacts_raw:
        raise MunicipalityError(f"{where}: contacts must contain 'town_hall'")
    contacts = {
        key: _contact(value, f"{where}: contacts.{key}") for key, value in contacts_raw.items()
    }
    return Municipality(
        slug=slug,
        name=str(_require(data, "name", where)),
        fictional=bool(data.get("fictional", False)),
        timezone=str(data.get("timezone", "Europe/Brussels")),
        website=str(_require(data, "website", where)),
        contacts=contacts,
    )


def load_municipalities(root: Path) -> Dict[str, Municipality]:
    """All municipalities under `root` (municipalities/), by slug."""
    profiles: List[Path] = sorted(Path(root).glob("*/profile.yml"))
    if not profiles:
        raise MunicipalityError(f"{root}: no municipality profiles (expected <slug>/profile.yml)")
    return {m.slug: m for m in (load_profile(p) for p in profiles)}
