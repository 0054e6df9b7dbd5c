"""Point the action server's settings at a fresh database for each test."""

from __future__ import annotations

from pathlib import Path

import pytest

from actions import context
from bot.storage.migrate import upgrade


@pytest.fixture()
def database_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'taalbrug.db'}"
    upgrade(url)
    monkeypatch.setenv("TAALBRUG_DATABASE_URL", url)
    monkeypatch.setenv("TAALBRUG_MUNICIPALITY", "voorbeeldegem")
    monkeypatch.setenv("TAALBRUG_HASH_SALT", "test-salt")
    monkeypatch.setenv("TAALBRUG_VAR_DIR", str(tmp_path / "var"))  # the spool lives here
    cached_engine = context.engine  # a test may replace context.engine
    context.settings.cache_clear()
    cached_engine.cache_clear()
    context.recorder.cache_clear()
    yield url
    cached_engine().dispose()
    context.settings.cache_clear()
    cached_engine.cache_clear()
    context._salt.cache_clear()
    context.recorder.cache_clear()


@pytest.fixture(autouse=True)
async def _close_availability_client():
    """Each test runs in its own event loop: close the live-availability session it opened."""
    yield
    await context.close_availability()
