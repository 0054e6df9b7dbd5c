"""Retention: `make purge` empties old unmet question texts and keeps the counts."""

from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from bot.config import Settings
from bot.report.indicators import rows
from bot.storage.accounts import authenticate
from bot.storage.cli import main, months_before
from bot.storage.db import make_engine
from bot.storage.migrate import upgrade
from bot.storage.unmet import list_unmet, record_unmet


def test_months_before_keeps_the_day_where_it_can() -> None:
    moment = datetime(2026, 3, 31, 12, 0, tzinfo=timezone.utc)
    assert months_before(moment, 1) == datetime(2026, 2, 28, 12, 0, tzinfo=timezone.utc)
    assert months_before(moment, 12) == datetime(2025, 3, 31, 12, 0, tzinfo=timezone.utc)
    assert months_before(datetime(2026, 1, 15, tzinfo=timezone.utc), 2) == datetime(2025, 11, 15, tzinfo=timezone.utc)


def test_purge_empties_old_texts_and_keeps_the_counts(tmp_path: Path, capsys) -> None:
    url = f"sqlite:///{tmp_path / 'taalbrug.db'}"
    upgrade(url)
    engine = make_engine(url)
    now = datetime.now(timezone.utc)
    for age in (400, 10):
        record_unmet(engine, now - timedelta(days=age), "voorbeeldegem", "rest", "ar", "fallback",
                     f"vraag van {age} dagen geleden", [("waste", 0.2)], "h" * 32)
    settings = Settings.from_env({"TAALBRUG_DATABASE_URL": url, "TAALBRUG_VAR_DIR": str(tmp_path)})
    assert main(["purge"], settings) == 0
    assert "Emptied 1 unmet question texts older than 12 months" in capsys.readouterr().out
    assert [q.text for q in list_unmet(engine)] == ["vraag van 10 dagen geleden"]
    unmet_rows = [r for r in rows(engine) if r.indicator == "unmet"]
    assert sum(r.count for r in unmet_rows) == 2  # the purged question still counts


def test_an_account_is_added_with_the_password_from_standard_input(tmp_path, monkeypatch, capsys) -> None:
    url = f"sqlite:///{tmp_path / 'taalbrug.db'}"
    settings = Settings.from_env({"TAALBRUG_DATABASE_URL": url, "TAALBRUG_VAR_DIR": str(tmp_path)})
    monkeypatch.setattr("sys.stdin", io.StringIO("een lang wachtwoord\n"))
    assert main(["add-account", "els", "--role", "policy"], settings) == 0
    assert authenticate(make_engine(url), "els", "een lang wachtwoord").role == "policy"
    monkeypatch.setattr("sys.stdin", io.StringIO("kort\n"))
    assert main(["add-account", "jan", "--role", "staff"], settings) == 2
    with pytest.raises(SystemExit):
        main(["add-account", "jan", "--role", "koning"], settings)
