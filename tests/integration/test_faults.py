"""Faults on the real stack: the resident gets a polite message, the conversation goes on, nothing is lost."""

from __future__ import annotations

import json
import os
import shutil
import signal
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Iterator

import pytest

from bot.storage.db import make_engine
from bot.storage.unmet import list_unmet
from tests.live_stack import RunningStack, start_stack

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningStack]:
    running = start_stack(tmp_path_factory.mktemp("faults"), TAALBRUG_HASH_SALT="fault-salt",
                          TAALBRUG_UPSTREAM_TIMEOUT="6")
    yield running
    running.stop()


def wait_healthy(stack: RunningStack, timeout: float = 240) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if stack.healthy():
            return
        time.sleep(1)
    raise AssertionError("the stack did not recover:\n" + "".join(stack.output[-40:]))


def chat_raw(stack: RunningStack, session: str, text: str) -> tuple:
    body = json.dumps({"session": session, "text": text, "languages": ["ar"]}).encode()
    request = urllib.request.Request(stack.url + "/api/chat", data=body, headers={"Content-Type": "application/json"})
    start = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read()), time.monotonic() - start
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read()), time.monotonic() - start


def test_without_a_configured_token_rasa_still_wants_one(stack: RunningStack) -> None:
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{stack.ports['rasa']}/status", timeout=10)
        raise AssertionError("Rasa's API answered without a token")
    except urllib.error.HTTPError as error:
        assert error.code in (401, 403)
    assert stack.healthy()  # the gateway has the generated token


def test_the_action_server_killed_mid_conversation(stack: RunningStack) -> None:
    session = "fault-actions-1"
    assert stack.chat(session, "ik spreek Tigrinya")["language"]["code"] == "ti"
    os.killpg(stack.pid("actions"), signal.SIGKILL)
    status, reply, _ = chat_raw(stack, session, "waar is het containerpark?")
    kinds = {m["kind"] for m in reply["messages"]}
    assert kinds == {"error"} and reply["messages"][0]["text"]  # a polite message, not a crash
    wait_healthy(stack)  # the stack restarts the action server
    again = stack.chat(session, "waar is het containerpark?")
    assert again["topic"] == "waste" and again["messages"][-1]["lang"] == "ti"  # the conversation goes on


def test_rasa_restarts_and_the_conversation_continues_from_the_tracker_store(stack: RunningStack) -> None:
    session = "fault-rasa-1"
    stack.chat(session, "ik spreek Oekraïens")
    os.killpg(stack.pid("rasa"), signal.SIGKILL)
    status, reply, _ = chat_raw(stack, session, "hallo")
    assert status in (502, 504) and reply["messages"][0]["kind"] == "error"
    wait_healthy(stack)
    after = stack.chat(session, "waar kan ik mijn afval kwijt?")
    assert after["language"]["code"] == "uk" and after["language"]["source"] in ("conversation", "user_choice")


def test_a_timeout_upstream_gives_a_clear_error_within_10_seconds(stack: RunningStack) -> None:
    rasa = stack.pid("rasa")
    os.killpg(rasa, signal.SIGSTOP)  # Rasa hangs
    try:
        status, reply, elapsed = chat_raw(stack, "fault-timeout-1", "hallo")
    finally:
        os.killpg(rasa, signal.SIGCONT)
    assert status == 504 and elapsed < 10
    assert [m["lang"] for m in reply["messages"]] == ["nl", "ar"]  # Dutch and the browser's language
    wait_healthy(stack)


def test_the_database_down_spools_and_nothing_is_lost(stack: RunningStack) -> None:
    db = Path(stack.database_url.removeprefix("sqlite:///"))
    away = db.with_suffix(".away")
    shutil.move(db, away)  # the database is gone (SQLite makes an empty file without tables)
    try:
        reply = stack.chat("fault-db-1", "wie repareert mijn kapotte paraplu?")
        assert reply["messages"]  # the resident is answered anyway
        spool = Path(stack.env["TAALBRUG_VAR_DIR"]) / "spool"
        assert any("paraplu" in p.read_text(encoding="utf-8") for p in spool.glob("*.jsonl"))
    finally:
        db.unlink(missing_ok=True)
        shutil.move(away, db)  # the database is back
    stack.chat("fault-db-1", "hallo")  # the next write replays the spool first
    texts = [q.text for q in list_unmet(make_engine(stack.database_url))]
    assert any("paraplu" in (t or "") for t in texts)
