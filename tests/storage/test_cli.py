"""Retention: `make purge` empties old unmet question texts and keeps the counts."""

from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from bot.config import Settings
from bot.report.indicators import rows
from bot.storage.accounts import authenticate, session_user, start_session
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
    assert main(["add-account", "els", "--role", "policy", "--municipalities", "voorbeeldegem,rivierbeke"],
                settings) == 0
    els = authenticate(make_engine(url), "els", "een lang wachtwoord")
    assert els.role == "policy" and els.municipalities == ("rivierbeke", "voorbeeldegem")
    monkeypatch.setattr("sys.stdin", io.StringIO("kort\n"))
    assert main(["add-account", "jan", "--role", "staff", "--municipalities", "voorbeeldegem"], settings) == 2
    with pytest.raises(SystemExit):
        main(["add-account", "jan", "--role", "koning", "--municipalities", "voorbeeldegem"], settings)
    with pytest.raises(SystemExit):  # every account belongs to a municipality
        main(["add-account", "jan", "--role", "staff"], settings)


def _accounts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    url = f"sqlite:///{tmp_path / 'taalbrug.db'}"
    settings = Settings.from_env({"TAALBRUG_DATABASE_URL": url, "TAALBRUG_VAR_DIR": str(tmp_path)})
    monkeypatch.setattr("sys.stdin", io.StringIO("een lang wachtwoord\n"))
    assert main(["add-account", "jan", "--role", "staff", "--municipalities", "voorbeeldegem"], settings) == 0
    return settings


def test_a_disabled_account_cannot_sign_in_and_its_sessions_end(tmp_path, monkeypatch, capsys) -> None:
    settings = _accounts(tmp_path, monkeypatch)
    engine = make_engine(settings.database_url)
    token, _ = start_session(engine, authenticate(engine, "jan", "een lang wachtwoord"), datetime.now(timezone.utc))
    assert main(["disable-account", "jan"], settings) == 0
    assert "Disabled staff account 'jan'" in capsys.readouterr().out
    assert authenticate(engine, "jan", "een lang wachtwoord") is None
    assert session_user(engine, token, datetime.now(timezone.utc)) is None
    assert main(["enable-account", "jan"], settings) == 0
    assert authenticate(engine, "jan", "een lang wachtwoord") is not None
    assert main(["disable-account", "niemand"], settings) == 2
    assert "there is no account 'niemand'" in capsys.readouterr().err


def test_a_password_reset_takes_the_new_password_from_standard_input_and_ends_sessions(
        tmp_path, monkeypatch) -> None:
    settings = _accounts(tmp_path, monkeypatch)
    engine = make_engine(settings.database_url)
    token, _ = start_session(engine, authenticate(engine, "jan", "een lang wachtwoord"), datetime.now(timezone.utc))
    monkeypatch.setattr("sys.stdin", io.StringIO("een nieuw lang wachtwoord\n"))
    assert main(["reset-password", "jan"], settings) == 0
    assert authenticate(engine, "jan", "een lang wachtwoord") is None
    assert authenticate(engine, "jan", "een nieuw lang wachtwoord") is not None
    assert session_user(engine, token, datetime.now(timezone.utc)) is None  # whoever knew the old one is out
    monkeypatch.setattr("sys.stdin", io.StringIO("kort\n"))
    assert main(["reset-password", "jan"], settings) == 2
    assert authenticate(engine, "jan", "een nieuw lang wachtwoord") is not None


def test_municipalities_are_set_and_an_unknown_one_is_refused(tmp_path, monkeypatch, capsys) -> None:
    settings = _accounts(tmp_path, monkeypatch)
    engine = make_engine(settings.database_url)
    assert main(["set-municipalities", "jan", "rivierbeke"], settings) == 0
    assert authenticate(engine, "jan", "een lang wachtwoord").municipalities == ("rivierbeke",)
    capsys.readouterr()
    assert main(["set-municipalities", "jan", "rivierbeke,atlantis"], settings) == 2
    assert "unknown municipality 'atlantis'" in capsys.readouterr().err
    assert main(["set-municipalities", "jan", ","], settings) == 2
    assert authenticate(engine, "jan", "een lang wachtwoord").municipalities == ("rivierbeke",)
