"""Two Rasa replicas share a PostgreSQL tracker store and a Redis lock store; the gateway alternates.

Needs TAALBRUG_TEST_POSTGRES_URL and TAALBRUG_TEST_REDIS_URL (`source .ci/services`), else it
skips; CI sets TAALBRUG_REQUIRE_REDIS=1 so there it fails instead (tests/conftest.py).
"""

from __future__ import annotations

import json
import os
import urllib.request
from typing import Iterator

import pytest

from tests.conftest import fresh_postgres_database
from tests.live_stack import RunningStack, start_stack

PG = os.environ.get("TAALBRUG_TEST_POSTGRES_URL", "")
REDIS = os.environ.get("TAALBRUG_TEST_REDIS_URL", "")
pytestmark = [pytest.mark.integration, pytest.mark.needs("redis")]
TOKEN = "replica-test-token"


@pytest.fixture(scope="module")
def replicas(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningStack]:
    running = start_stack(
        tmp_path_factory.mktemp("replicas"),
        TAALBRUG_RASA_REPLICAS="2", TAALBRUG_REDIS_URL=REDIS, TAALBRUG_TRACKER_STORE_URL=fresh_postgres_database(PG, "taalbrug_tracker"),
        TAALBRUG_RASA_TOKEN=TOKEN, TAALBRUG_HASH_SALT="replica-salt",
    )
    yield running
    running.stop()


def health(stack: RunningStack) -> dict:
    with urllib.request.urlopen(stack.url + "/healthz", timeout=10) as response:
        return json.loads(response.read())


def test_one_conversation_alternating_between_replicas_keeps_its_state_and_order(replicas) -> None:
    before = [r["served"] for r in health(replicas)["rasa"]["replicas"]]
    session = "replica-conversation-1"
    turns = ["Je veux apprendre le néerlandais", "un peu", "le soir", "9999"]
    replies = [replicas.chat(session, turn) for turn in turns]
    # The learn-Dutch form moved across replicas and still asked each question once, in order.
    texts = [[m["text"] for m in reply["messages"]] for reply in replies]
    assert texts[0][0] == "Spreekt u al een beetje Nederlands?", (texts, replicas.problems())
    assert texts[1][0] == "Wanneer wilt u les volgen?", (texts, replicas.problems())
    assert texts[2][0].startswith("Wat is uw postcode?"), (texts, replicas.problems())
    assert replies[3]["topic"] == "learn_dutch"
    assert "U zoekt lessen 's avonds." in "\n".join(m["text"] for m in replies[3]["messages"])
    after = [r["served"] for r in health(replicas)["rasa"]["replicas"]]
    served = [a - b for a, b in zip(after, before, strict=True)]
    assert all(n >= 2 for n in served), served  # both replicas answered this conversation
    # Either replica reads the same conversation, messages in the order they were sent.
    for port in (replicas.ports["rasa"], replicas.ports["rasa"] + 1):
        url = f"http://127.0.0.1:{port}/conversations/{session}/tracker?token={TOKEN}"
        with urllib.request.urlopen(url, timeout=10) as response:
            events = json.loads(response.read())["events"]
        assert [e["text"] for e in events if e["event"] == "user"] == turns


def test_both_replicas_are_reported_healthy(replicas) -> None:
    body = health(replicas)
    assert body["status"] == "ok" and len(body["rasa"]["replicas"]) == 2
    assert all(r["ok"] for r in body["rasa"]["replicas"])
