"""Taalbrug's runtime folder and SQLite databases are readable by their own user only (0700 / 0600)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from bot.storage.db import make_engine, private_dir, private_sqlite_file
from bot.storage.spool import Recorder


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_sqlite_database_and_its_folder_are_private(tmp_path: Path) -> None:
    old = os.umask(0o022)  # the usual umask, which would give 0755 and 0644
    try:
        engine = make_engine(f"sqlite:///{tmp_path / 'var' / 'taalbrug.db'}")
        with engine.begin() as connection:
            connection.execute(text("create table t (x integer)"))
        engine.dispose()
        private_sqlite_file(f"sqlite:///{tmp_path / 'var' / 'tracker.db'}")  # Rasa's, made before Rasa starts
    finally:
        os.umask(old)
    assert mode(tmp_path / "var") == 0o700
    assert mode(tmp_path / "var" / "taalbrug.db") == 0o600
    assert mode(tmp_path / "var" / "tracker.db") == 0o600


def test_an_existing_var_folder_is_tightened_but_a_folder_that_merely_holds_a_file_is_not(tmp_path: Path) -> None:
    var, shared = tmp_path / "var", tmp_path / "shared"
    var.mkdir(mode=0o755)
    shared.mkdir(mode=0o755)
    private_dir(var, tighten=True)
    private_sqlite_file(f"sqlite:///{shared / 'taalbrug.db'}")
    assert mode(var) == 0o700
    assert mode(shared) == 0o755 and mode(shared / "taalbrug.db") == 0o600


def test_the_spool_folder_is_private(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        def database_down(engine: object, **fields: object) -> None:
            raise OperationalError("insert", {}, Exception("database is down"))

        recorder = Recorder(make_engine("sqlite:///:memory:"), tmp_path / "var" / "spool", {"note": database_down})
        assert recorder.write("note", text="x") is False  # spooled
    finally:
        os.umask(old)
    assert mode(tmp_path / "var" / "spool") == 0o700
