"""Answer a topic in plain Dutch with a cue in the resident's language (dialogue and FAQ topics)."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime
from typing import Any, Dict, List, Text
from zoneinfo import ZoneInfo

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import context
from bot.storage.counts import record_topic

logger = logging.getLogger(__name__)

ENDS_FORM = frozenset({"emergency", "deny", "goodbye", "ask_human"})


class ActionAnswerTopic(Action):
    """Sends the topic's answer and cue; also answers when the dialogue fell back."""

    def name(self) -> Text:
        return "action_answer_topic"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        language = context.language(tracker)
        municipality = context.municipality(tracker)
        topic = context.topic(tracker)
        content = context.content()
        answered = topic if topic in content.answers else "nlu_fallback"
        for message in content.compose(answered, language.code, municipality):
            dispatcher.utter_message(
                json_message={
                    **message.as_dict(),
                    "language": language.as_dict(),
                    # nlu_fallback is no topic: the chat API reports null.
                    "topic": None if answered == "nlu_fallback" else answered,
                }
            )
        await self._count(tracker, answered, language.code, municipality.slug, municipality.timezone)
        events = [
            SlotSet("language", language.code),
            SlotSet("language_locked", language.locked),
            SlotSet("municipality", municipality.slug),
        ]
        if (tracker.active_loop or {}).get("name") and topic in ENDS_FORM:
            # An emergency, "stop", goodbye or a request for a person ends a referral form.
            events += [ActiveLoop(None), SlotSet("requested_slot", None)]
        return events

    @staticmethod
    async def _count(tracker: Tracker, topic: str, language: str, slug: str, tz: str) -> None:
        """Count the topic for the policy indicators; an outage never blocks the answer."""
        day = datetime.now(ZoneInfo(tz)).date()
        loop = asyncio.get_running_loop()
        try:
            await loop.run_in_executor(
                None, record_topic, context.engine(), day, slug, context.channel(tracker), language, topic
            )
        except Exception as exc:  # the resident still gets the answer
            logger.warning("topic count not stored: %s", type(exc).__name__)
