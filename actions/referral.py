"""What every referral sends and stores.

A referral is, in this order: the topic's plain Dutch answer and cue, one
card per service (contacts, hours, open now or next opening, languages, live
availability when the service publishes it), any extra lines, then the
"prepare your visit" card with a cue saying to show it at the desk. Every
service shown is recorded for the policy indicators (no personal data).
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Sequence

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import context
from bot.directory.cards import referral_card, visit_card
from bot.directory.services import Service
from bot.messages import Message


class Referral:
    """Collects one referral's messages, then sends them and records the services."""

    def __init__(self, tracker: Tracker, topic: str) -> None:
        self.tracker = tracker
        self.topic = topic
        self.language = context.language(tracker)
        self.municipality = context.municipality(tracker)
        self.content = context.content()
        self.now = context.now(self.municipality.timezone)
        self.messages: List[Message] = []
        self.shown: List[str] = []

    @property
    def code(self) -> str:
        return self.language.code

    @property
    def services(self) -> Dict[str, Service]:
        return dict(self.municipality.services)

    def names(self) -> Dict[str, str]:
        """Dutch names of Taalbrug's languages ("ar" -> "Arabisch")."""
        return {code: locale.name_nl or code for code, locale in self.content.locales.items()}

    def texts(self, key: str, **form: str) -> List[str]:
        """The answer file's referral text(s) `key`, filled with facts and `form` values."""
        return self.content.texts(self.topic, key, self.municipality, **form)

    def text(self, key: str, **form: str) -> str:
        return " ".join(self.texts(key, **form))

    def answer(self) -> "Referral":
        """The topic's plain Dutch answer and the cue in the resident's language."""
        self.messages.extend(self.content.answer(self.topic, self.code, self.municipality))
        return self

    async def cards(self, services: Sequence[Service]) -> "Referral":
        """One referral card per service, with live availability where a service offers it."""
        names = self.names()
        for service in services:
            live = None
            if service.availability_url:
                live = await context.availability().get(service.availability_url)
            self.messages.append(referral_card(service, self.now, live, names, self.code, self.content.wording))
            self.shown.append(service.id)
        return self

    def lines(self, lines: Sequence[str], cue: Optional[str] = None) -> "Referral":
        """Extra Dutch referral lines, and optionally a cue (a key in locales/) after them."""
        if lines:
            self.messages.extend(self.content.say("\n".join(lines), cue, self.code, self.municipality, kind="referral"))
        return self

    def visit(self, service: Service, extra: Sequence[str] = ()) -> "Referral":
        """The "prepare your visit" card and the cue to show it at the desk."""
        card = visit_card(service, extra, self.content.wording)
        self.messages.extend(self.content.say(card.text, "visit_card", self.code, self.municipality, kind="referral"))
        return self

    def send(self, dispatcher: CollectingDispatcher) -> None:
        language = self.language.as_dict()
        context.send(dispatcher, [m.about(self.topic, language) for m in self.messages])

    async def record(self) -> None:
        """Record every service shown, and the conversation when this is its first message."""
        day, slug, channel = self.now.date(), self.municipality.slug, context.channel(self.tracker)
        if context.first_message(self.tracker):
            await context.record("conversation", day=day, municipality=slug, channel=channel, language=self.code)
        for service_id in self.shown:
            await context.record("referral", day=day, municipality=slug, topic=self.topic,
                                 service_id=service_id, language=self.code, channel=channel)

    def slot_events(self) -> List[Dict[str, Any]]:
        return [
            SlotSet("language", self.code),
            SlotSet("language_locked", self.language.locked),
            SlotSet("municipality", self.municipality.slug),
        ]

    async def finish(self, dispatcher: CollectingDispatcher) -> List[Dict[str, Any]]:
        """Send everything, record the services, and return the conversation slots."""
        self.send(dispatcher)
        await self.record()
        return self.slot_events()
