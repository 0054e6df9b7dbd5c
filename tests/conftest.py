"""Fixtures shared by all Taalbrug tests."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from bot import PROJECT_ROOT
from bot.content.loader import Content, load_content


def free_port() -> int:
    """A TCP port on loopback that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def project_root() -> Path:
    return PROJECT_ROOT


@pytest.fixture(scope="session")
def content() -> Content:
    return load_content(PROJECT_ROOT)

