"""Structured opening hours in Europe/Brussels time: open now, and the next opening.

Weekly ranges are local wall-clock times. Every comparison is made on aware
datetimes, so "open now" and "next opening" stay right across the daylight
saving changes (last Sunday of March and of October).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Dict, Iterator, List, Mapping, Optional, Sequence, Tuple
from zoneinfo import ZoneInfo

from bot.content.reader import ContentError

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
BRUSSELS = ZoneInfo("Europe/Brussels")
_RANGE = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# How far ahead "next opening" looks (covers long holiday closures).
HORIZON_DAYS = 60


Span = Tuple[time, time]


def parse_range(text: str) -> Span:
    match = _RANGE.match(str(text))
    if not match:
        raise ContentError(f"'{text}' is not a range like 09:00-12:00")
    start = time(int(match.group(1)), int(match.group(2)))
    end_hour, end_minute = int(match.group(3)), int(match.group(4))
    if end_hour == 24 and end_minute:
        raise ContentError(f"'{text}' ends after 24:00")
    end = time.max if end_hour == 24 else time(end_hour, end_minute)
    if start >= end:
        raise ContentError(f"'{text}' ends before it starts")
    return start, end


def parse_closed(items: Sequence[str]) -> List[Tuple[date, date]]:
    """Closed days: "2026-11-11" or a range "2026-12-24/2027-01-01" (both inclusive)."""
    closed: List[Tuple[date, date]] = []
    for item in items:
        parts = str(item).split("/")
        if len(parts) not in (1, 2) or not all(_DAY.match(p) for p in parts):
            raise ContentError(f"closed day '{item}' must be YYYY-MM-DD or YYYY-MM-DD/YYYY-MM-DD")
        try:
            first, last = date.fromisoformat(parts[0]), date.fromisoformat(parts[-1])
        except ValueError:
            raise ContentError(f"closed day '{item}' is not a real date") from None
        if last < first:
            raise ContentError(f"closed range '{item}' ends before it starts")
        closed.append((first, last))
    return closed


@dataclass(frozen=True)
class OpeningHours:
    """Weekly hours, closed days and whether visits need an appointment."""

    weekly: Mapping[str, Tuple[Span, ...]] = field(default_factory=dict)
    closed: Tuple[Tuple[date, date], ...] = ()
    appointment_only: bool = False
    tz: ZoneInfo = BRUSSELS

    @classmethod
    def from_config(cls, data: Mapping[str, object], tz: ZoneInfo = BRUSSELS) -> "OpeningHours":
        weekly_raw = data.get("weekly") or {}
        if not isinstance(weekly_raw, dict):
            raise ContentError("weekly must map weekdays (mon..sun) to lists of ranges")
        weekly: Dict[str, Tuple[Span, ...]] = {}
        for day, ranges in weekly_raw.items():
            if day not in WEEKDAYS:
                raise ContentError(f"unknown weekday '{day}' (use mon..sun)")
            if not isinstance(ranges, list) or not ranges:
                raise ContentError(f"{day} must be a list like [\"09:00-12:00\"]")
            spans = sorted(parse_range(r) for r in ranges)
            for (_, end), (start, _) in zip(spans, spans[1:], strict=False):
                if start < end:
                    raise ContentError(f"{day} has overlapping ranges")
            weekly[day] = tuple(spans)
        closed_raw = data.get("closed") or []
        if not isinstance(closed_raw, list):
            raise ContentError("closed must be a list of dates")
        appointment_only = data.get("appointment_only", False)
        if not isinstance(appointment_only, bool):
            raise ContentError("appointment_only must be true or false")
        return cls(weekly, tuple(parse_closed(closed_raw)), appointment_only, tz)

    def is_closed_day(self, day: date) -> bool:
        return any(first <= day <= last for first, last in self.closed)

    def _intervals(self, day: date) -> Iterator[Tuple[datetime, datetime]]:
        if self.is_closed_day(day):
            return
        for start, end in self.weekly.get(WEEKDAYS[day.weekday()], ()):
            yield (
                datetime.combine(day, start, tzinfo=self.tz),
                datetime.combine(day, end, tzinfo=self.tz),
            )

    def is_open(self, at: datetime) -> bool:
        """Open at the aware moment `at` (walk-in hours; see appointment_only)."""
        local = _aware(at).astimezone(self.tz)
        moment = local.timestamp()  # compare instants, not wall-clock readings
        return any(s.timestamp() <= moment < e.timestamp() for s, e in self._intervals(local.date()))

    def next_opening(self, after: datetime) -> Optional[datetime]:
        """The first opening strictly after `after`, in local time; None if none soon."""
        local = _aware(after).astimezone(self.tz)
        for offset in range(HORIZON_DAYS + 1):
            day = local.date() + timedelta(days=offset)
            for start, _ in self._intervals(day):
                if start.timestamp() > local.timestamp():
                    return start
        return None

    def closes_at(self, at: datetime) -> Optional[datetime]:
        local = _aware(at).astimezone(self.tz)
        moment = local.timestamp()
        for start, end in self._intervals(local.date()):
            if start.timestamp() <= moment < end.timestamp():
                return end
        return None


def _aware(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("a moment must carry its time zone")
    return moment
