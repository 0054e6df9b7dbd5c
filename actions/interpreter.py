"""Social interpreting: action_refer_interpreter, after interpreter_form.

The resident says for which appointment and in which language. The answer
explains that the service of the appointment requests the interpreter, for
free; shows the interpreting services; and leaves a note for the front desk
("Tolk nodig: Tigrinya, een afspraak bij het OCMW (sociaal huis).").
"""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import context
from actions.forms import form_questions
from actions.referral import Referral
from bot.directory.services import find
from bot.language.languages import SUPPORTED


class ActionReferInterpreter(Action):
    def name(self) -> Text:
        return "action_refer_interpreter"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        referral = Referral(tracker, "interpreter")
        question = form_questions().questions["interpreter_service"]
        appointment = question.labels.get(tracker.get_slot("interpreter_service") or "other",
                                          question.labels["other"])
        wanted = tracker.get_slot("interpreter_language")
        if wanted in SUPPORTED:
            language = referral.names().get(wanted, wanted)
        elif isinstance(wanted, str) and wanted and wanted != "unknown":
            language = wanted  # a Dutch name from the form's other_languages
        else:
            language = referral.text("unknown_language")
        services = find(referral.services, ["interpreting"], context.postcode(tracker))
        referral.answer().lines(referral.texts("summary", language=language, appointment=appointment),
                                cue="interpreter_requested")
        await referral.cards(services)
        if services:
            referral.visit(services[0], [referral.text("visit", language=language)])
        await self._note(tracker, referral, referral.text("note", language=language, appointment=appointment),
                         wanted if wanted in SUPPORTED else "other")
        events = await referral.finish(dispatcher)
        return events + [SlotSet("interpreter_service", None), SlotSet("interpreter_language", None)]

    @staticmethod
    async def _note(tracker: Tracker, referral: Referral, text: str, language: str) -> None:
        """The front desk's note (spooled while the database is down)."""
        await context.record("note", now=referral.now, municipality=referral.municipality.slug,
                             kind="interpreter", language=language, text=text,
                             conversation=context.conversation(tracker))
