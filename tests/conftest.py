"""Fixtures shared by all Taalbrug tests, and the suites that need more than Python.

Three suites need something from outside the virtual environment: the browser
tests (chromium and axe-core), the PostgreSQL suite and the replica test
(PostgreSQL and Redis). A test marked `@pytest.mark.needs("browser")`,
`needs("postgres")` or `needs("redis")` skips without it, with one line that
says why and how to get it; with TAALBRUG_REQUIRE_BROWSER=1 (or _POSTGRES,
_REDIS; CI sets all three) it fails instead. At the end of the run one summary
says for each whether it ran or was skipped, and why.
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Dict, Optional, Tuple

import pytest

from bot import PROJECT_ROOT
from bot.content.loader import Content, load_content


def free_port() -> int:
    """A TCP port on loopback that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]

AXE = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
RASA_WEBCHAT = PROJECT_ROOT / "node_modules" / "rasa-webchat" / "lib" / "index.js"
SERVICES = "`source .ci/services` (Debian's postgresql and redis-server), or `bash .ci/run`"


def chromium() -> Optional[str]:
    """Debian's chromium: TAALBRUG_CHROMIUM when set (a path or a name), else chromium on PATH."""
    configured = os.environ.get("TAALBRUG_CHROMIUM", "").strip()
    if configured:
        return shutil.which(configured)
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _browser_missing() -> str:
    configured = os.environ.get("TAALBRUG_CHROMIUM", "").strip()
    missing = []
    if not chromium():
        missing.append(f"TAALBRUG_CHROMIUM={configured} is not a program" if configured else "no chromium on PATH")
    if not AXE.exists():
        missing.append("no axe-core in node_modules (npm ci)")
    if not RASA_WEBCHAT.exists():
        missing.append("no rasa-webchat in node_modules (npm ci)")
    return ", ".join(missing)


def _postgres_missing() -> str:
    return "" if os.environ.get("TAALBRUG_TEST_POSTGRES_URL") else "TAALBRUG_TEST_POSTGRES_URL is not set"


def _redis_missing() -> str:
    unset = [v for v in ("TAALBRUG_TEST_POSTGRES_URL", "TAALBRUG_TEST_REDIS_URL") if not os.environ.get(v)]
    return f"{' and '.join(unset)} {'is' if len(unset) == 1 else 'are'} not set" if unset else ""


@dataclass(frozen=True)
class Extra:
    label: str
    require: str  # TAALBRUG_REQUIRE_*=1: fail instead of skip
    missing: Callable[[], str]  # why it cannot run here; "" when it can
    how: str


EXTRAS: Dict[str, Extra] = {
    "browser": Extra("browser (chromium, axe-core)", "TAALBRUG_REQUIRE_BROWSER", _browser_missing,
                     "`bash .ci/run`, or `apt install chromium npm` and then `make test`"),
    "postgres": Extra("PostgreSQL", "TAALBRUG_REQUIRE_POSTGRES", _postgres_missing, SERVICES),
    "redis": Extra("Redis (Rasa replicas)", "TAALBRUG_REQUIRE_REDIS", _redis_missing, SERVICES),
}


@lru_cache(maxsize=None)
def missing(name: str) -> str:
    return EXTRAS[name].missing()


# nodeid -> (extra, outcome) of every test that needs an extra, in this run
OUTCOMES: Dict[str, Tuple[str, str]] = {}


@pytest.hookimpl(tryfirst=True)  # before any fixture is set up
def pytest_runtest_setup(item: pytest.Item) -> None:
    for mark in item.iter_markers("needs"):
        name = mark.args[0]
        OUTCOMES[item.nodeid] = (name, "skipped")
        why = missing(name)
        if why:
            extra = EXTRAS[name]
            if os.environ.get(extra.require) == "1":
                OUTCOMES[item.nodeid] = (name, "required")
                pytest.fail(f"{extra.require}=1 but {why}", pytrace=False)
            pytest.skip(f"{extra.label} tests skipped: {why}. To run them: {extra.how}")


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.nodeid not in OUTCOMES:
        return
    name, outcome = OUTCOMES[report.nodeid]
    if outcome == "required":  # missing though required: failed without running
        return
    if report.failed:
        outcome = "failed"
    elif report.when == "call" and outcome != "failed":
        outcome = "passed" if report.passed else "skipped"
    OUTCOMES[report.nodeid] = (name, outcome)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """One summary of the suites that need more than Python: ran, or skipped and why."""
    terminalreporter.section("Taalbrug: suites that need more than Python")
    complete = True
    for name, extra in EXTRAS.items():
        counts = Counter(outcome for extra_name, outcome in OUTCOMES.values() if extra_name == name)
        total = sum(counts.values())
        if not total:
            line = f"{extra.label}: not selected in this run"
        elif counts["required"]:
            complete = False
            line = f"{extra.label}: FAILED, did not run ({_tests(counts['required'])}): {extra.require}=1 but {missing(name)}"
        elif counts["skipped"] == total:
            complete = False
            why = missing(name) or "skipped by the tests themselves"
            line = f"{extra.label}: SKIPPED ({_tests(total)}): {why}. To run them: {extra.how}"
        else:
            ran = ", ".join(f"{counts[k]} {k}" for k in ("passed", "failed", "skipped") if counts[k])
            line = f"{extra.label}: ran ({ran})"
        terminalreporter.write_line(line)
    if not complete:
        terminalreporter.write_line("This run was not complete: the suites above that say SKIPPED or FAILED did not run.")


def _tests(count: int) -> str:
    return f"{count} test{'' if count == 1 else 's'}"


@pytest.fixture(scope="session")
def project_root() -> Path:
    return PROJECT_ROOT


@pytest.fixture(scope="session")
def content() -> Content:
    return load_content(PROJECT_ROOT)


def fresh_postgres_database(server_url: str, prefix: str = "taalbrug_test") -> str:
    """A new, empty database on the PostgreSQL server of `server_url`; its URL."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"{prefix}_{secrets.token_hex(4)}"
    server = create_engine(make_url(server_url).set(database="postgres"), isolation_level="AUTOCOMMIT", future=True)
    try:
        with server.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        server.dispose()
    return str(make_url(server_url).set(database=name))
