"""The front-desk helper: answer, cue and referral cards for the resident's question, phrase cards, notes."""

from __future__ import annotations

import re
from datetime import datetime, time, timezone
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient
from markupsafe import escape
from sqlalchemy import text

from bot.storage.accounts import create_account
from bot.storage.db import make_engine
from bot.storage.migrate import upgrade
from bot.storage.referrals import add_note, open_notes
from bot.web import init_app, keys
from bot.web.staff import localised_date, localised_moment
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


async def test_the_answer_shows_where_its_rules_come_from_and_when_they_were_checked(desk) -> None:
    client, fake, _ = desk
    fake.parse_result = {"intent": {"name": "discrimination", "confidence": 0.93},
                         "language": {"code": "tr", "confidence": 0.9, "source": "detected"}}
    page = await (await client.post("/staff/ask", data={
        "question": "ev sahibi bana ev vermedi", "language": "", "csrf": await csrf_of(client)})).text()
    facts = client.app[keys.CONTENT].answers["discrimination"].provenance
    assert f"Bron (nagekeken op {localised_date(facts.checked, 'nl')}):" in page
    assert '<a href="https://www.unia.be/nl/faq/is-unia-actief-in-vlaanderen"' in page
    assert "vlaamsmensenrechteninstituut.be" in page


async def test_the_desk_shows_the_sub_answer_that_fits_the_question_with_its_own_sources(desk) -> None:
    client, fake, _ = desk
    fake.parse_result = {"intent": {"name": "id_card", "confidence": 0.95},
                         "sub_answer": {"topic": "id_card", "name": "pin_puk", "confidence": 0.8},
                         "language": {"code": "pl", "confidence": 0.9, "source": "detected"}}
    page = await (await client.post("/staff/ask", data={
        "question": "zapomniałem kodu pin", "language": "", "csrf": await csrf_of(client)})).text()
    assert 'Onderwerp: <strong>id_card</strong>, deelantwoord <strong class="sub-answer">pin_puk</strong>' in page
    assert "Uw kaart heeft twee geheime codes" in page and "Bel dan meteen DOC STOP" not in page
    assert "Zapomniany PIN, dowód zablokowany" in page  # the sub-answer's own Polish cue
    assert '<a href="https://www.wingene.be/nieuwe-pinpuk-code-aanvragen"' in page
    assert "politie.be" not in page  # the general answer's DOC STOP page is not this answer's source


async def test_a_sub_answer_the_topic_does_not_have_gives_the_general_answer(desk) -> None:
    client, fake, _ = desk
    fake.parse_result = {"intent": {"name": "id_card", "confidence": 0.95},
                         "sub_answer": {"topic": "id_card", "name": "no_such_sub", "confidence": 0.8},
                         "language": {"code": "nl", "confidence": 0.9, "source": "detected"}}
    page = await (await client.post("/staff/ask", data={
        "question": "identiteitskaart", "language": "", "csrf": await csrf_of(client)})).text()
    assert "deelantwoord" not in page and "Bel dan meteen DOC STOP" in page


async def test_a_question_at_the_desk_is_counted_as_channel_staff(desk) -> None:
    client, fake, engine = desk
    fake.parse_result = {"intent": {"name": "waste", "confidence": 0.9},
                         "language": {"code": "ar", "confidence": 0.9, "source": "detected"}}
    for _ in range(2):
        await client.post("/staff/ask", data={"question": "القمامة", "language": "", "csrf": await csrf_of(client)})
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT channel, language, topic, count FROM topic_count")).fetchall()
    assert [tuple(r) for r in rows] == [("staff", "ar", "waste", 2)]


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
    assert page.count('class="phrase"') == 7


async def test_which_language_card_shows_every_language_by_its_own_name(desk) -> None:
    client, _, _ = desk
    page = await (await client.get("/staff")).text()
    content = client.app[keys.CONTENT]
    assert "<h2 id=\"languages-title\">Welke taal spreekt u? Wijs uw taal aan.</h2>" in page
    for locale in content.locales.values():
        assert f'href="/staff?phrases={locale.code}#phrases" lang="{locale.code}" dir="{locale.dir}"' in page
        assert f'<span class="endonym">{locale.endonym}</span>' in page
        assert f'<span class="question">{locale.phrases["which_language"]}</span>' in page
    assert "ما اللغة التي تتحدثها؟ أشر إليها." in page and "ትግርኛ" in page


async def test_come_back_on_carries_the_picked_date_and_time_in_the_residents_language(desk) -> None:
    client, _, _ = desk
    page = await (await client.get("/staff?phrases=ar&date=2026-11-24&time=14:30")).text()
    written = localised_moment(datetime(2026, 11, 24).date(), time(14, 30), "ar")
    assert f"يرجى العودة يوم: <strong>{written}</strong>" in page
    assert 'id="time" name="time" type="time" value="14:30"' in page
    dutch = await (await client.get("/staff?phrases=nl&date=2026-11-24&time=09:05")).text()
    assert "<strong>dinsdag 24 november 2026, 09:05</strong>" in dutch


async def test_a_time_that_is_no_time_is_left_out_and_the_date_kept(desk) -> None:
    client, _, _ = desk
    response = await client.get("/staff?phrases=nl&date=2026-11-24&time=25:99")
    assert response.status == 200
    assert "<strong>dinsdag 24 november 2026</strong>" in await response.text()


async def test_bring_passport_or_residence_card_is_shown_and_marked_as_a_draft(desk) -> None:
    client, _, _ = desk
    page = await (await client.get("/staff?phrases=uk")).text()
    assert "Принесіть паспорт або посвідку на проживання." in page
    assert "Breng uw paspoort of uw verblijfskaart mee. <span class=\"draft\">" in page


def test_moments_are_written_in_every_language() -> None:
    day, at = datetime(2026, 11, 24).date(), time(14, 30)
    assert localised_moment(day, at, "nl") == "dinsdag 24 november 2026, 14:30"
    assert localised_moment(None, at, "nl") == "14:30" and localised_moment(None, None, "nl") == ""
    assert "ሰሉስ" in localised_moment(day, at, "ti") and localised_moment(day, at, "kmr").startswith("sêşem")
    assert localised_moment(day, at, "xx") == "dinsdag 24 november 2026, 14:30"  # Babel lacks it: Dutch


def test_dates_are_written_in_every_language() -> None:
    day = datetime(2026, 11, 24).date()
    assert localised_date(day, "nl") == "dinsdag 24 november 2026"
    assert "ሰሉስ" in localised_date(day, "ti")
    assert localised_date(day, "kmr").startswith("sêşem")
    # Tarifit (CLDR's rif), spelled as locales/ber.yml is, no longer Kabyle ("Kraḍass ... Nunembeṛ").
    assert localised_date(day, "ber") == "ttlat 24 nuwember 2026"


async def test_the_staff_page_names_each_language_as_its_locale_does(desk) -> None:
    client, _, _ = desk
    page = await (await client.get("/staff?phrases=ber&date=2026-11-24")).text()
    for locale in client.server.app[keys.CONTENT].locales.values():
        assert f">{escape(locale.name_nl)} ({escape(locale.endonym)})</option>" in page, locale.code
    assert ">Tarifit (Tamazight, Berbers) (Tarifit (Tamaziɣt) ⵜⴰⵔⵉⴼⵉⵜ)</option>" in page
    assert "Ɛafak, uɣar-d ass:" in page and "ttlat 24 nuwember 2026" in page


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
