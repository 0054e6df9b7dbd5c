"""Real headless Chromium (Debian's package, driven by Playwright) against the real stack.

Every browser test is marked `needs("browser")`: without chromium (on PATH, or
TAALBRUG_CHROMIUM) or axe-core (`npm ci`) it skips before any fixture here
starts; CI installs both (.ci/run) and sets TAALBRUG_REQUIRE_BROWSER=1, so
there a missing browser fails instead (tests/conftest.py). Playwright always
gets chromium's path: it never looks for a browser of its own download.
Screenshots are kept in var/screenshots/ as test artefacts.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Dict, Iterator, List

import pytest

from bot import PROJECT_ROOT
from bot.storage.accounts import create_account
from bot.storage.db import make_engine
from bot.storage.migrate import upgrade
from tests.conftest import AXE, chromium
from tests.live_stack import RunningStack, start_stack

SCREENSHOTS = PROJECT_ROOT / "var" / "screenshots"

ADMIN_PASSWORD = "beheerder-wachtwoord"
STAFF_PASSWORD = "baliemedewerker-1"


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningStack]:
    tmp = tmp_path_factory.mktemp("browser-stack")
    url = f"sqlite:///{tmp / 'taalbrug.db'}"
    upgrade(url)
    engine = make_engine(url)
    create_account(engine, "balie", "staff", STAFF_PASSWORD, datetime.now(timezone.utc), ["voorbeeldegem"])
    engine.dispose()
    running = start_stack(tmp, TAALBRUG_ADMIN_PASSWORD=ADMIN_PASSWORD, TAALBRUG_COOKIE_SECURE="0",
                          TAALBRUG_HASH_SALT="browser-salt", TAALBRUG_DESK_CLOCK="2026-11-24T10:00:00+01:00")
    yield running
    running.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Module-scoped: Playwright's sync API runs an event loop in this thread while it is open,
    which must be closed again before the async tests of other modules run."""
    from playwright.sync_api import sync_playwright

    executable = chromium()
    assert executable, "the browser tests are marked needs('browser'): they skip without chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture()
def page(browser) -> Iterator[Any]:
    context = browser.new_context(locale="nl-BE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def axe(page) -> List[Dict[str, Any]]:
    """Serious and critical axe-core violations on the page as it is now."""
    # Evaluated through the DevTools protocol: the page's own CSP (no inline scripts) stays on.
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"] if v["impact"] in ("serious", "critical")
    ]


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    return path
