"""Unmet questions and conversation counts: writing, the review list, and retention.

An unmet question is stored with its redacted text, language, the top 3
intents with their confidence, channel, municipality, time, a salted hash of
the conversation id and a review status. `purge()` empties the text and
intents of questions older than the retention period; the rows stay, so the
counts stay.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Collection, List, Optional, Sequence, Set, Tuple

from sqlalchemy import select, update
from sqlalchemy.engine import Engine

from bot.privacy import redact
from bot.storage.counts import increment
from bot.storage.db import from_db, session_scope, to_utc
from bot.storage.models import ConversationCount, UnmetQuestion
from bot.vocabulary import STATUSES

REASONS = frozenset({"fallback", "out_of_scope", "feedback_negative", "unhelpful"})
MAX_TEXT = 2000


def record_unmet(
    engine: Engine,
    created_at: datetime,
    municipality: str,
    channel: str,
    language: str,
    reason: str,
    text: str,
    intents: Sequence[Tuple[str, float]],
    conversation: str,
) -> None:
    """Store one unmet question. The text is redacted here too, whatever the caller did."""
    if reason not in REASONS:
        raise ValueError(f"unknown reason {reason!r}")
    top = [[str(name)[:64], round(float(confidence), 4)] for name, confidence in list(intents)[:3]]
    with session_scope(engine) as session:
        session.add(UnmetQuestion(
            created_at=to_utc(created_at), municipality=municipality[:64], channel=channel[:32],
            language=language[:8], reason=reason, text=redact(text)[:MAX_TEXT],
            intents=json.dumps(top), conversation=conversation[:64], status="new",
        ))


def record_conversation(engine: Engine, day: date, municipality: str, channel: str, language: str) -> None:
    """Count one conversation started (no text, no id)."""
    increment(engine, ConversationCount, day=day, municipality=municipality, channel=channel[:32],
              language=language[:8])


@dataclass(frozen=True)
class Unmet:
    id: int
    created_at: datetime
    municipality: str
    channel: str
    language: str
    reason: str
    text: Optional[str]
    intents: List[Tuple[str, float]]
    status: str

    def as_dict(self) -> dict:
        return {
            "id": self.id, "created_at": self.created_at.isoformat(), "municipality": self.municipality,
            "channel": self.channel, "language": self.language, "reason": self.reason,
            "text": self.text, "top_intents": [{"intent": n, "confidence": c} for n, c in self.intents],
            "status": self.status,
        }


def list_unmet(
    engine: Engine,
    start: Optional[datetime] = None,
    end: Optional[datetime] = None,
    language: Optional[str] = None,
    status: Optional[str] = None,
    municipality: Optional[str] = None,
    limit: int = 1000,
    within: Optional[Collection[str]] = None,
) -> List[Unmet]:
    """Unmet questions whose text is still kept, newest first, filtered by period, language and status;
    `within`: only these municipalities (an account's own)."""
    query = select(UnmetQuestion).where(UnmetQuestion.purged_at.is_(None))
    if start is not None:
        query = query.where(UnmetQuestion.created_at >= to_utc(start))
    if end is not None:
        query = query.where(UnmetQuestion.created_at < to_utc(end))
    if language:
        query = query.where(UnmetQuestion.language == language)
    if status:
        query = query.where(UnmetQuestion.status == status)
    if municipality:
        query = query.where(UnmetQuestion.municipality == municipality)
    if within is not None:
        query = query.where(UnmetQuestion.municipality.in_(list(within)))
    query = query.order_by(UnmetQuestion.created_at.desc(), UnmetQuestion.id.desc()).limit(limit)
    with session_scope(engine) as session:
        return [_unmet(row) for row in session.execute(query).scalars()]


def unmet_municipalities(engine: Engine, ids: Sequence[int]) -> Set[str]:
    """The municipalities the questions `ids` belong to."""
    if not ids:
        return set()
    with session_scope(engine) as session:
        return set(session.execute(
            select(UnmetQuestion.municipality).where(UnmetQuestion.id.in_(list(ids))).distinct()
        ).scalars())


def set_status(engine: Engine, ids: Sequence[int], status: str, within: Optional[Collection[str]] = None) -> int:
    """Move questions (of the municipalities `within`, when given) to a review status; returns how many changed."""
    if status not in STATUSES:
        raise ValueError(f"unknown status {status!r}")
    if not ids:
        return 0
    query = update(UnmetQuestion).where(UnmetQuestion.id.in_(list(ids)))
    if within is not None:
        query = query.where(UnmetQuestion.municipality.in_(list(within)))
    with session_scope(engine) as session:
        return session.execute(query.values(status=status)).rowcount or 0


def purge(engine: Engine, before: datetime, now: datetime) -> int:
    """Empty the text and intents of unmet questions created before `before`; the counts stay."""
    with session_scope(engine) as session:
        result = session.execute(
            update(UnmetQuestion)
            .where(UnmetQuestion.created_at < to_utc(before), UnmetQuestion.purged_at.is_(None))
            .values(text=None, intents=None, purged_at=to_utc(now))
        )
        return result.rowcount or 0


def _unmet(row: UnmetQuestion) -> Unmet:
    intents = [(str(n), float(c)) for n, c in json.loads(row.intents or "[]")]
    return Unmet(row.id, from_db(row.created_at), row.municipality, row.channel, row.language, row.reason,
                 row.text, intents, row.status)
