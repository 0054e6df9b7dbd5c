"""The referral forms: what an answer means (validation) and how each question is asked.

interpreter_form asks for which appointment and in which language; the
detected language is suggested and the resident confirms it. learn_dutch_form
asks the level, the time that suits and the postcode. Buttons send the value
itself; typed answers are matched against answers/forms/words.yml in every
language. A message that is no answer:
- an emergency, a request for a person or goodbye: the form lets go, and the
  message is answered as usual (the answer action then ends the form);
- "stop" where no/yes is not an answer: the same;
- a clear other question: it is answered, then the form asks again;
- anything else: the question is asked again. After MAX_TRIES the slot takes a
  neutral value, so the resident always reaches the referral.
"""

from __future__ import annotations

import abc
import re
from typing import Any, Callable, Dict, List, Optional, Text, Tuple

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import context
from bot.content.questions import FormQuestions
from bot.directory.services import FORMATS, LEVELS
from bot.language.languages import DEFAULT, SUPPORTED
from bot.vocabulary import LEAVES_FORM, NO_TOPIC, SMALL_TALK, STOP

CONFIDENT = 0.80  # an other topic at least this sure is a new question
MAX_TRIES = 2
_POSTCODE = re.compile(r"(?<!\d)([1-9]\d{3})(?!\d)")
# What a slot gets when the resident cannot answer it after MAX_TRIES.
NEUTRAL = {
    "interpreter_service": "other",
    "interpreter_language": "unknown",
    "nt2_level": "unknown",
    "nt2_when": "any",
    "postcode": "none",
}


def form_questions() -> FormQuestions:
    """The forms' questions (answers/forms/), which Content.load always reads."""
    forms = context.content().forms
    if forms is None:
        raise RuntimeError("the content has no form questions (answers/forms/)")
    return forms


def _latest(tracker: Tracker) -> Tuple[str, str, float]:
    message = tracker.latest_message or {}
    intent = message.get("intent") or {}
    return str(message.get("text") or ""), str(intent.get("name") or ""), float(intent.get("confidence") or 0.0)


def tries(tracker: Tracker, slot: str) -> int:
    """How many messages the resident has sent since the form first asked for `slot`."""
    count = 0
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            count += 1
        elif event.get("event") == "slot" and event.get("name") == "requested_slot":
            if event.get("value") != slot:
                break
        elif event.get("event") == "active_loop" and not event.get("name"):
            break
    return count


class _ReferralFormValidation(FormValidationAction):
    """Shared extraction: button entities first, then the typed answer, then retry or let go."""

    form_topic = ""  # the form's own topic: its button payloads are answers, not questions

    @abc.abstractmethod
    def name(self) -> Text:
        """validate_<form name>; abstract, so rasa-sdk registers only the real forms."""

    def _extract(
        self,
        tracker: Tracker,
        slot: str,
        from_entity: Callable[[Any], Optional[str]],
        from_text: Callable[[str, str], Optional[str]],
        deny_ends: bool = True,
    ) -> Dict[Text, Any]:
        for value in tracker.get_latest_entity_values(slot):
            checked = from_entity(value)
            if checked is not None:
                return {slot: checked}
        if tracker.get_slot("requested_slot") != slot:
            return {}
        text, intent, confidence = _latest(tracker)
        if intent in LEAVES_FORM or (intent == STOP and deny_ends):
            return {}  # the form lets go; the message is answered as usual
        value = from_text(text, intent)
        if value is not None:
            return {slot: value}
        if intent not in NO_TOPIC | SMALL_TALK and intent != self.form_topic and confidence >= CONFIDENT:
            return {}  # another question: answered first, then this question again
        if tries(tracker, slot) >= MAX_TRIES:
            return {slot: NEUTRAL[slot]}
        return {slot: None}  # asked again

    async def get_validation_events(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        """Extraction already checked every value: pass the extracted slots on as they are."""
        required = await self.required_slots(self.domain_slots(domain), dispatcher, tracker, domain)
        return [SlotSet(name, value) for name, value in tracker.slots_to_validate().items() if name in required]

    @staticmethod
    def _choice(allowed) -> Callable[[Any], Optional[str]]:
        return lambda value: value if value in allowed else None

    def _words(self, tracker: Tracker, slot: str) -> Callable[[str, str], Optional[str]]:
        language = context.language(tracker).code
        return lambda text, intent: form_questions().match(slot, text, language)


class ValidateInterpreterForm(_ReferralFormValidation):
    form_topic = "interpreter"

    def name(self) -> Text:
        return "validate_interpreter_form"

    async def extract_interpreter_service(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        labels = form_questions().questions["interpreter_service"].labels
        return self._extract(tracker, "interpreter_service", self._choice(labels),
                             self._words(tracker, "interpreter_service"))

    async def extract_interpreter_language(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        forms = form_questions()
        for name in tracker.get_latest_entity_values("language"):  # "een tolk Arabisch"
            found = forms.language(str(name))
            if found:
                return {"interpreter_language": found}
        suggested = context.language(tracker).code

        def from_text(text: str, intent: str) -> Optional[str]:
            named = forms.language(text)
            if named:
                return named
            if intent == "affirm" and suggested != DEFAULT:
                return suggested
            return None

        def from_entity(value: Any) -> Optional[str]:
            if value in SUPPORTED or value == "unknown":
                return value
            return forms.language(str(value))

        return self._extract(tracker, "interpreter_language", from_entity, from_text, deny_ends=False)


class ValidateLearnDutchForm(_ReferralFormValidation):
    form_topic = "learn_dutch"

    def name(self) -> Text:
        return "validate_learn_dutch_form"

    async def extract_nt2_level(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        words = self._words(tracker, "nt2_level")

        def from_text(text: str, intent: str) -> Optional[str]:
            return words(text, intent) or {"affirm": "some", "deny": "beginner"}.get(intent)

        return self._extract(tracker, "nt2_level", self._choice(LEVELS), from_text, deny_ends=False)

    async def extract_nt2_when(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        return self._extract(tracker, "nt2_when", self._choice(FORMATS), self._words(tracker, "nt2_when"))

    async def extract_postcode(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        text, _, _ = _latest(tracker)
        if tracker.get_slot("requested_slot") != "postcode" and not text.startswith("/"):
            return {}  # "since 2019" is no postcode: only an answer to the question counts

        def from_entity(value: Any) -> Optional[str]:
            value = str(value)
            return value if value == "none" or _POSTCODE.fullmatch(value) else None

        def from_text(text: str, intent: str) -> Optional[str]:
            found = _POSTCODE.search(text)
            return found.group(1) if found else ("none" if intent == "deny" else None)

        return self._extract(tracker, "postcode", from_entity, from_text, deny_ends=False)


class _Ask:
    """Sends one form question: the Dutch question with buttons, then the cue."""

    @staticmethod
    def send(
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        slot: str,
        lines: Optional[List[str]] = None,
        buttons: Optional[List[Dict[str, str]]] = None,
    ) -> List[Dict[Text, Any]]:
        question = form_questions().questions[slot]
        language = context.language(tracker)
        again = _asked_again(tracker, slot)
        text = " ".join(part for part in [question.again if again else "", *(lines or [question.ask])] if part)
        messages = context.content().say(
            text, "ask_again" if again else question.cue, language.code, context.municipality(tracker),
            kind="prompt", buttons=question.buttons if buttons is None else buttons,
        )
        if context.needs_safety_line(tracker):
            messages += context.content().unsure(language.code, context.municipality(tracker))
        context.send(dispatcher, [m.about(_topic(question.form), language.as_dict()) for m in messages])
        return [SlotSet("language", language.code), SlotSet("language_locked", language.locked)]


def _topic(form: str) -> str:
    return form[: -len("_form")]


def _asked_again(tracker: Tracker, slot: str) -> bool:
    """True when the resident's last message did not answer this very question."""
    if tracker.get_slot("requested_slot") != slot:
        return False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return True
        if event.get("event") == "action" and event.get("name") not in (
            None, "action_listen", "interpreter_form", "learn_dutch_form"
        ):
            return False  # the form resumes after another answer: no "sorry"
    return True


class ActionAskInterpreterService(Action):
    def name(self) -> Text:
        return "action_ask_interpreter_service"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict):
        return _Ask.send(dispatcher, tracker, "interpreter_service")


class ActionAskInterpreterLanguage(Action):
    """Suggests the resident's language ("Is het Tigrinya (ትግርኛ)?") unless they just said no."""

    def name(self) -> Text:
        return "action_ask_interpreter_language"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict):
        question = form_questions().questions["interpreter_language"]
        code = context.language(tracker).code
        _, intent, _ = _latest(tracker)
        if code == DEFAULT or intent == "deny" or _asked_again(tracker, "interpreter_language"):
            return _Ask.send(dispatcher, tracker, "interpreter_language",
                             [question.ask, question.extra["other"]], buttons=[])
        locale = context.content().locale(code)
        language = locale.name_nl or code
        suggest = question.extra["suggest"].format(language=language, endonym=locale.endonym)
        buttons = [
            {"title": question.extra["confirm_button"].format(language=language),
             "payload": f'/interpreter{{"interpreter_language": "{code}"}}'},
            {"title": question.extra["other_button"], "payload": "/deny"},
        ]
        return _Ask.send(dispatcher, tracker, "interpreter_language", [question.ask, suggest], buttons)


class ActionAskNt2Level(Action):
    def name(self) -> Text:
        return "action_ask_nt2_level"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict):
        return _Ask.send(dispatcher, tracker, "nt2_level")


class ActionAskNt2When(Action):
    def name(self) -> Text:
        return "action_ask_nt2_when"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict):
        return _Ask.send(dispatcher, tracker, "nt2_when")


class ActionAskPostcode(Action):
    def name(self) -> Text:
        return "action_ask_postcode"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict):
        return _Ask.send(dispatcher, tracker, "postcode")
