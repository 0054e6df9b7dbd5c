"""Residents are let into Rasa first come, first served, and a full queue answers 'busy' in time."""

from __future__ import annotations

import asyncio
import time

import pytest

from bot.web import init_app
from bot.web.gate import FifoGate
from tests.web.conftest import settings_for


async def test_places_go_in_arrival_order_even_to_a_late_caller_at_the_right_moment() -> None:
    gate = FifoGate(1)
    admitted = []
    assert await gate.enter(1.0)

    async def resident(name: str) -> None:
        assert await gate.enter(5.0)
        admitted.append(name)
        await asyncio.sleep(0)
        gate.leave()

    waiting = [asyncio.create_task(resident(f"r{i}")) for i in range(3)]
    await asyncio.sleep(0.01)
    gate.leave()  # the place goes to r0, even though "late" asks right now
    late = asyncio.create_task(resident("late"))
    await asyncio.gather(*waiting, late)
    assert admitted == ["r0", "r1", "r2", "late"]
    assert gate.inside == 0 and gate.waiting == 0


async def test_a_message_that_waits_too_long_leaves_the_queue_without_taking_a_place() -> None:
    gate = FifoGate(1)
    assert await gate.enter(1.0)
    started = time.monotonic()
    assert await gate.enter(0.05) is False
    assert time.monotonic() - started < 1.0
    assert gate.waiting == 0
    gate.leave()
    assert gate.inside == 0
    assert await gate.enter(0.05)  # the place is free again


async def test_a_caller_that_gives_up_does_not_keep_a_place() -> None:
    gate = FifoGate(1)
    assert await gate.enter(1.0)
    waiter = asyncio.create_task(gate.enter(5.0))
    await asyncio.sleep(0.01)
    gate.leave()  # the place is handed to the waiter ...
    waiter.cancel()  # ... which is cancelled before it runs
    with pytest.raises(asyncio.CancelledError):
        await waiter
    assert gate.inside == 0
    assert await gate.enter(0.05)


def test_a_gate_needs_a_place() -> None:
    with pytest.raises(ValueError):
        FifoGate(0)


async def test_rasa_never_holds_more_messages_than_the_limit_and_all_are_answered(aiohttp_client, fake_rasa, tmp_path) -> None:
    fake, server = fake_rasa
    fake.delay = 0.05
    fake.replies = [{"text": "Het containerpark is open."}]
    app = init_app(settings_for(tmp_path, server.port, server.port, upstream_timeout=5.0, rasa_concurrency=2))
    client = await aiohttp_client(app)
    replies = await asyncio.gather(*(
        client.post("/api/chat", json={"session": f"resident-{i:02d}-abcdefgh", "text": f"vraag {i}"})
        for i in range(10)
    ))
    assert [r.status for r in replies] == [200] * 10
    assert fake.most_inside == 2
    health = await (await client.get("/healthz")).json()
    assert health["rasa"]["messages"] == {"inside": 0, "limit": 2, "waiting": 0}


async def test_a_resident_behind_a_full_rasa_gets_busy_within_the_deadline(aiohttp_client, fake_rasa, tmp_path) -> None:
    fake, server = fake_rasa
    fake.delay = 3.0
    app = init_app(settings_for(tmp_path, server.port, server.port, upstream_timeout=1.0, rasa_concurrency=1))
    client = await aiohttp_client(app)
    started = time.monotonic()
    first, second = await asyncio.gather(
        client.post("/api/chat", json={"session": "resident-one-abcdefgh", "text": "hallo"}),
        client.post("/api/chat", json={"session": "resident-two-abcdefgh", "text": "hallo"}),
    )
    assert (first.status, second.status) == (504, 504)
    assert time.monotonic() - started < 2.5  # one deadline, not the queue plus another deadline
    assert (await second.json())["messages"][0]["kind"] == "error"
    assert len(fake.received) == 1  # the second never reached Rasa
