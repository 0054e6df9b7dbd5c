"""Alembic brings an empty database to the newest schema, and topic counts add up."""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

from sqlalchemy import inspect, text

from bot.storage.accounts import authenticate, hash_password, set_municipalities
from bot.storage.counts import record_topic, topic_totals
from bot.storage.db import make_engine
from bot.storage.migrate import alembic_config, current, upgrade

NOW = datetime(2026, 12, 6, 9, 0, tzinfo=timezone.utc)


def test_upgrade_creates_the_schema_and_is_idempotent(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'sub' / 'taalbrug.db'}"
    assert current(url) is None
    upgrade(url)
    upgrade(url)  # a second start changes nothing
    assert current(url) == "0006_account_municipalities"
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


def accounts_before_tenants_see_nothing_until_given_their_municipalities(url: str) -> None:
    """Run on a database at revision 0004 (here on SQLite, in test_postgres.py on PostgreSQL)."""
    from alembic import command

    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO account (username, role, password_hash, created_at, disabled) "
                                "VALUES ('oud', 'policy', :hash, :at, :off)"),
                           {"hash": hash_password("een lang wachtwoord"), "at": NOW, "off": False})
    upgrade(url)
    assert current(url) == "0006_account_municipalities"
    before = authenticate(engine, "oud", "een lang wachtwoord")
    assert before is not None and before.municipalities == ()  # it sees nothing: no silent access
    assert set_municipalities(engine, "oud", ["rivierbeke"]).municipalities == ("rivierbeke",)
    with engine.begin() as connection:
        config = alembic_config(url)
        config.attributes["connection"] = connection
        command.downgrade(config, "0004")
    assert "account_municipality" not in inspect(engine).get_table_names()
    upgrade(url)
    assert authenticate(engine, "oud", "een lang wachtwoord").municipalities == ()
    engine.dispose()


def test_accounts_from_before_tenants_belong_to_no_municipality(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'taalbrug.db'}"
    upgrade(url, "0004")
    accounts_before_tenants_see_nothing_until_given_their_municipalities(url)
