"""Civic integration and welcome: action_refer_civic_integration and action_refer_welcome_newcomer.

Who must or may follow the civic integration programme (inburgering), the
welcome desk and buddy projects, and the next steps, with the municipality's
own services.
"""

from __future__ import annotations

from typing import Any, Dict, List, Sequence, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import context
from actions.referral import Referral
from bot.directory.services import find


async def refer_with_steps(
    dispatcher: CollectingDispatcher, tracker: Tracker, topic: str, kinds: Sequence[str]
) -> List[Dict[Text, Any]]:
    """The answer, the next steps, one card per service of `kinds`, the visit card of the first."""
    referral = Referral(tracker, topic)
    postcode = context.postcode(tracker)
    services = [s for kind in kinds for s in find(referral.services, [kind], postcode)]
    if not services:  # a postcode outside the municipality: show its own services
        services = [s for kind in kinds for s in find(referral.services, [kind])]
    referral.answer().lines(referral.texts("steps"), cue="referral")
    await referral.cards(services)
    if services:
        referral.visit(services[0])
    return await referral.finish(dispatcher)


class ActionReferCivicIntegration(Action):
    def name(self) -> Text:
        return "action_refer_civic_integration"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        return await refer_with_steps(dispatcher, tracker, "civic_integration", ["civic_integration"])


class ActionReferWelcomeNewcomer(Action):
    def name(self) -> Text:
        return "action_refer_welcome_newcomer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        return await refer_with_steps(dispatcher, tracker, "welcome_newcomer", ["welcome", "buddy"])
