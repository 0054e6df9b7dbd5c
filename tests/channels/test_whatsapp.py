"""WhatsApp messages go to Twilio split to its limit, with numbered choices, from the right address."""

from __future__ import annotations

import asyncio
from typing import Any, Dict, List

import pytest
from rasa.shared.exceptions import RasaException

from bot.channels.whatsapp import LIMIT, WhatsAppInput, WhatsAppOutput
from bot.messages import Message


class RecordingProvider:
    def __init__(self) -> None:
        self.posts: List[Dict[str, Any]] = []

    async def post(self, url: str, **kwargs: Any) -> Any:
        self.posts.append({"url": url, **kwargs})
        return {"sid": "SM1"}


def _send(message: Message, to: str = "whatsapp:+32470000001") -> List[Dict[str, Any]]:
    provider = RecordingProvider()
    output = WhatsAppOutput("AC1", "token", "whatsapp:+3225550100", "http://standin/", provider)  # type: ignore[arg-type]
    utter = message.utter()
    asyncio.run(output.send_response(to, {"text": utter["text"], "buttons": utter["buttons"],
                                          "custom": utter["json_message"]}))
    return provider.posts


def test_an_answer_with_buttons_is_one_message_with_numbered_choices() -> None:
    (post,) = _send(Message(kind="answer", text="Welkom.", buttons=({"title": "Afspraak", "payload": "/a"},)))
    assert post["url"] == "http://standin/2010-04-01/Accounts/AC1/Messages.json"
    assert post["data"] == {"To": "whatsapp:+32470000001", "From": "whatsapp:+3225550100",
                            "Body": "Welkom.\n\n1. Afspraak"}


def test_a_long_answer_is_several_messages_within_twilios_limit() -> None:
    posts = _send(Message(kind="answer", text="Een zin over de eID en de gemeente. " * 120))
    assert len(posts) == 3 and all(len(p["data"]["Body"]) <= LIMIT for p in posts)


def test_an_sms_resident_is_answered_from_the_bare_number() -> None:
    (post,) = _send(Message(kind="answer", text="Welkom."), to="+32470000001")
    assert post["data"]["From"] == "+3225550100"


def test_missing_credentials_name_what_is_missing() -> None:
    with pytest.raises(RasaException, match="auth_token"):
        WhatsAppInput.from_credentials({"account_sid": "AC1", "twilio_number": "whatsapp:+32"})
