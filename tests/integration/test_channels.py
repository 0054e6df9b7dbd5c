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
import csv
import itertools
import json
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional

import pytest
import socketio
from sqlalchemy import inspect, text
from twilio.request_validator import RequestValidator

from bot.messages import from_replies
from bot.storage.db import make_engine
from tests.integration.provider_standin import TELEGRAM_TOKEN, TWILIO_SID, TWILIO_TOKEN, ProviderStandIn
from tests.live_stack import RunningStack, start_stack

pytestmark = pytest.mark.integration

TELEGRAM_SECRET = "standin-telegram-secret_1"
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
    )
    yield running
    running.stop()


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
        self.client = socketio.AsyncClient()
        self.client.on("bot_uttered", self.received.append)
        self.client.on("session_confirm", lambda data: self.confirmed.append(data))

    async def connect(self) -> None:
        # Long-polling: the locked python-engineio's websocket client needs aiohttp 3.10 (the
        # server side is not affected; the browser test speaks websocket to it).
        await self.client.connect(self.url, socketio_path="/socket.io", wait_timeout=30, transports=["polling"])
        await self.client.emit("session_request", {"session_id": self.session_id})
        await self._until(lambda: bool(self.confirmed))

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
        await self.client.disconnect()


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
    return asyncio.run(run())


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


def test_socketio_shows_the_handover_message(stack: RunningStack) -> None:
    (answer,) = socket_turns(stack, "socket-handover-1", ["Ik wil met een medewerker praten"])
    assert any(m["metadata"].get("handover") == "requested" and m["text"] for m in answer), answer


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
