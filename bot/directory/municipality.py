"""Load and check municipalities/<slug>/: the profile (name, contacts, hours) and its services."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional

from bot.content.reader import ContentError, Fact, fact, read_mapping, require
from bot.directory.hours import OpeningHours
from bot.directory.services import Service, load_services
from bot.directory.wording import Wording, wording

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
CONTACT_FIELDS = ("name", "address", "phone", "email", "hours")
# Rules that differ per municipality, each optional in profile.yml `local_rules` and written
# as {value, source, checked}: the figure as residents read it, the municipality's own page, the date.
LOCAL_RULES = ("dog_tax", "resident_parking_card", "nationality_fee_surcharge")


@dataclass(frozen=True)
class Contact:
    name: str
    address: str
    phone: str
    email: str
    hours: OpeningHours



@dataclass(frozen=True)
class Municipality:
    slug: str
    name: str
    fictional: bool
    timezone: str
    website: str
    contacts: Mapping[str, Contact] = field(default_factory=dict)
    # The service directory (services.yml), by service id; empty without one.
    services: Mapping[str, Service] = field(default_factory=dict)
    # Prices that differ per municipality (`fees` in profile.yml), as answers write them: {fees.eid}.
    fees: Mapping[str, str] = field(default_factory=dict)
    # Rules that differ per municipality (`local_rules` in profile.yml, names in LOCAL_RULES),
    # each with its own source and checked date; an answer uses them as {local.dog_tax}.
    local_rules: Mapping[str, Fact] = field(default_factory=dict)

    def facts(self, words: Optional[Wording] = None) -> Dict[str, Any]:
        """The values answers may use as {placeholders} (opening hours written with `words`)."""
        words = words or wording()
        facts: Dict[str, Any] = {
            "municipality": {"name": self.name, "website": self.website},
            "fees": dict(self.fees),
            "local": {key: rule.value for key, rule in self.local_rules.items()},
        }
        for key, contact in self.contacts.items():
            facts[key] = {
                "name": contact.name,
                "address": contact.address,
                "phone": contact.phone,
                "email": contact.email,
                "hours": words.hours(contact.hours),
            }
        return facts


def _contact(data: Any, where: str) -> Contact:
    if not isinstance(data, dict):
        raise ContentError(f"{where}: must be a mapping with {', '.join(CONTACT_FIELDS)}")
    hours_raw = require(data, "hours", where)
    if not isinstance(hours_raw, dict):
        raise ContentError(f"{where}.hours: must map weekdays (mon..sun) to ranges")
    try:
        hours = OpeningHours.from_config({"weekly": hours_raw})
    except ContentError as exc:
        raise ContentError(f"{where}.hours: {exc}") from None
    return Contact(
        name=str(require(data, "name", where)),
        address=str(require(data, "address", where)),
        phone=str(require(data, "phone", where)),
        email=str(require(data, "email", where)),
        hours=hours,
    )


def load_profile(path: Path) -> Municipality:
    """Load one profile.yml; errors name the file and the field."""
    where = str(path)
    data = read_mapping(path)
    slug = str(require(data, "slug", where))
    if not _SLUG.match(slug) or slug != path.parent.name:
        raise ContentError(f"{where}: slug '{slug}' must match its folder name '{path.parent.name}'")
    contacts_raw = require(data, "contacts", where)
    if not isinstance(contacts_raw, dict) or "town_hall" not in contacts_raw:
        raise ContentError(f"{where}: contacts must contain 'town_hall'")
    contacts = {
        key: _contact(value, f"{where}: contacts.{key}") for key, value in contacts_raw.items()
    }
    services_path = path.parent / "services.yml"
    return Municipality(
        services=load_services(services_path) if services_path.exists() else {},
        slug=slug,
        name=str(require(data, "name", where)),
        fictional=bool(data.get("fictional", False)),
        timezone=str(data.get("timezone", "Europe/Brussels")),
        website=str(require(data, "website", where)),
        contacts=contacts,
        fees=_fees(data.get("fees"), where),
        local_rules=_local_rules(data.get("local_rules"), where),
    )


def _fees(raw: Any, where: str) -> Dict[str, str]:
    """`fees`: a price name mapped to the price as residents read it ("20 euro")."""
    if raw is None:
        return {}
    if not isinstance(raw, dict) or not all(isinstance(v, (str, int, float)) and str(v).strip() for v in raw.values()):
        raise ContentError(f"{where}: fees must map price names to prices (\"20 euro\")")
    return {str(key): str(value).strip() for key, value in raw.items()}


def _local_rules(raw: Any, where: str) -> Dict[str, Fact]:
    """`local_rules`: a name of LOCAL_RULES mapped to {value, source, checked}; an empty rule is left out."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise ContentError(f"{where}, field 'local_rules': must map rule names to {{value, source, checked}}")
    rules: Dict[str, Fact] = {}
    for key, value in raw.items():
        place = f"{where}, field 'local_rules.{key}'"
        if key not in LOCAL_RULES:
            raise ContentError(f"{place}: unknown rule (known: {', '.join(LOCAL_RULES)})")
        if value is None:
            continue
        if not isinstance(value, dict):
            raise ContentError(f"{place}: must be {{value, source, checked}}, the municipality's own page and a date")
        rule = fact(value, place)
        if rule.provenance is None:
            raise ContentError(f"{place}: needs 'source' (the municipality's own page) and 'checked' (a date)")
        rules[str(key)] = rule
    return rules


def load_municipalities(root: Path) -> Dict[str, Municipality]:
    """All municipalities under `root` (municipalities/), by slug."""
    profiles: List[Path] = sorted(Path(root).glob("*/profile.yml"))
    if not profiles:
        raise ContentError(f"{root}: no municipality profiles (expected <slug>/profile.yml)")
    return {m.slug: m for m in (load_profile(p) for p in profiles)}
