"""Brute-force protection for /login: failed sign-ins are counted per client and per account name.

After `MAX_FAILURES` failed sign-ins within `WINDOW` seconds from one client
address, or `MAX_FAILURES_PER_NAME` for one account name from anywhere, the
next attempts get 429 with Retry-After until the oldest failure leaves the
window, whatever the password; scrypt already makes each attempt slow. A
successful sign-in clears its client's count. Memory is bounded: at most
`MAX_KEYS` clients and names are remembered (the oldest are dropped first),
each with at most its last failures.
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict, deque
from dataclasses import dataclass, field
from typing import Callable, Deque, Optional

MAX_FAILURES = 5  # per client address
MAX_FAILURES_PER_NAME = 20  # per account name, from all clients together
WINDOW = 15 * 60.0
MAX_KEYS = 10_000


@dataclass
class LoginThrottle:
    clock: Callable[[], float] = time.monotonic
    failures: "OrderedDict[str, Deque[float]]" = field(default_factory=OrderedDict)

    @staticmethod
    def _keys(client: str, username: str) -> "tuple[tuple[str, int], tuple[str, int]]":
        return (f"client:{client}", MAX_FAILURES), (f"name:{username.strip().lower()[:64]}", MAX_FAILURES_PER_NAME)

    def retry_after(self, client: str, username: str) -> Optional[int]:
        """Seconds until this client may try this name again, or None when it may try now."""
        now = self.clock()
        waits = []
        for key, limit in self._keys(client, username):
            recent = self._recent(key, now)
            if len(recent) >= limit:
                waits.append(max(1, math.ceil(recent[0] + WINDOW - now)))
        return max(waits) if waits else None

    def failed(self, client: str, username: str) -> None:
        now = self.clock()
        for key, limit in self._keys(client, username):
            recent = self._recent(key, now)
            recent.append(now)
            while len(recent) > limit:
                recent.popleft()
            self.failures[key] = recent
            self.failures.move_to_end(key)
        while len(self.failures) > MAX_KEYS:
            self.failures.popitem(last=False)

    def succeeded(self, client: str) -> None:
        self.failures.pop(f"client:{client}", None)

    def _recent(self, key: str, now: float) -> Deque[float]:
        recent = self.failures.get(key, deque())
        while recent and recent[0] <= now - WINDOW:
            recent.popleft()
        return recent
