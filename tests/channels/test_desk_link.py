"""The messaging channels ask the staff desk before they promise a staff member, tell it about emergencies,
and report a resident's message in a paused (taken over) conversation."""

from __future__ import annotations

import asyncio
from typing import Any, Dict, List, Optional

from aiohttp import web
from aiohttp.test_utils import TestServer

from bot.channels.desk_link import DeskLink, Screen
from bot.channels.telegram import TelegramOutput
from bot.channels.whatsapp import WhatsAppOutput
from bot.messages import Message
from tests.channels.test_telegram import RecordingProvider

LANGUAGE = {"code": "ar", "confidence": 0.9, "source": "detected"}
ANSWER = Message(kind="answer", text="Bel naar 09 000 00 00.", topic="ask_human", language=LANGUAGE)
OFFER = Message(kind="prompt", text="Een medewerker komt zo in dit gesprek.", topic="ask_human",
                handover="requested", language=LANGUAGE)
OFFER_CUE = Message(kind="cue", text="سيأتي موظف قريبا.", lang="ar", dir="rtl", topic="ask_human", language=LANGUAGE)
FULL = Message(kind="prompt", text="Alle medewerkers zijn nu bezet.", topic="ask_human")
EMERGENCY = Message(kind="answer", text="Bel 112.", topic="emergency")


def response(message: Message) -> Dict[str, Any]:
    """A Taalbrug message as Rasa hands it to an output channel."""
    return {"text": message.text, "buttons": list(message.buttons), "custom": message.custom()}


class FakeDesk:
    def __init__(self, answer: Optional[List[Dict[str, Any]]]) -> None:
        self.answer = answer
        self.requests: List[tuple] = []
        self.urgent_for: List[tuple] = []

    async def request(self, sender: str, channel: str, language: Optional[str]) -> Optional[List[Dict[str, Any]]]:
        self.requests.append((sender, channel, language))
        return self.answer

    async def urgent(self, sender: str, channel: str) -> None:
        self.urgent_for.append((sender, channel))


def screened(desk: Any, messages: List[Message], channel: str = "telegram") -> List[str]:
    screen = Screen(desk)

    async def run() -> List[str]:
        out = []
        for message in messages:
            out += [r["text"] for r in await screen.responses("42", channel, response(message))]
        return out
    return asyncio.run(run())


def test_the_offer_goes_out_when_the_desk_took_the_conversation() -> None:
    desk = FakeDesk(None)
    assert screened(desk, [ANSWER, OFFER, OFFER_CUE]) == [ANSWER.text, OFFER.text, OFFER_CUE.text]
    assert desk.requests == [("42", "telegram", "ar")]


def test_a_full_desk_replaces_the_offer_and_its_cue_with_its_contact_options() -> None:
    desk = FakeDesk([FULL.as_event(0.0)])
    assert screened(desk, [ANSWER, OFFER, OFFER_CUE]) == [ANSWER.text, FULL.text]


def test_without_a_desk_no_one_is_promised_and_the_contacts_stay() -> None:
    assert screened(FakeDesk([]), [ANSWER, OFFER, OFFER_CUE]) == [ANSWER.text]
    assert screened(None, [ANSWER, OFFER, OFFER_CUE]) == [ANSWER.text]


def test_an_emergency_answer_tells_the_desk_once() -> None:
    desk = FakeDesk(None)
    cue = Message(kind="cue", text="اتصل ب 112", lang="ar", topic="emergency")
    assert screened(desk, [EMERGENCY, cue], channel="whatsapp") == [EMERGENCY.text, cue.text]
    assert desk.urgent_for == [("42", "whatsapp")]


def test_whatsapp_sends_the_full_desks_answer_instead_of_the_offer() -> None:
    provider = RecordingProvider()
    desk = FakeDesk([FULL.as_event(0.0)])
    output = WhatsAppOutput("AC1", "token", "whatsapp:+3225550100", "http://standin", provider,  # type: ignore[arg-type]
                            desk)  # type: ignore[arg-type]

    async def run() -> None:
        for message in (ANSWER, OFFER, OFFER_CUE):
            await output.send_response("+32470000001", response(message))
    asyncio.run(run())
    assert [p["data"]["Body"] for p in provider.posts] == [ANSWER.text, FULL.text]
    assert desk.requests == [("+32470000001", "sms", "ar")]  # a bare number: an SMS conversation


def test_a_telegram_staff_message_is_sent_as_it_is() -> None:
    provider = RecordingProvider()
    output = TelegramOutput("1:t", "http://standin", provider, FakeDesk(None))  # type: ignore[arg-type]
    staff = Message(kind="human", text="Goedemorgen, ik help u.", from_staff=True)
    asyncio.run(output.send_response("telegram:42", response(staff)))
    assert provider.posts[-1]["json"] == {"chat_id": "42", "text": "Goedemorgen, ik help u."}


async def _desk_server(status: int, answer: Dict[str, Any], seen: List[Dict[str, Any]]) -> TestServer:
    async def handle(request: web.Request) -> web.Response:
        seen.append({"path": request.path, "auth": request.headers.get("Authorization"), **await request.json()})
        return web.json_response(answer, status=status)
    app = web.Application()
    app.router.add_post("/api/desk/{what}", handle)
    server = TestServer(app)
    await server.start_server()
    return server


def test_the_link_asks_the_desk_with_rasas_token_and_reads_a_full_desk() -> None:
    seen: List[Dict[str, Any]] = []

    async def run() -> Any:
        server = await _desk_server(409, {"messages": [FULL.as_event(1.0)]}, seen)
        link = DeskLink(str(server.make_url("")), "rasa-token")
        try:
            return await link.request("whatsapp:+32470000002", "whatsapp", "ar")
        finally:
            await link.close()
            await server.close()
    instead = asyncio.run(run())
    assert [e["text"] for e in instead] == [FULL.text]
    assert seen == [{"path": "/api/desk/request", "auth": "Bearer rasa-token", "sender": "whatsapp:+32470000002",
                     "channel": "whatsapp", "language": "ar"}]


def test_a_desk_that_cannot_be_reached_or_is_not_configured_promises_nothing() -> None:
    async def run() -> List[Any]:
        unreachable = DeskLink("http://127.0.0.1:9", "rasa-token")  # the discard port: nothing listens
        try:
            return [await unreachable.request("7", "telegram", None),
                    await DeskLink(None, None).request("7", "telegram", None)]
        finally:
            await unreachable.close()
    assert asyncio.run(run()) == [[], []]


class PausedTracker:
    def __init__(self, paused: bool) -> None:
        self.paused = paused

    def is_paused(self) -> bool:
        return self.paused


class FakeAgent:
    def __init__(self, paused: bool) -> None:
        self.tracker_store = self
        self.paused = paused

    async def retrieve(self, sender: str) -> PausedTracker:
        return PausedTracker(self.paused)


def test_a_message_in_a_paused_conversation_is_reported_to_the_desk() -> None:
    seen: List[Dict[str, Any]] = []

    async def run() -> None:
        server = await _desk_server(200, {"emergency": False}, seen)
        link = DeskLink(str(server.make_url("")), "rasa-token")
        try:
            await link.after_message(FakeAgent(paused=False), "telegram:7", "telegram")
            await link.after_message(FakeAgent(paused=True), "telegram:8", "telegram")
        finally:
            await link.close()
            await server.close()
    asyncio.run(run())
    assert [(s["path"], s["sender"], s["channel"]) for s in seen] == [("/api/desk/wrote", "telegram:8", "telegram")]
