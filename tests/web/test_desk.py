"""Nobody can fill the handover desk: waiting handovers end, caps per client and municipality hold, and a
resident who finds the desk full gets the other ways to reach a person, never an error."""

from __future__ import annotations

from pathlib import Path
from typing import List

import pytest
from aiohttp.test_utils import TestClient

from bot.messages import Message
from bot.web import init_app, keys
from bot.web.desk import DeskFull, HandoverDesk
from tests.web.conftest import rest_items, settings_for

ARABIC = {"code": "ar", "confidence": 0.9, "source": "detected"}
ASKED = rest_items(
    Message(kind="answer", text="U wilt met een medewerker praten. Bel naar 09 000 00 00.", topic="ask_human",
            language=ARABIC),
    Message(kind="prompt", text="Een medewerker komt zo in dit gesprek. Wacht even, alstublieft.",
            handover="requested", topic="ask_human", language=ARABIC),
    Message(kind="cue", text="سينضم موظف إلى هذه المحادثة قريبًا.", lang="ar", dir="rtl", topic="ask_human",
            language=ARABIC),
)


@pytest.fixture()
async def desk_client(aiohttp_client, fake_rasa, tmp_path: Path) -> TestClient:
    fake, server = fake_rasa
    fake.replies = ASKED
    app = init_app(settings_for(tmp_path, server.port, server.port, trusted_proxy=1))
    app[keys.HANDOVERS] = HandoverDesk(per_client=2, per_municipality=3)
    return await aiohttp_client(app)


async def ask_for_a_person(client: TestClient, session: str, address: str = "203.0.113.7") -> dict:
    response = await client.post("/api/chat", json={"session": session, "text": "أريد موظفا"},
                                 headers={"X-Forwarded-For": address})
    assert response.status == 200  # whatever the desk's state: Rasa took the turn, the resident gets an answer
    return await response.json()


def texts(body: dict) -> List[str]:
    return [m["text"] for m in body["messages"]]


async def test_one_client_cannot_open_more_than_its_share(desk_client: TestClient) -> None:
    first = await ask_for_a_person(desk_client, "session-one")
    second = await ask_for_a_person(desk_client, "session-two")
    third = await ask_for_a_person(desk_client, "session-three")
    assert first["handover"] == second["handover"] == {"state": "waiting"}
    assert "handover" not in third
    assert len(desk_client.app[keys.HANDOVERS].open_for("voorbeeldegem")) == 2


async def test_a_full_desk_gives_the_contact_options_in_dutch_with_a_cue(desk_client: TestClient) -> None:
    for number in range(3):
        await ask_for_a_person(desk_client, f"session-filler-{number}", f"198.51.100.{number}")
    resident = await ask_for_a_person(desk_client, "session-resident", "192.0.2.55")
    assert "handover" not in resident
    said = texts(resident)
    assert said[0].startswith("U wilt met een medewerker praten")  # Rasa's answer with the contact details stays
    assert not any("Wacht even" in t or "سينضم" in t for t in said)  # no promise that someone will come
    full = resident["messages"][-2:]
    assert full[0]["kind"] == "prompt" and full[0]["lang"] == "nl"
    assert "Alle medewerkers zijn nu bezet" in full[0]["text"] and "09 000 00 00" in full[0]["text"]
    assert full[1]["kind"] == "cue" and full[1]["lang"] == "ar" and full[1]["dir"] == "rtl"
    assert resident["topic"] == "ask_human"


async def test_the_same_session_keeps_its_place(desk_client: TestClient) -> None:
    for _ in range(4):
        body = await ask_for_a_person(desk_client, "session-patient")
    assert body["handover"] == {"state": "waiting"}
    assert len(desk_client.app[keys.HANDOVERS].open_for("voorbeeldegem")) == 1


def test_a_waiting_handover_ends_after_its_time_and_frees_the_place() -> None:
    now = [1000.0]
    desk = HandoverDesk(per_client=1, wait_expires=900.0, clock=lambda: now[0])
    waiting = desk.request("session-old", "voorbeeldegem", "ar", "203.0.113.7")
    with pytest.raises(DeskFull):
        desk.request("session-new", "voorbeeldegem", "ar", "203.0.113.7")
    now[0] += 901.0
    assert desk.for_sender("session-old").state == "ended"  # the widget learns it ended
    assert desk.open_for("voorbeeldegem") == []
    assert desk.request("session-new", "voorbeeldegem", "ar", "203.0.113.7").state == "waiting"
    assert waiting.state == "ended"


def test_the_gateway_wide_cap_holds_across_municipalities_and_clients() -> None:
    desk = HandoverDesk(max_open=2)
    desk.request("session-a1", "voorbeeldegem", "nl", "192.0.2.1")
    desk.request("session-b1", "andere-gemeente", "nl", "192.0.2.2")
    with pytest.raises(DeskFull):
        desk.request("session-c1", "derde-gemeente", "nl", "192.0.2.3")


def test_only_waiting_handovers_count_against_a_client_and_a_municipality() -> None:
    """Residents behind one address (a reception centre) can each talk to staff once they are taken."""
    desk = HandoverDesk(per_client=1, per_municipality=1)
    for number in range(3):
        handover = desk.request(f"session-shared-{number}", "voorbeeldegem", "uk", "192.0.2.9")
        handover.state = "active"  # a staff member took it
    assert desk.request("session-shared-x", "voorbeeldegem", "uk", "192.0.2.9").state == "waiting"
    with pytest.raises(DeskFull):  # but only one of them may wait
        desk.request("session-shared-y", "voorbeeldegem", "uk", "192.0.2.9")
