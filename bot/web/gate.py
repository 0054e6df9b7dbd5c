"""First come, first served admission of resident messages to Rasa.

At most `limit` messages are inside Rasa at once; the others wait here, in the
order they arrived. Rasa works on every message it holds at the same time, so
without a gate a burst of 100 conversations makes every message slow and some
so slow that the gateway's timeout hits them, while others pass. With the gate,
Rasa stays busy with a few messages and each resident waits about as long as
the messages ahead of theirs take (docs/bench-load.md).

A freed place is handed to the longest waiting message directly, so a message
that arrives later can never overtake one that waits (asyncio.Semaphore in
Python 3.10 lets it). A message that waits longer than its deadline leaves the
queue and gets a clear "busy" error from the gateway.
"""

from __future__ import annotations

import asyncio
from collections import deque
from typing import Deque


class FifoGate:
    """Hands out `limit` places in arrival order."""

    def __init__(self, limit: int) -> None:
        if limit < 1:
            raise ValueError("a gate needs at least one place")
        self.limit = limit
        self._free = limit
        self._waiters: Deque["asyncio.Future[bool]"] = deque()

    @property
    def waiting(self) -> int:
        return sum(1 for waiter in self._waiters if not waiter.done())

    @property
    def inside(self) -> int:
        return self.limit - self._free

    async def enter(self, timeout: float) -> bool:
        """Wait for a place, at most `timeout` seconds; False when none came in time."""
        if self._free > 0 and not self._waiters:
            self._free -= 1
            return True
        loop = asyncio.get_running_loop()
        waiter: "asyncio.Future[bool]" = loop.create_future()
        self._waiters.append(waiter)
        timer = loop.call_later(max(timeout, 0.0), self._expire, waiter)
        try:
            admitted = await waiter
        except asyncio.CancelledError:
            if waiter.done() and not waiter.cancelled() and waiter.result():
                self.leave()  # the place came just as the caller gave up: pass it on
            raise
        finally:
            timer.cancel()
            if waiter in self._waiters:
                self._waiters.remove(waiter)
        return admitted

    def leave(self) -> None:
        """Give the place to the longest waiting message, or free it."""
        while self._waiters:
            waiter = self._waiters.popleft()
            if not waiter.done():
                waiter.set_result(True)
                return
        self._free += 1

    @staticmethod
    def _expire(waiter: "asyncio.Future[bool]") -> None:
        if not waiter.done():
            waiter.set_result(False)
