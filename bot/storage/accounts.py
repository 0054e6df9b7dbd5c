"""Staff, policy and admin accounts, with scrypt-hashed passwords, and their browser sessions.

Only hashes are stored: of the password (scrypt with a random salt) and of the
session cookie (SHA-256). The first admin is seeded from TAALBRUG_ADMIN_PASSWORD.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Optional, Tuple

from sqlalchemy import delete, select
from sqlalchemy.engine import Engine

from bot.storage.db import from_db, session_scope, to_utc
from bot.storage.models import Account, WebSession
from bot.vocabulary import ROLES

MIN_PASSWORD = 12
SESSION_TTL = timedelta(hours=8)
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


class AccountError(ValueError):
    """An account cannot be created as asked (role, name or password)."""


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, dklen=32, **_SCRYPT)
    b64 = base64.b64encode
    return f"scrypt${_SCRYPT['n']}${_SCRYPT['r']}${_SCRYPT['p']}${b64(salt).decode()}${b64(digest).decode()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(password.encode("utf-8"), salt=base64.b64decode(salt),
                                n=int(n), r=int(r), p=int(p), dklen=len(expected))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


@dataclass(frozen=True)
class User:
    id: int
    username: str
    role: str


def create_account(engine: Engine, username: str, role: str, password: str, now: datetime) -> User:
    username = username.strip().lower()
    if role not in ROLES:
        raise AccountError(f"role must be one of {', '.join(ROLES)}")
    if not (2 <= len(username) <= 64) or not username.replace("-", "").replace(".", "").replace("_", "").isalnum():
        raise AccountError("username: 2 to 64 letters, digits, '.', '-' or '_'")
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"password: at least {MIN_PASSWORD} characters")
    with session_scope(engine) as session:
        if session.execute(select(Account.id).where(Account.username == username)).first():
            raise AccountError(f"username {username!r} is taken")
        account = Account(username=username, role=role, password_hash=hash_password(password),
                          created_at=to_utc(now), disabled=False)
        session.add(account)
        session.flush()
        return User(account.id, account.username, account.role)


def ensure_admin(engine: Engine, password: Optional[str], now: datetime) -> bool:
    """Create the account 'admin' from TAALBRUG_ADMIN_PASSWORD when there is no admin yet."""
    if not password:
        return False
    with session_scope(engine) as session:
        if session.execute(select(Account.id).where(Account.role == "admin")).first():
            return False
    create_account(engine, "admin", "admin", password, now)
    return True


def authenticate(engine: Engine, username: str, password: str) -> Optional[User]:
    with session_scope(engine) as session:
        account = session.execute(
            select(Account).where(Account.username == username.strip().lower())
        ).scalar_one_or_none()
        if account is None:
            verify_password(password, hash_password("timing-equaliser"))  # same work either way
            return None
        if account.disabled or not verify_password(password, account.password_hash):
            return None
        return User(account.id, account.username, account.role)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def start_session(engine: Engine, user: User, now: datetime) -> Tuple[str, str]:
    """A new session: (cookie token, CSRF token). Expired sessions are cleared on the way."""
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(24)
    with session_scope(engine) as session:
        session.execute(delete(WebSession).where(WebSession.expires_at < to_utc(now)))
        session.add(WebSession(token_hash=_token_hash(token), account_id=user.id, csrf=csrf,
                               created_at=to_utc(now), expires_at=to_utc(now + SESSION_TTL)))
    return token, csrf


def session_user(engine: Engine, token: str, now: datetime) -> Optional[Tuple[User, str]]:
    """The signed-in user and the session's CSRF token, or None when unknown or expired."""
    if not token or len(token) > 100:
        return None
    with session_scope(engine) as session:
        row = session.execute(
            select(WebSession, Account).join(Account, Account.id == WebSession.account_id)
            .where(WebSession.token_hash == _token_hash(token))
        ).first()
        if row is None:
            return None
        web_session, account = row
        if from_db(web_session.expires_at) <= to_utc(now) or account.disabled:
            return None
        return User(account.id, account.username, account.role), web_session.csrf


def end_session(engine: Engine, token: str) -> None:
    with session_scope(engine) as session:
        session.execute(delete(WebSession).where(WebSession.token_hash == _token_hash(token)))
