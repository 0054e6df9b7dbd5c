"""Counters without text or ids: topics and safety-net answers per day, municipality, channel and
language, and the shared increment used by every counter table."""

from __future__ import annotations

from datetime import date
from typing import Any, Dict, Tuple, Type

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from bot.storage.db import session_scope
from bot.storage.models import SafetyCount, TopicCount


def increment(engine: Engine, model: Type[Any], **key: Any) -> None:
    """Add one to the `model` counter row matching `key`, creating it when it is the first."""
    for attempt in range(2):
        try:
            with session_scope(engine) as session:
                row = session.execute(
                    select(model).filter_by(**key).with_for_update()
                ).scalar_one_or_none()
                if row is None:
                    session.add(model(count=1, **key))
                else:
                    row.count += 1
            return
        except IntegrityError:
            # Another process created the row between our select and insert.
            if attempt:
                raise


def record_topic(
    engine: Engine, day: date, municipality: str, channel: str, language: str, topic: str
) -> None:
    """Count one answered topic."""
    increment(engine, TopicCount, day=day, municipality=municipality, channel=channel[:32], language=language,
              topic=topic)


def record_safety(
    engine: Engine, day: date, municipality: str, channel: str, language: str, level: str, category: str
) -> None:
    """Count one message the safety net answered with 112 (emergency) or asked about (unsure)."""
    increment(engine, SafetyCount, day=day, municipality=municipality, channel=channel[:32], language=language,
              level=level[:16], category=category[:32])


def topic_totals(engine: Engine) -> Dict[Tuple[str, str], int]:
    """Total per (topic, language), over all days."""
    totals: Dict[Tuple[str, str], int] = {}
    with session_scope(engine) as session:
        for row in session.execute(select(TopicCount)).scalars():
            key = (row.topic, row.language)
            totals[key] = totals.get(key, 0) + row.count
    return totals
