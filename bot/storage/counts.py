"""Count answered topics per day, municipality, channel and language (no text, no ids)."""

from __future__ import annotations

from datetime import date
from typing import Dict, Tuple

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from bot.storage.db import session_scope
from bot.storage.models import TopicCount


def record_topic(
    engine: Engine, day: date, municipality: str, channel: str, language: str, topic: str
) -> None:
    """Add one to the matching counter row, creating it when it is the first."""
    key = dict(day=day, municipality=municipality, channel=channel[:32], language=language, topic=topic)
    for attempt in range(2):
        try:
            with session_scope(engine) as session:
                row = session.execute(
                    select(TopicCount).filter_by(**key).with_for_update()
                ).scalar_one_or_none()
                if row is None:
                    session.add(TopicCount(count=1, **key))
                else:
                    row.count += 1
            return
        except IntegrityError:
            # Another process created the row between our select and insert.
            if attempt:
                raise


def topic_totals(engine: Engine) -> Dict[Tuple[str, str], int]:
    """Total per (topic, language), over all days."""
    totals: Dict[Tuple[str, str], int] = {}
    with session_scope(engine) as session:
        for row in session.execute(select(TopicCount)).scalars():
            key = (row.topic, row.language)
            totals[key] = totals.get(key, 0) + row.count
    return totals
