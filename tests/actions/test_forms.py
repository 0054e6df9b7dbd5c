"""The referral forms understand buttons and typed answers in many languages, and let go when they should."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk.executor import CollectingDispatcher

from actions.forms import (
    ActionAskInterpreterLanguage,
    ActionAskNt2When,
    ValidateInterpreterForm,
    ValidateLearnDutchForm,
)
from tests.actions.trackers import asking, domain, lang, sent, tracker


async def validate(action, track) -> Dict[str, Any]:
    """The slots the validation action sets for this message ({} means: the form lets go)."""
    events = await action.run(CollectingDispatcher(), track, domain())
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


async def ask(action, track) -> List[Dict[str, Any]]:
    dispatcher = CollectingDispatcher()
    await action.run(dispatcher, track, domain())
    return sent(dispatcher)


def answering(slot: str, text: str, intent: str = "nlu_fallback", **kwargs: Any):
    slots = {"requested_slot": slot, **kwargs.pop("slots", {})}
    return tracker(text, intent, slots=slots, events=asking(slot), active_loop="form", **kwargs)


# interpreter_form ---------------------------------------------------------


async def test_a_typed_appointment_is_understood_in_several_languages(database_url: str) -> None:
    form = ValidateInterpreterForm()
    assert await validate(form, answering("interpreter_service", "bij het OCMW")) == {
        "interpreter_service": "social_house"}
    assert await validate(form, answering("interpreter_service", "at my kid's school", language=lang("en"))) == {
        "interpreter_service": "school"}
    assert await validate(form, answering("interpreter_service", "rendez-vous à l'hôpital", language=lang("fr"))) == {
        "interpreter_service": "health"}


async def test_a_button_fills_the_slot_even_as_the_first_message(database_url: str) -> None:
    button = tracker('/interpreter{"interpreter_service": "school"}', "interpreter",
                     entities=[{"entity": "interpreter_service", "value": "school"}])
    assert await validate(ValidateInterpreterForm(), button) == {"interpreter_service": "school"}
    forged = tracker('/interpreter{"interpreter_service": "<script>"}', "interpreter",
                     entities=[{"entity": "interpreter_service", "value": "<script>"}])
    assert await validate(ValidateInterpreterForm(), forged) == {}


async def test_the_detected_language_is_suggested_and_confirmed(database_url: str) -> None:
    tigrinya = lang("ti")
    messages = await ask(ActionAskInterpreterLanguage(),
                         tracker("ንቆጸራይ ተርጓሚ የድልየኒ እዩ", "interpreter", language=tigrinya))
    prompt, cue = messages
    assert prompt["kind"] == "prompt" and "Is het Tigrinya (ትግርኛ)?" in prompt["text"]
    assert prompt["buttons"][0] == {"title": "Ja, Tigrinya",
                                   "payload": '/interpreter{"interpreter_language": "ti"}'}
    assert cue["kind"] == "cue" and cue["lang"] == "ti"
    yes = answering("interpreter_language", "እወ", "affirm", language=tigrinya)
    assert await validate(ValidateInterpreterForm(), yes) == {"interpreter_language": "ti"}


async def test_saying_no_to_the_suggestion_asks_for_the_language_by_name(database_url: str) -> None:
    form = ValidateInterpreterForm()
    no = answering("interpreter_language", "nee", "deny", language=lang("ar"))
    assert await validate(form, no) == {"interpreter_language": None}
    prompt = (await ask(ActionAskInterpreterLanguage(), no))[0]
    assert "Typ de naam van de taal" in prompt["text"] and prompt["buttons"] == []
    assert await validate(form, answering("interpreter_language", "Dari alstublieft")) == {
        "interpreter_language": "Dari"}
    assert await validate(form, answering("interpreter_language", "ትግርኛ")) == {"interpreter_language": "ti"}
    assert await validate(form, answering("interpreter_language", "arabisch")) == {"interpreter_language": "ar"}


async def test_a_language_named_in_the_first_message_is_taken(database_url: str) -> None:
    first = tracker("ik heb een tolk Arabisch nodig", "interpreter",
                    entities=[{"entity": "language", "value": "Arabisch"}])
    assert await validate(ValidateInterpreterForm(), first) == {"interpreter_language": "ar"}


# learn_dutch_form ---------------------------------------------------------


async def test_yes_and_no_answer_the_level_question(database_url: str) -> None:
    form = ValidateLearnDutchForm()
    assert await validate(form, answering("nt2_level", "ja", "affirm")) == {"nt2_level": "some"}
    assert await validate(form, answering("nt2_level", "nee", "deny")) == {"nt2_level": "beginner"}
    assert await validate(form, answering("nt2_level", "ik spreek niet goed nederlands")) == {
        "nt2_level": "beginner"}


async def test_when_is_understood_typed_or_clicked(database_url: str) -> None:
    form = ValidateLearnDutchForm()
    assert await validate(form, answering("nt2_when", "'s avonds na het werk")) == {"nt2_when": "evening"}
    assert await validate(form, answering("nt2_when", "online from home", language=lang("en"))) == {
        "nt2_when": "online"}
    click = answering("nt2_when", '/learn_dutch{"nt2_when": "weekend"}', "learn_dutch",
                      entities=[{"entity": "nt2_when", "value": "weekend"}])
    assert await validate(form, click) == {"nt2_when": "weekend"}


async def test_a_postcode_counts_only_as_an_answer(database_url: str) -> None:
    form = ValidateLearnDutchForm()
    assert await validate(form, answering("postcode", "ik woon in 9999")) == {"postcode": "9999"}
    assert await validate(form, answering("postcode", "nee", "deny")) == {"postcode": "none"}
    # "since 2019" in the first message is no postcode.
    first = tracker("ik woon hier sinds 2019 en wil Nederlands leren", "learn_dutch",
                    entities=[{"entity": "postcode", "value": "2019"}])
    assert "postcode" not in await validate(form, first)


# leaving, retrying --------------------------------------------------------


async def test_an_emergency_or_stop_lets_the_form_go(database_url: str) -> None:
    form = ValidateLearnDutchForm()
    assert await validate(form, answering("nt2_when", "help, brand!", "emergency")) == {}
    assert await validate(form, answering("nt2_when", "stop", "deny")) == {}
    assert await validate(form, answering("nt2_when", "ik wil een medewerker", "ask_human")) == {}


async def test_a_clear_other_question_is_answered_first(database_url: str) -> None:
    other = answering("nt2_when", "waar moet ik met mijn grofvuil naartoe", "waste", confidence=0.93)
    assert await validate(ValidateLearnDutchForm(), other) == {}


async def test_an_answer_not_understood_is_asked_again_then_given_a_neutral_value(database_url: str) -> None:
    form = ValidateLearnDutchForm()
    once = answering("nt2_when", "hmm tja")
    assert await validate(form, once) == {"nt2_when": None}
    messages = await ask(ActionAskNt2When(), once)
    assert messages[0]["text"].startswith("Sorry, dat begreep ik niet.")
    twice = tracker("weet ik veel", "nlu_fallback", slots={"requested_slot": "nt2_when"}, active_loop="form",
                    events=asking("nt2_when") + [{"event": "user", "text": "hmm tja"}] + asking("nt2_when"))
    assert await validate(form, twice) == {"nt2_when": "any"}


async def test_the_question_comes_with_buttons_and_a_cue_in_the_residents_language(database_url: str) -> None:
    messages = await ask(ActionAskNt2When(), tracker("أريد تعلم الهولندية", "learn_dutch", language=lang("ar")))
    prompt, cue = messages
    assert prompt["text"] == "Wanneer wilt u les volgen?" and prompt["lang"] == "nl"
    assert [b["title"] for b in prompt["buttons"]] == ["Overdag", "'s Avonds", "In het weekend", "Online"]
    assert cue["lang"] == "ar" and cue["dir"] == "rtl" and cue["text"]
    assert prompt["topic"] == "learn_dutch"
