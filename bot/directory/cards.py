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
from bot.directory.hours import WEEKDAYS
from bot.directory.municipality import WEEKDAY_NL, hours_nl
from bot.language.languages import DEFAULT
from bot.messages import Message

MONTHS_NL = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
             "september", "oktober", "november", "december")


def _when_nl(moment: datetime) -> str:
    day = WEEKDAY_NL[WEEKDAYS[moment.weekday()]]
    return f"{day} {moment.day} {MONTHS_NL[moment.month - 1]} om {moment.hour}.{moment.minute:02d} uur"


def open_status_nl(service, now: datetime) -> str:
    """"Nu open tot 12.00 uur." or "Nu gesloten. Weer open op maandag 30 november om 9.00 uur."""
    if service.hours.appointment_only and not service.hours.weekly:
        return "U kunt er alleen op afspraak terecht."
    closes = service.hours.closes_at(now)
    if closes is not None:
        return f"Nu open tot {closes.hour}.{closes.minute:02d} uur."
    upcoming = service.hours.next_opening(now)
    if upcoming is None:
        return "Nu gesloten. Bel of mail voor een afspraak."
    return f"Nu gesloten. Weer open op {_when_nl(upcoming)}."


def languages_nl(service, names: Mapping[str, str], resident: Optional[str] = None) -> List[str]:
    """Which languages the desk speaks, and whether that includes the resident's."""
    spoken = [names.get(code, code) for code in service.languages]
    lines = [f"Talen aan de balie: {', '.join(spoken)}."]
    if resident and resident != DEFAULT:
        if resident in service.languages:
            lines.append(f"Ze spreken er ook uw taal: {names.get(resident, resident)}.")
        elif service.interpreter_possible:
            lines.append("Ze spreken uw taal niet. Vraag een tolk als u een afspraak maakt.")
    return lines


def referral_card(
    service,
    now: datetime,
    live: Optional[Availability] = None,
    names: Optional[Mapping[str, str]] = None,
    resident: Optional[str] = None,
) -> Message:
    """Who, where, when (open now or next opening), contacts, cost and languages spoken.

    `names` maps language codes to Dutch names ("ar" -> "Arabisch");
    `resident` is the resident's language, to say whether the desk speaks it.
    """
    lines: List[str] = [
        f"{service.name} ({service.organisation}).",
        f"Adres: {service.address}.",
        f"Telefoon: {service.phone}. E-mail: {service.email}.",
        f"Website: {service.url}",
        f"Openingsuren: {hours_nl(service.hours)}",
        open_status_nl(service, now),
        f"Kosten: {service.cost}.",
        *languages_nl(service, names or {}, resident),
    ]
    if live is not None:
        places = "Er zijn nog plaatsen." if live.open_places else "Er zijn nu geen vrije plaatsen."
        lines.append(places)
        if live.next_intake is not None:
            lines.append(f"De volgende intake is op {_when_nl(live.next_intake.astimezone(service.hours.tz))}.")
    if service.requested_by == "service":
        lines.append("U vraagt dit niet zelf aan. De dienst waar u een afspraak hebt, vraagt het voor u aan. "
                     "Dat is gratis voor u.")
    return Message(kind="referral", text="\n".join(lines))


def visit_card(service, extra: Sequence[str] = ()) -> Message:
    """The "prepare your visit" card, in Dutch, to show at the desk.

    `extra` lines come first, e.g. "Zeg dat u een tolk Tigrinya nodig hebt."
    """
    lines = ["Uw bezoek voorbereiden:", *extra]
    if service.bring:
        lines.append("Neem mee: " + "; ".join(service.bring) + ".")
    lines.append("Maak eerst een afspraak." if service.appointment_needed else "U hebt geen afspraak nodig.")
    lines.append("Er kan een tolk bij zijn. Vraag dat bij uw afspraak." if service.interpreter_possible
                 else "Er kan geen tolk bij zijn. Neem iemand mee die u helpt, als dat kan.")
    return Message(kind="referral", text="\n".join(lines))
