"""A staff member takes over a chat through Rasa's conversation API, answers, and hands it back."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.messages import Message
from tests.web.conftest import rest_items, settings_for, signed_in_staff

ASKED = rest_items(
    Message(kind="answer", text="U wilt met een medewerker praten.", topic="ask_human",
            language={"code": "ar", "confidence": 0.9, "source": "detected"}),
    Message(kind="prompt", text="Een medewerker komt zo in dit gesprek.", handover="requested", topic="ask_human"),
)


@pytest.fixture()
async def setup(aiohttp_client, fake_rasa, tmp_path: Path):
    fake, server = fake_rasa
    settings = settings_for(tmp_path, server.port, server.port, cookie_secure=False)
    client = await signed_in_staff(aiohttp_client, settings)
    return client, fake


async def csrf_of(client, path: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', await (await client.get(path)).text()).group(1)


async def test_the_round_trip(setup) -> None:
    client, fake = setup
    fake.replies = ASKED
    asked = await (await client.post("/api/chat", json={"session": "resident-1", "text": "أريد موظفا"})).json()
    assert asked["handover"] == {"state": "waiting"}
    staff = await (await client.get("/staff")).text()
    link = re.search(r'href="(/staff/handover/[^"]+)"', staff).group(1)
    assert "Arabisch (العربية)" in staff

    await client.post(link + "/take", data={"csrf": await csrf_of(client, link)})
    assert fake.events["resident-1"][-1]["event"] == "pause"  # Rasa stops answering
    fake.replies = [{"recipient_id": "s", "text": "would be the bot"}]
    during = await (await client.post("/api/chat", json={"session": "resident-1", "text": "هل أنتم هنا؟"})).json()
    assert during["messages"] == [] and during["handover"] == {"state": "active"}  # no error: a person answers

    await client.post(link + "/reply", data={"csrf": await csrf_of(client, link), "text": "Goedemorgen, ik help u."})
    update = await (await client.get("/api/chat/updates?session=resident-1&since=0")).json()
    assert [m["text"] for m in update["messages"]] == ["Goedemorgen, ik help u."]
    assert update["messages"][0]["kind"] == "human" and update["handover"] == {"state": "active"}
    again = await (await client.get(f"/api/chat/updates?session=resident-1&since={update['since']}")).json()
    assert again["messages"] == []
    conversation = await (await client.get(link)).text()
    assert "هل أنتم هنا؟" in conversation  # the resident's message reached the staff member

    await client.post(link + "/release", data={"csrf": await csrf_of(client, link)})
    assert fake.events["resident-1"][-1]["event"] == "resume"
    ended = await (await client.get(f"/api/chat/updates?session=resident-1&since={update['since']}")).json()
    assert ended["handover"] == {"state": "ended"}
    assert [m["lang"] for m in ended["messages"]] == ["nl", "ar"]  # the hand-back line and its cue


async def test_others_cannot_take_or_read_a_conversation(aiohttp_client, fake_rasa, setup) -> None:
    client, fake = setup
    fake.replies = ASKED
    await client.post("/api/chat", json={"session": "resident-2", "text": "medewerker"})
    link = re.search(r'href="(/staff/handover/[^"]+)"', await (await client.get("/staff")).text()).group(1)
    refused = await client.post(link + "/take", data={"csrf": "geraden"})
    assert refused.status == 403
    assert (await client.get("/staff/handover/verzonnen-id")).status == 404
    assert (await (await client.get("/api/chat/updates?session=someone-else-1")).json())["handover"] is None
