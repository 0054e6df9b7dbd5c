"""Nothing is lost: records that cannot reach the database wait in a local spool.

`Recorder.write(kind, **fields)` stores a record through the writer registered
for `kind` (a topic count, a referral, a staff note, an unmet question, a
conversation count). When the database is unavailable the record is appended
as one JSON line to the spool folder (fsynced), and the caller carries on.
Before the first write, and before every write after something was spooled,
the recorder replays waiting records, oldest first, so the spool empties as
soon as the database is back; `replay()` can also be called
at start-up. Redaction happens before a record reaches the recorder, so the
spool holds no personal data either.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import uuid
from datetime import date, datetime
from pathlib import Path
from typing import Any, Callable, Dict, List, Mapping

from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, OperationalError

from bot.storage.db import private_dir

logger = logging.getLogger(__name__)

Writer = Callable[..., Any]
UNAVAILABLE = (OperationalError, DBAPIError, ConnectionError, TimeoutError)


def _encode(value: Any) -> Any:
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict) and len(value) == 1:
        if "$datetime" in value:
            return datetime.fromisoformat(value["$datetime"])
        if "$date" in value:
            return date.fromisoformat(value["$date"])
    return value


class Recorder:
    """Writes records to the database, or to the spool while the database is down."""

    def __init__(self, engine: Engine, folder: Path, writers: Mapping[str, Writer]) -> None:
        self.engine = engine
        self.folder = Path(folder)
        self.writers = dict(writers)
        self._lock = threading.Lock()
        self._file = self.folder / f"spool-{os.getpid()}-{uuid.uuid4().hex[:8]}.jsonl"
        # Whether the spool may hold records: at first (an earlier process may have
        # left some) and after spooling. Writes skip the folder scan otherwise.
        self._maybe_pending = True

    def write(self, kind: str, /, **fields: Any) -> bool:
        """True when stored in the database, False when spooled for later."""
        if kind not in self.writers:
            raise ValueError(f"unknown record kind {kind!r}")
        try:
            if self._maybe_pending:
                self._maybe_pending = False  # cleared first: a record spooled meanwhile sets it again
                self.replay()
            self.writers[kind](self.engine, **fields)
            return True
        except UNAVAILABLE as exc:
            logger.warning("database unavailable (%s): %s record spooled", type(exc).__name__, kind)
            self._spool([{"kind": kind, "fields": {k: _encode(v) for k, v in fields.items()}}])
            return False

    def pending(self) -> int:
        """How many records wait in the spool."""
        return sum(len(self._read(path)) for path in self._files())

    def replay(self) -> int:
        """Write spooled records in order; returns how many were stored. Stops at the first outage."""
        stored = 0
        for path in self._files():
            claimed = path.with_name(path.name + f".replaying-{os.getpid()}-{threading.get_ident()}")
            try:
                path.rename(claimed)  # only one process or thread replays a file
            except FileNotFoundError:
                continue
            records = self._read(claimed)
            for index, record in enumerate(records):
                try:
                    self.writers[record["kind"]](
                        self.engine, **{k: _decode(v) for k, v in record["fields"].items()}
                    )
                except UNAVAILABLE:
                    self._spool(records[index:])  # still down: keep the rest, in order
                    claimed.unlink()
                    raise
                stored += 1
            claimed.unlink()
        if stored:
            logger.info("replayed %d spooled records", stored)
        return stored

    def _files(self) -> List[Path]:
        if not self.folder.is_dir():
            return []
        return sorted(self.folder.glob("spool-*.jsonl"), key=lambda p: (p.stat().st_mtime, p.name))

    @staticmethod
    def _read(path: Path) -> List[Dict[str, Any]]:
        records = []
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                records.append(json.loads(line))
            except ValueError:  # a torn last line after a crash: skip it, keep the rest
                logger.warning("skipped an unreadable spool line in %s", path.name)
        return records

    def _spool(self, records: List[Dict[str, Any]]) -> None:
        self._maybe_pending = True
        with self._lock:
            private_dir(self.folder)
            fd = os.open(self._file, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            with os.fdopen(fd, "a", encoding="utf-8") as handle:
                for record in records:
                    handle.write(json.dumps(record, ensure_ascii=False) + "\n")
                handle.flush()
                os.fsync(handle.fileno())
