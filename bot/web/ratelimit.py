"""A rate limit per client on /api/chat: a token bucket per client address, in memory.

`TAALBRUG_RATE_LIMIT` is "<messages>/<seconds>" (default 30/60: a burst of
30, refilled at 30 per minute); 0 switches it off (load benchmarks). A refused
request gets 429 with Retry-After.

The client is the peer address, or behind N reverse proxies
(`TAALBRUG_TRUSTED_PROXY=N`) the address the outermost trusted proxy appended to
X-Forwarded-For: the Nth entry from the right. Entries further left are written
by the client and never used. The bucket table holds at most `max_clients`
clients; the least recently seen are dropped first.
"""

from __future__ import annotations

import ipaddress
import math
import time
from dataclasses import dataclass, field
from typing import Callable, Dict, Optional, Tuple

from aiohttp import web

MAX_CLIENTS = 50_000  # oldest buckets are dropped beyond this


@dataclass
class RateLimiter:
    capacity: int
    period: float
    clock: Callable[[], float] = time.monotonic
    buckets: Dict[str, Tuple[float, float]] = field(default_factory=dict)  # client -> (tokens, updated)
    max_clients: Optional[int] = None  # None: MAX_CLIENTS

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
        limit = MAX_CLIENTS if self.max_clients is None else self.max_clients
        while len(self.buckets) > limit:  # least recently seen first
            self.buckets.pop(next(iter(self.buckets)))


def forwarded(request: web.Request, header: str, hops: int) -> str:
    """The value the outermost of `hops` trusted proxies appended to `header` ("" when it is missing)."""
    entries = [e.strip() for h in request.headers.getall(header, []) for e in h.split(",")]
    return entries[-hops] if hops and len(entries) >= hops else ""


def client_of(request: web.Request, trusted_proxies: int) -> str:
    """The client's address: the peer, or what the outermost trusted proxy saw (X-Forwarded-For)."""
    if trusted_proxies:
        address = forwarded(request, "X-Forwarded-For", trusted_proxies)
        try:
            return str(ipaddress.ip_address(address))
        except ValueError:  # missing or malformed: the proxy in front is the only address known
            pass
    return request.remote or "unknown"
