"""Referral cards: a service from the directory as plain Dutch, ready to show at the desk.

`referral_card()` gives who, where, when (open now or the next opening, in
Europe/Brussels time), how to reach them and whether live availability says
there are places. `visit_card()` is the "prepare your visit" card: what to
bring, whether an appointment is needed, whether an interpreter can be there.
"""

from __future__ import annotations

from datetime import datetime
from typing import List, Mapping, Optional, Sequence

from bot.directory.availability import Availability
from bot.directory.services import Service
from bot.directory.wording import Wording, wording
from bot.language.languages import DEFAULT
from bot.messages import Message


def open_status_nl(service: Service, now: datetime, words: Optional[Wording] = None) -> str:
    """"Nu open tot 12.00 uur." or "Nu gesloten. Weer open op maandag 30 november om 9.00 uur."""
    words = words or wording()
    if service.hours.appointment_only and not service.hours.weekly:
        return words.line("status", "appointment_only")
    closes = service.hours.closes_at(now)
    if closes is not None:
        return words.line("status", "open_until", time=words.time(closes.time()))
    upcoming = service.hours.next_opening(now)
    if upcoming is None:
        return words.line("status", "closed_no_hours")
    return words.line("status", "closed_until", when=words.moment(upcoming))


def languages_nl(
    service: Service, names: Mapping[str, str], resident: Optional[str] = None, words: Optional[Wording] = None
) -> List[str]:
    """Which languages the desk speaks, and whether that includes the resident's."""
    words = words or wording()
    spoken = [names.get(code, code) for code in service.languages]
    lines = [words.line("referral", "languages", languages=", ".join(spoken))]
    if resident and resident != DEFAULT:
        if resident in service.languages:
            lines.append(words.line("referral", "speaks_yours", language=names.get(resident, resident)))
        elif service.interpreter_possible:
            lines.append(words.line("referral", "ask_interpreter"))
    return lines


def referral_card(
    service: Service,
    now: datetime,
    live: Optional[Availability] = None,
    names: Optional[Mapping[str, str]] = None,
    resident: Optional[str] = None,
    words: Optional[Wording] = None,
) -> Message:
    """Who, where, when (open now or next opening), contacts, cost and languages spoken.

    `names` maps language codes to Dutch names ("ar" -> "Arabisch");
    `resident` is the resident's language, to say whether the desk speaks it.
    """
    words = words or wording()
    line = words.line
    lines: List[str] = [
        line("referral", "who", name=service.name, organisation=service.organisation),
        line("referral", "address", address=service.address),
        line("referral", "contact", phone=service.phone, email=service.email),
        line("referral", "website", url=service.url),
        line("referral", "hours", hours=words.hours(service.hours)),
        open_status_nl(service, now, words),
        line("referral", "cost", cost=service.cost),
        *languages_nl(service, names or {}, resident, words),
    ]
    if live is not None:
        lines.append(line("referral", "places" if live.open_places else "no_places"))
        if live.next_intake is not None:
            when = words.moment(live.next_intake.astimezone(service.hours.tz))
            lines.append(line("referral", "next_intake", when=when))
    if service.requested_by == "service":
        lines.append(line("referral", "requested_by_service"))
    return Message(kind="referral", text="\n".join(lines))


def visit_card(service: Service, extra: Sequence[str] = (), words: Optional[Wording] = None) -> Message:
    """The "prepare your visit" card, in Dutch, to show at the desk.

    `extra` lines come first, e.g. "Zeg dat u een tolk Tigrinya nodig hebt."
    """
    words = words or wording()
    lines = [words.line("visit", "title"), *extra]
    if service.bring:
        lines.append(words.line("visit", "bring", items="; ".join(service.bring)))
    lines.append(words.line("visit", "appointment" if service.appointment_needed else "no_appointment"))
    lines.append(words.line("visit", "interpreter" if service.interpreter_possible else "no_interpreter"))
    return Message(kind="referral", text="\n".join(lines))
