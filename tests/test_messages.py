"""The one bot message format: the cue decision, and the round trip through Rasa's own channel code."""

from __future__ import annotations

import pytest
from rasa.core.channels.channel import CollectingOutputChannel

from bot.messages import Message, bilingual, from_event, from_replies
from tests.web.conftest import rest_items

LANGUAGE = {"code": "ar", "confidence": 0.9, "source": "detected"}


def test_a_cue_follows_the_dutch_text_only_for_a_resident_who_writes_another_language() -> None:
    assert [m.kind for m in bilingual("Bel 112.", "اتصل بالرقم 112", "ar", "rtl")] == ["answer", "cue"]
    assert [m.kind for m in bilingual("Bel 112.", "Bel 112.", "nl")] == ["answer"]
    assert [m.kind for m in bilingual("Bel 112.", "  ", "ar", "rtl")] == ["answer"]
    cue = bilingual("Bel 112.", "اتصل", "ar", "rtl")[1]
    assert (cue.lang, cue.dir) == ("ar", "rtl")


def test_an_unknown_kind_or_direction_is_refused() -> None:
    with pytest.raises(ValueError, match="kind"):
        Message(kind="shout", text="x")
    with pytest.raises(ValueError, match="direction"):
        Message(kind="answer", text="x", dir="up")


async def _through_rasa(*messages: Message):
    """What Rasa's own collecting (REST) channel makes of the messages the actions send."""
    channel = CollectingOutputChannel()
    for message in messages:
        sent = message.utter()
        await channel.send_response("s", {"text": sent["text"], "buttons": sent["buttons"],
                                          "custom": sent["json_message"]})
    return channel.messages


async def test_every_message_is_a_standard_rasa_message_and_reads_back_whole() -> None:
    messages = [
        Message(kind="answer", text="Eerste alinea.\n\nTweede alinea.", topic="waste", language=LANGUAGE),
        Message(kind="cue", text="الجواب", lang="ar", dir="rtl", topic="waste", language=LANGUAGE),
        Message(kind="prompt", text="Welk niveau?", buttons=({"title": "Beginner", "payload": "/x"},),
                handover="requested"),
    ]
    replies = await _through_rasa(*messages)
    # Any Rasa client sees the whole text and the buttons without knowing Taalbrug.
    assert [r["text"] for r in replies if "text" in r] == ["Eerste alinea.", "Tweede alinea.", "الجواب", "Welk niveau?"]
    assert [r["buttons"] for r in replies if "buttons" in r] == [[{"title": "Beginner", "payload": "/x"}]]
    assert from_replies(replies) == messages
    assert replies == rest_items(*messages)  # the tests' fake Rasa answers as Rasa does


def test_a_plain_rasa_text_without_taalbrug_data_is_an_answer() -> None:
    assert from_replies([{"recipient_id": "s", "text": "Hallo"}]) == [Message(kind="answer", text="Hallo")]


def test_a_stored_bot_event_reads_back_as_its_message() -> None:
    message = Message(kind="human", text="Ik help u.", from_staff=True)
    assert from_event(message.as_event(1.0)) == message
    assert from_event({"event": "user", "text": "hallo"}) is None


def test_a_response_handed_to_an_output_channel_reads_back_as_the_message() -> None:
    from bot.messages import from_response

    sent = Message(kind="cue", text="اتصل بالرقم 112", lang="ar", dir="rtl", topic="emergency")
    utter = sent.utter()
    read = from_response({"text": utter["text"], "buttons": utter["buttons"], "custom": utter["json_message"]})
    assert (read.kind, read.text, read.lang, read.dir, read.topic) == ("cue", sent.text, "ar", "rtl", "emergency")
    foreign = from_response({"text": "Hallo", "custom": {"card": 1}})
    assert (foreign.kind, foreign.lang, foreign.text) == ("answer", "nl", "Hallo")
