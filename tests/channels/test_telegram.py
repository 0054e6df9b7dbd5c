"""Telegram updates become user messages of "telegram:<chat id>" with the resident's language hint; answers go
to the bare chat id and carry inline buttons."""

from __future__ import annotations

import asyncio
from typing import Any, Dict, List

import pytest

from bot.channels.provider import SendError
from bot.channels.telegram import TelegramInput, TelegramOutput
from bot.messages import Message


class RecordingProvider:
    def __init__(self) -> None:
        self.posts: List[Dict[str, Any]] = []

    async def post(self, url: str, **kwargs: Any) -> Any:
        self.posts.append({"url": url, **kwargs})
        return {"ok": True, "result": True}


def _channel() -> TelegramInput:
    channel = TelegramInput.from_credentials({"access_token": "1:t", "secret_token": "s", "api_url": "http://standin"})
    assert isinstance(channel, TelegramInput)
    channel.provider = RecordingProvider()  # type: ignore[assignment]
    return channel


def test_a_text_message_becomes_the_chat_its_text_and_its_language_hint() -> None:
    update = {"update_id": 1, "message": {"message_id": 1, "chat": {"id": 42}, "text": "Salut",
                                          "from": {"id": 42, "language_code": "fr"}}}
    assert asyncio.run(_channel().read_update(update)) == ("telegram:42", "Salut", {"languages": ["fr"]})


def test_start_is_a_greeting_and_a_sticker_is_ignored() -> None:
    start = {"message": {"chat": {"id": 1}, "text": "/start", "from": {"id": 1}}}
    assert asyncio.run(_channel().read_update(start)) == ("telegram:1", "hallo", {})
    assert asyncio.run(_channel().read_update({"message": {"chat": {"id": 1}, "sticker": {}}})) is None


def test_a_pressed_button_is_its_payload_and_its_spinner_is_stopped() -> None:
    channel = _channel()
    update = {"callback_query": {"id": "99", "data": "/opening_hours", "from": {"id": 5},
                                 "message": {"chat": {"id": 5}}}}
    assert asyncio.run(channel.read_update(update)) == ("telegram:5", "/opening_hours", {})
    assert channel.provider.posts[0]["url"] == "http://standin/bot1:t/answerCallbackQuery"  # type: ignore[attr-defined]


def test_buttons_are_inline_buttons_unless_a_payload_is_too_long_for_telegram() -> None:
    provider = RecordingProvider()
    output = TelegramOutput("1:t", "http://standin", provider)  # type: ignore[arg-type]
    short = Message(kind="answer", text="Kies.", buttons=({"title": "Uren", "payload": "/opening_hours"},))
    asyncio.run(output.send_response("telegram:5", {"text": short.text, "buttons": list(short.buttons),
                                           "custom": short.custom()}))
    sent = provider.posts[-1]["json"]
    assert sent["text"] == "Kies." and sent["reply_markup"] == {
        "inline_keyboard": [[{"text": "Uren", "callback_data": "/opening_hours"}]]}
    long = Message(kind="answer", text="Kies.", buttons=({"title": "Tolk", "payload": "/x{" + "a" * 70 + "}"},))
    asyncio.run(output.send_response("telegram:5", {"text": long.text, "buttons": list(long.buttons),
                                           "custom": long.custom()}))
    assert provider.posts[-1]["json"] == {"chat_id": "5", "text": "Kies.\n\n1. Tolk"}


def test_answers_go_to_the_bare_chat_id_and_never_to_another_channels_conversation() -> None:
    provider = RecordingProvider()
    output = TelegramOutput("1:t", "http://standin", provider)  # type: ignore[arg-type]
    asyncio.run(output.send_text_message("telegram:-1001234", "Hallo"))
    assert provider.posts == [{"url": "http://standin/bot1:t/sendMessage",
                               "json": {"chat_id": "-1001234", "text": "Hallo"}}]
    for foreign in ("123456789", "socketio:123456789", "whatsapp:+32470000001"):
        with pytest.raises(SendError):
            asyncio.run(output.send_text_message(foreign, "Hallo"))
    assert len(provider.posts) == 1
