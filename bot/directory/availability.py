"""Live availability of a service (optional `availability_url` in services.yml).

The referral actions ask it with aiohttp: 2 s timeout, one retry, answers
cached for 10 minutes. When it is slow, down or answers garbage, `get()`
returns None and the action falls back to the directory's own data.

Expected answer: {"open_places": int >= 0, "next_intake": ISO-8601 datetime with offset | null}
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Callable, Dict, Optional, Tuple

import aiohttp

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Availability:
    open_places: int
    next_intake: Optional[datetime]


def parse(body: object) -> Optional[Availability]:
    """An Availability from a JSON body, or None when it is not of the expected form."""
    if not isinstance(body, dict):
        return None
    places = body.get("open_places")
    if not isinstance(places, int) or isinstance(places, bool) or places < 0:
        return None
    intake_raw = body.get("next_intake")
    intake: Optional[datetime] = None
    if intake_raw is not None:
        if not isinstance(intake_raw, str):
            return None
        try:
            intake = datetime.fromisoformat(intake_raw)
        except ValueError:
            return None
        if intake.tzinfo is None:
            return None
    return Availability(places, intake)


class AvailabilityClient:
    """Asks availability URLs, with timeout, one retry and a 10-minute cache."""

    def __init__(
        self,
        session: aiohttp.ClientSession,
        timeout: float = 2.0,
        retries: int = 1,
        ttl: float = 600.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.session = session
        self.timeout = timeout
        self.retries = retries
        self.ttl = ttl
        self.clock = clock
        self._cache: Dict[str, Tuple[float, Availability]] = {}

    async def get(self, url: str) -> Optional[Availability]:
        cached = self._cache.get(url)
        if cached and self.clock() - cached[0] < self.ttl:
            return cached[1]
        for attempt in range(1 + self.retries):
            result = await self._ask(url)
            if result is not None:
                self._cache[url] = (self.clock(), result)
                return result
            if attempt < self.retries:
                await asyncio.sleep(0.1)
        return None

    async def _ask(self, url: str) -> Optional[Availability]:
        try:
            async with self.session.get(url, timeout=aiohttp.ClientTimeout(total=self.timeout)) as response:
                if response.status != 200:
                    logger.info("availability %s answered HTTP %s", url, response.status)
                    return None
                body = await response.json(content_type=None)
        except asyncio.TimeoutError:
            logger.info("availability %s timed out", url)
            return None
        except (aiohttp.ClientError, ValueError) as exc:
            logger.info("availability %s failed: %s", url, type(exc).__name__)
            return None
        result = parse(body)
        if result is None:
            logger.info("availability %s answered something unexpected", url)
        return result
