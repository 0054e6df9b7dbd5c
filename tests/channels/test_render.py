"""What a resident sees on a messaging channel: messages cut at sentence ends, numbered choices, RTL cues."""

from __future__ import annotations

from rasa.shared.core.events import BotUttered, UserUttered

from bot.channels.render import RLM, choice, offered_buttons, parts
from bot.messages import Message, split

BUTTONS = ({"title": "Afspraak maken", "payload": "/appointment"}, {"title": "Openingsuren", "payload": "/opening_hours"})
LONG = " ".join(f"Dit is zin nummer {n} van een lang antwoord over inburgering." for n in range(60))


def test_a_long_text_is_cut_at_sentence_ends_within_the_limit_and_loses_nothing() -> None:
    pieces = split(LONG, 1600)
    assert len(pieces) == 3 and all(len(p) <= 1600 for p in pieces)
    assert all(p.endswith("inburgering.") for p in pieces)
    assert " ".join(pieces) == LONG


def test_paragraph_ends_come_before_sentence_ends_and_a_short_text_stays_whole() -> None:
    text = "Eerste alinea. Nog een zin.\n\nTweede alinea."
    assert split(text, 30) == ["Eerste alinea. Nog een zin.", "Tweede alinea."]
    assert split(text, 4096) == [text]
    assert split("   ", 10) == []


def test_a_sentence_longer_than_the_limit_is_cut_between_words() -> None:
    pieces = split("een twee drie vier vijf zes zeven acht", 10)
    assert all(len(p) <= 10 for p in pieces) and " ".join(pieces) == "een twee drie vier vijf zes zeven acht"
    assert split("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]


def test_arabic_sentence_ends_count() -> None:
    assert split("هل تحتاج مترجم؟ اتصل بالبلدية.", 20) == ["هل تحتاج مترجم؟", "اتصل بالبلدية."]


def test_buttons_become_numbered_choices_on_a_channel_without_buttons() -> None:
    (part,) = parts(Message(kind="answer", text="Waarmee kan ik helpen?", buttons=BUTTONS), 1600, numbered=True)
    assert part.text == "Waarmee kan ik helpen?\n\n1. Afspraak maken\n2. Openingsuren"
    assert part.buttons == ()


def test_buttons_stay_buttons_on_the_last_part_of_a_channel_with_buttons() -> None:
    pieces = parts(Message(kind="answer", text=LONG, buttons=BUTTONS), 1600, numbered=False)
    assert [bool(p.buttons) for p in pieces] == [False, False, True]


def test_an_rtl_cue_starts_with_a_right_to_left_mark_in_every_part() -> None:
    cue = Message(kind="cue", text="اتصل بالرقم 112. " * 200, lang="ar", dir="rtl")
    pieces = parts(cue, 1600, numbered=True)
    assert len(pieces) > 1 and all(p.text.startswith(RLM) and len(p.text) <= 1600 for p in pieces)
    assert not parts(Message(kind="answer", text="Bel 112."), 1600, True)[0].text.startswith(RLM)


def test_a_number_picks_the_button_and_anything_else_is_text() -> None:
    assert choice("2", BUTTONS) == "/opening_hours"
    assert choice(" 1. ", BUTTONS) == "/appointment"
    assert choice("3", BUTTONS) is None and choice("0", BUTTONS) is None
    assert choice("2 kinderen", BUTTONS) is None and choice("2", ()) is None


def test_the_offered_buttons_are_those_of_the_bots_latest_turn() -> None:
    asked = BotUttered("Waarmee kan ik helpen?", {"buttons": list(BUTTONS)})
    cue = BotUttered("How can I help?", {"buttons": []})
    assert offered_buttons([UserUttered("hallo"), asked, cue]) == list(BUTTONS)
    assert offered_buttons([asked, UserUttered("2")]) == []
    assert offered_buttons([e.as_dict() for e in (UserUttered("hallo"), asked)]) == list(BUTTONS)
