"""Referral cards tell the resident where, when and what to bring, in plain Dutch."""

from __future__ import annotations

from datetime import datetime

from bot.directory.availability import Availability
from bot.directory.cards import referral_card, visit_card
from bot.directory.hours import BRUSSELS
from bot.directory.services import load_services


def services(project_root):
    return load_services(project_root / "municipalities" / "voorbeeldegem" / "services.yml")


def test_a_card_has_contacts_hours_and_whether_it_is_open(project_root) -> None:
    service = services(project_root)["huis-nl"]
    sunday = datetime(2026, 11, 29, 10, 0, tzinfo=BRUSSELS)
    card = referral_card(service, sunday)
    assert card.kind == "referral" and card.lang == "nl"
    assert service.phone in card.text and service.address in card.text
    # Voorbeeldegem's Huis van het Nederlands opens on Tuesday 09:00-12:00.
    assert "Nu gesloten. Weer open op dinsdag 1 december om 9.00 uur." in card.text
    tuesday = datetime(2026, 12, 1, 10, 0, tzinfo=BRUSSELS)
    assert "Nu open tot 12.00 uur." in referral_card(service, tuesday).text


def test_live_availability_is_shown_when_there_is_some(project_root) -> None:
    service = services(project_root)["huis-nl"]
    live = Availability(open_places=0, next_intake=datetime(2026, 12, 1, 8, 0, tzinfo=BRUSSELS))
    text = referral_card(service, datetime(2026, 11, 23, 10, 0, tzinfo=BRUSSELS), live).text
    assert "geen vrije plaatsen" in text and "dinsdag 1 december om 8.00 uur" in text


def test_interpreting_says_the_service_requests_it_for_free(project_root) -> None:
    interpreting = [s for s in services(project_root).values() if s.kind == "interpreting"][0]
    text = referral_card(interpreting, datetime(2026, 11, 23, 10, 0, tzinfo=BRUSSELS)).text
    assert "vraagt het voor u aan" in text and "gratis" in text


def test_the_visit_card_says_what_to_bring_and_about_appointments_and_interpreters(project_root) -> None:
    service = services(project_root)["huis-nl"]
    card = visit_card(service).text
    assert card.startswith("Uw bezoek voorbereiden:")
    assert all(item in card for item in service.bring)
    assert ("Maak eerst een afspraak." in card) == service.appointment_needed
    assert ("Er kan een tolk bij zijn" in card) == service.interpreter_possible
