"""Residents reach Taalbrug on the channels they already use: socket.io, Rasa's REST channel, WhatsApp
(Twilio) and Telegram, each answered as on the widget.

The real stack (python -m bot.stack) with the WhatsApp and Telegram channels
switched on by TAALBRUG_* variables and their providers' APIs pointed at a
stand-in on loopback (provider_standin.py). Webhook requests are made in the
providers' real formats: Twilio's form with X-Twilio-Signature, Telegram's
JSON update with X-Telegram-Bot-Api-Secret-Token.
"""

from __future__ import annotations

import asyncio
import contextlib
import csv
import itertools
import json
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional

import pytest
import socketio
from sqlalchemy import inspect, text
from twilio.request_validator import RequestValidator

from bot.messages import from_replies
from bot.storage.accounts import create_account
from bot.storage.db import make_engine
from tests.integration.provider_standin import TELEGRAM_TOKEN, TWILIO_SID, TWILIO_TOKEN, ProviderStandIn
from tests.integration.staff_desk import STAFF_PASSWORD, Desk
from tests.live_stack import RunningStack, start_stack

pytestmark = pytest.mark.integration

TELEGRAM_SECRET = "standin-telegram-secret_1"
RASA_TOKEN = "channels-rasa-token"
WHATSAPP_NUMBER = "whatsapp:+3225550100"
PUBLIC_TELEGRAM_WEBHOOK = "https://taalbrug.voorbeeldegem.example/webhooks/telegram/webhook"
HELDOUT = Path(__file__).resolve().parent.parent / "nlu" / "heldout.tsv"
RLM = "\u200f"
APPOINTMENT = "afspraak maken gemeentehuis hoe"  # answered with two buttons (answers/appointment.yml)
OPENING_HOURS = "Is het sociaal huis zaterdag open?"
phones = itertools.count(100)


def _phone() -> str:
    return f"whatsapp:+32470{next(phones):06d}"


@pytest.fixture(scope="module")
def standin() -> Iterator[ProviderStandIn]:
    running = ProviderStandIn()
    yield running
    running.stop()


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory, standin: ProviderStandIn) -> Iterator[RunningStack]:
    running = start_stack(
        tmp_path_factory.mktemp("channels"),
        TAALBRUG_HASH_SALT="channels-salt",
        TAALBRUG_RASA_TOKEN=RASA_TOKEN,
        TAALBRUG_REPORT_TOKEN="channels-report-token",
        TAALBRUG_DESK_CLOCK="2026-11-24T10:00:00+01:00",  # a Tuesday morning: the chat desk is open
        TAALBRUG_TWILIO_ACCOUNT_SID=TWILIO_SID,
        TAALBRUG_TWILIO_AUTH_TOKEN=TWILIO_TOKEN,
        TAALBRUG_WHATSAPP_NUMBER=WHATSAPP_NUMBER,
        TAALBRUG_TWILIO_API_URL=standin.url,
        TAALBRUG_TELEGRAM_TOKEN=TELEGRAM_TOKEN,
        TAALBRUG_TELEGRAM_SECRET=TELEGRAM_SECRET,
        TAALBRUG_TELEGRAM_WEBHOOK_URL=PUBLIC_TELEGRAM_WEBHOOK,
        TAALBRUG_TELEGRAM_API_URL=standin.url,
        TAALBRUG_COOKIE_SECURE="0",  # the staff desk signs in over plain http on loopback
        TAALBRUG_RATE_LIMIT="0",  # every widget conversation here comes from 127.0.0.1
    )
    engine = make_engine(running.database_url)
    try:
        create_account(engine, "balie", "staff", STAFF_PASSWORD, datetime.now(timezone.utc), ["voorbeeldegem"])
    finally:
        engine.dispose()
    yield running
    running.stop()


@pytest.fixture(scope="module")
def desk(stack: RunningStack) -> Desk:
    return Desk(stack)


def rasa_url(stack: RunningStack) -> str:
    return f"http://127.0.0.1:{stack.ports['rasa']}"


def whatsapp(stack: RunningStack, sender: str, body: str, signature: Optional[str] = None) -> int:
    """Post Twilio's webhook form for one incoming message; the HTTP status."""
    url = rasa_url(stack) + "/webhooks/whatsapp/webhook"
    form = {"SmsMessageSid": "SM" + "0" * 32, "AccountSid": TWILIO_SID, "From": sender, "To": WHATSAPP_NUMBER,
            "Body": body, "NumMedia": "0", "ProfileName": "Resident"}
    if signature is None:
        signature = RequestValidator(TWILIO_TOKEN).compute_signature(url, form)
    request = urllib.request.Request(url, data=urllib.parse.urlencode(form).encode(),
                                     headers={"X-Twilio-Signature": signature,
                                              "Content-Type": "application/x-www-form-urlencoded"})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


updates = itertools.count(1)


def telegram(stack: RunningStack, chat_id: int, text: str = "", button: Optional[str] = None,
             secret: str = TELEGRAM_SECRET, language: str = "") -> int:
    """Post Telegram's webhook update (a message, or a pressed inline button); the HTTP status."""
    sender = {"id": chat_id, "is_bot": False, "first_name": "Resident", **({"language_code": language} if language else {})}
    chat = {"id": chat_id, "type": "private", "first_name": "Resident"}
    message = {"message_id": next(updates), "date": 1765000000, "chat": chat, "from": sender}
    if button is None:
        update: Dict[str, Any] = {"update_id": next(updates), "message": {**message, "text": text}}
    else:
        update = {"update_id": next(updates), "callback_query": {
            "id": str(next(updates)), "from": sender, "chat_instance": "1", "data": button,
            "message": {**message, "text": "(the bot's message with the button)"}}}
    request = urllib.request.Request(rasa_url(stack) + "/webhooks/telegram/webhook", data=json.dumps(update).encode(),
                                     headers={"Content-Type": "application/json",
                                              "X-Telegram-Bot-Api-Secret-Token": secret})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def rest(stack: RunningStack, sender: str, text: str) -> List[Dict[str, Any]]:
    body = json.dumps({"sender": sender, "message": text}).encode()
    request = urllib.request.Request(rasa_url(stack) + "/webhooks/rest/webhook", data=body,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=120) as response:
        return json.loads(response.read())


class SocketResident:
    """A resident's socket.io client, speaking the events credentials.yml configures (as rasa-webchat does)."""

    def __init__(self, url: str, session_id: str) -> None:
        self.url = url
        self.session_id = session_id
        self.received: List[Dict[str, Any]] = []
        self.confirmed: List[str] = []
        # No automatic reconnection: a test resident reconnects only when the test says so, and a
        # reconnect attempt running in the background could keep disconnect() waiting.
        self.client = socketio.AsyncClient(reconnection=False)
        self.client.on("bot_uttered", self.received.append)
        self.client.on("session_confirm", lambda data: self.confirmed.append(data))

    async def connect(self) -> None:
        # Long-polling: the locked python-engineio's websocket client needs aiohttp 3.10 (the
        # server side is not affected; the browser test speaks websocket to it).
        await self.client.connect(self.url, socketio_path="/socket.io", wait_timeout=30, transports=["polling"])
        await self.client.emit("session_request", {"session_id": self.session_id})
        await self._until(lambda: bool(self.confirmed))
        self.session_id = self.confirmed[0]  # as rasa-webchat: the id session_confirm names

    async def say(self, text: str, expected: int = 1, quiet: float = 2.0) -> List[Dict[str, Any]]:
        """Send `text`; the bot_uttered events of the answer (at least `expected`, then until quiet)."""
        start = len(self.received)
        await self.client.emit("user_uttered", {"message": text, "session_id": self.session_id})
        await self._until(lambda: len(self.received) - start >= expected)
        count = -1
        while count != len(self.received):
            count = len(self.received)
            await asyncio.sleep(quiet)
        return self.received[start:]

    async def _until(self, condition: Any, timeout: float = 120) -> None:
        for _ in range(int(timeout * 10)):
            if condition():
                return
            await asyncio.sleep(0.1)
        raise AssertionError(f"socket.io: no answer in {timeout} s (received {self.received})")

    async def close(self) -> None:
        """Disconnect; a disconnect that hangs in the client library (its long-poll read loop) is
        abandoned after 20 s: the answers were already received, and asyncio.run cancels what is left."""
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(self.client.disconnect(), timeout=20)


def socket_turns(stack: RunningStack, session_id: str, texts: List[str], reconnect: bool = False,
                 expected: int = 1) -> List[List[Dict[str, Any]]]:
    async def run() -> List[List[Dict[str, Any]]]:
        resident = SocketResident(rasa_url(stack), session_id)
        await resident.connect()
        answers = []
        try:
            for index, message in enumerate(texts):
                if reconnect and index:
                    await resident.close()
                    resident = SocketResident(rasa_url(stack), session_id)
                    await resident.connect()
                answers.append(await resident.say(message, expected))
        finally:
            await resident.close()
        return answers
    # A bound on the whole exchange, so that a hang fails this test with a message instead of stalling
    # the run: connecting and every answer have their own, shorter bounds.
    return asyncio.run(asyncio.wait_for(run(), timeout=120 + 150 * len(texts)))


# --- socket.io ---------------------------------------------------------------------------------

def test_socketio_answers_in_dutch_with_a_cue_and_quick_replies(stack: RunningStack) -> None:
    (answer,) = socket_turns(stack, "socket-cue-1", ["Where can I learn Dutch? I want evening classes."])
    assert answer, stack.problems()
    first = answer[0]
    assert first["metadata"]["lang"] == "nl" and first["metadata"]["kind"] in ("answer", "prompt")
    assert any(m["metadata"]["lang"] == "en" and m["metadata"]["kind"] == "cue" for m in answer)
    with_buttons = [m for m in answer if m.get("quick_replies")]
    assert with_buttons and all(q["title"] and q["payload"] for q in with_buttons[0]["quick_replies"])
    assert "'kind'" not in "".join(stack.output) and "never awaited" not in "".join(stack.output)


def test_socketio_keeps_the_session_across_reconnects(stack: RunningStack) -> None:
    first, second = socket_turns(stack, "socket-persist-1",
                                 ["Merhaba, Hollandaca öğrenmek istiyorum", "/opening_hours"], reconnect=True)
    assert first[-1]["metadata"]["lang"] == "tr"
    # The payload skips language detection: the Turkish cue comes from the stored conversation.
    assert second[0]["metadata"]["lang"] == "nl" and second[-1]["metadata"]["lang"] == "tr", second


def test_socketio_answers_an_emergency_with_112_first(stack: RunningStack) -> None:
    (answer,) = socket_turns(stack, "socket-emergency-1", ["help brand in mijn huis, snel!"])
    assert "112" in answer[0]["text"] and answer[0]["metadata"]["topic"] == "emergency"


# --- REST --------------------------------------------------------------------------------------

def test_rest_answers_carry_text_for_every_message(stack: RunningStack) -> None:
    replies = rest(stack, "rest-text-1", "Waar kan ik Nederlands leren?")
    assert replies, stack.problems()
    for index, item in enumerate(replies):
        if "custom" in item:  # Taalbrug's rich data follows the text Rasa sent first
            assert index and replies[index - 1].get("text"), replies
    assert from_replies(replies)[0].text.strip()


# --- WhatsApp ----------------------------------------------------------------------------------

def test_whatsapp_answers_with_numbered_choices_and_a_number_picks_one(stack: RunningStack,
                                                                      standin: ProviderStandIn) -> None:
    resident = _phone()
    assert whatsapp(stack, resident, APPOINTMENT) == 200, stack.problems()
    answer = standin.sent_to(resident)
    assert answer and "afspraak" in answer[0]
    choices = [line for body in answer for line in body.splitlines() if line[:2] in ("1.", "2.", "3.")]
    assert [c[:2] for c in choices] == ["1.", "2."], answer
    # The same question and the second button's payload through REST: "2" must answer as that button.
    (payload,) = [b["payload"] for item in rest(stack, "whatsapp-compare-1", APPOINTMENT)
                  for b in item.get("buttons", []) if b["title"] == choices[1][3:].strip()]
    expected = [m.text for m in from_replies(rest(stack, "whatsapp-compare-1", payload)) if m.lang == "nl"]
    before = len(standin.sent_to(resident))
    assert whatsapp(stack, resident, "2") == 200
    picked = standin.sent_to(resident)[before:]
    assert expected and _flat(expected[0]) in _flat(" ".join(picked)), (expected, picked)


def test_whatsapp_refuses_a_wrong_signature(stack: RunningStack, standin: ProviderStandIn) -> None:
    resident = _phone()
    assert whatsapp(stack, resident, "hallo", signature="bm90IGEgc2lnbmF0dXJl") == 403
    assert whatsapp(stack, resident, "hallo", signature="") == 403
    assert standin.sent_to(resident) == []


def test_whatsapp_emergency_gets_112_first_and_an_rtl_cue_apart(stack: RunningStack,
                                                               standin: ProviderStandIn) -> None:
    resident = _phone()
    assert whatsapp(stack, resident, "النار في بيتي ساعدوني بسرعة") == 200
    bodies = standin.sent_to(resident)
    assert "112" in bodies[0] and not bodies[0].startswith(RLM)
    assert any(body.startswith(RLM) for body in bodies[1:]), bodies  # the Arabic cue, its own message


def test_whatsapp_unmet_question_is_logged_redacted_and_the_number_is_stored_nowhere(
        stack: RunningStack, standin: ProviderStandIn) -> None:
    resident = "whatsapp:+32470987654"
    assert whatsapp(stack, resident, "Mijn naam is Karim Benali, wie repareert mijn kapotte paraplu? "
                                     "Mail karim.benali@example.com") == 200
    assert whatsapp(stack, resident, "dit helpt niet") == 200  # typed: WhatsApp has no such button
    assert standin.sent_to(resident)
    engine = make_engine(stack.database_url)
    try:
        with engine.connect() as connection:
            unmet = connection.execute(text("SELECT channel, text FROM unmet_question")).fetchall()
            dump = " ".join(str(row) for table in inspect(engine).get_table_names()
                            for row in connection.execute(text(f'SELECT * FROM "{table}"')))
    finally:
        engine.dispose()
    mine = [row for row in unmet if "paraplu" in (row[1] or "")]
    assert mine and mine[0][0] == "whatsapp"
    assert "Benali" not in mine[0][1] and "example.com" not in mine[0][1]
    assert "470987654" not in dump and "Benali" not in dump
    assert "470987654" not in "".join(stack.output)


# --- Telegram ----------------------------------------------------------------------------------

def test_telegram_registers_its_webhook_with_the_secret(stack: RunningStack, standin: ProviderStandIn) -> None:
    registered = [m for m in standin.telegram if m["method"] == "setWebhook"]
    assert registered and registered[0]["url"] == PUBLIC_TELEGRAM_WEBHOOK
    assert registered[0]["secret_token"] == TELEGRAM_SECRET


def test_telegram_answers_with_inline_buttons_and_a_pressed_button_is_read(stack: RunningStack,
                                                                         standin: ProviderStandIn) -> None:
    chat = 7001
    assert telegram(stack, chat, "/start", language="uk") == 200, stack.problems()
    assert "Taalbrug" in standin.telegram_to(str(chat))[0]["text"]  # opening the bot: a greeting
    assert standin.telegram_to(str(chat))[-1]["text"].strip()
    before = len(standin.telegram_to(str(chat)))
    assert telegram(stack, chat, APPOINTMENT, language="uk") == 200
    sent = standin.telegram_to(str(chat))[before:]
    keyboard = [row[0] for m in sent for row in m.get("reply_markup", {}).get("inline_keyboard", [])]
    assert keyboard and all(b["text"] and b["callback_data"] for b in keyboard)
    before = len(sent)
    assert telegram(stack, chat, button=keyboard[-1]["callback_data"], language="uk") == 200
    after = standin.telegram_to(str(chat))[before:]
    assert after and any(m["method"] == "answerCallbackQuery" for m in standin.telegram)


def test_telegram_refuses_a_wrong_secret(stack: RunningStack, standin: ProviderStandIn) -> None:
    assert telegram(stack, 7002, "hallo", secret="wrong") == 403
    assert telegram(stack, 7002, "hallo", secret="") == 403
    assert standin.telegram_to("7002") == []


def test_telegram_emergency_gets_112_first(stack: RunningStack, standin: ProviderStandIn) -> None:
    assert telegram(stack, 7003, "help brand in mijn huis, snel!") == 200
    assert "112" in standin.telegram_to("7003")[0]["text"]


def _opening_hours_counted(stack: RunningStack) -> Dict[str, int]:
    request = urllib.request.Request(stack.url + "/report/export.json",
                                     headers={"Authorization": "Bearer channels-report-token"})
    with urllib.request.urlopen(request, timeout=30) as response:
        rows = json.loads(response.read())["rows"]
    counted: Dict[str, int] = {}
    for row in rows:
        if row["indicator"] == "topics" and row["topic"] == "opening_hours":
            counted[row["channel"]] = counted.get(row["channel"], 0) + row["count"]
    return counted


def test_every_channel_is_counted_in_the_indicators(stack: RunningStack, standin: ProviderStandIn) -> None:
    before = _opening_hours_counted(stack)
    assert whatsapp(stack, _phone(), OPENING_HOURS) == 200
    assert whatsapp(stack, _phone().replace("whatsapp:", ""), OPENING_HOURS) == 200  # an SMS
    assert telegram(stack, 7004, OPENING_HOURS) == 200
    socket_turns(stack, "socket-count-1", [OPENING_HOURS])
    stack.chat("web-count-1", OPENING_HOURS)
    after = _opening_hours_counted(stack)
    for channel in ("web", "whatsapp", "sms", "telegram", "socketio"):
        assert after.get(channel, 0) == before.get(channel, 0) + 1, (channel, before, after)


# --- the targets -------------------------------------------------------------------------------

def _flat(value: str) -> str:
    return " ".join(value.replace(RLM, "").split())


def _ten_heldout() -> List[str]:
    with HELDOUT.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [rows[i]["text"] for i in range(0, 470, 47)]


def test_the_same_ten_heldout_messages_get_the_same_dutch_text_on_every_channel(
        stack: RunningStack, standin: ProviderStandIn) -> None:
    messages = _ten_heldout()
    assert len(messages) == 10
    for index, message in enumerate(messages):
        widget = [m["text"] for m in stack.chat(f"same-web-{index}", message)["messages"] if m["lang"] == "nl"]
        assert widget, message
        over_rest = [m.text for m in from_replies(rest(stack, f"same-rest-{index}", message)) if m.lang == "nl"]
        (over_socket,) = socket_turns(stack, f"same-socket-{index}", [message])
        socket_dutch = [m["text"] for m in over_socket if m["metadata"].get("lang") == "nl"]
        resident = _phone()
        assert whatsapp(stack, resident, message) == 200
        chat = 8000 + index
        assert telegram(stack, chat, message) == 200
        on_whatsapp = _flat(" ".join(standin.sent_to(resident)))
        on_telegram = _flat(" ".join(m["text"] for m in standin.telegram_to(str(chat))))
        assert over_rest == widget, (message, over_rest, widget)
        assert socket_dutch == widget, (message, socket_dutch, widget)
        for dutch in widget:
            assert _flat(dutch) in on_whatsapp, (message, dutch, on_whatsapp)
            assert _flat(dutch) in on_telegram, (message, dutch, on_telegram)


def test_twenty_concurrent_whatsapp_conversations_lose_no_message(stack: RunningStack,
                                                                 standin: ProviderStandIn) -> None:
    residents = [_phone() for _ in range(20)]
    questions = ["hallo", "Waar kan ik Nederlands leren?"]

    def conversation(resident: str) -> List[int]:
        return [whatsapp(stack, resident, question) for question in questions]

    with ThreadPoolExecutor(max_workers=20) as pool:
        statuses = list(pool.map(conversation, residents))
    assert statuses == [[200, 200]] * 20, stack.problems()
    alone = _phone()  # the same conversation on its own: how many messages each resident must get
    assert conversation(alone) == [200, 200]
    expected = _flat(" ".join(standin.sent_to(alone)))
    for resident in residents:
        assert _flat(" ".join(standin.sent_to(resident))) == expected, resident


# --- no channel loses a message under 20 concurrent conversations -------------------------------

# Two kinds of conversation (Dutch, and English with English cues) alternate, so that an answer that
# reached the wrong conversation shows; each conversation sends three messages.
CONCURRENT = [["hallo", "Waar kan ik Nederlands leren?", OPENING_HOURS],
              ["Hello, where can I learn Dutch?", "/opening_hours", "thank you very much"]]
AT_ONCE = 20


def _widget_texts(stack: RunningStack, standin: ProviderStandIn, key: str, texts: List[str]) -> List[str]:
    return [m["text"] for text_ in texts for m in stack.chat(f"many-web-{key}", text_)["messages"]]


def _rest_texts(stack: RunningStack, standin: ProviderStandIn, key: str, texts: List[str]) -> List[str]:
    return [m.text for text_ in texts for m in from_replies(rest(stack, f"many-rest-{key}", text_))]


telegram_chats = itertools.count(90000)


def _telegram_texts(stack: RunningStack, standin: ProviderStandIn, key: str, texts: List[str]) -> List[str]:
    chat = next(telegram_chats)
    assert [telegram(stack, chat, text_) for text_ in texts] == [200] * len(texts), stack.problems()
    return [m["text"] for m in standin.telegram_to(str(chat))]


@pytest.mark.parametrize("converse", [_widget_texts, _rest_texts, _telegram_texts],
                         ids=["widget", "rest", "telegram"])
def test_twenty_concurrent_conversations_lose_no_message(stack: RunningStack, standin: ProviderStandIn,
                                                         converse: Any) -> None:
    def conversation(index: int) -> List[str]:
        return converse(stack, standin, f"{converse.__name__}-{index}", CONCURRENT[index % 2])

    with ThreadPoolExecutor(max_workers=AT_ONCE) as pool:
        received = list(pool.map(conversation, range(AT_ONCE)))
    # The same conversations one at a time afterwards: what each must have received, in this order.
    expected = [converse(stack, standin, f"{converse.__name__}-alone-{kind}", texts)
                for kind, texts in enumerate(CONCURRENT)]
    assert all(expected) and expected[0] != expected[1]
    sent = sum(len(texts) for texts in (CONCURRENT[i % 2] for i in range(AT_ONCE)))
    assert sent == 60
    for index, texts in enumerate(received):
        assert texts == expected[index % 2], (index, texts, expected[index % 2], stack.problems())
    assert sum(map(len, received)) == sum(len(expected[i % 2]) for i in range(AT_ONCE))


def test_twenty_concurrent_socketio_sessions_lose_no_message(stack: RunningStack) -> None:
    async def session(session_id: str, texts: List[str], expected: Optional[int]) -> List[Dict[str, Any]]:
        resident = SocketResident(rasa_url(stack), session_id)
        await resident.connect()
        try:
            if expected is None:  # alone: one message at a time, each answer complete before the next
                for text_ in texts:
                    await resident.say(text_)
            else:  # all at once, without waiting: Rasa must keep the session's order
                for text_ in texts:
                    await resident.client.emit("user_uttered", {"message": text_, "session_id": session_id})
                await resident._until(lambda: len(resident.received) >= expected)
                await asyncio.sleep(3)  # nothing more may come
            return list(resident.received)
        finally:
            await resident.close()

    async def run() -> List[List[Dict[str, Any]]]:
        alone = [await session(f"many-socket-alone-{kind}", texts, None) for kind, texts in enumerate(CONCURRENT)]
        counts = [len(events) for events in alone]
        crowd = await asyncio.gather(*(session(f"many-socket-{i}", CONCURRENT[i % 2], counts[i % 2])
                                       for i in range(AT_ONCE)))
        return alone + list(crowd)

    alone_dutch, alone_english, *crowd = asyncio.run(run())
    expected = [[e["text"] for e in alone_dutch], [e["text"] for e in alone_english]]
    assert all(expected) and expected[0] != expected[1]
    assert len(crowd) == AT_ONCE
    for index, events in enumerate(crowd):
        assert [e["text"] for e in events] == expected[index % 2], (index, events, stack.problems())


# --- socket.io over websocket -------------------------------------------------------------------

def test_a_conversation_over_a_websocket_transport(stack: RunningStack) -> None:
    """Engine.IO 4 frames over the venv's `websockets` (python-socketio's AsyncClient cannot open a
    websocket with aiohttp 3.9: it builds aiohttp.ClientWSTimeout, new in aiohttp 3.10)."""
    import websockets

    async def run() -> List[Any]:
        url = f"ws://127.0.0.1:{stack.ports['rasa']}/socket.io/?EIO=4&transport=websocket"
        received: List[Any] = []
        async with websockets.connect(url) as ws:
            assert str(await ws.recv()).startswith("0")  # Engine.IO open
            await ws.send("40")  # Socket.IO connect to the default namespace
            assert str(await ws.recv()).startswith("40")
            await ws.send("42" + json.dumps(["session_request", {"session_id": "socket-websocket-1"}]))
            await ws.send("42" + json.dumps(["user_uttered", {"message": "help brand in mijn huis, snel!",
                                                              "session_id": "socket-websocket-1"}]))
            while True:
                try:
                    frame = str(await asyncio.wait_for(ws.recv(), timeout=5 if len(received) > 1 else 120))
                except asyncio.TimeoutError:
                    return received
                if frame == "2":
                    await ws.send("3")  # Engine.IO ping, pong
                elif frame.startswith("42"):
                    received.append(json.loads(frame[2:]))

    events = asyncio.run(run())
    assert events[0] == ["session_confirm", "socket-websocket-1"], events
    answers = [data for name, data in events if name == "bot_uttered"]
    assert answers and "112" in answers[0]["text"] and answers[0]["metadata"]["topic"] == "emergency", events


# --- staff handover on the messaging channels -----------------------------------------------------

ASK_PERSON = "Ik wil met een medewerker praten"
STAFF_TEXT = "Goedemorgen, ik ben Els van de balie. Waarmee kan ik u helpen?"
EMERGENCY = "help brand in mijn huis, snel!"


def _new_handover(desk: Desk, before: List[str]) -> str:
    new = sorted(set(desk.handovers()) - set(before))
    assert len(new) == 1, new
    return new[0]


def test_whatsapp_handover_staff_writes_the_resident_reads_it_and_112_comes_first(
        stack: RunningStack, standin: ProviderStandIn, desk: Desk) -> None:
    resident = "whatsapp:+32470555123"
    before = desk.handovers()
    assert whatsapp(stack, resident, ASK_PERSON) == 200, stack.problems()
    assert any("Een medewerker komt zo" in body for body in standin.sent_to(resident)), standin.sent_to(resident)
    handover = _new_handover(desk, before)
    page = desk.get(f"/staff/handover/{handover}")
    assert "Kanaal: <strong>WhatsApp</strong>" in page and "470555123" not in page
    assert "470555123" not in desk.get("/staff")
    desk.take(handover)
    sent = len(standin.sent_to(resident))
    assert whatsapp(stack, resident, "Hallo? Is daar iemand?") == 200
    assert len(standin.sent_to(resident)) == sent, "Rasa is paused: the bot must not answer"
    desk.reply(handover, STAFF_TEXT)
    assert standin.sent_to(resident)[sent:] == [STAFF_TEXT], stack.problems()
    sent = len(standin.sent_to(resident))
    assert whatsapp(stack, resident, EMERGENCY) == 200
    emergency = standin.sent_to(resident)[sent:]
    assert emergency and "112" in emergency[0], (emergency, stack.problems())
    assert "Dringend: misschien een noodgeval." in desk.get(f"/staff/handover/{handover}")
    sent = len(standin.sent_to(resident))
    desk.hand_back(handover)
    assert any("geeft het gesprek terug" in body for body in standin.sent_to(resident)[sent:])
    sent = len(standin.sent_to(resident))
    assert whatsapp(stack, resident, OPENING_HOURS) == 200
    assert standin.sent_to(resident)[sent:], "the bot answers again after the hand-back"
    assert "470555123" not in "".join(stack.output)


def test_telegram_handover_staff_writes_the_resident_reads_it(stack: RunningStack, standin: ProviderStandIn,
                                                              desk: Desk) -> None:
    chat = 7101
    before = desk.handovers()
    assert telegram(stack, chat, ASK_PERSON, language="uk") == 200, stack.problems()
    handover = _new_handover(desk, before)
    assert "Kanaal: <strong>Telegram</strong>" in desk.get(f"/staff/handover/{handover}")
    desk.take(handover)
    sent = len(standin.telegram_to(str(chat)))
    desk.reply(handover, STAFF_TEXT)
    assert [m["text"] for m in standin.telegram_to(str(chat))[sent:]] == [STAFF_TEXT], stack.problems()
    desk.hand_back(handover)
    sent = len(standin.telegram_to(str(chat)))
    assert telegram(stack, chat, OPENING_HOURS) == 200
    assert standin.telegram_to(str(chat))[sent:], "the bot answers again after the hand-back"


def test_socketio_handover_staff_message_arrives_as_bot_uttered(stack: RunningStack, desk: Desk) -> None:
    session_id = "socket-handover-2"

    async def run() -> Dict[str, Any]:
        loop = asyncio.get_running_loop()
        resident = SocketResident(rasa_url(stack), session_id)
        await resident.connect()
        try:
            before = await loop.run_in_executor(None, desk.handovers)
            offer = await resident.say(ASK_PERSON)
            handover = await loop.run_in_executor(None, _new_handover, desk, before)
            await loop.run_in_executor(None, desk.take, handover)
            start = len(resident.received)
            await loop.run_in_executor(None, desk.reply, handover, STAFF_TEXT)
            await resident._until(lambda: len(resident.received) > start)
            staff = resident.received[start:]
            emergency = await resident.say(EMERGENCY)
            urgent = await loop.run_in_executor(None, desk.get, f"/staff/handover/{handover}")
            await loop.run_in_executor(None, desk.hand_back, handover)
            after = await resident.say(OPENING_HOURS)
            return {"offer": offer, "staff": staff, "emergency": emergency, "urgent": urgent, "after": after}
        finally:
            await resident.close()

    seen = asyncio.run(run())
    assert any(m["metadata"].get("handover") == "requested" for m in seen["offer"]), seen["offer"]
    assert seen["staff"][0]["text"] == STAFF_TEXT and seen["staff"][0]["metadata"]["kind"] == "human", seen
    assert "112" in seen["emergency"][0]["text"], (seen["emergency"], stack.problems())
    assert "Dringend: misschien een noodgeval." in seen["urgent"]
    assert any(m["metadata"].get("topic") == "opening_hours" for m in seen["after"]), seen["after"]


# --- one conversation per channel and sender (issue 18) --------------------------------------------

def user_texts(stack: RunningStack, conversation_id: str) -> List[str]:
    """What the resident wrote in a Rasa conversation, read through Rasa's API."""
    url = (rasa_url(stack) + "/conversations/" + urllib.parse.quote(conversation_id, safe=":+")
           + "/tracker?token=" + RASA_TOKEN)
    with urllib.request.urlopen(url, timeout=30) as response:
        tracker = json.loads(response.read())
    return [e.get("text") for e in tracker.get("events") or [] if e.get("event") == "user"]


def widget_updates(stack: RunningStack, session: str) -> Dict[str, Any]:
    with urllib.request.urlopen(f"{stack.url}/api/chat/updates?session={session}&since=0", timeout=30) as response:
        return json.loads(response.read())


def test_a_widget_session_equal_to_a_telegram_chat_id_does_not_see_or_change_that_chat(
        stack: RunningStack, standin: ProviderStandIn, desk: Desk) -> None:
    chat = 123456789  # a valid widget session id too
    telegram_only = "Dit schrijft de balie alleen aan de Telegram-bewoner."
    before = desk.handovers()
    assert telegram(stack, chat, ASK_PERSON, language="uk") == 200, stack.problems()
    on_telegram = _new_handover(desk, before)
    desk.take(on_telegram)  # the Telegram conversation is now paused, with a staff message in it
    desk.reply(on_telegram, telegram_only)
    sent = len(standin.telegram_to(str(chat)))
    telegram_said = user_texts(stack, f"telegram:{chat}")
    assert telegram_said == [ASK_PERSON]

    answer = stack.chat(str(chat), OPENING_HOURS)  # the widget's session "123456789"
    assert answer["topic"] == "opening_hours" and answer["messages"], answer  # not a paused conversation
    before = desk.handovers()
    stack.chat(str(chat), ASK_PERSON)
    on_widget = _new_handover(desk, before)
    desk.take(on_widget)
    updates = widget_updates(stack, str(chat))
    to_telegram = standin.telegram_to(str(chat))[sent:]
    desk.hand_back(on_widget)
    desk.hand_back(on_telegram)

    assert updates["handover"] == {"state": "active"}
    assert telegram_only not in json.dumps(updates, ensure_ascii=False), updates  # nothing of the Telegram chat
    assert user_texts(stack, f"telegram:{chat}") == telegram_said  # the Telegram conversation is unchanged
    assert OPENING_HOURS in user_texts(stack, str(chat))  # the widget's own conversation
    assert to_telegram == [], "the widget's turns send nothing to the Telegram chat"


def test_a_socketio_client_asking_for_another_channels_sender_id_does_not_get_into_that_conversation(
        stack: RunningStack, standin: ProviderStandIn) -> None:
    phone = "whatsapp:+32470555777"
    chat = 7301
    assert whatsapp(stack, phone, APPOINTMENT) == 200, stack.problems()
    assert telegram(stack, chat, APPOINTMENT) == 200, stack.problems()
    to_phone, to_chat = len(standin.sent_to(phone)), len(standin.telegram_to(str(chat)))

    async def run() -> Dict[str, Any]:
        seen: Dict[str, Any] = {}
        for asked in (phone, f"telegram:{chat}", "+32470555777"):
            resident = SocketResident(rasa_url(stack), asked)
            await resident.connect()
            try:
                seen[asked] = {"confirmed": resident.session_id, "answer": await resident.say(OPENING_HOURS)}
            finally:
                await resident.close()
        same_digits = SocketResident(rasa_url(stack), f"{chat}abcd")  # a valid id: its own conversation
        await same_digits.connect()
        try:
            seen["digits"] = await same_digits.say(OPENING_HOURS)
        finally:
            await same_digits.close()
        sneaky = SocketResident(rasa_url(stack), "socket-sneaky-1")  # skips session_request's check
        await sneaky.connect()
        try:
            await sneaky.client.emit("user_uttered", {"message": OPENING_HOURS, "session_id": phone})
            await asyncio.sleep(5)
            seen["sneaky"] = list(sneaky.received)
        finally:
            await sneaky.close()
        return seen

    seen = asyncio.run(run())
    for asked in (phone, f"telegram:{chat}", "+32470555777"):
        confirmed = seen[asked]["confirmed"]
        assert confirmed != asked and len(confirmed) == 32, confirmed  # a fresh session instead
        assert any(m["metadata"].get("topic") == "opening_hours" for m in seen[asked]["answer"]), \
            (seen[asked], stack.problems())
        assert user_texts(stack, f"socketio:{confirmed}") == [OPENING_HOURS]
    assert any(m["metadata"].get("topic") == "opening_hours" for m in seen["digits"]), seen["digits"]
    assert seen["sneaky"] == [], seen["sneaky"]  # a message naming another channel's sender is ignored
    assert user_texts(stack, phone) == [APPOINTMENT]  # WhatsApp's conversation: untouched
    assert user_texts(stack, f"telegram:{chat}") == [APPOINTMENT]  # Telegram's: untouched
    assert len(standin.sent_to(phone)) == to_phone and len(standin.telegram_to(str(chat))) == to_chat
    assert user_texts(stack, "socketio:" + phone) == []  # nor a socket.io conversation of that name
