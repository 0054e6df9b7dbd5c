"""The desk's API for Rasa's messaging channels: a WhatsApp, SMS or Telegram resident who asks for a person
appears on the staff page, the staff member's messages go back through the conversation's channel, and
an emergency during the handover gets 112 first there and makes the conversation urgent."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.storage.db import make_engine, session_scope
from bot.storage.models import SafetyCount
from bot.web import keys
from tests.web.conftest import settings_for, signed_in_staff

TOKEN = "rasa-api-token"
RASA = {"Authorization": f"Bearer {TOKEN}"}
PHONE = "whatsapp:+32470123456"


@pytest.fixture()
async def setup(aiohttp_client, fake_rasa, tmp_path: Path):
    fake, server = fake_rasa
    settings = settings_for(tmp_path, server.port, server.port, cookie_secure=False, rasa_token=TOKEN)
    client = await signed_in_staff(aiohttp_client, settings)
    return client, fake, settings


async def csrf_of(client, path: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', await (await client.get(path)).text()).group(1)


async def ask(client, sender: str = PHONE, channel: str = "whatsapp", language: str = "ar"):
    return await client.post("/api/desk/request", json={"sender": sender, "channel": channel, "language": language},
                             headers=RASA)


async def test_only_rasa_may_call_the_desk(setup) -> None:
    client, _, _ = setup
    body = {"sender": PHONE, "channel": "whatsapp"}
    assert (await client.post("/api/desk/request", json=body)).status == 401
    assert (await client.post("/api/desk/request", json=body, headers={"Authorization": "Bearer wrong"})).status == 401
    assert (await client.post("/api/desk/request", json={"channel": "whatsapp"}, headers=RASA)).status == 400
    assert (await client.post("/api/desk/request", json={**body, "channel": "rest"}, headers=RASA)).status == 400
    assert "/staff/handover/" not in await (await client.get("/staff")).text()


async def test_a_whatsapp_resident_is_taken_over_and_the_staff_message_goes_back_through_whatsapp(setup) -> None:
    client, fake, _ = setup
    answer = await ask(client)
    assert answer.status == 200 and (await answer.json()) == {"state": "waiting"}
    staff = await (await client.get("/staff")).text()
    link = re.search(r'href="(/staff/handover/[^"]+)"', staff).group(1)
    page = await (await client.get(link)).text()
    assert "Kanaal: <strong>WhatsApp</strong>" in page and "Arabisch" in page
    assert "470123456" not in page and "470123456" not in staff  # the number is never shown

    await client.post(link + "/take", data={"csrf": await csrf_of(client, link)})
    await client.post(link + "/reply", data={"csrf": await csrf_of(client, link), "text": "Goedemorgen."})
    await client.post(link + "/release", data={"csrf": await csrf_of(client, link)})
    events = fake.events[PHONE]
    assert [e["event"] for e in events][0] == "pause" and events[-1]["event"] == "resume"
    staff_line = events[1]
    assert staff_line["text"] == "Goedemorgen." and staff_line["data"]["custom"]["kind"] == "human"
    # Each append asks Rasa to send its bot events to the resident on WhatsApp.
    assert {(a["output_channel"], a["execute_side_effects"]) for a in fake.appended_with} == {("whatsapp", "true")}
    # ... of this very conversation: Rasa's routes do not unquote, so the number travels as it is.
    assert all(a["path"].startswith(f"/conversations/{PHONE}/tracker/events?") for a in fake.appended_with)


async def test_an_sms_conversation_is_answered_through_twilios_channel(setup) -> None:
    client, fake, _ = setup
    assert (await ask(client, "+32470123457", "sms")).status == 200
    link = re.search(r'href="(/staff/handover/[^"]+)"', await (await client.get("/staff")).text()).group(1)
    assert "Kanaal: <strong>sms</strong>" in await (await client.get(link)).text()
    await client.post(link + "/take", data={"csrf": await csrf_of(client, link)})
    assert fake.appended_with[-1]["output_channel"] == "whatsapp"


async def test_a_full_desk_answers_with_its_other_contact_options(setup) -> None:
    client, _, _ = setup
    client.server.app[keys.HANDOVERS].per_municipality = 1
    assert (await ask(client, "whatsapp:+32470000001")).status == 200
    full = await ask(client, "whatsapp:+32470000002")
    assert full.status == 409
    texts = [e["text"] for e in (await full.json())["messages"]]
    assert texts[0].startswith("Alle medewerkers zijn nu bezet.") and len(texts) == 2  # Dutch, then Arabic


async def test_an_emergency_during_a_telegram_handover_gets_112_there_and_is_urgent(setup) -> None:
    client, fake, settings = setup
    chat = "123456789"
    assert (await ask(client, chat, "telegram", "nl")).status == 200
    link = re.search(r'href="(/staff/handover/[^"]+)"', await (await client.get("/staff")).text()).group(1)
    await client.post(link + "/take", data={"csrf": await csrf_of(client, link)})
    fake.events[chat].append({"event": "user", "text": "brand!", "parse_data": {
        "safety": {"level": "emergency", "categories": ["fire"]},
        "language": {"code": "nl", "confidence": 0.9, "source": "detected"}}})
    answer = await client.post("/api/desk/wrote", json={"sender": chat, "channel": "telegram"}, headers=RASA)
    assert (await answer.json()) == {"emergency": True}
    sent = [e for e in fake.events[chat] if e["event"] == "bot"]
    assert sent and "112" in sent[0]["text"]
    assert fake.appended_with[-1]["output_channel"] == "telegram"
    assert "Dringend" in await (await client.get(link)).text()
    with session_scope(make_engine(settings.database_url)) as session:
        channels = [row.channel for row in session.execute(select(SafetyCount)).scalars()]
    assert channels == ["telegram"]
    # The widget's chat API never sees another channel's handover, even with a look-alike session id.
    assert (await (await client.get(f"/api/chat/updates?session={chat}&since=0")).json())["handover"] is None


async def test_a_message_without_an_emergency_during_a_handover_gets_no_answer(setup) -> None:
    client, fake, _ = setup
    assert (await ask(client, "7001", "telegram", "nl")).status == 200
    link = re.search(r'href="(/staff/handover/[^"]+)"', await (await client.get("/staff")).text()).group(1)
    await client.post(link + "/take", data={"csrf": await csrf_of(client, link)})
    fake.events["7001"].append({"event": "user", "text": "hallo?", "parse_data": {"safety": {"level": "none"}}})
    answer = await client.post("/api/desk/wrote", json={"sender": "7001", "channel": "telegram"}, headers=RASA)
    assert (await answer.json()) == {"emergency": False}
    assert not [e for e in fake.events["7001"] if e["event"] == "bot"]


async def test_an_emergency_answered_while_waiting_makes_the_handover_urgent(setup) -> None:
    client, _, _ = setup
    assert (await ask(client)).status == 200
    told = await client.post("/api/desk/urgent", json={"sender": PHONE, "channel": "whatsapp"}, headers=RASA)
    assert (await told.json()) == {"urgent": True}
    assert "Dringend" in await (await client.get("/staff")).text()
    other = await client.post("/api/desk/urgent", json={"sender": PHONE, "channel": "telegram"}, headers=RASA)
    assert (await other.json()) == {"urgent": False}
