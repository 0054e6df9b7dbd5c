"""Fixtures shared by all Taalbrug tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot import PROJECT_ROOT
from bot.bench.services import free_port  # noqa: F401 - the tests' free ports come from here too
from bot.content.loader import Content, load_content


@pytest.fixture(scope="session")
def project_root() -> Path:
    return PROJECT_ROOT


@pytest.fixture(scope="session")
def content() -> Content:
    return load_content(PROJECT_ROOT)

