"""The same schema and queries on PostgreSQL (production), for real.

.ci/run starts Debian's PostgreSQL on loopback (.ci/services) and sets
TAALBRUG_TEST_POSTGRES_URL; without it these tests skip. CI also sets
TAALBRUG_REQUIRE_POSTGRES=1, so there they fail instead (tests/conftest.py).
"""

from __future__ import annotations

import os
import threading
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.report.indicators import rows
from bot.storage.accounts import authenticate, create_account, session_user, start_session
from bot.storage.counts import record_topic, topic_totals
from bot.storage.db import make_engine
from bot.storage.migrate import alembic_config, current, upgrade
from bot.storage.records import recorder
from bot.storage.referrals import add_note, open_notes
from bot.storage.unmet import list_unmet, purge
from tests.storage.test_migrations import accounts_before_tenants_see_nothing_until_given_their_municipalities

URL = os.environ.get("TAALBRUG_TEST_POSTGRES_URL", "")
pytestmark = pytest.mark.needs("postgres")

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=timezone.utc)


@pytest.fixture()
def engine():
    from alembic import command

    engine = make_engine(URL)
    with engine.begin() as connection:
        config = alembic_config(URL)
        config.attributes["connection"] = connection
        command.downgrade(config, "base")  # every test starts from an empty schema
    upgrade(URL)
    yield engine
    engine.dispose()


def test_migrations_reach_head_and_match_the_models(engine) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from bot.storage.models import Base

    assert current(URL) == "0006_account_municipalities"
    with engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []


def test_accounts_from_before_tenants_belong_to_no_municipality(engine) -> None:
    from alembic import command

    with engine.begin() as connection:
        config = alembic_config(URL)
        config.attributes["connection"] = connection
        command.downgrade(config, "0004")
    accounts_before_tenants_see_nothing_until_given_their_municipalities(URL)


def test_concurrent_counts_add_up_without_losing_one(engine) -> None:
    def count() -> None:
        for _ in range(10):
            record_topic(engine, date(2026, 11, 23), "voorbeeldegem", "rest", "ar", "waste")

    threads = [threading.Thread(target=count) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert topic_totals(engine) == {("waste", "ar"): 40}


def test_every_record_kind_round_trips_with_time_zones(engine, tmp_path: Path) -> None:
    rec = recorder(engine, tmp_path)
    assert rec.write("unmet", created_at=NOW, municipality="voorbeeldegem", channel="rest", language="ti",
                     reason="fallback", text="mijn e-mail is a.b@example.org, waar is de bib",
                     intents=[("leisure", 0.4)], conversation="h" * 32)
    assert rec.write("conversation", day=date(2026, 11, 23), municipality="voorbeeldegem", channel="rest",
                     language="ti")
    assert rec.write("referral", day=date(2026, 11, 23), municipality="voorbeeldegem", topic="learn_dutch",
                     service_id="huis-nl", language="ti", channel="rest")
    add_note(engine, NOW, "voorbeeldegem", "interpreter", "ti", "Tolk nodig: Tigrinya", "h" * 32)
    [question] = list_unmet(engine)
    assert question.created_at == NOW and "[e-mail]" in question.text and "a.b@" not in question.text
    assert open_notes(engine, "voorbeeldegem")[0].created_at == NOW
    kinds = {r.indicator: r.count for r in rows(engine)}
    assert kinds == {"conversations": 1, "referrals": 1, "unmet": 1}
    assert purge(engine, datetime(2026, 12, 1, tzinfo=timezone.utc), NOW) == 1
    assert list_unmet(engine) == [] and {r.indicator for r in rows(engine)} >= {"unmet"}


def test_accounts_and_sessions(engine) -> None:
    user = create_account(engine, "els", "policy", "een lang wachtwoord", NOW, ["voorbeeldegem"])
    assert authenticate(engine, "els", "een lang wachtwoord") == user
    token, csrf = start_session(engine, user, NOW)
    assert session_user(engine, token, NOW) == (user, csrf)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM web_session WHERE token_hash = :t"),
                                  {"t": token}).scalar_one() == 0
