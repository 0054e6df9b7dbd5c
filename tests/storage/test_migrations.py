"""Alembic brings an empty database to the newest schema, and topic counts add up."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import inspect

from bot.storage.counts import record_topic, topic_totals
from bot.storage.db import make_engine
from bot.storage.migrate import current, upgrade


def test_upgrade_creates_the_schema_and_is_idempotent(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'sub' / 'taalbrug.db'}"
    assert current(url) is None
    upgrade(url)
    upgrade(url)  # a second start changes nothing
    assert current(url) == "0004"
    assert {"topic_count", "referral", "staff_note", "unmet_question", "conversation_count", "account",
            "web_session"} <= set(inspect(make_engine(url)).get_table_names())


def test_counts_are_kept_per_language(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'taalbrug.db'}"
    upgrade(url)
    engine = make_engine(url)
    for language in ("ar", "ar", "nl"):
        record_topic(engine, date(2026, 11, 22), "voorbeeldegem", "web", language, "greet")
    assert topic_totals(engine) == {("greet", "ar"): 2, ("greet", "nl"): 1}


def test_the_migrations_match_the_models(tmp_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from bot.storage.models import Base

    url = f"sqlite:///{tmp_path / 'taalbrug.db'}"
    upgrade(url)
    with make_engine(url).connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == []
