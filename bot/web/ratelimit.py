"""A rate limit per client on /api/chat: a token bucket per client address, in memory.

`TAALBRUG_RATE_LIMIT` is "<messages>/<seconds>" (default 30/60: a burst of
30, refilled at 30 per minute); 0 switches it off (load benchmarks). Behind a
reverse proxy set `TAALBRUG_TRUSTED_PROXY=1`, so the client is the first
address in X-Forwarded-For. A refused request gets 429 with Retry-After.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from typing import Callable, Dict, Tuple

from aiohttp import web

MAX_CLIENTS = 50_000  # oldest buckets are dropped beyond this


@dataclass
class RateLimiter:
    capacity: int
    period: float
    clock: Callable[[], float] = time.monotonic
    buckets: Dict[str, Tuple[float, float]] = field(default_factory=dict)  # client -> (tokens, updated)

    def allow(self, client: str) -> Tuple[bool, int]:
        """(allowed, seconds until the next message is allowed)."""
        if self.capacity <= 0:
            return True, 0
        now = self.clock()
        rate = self.capacity / self.period
        tokens, updated = self.buckets.get(client, (float(self.capacity), now))
        tokens = min(float(self.capacity), tokens + (now - updated) * rate)
        if tokens >= 1.0:
            self._put(client, tokens - 1.0, now)
            return True, 0
        self._put(client, tokens, now)
        return False, max(1, math.ceil((1.0 - tokens) / rate))

    def _put(self, client: str, tokens: float, now: float) -> None:
        self.buckets.pop(client, None)
        self.buckets[client] = (tokens, now)
        if len(self.buckets) > MAX_CLIENTS:
            self.buckets.pop(next(iter(self.buckets)))


def client_of(request: web.Request, trust_proxy: bool) -> str:
    if trust_proxy:
        forwarded = request.headers.get("X-Forwarded-For", "")
        if forwarded:
            return forwarded.split(",")[0].strip()[:64]
    return request.remote or "unknown"
