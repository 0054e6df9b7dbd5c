"""Rasa's SQL tracker store without personal data at rest: redacted events, hashed sender ids, retention.

`RedactingTrackerStore` is Rasa's own `SQLTrackerStore` (SQLite, PostgreSQL,
the replicas with the Redis lock store), configured by its dotted path in
endpoints.yml and endpoints.replicas.yml. It changes only what is written:

- every event is written redacted (`redacted_event`): a user event's `text`,
  every string in its `parse_data` (the text again, entities' values, the
  metadata) and in its `metadata`, and every string a slot is set to, go
  through `bot.privacy.redact`. Intent names, the language and safety
  reports, slot values such as a language code or a postcode are unchanged,
  so forms, slots, handover and language stickiness work as before;
- the `sender_id` column holds `conversation_hash(sender_id, salt)`, with the
  salt of the unmet log (TAALBRUG_HASH_SALT, else var/hash-salt). Rasa and
  the gateway keep addressing conversations by the widget's session id: the
  store hashes it on the way in (`_event_query`, `save`), and a retrieved
  tracker carries the id it was asked for.

Bot events are kept as they are: they carry the municipality's own contact
data and the staff member's messages during a handover, which the widget
reads back from the tracker (docs/security.md says why).

`purge_conversations()` deletes every event older than the retention period
(TAALBRUG_TRACKER_RETENTION_DAYS, 30 by default; `make purge`).
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any, Dict, Optional, Text

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.exceptions import RasaException
from rasa.shared.nlu.constants import INTENT_NAME_KEY

from bot.config import Settings
from bot.privacy import conversation_hash, hash_salt, redact

# Strings in an event that are identifiers, not text: never redacted.
_IDENTIFIERS = frozenset({"message_id"})


def _scrub(value: Any) -> Any:
    """`value` with every string in it redacted (dicts and lists walked through)."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {k: v if k in _IDENTIFIERS else _scrub(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrub(v) for v in value]
    return value


def redacted_event(data: Dict[str, Any]) -> Dict[str, Any]:
    """A copy of a serialised Rasa event (`Event.as_dict()`) as it may be stored."""
    event = json.loads(json.dumps(data))  # a deep copy: the tracker in memory stays as it is
    kind = event.get("event")
    if kind == "bot":
        return event
    if kind == "user":
        for key in ("text", "parse_data"):
            if key in event:
                event[key] = _scrub(event[key])
    if kind == "slot" and "value" in event:
        event["value"] = _scrub(event["value"])
    if kind == "entities" and "entities" in event:
        event["entities"] = _scrub(event["entities"])
    if "metadata" in event:
        event["metadata"] = _scrub(event["metadata"])
    return event


class TrackerStoreError(RasaException):
    """The redacting tracker store cannot be used as configured."""


class RedactingTrackerStore(SQLTrackerStore):
    """Rasa's SQL tracker store that writes redacted events under salted hashes of the sender ids."""

    def __init__(
        self,
        domain: Optional[Domain] = None,
        host: Optional[Text] = None,
        hash_salt_value: Optional[Text] = None,
        **kwargs: Any,
    ) -> None:
        if kwargs.get("event_broker") is not None:
            # Rasa would publish every event as typed, under the raw sender id.
            raise TrackerStoreError(
                "RedactingTrackerStore: an event broker would publish unredacted events; remove event_broker"
            )
        super().__init__(domain=domain, host=host, **kwargs)
        if hash_salt_value:
            self._salt = hash_salt_value
        else:  # the same salt as the unmet log (actions/context.py)
            settings = Settings.from_env()
            self._salt = hash_salt(settings.hash_salt, settings.var_dir)

    def stored_id(self, sender_id: Text) -> str:
        """The value of the `sender_id` column for a conversation id."""
        return conversation_hash(sender_id, self._salt)

    def _event_query(self, session: Any, sender_id: Text, fetch_events_from_all_sessions: bool) -> Any:
        """Rasa's query for a conversation's events, on the hash of its id (every read goes through here)."""
        return super()._event_query(session, self.stored_id(sender_id), fetch_events_from_all_sessions)

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Write the events that are not stored yet, redacted, under the hashed sender id."""
        stored = self.stored_id(tracker.sender_id)
        with self.session_scope() as session:
            for event in self._additional_events(session, tracker):
                data = redacted_event(event.as_dict())
                session.add(self.SQLEvent(
                    sender_id=stored,
                    type_name=event.type_name,
                    timestamp=data.get("timestamp"),
                    intent_name=(data.get("parse_data") or {}).get("intent", {}).get(INTENT_NAME_KEY),
                    action_name=data.get("name"),
                    data=json.dumps(data),
                ))
            session.commit()


def purge_conversations(url: str, before: datetime) -> int:
    """Delete every tracker-store event older than `before` (so conversations older than it are gone)."""
    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database and not Path(parsed.database).exists():
        return 0  # no conversation was ever stored: do not create the file
    engine = sa.create_engine(url, **create_engine_kwargs(url))
    table = SQLTrackerStore.SQLEvent.__table__
    try:
        if not sa.inspect(engine).has_table(table.name):
            return 0
        with engine.begin() as connection:
            result = connection.execute(table.delete().where(table.c.timestamp < before.timestamp()))
            return int(result.rowcount or 0)
    finally:
        engine.dispose()
