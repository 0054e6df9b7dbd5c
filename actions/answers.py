"""Answer a topic in plain Dutch with a cue in the resident's language (dialogue and FAQ topics),
and record the topic, the conversation and any unmet question for the indicators."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import context
from actions.unmet import unmet
from bot.content import fill

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
        if topic == "ask_human":
            await self._desk(dispatcher, tracker, language, municipality)
        await self._record(tracker, topic, answered, language.code, municipality)
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
    async def _desk(dispatcher: CollectingDispatcher, tracker: Tracker, language, municipality) -> None:
        """During the desk's hours offer a staff member in this chat; outside them, note it for the desk."""
        content = context.content()
        now = context.now(municipality.timezone)
        desk = municipality.contacts.get("chat_desk") or municipality.contacts["town_hall"]
        texts = content.answers["ask_human"].referral
        if desk.hours.is_open(now):
            dispatcher.utter_message(json_message={
                "kind": "prompt", "text": texts["handover_waiting"], "lang": "nl", "dir": "ltr", "buttons": [],
                "language": language.as_dict(), "topic": "ask_human", "handover": "requested",
            })
            locale = content.locale(language.code)
            cue = locale.cues.get("handover_waiting")
            if locale.code != "nl" and cue:
                dispatcher.utter_message(json_message={
                    "kind": "cue", "text": cue, "lang": locale.code, "dir": locale.dir, "buttons": [],
                    "language": language.as_dict(), "topic": "ask_human",
                })
            return
        name = content.locale(language.code).name_nl or language.code
        note = fill(texts["handover_note"], {"form": {"language": name}})
        await context.record("note", now=now, municipality=municipality.slug, kind="callback",
                             language=language.code, text=note, conversation=context.conversation(tracker))

    @staticmethod
    async def _record(tracker: Tracker, topic: Optional[str], answered: str, language: str, municipality) -> None:
        """Count the topic and the conversation, and log an unmet question (redacted)."""
        now = context.now(municipality.timezone)
        channel = context.channel(tracker)
        if context.first_message(tracker):
            await context.record("conversation", day=now.date(), municipality=municipality.slug,
                                 channel=channel, language=language)
        await context.record("topic", day=now.date(), municipality=municipality.slug, channel=channel,
                             language=language, topic=answered)
        question = unmet(tracker, topic, answered, language)
        if question is not None:
            await context.record("unmet", created_at=now, municipality=municipality.slug, channel=channel,
                                 conversation=context.conversation(tracker), **question)
