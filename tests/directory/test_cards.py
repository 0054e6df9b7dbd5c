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


def test_a_card_names_the_desk_languages_and_whether_the_resident_is_understood(project_root) -> None:
    service = services(project_root)["huis-nl"]  # spoken: nl fr en ar tr ru fa
    names = {"nl": "Nederlands", "fr": "Frans", "en": "Engels", "ar": "Arabisch", "tr": "Turks",
             "ru": "Russisch", "fa": "Perzisch", "ti": "Tigrinya"}
    monday = datetime(2026, 11, 23, 10, 0, tzinfo=BRUSSELS)
    arabic = referral_card(service, monday, names=names, resident="ar").text
    assert "Talen aan de balie: Nederlands, Frans, Engels, Arabisch, Turks, Russisch, Perzisch." in arabic
    assert "Ze spreken er ook uw taal: Arabisch." in arabic
    tigrinya = referral_card(service, monday, names=names, resident="ti").text
    assert "Ze spreken uw taal niet. Vraag een tolk" in tigrinya
    dutch = referral_card(service, monday, names=names, resident="nl").text
    assert "uw taal" not in dutch


def test_extra_visit_lines_come_first(project_root) -> None:
    card = visit_card(services(project_root)["huis-nl"], ["Zeg dat u een tolk Tigrinya nodig hebt."]).text
    assert card.splitlines()[1] == "Zeg dat u een tolk Tigrinya nodig hebt."


def test_closing_time_holidays_and_the_clock_change_on_the_card(project_root) -> None:
    service = services(project_root)["huis-nl"]  # tue 9-12, wed 16-19, thu 13.30-16.30
    assert "Nu open tot 12.00 uur." in referral_card(service, datetime(2026, 12, 1, 11, 59, tzinfo=BRUSSELS)).text
    at_noon = referral_card(service, datetime(2026, 12, 1, 12, 0, tzinfo=BRUSSELS)).text
    assert "Nu gesloten. Weer open op woensdag 2 december om 16.00 uur." in at_noon
    # 11 November is a closed day: Wednesday's hours are skipped.
    armistice = referral_card(service, datetime(2026, 11, 11, 15, 0, tzinfo=BRUSSELS)).text
    assert "Weer open op donderdag 12 november om 13.30 uur." in armistice
    # Sunday 25 October 2026 the clocks go back; Tuesday still opens at 9.00 local time.
    autumn = referral_card(service, datetime(2026, 10, 25, 2, 30, tzinfo=BRUSSELS)).text
    assert "Weer open op dinsdag 27 oktober om 9.00 uur." in autumn
