"""Rasa's tracker store keeps no personal data: redacted events, hashed sender ids, retention.

Each test runs on SQLite and, with TAALBRUG_TEST_POSTGRES_URL (source .ci/services), on
PostgreSQL, and reads the `events` table directly, as an intruder with the database would.
"""

from __future__ import annotations

import asyncio
import json
import os
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Iterator, List

import pytest
import sqlalchemy as sa
from rasa.core.tracker_store import TrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    BotUttered,
    ConversationPaused,
    ConversationResumed,
    Event,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import read_endpoint_config

from bot import PROJECT_ROOT
from bot.config import Settings
from bot.privacy import conversation_hash
from bot.storage.cli import main
from bot.storage.trackers import RedactingTrackerStore, TrackerStoreError, purge_conversations, redacted_event
from tests.conftest import fresh_postgres_database

SALT = "tracker-test-salt"
SESSION = "widget-session-5f2b9c0d1e"
# What a resident typed, and what of it must never be stored.
PERSONAL = {
    "Mijn e-mail is fatima.amrani@example.be": "fatima.amrani@example.be",
    "bel me op 0470 12 34 56": "0470 12 34 56",
    "rijksregisternummer 85.07.30-033.28": "85.07.30-033.28",
    "stort het op BE68 5390 0754 7034": "BE68 5390 0754 7034",
    "mijn naam is Fatima El Amrani": "Amrani",
    "ik woon in de Kerkstraat 12 bus 3": "Kerkstraat 12",
}


def _postgres_url() -> str:
    return fresh_postgres_database(os.environ["TAALBRUG_TEST_POSTGRES_URL"], "taalbrug_tracker")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.needs("postgres"))])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'tracker.db'}" if request.param == "sqlite" else _postgres_url()


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(PROJECT_ROOT / "domain.yml"))


@pytest.fixture()
def store(url: str, domain: Domain) -> Iterator[RedactingTrackerStore]:
    store = RedactingTrackerStore(domain=domain, host=url, hash_salt_value=SALT)
    yield store
    store.engine.dispose()


def user(text: str, timestamp: float) -> UserUttered:
    parse = {
        "text": text, "intent": {"name": "nlu_fallback", "confidence": 0.3},
        "entities": [{"entity": "postcode", "value": text, "start": 0, "end": len(text)}],
        "intent_ranking": [{"name": "nlu_fallback", "confidence": 0.3}],
        "language": {"code": "nl", "confidence": 0.9, "source": "detected"},
        "safety": {"level": "none", "categories": [], "languages": [], "reason": "none", "classified": None},
    }
    return UserUttered(text, parse_data=parse, metadata={"municipality": "voorbeeldegem", "echo": text},
                       input_channel="web", timestamp=timestamp)


def conversation(start: float) -> List[Event]:
    events: List[Event] = [ActionExecuted("action_session_start", timestamp=start), SessionStarted(timestamp=start),
                           ActionExecuted("action_listen", timestamp=start)]
    for i, text in enumerate(PERSONAL):
        events += [user(text, start + i + 1), BotUttered("Dat begrijp ik niet.", timestamp=start + i + 1),
                   ActionExecuted("action_listen", timestamp=start + i + 1)]
    events += [SlotSet("language", "ar", timestamp=start + 10), SlotSet("postcode", "9000", timestamp=start + 10),
               SlotSet("municipality", "mijn naam is Fatima Amrani", timestamp=start + 10),
               ConversationPaused(timestamp=start + 11)]
    return events


def table_text(url: str) -> str:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(sa.text("SELECT * FROM events")).fetchall()
    finally:
        engine.dispose()
    return "\n".join(" ".join(str(v) for v in row) for row in rows)


def test_endpoints_configure_the_redacting_store(project_root: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Rasa falls back to an in-memory store when a custom class does not load: it must load."""
    for name, value in {"TAALBRUG_ACTIONS_URL": "http://127.0.0.1:5055", "TAALBRUG_REDIS_HOST": "127.0.0.1",
                        "TAALBRUG_REDIS_PORT": "6379", "TAALBRUG_REDIS_DB": "0",
                        "TAALBRUG_TRACKER_STORE_URL": f"sqlite:///{tmp_path / 'tracker.db'}",
                        "TAALBRUG_VAR_DIR": str(tmp_path / "var"), "TAALBRUG_HASH_SALT": SALT,
                        "TAALBRUG_ACTIONS_TOKEN": "acties-token"}.items():
        monkeypatch.setenv(name, value)
    for endpoints in ("endpoints.yml", "endpoints.replicas.yml"):
        store = TrackerStore.create(read_endpoint_config(str(project_root / endpoints), "tracker_store"))
        assert isinstance(store, RedactingTrackerStore), endpoints
        assert store.stored_id(SESSION) == conversation_hash(SESSION, SALT)


def test_no_personal_data_and_no_raw_sender_id_reach_the_table(store: RedactingTrackerStore, url: str,
                                                                 domain: Domain) -> None:
    tracker = DialogueStateTracker.from_events(SESSION, conversation(time.time()), domain.slots)
    asyncio.run(store.save(tracker))
    stored = table_text(url)
    assert "[e-mail]" in stored and "[telefoon]" in stored and "[naam]" in stored  # the redacted texts are there
    for text, secret in PERSONAL.items():
        assert secret not in stored, text
    assert SESSION not in stored
    assert conversation_hash(SESSION, SALT) in stored
    # The tracker in memory (the turn Rasa is still working on) keeps what was typed.
    assert next(e for e in tracker.events if isinstance(e, UserUttered)).text == "Mijn e-mail is fatima.amrani@example.be"


def test_a_conversation_is_retrieved_by_its_raw_id_with_its_dialogue_state(store: RedactingTrackerStore,
                                                                            domain: Domain) -> None:
    asyncio.run(store.save(DialogueStateTracker.from_events(SESSION, conversation(time.time()), domain.slots)))
    tracker = asyncio.run(store.retrieve(SESSION))
    assert tracker is not None and tracker.sender_id == SESSION
    assert tracker.get_slot("language") == "ar" and tracker.get_slot("postcode") == "9000"
    assert tracker.is_paused()  # the handover's pause survives
    assert tracker.latest_message.intent["name"] == "nlu_fallback"
    assert tracker.latest_message.parse_data["safety"]["level"] == "none"
    assert asyncio.run(store.retrieve("another-session-id")) is None
    assert asyncio.run(store.exists(SESSION))
    # The next turn appends only its own events, and resuming works.
    tracker.update(ConversationResumed(timestamp=time.time()))
    tracker.update(user("Hallo", time.time()))
    asyncio.run(store.save(tracker))
    again = asyncio.run(store.retrieve(SESSION))
    assert again is not None and len(again.events) == len(tracker.events) and not again.is_paused()


def test_slots_and_metadata_are_redacted_and_identifiers_kept() -> None:
    event = user("mijn naam is Fatima Amrani", 1.0).as_dict()
    event["parse_data"]["message_id"] = "0470123456abcdef"
    stored = redacted_event(event)
    assert stored["text"] == "mijn naam is [naam]" and stored["parse_data"]["text"] == "mijn naam is [naam]"
    assert stored["parse_data"]["entities"][0]["value"] == "mijn naam is [naam]"
    assert stored["metadata"]["echo"] == "mijn naam is [naam]" and stored["metadata"]["municipality"] == "voorbeeldegem"
    assert stored["parse_data"]["message_id"] == "0470123456abcdef"
    assert event["text"] == "mijn naam is Fatima Amrani"  # the original is not changed
    assert redacted_event(SlotSet("note", "bel 0470 12 34 56").as_dict())["value"] == "bel [telefoon]"
    assert redacted_event(SlotSet("postcode", "9000").as_dict())["value"] == "9000"
    staff = BotUttered("Bel ons op 09 210 10 10").as_dict()
    assert redacted_event(staff)["text"] == "Bel ons op 09 210 10 10"  # delivered from the tracker as written


def test_an_event_broker_is_refused(tmp_path: Path) -> None:
    with pytest.raises(TrackerStoreError, match="event broker"):
        RedactingTrackerStore(host=f"sqlite:///{tmp_path / 't.db'}", hash_salt_value=SALT, event_broker=object())


def test_purge_deletes_conversations_older_than_the_retention(store: RedactingTrackerStore, url: str,
                                                                domain: Domain, tmp_path: Path, capsys) -> None:
    now = datetime.now(timezone.utc)
    old, recent = (now - timedelta(days=40)).timestamp(), (now - timedelta(days=2)).timestamp()
    asyncio.run(store.save(DialogueStateTracker.from_events("old-session-1", conversation(old), domain.slots)))
    asyncio.run(store.save(DialogueStateTracker.from_events("new-session-1", conversation(recent), domain.slots)))
    settings = Settings.from_env({"TAALBRUG_DATABASE_URL": f"sqlite:///{tmp_path / 'taalbrug.db'}",
                                  "TAALBRUG_TRACKER_STORE_URL": url, "TAALBRUG_VAR_DIR": str(tmp_path)})
    assert settings.tracker_retention_days == 30
    assert main(["purge"], settings) == 0
    assert f"Deleted {len(conversation(old))} tracker-store events older than 30 days." in capsys.readouterr().out
    assert asyncio.run(store.retrieve("old-session-1")) is None
    kept = asyncio.run(store.retrieve("new-session-1"))
    assert kept is not None and kept.get_slot("language") == "ar"
    assert purge_conversations(url, now - timedelta(days=1)) == len(conversation(recent))
    assert asyncio.run(store.retrieve("new-session-1")) is None


def test_purge_without_a_tracker_store_creates_none(tmp_path: Path) -> None:
    missing = tmp_path / "never" / "tracker.db"
    assert purge_conversations(f"sqlite:///{missing}", datetime.now(timezone.utc)) == 0
    assert not missing.parent.exists()


def test_the_retention_is_a_setting() -> None:
    assert Settings.from_env({"TAALBRUG_TRACKER_RETENTION_DAYS": "7"}).tracker_retention_days == 7
    with pytest.raises(ValueError, match="TAALBRUG_TRACKER_RETENTION_DAYS"):
        Settings.from_env({"TAALBRUG_TRACKER_RETENTION_DAYS": "0"})
    assert json.loads(json.dumps(Settings().child_env({})))["TAALBRUG_TRACKER_RETENTION_DAYS"] == "30"


def test_every_test_story_keeps_its_dialogue_state_through_the_store(tmp_path: Path, domain: Domain) -> None:
    """`rasa test core` replays the stories in memory; here each of them goes through the store and back:
    what the policies see (slots, active form, previous actions, intents, entities) must be the same."""
    from rasa.shared.core.generator import TrainingDataGenerator
    from rasa.shared.core.training_data.story_reader.yaml_story_reader import YAMLStoryReader
    from rasa.shared.core.training_data.structures import StoryGraph

    steps = []
    for path in sorted((PROJECT_ROOT / "tests" / "stories").glob("*.yml")):
        steps += YAMLStoryReader(domain).read_from_file(str(path))
    trackers = TrainingDataGenerator(StoryGraph(steps), domain, remove_duplicates=False, augmentation_factor=0,
                                     use_story_concatenation=False).generate_story_trackers()
    assert len(trackers) >= 47
    store = RedactingTrackerStore(domain=domain, host=f"sqlite:///{tmp_path / 'stories.db'}", hash_salt_value=SALT)
    try:
        for i, story in enumerate(trackers):
            original = DialogueStateTracker.from_events(f"story-{i}", list(story.events), domain.slots)
            asyncio.run(store.save(original))
            stored = asyncio.run(store.retrieve_full_tracker(f"story-{i}"))
            assert stored is not None, story.sender_id
            assert stored.past_states(domain) == original.past_states(domain), story.sender_id
            assert stored.current_slot_values() == original.current_slot_values(), story.sender_id
            assert stored.active_loop_name == original.active_loop_name and stored.is_paused() == original.is_paused()
    finally:
        store.engine.dispose()
