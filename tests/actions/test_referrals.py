"""Referrals leave the resident with a concrete next step, and leave the desk and the indicators a trace."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Any, Dict, List, Tuple

import pytest
from aiohttp import web
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import text as text_sql

from actions import context
from actions.integration import ActionReferCivicIntegration, ActionReferWelcomeNewcomer
from actions.interpreter import ActionReferInterpreter
from actions.learn_dutch import ActionReferLearnDutch
from bot.directory.hours import BRUSSELS
from bot.privacy import conversation_hash
from bot.storage.db import make_engine
from bot.storage.referrals import open_notes, referral_totals
from tests.actions.trackers import domain, lang, sent, tracker

TUESDAY_10H = datetime(2026, 11, 24, 10, 0, tzinfo=BRUSSELS)  # Huis van het Nederlands open 9-12


@pytest.fixture(autouse=True)
def tuesday_morning(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(context, "now", lambda timezone: TUESDAY_10H)


async def run(action, track) -> Tuple[List[Dict[str, Any]], List[Dict[str, Any]]]:
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, track, domain())
    return sent(dispatcher), events


def kinds(messages: List[Dict[str, Any]]) -> List[str]:
    return [m["kind"] for m in messages]


def with_live(monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    """Voorbeeldegem, with the Huis van het Nederlands' availability at `url`."""
    town = context.content().municipalities["voorbeeldegem"]
    services = dict(town.services)
    services["huis-nl"] = dataclasses.replace(services["huis-nl"], availability_url=url)
    patched = dataclasses.replace(town, services=services)
    monkeypatch.setattr(context, "municipality", lambda tracker: patched)


def learn_dutch(language: str, level: str, when: str, postcode: str, **kwargs: Any):
    return tracker('/learn_dutch{"postcode": "%s"}' % postcode, "learn_dutch", language=lang(language),
                   slots={"nt2_level": level, "nt2_when": when, "postcode": postcode}, **kwargs)


async def test_learn_dutch_gives_intake_courses_practice_and_a_visit_card(database_url: str) -> None:
    messages, events = await run(ActionReferLearnDutch(), learn_dutch("ar", "some", "evening", "9999"))
    assert kinds(messages)[:3] == ["answer", "cue", "referral"]
    assert messages[1]["lang"] == "ar" and messages[1]["dir"] == "rtl"
    text = "\n".join(m["text"] for m in messages if m["kind"] == "referral")
    assert "U zoekt lessen 's avonds. U spreekt al een beetje Nederlands." in text
    # The intake: where, phone, hours, open now, what to bring, languages spoken.
    assert "Intake en advies voor een cursus Nederlands (Huis van het Nederlands)." in text
    assert "Telefoon: 09 000 00 32." in text and "Dinsdag: 9.00 tot 12.00 uur." in text
    assert "Nu open tot 12.00 uur." in text
    assert "Ze spreken er ook uw taal: Arabisch." in text
    # An evening course for someone with some Dutch; the daytime literacy course is not.
    assert "Cursus Nederlands als tweede taal (NT2)" in text and "Leren lezen en schrijven" not in text
    assert "Taalcafé" in text  # practice in the evening
    visit = [m for m in messages if m["text"].startswith("Uw bezoek voorbereiden:")]
    assert visit and "uw identiteitskaart of verblijfskaart" in visit[0]["text"]
    assert messages[-1]["kind"] == "cue" and messages[-1]["lang"] == "ar"
    assert all(m["topic"] == "learn_dutch" for m in messages)
    assert SlotSet("nt2_level", None) in events and SlotSet("nt2_when", None) in events
    totals = referral_totals(make_engine(database_url))
    assert totals == {("huis-nl", "ar"): 1, ("cvo-nt2", "ar"): 1, ("taalcafe", "ar"): 1}


async def test_a_beginner_in_the_daytime_is_sent_to_basic_education_too(database_url: str) -> None:
    messages, _ = await run(ActionReferLearnDutch(), learn_dutch("ti", "beginner", "day", "9999"))
    text = "\n".join(m["text"] for m in messages)
    assert "Leren lezen en schrijven in het Nederlands (Centrum voor Basiseducatie)" in text
    assert "Ze spreken uw taal niet. Vraag een tolk als u een afspraak maakt." in text


async def test_a_postcode_elsewhere_is_said_and_the_local_intake_still_given(database_url: str) -> None:
    messages, _ = await run(ActionReferLearnDutch(), learn_dutch("en", "some", "online", "1000"))
    text = "\n".join(m["text"] for m in messages)
    assert "Voor postcode 1000 heeft Voorbeeldegem geen eigen plek." in text
    assert "Huis van het Nederlands" in text and "Online Nederlands oefenen" in text or "online" in text


async def test_live_places_are_shown_when_the_service_answers(database_url, monkeypatch, aiohttp_server) -> None:
    app = web.Application()

    async def places(request: web.Request) -> web.Response:
        return web.json_response({"open_places": 3, "next_intake": "2026-12-01T09:00:00+01:00"})

    app.router.add_get("/availability/huis-nl", places)
    server = await aiohttp_server(app)
    with_live(monkeypatch, str(server.make_url("/availability/huis-nl")))
    messages, _ = await run(ActionReferLearnDutch(), learn_dutch("nl", "some", "evening", "9999"))
    text = "\n".join(m["text"] for m in messages)
    assert "Er zijn nog plaatsen." in text and "De volgende intake is op dinsdag 1 december om 9.00 uur." in text


async def test_without_live_data_the_directory_is_used(database_url, monkeypatch, aiohttp_server) -> None:
    app = web.Application()

    async def garbage(request: web.Request) -> web.Response:
        return web.Response(text="<html>onderhoud</html>", content_type="text/html")

    app.router.add_get("/availability/huis-nl", garbage)
    server = await aiohttp_server(app)
    with_live(monkeypatch, str(server.make_url("/availability/huis-nl")))
    messages, _ = await run(ActionReferLearnDutch(), learn_dutch("nl", "some", "evening", "9999"))
    text = "\n".join(m["text"] for m in messages)
    assert "plaatsen" not in text and "Nu open tot 12.00 uur." in text


async def test_interpreter_explains_who_requests_it_and_notes_it_for_the_desk(database_url: str) -> None:
    track = tracker('/interpreter{"interpreter_language": "ti"}', "interpreter", language=lang("ti"),
                    slots={"interpreter_service": "social_house", "interpreter_language": "ti"},
                    sender="widget-conversation-42")
    messages, events = await run(ActionReferInterpreter(), track)
    text = "\n".join(m["text"] for m in messages if m["lang"] == "nl")
    assert "U hebt een tolk Tigrinya nodig voor een afspraak bij het OCMW (sociaal huis)." in text
    assert "De dienst van uw afspraak vraagt de tolk aan. Dat is gratis voor u." in text
    assert "Sociaal tolken en vertalen (Agentschap Integratie en Inburgering)." in text
    assert "Zeg aan de balie: ik heb een tolk Tigrinya nodig." in text
    assert [m["lang"] for m in messages if m["kind"] == "cue"] == ["ti", "ti", "ti"]
    notes = open_notes(make_engine(database_url), "voorbeeldegem")
    assert [n.text for n in notes] == ["Tolk nodig: Tigrinya, een afspraak bij het OCMW (sociaal huis)."]
    assert notes[0].language == "ti"
    with make_engine(database_url).connect() as connection:
        stored = connection.execute(text_sql("SELECT conversation FROM staff_note")).scalar_one()
    assert stored == conversation_hash("widget-conversation-42", "test-salt")
    assert SlotSet("interpreter_service", None) in events


async def test_an_interpreter_for_another_language_is_noted_by_name(database_url: str) -> None:
    track = tracker("Dari", "nlu_fallback", language=lang("fa"),
                    slots={"interpreter_service": "school", "interpreter_language": "Dari"})
    await run(ActionReferInterpreter(), track)
    note = open_notes(make_engine(database_url), "voorbeeldegem")[0]
    assert note.text == "Tolk nodig: Dari, een gesprek op school." and note.language == "other"


async def test_the_widgets_municipality_is_used(database_url: str) -> None:
    track = tracker("uyum kursu zorunlu mu", "civic_integration", language=lang("tr"),
                    metadata={"municipality": "rivierbeke"})
    messages, events = await run(ActionReferCivicIntegration(), track)
    text = "\n".join(m["text"] for m in messages)
    assert "Rivierbeke" in text and "Voorbeeldegem" not in text
    assert "Meld u dan binnen drie maanden aan bij" in text and "Wat zijn de volgende stappen?" in text
    assert SlotSet("municipality", "rivierbeke") in events


async def test_welcome_shows_the_welcome_desk_and_the_buddy_project(database_url: str) -> None:
    messages, _ = await run(ActionReferWelcomeNewcomer(),
                            tracker("we just arrived", "welcome_newcomer", language=lang("en")))
    cards = [m["text"] for m in messages if m["kind"] == "referral"]
    assert any(c.startswith("Welkomstloket voor nieuwe inwoners") for c in cards)
    assert any(c.startswith("Buddy voor nieuwkomers") for c in cards)
    assert any(c.startswith("Uw bezoek voorbereiden:") for c in cards)
    totals = referral_totals(make_engine(context.settings().database_url))
    assert totals == {("welkomstloket", "en"): 1, ("buddy-project", "en"): 1}


async def test_a_database_outage_never_blocks_a_referral(database_url, monkeypatch, tmp_path) -> None:
    unmigrated = make_engine(f"sqlite:///{tmp_path / 'no-tables.db'}")  # every write fails
    monkeypatch.setattr(context, "engine", lambda: unmigrated)
    track = tracker("tolk", "interpreter", slots={"interpreter_service": "school", "interpreter_language": "ar"})
    messages, _ = await run(ActionReferInterpreter(), track)
    assert any("tolk Arabisch" in m["text"] for m in messages)
    assert any(m["text"].startswith("Uw bezoek voorbereiden:") for m in messages)
