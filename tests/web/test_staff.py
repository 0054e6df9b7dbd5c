"""The front-desk helper: answer, cue and referral cards for the resident's question, phrase cards, notes."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient

from bot.storage.accounts import create_account
from bot.storage.db import make_engine
from bot.storage.migrate import upgrade
from bot.storage.referrals import add_note, open_notes
from bot.web import init_app
from bot.web.staff import localised_date
from tests.web.conftest import settings_for

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)


@pytest.fixture()
async def desk(aiohttp_client, fake_rasa, tmp_path: Path):
    fake, server = fake_rasa
    settings = settings_for(tmp_path, server.port, server.port, cookie_secure=False)
    upgrade(settings.database_url)
    engine = make_engine(settings.database_url)
    create_account(engine, "jan", "staff", "een lang wachtwoord", NOW, ["voorbeeldegem"])
    add_note(engine, NOW, "voorbeeldegem", "interpreter", "ti",
             "Tolk nodig: Tigrinya, een afspraak bij het OCMW (sociaal huis).", "h" * 32)
    client = await aiohttp_client(init_app(settings))
    page = await (await client.get("/login")).text()
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    signed_in = await client.post("/login", data={"username": "jan", "password": "een lang wachtwoord",
                                                  "csrf": csrf, "next": "/staff"}, allow_redirects=False)
    assert signed_in.headers["Location"] == "/staff"
    return client, fake, engine


async def csrf_of(client: TestClient) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', await (await client.get("/staff")).text()).group(1)


async def test_anonymous_visitors_must_sign_in(aiohttp_client, fake_rasa, tmp_path: Path) -> None:
    _, server = fake_rasa
    client = await aiohttp_client(init_app(settings_for(tmp_path, server.port, server.port)))
    response = await client.get("/staff", allow_redirects=False)
    assert response.status == 303 and response.headers["Location"].startswith("/login")


async def test_a_question_gets_the_dutch_answer_the_cue_and_referral_cards(desk) -> None:
    client, fake, _ = desk
    fake.parse_result = {"intent": {"name": "learn_dutch", "confidence": 0.97},
                         "language": {"code": "ar", "confidence": 0.95, "source": "detected"}}
    page = await (await client.post("/staff/ask", data={
        "question": "أريد تعلم اللغة الهولندية", "language": "", "csrf": await csrf_of(client)})).text()
    assert "Onderwerp: <strong>learn_dutch</strong>" in page and "(herkend)" in page
    assert 'class="msg msg-answer" lang="nl" dir="ltr"' in page
    assert 'class="msg msg-cue" lang="ar" dir="rtl"' in page
    assert "Intake en advies voor een cursus Nederlands" in page
    assert re.search(r"Nu (open tot|gesloten)", page)  # open or closed, right now
    assert fake.received[-1] == {"text": "أريد تعلم اللغة الهولندية"}


async def test_the_chosen_language_wins_over_detection(desk) -> None:
    client, fake, _ = desk
    fake.parse_result = {"intent": {"name": "waste", "confidence": 0.9},
                         "language": {"code": "nl", "confidence": 0.6, "source": "detected"}}
    page = await (await client.post("/staff/ask", data={
        "question": "afval", "language": "ti", "csrf": await csrf_of(client)})).text()
    assert 'class="msg msg-cue" lang="ti"' in page and "(herkend)" not in page


async def test_phrase_cards_are_large_in_the_residents_language_with_a_localised_date(desk) -> None:
    client, _, _ = desk
    page = await (await client.get("/staff?phrases=ar&date=2026-11-24")).text()
    assert 'class="big" lang="ar" dir="rtl"' in page
    assert "هل تريد مترجمًا؟" in page and "Wilt u een tolk?" in page
    assert localised_date(datetime(2026, 11, 24).date(), "ar") in page
    assert page.count('class="phrase"') == 6


def test_dates_are_written_in_every_language() -> None:
    day = datetime(2026, 11, 24).date()
    assert localised_date(day, "nl") == "dinsdag 24 november 2026"
    assert "ሰሉስ" in localised_date(day, "ti")
    assert localised_date(day, "kmr").startswith("sêşem")


async def test_a_staff_note_is_marked_done(desk) -> None:
    client, _, engine = desk
    page = await (await client.get("/staff")).text()
    assert "Tolk nodig: Tigrinya, een afspraak bij het OCMW (sociaal huis)." in page
    note_id = open_notes(engine, "voorbeeldegem")[0].id
    refused = await client.post(f"/staff/notes/{note_id}/done", data={"csrf": "fout"})
    assert refused.status == 403
    done = await client.post(f"/staff/notes/{note_id}/done", data={"csrf": await csrf_of(client)},
                             allow_redirects=False)
    assert done.status == 303 and open_notes(engine, "voorbeeldegem") == []


async def test_rasa_down_gives_a_clear_message(desk, monkeypatch) -> None:
    client, fake, _ = desk
    from bot.web import keys

    async def down(text):
        from bot.web.rasa_client import UpstreamError
        raise UpstreamError("down")

    monkeypatch.setattr(client.server.app[keys.RASA], "parse", down)
    response = await client.post("/staff/ask", data={"question": "afval", "csrf": await csrf_of(client)})
    assert response.status == 502 and "Probeer het zo opnieuw" in await response.text()


async def test_the_question_is_escaped_on_the_staff_page(desk) -> None:
    client, fake, _ = desk
    fake.parse_result = {"intent": {"name": "nlu_fallback", "confidence": 0.3},
                         "language": {"code": "nl", "confidence": 0.6, "source": "detected"}}
    page = await (await client.post("/staff/ask", data={
        "question": "<script>alert(1)</script>", "csrf": await csrf_of(client)})).text()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
