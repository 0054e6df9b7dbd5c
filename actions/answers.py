"""Answer a topic in plain Dutch with a cue in the resident's language (dialogue and FAQ topics),
and record the topic, the conversation and any unmet question for the indicators."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import context
from actions.unmet_questions import unmet
from bot.content.loader import fill
from bot.directory.municipality import Municipality
from bot.language.conversation import ConversationLanguage
from bot.messages import Message
from bot.vocabulary import (
    ASK_HUMAN,
    EMERGENCY,
    ENDS_FORM,
    FALLBACK,
    HANDOVER_CHANNELS,
    SAFETY_EMERGENCY,
    SAFETY_UNSURE,
)


class ActionAnswerTopic(Action):
    """Sends the topic's answer and cue; also answers when the dialogue fell back."""

    def name(self) -> Text:
        return "action_answer_topic"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        language = context.language(tracker)
        municipality = context.municipality(tracker)
        topic = tracker.get_intent_of_latest_message(skip_fallback_intent=False)
        content = context.content()
        answered = topic if topic in content.answers else FALLBACK
        # nlu_fallback is no topic: the chat API reports null.
        about = None if answered == FALLBACK else answered
        if answered == EMERGENCY:
            categories = context.safety(tracker).get("categories") or []
            answer = content.emergency(language.code, municipality, categories)
        else:
            answer = content.answer(answered, language.code, municipality, context.sub_answer(tracker, answered))
        if context.needs_safety_line(tracker, answered):
            answer += content.unsure(language.code, municipality)
        messages = [m.about(about, language.as_dict()) for m in answer]
        if topic == ASK_HUMAN:
            messages += await self._desk(tracker, language, municipality)
        context.send(dispatcher, messages)
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
    async def _desk(tracker: Tracker, language: ConversationLanguage, municipality: Municipality) -> List[Message]:
        """During the desk's hours offer a staff member in this chat, when the desk can reach it (the widget and
        the channels where the bot may speak first, HANDOVER_CHANNELS); outside them, note it for the desk.
        Elsewhere (Rasa's REST channel) the answer's phone, e-mail and counter are the way."""
        content = context.content()
        now = context.now(municipality.timezone)
        desk = municipality.contacts.get("chat_desk") or municipality.contacts["town_hall"]
        if context.channel(tracker) not in HANDOVER_CHANNELS:
            return []
        if desk.hours.is_open(now):
            waiting = content.texts(ASK_HUMAN, "handover_waiting", municipality)
            messages = content.say(" ".join(waiting), "handover_waiting", language.code, municipality, kind="prompt")
            messages[0] = replace(messages[0], handover="requested")
            return [m.about(ASK_HUMAN, language.as_dict()) for m in messages]
        name = content.locale(language.code).name_nl or language.code
        note = fill(content.answers[ASK_HUMAN].referral["handover_note"], {"form": {"language": name}})
        await context.record("note", now=now, municipality=municipality.slug, kind="callback",
                             language=language.code, text=note, conversation=context.conversation(tracker))
        return []

    @staticmethod
    async def _record(
        tracker: Tracker, topic: Optional[str], answered: str, language: str, municipality: Municipality
    ) -> None:
        """Count the topic and the conversation, and log an unmet question (redacted)."""
        now = context.now(municipality.timezone)
        channel = context.channel(tracker)
        if context.first_message(tracker):
            await context.record("conversation", day=now.date(), municipality=municipality.slug,
                                 channel=channel, language=language)
        await context.record("topic", day=now.date(), municipality=municipality.slug, channel=channel,
                             language=language, topic=answered)
        report = context.safety(tracker)
        if report.get("level") in (SAFETY_EMERGENCY, SAFETY_UNSURE):
            await context.record("safety", day=now.date(), municipality=municipality.slug, channel=channel,
                                 language=language, level=report["level"],
                                 category=(report.get("categories") or [""])[0])
        question = unmet(tracker, topic, answered, language)
        if question is not None:
            await context.record("unmet", created_at=now, municipality=municipality.slug, channel=channel,
                                 conversation=context.conversation(tracker), **question)
