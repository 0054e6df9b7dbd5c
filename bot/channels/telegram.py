"""Telegram: a bot's webhook, checked with Telegram's secret token, answering through the Bot API.

Credentials (credentials.yml, from TAALBRUG_TELEGRAM_*): `access_token` (from
@BotFather), `secret_token` (any 1-256 characters of A-Z, a-z, 0-9, _ and -;
Telegram sends it back in X-Telegram-Bot-Api-Secret-Token with every update),
optionally `webhook_url` (the public address of /webhooks/telegram/webhook:
Taalbrug registers it with Telegram, with the secret, when Rasa starts) and
`api_url` (Telegram's Bot API, replaced by a stand-in in tests). An update
without the right secret is refused with 403. Buttons are Telegram's inline
buttons (a payload over 64 bytes, Telegram's limit, makes them numbered
choices); the resident's Telegram language is passed on as a language hint,
as the widget passes the browser's. Messages longer than LIMIT are split at
sentence ends (bot/channels/render.py). Rasa's conversation id is
"telegram:<chat id>" (bot/channels/senders.py), so no widget session or
socket.io client can name a Telegram chat; sendMessage gets the bare chat id.

Rasa's TelegramInput checks the bot's user name instead of a secret and
registers the webhook with a blocking call while the app is built; this
channel keeps its name and credentials form and replaces those two parts.
"""

from __future__ import annotations

import hmac
import logging
from typing import Any, Awaitable, Callable, Dict, List, Mapping, Optional, Sequence, Text

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.core.channels.telegram import TelegramInput as RasaTelegramInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.desk_link import DeskLink, Screen
from bot.channels.provider import ProviderSession, SendError, require
from bot.channels.render import parts, read_reply
from bot.channels.senders import TELEGRAM, ForeignSender, bare_id, conversation_id
from bot.messages import Message, from_response, split

logger = logging.getLogger(__name__)

LIMIT = 4096  # characters in one Telegram message
CALLBACK_DATA_LIMIT = 64  # bytes of a button's callback_data
API_URL = "https://api.telegram.org"
REQUIRED = ("access_token", "secret_token")
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
START = "hallo"  # what "/start" (a resident opening the bot) is read as: a greeting


class TelegramOutput(OutputChannel):
    """Sends bot messages with Telegram's sendMessage, split, with inline buttons."""

    @classmethod
    def name(cls) -> Text:
        return "telegram"

    def __init__(self, access_token: str, api_url: str, provider: ProviderSession,
                 desk: Optional[DeskLink] = None) -> None:
        self.access_token = access_token
        self.api_url = api_url.rstrip("/")
        self.provider = provider
        self.screen = Screen(desk)

    async def call(self, method: str, payload: Mapping[str, Any]) -> Any:
        """One Bot API method; its `result`. SendError when Telegram answers not ok."""
        answer = await self.provider.post(f"{self.api_url}/bot{self.access_token}/{method}", json=dict(payload))
        if not isinstance(answer, dict) or not answer.get("ok"):
            raise SendError(f"Telegram refused {method}")
        return answer.get("result")

    @staticmethod
    def chat_id(recipient_id: str) -> str:
        """Telegram's chat id in a conversation id "telegram:<chat id>"; SendError for another channel's."""
        try:
            return bare_id(TELEGRAM, recipient_id)
        except ForeignSender as error:
            raise SendError(f"Telegram: {error}") from None

    async def _send(self, recipient_id: str, message: Message) -> None:
        chat_id = self.chat_id(recipient_id)
        buttons = [b for b in message.buttons if b.get("title")]
        numbered = any(len(str(b.get("payload", "")).encode()) > CALLBACK_DATA_LIMIT for b in buttons)
        for part in parts(message, LIMIT, numbered=numbered):
            payload: Dict[str, Any] = {"chat_id": chat_id, "text": part.text}
            if part.buttons:
                payload["reply_markup"] = {"inline_keyboard": _keyboard(part.buttons)}
            await self.call("sendMessage", payload)

    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        for screened in await self.screen.responses(recipient_id, self.name(), message):
            await self._send(recipient_id, from_response(screened))

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        for part in split(text, LIMIT):
            await self.call("sendMessage", {"chat_id": self.chat_id(recipient_id), "text": part})

    async def send_text_with_buttons(self, recipient_id: Text, text: Text, buttons: Any, **kwargs: Any) -> None:
        await self._send(recipient_id, Message(kind="answer", text=text,
                                               buttons=tuple(b for b in buttons if isinstance(b, dict))))


def _keyboard(buttons: Sequence[Mapping[str, Any]]) -> List[List[Dict[str, str]]]:
    """One inline button per row: titles in other languages are long."""
    return [[{"text": str(b["title"]), "callback_data": str(b.get("payload", b["title"]))}] for b in buttons]


class TelegramInput(RasaTelegramInput):
    """Telegram's webhook: updates with the right secret token become user messages."""

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        settings = require("Telegram", credentials, REQUIRED)
        return cls(str(settings["access_token"]), str(settings["secret_token"]),
                   settings.get("webhook_url") or None, api_url=settings.get("api_url") or API_URL,
                   desk=DeskLink.from_credentials(settings))

    def __init__(self, access_token: Optional[Text], secret_token: Optional[Text], webhook_url: Optional[Text],
                 debug_mode: bool = False, api_url: str = API_URL, desk: Optional[DeskLink] = None) -> None:
        super().__init__(access_token, None, webhook_url, debug_mode)
        self.secret_token = secret_token or ""
        self.api_url = api_url
        self.provider = ProviderSession("Telegram")
        self.desk = desk or DeskLink(None, None)

    def get_output_channel(self) -> TelegramOutput:  # type: ignore[override]
        return TelegramOutput(self.access_token or "", self.api_url, self.provider, self.desk)

    def authentic(self, request: Request) -> bool:
        """Whether the update carries the secret token given to Telegram with the webhook."""
        given = request.headers.get(SECRET_HEADER, "")
        return bool(self.secret_token) and hmac.compare_digest(given.encode(), self.secret_token.encode())

    async def register_webhook(self) -> None:
        """Tell Telegram where to send updates, and with which secret (when webhook_url is set)."""
        if not self.webhook_url:
            return
        try:
            await self.get_output_channel().call("setWebhook", {
                "url": self.webhook_url, "secret_token": self.secret_token,
                "allowed_updates": ["message", "edited_message", "callback_query"]})
            logger.info("Telegram: webhook registered")
        except SendError as error:
            logger.error("Telegram: the webhook could not be registered (%s); updates will not arrive", error)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("telegram_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def message(request: Request) -> HTTPResponse:
            if not self.authentic(request):
                logger.warning("Telegram webhook: an update without the right secret token was refused")
                return response.text("invalid secret token", status=403)
            try:
                update = request.json
            except Exception:  # sanic raises InvalidUsage on a body that is not JSON
                update = None
            if not isinstance(update, dict):
                return response.text("a JSON update is required", status=400)
            incoming = await self.read_update(update)
            if incoming is None:
                return response.text("ignored")  # a sticker, a photo, a join: nothing to answer
            sender_id, text, metadata = incoming
            text = await read_reply(getattr(request.app.ctx, "agent", None), sender_id, text)
            try:
                await on_new_message(UserMessage(text, self.get_output_channel(), sender_id,
                                                 input_channel=self.name(), metadata=metadata))
                await self.desk.after_message(getattr(request.app.ctx, "agent", None), sender_id, self.name())
            except Exception as error:  # logged without the message
                logger.error("Telegram: a message could not be answered: %s",
                             error if isinstance(error, SendError) else type(error).__name__)
                return response.text("not answered", status=500)
            return response.text("success")

        @webhook.listener("before_server_start")
        async def register(*_: Any) -> None:
            await self.register_webhook()

        @webhook.listener("after_server_stop")
        async def close(*_: Any) -> None:
            await self.provider.close()
            await self.desk.close()

        return webhook

    async def read_update(self, update: Mapping[str, Any]) -> Optional[tuple]:
        """(conversation id "telegram:<chat id>", text, metadata) of an update with text or a pressed
        button, else None."""
        query = update.get("callback_query")
        if isinstance(query, dict):
            chat = ((query.get("message") or {}).get("chat") or {}).get("id")
            with_language = query
            text = query.get("data")
            if query.get("id"):
                try:  # stop the button's spinner in the resident's app
                    await self.get_output_channel().call("answerCallbackQuery", {"callback_query_id": query["id"]})
                except SendError as error:
                    logger.warning("Telegram: %s", error)
        else:
            message = update.get("message") or update.get("edited_message")
            if not isinstance(message, dict):
                return None
            chat = (message.get("chat") or {}).get("id")
            with_language = message
            text = message.get("text")
        if chat is None or not isinstance(text, str) or not text.strip():
            return None
        if text.split(maxsplit=1)[0] == "/start":  # what Telegram sends when a resident opens the bot
            text = START
        language = (with_language.get("from") or {}).get("language_code")
        metadata = {"languages": [language]} if isinstance(language, str) and language else {}
        return conversation_id(TELEGRAM, str(chat)), text, metadata
