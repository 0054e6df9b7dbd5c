"""Open now and next opening, in Europe/Brussels time, across DST changes and closures."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from bot.content.reader import ContentError
from bot.directory.hours import BRUSSELS, OpeningHours

HOURS = OpeningHours.from_config(
    {
        "weekly": {"mon": ["09:00-12:00", "13:00-16:00"], "wed": ["13:00-19:00"], "sat": ["09:00-11:30"]},
        "closed": ["2026-11-11", "2026-12-24/2027-01-01"],
    }
)


def brussels(*args: int) -> datetime:
    return datetime(*args, tzinfo=BRUSSELS)


def test_open_and_closed_within_a_day() -> None:
    assert HOURS.is_open(brussels(2026, 11, 23, 9, 0))  # Monday, opening minute
    assert not HOURS.is_open(brussels(2026, 11, 23, 12, 0))  # lunch break starts
    assert HOURS.is_open(brussels(2026, 11, 23, 15, 59))
    assert not HOURS.is_open(brussels(2026, 11, 23, 16, 0))


def test_next_opening_after_the_lunch_break_and_over_the_weekend() -> None:
    assert HOURS.next_opening(brussels(2026, 11, 23, 12, 30)) == brussels(2026, 11, 23, 13, 0)
    assert HOURS.next_opening(brussels(2026, 11, 28, 11, 30)) == brussels(2026, 11, 30, 9, 0)


def test_a_closed_day_and_a_closed_range_are_skipped() -> None:
    # 11 November 2026 is a Wednesday, closed (Armistice Day).
    assert not HOURS.is_open(brussels(2026, 11, 11, 14, 0))
    assert HOURS.next_opening(brussels(2026, 11, 11, 8, 0)) == brussels(2026, 11, 14, 9, 0)
    # Christmas closure 24 Dec - 1 Jan: the next opening is Saturday 2 January.
    assert HOURS.next_opening(brussels(2026, 12, 23, 20, 0)) == brussels(2027, 1, 2, 9, 0)


def test_utc_moments_are_read_in_brussels_time_in_winter_and_summer() -> None:
    # Monday 23 Nov 2026 08:30 UTC is 09:30 in Brussels (UTC+1): open.
    assert HOURS.is_open(datetime(2026, 11, 23, 8, 30, tzinfo=timezone.utc))
    # Monday 6 July 2026 07:30 UTC is 09:30 in Brussels (UTC+2): open ...
    assert HOURS.is_open(datetime(2026, 7, 6, 7, 30, tzinfo=timezone.utc))
    # ... and 06:30 UTC is 08:30 there: still closed.
    assert not HOURS.is_open(datetime(2026, 7, 6, 6, 30, tzinfo=timezone.utc))


def test_next_opening_across_the_spring_and_autumn_clock_changes() -> None:
    # Clocks go forward on Sunday 29 March 2026 and back on Sunday 25 October 2026.
    spring = HOURS.next_opening(brussels(2026, 3, 28, 12, 0))
    assert spring == brussels(2026, 3, 30, 9, 0)
    assert spring.utcoffset().total_seconds() == 2 * 3600
    autumn = HOURS.next_opening(brussels(2026, 10, 24, 12, 0))
    assert autumn == brussels(2026, 10, 26, 9, 0)
    assert autumn.utcoffset().total_seconds() == 3600
    # Saturday 28 March 23:30 UTC is already Sunday 00:30 in Brussels, the night
    # the clocks change: the next opening is still Monday 09:00 wall-clock.
    assert HOURS.next_opening(datetime(2026, 3, 28, 23, 30, tzinfo=timezone.utc)) == brussels(2026, 3, 30, 9, 0)


def test_naive_moments_are_refused() -> None:
    with pytest.raises(ValueError, match="time zone"):
        HOURS.is_open(datetime(2026, 11, 23, 10, 0))


@pytest.mark.parametrize(
    "config, message",
    [
        ({"weekly": {"maandag": ["09:00-12:00"]}}, "unknown weekday"),
        ({"weekly": {"mon": ["12:00-09:00"]}}, "ends before it starts"),
        ({"weekly": {"mon": ["9u-12u"]}}, "not a range"),
        ({"weekly": {"mon": ["09:00-12:00", "11:00-13:00"]}}, "overlapping"),
        ({"weekly": {"mon": []}}, "must be a list"),
        ({"closed": ["25/12/2026"]}, "YYYY-MM-DD"),
        ({"closed": ["2026-02-30"]}, "not a real date"),
        ({"closed": ["2027-01-01/2026-12-24"]}, "ends before it starts"),
        ({"appointment_only": "ja"}, "true or false"),
    ],
)
def test_malformed_hours_are_refused_with_a_reason(config, message) -> None:
    with pytest.raises(ContentError, match=message):
        OpeningHours.from_config(config)


def test_without_hours_there_is_no_next_opening() -> None:
    assert OpeningHours.from_config({"appointment_only": True}).next_opening(brussels(2026, 11, 23, 9, 0)) is None
