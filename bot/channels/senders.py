"""Which conversation id each channel gives Rasa: one namespace per channel, so no channel can name another's.

Rasa keys a conversation by its sender id alone. The widget's session ids
(`SESSION_ID`: 8-128 of A-Z, a-z, 0-9, _ and -, chosen by the browser) would
otherwise share one space with Telegram's chat ids (digits) and socket.io's
client-chosen session ids: a widget session "123456789" would write into
Telegram chat 123456789, and a socket.io client could ask for
"whatsapp:+32..." and join that resident's conversation. So:

- the widget (bot/web/chat.py) uses its session id as it is: no ':' and no '+';
- Telegram uses `telegram:<chat id>` and socket.io `socketio:<session id>`
  (`conversation_id`); their output channels strip the prefix again
  (`bare_id`) where they talk to the provider or the room;
- Twilio's senders already carry characters no other channel produces:
  WhatsApp `whatsapp:+32...` and SMS `+32...` (a '+' is in no other namespace).

The staff desk (bot/channels/desk_link.py, bot/web/desk_api.py) and the
tracker store only ever see these conversation ids (hashed when stored).
"""

from __future__ import annotations

import re

SESSION_ID = re.compile(r"^[A-Za-z0-9_-]{8,128}$")  # a widget's or a socket.io client's session id

TELEGRAM = "telegram"
SOCKETIO = "socketio"
PREFIXED = (TELEGRAM, SOCKETIO)  # the channels whose ids Rasa gets as "<channel>:<id>"


class ForeignSender(ValueError):
    """A conversation id that is not in the namespace of the channel asked to reach it."""


def conversation_id(channel: str, bare: str) -> str:
    """The sender id Rasa gets for `bare` (a chat id, a session id) on `channel` (one of PREFIXED)."""
    if channel not in PREFIXED:
        raise ValueError(f"the {channel!r} channel has no sender namespace of its own")
    if not bare:
        raise ValueError(f"an empty {channel} id")
    return f"{channel}:{bare}"


def bare_id(channel: str, sender_id: str) -> str:
    """The chat or session id in `sender_id` as `channel`'s provider or room knows it; ForeignSender
    when the conversation is not one of `channel`'s (it is never sent there)."""
    prefix = f"{channel}:"
    if channel not in PREFIXED or not sender_id.startswith(prefix) or len(sender_id) == len(prefix):
        raise ForeignSender(f"not a {channel} conversation")
    return sender_id[len(prefix):]
