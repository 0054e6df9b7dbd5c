"""The one bot message format: what Taalbrug says, and how it travels through Rasa.

A `Message` is one thing the resident sees: a plain Dutch answer, a cue in the
resident's language, a referral card, a form question, an error, or a line
from a staff member. `bilingual()` is the only place that decides whether a
cue follows the Dutch text (not when the resident writes Dutch, not when the
locale has no cue). `utter()` renders a message as a standard Rasa message
(`text` and `buttons`, which every Rasa channel shows as they are) with
Taalbrug's rich data beside it in `custom`; `from_replies()`,
`from_event()` and `from_response()` read it back from Rasa's REST replies,
tracker events and the messages Rasa hands an output channel. `split()` cuts a
text for a channel with a length limit, at paragraph and sentence ends.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

from bot.language.languages import DEFAULT

KINDS = frozenset({"answer", "cue", "referral", "prompt", "error", "human"})
# Rich fields carried in `custom` next to Rasa's standard `text` and `buttons`.
_RICH = ("kind", "lang", "dir", "topic", "language", "handover", "from_staff")
# What marks a `custom` payload as a Taalbrug message (any other custom is foreign).
_MARK = "kind"


@dataclass(frozen=True)
class Message:
    """One bot message: its kind, text, language and direction, buttons and rich data."""

    kind: str  # see KINDS
    text: str
    lang: str = DEFAULT
    dir: str = "ltr"
    buttons: Tuple[Mapping[str, str], ...] = ()
    topic: Optional[str] = None  # the topic id the message answers (None: not understood)
    language: Optional[Mapping[str, Any]] = None  # the conversation's language after this turn
    handover: Optional[str] = None  # "requested" when the message puts the chat on the staff page
    from_staff: bool = False  # written by a staff member during a handover

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown message kind {self.kind!r}")
        if self.dir not in ("ltr", "rtl"):
            raise ValueError(f"direction must be 'ltr' or 'rtl', not {self.dir!r}")
        object.__setattr__(self, "buttons", tuple(dict(b) for b in self.buttons))

    def about(self, topic: Optional[str], language: Optional[Mapping[str, Any]]) -> "Message":
        """This message, marked with the topic it answers and the conversation's language."""
        return replace(self, topic=topic, language=dict(language) if language else None)

    def as_chat(self) -> Dict[str, Any]:
        """The message as the chat API (/api/chat) returns it."""
        return {"kind": self.kind, "text": self.text, "lang": self.lang, "dir": self.dir,
                "buttons": [dict(b) for b in self.buttons]}

    def custom(self) -> Dict[str, Any]:
        """Taalbrug's rich data, sent in Rasa's `custom` beside the standard text."""
        data = {name: getattr(self, name) for name in _RICH}
        return {k: v for k, v in data.items() if v not in (None, False)}

    def utter(self) -> Dict[str, Any]:
        """Keyword arguments for rasa-sdk's `dispatcher.utter_message`: a standard Rasa message."""
        return {"text": self.text, "buttons": [dict(b) for b in self.buttons], "json_message": self.custom()}

    def as_event(self, timestamp: float) -> Dict[str, Any]:
        """A Rasa `bot` event carrying this message (for messages appended from outside a turn)."""
        return {"event": "bot", "text": self.text, "timestamp": timestamp,
                "data": {"buttons": [dict(b) for b in self.buttons], "custom": self.custom()}}


def bilingual(
    dutch: str,
    cue: Optional[str],
    locale_code: str,
    locale_dir: str = "ltr",
    kind: str = "answer",
    buttons: Sequence[Mapping[str, str]] = (),
    cue_kind: str = "cue",
) -> List[Message]:
    """The Dutch text, then the cue in the resident's language unless they write Dutch or there is none.

    This is the one place where that is decided. An error's translation keeps the kind `error`
    (`cue_kind`), so that the widget shows it as one.
    """
    messages = [Message(kind=kind, text=dutch, lang=DEFAULT, buttons=tuple(buttons))]
    if locale_code != DEFAULT and cue and cue.strip():
        messages.append(Message(kind=cue_kind, text=cue, lang=locale_code, dir=locale_dir))
    return messages


def _from_parts(text: str, buttons: Any, custom: Mapping[str, Any]) -> Message:
    kind = custom.get("kind")
    language = custom.get("language")
    return Message(
        kind=kind if kind in KINDS else "answer",
        text=text,
        lang=str(custom.get("lang") or DEFAULT),
        dir="rtl" if custom.get("dir") == "rtl" else "ltr",
        buttons=tuple(b for b in (buttons if isinstance(buttons, list) else []) if isinstance(b, dict)),
        topic=custom["topic"] if isinstance(custom.get("topic"), str) else None,
        language=language if isinstance(language, dict) else None,
        handover=custom["handover"] if isinstance(custom.get("handover"), str) else None,
        from_staff=custom.get("from_staff") is True,
    )


def from_replies(items: Iterable[Mapping[str, Any]]) -> List[Message]:
    """Messages from Rasa's REST replies.

    Rasa's collecting channel sends a message as a text item (split at blank
    lines; with the buttons) followed by a `custom` item: the text items before
    a Taalbrug `custom` are that message's text. Text without a custom after it
    is a plain answer.
    """
    messages: List[Message] = []
    pending: List[Mapping[str, Any]] = []
    for item in items:
        custom = item.get("custom")
        if isinstance(custom, dict) and custom.get(_MARK) in KINDS:
            text = "\n\n".join(str(p.get("text")) for p in pending)
            buttons = [b for p in pending for b in (p.get("buttons") or [])]
            messages.append(_from_parts(text, buttons, custom))
            pending = []
        elif isinstance(item.get("text"), str):
            pending.append(item)
    messages.extend(_from_parts(str(p["text"]), p.get("buttons"), {}) for p in pending)
    return [m for m in messages if m.text]


def from_event(event: Mapping[str, Any]) -> Optional[Message]:
    """The message of a Rasa `bot` event, or None for any other event."""
    if event.get("event") != "bot":
        return None
    data = event.get("data")
    if not isinstance(data, dict):
        data = {}
    custom = data.get("custom")
    if not isinstance(custom, dict):
        custom = {}
    return _from_parts(str(event.get("text") or ""), data.get("buttons"), custom)


def from_response(response: Mapping[str, Any]) -> Message:
    """The message of one response Rasa hands an output channel (`text`, `buttons`, `custom`)."""
    custom = response.get("custom")
    if not isinstance(custom, dict) or custom.get(_MARK) not in KINDS:
        custom = {}
    return _from_parts(str(response.get("text") or ""), response.get("buttons"), custom)


# A sentence ends at . ! ? … (and the Arabic, Armenian and Ethiopic marks) before white space.
_SENTENCE_END = re.compile(r"(?<=[.!?…؟։።])(\s+)")


def split(text: str, limit: int) -> List[str]:
    """`text` in parts of at most `limit` characters, for a channel with a length limit.

    Parts end at a paragraph end where one fits, else at a sentence end, else
    between words; only a single word longer than `limit` is cut inside. No
    character but the white space between parts is lost.
    """
    if limit < 1:
        raise ValueError(f"limit must be at least 1, not {limit}")
    text = text.strip()
    if len(text) <= limit:
        return [text] if text else []
    parts: List[str] = []
    for paragraph in re.split(r"\n\s*\n", text):
        _pack(_SENTENCE_END.split(paragraph.strip()), limit, parts, "\n\n")
    return parts


def _pack(pieces: List[str], limit: int, parts: List[str], joiner: str) -> None:
    """Append `pieces` (texts alternating with the white space between them) to `parts`, filling
    the last part up to `limit`: `joiner` separates this block from the part before it."""
    first = True
    for index in range(0, len(pieces), 2):
        piece, space = pieces[index], (pieces[index + 1] if index + 1 < len(pieces) else " ")
        if not piece:
            continue
        glue = joiner if first else space
        first = False
        if parts and len(parts[-1]) + len(glue) + len(piece) <= limit:
            parts[-1] += glue + piece
        elif len(piece) <= limit:
            parts.append(piece)
        elif " " in piece.strip() or "\n" in piece.strip():  # a sentence too long: between its words
            _pack(re.split(r"(\s+)", piece), limit, parts, glue)
        else:  # one word too long
            parts.extend(piece[i:i + limit] for i in range(0, len(piece), limit))


def latest(messages: Sequence[Message], field_name: str) -> Any:
    """The last non-empty value of a rich field (`topic`, `language`, ...) over a turn's messages."""
    for message in reversed(messages):
        value = getattr(message, field_name)
        if value:
            return value
    return None
