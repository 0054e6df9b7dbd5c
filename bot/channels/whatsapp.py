"""WhatsApp (and SMS) through Twilio: Rasa's Twilio channel with the webhook signature checked.

Credentials (credentials.yml, from TAALBRUG_TWILIO_* and TAALBRUG_WHATSAPP_*):
`account_sid`, `auth_token`, `twilio_number` (such as "whatsapp:+3225550100"),
and optionally `webhook_url` (the public address Twilio calls, which Twilio
signs; by default the address the request came in on) and `api_url` (Twilio's
API, replaced by a stand-in in tests). A request without a valid
X-Twilio-Signature is refused with 403. A message from "whatsapp:+..." counts
as channel `whatsapp`, one from a bare number as `sms`. WhatsApp has no buttons
here: they are sent as numbered choices and a reply "2" picks the second.
Messages longer than LIMIT are split at sentence ends (bot/channels/render.py).
The sender's number is Rasa's sender id; it is never logged here.
"""

from __future__ import annotations

import logging
from typing import Any, Awaitable, Callable, Dict, Optional, Text

import aiohttp
from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.core.channels.twilio import TwilioInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from twilio.request_validator import RequestValidator

from bot.channels.desk_link import DeskLink, Screen
from bot.channels.provider import ProviderSession, SendError, require
from bot.channels.render import parts, read_reply
from bot.messages import Message, from_response, split

logger = logging.getLogger(__name__)

LIMIT = 1600  # characters in one Twilio message body
API_URL = "https://api.twilio.com"
REQUIRED = ("account_sid", "auth_token", "twilio_number")
EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'


class WhatsAppOutput(OutputChannel):
    """Sends bot messages through Twilio's Messages API, split and with numbered choices."""

    @classmethod
    def name(cls) -> Text:
        return "whatsapp"

    def __init__(self, account_sid: str, auth_token: str, twilio_number: str, api_url: str,
                 provider: ProviderSession, desk: Optional[DeskLink] = None) -> None:
        self.account_sid = account_sid
        self.auth_token = auth_token
        self.twilio_number = twilio_number
        self.api_url = api_url.rstrip("/")
        self.provider = provider
        self.screen = Screen(desk)

    def _sender_for(self, recipient_id: str) -> str:
        """Reply from the WhatsApp address when the resident wrote on WhatsApp, else from the number."""
        number = self.twilio_number.split(":", 1)[-1]
        return f"whatsapp:{number}" if recipient_id.startswith("whatsapp:") else number

    async def _send(self, recipient_id: str, body: str) -> None:
        await self.provider.post(
            f"{self.api_url}/2010-04-01/Accounts/{self.account_sid}/Messages.json",
            data={"To": recipient_id, "From": self._sender_for(recipient_id), "Body": body},
            auth=aiohttp.BasicAuth(self.account_sid, self.auth_token),
        )

    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        channel = "whatsapp" if recipient_id.startswith("whatsapp:") else "sms"
        for screened in await self.screen.responses(recipient_id, channel, message):
            for part in parts(from_response(screened), LIMIT, numbered=True):
                await self._send(recipient_id, part.text)

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        for part in split(text, LIMIT):
            await self._send(recipient_id, part)

    async def send_text_with_buttons(self, recipient_id: Text, text: Text, buttons: Any, **kwargs: Any) -> None:
        message = Message(kind="answer", text=text, buttons=tuple(b for b in buttons if isinstance(b, dict)))
        for part in parts(message, LIMIT, numbered=True):
            await self._send(recipient_id, part.text)


class WhatsAppInput(TwilioInput):
    """Twilio's webhook for WhatsApp and SMS, refusing requests without a valid signature."""

    @classmethod
    def name(cls) -> Text:
        return "whatsapp"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        settings = require("WhatsApp (Twilio)", credentials, REQUIRED)
        return cls(str(settings["account_sid"]), str(settings["auth_token"]), str(settings["twilio_number"]),
                   webhook_url=settings.get("webhook_url") or None, api_url=settings.get("api_url") or API_URL,
                   desk=DeskLink.from_credentials(settings))

    def __init__(self, account_sid: Optional[Text], auth_token: Optional[Text], twilio_number: Optional[Text],
                 debug_mode: bool = False, webhook_url: Optional[str] = None, api_url: str = API_URL,
                 desk: Optional[DeskLink] = None) -> None:
        super().__init__(account_sid, auth_token, twilio_number, debug_mode)
        self.webhook_url = webhook_url
        self.api_url = api_url
        self.provider = ProviderSession("Twilio")
        self.validator = RequestValidator(auth_token or "")
        self.desk = desk or DeskLink(None, None)

    def get_output_channel(self) -> OutputChannel:
        return WhatsAppOutput(self.account_sid or "", self.auth_token or "", self.twilio_number or "",
                              self.api_url, self.provider, self.desk)

    def signed(self, request: Request) -> bool:
        """Whether X-Twilio-Signature signs this request's address and form with the auth token."""
        signature = request.headers.get("X-Twilio-Signature", "")
        url = self.webhook_url or request.url
        return bool(signature) and self.validator.validate(url, request.form, signature)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("whatsapp_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def message(request: Request) -> HTTPResponse:
            if not self.signed(request):
                logger.warning("WhatsApp webhook: a request without a valid X-Twilio-Signature was refused")
                return response.text("invalid signature", status=403)
            sender = request.form.get("From")
            text = request.form.get("Body")
            if not sender or text is None:
                return response.text("From and Body are required", status=400)
            text = await read_reply(getattr(request.app.ctx, "agent", None), sender, text.replace("¡", "@"))
            channel = "whatsapp" if sender.startswith("whatsapp:") else "sms"
            try:
                await on_new_message(UserMessage(text, self.get_output_channel(), sender, input_channel=channel,
                                                 metadata=self.get_metadata(request)))
                await self.desk.after_message(getattr(request.app.ctx, "agent", None), sender, channel)
            except Exception as error:  # logged without the message or the sender's number
                logger.error("WhatsApp: a message could not be answered: %s",
                             error if isinstance(error, SendError) else type(error).__name__)
                return response.text("not answered", status=500)
            return response.text(EMPTY_TWIML, content_type="text/xml")

        @webhook.listener("after_server_stop")
        async def close(*_: Any) -> None:
            await self.provider.close()
            await self.desk.close()

        return webhook
