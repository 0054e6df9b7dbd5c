"""The one place that creates SQLAlchemy engines and sessions for Taalbrug's database."""

from __future__ import annotations

import contextlib
import os
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Dict, Iterator, Optional, overload

from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session, sessionmaker


def private_dir(path: Path, tighten: bool = False) -> None:
    """Create `path` (and missing parents) readable by this user only (0700). `tighten`: also an
    existing one of ours (var/ itself; never a folder such as /srv that merely holds a file)."""
    if not path.exists():
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        path.chmod(0o700)  # mkdir's mode is filtered by the umask
    elif tighten and path.stat().st_uid == os.getuid():
        path.chmod(0o700)


def private_sqlite_file(url: str) -> None:
    """For a SQLite URL: its folder 0700 and its file created 0600 before SQLite creates it
    (with the umask's 0644). Other URLs are left alone."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return
    path = Path(parsed.database)
    # On failure, connecting fails with a clear driver error instead.
    with contextlib.suppress(OSError):
        private_dir(path.parent)
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))


def make_engine(url: str) -> Engine:
    """An engine for `url` (SQLite file or PostgreSQL), 2.0-style API; a SQLite file is made 0600."""
    parsed = make_url(url)
    kwargs: Dict[str, Any] = {"future": True, "pool_pre_ping": True}
    if parsed.get_backend_name() == "sqlite":
        private_sqlite_file(url)
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": 15}
    return create_engine(parsed, **kwargs)


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A short-lived session: commit on success, roll back on error, always close."""
    factory = sessionmaker(engine, future=True, expire_on_commit=False)
    session = factory()
    try:
        yield session
        session.commit()
    except Exception:
        session.rollback()
        raise
    finally:
        session.close()


def ping(engine: Engine) -> None:
    """Raise if the database cannot answer a trivial query."""
    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))


def to_utc(moment: datetime) -> datetime:
    """Times are stored in UTC (SQLite keeps no offset); a naive time is refused."""
    if moment.tzinfo is None:
        raise ValueError("a stored time must carry a time zone")
    return moment.astimezone(timezone.utc)


@overload
def from_db(moment: datetime) -> datetime: ...


@overload
def from_db(moment: None) -> None: ...


@overload
def from_db(moment: Optional[datetime]) -> Optional[datetime]: ...


def from_db(moment: Optional[datetime]) -> Optional[datetime]:
    """A stored time as an aware UTC datetime (SQLite gives it back naive)."""
    if moment is None:
        return None
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)
