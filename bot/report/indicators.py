"""Monthly indicators for the policy and management cycle (BBC), from the counts in the database.

One row per month, municipality, indicator, topic, language, service, channel
and reason, with a count. Nothing here holds text or identifiers of people.
The Dutch column names and indicator labels are what a policy officer pastes
into the BBC report.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import asdict, dataclass
from datetime import date, datetime, timezone
from typing import Collection, Dict, Iterable, List, Mapping, Optional, Tuple

from sqlalchemy import select
from sqlalchemy.engine import Engine

from bot.storage.db import from_db, session_scope
from bot.storage.models import ConversationCount, ReferralRecord, SafetyCount, TopicCount, UnmetQuestion

INDICATORS = {
    "conversations": "Gesprekken",
    "topics": "Vragen per onderwerp",
    "referrals": "Doorverwijzingen",
    "unmet": "Onbeantwoorde vragen",
    # reason: emergency (112 answered) or unsure ("is het een noodgeval?" asked); topic: the danger category.
    "safety": "Mogelijke noodgevallen",
}
# CSV header (Dutch) for each field of Row, in order.
COLUMNS = {
    "month": "maand", "municipality": "gemeente", "indicator": "indicator", "label": "omschrijving",
    "topic": "onderwerp", "language": "taal", "language_name": "taal_naam", "service": "dienst",
    "channel": "kanaal", "reason": "reden", "count": "aantal",
}


@dataclass(frozen=True)
class Row:
    month: str
    municipality: str
    indicator: str
    label: str
    topic: str
    language: str
    language_name: str
    service: str
    channel: str
    reason: str
    count: int

    def as_dict(self) -> Dict[str, object]:
        return asdict(self)


@dataclass(frozen=True)
class Period:
    """Whole months, from `start` (first day) up to but not including `end`."""

    start: Optional[date] = None
    end: Optional[date] = None

    def holds(self, day: date) -> bool:
        return (self.start is None or day >= self.start) and (self.end is None or day < self.end)


def month(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def rows(
    engine: Engine,
    period: Period = Period(),
    municipality: Optional[str] = None,
    language_names: Mapping[str, str] = {},
    within: Optional[Collection[str]] = None,
) -> List[Row]:
    """Every indicator row of the period, sorted by month, indicator and the rest; `within`: only
    these municipalities (an account's own)."""
    counts: Counter = Counter()
    with session_scope(engine) as session:
        for r in session.execute(select(ConversationCount)).scalars():
            counts[(month(r.day), r.municipality, "conversations", "", r.language, "", r.channel, "", r.day)] += r.count
        for r in session.execute(select(TopicCount)).scalars():
            counts[(month(r.day), r.municipality, "topics", r.topic, r.language, "", r.channel, "", r.day)] += r.count
        for r in session.execute(select(ReferralRecord)).scalars():
            counts[(month(r.day), r.municipality, "referrals", r.topic, r.language, r.service_id, r.channel, "",
                    r.day)] += 1
        for r in session.execute(select(SafetyCount)).scalars():
            counts[(month(r.day), r.municipality, "safety", r.category, r.language, "", r.channel, r.level,
                    r.day)] += r.count
        for r in session.execute(
            select(UnmetQuestion.created_at, UnmetQuestion.municipality, UnmetQuestion.language,
                   UnmetQuestion.channel, UnmetQuestion.reason)
        ):
            day = from_db(r.created_at).date()
            counts[(month(day), r.municipality, "unmet", "", r.language, "", r.channel, r.reason, day)] += 1
    merged: Counter = Counter()
    for key, count in counts.items():
        *fields, day = key
        if period.holds(day) and (municipality is None or fields[1] == municipality) and (
                within is None or fields[1] in within):
            merged[tuple(fields)] += count
    out = [
        Row(m, town, ind, INDICATORS[ind], topic, lang, language_names.get(lang, lang), service, channel, reason, n)
        for (m, town, ind, topic, lang, service, channel, reason), n in merged.items()
    ]
    order = list(INDICATORS)
    return sorted(out, key=lambda r: (r.month, order.index(r.indicator), r.municipality, r.topic, r.language,
                                      r.service, r.channel, r.reason))


def table(data: Iterable[Row], indicator: str, by: str, across: Optional[str] = None) -> Dict[str, Dict[str, int]]:
    """A two-way table of one indicator: by `by` (e.g. month), across `across` (e.g. language)."""
    out: Dict[str, Dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in data:
        if row.indicator == indicator:
            out[getattr(row, by)][getattr(row, across) if across else "totaal"] += row.count
    return {k: dict(v) for k, v in sorted(out.items())}


def totals(data: Iterable[Row], indicator: str, by: str) -> List[Tuple[str, int]]:
    """One indicator summed by one field, largest first."""
    counter: Counter = Counter()
    for row in data:
        if row.indicator == indicator:
            counter[getattr(row, by)] += row.count
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))


def today_utc() -> date:
    return datetime.now(timezone.utc).date()
