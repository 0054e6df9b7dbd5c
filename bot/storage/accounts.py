"""Staff, policy and admin accounts, with scrypt-hashed passwords, their municipalities and sessions.

Only hashes are stored: of the password (scrypt with a random salt) and of the
session cookie (SHA-256). The first admin is seeded from TAALBRUG_ADMIN_PASSWORD.
Every account belongs to one or more municipalities (tenants); what it may see
is filtered by them (bot/web/tenants.py). Operators disable accounts, reset
passwords and set municipalities here (`make account`, bot/storage/cli.py).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

from sqlalchemy import delete, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from bot.storage.db import from_db, session_scope, to_utc
from bot.storage.models import Account, AccountMunicipality, WebSession
from bot.vocabulary import ROLES

MIN_PASSWORD = 12
SESSION_TTL = timedelta(hours=8)
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")  # a folder name in municipalities/


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
    municipalities: Tuple[str, ...] = ()  # sorted slugs; none: the account sees nothing


def _checked_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"password: at least {MIN_PASSWORD} characters")
    return password


def _checked_municipalities(municipalities: Iterable[str]) -> Tuple[str, ...]:
    slugs = tuple(sorted({m.strip().lower() for m in municipalities if m.strip()}))
    if not slugs:
        raise AccountError("municipalities: give at least one (a folder name in municipalities/)")
    wrong = [s for s in slugs if not SLUG.match(s)]
    if wrong:
        raise AccountError(f"municipalities: {', '.join(map(repr, wrong))} is no municipality slug "
                           "(lowercase letters, digits and '-')")
    return slugs


def _municipalities_of(session: Session, account_ids: Sequence[int]) -> Dict[int, Tuple[str, ...]]:
    found: Dict[int, List[str]] = {i: [] for i in account_ids}
    rows = session.execute(
        select(AccountMunicipality.account_id, AccountMunicipality.municipality)
        .where(AccountMunicipality.account_id.in_(list(account_ids)))
    )
    for account_id, municipality in rows:
        found[account_id].append(municipality)
    return {i: tuple(sorted(m)) for i, m in found.items()}


def _user(session: Session, account: Account) -> User:
    return User(account.id, account.username, account.role, _municipalities_of(session, [account.id])[account.id])


def create_account(engine: Engine, username: str, role: str, password: str, now: datetime,
                   municipalities: Sequence[str]) -> User:
    """A new account of `role` that belongs to `municipalities` (at least one)."""
    username = username.strip().lower()
    if role not in ROLES:
        raise AccountError(f"role must be one of {', '.join(ROLES)}")
    if not (2 <= len(username) <= 64) or not username.replace("-", "").replace(".", "").replace("_", "").isalnum():
        raise AccountError("username: 2 to 64 letters, digits, '.', '-' or '_'")
    _checked_password(password)
    slugs = _checked_municipalities(municipalities)
    with session_scope(engine) as session:
        if session.execute(select(Account.id).where(Account.username == username)).first():
            raise AccountError(f"username {username!r} is taken")
        account = Account(username=username, role=role, password_hash=hash_password(password),
                          created_at=to_utc(now), disabled=False)
        session.add(account)
        session.flush()
        session.add_all([AccountMunicipality(account_id=account.id, municipality=m) for m in slugs])
        session.flush()
        return _user(session, account)


def ensure_admin(engine: Engine, password: Optional[str], now: datetime, municipalities: Sequence[str]) -> bool:
    """Create the account 'admin' from TAALBRUG_ADMIN_PASSWORD when there is no admin yet; it belongs
    to `municipalities` (the gateway gives it every municipality of the deployment)."""
    if not password:
        return False
    with session_scope(engine) as session:
        if session.execute(select(Account.id).where(Account.role == "admin")).first():
            return False
    create_account(engine, "admin", "admin", password, now, municipalities)
    return True


def _account(session: Session, username: str) -> Account:
    account = session.execute(
        select(Account).where(Account.username == username.strip().lower())
    ).scalar_one_or_none()
    if account is None:
        raise AccountError(f"there is no account {username.strip().lower()!r}")
    return account


def set_disabled(engine: Engine, username: str, disabled: bool = True) -> User:
    """Disable (or enable again) an account; a disabled account's sessions end at once."""
    with session_scope(engine) as session:
        account = _account(session, username)
        account.disabled = disabled
        if disabled:
            session.execute(delete(WebSession).where(WebSession.account_id == account.id))
        return _user(session, account)


def reset_password(engine: Engine, username: str, password: str) -> User:
    """Give an account a new password; its open sessions end (whoever knew the old one is out)."""
    _checked_password(password)
    with session_scope(engine) as session:
        account = _account(session, username)
        account.password_hash = hash_password(password)
        session.execute(delete(WebSession).where(WebSession.account_id == account.id))
        return _user(session, account)


def set_municipalities(engine: Engine, username: str, municipalities: Sequence[str]) -> User:
    """Replace the municipalities an account belongs to (at least one)."""
    slugs = _checked_municipalities(municipalities)
    with session_scope(engine) as session:
        account = _account(session, username)
        session.execute(delete(AccountMunicipality).where(AccountMunicipality.account_id == account.id))
        session.add_all([AccountMunicipality(account_id=account.id, municipality=m) for m in slugs])
        session.flush()
        return _user(session, account)


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
        return _user(session, account)


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
        return _user(session, account), web_session.csrf


def end_session(engine: Engine, token: str) -> None:
    with session_scope(engine) as session:
        session.execute(delete(WebSession).where(WebSession.token_hash == _token_hash(token)))
