"""The service directory of a municipality (municipalities/<slug>/services.yml), checked at load time.

Every error names the file, the entry (its id, or its position) and the field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Dict, FrozenSet, List, Mapping, Optional, Sequence, Tuple

from bot.content.reader import ContentError, read_mapping
from bot.directory.hours import OpeningHours
from bot.language.languages import SUPPORTED

# interpreting: social interpreters; nt2_intake: the Huis van het Nederlands
# (intake and advice); nt2: Dutch courses (CVO); basic_education: the Centrum
# voor Basiseducatie; practice: conversation tables and other practice.
KINDS = frozenset({
    "interpreting", "nt2_intake", "nt2", "basic_education", "practice",
    "civic_integration", "welcome", "buddy",
})
# The service kinds each referral topic refers to, in the order they are shown.
TOPIC_KINDS = {
    "interpreter": ("interpreting",),
    "learn_dutch": ("nt2_intake", "nt2", "basic_education", "practice"),
    "civic_integration": ("civic_integration",),
    "welcome_newcomer": ("welcome", "buddy"),
}
LEVELS = frozenset({"beginner", "some"})
FORMATS = frozenset({"day", "evening", "weekend", "online"})
REQUESTERS = frozenset({"resident", "service"})
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{1,63}$")
_POSTCODE = re.compile(r"^[1-9]\d{3}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$")
_URL = re.compile(r"^https?://\S+$")
REQUIRED = (
    "id", "name", "organisation", "kind", "address", "phone", "email", "url", "hours",
    "languages", "cost", "postcodes", "requested_by", "bring", "appointment_needed",
    "interpreter_possible",
)


@dataclass(frozen=True)
class Service:
    id: str
    name: str
    organisation: str
    kind: str
    address: str
    phone: str
    email: str
    url: str
    hours: OpeningHours
    languages: Tuple[str, ...]
    cost: str
    postcodes: Optional[Tuple[str, ...]]  # None: every postcode
    requested_by: str
    bring: Tuple[str, ...]
    appointment_needed: bool
    interpreter_possible: bool
    levels: Tuple[str, ...] = ()
    formats: Tuple[str, ...] = ()
    availability_url: Optional[str] = None

    def serves(self, postcode: Optional[str]) -> bool:
        return self.postcodes is None or postcode is None or postcode in self.postcodes

    def is_open(self, at: datetime) -> bool:
        return self.hours.is_open(at)


class _Entry:
    """Reads the fields of one entry, raising errors that say where."""

    def __init__(self, data: Any, where: str) -> None:
        if not isinstance(data, dict):
            raise ContentError(f"{where}: must be a mapping of fields")
        self.data, self.where = data, where

    def fail(self, field: str, problem: str) -> ContentError:
        return ContentError(f"{self.where}, field '{field}': {problem}")

    def text(self, field: str, pattern: Optional["re.Pattern[str]"] = None) -> str:
        value = self.data.get(field)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(field, "must be a non-empty text")
        if pattern is not None and not pattern.match(value):
            raise self.fail(field, f"'{value}' has the wrong form")
        return value.strip()

    def flag(self, field: str) -> bool:
        value = self.data.get(field)
        if not isinstance(value, bool):
            raise self.fail(field, "must be true or false")
        return value

    def choice(self, field: str, allowed: FrozenSet[str]) -> str:
        value = self.data.get(field)
        if value not in allowed or not isinstance(value, str):
            raise self.fail(field, f"'{value}' is not one of {', '.join(sorted(allowed))}")
        return value

    def choices(self, field: str, allowed: FrozenSet[str], required: bool = True) -> Tuple[str, ...]:
        value = self.data.get(field, [] if not required else None)
        if not isinstance(value, list) or (required and not value):
            raise self.fail(field, "must be a non-empty list" if required else "must be a list")
        wrong = [v for v in value if v not in allowed]
        if wrong:
            raise self.fail(field, f"unknown value(s) {', '.join(map(str, wrong))}")
        return tuple(value)


def _service(data: Any, path: Path, index: int) -> Service:
    entry = _Entry(data, f"{path}: entry #{index}")
    missing = [f for f in REQUIRED if f not in entry.data]
    if missing:
        raise entry.fail(missing[0], "is missing")
    ident = entry.text("id", _ID)
    entry.where = f"{path}: entry '{ident}'"
    kind = entry.choice("kind", KINDS)
    if not isinstance(entry.data["hours"], dict):
        raise entry.fail("hours", "must be a mapping with weekly, appointment_only and closed")
    try:
        hours = OpeningHours.from_config(entry.data["hours"])
    except ContentError as exc:
        raise entry.fail("hours", str(exc)) from None
    postcodes_raw = entry.data["postcodes"]
    if postcodes_raw == "all":
        postcodes: Optional[Tuple[str, ...]] = None
    elif isinstance(postcodes_raw, list) and postcodes_raw and all(
        isinstance(p, str) and _POSTCODE.match(p) for p in postcodes_raw
    ):
        postcodes = tuple(postcodes_raw)
    else:
        raise entry.fail("postcodes", "must be 'all' or a list of Belgian postcodes like \"9000\"")
    bring = entry.data["bring"]
    if not isinstance(bring, list) or not all(isinstance(b, str) and b.strip() for b in bring):
        raise entry.fail("bring", "must be a list of texts")
    teaching = kind in ("nt2", "basic_education")
    availability = entry.data.get("availability_url")
    if availability is not None and not (isinstance(availability, str) and _URL.match(availability)):
        raise entry.fail("availability_url", "must be an http(s) URL or null")
    return Service(
        id=ident,
        name=entry.text("name"),
        organisation=entry.text("organisation"),
        kind=kind,
        address=entry.text("address"),
        phone=entry.text("phone"),
        email=entry.text("email", _EMAIL),
        url=entry.text("url", _URL),
        hours=hours,
        languages=entry.choices("languages", SUPPORTED),
        cost=entry.text("cost"),
        postcodes=postcodes,
        requested_by=entry.choice("requested_by", REQUESTERS),
        bring=tuple(b.strip() for b in bring),
        appointment_needed=entry.flag("appointment_needed"),
        interpreter_possible=entry.flag("interpreter_possible"),
        levels=entry.choices("levels", LEVELS, required=teaching),
        formats=entry.choices("formats", FORMATS, required=teaching or kind == "practice"),
        availability_url=availability,
    )


def load_services(path: Path) -> Dict[str, Service]:
    """All services of one services.yml, by id."""
    data = read_mapping(path)
    if not isinstance(data.get("services"), list):
        raise ContentError(f"{path}: must contain a list 'services'")
    services: Dict[str, Service] = {}
    for index, raw in enumerate(data["services"]):
        service = _service(raw, path, index + 1)
        if service.id in services:
            raise ContentError(f"{path}: entry '{service.id}', field 'id': used twice")
        services[service.id] = service
    return services


def find(
    services: Mapping[str, Service],
    kinds: Sequence[str],
    postcode: Optional[str] = None,
    level: Optional[str] = None,
    fmt: Optional[str] = None,
) -> List[Service]:
    """Services of these kinds that serve the postcode and match level and format."""
    return [
        s for s in services.values()
        if s.kind in kinds and s.serves(postcode)
        and (level is None or not s.levels or level in s.levels)
        and (fmt is None or not s.formats or fmt in s.formats)
    ]
