"""The one renderer of the messaging channels: a Taalbrug message as the texts a channel sends.

Rasa hands an output channel one response per Taalbrug message (`text`,
`buttons`, the rich data in `custom`; see bot/messages.py). A channel with a
length limit gets the text in parts cut at paragraph and sentence ends; a
channel without buttons gets them as numbered choices ("1. Afspraak maken"),
and a reply of just that number is read as the button (`choice`). A cue in a
right-to-left language is its own message already (`bilingual()`); it starts
with a right-to-left mark so that a messenger aligns it to the right.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable, List, Mapping, Optional, Sequence

from bot.messages import Message, split

RLM = "\u200f"  # RIGHT-TO-LEFT MARK
_NUMBER = re.compile(r"^\s*(\d{1,2})\s*[.)]?\s*$")


@dataclass(frozen=True)
class Part:
    """One message as a channel sends it: its text and, on the last part only, its buttons."""

    text: str
    buttons: Sequence[Mapping[str, str]] = ()


def parts(message: Message, limit: int, numbered: bool) -> List[Part]:
    """`message` as the messages a channel sends: at most `limit` characters each; buttons as
    numbered choices after the text when `numbered`, else on the last part."""
    text = message.text.strip()
    buttons = [b for b in message.buttons if b.get("title")]
    if numbered and buttons:
        text += "\n\n" + "\n".join(f"{n}. {b['title']}" for n, b in enumerate(buttons, 1))
    if message.dir == "rtl":
        limit -= len(RLM)
    texts = [RLM + t if message.dir == "rtl" else t for t in split(text, limit)]
    if not texts:
        return []
    if numbered or not buttons:
        return [Part(t) for t in texts]
    return [Part(t) for t in texts[:-1]] + [Part(texts[-1], tuple(buttons))]


def choice(text: str, buttons: Sequence[Mapping[str, Any]]) -> Optional[str]:
    """The payload of the button a reply such as "2" picks from numbered `buttons`, or None."""
    match = _NUMBER.match(text or "")
    if not match:
        return None
    number = int(match.group(1))
    if 1 <= number <= len(buttons) and isinstance(buttons[number - 1].get("payload"), str):
        return str(buttons[number - 1]["payload"])
    return None


def offered_buttons(events: Iterable[Any]) -> List[Mapping[str, Any]]:
    """The buttons of the bot's latest turn in a tracker's events (Rasa `Event`s or their dicts):
    those of its last message that had any; none once the resident wrote after them."""
    for event in reversed(list(events)):
        data = event.as_dict() if hasattr(event, "as_dict") else event
        if data.get("event") == "user":
            return []
        if data.get("event") == "bot":
            buttons = (data.get("data") or {}).get("buttons")
            if buttons:
                return [b for b in buttons if isinstance(b, dict)]
    return []


async def read_reply(agent: Any, sender_id: str, text: str) -> str:
    """What Rasa should read for a resident's reply on a channel with numbered choices: the payload
    of the button its number picks, else the text as it came. `agent` is Rasa's (app.ctx.agent)."""
    if agent is None or _NUMBER.match(text or "") is None:
        return text
    tracker = await agent.tracker_store.retrieve(sender_id)
    picked = choice(text, offered_buttons(tracker.events)) if tracker is not None else None
    return picked or text
