"""Learning Dutch (NT2): action_refer_learn_dutch, after learn_dutch_form.

With the resident's level, the time that suits them and their postcode, the
answer gives the Huis van het Nederlands intake (hours, what to bring, the
languages spoken, live places when published), the courses that fit, and
practice opportunities such as a conversation table.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import context
from actions.forms import form_questions
from actions.referral import Referral
from bot.directory.services import FORMATS, LEVELS, find

MAX_PRACTICE = 2


class ActionReferLearnDutch(Action):
    def name(self) -> Text:
        return "action_refer_learn_dutch"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        referral = Referral(tracker, "learn_dutch")
        questions = form_questions().questions
        level = _known(tracker.get_slot("nt2_level"), LEVELS)
        when = _known(tracker.get_slot("nt2_when"), FORMATS)
        postcode = context.postcode(tracker)
        services = referral.services

        lines = referral.texts(
            "summary",
            when=questions["nt2_when"].labels[when] if when else referral.text("any_time"),
            level=questions["nt2_level"].labels[level] if level else referral.text("any_level"),
        )
        intake = find(services, ["nt2_intake"], postcode)
        if postcode and not intake:
            lines.append(referral.text("elsewhere", postcode=postcode))
            postcode = None  # show the municipality's own services instead
            intake = find(services, ["nt2_intake"])
        referral.answer().lines([line.strip() for line in lines], cue="referral")
        await referral.cards(intake[:1])

        courses = find(services, ["nt2", "basic_education"], postcode, level, when)
        if courses:
            referral.lines([referral.text("courses")] + [
                "- " + referral.text("course", name=c.name, organisation=c.organisation,
                                     address=c.address, phone=c.phone)
                for c in courses
            ])
            referral.shown.extend(c.id for c in courses)
        practice = find(services, ["practice"], postcode, fmt=when) or find(services, ["practice"], postcode)
        if practice:
            referral.lines([referral.text("practice")])
            await referral.cards(practice[:MAX_PRACTICE])
        if intake:
            referral.visit(intake[0])
        events = await referral.finish(dispatcher)
        return events + [SlotSet("nt2_level", None), SlotSet("nt2_when", None)]


def _known(value: Optional[str], allowed) -> Optional[str]:
    return value if value in allowed else None
