"""Accounts keep only password hashes; sessions expire; the first admin comes from the environment."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.storage.accounts import (
    AccountError,
    authenticate,
    create_account,
    end_session,
    ensure_admin,
    session_user,
    start_session,
)
from bot.storage.db import make_engine, session_scope
from bot.storage.migrate import upgrade
from bot.storage.models import Account, WebSession

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)


@pytest.fixture()
def engine(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'taalbrug.db'}"
    upgrade(url)
    return make_engine(url)


def test_a_password_is_stored_only_as_a_salted_hash(engine) -> None:
    create_account(engine, "Els.Peeters", "policy", "een lang wachtwoord", NOW, ["voorbeeldegem"])
    create_account(engine, "jan", "staff", "een lang wachtwoord", NOW, ["voorbeeldegem"])
    with session_scope(engine) as session:
        hashes = [a.password_hash for a in session.execute(select(Account)).scalars()]
    assert all(h.startswith("scrypt$") and "wachtwoord" not in h for h in hashes)
    assert hashes[0] != hashes[1]  # same password, different salt
    assert authenticate(engine, "els.peeters", "een lang wachtwoord").role == "policy"
    assert authenticate(engine, "els.peeters", "verkeerd wachtwoord") is None
    assert authenticate(engine, "niemand", "een lang wachtwoord") is None


@pytest.mark.parametrize("username, role, password", [
    ("x", "policy", "een lang wachtwoord"), ("anna", "god", "een lang wachtwoord"), ("anna", "staff", "kort"),
    ("an na", "staff", "een lang wachtwoord"),
])
def test_bad_accounts_are_refused(engine, username, role, password) -> None:
    with pytest.raises(AccountError):
        create_account(engine, username, role, password, NOW, ["voorbeeldegem"])


def test_the_first_admin_is_seeded_once(engine) -> None:
    assert not ensure_admin(engine, None, NOW, ["voorbeeldegem"])
    assert ensure_admin(engine, "admin-wachtwoord-1", NOW, ["voorbeeldegem"])
    assert not ensure_admin(engine, "een ander wachtwoord", NOW, ["voorbeeldegem"])  # no second admin, no reset
    assert authenticate(engine, "admin", "admin-wachtwoord-1").role == "admin"


def test_sessions_expire_and_end(engine) -> None:
    user = create_account(engine, "els", "policy", "een lang wachtwoord", NOW, ["voorbeeldegem"])
    token, csrf = start_session(engine, user, NOW)
    assert session_user(engine, token, NOW + timedelta(hours=7)) == (user, csrf)
    assert session_user(engine, token, NOW + timedelta(hours=9)) is None
    assert session_user(engine, "verzonnen", NOW) is None
    with session_scope(engine) as session:
        assert token not in [s.token_hash for s in session.execute(select(WebSession)).scalars()]
    end_session(engine, token)
    assert session_user(engine, token, NOW) is None


@pytest.mark.parametrize("municipalities", [[], [""], ["Voorbeeld Egem"], ["../etc"]])
def test_an_account_belongs_to_at_least_one_well_named_municipality(engine, municipalities) -> None:
    with pytest.raises(AccountError, match="municipalit"):
        create_account(engine, "anna", "staff", "een lang wachtwoord", NOW, municipalities)
    assert authenticate(engine, "anna", "een lang wachtwoord") is None


def test_the_seeded_admin_belongs_to_the_municipalities_it_is_given(engine) -> None:
    assert ensure_admin(engine, "admin-wachtwoord-1", NOW, ["voorbeeldegem", "rivierbeke"])
    assert authenticate(engine, "admin", "admin-wachtwoord-1").municipalities == ("rivierbeke", "voorbeeldegem")
